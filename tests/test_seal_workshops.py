"""Seal and verify across workshops' streams (PRODUCT §9 "Streams" and "Seal", issue #16):
``verify`` checks every stream's chain and names the workshop of a break; ``seal`` records
each workshop's head in its event, so the plenary's chain — whose hash the PV prints and
``verify --expect`` checks — covers the workshops' chains too; an event a workshop adds after
the seal is counted.  The CLI runs as a real process; journals are altered by hand."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest

from seminar_cli.journal.events import EventType
from seminar_cli.journal.store import Journal
from seminar_cli.minutes.build import load_minutes
from seminar_cli.session.seal import seal_session, verify_session
from seminar_cli.session.service import SessionWriter
from tests.minutes_helpers import Recorded
from tests.session_helpers import run_seminar as seminar
from tests.test_minutes_workshops import workshops_day
from tests.test_seal import by_hand

HASH = re.compile(r"\b[0-9a-f]{64}\b")


@pytest.fixture
def day(tmp_path: Path) -> str:
    """A closed session whose « jeunes » stream holds 7 events and « catalyseurs » 5."""
    rec = workshops_day(tmp_path)
    rec.journal.close()
    return rec.session_id


def seal_payload(tmp_path: Path, session_id: str) -> dict[str, object]:
    with sqlite3.connect(tmp_path / "journal.sqlite3") as db:
        (payload,) = db.execute(
            "SELECT payload FROM events WHERE session_id = ? AND type = 'session_sealed'",
            (session_id,),
        ).fetchone()
    return dict(json.loads(payload))


def test_verify_checks_and_names_each_workshops_chain(tmp_path: Path, day: str) -> None:
    result = seminar(tmp_path, "verify", day)
    assert result.returncode == 0, result.stderr
    with Journal.open(tmp_path / "journal.sqlite3") as journal:
        plenary = journal.chain(day)
    assert result.stdout.splitlines() == [
        f"Séance {day} : chaîne intacte, {len(plenary)} événements. "
        f"Dernière empreinte : {plenary[-1].hash}",
        "Atelier « catalyseurs » : chaîne intacte, 5 événements.",
        "Atelier « jeunes » : chaîne intacte, 7 événements.",
    ]
    english = seminar(tmp_path, "verify", day, lang="en")
    assert "Workshop 'jeunes': chain intact, 7 events." in english.stdout.splitlines()


def test_a_workshop_event_changed_by_hand_is_named_with_its_workshop(
    tmp_path: Path, day: str
) -> None:
    by_hand(
        tmp_path,
        "UPDATE events SET payload = json_set(payload, '$.text', 'Rien décidé.')"
        f" WHERE session_id = '{day}' AND stream = 'jeunes' AND type = 'decision'",
    )
    result = seminar(tmp_path, "verify", day)
    assert result.returncode == 1
    assert result.stdout == ""
    # its 7th event: five answers, the note, then the decision
    assert (
        f"Séance {day} : la chaîne de l'atelier « jeunes » est rompue à son événement n° 7 "
        "(decision, "
    ) in result.stderr
    assert "modifié, déplacé ou ajouté hors de seminar" in result.stderr


def test_a_workshop_event_deleted_is_named_as_missing(tmp_path: Path, day: str) -> None:
    by_hand(
        tmp_path,
        f"DELETE FROM events WHERE session_id = '{day}' AND stream = 'catalyseurs'"
        " AND position = 2",
    )
    result = seminar(tmp_path, "verify", day, lang="en")
    assert result.returncode == 1
    assert (
        "the chain of the workshop 'catalyseurs' is broken, its event no. 2 is missing before "
        "its event no. 3 (answer_given, "
    ) in result.stderr


def test_seal_covers_the_workshops_and_its_printed_check_passes(tmp_path: Path, day: str) -> None:
    sealed = seminar(tmp_path, "seal", day)
    assert sealed.returncode == 0, sealed.stderr
    printed = HASH.findall(sealed.stdout)[-1]
    checked = seminar(tmp_path, "verify", day, "--expect", printed)
    assert checked.returncode == 0, checked.stderr
    assert "Elle se termine bien par l'empreinte attendue." in checked.stdout
    assert "Scellée le " in checked.stdout and "aucun erratum depuis" in checked.stdout
    # the seal holds the plenary's position (not the journal's seq) and each workshop's head
    payload = seal_payload(tmp_path, day)
    with Journal.open(tmp_path / "journal.sqlite3") as journal:
        plenary = journal.chain(day)
        heads = {s: journal.chain(day, s)[-1] for s in ("jeunes", "catalyseurs")}
    before_seal = plenary[-2]
    assert payload["seq"] == before_seal.position == len(plenary) - 1
    assert payload["seq"] < before_seal.seq  # the workshops wrote in between
    assert payload["hash"] == before_seal.hash
    assert payload["streams"] == {
        stream: {"seq": row.position, "hash": row.hash} for stream, row in heads.items()
    }
    # the PV's footer gives the hash `seal` printed
    exported = seminar(tmp_path, "export", day, "--format", "json", "-o", "-")
    assert json.loads(exported.stdout)["seal"]["sealed_hash"] == printed
    assert json.loads(exported.stdout)["seal"]["sealed_seq"] == len(plenary)


def test_a_sealed_workshop_event_removed_is_caught_by_the_seal(tmp_path: Path, day: str) -> None:
    assert seminar(tmp_path, "seal", day).returncode == 0
    # the last event of « jeunes » cut off: its chain alone still holds together
    by_hand(
        tmp_path,
        f"DELETE FROM events WHERE session_id = '{day}' AND stream = 'jeunes' AND position = 7",
    )
    result = seminar(tmp_path, "verify", day)
    assert result.returncode == 1
    assert (
        f"Séance {day} : le scellé porte, pour l'atelier « jeunes », l'empreinte "
    ) in result.stderr
    assert "qui n'est pas celle de sa chaîne à son événement n° 7" in result.stderr


def workshop_writer(tmp_path: Path, session_id: str, stream: str) -> Recorded:
    from seminar_cli.timer import FakeClock
    from tests.minutes_helpers import START

    journal = Journal.open(tmp_path / "journal.sqlite3")
    clock = FakeClock(start=START.replace(hour=16))
    writer = SessionWriter(journal, journal.session(session_id), clock, stream=stream)
    return Recorded(journal, writer, clock)


def test_events_a_workshop_adds_after_the_seal_are_counted(tmp_path: Path, day: str) -> None:
    assert seminar(tmp_path, "seal", day).returncode == 0
    late = workshop_writer(tmp_path, day, "jeunes")
    late.writer.record(
        EventType.answer_given, prompt="proposition", participant="Hugo Lefebvre", value="Tard"
    )
    late.writer.record(
        EventType.answer_given, prompt="priorite", participant="Hugo Lefebvre", value="Former"
    )
    late.writer.record(EventType.note, segment="ateliers", text="Oubli du rapporteur", erratum=True)
    late.journal.close()
    result = seminar(tmp_path, "verify", day)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "Atelier « jeunes » : chaîne intacte, 10 événements." in lines
    assert any(line.endswith("; 1 erratum depuis.") for line in lines)  # the note: an erratum
    assert lines[-1] == "Après le scellé : 2 événements ajoutés dans l'atelier « jeunes »."
    english = seminar(tmp_path, "verify", day, lang="en")
    assert english.stdout.splitlines()[-1] == (
        "After the seal: 2 events added in the workshop 'jeunes'."
    )


def test_a_seal_that_recorded_the_journals_seq_still_verifies(tmp_path: Path) -> None:
    """A seal written before it recorded positions (the journal's ``seq`` of the head, which
    differs from the plenary's position once workshops wrote) is still recognised."""
    rec = workshops_day(tmp_path)
    last = rec.journal.chain(rec.session_id)[-1]
    assert last.seq != last.position
    rec.writer.record(EventType.session_sealed, seq=last.seq, hash=last.hash)
    rec.journal.close()
    result = seminar(tmp_path, "verify", rec.session_id)
    assert result.returncode == 0, result.stderr
    assert "Scellée le " in result.stdout
    # no workshop head recorded: nothing came after it in the journal's order
    assert "Après le scellé" not in result.stdout


def test_seal_and_verify_with_workshops_on_both_journals(
    tmp_path: Path, journal_location: Path | str
) -> None:
    """The same through the core, on SQLite and on a real PostgreSQL server."""
    rec = workshops_day(tmp_path, journal=Journal.open(journal_location))
    try:
        row = rec.journal.session(rec.session_id)
        sealed = seal_session(rec.journal, row)
        checked = verify_session(rec.journal, row, sealed.hash)
        assert checked.expected and checked.sealed is not None
        assert checked.sealed.hash == sealed.hash
        assert checked.workshops == {"catalyseurs": 5, "jeunes": 7}
        assert checked.after_seal == {}
        minutes = load_minutes(rec.journal, row)
        assert minutes.seal is not None and minutes.seal.sealed_hash == sealed.hash
        assert [w.held for w in minutes.segments[1].workshops] == [True, True, False]
        late = SessionWriter(rec.journal, row, rec.clock, stream="catalyseurs")
        late.record(EventType.note, segment="ateliers", text="Après coup")
        assert verify_session(rec.journal, row).after_seal == {"catalyseurs": 1}
    finally:
        rec.journal.close()
