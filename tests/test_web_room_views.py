"""What the phones and the projector's /screen show of closed prompts (issue #14's review):
figures written as the session's language writes them, codes by their words, a rating's values
with their numbers, results in agenda order, the projector's results of one segment; and a
name refused at the door stays in the box. Through a real uvicorn server on 127.0.0.1."""

from __future__ import annotations

import html
import os
import re
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from seminar_cli.agenda.loader import LoadedAgenda, parse_agenda_text
from seminar_cli.journal.events import EventType
from seminar_cli.journal.store import Journal
from seminar_cli.session.service import SessionSetup, SessionWriter, open_session
from seminar_cli.timer import SystemClock
from seminar_cli.web.server import WebServer

CODE = "VUES42"
AGENDA = """\
title: Résultats à la salle
language: {language}
participants:
  - name: Inès Benali
  - name: Camille Martin
  - name: Sam Taylor
segments:
  - id: questions
    title: Questions
    duration: 30m
    prompts:
      - {{id: utilite, question: "Utilité ?", type: rating, min: 1, max: 5, labels: {{1: Pas du tout, 5: Tout à fait}}, who: open}}
      - {{id: suite, question: "Une suite ?", type: yesno, who: open}}
      - {{id: motion, question: "La motion ?", type: vote, who: open}}
      - {{id: ordre, question: "Classez", type: ranking, choices: [A, B, C], who: open}}
      - {{id: vide, question: "Personne ?", type: vote, who: open}}
  - id: apres
    title: Après
    duration: 30m
    prompts:
      - {{id: dernier, question: "Un dernier mot ?", type: choice, choices: [Oui, Non], who: open}}
"""
ANSWERS = {
    "Inès Benali": {"utilite": 4, "suite": "oui", "motion": "pour", "ordre": ["A", "B", "C"]},
    "Camille Martin": {"utilite": 4, "suite": "oui", "motion": "pour", "ordre": ["A", "C", "B"]},
}


class Room:
    """A session whose first segment's prompts were answered by two people, then all closed
    one after the other (as the segment's end closes them), served to phones."""

    def __init__(self, language: str) -> None:
        text = AGENDA.format(language=language)
        loaded = LoadedAgenda(parse_agenda_text(text, "vues.yaml"), "vues.yaml", text)
        self.journal = Journal.open(Path(os.environ["SEMINAR_DB"]))
        clock = SystemClock()
        session_id = open_session(self.journal, loaded, SessionSetup(), clock)
        self.writer = SessionWriter(self.journal, self.journal.session(session_id), clock)
        self.writer.record(EventType.segment_started, segment="questions")
        prompts = [p.id for p in loaded.agenda.segments[0].prompts]
        for prompt in prompts:
            self.writer.record(EventType.prompt_opened, prompt=prompt, segment="questions")
        for person, answers in ANSWERS.items():
            for prompt, value in answers.items():
                self.writer.record(
                    EventType.answer_given, prompt=prompt, participant=person, value=value
                )
        for prompt in prompts:  # agenda order, a few milliseconds apart: the last one is empty
            self.writer.record(EventType.prompt_closed, prompt=prompt)
        self.writer.record(EventType.segment_ended, segment="questions")
        self.server = WebServer(self.journal.path, session_id, host="127.0.0.1", port=0, code=CODE)
        self.base = self.server.start().url.rsplit("/j/", 1)[0]

    def page(self, path: str, *, name: str | None = None) -> str:
        """The page's text as read (tags dropped, spaces folded, no-break spaces as spaces)."""
        with httpx.Client(base_url=self.base, timeout=20) as client:
            if name is not None:
                client.post(f"/j/{CODE}", data={"name": name})
            response = client.get(path)
        assert response.status_code == 200, response.text
        return response.text

    def stop(self) -> None:
        self.server.stop()
        self.journal.close()


def read(page: str) -> str:
    page = re.sub(r"<meter[^>]*>.*?</meter>", " ", page)  # a bar's figure is written beside it
    text = html.unescape(re.sub(r"<[^>]+>", " ", page))
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


def result_ids(page: str) -> list[str]:
    return re.findall(r'<section class="results" aria-labelledby="r-([\w-]+)"', page)


@pytest.fixture
def room() -> Iterator[Room]:
    served = Room("fr")
    yield served
    served.stop()


def test_phone_results_read_as_french_writes_them_in_agenda_order(room: Room) -> None:
    page = room.page(f"/j/{CODE}", name="Sam Taylor")
    text = read(page)
    # prompts closed one after the other at a segment's end: the agenda's order
    assert result_ids(page) == ["utilite", "suite", "motion", "ordre", "vide"]
    assert "Moyenne : 4,0" in text
    assert "4.0" not in text
    # Borda: A 4 points, B and C 1 point each — singular
    assert "4 pts" in text
    assert "1 pt" in text and "1 pts" not in text
    # answers counted as French writes them: singular below 2; a vote counts its votes, as
    # the room screen does
    assert text.count("2 réponses") == 3 and "0 réponse Pas" not in text
    assert "2 voix Pour 2" in text
    assert "Personne ? 0 voix " in text and "(s)" not in text
    # codes by their words, as an option stands alone; a rating's values keep their numbers
    assert "Oui 2 Non 0" in text
    assert "Pour 2 Contre 0 Abstention 0 Blanc 0" in text
    assert "1 — Pas du tout 0" in text and "5 — Tout à fait 0" in text


def test_phone_results_in_english() -> None:
    served = Room("en")
    try:
        text = read(served.page(f"/j/{CODE}", name="Sam Taylor"))
    finally:
        served.stop()
    assert "Mean: 4.0" in text
    assert "1 pt" in text and "1 pts" not in text
    assert "Yes 2 No 0" in text
    assert "2 answers" in text and "2 votes For 2" in text and "0 votes" in text
    assert "(s)" not in text
    assert "For 2 Against 0" in text


def test_the_projector_shows_the_latest_segments_answered_results(room: Room) -> None:
    screen = f"/j/{CODE}/screen"
    # between segments: the results of the prompts the segment's end closed, agenda order,
    # without the vote nobody cast (an empty « Rejetée » tells a room nothing)
    page = room.page(screen)
    assert result_ids(page) == ["utilite", "suite", "motion", "ordre"]
    assert "Pour 2" in read(page)
    # the next segment runs and its own prompt closes: the projector shows that one alone
    room.writer.record(EventType.segment_started, segment="apres")
    room.writer.record(EventType.prompt_opened, prompt="dernier", segment="apres")
    room.writer.record(
        EventType.answer_given, prompt="dernier", participant="Sam Taylor", value="Non"
    )
    room.writer.record(EventType.prompt_closed, prompt="dernier")
    deadline = time.monotonic() + 20
    while True:  # the server polls the journal every 250 ms: a bounded wait
        page = room.page(screen)
        if result_ids(page) == ["dernier"] or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    assert result_ids(page) == ["dernier"]
    assert "Un dernier mot ? 1 réponse Oui 0 Non 1" in read(page)
    # and the phones list the latest segment's results first
    assert result_ids(room.page(f"/j/{CODE}", name="Sam Taylor"))[0] == "dernier"


def test_a_refused_name_stays_in_the_box(room: Room) -> None:
    with httpx.Client(base_url=room.base, timeout=20) as first:
        assert first.post(f"/j/{CODE}", data={"name": "Inès Benali"}).status_code == 303
    with httpx.Client(base_url=room.base, timeout=20) as second:
        refused = second.post(f"/j/{CODE}", data={"name": "ines  BENALI"})
    assert refused.status_code == 409
    assert "déjà pris" in read(refused.text)
    assert re.search(r'<input[^>]*id="name"[^>]*value="ines  BENALI"', refused.text)


@pytest.mark.parametrize(
    ("language", "max_words", "hint"),
    [
        ("fr", 1, "Un seul mot."),
        ("fr", 3, "Jusqu'à 3 mots, séparés par des virgules."),
        ("en", 1, "One word."),
        ("en", 3, "Up to 3 words, separated by commas."),
    ],
)
def test_a_words_prompts_hint_on_the_phone_counts_its_words(
    language: str, max_words: int, hint: str
) -> None:
    from types import SimpleNamespace

    from seminar_cli.web.pages import Pages

    pages = Pages(SimpleNamespace(code=CODE), language, "http://127.0.0.1/")  # type: ignore[arg-type]
    form = pages.env.get_template("_answer_form.html.j2").render(
        prompt={"id": "mots", "type": "words", "max": max_words, "answered": False},
        draft=None,
        failed=False,
    )
    assert html.unescape(re.search(r'<p class="hint"[^>]*>(.*?)</p>', form).group(1)) == hint  # type: ignore[union-attr]
