"""The session clock: a session's speed and "now" on its clock, worked out here and nowhere
else (the runner, the live screen, ``join``, the secretary, ``sessions``, ``resume`` and the
minutes all ask these functions).

A rehearsal runs ``speed`` times faster than the wall (``--speed``).  The runner owns the
clock; the processes beside it follow its heartbeats (a session time and the wall time it was
written), moved on at the session's speed.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from seminar_cli.errors import UsageError
from seminar_cli.journal.state import SessionState
from seminar_cli.journal.store import Heartbeat, SessionRow
from seminar_cli.timer import Clock

MIN_SPEED, MAX_SPEED = 0.1, 10_000


def checked_speed(value: float | None) -> float:
    """A rehearsal's ``--speed`` factor (1 when not given); UsageError outside the bounds."""
    if value is None:
        return 1.0
    # below a tenth the session hardly moves (1e-300 never did), above 10,000 a second of
    # the wall is nearly three hours of the session
    if not MIN_SPEED <= value <= MAX_SPEED:
        raise UsageError("run.bad_speed", value=f"{value:g}")
    return value


def session_speed(state: SessionState) -> float:
    """The speed the session was opened (or last resumed) with: 1 for a real session."""
    speed = state.meta.get("speed")
    # the journal is the truth but may be another version's, or crafted: never 0, never NaN
    try:
        value = float(speed or 1.0)
    except (TypeError, ValueError):
        return 1.0
    return value if math.isfinite(value) and value > 0 else 1.0


def clock_speed(clock: Clock) -> float:
    """How many session seconds one real second is on ``clock`` (a runner's clock)."""
    speed = getattr(clock, "speed", 1.0)
    return float(speed) if speed and speed > 0 else 1.0


def running_now(beat: Heartbeat, speed: float, wall: datetime) -> datetime:
    """ "Now" on a running session's clock: its runner's last heartbeat (a session time and the
    wall time it was written), moved on by the wall time since at the session's speed (a
    rehearsal at ``--speed 10`` runs ten times faster than the wall)."""
    return beat.at + timedelta(seconds=max(0.0, (wall - beat.real_at).total_seconds()) * speed)


def session_now(
    state: SessionState | None, beat: Heartbeat | None, wall: datetime, *, alive: bool
) -> datetime:
    """ "Now" on the session's clock, for a process beside its runner (what it writes is timed
    as the runner times its segments, so a rehearsal's minutes hold one clock).

    ``alive``: the runner that wrote ``beat`` still runs.  Then its clock has moved on from that
    heartbeat at the session's speed (never back before the runner's own last event);
    otherwise it is the wall clock, but never before what the session already holds (a
    rehearsal's clock may have run ahead of the wall).
    """
    if beat is not None and alive and not (state is not None and state.closed):
        speed = session_speed(state) if state is not None else 1.0
        running = running_now(beat, speed, wall)
        last_own = state.runner_event_at if state is not None else None
        return max(running, last_own) if last_own else running
    last = state.last_event_at if state is not None else None
    return max(wall, last) if last else wall


def segment_clock(
    row: SessionRow, state: SessionState, beat: Heartbeat | None, wall: datetime, *, alive: bool
) -> datetime:
    """Where the session's clock stands for its running segment (``sessions show``).

    A closed or suspended session stopped at a known moment; a live one (possibly a sped-up
    rehearsal) has moved on from its last heartbeat; a crashed one stopped at its last sign of
    life.
    """
    if state.closed_at is not None:
        return state.closed_at
    if state.suspended_at is not None:
        return state.suspended_at
    # the runner's own times only: a note or an answer written while it was dead (or on a
    # wrong clock) would eat into the running segment's time
    last = state.runner_event_at or state.opened_at or row.created_at
    if beat is not None and alive:
        return max(last, session_now(state, beat, wall, alive=True))
    return max(last, beat.at) if beat is not None else last


def last_sign_of_life(state: SessionState, beat: Heartbeat | None) -> datetime | None:
    """When the session's runner was last seen alive: its last heartbeat or its own last event.

    Answers from ``seminar join`` and the secretary's notes are left out: they may be written
    while the runner is dead, on another clock; taking one for a sign of life would charge the
    whole outage (or a wrong clock's hours) to the running segment.
    """
    known = [x for x in (state.runner_event_at, beat.at if beat else None) if x is not None]
    return max(known) if known else None


def resumed_clock_start(state: SessionState, beat: Heartbeat | None, wall: datetime) -> datetime:
    """Where a resumed session's clock starts: the later of the wall clock and the runner's
    last sign of life, so that it never runs backwards (a sped-up rehearsal's clock may have
    run ahead of the wall)."""
    alive_at = last_sign_of_life(state, beat)
    return max(wall, alive_at) if alive_at else wall
