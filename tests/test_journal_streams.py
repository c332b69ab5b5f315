"""Workshops' streams in the journal (PRODUCT §9 "Streams"): each workshop writes its own
sequence and hash chain inside the session; the plenary's stream keeps the text and hashes it
had before workshops existed.  On SQLite and on a real PostgreSQL server."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from seminar_cli.journal.chain import GENESIS, canonical_text, check_chain, link
from seminar_cli.journal.store import Journal
from seminar_cli.timer import local_now

T0 = datetime(2026, 11, 26, 14, 0).astimezone()


@pytest.fixture
def journal(journal_location: Path | str) -> Iterator[Journal]:
    opened = Journal.open(journal_location)
    opened.create_session(
        "s",
        created_at=T0,
        title="Séance",
        agenda_name="a",
        agenda_json="{}",
        language="fr",
        rehearsal=False,
    )
    yield opened
    opened.close()


def _note(journal: Journal, text: str, minute: int, stream: str = "") -> None:
    journal.append("s", "note", {"text": text}, T0 + timedelta(minutes=minute), stream=stream)


def test_each_stream_has_its_own_positions_and_chain(journal: Journal) -> None:
    _note(journal, "plénière 1", 0)
    _note(journal, "jeunes 1", 1, "jeunes")
    _note(journal, "catalyseurs 1", 2, "catalyseurs")
    _note(journal, "jeunes 2", 3, "jeunes")
    _note(journal, "plénière 2", 4)
    assert journal.streams("s") == ["", "catalyseurs", "jeunes"]
    # the plenary reads its own events by default, in the journal's order
    assert [e.payload["text"] for e in journal.events("s")] == ["plénière 1", "plénière 2"]
    assert [e.payload["text"] for e in journal.events("s", streams=["", "jeunes"])] == [
        "plénière 1",
        "jeunes 1",
        "jeunes 2",
        "plénière 2",
    ]
    every = journal.events("s", streams=None)
    assert [e.seq for e in every] == [1, 2, 3, 4, 5]
    assert [e.stream for e in every] == ["", "jeunes", "catalyseurs", "jeunes", ""]
    for stream, count in (("", 2), ("jeunes", 2), ("catalyseurs", 1)):
        rows = journal.chain("s", stream)
        assert [row.position for row in rows] == list(range(1, count + 1))
        check = check_chain("s", rows, stream)
        assert check.broken is None and check.events == count


def test_a_workshops_event_hash_covers_its_stream_and_the_plenarys_keeps_the_old_text(
    journal: Journal,
) -> None:
    _note(journal, "plénière", 0)
    _note(journal, "jeunes", 1, "jeunes")
    plenary, workshop = journal.chain("s", ""), journal.chain("s", "jeunes")
    old_text = canonical_text("s", 1, "note", plenary[0].at, {"text": "plénière"}, None)
    assert b'"stream"' not in old_text
    assert plenary[0].hash == link(GENESIS, old_text)
    text = canonical_text("s", 1, "note", workshop[0].at, {"text": "jeunes"}, None, "jeunes")
    assert json.loads(text)["stream"] == "jeunes"
    assert workshop[0].hash == link(GENESIS, text)
    # the same event in another stream is another event: the hash is its global id
    assert workshop[0].hash != link(
        GENESIS,
        canonical_text("s", 1, "note", workshop[0].at, {"text": "jeunes"}, None, "catalyseurs"),
    )


def test_a_workshops_runner_has_its_own_heartbeat_and_join_code(journal: Journal) -> None:
    now = local_now()
    journal.heartbeat("s", T0, now)
    assert journal.last_heartbeat("s", "jeunes") is None
    journal.heartbeat("s", T0 + timedelta(minutes=5), now, stream="jeunes")
    beat = journal.last_heartbeat("s", "jeunes")
    assert beat is not None and beat.at == T0 + timedelta(minutes=5)
    assert journal.last_heartbeat("s") is not None and journal.last_heartbeat("s").at == T0
    assert journal.join_code("s", None, lambda: "PLEN") == "PLEN"
    assert journal.join_code("s", None, lambda: "JEUN", stream="jeunes") == "JEUN"
    assert journal.join_code("s", None, lambda: "XXXX") == "PLEN"
    assert journal.join_code("s", None, lambda: "XXXX", stream="jeunes") == "JEUN"
    journal.clear_heartbeat("s", stream="jeunes")
    assert journal.last_heartbeat("s", "jeunes") is None
    assert journal.last_heartbeat("s") is not None


def test_a_phones_token_is_known_only_in_its_workshop(journal: Journal) -> None:
    assert journal.add_token("s", "h1", "Inès", "ines", keep=None, stream="jeunes") is None
    assert journal.token_participant("s", "h1", "jeunes") == "Inès"
    assert journal.token_participant("s", "h1") is None
    assert journal.token_participant("s", "h1", "catalyseurs") is None
