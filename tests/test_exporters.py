"""Each exporter renders the same minutes: every answer present, anonymity kept, hostile text
inert, and the figures of the model (PRODUCT §5)."""

from __future__ import annotations

import csv
import html as html_lib
import io
import json
import re

import pytest
from docx import Document

from seminar_cli.minutes.exporters import FORMAT_NAMES, REGISTRY, get_exporter
from seminar_cli.minutes.exporters.csvfmt import neutralise
from seminar_cli.minutes.exporters.text import md_escape
from seminar_cli.minutes.model import Minutes
from tests.minutes_helpers import HOSTILE, SEMINAR_ANSWERS, run_headless, seen


@pytest.fixture(scope="module")
def minutes(tmp_path_factory) -> Minutes:
    tmp = tmp_path_factory.mktemp("seminar")
    rec = run_headless(
        tmp, answers=SEMINAR_ANSWERS, facilitator="Marie Dupont", secretary="Olivier Dumas"
    )
    from seminar_cli.journal.events import EventType

    rec.writer.record(EventType.note, segment="relisons", text="La frise oublie 2012")
    rec.writer.record(EventType.decision, segment="priorites", text="Classement adopté")
    rec.writer.record(
        EventType.action,
        segment="cloture",
        text="Envoyer le compte rendu",
        owner="Olivier Dumas",
        due="2026-12-15",
    )
    rec.writer.record(EventType.note, text=HOSTILE["script"])
    return rec.minutes()


def render(minutes: Minutes, name: str) -> str | bytes:
    exporter = get_exporter(name)
    assert exporter is not None
    data = exporter.render(minutes)
    return seen(data) if isinstance(data, str) else data


def docx_text(data: bytes) -> tuple[list[tuple[str, str]], list[list[list[str]]], str]:
    document = Document(io.BytesIO(data))
    paragraphs = [(p.style.name, seen(p.text)) for p in document.paragraphs]
    tables = [[[seen(c.text) for c in row.cells] for row in t.rows] for t in document.tables]
    body = (
        "\n".join(t for _, t in paragraphs)
        + "\n"
        + "\n".join(c for t in tables for row in t for c in row)
    )
    return paragraphs, tables, body


def all_values(minutes: Minutes) -> list[tuple[str | None, object]]:
    return [
        (r.participant, r.value) for s in minutes.segments for p in s.prompts for r in p.responses
    ]


# -- the registry -------------------------------------------------------------------------------
def test_the_registry_feeds_the_formats():
    assert FORMAT_NAMES == ("md", "html", "docx", "json", "csv")
    for name, cls in REGISTRY.items():
        exporter = cls()
        assert exporter.name == name and exporter.extension and "/" in exporter.media_type
    assert get_exporter("DOCX").binary and not get_exporter("md").binary
    assert get_exporter("pdf") is None


# -- JSON -----------------------------------------------------------------------------------------
def test_json_has_the_keys_of_the_spec(minutes):
    data = json.loads(render(minutes, "json"))
    assert data["format"] == "seminar-minutes/1"
    assert set(data["session"]) >= {
        "id",
        "title",
        "agenda",
        "language",
        "place",
        "facilitator",
        "secretary",
        "started_at",
        "ended_at",
        "rehearsal",
    }
    assert set(data["participants"][0]) >= {"name", "organization", "group", "attendance"}
    segment = data["segments"][2]
    assert set(segment) >= {
        "id",
        "title",
        "kind",
        "planned_seconds",
        "actual_seconds",
        "started_at",
        "ended_at",
        "skipped",
        "notes",
        "prompts",
        "decisions",
        "actions",
    }
    # written after the run closed the session, as this fixture does: a later mention
    assert segment["notes"] == [
        {"text": "La frise oublie 2012", "at": segment["notes"][0]["at"], "after_close": True}
    ]
    prompt = segment["prompts"][0]
    assert set(prompt) >= {"id", "question", "type", "anonymous", "responses", "summary"}
    assert set(prompt["responses"][0]) == {"participant", "value", "label", "at", "via"}
    cloture = data["segments"][-1]
    assert cloture["actions"][0] | {"at": None} == {
        "text": "Envoyer le compte rendu",
        "owner": "Olivier Dumas",
        "due": "2026-12-15",
        "at": None,
        "segment": "cloture",
    }
    responses = [r for s in data["segments"] for p in s["prompts"] for r in p["responses"]]
    assert len(responses) == minutes.answer_count() == 43
    assert HOSTILE["script"] in [r["value"] for r in responses]


# -- CSV ----------------------------------------------------------------------------------------
def test_csv_has_one_row_per_answer_with_a_bom_and_neutralised_formulas(minutes):
    text = render(minutes, "csv")
    assert isinstance(text, str) and text.startswith("\ufeff")
    assert get_exporter("csv").render_bytes(minutes).startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    assert rows[0] == [
        "session",
        "segment",
        "prompt",
        "question",
        "type",
        "answer",
        "participant",
        "value",
        "rank",
        "pour",
        "contre",
        "abstention",
        "blanc",
        "time",
        "workshop",  # empty: every answer here was given in plenary
    ]
    body = rows[1:]
    assert {r[14] for r in body} == {""}
    # one row per answer, per pick of a multi and per word of a words answer
    assert len({(r[2], r[5]) for r in body}) == minutes.answer_count() == 43
    by_prompt: dict[str, list[list[str]]] = {}
    for row in body:
        by_prompt.setdefault(row[2], []).append(row)
    formula = next(r for r in by_prompt["moment-marquant"] if "HYPERLINK" in r[7])
    assert formula[7] == "'" + HOSTILE["formula"] and formula[6] == ""
    assert [r[7] for r in by_prompt["moment-marquant"]][1] == HOSTILE["script"]
    assert [r[7] for r in by_prompt["mots-alliances"] if r[5] == "2"] == ["confiance", "temps long"]
    assert [r[5] for r in by_prompt["competences-catalyseurs"]].count("1") == 3
    anonymous = by_prompt["outille-alliance"]
    assert [(r[6], r[13]) for r in anonymous] == [("", "")] * 5
    assert sorted(r[7] for r in anonymous) == ["non", "non", "oui", "oui", "oui"]
    named = by_prompt["reconnaissance-recit"][0]
    assert named[6] == "Inès Benali" and named[7] == "4"
    assert re.fullmatch(r"2026-11-26T\d\d:\d\d:\d\d\+01:00", named[13])
    assert not any(cell.startswith(("=", "+", "@", "\t")) for row in body for cell in row)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
        ("+33 6 12", "'+33 6 12"),
        ("-1+2", "'-1+2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("-2", "-2"),
        ("texte", "texte"),
    ],
)
def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(cell, expected):
    assert neutralise(cell) == expected


# -- Markdown ----------------------------------------------------------------------------------
def test_markdown_escapes_what_participants_typed(minutes):
    text = render(minutes, "md")
    assert isinstance(text, str)
    assert "<script>" not in text and "\\<script\\>alert(1)\\</script\\>" in text
    assert "[click](javascript" not in text and "\\[click\\](javascript:alert(1))" in text
    # a participant's "# title" or "- item" stays text
    assert "\\# pas un titre" in text and "\\- pas une liste" in text and "\\*pas gras\\*" in text
    assert not re.search(r"(?m)^#+ pas un titre", text)
    assert text.startswith("# Co-construisons demain\n")
    assert "## Déroulé : prévu et réel" in text
    assert "| Inès Benali | Collectif Jeunes en Alliance | jeunes | présent·e |" in text


def test_markdown_escaping_filter():
    assert md_escape("[x](javascript:alert(1))") == "\\[x\\](javascript:alert(1))"
    assert md_escape("<img src=x onerror=alert(1)>") == "\\<img src=x onerror=alert(1)\\>"
    assert md_escape("# titre\n- liste\n+ plus\n1. un\n> cite") == (
        "\\# titre\n\\- liste\n\\+ plus\n1\\. un\n\\> cite"
    )
    assert md_escape("*a* _b_ `c` | d ~e~ &amp;") == "\\*a\\* \\_b\\_ \\`c\\` \\| d \\~e\\~ \\&amp;"
    assert md_escape("Lemaire & Associés, e-mail 3.5") == "Lemaire & Associés, e-mail 3.5"
    assert md_escape("a\\b") == "a\\\\b"


def test_every_answer_is_in_each_document(minutes):
    markdown = render(minutes, "md")
    page = html_lib.unescape(re.sub(r"<[^>]+>", " ", render(minutes, "html")))
    _, _, word = docx_text(render(minutes, "docx"))
    for participant, value in all_values(minutes):
        if not isinstance(value, str) or value in ("oui", "non"):
            continue  # lists, numbers and yes/no are shown through their labels
        first_line = value.split("\n")[0]
        assert first_line in page, first_line
        assert first_line in word, first_line
        assert md_escape(first_line) in markdown, first_line
        if participant:
            assert participant in page and participant in word


def test_anonymous_answers_are_nameless_in_every_document(minutes):
    anonymous = [p for s in minutes.segments for p in s.prompts if p.anonymous]
    assert {p.id for p in anonymous} == {"outille-alliance", "satisfaction"}
    markdown = render(minutes, "md")
    section = markdown.split("Vous sentez-vous aujourd'hui outillé·e")[1].split("####")[0]
    assert section.count("*anonyme*") == 5
    assert "Camille Martin" not in section and "Karim Haddad" not in section
    page = render(minutes, "html")
    # the prompt's own block (the workshops that follow it list their participants)
    block = page.split('id="q-outille-alliance"')[1].split("</div>")[0]
    assert block.count('<span class="who nameless">anonyme</span>') == 5
    assert "Camille Martin" not in block and "Karim Haddad" not in block
    assert 'class="at"></span>' in block  # no time either
    paragraphs, _, _ = docx_text(render(minutes, "docx"))
    texts = [t for _, t in paragraphs]
    start = texts.index("Vous sentez-vous aujourd'hui outillé·e pour faire alliance ?")
    ballots = [t for t in texts[start : start + 12] if t.startswith("anonyme")]
    assert ballots == ["anonyme : non"] * 2 + ["anonyme : oui"] * 3
    satisfaction = texts[texts.index("Comment évaluez-vous cet après-midi ?") :][:20]
    assert not any("Nathalie Roux" in t for t in satisfaction)


# -- HTML -------------------------------------------------------------------------------------------
def test_html_is_self_contained_printable_and_escaped(minutes):
    page = render(minutes, "html")
    assert isinstance(page, str) and page.startswith("<!DOCTYPE html>")
    assert '<html lang="fr">' in page
    assert "<script" not in page.replace("&lt;script&gt;", "")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'href="javascript' not in page and "<a " not in page
    assert not re.search(r"(src|href)=\"?https?:", page)
    assert "@media print" in page and "break-after: avoid" in page
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert "<svg" in page and "<rect" in page  # result charts drawn inline
    assert "Compte rendu" in page and "jeudi 26 novembre 2026" in page
    assert "Horaires" in page and "14 h – 17 h 25" in page
    assert page.count('<article class="segment"') == len(minutes.segments)
    assert "Moyenne : 4,25 (de 1 à 5)" in page


def test_html_charts_are_proportional(minutes):
    page = render(minutes, "html")
    block = page.split('id="q-odd17-familier"')[1].split("</table>")[0]
    widths = re.findall(r'<rect width="([\d.]+)" height="10"/>', block)
    assert widths == ["100.0", "33.3"]  # oui 3, non 1
    assert "3 (75 %)" in block and "1 (25 %)" in block


# -- DOCX ------------------------------------------------------------------------------------------
def test_docx_has_real_headings_and_tables(minutes):
    data = render(minutes, "docx")
    assert isinstance(data, bytes) and data[:2] == b"PK"
    paragraphs, tables, body = docx_text(data)
    headings = [
        (style, text) for style, text in paragraphs if style.startswith(("Heading", "Title"))
    ]
    assert ("Title", "Co-construisons demain") in headings
    assert ("Heading 1", "Participants") in headings
    assert ("Heading 1", "Déroulé : prévu et réel") in headings
    assert ("Heading 2", "3. Relisons notre histoire") in headings
    assert ("Heading 1", "Relevé des actions") in headings
    attendance = next(t for t in tables if t[0] == ["Nom", "Organisation", "Groupe", "Présence"])
    assert [
        "Bertrand Vasseur",
        "Association des élus pour des territoires solidaires",
        "leaders-opinion",
        # the dot joined (U+2060 on both sides): never broken « représenté· / e » in a column
        "représenté\u2060·\u2060e par Anne-Laure Delmas",
    ] in attendance
    schedule = next(t for t in tables if t[0][:3] == ["#", "Séquence", "Prévu"])
    assert len(schedule) == 1 + len(minutes.segments) + 1
    assert schedule[3][1] == "Relisons notre histoire"
    assert schedule[3][2] == "14 h 20 – 14 h 35 (15 min)"
    actions = next(
        t for t in tables if t[0][:3] == ["Action", "Responsable", "Échéance"] and len(t[0]) == 4
    )
    assert actions[1][:3] == ["Envoyer le compte rendu", "Olivier Dumas", "15 décembre 2026"]
    assert HOSTILE["script"] in body and HOSTILE["link"] in body
    document = Document(io.BytesIO(data))
    assert document.core_properties.language == "fr-FR"
    assert document.core_properties.title == "Compte rendu — Co-construisons demain"


def test_control_characters_do_not_break_the_documents(tmp_path):
    # written straight to the journal, as an older version or another writer could have
    from seminar_cli.journal.events import EventType
    from tests.minutes_helpers import open_recorded

    rec = open_recorded(tmp_path)
    rec.writer.record(EventType.segment_started, segment="relisons")
    rec.writer.record(EventType.prompt_opened, prompt="moment-marquant", segment="relisons")
    rec.writer.record(
        EventType.answer_given, prompt="moment-marquant", value="bip\x07 nul\x00 fin\x1b[31m"
    )
    minutes = rec.minutes()
    data = render(minutes, "docx")
    assert "bip nul fin[31m" in docx_text(data)[2]
    assert "bip nul fin[31m" in render(minutes, "html")


# -- the language of the session -------------------------------------------------------------------
def test_an_english_session_gets_english_documents(tmp_path):
    minutes = run_headless(tmp_path, "team-retrospective").minutes()
    page = render(minutes, "html")
    assert '<html lang="en">' in page
    assert "Schedule: planned and actual" in page and "Action list" in page
    assert "Thursday 26 November 2026" in page
    markdown = render(minutes, "md")
    assert "## Attendance" not in markdown and "## Participants" in markdown
    assert "- **Date**: Thursday 26 November 2026" in markdown
    assert "Déroulé" not in markdown
    paragraphs, _, _ = docx_text(render(minutes, "docx"))
    assert ("Heading 1", "Schedule: planned and actual") in paragraphs
    # an English spreadsheet splits on commas, a French one on semicolons
    assert render(minutes, "csv").startswith("\ufeffsession,segment,prompt,")


def test_a_draft_is_marked_in_every_format(tmp_path):
    from seminar_cli.journal.events import EventType
    from tests.minutes_helpers import open_recorded

    rec = open_recorded(tmp_path)
    rec.writer.record(EventType.segment_started, segment="accueil")
    rec.clock.advance(300)
    rec.writer.record(EventType.note, segment="accueil", text="En cours")
    minutes = rec.minutes()
    assert minutes.session.draft
    assert "PROJET — séance en cours" in render(minutes, "md")
    assert "PROJET — séance en cours" in render(minutes, "html")
    document = Document(io.BytesIO(render(minutes, "docx")))
    assert "PROJET — séance en cours" in document.sections[0].header.paragraphs[0].text
    assert json.loads(render(minutes, "json"))["session"]["draft"] is True
    assert "en cours depuis 14 h (5 min)" in render(minutes, "md")
