"""The core functions the terminal (and a web front end) call: the session's speed and "now" on
its clock, the facts ``sessions list | show`` tell, which session ``resume`` and ``join`` take,
resuming, opening with attendance, and the secretary's records.  Folded states on a FakeClock;
a runner's liveness is told by heartbeats "from another computer" (alive when younger than
20 s), so every "now" here is chosen by the test."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from seminar_cli.agenda.loader import LoadedAgenda, parse_agenda_text
from seminar_cli.errors import SessionError, UsageError
from seminar_cli.journal.events import EventType
from seminar_cli.journal.state import SessionState, fold
from seminar_cli.journal.store import Journal
from seminar_cli.session.answers import load_answers_file
from seminar_cli.session.clock import (
    checked_speed,
    segment_clock,
    session_now,
    session_speed,
)
from seminar_cli.session.overview import details, overview, session_overviews
from seminar_cli.session.records import add_record
from seminar_cli.session.resume import (
    check_resumable,
    live_or_next_session,
    resume_session,
    session_to_resume,
)
from seminar_cli.session.service import (
    SessionSetup,
    SessionWriter,
    attendance_from_answers,
    open_session,
    start_session,
)
from seminar_cli.timer import FakeClock, local_now
from tests.live_helpers import TIMED_AGENDA

T0 = datetime(2026, 11, 26, 14, 0).astimezone()  # when TIMED_AGENDA's sessions open here
ELSEWHERE = "autre-poste"  # a runner on another computer: alive while its heartbeat is recent

ROSTER_AGENDA = """\
title: Conseil
participants:
  - name: Inès
  - name: Hugo
  - name: Maëlle
segments:
  - id: ouverture
    title: Ouverture
    duration: 10m
"""


@pytest.fixture
def journal(tmp_path: Path) -> Iterator[Journal]:
    opened = Journal.open(tmp_path / "core.sqlite3")
    yield opened
    opened.close()


def new_session(
    journal: Journal, *, start: datetime = T0, speed: float = 1.0, text: str = TIMED_AGENDA
) -> SessionWriter:
    clock = FakeClock(start, speed=speed)
    loaded = LoadedAgenda(parse_agenda_text(text, "test.yaml"), "test.yaml", text)
    setup = SessionSetup(rehearsal=speed != 1.0, speed=speed)
    session_id = open_session(journal, loaded, setup, clock)
    return SessionWriter(journal, journal.session(session_id), clock)


def beat(journal: Journal, session_id: str, at: datetime, real_at: datetime) -> None:
    """A heartbeat written by a runner on another computer."""
    journal._db.execute(
        "INSERT OR REPLACE INTO heartbeats (session_id, at, real_at, pid, host)"
        " VALUES (?, ?, ?, ?, ?)",
        (session_id, at.isoformat(), real_at.isoformat(), 4242, ELSEWHERE),
    )


def folded(writer: SessionWriter) -> SessionState:
    return fold(writer.session_id, writer.agenda, writer.journal.events(writer.session_id))


# -- speed ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("stored", "speed"),
    [(60, 60.0), (0.5, 0.5), (None, 1.0), (0, 1.0), (-3, 1.0), ("nan", 1.0), ("vite", 1.0)],
)
def test_the_session_speed_is_the_stored_one_else_real_time(stored: object, speed: float) -> None:
    state = SessionState("s", parse_agenda_text(TIMED_AGENDA, "test.yaml"))
    state.meta = {"speed": stored}
    assert session_speed(state) == speed


def test_a_rehearsal_factor_is_bounded() -> None:
    assert checked_speed(None) == 1.0
    assert checked_speed(10_000) == 10_000
    with pytest.raises(UsageError) as refused:
        checked_speed(0.05)
    assert refused.value.key == "run.bad_speed"


# -- now on the session clock -------------------------------------------------------------------------
def test_a_live_rehearsal_moves_on_from_its_heartbeat_at_its_speed(journal: Journal) -> None:
    writer = new_session(journal, speed=10)
    writer.record(EventType.segment_started, segment="intro")
    writer.clock.advance(60)
    wall = local_now()
    beat(journal, writer.session_id, T0 + timedelta(seconds=60), wall)
    state, heartbeat = folded(writer), journal.last_heartbeat(writer.session_id)
    # three seconds of the wall are thirty of a rehearsal at ×10
    moved = session_now(state, heartbeat, wall + timedelta(seconds=3), alive=True)
    assert moved == T0 + timedelta(seconds=90)
    # where its running segment stands is that same clock
    assert segment_clock(
        writer.row, state, heartbeat, wall + timedelta(seconds=3), alive=True
    ) == T0 + timedelta(seconds=90)


def test_without_a_live_runner_now_is_the_wall_but_never_before_the_journal(
    journal: Journal,
) -> None:
    ahead = local_now() + timedelta(days=1)  # a rehearsal whose clock ran ahead of the wall
    writer = new_session(journal, start=ahead)
    state = folded(writer)
    wall = local_now()
    assert session_now(state, None, wall, alive=False) == ahead
    later = ahead + timedelta(hours=1)
    assert session_now(state, None, later, alive=False) == later
    # a closed session's heartbeat says nothing: it is the wall again
    writer.record(EventType.session_closed)
    beat(journal, writer.session_id, ahead, wall)
    closed = folded(writer)
    heartbeat = journal.last_heartbeat(writer.session_id)
    assert session_now(closed, heartbeat, later, alive=True) == later


def test_a_crashed_or_suspended_session_stopped_at_a_known_moment(journal: Journal) -> None:
    writer = new_session(journal)
    writer.record(EventType.segment_started, segment="intro")
    writer.clock.advance(120)
    beat(journal, writer.session_id, T0 + timedelta(seconds=120), local_now())
    heartbeat = journal.last_heartbeat(writer.session_id)
    later = local_now() + timedelta(hours=3)
    # crashed: its last sign of life, however late it is now
    crashed = segment_clock(writer.row, folded(writer), heartbeat, later, alive=False)
    assert crashed == T0 + timedelta(seconds=120)
    writer.clock.advance(30)
    writer.record(EventType.session_suspended)
    suspended = segment_clock(writer.row, folded(writer), heartbeat, later, alive=False)
    assert suspended == T0 + timedelta(seconds=150)


# -- what `sessions list | show` tell -----------------------------------------------------------------
def test_details_of_a_live_rehearsal_then_of_the_same_session_once_its_runner_died(
    journal: Journal,
) -> None:
    writer = new_session(journal, speed=10)
    writer.record(EventType.segment_started, segment="intro")
    writer.clock.advance(120)
    wall = local_now()
    beat(journal, writer.session_id, T0 + timedelta(seconds=120), wall)
    row = writer.row

    live = details(journal, row, wall + timedelta(seconds=6))  # 60 s more of the rehearsal
    assert (live["status"], live["rehearsal"], live["speed"]) == ("live", True, 10.0)
    intro, expose = live["segments"][0], live["segments"][1]
    assert (intro["status"], intro["elapsed_seconds"]) == ("running", 180.0)
    assert (expose["status"], expose["planned_start"]) == (
        "pending",
        (T0 + timedelta(minutes=10)).isoformat(),
    )
    assert (live["segments_done"], live["segments_total"], live["events"]) == (0, 4, 2)

    dead = details(journal, row, wall + timedelta(minutes=5))  # no heartbeat for 5 min
    intro = dead["segments"][0]
    assert (dead["status"], intro["status"], intro["elapsed_seconds"]) == (
        "interrupted",
        "interrupted",
        120.0,
    )
    summary = overview(journal, row, wall + timedelta(minutes=5))
    assert (summary.status, summary.speed, summary.segments_done) == ("interrupted", 10.0, 0)
    assert summary.to_json()["status"] == "interrupted"


def test_overviews_list_every_session_latest_first(journal: Journal) -> None:
    first = new_session(journal)
    second = new_session(journal, start=T0 + timedelta(hours=1))
    second.record(EventType.session_closed)
    journal.set_status(second.session_id, "closed")
    listed = session_overviews(journal, local_now())
    assert [(o.id, o.status) for o in listed] == [
        (second.session_id, "closed"),
        (first.session_id, "interrupted"),
    ]


# -- which session resume and join take -------------------------------------------------------------
def sessions_of_every_kind(journal: Journal) -> dict[str, str]:
    """An interrupted session, then a live one, then a closed one (the latest)."""
    interrupted = new_session(journal).session_id
    live = new_session(journal, start=T0 + timedelta(minutes=10)).session_id
    beat(journal, live, T0 + timedelta(minutes=11), local_now())
    closed = new_session(journal, start=T0 + timedelta(minutes=20))
    closed.record(EventType.session_closed)
    journal.set_status(closed.session_id, "closed")
    return {"interrupted": interrupted, "live": live, "closed": closed.session_id}


def test_resume_takes_the_latest_session_no_runner_holds(journal: Journal) -> None:
    ids = sessions_of_every_kind(journal)
    assert session_to_resume(journal, None).id == ids["interrupted"]
    assert session_to_resume(journal, None, take_over=True).id == ids["live"]
    # a named session is taken as named; what cannot be resumed is said then
    named = session_to_resume(journal, ids["closed"])
    with pytest.raises(SessionError) as refused:
        check_resumable(journal, named)
    assert refused.value.key == "session.already_closed"
    with pytest.raises(SessionError) as refused:
        check_resumable(journal, journal.session(ids["live"]))
    assert refused.value.key == "session.running_elsewhere"
    check_resumable(journal, journal.session(ids["live"]), take_over=True)


def test_resume_says_why_there_is_nothing_to_take(journal: Journal) -> None:
    with pytest.raises(SessionError) as refused:
        session_to_resume(journal, None)
    assert refused.value.key == "session.nothing_to_resume"
    live = new_session(journal).session_id
    beat(journal, live, T0, local_now())
    with pytest.raises(SessionError) as refused:
        session_to_resume(journal, None)
    assert (refused.value.key, refused.value.params["id"]) == ("session.running_elsewhere", live)


def test_join_waits_for_the_next_session_to_open(journal: Journal) -> None:
    earlier = new_session(journal).session_id  # over, not live: not the one to join
    told: list[str] = []
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        if len(slept) == 3:  # the facilitator starts while the participant waits
            new_session(journal, start=T0 + timedelta(hours=1))

    row = live_or_next_session(
        journal, on_wait=lambda: told.append("waiting"), poll_seconds=0.25, sleep=sleep
    )
    assert row.id != earlier and row.status == "open"
    assert told == ["waiting"] and slept == [0.25, 0.25, 0.25]


def test_join_takes_the_live_session_without_waiting(journal: Journal) -> None:
    live = new_session(journal).session_id
    beat(journal, live, T0, local_now())
    new_session(journal, start=T0 + timedelta(hours=1))  # newer, but nobody runs it

    def never(seconds: float) -> None:
        raise AssertionError("waited")

    assert live_or_next_session(journal, on_wait=lambda: None, sleep=never).id == live


# -- resuming -------------------------------------------------------------------------------------------
def test_resume_after_a_crash_restarts_the_clock_at_the_last_sign_of_life(
    journal: Journal,
) -> None:
    ahead = local_now() + timedelta(days=1)  # a fast rehearsal's clock ran ahead of the wall
    writer = new_session(journal, start=ahead, speed=60)
    writer.record(EventType.segment_started, segment="intro")
    writer.clock.advance(300)
    last_beat = ahead + timedelta(seconds=300)
    beat(journal, writer.session_id, last_beat, local_now() - timedelta(minutes=2))  # dead

    resumed = resume_session(journal, writer.row)
    assert resumed.clock.speed == 60  # the session's own speed when none is given
    assert resumed.clock.now() >= last_beat  # never backwards
    event = journal.events(writer.session_id)[-1]
    assert event.type == EventType.session_resumed
    assert event.payload["interrupted_at"] == last_beat.isoformat()
    state = folded(resumed)
    assert state.segments["intro"].elapsed == 300.0  # the outage is not charged to it
    # meanwhile another computer resumed it and runs it: the claim is refused, unless taken over
    beat(journal, writer.session_id, last_beat, local_now())
    with pytest.raises(SessionError) as refused:
        resume_session(journal, writer.row)
    assert refused.value.key == "session.running_elsewhere"
    assert journal.events(writer.session_id)[-1].seq == event.seq  # nothing written
    resume_session(journal, writer.row, take_over=True)
    assert journal.last_heartbeat(writer.session_id).host != ELSEWHERE


def test_resume_at_another_speed_and_after_a_quit(journal: Journal) -> None:
    writer = new_session(journal, speed=60)
    writer.record(EventType.segment_started, segment="intro")
    writer.record(EventType.session_suspended)  # a quit: not a crash
    resumed = resume_session(journal, writer.row, speed=1.0)
    assert resumed.clock.speed == 1.0
    assert journal.events(writer.session_id)[-1].payload.get("interrupted_at") is None
    with pytest.raises(UsageError):
        resume_session(journal, writer.row, speed=20_000, take_over=True)


# -- opening with attendance -----------------------------------------------------------------------
def test_without_questions_the_roster_is_present_unless_the_answers_file_says_otherwise(
    journal: Journal, tmp_path: Path
) -> None:
    text = ROSTER_AGENDA
    agenda = parse_agenda_text(text, "conseil.yaml")
    assert attendance_from_answers(agenda, None) == [
        ("Inès", "present", None),
        ("Hugo", "present", None),
        ("Maëlle", "present", None),
    ]
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        "attendance:\n  Maëlle: excused\n  Hugo: {status: represented, by: Inès}\n",
        encoding="utf-8",
    )
    attendance = attendance_from_answers(agenda, load_answers_file(answers, agenda))
    assert attendance == [
        ("Inès", "present", None),
        ("Hugo", "represented", "Inès"),
        ("Maëlle", "excused", None),
    ]
    writer = start_session(
        journal, LoadedAgenda(agenda, "conseil.yaml", text), SessionSetup(), attendance
    )
    state = folded(writer)
    assert {name: (r.status, r.represented_by) for name, r in state.attendance.items()} == {
        "Inès": ("present", None),
        "Hugo": ("represented", "Inès"),
        "Maëlle": ("excused", None),
    }


# -- the secretary's records ---------------------------------------------------------------------------
def test_a_record_goes_to_the_running_segment_as_typed_and_cleaned(journal: Journal) -> None:
    writer = new_session(journal)
    writer.record(EventType.segment_started, segment="intro")
    saved = add_record(
        journal,
        writer.row,
        "action",
        "  Envoyer le compte rendu\x1b[2J ",
        owner=" Hugo ",
        due="15/12/2026",
    )
    assert (saved.segment, saved.segment_title, saved.owner, saved.due) == (
        "intro",
        "Introduction",
        "Hugo",
        "2026-12-15",
    )
    assert not saved.session_closed
    event = journal.events(writer.session_id)[-1]
    assert event.type == EventType.action
    assert event.payload == {
        "text": "Envoyer le compte rendu[2J",
        "segment": "intro",
        "owner": "Hugo",
        "due": "2026-12-15",
    }


def test_a_bad_record_is_refused_before_anything_is_written(journal: Journal) -> None:
    writer = new_session(journal)
    before = len(journal.events(writer.session_id))
    for kind, text, extra in [
        ("note", "   ", {}),
        ("action", "Réserver la salle", {"owner": "Inès", "due": "31/02/2027"}),
        ("decision", "On vote", {"segment": "inconnu"}),
    ]:
        with pytest.raises((UsageError, SessionError)):
            add_record(journal, writer.row, kind, text, **extra)  # type: ignore[arg-type]
    assert len(journal.events(writer.session_id)) == before
