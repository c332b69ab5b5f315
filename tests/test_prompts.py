"""Every prompt type asked at the facilitator's keyboard, keys typed through prompt_toolkit's
pipe input, and what the journal then holds (a Runner on a FakeClock, no screen)."""

from __future__ import annotations

import io
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.data_structures import Size
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from prompt_toolkit.output.vt100 import Vt100_Output
from rich.console import Console

from seminar_cli import i18n
from seminar_cli.agenda.loader import read_agenda_file
from seminar_cli.journal.events import EventType
from seminar_cli.journal.store import Journal
from seminar_cli.session.prompter import StopSession
from seminar_cli.session.runner import HeadlessControls, Runner
from seminar_cli.session.service import SessionSetup, SessionWriter, open_session
from seminar_cli.timer import FakeClock
from seminar_cli.ui.prompts import QuestionaryPrompter, ordinal

DOWN = "\x1b[B"
UP = "\x1b[A"
ENTER = "\r"
SPACE = " "
CTRL_C = "\x03"
ALT_ENTER = "\x1b\r"

ROSTER = """
participants:
  - name: Camille Martin
  - name: Dominique Petit
"""


class Session:
    """A session of a small agenda written by the test, run with typed keys."""

    def __init__(self, tmp_path: Path, agenda: str) -> None:
        path = tmp_path / "agenda.yaml"
        path.write_text(textwrap.dedent(agenda), encoding="utf-8")
        loaded = read_agenda_file(path)
        self.journal = Journal.open(tmp_path / "journal.sqlite3")
        clock = FakeClock()
        session_id = open_session(self.journal, loaded, SessionSetup(), clock)
        self.writer = SessionWriter(self.journal, self.journal.session(session_id), clock)
        self.screen = io.StringIO()
        self.controls = HeadlessControls()

    def absent(self, name: str) -> None:
        self.writer.record(EventType.attendance, participant=name, status="absent")

    def run(self, keys: str, output: Any = None) -> None:
        prompter = QuestionaryPrompter(Console(file=self.screen, width=100))
        runner = Runner(self.writer, self.controls, prompter, auto_advance=True)
        with create_pipe_input() as pipe:
            pipe.send_text(keys)
            with create_app_session(input=pipe, output=output or DummyOutput()):
                runner.run()

    def answers(self, prompt: str | None = None) -> list[tuple[str | None, Any]]:
        rows = []
        for event in self.journal.events(self.writer.session_id):
            if event.type == EventType.answer_given and (
                prompt is None or event.payload["prompt"] == prompt
            ):
                rows.append((event.payload.get("participant"), event.payload.get("value")))
        return rows

    def types(self) -> list[str]:
        return [e.type for e in self.journal.events(self.writer.session_id)]


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Any]:
    made: list[Session] = []

    def make(agenda: str) -> Session:
        made.append(Session(tmp_path, agenda))
        return made[-1]

    yield make
    for item in made:
        item.journal.close()


def one_prompt(prompt: str, roster: bool = True) -> str:
    """An agenda of one segment holding one prompt (given as YAML lines)."""
    body = textwrap.indent(textwrap.dedent(prompt).strip(), " " * 8)
    return (
        "title: Test\n"
        + (textwrap.dedent(ROSTER) if roster else "")
        + "segments:\n"
        + "  - title: Relisons notre histoire\n"
        + "    duration: 5m\n"
        + "    prompts:\n"
        + body.replace(" " * 8, "      - ", 1)
        + "\n"
    )


CASES = [
    pytest.param(
        "id: q\nquestion: Un moment ?\ntype: text\nwho: each",
        "Le forum de 2015" + ENTER + "   " + ENTER,
        ["Le forum de 2015", None],
        id="text-and-blank-is-no-answer",
    ),
    pytest.param(
        "id: q\nquestion: Racontez\ntype: long_text\nwho: each",
        "ligne 1" + ENTER + "ligne 2" + ALT_ENTER + "seule" + ALT_ENTER,
        ["ligne 1\nligne 2", "seule"],
        id="long_text-several-lines",
    ),
    pytest.param(
        "id: q\nquestion: Format ?\ntype: choice\nchoices: [Atelier, Plénière, Forum]\nwho: each",
        DOWN + DOWN + ENTER + ENTER,
        ["Forum", "Atelier"],
        id="choice-arrow-keys",
    ),
    pytest.param(
        "id: q\nquestion: Format ?\ntype: choice\nchoices: [Atelier, Forum]\nwho: each",
        DOWN + DOWN + ENTER + UP + ENTER,
        [None, None],
        id="choice-no-answer-entry",
    ),
    pytest.param(
        "id: q\nquestion: Lesquels ?\ntype: multi\nchoices: [A, B, C]\nwho: each",
        SPACE + DOWN + DOWN + SPACE + ENTER + ENTER,
        [["A", "C"], None],
        id="multi-checkbox",
    ),
    pytest.param(
        "id: q\nquestion: Note ?\ntype: rating\nlabels: {1: Pas du tout, 4: Plutôt}\nwho: each",
        DOWN * 3 + ENTER + ENTER,
        [4, 1],
        id="rating-scale",
    ),
    pytest.param(
        "id: q\nquestion: Note ?\ntype: rating\nmin: 0\nmax: 10\nwho: each",
        UP + UP + ENTER + DOWN * 7 + ENTER,
        [10, 7],
        id="rating-0-to-10",
    ),
    pytest.param(
        "id: q\nquestion: D'accord ?\ntype: yesno\nwho: each",
        ENTER + DOWN + ENTER,
        ["oui", "non"],
        id="yesno",
    ),
    pytest.param(
        "id: q\nquestion: Trois mots ?\ntype: words\nwho: each",
        "Alliance,  Jeunes  Leaders ; Équité" + ENTER + "alliance" + ENTER,
        [["Alliance", "Jeunes Leaders", "Équité"], ["alliance"]],  # the case typed is kept
        id="words-normalised",
    ),
    pytest.param(
        "id: q\nquestion: Priorités ?\ntype: ranking\nchoices: [A, B, C]\nwho: each",
        DOWN + ENTER + DOWN + ENTER + ENTER + ENTER,
        [["B", "C", "A"], ["A", "B", "C"]],
        id="ranking-successive-selects",
    ),
    pytest.param(
        "id: q\nquestion: Résolution 1\ntype: vote\nwho: each",
        DOWN + ENTER + DOWN * 3 + ENTER,
        ["contre", "blanc"],
        id="vote-ballots",
    ),
]


@pytest.mark.parametrize(("prompt", "keys", "values"), CASES)
def test_each_type_in_a_tour_de_table(session, prompt: str, keys: str, values: list[Any]):
    s = session(one_prompt(prompt))
    s.run(keys)
    assert s.answers("q") == [("Camille Martin", values[0]), ("Dominique Petit", values[1])]
    screen = s.screen.getvalue()
    assert "Relisons notre histoire" in screen
    assert "Au tour de Camille Martin (1/2)" in screen
    assert "Au tour de Dominique Petit (2/2)" in screen
    assert s.types()[-1] == EventType.session_closed


def test_room_vote_is_a_show_of_hands_tally(session):
    s = session(one_prompt("id: q\nquestion: Approbation des comptes\ntype: vote\nwho: room"))
    s.run("7" + ENTER + "2" + ENTER + ENTER + "1" + ENTER)
    assert s.answers("q") == [(None, {"pour": 7, "contre": 2, "abstention": 0, "blanc": 1})]
    assert "Réponse de la salle" in s.screen.getvalue()


def test_room_tally_refuses_what_is_not_a_number(session):
    s = session(one_prompt("id: q\nquestion: Approbation\ntype: vote\nwho: room"))
    s.run("sept" + ENTER + "\x7f" * 4 + "7" + ENTER + ENTER + ENTER + ENTER)
    assert s.answers("q") == [(None, {"pour": 7, "contre": 0, "abstention": 0, "blanc": 0})]


def test_room_tally_left_blank_is_no_answer(session):
    s = session(one_prompt("id: q\nquestion: Approbation\ntype: vote\nwho: room"))
    s.run(ENTER * 4)
    assert s.answers("q") == [(None, None)]


def test_room_prompt_is_asked_once(session):
    s = session(one_prompt("id: q\nquestion: Quorum ?\ntype: yesno\nwho: room\nrequired: true"))
    s.run(ENTER)
    assert s.answers("q") == [(None, "oui")]


def test_required_text_is_asked_again(session):
    s = session(one_prompt("id: q\nquestion: Votre idée ?\nrequired: true\nwho: each"))
    s.run(ENTER + "  " + ENTER + "\x7f\x7f" + "une idée" + ENTER + "autre" + ENTER)
    assert s.answers("q") == [("Camille Martin", "une idée"), ("Dominique Petit", "autre")]


def test_required_choice_offers_no_empty_entry(session):
    s = session(
        one_prompt(
            "id: q\nquestion: Format ?\ntype: choice\nchoices: [A, B]\nrequired: true\nwho: each"
        )
    )
    s.run(DOWN + DOWN + ENTER + DOWN + ENTER)  # the list wraps round: no "(no answer)" entry
    assert s.answers("q") == [("Camille Martin", "A"), ("Dominique Petit", "B")]


def test_required_multi_wants_a_pick_and_respects_min_max(session):
    s = session(
        one_prompt(
            "id: q\nquestion: Deux ?\ntype: multi\nchoices: [A, B, C]\nmin: 2\nmax: 2\n"
            "required: true\nwho: each"
        )
    )
    keys = (
        ENTER  # nothing ticked: refused
        + SPACE
        + ENTER  # one: refused
        + DOWN
        + SPACE
        + DOWN
        + SPACE
        + ENTER  # three: refused
        + SPACE
        + ENTER  # untick C: A and B
        + DOWN
        + SPACE
        + DOWN
        + SPACE
        + ENTER
    )
    s.run(keys)
    assert s.answers("q") == [("Camille Martin", ["A", "B"]), ("Dominique Petit", ["B", "C"])]


def test_too_many_words_are_refused_in_place(session):
    s = session(one_prompt("id: q\nquestion: Mots ?\ntype: words\nmax_words: 2\nwho: each"))
    s.run("un, deux, trois" + ENTER + "\x7f" * 7 + ENTER + ENTER)
    assert s.answers("q") == [("Camille Martin", ["un", "deux"]), ("Dominique Petit", None)]


def test_absent_participants_are_skipped(session):
    s = session(one_prompt("id: q\nquestion: Un mot ?\nwho: each"))
    s.absent("Camille Martin")
    s.run("présente" + ENTER)
    assert s.answers("q") == [("Dominique Petit", "présente")]
    assert "Au tour de Dominique Petit (1/1)" in s.screen.getvalue()


def test_anonymous_tour_de_table_stores_no_name(session):
    s = session(
        one_prompt("id: q\nquestion: Confiance ?\ntype: rating\nanonymous: true\nwho: each")
    )
    s.run(DOWN + ENTER + ENTER)
    assert sorted(s.answers("q")) == [(None, 1), (None, 2)]  # written shuffled, at the end
    for event in s.journal.events(s.writer.session_id):
        if event.type == EventType.answer_given:
            assert "Camille" not in str(event.payload)
            assert "Dominique" not in str(event.payload)


def test_without_roster_names_are_asked_until_blank(session):
    s = session(one_prompt("id: q\nquestion: Une attente ?\nwho: each", roster=False))
    s.run(
        "Alice"
        + ENTER
        + "du concret"
        + ENTER
        + "  Bob   Durand "
        + ENTER
        + "du temps"
        + ENTER
        + ENTER
    )
    assert s.answers("q") == [("Alice", "du concret"), ("Bob Durand", "du temps")]
    assert "Au tour de Bob Durand" in s.screen.getvalue()


def test_without_roster_anonymous_asks_no_name(session):
    s = session(
        one_prompt("id: q\nquestion: Une crainte ?\nanonymous: true\nwho: each", roster=False)
    )
    s.run(ENTER + "aucune" + ENTER + ENTER + "le temps" + ENTER + DOWN + ENTER)
    # a secret round is written shuffled at its end: compare without order
    assert sorted(s.answers("q")) == [(None, "aucune"), (None, "le temps")]


def test_ctrl_c_then_skip_keeps_earlier_answers_and_skips_for_everyone(session):
    s = session(
        one_prompt("id: q\nquestion: Un mot ?\nwho: each")
        + "      - id: r\n        question: Et ensuite ?\n        who: each\n"
    )
    s.run("premier" + ENTER + "à moit" + CTRL_C + ENTER + "suite" + ENTER + "fin" + ENTER)
    assert s.answers("q") == [("Camille Martin", "premier")]
    assert s.answers("r") == [("Camille Martin", "suite"), ("Dominique Petit", "fin")]
    assert s.types()[-1] == EventType.session_closed


def test_ctrl_c_then_continue_asks_again(session):
    s = session(one_prompt("id: q\nquestion: Un mot ?\nwho: each"))
    s.run("a" + CTRL_C + DOWN + DOWN + ENTER + "b" + ENTER + "c" + ENTER)
    assert s.answers("q") == [("Camille Martin", "b"), ("Dominique Petit", "c")]


def test_ctrl_c_then_stop_suspends_the_session_and_keeps_answers(session):
    s = session(one_prompt("id: q\nquestion: Format ?\ntype: choice\nchoices: [A, B]\nwho: each"))
    with pytest.raises(StopSession):
        s.run(DOWN + ENTER + CTRL_C + DOWN + ENTER)
    assert s.answers("q") == [("Camille Martin", "B")]
    events = s.journal.events(s.writer.session_id)
    assert events[-1].type == EventType.session_suspended
    assert events[-1].payload["reason"] == "interrupt"


def test_ctrl_c_twice_stops(session):
    s = session(one_prompt("id: q\nquestion: Un mot ?\nwho: each"))
    with pytest.raises(StopSession):
        s.run(CTRL_C + CTRL_C)
    assert s.answers("q") == []


def test_description_and_resolution_text_are_shown(session):
    s = session(
        one_prompt(
            "id: q\nquestion: Approbation\ntype: vote\nwho: room\n"
            "description: Vote à main levée\ntext: L'assemblée approuve [les comptes]."
        )
    )
    s.run(ENTER * 4)
    screen = s.screen.getvalue()
    assert "Vote à main levée" in screen
    assert "L'assemblée approuve [les comptes]." in screen  # not taken as markup


def _visible(keys: str, session: Any, prompt: str) -> str:
    s = session(one_prompt(prompt))
    out = io.StringIO()
    output = Vt100_Output(out, lambda: Size(rows=30, columns=100), term="xterm")
    s.run(keys, output=output)
    return out.getvalue()


def test_vote_options_are_translated_on_screen(session):
    text = _visible(ENTER + ENTER, session, "id: q\nquestion: Résolution\ntype: vote\nwho: each")
    for label in ("pour", "contre", "abstention", "blanc", "(pas de réponse)", "↑↓ puis Entrée"):
        assert label in text


def test_english_labels_on_screen(session):
    i18n.set_language("en")
    text = _visible(
        DOWN + ENTER + ENTER,
        session,
        "id: q\nquestion: Resolution\ntype: vote\nwho: each",
    )
    for label in ("for", "against", "abstain", "blank", "(no answer)"):
        assert label in text


def test_rating_labels_and_multi_hint_on_screen(session):
    text = _visible(
        ENTER + ENTER,
        session,
        "id: q\nquestion: Note ?\ntype: rating\nlabels: {4: Plutôt, 5: Tout à fait}\nwho: each",
    )
    assert "4 — Plutôt" in text
    assert "5 — Tout à fait" in text
    text = _visible(
        SPACE + ENTER + SPACE + ENTER,
        session,
        "id: r\nquestion: Lesquels ?\ntype: multi\nchoices: [A, B, C]\nmax: 2\nwho: each",
    )
    assert "jusqu'à 2 choix" in text


def test_ordinals():
    assert [ordinal(n) for n in (1, 2, 3)] == ["1re", "2e", "3e"]
    i18n.set_language("en")
    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 21)] == [
        "1st",
        "2nd",
        "3rd",
        "4th",
        "11th",
        "12th",
        "21st",
    ]


def test_wide_rating_scale_is_typed_as_a_number(session):
    s = session(one_prompt("id: q\nquestion: Sur 20 ?\ntype: rating\nmin: 0\nmax: 20\nwho: each"))
    s.run("21" + ENTER + "\x7f\x7f" + "17" + ENTER + ENTER)
    assert s.answers("q") == [("Camille Martin", 17), ("Dominique Petit", None)]


def test_ctrl_c_at_who_answers_then_skip_ends_the_round(session):
    s = session(one_prompt("id: q\nquestion: Une attente ?\nwho: each", roster=False))
    s.run("Alice" + ENTER + "du concret" + ENTER + CTRL_C + ENTER)
    assert s.answers("q") == [("Alice", "du concret")]
    assert s.types()[-1] == EventType.session_closed


def test_ctrl_c_at_who_answers_then_stop(session):
    s = session(one_prompt("id: q\nquestion: Une attente ?\nwho: each", roster=False))
    with pytest.raises(StopSession):
        s.run(CTRL_C + DOWN + ENTER)


def test_an_empty_multi_is_refused_when_one_pick_is_the_rule(session):
    prompt = (
        "id: q\nquestion: Lesquels ?\ntype: multi\nchoices: [A, B, C]\nmin: 1\nmax: 3\nwho: each"
    )
    s = session(one_prompt(prompt))
    # a reflexive Enter on nothing ticked is refused, the question stays
    s.run(ENTER + SPACE + ENTER + ENTER + DOWN + SPACE + ENTER)
    assert s.answers("q") == [("Camille Martin", ["A"]), ("Dominique Petit", ["B"])]


def test_a_ranking_shows_its_question_above_its_steps(session):
    s = session(
        one_prompt(
            "id: q\nquestion: Vos priorités pour 2027 ?\ntype: ranking\nchoices: [A, B, C]\n"
            "who: each"
        )
    )
    s.run(ENTER + ENTER + ENTER + ENTER)
    assert s.screen.getvalue().count("Vos priorités pour 2027 ?") == 2  # once per participant
    assert s.answers("q") == [
        ("Camille Martin", ["A", "B", "C"]),
        ("Dominique Petit", ["A", "B", "C"]),
    ]


def test_a_ticked_list_says_what_was_ticked_in_french(session):
    """questionary wrote « done (2 selections) » in English under a French question."""
    text = _visible(
        SPACE + DOWN + SPACE + ENTER + ENTER,
        session,
        "id: q\nquestion: Lesquels ?\ntype: multi\nchoices: [A, B, C]\nwho: each",
    )
    assert "2 choix cochés" in text and "aucun choix" in text
    assert "done" not in text and "selections" not in text
