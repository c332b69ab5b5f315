"""A real terminal of a given size for what a person sees: a private tmux server runs the
command, ``capture-pane`` gives the screen as text (what the projector shows)."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import time
import uuid
from collections.abc import Mapping, Sequence
from pathlib import Path

from tests.conftest import require

TIMEOUT = 75.0  # seconds: the machine is shared, a first frame may be slow


class Tmux:
    """One tmux session on its own server socket (never the user's tmux)."""

    def __init__(self, tmp_path: Path, width: int, height: int) -> None:
        require(shutil.which("tmux") is not None, "tmux is not installed")
        self.socket = f"seminar-test-{uuid.uuid4().hex[:12]}"
        self.tmp_path = tmp_path
        self.width, self.height = width, height

    def _tmux(self, *args: str) -> str:
        result = subprocess.run(
            ["tmux", "-L", self.socket, "-f", os.devnull, *args],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        return result.stdout

    def start(self, shell_command: str, env: Mapping[str, str], cwd: Path) -> None:
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
        # the terminal's own size, not a COLUMNS inherited from the test run
        line = (
            f"cd {shlex.quote(str(cwd))} && env -u COLUMNS -u LINES {exports} "
            f"sh -c {shlex.quote(shell_command)}"
        )
        self._tmux(
            "new-session", "-d", "-x", str(self.width), "-y", str(self.height), "sh", "-c", line
        )
        self._tmux("set-option", "-g", "remain-on-exit", "on")

    def send(self, *keys: str) -> None:
        """tmux key names (``Enter``, ``Escape``, ``Down``) or literal text."""
        for key in keys:
            if re.fullmatch(r"[A-Z][a-zA-Z]+|C-[a-z]", key):
                self._tmux("send-keys", "-t", "0", key)
            else:
                self._tmux("send-keys", "-t", "0", "-l", key)

    def screen(self) -> str:
        return self._tmux("capture-pane", "-p", "-t", "0")

    def wait_for(self, *texts: str, absent: Sequence[str] = ()) -> str:
        """The screen once it shows all ``texts`` (and none of ``absent``); fails after a
        bounded time with the last screen."""
        deadline = time.monotonic() + TIMEOUT
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if all(t in screen for t in texts) and not any(t in screen for t in absent):
                return screen
            time.sleep(0.1)
        raise AssertionError(f"not on the screen: {texts} (absent: {absent})\n{screen}")

    def close(self) -> None:
        self._tmux("kill-server")
