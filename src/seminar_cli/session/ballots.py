"""Ballots (PRODUCT §7 and §9 "Who, ballot, anonymous"): who may cast one, for whom, and how
many voters the room screen counts ballots against.

Attendance is read as the journal holds it today (the ``a`` key's and the answers file's
``attendance`` events: present, represented by a present member…).  A member present casts
their own ballot; a proxy holder casts one more per member they carry.  The journal's marker
of a secret ballot (``anonymous_voters``, then ``answer_marked``) names the member whose
ballot it is, never the value: so each member's ballot is cast once, whoever carries it.

Core code: no terminal library.
"""

from __future__ import annotations

from seminar_cli.agenda.models import Ballot, Prompt
from seminar_cli.errors import AnswerError
from seminar_cli.journal.state import SessionState


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def is_secret_ballot(prompt: Prompt) -> bool:
    return prompt.ballot_mode is Ballot.secret


def members_carried(state: SessionState, holder: str) -> list[str]:
    """The roster's members represented by ``holder`` (their proxies), in roster order."""
    key = _key(holder)
    carried = []
    for person in state.agenda.participants:
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
    """The members for whom ``name`` may cast a ballot now: themselves when present (anyone
    named, when the agenda has no roster), then each member they represent.  Empty: not a
    voter (not on the roster, absent, or represented by someone else)."""
    roster = {_key(p.name): p.name for p in state.agenda.participants}
    if not roster:
        return [name]
    own = roster.get(_key(name))
    if own is None:
        return []
    record = state.attendance.get(own)
    present = record is None or record.status == "present"
    return ([own] if present else []) + (members_carried(state, own) if present else [])


def ballot_member(state: SessionState, voter: str, on_behalf: str | None) -> str:
    """The member whose ballot ``voter`` casts (``on_behalf``, or themselves), or AnswerError
    saying why they may not."""
    allowed = ballots_this_person_may_cast(state, voter)
    wanted = on_behalf or voter
    for member in allowed:
        if _key(member) == _key(wanted):
            return member
    if on_behalf is None:
        raise AnswerError("ballot.not_voter_self", name=voter)
    raise AnswerError("ballot.not_voter", name=voter, member=wanted)


def voters_present_and_represented(state: SessionState) -> int | None:
    """Members present plus members represented: the most ballots a vote can hold.  None
    without a roster (anyone may join: nothing to count against)."""
    if not state.agenda.participants:
        return None
    present = len(state.present_participants())
    represented = sum(
        1
        for person in state.agenda.participants
        if (record := state.attendance.get(person.name)) is not None
        and record.status == "represented"
        and record.represented_by
    )
    return present + represented
