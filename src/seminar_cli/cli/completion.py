"""Shell completion of agenda names and session ids (``seminar --install-completion``).

Completion must never fail loudly: a missing or unreadable journal completes nothing.
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
    from seminar_cli.journal.store import Journal
    from seminar_cli.paths import default_db_path

    given = ctx.find_root().params.get("db")
    path = Path(given) if given else default_db_path()
    if not path.is_file():
        return []
    try:
        journal = Journal.open_for_reading(path)
        try:
            rows = journal.sessions()
        finally:
            journal.close()
    except Exception:
        return []
    return [(row.id, row.title) for row in rows if row.id.startswith(incomplete)]


# the SESSION argument of every command that takes one: completed from the journal
SessionArg = Annotated[
    str | None,
    typer.Argument(
        help=keyed("help.arg.session"), show_default=False, autocompletion=complete_session
    ),
]
