"""The state of a session is a pure fold of its events (PRODUCT §4).

No clock is read here: times come from the events, and "now" is passed in by the caller.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from seminar_cli.journal.events import (
    AnonymousVoided,
    AnswerGiven,
    AnswerMarked,
    Attendance,
    AttendanceCounts,
    EventType,
    MemberCode,
    PromptClosed,
    PromptOpened,
    QuorumAnnounced,
    Record,
    ReplanAccepted,
    SegmentEnded,
    SegmentExtended,
    SegmentPaused,
    SegmentResumed,
    SegmentSkipped,
    SegmentStarted,
    SessionClosed,
    SessionOpened,
    SessionResumed,
    SessionSealed,
    SessionSuspended,
)
from seminar_cli.journal.store import PLENARY, StoredEvent

if TYPE_CHECKING:  # only typed here: the fold reads the agenda's segments, pydantic stays out
    from seminar_cli.agenda.models import Agenda

# what `seminar join` and the secretary write: such an event says nothing about whether the
# runner was alive when it was written (nor is its time on the runner's clock)
WRITTEN_BY_OTHERS = frozenset(
    {
        EventType.answer_given,
        EventType.answer_marked,
        EventType.note,
        EventType.decision,
        EventType.action,
        EventType.session_sealed,
        EventType.attendance,  # also from the desk at the door (`seminar attendance`)
        EventType.attendance_counts,
        EventType.member_code,
        # written as a runner claims the session, before it says it resumed
        EventType.anonymous_voided,
    }
)


@dataclass
class SegmentState:
    id: str
    planned: int  # seconds, as in the agenda
    replanned: int | None = None  # seconds, after the last accepted re-plan
    extra: int = 0  # minutes added or removed with +/- (in seconds)
    started_at: datetime | None = None
    ended_at: datetime | None = None
    elapsed: float = 0.0  # active seconds, up to ``running_since``
    running_since: datetime | None = None
    paused: bool = False
    suspended: bool = False  # stopped by a quit or a crash while running: runs again on resume
    skipped: bool = False
    early: bool = False

    @property
    def allotted(self) -> int:
        return max(0, (self.replanned if self.replanned is not None else self.planned) + self.extra)

    @property
    def done(self) -> bool:
        return self.ended_at is not None or self.skipped

    @property
    def started(self) -> bool:
        return self.started_at is not None

    def elapsed_at(self, now: datetime) -> float:
        if self.running_since is None:
            return self.elapsed
        return self.elapsed + max(0.0, (now - self.running_since).total_seconds())

    def remaining_at(self, now: datetime) -> float:
        return self.allotted - self.elapsed_at(now)

    def _stop_clock(self, at: datetime) -> None:
        if self.running_since is not None:
            self.elapsed += max(0.0, (at - self.running_since).total_seconds())
            self.running_since = None


@dataclass(frozen=True)
class AnswerRecord:
    prompt: str
    participant: str | None
    value: Any
    at: datetime
    ref: str | None = None
    seq: int = 0
    via: str | None = None  # "web" for an answer from a phone


@dataclass(frozen=True)
class TextRecord:
    kind: str  # note | decision | action
    segment: str | None
    text: str
    at: datetime
    owner: str | None = None
    due: str | None = None
    erratum: bool = False  # recorded after the seal
    after_close: bool = False  # recorded after the session closed (a later mention)


@dataclass(frozen=True)
class SealRecord:
    """The seal: the minutes made final at the chain's ``hash`` of event ``seq``."""

    seq: int
    hash: str
    at: datetime  # on the session's clock
    wall_at: datetime | None = None  # on the wall's, as recorded by the seal (None: older)

    @property
    def when(self) -> datetime:
        """When it was sealed, as a person's watch said: the wall clock's time."""
        return self.wall_at or self.at


@dataclass(frozen=True)
class AttendanceRecord:
    status: str
    represented_by: str | None
    at: datetime


@dataclass
class SessionState:
    session_id: str
    agenda: Agenda
    meta: dict[str, Any] = field(default_factory=dict)
    segments: dict[str, SegmentState] = field(default_factory=dict)
    current: str | None = None
    open_prompts: dict[str, datetime] = field(default_factory=dict)
    closed_prompts: dict[str, datetime] = field(default_factory=dict)
    answers: dict[str, list[AnswerRecord]] = field(default_factory=dict)
    # who answered each anonymous prompt (written in batches, apart from the values)
    marked: dict[str, set[str]] = field(default_factory=dict)
    # how many anonymous answers of each prompt a stopped runner's key took with it
    voided_anonymous: dict[str, int] = field(default_factory=dict)
    attendance: dict[str, AttendanceRecord] = field(default_factory=dict)
    # the general assembly: a paper sheet's counts (present, represented), members' codes
    # (code -> member), the quorum read out as each vote opened (prompt -> figures)
    paper_counts: tuple[int, int] | None = None
    member_codes: dict[str, str] = field(default_factory=dict)
    quorum_announcements: dict[str | None, QuorumAnnounced] = field(default_factory=dict)
    records: list[TextRecord] = field(default_factory=list)
    replans: list[tuple[datetime, dict[str, int]]] = field(default_factory=list)
    opened_at: datetime | None = None
    closed_at: datetime | None = None
    sealed: SealRecord | None = None  # the first seal (a second one is refused when written)
    suspended_at: datetime | None = None
    last_event_at: datetime | None = None
    runner_event_at: datetime | None = None  # the last event only a runner writes
    # a workshop's fold (its stream over the plenary's): the last event its own runner wrote,
    # and when its facilitator last quit it (None once the same command took it up again)
    station_event_at: datetime | None = None
    station_suspended_at: datetime | None = None
    last_seq: int = 0
    _answer_index: dict[tuple[str, str], int] = field(default_factory=dict, repr=False)

    # -- derived -------------------------------------------------------------------------
    @property
    def closed(self) -> bool:
        return self.closed_at is not None

    @property
    def rehearsal(self) -> bool:
        return bool(self.meta.get("rehearsal"))

    def next_segment_id(self) -> str | None:
        """The segment to run now: the current one, else the first not done."""
        if self.current is not None:
            return self.current
        for segment in self.agenda.segments:
            if not self.segments[segment.id].done:
                return segment.id
        return None

    def segment_after(self, segment_id: str) -> str | None:
        ids = [s.id for s in self.agenda.segments]
        for later in ids[ids.index(segment_id) + 1 :]:
            if not self.segments[later].done:
                return later
        return None

    def answer_count(self, prompt_id: str) -> int:
        return sum(1 for a in self.answers.get(prompt_id, []) if a.value is not None)

    def has_answer(self, prompt_id: str, participant: str | None, ref: str | None = None) -> bool:
        for answer in self.answers.get(prompt_id, []):
            if ref is not None and answer.ref == ref:
                return True
            if participant is not None and answer.participant == participant:
                return True
        return participant is not None and participant in self.marked.get(prompt_id, ())

    def present_participants(self) -> list[str]:
        """Roster names present now (absent, excused, represented and departed are left out)."""
        names = []
        for person in self.agenda.participants:
            record = self.attendance.get(person.name)
            if (record.status if record else self.default_status()) == "present":
                names.append(person.name)
        return names

    def default_status(self) -> str:
        """A roster name's attendance before anything is recorded: present, as in 0.1; with
        a register of members (an assembly's ``participants_file``), absent until signed in."""
        return "absent" if self.agenda.participants_file else "present"

    def status_of(self, name: str) -> str:
        record = self.attendance.get(name)
        return record.status if record else self.default_status()

    def current_segment_for_records(self) -> str | None:
        """Where a note goes: the running segment, else the last one started."""
        if self.current:
            return self.current
        started = [s for s in self.agenda.segments if self.segments[s.id].started]
        return started[-1].id if started else None

    # -- the fold ------------------------------------------------------------------------
    def apply(self, event: StoredEvent) -> None:
        at = event.at
        self.last_seq = max(self.last_seq, event.seq)
        self.last_event_at = at
        if event.type not in WRITTEN_BY_OTHERS:
            self.runner_event_at = at
            if event.stream != PLENARY:
                self.station_event_at = at
        match event.data:
            case SessionOpened():
                # as stored: a journal of an older version keeps what it said (no defaults added)
                self.meta = dict(event.payload)
                self.opened_at = at
            case Attendance(participant=participant, status=status, represented_by=proxy):
                self.attendance[participant] = AttendanceRecord(status, proxy, at)
            case AttendanceCounts(present=present, represented=represented):
                self.paper_counts = (present, represented)
            case MemberCode(participant=participant, code=code):
                self.member_codes[code] = participant
            case QuorumAnnounced(prompt=prompt_id):
                self.quorum_announcements[prompt_id] = event.data
            case SegmentStarted(segment=segment_id):
                seg = self.segments[segment_id]
                if seg.started_at is None:
                    seg.started_at = at
                seg.running_since = at
                seg.paused = False
                seg.suspended = False
                self.current = seg.id
            case SegmentPaused(segment=segment_id):
                seg = self.segments[segment_id]
                seg._stop_clock(at)
                seg.paused = True
            case SegmentResumed(segment=segment_id):
                seg = self.segments[segment_id]
                if seg.running_since is None:
                    seg.running_since = at
                seg.paused = False
            case SegmentExtended(segment=segment_id, seconds=seconds):
                self.segments[segment_id].extra += seconds
            case SegmentEnded(segment=segment_id, early=early):
                seg = self.segments[segment_id]
                seg._stop_clock(at)
                seg.ended_at = at
                seg.paused = False
                seg.suspended = False
                seg.early = early
                if seg.started_at is None:
                    seg.skipped = True
                if self.current == seg.id:
                    self.current = None
            case SegmentSkipped(segment=segment_id):
                seg = self.segments[segment_id]
                seg._stop_clock(at)
                seg.skipped = True
                seg.ended_at = seg.ended_at or at
                if self.current == seg.id:
                    self.current = None
            case PromptOpened(prompt=prompt_id):
                self.open_prompts[prompt_id] = at
                self.closed_prompts.pop(prompt_id, None)
            case PromptClosed(prompt=prompt_id):
                self.open_prompts.pop(prompt_id, None)
                self.closed_prompts[prompt_id] = at
            case AnswerGiven(
                prompt=prompt_id, participant=participant, value=value, ref=ref, via=via
            ):
                self._add_answer(
                    AnswerRecord(prompt_id, participant, value, at, ref, event.seq, via)
                )
            case AnswerMarked(prompt=prompt_id, participant=participant):
                self.marked.setdefault(prompt_id, set()).add(participant)
            case AnonymousVoided(prompt=prompt_id, count=count):
                self.voided_anonymous[prompt_id] = self.voided_anonymous.get(prompt_id, 0) + count
            case Record(segment=segment_id, text=text, owner=owner, due=due, erratum=erratum):
                self.records.append(
                    TextRecord(
                        event.type,
                        segment_id,
                        text,
                        at,
                        owner,
                        due,
                        bool(erratum),
                        after_close=self.closed_at is not None,
                    )
                )
            case ReplanAccepted(durations=durations):
                self.replans.append((at, dict(durations)))
                for segment_id, seconds in durations.items():
                    if segment_id in self.segments:
                        seg = self.segments[segment_id]
                        seg.replanned = seconds
                        seg.extra = 0
            case SessionSuspended() if event.stream != PLENARY:
                # a workshop's station quitting, then taken up again (session/workshop.py):
                # the segments' timing is the plenary's, untouched
                self.station_suspended_at = at
            case SessionResumed() if event.stream != PLENARY:
                self.station_suspended_at = None
            case SessionSuspended():
                self._suspend(at)
            case SessionResumed(interrupted_at=interrupted_at):
                if self.suspended_at is None:
                    # a crash: the session stopped at its last sign of life
                    stopped = datetime.fromisoformat(interrupted_at) if interrupted_at else at
                    self._suspend(min(stopped, at))
                for seg in self.segments.values():
                    if seg.suspended and not seg.done:
                        seg.running_since = at
                        seg.suspended = False
                self.suspended_at = None
            case SessionClosed():
                for seg in self.segments.values():
                    seg._stop_clock(at)
                self.closed_at = at
                self.open_prompts.clear()
                self.current = None
            case SessionSealed(seq=seq, hash=chain_hash, wall_at=wall_at):
                if self.sealed is None:
                    self.sealed = SealRecord(seq, chain_hash, at, stored_moment(wall_at))
            case _:
                # a refused re-plan changes nothing; an unknown type (a later version's) or a
                # payload that does not fit its type is skipped
                pass

    def _suspend(self, at: datetime) -> None:
        self.suspended_at = at
        for seg in self.segments.values():
            if seg.running_since is not None:
                seg._stop_clock(at)
                seg.suspended = True

    def _add_answer(self, answer: AnswerRecord) -> None:
        bucket = self.answers.setdefault(answer.prompt, [])
        # a named participant has one answer per prompt: a new one replaces the old one
        key = (answer.prompt, answer.participant) if answer.participant else None
        if key is not None and key in self._answer_index:
            bucket[self._answer_index[key]] = answer
            return
        if key is not None:
            self._answer_index[key] = len(bucket)
        bucket.append(answer)


def fold(session_id: str, agenda: Agenda, events: Iterable[StoredEvent]) -> SessionState:
    state = SessionState(session_id=session_id, agenda=agenda)
    state.segments = {s.id: SegmentState(s.id, s.duration) for s in agenda.segments}
    for event in events:
        state.apply(event)
    return state


def stored_moment(text: str | None) -> datetime | None:
    """A time stored as ISO 8601 text; None when absent or unreadable (a crafted journal)."""
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None
