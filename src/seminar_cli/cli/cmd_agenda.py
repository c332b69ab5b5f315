"""``seminar agenda list | show | validate | new | schema``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from seminar_cli.cli.completion import complete_agenda
from seminar_cli.i18n import t

if TYPE_CHECKING:
    from datetime import time

    from rich.table import Table

    from seminar_cli.agenda.models import Agenda


def register(app: typer.Typer) -> None:
    group = typer.Typer(help=t("help.agenda"), no_args_is_help=True, rich_markup_mode=None)
    app.add_typer(group, name="agenda")

    @group.command("list", help=t("help.agenda.list"), epilog=t("help.agenda.list.epilog"))
    def list_cmd() -> None:
        from seminar_cli.agenda.bundled import DEFAULT_AGENDA, available_agendas
        from seminar_cli.agenda.loader import read_agenda_file
        from seminar_cli.durations import format_human
        from seminar_cli.errors import AgendaError
        from seminar_cli.ui import console

        rows: list[tuple[list[str], str | None]] = []  # cells, style
        invalid: list[str] = []
        for ref in available_agendas():
            origin = t(f"agenda.list.{ref.origin}")
            if ref.origin == "bundled" and ref.name == DEFAULT_AGENDA:
                origin += " · " + t("agenda.list.default")
            try:
                agenda = read_agenda_file(ref.path).agenda
            except AgendaError:
                rows.append(([ref.name, t("agenda.list.invalid"), "", "", origin], "red"))
                invalid.append(str(ref.path))
                continue
            cells = [
                ref.name,
                agenda.title,
                str(len(agenda.segments)),
                format_human(agenda.total_seconds),
                origin,
            ]
            rows.append((cells, None))
        screen = console.out()
        table = _agenda_table(rows, narrow=False)
        wide = screen.options.update_width(10_000)  # the table's own width, unclamped
        if screen.measure(table, options=wide).maximum > screen.width:
            table = _agenda_table(rows, narrow=True)
        screen.print(table)
        for path in invalid:
            console.say(t("agenda.list.invalid_hint", file=path), style="red")

    @group.command("show", help=t("help.agenda.show"), epilog=t("help.agenda.show.epilog"))
    def show_cmd(
        agenda: Annotated[
            str | None,
            typer.Argument(
                help=t("help.arg.agenda"), show_default=False, autocompletion=complete_agenda
            ),
        ] = None,
        at: Annotated[
            str | None, typer.Option("--at", help=t("help.opt.at"), metavar="HH:MM")
        ] = None,
        notes: Annotated[bool, typer.Option("--notes", help=t("help.opt.notes"))] = False,
    ) -> None:
        from seminar_cli.agenda.loader import load_agenda
        from seminar_cli.i18n import adopt_agenda_language

        loaded = load_agenda(agenda)
        adopt_agenda_language(loaded.agenda.language)
        _render_agenda(loaded.agenda, _parse_at(at), notes)

    @group.command(
        "validate", help=t("help.agenda.validate"), epilog=t("help.agenda.validate.epilog")
    )
    def validate_cmd(
        files: Annotated[list[Path], typer.Argument(help=t("help.arg.files"), show_default=False)],
    ) -> None:
        from seminar_cli.agenda.loader import read_agenda_file
        from seminar_cli.durations import format_human
        from seminar_cli.errors import AgendaError
        from seminar_cli.ui import console

        bad = 0
        for path in files:
            try:
                agenda = read_agenda_file(path).agenda
            except AgendaError as error:
                bad += 1
                console.say(error.message(), style="red")
                continue
            console.say(
                t(
                    "agenda.validate.ok",
                    file=str(path),
                    segments=_count(len(agenda.segments), "agenda.n_segments"),
                    prompts=_count(len(agenda.all_prompts()), "agenda.n_prompts"),
                    duration=format_human(agenda.total_seconds),
                ),
                style="green",
            )
            # PRODUCT §9: a warn_at as long as its segment is ignored, and said so
            for index, segment in enumerate(agenda.segments):
                for mark in segment.warn_at or []:
                    if mark >= segment.duration:
                        console.say(
                            t(
                                "agenda.validate.warn_at_long",
                                place=f"segments[{index}] ({segment.id})",
                                warn=format_human(mark),
                                duration=format_human(segment.duration),
                            ),
                            style="yellow",
                        )
            over = agenda.overrun_seconds()
            if over and agenda.ends_by:
                console.say(
                    t(
                        "agenda.show.overrun",
                        ends_by=agenda.ends_by.strftime("%H:%M"),
                        over=format_human(over),
                    ),
                    style="yellow",
                )
        if bad:
            if len(files) > 1:
                console.say(
                    t("agenda.validate.summary_bad", bad=bad, total=len(files)), style="red"
                )
            raise typer.Exit(1)

    @group.command("new", help=t("help.agenda.new"), epilog=t("help.agenda.new.epilog"))
    def new_cmd(
        file: Annotated[Path, typer.Argument(help=t("help.arg.new_file"), show_default=False)],
        source: Annotated[
            str | None, typer.Option("--from", help=t("help.opt.from"), metavar="NAME")
        ] = None,
        force: Annotated[bool, typer.Option("--force", help=t("help.opt.force"))] = False,
        no_input: Annotated[
            bool, typer.Option("--no-input", help=t("help.opt.no_input_new"))
        ] = False,
    ) -> None:
        from seminar_cli.fileio import check_output, write_output
        from seminar_cli.ui import console

        # the export's rules (PRODUCT §9): checked before the wizard asks anything
        target = check_output(file, force=force, exists_key="agenda.new.exists")
        register: Path | None = None  # the bundled agenda's register, copied beside the copy
        if source:
            from seminar_cli.agenda.loader import load_agenda

            loaded = load_agenda(source)
            text = loaded.text
            if loaded.agenda.participants_file:
                register = Path(loaded.source).parent / loaded.agenda.participants_file
        else:
            from seminar_cli.agenda.starter import StarterAnswers, StarterSegment, render_starter
            from seminar_cli.i18n import current_language

            if no_input:
                lang = current_language()
                answers = StarterAnswers(
                    title=t("agenda.new.default_title"),
                    language=lang,
                    segments=[
                        StarterSegment(t("agenda.new.template.welcome"), 10 * 60, "welcome"),
                        StarterSegment(t("agenda.new.template.discussion"), 30 * 60),
                        StarterSegment(t("agenda.new.template.closing"), 10 * 60, "closing"),
                    ],
                )
            else:
                from seminar_cli.ui.agenda_wizard import ask_starter

                answers = ask_starter()
            text = render_starter(answers)
        write_output(target, text.encode("utf-8"))
        if register is not None:
            _copy_register(register, Path(file).parent / register.name)
        console.say(t("agenda.new.written", file=str(file)), style="green")

    @group.command("schema", help=t("help.agenda.schema"), epilog=t("help.agenda.schema.epilog"))
    def schema_cmd() -> None:
        import json

        from seminar_cli.agenda.models import agenda_schema

        schema = {**agenda_schema(), "title": "seminar agenda"}
        sys.stdout.write(json.dumps(schema, ensure_ascii=False, indent=2) + "\n")


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


def _count(number: int, key: str) -> str:
    """``1 séquence``, ``0 question``, ``3 questions`` (French: singular below 2)."""
    from seminar_cli.i18n import current_language

    one = number < 2 if current_language() == "fr" else number == 1
    return t(f"{key}.one" if one else f"{key}.many", count=number)


def _parse_at(value: str | None) -> time | None:
    if value is None:
        return None
    from pydantic import TypeAdapter, ValidationError

    from seminar_cli.agenda.models import ClockTime
    from seminar_cli.errors import UsageError

    try:
        parsed: time = TypeAdapter(ClockTime).validate_python(value)
        return parsed
    except ValidationError:
        raise UsageError("common.bad_at", value=value) from None


def _render_agenda(agenda: Agenda, start: time | None, notes: bool) -> None:
    from rich.console import RenderableType
    from rich.table import Table
    from rich.text import Text

    from seminar_cli.durations import format_human
    from seminar_cli.ui import console
    from seminar_cli.ui.labels import kind_label, prompt_type_label, who_label

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
        duration = format_human(segment.duration)
        if segment.fixed:
            duration += f" ({t('agenda.show.fixed')})"
        row: list[RenderableType] = [duration, title, kind_label(segment.kind)]
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


def _copy_register(source: Path, target: Path) -> None:
    """The register of members beside the copied agenda (its participants_file), unless a
    file of that name is there already: it is the user's own register."""
    if target.exists() or not source.is_file():
        return
    target.write_bytes(source.read_bytes())
