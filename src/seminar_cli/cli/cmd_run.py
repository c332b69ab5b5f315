"""``seminar start``, ``seminar resume`` and ``seminar join``: running a session."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from seminar_cli.cli.completion import complete_agenda, complete_session
from seminar_cli.i18n import keyed, t

if TYPE_CHECKING:
    from seminar_cli.journal.store import Journal, SessionRow
    from seminar_cli.session.answers import AnswersFile
    from seminar_cli.session.runner import Controls, Runner
    from seminar_cli.session.service import SessionWriter


MIN_SPEED, MAX_SPEED = 0.1, 10_000


def _speed(value: float | None) -> float:
    if value is None:
        return 1.0
    # below a tenth the session hardly moves (1e-300 never did), above 10,000 a second of
    # the wall is nearly three hours of the session
    if not MIN_SPEED <= value <= MAX_SPEED:
        from seminar_cli.errors import UsageError

        raise UsageError("run.bad_speed", value=f"{value:g}")
    return value


NoInput = Annotated[bool, typer.Option("--no-input", help=keyed("help.opt.no_input"))]
AnswersOpt = Annotated[
    Path | None, typer.Option("--answers", help=keyed("help.opt.answers"), metavar="FILE")
]
SpeedOpt = Annotated[
    float | None, typer.Option("--speed", help=keyed("help.opt.speed"), metavar="FACTOR")
]
SessionArg = Annotated[
    str | None,
    typer.Argument(
        help=keyed("help.arg.session"), show_default=False, autocompletion=complete_session
    ),
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
    ) -> None:
        from seminar_cli.agenda.loader import load_agenda
        from seminar_cli.cli.cmd_agenda import _parse_at
        from seminar_cli.cli.common import open_journal
        from seminar_cli.cli.context import app_context
        from seminar_cli.i18n import adopt_agenda_language
        from seminar_cli.session.service import SessionSetup, SessionWriter, open_session
        from seminar_cli.typed_text import plain_name

        factor = _speed(speed)
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
            attendance: list[tuple[str, str, str | None]] = []
            if not no_input:
                from seminar_cli.ui.setup import ask_attendance, ask_setup

                setup = ask_setup(loaded.agenda, setup)
                attendance = ask_attendance(loaded.agenda)
            elif loaded.agenda.participants:
                entries = script.attendance if script else {}
                for person in loaded.agenda.participants:
                    entry = entries.get(person.name)
                    attendance.append(
                        (
                            person.name,
                            entry.status if entry else "present",
                            entry.represented_by if entry else None,
                        )
                    )
            journal = open_journal(ctx)
            clock = app_context(ctx).session_clock(factor)
            session_id = open_session(journal, loaded, setup, clock)
            writer = SessionWriter(journal, journal.session(session_id), clock)
            from seminar_cli.journal.events import EventType

            for name, status, by in attendance:
                writer.record(
                    EventType.attendance, participant=name, status=status, represented_by=by
                )
            _announce_session(writer)
            _run(writer, no_input=no_input, script=script)

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
    ) -> None:
        from seminar_cli.cli.common import find_session, open_journal
        from seminar_cli.cli.context import app_context
        from seminar_cli.errors import SessionError
        from seminar_cli.journal.events import EventType
        from seminar_cli.session.service import (
            SessionWriter,
            claim_session,
            is_live,
            last_sign_of_life,
            stored_agenda,
        )
        from seminar_cli.timer import local_now

        journal = open_journal(ctx, create=False)
        row = _resumable(journal, session, take_over=take_over)
        find_session(journal, row.id)  # adopts the session's language
        if row.status == "closed":
            raise SessionError("session.already_closed", id=row.id)
        if not take_over and is_live(journal, row, local_now()):
            raise SessionError("session.running_elsewhere", id=row.id)
        _require_terminal(no_input)
        script = _load_answers(answers, stored_agenda(row))
        from seminar_cli.journal.state import fold

        state = fold(row.id, stored_agenda(row), journal.events(row.id))
        if state.closed:  # closed by a version that marked it in two steps: finish the job
            journal.set_status(row.id, "closed")
            raise SessionError("session.already_closed", id=row.id)
        # the runner's own last sign of life, never a note or an answer another process wrote
        # while it was dead; the session clock never runs backwards from it, even after a
        # sped-up rehearsal whose clock ran ahead of the wall
        alive_at = last_sign_of_life(state, journal.last_heartbeat(row.id))
        start = max(local_now(), alive_at) if alive_at else local_now()
        factor = _speed(speed if speed is not None else float(state.meta.get("speed", 1.0)))
        writer = SessionWriter(journal, row, app_context(ctx).session_clock(factor, start))
        interrupted = alive_at if state.suspended_at is None else None  # a crash
        # two resumes at once: only one runs
        claim_session(journal, row, writer.clock, at=interrupted, take_over=take_over)
        writer.record(
            EventType.session_resumed,
            interrupted_at=interrupted.isoformat() if interrupted else None,
        )
        _announce_session(writer, resumed=True)
        _run(writer, no_input=no_input, script=script)

    @app.command("join", help=t("help.join"), epilog=t("help.join.epilog"))
    def join_cmd(
        ctx: typer.Context,
        session: SessionArg = None,
        name: Annotated[str | None, typer.Option("--name", help=t("help.opt.name"))] = None,
        no_input: NoInput = False,
        answers: AnswersOpt = None,
    ) -> None:
        from seminar_cli.cli.common import find_session, open_journal
        from seminar_cli.errors import SessionError
        from seminar_cli.session.join import Joiner
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
        script = _load_answers(answers, agenda)
        if no_input and script is None:
            from seminar_cli.errors import UsageError

            raise UsageError("join.needs_answers")
        # answers are timed as the runner times its segments (a rehearsal runs faster)
        writer = writer_on_session_clock(journal, row)
        if no_input:
            assert script is not None
            joiner = Joiner(writer, name)
            outcome = joiner.run_scripted(script.answers)
            console.say(
                t(
                    "join.scripted_done",
                    answered=len(outcome.answered),
                    skipped=len(outcome.skipped),
                    id=row.id,
                )
            )
            if outcome.missed:
                console.say(
                    t(
                        "join.scripted_missed",
                        count=len(outcome.missed),
                        prompts=", ".join(outcome.missed),
                    )
                )
            return
        from seminar_cli.ui.join_screen import run_join

        run_join(writer, name)


def _resumable(journal: Journal, ref: str | None, *, take_over: bool = False) -> SessionRow:
    """Without an id, resume the latest session that is not closed (with ``take_over``, even
    one that seems to run elsewhere)."""
    from seminar_cli.errors import SessionError
    from seminar_cli.session.service import resolve_session

    if ref:
        return resolve_session(journal, ref)
    from seminar_cli.session.service import is_live
    from seminar_cli.timer import local_now

    open_rows = [row for row in journal.sessions() if row.status == "open"]
    for row in open_rows:  # one still running in another terminal is not interrupted
        if take_over or not is_live(journal, row, local_now()):
            return row
    if open_rows:
        raise SessionError("session.running_elsewhere", id=open_rows[0].id)
    raise SessionError("session.nothing_to_resume")


WAIT_POLL_SECONDS = 0.5  # how often a waiting `join` looks for a session that opened


def _live_or_next_session(journal: Journal) -> SessionRow:
    """The live session, else the next one to open on this journal (said while waiting)."""
    import time

    from seminar_cli.i18n import adopt_agenda_language
    from seminar_cli.session.service import live_session, next_opened_session
    from seminar_cli.timer import local_now
    from seminar_cli.ui import console

    row = live_session(journal, local_now())
    if row is None:
        known = {r.id for r in journal.sessions()}
        console.say(t("join.waiting_session"))
        while row is None:
            time.sleep(WAIT_POLL_SECONDS)
            row = next_opened_session(journal, known, local_now())
    adopt_agenda_language(row.language)
    return row


def _require_terminal(no_input: bool) -> None:
    from seminar_cli.errors import NoTerminalError
    from seminar_cli.ui.console import has_terminal

    if not no_input and not has_terminal():
        raise NoTerminalError("common.no_terminal")


def _load_answers(path: Path | None, agenda: Any) -> AnswersFile | None:
    if path is None:
        return None
    from seminar_cli.session.answers import load_answers_file

    return load_answers_file(path, agenda)


def _announce_session(writer: SessionWriter, *, resumed: bool = False) -> None:
    from seminar_cli.ui import console

    key = "run.resumed" if resumed else "run.opened"
    rehearsal = t("run.rehearsal") if writer.state.rehearsal else ""
    console.say(
        t(key, id=writer.session_id, title=writer.state.meta.get("title", ""), rehearsal=rehearsal)
    )


def _run(writer: SessionWriter, *, no_input: bool, script: AnswersFile | None) -> None:
    from seminar_cli.cli.common import stop_on_hangup
    from seminar_cli.session.runner import Runner
    from seminar_cli.ui import console

    scripted = script
    with stop_on_hangup():
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

            with LiveControls() as controls:
                runner = Runner(
                    writer, controls, QuestionaryPrompter(), scripted, auto_advance=False
                )
                _run_guarded(runner, controls)
    writer.sync()
    if writer.state.closed:
        console.say(t("run.closed", id=writer.session_id))
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
