"""One exception hierarchy; each error carries a catalogue key and maps to an exit code.

The single handler in :mod:`seminar_cli.main` turns them into a message on stderr.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any


class ExitCode(IntEnum):
    OK = 0
    ERROR = 1
    USAGE = 2
    INTERRUPTED = 130


class SeminarError(Exception):
    """A problem the user can understand and act on (never a traceback)."""

    exit_code: ExitCode = ExitCode.ERROR

    def __init__(self, key: str, /, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params

    def message(self) -> str:
        from seminar_cli.i18n import t

        return t(self.key, **self.params)

    def __str__(self) -> str:
        return self.message()


class UsageError(SeminarError):
    exit_code = ExitCode.USAGE


class AgendaError(SeminarError):
    """An agenda file that cannot be read or is not valid; ``problems`` are located lines."""

    def __init__(self, key: str, /, problems: list[str] | None = None, **params: Any) -> None:
        super().__init__(key, **params)
        self.problems = problems or []

    def message(self) -> str:
        head = super().message()
        if not self.problems:
            return head
        return head + "\n" + "\n".join(f"  • {p}" for p in self.problems)


class AnswerError(SeminarError):
    """An answer that does not fit its prompt (session/prompt_types.py says what fits)."""


class AgendaNotFound(SeminarError):
    pass


class SessionError(SeminarError):
    pass


class JournalError(SeminarError):
    """The journal file cannot be opened, read or written."""


class ChainError(SeminarError):
    """A session's hash chain does not hold (an event altered, missing or moved), or does not
    end at the hash expected (``seminar verify``)."""


class CopyRefused(SeminarError):
    """``journal copy`` left sessions out (a divergence, a broken chain): ``refusals`` say
    why, one each, and the key says how many; the others were copied."""

    def __init__(self, key: str, /, refusals: list[SeminarError], **params: Any) -> None:
        super().__init__(key, count=len(refusals), **params)
        self.refusals = refusals

    def message(self) -> str:
        return "\n".join([*(r.message() for r in self.refusals), super().message()])


class NoTerminalError(SeminarError):
    pass


class OutputError(SeminarError):
    pass


class Interrupted(SeminarError):
    exit_code = ExitCode.INTERRUPTED


class EventPayloadError(ValueError):
    """A payload that does not fit its event type, refused before it reaches the journal.

    A bug, not a user's mistake: what people type is checked (and told in their language)
    before any event is built, so this is not a SeminarError and has no catalogue key; main.py
    reports it as an unexpected error, as it did pydantic's ValidationError (also a ValueError).
    """


class RoomError(SeminarError):
    """A phone's request that the room service refuses (``seminar serve``); the web layer maps
    each kind to one HTTP status, in one place (web/app.py)."""


class RoomAccessError(RoomError):
    """No valid join code or token."""


class RoomConflictError(RoomError):
    """The prompt is closed, a secret ballot was already cast, a name is held by another phone."""


class RoomForbiddenError(RoomError):
    """A phone known, but not as who the request needs (a member's vote without their code)."""


class RoomInputError(RoomError):
    """A request that does not make sense (unknown prompt, a name missing or too long)."""
