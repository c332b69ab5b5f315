"""What ``seminar agenda list | show`` draw: the tables (Rich, imported when drawing)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from seminar_cli.i18n import t

if TYPE_CHECKING:
    from datetime import time

    from rich.table import Table

    from seminar_cli.agenda.models import Agenda, Segment


def render_agenda_list(rows: list[tuple[list[str], str | None]], invalid: list[str]) -> None:
    """The agendas' table (each row: its cells and a style), narrower when the terminal is,
    then a hint for each file that does not validate."""
    from seminar_cli.ui import console

    screen = console.out()
    table = _agenda_table(rows, narrow=False)
    wide = screen.options.update_width(10_000)  # the table's own width, unclamped
    if screen.measure(table, options=wide).maximum > screen.width:
        table = _agenda_table(rows, narrow=True)
    screen.print(table)
    for path in invalid:
        console.say(t("agenda.list.invalid_hint", file=path), style="red")


def _agenda_table(rows: list[tuple[list[str], str | None]], *, narrow: bool) -> Table:
    """The table of ``agenda list``.  A title wraps between its words, never inside one
    (Rich made « Co-const… demain » of it at 80 columns); on a narrow terminal the origin
    wraps at its spaces to leave the title that room."""
    from rich.table import Table

    longest_word = max((len(w) for cells, _ in rows for w in cells[1].split()), default=0)
    table = Table(title=t("agenda.list.title"))
    # the name is what the user types next: never cut it
    table.add_column(t("agenda.list.name"), no_wrap=True, overflow="fold")
    table.add_column(t("agenda.list.agenda_title"), min_width=min(longest_word, 30))
    table.add_column(t("agenda.list.segments"), justify="right")
    table.add_column(t("agenda.list.duration"), justify="right", no_wrap=True)
    table.add_column(t("agenda.list.origin"), max_width=12 if narrow else None)
    for cells, style in rows:
        table.add_row(*cells, style=style)
    return table


def render_agenda(agenda: Agenda, start: time | None, notes: bool) -> None:
    from rich.console import Group, RenderableType
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    from seminar_cli.durations import format_human
    from seminar_cli.ui import console
    from seminar_cli.ui.labels import kind_label, prompt_type_label, who_label
    from seminar_cli.ui.workshops import MARK

    head = Text(agenda.title, style="bold")
    if agenda.subtitle:
        head.append(" — " + agenda.subtitle)
    if agenda.organization:
        head.append(f"  ({agenda.organization})", style="dim")
    table = Table(title=head, show_lines=False, expand=False)
    has_times = (start or agenda.starts_at) is not None
    if has_times:
        table.add_column(t("agenda.show.start"), justify="right", no_wrap=True)
        table.add_column(t("agenda.show.end"), justify="right", no_wrap=True)
    table.add_column(t("agenda.show.duration"), justify="right", no_wrap=True)
    table.add_column(t("agenda.show.segment"))
    table.add_column(t("agenda.show.kind"), no_wrap=True)
    for segment, begin, end in agenda.planned_times(start):
        title = Text(segment.title, style="bold")
        if segment.speaker:
            title.append(f"\n{segment.speaker}", style="italic")
        if notes and segment.notes:
            title.append(f"\n{segment.notes}", style="dim")
        for prompt in segment.prompts:
            title.append(f"\n  › {prompt.question} ")
            title.append(
                f"[{prompt_type_label(prompt.type)} · {who_label(prompt.who)}]", style="dim"
            )
        cell: RenderableType = title
        if segment.workshops:
            # indented as a block, so that it keeps its indent when wrapped at 80 columns; the
            # workshops themselves are in a table of their own, under this one
            key = "workshops.show.split_shared" if segment.prompts else "workshops.show.split"
            split = t(key, mark=MARK, count=len(segment.workshops))
            cell = Group(title, Padding(Text(split, style="bold"), (0, 0, 0, 2)))
        duration = format_human(segment.duration)
        if segment.fixed:
            duration += f" ({t('agenda.show.fixed')})"
        row: list[RenderableType] = [duration, cell, kind_label(segment.kind)]
        if has_times:
            row = [begin.strftime("%H:%M"), end.strftime("%H:%M"), *row]
        table.add_row(*row)
    total_row: list[RenderableType] = [
        format_human(agenda.total_seconds),
        Text(t("agenda.show.total"), style="bold"),
        "",
    ]
    if has_times:
        last_end = agenda.planned_times(start)[-1][2].strftime("%H:%M")
        total_row = ["", last_end, *total_row]
    table.add_row(*total_row, end_section=True)
    out = console.out()
    out.print(table)
    for segment, begin, end in agenda.planned_times(start):
        if segment.workshops:
            when = f"{begin.strftime('%H:%M')}–{end.strftime('%H:%M')}" if has_times else None
            out.print(_workshops_table(segment, when))
    if agenda.participants:
        count = len(agenda.participants)
        console.say(
            t("agenda.show.roster_one" if count == 1 else "agenda.show.roster", count=count)
        )
    if agenda.assembly:
        a = agenda.assembly
        console.say(
            t(
                "agenda.show.assembly",
                body=a.body,
                members=agenda.quorum_base() or "?",
                quorum=t("agenda.show.percent", value=round(a.quorum * 100)),
                majority=t(f"agenda.majority.{a.majority.value}"),
            )
        )
    slack = agenda.slack_seconds(start)
    if agenda.ends_by and slack is not None:
        ends_by = agenda.ends_by.strftime("%H:%M")
        if slack < 0:
            over = format_human(-slack)
            console.say(t("agenda.show.overrun", ends_by=ends_by, over=over), style="bold yellow")
        else:
            margin = format_human(slack) if slack else "0 min"
            console.say(t("agenda.show.fits", ends_by=ends_by, margin=margin), style="green")
    if agenda.followed_by:
        console.say(t("agenda.show.followed_by", what=agenda.followed_by))


def _workshops_table(segment: Segment, when: str | None) -> Table:
    """A segment's workshops, one a row: where each is, who leads it, how many people and
    prompts it has (the segment's own prompts, asked in each, are not counted)."""
    from rich.table import Table

    title = t("workshops.table.title", segment=segment.title)
    if when:
        title += f" ({when})"
    table = Table(title=title, show_lines=True)  # a wrapped title stays with its row
    table.add_column(t("workshops.table.workshop"))
    # the room above its facilitator: one column leaves the titles room at 80 columns
    table.add_column(t("workshops.table.where"))
    table.add_column(t("workshops.table.participants"), justify="right", no_wrap=True)
    table.add_column(t("workshops.table.prompts"), justify="right", no_wrap=True)
    for workshop in segment.workshops:
        table.add_row(
            workshop.title,
            "\n".join([workshop.room or "—", workshop.facilitator or "—"]),
            str(len(workshop.participants)),
            str(len(workshop.prompts)),
        )
    return table
