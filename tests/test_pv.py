"""The procès-verbal of a general assembly (``--kind pv``): quorum, resolutions, signatures."""

from __future__ import annotations

import io
import json
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


def render_bytes(minutes: Minutes, name: str) -> bytes:
    exporter = get_exporter(name)
    assert exporter is not None
    data = exporter.render(minutes)
    assert isinstance(data, bytes)
    return data


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
    assert (a.members, a.quorum_required, a.present_count, a.represented_count) == (12, 6, 10, 2)
    assert a.quorum_reached is True
    assert a.members_represented == ["Sophie Garnier", "Julien Moreau"]  # roster order
    assert a.over_proxy_limit == []  # beyond proxies_max a proxy is refused, never recorded
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
    assert "Présidente de séance" in text and "Hélène Marchand" in text
    assert "Secrétaire de séance" in text and "Olivier Dumas" in text
    assert (
        "Membres présents : 10 ; membres représentés : 2 ; soit 12 membres présents ou représentés"
        in text
    )
    assert "sur 12 membres ayant voix délibérative" in text
    assert (
        "Le quorum, fixé à 50 % des 12 membres, soit 6 membres présents ou représentés, est atteint"
        in text
    )
    assert "au-delà du maximum" not in text  # a proxy over the cap is refused, not flagged
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
    assert "Suffrages exprimés (blancs exclus) : 6" in text
    assert "Bulletins blancs : 2" in text
    assert "Sièges attribués : Camille Martin, Karim Haddad. 1 siège reste vacant." in text
    assert "Sièges à pourvoir : 3 — premier tour" in text
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


REGISTER_ATTENDANCE = {
    "Hélène Marchand": "present",
    "Olivier Dumas": "present",
    "François Lemaire": "present",
    "Stéphane Rozès": "present",  # a guest: never counted
    "Julien Moreau": {"status": "represented", "by": "Hélène Marchand"},
    "Sophie Garnier": {"status": "represented", "by": "Olivier Dumas"},
}


def _register_run(tmp_path, **assembly):
    """The bundled assembly (a register of 40 members, quorum 25 %: 10 required) with 3 members
    present, 2 represented and a guest: the quorum is not reached."""
    from seminar_cli.agenda.loader import load_agenda

    agenda = load_agenda("assemblee-generale").agenda
    assert agenda.participants_file == "membres-ag.csv" and len(agenda.voting_members()) == 40
    answers = {
        "attendance": REGISTER_ATTENDANCE,
        "approbation-rapport-moral": [{"pour": 4, "contre": 1}],
        # 30 hands for 5 members present or represented: refused, never recorded
        "budget-previsionnel": [{"pour": 28, "contre": 2}],
    }
    if assembly:
        source = tmp_path / "src"
        source.mkdir()
        import shutil

        from seminar_cli.agenda.bundled import bundled_dir

        folder = bundled_dir()
        assert folder is not None
        shutil.copy(folder / "membres-ag.csv", source / "membres-ag.csv")
        text = (folder / "assemblee-generale.yaml").read_text(encoding="utf-8")
        text = text.replace("  proxies_max: 2\n", "  proxies_max: 2\n  second_call: true\n")
        (source / "ag.yaml").write_text(text, encoding="utf-8")
        return run_headless(tmp_path, source / "ag.yaml", answers)
    return run_headless(tmp_path, "assemblee-generale", answers)


@pytest.mark.parametrize("fmt", ["md", "html", "docx", "json"])
def test_quorum_not_reached_no_resolution_is_adopted(tmp_path, fmt):
    minutes = _register_run(tmp_path).minutes("pv")
    a = minutes.assembly
    assert (a.quorum_base, a.quorum_required, a.present_count, a.represented_count) == (
        40,
        10,
        3,
        2,
    )
    assert a.quorum_reached is False and a.guests_present == ["Stéphane Rozès"]
    moral = next(r for r in a.resolutions if r.prompt == "approbation-rapport-moral")
    assert moral.voted and moral.adopted is False and moral.deliberated is False
    assert moral.quorum_reached is False  # announced as the vote opened
    budget = next(r for r in a.resolutions if r.prompt == "budget-previsionnel")
    assert budget.voted is False  # the tally larger than the voters was refused
    if fmt == "json":
        data = json.loads(minutes.model_dump_json())
        votes = [p for s in data["segments"] for p in s["prompts"] if p["type"] == "vote"]
        assert votes and not any(p["summary"]["adopted"] for p in votes)
        assert not any(r["adopted"] for r in data["assembly"]["resolutions"])
        return
    text = plain(minutes, fmt)
    assert "adoptée" not in text.replace("n'est pas adoptée", "")
    assert "n'est pas atteint : l'assemblée ne peut pas valablement délibérer" in text
    assert "l'assemblée ne pouvait valablement délibérer" in text
    assert "Invités" in text and "Stéphane Rozès" in text
    # officers' titles from the register's roles; the scrutineer signs too
    assert "Présidente de séance" in text and "Scrutatrice" in text
    assert "Anne-Laure Delmas" in text.split("Signatures")[-1]


def test_second_call_deliberates_without_quorum(tmp_path):
    minutes = _register_run(tmp_path, second_call=True).minutes("pv")
    a = minutes.assembly
    assert a.second_call and a.quorum_reached is False
    moral = next(r for r in a.resolutions if r.prompt == "approbation-rapport-moral")
    assert moral.deliberated and moral.adopted is True
    for fmt in ("md", "html", "docx"):
        text = plain(minutes, fmt)
        assert "réunie sur seconde convocation, l'assemblée délibère valablement" in text
        assert "Cette résolution est adoptée" in text


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


# -- a PV a secretary signs as is (#15) ------------------------------------------------------------
def _election_part(text: str, fmt: str) -> str:
    start = text.index("Élection au conseil d'administration (trois sièges)")
    return text[start : text.index("Questions diverses", start)]


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_the_election_reads_as_a_pv(ag, fmt):
    part = _election_part(plain(ag.minutes("pv"), fmt), fmt)
    assert "Vote à bulletin secret." in part
    assert "Sièges à pourvoir : 3 — premier tour" in part
    # the voters against those entitled: 10 present and 2 represented, as the quorum counts
    assert "Votants : 8 sur 12 inscrits présents ou représentés" in part
    assert "Bulletins blancs : 2" in part
    assert "Suffrages exprimés (blancs exclus) : 6" in part
    assert "Sièges attribués : Camille Martin, Karim Haddad. 1 siège reste vacant." in part
    # no tool wording, no « (s) », and a secret ballot is told by its counts only
    for tool_word in ("anonyme", "réponses", "(s)", "tour 1", "Élu"):
        assert tool_word not in part
    assert "Camille Martin, Nathalie Roux" not in part  # one voter's ballot, never listed
    if fmt == "md":  # the candidates' table says what it counts
        assert "| Nom | Voix |" in render(ag.minutes("pv"), "md")
    if fmt == "docx":
        document = Document(io.BytesIO(render_bytes(ag.minutes("pv"), "docx")))
        assert any([c.text for c in t.rows[0].cells] == ["Nom", "Voix"] for t in document.tables)
    assert "Nathalie Roux" in (part if fmt != "docx" else plain(ag.minutes("pv"), fmt))


def test_the_elected_candidates_bars_are_the_adopted_colour(ag):
    page = render(ag.minutes("pv"), "html")
    start = page.index('id="q-election-conseil"')
    chart = page[start : page.index("</table>", start)]
    assert chart.count('class="opt-pour"') == 2  # Camille Martin, Karim Haddad
    assert "opt-contre" not in chart  # red means refused elsewhere in the PV
    # a vote's bars keep their codes' colours
    assert 'class="opt-contre"' in render(ag.minutes("compte-rendu"), "html")


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_the_points_are_timed_as_a_pv_times_them(ag, fmt):
    text = plain(ag.minutes("pv"), fmt)
    assert "de 17 h 30 à 17 h 40 (10 min)" in text  # Émargement et pouvoirs
    assert "réel " not in text


def _one_member_run(tmp_path, language: str = "fr"):
    """Two members, one present, none represented, a quorum of one, one scrutineer without a
    role, one ballot for one of the three seats: every count a PV writes is a singular."""
    import yaml

    assembly = {**ASSEMBLY, "members": 2, "quorum": 0.05}
    agenda = agenda_with(
        tmp_path, "assemblee-generale", {"assembly": assembly, "language": language}
    )
    data = yaml.safe_load(agenda.read_text(encoding="utf-8"))
    data["participants"] = [
        {"name": "Anne-Laure Delmas", "role": "scrutateur"},
        {"name": "Camille Martin"},
    ]
    agenda.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    answers = {
        "attendance": {"Camille Martin": "absent"},
        "election-conseil": [{"participant": "Anne-Laure Delmas", "value": ["Camille Martin"]}],
    }
    return run_headless(tmp_path, agenda, answers, start=AG_START).minutes("pv")


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_every_count_agrees_in_number(tmp_path, fmt):
    text = plain(_one_member_run(tmp_path), fmt)
    assert (
        "Membre présent : 1 ; membre représenté : 0 ; soit 1 membre présent ou représenté "
        "sur 2 membres ayant voix délibérative." in text
    )
    assert "des 2 membres, soit 1 membre présent ou représenté, est atteint" in text
    assert re.search(r"Scrutateur[*\s:]*Anne-Laure Delmas", text)
    assert "Scrutateurs" not in text
    assert "Votant : 1 sur 1 inscrit présent ou représenté" in text
    assert "Bulletin blanc : 0" in text
    assert "Siège attribué : Camille Martin. 2 sièges restent vacants." in text
    assert "(s)" not in text and "(e)" not in text


def test_an_english_pv_agrees_in_number_too(tmp_path):
    text = plain(_one_member_run(tmp_path, "en"), "html")
    assert (
        "Member present: 1; members represented: 0; that is 1 member present or represented" in text
    )
    assert "Seats to fill: 3 — first round" in text
    assert "Voter: 1 out of 1 member present or represented" in text
    assert "Elected: Camille Martin. 2 seats remain vacant." in text
    assert "from 5:30 pm to 5:40 pm (10 min)" in text
    assert "Scrutineer" in text and "Scrutineers" not in text


def test_the_docx_says_rehearsal_once_on_each_page(tmp_path):
    agenda = agenda_with(tmp_path, "assemblee-generale", {"assembly": ASSEMBLY})
    rec = run_headless(tmp_path, agenda, AG_ANSWERS, start=AG_START, rehearsal=True, speed=600)
    document = Document(io.BytesIO(get_exporter("docx").render(rec.minutes("pv"))))
    header = document.sections[0].header.paragraphs[0].text
    assert "Répétition (horloge accélérée × 600)" in header  # on every page
    assert not [p.text for p in document.paragraphs if "Répétition" in p.text]  # not again


def test_a_note_after_the_close_is_a_later_mention_not_an_incident(tmp_path):
    agenda = agenda_with(tmp_path, "assemblee-generale", {"assembly": ASSEMBLY})
    rec = open_recorded(tmp_path, agenda, start=AG_START)
    w = rec.writer
    w.record(EventType.segment_started, segment="emargement")
    rec.clock.advance(240)
    w.record(EventType.note, segment="emargement", text="Le car des Ardennes arrive en retard")
    rec.clock.advance(360)
    w.record(EventType.segment_ended, segment="emargement")
    w.record(EventType.session_closed)
    rec.clock.advance(2 * 86400)  # two days later, the secretary completes the minutes
    w.record(EventType.note, segment="emargement", text="Feuille d'émargement annexée")
    minutes = rec.minutes("pv")
    for fmt in ("md", "html", "docx"):
        text = plain(minutes, fmt)
        incidents = text.split("Incidents et observations")[1].split("Clôture")[0]
        assert "Le car des Ardennes arrive en retard" in incidents
        later = incidents.split("Mention portée après la séance")[1]
        assert "Le car des Ardennes" not in later
        assert "samedi 28 novembre 2026, 17 h 40" in later  # dated in full
        assert "Feuille d'émargement annexée" in later
    data = json.loads(minutes.model_dump_json())
    assert data["segments"][0]["notes"][0].keys() == {"text", "at"}  # as the JSON always was
    assert data["segments"][0]["notes"][1]["after_close"] is True


@pytest.fixture(scope="module")
def bundled(tmp_path_factory):
    """The bundled assembly as it ships: its register of 40 members and 3 guests."""
    return run_headless(tmp_path_factory.mktemp("bundled"), "assemblee-generale", AG_ANSWERS)


def test_the_attendance_sheet_has_groups_roles_and_room_to_sign(bundled):
    minutes = bundled.minutes("pv")
    page = render(minutes, "html")
    sheet = page[page.index('<table class="people sheet">') :]
    sheet = sheet[: sheet.index("</table>")]
    assert "<th>Qualité</th>" in sheet and '<th class="signature">Signature</th>' in sheet
    lemaire = sheet[sheet.index("François Lemaire") :].split("</tr>")[0]
    assert "<td>Entreprises</td><td>Trésorier</td><td>présent·e</td>" in lemaire
    assert lemaire.endswith('<td class="signature"></td>')  # an empty cell to sign
    dubois = sheet[sheet.index("Damien Dubois") :].split("</tr>")[0]
    assert dubois.endswith('<td class="signature none">—</td>')  # absent: nothing to sign
    assert "acteurs-publics" not in page and "Acteurs publics" in sheet

    document = Document(io.BytesIO(render_bytes(minutes, "docx")))
    table = next(t for t in document.tables if t.rows[0].cells[-1].text == "Signature")
    header = [c.text for c in table.rows[0].cells]
    assert header == ["Nom", "Organisation", "Groupe", "Qualité", "Présence", "Signature"]
    row = next(r for r in table.rows if r.cells[0].text == "François Lemaire")
    # the dot joined on both sides (U+2060): a narrow column never breaks « présent· / e »
    cells = [c.text for c in row.cells][2:]
    assert cells == ["Entreprises", "Trésorier", "présent\u2060·\u2060e", ""]

    markdown = render(minutes, "md")
    sheet_md = markdown.split("## Feuille de présence")[1]
    assert "| Nom | Organisation | Groupe | Qualité | Présence |" in sheet_md
    assert "Signature" not in sheet_md.split("###")[0]  # read on a screen, never signed


def test_an_officer_without_a_role_in_the_register_gets_the_agendas_office(tmp_path):
    import yaml

    agenda = agenda_with(tmp_path, "assemblee-generale", {"assembly": ASSEMBLY})
    data = yaml.safe_load(agenda.read_text(encoding="utf-8"))
    for person in data["participants"]:
        if person["name"] == "Olivier Dumas":
            del person["role"]
    agenda.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    rec = run_headless(tmp_path, agenda, AG_ANSWERS, start=AG_START)
    text = plain(rec.minutes("pv"), "md")
    sheet = text.split("## Feuille de présence")[1]
    assert (
        "| Olivier Dumas | Institut des coopérations territoriales | Personnes qualifiées |"
        " Secrétaire de séance |" in sheet
    )


def test_the_bundled_assembly_names_no_date_its_pv_could_contradict(bundled):
    from seminar_cli.agenda.loader import load_agenda

    agenda = load_agenda("assemblee-generale").agenda
    texts = json.dumps(agenda.model_dump(mode="json", exclude={"participants"}), ensure_ascii=False)
    assert not re.findall(r"\b(?:19|20)\d\d\b", texts)  # no year, no absolute date
    text = plain(bundled.minutes("pv"), "md")
    assert "Convocation adressée par courriel à chaque membre à jour de sa cotisation" in text
    assert "30 mai 2025" not in text


def test_a_resolution_never_put_to_the_vote_shows_no_table_of_zeros(tmp_path):
    minutes = _one_member_run(tmp_path)  # only the election was voted
    page = render(minutes, "html")
    start = page.index("Septième résolution")
    block = page[start : page.index("</div>", start)]
    assert "Cette résolution n&#39;a pas été mise aux voix." in block
    assert 'class="tally"' not in block and "Vote à main levée." not in block
    assert '<p class="outcome none">' in block  # neither adopted (green) nor refused (red)
    markdown = render(minutes, "md")
    part = markdown[markdown.index("Septième résolution") :]
    assert "| Pour |" not in part.split("## ")[0]
