"""Which prompts a stream of a session asks (PRODUCT §9 "Streams"), for the readers that serve
one stream to participants: the phones' ``Room`` and ``seminar join``.

The plenary's stream asks every segment's own prompts (``Agenda.all_prompts``), as before
workshops existed, except a split segment's (its workshops ask them, session/runner.py
``Runner.prompts_of``).  A workshop's stream asks its own prompts and those of its segment (asked in
every workshop, their answers grouped by workshop); never another workshop's.
"""

from __future__ import annotations

from seminar_cli.agenda.models import Agenda, Prompt, Segment, Workshop
from seminar_cli.errors import SessionError
from seminar_cli.journal.events import EventType
from seminar_cli.journal.store import PLENARY, Journal


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
        return [(s, p) for s, p in agenda.all_prompts() if not s.workshops]
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


class OpenedInStream:
    """Which prompts one workshop's stream opened (and has not closed), and which it ever
    opened, followed in the journal: the state a workshop's reader folds holds the plenary's
    prompt events too, and the plenary's opening a segment's shared prompt opens nothing in a
    workshop (PRODUCT §9 "Streams": a workshop's prompts are those open in its stream).  For the
    plenary's stream, everything the state says open is open."""

    def __init__(self, journal: Journal, session_id: str, stream: str) -> None:
        self.journal = journal
        self.session_id = session_id
        self.stream = stream
        self.open: set[str] = set()
        self.asked: set[str] = set()
        self._seen = 0
        self.follow()

    def follow(self) -> None:
        """Read the stream's events written since last looked (each read once)."""
        if self.stream == PLENARY:
            return
        # every event up to the journal's last position is committed (positions follow the
        # commits): the next look starts there, not at this stream's last event, so the other
        # streams' answers are never read again
        last = self.journal.last_seq(self.session_id)
        for event in self.journal.events(
            self.session_id, after_seq=self._seen, streams=(self.stream,)
        ):
            self._seen = max(self._seen, event.seq)
            prompt_id = str(event.payload.get("prompt"))
            if event.type == EventType.prompt_opened:
                self.open.add(prompt_id)
                self.asked.add(prompt_id)
            elif event.type == EventType.prompt_closed:
                self.open.discard(prompt_id)
        self._seen = max(self._seen, last)

    def allows(self, prompt_id: str) -> bool:
        """Open as far as the stream says (the session's state says the rest)."""
        return self.stream == PLENARY or prompt_id in self.open

    def was_asked(self, prompt_id: str) -> bool:
        return self.stream == PLENARY or prompt_id in self.asked
