"""``seminar sessions list | show``: what the journal holds, for people (tables) and scripts
(``--json`` on stdout)."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Annotated, Any

import typer

from seminar_cli.cli.completion import complete_session
from seminar_cli.i18n import keyed, t

if TYPE_CHECKING:
    from rich.text import Text

    from seminar_cli.journal.state import SegmentState, SessionState
    from seminar_cli.journal.store import Journal, SessionRow

JsonOpt = Annotated[bool, typer.Option("--json", help=keyed("help.opt.json"))]
SessionArg = Annotated[
    str | None,
    typer.Argument(
        help=keyed("help.arg.session"), show_default=False, autocompletion=complete_session
    ),
]


def register(app: typer.Typer) -> None:
    group = typer.Typer(help=t("help.sessions"), no_args_is_help=True, rich_markup_mode=None)
    app.add_typer(group, name="sessions")

    @group.command("list", help=t("help.sessions.list"), epilog=t("help.sessions.list.epilog"))
    def list_cmd(ctx: typer.Context, as_json: JsonOpt = False) -> None:
        from seminar_cli.cli.common import open_journal
        from seminar_cli.cli.context import app_context
        from seminar_cli.timer import local_now
        from seminar_cli.ui import console

        path = app_context(ctx).journal_path()
        if not path.exists():  # nothing recorded yet is not an error
            if as_json:
                _write_json([])
            else:
                console.say(t("sessions.none_yet", file=str(path)))
            return
        with open_journal(ctx, reading=True) as journal:
            now = local_now()
            overviews = [overview(journal, row, now) for row in journal.sessions()]
        if as_json:
            _write_json([o.to_json() for o in overviews])
            return
        if not overviews:
            console.say(t("sessions.none_yet", file=str(path)))
            return
        _render_list(overviews)

    @group.command("show", help=t("help.sessions.show"), epilog=t("help.sessions.show.epilog"))
    def show_cmd(ctx: typer.Context, session: SessionArg = None, as_json: JsonOpt = False) -> None:
        from seminar_cli.cli.common import find_session, open_journal
        from seminar_cli.timer import local_now

        with open_journal(ctx, reading=True) as journal:
            row = find_session(journal, session)
            detail = details(journal, row, local_now())
        if as_json:
            _write_json(detail)
        else:
            _render_show(detail)


# -- facts, independent of how they are shown --------------------------------------------------
@dataclass(frozen=True)
class Overview:
    id: str
    title: str
    agenda: str
    created_at: datetime
    status: str  # live | interrupted | closed
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
    from seminar_cli.session.service import is_live

    if row.status == "closed" or state.closed:
        return "closed"
    return "live" if is_live(journal, row, now) else "interrupted"


def session_clock(
    journal: Journal, row: SessionRow, state: SessionState, status: str, now: datetime
) -> datetime:
    """ "Now" on the session's own clock: where its running segment stands.

    A closed or suspended session stopped at a known moment; a live one (possibly a sped-up
    rehearsal) has moved on from its last heartbeat; a crashed one stopped at its last sign
    of life.
    """
    if state.closed_at is not None:
        return state.closed_at
    if state.suspended_at is not None:
        return state.suspended_at
    beat = journal.last_heartbeat(row.id)
    # the runner's own times only: a note or an answer written while it was dead (or on a
    # wrong clock) would eat into the running segment's time
    last = state.runner_event_at or state.opened_at or row.created_at
    if beat is not None and status == "live":
        from seminar_cli.session.service import running_now

        speed = float(state.meta.get("speed", 1.0) or 1.0)
        return max(last, running_now(beat, speed, now))
    return max(last, beat.at) if beat is not None else last


def overview(journal: Journal, row: SessionRow, now: datetime) -> Overview:
    from seminar_cli.errors import SessionError
    from seminar_cli.session.service import load_state

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
        speed=float(state.meta.get("speed", 1.0) or 1.0),
        segments_done=sum(1 for s in state.segments.values() if s.done),
        segments_total=len(state.segments),
        answers=sum(state.answer_count(p.id) for _s, p in state.agenda.all_prompts()),
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
    from seminar_cli.session.schedule import planned_start
    from seminar_cli.session.service import load_state

    state = load_state(journal, row)
    agenda = state.agenda
    status = session_status(journal, row, state, now)
    clock = session_clock(journal, row, state, status, now)
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
    return {
        "id": row.id,
        "title": row.title,
        "agenda": row.agenda_name,
        "language": row.language,
        "status": status,
        "rehearsal": row.rehearsal or state.rehearsal,
        "speed": float(meta.get("speed", 1.0) or 1.0),
        "place": meta.get("place"),
        "facilitator": meta.get("facilitator"),
        "secretary": meta.get("secretary"),
        "created_at": row.created_at.isoformat(),
        "opened_at": _iso(state.opened_at),
        "closed_at": _iso(state.closed_at),
        "planned_start": _iso(start),
        "segments_done": sum(1 for s in state.segments.values() if s.done),
        "segments_total": len(state.segments),
        "answers": sum(p["answers"] for p in prompts),
        "attendance": attendance,
        "segments": segments,
        "prompts": prompts,
        "records": {
            "notes": sum(1 for r in state.records if r.kind == "note"),
            "decisions": sum(1 for r in state.records if r.kind == "decision"),
            "actions": sum(1 for r in state.records if r.kind == "action"),
        },
        "replans": len(state.replans),
        "events": state.last_seq,
    }


# -- rendering -----------------------------------------------------------------------------
def _write_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    sys.stdout.flush()


NARROW = 120  # columns: below this, ``sessions list`` writes lines instead of a table
_STATUS_STYLE = {"live": "bold green", "interrupted": "yellow", "closed": "", "unreadable": "red"}


def _plain(value: str | None) -> Text:
    """What a journal holds, shown as it is written: no control character or escape sequence
    (a crafted or foreign journal could hold them) and no Rich markup."""
    from rich.text import Text

    from seminar_cli.session.answers import strip_controls

    return Text(strip_controls(value or ""))


def _status_label(status: str, rehearsal: bool) -> str:
    label = t(f"sessions.status.{status}")
    return label + (" · " + t("sessions.rehearsal") if rehearsal else "")


def _render_list(overviews: list[Overview]) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from seminar_cli.ui import console

    out = console.out()
    if out.width < NARROW:  # the id is what people copy: rather lines than a cramped table
        out.print(Text(t("sessions.list.title"), style="bold"))
        for o in overviews:
            line = _plain(o.id)
            line.stylize("bold")
            line.append("  " + _status_label(o.status, o.rehearsal), _STATUS_STYLE.get(o.status))
            line.append("\n  ")
            line.append(_plain(o.title))
            line.append(f" — {o.created_at:%Y-%m-%d %H:%M} — ")
            line.append(
                t(
                    "sessions.progress",
                    done=o.segments_done,
                    total=o.segments_total,
                    answers=o.answers,
                )
            )
            out.print(line)
        return
    table = Table(title=t("sessions.list.title"), box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column(t("sessions.col.id"), no_wrap=True)
    table.add_column(t("sessions.col.title"), min_width=16, ratio=1, overflow="fold")
    table.add_column(t("sessions.col.date"), min_width=10, overflow="fold")
    table.add_column(t("sessions.col.status"), min_width=11, overflow="fold")
    table.add_column(t("sessions.col.segments"), justify="right")
    table.add_column(t("sessions.col.answers"), justify="right")
    for o in overviews:
        table.add_row(
            _plain(o.id),
            _plain(o.title),
            o.created_at.strftime("%Y-%m-%d %H:%M"),
            _status_label(o.status, o.rehearsal),
            f"{o.segments_done}/{o.segments_total}",
            str(o.answers),
            style=_STATUS_STYLE.get(o.status, ""),
        )
    out.print(table)


def _hm(value: str | None) -> str:
    return datetime.fromisoformat(value).strftime("%H:%M") if value else ""


def _span(start: str | None, end: str | None) -> str:
    if not start:
        return ""
    return f"{_hm(start)}–{_hm(end)}" if end else f"{_hm(start)}–"


def _render_show(d: dict[str, Any]) -> None:
    from rich import box
    from rich.table import Table

    from seminar_cli.durations import format_clock, format_human
    from seminar_cli.ui import console

    out = console.out()
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold", no_wrap=True)
    facts.add_column()
    status = _status_label(d["status"], d["rehearsal"])
    if d["rehearsal"] and d["speed"] != 1.0:
        status += f" (×{d['speed']:g})"
    rows: list[tuple[str, str | None]] = [
        ("sessions.fact.id", d["id"]),
        ("sessions.fact.title", d["title"]),
        ("sessions.fact.agenda", d["agenda"]),
        ("sessions.fact.status", status),
        ("sessions.fact.place", d["place"]),
        ("sessions.fact.facilitator", d["facilitator"]),
        ("sessions.fact.secretary", d["secretary"]),
        ("sessions.fact.opened", _when(d["opened_at"])),
        ("sessions.fact.closed", _when(d["closed_at"])),
        (
            "sessions.fact.progress",
            t(
                "sessions.progress",
                done=d["segments_done"],
                total=d["segments_total"],
                answers=d["answers"],
            ),
        ),
        (
            "sessions.fact.records",
            t(
                "sessions.records",
                notes=d["records"]["notes"],
                decisions=d["records"]["decisions"],
                actions=d["records"]["actions"],
            ),
        ),
    ]
    if d["replans"]:
        rows.append(("sessions.fact.replans", str(d["replans"])))
    for key, value in rows:
        if value:
            facts.add_row(t(key), _plain(value))
    title = _plain(d["title"])
    title.stylize("bold")
    out.print(title)
    out.print(facts)

    if d["attendance"]:
        people = Table(title=t("sessions.attendance.title"), box=box.SIMPLE_HEAD)
        people.add_column(t("sessions.col.participant"))
        people.add_column(t("sessions.col.organization"))
        people.add_column(t("sessions.col.attendance"), no_wrap=True)
        for person in d["attendance"]:
            label = t(f"sessions.attendance.{person['status'] or 'unknown'}")
            if person["represented_by"]:
                by = _plain(person["represented_by"]).plain
                label += " " + t("sessions.attendance.by", name=by)
            people.add_row(
                _plain(person["participant"]), _plain(person["organization"]), _plain(label)
            )
        out.print(people)

    segments = Table(title=t("sessions.segments.title"), box=box.SIMPLE_HEAD)
    segments.add_column("#", justify="right")
    segments.add_column(t("sessions.col.segment"), min_width=16, ratio=1)
    segments.add_column(t("sessions.col.planned"), no_wrap=True)
    segments.add_column(t("sessions.col.planned_duration"), justify="right")
    segments.add_column(t("sessions.col.actual"), no_wrap=True)
    segments.add_column(t("sessions.col.actual_duration"), justify="right", no_wrap=True)
    segments.add_column(t("sessions.col.status"))
    for number, seg in enumerate(d["segments"], start=1):
        allotted = format_human(seg["allotted_seconds"])
        if seg["allotted_seconds"] != seg["planned_seconds"]:
            allotted += f" ({format_human(seg['planned_seconds'])})"
        started = seg["status"] != "pending" and seg["started_at"]
        segments.add_row(
            str(number),
            _plain(seg["title"]),
            _span(seg["planned_start"], seg["planned_end"]),
            allotted,
            _span(seg["started_at"], seg["ended_at"]),
            format_clock(seg["elapsed_seconds"]) if started else "",
            t(f"sessions.segment.{seg['status']}"),
            style=_SEGMENT_STYLE.get(seg["status"], ""),
        )
    out.print(segments)

    if d["prompts"]:
        prompts = Table(title=t("sessions.prompts.title"), box=box.SIMPLE_HEAD)
        prompts.add_column("#", justify="right")  # the segment's number, as above
        prompts.add_column(t("sessions.col.question"), min_width=20, ratio=1)
        prompts.add_column(t("sessions.col.who"))
        prompts.add_column(t("sessions.col.status"))
        prompts.add_column(t("sessions.col.answers"), justify="right")
        numbers = {s["id"]: str(n) for n, s in enumerate(d["segments"], start=1)}
        for prompt in d["prompts"]:
            who = t(f"sessions.who.{prompt['who']}")
            if prompt["anonymous"]:
                who += ", " + t("sessions.anonymous")
            prompts.add_row(
                numbers.get(prompt["segment"], ""),
                _plain(prompt["question"]),
                who,
                t(f"sessions.prompt.{prompt['status']}"),
                str(prompt["answers"]),
            )
        out.print(prompts)


_SEGMENT_STYLE = {"running": "bold green", "paused": "yellow", "interrupted": "yellow"}


def _when(value: str | None) -> str | None:
    return datetime.fromisoformat(value).strftime("%Y-%m-%d %H:%M:%S") if value else None
