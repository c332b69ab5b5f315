"""AG rehearsal 2, defect 1 (the terminal's side): after ``resume`` voided the anonymous ballots
the stopped station held, the live screen says so under the open prompt and in a flash line
(a count only, never whose), and ``join`` says it above the question asked again."""

from __future__ import annotations

from seminar_cli.journal.events import EventType
from seminar_cli.session.service import SessionWriter
from tests.live_helpers import keys_at, open_writer, run_recording_frames

BALLOT = """\
title: Bureau
segments:
  - id: vote
    title: Vote du budget
    duration: 20m
    prompts:
      - {id: budget, question: "Adoptez-vous le budget ?", type: vote, who: open, anonymous: true}
      - {id: humeur, question: "Votre humeur ?", type: rating, who: open, anonymous: true}
  - id: fin
    title: Clôture
    duration: 5m
"""


def _resumed_with_voids(tmp_path, ballots: int, answers: int) -> SessionWriter:
    """The vote running, its two prompts open, as ``resume`` leaves it after voiding."""
    writer = open_writer(tmp_path, BALLOT)
    writer.record(EventType.segment_started, segment="vote")
    for prompt in ("budget", "humeur"):
        writer.record(EventType.prompt_opened, prompt=prompt, segment="vote")
    writer.record(EventType.anonymous_voided, prompt="budget", count=ballots)
    if answers:
        writer.record(EventType.anonymous_voided, prompt="humeur", count=answers)
    return writer


def test_the_live_screen_says_how_many_ballots_were_voided_under_the_open_prompt(tmp_path):
    writer = _resumed_with_voids(tmp_path, ballots=3, answers=1)
    _controls, frames = run_recording_frames(
        writer, keys_at((30, "q"), (31, "y")), width=80, height=24
    )
    first = " ".join(frames[0].replace("\u00a0", " ").split())
    # the flash, at once
    assert (
        "3 bulletins annulés par l'arrêt du poste : faites revoter · 1 réponse anonyme annulée "
        "par l'arrêt du poste : faites répondre de nouveau"
    ) in first, frames[0]
    # under each open prompt, as long as it stays open (the flash has gone by then)
    last = frames[-1].replace("\u00a0", " ")
    lines = last.splitlines()
    budget = next(i for i, line in enumerate(lines) if "Adoptez-vous le budget" in line)
    assert "3 bulletins annulés par l'arrêt du poste : faites revoter" in lines[budget + 1], last
    assert "1 réponse anonyme annulée par l'arrêt du poste" in last
    assert "revoter · " not in last  # the flash is gone: only the lines under the prompts stay


def test_no_void_no_line(tmp_path):
    writer = open_writer(tmp_path, BALLOT)
    writer.record(EventType.segment_started, segment="vote")
    writer.record(EventType.prompt_opened, prompt="budget", segment="vote")
    _controls, frames = run_recording_frames(writer, keys_at((3, "q"), (4, "y")), 80, 24)
    assert not any("annulé" in frame for frame in frames)


def _join_screen(writer: SessionWriter) -> str:
    """What ``seminar join`` prints around the first question it asks (then the participant
    leaves: end of input)."""
    import io

    import pytest
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput
    from rich.console import Console

    from seminar_cli.errors import Interrupted
    from seminar_cli.ui.join_screen import run_join

    participant = SessionWriter(writer.journal, writer.row, writer.clock)
    screen = io.StringIO()
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.close()
        with pytest.raises(Interrupted):
            run_join(participant, None, Console(file=screen, width=100), sleep=lambda _s: None)
    return " ".join(screen.getvalue().replace("\u00a0", " ").split())


def test_join_tells_the_participant_asked_again_that_ballots_were_voided(tmp_path):
    text = _join_screen(_resumed_with_voids(tmp_path, ballots=3, answers=0))
    assert (
        "3 bulletins ont été annulés par l'arrêt du poste de l'animateur : si vous aviez voté, "
        "votez de nouveau."
    ) in text, text


def test_join_says_nothing_of_voids_on_a_prompt_without_any(tmp_path):
    writer = open_writer(tmp_path, BALLOT)
    writer.record(EventType.segment_started, segment="vote")
    writer.record(EventType.prompt_opened, prompt="budget", segment="vote")
    text = _join_screen(writer)
    assert "Vote du budget" in text  # the question was asked
    assert "annulé" not in text
