"""Prompt types, each described once: ``PROMPT_TYPES[PromptType.x]``.

An entry says which agenda fields the type takes, how an answer is normalised (the normal form
stored in the journal and written in answers files; ``normalise_answer`` is what every front
end calls: the terminal, answers files, and the phones' web page, whose API takes "values as in
answers files"), how its answers are summarised (the figures the room screen and every minutes
format show), its labels (catalogue keys), how the room screen and the minutes draw that
summary, and the name of its control at a terminal (``ui/prompts.py``) and on a phone.

Normal forms: text/long_text: str · choice: str · multi: list[str] · rating: int · yesno:
"oui"|"non" · words: list[str] (spaces folded, case and accents kept) · ranking: list[str]
(every choice, best first) · vote: "pour"|"contre"|"abstention"|"blanc", or with ``who: room``
a tally ``{"pour": 7, "contre": 2, "abstention": 1, "blanc": 0}`` · election: list[str] (the
candidates picked, in the agenda's order, at most ``seats``; ``[]`` is a blank ballot, which is a
ballot cast, never "no answer").

Summaries (PRODUCT §5's JSON shapes): choice, multi, yesno -> {"counts": {OPTION: N}}; vote ->
{"counts": {...}, "adopted": bool}; rating -> {"mean": X, "distribution": {VALUE: N}}; words ->
{"words": [[WORD, N], ...]}; ranking -> {"ranking": [[CHOICE, POINTS], ...]} (Borda count);
text -> {"count": N}; election -> {"counts": {CANDIDATE: N}, "blank": N, "cast": N, "elected":
[...], "ties": [...]} (PRODUCT §9 "Elections").

Core code: no terminal library, nothing from ``ui/``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Literal

from seminar_cli.agenda.models import (
    VOTE_CHOICES,
    YESNO_CHOICES,
    Assembly,
    Majority,
    Prompt,
    PromptType,
    Who,
    canonical_vote,
)
from seminar_cli.errors import AnswerError
from seminar_cli.i18n import plural
from seminar_cli.typed_text import strip_controls

MAX_TEXT = 20_000
TOP_WORDS = 20
_YES = {"oui", "o", "yes", "y", "true", "vrai", "1"}
_NO = {"non", "n", "no", "false", "faux", "0"}

# how the room screen (ui/results.py) and the minutes (minutes/exporters/view.py) draw a summary
Drawing = Literal["counts", "vote", "rating", "words", "ranking", "texts", "election"]
# the controls of ui/prompts.py's ASKERS
TerminalControl = Literal[
    "line", "multiline", "select", "checkbox", "scale", "keywords", "ranking", "ballot", "election"
]
# the HTML control of the phones' page (PRODUCT §6): input type=text, textarea, radio buttons,
# checkboxes, a row of radio buttons for a scale, a text input split into keywords, an ordered
# list; a vote's show of hands (who: room) is the facilitator's, never asked on a phone
WebControl = Literal["text", "textarea", "radio", "checkbox", "scale", "keywords", "ranking"]

Normaliser = Callable[[Prompt, Any], Any]
Summariser = Callable[[Prompt, list[Any], "Assembly | None"], dict[str, Any]]


@dataclass(frozen=True)
class PromptTypeSpec:
    type: PromptType
    fields: frozenset[str]  # the type's own agenda fields (beyond id, question, who…)
    normalise: Normaliser  # a raw answer that is not empty -> its normal form, or AnswerError
    summarize: Summariser  # the normal forms given -> the summary
    drawing: Drawing
    terminal_control: TerminalControl
    web_control: WebControl
    label: str  # catalogue key: its name in the interface (agenda show, docs)
    minutes_label: str  # catalogue key: its name in the minutes
    # its values are codes, the same in every language (PRODUCT §9), shown by their words
    codes: tuple[Code, ...] = ()

    def code(self, value: str) -> Code | None:
        return next((c for c in self.codes if c.value == value), None)


@dataclass(frozen=True)
class Code:
    value: str  # as stored: "pour"
    label: str  # catalogue key of its word on screen and at a terminal
    minutes_label: str  # catalogue key of its word in the minutes


# the agenda fields every prompt takes, whatever its type
COMMON_FIELDS = frozenset(
    {"id", "question", "type", "description", "text", "anonymous", "required", "who"}
)


# -- normalisation -------------------------------------------------------------------------------
def _text(raw: Any) -> str:
    if isinstance(raw, bool) or raw is None or isinstance(raw, dict | list):
        raise AnswerError("answer.not_text")
    text = strip_controls(str(raw)).strip()
    if len(text) > MAX_TEXT:
        raise AnswerError("answer.too_long", max=MAX_TEXT)
    return text


def _match_choice(prompt: Prompt, raw: Any) -> str:
    text = _text(raw)
    choices = prompt.choices or []
    if text in choices:
        return text
    folded = {c.casefold(): c for c in choices}
    if text.casefold() in folded:
        return folded[text.casefold()]
    # a choice's number, as shown on screen ("²" is a digit that int() refuses; a number of
    # thousands of digits cannot even be read)
    if text.isdecimal() and len(text) <= 6 and 1 <= int(text) <= len(choices):
        return choices[int(text) - 1]
    raise AnswerError("answer.unknown_choice", value=text, choices=", ".join(choices))


def normalise_words(raw: Any, limit: int) -> list[str]:
    items = raw if isinstance(raw, list) else re.split(r"[,;\n]+", _text(raw))
    words: list[str] = []
    seen: set[str] = set()
    for item in items:
        # the case typed is kept (« ODD17 », « Lyon »); the word cloud counts case-insensitively
        word = re.sub(r"\s+", " ", _text(item)).strip(" .!?")
        if word and word.casefold() not in seen:
            seen.add(word.casefold())
            words.append(word)
    if len(words) > limit:
        raise AnswerError(plural("answer.too_many_words", limit), max=limit)
    return words


def normalise_answer(prompt: Prompt, raw: Any) -> Any:
    """The stored form of an answer, or None for "no answer"; AnswerError when it cannot fit."""
    if prompt.type is PromptType.election:
        return _normal_election(prompt, raw)  # nothing picked is a blank ballot, not no answer
    if raw is None or (isinstance(raw, str) and not raw.strip()) or raw == []:
        if prompt.required:
            raise AnswerError("answer.required")
        return None
    return PROMPT_TYPES[prompt.type].normalise(prompt, raw)


def _normal_text(prompt: Prompt, raw: Any) -> Any:
    return _text(raw)


def _normal_multi(prompt: Prompt, raw: Any) -> Any:
    items = raw if isinstance(raw, list) else re.split(r"\s*[,;]\s*", _text(raw))
    picked: list[str] = []
    for item in items:
        choice = _match_choice(prompt, item)
        if choice not in picked:
            picked.append(choice)
    low, high = prompt.multi_picks
    if not low <= len(picked) <= high:
        raise AnswerError("answer.picks", min=low, max=high)
    return [c for c in prompt.choices or [] if c in picked]


def _normal_rating(prompt: Prompt, raw: Any) -> Any:
    low, high = prompt.scale
    try:
        value = int(str(raw).strip()) if not isinstance(raw, bool) else None
    except ValueError:
        value = None
    if value is None or not low <= value <= high:
        raise AnswerError("answer.rating", min=low, max=high)
    return value


def _normal_yesno(prompt: Prompt, raw: Any) -> Any:
    key = str(raw).strip().lower() if not isinstance(raw, bool) else ("oui" if raw else "non")
    if key in _YES:
        return "oui"
    if key in _NO:
        return "non"
    raise AnswerError("answer.yesno")


def _normal_words(prompt: Prompt, raw: Any) -> Any:
    words = normalise_words(raw, prompt.max_words)
    if not words:
        return normalise_answer(prompt, None)
    return words


def _normal_ranking(prompt: Prompt, raw: Any) -> Any:
    items = raw if isinstance(raw, list) else re.split(r"\s*[,;>\n]\s*", _text(raw))
    order = [_match_choice(prompt, item) for item in items]
    if sorted(order) != sorted(prompt.choices or []):
        raise AnswerError("answer.ranking", choices=", ".join(prompt.choices or []))
    return order


def _normal_vote(prompt: Prompt, raw: Any) -> Any:
    if isinstance(raw, dict):
        if prompt.who is not Who.room:
            raise AnswerError("answer.tally_room_only")
        tally = {choice: 0 for choice in VOTE_CHOICES}
        for key, count in raw.items():
            option = canonical_vote(str(key))
            if option is None:
                raise AnswerError("answer.vote", value=str(key))
            if isinstance(count, bool) or not isinstance(count, int) or count < 0:
                raise AnswerError("answer.tally_count", value=str(count))
            tally[option] += count
        return tally
    ballot = canonical_vote(_text(raw))
    if ballot is None:
        raise AnswerError("answer.vote", value=str(raw))
    return ballot


_BLANK_WORDS = {"blanc", "blank", "aucun", "none"}


def _normal_election(prompt: Prompt, raw: Any) -> Any:
    """An election ballot: the candidates picked (by name, case aside, or by number), at most
    ``seats``; nothing, or « blanc », is a blank ballot."""
    if raw is None or raw == []:
        return []
    if isinstance(raw, list):
        items = raw
    else:
        text = _text(raw)
        if text.casefold() in _BLANK_WORDS:
            return []
        items = [part for part in re.split(r"\s*[,;\n]\s*", text) if part]
    candidates = prompt.candidates or []
    folded = {c.casefold(): c for c in candidates}
    picked: list[str] = []
    for item in items:
        name = _text(item)
        match = folded.get(name.casefold())
        number = int(name) if name.isdecimal() and len(name) <= 6 else 0  # « 2 »: as listed
        if match is None and 1 <= number <= len(candidates):
            match = candidates[number - 1]
        if match is None:
            raise AnswerError(
                "answer.election_candidate", value=name, choices=", ".join(candidates)
            )
        if match not in picked:
            picked.append(match)
    if len(picked) > prompt.seats_to_fill:
        raise AnswerError("answer.election_picks", max=prompt.seats_to_fill)
    return [c for c in candidates if c in picked]


# -- summaries -----------------------------------------------------------------------------------
def word_counts(words: Iterable[str]) -> Counter[str]:
    """How often each word was given, case aside (« odd17 » and « ODD17 » are one word), each
    shown in its most frequent spelling (the first given among equals)."""
    spellings: dict[str, Counter[str]] = {}
    for word in words:
        spellings.setdefault(word.casefold(), Counter())[word] += 1
    return Counter({forms.most_common(1)[0][0]: forms.total() for forms in spellings.values()})


def adopted(tally: dict[str, int], majority: Majority) -> bool:
    """Votes cast are "pour" + "contre"; abstentions and blank ballots are not cast votes."""
    pour, contre = tally.get("pour", 0), tally.get("contre", 0)
    if majority is Majority.absolute:
        return pour * 2 > sum(tally.values())
    if majority is Majority.two_thirds:
        return pour > 0 and pour * 3 >= (pour + contre) * 2
    return pour > contre


def summarize(
    prompt: Prompt, values: Iterable[Any], assembly: Assembly | None = None
) -> dict[str, Any]:
    """The summary of the answers ``values`` (None: no answer, left out)."""
    answers = [v for v in values if v is not None]
    return PROMPT_TYPES[prompt.type].summarize(prompt, answers, assembly)


def _sum_options(prompt: Prompt, answers: list[Any], assembly: Assembly | None) -> dict[str, Any]:
    counts = Counter(str(v) for v in answers)
    return {"counts": {option: counts.get(option, 0) for option in prompt.options}}


def _sum_picks(prompt: Prompt, answers: list[Any], assembly: Assembly | None) -> dict[str, Any]:
    counts = Counter(str(choice) for v in answers for choice in v)
    return {"counts": {option: counts.get(option, 0) for option in prompt.options}}


def _sum_vote(prompt: Prompt, answers: list[Any], assembly: Assembly | None) -> dict[str, Any]:
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


def _sum_rating(prompt: Prompt, answers: list[Any], assembly: Assembly | None) -> dict[str, Any]:
    low, high = prompt.scale
    numbers = [int(v) for v in answers]
    distribution = {str(value): 0 for value in range(low, high + 1)}
    for number in numbers:
        distribution[str(number)] = distribution.get(str(number), 0) + 1
    mean = round(sum(numbers) / len(numbers), 2) if numbers else None
    return {"mean": mean, "distribution": distribution}


def _sum_words(prompt: Prompt, answers: list[Any], assembly: Assembly | None) -> dict[str, Any]:
    counts = word_counts(word for v in answers for word in v)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:TOP_WORDS]
    return {"words": [[word, count] for word, count in ranked]}


def _sum_ranking(prompt: Prompt, answers: list[Any], assembly: Assembly | None) -> dict[str, Any]:
    choices = prompt.choices or []
    points = dict.fromkeys(choices, 0)
    size = len(choices)
    for order in answers:
        for position, choice in enumerate(order):
            if choice in points:
                points[choice] += size - 1 - position
    ranked = sorted(points.items(), key=lambda item: (-item[1], choices.index(item[0])))
    return {"ranking": [[choice, score] for choice, score in ranked]}


def _sum_election(prompt: Prompt, answers: list[Any], assembly: Assembly | None) -> dict[str, Any]:
    """PRODUCT §9: round 1 elects, in order of votes, the candidates with more than half the
    ballots cast (blank excluded); round 2 elects by most votes.  Candidates tied for the last
    seats are reported in ``ties`` and elected by nobody: the assembly decides."""
    candidates = prompt.candidates or []
    counts = dict.fromkeys(candidates, 0)
    blank = 0
    for ballot in answers:
        if not ballot:
            blank += 1
            continue
        for name in ballot:
            if name in counts:
                counts[name] += 1
    cast = len(answers) - blank
    if (prompt.round or 1) == 1:
        eligible = [c for c in candidates if counts[c] * 2 > cast]
    else:
        eligible = [c for c in candidates if counts[c] > 0]
    elected: list[str] = []
    ties: list[str] = []
    seats = prompt.seats_to_fill
    for votes in sorted({counts[c] for c in eligible}, reverse=True):
        level = [c for c in eligible if counts[c] == votes]
        if len(elected) + len(level) <= seats:
            elected += level
        else:
            ties = level
            break
        if len(elected) == seats:
            break
    return {"counts": counts, "blank": blank, "cast": cast, "elected": elected, "ties": ties}


def _sum_count(prompt: Prompt, answers: list[Any], assembly: Assembly | None) -> dict[str, Any]:
    return {"count": len(answers)}


# -- the registry --------------------------------------------------------------------------------
_CHOICES = frozenset({"choices"})

PROMPT_TYPES: dict[PromptType, PromptTypeSpec] = {
    spec.type: spec
    for spec in (
        PromptTypeSpec(
            PromptType.text,
            frozenset(),
            _normal_text,
            _sum_count,
            "texts",
            "line",
            "text",
            "ptype.text",
            "min.ptype.text",
        ),
        PromptTypeSpec(
            PromptType.long_text,
            frozenset(),
            _normal_text,
            _sum_count,
            "texts",
            "multiline",
            "textarea",
            "ptype.long_text",
            "min.ptype.long_text",
        ),
        PromptTypeSpec(
            PromptType.choice,
            _CHOICES,
            _match_choice,
            _sum_options,
            "counts",
            "select",
            "radio",
            "ptype.choice",
            "min.ptype.choice",
        ),
        PromptTypeSpec(
            PromptType.multi,
            _CHOICES | {"min", "max"},
            _normal_multi,
            _sum_picks,
            "counts",
            "checkbox",
            "checkbox",
            "ptype.multi",
            "min.ptype.multi",
        ),
        PromptTypeSpec(
            PromptType.rating,
            frozenset({"min", "max", "labels"}),
            _normal_rating,
            _sum_rating,
            "rating",
            "scale",
            "scale",
            "ptype.rating",
            "min.ptype.rating",
        ),
        PromptTypeSpec(
            PromptType.yesno,
            frozenset(),
            _normal_yesno,
            _sum_options,
            "counts",
            "select",
            "radio",
            "ptype.yesno",
            "min.ptype.yesno",
            codes=tuple(Code(c, f"yesno.{c}", f"min.yesno.{c}") for c in YESNO_CHOICES),
        ),
        PromptTypeSpec(
            PromptType.words,
            frozenset({"max_words"}),
            _normal_words,
            _sum_words,
            "words",
            "keywords",
            "keywords",
            "ptype.words",
            "min.ptype.words",
        ),
        PromptTypeSpec(
            PromptType.ranking,
            _CHOICES,
            _normal_ranking,
            _sum_ranking,
            "ranking",
            "ranking",
            "ranking",
            "ptype.ranking",
            "min.ptype.ranking",
        ),
        PromptTypeSpec(
            PromptType.vote,
            frozenset({"majority", "ballot"}),
            _normal_vote,
            _sum_vote,
            "vote",
            "ballot",
            "radio",
            "ptype.vote",
            "min.ptype.vote",
            codes=tuple(Code(c, f"vote.{c}", f"min.vote.{c}") for c in VOTE_CHOICES),
        ),
        PromptTypeSpec(
            PromptType.election,
            frozenset({"candidates", "seats", "round", "ballot"}),
            _normal_election,
            _sum_election,
            "election",
            "election",
            "checkbox",
            "ptype.election",
            "min.ptype.election",
        ),
    )
}


def spec_of(prompt_type: str | PromptType) -> PromptTypeSpec:
    """The entry of a type, by value ("vote", as the minutes model holds it) or member."""
    return PROMPT_TYPES[PromptType(prompt_type)]
