"""Where the seminar stands against its plan, and re-planning to end on time (PRODUCT §3).

Re-planning floor (documented in docs/facilitator.md): a segment is never shortened below half
of its planned duration, nor below two minutes (a shorter segment is left as it is); ``fixed``
segments and the running one are never changed.  New durations are whole minutes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from seminar_cli.journal.state import SessionState

FLOOR_RATIO = 0.5
FLOOR_MIN_SECONDS = 120


@dataclass(frozen=True)
class ScheduleView:
    planned_end: datetime  # start + the agenda's planned durations
    projected_end: datetime  # now + what is left, as currently allotted
    drift: float  # seconds; > 0: behind the plan, < 0: ahead
    ends_by: datetime | None
    over_ends_by: float  # seconds past the hard stop (0 when it fits)


def _at_day(reference: datetime, clock_time: time) -> datetime:
    moment = reference.replace(
        hour=clock_time.hour, minute=clock_time.minute, second=0, microsecond=0
    )
    return moment


OFF_SCHEDULE = timedelta(hours=2)


def _planned_clock(state: SessionState) -> datetime | None:
    """The planned start (``--at`` or the agenda's ``starts_at``) on the day the session opened."""
    raw = state.meta.get("planned_start")
    if not raw or state.opened_at is None:
        return None
    hours, minutes = (int(x) for x in str(raw).split(":"))
    return _at_day(state.opened_at, time(hours, minutes))


def shifted(state: SessionState) -> bool:
    """True when the plan's clock times do not apply: a rehearsal, or a session opened more than
    two hours away from its planned start (a demonstration, another day's slot).  The plan then
    keeps its shape from the real start, and ``ends_by`` its distance from the planned start."""
    if state.rehearsal:
        return True
    planned = _planned_clock(state)
    return (
        planned is not None
        and state.opened_at is not None
        and abs(state.opened_at - planned) > OFF_SCHEDULE
    )


def planned_start(state: SessionState) -> datetime | None:
    first = next(
        (
            state.segments[s.id].started_at
            for s in state.agenda.segments
            if state.segments[s.id].started_at
        ),
        None,
    )
    anchor = state.opened_at or first
    if anchor is None:
        return None
    planned = _planned_clock(state)
    if planned is not None and not shifted(state):
        return planned
    return first or anchor


def remaining_seconds(state: SessionState, now: datetime) -> float:
    total = 0.0
    for segment in state.agenda.segments:
        seg = state.segments[segment.id]
        if seg.done:
            continue
        total += max(0.0, seg.remaining_at(now)) if seg.started else seg.allotted
    return total


def hard_stop(state: SessionState, start: datetime) -> datetime | None:
    """``ends_by`` on the session's day; when ``shifted``, the same distance from the start."""
    agenda = state.agenda
    if agenda.ends_by is None:
        return None
    if shifted(state):
        raw = state.meta.get("planned_start")
        if not raw:
            return None
        hours, minutes = (int(x) for x in str(raw).split(":"))
        day = start.date()
        span = datetime.combine(day, agenda.ends_by) - datetime.combine(day, time(hours, minutes))
        if span < timedelta(0):
            span += timedelta(days=1)
        return start + span
    ends_by = _at_day(start, agenda.ends_by)
    return ends_by + timedelta(days=1) if ends_by < start else ends_by


def schedule(state: SessionState, now: datetime) -> ScheduleView:
    start = planned_start(state) or now
    planned_end = start + timedelta(seconds=state.agenda.total_seconds)
    projected_end = now + timedelta(seconds=remaining_seconds(state, now))
    ends_by = hard_stop(state, start)
    over = max(0.0, (projected_end - ends_by).total_seconds()) if ends_by else 0.0
    return ScheduleView(
        planned_end, projected_end, (projected_end - planned_end).total_seconds(), ends_by, over
    )


@dataclass(frozen=True)
class ReplanProposal:
    durations: dict[str, int]  # segment id -> new seconds (only those that change)
    before: dict[str, int]  # segment id -> seconds now allotted
    behind: int  # seconds past the hard stop before re-planning
    still_over: int  # seconds past it after (0: ends on time)


def floor_for(planned: int) -> int:
    if planned <= FLOOR_MIN_SECONDS:
        return planned
    return max(FLOOR_MIN_SECONDS, int(planned * FLOOR_RATIO))


def propose_replan(state: SessionState, now: datetime) -> ReplanProposal | None:
    """New durations for the flexible segments still to come, or None when none are needed."""
    view = schedule(state, now)
    if view.ends_by is None or view.over_ends_by < 30:
        return None
    flexible = [
        s
        for s in state.agenda.segments
        if not s.fixed and not state.segments[s.id].started and not state.segments[s.id].done
    ]
    if not flexible:
        return None
    before = {s.id: state.segments[s.id].allotted for s in flexible}
    need = int(view.over_ends_by)
    budget = sum(before.values()) - need
    total = sum(before.values())
    durations: dict[str, int] = {}
    for segment in flexible:
        current = before[segment.id]
        scaled = int(current * budget / total) // 60 * 60 if total else current
        durations[segment.id] = min(current, max(floor_for(segment.duration), scaled))
    saved = sum(before[k] - v for k, v in durations.items())
    changed = {k: v for k, v in durations.items() if v != before[k]}
    if not changed:
        return None
    return ReplanProposal(changed, {k: before[k] for k in changed}, need, max(0, need - saved))
