"""The minutes read the way their consumers read them (issue #13): Markdown through markdown-it,
CSV through pandas, JSON through a JSON Schema validator, DOCX as its XML, HTML's print CSS."""

from __future__ import annotations

import html as html_lib
import io
import itertools
import json
import re
import subprocess
import zipfile
from pathlib import Path

import jsonschema
import pandas as pd
import pytest
from docx import Document
from markdown_it import MarkdownIt

from seminar_cli.journal.events import EventType
from seminar_cli.minutes.exporters import FORMAT_NAMES, get_exporter
from seminar_cli.minutes.exporters.text import NBSP, NNBSP, Formatter, french_spacing
from seminar_cli.minutes.model import Minutes, minutes_schema
from tests.conftest import seminar_cmd, subprocess_env
from tests.minutes_helpers import AG_ANSWERS, SEMINAR_ANSWERS, run_headless

REPO = Path(__file__).resolve().parent.parent


def render(minutes: Minutes, name: str) -> str | bytes:
    exporter = get_exporter(name)
    assert exporter is not None
    return exporter.render(minutes)


@pytest.fixture(scope="module")
def seminar(tmp_path_factory) -> Minutes:
    rec = run_headless(tmp_path_factory.mktemp("cr"), answers=SEMINAR_ANSWERS)
    # a decision and an action right after a prompt's list of answers
    rec.writer.record(EventType.decision, segment="priorites", text="Classement adopté")
    rec.writer.record(
        EventType.action,
        segment="priorites",
        text="Diffuser",
        owner="Inès Benali",
        due="2026-12-15",
    )
    rec.writer.record(EventType.note, text="Voir https://exemple.org/page?x=1 ; fin")
    return rec.minutes()


@pytest.fixture(scope="module")
def assembly(tmp_path_factory) -> Minutes:
    rec = run_headless(tmp_path_factory.mktemp("ag"), "assemblee-generale", answers=AG_ANSWERS)
    return rec.minutes("pv")


@pytest.fixture(scope="module")
def english(tmp_path_factory) -> Minutes:
    answers = {
        "keep-sprint-length": [{"participant": "Sam Taylor", "value": "yes"}, "no"],
    }
    rec = run_headless(tmp_path_factory.mktemp("en"), "team-retrospective", answers=answers)
    return rec.minutes()


# -- 1. Markdown as a CommonMark renderer reads it ----------------------------------------------
def test_markdown_labels_after_answers_are_not_folded_into_the_last_answer(seminar):
    tokens = MarkdownIt("commonmark").parse(render(seminar, "md"))
    depth = 0
    labels_in_lists: list[str] = []
    labels_outside: list[str] = []
    for token in tokens:
        if token.type in ("bullet_list_open", "ordered_list_open"):
            depth += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
        elif token.type == "inline" and re.fullmatch(r"\*\*(Décisions|Actions)\*\*", token.content):
            (labels_in_lists if depth else labels_outside).append(token.content)
    assert labels_outside.count("**Décisions**") == 1
    assert labels_outside.count("**Actions**") == 1
    assert labels_in_lists == []
    html = MarkdownIt("commonmark").render(render(seminar, "md"))
    # the decision is its own list item, after the label, not part of an answer
    assert re.search(r"<p><strong>Décisions</strong></p>\s*<ul>\s*<li>[^<]*Classement adopté", html)


def test_pv_markdown_keeps_every_paragraph_out_of_the_lists(assembly):
    html = MarkdownIt("commonmark").render(render(assembly, "md"))
    for item in re.findall(r"<li>(.*?)</li>", html, flags=re.S):
        assert "<strong>" not in item or item.startswith("<strong>"), item


# -- 4. French typography -----------------------------------------------------------------------
def test_french_spacing_is_one_rule():
    text = french_spacing(
        "Lieu : Lyon ; « oui » ? Non ! 7 h, 14 %, 15 min, à 14:00 https://a.b/c?d=1"
    )
    assert text == (
        f"Lieu{NBSP}: Lyon{NNBSP}; «{NBSP}oui{NBSP}»{NNBSP}? Non{NNBSP}! 7{NBSP}h, 14{NBSP}%, "
        f"15{NBSP}min, à 14:00 https://a.b/c?d=1"
    )
    fr = Formatter("fr")
    assert fr.percent(14, 100) == f"14{NBSP}%" and fr.duration(7 * 3600) == f"7{NBSP}h"
    assert fr("min.tally.cast") == "Suffrages exprimés"
    assert Formatter("en").colon == ": " and fr.colon == f"{NBSP}: "


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_french_documents_never_break_a_figure_or_before_punctuation(assembly, seminar, fmt):
    for minutes in (assembly, seminar):
        data = render(minutes, fmt)
        if isinstance(data, bytes):
            document = Document(io.BytesIO(data))
            cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
            text = "\n".join([p.text for p in document.paragraphs] + cells)
        else:
            text = data
        assert f"{NBSP}h" in text and f"{NBSP}:" in text
        # the tool's own words: no breakable space before a unit or « : ; ? ! »
        own = text
        if fmt == "html":
            own = html_lib.unescape(re.sub(r"<[^>]+>", "\n", own))
        for typed in people_text(minutes):  # people's text is theirs: left as typed
            own = own.replace(typed, "")
        assert not re.search(r"\d (h|min|s|%)(?!\w)", own), fmt
        assert not re.search(r"\w [:;!](\s|$)", own), re.findall(r".{30}\w [:;!](?:\s|$)", own)
    if fmt == "md":
        # participants' and secretaries' text is left as typed, URLs included
        assert "https://exemple.org/page?x=1 ; fin" in render(seminar, "md")


def people_text(minutes: Minutes) -> list[str]:
    """What people wrote (the agenda's author, participants, the secretary), longest first."""
    texts: list[str] = [minutes.session.title, minutes.session.subtitle or ""]
    for segment in minutes.segments:
        texts += [segment.title, segment.description or ""]
        texts += [r.text for r in (*segment.notes, *segment.decisions, *segment.actions)]
        prompts = list(segment.prompts)
        for workshop in segment.workshops:
            texts += [workshop.title, workshop.room or "", workshop.facilitator or ""]
            texts += [workshop.description or "", *workshop.participants]
            texts += [r.text for r in (*workshop.notes, *workshop.decisions, *workshop.actions)]
            prompts += [*workshop.prompts, *workshop.shared]
        for prompt in prompts:
            texts += [prompt.question, prompt.description or "", prompt.text or ""]
            texts += [str(r.value) for r in prompt.responses] + prompt.options
    texts += [r.text for r in (*minutes.notes, *minutes.decisions, *minutes.actions)]
    if minutes.assembly and minutes.assembly.convocation:
        texts.append(minutes.assembly.convocation)
    return sorted((t for t in texts if t), key=len, reverse=True)


# -- 5 and 6. codes and labels; CSV through pandas ----------------------------------------------
def read_csv(data: str, lang: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(data), sep=";" if lang == "fr" else ",", encoding="utf-8-sig")


def test_english_csv_and_json_say_yes_and_no_with_codes_in_json(english):
    data = json.loads(render(english, "json"))
    prompt = next(
        p for s in data["segments"] for p in s["prompts"] if p["id"] == "keep-sprint-length"
    )
    assert {(r["value"], r["label"]) for r in prompt["responses"]} == {
        ("oui", "yes"),
        ("non", "no"),
    }
    assert prompt["labels"] == {"oui": "yes", "non": "no"}
    assert set(prompt["summary"]["counts"]) == {"oui", "non"}
    frame = read_csv(render(english, "csv"), "en")
    values = frame[frame["prompt"] == "keep-sprint-length"]["value"].tolist()
    assert sorted(values) == ["no", "yes"]
    assert "oui" not in frame["value"].tolist() and "non" not in frame["value"].tolist()


def test_csv_tallies_are_numeric_columns_a_pivot_table_sums(seminar, assembly):
    report = assembly.model_copy(update={"kind": "compte-rendu"})
    frame = read_csv(render(report, "csv"), "fr")
    for code in ("pour", "contre", "abstention", "blanc"):
        assert pd.api.types.is_numeric_dtype(frame[code]), code
    votes = frame[frame["type"] == "vote"]
    totals = votes.pivot_table(index="prompt", values=["pour", "contre"], aggfunc="sum")
    assert totals.loc["approbation-comptes"].to_dict() == {"contre": 3, "pour": 5}
    assert not votes["value"].astype(str).str.contains("=").any()
    # a multi's picks and a ranking's items are rows of one answer: counted without reshaping
    cr = read_csv(render(seminar, "csv"), "fr")
    picks = cr[cr["prompt"] == "competences-catalyseurs"]
    assert picks.groupby("answer").size().to_dict() == {1: 3, 2: 2}
    ranking = cr[(cr["prompt"] == "priorites-classement") & (cr["answer"] == 1)]
    assert ranking["rank"].tolist() == [1, 2, 3, 4, 5, 6]
    ratings = cr[cr["prompt"] == "reconnaissance-recit"]["value"].astype(int)
    assert ratings.mean() == 4.25


def test_pv_csv_is_the_resolutions_table(assembly):
    frame = read_csv(render(assembly, "csv"), "fr")
    resolutions = assembly.assembly.resolutions
    assert len(frame) == len(resolutions) == 7
    assert list(frame.columns) == [
        "session",
        "number",
        "segment",
        "prompt",
        "question",
        "ballot",
        "pour",
        "contre",
        "abstention",
        "blanc",
        "votes_cast",
        "ballots",
        "voters",
        "majority",
        "outcome",
    ]
    quitus = frame.set_index("prompt").loc["quitus-conseil"]
    assert (quitus["pour"], quitus["contre"], quitus["abstention"]) == (4, 4, 1)
    assert quitus["outcome"] == "rejetée" and quitus["ballot"] == "main levée"
    assert frame["outcome"].value_counts().to_dict() == {
        "adoptée": 5,
        "rejetée": 2,
    }
    assert render(assembly, "csv") != render(
        assembly.model_copy(update={"kind": "compte-rendu"}), "csv"
    )


# -- 7. the published schema of the JSON minutes ------------------------------------------------
def test_every_json_export_validates_against_the_published_schema(seminar, assembly, english):
    schema = minutes_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    published = json.loads((REPO / "docs" / "minutes-schema.json").read_text(encoding="utf-8"))
    assert published == schema
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    for minutes in (seminar, assembly, english):
        data = json.loads(render(minutes, "json"))
        errors = [e.message for e in validator.iter_errors(data)]
        assert errors == []
    broken = json.loads(render(assembly, "json"))
    broken["assembly"]["resolutions"][0]["adopted"] = "oui"
    assert list(validator.iter_errors(broken))


def test_export_schema_prints_the_schema_without_a_journal(tmp_path):
    done = subprocess.run(
        [*seminar_cmd(), "export", "--schema"],
        capture_output=True,
        env=subprocess_env(tmp_path),
        cwd=tmp_path,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == minutes_schema()
    assert not list(tmp_path.glob("*.sqlite3"))


def test_every_format_is_covered():
    assert set(FORMAT_NAMES) == {"md", "html", "docx", "json", "csv"}


# -- 3. DOCX as Word reads its XML ----------------------------------------------------------------
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_xml(minutes: Minutes) -> tuple[object, dict[str, bytes]]:
    from lxml import etree

    data = render(minutes, "docx")
    assert isinstance(data, bytes)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    return etree.fromstring(parts["word/document.xml"]), parts


def style_of(paragraph) -> str:
    style = paragraph.find(f"{W}pPr/{W}pStyle")
    return style.get(f"{W}val") if style is not None else ""


def keeps(paragraph) -> bool:
    return paragraph.find(f"{W}pPr/{W}keepNext") is not None


def text_of(element) -> str:
    return "".join(element.itertext())


@pytest.mark.parametrize("which", ["seminar", "assembly"])
def test_docx_headings_keep_with_next_and_never_skip_a_level(which, request):
    minutes = request.getfixturevalue(which)
    body, _ = docx_xml(minutes)
    levels = []
    within = ""  # the last heading of level 3
    for paragraph in body.iter(f"{W}p"):
        match = re.fullmatch(r"Heading(\d)", style_of(paragraph))
        if match:
            levels.append(int(match.group(1)))
            assert keeps(paragraph), text_of(paragraph)
            if levels[-1] == 3:
                within = text_of(paragraph)
            elif levels[-1] > 3:
                # questions are siblings of « Notes », « Décisions »: one level down only in
                # a workshop (PRODUCT §8), or where its questions are compared
                assert within.startswith(("Atelier «", "La même question")), text_of(paragraph)
    assert levels[0] == 1
    for before, after in itertools.pairwise(levels):
        assert after <= before + 1, (before, after)


def test_docx_resolution_block_is_kept_with_its_tally_and_verdict(assembly):
    document, _ = docx_xml(assembly)
    blocks = list(document.find(f"{W}body"))
    heading = next(
        i for i, el in enumerate(blocks) if text_of(el).startswith("Quatrième résolution")
    )
    verdict = next(
        i for i in range(heading, len(blocks)) if text_of(blocks[i]).startswith("Cette résolution")
    )
    for element in blocks[heading:verdict]:
        if element.tag == f"{W}p":
            assert keeps(element), text_of(element)
        else:  # the tally table: every cell's paragraph keeps with the next
            assert element.tag == f"{W}tbl"
            assert all(keeps(p) for p in element.iter(f"{W}p"))


def test_docx_tables_repeat_their_header_and_rows_never_split(tmp_path):
    answers = dict(AG_ANSWERS)
    rec = run_headless(tmp_path, "assemblee-generale", answers=answers)
    # 85 people on the attendance table: it runs over a page
    for index in range(85):
        rec.writer.record(EventType.attendance, participant=f"Membre {index:02d}", status="present")
    body, _ = docx_xml(rec.minutes("pv"))
    tables = list(body.iter(f"{W}tbl"))
    people = max(tables, key=lambda t: len(t.findall(f"{W}tr")))
    rows = people.findall(f"{W}tr")
    assert len(rows) > 85
    assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None
    assert all(row.find(f"{W}trPr/{W}cantSplit") is not None for row in rows)
    assert all(row.find(f"{W}trPr/{W}tblHeader") is None for row in rows[1:])
    for table in tables:  # every data table (the signatures are one row of two cells)
        if len(table.findall(f"{W}tr")) > 1:
            assert table.find(f"{W}tr/{W}trPr/{W}tblHeader") is not None


def test_docx_properties_say_the_session(assembly):
    data = render(assembly, "docx")
    document = Document(io.BytesIO(data))
    props = document.core_properties
    session = assembly.session
    assert props.title.startswith("Procès-verbal de l'assemblée générale ordinaire")
    assert props.language == "fr-FR"
    assert props.created.date() == (session.started_at or session.opened_at).date()
    assert props.created.year >= 2026 and props.modified >= props.created
    assert "python-docx" not in (props.comments + props.author + props.last_modified_by)
    assert session.id in props.comments and props.comments.startswith("seminar ")
    _, parts = docx_xml(assembly)
    app = parts["docProps/app.xml"].decode()
    assert "<Application>seminar " in app and "Microsoft" not in app


# -- 2. the HTML's print CSS ------------------------------------------------------------------------
def print_css(html: str) -> str:
    style = re.search(r"<style>(.*?)</style>", html, flags=re.S)
    assert style
    return style.group(1)


@pytest.mark.parametrize("which", ["seminar", "assembly"])
def test_html_print_css_avoids_stranded_headings_and_near_empty_pages(which, request):
    html = render(request.getfixturevalue(which), "html")
    assert isinstance(html, str)
    css = re.sub(r"\s+", " ", print_css(html))
    # no forced page break anywhere: they left pages holding five lines
    assert not re.search(r"break-before:\s*page|page-break-before:\s*always", css)
    assert not re.search(r"break-after:\s*page|page-break-after:\s*always", css)
    media = css[css.index("@media print") :]
    assert re.search(r"h1, h2, h3, h4 \{[^}]*break-after: avoid", media)
    assert re.search(r"h3 \+ \.meta[^{]*\{[^}]*break-after: avoid", media)
    keep = re.search(r"\.resolution, \.prompt, tr, \.signatures, \.closing[^{]*\{([^}]*)\}", media)
    assert keep and "break-inside: avoid" in keep.group(1)
    assert "orphans: 3" in media and "widows: 3" in media
    # page numbers drawn by the browser in the page's bottom margin (Chromium 131+)
    assert re.search(
        r"@page \{[^@]*size: A4;[^@]*@bottom-center \{ content: counter\(page\) \" / \" "
        r"counter\(pages\);",
        css,
    )
    if which == "assembly":
        # the closing and its signatures are one block
        assert re.search(
            r'<div class="closing">\s*<h2>[^<]+</h2>.*?<div class="signatures">', html, re.S
        )
