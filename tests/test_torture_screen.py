"""Hostile text on the live screen: titles, speakers, descriptions and open prompts holding
square brackets (which Rich reads as markup) or emoji codes are shown as typed, in the running
frame, the notes and the re-planning overlay."""

from __future__ import annotations

from seminar_cli.journal.events import EventType
from seminar_cli.session.schedule import propose_replan
from seminar_cli.ui.screen import view_from_state
from tests.live_helpers import frame, open_writer

AGENDA = """\
title: "Séminaire [v2] :fire:"
starts_at: "14:00"
ends_by: "15:20"
segments:
  - id: intro
    title: "Accueil [optionnel]"
    duration: 10m
    speaker: "Camille [cnrs]"
    description: "Voir [b]le fil[/b] :smile:"
    notes: "Rappeler [red]l'heure[/red]"
    prompts:
      - {id: q, question: "Une idée [libre] ?", type: text, who: open}
  - id: expose
    title: "Exposé [link=https://evil.example]clic[/link]"
    duration: 30m
  - id: atelier
    title: "Atelier [bold]B[/bold]"
    duration: 30m
  - id: cloture
    title: Clôture
    duration: 10m
    fixed: true
"""


def test_square_brackets_and_emoji_codes_stay_text_on_the_live_screen(tmp_path):
    writer = open_writer(tmp_path, AGENDA)
    writer.record(EventType.segment_started, segment="intro")
    writer.record(EventType.prompt_opened, prompt="q", segment="intro")
    writer.clock.advance(60)  # type: ignore[attr-defined]
    text = frame(view_from_state(writer.state, writer.clock.now()), 120, 30)
    for typed in (
        "Séminaire [v2] :fire:",
        "Accueil [optionnel]",
        "Camille [cnrs]",
        "Voir [b]le fil[/b] :smile:",
        "Exposé [link=https://evil.example]clic[/link]",
    ):
        assert typed in text, typed
    notes = frame(view_from_state(writer.state, writer.clock.now(), show_notes=True), 120, 30)
    assert "Rappeler [red]l'heure[/red]" in notes

    writer.clock.advance(1200)  # type: ignore[attr-defined]  (20 min over: a re-plan)
    proposal = propose_replan(writer.state, writer.clock.now())
    assert proposal is not None
    overlay = frame(
        view_from_state(writer.state, writer.clock.now(), overlay="replan", proposal=proposal),
        120,
        30,
    )
    assert "Exposé [link=https://evil.example]clic[/link]" in overlay
    assert "Atelier [bold]B[/bold]" in overlay
