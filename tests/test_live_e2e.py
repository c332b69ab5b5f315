"""``seminar start`` in a real pseudo-terminal: setup questions, the live screen, real keys, and
what the journal then holds (pexpect; PROMPT_TOOLKIT_NO_CPR=1 comes from subprocess_env)."""

from __future__ import annotations

import re
import subprocess
import textwrap

import pexpect

from seminar_cli.journal.store import Journal
from tests.agendas import OFFICE_MEETING
from tests.conftest import seminar_cmd, subprocess_env

AGENDA = """\
title: Essai en direct
segments:
  - id: accueil
    title: Accueil des participants
    kind: welcome
    duration: 2m
    description: Installez-vous.
  - id: echange
    title: Échange
    duration: 1m
"""

ROSTER_AGENDA = """\
title: Réunion de bureau
participants:
  - name: Ana Lopez
  - name: Bruno Petit
  - name: Chloé Roy
segments:
  - id: point
    title: Point d'étape
    duration: 5m
"""


DOWN = "\x1b[B"
FLAGS = ("--place", "Paris", "--facilitator", "Alex", "--secretary", "Sam")
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def spawn(tmp_path, *args: str, agenda: str = AGENDA, rows: int = 35, cols: int = 120):
    path = tmp_path / "agenda.yaml"
    path.write_text(textwrap.dedent(agenda), encoding="utf-8")
    command = seminar_cmd()
    child = pexpect.spawn(
        command[0],
        [*command[1:], *args],
        cwd=str(tmp_path),
        env=subprocess_env(tmp_path),
        dimensions=(rows, cols),
        encoding="utf-8",
        timeout=15,
    )
    return child


def start(tmp_path, *extra: str, **kwargs):
    return spawn(tmp_path, "start", "agenda.yaml", *FLAGS, *extra, **kwargs)


def quit_session(child) -> str:
    child.send("q")
    child.expect("o/y : quitter")
    child.send("y")
    child.expect(pexpect.EOF)
    child.close()
    return child.before


def journal_events(tmp_path) -> list[tuple[str, dict]]:
    with Journal.open(tmp_path / "journal.sqlite3", create=False) as journal:
        (row,) = journal.sessions()
        return [(e.type, e.payload) for e in journal.events(row.id)]


def types(events) -> list[str]:
    return [kind for kind, _ in events]


def test_keys_on_the_live_screen_are_journal_events(tmp_path):
    child = start(tmp_path)
    child.expect("Accueil des participants")
    child.expect("EN COURS")
    child.expect(r"reste 0[12]:\d\d sur 02:00")
    child.send(" ")
    child.expect("PAUSE")
    child.send(" ")
    child.expect("EN COURS")
    child.send("+")
    child.expect("sur 03:00")
    child.send("2")
    child.send("+")
    child.expect("sur 05:00")
    child.send("n")
    child.expect("Échange")
    child.expect("Ensuite : fin du séminaire")
    rest = quit_session(child)
    assert child.exitstatus == 0
    assert "\x1b[?1049l" in rest  # the full screen was left: the terminal is the user's again
    assert "mise en pause ; rien n'est perdu" in rest
    events = journal_events(tmp_path)
    assert types(events) == [
        "session_opened",
        "segment_started",
        "segment_paused",
        "segment_resumed",
        "segment_extended",
        "segment_extended",
        "segment_ended",
        "segment_started",
        "session_suspended",
    ]
    opened = events[0][1]
    assert (opened["place"], opened["facilitator"], opened["secretary"]) == ("Paris", "Alex", "Sam")
    assert [p["seconds"] for k, p in events if k == "segment_extended"] == [60, 120]
    assert events[-1][1] == {"reason": "quit"}


def test_setup_questions_and_attendance_on_one_screen(tmp_path):
    child = spawn(tmp_path, "start", "agenda.yaml", agenda=ROSTER_AGENDA)
    child.expect("Lieu de la séance")
    child.sendline("Salle B")
    child.expect("Animateur")
    child.sendline("")  # Enter leaves it blank
    child.expect("Secrétaire")
    child.sendline("Sam")
    child.expect("Présences : décochez")
    child.expect("Chloé Roy")
    child.send(DOWN)
    child.send(" ")  # Bruno is not here
    child.send("\r")
    child.expect("Bruno Petit n'est pas là")
    child.send(DOWN + "\r")  # absent
    child.expect("2 présents, 0 excusé, 1 absent, 0 représenté")
    child.expect("EN COURS")
    quit_session(child)
    assert child.exitstatus == 0
    events = journal_events(tmp_path)
    opened = events[0][1]
    assert opened["place"] == "Salle B"
    assert "facilitator" not in opened  # left blank
    assert opened["secretary"] == "Sam"
    attendance = [(p["participant"], p["status"]) for k, p in events if k == "attendance"]
    assert attendance == [
        ("Ana Lopez", "present"),
        ("Bruno Petit", "absent"),
        ("Chloé Roy", "present"),
    ]


def test_represented_by_someone_present(tmp_path):
    child = spawn(tmp_path, "start", "agenda.yaml", *FLAGS, agenda=ROSTER_AGENDA)
    child.expect("Chloé Roy")
    child.send(" ")  # Ana is not here
    child.send("\r")
    child.expect("Ana Lopez n'est pas là")
    child.send(DOWN + DOWN + "\r")  # represented
    child.expect("représenté\\(e\\) par")
    child.sendline("Chloé Roy")
    child.expect("EN COURS")
    quit_session(child)
    events = journal_events(tmp_path)
    first = next(p for k, p in events if k == "attendance")
    assert first == {
        "participant": "Ana Lopez",
        "status": "represented",
        "represented_by": "Chloé Roy",
    }


def test_p_asks_each_person_then_the_screen_comes_back_with_the_results(tmp_path):
    child = start(tmp_path, agenda=OFFICE_MEETING)
    child.expect("Bruno Petit")
    child.send("\r")  # everyone is here
    child.expect("p : poser la question de ce segment")
    child.send("p")
    child.expect("Au tour d'Ana Lopez")
    child.expect("moyen")
    child.send("\r")  # bien
    child.expect("Au tour de Bruno Petit")
    child.expect("moyen")
    child.send(DOWN + "\r")  # moyen
    child.expect("EN COURS")  # the live screen again
    child.expect("Comment ça va \\?")  # its results, for the room
    child.expect("1 · 50 %")
    child.send("n")  # nothing left to ask: straight to the next segment
    child.expect("Conclusion")
    child.send("n")  # the last one: the session closes, once confirmed
    child.expect("terminer le séminaire")
    child.send("y")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "terminée" in child.before
    events = journal_events(tmp_path)
    answers = [(p["participant"], p["value"]) for k, p in events if k == "answer_given"]
    assert answers == [("Ana Lopez", "bien"), ("Bruno Petit", "moyen")]
    assert types(events)[-1] == "session_closed"


def test_ctrl_c_restores_the_terminal_and_keeps_the_session(tmp_path):
    child = start(tmp_path)
    child.expect("EN COURS")
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert "\x1b[?1049l" in child.before
    assert "Interrompu" in child.before
    events = journal_events(tmp_path)
    assert events[-1] == ("session_suspended", {"reason": "interrupt"})


def test_resume_shows_the_paused_segment(tmp_path):
    child = start(tmp_path)
    child.expect("EN COURS")
    child.send(" ")
    child.expect("PAUSE")
    quit_session(child)
    child = spawn(tmp_path, "resume")
    child.expect("Accueil des participants")
    child.expect("PAUSE")
    child.send(" ")
    child.expect("EN COURS")
    quit_session(child)
    assert child.exitstatus == 0
    kinds = types(journal_events(tmp_path))
    assert kinds[-4:] == [
        "session_suspended",
        "session_resumed",
        "segment_resumed",
        "session_suspended",
    ]


def test_rehearsal_speed_reaches_overtime_and_rings(tmp_path):
    child = start(tmp_path, "--speed", "60")
    child.expect("RÉPÉTITION ×60")
    child.expect("\a")  # the 20 % warning (24 s of the session clock: 0.4 s)
    child.expect("DÉPASSEMENT")
    child.expect(r"\+0[0-9]:\d\d au-delà des 02:00 prévues")
    quit_session(child)
    assert child.exitstatus == 0


def test_resize_redraws_for_the_new_size(tmp_path):
    child = start(tmp_path)
    child.expect("f notes · a présences · \\? aide · q quitter")  # one line in 120 columns
    child.setwinsize(24, 80)
    child.expect("␣ pause · n suivant · \\+/- minute · p questions · r re-planifier · f notes")
    quit_session(child)
    assert child.exitstatus == 0


def test_80x24_fits(tmp_path):
    child = start(tmp_path, rows=24, cols=80)
    child.expect("EN COURS")
    child.expect("q quitter")
    quit_session(child)
    assert child.exitstatus == 0


def test_without_a_terminal_says_so_and_exits_1(tmp_path):
    (tmp_path / "agenda.yaml").write_text(AGENDA, encoding="utf-8")
    done = subprocess.run(
        [*seminar_cmd(), "start", "agenda.yaml", *FLAGS],
        cwd=tmp_path,
        env=subprocess_env(tmp_path),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert "ne trouve pas de terminal" in done.stderr
    assert "--no-input" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "journal.sqlite3").exists()  # nothing was opened


def test_without_a_terminal_in_process(cli, tmp_path):
    (tmp_path / "agenda.yaml").write_text(AGENDA, encoding="utf-8")
    result = cli("start", "agenda.yaml")
    assert result.code == 1
    assert "ne trouve pas de terminal" in result.err


def test_english_live_screen(tmp_path):
    child = spawn(tmp_path, "--lang", "en", "start", "agenda.yaml", *FLAGS)
    child.expect("RUNNING")
    child.send(" ")
    child.expect("PAUSED")
    child.send("q")
    child.expect("y: quit")
    child.send("y")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "suspended; nothing is lost" in ANSI.sub("", child.before)
