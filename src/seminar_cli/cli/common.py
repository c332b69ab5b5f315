"""Helpers shared by the commands: opening the journal, resolving sessions, signals."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import TYPE_CHECKING

import typer

from seminar_cli.cli.context import app_context

if TYPE_CHECKING:
    from seminar_cli.journal.store import Journal, SessionRow


def open_journal(ctx: typer.Context, *, create: bool = True, reading: bool = False) -> Journal:
    """The journal of ``--db``; with ``reading``, also where it cannot be written."""
    from seminar_cli.journal.store import Journal

    path = app_context(ctx).journal_location()
    if reading:
        return Journal.open_for_reading(path)
    return Journal.open(path, create=create)


def find_session(journal: Journal, ref: str | None) -> SessionRow:
    from seminar_cli.i18n import adopt_agenda_language
    from seminar_cli.session.service import resolve_session

    row = resolve_session(journal, ref)
    adopt_agenda_language(row.language)
    return row


@contextmanager
def stop_on_hangup() -> Iterator[None]:
    """A closed terminal (SIGHUP) or a polite kill (SIGTERM) stops the session cleanly:
    the runner records that it was suspended, and ``seminar resume`` continues it."""

    stopping: list[int] = []

    def stop(signum: int, frame: FrameType | None) -> None:
        # a closing terminal may send more than one (tmux, then the kernel's hang-up): only
        # the first stops the session, the others must not cut short recording that it did
        if stopping:
            return
        stopping.append(signum)
        raise SystemExit(128 + signum)

    previous = {sig: signal.getsignal(sig) for sig in (signal.SIGTERM, signal.SIGHUP)}
    for sig in previous:
        signal.signal(sig, stop)
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
