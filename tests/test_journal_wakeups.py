"""Readers woken, not polling: ``Journal.wait_for_events`` returns when another process commits
an event of the session (PostgreSQL: LISTEN/NOTIFY), and at its timeout otherwise."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import psycopg
import pytest

from seminar_cli.journal.store import Journal

T0 = datetime(2026, 11, 26, 14, 0).astimezone()
# far longer than any wake-up on a loaded machine: a reader back before a fifth of it was
# woken, not timed out
LONG_WAIT = 60.0

APPEND_FROM_ANOTHER_PROCESS = """
import sys
from datetime import datetime
from seminar_cli.journal.store import Journal
journal = Journal.open(sys.argv[1], create=False)
journal.append("s", "note", {"text": sys.argv[2]}, datetime.now().astimezone(), stream=sys.argv[3])
journal.close()
"""


def _open_with_session(location: Path | str) -> Journal:
    journal = Journal.open(location)
    journal.create_session(
        "s",
        created_at=T0,
        title="Séance",
        agenda_name="a",
        agenda_json="{}",
        language="fr",
        rehearsal=False,
    )
    return journal


@pytest.fixture
def journal(journal_location: Path | str) -> Iterator[Journal]:
    opened = _open_with_session(journal_location)
    yield opened
    opened.close()


def _append_elsewhere(location: Path | str, text: str, stream: str = "") -> None:
    subprocess.run(
        [sys.executable, "-c", APPEND_FROM_ANOTHER_PROCESS, str(location), text, stream],
        check=True,
        timeout=120,
    )


def _listening(url: str) -> bool:
    with psycopg.connect(url, autocommit=True) as admin:
        row = admin.execute(
            "SELECT count(*) FROM pg_stat_activity"
            " WHERE datname = current_database() AND query LIKE 'LISTEN %'"
        ).fetchone()
    return row is not None and row[0] > 0


class Waiting:
    """``wait_for_events`` in a thread: what it returned and when."""

    def __init__(self, journal: Journal, after: int, timeout: float) -> None:
        self.result: list[bool] = []
        self.returned_at = 0.0
        self.thread = threading.Thread(target=self._wait, args=(journal, after, timeout))
        self.thread.start()

    def _wait(self, journal: Journal, after: int, timeout: float) -> None:
        self.result.append(journal.wait_for_events("s", after, timeout))
        self.returned_at = time.monotonic()

    def join(self) -> None:
        self.thread.join(timeout=LONG_WAIT * 2)
        assert not self.thread.is_alive()


def test_a_reader_waits_its_whole_timeout_when_nothing_comes(journal: Journal) -> None:
    journal.append("s", "note", {"text": "déjà là"}, T0)
    started = time.monotonic()
    assert journal.wait_for_events("s", 1, 0.5) is False
    assert time.monotonic() - started >= 0.5
    assert journal.wait_for_events("s", 0, LONG_WAIT) is True  # already there: at once


def test_a_reader_on_postgresql_is_woken_by_another_process_append(postgres_url: str) -> None:
    """No polling on PostgreSQL: the reader sleeps until the server's NOTIFY, and is back long
    before its timeout once another process has committed."""
    journal = _open_with_session(postgres_url)
    try:
        waiting = Waiting(journal, 0, LONG_WAIT)
        deadline = time.monotonic() + LONG_WAIT
        while not _listening(postgres_url) and time.monotonic() < deadline:
            time.sleep(0.02)
        assert waiting.thread.is_alive() and waiting.result == []  # waiting, nothing yet
        _append_elsewhere(postgres_url, "d'un autre portable")
        appended_at = time.monotonic()
        waiting.join()
        assert waiting.result == [True]
        assert waiting.returned_at - appended_at < LONG_WAIT / 5
        assert [e.payload["text"] for e in journal.events("s")] == ["d'un autre portable"]
    finally:
        journal.close()


def test_a_workshop_event_wakes_the_sessions_readers_too(postgres_url: str) -> None:
    """A reader of the session wakes for any stream's event (it re-reads what is its own)."""
    journal = _open_with_session(postgres_url)
    try:
        waiting = Waiting(journal, 0, LONG_WAIT)
        deadline = time.monotonic() + LONG_WAIT
        while not _listening(postgres_url) and time.monotonic() < deadline:
            time.sleep(0.02)
        _append_elsewhere(postgres_url, "en atelier", "jeunes")
        appended_at = time.monotonic()
        waiting.join()
        assert waiting.result == [True]
        assert waiting.returned_at - appended_at < LONG_WAIT / 5
        assert journal.events("s") == []  # the plenary's own stream is still empty
    finally:
        journal.close()


def test_closing_the_journal_releases_its_waiting_reader_at_once(postgres_url: str) -> None:
    """A server that stops closes its journal: its poller's wait ends then, not at its
    timeout, and nothing is read on the closed connection."""
    journal = _open_with_session(postgres_url)
    waiting = Waiting(journal, 0, LONG_WAIT)
    deadline = time.monotonic() + LONG_WAIT
    while not _listening(postgres_url) and time.monotonic() < deadline:
        time.sleep(0.02)
    closed_at = time.monotonic()
    journal.close()
    waiting.join()
    assert waiting.result == [False]
    assert waiting.returned_at - closed_at < LONG_WAIT / 5


def test_waiting_for_a_new_session_is_woken_by_its_first_event(postgres_url: str) -> None:
    """``join``/``serve`` without a session wait for the next one to open: on PostgreSQL any
    committed event ends the wait."""
    journal = _open_with_session(postgres_url)
    try:
        returned: list[float] = []
        thread = threading.Thread(
            target=lambda: (journal.wait_for_news(LONG_WAIT), returned.append(time.monotonic()))
        )
        thread.start()
        deadline = time.monotonic() + LONG_WAIT
        while not _listening(postgres_url) and time.monotonic() < deadline:
            time.sleep(0.02)
        _append_elsewhere(postgres_url, "ouverture")
        appended_at = time.monotonic()
        thread.join(timeout=LONG_WAIT * 2)
        assert returned and returned[0] - appended_at < LONG_WAIT / 5
    finally:
        journal.close()
