"""What every command receives from the global options, and from whoever calls ``main()``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from datetime import datetime

    from seminar_cli.timer import Clock

# how a command makes the clock of a session it runs: (speed, start) -> Clock
ClockFactory = Callable[[float, "datetime | None"], "Clock"]


@dataclass
class AppContext:
    db_path: Path | None = None
    db_url: str | None = None  # --db postgresql://…: the journal on a PostgreSQL server
    # None: the wall clock (SystemClock); a caller of main() (tests) may give one that never
    # sleeps, so that a rehearsal at --speed 10000 takes no time at all
    clock: ClockFactory | None = None

    def journal_path(self) -> Path:
        from seminar_cli.paths import default_db_path

        return self.db_path or default_db_path()

    def journal_location(self) -> Path | str:
        """The journal to open: a file's path, or a PostgreSQL database's URL."""
        from seminar_cli.paths import default_db_location

        if self.db_url is not None:
            return self.db_url
        return self.db_path or default_db_location()

    def session_clock(self, speed: float, start: datetime | None = None) -> Clock:
        if self.clock is None:
            from seminar_cli.timer import SystemClock

            return SystemClock(speed, start)
        return self.clock(speed, start)


def app_context(ctx: typer.Context) -> AppContext:
    obj = ctx.find_root().obj
    return obj if isinstance(obj, AppContext) else AppContext()
