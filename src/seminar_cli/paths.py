"""Where things live on the user's machine (one place, pointed at tmp dirs by tests)."""

from __future__ import annotations

import os
from pathlib import Path

POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def is_postgres_url(location: Path | str) -> bool:
    """Whether ``--db`` / ``SEMINAR_DB`` names a PostgreSQL database rather than a file."""
    return isinstance(location, str) and location.startswith(POSTGRES_SCHEMES)


def shown_location(location: Path | str) -> str:
    """The journal's location as the user may see it: a URL without its password."""
    if not is_postgres_url(location):
        return str(location)
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(str(location))
    if parts.password is None:
        return str(location)
    host = parts.hostname or ""
    if parts.port is not None:
        host = f"{host}:{parts.port}"
    user = f"{parts.username}@" if parts.username else ""
    return urlunsplit(parts._replace(netloc=f"{user}{host}"))


def default_db_location() -> Path | str:
    """The journal of ``SEMINAR_DB`` (a file, or a ``postgresql://`` URL kept as text: a Path
    would fold its ``//``), else the default file."""
    override = os.environ.get("SEMINAR_DB")
    if override and is_postgres_url(override):
        return override
    return default_db_path()


def default_db_path() -> Path:
    override = os.environ.get("SEMINAR_DB")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_path

    return user_data_path("seminar", appauthor=False) / "journal.sqlite3"


def make_private_folders(folder: Path) -> None:
    """Create ``folder`` and its missing parents readable by their owner only (0700, whatever
    the umask): the journal's folder tells who met and when.  Folders that exist are left as
    they are.  Raises what ``mkdir`` raises."""
    missing: list[Path] = []
    current = folder
    while not current.exists() and current != current.parent:
        missing.append(current)
        current = current.parent
    for path in reversed(missing):
        try:
            path.mkdir(mode=0o700)
        except FileExistsError:
            if not path.is_dir():  # a file where a folder should be
                raise
            continue  # made meanwhile by another process: theirs to set
        os.chmod(path, 0o700)  # the umask may have taken bits from 0o700
    if not folder.is_dir():
        raise NotADirectoryError(folder)
