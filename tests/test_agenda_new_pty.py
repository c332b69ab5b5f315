"""`seminar agenda new FILE` in a real pseudo-terminal: real keys typed into the questions."""

from __future__ import annotations

import sys

import pexpect
import pytest

from seminar_cli.agenda.loader import read_agenda_file
from seminar_cli.agenda.models import SegmentKind
from tests.conftest import seminar_cmd, subprocess_env

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")

UP = "\x1b[A"
DOWN = "\x1b[B"
ENTER = "\r"
CLEAR = "\x15"  # Ctrl-U: empties the line (the title comes pre-filled with a default)


def spawn(tmp_path, *args: str, lang: str = "fr") -> pexpect.spawn:
    command = seminar_cmd()
    env = subprocess_env(
        tmp_path,
        PROMPT_TOOLKIT_NO_CPR="1",
        TERM="xterm-256color",
        LANG="fr_FR.UTF-8" if lang == "fr" else "en_US.UTF-8",
    )
    env.pop("SEMINAR_LANG", None)
    env.pop("COLUMNS", None)  # the pseudo-terminal's own size applies
    child = pexpect.spawn(
        command[0],
        [*command[1:], *args],
        env=env,
        cwd=str(tmp_path),
        dimensions=(30, 100),
        encoding="utf-8",
        timeout=30,
    )
    return child


def answer(child: pexpect.spawn, question: str, keys: str) -> None:
    child.expect_exact(question)
    child.send(keys)


def finish(child: pexpect.spawn) -> tuple[int, str]:
    child.expect(pexpect.EOF)
    transcript = child.before or ""
    child.close()
    return child.exitstatus if child.exitstatus is not None else -1, transcript


def test_interactive_new_writes_what_was_typed(tmp_path):
    target = tmp_path / "atelier.yaml"
    child = spawn(tmp_path, "agenda", "new", str(target))
    answer(child, "Titre du séminaire :", CLEAR + "Atelier d'été" + ENTER)
    answer(child, "Organisation (Entrée pour passer) :", "Le RAMEAU" + ENTER)
    child.expect_exact("Langue du séminaire :")
    child.expect_exact("anglais")
    child.send(DOWN + ENTER)  # from français (the current language) to anglais
    answer(child, "Heure de début (HH:MM, Entrée pour passer) :", "25:00" + ENTER)
    child.expect_exact("Heure invalide : écrivez HH:MM, par exemple 14:00.")
    child.send(CLEAR + "9h30" + ENTER)  # French people write 9h30
    answer(child, "Heure de fin impérative (HH:MM, Entrée pour passer) :", "12:00" + ENTER)
    answer(child, "Titre de la séquence 1 (Entrée pour terminer) :", ENTER)
    child.expect_exact("Il faut au moins une séquence.")
    answer(child, "Titre de la séquence 1 (Entrée pour terminer) :", "Accueil" + ENTER)
    answer(child, "Durée (ex. 15m, 1h30) :", CLEAR + "1h75" + ENTER)
    child.expect_exact("Durée invalide : essayez 15m, 1h30, 90s ou 20.")
    child.send(CLEAR + "20m" + ENTER)
    answer(child, "Type de séquence :", UP * 3 + ENTER)  # from « échange » up to « accueil »
    answer(child, "Titre de la séquence 2 (Entrée pour terminer) :", "Pause" + ENTER)
    answer(child, "Durée (ex. 15m, 1h30) :", ENTER)  # the default, 15m
    answer(child, "Type de séquence :", DOWN + DOWN + ENTER)  # atelier, then pause
    answer(child, "Titre de la séquence 3 (Entrée pour terminer) :", "Pause" + ENTER)
    answer(child, "Durée (ex. 15m, 1h30) :", CLEAR + "1h" + ENTER)
    answer(child, "Type de séquence :", ENTER)
    answer(child, "Titre de la séquence 4 (Entrée pour terminer) :", ENTER)
    code, transcript = finish(child)
    assert code == 0, transcript
    assert f"Agenda écrit dans {target}." in transcript
    assert "Traceback" not in transcript

    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Seminar agenda for `seminar`")  # the comments follow its language
    agenda = read_agenda_file(target).agenda
    assert agenda.title == "Atelier d'été"
    assert agenda.organization == "Le RAMEAU"
    assert agenda.language == "en"
    assert agenda.starts_at is not None and agenda.starts_at.strftime("%H:%M") == "09:30"
    assert agenda.ends_by is not None and agenda.ends_by.strftime("%H:%M") == "12:00"
    assert [(s.id, s.title, s.duration, s.kind) for s in agenda.segments] == [
        ("accueil", "Accueil", 20 * 60, SegmentKind.welcome),
        ("pause", "Pause", 15 * 60, SegmentKind.break_),
        ("pause-2", "Pause", 60 * 60, SegmentKind.discussion),
    ]


def test_interactive_new_in_english(tmp_path):
    target = tmp_path / "retro.yaml"
    child = spawn(tmp_path, "--lang", "en", "agenda", "new", str(target), lang="en")
    answer(child, "Seminar title:", CLEAR + "Retro" + ENTER)
    answer(child, "Organisation (Enter to skip):", ENTER)
    child.expect_exact("Seminar language:")
    child.expect_exact("English")
    child.send(ENTER)  # the cursor starts on the current language
    answer(child, "Start time (HH:MM, Enter to skip):", ENTER)
    answer(child, "Hard stop time (HH:MM, Enter to skip):", ENTER)
    answer(child, "Title of segment 1 (Enter to finish):", "Check-in" + ENTER)
    answer(child, "Duration (e.g. 15m, 1h30):", CLEAR + "10" + ENTER)
    answer(child, "Segment kind:", ENTER)
    answer(child, "Title of segment 2 (Enter to finish):", ENTER)
    code, transcript = finish(child)
    assert code == 0, transcript
    assert f"Agenda written to {target}." in transcript
    agenda = read_agenda_file(target).agenda
    assert agenda.title == "Retro"
    assert agenda.organization is None and agenda.starts_at is None
    assert agenda.language == "en"
    assert [(s.title, s.duration) for s in agenda.segments] == [("Check-in", 600)]


def test_ctrl_c_writes_nothing(tmp_path):
    target = tmp_path / "nope.yaml"
    child = spawn(tmp_path, "agenda", "new", str(target))
    answer(child, "Titre du séminaire :", "\x03")
    code, transcript = finish(child)
    assert code == 130
    assert "Interrompu." in transcript
    assert "Traceback" not in transcript
    assert not target.exists()
