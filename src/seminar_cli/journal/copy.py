"""``seminar journal copy``: sessions copied from one journal to another (PRODUCT §8 "Offline
laptops", §9 "Streams"), SQLite or PostgreSQL either way, so that a workshop run on a laptop
without the network merges into the day's journal afterwards.

An event is the same event in both journals when it has the same hash: the hash covers the
session, the stream, the position and every event before it in its stream (journal/chain.py),
so it is the event's global id.  For each stream of a session, one journal must hold a prefix
of the other's: the events the destination lacks are appended in order, as they are (stream,
position, type, time, payload, ref, hash), each with the next ``seq`` of the destination.  Two
journals holding different events at the same position of a stream have diverged: the session
is refused, explained, and nothing of it is written (one transaction per session).  Into an
empty destination every ``seq`` is the source's, so the copy's minutes are the source's byte
for byte.

Copied with the events: the session's row (made when absent, closed when either side is) and
the answers files' delivery counts (the larger of the two).  Not copied: what belongs to a
running process on one machine — heartbeats, join codes, phones' tokens, the keys of anonymous
answers and the answers still waiting, sealed, in the source's pool (only the process that
held the key could open them).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from seminar_cli.errors import ChainError, CopyRefused, JournalError, SeminarError, SessionError
from seminar_cli.journal.chain import BreakKind, check_chain
from seminar_cli.journal.store import PLENARY, CopiedEvent, Journal, SessionRow
from seminar_cli.paths import is_postgres_url, shown_location


@dataclass(frozen=True)
class SessionCopy:
    """What became of one session: events copied per stream, or why it was refused."""

    session_id: str
    copied: dict[str, int] = field(default_factory=dict)  # stream → events appended
    created: bool = False  # the destination did not hold the session
    updated: bool = False  # no event, but its status or the files' deliveries changed
    refusal: SeminarError | None = None
    left_waiting: int = 0  # anonymous answers waiting in the source's pool: not copied

    @property
    def events(self) -> int:
        return sum(self.copied.values())

    @property
    def up_to_date(self) -> bool:
        return self.refusal is None and not (self.copied or self.created or self.updated)


@dataclass(frozen=True)
class CopyReport:
    source: str  # as the user may see them (no password)
    destination: str
    sessions: list[SessionCopy]

    @property
    def refusals(self) -> list[SeminarError]:
        return [s.refusal for s in self.sessions if s.refusal is not None]


def copy_journal(
    source: Path | str, destination: Path | str, session: str | None = None
) -> CopyReport:
    """Copy every session of ``source`` (or the one ``session`` names: its id, its unique
    beginning, else a unique part of it) into ``destination``, made if needed.  The source is
    only read, and never created.  A session refused does not stop the others: the report
    says which, and why."""
    if _same_journal(source, destination):
        from seminar_cli.errors import UsageError

        raise UsageError("copy.same_journal", file=shown_location(source))
    try:
        reader = Journal.open_for_reading(source)
    except JournalError as error:
        if error.key == "journal.missing":
            raise JournalError("copy.source_missing", file=shown_location(source)) from None
        raise
    with reader:
        rows = _chosen_sessions(reader, session)
        with Journal.open(destination) as writer:
            copies = [copy_session(reader, writer, row) for row in rows]
    return CopyReport(shown_location(source), shown_location(destination), copies)


def _same_journal(source: Path | str, destination: Path | str) -> bool:
    if is_postgres_url(source) or is_postgres_url(destination):
        return str(source) == str(destination)
    try:
        return os.path.samefile(source, destination)
    except OSError:  # one of them does not exist (yet)
        return False


def _chosen_sessions(reader: Journal, ref: str | None) -> list[SessionRow]:
    """The sessions to copy, oldest first."""
    if ref is None:
        return list(reversed(reader.sessions()))
    from seminar_cli.session.service import resolve_session  # the usual matching of ids

    return [resolve_session(reader, ref)]


def copy_session(reader: Journal, writer: Journal, row: SessionRow) -> SessionCopy:
    """One session into ``writer``, all of it or nothing."""
    theirs = reader.copied_events(row.id)
    waiting = reader.waiting_anonymous(row.id)
    try:
        _check_source_chains(row.id, theirs)
        merged = writer.merge_session(
            row,
            reader.deliveries(row.id),
            lambda here, held: missing_events(row, theirs, here, held),
        )
    except (SessionError, ChainError) as refusal:
        return SessionCopy(row.id, refusal=refusal, left_waiting=waiting)
    copied: dict[str, int] = {}
    for event in merged.written:
        copied[event.stream] = copied.get(event.stream, 0) + 1
    return SessionCopy(
        row.id,
        dict(sorted(copied.items())),
        created=merged.created,
        updated=merged.closed or merged.deliveries > 0,
        left_waiting=waiting,
    )


def refused(report: CopyReport) -> CopyRefused | None:
    """The error that ends a copy that left sessions out (exit 1), or None."""
    refusals = report.refusals
    if not refusals:
        return None
    from seminar_cli.i18n import plural

    return CopyRefused(plural("copy.refused", len(refusals)), refusals)


def _by_stream(events: Iterable[CopiedEvent]) -> dict[str, list[CopiedEvent]]:
    streams: dict[str, list[CopiedEvent]] = {}
    for event in events:
        streams.setdefault(event.stream, []).append(event)
    return streams


def _check_source_chains(session_id: str, events: list[CopiedEvent]) -> None:
    """Every stream of the source's session holds, or ChainError in ``verify``'s words: a
    broken chain is never copied (its copy would break the destination's too)."""
    for stream, rows in sorted(_by_stream(events).items()):
        check = check_chain(session_id, [e.chain_row() for e in rows], stream)
        broken = check.broken
        if broken is None:
            continue
        at = _moment(broken.at)
        if broken.kind is BreakKind.missing:
            one = broken.missing_from == broken.seq - 1
            reason = ChainError(
                "seal.verify.missing_one" if one else "seal.verify.missing",
                id=session_id,
                first=broken.missing_from,
                last=broken.seq - 1,
                seq=broken.seq,
                type=broken.type,
                at=at,
            )
        else:
            reason = ChainError(
                "seal.verify.altered", id=session_id, seq=broken.seq, type=broken.type, at=at
            )
        raise ChainError("copy.source_broken", stream=stream_label(stream), reason=reason)


def missing_events(
    source: SessionRow,
    theirs: list[CopiedEvent],
    here: SessionRow | None,
    held: list[CopiedEvent],
) -> list[CopiedEvent]:
    """The source's events the destination lacks, in the source's reading order; SessionError
    where the two have diverged (the session's row, or a stream's event at one position)."""
    if here is not None:
        _check_same_session(source, here)
    ours = _by_stream(held)
    todo: list[CopiedEvent] = []
    for stream, rows in sorted(_by_stream(theirs).items()):
        mine = ours.get(stream, [])
        for their, our in zip(rows, mine, strict=False):
            if _key(their) != _key(our):
                raise SessionError(
                    "copy.diverged",
                    id=source.id,
                    stream=stream_label(stream),
                    position=their.position,
                    source_type=their.type,
                    source_at=_moment(their.at),
                    dest_type=our.type,
                    dest_at=_moment(our.at),
                )
        todo.extend(rows[len(mine) :])
    # an answer's ref is recorded once per session, whatever the stream: one already there
    # under another event is a divergence too (the database would refuse the copy)
    refs = {event.ref for event in held if event.ref is not None}
    for event in todo:
        if event.ref in refs:
            raise SessionError(
                "copy.diverged_ref",
                id=source.id,
                ref=event.ref,
                stream=stream_label(event.stream),
                position=event.position,
                type=event.type,
                at=_moment(event.at),
            )
    return sorted(todo, key=lambda event: event.seq)


def _key(event: CopiedEvent) -> tuple[object, ...]:
    """What makes two stored events the same one (everything but the local ``seq``)."""
    return (event.position, event.hash, event.type, event.at, event.payload, event.ref)


def _check_same_session(source: SessionRow, here: SessionRow) -> None:
    """The same id must be the same session: same opening time, title and agenda."""
    from seminar_cli.i18n import t

    if source.created_at.isoformat() != here.created_at.isoformat():
        what = t(
            "copy.differ.created_at",
            source=_moment(source.created_at.isoformat()),
            dest=_moment(here.created_at.isoformat()),
        )
    elif source.title != here.title:
        what = t("copy.differ.title", source=source.title, dest=here.title)
    elif (source.agenda_name, source.agenda_json, source.language, source.rehearsal) != (
        here.agenda_name,
        here.agenda_json,
        here.language,
        here.rehearsal,
    ):
        what = t("copy.differ.agenda")
    else:
        return
    raise SessionError("copy.diverged_session", id=source.id, what=what)


def stream_label(stream: str) -> str:
    """A stream as a sentence names it: the plenary, or a workshop by its id."""
    from seminar_cli.i18n import t

    return t("copy.stream.plenary") if stream == PLENARY else t("copy.stream.workshop", id=stream)


def _moment(stored: str) -> str:
    from seminar_cli.session.seal import moment_text  # the terminal's way of saying a time

    return moment_text(stored)
