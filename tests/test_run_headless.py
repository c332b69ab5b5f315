"""``seminar start / resume / join --no-input``: a whole session without a screen, what it
says on stderr, what the journal holds, and the errors it explains.  Instant clock."""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path

import pytest

from seminar_cli.journal.events import EventType
from seminar_cli.journal.store import Journal
from seminar_cli.session.service import SessionWriter, load_state
from seminar_cli.timer import FakeClock
from tests.session_helpers import InstantClock, journal, only_session

AGENDA = """\
title: Atelier court
language: fr
starts_at: "14:00"
participants:
  - name: Inès
  - name: Hugo
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
    duration: 10m
    prompts:
      - id: note
        question: Votre note ?
        type: rating
        who: each
      - id: vote
        question: On adopte ?
        type: vote
        who: room
"""

ANSWERS = """\
attendance:
  Hugo: excused
mots:
  - {participant: Inès, value: "Partage, écoute"}
  - Confiance
note:
  - {participant: Inès, value: 4}
vote: {pour: 7, contre: 2}
"""


@pytest.fixture
def app_clock() -> type[InstantClock]:
    """Rehearsals at full speed take no time: the sessions ``cli`` runs sleep on this clock."""
    return InstantClock


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    agenda = tmp_path / "atelier.yaml"
    agenda.write_text(AGENDA, encoding="utf-8")
    answers = tmp_path / "answers.yaml"
    answers.write_text(ANSWERS, encoding="utf-8")
    return agenda, answers


def test_a_whole_rehearsal_with_answers_runs_headless(cli, files) -> None:
    agenda, answers = files
    result = cli("start", str(agenda), "--no-input", "--answers", str(answers), "--speed", "600")
    assert result.code == 0, result.err
    assert result.out == ""  # talk goes to stderr
    session_id = only_session()
    lines = result.err.splitlines()
    assert lines[0] == f"Séance {session_id} ouverte : Atelier court (répétition)"
    assert lines[1].startswith("▶ ") and lines[1].endswith("Accueil (5 min)")
    assert any(line.endswith("Un mot ? — 2 réponses") for line in lines)
    assert any(line.endswith("Votre note ? — 1 réponse") for line in lines)
    assert lines[-1] == (
        f"Séance {session_id} terminée. Compte rendu : seminar export {session_id} --format html"
    )
    j = journal()
    row = j.session(session_id)
    assert row.status == "closed" and row.rehearsal
    state = load_state(j, row)
    assert state.meta["speed"] == 600.0 and state.rehearsal
    assert state.attendance["Hugo"].status == "excused"
    assert state.attendance["Inès"].status == "present"
    assert {a.participant: a.value for a in state.answers["mots"]} == {
        "Inès": ["Partage", "écoute"],
        None: ["Confiance"],
    }
    assert [a.value for a in state.answers["vote"]] == [
        {"pour": 7, "contre": 2, "abstention": 0, "blanc": 0}
    ]
    assert [state.segments[s].elapsed for s in ("accueil", "tour")] == [300, 600]
    assert j.last_heartbeat(session_id) is None


def test_without_answers_or_speed_a_session_is_real_and_records_no_answer(cli, files) -> None:
    agenda, _answers = files
    result = cli("start", str(agenda), "--no-input")
    assert result.code == 0
    session_id = only_session()
    assert f"Séance {session_id} ouverte : Atelier court\n" in result.err
    j = journal()
    row = j.session(session_id)
    assert not row.rehearsal
    assert j.count_events(session_id, EventType.answer_given) == 0
    state = load_state(j, row)
    assert state.closed and set(state.closed_prompts) == {"mots", "note", "vote"}
    assert all(a.status == "present" for a in state.attendance.values())


def test_the_bundled_seminar_runs_headless_by_default(cli) -> None:
    result = cli("start", "--no-input", "--speed", "1000")
    assert result.code == 0, result.err
    assert "Co-construisons demain (répétition)" in result.err
    state = load_state(journal(), journal().session(only_session()))
    assert state.closed and len(state.segments) == 11
    assert all(s.done for s in state.segments.values())


def test_options_of_start_are_recorded(cli, files) -> None:
    agenda, _answers = files
    # a planned start near the session's clock (the instant clock starts at 14:00): far
    # from it, the plan would keep its shape from the real start instead
    result = cli(
        "start",
        str(agenda),
        "--no-input",
        "--title",
        "Atelier du jeudi",
        "--place",
        "Nantes",
        "--facilitator",
        "Camille Martin",
        "--secretary",
        "Sam",
        "--at",
        "14h05",
    )
    assert result.code == 0, result.err
    shown = json.loads(cli("sessions", "show", "--json").out)
    assert shown["title"] == "Atelier du jeudi"
    assert (shown["place"], shown["facilitator"], shown["secretary"]) == (
        "Nantes",
        "Camille Martin",
        "Sam",
    )
    assert datetime.fromisoformat(shown["planned_start"]).strftime("%H:%M") == "14:05"


def test_english_talk_with_lang(cli, files) -> None:
    agenda, answers = files
    result = cli("--lang", "en", "start", str(agenda), "--no-input", "--answers", str(answers))
    assert result.code == 0
    assert "Session " in result.err and " opened: Atelier court" in result.err
    assert "Un mot ? — 2 answers" in result.err


# -- errors -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("speed", ["0", "-3", "20000", "nan", "1e-300", "0.09", "inf"])
def test_a_bad_speed_is_a_usage_error(cli, files, speed: str) -> None:
    agenda, _answers = files
    result = cli("start", str(agenda), "--no-input", "--speed", speed)
    assert result.code == 2
    assert "Vitesse invalide" in result.err and "de 0,1 à 10000" in result.err
    assert not Path(os.environ["SEMINAR_DB"]).exists()


def test_a_speed_that_is_not_a_number_is_a_usage_error(cli, files) -> None:
    agenda, _answers = files
    result = cli("start", str(agenda), "--no-input", "--speed", "vite")
    assert result.code == 2
    assert "Traceback" not in result.err


def test_a_missing_answers_file_stops_before_anything_is_recorded(cli, files) -> None:
    agenda, _answers = files
    result = cli("start", str(agenda), "--no-input", "--answers", "absent.yaml")
    assert result.code == 1
    assert "Fichier de réponses introuvable : absent.yaml" in result.err
    assert not Path(os.environ["SEMINAR_DB"]).exists()


def test_an_answers_file_that_does_not_fit_the_agenda_is_explained(cli, files, tmp_path) -> None:
    agenda, _answers = files
    bad = tmp_path / "bad.yaml"
    bad.write_text("inconnue: [x]\nnote: [douze]\nattendance: {Zoé: present}\n", encoding="utf-8")
    result = cli("start", str(agenda), "--no-input", "--answers", str(bad))
    assert result.code == 1
    assert "des réponses ne conviennent pas à l'agenda" in result.err
    assert "inconnue : aucune question de l'agenda n'a cet identifiant" in result.err
    assert "note[0] : donnez un nombre entier de 1 à 5" in result.err
    assert "attendance.Zoé" in result.err
    assert "Traceback" not in result.err


@pytest.mark.parametrize("command", ["start", "resume", "join"])
def test_without_a_terminal_and_without_no_input_the_command_says_so(
    cli, files, open_prompt, command: str
) -> None:
    agenda, _answers = files
    before = len(journal().events(open_prompt.session_id))
    result = cli(*([command, str(agenda)] if command == "start" else [command]))
    assert result.code == 1, result.err
    assert "--no-input" in result.err
    assert "Traceback" not in result.err
    assert len(journal().sessions()) == 1  # nothing started
    assert len(journal().events(open_prompt.session_id)) == before  # nothing written


# -- join --no-input ---------------------------------------------------------------------------------
@pytest.fixture
def open_prompt(tmp_path: Path, files) -> SessionWriter:
    """A running session (in this process) whose first segment's open prompt is open."""
    from seminar_cli.agenda.loader import load_agenda
    from seminar_cli.session.service import SessionSetup, open_session

    agenda, _answers = files
    j = (
        journal()
        if Path(os.environ["SEMINAR_DB"]).exists()
        else Journal.open(Path(os.environ["SEMINAR_DB"]))
    )
    clock = FakeClock()
    session_id = open_session(j, load_agenda(str(agenda)), SessionSetup(), clock)
    writer = SessionWriter(j, j.session(session_id), clock)
    writer.record(EventType.segment_started, segment="accueil")
    writer.record(EventType.prompt_opened, prompt="mots", segment="accueil")
    return writer


def test_join_answers_an_open_prompt_as_the_named_participant(cli, open_prompt, tmp_path) -> None:
    mine = tmp_path / "mine.yaml"
    mine.write_text("mots: [Coopération]\n", encoding="utf-8")
    result = cli("join", "--no-input", "--answers", str(mine), "--name", "Inès")
    assert result.code == 0, result.err
    assert f"1 réponse envoyée à la séance {open_prompt.session_id}" in result.err
    open_prompt.sync()
    answers = open_prompt.state.answers["mots"]
    assert [(a.participant, a.value) for a in answers] == [("Inès", ["Coopération"])]
    # the same file again: nothing more
    again = cli("join", "--no-input", "--answers", str(mine), "--name", "Inès")
    assert again.code == 0
    assert "0 réponse envoyée" in again.err
    open_prompt.sync()
    assert len(open_prompt.state.answers["mots"]) == 1


def test_join_leaves_entries_named_for_others_to_them(cli, open_prompt, tmp_path) -> None:
    theirs = tmp_path / "theirs.yaml"
    theirs.write_text(
        "mots:\n  - {participant: Hugo, value: Écoute}\n  - {participant: Inès, value: Lien}\n",
        encoding="utf-8",
    )
    result = cli(
        "join", open_prompt.session_id, "--no-input", "--answers", str(theirs), "--name", "Hugo"
    )
    assert result.code == 0
    open_prompt.sync()
    assert [(a.participant, a.value) for a in open_prompt.state.answers["mots"]] == [
        ("Hugo", ["Écoute"])
    ]


def test_join_without_answers_file_in_no_input_is_a_usage_error(cli, open_prompt) -> None:
    result = cli("join", "--no-input", "--name", "Inès")
    assert result.code == 2
    assert "--no-input demande --answers FICHIER" in result.err


def test_join_of_a_closed_session_is_refused(cli, files) -> None:
    agenda, answers = files
    assert cli("start", str(agenda), "--no-input").code == 0
    result = cli("join", "--no-input", "--answers", str(answers), "--name", "Inès")
    assert result.code == 1
    assert "est terminée" in result.err


def test_join_without_any_session_says_how_to_start_one(cli, files, tmp_path) -> None:
    _agenda, answers = files
    Journal.open(Path(os.environ["SEMINAR_DB"])).close()
    result = cli("join", "--no-input", "--answers", str(answers))
    assert result.code == 1
    assert "Aucune séance dans ce journal" in result.err
