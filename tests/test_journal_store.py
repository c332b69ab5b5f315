"""The journal store: SQLite settings, file permissions, migrations, events, finding sessions."""

from __future__ import annotations

import os
import sqlite3
import stat
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from seminar_cli.agenda.loader import load_agenda
from seminar_cli.errors import JournalError, SessionError
from seminar_cli.journal import store as store_module
from seminar_cli.journal.events import EventType
from seminar_cli.journal.store import (
    APPLICATION_ID,
    BUSY_TIMEOUT_MS,
    MIGRATIONS,
    SCHEMA_VERSION,
    Heartbeat,
    Journal,
    this_host,
)
from seminar_cli.session.service import (
    SessionSetup,
    SessionWriter,
    beat_alive,
    claim_session,
    is_live,
    open_session,
    resolve_session,
)
from seminar_cli.timer import FakeClock, local_now

T0 = datetime(2026, 11, 26, 14, 0).astimezone()


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _session(journal: Journal, session_id: str, when: datetime, status: str = "open") -> None:
    journal.create_session(
        session_id,
        created_at=when,
        title=f"Séance {session_id}",
        agenda_name="co-construisons-demain",
        agenda_json=load_agenda(None).agenda.model_dump_json(),
        language="fr",
        rehearsal=False,
    )
    if status != "open":
        journal.set_status(session_id, status)


@pytest.fixture
def journal(tmp_path: Path) -> Journal:
    return Journal.open(tmp_path / "journal.sqlite3")


# -- settings and file ------------------------------------------------------------------------
def test_a_new_journal_uses_wal_a_busy_timeout_and_normal_sync(journal: Journal) -> None:
    db = journal._db
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] == BUSY_TIMEOUT_MS
    assert BUSY_TIMEOUT_MS >= 5000  # "several seconds"
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
    # WAL is a property of the file: a second connection sees it too
    other = sqlite3.connect(journal.path)
    assert other.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    other.close()


@pytest.mark.parametrize("umask", [0o022, 0o000])
def test_the_database_and_its_wal_and_shm_files_are_owner_only(tmp_path: Path, umask: int) -> None:
    previous = os.umask(umask)
    try:
        path = tmp_path / "sub" / "journal.sqlite3"
        journal = Journal.open(path)
        _session(journal, "s1", T0)
        journal.append("s1", EventType.note, {"text": "x"}, T0)
        wal = path.with_name(path.name + "-wal")
        shm = path.with_name(path.name + "-shm")
        assert wal.exists() and shm.exists()  # while open, WAL mode keeps both
        for file in (path, wal, shm):
            assert _mode(file) == 0o600, file
        journal.close()
    finally:
        os.umask(previous)


def test_an_existing_journal_with_loose_permissions_is_tightened_on_migration(
    tmp_path: Path,
) -> None:
    path = tmp_path / "journal.sqlite3"
    path.touch(mode=0o644)
    os.chmod(path, 0o644)
    Journal.open(path).close()
    assert _mode(path) == 0o600


def test_migrations_are_recorded_in_user_version_with_our_application_id(
    journal: Journal,
) -> None:
    db = journal._db
    assert SCHEMA_VERSION == len(MIGRATIONS) >= 2
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert journal.schema_version() == SCHEMA_VERSION
    assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"sessions", "events", "heartbeats"} <= tables
    columns = {r[1] for r in db.execute("PRAGMA table_info(heartbeats)")}
    assert {"session_id", "at", "real_at", "pid", "host"} <= columns


def test_a_journal_of_an_older_schema_is_migrated_and_keeps_its_events(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    old = sqlite3.connect(path, isolation_level=None)
    old.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    MIGRATIONS[0](old)  # the journal as the first release wrote it
    old.execute("PRAGMA user_version = 1")
    old.execute(
        "INSERT INTO sessions VALUES ('old', ?, 'Ancienne', 'a', '{}', 'fr', 0, 'closed')",
        (T0.isoformat(),),
    )
    old.execute(
        "INSERT INTO events (session_id, seq, type, at, payload) VALUES"
        " ('old', 1, 'note', ?, '{\"text\":\"gardée\"}')",
        (T0.isoformat(),),
    )
    old.close()
    journal = Journal.open(path)
    assert journal.schema_version() == SCHEMA_VERSION
    assert [e.payload for e in journal.events("old")] == [{"text": "gardée"}]
    journal.heartbeat("old", T0, T0)  # the new column is there
    assert journal.last_heartbeat("old") == Heartbeat(T0, T0, os.getpid(), this_host())


def test_opening_twice_runs_each_migration_once(tmp_path: Path, monkeypatch) -> None:
    calls: list[int] = []
    wrapped = [(lambda db, i=i, m=m: (calls.append(i), m(db))[1]) for i, m in enumerate(MIGRATIONS)]
    monkeypatch.setattr(store_module, "MIGRATIONS", wrapped)
    Journal.open(tmp_path / "j.sqlite3").close()
    Journal.open(tmp_path / "j.sqlite3").close()
    assert calls == list(range(SCHEMA_VERSION))


# -- events -----------------------------------------------------------------------------------
def test_events_come_back_in_append_order_with_consecutive_seq(journal: Journal) -> None:
    _session(journal, "s1", T0)
    _session(journal, "s2", T0)
    for i in range(5):
        journal.append("s1", EventType.note, {"text": f"n{i}"}, T0 + timedelta(seconds=i))
        journal.append("s2", EventType.note, {"text": f"m{i}"}, T0)
    events = journal.events("s1")
    assert [e.seq for e in events] == [1, 2, 3, 4, 5]
    assert [e.payload["text"] for e in events] == ["n0", "n1", "n2", "n3", "n4"]
    assert events[2].at == T0 + timedelta(seconds=2)
    assert [e.seq for e in journal.events("s1", after_seq=3)] == [4, 5]
    assert journal.last_seq("s1") == 5
    assert journal.count_events("s2") == 5
    assert journal.count_events("s2", EventType.note) == 5
    assert journal.count_events("s2", EventType.answer_given) == 0


def test_append_if_checks_and_writes_in_one_transaction(journal: Journal) -> None:
    _session(journal, "s1", T0)
    journal.append("s1", EventType.note, {"text": "a"}, T0)
    seen: list[list[str]] = []

    def refuse(fresh):  # type: ignore[no-untyped-def]
        seen.append([e.payload["text"] for e in fresh])
        return False

    assert (
        journal.append_if("s1", EventType.note, {"text": "b"}, T0, after_seq=0, accept=refuse)
        is None
    )
    assert seen == [["a"]]
    assert journal.last_seq("s1") == 1  # refused: nothing written
    event = journal.append_if(
        "s1", EventType.note, {"text": "b"}, T0, after_seq=1, accept=lambda fresh: not fresh
    )
    assert event is not None and event.seq == 2
    assert [e.payload["text"] for e in journal.events("s1")] == ["a", "b"]


def test_a_session_writer_refuses_an_answer_once_another_process_closed_the_prompt(
    tmp_path: Path,
) -> None:
    path = tmp_path / "journal.sqlite3"
    clock = FakeClock(T0)
    facilitator_journal = Journal.open(path)
    session_id = open_session(facilitator_journal, load_agenda(None), SessionSetup(), clock)
    row = facilitator_journal.session(session_id)
    facilitator = SessionWriter(facilitator_journal, row, clock)
    facilitator.record(EventType.prompt_opened, prompt="attentes", segment="accueil")
    participant = SessionWriter(Journal.open(path), row, clock)
    assert "attentes" in participant.state.open_prompts
    facilitator.record(EventType.prompt_closed, prompt="attentes")
    # the participant has not looked again: the check inside the write still sees the close
    refused = participant.record_if(
        lambda s: "attentes" in s.open_prompts,
        EventType.answer_given,
        prompt="attentes",
        value=["trop tard"],
    )
    assert refused is None
    assert participant.state.answers.get("attentes", []) == []
    assert "attentes" in participant.state.closed_prompts


# -- finding sessions -------------------------------------------------------------------------
def _three(journal: Journal) -> None:
    _session(journal, "20261126-ag-aaaa", T0, "closed")
    _session(journal, "20261126-ag-aabb", T0 + timedelta(hours=1), "closed")
    _session(journal, "20261127-retro-cccc", T0 + timedelta(days=1), "closed")


def test_an_exact_id_is_found_even_when_it_begins_a_longer_one(journal: Journal) -> None:
    _three(journal)
    _session(journal, "20261126-ag-aaaa-bis", T0)
    assert resolve_session(journal, "20261126-ag-aaaa").id == "20261126-ag-aaaa"


def test_a_unique_prefix_finds_its_session(journal: Journal) -> None:
    _three(journal)
    assert resolve_session(journal, "20261127").id == "20261127-retro-cccc"
    assert resolve_session(journal, "20261126-ag-aab").id == "20261126-ag-aabb"
    assert resolve_session(journal, "  20261127  ").id == "20261127-retro-cccc"


def test_an_ambiguous_prefix_is_an_error_listing_the_candidates(journal: Journal) -> None:
    _three(journal)
    with pytest.raises(SessionError) as caught:
        resolve_session(journal, "20261126-ag")
    message = caught.value.message()
    assert caught.value.key == "session.ambiguous"
    assert "20261126-ag-aaaa" in message and "20261126-ag-aabb" in message
    assert "20261127" not in message
    assert "identifiant plus long" in message


def test_prefixes_are_case_sensitive_and_wildcards_are_literal(journal: Journal) -> None:
    _three(journal)
    for ref in ("20261126-AG", "2026%", "20261126_ag"):
        with pytest.raises(SessionError) as caught:
            resolve_session(journal, ref)
        assert caught.value.key == "session.unknown"


def test_an_unknown_id_is_an_error_pointing_at_the_list(journal: Journal) -> None:
    _three(journal)
    with pytest.raises(SessionError) as caught:
        resolve_session(journal, "1999")
    assert caught.value.key == "session.unknown"
    assert "seminar sessions list" in caught.value.message()


def test_no_session_at_all_is_an_error_saying_how_to_start(journal: Journal) -> None:
    with pytest.raises(SessionError) as caught:
        resolve_session(journal, None)
    assert caught.value.key == "session.none"
    assert "seminar start" in caught.value.message()


def test_without_an_id_the_latest_session_is_taken(journal: Journal) -> None:
    _three(journal)
    _session(journal, "20261125-old-open", T0 - timedelta(days=1))  # open, but older
    assert resolve_session(journal, None).id == "20261127-retro-cccc"


def test_without_an_id_the_live_session_wins_over_a_later_one(journal: Journal) -> None:
    _three(journal)
    _session(journal, "20261126-live-dddd", T0 + timedelta(minutes=30))
    journal.heartbeat("20261126-live-dddd", T0, local_now())  # this process: alive
    assert resolve_session(journal, None).id == "20261126-live-dddd"
    journal.clear_heartbeat("20261126-live-dddd")
    assert resolve_session(journal, None).id == "20261127-retro-cccc"


# -- liveness -----------------------------------------------------------------------------------
def _dead_pid() -> int:
    import subprocess
    import sys

    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_a_heartbeat_of_a_dead_process_on_this_machine_is_not_live(journal: Journal) -> None:
    now = local_now()
    assert beat_alive(Heartbeat(T0, now, os.getpid(), this_host()), now)
    assert not beat_alive(Heartbeat(T0, now, _dead_pid(), this_host()), now)


def test_from_another_machine_only_a_recent_heartbeat_is_live(journal: Journal) -> None:
    now = local_now()
    assert beat_alive(Heartbeat(T0, now - timedelta(seconds=5), 1, "other-laptop"), now)
    assert not beat_alive(Heartbeat(T0, now - timedelta(minutes=5), 1, "other-laptop"), now)


def test_a_closed_session_is_never_live(journal: Journal) -> None:
    _session(journal, "s1", T0, "closed")
    journal.heartbeat("s1", T0, local_now())
    assert not is_live(journal, journal.session("s1"), local_now())


def _fake_beat(journal: Journal, session_id: str, pid: int, host: str) -> None:
    journal._db.execute(
        "INSERT OR REPLACE INTO heartbeats (session_id, at, real_at, pid, host)"
        " VALUES (?, ?, ?, ?, ?)",
        (session_id, T0.isoformat(), local_now().isoformat(), pid, host),
    )


def test_claiming_a_session_held_by_a_live_runner_is_refused(journal: Journal) -> None:
    _session(journal, "s1", T0)
    parent = os.getppid()  # alive, and not us
    _fake_beat(journal, "s1", parent, this_host())
    with pytest.raises(SessionError) as caught:
        claim_session(journal, journal.session("s1"), FakeClock(T0))
    assert caught.value.key == "session.running_elsewhere"
    beat = journal.last_heartbeat("s1")
    assert beat is not None and beat.pid == parent  # untouched


def test_claiming_a_session_whose_runner_died_succeeds(journal: Journal) -> None:
    _session(journal, "s1", T0)
    _fake_beat(journal, "s1", _dead_pid(), this_host())
    claim_session(journal, journal.session("s1"), FakeClock(T0))
    beat = journal.last_heartbeat("s1")
    assert beat is not None and beat.pid == os.getpid()


# -- files that are not (our) journals -----------------------------------------------------------
def _bytes(path: Path) -> bytes:
    return path.read_bytes()


def test_a_text_file_is_not_a_journal_and_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("Compte rendu de la dernière réunion\n" * 50, encoding="utf-8")
    before = _bytes(path)
    with pytest.raises(JournalError) as caught:
        Journal.open(path)
    assert caught.value.key == "journal.not_journal"
    assert "n'est pas un journal" in caught.value.message()
    assert _bytes(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_another_programs_database_is_not_a_journal_and_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    other = sqlite3.connect(path)
    other.execute("CREATE TABLE contacts (name TEXT)")
    other.execute("INSERT INTO contacts VALUES ('Camille')")
    other.commit()
    other.close()
    before = _bytes(path)
    with pytest.raises(JournalError) as caught:
        Journal.open(path)
    assert caught.value.key == "journal.not_journal"
    assert _bytes(path) == before  # not even switched to WAL
    check = sqlite3.connect(path)
    assert check.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert check.execute("SELECT name FROM contacts").fetchall() == [("Camille",)]
    check.close()


def test_a_database_with_another_application_id_is_not_a_journal(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    other = sqlite3.connect(path)
    other.execute("PRAGMA application_id = 1234")
    other.execute("PRAGMA user_version = 99")  # their version, not ours: not "newer"
    other.close()
    with pytest.raises(JournalError) as caught:
        Journal.open(path)
    assert caught.value.key == "journal.not_journal"


def test_a_journal_from_a_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    journal = Journal.open(path)
    _session(journal, "s1", T0)
    journal.close()
    raw = sqlite3.connect(path)
    raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    raw.close()
    before = _bytes(path)
    with pytest.raises(JournalError) as caught:
        Journal.open(path)
    assert caught.value.key == "journal.newer"
    message = caught.value.message()
    assert f"schéma {SCHEMA_VERSION + 1}" in message and "Mettez seminar à jour" in message
    assert _bytes(path) == before


def test_a_folder_is_not_a_journal(tmp_path: Path) -> None:
    with pytest.raises(JournalError) as caught:
        Journal.open(tmp_path)
    assert caught.value.key == "journal.is_dir"


def test_a_missing_journal_is_not_created_when_only_reading(tmp_path: Path) -> None:
    with pytest.raises(JournalError) as caught:
        Journal.open(tmp_path / "absent.sqlite3", create=False)
    assert caught.value.key == "journal.missing"
    assert not (tmp_path / "absent.sqlite3").exists()


def test_closing_event_closes_the_session_and_drops_its_heartbeat_in_one_write(
    journal: Journal,
) -> None:
    _session(journal, "s1", T0)
    journal.heartbeat("s1", T0, T0)
    journal.append("s1", EventType.session_closed, {}, T0)
    assert journal.session("s1").status == "closed"
    assert journal.last_heartbeat("s1") is None
