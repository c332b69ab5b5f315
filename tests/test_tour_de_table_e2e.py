"""The facilitator's terminal (a real pseudo-terminal, the live screen): a tour de table of two
participants at the facilitator's keyboard, and the live count of answers given from two
`seminar join` terminals (PRODUCT §3)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pexpect
import pytest

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

        # back on the live screen: the results of both prompts
        child.expect("Dernières réponses")
        child.expect("« La fondation en 2006 »")
        child.expect("Plénière")
        child.expect("1 · 50 %")
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
