"""The plenary's side of parallel workshops (issue #16, PRODUCT §8): during a split segment
the live screen and the projector's ``/screen`` show each workshop's state (its runner's
heartbeat) and its answers; a ``restitution`` segment shows each workshop's results in turn;
the secretary's records take ``--workshop``.  The workshops' streams are written through the
core, as their runners write them."""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from seminar_cli.agenda.loader import load_agenda
from seminar_cli.i18n import init_language
from seminar_cli.journal.events import EventType
from seminar_cli.journal.state import AnswerRecord
from seminar_cli.journal.store import Journal
from seminar_cli.session import plenary
from seminar_cli.session.prompter import NullPrompter
from seminar_cli.session.runner import Runner
from seminar_cli.session.service import SessionSetup, SessionWriter, open_session
from seminar_cli.timer import Clock, FakeClock, SystemClock
from seminar_cli.ui.live import LiveControls
from tests.live_helpers import frame, recording_console

AGENDA = "co-construisons-demain"
SPLIT = "re-inventons"


@pytest.fixture(autouse=True)
def read_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The workshops' streams are read afresh at each look (the screen reads them at most once
    a second: a test looks again sooner)."""
    monkeypatch.setattr(plenary, "REFRESH_SECONDS", 0.0)


def reach_the_split_segment(location: Path | str, clock: Clock) -> SessionWriter:
    """A headless plenary run of the bundled agenda up to its split segment, running."""
    journal = Journal.open(location)
    session_id = open_session(journal, load_agenda(AGENDA), SessionSetup(), clock)
    writer = SessionWriter(journal, journal.session(session_id), clock)
    for segment in writer.agenda.segments:
        writer.record(EventType.segment_started, segment=segment.id)
        if segment.id == SPLIT:
            return writer
        if isinstance(clock, FakeClock):
            clock.advance(segment.duration)
        writer.record(EventType.segment_ended, segment=segment.id)
    raise AssertionError("the bundled agenda has no split segment")


def beat_from_a_process_that_stopped(writer: SessionWriter, stream: str) -> None:
    """A workshop runner's last heartbeat, written by a process that is gone (a closed
    laptop, kill -9)."""
    code = (
        "import sys; from seminar_cli.journal.store import Journal; "
        "from seminar_cli.timer import local_now; j = Journal.open(sys.argv[1]); "
        "j.heartbeat(sys.argv[2], local_now(), local_now(), stream=sys.argv[3]); j.close()"
    )
    location = str(writer.journal.location)
    subprocess.run(
        [sys.executable, "-c", code, location, writer.session_id, stream], check=True, timeout=120
    )


def workshops_at_work(writer: SessionWriter) -> None:
    """Each workshop's runner writes its own stream: « jeunes » runs (this process's
    heartbeat) with 3 answers to its prompt and 1 to a shared one; « chefs-de-projet » answered
    once and its runner stopped; « leaders-opinion » has not started; « catalyseurs » runs with
    no answer yet."""
    clock = writer.clock
    jeunes = SessionWriter(writer.journal, writer.row, clock, stream="jeunes")
    jeunes.heartbeat()
    jeunes.record(EventType.prompt_opened, prompt="jeunes-format", segment=SPLIT)
    for name, value in [
        ("Inès Benali", "Un hackathon territorial"),
        ("Hugo Lefebvre", "Un hackathon territorial"),
        ("Maëlle Nguyen", "Un stage croisé entre deux organisations"),
    ]:
        jeunes.record(EventType.answer_given, prompt="jeunes-format", participant=name, value=value)
    # a named answer given again replaces the first: still one answer of Inès
    jeunes.record(
        EventType.answer_given,
        prompt="jeunes-format",
        participant="Inès Benali",
        value="Un hackathon territorial",
    )
    jeunes.record(EventType.prompt_opened, prompt="competences-catalyseurs", segment=SPLIT)
    jeunes.record(
        EventType.answer_given,
        prompt="competences-catalyseurs",
        participant="Inès Benali",
        value=["Formation-action entre pairs"],
    )
    chefs = SessionWriter(writer.journal, writer.row, clock, stream="chefs-de-projet")
    chefs.record(EventType.prompt_opened, prompt="chefs-de-projet-outil", segment=SPLIT)
    chefs.record(
        EventType.answer_given,
        prompt="chefs-de-projet-outil",
        participant="Julien Moreau",
        value="Un annuaire des alliances",
    )
    beat_from_a_process_that_stopped(writer, "chefs-de-projet")
    SessionWriter(writer.journal, writer.row, clock, stream="catalyseurs").heartbeat()


def live_controls(width: int, height: int) -> LiveControls:
    return LiveControls(console=recording_console(width, height), keys=None)


@pytest.fixture
def split_running(tmp_path: Path) -> Iterator[SessionWriter]:
    init_language("fr")
    writer = reach_the_split_segment(tmp_path / "journal.sqlite3", FakeClock())
    workshops_at_work(writer)
    writer.sync()
    yield writer
    writer.journal.close()


def test_the_states_and_answers_come_from_each_workshops_stream(
    journal_location: Path | str,
) -> None:
    writer = reach_the_split_segment(journal_location, FakeClock())
    try:
        workshops_at_work(writer)
        writer.sync()
        watch = plenary.WorkshopWatch(writer.journal, writer.row)
        from seminar_cli.timer import local_now

        shown = watch.plenary(writer.state, writer.clock.now(), 0.0, local_now())
        assert shown is not None and shown.restitution is None
        assert [(s.id, s.run, s.answers) for s in shown.statuses] == [
            ("jeunes", "running", 4),
            ("chefs-de-projet", "stopped", 1),
            ("leaders-opinion", "not_started", 0),
            ("catalyseurs", "running", 0),
        ]
        # a workshop's runner that quits clears its heartbeat: stopped, not « not started »
        writer.journal.clear_heartbeat(writer.session_id, stream="catalyseurs")
        writer.journal.clear_heartbeat(writer.session_id, stream="jeunes")
        shown = watch.plenary(writer.state, writer.clock.now(), 1.0, local_now())
        assert shown is not None
        assert [s.run for s in shown.statuses] == [
            "stopped",
            "stopped",
            "not_started",
            "not_started",  # never wrote anything: its heartbeat alone came and went
        ]
    finally:
        writer.journal.close()


def test_the_workshops_streams_are_read_at_most_once_a_second(
    split_running: SessionWriter,
) -> None:
    from seminar_cli.timer import local_now

    watch = plenary.WorkshopWatch(split_running.journal, split_running.row, refresh_seconds=1.0)

    def jeunes_answers(monotonic: float) -> int:
        shown = watch.plenary(
            split_running.state, split_running.clock.now(), monotonic, local_now()
        )
        assert shown is not None
        return shown.statuses[0].answers

    assert jeunes_answers(10.0) == 4
    SessionWriter(
        split_running.journal, split_running.row, split_running.clock, stream="jeunes"
    ).record(
        EventType.answer_given,
        prompt="jeunes-format",
        participant="Hugo Lefebvre",
        value="Un hackathon territorial",
    )  # Hugo answers again: his answer is replaced, the count stays
    SessionWriter(
        split_running.journal, split_running.row, split_running.clock, stream="jeunes"
    ).record(
        EventType.answer_given,
        prompt="faire-vivre-alliance",
        participant="Hugo Lefebvre",
        value="Un festival des alliances",
    )
    assert jeunes_answers(10.5) == 4  # within the second: as last read
    assert jeunes_answers(11.0) == 5


@pytest.mark.parametrize("size", [(80, 24), (200, 50)])
def test_the_plenary_live_screen_shows_each_workshops_state_and_answers(
    split_running: SessionWriter, size: tuple[int, int]
) -> None:
    controls = live_controls(*size)
    runner = Runner(split_running, controls, NullPrompter())
    shown = frame(controls.view(runner), *size)
    lines = shown.splitlines()
    assert len(lines) == size[1]
    assert "Ateliers en parallèle (2 en cours sur 4) :" in shown
    rows = {line.split()[1]: line for line in lines if line.startswith("◆ ")}
    assert set(rows) == {"Jeunes", "Chefs", "Leaders", "Catalyseurs"}
    assert rows["Jeunes"].endswith("en cours  4 réponses")
    assert rows["Chefs"].endswith("arrêté   1 réponse")
    assert rows["Leaders"].endswith("pas commencé   0 réponse")
    assert rows["Catalyseurs"].endswith("en cours   0 réponse")
    assert "Salle Agora" in rows["Jeunes"]
    assert "reste 45:00 sur 45:00" in shown  # the countdown stays, as plain text too
    if size[0] >= 200:
        assert "Salle Agora · animé par Lucie Fontaine" in rows["Jeunes"]
        assert "Jeunes — vivre l'alliance dès maintenant" in rows["Jeunes"]


def go_to_restitution(writer: SessionWriter, *, close_prompts: bool = True) -> None:
    jeunes = SessionWriter(writer.journal, writer.row, writer.clock, stream="jeunes")
    if close_prompts:  # the workshop's runner closes its prompts as the segment ends
        jeunes.record(EventType.prompt_closed, prompt="jeunes-format")
    assert isinstance(writer.clock, FakeClock)
    writer.clock.advance(45 * 60)
    writer.record(EventType.segment_ended, segment=SPLIT)
    writer.record(EventType.segment_started, segment="restitution")


def test_a_restitution_shows_each_workshops_results_in_turn(split_running: SessionWriter) -> None:
    go_to_restitution(split_running)
    clock = split_running.clock
    assert isinstance(clock, FakeClock)
    controls = live_controls(200, 50)
    runner = Runner(split_running, controls, NullPrompter())
    # 20 minutes for 4 workshops: 5 minutes each, the first one first
    shown = frame(controls.view(runner), 200, 50)
    assert "Restitution 1/4 : Jeunes — vivre l'alliance dès maintenant" in shown
    assert "atelier suivant dans 05:00" in shown
    assert "Quel format vous donnerait envie de vous engager dans une alliance ?" in shown
    assert re.search(r"Un hackathon territorial\s+█+\s+2 · 67 %", shown)
    # the shared prompt's answers in this workshop, said to be shared
    assert "question commune à tous les ateliers" in shown
    assert "Formation-action entre pairs" in shown
    assert "w atelier suivant" in shown  # the key line offers the key
    clock.advance(5 * 60)
    shown = frame(controls.view(runner), 200, 50)
    assert "Restitution 2/4 : Chefs de projet" in shown
    assert "« Un annuaire des alliances » — Julien Moreau" in shown
    clock.advance(59)
    assert "atelier suivant dans 04:01" in frame(controls.view(runner), 200, 50)
    # key w: the next one now, with its full turn (the rehearsal's « 3/4 … dans 04:01 » was
    # the previous turn's remainder), and the turns go on from there, each a full one again
    controls._on_key(runner, "w")
    shown = frame(controls.view(runner), 200, 50)
    assert "Restitution 3/4 : Leaders d'opinion" in shown
    assert "atelier suivant dans 05:00" in shown
    assert "Pas encore de résultat à montrer pour cet atelier." in shown
    clock.advance(5 * 60 - 1)
    shown = frame(controls.view(runner), 200, 50)
    assert "Restitution 3/4 : Leaders d'opinion" in shown
    assert "atelier suivant dans 00:01" in shown
    clock.advance(1)
    shown = frame(controls.view(runner), 200, 50)
    assert "Restitution 4/4 : Catalyseurs" in shown
    assert "atelier suivant dans 05:00" in shown
    clock.advance(90)
    controls._on_key(runner, "2")  # a count, as before + and -
    controls._on_key(runner, "w")
    shown = frame(controls.view(runner), 200, 50)
    assert "Restitution 2/4 : Chefs de projet" in shown
    assert "atelier suivant dans 05:00" in shown
    controls._on_key(runner, "3")
    controls._on_key(runner, "w")
    assert "Restitution 1/4 : Jeunes" in frame(controls.view(runner), 200, 50)
    # at 80×24 the workshop's title, its first result's verdict and the keys still fit
    small = live_controls(80, 24)
    small._on_key(runner, "3")  # the round's own turn is the third's: back to the second
    small._on_key(runner, "w")
    shown = frame(small.view(runner), 80, 24)
    assert len(shown.splitlines()) == 24
    assert "Restitution 2/4 : Chefs de projet" in shown
    assert "w atelier suivant" in shown


def test_key_w_outside_a_restitution_says_what_it_is_for(split_running: SessionWriter) -> None:
    controls = live_controls(80, 24)
    runner = Runner(split_running, controls, NullPrompter())
    controls._on_key(runner, "w")
    shown = frame(controls.view(runner), 80, 24)
    assert "La touche w sert pendant une restitution" in shown


TWO_SPLITS = """\
title: Deux temps d'ateliers
segments:
  - {id: trop-tot, title: Restitution trop tôt, kind: restitution, duration: 10m}
  - id: matin
    title: Ateliers du matin
    kind: workshop
    duration: 30m
    workshops:
      - {id: m1, title: Matin un}
      - {id: m2, title: Matin deux}
  - id: apres-midi
    title: Ateliers de l'après-midi
    kind: workshop
    duration: 30m
    workshops:
      - {id: a1, title: Après-midi un}
      - {id: a2, title: Après-midi deux}
      - {id: a3, title: Après-midi trois}
  - {id: pause, title: Pause, kind: break, duration: 15m}
  - {id: restitution, title: Restitution, kind: restitution, duration: 2m}
"""


def test_a_restitution_gives_back_the_last_split_segment_before_it() -> None:
    """Whatever lies between (a break) changes nothing; a restitution with no split segment
    before it has nothing to give back (it shows its description, as any segment)."""
    from seminar_cli.agenda.loader import parse_agenda_text

    agenda = parse_agenda_text(TWO_SPLITS, "deux.yaml")
    found = plenary.restituted_segment(agenda, "restitution")
    assert found is not None and found.id == "apres-midi"
    assert plenary.restituted_segment(agenda, "trop-tot") is None
    bundled = load_agenda(AGENDA).agenda
    assert plenary.restituted_segment(bundled, "restitution").id == SPLIT  # type: ignore[union-attr]
    # each workshop's turn: the duration shared out, at least a minute
    assert plenary.turn_seconds(20 * 60, 4) == 300
    assert plenary.turn_seconds(2 * 60, 3) == 60


# -- the projector's /screen -------------------------------------------------------------------
CODE = "PLEN42"


def page_text(page: str) -> str:
    page = re.sub(r"<meter[^>]*>.*?</meter>", " ", page)
    text = html.unescape(re.sub(r"<[^>]+>", " ", page))
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


def part_showing(client: httpx.Client, wanted: str) -> str:
    """The projector's live part once it shows ``wanted`` (the server reads the journal on
    its own schedule): polled, within a bound generous for a loaded machine."""
    deadline = time.monotonic() + 30
    while True:
        part = page_text(client.get(f"/j/{CODE}/screen/part").text)
        if wanted in part or time.monotonic() > deadline:
            return part
        time.sleep(0.05)


def test_the_projector_screen_shows_the_workshops_then_their_restitution(tmp_path: Path) -> None:
    from seminar_cli.web.server import WebServer

    writer = reach_the_split_segment(Path(os.environ["SEMINAR_DB"]), SystemClock())
    workshops_at_work(writer)
    server = WebServer(writer.journal.path, writer.session_id, host="127.0.0.1", port=0, code=CODE)
    base = server.start().url.rsplit("/j/", 1)[0]
    try:
        with httpx.Client(base_url=base, timeout=20) as client:
            response = client.get(f"/j/{CODE}/screen")
            assert response.status_code == 200
            text = page_text(response.text)
            assert "Ateliers en parallèle (2 en cours sur 4) :" in text
            assert (
                "Jeunes — vivre l'alliance dès maintenant Salle Agora en cours 4 réponses" in text
            )
            assert "arrêté 1 réponse" in text and "pas commencé 0 réponse" in text
            # a workshop answers again: the live part says so (the page reads it every 4 s)
            SessionWriter(writer.journal, writer.row, writer.clock, stream="catalyseurs").record(
                EventType.answer_given,
                prompt="catalyseurs-competence",
                participant="Camille Martin",
                value="Faire émerger un besoin commun",
            )
            part = part_showing(client, "Salle Jardin en cours 1 réponse")
            assert (
                "Catalyseurs nationaux et locaux — apprendre en faisant Salle Jardin en cours 1 réponse"
                in part
            )
            # the restitution: the first workshop's results, with its own and shared prompts
            jeunes = SessionWriter(writer.journal, writer.row, writer.clock, stream="jeunes")
            jeunes.record(EventType.prompt_closed, prompt="jeunes-format")
            writer.record(EventType.segment_ended, segment=SPLIT)
            writer.record(EventType.segment_started, segment="restitution")
            part = part_showing(client, "Restitution 1/4")
            assert "Restitution 1/4 : Jeunes — vivre l'alliance dès maintenant" in part
            assert "atelier suivant dans 05:00" in part or "atelier suivant dans 04:5" in part
            assert "Un hackathon territorial 2" in part
            assert "Formation-action entre pairs 1" in part
            assert "question commune à tous les ateliers" in part
            assert "Ateliers en parallèle" not in part
            # the same for integrators, in /api/screen
            data = client.get("/api/screen", params={"code": CODE}).json()["workshops"]
            assert data["segment"] == SPLIT
            assert [(w["id"], w["run"], w["answers"]) for w in data["statuses"]][:2] == [
                ("jeunes", "running", 4),
                ("chefs-de-projet", "stopped", 1),
            ]
            assert data["restitution"]["index"] == 1 and data["restitution"]["count"] == 4
            assert data["restitution"]["workshop"]["id"] == "jeunes"
            shared = {r["id"]: r["shared"] for r in data["restitution"]["results"]}
            assert shared == {"jeunes-jeunes-format": False, "jeunes-competences-catalyseurs": True}
    finally:
        server.stop()
        writer.journal.close()


# -- the secretary's --workshop ----------------------------------------------------------------
def test_a_note_for_a_workshop_lands_in_its_stream(cli, split_running: SessionWriter) -> None:  # type: ignore[no-untyped-def]
    session = split_running.session_id
    db = str(split_running.journal.location)
    result = cli("--lang", "fr", "--db", db, "note", "--session", session, "--workshop",
                 "jeunes", "Les jeunes veulent un défi inter-écoles")  # fmt: skip
    assert result.code == 0, result.err
    assert "atelier « Jeunes — vivre l'alliance dès maintenant »" in result.err
    result = cli("--lang", "en", "--db", db, "action", "--session", session, "--workshop",
                 "catalyseurs", "--owner", "Olivier", "Réunir les pairs")  # fmt: skip
    assert result.code == 0, result.err
    assert "workshop 'Catalyseurs nationaux et locaux — apprendre en faisant'" in result.err
    records = [
        (e.stream, e.type, e.payload)
        for e in split_running.journal.events(session, streams=None)
        if e.type in ("note", "decision", "action")
    ]
    assert records == [
        ("jeunes", "note", {"segment": SPLIT, "text": "Les jeunes veulent un défi inter-écoles"}),
        (
            "catalyseurs",
            "action",
            {"segment": SPLIT, "text": "Réunir les pairs", "owner": "Olivier"},
        ),
    ]
    # not in the plenary's stream
    assert not [e for e in split_running.journal.events(session) if e.type in ("note", "action")]
    # sessions show counts them per workshop, apart from the plenary's own
    result = cli("--lang", "fr", "--db", db, "sessions", "show", session)
    assert result.code == 0, result.err
    shown = [" ".join(line.split()) for line in result.out.splitlines()]
    assert "Relevé 0 note, 0 décision, 0 action" in shown
    assert "Relevé, atelier jeunes 1 note, 0 décision, 0 action" in shown
    assert "Relevé, atelier catalyseurs 0 note, 0 décision, 1 action" in shown


def test_an_unknown_workshop_is_refused_with_the_agendas_ids(
    cli, split_running: SessionWriter
) -> None:  # type: ignore[no-untyped-def]
    session = split_running.session_id
    db = str(split_running.journal.location)
    before = len(split_running.journal.events(session, streams=None))
    result = cli("--lang", "fr", "--db", db, "decision", "--session", session, "--workshop",
                 "jeune", "Adopté")  # fmt: skip
    assert result.code == 2
    assert (
        "Atelier inconnu « jeune ». Ateliers de cette séance : jeunes, chefs-de-projet, "
        "leaders-opinion, catalyseurs" in result.err
    )
    assert "Traceback" not in result.err
    result = cli("--lang", "en", "--db", db, "note", "--session", session, "--workshop",
                 "jeunes", "--segment", "relisons", "x")  # fmt: skip
    assert result.code == 2
    assert "The workshop 'jeunes' belongs to the segment re-inventons, not relisons" in result.err
    assert len(split_running.journal.events(session, streams=None)) == before


def projector_shows_whole(page: Any, last: Any) -> None:
    """The page fits a 1280×720 projector down to ``last``, with no scrolling either way and
    nothing axe finds."""
    from tests.browser import DESKTOP, axe_violations

    assert last.evaluate("e => e.getBoundingClientRect().bottom") <= DESKTOP["height"]
    assert page.evaluate("document.documentElement.scrollHeight") <= DESKTOP["height"]
    assert page.evaluate("document.documentElement.scrollWidth") <= DESKTOP["width"]
    assert axe_violations(page) == []


def test_four_workshops_fit_the_projector_in_chromium(tmp_path: Path) -> None:
    """/screen at 1280×720 in a real Chromium: the four workshops' rows are all in sight, the
    page is no taller nor wider than the screen, and axe finds nothing to fix."""
    from seminar_cli.web.server import WebServer
    from tests.browser import desktop_context, launched_chromium

    writer = reach_the_split_segment(Path(os.environ["SEMINAR_DB"]), SystemClock())
    workshops_at_work(writer)
    server = WebServer(writer.journal.path, writer.session_id, host="127.0.0.1", port=0, code=CODE)
    base = server.start().url.rsplit("/j/", 1)[0]
    try:
        with launched_chromium() as browser:
            context = desktop_context(browser)
            page = context.new_page()
            page.goto(f"{base}/j/{CODE}/screen")
            rows = page.locator("table.workshops tr")
            assert rows.count() == 4
            projector_shows_whole(page, rows.nth(3))
            context.close()
    finally:
        server.stop()
        writer.journal.close()


def test_sessions_show_and_list_count_the_workshops_answers_too(cli, split_running) -> None:  # type: ignore[no-untyped-def]
    """The workshops' answers are in their streams: `sessions show` gives each workshop's
    count and the total holds them, as `sessions list` does."""
    session = split_running.session_id
    db = str(split_running.journal.location)
    plenary_answers = sum(
        split_running.state.answer_count(p.id) for _s, p in split_running.agenda.all_prompts()
    )
    result = cli("--lang", "fr", "--db", db, "sessions", "show", session)
    assert result.code == 0, result.err
    shown = [" ".join(line.split()) for line in result.out.splitlines()]
    assert "Réponses, atelier jeunes 4 réponses" in shown
    assert "Réponses, atelier chefs-de-projet 1 réponse" in shown
    assert not [line for line in shown if "atelier leaders-opinion" in line]
    listed = cli("--db", db, "sessions", "show", session, "--json")
    data = json.loads(listed.out)
    assert data["answers"] == plenary_answers + 5
    assert [(w["id"], w["answers"]) for w in data["workshop_answers"]] == [
        ("jeunes", 4),
        ("chefs-de-projet", 1),
    ]
    overview = json.loads(cli("--db", db, "sessions", "list", "--json").out)
    assert overview[0]["answers"] == plenary_answers + 5


# -- a restitution's text answers on the projector ---------------------------------------------
LONG = "Un réseau des alliances locales " * 8  # 256 characters: cut at 160, as the terminal cuts


def jeunes_proposals(writer: SessionWriter) -> None:
    """The « jeunes » workshop's text question, answered four times (by name), then closed."""
    jeunes = SessionWriter(writer.journal, writer.row, writer.clock, stream="jeunes")
    jeunes.record(EventType.prompt_opened, prompt="jeunes-alliance-vecue", segment=SPLIT)
    for name, value in [
        ("Zoé Petit", "La plus ancienne, plus montrée"),
        ("Inès Benali", "Un <b>défi</b> inter-écoles & des parrains"),
        ("Hugo Lefebvre", LONG),
        ("Maëlle Nguyen", "Un binôme jeune–élu\npour chaque projet"),
    ]:
        jeunes.record(
            EventType.answer_given, prompt="jeunes-alliance-vecue", participant=name, value=value
        )
    jeunes.record(EventType.prompt_closed, prompt="jeunes-alliance-vecue")
    jeunes.record(EventType.prompt_closed, prompt="jeunes-format")


def test_the_projectors_restitution_shows_a_text_questions_proposals_in_chromium(
    tmp_path: Path,
) -> None:
    """The rehearsal's projector said only « 4 réponses » for a text question, while the
    terminal showed the proposals: /screen now shows them as the terminal does (the latest
    three, each on a line cut at 160 characters, with who gave it), escaped, and the workshop's
    results still fit 1280×720 (one after the other when they must, as any results)."""
    from seminar_cli.web.server import WebServer
    from tests.browser import desktop_context, launched_chromium

    writer = reach_the_split_segment(Path(os.environ["SEMINAR_DB"]), SystemClock())
    workshops_at_work(writer)
    jeunes_proposals(writer)
    writer.record(EventType.segment_ended, segment=SPLIT)
    writer.record(EventType.segment_started, segment="restitution")
    server = WebServer(writer.journal.path, writer.session_id, host="127.0.0.1", port=0, code=CODE)
    base = server.start().url.rsplit("/j/", 1)[0]
    try:
        with httpx.Client(base_url=base, timeout=20) as client:
            raw = client.get(f"/j/{CODE}/screen").text
            assert "&lt;b&gt;défi&lt;/b&gt; inter-écoles &amp; des parrains" in raw
            assert "<b>défi" not in raw
            text = page_text(raw)
            assert "4 réponses Dernières réponses :" in text
            assert "« Un <b>défi</b> inter-écoles & des parrains » — Inès Benali" in text
            assert f"« {' '.join(LONG.split())[:159]}… » — Hugo Lefebvre" in text
            assert "« Un binôme jeune–élu pour chaque projet » — Maëlle Nguyen" in text
            assert "La plus ancienne" not in text and "Zoé Petit" not in text
        with launched_chromium() as browser:
            context = desktop_context(browser)
            page = context.new_page()
            page.goto(f"{base}/j/{CODE}/screen")
            texts = page.locator("ul.texts li")
            assert texts.count() == 3
            assert texts.nth(0).is_visible()
            page.screenshot(path=str(tmp_path / "restitution-texts.png"))
            if os.environ.get("SEMINAR_SCREENSHOTS"):
                page.screenshot(path=os.environ["SEMINAR_SCREENSHOTS"] + "/restitution-texts.png")
            projector_shows_whole(page, texts.nth(2))
            context.close()
    finally:
        server.stop()
        writer.journal.close()


def test_an_anonymous_text_questions_proposals_reach_the_projector_without_names() -> None:
    """Three answers or more to an anonymous text question are shown to the room, as the
    terminal shows them: the texts, never who gave them; fewer than three, nothing."""
    source = load_agenda(AGENDA).agenda.segment(SPLIT)
    workshop = source.workshops[0]
    (asked,) = [p for p in workshop.prompts if p.id == "jeunes-alliance-vecue"]
    anonymous = asked.model_copy(update={"anonymous": True})
    status = plenary.WorkshopStatus(workshop.id, workshop.title, None, None, "stopped", 3)

    def projected(answers: int) -> dict[str, object]:
        given = tuple(
            AnswerRecord(anonymous.id, f"Personne {n}", f"Proposition {n}", datetime.now(UTC))
            for n in range(answers)
        )
        result = plenary.WorkshopResult(anonymous, given, shared=False)
        turn = plenary.RestitutionTurn(SPLIT, status, 0, 4, 300, 300, 0, (result,))
        shown = plenary.PlenaryWorkshops(SPLIT, (status,), turn)
        data = plenary.screen_data(shown, None, "fr")
        return data["restitution"]["results"][0]  # type: ignore[no-any-return]

    result = projected(3)
    assert result["texts"] == [{"text": f"Proposition {n}", "name": None} for n in range(3)]
    assert "Personne" not in str(result)
    result = projected(2)
    assert result["hidden"] is True and "texts" not in result and "Proposition" not in str(result)


def test_left_right_page_a_restitutions_results_that_do_not_fit(
    split_running: SessionWriter,
) -> None:
    """The rehearsal's terminal said « … 31 lignes de résultats masquées » with no way to see
    them: with no question's results on the screen, ← → page the workshop's results (the
    line says so), and the next workshop starts again from its first."""
    jeunes_proposals(split_running)
    go_to_restitution(split_running, close_prompts=False)
    controls = live_controls(80, 24)
    runner = Runner(split_running, controls, NullPrompter())
    shown = frame(controls.view(runner), 80, 24)
    assert "Restitution 1/4 : Jeunes" in shown
    assert "Où avez-vous déjà vécu" in shown
    assert "← → pour voir les autres résultats" in " ".join(shown.split())
    controls._on_key(runner, "right")
    shown = " ".join(frame(controls.view(runner), 80, 24).split())
    assert "résultats à partir du 2e sur 3 (← →)" in shown
    assert "Où avez-vous déjà vécu" not in shown
    assert "Quel format vous donnerait envie" in shown
    controls._on_key(runner, "right")
    controls._on_key(runner, "right")  # no further than the last
    shown = " ".join(frame(controls.view(runner), 80, 24).split())
    assert "résultats à partir du 3e sur 3 (← →)" in shown
    assert "Formation-action entre pairs" in shown
    controls._on_key(runner, "left")
    controls._on_key(runner, "left")
    shown = " ".join(frame(controls.view(runner), 80, 24).split())
    assert "à partir du" not in shown and "Où avez-vous déjà vécu" in shown
    controls._on_key(runner, "right")
    controls._on_key(runner, "w")
    shown = " ".join(frame(controls.view(runner), 80, 24).split())
    assert "Restitution 2/4 : Chefs de projet" in shown
    assert "à partir du" not in shown
