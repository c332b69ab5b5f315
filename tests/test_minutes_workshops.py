"""The minutes by workshop (PRODUCT §8, issue #16): every format gives each workshop under its
segment — who, where, its own prompts' results, its notes, decisions and actions — and the
segment's own prompts compared from one workshop to the next; a workshop that never ran is
« Atelier non tenu ».  The workshops' streams are written through the core, as a workshop's
runner and secretary write them."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from pathlib import Path

import pytest
from docx import Document

from seminar_cli.journal.events import EventType
from seminar_cli.journal.store import Journal
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


def answer(writer: SessionWriter, prompt: str, participant: str | None, value: object) -> None:
    writer.record(EventType.answer_given, prompt=prompt, participant=participant, value=value)


# the same day with a motion: an assembly's procès-verbal (no vote in a workshop, but notes)
WITH_A_MOTION = WORKSHOPS_DAY.replace(
    """  - id: cloture
""",
    """  - id: motion
    title: Motion finale
    kind: vote
    duration: 5m
    prompts:
      - id: motion
        question: Adoptez-vous la motion ?
        type: vote
        who: room
  - id: cloture
""",
)


def workshops_day(
    tmp_path: Path, agenda: str = WORKSHOPS_DAY, journal: Journal | None = None
) -> Recorded:
    """The plenary opens, splits into « jeunes » and « catalyseurs » (« leaders » never runs),
    each answering its own prompt and the segment's two, with a note, a decision and an
    action each; the plenary then closes."""
    path = tmp_path / "journee.yaml"
    path.write_text(agenda, encoding="utf-8")
    rec = open_recorded(tmp_path, path, journal=journal)
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
    if "id: motion" in agenda:
        plenary.record(EventType.segment_started, segment="motion")
        answer(plenary, "motion", None, {"pour": 5, "contre": 0, "abstention": 0})
        plenary.record(EventType.segment_ended, segment="motion", early=False)
    plenary.record(EventType.segment_skipped, segment="cloture")
    plenary.record(EventType.session_closed)
    return rec


@pytest.fixture
def day(tmp_path: Path) -> Minutes:
    rec = workshops_day(tmp_path)
    return rec.minutes()


def rendered(minutes: Minutes, fmt: str) -> str:
    """What a reader sees: Markdown and CSV as written, the HTML page's text (one line per
    element), the DOCX's paragraphs and table rows in the document's order."""
    exporter = get_exporter(fmt)
    assert exporter is not None
    output = exporter.render(minutes)
    if fmt == "docx":
        assert isinstance(output, bytes)
        document = Document(io.BytesIO(output))
        lines = []
        for block in document.element.body:
            if block.tag.endswith("}p"):
                lines.append("".join(t.text or "" for t in block.iter() if t.tag.endswith("}t")))
            elif block.tag.endswith("}tbl"):
                for row in block.iter():
                    if row.tag.endswith("}tr"):
                        cells = [c for c in row if c.tag.endswith("}tc")]
                        texts = [
                            "".join(t.text or "" for t in c.iter() if t.tag.endswith("}t"))
                            for c in cells
                        ]
                        lines.append(" | ".join(texts))
        return seen("\n".join(lines))
    assert isinstance(output, str)
    if fmt == "html":
        text = re.sub(r"<style>.*?</style>", "", output, flags=re.S)
        text = html.unescape(re.sub(r"<[^>]+>", "\n", text))
        return seen("\n".join(line.strip() for line in text.splitlines() if line.strip()))
    return seen(output)


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


@pytest.mark.parametrize("fmt", ["html", "docx"])
def test_html_and_docx_give_each_workshop_and_the_shared_prompts_compared(
    day: Minutes, fmt: str
) -> None:
    text = rendered(day, fmt)
    segment = between(text, "2. Ateliers en parallèle", "3. Clôture")
    jeunes = between(segment, "Atelier « Jeunes »", "Atelier « Catalyseurs »")
    assert "Lieu : Salle Agora · Animation : Lucie Fontaine" in jeunes
    assert "Quel format vous engagerait ?" in jeunes
    bar = "Hackathon\n2 (100 %)" if fmt == "html" else "Hackathon | 2 (100 %)"
    assert bar in jeunes
    assert "Les jeunes veulent du concret." in jeunes
    assert "Tester un hackathon en mars." in jeunes
    catalyseurs = between(segment, "Atelier « Catalyseurs »", "Atelier « Leaders d'opinion »")
    assert "Écrire le guide du compagnonnage" in catalyseurs
    assert "Trois pairs volontaires." in catalyseurs
    leaders = between(segment, "Atelier « Leaders d'opinion »", "La même question")
    assert "Atelier non tenu." in leaders
    compared = segment[segment.index("La même question, d'un atelier à l'autre") :]
    block = compared[compared.index("Quelle priorité ?") :]
    order = [block.index(f"Atelier « {name}") for name in ("Jeunes", "Catalyseurs", "Leaders")]
    assert order == sorted(order)
    former = "Former\n1 (100 %)" if fmt == "html" else "Former | 1 (100 %)"
    assert former in between(block, "Atelier « Catalyseurs »", "Atelier « Leaders")
    assert "Atelier non tenu." in block[block.index("Atelier « Leaders") :]
    proposition = between(compared, "Quelle proposition pour ce public ?", "Quelle priorité ?")
    assert "Un compagnonnage entre pairs" in between(
        proposition, "Atelier « Catalyseurs »", "Atelier « Leaders"
    )


def test_csv_names_the_workshop_of_each_answer(day: Minutes) -> None:
    text = rendered(day, "csv")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    by_workshop = sorted((r["workshop"], r["prompt"], r["participant"], r["value"]) for r in rows)
    assert by_workshop == [
        ("", "humeur", "Karim Haddad", "4"),
        ("catalyseurs", "catalyseurs-pairs", "Camille Martin", "5"),
        ("catalyseurs", "priorite", "Camille Martin", "Former"),
        ("catalyseurs", "proposition", "Thomas Girard", "Un compagnonnage entre pairs"),
        ("jeunes", "jeunes-format", "Hugo Lefebvre", "Hackathon"),
        ("jeunes", "jeunes-format", "Inès Benali", "Hackathon"),
        ("jeunes", "priorite", "Hugo Lefebvre", "Relier"),
        ("jeunes", "priorite", "Inès Benali", "Relier"),
        ("jeunes", "proposition", "Inès Benali", "Un défi inter-écoles"),
    ]
    assert {r["segment"] for r in rows if r["workshop"]} == {"ateliers"}


def test_english_minutes_say_workshop_not_held(tmp_path: Path) -> None:
    rec = workshops_day(tmp_path)
    minutes = rec.minutes().model_copy(
        update={"session": rec.minutes().session.model_copy(update={"language": "en"})}
    )
    text = rendered(minutes, "md")
    assert "#### Workshop: Leaders d'opinion" in text
    assert "*Workshop not held.*" in text
    assert "#### The same question, workshop by workshop" in text
    assert "*Room: Salle Agora · Facilitator: Lucie Fontaine · Participants: " in text


def test_json_minutes_give_the_plenarys_position_not_the_journals_reading_order(
    tmp_path: Path,
) -> None:
    """What ``journal copy`` relies on to compare JSON minutes byte for byte: a position in the
    plenary's stream (the chain covers it), not ``seq``, which depends on how the streams
    interleaved in one journal."""
    rec = workshops_day(tmp_path)
    data = json.loads(rendered(rec.minutes(), "json"))
    plenary = rec.journal.chain(rec.session_id)
    assert data["seal"]["chain_seq"] == len(plenary) == plenary[-1].position
    assert data["seal"]["chain_hash"] == plenary[-1].hash
    assert data["seal"]["chain_seq"] < rec.journal.last_seq(rec.session_id)


@pytest.mark.parametrize("fmt", ["md", "docx"])
def test_a_pv_gives_the_workshops_notes_under_their_point(tmp_path: Path, fmt: str) -> None:
    rec = workshops_day(tmp_path, WITH_A_MOTION)
    text = rendered(rec.minutes("pv"), fmt)
    text = text[text.index("Délibérations") :]  # after the agenda's list of points
    point = between(text, "2. Ateliers en parallèle", "3. Motion finale")
    jeunes = between(point, "Atelier « Jeunes »", "Atelier « Catalyseurs »")
    assert "Les jeunes veulent du concret." in jeunes
    assert "Tester un hackathon en mars." in jeunes
    assert "Atelier non tenu." in point[point.index("Atelier « Leaders d'opinion »") :]
    assert "Quelle priorité ?" in point[point.index("La même question") :]
    # the motion is still the PV's resolution
    assert "Adoptez-vous la motion ?" in text[text.index("3. Motion finale") :]


def test_a_split_segment_whose_workshops_never_ran_says_so_without_comparing(
    tmp_path: Path,
) -> None:
    path = tmp_path / "journee.yaml"
    path.write_text(WORKSHOPS_DAY, encoding="utf-8")
    rec = open_recorded(tmp_path, path)
    rec.writer.record(EventType.segment_started, segment="ateliers")
    rec.clock.advance(60)
    rec.writer.record(EventType.session_closed)
    text = rendered(rec.minutes(), "md")
    assert text.count("*Atelier non tenu.*") == 3
    assert "La même question" not in text  # nothing to compare
    # the segment's own prompts, never asked in plenary, are not listed as unanswered there
    assert "Quelle priorité ?" not in text
    data = json.loads(rendered(rec.minutes(), "json"))
    assert [w["held"] for w in data["segments"][1]["workshops"]] == [False] * 3


# -- a workshop's station stopping, and what its stops left behind (found in the #16 rehearsal) --
STOPS_DAY = """\
title: Journée des alliances
language: fr
participants:
  - name: Inès Benali
  - name: Hugo Lefebvre
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
        participants: [Inès Benali, Hugo Lefebvre]
        prompts:
          - id: jeunes-secret
            question: Un mot pour l'alliance ?
            anonymous: true
            who: open
      - id: catalyseurs
        title: Catalyseurs
        participants: [Camille Martin]
"""
JEUNES_STOPPED = (
    "Le poste de l'atelier s'est arrêté vers 14 h 10 ; l'atelier a repris à 14 h 12. "
    "2 réponses anonymes annulées à la question « Un mot pour l'alliance ? »."
)
JEUNES_OWN_VOIDED = (
    "2 réponses anonymes annulées par l'arrêt du poste de l'animateur : leurs auteurs ont pu "
    "répondre de nouveau."
)
CATALYSEURS_QUIT = (
    "L'animation de l'atelier a quitté son poste à 14 h 20 ; l'atelier a repris à 14 h 25."
)
NEVER_WRITTEN = (
    "2 réponses anonymes en attente jamais écrites (le poste de l'atelier ne les a pas closes)"
)


def stopped_workshops_day(tmp_path: Path) -> Minutes:
    """« jeunes »'s laptop is killed at 14 h 10 holding two sealed answers to its own anonymous
    prompt, and taken up again at 14 h 12 (the runner's key voids them, then it says it
    resumed); « catalyseurs »'s facilitator quits at 14 h 20 and comes back at 14 h 25, then
    its two anonymous answers to the shared question are never written: the session closes
    with the prompt still open on its laptop."""
    path = tmp_path / "journee.yaml"
    path.write_text(STOPS_DAY, encoding="utf-8")
    rec = open_recorded(tmp_path, path)
    plenary, clock = rec.writer, rec.clock
    row = rec.journal.session(rec.session_id)
    plenary.record(EventType.segment_started, segment="ateliers")
    jeunes = SessionWriter(rec.journal, row, clock, stream="jeunes")
    catalyseurs = SessionWriter(rec.journal, row, clock, stream="catalyseurs")
    jeunes.record(EventType.prompt_opened, prompt="jeunes-secret", segment="ateliers")
    catalyseurs.record(EventType.prompt_opened, prompt="outille", segment="ateliers")
    clock.advance(600)  # 14 h 10: the jeunes laptop dies
    died = clock.now()
    clock.advance(120)
    jeunes.record(EventType.anonymous_voided, prompt="jeunes-secret", count=2)
    jeunes.record(EventType.session_resumed, interrupted_at=died.isoformat())
    answer(jeunes, "jeunes-secret", None, "confiance")
    jeunes.record(EventType.prompt_closed, prompt="jeunes-secret")
    clock.advance(480)  # 14 h 20: the catalyseurs' facilitator quits
    catalyseurs.record(EventType.session_suspended, reason="quit")
    clock.advance(300)
    catalyseurs.hold_anonymous_key()  # the same command again: its key
    catalyseurs.record(EventType.session_resumed)
    for value in ("oui", "non"):  # sealed to its key, never drawn: the prompt never closes
        catalyseurs.record_anonymous("outille", value, None, watch=())
    clock.advance(1200)
    plenary.record(EventType.segment_ended, segment="ateliers", early=False)
    plenary.record(EventType.session_closed)
    return rec.minutes()


def test_the_json_minutes_give_each_workshops_stops_and_its_answers_never_written(
    tmp_path: Path,
) -> None:
    data = json.loads(rendered(stopped_workshops_day(tmp_path), "json"))
    jeunes, catalyseurs = data["segments"][0]["workshops"]
    (stop,) = jeunes["interruptions"]
    assert (stop["reason"], stop["stopped_at"], stop["resumed_at"]) == (
        "stopped",
        "2026-11-26T14:10:00+01:00",
        "2026-11-26T14:12:00+01:00",
    )
    assert stop["voided"] == [{"prompt": "jeunes-secret", "count": 2}]
    assert jeunes["prompts"][0]["voided_anonymous"] == 2
    assert jeunes["unwritten_anonymous"] == 0
    (quit_,) = catalyseurs["interruptions"]
    assert (quit_["reason"], quit_["stopped_at"], quit_["resumed_at"]) == (
        "suspended",
        "2026-11-26T14:20:00+01:00",
        "2026-11-26T14:25:00+01:00",
    )
    assert catalyseurs["unwritten_anonymous"] == 2
    assert catalyseurs["shared"][0]["pending_anonymous"] == 2
    assert catalyseurs["shared"][0]["responses"] == []
    # the plenary's station never stopped
    assert data["interruptions"] == []


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_every_document_says_each_workshops_stops_under_it(tmp_path: Path, fmt: str) -> None:
    shown = rendered(stopped_workshops_day(tmp_path), fmt)
    flat = " ".join(shown.replace("*", "").split())
    jeunes = between(flat, "Atelier « Jeunes »", "Atelier « Catalyseurs »")
    assert "Interruptions de l'atelier" in jeunes
    assert JEUNES_STOPPED in jeunes
    # its own prompt says it too, beside its answer
    assert JEUNES_OWN_VOIDED in between(jeunes, "Un mot pour l'alliance ?", "confiance")
    catalyseurs = between(flat, "Atelier « Catalyseurs »", "La même question")
    assert CATALYSEURS_QUIT in catalyseurs
    assert JEUNES_STOPPED not in catalyseurs
    # no stop of the plenary's station
    assert "Interruptions de la séance" not in flat


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_every_document_says_a_workshops_anonymous_answers_were_never_written(
    tmp_path: Path, fmt: str
) -> None:
    shown = rendered(stopped_workshops_day(tmp_path), fmt)
    flat = " ".join(shown.replace("*", "").split())
    compared = flat[flat.index("La même question, d'un atelier à l'autre") :]
    row = compared[compared.index("Atelier « Catalyseurs »") :]
    assert row.index(NEVER_WRITTEN) < row.index("Aucune réponse.")
    assert NEVER_WRITTEN not in between(compared, "Atelier « Jeunes »", "Atelier « Catalyseurs »")
    # a closed session's answers are not « pending: counted when the question closes »
    assert "seront comptées à la clôture" not in flat
