"""The live screen as a pure function of a small view model (PRODUCT §3).

``view_from_state`` turns the folded session state, the time and the screen's own flags into a
``LiveView``; ``live_screen`` turns a ``LiveView`` into a Rich renderable that lays itself out
for the console's width and height: the bigger the terminal, the bigger the digits.  Nothing
here reads a clock, a key or the journal, so tests record exact frames.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text

from seminar_cli.agenda.models import Assembly, Who
from seminar_cli.durations import format_clock, format_human
from seminar_cli.i18n import counted, current_language, plural, t
from seminar_cli.journal.state import SessionState
from seminar_cli.session.assembly import Quorum, quorum_now
from seminar_cli.session.ballots import voters_present_and_represented
from seminar_cli.session.clock import session_speed
from seminar_cli.session.plenary import PlenaryWorkshops
from seminar_cli.session.schedule import ReplanProposal, planned_start, schedule, shifted
from seminar_cli.ui.labels import kind_label
from seminar_cli.ui.live_keys import LIVE_KEYS
from seminar_cli.ui.workshops import plenary_text

Phase = Literal["normal", "warning", "final", "overtime"]
Overlay = Literal["help", "replan", "quit", "end", "join"]

PHASE_STYLE: dict[Phase, str] = {
    "normal": "bold green",
    "warning": "bold yellow",
    "final": "bold dark_orange",
    "overtime": "bold red",
}
PAUSED_STYLE = "bold bright_black"
RESULT_TAIL = 2  # lines at the end of a result panel kept when it is too tall: verdict, border
# the phones' small QR code stands in the top-right corner only where it leaves the rest of
# the screen this much room (PRODUCT §9: from about 100×30)
QR_MIN_MAIN_WIDTH = 64
QR_MIN_FREE_ROWS = 12
QR_STYLE = Style(color="black", bgcolor="bright_white")  # dark modules on light, any theme


# -- the view model ----------------------------------------------------------------------------
@dataclass(frozen=True)
class PromptCount:
    question: str
    count: int
    # a vote or election from phones: ballots are counted against the voters present and
    # represented (None: no roster to count), and nothing of their content is shown
    ballot: bool = False
    voters: int | None = None
    # anonymous answers the station's stop voided (state.voided_anonymous): said to the room,
    # as ballots for a vote or an election (``vote``), never whose they were
    voided: int = 0
    vote: bool = False


def voided_line(count: int, vote: bool) -> str:
    """« 3 bulletins annulés par l'arrêt du poste : faites revoter » (the panel and the flash)."""
    return counted("live.voided_ballots" if vote else "live.voided_answers", count)


@dataclass(frozen=True)
class ReplanRow:
    title: str
    before: int  # seconds
    after: int


@dataclass(frozen=True)
class ReplanView:
    rows: tuple[ReplanRow, ...]
    behind: int  # seconds past the hard stop without the new plan
    still_over: int  # seconds past it with the new plan
    ends_by: str


@dataclass(frozen=True)
class UpcomingRow:
    title: str
    planned: str  # "15:20": when the plan starts it
    expected: str  # when it starts at the pace of now


@dataclass(frozen=True)
class LiveView:
    title: str  # the session's
    segment: str
    kind: str
    position: int  # 1-based place of the segment in the agenda
    count: int
    remaining: int  # whole seconds shown; <= 0: overtime of -remaining
    allotted: int
    phase: Phase
    paused: bool
    clock: str  # "14:32"
    planned_end: str
    projected_end: str
    drift: int  # seconds; > 0 behind the plan, < 0 ahead
    speaker: str | None = None
    description: str | None = None
    notes: str | None = None  # the facilitator's notes, only when asked for (key f)
    has_notes: bool = False
    next_segment: str | None = None
    next_duration: int | None = None
    followed_by: str | None = None
    ends_by: str | None = None
    over_ends_by: int = 0
    prompts: tuple[PromptCount, ...] = ()
    pending_prompts: int = 0  # each/room prompts the key p would ask
    ballots_waiting: tuple[str, ...] = ()  # votes and elections from phones key p opens
    rehearsal: float | None = None  # the speed factor of a rehearsal
    overlay: Overlay | None = None
    replan: ReplanView | None = None
    count_prefix: str = ""
    flash: str | None = None
    results: tuple[Any, ...] = ()  # renderables of closed prompts' results
    result_page: int = 0  # 1-based place of the result shown among ``result_pages``
    result_pages: int = 0
    upcoming: tuple[UpcomingRow, ...] = ()  # the segments still to come, shown where room is
    ends_by_planned: str | None = None  # the agenda's ends_by when the session's is moved
    join_url: str | None = None  # the phones' address (http://ADDRESS:PORT/j/CODE) with --serve
    quorum: str | None = None  # an assembly's quorum band, shown throughout (PRODUCT §7)
    quorum_ok: bool = True  # reached, or not needed (second call, no rule)
    # a split segment's workshops (states, answers) or a restitution's turn (session/plenary.py)
    workshops: PlenaryWorkshops | None = None
    assembly: Assembly | None = None  # how a restitution's results are counted
    workshop_panel: int = 0  # a restitution's first result drawn (← → page the workshop's)
    # the live keys (ui/live_keys.py handlers) this screen takes; None: all of them (a
    # workshop's screen takes fewer: the segment's timing is the plenary's)
    key_handlers: frozenset[str] | None = None
    help_lines: tuple[tuple[str, str], ...] = ()  # (handler, text): its own help for a key
    quit_line: str = "live.keys.quit"  # the catalogue's key line asking to confirm quitting


def shown_seconds(remaining: float) -> int:
    """The whole seconds a countdown shows: 0.2 s left is still ``00:01``; zero and below
    count the overtime up (``-0.5`` → ``0``, ``-61.2`` → ``-61``)."""
    if remaining > 0:
        return math.ceil(remaining)
    return -math.floor(-remaining)


def time_text(remaining: int) -> str:
    """``12:34`` while time is left, ``+01:05`` in overtime (``h:mm:ss`` past an hour)."""
    if remaining > 0:
        return format_clock(remaining)
    return "+" + format_clock(-remaining)


def phase_of(remaining: int, marks: Sequence[int]) -> Phase:
    """Where a countdown stands against its warning thresholds (seconds left, largest first)."""
    if remaining <= 0:
        return "overtime"
    passed = sum(1 for mark in marks if remaining <= mark)
    if passed == 0:
        return "normal"
    if passed == len(marks) and len(marks) > 1:
        return "final"
    return "warning"


def crossed(previous: float | None, remaining: float, marks: Iterable[int]) -> bool:
    """True when the countdown went past a warning threshold or zero since ``previous``
    (the bell rings once per crossing; a first look at a segment never rings)."""
    if previous is None:
        return False
    return any(previous > mark >= remaining for mark in (*marks, 0))


def minutes_text(seconds: float) -> str:
    return format_human(round(abs(seconds) / 60) * 60, current_language())


def drift_text(drift: float) -> str:
    """« en retard de 6 min », « en avance de 3 min », « à l'heure » (nearest minute)."""
    if round(abs(drift) / 60) == 0:
        return t("live.on_time")
    key = "live.behind" if drift > 0 else "live.ahead"
    return t(key, amount=minutes_text(drift))


def view_from_state(
    state: SessionState,
    now: datetime,
    *,
    show_notes: bool = False,
    overlay: Overlay | None = None,
    proposal: ReplanProposal | None = None,
    count_prefix: str = "",
    flash: str | None = None,
    results: tuple[Any, ...] = (),
    waiting: Mapping[str, int] | None = None,
    result_page: int = 0,
    result_pages: int = 0,
    join_url: str | None = None,
    workshops: PlenaryWorkshops | None = None,
) -> LiveView | None:
    """The view of the running segment at ``now``; None when no segment runs.  ``waiting``:
    anonymous answers held for their batch, per prompt, counted with the written ones.
    ``workshops``: what the plenary shows of its workshops (their states replace the list of
    their rooms under the title)."""
    segment_id = state.current
    if segment_id is None:
        return None
    agenda = state.agenda
    segment = agenda.segment(segment_id)
    seg = state.segments[segment_id]
    remaining = shown_seconds(seg.remaining_at(now))
    plan = schedule(state, now)
    after = state.segment_after(segment_id)
    voters = voters_present_and_represented(state)
    prompts = tuple(
        PromptCount(
            found[1].question,
            state.answer_count(prompt_id) + (waiting or {}).get(prompt_id, 0),
            found[1].opened_by_key,
            voters if found[1].opened_by_key else None,
            state.voided_anonymous.get(prompt_id, 0),
            found[1].ballot_mode is not None,
        )
        for prompt_id in state.open_prompts
        if (found := agenda.find_prompt(prompt_id)) is not None
    )
    # a split segment's own prompts are its workshops' (PRODUCT §9): key p asks none here
    asked_here = () if segment.workshops else segment.prompts
    pending = sum(
        1
        for prompt in asked_here
        if prompt.who is not Who.open and prompt.id not in state.closed_prompts
    )
    ballots_waiting = tuple(
        prompt.question
        for prompt in asked_here
        if prompt.opened_by_key
        and prompt.id not in state.open_prompts
        and prompt.id not in state.closed_prompts
    )
    replan = None
    if proposal is not None and plan.ends_by is not None:
        replan = ReplanView(
            tuple(
                ReplanRow(agenda.segment(sid).title, proposal.before[sid], seconds)
                for sid, seconds in proposal.durations.items()
            ),
            proposal.behind,
            proposal.still_over,
            plan.ends_by.strftime("%H:%M"),
        )
    speed = session_speed(state)
    moved = None
    if plan.ends_by is not None and agenda.ends_by is not None and shifted(state):
        moved = agenda.ends_by.strftime("%H:%M")
        if moved == plan.ends_by.strftime("%H:%M"):
            moved = None
    return LiveView(
        title=str(state.meta.get("title") or agenda.title),
        segment=segment.title,
        kind=kind_label(segment.kind),
        position=[s.id for s in agenda.segments].index(segment_id) + 1,
        count=len(agenda.segments),
        remaining=remaining,
        allotted=seg.allotted,
        phase=phase_of(remaining, segment.warnings(seg.allotted)),
        paused=seg.paused,
        clock=now.strftime("%H:%M"),
        planned_end=plan.planned_end.strftime("%H:%M"),
        projected_end=plan.projected_end.strftime("%H:%M"),
        drift=_to_minute(plan.drift),
        speaker=segment.speaker,
        # with its workshops and their rooms, unless their states are shown
        description=segment.description if workshops is not None else plenary_text(segment),
        notes=segment.notes if show_notes else None,
        has_notes=bool(segment.notes),
        next_segment=agenda.segment(after).title if after else None,
        next_duration=state.segments[after].allotted if after else None,
        followed_by=agenda.followed_by,
        ends_by=plan.ends_by.strftime("%H:%M") if plan.ends_by else None,
        over_ends_by=_to_minute(plan.over_ends_by),
        prompts=prompts,
        pending_prompts=pending,
        ballots_waiting=ballots_waiting,
        rehearsal=speed if state.rehearsal else None,
        overlay=overlay if overlay != "replan" or replan is not None else None,
        replan=replan,
        count_prefix=count_prefix,
        flash=flash,
        results=results,
        result_page=result_page,
        result_pages=result_pages,
        upcoming=_upcoming(state, now, segment_id),
        ends_by_planned=moved,
        join_url=join_url,
        workshops=workshops,
        assembly=agenda.assembly if workshops is not None else None,
        **_quorum_fields(state),
    )


_CODE_SPAN = re.compile(r"`([^`\n]+)`")


def agenda_text(text: str, style: str = "") -> Text:
    """An agenda's text for the terminal: what it writes as Markdown code (`seminar join`)
    is shown in bold without its backticks, as the minutes' Markdown shows it as code; the
    rest as typed (a Text, never Rich markup)."""
    shown = Text(style=style)
    last = 0
    for match in _CODE_SPAN.finditer(text):
        shown.append(text[last : match.start()])
        shown.append(match.group(1), style="bold")
        last = match.end()
    shown.append(text[last:])
    return shown


def quorum_band(quorum: Quorum) -> str:
    """« Quorum : 23 présents ou représentés sur 85, 22 requis — atteint »."""
    if quorum.required <= 0:
        return t(plural("quorum.no_rule", quorum.voters), voters=quorum.voters, base=quorum.base)
    if quorum.reached:
        verdict = t("quorum.reached")
    elif quorum.second_call:
        verdict = t("quorum.second_call")
    else:
        verdict = t("quorum.missed")
    return t(
        plural("quorum.band", quorum.voters),
        voters=quorum.voters,
        base=quorum.base,
        required=quorum.required,
        verdict=verdict,
    )


def _quorum_fields(state: SessionState) -> dict[str, Any]:
    if state.agenda.assembly is None:
        return {}
    quorum = quorum_now(state)
    return {"quorum": quorum_band(quorum), "quorum_ok": quorum.may_deliberate}


def _upcoming(state: SessionState, now: datetime, current: str) -> tuple[UpcomingRow, ...]:
    """The segments after ``current``: when the plan starts each (from the planned start, or
    the real one when the plan's clock does not apply) and when it will start at this pace."""
    start = planned_start(state) or now
    seg = state.segments[current]
    expected = now + timedelta(seconds=max(0.0, seg.remaining_at(now)))
    planned = start
    rows: list[UpcomingRow] = []
    after = False
    for segment in state.agenda.segments:
        if after and not state.segments[segment.id].done:
            rows.append(
                UpcomingRow(segment.title, planned.strftime("%H:%M"), expected.strftime("%H:%M"))
            )
            expected += timedelta(seconds=state.segments[segment.id].allotted)
        after = after or segment.id == current
        planned += timedelta(seconds=segment.duration)
    return tuple(rows)


def _to_minute(seconds: float) -> int:
    """Seconds rounded to the minute the screen shows (so the view only changes when the
    words do, and an idle paused screen is not redrawn every second)."""
    return round(seconds / 60) * 60


# -- large digits ------------------------------------------------------------------------------
# A 5-row block font; each "#" is one pixel, drawn two cells wide per scale step (terminal cells
# are about twice as tall as wide, so pixels come out square).
_GLYPHS: dict[str, tuple[str, ...]] = {
    "0": ("####", "#..#", "#..#", "#..#", "####"),
    "1": (".##.", "..#.", "..#.", "..#.", ".###"),
    "2": ("####", "...#", "####", "#...", "####"),
    "3": ("####", "...#", ".###", "...#", "####"),
    "4": ("#..#", "#..#", "####", "...#", "...#"),
    "5": ("####", "#...", "####", "...#", "####"),
    "6": ("####", "#...", "####", "#..#", "####"),
    "7": ("####", "...#", "..#.", ".#..", ".#.."),
    "8": ("####", "#..#", "####", "#..#", "####"),
    "9": ("####", "#..#", "####", "...#", "####"),
    ":": (".", "#", ".", "#", "."),
    "+": ("...", ".#.", "###", ".#.", "..."),
}
FONT_ROWS = 5


def _pixels(text: str) -> int:
    return sum(len(_GLYPHS[c][0]) for c in text) + max(0, len(text) - 1)


def big_width(text: str, scale: int) -> int:
    """Cells taken by ``text`` in large digits, each pixel ``2 × scale`` cells wide."""
    return _pixels(text) * 2 * scale


def big_lines(text: str, scale: int, tall: int | None = None) -> list[str]:
    """``text`` (digits, ``:`` and ``+``) in large block digits: pixels ``2 × scale`` cells
    wide and ``tall`` rows high (default ``scale``), so ``5 × tall`` rows in all."""
    on, off = "█" * 2 * scale, " " * 2 * scale
    rows: list[str] = []
    for row in range(FONT_ROWS):
        parts = ["".join(on if px == "#" else off for px in _GLYPHS[c][row]) for c in text]
        line = off.join(parts)
        rows.extend([line] * (tall or scale))
    return rows


def digit_size(text: str, width: int, rows: int) -> tuple[int, int]:
    """The largest pixel size ``(scale, tall)`` for ``text`` in ``width`` × ``rows``: as wide
    as fits, up to one step taller than wide, never flatter than square; ``(0, 0)`` when even
    the smallest does not fit."""
    scale = next((s for s in (4, 3, 2, 1) if big_width(text, s) + 2 <= width), 0)
    tall = min(scale + 1, rows // FONT_ROWS)
    if scale == 0 or tall == 0:
        return 0, 0
    return min(scale, tall), tall


# -- the screen --------------------------------------------------------------------------------
def live_screen(view: LiveView) -> RenderableType:
    """The whole live screen for ``view``; it fills the console's width and height."""
    return LiveScreen(view)


Lines = list[list[Segment]]


class LiveScreen:
    def __init__(self, view: LiveView) -> None:
        self.view = view

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        height = options.height or options.max_height
        view, opts = self.view, options.reset_height()
        if view.overlay == "join" and view.join_url:
            lines = _join_layout(view, view.join_url, console, opts, width, height)
        else:
            lines = _with_corner_qr(view, console, opts, width, height)
        new_line = Segment.line()
        for index, line in enumerate(lines):
            yield from line
            if index < len(lines) - 1:
                yield new_line
        yield new_line


def _render(console: Console, options: ConsoleOptions, renderable: RenderableType) -> Lines:
    return console.render_lines(renderable, options, pad=True)


def _spread(left: Text, right: Text, width: int) -> Text:
    """``left`` and ``right`` on one line, ``left`` shortened when the line is too narrow."""
    room = width - right.cell_len - 1
    if left.cell_len > room:
        left = left.copy()
        left.truncate(max(0, room), overflow="ellipsis")
    gap = max(1, width - left.cell_len - right.cell_len)
    return Text.assemble(left, " " * gap, right, no_wrap=True, overflow="crop")


def _header(view: LiveView, width: int) -> Text:
    left = Text(view.title, style="bold")
    if view.rehearsal:
        left.append("  " + t("live.rehearsal", speed=f"{view.rehearsal:g}"), style="reverse")
    right = Text(f"{view.position}/{view.count}   ", style="dim")
    right.append(view.clock, style="bold")
    return _spread(left, right, width)


def _title(view: LiveView) -> Text:
    text = Text(view.segment, style="bold bright_white")
    text.append(f"  — {view.kind}", style="cyan")
    if view.speaker:
        text.append("  · " + t("live.speaker", name=view.speaker), style="cyan")
    return text


def _status(view: LiveView) -> Text:
    """The same time as plain text (screen readers, scripts), with the state in words."""
    if view.paused:
        label, style = t("live.state.paused"), "bold reverse yellow"
    elif view.phase == "overtime":
        label, style = t("live.state.overtime"), "bold reverse red"
    elif view.phase in ("warning", "final"):
        label, style = t("live.state.warning"), "bold yellow"
    else:
        label, style = t("live.state.running"), "bold green"
    total = format_clock(view.allotted)
    if view.remaining > 0:
        detail = t("live.left", time=time_text(view.remaining), total=total)
    else:
        detail = t("live.over", time=time_text(view.remaining), total=total)
    text = Text(f" {label} ", style=style)
    text.append("  " + detail, style="bold")
    return text


def _bar(view: LiveView, width: int) -> Text:
    size = max(10, width - 4)
    if view.allotted <= 0 or view.remaining <= 0:
        filled = size
    else:
        done = (view.allotted - view.remaining) / view.allotted
        filled = min(size, max(0, round(done * size)))
    style = PAUSED_STYLE if view.paused else PHASE_STYLE[view.phase]
    text = Text("  ")
    text.append("█" * filled, style=style)
    text.append("░" * (size - filled), style="bright_black")
    return text


def _next(view: LiveView) -> Text:
    text = Text(t("live.next") + " ", style="bold")
    if view.next_segment:
        text.append(view.next_segment)
        if view.next_duration:
            text.append(f" ({format_human(view.next_duration, current_language())})", style="dim")
    else:
        # an assembly is a meeting (séance), not a seminar
        text.append(t("live.next_end.meeting" if view.quorum else "live.next_end"))
        if view.followed_by:
            text.append(" " + t("live.followed_by", name=view.followed_by), style="dim")
    return text


def _schedule(view: LiveView) -> Text:
    text = Text(t("live.planned_end", time=view.planned_end))
    text.append(" · " + t("live.projected_end", time=view.projected_end))
    drift_style = "green" if view.drift <= 30 else "yellow" if view.drift < 600 else "bold red"
    text.append(" · ")
    text.append(drift_text(view.drift), style=drift_style)
    if view.ends_by:
        text.append(" · " + t("live.ends_by", time=view.ends_by))
        if view.ends_by_planned:  # far from its planned time: say why the hour differs
            text.append(" " + t("live.ends_by_moved", planned=view.ends_by_planned), style="dim")
        if view.over_ends_by >= 30:
            text.append(
                " " + t("live.over_ends_by", amount=minutes_text(view.over_ends_by)),
                style="bold red",
            )
    return text


def _prompts(view: LiveView) -> list[Text]:
    lines = []
    for prompt in view.prompts:
        if prompt.ballot:  # only how many are in, never what they say (PRODUCT §9)
            text = Text(t("ballot.opened", question=prompt.question), style="bold magenta")
            text.append(" — ")
            received = (
                t("ballot.received", received=prompt.count, voters=prompt.voters)
                if prompt.voters is not None
                else counted("live.answers", prompt.count)
            )
            text.append(received, style="bold magenta")
            text.append(f" ({t('ballot.close_hint')})", style="dim")
        else:
            text = Text(t("live.open_prompt") + " ", style="bold magenta")
            question = prompt.question
            text.append(f"« {question} »" if current_language() == "fr" else question)
            text.append(" — ")
            text.append(counted("live.answers", prompt.count), style="bold magenta")
        lines.append(text)
        if prompt.voided:  # under its prompt: the facilitator announces it to the room
            lines.append(Text("  " + voided_line(prompt.voided, prompt.vote), style="bold yellow"))
    if view.pending_prompts:
        lines.append(Text(counted("live.pending", view.pending_prompts), style="magenta"))
    lines += [
        Text(t("ballot.waiting", question=question), style="magenta")
        for question in view.ballots_waiting
    ]
    return lines


def _upcoming_table(view: LiveView) -> list[RenderableType]:
    table = Table(show_edge=False, pad_edge=False, box=None, header_style="bold underline")
    table.add_column(t("live.upcoming.segment"), no_wrap=True, overflow="ellipsis")
    table.add_column(t("live.upcoming.planned"), justify="right")
    table.add_column(t("live.upcoming.expected"), justify="right")
    for row in view.upcoming:
        table.add_row(Text(row.title), row.planned, row.expected)
    return [table]


def _keys_lines(view: LiveView, width: int, height: int) -> list[Text]:
    """The keys of the moment; all of them, on as many lines as the width needs (the room's
    results never push a key out of the footer)."""
    if view.overlay == "replan":
        return [Text(t("live.keys.replan"), style="bold reverse")]
    if view.overlay == "quit":
        return [Text(t(view.quit_line), style="bold reverse")]
    if view.overlay == "end":
        return [
            Text(
                t("live.keys.end.meeting" if view.quorum else "live.keys.end"), style="bold reverse"
            )
        ]
    if view.overlay == "join":
        return [Text(t("live.keys.join"), style="bold reverse")]
    if view.count_prefix:
        return [Text(t("live.keys.count", count=view.count_prefix), style="bold reverse")]
    shown_when = {"always"}
    if view.join_url:
        shown_when.add("serving")
    if view.workshops is not None and view.workshops.restitution is not None:
        shown_when.add("restitution")
    if view.results:
        shown_when.add("results")
        if view.result_pages > 1:
            shown_when.add("result_pages")
    # the keys that always stand there first, then those of the results on the screen
    taken = [r for r in LIVE_KEYS if view.key_handlers is None or r.handler in view.key_handlers]
    rows = [r for r in taken if r.key_line and r.key_line_when == "always"]
    rows += [r for r in taken if r.key_line and r.key_line_when != "always"]
    items = [
        t(row.key_line, page=view.result_page, pages=view.result_pages)
        for row in rows
        if row.key_line and row.key_line_when in shown_when
    ]
    lines: list[str] = []
    for item in items:
        if lines and len(lines[-1]) + 3 + len(item) <= width:
            lines[-1] += " · " + item
        else:
            lines.append(item)
    if len(lines) > max(2, height // 8):  # a tiny terminal: help (it lists them all), quit
        lines = [" · ".join(t(r.key_line) for r in taken if r.essential and r.key_line)]
    return [Text(line, style="reverse") for line in lines]


def _help_overlay(view: LiveView) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold cyan", no_wrap=True)
    table.add_column()
    own = dict(view.help_lines)
    for row in LIVE_KEYS:
        if view.key_handlers is not None and row.handler not in view.key_handlers:
            continue
        key, what = row.shown_text(), own.get(row.handler or "") or t(row.help)
        table.add_row(key, what)
    return table


def _replan_overlay(replan: ReplanView) -> list[RenderableType]:
    head = Text(
        t("live.replan.title", ends_by=replan.ends_by, amount=minutes_text(replan.behind)),
        style="bold",
    )
    table = Table(show_edge=False, pad_edge=False, box=None, header_style="bold underline")
    table.add_column(t("live.replan.segment"))
    table.add_column(t("live.replan.before"), justify="right")
    table.add_column(t("live.replan.after"), justify="right")
    table.add_column(t("live.replan.change"), justify="right")
    lang = current_language()
    for row in replan.rows:
        table.add_row(
            Text(row.title),  # a title is text, not Rich markup ("Atelier [optionnel]")
            format_human(row.before, lang),
            format_human(row.after, lang),
            "−" + format_human(row.before - row.after, lang),
        )
    parts: list[RenderableType] = [head, table]
    if replan.still_over > 0:
        parts.append(
            Text(t("live.replan.still_over", amount=minutes_text(replan.still_over)), style="red")
        )
    else:
        parts.append(Text(t("live.replan.on_time", ends_by=replan.ends_by), style="green"))
    return parts


def _address(view: LiveView) -> Text:
    """The phones' address, always written where phones are served (a QR code may not fit)."""
    text = Text(t("live.join.label") + " ", style="bold")
    text.append(str(view.join_url), style="bold cyan")
    return text


def _qr_segments(rows: list[str]) -> Lines:
    return [[Segment(row, QR_STYLE)] for row in rows]


def _with_corner_qr(
    view: LiveView, console: Console, options: ConsoleOptions, width: int, height: int
) -> Lines:
    """The live screen, with the phones' small QR code in the top-right corner where it
    leaves the rest enough room: the rest is then laid out beside it, the header across."""
    if not view.join_url:
        return _layout(view, console, options, width, height)
    from seminar_cli.ui.qr import SMALL_BORDER, half_block_lines, qr_matrix

    rows = half_block_lines(qr_matrix(view.join_url, SMALL_BORDER))
    side = len(rows[0]) + 2  # a gap of two cells between the screen and the code
    main_width = width - side
    if main_width < QR_MIN_MAIN_WIDTH or height - 1 - len(rows) < QR_MIN_FREE_ROWS:
        return _layout(view, console, options, width, height)
    main = _layout(view, console, options, main_width, height)
    opts = options.update_width(width)
    header = _render(console, opts, _header(view, width))[0]
    code = _qr_segments(rows)
    blank = [Segment(" " * side)]
    lines = [header]
    for index, line in enumerate(main[1:], start=1):
        beside = [Segment("  ")] + code[index - 1] if index - 1 < len(code) else blank
        lines.append(line + beside)
    return [Segment.adjust_line_length(line, width) for line in lines]


def _join_layout(
    view: LiveView, url: str, console: Console, options: ConsoleOptions, width: int, height: int
) -> Lines:
    """Key j: the QR code as big as the terminal allows, the address under it, the time kept
    in one line above (the room still sees how long is left)."""
    from seminar_cli.ui.qr import BIG_BORDER, MIN_BORDER, half_block_lines, qr_matrix

    opts = options.update_width(width)
    top = _render(console, opts, _header(view, width))
    top += _render(console, opts, _center_text(_status(view), width))
    address = _render(console, opts, _center_text(_address(view), width))
    bottom = _render(console, opts, _keys_lines(view, width, height)[0])
    room = height - len(top) - len(address) - len(bottom)
    matrix = qr_matrix(url, BIG_BORDER)
    core = len(matrix) - 2 * BIG_BORDER
    least = core + 2 * MIN_BORDER
    # the largest whole number of cells per module that fits with the least quiet zone (at
    # least one: on a terminal too small even for that, the code is cut and the address,
    # written under it, stays); then as much of the standard's quiet zone as fits, each way
    scale = max(1, min(width // least, (2 * room) // least))
    across = min(BIG_BORDER, max(MIN_BORDER, (width // scale - core) // 2))
    down = min(BIG_BORDER, max(MIN_BORDER, ((2 * room) // scale - core) // 2))
    trimmed = tuple(
        row[BIG_BORDER - across : len(row) - BIG_BORDER + across]
        for row in matrix[BIG_BORDER - down : len(matrix) - BIG_BORDER + down]
    )
    rows = half_block_lines(trimmed, scale)[: max(0, room)]
    pad = max(0, (width - len(rows[0])) // 2)
    code: Lines = [[Segment(" " * pad), Segment(row, QR_STYLE)] for row in rows]
    blank: Lines = [[Segment(" " * width)]]
    free = room - len(code)
    between = blank if free >= 2 else []
    rest = max(0, free - len(between))
    above, filler = blank * (rest // 2), blank * (rest - rest // 2)  # the code in the middle
    lines = top + above + code + between + address + filler + bottom
    return [Segment.adjust_line_length(line, width) for line in lines[:height]]


def _quit_overlay() -> Text:
    return Text(t("live.quit.confirm"), style="bold")


def _layout(
    view: LiveView, console: Console, options: ConsoleOptions, width: int, height: int
) -> Lines:
    opts = options.update_width(width)

    def render(*parts: RenderableType) -> Lines:
        lines: Lines = []
        for part in parts:
            lines.extend(_render(console, opts, part))
        return lines

    blank: Lines = [[Segment(" " * width)]]
    top = render(_header(view, width), _title(view))
    if view.quorum:  # an assembly: the quorum is in sight throughout, never shortened away
        style = "bold green" if view.quorum_ok else "bold reverse red"
        top += render(Text(view.quorum, style=style, no_wrap=True, overflow="ellipsis"))
    status = render(_center_text(_status(view), width), _bar(view, width))
    bottom = render(*_keys_lines(view, width, height))

    # what matters, most important first; each may be shortened or left out to fit
    overlay: Lines = []
    if view.overlay == "help":
        overlay = render(Text(t("live.help.title"), style="bold underline"), _help_overlay(view))
    elif view.overlay == "replan" and view.replan is not None:
        overlay = render(*_replan_overlay(view.replan))
    elif view.overlay == "quit":
        overlay = render(_quit_overlay())
    elif view.overlay == "end":
        ending = "live.end.confirm.meeting" if view.quorum else "live.end.confirm"
        overlay = render(Text(t(ending), style="bold"))
    schedule_lines = render(_schedule(view))
    address_lines = render(_address(view)) if view.join_url else []
    next_lines = render(_next(view))
    shown = view.prompts or view.pending_prompts or view.ballots_waiting
    prompt_lines = render(*_prompts(view)) if shown else []
    flash_lines = render(Text(view.flash, style="bold yellow")) if view.flash else []
    notes_lines: Lines = []
    if view.notes:
        notes_lines = render(
            Text(t("live.notes") + " ", style="bold reverse cyan")
            + agenda_text(view.notes, style="cyan")
        )
    result_lines = render(*view.results) if view.results and not overlay else []
    workshop_lines: Lines = []
    if view.workshops is not None and not overlay:
        from seminar_cli.ui.plenary import workshop_parts

        workshop_lines = render(
            *workshop_parts(view.workshops, view.assembly, width, first=view.workshop_panel)
        )
    upcoming_lines = render(*_upcoming_table(view)) if view.upcoming and not overlay else []
    description_lines = (
        render(agenda_text(view.description, style="italic"))
        if view.description and not overlay
        else []
    )

    fixed = len(top) + len(status) + len(bottom)
    # the digits take what the rest leaves; when that is too little, they keep their smallest
    # size and the description, notes and results are shortened instead
    essential = len(overlay) + len(schedule_lines) + len(next_lines) + len(flash_lines)
    essential += len(address_lines)
    # the room's latest result is read by everyone: it comes before the size of the digits
    essential += len(prompt_lines) + len(result_lines)
    # the workshops' states, a restitution's results: what the room looks at in these segments
    essential += len(workshop_lines)
    wanted = essential + len(notes_lines)
    wanted += min(len(description_lines), 3) + 2
    digits_text = time_text(view.remaining)
    scale, tall = digit_size(digits_text, width, height - fixed - wanted - 2)
    if scale == 0:
        scale, tall = digit_size(digits_text, width, min(5, height - fixed - essential - 2))
    digits: Lines = []
    if scale:
        style = PAUSED_STYLE if view.paused else PHASE_STYLE[view.phase]
        pad = (width - big_width(digits_text, scale)) // 2
        for row in big_lines(digits_text, scale, tall):
            digits.append(_render(console, opts, Text(" " * pad + row, style=style))[0])
        digits = blank + digits + blank

    free = height - fixed - len(digits)
    chosen: dict[str, Lines] = {}
    for name, lines, shrink in (
        ("overlay", overlay, True),
        ("address", address_lines, False),
        ("schedule", schedule_lines, False),
        ("next", next_lines, False),
        ("flash", flash_lines, False),
        ("prompts", prompt_lines, True),
        ("workshops", workshop_lines, True),
        ("results", result_lines, True),
        ("notes", notes_lines, True),
        ("description", description_lines, True),
        ("upcoming", upcoming_lines, True),
    ):
        if not lines or free <= 0:
            continue
        if name == "upcoming":  # only where there is room (and a blank line under it)
            if free < 4 or not digits:  # its heading and two segments; never before the digits
                continue
            lines = lines[: free - 1]
        if len(lines) > free:
            if not shrink:
                continue
            verdict = _result_tail(view.results[-1], console, opts) if name == "results" else 0
            if name == "results" and free > verdict + 2:
                # a panel's end holds its verdict (adopted, mean, who is elected...): the bars
                # give way first, and a line under the panel says how many were left out
                # (never an item silently missing)
                hidden = len(lines) - (free - 1)
                more = Text(counted("live.results.hidden", hidden), style="dim")
                lines = lines[: free - verdict - 1] + lines[-verdict:] + render(more)
            elif name == "workshops" and free >= 3:
                # say what did not fit rather than cut a panel silently, and how to see it
                # when it is a restitution's further results (← → page through them)
                hidden = len(lines) - (free - 1)
                turn = view.workshops.restitution if view.workshops else None
                paged = turn is not None and len(turn.results) > 1 and not view.results
                key = "live.results.hidden_paged" if paged else "live.results.hidden"
                more = Text(counted(key, hidden), style="dim")
                lines = lines[: free - 1] + render(more)
            else:
                lines = lines[:free]
        chosen[name] = lines
        free -= len(lines)

    middle: Lines = []
    for name in ("overlay", "notes", "workshops", "description", "prompts", "results"):
        if name in chosen:
            if middle and free > 0:
                middle += blank
                free -= 1
            middle += chosen[name]
    tail: Lines = []
    if "upcoming" in chosen:
        tail = chosen["upcoming"] + (blank if free > 0 else [])
        free -= 1 if free > 0 else 0
        if free > 0:  # apart from what is above it
            tail = blank + tail
            free -= 1
    for name in ("next", "schedule", "address", "flash"):
        tail += chosen.get(name, [])
    gap_after_status = blank if free > 0 and middle else []
    free -= len(gap_after_status)
    above = blank * max(0, free // 3)  # the timer a little above the middle of the screen
    filler = blank * max(0, free - len(above))
    lines = top + above + digits + status + gap_after_status + middle + filler + tail + bottom
    if len(lines) > height:  # a tiny terminal: the time and the keys before anything else
        kept = status + bottom
        lines = (top[: max(0, height - len(kept))] + kept)[:height]
    return [Segment.adjust_line_length(line, width) for line in lines]


def closing_screen(
    title: str,
    result: RenderableType,
    page: int,
    pages: int,
    *,
    meeting: bool = False,
    over: str | None = None,
) -> RenderableType:
    """The last screen of a seminar (``meeting``: of an assembly; ``over``: what is over, when
    it is not the seminar — a workshop): the results of its closing prompts, until a key."""
    return _ClosingScreen(title, result, page, pages, meeting, over)


class _ClosingScreen:
    def __init__(
        self,
        title: str,
        result: RenderableType,
        page: int,
        pages: int,
        meeting: bool,
        over: str | None = None,
    ) -> None:
        self.title, self.result, self.page, self.pages = title, result, page, pages
        self.meeting = meeting
        self.over = over

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        height = options.height or options.max_height
        opts = options.reset_height().update_width(width)
        top = _render(console, opts, _spread(Text(self.title, style="bold"), Text(""), width))
        over = self.over or t("live.closed.title.meeting" if self.meeting else "live.closed.title")
        top += _render(console, opts, Text(over, style="bold green"))
        keys = [t("live.keys.closed")]
        if self.pages > 1:
            keys.append(t("live.keys.older_results", page=self.page, pages=self.pages))
        bottom = _render(console, opts, Text(" · ".join(keys), style="reverse"))
        room = max(0, height - len(top) - len(bottom) - 1)
        body = _render(console, opts, self.result)
        if len(body) > room:  # the verdict, at the panel's end, stays
            kept = min(room, _result_tail(self.result, console, opts))
            body = body[: max(0, room - kept)] + body[-kept:] if room else []
        blank = [Segment(" " * width)]
        filler = [blank] * max(0, height - len(top) - len(bottom) - len(body) - 1)
        lines = [*top, blank, *body, *filler, *bottom]
        new_line = Segment.line()
        for index, line in enumerate(lines[:height]):
            yield from Segment.adjust_line_length(line, width)
            if index < len(lines) - 1:
                yield new_line


def _result_tail(result: RenderableType, console: Console, options: ConsoleOptions) -> int:
    """How many lines at the end of a result's panel hold its verdict: as many as the panel
    says (an election's « Élus : … » and its rule, wrapped at this width) and the border, else
    ``RESULT_TAIL``."""
    measure = getattr(result, "tail_height", None)
    height = measure(console, options) if callable(measure) else None
    return max(RESULT_TAIL, height) if isinstance(height, int) else RESULT_TAIL


def _center_text(text: Text, width: int) -> Text:
    pad = max(0, (width - text.cell_len) // 2)
    return Text(" " * pad, style=Style()) + text
