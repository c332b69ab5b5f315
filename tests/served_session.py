"""A served session as a room lives it: ``seminar start AGENDA --serve --host 127.0.0.1`` on a
pseudo-terminal (the facilitator's laptop), whose keys the test presses (``n`` closes the
running segment's prompts, ``p`` opens a vote), and whose screen a thread keeps reading (a full
pseudo-terminal would block the live screen). Phones reach it on the loopback only."""

from __future__ import annotations

import json
import re
import subprocess
import textwrap
import threading
import time
from pathlib import Path
from typing import Any

import pexpect

from tests.conftest import seminar_cmd, subprocess_env

FLAGS = ("--place", "Paris", "--facilitator", "Alex", "--secretary", "Sam")
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Z0-9]|\x1b[=>]")
# bounds, never sleeps: each wait ends as soon as its condition holds; generous because two
# cores are shared by several test suites
WAIT = 30.0


class ServedSession:
    """One session served to phones, started in ``tmp_path`` (the test's journal)."""

    def __init__(
        self,
        tmp_path: Path,
        agenda: str,
        *extra: str,
        code: str = "ESSAI42",
        roster: bool = True,
    ) -> None:
        self.tmp_path = tmp_path
        (tmp_path / "agenda.yaml").write_text(textwrap.dedent(agenda), encoding="utf-8")
        self.code = code
        command = seminar_cmd()
        args = [
            *command[1:], "start", "agenda.yaml", *FLAGS, "--serve",
            "--host", "127.0.0.1", "--port", "0", "--code", code, *extra,
        ]  # fmt: skip
        self.child = pexpect.spawn(
            command[0],
            args,
            cwd=str(tmp_path),
            env=subprocess_env(tmp_path),
            dimensions=(40, 140),
            encoding="utf-8",
            timeout=WAIT,
        )
        self._screen = ""
        self._changed = threading.Condition()
        self._reader = threading.Thread(target=self._drain, daemon=True)
        self._reader.start()
        if roster:
            self.wait_screen(r"Présences|Attendance")
            self.press("\r")  # everyone on the roster is here
        # --port 0: the system picks a free port; the printed address says which
        found = self.wait_screen(rf"http://127\.0\.0\.1:(\d+)/j/{code}")
        self.port = int(found.group(1))
        self.base = f"http://127.0.0.1:{self.port}"
        self.wait_until_served()

    # -- the facilitator's terminal ---------------------------------------------------------
    def _drain(self) -> None:
        while True:
            try:
                text = self.child.read_nonblocking(1 << 16, timeout=0.2)
            except pexpect.TIMEOUT:
                continue
            except (pexpect.EOF, OSError, ValueError):
                with self._changed:
                    self._changed.notify_all()
                return
            with self._changed:
                self._screen += ANSI.sub("", text)
                self._changed.notify_all()

    def screen(self) -> str:
        with self._changed:
            return self._screen

    def wait_screen(self, pattern: str, after: int = 0) -> re.Match[str]:
        """Wait until the terminal showed ``pattern`` (after position ``after``)."""
        regex = re.compile(pattern)
        deadline = time.monotonic() + WAIT
        with self._changed:
            while True:
                found = regex.search(self._screen, after)
                if found:
                    return found
                left = deadline - time.monotonic()
                if left <= 0 or not self.child.isalive():
                    tail = self._screen[-1500:]
                    raise AssertionError(f"the terminal never showed {pattern!r}:\n{tail}")
                self._changed.wait(min(left, 0.5))

    def press(self, key: str) -> None:
        self.child.send(key)

    def next_segment(self) -> None:
        """``n``: the running segment ends, its open prompts close."""
        self.press("n")

    def wait_segment(self, segment: str) -> None:
        """Wait until the server tells that ``segment`` runs (the projector's state, read with
        the join code), e.g. after ``next_segment``."""
        import httpx

        deadline = time.monotonic() + WAIT
        url = f"{self.base}/api/screen"
        while True:
            state = httpx.get(url, params={"code": self.code}, timeout=5).json()
            if (state.get("segment") or {}).get("id") == segment:
                return
            if time.monotonic() > deadline:
                raise AssertionError(f"segment {segment} never started: {state}")
            time.sleep(0.1)  # the server polls the journal: nothing to wait on here

    def wait_until_served(self) -> None:
        import httpx

        deadline = time.monotonic() + WAIT
        while True:
            try:
                if httpx.get(f"{self.base}/j/{self.code}", timeout=5).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline or not self.child.isalive():
                raise AssertionError(f"never served on {self.base}:\n{self.screen()[-1500:]}")
            time.sleep(0.1)  # polling a port that is not open yet: nothing to wait on

    @property
    def join_url(self) -> str:
        return f"{self.base}/j/{self.code}"

    def stop(self) -> None:
        """``q`` then confirm: the session is kept, the server stops with it."""
        if self.child.isalive():
            self.press("q")
            try:
                self.wait_screen(r"o/y|y/o|quit", after=max(0, len(self.screen()) - 4000))
                self.press("y")
                self.child.expect(pexpect.EOF, timeout=WAIT)
            except (AssertionError, pexpect.TIMEOUT):
                pass
        if self.child.isalive():
            self.child.terminate(force=True)
        self.child.close()

    # -- what was recorded ------------------------------------------------------------------
    def minutes(self) -> dict[str, Any]:
        """The JSON minutes of the session, as ``seminar export --format json`` writes them."""
        done = subprocess.run(
            [*seminar_cmd(), "export", "--format", "json", "--output", "-"],
            cwd=str(self.tmp_path),
            env=subprocess_env(self.tmp_path),
            capture_output=True,
            text=True,
            timeout=WAIT,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        minutes: dict[str, Any] = json.loads(done.stdout)
        return minutes
