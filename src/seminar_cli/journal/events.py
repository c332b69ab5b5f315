"""Event types of the journal and their typed payloads (PRODUCT §4).

Each event type is a frozen dataclass.  ``from_payload`` checks a payload before it is
appended (types, required fields, no field it does not know: what the pydantic models of 0.1
checked, with their lax conversions: ``5.0`` seconds is 5, a tuple is a list); ``to_payload``
gives the JSON object to store, the same bytes as 0.1 wrote (fields in declaration order, None
left out).  ``read`` turns a stored payload into its dataclass once, when the store reads it,
tolerating what the journal may hold from another version: a field it does not know is ignored,
an event type it does not know (or a payload that does not fit its type) reads as None, which
the fold skips.

Standard library only: the hot paths (``note``, ``sessions list``, ``join``) import this module,
and pydantic alone would cost them more than everything else they do.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import MISSING, dataclass, field, fields
from enum import StrEnum
from typing import Any, ClassVar, Literal, Self

from seminar_cli.errors import EventPayloadError
from seminar_cli.typed_text import repair_undecodable


class EventType(StrEnum):
    session_opened = "session_opened"
    attendance = "attendance"
    segment_started = "segment_started"
    segment_paused = "segment_paused"
    segment_resumed = "segment_resumed"
    segment_extended = "segment_extended"
    segment_ended = "segment_ended"
    segment_skipped = "segment_skipped"
    prompt_opened = "prompt_opened"
    prompt_closed = "prompt_closed"
    answer_given = "answer_given"
    answer_marked = "answer_marked"  # this person answered an anonymous prompt (no value)
    note = "note"
    decision = "decision"
    action = "action"
    replan_accepted = "replan_accepted"
    replan_refused = "replan_refused"
    session_suspended = "session_suspended"
    session_resumed = "session_resumed"
    session_closed = "session_closed"
    session_sealed = "session_sealed"  # the minutes made final at the chain's hash (seq, hash)
    # the general assembly (PRODUCT §7)
    attendance_counts = "attendance_counts"  # a paper sheet's figures, without names
    member_code = "member_code"  # a member's personal code, given at sign-in
    quorum_announced = "quorum_announced"  # the figures read out as a vote opens
    # anonymous answers still sealed when the process running the session stopped: its key
    # died with it, so they were dropped when the session was claimed again (no value, no name)
    anonymous_voided = "anonymous_voided"


AttendanceStatus = Literal["present", "excused", "absent", "represented", "left"]
AnswerValue = str | int | list[str] | dict[str, int]
SuspendReason = Literal["quit", "interrupt", "signal", "error"]


# -- field checks ------------------------------------------------------------------------------
# A check takes a value and ``strict`` and returns it converted, or raises _Invalid.  ``strict``
# matters only inside a union: like pydantic's "smart" unions, every member is tried without
# conversion first, then with, so "1" stays a text and True becomes 1.


class _Invalid(Exception):
    pass


Check = Callable[[Any, bool], Any]

_TRUE = frozenset({"1", "on", "t", "true", "y", "yes"})
_FALSE = frozenset({"0", "off", "f", "false", "n", "no"})
_INT_TEXT = re.compile(r"\s*[+-]?\d+(?:_\d+)*(?:\.0*)?\s*", re.ASCII)


def _text(value: Any, strict: bool) -> str:
    if isinstance(value, str):
        # the last guard before the journal: a lone surrogate (an undecodable byte from argv
        # or a terminal) cannot be stored as UTF-8, and would make the session unexportable
        return repair_undecodable(str(value))
    if not strict and isinstance(value, bytes | bytearray):
        try:
            return repair_undecodable(bytes(value).decode("utf-8"))
        except UnicodeDecodeError:
            raise _Invalid("not UTF-8 text") from None
    raise _Invalid("should be a text")


def _integer(value: Any, strict: bool) -> int:
    if isinstance(value, bool):
        if strict:
            raise _Invalid("should be an integer")
        return int(value)
    if isinstance(value, int):
        return int(value)
    if not strict and isinstance(value, float):
        if not math.isfinite(value):
            raise _Invalid("should be a finite number")
        if abs(value) >= 2**63:  # as pydantic: beyond a 64-bit integer, a float is refused
            raise _Invalid("should be an integer of a reasonable size")
        if value.is_integer():
            return int(value)
        raise _Invalid("should be an integer, not a fraction")
    if not strict and isinstance(value, str) and _INT_TEXT.fullmatch(value):
        return int(value.strip().split(".")[0])
    raise _Invalid("should be an integer")


def _number(value: Any, strict: bool) -> float:
    if isinstance(value, bool):
        if strict:
            raise _Invalid("should be a number")
        return float(value)
    if isinstance(value, int | float):
        try:
            return float(value)
        except OverflowError:
            raise _Invalid("should be a number of a reasonable size") from None
    if not strict and isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            raise _Invalid("should be a number") from None
    raise _Invalid("should be a number")


def _boolean(value: Any, strict: bool) -> bool:
    if isinstance(value, bool):
        return value
    if not strict:
        if isinstance(value, int | float) and value in (0, 1):
            return bool(value)
        if isinstance(value, str) and value.lower() in _TRUE | _FALSE:
            return value.lower() in _TRUE
    raise _Invalid("should be true or false")


def _one_of(*choices: str) -> Check:
    def check(value: Any, strict: bool) -> str:
        if isinstance(value, str) and value in choices:
            return str(value)
        raise _Invalid("should be one of " + ", ".join(choices))

    return check


def _non_empty(check: Check) -> Check:
    def non_empty(value: Any, strict: bool) -> Any:
        checked = check(value, strict)
        if not checked:
            raise _Invalid("should not be empty")
        return checked

    return non_empty


def _list_of(item: Check) -> Check:
    def check(value: Any, strict: bool) -> list[Any]:
        lax = not strict and isinstance(value, tuple | set | frozenset)
        if not (isinstance(value, list) or lax):
            raise _Invalid("should be a list")
        return [item(v, strict) for v in value]

    return check


def _mapping_to(item: Check) -> Check:
    def check(value: Any, strict: bool) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise _Invalid("should be a mapping")
        return {_text(k, strict): item(v, strict) for k, v in value.items()}

    return check


def _union(*members: Check) -> Check:
    def check(value: Any, strict: bool) -> Any:
        for attempt in (True, False) if not strict else (True,):
            for member in members:
                try:
                    return member(value, attempt)
                except _Invalid:
                    continue
        raise _Invalid("should be a text, an integer, a list of texts or a mapping to integers")

    return check


def _optional(check: Check) -> Check:
    def optional(value: Any, strict: bool) -> Any:
        return None if value is None else check(value, strict)

    return optional


# What a stored payload holds as it is, for each check: read back without a second look (it was
# checked when written, and 0.1's fold read it raw); anything else is checked again.  The fold of
# a 100,000-answer session reads each value once: this keeps reading nearly as cheap as json.
_AS_STORED: dict[Check, frozenset[type]] = {}


def _stored_as(check: Check, *types: type) -> Check:
    _AS_STORED[check] = frozenset(types)
    return check


_NONE = type(None)
_stored_as(_text, str)
_stored_as(_integer, int)
_stored_as(_number, float)
_stored_as(_boolean, bool)
_answer_value = _union(_text, _integer, _list_of(_text), _mapping_to(_integer))
_maybe_answer_value = _stored_as(_optional(_answer_value), str, int, _NONE)


def _stream_head(value: Any, strict: bool) -> dict[str, Any]:
    """A stream's head as a seal records it: ``{seq, hash}``."""
    if not isinstance(value, dict) or set(value) != {"seq", "hash"}:
        raise _Invalid("should be a mapping of seq and hash")
    return {"seq": _integer(value["seq"], strict), "hash": _text(value["hash"], strict)}


def _by(check: Check) -> dict[str, Check]:
    """A field's metadata: the check its values pass."""
    return {"check": check}


_TEXT = _by(_text)
_MAYBE_TEXT = _by(_stored_as(_optional(_text), str, _NONE))


# -- the events --------------------------------------------------------------------------------
# An event type that adds no field to its parent is not decorated again: it inherits the parent's
# dataclass (frozen; slotted, with ``__slots__ = ()``), which halves this module's import time.
@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    """An event's payload, typed.  Subclasses name their ``TYPE``."""

    TYPE: ClassVar[EventType]

    @classmethod
    def from_payload(cls, payload: Mapping[str, Any]) -> Self:
        """The event this payload describes, checked as 0.1's models checked it (extra fields
        refused); EventPayloadError when it does not fit."""
        return cls._build(payload)

    @classmethod
    def _build(cls, payload: Mapping[str, Any]) -> Self:
        if not isinstance(payload, Mapping):
            raise EventPayloadError(f"{cls.TYPE}: the payload should be a mapping")
        known = _FIELDS[cls]
        extra = [key for key in payload if key not in known]
        if extra:
            raise EventPayloadError(f"{cls.TYPE}: unknown field {extra[0]!r}")
        values: dict[str, Any] = {}
        for name, (check, required, _stored) in known.items():
            if name not in payload:
                if required:
                    raise EventPayloadError(f"{cls.TYPE}: {name}: required")
                continue
            try:
                values[name] = check(payload[name], False)
            except _Invalid as problem:
                raise EventPayloadError(f"{cls.TYPE}: {name}: {problem}") from None
            except RecursionError:
                raise EventPayloadError(f"{cls.TYPE}: {name}: nested too deep") from None
        return cls(**values)

    @classmethod
    def _read(cls, payload: dict[str, Any]) -> Self:
        """``_build`` for a stored payload: fields it does not know are ignored, and values
        stored as they were checked are taken as they are; _Invalid when it does not fit."""
        values: dict[str, Any] = {}
        for name, (check, required, stored) in _FIELDS[cls].items():
            value = payload.get(name, _ABSENT)
            if value is _ABSENT:
                if required:
                    raise _Invalid(f"{name}: required")
                continue
            values[name] = value if type(value) in stored else check(value, False)
        return cls(**values)

    def to_payload(self) -> dict[str, Any]:
        """The JSON object to store: fields in order, None left out (0.1's exact bytes)."""
        stored: dict[str, Any] = {}
        for name in _FIELDS[type(self)]:
            value = getattr(self, name)
            if value is None:
                continue
            if isinstance(value, list):
                value = list(value)
            elif isinstance(value, dict):
                value = dict(value)
            stored[name] = value
        return stored


@dataclass(frozen=True, slots=True, kw_only=True)
class SessionOpened(Event):
    TYPE = EventType.session_opened
    agenda_name: str = field(metadata=_TEXT)
    title: str = field(metadata=_TEXT)
    place: str | None = field(default=None, metadata=_MAYBE_TEXT)
    facilitator: str | None = field(default=None, metadata=_MAYBE_TEXT)
    secretary: str | None = field(default=None, metadata=_MAYBE_TEXT)
    language: Literal["fr", "en"] = field(default="fr", metadata=_by(_one_of("fr", "en")))
    rehearsal: bool = field(default=False, metadata=_by(_boolean))
    speed: float = field(default=1.0, metadata=_by(_number))
    planned_start: str | None = field(default=None, metadata=_MAYBE_TEXT)  # "HH:MM"


@dataclass(frozen=True, slots=True, kw_only=True)
class Attendance(Event):
    TYPE = EventType.attendance
    participant: str = field(metadata=_TEXT)
    status: AttendanceStatus = field(
        metadata=_by(_one_of("present", "excused", "absent", "represented", "left"))
    )
    represented_by: str | None = field(default=None, metadata=_MAYBE_TEXT)


@dataclass(frozen=True, slots=True, kw_only=True)
class SegmentEvent(Event):
    """An event about one segment of the agenda."""

    segment: str = field(metadata=_TEXT)


class SegmentStarted(SegmentEvent):
    __slots__ = ()
    TYPE = EventType.segment_started


class SegmentPaused(SegmentEvent):
    __slots__ = ()
    TYPE = EventType.segment_paused


class SegmentResumed(SegmentEvent):
    __slots__ = ()
    TYPE = EventType.segment_resumed


class SegmentSkipped(SegmentEvent):
    __slots__ = ()
    TYPE = EventType.segment_skipped


@dataclass(frozen=True, slots=True, kw_only=True)
class SegmentExtended(SegmentEvent):
    TYPE = EventType.segment_extended
    seconds: int = field(metadata=_by(_integer))


@dataclass(frozen=True, slots=True, kw_only=True)
class SegmentEnded(SegmentEvent):
    TYPE = EventType.segment_ended
    early: bool = field(default=False, metadata=_by(_boolean))


@dataclass(frozen=True, slots=True, kw_only=True)
class PromptEvent(Event):
    """A prompt opened or closed (its segment, when known)."""

    prompt: str = field(metadata=_TEXT)
    segment: str | None = field(default=None, metadata=_MAYBE_TEXT)


class PromptOpened(PromptEvent):
    __slots__ = ()
    TYPE = EventType.prompt_opened


class PromptClosed(PromptEvent):
    __slots__ = ()
    TYPE = EventType.prompt_closed


@dataclass(frozen=True, slots=True, kw_only=True)
class AnswerGiven(Event):
    TYPE = EventType.answer_given
    prompt: str = field(metadata=_TEXT)
    # None: anonymous, or the room as a whole
    participant: str | None = field(default=None, metadata=_MAYBE_TEXT)
    # None: asked, and no answer given
    value: AnswerValue | None = field(default=None, metadata=_by(_maybe_answer_value))
    # de-duplication key (answers file entry, join process)
    ref: str | None = field(default=None, metadata=_MAYBE_TEXT)
    # the channel, when not a terminal (never kept for an anonymous answer)
    via: Literal["web"] | None = field(default=None, metadata=_by(_optional(_one_of("web"))))


@dataclass(frozen=True, slots=True, kw_only=True)
class AnswerMarked(Event):
    TYPE = EventType.answer_marked
    prompt: str = field(metadata=_TEXT)
    participant: str = field(metadata=_TEXT)


@dataclass(frozen=True, slots=True, kw_only=True)
class Record(Event):
    """What the secretary writes: a note, a decision or an action (with its owner and due)."""

    segment: str | None = field(default=None, metadata=_MAYBE_TEXT)
    text: str = field(metadata=_by(_non_empty(_text)))
    owner: str | None = field(default=None, metadata=_MAYBE_TEXT)
    due: str | None = field(default=None, metadata=_MAYBE_TEXT)
    # recorded after the session was sealed (None, left out, otherwise: 0.1's bytes)
    erratum: bool | None = field(default=None, metadata=_by(_optional(_boolean)))


class Note(Record):
    __slots__ = ()
    TYPE = EventType.note


class Decision(Record):
    __slots__ = ()
    TYPE = EventType.decision


class Action(Record):
    __slots__ = ()
    TYPE = EventType.action


@dataclass(frozen=True, slots=True, kw_only=True)
class Replan(Event):
    """A re-plan the facilitator was offered: the segments' new durations (seconds)."""

    durations: dict[str, int] = field(metadata=_by(_mapping_to(_integer)))
    behind: int = field(default=0, metadata=_by(_integer))


class ReplanAccepted(Replan):
    __slots__ = ()
    TYPE = EventType.replan_accepted


class ReplanRefused(Replan):
    __slots__ = ()
    TYPE = EventType.replan_refused


@dataclass(frozen=True, slots=True, kw_only=True)
class SessionSuspended(Event):
    TYPE = EventType.session_suspended
    reason: SuspendReason = field(
        default="quit", metadata=_by(_one_of("quit", "interrupt", "signal", "error"))
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class SessionResumed(Event):
    TYPE = EventType.session_resumed
    # ISO time of the last sign of life before a crash
    interrupted_at: str | None = field(default=None, metadata=_MAYBE_TEXT)


class SessionClosed(Event):
    __slots__ = ()
    TYPE = EventType.session_closed


@dataclass(frozen=True, slots=True, kw_only=True)
class SessionSealed(Event):
    """The minutes made final: the chain's hash at the last event they cover (journal/chain.py)."""

    TYPE = EventType.session_sealed
    seq: int = field(metadata=_by(_integer))
    hash: str = field(metadata=_TEXT)
    # the wall clock's time of sealing (ISO 8601): the event's own time is the session's
    # clock, which a rehearsal (--speed) runs ahead of the wall; absent before 0.2's PV work
    wall_at: str | None = field(default=None, metadata=_MAYBE_TEXT)
    # the head of each workshop's stream at the seal (PRODUCT §9 "Streams"): workshop id ->
    # {seq: its position in that stream, hash: that stream's chain there}; the plenary's chain
    # covers this event, so its hash covers the workshops' chains too.  Absent (None) when no
    # workshop wrote, as before workshops existed; ``seq`` above is the plenary's position
    streams: dict[str, dict[str, Any]] | None = field(
        default=None, metadata=_by(_optional(_mapping_to(_stream_head)))
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class AttendanceCounts(Event):
    TYPE = EventType.attendance_counts
    present: int = field(metadata=_by(_integer))
    represented: int = field(default=0, metadata=_by(_integer))


@dataclass(frozen=True, slots=True, kw_only=True)
class MemberCode(Event):
    TYPE = EventType.member_code
    participant: str = field(metadata=_TEXT)
    code: str = field(metadata=_TEXT)


@dataclass(frozen=True, slots=True, kw_only=True)
class QuorumAnnounced(Event):
    TYPE = EventType.quorum_announced
    prompt: str | None = field(default=None, metadata=_MAYBE_TEXT)
    present: int = field(metadata=_by(_integer))
    represented: int = field(metadata=_by(_integer))
    required: int = field(metadata=_by(_integer))
    base: int = field(metadata=_by(_integer))
    reached: bool = field(metadata=_by(_boolean))


@dataclass(frozen=True, slots=True, kw_only=True)
class AnonymousVoided(Event):
    TYPE = EventType.anonymous_voided
    prompt: str = field(metadata=_TEXT)
    count: int = field(metadata=_by(_integer))


EVENTS: dict[str, type[Event]] = {
    cls.TYPE.value: cls
    for cls in (
        SessionOpened,
        Attendance,
        SegmentStarted,
        SegmentPaused,
        SegmentResumed,
        SegmentExtended,
        SegmentEnded,
        SegmentSkipped,
        PromptOpened,
        PromptClosed,
        AnswerGiven,
        AnswerMarked,
        Note,
        Decision,
        Action,
        ReplanAccepted,
        ReplanRefused,
        SessionSuspended,
        SessionResumed,
        SessionClosed,
        SessionSealed,
        AttendanceCounts,
        MemberCode,
        QuorumAnnounced,
        AnonymousVoided,
    )
}
assert set(EVENTS) == {t.value for t in EventType}, "every event type has its dataclass"

# each class's fields, in order: their check, whether they are required, and the types a stored
# payload holds as they are
_FIELDS: dict[type[Event], dict[str, tuple[Check, bool, frozenset[type]]]] = {
    cls: {
        f.name: (
            f.metadata["check"],
            f.default is MISSING,
            _AS_STORED.get(f.metadata["check"], frozenset()),
        )
        for f in fields(cls)
    }
    for cls in EVENTS.values()
}
_ABSENT = object()


def validated_payload(type_: EventType, payload: Mapping[str, Any]) -> dict[str, Any]:
    """The payload checked against its event type, as the JSON object to store."""
    return EVENTS[type_].from_payload(payload).to_payload()


def read(type_: str, payload: Any) -> Event | None:
    """A stored payload as its typed event, or None for an event type this version does not
    know or a payload that does not fit its type (the fold skips both).  Fields this version
    does not know (written by a later one) are ignored."""
    cls = EVENTS.get(type_)
    if cls is None or not isinstance(payload, dict):
        return None
    try:
        return cls._read(payload)
    except (_Invalid, RecursionError):
        return None
