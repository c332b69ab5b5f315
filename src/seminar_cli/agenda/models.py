"""Pydantic models of an agenda file (PRODUCT §1).

Custom errors are raised as ``PydanticCustomError`` whose type is a catalogue key, so the
loader can say each problem in the user's language.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    SerializerFunctionWrapHandler,
    WithJsonSchema,
    model_serializer,
    model_validator,
)
from pydantic_core import PydanticCustomError

from seminar_cli.durations import DurationError, format_duration_spec, parse_duration

VOTE_CHOICES: tuple[str, ...] = ("pour", "contre", "abstention", "blanc")
YESNO_CHOICES: tuple[str, ...] = ("oui", "non")
_VOTE_ALIASES = {
    "for": "pour",
    "yes": "pour",
    "against": "contre",
    "no": "contre",
    "abstain": "abstention",
    "abstaining": "abstention",
    "abstentions": "abstention",
    "blank": "blanc",
}


def slugify(text: str) -> str:
    """ASCII slug: « Ré-inventons la manière » -> ``re-inventons-la-maniere``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug or "segment"


def canonical_vote(value: str) -> str | None:
    key = value.strip().lower()
    key = _VOTE_ALIASES.get(key, key)
    return key if key in VOTE_CHOICES else None


def _duration(value: Any) -> int:
    try:
        return parse_duration(value)
    except DurationError:
        raise PydanticCustomError(
            "agenda.err.duration", "invalid duration {value}", {"value": str(value)}
        ) from None


def _clock_time(value: Any) -> time:
    if isinstance(value, time):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        # YAML 1.1 reads an unquoted 14:00 as a sexagesimal number (840)
        hours, minutes = divmod(value, 60)
        if 0 <= hours < 24:
            return time(hours, minutes)
    if isinstance(value, str):
        match = re.fullmatch(r"\s*(\d{1,2})\s*[:hH]\s*(\d{2})?\s*", value)
        if match:
            hours, minutes = int(match.group(1)), int(match.group(2) or 0)
            if hours < 24 and minutes < 60:
                return time(hours, minutes)
    raise PydanticCustomError("agenda.err.clock", "invalid time {value}", {"value": str(value)})


# the JSON Schema (for editors) describes what people write, not the parsed value
_DURATION_SCHEMA = {
    "anyOf": [
        {
            "type": "string",
            "pattern": (
                r"^\s*(\d+\s*[hH]\s*\d*\s*(m|min|mn)?|(\d+\s*(m|min|mn)\s*)?(\d+\s*s)?"
                r"|\d+([.,]\d+)?)\s*$"
            ),
        },
        {"type": "number", "exclusiveMinimum": 0, "maximum": 1440},
    ],
    "description": "15m, 1h30, 90s, 1h, or a number of minutes",
    "examples": ["15m", "1h30", "90s", 20],
}
_CLOCK_SCHEMA = {
    "type": "string",
    "pattern": r"^\s*([01]?\d|2[0-3])\s*[:hH]\s*([0-5]\d)?\s*$",
    "description": "HH:MM, in quotes",
    "examples": ["14:00"],
}

Duration = Annotated[
    int,
    BeforeValidator(_duration),
    PlainSerializer(format_duration_spec, return_type=str),
    WithJsonSchema(_DURATION_SCHEMA, mode="validation"),
]
ClockTime = Annotated[
    time,
    BeforeValidator(_clock_time),
    PlainSerializer(lambda v: v.strftime("%H:%M"), return_type=str),
    WithJsonSchema(_CLOCK_SCHEMA, mode="validation"),
]
Text = Annotated[str, Field(min_length=1, max_length=10_000)]
Identifier = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$")]


class SegmentKind(StrEnum):
    welcome = "welcome"
    presentation = "presentation"
    keynote = "keynote"
    discussion = "discussion"
    workshop = "workshop"
    break_ = "break"
    restitution = "restitution"
    vote = "vote"
    closing = "closing"


class PromptType(StrEnum):
    text = "text"
    long_text = "long_text"
    choice = "choice"
    multi = "multi"
    rating = "rating"
    yesno = "yesno"
    words = "words"
    ranking = "ranking"
    vote = "vote"
    election = "election"


class Who(StrEnum):
    each = "each"
    open = "open"
    room = "room"


class Ballot(StrEnum):
    """How a vote or an election is cast (PRODUCT §9 "Who, ballot, anonymous")."""

    hands = "hands"  # a show of hands: the room's tally typed at the keyboard (who: room)
    roll_call = "roll_call"  # each member's vote by name (who: each, or who: open)
    secret = "secret"  # ballots from phones or seminar join, no name kept (who: open)


# the prompt types that are ballots: ``ballot`` applies, and who: open waits for key p
BALLOT_TYPES = frozenset({"vote", "election"})


class Majority(StrEnum):
    simple = "simple"  # more "pour" than "contre" (votes cast: abstention and blank not counted)
    absolute = "absolute"  # more than half of all ballots (abstention and blank included)
    two_thirds = "two_thirds"  # at least two thirds of votes cast


def _place_text(place: tuple[str | int, ...]) -> str:
    """``("segments", 2, "prompts", 0)`` -> ``segments[2].prompts[0]``: where an agenda's
    messages say the first of two things is."""
    text = ""
    for part in place:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


class _Strict(BaseModel):
    # numbers are fine as text (``title: 2025``, ``choices: [1, 2, 3]``); booleans are not
    model_config = ConfigDict(
        extra="forbid", str_strip_whitespace=True, frozen=True, coerce_numbers_to_str=True
    )


class Participant(_Strict):
    name: Annotated[str, Field(min_length=1, max_length=200)] = Field(
        description="Full name, as the minutes show it; unique in the roster (case ignored)."
    )
    organization: str | None = Field(None, description="The organisation they come from.")
    group: str | None = Field(
        None, description="Free text that groups people (e.g. catalyseurs, territoires)."
    )
    role: str | None = Field(
        None,
        description="Role or title (free text, kept in the JSON minutes); in an assembly, "
        "président(e), secrétaire or scrutateur/scrutatrice name an officer of the meeting.",
    )
    member: bool = Field(
        True,
        description="In an assembly: a member with a vote (false: a guest, who may answer "
        "prompts but never counts for quorum or votes).",
    )


class Assembly(_Strict):
    body: Literal["AGO", "AGE"] = Field(
        "AGO", description="AGO (ordinary general meeting) or AGE (extraordinary)."
    )
    members: Annotated[int, Field(ge=1)] | None = Field(
        None, description="Members with a vote, per the statutes (default: the roster's size)."
    )
    quorum: Annotated[float, Field(ge=0, le=1)] = Field(
        0.0,
        description="Share of the members present or represented needed, 0 to 1 (0: no quorum).",
    )
    majority: Majority = Field(
        Majority.simple, description="Majority rule of the resolutions (vote prompts)."
    )
    president: str | None = Field(None, description="Président(e) de séance.")
    secretary: str | None = Field(None, description="Secrétaire de séance.")
    convocation: str | None = Field(
        None, description="How and when the members were convened (in the procès-verbal)."
    )
    proxies_max: Annotated[int, Field(ge=0)] | None = Field(
        None, description="Most proxies one member may hold (none: no cap); more are refused."
    )
    second_call: bool = Field(
        False,
        description="A meeting on second convocation: it deliberates validly without quorum.",
    )


_CHOICE_TYPES = ["choice", "multi", "ranking"]
# YAML 1.1 (PyYAML, the loader) reads these unquoted as booleans, editors' YAML 1.2 as strings:
# the schema refuses them as text so that an editor flags what the loader will refuse
YAML11_BOOLEANS = [
    *("y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO"),
    *("on", "On", "ON", "off", "Off", "OFF", "true", "True", "TRUE", "false", "False", "FALSE"),
]


def _type_is(*types: str) -> dict[str, Any]:
    return {"properties": {"type": {"enum": list(types)}}, "required": ["type"]}


def _prompt_rules(schema: dict[str, Any]) -> None:
    """The rules of each prompt type that JSON Schema can say (``if``/``then``), so an editor
    flags them as the loader does; ``type`` defaults to text."""
    schema["allOf"] = [
        {
            "if": _type_is(*_CHOICE_TYPES),
            "then": {
                "required": ["choices"],
                "properties": {"choices": {"type": "array", "minItems": 2, "uniqueItems": True}},
            },
            "else": {"not": {"required": ["choices"]}},
        },
        {"if": _type_is("rating"), "else": {"not": {"required": ["labels"]}}},
        {
            "if": _type_is("rating", "multi"),
            "else": {"not": {"anyOf": [{"required": ["min"]}, {"required": ["max"]}]}},
        },
        {"if": _type_is("vote"), "else": {"not": {"required": ["majority"]}}},
        {
            "if": _type_is("election"),
            "then": {
                "required": ["candidates"],
                "properties": {"candidates": {"type": "array", "minItems": 1, "uniqueItems": True}},
            },
            "else": {
                "not": {
                    "anyOf": [
                        {"required": ["candidates"]},
                        {"required": ["seats"]},
                        {"required": ["round"]},
                    ]
                }
            },
        },
        {"if": _type_is(*BALLOT_TYPES), "else": {"not": {"required": ["ballot"]}}},
        # PRODUCT §9: who: room is a show of hands, and an election is never typed by the room
        {
            "if": {"properties": {"who": {"const": "room"}}, "required": ["who"]},
            "then": {
                "properties": {"ballot": {"const": "hands"}, "type": {"not": {"const": "election"}}}
            },
        },
        # who: each is a roll call at the projected keyboard: nothing secret there
        {
            "if": {
                "allOf": [
                    _type_is(*BALLOT_TYPES),
                    {"properties": {"who": {"const": "each"}}, "required": ["who"]},
                ]
            },
            "then": {
                "properties": {"ballot": {"const": "roll_call"}, "anonymous": {"const": False}}
            },
        },
        # a roll call is named, a secret ballot anonymous
        {
            "if": {"properties": {"ballot": {"const": "roll_call"}}, "required": ["ballot"]},
            "then": {"properties": {"anonymous": {"const": False}}},
        },
        {
            "if": {"properties": {"ballot": {"const": "secret"}}, "required": ["ballot"]},
            "then": {"properties": {"anonymous": {"const": True}}},
        },
        # who: open (the default) takes ballots from phones and terminals, never by hands
        {
            "if": {
                "anyOf": [
                    {"not": {"required": ["who"]}},
                    {"properties": {"who": {"const": "open"}}},
                ]
            },
            "then": {"properties": {"ballot": {"enum": ["roll_call", "secret"]}}},
        },
        {"if": _type_is("multi"), "then": {"properties": {"min": {"minimum": 0}}}},
        {
            "if": _type_is("rating"),
            "then": {"properties": {"labels": {"propertyNames": {"pattern": r"^-?\d+$"}}}},
        },
    ]


class Prompt(_Strict):
    model_config = ConfigDict(json_schema_extra=_prompt_rules)

    id: Identifier = Field(
        description="Unique in the agenda; answers files and the minutes refer to it."
    )
    question: Text = Field(description="The question, as participants see it.")
    type: PromptType = Field(PromptType.text, description="What kind of answer it takes.")
    description: str | None = Field(None, description="A line of explanation under the question.")
    text: str | None = Field(
        None, description="The full text of a resolution (vote): shown when asked, in the minutes."
    )
    choices: list[Annotated[str, Field(min_length=1, max_length=500)]] | None = Field(
        None, description="The options: choice, multi and ranking only (at least two, unique)."
    )
    min: int | None = Field(
        None, description="rating: lowest value (default 1); multi: fewest picks (default 0)."
    )
    max: int | None = Field(
        None, description="rating: highest value (default 5); multi: most picks (default: all)."
    )
    labels: dict[int, str] | None = Field(
        None, description="rating only: words for some values, e.g. {1: Not at all, 5: Fully}."
    )
    max_words: Annotated[int, Field(ge=1, le=20)] = Field(
        3, description="words: how many words one answer may hold."
    )
    anonymous: bool = Field(False, description="No name is ever stored with an answer.")
    required: bool = Field(False, description="An empty answer is refused.")
    who: Who = Field(
        Who.open,
        description="open: anyone with seminar join while the segment runs; each: every present "
        "participant in turn at the facilitator's keyboard; room: one answer for the room.",
    )
    majority: Majority | None = Field(
        None, description="vote: this resolution's majority rule (default: the assembly's)."
    )
    ballot: Ballot | None = Field(
        None,
        description="vote, election: hands (who: room, its only ballot), roll_call (who: each, "
        "the default of who: open), secret (who: open only; anonymous: true means it too).",
    )
    candidates: list[Annotated[str, Field(min_length=1, max_length=200)]] | None = Field(
        None, description="election only: the candidates (at least one, unique)."
    )
    seats: Annotated[int, Field(ge=1)] | None = Field(
        None, description="election only: seats to fill, the most a ballot may pick (default 1)."
    )
    round: Literal[1, 2] | None = Field(
        None,
        description="election only: 1 (default) elects who has more than half the ballots "
        "cast, blank excluded; 2 elects by most votes.",
    )

    @model_validator(mode="before")
    @classmethod
    def _secret_is_anonymous(cls, data: Any) -> Any:
        # ballot: secret is an anonymous prompt: every front end and the journal's pool key
        # on ``anonymous``; a contradicting ``anonymous: false`` is refused after
        if isinstance(data, dict) and data.get("ballot") == "secret" and "anonymous" not in data:
            return {**data, "anonymous": True}
        return data

    @model_validator(mode="after")
    def _rules_of_type(self) -> Prompt:
        kind = self.type
        needs_choices = kind in (PromptType.choice, PromptType.multi, PromptType.ranking)
        if needs_choices:
            if not self.choices or len(self.choices) < 2:
                raise PydanticCustomError(
                    "agenda.err.choices_needed", "choices needed", {"field": "choices"}
                )
            if len(set(self.choices)) != len(self.choices):
                twice = next(c for c in self.choices if self.choices.count(c) > 1)
                raise PydanticCustomError(
                    "agenda.err.choices_unique",
                    "choices not unique",
                    {"field": "choices", "choice": twice},
                )
        elif self.choices is not None:
            raise PydanticCustomError(
                "agenda.err.choices_forbidden",
                "no choices for {type}",
                {"type": kind.value, "field": "choices"},
            )
        if kind is PromptType.rating:
            low, high = self.scale
            if low >= high:
                raise PydanticCustomError(
                    "agenda.err.rating_range",
                    "min < max",
                    {"min": low, "max": high, "field": "max" if self.max is not None else "min"},
                )
            if high - low > 100:
                raise PydanticCustomError("agenda.err.rating_wide", "too wide", {"field": "max"})
            for value in self.labels or {}:
                if not low <= value <= high:
                    raise PydanticCustomError(
                        "agenda.err.label_out",
                        "label out",
                        {"value": value, "min": low, "max": high, "field": "labels"},
                    )
        elif self.labels is not None:
            raise PydanticCustomError(
                "agenda.err.labels_forbidden", "labels only for rating", {"field": "labels"}
            )
        if kind is PromptType.multi:
            count = len(self.choices or [])
            low = self.min if self.min is not None else 0
            high = self.max if self.max is not None else count
            if not 0 <= low <= high <= count or high == 0:
                raise PydanticCustomError(
                    "agenda.err.picks_range",
                    "bad picks",
                    {
                        "min": low,
                        "max": high,
                        "count": count,
                        "field": "max" if self.max is not None else "min",
                    },
                )
        elif kind is not PromptType.rating and (self.min is not None or self.max is not None):
            raise PydanticCustomError(
                "agenda.err.minmax_forbidden",
                "min/max not allowed",
                {"type": kind.value, "field": "min" if self.min is not None else "max"},
            )
        if self.majority is not None and kind is not PromptType.vote:  # PRODUCT §9
            raise PydanticCustomError(
                "agenda.err.majority_forbidden",
                "majority only for vote",
                {"type": kind.value, "field": "majority"},
            )
        self._election_rules()
        self._ballot_rules()
        return self

    def _election_rules(self) -> None:
        if self.type is not PromptType.election:
            for name in ("candidates", "seats", "round"):
                if getattr(self, name) is not None:
                    raise PydanticCustomError(
                        "agenda.err.election_field",
                        "election only",
                        {"type": self.type.value, "field": name, "name": name},
                    )
            return
        candidates = self.candidates or []
        if not candidates:
            raise PydanticCustomError(
                "agenda.err.candidates_needed", "candidates needed", {"field": "candidates"}
            )
        folded = [c.casefold() for c in candidates]
        if len(set(folded)) != len(folded):
            twice = next(c for c in candidates if folded.count(c.casefold()) > 1)
            raise PydanticCustomError(
                "agenda.err.candidates_unique",
                "candidates not unique",
                {"field": "candidates", "choice": twice},
            )
        if self.seats is not None and self.seats > len(candidates):
            raise PydanticCustomError(
                "agenda.err.seats_over",
                "more seats than candidates",
                {"field": "seats", "seats": self.seats, "count": len(candidates)},
            )

    def _ballot_rules(self) -> None:
        """PRODUCT §9 "Who, ballot, anonymous": each refusal says what to write instead."""
        is_ballot = self.type.value in BALLOT_TYPES
        if not is_ballot:
            if self.ballot is not None:
                raise PydanticCustomError(
                    "agenda.err.ballot_forbidden",
                    "ballot only for vote and election",
                    {"type": self.type.value, "field": "ballot"},
                )
            return
        kind, ballot = self.type.value, self.ballot
        if self.who is Who.room:
            if self.type is PromptType.election:
                raise PydanticCustomError(
                    "agenda.err.election_room", "no election by the room", {"field": "who"}
                )
            if ballot not in (None, Ballot.hands):
                raise PydanticCustomError(
                    "agenda.err.ballot_room",
                    "who: room is a show of hands",
                    {"field": "ballot", "ballot": ballot.value},
                )
            if self.anonymous:
                raise PydanticCustomError(
                    "agenda.err.ballot_room_anonymous",
                    "who: room is a show of hands",
                    {"field": "anonymous"},
                )
        elif self.who is Who.each:
            if ballot is Ballot.secret or self.anonymous:
                raise PydanticCustomError(
                    "agenda.err.ballot_each_secret",
                    "no secret ballot at the projected keyboard",
                    {"type": kind, "field": "ballot" if ballot is not None else "anonymous"},
                )
            if ballot is Ballot.hands:
                raise PydanticCustomError(
                    "agenda.err.ballot_each_hands",
                    "who: each is a roll call",
                    {"type": kind, "field": "ballot"},
                )
        else:
            if ballot is Ballot.hands:
                raise PydanticCustomError(
                    "agenda.err.ballot_open_hands",
                    "hands is who: room",
                    {"type": kind, "field": "ballot"},
                )
            if ballot is Ballot.roll_call and self.anonymous:
                raise PydanticCustomError(
                    "agenda.err.ballot_roll_call_anonymous",
                    "a roll call is named",
                    {"type": kind, "field": "anonymous"},
                )
        if ballot is Ballot.secret and not self.anonymous:
            raise PydanticCustomError(
                "agenda.err.ballot_secret_named",
                "a secret ballot is anonymous",
                {"type": kind, "field": "anonymous"},
            )

    @property
    def ballot_mode(self) -> Ballot | None:
        """How this vote or election is cast (None for other prompts), as PRODUCT §9 rules."""
        if self.type.value not in BALLOT_TYPES:
            return None
        if self.who is Who.room:
            return Ballot.hands
        if self.who is Who.open and self.anonymous:
            return Ballot.secret
        return Ballot.roll_call

    @property
    def opened_by_key(self) -> bool:
        """A vote or election from phones and terminals: the facilitator opens and closes it
        with key p instead of its segment opening it (PRODUCT §9)."""
        return self.who is Who.open and self.type.value in BALLOT_TYPES

    @property
    def seats_to_fill(self) -> int:
        return self.seats if self.seats is not None else 1

    @property
    def scale(self) -> tuple[int, int]:
        low = self.min if self.min is not None else 1
        high = self.max if self.max is not None else 5
        return low, high

    @property
    def options(self) -> list[str]:
        """The values an answer may take, for the types that have a fixed set."""
        if self.type is PromptType.vote:
            return list(VOTE_CHOICES)
        if self.type is PromptType.yesno:
            return list(YESNO_CHOICES)
        if self.type is PromptType.election:
            return list(self.candidates or [])
        if self.type is PromptType.rating:
            low, high = self.scale
            return [str(v) for v in range(low, high + 1)]
        return list(self.choices or [])

    @property
    def multi_picks(self) -> tuple[int, int]:
        count = len(self.choices or [])
        return (self.min or 0, self.max if self.max is not None else count)


# an assembly does not split: its votes and elections are never put to one workshop
_NO_BALLOT = {"not": _type_is(*sorted(BALLOT_TYPES))}


def _workshop_rules(schema: dict[str, Any]) -> None:
    schema["properties"]["prompts"]["items"].update(_NO_BALLOT)


class Workshop(_Strict):
    """One of a segment's parallel workshops (PRODUCT §8, §9 "Streams")."""

    model_config = ConfigDict(json_schema_extra=_workshop_rules)

    id: Identifier = Field(
        description="Unique in the agenda (across every segment's workshops): what names "
        "this workshop."
    )
    title: Text = Field(description="The workshop's name (agenda, live screen, minutes).")
    facilitator: Annotated[str, Field(min_length=1, max_length=200)] | None = Field(
        None, description="Who runs it (free text)."
    )
    room: Annotated[str, Field(min_length=1, max_length=200)] | None = Field(
        None, description="Where it takes place, as the room is told (free text)."
    )
    description: str | None = Field(None, description="What it works on, in a line or two.")
    participants: list[Annotated[str, Field(min_length=1, max_length=200)]] = Field(
        default_factory=list,
        description="Its part of the roster, by name as the roster writes it (case ignored); "
        "one workshop per person in a segment.",
    )
    prompts: list[Prompt] = Field(
        default_factory=list,
        description="Questions of this workshop only (never a vote or an election); the "
        "segment's own prompts are asked in every workshop.",
    )


def _segment_rules(schema: dict[str, Any]) -> None:
    # a segment without an id gets the slug of its title (see _default_id)
    schema["required"] = [name for name in schema.get("required", []) if name != "id"]
    # none, or at least two
    schema["properties"]["workshops"]["not"] = {"minItems": 1, "maxItems": 1}
    # workshops only on a segment of kind workshop, whose own prompts (asked in every
    # workshop) are no votes either
    schema["allOf"] = [
        {
            "if": {"required": ["workshops"], "properties": {"workshops": {"minItems": 1}}},
            "then": {
                "required": ["kind"],
                "properties": {
                    "kind": {"const": SegmentKind.workshop.value},
                    "prompts": {"items": _NO_BALLOT},
                },
            },
        }
    ]


class Segment(_Strict):
    model_config = ConfigDict(json_schema_extra=_segment_rules)

    id: Identifier = Field(
        description="Unique in the agenda (default: the title as an ASCII slug)."
    )
    title: Text = Field(description="Shown on the live screen and in the minutes.")
    kind: SegmentKind = Field(SegmentKind.discussion, description="What sort of segment it is.")
    duration: Duration = Field(
        description="Planned duration: 15m, 1h30, 90s, 1h, or a number of minutes."
    )
    speaker: str | None = Field(None, description="Who speaks (live screen, agenda, minutes).")
    description: str | None = Field(
        None, description="Shown to the room under the title, and in the minutes."
    )
    notes: str | None = Field(
        None, description="The facilitator's notes: on screen only with key f, never in minutes."
    )
    warn_at: list[Duration] | None = Field(
        None, description="Time left at which the screen warns (default: 20 % left, 1 minute left)."
    )
    fixed: bool = Field(False, description="Re-planning never changes this segment's duration.")
    prompts: list[Prompt] = Field(
        default_factory=list,
        description="Questions asked during this segment (with workshops: in every workshop).",
    )
    workshops: list[Workshop] = Field(
        default_factory=list,
        description="Parallel workshops (kind: workshop only, at least two).",
    )

    @model_validator(mode="before")
    @classmethod
    def _default_id(cls, data: Any) -> Any:
        if isinstance(data, dict) and not data.get("id"):
            title = data.get("title")
            if isinstance(title, str | int | float) and not isinstance(title, bool):
                return {**data, "id": slugify(str(title))[:63].rstrip("-")}
            # no usable title: that is the one error to report, not a missing id as well
            return {**data, "id": "segment"}
        return data

    @model_validator(mode="after")
    def _workshops_fit(self) -> Segment:
        """The rules of a segment's own workshops; those across the agenda (ids, the
        roster) are the agenda's.  ``field`` is the place inside the segment."""
        if not self.workshops:  # absent or [] (as a stored agenda may hold it): none
            return self
        if len(self.workshops) < 2:
            # one workshop is the segment itself: nothing runs beside it
            raise PydanticCustomError(
                "agenda.err.workshops_few",
                "at least two workshops",
                {"count": len(self.workshops), "field": "workshops"},
            )
        if self.kind is not SegmentKind.workshop:
            raise PydanticCustomError(
                "agenda.err.workshops_kind",
                "workshops only on kind: workshop",
                {"kind": self.kind.value, "field": "workshops"},
            )
        for place, prompt in self.prompts_with_places():
            if prompt.type.value in BALLOT_TYPES:
                raise PydanticCustomError(
                    "agenda.err.workshop_ballot",
                    "no ballot in a workshop",
                    {"type": prompt.type.value, "field": (*place, "type")},
                )
        seen: dict[str, str] = {}
        for w_index, workshop in enumerate(self.workshops):
            for p_index, name in enumerate(workshop.participants):
                key = name.casefold()
                if key in seen:
                    raise PydanticCustomError(
                        "agenda.err.workshop_person_twice",
                        "one workshop per person",
                        {
                            "name": name,
                            "first": seen[key],
                            "field": ("workshops", w_index, "participants", p_index),
                        },
                    )
                seen[key] = f"workshops[{w_index}] ({workshop.id})"
        return self

    @model_serializer(mode="wrap")
    def _without_empty_workshops(self, handler: SerializerFunctionWrapHandler) -> Any:
        # a session stores its agenda as JSON: one without workshops stays as it was before
        # they existed, so that an earlier version still reads the journal
        data = handler(self)
        if isinstance(data, dict) and not self.workshops:
            data.pop("workshops", None)
        return data

    def prompts_with_places(self) -> list[tuple[tuple[str | int, ...], Prompt]]:
        """Every prompt a segment with workshops asks in them, with its place in the segment:
        its own (asked in every workshop), then each workshop's."""
        found: list[tuple[tuple[str | int, ...], Prompt]] = [
            (("prompts", index), prompt) for index, prompt in enumerate(self.prompts)
        ]
        for w_index, workshop in enumerate(self.workshops):
            found += [
                (("workshops", w_index, "prompts", index), prompt)
                for index, prompt in enumerate(workshop.prompts)
            ]
        return found

    def warnings(self, seconds: int | None = None) -> list[int]:
        """Remaining-time thresholds (seconds) at which the screen warns, largest first."""
        total = self.duration if seconds is None else seconds
        marks = self.warn_at if self.warn_at is not None else [round(total * 0.2), 60]
        return sorted({m for m in marks if 0 < m < total}, reverse=True)


class Agenda(_Strict):
    title: Text = Field(description="The seminar's title (its sessions' title by default).")
    subtitle: str | None = Field(None, description="Shown under the title.")
    organization: str | None = Field(None, description="Who holds it (heads the minutes).")
    language: Literal["fr", "en"] = Field(
        "fr", description="Language of the sessions' interface (unless --lang) and minutes."
    )
    place: str | None = Field(None, description="Where it takes place (seminar start --place).")
    starts_at: ClockTime | None = Field(
        None, description="Planned start, HH:MM in quotes (seminar start --at overrides it)."
    )
    ends_by: ClockTime | None = Field(
        None, description="Hard stop, HH:MM in quotes: warnings and re-planning aim at it."
    )
    followed_by: str | None = Field(
        None, description="What comes next (e.g. Assemblée générale), shown on the live screen."
    )
    participants: list[Participant] = Field(
        default_factory=list, description="The roster: attendance, rounds of the table, minutes."
    )
    participants_file: Annotated[str, Field(min_length=1, max_length=500)] | None = Field(
        None,
        description="The register of members: a CSV file beside the agenda (columns name, "
        "organization, group, member, role), read when the agenda is loaded; instead of "
        "participants.",
    )
    assembly: Assembly | None = Field(
        None, description="For a general assembly: its rules and officers (procès-verbal)."
    )
    segments: Annotated[list[Segment], Field(min_length=1)] = Field(
        description="The segments, in order (at least one)."
    )

    @model_validator(mode="after")
    def _unique_ids(self) -> Agenda:
        # ctx["at"] is the place of the second occurrence and ctx["first"] the first one's:
        # the loader shows both, so the user finds the pair
        seen: dict[str, int] = {}
        for index, segment in enumerate(self.segments):
            if segment.id in seen:
                raise PydanticCustomError(
                    "agenda.err.segment_dup",
                    "dup",
                    {
                        "id": segment.id,
                        "at": ("segments", index, "id"),
                        "first": f"segments[{seen[segment.id]}]",
                    },
                )
            seen[segment.id] = index
        # a workshop's prompts too: answers name a prompt by its id, wherever it is asked
        prompts: dict[str, str] = {}
        for s_index, segment in enumerate(self.segments):
            for place, prompt in segment.prompts_with_places():
                at = ("segments", s_index, *place)
                if prompt.id in prompts:
                    raise PydanticCustomError(
                        "agenda.err.prompt_dup",
                        "dup",
                        {"id": prompt.id, "at": (*at, "id"), "first": prompts[prompt.id]},
                    )
                prompts[prompt.id] = _place_text(at)
        self._workshops_across_segments()
        names: dict[str, int] = {}
        for index, person in enumerate(self.participants):
            key = person.name.casefold()
            if key in names:
                raise PydanticCustomError(
                    "agenda.err.person_dup",
                    "dup",
                    {
                        "name": person.name,
                        "at": ("participants", index, "name"),
                        "first": f"participants[{names[key]}]",
                    },
                )
            names[key] = index
        if self.participants_file and self.assembly and self.assembly.members is not None:
            counted = len(self.voting_members())
            if counted != self.assembly.members:  # PRODUCT §9: both given and different
                raise PydanticCustomError(
                    "agenda.err.members_mismatch",
                    "members mismatch",
                    {
                        "members": self.assembly.members,
                        "register": counted,
                        "file": self.participants_file,
                        "at": ("assembly", "members"),
                    },
                )
        return self

    def _workshops_across_segments(self) -> None:
        """Workshop ids are unique in the whole agenda (they name a workshop, whatever its
        segment); a workshop's participants are people of the roster, when there is one."""
        roster = {person.name.casefold() for person in self.participants}
        workshops: dict[str, str] = {}
        for s_index, segment in enumerate(self.segments):
            for w_index, workshop in enumerate(segment.workshops):
                at = ("segments", s_index, "workshops", w_index)
                if workshop.id in workshops:
                    raise PydanticCustomError(
                        "agenda.err.workshop_dup",
                        "dup",
                        {"id": workshop.id, "at": (*at, "id"), "first": workshops[workshop.id]},
                    )
                workshops[workshop.id] = _place_text(at)
                if not roster:
                    continue  # no roster: the names are the agenda's word
                for p_index, name in enumerate(workshop.participants):
                    if name.casefold() not in roster:
                        raise PydanticCustomError(
                            "agenda.err.workshop_person_unknown",
                            "not in the roster",
                            {"name": name, "at": (*at, "participants", p_index)},
                        )

    # -- the assembly's register ----------------------------------------------------------
    def voting_members(self) -> list[Participant]:
        """The roster's members (guests left out)."""
        return [p for p in self.participants if p.member]

    @property
    def has_register(self) -> bool:
        """A register of members was given (``participants_file``): it is the quorum's base."""
        return self.participants_file is not None

    def quorum_base(self) -> int:
        """The members the quorum is a share of (PRODUCT §9): the register's, else the
        statutes' ``assembly.members``, else the roster's members."""
        if self.has_register:
            return len(self.voting_members())
        if self.assembly and self.assembly.members:
            return self.assembly.members
        return len(self.voting_members())

    # -- derived facts ------------------------------------------------------------------
    @property
    def total_seconds(self) -> int:
        return sum(s.duration for s in self.segments)

    def segment(self, segment_id: str) -> Segment:
        for segment in self.segments:
            if segment.id == segment_id:
                return segment
        raise KeyError(segment_id)

    def find_prompt(
        self, prompt_id: str, workshop: str | None = None
    ) -> tuple[Segment, Prompt] | None:
        """The segment and prompt of ``prompt_id`` among the plenary's prompts (a split
        segment's own included); with ``workshop``, that workshop's own prompts too (what its
        runner asks, and only it)."""
        for segment in self.segments:
            for prompt in segment.prompts:
                if prompt.id == prompt_id:
                    return segment, prompt
        found = self.workshop(workshop) if workshop else None
        if found is not None:
            for prompt in found[1].prompts:
                if prompt.id == prompt_id:
                    return found[0], prompt
        return None

    def workshop(self, workshop_id: str) -> tuple[Segment, Workshop] | None:
        """The segment that holds the workshop ``workshop_id``, and the workshop."""
        return next(((s, w) for s, w in self.all_workshops() if w.id == workshop_id), None)

    def all_prompts(self) -> list[tuple[Segment, Prompt]]:
        """Each segment's own prompts, the plenary's (a split segment's own ones are asked in
        every workshop instead, by its runner, session/workshop.py, as are a workshop's own,
        which are in ``all_workshops``)."""
        return [(s, p) for s in self.segments for p in s.prompts]

    def all_workshops(self) -> list[tuple[Segment, Workshop]]:
        return [(s, w) for s in self.segments for w in s.workshops]

    def find_workshop_of_prompt(self, prompt_id: str) -> Workshop | None:
        """The workshop that asks ``prompt_id`` (None for a segment's own prompt or an unknown
        id)."""
        for _segment, workshop in self.all_workshops():
            if any(prompt.id == prompt_id for prompt in workshop.prompts):
                return workshop
        return None

    def planned_times(self, start: time | None = None) -> list[tuple[Segment, time, time]]:
        """Each segment with its planned start and end clock times from ``start``."""
        begin = start or self.starts_at or time(0, 0)
        moment = datetime.combine(date(2000, 1, 1), begin)
        rows = []
        for segment in self.segments:
            end = moment + timedelta(seconds=segment.duration)
            rows.append((segment, moment.time(), end.time()))
            moment = end
        return rows

    def slack_seconds(self, start: time | None = None) -> int | None:
        """Seconds between the planned end and ``ends_by`` (negative: the plan overruns)."""
        begin = start or self.starts_at
        if self.ends_by is None or begin is None:
            return None
        day = date(2000, 1, 1)
        start_dt = datetime.combine(day, begin)
        limit = datetime.combine(day, self.ends_by)
        if limit < start_dt:
            limit += timedelta(days=1)
        end = start_dt + timedelta(seconds=self.total_seconds)
        return int((limit - end).total_seconds())

    def overrun_seconds(self, start: time | None = None) -> int:
        """How far the plan runs past ``ends_by`` (0 when it fits or there is no hard stop)."""
        slack = self.slack_seconds(start)
        return max(0, -slack) if slack is not None else 0


def agenda_schema() -> dict[str, Any]:
    """The JSON Schema of agenda files (``seminar agenda schema``): the models' schema, with
    what JSON Schema can add — text that is never an unquoted YAML 1.1 boolean.  What only the
    loader can check is listed in docs/agenda-format.md."""
    schema = Agenda.model_json_schema(mode="validation")

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "string" and "enum" not in node and "const" not in node:
                node["not"] = {"enum": YAML11_BOOLEANS}
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}
