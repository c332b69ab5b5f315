"""The journal on PostgreSQL: what is its own (a server to reach, a password, a database shared
with other programs).  Everything the two journals share runs on both in test_journal_store.py
and the other journal tests (the ``journal_location`` fixture)."""

from __future__ import annotations

from datetime import datetime

import psycopg
import pytest

from seminar_cli import i18n
from seminar_cli.errors import JournalError
from seminar_cli.journal.store import SCHEMA_VERSION, Journal

from .conftest import PostgresServer

T0 = datetime(2026, 11, 26, 14, 0).astimezone()


def _refusal(url: str) -> JournalError:
    with pytest.raises(JournalError) as caught:
        Journal.open(url)
    return caught.value


def test_a_server_that_is_down_is_told_in_french_and_english(postgres_url: str) -> None:
    # nothing listens on port 1 of this machine
    error = _refusal("postgresql://seminar:secret@127.0.0.1:1/journal")
    assert error.key == "journal.pg_unreachable"
    message = error.message()
    assert message.startswith("Impossible de joindre le serveur PostgreSQL du journal ")
    assert "postgresql://seminar@127.0.0.1:1/journal" in message
    assert "secret" not in message  # the password never reaches the screen
    i18n.init_language("en")
    assert error.message().startswith("Cannot reach the journal's PostgreSQL server ")


def test_a_refused_password_is_said_without_showing_it(
    postgres_url: str, postgres_server: PostgresServer
) -> None:
    postgres_server.password_role("animatrice", "juste")
    wrong = postgres_url.replace("postgres:@", "animatrice:faux@", 1)
    error = _refusal(wrong)
    assert error.key == "journal.pg_password"
    assert "refuse le mot de passe" in error.message()
    assert "faux" not in error.message()
    right = postgres_url.replace("postgres:@", "animatrice:juste@", 1)
    with psycopg.connect(postgres_url, autocommit=True) as admin:
        admin.execute("GRANT ALL ON SCHEMA public TO animatrice")
    with Journal.open(right) as journal:
        assert journal.schema_version() == SCHEMA_VERSION


def test_a_database_that_does_not_exist_says_to_create_it(postgres_url: str) -> None:
    absent = postgres_url.replace("/journal_", "/absent_", 1)
    error = _refusal(absent)
    assert error.key == "journal.pg_no_database"
    assert "createdb" in error.message()


def test_another_programs_tables_are_not_a_journal_and_are_left_alone(postgres_url: str) -> None:
    with psycopg.connect(postgres_url, autocommit=True) as other:
        other.execute("CREATE TABLE contacts (name TEXT)")
        other.execute("INSERT INTO contacts VALUES ('Camille')")
    error = _refusal(postgres_url)
    assert error.key == "journal.pg_not_journal"
    assert "autre programme" in error.message()
    with psycopg.connect(postgres_url, autocommit=True) as other:
        tables = other.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
        ).fetchall()
        assert tables == [("contacts",)]  # nothing of ours was created
        assert other.execute("SELECT name FROM contacts").fetchall() == [("Camille",)]


def test_a_journal_from_a_newer_version_is_refused_untouched(postgres_url: str) -> None:
    Journal.open(postgres_url).close()
    with psycopg.connect(postgres_url, autocommit=True) as db:
        db.execute("UPDATE seminar_journal SET version = %s", (SCHEMA_VERSION + 1,))
    error = _refusal(postgres_url)
    assert error.key == "journal.newer"
    with psycopg.connect(postgres_url, autocommit=True) as db:
        assert db.execute("SELECT version FROM seminar_journal").fetchone() == (SCHEMA_VERSION + 1,)


def test_a_missing_journal_is_not_created_when_only_reading(postgres_url: str) -> None:
    with pytest.raises(JournalError) as caught:
        Journal.open(postgres_url, create=False)
    assert caught.value.key == "journal.missing"
    with psycopg.connect(postgres_url, autocommit=True) as db:
        assert db.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
        ).fetchone() == (0,)


def test_two_laptops_opening_an_empty_database_together_migrate_it_once(
    postgres_url: str,
) -> None:
    import threading

    opened: list[Journal] = []
    errors: list[BaseException] = []

    def open_one() -> None:
        try:
            opened.append(Journal.open(postgres_url))
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=open_one) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert [j.schema_version() for j in opened] == [SCHEMA_VERSION] * 4
    for journal in opened:
        journal.close()


# -- the commands, given the database's URL ----------------------------------------------------
def test_the_commands_run_a_session_on_postgresql_given_its_url(
    postgres_url: str, cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SEMINAR_DB", postgres_url)
    empty = cli("sessions", "list")
    assert empty.code == 0
    assert "Aucune séance" in empty.out + empty.err
    started = cli("start", "--no-input", "--speed", "10000", "--title", "Atelier partagé")
    assert started.code == 0, started.err
    noted = cli("--db", postgres_url, "note", "Notée sur le serveur")
    assert noted.code == 0, noted.err
    listed = cli("sessions", "list")
    assert "Atelier partagé" in listed.out
    verified = cli("verify")
    assert verified.code == 0 and "chaîne intacte" in verified.out + verified.err
    exported = cli("export", "--format", "md", "-")
    assert "Notée sur le serveur" in exported.out


def test_a_server_that_is_down_stops_the_command_with_its_message_not_a_traceback(
    postgres_url: str, cli
) -> None:
    result = cli("--db", "postgresql://seminar:secret@127.0.0.1:1/journal", "sessions", "list")
    assert result.code == 1
    assert "Impossible de joindre le serveur PostgreSQL" in result.err
    assert "Traceback" not in result.err and "secret" not in result.err


def test_a_writer_waits_for_the_previous_commit_so_a_reader_never_skips_a_position(
    postgres_url: str,
) -> None:
    """Positions are given in commit order: while one laptop's write is not committed, the
    next waits (the advisory lock), so a reader that saw position n never later finds an
    n-1 committed behind it."""
    import threading

    from seminar_cli.journal.events import EventType

    first, second, reader = (Journal.open(postgres_url) for _ in range(3))
    first.create_session(
        "s",
        created_at=T0,
        title="T",
        agenda_name="a",
        agenda_json="{}",
        language="fr",
        rehearsal=False,
    )
    release = threading.Event()
    inserted = threading.Event()

    def slow_write() -> None:
        with first._write() as cur:
            first._insert(cur, "s", EventType.note, {"text": "lente"}, T0)
            inserted.set()
            release.wait(60)

    slow = threading.Thread(target=slow_write)
    slow.start()
    assert inserted.wait(60)
    fast_result: list[int] = []
    fast = threading.Thread(
        target=lambda: fast_result.append(
            second.append("s", EventType.note, {"text": "rapide"}, T0).seq
        )
    )
    fast.start()
    # the second writer is seen waiting on the lock, not writing
    with psycopg.connect(postgres_url, autocommit=True) as admin:
        for _ in range(600):
            waiting = admin.execute(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
            ).fetchone()
            if waiting == (1,):
                break
            threading.Event().wait(0.05)
        assert waiting == (1,)
    assert reader.events("s") == []  # nothing committed yet: nothing to skip later
    release.set()
    slow.join(60)
    fast.join(60)
    assert fast_result == [2]
    assert [(e.seq, e.payload["text"]) for e in reader.events("s")] == [
        (1, "lente"),
        (2, "rapide"),
    ]
    for journal in (first, second, reader):
        journal.close()


def test_psycopg_is_imported_only_for_a_postgresql_journal(tmp_path) -> None:
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from seminar_cli.journal.store import Journal\n"
        "Journal.open(sys.argv[1]).close()\n"
        "print('psycopg' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "j.sqlite3")],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert done.stdout == "False\n"
