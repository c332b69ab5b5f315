"""Sealed minutes (PRODUCT §7, §9 "Seal"): ``seminar verify`` and ``seminar seal``.

``verify`` recomputes a session's hash chain (journal/chain.py) from the journal alone and only
reads it; ``seal`` records the chain's last hash as a ``session_sealed`` event, after which the
secretary's records are errata (session/records.py).

The seal's hash, as the terminal and the documents give it, is the chain's hash AT the seal's
own event: it covers every event before it and the seal itself, and it is where the journal
ends right after sealing, so ``seminar verify ID --expect HASH`` printed by ``seal`` passes at
once (the event's payload holds the hash of the event before it, which it cannot hold its own).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from seminar_cli.errors import ChainError, SessionError, UsageError
from seminar_cli.i18n import plural
from seminar_cli.journal.chain import GENESIS, BreakKind, check_chain
from seminar_cli.journal.events import EventType, Record, SessionSealed

if TYPE_CHECKING:
    from seminar_cli.journal.state import SessionState
    from seminar_cli.journal.store import Journal, SessionRow

_HASH = re.compile(r"[0-9a-f]{64}")
SEAL_ATTEMPTS = 20  # another process writing between reading the head and sealing: try again


@dataclass(frozen=True)
class SealFacts:
    seq: int  # the seal's own event
    hash: str  # the chain's hash at that event: what the seal's check expects
    at: datetime  # when it was sealed, on the wall clock


@dataclass(frozen=True)
class Verification:
    """An intact chain: how many events, its last hash, and the seal with the errata after it."""

    session_id: str
    events: int
    head: str
    last_seq: int
    sealed: SealFacts | None
    errata: int
    expected: bool  # --expect was given, and the chain ends there


def moment_text(value: datetime | str) -> str:
    """A time for a terminal message, in the current language (plain spaces, as the rest of
    the terminal's messages); a stored time that does not read as one is shown as stored."""
    from seminar_cli.i18n import current_language
    from seminar_cli.minutes.exporters.text import Formatter

    if isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return value
    else:
        moment = value
    return Formatter(current_language()).moment(moment).replace("\u00a0", " ")


def expected_hash(text: str | None) -> str | None:
    """``--expect``'s value: a hash as the minutes print it (64 hexadecimal characters)."""
    if text is None:
        return None
    cleaned = re.sub(r"\s+", "", text).lower()
    if not _HASH.fullmatch(cleaned):
        raise UsageError("seal.bad_expect", value=text)
    return cleaned


def verify_session(journal: Journal, row: SessionRow, expect: str | None = None) -> Verification:
    """The chain recomputed from the first event; ChainError naming the first event that does
    not hold, or saying where the chain ends when it is not at ``expect``."""
    wanted = expected_hash(expect)
    rows = journal.chain(row.id)
    check = check_chain(row.id, rows)
    broken = check.broken
    if broken is not None:
        when = moment_text(broken.at)
        if broken.kind is BreakKind.missing:
            one = broken.missing_from == broken.seq - 1
            raise ChainError(
                "seal.verify.missing_one" if one else "seal.verify.missing",
                id=row.id,
                first=broken.missing_from,
                last=broken.seq - 1,
                seq=broken.seq,
                type=broken.type,
                at=when,
            )
        raise ChainError(
            "seal.verify.altered", id=row.id, seq=broken.seq, type=broken.type, at=when
        )
    recorded, errata = _seal_and_errata(journal, row)
    sealed: SealFacts | None = None
    if recorded is not None:
        covered, event_seq = recorded
        if check.hashes.get(covered.hash) != covered.seq:
            raise ChainError(
                "seal.verify.seal_mismatch", id=row.id, seq=covered.seq, hash=covered.hash
            )
        at_seal = next((r.hash for r in rows if r.seq == event_seq), None)
        sealed = SealFacts(event_seq, at_seal or covered.hash, covered.at)
    if wanted is not None and wanted != check.head:
        last = rows[-1] if rows else None
        found = check.hashes.get(wanted)
        if found is not None:
            at = rows[found - 1]
            raise ChainError(
                plural("seal.verify.expect_earlier", check.last_seq - found),
                id=row.id,
                expected=wanted,
                seq=found,
                type=at.type,
                at=moment_text(at.at),
                after=check.last_seq - found,
                head=check.head,
            )
        raise ChainError(
            "seal.verify.expect_elsewhere",
            id=row.id,
            expected=wanted,
            head=check.head if last else GENESIS,
            seq=check.last_seq,
            at=moment_text(last.at) if last else "—",
        )
    return Verification(
        row.id, check.events, check.head, check.last_seq, sealed, errata, wanted is not None
    )


def _seal_and_errata(journal: Journal, row: SessionRow) -> tuple[tuple[SealFacts, int] | None, int]:
    """The first seal as recorded (the event it covers and that event's hash) with the seal's
    own position, and the number of errata."""
    sealed: tuple[SealFacts, int] | None = None
    errata = 0
    for event in journal.events(row.id):
        match event.data:
            case SessionSealed(seq=seq, hash=chain_hash) if sealed is None:
                covered = SealFacts(seq, chain_hash, state_seal_time(event.data, event.at))
                sealed = (covered, event.seq)
            case Record(erratum=True):
                errata += 1
    return sealed, errata


def state_seal_time(seal: SessionSealed, at: datetime) -> datetime:
    """The seal's time on the wall (recorded with it), else the event's own."""
    from seminar_cli.journal.state import stored_moment  # verify folds nothing: no pydantic

    return stored_moment(seal.wall_at) or at


def seal_session(journal: Journal, row: SessionRow, wall: datetime | None = None) -> SealFacts:
    """Record the chain's last hash as ``session_sealed``: only for a closed session, once.

    The hash is read, then the seal written only if nothing was written in between (one
    transaction checks it); otherwise it is read again.  ``wall``: the wall clock's time of
    sealing (now by default), recorded with it: the PV and the terminal give that time, not
    the session's clock, which a rehearsal runs ahead of the wall."""
    from seminar_cli.session.records import open_writer
    from seminar_cli.timer import local_now

    wall = (wall or local_now()).replace(microsecond=0)

    writer = open_writer(journal, row)
    for _attempt in range(SEAL_ATTEMPTS):
        writer.sync()
        state = writer.state
        if state.sealed is not None:
            raise SessionError("seal.already", id=row.id, at=moment_text(state.sealed.when))
        if not state.closed:
            raise SessionError("seal.not_closed", id=row.id)
        seq = state.last_seq
        head = journal.hash_at(row.id, seq)
        if head is None:  # an event written before the chain existed cannot be: a bug
            raise ChainError("seal.verify.altered", id=row.id, seq=seq, type="?", at="?")

        def nothing_since(state: SessionState, seq: int = seq) -> bool:
            return state.last_seq == seq and state.sealed is None

        event = writer.record_if(
            nothing_since,
            EventType.session_sealed,
            seq=seq,
            hash=head,
            wall_at=wall.isoformat(timespec="seconds"),
        )
        if event is not None:
            sealed_head = journal.hash_at(row.id, event.seq)
            if sealed_head is None:  # just written in the chain: cannot be
                raise ChainError(
                    "seal.verify.altered", id=row.id, seq=event.seq, type=event.type, at="?"
                )
            return SealFacts(event.seq, sealed_head, wall)
    raise SessionError("seal.busy", id=row.id)
