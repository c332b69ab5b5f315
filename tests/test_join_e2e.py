"""Two participants' terminals (real pseudo-terminals) answering the open prompts of a session
that runs in another process, as on the facilitator's laptop (PRODUCT §2, `seminar join`)."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pexpect
import pytest

from seminar_cli.journal.events import EventType
from seminar_cli.journal.sealing import SEALED_PLAINTEXT
from tests.conftest import seminar_cmd, subprocess_env
from tests.session_helpers import recorded_answers, spawn_seminar

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals")

DOWN = "\x1b[B"
ENTER = "\r"

AGENDA = """\
title: Atelier de test
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
      - id: format
        question: Quel format préférez-vous ?
        type: choice
        choices: [Atelier, Plénière, Forum ouvert]
        who: open
      - id: confiance
        question: Votre confiance dans le projet ?
        type: rating
        anonymous: true
        who: open
  - title: Clôture
    duration: 5m
"""


def _start_headless(tmp_path: Path, agenda: Path) -> tuple[subprocess.Popen[bytes], Path]:
    """``seminar start AGENDA --no-input`` in real time; what it says goes to the file returned."""
    talk = tmp_path / "start.err"
    with talk.open("w") as err:
        start = subprocess.Popen(
            [*seminar_cmd(), "start", str(agenda), "--no-input", "--speed", "1"],
            env=subprocess_env(tmp_path),
            cwd=tmp_path,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=err,
        )
    return start, talk


def _wait_for(path: Path, text: str, timeout: float = 20) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        content = path.read_text(encoding="utf-8") if path.exists() else ""
        if text in content:
            return content
        time.sleep(0.1)
    raise AssertionError(f"{text!r} never appeared in {path}: {content!r}")


def test_two_join_terminals_answer_an_open_prompt(tmp_path: Path):
    agenda = tmp_path / "atelier.yaml"
    agenda.write_text(AGENDA, encoding="utf-8")
    start, talk = _start_headless(tmp_path, agenda)
    camille = dominique = None
    try:
        _wait_for(talk, "Ré-inventons la manière")
        camille = spawn_seminar(tmp_path, "join", "--name", "Camille Martin")
        dominique = spawn_seminar(tmp_path, "join", "--name", "Dominique Petit")
        for child in (camille, dominique):
            child.expect("Séance : Atelier de test")
            child.expect("Quelle idée pour faire alliance")

        camille.send("Des binômes jeunes-dirigeants" + ENTER)
        dominique.send("Un forum ouvert chaque année" + ENTER)
        for child in (camille, dominique):
            child.expect("Réponse enregistrée")
            child.expect("Quel format préférez-vous")
            child.expect("pas de réponse")  # the whole list is drawn

        camille.send(DOWN + DOWN + ENTER)  # Forum ouvert
        dominique.send(DOWN + ENTER)  # Plénière
        for child in (camille, dominique):
            child.expect("Réponse enregistrée")
            child.expect("Votre confiance dans le projet")
        camille.send(DOWN * 4 + ENTER)  # 5
        dominique.send(DOWN * 3 + ENTER)  # 4
        for child in (camille, dominique):
            child.expect("Réponse enregistrée")
            child.expect("En attente de la prochaine question")

        assert sorted(recorded_answers(tmp_path), key=str) == sorted(
            [
                ("idee", "Camille Martin", "Des binômes jeunes-dirigeants"),
                ("idee", "Dominique Petit", "Un forum ouvert chaque année"),
                ("format", "Camille Martin", "Forum ouvert"),
                ("format", "Dominique Petit", "Plénière"),
            ],
            key=str,
        )
        # the anonymous answers wait, with no name, for a batch of five or the prompt's close:
        # written now, next to each person's named answers, they would tell whose they are
        # (sealed to the runner's key, padded to one length: their values do not show)
        assert pending_anonymous(tmp_path) == [("confiance", SEALED_LENGTH)] * 2

        # a participant leaves with Ctrl-C: exit 130, the answers stay
        camille.sendintr()
        camille.expect("Vous avez quitté la séance")
        camille.expect(pexpect.EOF)
        camille.close()
        assert camille.exitstatus == 130
        assert len(recorded_answers(tmp_path)) == 4
        assert len(pending_anonymous(tmp_path)) == 2
    finally:
        start.send_signal(signal.SIGINT)
        start.wait(timeout=20)
        for child in (camille, dominique):
            if child is not None and child.isalive():
                child.terminate(force=True)
    assert start.returncode == 130


SEALED_LENGTH = SEALED_PLAINTEXT + 48  # a sealed box adds an ephemeral key and a MAC


def pending_anonymous(tmp_path: Path) -> list[tuple[str, int]]:
    """(prompt, length of the sealed bytes) of each answer waiting in the pool."""
    with sqlite3.connect(tmp_path / "journal.sqlite3") as db:
        rows = db.execute("SELECT prompt, value FROM anonymous_pool").fetchall()
    return sorted((str(prompt), len(value)) for prompt, value in rows)


def test_join_ends_when_the_session_closes(tmp_path: Path):
    agenda = tmp_path / "court.yaml"
    agenda.write_text(
        AGENDA.replace("duration: 30m", "duration: 8s").replace("duration: 5m", "duration: 1s"),
        encoding="utf-8",
    )
    start, talk = _start_headless(tmp_path, agenda)
    try:
        _wait_for(talk, "Ré-inventons la manière")
        child = spawn_seminar(tmp_path, "join", "--name", "Camille Martin")
        child.expect("Quelle idée pour faire alliance")
        # no answer: the segment ends, the question goes away by itself
        child.expect("fermée avant l'envoi de votre réponse")
        child.expect("La séance est terminée. Merci !")
        child.expect(pexpect.EOF)
        child.close()
        assert child.exitstatus == 0
    finally:
        start.wait(timeout=30)
    assert start.returncode == 0
    assert recorded_answers(tmp_path) == []


LATE = """\
title: Arrivée tardive
language: fr
segments:
  - id: un
    title: Un
    duration: 2m
    prompts:
      - {id: accueil, question: "Un mot d'accueil ?", type: words, who: open}
  - id: deux
    title: Deux
    duration: 30m
    prompts:
      - {id: idee, question: "Une idée ?", type: text, who: open}
"""


def test_a_late_scripted_joiner_is_told_which_prompts_closed_before_it_came(tmp_path: Path):
    agenda = tmp_path / "tard.yaml"
    agenda.write_text(LATE, encoding="utf-8")
    answers = tmp_path / "reponses.yaml"
    answers.write_text("accueil: [bonjour]\nidee: [Un forum]\n", encoding="utf-8")
    env = subprocess_env(tmp_path, SEMINAR_LANG="fr")
    # "accueil" opened and closed before this participant comes; "idee" is open
    runner = _rehearsal_until_open(tmp_path, agenda, "idee", env)
    try:
        joined = _lea_joins(answers, env)
        still_running = runner.poll() is None
    finally:
        runner.send_signal(signal.SIGKILL)
        runner.wait(timeout=30)
    assert joined.returncode == 0, joined.stderr
    assert still_running  # it did not wait for the session's end
    assert "1 réponse envoyée" in joined.stderr
    assert "0 question non ouverte" in joined.stderr
    assert "1 question déjà fermée avant de pouvoir y répondre : accueil." in joined.stderr
    assert recorded_answers(tmp_path) == [("idee", "Léa", "Un forum")]


def _rehearsal_until_open(
    tmp_path: Path, agenda: Path, prompt: str, env: dict[str, str]
) -> subprocess.Popen[bytes]:
    """A headless rehearsal at ×60, once ``prompt`` has opened (killed if it never does)."""
    runner = subprocess.Popen(
        [*seminar_cmd(), "start", str(agenda), "--no-input", "--speed", "60"],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while prompt not in _opened(tmp_path):
        if time.monotonic() > deadline or runner.poll() is not None:
            runner.kill()
            runner.wait(timeout=30)
            raise AssertionError(f"{prompt} never opened")
        time.sleep(0.05)
    return runner


def _lea_joins(answers: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*seminar_cmd(), "join", "--no-input", "--answers", str(answers), "--name", "Léa"],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _opened(tmp_path: Path) -> list[str]:
    """The prompts opened so far (none while the journal is being created)."""
    import json
    import sqlite3

    db = tmp_path / "journal.sqlite3"
    if not db.exists():
        return []
    con = sqlite3.connect(db, timeout=30)
    try:
        rows = con.execute(
            "SELECT payload FROM events WHERE type = 'prompt_opened' ORDER BY seq"
        ).fetchall()
    except sqlite3.OperationalError:  # the schema is being created
        return []
    finally:
        con.close()
    return [json.loads(r[0])["prompt"] for r in rows]


LONG = """\
title: Récits
participants:
  - name: Camille Martin
segments:
  - id: recits
    title: Relisons notre histoire
    duration: 30m
    prompts:
      - id: moment
        question: Racontez un moment marquant de l'histoire du réseau, celui que vous raconteriez à un nouveau venu
        type: long_text
        who: open
      - id: chainon
        question: Quel chaînon manque ?
        type: long_text
        who: open
"""


def test_a_multi_line_answer_at_80_columns_is_sent_by_an_empty_line_or_esc_enter(
    tmp_path: Path,
):
    agenda = tmp_path / "recits.yaml"
    agenda.write_text(LONG, encoding="utf-8")
    start, talk = _start_headless(tmp_path, agenda)
    child = None
    try:
        _wait_for(talk, "Relisons notre histoire")
        child = spawn_seminar(tmp_path, "join", "--name", "Camille Martin", dimensions=(24, 80))
        child.expect("un nouveau venu", timeout=60)
        # the whole hint, on its own line, within 80 columns
        child.expect(r"\(pour envoyer : Entrée sur une ligne vide, ou Échap puis Entrée\)")
        child.send("La rencontre de 2012" + ENTER + "à Lyon" + ENTER)
        child.send(ENTER)  # an empty line sends
        child.expect("Réponse enregistrée", timeout=60)
        child.expect("Quel chaînon manque", timeout=60)
        child.send("Les territoires")
        child.send("\x1b")
        time.sleep(1.5)  # longer than the terminal's escape delay: Esc arrives as a key alone
        child.send(ENTER)
        child.expect("Réponse enregistrée", timeout=60)
        assert sorted(recorded_answers(tmp_path), key=str) == [
            ("chainon", "Camille Martin", "Les territoires"),
            ("moment", "Camille Martin", "La rencontre de 2012\nà Lyon"),
        ]
    finally:
        start.send_signal(signal.SIGINT)
        start.wait(timeout=60)
        if child is not None and child.isalive():
            child.terminate(force=True)


def test_answers_from_join_are_timed_on_the_rehearsals_clock(tmp_path: Path):
    """A rehearsal at --speed 60 runs sixty times faster than the wall: an answer sent from
    `join` is timed as its segment is, not at the wall's time."""
    from datetime import datetime, timedelta

    from tests.session_helpers import journal

    agenda = tmp_path / "repetition.yaml"
    agenda.write_text(LONG.replace("type: long_text", "type: text"), encoding="utf-8")
    answers = tmp_path / "reponses.yaml"
    answers.write_text("chainon: [Les territoires]\n", encoding="utf-8")
    env = subprocess_env(tmp_path, SEMINAR_LANG="fr")
    runner = _rehearsal_until_open(tmp_path, agenda, "chainon", env)
    try:
        joined = _lea_joins(answers, env)
        wall_after = datetime.now().astimezone()
    finally:
        runner.send_signal(signal.SIGKILL)
        runner.wait(timeout=30)
    assert joined.returncode == 0, joined.stderr
    events = journal().events(journal().sessions()[0].id)
    started = next(e for e in events if e.type == EventType.segment_started)
    answer = next(e for e in events if e.type == EventType.answer_given)
    # a Python process takes more than 0.1 s to start: at least 6 s of session time
    assert answer.at > wall_after + timedelta(seconds=5)
    assert answer.at > started.at


def run_yesterdays_session(agenda: Path, text: str, env: dict[str, str]) -> None:
    """A whole session of ``text``, run headless and closed: the journal's last one."""
    agenda.write_text(text, encoding="utf-8")
    yesterday = subprocess.run(
        [*seminar_cmd(), "start", str(agenda), "--no-input", "--speed", "1000"],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert yesterday.returncode == 0, yesterday.stderr


def test_join_before_the_facilitator_starts_waits_for_the_next_session(tmp_path: Path):
    """The journal holds yesterday's closed session: `join` waits for today's, saying so."""
    agenda = tmp_path / "atelier.yaml"
    env = subprocess_env(tmp_path, SEMINAR_LANG="fr")
    run_yesterdays_session(agenda, AGENDA, env)
    child = spawn_seminar(tmp_path, "join", "--name", "Camille Martin")
    start = None
    try:
        child.expect("en attente de la prochaine", timeout=60)
        start = subprocess.Popen(
            [*seminar_cmd(), "start", str(agenda), "--no-input", "--speed", "1"],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        child.expect("Quelle idée pour faire alliance", timeout=60)
        child.send("Des binômes" + ENTER)
        child.expect("Réponse enregistrée", timeout=60)
    finally:
        if start is not None:
            start.send_signal(signal.SIGINT)
            start.wait(timeout=60)
        child.terminate(force=True)
    from tests.session_helpers import journal

    today = journal().sessions()[0]  # the latest
    answers = [e.payload for e in journal().events(today.id) if e.type == EventType.answer_given]
    assert answers == [{"prompt": "idee", "participant": "Camille Martin", "value": "Des binômes"}]


ENGLISH = """\
title: Team day
language: en
segments:
  - id: ideas
    title: Ideas
    duration: 2s
    prompts:
      - {id: idea, question: "One idea?", who: open}
"""


def test_join_waits_for_the_next_session_in_the_last_sessions_language(tmp_path: Path):
    """AG rehearsal 2, defect 9: before the facilitator starts, a terminal whose own language
    differs (LANG=fr_FR here) waits in the language of the journal's sessions (English here),
    not in its own, as the session it then joins speaks."""
    env = subprocess_env(tmp_path)
    run_yesterdays_session(tmp_path / "team.yaml", ENGLISH, env)
    child = spawn_seminar(tmp_path, "join", "--name", "Camille Martin")
    try:
        child.expect(["waiting for the next one to open", "en attente de la prochaine"], timeout=60)
        assert child.after == "waiting for the next one to open", child.before
    finally:
        child.terminate(force=True)
