"""What ``seminar sessions list | show`` tell about the sessions of a journal, as plain data
(dataclasses and JSON-ready dicts): the terminal draws them (``ui/sessions.py``), ``--json``
writes them as they are, and a web front end can serve the same."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from seminar_cli.errors import SessionError
from seminar_cli.journal.state import SegmentState, SessionState
from seminar_cli.journal.store import Journal, SessionRow
from seminar_cli.session.clock import segment_clock, session_speed
from seminar_cli.session.schedule import planned_start
from seminar_cli.session.service import is_live, load_state


@dataclass(frozen=True)
class Overview:
    id: str
    title: str
    agenda: str
    created_at: datetime
    status: str  # live | interrupted | closed | unreadable
    rehearsal: bool
    speed: float
    segments_done: int
    segments_total: int
    answers: int

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "agenda": self.agenda,
            "created_at": self.created_at.isoformat(),
            "status": self.status,
            "rehearsal": self.rehearsal,
            "speed": self.speed,
            "segments_done": self.segments_done,
            "segments_total": self.segments_total,
            "answers": self.answers,
        }


def session_status(journal: Journal, row: SessionRow, state: SessionState, now: datetime) -> str:
    if row.status == "closed" or state.closed:
        return "closed"
    return "live" if is_live(journal, row, now) else "interrupted"


def overview(journal: Journal, row: SessionRow, now: datetime) -> Overview:
    try:
        state = load_state(journal, row)
    except SessionError:  # its stored agenda cannot be read: still listed, never hidden
        return Overview(
            row.id,
            row.title,
            row.agenda_name,
            row.created_at,
            "unreadable",
            row.rehearsal,
            1.0,
            0,
            0,
            0,
        )
    return Overview(
        id=row.id,
        title=row.title,
        agenda=row.agenda_name,
        created_at=row.created_at,
        status=session_status(journal, row, state, now),
        rehearsal=row.rehearsal or state.rehearsal,
        speed=session_speed(state),
        segments_done=sum(1 for s in state.segments.values() if s.done),
        segments_total=len(state.segments),
        answers=sum(state.answer_count(p.id) for _s, p in state.agenda.all_prompts())
        + sum(workshop_answers(journal, row, state).values()),
    )


def segment_status(seg: SegmentState, session: str) -> str:
    if seg.skipped:
        return "skipped"
    if seg.done:
        return "ended_early" if seg.early else "done"
    if not seg.started:
        return "pending"
    if session != "live" or seg.suspended:
        return "interrupted"
    return "paused" if seg.paused else "running"


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def details(journal: Journal, row: SessionRow, now: datetime) -> dict[str, Any]:
    """Everything ``sessions show`` tells, as plain JSON-ready data."""
    state = load_state(journal, row)
    agenda = state.agenda
    status = session_status(journal, row, state, now)
    beat = journal.last_heartbeat(row.id)
    clock = segment_clock(row, state, beat, now, alive=status == "live")
    start = planned_start(state)
    segments: list[dict[str, Any]] = []
    moment = start
    for segment in agenda.segments:
        seg = state.segments[segment.id]
        planned_end = moment + timedelta(seconds=segment.duration) if moment else None
        segments.append(
            {
                "id": segment.id,
                "title": segment.title,
                "kind": segment.kind.value,
                "planned_seconds": segment.duration,
                "allotted_seconds": seg.allotted,
                "planned_start": _iso(moment),
                "planned_end": _iso(planned_end),
                "started_at": _iso(seg.started_at),
                "ended_at": _iso(seg.ended_at),
                "elapsed_seconds": round(seg.elapsed_at(clock), 1),
                "status": segment_status(seg, status),
            }
        )
        moment = planned_end
    prompts = []
    for segment, prompt in agenda.all_prompts():
        if prompt.id in state.open_prompts:
            prompt_status = "open"
        elif prompt.id in state.closed_prompts:
            prompt_status = "closed"
        else:
            prompt_status = "pending"
        prompts.append(
            {
                "id": prompt.id,
                "segment": segment.id,
                "question": prompt.question,
                "type": prompt.type.value,
                "who": prompt.who.value,
                "anonymous": prompt.anonymous,
                "status": prompt_status,
                "answers": state.answer_count(prompt.id),
            }
        )
    attendance = []
    roster = {p.name for p in agenda.participants}
    for person in agenda.participants:
        record = state.attendance.get(person.name)
        attendance.append(
            {
                "participant": person.name,
                "organization": person.organization,
                "status": record.status if record else None,
                "represented_by": record.represented_by if record else None,
            }
        )
    for name, record in state.attendance.items():  # people who came without being listed
        if name not in roster:
            attendance.append(
                {
                    "participant": name,
                    "organization": None,
                    "status": record.status,
                    "represented_by": record.represented_by,
                }
            )
    meta = state.meta
    by_workshop = workshop_answers(journal, row, state)
    return {
        "id": row.id,
        "title": row.title,
        "agenda": row.agenda_name,
        "language": row.language,
        "status": status,
        "rehearsal": row.rehearsal or state.rehearsal,
        "speed": session_speed(state),
        "place": meta.get("place"),
        "facilitator": meta.get("facilitator"),
        "secretary": meta.get("secretary"),
        "created_at": row.created_at.isoformat(),
        "opened_at": _iso(state.opened_at),
        "closed_at": _iso(state.closed_at),
        "planned_start": _iso(start),
        "segments_done": sum(1 for s in state.segments.values() if s.done),
        "segments_total": len(state.segments),
        # the plenary's answers and the workshops' (each in its stream, PRODUCT §9 "Streams")
        "answers": sum(int(p["answers"]) for p in prompts) + sum(by_workshop.values()),
        "workshop_answers": [
            {"id": w.id, "title": w.title, "answers": by_workshop[w.id]}
            for _s, w in agenda.all_workshops()
            if w.id in by_workshop
        ],
        "attendance": attendance,
        "segments": segments,
        "prompts": prompts,
        "records": {
            "notes": sum(1 for r in state.records if r.kind == "note"),
            "decisions": sum(1 for r in state.records if r.kind == "decision"),
            "actions": sum(1 for r in state.records if r.kind == "action"),
        },
        # the secretary's records of each workshop (--workshop), in its own stream
        "workshop_records": workshop_records(journal, row, state),
        "replans": len(state.replans),
        "events": state.last_seq,
    }


def workshop_records(
    journal: Journal, row: SessionRow, state: SessionState
) -> list[dict[str, Any]]:
    """Per workshop holding any, in the agenda's order: its notes, decisions and actions
    (``seminar note --workshop ID``), which the plenary's own counts leave out."""
    ids = [w.id for _s, w in state.agenda.all_workshops()]
    if not ids:
        return []
    counts: dict[str, dict[str, int]] = {}
    for event in journal.events(row.id, streams=ids):
        if event.type in ("note", "decision", "action"):
            found = counts.setdefault(event.stream, {"notes": 0, "decisions": 0, "actions": 0})
            found[f"{event.type}s"] += 1
    titles = {w.id: w.title for _s, w in state.agenda.all_workshops()}
    return [{"id": ws, "title": titles[ws], **counts[ws]} for ws in ids if ws in counts]


def workshop_answers(journal: Journal, row: SessionRow, state: SessionState) -> dict[str, int]:
    """How many answers each workshop holding any received (its own prompts and its segment's
    shared ones), from its stream alone: the plenary's counts leave them out.  A named answer
    given again counts once, as everywhere."""
    from seminar_cli.journal.state import fold

    ids = [w.id for _s, w in state.agenda.all_workshops()]
    if not ids:
        return {}
    by_stream: dict[str, list[Any]] = {}
    for event in journal.events(row.id, streams=ids):
        by_stream.setdefault(event.stream, []).append(event)
    counts = {}
    for workshop, events in by_stream.items():
        own = fold(row.id, state.agenda, events)
        counts[workshop] = sum(own.answer_count(prompt) for prompt in own.answers)
    return {ws: counts[ws] for ws in ids if counts.get(ws)}


def session_overviews(journal: Journal, now: datetime) -> list[Overview]:
    """Every session of the journal, the latest first (``sessions list``)."""
    return [overview(journal, row, now) for row in journal.sessions()]
