"""The session runner: walks the agenda segment by segment over an injected clock.

It knows no terminal.  A ``Controls`` object waits between frames and returns the
facilitator's commands (the live screen reads keys; the headless one just lets time pass);
a ``Prompter`` asks the questions.  Every action is written to the journal first, and the
runner's state is always the fold of the journal, so a crash at any point loses nothing.
"""

from __future__ import annotations

import contextlib
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal, Protocol

from seminar_cli.agenda.models import Prompt, PromptType, Segment, Who
from seminar_cli.errors import SessionError
from seminar_cli.i18n import t
from seminar_cli.journal.events import EventType
from seminar_cli.journal.state import SegmentState, SessionState
from seminar_cli.session.answers import (
    AnswerError,
    AnswersFile,
    ScriptedAnswer,
    normalise_answer,
)
from seminar_cli.session.assembly import (
    admit,
    announce_quorum,
    announced_quorum,
    tally_refusal,
)
from seminar_cli.session.ballots import ballot_member
from seminar_cli.session.clock import clock_speed
from seminar_cli.session.prompter import (
    AskRequest,
    NullPrompter,
    Prompter,
    SkipPrompt,
    StopSession,
)
from seminar_cli.session.schedule import ReplanProposal, propose_replan
from seminar_cli.session.service import SessionWriter

_SHUFFLE = random.SystemRandom()  # not predictable from the outside
HEARTBEAT_EVERY = 5.0  # real seconds between signs of life in the journal
BEAT_SESSION_SECONDS = 30.0  # ... and at least this often on the session clock (rehearsals)
MIN_BEAT_GAP = 0.25  # real seconds: even a very fast rehearsal writes at most four a second
MAX_WAIT = 5.0  # real seconds: the runner looks at the journal at least this often

# what can open or close a prompt while a ballot waits in the pool
BALLOT_WATCH = (EventType.prompt_opened, EventType.prompt_closed, EventType.session_closed)

CommandKind = Literal[
    "pause", "next", "extend", "ask", "replan", "accept", "refuse", "quit", "attendance"
]


@dataclass(frozen=True)
class Command:
    kind: CommandKind
    seconds: int = 0
    # attendance: someone arrives, leaves or is represented during the session
    participant: str | None = None
    status: str | None = None
    represented_by: str | None = None


class Controls(Protocol):
    def wait(self, runner: Runner, timeout: float) -> Command | None:
        """Let up to ``timeout`` clock seconds pass; return a command if one was given."""
        ...

    def notify(self, runner: Runner, what: str, **details: Any) -> None:
        """Something happened worth showing (segment started, prompt closed, re-plan…)."""
        ...

    def suspend(self) -> None:
        """A prompt is about to take the keyboard."""
        ...

    def restore(self) -> None:
        """The prompt is done: take the screen back."""
        ...


@dataclass
class HeadlessControls:
    """No keyboard: time passes on the clock; progress lines go to ``say`` if given."""

    say: Callable[[str, dict[str, Any]], None] | None = None
    events: list[tuple[str, dict[str, Any]]] = field(default_factory=list)

    def wait(self, runner: Runner, timeout: float) -> Command | None:
        runner.writer.clock.sleep(timeout)
        return None

    def notify(self, runner: Runner, what: str, **details: Any) -> None:
        self.events.append((what, details))
        if self.say:
            self.say(what, details)

    def suspend(self) -> None:
        pass

    def restore(self) -> None:
        pass


class Runner:
    def __init__(
        self,
        writer: SessionWriter,
        controls: Controls,
        prompter: Prompter | None = None,
        scripted: AnswersFile | None = None,
        *,
        auto_advance: bool = True,
    ) -> None:
        self.writer = writer
        self.controls = controls
        self.prompter: Prompter = prompter or NullPrompter()
        self.scripted = scripted or AnswersFile({}, {})
        self.auto_advance = auto_advance  # --no-input: a segment ends when its time is up
        self.proposal: ReplanProposal | None = None
        self._asked: set[str] = set()
        self._skipped: set[str] = set()  # skipped at the keyboard: p asks them again
        self._last_beat = float("-inf")
        self._shown = False  # has a segment been announced by this run yet?

    # -- facts for the screen ---------------------------------------------------------------
    @property
    def state(self) -> SessionState:
        return self.writer.state

    def now(self) -> datetime:
        return self.writer.clock.now()

    def current(self) -> tuple[Segment, SegmentState] | None:
        segment_id = self.state.current
        if segment_id is None:
            return None
        return self.state.agenda.segment(segment_id), self.state.segments[segment_id]

    def prompts_of(self, segment: Segment) -> list[Prompt]:
        """The prompts this runner asks in ``segment``.  A segment split into workshops asks
        its own prompts in every workshop (PRODUCT §9 "Streams"), never in plenary: each
        workshop's runner asks them (session/workshop.py)."""
        return [] if segment.workshops else list(segment.prompts)

    def people_asked(self) -> list[str]:
        """Who a ``who: each`` prompt asks in turn: the roster's people present."""
        return self.state.present_participants()

    # -- the loop ---------------------------------------------------------------------------
    def run(self) -> None:
        """Run until the agenda is done (then close) or the facilitator quits (then suspend)."""
        writer = self.writer
        writer.heartbeat()
        try:
            while True:
                writer.sync()
                if writer.state.closed:
                    return
                segment_id = writer.state.next_segment_id()
                if segment_id is None:
                    self._close_session()
                    return
                if not self._run_segment(writer.state.agenda.segment(segment_id)):
                    writer.drain_anonymous(stopping=True)  # this process's key ends with it
                    writer.record(EventType.session_suspended, reason="quit")
                    writer.journal.clear_heartbeat(writer.session_id)
                    return
        except (KeyboardInterrupt, StopSession):
            self._suspend_quietly("interrupt")
            raise
        except SystemExit:
            self._suspend_quietly("signal")
            raise
        except Exception:  # whatever broke, the segment stops now, not at the last heartbeat
            self._suspend_quietly("error")
            raise

    def _suspend_quietly(self, reason: Literal["interrupt", "signal", "error"]) -> None:
        try:
            self.writer.sync()
            if not self.writer.state.closed:
                self.writer.drain_anonymous(stopping=True)  # this process's key ends with it
                self.writer.record(EventType.session_suspended, reason=reason)
            self.writer.journal.clear_heartbeat(self.writer.session_id)
        except Exception:
            pass

    def _run_segment(self, segment: Segment) -> bool:
        """Run one segment to its end; False when the facilitator quits."""
        writer = self.writer
        seg = writer.state.segments[segment.id]
        if not seg.started:
            writer.record(EventType.segment_started, segment=segment.id)
            self.controls.notify(self, "segment_started", segment=segment)
        elif seg.running_since is None and (self.auto_advance or not seg.paused):
            # without a screen (--no-input) nobody could unpause it: it runs again
            writer.record(EventType.segment_resumed, segment=segment.id)
            self.controls.notify(self, "segment_resumed", segment=segment)
        elif not self._shown:  # already running again: the session itself was just resumed
            self.controls.notify(self, "segment_resumed", segment=segment)
        self._shown = True
        self._open_prompts(segment)
        while True:
            self._beat()
            seg = writer.state.segments[segment.id]
            if seg.done:  # ended elsewhere
                return True
            remaining = seg.remaining_at(self.now())
            if remaining <= 0 and self.auto_advance and not seg.paused:
                break
            command = self._next_command(seg)
            if command is None:
                continue
            if command.kind == "quit":
                return False
            if command.kind == "next":
                break
            self._handle(segment, command)
        self._finish_segment(segment)
        return True

    def _next_command(self, seg: SegmentState) -> Command | None:
        """Wait for a key, at most until the next heartbeat or the segment's zero; then catch
        up with the journal and write the anonymous batches that are ripe."""
        writer = self.writer
        timeout = min(MAX_WAIT * clock_speed(writer.clock), self._until_beat())
        remaining = seg.remaining_at(self.now())
        if remaining > 0 and not seg.paused:
            timeout = min(timeout, remaining)
        command = self.controls.wait(self, timeout)
        writer.sync()
        writer.drain_anonymous()  # only this process can open the sealed answers
        return command

    def _handle(self, segment: Segment, command: Command) -> None:
        writer = self.writer
        seg = writer.state.segments[segment.id]
        if command.kind == "pause":
            if seg.paused:
                writer.record(EventType.segment_resumed, segment=segment.id)
            else:
                writer.record(EventType.segment_paused, segment=segment.id)
        elif command.kind == "extend" and command.seconds:
            seconds = command.seconds
            if seconds < 0:  # never remove more than what is left
                seconds = -min(-seconds, int(max(0.0, seg.remaining_at(self.now()))))
            if seconds:
                writer.record(EventType.segment_extended, segment=segment.id, seconds=seconds)
        elif command.kind == "ask":
            self.ask_or_toggle_ballot(segment)
        elif command.kind == "attendance" and command.participant and command.status:
            try:  # an assembly's proxies follow its rules (session/assembly.py)
                signed_in = admit(
                    writer, command.participant, command.status, command.represented_by
                )
            except SessionError as refused:
                self.controls.notify(self, "attendance_refused", message=refused.message())
            else:  # a member present has their personal code: the screen says it
                self.controls.notify(self, "attendance_recorded", signed_in=signed_in)
        elif command.kind == "replan":
            self.proposal = propose_replan(writer.state, self.now())
            self.controls.notify(self, "replan_proposed", proposal=self.proposal)
        elif command.kind == "accept" and self.proposal:
            writer.record(
                EventType.replan_accepted,
                durations=self.proposal.durations,
                behind=self.proposal.behind,
            )
            self.controls.notify(self, "replan_accepted", proposal=self.proposal)
            self.proposal = None
        elif command.kind == "refuse" and self.proposal:
            writer.record(
                EventType.replan_refused,
                durations=self.proposal.durations,
                behind=self.proposal.behind,
            )
            self.proposal = None

    def _finish_segment(self, segment: Segment) -> None:
        writer = self.writer
        self.ask_prompts(segment)
        # every prompt of the segment still open here closes with it: a split segment's own
        # ones too, had a session begun before they became the workshops' opened them here
        for prompt in segment.prompts:
            if prompt.id in writer.state.open_prompts:
                self._close_prompt(prompt)
        seg = writer.state.segments[segment.id]
        if not seg.done:
            early = seg.remaining_at(self.now()) > 0
            writer.record(EventType.segment_ended, segment=segment.id, early=early)
            self.controls.notify(self, "segment_ended", segment=segment)

    def _close_session(self) -> None:
        self.writer.record(EventType.session_closed)
        self.writer.journal.set_status(self.writer.session_id, "closed")
        self.writer.journal.clear_heartbeat(self.writer.session_id)
        self.controls.notify(self, "session_closed")

    def _beat_interval(self) -> float:
        """Session seconds between heartbeats: the most a kill -9 can cost the running segment
        (``resume`` restarts it from the last sign of life), also in a sped-up rehearsal."""
        speed = clock_speed(self.writer.clock)
        return min(HEARTBEAT_EVERY * speed, max(BEAT_SESSION_SECONDS, MIN_BEAT_GAP * speed))

    def _until_beat(self) -> float:
        """Session seconds until the next heartbeat is due (the wait never goes past it)."""
        due = self._last_beat + self._beat_interval() - self.writer.clock.monotonic()
        return due if due > 0 else self._beat_interval()

    def _beat(self) -> None:
        now = self.writer.clock.monotonic()
        if now - self._last_beat >= self._beat_interval():
            self.writer.heartbeat()
            self._last_beat = now

    # -- prompts ------------------------------------------------------------------------------
    def _open_prompts(self, segment: Segment) -> None:
        """``open`` prompts open with their segment (for ``seminar join``), except votes and
        elections: the facilitator opens and closes those with key p (PRODUCT §9).  Without
        a screen (``--no-input``) nobody could press it: they open with their segment too,
        and close at its end."""
        state = self.writer.state
        for prompt in self.prompts_of(segment):
            waits_for_key = prompt.opened_by_key and not self.auto_advance
            if waits_for_key and prompt.id not in state.open_prompts:
                continue
            if prompt.who is Who.open and prompt.id not in state.closed_prompts:
                if prompt.id not in state.open_prompts:
                    self.writer.record(
                        EventType.prompt_opened, prompt=prompt.id, segment=segment.id
                    )
                    self._announce_quorum(prompt)
                    self.controls.notify(self, "prompt_opened", prompt=prompt)
                self._record_scripted(prompt)

    def ballots_waiting(self, segment: Segment) -> list[Prompt]:
        """The segment's votes and elections from phones not opened yet (key p opens them)."""
        state = self.writer.state
        done = state.open_prompts.keys() | state.closed_prompts.keys()
        return [p for p in self.prompts_of(segment) if p.opened_by_key and p.id not in done]

    def ballots_open(self, segment: Segment) -> list[Prompt]:
        state = self.writer.state
        return [
            p for p in self.prompts_of(segment) if p.opened_by_key and p.id in state.open_prompts
        ]

    def ask_or_toggle_ballot(self, segment: Segment) -> None:
        """Key p: close the ballot that is open; else ask the ``each`` and ``room`` prompts
        never asked yet; else open the next ballot (one at a time, in the agenda's order);
        else ask again what was skipped."""
        open_now = self.ballots_open(segment)
        if open_now:
            for prompt in open_now:
                self._close_prompt(prompt)
            return
        never_asked = [
            p
            for p in self.prompts_of(segment)
            if p.who is not Who.open
            and p.id not in self._asked
            and p.id not in self.writer.state.closed_prompts
        ]
        waiting = self.ballots_waiting(segment)
        if waiting and not never_asked:
            prompt = waiting[0]
            self.writer.record(EventType.prompt_opened, prompt=prompt.id, segment=segment.id)
            self._announce_quorum(prompt)
            self.controls.notify(self, "prompt_opened", prompt=prompt)
            self._record_scripted(prompt)
            return
        self.ask_prompts(segment, again=True)

    def ask_prompts(self, segment: Segment, *, again: bool = False) -> None:
        """Ask the segment's ``each`` and ``room`` prompts not asked yet (key ``p``, or ``n``).
        A prompt skipped (Ctrl-C, "skip") stays open: ``again`` (key ``p``) asks it once more,
        of those who have not answered; the segment's end closes it as it stands."""
        for prompt in self.prompts_of(segment):
            if prompt.who is Who.open or prompt.id in self.writer.state.closed_prompts:
                continue
            if prompt.id in self._asked and not (again and prompt.id in self._skipped):
                continue
            self._asked.add(prompt.id)
            self._skipped.discard(prompt.id)
            if prompt.id not in self.writer.state.open_prompts:
                self.writer.record(EventType.prompt_opened, prompt=prompt.id, segment=segment.id)
                self._announce_quorum(prompt)
            self._record_scripted(prompt)
            if self._ask_people(segment, prompt):
                self._close_prompt(prompt)
            else:
                self._skipped.add(prompt.id)

    def _announce_quorum(self, prompt: Prompt) -> None:
        """In an assembly, a vote opens with the quorum's figures, in the journal (the minutes
        read them) and on the room screen (PRODUCT §7)."""
        state = self.writer.state
        if prompt.type not in (PromptType.vote, PromptType.election):
            return
        if state.agenda.assembly is None:
            return
        if prompt.id in state.quorum_announcements:
            return  # announced before a crash
        quorum = announce_quorum(self.writer, prompt.id)
        self.controls.notify(self, "quorum_announced", quorum=quorum)

    def _close_prompt(self, prompt: Prompt) -> None:
        self.writer.record(EventType.prompt_closed, prompt=prompt.id)
        self.controls.notify(self, "prompt_closed", prompt=prompt)

    def _record_scripted(self, prompt: Prompt) -> None:
        """The answers file's entries for ``prompt``, as PRODUCT §9 rules: a named entry once
        per participant (given before a crash, or by any file on an earlier run); the unnamed
        ones (anonymous, or the room's) once per file content, counted by the journal, written
        together at one moment — shuffled when anonymous, so no order tells whose is whose."""
        entries = self.scripted.answers.get(prompt.id, [])
        for answer in entries:
            if answer.voter is not None:
                self._record_scripted_ballot(prompt, answer)
                continue
            if answer.ref is None:
                continue
            if self.writer.state.has_answer(prompt.id, answer.participant, answer.ref):
                continue
            self.writer.record(
                EventType.answer_given,
                prompt=prompt.id,
                participant=answer.participant,
                value=answer.value,
                ref=answer.ref,
            )
        unnamed = [
            answer.value for answer in entries if answer.ref is None and answer.voter is None
        ]
        for value in list(unnamed):
            refusal = tally_refusal(self.writer.state, value)
            if refusal is not None:  # a tally larger than the room: never recorded
                unnamed.remove(value)
                message = t(refusal[0], **refusal[1])
                self.controls.notify(self, "answer_rejected", message=message)
        if unnamed:
            self.writer.deliver_file_entries(
                prompt.id, self.scripted.digest, unnamed, shuffle=prompt.anonymous
            )

    def _record_scripted_ballot(self, prompt: Prompt, answer: ScriptedAnswer) -> None:
        """A secret ballot of an answers file (``{participant, value, for}``): into the
        anonymous pool like one from ``seminar join``, marked by the member whose ballot it
        is, so that a file given again, or that member's own ``join``, casts nothing twice."""
        assert answer.voter is not None
        try:
            member = ballot_member(self.writer.state, answer.voter, answer.on_behalf)
        except AnswerError as error:
            self.controls.notify(self, "answer_rejected", message=error.message())
            return
        self.writer.record_anonymous(prompt.id, answer.value, member, watch=BALLOT_WATCH)

    def _ask_people(self, segment: Segment, prompt: Prompt) -> bool:
        """Ask who must answer; False when the prompt was skipped before everyone answered."""
        if isinstance(self.prompter, NullPrompter):
            return True
        state = self.writer.state
        if prompt.who is Who.room:
            if not state.answers.get(prompt.id):  # not even a "no answer" before a crash
                quorum = announced_quorum(state, prompt.id)
                return self._ask_one(AskRequest(prompt, segment, None, quorum=quorum))
            return True
        people = self.people_asked()
        # a secret round (anonymous, in turn): the ballots are kept until the round is over,
        # then written together, shuffled, at one moment, so that neither their order nor
        # their times tell who voted what.  A crash mid-round loses the unfinished round,
        # which is asked again from the start, as a ballot interrupted is held again.
        ballots: list[Any] | None = [] if prompt.anonymous else None
        if ballots is not None and state.answers.get(prompt.id):
            return True  # the round was written before a crash, or skipped after some ballots
        complete = True
        with self.keyboard_lent():
            if people:
                waiting = [p for p in people if not state.has_answer(prompt.id, p)]
                if prompt.anonymous:
                    waiting = list(people)
                for turn, person in enumerate(waiting, start=1):
                    request = AskRequest(prompt, segment, person, turn, len(waiting))
                    if not self._ask_one(request, suspended=True, ballots=ballots):
                        complete = False
                        break
            else:
                turn = 0
                while True:  # no roster: ask for a name, until a blank one
                    name = self.prompter.ask_name(prompt)
                    if not name:
                        break
                    turn += 1
                    request = AskRequest(prompt, segment, name, turn, 0)
                    if not self._ask_one(request, suspended=True, ballots=ballots):
                        complete = False
                        break
        if ballots:
            _SHUFFLE.shuffle(ballots)
            self.writer.record_many(
                [(EventType.answer_given, {"prompt": prompt.id, "value": v}) for v in ballots]
            )
            # a secret round is never asked again once its ballots are out: nobody could tell
            # who has voted, so asking again could count a person twice
            return True
        return complete

    def _ask_one(
        self, request: AskRequest, *, suspended: bool = False, ballots: list[Any] | None = None
    ) -> bool:
        """Ask, record (or keep in ``ballots`` for a secret round), return False when the
        person skipped the prompt for everyone."""
        with contextlib.nullcontext() if suspended else self.keyboard_lent():
            # a new turn: the screen may start afresh (the previous person's answer, a secret
            # ballot above all, is not left under the next person's eyes)
            self.controls.notify(self, "turn", request=request)
            while True:
                try:
                    raw = self.prompter.ask(request)
                except SkipPrompt:
                    return False
                try:
                    value = normalise_answer(request.prompt, raw)
                except AnswerError as error:
                    self.controls.notify(self, "answer_rejected", message=error.message())
                    continue
                refusal = tally_refusal(self.writer.state, value)
                if refusal is not None:
                    self.controls.notify(
                        self, "answer_rejected", message=t(refusal[0], **refusal[1])
                    )
                    continue
                if ballots is not None:
                    if value is not None:
                        ballots.append(value)
                    return True
                anonymous = request.prompt.anonymous
                self.writer.record(
                    EventType.answer_given,
                    prompt=request.prompt.id,
                    participant=None if anonymous else request.participant,
                    value=value,
                )
                return True
        return False  # not reached: the loop only ends by returning

    @contextlib.contextmanager
    def keyboard_lent(self) -> Iterator[None]:
        """A prompt has the keyboard: the screen steps aside, and heartbeats go on from a
        thread, so that a crash in a long round still knows how long the segment ran.

        When the round ends with an exception (a hang-up closed the terminal, Ctrl-C), taking
        the terminal back may fail too: that must not hide why the round ended, which decides
        how the session is recorded as suspended."""
        self.controls.suspend()
        try:
            with self.writer.beating(self._beat_interval() / clock_speed(self.writer.clock)):
                yield
        except BaseException:
            with contextlib.suppress(Exception):
                self.controls.restore()
            raise
        self.controls.restore()
