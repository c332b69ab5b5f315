"""SQLite journal store: connection settings, migrations, appending and reading events.

The only module that speaks SQL.  Settings measured in docs/architecture.md: WAL,
``synchronous=NORMAL``, a busy timeout, and ``BEGIN IMMEDIATE`` for every write, so several
processes (facilitator, secretary, participants) write at once without "database is locked".
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from seminar_cli.errors import JournalError, SessionError

BUSY_TIMEOUT_MS = 30_000
APPLICATION_ID = 0x53454D4E  # "SEMN": tells our journal apart from any other SQLite file

Migration = Callable[[sqlite3.Connection], None]
MIGRATIONS: list[Migration] = []


def migration(func: Migration) -> Migration:
    """Register a schema migration; they run in order when the store opens."""
    MIGRATIONS.append(func)
    return func


@migration
def _m001_initial(db: sqlite3.Connection) -> None:
    db.execute(
        """CREATE TABLE sessions (
            id TEXT PRIMARY KEY,
            created_at TEXT NOT NULL,
            title TEXT NOT NULL,
            agenda_name TEXT NOT NULL,
            agenda_json TEXT NOT NULL,
            language TEXT NOT NULL,
            rehearsal INTEGER NOT NULL DEFAULT 0,
            status TEXT NOT NULL DEFAULT 'open'
        )"""
    )
    db.execute(
        """CREATE TABLE events (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            session_id TEXT NOT NULL REFERENCES sessions(id),
            seq INTEGER NOT NULL,
            type TEXT NOT NULL,
            at TEXT NOT NULL,
            payload TEXT NOT NULL,
            UNIQUE (session_id, seq)
        )"""
    )
    db.execute(
        """CREATE TABLE heartbeats (
            session_id TEXT PRIMARY KEY REFERENCES sessions(id),
            at TEXT NOT NULL,
            real_at TEXT NOT NULL,
            pid INTEGER
        )"""
    )


SCHEMA_VERSION = len(MIGRATIONS)


@dataclass(frozen=True)
class StoredEvent:
    seq: int
    type: str
    at: datetime
    payload: dict[str, Any]


@dataclass(frozen=True)
class SessionRow:
    id: str
    created_at: datetime
    title: str
    agenda_name: str
    agenda_json: str
    language: str
    rehearsal: bool
    status: str  # "open" | "closed"


def _is_disk_full(exc: BaseException) -> bool:
    return (
        isinstance(exc, sqlite3.OperationalError)
        and ("disk is full" in str(exc) or "database or disk is full" in str(exc))
    ) or (isinstance(exc, OSError) and exc.errno == errno.ENOSPC)


class Journal:
    """One open journal file.  Each write is one short ``BEGIN IMMEDIATE`` transaction."""

    def __init__(self, path: Path, db: sqlite3.Connection) -> None:
        self.path = path
        self._db = db

    # -- opening ---------------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path, *, create: bool = True) -> Journal:
        path = Path(path)
        if path.is_dir():
            raise JournalError("journal.is_dir", file=str(path))
        if not path.exists():
            if not create:
                raise JournalError("journal.missing", file=str(path))
            cls._create_file(path)
        try:
            db = sqlite3.connect(
                path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
            )
        except sqlite3.Error as exc:
            raise JournalError("journal.cannot_open", file=str(path), reason=str(exc)) from None
        journal = cls(path, db)
        try:
            journal._configure()
            journal._migrate()
        except sqlite3.DatabaseError as exc:
            db.close()
            if _is_disk_full(exc):
                raise JournalError("journal.disk_full", file=str(path)) from None
            if "readonly" in str(exc) or "read-only" in str(exc):
                raise JournalError("journal.read_only", file=str(path)) from None
            if "not a database" in str(exc) or "malformed" in str(exc):
                raise JournalError("journal.not_journal", file=str(path)) from None
            raise JournalError("journal.cannot_open", file=str(path), reason=str(exc)) from None
        except JournalError:
            db.close()
            raise
        return journal

    @staticmethod
    def _create_file(path: Path) -> None:
        """Create the file readable by its owner only, before SQLite ever touches it."""
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
            os.close(fd)
        except FileExistsError:
            return
        except PermissionError:
            raise JournalError("journal.read_only_dir", folder=str(path.parent)) from None
        except OSError as exc:
            if exc.errno == errno.ENOSPC:
                raise JournalError("journal.disk_full", file=str(path)) from None
            if exc.errno == errno.EROFS:
                raise JournalError("journal.read_only_dir", folder=str(path.parent)) from None
            raise JournalError("journal.cannot_open", file=str(path), reason=exc.strerror) from None

    def _configure(self) -> None:
        db = self._db
        # the -wal and -shm files are created by SQLite with the main file's permissions
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        mode = db.execute("PRAGMA journal_mode = WAL").fetchone()
        if mode and str(mode[0]).lower() != "wal":
            self._check_identity()  # a read-only file cannot switch to WAL: say why
        db.execute("PRAGMA synchronous = NORMAL")
        db.execute("PRAGMA foreign_keys = ON")

    def _check_identity(self) -> None:
        app_id = self._db.execute("PRAGMA application_id").fetchone()[0]
        tables = {
            r[0] for r in self._db.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
        if app_id not in (0, APPLICATION_ID) or (app_id == 0 and tables - {"sqlite_sequence"}):
            raise JournalError("journal.not_journal", file=str(self.path))

    def _migrate(self) -> None:
        db = self._db
        version = int(db.execute("PRAGMA user_version").fetchone()[0])
        if version > SCHEMA_VERSION:
            raise JournalError(
                "journal.newer", file=str(self.path), found=version, supported=SCHEMA_VERSION
            )
        if version == SCHEMA_VERSION:
            self._check_identity()
            return
        with self._write() as cur:
            version = int(cur.execute("PRAGMA user_version").fetchone()[0])
            if version == 0:
                self._check_identity()
                cur.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            for number in range(version, SCHEMA_VERSION):
                MIGRATIONS[number](db)
            cur.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        with contextlib.suppress(OSError):
            os.chmod(self.path, 0o600)

    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite3.Cursor]:
        cur = self._db.cursor()
        try:
            cur.execute("BEGIN IMMEDIATE")
            yield cur
            cur.execute("COMMIT")
        except BaseException as exc:
            with contextlib.suppress(sqlite3.Error):
                cur.execute("ROLLBACK")
            if isinstance(exc, sqlite3.DatabaseError):
                if _is_disk_full(exc):
                    raise JournalError("journal.disk_full", file=str(self.path)) from None
                if "readonly" in str(exc) or "read-only" in str(exc):
                    raise JournalError("journal.read_only", file=str(self.path)) from None
                raise JournalError(
                    "journal.write_failed", file=str(self.path), reason=str(exc)
                ) from None
            raise
        finally:
            cur.close()

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- sessions --------------------------------------------------------------------------
    def create_session(
        self,
        session_id: str,
        *,
        created_at: datetime,
        title: str,
        agenda_name: str,
        agenda_json: str,
        language: str,
        rehearsal: bool,
    ) -> None:
        with self._write() as cur:
            cur.execute(
                "INSERT INTO sessions (id, created_at, title, agenda_name, agenda_json, language,"
                " rehearsal, status) VALUES (?, ?, ?, ?, ?, ?, ?, 'open')",
                (
                    session_id,
                    created_at.isoformat(),
                    title,
                    agenda_name,
                    agenda_json,
                    language,
                    int(rehearsal),
                ),
            )

    def set_status(self, session_id: str, status: str) -> None:
        with self._write() as cur:
            cur.execute("UPDATE sessions SET status = ? WHERE id = ?", (status, session_id))

    def sessions(self) -> list[SessionRow]:
        rows = self._db.execute(
            "SELECT id, created_at, title, agenda_name, agenda_json, language, rehearsal, status"
            " FROM sessions ORDER BY created_at DESC, id DESC"
        ).fetchall()
        return [_session_row(r) for r in rows]

    def session(self, session_id: str) -> SessionRow:
        row = self._db.execute(
            "SELECT id, created_at, title, agenda_name, agenda_json, language, rehearsal, status"
            " FROM sessions WHERE id = ?",
            (session_id,),
        ).fetchone()
        if row is None:
            raise SessionError("session.unknown", ref=session_id)
        return _session_row(row)

    def find_sessions(self, prefix: str) -> list[SessionRow]:
        escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        rows = self._db.execute(
            "SELECT id, created_at, title, agenda_name, agenda_json, language, rehearsal, status"
            " FROM sessions WHERE id LIKE ? ESCAPE '\\' ORDER BY created_at DESC",
            (escaped + "%",),
        ).fetchall()
        return [_session_row(r) for r in rows]

    # -- events ----------------------------------------------------------------------------
    def append(
        self, session_id: str, type_: str, payload: dict[str, Any], at: datetime
    ) -> StoredEvent:
        text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
        with self._write() as cur:
            row = cur.execute(
                "SELECT COALESCE(MAX(seq), 0) + 1 FROM events WHERE session_id = ?", (session_id,)
            ).fetchone()
            seq = int(row[0])
            cur.execute(
                "INSERT INTO events (session_id, seq, type, at, payload) VALUES (?, ?, ?, ?, ?)",
                (session_id, seq, type_, at.isoformat(), text),
            )
        return StoredEvent(seq, type_, at, payload)

    def events(self, session_id: str, after_seq: int = 0) -> list[StoredEvent]:
        rows = self._db.execute(
            "SELECT seq, type, at, payload FROM events WHERE session_id = ? AND seq > ?"
            " ORDER BY seq",
            (session_id, after_seq),
        ).fetchall()
        return [
            StoredEvent(r[0], r[1], datetime.fromisoformat(r[2]), json.loads(r[3])) for r in rows
        ]

    def count_events(self, session_id: str, type_: str | None = None) -> int:
        if type_ is None:
            row = self._db.execute(
                "SELECT COUNT(*) FROM events WHERE session_id = ?", (session_id,)
            )
        else:
            row = self._db.execute(
                "SELECT COUNT(*) FROM events WHERE session_id = ? AND type = ?", (session_id, type_)
            )
        return int(row.fetchone()[0])

    def last_seq(self, session_id: str) -> int:
        row = self._db.execute(
            "SELECT COALESCE(MAX(seq), 0) FROM events WHERE session_id = ?", (session_id,)
        ).fetchone()
        return int(row[0])

    # -- heartbeats: when did a running session last show signs of life --------------------
    def heartbeat(self, session_id: str, at: datetime, real_at: datetime) -> None:
        """``at`` on the session's clock (for resuming), ``real_at`` on the wall (liveness)."""
        with self._write() as cur:
            cur.execute(
                "INSERT INTO heartbeats (session_id, at, real_at, pid) VALUES (?, ?, ?, ?)"
                " ON CONFLICT(session_id) DO UPDATE SET at = excluded.at,"
                " real_at = excluded.real_at, pid = excluded.pid",
                (session_id, at.isoformat(), real_at.isoformat(), os.getpid()),
            )

    def clear_heartbeat(self, session_id: str) -> None:
        with self._write() as cur:
            cur.execute("DELETE FROM heartbeats WHERE session_id = ?", (session_id,))

    def last_heartbeat(self, session_id: str) -> tuple[datetime, datetime] | None:
        """(session-clock time, wall time) of the last sign of life of a running session."""
        row = self._db.execute(
            "SELECT at, real_at FROM heartbeats WHERE session_id = ?", (session_id,)
        ).fetchone()
        return (datetime.fromisoformat(row[0]), datetime.fromisoformat(row[1])) if row else None


def _session_row(row: tuple[Any, ...]) -> SessionRow:
    return SessionRow(
        id=row[0],
        created_at=datetime.fromisoformat(row[1]),
        title=row[2],
        agenda_name=row[3],
        agenda_json=row[4],
        language=row[5],
        rehearsal=bool(row[6]),
        status=row[7],
    )
