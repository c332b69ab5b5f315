"""Drift against the plan and the hard stop, on the day and away from it."""

from __future__ import annotations

from datetime import datetime, timedelta

from seminar_cli.agenda.loader import load_agenda
from seminar_cli.journal.events import EventType
from seminar_cli.journal.store import Journal
from seminar_cli.session.schedule import schedule, shifted
from seminar_cli.session.service import SessionSetup, SessionWriter, open_session
from seminar_cli.timer import FakeClock

TZ = datetime(2026, 11, 26, 12, 0).astimezone().tzinfo


def _session(tmp_path, opened_at: datetime, *, rehearsal: bool = False) -> SessionWriter:
    journal = Journal.open(tmp_path / "journal.sqlite3")
    clock = FakeClock(start=opened_at)
    loaded = load_agenda("co-construisons-demain")  # starts_at 14:00, ends_by 17:30, 3 h 25
    speed = 60.0 if rehearsal else 1.0
    session_id = open_session(
        journal, loaded, SessionSetup(rehearsal=rehearsal, speed=speed), clock
    )
    return SessionWriter(journal, journal.session(session_id), clock)


def test_ten_minutes_late_on_the_day_is_ten_minutes_behind(tmp_path):
    writer = _session(tmp_path, datetime(2026, 11, 26, 14, 10, tzinfo=TZ))
    writer.record(EventType.segment_started, segment="accueil")
    view = schedule(writer.state, writer.clock.now())
    assert not shifted(writer.state)
    assert view.drift == 600
    assert view.ends_by == datetime(2026, 11, 26, 17, 30, tzinfo=TZ)
    assert view.over_ends_by == 300  # 3 h 25 from 14:10 ends at 17:35


def test_a_run_far_from_the_planned_time_keeps_the_plan_shape(tmp_path):
    # a demonstration in the morning of an afternoon seminar: not "7 hours ahead"
    writer = _session(tmp_path, datetime(2026, 11, 26, 7, 0, tzinfo=TZ))
    writer.record(EventType.segment_started, segment="accueil")
    writer.clock.advance(120)
    view = schedule(writer.state, writer.clock.now())
    assert shifted(writer.state)
    assert view.drift == 0
    # the hard stop keeps its distance from the planned start: 3 h 30 after the real start
    assert view.ends_by == datetime(2026, 11, 26, 10, 30, tzinfo=TZ)
    assert view.over_ends_by == 0


def test_a_rehearsal_is_always_shifted(tmp_path):
    writer = _session(tmp_path, datetime(2026, 11, 26, 14, 0, tzinfo=TZ), rehearsal=True)
    writer.record(EventType.segment_started, segment="accueil")
    writer.clock.advance(timedelta(minutes=30).total_seconds())
    view = schedule(writer.state, writer.clock.now())
    assert shifted(writer.state)
    assert view.drift == 20 * 60  # the welcome segment is planned for 10 minutes
