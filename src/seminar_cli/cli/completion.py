"""Shell completion of agenda names and session ids (``seminar --install-completion``).

Completion must never fail loudly: a missing or unreadable journal completes nothing, and so
does a PostgreSQL server that does not answer within ``SERVER_TIMEOUT_S``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from seminar_cli.i18n import keyed


def complete_agenda(incomplete: str) -> list[str]:
    from seminar_cli.agenda.bundled import available_agendas

    names = sorted({ref.name for ref in available_agendas()})
    return [name for name in names if name.startswith(incomplete)]


def complete_session(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    from seminar_cli.paths import default_db_location, is_postgres_url

    given = ctx.find_root().params.get("db")
    location: Path | str = given if given else default_db_location()
    if is_postgres_url(location):
        rows = _sessions_within(str(location), SERVER_TIMEOUT_S)
    else:
        path = Path(location)
        rows = _sessions(path) if path.is_file() else []
    return [(row_id, title) for row_id, title in rows if row_id.startswith(incomplete)]


# a PostgreSQL server that has not answered by then completes nothing: the shell waits for us
SERVER_TIMEOUT_S = 2.0


def _sessions(location: Path | str) -> list[tuple[str, str]]:
    """Every session's id and title; nothing when the journal cannot be read."""
    from seminar_cli.journal.store import Journal

    try:
        journal = Journal.open_for_reading(location)
        try:
            return [(row.id, row.title) for row in journal.sessions()]
        finally:
            journal.close()
    except Exception:
        return []


def _sessions_within(url: str, timeout: float) -> list[tuple[str, str]]:
    """``_sessions`` of a server, given up after ``timeout`` seconds (an address that does not
    answer, a slow name lookup): the thread is left behind, and ends with the process."""
    import threading

    found: list[list[tuple[str, str]]] = []
    reader = threading.Thread(target=lambda: found.append(_sessions(url)), daemon=True)
    reader.start()
    reader.join(timeout)
    return found[0] if found else []


# the SESSION argument of every command that takes one: completed from the journal
SessionArg = Annotated[
    str | None,
    typer.Argument(
        help=keyed("help.arg.session"), show_default=False, autocompletion=complete_session
    ),
]
