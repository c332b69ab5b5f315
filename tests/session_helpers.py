"""Helpers shared by the tests that run whole sessions through the CLI: an instant clock for
``--speed`` rehearsals, the journal the ``cli`` fixture writes to, and its sessions."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from seminar_cli.journal.store import Journal
from seminar_cli.timer import FakeClock


class InstantClock(FakeClock):
    """SystemClock's signature, FakeClock's behaviour: sleeping only moves the session clock."""

    def __init__(self, speed: float = 1.0, start: datetime | None = None) -> None:
        super().__init__(start, speed)


def journal() -> Journal:
    """The journal of the isolated test environment (``SEMINAR_DB``, set by conftest)."""
    return Journal.open(Path(os.environ["SEMINAR_DB"]))


def only_session() -> str:
    rows = journal().sessions()
    assert len(rows) == 1
    return rows[0].id
