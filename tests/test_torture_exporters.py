"""Hostile text in every exporter, end to end through the command line.

Participants' answers and names (``--answers``), the secretary's notes, decisions, actions and
owners (``seminar note/decision/action``), the title, place, facilitator and secretary given as
flags to ``seminar start``: scripts, closing tags, Markdown links and images, template syntax,
spreadsheet formulas, quotes and line breaks, a very long text, right-to-left text and emoji.
Each format keeps them as text: HTML shows no tag of theirs, Markdown renders no link of theirs,
CSV neutralises formulas and parses back to one row per answer, DOCX opens again with
python-docx, JSON gives back exactly what was recorded.
"""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from docx import Document
from markdown_it import MarkdownIt

from tests.session_helpers import InstantClock

LONG = ("Une contribution très longue, " * 500).strip()  # 15,000 characters
HOSTILE = [
    "<script>alert('x')</script>",
    "</textarea><img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "[cliquez ici](javascript:alert(1))",
    "![pixel](https://evil.example/pixel.png)",
    "<https://evil.example/auto>",
    "[réf][1]\n\n[1]: https://evil.example/ref",
    "{{ 7 * 7 }} {% raw %}brut{% endraw %} {# commentaire #} ${x}",
    '=HYPERLINK("https://evil.example","Cliquez")',
    "+33 6 12 34 56 78",
    "-2+3",
    "@SUM(A1:A9)",
    'Guillemets "doubles", point-virgule ; virgule, et\nune nouvelle ligne\n\n"fin"',
    "مرحبا بكم في الندوة — שלום",
    "🎉👩🏽‍💻🇫🇷 ✨",
    "| a | b |\n|---|---|\n| c | d |",
    "# Pas un titre\n- pas une liste\n> pas une citation\n```\ncode\n```\n    indenté",
    "&lt;b&gt; &amp; &#x3C;script&#x3E; &copy;",
    "<!-- commentaire --> <?php echo 1; ?> <![CDATA[x]]>",
    "*gras* _italique_ ~~barré~~ `code` \\échappé __souligné__",
    "1. pas une liste numérotée\n2) non plus",
    "Ligne\\\nsuivante<br>",
    LONG,
]
NAMES = [
    "<b>Inès</b>",
    "[Hugo](javascript:alert(1))",
    "=cmd|' /C calc'!A0",
    'O\'Brien "le Grand"',
    "علي بن أحمد",
    "Zoé 🎉",
    "{{ participant }}",
]
FLAGS = {
    "--title": "<title>Séminaire</title> {{ titre }}",
    "--place": "[Lyon](javascript:alert(1)) <b>salle 2</b>",
    "--facilitator": '=HYPERLINK("https://evil.example")',
    "--secretary": "مريم <i>ש</i> 🎉",
}
OWNER = "<script>owner()</script> =A1+1 [Moi](javascript:x)"

AGENDA = """\
title: Séance hostile
language: {lang}
segments:
  - id: atelier
    title: Atelier
    duration: 10m
    prompts:
      - id: idee
        question: "Votre idée ?"
        type: long_text
      - id: mots
        question: "Trois mots ?"
        type: words
        max_words: 5
  - id: cloture
    title: Clôture
    duration: 5m
    prompts:
      - id: resolution
        question: "Adoptez-vous <b>la motion</b> [x](javascript:y) ?"
        text: "{{ resolution }} <script>r()</script> =SUM(1)"
        type: vote
        who: room
"""
# what the agenda itself says is escaped too (it is text, whoever wrote it)
AGENDA_TEXTS = [
    "Adoptez-vous <b>la motion</b> [x](javascript:y) ?",
    "{{ resolution }} <script>r()</script> =SUM(1)",
]
WORDS = ["<b>gras</b>", "[lien](javascript:x)", "=1+1", "{{ x }}", "🎉"]


@pytest.fixture
def app_clock() -> type[InstantClock]:
    """Rehearsals at full speed take no time: the sessions ``cli`` runs sleep on this clock."""
    return InstantClock


def record_hostile_session(cli: Any, tmp_path: Path, lang: str) -> str:
    agenda = tmp_path / "hostile.yaml"
    agenda.write_text(AGENDA.replace("{lang}", lang), encoding="utf-8")
    answers: dict[str, Any] = {
        "idee": [
            {"participant": NAMES[i % len(NAMES)] + ("" if i < len(NAMES) else f" {i}"), "value": v}
            for i, v in enumerate(HOSTILE)
        ],
        "mots": [{"participant": "Mots", "value": WORDS}],
        "resolution": {"pour": 7, "contre": 2, "abstention": 1},
    }
    answers_file = tmp_path / "answers.yaml"
    answers_file.write_text(yaml.safe_dump(answers, allow_unicode=True), encoding="utf-8")
    flags = [item for pair in FLAGS.items() for item in pair]
    started = cli(
        "start",
        str(agenda),
        "--no-input",
        "--speed",
        "10000",
        "--answers",
        str(answers_file),
        *flags,
    )
    assert started.code == 0, started.err
    session_id = json.loads(cli("sessions", "list", "--json").out)[0]["id"]
    for text in HOSTILE:
        for command in ("note", "decision"):
            # "--": a text that starts with "-" is not an option
            done = cli(command, "--session", session_id, "--segment", "atelier", "--", text)
            assert done.code == 0, done.err
    done = cli(
        "action",
        HOSTILE[0],
        "--owner",
        OWNER,
        "--session",
        session_id,
        "--segment",
        "atelier",
        "--due",
        "2026-12-01",
    )
    assert done.code == 0, done.err
    return session_id


def export(cli: Any, session_id: str, fmt: str, tmp_path: Path) -> bytes:
    target = tmp_path / f"minutes.{fmt}"
    result = cli("export", session_id, "--format", fmt, "--output", str(target), "--force")
    assert result.code == 0, result.err
    assert "Traceback" not in result.err
    return target.read_bytes()


def one_line(text: str) -> list[str]:
    """The pieces of a text that any document keeps on one line."""
    return [line.strip() for line in text.split("\n") if line.strip()]


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


class Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.comments: list[str] = []
        self.other: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)

    def handle_pi(self, data: str) -> None:
        self.other.append(data)

    def unknown_decl(self, data: str) -> None:
        self.other.append(data)


# tags the participants typed; the template's own are headings, tables, spans, charts (svg)
FORBIDDEN_TAGS = {"script", "img", "textarea", "a", "iframe", "object", "embed", "form", "input"}
FORBIDDEN_TAGS |= {"link", "base", "b", "i"}


def check_html(page: str, expected: list[str]) -> None:
    parser = Page()
    parser.feed(page)
    tags = [tag for tag, _ in parser.tags]
    # the template's own markup only: none of the participants' tags became one
    assert tags.count("title") == 1 and tags.count("b") == 0 and tags.count("i") == 0
    bad = {t for t in tags if t in FORBIDDEN_TAGS}
    assert not bad, bad
    for tag, attrs in parser.tags:
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name)
            if name in ("href", "src", "xlink:href", "action", "style", "srcset"):
                assert "javascript" not in (value or ""), (tag, name, value)
    assert not parser.comments and not parser.other
    text = flat(" ".join(parser.text))
    for value in expected:
        for piece in one_line(value):
            assert flat(piece) in text, piece[:80]


def check_markdown(document: str, expected: list[str]) -> None:
    rendered = MarkdownIt("commonmark").enable("table").enable("strikethrough").render(document)
    parser = Page()
    parser.feed(rendered)
    tags = {tag for tag, _ in parser.tags}
    # Markdown's own constructs, made by the template: headings, lists, tables, emphasis, quotes
    allowed = {"h1", "h2", "h3", "h4", "h5", "p", "ul", "li", "strong", "em", "br", "hr"}
    allowed |= {"blockquote", "table", "thead", "tbody", "tr", "th", "td", "ol"}
    assert tags <= allowed, tags - allowed
    # none of the participants' links, images, raw HTML, code blocks or numbered lists
    assert "| a | b |" in flat(" ".join(parser.text))  # their table stayed text
    assert not parser.comments and not parser.other
    text = flat(" ".join(parser.text))
    for value in expected:
        for piece in one_line(value):
            assert flat(piece) in text, piece[:80]


def check_csv(data: bytes, lang: str, minutes: dict[str, Any]) -> None:
    text = data.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:]), delimiter=";" if lang == "fr" else ","))
    answers = [r for s in minutes["segments"] for p in s["prompts"] for r in p["responses"]]
    # one row per answer (per word of a words answer): the answer column numbers them
    assert len({(r[2], r[5]) for r in rows[1:]}) == len(answers) == 2 + len(HOSTILE)
    for row in rows:
        assert len(row) == len(rows[0])
        for cell in row:
            assert not cell.startswith(("=", "+", "@", "\t", "\r")), cell
            assert not cell.startswith("-") or re.fullmatch(r"-\d+([.,]\d+)?", cell), cell
    values = [row[rows[0].index("value")] for row in rows[1:]]
    names = [row[rows[0].index("participant")] for row in rows[1:]]
    for value in HOSTILE:
        assert value in values or "'" + value in values, value[:80]
    assert "'=cmd|' /C calc'!A0" in names


def check_docx(data: bytes, expected: list[str]) -> None:
    document = Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            texts += [cell.text for cell in row.cells]
    body = flat("\n".join(texts))
    for value in expected:
        for piece in one_line(value):
            assert flat(piece) in body, piece[:80]
    if LONG in expected:
        assert LONG in "\n".join(texts)


def check_json(minutes: dict[str, Any]) -> None:
    session = minutes["session"]
    assert session["title"] == FLAGS["--title"]
    assert session["place"] == FLAGS["--place"]
    assert session["facilitator"] == FLAGS["--facilitator"]
    assert session["secretary"] == FLAGS["--secretary"]
    atelier = minutes["segments"][0]
    idee, mots = atelier["prompts"]
    assert [r["value"] for r in idee["responses"]] == [v.strip() for v in HOSTILE]
    assert [r["participant"] for r in idee["responses"]][: len(NAMES)] == NAMES
    assert mots["responses"][0]["value"] == [w.lower() for w in WORDS]
    assert [n["text"] for n in atelier["notes"]] == [v.strip() for v in HOSTILE]
    assert [d["text"] for d in atelier["decisions"]] == [v.strip() for v in HOSTILE]
    (action,) = atelier["actions"]
    assert (action["text"], action["owner"], action["due"]) == (HOSTILE[0], OWNER, "2026-12-01")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_hostile_text_stays_text_in_every_format(cli, tmp_path: Path, lang: str) -> None:
    session_id = record_hostile_session(cli, tmp_path, lang)
    raw = export(cli, session_id, "json", tmp_path)
    minutes = json.loads(raw)
    check_json(minutes)
    # the JSON document round-trips exactly
    assert json.loads(json.dumps(minutes, ensure_ascii=False)) == minutes
    everything = [*HOSTILE, *NAMES, *FLAGS.values(), OWNER, AGENDA_TEXTS[0]]
    check_html(export(cli, session_id, "html", tmp_path).decode("utf-8"), everything)
    check_markdown(export(cli, session_id, "md", tmp_path).decode("utf-8"), everything)
    check_csv(export(cli, session_id, "csv", tmp_path), lang, minutes)
    check_docx(export(cli, session_id, "docx", tmp_path), everything)
    # and the procès-verbal, rendered by its own templates: the resolution and the place
    in_pv = [*AGENDA_TEXTS, FLAGS["--place"]]
    pv = {}
    for fmt in ("md", "html", "docx"):
        target = tmp_path / f"pv.{fmt}"
        result = cli("export", session_id, "-f", fmt, "--kind", "pv", "-o", str(target))
        assert result.code == 0, result.err
        pv[fmt] = target.read_bytes()
    check_html(pv["html"].decode("utf-8"), in_pv)
    check_markdown(pv["md"].decode("utf-8"), in_pv)
    check_docx(pv["docx"], in_pv)


CONTROLS = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


def test_control_characters_from_flags_and_records_reach_no_terminal_and_no_document(
    cli, tmp_path: Path
) -> None:
    """Escape sequences (which would clear or recolour the secretary's terminal when echoed, or
    the projector's in ``sessions show``) and bidi overrides given as flags or in a record are
    dropped as a participant's are; the letters around them stay."""
    agenda = tmp_path / "hostile.yaml"
    agenda.write_text(AGENDA.replace("{lang}", "fr"), encoding="utf-8")
    outputs: list[str] = []

    def run(*args: str) -> Any:
        result = cli(*args)
        assert result.code == 0, result.err
        outputs.extend([result.out, result.err])
        return result

    run(
        "start", str(agenda), "--no-input", "--speed", "10000",
        "--place", "Lyon\x1b[2J\u202eX", "--facilitator", "A\x07nne", "--secretary", "\x1b]0;t\x07Sam",
    )  # fmt: skip
    session_id = json.loads(run("sessions", "list", "--json").out)[0]["id"]
    run("note", "bip\x07 \x1b[31mrouge\u202e fin", "--segment", "atelier")
    run("decision", "Adopté\x1b[5m", "--segment", "atelier")
    run("action", "Agir\x1b[1m", "--owner", "Own\x1b[5mer\u2066", "--segment", "atelier")
    run("sessions", "show", session_id)
    run("sessions", "show", session_id, "--json")
    for fmt in ("md", "html", "csv", "json"):
        run("export", session_id, "--format", fmt, "--output", "-")
    for output in outputs:
        found = CONTROLS.search(output)
        assert found is None, (repr(found.group()) if found else "", output[:300])
    minutes = json.loads(cli("export", session_id, "--format", "json", "--output", "-").out)
    session = minutes["session"]
    assert (session["place"], session["facilitator"], session["secretary"]) == (
        "Lyon[2JX",
        "Anne",
        "]0;tSam",
    )
    atelier = minutes["segments"][0]
    assert [n["text"] for n in atelier["notes"]] == ["bip [31mrouge fin"]
    assert [d["text"] for d in atelier["decisions"]] == ["Adopté[5m"]
    assert [(a["text"], a["owner"]) for a in atelier["actions"]] == [("Agir[1m", "Own[5mer")]


def test_a_record_of_control_characters_only_is_empty(cli, tmp_path: Path) -> None:
    agenda = tmp_path / "hostile.yaml"
    agenda.write_text(AGENDA.replace("{lang}", "fr"), encoding="utf-8")
    assert cli("start", str(agenda), "--no-input", "--speed", "10000").code == 0
    result = cli("note", "\x1b\x07\u202e")
    assert result.code == 2
    assert "Traceback" not in result.err
    assert "vide" in result.err
    action = cli("action", "Agir", "--owner", "\x1b\x07")
    assert action.code == 2 and "responsable" in action.err


def test_a_joiner_name_with_control_characters_is_stored_without_them(cli, tmp_path: Path) -> None:
    from seminar_cli.agenda.loader import load_agenda
    from seminar_cli.journal.events import EventType
    from seminar_cli.journal.store import Journal
    from seminar_cli.session.service import SessionSetup, SessionWriter, open_session
    from seminar_cli.timer import SystemClock

    agenda = tmp_path / "hostile.yaml"
    agenda.write_text(AGENDA.replace("{lang}", "fr"), encoding="utf-8")
    journal = Journal.open(tmp_path / "journal.sqlite3")
    clock = SystemClock()
    session_id = open_session(journal, load_agenda(str(agenda)), SessionSetup(), clock)
    writer = SessionWriter(journal, journal.session(session_id), clock)
    writer.record(EventType.segment_started, segment="atelier")
    writer.record(EventType.prompt_opened, prompt="idee", segment="atelier")
    answers = tmp_path / "answers.yaml"
    answers.write_text("idee: [Bonjour]\n", encoding="utf-8")
    joined = cli(
        "join", "--no-input", "--answers", str(answers), "--name", "\x1b[31mIn\u202eès\x07"
    )
    assert joined.code == 0, joined.err
    assert CONTROLS.search(joined.err) is None
    writer.sync()
    assert [(a.participant, a.value) for a in writer.state.answers["idee"]] == [
        ("[31mInès", "Bonjour")
    ]


BRACKETS = """\
title: "Séminaire [version 2] :fire:"
language: fr
participants:
  - {name: "Ana [cnrs]", organization: "[b]Org[/b]"}
segments:
  - id: un
    title: "Atelier [optionnel]"
    duration: 1m
    prompts:
      - {id: t, question: "Vote [résolution 1] ?", type: text}
"""


def test_square_brackets_and_emoji_codes_are_shown_as_typed_in_the_terminal(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rich would read "[optionnel]" as a style and drop it, ":fire:" as an emoji: a title, a
    name or a question in a terminal table is text too."""
    monkeypatch.setenv("COLUMNS", "200")
    folder = tmp_path / "agendas"
    folder.mkdir()
    (folder / "crochets.yaml").write_text(BRACKETS, encoding="utf-8")
    started = cli(
        "start", str(folder / "crochets.yaml"), "--no-input", "--speed", "10000",
        "--facilitator", "Jean [x]", "--place", "[red]Lyon[/red]",
    )  # fmt: skip
    assert started.code == 0, started.err
    listed = cli("sessions", "list")
    assert "Séminaire [version 2] :fire:" in listed.out
    shown = cli("sessions", "show").out
    for text in (
        "Séminaire [version 2] :fire:",
        "Jean [x]",
        "[red]Lyon[/red]",
        "Ana [cnrs]",
        "[b]Org[/b]",
        "Atelier [optionnel]",
        "Vote [résolution 1] ?",
    ):
        assert text in shown, text
    assert "Séminaire [version 2] :fire:" in cli("agenda", "list").out
