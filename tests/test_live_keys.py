"""Keys on the live screen: decoding, the terminal in cbreak mode, and each key's effect on the
journal (a Runner with LiveControls on a fake clock; keys arrive from a script, nothing sleeps)."""

from __future__ import annotations

import os
import pty
import signal
import termios
from typing import Any

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from seminar_cli.journal.events import EventType
from seminar_cli.session.prompter import AskRequest, NullPrompter
from seminar_cli.session.runner import Runner
from seminar_cli.ui.keys import ENTER, ESCAPE, RESIZE, TerminalKeys, decode
from seminar_cli.ui.live import LiveControls
from seminar_cli.ui.screen import live_screen
from tests.live_helpers import (
    ScriptedKeys,
    event_types,
    keys_at,
    open_writer,
    payloads,
    recording_console,
    run_recording_frames,
)

SHORT = """\
title: Court
participants:
  - name: Ana
  - name: Bruno
segments:
  - id: un
    title: Premier
    duration: 2m
    notes: Ne pas oublier les badges.
    prompts:
      - id: humeur
        question: Votre humeur ?
        type: choice
        choices: [bonne, moyenne]
        who: open
      - id: tour
        question: Un mot ?
        who: each
  - id: deux
    title: Second
    duration: 2m
"""


def run_live(tmp_path, script, *, agenda=SHORT, prompter=None, width=80, height=24):
    writer = open_writer(tmp_path, agenda)
    keys = ScriptedKeys(writer.clock, keys_at(*script))  # type: ignore[arg-type]
    console = recording_console(width, height)
    controls = LiveControls(console=console, keys=keys)
    with controls:
        Runner(writer, controls, prompter or NullPrompter(), auto_advance=False).run()
    return writer, controls, keys, console.file.getvalue()  # type: ignore[attr-defined]


QUIT = ("q", "y")


# -- decoding ----------------------------------------------------------------------------------
def test_decode_keys_and_sequences():
    assert decode(" n+5-") == [" ", "n", "+", "5", "-"]
    assert decode("\r\n") == [ENTER, ENTER]
    assert decode("\x1b") == [ESCAPE]
    assert decode("\x1b[A\x1bOB") == ["up", "down"]
    assert decode("\x1b[15~q") == ["q"]  # F5 is dropped, the q is kept
    assert decode("\x01é?") == ["é", "?"]


# -- the terminal ------------------------------------------------------------------------------
@pytest.fixture
def terminal():
    master, slave = pty.openpty()
    yield master, slave
    os.close(master)
    os.close(slave)


def test_cbreak_reads_keys_and_restores_the_terminal(terminal):
    master, slave = terminal
    before = termios.tcgetattr(slave)
    with TerminalKeys(slave) as keys:
        mode = termios.tcgetattr(slave)
        assert not mode[3] & termios.ICANON  # keys one by one
        assert not mode[3] & termios.ECHO
        assert mode[3] & termios.ISIG  # Ctrl-C still interrupts
        assert keys.read(0.01) == []
        os.write(master, b" ")
        assert keys.read(1.0) == [" "]
        os.write(master, b"5+")
        assert keys.read(1.0) == ["5", "+"]
        os.write(master, b"\x1b")
        assert keys.read(1.0) == [ESCAPE]
        os.write(master, "é".encode()[:1])  # half a character: kept for the next read
        assert keys.read(1.0) == []
        os.write(master, "é".encode()[1:])
        assert keys.read(1.0) == ["é"]
    assert termios.tcgetattr(slave) == before


def test_resize_wakes_the_wait(terminal):
    _, slave = terminal
    with TerminalKeys(slave) as keys:
        os.kill(os.getpid(), signal.SIGWINCH)
        assert keys.read(5.0) == [RESIZE]
        assert keys.read(0.01) == []
    assert signal.getsignal(signal.SIGWINCH) in (signal.SIG_DFL, None)


def test_suspend_drops_keys_typed_ahead_and_resume_takes_them_again(terminal):
    master, slave = terminal
    before = termios.tcgetattr(slave)
    keys = TerminalKeys(slave).open()
    try:
        os.write(master, b"nnq")  # typed while a prompt was about to start
        keys.suspend()
        assert termios.tcgetattr(slave) == before  # the prompt gets a normal terminal
        os.set_blocking(slave, False)
        with pytest.raises(BlockingIOError):
            os.read(slave, 10)  # nothing left to answer the prompt with
        os.set_blocking(slave, True)
        keys.resume()
        assert not termios.tcgetattr(slave)[3] & termios.ICANON
        assert keys.read(1.0) == [RESIZE]  # the size may have changed meanwhile: redraw
        os.write(master, b"p")
        assert keys.read(1.0) == ["p"]
    finally:
        keys.close()
    assert termios.tcgetattr(slave) == before


def test_terminal_restored_on_ctrl_c(terminal):
    _, slave = terminal
    before = termios.tcgetattr(slave)
    with pytest.raises(KeyboardInterrupt), TerminalKeys(slave):
        raise KeyboardInterrupt
    assert termios.tcgetattr(slave) == before


# -- each key is an event ------------------------------------------------------------------------
def test_space_pauses_and_resumes(tmp_path):
    writer, _, _, screen = run_live(tmp_path, [(10, " "), (40, " "), (50, QUIT)])
    types = event_types(writer)
    assert types.count("segment_paused") == 1
    assert types.count("segment_resumed") == 1
    assert types[-1] == "session_suspended"
    assert payloads(writer, "session_suspended") == [{"reason": "quit"}]
    # paused from 10 s to 40 s: 20 s of the segment ran
    assert writer.state.segments["un"].elapsed == pytest.approx(20, abs=0.01)
    assert "PAUSE   reste 01:50 sur 02:00" in screen


def test_plus_minus_and_a_count(tmp_path):
    script = [(5, "+"), (6, ["5", "+"]), (7, "-"), (8, ["1", "2"]), (9, "-"), (10, QUIT)]
    writer, _, _, screen = run_live(tmp_path, script)
    extended = [p["seconds"] for p in payloads(writer, "segment_extended")]
    # 2 min + 1 + 5 - 1 = 7 min; "12-" removes only what is left (7 min - 9 s)
    assert extended == [60, 300, -60, -411]
    assert "5 min de plus pour ce segment" in screen
    assert "12… puis + pour ajouter 12 min" in screen
    assert "6 min 51 de moins pour ce segment" in screen  # what was really taken


def test_minus_in_overtime_does_nothing(tmp_path):
    writer, _, _, screen = run_live(tmp_path, [(130, "-"), (131, QUIT)])
    assert "segment_extended" not in event_types(writer)
    assert "de moins pour ce segment" not in screen


def test_n_moves_on_and_asks_the_remaining_prompts(tmp_path):
    asked: list[AskRequest] = []

    class Prompter:
        def ask(self, request: AskRequest) -> Any:
            asked.append(request)
            return "super"

        def ask_name(self, prompt: Any) -> str | None:
            return None

    writer, _, keys, screen = run_live(tmp_path, [(30, "n"), (40, QUIT)], prompter=Prompter())
    assert [r.participant for r in asked] == ["Ana", "Bruno"]
    assert [p["value"] for p in payloads(writer, "answer_given")] == ["super", "super"]
    ended = payloads(writer, "segment_ended")
    assert ended == [{"segment": "un", "early": True}]
    assert payloads(writer, "segment_started")[-1] == {"segment": "deux"}
    # the prompt took the keyboard (keys typed ahead dropped) and gave it back
    assert keys.calls[:2] == ["suspend", "resume"]
    assert "Second  — échange" in screen


def test_p_asks_now_or_says_there_is_nothing(tmp_path):
    class Prompter:
        def ask(self, request: AskRequest) -> Any:
            return "ok"

        def ask_name(self, prompt: Any) -> str | None:
            return None

    writer, _, _, screen = run_live(tmp_path, [(5, "p"), (6, "p"), (7, QUIT)], prompter=Prompter())
    assert len(payloads(writer, "answer_given")) == 2
    assert payloads(writer, "prompt_closed") == [{"prompt": "tour"}]
    assert "Pas de question à poser pour ce segment." in screen  # the second p
    assert event_types(writer).count("segment_ended") == 0  # p does not end the segment


def test_quit_needs_a_yes(tmp_path):
    writer, _, _, screen = run_live(tmp_path, [(5, "q"), (6, "x"), (7, "q"), (8, "n"), (9, QUIT)])
    assert event_types(writer).count("session_suspended") == 1
    assert "segment_ended" not in event_types(writer)  # the n answered "quit?", not "next"
    assert "o/y : quitter (la séance reste enregistrée)" in screen
    assert writer.journal.session(writer.session_id).status == "open"  # resumable


def test_help_overlay_closes_on_any_key_without_acting(tmp_path):
    writer, controls, _, screen = run_live(tmp_path, [(5, "?"), (6, "n"), (7, QUIT)])
    assert "Touches" in screen
    assert "segment_ended" not in event_types(writer)
    assert controls.overlay is None


def test_f_toggles_the_notes(tmp_path):
    _, controls, _, screen = run_live(tmp_path, [(5, "f"), (6, QUIT)])
    assert controls.show_notes
    assert "NOTES Ne pas oublier les badges." in screen


def test_bell_at_each_warning_and_at_zero_once(tmp_path):
    # 2 min: warnings at 24 s (20 %) and 60 s left, then zero; the screen runs on into overtime
    _, _, _, screen = run_live(tmp_path, [(150, QUIT)])
    assert screen.count("\a") == 3
    assert "DÉPASSEMENT" in screen


def test_a_minute_added_after_a_warning_rings_again_when_passed_again(tmp_path):
    _, _, _, screen = run_live(tmp_path, [(70, "+"), (150, QUIT)])
    # the 60 s mark at t=60; + at t=70 (110 s left of 3 min, 20 % is now 36 s); the 60 s mark
    # again at t=120, the 36 s mark at t=144; zero (t=180) is not reached
    assert screen.count("\a") == 3


def test_resize_redraws(tmp_path):
    writer = open_writer(tmp_path, SHORT)
    keys = ScriptedKeys(writer.clock, keys_at((5, RESIZE), (5.1, RESIZE), (6, QUIT)))  # type: ignore[arg-type]
    controls = LiveControls(console=recording_console(), keys=keys)
    with controls:
        runner = Runner(writer, controls, NullPrompter(), auto_advance=False)
        runner.run()
    out = controls.console.file.getvalue()  # type: ignore[union-attr]
    assert out.count("\x1b[2J") >= 2  # cleared once per resize, then drawn anew


def test_idle_frames_once_a_second_and_none_while_nothing_changes(tmp_path):
    _, controls, keys, _ = run_live(tmp_path, [(30, " "), (90, QUIT)])
    # 30 s running: about one frame per second; 60 s paused: the clock's minute changes once
    assert 28 <= controls.frames <= 40
    assert keys.reads >= 60


def test_attendance_change_with_key_a(tmp_path):
    with create_pipe_input() as typed, create_app_session(input=typed, output=DummyOutput()):
        typed.send_text("BRUN\r")  # a few letters, case ignored
        typed.send_text("\r")  # the one person they match: Bruno
        typed.send_text("\r")  # first choice for someone present: left
        writer, _, keys, screen = run_live(tmp_path, [(5, "a"), (6, QUIT)])
    assert payloads(writer, "attendance") == [{"participant": "Bruno", "status": "left"}]
    assert writer.state.present_participants() == ["Ana"]
    assert keys.calls[:2] == ["suspend", "resume"]
    assert "Présence enregistrée : Bruno — parti(e) en cours de séance" in screen


def test_results_shown_after_an_open_prompt_closes(tmp_path):
    writer = open_writer(tmp_path, SHORT)
    for name, value in (("Ana", "bonne"), ("Bruno", "bonne"), ("Cy", "moyenne")):
        writer.record(
            EventType.answer_given, prompt="humeur", participant=name, value=value, ref=name
        )
    script = keys_at((5, "n"), (6, "x"), (7, ENTER), (8, QUIT))
    _, frames = run_recording_frames(writer, script, 110, 35)
    during_second = [f for f in frames if "Second" in f.split("\n")[1]]
    assert "Votre humeur ?" in during_second[0]
    assert "bonne" in during_second[0]
    assert "Entrée : masquer les résultats" in during_second[0].split("\n")[-1]
    assert "Votre humeur ?" not in during_second[-1]  # Enter hid them


def test_live_screen_renders_from_controls_view(tmp_path):
    writer = open_writer(tmp_path, SHORT)
    writer.record(EventType.segment_started, segment="un")
    controls = LiveControls(console=recording_console(), keys=ScriptedKeys(writer.clock, []))  # type: ignore[arg-type]
    runner = Runner(writer, controls, NullPrompter(), auto_advance=False)
    controls.count = "3"
    view = controls.view(runner)
    assert view is not None and view.count_prefix == "3"
    assert live_screen(view) is not None
