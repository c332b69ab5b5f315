"""``seminar agenda list | show | validate | new | schema``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from seminar_cli.cli.completion import complete_agenda
from seminar_cli.i18n import counted, t

if TYPE_CHECKING:
    from datetime import time


def register(app: typer.Typer) -> None:
    group = typer.Typer(help=t("help.agenda"), no_args_is_help=True, rich_markup_mode=None)
    app.add_typer(group, name="agenda")

    @group.command("list", help=t("help.agenda.list"), epilog=t("help.agenda.list.epilog"))
    def list_cmd() -> None:
        from seminar_cli.agenda.bundled import DEFAULT_AGENDA, available_agendas
        from seminar_cli.agenda.loader import read_agenda_file
        from seminar_cli.durations import format_human
        from seminar_cli.errors import AgendaError
        from seminar_cli.ui.agendas import render_agenda_list

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
        render_agenda_list(rows, invalid)

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
        from seminar_cli.ui.agendas import render_agenda

        render_agenda(loaded.agenda, _parse_at(at), notes)

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
            workshops = agenda.all_workshops()
            # every prompt the file holds, the workshops' too (said only when there are any)
            prompts = len(agenda.all_prompts()) + sum(len(w.prompts) for _s, w in workshops)
            console.say(
                t(
                    "agenda.validate.ok_workshops" if workshops else "agenda.validate.ok",
                    file=str(path),
                    segments=counted("agenda.n_segments", len(agenda.segments)),
                    workshops=counted("agenda.n_workshops", len(workshops)),
                    prompts=counted("agenda.n_prompts", prompts),
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
                    counted("agenda.validate.summary_bad", bad, total=len(files)), style="red"
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
            from seminar_cli.agenda.starter import (
                StarterAnswers,
                StarterSegment,
                render_starter,
            )
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
            from seminar_cli.agenda.starter import copy_register

            copy_register(register, Path(file).parent / register.name)
        console.say(t("agenda.new.written", file=str(file)), style="green")

    @group.command("schema", help=t("help.agenda.schema"), epilog=t("help.agenda.schema.epilog"))
    def schema_cmd() -> None:
        import json

        from seminar_cli.agenda.models import agenda_schema

        schema = {**agenda_schema(), "title": "seminar agenda"}
        sys.stdout.write(json.dumps(schema, ensure_ascii=False, indent=2) + "\n")


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
