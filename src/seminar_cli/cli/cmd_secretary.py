"""The secretary's commands: ``seminar note``, ``decision``, ``action`` and the ``secretary``
console.  Records go to the live session's current segment, or where ``--session`` and
``--segment`` say, also after the session has closed."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, TextIO

import typer

from seminar_cli.cli.completion import complete_session
from seminar_cli.i18n import counted, keyed, t

if TYPE_CHECKING:
    from seminar_cli.journal.store import SessionRow
    from seminar_cli.session.records import RecordKind, SavedRecord
    from seminar_cli.session.service import SessionWriter

TextArg = Annotated[
    list[str],
    typer.Argument(help=keyed("help.arg.record_text"), metavar="TEXT", show_default=False),
]
SessionOpt = Annotated[
    str | None,
    typer.Option(
        "--session",
        "-s",
        help=keyed("help.opt.record_session"),
        metavar="ID",
        autocompletion=complete_session,
    ),
]
SegmentOpt = Annotated[
    str | None, typer.Option("--segment", help=keyed("help.opt.segment"), metavar="ID")
]
ErratumOpt = Annotated[bool, typer.Option("--erratum", help=keyed("help.opt.erratum"))]
WorkshopOpt = Annotated[
    str | None, typer.Option("--workshop", help=keyed("help.opt.workshop"), metavar="ID")
]


def register(app: typer.Typer) -> None:
    @app.command("note", help=t("help.note"), epilog=t("help.note.epilog"))
    def note_cmd(
        ctx: typer.Context,
        text: TextArg,
        session: SessionOpt = None,
        segment: SegmentOpt = None,
        erratum: ErratumOpt = False,
        workshop: WorkshopOpt = None,
    ) -> None:
        _record(ctx, "note", text, session, segment, erratum=erratum, workshop=workshop)

    @app.command("decision", help=t("help.decision"), epilog=t("help.decision.epilog"))
    def decision_cmd(
        ctx: typer.Context,
        text: TextArg,
        session: SessionOpt = None,
        segment: SegmentOpt = None,
        erratum: ErratumOpt = False,
        workshop: WorkshopOpt = None,
    ) -> None:
        _record(ctx, "decision", text, session, segment, erratum=erratum, workshop=workshop)

    @app.command("action", help=t("help.action"), epilog=t("help.action.epilog"))
    def action_cmd(
        ctx: typer.Context,
        text: TextArg,
        owner: Annotated[str, typer.Option("--owner", help=t("help.opt.owner"), metavar="NAME")],
        due: Annotated[
            str | None, typer.Option("--due", help=t("help.opt.due"), metavar="DATE")
        ] = None,
        session: SessionOpt = None,
        segment: SegmentOpt = None,
        erratum: ErratumOpt = False,
        workshop: WorkshopOpt = None,
    ) -> None:
        _record(
            ctx,
            "action",
            text,
            session,
            segment,
            owner=owner,
            due=due,
            erratum=erratum,
            workshop=workshop,
        )

    @app.command("secretary", help=t("help.secretary"), epilog=t("help.secretary.epilog"))
    def secretary_cmd(
        ctx: typer.Context,
        session: Annotated[
            str | None,
            typer.Argument(
                help=t("help.opt.record_session"), metavar="SESSION", show_default=False
            ),
        ] = None,
    ) -> None:
        import sys

        from seminar_cli.cli.common import find_session, open_journal
        from seminar_cli.errors import NoTerminalError
        from seminar_cli.session.records import open_writer

        journal = open_journal(ctx, create=False)
        row = find_session(journal, session)
        if sys.stdin is None:  # `seminar secretary <&-`: no line will ever come
            raise NoTerminalError("secretary.no_stdin")
        writer = open_writer(journal, row)
        SecretaryConsole(writer, row).run()


def _record(
    ctx: typer.Context,
    kind: RecordKind,
    words: list[str],
    session: str | None,
    segment: str | None,
    *,
    owner: str | None = None,
    due: str | None = None,
    erratum: bool = False,
    workshop: str | None = None,
) -> None:
    from seminar_cli.cli.common import find_session, open_journal
    from seminar_cli.session.records import add_record
    from seminar_cli.ui.console import say

    journal = open_journal(ctx, create=False)
    row = find_session(journal, session)  # adopts the session's language for what follows
    saved = add_record(
        journal,
        row,
        kind,
        " ".join(words),
        segment=segment,
        owner=owner,
        due=due,
        erratum=erratum,
        workshop=workshop,
    )
    say(_saved(saved, row))
    if saved.erratum:
        say(t("seal.erratum_saved", id=row.id))
    elif saved.session_closed:
        say(t("secretary.closed_note", id=row.id))


def _where(segment_title: str | None) -> str:
    if segment_title is None:
        return t("secretary.where.general")
    return t("secretary.where.segment", title=segment_title)


def _saved(saved: SavedRecord, row: SessionRow) -> str:
    where = _where(saved.segment_title)
    if saved.workshop_title is not None:
        where = t(
            "secretary.where.workshop", workshop=saved.workshop_title, title=saved.segment_title
        )
    if saved.kind == "action":
        suffix = t("secretary.due_suffix", due=_due_text(saved.due)) if saved.due else ""
        return t("secretary.saved.action", owner=saved.owner, due=suffix, where=where, id=row.id)
    return t(f"secretary.saved.{saved.kind}", where=where, id=row.id)


def _due_text(due: str | None) -> str:
    from datetime import date

    from seminar_cli.i18n import current_language
    from seminar_cli.minutes.exporters.text import Formatter

    if not due:
        return ""
    # the terminal's messages keep plain spaces, as the rest of the console's catalogue
    return Formatter(current_language()).short_day(date.fromisoformat(due)).replace("\u00a0", " ")


def _read_line(stream: TextIO) -> str | None:
    """One line of the secretary's input, None at its end.  Read as bytes: a byte a Latin-1
    terminal sent must not stop the console (and lose every line after it); it is read as
    that terminal meant it (typed_text)."""
    from seminar_cli.typed_text import repair_undecodable

    buffer = getattr(stream, "buffer", None)
    if buffer is None:  # a text-only stream (tests): its lines are text already
        line = stream.readline()
    else:
        encoding = getattr(stream, "encoding", None) or "utf-8"
        line = buffer.readline().decode(encoding, errors="surrogateescape")
    return repair_undecodable(line) if line else None


def wrapped(text: str, width: int) -> str:
    """``text`` cut at spaces to ``width`` columns; a line of two columns (the help's « d: texte
    … une décision ») goes on under its second column, others under their own indentation."""
    import re
    import textwrap

    lines = []
    for line in text.split("\n"):
        column = re.match(r"^(\s*\S.*?\s{2,})\S", line)
        indent = column.group(1) if column else line[: len(line) - len(line.lstrip())]
        lines.extend(
            textwrap.wrap(
                line,
                width=max(20, width - 1),  # the last column: some terminals wrap on it
                subsequent_indent=" " * len(indent),
                break_long_words=False,
                break_on_hyphens=False,
            )
            or [""]
        )
    return "\n".join(lines)


WHERE_REFRESH_SECONDS = 1.0  # how often the console's live line reads the journal again


class SecretaryConsole:
    """A small loop: one line, one record; the current segment shown before each line."""

    def __init__(self, writer: SessionWriter, row: SessionRow) -> None:
        import sys

        self.writer = writer
        self.row = row
        self.pinned: str | None = None
        self.count = 0
        self.interactive = bool(sys.stdin and sys.stdin.isatty())
        self._was_closed = writer.state.closed
        self._last_where: str | bool | None = False  # False: nothing shown yet
        self._session: Any = None  # a prompt_toolkit PromptSession, made at the first line
        self._toolbar = ""  # the live line under the prompt, as last read

    def _prompt_session(self) -> Any:
        """Line editing for a person at a terminal: arrows, Ctrl-A/E, and ↑ recalling this
        console's earlier lines (in memory: the journal keeps what matters)."""
        if self._session is None:
            import sys

            from prompt_toolkit import PromptSession
            from prompt_toolkit.history import InMemoryHistory
            from prompt_toolkit.output import create_output

            # the prompt goes to stderr, as every message of the console does; its first line
            # says where a line typed now goes, read again each second: a segment that starts
            # (or a session that closes) while the secretary types is seen at once (a line of
            # the prompt itself, not a toolbar: that needs the terminal to report its cursor)
            self._session = PromptSession(
                history=InMemoryHistory(),
                output=create_output(stdout=sys.stderr),
                refresh_interval=WHERE_REFRESH_SECONDS,
            )
        return self._session

    def _say(self, message: str, style: str | None = None) -> None:
        """A line of the console, cut at words to the terminal's width when a person reads it
        there (a terminal cuts a long line mid-word)."""
        from seminar_cli.ui.console import say

        if self.interactive:
            import shutil

            message = wrapped(message, shutil.get_terminal_size().columns)
        say(message, style=style)

    def _prompt_lines(self) -> str:
        import shutil

        return f"{wrapped(self._where_now(), shutil.get_terminal_size().columns)}\n› "

    def _where_now(self) -> str:
        """The live line above the prompt: the segment a line typed now goes to."""
        from seminar_cli.errors import SeminarError

        try:
            where = self._current()
        except SeminarError:  # a busy journal: the last line shown stands for a second
            return self._toolbar
        if self.pinned is None and self.writer.state.closed:
            meeting = self.writer.agenda.assembly is not None
            closed = t(
                "secretary.console.closed.meeting" if meeting else "secretary.console.closed"
            )
            self._toolbar = f"{closed}\n{t('secretary.console.current', where=_where(None))}"
        else:
            title = self.writer.agenda.segment(where).title if where is not None else None
            self._toolbar = t("secretary.console.current", where=_where(title))
        return self._toolbar

    def run(self) -> None:
        title = self.writer.state.meta.get("title", "")
        self._say(t("secretary.console.title", id=self.row.id, title=title))
        if self.interactive:
            self._say(t("secretary.console.help"))
        while True:
            self._show_where()
            try:
                line = self._read()
            except (EOFError, KeyboardInterrupt):
                break
            if line is None:
                break
            if not self._handle(line):
                break
        # an assembly's minutes are a PV
        bye = "secretary.console.bye"
        if self.writer.agenda.assembly is not None:
            bye = "secretary.console.bye.meeting"
        self._say(counted(bye, self.count, id=self.row.id))

    def _read(self) -> str | None:
        import sys

        if self.interactive:
            from seminar_cli.typed_text import repair_undecodable

            # prompt_toolkit escapes a byte that is not UTF-8 as _read_line does: same repair
            return repair_undecodable(str(self._prompt_session().prompt(self._prompt_lines)))
        line = _read_line(sys.stdin)
        if line is None:
            return None  # end of input (Ctrl-D)
        return line.rstrip("\r\n")

    def _current(self) -> str | None:
        from seminar_cli.session.records import target_segment

        self.writer.sync()
        return target_segment(self.writer.state, self.pinned)

    def _show_where(self) -> None:
        if self.interactive:  # the prompt's own first line says it, live (_where_now)
            return
        where = self._current()
        if self.writer.state.closed and not self._was_closed:
            self._was_closed = True
            meeting = self.writer.agenda.assembly is not None
            self._say(
                t("secretary.console.closed.meeting" if meeting else "secretary.console.closed")
            )
        if where != self._last_where:
            self._last_where = where
            title = self.writer.agenda.segment(where).title if where is not None else None
            self._say(t("secretary.console.current", where=_where(title)))

    def _handle(self, line: str) -> bool:
        """Record one line; False to stop."""
        from seminar_cli.errors import SeminarError
        from seminar_cli.session.records import parse_console_line, write_record

        try:
            parsed = parse_console_line(line)
            if parsed.kind == "quit":
                return False
            if parsed.kind == "help":
                self._say(t("secretary.console.help"))
                return True
            if parsed.kind == "segment":
                self._pin(parsed.text)
                return True
            saved = write_record(
                self.writer,
                parsed.kind,
                parsed.text,
                segment=self.pinned,
                owner=parsed.owner,
                due=parsed.due,
            )
        except SeminarError as error:
            self._say(error.message(), style="red")
            return True
        self.count += 1
        self._say(_saved(saved, self.row))
        return True

    def _pin(self, segment: str) -> None:
        from seminar_cli.session.records import target_segment

        if not segment:
            self.pinned = None
            self._say(t("secretary.console.unpinned"))
            return
        target_segment(self.writer.state, segment)  # raises for an unknown id
        self.pinned = segment
        self._say(t("secretary.console.pinned", title=self.writer.agenda.segment(segment).title))
