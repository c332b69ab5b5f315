"""Opening sessions, finding them again, and writing their events."""

from __future__ import annotations

import copy
import os
import secrets
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from seminar_cli.agenda.loader import LoadedAgenda
from seminar_cli.agenda.models import Agenda, slugify
from seminar_cli.errors import SessionError
from seminar_cli.journal.events import EventType, validated_payload
from seminar_cli.journal.state import SessionState, fold
from seminar_cli.journal.store import Heartbeat, Journal, SessionRow, StoredEvent, this_host
from seminar_cli.timer import Clock

LIVE_WITHIN = timedelta(seconds=20)  # a heartbeat this recent means a runner is still alive


def new_session_id(agenda_title: str, when: datetime) -> str:
    """Short and readable: ``20261126-co-construisons-demain-7f3a``."""
    return f"{when:%Y%m%d}-{slugify(agenda_title)[:24].strip('-')}-{secrets.token_hex(2)}"


@dataclass(frozen=True)
class SessionSetup:
    title: str | None = None
    place: str | None = None
    facilitator: str | None = None
    secretary: str | None = None
    planned_start: str | None = None  # "HH:MM"
    rehearsal: bool = False
    speed: float = 1.0


def open_session(journal: Journal, loaded: LoadedAgenda, setup: SessionSetup, clock: Clock) -> str:
    agenda = loaded.agenda
    now = clock.now()
    setup = _plain_setup(setup)
    session_id = new_session_id(agenda.title, now)
    title = setup.title or agenda.title
    journal.create_session(
        session_id,
        created_at=now,
        title=title,
        agenda_name=_agenda_name(loaded.source),
        agenda_json=agenda.model_dump_json(),
        language=agenda.language,
        rehearsal=setup.rehearsal,
    )
    payload = {
        "agenda_name": _agenda_name(loaded.source),
        "title": title,
        "place": setup.place or agenda.place,
        "facilitator": setup.facilitator,
        "secretary": setup.secretary,
        "language": agenda.language,
        "rehearsal": setup.rehearsal,
        "speed": setup.speed,
        "planned_start": setup.planned_start
        or (agenda.starts_at.strftime("%H:%M") if agenda.starts_at else None),
    }
    journal.append(
        session_id,
        EventType.session_opened,
        validated_payload(EventType.session_opened, payload),
        now,
    )
    return session_id


def _plain_setup(setup: SessionSetup) -> SessionSetup:
    """The names typed at the start (flags or questions) without control characters: they are
    shown on the projector, echoed in terminals and written in the minutes."""
    from dataclasses import replace

    from seminar_cli.session.answers import strip_controls
    from seminar_cli.typed_text import plain_name

    def plain(value: str | None) -> str | None:
        return (strip_controls(value).strip() or None) if value is not None else None

    return replace(
        setup,
        title=plain(setup.title),
        place=plain(setup.place),
        facilitator=plain_name(setup.facilitator),
        secretary=plain_name(setup.secretary),
    )


def _agenda_name(source: str) -> str:
    from pathlib import Path

    from seminar_cli.typed_text import repair_undecodable

    # a file named in a Latin-1 terminal keeps its bytes on disk, its name is stored as text
    return repair_undecodable(Path(source).stem)


def stored_agenda(row: SessionRow) -> Agenda:
    """The agenda as it was when the session opened (the file on disk may have changed)."""
    from pydantic import ValidationError

    try:
        return Agenda.model_validate_json(row.agenda_json)
    except ValidationError:  # written by another version of seminar, or damaged
        raise SessionError("session.agenda_unreadable", id=row.id) from None


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: alive
    except OSError:
        return False
    # killed but not yet reaped by its parent (a zombie) is dead too (Linux tells it so)
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            fields = stat.read().rsplit(b")", 1)[-1].split()
    except OSError:
        return True
    return not fields or fields[0] not in (b"Z", b"X")


def beat_alive(beat: Heartbeat, now: datetime) -> bool:
    """Is the runner that wrote this heartbeat still running?

    On this machine the process itself is asked (a ``kill -9`` is seen at once, and a runner
    busy asking questions is not taken for dead); from another machine, only a recent
    heartbeat counts.
    """
    if beat.pid is not None and beat.host == this_host():
        return pid_alive(beat.pid)
    return abs(now - beat.real_at) <= LIVE_WITHIN


def is_live(journal: Journal, row: SessionRow, now: datetime) -> bool:
    if row.status != "open":
        return False
    beat = journal.last_heartbeat(row.id)
    return beat is not None and beat_alive(beat, now)


def claim_session(journal: Journal, row: SessionRow, clock: Clock) -> None:
    """Become the one process running this session; SessionError if another one still is."""
    from seminar_cli.timer import local_now

    now = local_now()
    held = journal.claim(row.id, clock.now(), now, lambda beat: beat_alive(beat, now))
    if held is not None:
        raise SessionError("session.running_elsewhere", id=row.id)


def resolve_session(journal: Journal, ref: str | None, now: datetime | None = None) -> SessionRow:
    """An id or unique prefix; without one, the live session, else the latest."""
    ref = ref.strip() if ref else None
    if ref:
        matches = journal.find_sessions(ref)
        exact = [r for r in matches if r.id == ref]
        if exact:  # an id that is also the beginning of a longer one
            return exact[0]
        if not matches:
            raise SessionError("session.unknown", ref=ref)
        if len(matches) > 1:
            ids = ", ".join(r.id for r in matches[:5]) + (" …" if len(matches) > 5 else "")
            raise SessionError("session.ambiguous", ref=ref, ids=ids)
        return matches[0]
    rows = journal.sessions()
    if not rows:
        raise SessionError("session.none")
    from seminar_cli.timer import local_now

    moment = now or local_now()
    live = [r for r in rows if is_live(journal, r, moment)]
    return live[0] if live else rows[0]


class SessionWriter:
    """Writes one session's events and keeps its folded state in step with the journal."""

    def __init__(self, journal: Journal, row: SessionRow, clock: Clock) -> None:
        self.journal = journal
        self.row = row
        self.clock = clock
        self.agenda = stored_agenda(row)
        self.state: SessionState = fold(row.id, self.agenda, journal.events(row.id))
        self._quiet_upto = 0  # see record_if

    @property
    def session_id(self) -> str:
        return self.row.id

    def sync(self) -> list[StoredEvent]:
        """Apply what other processes wrote since we last looked."""
        fresh = self.journal.events(self.row.id, after_seq=self.state.last_seq)
        for event in fresh:
            self.state.apply(event)
        return fresh

    def record(self, type_: EventType, **payload: Any) -> StoredEvent:
        event = self.journal.append(
            self.row.id, type_, validated_payload(type_, payload), self.clock.now()
        )
        self.sync()
        return event

    def record_many(self, events: list[tuple[EventType, dict[str, Any]]]) -> list[StoredEvent]:
        """Several events in one transaction at one moment (e.g. a round of secret ballots)."""
        checked = [(type_, validated_payload(type_, payload)) for type_, payload in events]
        written = self.journal.append_many(self.row.id, list(checked), self.clock.now())
        self.sync()
        return written

    def record_if(
        self,
        accept: Callable[[SessionState], bool],
        type_: EventType,
        /,
        *,
        watch: Collection[EventType] | None = None,
        **payload: Any,
    ) -> StoredEvent | None:
        """Record only if ``accept(state)`` holds on the state including every event other
        processes wrote; the check and the write are one transaction.  None when refused (or
        when the event's ``ref`` is already recorded).

        ``watch``: the only event types that can change the answer.  Then only those are read
        inside the write lock, and nothing else is read at all: fifty people answering at
        once do not each fold the others' answers.  ``state`` may then lag behind the journal
        until the next ``sync()``; it never holds an event out of order.
        """
        data = validated_payload(type_, payload)
        if watch is None:
            self.sync()  # catch up outside the write lock: readers never wait in WAL mode
            if not accept(self.state):
                return None

        quiet = True

        def check(fresh: list[StoredEvent]) -> bool:
            nonlocal quiet
            if watch is None:
                for event in fresh:
                    self.state.apply(event)
                return accept(self.state)
            if not fresh:  # nothing that matters happened since the state was folded
                return accept(self.state)
            quiet = False
            probe = copy.deepcopy(self.state)  # rare: something relevant happened meanwhile
            for event in fresh:
                probe.apply(event)
            return accept(probe)

        # up to _quiet_upto, no watched event is missing from the state: no need to look again
        after = self.state.last_seq if watch is None else max(self.state.last_seq, self._quiet_upto)
        event = self.journal.append_if(
            self.row.id,
            type_,
            data,
            self.clock.now(),
            after_seq=after,
            accept=check,
            watch=None if watch is None else [str(w) for w in watch],
        )
        if watch is None:
            self.sync()
        elif event is not None:
            if event.seq == self.state.last_seq + 1:
                self.state.apply(event)  # nobody else wrote meanwhile: still in step
            elif quiet and event.type not in watch:
                self._quiet_upto = event.seq
        return event

    def heartbeat(self) -> None:
        from seminar_cli.timer import local_now

        self.journal.heartbeat(self.row.id, self.clock.now(), local_now())


def load_state(journal: Journal, row: SessionRow) -> SessionState:
    return fold(row.id, stored_agenda(row), journal.events(row.id))
