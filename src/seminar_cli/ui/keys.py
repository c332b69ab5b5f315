"""Reading single keys while the live screen runs, behind one small interface.

Unix: the terminal goes into cbreak mode (keys arrive one by one, Ctrl-C still interrupts) and
``select`` waits on stdin and on the next frame together, in the same thread that draws — no
reader thread fights prompt_toolkit for stdin.  A terminal resize (SIGWINCH) wakes the wait
through a self-pipe.  Giving the keyboard to a prompt, and closing, restore the terminal with
``TCSAFLUSH``, which also drops keys typed ahead so they cannot leak into the prompt.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import select
import signal
import sys
from types import FrameType
from typing import Any, Protocol

RESIZE = "<resize>"  # not a key: the terminal changed size
ESCAPE = "escape"
ENTER = "enter"
BACKSPACE = "backspace"

_SEQUENCES = {
    "\x1b[A": "up",
    "\x1b[B": "down",
    "\x1b[C": "right",
    "\x1b[D": "left",
    "\x1bOA": "up",
    "\x1bOB": "down",
    "\x1bOC": "right",
    "\x1bOD": "left",
}


def decode(text: str) -> list[str]:
    """Keys in a chunk of terminal input: characters, ``enter``, ``escape``, arrows.

    A lone ESC is the Escape key; ESC followed by ``[`` or ``O`` starts a sequence (arrows are
    named, other sequences such as function keys are dropped).  Other control characters are
    ignored.
    """
    keys: list[str] = []
    index = 0
    while index < len(text):
        char = text[index]
        if char == "\x1b":
            rest = text[index:]
            named = next((name for seq, name in _SEQUENCES.items() if rest.startswith(seq)), None)
            if named:
                keys.append(named)
                index += 3
                continue
            if len(rest) > 1 and rest[1] in "[O":
                # skip a CSI/SS3 sequence: parameters, then one final byte in @..~
                end = index + 2
                while end < len(text) and not ("@" <= text[end] <= "~"):
                    end += 1
                index = end + 1
                continue
            keys.append(ESCAPE)
            index += 1
            continue
        if char in "\r\n":
            keys.append(ENTER)
        elif char in "\x7f\x08":
            keys.append(BACKSPACE)
        elif char >= " ":
            keys.append(char)
        index += 1
    return keys


class KeySource(Protocol):
    """Where the live screen gets its keys from (a terminal, or a script in tests)."""

    def read(self, timeout: float) -> list[str]:
        """Keys typed within ``timeout`` real seconds (``RESIZE`` when the terminal changed
        size); an empty list when the time passed without any."""
        ...

    def suspend(self) -> None:
        """Give the terminal back in its normal mode, dropping keys typed ahead."""
        ...

    def resume(self) -> None:
        """Take the keyboard again after ``suspend``."""
        ...

    def close(self) -> None:
        """Restore the terminal for good."""
        ...


class TerminalKeys:
    """Keys from a Unix terminal in cbreak mode (the only reader of stdin while active)."""

    def __init__(self, fd: int | None = None) -> None:
        self.fd = sys.stdin.fileno() if fd is None else fd
        self._saved: list[Any] | None = None
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="ignore")
        self._wake_r: int | None = None
        self._wake_w: int | None = None
        self._previous_winch: Any = None
        self._active = False

    # -- lifecycle --------------------------------------------------------------------------
    def open(self) -> TerminalKeys:
        import termios

        self._saved = termios.tcgetattr(self.fd)
        self._wake_r, self._wake_w = os.pipe()
        os.set_blocking(self._wake_r, False)
        os.set_blocking(self._wake_w, False)
        self._enter()
        return self

    def _enter(self) -> None:
        import tty

        tty.setcbreak(self.fd)
        self._previous_winch = signal.signal(signal.SIGWINCH, self._on_winch)
        self._active = True

    def _leave(self) -> None:
        import termios

        if not self._active:
            return
        self._active = False
        if self._saved is not None:
            termios.tcsetattr(self.fd, termios.TCSAFLUSH, self._saved)
        signal.signal(signal.SIGWINCH, self._previous_winch or signal.SIG_DFL)
        self._decoder.reset()

    def suspend(self) -> None:
        self._leave()

    def resume(self) -> None:
        if not self._active and self._saved is not None:
            self._enter()
            self._wake()  # the terminal may have been resized while a prompt had it

    def close(self) -> None:
        try:
            self._leave()
        finally:
            for fd in (self._wake_r, self._wake_w):
                if fd is not None:
                    os.close(fd)
            self._wake_r = self._wake_w = None

    def __enter__(self) -> TerminalKeys:
        return self.open()

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading ------------------------------------------------------------------------------
    def _on_winch(self, signum: int, frame: FrameType | None) -> None:
        self._wake()

    def _wake(self) -> None:
        if self._wake_w is not None:
            # a full pipe means a wake-up is pending anyway
            with contextlib.suppress(BlockingIOError, OSError):
                os.write(self._wake_w, b"w")

    def read(self, timeout: float) -> list[str]:
        watched = [self.fd] + ([self._wake_r] if self._wake_r is not None else [])
        ready, _, _ = select.select(watched, [], [], max(0.0, timeout))
        keys: list[str] = []
        if self._wake_r is not None and self._wake_r in ready:
            try:
                while os.read(self._wake_r, 64):
                    pass
            except BlockingIOError:
                pass
            keys.append(RESIZE)
        if self.fd in ready:
            data = os.read(self.fd, 1024)
            if not data:  # the terminal is gone
                raise EOFError
            if data.endswith(b"\x1b"):
                # a lone Escape, or the start of a sequence still on its way
                more, _, _ = select.select([self.fd], [], [], 0.03)
                if more:
                    data += os.read(self.fd, 1024)
            keys.extend(decode(self._decoder.decode(data)))
        return keys


def terminal_keys() -> TerminalKeys:
    """The key source of this platform's terminal."""
    try:
        import termios  # noqa: F401
    except ImportError:  # pragma: no cover - no POSIX terminal (Windows console)
        from seminar_cli.errors import NoTerminalError

        raise NoTerminalError("live.no_cbreak") from None
    return TerminalKeys()
