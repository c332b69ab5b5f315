"""Real processes: a headless session killed (kill -9, Ctrl-C, SIGTERM, SIGHUP) at random
points and resumed each time ends with every answer exactly once and every segment ended once.
"""

from __future__ import annotations

import json
import random
import signal
import sqlite3
import subprocess
import time
from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest

from seminar_cli.journal.state import fold
from seminar_cli.journal.store import Journal
from seminar_cli.session.service import stored_agenda
from tests.conftest import seminar_cmd, subprocess_env
from tests.session_helpers import seminar_cmd_a_day_ahead

# one hour of agenda; at --speed 3000 it runs in about 1.2 s of real time
AGENDA = """\
title: Torture
language: fr
participants:
  - name: Inès
  - name: Hugo
  - name: Maëlle
segments:
  - id: s1
    title: Un
    duration: 10m
    prompts:
      - id: p1
        question: "Un mot ?"
        type: words
        who: open
  - id: s2
    title: Deux
    duration: 10m
    prompts:
      - id: p2
        question: "Une note ?"
        type: rating
        who: each
      - id: p3
        question: "Une idée ?"
        type: text
        who: open
  - id: s3
    title: Trois
    duration: 10m
    prompts:
      - id: p4
        question: "La synthèse ?"
        type: text
        who: room
  - id: s4
    title: Quatre
    duration: 10m
    prompts:
      - id: p5
        question: "Outillé ?"
        type: yesno
        who: open
        anonymous: true
  - id: s5
    title: Cinq
    duration: 10m
    prompts:
      - id: p6
        question: "Vote ?"
        type: vote
        who: each
  - id: s6
    title: Six
    duration: 10m
    prompts:
      - id: p7
        question: "Un dernier mot ?"
        type: words
        who: open
"""

ANSWERS = """\
attendance:
  Maëlle: excused
p1:
  - {participant: Inès, value: partage}
  - {participant: Hugo, value: écoute}
  - confiance
  - avenir
p2:
  - {participant: Inès, value: 4}
  - {participant: Hugo, value: 2}
p3:
  - {participant: Hugo, value: Un forum ouvert}
  - Une carte des acteurs
p4: Trois pistes retenues
p5: [oui, non, oui, oui]
p6:
  - {participant: Inès, value: pour}
  - {participant: Hugo, value: abstention}
p7: [merci, bravo]
"""
EXPECTED = 4 + 2 + 2 + 1 + 4 + 2 + 2
SEGMENTS = ["s1", "s2", "s3", "s4", "s5", "s6"]
SPEED = "3000"


@pytest.fixture
def setup(tmp_path: Path) -> tuple[Path, Path, Path, dict[str, str]]:
    agenda = tmp_path / "torture.yaml"
    agenda.write_text(AGENDA, encoding="utf-8")
    answers = tmp_path / "answers.yaml"
    answers.write_text(ANSWERS, encoding="utf-8")
    env = subprocess_env(tmp_path, SEMINAR_LANG="fr")
    return agenda, answers, tmp_path / "journal.sqlite3", env


def spawn(args: list[str], env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [*seminar_cmd(), *args],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def query(db: Path, sql: str, *params: object) -> list[tuple[object, ...]]:
    if not db.exists():
        return []
    con = sqlite3.connect(db, timeout=30)
    try:
        return con.execute(sql, params).fetchall()
    except sqlite3.OperationalError:  # the schema is being created by the child
        return []
    finally:
        con.close()


def wait_for_events(db: Path, at_least: int, proc: subprocess.Popen[str]) -> bool:
    """Wait until the journal holds ``at_least`` events (False if the process ended first)."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        rows = query(db, "SELECT COUNT(*) FROM events")
        if rows and int(str(rows[0][0])) >= at_least:
            return True
        if proc.poll() is not None:
            return False
        time.sleep(0.01)
    raise AssertionError("the session never started")


def events(db: Path) -> list[tuple[str, dict[str, object]]]:
    rows = query(db, "SELECT type, payload FROM events ORDER BY session_id, seq")
    return [(str(t), json.loads(str(p))) for t, p in rows]


def check_complete(db: Path, outage: Outage | None = None) -> None:
    """Closed, each segment started and ended exactly once, each answer exactly once."""
    evs = events(db)
    kinds = Counter(t for t, _p in evs)
    assert kinds["session_opened"] == 1
    assert kinds["session_closed"] == 1
    ended = [p["segment"] for t, p in evs if t == "segment_ended"]
    started = [p["segment"] for t, p in evs if t == "segment_started"]
    assert ended == SEGMENTS
    assert started == SEGMENTS
    answers = [p for t, p in evs if t == "answer_given"]
    refs = [p.get("ref") for p in answers]
    extra = outage.answers if outage else 0  # named answers from `seminar join`, one each
    assert len(answers) == EXPECTED + extra, Counter(str(r) for r in refs)  # none lost, none twice
    # named answers are told apart by participant and prompt; unnamed ones carry no reference
    named = [p for p in answers if p.get("participant")]
    assert len({p["ref"] for p in named}) == len(named) == 7 + extra
    assert not [p for p in answers if not p.get("participant") and "ref" in p]
    notes = [p["text"] for t, p in evs if t == "note"]
    assert len(notes) == (outage.notes if outage else 0)
    opened = [p["prompt"] for t, p in evs if t == "prompt_opened"]
    closed = [p["prompt"] for t, p in evs if t == "prompt_closed"]
    assert sorted(opened) == sorted(closed) == sorted(f"p{i}" for i in range(1, 8))
    assert query(db, "SELECT status FROM sessions") == [("closed",)]
    assert query(db, "SELECT COUNT(*) FROM heartbeats") == [(0,)]
    integrity = query(db, "PRAGMA integrity_check")
    assert integrity == [("ok",)]
    # every segment ran its whole time: a crash never shortens one (the time after the last
    # heartbeat is run again, at most one beat interval: 0.25 s of real time per kill)
    from seminar_cli.journal.store import Journal
    from seminar_cli.session.service import load_state

    journal = Journal.open(db, create=False)
    state = load_state(journal, journal.sessions()[0])
    kills = sum(1 for t, _p in evs if t == "session_resumed")
    for seg in state.segments.values():
        assert seg.allotted <= seg.elapsed <= seg.allotted + (kills + 1) * 0.25 * float(SPEED) + 60
    journal.close()


def run_to_the_end(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*seminar_cmd(), *args],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )


def torture(
    setup: tuple[Path, Path, Path, dict[str, str]],
    seed: int,
    kills: int,
    outage: Outage | None = None,
) -> int:
    """Start, then kill -9 at random points and resume, ``kills`` times; then resume to the
    end.  Returns how many kills landed while the session was running.  With ``outage``,
    other processes write while the runner is dead, and each resume is checked."""
    agenda, answers, db, env = setup
    rng = random.Random(seed)
    landed = 0
    args = ["start", str(agenda), "--no-input", "--answers", str(answers), "--speed", SPEED]
    for _round in range(kills):
        if query(db, "SELECT status FROM sessions") == [("closed",)]:
            break  # killed after it had closed the session: nothing left to resume
        before = len(events(db))
        resumes = len([t for t, _p in events(db) if t == "session_resumed"])
        proc = spawn(args, env)
        # once the process has written something, kill it at a random moment
        if wait_for_events(db, before + 1, proc):
            time.sleep(rng.uniform(0.0, 0.5))
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
                landed += 1
        _out, err = proc.communicate(timeout=30)
        if outage is not None:
            outage.check_resumed(db, resumes)
        if proc.returncode == 0:  # it finished before the kill: nothing left to resume
            break
        assert proc.returncode == -signal.SIGKILL, err
        if outage is not None:
            outage.while_dead(db, env, landed)
        args = ["resume", "--no-input", "--answers", str(answers)]
    if query(db, "SELECT status FROM sessions") != [("closed",)]:
        resumes = len([t for t, _p in events(db) if t == "session_resumed"])
        done = run_to_the_end(["resume", "--no-input", "--answers", str(answers)], env)
        assert done.returncode == 0, done.stderr
        assert "Traceback" not in done.stderr
        assert "terminée" in done.stderr
        if outage is not None:
            outage.check_resumed(db, resumes)
    return landed


class Outage:
    """While the runner is dead: a note from the secretary and, when a question is open to
    `seminar join`, a participant's answer, each from its own process.  Then the resume must
    give the running segment exactly the time it had left at the runner's last sign of life."""

    def __init__(self, tmp_path: Path) -> None:
        self.tmp_path = tmp_path
        self.notes = 0
        self.answers = 0
        self.checked = 0  # resumes whose segment time was checked
        self.left: tuple[str, datetime, float] | None = None  # segment, last sign, time left

    def while_dead(self, db: Path, env: dict[str, str], round_: int) -> None:
        from seminar_cli.journal.state import WRITTEN_BY_OTHERS

        with Journal.open(db, create=False) as journal:
            row = journal.sessions()[0]
            stored = stored_agenda(row)
            evs = journal.events(row.id)
            beat = journal.last_heartbeat(row.id)
        state = fold(row.id, stored, evs)
        if state.current is None or state.suspended_at is not None or state.closed:
            self.left = None
        else:
            own = [e.at for e in evs if e.type not in WRITTEN_BY_OTHERS]
            last = max([*own, *([beat.at] if beat else [])])
            self.left = (state.current, last, state.segments[state.current].remaining_at(last))
        open_ = [p for p in state.open_prompts if p in ("p1", "p3", "p7")]
        if open_:  # named answers to a question open to `seminar join`
            path = self.tmp_path / f"join{round_}.yaml"
            path.write_text(f"{open_[0]}: [depuis la salle]\n", encoding="utf-8")
            name = f"Invité {round_}"
            joined = run_to_the_end(
                ["join", "--no-input", "--answers", str(path), "--name", name], env
            )
            assert joined.returncode == 0, joined.stderr
            self.answers += 1
        # from a clock days ahead, further each time (always ahead of the session's clock, even
        # had an earlier one been taken for a sign of life): as such, it would cost the segment
        # all its time
        note = subprocess.run(
            [
                *seminar_cmd_a_day_ahead(self.tmp_path, days=round_),
                *["note", f"Pendant la panne {round_}"],
            ],
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert note.returncode == 0, note.stderr
        self.notes += 1

    def check_resumed(self, db: Path, resumes_before: int) -> None:
        """If the process just run wrote its `session_resumed`, the segment got its time."""
        with Journal.open(db, create=False) as journal:
            row = journal.sessions()[0]
            evs = journal.events(row.id)
        resumed = [e for e in evs if e.type == "session_resumed"]
        if len(resumed) == resumes_before or self.left is None:
            return
        event = resumed[resumes_before]
        segment, last, left = self.left
        assert event.payload["interrupted_at"] == last.isoformat()
        state = fold(row.id, stored_agenda(row), [e for e in evs if e.seq <= event.seq])
        assert state.segments[segment].remaining_at(event.at) == pytest.approx(left, abs=1e-3)
        self.checked += 1
        self.left = None


def test_kill_9_at_random_points_then_resume_loses_nothing_and_duplicates_nothing(
    setup,
) -> None:
    landed = torture(setup, seed=20261126, kills=4)
    assert landed >= 2
    check_complete(setup[2])
    resumed = [p for t, p in events(setup[2]) if t == "session_resumed"]
    assert len(resumed) == landed
    assert all("interrupted_at" in p for p in resumed)  # each a crash, timed by its last sign


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_kill_9_torture_longer(setup, seed: int) -> None:
    torture(setup, seed=seed, kills=10)
    check_complete(setup[2])


def test_kill_9_with_notes_and_answers_written_while_the_runner_is_dead_charges_no_outage(
    setup, tmp_path: Path
) -> None:
    outage = Outage(tmp_path)
    landed = torture(setup, seed=20261127, kills=3, outage=outage)
    assert landed >= 2
    assert outage.notes == landed
    assert outage.checked >= 1
    check_complete(setup[2], outage)


@pytest.mark.slow
@pytest.mark.parametrize("seed", [11, 12, 13, 14, 15])
def test_kill_9_outage_torture_longer(setup, tmp_path: Path, seed: int) -> None:
    outage = Outage(tmp_path)
    torture(setup, seed=seed, kills=10, outage=outage)
    check_complete(setup[2], outage)


def test_the_same_answers_file_given_again_after_the_end_changes_nothing(setup) -> None:
    agenda, answers, db, env = setup
    done = run_to_the_end(
        ["start", str(agenda), "--no-input", "--answers", str(answers), "--speed", SPEED], env
    )
    assert done.returncode == 0, done.stderr
    before = events(db)
    again = run_to_the_end(["resume", "--no-input", "--answers", str(answers)], env)
    assert again.returncode == 1
    assert "Aucune séance interrompue" in again.stderr
    assert events(db) == before
    check_complete(db)


@pytest.mark.parametrize(
    ("sig", "code", "reason"),
    [
        (signal.SIGINT, 130, "interrupt"),
        (signal.SIGTERM, 128 + signal.SIGTERM, "signal"),
        (signal.SIGHUP, 128 + signal.SIGHUP, "signal"),
    ],
    ids=["ctrl-c", "sigterm", "sighup"],
)
def test_a_polite_stop_records_the_suspension_and_resume_finishes(
    setup, sig: signal.Signals, code: int, reason: str
) -> None:
    agenda, answers, db, env = setup
    proc = spawn(
        ["start", str(agenda), "--no-input", "--answers", str(answers), "--speed", SPEED], env
    )
    assert wait_for_events(db, 12, proc)  # well into the session
    proc.send_signal(sig)
    _out, err = proc.communicate(timeout=30)
    assert proc.returncode == code, err
    assert "Traceback" not in err
    session_id = str(query(db, "SELECT id FROM sessions")[0][0])
    assert f"seminar resume {session_id}" in err
    suspended = [p for t, p in events(db) if t == "session_suspended"]
    assert suspended == [{"reason": reason}]
    assert query(db, "SELECT COUNT(*) FROM heartbeats") == [(0,)]
    done = run_to_the_end(["resume", "--no-input", "--answers", str(answers)], env)
    assert done.returncode == 0, done.stderr
    resumed = [p for t, p in events(db) if t == "session_resumed"]
    assert resumed == [{}]  # a known stop: no crash time to guess
    check_complete(db)


def test_a_resume_started_while_the_session_still_runs_is_refused(setup) -> None:
    agenda, _answers, db, env = setup
    proc = spawn(["start", str(agenda), "--no-input", "--speed", "1"], env)
    try:
        assert wait_for_events(db, 5, proc)
        # wait for the runner's heartbeat, which says it is alive
        deadline = time.monotonic() + 10
        while not query(db, "SELECT pid FROM heartbeats") and time.monotonic() < deadline:
            time.sleep(0.01)
        refused = run_to_the_end(["resume", "--no-input"], env)
        assert refused.returncode == 1
        assert "est en cours dans un autre terminal" in refused.stderr
        listed = run_to_the_end(["sessions", "list", "--json"], env)
        assert json.loads(listed.stdout)[0]["status"] == "live"
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=30)
    # killed: no longer live, and resumable at once (no waiting for a heartbeat to age)
    listed = run_to_the_end(["sessions", "list", "--json"], env)
    assert json.loads(listed.stdout)[0]["status"] == "interrupted"


def _killed_runner(setup) -> None:
    """A session started, killed with kill -9 once its heartbeat is written."""
    agenda, answers, db, env = setup
    proc = spawn(["start", str(agenda), "--no-input", "--answers", str(answers)], env)
    try:
        assert wait_for_events(db, 5, proc)
        deadline = time.monotonic() + 30
        while not query(db, "SELECT pid FROM heartbeats") and time.monotonic() < deadline:
            time.sleep(0.01)
        assert query(db, "SELECT pid FROM heartbeats")
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=30)


def _set_heartbeat(db: Path, sql: str, *params: object) -> None:
    con = sqlite3.connect(db, timeout=30)
    with con:
        con.execute(sql, params)
    con.close()


def test_a_dead_runners_process_id_now_held_by_another_process_does_not_hold_the_session(
    setup,
) -> None:
    """A reboot or a restarted container gives the dead runner's id to another process."""
    _agenda, answers, db, env = setup
    _killed_runner(setup)
    stranger = subprocess.Popen(["sleep", "120"])
    try:
        _set_heartbeat(db, "UPDATE heartbeats SET pid = ?", stranger.pid)
        listed = run_to_the_end(["sessions", "list", "--json"], env)
        assert json.loads(listed.stdout)[0]["status"] == "interrupted"
        done = run_to_the_end(
            ["resume", "--no-input", "--answers", str(answers), "--speed", SPEED], env
        )
        assert done.returncode == 0, done.stderr
        assert "terminée" in done.stderr
    finally:
        stranger.kill()
        stranger.wait(timeout=30)
    check_complete(db)


def test_when_liveness_cannot_be_told_resume_says_how_to_take_the_session_over(setup) -> None:
    """A heartbeat from an older version holds only a process id, and that process lives."""
    _agenda, answers, db, env = setup
    _killed_runner(setup)
    stranger = subprocess.Popen(["sleep", "120"])
    try:
        _set_heartbeat(db, "UPDATE heartbeats SET pid = ?, process = NULL", stranger.pid)
        session_id = str(query(db, "SELECT id FROM sessions")[0][0])
        refused = run_to_the_end(["resume", "--no-input", "--answers", str(answers)], env)
        assert refused.returncode == 1
        assert "est en cours dans un autre terminal" in refused.stderr
        assert f"seminar resume {session_id} --take-over" in refused.stderr
        done = run_to_the_end(
            [
                *["resume", session_id, "--take-over", "--no-input"],
                *["--answers", str(answers), "--speed", SPEED],
            ],
            env,
        )
        assert done.returncode == 0, done.stderr
        assert "terminée" in done.stderr
    finally:
        stranger.kill()
        stranger.wait(timeout=30)
    check_complete(db)
