"""Helpers for the live screen tests: a session on a fake clock, frames as text, scripted keys."""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console

from seminar_cli.agenda.loader import LoadedAgenda, parse_agenda_text
from seminar_cli.journal.store import Journal
from seminar_cli.session.prompter import NullPrompter
from seminar_cli.session.runner import Runner
from seminar_cli.session.service import SessionSetup, SessionWriter, open_session
from seminar_cli.timer import FakeClock
from seminar_cli.ui.live import LiveControls
from seminar_cli.ui.screen import LiveView, live_screen

# 14:00 to 15:20, no slack: a late start is visible at once; the last segment is fixed
TIMED_AGENDA = """\
title: Séminaire test
starts_at: "14:00"
ends_by: "15:20"
followed_by: Assemblée générale
segments:
  - id: intro
    title: Introduction
    kind: welcome
    duration: 10m
    speaker: Camille Martin
    description: Le fil de l'après-midi.
    notes: Rappeler l'heure de fin.
  - id: expose
    title: Exposé
    kind: keynote
    duration: 30m
  - id: atelier
    title: Atelier
    kind: workshop
    duration: 30m
  - id: cloture
    title: Clôture
    kind: closing
    duration: 10m
    fixed: true
"""


def open_writer(tmp_path: Path, text: str = TIMED_AGENDA, *, speed: float = 1.0) -> SessionWriter:
    """A new session of ``text`` on a fake clock at 14:00."""
    agenda = parse_agenda_text(text, "test.yaml")
    journal = Journal.open(tmp_path / "live.sqlite3")
    clock = FakeClock(speed=speed)
    setup = SessionSetup(place="Paris", rehearsal=speed != 1.0, speed=speed)
    session_id = open_session(journal, LoadedAgenda(agenda, "test.yaml", text), setup, clock)
    return SessionWriter(journal, journal.session(session_id), clock)


def frame(view: LiveView | None, width: int = 80, height: int = 24) -> str:
    """One frame of the live screen as plain text, exactly as a terminal of that size shows it."""
    assert view is not None
    console = Console(
        file=io.StringIO(), force_terminal=True, width=width, height=height, color_system=None
    )
    console.print(live_screen(view))
    text = console.file.getvalue()  # type: ignore[attr-defined]
    return "\n".join(line.rstrip() for line in text.splitlines())


def recording_console(width: int = 80, height: int = 24) -> Console:
    return Console(
        file=io.StringIO(), force_terminal=True, width=width, height=height, color_system=None
    )


@dataclass
class ScriptedKeys:
    """A key source for tests: keys arrive at given clock times; waiting advances the fake
    clock instead of sleeping."""

    clock: FakeClock
    script: list[tuple[float, list[str]]]  # (clock seconds since the start, keys)
    calls: list[str] = field(default_factory=list)
    reads: int = 0

    def read(self, timeout: float) -> list[str]:
        self.reads += 1
        assert self.reads < 100_000, "the session never ended: end the script with q, y"
        horizon = self.clock.monotonic() + timeout * self.clock.speed
        if self.script and self.script[0][0] <= horizon:
            at, keys = self.script.pop(0)
            if at > self.clock.monotonic():
                self.clock.advance(at - self.clock.monotonic())
            return list(keys)
        self.clock.advance(horizon - self.clock.monotonic())
        return []

    def suspend(self) -> None:
        self.calls.append("suspend")

    def resume(self) -> None:
        self.calls.append("resume")

    def close(self) -> None:
        self.calls.append("close")


def keys_at(*steps: tuple[float, str | Iterable[str]]) -> list[tuple[float, list[str]]]:
    return [(at, [keys] if isinstance(keys, str) else list(keys)) for at, keys in steps]


def event_types(writer: SessionWriter) -> list[str]:
    return [str(e.type) for e in writer.journal.events(writer.session_id)]


def payloads(writer: SessionWriter, type_: str) -> list[dict[str, Any]]:
    return [e.payload for e in writer.journal.events(writer.session_id) if e.type == type_]


def run_recording_frames(
    writer: SessionWriter,
    script: list[tuple[float, list[str]]],
    width: int,
    height: int,
    prompter: Any = None,
    join_url: str | None = None,
) -> tuple[LiveControls, list[str]]:
    """Run the live screen on ``script`` (see ``keys_at``) and keep, as text, every frame it
    drew on a terminal of that size (``prompter`` answers the rounds; none by default;
    ``join_url``: the phones' address, as with ``--serve``)."""
    keys = ScriptedKeys(writer.clock, script)  # type: ignore[arg-type]
    controls = LiveControls(console=recording_console(width, height), keys=keys, join_url=join_url)
    frames: list[str] = []
    with controls:
        runner = Runner(writer, controls, prompter or NullPrompter(), auto_advance=False)
        original = controls.draw

        def draw(runner: Runner) -> None:
            original(runner)
            view = controls.view(runner)
            if view is not None:
                frames.append(frame(view, width, height))

        controls.draw = draw  # type: ignore[method-assign]
        runner.run()
    return controls, frames
