"""``seminar workshop ID [SESSION]``: one workshop's screen, beside the plenary (PRODUCT §8)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from seminar_cli.cli.completion import SessionArg
from seminar_cli.cli.serving import (
    DEFAULT_HOST,
    DEFAULT_PORT,
    AddressesOpt,
    CodeOpt,
    HostOpt,
    PortOpt,
    ServeOpt,
)
from seminar_cli.i18n import keyed, t

if TYPE_CHECKING:
    from seminar_cli.session.workshop import WorkshopRunner

WorkshopArg = Annotated[
    str,
    typer.Argument(help=keyed("help.arg.workshop_id"), metavar="ID", show_default=False),
]


def register(app: typer.Typer) -> None:
    @app.command("workshop", help=t("help.workshop"), epilog=t("help.workshop.epilog"))
    def workshop_cmd(
        ctx: typer.Context,
        workshop_id: WorkshopArg,
        session: SessionArg = None,
        serve: ServeOpt = False,
        host: HostOpt = DEFAULT_HOST,
        port: PortOpt = DEFAULT_PORT,
        code: CodeOpt = None,
        addresses: AddressesOpt = False,
    ) -> None:
        from seminar_cli.cli.cmd_run import _live_or_next_session, _require_terminal
        from seminar_cli.cli.common import find_session, open_journal
        from seminar_cli.cli.serving import serve_options, serving
        from seminar_cli.session.workshop import check_workshop, open_workshop_runner
        from seminar_cli.ui import console

        web = serve_options(serve, host, port, code, addresses)
        journal = open_journal(ctx, create=False)
        if session is None:
            # before the plenary opens the session, the last one is over: wait for it
            row = _live_or_next_session(journal, "workshop_run.waiting_session")
        else:
            row = find_session(journal, session)
        check_workshop(journal, row, workshop_id)  # an unknown id, a segment over: said now
        _require_terminal(False)
        runner = open_workshop_runner(journal, row, workshop_id)
        console.say(t("workshop_run.started", title=runner.workshop.title, id=row.id))
        # the workshop's phones (its own join code) are served while its screen runs, once it
        # holds its stream (and the key its anonymous answers are sealed to)
        with serving(journal.location, row.id, web, workshop=workshop_id) as server:
            served = server.served if server is not None else None
            run_workshop_screen(runner, join_url=served.url if served else None)
        if runner.over:
            console.say(t("workshop_run.over", title=runner.workshop.title))
        else:
            console.say(t("workshop_run.left", workshop=workshop_id, id=row.id))


def run_workshop_screen(runner: WorkshopRunner, join_url: str | None = None) -> None:
    """Run ``runner`` on the workshop's live screen (``join_url``: its phones' address, once
    it serves them)."""
    from seminar_cli.cli.common import stop_on_hangup
    from seminar_cli.errors import Interrupted
    from seminar_cli.session.prompter import StopSession
    from seminar_cli.ui.prompts import QuestionaryPrompter
    from seminar_cli.ui.workshop_screen import WorkshopControls

    workshop, session_id = runner.workshop.id, runner.writer.session_id
    try:  # the screen is given back before anything is said
        with stop_on_hangup(), WorkshopControls(join_url=join_url) as controls:
            runner.controls, runner.prompter = controls, QuestionaryPrompter()
            runner.run()
    except (KeyboardInterrupt, StopSession):
        raise Interrupted("workshop_run.interrupted", workshop=workshop, id=session_id) from None
    except SystemExit:  # SIGTERM or SIGHUP (stop_on_hangup): say how to go on
        import contextlib

        from seminar_cli.ui import console

        with contextlib.suppress(OSError, ValueError):  # the terminal may be gone
            console.say(t("workshop_run.interrupted", workshop=workshop, id=session_id))
        raise
