"""The live screen's controls: keys in, frames out (PRODUCT §3).

``LiveControls`` is the runner's ``Controls`` for a person at a terminal.  One thread does
everything: it draws a frame on the terminal's alternate screen, then waits on the keyboard
until the next second of the countdown is due.  The alternate screen is kept for the whole
session, prompts and attendance included: the projector never shows the terminal's scrollback
(PRODUCT §3).  Keys that change the session
become runner ``Command``s (so each one is an event in the journal); the others only change
what the screen shows (notes, help, a count typed before ``+``).
"""

from __future__ import annotations

import contextlib
import math
import os
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from seminar_cli.durations import format_human
from seminar_cli.i18n import current_language, t
from seminar_cli.session.clock import clock_speed
from seminar_cli.session.runner import Command, Runner
from seminar_cli.session.schedule import ReplanProposal, schedule
from seminar_cli.ui import live_keys
from seminar_cli.ui.keys import ENTER, ESCAPE, RESIZE, KeySource
from seminar_cli.ui.live_keys import BY_KEY
from seminar_cli.ui.screen import LiveView, Overlay, crossed, live_screen, view_from_state

if TYPE_CHECKING:
    from rich.console import Console

    from seminar_cli.session.assembly import SignedIn
    from seminar_cli.session.plenary import PlenaryWorkshops, WorkshopWatch

FLASH_SECONDS = 5.0  # how long a short message stays on the screen (real seconds)
MAX_FRAME = 1.0  # real seconds between frames when idle: the countdown moves once a second
MIN_FRAME = 0.2  # real seconds: the fastest redraw, for rehearsals at high speed
YES = ("y", "Y", "o", "O")  # "oui" works too


_ALT_SCREEN = {"on": False}  # the terminal shows its alternate screen (ours)


def alternate_screen_on() -> bool:
    """The room's alternate screen is up: what is printed now is wiped when it goes."""
    return _ALT_SCREEN["on"]


@contextlib.contextmanager
def room_screen(*, enabled: bool = True) -> Iterator[None]:
    """The terminal's alternate screen, blank, from the session's setup questions on; the live
    screen takes it over and gives the terminal back when the session stops.  Leaving earlier
    (an error, Ctrl-C in the setup) gives it back here, before the message is printed.  Left
    only once: a second "leave" would move the cursor back over what was printed since."""
    from seminar_cli.ui.console import err

    console = err()
    entered = False
    if enabled and console.is_terminal and not _ALT_SCREEN["on"]:
        entered = _ALT_SCREEN["on"] = console.set_alt_screen(True)
        console.clear()
    try:
        yield
    finally:
        if entered and _ALT_SCREEN["on"]:
            _ALT_SCREEN["on"] = False
            console.show_cursor(True)
            console.set_alt_screen(False)


def attendance_flash(signed_in: SignedIn) -> str:
    """The confirmation of key ``a``.  A member's personal code is never drawn here: this
    screen is the room's (projected), and the code is what proves a phone's vote is theirs;
    the facilitator gives it from the desk's terminal (``seminar attendance --codes``)."""
    if signed_in.code is not None:
        return t("live.flash.attendance_code", name=signed_in.name)
    if signed_in.status == "represented" and signed_in.represented_by:
        return t(
            "live.flash.attendance_proxy", name=signed_in.name, holder=signed_in.represented_by
        )
    return t(
        "live.flash.attendance", name=signed_in.name, status=t(f"live.status.{signed_in.status}")
    )


class LiveControls:
    """The runner's controls on a terminal: a full-screen countdown and one-key commands."""

    def __init__(
        self,
        console: Console | None = None,
        keys: KeySource | None = None,
        *,
        join_url: str | None = None,
    ) -> None:
        self.console = console
        self.keys = keys
        self.join_url = join_url  # the phones' address with --serve: on the screen, key j
        self.show_notes = False
        self.overlay: Overlay | None = None
        self.proposal: ReplanProposal | None = None
        self.count = ""  # digits typed before + or -
        self.flash: tuple[str, float] | None = None  # message, until (real seconds)
        self.results: list[tuple[Any, int]] = []  # renderable, segments started since shown
        self.result_index: int | None = None  # the one shown; None: the latest
        self.frames = 0  # frames drawn (the benchmark reads it)
        self._queue: deque[str] = deque()
        self._screen_on = False  # the alternate screen is ours
        self._last_view: LiveView | None = None
        self._dirty = True
        self._suspended = False
        self._previous: tuple[str, float] | None = None  # segment, seconds left at last look
        self._runner: Runner | None = None
        self._voided_told: dict[str, int] = {}  # per open prompt: voided answers flashed
        self._watch: WorkshopWatch | None = None  # the workshops' streams, for the plenary
        # key w: the restitution, the workshop it reached and when (session seconds into it)
        self._turn_from: tuple[str, int, int] | None = None
        # ← → in a restitution: the restitution, the workshop, its first result drawn
        self._panel: tuple[str, str, int] | None = None

    # -- lifecycle ------------------------------------------------------------------------------
    def __enter__(self) -> LiveControls:
        from rich.console import Console

        if self.keys is None:
            from seminar_cli.ui.keys import terminal_keys

            self.keys = terminal_keys().open()
        try:
            if self.console is None:
                self.console = Console(highlight=False)
            self._fit_console()
            if _ALT_SCREEN["on"]:  # the setup questions' screen: this one takes it over
                self._screen_on = True
                self.console.clear()
            else:
                self._screen_on = _ALT_SCREEN["on"] = self.console.set_alt_screen(True)
            self.console.show_cursor(False)
        except BaseException:
            self.keys.close()
            raise
        return self

    def __exit__(self, exc_type: object, *exc: object) -> None:
        # leaving on an exception (a hang-up: the terminal is gone), giving the terminal back
        # may fail too: that must not hide the exception, which says how the session stopped
        with contextlib.suppress(Exception) if exc_type else contextlib.nullcontext():
            try:
                if self.console is not None and self._screen_on:
                    self._screen_on = _ALT_SCREEN["on"] = False
                    self.console.show_cursor(True)
                    self.console.set_alt_screen(False)
            finally:
                if self.keys is not None:
                    self.keys.close()

    def suspend(self) -> None:
        """A prompt takes the keyboard: give the terminal back in its normal mode on a blank
        alternate screen (the room sees the prompt, never the scrollback), and drop keys typed
        ahead so they do not answer the prompt."""
        if self._suspended:
            return
        self._suspended = True
        self._queue.clear()
        self.count = ""
        if self.console is not None and self._screen_on:
            self.console.show_cursor(True)
            self.console.clear()
        if self.keys is not None:
            self.keys.suspend()

    def restore(self) -> None:
        if not self._suspended:
            return
        self._suspended = False
        if self.keys is not None:
            self.keys.resume()
        if self.console is not None and self._screen_on:
            self._fit_console()
            self.console.show_cursor(False)
            self.console.clear()  # what the prompt printed must not stay behind
        self._dirty = True

    # -- the runner's side ------------------------------------------------------------------------
    def wait(self, runner: Runner, timeout: float) -> Command | None:
        """Draw, then wait for a key or the next frame; return at most one command."""
        self._runner = runner
        clock = runner.writer.clock
        deadline = clock.monotonic() + timeout
        while True:
            while self._queue:
                command = self._on_key(runner, self._queue.popleft())
                if command is not None:
                    return command
            self.draw(runner)
            left = deadline - clock.monotonic()
            if left <= 0:
                return None
            speed = _speed(runner)
            assert self.keys is not None
            try:
                keys = self.keys.read(min(self._frame_interval(runner), left / speed))
            except EOFError:  # the terminal went away: stop as after a hang-up
                from seminar_cli.session.prompter import StopSession

                raise StopSession from None
            if not keys:
                return None  # a frame went by: let the runner look at the journal
            for key in keys:
                if key == RESIZE:
                    self._resized()
                else:
                    self._queue.append(key)

    def notify(self, runner: Runner, what: str, **details: Any) -> None:
        self._runner = runner
        self._dirty = True
        if what in ("segment_started", "segment_resumed"):
            self._previous = None
            self.count = ""
            if self.overlay == "replan":
                self.overlay = None
            self.results = [(r, age + 1) for r, age in self.results if age < 1]
            self.result_index = None
        elif what == "prompt_closed":
            self._show_results(runner, details["prompt"])
        elif what == "session_closed" and not self._suspended:
            # the last segment's own results (its closing prompts), not an earlier segment's
            self.results = [(r, age) for r, age in self.results if age == 0]
            if self.results:
                self._closing_results(runner)
        elif what == "replan_proposed":
            proposal = details.get("proposal")
            self.proposal = proposal
            if proposal is None:
                self._say(self._why_no_replan(runner))
            else:
                self.overlay = "replan"
        elif what == "replan_accepted":
            self.overlay = None
            self.proposal = None
            self._say(t("live.flash.replan_accepted"))
        elif what == "turn" and self._suspended and self._screen_on and self.console:
            self.console.clear()  # each turn on a blank screen: no answer left for the next
        elif what == "answer_rejected":
            message = str(details.get("message", ""))
            if self._suspended:  # a prompt has the terminal: say it there
                self._say_under_prompt(message)
            else:
                self._say(t("live.flash.answer_rejected", message=message))
        elif what == "attendance_refused":
            self._say(str(details.get("message", "")))
        elif what == "attendance_recorded":
            self._say(attendance_flash(details["signed_in"]))
        elif what == "quorum_announced":
            from seminar_cli.ui.screen import quorum_band

            self._say(t("quorum.announce", band=quorum_band(details["quorum"])))

    # -- drawing ----------------------------------------------------------------------------------
    def view(self, runner: Runner) -> LiveView | None:
        clock = runner.writer.clock
        if self.flash and self.flash[1] <= _real(clock.monotonic(), runner):
            self.flash = None
        self._tell_voided(runner)
        shown = self._result_shown()
        view = view_from_state(
            runner.state,
            runner.now(),
            show_notes=self.show_notes,
            overlay=self.overlay,
            proposal=self.proposal if self.overlay == "replan" else None,
            count_prefix=self.count,
            flash=self.flash[0] if self.flash else None,
            results=(self.results[shown][0],) if self.results else (),
            waiting=runner.writer.waiting_anonymous(),
            result_page=shown + 1,
            result_pages=len(self.results),
            join_url=self.join_url,
            workshops=self._workshops(runner),
        )
        first = self._panel_of(runner, view)
        return view if view is None or not first else replace(view, workshop_panel=first)

    def _panel_of(self, runner: Runner, view: LiveView | None) -> int:
        """The restitution's first result drawn: paged with ← → for this workshop's turn, back
        to its first when the next workshop comes."""
        turn = view.workshops.restitution if view and view.workshops else None
        if turn is None or self._panel is None:
            return 0
        segment, workshop, first = self._panel
        if segment != runner.state.current or workshop != turn.workshop.id:
            return 0
        return max(0, min(first, len(turn.results) - 1))

    def _workshops(self, runner: Runner) -> PlenaryWorkshops | None:
        """The workshops' states (a split segment) or a restitution's turn; read from the
        journal at most once a second (session/plenary.py)."""
        import time

        from seminar_cli.journal.store import PLENARY
        from seminar_cli.timer import local_now

        writer = runner.writer
        if writer.stream != PLENARY or not writer.agenda.all_workshops():
            return None  # a workshop's own screen, or an agenda without workshops
        if self._watch is None:
            from seminar_cli.session.plenary import WorkshopWatch

            self._watch = WorkshopWatch(writer.journal, writer.row)
        turn_from = None
        if self._turn_from is not None and self._turn_from[0] == runner.state.current:
            turn_from = self._turn_from[1:]
        return self._watch.plenary(
            runner.state, runner.now(), time.monotonic(), local_now(), turn_from=turn_from
        )

    def _tell_voided(self, runner: Runner) -> None:
        """Anonymous answers voided by the station's stop (at ``resume``) are flashed once,
        besides the line under their open prompt: the facilitator calls for them again."""
        from seminar_cli.ui.screen import voided_line

        state = runner.state
        news = []
        for prompt_id in state.open_prompts:
            count = state.voided_anonymous.get(prompt_id, 0)
            if count > self._voided_told.get(prompt_id, 0):
                self._voided_told[prompt_id] = count
                found = state.agenda.find_prompt(prompt_id)
                news.append(
                    voided_line(count, found is not None and found[1].ballot_mode is not None)
                )
        if news:
            self._say(" · ".join(news))

    def _result_shown(self) -> int:
        """Which result is on the screen: one at a time, the latest unless paged back."""
        last = len(self.results) - 1
        return last if self.result_index is None else max(0, min(self.result_index, last))

    def draw(self, runner: Runner) -> None:
        """A new frame when anything on the screen changed (and the bell when a warning or
        zero was just passed)."""
        if self._suspended:
            return
        self._ring_if_due(runner)
        view = self.view(runner)
        if view is None or (view == self._last_view and not self._dirty):
            return
        self._last_view = view
        self._dirty = False
        self.frames += 1
        if self.console is not None and self._screen_on:
            self._fit_console()
            self._paint(live_screen(view))

    def _paint(self, renderable: Any) -> None:
        """One whole frame from the top-left corner, cropped to the terminal's size."""
        from rich.control import Control
        from rich.screen import Screen

        assert self.console is not None
        with self.console:  # one write per frame: no half-drawn screen on the projector
            self.console.control(Control.home())
            self.console.print(Screen(renderable), end="")

    def _fit_console(self) -> None:
        """Follow the terminal's real size (COLUMNS/LINES may say otherwise)."""
        console = self.console
        if console is None or not console.is_terminal:
            return
        try:
            size = os.get_terminal_size(console.file.fileno())
        except (OSError, ValueError, AttributeError):
            return
        if tuple(console.size) != (size.columns, size.lines):
            console.size = (size.columns, size.lines)

    def _resized(self) -> None:
        self._dirty = True
        if self._screen_on and self.console is not None and not self._suspended:
            self._fit_console()
            self.console.clear()  # what the terminal re-flowed must not stay behind

    def _ring_if_due(self, runner: Runner) -> None:
        current = runner.current()
        if current is None:
            return
        segment, seg = current
        left = seg.remaining_at(runner.now())
        previous = self._previous[1] if self._previous and self._previous[0] == seg.id else None
        self._previous = (seg.id, left)
        if crossed(previous, left, segment.warnings(seg.allotted)) and self.console is not None:
            self.console.bell()

    def _frame_interval(self, runner: Runner) -> float:
        """Real seconds until the countdown shows the next second (at most one second)."""
        current = runner.current()
        if current is None or current[1].paused:
            return MAX_FRAME
        left = current[1].remaining_at(runner.now())
        if left > 0:
            step = left - (math.ceil(left) - 1)
        else:
            over = -left
            step = math.floor(over) + 1 - over
        return min(MAX_FRAME, max(MIN_FRAME, step / _speed(runner) + 0.005))

    def _say_under_prompt(self, message: str) -> None:
        """A refusal while a question has the terminal, wrapped at words to its width (a
        plain line would be cut mid-word by the terminal at 80 columns)."""
        from rich.text import Text

        from seminar_cli.ui.console import err

        err().print(Text(message, style="red"))

    def _say(self, message: str) -> None:
        """A short message on the screen for a few seconds."""
        until = float("inf")
        if self._runner is not None:
            until = _real(self._runner.writer.clock.monotonic(), self._runner) + FLASH_SECONDS
        self.flash = (message, until)
        self._dirty = True

    # -- keys -------------------------------------------------------------------------------------
    def _on_key(self, runner: Runner, key: str) -> Command | None:
        self._dirty = True
        if self.overlay == "quit":
            self.overlay = None
            return Command("quit") if key in YES else None
        if self.overlay == "end":  # n on the last segment ends the seminar: only on a yes
            self.overlay = None
            return Command("next") if key in YES or key == ENTER else None
        if self.overlay == "replan":
            if key in YES or key == ENTER:
                self.overlay = None
                return Command("accept")
            if key in (ESCAPE, "n", "N"):
                self.overlay = None
                self.proposal = None
                self._say(t("live.flash.replan_refused"))
                return Command("refuse")
            return None  # the proposal stays until it is answered
        if self.overlay in ("help", "join"):  # any key closes them, and does nothing else
            self.overlay = None
            return None
        row = BY_KEY.get(key)
        if row is not None and row.handler == "count":
            return self._key_count(runner, key)
        count, self.count = int(self.count or 1), ""  # any other key ends a count
        if row is None or row.handler is None:
            return None
        handler: Callable[[Runner, str, int], Command | None] = getattr(self, f"_key_{row.handler}")
        return handler(runner, key, count)

    # one handler per row of ui/live_keys.py: (runner, key, count typed before it)
    def _key_count(self, runner: Runner, key: str, count: int = 1) -> Command | None:
        self.count = (self.count + key)[-3:].lstrip("0")
        return None

    def _key_extend(self, runner: Runner, key: str, count: int) -> Command | None:
        if key in ("+", "="):
            self._say(t("live.flash.extended", amount=format_human(60 * count, _lang())))
            return Command("extend", seconds=60 * count)
        current = runner.current()
        left = current[1].remaining_at(runner.now()) if current else 0.0
        if left < 1:  # in overtime there is nothing left to remove
            return None
        taken = min(60 * count, int(left))
        self._say(t("live.flash.shortened", amount=format_human(taken, _lang())))
        return Command("extend", seconds=-60 * count)

    def _key_pause(self, runner: Runner, key: str, count: int) -> Command | None:
        return Command("pause")

    def _key_next(self, runner: Runner, key: str, count: int) -> Command | None:
        current = runner.current()
        if current is not None and runner.state.segment_after(current[0].id) is None:
            self.overlay = "end"
            return None
        return Command("next")

    def _key_ask(self, runner: Runner, key: str, count: int) -> Command | None:
        view = self.view(runner)
        ballot_open = view is not None and any(p.ballot for p in view.prompts)
        if view is not None and (view.pending_prompts or view.ballots_waiting or ballot_open):
            return Command("ask")
        self._say(t("live.flash.no_prompts"))
        return None

    def _key_replan(self, runner: Runner, key: str, count: int) -> Command | None:
        return Command("replan")

    def _key_notes(self, runner: Runner, key: str, count: int) -> Command | None:
        self.show_notes = not self.show_notes
        return None

    def _key_attendance(self, runner: Runner, key: str, count: int) -> Command | None:
        return self._attendance(runner)

    def _key_help(self, runner: Runner, key: str, count: int) -> Command | None:
        self.overlay = "help"
        return None

    def _key_join(self, runner: Runner, key: str, count: int) -> Command | None:
        if self.join_url is None:
            self._say(t("live.flash.not_serving"))
        else:
            self.overlay = "join"
        return None

    def _key_next_workshop(self, runner: Runner, key: str, count: int) -> Command | None:
        view = self.view(runner)
        if view is None or view.workshops is None or view.workshops.restitution is None:
            self._say(t("live.flash.no_restitution"))
            return None
        # the workshop reached gets its full turn: the countdown to the next starts again
        turn = view.workshops.restitution
        segment = runner.state.current
        if segment is None:
            return None
        self._turn_from = (segment, (turn.index + count) % turn.count, turn.elapsed)
        return None

    def _key_quit(self, runner: Runner, key: str, count: int) -> Command | None:
        self.overlay = "quit"
        return None

    def _key_older(self, runner: Runner, key: str, count: int) -> Command | None:
        step = -1 if key in ("left", "<") else 1
        view = None if self.results else self.view(runner)
        turn = view.workshops.restitution if view and view.workshops else None
        if turn is not None and runner.state.current is not None:
            # no prompt's results on the screen: ← → page the restitution's workshop
            first = self._panel_of(runner, view) + step * count
            first = max(0, min(first, len(turn.results) - 1))
            self._panel = (runner.state.current, turn.workshop.id, first)
            return None
        if self.results:
            index = self._result_shown() + step
            self.result_index = None if index >= len(self.results) - 1 else max(0, index)
        return None

    def _key_dismiss(self, runner: Runner, key: str, count: int) -> Command | None:
        self.results = []
        self.result_index = None
        self.flash = None
        return None

    def _closing_results(self, runner: Runner) -> None:
        """The seminar is over: the results of its last prompts stay on the screen until the
        facilitator closes it (← → page through them)."""
        from seminar_cli.ui.screen import closing_screen

        if self.keys is None or self.console is None or not self._screen_on:
            return
        self.result_index = None
        title, over = self.closing_heading(runner)
        while True:
            shown = self._result_shown()
            self._fit_console()
            meeting = runner.state.agenda.assembly is not None
            result = self.results[shown][0]
            self._paint(
                closing_screen(
                    title, result, shown + 1, len(self.results), meeting=meeting, over=over
                )
            )
            try:
                keys = self.keys.read(MAX_FRAME * 60)
            except EOFError:
                return
            for key in keys:
                if key == RESIZE:
                    self.console.clear()
                elif key in live_keys.row("older").keys:
                    step = -1 if key in ("left", "<") else 1
                    index = shown + step
                    self.result_index = None if index >= len(self.results) - 1 else max(0, index)
                else:
                    return

    def closing_heading(self, runner: Runner) -> tuple[str, str | None]:
        """The closing screen's title, and what is over (None: the seminar)."""
        return str(runner.state.meta.get("title") or runner.state.agenda.title), None

    def _attendance(self, runner: Runner) -> Command | None:
        from seminar_cli.ui.setup import ask_attendance_change

        with runner.keyboard_lent():  # suspends and restores this screen
            change = ask_attendance_change(runner.state)
        if change is None:
            return None
        name, status, by = change
        from seminar_cli.session.assembly import attendance_refusal

        refusal = attendance_refusal(runner.state, name, status, by)
        if refusal is not None:  # said now, on the screen; the runner checks again as it writes
            self._say(t(refusal[0], **refusal[1]))
            return None
        # said once recorded (attendance_recorded), with what the member needs to vote
        return Command("attendance", participant=name, status=status, represented_by=by)

    def _show_results(self, runner: Runner, prompt: Any) -> None:
        from seminar_cli.ui.results import render_results

        state = runner.state
        answers = state.answers.get(prompt.id, [])
        from seminar_cli.session.assembly import deliberated_at_vote

        shown = render_results(
            prompt,
            answers,
            state.agenda.assembly,
            deliberated=deliberated_at_vote(state, prompt.id),
        )
        if shown is None:
            self._say(t("live.flash.results_hidden"))
            return
        self.results.append((shown, 0))
        self.result_index = None  # a new result is the one the room must see

    def _why_no_replan(self, runner: Runner) -> str:
        plan = schedule(runner.state, runner.now())
        if plan.ends_by is None:
            return t("live.flash.no_ends_by")
        if plan.over_ends_by < 30:
            return t("live.flash.on_time", ends_by=plan.ends_by.strftime("%H:%M"))
        return t("live.flash.nothing_to_shorten")


def _speed(runner: Runner) -> float:
    return clock_speed(runner.writer.clock)


def _real(clock_seconds: float, runner: Runner) -> float:
    return clock_seconds / _speed(runner)


def _lang() -> str:
    return current_language()
