"""Summaries of a prompt's answers, computed once (PRODUCT §5's JSON shapes).

Each type's summary is its entry of ``session/prompt_types.py`` (the shapes are listed there);
``summarize`` is used by the room screen's results and by every exporter, so all show the same
figures.
"""

from __future__ import annotations

from typing import Any

from seminar_cli.agenda.models import Prompt, PromptType
from seminar_cli.journal.state import AnswerRecord
from seminar_cli.session.prompt_types import TOP_WORDS, adopted, summarize, word_counts

__all__ = [
    "LAST_TEXTS",
    "TEXT_PREVIEW",
    "TOP_WORDS",
    "adopted",
    "latest_texts",
    "room_count",
    "room_count_key",
    "shown_to_room",
    "summarize",
    "undeliberated",
    "word_counts",
]


LAST_TEXTS = 3  # a text prompt's latest answers shown to the room
TEXT_PREVIEW = 160  # characters of each


def latest_texts(prompt: Prompt, answers: list[AnswerRecord]) -> list[tuple[str, str | None]]:
    """A text prompt's latest answers as the room reads them (the live screen, the projector's
    restitution): each on one line, cut at ``TEXT_PREVIEW`` characters, with who gave it —
    never for an anonymous prompt."""
    shown = []
    for answer in [a for a in answers if a.value is not None][-LAST_TEXTS:]:
        flat = " ".join(str(answer.value).split())
        if len(flat) > TEXT_PREVIEW:
            flat = flat[: TEXT_PREVIEW - 1] + "…"
        who = answer.participant if answer.participant and not prompt.anonymous else None
        shown.append((flat, who))
    return shown


def shown_to_room(prompt: Prompt, answer_count: int) -> bool:
    """An anonymous prompt with fewer than three answers is never shown (PRODUCT §3)."""
    return not (prompt.anonymous and answer_count < 3)


def room_count(prompt: Prompt, values: list[Any]) -> int:
    """What a room reads above a prompt's results: its answers, an election's ballots, a
    vote's votes (a show of hands tallied at the keyboard counts its hands, not its one
    answer)."""
    count = 0
    for value in values:
        if value is None:
            continue
        if prompt.type is PromptType.vote and isinstance(value, dict):
            count += sum(int(v) for v in value.values())
        else:
            count += 1
    return count


def room_count_key(prompt_type: str) -> str:
    """The catalogue's phrase for ``room_count``: « 3 réponses », « 3 voix », « 3 bulletins »
    (agreed with the count by ``i18n.counted``)."""
    return {"vote": "results.votes", "election": "results.ballots"}.get(
        prompt_type, "results.count"
    )


def undeliberated(summary: dict[str, Any]) -> dict[str, Any]:
    """A vote or election held without quorum (PRODUCT §7): counted, never adopted, nobody
    elected; the room screen and the phones read ``deliberated`` False and say why."""
    return {**summary, "adopted": False, "elected": [], "ties": [], "deliberated": False}
