"""``seminar export``: the minutes of a session, as a compte rendu or a procès-verbal."""

from __future__ import annotations

from contextlib import AbstractContextManager
from pathlib import Path
from typing import Annotated

import typer

from seminar_cli.cli.completion import complete_session
from seminar_cli.i18n import t
from seminar_cli.minutes.formats import DEFAULT_FORMAT, FORMAT_NAMES, METAVAR

KINDS = ("compte-rendu", "pv")


def register(app: typer.Typer) -> None:
    @app.command("export", help=t("help.export"), epilog=t("help.export.epilog"))
    def export_cmd(
        ctx: typer.Context,
        session: Annotated[
            str | None,
            typer.Argument(
                help=t("help.arg.export_session"),
                show_default=False,
                autocompletion=complete_session,
            ),
        ] = None,
        format_: Annotated[
            str, typer.Option("--format", "-f", help=_format_help(), metavar=METAVAR)
        ] = DEFAULT_FORMAT,
        output: Annotated[
            str | None,
            typer.Option("--output", "-o", help=t("help.opt.output"), metavar="FILE|-"),
        ] = None,
        kind: Annotated[
            str, typer.Option("--kind", help=t("help.opt.kind"), metavar="compte-rendu|pv")
        ] = "compte-rendu",
        force: Annotated[bool, typer.Option("--force", help=t("help.opt.export_force"))] = False,
        schema: Annotated[bool, typer.Option("--schema", help=t("help.opt.export_schema"))] = False,
    ) -> None:
        if schema:  # no journal needed: the schema of every JSON export
            import json

            from seminar_cli.minutes.model import minutes_schema

            text = json.dumps(minutes_schema(), ensure_ascii=False, indent=2) + "\n"
            _write_stdout(text.encode("utf-8"))
            return
        from seminar_cli.cli.common import find_session, open_journal
        from seminar_cli.errors import OutputError, UsageError
        from seminar_cli.fileio import check_output, is_terminal, safe_file_name, write_output
        from seminar_cli.minutes.build import load_minutes
        from seminar_cli.minutes.exporters.base import get_exporter
        from seminar_cli.session.answers import strip_controls
        from seminar_cli.ui.console import say

        # "seminar export -" : the dash alone is the output, not a session id
        if session == "-" and output is None:
            session, output = None, "-"
        exporter = get_exporter(format_)
        if exporter is None:
            raise UsageError("export.bad_format", value=format_, formats=", ".join(FORMAT_NAMES))
        chosen = kind.strip().lower().replace("_", "-")
        if chosen in ("cr", "compte-rendu", "minutes", "compterendu"):
            chosen = "compte-rendu"
        if chosen not in KINDS:
            raise UsageError("export.bad_kind", value=kind)
        to_stdout = output == "-"
        target = None if to_stdout else Path(output) if output else None
        if to_stdout and not _stdout_is_open():
            raise OutputError("export.no_stdout")
        if to_stdout and exporter.binary and _stdout_is_terminal():
            raise OutputError("export.binary_to_terminal", format=exporter.name)
        journal = open_journal(ctx, reading=True)  # exporting never writes to the journal
        row = find_session(journal, session)
        with _working(t("export.working", format=exporter.name)):
            minutes = load_minutes(journal, row, chosen)  # type: ignore[arg-type]
        if target is None and not to_stdout:
            # the id may come from a foreign or crafted journal: a name here, never a path
            target = Path(f"{safe_file_name(row.id)}-{chosen}.{exporter.extension}")
        # refused before the (maybe long) rendering: an existing file without --force, a folder
        destination = (
            None
            if target is None
            else check_output(target, force=force, exists_key="export.exists")
        )
        if destination is not None and exporter.binary and is_terminal(destination):
            raise OutputError("export.binary_to_terminal", format=exporter.name)
        with _working(t("export.working", format=exporter.name)):
            data = exporter.render_bytes(minutes)
        if destination is None:
            _write_stdout(data)
        else:
            write_output(destination, data)
            say(
                t(
                    "export.written",
                    what=t(f"export.what.{chosen}"),
                    id=strip_controls(row.id),
                    file=str(destination.shown),
                    format=exporter.name,
                )
            )
        if minutes.session.draft:
            say(t("export.draft"))


def _format_help() -> str:
    *first, last = FORMAT_NAMES
    return t("help.opt.format", formats=", ".join(first), last=last, default=DEFAULT_FORMAT)


def _working(message: str) -> AbstractContextManager[object]:
    """A spinner on stderr while a large session is turned into minutes (terminals only)."""
    import sys
    from contextlib import nullcontext

    if not (sys.stderr and sys.stderr.isatty()):
        return nullcontext()
    from seminar_cli.ui.console import err

    return err().status(message)


def _stdout_is_terminal() -> bool:
    import sys

    stream = sys.stdout
    return bool(stream and stream.isatty())


def _stdout_is_open() -> bool:
    """False when the command was started with its standard output closed (``>&-``): Python
    then has no ``sys.stdout`` at all."""
    import os
    import sys

    stream = sys.stdout
    if stream is None:
        return False
    try:
        fd = stream.fileno()
    except (OSError, ValueError):  # a test's captured stream has no descriptor: it is open
        return True
    try:
        os.fstat(fd)
    except OSError:
        return False
    return True


def _write_stdout(data: bytes) -> None:
    import errno
    import sys

    from seminar_cli.errors import OutputError

    stream = sys.stdout
    if stream is None:
        raise OutputError("export.no_stdout")
    buffer = getattr(stream, "buffer", None)
    try:
        if buffer is not None:
            stream.flush()
            buffer.write(data)
            buffer.flush()
        else:  # a test's captured stream takes text
            stream.write(data.decode("utf-8", errors="replace"))
            stream.flush()
    except BrokenPipeError:
        raise  # the reader went away (`| head`): main.py makes it a quiet exit
    except OSError as exc:
        if exc.errno == errno.EBADF:
            raise OutputError("export.no_stdout") from None
        if exc.errno == errno.ENOSPC:
            raise OutputError("common.disk_full", file="-") from None
        raise OutputError("common.write_failed", file="-", reason=exc.strerror) from None
