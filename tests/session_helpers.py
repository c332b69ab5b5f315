"""Helpers shared by the tests that run whole sessions through the CLI: an instant clock for
``--speed`` rehearsals, the journal the ``cli`` fixture writes to, and its sessions; for the
pseudo-terminal tests, a ``seminar`` process on a pexpect terminal and the answers its journal
holds."""

from __future__ import annotations

import os
import subprocess
from datetime import datetime
from pathlib import Path
from typing import Any

import pexpect

from seminar_cli.agenda.loader import load_agenda
from seminar_cli.journal.events import EventType
from seminar_cli.journal.store import Journal
from seminar_cli.session.service import (
    SessionSetup,
    SessionWriter,
    anonymous_key_for,
    claim_session,
    open_session,
)
from seminar_cli.timer import FakeClock
from tests.conftest import seminar_cmd, subprocess_env


def run_seminar(
    tmp_path: Path, *args: str, lang: str = "fr", **env: str
) -> subprocess.CompletedProcess[str]:
    """``seminar --lang LANG ARGS`` in its own process, in ``tmp_path``, with its journal there
    (or where ``env``'s ``SEMINAR_DB`` says)."""
    return subprocess.run(
        [*seminar_cmd(), "--lang", lang, *args],
        env=subprocess_env(tmp_path, **env),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )


def bundled_assembly(tmp_path: Path) -> SessionWriter:
    """The bundled assembly (its register of 40 members and 3 guests), nobody signed in, this
    process running it: it holds the key the secret ballots are sealed to."""
    journal = Journal.open(tmp_path / "journal.sqlite3")
    clock = FakeClock()
    session_id = open_session(journal, load_agenda("assemblee-generale"), SessionSetup(), clock)
    writer = SessionWriter(journal, journal.session(session_id), clock)
    writer.hold_anonymous_key()
    return writer


def take_over_as_new_runner(writer: SessionWriter) -> None:
    """Another station claims the session, as ``resume`` does after a crash: a new key, and
    whatever was sealed to the old one is voided."""
    claim_session(
        writer.journal,
        writer.row,
        writer.clock,
        take_over=True,
        public_key=anonymous_key_for(writer.agenda),
    )


class InstantClock(FakeClock):
    """SystemClock's signature, FakeClock's behaviour: sleeping only moves the session clock."""

    def __init__(self, speed: float = 1.0, start: datetime | None = None) -> None:
        super().__init__(start, speed)


_opened: list[Journal] = []


def journal() -> Journal:
    """The journal of the isolated test environment (``SEMINAR_DB``, set by conftest), closed
    when the test ends (conftest's ``close_helper_journals``)."""
    opened = Journal.open(Path(os.environ["SEMINAR_DB"]))
    _opened.append(opened)
    return opened


def close_opened_journals() -> None:
    while _opened:
        _opened.pop().close()


def only_session() -> str:
    rows = journal().sessions()
    assert len(rows) == 1
    return rows[0].id


def spawn_seminar(
    tmp_path: Path, *args: str, dimensions: tuple[int, int] = (35, 120)
) -> pexpect.spawn:
    """``seminar *args`` on a pseudo-terminal of ``dimensions`` (rows, columns; 120×35 unless
    said), in the test's isolated environment."""
    cmd = seminar_cmd()
    return pexpect.spawn(
        cmd[0],
        [*cmd[1:], *args],
        env=subprocess_env(tmp_path),
        cwd=str(tmp_path),
        dimensions=dimensions,
        encoding="utf-8",
        timeout=20,
    )


def recorded_answers(tmp_path: Path) -> list[tuple[str, Any, Any]]:
    """(prompt, participant, value) of every answer in the first session of the journal in
    ``tmp_path``, in the order given."""
    with Journal.open(tmp_path / "journal.sqlite3", create=False) as journal:
        session = journal.sessions()[0]
        return [
            (e.payload["prompt"], e.payload.get("participant"), e.payload.get("value"))
            for e in journal.events(session.id)
            if e.type == EventType.answer_given
        ]


_A_DAY_AHEAD = """\
import sys
from datetime import timedelta

import seminar_cli.timer as timer

wall = timer.local_now
timer.local_now = lambda: wall() + timedelta(days={days})
from seminar_cli.main import main

sys.exit(main(sys.argv[1:]))
"""


def seminar_cmd_a_day_ahead(tmp_path: Path, days: int = 1) -> list[str]:
    """``seminar`` in a process whose clock is ``days`` ahead (another laptop set wrong)."""
    import sys

    script = tmp_path / f"{days}_days_ahead.py"
    script.write_text(_A_DAY_AHEAD.format(days=days), encoding="utf-8")
    return [sys.executable, str(script)]
