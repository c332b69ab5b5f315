"""What the room sees on the projected terminal during ``seminar start`` (issue #12): a real
terminal of a given size (tmux), the screen captured as text."""

from __future__ import annotations

import shlex
import textwrap
from pathlib import Path

import pytest

from tests.agendas import OFFICE_MEETING
from tests.conftest import seminar_cmd, subprocess_env
from tests.tmux_helpers import Tmux

PIP_LOG = "Successfully installed seminar-cli-0.1 rich-15.0.0 SECRET-SCROLLBACK"


@pytest.fixture
def room(tmp_path: Path):
    terminals: list[Tmux] = []

    def open_room(agenda: str, width: int, height: int, *extra: str) -> Tmux:
        (tmp_path / "agenda.yaml").write_text(textwrap.dedent(agenda), encoding="utf-8")
        env = subprocess_env(tmp_path)
        env.pop("COLUMNS", None)
        command = [
            *seminar_cmd(),
            "start",
            "agenda.yaml",
            "--place",
            "Paris",
            "--facilitator",
            "Alex",
            "--secretary",
            "Sam",
            *extra,
        ]
        # the terminal's history before the session: it must never reach the projector
        script = f"printf '%s\\n' {shlex.quote(PIP_LOG)}; " + shlex.join(command)
        tmux = Tmux(tmp_path, width, height)
        terminals.append(tmux)
        tmux.start(script, env, tmp_path)
        return tmux

    yield open_room
    for tmux in terminals:
        tmux.close()


def test_a_round_and_attendance_stay_on_the_applications_screen(room) -> None:
    tmux = room(OFFICE_MEETING, 80, 24)
    screen = tmux.wait_for("Bruno Petit")  # the setup's attendance
    assert PIP_LOG not in screen
    tmux.send("Enter")
    tmux.wait_for("EN COURS")
    tmux.send("p")
    screen = tmux.wait_for("Ana Lopez (1/2)", "moyen")
    assert PIP_LOG not in screen
    tmux.send("Enter")
    screen = tmux.wait_for("Bruno Petit (2/2)")
    assert PIP_LOG not in screen
    assert "Ana Lopez (1/2)" not in screen  # each turn on a blank screen
    tmux.send("Enter")
    screen = tmux.wait_for("EN COURS", "Comment ça va ?")
    assert PIP_LOG not in screen
    tmux.send("a")
    screen = tmux.wait_for("Qui arrive ou qui part ?")
    assert PIP_LOG not in screen
    tmux.send("Enter")  # no name typed: back to the screen
    screen = tmux.wait_for("EN COURS")
    assert PIP_LOG not in screen
    tmux.send("q")
    tmux.wait_for("quitter")
    tmux.send("y")
    # the session over, the terminal is the user's again, history included
    tmux.wait_for(PIP_LOG, "seminar resume")


def test_a_round_shows_its_way_out_and_a_skipped_prompt_is_asked_again_with_p(
    room, tmp_path: Path
) -> None:
    tmux = room(OFFICE_MEETING, 80, 24)
    tmux.wait_for("Bruno Petit")
    tmux.send("Enter")
    tmux.wait_for("EN COURS")
    tmux.send("?")
    tmux.wait_for("Ctrl-C", "pendant une question : la passer (p la pose à nouveau)")
    tmux.send("x")  # closes the help
    tmux.wait_for("EN COURS", absent=["pendant une question"])
    tmux.send("p")
    tmux.wait_for("Au tour d'Ana Lopez (1/2)  · Ctrl-C : passer la question ou arrêter")
    tmux.send("Enter")  # bien
    tmux.wait_for("Au tour de Bruno Petit (2/2)")
    tmux.send("C-c")
    tmux.wait_for("Passer cette question")
    tmux.send("Enter")  # skip it for now
    # back on the live screen: the prompt is still to ask, and p asks it of Bruno only
    tmux.wait_for("EN COURS", "p : poser la question de ce segment (1)")
    tmux.send("p")
    tmux.wait_for("Au tour de Bruno Petit (1/1)")
    tmux.send("Enter")
    tmux.wait_for("EN COURS", "2 · 100 %")
    tmux.send("q")
    tmux.wait_for("quitter")
    tmux.send("y")
    tmux.wait_for("seminar resume")
    from seminar_cli.journal.store import Journal

    with Journal.open(tmp_path / "journal.sqlite3", create=False) as journal:
        (row,) = journal.sessions()
        events = [(e.type, e.payload) for e in journal.events(row.id)]
    answers = [(p["participant"], p["value"]) for k, p in events if k == "answer_given"]
    assert answers == [("Ana Lopez", "bien"), ("Bruno Petit", "bien")]
    assert [p for k, p in events if k == "prompt_closed"] == [{"prompt": "humeur"}]
