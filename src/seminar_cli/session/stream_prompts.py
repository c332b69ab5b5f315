"""Which prompts a stream of a session asks (PRODUCT §9 "Streams"), for the readers that serve
one stream to participants: the phones' ``Room`` and ``seminar join``.

The plenary's stream asks every segment's own prompts (``Agenda.all_prompts``), as before
workshops existed.  A workshop's stream asks its own prompts and those of its segment (asked in
every workshop, their answers grouped by workshop); never another workshop's.
"""

from __future__ import annotations

from seminar_cli.agenda.models import Agenda, Prompt, Segment, Workshop
from seminar_cli.errors import SessionError
from seminar_cli.journal.store import PLENARY


def find_workshop(agenda: Agenda, workshop_id: str) -> tuple[Segment, Workshop]:
    """The workshop ``workshop_id`` and its segment; SessionError (exit 1) naming the
    session's workshops when the agenda has no such workshop."""
    for segment, workshop in agenda.all_workshops():
        if workshop.id == workshop_id:
            return segment, workshop
    known = ", ".join(w.id for _s, w in agenda.all_workshops())
    if not known:
        raise SessionError("workshop_web.none", id=workshop_id)
    raise SessionError("workshop_web.unknown", id=workshop_id, known=known)


def stream_prompts(agenda: Agenda, stream: str) -> list[tuple[Segment, Prompt]]:
    """The prompts ``stream`` asks, in agenda order: the segment's shared ones first, then the
    workshop's own."""
    if stream == PLENARY:
        return agenda.all_prompts()
    segment, workshop = find_workshop(agenda, stream)
    return [(segment, p) for p in segment.prompts] + [(segment, p) for p in workshop.prompts]


def find_stream_prompt(
    agenda: Agenda, stream: str, prompt_id: str
) -> tuple[Segment, Prompt] | None:
    """``prompt_id`` among the prompts ``stream`` asks (None: not one of them)."""
    for segment, prompt in stream_prompts(agenda, stream):
        if prompt.id == prompt_id:
            return segment, prompt
    return None
