"""Phones through one server on a PostgreSQL journal: its connections stay few however many
phones answer, and another laptop's events reach its event streams when committed (NOTIFY),
not at the next poll."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import psycopg
import pytest

from seminar_cli.agenda.loader import LoadedAgenda, parse_agenda_text
from seminar_cli.journal.events import EventType
from seminar_cli.journal.store import Journal
from seminar_cli.session.service import SessionSetup, SessionWriter, open_session
from seminar_cli.timer import SystemClock
from seminar_cli.web import app as web_app
from seminar_cli.web.server import WebServer

CODE = "PGSQL7"
PHONES = 100
# what one serving process holds on the server: its journal's connection and the one that
# LISTENs (docs/architecture.md « The journal on PostgreSQL »)
CONNECTIONS_PER_SERVER = 2
WAKE_TIMEOUT = 60.0
BURST_TIMEOUT = 300.0  # seconds for the 100 phones on a loaded machine (it takes a few)
AGENDA = """\
title: Cent téléphones
language: fr
segments:
  - id: ouverture
    title: Ouverture
    duration: 30m
    prompts:
      - {id: humeur, question: "Votre humeur ?", type: text}
"""

ANSWER_FROM_ANOTHER_LAPTOP = """
import sys
from datetime import datetime
from seminar_cli.journal.store import Journal
journal = Journal.open(sys.argv[1], create=False)
journal.append(sys.argv[2], "answer_given",
               {"prompt": "humeur", "participant": "Depuis la salle", "value": "bien"},
               datetime.now().astimezone())
journal.close()
"""


@dataclass
class Served:
    url: str
    session_id: str
    base: str
    journal: Journal


def _connections(url: str) -> int:
    with psycopg.connect(url, autocommit=True) as admin:
        row = admin.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
        ).fetchone()
    assert row is not None
    return int(row[0]) - 1  # not this very connection


@pytest.fixture
def served(postgres_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Served]:
    # the poller's safety look pushed to a minute: what reaches a stream sooner was woken
    monkeypatch.setattr(web_app, "WAKE_TIMEOUT_SECONDS", WAKE_TIMEOUT)
    agenda = parse_agenda_text(AGENDA, "cent.yaml")
    journal = Journal.open(postgres_url)
    clock = SystemClock()
    session_id = open_session(
        journal, LoadedAgenda(agenda, "cent.yaml", AGENDA), SessionSetup(), clock
    )
    writer = SessionWriter(journal, journal.session(session_id), clock)
    writer.record(EventType.segment_started, segment="ouverture")
    writer.record(EventType.prompt_opened, prompt="humeur", segment="ouverture")
    server = WebServer(postgres_url, session_id, host="127.0.0.1", port=0, code=CODE)
    started = server.start()
    try:
        yield Served(postgres_url, session_id, f"http://127.0.0.1:{started.port}", journal)
    finally:
        server.stop()
        journal.close()


def test_a_hundred_phones_answer_through_one_server_within_its_connection_bound(
    served: Served,
) -> None:
    before = _connections(served.url)  # this test's journal, the server's two
    assert before <= 1 + CONNECTIONS_PER_SERVER
    highest = [before]
    stop = threading.Event()

    def watch() -> None:
        while not stop.is_set():
            highest.append(_connections(served.url))
            stop.wait(0.02)

    failures: list[str] = []
    deadline = time.monotonic() + BURST_TIMEOUT

    def phone(number: int) -> None:
        name = f"Participant {number:03d}"
        try:
            with httpx.Client(base_url=served.base, timeout=BURST_TIMEOUT) as client:
                joined = client.post("/api/join", json={"code": CODE, "name": name})
                if joined.status_code != 201:
                    failures.append(f"{name}: join {joined.status_code} {joined.text}")
                    return
                value = {"prompt": "humeur", "value": f"bien {number}"}
                answered = client.post("/api/answers", json=value)
                if answered.status_code != 201:
                    failures.append(f"{name}: answer {answered.status_code} {answered.text}")
        except httpx.HTTPError as exc:
            failures.append(f"{name}: {exc!r}")

    watcher = threading.Thread(target=watch)
    watcher.start()
    phones = [threading.Thread(target=phone, args=(n,)) for n in range(PHONES)]
    try:
        for thread in phones:
            thread.start()
        for thread in phones:
            thread.join(timeout=max(0.0, deadline - time.monotonic()))
    finally:
        stop.set()
        watcher.join(timeout=60)
    assert not any(thread.is_alive() for thread in phones), "the phones took too long"
    assert failures == []
    # the test's own journal + the server's two, give or take the watcher's own a moment
    assert max(highest) <= 1 + CONNECTIONS_PER_SERVER + 2, highest
    answers = [
        e for e in served.journal.events(served.session_id) if e.type == EventType.answer_given
    ]
    assert sorted(e.payload["participant"] for e in answers) == [
        f"Participant {n:03d}" for n in range(PHONES)
    ]
    assert sorted(e.payload["value"] for e in answers) == sorted(f"bien {n}" for n in range(PHONES))


def test_another_laptops_answer_reaches_the_event_stream_when_committed(
    served: Served,
) -> None:
    """The server's poller sleeps until the server's NOTIFY: with its safety look pushed to a
    minute, the answer still reaches the stream in a few seconds at most."""
    seen: list[float] = []
    opened = threading.Event()

    def listen() -> None:
        with (
            httpx.Client(base_url=served.base, timeout=120) as client,
            client.stream("GET", "/api/events", params={"code": CODE}) as stream,
        ):
            opened.set()
            for line in stream.iter_lines():
                if line.startswith("event: answer"):
                    seen.append(time.monotonic())
                    return

    listener = threading.Thread(target=listen, daemon=True)
    listener.start()
    assert opened.wait(60)
    subprocess.run(
        [sys.executable, "-c", ANSWER_FROM_ANOTHER_LAPTOP, served.url, served.session_id],
        check=True,
        timeout=120,
    )
    answered_at = time.monotonic()
    listener.join(timeout=120)
    assert seen, "the answer never reached the stream"
    assert seen[0] - answered_at < WAKE_TIMEOUT / 5
