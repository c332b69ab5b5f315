"""``seminar sessions list`` and ``seminar sessions show``: what a user reads, and the JSON a
script gets on stdout."""

from __future__ import annotations

import json
import os
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

from seminar_cli.journal.events import EventType
from seminar_cli.journal.store import SCHEMA_VERSION, Journal, this_host
from seminar_cli.session.runner import Command, HeadlessControls, Runner
from seminar_cli.session.service import SessionWriter
from tests.session_helpers import InstantClock, journal

AGENDA = """\
title: Atelier court
language: fr
starts_at: "14:00"
place: Lyon
participants:
  - name: Inès
    organization: Collectif Jeunes
  - name: Hugo
  - name: Maëlle
segments:
  - id: accueil
    title: Accueil
    duration: 5m
    prompts:
      - id: mots
        question: Un mot ?
        type: words
        who: open
  - id: tour
    title: Tour de table
    duration: 5m
    prompts:
      - id: note
        question: Votre note ?
        type: rating
        who: each
  - id: cloture
    title: Clôture
    duration: 5m
    prompts:
      - id: humeur
        question: Votre humeur ?
        type: yesno
        who: open
        anonymous: true
"""

ANSWERS = """\
attendance:
  Maëlle: excused
  Hugo: {status: represented, by: Inès}
mots:
  - {participant: Inès, value: partage}
  - écoute
note:
  - {participant: Inès, value: 4}
humeur: [oui, non]
"""


@pytest.fixture
def app_clock() -> type[InstantClock]:
    """Rehearsals at full speed take no time: the sessions ``cli`` runs sleep on this clock."""
    return InstantClock


@pytest.fixture
def agenda(tmp_path: Path) -> Path:
    path = tmp_path / "atelier.yaml"
    path.write_text(AGENDA, encoding="utf-8")
    (tmp_path / "answers.yaml").write_text(ANSWERS, encoding="utf-8")
    return path


def newest() -> str:
    return journal().sessions()[0].id


def quit_at(monkeypatch: pytest.MonkeyPatch, seconds: float) -> None:
    original = HeadlessControls.wait

    def wait(self: HeadlessControls, runner: Runner, timeout: float) -> Command | None:
        clock = runner.writer.clock
        if clock.monotonic() + timeout >= seconds:
            clock.sleep(max(0.0, seconds - clock.monotonic()))
            monkeypatch.setattr(HeadlessControls, "wait", original)
            return Command("quit")
        return original(self, runner, timeout)

    monkeypatch.setattr(HeadlessControls, "wait", wait)


@pytest.fixture
def three_sessions(cli, agenda: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """A closed rehearsal with answers, an interrupted session, and a live one."""
    closed = cli("start", str(agenda), "--no-input", "--answers", "answers.yaml", "--speed", "60")
    assert closed.code == 0, closed.err
    closed_id = newest()
    quit_at(monkeypatch, 400)
    assert cli("start", str(agenda), "--no-input", "--answers", "answers.yaml").code == 0
    interrupted_id = next(r.id for r in journal().sessions() if r.id != closed_id)
    quit_at(monkeypatch, 100)
    assert cli("start", str(agenda), "--no-input", "--title", "En direct").code == 0
    live_id = next(r.id for r in journal().sessions() if r.id not in (closed_id, interrupted_id))
    j = journal()
    # the live one: resumed by a runner that is still running (our parent process, alive)
    writer = SessionWriter(j, j.session(live_id), InstantClock(start=j.events(live_id)[-1].at))
    writer.record(EventType.session_resumed)
    now = datetime.now().astimezone()
    j._db.execute(
        "INSERT OR REPLACE INTO heartbeats (session_id, at, real_at, pid, host)"
        " VALUES (?, ?, ?, ?, ?)",
        (live_id, writer.clock.now().isoformat(), now.isoformat(), os.getppid(), this_host()),
    )
    writer.record(EventType.note, segment="tour", text="Salle comble")
    writer.record(EventType.decision, segment="tour", text="On continue")
    writer.record(EventType.action, segment="tour", text="Envoyer", owner="Hugo")
    return {"closed": closed_id, "interrupted": interrupted_id, "live": live_id}


# -- list ---------------------------------------------------------------------------------------------
def test_list_shows_each_session_with_its_status_progress_and_answers(cli, three_sessions) -> None:
    result = cli("sessions", "list")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    row = {key: next(line for line in lines if sid in line) for key, sid in three_sessions.items()}
    assert "Atelier court" in row["closed"]
    assert "terminée · répétition" in row["closed"]
    assert "3/3" in row["closed"] and row["closed"].rstrip().endswith("5")
    assert "interrompue" in row["interrupted"]
    assert "1/3" in row["interrupted"]  # "accueil" done, "tour" interrupted
    assert row["interrupted"].rstrip().endswith("2")  # the answers to "mots"
    assert "En direct" in row["live"] and "en cours" in row["live"] and "0/3" in row["live"]
    assert "2026-11-26 14:00" in row["closed"]
    for header in ("Identifiant", "Titre", "Date", "État", "Séquences", "Réponses"):
        assert header in result.out
    assert result.err == ""


def test_list_on_a_narrow_terminal_writes_one_block_per_session(
    cli, three_sessions, monkeypatch
) -> None:
    from seminar_cli.ui import console

    console.out.cache_clear()
    monkeypatch.setenv("COLUMNS", "80")
    try:
        result = cli("sessions", "list")
    finally:
        console.out.cache_clear()
    assert result.code == 0
    assert max(len(line) for line in result.out.splitlines()) <= 80
    for session_id in three_sessions.values():
        assert session_id in result.out  # never cut: it is what people copy
    assert "3/3 séquences, 5 réponses" in result.out


def test_list_json_gives_the_same_facts_for_scripts(cli, three_sessions) -> None:
    result = cli("sessions", "list", "--json")
    assert result.code == 0
    data = {item["id"]: item for item in json.loads(result.out)}
    assert set(data) == set(three_sessions.values())
    closed = data[three_sessions["closed"]]
    assert closed == {
        "id": three_sessions["closed"],
        "title": "Atelier court",
        "agenda": "atelier",
        "created_at": closed["created_at"],
        "status": "closed",
        "rehearsal": True,
        "speed": 60.0,
        "segments_done": 3,
        "segments_total": 3,
        "answers": 5,
    }
    assert datetime.fromisoformat(closed["created_at"]).strftime("%H:%M") == "14:00"
    assert data[three_sessions["interrupted"]]["status"] == "interrupted"
    assert data[three_sessions["live"]]["status"] == "live"
    assert data[three_sessions["live"]]["rehearsal"] is False


def test_list_without_any_journal_is_not_an_error(cli, tmp_path) -> None:
    result = cli("sessions", "list")
    assert result.code == 0
    assert "Aucune séance enregistrée" in result.err and "seminar start" in result.err
    assert result.out == ""
    assert not (tmp_path / "journal.sqlite3").exists()  # listing creates nothing
    as_json = cli("sessions", "list", "--json")
    assert as_json.code == 0 and json.loads(as_json.out) == []


def test_list_in_english(cli, three_sessions) -> None:
    result = cli("--lang", "en", "sessions", "list")
    assert result.code == 0
    assert "closed · rehearsal" in result.out and "interrupted" in result.out
    assert "Answers" in result.out


# -- show ---------------------------------------------------------------------------------------------
def test_show_tells_facts_attendance_segments_prompts_and_records(cli, three_sessions) -> None:
    result = cli("sessions", "show", three_sessions["closed"])
    assert result.code == 0, result.err
    out = result.out
    assert three_sessions["closed"] in out
    assert "terminée · répétition (×60)" in out
    assert "Lyon" in out
    assert "3/3 séquences, 5 réponses" in out
    assert "0 note, 0 décision, 0 action" in out
    lines = out.splitlines()

    def line(text: str) -> str:
        return next(x for x in lines if text in x)

    assert "présent·e" in line("Inès") and "Collectif Jeunes" in line("Inès")
    assert "représenté·e par Inès" in line("Hugo")
    assert "excusé·e" in line("Maëlle")
    accueil = line("Accueil")
    assert "5 min" in accueil and "terminée" in accueil and "05:00" in accueil
    assert "14:00–14:05" in accueil  # planned (the rehearsal's own start)
    assert "terminée" in line("Clôture")
    assert "2" in line("Un mot ?") and "tous" in line("Un mot ?") and "close" in line("Un mot ?")
    assert "tous, anonyme" in line("Votre humeur ?")
    assert "chacun" in line("Votre note ?")


def test_show_of_an_interrupted_session_says_where_it_stopped(cli, three_sessions) -> None:
    result = cli("sessions", "show", three_sessions["interrupted"])
    assert result.code == 0
    lines = result.out.splitlines()
    tour = next(x for x in lines if "Tour de table" in x)
    assert "interrompue" in tour and "01:40" in tour  # 100 s of its 5 minutes were used
    assert "à venir" in next(x for x in lines if "Clôture" in x)
    assert "ouverte" not in next(x for x in lines if "Votre humeur ?" in x)
    assert "pas encore posée" in next(x for x in lines if "Votre humeur ?" in x)


def test_show_of_the_live_session_without_an_id(cli, three_sessions) -> None:
    result = cli("sessions", "show")
    assert result.code == 0
    assert three_sessions["live"] in result.out
    assert "En direct" in result.out and "en cours" in result.out
    assert "1 note, 1 décision, 1 action" in result.out
    lines = result.out.splitlines()
    assert "en cours" in next(x for x in lines if "Accueil" in x)
    assert "ouverte" in next(x for x in lines if "Un mot ?" in x)


def test_show_json_holds_everything_for_scripts(cli, three_sessions) -> None:
    result = cli("sessions", "show", three_sessions["interrupted"], "--json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["id"] == three_sessions["interrupted"]
    assert data["status"] == "interrupted" and data["rehearsal"] is False
    assert data["place"] == "Lyon"
    assert [s["status"] for s in data["segments"]] == ["done", "interrupted", "pending"]
    assert [s["elapsed_seconds"] for s in data["segments"]] == [300.0, 100.0, 0.0]
    assert data["segments"][0]["planned_start"].endswith(data["planned_start"][10:])
    assert data["segments_done"] == 1 and data["segments_total"] == 3
    prompts = {p["id"]: p for p in data["prompts"]}
    assert prompts["mots"] == {
        "id": "mots",
        "segment": "accueil",
        "question": "Un mot ?",
        "type": "words",
        "who": "open",
        "anonymous": False,
        "status": "closed",
        "answers": 2,
    }
    assert prompts["note"]["status"] == "pending" and prompts["note"]["answers"] == 0
    assert data["attendance"][1] == {
        "participant": "Hugo",
        "organization": None,
        "status": "represented",
        "represented_by": "Inès",
    }
    assert data["records"] == {"notes": 0, "decisions": 0, "actions": 0}


def test_show_in_english_uses_the_english_labels(cli, three_sessions) -> None:
    result = cli("--lang", "en", "sessions", "show", three_sessions["closed"])
    assert result.code == 0
    assert "closed · rehearsal" in result.out and "Attendance" in result.out
    assert "5 answers" in result.out


# -- errors ---------------------------------------------------------------------------------------
def test_show_with_an_unknown_id(cli, three_sessions) -> None:
    result = cli("sessions", "show", "19990101", "--json")
    assert result.code == 1
    assert "Séance inconnue : « 19990101 »" in result.err
    assert result.out == ""


def test_show_with_an_ambiguous_prefix_lists_the_candidates(cli, three_sessions) -> None:
    result = cli("sessions", "show", "2026")
    assert result.code == 1
    assert "désigne plusieurs séances" in result.err
    for session_id in three_sessions.values():
        assert session_id in result.err
    english = cli("--lang", "en", "sessions", "show", "2026")
    assert english.code == 1 and "matches several sessions" in english.err


def test_show_in_an_empty_journal(cli, tmp_path) -> None:
    Journal.open(tmp_path / "journal.sqlite3").close()
    result = cli("sessions", "show")
    assert result.code == 1
    assert "Aucune séance dans ce journal" in result.err


def test_show_without_a_journal(cli) -> None:
    result = cli("sessions", "show")
    assert result.code == 1
    assert "Aucun journal" in result.err


def test_a_text_file_given_as_journal_is_refused_clearly(cli, tmp_path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("pas un journal\n", encoding="utf-8")
    for args in (("sessions", "list"), ("sessions", "list", "--json"), ("sessions", "show")):
        result = cli("--db", str(notes), *args)
        assert result.code == 1
        assert "n'est pas un journal de seminar" in result.err
        assert "Traceback" not in result.err and result.out == ""
    assert notes.read_text(encoding="utf-8") == "pas un journal\n"
    english = cli("--lang", "en", "--db", str(notes), "sessions", "list")
    assert "is not a seminar journal" in english.err


def test_a_journal_from_a_newer_version_is_refused_clearly(cli, three_sessions, tmp_path) -> None:
    path = tmp_path / "journal.sqlite3"
    raw = sqlite3.connect(path)
    raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    raw.close()
    result = cli("sessions", "list")
    assert result.code == 1
    assert "version plus récente de seminar" in result.err
    assert f"schéma {SCHEMA_VERSION + 5}" in result.err
    raw = sqlite3.connect(path)
    assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 5
    raw.close()


# -- help ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("command", ["list", "show"])
def test_help_of_each_command_has_examples_in_both_languages(cli, command: str) -> None:
    fr = cli("sessions", command, "--help")
    assert fr.code == 0
    assert "Exemples :" in fr.out and f"seminar sessions {command}" in fr.out
    assert "--json" in fr.out
    en = cli("--lang", "en", "sessions", command, "--help")
    assert en.code == 0 and "Examples:" in en.out


def test_sessions_alone_shows_its_commands(cli) -> None:
    result = cli("sessions", "--help")
    assert result.code == 0
    assert "list" in result.out and "show" in result.out


def test_another_programs_database_is_refused_clearly_and_left_as_it_was(cli, tmp_path) -> None:
    other = tmp_path / "contacts.db"
    raw = sqlite3.connect(other)
    raw.execute("CREATE TABLE contacts (name TEXT)")
    raw.execute("INSERT INTO contacts VALUES ('Camille')")
    raw.commit()
    raw.close()
    before = other.read_bytes()
    for args in (("sessions", "list"), ("resume", "--no-input"), ("join", "--no-input")):
        result = cli("--db", str(other), *args)
        assert result.code == 1, args
        assert f"{other} n'est pas un journal de seminar" in result.err
        assert "Traceback" not in result.err
    english = cli("--lang", "en", "--db", str(other), "sessions", "show")
    assert english.code == 1 and "is not a seminar journal" in english.err
    assert other.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("contacts")) == [
        "contacts.db"
    ]


def test_a_newer_journal_is_explained_in_english_too(cli, tmp_path) -> None:
    path = tmp_path / "journal.sqlite3"
    Journal.open(path).close()
    raw = sqlite3.connect(path)
    raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    raw.close()
    result = cli("--lang", "en", "sessions", "show")
    assert result.code == 1
    assert "comes from a newer version of seminar" in result.err
    assert "the journal was not changed" in result.err


def test_a_session_whose_stored_agenda_cannot_be_read_is_listed_and_explained(
    cli, three_sessions
) -> None:
    j = journal()
    j._db.execute(
        "UPDATE sessions SET agenda_json = '{\"title\": 3}' WHERE id = ?",
        (three_sessions["closed"],),
    )
    listed = cli("sessions", "list")
    assert listed.code == 0
    line = next(x for x in listed.out.splitlines() if three_sessions["closed"] in x)
    assert "illisible" in line
    assert three_sessions["live"] in listed.out  # the others are still there
    shown = cli("sessions", "show", three_sessions["closed"])
    assert shown.code == 1
    assert "ne peut pas être relu par cette version de seminar" in shown.err
    assert "Traceback" not in shown.err


def test_a_unique_part_anywhere_in_an_id_finds_its_session(cli, three_sessions) -> None:
    """Every id begins with its date: the random end (« f509 ») is what tells them apart."""
    closed = three_sessions["closed"]
    tail = closed.rsplit("-", 1)[-1]
    assert not any(s.endswith(tail) for s in three_sessions.values() if s != closed)
    result = cli("sessions", "show", tail, "--json")
    assert result.code == 0, result.err
    assert closed in result.out
    # a part every id holds (their shared date's month) is ambiguous: the candidates are listed
    middle = cli("sessions", "show", closed[4:8])
    assert middle.code == 1 and "désigne plusieurs séances" in middle.err
    for session_id in three_sessions.values():
        assert session_id in middle.err
