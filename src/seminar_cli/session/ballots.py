"""Ballots (PRODUCT §7 and §9 "Who, ballot, anonymous"): who may cast one, for whom, and how
many voters the room screen counts ballots against.

Attendance is read as the journal holds it (the ``a`` key's, the desk's and the answers
file's ``attendance`` events), by the assembly's rules (session/assembly.py): only the
register's members vote, guests never, and a register's members are absent until signed in.
A member present casts their own ballot; a proxy holder casts one more per member they
carry.  The journal's marker of a secret ballot (``anonymous_voters``, then
``answer_marked``) names the member whose ballot it is, never the value: so each member's
ballot is cast once, whoever carries it.

Core code: no terminal library.
"""

from __future__ import annotations

from typing import Any

from seminar_cli.agenda.models import Ballot, Prompt
from seminar_cli.errors import AnswerError
from seminar_cli.journal.state import SessionState
from seminar_cli.session.assembly import quorum_now


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def is_secret_ballot(prompt: Prompt) -> bool:
    return prompt.ballot_mode is Ballot.secret


def members_carried(state: SessionState, holder: str) -> list[str]:
    """The register's members represented by ``holder`` (their proxies), in roster order."""
    key = _key(holder)
    carried = []
    for person in state.agenda.voting_members():
        record = state.attendance.get(person.name)
        if (
            record is not None
            and record.status == "represented"
            and record.represented_by
            and _key(record.represented_by) == key
        ):
            carried.append(person.name)
    return carried


def ballots_this_person_may_cast(state: SessionState, name: str) -> list[str]:
    """The members for whom ``name`` may cast a ballot now: themselves when a member present
    (anyone named, when the agenda has no roster), then each member they represent.  Empty:
    not a voter — a guest (``member: false``), someone off the roster, absent (a register's
    members are absent until signed in), or represented by someone else."""
    if not state.agenda.participants:
        return [name]
    members = {_key(p.name): p.name for p in state.agenda.voting_members()}
    own = members.get(_key(name))
    if own is None or state.status_of(own) != "present":
        return []
    return [own, *members_carried(state, own)]


def ballot_member(state: SessionState, voter: str, on_behalf: str | None) -> str:
    """The member whose ballot ``voter`` casts (``on_behalf``, or themselves), or AnswerError
    saying why they may not."""
    allowed = ballots_this_person_may_cast(state, voter)
    wanted = on_behalf or voter
    for member in allowed:
        if _key(member) == _key(wanted):
            return member
    key, params = why_not_voter(state, voter, on_behalf)
    raise AnswerError(key, **params)


def why_not_voter(
    state: SessionState, voter: str, on_behalf: str | None = None
) -> tuple[str, dict[str, Any]]:
    """The true reason ``voter`` may not cast a ballot (``on_behalf``'s, or their own), as a
    catalogue key and its parameters: a guest, a name off the register, a member represented
    (their holder votes for them), not signed in present; for someone else's ballot, that
    member votes in person, gave their proxy to another, or gave none to ``voter``."""
    if not state.agenda.participants:  # anyone votes, for themselves only: no proxies here
        return "ballot.why.for_no_proxy", {"name": voter, "member": on_behalf or voter}
    people = {_key(p.name): p for p in state.agenda.participants}
    person = people.get(_key(voter))
    name = person.name if person is not None else voter
    if person is None:
        off = "ballot.why.off_register" if state.agenda.has_register else "ballot.why.off_roster"
        return off, {"name": name}
    if not person.member:
        return "ballot.why.guest", {"name": name}
    record = state.attendance.get(name)
    status = state.status_of(name)
    if status == "represented" and record is not None and record.represented_by:
        return "ballot.why.represented", {"name": name, "holder": record.represented_by}
    if status != "present":
        if record is None or status not in ("absent", "excused", "left"):
            return "ballot.why.not_signed_in", {"name": name}
        return f"ballot.why.{status}", {"name": name}
    if on_behalf is None or _key(on_behalf) == _key(name):  # a member present: not this case
        return "ballot.why.off_register", {"name": name}
    other = people.get(_key(on_behalf))
    member = other.name if other is not None else on_behalf
    if other is None or not other.member:
        return "ballot.why.for_not_member", {"name": name, "member": member}
    theirs = state.attendance.get(member)
    if state.status_of(member) == "present":
        return "ballot.why.for_present", {"name": name, "member": member}
    if state.status_of(member) == "represented" and theirs and theirs.represented_by:
        holder = theirs.represented_by
        return "ballot.why.for_other_holder", {"name": name, "member": member, "holder": holder}
    return "ballot.why.for_no_proxy", {"name": name, "member": member}


def voters_present_and_represented(state: SessionState) -> int | None:
    """The voters of a ballot, the most ballots it can hold: the members present plus the
    members represented, counted as the quorum counts them (one function for both, PRODUCT
    §7: guests never count; a paper sheet's counts when the desk recorded some).  None with
    neither a roster nor paper counts (anyone may join: nothing to count against)."""
    if not state.agenda.participants and state.paper_counts is None:
        return None
    return quorum_now(state).voters
