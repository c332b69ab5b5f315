"""What every command receives from the global options."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import typer


@dataclass
class AppContext:
    db_path: Path | None = None

    def journal_path(self) -> Path:
        from seminar_cli.paths import default_db_path

        return self.db_path or default_db_path()


def app_context(ctx: typer.Context) -> AppContext:
    obj = ctx.find_root().obj
    return obj if isinstance(obj, AppContext) else AppContext()
