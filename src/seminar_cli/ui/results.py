"""The results of a closed prompt, as shown on the room screen (PRODUCT §3).

Figures come from ``minutes.summary.summarize`` (the same ones the minutes print); this module
only draws them.  Whatever a participant typed is shown through ``rich.text.Text``, never as
markup.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.bar import Bar
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from seminar_cli.agenda.models import Assembly, Prompt, PromptType
from seminar_cli.i18n import ROOM_PLACES, counted, number_text, plural, t
from seminar_cli.journal.state import AnswerRecord
from seminar_cli.minutes.summary import (
    latest_texts,
    room_count,
    room_count_key,
    shown_to_room,
    summarize,
    undeliberated,
)
from seminar_cli.session.prompt_types import PROMPT_TYPES, Drawing

BAR_STYLE = "cyan"
BAR_MIN = 10  # cells: the shortest bar still compared at a glance
MAX_WORDS_SHOWN = 10


def option_label(prompt: Prompt, option: str) -> str:
    """How an option reads on screen: codes (votes, yes/no) translated, ratings with their
    label."""
    code = PROMPT_TYPES[prompt.type].code(option)
    if code is not None:
        return t(code.label)
    if prompt.labels:  # a rating's words for some of its values
        label = prompt.labels.get(int(option))
        return f"{option} — {label}" if label else option
    return option


def render_results(
    prompt: Prompt,
    answers: list[AnswerRecord],
    assembly: Assembly | None,
    *,
    deliberated: bool = True,
) -> RenderableType | None:
    """The room's view of a prompt's answers, or None when they must not be shown
    (an anonymous prompt with fewer than three answers).  ``deliberated`` False: an
    assembly's vote held without quorum, counted but never adopted, nobody elected (PRODUCT
    §7), as the minutes say."""
    given = [a for a in answers if a.value is not None]
    count = room_count(prompt, [a.value for a in given])
    if not shown_to_room(prompt, count):
        return None
    summary = summarize(prompt, [a.value for a in given], assembly)
    if not deliberated:
        summary = undeliberated(summary)
    if not given:
        voted = prompt.type in (PromptType.vote, PromptType.election)
        content: RenderableType = Text(
            t("results.not_voted" if voted else "results.skipped"), style="italic"
        )
    else:
        header = Text(counted(room_count_key(prompt.type.value), count))
        header.stylize("dim")
        body = _RENDERERS[PROMPT_TYPES[prompt.type].drawing](prompt, summary, given)
        verdict = body.verdict if isinstance(body, Verdicted) else None
        content = Group(header, Text(""), body)
    panel = Panel(
        content,
        title=Text(prompt.question, style="bold"),
        title_align="left",
        border_style="cyan",
        padding=(0, 1),
    )
    return RoomResult(panel, verdict) if given else panel


PANEL_SIDES = 4  # cells a result's panel takes around its content: two borders, two of padding


class Verdicted:
    """A drawing whose last part is its verdict (who is elected, and by which rule): the lines a
    short screen must keep whole while the bars above give way."""

    def __init__(self, body: RenderableType, verdict: RenderableType) -> None:
        self.body, self.verdict = body, verdict

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.body
        yield self.verdict


class RoomResult:
    """A result's panel that knows how many of its last lines are its verdict: the live screen
    (ui/screen.py) keeps that many when the panel is too tall, whatever the width wraps it to."""

    def __init__(self, panel: Panel, verdict: RenderableType | None) -> None:
        self.panel, self.verdict = panel, verdict

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.panel

    def tail_height(self, console: Console, options: ConsoleOptions) -> int | None:
        """The verdict's lines at this width and the panel's bottom border; None: no verdict
        apart (the screen's default tail)."""
        if self.verdict is None:
            return None
        inner = options.update_width(max(1, options.max_width - PANEL_SIDES))
        return len(console.render_lines(self.verdict, inner, pad=False)) + 1


def _bars(rows: list[tuple[str, int, str]], total: int) -> RenderableType:
    """One row per item: label, a bar proportional to its share of the largest, figures."""
    return _Bars(rows)


class _Bars:
    """The bars' table, laid out for the width it gets: labels take the width they need, the
    figures are never cut, the bar keeps a readable minimum; only a label longer than what is
    left is shortened (the room must read the options, even at 200 columns)."""

    def __init__(self, rows: list[tuple[str, int, str]]) -> None:
        self.rows = rows

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        figures = max((Text(f).cell_len for _label, _value, f in self.rows), default=0)
        room = max(1, options.max_width - figures - BAR_MIN - 4)  # 4: the gaps
        table = Table.grid(padding=(0, 2), expand=True)
        table.add_column(no_wrap=True, max_width=room, overflow="ellipsis")
        table.add_column(ratio=1, min_width=BAR_MIN)
        table.add_column(justify="right", no_wrap=True, min_width=figures)
        largest = max((value for _label, value, _figures in self.rows), default=0)
        for label, value, figures_text in self.rows:
            table.add_row(
                Text(label),
                Bar(size=max(largest, 1), begin=0, end=value, color=BAR_STYLE),
                Text(figures_text),
            )
        yield table


def _share(value: int, total: int) -> str:
    percent = round(100 * value / total) if total else 0
    return t("results.share", count=value, percent=percent)


def _counts(prompt: Prompt, summary: dict[str, Any], given: list[AnswerRecord]) -> RenderableType:
    counts: dict[str, int] = summary["counts"]
    # a multi answer picks several options: shares are of the people who answered
    total = len(given) if prompt.type is PromptType.multi else sum(counts.values())
    rows = [(option_label(prompt, o), n, _share(n, total)) for o, n in counts.items()]
    return _bars(rows, total)


def _vote(prompt: Prompt, summary: dict[str, Any], given: list[AnswerRecord]) -> RenderableType:
    if summary.get("deliberated") is False:
        outcome = Text(t("results.no_quorum"), style="bold red")
    elif summary["adopted"]:
        outcome = Text(t("results.adopted"), style="bold green")
    else:
        outcome = Text(t("results.rejected"), style="bold red")
    return Group(_counts(prompt, summary, given), Text(""), outcome)


def _rating(prompt: Prompt, summary: dict[str, Any], given: list[AnswerRecord]) -> RenderableType:
    distribution: dict[str, int] = summary["distribution"]
    total = sum(distribution.values())
    rows = [(option_label(prompt, v), n, _share(n, total)) for v, n in distribution.items()]
    low, high = prompt.scale
    mean = t("results.mean", mean=_number(summary["mean"]), low=low, high=high)
    return Group(_bars(rows, total), Text(""), Text(mean, style="bold"))


def _words(prompt: Prompt, summary: dict[str, Any], given: list[AnswerRecord]) -> RenderableType:
    words: list[list[Any]] = summary["words"][:MAX_WORDS_SHOWN]
    rows = [(str(word), int(n), str(n)) for word, n in words]
    title = Text(t("results.top_words"), style="bold")
    return Group(title, _bars(rows, len(given)))


def _ranking(prompt: Prompt, summary: dict[str, Any], given: list[AnswerRecord]) -> RenderableType:
    ranking: list[list[Any]] = summary["ranking"]
    rows = [
        (f"{place}. {choice}", int(points), t(plural("results.points", points), points=points))
        for place, (choice, points) in enumerate(ranking, start=1)
    ]
    note = Text(t("results.borda"), style="dim")
    return Group(_bars(rows, 0), Text(""), note)


def _texts(prompt: Prompt, summary: dict[str, Any], given: list[AnswerRecord]) -> RenderableType:
    lines: list[RenderableType] = [Text(t("results.latest"), style="bold")]
    for flat, who in latest_texts(prompt, given):
        line = Text("« ")
        line.append(flat)  # plain text: brackets typed by a participant stay brackets
        line.append(" »")
        if who:
            line.append(f" — {who}", style="dim")
        lines.append(line)
    return Group(*lines)


def _election(prompt: Prompt, summary: dict[str, Any], given: list[AnswerRecord]) -> RenderableType:
    counts: dict[str, int] = summary["counts"]
    cast = int(summary["cast"])
    rows = [(name, n, _share(n, cast)) for name, n in counts.items()]
    figures = f"{t('election.cast', n=cast)} · {t('election.blank', n=summary['blank'])}"
    body = Group(_bars(rows, cast), Text(""))
    # the figures belong to the verdict: on a short screen they stay with « Élus », or the
    # room reads « 7 bulletins » beside « 3 · 60 % » with nothing to explain the difference
    lines: list[RenderableType] = [Text(figures, style="dim")]
    elected = summary["elected"]
    if summary.get("deliberated") is False:
        lines.append(Text(t("election.no_quorum_room"), style="bold red"))
    elif elected:
        lines.append(Text(t("election.elected", names=", ".join(elected)), style="bold green"))
    elif not summary["ties"]:
        lines.append(Text(t("election.none_elected"), style="bold"))
    if summary["ties"]:
        lines.append(Text(t("election.ties", names=", ".join(summary["ties"])), style="bold red"))
    lines.append(Text(t(f"election.rule.{prompt.round or 1}"), style="dim"))
    return Verdicted(body, Group(*lines))


def _number(value: float | None) -> str:
    return "–" if value is None else number_text(value, places=ROOM_PLACES)


_Renderer = Callable[[Prompt, dict[str, Any], list[AnswerRecord]], RenderableType]
_RENDERERS: dict[Drawing, _Renderer] = {  # by a type's drawing (session/prompt_types.py)
    "counts": _counts,
    "vote": _vote,
    "rating": _rating,
    "words": _words,
    "ranking": _ranking,
    "texts": _texts,
    "election": _election,
}
