"""The plenary's view of its workshops (PRODUCT §8): while a segment is split, each workshop's
state and answer count; during a ``restitution`` segment, one workshop's results at a time.

The live screen and the projector page ``/screen`` only draw what this module returns.  A
``WorkshopWatch`` follows the workshops' streams of one session: it folds each stream on its
own (its prompts opened and closed, its answers; the plenary's events are not needed for
that), reads only what was appended since it last looked, and looks at most once a second,
so the live screen's refresh stays cheap on a journal holding thousands of answers.
"""

from __future__ import annotations

import threading
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal

from seminar_cli.agenda.models import SegmentKind
from seminar_cli.journal.state import AnswerRecord, SessionState, fold

if TYPE_CHECKING:
    from seminar_cli.agenda.models import Agenda, Assembly, Prompt, Segment, Workshop
    from seminar_cli.i18n import Language
    from seminar_cli.journal.store import Journal, SessionRow

WorkshopRun = Literal["running", "not_started", "stopped"]
REFRESH_SECONDS = 1.0  # the journal is read at most this often (real seconds)
MIN_TURN_SECONDS = 60  # a restitution shows each workshop at least this long (session seconds)


@dataclass(frozen=True)
class WorkshopStatus:
    """One workshop as the plenary sees it during its segment."""

    id: str
    title: str
    room: str | None
    facilitator: str | None
    run: WorkshopRun  # its runner's heartbeat: live, never written, or gone stale
    answers: int  # answers its stream holds (to its prompts and the segment's shared ones)


@dataclass(frozen=True)
class WorkshopResult:
    """A prompt's answers in one workshop, for the results renderers."""

    prompt: Prompt
    answers: tuple[AnswerRecord, ...]
    shared: bool  # the segment's own prompt, asked in every workshop


@dataclass(frozen=True)
class RestitutionTurn:
    """The workshop a restitution shows now, and when the next one comes."""

    segment: str  # the split segment restituted
    workshop: WorkshopStatus
    index: int  # 0-based place among the segment's workshops
    count: int
    turn_seconds: int
    next_in: int  # session seconds until the next workshop (by itself)
    elapsed: int  # session seconds into the restitution
    results: tuple[WorkshopResult, ...]


@dataclass(frozen=True)
class PlenaryWorkshops:
    """What the plenary shows about workshops now: the statuses during a split segment, or a
    restitution's turn (with the statuses of the segment it restitutes)."""

    segment: str
    statuses: tuple[WorkshopStatus, ...]
    restitution: RestitutionTurn | None = None


def restituted_segment(agenda: Agenda, segment_id: str) -> Segment | None:
    """The split segment a ``restitution`` segment gives back: the last segment with workshops
    before it in the agenda, whatever lies between (a break, a discussion); None when there is
    none (the restitution then shows only its own description)."""
    before = None
    for segment in agenda.segments:
        if segment.id == segment_id:
            return before
        if segment.workshops:
            before = segment
    return None


def turn_seconds(allotted: int, workshops: int) -> int:
    """Each workshop's share of a restitution: its duration divided among the workshops, at
    least a minute."""
    return max(MIN_TURN_SECONDS, allotted // max(1, workshops))


class WorkshopWatch:
    """The workshops' streams of one session, followed for the plenary.  Thread-safe: the web
    server calls it from worker threads."""

    def __init__(
        self, journal: Journal, row: SessionRow, *, refresh_seconds: float | None = None
    ) -> None:
        from seminar_cli.session.service import stored_agenda

        self.journal = journal
        self.row = row
        self.agenda = stored_agenda(row)
        self.refresh_seconds = REFRESH_SECONDS if refresh_seconds is None else refresh_seconds
        self._ids = [w.id for _s, w in self.agenda.all_workshops()]
        self._states: dict[str, SessionState] = {
            ws: fold(row.id, self.agenda, []) for ws in self._ids
        }
        self._written: set[str] = set()  # streams holding at least one event
        self._last_seq = 0
        self._looked_at: float | None = None
        self._runs: dict[str, WorkshopRun] = {}
        self._pending: dict[str, int] = {}
        self._lock = threading.Lock()

    def refresh(self, monotonic: float, wall: datetime) -> None:
        """Read what the workshops wrote since the last look, and their runners' heartbeats;
        nothing when the last look is less than ``refresh_seconds`` old (real seconds)."""
        from seminar_cli.session.service import beat_alive

        with self._lock:
            if self._looked_at is not None and monotonic - self._looked_at < self.refresh_seconds:
                return
            self._looked_at = monotonic
            if not self._ids:
                return
            for event in self.journal.events(self.row.id, self._last_seq, streams=self._ids):
                self._last_seq = max(self._last_seq, event.seq)
                state = self._states.get(event.stream)
                if state is not None:
                    state.apply(event)
                    self._written.add(event.stream)
            for ws in self._ids:
                beat = self.journal.last_heartbeat(self.row.id, ws)
                if beat is not None and beat_alive(beat, wall):
                    self._runs[ws] = "running"
                elif beat is not None or ws in self._written:
                    # a runner that stopped (its heartbeat stale, or cleared as it quit)
                    self._runs[ws] = "stopped"
                else:
                    self._runs[ws] = "not_started"
                # anonymous answers held for their batch are answers already (its own
                # screen counts them too)
                self._pending[ws] = sum(
                    self.journal.pending_anonymous(self.row.id, prompt_id, ws)
                    for prompt_id in self._states[ws].open_prompts
                    if (found := self._prompt(prompt_id)) is not None and found.anonymous
                )

    def _prompt(self, prompt_id: str) -> Prompt | None:
        for segment in self.agenda.segments:
            for prompt in segment.prompts:
                if prompt.id == prompt_id:
                    return prompt
            for workshop in segment.workshops:
                for prompt in workshop.prompts:
                    if prompt.id == prompt_id:
                        return prompt
        return None

    def statuses(self, segment: Segment) -> tuple[WorkshopStatus, ...]:
        """Each of ``segment``'s workshops as last read."""
        with self._lock:
            return tuple(self._status(segment, workshop) for workshop in segment.workshops)

    def _status(self, segment: Segment, workshop: Workshop) -> WorkshopStatus:
        state = self._states[workshop.id]
        asked = [p.id for p in (*workshop.prompts, *segment.prompts)]
        answers = sum(state.answer_count(prompt_id) for prompt_id in asked)
        return WorkshopStatus(
            workshop.id,
            workshop.title,
            workshop.room,
            workshop.facilitator,
            self._runs.get(workshop.id, "not_started"),
            answers + self._pending.get(workshop.id, 0),
        )

    def results(
        self, segment: Segment, workshop: Workshop, *, segment_over: bool
    ) -> tuple[WorkshopResult, ...]:
        """A workshop's results: its own prompts, then the segment's shared ones, each once it
        is closed in that workshop, or once the split segment is over (results are never shown
        while a prompt is open: early answers must not sway later ones)."""
        with self._lock:
            state = self._states[workshop.id]
            shown = []
            for prompt, shared in [
                *((p, False) for p in workshop.prompts),
                *((p, True) for p in segment.prompts),
            ]:
                closed = prompt.id in state.closed_prompts
                if not closed and not (segment_over and prompt.id in state.answers):
                    continue
                answers = tuple(state.answers.get(prompt.id, []))
                shown.append(WorkshopResult(prompt, answers, shared))
            return tuple(shown)

    def plenary(
        self,
        state: SessionState,
        now: datetime,
        monotonic: float,
        wall: datetime,
        *,
        turn_from: tuple[int, int] | None = None,
    ) -> PlenaryWorkshops | None:
        """What the plenary shows about its workshops at ``now`` (session clock): during a
        split segment, their statuses; during a restitution, the workshop whose turn it is,
        moving on by itself every ``turn_seconds``; None otherwise.

        ``turn_from`` is the live screen's key w: (a workshop's 0-based place, the session
        seconds into the restitution when it was reached).  That workshop gets a full turn
        from then, and the turns go on from it, each a full ``turn_seconds`` again (the round
        no longer lines up with the segment's end: the facilitator ends it as any segment)."""
        current = state.current
        if current is None:
            return None
        segment = self.agenda.segment(current)
        if segment.workshops:
            self.refresh(monotonic, wall)
            return PlenaryWorkshops(segment.id, self.statuses(segment))
        if segment.kind is not SegmentKind.restitution:
            return None
        source = restituted_segment(self.agenda, segment.id)
        if source is None:
            return None
        self.refresh(monotonic, wall)
        statuses = self.statuses(source)
        seg = state.segments[segment.id]
        each = turn_seconds(seg.allotted, len(statuses))
        elapsed = max(0, int(seg.allotted - seg.remaining_at(now)))
        first, since = 0, elapsed
        if turn_from is not None:
            first, since = turn_from[0], max(0, elapsed - turn_from[1])
        index = (first + since // each) % len(statuses)
        workshop = source.workshops[index]
        return PlenaryWorkshops(
            source.id,
            statuses,
            RestitutionTurn(
                source.id,
                statuses[index],
                index,
                len(statuses),
                each,
                each - since % each,
                elapsed,
                self.results(source, workshop, segment_over=state.segments[source.id].done),
            ),
        )


def screen_data(
    workshops: PlenaryWorkshops, assembly: Assembly | None, lang: Language
) -> dict[str, Any]:
    """The same as plain data, for the projector page ``/screen``: each workshop's state and
    answers, and a restitution's turn with its results summarised as the room's results are
    (``Room``'s result entries: the same template draws them)."""
    from seminar_cli.minutes.build import code_labels
    from seminar_cli.minutes.summary import latest_texts, room_count, shown_to_room, summarize
    from seminar_cli.session.prompt_types import PROMPT_TYPES

    statuses = [asdict(status) for status in workshops.statuses]
    restitution = None
    turn = workshops.restitution
    if turn is not None:
        results = []
        for result in turn.results:
            prompt = result.prompt
            values = [a.value for a in result.answers if a.value is not None]
            count = room_count(prompt, values)
            entry: dict[str, Any] = {
                "id": f"{turn.workshop.id}-{prompt.id}",
                "segment": turn.segment,
                "type": prompt.type.value,
                "question": prompt.question,
                "shared": result.shared,
                "hidden": not shown_to_room(prompt, count),
            }
            if entry["hidden"]:
                # anonymous with fewer than three answers: never shown (PRODUCT §3), nor sent
                # (the page is open to anyone holding the room's code): no count, no summary
                results.append(entry)
                continue
            labels = code_labels(prompt.type.value, lang)
            if not labels and prompt.labels:
                labels = {str(k): v for k, v in prompt.labels.items()}
            entry["labels"] = labels
            entry["count"] = count
            entry["summary"] = summarize(prompt, values, assembly)
            if PROMPT_TYPES[prompt.type].drawing == "texts":
                # a report-back is for the proposals: their latest, as the live screen shows
                # them (names never for an anonymous prompt; the page escapes them)
                entry["texts"] = [
                    {"text": text, "name": who}
                    for text, who in latest_texts(prompt, list(result.answers))
                ]
            results.append(entry)
        restitution = {
            "workshop": asdict(turn.workshop),
            "index": turn.index + 1,
            "count": turn.count,
            "next_in": turn.next_in,
            "results": results,
        }
    return {"segment": workshops.segment, "statuses": statuses, "restitution": restitution}
