"""The minutes say how many anonymous answers a workshop's crash voided (PRODUCT §9,
« Unlinkable and not lost »: « the minutes say how many ballots a crash voided »). Found in the
issue #16 rehearsal: the « jeunes » workshop's laptop was killed (kill -9) while its phones
answered the segment's shared anonymous question; started again, its screen said « 3 réponses
anonymes annulées par l'arrêt du poste : faites répondre de nouveau », the JSON minutes hold
``voided_anonymous: 3`` for that workshop's row — but the Markdown, HTML and DOCX minutes,
which give a shared question workshop by workshop (« La même question, d'un atelier à
l'autre »), print each workshop's answers only, never that row's line of counts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from seminar_cli.journal.events import EventType
from seminar_cli.minutes.model import Minutes
from seminar_cli.session.service import SessionWriter
from tests.minutes_helpers import open_recorded
from tests.test_minutes_workshops import answer, rendered

DAY = """\
title: Journée des alliances
language: fr
participants:
  - name: Inès Benali
  - name: Hugo Lefebvre
  - name: Maëlle Nguyen
  - name: Camille Martin
segments:
  - id: ateliers
    title: Ateliers en parallèle
    kind: workshop
    duration: 45m
    prompts:
      - id: outille
        question: Vous sentez-vous outillé·e pour faire alliance ?
        type: yesno
        anonymous: true
        who: open
    workshops:
      - id: jeunes
        title: Jeunes
        room: Salle Agora
        participants: [Inès Benali, Hugo Lefebvre, Maëlle Nguyen]
      - id: catalyseurs
        title: Catalyseurs
        room: Salle Jardin
        participants: [Camille Martin]
"""

VOIDED = (
    "3 réponses anonymes annulées par l'arrêt du poste de l'animateur : leurs auteurs ont pu "
    "répondre de nouveau."
)


def crashed_workshop_day(tmp_path: Path) -> Minutes:
    path = tmp_path / "journee.yaml"
    path.write_text(DAY, encoding="utf-8")
    rec = open_recorded(tmp_path, path)
    plenary, clock = rec.writer, rec.clock
    row = rec.journal.session(rec.session_id)
    plenary.record(EventType.segment_started, segment="ateliers")
    jeunes = SessionWriter(rec.journal, row, clock, stream="jeunes")
    catalyseurs = SessionWriter(rec.journal, row, clock, stream="catalyseurs")
    jeunes.record(EventType.prompt_opened, prompt="outille", segment="ateliers")
    catalyseurs.record(EventType.prompt_opened, prompt="outille", segment="ateliers")
    clock.advance(600)
    # the jeunes laptop was killed holding three sealed answers; started again, it voids them
    jeunes.record(EventType.anonymous_voided, prompt="outille", count=3)
    clock.advance(60)
    # the three answer again; the close writes the batch
    for value in ("oui", "non", "oui"):
        answer(jeunes, "outille", None, value)
    jeunes.record(EventType.prompt_closed, prompt="outille")
    answer(catalyseurs, "outille", None, "oui")
    catalyseurs.record(EventType.prompt_closed, prompt="outille")
    clock.advance(2000)
    plenary.record(EventType.segment_ended, segment="ateliers", early=False)
    plenary.record(EventType.session_closed)
    return rec.minutes()


def test_the_json_minutes_hold_the_workshops_voided_answers(tmp_path: Path) -> None:
    data = json.loads(rendered(crashed_workshop_day(tmp_path), "json"))
    (segment,) = data["segments"]
    jeunes = segment["workshops"][0]
    assert jeunes["id"] == "jeunes"
    (shared,) = jeunes["shared"]
    assert shared["voided_anonymous"] == 3
    assert len(shared["responses"]) == 3


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_every_document_says_how_many_answers_a_workshops_crash_voided(
    tmp_path: Path, fmt: str
) -> None:
    shown = rendered(crashed_workshop_day(tmp_path), fmt)
    assert VOIDED in shown
