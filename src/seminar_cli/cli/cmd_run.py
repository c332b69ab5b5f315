"""``seminar start``, ``seminar resume`` and ``seminar join``: running a session."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from seminar_cli.cli.completion import SessionArg, complete_agenda
from seminar_cli.cli.serving import (
    DEFAULT_HOST,
    DEFAULT_PORT,
    AddressesOpt,
    CodeOpt,
    HostOpt,
    PortOpt,
    ServeOpt,
    ServeOptions,
)
from seminar_cli.i18n import counted, keyed, t

if TYPE_CHECKING:
    from seminar_cli.journal.store import Journal, SessionRow
    from seminar_cli.session.answers import AnswersFile
    from seminar_cli.session.runner import Controls, Runner
    from seminar_cli.session.service import SessionWriter


NoInput = Annotated[bool, typer.Option("--no-input", help=keyed("help.opt.no_input"))]
AnswersOpt = Annotated[
    Path | None, typer.Option("--answers", help=keyed("help.opt.answers"), metavar="FILE")
]
SpeedOpt = Annotated[
    float | None, typer.Option("--speed", help=keyed("help.opt.speed"), metavar="FACTOR")
]


def register(app: typer.Typer) -> None:
    @app.command("start", help=t("help.start"), epilog=t("help.start.epilog"))
    def start_cmd(
        ctx: typer.Context,
        agenda: Annotated[
            str | None,
            typer.Argument(
                help=t("help.arg.agenda"), show_default=False, autocompletion=complete_agenda
            ),
        ] = None,
        title: Annotated[str | None, typer.Option("--title", help=t("help.opt.title"))] = None,
        place: Annotated[str | None, typer.Option("--place", help=t("help.opt.place"))] = None,
        facilitator: Annotated[
            str | None, typer.Option("--facilitator", help=t("help.opt.facilitator"))
        ] = None,
        secretary: Annotated[
            str | None, typer.Option("--secretary", help=t("help.opt.secretary"))
        ] = None,
        at: Annotated[
            str | None, typer.Option("--at", help=t("help.opt.start_at"), metavar="HH:MM")
        ] = None,
        no_input: NoInput = False,
        answers: AnswersOpt = None,
        speed: SpeedOpt = None,
        serve: ServeOpt = False,
        host: HostOpt = DEFAULT_HOST,
        port: PortOpt = DEFAULT_PORT,
        code: CodeOpt = None,
        addresses: AddressesOpt = False,
    ) -> None:
        from seminar_cli.agenda.loader import load_agenda
        from seminar_cli.cli.cmd_agenda import _parse_at
        from seminar_cli.cli.common import open_journal
        from seminar_cli.cli.context import app_context
        from seminar_cli.cli.serving import serve_options
        from seminar_cli.i18n import adopt_agenda_language
        from seminar_cli.session.clock import checked_speed
        from seminar_cli.session.service import (
            SessionSetup,
            attendance_from_answers,
            start_session,
        )
        from seminar_cli.typed_text import plain_name

        factor = checked_speed(speed)
        web = serve_options(serve, host, port, code, addresses)
        facilitator, secretary = plain_name(facilitator), plain_name(secretary)
        loaded = load_agenda(agenda)
        adopt_agenda_language(loaded.agenda.language)
        start_time = _parse_at(at)
        _require_terminal(no_input)
        script = _load_answers(answers, loaded.agenda)
        setup = SessionSetup(
            title=title,
            place=place,
            facilitator=facilitator,
            secretary=secretary,
            planned_start=start_time.strftime("%H:%M") if start_time else None,
            rehearsal=factor != 1.0,
            speed=factor,
        )
        from seminar_cli.ui.live import room_screen

        # the projector shows the setup questions too: on the application's screen from the
        # first one, never the terminal's history; the live screen then takes it over
        with room_screen(enabled=not no_input):
            if not no_input:
                from seminar_cli.ui.setup import ask_attendance, ask_setup

                setup = ask_setup(loaded.agenda, setup)
                attendance = ask_attendance(loaded.agenda)
            else:
                attendance = attendance_from_answers(loaded.agenda, script)
            writer = start_session(
                open_journal(ctx), loaded, setup, attendance, app_context(ctx).session_clock
            )
            _announce_session(writer)
            _run(writer, no_input=no_input, script=script, web=web)

    @app.command("resume", help=t("help.resume"), epilog=t("help.resume.epilog"))
    def resume_cmd(
        ctx: typer.Context,
        session: SessionArg = None,
        no_input: NoInput = False,
        answers: AnswersOpt = None,
        speed: SpeedOpt = None,
        take_over: Annotated[
            bool, typer.Option("--take-over", help=t("help.opt.take_over"))
        ] = False,
        serve: ServeOpt = False,
        host: HostOpt = DEFAULT_HOST,
        port: PortOpt = DEFAULT_PORT,
        code: CodeOpt = None,
        addresses: AddressesOpt = False,
    ) -> None:
        from seminar_cli.cli.common import find_session, open_journal
        from seminar_cli.cli.context import app_context
        from seminar_cli.cli.serving import serve_options
        from seminar_cli.session.resume import (
            check_resumable,
            resume_session,
            session_to_resume,
        )
        from seminar_cli.session.service import stored_agenda

        web = serve_options(serve, host, port, code, addresses)
        journal = open_journal(ctx, create=False)
        row = session_to_resume(journal, session, take_over=take_over)
        find_session(journal, row.id)  # adopts the session's language
        check_resumable(journal, row, take_over=take_over)
        _require_terminal(no_input)
        script = _load_answers(answers, stored_agenda(row))
        writer = resume_session(
            journal,
            row,
            speed=speed,
            take_over=take_over,
            make_clock=app_context(ctx).session_clock,
        )
        _announce_session(writer, resumed=True)
        _run(writer, no_input=no_input, script=script, web=web)

    @app.command("join", help=t("help.join"), epilog=t("help.join.epilog"))
    def join_cmd(
        ctx: typer.Context,
        session: SessionArg = None,
        name: Annotated[str | None, typer.Option("--name", help=t("help.opt.name"))] = None,
        no_input: NoInput = False,
        answers: AnswersOpt = None,
        member_code: Annotated[
            str | None,
            typer.Option("--member-code", help=t("help.opt.member_code"), metavar="CODE"),
        ] = None,
        workshop: Annotated[
            str | None,
            typer.Option("--workshop", help=t("help.opt.workshop_join"), metavar="ID"),
        ] = None,
    ) -> None:
        from seminar_cli.cli.common import find_session, open_journal
        from seminar_cli.errors import SessionError
        from seminar_cli.session.join import Joiner, joining_name
        from seminar_cli.session.service import stored_agenda, writer_on_session_clock
        from seminar_cli.typed_text import plain_name
        from seminar_cli.ui import console

        name = plain_name(name)
        journal = open_journal(ctx, create=False)
        if session is None and not no_input:
            # before the facilitator starts, the last session is over: wait for the next one
            # (PRODUCT §9); a script (--no-input) is refused instead, as it would wait unseen
            _require_terminal(no_input)
            row = _live_or_next_session(journal)
        else:
            row = find_session(journal, session)
        if row.status == "closed":
            raise SessionError("session.already_closed", id=row.id)
        _require_terminal(no_input)
        agenda = stored_agenda(row)
        stream = ""
        if workshop is not None:
            from seminar_cli.session.stream_prompts import find_workshop

            find_workshop(agenda, workshop)  # SessionError: the session has no such workshop
            stream = workshop
        script = _load_answers(answers, agenda, stream)
        if no_input and script is None:
            from seminar_cli.errors import UsageError

            raise UsageError("join.needs_answers")
        # answers are timed as the runner times its segments (a rehearsal runs faster)
        writer = writer_on_session_clock(journal, row, stream)
        name = joining_name(writer.state, name, member_code)
        if no_input:
            assert script is not None
            joiner = Joiner(writer, name, member_code)
            outcome = joiner.run_scripted(script.answers)
            console.say(
                t(
                    "join.scripted_done",
                    answered=counted("join.scripted_done.answered", len(outcome.answered)),
                    skipped=counted("join.scripted_done.skipped", len(outcome.skipped)),
                    id=row.id,
                )
            )
            for reason in outcome.refused:  # ballots not cast, and why
                console.say(reason)
            if outcome.missed:
                console.say(
                    counted(
                        "join.scripted_missed",
                        len(outcome.missed),
                        prompts=", ".join(outcome.missed),
                    )
                )
            return
        from seminar_cli.ui.join_screen import run_join

        run_join(writer, name, member_code=member_code)

    register_serve(app)


def _live_or_next_session(journal: Journal, waiting: str = "join.waiting_session") -> SessionRow:
    """The live session, else the next one to open on this journal (said while waiting)."""
    from seminar_cli.i18n import adopt_agenda_language
    from seminar_cli.session.resume import live_or_next_session
    from seminar_cli.ui import console

    def say_waiting() -> None:
        # no session yet: the journal's last one tells which language its people speak
        sessions = journal.sessions()
        if sessions:
            adopt_agenda_language(sessions[0].language)
        console.say(t(waiting))

    row = live_or_next_session(journal, on_wait=say_waiting)
    adopt_agenda_language(row.language)
    return row


def _require_terminal(no_input: bool) -> None:
    from seminar_cli.errors import NoTerminalError
    from seminar_cli.ui.console import has_terminal

    if not no_input and not has_terminal():
        raise NoTerminalError("common.no_terminal")


def _load_answers(path: Path | None, agenda: Any, stream: str = "") -> AnswersFile | None:
    if path is None:
        return None
    from seminar_cli.session.answers import load_answers_file

    return load_answers_file(path, agenda, stream)


def _announce_session(writer: SessionWriter, *, resumed: bool = False) -> None:
    from seminar_cli.ui import console

    key = "run.resumed" if resumed else "run.opened"
    rehearsal = t("run.rehearsal") if writer.state.rehearsal else ""
    console.say(
        t(key, id=writer.session_id, title=writer.state.meta.get("title", ""), rehearsal=rehearsal)
    )


def _run(
    writer: SessionWriter,
    *,
    no_input: bool,
    script: AnswersFile | None,
    web: ServeOptions | None = None,
) -> None:
    from seminar_cli.cli.common import stop_on_hangup
    from seminar_cli.cli.serving import serving
    from seminar_cli.session.runner import Runner
    from seminar_cli.ui import console

    scripted = script
    # the phones' server runs beside the runner, stopped when the session ends or on Ctrl-C
    with stop_on_hangup(), serving(writer.journal.location, writer.session_id, web) as server:
        if no_input:
            from seminar_cli.session.runner import HeadlessControls
            from seminar_cli.ui.progress import headless_reporter

            runner = Runner(
                writer,
                HeadlessControls(say=headless_reporter(writer)),
                None,
                scripted,
                auto_advance=True,
            )
            _run_guarded(runner)
        else:
            from seminar_cli.ui.live import LiveControls
            from seminar_cli.ui.prompts import QuestionaryPrompter

            served = server.served if server is not None else None
            with LiveControls(join_url=served.url if served else None) as controls:
                runner = Runner(
                    writer, controls, QuestionaryPrompter(), scripted, auto_advance=False
                )
                _run_guarded(runner, controls)
    writer.sync()
    if writer.state.closed:
        meeting = writer.state.agenda.assembly is not None  # its minutes are a PV
        console.say(t("run.closed.meeting" if meeting else "run.closed", id=writer.session_id))
    else:
        console.say(t("run.suspended", id=writer.session_id))


def _run_guarded(runner: Runner, controls: Controls | None = None) -> None:
    from seminar_cli.errors import Interrupted
    from seminar_cli.session.prompter import StopSession

    try:
        runner.run()
    except (KeyboardInterrupt, StopSession):
        raise Interrupted("run.interrupted", id=runner.writer.session_id) from None
    except SystemExit:  # SIGTERM or SIGHUP (stop_on_hangup): suspended; say how to go on
        import contextlib

        from seminar_cli.ui import console

        with contextlib.suppress(OSError, ValueError):  # the terminal may be gone
            console.say(t("run.interrupted", id=runner.writer.session_id))
        raise


SERVE_POLL_SECONDS = 0.5
CLOSED_GRACE_SECONDS = 2.0  # phones get the closing event before the server stops


def register_serve(app: typer.Typer) -> None:
    @app.command("serve", help=t("help.serve"), epilog=t("help.serve.epilog"))
    def serve_cmd(
        ctx: typer.Context,
        session: SessionArg = None,
        host: HostOpt = DEFAULT_HOST,
        port: PortOpt = DEFAULT_PORT,
        code: CodeOpt = None,
        addresses: AddressesOpt = False,
        free: Annotated[
            str | None, typer.Option("--free", help=t("help.opt.free"), metavar="NAME")
        ] = None,
        workshop: Annotated[
            str | None,
            typer.Option("--workshop", help=t("help.opt.workshop_serve"), metavar="ID"),
        ] = None,
    ) -> None:
        import time

        from seminar_cli.cli.common import find_session, open_journal
        from seminar_cli.cli.serving import serve_options, serving
        from seminar_cli.errors import SessionError
        from seminar_cli.ui import console

        web = serve_options(True, host, port, code, addresses)
        journal = open_journal(ctx, create=False)
        if free is not None:
            from seminar_cli.session.room import free_name

            row = find_session(journal, session)
            count = free_name(journal, row, free, workshop or "")
            console.say(
                counted("web.freed", count, name=free)
                if count
                else t("web.not_held", name=free, id=row.id)
            )
            return
        if session is None:
            row = _live_or_next_session(journal, "web.waiting_session")
        else:
            row = find_session(journal, session)
        if row.status == "closed":
            raise SessionError("web.session_closed", id=row.id)
        if workshop is not None:
            from seminar_cli.session.service import stored_agenda
            from seminar_cli.session.stream_prompts import find_workshop

            # refused before anything listens: the session has no such workshop
            title = find_workshop(stored_agenda(row), workshop)[1].title
            console.say(t("workshop_web.serving", title=title, id=row.id))
        else:
            console.say(t("web.serving", id=row.id))
        with serving(journal.location, row.id, web, workshop=workshop or "") as server:
            assert server is not None
            while server.running and not server.closed.wait(SERVE_POLL_SECONDS):
                if server.journal_gone():
                    from seminar_cli.errors import JournalError

                    raise JournalError("web.journal_gone", path=str(journal.path))
            if server.closed.is_set():
                time.sleep(CLOSED_GRACE_SECONDS)
        console.say(t("web.stopped"))
