"""Questions at a keyboard: the questionary implementation of the ``Prompter`` protocol.

Each terminal control has its own asking function, registered in ``ASKERS`` by the name a prompt
type's entry gives it (``session/prompt_types.py``): the prompt model's translation into
questionary questions lives here, in one place.  An asking
function returns the raw answer (normalised by the caller with ``normalise_answer``) or None
for "no answer"; Ctrl-C inside it reaches ``QuestionaryPrompter.ask``, which asks whether to
skip the prompt, stop, or go on.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any, Literal

import questionary
from questionary import Choice
from rich.console import Console
from rich.text import Text

from seminar_cli.agenda.models import VOTE_CHOICES, Prompt, PromptType, Who
from seminar_cli.i18n import counted, current_language, plural, t
from seminar_cli.session.answers import AnswerError, normalise_answer, normalise_words
from seminar_cli.session.prompt_types import PROMPT_TYPES, TerminalControl
from seminar_cli.session.prompter import AskRequest, PromptClosed, SkipPrompt, StopSession
from seminar_cli.ui.results import option_label

_NO_ANSWER = object()  # the value of the "(no answer)" entry of a list: never a real choice
WATCH_SECONDS = 0.4  # how often a question checks that its prompt is still open
# set while a prompt is asked at a participant's terminal: False once the prompt has closed
_still_open: ContextVar[Callable[[], bool] | None] = ContextVar("still_open", default=None)

Role = Literal["facilitator", "participant"]


# -- helpers shared by the asking functions --------------------------------------------------
def typed_keys_only(question: questionary.Question) -> questionary.Question:
    """``question`` deaf to mouse reports.  We never turn the mouse on, but prompt_toolkit
    reads any ``ESC [ … m`` as one: an escape sequence typed by hand (``ESC [ 3 1 m``) made
    its mouse handler fail, with a traceback and « Press ENTER to continue »."""
    from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
    from prompt_toolkit.keys import Keys

    ignore = KeyBindings()

    @ignore.add(Keys.Vt100MouseEvent, eager=True)
    def _ignored(event: Any) -> None:
        return None

    app = question.application
    # the application's bindings take precedence over prompt_toolkit's default mouse ones
    app.key_bindings = (
        merge_key_bindings([app.key_bindings, ignore]) if app.key_bindings else ignore
    )
    return question


def checkbox(
    message: str, *, none_ticked: str = "prompt.ticked_none", **options: Any
) -> questionary.Question:
    """``questionary.checkbox`` whose answered line speaks the interface's language: it wrote
    « done (10 selections) », or « done » for none, in English whatever the language.  Its
    words are in a closure that questionary hands to ``create_inquirer_layout``: the tokens
    are translated on their way there."""
    import re

    from prompt_toolkit.layout import Layout
    from questionary.prompts import common

    def translated(tokens: list[tuple[str, str]]) -> list[tuple[str, str]]:
        result = []
        for style, text in tokens:
            if style == "class:answer":
                many = re.fullmatch(r"done \((\d+) selections\)", text)
                if many:
                    count = int(many.group(1))
                    text = t(plural("prompt.ticked", count), count=count)
                elif text == "done":
                    text = t(none_ticked)
            result.append((style, text))
        return result

    original = common.create_inquirer_layout

    def layout(
        ic: common.InquirerControl,
        get_prompt_tokens: Callable[[], list[tuple[str, str]]],
        **kwargs: Any,
    ) -> Layout:
        return original(ic, lambda: translated(get_prompt_tokens()), **kwargs)

    common.create_inquirer_layout = layout
    try:
        return questionary.checkbox(message, **options)
    finally:
        common.create_inquirer_layout = original


def _ask(question: questionary.Question) -> Any:
    """Run one questionary question; Ctrl-C and Ctrl-D become KeyboardInterrupt.  When the
    prompt closes meanwhile (the facilitator moved on), the question ends with PromptClosed."""
    still_open = _still_open.get()
    if still_open is not None:
        app = question.application

        async def watch() -> None:
            # runs in the question's own event loop, on this thread: the journal is read here
            while True:
                await asyncio.sleep(WATCH_SECONDS)
                if not still_open():
                    app.exit(exception=PromptClosed())
                    return

        def start_watch() -> None:
            app.create_background_task(watch())

        app.pre_run_callables.append(start_watch)
    try:
        return typed_keys_only(question).unsafe_ask()
    except EOFError:
        raise KeyboardInterrupt from None


def _validator(prompt: Prompt) -> Callable[[str], bool | str]:
    """Accept what ``normalise_answer`` accepts; otherwise show its message under the input."""

    def validate(raw: str) -> bool | str:
        try:
            normalise_answer(prompt, raw)
        except AnswerError as error:
            return error.message()
        return True

    return validate


def _listed(prompt: Prompt, choices: list[Choice]) -> list[Choice]:
    """A list of choices, with a "(no answer)" entry when an answer is not required."""
    if not prompt.required:
        choices = [*choices, Choice(t("prompt.no_answer"), value=_NO_ANSWER)]
    return choices


def _select(message: str, prompt: Prompt, choices: list[Choice]) -> Any:
    picked = _ask(
        questionary.select(
            message,
            choices=_listed(prompt, choices),
            instruction=t("prompt.hint.select"),
        )
    )
    return None if picked is _NO_ANSWER else picked


def ordinal(place: int) -> str:
    """1 -> « 1re » / "1st" (the position in a ranking)."""
    if current_language() == "fr":
        return "1re" if place == 1 else f"{place}e"
    if 10 <= place % 100 <= 20:
        return f"{place}th"
    return f"{place}" + {1: "st", 2: "nd", 3: "rd"}.get(place % 10, "th")


# -- one asking function per prompt type ---------------------------------------------------
def ask_text(prompt: Prompt, request: AskRequest) -> Any:
    answer = _ask(questionary.text(prompt.question, validate=_validator(prompt)))
    return answer.strip() or None


def _send_keys(question: questionary.Question) -> questionary.Question:
    """A multi-line answer is sent by Enter on an empty line at its end, or by Esc then Enter
    (Alt+Enter) however long between the two: prompt_toolkit reads an Esc that waited longer
    than its escape delay as a key of its own, and the Enter after it then only added a line."""
    from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings

    keys = KeyBindings()
    escaped: list[tuple[str, int]] = []  # the buffer as it was when Esc came alone

    def send(buffer: Any) -> None:
        buffer.text = buffer.text.rstrip()
        buffer.validate_and_handle()

    @keys.add("escape", "enter")
    def _alt_enter(event: Any) -> None:
        send(event.current_buffer)

    @keys.add("escape")
    def _escape(event: Any) -> None:
        buffer = event.current_buffer
        escaped[:] = [(buffer.text, buffer.cursor_position)]

    @keys.add("enter")
    def _enter(event: Any) -> None:
        buffer = event.current_buffer
        document = buffer.document
        after_escape = escaped == [(buffer.text, buffer.cursor_position)]
        escaped.clear()
        at_empty_end = document.is_cursor_at_the_end and not document.current_line.strip()
        if after_escape or at_empty_end:
            send(buffer)
        else:
            buffer.newline(copy_margin=False)

    app = question.application
    app.key_bindings = merge_key_bindings([app.key_bindings, keys]) if app.key_bindings else keys
    return question


def _fitted(text: str) -> str:
    """``text`` broken into lines as wide as the terminal: prompt_toolkit cuts, rather than
    wraps, the lines of a question shown above a multi-line input."""
    import os
    import shutil
    import sys
    import textwrap

    try:  # the terminal's real width, as prompt_toolkit sees it (COLUMNS may say otherwise)
        columns = os.get_terminal_size(sys.stdout.fileno()).columns
    except (OSError, ValueError, AttributeError):
        columns = shutil.get_terminal_size().columns
    width = max(20, columns - 3)
    return "\n".join(textwrap.fill(line, width) or line for line in text.splitlines() or [""])


def ask_long_text(prompt: Prompt, request: AskRequest) -> Any:
    answer = _ask(
        _send_keys(
            questionary.text(
                _fitted(prompt.question),
                multiline=True,
                validate=_validator(prompt),
                instruction="\n" + _fitted(t("prompt.hint.long_text")) + "\n>",
            )
        )
    )
    return answer.strip() or None


def ask_select(prompt: Prompt, request: AskRequest) -> Any:
    """One of the prompt's options (a choice, oui/non), each shown by its label."""
    choices = [Choice(option_label(prompt, o), value=o) for o in prompt.options]
    return _select(prompt.question, prompt, choices)


def ask_multi(prompt: Prompt, request: AskRequest) -> Any:
    low, high = prompt.multi_picks

    def validate(picked: list[str]) -> bool | str:
        if not picked and not low:
            return t("answer.required") if prompt.required else True
        if not low <= len(picked) <= high:
            return t("answer.picks", min=low, max=high)
        return True

    if low and low == high:
        hint = counted("prompt.hint.multi_exactly", low)
    elif low:
        hint = t("prompt.hint.multi_range", min=low, max=high)
    else:
        hint = t("prompt.hint.multi_max", max=high)
    picked = _ask(
        checkbox(
            prompt.question,
            choices=[Choice(c, value=c) for c in prompt.choices or []],
            validate=validate,
            instruction=hint,
        )
    )
    return list(picked) or None


LONGEST_LIST = 11  # a wider rating scale is typed as a number rather than picked in a list


def ask_rating(prompt: Prompt, request: AskRequest) -> Any:
    low, high = prompt.scale
    if high - low + 1 > LONGEST_LIST:
        raw = _ask(
            questionary.text(
                prompt.question,
                validate=_validator(prompt),
                instruction=t("prompt.hint.rating", min=low, max=high),
            )
        )
        return raw.strip() or None
    choices = [Choice(option_label(prompt, str(v)), value=v) for v in range(low, high + 1)]
    return _select(prompt.question, prompt, choices)


def ask_words(prompt: Prompt, request: AskRequest) -> Any:
    raw = _ask(
        questionary.text(
            prompt.question,
            validate=_validator(prompt),
            instruction=t(plural("prompt.hint.words", prompt.max_words), max=prompt.max_words),
        )
    )
    words = normalise_words(raw, prompt.max_words)
    return words or None


def ask_ranking(prompt: Prompt, request: AskRequest) -> Any:
    remaining = list(prompt.choices or [])
    order: list[str] = []
    while len(remaining) > 1:
        message = t("prompt.ranking_place", place=ordinal(len(order) + 1))
        choices = [Choice(c, value=c) for c in remaining]
        if order:  # "no answer" is offered once, before the first pick
            picked = _ask(
                questionary.select(message, choices=choices, instruction=t("prompt.hint.select"))
            )
        else:
            picked = _select(message, prompt, choices)
            if picked is None:
                return None
        order.append(picked)
        remaining.remove(picked)
    return order + remaining


def ask_vote(prompt: Prompt, request: AskRequest) -> Any:
    if prompt.who is Who.room:
        return _ask_tally(prompt)
    choices = [Choice(option_label(prompt, o), value=o) for o in VOTE_CHOICES]
    return _select(prompt.question, prompt, choices)


def _ask_tally(prompt: Prompt) -> Any:
    """A show of hands: how many for, against, abstaining, blank (blank input: none)."""

    def validate(raw: str) -> bool | str:
        text = raw.strip()
        if not text or (text.isdigit() and len(text) <= 7):
            return True
        return t("prompt.tally_number")

    tally: dict[str, int] = {}
    given = False
    for option in VOTE_CHOICES:
        raw = _ask(
            questionary.text(
                t(f"prompt.tally.{option}"),
                validate=validate,
                instruction=t("prompt.hint.tally"),
            )
        ).strip()
        given = given or bool(raw)
        tally[option] = int(raw) if raw else 0
    return tally if given else None


def ask_election(prompt: Prompt, request: AskRequest) -> Any:
    """Up to ``seats`` candidates ticked; none ticked is a blank ballot (a ballot all the
    same, PRODUCT §9), once confirmed: a single Enter must not cast it, as a phone's empty
    « Envoyer » does not (the answer « Non », the default, asks the ballot again)."""
    seats = prompt.seats_to_fill

    def validate(picked: list[str]) -> bool | str:
        return True if len(picked) <= seats else t("answer.election_picks", max=seats)

    while True:
        picked = _ask(
            checkbox(
                prompt.question,
                choices=[Choice(c, value=c) for c in prompt.candidates or []],
                validate=validate,
                instruction=t("prompt.hint.election", max=seats),
                none_ticked="prompt.blank_ballot",
            )
        )
        if picked or _blank_confirmed():
            return list(picked)


def _blank_confirmed() -> bool:
    # a list rather than questionary.confirm: its y/n keys are English whatever the language
    return bool(
        _ask(
            questionary.select(
                t("prompt.blank_confirm"),
                choices=[
                    Choice(t("prompt.blank_confirm.no"), value=False),
                    Choice(t("prompt.blank_confirm.yes"), value=True),
                ],
                instruction=t("prompt.hint.select"),
            )
        )
    )


AskFunction = Callable[[Prompt, AskRequest], Any]
# by the name of a type's terminal control (session/prompt_types.py)
ASKERS: dict[TerminalControl, AskFunction] = {
    "line": ask_text,
    "multiline": ask_long_text,
    "select": ask_select,
    "checkbox": ask_multi,
    "scale": ask_rating,
    "keywords": ask_words,
    "ranking": ask_ranking,
    "ballot": ask_vote,
    "election": ask_election,
}


# -- the Prompter ----------------------------------------------------------------------------
class QuestionaryPrompter:
    """Asks at this terminal.  ``role`` changes what "stop" means after a Ctrl-C: the
    facilitator stops the session (it can be resumed); a participant leaves ``seminar join``."""

    def __init__(
        self,
        console: Console | None = None,
        *,
        role: Role = "facilitator",
        still_open: Callable[[Prompt], bool] | None = None,
    ) -> None:
        self.console = console or Console(highlight=False)
        self.role = role
        self.still_open = still_open  # given: a question ends by itself when its prompt closes

    def ask(self, request: AskRequest) -> Any:
        self._header(request)
        asker = ASKERS[PROMPT_TYPES[request.prompt.type].terminal_control]
        check = self.still_open
        token = _still_open.set((lambda: check(request.prompt)) if check else None)
        try:
            while True:
                try:
                    return asker(request.prompt, request)
                except KeyboardInterrupt:
                    what = self._after_interrupt()
                    if what == "skip":
                        raise SkipPrompt from None
                    if what == "stop":
                        raise StopSession from None
        finally:
            _still_open.reset(token)

    def ask_name(self, prompt: Prompt) -> str | None:
        """Who answers next, for an ``each`` prompt without a roster; blank: nobody else.
        After Ctrl-C: skip (nobody else answers), stop the session, or ask again."""
        while True:
            try:
                return self._ask_name(prompt)
            except KeyboardInterrupt:
                what = self._after_interrupt()
                if what == "skip":
                    return None
                if what == "stop":
                    raise StopSession from None

    def _ask_name(self, prompt: Prompt) -> str | None:
        if prompt.anonymous:  # no name is wanted: only whether someone else answers
            more = _ask(
                questionary.select(
                    t("prompt.another_answer"),
                    choices=[
                        Choice(t("prompt.another_yes"), value=True),
                        Choice(t("prompt.another_no"), value=False),
                    ],
                    instruction=t("prompt.hint.select"),
                )
            )
            return t("prompt.anonymous_person") if more else None
        name = _ask(questionary.text(t("prompt.who_answers"), instruction=t("prompt.hint.name")))
        return " ".join(str(name).split()) or None

    def show_error(self, message: str) -> None:
        self.console.print(Text(message, style="red"))

    def _header(self, request: AskRequest) -> None:
        prompt = request.prompt
        console = self.console
        console.print()
        if request.segment is not None:
            console.rule(Text(request.segment.title), align="left", style="dim")
        if request.participant and prompt.who is Who.each:
            if request.turns:
                turn = t(
                    "prompt.turn_of",
                    name=request.participant,
                    turn=request.turn,
                    turns=request.turns,
                )
            else:
                turn = t("prompt.turn_of_open", name=request.participant)
            console.print(Text(turn, style="bold") + self._way_out())
        elif prompt.who is Who.room:
            console.print(Text(t("prompt.for_room"), style="bold") + self._way_out())
        if request.quorum is not None:  # an assembly's vote: the figures it is held with
            from seminar_cli.ui.screen import quorum_band

            style = "bold green" if request.quorum.may_deliberate else "bold reverse red"
            console.print(Text(quorum_band(request.quorum), style=style))
        if prompt.anonymous:
            console.print(Text(t("prompt.anonymous"), style="dim"))
        if request.voided:  # the station stopped and took them: whoever had answered, again
            vote = prompt.ballot_mode is not None
            key = "join.voided_ballots" if vote else "join.voided_answers"
            console.print(Text(counted(key, request.voided), style="bold yellow"))
        if request.on_behalf:  # a proxy: whose ballot this one is
            console.print(Text(t("ballot.for_whom", name=request.on_behalf), style="bold"))
        if prompt.description or prompt.text:
            from seminar_cli.ui.screen import agenda_text

            if prompt.description:
                console.print(agenda_text(prompt.description, style="italic"))
            if prompt.text:
                console.print(agenda_text(prompt.text))
        if prompt.type is PromptType.ranking:  # its steps ask only « in 1st place? »
            console.print(Text(prompt.question, style="bold"))

    def _way_out(self) -> Text:
        """At the facilitator's keyboard, a round says how to leave it (PRODUCT §3)."""
        if self.role != "facilitator":
            return Text("")
        return Text("  " + t("live.round.exit"), style="dim")

    def _after_interrupt(self) -> str:
        stop = "prompt.menu.stop" if self.role == "facilitator" else "prompt.menu.leave"
        try:
            return str(
                _ask(
                    questionary.select(
                        t("prompt.menu"),
                        choices=[
                            Choice(t("prompt.menu.skip"), value="skip"),
                            Choice(t(stop), value="stop"),
                            Choice(t("prompt.menu.continue"), value="continue"),
                        ],
                        instruction=t("prompt.hint.select"),
                    )
                )
            )
        except KeyboardInterrupt:  # Ctrl-C twice: really stop
            return "stop"
