"""Draft minutes of a prompt whose anonymous answers still wait for their shuffled batch: every
format says how many wait (never their values) instead of « Aucune réponse »."""

from __future__ import annotations

import html
import io
import json
import re
from pathlib import Path

import pytest
from docx import Document

from seminar_cli.agenda.loader import LoadedAgenda, parse_agenda_text
from seminar_cli.journal.events import EventType
from seminar_cli.journal.store import Journal
from seminar_cli.minutes.build import load_minutes
from seminar_cli.minutes.exporters.base import get_exporter
from seminar_cli.session.service import SessionSetup, SessionWriter, open_session
from seminar_cli.timer import SystemClock

AGENDA = """\
title: Confiance
language: {language}
segments:
  - id: tour
    title: Tour
    duration: 30m
    prompts:
      - {{id: confiance, question: "Votre confiance ?", type: rating, min: 1, max: 5, anonymous: true, who: open}}
"""
SENTENCE = {
    "fr": "{n} réponses anonymes en attente : elles seront comptées à la clôture de la question.",
    "en": "{n} anonymous answers pending: they will be counted when the question closes.",
}


def draft_with_pending(tmp_path: Path, language: str, answers: int) -> tuple[Journal, str]:
    text = AGENDA.format(language=language)
    loaded = LoadedAgenda(parse_agenda_text(text, "c.yaml"), "c.yaml", text)
    journal = Journal.open(tmp_path / "journal.db")
    clock = SystemClock()
    session_id = open_session(journal, loaded, SessionSetup(), clock)
    writer = SessionWriter(journal, journal.session(session_id), clock)
    writer.hold_anonymous_key()  # as the runner does
    writer.record(EventType.segment_started, segment="tour")
    writer.record(EventType.prompt_opened, prompt="confiance", segment="tour")
    for _ in range(answers):
        writer.record_anonymous("confiance", 5, None, watch=())
    return journal, session_id


def rendered_text(minutes: object, fmt: str) -> str:
    exporter = get_exporter(fmt)
    assert exporter is not None
    data = exporter.render(minutes)  # type: ignore[arg-type]
    if isinstance(data, bytes):
        text = "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)
    elif fmt == "html":
        text = html.unescape(re.sub(r"<[^>]+>", " ", data))
    else:
        text = data
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_a_draft_says_how_many_anonymous_answers_wait(
    tmp_path: Path, language: str, fmt: str
) -> None:
    journal, session_id = draft_with_pending(tmp_path, language, 4)
    try:
        minutes = load_minutes(journal, journal.session(session_id))
    finally:
        journal.close()
    text = rendered_text(minutes, fmt)
    assert SENTENCE[language].format(n=4) in text
    assert "Aucune réponse" not in text and "No answers" not in text


def test_the_json_draft_counts_them_without_their_values(tmp_path: Path) -> None:
    journal, session_id = draft_with_pending(tmp_path, "fr", 4)
    try:
        minutes = load_minutes(journal, journal.session(session_id))
    finally:
        journal.close()
    exporter = get_exporter("json")
    assert exporter is not None
    prompt = json.loads(exporter.render(minutes))["segments"][0]["prompts"][0]
    assert prompt["pending_anonymous"] == 4
    assert prompt["count"] == 0 and prompt["responses"] == []


def test_written_batches_and_the_rest_waiting_are_both_told(tmp_path: Path) -> None:
    # ten waiting: a batch of five is written, five still wait
    journal, session_id = draft_with_pending(tmp_path, "fr", 10)
    writer = SessionWriter(journal, journal.session(session_id), SystemClock())
    assert writer.drain_anonymous() == 5  # the runner's tick: only it opens the sealed answers
    try:
        minutes = load_minutes(journal, journal.session(session_id))
    finally:
        journal.close()
    prompt = minutes.segments[0].prompts[0]
    assert (prompt.count, prompt.pending_anonymous) == (5, 5)
    text = rendered_text(minutes, "md")
    assert "5 réponses · " + SENTENCE["fr"].format(n=5) in text
