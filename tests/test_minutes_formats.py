"""The minutes read the way their consumers read them (issue #13): Markdown through markdown-it,
CSV through pandas, JSON through a JSON Schema validator, DOCX as its XML, HTML's print CSS."""

from __future__ import annotations

import html as html_lib
import io
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
        EventType.action, segment="priorites", text="Diffuser", owner="Inès Benali", due="2026-12-15"
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
    text = french_spacing("Lieu : Lyon ; « oui » ? Non ! 7 h, 14 %, 15 min, à 14:00 https://a.b/c?d=1")
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
        for prompt in segment.prompts:
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
    prompt = next(p for s in data["segments"] for p in s["prompts"] if p["id"] == "keep-sprint-length")
    assert {(r["value"], r["label"]) for r in prompt["responses"]} == {("oui", "yes"), ("non", "no")}
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
    # secret ballots, one row each, add up like a room's tally
    assert totals.loc["election-camille-martin"].to_dict() == {"contre": 1, "pour": 4}
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
    assert len(frame) == len(resolutions) == 10
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
        "majority",
        "outcome",
    ]
    quitus = frame.set_index("prompt").loc["quitus-conseil"]
    assert (quitus["pour"], quitus["contre"], quitus["abstention"]) == (4, 4, 1)
    assert quitus["outcome"] == "rejetée" and quitus["ballot"] == "main levée"
    assert frame["outcome"].value_counts().to_dict() == {
        "adoptée": 7,
        "rejetée": 2,
        "non mise aux voix": 1,
    }
    assert render(assembly, "csv") != render(assembly.model_copy(update={"kind": "compte-rendu"}), "csv")


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
    assert zipfile  # DOCX tests below read the package's XML
