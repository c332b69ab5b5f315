"""``seminar join`` at a participant's terminal: wait for prompts, answer them as they open.

The waiting loop and the recording are ``session.join.Joiner``'s; this module gives it a
keyboard (``QuestionaryPrompter``) and a face: a spinner between questions (refreshed only when
the Joiner looks, about three times a second or at the session's next event on PostgreSQL: no
thread, low CPU), a line after each answer, and a word when the session closes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import questionary
from rich.console import Console
from rich.live import Live
from rich.spinner import Spinner
from rich.text import Text

from seminar_cli.agenda.models import Agenda, Prompt, Who
from seminar_cli.errors import Interrupted, UsageError
from seminar_cli.i18n import t
from seminar_cli.session.join import Joiner, JoinOutcome, roster_name
from seminar_cli.session.prompter import AskRequest, StopSession
from seminar_cli.session.service import SessionWriter
from seminar_cli.session.stream_prompts import find_workshop, stream_prompts
from seminar_cli.typed_text import plain_name
from seminar_cli.ui.prompts import QuestionaryPrompter, typed_keys_only


class WaitingLine:
    """« En attente de la prochaine question… » with a spinner, redrawn at each poll."""

    def __init__(self, console: Console, writer: SessionWriter) -> None:
        self.console = console
        self.writer = writer
        self._live: Live | None = None
        self._spinner = Spinner("dots", style="cyan")

    def __call__(self, outcome: JoinOutcome) -> None:
        state = self.writer.state
        message = Text(t("join.waiting"))
        if state.suspended_at is not None:  # the facilitator quit: `seminar resume` goes on
            message.append("  ")
            message.append(t("join.suspended"), style="dim")
        elif state.current is not None:
            title = state.agenda.segment(state.current).title
            message.append("  ")
            message.append(t("join.now", title=title), style="dim")
        self._spinner.update(text=message)
        if self._live is None:
            self._live = Live(
                self._spinner,
                console=self.console,
                auto_refresh=False,
                transient=True,
                redirect_stdout=False,
                redirect_stderr=False,
            )
            self._live.start()
        self._live.refresh()

    def stop(self) -> None:
        if self._live is not None:
            self._live.stop()
            self._live = None


class _JoinPrompter:
    """The participant's keyboard: clears the waiting line before each question."""

    def __init__(self, inner: QuestionaryPrompter, waiting: WaitingLine) -> None:
        self.inner = inner
        self.waiting = waiting

    def ask(self, request: AskRequest) -> Any:
        self.waiting.stop()
        return self.inner.ask(request)

    def ask_name(self, prompt: Prompt) -> str | None:
        return None  # a participant answers for themselves only

    def show_error(self, message: str) -> None:
        self.inner.show_error(message)


def needs_name(agenda: Agenda, stream: str = "") -> bool:
    """A name is asked only if some prompt open to ``seminar join`` (in the plenary, or in the
    workshop ``stream``) is not anonymous, or is a secret ballot of members (whose ballots are
    counted per member, PRODUCT §9)."""
    return any(
        p.who is Who.open and (not p.anonymous or (p.opened_by_key and agenda.participants))
        for _s, p in stream_prompts(agenda, stream)
    )


def ask_member_code(joiner: Joiner, console: Console) -> None:
    """A member of an assembly's register proves who they are with their personal code, asked
    after the name; a wrong one is said and asked again, an empty one joins as a guest."""
    while joiner.member_proof_missing():
        try:
            question = questionary.text(t("join.member_code_ask"))
            raw = str(typed_keys_only(question).unsafe_ask() or "").strip()
        except EOFError:
            raise KeyboardInterrupt from None
        if not raw:
            return
        joiner.member_code = raw
        joiner.writer.sync()
        if joiner.member_proof_missing():
            console.print(Text(t("join.member_code_wrong", name=joiner.name), style="yellow"))


def ask_participant_name() -> str:
    def validate(raw: str) -> bool | str:
        try:
            return True if plain_name(raw) else t("join.name_needed")
        except UsageError as error:
            return error.message()

    try:
        question = questionary.text(t("join.your_name"), validate=validate)
        raw = typed_keys_only(question).unsafe_ask()
    except EOFError:
        raise KeyboardInterrupt from None
    return plain_name(str(raw)) or ""


def run_join(
    writer: SessionWriter,
    name: str | None,
    console: Console | None = None,
    *,
    sleep: Callable[[float], None] | None = None,
    member_code: str | None = None,
) -> None:
    """The interactive ``seminar join``: returns when the session closes; Ctrl-C (or "leave"
    after one) raises ``Interrupted`` (exit 130).  Nothing answered is ever lost."""
    console = console or Console(highlight=False)
    agenda = writer.state.agenda
    title = str(writer.state.meta.get("title") or agenda.title)
    console.print(Text(t("join.welcome", title=title), style="bold"))
    if writer.stream:  # a workshop's prompts, not the plenary's: said before any question
        _segment, workshop = find_workshop(agenda, writer.stream)
        console.print(Text(t("workshop_web.join_as", title=workshop.title)))
    if not any(p.who is Who.open for _s, p in stream_prompts(agenda, writer.stream)):
        console.print(Text(t("join.nothing_to_answer")))
        return
    waiting = WaitingLine(console, writer)
    try:
        person = " ".join(name.split()) if name else ""
        if not person and needs_name(agenda, writer.stream):
            person = ask_participant_name()
        person = roster_name((p.name for p in agenda.participants), person) if person else ""
        if person:
            console.print(Text(t("join.as", name=person)))
        else:
            console.print(Text(t("join.as_anonymous")))
        joiner = Joiner(writer, person or None, member_code)
        if member_code is None:
            ask_member_code(joiner, console)

        def reported(prompt: Prompt, what: str) -> None:
            waiting.stop()
            style = {"answered": "green", "closed": "yellow"}.get(what, "dim")
            if prompt.ballot_mode is not None and what in ("answered", "no_answer"):
                # a vote or an election: a ballot, and one with nothing chosen is a blank vote
                style = "green"
                what = "ballot" if what == "answered" else "ballot_blank"
            params: dict[str, Any] = {"question": prompt.question}
            if what == "not_voter":  # the true reason: a guest, represented, not signed in...
                params["reason"] = joiner.why_no_ballot()
            console.print(Text(t(f"join.result.{what}", **params), style=style))

        def still_open(prompt: Prompt) -> bool:
            writer.sync()
            return prompt.id in writer.state.open_prompts

        keyboard = QuestionaryPrompter(console, role="participant", still_open=still_open)
        prompter = _JoinPrompter(keyboard, waiting)
        outcome = joiner.run_interactive(prompter, waiting, sleep=sleep, reported=reported)
    except (KeyboardInterrupt, StopSession):
        waiting.stop()
        raise Interrupted("join.left") from None
    finally:
        waiting.stop()
    over = t("join.workshop_over") if outcome.workshop_over else t("join.closed")
    console.print(Text(over, style="bold"))
    sent = len(outcome.answered)
    console.print(Text(t("join.sent_one" if sent == 1 else "join.sent", count=sent)))
