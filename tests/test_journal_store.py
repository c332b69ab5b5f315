"""The journal store: SQLite settings, file permissions, migrations, events, finding sessions."""

from __future__ import annotations

import contextlib
import os
import signal
import sqlite3
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from seminar_cli.agenda.loader import load_agenda
from seminar_cli.errors import JournalError, SessionError
from seminar_cli.journal import store as store_module
from seminar_cli.journal import turns
from seminar_cli.journal.events import EventType
from seminar_cli.journal.store import (
    APPLICATION_ID,
    BUSY_TIMEOUT_MS,
    MIGRATIONS,
    SCHEMA_VERSION,
    Heartbeat,
    Journal,
    this_host,
    this_process,
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
def journal(journal_location: Path | str) -> Iterator[Journal]:
    """Each test taking this journal runs on SQLite, then on a real PostgreSQL server."""
    opened = Journal.open(journal_location)
    yield opened
    opened.close()


# what SQLite alone has: its settings, its files, its writers' queue on <journal>-lock
SQLITE_ONLY = pytest.mark.parametrize("journal_location", ["sqlite"], indirect=True)


# -- settings and file ------------------------------------------------------------------------
@SQLITE_ONLY
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
        lock = path.with_name(path.name + "-lock")  # the writers' queue
        assert wal.exists() and shm.exists()  # while open, WAL mode keeps both
        for file in (path, wal, shm, lock):
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


@SQLITE_ONLY
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
    indexes = {r[1] for r in db.execute("PRAGMA index_list(events)")}
    assert {"events_ref", "events_by_type"} <= indexes


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
    journal.heartbeat("old", T0, T0)  # the new columns are there
    assert journal.last_heartbeat("old") == Heartbeat(
        T0, T0, os.getpid(), this_host(), this_process()
    )


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


def test_an_answer_ref_is_recorded_only_once_whatever_the_path(journal: Journal) -> None:
    _session(journal, "s1", T0)
    payload = {"prompt": "attentes", "value": ["x"], "ref": "answers:attentes:0"}
    first = journal.append("s1", EventType.answer_given, payload, T0)
    again = journal.append("s1", EventType.answer_given, {**payload, "value": ["y"]}, T0)
    assert again == first  # the one already recorded, not a new one
    refused = journal.append_if(
        "s1", EventType.answer_given, payload, T0, after_seq=0, accept=lambda fresh: True
    )
    assert refused is None
    assert journal.count_events("s1", EventType.answer_given) == 1
    # without a ref (an anonymous answer), nothing links two answers: both are kept
    journal.append("s1", EventType.answer_given, {"prompt": "attentes", "value": ["z"]}, T0)
    journal.append("s1", EventType.answer_given, {"prompt": "attentes", "value": ["z"]}, T0)
    assert journal.count_events("s1", EventType.answer_given) == 3
    # the same ref in another session is another answer
    _session(journal, "s2", T0)
    journal.append("s2", EventType.answer_given, payload, T0)
    assert journal.count_events("s2", EventType.answer_given) == 1


def test_migrating_keeps_every_event_and_the_first_of_each_ref(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    old = sqlite3.connect(path, isolation_level=None)
    old.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    MIGRATIONS[0](old)
    MIGRATIONS[1](old)
    old.execute("PRAGMA user_version = 2")
    old.execute(
        "INSERT INTO sessions VALUES ('s', ?, 'T', 'a', '{}', 'fr', 0, 'open')", (T0.isoformat(),)
    )
    for seq in (1, 2):
        old.execute(
            "INSERT INTO events (session_id, seq, type, at, payload)"
            ' VALUES (\'s\', ?, \'answer_given\', ?, \'{"prompt":"p","ref":"r"}\')',
            (seq, T0.isoformat()),
        )
    old.close()
    journal = Journal.open(path)
    assert journal.schema_version() == SCHEMA_VERSION
    assert journal.count_events("s") == 2
    refs = journal._db.execute("SELECT seq, ref FROM events ORDER BY seq").fetchall()
    assert refs == [(1, "r"), (2, None)]
    assert (
        journal.append_if(
            "s",
            EventType.answer_given,
            {"prompt": "p", "ref": "r"},
            T0,
            after_seq=2,
            accept=lambda fresh: True,
        )
        is None
    )


def test_a_prompt_closed_while_waiting_for_the_write_lock_refuses_the_answer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The participant checked the prompt open; the facilitator closes it just before the
    participant's transaction begins: the check inside the transaction sees it."""
    path = tmp_path / "journal.sqlite3"
    clock = FakeClock(T0)
    facilitator_journal = Journal.open(path)
    session_id = open_session(facilitator_journal, load_agenda(None), SessionSetup(), clock)
    row = facilitator_journal.session(session_id)
    facilitator = SessionWriter(facilitator_journal, row, clock)
    facilitator.record(EventType.prompt_opened, prompt="attentes", segment="accueil")
    for i in range(30):  # plenty of answers by others meanwhile: not read inside the lock
        facilitator.record(EventType.answer_given, prompt="attentes", value=[f"m{i}"])
    participant_journal = Journal.open(path)
    participant = SessionWriter(participant_journal, row, clock)
    real_append_if = participant_journal.append_if
    seen: list[list[str]] = []

    def close_first(*args, **kwargs):  # type: ignore[no-untyped-def]
        facilitator.record(EventType.answer_given, prompt="attentes", value=["encore"])
        facilitator.record(EventType.prompt_closed, prompt="attentes")
        accept = kwargs["accept"]

        def spy(fresh):  # type: ignore[no-untyped-def]
            seen.append([e.type for e in fresh])
            return accept(fresh)

        return real_append_if(*args, **{**kwargs, "accept": spy})

    monkeypatch.setattr(participant_journal, "append_if", close_first)
    from seminar_cli.session.join import PROMPT_EVENTS

    refused = participant.record_if(
        lambda s: "attentes" in s.open_prompts,
        EventType.answer_given,
        watch=PROMPT_EVENTS,
        prompt="attentes",
        participant="Inès",
        value=["trop tard"],
    )
    assert refused is None
    assert seen == [["prompt_closed"]]  # only what could change the decision was read
    assert participant.state.last_seq == 32  # not folded inside the lock: it lags, in order
    participant.sync()
    assert "attentes" in participant.state.closed_prompts
    assert not participant.state.has_answer("attentes", "Inès")


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


@pytest.mark.skipif(this_process() is None, reason="no /proc to tell processes apart")
def test_a_heartbeat_whose_process_id_went_to_another_process_is_not_live(
    journal: Journal,
) -> None:
    now = local_now()
    assert beat_alive(Heartbeat(T0, now, os.getpid(), this_host(), this_process()), now)
    # the same id, but not the process that wrote the heartbeat (a reboot, a new container)
    assert not beat_alive(Heartbeat(T0, now, os.getpid(), this_host(), "another-boot/42"), now)


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
        "INSERT INTO heartbeats (session_id, at, real_at, pid, host) VALUES (?, ?, ?, ?, ?)"
        " ON CONFLICT(session_id, stream) DO UPDATE SET at = excluded.at, real_at = excluded.real_at,"
        " pid = excluded.pid, host = excluded.host",
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


# -- a read-only folder and a full disk, from the command line (real processes) ------------------
CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH = 1, 2
PR_CAPBSET_DROP = 24

SHORT_AGENDA = """\
title: Atelier court
language: fr
segments:
  - id: un
    title: Un
    duration: 10m
    prompts:
      - id: mot
        question: "Un mot ?"
        type: words
        who: open
  - id: deux
    title: Deux
    duration: 10m
  - id: trois
    title: Trois
    duration: 10m
"""


def _drop_root_file_powers() -> None:
    """In the child, before exec: root without the capabilities that ignore permission bits,
    so a read-only folder is read-only for it too (tests often run as root in CI)."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH):
        if libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def _can_drop_root_powers() -> bool:
    import subprocess
    import sys

    try:
        probe = subprocess.run(
            [sys.executable, "-c", "pass"], preexec_fn=_drop_root_file_powers, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return probe.returncode == 0


def _seminar(
    tmp_path: Path,
    *args: str,
    read_only_folder: bool = False,
    max_file_size: int | None = None,
    lang: str = "fr",
):  # type: ignore[no-untyped-def]
    import resource
    import signal
    import subprocess

    from tests.conftest import seminar_cmd, subprocess_env

    def limits() -> None:
        if max_file_size is not None:
            # writes past the limit fail with EFBIG instead of killing the process
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (max_file_size, max_file_size))
        if read_only_folder and os.geteuid() == 0:
            _drop_root_file_powers()

    return subprocess.run(
        [*seminar_cmd(), *args],
        env=subprocess_env(tmp_path, SEMINAR_LANG=lang),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=limits,
        check=False,
    )


@pytest.fixture
def read_only_folder(tmp_path: Path):  # type: ignore[no-untyped-def]
    if os.geteuid() == 0 and not _can_drop_root_powers():
        pytest.skip("running as root without the right to drop CAP_DAC_OVERRIDE")
    folder = tmp_path / "archive"
    folder.mkdir()
    yield folder
    os.chmod(folder, 0o755)


def _agenda_file(tmp_path: Path) -> Path:
    path = tmp_path / "court.yaml"
    path.write_text(SHORT_AGENDA, encoding="utf-8")
    return path


def _journal_check(path: Path) -> tuple[str, list[tuple[str, str]]]:
    raw = sqlite3.connect(path)
    try:
        integrity = raw.execute("PRAGMA integrity_check").fetchone()[0]
        rows = raw.execute("SELECT id, status FROM sessions ORDER BY created_at").fetchall()
    finally:
        raw.close()
    return integrity, rows


def test_a_new_journal_in_a_read_only_folder_is_refused_clearly(
    tmp_path: Path, read_only_folder: Path
) -> None:
    os.chmod(read_only_folder, 0o555)
    db = read_only_folder / "journal.sqlite3"
    for lang, expected in (
        (
            "fr",
            f"Impossible de créer le journal dans {read_only_folder} : dossier en lecture seule",
        ),
        ("en", f"Cannot create the journal in {read_only_folder}: read-only folder"),
    ):
        done = _seminar(
            tmp_path,
            "--db",
            str(db),
            "start",
            str(_agenda_file(tmp_path)),
            "--no-input",
            read_only_folder=True,
            lang=lang,
        )
        assert done.returncode == 1, done.stderr
        assert expected in done.stderr
        assert "Traceback" not in done.stderr
    assert list(read_only_folder.iterdir()) == []


def test_a_journal_in_a_read_only_folder_can_be_read_but_not_written(
    tmp_path: Path, read_only_folder: Path
) -> None:
    db = read_only_folder / "journal.sqlite3"
    agenda = _agenda_file(tmp_path)
    first = _seminar(
        tmp_path, "--db", str(db), "start", str(agenda), "--no-input", "--speed", "5000"
    )
    assert first.returncode == 0, first.stderr
    before = db.read_bytes()
    files = sorted(p.name for p in read_only_folder.iterdir())
    os.chmod(read_only_folder, 0o555)
    # writing: a clear refusal, and nothing changed
    done = _seminar(
        tmp_path, "--db", str(db), "start", str(agenda), "--no-input", read_only_folder=True
    )
    assert done.returncode == 1
    assert f"Le dossier {read_only_folder} est en lecture seule" in done.stderr
    assert "Rien n'a été modifié" in done.stderr
    assert "Traceback" not in done.stderr
    english = _seminar(tmp_path, "--db", str(db), "resume", read_only_folder=True, lang="en")
    assert english.returncode == 1
    assert f"The folder {read_only_folder} is read-only" in english.stderr
    # reading: the archive is still listed and shown
    listed = _seminar(
        tmp_path, "--db", str(db), "sessions", "list", "--json", read_only_folder=True
    )
    assert listed.returncode == 0, listed.stderr
    import json

    sessions = json.loads(listed.stdout)
    assert [s["status"] for s in sessions] == ["closed"]
    shown = _seminar(tmp_path, "--db", str(db), "sessions", "show", read_only_folder=True)
    assert shown.returncode == 0 and "Atelier court" in shown.stdout
    assert db.read_bytes() == before
    assert sorted(p.name for p in read_only_folder.iterdir()) == files


def test_a_full_disk_stops_with_a_clear_message_and_the_journal_stays_intact(
    tmp_path: Path,
) -> None:
    db = tmp_path / "journal.sqlite3"
    agenda = _agenda_file(tmp_path)
    first = _seminar(tmp_path, "start", str(agenda), "--no-input", "--speed", "5000")
    assert first.returncode == 0, first.stderr
    integrity, before = _journal_check(db)
    size = db.stat().st_size
    # room for the session to open and run a little, then every write is refused
    full = _seminar(
        tmp_path,
        "start",
        str(agenda),
        "--no-input",
        "--speed",
        "5000",
        max_file_size=size + 8192,
    )
    assert full.returncode == 1, full.stderr
    assert "Traceback" not in full.stderr
    assert "Le disque refuse d'écrire dans le journal" in full.stderr
    assert "disque plein" in full.stderr and "intact" in full.stderr
    assert "seminar resume" in full.stderr
    integrity, after = _journal_check(db)
    assert integrity == "ok"
    assert after[0] == before[0]  # the earlier session, untouched
    # once there is room again, the interrupted session goes on and closes
    listed = _seminar(tmp_path, "sessions", "list", "--json")
    assert listed.returncode == 0
    resumed = _seminar(tmp_path, "resume", "--no-input")
    if len(after) == 2:  # the refused write came after the new session was created
        assert resumed.returncode == 0, resumed.stderr
        assert _journal_check(db)[1][1][1] == "closed"
    else:
        assert resumed.returncode == 1 and "Aucune séance interrompue" in resumed.stderr


def test_a_full_disk_in_english(tmp_path: Path) -> None:
    first = _seminar(
        tmp_path, "start", str(_agenda_file(tmp_path)), "--no-input", "--speed", "5000"
    )
    assert first.returncode == 0
    size = (tmp_path / "journal.sqlite3").stat().st_size
    full = _seminar(
        tmp_path,
        "start",
        str(_agenda_file(tmp_path)),
        "--no-input",
        "--speed",
        "5000",
        max_file_size=size + 8192,
        lang="en",
    )
    assert full.returncode == 1
    assert "The disk refuses to write to the journal" in full.stderr
    assert "disk full" in full.stderr and "intact" in full.stderr


def test_a_killed_runner_not_yet_reaped_by_its_parent_is_not_live() -> None:
    import signal
    import subprocess
    import sys
    import time

    from seminar_cli.session.service import pid_alive

    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        assert pid_alive(child.pid)
        os.kill(child.pid, signal.SIGKILL)
        deadline = time.monotonic() + 10
        while pid_alive(child.pid) and time.monotonic() < deadline:
            time.sleep(0.01)
        assert not pid_alive(child.pid)  # a zombie: killed, not yet waited for
        assert child.poll() is not None
    finally:
        child.kill()
        child.wait()


# -- the writers' queue -------------------------------------------------------------------------
_HOLD_A_TURN = """
import sys
from pathlib import Path
from seminar_cli.journal.store import Journal

journal = Journal.open(Path(sys.argv[1]), create=False)
with journal._turn():
    print("held", flush=True)
    sys.stdin.readline()  # a writer stopped in the middle of a write, until told to go on
"""


@contextlib.contextmanager
def _turn_held_by_another_process(path: Path) -> Iterator[None]:
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD_A_TURN, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        yield
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=60)


_FAIR_QUEUE = pytest.mark.skipif(
    not turns._FAIR, reason="the ticket queue needs OFD locks and abstract sockets (Linux)"
)


def _tickets_taken(path: Path) -> int:
    """The queue's counter (``turns.py``): how many writers ever took a ticket."""
    raw = Path(f"{path}-lock").read_bytes()[:8]
    return int.from_bytes(raw, "little") if len(raw) == 8 else 0


def _poll(condition: Callable[[], bool], what: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"still waiting for {what}"
        time.sleep(0.01)


@SQLITE_ONLY
def test_writers_queue_on_a_lock_and_a_stuck_one_is_reported_not_waited_for_ever(
    journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    _session(journal, "s1", T0)
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_MS", 300)
    with _turn_held_by_another_process(journal.path):
        began = time.monotonic()
        with pytest.raises(JournalError) as caught:
            journal.append("s1", EventType.note, {"text": "bloquée"}, T0)
        assert 0.25 < time.monotonic() - began < 5
        assert caught.value.key == "journal.busy"
        assert "verrouillé" in caught.value.message()
    journal.append("s1", EventType.note, {"text": "passée"}, T0)  # its turn came back
    assert [e.payload["text"] for e in journal.events("s1")] == ["passée"]
    assert signal.getsignal(signal.SIGALRM) == signal.SIG_DFL  # no timer, no handler left


@_FAIR_QUEUE
@SQLITE_ONLY
def test_writers_in_other_processes_take_their_turns_in_the_order_they_came(
    journal: Journal,
) -> None:
    """First come, first served: five processes queue behind a writer that holds its turn,
    one after the other; once it lets go, their notes land in the order they came."""
    _session(journal, "s1", T0)
    write = (
        "import sys; from pathlib import Path; from datetime import datetime\n"
        "from seminar_cli.journal.events import EventType\n"
        "from seminar_cli.journal import store\n"
        "from seminar_cli.journal.store import Journal\n"
        "store.BUSY_TIMEOUT_MS = 300_000  # a slow machine starts the five in turn: wait\n"
        "j = Journal.open(Path(sys.argv[1]), create=False)\n"
        "j.append('s1', EventType.note, {'text': sys.argv[2]}, datetime.now().astimezone())\n"
    )
    writers: list[subprocess.Popen[bytes]] = []
    with _turn_held_by_another_process(journal.path):
        for n in range(5):
            queued = _tickets_taken(journal.path)
            writers.append(
                subprocess.Popen([sys.executable, "-c", write, str(journal.path), f"P{n}"])
            )
            _poll(lambda q=queued: _tickets_taken(journal.path) > q, f"P{n} in the queue")
        assert all(w.poll() is None for w in writers)  # all still waiting
    assert [w.wait(timeout=60) for w in writers] == [0] * 5
    assert [e.payload["text"] for e in journal.events("s1")] == ["P0", "P1", "P2", "P3", "P4"]


@SQLITE_ONLY
def test_writers_on_other_threads_wait_a_bounded_time_without_any_signal(
    journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A web server's workers: two threads sharing one journal and a third with its own
    wait behind a writer of another process; each gives up after the busy timeout with the
    clear message (no SIGALRM, which only the main thread could use), and writes once the
    turn is free."""
    _session(journal, "s1", T0)
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_MS", 300)
    own = Journal.open(journal.path)
    outcome: dict[str, tuple[str, float]] = {}

    def work(name: str, through: Journal) -> None:
        began = time.monotonic()
        try:
            through.append("s1", EventType.note, {"text": name}, T0)
            outcome[name] = ("written", time.monotonic() - began)
        except JournalError as error:
            outcome[name] = (error.key, time.monotonic() - began)

    def run_workers() -> None:
        workers = [
            threading.Thread(target=work, args=("shared-1", journal)),
            threading.Thread(target=work, args=("shared-2", journal)),
            threading.Thread(target=work, args=("own", own)),
        ]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(timeout=60)

    try:
        with _turn_held_by_another_process(journal.path):
            run_workers()
            assert {key for key, _ in outcome.values()} == {"journal.busy"}
            assert len(outcome) == 3
            assert all(0.25 < waited < 5 for _, waited in outcome.values())
        outcome.clear()
        run_workers()
    finally:
        own.close()
    assert {name: key for name, (key, _) in outcome.items()} == dict.fromkeys(
        ("shared-1", "shared-2", "own"), "written"
    )
    assert sorted(e.payload["text"] for e in journal.events("s1")) == [
        "own",
        "shared-1",
        "shared-2",
    ]


@_FAIR_QUEUE
@SQLITE_ONLY
def test_a_heartbeat_from_another_thread_waits_its_turn_and_a_stuck_one_is_reported(
    journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The heartbeat thread of a round at the keyboard must neither write out of turn nor
    wait for ever."""
    _session(journal, "s1", T0)
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_MS", 300)
    outcome: list[object] = []

    def beat() -> None:
        beating = Journal.open(journal.path)
        try:
            beating.heartbeat("s1", T0, T0)
            outcome.append("written")
        except JournalError as error:
            outcome.append(error.key)
        finally:
            beating.close()

    with _turn_held_by_another_process(journal.path):
        thread = threading.Thread(target=beat)
        thread.start()
        thread.join(timeout=30)
        assert outcome == ["journal.busy"]
        assert journal.last_heartbeat("s1") is None
        monkeypatch.setattr(store_module, "BUSY_TIMEOUT_MS", 30_000)
        queued = _tickets_taken(journal.path)
        thread = threading.Thread(target=beat)
        thread.start()
        _poll(lambda: _tickets_taken(journal.path) > queued, "the heartbeat in the queue")
        assert outcome == ["journal.busy"]  # it waits behind the writer
    thread.join(timeout=30)
    assert outcome == ["journal.busy", "written"]
    assert journal.last_heartbeat("s1") is not None


@_FAIR_QUEUE
@SQLITE_ONLY
def test_the_log_is_checkpointed_after_a_turn_before_sqlite_would_inside_one(
    journal: Journal,
) -> None:
    """SQLite checkpoints by itself in the commit that brings the write-ahead log to 1000
    pages, two fsyncs during which every queued writer waits.  The writer of every hundredth
    turn checkpoints once it has left its turn, so 1,500 answers (about 6 pages each) never
    bring the log there: its file, which never shrinks, stays well under 1000 pages."""
    _session(journal, "s1", T0)
    for n in range(1500):
        journal.append(
            "s1",
            EventType.answer_given,
            {"prompt": "attentes", "participant": f"P{n % 100:02d}", "value": f"idée {n}"},
            T0,
        )
    assert journal.count_events("s1") == 1500
    page = journal._db.execute("PRAGMA page_size").fetchone()[0]
    frames = (Path(f"{journal.path}-wal").stat().st_size - 32) // (page + 24)
    assert 0 < frames < 800, frames
    journal.close()


def test_a_writer_alone_stays_in_step_after_a_checked_answer(tmp_path: Path) -> None:
    clock = FakeClock(T0)
    journal = Journal.open(tmp_path / "journal.sqlite3")
    session_id = open_session(journal, load_agenda(None), SessionSetup(), clock)
    writer = SessionWriter(journal, journal.session(session_id), clock)
    writer.record(EventType.prompt_opened, prompt="attentes", segment="accueil")
    from seminar_cli.session.join import PROMPT_EVENTS

    event = writer.record_if(
        lambda s: "attentes" in s.open_prompts,
        EventType.answer_given,
        watch=PROMPT_EVENTS,
        prompt="attentes",
        participant="Inès",
        value=["lien"],
    )
    assert event is not None
    assert writer.state.last_seq == event.seq
    assert writer.state.has_answer("attentes", "Inès")


# -- readers waiting for the next event -------------------------------------------------------
def test_a_reader_waiting_for_the_next_event_is_woken_by_another_writers_commit(
    journal: Journal,
) -> None:
    _session(journal, "s1", T0)
    writer = Journal.open(journal.location)
    woken: list[tuple[bool, float]] = []

    def wait() -> None:
        started = time.monotonic()
        woken.append((journal.wait_for_events("s1", 0, timeout=60), time.monotonic() - started))

    reader = threading.Thread(target=wait)
    reader.start()
    writer.append("s1", EventType.note, {"text": "réveille-toi"}, T0)
    reader.join(60)
    writer.close()
    assert len(woken) == 1
    found, waited = woken[0]
    assert found and waited < 30  # woken by the commit, long before the timeout
    assert [e.payload["text"] for e in journal.events("s1")] == ["réveille-toi"]


def test_a_reader_waiting_with_nothing_new_returns_at_its_timeout(journal: Journal) -> None:
    _session(journal, "s1", T0)
    journal.append("s1", EventType.note, {"text": "déjà là"}, T0)
    assert journal.wait_for_events("s1", 0, timeout=5)  # already there: at once
    started = time.monotonic()
    assert not journal.wait_for_events("s1", 1, timeout=0.3)
    assert time.monotonic() - started >= 0.3
