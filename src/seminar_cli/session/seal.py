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
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from seminar_cli.errors import ChainError, SessionError, UsageError
from seminar_cli.i18n import plural
from seminar_cli.journal.chain import GENESIS, BreakKind, ChainCheck, ChainRow, check_chain
from seminar_cli.journal.events import EventType, Record, SessionSealed
from seminar_cli.journal.store import PLENARY

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
    errata: int  # in every stream
    expected: bool  # --expect was given, and the chain ends there
    workshops: dict[str, int] = field(default_factory=dict)  # each workshop's intact chain
    after_seal: dict[str, int] = field(default_factory=dict)  # workshop events after the seal


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
    """Every stream's chain recomputed from its first event (the plenary's, then each
    workshop's); ChainError naming the first event that does not hold (and its workshop), or
    saying where the plenary's chain ends when it is not at ``expect``."""
    wanted = expected_hash(expect)
    rows = journal.chain(row.id)
    check = check_chain(row.id, rows)
    if check.broken is not None:
        raise _broken(row.id, check, rows)
    workshops: dict[str, ChainCheck] = {}
    for stream in journal.streams(row.id):
        if stream == PLENARY:
            continue
        stream_rows = journal.chain(row.id, stream)
        stream_check = check_chain(row.id, stream_rows, stream)
        if stream_check.broken is not None:
            raise _broken(row.id, stream_check, stream_rows, stream)
        workshops[stream] = stream_check
    recorded = _seal_and_errata(journal, row)
    sealed: SealFacts | None = None
    after_seal: dict[str, int] = {}
    if recorded.seal is not None:
        covered = recorded.seal
        if not _holds(check, rows, covered.seq, covered.hash):
            raise ChainError(
                "seal.verify.seal_mismatch", id=row.id, seq=covered.seq, hash=covered.hash
            )
        for stream, head in (recorded.heads or {}).items():
            in_stream = workshops.get(stream)
            if in_stream is None or in_stream.hashes.get(head["hash"]) != head["seq"]:
                raise ChainError(
                    "seal.verify.workshop_seal_mismatch",
                    id=row.id,
                    workshop=stream,
                    seq=head["seq"],
                    hash=head["hash"],
                )
        for stream, stream_check in workshops.items():
            if recorded.heads is not None:
                sealed_head = recorded.heads.get(stream)
                added = stream_check.events - (sealed_head["seq"] if sealed_head else 0)
            else:  # a seal that recorded no workshop: what came after it in the journal
                added = sum(1 for r in journal.chain(row.id, stream) if r.seq > recorded.seal_seq)
            # an erratum is told as one, not as an event added
            added -= recorded.errata_by_stream.get(stream, 0)
            if added > 0:
                after_seal[stream] = added
        at_seal = next((r.hash for r in rows if r.seq == recorded.seal_seq), None)
        sealed = SealFacts(recorded.seal_seq, at_seal or covered.hash, covered.at)
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
        row.id,
        check.events,
        check.head,
        check.last_seq,
        sealed,
        sum(recorded.errata_by_stream.values()),
        wanted is not None,
        {stream: checked.events for stream, checked in workshops.items()},
        after_seal,
    )


def _broken(
    session_id: str, check: ChainCheck, rows: list[ChainRow], stream: str = PLENARY
) -> ChainError:
    """The first event of a stream that does not hold, by its number in that stream: for a
    gap, the position of the event after it; otherwise its place in the stream's reading order
    (the events before it hold)."""
    broken = check.broken
    assert broken is not None
    when = moment_text(broken.at)
    workshop = {"workshop": stream} if stream else {}
    if broken.kind is BreakKind.missing:
        after = next((r.place or r.seq for r in rows if r.seq == broken.seq), broken.seq)
        one = broken.missing_from == after - 1
        keys = (
            ("seal.verify.workshop_missing_one", "seal.verify.workshop_missing")
            if stream
            else ("seal.verify.missing_one", "seal.verify.missing")
        )
        return ChainError(
            keys[0] if one else keys[1],
            id=session_id,
            first=broken.missing_from,
            last=after - 1,
            seq=after,
            type=broken.type,
            at=when,
            **workshop,
        )
    return ChainError(
        "seal.verify.workshop_altered" if stream else "seal.verify.altered",
        id=session_id,
        seq=check.events + 1,
        type=broken.type,
        at=when,
        **workshop,
    )


def _holds(check: ChainCheck, rows: list[ChainRow], seq: int, chain_hash: str) -> bool:
    """The plenary's chain holds ``chain_hash`` at position ``seq`` — or, for a seal written
    before it recorded positions, at the journal's ``seq`` (the same while no workshop wrote)."""
    position = check.hashes.get(chain_hash)
    if position is None:
        return False
    return position == seq or rows[position - 1].seq == seq


@dataclass(frozen=True)
class _Recorded:
    seal: SealFacts | None  # the head it covers: the plenary's position and hash
    seal_seq: int  # the seal's own event, in the journal's reading order
    heads: dict[str, dict[str, Any]] | None  # each workshop's head at the seal
    errata_by_stream: dict[str, int]


def _seal_and_errata(journal: Journal, row: SessionRow) -> _Recorded:
    """The first seal as recorded (what it covers, its own place, the workshops' heads), and
    the errata of every stream."""
    seal: SealFacts | None = None
    seal_seq = 0
    heads: dict[str, dict[str, Any]] | None = None
    errata: dict[str, int] = {}
    for event in journal.events(row.id, streams=None):
        match event.data:
            case SessionSealed(seq=seq, hash=chain_hash, streams=streams) if (
                seal is None and event.stream == PLENARY
            ):
                seal = SealFacts(seq, chain_hash, state_seal_time(event.data, event.at))
                seal_seq, heads = event.seq, streams
            case Record(erratum=True):
                errata[event.stream] = errata.get(event.stream, 0) + 1
    return _Recorded(seal, seal_seq, heads, errata)


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
        # the plenary's head by its position in its stream (what the chain covers; the
        # journal's ``seq`` differs from it once workshops wrote), and each workshop's head
        last = next((r for r in reversed(journal.chain(row.id)) if r.seq == seq), None)
        if last is None or last.hash is None:  # an event without a hash cannot be: a bug
            raise ChainError("seal.verify.altered", id=row.id, seq=seq, type="?", at="?")
        heads = _workshop_heads(journal, row)

        def nothing_since(state: SessionState, seq: int = seq) -> bool:
            return state.last_seq == seq and state.sealed is None

        event = writer.record_if(
            nothing_since,
            EventType.session_sealed,
            seq=last.place or seq,
            hash=last.hash,
            wall_at=wall.isoformat(timespec="seconds"),
            streams=heads or None,
        )
        if event is not None:
            sealed_head = journal.hash_at(row.id, event.seq)
            if sealed_head is None:  # just written in the chain: cannot be
                raise ChainError(
                    "seal.verify.altered", id=row.id, seq=event.seq, type=event.type, at="?"
                )
            return SealFacts(event.seq, sealed_head, wall)
    raise SessionError("seal.busy", id=row.id)


def _workshop_heads(journal: Journal, row: SessionRow) -> dict[str, dict[str, Any]]:
    """Each workshop stream's last position and hash, as the seal records them.  A workshop
    that writes between this read and the seal is not covered: ``verify`` counts its event
    as added after the seal, which in time it is."""
    heads: dict[str, dict[str, Any]] = {}
    for stream in journal.streams(row.id):
        if stream == PLENARY:
            continue
        rows = journal.chain(row.id, stream)
        if rows and rows[-1].hash is not None:
            heads[stream] = {"seq": rows[-1].place or rows[-1].seq, "hash": rows[-1].hash}
    return heads
