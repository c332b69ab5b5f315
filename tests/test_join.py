"""``seminar join`` at a participant's keyboard: keys through prompt_toolkit's pipe input, the
facilitator's side played by the test between two polls, and what the journal then holds."""

from __future__ import annotations

import io
import sqlite3
import textwrap
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from rich.console import Console

from seminar_cli import i18n
from seminar_cli.agenda.loader import read_agenda_file
from seminar_cli.agenda.models import Prompt
from seminar_cli.errors import ExitCode, Interrupted
from seminar_cli.journal.events import EventType
from seminar_cli.journal.store import Journal
from seminar_cli.session.join import Joiner, roster_name
from seminar_cli.session.prompter import AskRequest, PromptClosed
from seminar_cli.session.service import SessionSetup, SessionWriter, open_session
from seminar_cli.timer import FakeClock
from seminar_cli.ui.join_screen import run_join
from seminar_cli.ui.prompts import QuestionaryPrompter

DOWN = "\x1b[B"
ENTER = "\r"
CTRL_C = "\x03"

AGENDA = """
title: Co-construisons demain
participants:
  - name: Camille Martin
  - name: Dominique Petit
segments:
  - id: reinventons
    title: Ré-inventons la manière
    duration: 30m
    prompts:
      - id: idee
        question: Quelle idée pour faire alliance ?
        who: open
      - id: format
        question: Quel format préférez-vous ?
        type: choice
        choices: [Atelier, Plénière, Forum ouvert]
        who: open
      - id: tour
        question: Un mot chacun ?
        who: each
      - id: salle
        question: Quorum ?
        type: yesno
        who: room
"""

ANONYMOUS = """
title: Retour anonyme
segments:
  - id: retour
    title: Retour
    duration: 10m
    prompts:
      - id: confiance
        question: Votre confiance ?
        type: rating
        anonymous: true
        who: open
"""


class Facilitator:
    """The facilitator's side: opens and closes prompts, closes the session (own connection)."""

    def __init__(self, tmp_path: Path, agenda: str) -> None:
        path = tmp_path / "agenda.yaml"
        path.write_text(textwrap.dedent(agenda), encoding="utf-8")
        self.path = tmp_path / "journal.sqlite3"
        self.journal = Journal.open(self.path)
        self.clock = FakeClock()
        self.session_id = open_session(
            self.journal, read_agenda_file(path), SessionSetup(), self.clock
        )
        self.writer = SessionWriter(self.journal, self.journal.session(self.session_id), self.clock)
        self.writer.hold_anonymous_key()  # the runner's part: it opens the sealed answers
        segment = self.writer.state.agenda.segments[0]
        self.writer.record(EventType.segment_started, segment=segment.id)

    def open(self, *prompts: str) -> None:
        segment = self.writer.state.agenda.segments[0].id
        for prompt in prompts:
            self.writer.record(EventType.prompt_opened, prompt=prompt, segment=segment)

    def close(self, prompt: str) -> None:
        self.writer.record(EventType.prompt_closed, prompt=prompt)

    def close_session(self) -> None:
        self.writer.record(EventType.session_closed)

    def participant(self) -> SessionWriter:
        """A participant's own connection to the same journal, as in another process."""
        journal = Journal.open(self.path)
        return SessionWriter(journal, journal.session(self.session_id), FakeClock())

    def answers(self) -> list[tuple[str, str | None, Any, str | None]]:
        return [
            (
                e.payload["prompt"],
                e.payload.get("participant"),
                e.payload.get("value"),
                e.payload.get("ref"),
            )
            for e in self.journal.events(self.session_id)
            if e.type == EventType.answer_given
        ]


@pytest.fixture
def facilitator(tmp_path: Path) -> Iterator[Callable[[str], Facilitator]]:
    made: list[Facilitator] = []

    def make(agenda: str = AGENDA) -> Facilitator:
        made.append(Facilitator(tmp_path, agenda))
        return made[-1]

    yield make
    for item in made:
        item.journal.close()


def join(
    writer: SessionWriter,
    name: str | None,
    keys: str,
    between: Callable[[int], None],
) -> str:
    """Run ``run_join`` with typed keys; ``between(n)`` plays the facilitator at the n-th poll."""
    screen = io.StringIO()
    polls = 0

    def sleep(seconds: float) -> None:
        nonlocal polls
        polls += 1
        assert polls < 50, "join never finished"
        between(polls)

    with create_pipe_input() as pipe:
        pipe.send_text(keys)
        with create_app_session(input=pipe, output=DummyOutput()):
            run_join(writer, name, Console(file=screen, width=100), sleep=sleep)
    return screen.getvalue()


def test_join_answers_open_prompts_as_they_open(facilitator):
    f = facilitator()

    def between(poll: int) -> None:
        if poll == 1:
            f.open("idee", "format")
        elif poll == 2:
            f.close_session()

    keys = "camille martin" + ENTER + "Des binômes" + ENTER + DOWN + DOWN + ENTER
    screen = join(f.participant(), None, keys, between)
    assert f.answers() == [
        ("idee", "Camille Martin", "Des binômes", None),
        ("format", "Camille Martin", "Forum ouvert", None),
    ]
    assert "Séance : Co-construisons demain" in screen
    assert "Vous répondez en tant que Camille Martin" in screen  # the roster's spelling
    assert screen.count("✓ Réponse enregistrée.") == 2
    assert "Ré-inventons la manière" in screen
    assert "La séance est terminée. Merci !" in screen
    assert "Réponses envoyées : 2." in screen


def test_each_and_room_prompts_are_not_for_joiners(facilitator):
    f = facilitator()
    f.open("tour", "salle")

    def between(poll: int) -> None:
        if poll == 2:
            f.close_session()

    screen = join(f.participant(), "Camille Martin", "", between)
    assert f.answers() == []
    assert "Un mot chacun" not in screen
    assert "Réponses envoyées : 0." in screen


def test_blank_answer_is_recorded_as_no_answer(facilitator):
    f = facilitator()
    f.open("idee")

    def between(poll: int) -> None:
        f.close_session()

    screen = join(f.participant(), "Dominique Petit", ENTER, between)
    assert f.answers() == [("idee", "Dominique Petit", None, None)]
    assert "pas de réponse à « Quelle idée pour faire alliance ? »" in screen


def test_a_prompt_answered_before_is_not_asked_again(facilitator):
    f = facilitator()
    f.open("idee")
    f.writer.record(
        EventType.answer_given, prompt="idee", participant="Camille Martin", value="déjà"
    )

    def between(poll: int) -> None:
        f.close_session()

    join(f.participant(), "Camille Martin", "", between)
    assert f.answers() == [("idee", "Camille Martin", "déjà", None)]


def test_anonymous_only_asks_no_name_and_stores_none(facilitator):
    f = facilitator(ANONYMOUS)
    f.open("confiance")

    def between(poll: int) -> None:
        f.close_session()

    screen = join(f.participant(), None, DOWN * 3 + ENTER, between)
    assert f.answers() == [("confiance", None, 4, None)]
    assert "Votre nom" not in screen
    assert "Vos réponses sont anonymes" in screen


def test_anonymous_prompt_stores_no_name_even_with_name_given(facilitator):
    f = facilitator(ANONYMOUS)
    f.open("confiance")

    def between(poll: int) -> None:
        f.close_session()

    join(f.participant(), "Camille Martin", ENTER, between)
    assert f.answers() == [("confiance", None, 1, None)]
    events = f.journal.events(f.session_id)
    # the journal knows that Camille answered (so she cannot answer twice), never what:
    # the mark carries no value, the answer no name and no reference, and both were written
    # when the prompt closed, not when she answered
    named = [e for e in events if "Camille" in str(e.payload)]
    assert [(e.type, e.payload) for e in named] == [
        ("answer_marked", {"prompt": "confiance", "participant": "Camille Martin"})
    ]
    (answer,) = [e for e in events if e.type == "answer_given"]
    assert answer.payload == {"prompt": "confiance", "value": 1}
    closing = [e for e in events if e.type == "session_closed"]
    assert answer.at == named[0].at == closing[0].at
    with sqlite3.connect(f.path) as db:  # the value is in no other table either
        assert not db.execute("SELECT * FROM anonymous_pool").fetchall()
        assert not db.execute("SELECT * FROM anonymous_voters").fetchall()


def test_prompt_closing_while_asked_ends_the_question(facilitator):
    f = facilitator()
    f.open("idee")
    participant = f.participant()

    def close_soon() -> None:
        other = Journal.open(f.path)  # the facilitator's process, meanwhile
        writer = SessionWriter(other, other.session(f.session_id), FakeClock())
        writer.record(EventType.prompt_closed, prompt="idee")
        other.close()

    timer = threading.Timer(0.3, close_soon)

    def between(poll: int) -> None:
        f.close_session()

    timer.start()
    try:
        screen = join(participant, "Camille Martin", "à moitié tap", between)
    finally:
        timer.join()
    assert f.answers() == []
    assert "a été fermée avant l'envoi de votre réponse" in screen


def test_ctrl_c_in_a_prompt_then_skip(facilitator):
    f = facilitator()
    f.open("idee", "format")

    def between(poll: int) -> None:
        f.close_session()

    screen = join(f.participant(), "Camille Martin", CTRL_C + ENTER + ENTER, between)
    assert f.answers() == [("format", "Camille Martin", "Atelier", None)]
    assert "Question passée." in screen


def test_ctrl_c_in_a_prompt_then_leave_exits_130_and_keeps_answers(facilitator):
    f = facilitator()
    f.open("idee", "format")
    with pytest.raises(Interrupted) as caught:
        join(
            f.participant(),
            "Camille Martin",
            "oui" + ENTER + CTRL_C + DOWN + ENTER,
            lambda poll: None,
        )
    assert caught.value.exit_code == ExitCode.INTERRUPTED
    assert "Vous avez quitté la séance" in caught.value.message()
    assert f.answers() == [("idee", "Camille Martin", "oui", None)]


def test_ctrl_c_while_waiting_exits_130(facilitator):
    f = facilitator()

    def between(poll: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(Interrupted) as caught:
        join(f.participant(), "Camille Martin", "", between)
    assert caught.value.exit_code == ExitCode.INTERRUPTED


def test_no_open_prompt_in_the_agenda_says_so(facilitator):
    f = facilitator(
        "title: T\nsegments:\n  - title: S\n    duration: 5m\n"
        "    prompts:\n      - id: q\n        question: Q ?\n        who: room\n"
    )
    screen = join(f.participant(), None, "", lambda poll: None)
    assert "aucune question aux participants" in screen


def test_name_is_required_when_asked(facilitator):
    f = facilitator()
    f.open("idee")

    def between(poll: int) -> None:
        f.close_session()

    join(f.participant(), None, ENTER + "   " + ENTER + "Sam" + ENTER + "ok" + ENTER, between)
    assert f.answers() == [("idee", "Sam", "ok", None)]


def test_in_english(facilitator):
    i18n.set_language("en")
    f = facilitator()
    f.open("idee")

    def between(poll: int) -> None:
        f.close_session()

    screen = join(f.participant(), "Sam", "fine" + ENTER, between)
    assert "Session: Co-construisons demain" in screen
    assert "✓ Answer recorded." in screen
    assert "The session is over. Thank you!" in screen


def test_two_participants_answer_the_same_prompt(facilitator):
    f = facilitator()
    f.open("format")
    for name, keys in (("Camille Martin", DOWN + ENTER), ("Dominique Petit", ENTER)):
        joiner = Joiner(f.participant(), name)
        with create_pipe_input() as pipe:
            pipe.send_text(keys)
            with create_app_session(input=pipe, output=DummyOutput()):
                prompter = QuestionaryPrompter(Console(file=io.StringIO()), role="participant")
                prompt = joiner.pending()[0]
                assert joiner.answer(prompt, prompter.ask(AskRequest(prompt, None, name)))
    assert f.answers() == [
        ("format", "Camille Martin", "Plénière", None),
        ("format", "Dominique Petit", "Atelier", None),
    ]


def test_still_open_check_ends_a_question(facilitator):
    checks: list[str] = []

    def still_open(prompt: Prompt) -> bool:
        checks.append(prompt.id)
        return False

    prompter = QuestionaryPrompter(Console(file=io.StringIO()), still_open=still_open)
    prompt = Prompt(id="q", question="Q ?")
    with (
        create_pipe_input() as pipe,
        create_app_session(input=pipe, output=DummyOutput()),
        pytest.raises(PromptClosed),
    ):
        prompter.ask(AskRequest(prompt, None, None))
    assert checks == ["q"]


def test_waiting_line_says_when_the_session_is_interrupted(facilitator):
    f = facilitator()
    seen: list[str] = []

    def between(poll: int) -> None:
        if poll == 1:
            f.writer.record(EventType.session_suspended, reason="quit")
        elif poll == 3:
            f.close_session()

    participant = f.participant()
    screen = io.StringIO()
    console = Console(file=screen, width=120, force_terminal=True, color_system=None)

    def sleep(seconds: float) -> None:
        seen.append(screen.getvalue())
        between(len(seen))

    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        run_join(participant, "Camille Martin", console, sleep=sleep)
    assert "(en cours : Ré-inventons la manière)" in seen[0]
    assert "séance interrompue" in seen[-1]


def test_a_name_typed_without_accents_is_the_rosters_person(facilitator):
    f = facilitator(AGENDA.replace("Dominique Petit", "Inès Benali"))
    f.open("idee")

    def between(poll: int) -> None:
        f.close_session()

    screen = join(f.participant(), None, "ines   BENALI" + ENTER + "ok" + ENTER, between)
    assert "Inès Benali" in screen
    assert f.answers() == [("idee", "Inès Benali", "ok", None)]
    # `join --name` (scripted too) goes through the same Joiner
    assert Joiner(f.participant(), "INES benali").name == "Inès Benali"


def test_roster_name_matching():
    roster = ["Inès Benali", "Camille Martin", "Élodie Perrin", "Elodie Perrin"]
    assert roster_name(roster, "Ines Benali") == "Inès Benali"
    assert roster_name(roster, " inès  benali ") == "Inès Benali"
    assert roster_name(roster, "Sam  Durand") == "Sam Durand"  # nobody: as typed
    assert roster_name(roster, "elodie perrin") == "Elodie Perrin"  # exact (case aside) first
    assert roster_name(["Élodie Perrin", "Elodie Perrin"], "ELODIE perrin") == "Elodie Perrin"
    assert roster_name(["Élodie Perrin", "Elodié Perrin"], "Elodie Perrin") == "Elodie Perrin"
