"""A workshop's live screen (``seminar workshop ID``): the plenary's live screen (ui/live.py,
ui/screen.py) showing the workshop — its title, room and facilitator, the countdown of the
plenary segment that holds it, its own prompts and their answer counts — and taking only the
keys a workshop has (its timing is the plenary's).  Before its segment starts, a plain
waiting screen says which segment it begins with."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from seminar_cli.agenda.models import Who
from seminar_cli.i18n import t
from seminar_cli.session.runner import Command, Runner
from seminar_cli.ui.live import LiveControls
from seminar_cli.ui.screen import LiveView, PromptCount
from seminar_cli.ui.workshops import workshop_place

if TYPE_CHECKING:
    from rich.console import RenderableType

    from seminar_cli.session.workshop import WorkshopRunner

# the live keys (ui/live_keys.py handlers) of a workshop's screen: no pause, next, +/-,
# re-plan or attendance (the plenary's), no phones' QR code (not served from here yet)
WORKSHOP_KEYS = frozenset({"ask", "notes", "dismiss", "older", "help", "quit"})
WORKSHOP_QUIT = "workshop_run.keys.quit"  # quitting keeps the workshop, not "the session"


def workshop_view(runner: WorkshopRunner, base: LiveView) -> LiveView:
    """The plenary's view of the running segment ``base``, made the workshop's."""
    state = runner.state
    workshop = runner.workshop
    waiting = runner.writer.waiting_anonymous()
    prompts = []
    for prompt_id in state.open_prompts:
        prompt = runner.find_prompt(prompt_id)
        if prompt is None:
            continue
        prompts.append(
            PromptCount(
                prompt.question,
                state.answer_count(prompt_id) + waiting.get(prompt_id, 0),
                voided=state.voided_anonymous.get(prompt_id, 0),
            )
        )
    pending = sum(
        1
        for prompt in runner.prompts_of(runner.segment)
        if prompt.who is not Who.open and prompt.id not in state.closed_prompts
    )
    place = workshop_place(workshop)
    description = "\n".join(text for text in (place, workshop.description) if text) or None
    return replace(
        base,
        segment=workshop.title,
        kind=t("workshop_run.screen.kind", segment=runner.segment.title),
        speaker=None,
        description=description,
        prompts=tuple(prompts),
        pending_prompts=pending,
        ballots_waiting=(),
        key_handlers=WORKSHOP_KEYS | ({"join"} if base.join_url else set()),
        help_lines=(("quit", t("workshop_run.help.quit")),),
        quit_line=WORKSHOP_QUIT,
    )


def waiting_screen(
    runner: WorkshopRunner,
    overlay: str | None,
    join_url: str | None = None,
    height: int | None = None,
) -> RenderableType:
    """Before the workshop's segment: the workshop, where, who, and what it waits for; with
    ``join_url`` (``--serve``) its phones' address already, and its QR code where ``height``
    leaves room for it, for people coming into the room during the break."""
    from rich.console import Group
    from rich.panel import Panel
    from rich.text import Text

    workshop = runner.workshop
    state = runner.state
    lines: list[Any] = [Text(workshop.title, style="bold", justify="center")]
    place = workshop_place(workshop)
    if place:
        lines.append(Text(place, justify="center"))
    if workshop.description:
        lines.append(Text(workshop.description, justify="center", style="dim"))
    lines.append(Text(""))
    lines.append(
        Text(
            t("workshop_run.screen.waiting", segment=runner.segment.title),
            style="bold yellow",
            justify="center",
        )
    )
    if state.current is not None and state.current != runner.segment.id:
        now_running = state.agenda.segment(state.current).title
        lines.append(
            Text(t("workshop_run.screen.waiting_now", segment=now_running), justify="center")
        )
    if join_url:
        from seminar_cli.ui.qr import SMALL_BORDER, half_block_lines, qr_matrix

        lines.append(Text(""))
        address = Text(t("live.join.label") + " ", style="bold", justify="center")
        address.append(join_url, style="bold cyan")
        lines.append(address)
        rows = half_block_lines(qr_matrix(join_url, SMALL_BORDER))
        # the panel's frame and padding, the key line: what the QR code must leave
        if height is not None and len(lines) + len(rows) + 6 <= height:
            from seminar_cli.ui.screen import QR_STYLE  # dark modules on light, any theme

            lines.extend(Text(row, style=QR_STYLE, justify="center") for row in rows)
    title = str(state.meta.get("title") or state.agenda.title)
    keys = t(WORKSHOP_QUIT) if overlay == "quit" else t("workshop_run.screen.keys_waiting")
    return Group(
        Panel(Group(*lines), title=Text(title), padding=(1, 2)),
        Text(keys, style="reverse"),
    )


class WorkshopControls(LiveControls):
    """``LiveControls`` for a workshop's runner: its view, its keys, its waiting screen."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._waiting_drawn: tuple[Any, ...] | None = None

    def view(self, runner: Runner) -> LiveView | None:
        base = super().view(runner)
        if base is None:
            return None
        return workshop_view(_workshop(runner), base)

    def draw(self, runner: Runner) -> None:
        workshop_runner = _workshop(runner)
        if workshop_runner.active:
            self._waiting_drawn = None
            super().draw(runner)
            return
        if self._suspended:
            return
        state = workshop_runner.state
        drawn = (state.current, self.overlay, tuple(self.console.size) if self.console else None)
        if drawn == self._waiting_drawn:
            return  # nothing changed: no flicker, no CPU
        self._waiting_drawn = drawn
        self.frames += 1
        if self.console is not None and self._screen_on:
            self._fit_console()
            self.console.clear()
            height = self.console.size.height
            self._paint(waiting_screen(workshop_runner, self.overlay, self.join_url, height))

    def notify(self, runner: Runner, what: str, **details: Any) -> None:
        if what == "workshop_over":
            # the results of its last prompts stay until the facilitator closes the screen
            super().notify(runner, "session_closed", **details)
            return
        super().notify(runner, what, **details)

    def closing_heading(self, runner: Runner) -> tuple[str, str | None]:
        return _workshop(runner).workshop.title, t("workshop_run.screen.over")

    def _on_key(self, runner: Runner, key: str) -> Command | None:
        from seminar_cli.ui.live_keys import BY_KEY

        row = BY_KEY.get(key)
        taken = WORKSHOP_KEYS | ({"join"} if self.join_url else set())
        if self.overlay is None and row is not None and row.handler not in taken:
            return None  # the plenary's keys do nothing here
        self._waiting_drawn = None
        return super()._on_key(runner, key)


def _workshop(runner: Runner) -> WorkshopRunner:
    from seminar_cli.session.workshop import WorkshopRunner

    assert isinstance(runner, WorkshopRunner)
    return runner
