"""The room's results on the live screen (issue #12 points 3 and 4): one result at a time, the
latest first, its verdict always visible, every key in the footer, labels as wide as the screen
allows; ← → page through the earlier ones."""

from __future__ import annotations

from typing import Any

from seminar_cli.session.prompter import AskRequest
from seminar_cli.session.runner import Runner
from seminar_cli.ui.live import LiveControls
from tests.live_helpers import (
    ScriptedKeys,
    keys_at,
    open_writer,
    recording_console,
    run_recording_frames,
)

LONG = "Outiller les chefs de projet sectoriels pour la transition écologique des territoires"

VOTES = f"""\
title: Assemblée
segments:
  - id: votes
    title: Délibérations
    duration: 20m
    description: Les résolutions de l'année, présentées par le bureau.
    prompts:
      - id: budget
        question: Adoptez-vous le budget ?
        type: vote
        who: room
      - id: priorite
        question: Quelle priorité pour l'an prochain ?
        type: choice
        choices: ["{LONG}", "Rien"]
        who: room
  - id: fin
    title: Clôture
    duration: 5m
"""


class RoomPrompter:
    def ask(self, request: AskRequest) -> Any:
        if request.prompt.id == "budget":
            return {"pour": 14, "contre": 3, "abstention": 2}
        return LONG

    def ask_name(self, prompt: Any) -> str | None:
        return None


def run_frames(tmp_path, script, width: int, height: int) -> list[str]:
    writer = open_writer(tmp_path, VOTES)
    _controls, frames = run_recording_frames(
        writer, keys_at(*script), width, height, RoomPrompter()
    )
    return frames


def test_the_latest_result_alone_then_the_vote_with_its_verdict_at_80x24(tmp_path):
    frames = run_frames(tmp_path, [(5, "p"), (6, "left"), (7, "right"), (8, ("q", "y"))], 80, 24)
    with_results = [f for f in frames if "autres résultats" in f]
    after_p, paged_back, paged_forward = with_results[:3]
    # the latest result (asked last) is the one shown, alone, whole
    assert "Quelle priorité" in after_p
    assert "Adoptez-vous le budget" not in after_p
    assert "autres résultats (2/2)" in after_p
    # ← shows the vote: its figures and its verdict, never cut
    assert "Adoptez-vous le budget" in paged_back
    assert "Quelle priorité" not in paged_back
    assert "Résolution adoptée" in paged_back
    assert "╰" in paged_back.split("Résolution adoptée")[1]  # the panel's end is on screen
    assert "autres résultats (1/2)" in paged_back
    assert "Quelle priorité" in paged_forward
    for shown in (after_p, paged_back):
        lines = shown.split("\n")
        assert len(lines) == 24
        footer = " · ".join(lines[-3:])  # the keys, on as many lines as 80 columns need
        for key in ("p questions", "f notes", "a présences", "q quitter", "Entrée : masquer"):
            assert key in footer, (key, footer)
        assert "EN COURS" in shown  # the time is still there


def test_choice_labels_use_the_width_of_the_screen(tmp_path):
    frames = run_frames(tmp_path, [(5, "p"), (6, ("q", "y"))], 200, 50)
    shown = next(f for f in frames if "Quelle priorité" in f)
    assert LONG in shown  # whole, not « Outiller les chefs de projet sectori… »
    assert "1 · 100 %" in shown


CLOSING = """\
title: Assemblée
segments:
  - id: debut
    title: Ouverture
    duration: 5m
  - id: cloture
    title: Clôture
    duration: 10m
    prompts:
      - id: budget
        question: Adoptez-vous le budget ?
        type: vote
        who: room
"""


def test_n_on_the_last_segment_asks_first_then_shows_the_closing_results(tmp_path):
    writer = open_writer(tmp_path, CLOSING)
    script = keys_at(
        (5, "n"),  # to the last segment
        (6, "n"),  # the last segment: asks for a confirmation
        (7, "escape"),  # ... refused: the seminar goes on
        (8, "n"),
        (9, "y"),  # confirmed: the vote is asked, the session closes
        (10, "enter"),  # the closing results are closed by the facilitator
    )
    keys = ScriptedKeys(writer.clock, script)  # type: ignore[arg-type]
    console = recording_console(80, 24)
    controls = LiveControls(console=console, keys=keys)
    with controls:
        Runner(writer, controls, RoomPrompter(), auto_advance=False).run()
    screen = console.file.getvalue()  # type: ignore[attr-defined]
    types = [str(e.type) for e in writer.journal.events(writer.session_id)]
    assert types.count("segment_ended") == 2
    assert types[-1] == "session_closed"
    assert "Dernier segment : terminer le séminaire ?" in screen
    assert "y ou Entrée : terminer le séminaire · Échap ou n : continuer" in screen
    # the Escape kept the seminar going: a frame of the last segment after the question
    asked = screen.index("Dernier segment : terminer le séminaire ?")
    assert "Clôture" in screen[asked:]
    closing = screen[screen.rindex("Séminaire terminé") :]
    assert "Adoptez-vous le budget ?" in closing
    assert "Résolution adoptée" in closing
    assert "Entrée : fermer l'écran" in closing
    assert not keys.script  # every key was used: the last one closed the screen


MANY = """\
title: Atelier
segments:
  - id: idees
    title: Idées
    duration: 20m
    prompts:
      - id: sujets
        question: Quels sujets creuser ?
        type: multi
        choices: [Jeunes, Territoires, Entreprises, Santé, Culture, Sport, Emploi, Climat,
                  Logement, Mobilité, Numérique, Alimentation]
        who: room
  - id: fin
    title: Clôture
    duration: 5m
"""


class ManyPrompter:
    def ask(self, request: AskRequest) -> Any:
        return list(request.prompt.choices)

    def ask_name(self, prompt: Any) -> str | None:
        return None


def test_a_result_too_tall_for_80x24_says_how_many_lines_it_hides(tmp_path):
    """Found in a rehearsal: the bars in the middle of a tall result went missing silently."""
    writer = open_writer(tmp_path, MANY)
    _controls, frames = run_recording_frames(
        writer, keys_at((5, "p"), (6, ("q", "y"))), 80, 24, ManyPrompter()
    )
    shown = next(f for f in frames if "Quels sujets creuser" in f and "Jeunes" in f)
    assert len(shown.split("\n")) == 24
    assert "lignes de résultats masquées : agrandissez le terminal" in shown
    tall = next(
        f
        for f in run_recording_frames(
            open_writer(tmp_path / "big", MANY),
            keys_at((5, "p"), (6, ("q", "y"))),
            200,
            50,
            ManyPrompter(),
        )[1]
        if "Quels sujets creuser" in f and "Jeunes" in f
    )
    assert "masquée" not in tall and "Alimentation" in tall  # room enough: every bar, no notice


def test_an_assemblys_last_segment_asks_to_end_the_assembly_not_the_seminar(tmp_path):
    """Found in the AG rehearsal: the last segment of an assembly asked « terminer le
    séminaire ? » and its closing screen said « Séminaire terminé »."""
    writer = open_writer(
        tmp_path, CLOSING.replace("segments:", "assembly:\n  quorum: 0\nsegments:")
    )
    keys = ScriptedKeys(writer.clock, keys_at((5, "n"), (6, "n"), (7, "y"), (8, "enter")))  # type: ignore[arg-type]
    console = recording_console(80, 24)
    controls = LiveControls(console=console, keys=keys)
    with controls:
        Runner(writer, controls, RoomPrompter(), auto_advance=False).run()
    screen = console.file.getvalue()  # type: ignore[attr-defined]
    assert "Dernier point de l'ordre du jour : terminer l'assemblée ?" in screen
    assert "y ou Entrée : terminer l'assemblée · Échap ou n : continuer" in screen
    assert "Assemblée terminée" in screen
    assert "séminaire" not in screen.lower()
    assert not keys.script
