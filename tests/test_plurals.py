"""Counts agree with their nouns wherever a user reads them, in French (singular for 0 and 1)
and in English (singular for 1 only): never « réponse(s) ».  Each case runs the code path
that writes the line: a headless ``start``, ``sessions show``, ``secretary``, ``join``,
``agenda validate``, the attendance check, the room's results."""

from __future__ import annotations

import io
import os
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from seminar_cli import i18n
from seminar_cli.agenda.loader import load_agenda, read_agenda_file
from seminar_cli.agenda.models import Prompt
from seminar_cli.errors import SessionError
from seminar_cli.journal.events import EventType
from seminar_cli.journal.state import AnswerRecord
from seminar_cli.journal.store import Journal
from seminar_cli.session.assembly import check_attendance_list
from seminar_cli.session.service import SessionSetup, SessionWriter, open_session
from seminar_cli.timer import FakeClock
from seminar_cli.ui.results import render_results
from seminar_cli.ui.setup import attendance_summary
from tests.session_helpers import InstantClock, journal, only_session

# three prompts answered 0, 1 and 2 times; a second segment for « 2/2 séquences »
AGENDA = """\
title: Compter
segments:
  - id: un
    title: Un
    duration: 5m
    prompts:
      - {id: zero, question: "Zéro ?", type: words, who: open}
      - {id: une, question: "Une ?", type: words, who: open}
      - {id: deux, question: "Deux ?", type: words, who: open}
  - id: suite
    title: Suite
    duration: 5m
    prompts:
      - {id: plus_tard, question: "Plus tard ?", type: words, who: open}
      - {id: encore, question: "Encore ?", type: words, who: open}
"""
ANSWERS = "une: [Confiance]\ndeux: [Partage, Écoute]\n"
SHORT_AGENDA = """\
title: Court
segments:
  - id: seul
    title: Seul
    duration: 5m
    prompts:
      - {id: une, question: "Une ?", type: words, who: open}
"""
LANG = {"fr": (), "en": ("--lang", "en")}


@pytest.fixture
def app_clock() -> type[InstantClock]:
    """Rehearsals at full speed take no time."""
    return InstantClock


def _rehearse(cli: Any, tmp_path: Path, lang: str, agenda: str = AGENDA) -> tuple[str, str]:
    """A whole headless rehearsal of ``agenda``: its talk (stderr) and its session's id."""
    (tmp_path / "a.yaml").write_text(agenda, encoding="utf-8")
    answers = ANSWERS if agenda == AGENDA else "une: [Confiance]\n"
    (tmp_path / "answers.yaml").write_text(answers, encoding="utf-8")
    result = cli(
        *LANG[lang], "start", "a.yaml", "--no-input", "--answers", "answers.yaml", "--speed", "600"
    )
    assert result.code == 0, result.err
    return result.err, only_session()


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("fr", ["Zéro ? — 0 réponse", "Une ? — 1 réponse", "Deux ? — 2 réponses"]),
        ("en", ["Zéro ? — 0 answers", "Une ? — 1 answer", "Deux ? — 2 answers"]),
    ],
)
def test_start_says_each_closed_prompts_answers_agreed(cli, tmp_path, lang, expected) -> None:
    talk, _session = _rehearse(cli, tmp_path, lang)
    closed = [line.split("  ")[-1] for line in talk.splitlines() if "✔" in line]
    assert closed[:3] == expected


@pytest.mark.parametrize(
    ("lang", "agenda", "expected"),
    [
        ("fr", AGENDA, "2/2 séquences, 3 réponses"),
        ("fr", SHORT_AGENDA, "1/1 séquence, 1 réponse"),
        ("en", AGENDA, "2/2 segments, 3 answers"),
        ("en", SHORT_AGENDA, "1/1 segment, 1 answer"),
    ],
)
def test_sessions_show_agrees_the_progress(cli, tmp_path, lang, agenda, expected) -> None:
    _rehearse(cli, tmp_path, lang, agenda)
    assert expected in cli(*LANG[lang], "sessions", "show").out


def _secretary(cli: Any, monkeypatch: pytest.MonkeyPatch, lang: str, lines: list[str]) -> str:
    monkeypatch.setattr(sys, "stdin", io.StringIO("".join(line + "\n" for line in lines)))
    result = cli(*LANG[lang], "secretary", only_session())
    assert result.code == 0, result.err
    return result.err


@pytest.mark.parametrize(
    ("lang", "records", "expected"),
    [
        ("fr", 0, "0 enregistrement dans la séance"),
        ("fr", 1, "1 enregistrement dans la séance"),
        ("fr", 2, "2 enregistrements dans la séance"),
        ("en", 1, "1 record in session"),
        ("en", 2, "2 records in session"),
    ],
)
def test_the_secretarys_goodbye_agrees(cli, tmp_path, monkeypatch, lang, records, expected):
    _rehearse(cli, tmp_path, lang)
    said = _secretary(cli, monkeypatch, lang, [f"note {n}" for n in range(records)])
    assert expected in said
    assert "(s)" not in said


@pytest.mark.parametrize(
    ("lang", "kept", "expected"),
    [
        ("fr", (0, 1, 2), "0 note, 1 décision, 2 actions"),
        ("fr", (2, 0, 1), "2 notes, 0 décision, 1 action"),
        ("fr", (1, 2, 0), "1 note, 2 décisions, 0 action"),
        ("en", (1, 2, 0), "1 note, 2 decisions, 0 actions"),
        ("en", (2, 1, 1), "2 notes, 1 decision, 1 action"),
    ],
)
def test_sessions_show_agrees_the_records(cli, tmp_path, monkeypatch, lang, kept, expected):
    notes, decisions, actions = kept
    _rehearse(cli, tmp_path, lang)
    lines = [f"note {n}" for n in range(notes)]
    lines += [f"d: décision {n}" for n in range(decisions)]
    lines += [f"a: action {n} @Inès" for n in range(actions)]
    _secretary(cli, monkeypatch, lang, lines)
    assert expected in cli(*LANG[lang], "sessions", "show").out


# -- join --no-input -------------------------------------------------------------------------------
@pytest.fixture
def opened(tmp_path: Path) -> SessionWriter:
    """A running session whose first segment's three prompts are open; the second segment's
    two are not."""
    (tmp_path / "a.yaml").write_text(AGENDA, encoding="utf-8")
    j = journal()
    clock = FakeClock()
    session_id = open_session(j, load_agenda(str(tmp_path / "a.yaml")), SessionSetup(), clock)
    writer = SessionWriter(j, j.session(session_id), clock)
    writer.record(EventType.segment_started, segment="un")
    for prompt in ("zero", "une", "deux"):
        writer.record(EventType.prompt_opened, prompt=prompt, segment="un")
    return writer


def _join(cli: Any, tmp_path: Path, lang: str, answers: str) -> str:
    (tmp_path / "mine.yaml").write_text(answers, encoding="utf-8")
    result = cli(*LANG[lang], "join", "--no-input", "--answers", "mine.yaml", "--name", "Inès")
    assert result.code == 0, result.err
    return result.err


@pytest.mark.parametrize(
    ("lang", "answers", "expected"),
    [
        ("fr", "zero: [{participant: Hugo, value: [x]}]\n", "0 réponse envoyée"),
        ("fr", "une: [Confiance]\n", "1 réponse envoyée"),
        ("fr", "une: [Confiance]\ndeux: [Écoute]\n", "2 réponses envoyées"),
        ("en", "une: [Confiance]\n", "1 answer sent"),
        ("en", "une: [Confiance]\ndeux: [Écoute]\n", "2 answers sent"),
    ],
)
def test_join_says_the_answers_it_sent_agreed(cli, tmp_path, opened, lang, answers, expected):
    said = _join(cli, tmp_path, lang, answers)
    never = "0 question non ouverte" if lang == "fr" else "0 prompts never opened"
    session = "à la séance" if lang == "fr" else "to session"
    separator = " ;" if lang == "fr" else ";"
    assert f"{expected} {session} {opened.session_id}{separator} {never}." in said
    assert "(s)" not in said


@contextmanager
def _closing_once_answered(session_id: str, answers: int) -> Iterator[None]:
    """Close the session (as its facilitator would) once ``answers`` answers are in: what
    ``join`` was still waiting for then never opened."""
    done = threading.Event()

    def close() -> None:
        j = Journal.open(Path(os.environ["SEMINAR_DB"]))  # this thread's own connection
        try:
            writer = SessionWriter(j, j.session(session_id), FakeClock())
            deadline = time.monotonic() + 60  # bounded: the machine is loaded
            while time.monotonic() < deadline and not done.is_set():
                writer.sync()
                if sum(len(v) for v in writer.state.answers.values()) >= answers:
                    break
                time.sleep(0.05)
            if not done.is_set():  # closed even when the answers never came: join returns
                writer.record(EventType.session_closed)
        finally:
            j.close()

    closer = threading.Thread(target=close)
    closer.start()
    try:
        yield
    finally:
        done.set()
        closer.join(timeout=60)


@pytest.mark.parametrize(
    ("lang", "unopened", "expected"),
    [
        ("fr", ["plus_tard"], "1 réponse envoyée à la séance {id} ; 1 question non ouverte."),
        (
            "fr",
            ["plus_tard", "encore"],
            "1 réponse envoyée à la séance {id} ; 2 questions non ouvertes.",
        ),
        ("en", ["plus_tard"], "1 answer sent to session {id}; 1 prompt never opened."),
        ("en", ["plus_tard", "encore"], "1 answer sent to session {id}; 2 prompts never opened."),
    ],
)
def test_join_says_the_prompts_never_opened_agreed(cli, tmp_path, opened, lang, unopened, expected):
    answers = "une: [Confiance]\n" + "".join(f"{prompt}: [Plus]\n" for prompt in unopened)
    with _closing_once_answered(opened.session_id, 1):
        said = _join(cli, tmp_path, lang, answers)
    assert expected.format(id=opened.session_id) in said


@pytest.mark.parametrize(
    ("lang", "closed", "expected"),
    [
        ("fr", ["une"], "1 question déjà fermée avant de pouvoir y répondre : une."),
        (
            "fr",
            ["une", "deux"],
            "2 questions déjà fermées avant de pouvoir y répondre : une, deux.",
        ),
        ("en", ["une"], "1 prompt already closed before it could be answered: une."),
        (
            "en",
            ["une", "deux"],
            "2 prompts already closed before they could be answered: une, deux.",
        ),
    ],
)
def test_join_says_the_prompts_it_missed_agreed(cli, tmp_path, opened, lang, closed, expected):
    for prompt in closed:
        opened.record(EventType.prompt_closed, prompt=prompt)
    said = _join(cli, tmp_path, lang, "".join(f"{prompt}: [Tard]\n" for prompt in closed))
    assert expected in said


# -- agenda validate, attendance, results ----------------------------------------------------------
@pytest.mark.parametrize(
    ("lang", "bad", "expected"),
    [
        ("fr", 1, "1 fichier invalide sur 3."),
        ("fr", 2, "2 fichiers invalides sur 3."),
        ("en", 1, "1 invalid file out of 3."),
        ("en", 2, "2 invalid files out of 3."),
    ],
)
def test_agenda_validate_counts_the_invalid_files(cli, tmp_path, lang, bad, expected) -> None:
    files = []
    for n in range(3):
        path = tmp_path / f"f{n}.yaml"
        path.write_text("- a\n" if n < bad else SHORT_AGENDA, encoding="utf-8")
        files.append(str(path))
    result = cli(*LANG[lang], "agenda", "validate", *files)
    assert result.code == 1
    assert result.err.splitlines()[-1] == expected


@pytest.mark.parametrize(
    ("lang", "statuses", "expected"),
    [
        ("fr", ["present"], "1 présent, 0 excusé, 0 absent, 0 représenté."),
        (
            "fr",
            ["present", "present", "excused", "absent", "absent", "represented"],
            "2 présents, 1 excusé, 2 absents, 1 représenté.",
        ),
        ("fr", ["excused", "excused"] * 2, "0 présent, 4 excusés, 0 absent, 0 représenté."),
        (
            "fr",
            ["represented", "represented"],
            "0 présent, 0 excusé, 0 absent, 2 représentés.",
        ),
        ("en", ["present", "absent", "absent"], "1 present, 0 excused, 2 absent, 0 represented."),
    ],
)
def test_the_attendance_summary_agrees_each_count(lang, statuses, expected) -> None:
    i18n.set_language(lang)
    assert attendance_summary(statuses) == expected


ASSEMBLY = """title: AG
participants:
  - {name: Hélène, member: true}
  - {name: Julien, member: true}
  - {name: Émile, member: true}
  - {name: Zoé, member: true}
assembly:
  quorum: 0.5
  proxies_max: MAX
segments:
  - {title: Vote, duration: 10m}
"""


@pytest.mark.parametrize(
    ("lang", "held", "expected"),
    [
        ("fr", 0, "Hélène détient déjà 0 pouvoir, le maximum"),
        ("fr", 1, "Hélène détient déjà 1 pouvoir, le maximum"),
        ("fr", 2, "Hélène détient déjà 2 pouvoirs, le maximum"),
        ("en", 1, "Hélène already holds 1 proxy, the statutes'"),
        ("en", 2, "Hélène already holds 2 proxies, the statutes'"),
    ],
)
def test_a_proxy_over_the_cap_says_the_proxies_held(tmp_path, lang, held, expected) -> None:
    i18n.set_language(lang)
    path = tmp_path / "ag.yaml"
    path.write_text(ASSEMBLY.replace("MAX", str(held)), encoding="utf-8")
    agenda = read_agenda_file(path).agenda
    givers = ["Julien", "Émile", "Zoé"][: held + 1]
    attendance = [("Hélène", "present", None)]
    attendance += [(giver, "represented", "Hélène") for giver in givers]
    with pytest.raises(SessionError) as refused:
        check_attendance_list(agenda, attendance)
    assert expected in refused.value.message()


AT = datetime(2026, 11, 26, 14, 0).astimezone()


def _results_header(prompt: Prompt, values: list[Any]) -> str:
    answers = [AnswerRecord(prompt.id, f"P{i}", v, AT) for i, v in enumerate(values)]
    renderable = render_results(prompt, answers, None)
    assert renderable is not None
    buffer = io.StringIO()
    Console(file=buffer, width=80, color_system=None).print(renderable)
    return buffer.getvalue().splitlines()[1].strip("│ ")


ELECTION: dict[str, Any] = {"type": "election", "candidates": ["Ana", "Bob"]}
VOTE: dict[str, Any] = {"type": "vote"}


@pytest.mark.parametrize(
    ("lang", "fields", "values", "expected"),
    [
        ("fr", ELECTION, [["Ana"]], "1 bulletin"),
        ("fr", ELECTION, [["Ana"], ["Bob"]], "2 bulletins"),
        ("en", ELECTION, [["Ana"]], "1 ballot"),
        ("en", ELECTION, [["Ana"], ["Bob"]], "2 ballots"),
        ("fr", VOTE, [{"pour": 0, "contre": 0}], "0 voix"),
        ("fr", VOTE, ["pour"], "1 voix"),
        ("fr", VOTE, [{"pour": 1, "contre": 1}], "2 voix"),
        ("en", VOTE, [{"pour": 0, "contre": 0}], "0 votes"),
        ("en", VOTE, ["pour"], "1 vote"),
        ("en", VOTE, ["pour", "contre"], "2 votes"),
        ("fr", {"type": "words"}, [["Un"]], "1 réponse"),
        ("en", {"type": "words"}, [["Un"], ["Deux"]], "2 answers"),
    ],
)
def test_the_room_screen_counts_ballots_votes_and_answers(lang, fields, values, expected) -> None:
    i18n.set_language(lang)
    prompt = Prompt.model_validate({"id": "q", "question": "Q ?", **fields})
    assert _results_header(prompt, values) == expected


@pytest.mark.parametrize(
    ("lang", "count", "expected"),
    [
        ("fr", 1, "« Inès » libéré : 1 téléphone devra choisir son nom à nouveau."),
        ("fr", 2, "« Inès » libéré : 2 téléphones devront choisir leur nom à nouveau."),
        ("en", 1, "“Inès” freed: 1 phone will pick its name again."),
        ("en", 2, "“Inès” freed: 2 phones will pick their name again."),
    ],
)
def test_freeing_a_name_counts_its_phones(lang, count, expected) -> None:
    # ``serve --free`` says it so; one phone is what a test can hold (tests/test_web.py)
    assert i18n.counted("web.freed", count, lang, name="Inès") == expected


# -- a general meeting: the tally's check, the paper sheet, the member cards ---------------------
MEETING = """\
title: AG
participants:
  - {name: Hélène, member: true}
  - {name: Julien, member: true}
  - {name: Zoé, member: true}
assembly:
  quorum: 0
segments:
  - id: vote
    title: Vote
    duration: 5m
    prompts:
      - {id: budget, question: "Budget ?", type: vote, who: room}
"""


@pytest.mark.parametrize(
    ("lang", "excused", "tally", "expected"),
    [
        ("fr", 3, "{pour: 1}", "Refusé : 1 voix pour 0 membre présent ou représenté ("),
        ("fr", 2, "{pour: 1, contre: 1}", "Refusé : 2 voix pour 1 membre présent ou représenté ("),
        ("fr", 1, "{pour: 3}", "Refusé : 3 voix pour 2 membres présents ou représentés ("),
        ("en", 3, "{pour: 1}", "Refused: 1 vote for 0 members present or represented ("),
        ("en", 2, "{pour: 2}", "Refused: 2 votes for 1 member present or represented ("),
    ],
)
def test_a_tally_larger_than_the_room_says_both_counts_agreed(
    cli, tmp_path, lang, excused, tally, expected
) -> None:
    (tmp_path / "ag.yaml").write_text(MEETING, encoding="utf-8")
    away = "".join(f"  {name}: excused\n" for name in ["Zoé", "Julien", "Hélène"][:excused])
    (tmp_path / "t.yaml").write_text(f"attendance:\n{away}budget: {tally}\n", encoding="utf-8")
    result = cli(*LANG[lang], "start", "ag.yaml", "--no-input", "--answers", "t.yaml")
    assert result.code == 0, result.err
    assert expected in result.err


def _meeting(tmp_path: Path, members: list[str] | None = None) -> str:
    """A general meeting under way (of ``members``, else MEETING's), nobody signed in yet."""
    agenda = MEETING
    if members is not None:
        roster = "".join(f"  - {{name: {name}, member: true}}\n" for name in members)
        agenda = agenda.split("participants:\n")[0] + "participants:\n" + roster
        agenda += MEETING[MEETING.index("assembly:") :]
    (tmp_path / "ag.yaml").write_text(agenda, encoding="utf-8")
    j = journal()
    clock = FakeClock()
    session_id = open_session(j, load_agenda(str(tmp_path / "ag.yaml")), SessionSetup(), clock)
    SessionWriter(j, j.session(session_id), clock).record(EventType.segment_started, segment="vote")
    return session_id


@pytest.fixture
def meeting(tmp_path: Path) -> str:
    return _meeting(tmp_path)


@pytest.mark.parametrize(
    ("lang", "present", "represented", "expected"),
    [
        ("fr", 0, 1, "Feuille papier : 0 présent, 1 représenté."),
        ("fr", 2, 0, "Feuille papier : 2 présents, 0 représenté."),
        ("fr", 1, 2, "Feuille papier : 1 présent, 2 représentés."),
        ("en", 1, 2, "Paper sheet: 1 present, 2 represented."),
    ],
)
def test_the_paper_sheets_counts_agree(cli, meeting, lang, present, represented, expected):
    result = cli(
        *LANG[lang],
        "attendance",
        meeting,
        "--present",
        str(present),
        "--represented",
        str(represented),
    )
    assert result.code == 0, result.err
    assert expected in result.err


@pytest.mark.parametrize(
    ("lang", "members", "expected"),
    [
        ("fr", ["Hélène"], "1 carte de membre écrite dans"),
        ("fr", ["Hélène", "Zoé"], "2 cartes de membre écrites dans"),
        ("en", ["Hélène"], "1 member card written to"),
        ("en", ["Hélène", "Zoé"], "2 member cards written to"),
    ],
)
def test_the_member_cards_written_are_counted(cli, tmp_path, lang, members, expected) -> None:
    session_id = _meeting(tmp_path, members)
    result = cli(*LANG[lang], "attendance", session_id, "--cards", "cards.html")
    assert result.code == 0, result.err
    assert expected in result.err


@pytest.mark.parametrize(
    ("lang", "members", "expected"),
    [
        ("fr", ["Hélène"], "1 nom sur la liste."),
        ("fr", ["Hélène", "Zoé"], "2 noms sur la liste."),
        ("en", ["Hélène"], "1 name on the list."),
        ("en", ["Hélène", "Zoé"], "2 names on the list."),
    ],
)
def test_the_phones_join_page_counts_the_roster(tmp_path, lang, members, expected) -> None:
    from seminar_cli.session.room import Room
    from seminar_cli.web.pages import Pages

    session_id = _meeting(tmp_path, members)
    j = journal()
    page = Pages(Room(j, j.session(session_id)), lang, "http://127.0.0.1:8000/j/CODE").join_page()
    assert f'data-all="{expected}">{expected}</p>' in page


HANDS_AGENDA = """\
title: Mains
segments:
  - id: vote
    title: Vote
    duration: 5m
    prompts:
      - {id: budget, question: "Budget ?", type: vote, who: room}
"""


@pytest.mark.parametrize(("lang", "expected"), [("fr", "9 voix"), ("en", "9 votes")])
def test_start_counts_a_show_of_hands_by_its_hands_as_the_room_screen_does(
    cli, tmp_path, lang, expected
) -> None:
    (tmp_path / "a.yaml").write_text(HANDS_AGENDA, encoding="utf-8")
    (tmp_path / "answers.yaml").write_text(
        "budget: {pour: 6, contre: 2, abstention: 1}\n", encoding="utf-8"
    )
    result = cli(
        *LANG[lang], "start", "a.yaml", "--no-input", "--answers", "answers.yaml", "--speed", "600"
    )
    assert result.code == 0, result.err
    closed = [line.split("  ")[-1] for line in result.err.splitlines() if "✔" in line]
    assert closed == [f"Budget ? — {expected}"]
