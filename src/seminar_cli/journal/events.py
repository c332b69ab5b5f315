"""Event types of the journal and the shape of their payloads (PRODUCT §4).

Payloads are plain JSON objects; the pydantic models here validate them at the boundary,
when an event is appended, so that the fold can trust what it reads.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


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


AttendanceStatus = Literal["present", "excused", "absent", "represented", "left"]
AnswerValue = str | int | list[str] | dict[str, int]


class _Payload(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SessionOpened(_Payload):
    agenda_name: str
    title: str
    place: str | None = None
    facilitator: str | None = None
    secretary: str | None = None
    language: Literal["fr", "en"] = "fr"
    rehearsal: bool = False
    speed: float = 1.0
    planned_start: str | None = None  # "HH:MM"


class Attendance(_Payload):
    participant: str
    status: AttendanceStatus
    represented_by: str | None = None


class SegmentRef(_Payload):
    segment: str


class SegmentExtended(_Payload):
    segment: str
    seconds: int


class SegmentEnded(_Payload):
    segment: str
    early: bool = False


class PromptRef(_Payload):
    prompt: str
    segment: str | None = None


class AnswerGiven(_Payload):
    prompt: str
    participant: str | None = None  # None: anonymous, or the room as a whole
    value: AnswerValue | None = None  # None: asked, and no answer given
    ref: str | None = None  # de-duplication key (answers file entry, join process)
    via: Literal["web"] | None = None  # the channel, when not a terminal (never when anonymous)


class AnswerMarked(_Payload):
    prompt: str
    participant: str


class Record(_Payload):
    segment: str | None = None
    text: str = Field(min_length=1)
    owner: str | None = None
    due: str | None = None


class Replan(_Payload):
    durations: dict[str, int]
    behind: int = 0


class Suspended(_Payload):
    reason: Literal["quit", "interrupt", "signal", "error"] = "quit"


class Resumed(_Payload):
    interrupted_at: str | None = None  # ISO time of the last sign of life before a crash


class Empty(_Payload):
    pass


PAYLOADS: dict[EventType, type[_Payload]] = {
    EventType.session_opened: SessionOpened,
    EventType.attendance: Attendance,
    EventType.segment_started: SegmentRef,
    EventType.segment_paused: SegmentRef,
    EventType.segment_resumed: SegmentRef,
    EventType.segment_extended: SegmentExtended,
    EventType.segment_ended: SegmentEnded,
    EventType.segment_skipped: SegmentRef,
    EventType.prompt_opened: PromptRef,
    EventType.prompt_closed: PromptRef,
    EventType.answer_given: AnswerGiven,
    EventType.answer_marked: AnswerMarked,
    EventType.note: Record,
    EventType.decision: Record,
    EventType.action: Record,
    EventType.replan_accepted: Replan,
    EventType.replan_refused: Replan,
    EventType.session_suspended: Suspended,
    EventType.session_resumed: Resumed,
    EventType.session_closed: Empty,
}


def validated_payload(type_: EventType, payload: dict[str, Any]) -> dict[str, Any]:
    """The payload checked against its model, as the JSON object to store."""
    model = PAYLOADS[type_].model_validate(payload)
    stored: dict[str, Any] = _encodable(model.model_dump(mode="json", exclude_none=True))
    return stored


def _encodable(value: Any) -> Any:
    """The last guard before the journal: a lone surrogate (an undecodable byte from argv or a
    terminal) cannot be stored as UTF-8, and would make the session impossible to export."""
    from seminar_cli.typed_text import repair_undecodable

    if isinstance(value, str):
        return repair_undecodable(value)
    if isinstance(value, dict):
        return {_encodable(key): _encodable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_encodable(item) for item in value]
    return value
