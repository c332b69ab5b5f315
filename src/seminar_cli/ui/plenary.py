"""How the plenary's live screen draws its workshops (session/plenary.py decides what they are):
during a split segment, one line per workshop with its room, its state and its answers; during
a restitution, the workshop whose turn it is, with its results drawn by ui/results.py."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from seminar_cli.durations import format_clock
from seminar_cli.i18n import counted, t
from seminar_cli.ui.workshops import MARK

if TYPE_CHECKING:
    from seminar_cli.agenda.models import Assembly
    from seminar_cli.session.plenary import PlenaryWorkshops, RestitutionTurn, WorkshopStatus

RUN_STYLE = {"running": "bold green", "not_started": "dim", "stopped": "bold yellow"}
SIDE_BY_SIDE_WIDTH = 120  # from this width a restitution's results stand two by two


def status_table(statuses: tuple[WorkshopStatus, ...]) -> list[RenderableType]:
    """The heading and one row per workshop: title, where, state, answers (the title gives way
    first on a narrow terminal)."""
    running = sum(1 for s in statuses if s.run == "running")
    heading = Text(t("plenary.heading", running=running, count=len(statuses)), style="bold")
    table = Table(show_header=False, show_edge=False, pad_edge=False, box=None, expand=True)
    table.add_column(no_wrap=True, overflow="ellipsis", ratio=3)
    table.add_column(no_wrap=True, overflow="ellipsis", ratio=2, style="dim")
    table.add_column(no_wrap=True, justify="right")
    table.add_column(no_wrap=True, justify="right")
    for status in statuses:
        # Text, never markup: a title is what the agenda says ("Atelier [B]")
        table.add_row(
            Text(f"{MARK} {status.title}"),
            Text(_place(status)),
            Text(t(f"plenary.run.{status.run}"), style=RUN_STYLE[status.run]),
            Text(counted("live.answers", status.answers), style="bold magenta"),
        )
    return [heading, table]


def _place(status: WorkshopStatus) -> str:
    """« Salle Agora · animé par Lucie Fontaine », as ui/workshops.py words a workshop."""
    facts = [status.room] if status.room else []
    if status.facilitator:
        facts.append(t("workshops.led_by", name=status.facilitator))
    return " · ".join(facts)


def restitution_parts(
    turn: RestitutionTurn, assembly: Assembly | None, width: int, *, first: int = 0
) -> list[RenderableType]:
    """The workshop whose turn it is: its title and place in the round, when the next comes,
    then its results (its own prompts, then the shared ones, said so) from the ``first``th
    on (the live screen's ← → page them when they do not all fit)."""
    from seminar_cli.ui.results import render_results

    heading = Text(
        t(
            "plenary.restitution.heading",
            index=turn.index + 1,
            count=turn.count,
            title=turn.workshop.title,
        ),
        style="bold bright_white",
    )
    next_in = t("plenary.restitution.next", time=format_clock(turn.next_in))
    heading.append(f"  · {next_in}", style="dim")
    first = max(0, min(first, len(turn.results) - 1))
    if first:
        shown_from = t("plenary.restitution.from", index=first + 1, count=len(turn.results))
        heading.append(f"  · {shown_from}", style="dim")
    panels: list[RenderableType] = []
    for result in turn.results[first:]:
        drawn = render_results(result.prompt, list(result.answers), assembly)
        if drawn is None:  # anonymous, fewer than three: never shown (PRODUCT §3)
            drawn = Text(
                t("plenary.restitution.hidden", question=result.prompt.question), style="italic"
            )
        if result.shared:
            drawn = Group(Text(t("plenary.restitution.shared"), style="dim italic"), drawn)
        panels.append(drawn)
    if not panels:
        return [heading, Text(t("plenary.restitution.nothing"), style="italic")]
    if width < SIDE_BY_SIDE_WIDTH or len(panels) == 1:
        return [heading, *panels]
    grid = Table.grid(expand=True, padding=(0, 1))
    grid.add_column(ratio=1)
    grid.add_column(ratio=1)
    for first in range(0, len(panels), 2):
        grid.add_row(*panels[first : first + 2], *([Text("")] * (first + 2 - len(panels))))
    return [heading, grid]


def workshop_parts(
    workshops: PlenaryWorkshops, assembly: Assembly | None, width: int, *, first: int = 0
) -> list[RenderableType]:
    """What the live screen shows about the workshops now (``first``: a restitution's first
    result drawn)."""
    if workshops.restitution is not None:
        return restitution_parts(workshops.restitution, assembly, width, first=first)
    return status_table(workshops.statuses)
