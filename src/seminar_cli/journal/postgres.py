"""The journal on PostgreSQL (``--db postgresql://…``): the same tables, events, hash chain,
unique answer references, anonymous pool and keys as the SQLite journal (store.py), for
workshops run on several laptops (PRODUCT §8).

``PostgresJournal`` keeps ``Journal``'s methods and their SQL: a cursor adapter turns the few
SQLite idioms they use into PostgreSQL's (``?`` placeholders, ``INSERT OR IGNORE``,
``json_extract``, ``INDEXED BY``).  What differs is here: connecting, telling our database
from another program's (the ``seminar_journal`` table instead of SQLite's application id),
the migrations' DDL (same numbers as store.py's), the writers' turn (a transaction-level
advisory lock: every write waits for the previous one's commit, so positions are given in
commit order and a reader following them never skips a late commit), and the messages for a
server that is down, a refused password, a missing database.

Imported only when a ``postgresql://`` journal is opened: psycopg is the ``postgres`` extra.
"""

from __future__ import annotations

import contextlib
import functools
import re
import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from seminar_cli.errors import JournalError
from seminar_cli.journal.store import (
    APPLICATION_ID,
    SCHEMA_VERSION,
    Cursor,
    Journal,
    SessionRow,
    _reading,
    _session_row,
)
from seminar_cli.paths import shown_location

if TYPE_CHECKING:
    import psycopg

CONNECT_TIMEOUT_S = 10
# every write takes this lock for its transaction (journal-wide, as SQLite's write lock is)
WRITERS_LOCK = APPLICATION_ID


def redacted(url: str) -> str:
    """The URL as the user may see it: never its password."""
    return shown_location(url)


@functools.cache
def to_postgres(sql: str) -> str:
    """One of the journal's SQLite statements as PostgreSQL's (store.py writes only these)."""
    sql = sql.replace(" INDEXED BY events_by_type", "")
    sql = re.sub(r"json_extract\(payload, '\$\.(\w+)'\)", r"(payload::jsonb ->> '\1')", sql)
    sql = sql.replace("IS NOT ?", "IS DISTINCT FROM ?")
    if sql.startswith("INSERT OR IGNORE INTO"):
        sql = "INSERT INTO" + sql.removeprefix("INSERT OR IGNORE INTO") + " ON CONFLICT DO NOTHING"
    return sql.replace("%", "%%").replace("?", "%s")


class _PgCursor:
    """A psycopg cursor that takes the journal's SQLite statements."""

    def __init__(self, cursor: psycopg.Cursor[Any], lock: threading.RLock) -> None:
        self._cursor = cursor
        self._lock = lock

    @property
    def rowcount(self) -> int:
        return int(self._cursor.rowcount)

    def execute(self, sql: str, parameters: Any = (), /) -> _PgCursor:
        with self._lock:
            self._cursor.execute(to_postgres(sql), tuple(parameters))
        return self

    def executemany(self, sql: str, parameters: Any, /) -> _PgCursor:
        with self._lock:
            self._cursor.executemany(to_postgres(sql), [tuple(p) for p in parameters])
        return self

    def fetchone(self) -> Any:
        return self._cursor.fetchone()

    def fetchall(self) -> list[Any]:
        return list(self._cursor.fetchall())

    def close(self) -> None:
        self._cursor.close()


class _PgConnection:
    """The connection as store.py's reads use it; a thread's statement waits while another
    thread of this process holds a write transaction on it (``lock``)."""

    def __init__(self, connection: psycopg.Connection[Any]) -> None:
        self.raw = connection
        self.lock = threading.RLock()

    def cursor(self) -> _PgCursor:
        return _PgCursor(self.raw.cursor(), self.lock)

    def execute(self, sql: str, parameters: Any = (), /) -> _PgCursor:
        return self.cursor().execute(sql, parameters)

    def close(self) -> None:
        self.raw.close()


EVENTS_CHANNEL = "seminar_events"  # NOTIFY's channel: the payload is the session's id
LISTEN_CHECK_S = 1.0  # how soon the listening thread notices that its journal was closed


class Wakeups:
    """The notifications of one journal, for every thread of this process that waits.

    One connection LISTENs (one per journal, not one per waiter: a server's connections stay
    few) and one daemon thread reads it and counts the notifications per session; a waiter
    sleeps on a condition until the count it saw changes.  The trigger notifies at each
    committed event (PostgreSQL delivers a notification only once its transaction commits,
    and folds identical ones of one transaction into one)."""

    def __init__(self, url: str) -> None:
        import psycopg

        self._connection = psycopg.connect(url, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S)
        self._connection.execute(f"LISTEN {EVENTS_CHANNEL}")
        self._changed = threading.Condition()
        self._counts: dict[str | None, int] = {None: 0}  # None: every session's
        self._closing = False
        self.broken = False
        self._thread = threading.Thread(target=self._listen, name="journal-listen", daemon=True)
        self._thread.start()

    def _listen(self) -> None:
        import psycopg

        try:
            while not self._closing:
                for notice in self._connection.notifies(timeout=LISTEN_CHECK_S):
                    with self._changed:
                        self._counts[None] += 1
                        session = notice.payload
                        self._counts[session] = self._counts.get(session, 0) + 1
                        self._changed.notify_all()
                    if self._closing:
                        break
        except psycopg.Error:
            with self._changed:
                self.broken = True  # the waiters fall back to looking; the next one listens anew
                self._changed.notify_all()
        finally:
            with contextlib.suppress(psycopg.Error):
                self._connection.close()

    def seen(self, session_id: str | None) -> int:
        """How many notifications for this session (None: any) arrived so far."""
        with self._changed:
            return self._counts.get(session_id, 0)

    def wait(self, session_id: str | None, seen: int, timeout: float) -> bool:
        """Wait until a notification for the session (None: any) arrives after ``seen``, at
        most ``timeout`` seconds; False when the listener broke (the caller must look)."""
        with self._changed:
            self._changed.wait_for(
                lambda: self.broken or self._closing or self._counts.get(session_id, 0) != seen,
                timeout,
            )
            return not self.broken

    def close(self) -> None:
        """Every waiter returns at once; the thread closes its connection within
        ``LISTEN_CHECK_S`` (a process that exits first closes it with its sockets)."""
        with self._changed:
            self._closing = True
            self._changed.notify_all()


# -- migrations: the same numbers as store.MIGRATIONS, in PostgreSQL's DDL ------------------
# Text that is sorted is compared byte by byte (COLLATE "C"), as SQLite does.
# A PostgreSQL journal is made at once at the current version: the data each SQLite
# migration carried forward (refs, hashes) did not exist before.
PG_MIGRATIONS: list[tuple[str, ...]] = [
    (  # 1: sessions, events, heartbeats
        """CREATE TABLE sessions (
            id TEXT COLLATE "C" PRIMARY KEY,
            created_at TEXT COLLATE "C" NOT NULL,
            title TEXT NOT NULL,
            agenda_name TEXT NOT NULL,
            agenda_json TEXT NOT NULL,
            language TEXT NOT NULL,
            rehearsal INTEGER NOT NULL DEFAULT 0,
            status TEXT NOT NULL DEFAULT 'open'
        )""",
        """CREATE TABLE events (
            id BIGSERIAL PRIMARY KEY,
            session_id TEXT NOT NULL REFERENCES sessions(id),
            seq INTEGER NOT NULL,
            type TEXT NOT NULL,
            at TEXT NOT NULL,
            payload TEXT NOT NULL,
            UNIQUE (session_id, seq)
        )""",
        # readers waiting for a session's next event are woken when it is committed
        # (wait_for_events); PostgreSQL's own, nothing SQLite has
        f"""CREATE FUNCTION seminar_event_appended() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN PERFORM pg_notify('{EVENTS_CHANNEL}', NEW.session_id); RETURN NULL; END $$""",
        """CREATE TRIGGER events_appended AFTER INSERT ON events
            FOR EACH ROW EXECUTE FUNCTION seminar_event_appended()""",
        """CREATE TABLE heartbeats (
            session_id TEXT PRIMARY KEY REFERENCES sessions(id),
            at TEXT NOT NULL,
            real_at TEXT NOT NULL,
            pid INTEGER
        )""",
    ),
    ("ALTER TABLE heartbeats ADD COLUMN host TEXT",),  # 2
    (  # 3: an answer's ref recorded once
        "ALTER TABLE events ADD COLUMN ref TEXT",
        "CREATE UNIQUE INDEX events_ref ON events (session_id, ref) WHERE ref IS NOT NULL",
    ),
    ("CREATE INDEX events_by_type ON events (session_id, type, seq)",),  # 4
    ("ALTER TABLE heartbeats ADD COLUMN process TEXT",),  # 5
    (  # 6: the anonymous pool (its values sealed bytes), who answered, answers files
        """CREATE TABLE anonymous_pool (
            id BYTEA PRIMARY KEY,
            session_id TEXT NOT NULL REFERENCES sessions(id),
            prompt TEXT COLLATE "C" NOT NULL,
            value BYTEA NOT NULL
        )""",
        """CREATE TABLE anonymous_voters (
            session_id TEXT NOT NULL REFERENCES sessions(id),
            prompt TEXT NOT NULL,
            participant TEXT NOT NULL,
            PRIMARY KEY (session_id, prompt, participant)
        )""",
        """CREATE TABLE file_deliveries (
            session_id TEXT NOT NULL REFERENCES sessions(id),
            prompt TEXT NOT NULL,
            digest TEXT NOT NULL,
            delivered INTEGER NOT NULL,
            PRIMARY KEY (session_id, prompt, digest)
        )""",
    ),
    (  # 7: phones' join codes and tokens
        """CREATE TABLE join_codes (
            session_id TEXT PRIMARY KEY REFERENCES sessions(id),
            code TEXT NOT NULL
        )""",
        """CREATE TABLE web_tokens (
            token_hash TEXT PRIMARY KEY,
            session_id TEXT NOT NULL REFERENCES sessions(id),
            participant TEXT NOT NULL,
            participant_key TEXT NOT NULL
        )""",
        "CREATE INDEX web_tokens_by_name ON web_tokens (session_id, participant_key)",
    ),
    ("ALTER TABLE events ADD COLUMN hash TEXT",),  # 8: the hash chain
    (  # 9: the runner's public key for anonymous answers
        """CREATE TABLE anonymous_keys (
            session_id TEXT PRIMARY KEY REFERENCES sessions(id),
            public_key BYTEA NOT NULL,
            published_at TEXT NOT NULL,
            pid INTEGER,
            host TEXT,
            process TEXT
        )""",
    ),
    (  # 10: workshops' streams (store.py's _m010_workshop_streams)
        "ALTER TABLE events ADD COLUMN stream TEXT COLLATE \"C\" NOT NULL DEFAULT ''",
        "ALTER TABLE events ADD COLUMN position INTEGER",
        "UPDATE events SET position = seq",
        "CREATE UNIQUE INDEX events_stream ON events (session_id, stream, position)",
        *(
            f"ALTER TABLE {table} ADD COLUMN stream TEXT NOT NULL DEFAULT ''"
            for table in (
                "anonymous_pool",
                "anonymous_voters",
                "web_tokens",
                "heartbeats",
                "join_codes",
                "anonymous_keys",
                "file_deliveries",
            )
        ),
        *(
            f"ALTER TABLE {table} DROP CONSTRAINT {table}_pkey,"
            f" ADD PRIMARY KEY (session_id, stream{rest})"
            for table, rest in (
                ("heartbeats", ""),
                ("join_codes", ""),
                ("anonymous_keys", ""),
                ("file_deliveries", ", prompt, digest"),
            )
        ),
    ),
]
assert len(PG_MIGRATIONS) == SCHEMA_VERSION, "a migration in store.py needs its PostgreSQL DDL"

IDENTITY_TABLE = "seminar_journal"  # one row: our application id and the schema's version


def connection_error(exc: Exception, url: str) -> JournalError:
    """What a failure to reach the server means for the person at the keyboard."""
    import psycopg

    text = str(exc)
    where = redacted(url)
    state = getattr(exc, "sqlstate", None)
    if state == "28P01" or "password authentication failed" in text:
        return JournalError("journal.pg_password", url=where)
    if state == "3D000" or ("database" in text and "does not exist" in text):
        return JournalError("journal.pg_no_database", url=where)
    if state in ("28000", "42501") or "permission denied" in text:
        return JournalError("journal.pg_refused", url=where, reason=_first_line(text))
    if isinstance(exc, psycopg.OperationalError):
        return JournalError("journal.pg_unreachable", url=where, reason=_first_line(text))
    return JournalError("journal.write_failed", file=where, reason=_first_line(text))


def _first_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else text


class PostgresJournal(Journal):
    """One journal in a PostgreSQL database, shared by every laptop that reaches it."""

    wakes_readers = True

    def __init__(self, url: str, db: _PgConnection) -> None:
        from pathlib import Path

        # ``path`` stays a Path for the callers that show it or reopen by it
        super().__init__(Path(redacted(url)), db)
        self.url = url
        self.location = url
        self._wakeups: Wakeups | None = None  # LISTENs, for wait_for_events (made when needed)
        self._wakeups_lock = threading.Lock()
        self._closed = False
        self._pg = db
        self._no_turns = True
        import psycopg

        self.DRIVER_ERRORS = (psycopg.Error,)

    def _error(self, exc: Exception) -> JournalError:
        return connection_error(exc, self.url)

    @classmethod
    def connect(cls, url: str, *, create: bool = True) -> PostgresJournal:
        try:
            import psycopg
        except ImportError:
            raise JournalError("journal.pg_missing_driver") from None
        try:
            raw = psycopg.connect(url, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S)
        except psycopg.Error as exc:
            raise connection_error(exc, url) from None
        journal = cls(url, _PgConnection(raw))
        try:
            journal._configure_pg(create=create)
        except psycopg.Error as exc:
            raw.close()
            raise connection_error(exc, url) from None
        except JournalError:
            raw.close()
            raise
        return journal

    # -- identity, version, migrations -----------------------------------------------------
    def _tables(self) -> set[str]:
        rows = self._db.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
        ).fetchall()
        return {str(row[0]) for row in rows}

    def _stored_version(self) -> int | None:
        """The schema's version; None: not made yet.  JournalError: another program's tables,
        or a newer journal."""
        tables = self._tables()
        if IDENTITY_TABLE not in tables:
            if tables:
                raise JournalError("journal.pg_not_journal", url=redacted(self.url))
            return None
        row = self._db.execute(f"SELECT application_id, version FROM {IDENTITY_TABLE}").fetchone()
        if row is None or int(row[0]) != APPLICATION_ID:
            raise JournalError("journal.pg_not_journal", url=redacted(self.url))
        version = int(row[1])
        if version > SCHEMA_VERSION:
            raise JournalError(
                "journal.newer", file=redacted(self.url), found=version, supported=SCHEMA_VERSION
            )
        return version

    def _configure_pg(self, *, create: bool) -> None:
        version = self._stored_version()
        if version == SCHEMA_VERSION:
            return
        if version is None and not create:
            raise JournalError("journal.missing", file=redacted(self.url))
        with self._write() as cur:  # DDL is transactional: all the migrations or none
            version = self._stored_version()  # another laptop may have migrated meanwhile
            if version is None:
                cur.execute(
                    f"CREATE TABLE {IDENTITY_TABLE} (application_id BIGINT NOT NULL,"
                    " version INTEGER NOT NULL)"
                )
                cur.execute(
                    f"INSERT INTO {IDENTITY_TABLE} VALUES (?, 0)",
                    (APPLICATION_ID,),
                )
                version = 0
            for number in range(version, SCHEMA_VERSION):
                for statement in PG_MIGRATIONS[number]:
                    cur.execute(statement)
            cur.execute(f"UPDATE {IDENTITY_TABLE} SET version = ?", (SCHEMA_VERSION,))

    @_reading
    def schema_version(self) -> int:
        return self._stored_version() or 0

    # -- the writers' turn -----------------------------------------------------------------
    @contextlib.contextmanager
    def _write(self) -> Iterator[Cursor]:
        """One transaction holding the writers' advisory lock until it commits: the next
        writer reads the last position only after this one's commit (READ COMMITTED takes a
        new snapshot per statement), so positions follow commit order."""
        import psycopg

        with self._pg.lock:
            try:
                with self._pg.raw.transaction():
                    cur = self._pg.cursor()
                    cur.execute("SELECT pg_advisory_xact_lock(?)", (WRITERS_LOCK,))
                    yield cur
            except psycopg.Error as exc:
                raise self._error(exc) from None

    def _checkpoint(self) -> None:
        """PostgreSQL checkpoints by itself."""

    def close(self) -> None:
        self._closed = True  # a waiter still waiting returns at once, without a query
        with self._wakeups_lock:
            if self._wakeups is not None:
                self._wakeups.close()
                self._wakeups = None
        self._pg.close()

    # -- readers woken by the server (LISTEN/NOTIFY) ---------------------------------------
    def _listening(self) -> Wakeups | None:
        """This journal's listener, started on first use; None when it cannot be (the
        waiter then looks every ``poll`` seconds, as on SQLite)."""
        with self._wakeups_lock:
            if self._wakeups is not None and self._wakeups.broken:
                self._wakeups.close()  # the server restarted, a network cut: listen again
                self._wakeups = None
            if self._wakeups is None:
                import psycopg

                try:
                    self._wakeups = Wakeups(self.url)
                except psycopg.Error:  # polling still works: the waiter looks every ``poll``
                    return None
            return self._wakeups

    def wait_for_events(
        self, session_id: str, after_seq: int, timeout: float, *, poll: float = 0.1
    ) -> bool:
        """As ``Journal.wait_for_events``, woken by the server's NOTIFY when an event of the
        session is committed (``poll``: only if the listening connection cannot be had)."""
        import time

        deadline = time.monotonic() + timeout
        wakeups = self._listening()
        if wakeups is None:
            return super().wait_for_events(session_id, after_seq, timeout, poll=poll)
        while not self._closed:
            # counted before looking: an event committed after the look changes the count
            seen = wakeups.seen(session_id)
            try:
                if self.last_seq(session_id) > after_seq:
                    return True
            except JournalError:
                if self._closed:  # closed by another thread meanwhile (a server stopping)
                    return False
                raise
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return False
            if not wakeups.wait(session_id, seen, remaining) and not self._closed:
                left = max(0.0, deadline - time.monotonic())
                return super().wait_for_events(session_id, after_seq, left, poll=poll)
        return False

    def wait_for_news(self, timeout: float) -> None:
        """As ``Journal.wait_for_news``: back as soon as any session's event is committed."""
        wakeups = self._listening()
        if wakeups is None or not wakeups.wait(None, wakeups.seen(None), timeout):
            super().wait_for_news(timeout)

    # -- what SQLite says differently --------------------------------------------------------
    @_reading
    def find_sessions(self, prefix: str, *, anywhere: bool = False) -> list[SessionRow]:
        where = "strpos(id, ?) > 0" if anywhere else "left(id, length(?)) = ?"
        args = (prefix,) if anywhere else (prefix, prefix)
        rows = self._db.execute(
            "SELECT id, created_at, title, agenda_name, agenda_json, language, rehearsal, status"
            f" FROM sessions WHERE {where} ORDER BY created_at DESC, id DESC",
            args,
        ).fetchall()
        return [_session_row(r) for r in rows]
