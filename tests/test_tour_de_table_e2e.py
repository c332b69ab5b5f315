"""The facilitator's terminal (a real pseudo-terminal, the live screen): a tour de table of two
participants at the facilitator's keyboard, and the live count of answers given from two
`seminar join` terminals (PRODUCT §3)."""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import Any

import pexpect
import pytest

from seminar_cli.journal.events import EventType
from seminar_cli.journal.state import fold
from seminar_cli.journal.store import Journal
from seminar_cli.session.service import stored_agenda
from tests.conftest import seminar_cmd, subprocess_env
from tests.session_helpers import recorded_answers, spawn_seminar

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals")

DOWN = "\x1b[B"
ENTER = "\r"

TOUR = """\
title: Tour de table
participants:
  - name: Camille Martin
  - name: Dominique Petit
segments:
  - id: relisons
    title: Relisons notre histoire
    duration: 30m
    prompts:
      - id: moment
        question: Quel moment vous a le plus marqué ?
        who: each
      - id: format
        question: Quel format préférez-vous ?
        type: choice
        choices: [Atelier, Plénière, Forum ouvert]
        who: each
  - title: Clôture
    duration: 5m
"""

OPEN = """\
title: Atelier ouvert
participants:
  - name: Camille Martin
  - name: Dominique Petit
segments:
  - id: reinventons
    title: Ré-inventons la manière
    duration: 30m
    prompts:
      - id: idee
        question: Quelle idée pour faire alliance ?
        who: open
  - title: Clôture
    duration: 5m
"""


def _start(tmp_path: Path, agenda: str) -> pexpect.spawn:
    path = tmp_path / "agenda.yaml"
    path.write_text(agenda, encoding="utf-8")
    child = spawn_seminar(
        tmp_path,
        "start",
        str(path),
        "--speed",
        "1",
        "--place",
        "Paris",
        "--facilitator",
        "Alex Animateur",
        "--secretary",
        "Sam Secrétaire",
    )
    child.expect("Présences")
    child.send(ENTER)  # everyone is there
    child.expect("reste")  # the live screen's countdown
    return child


def _quit(child: pexpect.spawn) -> None:
    child.send("q")
    child.expect("quitter")
    child.send("y")
    child.expect("seminar resume")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_tour_de_table_of_two_at_the_facilitators_keyboard(tmp_path: Path):
    child = _start(tmp_path, TOUR)
    try:
        child.send("p")  # ask this segment's prompts now
        child.expect(re.escape("Au tour de Camille Martin (1/2)"))
        child.expect("Quel moment vous a le plus marqué")
        child.send("La fondation en 2006" + ENTER)
        child.expect(re.escape("Au tour de Dominique Petit (2/2)"))
        child.expect("Quel moment vous a le plus marqué")
        child.send("Le forum de 2015" + ENTER)

        child.expect(re.escape("Au tour de Camille Martin (1/2)"))
        child.expect("Quel format préférez-vous")
        child.expect("pas de réponse")
        child.send(DOWN + ENTER)  # Plénière
        child.expect(re.escape("Au tour de Dominique Petit (2/2)"))
        child.expect("pas de réponse")
        child.send(DOWN + DOWN + ENTER)  # Forum ouvert

        # back on the live screen: the latest results, then (←) the ones before
        child.expect("Plénière")
        child.expect("1 · 50 %")
        child.send("\x1b[D")
        child.expect("Dernières réponses")
        child.expect("« La fondation en 2006 »")
        assert recorded_answers(tmp_path) == [
            ("moment", "Camille Martin", "La fondation en 2006"),
            ("moment", "Dominique Petit", "Le forum de 2015"),
            ("format", "Camille Martin", "Plénière"),
            ("format", "Dominique Petit", "Forum ouvert"),
        ]
        _quit(child)
    finally:
        if child.isalive():
            child.terminate(force=True)


def test_live_screen_counts_the_answers_of_two_join_terminals(tmp_path: Path):
    facilitator = _start(tmp_path, OPEN)
    joiners: list[pexpect.spawn] = []
    try:
        facilitator.expect("0 réponse")
        for name in ("Camille Martin", "Dominique Petit"):
            joiner = spawn_seminar(tmp_path, "join", "--name", name)
            joiner.expect("Quelle idée pour faire alliance")
            joiners.append(joiner)

        joiners[0].send("Des binômes" + ENTER)
        joiners[0].expect("Réponse enregistrée")
        facilitator.expect("1 réponse")
        joiners[1].send("Un forum chaque année" + ENTER)
        joiners[1].expect("Réponse enregistrée")
        facilitator.expect("2 réponses")

        assert sorted(recorded_answers(tmp_path)) == [
            ("idee", "Camille Martin", "Des binômes"),
            ("idee", "Dominique Petit", "Un forum chaque année"),
        ]
        _quit(facilitator)
        for joiner in joiners:
            joiner.sendintr()
            joiner.expect(pexpect.EOF)
            joiner.close()
            assert joiner.exitstatus == 130
    finally:
        for child in (facilitator, *joiners):
            if child.isalive():
                child.terminate(force=True)


def test_live_screen_counts_anonymous_answers_still_waiting_for_their_batch(tmp_path: Path):
    facilitator = _start(tmp_path, OPEN.replace("who: open", "who: open\n        anonymous: true"))
    joiner = None
    try:
        facilitator.expect("0 réponse")
        joiner = spawn_seminar(tmp_path, "join", "--name", "Camille Martin")
        joiner.expect("Quelle idée pour faire alliance")
        joiner.send("Des binômes" + ENTER)
        joiner.expect("Réponse enregistrée")
        # the room sees the answer arrive, although the journal writes it only in a batch
        facilitator.expect("1 réponse")
        assert recorded_answers(tmp_path) == []
        _quit(facilitator)
        joiner.sendintr()
        joiner.expect(pexpect.EOF)
    finally:
        for child in (facilitator, joiner):
            if child is not None and child.isalive():
                child.terminate(force=True)


def _rows(tmp_path: Path, sql: str) -> list[tuple[Any, ...]]:
    con = sqlite3.connect(tmp_path / "journal.sqlite3", timeout=30)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def _hang_up(child: pexpect.spawn) -> int:
    """Close the terminal as tmux kill-session does: SIGHUP to the process group, the terminal
    gone; returns the exit code (bounded wait)."""
    os.killpg(os.getpgid(child.pid), signal.SIGHUP)
    child.ptyproc.fileobj.close()
    deadline = time.monotonic() + 60
    while child.ptyproc.isalive():
        assert time.monotonic() < deadline, "still running after the hang-up"
        time.sleep(0.05)
    status = child.ptyproc.status
    assert status is not None
    return os.waitstatus_to_exitcode(status)


def test_closing_the_terminal_during_a_tour_de_table_suspends_and_resume_keeps_the_time_left(
    tmp_path: Path,
):
    child = _start(tmp_path, TOUR)
    try:
        child.send("p")
        child.expect(re.escape("Au tour de Camille Martin (1/2)"))
        child.send("La fondation en 2006" + ENTER)
        child.expect(re.escape("Au tour de Dominique Petit (2/2)"))
        child.expect("Quel moment vous a le plus marqué")
        # the round goes on: the runner still shows signs of life (one every five seconds)
        asked = datetime.now().astimezone()
        deadline = time.monotonic() + 60
        while not any(
            datetime.fromisoformat(real) > asked
            for (real,) in _rows(tmp_path, "SELECT real_at FROM heartbeats")
        ):
            assert time.monotonic() < deadline, "no heartbeat during the round"
            time.sleep(0.1)
        code = _hang_up(child)
    finally:
        if child.isalive():
            child.terminate(force=True)
    assert code == 128 + signal.SIGHUP
    events = _rows(tmp_path, "SELECT seq, type, at, payload FROM events ORDER BY seq")
    kinds = [kind for _seq, kind, _at, _payload in events]
    assert kinds[-1] == "session_suspended"
    assert json.loads(events[-1][3]) == {"reason": "signal"}
    assert _rows(tmp_path, "SELECT COUNT(*) FROM heartbeats") == [(0,)]
    assert recorded_answers(tmp_path) == [("moment", "Camille Martin", "La fondation en 2006")]
    started = next(datetime.fromisoformat(at) for _s, k, at, _p in events if k == "segment_started")
    ran = (datetime.fromisoformat(events[-1][2]) - started).total_seconds()
    assert ran >= 5  # the round's time counts: the segment ran until the terminal closed

    resumed = subprocess.run(
        [*seminar_cmd(), "resume", "--no-input", "--speed", "600"],
        env=subprocess_env(tmp_path, SEMINAR_LANG="fr"),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert resumed.returncode == 0, resumed.stderr
    with Journal.open(tmp_path / "journal.sqlite3", create=False) as journal:
        row = journal.sessions()[0]
        after = journal.events(row.id)
        resume = next(e for e in after if e.type == EventType.session_resumed)
        assert resume.payload == {}  # a known stop, not a crash
        state = fold(row.id, stored_agenda(row), [e for e in after if e.seq <= resume.seq])
    assert state.segments["relisons"].remaining_at(resume.at) == pytest.approx(30 * 60 - ran)
    shown = re.search(r"reprise : reste (\d\d):(\d\d) sur 30 min", resumed.stderr)
    assert shown is not None, resumed.stderr
    # what was left when it resumed, to the second (not when a loaded machine printed it)
    assert abs(int(shown[1]) * 60 + int(shown[2]) - (30 * 60 - ran)) <= 1
