"""Agenda files: models, safe loading, bundled agendas."""

from seminar_cli.agenda.models import (
    Agenda,
    Assembly,
    Participant,
    Prompt,
    PromptType,
    Segment,
    SegmentKind,
    Who,
)

__all__ = [
    "Agenda",
    "Assembly",
    "Participant",
    "Prompt",
    "PromptType",
    "Segment",
    "SegmentKind",
    "Who",
]
