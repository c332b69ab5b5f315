"""Which session a command means when none is named, and taking an interrupted one up again
(``seminar resume``): choosing it, refusing what cannot be resumed, claiming it, and restarting
its clock where the runner was last seen alive."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from seminar_cli import timer
from seminar_cli.errors import SessionError
from seminar_cli.journal.events import EventType
from seminar_cli.journal.state import fold
from seminar_cli.journal.store import Journal, SessionRow
from seminar_cli.session.clock import (
    checked_speed,
    last_sign_of_life,
    resumed_clock_start,
    session_speed,
)
from seminar_cli.session.service import (
    ClockMaker,
    SessionWriter,
    anonymous_key_for,
    claim_session,
    is_live,
    live_session,
    next_opened_session,
    resolve_session,
    stored_agenda,
)

WAIT_POLL_SECONDS = 0.5  # how often a waiting `join` looks for a session that opened


def session_to_resume(
    journal: Journal, ref: str | None, *, take_over: bool = False, now: datetime | None = None
) -> SessionRow:
    """The session ``ref`` names; without one, the latest session that is not closed (with
    ``take_over``, even one that seems to run elsewhere)."""
    if ref:
        return resolve_session(journal, ref)
    moment = now or timer.local_now()
    open_rows = [row for row in journal.sessions() if row.status == "open"]
    for row in open_rows:  # one still running in another terminal is not interrupted
        if take_over or not is_live(journal, row, moment):
            return row
    if open_rows:
        raise SessionError("session.running_elsewhere", id=open_rows[0].id)
    raise SessionError("session.nothing_to_resume")


def check_resumable(
    journal: Journal, row: SessionRow, *, take_over: bool = False, now: datetime | None = None
) -> None:
    """SessionError when ``row`` is sealed or closed, or runs in another process (unless
    ``take_over``)."""
    refuse_if_sealed(journal, row)
    if row.status == "closed":
        raise SessionError("session.already_closed", id=row.id)
    if not take_over and is_live(journal, row, now or timer.local_now()):
        raise SessionError("session.running_elsewhere", id=row.id)


def refuse_if_sealed(journal: Journal, row: SessionRow) -> None:
    """Sealed minutes are final (PRODUCT §7): such a session never runs again."""
    if journal.count_events(row.id, EventType.session_sealed) == 0:
        return
    from seminar_cli.session.seal import moment_text

    state = fold(row.id, stored_agenda(row), journal.events(row.id))
    at = moment_text(state.sealed.when) if state.sealed is not None else "?"
    raise SessionError("seal.refused_resume", id=row.id, at=at)


def resume_session(
    journal: Journal,
    row: SessionRow,
    *,
    speed: float | None = None,
    take_over: bool = False,
    make_clock: ClockMaker | None = None,
) -> SessionWriter:
    """Claim ``row`` for this process and record ``session_resumed``: the writer the runner
    goes on with.  Its clock runs at ``speed`` (by default the session's own) from the later of
    the wall clock and the runner's last sign of life; after a crash the fold stops the running
    segment's clock there (``make_clock(speed, start)``, by default the wall's ``SystemClock``).
    SessionError when another process claimed it first."""
    agenda = stored_agenda(row)
    refuse_if_sealed(journal, row)
    state = fold(row.id, agenda, journal.events(row.id))
    if state.closed:  # closed by a version that marked it in two steps: finish the job
        journal.set_status(row.id, "closed")
        raise SessionError("session.already_closed", id=row.id)
    beat = journal.last_heartbeat(row.id)
    # the runner's own last sign of life, never a note or an answer another process wrote
    # while it was dead
    alive_at = last_sign_of_life(state, beat)
    start = resumed_clock_start(state, beat, timer.local_now())
    factor = checked_speed(speed if speed is not None else session_speed(state))
    clock = (make_clock or timer.SystemClock)(factor, start)
    writer = SessionWriter(journal, row, clock)
    interrupted = alive_at if state.suspended_at is None else None  # a crash
    # two resumes at once: only one runs
    claim_session(
        journal,
        row,
        writer.clock,
        at=interrupted,
        take_over=take_over,
        public_key=anonymous_key_for(agenda),
    )
    writer.record(
        EventType.session_resumed,
        interrupted_at=interrupted.isoformat() if interrupted else None,
    )
    return writer


def live_or_next_session(
    journal: Journal,
    *,
    on_wait: Callable[[], None] = lambda: None,
    poll_seconds: float = WAIT_POLL_SECONDS,
    sleep: Callable[[float], None] | None = None,
) -> SessionRow:
    """The live session, else the next one to open on this journal (PRODUCT §9: before the
    facilitator starts, the last session is over).  ``on_wait`` is called once, when there is
    nothing yet and the wait begins."""
    row = live_session(journal, timer.local_now())
    if row is not None:
        return row
    known = {r.id for r in journal.sessions()}
    on_wait()
    # PostgreSQL: back as soon as any event is committed (a new session's first one)
    pause = journal.wait_for_news if sleep is None else sleep
    while row is None:
        pause(poll_seconds)
        row = next_opened_session(journal, known, timer.local_now())
    return row
