"""The general assembly's rules (PRODUCT §7, §9): who counts, proxies, quorum, tallies, and
members' personal codes.

Pure functions of the agenda and the folded state, so the live screen, the desk at the door
(`seminar attendance`), the runner and the minutes apply the same rules; the writes go through
a session writer, checked and written in one transaction (``record_if``).
"""

from __future__ import annotations

import math
import secrets
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from seminar_cli.errors import SessionError
from seminar_cli.i18n import counted, plural
from seminar_cli.journal.events import EventType

if TYPE_CHECKING:
    from seminar_cli.agenda.models import Agenda, Participant, Prompt
    from seminar_cli.journal.state import SessionState
    from seminar_cli.session.service import SessionWriter

# unambiguous letters and digits (no 0/O, 1/I/L): read aloud, typed on a phone
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6


@dataclass(frozen=True)
class Quorum:
    """The figures of the quorum now: members present and represented against the required."""

    present: int
    represented: int
    base: int  # the members the quorum is a share of
    required: int  # ceil(share × base); 0 when the statutes set no quorum
    share: float
    second_call: bool = False
    on_paper: bool = False  # the figures come from a paper sheet's counts

    @property
    def voters(self) -> int:
        return self.present + self.represented

    @property
    def reached(self) -> bool:
        return self.voters >= self.required

    @property
    def may_deliberate(self) -> bool:
        """Whether votes held now can adopt a resolution: quorum reached, or a meeting on
        second convocation (which deliberates whatever the attendance)."""
        return self.reached or self.second_call


def required_members(share: float, base: int) -> int:
    """Members needed: the quorum's share of ``base``, rounded up (25 % of 85 -> 22)."""
    if share <= 0 or base <= 0:
        return 0
    return math.ceil(share * base - 1e-9)


def folded(text: str) -> str:
    """A name as the desk searches it: accents, case and extra spaces ignored."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return " ".join(plain.casefold().split())


def is_assembly(agenda: Agenda) -> bool:
    return agenda.assembly is not None


def member(agenda: Agenda, name: str) -> Participant | None:
    """The roster's entry for ``name`` if that person is a member (not a guest)."""
    for person in agenda.participants:
        if person.name == name:
            return person if person.member else None
    return None


def named_counts(state: SessionState) -> tuple[int, int]:
    """Members present now and members represented, from the names recorded (guests and
    those who left are not counted)."""
    present = represented = 0
    for person in state.agenda.voting_members():
        status = state.status_of(person.name)
        if status == "present":
            present += 1
        elif status == "represented":
            represented += 1
    return present, represented


def quorum_now(state: SessionState) -> Quorum:
    """The quorum as the attendance stands: a paper sheet's counts when the desk recorded
    some (PRODUCT §9), else the names signed in."""
    agenda = state.agenda
    assembly = agenda.assembly
    share = assembly.quorum if assembly else 0.0
    base = agenda.quorum_base()
    if state.paper_counts is not None:
        present, represented = state.paper_counts
    else:
        present, represented = named_counts(state)
    return Quorum(
        present=present,
        represented=represented,
        base=base,
        required=required_members(share, base),
        share=share,
        second_call=bool(assembly and assembly.second_call),
        on_paper=state.paper_counts is not None,
    )


# -- attendance and proxies ---------------------------------------------------------------------
Refusal = tuple[str, dict[str, Any]]  # a catalogue key and its parameters


def proxies_held(state: SessionState, holder: str, *, leaving_out: str | None = None) -> int:
    return sum(
        1
        for name, record in state.attendance.items()
        if record.status == "represented"
        and record.represented_by == holder
        and name != leaving_out
    )


def attendance_refusal(
    state: SessionState, name: str, status: str, represented_by: str | None
) -> Refusal | None:
    """Why this attendance cannot be recorded in an assembly (PRODUCT §7, §9), or None.

    A proxy is given by a member to a member present; ``assembly.proxies_max`` caps what one
    holder carries (none where the statutes are silent).  Outside an assembly, anything goes,
    as in 0.1."""
    agenda = state.agenda
    if agenda.assembly is None:
        return None
    roster = {p.name: p for p in agenda.participants}
    if status == "represented":
        giver = roster.get(name)
        if giver is not None and not giver.member:
            return "att.refused.guest_gives", {"name": name}
        if not represented_by:
            return "att.refused.no_holder", {"name": name}
        if represented_by == name:
            return "att.refused.self", {"name": name}
        holder = roster.get(represented_by)
        if holder is not None and not holder.member:
            return "att.refused.guest_holds", {"name": represented_by}
        if holder is not None and state.status_of(represented_by) != "present":
            return "att.refused.holder_absent", {"name": represented_by}
        cap = agenda.assembly.proxies_max
        held = proxies_held(state, represented_by, leaving_out=name)
        if cap is not None and held + 1 > cap:
            over_cap = plural("att.refused.over_cap", held)
            return over_cap, {"name": represented_by, "held": held, "max": cap}
    elif status != "present" and (held := proxies_held(state, name)):
        # who leaves takes the proxies away: they are given back first, by name
        return plural("att.refused.holder_leaves", held), {"name": name, "held": held}
    return proxy_in_use(state, name, status, represented_by)


def open_ballots(state: SessionState) -> list[Prompt]:
    """The votes and elections open now whose ballots are members' (not a show of hands)."""
    from seminar_cli.agenda.models import Ballot

    found = []
    for _segment, prompt in state.agenda.all_prompts():
        mode = prompt.ballot_mode
        if prompt.id in state.open_prompts and mode is not None and mode is not Ballot.hands:
            found.append(prompt)
    return found


def ballot_cast_for(
    state: SessionState, name: str, pending: Callable[[str, str], bool] | None = None
) -> Prompt | None:
    """The open vote or election where a ballot was cast for member ``name``: their secret
    ballot, written (``answer_marked``) or still held in the pool (``pending(prompt, name)``),
    or a roll-call answer under their name."""
    for prompt in open_ballots(state):
        if name in state.marked.get(prompt.id, ()):
            return prompt
        if any(a.participant == name for a in state.answers.get(prompt.id, [])):
            return prompt
        if pending is not None and pending(prompt.id, name):
            return prompt
    return None


def proxy_in_use(
    state: SessionState,
    name: str,
    status: str,
    represented_by: str | None,
    pending: Callable[[str, str], bool] | None = None,
) -> Refusal | None:
    """A represented member whose ballot is in an open vote keeps their proxy as it is until
    that vote closes: neither moved to another holder, nor turned into present or excused.
    The ballot was cast under that proxy; changing it would credit it to someone else and
    change the vote's count of voters while it runs.  Once the vote is closed the proxy may
    move again (a member arriving late, a holder leaving)."""
    record = state.attendance.get(name)
    if record is None or record.status != "represented":
        return None
    if status == "represented" and represented_by == record.represented_by:
        return None  # the same proxy recorded again: nothing changes
    prompt = ballot_cast_for(state, name, pending)
    if prompt is None:
        return None
    return "att.refused.ballot_cast", {
        "name": name,
        "holder": record.represented_by or "?",
        "prompt": prompt.question,
    }


def check_not_sealed(state: SessionState) -> None:
    """The attendance of sealed minutes is final (PRODUCT §7): SessionError."""
    if state.sealed is not None:
        raise SessionError(
            "seal.refused_attendance", id=state.session_id, at=_moment(state.sealed.when)
        )


def _moment(at: datetime) -> str:
    from seminar_cli.session.seal import moment_text

    return moment_text(at)


def check_attendance_list(
    agenda: Agenda, attendance: Iterable[tuple[str, str, str | None]]
) -> None:
    """The attendance recorded when a session opens, checked as a whole (the start's questions,
    an answers file's ``attendance:``): SessionError with the first refusal."""
    from seminar_cli.journal.state import AttendanceRecord, SessionState
    from seminar_cli.timer import local_now

    entries = list(attendance)
    probe = SessionState(session_id="", agenda=agenda)
    at = local_now()
    # the present first: a proxy's holder may come later in the list
    for name, status, _ in entries:
        if status != "represented":
            probe.attendance[name] = AttendanceRecord(status, None, at)
    for name, status, by in entries:
        if status == "represented":
            refusal = attendance_refusal(probe, name, status, by)
            if refusal is not None:
                raise SessionError(refusal[0], **refusal[1])
            probe.attendance[name] = AttendanceRecord(status, by, at)


def record_attendance(
    writer: SessionWriter, name: str, status: str, represented_by: str | None = None
) -> None:
    """Record one person's attendance, checked against the rules on the journal as it is at the
    moment of writing (the desk and the facilitator may sign people in at the same time).
    Refused after the seal, and while the member's ballot held in the anonymous pool is in
    an open vote (checked just before the write: the pool is not in the folded state)."""
    writer.sync()
    check_not_sealed(writer.state)
    in_pool = proxy_in_use(writer.state, name, status, represented_by, writer.has_voted)
    if in_pool is not None:
        raise SessionError(in_pool[0], **in_pool[1])
    refusal: list[Refusal] = []

    def accept(state: SessionState) -> bool:
        found = attendance_refusal(state, name, status, represented_by)
        if found is None and state.sealed is not None:
            found = "seal.refused_attendance", {"id": state.session_id, "at": "?"}
        if found is not None:
            refusal.append(found)
        return found is None

    written = writer.record_if(
        accept,
        EventType.attendance,
        participant=name,
        status=status,
        represented_by=represented_by if status == "represented" else None,
    )
    if written is None and refusal:
        check_not_sealed(writer.state)  # sealed meanwhile: said with the seal's moment
        raise SessionError(refusal[-1][0], **refusal[-1][1])


def record_paper_counts(writer: SessionWriter, present: int, represented: int) -> None:
    writer.sync()
    check_not_sealed(writer.state)
    if present < 0 or represented < 0:
        raise SessionError("att.counts_negative")
    base = writer.agenda.quorum_base()
    if base and present + represented > base:
        raise SessionError("att.counts_over", total=present + represented, base=base)
    writer.record(EventType.attendance_counts, present=present, represented=represented)


# -- tallies ------------------------------------------------------------------------------------
def tally_refusal(state: SessionState, value: Any) -> Refusal | None:
    """A show of hands larger than the members present and represented (PRODUCT §7)."""
    if state.agenda.assembly is None or not isinstance(value, dict):
        return None
    quorum = quorum_now(state)
    if not state.agenda.participants and not quorum.on_paper:
        return None  # nobody signed in by name nor on paper: no figure to check against
    hands = sum(v for v in value.values() if isinstance(v, int))
    if hands > quorum.voters:
        return "att.refused.tally", {  # each count agreed with its noun
            "hands": counted("results.votes", hands),
            "voters": counted("att.refused.tally.voters", quorum.voters),
            "present": quorum.present,
            "represented": quorum.represented,
        }
    return None


def announce_quorum(writer: SessionWriter, prompt_id: str | None) -> Quorum:
    """Record the quorum's figures as a vote opens: the minutes read them."""
    quorum = quorum_now(writer.state)
    writer.record(
        EventType.quorum_announced,
        prompt=prompt_id,
        present=quorum.present,
        represented=quorum.represented,
        required=quorum.required,
        base=quorum.base,
        reached=quorum.reached,
    )
    return quorum


def announced_quorum(state: SessionState, prompt_id: str) -> Quorum | None:
    """The quorum as it was announced when vote ``prompt_id`` opened (None: not announced,
    outside an assembly): the figures the room is told above the show of hands."""
    announced = state.quorum_announcements.get(prompt_id)
    assembly = state.agenda.assembly
    if announced is None or assembly is None:
        return None
    return Quorum(
        present=announced.present,
        represented=announced.represented,
        base=announced.base,
        required=announced.required,
        share=assembly.quorum,
        second_call=assembly.second_call,
        on_paper=state.paper_counts is not None,
    )


def deliberated_at_vote(state: SessionState, prompt_id: str) -> bool:
    """Whether a vote's result may stand (PRODUCT §7): outside an assembly always; in one,
    with the quorum announced as it opened (else as it stands) reached, or on second call."""
    if state.agenda.assembly is None:
        return True
    quorum = announced_quorum(state, prompt_id) or quorum_now(state)
    return quorum.may_deliberate


# -- members' personal codes --------------------------------------------------------------------
def new_code(taken: Iterable[str]) -> str:
    used = set(taken)
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if code not in used:
            return code


def code_of(state: SessionState, name: str) -> str | None:
    for code, holder in state.member_codes.items():
        if holder == name:
            return code
    return None


def member_code(writer: SessionWriter, name: str) -> str:
    """This member's personal code, made and recorded at their first sign-in (PRODUCT §9): the
    phones ask for it before taking a member's vote."""
    writer.sync()
    known = code_of(writer.state, name)
    if known is not None:
        return known
    code = new_code(writer.state.member_codes)

    def first(state: SessionState) -> bool:
        return code_of(state, name) is None and code not in state.member_codes

    writer.record_if(first, EventType.member_code, participant=name, code=code)
    found = code_of(writer.state, name)
    return found if found is not None else member_code(writer, name)


def member_for_code(session: SessionState, code: str) -> str | None:
    """The member a personal code was given to in this session (case and spaces ignored)."""
    wanted = "".join(code.split()).upper()
    return session.member_codes.get(wanted)


# -- the desk at the door (`seminar attendance`) ------------------------------------------------
@dataclass(frozen=True)
class SignedIn:
    name: str
    status: str
    represented_by: str | None = None
    code: str | None = None  # a member signed in present: their personal code
    guest: bool = False


@dataclass(frozen=True)
class DeskRequest:
    present: tuple[str, ...] = ()
    proxies: tuple[tuple[str, str], ...] = ()  # (holder, represented)
    excused: tuple[str, ...] = ()
    counts: tuple[int, int] | None = None  # a paper sheet: present, represented


def find_person(agenda: Agenda, query: str) -> Participant:
    """The roster's person a desk search names: accents, case and spaces ignored; an exact name
    first, else the one name holding the words typed."""
    wanted = folded(query)
    if not wanted:
        raise SessionError("att.unknown_name", name=query)
    exact = [p for p in agenda.participants if folded(p.name) == wanted]
    if exact:
        return exact[0]
    found = [p for p in agenda.participants if wanted in folded(p.name)]
    if len(found) == 1:
        return found[0]
    if not found:
        raise SessionError("att.unknown_name", name=query)
    names = ", ".join(p.name for p in found[:5]) + (" …" if len(found) > 5 else "")
    raise SessionError("att.ambiguous_name", name=query, names=names)


def search_people(agenda: Agenda, query: str) -> list[Participant]:
    wanted = folded(query)
    return [p for p in agenda.participants if wanted in folded(p.name)]


def sign_in(writer: SessionWriter, query: str, status: str, holder: str | None = None) -> SignedIn:
    """One line of the desk: ``query`` (a name as typed) is present, excused, or represented by
    ``holder``; a member present gets their personal code."""
    agenda = writer.agenda
    person = find_person(agenda, query)
    by = find_person(agenda, holder).name if holder else None
    return admit(writer, person.name, status, by)


def admit(
    writer: SessionWriter, name: str, status: str, represented_by: str | None = None
) -> SignedIn:
    """Record ``name``'s attendance by the assembly's rules and, for a register's member now
    present, make (or find) their personal code: the desk, the live screen's key ``a`` and
    an answers file's ``attendance:`` all sign people in through here, so every member
    present can vote from a phone (PRODUCT §9)."""
    record_attendance(writer, name, status, represented_by)
    person = next((p for p in writer.agenda.participants if p.name == name), None)
    is_member = person is not None and person.member
    code = None
    if status == "present" and is_member and writer.agenda.assembly is not None:
        code = member_code(writer, name)
    return SignedIn(name, status, represented_by, code, guest=not is_member)


def members_codes(state: SessionState) -> list[tuple[Participant, str | None]]:
    """Every member of the register in roster order with their personal code (None: not
    signed in present yet).  Reads only: nothing is made."""
    if state.agenda.assembly is None:
        raise SessionError("att.not_assembly", id=state.session_id)
    return [(p, code_of(state, p.name)) for p in state.agenda.voting_members()]


def attendance_desk(
    writer: SessionWriter,
    request: DeskRequest,
    recorded: Callable[[SignedIn], None] | None = None,
) -> tuple[list[SignedIn], Quorum]:
    """What `seminar attendance` records from its flags, in order: the present first (a proxy
    needs its holder present), then proxies, then the excused, then a paper sheet's counts.
    Stops at the first refusal (SessionError): what came before it is recorded, and each
    record is told to ``recorded`` as it is written, so the desk knows it before a refusal."""
    if writer.agenda.assembly is None:
        raise SessionError("att.not_assembly", id=writer.session_id)
    writer.sync()
    check_not_sealed(writer.state)
    done: list[SignedIn] = []

    def keep(item: SignedIn) -> None:
        done.append(item)
        if recorded is not None:
            recorded(item)

    for name in request.present:
        keep(sign_in(writer, name, "present"))
    for holder, represented in request.proxies:
        keep(sign_in(writer, represented, "represented", holder))
    for name in request.excused:
        keep(sign_in(writer, name, "excused"))
    if request.counts is not None:
        record_paper_counts(writer, *request.counts)
    writer.sync()
    return done, quorum_now(writer.state)


def member_cards(writer: SessionWriter) -> list[tuple[Participant, str]]:
    """Every member with their personal code (made now for those who have none yet)."""
    if writer.agenda.assembly is None:
        raise SessionError("att.not_assembly", id=writer.session_id)
    writer.sync()
    if any(code_of(writer.state, p.name) is None for p in writer.agenda.voting_members()):
        check_not_sealed(writer.state)  # codes would be made: a write
    return [(p, member_code(writer, p.name)) for p in writer.agenda.voting_members()]
