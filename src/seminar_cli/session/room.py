"""Phones in the room (PRODUCT §6): the core service behind ``seminar serve``.

No web framework here: the HTTP layer (``seminar_cli.web``) parses a request, calls one method of
``Room`` and renders what it returns (JSON, HTML, an event stream); every refusal is a
``RoomError`` child or an ``AnswerError``, which the web layer maps to a status in one place.

A phone joins with the session's join code and a name (matched to the roster, accents and case
ignored) and gets a token: 32 random bytes of which the journal keeps only the SHA-256, mapping
to the session and the participant, so a restarted server or a phone asleep for an hour stays
known.  A name held by another phone is refused (the facilitator frees it:
``seminar serve --free NAME``).  Named answers are written at once with ``via: "web"``;
anonymous ones go to the journal's shuffled-batch pool with no token, name or channel
(``SessionWriter.record_anonymous``).  Results are given only for closed prompts.
"""

from __future__ import annotations

import bisect
import hashlib
import secrets
import threading
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from seminar_cli.agenda.models import Prompt, PromptType, Who
from seminar_cli.errors import (
    RoomAccessError,
    RoomConflictError,
    RoomForbiddenError,
    RoomInputError,
    UsageError,
)
from seminar_cli.i18n import Language
from seminar_cli.journal.events import EventType
from seminar_cli.journal.store import (
    PLENARY,
    AnonymousOutcome,
    Journal,
    SessionRow,
    StoredEvent,
)
from seminar_cli.session.answers import normalise_answer, strip_controls
from seminar_cli.session.assembly import member, member_for_code
from seminar_cli.session.ballots import (
    ballot_member,
    ballots_this_person_may_cast,
    is_secret_ballot,
    voters_present_and_represented,
)
from seminar_cli.session.clock import session_speed
from seminar_cli.session.join import PROMPT_EVENTS, name_key, roster_name
from seminar_cli.session.plenary import WorkshopWatch
from seminar_cli.session.service import SessionWriter, writer_on_session_clock
from seminar_cli.session.stream_prompts import (
    OpenedInStream,
    find_stream_prompt,
    find_workshop,
    stream_prompts,
)
from seminar_cli.typed_text import MAX_NAME

# no 0/O, 1/I/L, 5/S, 2/Z: read from the back of a room and typed on a phone without doubt
CODE_ALPHABET = "ABCDEFGHJKMNPQRTUVWXY346789"
CODE_LENGTH = 6
TOKEN_BYTES = 32
# the key prefix of a phone that typed a member's name without the member's personal code, in an
# assembly with a register (PRODUCT §9): it answers as a guest and never holds the member's name,
# so the member's own phone, with the code, is never locked out by it
GUEST_KEY = "guest:"

# what a phone or a projector may learn of each event (never a note, a decision, an action,
# attendance, a refused re-plan, nor who answered what)
PUBLIC_EVENTS = frozenset(
    {
        EventType.session_opened,
        EventType.segment_started,
        EventType.segment_paused,
        EventType.segment_resumed,
        EventType.segment_extended,
        EventType.segment_ended,
        EventType.segment_skipped,
        EventType.prompt_opened,
        EventType.prompt_closed,
        EventType.replan_accepted,
        EventType.session_suspended,
        EventType.session_resumed,
        EventType.session_closed,
        # a new station voided what the stopped one held: pages show the count (never whose)
        EventType.anonymous_voided,
    }
)
ANSWER_EVENTS = frozenset({EventType.answer_given, EventType.answer_marked})


def make_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def checked_code(raw: str | None) -> str | None:
    """A code given with ``--code``: 4 to 32 letters or digits, compared without case."""
    if raw is None:
        return None
    code = raw.strip().upper()
    if not (4 <= len(code) <= 32 and code.isascii() and code.isalnum()):
        raise UsageError("web.bad_code", code=raw)
    return code


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True)
class PublicEvent:
    """One journal event as phones and projectors may see it: its position and what changed."""

    seq: int
    type: str  # an event type, or "answer" (someone answered ``prompt``: a count, no more)
    data: dict[str, Any]


def public_event(event: StoredEvent) -> PublicEvent | None:
    kind = event.type
    if kind in ANSWER_EVENTS:
        return PublicEvent(event.seq, "answer", {"prompt": event.payload.get("prompt")})
    if kind not in PUBLIC_EVENTS:
        return None
    data: dict[str, Any] = {
        key: event.payload[key] for key in ("segment", "prompt") if key in event.payload
    }
    return PublicEvent(event.seq, kind, data)


def free_name(journal: Journal, row: SessionRow, name: str, stream: str = PLENARY) -> int:
    """Let another phone take ``name`` (the facilitator's ``seminar serve --free NAME``): how
    many phones held it (in the plenary, or in the workshop ``stream``: each has its own
    tokens).  The phone that held it is asked for a name again."""
    from seminar_cli.session.service import stored_agenda

    agenda = stored_agenda(row)
    if stream != PLENARY:
        find_workshop(agenda, stream)  # SessionError for a workshop this session has not
    roster = [p.name for p in agenda.participants]
    return journal.free_tokens(row.id, name_key(roster_name(roster, name)), stream)


def ordered_results(
    results: list[dict[str, Any]],
    closed_at: dict[str, datetime],
    segment_of: dict[str, str],
    current: str | None,
) -> str | None:
    """Order ``results`` (in agenda order as given) for a room: the segment whose prompts
    closed last first, each segment's prompts in agenda order (the prompts a segment's end
    closes one after the other are one moment to the room, read in the agenda's order); and
    the segment whose results a room's screen shows now: the running segment's when some of
    its prompts are closed, else the segment whose prompts closed last."""
    latest: dict[str, datetime] = {}
    for result in results:
        segment, at = segment_of[result["id"]], closed_at[result["id"]]
        latest[segment] = max(at, latest.get(segment, at))
    # a stable sort: equal segments keep the agenda's order
    results.sort(key=lambda r: latest[segment_of[r["id"]]], reverse=True)
    if current is not None and current in latest:
        return current
    return segment_of[results[0]["id"]] if results else None


class PhoneHolder(str):
    """The name a phone's token was given to, and whether the phone proved to be that member
    with their personal code (PRODUCT §9 "Members' phones in an assembly").  A plain ``str``
    given to the room's methods counts as proven: only a phone's own token can say otherwise."""

    member_proven: bool

    def __new__(cls, name: str, member_proven: bool) -> PhoneHolder:
        holder = super().__new__(cls, name)
        holder.member_proven = member_proven
        return holder


def member_proven(participant: str) -> bool:
    return getattr(participant, "member_proven", True)


class Room:
    """One session served to phones: its plenary, or with ``stream`` one of its workshops
    (PRODUCT §9 "Streams": the workshop's own join code, tokens, prompts and answers, over the
    plenary's segments and timing).  Thread-safe: the web server calls it from worker threads;
    one lock keeps its journal connection and folded state to one caller at a time."""

    _watch: WorkshopWatch | None = None  # the workshops' streams, for the projector (/screen)

    def __init__(
        self, journal: Journal, row: SessionRow, code: str | None = None, stream: str = PLENARY
    ) -> None:
        self.journal = journal
        self.row = row
        self.stream = stream
        self._lock = threading.Lock()
        self.writer: SessionWriter = writer_on_session_clock(journal, row, stream)
        # SessionError for a workshop the session's agenda has not (before any code is made)
        self._prompts = stream_prompts(self.writer.agenda, stream)
        self.workshop = None if stream == PLENARY else find_workshop(self.writer.agenda, stream)[1]
        self.code = journal.join_code(row.id, checked_code(code), make_code, stream=stream)
        self._public: list[PublicEvent] = []
        self._public_seqs: list[int] = []
        # the journal's last position looked at: other workshops' events move it too, and
        # need no folding here
        self._looked_upto = 0
        # a workshop's room shows the prompts open in its own stream only
        self._opened = OpenedInStream(journal, row.id, stream)
        self._publish(self.journal.events(row.id, streams=self.writer.streams))
        # the last position ``poll`` returned: the event streams were woken up to there
        self._told_upto = self._public_seqs[-1] if self._public_seqs else 0

    # -- who is asking -------------------------------------------------------------------
    @property
    def language(self) -> Language:
        """The session's language: the web's pages and messages speak it."""
        return (
            "en" if (self.writer.state.meta.get("language") or self.row.language) == "en" else "fr"
        )

    def check_code(self, code: str | None) -> None:
        given = (code or "").strip().upper()
        if not secrets.compare_digest(given.encode(), self.code.encode()):
            raise RoomAccessError("web.bad_code_given")

    def participant(self, token: str | None) -> str:
        """The participant a token was given to; RoomAccessError for any other token."""
        if not token or len(token) > 200:
            raise RoomAccessError("web.no_token")
        with self._lock:
            held = self.journal.token_holder(self.row.id, token_hash(token), self.stream)
        if held is None:  # another workshop's token, or the plenary's, is no token here
            raise RoomAccessError("web.no_token")
        name, key = held
        return PhoneHolder(name, member_proven=not key.startswith(GUEST_KEY))

    @property
    def members_need_codes(self) -> bool:
        """An assembly with a register: voting as a member needs the member's own code."""
        agenda = self.writer.agenda
        return agenda.assembly is not None and agenda.has_register

    def join(
        self,
        code: str | None,
        typed: Any,
        token: str | None = None,
        member_code: Any = None,
    ) -> tuple[str, str]:
        """(token, participant) for the name typed or picked, or for the member whose personal
        ``member_code`` is given (it names them: the name typed is then not needed); the phone's
        own ``token`` is kept when it already holds that name (a phone joining again).

        In an assembly with a register, a member's name typed without their code joins as a
        guest (PRODUCT §9): open prompts yes, that member's vote no."""
        self.check_code(code)
        given_code = member_code.strip() if isinstance(member_code, str) else ""
        if given_code:
            with self._lock:
                self._catch_up()
                found = member_for_code(self.writer.state, given_code)
            if found is None:
                raise RoomInputError("web.member_code_unknown")
            participant, proven = found, True
        else:
            if not isinstance(typed, str):
                raise RoomInputError("web.name_needed")
            name = " ".join(strip_controls(typed).split())
            if not name:
                raise RoomInputError("web.name_needed")
            if len(name) > MAX_NAME:
                raise RoomInputError("web.name_too_long", max=MAX_NAME)
            roster = [p.name for p in self.writer.agenda.participants]
            participant = roster_name(roster, name)
            proven = not (
                self.members_need_codes and member(self.writer.agenda, participant) is not None
            )
        key = name_key(participant) if proven else GUEST_KEY + name_key(participant)
        with self._lock:
            own = token_hash(token) if token and len(token) <= 200 else None
            if own is not None:
                held = self.journal.token_holder(self.row.id, own, self.stream)
                if held is not None and held[1] == key:
                    assert token is not None
                    return token, held[0]
            fresh = secrets.token_urlsafe(TOKEN_BYTES)
            holder = self.journal.add_token(
                self.row.id, token_hash(fresh), participant, key, keep=own, stream=self.stream
            )
        if holder is not None:
            raise RoomConflictError("web.name_taken", name=holder)
        return fresh, participant

    # -- what a phone sees ---------------------------------------------------------------
    def _web_prompts(self) -> list[Prompt]:
        return [p for _s, p in self._prompts if p.who is Who.open]

    @property
    def _segment_of(self) -> dict[str, str]:
        return {p.id: s.id for s, p in self._prompts}

    def find_prompt(self, prompt_id: str) -> Prompt | None:
        """One of the prompts this room asks (a workshop's room: never another workshop's)."""
        found = find_stream_prompt(self.writer.agenda, self.stream, prompt_id)
        return None if found is None else found[1]

    def _is_open(self, prompt_id: str, *, waiting: bool = False) -> bool:
        """Open to this room's phones: open in the session's state and, in a workshop's room,
        opened by the workshop's own stream.  ``waiting``: only what the workshop's stream
        says (an answer's transaction checks the rest, with what other processes wrote)."""
        if not self._opened.allows(prompt_id):
            return False
        return waiting or prompt_id in self.writer.state.open_prompts

    def _was_asked(self, prompt_id: str) -> bool:
        return self._opened.was_asked(prompt_id)

    def picker_names(self) -> list[str]:
        """The names the join page lists: the roster, or a workshop's part of it when the
        agenda gives one (a name typed is still matched to the whole roster: someone who moved
        to this workshop joins under their roster name)."""
        roster = [p.name for p in self.writer.agenda.participants]
        if self.workshop is not None and self.workshop.participants:
            return [roster_name(roster, name) for name in self.workshop.participants]
        return roster

    def _workshop_view(self) -> dict[str, Any] | None:
        """The workshop a workshop's room serves, as its pages name it (None: the plenary)."""
        if self.workshop is None:
            return None
        return {
            "id": self.workshop.id,
            "title": self.workshop.title,
            "room": self.workshop.room,
            "facilitator": self.workshop.facilitator,
        }

    def _members_ballot(self, prompt: Prompt) -> bool:
        return is_secret_ballot(prompt) and bool(self.writer.agenda.participants)

    def _members_vote(self, prompt: Prompt) -> bool:
        """A vote or an election of an assembly with a register: members only, with their
        code (PRODUCT §9); the other open prompts are anyone's, guests' too."""
        return self.members_need_codes and prompt.type in (PromptType.vote, PromptType.election)

    def _may_cast(self, participant: str) -> list[str]:
        if not member_proven(participant):
            return []  # a member's name typed without the member's code: a guest
        return ballots_this_person_may_cast(self.writer.state, participant)

    def _ballots_for(self, prompt: Prompt, participant: str) -> list[str]:
        """The members whose secret ballot this phone may still cast: its own member first,
        then each member it represents (PRODUCT §9: one ballot per member carried)."""
        may = self._may_cast(participant)
        return [m for m in may if not self.writer.has_voted(prompt.id, m)]

    def _answered(self, prompt: Prompt, participant: str) -> bool:
        if self._members_ballot(prompt):
            may = self._may_cast(participant)
            return bool(may) and not self._ballots_for(prompt, participant)
        if prompt.anonymous:
            return self.writer.has_voted(prompt.id, participant)
        return self.writer.state.has_answer(prompt.id, participant)

    def state(self, participant: str | None) -> dict[str, Any]:
        """What a phone shows (``participant``) or a projector (None): the session, the running
        segment and its remaining seconds, the open prompts (with my answered flag and my own
        named answer), and the results of closed ones."""
        with self._lock:
            state = self.writer.state
            now = self.writer.clock.now()
            segment: dict[str, Any] | None = None
            seg_id = state.current
            if seg_id is not None:
                seg = state.segments[seg_id]
                agenda_seg = next(s for s in state.agenda.segments if s.id == seg_id)
                segment = {
                    "id": seg_id,
                    "title": agenda_seg.title,
                    "kind": agenda_seg.kind.value,
                    "speaker": agenda_seg.speaker,
                    "description": agenda_seg.description,
                    "allotted_seconds": seg.allotted,
                    "remaining_seconds": round(seg.remaining_at(now)),
                    "running": seg.running_since is not None,
                    "warnings": agenda_seg.warnings(seg.allotted),
                    # a rehearsal's clock (--speed): a page ticking between two reads counts
                    # this many session seconds per real second
                    "speed": session_speed(state),
                }
            self._opened.follow()
            prompts = []
            results = []
            pending = self._waiting_anonymous() if participant is None else {}
            for prompt in self._web_prompts():
                if self._is_open(prompt.id):
                    entry = self._prompt_view(prompt)
                    # answers a stopped facilitator's station took with it: a count, never whose
                    entry["voided"] = state.voided_anonymous.get(prompt.id, 0)
                    if participant is not None:
                        entry["answered"] = self._answered(prompt, participant)
                        if self._members_ballot(prompt):
                            entry["ballots_for"] = self._ballots_for(prompt, participant)
                            # the ballots already in, each confirmed apart on the phone
                            entry["ballots_cast"] = [
                                m
                                for m in self._may_cast(participant)
                                if m not in entry["ballots_for"]
                            ]
                            entry["voter"] = bool(self._may_cast(participant))
                        if self._members_vote(prompt) and not member_proven(participant):
                            entry["member_code_needed"] = True
                        if not prompt.anonymous:
                            mine = next(
                                (
                                    a.value
                                    for a in state.answers.get(prompt.id, [])
                                    if a.participant == participant
                                ),
                                None,
                            )
                            entry["my_answer"] = mine
                    else:
                        entry["count"] = state.answer_count(prompt.id) + pending.get(prompt.id, 0)
                        if prompt.opened_by_key:  # ballots received against the voters
                            entry["voters"] = voters_present_and_represented(state)
                    prompts.append(entry)
                elif prompt.id in state.closed_prompts and self._was_asked(prompt.id):
                    shown = self._results(prompt)
                    if shown is not None:
                        results.append(shown)
            results_segment = ordered_results(
                results, state.closed_prompts, self._segment_of, seg_id
            )
            return {
                "session": {
                    "id": self.row.id,
                    "title": state.meta.get("title") or self.row.title,
                    "language": self.language,
                    "closed": state.closed,
                    "suspended": state.suspended_at is not None,
                },
                "workshop": self._workshop_view(),
                "participant": participant,
                "quorum": self._quorum_view(),
                "segment": segment,
                "prompts": prompts,
                "results": results,
                "results_segment": results_segment,
                "workshops": self._workshops_view() if participant is None else None,
                "seq": state.last_seq,
            }

    def _workshops_view(self) -> dict[str, Any] | None:
        """The projector's view of the plenary's workshops: their states and answers during a
        split segment, a restitution's turn (session/plenary.py); None otherwise."""
        import time

        from seminar_cli.session.plenary import screen_data
        from seminar_cli.timer import local_now

        agenda = self.writer.agenda
        if self.writer.stream != PLENARY or not agenda.all_workshops():
            return None
        if self._watch is None:
            self._watch = WorkshopWatch(self.journal, self.row)
        shown = self._watch.plenary(
            self.writer.state, self.writer.clock.now(), time.monotonic(), local_now()
        )
        return None if shown is None else screen_data(shown, agenda.assembly, self.language)

    def _waiting_anonymous(self) -> dict[str, int]:
        """How many anonymous answers to each open prompt of this room wait for their batch
        (in this room's stream: a workshop's prompts are found here, not in the plenary's)."""
        return {
            prompt.id: self.journal.pending_anonymous(self.row.id, prompt.id, self.stream)
            for prompt in self._web_prompts()
            if prompt.anonymous and self._is_open(prompt.id)
        }

    def _quorum_view(self) -> dict[str, Any] | None:
        """An assembly's quorum as the attendance stands (the terminal's band, PRODUCT §7):
        the figures a page words as the band does; None outside an assembly."""
        from seminar_cli.session.assembly import quorum_now

        if self.writer.agenda.assembly is None:
            return None
        quorum = quorum_now(self.writer.state)
        return {
            "voters": quorum.voters,
            "base": quorum.base,
            "required": quorum.required,
            "reached": quorum.reached,
            "second_call": quorum.second_call,
            "may_deliberate": quorum.may_deliberate,
        }

    def _prompt_view(self, prompt: Prompt) -> dict[str, Any]:
        low: int | None = None
        high: int | None = None
        if prompt.type is PromptType.rating:
            low, high = prompt.scale
        elif prompt.type is PromptType.multi:
            low, high = prompt.multi_picks
        elif prompt.type is PromptType.words:
            low, high = 1, prompt.max_words
        elif prompt.type is PromptType.election:
            low, high = 0, prompt.seats_to_fill
        choices = prompt.options if prompt.type is not PromptType.text else []
        if prompt.type in (PromptType.long_text, PromptType.words):
            choices = []
        return {
            "id": prompt.id,
            "type": prompt.type.value,
            "question": prompt.question,
            "description": prompt.description,
            "choices": choices,
            "labels": self._labels(prompt),
            "min": low,
            "max": high,
            "anonymous": prompt.anonymous,
            "required": prompt.required,
            "ballot": prompt.ballot_mode.value if prompt.ballot_mode else None,
        }

    def _labels(self, prompt: Prompt) -> dict[str, str]:
        from seminar_cli.minutes.build import code_labels

        labels = code_labels(prompt.type.value, self.language)
        if not labels and prompt.labels:
            labels = {str(k): v for k, v in prompt.labels.items()}
        return labels

    def _results(self, prompt: Prompt) -> dict[str, Any] | None:
        """A closed prompt's summary (as the room screen and the minutes show it), unless it is
        anonymous with fewer than three answers (PRODUCT §3)."""
        from seminar_cli.minutes.summary import (
            room_count,
            shown_to_room,
            summarize,
            undeliberated,
        )
        from seminar_cli.session.assembly import deliberated_at_vote

        state = self.writer.state
        values = [a.value for a in state.answers.get(prompt.id, [])]
        count = sum(1 for v in values if v is not None)
        if not shown_to_room(prompt, count):
            return None
        summary = summarize(prompt, values, self.writer.agenda.assembly)
        if not deliberated_at_vote(state, prompt.id):
            summary = undeliberated(summary)
        return {
            "id": prompt.id,
            "segment": self._segment_of[prompt.id],
            "type": prompt.type.value,
            "question": prompt.question,
            "labels": self._labels(prompt),
            "count": room_count(prompt, values),  # as the room screen counts: votes, ballots
            "summary": summary,
        }

    # -- answering -----------------------------------------------------------------------
    def answer(self, participant: str, prompt_id: Any, raw: Any, on_behalf: Any = None) -> None:
        """Record ``participant``'s answer; RoomConflictError when the prompt is not open to
        phones (closed, not yet open, or asked at the keyboard) or a secret ballot was already
        cast; AnswerError (422) when the value does not fit; RoomInputError for no such prompt.

        The check "still open" and the write are one transaction under the journal's write
        lock: an answer racing the close is either recorded or refused, never half."""
        found = self.find_prompt(prompt_id) if isinstance(prompt_id, str) else None
        if found is None:  # another workshop's prompt is none of this room's
            raise RoomInputError("web.unknown_prompt")
        prompt = found
        if prompt.who is not Who.open:  # each, room: the facilitator's keyboard asks them
            raise RoomConflictError("web.keyboard_prompt")
        members_ballot = self._members_ballot(prompt)
        if on_behalf is not None and (not members_ballot or not isinstance(on_behalf, str)):
            raise RoomInputError("answers.for_secret_only")
        if self._members_vote(prompt) and not member_proven(participant):
            raise RoomForbiddenError("web.member_code_needed", name=str(participant))
        value = normalise_answer(prompt, raw)
        with self._lock:
            self._opened.follow()
            if not self._is_open(prompt.id, waiting=True):  # not asked in this workshop (yet)
                raise RoomConflictError("web.prompt_closed")
            if prompt.anonymous:
                # no token, no name with the value, no channel: the pool writes it in a
                # shuffled batch; only "this member's ballot is in" is kept, apart
                marker = participant
                if members_ballot:  # AnswerError (422) when this phone may not cast it
                    self._catch_up()
                    marker = ballot_member(self.writer.state, str(participant), on_behalf)
                outcome = self.writer.record_anonymous(
                    prompt.id, value, marker, watch=PROMPT_EVENTS
                )
                if outcome is AnonymousOutcome.closed:
                    raise RoomConflictError("web.prompt_closed")
                if outcome is AnonymousOutcome.no_holder:
                    raise RoomConflictError("anonymous.no_holder")
                if outcome is AnonymousOutcome.already:
                    if members_ballot and marker != participant:  # a proxy's ballot
                        raise RoomConflictError("ballot.already", member=marker)
                    raise RoomConflictError("web.already_cast")
                return
            if self._members_vote(prompt):  # a named vote: members present only
                self._catch_up()
                ballot_member(self.writer.state, str(participant), None)
            recorded = self.writer.record_if(
                lambda state: prompt.id in state.open_prompts,
                EventType.answer_given,
                prompt=prompt.id,
                participant=participant,
                value=value,
                via="web",
                watch=PROMPT_EVENTS,
            )
            if recorded is None:
                raise RoomConflictError("web.prompt_closed")
            if recorded.seq <= self.writer.state.last_seq:  # folded at once: told now too
                self._publish([recorded])
            self._catch_up()  # my answered flag and my answer, at once

    # -- following the journal -----------------------------------------------------------
    def poll(self) -> list[PublicEvent]:
        """What the journal gained since last asked, as public events (one cheap query when
        nothing changed)."""
        with self._lock:
            last = self.journal.last_seq(self.row.id)
            if last > max(self.writer.state.last_seq, self._looked_upto):
                self._catch_up()
                self._looked_upto = last
            # and what an answer's own catching up folded meanwhile (a prompt closed just
            # before a phone answered): every event the state takes in is told to the phones
            fresh = self.events_after(self._told_upto)
            if fresh:
                self._told_upto = fresh[-1].seq
            return fresh

    def _catch_up(self) -> None:
        """(Under the lock.) Fold what the journal gained, and publish it: whichever call
        makes the state take an event in, the event stream gets it too."""
        self._publish(self.writer.sync())

    def _publish(self, events: list[StoredEvent]) -> list[PublicEvent]:
        added = []
        for event in events:
            public = public_event(event)
            if public is not None and (not self._public_seqs or public.seq > self._public_seqs[-1]):
                self._public.append(public)
                self._public_seqs.append(public.seq)
                added.append(public)
        return added

    def events_after(self, seq: int) -> list[PublicEvent]:
        """Every public event after position ``seq`` (a phone reconnecting with
        ``Last-Event-ID``)."""
        start = bisect.bisect_right(self._public_seqs, seq)
        return self._public[start:]

    @property
    def last_seq(self) -> int:
        return self.writer.state.last_seq

    @property
    def closed(self) -> bool:
        return self.writer.state.closed
