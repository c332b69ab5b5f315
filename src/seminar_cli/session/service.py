"""Opening sessions, finding them again, and writing their events."""

from __future__ import annotations

import contextlib
import copy
import os
import secrets
import time
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from seminar_cli.errors import SessionError
from seminar_cli.journal.events import AnswerGiven, AnswerMarked, EventType, validated_payload
from seminar_cli.journal.state import SessionState, fold
from seminar_cli.journal.store import (
    PLENARY,
    AnonymousOutcome,
    Heartbeat,
    Journal,
    SessionRow,
    StoredEvent,
    process_identity,
    this_host,
)
from seminar_cli.session.clock import session_now, session_speed
from seminar_cli.timer import Clock

if TYPE_CHECKING:
    # the agenda's models (pydantic) are imported by the functions that read a stored agenda;
    # the loader (YAML) only by whoever opens a session from a file
    from seminar_cli.agenda.loader import LoadedAgenda
    from seminar_cli.agenda.models import Agenda
    from seminar_cli.session.answers import AnswersFile

# makes a session's clock from its speed and, when resumed, its start (SystemClock's signature)
ClockMaker = Callable[[float, datetime | None], Clock]

LIVE_WITHIN = timedelta(seconds=20)  # a heartbeat this recent means a runner is still alive


def new_session_id(agenda_title: str, when: datetime) -> str:
    """Short and readable: ``20261126-co-construisons-demain-7f3a``."""
    from seminar_cli.agenda.models import slugify

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


Attendance = tuple[str, str, str | None]  # participant, status, represented by


def attendance_from_answers(agenda: Agenda, script: AnswersFile | None) -> list[Attendance]:
    """The roster's attendance when nobody is asked (``--no-input``): present, unless the
    answers file's ``attendance:`` says otherwise."""
    entries = script.attendance if script else {}
    attendance: list[Attendance] = []
    for person in agenda.participants:
        entry = entries.get(person.name)
        if entry is None and agenda.participants_file:
            continue  # a register's members sign in (`seminar attendance`, key a): absent till then
        attendance.append(
            (
                person.name,
                entry.status if entry else "present",
                entry.represented_by if entry else None,
            )
        )
    return attendance


def start_session(
    journal: Journal,
    loaded: LoadedAgenda,
    setup: SessionSetup,
    attendance: list[Attendance],
    make_clock: ClockMaker | None = None,
) -> SessionWriter:
    """Open a session of ``loaded`` on the wall clock (at ``setup.speed`` for a rehearsal; the
    clock from ``make_clock(speed, None)`` when given) and record who is there: the writer the
    runner then runs it with."""
    from seminar_cli.session.assembly import check_attendance_list
    from seminar_cli.timer import SystemClock

    check_attendance_list(loaded.agenda, attendance)  # a proxy refused opens nothing
    clock = (make_clock or SystemClock)(setup.speed, None)
    session_id = open_session(journal, loaded, setup, clock)
    writer = SessionWriter(journal, journal.session(session_id), clock)
    writer.hold_anonymous_key()
    for name, status, by in attendance:
        writer.record(EventType.attendance, participant=name, status=status, represented_by=by)
    if loaded.agenda.assembly is not None and loaded.agenda.has_register:
        from seminar_cli.session.assembly import member_code

        # members signed in present by an answers file get their personal code, as at the
        # desk: with a register, a member's phone votes only with it (PRODUCT §9)
        members = {p.name for p in loaded.agenda.voting_members()}
        for name, status, _by in attendance:
            if status == "present" and name in members:
                member_code(writer, name)
    return writer


def _plain_setup(setup: SessionSetup) -> SessionSetup:
    """The names typed at the start (flags or questions) without control characters: they are
    shown on the projector, echoed in terminals and written in the minutes."""
    from dataclasses import replace

    from seminar_cli.typed_text import plain_name, strip_controls

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

    from seminar_cli.agenda.models import Agenda

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
    busy asking questions is not taken for dead), and it must be the very process that wrote
    the heartbeat, not a later one given the same id; from another machine, only a recent
    heartbeat counts.
    """
    if beat.pid is not None and beat.host == this_host():
        if not pid_alive(beat.pid):
            return False
        if beat.process is None:  # written by an older version: the id is all there is
            return True
        # the same id may now be another process (a reboot, a restarted container)
        live = process_identity(beat.pid)
        return live is None or live == beat.process
    return abs(now - beat.real_at) <= LIVE_WITHIN


def is_live(journal: Journal, row: SessionRow, now: datetime) -> bool:
    if row.status != "open":
        return False
    beat = journal.last_heartbeat(row.id)
    return beat is not None and beat_alive(beat, now)


class SessionClock:
    """The clock of the processes beside a session's runner (``join``, the secretary): their
    answers and records are timed as the runner times its segments, so that a rehearsal's
    minutes hold one clock.  Asked afresh each time: the runner may pause, stop or resume."""

    def __init__(self, journal: Journal, row: SessionRow) -> None:
        self.journal = journal
        self.row = row
        self.state: SessionState | None = None  # the writer's state, once it has one
        self.speed = 1.0
        self._mono0 = time.monotonic()

    def follow(self, state: SessionState) -> None:
        self.state = state

    def monotonic(self) -> float:
        return time.monotonic() - self._mono0

    def sleep(self, seconds: float) -> None:
        if seconds > 0:
            time.sleep(seconds)

    def now(self) -> datetime:
        from seminar_cli.timer import local_now

        wall = local_now()
        state = self.state
        if state is not None:  # a resumed session may run at another speed
            self.speed = session_speed(state)
        beat = self.journal.last_heartbeat(self.row.id)
        alive = beat is not None and not (state and state.closed) and beat_alive(beat, wall)
        return session_now(state, beat, wall, alive=alive)


def writer_on_session_clock(
    journal: Journal, row: SessionRow, stream: str = PLENARY
) -> SessionWriter:
    """A writer for a process beside the runner (``join``, the secretary), on the session's
    clock (SessionClock); in a workshop's ``stream``, it writes there."""
    clock = SessionClock(journal, row)
    writer = SessionWriter(journal, row, clock, stream)
    clock.follow(writer.state)
    return writer


def claim_session(
    journal: Journal,
    row: SessionRow,
    clock: Clock,
    *,
    at: datetime | None = None,
    take_over: bool = False,
    public_key: bytes | None = None,
    stream: str = PLENARY,
) -> None:
    """Become the one process running this session (or, with ``stream``, this workshop of
    it); SessionError if another one still is.

    ``public_key``: this process's key for anonymous answers (``anonymous_key_for``),
    published with the claim, which voids what was sealed to the previous runner's key.

    ``at``: the session time the claim's heartbeat says (by default the clock's): after a crash,
    the dead runner's last sign of life, so that a crash before ``session_resumed`` is written
    still knows when the session really stopped.  ``take_over``: whatever the heartbeat says.
    """
    from seminar_cli.timer import local_now

    now = local_now()
    held = journal.claim(
        row.id,
        at or clock.now(),
        now,
        lambda beat: not take_over and beat_alive(beat, now),
        public_key,
        clock.now(),
        stream=stream,
    )
    if held is not None:
        if public_key is not None:
            from seminar_cli.journal import sealing

            sealing.forget(public_key)
        raise SessionError("session.running_elsewhere", id=row.id)


def takes_anonymous_answers(agenda: Agenda) -> bool:
    return any(prompt.anonymous for segment in agenda.segments for prompt in segment.prompts)


def anonymous_key_for(agenda: Agenda) -> bytes | None:
    """A new key pair for the runner of a session whose agenda has anonymous prompts (the
    private half kept in this process's memory, journal/sealing.py): its public half."""
    if not takes_anonymous_answers(agenda):
        return None  # PyNaCl is not even loaded
    from seminar_cli.journal import sealing

    return sealing.new_key()


def holder_alive(beat: Heartbeat) -> bool:
    """Is the process that published a session's key still running?  From another machine
    it cannot be asked: its key is trusted (and what is sealed to it is voided if it died)."""
    from seminar_cli.timer import local_now

    return beat.host != this_host() or beat_alive(beat, local_now())


def resolve_session(journal: Journal, ref: str | None, now: datetime | None = None) -> SessionRow:
    """An id, its unique beginning, else a unique part anywhere in it (ids all begin with a
    date: « f509 » is enough, PRODUCT §9); without one, the live session, else the latest."""
    ref = ref.strip() if ref else None
    if ref:
        matches = journal.find_sessions(ref) or journal.find_sessions(ref, anywhere=True)
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


def live_session(journal: Journal, now: datetime) -> SessionRow | None:
    """The session a runner runs now on this journal, if any (the latest first)."""
    return next((r for r in journal.sessions() if is_live(journal, r, now)), None)


def next_opened_session(
    journal: Journal, known: Collection[str], now: datetime
) -> SessionRow | None:
    """A session opened since the ids ``known`` were listed, or one a runner runs now (an
    interrupted one resumed): what ``join`` waits for when nothing runs (PRODUCT §9)."""
    for row in journal.sessions():
        if (row.id not in known and row.status == "open") or is_live(journal, row, now):
            return row
    return None


class SessionWriter:
    """Writes one session's events and keeps its folded state in step with the journal.

    ``stream``: the workshop this writer writes for (PRODUCT §9 "Streams"); its state folds
    the plenary's events (the segments, their timing) and the workshop's own (its prompts,
    answers and records), in the journal's order.  The plenary's writer folds only its own."""

    def __init__(
        self, journal: Journal, row: SessionRow, clock: Clock, stream: str = PLENARY
    ) -> None:
        self.journal = journal
        self.row = row
        self.clock = clock
        self.stream = stream
        self.streams = (PLENARY,) if stream == PLENARY else (PLENARY, stream)
        self.agenda = stored_agenda(row)
        self.state: SessionState = fold(
            row.id, self.agenda, journal.events(row.id, streams=self.streams)
        )
        self._quiet_upto = 0  # see record_if

    @property
    def session_id(self) -> str:
        return self.row.id

    def sync(self) -> list[StoredEvent]:
        """Apply what other processes wrote since we last looked."""
        fresh = self.journal.events(
            self.row.id, after_seq=self.state.last_seq, streams=self.streams
        )
        for event in fresh:
            self.state.apply(event)
        return fresh

    def record(self, type_: EventType, **payload: Any) -> StoredEvent:
        event = self.journal.append(
            self.row.id,
            type_,
            validated_payload(type_, payload),
            self.clock.now(),
            stream=self.stream,
        )
        self.sync()
        return event

    def record_many(self, events: list[tuple[EventType, dict[str, Any]]]) -> list[StoredEvent]:
        """Several events in one transaction at one moment (e.g. a round of secret ballots)."""
        checked = [(type_, validated_payload(type_, payload)) for type_, payload in events]
        written = self.journal.append_many(
            self.row.id, list(checked), self.clock.now(), stream=self.stream
        )
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
            stream=self.stream,
        )
        if watch is None:
            self.sync()
        elif event is not None:
            if event.seq == self.state.last_seq + 1:
                self.state.apply(event)  # nobody else wrote meanwhile: still in step
            elif quiet and event.type not in watch:
                self._quiet_upto = event.seq
        return event

    def record_anonymous(
        self,
        prompt_id: str,
        value: Any,
        participant: str | None,
        *,
        watch: Collection[EventType],
    ) -> AnonymousOutcome:
        """An anonymous answer, sealed to the runner's key and written by the runner in a
        shuffled batch (see ``Journal.append_anonymous``): never next to anything this person
        wrote.  Only while the prompt is open and a live process runs the session, and once per
        known ``participant``.  AnswerError when it is too long to be sealed."""
        # checked now as the events they become (the batch writes them later, as stored)
        answer = AnswerGiven.from_payload({"prompt": prompt_id, "value": value})
        if participant is not None:
            AnswerMarked.from_payload({"prompt": prompt_id, "participant": participant})

        def still_open(fresh: list[StoredEvent]) -> bool:
            probe = copy.deepcopy(self.state) if fresh else self.state
            for event in fresh:
                probe.apply(event)
            return prompt_id in probe.open_prompts

        return self.journal.append_anonymous(
            self.row.id,
            prompt_id,
            answer.value,
            participant,
            after_seq=max(self.state.last_seq, self._quiet_upto),
            accept=still_open,
            holder_alive=holder_alive,
            watch=[str(w) for w in watch],
            stream=self.stream,
        )

    def hold_anonymous_key(self) -> None:
        """This process runs the session (a new one): it holds the key anonymous answers are
        sealed to, and it alone writes them (``drain_anonymous``, the prompts' close)."""
        public_key = anonymous_key_for(self.agenda)
        if public_key is not None:
            self.journal.publish_key(self.row.id, public_key, self.clock.now(), stream=self.stream)
            self.sync()

    def drain_anonymous(self, *, stopping: bool = False) -> int:
        """The runner's tick: write the batches of anonymous answers that are ripe (ten or
        more waiting for a prompt: five drawn at random, with their markers).  How many.
        ``stopping``: this process is about to stop, and its key with it: five or more
        waiting for a prompt are written as one batch (``Journal.drain_anonymous``)."""
        if not self.state.open_prompts:
            return 0
        written = self.journal.drain_anonymous(
            self.row.id, self.clock.now(), stopping=stopping, stream=self.stream
        )
        if written:
            self.sync()
        return written

    def waiting_anonymous(self) -> dict[str, int]:
        """How many anonymous answers each open prompt holds for its next batch (a count only:
        the room sees answers arrive even before they are written)."""
        counts = {}
        for prompt_id in self.state.open_prompts:
            found = self.agenda.find_prompt(prompt_id, self.stream or None)
            if found is not None and found[1].anonymous:
                counts[prompt_id] = self.journal.pending_anonymous(
                    self.row.id, prompt_id, self.stream
                )
        return counts

    def has_voted(self, prompt_id: str, participant: str) -> bool:
        """Whether this person's anonymous answer is in (written or pending)."""
        return self.state.has_answer(prompt_id, participant) or self.journal.has_voted(
            self.row.id, prompt_id, participant
        )

    def deliver_file_entries(
        self, prompt_id: str, digest: str, values: list[Any], *, shuffle: bool
    ) -> int:
        """Unnamed entries of an answers file, each delivered once per file content (PRODUCT
        §9): how many were written now."""
        payloads = [
            validated_payload(EventType.answer_given, {"prompt": prompt_id, "value": v})
            for v in values
        ]
        written = self.journal.deliver_unnamed(
            self.row.id,
            prompt_id,
            digest,
            payloads,
            self.clock.now(),
            shuffle=shuffle,
            stream=self.stream,
        )
        self.sync()
        return len(written)

    def heartbeat(self) -> None:
        from seminar_cli.timer import local_now

        self.journal.heartbeat(self.row.id, self.clock.now(), local_now(), stream=self.stream)

    @contextlib.contextmanager
    def beating(self, every: float) -> Iterator[None]:
        """Heartbeats every ``every`` real seconds from a thread, while this one is held
        elsewhere (a round of questions at the keyboard).  The thread has its own connection
        (and its own turn at the writers' lock); it is stopped, and done, when the block ends,
        so that no heartbeat follows a suspension."""
        import threading

        from seminar_cli.errors import SeminarError
        from seminar_cli.timer import local_now

        stop = threading.Event()

        def beat() -> None:
            try:
                journal = Journal.open(self.journal.location, create=False)
            except SeminarError:
                return  # the next write in the main thread tells what is wrong
            try:
                while not stop.wait(every):
                    journal.heartbeat(
                        self.row.id, self.clock.now(), local_now(), stream=self.stream
                    )
            except SeminarError:
                pass
            finally:
                journal.close()

        thread = threading.Thread(target=beat, name="heartbeat", daemon=True)
        thread.start()
        try:
            yield
        finally:
            stop.set()
            thread.join()


def load_state(journal: Journal, row: SessionRow, stream: str = PLENARY) -> SessionState:
    """The session's state as the plenary sees it, or as a workshop's runner does (its
    stream's events over the plenary's)."""
    streams = (PLENARY,) if stream == PLENARY else (PLENARY, stream)
    return fold(row.id, stored_agenda(row), journal.events(row.id, streams=streams))
