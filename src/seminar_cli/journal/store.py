"""SQLite journal store: connection settings, migrations, appending and reading events.

The only module that speaks SQL.  Settings measured in docs/architecture.md: WAL,
``synchronous=NORMAL``, a busy timeout, and ``BEGIN IMMEDIATE`` for every write, so several
processes (facilitator, secretary, participants) write at once without "database is locked".
"""

from __future__ import annotations

import contextlib
import errno
import functools
import json
import os
import random
import secrets
import socket
import sqlite3
import stat
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any, Concatenate, NamedTuple, ParamSpec, Protocol, TypeVar

from seminar_cli.errors import JournalError, SessionError
from seminar_cli.journal.chain import GENESIS, ChainRow, PendingLink, event_hash, link, pending_link
from seminar_cli.journal.events import Event
from seminar_cli.journal.events import read as read_event
from seminar_cli.journal.turns import Busy, WriterQueue
from seminar_cli.paths import is_postgres_url

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: SQLite's own locking only
    fcntl = None  # type: ignore[assignment]

BUSY_TIMEOUT_MS = 30_000
# The write-ahead log is copied back into the journal (a checkpoint) by the writer of every
# hundredth turn, once it has left the turn: SQLite's own checkpoint, at 1000 pages, runs in
# the commit of whoever reaches them, and its two fsyncs (10-15 ms here) make every queued
# writer wait.  An answer writes about 6 pages: 100 turns, about 600 pages, so SQLite's own
# rarely comes, and still bounds the log where the queue is not used (docs/architecture.md).
CHECKPOINT_EVERY = 100
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


@migration
def _m002_heartbeat_host(db: sqlite3.Connection) -> None:
    # with the host, a runner killed on this machine is told apart from one still running
    db.execute("ALTER TABLE heartbeats ADD COLUMN host TEXT")


@migration
def _m003_unique_refs(db: sqlite3.Connection) -> None:
    # an answer's ref (an answers file entry, a join process) can be recorded only once: the
    # database itself refuses a second one, whatever process tries
    db.execute("ALTER TABLE events ADD COLUMN ref TEXT")
    seen: set[tuple[str, str]] = set()
    rows = db.execute("SELECT id, session_id, payload FROM events WHERE type = 'answer_given'")
    for event_id, session_id, payload in rows.fetchall():
        ref = json.loads(payload).get("ref")
        if isinstance(ref, str) and (session_id, ref) not in seen:
            seen.add((session_id, ref))
            db.execute("UPDATE events SET ref = ? WHERE id = ?", (ref, event_id))
    db.execute("CREATE UNIQUE INDEX events_ref ON events (session_id, ref) WHERE ref IS NOT NULL")


@migration
def _m004_events_by_type(db: sqlite3.Connection) -> None:
    # "has this prompt closed since?" is asked inside the write lock: answer it from an index,
    # however many answers were written meanwhile
    db.execute("CREATE INDEX events_by_type ON events (session_id, type, seq)")


@migration
def _m005_heartbeat_process(db: sqlite3.Connection) -> None:
    # a process id alone is reused (a reboot, a restarted container): the heartbeat also says
    # which process it was, by its start time, so that another one with the same id is not
    # taken for the runner
    db.execute("ALTER TABLE heartbeats ADD COLUMN process TEXT")


@migration
def _m006_anonymous_pool(db: sqlite3.Connection) -> None:
    # Anonymous answers wait here, keyed by a random id (WITHOUT ROWID: nothing records their
    # order), until a shuffled batch moves them into the events with one timestamp.  Who has
    # answered is kept apart, by name, with no value and no order.  Answers files deliver
    # their unnamed entries once: how many, per prompt and per file content.
    db.execute(
        """CREATE TABLE anonymous_pool (
            id BLOB PRIMARY KEY,
            session_id TEXT NOT NULL REFERENCES sessions(id),
            prompt TEXT NOT NULL,
            value TEXT NOT NULL
        ) WITHOUT ROWID"""
    )
    db.execute(
        """CREATE TABLE anonymous_voters (
            session_id TEXT NOT NULL REFERENCES sessions(id),
            prompt TEXT NOT NULL,
            participant TEXT NOT NULL,
            PRIMARY KEY (session_id, prompt, participant)
        ) WITHOUT ROWID"""
    )
    db.execute(
        """CREATE TABLE file_deliveries (
            session_id TEXT NOT NULL REFERENCES sessions(id),
            prompt TEXT NOT NULL,
            digest TEXT NOT NULL,
            delivered INTEGER NOT NULL,
            PRIMARY KEY (session_id, prompt, digest)
        ) WITHOUT ROWID"""
    )


@migration
def _m007_web_access(db: sqlite3.Connection) -> None:
    # Phones in the room (``seminar serve``): each session's join code, and the phones'
    # tokens, stored as their SHA-256 only, each mapping to one participant (by the folded
    # key of the name, so that « Inès » and « ines » are one person).  In the journal, so a
    # restarted server and a phone asleep for an hour stay known.  No answer refers to them.
    db.execute(
        """CREATE TABLE join_codes (
            session_id TEXT PRIMARY KEY REFERENCES sessions(id),
            code TEXT NOT NULL
        ) WITHOUT ROWID"""
    )
    db.execute(
        """CREATE TABLE web_tokens (
            token_hash TEXT PRIMARY KEY,
            session_id TEXT NOT NULL REFERENCES sessions(id),
            participant TEXT NOT NULL,
            participant_key TEXT NOT NULL
        ) WITHOUT ROWID"""
    )
    db.execute("CREATE INDEX web_tokens_by_name ON web_tokens (session_id, participant_key)")


@migration
def _m008_hash_chain(db: sqlite3.Connection) -> None:
    # Each event's SHA-256 chained to the previous one of its session (journal/chain.py):
    # the events already there are chained now, in order, as if they had been appended so.
    db.execute("ALTER TABLE events ADD COLUMN hash TEXT")
    rows = db.execute(
        "SELECT id, session_id, seq, type, at, payload, ref FROM events ORDER BY session_id, seq"
    )
    session, previous = None, GENESIS
    updates: list[tuple[str, int]] = []
    for event_id, session_id, seq, type_, at, payload, ref in rows.fetchall():
        if session_id != session:
            session, previous = session_id, GENESIS
        previous = event_hash(previous, session_id, seq, type_, at, payload, ref)
        updates.append((previous, event_id))
    db.executemany("UPDATE events SET hash = ? WHERE id = ?", updates)


@migration
def _m009_anonymous_keys(db: sqlite3.Connection) -> None:
    # The public key of the process that runs each session (journal/sealing.py): pending
    # anonymous answers are sealed to it, so only that process's memory can read them.  Who
    # published it (process, machine), so that an answer is not sealed to a dead runner's key.
    # ``anonymous_pool.value`` holds the sealed bytes from now on.
    db.execute(
        """CREATE TABLE anonymous_keys (
            session_id TEXT PRIMARY KEY REFERENCES sessions(id),
            public_key BLOB NOT NULL,
            published_at TEXT NOT NULL,
            pid INTEGER,
            host TEXT,
            process TEXT
        ) WITHOUT ROWID"""
    )


@migration
def _m010_workshop_streams(db: sqlite3.Connection) -> None:
    # Each workshop writes its own stream of events in the session (PRODUCT §9 "Streams"):
    # ``stream`` names it ('' is the plenary's, every event written before) and ``position``
    # is the event's place in its stream, which the stream's own hash chain covers; ``seq``
    # stays the session's reading order in this journal.  A workshop's runner has its own
    # heartbeat, key for anonymous answers, pending answers, join code and phones' tokens.
    db.execute("ALTER TABLE events ADD COLUMN stream TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE events ADD COLUMN position INTEGER")
    db.execute("UPDATE events SET position = seq")
    db.execute("CREATE UNIQUE INDEX events_stream ON events (session_id, stream, position)")
    for table in ("anonymous_pool", "anonymous_voters", "web_tokens"):
        db.execute(f"ALTER TABLE {table} ADD COLUMN stream TEXT NOT NULL DEFAULT ''")
    # the tables keyed by session alone are made again, keyed by session and stream
    for table, columns, key in _STREAM_KEYED:
        names = ", ".join(name for name, _type in columns)
        db.execute(f"ALTER TABLE {table} RENAME TO {table}_before_streams")
        db.execute(
            f"CREATE TABLE {table} (session_id TEXT NOT NULL REFERENCES sessions(id),"
            " stream TEXT NOT NULL DEFAULT '',"
            + "".join(f" {name} {type_}," for name, type_ in columns)
            + f" PRIMARY KEY (session_id, stream{key})) WITHOUT ROWID"
        )
        db.execute(
            f"INSERT INTO {table} (session_id, {names})"
            f" SELECT session_id, {names} FROM {table}_before_streams"
        )
        db.execute(f"DROP TABLE {table}_before_streams")


# (table, its columns but the session and stream, the rest of its key)
_STREAM_KEYED: list[tuple[str, list[tuple[str, str]], str]] = [
    (
        "heartbeats",
        [
            ("at", "TEXT NOT NULL"),
            ("real_at", "TEXT NOT NULL"),
            ("pid", "INTEGER"),
            ("host", "TEXT"),
            ("process", "TEXT"),
        ],
        "",
    ),
    ("join_codes", [("code", "TEXT NOT NULL")], ""),
    (
        "anonymous_keys",
        [
            ("public_key", "BLOB NOT NULL"),
            ("published_at", "TEXT NOT NULL"),
            ("pid", "INTEGER"),
            ("host", "TEXT"),
            ("process", "TEXT"),
        ],
        "",
    ),
    (
        "file_deliveries",
        [
            ("prompt", "TEXT NOT NULL"),
            ("digest", "TEXT NOT NULL"),
            ("delivered", "INTEGER NOT NULL"),
        ],
        ", prompt, digest",
    ),
]


SCHEMA_VERSION = len(MIGRATIONS)
PLENARY = ""  # the stream of the plenary session; a workshop's stream is named by its id
CLOSING_EVENT = "session_closed"  # appending it also marks the session closed, runner gone
PROMPT_CLOSED = "prompt_closed"  # appending it first writes the prompt's pending anonymous answers
# Anonymous answers are written in batches of at least five, each with the marks of who
# answered, by the process holding the session's key (journal/sealing.py).  While a prompt is
# open, a batch is five drawn at random from ten waiting (so the last ones to arrive are not
# simply the next batch, and the batch written at the close holds five or more too); at the
# close, all that wait.
ANONYMOUS_BATCH = 5


class AnonymousOutcome(StrEnum):
    pending = "pending"  # held until drawn into a batch or its prompt closes
    written = "written"  # a batch was written now (this answer may or may not be in it)
    closed = "closed"  # the prompt had closed: nothing held
    already = "already"  # this person had answered already: nothing held
    no_holder = "no_holder"  # no live process runs the session to hold its key: nothing held


_SHUFFLE = random.SystemRandom()  # the batch order must not be predictable


@dataclass(frozen=True)
class StoredEvent:
    seq: int
    type: str
    at: datetime
    payload: dict[str, Any]  # as stored (the JSON object)
    stream: str = ""  # PLENARY, or the id of the workshop that wrote it
    # the payload as its typed event, read once here; None: a type this version does not know
    # or a payload that does not fit it (events.read), which the fold skips
    data: Event | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "data", read_event(self.type, self.payload))


@dataclass(frozen=True, slots=True)
class _Pending:
    """An event ready to insert: everything that does not depend on what the journal holds
    (its JSON text, its ref, its time as stored, its canonical text less the position), made
    before the writer's turn so that the turn holds only the reads and the insert."""

    session_id: str
    type: str
    payload: dict[str, Any]
    at: datetime
    stamp: str
    text: str
    ref: str | None
    link: PendingLink
    stream: str

    @classmethod
    def of(
        cls,
        session_id: str,
        type_: str,
        payload: dict[str, Any],
        at: datetime,
        stream: str = "",
    ) -> _Pending:
        text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
        ref = payload.get("ref")
        ref = ref if isinstance(ref, str) else None
        stamp = at.isoformat()
        chain = pending_link(session_id, type_, stamp, text, ref, stream)
        return cls(session_id, type_, payload, at, stamp, text, ref, chain, stream)

    def stored(self, seq: int) -> StoredEvent:
        return StoredEvent(seq, self.type, self.at, self.payload, self.stream)


class Heartbeat(NamedTuple):
    at: datetime  # on the session's clock (for resuming)
    real_at: datetime  # on the wall (liveness)
    pid: int | None
    host: str | None
    process: str | None = None  # process_identity(pid) when it was written


def this_host() -> str:
    return socket.gethostname()


def process_identity(pid: int) -> str | None:
    """Tells a process apart from a later one given the same id: the machine's boot and the
    process's start time (Linux ``/proc``); None where they cannot be read."""
    try:
        with open("/proc/sys/kernel/random/boot_id", encoding="ascii") as boot:
            boot_id = boot.read().strip()
        with open(f"/proc/{pid}/stat", "rb") as stat:
            # after the command name (which may hold spaces): field 3 onwards; 22 is starttime
            fields = stat.read().rsplit(b")", 1)[-1].split()
        return f"{boot_id}/{int(fields[19])}"
    except (OSError, ValueError, IndexError):
        return None


@functools.cache
def this_process() -> str | None:
    return process_identity(os.getpid())


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


@dataclass(frozen=True)
class CopiedEvent:
    """An event with every column ``journal copy`` carries to another journal as it is
    (journal/copy.py): its place in the stream and its hash, which make it the same event
    there; ``seq`` is its place in the reading order of the journal it was read from."""

    seq: int
    stream: str
    position: int
    type: str
    at: str  # the time exactly as stored
    payload: str  # the stored JSON text
    ref: str | None
    hash: str | None

    def chain_row(self) -> ChainRow:
        return ChainRow(
            self.seq, self.type, self.at, self.payload, self.ref, self.hash, self.position
        )


class Delivery(NamedTuple):
    """How many unnamed entries an answers file (by its content's digest) has delivered."""

    stream: str
    prompt: str
    digest: str
    delivered: int


@dataclass(frozen=True)
class Merged:
    """What ``Journal.merge_session`` changed: the events written (with their new ``seq``),
    whether the session row was made or its status closed, the deliveries raised."""

    written: list[CopiedEvent]
    created: bool
    closed: bool
    deliveries: int


LOW_SPACE = 1_000_000  # bytes: below this, a refused write is a full disk


def _writable(folder: Path) -> bool:
    return os.access(folder, os.W_OK | os.X_OK)


def _low_space(folder: Path) -> bool:
    import shutil

    try:
        return shutil.disk_usage(folder).free < LOW_SPACE
    except OSError:
        return False


def journal_error(exc: sqlite3.Error, path: Path) -> JournalError:
    """What an SQLite failure means for the person at the keyboard."""
    name = str(getattr(exc, "sqlite_errorname", "") or "")
    text = str(exc)
    file, folder = str(path), path.parent
    if name == "SQLITE_FULL" or "disk is full" in text:
        return JournalError("journal.disk_full", file=file)
    if name.startswith("SQLITE_IOERR") or "disk I/O error" in text:
        # a refused write: a full disk, a file size limit, or a failing medium
        if _low_space(folder):
            return JournalError("journal.disk_full", file=file)
        return JournalError("journal.io_error", file=file)
    if name.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN")) or (
        "readonly" in text or "unable to open" in text
    ):
        if not _writable(folder):  # SQLite writes the -wal and -shm files beside the journal
            return JournalError("journal.read_only_folder", file=file, folder=str(folder))
        if name.startswith("SQLITE_READONLY") or "readonly" in text:
            return JournalError("journal.read_only", file=file)
        return JournalError("journal.cannot_open", file=file, reason=text)
    if name == "SQLITE_NOTADB" or "not a database" in text:
        return JournalError("journal.not_journal", file=file)
    if name.startswith("SQLITE_CORRUPT") or "malformed" in text:
        return JournalError("journal.damaged", file=file)
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text:
        return JournalError("journal.busy", file=file, seconds=BUSY_TIMEOUT_MS // 1000)
    return JournalError("journal.write_failed", file=file, reason=text)


def _owner_only(path: Path) -> None:
    """The journal and its companions (``-wal``, ``-shm``, ``-lock``) readable by their owner
    only, on every open: a journal made by another tool or an older version, or copied with
    looser permissions, holds names and answers.  SQLite gives new ``-wal`` and ``-shm`` files
    the journal's own mode.  What cannot be changed (not ours, a read-only medium) is left.

    By path, never by opening them: closing any descriptor of a database file drops every
    POSIX lock this process holds on it, SQLite's included, and another process could then
    checkpoint and delete the -wal under a live connection, whose later commits nobody else
    would ever see (sqlite.org/howtocorrupt.html, 2.2)."""
    companions = [path.with_name(path.name + end) for end in ("-wal", "-shm", "-lock")]
    # the journal may be a link the user made; its companions are SQLite's, never links
    for file, follow in ((path, True), *((c, False) for c in companions)):
        try:
            info = os.stat(file) if follow else os.lstat(file)
            if stat.S_ISREG(info.st_mode) and stat.S_IMODE(info.st_mode) != 0o600:
                os.chmod(file, 0o600)
        except OSError:
            continue


class Cursor(Protocol):
    """What the journal's SQL needs of a cursor, whichever the database: SQLite's own, or
    journal/postgres.py's, which speaks the same statements to PostgreSQL."""

    @property
    def rowcount(self) -> int: ...

    def execute(self, sql: str, parameters: Any = (), /) -> Any: ...

    def executemany(self, sql: str, parameters: Any, /) -> Any: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def close(self) -> None: ...


class Connection(Protocol):
    def execute(self, sql: str, parameters: Any = (), /) -> Cursor: ...

    def cursor(self) -> Cursor: ...

    def close(self) -> None: ...


P = ParamSpec("P")
R = TypeVar("R")
J = TypeVar("J", bound="Journal")


def _reading(
    method: Callable[Concatenate[J, P], R],
) -> Callable[Concatenate[J, P], R]:
    """Reads fail with a message too (a damaged file, a vanished folder), never a traceback."""

    @functools.wraps(method)
    def guarded(self: J, /, *args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(self, *args, **kwargs)
        except self.DRIVER_ERRORS as exc:
            raise self._error(exc) from None

    return guarded


class Journal:
    """One open journal file.  Each write is one short ``BEGIN IMMEDIATE`` transaction.

    Its public methods are the journal's storage interface: ``PostgresJournal``
    (journal/postgres.py) keeps them and the SQL, and changes only what is SQLite's own
    (opening, identity and version, migrations, the writers' turn, error messages)."""

    # what the driver raises, told to the user by _error
    DRIVER_ERRORS: tuple[type[Exception], ...] = (sqlite3.Error,)
    # True: wait_for_events/wait_for_news are woken by the server at each commit (PostgreSQL);
    # False: they only look again after a while, and readers keep their own pace (SQLite)
    wakes_readers = False

    def __init__(self, path: Path, db: Connection) -> None:
        self.path = path
        # what Journal.open takes to open this journal again (another thread, the web server)
        self.location: Path | str = path
        self._db = db
        self._turns: WriterQueue | None = None  # the writers' queue (see _turn)
        self._no_turns = fcntl is None

    def _error(self, exc: Exception) -> JournalError:
        assert isinstance(exc, sqlite3.Error)
        return journal_error(exc, self.path)

    # -- opening ---------------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path | str, *, create: bool = True) -> Journal:
        """The journal at ``path``: an SQLite file, or a PostgreSQL database given by its
        URL (``postgresql://…``, journal/postgres.py, psycopg imported only then)."""
        if is_postgres_url(path):
            from seminar_cli.journal.postgres import PostgresJournal

            return PostgresJournal.connect(str(path), create=create)
        path = Path(path)
        if path.is_dir():
            raise JournalError("journal.is_dir", file=str(path))
        if not path.exists():
            if not create:
                raise JournalError("journal.missing", file=str(path))
            cls._create_file(path)
        elif not path.is_file():  # /dev/null, a FIFO: SQLite would blame the disk
            raise JournalError("journal.not_a_file", file=str(path))
        _owner_only(path)
        try:
            db = sqlite3.connect(
                path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
            )
        except sqlite3.Error as exc:
            raise journal_error(exc, path) from None
        journal = cls(path, db)
        try:
            journal._configure()
        except sqlite3.Error as exc:
            db.close()
            raise journal_error(exc, path) from None
        except JournalError:
            db.close()
            raise
        return journal

    @classmethod
    def open_for_reading(cls, path: Path | str) -> Journal:
        """Open a journal only to read it, even where it cannot be written (a read-only folder
        or medium, an archive, a full disk where SQLite cannot create its -shm file): nothing
        is created or changed.  Writing through it fails with the same clear message as
        ``open`` would have given."""
        if is_postgres_url(path):  # the server says what may be written
            return cls.open(path, create=False)
        path = Path(path)
        try:
            return cls.open(path, create=False)
        except JournalError as error:
            unwritable = ("journal.read_only", "journal.read_only_folder")
            if error.key not in (*unwritable, "journal.disk_full", "journal.io_error"):
                raise
            refused = error
        from urllib.parse import quote

        wal = path.with_name(path.name + "-wal")
        # without a -wal file (or with the empty one a refused open leaves behind) nothing is
        # pending, and nobody can write here: immutable is safe, and needs no -shm file
        try:
            pending = wal.stat().st_size > 0
        except OSError:
            pending = False
        options = "mode=ro" if pending else "mode=ro&immutable=1"
        try:
            db = sqlite3.connect(
                f"file:{quote(str(path.resolve()))}?{options}",
                uri=True,
                timeout=BUSY_TIMEOUT_MS / 1000,
                isolation_level=None,
                check_same_thread=False,
            )
        except sqlite3.Error:
            raise refused from None
        journal = cls(path, db)
        try:
            journal._check_identity()
            if journal._check_version() != SCHEMA_VERSION:  # it would need a migration first
                raise refused
            db.execute("SELECT COUNT(*) FROM sessions").fetchone()
        except sqlite3.Error:
            db.close()
            raise refused from None
        except JournalError:
            db.close()
            raise
        return journal

    @staticmethod
    def _create_file(path: Path) -> None:
        """Create the file readable by its owner only, before SQLite ever touches it."""
        from seminar_cli.paths import make_private_folders

        try:
            make_private_folders(path.parent)
        except (FileExistsError, NotADirectoryError):
            raise JournalError("journal.not_a_folder", folder=str(path.parent)) from None
        except PermissionError:
            raise JournalError("journal.read_only_dir", folder=str(path.parent)) from None
        except OSError as exc:
            if exc.errno == errno.EROFS:
                raise JournalError("journal.read_only_dir", folder=str(path.parent)) from None
            raise JournalError("journal.cannot_open", file=str(path), reason=exc.strerror) from None
        try:
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
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        # what the file is, and which version, is checked before anything is changed in it:
        # another program's database or a newer journal is left exactly as it was
        self._check_identity()
        self._check_version()
        # the -wal and -shm files are created by SQLite with the main file's permissions
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")
        db.execute("PRAGMA foreign_keys = ON")
        # a pending anonymous answer, once written as an event, leaves no trace in free pages
        db.execute("PRAGMA secure_delete = ON")
        self._migrate()

    def _check_identity(self) -> None:
        app_id = self._db.execute("PRAGMA application_id").fetchone()[0]
        tables = {
            r[0]
            for r in self._db.execute(
                "SELECT name FROM sqlite_master WHERE type='table'"
            ).fetchall()
        }
        if app_id not in (0, APPLICATION_ID) or (app_id == 0 and tables - {"sqlite_sequence"}):
            raise JournalError("journal.not_journal", file=str(self.path))

    def _check_version(self) -> int:
        version = int(self._db.execute("PRAGMA user_version").fetchone()[0])
        if version > SCHEMA_VERSION:
            raise JournalError(
                "journal.newer", file=str(self.path), found=version, supported=SCHEMA_VERSION
            )
        return version

    @_reading
    def schema_version(self) -> int:
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self) -> None:
        db = self._db
        assert isinstance(db, sqlite3.Connection)  # PostgresJournal has its own migrations
        version = self._check_version()
        if version == SCHEMA_VERSION:
            return
        with self._write() as cur:
            version = self._check_version()  # another process may have migrated meanwhile
            if version == 0:
                self._check_identity()
                cur.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            for number in range(version, SCHEMA_VERSION):
                MIGRATIONS[number](db)
            cur.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        with contextlib.suppress(OSError):
            os.chmod(self.path, 0o600)

    @contextlib.contextmanager
    def _turn(self) -> Iterator[int | None]:
        """Writers wait their turn in a first-come, first-served queue (``turns.py``, on
        ``<journal>-lock``) before ``BEGIN IMMEDIATE``, at most the busy timeout.

        SQLite alone makes a waiting writer sleep longer and longer (up to 100 ms at a time)
        and the lock often sits free while everyone sleeps; a plain ``flock`` wakes whoever the
        kernel picks, so in a crowd some writers wait the whole burst.  The queue hands the
        turn to the next ticket.  SQLite's lock still guards the data: without the lock file
        (Windows, a folder where it cannot be created) writers simply rely on it.
        """
        if self._turns is None and not self._no_turns:
            try:
                fd = os.open(f"{self.path}-lock", os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
                with contextlib.suppress(OSError):  # one left by an older version
                    os.fchmod(fd, 0o600)
                self._turns = WriterQueue(fd)
            except OSError:
                self._no_turns = True
        if self._turns is None:
            yield None
            return
        try:
            with self._turns.turn(BUSY_TIMEOUT_MS / 1000) as ticket:
                yield ticket
        except Busy:  # raised only while waiting, never by the write itself
            raise JournalError(
                "journal.busy", file=str(self.path), seconds=BUSY_TIMEOUT_MS // 1000
            ) from None

    @contextlib.contextmanager
    def _write(self) -> Iterator[Cursor]:
        with self._turn() as ticket:
            cur = self._db.cursor()
            try:
                cur.execute("BEGIN IMMEDIATE")
                yield cur
                cur.execute("COMMIT")
            except BaseException as exc:
                with contextlib.suppress(sqlite3.Error):
                    cur.execute("ROLLBACK")
                if isinstance(exc, sqlite3.Error):
                    raise self._error(exc) from None
                raise
            finally:
                cur.close()
        if ticket is not None and ticket % CHECKPOINT_EVERY == CHECKPOINT_EVERY - 1:
            self._checkpoint()

    def _checkpoint(self) -> None:
        """Copy the log back into the journal, outside the writers' turn: PASSIVE waits for
        nobody (the writers go on meanwhile; what a reader still needs stays for the next).
        Durability is the same: a committed write is in the log before and after."""
        with contextlib.suppress(sqlite3.Error):  # busy, or a transaction of another thread
            self._db.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()

    def close(self) -> None:
        self._db.close()
        if self._turns is not None:
            self._turns.close()
            self._turns = None

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

    @_reading
    def sessions(self) -> list[SessionRow]:
        rows = self._db.execute(
            "SELECT id, created_at, title, agenda_name, agenda_json, language, rehearsal, status"
            " FROM sessions ORDER BY created_at DESC, id DESC"
        ).fetchall()
        return [_session_row(r) for r in rows]

    @_reading
    def session(self, session_id: str) -> SessionRow:
        row = self._db.execute(
            "SELECT id, created_at, title, agenda_name, agenda_json, language, rehearsal, status"
            " FROM sessions WHERE id = ?",
            (session_id,),
        ).fetchone()
        if row is None:
            raise SessionError("session.unknown", ref=session_id)
        return _session_row(row)

    @_reading
    def find_sessions(self, prefix: str, *, anywhere: bool = False) -> list[SessionRow]:
        """Sessions whose id starts with ``prefix`` (case-sensitive, unlike LIKE); with
        ``anywhere``, whose id holds it anywhere."""
        where = "instr(id, ?1) > 0" if anywhere else "substr(id, 1, length(?1)) = ?1"
        rows = self._db.execute(
            "SELECT id, created_at, title, agenda_name, agenda_json, language, rehearsal, status"
            f" FROM sessions WHERE {where}"
            " ORDER BY created_at DESC, id DESC",
            (prefix,),
        ).fetchall()
        return [_session_row(r) for r in rows]

    # -- events ----------------------------------------------------------------------------
    def append(
        self,
        session_id: str,
        type_: str,
        payload: dict[str, Any],
        at: datetime,
        *,
        stream: str = PLENARY,
    ) -> StoredEvent:
        """Append one event to a stream of the session (the plenary's by default).  An event
        whose ``ref`` is already recorded is not written again: the one already there is
        returned."""
        pending = _Pending.of(session_id, type_, payload, at, stream)
        with self._write() as cur:
            seq = self._insert_pending(cur, pending)
            if seq is None:
                row = cur.execute(
                    "SELECT seq, type, at, payload, stream FROM events"
                    " WHERE session_id = ? AND ref = ?",
                    (session_id, payload.get("ref")),
                ).fetchone()
        if seq is not None:
            return pending.stored(seq)
        return StoredEvent(
            row[0], row[1], datetime.fromisoformat(row[2]), json.loads(row[3]), row[4]
        )

    def append_many(
        self,
        session_id: str,
        events: list[tuple[str, dict[str, Any]]],
        at: datetime,
        *,
        stream: str = PLENARY,
    ) -> list[StoredEvent]:
        """Append several events in one transaction, all at the same moment: all or none."""
        pendings = [
            _Pending.of(session_id, type_, payload, at, stream) for type_, payload in events
        ]
        inserted: list[tuple[_Pending, int]] = []
        with self._write() as cur:
            for pending in pendings:
                seq = self._insert_pending(cur, pending)
                if seq is not None:
                    inserted.append((pending, seq))
        return [pending.stored(seq) for pending, seq in inserted]

    @staticmethod
    def _insert(
        cur: Cursor,
        session_id: str,
        type_: str,
        payload: dict[str, Any],
        at: datetime,
        stream: str = PLENARY,
    ) -> StoredEvent | None:
        """Insert inside the caller's transaction; None when its ref is already recorded."""
        pending = _Pending.of(session_id, type_, payload, at, stream)
        seq = Journal._insert_pending(cur, pending)
        return None if seq is None else pending.stored(seq)

    @staticmethod
    def _insert_pending(cur: Cursor, pending: _Pending) -> int | None:
        """Insert a prepared event inside the caller's transaction (the writers' turn): its
        position; None when its ref is already recorded.  Only what depends on the journal is
        done here (the position, the previous hash); the event was encoded before the turn.

        Closing a prompt (or the session) first writes the anonymous answers still pending for
        it, in the same transaction: a closed prompt never holds an unwritten answer.

        The position in the journal (``seq``) follows the session's last event, whatever its
        stream; the position in the stream and the previous hash, the stream's last event."""
        session_id, type_, stream = pending.session_id, pending.type, pending.stream
        if type_ == PROMPT_CLOSED:
            Journal._flush_anonymous(
                cur, session_id, pending.at, str(pending.payload.get("prompt")), stream
            )
        elif type_ == CLOSING_EVENT:
            Journal._flush_anonymous(cur, session_id, pending.at, None, stream)
        # read inside the write transaction: the chain follows the committed event, whoever
        # wrote it
        last_seq = cur.execute(
            "SELECT MAX(seq) FROM events WHERE session_id = ?", (session_id,)
        ).fetchone()
        seq = int(last_seq[0]) + 1 if last_seq and last_seq[0] is not None else 1
        last = cur.execute(
            "SELECT position, hash FROM events WHERE session_id = ? AND stream = ?"
            " ORDER BY position DESC LIMIT 1",
            (session_id, stream),
        ).fetchone()
        position = int(last[0]) + 1 if last else 1
        previous = (last[1] if last else None) or GENESIS
        cur.execute(
            "INSERT OR IGNORE INTO events"
            " (session_id, seq, type, at, payload, ref, hash, stream, position)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                session_id,
                seq,
                type_,
                pending.stamp,
                pending.text,
                pending.ref,
                link(previous, pending.link.canonical(position)),
                stream,
                position,
            ),
        )
        if cur.rowcount != 1:
            return None
        if type_ == CLOSING_EVENT:  # in the same transaction: a kill -9 cannot split them
            cur.execute("UPDATE sessions SET status = 'closed' WHERE id = ?", (session_id,))
            cur.execute("DELETE FROM heartbeats WHERE session_id = ?", (session_id,))
        return seq

    def append_if(
        self,
        session_id: str,
        type_: str,
        payload: dict[str, Any],
        at: datetime,
        *,
        after_seq: int,
        accept: Callable[[list[StoredEvent]], bool],
        watch: Collection[str] | None = None,
        stream: str = PLENARY,
    ) -> StoredEvent | None:
        """Append only if ``accept`` agrees, given the events of ``stream`` written since
        ``after_seq`` (only those of the ``watch`` types, when given: a short lock however
        busy it is).

        The check and the write are one transaction: no other process can close a prompt in
        between, and a ``ref`` already recorded is refused too (``None``, nothing written).
        """
        pending = _Pending.of(session_id, type_, payload, at, stream)
        with self._write() as cur:
            fresh = self._read_events(cur, session_id, after_seq, watch, {PLENARY, stream})
            if not accept(fresh):
                return None
            seq = self._insert_pending(cur, pending)
        return None if seq is None else pending.stored(seq)

    # -- anonymous answers: sealed, then written in shuffled batches (docs/architecture.md) --
    def append_anonymous(
        self,
        session_id: str,
        prompt: str,
        value: Any,
        participant: str | None,
        *,
        after_seq: int,
        accept: Callable[[list[StoredEvent]], bool],
        holder_alive: Callable[[Heartbeat], bool],
        watch: Collection[str] | None = None,
        stream: str = PLENARY,
    ) -> AnonymousOutcome:
        """Hold an anonymous answer, sealed to the key of the process that runs the session,
        until that process draws it into a batch or closes its prompt.

        ``participant`` (when the answerer is known) is kept apart, with no value and no
        order, so that the same person cannot answer twice; it is sealed with the value too,
        so that the batch writes the matching ``answer_marked`` event.  Checked like
        ``append_if``: ``accept`` sees what was written since ``after_seq`` (is the prompt
        still open?), and the key is read in the same transaction, so a runner that claims the
        session meanwhile (and voids what was sealed to the dead one's key) is never missed.
        ``holder_alive``: is the process that published the key still running?  AnswerError
        (from sealing) when the answer is too long to be sealed.
        """
        from seminar_cli.journal import sealing

        padded = sealing.plaintext(participant, value)
        with self._write() as cur:
            fresh = self._read_events(cur, session_id, after_seq, watch, {PLENARY, stream})
            if not accept(fresh):
                return AnonymousOutcome.closed
            holder = self._key_holder(cur, session_id, stream)
            if holder is None or not holder_alive(holder[1]):
                return AnonymousOutcome.no_holder
            if participant is not None:
                if self._has_voted(cur, session_id, prompt, participant):
                    return AnonymousOutcome.already
                cur.execute(
                    "INSERT INTO anonymous_voters (session_id, prompt, participant, stream)"
                    " VALUES (?, ?, ?, ?)",
                    (session_id, prompt, participant, stream),
                )
            cur.execute(
                "INSERT INTO anonymous_pool (id, session_id, prompt, value, stream)"
                " VALUES (?, ?, ?, ?, ?)",
                (
                    secrets.token_bytes(16),
                    session_id,
                    prompt,
                    sealing.seal(holder[0], padded),
                    stream,
                ),
            )
        return AnonymousOutcome.pending

    @staticmethod
    def _key_holder(
        cur: Cursor, session_id: str, stream: str = PLENARY
    ) -> tuple[bytes, Heartbeat] | None:
        """The stream's published public key, and who published it (as a heartbeat)."""
        row = cur.execute(
            "SELECT public_key, published_at, pid, host, process FROM anonymous_keys"
            " WHERE session_id = ? AND stream = ?",
            (session_id, stream),
        ).fetchone()
        if row is None:
            return None
        published = datetime.fromisoformat(row[1])
        return bytes(row[0]), Heartbeat(published, published, row[2], row[3], row[4])

    @staticmethod
    def _publish_key(
        cur: Cursor, session_id: str, public_key: bytes, at: datetime, stream: str = PLENARY
    ) -> None:
        """Publish this process's key for the stream and void what was sealed to the old
        one (its private half died with its process), saying per prompt how many, with no
        value and no name: those who had answered may answer again."""
        where = "session_id = ? AND stream = ?"
        voided = cur.execute(
            f"SELECT prompt, COUNT(*) FROM anonymous_pool WHERE {where}"
            " GROUP BY prompt ORDER BY prompt",
            (session_id, stream),
        ).fetchall()
        cur.execute(f"DELETE FROM anonymous_pool WHERE {where}", (session_id, stream))
        cur.execute(f"DELETE FROM anonymous_voters WHERE {where}", (session_id, stream))
        for prompt, count in voided:
            payload = {"prompt": prompt, "count": count}
            Journal._insert(cur, session_id, "anonymous_voided", payload, at, stream)
        cur.execute(
            "INSERT INTO anonymous_keys"
            " (session_id, public_key, published_at, pid, host, process, stream)"
            " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(session_id, stream) DO UPDATE SET"
            " public_key = excluded.public_key, published_at = excluded.published_at,"
            " pid = excluded.pid, host = excluded.host, process = excluded.process",
            (
                session_id,
                public_key,
                datetime.now().astimezone().isoformat(),
                os.getpid(),
                this_host(),
                this_process(),
                stream,
            ),
        )

    def publish_key(
        self, session_id: str, public_key: bytes, at: datetime, *, stream: str = PLENARY
    ) -> None:
        """Hold the stream's anonymous answers from now on (a new session's runner)."""
        with self._write() as cur:
            self._publish_key(cur, session_id, public_key, at, stream)

    def drain_anonymous(
        self, session_id: str, at: datetime, *, stopping: bool = False, stream: str = PLENARY
    ) -> int:
        """The runner's part: while ten or more anonymous answers wait for a prompt, five
        drawn at random are written, shuffled, with their markers, at one moment.  Only with
        the session's key held here; how many answers were written.

        ``stopping``: the runner is about to stop (quit, Ctrl-C, a signal) and its key with
        it: every prompt's waiting answers are written now as one batch if they are five or
        more; fewer stay sealed, to be voided when the session is claimed again."""
        from seminar_cli.journal import sealing

        least = ANONYMOUS_BATCH if stopping else 2 * ANONYMOUS_BATCH
        ripe = self._db.execute(
            "SELECT prompt FROM anonymous_pool WHERE session_id = ? AND stream = ?"
            " GROUP BY prompt HAVING COUNT(*) >= ?",
            (session_id, stream, least),
        ).fetchall()
        if not ripe:  # the usual case: one read, no write lock
            return 0
        written = 0
        with self._write() as cur:
            holder = self._key_holder(cur, session_id, stream)
            if holder is None or not sealing.holds(holder[0]):
                return 0
            for (prompt,) in ripe:
                if stopping:
                    written += self._write_all(cur, session_id, at, prompt, holder[0], stream)
                else:
                    written += self._write_batch(cur, session_id, at, prompt, holder[0], stream)
        return written

    @staticmethod
    def _write_all(
        cur: Cursor, session_id: str, at: datetime, prompt: str, key: bytes, stream: str
    ) -> int:
        """Every answer waiting for ``prompt`` as one batch, when they are five or more."""
        from seminar_cli.journal import sealing

        rows = cur.execute(
            "SELECT id, value FROM anonymous_pool"
            " WHERE session_id = ? AND stream = ? AND prompt = ?",
            (session_id, stream, prompt),
        ).fetchall()
        if len(rows) < ANONYMOUS_BATCH:
            return 0
        opened = [sealing.open_sealed(key, bytes(sealed)) for _id, sealed in rows]
        Journal._write_opened(cur, session_id, at, prompt, opened, stream)
        cur.executemany("DELETE FROM anonymous_pool WHERE id = ?", [(i,) for i, _v in rows])
        return len(rows)

    @_reading
    def has_voted(self, session_id: str, prompt: str, participant: str) -> bool:
        """Whether this person's anonymous answer is in, written or still pending."""
        return self._has_voted(self._db.cursor(), session_id, prompt, participant)

    @staticmethod
    def _has_voted(cur: Cursor, session_id: str, prompt: str, participant: str) -> bool:
        pending = cur.execute(
            "SELECT 1 FROM anonymous_voters"
            " WHERE session_id = ? AND prompt = ? AND participant = ?",
            (session_id, prompt, participant),
        ).fetchone()
        if pending is not None:
            return True
        marked = cur.execute(
            "SELECT 1 FROM events INDEXED BY events_by_type WHERE session_id = ?"
            " AND type = 'answer_marked' AND json_extract(payload, '$.prompt') = ?"
            " AND json_extract(payload, '$.participant') = ?",
            (session_id, prompt, participant),
        ).fetchone()
        return marked is not None

    @_reading
    def pending_anonymous(self, session_id: str, prompt: str, stream: str = PLENARY) -> int:
        """How many anonymous answers to ``prompt`` wait for their batch (a count, no more)."""
        row = self._db.execute(
            "SELECT COUNT(*) FROM anonymous_pool"
            " WHERE session_id = ? AND stream = ? AND prompt = ?",
            (session_id, stream, prompt),
        ).fetchone()
        return int(row[0])

    @staticmethod
    def _write_batch(
        cur: Cursor, session_id: str, at: datetime, prompt: str, key: bytes, stream: str
    ) -> int:
        """While ten or more wait: five of them, drawn at random, written shuffled at one
        moment with their markers (also shuffled); the others wait for the next batch or the
        close.  How many answers were written."""
        from seminar_cli.journal import sealing

        rows = cur.execute(
            "SELECT id, value FROM anonymous_pool"
            " WHERE session_id = ? AND stream = ? AND prompt = ?",
            (session_id, stream, prompt),
        ).fetchall()
        written = 0
        while len(rows) >= 2 * ANONYMOUS_BATCH:
            batch = _SHUFFLE.sample(rows, ANONYMOUS_BATCH)
            rows = [row for row in rows if row not in batch]
            opened = [sealing.open_sealed(key, bytes(sealed)) for _id, sealed in batch]
            Journal._write_opened(cur, session_id, at, prompt, opened, stream)
            cur.executemany("DELETE FROM anonymous_pool WHERE id = ?", [(i,) for i, _v in batch])
            written += len(batch)
        return written

    @staticmethod
    def _write_opened(
        cur: Cursor,
        session_id: str,
        at: datetime,
        prompt: str,
        opened: list[tuple[str | None, str]],
        stream: str = PLENARY,
    ) -> None:
        """Opened answers (participant, value) as their events: the values, then the marks of
        who answered, each shuffled, all at ``at``; their voters' rows are gone after."""
        answers = [("answer_given", _answer_payload(prompt, value)) for _p, value in opened]
        voters = [p for p, _v in opened if p is not None]
        marks = [("answer_marked", {"prompt": prompt, "participant": p}) for p in voters]
        _SHUFFLE.shuffle(answers)
        _SHUFFLE.shuffle(marks)
        for type_, payload in answers + marks:
            Journal._insert(cur, session_id, type_, payload, at, stream)
        cur.executemany(
            "DELETE FROM anonymous_voters WHERE session_id = ? AND prompt = ? AND participant = ?",
            [(session_id, prompt, p) for p in voters],
        )

    @staticmethod
    def _flush_anonymous(
        cur: Cursor, session_id: str, at: datetime, prompt: str | None, stream: str = PLENARY
    ) -> None:
        """At a prompt's close (``prompt``) or the stream's end (None): every anonymous answer
        still waiting and the marks of who answered, each shuffled, all at one moment.  Only
        the process holding the stream's key can open them: SessionError elsewhere."""
        from seminar_cli.journal import sealing

        where, args = "session_id = ? AND stream = ?", [session_id, stream]
        if prompt is not None:
            where, args = f"{where} AND prompt = ?", [session_id, stream, prompt]
        rows = cur.execute(f"SELECT prompt, value FROM anonymous_pool WHERE {where}", args)
        by_prompt: dict[str, list[tuple[str | None, str]]] = {}
        sealed = rows.fetchall()
        if sealed:
            holder = Journal._key_holder(cur, session_id, stream)
            if holder is None or not sealing.holds(holder[0]):
                raise SessionError("anonymous.not_holder", id=session_id)
            for prompt_id, value in sealed:
                by_prompt.setdefault(prompt_id, []).append(
                    sealing.open_sealed(holder[0], bytes(value))
                )
        for prompt_id, opened in sorted(by_prompt.items()):
            Journal._write_opened(cur, session_id, at, prompt_id, opened, stream)
        cur.execute(f"DELETE FROM anonymous_pool WHERE {where}", args)
        # a marker whose answer was not sealed (none should remain): kept as "has answered"
        leftover = cur.execute(
            f"SELECT prompt, participant FROM anonymous_voters WHERE {where}", args
        ).fetchall()
        for prompt_id, participant in leftover:
            payload = {"prompt": prompt_id, "participant": participant}
            Journal._insert(cur, session_id, "answer_marked", payload, at, stream)
        cur.execute(f"DELETE FROM anonymous_voters WHERE {where}", args)

    # -- answers files: unnamed entries are delivered once per file content ------------------
    def deliver_unnamed(
        self,
        session_id: str,
        prompt: str,
        digest: str,
        payloads: list[dict[str, Any]],
        at: datetime,
        *,
        shuffle: bool,
        stream: str = PLENARY,
    ) -> list[StoredEvent]:
        """Write the entries of an answers file (by its content's ``digest``) not delivered yet
        for ``prompt``, and count them delivered, in one transaction at one moment.  The same
        file given again writes nothing; another file's entries are all written."""
        with self._write() as cur:
            row = cur.execute(
                "SELECT delivered FROM file_deliveries"
                " WHERE session_id = ? AND stream = ? AND prompt = ? AND digest = ?",
                (session_id, stream, prompt, digest),
            ).fetchone()
            done = int(row[0]) if row else 0
            todo = list(payloads[done:])
            if not todo:
                return []
            if shuffle:
                _SHUFFLE.shuffle(todo)
            written = [
                event
                for payload in todo
                if (event := self._insert(cur, session_id, "answer_given", payload, at, stream))
            ]
            cur.execute(
                "INSERT INTO file_deliveries (session_id, stream, prompt, digest, delivered)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT(session_id, stream, prompt, digest)"
                " DO UPDATE SET delivered = excluded.delivered",
                (session_id, stream, prompt, digest, len(payloads)),
            )
        return written

    @_reading
    def events(
        self,
        session_id: str,
        after_seq: int = 0,
        streams: Collection[str] | None = (PLENARY,),
    ) -> list[StoredEvent]:
        """The session's events after ``after_seq``, in the journal's order, of ``streams``
        (the plenary's by default; None: every stream)."""
        return self._read_events(self._db.cursor(), session_id, after_seq, None, streams)

    @staticmethod
    def _read_events(
        cur: Cursor,
        session_id: str,
        after_seq: int,
        types: Collection[str] | None = None,
        streams: Collection[str] | None = (PLENARY,),
    ) -> list[StoredEvent]:
        where, args = "session_id = ? AND seq > ?", [session_id, after_seq]
        if streams is not None:
            where += f" AND stream IN ({', '.join('?' for _ in streams)})"
            args += list(streams)
        if types is None:
            rows = cur.execute(
                f"SELECT seq, type, at, payload, stream FROM events WHERE {where} ORDER BY seq",
                args,
            ).fetchall()
        else:
            marks = ", ".join("?" for _ in types)
            # by type first: a few prompt events among thousands of answers are found at once
            rows = cur.execute(
                "SELECT seq, type, at, payload, stream FROM events INDEXED BY events_by_type"
                f" WHERE {where} AND type IN ({marks}) ORDER BY seq",
                (*args, *types),
            ).fetchall()
        return [
            StoredEvent(r[0], r[1], datetime.fromisoformat(r[2]), json.loads(r[3]), r[4])
            for r in rows
        ]

    @_reading
    def streams(self, session_id: str) -> list[str]:
        """The session's streams that hold events: the plenary's ('') first, then the
        workshops' in order of their ids."""
        rows = self._db.execute(
            "SELECT DISTINCT stream FROM events WHERE session_id = ? ORDER BY stream",
            (session_id,),
        ).fetchall()
        return [str(row[0]) for row in rows]

    @_reading
    def chain(self, session_id: str, stream: str = PLENARY) -> list[ChainRow]:
        """Every event of one of the session's streams as the hash chain covers it, in the
        journal's reading order (``check_chain`` checks it is the stream's order too)."""
        rows = self._db.execute(
            "SELECT seq, type, at, payload, ref, hash, position FROM events"
            " WHERE session_id = ? AND stream = ? ORDER BY seq",
            (session_id, stream),
        ).fetchall()
        return [ChainRow(*row) for row in rows]

    # -- copying sessions between journals (journal/copy.py decides, this reads and writes) --
    @_reading
    def copied_events(self, session_id: str) -> list[CopiedEvent]:
        """Every event of the session, every stream, in the journal's reading order, with all
        that a copy carries (one statement: one consistent reading while others write)."""
        return self._copied_events(self._db.cursor(), session_id)

    @staticmethod
    def _copied_events(cur: Cursor, session_id: str) -> list[CopiedEvent]:
        rows = cur.execute(
            "SELECT seq, stream, position, type, at, payload, ref, hash FROM events"
            " WHERE session_id = ? ORDER BY seq",
            (session_id,),
        ).fetchall()
        return [CopiedEvent(*row) for row in rows]

    @_reading
    def deliveries(self, session_id: str) -> list[Delivery]:
        """What the answers files have delivered to the session (``deliver_unnamed``)."""
        rows = self._db.execute(
            "SELECT stream, prompt, digest, delivered FROM file_deliveries WHERE session_id = ?"
            " ORDER BY stream, prompt, digest",
            (session_id,),
        ).fetchall()
        return [Delivery(str(r[0]), str(r[1]), str(r[2]), int(r[3])) for r in rows]

    @_reading
    def waiting_anonymous(self, session_id: str) -> int:
        """How many anonymous answers wait, sealed, for their batch in any of the session's
        streams (a count: a copy leaves them behind, and says so)."""
        row = self._db.execute(
            "SELECT COUNT(*) FROM anonymous_pool WHERE session_id = ?", (session_id,)
        ).fetchone()
        return int(row[0])

    def merge_session(
        self,
        row: SessionRow,
        deliveries: list[Delivery],
        missing: Callable[[SessionRow | None, list[CopiedEvent]], list[CopiedEvent]],
    ) -> Merged:
        """Bring another journal's session ``row`` into this one, in one transaction under
        the writers' turn: ``missing`` is given this journal's row of the session (None:
        absent) and its events, read inside the transaction, and returns the events to
        append, in order, or raises (a divergence: nothing is written).  The events keep
        their stream, position, type, time, payload, ref and hash; each takes the next
        ``seq`` here.  The row is made when absent, closed when ``row`` is; each delivery
        count becomes the larger of the two.  Nothing else (heartbeats, join codes, tokens,
        keys, the anonymous pool) belongs to the session's record."""
        with self._write() as cur:
            found = cur.execute(
                "SELECT id, created_at, title, agenda_name, agenda_json, language, rehearsal,"
                " status FROM sessions WHERE id = ?",
                (row.id,),
            ).fetchone()
            here = None if found is None else _session_row(found)
            held = self._copied_events(cur, row.id)
            todo = missing(here, held)
            if here is None:
                cur.execute(
                    "INSERT INTO sessions (id, created_at, title, agenda_name, agenda_json,"
                    " language, rehearsal, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        row.id,
                        row.created_at.isoformat(),
                        row.title,
                        row.agenda_name,
                        row.agenda_json,
                        row.language,
                        int(row.rehearsal),
                        row.status,
                    ),
                )
            closing = here is not None and row.status == "closed" and here.status != "closed"
            if closing:
                cur.execute("UPDATE sessions SET status = 'closed' WHERE id = ?", (row.id,))
            seq = held[-1].seq if held else 0
            written: list[CopiedEvent] = []
            for event in todo:
                seq += 1
                cur.execute(
                    "INSERT INTO events"
                    " (session_id, seq, type, at, payload, ref, hash, stream, position)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        row.id,
                        seq,
                        event.type,
                        event.at,
                        event.payload,
                        event.ref,
                        event.hash,
                        event.stream,
                        event.position,
                    ),
                )
                written.append(replace(event, seq=seq))
            raised = 0
            for delivery in deliveries:
                count = cur.execute(
                    "SELECT delivered FROM file_deliveries"
                    " WHERE session_id = ? AND stream = ? AND prompt = ? AND digest = ?",
                    (row.id, delivery.stream, delivery.prompt, delivery.digest),
                ).fetchone()
                if count is not None and int(count[0]) >= delivery.delivered:
                    continue
                cur.execute(
                    "INSERT INTO file_deliveries (session_id, stream, prompt, digest, delivered)"
                    " VALUES (?, ?, ?, ?, ?) ON CONFLICT(session_id, stream, prompt, digest)"
                    " DO UPDATE SET delivered = excluded.delivered",
                    (row.id, delivery.stream, delivery.prompt, delivery.digest, delivery.delivered),
                )
                raised += 1
        return Merged(written, here is None, closing, raised)

    @_reading
    def hash_at(self, session_id: str, seq: int) -> str | None:
        """The chain's hash at the event in position ``seq`` (None: no such event)."""
        row = self._db.execute(
            "SELECT hash FROM events WHERE session_id = ? AND seq = ?", (session_id, seq)
        ).fetchone()
        return None if row is None else row[0]

    @_reading
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

    def wait_for_events(
        self, session_id: str, after_seq: int, timeout: float, *, poll: float = 0.1
    ) -> bool:
        """Wait until the session holds an event after ``after_seq`` (True), at most
        ``timeout`` seconds (False).  On SQLite it looks every ``poll`` seconds; on PostgreSQL
        the server wakes it when such an event is committed (LISTEN/NOTIFY)."""
        import time

        deadline = time.monotonic() + timeout
        while self.last_seq(session_id) <= after_seq:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return False
            time.sleep(min(poll, remaining))
        return True

    def wait_for_news(self, timeout: float) -> None:
        """Wait for any session's next event, at most ``timeout`` seconds (a new session's
        first one, for whoever waits for a session to open).  On SQLite it simply waits
        ``timeout``; on PostgreSQL it is back as soon as such an event is committed."""
        import time

        time.sleep(timeout)

    @_reading
    def last_seq(self, session_id: str) -> int:
        row = self._db.execute(
            "SELECT COALESCE(MAX(seq), 0) FROM events WHERE session_id = ?", (session_id,)
        ).fetchone()
        return int(row[0])

    # -- phones in the room: join codes and tokens (only their SHA-256) ---------------------
    def join_code(
        self,
        session_id: str,
        wanted: str | None,
        make: Callable[[], str],
        *,
        stream: str = PLENARY,
    ) -> str:
        """The stream's join code (each workshop has its own): ``wanted`` when given (it
        replaces the old one), else the one already stored (the QR codes already shown stay
        valid), else a new ``make()``."""
        with self._write() as cur:
            row = cur.execute(
                "SELECT code FROM join_codes WHERE session_id = ? AND stream = ?",
                (session_id, stream),
            ).fetchone()
            if wanted is None and row is not None:
                return str(row[0])
            code = wanted if wanted is not None else make()
            cur.execute(
                "INSERT INTO join_codes (session_id, stream, code) VALUES (?, ?, ?)"
                " ON CONFLICT(session_id, stream) DO UPDATE SET code = excluded.code",
                (session_id, stream, code),
            )
        return code

    def add_token(
        self,
        session_id: str,
        token_hash: str,
        participant: str,
        key: str,
        *,
        keep: str | None,
        stream: str = PLENARY,
    ) -> str | None:
        """Give ``participant`` (folded ``key``) a token, unless another token holds the name:
        then the holder's spelling is returned and nothing is written.  ``keep``: the hash of
        the asking phone's own token, which may hold the name already (a phone joining again)."""
        with self._write() as cur:
            row = cur.execute(
                "SELECT participant FROM web_tokens WHERE session_id = ? AND stream = ?"
                " AND participant_key = ? AND token_hash IS NOT ?",
                (session_id, stream, key, keep),
            ).fetchone()
            if row is not None:
                return str(row[0])
            cur.execute(
                "INSERT INTO web_tokens"
                " (token_hash, session_id, participant, participant_key, stream)"
                " VALUES (?, ?, ?, ?, ?)",
                (token_hash, session_id, participant, key, stream),
            )
        return None

    @_reading
    def token_holder(
        self, session_id: str, token_hash: str, stream: str = PLENARY
    ) -> tuple[str, str] | None:
        """The participant a token was given to and the folded key it holds the name by."""
        row = self._db.execute(
            "SELECT participant, participant_key FROM web_tokens"
            " WHERE session_id = ? AND stream = ? AND token_hash = ?",
            (session_id, stream, token_hash),
        ).fetchone()
        return None if row is None else (str(row[0]), str(row[1]))

    @_reading
    def token_participant(
        self, session_id: str, token_hash: str, stream: str = PLENARY
    ) -> str | None:
        row = self._db.execute(
            "SELECT participant FROM web_tokens"
            " WHERE session_id = ? AND stream = ? AND token_hash = ?",
            (session_id, stream, token_hash),
        ).fetchone()
        return None if row is None else str(row[0])

    def free_tokens(self, session_id: str, key: str, stream: str = PLENARY) -> int:
        """Forget every token of the participant whose folded name is ``key``: how many."""
        with self._write() as cur:
            cur.execute(
                "DELETE FROM web_tokens WHERE session_id = ? AND stream = ?"
                " AND participant_key = ?",
                (session_id, stream, key),
            )
            return int(cur.rowcount)

    # -- heartbeats: when did a running session last show signs of life --------------------
    def heartbeat(
        self, session_id: str, at: datetime, real_at: datetime, *, stream: str = PLENARY
    ) -> None:
        """``at`` on the session's clock (for resuming), ``real_at`` on the wall (liveness)."""
        with self._write() as cur:
            self._beat(cur, session_id, at, real_at, stream)

    def claim(
        self,
        session_id: str,
        at: datetime,
        real_at: datetime,
        alive: Callable[[Heartbeat], bool],
        public_key: bytes | None = None,
        now: datetime | None = None,
        *,
        stream: str = PLENARY,
    ) -> Heartbeat | None:
        """Become the runner of the session's ``stream`` (a workshop's, or the plenary's),
        unless another live one holds it (then returned).

        One transaction, so two ``seminar resume`` started together cannot both win.  With
        ``public_key``, the runner's key for anonymous answers is published in it too, and what
        was sealed to the previous runner's key is voided (``_publish_key``), at ``now`` on the
        session's clock (``at`` may be a dead runner's last sign of life).
        """
        with self._write() as cur:
            held = self._read_heartbeat(cur, session_id, stream)
            mine = (
                held is not None
                and held.pid == os.getpid()
                and held.host == this_host()
                and held.process in (None, this_process())
            )
            if held is not None and not mine and alive(held):
                return held
            self._beat(cur, session_id, at, real_at, stream)
            if public_key is not None:
                self._publish_key(cur, session_id, public_key, now or at, stream)
        return None

    @staticmethod
    def _beat(
        cur: Cursor, session_id: str, at: datetime, real_at: datetime, stream: str = PLENARY
    ) -> None:
        cur.execute(
            "INSERT INTO heartbeats (session_id, at, real_at, pid, host, process, stream)"
            " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(session_id, stream) DO UPDATE SET"
            " at = excluded.at, real_at = excluded.real_at, pid = excluded.pid,"
            " host = excluded.host, process = excluded.process",
            (
                session_id,
                at.isoformat(),
                real_at.isoformat(),
                os.getpid(),
                this_host(),
                this_process(),
                stream,
            ),
        )

    def clear_heartbeat(self, session_id: str, *, stream: str = PLENARY) -> None:
        with self._write() as cur:
            cur.execute(
                "DELETE FROM heartbeats WHERE session_id = ? AND stream = ?", (session_id, stream)
            )

    @_reading
    def last_heartbeat(self, session_id: str, stream: str = PLENARY) -> Heartbeat | None:
        """The last sign of life of a stream's runner: (session-clock time, wall time, …)."""
        return self._read_heartbeat(self._db.cursor(), session_id, stream)

    @staticmethod
    def _read_heartbeat(cur: Cursor, session_id: str, stream: str = PLENARY) -> Heartbeat | None:
        row = cur.execute(
            "SELECT at, real_at, pid, host, process FROM heartbeats"
            " WHERE session_id = ? AND stream = ?",
            (session_id, stream),
        ).fetchone()
        if row is None:
            return None
        return Heartbeat(
            datetime.fromisoformat(row[0]), datetime.fromisoformat(row[1]), row[2], row[3], row[4]
        )


def _answer_payload(prompt: str, stored: str) -> dict[str, Any]:
    """An answer event's payload from a pending value (JSON text), as the event models store
    it: no "value" key for a prompt asked and left unanswered."""
    value = json.loads(stored)
    return {"prompt": prompt} if value is None else {"prompt": prompt, "value": value}


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
