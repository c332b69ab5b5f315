"""The hash chain over a session's events (PRODUCT §7 "Sealed minutes", §9 "Seal").

Each event's hash is ``SHA-256(previous hash || canonical text of the event)``, as 64 lowercase
hexadecimal characters; the first event of a stream follows ``GENESIS`` (64 zeros).  The
canonical text is defined here, independently of any database, so that another store
(PostgreSQL, a copy of the journal) computes the same hashes: a JSON object with the keys
``session``, ``seq``, ``type``, ``at`` (the time exactly as stored, ISO 8601 text), ``payload``
(the stored JSON object) and ``ref`` (text or null), keys sorted at every level, no spaces
(``,`` and ``:``), non-ASCII characters as themselves, encoded in UTF-8.  The previous hash
enters as its 64 ASCII characters.

A session's events form streams (PRODUCT §9 "Streams"): the plenary's, and one per workshop,
each chained apart.  ``seq`` in the text is the event's position in its stream; a workshop's
event adds a ``stream`` key (the workshop's id), the plenary's has none, so the chains written
before workshops existed stay valid.  An event's hash is therefore unique to it in every
journal (it covers the session, the stream, the position and everything before it): it is
the event's global id, by which ``journal copy`` tells a copy from a divergence.

Pure functions: the store computes a hash when it appends, ``check_chain`` recomputes them.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

GENESIS = "0" * 64
HASH_LENGTH = 64


def canonical_text(
    session_id: str,
    seq: int,
    type_: str,
    at: str,
    payload: Any,
    ref: str | None,
    stream: str = "",
) -> bytes:
    """The bytes an event's hash covers (see the module's docstring)."""
    record = {"session": session_id, "seq": seq, "type": type_, "at": at, "payload": payload}
    record["ref"] = ref
    if stream:
        record["stream"] = stream
    return json.dumps(record, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode(
        "utf-8"
    )


def _dump(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


@dataclass(frozen=True, slots=True)
class PendingLink:
    """An event's canonical text made before its position is known, in the two pieces around
    the position (``seq`` sorts after ``at``, ``payload`` and ``ref`` and before ``session``
    and ``type``): the writer prepares it outside the writers' turn, and inside only adds the
    position and the previous hash."""

    head: bytes
    tail: bytes

    def canonical(self, seq: int) -> bytes:
        return self.head + str(seq).encode("ascii") + self.tail


def pending_link(
    session_id: str, type_: str, at: str, payload_text: str, ref: str | None, stream: str = ""
) -> PendingLink:
    """``canonical_text`` of an event stored as ``payload_text``, less its position."""
    payload = json.loads(payload_text)  # the stored text's object, as ``event_hash`` reads it
    head = f'{{"at":{_dump(at)},"payload":{_dump(payload)},"ref":{_dump(ref)},"seq":'
    in_stream = f',"stream":{_dump(stream)}' if stream else ""
    tail = f',"session":{_dump(session_id)}{in_stream},"type":{_dump(type_)}}}'
    return PendingLink(head.encode("utf-8"), tail.encode("utf-8"))


def link(previous: str, canonical: bytes) -> str:
    """The hash of an event whose canonical text is ``canonical``, after ``previous``."""
    return hashlib.sha256(previous.encode("ascii") + canonical).hexdigest()


def event_hash(
    previous: str,
    session_id: str,
    seq: int,
    type_: str,
    at: str,
    payload_text: str,
    ref: str | None,
    stream: str = "",
) -> str:
    """An event's hash from its row as stored (the payload as its JSON text)."""
    payload = json.loads(payload_text)
    return link(previous, canonical_text(session_id, seq, type_, at, payload, ref, stream))


@dataclass(frozen=True)
class ChainRow:
    """One stored event as the chain sees it: every column the hash covers, and the hash."""

    seq: int  # its place in the journal's reading order of the session
    type: str
    at: str
    payload: str
    ref: str | None
    hash: str | None
    position: int | None = None  # its place in its stream, which the hash covers (None: seq)

    @property
    def place(self) -> int | None:
        return self.seq if self.position is None else self.position


class BreakKind(StrEnum):
    altered = "altered"  # its hash does not match what it holds (changed, moved or added)
    missing = "missing"  # one or more events before it are gone (a gap in the sequence)


@dataclass(frozen=True)
class ChainBreak:
    kind: BreakKind
    seq: int  # the first event that does not hold (for a gap: the one after it)
    type: str
    at: str
    missing_from: int = 0  # for a gap: the first missing position


@dataclass(frozen=True)
class ChainCheck:
    events: int  # events checked, up to the break if any
    head: str  # the hash of the last event that holds (GENESIS: none)
    last_seq: int
    hashes: dict[str, int]  # each checked hash → its event's position (for --expect)
    broken: ChainBreak | None = None


def check_chain(session_id: str, rows: Iterable[ChainRow], stream: str = "") -> ChainCheck:
    """Recompute the chain from the first event, in order of position, up to the first event
    that does not hold: a changed column, a row moved to another position (its position is in
    its text), one added by hand (no hash, or a wrong one), or a gap where rows were deleted.
    What the chain cannot see alone — its last events deleted, or every hash recomputed — is
    caught by comparing its end with a hash printed elsewhere (``verify --expect``).

    ``rows`` come in the journal's reading order (``seq``), which is the order every reader
    folds them in: each must hold the next position of its stream, so that two events
    swapped in the reading order are caught as well as a changed position."""
    rows = list(rows)
    places = {row.place for row in rows}
    previous, expected_seq, count = GENESIS, 1, 0
    hashes: dict[str, int] = {}
    for row in rows:
        if row.place != expected_seq:
            kind = BreakKind.altered if expected_seq in places else BreakKind.missing
            gap = ChainBreak(kind, row.seq, row.type, row.at, expected_seq)
            return ChainCheck(count, previous, expected_seq - 1, hashes, gap)
        try:
            computed = event_hash(
                previous, session_id, expected_seq, row.type, row.at, row.payload, row.ref, stream
            )
        except (ValueError, TypeError):  # a payload that is no longer JSON
            computed = None
        if computed is None or computed != row.hash:
            altered = ChainBreak(BreakKind.altered, row.seq, row.type, row.at)
            return ChainCheck(count, previous, expected_seq - 1, hashes, altered)
        previous = computed
        hashes[computed] = expected_seq
        expected_seq += 1
        count += 1
    return ChainCheck(count, previous, expected_seq - 1, hashes)
