"""The agenda file is changed on disk while its session runs — titles and durations rewritten, a
segment removed, a choice dropped, the file broken or deleted.  The copy stored in the journal
when the session opened wins everywhere: ``join``, ``note --segment``, ``resume``,
``sessions show`` and every ``export``."""

from __future__ import annotations

import html
import json
import signal
import subprocess
import time
from pathlib import Path

import pytest

from seminar_cli.journal.store import Journal
from seminar_cli.session.service import load_state
from tests.conftest import seminar_cmd, subprocess_env
from tests.session_helpers import InstantClock

ORIGINAL = """\
title: Séminaire d'origine
language: fr
participants:
  - name: Inès
  - name: Hugo
segments:
  - id: relisons
    title: Relisons notre histoire
    duration: 2h
    prompts:
      - id: couleur
        question: "Quelle couleur ?"
        type: choice
        choices: [Rouge, Vert, Bleu]
        who: open
  - id: relions
    title: Relions-la à nos défis
    duration: 20m
    prompts:
      - id: note
        question: "Votre note ?"
        type: rating
        who: room
  - id: cloture
    title: Clôture
    duration: 5m
"""

# the same file, edited by someone else during the session
CHANGED = """\
title: Séminaire réécrit
language: en
segments:
  - id: relisons
    title: Titre changé en cours de route
    duration: 1m
    prompts:
      - id: couleur
        question: "Which colour?"
        type: choice
        choices: [Red, Blue]
        who: open
  - id: nouveau
    title: Segment ajouté sur le disque
    duration: 3m
"""
VARIANTS = {
    "rewritten": CHANGED,
    "broken": "title: [jamais refermé\nsegments: {\n",
    "not an agenda": "- juste\n- une liste\n",
    "deleted": None,
}
ORIGINAL_TITLES = ["Relisons notre histoire", "Relions-la à nos défis", "Clôture"]
NEW_TEXTS = ["Séminaire réécrit", "Titre changé", "Segment ajouté", "Which colour", "Red"]


def running_session(db: Path, proc: subprocess.Popen[str]) -> str:
    """Wait until the facilitator's first segment runs with its open prompt."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.communicate()
        if db.exists():
            journal = Journal.open(db, create=False)
            try:
                rows = journal.sessions()
                if rows and "couleur" in load_state(journal, rows[0]).open_prompts:
                    return rows[0].id
            finally:
                journal.close()
        time.sleep(0.05)
    raise AssertionError("the session never started")


@pytest.fixture
def app_clock() -> type[InstantClock]:
    """Rehearsals at full speed take no time: the sessions ``cli`` runs sleep on this clock."""
    return InstantClock


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_the_stored_agenda_wins_over_the_file_changed_on_disk(
    cli, tmp_path: Path, variant: str
) -> None:
    agenda = tmp_path / "seminaire.yaml"
    agenda.write_text(ORIGINAL, encoding="utf-8")
    db = tmp_path / "journal.sqlite3"
    facilitator = subprocess.Popen(
        [*seminar_cmd(), "start", str(agenda), "--no-input", "--place", "Lyon"],
        env=subprocess_env(tmp_path, SEMINAR_LANG="fr"),
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        session_id = running_session(db, facilitator)
        # someone edits (or breaks, or deletes) the file while the session runs
        content = VARIANTS[variant]
        if content is None:
            agenda.unlink()
        else:
            agenda.write_text(content, encoding="utf-8")

        # a participant joins: the stored prompt and its stored choices
        answers = tmp_path / "answers.yaml"
        answers.write_text("couleur: [Vert]\n", encoding="utf-8")
        joined = cli("join", "--no-input", "--answers", str(answers), "--name", "Inès")
        assert joined.code == 0, joined.err
        assert "1 réponse envoyée" in joined.err
        # the secretary writes to a segment the new file no longer has
        noted = cli("note", "Relions : à préparer", "--segment", "relions")
        assert noted.code == 0, noted.err
        assert "Relions-la à nos défis" in noted.err
    finally:
        facilitator.send_signal(signal.SIGTERM)
        _out, err = facilitator.communicate(timeout=60)
    assert "Traceback" not in err, err

    # resumed after the edit (on the instant clock): the stored segments, durations and prompts
    room = tmp_path / "room.yaml"
    room.write_text("note: [4]\n", encoding="utf-8")  # a prompt only the stored copy has
    resumed = cli("resume", "--no-input", "--speed", "10000", "--answers", str(room))
    assert resumed.code == 0, resumed.err
    assert "Traceback" not in resumed.err
    for title in ORIGINAL_TITLES[1:]:
        assert title in resumed.err
    assert not any(text in resumed.err for text in NEW_TEXTS)

    shown = cli("sessions", "show", session_id, "--json")
    assert shown.code == 0, shown.err
    assert json.loads(shown.out)["title"] == "Séminaire d'origine"
    assert not any(text in shown.out for text in NEW_TEXTS)

    minutes = json.loads(cli("export", session_id, "--format", "json", "--output", "-").out)
    assert minutes["session"]["title"] == "Séminaire d'origine"
    assert minutes["session"]["language"] == "fr"
    assert [s["title"] for s in minutes["segments"]] == ORIGINAL_TITLES
    assert [s["planned_seconds"] for s in minutes["segments"]] == [7200, 1200, 300]
    by_id = {s["id"]: s for s in minutes["segments"]}
    (couleur,) = by_id["relisons"]["prompts"]
    assert couleur["question"] == "Quelle couleur ?"
    assert [(r["participant"], r["value"]) for r in couleur["responses"]] == [("Inès", "Vert")]
    assert [n["text"] for n in by_id["relions"]["notes"]] == ["Relions : à préparer"]
    (note,) = by_id["relions"]["prompts"]
    assert [r["value"] for r in note["responses"]] == [4]
    assert [p["name"] for p in minutes["participants"]] == ["Inès", "Hugo"]
    for fmt in ("md", "html", "csv"):
        result = cli("export", session_id, "--format", fmt, "--output", "-")
        assert result.code == 0, result.err
        text = html.unescape(result.out) if fmt == "html" else result.out
        assert "Séminaire d'origine" in text or fmt == "csv"
        assert "Quelle couleur ?" in text
        assert not any(new in text for new in NEW_TEXTS), fmt
    # the file on disk is left as it was made
    if content is None:
        assert not agenda.exists()
    else:
        assert agenda.read_text(encoding="utf-8") == content


def test_an_agenda_with_a_number_too_long_to_print_is_explained(cli, tmp_path: Path) -> None:
    """Found by the answers properties: an integer of thousands of digits ended in a traceback
    in the agenda loader too (Python refuses to turn it into text)."""
    agenda = tmp_path / "nombres.yaml"
    agenda.write_text(
        "title: 0x" + "f" * 5000 + "\nsegments:\n  - title: Un\n    duration: " + "9" * 5000 + "\n",
        encoding="utf-8",
    )
    result = cli("agenda", "validate", str(agenda))
    assert result.code == 1
    assert "Traceback" not in result.err
    assert "ligne 4 · segments[0].duration : durée invalide" in result.err
