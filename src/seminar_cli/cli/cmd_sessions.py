"""``seminar sessions list | show``: what the journal holds, for people (tables) and scripts
(``--json`` on stdout)."""

from __future__ import annotations

from typing import Annotated

import typer

from seminar_cli.cli.completion import SessionArg
from seminar_cli.i18n import keyed, t

JsonOpt = Annotated[bool, typer.Option("--json", help=keyed("help.opt.json"))]


def register(app: typer.Typer) -> None:
    group = typer.Typer(help=t("help.sessions"), no_args_is_help=True, rich_markup_mode=None)
    app.add_typer(group, name="sessions")

    @group.command("list", help=t("help.sessions.list"), epilog=t("help.sessions.list.epilog"))
    def list_cmd(ctx: typer.Context, as_json: JsonOpt = False) -> None:
        from pathlib import Path

        from seminar_cli.cli.common import open_journal
        from seminar_cli.cli.context import app_context
        from seminar_cli.errors import JournalError
        from seminar_cli.paths import shown_location
        from seminar_cli.session.overview import session_overviews
        from seminar_cli.timer import local_now
        from seminar_cli.ui import console
        from seminar_cli.ui.sessions import render_list, write_json

        path = app_context(ctx).journal_location()
        overviews = []
        if not isinstance(path, Path) or path.exists():  # nothing recorded yet: no error
            try:
                with open_journal(ctx, reading=True) as journal:
                    overviews = session_overviews(journal, local_now())
            except JournalError as error:
                if error.key != "journal.missing":  # an empty PostgreSQL database: none yet
                    raise
        if as_json:
            write_json([o.to_json() for o in overviews])
            return
        if not overviews:
            console.say(t("sessions.none_yet", file=shown_location(path)))
            return
        render_list(overviews)

    @group.command("show", help=t("help.sessions.show"), epilog=t("help.sessions.show.epilog"))
    def show_cmd(ctx: typer.Context, session: SessionArg = None, as_json: JsonOpt = False) -> None:
        from seminar_cli.cli.common import find_session, open_journal
        from seminar_cli.session.overview import details
        from seminar_cli.timer import local_now
        from seminar_cli.ui.sessions import render_show, write_json

        with open_journal(ctx, reading=True) as journal:
            row = find_session(journal, session)
            detail = details(journal, row, local_now())
        if as_json:
            write_json(detail)
        else:
            render_show(detail)
