"""Two consoles: data to stdout, talk to stderr (PRODUCT §2)."""

from __future__ import annotations

import sys
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console


def _console_class() -> type[Console]:
    from rich.console import Console

    class QuietPipeConsole(Console):
        """Rich ends a closed pipe with ``SystemExit(1)``: `seminar sessions show | head -1`
        would fail.  The closed pipe goes to main(), which makes it a quiet exit 0."""

        def on_broken_pipe(self) -> None:
            self.quiet = True
            raise BrokenPipeError

    return QuietPipeConsole


# no markup nor emoji codes: what people typed ("Atelier [optionnel]", "[b]x[/b]", ":fire:")
# is shown as typed in tables and lines; styles are given as objects, never in the text
@cache
def out() -> Console:
    # follows sys.stdout, even when a test replaces it
    return _console_class()(highlight=False, markup=False, emoji=False)


@cache
def err() -> Console:
    return _console_class()(stderr=True, highlight=False, markup=False, emoji=False)


# what Rich leaves out of a line (bell, backspace, vertical tab, form feed, carriage return)
_CONTROLS_RICH_DROPS = dict.fromkeys((7, 8, 11, 12, 13))


def say(message: str, style: str | None = None) -> None:
    """A line of talk for the user, on stderr."""
    if style is not None:
        err().print(message, style=style, markup=False, soft_wrap=True)
        return
    # an unstyled line is what Rich would print, without importing Rich (about 20 ms that
    # `seminar note` and the other quick commands do not need)
    stream = sys.stderr
    if stream is not None:
        stream.write(message.translate(_CONTROLS_RICH_DROPS).expandtabs(8) + "\n")
        stream.flush()


def has_terminal() -> bool:
    stdin, stdout = sys.stdin, sys.stdout
    return bool(stdin and stdout and stdin.isatty() and stdout.isatty())
