"""The results shown to the room when a prompt closes (PRODUCT §3): what the room reads."""

from __future__ import annotations

import io
from datetime import datetime
from typing import Any

import pytest
from rich.console import Console

from seminar_cli import i18n
from seminar_cli.agenda.models import Assembly, Majority, Prompt
from seminar_cli.journal.state import AnswerRecord
from seminar_cli.ui.results import render_results

AT = datetime(2026, 11, 26, 14, 0).astimezone()


def _prompt(**fields: Any) -> Prompt:
    fields.setdefault("id", "q")
    fields.setdefault("question", "La question ?")
    return Prompt.model_validate(fields)


def _answers(prompt: Prompt, values: list[Any], named: bool = True) -> list[AnswerRecord]:
    return [
        AnswerRecord(prompt.id, f"Personne {i}" if named else None, value, AT)
        for i, value in enumerate(values, start=1)
    ]


def _screen(prompt: Prompt, values: list[Any], assembly: Assembly | None = None) -> str:
    renderable = render_results(prompt, _answers(prompt, values), assembly)
    assert renderable is not None
    buffer = io.StringIO()
    console = Console(file=buffer, width=80, force_terminal=True, color_system=None)
    console.print(renderable)
    return buffer.getvalue()


def _row(screen: str, label: str) -> str:
    for line in screen.splitlines():
        if line.startswith("│ " + label):
            return line
    raise AssertionError(f"no row {label!r} in\n{screen}")


def test_choice_shows_a_bar_count_and_percentage_per_choice():
    prompt = _prompt(type="choice", choices=["Atelier", "Plénière", "Forum"])
    screen = _screen(prompt, ["Atelier", "Atelier", "Forum", None])
    assert "La question ?" in screen
    assert "3 réponses" in screen  # a "no answer" is not counted
    assert "2 · 67 %" in _row(screen, "Atelier")
    assert "1 · 33 %" in _row(screen, "Forum")
    assert "0 · 0 %" in _row(screen, "Plénière")
    # the bar of the most chosen is the longest
    assert _row(screen, "Atelier").count("█") > _row(screen, "Forum").count("█") > 0
    assert "█" not in _row(screen, "Plénière")


def test_multi_shares_are_of_the_people_who_answered():
    prompt = _prompt(type="multi", choices=["x", "y", "z"])
    screen = _screen(prompt, [["x", "y"], ["x"]])
    assert "2 · 100 %" in _row(screen, "x")
    assert "1 · 50 %" in _row(screen, "y")


def test_yesno_labels_are_translated():
    prompt = _prompt(type="yesno")
    screen = _screen(prompt, ["oui", "oui", "non"])
    assert "2 · 67 %" in _row(screen, "oui")
    i18n.set_language("en")
    screen = _screen(prompt, ["oui", "oui", "non"])
    assert "2 · 67%" in _row(screen, "yes")
    assert "1 · 33%" in _row(screen, "no")
    assert "3 answers" in screen


def test_vote_counts_ballots_and_says_adopted():
    prompt = _prompt(type="vote", question="Approuvez-vous les comptes 2025 ?")
    screen = _screen(prompt, ["pour", "pour", "contre", "abstention"])
    assert "2 · 50 %" in _row(screen, "pour")
    assert "1 · 25 %" in _row(screen, "contre")
    assert "1 · 25 %" in _row(screen, "abstention")
    assert "Résolution adoptée" in screen


def test_vote_rejected_under_the_assemblys_majority():
    prompt = _prompt(type="vote")
    assembly = Assembly(majority=Majority.two_thirds)
    screen = _screen(prompt, ["pour", "pour", "contre", "contre"], assembly)
    assert "Résolution rejetée" in screen
    i18n.set_language("en")
    screen = _screen(prompt, ["pour", "contre", "contre"])
    assert "Resolution rejected" in screen
    assert "2 · 67%" in _row(screen, "against")


def test_room_tally_counts_hands():
    prompt = _prompt(type="vote", who="room")
    screen = _screen(prompt, [{"pour": 7, "contre": 2, "abstention": 1, "blanc": 0}])
    assert "10 voix" in screen
    assert "7 · 70 %" in _row(screen, "pour")
    assert "Résolution adoptée" in screen


def test_rating_distribution_with_labels_and_mean():
    prompt = _prompt(type="rating", labels={1: "Pas du tout", 4: "Plutôt"})
    screen = _screen(prompt, [4, 5, 4, 2])
    assert "2 · 50 %" in _row(screen, "4 — Plutôt")
    assert "0 · 0 %" in _row(screen, "1 — Pas du tout")
    assert "1 · 25 %" in _row(screen, "5")
    assert "Moyenne : 3,8 (de 1 à 5)" in screen
    i18n.set_language("en")
    assert "Mean: 3.8 (from 1 to 5)" in _screen(prompt, [4, 5, 4, 2])


def test_words_most_frequent_first():
    prompt = _prompt(type="words")
    screen = _screen(prompt, [["alliance", "confiance"], ["alliance", "jeunes"]])
    assert "Mots les plus fréquents" in screen
    lines = [line for line in screen.splitlines() if "█" in line]
    assert "alliance" in lines[0]
    assert lines[0].rstrip(" │").endswith("2")


def test_ranking_by_borda_points():
    prompt = _prompt(type="ranking", choices=["A", "B", "C"])
    screen = _screen(prompt, [["B", "A", "C"], ["B", "C", "A"]])
    assert "4 pts" in _row(screen, "1. B")
    # one point is singular, in French and in English (i18n.plural)
    assert "1 pt" in _row(screen, "2. A")
    assert "1 pt" in _row(screen, "3. C")
    assert "1 pts" not in screen
    assert "Borda" in screen
    i18n.set_language("en")
    screen = _screen(prompt, [["B", "A", "C"], ["B", "C", "A"]])
    assert "4 pts" in _row(screen, "1. B")
    assert "1 pt" in _row(screen, "2. A")
    assert "1 pts" not in screen


def test_text_count_and_latest_answers_are_escaped():
    prompt = _prompt(type="text")
    values = ["premier", "[bold red]piège[/bold red]", "troisième", "quatrième"]
    screen = _screen(prompt, values)
    assert "4 réponses" in screen
    assert "premier" not in screen  # only the last three
    assert "« [bold red]piège[/bold red] » — Personne 2" in screen
    assert "« quatrième » — Personne 4" in screen


def test_long_text_is_flattened_and_shortened():
    prompt = _prompt(type="long_text")
    screen = _screen(prompt, ["ligne un\nligne deux " + "x" * 400])
    flat = "".join(line.strip("│ ") for line in screen.splitlines())
    assert "« ligne un ligne deux" in flat
    assert "x…" in flat
    assert flat.count("x") < 200


def test_anonymous_with_fewer_than_three_answers_is_not_shown():
    prompt = _prompt(type="yesno", anonymous=True)
    assert render_results(prompt, _answers(prompt, ["oui", "non"], named=False), None) is None
    assert render_results(prompt, _answers(prompt, [], named=False), None) is None
    shown = render_results(prompt, _answers(prompt, ["oui", "non", "oui"], named=False), None)
    assert shown is not None


def test_anonymous_texts_never_show_a_name():
    prompt = _prompt(type="text", anonymous=True)
    screen = _screen(prompt, ["a", "b", "c"])
    assert "Personne" not in screen


@pytest.mark.parametrize(
    "kind", ["choice", "vote", "election", "rating", "words", "ranking", "text"]
)
def test_a_prompt_closed_without_answers_says_it_was_skipped_or_not_put_to_the_vote(kind: str):
    """A prompt passed (Ctrl-C « Passer cette question ») and closed with no answer at all: a
    resolution or an election reads « Non mise aux voix » as the PV says, any other prompt
    « question passée », never a bare « Aucune réponse. » (AG rehearsal 2, defect 8)."""
    fields: dict[str, Any] = {"type": kind}
    if kind in ("choice", "ranking"):
        fields["choices"] = ["A", "B"]
    if kind == "election":
        fields.update(candidates=["A", "B"], seats=1)
    prompt = _prompt(**fields)
    screen = " ".join(_screen(prompt, [None]).replace("\u00a0", " ").split())
    voted = kind in ("vote", "election")
    said = "Non mise aux voix." if voted else "Pas de réponse : question passée."
    assert said in screen
    assert "Aucune réponse" not in screen
    i18n.set_language("en")
    screen = " ".join(_screen(prompt, []).split())
    assert ("Not put to the vote." if voted else "No answer: question skipped.") in screen
    assert "réponses" not in screen
