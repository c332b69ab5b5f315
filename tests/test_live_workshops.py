"""The plenary live screen during a segment split into workshops (#16, before `seminar
workshop` exists): it counts the segment down as any other and lists the workshops with their
rooms and facilitators, where people go; the workshops' own prompts are not asked there."""

from __future__ import annotations

from seminar_cli import i18n
from seminar_cli.journal.events import EventType
from seminar_cli.ui.screen import view_from_state
from tests.live_helpers import frame, open_writer

AGENDA = """\
title: Séminaire test
segments:
  - id: ateliers
    title: Ateliers du matin
    kind: workshop
    duration: 30m
    description: Deux salles, une question commune.
    prompts:
      - id: commune
        question: Une idée pour demain ?
    workshops:
      - id: nord
        title: Atelier nord
        facilitator: Claire Dubois
        room: Salle Agora
        prompts:
          - id: nord-q
            question: Une question du nord ?
      - id: sud
        title: Atelier sud
        room: Salle Jardin
  - id: restitution
    title: Restitution
    kind: restitution
    duration: 10m
"""


def view(tmp_path):
    writer = open_writer(tmp_path, AGENDA)
    writer.record(EventType.segment_started, segment="ateliers")
    writer.record(EventType.prompt_opened, prompt="commune")
    writer.clock.advance(65)  # type: ignore[attr-defined]
    return view_from_state(writer.state, writer.clock.now())


def test_the_plenary_screen_lists_the_workshops_and_their_rooms_at_120x35(tmp_path):
    text = frame(view(tmp_path), 120, 35)
    lines = text.split("\n")
    assert len(lines) == 35 and all(len(line) <= 120 for line in lines)
    assert "reste 28:55 sur 30:00" in text  # counted down as any segment
    at = next(i for i, line in enumerate(lines) if "2 ateliers en parallèle :" in line)
    assert lines[at + 1].strip() == "◆ Atelier nord : Salle Agora · animé par Claire Dubois"
    assert lines[at + 2].strip() == "◆ Atelier sud : Salle Jardin"
    assert lines[at + 3].strip() == "Deux salles, une question commune."
    # the segment's own prompt is open in plenary; the workshop's is not
    assert "Une idée pour demain ?" in text
    assert "Une question du nord ?" not in text


def test_in_english_and_at_80x24_the_workshops_come_before_the_description(tmp_path):
    i18n.set_language("en")
    try:
        text = frame(view(tmp_path), 80, 24)
    finally:
        i18n.set_language("fr")
    assert "2 parallel workshops:" in text
    assert "◆ Atelier nord: Salle Agora · led by Claire Dubois" in text
    assert "◆ Atelier sud: Salle Jardin" in text
    assert text.index("◆ Atelier sud") < text.index("Deux salles, une question commune.")
