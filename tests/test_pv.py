"""The procès-verbal of a general assembly (``--kind pv``): quorum, resolutions, signatures."""

from __future__ import annotations

import io
import re

import pytest
from docx import Document

from seminar_cli.journal.events import EventType
from seminar_cli.minutes.exporters import get_exporter
from seminar_cli.minutes.model import Minutes
from tests.minutes_helpers import (
    AG_ANSWERS,
    HOSTILE,
    START,
    agenda_with,
    open_recorded,
    run_headless,
    seen,
)

AG_START = START.replace(hour=17, minute=30)

ASSEMBLY = {
    "body": "AGO",
    "members": 12,
    "quorum": 0.5,
    "majority": "simple",
    "president": "Hélène Marchand",
    "secretary": "Olivier Dumas",
    "convocation": "Convocation par courriel du 2 novembre 2026.",
    "proxies_max": 1,
}


def render(minutes: Minutes, name: str) -> str:
    exporter = get_exporter(name)
    assert exporter is not None
    data = exporter.render(minutes)
    if isinstance(data, bytes):
        document = Document(io.BytesIO(data))
        cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
        return seen("\n".join([p.text for p in document.paragraphs] + cells))
    return seen(data)


def plain(minutes: Minutes, name: str) -> str:
    """The document's text as a reader sees it (markup and escapes removed)."""
    import html

    text = render(minutes, name)
    if name == "html":
        text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    if name == "md":
        text = re.sub(r"\\(.)", r"\1", text)
    return re.sub(r"[ \t]+", " ", text)


@pytest.fixture(scope="module")
def ag(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("ag")
    agenda = agenda_with(tmp, "assemblee-generale", {"assembly": ASSEMBLY})
    rec = run_headless(tmp, agenda, AG_ANSWERS, secretary="Olivier Dumas", start=AG_START)
    rec.writer.record(
        EventType.note, segment="rapport-moral", text="Coupure de micro pendant 2 minutes"
    )
    return rec


def test_assembly_facts_quorum_and_resolutions_in_the_model(ag):
    minutes = ag.minutes("pv")
    a = minutes.assembly
    assert a is not None and minutes.kind == "pv"
    assert (a.members, a.quorum_required, a.present_count, a.represented_count) == (12, 6, 7, 2)
    assert a.quorum_reached is True
    assert a.members_represented == ["Sophie Garnier", "Julien Moreau"]  # roster order
    assert [(h.name, h.proxies) for h in a.over_proxy_limit] == [("Hélène Marchand", 2)]
    assert len(a.resolutions) == 7  # the board's election is not a resolution
    by_id = {r.prompt: r for r in a.resolutions}
    comptes = by_id["approbation-comptes"]
    assert comptes.counts == {"pour": 5, "contre": 3, "abstention": 0, "blanc": 1}
    assert (comptes.votes_cast, comptes.ballots, comptes.adopted) == (8, 9, True)
    assert by_id["quitus-conseil"].adopted is False
    assert by_id["montant-cotisation"].adopted is False
    assert by_id["approbation-pv-precedent"].unanimous is True
    assert [r.number for r in a.resolutions] == list(range(1, 8))


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_the_pv_says_what_a_pv_says(ag, fmt):
    text = plain(ag.minutes("pv"), fmt)
    assert "Procès-verbal de l'assemblée générale ordinaire" in text
    assert "Le RAMEAU" in text
    assert "Séance du jeudi 26 novembre 2026" in text
    assert "Le jeudi 26 novembre 2026, à 17 h 30, les membres de l'association Le RAMEAU" in text
    assert "Convocation par courriel du 2 novembre 2026." in text
    assert "Président de séance" in text and "Hélène Marchand" in text
    assert "Secrétaire de séance" in text and "Olivier Dumas" in text
    assert (
        "Membres présents : 7 ; membres représentés : 2 ; soit 9 membres présents ou représentés"
        in text
    )
    assert "sur 12 membres ayant voix délibérative" in text
    assert (
        "Le quorum, fixé à 50 % des 12 membres, soit 6 membres présents ou représentés, est atteint"
        in text
    )
    assert "Hélène Marchand détient 2 pouvoirs, au-delà du maximum de 1" in text
    assert (
        "Première résolution — Approbation du procès-verbal de la précédente assemblée générale"
        in text
    )
    assert "l'approuve sans réserve" in text  # the resolution's own text
    assert "Cette résolution est adoptée à l'unanimité." in text
    assert "Quatrième résolution — Quitus au conseil d'administration" in text
    assert (
        "Cette résolution est rejetée : la majorité simple des suffrages exprimés n'est pas atteinte."
        in text
    )
    assert "Vote à bulletin secret." in text and "Vote à main levée." in text
    # the board's election: each candidate's votes, blanks, who is elected
    assert "Bulletins exprimés (blancs exclus) : 6" in text
    assert "Bulletins blancs : 2" in text
    assert "Élu(s) : Camille Martin, Karim Haddad" in text
    assert "3 siège(s) à pourvoir · tour 1" in text
    for label in ("Pour", "Contre", "Abstentions", "Blancs", "Suffrages exprimés"):
        assert label in text
    assert "Coupure de micro pendant 2 minutes" in text  # incidents
    assert "Incidents et observations" in text
    assert re.search(r"la séance est levée à 19 h \d\d\.", text)
    assert "Fait à Paris, le 26 novembre 2026." in text
    assert text.count("Signature") >= 2
    assert HOSTILE["script"] in text and HOSTILE["link"] in text


def test_the_pv_shows_the_tallies_in_order(ag):
    markdown = render(ag.minutes("pv"), "md")
    part = markdown.split("Troisième résolution")[1].split("résolution —")[0]
    assert "| 5 | 3 | 0 | 1 | 8 |" in part
    assert "adoptée à la majorité simple des suffrages exprimés" in part
    page = render(ag.minutes("pv"), "html")
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert 'class="signatures"' in page


def test_named_votes_list_the_voters(tmp_path):
    agenda = agenda_with(tmp_path, "assemblee-generale", {"assembly": ASSEMBLY})
    rec = open_recorded(tmp_path, agenda)
    w = rec.writer
    w.record(EventType.segment_started, segment="emargement")
    prompt = "approbation-rapport-moral"
    for name, ballot in (
        ("Camille Martin", "pour"),
        ("Karim Haddad", "contre"),
        ("Nathalie Roux", "pour"),
    ):
        w.record(EventType.answer_given, prompt=prompt, participant=name, value=ballot)
    minutes = rec.minutes("pv")
    text = plain(minutes, "md")
    assert "Pour : Camille Martin, Nathalie Roux" in text
    assert "Contre : Karim Haddad" in text
    assert "PROJET — séance en cours" in text
    assert "La séance n'est pas close : ce procès-verbal est provisoire." in text


def test_quorum_missed_by_the_agenda_rule(tmp_path):
    answers = {**AG_ANSWERS, "budget-previsionnel": [{"pour": 28, "contre": 2}]}
    rec = run_headless(tmp_path, "assemblee-generale", answers)  # 85 members, quorum 25 %
    minutes = rec.minutes("pv")
    assert minutes.assembly.quorum_required == 22 and minutes.assembly.quorum_reached is False
    text = plain(minutes, "html")
    assert "soit 22 membres présents ou représentés, n'est pas atteint" in text
    # the room voted with more hands than the attendance list holds: the secretary is warned
    assert "Un vote a recueilli 30 voix, plus que les 9 membres présents ou représentés" in text


@pytest.mark.parametrize(
    ("majority", "adopted"),
    [("simple", True), ("absolute", True), ("two_thirds", False)],
)
def test_the_majority_rule_of_the_statutes_decides(tmp_path, majority, adopted):
    agenda = agenda_with(
        tmp_path, "assemblee-generale", {"assembly": {**ASSEMBLY, "majority": majority}}
    )
    rec = run_headless(tmp_path, agenda, AG_ANSWERS)
    minutes = rec.minutes("pv")
    comptes = next(r for r in minutes.assembly.resolutions if r.prompt == "approbation-comptes")
    assert comptes.majority == majority and comptes.adopted is adopted
    text = plain(minutes, "md")
    rule = {
        "simple": "la majorité simple des suffrages exprimés",
        "absolute": "la majorité absolue des votants",
        "two_thirds": "la majorité des deux tiers des suffrages exprimés",
    }[majority]
    assert rule in text


def test_an_english_pv(tmp_path):
    agenda = agenda_with(tmp_path, "assemblee-generale", {"assembly": ASSEMBLY, "language": "en"})
    rec = run_headless(tmp_path, agenda, AG_ANSWERS, start=AG_START)
    text = plain(rec.minutes("pv"), "html")
    assert "Minutes of the Ordinary General Meeting" in text
    assert "On Thursday 26 November 2026, at 5:30 pm, the members of Le RAMEAU met" in text
    assert "First resolution" in text and "This resolution is adopted unanimously." in text
    assert "There being no further business, the meeting was closed at 7:" in text
    assert "Chair of the meeting" in text and "Secretary of the meeting" in text


def test_a_pv_needs_an_assembly(tmp_path):
    from seminar_cli.errors import SessionError

    rec = run_headless(tmp_path)
    with pytest.raises(SessionError) as caught:
        rec.minutes("pv")
    assert "n'est pas une assemblée générale" in caught.value.message()
