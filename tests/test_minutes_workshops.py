"""The minutes by workshop (PRODUCT §8, issue #16): every format gives each workshop under its
segment — who, where, its own prompts' results, its notes, decisions and actions — and the
segment's own prompts compared from one workshop to the next; a workshop that never ran is
« Atelier non tenu ».  The workshops' streams are written through the core, as a workshop's
runner and secretary write them."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from seminar_cli.journal.events import EventType
from seminar_cli.minutes.exporters.base import get_exporter
from seminar_cli.minutes.model import Minutes
from seminar_cli.session.service import SessionWriter
from tests.minutes_helpers import Recorded, open_recorded, seen

WORKSHOPS_DAY = """\
title: Journée des alliances
language: fr
participants:
  - name: Inès Benali
  - name: Hugo Lefebvre
  - name: Camille Martin
  - name: Thomas Girard
  - name: Karim Haddad
segments:
  - id: ouverture
    title: Ouverture
    duration: 10m
    prompts:
      - id: humeur
        question: Votre humeur ?
        type: rating
        who: open
  - id: ateliers
    title: Ateliers en parallèle
    kind: workshop
    duration: 45m
    prompts:
      - id: proposition
        question: Quelle proposition pour ce public ?
        type: text
        who: open
      - id: priorite
        question: Quelle priorité ?
        type: choice
        choices: [Former, Financer, Relier]
        who: open
    workshops:
      - id: jeunes
        title: Jeunes
        facilitator: Lucie Fontaine
        room: Salle Agora
        participants: [Inès Benali, Hugo Lefebvre]
        prompts:
          - id: jeunes-format
            question: Quel format vous engagerait ?
            type: choice
            choices: [Service civique, Hackathon]
            who: open
      - id: catalyseurs
        title: Catalyseurs
        facilitator: Olivier Bernard
        room: Salle Jardin
        participants: [Camille Martin, Thomas Girard]
        prompts:
          - id: catalyseurs-pairs
            question: Les pairs vous aident-ils ?
            type: rating
            who: open
      - id: leaders
        title: Leaders d'opinion
        room: Salle Loire
        participants: [Karim Haddad]
  - id: cloture
    title: Clôture
    duration: 5m
"""


def answer(writer: SessionWriter, prompt: str, participant: str, value: object) -> None:
    writer.record(EventType.answer_given, prompt=prompt, participant=participant, value=value)


def workshops_day(tmp_path: Path) -> Recorded:
    """The plenary opens, splits into « jeunes » and « catalyseurs » (« leaders » never runs),
    each answering its own prompt and the segment's two, with a note, a decision and an
    action each; the plenary then closes."""
    path = tmp_path / "journee.yaml"
    path.write_text(WORKSHOPS_DAY, encoding="utf-8")
    rec = open_recorded(tmp_path, path)
    plenary, clock = rec.writer, rec.clock
    row = rec.journal.session(rec.session_id)
    plenary.record(EventType.segment_started, segment="ouverture")
    answer(plenary, "humeur", "Karim Haddad", 4)
    clock.advance(600)
    plenary.record(EventType.segment_ended, segment="ouverture", early=False)
    plenary.record(EventType.segment_started, segment="ateliers")
    jeunes = SessionWriter(rec.journal, row, clock, stream="jeunes")
    catalyseurs = SessionWriter(rec.journal, row, clock, stream="catalyseurs")
    clock.advance(60)
    answer(jeunes, "jeunes-format", "Inès Benali", "Hackathon")
    answer(jeunes, "jeunes-format", "Hugo Lefebvre", "Hackathon")
    answer(jeunes, "proposition", "Inès Benali", "Un défi inter-écoles")
    answer(jeunes, "priorite", "Inès Benali", "Relier")
    answer(jeunes, "priorite", "Hugo Lefebvre", "Relier")
    answer(catalyseurs, "catalyseurs-pairs", "Camille Martin", 5)
    answer(catalyseurs, "proposition", "Thomas Girard", "Un compagnonnage entre pairs")
    answer(catalyseurs, "priorite", "Camille Martin", "Former")
    clock.advance(60)
    jeunes.record(EventType.note, segment="ateliers", text="Les jeunes veulent du concret.")
    jeunes.record(EventType.decision, segment="ateliers", text="Tester un hackathon en mars.")
    catalyseurs.record(
        EventType.action,
        segment="ateliers",
        text="Écrire le guide du compagnonnage",
        owner="Camille Martin",
        due="2026-12-15",
    )
    catalyseurs.record(EventType.note, segment="ateliers", text="Trois pairs volontaires.")
    clock.advance(2400)
    plenary.record(EventType.segment_ended, segment="ateliers", early=False)
    plenary.record(EventType.segment_skipped, segment="cloture")
    plenary.record(EventType.session_closed)
    return rec


@pytest.fixture
def day(tmp_path: Path) -> Minutes:
    rec = workshops_day(tmp_path)
    return rec.minutes()


def rendered(minutes: Minutes, fmt: str) -> str:
    output = get_exporter(fmt).render(minutes)
    return seen(output if isinstance(output, str) else output.decode("utf-8"))


def between(text: str, start: str, end: str) -> str:
    """The part of ``text`` from ``start`` to the next ``end``."""
    begin = text.index(start)
    return text[begin : text.index(end, begin + len(start))]


def test_json_gives_each_workshop_under_its_segment_in_agenda_order(day: Minutes) -> None:
    data = json.loads(rendered(day, "json"))
    segments = {s["id"]: s for s in data["segments"]}
    assert segments["ouverture"]["workshops"] == []
    workshops = segments["ateliers"]["workshops"]
    assert [w["id"] for w in workshops] == ["jeunes", "catalyseurs", "leaders"]
    jeunes, catalyseurs, leaders = workshops
    assert (jeunes["title"], jeunes["room"], jeunes["facilitator"]) == (
        "Jeunes",
        "Salle Agora",
        "Lucie Fontaine",
    )
    assert jeunes["participants"] == ["Inès Benali", "Hugo Lefebvre"]
    assert [jeunes["held"], catalyseurs["held"], leaders["held"]] == [True, True, False]
    own = jeunes["prompts"][0]
    assert own["id"] == "jeunes-format"
    assert own["summary"]["counts"] == {"Service civique": 0, "Hackathon": 2}
    assert [r["participant"] for r in own["responses"]] == ["Inès Benali", "Hugo Lefebvre"]
    # the segment's own prompts, each workshop's answers apart
    shared = {w["id"]: {p["id"]: p for p in w["shared"]} for w in workshops}
    assert shared["jeunes"]["priorite"]["summary"]["counts"] == {
        "Former": 0,
        "Financer": 0,
        "Relier": 2,
    }
    assert shared["catalyseurs"]["priorite"]["summary"]["counts"] == {
        "Former": 1,
        "Financer": 0,
        "Relier": 0,
    }
    assert [r["value"] for r in shared["catalyseurs"]["proposition"]["responses"]] == [
        "Un compagnonnage entre pairs"
    ]
    assert shared["leaders"]["proposition"]["responses"] == []
    # not asked in plenary: no answer there
    assert [p["responses"] for p in segments["ateliers"]["prompts"]] == [[], []]
    assert [n["text"] for n in jeunes["notes"]] == ["Les jeunes veulent du concret."]
    assert [d["text"] for d in jeunes["decisions"]] == ["Tester un hackathon en mars."]
    assert catalyseurs["actions"][0]["owner"] == "Camille Martin"
    assert catalyseurs["actions"][0]["due"] == "2026-12-15"
    # the plenary's records and answers stay the plenary's
    assert segments["ateliers"]["notes"] == []
    assert segments["ouverture"]["prompts"][0]["responses"][0]["participant"] == "Karim Haddad"


def test_markdown_gives_each_workshop_and_the_shared_prompts_compared(day: Minutes) -> None:
    text = rendered(day, "md")
    segment = between(text, "### 2. Ateliers en parallèle", "### 3. Clôture")
    jeunes = between(segment, "#### Atelier « Jeunes »", "#### Atelier")
    assert (
        "*Lieu : Salle Agora · Animation : Lucie Fontaine · "
        "Participants : Inès Benali, Hugo Lefebvre*"
    ) in jeunes
    assert "##### Quel format vous engagerait ?" in jeunes
    assert "| Hackathon | 2 (100 %) |" in jeunes
    assert "- **Inès Benali** : Hackathon" in jeunes
    assert "Les jeunes veulent du concret." in jeunes
    assert "Tester un hackathon en mars." in jeunes
    leaders = between(segment, "#### Atelier « Leaders d'opinion »", "#### La même question")
    assert "*Atelier non tenu.*" in leaders
    compared = segment[segment.index("#### La même question, d'un atelier à l'autre") :]
    block = compared[compared.index("##### Quelle priorité ?") :]
    # one block per shared prompt, each workshop's results in the agenda's order
    assert block.index("**Atelier « Jeunes »**") < block.index("**Atelier « Catalyseurs »**")
    assert block.index("**Atelier « Catalyseurs »**") < block.index("**Atelier « Leaders")
    assert "| Relier | 2 (100 %) |" in between(block, "Jeunes", "Catalyseurs")
    assert "| Former | 1 (100 %) |" in between(block, "Catalyseurs", "Leaders")
    proposition = between(compared, "##### Quelle proposition pour ce public ?", "##### Quelle")
    assert "- **Thomas Girard** : Un compagnonnage entre pairs" in proposition
    # the session's lists name the workshop
    # (Markdown writes « 2\. » so that no list starts: a reader sees « 2. »)
    assert "Ateliers en parallèle — Atelier « Jeunes »* — Tester un hackathon en mars." in text
    actions = text[text.index("## Relevé des actions") :]
    assert "| Écrire le guide du compagnonnage | Camille Martin |" in actions
    assert "Ateliers en parallèle — Atelier « Catalyseurs » |" in actions
