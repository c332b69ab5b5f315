"""Real processes writing at once: participants answer an open prompt at the same moment
(``seminar join --no-input``), and every answer lands, with no "database is locked".  CI runs
20 of them (under 10 s: starting the processes is most of it); ``--runslow`` runs 100."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest

from seminar_cli.agenda.loader import load_agenda
from seminar_cli.journal.events import EventType
from seminar_cli.journal.store import Journal
from seminar_cli.session.service import SessionSetup, SessionWriter, load_state, open_session
from seminar_cli.timer import SystemClock
from tests.conftest import seminar_cmd, subprocess_env

AGENDA = """\
title: Grand atelier
language: fr
segments:
  - id: atelier
    title: Atelier
    duration: 2h
    prompts:
      - id: idees
        question: "Votre idée ?"
        type: text
        who: open
      - id: humeur
        question: "Votre humeur ?"
        type: yesno
        who: open
        anonymous: true
  - id: fin
    title: Fin
    duration: 10m
"""


def answers_file(path: Path, people: int) -> Path:
    lines = ["idees:"]
    lines += [f'  - {{participant: P{i}, value: "Idée numéro {i}"}}' for i in range(people)]
    lines += ["humeur: [oui]"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def open_session_with_long_segment(
    tmp_path: Path, location: Path | str | None = None
) -> tuple[Journal, SessionWriter]:
    agenda_file = tmp_path / "grand-atelier.yaml"
    agenda_file.write_text(AGENDA, encoding="utf-8")
    journal = Journal.open(location or tmp_path / "journal.sqlite3")
    clock = SystemClock()
    session_id = open_session(journal, load_agenda(str(agenda_file)), SessionSetup(), clock)
    writer = SessionWriter(journal, journal.session(session_id), clock)
    writer.hold_anonymous_key()  # as the runner does: this process opens the sealed answers
    writer.record(EventType.segment_started, segment="atelier")
    return journal, writer


def has_open(pid: int, path: Path) -> bool:
    folder = Path(f"/proc/{pid}/fd")
    try:
        return any(os.readlink(fd) == str(path) for fd in folder.iterdir())
    except OSError:
        return False


def connected(url: str) -> int:
    """How many connections the PostgreSQL journal's database has."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as db:
        row = db.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
        ).fetchone()
    return int(row[0]) - 1 if row else 0  # less this one


def wait_until_all_poll(procs: list[subprocess.Popen[str]], journal: Path | str) -> None:
    """Each joiner has opened the journal and waits for the prompt to open."""
    if isinstance(journal, str):  # PostgreSQL: each joiner holds its connection
        deadline = time.monotonic() + 60
        while connected(journal) < len(procs) + 1 and time.monotonic() < deadline:
            for proc in procs:
                assert proc.poll() is None, proc.communicate()[1]
            time.sleep(0.05)
        assert connected(journal) >= len(procs) + 1, "some joiners never opened the journal"
        time.sleep(0.4)  # one more poll period: all are in their waiting loop
        return
    if not Path("/proc/self/fd").exists():  # pragma: no cover - not Linux
        time.sleep(10)
        return
    deadline = time.monotonic() + 60
    waiting = list(procs)
    while waiting and time.monotonic() < deadline:
        for proc in list(waiting):
            assert proc.poll() is None, proc.communicate()[1]
            if has_open(proc.pid, journal):
                waiting.remove(proc)
        time.sleep(0.05)
    assert not waiting, "some joiners never opened the journal"
    time.sleep(0.4)  # one more poll period: all are in their waiting loop


def run_joiners(tmp_path: Path, people: int, location: Path | str | None = None) -> None:
    journal, writer = open_session_with_long_segment(tmp_path, location)
    answers = answers_file(tmp_path / "answers.yaml", people)
    env = subprocess_env(tmp_path, SEMINAR_LANG="fr")
    if location is not None:
        env["SEMINAR_DB"] = str(location)
    procs = [
        subprocess.Popen(
            [
                *seminar_cmd(),
                "join",
                writer.session_id,
                "--no-input",
                "--answers",
                str(answers),
                "--name",
                f"P{i}",
            ],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in range(people)
    ]
    try:
        wait_until_all_poll(procs, journal.location)
        # the facilitator's runner opens both prompts of the segment: everyone answers now
        writer.record(EventType.prompt_opened, prompt="idees", segment="atelier")
        writer.record(EventType.prompt_opened, prompt="humeur", segment="atelier")
        results = [proc.communicate(timeout=120) for proc in procs]
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.communicate()
    for proc, (out, err) in zip(procs, results, strict=True):
        assert proc.returncode == 0, err
        assert "locked" not in err.lower() and "verrouill" not in err
        assert "Traceback" not in err
        assert "2 réponses envoyées" in err
        assert out == ""
    # the anonymous answers are held for their shuffled batches: closing the prompt writes
    # those still waiting, and the marks of who answered
    writer.record(EventType.prompt_closed, prompt="humeur")
    state = load_state(journal, journal.session(writer.session_id))
    assert sorted(state.marked["humeur"]) == sorted(f"P{i}" for i in range(people))
    names = sorted(str(a.participant) for a in state.answers["idees"])
    assert names == sorted(f"P{i}" for i in range(people))
    assert {a.participant: a.value for a in state.answers["idees"]}["P7"] == "Idée numéro 7"
    # the anonymous prompt: one answer from each, and not a single name
    assert len(state.answers["humeur"]) == people
    assert all(a.participant is None for a in state.answers["humeur"])
    assert journal.count_events(writer.session_id, EventType.answer_given) == 2 * people


def test_twenty_participants_answering_at_the_same_moment_all_land(
    tmp_path: Path, journal_location: Path | str
) -> None:
    run_joiners(tmp_path, 20, journal_location)


@pytest.mark.slow
def test_a_hundred_participants_answering_at_the_same_moment_all_land(tmp_path: Path) -> None:
    run_joiners(tmp_path, 100)


def test_answers_sent_after_the_prompt_closed_are_not_recorded(tmp_path: Path) -> None:
    """A join process that finds the prompt closed (the facilitator moved on) writes nothing."""
    journal, writer = open_session_with_long_segment(tmp_path)
    answers = answers_file(tmp_path / "answers.yaml", 1)
    writer.record(EventType.prompt_opened, prompt="idees", segment="atelier")
    writer.record(EventType.prompt_closed, prompt="idees")
    writer.record(EventType.session_closed)
    env = subprocess_env(tmp_path, SEMINAR_LANG="fr")
    done = subprocess.run(
        [*seminar_cmd(), "join", writer.session_id, "--no-input", "--answers", str(answers)],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert "est terminée" in done.stderr
    assert journal.count_events(writer.session_id, EventType.answer_given) == 0
