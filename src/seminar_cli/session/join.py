"""A participant's side of a live session (``seminar join``): wait for prompts, answer them.

No terminal here: the CLI gives a ``Prompter`` (questionary) or scripted answers, and a
``Waiter`` to show "waiting for the next question" between prompts.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from seminar_cli.agenda.models import Prompt, Segment, Who
from seminar_cli.errors import UsageError
from seminar_cli.i18n import t
from seminar_cli.journal.events import EventType
from seminar_cli.journal.store import PLENARY, AnonymousOutcome
from seminar_cli.session.answers import (
    AnswerError,
    ScriptedAnswer,
    named_ref,
    normalise_answer,
    strip_controls,
)
from seminar_cli.session.ballots import (
    ballot_member,
    ballots_this_person_may_cast,
    is_secret_ballot,
    why_not_voter,
)
from seminar_cli.session.prompter import AskRequest, PromptClosed, Prompter, SkipPrompt
from seminar_cli.session.service import SessionWriter
from seminar_cli.session.stream_prompts import (
    OpenedInStream,
    find_stream_prompt,
    stream_prompts,
)

if TYPE_CHECKING:
    from seminar_cli.journal.state import SessionState

POLL_SECONDS = 0.3
# what can open or close a prompt (an answer's ref is kept unique by the journal itself)
PROMPT_EVENTS = (EventType.prompt_opened, EventType.prompt_closed, EventType.session_closed)


@dataclass
class JoinOutcome:
    answered: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)  # closed before they could be answered
    refused: list[str] = field(default_factory=list)  # why ballots were not cast (messages)
    closed: bool = False
    workshop_over: bool = False  # join --workshop: its segment ended, its prompts closed


def name_key(name: str) -> str:
    """What two spellings of one name share: no accents, no case, single spaces
    (« Inès  Benali » and « ines benali » have the same key)."""
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


def roster_name(roster: Iterable[str], typed: str) -> str:
    """The roster's spelling of the name a participant typed (« Ines Benali » -> « Inès
    Benali »): accents, case and spaces ignored.  A name matching nobody, or matching two
    people equally, stays as typed (spaces folded)."""
    typed = " ".join(typed.split())
    names = list(roster)
    if typed in names:
        return typed
    same_case = [n for n in names if n.casefold() == typed.casefold()]
    if len(same_case) == 1:
        return same_case[0]
    key = name_key(typed)
    matches = {n for n in names if name_key(n) == key}
    return matches.pop() if len(matches) == 1 else typed


def joining_name(state: SessionState, name: str | None, member_code: str | None) -> str | None:
    """The name ``seminar join --member-code CODE [--name NAME]`` joins under, refused before
    anything is asked or answered (exit 2): a code nobody was given in this session, a code
    that is not the named person's, or a code where no register of members gives any.  A code
    without a name names its member, as on the phones."""
    from seminar_cli.session.assembly import member_for_code

    if member_code is None:
        return name
    agenda = state.agenda
    if agenda.assembly is None or not agenda.has_register:
        raise UsageError("join.member_code_no_register")
    holder = member_for_code(state, member_code)
    if holder is None:
        raise UsageError("join.member_code_unknown", code=member_code.strip())
    if not name:
        return holder
    person = roster_name((p.name for p in agenda.participants), name)
    if person != holder:
        raise UsageError("join.member_code_wrong", name=person)
    return person


def _nothing_chosen(raw: object) -> bool:
    """An answer left empty: no answer, or a blank ballot for a vote or an election."""
    return raw is None or raw == [] or (isinstance(raw, str) and not raw.strip())


class Joiner:
    """Answers the open prompts of one session as one participant (or anonymously)."""

    def __init__(
        self, writer: SessionWriter, name: str | None, member_code: str | None = None
    ) -> None:
        self.writer = writer
        # in an assembly with a register, a member votes with their personal code (PRODUCT §9)
        self.member_code = member_code
        # a name is shown on the projector and in the minutes: no control characters
        self.name = (strip_controls(name).strip() or None) if name else None
        if self.name:  # « Ines Benali » is the roster's « Inès Benali », not a newcomer
            self.name = roster_name((p.name for p in writer.state.agenda.participants), self.name)
        # prompts this process has answered or skipped: not asked again, even anonymous ones
        self._done: set[str] = set()
        # anonymous prompts answered by name: how many of their answers had been voided then
        # (a runner's stop voids what it had not written: then this person is asked again)
        self._voided_seen: dict[str, int] = {}
        # in a workshop (join --workshop), the prompts open in its own stream only
        self._opened = OpenedInStream(writer.journal, writer.session_id, writer.stream)

    def workshop_over(self) -> bool:
        """In a workshop (``join --workshop``): its segment has ended and its stream has no
        prompt left open, so nothing more will be asked here (the plenary goes on)."""
        if self.writer.stream == PLENARY:
            return False
        state = self.writer.state
        mine = stream_prompts(state.agenda, self.writer.stream)
        segment = mine[0][0] if mine else None
        if segment is None or not state.segments[segment.id].done:
            return False
        return not any(self._open(prompt.id) for _s, prompt in mine)

    def members_ballot(self, prompt: Prompt) -> bool:
        """A secret ballot of the roster's members: one per member present or represented,
        cast by the member or by whoever holds their proxy (PRODUCT §9)."""
        return is_secret_ballot(prompt) and bool(self.writer.state.agenda.participants)

    def member_proof_missing(self) -> bool:
        """A member of an assembly's register joined without their own personal code: they
        answer open prompts as a guest would, and cast no member's ballot (PRODUCT §9)."""
        from seminar_cli.session.assembly import member, member_for_code

        agenda = self.writer.state.agenda
        if not self.name or agenda.assembly is None or not agenda.has_register:
            return False
        if member(agenda, self.name) is None:
            return False  # a guest, or someone off the register: nothing to prove
        code = self.member_code
        return code is None or member_for_code(self.writer.state, code) != self.name

    def why_no_ballot(self) -> str:
        """Why this participant casts no member's ballot, in words: a guest, represented (their
        holder votes for them), not signed in present, off the register."""
        key, params = why_not_voter(self.writer.state, self.name or "")
        return t(key, **params)

    def ballot_targets(self, prompt: Prompt) -> list[str]:
        """The members whose ballot this participant may still cast (themselves first)."""
        if not self.name or self.member_proof_missing():
            return []
        may = ballots_this_person_may_cast(self.writer.state, self.name)
        return [m for m in may if not self.writer.has_voted(prompt.id, m)]

    def pending(self) -> list[Prompt]:
        """Open prompts this participant has not answered yet, in agenda order.  Only ``open``
        prompts: ``each`` and ``room`` ones are answered at the facilitator's keyboard."""
        state = self.writer.state
        self._opened.follow()
        result = []
        # the prompts of the stream this joiner answers in: a workshop's own and its segment's
        for _segment, prompt in stream_prompts(state.agenda, self.writer.stream):
            if prompt.id in self._done and self._voided_since(prompt.id):
                self._done.discard(prompt.id)  # the journal says whether it is still in
            if not self._open(prompt.id) or prompt.id in self._done:
                continue
            if prompt.who is not Who.open:
                continue
            if self.name and self._answered(prompt):
                continue
            result.append(prompt)
        return result

    def _open(self, prompt_id: str) -> bool:
        """Open to this joiner: in the session's state, and in a workshop opened by its
        stream (not the plenary's opening of a shared prompt)."""
        return prompt_id in self.writer.state.open_prompts and self._opened.allows(prompt_id)

    def _find(self, prompt_id: str) -> tuple[Segment, Prompt] | None:
        return find_stream_prompt(self.writer.state.agenda, self.writer.stream, prompt_id)

    def _voided_since(self, prompt_id: str) -> bool:
        seen = self._voided_seen.get(prompt_id)
        return seen is not None and self.writer.state.voided_anonymous.get(prompt_id, 0) > seen

    def _answered(self, prompt: Prompt) -> bool:
        assert self.name is not None
        if self.members_ballot(prompt):  # every ballot this person carries is in
            if self.member_proof_missing():
                return False
            may = ballots_this_person_may_cast(self.writer.state, self.name)
            return bool(may) and not self.ballot_targets(prompt)
        if prompt.anonymous:  # a mark apart from the values, written or still pending
            return self.writer.has_voted(prompt.id, self.name)
        return self.writer.state.has_answer(prompt.id, self.name)

    def answer(
        self, prompt: Prompt, raw: object, ref: str | None = None, *, on_behalf: str | None = None
    ) -> bool:
        """Record an answer if the prompt is still open; False when it closed meanwhile (or
        when an answer with the same ``ref`` is already in, or this person's anonymous answer).

        Both are checked in the same transaction as the write, so an answer never lands after
        its prompt closed, even when the facilitator moves on just then, nor twice.

        An anonymous answer carries no name and no reference, and is not written now: the
        journal holds it sealed to the runner's key, and the runner writes it in a shuffled
        batch with others (PRODUCT §9), so that neither its place nor its time tells whose it
        is; AnswerError while no runner holds the key (the session stopped).  Only "this
        person has answered" is kept, apart from the value, so that nobody answers twice.
        """
        value = normalise_answer(prompt, raw)
        self._opened.follow()
        if not self._opened.allows(prompt.id):  # a workshop that has not asked it (yet)
            return False
        marker = self.name
        if self.members_ballot(prompt):
            # the journal's marker names the member whose ballot it is: theirs is cast once,
            # whoever carries it
            if not self.name:
                raise AnswerError("ballot.need_name")
            if self.member_proof_missing():
                raise AnswerError("join.member_code_missing", name=self.name)
            marker = ballot_member(self.writer.state, self.name, on_behalf)
        if prompt.anonymous:
            outcome = self.writer.record_anonymous(prompt.id, value, marker, watch=PROMPT_EVENTS)
            if outcome is AnonymousOutcome.no_holder:  # asked again once the session resumes
                raise AnswerError("anonymous.no_holder")
            if outcome in (AnonymousOutcome.closed, AnonymousOutcome.already):
                return False
            self._done.add(prompt.id)
            if marker is not None:
                self._voided_seen[prompt.id] = self.writer.state.voided_anonymous.get(prompt.id, 0)
            return True
        recorded = self.writer.record_if(
            lambda state: (
                prompt.id in state.open_prompts
                and not (ref and state.has_answer(prompt.id, None, ref))
            ),
            EventType.answer_given,
            prompt=prompt.id,
            participant=self.name,
            value=value,
            ref=ref,
            watch=PROMPT_EVENTS,
        )
        if recorded is None:
            return False
        self._done.add(prompt.id)
        return True

    def run_interactive(
        self,
        prompter: Prompter,
        waiting: Callable[[JoinOutcome], None],
        *,
        sleep: Callable[[float], None] | None = None,
        reported: Callable[[Prompt, str], None] | None = None,
    ) -> JoinOutcome:
        """Ask each prompt as it opens until the session closes.  ``reported(prompt, what)``
        tells how each ended: answered, no_answer, closed (before the answer was sent), skipped.
        """
        outcome = JoinOutcome()

        def report(prompt: Prompt, what: str) -> None:
            if reported is not None:
                reported(prompt, what)

        while True:
            seen = self._last_seen()
            self.writer.sync()
            state = self.writer.state
            if state.closed:
                outcome.closed = True
                return outcome
            if self.workshop_over():
                outcome.workshop_over = True
                return outcome
            prompts = self.pending()
            if not prompts:
                waiting(outcome)
                self._pause(sleep, seen)
                continue
            prompt = prompts[0]
            segment = self._find(prompt.id)
            if self.members_ballot(prompt):
                self._cast_ballots(prompt, prompter, outcome, report)
                continue
            request = AskRequest(
                prompt,
                segment[0] if segment else None,
                self.name,
                voided=state.voided_anonymous.get(prompt.id, 0),
            )
            while True:
                try:
                    raw = prompter.ask(request)
                except SkipPrompt:
                    self._done.add(prompt.id)
                    outcome.skipped.append(prompt.id)
                    report(prompt, "skipped")
                    break
                except PromptClosed:
                    self._done.add(prompt.id)
                    outcome.skipped.append(prompt.id)
                    report(prompt, "closed")
                    break
                try:
                    recorded = self.answer(prompt, raw)
                except AnswerError as error:
                    waiting_error = getattr(prompter, "show_error", None)
                    if callable(waiting_error):
                        waiting_error(error.message())
                    continue
                if recorded:
                    outcome.answered.append(prompt.id)
                    report(prompt, "no_answer" if _nothing_chosen(raw) else "answered")
                else:
                    self._done.add(prompt.id)
                    outcome.skipped.append(prompt.id)
                    report(prompt, "closed")
                break

    def _cast_ballots(
        self,
        prompt: Prompt,
        prompter: Prompter,
        outcome: JoinOutcome,
        report: Callable[[Prompt, str], None],
    ) -> None:
        """A secret ballot of members: one ballot asked per member this person may still
        vote for, themselves first, then each member whose proxy they hold ("for whom")."""
        self._done.add(prompt.id)
        if not self.name:
            report(prompt, "need_name")
            return
        if self.member_proof_missing():
            report(prompt, "member_code_missing")
            return
        if not ballots_this_person_may_cast(self.writer.state, self.name):
            report(prompt, "not_voter")
            return
        found = self._find(prompt.id)
        targets = self.ballot_targets(prompt)
        for turn, member in enumerate(targets, start=1):
            on_behalf = None if member == self.name else member
            request = AskRequest(
                prompt,
                found[0] if found else None,
                self.name,
                turn,
                len(targets),
                on_behalf,
                voided=self.writer.state.voided_anonymous.get(prompt.id, 0),
            )
            while True:
                try:
                    raw = prompter.ask(request)
                except (SkipPrompt, PromptClosed):
                    outcome.skipped.append(prompt.id)
                    report(prompt, "skipped")
                    return
                try:
                    recorded = self.answer(prompt, raw, on_behalf=member)
                except AnswerError as error:
                    show = getattr(prompter, "show_error", None)
                    if callable(show):
                        show(error.message())
                    continue
                break
            if recorded:
                outcome.answered.append(prompt.id)
                report(prompt, "no_answer" if _nothing_chosen(raw) else "answered")
                continue
            self.writer.sync()
            if prompt.id not in self.writer.state.open_prompts:
                outcome.skipped.append(prompt.id)
                report(prompt, "closed")
                return
            report(prompt, "already")  # another device cast this member's ballot meanwhile

    def run_scripted(
        self,
        answers: dict[str, list[ScriptedAnswer]],
        *,
        sleep: Callable[[float], None] | None = None,
        timeout: float | None = None,
    ) -> JoinOutcome:
        """Wait for each prompt of the file to open, answer it; stop when all are in or the
        session closes.  Entries naming another participant are left to that participant."""
        outcome = JoinOutcome()
        todo: dict[str, list[ScriptedAnswer]] = {}
        for prompt_id, entries in answers.items():
            mine = [
                a
                for a in entries
                if a.participant in (None, self.name) and a.voter in (None, self.name)
            ]
            if mine:
                todo[prompt_id] = mine
        started = time.monotonic()
        while todo:
            seen = self._last_seen()
            self.writer.sync()
            self._opened.follow()
            state = self.writer.state
            for prompt_id in list(todo):
                # over before this joiner came: a closed prompt never opens again, no use
                # waiting for it (in a workshop: closed after its own stream asked it)
                if prompt_id in state.closed_prompts and self._opened.was_asked(prompt_id):
                    del todo[prompt_id]
                    outcome.missed.append(prompt_id)
                    continue
                if not self._open(prompt_id):
                    continue
                found = self._find(prompt_id)
                assert found is not None
                prompt = found[1]
                for entry in todo.pop(prompt_id):
                    # told apart by participant and prompt, never by a place in the file: a
                    # named participant's answer is recorded once, whichever file brings it
                    # again; an anonymous one carries no reference at all (the journal keeps
                    # only that this person answered); an unnamed participant cannot be
                    # recognised, so each run of the file is another person's answers
                    ref = None
                    if self.name and not prompt.anonymous:
                        ref = named_ref(prompt_id, self.name)
                    if self.members_ballot(prompt):
                        # one entry per member this person votes for (``for``)
                        try:
                            cast = self.answer(prompt, entry.value, on_behalf=entry.on_behalf)
                        except AnswerError as error:
                            outcome.refused.append(error.message())
                            continue
                        if cast:
                            outcome.answered.append(prompt_id)
                        else:
                            outcome.refused.append(
                                t("ballot.already", member=entry.on_behalf or self.name)
                            )
                        continue
                    if self.name and self._answered(prompt):
                        continue
                    if self.answer(prompt, entry.value, ref=ref):
                        outcome.answered.append(prompt_id)
                        if self.name:
                            break  # one answer per named participant: more would replace it
            if not todo:
                break
            if state.closed or self.workshop_over():
                outcome.closed = state.closed
                outcome.workshop_over = not state.closed
                outcome.skipped.extend(todo)
                break
            if timeout is not None and time.monotonic() - started > timeout:
                outcome.skipped.extend(todo)
                break
            self._pause(sleep, seen)
        return outcome

    def _last_seen(self) -> int:
        """The session's last event in any stream, when the journal can wake us at the next
        (PostgreSQL); else 0, unused."""
        journal = self.writer.journal
        return journal.last_seq(self.writer.row.id) if journal.wakes_readers else 0

    def _pause(self, sleep: Callable[[float], None] | None, seen: int) -> None:
        """Until the next look: ``POLL_SECONDS``, or on PostgreSQL the session's next event
        if sooner (``sleep`` given: the tests' own pace)."""
        journal = self.writer.journal
        if sleep is None and journal.wakes_readers:
            journal.wait_for_events(self.writer.row.id, seen, POLL_SECONDS)
        else:
            (sleep or time.sleep)(POLL_SECONDS)
