"""The one interface through which a session asks a question (PRODUCT §3, ARCHITECTURE).

Implementations: the questionary prompter (``ui.prompts``) for a person at a keyboard, and
``ScriptedPrompter`` for ``--answers`` files and tests.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from seminar_cli.agenda.models import Prompt, Segment

if TYPE_CHECKING:
    from seminar_cli.session.assembly import Quorum


class SkipPrompt(Exception):
    """The person chose to skip this prompt (for everyone still to answer it)."""


class StopSession(Exception):
    """The person chose to stop the session from inside a prompt."""


class PromptClosed(Exception):
    """The prompt closed (elsewhere) while it was being asked: nothing to record."""


@dataclass(frozen=True)
class AskRequest:
    prompt: Prompt
    segment: Segment | None
    participant: str | None  # whose turn it is, or None for the room / anonymous
    turn: int = 1
    turns: int = 1
    # a ballot cast by ``participant`` for a member they represent (a proxy), else None
    on_behalf: str | None = None
    # an assembly's vote: the quorum as announced when it opened (shown above the question)
    quorum: Quorum | None = None
    # anonymous answers to it the station's stop voided (``seminar join`` says so: a count,
    # never whose; those who had answered answer again)
    voided: int = 0


class Prompter(Protocol):
    def ask(self, request: AskRequest) -> Any:
        """The raw answer (normalised by the caller), or None for "no answer"."""
        ...

    def ask_name(self, prompt: Prompt) -> str | None:
        """For an ``each`` prompt without a roster: the name of whoever answers next."""
        ...


class NullPrompter:
    """Asks nobody: ``--no-input`` without answers."""

    def ask(self, request: AskRequest) -> Any:
        return None

    def ask_name(self, prompt: Prompt) -> str | None:
        return None
