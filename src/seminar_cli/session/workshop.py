"""A workshop's runner: one workshop of the live session, on its own laptop or terminal
(``seminar workshop ID``, PRODUCT §8, §9 "Streams").

It writes into its workshop's stream only and follows the plenary: the workshop is active
while the plenary's segment that holds it runs, paused while it is paused, and over when it
ends.  Its prompts are the segment's own (asked in every workshop) and the workshop's own,
asked by the plenary runner's rules (``Runner``, which this class extends: the same opening,
asking in turn, closing and anonymous batches).  It never writes a segment's timing, nor a
suspension: the plenary's runner owns those.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Literal

from seminar_cli.errors import SessionError, UsageError
from seminar_cli.journal.events import EventType
from seminar_cli.session.clock import clock_speed
from seminar_cli.session.prompter import StopSession
from seminar_cli.session.runner import Controls, Runner
from seminar_cli.session.service import SessionWriter, claim_session, writer_on_session_clock

if TYPE_CHECKING:
    from seminar_cli.agenda.models import Prompt, Segment, Workshop
    from seminar_cli.journal.store import Journal, SessionRow
    from seminar_cli.session.prompter import Prompter

# real seconds a waiting workshop sleeps on the journal before it looks at its keyboard: the
# journal wakes it at once when the plenary writes (PostgreSQL: LISTEN/NOTIFY)
JOURNAL_SLICE = 0.5
KEY_SLICE = 0.05  # real seconds: a key typed while waiting (q) is read within JOURNAL_SLICE


def find_workshop(writer: SessionWriter, workshop_id: str) -> tuple[Segment, Workshop]:
    """The workshop ``workshop_id`` of the session and its segment; UsageError (exit 2) for
    an id the agenda does not have, naming those it has; SessionError (exit 1) when its
    segment is over or the session closed."""
    found = writer.agenda.workshop(workshop_id)
    if found is None:
        ids = ", ".join(w.id for _s, w in writer.agenda.all_workshops())
        if not ids:
            raise UsageError("workshop_run.none", session=writer.session_id)
        raise UsageError("workshop_run.unknown", id=workshop_id, ids=ids)
    segment, workshop = found
    if writer.state.closed:
        raise SessionError("workshop_run.session_closed", id=writer.session_id)
    if writer.state.segments[segment.id].done and not _left_open(writer, segment, workshop):
        raise SessionError("workshop_run.segment_done", title=workshop.title, segment=segment.title)
    # a segment over with prompts its workshop left open (it was stopped, or ran on a copy of
    # the journal off the network): the runner closes them at once and ends the workshop
    return segment, workshop


def _left_open(writer: SessionWriter, segment: Segment, workshop: Workshop) -> bool:
    """Whether the workshop's stream still has one of its prompts open."""
    mine = {p.id for p in [*segment.prompts, *workshop.prompts]}
    return bool(mine & set(writer.state.open_prompts))


def workshop_anonymous_key(prompts: list[Prompt]) -> bytes | None:
    """A new key pair when the workshop asks an anonymous prompt (its public half)."""
    if not any(prompt.anonymous for prompt in prompts):
        return None  # PyNaCl is not even loaded
    from seminar_cli.journal import sealing

    return sealing.new_key()


class WorkshopRunner(Runner):
    """Runs one workshop of a session: its prompts, in its stream, while its segment runs."""

    def __init__(
        self,
        writer: SessionWriter,
        segment: Segment,
        workshop: Workshop,
        controls: Controls,
        prompter: Prompter | None = None,
    ) -> None:
        super().__init__(writer, controls, prompter, None, auto_advance=False)
        self.segment = segment
        self.workshop = workshop
        self.waiting_told = False
        self.active_told = False

    # -- what differs from the plenary ---------------------------------------------------------
    def prompts_of(self, segment: Segment) -> list[Prompt]:
        if segment.id != self.segment.id:
            return []
        return [*segment.prompts, *self.workshop.prompts]

    def people_asked(self) -> list[str]:
        """The workshop's participants who are present; when it lists none, the people present
        whom no other workshop of the segment lists."""
        present = self.state.present_participants()
        listed = {name.casefold() for name in self.workshop.participants}
        if listed:
            return [name for name in present if name.casefold() in listed]
        elsewhere = {
            name.casefold()
            for other in self.segment.workshops
            if other.id != self.workshop.id
            for name in other.participants
        }
        return [name for name in present if name.casefold() not in elsewhere]

    def find_prompt(self, prompt_id: str) -> Prompt | None:
        found = self.state.agenda.find_prompt(prompt_id, self.workshop.id)
        return found[1] if found is not None else None

    @property
    def active(self) -> bool:
        """The plenary runs the workshop's segment now (started, not ended, paused or not)."""
        seg = self.state.segments[self.segment.id]
        return seg.started and not seg.done and not self.state.closed

    @property
    def over(self) -> bool:
        return self.state.closed or self.state.segments[self.segment.id].done

    # -- the loop ---------------------------------------------------------------------------
    def run(self) -> None:
        """Wait for the segment, run the workshop while it runs, close its prompts when it
        ends.  Returns when the workshop is over (``over``) or its facilitator quits."""
        writer = self.writer
        writer.heartbeat()
        try:
            if self._wait_for_segment() and self._run_workshop():
                self._finish()
            else:
                self._leave("quit")
        except (KeyboardInterrupt, StopSession):
            self._leave_quietly("interrupt")
            raise
        except SystemExit:
            self._leave_quietly("signal")
            raise
        except BaseException:
            self._leave_quietly("error")
            raise

    def _wait_for_segment(self) -> bool:
        """Until the plenary starts the segment (True), or the facilitator quits (False)."""
        writer = self.writer
        while True:
            seen = writer.journal.last_seq(writer.session_id)  # other workshops' events too
            writer.sync()
            if self.active or self.over:
                return True
            if not self.waiting_told:
                self.waiting_told = True
                self.controls.notify(self, "workshop_waiting", segment=self.segment)
            self._beat()
            # the journal wakes this wait when anything is written (the plenary starting the
            # segment), rather than reading it again and again
            writer.journal.wait_for_events(writer.session_id, seen, JOURNAL_SLICE)
            command = self.controls.wait(self, KEY_SLICE * clock_speed(writer.clock))
            if command is not None and command.kind == "quit":
                return False

    def _run_workshop(self) -> bool:
        """While the segment runs: open prompts, heartbeats, key p; False when quitting."""
        writer = self.writer
        segment = self.segment
        while True:
            writer.sync()
            if self.over:
                return True
            if not self.active_told:
                self.active_told = True
                self.controls.notify(self, "segment_started", segment=segment)
                self._open_prompts(segment)
            self._beat()
            command = self._next_command(writer.state.segments[segment.id])
            if command is None:
                continue
            if command.kind == "quit":
                return False
            if command.kind == "ask" and not self.over:
                self.ask_or_toggle_ballot(segment)
            # the segment's timing (pause, next, +/-) is the plenary's: nothing else here

    def _finish(self) -> None:
        """The segment is over: the prompts never asked are asked now (as the plenary's ``n``
        does), then every prompt still open in the workshop closes."""
        writer = self.writer
        if self.active_told and not writer.state.closed:
            self.ask_prompts(self.segment)
        for prompt in self.prompts_of(self.segment):
            if prompt.id in writer.state.open_prompts:
                self._close_prompt(prompt)  # its pending anonymous answers are written first
        writer.journal.clear_heartbeat(writer.session_id, stream=writer.stream)
        self.controls.notify(self, "workshop_over", workshop=self.workshop)

    def _leave(self, reason: Literal["quit", "interrupt", "signal", "error"]) -> None:
        """The facilitator quits: the workshop can be resumed (the same command again).  Its
        anonymous answers waiting for a batch go out now: this process's key ends with it.
        While its segment runs, its stream says the station stopped (``session_suspended``,
        as the plenary's quit): the minutes tell it under the workshop."""
        writer = self.writer
        writer.sync()
        writer.drain_anonymous(stopping=True)
        if self.active:
            writer.record(EventType.session_suspended, reason=reason)
        writer.journal.clear_heartbeat(writer.session_id, stream=writer.stream)

    def _leave_quietly(self, reason: Literal["interrupt", "signal", "error"]) -> None:
        with contextlib.suppress(Exception):  # what stopped it is the error to tell
            self._leave(reason)


def check_workshop(journal: Journal, row: SessionRow, workshop_id: str) -> None:
    """What ``open_workshop_runner`` refuses, told before anything is claimed or drawn."""
    find_workshop(writer_on_session_clock(journal, row, stream=workshop_id), workshop_id)


def open_workshop_runner(
    journal: Journal,
    row: SessionRow,
    workshop_id: str,
    controls: Controls | None = None,
    prompter: Prompter | None = None,
) -> WorkshopRunner:
    """Claim the workshop ``workshop_id`` of the session ``row`` for this process and give
    its runner, on the session's clock (the plenary's, a rehearsal's speed included), with
    ``controls`` (by default headless: a screen sets its own before running it).
    SessionError when another live process runs it (a dead one's is taken over: resuming a
    workshop is running the same command again)."""
    from seminar_cli.session.runner import HeadlessControls

    writer = writer_on_session_clock(journal, row, stream=workshop_id)
    segment, workshop = find_workshop(writer, workshop_id)
    prompts = [*segment.prompts, *workshop.prompts]
    # a runner that died (kill -9, a power cut) left its heartbeat: its last sign of life is
    # the later of that and its own last event
    state = writer.state
    beat = journal.last_heartbeat(row.id, stream=workshop_id)
    signs = [x for x in (beat.at if beat else None, state.station_event_at) if x is not None]
    crashed_at = max(signs) if beat is not None and state.station_suspended_at is None else None
    try:
        claim_session(
            journal,
            row,
            writer.clock,
            at=crashed_at,
            public_key=workshop_anonymous_key(prompts),
            stream=workshop_id,
        )
    except SessionError:
        raise SessionError("workshop_run.running_elsewhere", id=workshop_id) from None
    writer.sync()  # a new key voids what was sealed to the previous one: said in the journal
    stopped = crashed_at is not None or state.station_suspended_at is not None
    if stopped and state.segments[segment.id].started:
        # taken up again while its segment runs: said in its stream as the plenary's
        # `seminar resume` says it (the minutes give the stop under the workshop)
        interrupted = min(crashed_at, writer.clock.now()) if crashed_at else None
        writer.record(
            EventType.session_resumed,
            interrupted_at=interrupted.isoformat() if interrupted else None,
        )
    return WorkshopRunner(writer, segment, workshop, controls or HeadlessControls(), prompter)
