"""``seminar sessions list | show`` at a terminal: the facts of ``session/overview.py`` as
tables (or lines on a narrow terminal), and as JSON for scripts.  Rich is imported where a table
is drawn: ``--json`` never needs it."""

from __future__ import annotations

import json
import sys
from datetime import datetime
from typing import TYPE_CHECKING, Any

from seminar_cli.i18n import counted, t

if TYPE_CHECKING:
    from rich.text import Text

    from seminar_cli.session.overview import Overview


def write_json(data: Any) -> None:
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


def render_list(overviews: list[Overview]) -> None:
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
            line.append(_progress_text(o.segments_done, o.segments_total, o.answers))
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


def _progress_text(done: int, total: int, answers: int) -> str:
    """« 2/3 séquences, 1 réponse »: each count agreed with its noun (segments with their total)."""
    return t(
        "sessions.progress",
        segments=counted("sessions.progress.segments", total, done=done),
        answers=counted("count.answers", answers),
    )


def _hm(value: str | None) -> str:
    return datetime.fromisoformat(value).strftime("%H:%M") if value else ""


def _span(start: str | None, end: str | None) -> str:
    if not start:
        return ""
    return f"{_hm(start)}–{_hm(end)}" if end else f"{_hm(start)}–"


def render_show(d: dict[str, Any]) -> None:
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
            _progress_text(d["segments_done"], d["segments_total"], d["answers"]),
        ),
        (
            "sessions.fact.records",
            t(
                "sessions.records",
                notes=counted("count.notes", d["records"]["notes"]),
                decisions=counted("count.decisions", d["records"]["decisions"]),
                actions=counted("count.actions", d["records"]["actions"]),
            ),
        ),
    ]
    if d["replans"]:
        rows.append(("sessions.fact.replans", str(d["replans"])))
    for key, value in rows:
        if value:
            facts.add_row(t(key), _plain(value))
    for workshop in d.get("workshop_answers", []):  # each workshop's own stream's answers
        facts.add_row(
            t("sessions.fact.workshop_answers", workshop=workshop["id"]),
            _plain(counted("count.answers", workshop["answers"])),
        )
    for workshop in d.get("workshop_records", []):  # the records of --workshop, each apart
        facts.add_row(
            t("sessions.fact.workshop_records", workshop=workshop["id"]),
            _plain(
                t(
                    "sessions.records",
                    notes=counted("count.notes", workshop["notes"]),
                    decisions=counted("count.decisions", workshop["decisions"]),
                    actions=counted("count.actions", workshop["actions"]),
                )
            ),
        )
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
