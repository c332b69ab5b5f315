"""Summaries of a prompt's answers, computed once (PRODUCT §5's JSON shapes).

choice, multi, yesno -> {"counts": {CHOICE: N}}; vote -> {"counts": {...}, "adopted": bool};
rating -> {"mean": X, "distribution": {VALUE: N}}; words -> {"words": [[WORD, N], ...]};
ranking -> {"ranking": [[CHOICE, POINTS], ...]} (Borda count); text -> {"count": N}.
Used by the room screen's results and by every exporter, so all show the same figures.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from seminar_cli.agenda.models import VOTE_CHOICES, Assembly, Majority, Prompt, PromptType

TOP_WORDS = 20


def word_counts(words: Iterable[str]) -> Counter[str]:
    """How often each word was given, case aside (« odd17 » and « ODD17 » are one word), each
    shown in its most frequent spelling (the first given among equals)."""
    spellings: dict[str, Counter[str]] = {}
    for word in words:
        spellings.setdefault(word.casefold(), Counter())[word] += 1
    return Counter({forms.most_common(1)[0][0]: forms.total() for forms in spellings.values()})


def summarize(
    prompt: Prompt, values: Iterable[Any], assembly: Assembly | None = None
) -> dict[str, Any]:
    answers = [v for v in values if v is not None]
    kind = prompt.type
    if kind in (PromptType.choice, PromptType.yesno):
        counts = Counter(str(v) for v in answers)
        return {"counts": {option: counts.get(option, 0) for option in prompt.options}}
    if kind is PromptType.multi:
        counts = Counter(str(choice) for v in answers for choice in v)
        return {"counts": {option: counts.get(option, 0) for option in prompt.options}}
    if kind is PromptType.vote:
        tally = {choice: 0 for choice in VOTE_CHOICES}
        for value in answers:
            if isinstance(value, dict):
                for key, count in value.items():
                    if key in tally:
                        tally[key] += int(count)
            elif value in tally:
                tally[value] += 1
        majority = prompt.majority or (assembly.majority if assembly else Majority.simple)
        return {"counts": tally, "adopted": adopted(tally, majority)}
    if kind is PromptType.rating:
        low, high = prompt.scale
        numbers = [int(v) for v in answers]
        distribution = {str(value): 0 for value in range(low, high + 1)}
        for number in numbers:
            distribution[str(number)] = distribution.get(str(number), 0) + 1
        mean = round(sum(numbers) / len(numbers), 2) if numbers else None
        return {"mean": mean, "distribution": distribution}
    if kind is PromptType.words:
        counts = word_counts(word for v in answers for word in v)
        ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:TOP_WORDS]
        return {"words": [[word, count] for word, count in ranked]}
    if kind is PromptType.ranking:
        choices = prompt.choices or []
        points = dict.fromkeys(choices, 0)
        size = len(choices)
        for order in answers:
            for position, choice in enumerate(order):
                if choice in points:
                    points[choice] += size - 1 - position
        ranked = sorted(points.items(), key=lambda item: (-item[1], choices.index(item[0])))
        return {"ranking": [[choice, score] for choice, score in ranked]}
    return {"count": len(answers)}


def adopted(tally: dict[str, int], majority: Majority) -> bool:
    """Votes cast are "pour" + "contre"; abstentions and blank ballots are not cast votes."""
    pour, contre = tally.get("pour", 0), tally.get("contre", 0)
    if majority is Majority.absolute:
        return pour * 2 > sum(tally.values())
    if majority is Majority.two_thirds:
        return pour > 0 and pour * 3 >= (pour + contre) * 2
    return pour > contre


def shown_to_room(prompt: Prompt, answer_count: int) -> bool:
    """An anonymous prompt with fewer than three answers is never shown (PRODUCT §3)."""
    return not (prompt.anonymous and answer_count < 3)
