"""``seminar resume``: the interrupted segment continues with the time it had left, and no
answer is ever asked or recorded twice.  In-process, on an instant clock (nothing sleeps)."""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from seminar_cli.journal.events import EventType
from seminar_cli.journal.store import Journal, StoredEvent, this_host
from seminar_cli.session.runner import Command, HeadlessControls, Runner
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
    duration: 5m
    prompts:
      - id: idee
        question: Une idée ?
        type: text
        who: open
      - id: note
        question: Votre note ?
        type: rating
        who: each
  - id: cloture
    title: Clôture
    duration: 5m
    prompts:
      - id: humeur
        question: Votre humeur ?
        type: yesno
        who: open
        anonymous: true
"""

ANSWERS = """\
mots:
  - {participant: Inès, value: partage}
  - {participant: Hugo, value: écoute}
  - confiance
idee:
  - {participant: Hugo, value: Un forum}
note:
  - {participant: Inès, value: 4}
  - {participant: Hugo, value: 5}
humeur: [oui, non, oui]
"""
EXPECTED_ANSWERS = 9


@pytest.fixture
def app_clock() -> type[InstantClock]:
    """Rehearsals at full speed take no time: the sessions ``cli`` runs sleep on this clock."""
    return InstantClock


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    agenda = tmp_path / "atelier.yaml"
    agenda.write_text(AGENDA, encoding="utf-8")
    answers = tmp_path / "reponses.yaml"
    answers.write_text(ANSWERS, encoding="utf-8")
    return agenda, answers


_patches: list[pytest.MonkeyPatch] = []


@pytest.fixture(autouse=True)
def _undo_patches() -> Any:
    yield
    while _patches:
        _patches.pop().undo()


def stop_at(_unused: Any, seconds: float, action: Callable[[], Command | None]) -> None:
    """The headless controls do ``action`` once the session clock reaches ``seconds``."""
    patch = pytest.MonkeyPatch()
    _patches.append(patch)
    original = HeadlessControls.wait
    state = {"done": False}

    def wait(self: HeadlessControls, runner: Runner, timeout: float) -> Command | None:
        clock = runner.writer.clock
        if not state["done"] and clock.monotonic() + timeout >= seconds:
            clock.sleep(max(0.0, seconds - clock.monotonic()))
            state["done"] = True
            return action()
        return original(self, runner, timeout)

    patch.setattr(HeadlessControls, "wait", wait)


def restore_wait(_unused: Any) -> None:
    while _patches:
        _patches.pop().undo()


def events(session_id: str, type_: EventType | None = None) -> list[StoredEvent]:
    found = journal().events(session_id)
    return [e for e in found if type_ is None or e.type == type_]


def answer_keys(session_id: str) -> list[tuple[str, str | None, Any]]:
    return sorted(
        (
            (e.payload["prompt"], e.payload.get("participant"), str(e.payload.get("value")))
            for e in events(session_id, EventType.answer_given)
        ),
        key=str,
    )


def assert_complete(session_id: str) -> None:
    """Closed, each segment started and ended once, each answer of the file exactly once."""
    ended = [e.payload["segment"] for e in events(session_id, EventType.segment_ended)]
    assert ended == ["accueil", "tour", "cloture"]
    started = [e.payload["segment"] for e in events(session_id, EventType.segment_started)]
    assert started == ["accueil", "tour", "cloture"]
    assert len(events(session_id, EventType.session_closed)) == 1
    assert journal().session(session_id).status == "closed"
    answers = answer_keys(session_id)
    assert len(answers) == EXPECTED_ANSWERS
    # named answers are told apart by participant and prompt; unnamed ones carry no reference
    given = [e.payload for e in events(session_id, EventType.answer_given)]
    named = [p for p in given if p.get("participant")]
    assert len({p["ref"] for p in named}) == len(named)
    assert not [p for p in given if not p.get("participant") and "ref" in p]


def segment_times(session_id: str, segment: str) -> float:
    """Active seconds of a segment, from the fold."""
    from seminar_cli.session.service import load_state

    j = journal()
    return j and load_state(j, j.session(session_id)).segments[segment].elapsed


# -- quit, Ctrl-C, signals -------------------------------------------------------------------------
def test_after_quit_resume_continues_the_segment_with_the_time_it_had_left(
    cli, files, monkeypatch
) -> None:
    agenda, answers = files
    stop_at(monkeypatch, 400, lambda: Command("quit"))
    first = cli("start", str(agenda), "--no-input", "--answers", str(answers))
    assert first.code == 0, first.err
    session_id = only_session()
    assert f"seminar resume {session_id}" in first.err
    suspended = events(session_id, EventType.session_suspended)
    assert [e.payload["reason"] for e in suspended] == ["quit"]
    assert segment_times(session_id, "tour") == 100  # 100 s of its 300 were used

    restore_wait(monkeypatch)
    second = cli("resume", "--no-input", "--answers", str(answers))
    assert second.code == 0, second.err
    assert f"Séance {session_id} reprise" in second.err
    assert "Tour de table (reprise : reste 03:20 sur 5 min)" in second.err
    assert f"Séance {session_id} terminée" in second.err
    resumed = events(session_id, EventType.session_resumed)
    assert len(resumed) == 1 and "interrupted_at" not in resumed[0].payload  # a clean stop
    tour_end = next(
        e for e in events(session_id, EventType.segment_ended) if e.payload["segment"] == "tour"
    )
    assert (tour_end.at - resumed[0].at).total_seconds() == 200  # the 200 s it had left
    assert segment_times(session_id, "tour") == 300
    assert_complete(session_id)


def test_ctrl_c_exits_130_records_the_suspension_and_resume_goes_on(
    cli, files, monkeypatch
) -> None:
    agenda, answers = files

    def interrupt() -> Command | None:
        raise KeyboardInterrupt

    stop_at(monkeypatch, 700, interrupt)
    first = cli("start", str(agenda), "--no-input", "--answers", str(answers))
    assert first.code == 130
    session_id = only_session()
    assert "Interrompu" in first.err and f"seminar resume {session_id}" in first.err
    assert "Traceback" not in first.err
    assert [e.payload["reason"] for e in events(session_id, EventType.session_suspended)] == [
        "interrupt"
    ]
    assert journal().last_heartbeat(session_id) is None
    restore_wait(monkeypatch)
    second = cli("resume", session_id[:12], "--no-input", "--answers", str(answers))
    assert second.code == 0, second.err
    assert segment_times(session_id, "cloture") == 300
    assert_complete(session_id)


def test_a_hangup_or_terminate_signal_suspends_the_session_as_a_signal(
    cli, files, monkeypatch
) -> None:
    agenda, answers = files

    def hangup() -> Command | None:
        raise SystemExit(129)  # what stop_on_hangup's handler raises for SIGHUP

    stop_at(monkeypatch, 350, hangup)
    with pytest.raises(SystemExit):
        cli("start", str(agenda), "--no-input", "--answers", str(answers))
    session_id = only_session()
    assert [e.payload["reason"] for e in events(session_id, EventType.session_suspended)] == [
        "signal"
    ]
    restore_wait(monkeypatch)
    assert cli("resume", "--no-input", "--answers", str(answers)).code == 0
    assert segment_times(session_id, "tour") == 300
    assert_complete(session_id)


# -- crash (kill -9): the heartbeat tells when it stopped -------------------------------------------
class Crash(BaseException):
    pass


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def crash_at(monkeypatch: pytest.MonkeyPatch, seconds: float) -> None:
    def crash() -> Command | None:
        raise Crash()

    stop_at(monkeypatch, seconds, crash)


def fake_dead_runner(session_id: str, beat_at: datetime) -> None:
    """What a kill -9 leaves: the last heartbeat, written by a process that is gone."""
    j = journal()
    j._db.execute(
        "UPDATE heartbeats SET at = ?, pid = ?, host = ? WHERE session_id = ?",
        (beat_at.isoformat(), dead_pid(), this_host(), session_id),
    )


def test_after_a_crash_resume_uses_the_last_heartbeat_to_know_what_was_left(
    cli, files, monkeypatch
) -> None:
    agenda, answers = files
    crash_at(monkeypatch, 400)
    with pytest.raises(Crash):
        cli("start", str(agenda), "--no-input", "--answers", str(answers))
    session_id = only_session()
    assert events(session_id, EventType.session_suspended) == []
    tour_start = next(
        e.at
        for e in events(session_id, EventType.segment_started)
        if e.payload["segment"] == "tour"
    )
    # the last heartbeat was 150 s into "tour" (later than its last event)
    fake_dead_runner(session_id, tour_start + timedelta(seconds=150))
    restore_wait(monkeypatch)
    second = cli("resume", "--no-input", "--answers", str(answers))
    assert second.code == 0, second.err
    resumed = events(session_id, EventType.session_resumed)
    assert resumed[0].payload["interrupted_at"] == (tour_start + timedelta(seconds=150)).isoformat()
    assert "Tour de table (reprise : reste 02:30 sur 5 min)" in second.err
    tour_end = next(
        e for e in events(session_id, EventType.segment_ended) if e.payload["segment"] == "tour"
    )
    assert (tour_end.at - resumed[0].at).total_seconds() == 150
    assert_complete(session_id)


def test_a_crashed_session_still_looks_live_only_while_its_process_lives(
    cli, files, monkeypatch
) -> None:
    agenda, _answers = files
    crash_at(monkeypatch, 100)
    with pytest.raises(Crash):
        cli("start", str(agenda), "--no-input")
    session_id = only_session()
    # the heartbeat is this very test process: alive, so the session is "running elsewhere"
    busy = cli("resume", "--no-input")
    assert busy.code == 1
    assert "en cours dans un autre terminal" in busy.err
    listed = cli("sessions", "list", "--json")
    assert '"status": "live"' in listed.out
    fake_dead_runner(session_id, datetime.now().astimezone())
    listed = cli("sessions", "list", "--json")
    assert '"status": "interrupted"' in listed.out
    restore_wait(monkeypatch)
    assert cli("resume", "--no-input").code == 0


# -- answers are never recorded twice ---------------------------------------------------------------
@pytest.mark.parametrize("stop", [1, 299, 300, 301, 650, 899])
def test_resuming_with_the_same_answers_file_records_each_answer_once(
    cli, files, monkeypatch, stop: float
) -> None:
    agenda, answers = files
    crash_at(monkeypatch, stop)
    with pytest.raises(Crash):
        cli("start", str(agenda), "--no-input", "--answers", str(answers))
    session_id = only_session()
    fake_dead_runner(session_id, datetime.now().astimezone())
    restore_wait(monkeypatch)
    assert cli("resume", "--no-input", "--answers", str(answers)).code == 0
    assert_complete(session_id)


def test_resuming_twice_after_two_interruptions_still_records_everything_once(
    cli, files, monkeypatch
) -> None:
    agenda, answers = files
    stop_at(monkeypatch, 200, lambda: Command("quit"))
    assert cli("start", str(agenda), "--no-input", "--answers", str(answers)).code == 0
    session_id = only_session()
    restore_wait(monkeypatch)
    # the resumed session's clock starts where the journal stopped: 200 s later is 400 s
    stop_at(monkeypatch, 200, lambda: Command("quit"))
    assert cli("resume", "--no-input", "--answers", str(answers)).code == 0
    restore_wait(monkeypatch)
    assert cli("resume", "--no-input", "--answers", str(answers)).code == 0
    assert len(events(session_id, EventType.session_resumed)) == 2
    assert_complete(session_id)
    for segment in ("accueil", "tour", "cloture"):
        assert segment_times(session_id, segment) == 300


def test_an_each_prompt_answered_before_an_interruption_is_not_asked_again(
    cli, files, monkeypatch
) -> None:
    """The scripted answers to ``note`` were recorded at the end of "tour"; a quit right after
    must not record them again on resume."""
    agenda, answers = files
    stop_at(monkeypatch, 601, lambda: Command("quit"))
    assert cli("start", str(agenda), "--no-input", "--answers", str(answers)).code == 0
    session_id = only_session()
    assert (
        len(
            [e for e in events(session_id, EventType.answer_given) if e.payload["prompt"] == "note"]
        )
        == 2
    )
    restore_wait(monkeypatch)
    assert cli("resume", "--no-input", "--answers", str(answers)).code == 0
    assert_complete(session_id)


# -- what cannot be resumed -------------------------------------------------------------------------
def test_resuming_a_closed_session_is_a_clear_error(cli, files) -> None:
    agenda, _answers = files
    assert cli("start", str(agenda), "--no-input").code == 0
    session_id = only_session()
    before = len(events(session_id))
    result = cli("resume", session_id)
    assert result.code == 1
    assert f"La séance {session_id} est terminée" in result.err
    assert "Traceback" not in result.err
    assert len(events(session_id)) == before


def test_resume_without_an_id_finds_nothing_when_every_session_is_closed(cli, files) -> None:
    agenda, _answers = files
    assert cli("start", str(agenda), "--no-input").code == 0
    result = cli("resume", "--no-input")
    assert result.code == 1
    assert "Aucune séance interrompue à reprendre" in result.err


def test_resume_without_an_id_takes_the_latest_interrupted_session(cli, files, monkeypatch) -> None:
    agenda, _answers = files
    stop_at(monkeypatch, 100, lambda: Command("quit"))
    assert cli("start", str(agenda), "--no-input").code == 0
    interrupted = only_session()
    restore_wait(monkeypatch)
    assert cli("start", str(agenda), "--no-input").code == 0  # a later one, closed
    result = cli("resume", "--no-input")
    assert result.code == 0, result.err
    assert f"Séance {interrupted} reprise" in result.err


def test_resuming_while_another_process_runs_the_session_is_refused(
    cli, files, monkeypatch
) -> None:
    agenda, _answers = files
    stop_at(monkeypatch, 100, lambda: Command("quit"))
    assert cli("start", str(agenda), "--no-input").code == 0
    session_id = only_session()
    j = journal()
    j._db.execute(
        "INSERT OR REPLACE INTO heartbeats (session_id, at, real_at, pid, host)"
        " VALUES (?, ?, ?, ?, ?)",
        (
            session_id,
            datetime.now().astimezone().isoformat(),
            datetime.now().astimezone().isoformat(),
            os.getppid(),
            this_host(),
        ),
    )
    before = len(events(session_id))
    result = cli("resume", "--no-input")
    assert result.code == 1
    assert f"La séance {session_id} est en cours dans un autre terminal" in result.err
    assert len(events(session_id)) == before  # nothing written


def test_resume_with_an_unknown_or_ambiguous_id_says_so(cli, files, monkeypatch) -> None:
    agenda, _answers = files
    stop_at(monkeypatch, 100, lambda: Command("quit"))
    assert cli("start", str(agenda), "--no-input").code == 0
    restore_wait(monkeypatch)
    stop_at(monkeypatch, 100, lambda: Command("quit"))
    assert cli("start", str(agenda), "--no-input").code == 0
    unknown = cli("resume", "19990101")
    assert unknown.code == 1 and "Séance inconnue : « 19990101 »" in unknown.err
    ambiguous = cli("resume", "2")
    assert ambiguous.code == 1 and "désigne plusieurs séances" in ambiguous.err
    for row in journal().sessions():
        assert row.id in ambiguous.err


def test_resume_without_a_journal_says_nothing_was_recorded(cli, tmp_path) -> None:
    result = cli("--db", str(tmp_path / "absent.sqlite3"), "resume", "--no-input")
    assert result.code == 1
    assert "Aucun journal" in result.err
    assert not (tmp_path / "absent.sqlite3").exists()


def test_resume_keeps_the_rehearsal_speed_and_mark(cli, files, monkeypatch) -> None:
    agenda, _answers = files
    stop_at(monkeypatch, 100, lambda: Command("quit"))
    assert cli("start", str(agenda), "--no-input", "--speed", "60").code == 0
    restore_wait(monkeypatch)
    result = cli("resume", "--no-input")
    assert result.code == 0
    assert "reprise : Atelier court (répétition)" in result.err


def test_runner_heartbeats_are_written_while_a_segment_runs(cli, files, monkeypatch) -> None:
    """The heartbeat is what resume reads after a kill -9: it must follow the session."""
    agenda, _answers = files
    crash_at(monkeypatch, 420)
    with pytest.raises(Crash):
        cli("start", str(agenda), "--no-input")
    session_id = only_session()
    beat = journal().last_heartbeat(session_id)
    assert beat is not None and beat.pid == os.getpid()
    opened = events(session_id)[0].at
    assert (beat.at - opened).total_seconds() >= 415  # within one wait of the crash


def test_resume_without_an_id_skips_a_session_running_elsewhere(cli, files, monkeypatch) -> None:
    agenda, _answers = files
    stop_at(monkeypatch, 100, lambda: Command("quit"))
    assert cli("start", str(agenda), "--no-input").code == 0
    older = only_session()
    restore_wait(monkeypatch)
    stop_at(monkeypatch, 100, lambda: Command("quit"))
    assert cli("start", str(agenda), "--no-input").code == 0
    newer = next(r.id for r in journal().sessions() if r.id != older)
    now = datetime.now().astimezone().isoformat()
    journal()._db.execute(
        "INSERT OR REPLACE INTO heartbeats (session_id, at, real_at, pid, host)"
        " VALUES (?, ?, ?, ?, ?)",
        (newer, now, now, os.getppid(), this_host()),
    )
    restore_wait(monkeypatch)
    result = cli("resume", "--no-input")
    assert result.code == 0, result.err
    assert f"Séance {older} reprise" in result.err
    # and when the only open one runs elsewhere, that is what is said
    again = cli("resume", "--no-input")
    assert again.code == 1
    assert f"La séance {newer} est en cours dans un autre terminal" in again.err


def test_a_session_closed_but_still_marked_open_is_not_resumed(cli, files) -> None:
    """Journals written before the close was one transaction may hold this."""
    agenda, _answers = files
    assert cli("start", str(agenda), "--no-input").code == 0
    session_id = only_session()
    journal()._db.execute("UPDATE sessions SET status = 'open'")
    before = len(events(session_id))
    result = cli("resume", "--no-input")
    assert result.code == 1
    assert "est terminée" in result.err
    assert journal().session(session_id).status == "closed"  # repaired
    assert len(events(session_id)) == before


@pytest.mark.parametrize(
    ("speed", "most_lost"), [(1.0, 5.0), (60.0, 30.0), (600.0, 150.0), (10_000.0, 2_500.0)]
)
def test_heartbeats_follow_the_session_clock_even_in_a_fast_rehearsal(
    tmp_path: Path, speed: float, most_lost: float
) -> None:
    """What a kill -9 can cost the running segment: never more than one heartbeat interval
    (5 real seconds live; in a rehearsal at most four beats a real second)."""
    from seminar_cli.agenda.loader import load_agenda
    from seminar_cli.session.service import SessionSetup, SessionWriter, open_session

    j = Journal.open(tmp_path / "beats.sqlite3")
    clock = FakeClock(speed=speed)
    session_id = open_session(j, load_agenda(None), SessionSetup(speed=speed), clock)
    writer = SessionWriter(j, j.session(session_id), clock)
    beats: list[float] = []
    original = writer.heartbeat

    def heartbeat() -> None:
        beats.append(clock.monotonic())
        original()

    writer.heartbeat = heartbeat  # type: ignore[method-assign]
    runner = Runner(writer, HeadlessControls(), auto_advance=True)
    assert runner._beat_interval() == most_lost
    runner.run()
    gaps = [b - a for a, b in itertools.pairwise(beats)]
    assert gaps and max(gaps) <= most_lost + 1e-6
    assert len(beats) >= clock.monotonic() / most_lost
