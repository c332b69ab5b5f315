"""Real processes: a runner killed with ``kill -9``, then, while it is dead, notes and answers
written by other processes (one of them with a clock a day ahead).  ``seminar resume`` charges
none of that outage to the running segment: it continues with the time it had left at the
runner's last sign of life, and every note and answer is kept."""

from __future__ import annotations

import json
import re
import signal
import subprocess
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from seminar_cli.agenda.models import Agenda
from seminar_cli.journal.state import fold
from seminar_cli.journal.store import Journal
from tests.conftest import seminar_cmd, subprocess_env
from tests.session_helpers import seminar_cmd_a_day_ahead

AGENDA = """\
title: Panne
language: fr
segments:
  - id: un
    title: Premier temps
    duration: 10m
    prompts:
      - id: mot
        question: "Un mot ?"
        type: words
        who: open
  - id: deux
    title: Second temps
    duration: 2m
"""
JOIN_ANSWERS = "mot: [ensemble]\n"


def run(args: list[str], env: dict[str, str], *, cmd: list[str] | None = None):
    return subprocess.run(
        [*(cmd or seminar_cmd()), *args],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )


def read(db: Path) -> tuple[Agenda, list, object]:
    with Journal.open(db, create=False) as journal:
        row = journal.sessions()[0]
        return (
            Agenda.model_validate_json(row.agenda_json),
            journal.events(row.id),
            journal.last_heartbeat(row.id),
        )


def wait_until(condition, what: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)


def test_an_outage_with_notes_and_answers_from_other_processes_is_charged_to_no_segment(
    tmp_path: Path,
) -> None:
    agenda = tmp_path / "panne.yaml"
    agenda.write_text(AGENDA, encoding="utf-8")
    answers = tmp_path / "join.yaml"
    answers.write_text(JOIN_ANSWERS, encoding="utf-8")
    db = tmp_path / "journal.sqlite3"
    env = subprocess_env(tmp_path, SEMINAR_LANG="fr")

    runner = subprocess.Popen(
        [*seminar_cmd(), "start", str(agenda), "--no-input"],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:

        def running() -> bool:
            if not db.exists() or runner.poll() is not None:
                return runner.poll() is not None  # let the assertion below tell
            try:
                _agenda, evs, beat = read(db)
            except Exception:  # the schema is still being created
                return False
            return beat is not None and any(e.type == "prompt_opened" for e in evs)

        wait_until(running, "the session to run")
        assert runner.poll() is None
    finally:
        runner.send_signal(signal.SIGKILL)
        runner.wait(timeout=30)

    # what the dead runner left: the time the running segment had left at its last sign of life
    stored, before, beat = read(db)
    assert beat is not None
    last_alive = max(beat.at, before[-1].at)
    left = fold("x", stored, before).segments["un"].remaining_at(last_alive)
    assert 590 < left <= 600

    # the outage: time passes, other processes write
    wait_until(
        lambda: datetime.now().astimezone() > beat.real_at + timedelta(seconds=2), "2 seconds"
    )
    joined = run(["join", "--no-input", "--answers", str(answers), "--name", "Zoé"], env)
    assert joined.returncode == 0, joined.stderr
    noted = run(["note", "Pendant la panne"], env)
    assert noted.returncode == 0, noted.stderr
    ahead = run(["note", "Depuis demain"], env, cmd=seminar_cmd_a_day_ahead(tmp_path))
    assert ahead.returncode == 0, ahead.stderr

    resumed = run(["resume", "--no-input", "--speed", "600"], env)
    assert resumed.returncode == 0, resumed.stderr
    assert "Traceback" not in resumed.stderr

    _stored, after, _beat = read(db)
    resume = next(e for e in after if e.type == "session_resumed")
    assert resume.payload["interrupted_at"] == last_alive.isoformat()
    upto = [e for e in after if e.seq <= resume.seq]
    segment = fold("x", stored, upto).segments["un"]
    assert segment.remaining_at(resume.at) == pytest.approx(left, abs=1e-3)
    # what the facilitator is told: what was left when it resumed, to the second, however
    # late a loaded machine prints it (at speed 600 a tenth of a real second is a minute)
    shown = re.search(r"Premier temps \(reprise : reste (\d\d):(\d\d) sur 10 min\)", resumed.stderr)
    assert shown is not None, resumed.stderr
    assert abs(int(shown[1]) * 60 + int(shown[2]) - left) <= 1
    # the resumed run gave the segment all that time (at speed 600, ten real seconds of slack
    # for a loaded machine are 6000 session seconds)
    ended = next(e for e in after if e.type == "segment_ended" and e.payload["segment"] == "un")
    ran = (ended.at - resume.at).total_seconds()
    assert left - 1e-3 <= ran <= left + 6000
    # nothing written during the outage was lost
    texts = [e.payload["text"] for e in after if e.type == "note"]
    assert texts == ["Pendant la panne", "Depuis demain"]
    given = [
        (e.payload["participant"], e.payload["value"]) for e in after if e.type == "answer_given"
    ]
    assert given == [("Zoé", ["ensemble"])]
    assert after[-1].type == "session_closed"
    assert json.loads(run(["sessions", "list", "--json"], env).stdout)[0]["status"] == "closed"
