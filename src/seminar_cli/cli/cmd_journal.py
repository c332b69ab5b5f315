"""``seminar journal copy SOURCE DEST [--session ID]``: sessions copied between two journals
(journal/copy.py), SQLite files or PostgreSQL databases."""

from __future__ import annotations

from typing import Annotated

import typer

from seminar_cli.i18n import keyed, t

# text, not a Path: a Path would fold a postgresql:// URL's "//"
SourceArg = Annotated[
    str, typer.Argument(help=keyed("help.arg.copy_source"), metavar="SOURCE", show_default=False)
]
DestArg = Annotated[
    str, typer.Argument(help=keyed("help.arg.copy_dest"), metavar="DEST", show_default=False)
]
CopySessionOpt = Annotated[
    str | None,
    typer.Option("--session", "-s", help=keyed("help.opt.copy_session"), metavar="ID"),
]


def register(app: typer.Typer) -> None:
    group = typer.Typer(help=t("help.journal"), no_args_is_help=True, rich_markup_mode=None)
    app.add_typer(group, name="journal")

    @group.command("copy", help=t("help.journal.copy"), epilog=t("help.journal.copy.epilog"))
    def copy_cmd(source: SourceArg, dest: DestArg, session: CopySessionOpt = None) -> None:
        from pathlib import Path

        from seminar_cli.journal.copy import copy_journal, refused
        from seminar_cli.paths import is_postgres_url
        from seminar_cli.ui.console import out
        from seminar_cli.ui.copy_report import report_lines

        def location(text: str) -> Path | str:
            return text if is_postgres_url(text) else Path(text).expanduser()

        report = copy_journal(location(source), location(dest), session)
        for line in report_lines(report):
            out().print(line, soft_wrap=True)
        error = refused(report)
        if error is not None:
            raise error
