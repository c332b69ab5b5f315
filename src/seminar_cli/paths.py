"""Where things live on the user's machine (one place, pointed at tmp dirs by tests)."""

from __future__ import annotations

import os
from pathlib import Path


def default_db_path() -> Path:
    override = os.environ.get("SEMINAR_DB")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_path

    return user_data_path("seminar", appauthor=False) / "journal.sqlite3"
