"""Ballots and elections (PRODUCT §7, §9 "Who, ballot, anonymous", "Elections"): what an agenda
may ask, key p opening and closing a ballot, secret ballots per member present or represented,
elections' results."""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import textwrap
import time

import pexpect
import pytest
import yaml

from seminar_cli.agenda.loader import LoadedAgenda, parse_agenda_text
from seminar_cli.agenda.models import Prompt
from seminar_cli.journal.events import EventType
from seminar_cli.journal.store import Journal
from seminar_cli.session.ballots import ballots_this_person_may_cast
from seminar_cli.session.join import Joiner
from seminar_cli.session.prompt_types import normalise_answer, summarize
from seminar_cli.session.prompter import AskRequest
from seminar_cli.session.runner import Command, Runner
from seminar_cli.session.service import SessionSetup, SessionWriter, open_session
from seminar_cli.timer import FakeClock
from tests.conftest import seminar_cmd, subprocess_env

ROSTER = """\
participants:
  - name: Ana Lopez
  - name: Bruno Petit
  - name: Chloé Roy
  - name: Denis Faure
  - name: Emma Vidal
"""

BOARD = """\
title: Assemblée test
{roster}
segments:
  - id: accueil
    title: Accueil
    duration: 5m
  - id: vote
    title: Élection du bureau
    kind: vote
    duration: 10m
    prompts:
      - id: bureau
        question: Élection du bureau
        type: election
        candidates: [Ana Lopez, Bruno Petit, Chloé Roy]
        seats: 2
        who: open
        ballot: secret
"""


def board_writer(tmp_path, roster: str = ROSTER) -> SessionWriter:
    text = BOARD.format(roster=roster)
    agenda = parse_agenda_text(text, "board.yaml")
    journal = Journal.open(tmp_path / "journal.sqlite3")
    clock = FakeClock()
    session_id = open_session(
        journal, LoadedAgenda(agenda, "board.yaml", text), SessionSetup(), clock
    )
    writer = SessionWriter(journal, journal.session(session_id), clock)
    writer.hold_anonymous_key()  # as the runner does: this process opens the sealed ballots
    return writer


# -- what an agenda may ask -------------------------------------------------------------------
def prompt_agenda(prompt: str) -> str:
    return (
        "title: T\nsegments:\n  - title: S\n    duration: 5m\n    prompts:\n"
        "      - id: p\n        question: Q\n" + textwrap.indent(prompt, " " * 8)
    )


REFUSED = [
    (
        "type: vote\nwho: each\nanonymous: true\n",
        "prompts[0].anonymous",
        "write who: open and ballot: secret (ballots from phones or seminar join)",
        "écrivez who: open et ballot: secret (bulletins depuis les téléphones ou seminar join)",
    ),
    (
        "type: election\ncandidates: [A, B]\nwho: each\nballot: secret\n",
        "prompts[0].ballot",
        "a secret election is not typed at the projected keyboard (who: each)",
        "un election à bulletin secret ne se tape pas au clavier projeté (who: each)",
    ),
    (
        "type: vote\nwho: each\nballot: hands\n",
        "prompts[0].ballot",
        "write ballot: roll_call (or remove ballot), or who: room for a show of hands",
        "écrivez ballot: roll_call (ou retirez ballot), ou who: room pour un vote à main levée",
    ),
    (
        "type: vote\nwho: room\nballot: secret\n",
        "prompts[0].ballot",
        "remove ballot: secret, or write who: open for ballots from phones or seminar join",
        "retirez ballot: secret, ou écrivez who: open pour des bulletins depuis les téléphones",
    ),
    (
        "type: vote\nwho: room\nanonymous: true\n",
        "prompts[0].anonymous",
        "a show of hands (who: room) is not anonymous: remove anonymous, or write who: open",
        "un vote à main levée (who: room) n'est pas anonyme : retirez anonymous, ou écrivez",
    ),
    (
        "type: vote\nballot: hands\n",
        "prompts[0].ballot",
        "a show of hands is typed for the room: write who: room (and remove ballot)",
        "un vote à main levée se saisit pour la salle : écrivez who: room (et retirez ballot)",
    ),
    (
        "type: vote\nballot: roll_call\nanonymous: true\n",
        "prompts[0].anonymous",
        "a roll call (ballot: roll_call) is not anonymous: write ballot: secret, or remove",
        "un vote nominatif (ballot: roll_call) n'est pas anonyme : écrivez ballot: secret",
    ),
    (
        "type: vote\nballot: secret\nanonymous: false\n",
        "prompts[0].anonymous",
        "a secret ballot is anonymous: remove anonymous: false",
        "un bulletin secret est anonyme : retirez anonymous: false",
    ),
    (
        "type: election\ncandidates: [A, B]\nwho: room\n",
        "prompts[0].who",
        "an election is not typed for the room (who: room): write who: open and ballot: secret",
        "une élection ne se saisit pas pour la salle (who: room) : écrivez who: open et ballot",
    ),
    (
        "type: choice\nchoices: [a, b]\nballot: secret\n",
        "prompts[0].ballot",
        "ballot only goes with a vote or an election, not choice: remove it",
        "ballot ne va qu'avec un vote ou une élection, pas choice : retirez-le",
    ),
    (
        "type: election\n",
        "prompts[0].candidates",
        "an election needs its candidates: write candidates: [Name 1, Name 2]",
        "une élection a besoin de ses candidats : écrivez candidates: [Nom 1, Nom 2]",
    ),
    (
        "type: election\ncandidates: [A, B]\nseats: 3\n",
        "prompts[0].seats",
        "3 seats for 2 candidates: write seats: 2 at most",
        "3 sièges pour 2 candidats : écrivez au plus seats: 2",
    ),
    (
        "type: vote\nseats: 2\n",
        "prompts[0].seats",
        "seats only goes with an election prompt, not vote: remove it, or write type: election",
        "seats ne va qu'avec une question de type election, pas vote : retirez-le",
    ),
]


@pytest.mark.parametrize(("prompt", "where", "english", "french"), REFUSED)
def test_an_agenda_breaking_the_ballot_rules_is_refused_saying_what_to_write(
    cli, tmp_path, prompt, where, english, french
):
    path = tmp_path / "a.yaml"
    path.write_text(prompt_agenda(prompt), encoding="utf-8")
    for lang, expected in (("en", english), ("fr", french)):
        result = cli("--lang", lang, "agenda", "validate", str(path))
        assert result.code == 1, result.out
        assert where in result.err and expected in result.err, result.err
        assert "Traceback" not in result.err


@pytest.mark.parametrize(
    ("prompt", "mode"),
    [
        ("type: vote\nwho: room\n", "hands"),
        ("type: vote\nwho: each\n", "roll_call"),
        ("type: vote\n", "roll_call"),
        ("type: vote\nanonymous: true\n", "secret"),
        ("type: election\ncandidates: [A]\nballot: secret\n", "secret"),
    ],
)
def test_who_and_ballot_combine_as_the_rulings_say(prompt, mode):
    data = yaml.safe_load(prompt)
    parsed = Prompt.model_validate({"id": "p", "question": "Q", **data})
    assert parsed.ballot_mode == mode
    assert parsed.anonymous is (mode == "secret")


# -- elections ---------------------------------------------------------------------------------
def election(round_: int = 1, seats: int = 2) -> Prompt:
    return Prompt.model_validate(
        {
            "id": "e",
            "question": "Bureau",
            "type": "election",
            "candidates": ["Ana", "Bruno", "Chloé", "Denis"],
            "seats": seats,
            "round": round_,
        }
    )


def ballots(prompt: Prompt, *raw: object) -> list[object]:
    return [normalise_answer(prompt, r) for r in raw]


def test_two_seats_round_one_elects_those_with_more_than_half_the_ballots_cast():
    prompt = election()
    given = ballots(prompt, "Ana, Bruno", "ana; chloé", ["Ana"], "2", "blanc", [], "Bruno, Ana")
    assert given[3] == ["Bruno"] and given[4] == given[5] == []  # a number; blank ballots
    # 7 ballots, 2 blank: 5 cast; Ana 4 (> 2.5), Bruno 3 (> 2.5), Chloé 1
    assert summarize(prompt, given) == {
        "counts": {"Ana": 4, "Bruno": 3, "Chloé": 1, "Denis": 0},
        "blank": 2,
        "cast": 5,
        "elected": ["Ana", "Bruno"],
        "ties": [],
    }


def test_round_one_elects_only_a_majority_and_reports_a_tie_without_deciding_it():
    prompt = election()
    # 6 cast: Ana 4 elected; Bruno and Chloé 4 each too: three above half for two seats
    tied = ballots(prompt, "Ana, Bruno", "Ana, Chloé", "Bruno, Chloé", "Ana, Bruno", "Chloé, Ana")
    tied += ballots(prompt, "Bruno, Chloé")
    assert summarize(prompt, tied)["elected"] == []
    assert summarize(prompt, tied)["ties"] == ["Ana", "Bruno", "Chloé"]
    # Ana alone has a majority: one seat stays empty for a second round
    few = ballots(prompt, "Ana", "Ana, Bruno", "Chloé", "Ana, Denis")
    assert summarize(prompt, few) | {"counts": None} == {
        "counts": None,
        "blank": 0,
        "cast": 4,
        "elected": ["Ana"],
        "ties": [],
    }


def test_round_two_elects_by_most_votes_and_reports_a_tie_for_the_last_seat():
    prompt = election(round_=2)
    given = ballots(prompt, "Bruno", "Bruno, Chloé", "Denis", "Chloé", "Bruno")
    summary = summarize(prompt, given)
    assert summary["elected"] == ["Bruno", "Chloé"]  # 3 and 2 votes: relative majority
    tie = summarize(prompt, ballots(prompt, "Bruno", "Bruno, Chloé", "Denis"))
    assert (tie["elected"], tie["ties"]) == (["Bruno"], ["Chloé", "Denis"])


def test_an_election_ballot_picks_at_most_the_seats_and_only_candidates():
    from seminar_cli.errors import AnswerError

    prompt = election()
    with pytest.raises(AnswerError) as many:
        normalise_answer(prompt, "Ana, Bruno, Chloé")
    assert many.value.message() == "au plus 2 candidats sur un bulletin"
    with pytest.raises(AnswerError) as stranger:
        normalise_answer(prompt, "Zoé")
    assert "« Zoé » n'est pas candidat" in stranger.value.message()


# -- secret ballots: one per member present or represented, nothing linking ballot and voter ---
def attend(writer: SessionWriter, **statuses: str | tuple[str, str]) -> None:
    for person in writer.agenda.participants:
        status = statuses.get(person.name.split()[0], "present")
        by = None
        if isinstance(status, tuple):
            status, by = status
        writer.record(
            EventType.attendance, participant=person.name, status=status, represented_by=by
        )


def open_ballot(writer: SessionWriter) -> None:
    writer.record(EventType.segment_started, segment="vote")
    writer.record(EventType.prompt_opened, prompt="bureau", segment="vote")


def test_a_secret_ballot_keeps_no_link_between_ballot_and_voter_and_each_member_votes_once(
    tmp_path,
):
    writer = board_writer(tmp_path)
    # Denis is represented by Ana, Emma excused: 4 ballots at most (Ana twice, Bruno, Chloé)
    attend(writer, Denis=("represented", "Ana Lopez"), Emma="excused")
    open_ballot(writer)
    state = writer.state
    assert ballots_this_person_may_cast(state, "Ana Lopez") == ["Ana Lopez", "Denis Faure"]
    assert ballots_this_person_may_cast(state, "Emma Vidal") == []
    prompt = writer.agenda.find_prompt("bureau")[1]
    ana, bruno, chloe = (Joiner(writer, n) for n in ("Ana Lopez", "bruno petit", "Chloé Roy"))
    assert ana.answer(prompt, ["Bruno Petit", "Chloé Roy"])
    assert ana.answer(prompt, ["Ana Lopez"], on_behalf="Denis Faure")
    assert bruno.answer(prompt, "blanc")
    assert chloe.answer(prompt, ["Ana Lopez", "Bruno Petit"])
    # a second ballot for the same member, by the same voter or the proxy's: refused
    assert not ana.answer(prompt, ["Chloé Roy"])
    assert not ana.answer(prompt, ["Chloé Roy"], on_behalf="Denis Faure")
    assert not Joiner(writer, "Chloé Roy").answer(prompt, [])
    from seminar_cli.errors import AnswerError

    with pytest.raises(AnswerError) as stranger:  # excused: no ballot; nobody's proxy
        Joiner(writer, "Emma Vidal").answer(prompt, [])
    assert "Emma Vidal ne vote pas" in stranger.value.message()
    with pytest.raises(AnswerError):
        Joiner(writer, "Bruno Petit").answer(prompt, [], on_behalf="Denis Faure")
    writer.record(EventType.prompt_closed, prompt="bureau")

    journal = writer.journal
    answers = [e for e in journal.events(writer.session_id) if e.type == "answer_given"]
    marks = [e for e in journal.events(writer.session_id) if e.type == "answer_marked"]
    assert sorted(json.dumps(e.payload["value"], ensure_ascii=False) for e in answers) == sorted(
        ['["Bruno Petit", "Chloé Roy"]', '["Ana Lopez"]', "[]", '["Ana Lopez", "Bruno Petit"]']
    )
    assert all(set(e.payload) == {"prompt", "value"} for e in answers)  # no name, ref or via
    assert sorted(e.payload["participant"] for e in marks) == [
        "Ana Lopez",
        "Bruno Petit",
        "Chloé Roy",
        "Denis Faure",
    ]
    assert all(set(e.payload) == {"prompt", "participant"} for e in marks)  # no value
    assert len({e.at for e in answers + marks}) == 1  # written together, at the close
    assert writer.state.marked["bureau"] == {"Ana Lopez", "Bruno Petit", "Chloé Roy", "Denis Faure"}

    # every table of the file: no row holds both a voter's name and a ballot
    names = ["Ana Lopez", "Bruno Petit", "Chloé Roy", "Denis Faure"]
    db = sqlite3.connect(tmp_path / "journal.sqlite3")
    tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    assert {"events", "anonymous_pool", "anonymous_voters"} <= set(tables)
    for table in tables:
        for row in db.execute(f"SELECT * FROM {table}"):
            text = " ".join(str(cell) for cell in row)
            if '"value"' in text or table.startswith("anonymous_"):
                assert not any(f'"participant":"{n}"' in text for n in names), (table, row)
    assert db.execute("SELECT COUNT(*) FROM anonymous_pool").fetchone() == (0,)
    assert db.execute("SELECT COUNT(*) FROM anonymous_voters").fetchone() == (0,)
    db.close()


def test_join_asks_a_proxy_holder_for_whom_in_turn(tmp_path):
    writer = board_writer(tmp_path)
    attend(writer, Denis=("represented", "Ana Lopez"), Emma=("represented", "Ana Lopez"))
    open_ballot(writer)
    asked: list[AskRequest] = []

    class Voting:
        def ask(self, request: AskRequest) -> object:
            asked.append(request)
            return ["Chloé Roy"]

        def ask_name(self, prompt: Prompt) -> str | None:
            return None

    def all_cast(_outcome: object) -> None:  # nothing left to ask: the session ends
        writer.record(EventType.prompt_closed, prompt="bureau")
        writer.record(EventType.session_closed)

    reports: list[str] = []
    outcome = Joiner(writer, "Ana Lopez").run_interactive(
        Voting(), all_cast, sleep=lambda _s: None, reported=lambda p, w: reports.append(w)
    )
    assert [(r.participant, r.on_behalf, r.turn, r.turns) for r in asked] == [
        ("Ana Lopez", None, 1, 3),
        ("Ana Lopez", "Denis Faure", 2, 3),
        ("Ana Lopez", "Emma Vidal", 3, 3),
    ]
    assert outcome.answered == ["bureau"] * 3 and reports == ["answered"] * 3
    assert writer.state.marked["bureau"] == {"Ana Lopez", "Denis Faure", "Emma Vidal"}


def test_join_tells_who_does_not_vote(tmp_path):
    writer = board_writer(tmp_path)
    attend(writer, Emma="excused")
    open_ballot(writer)
    reports: list[str] = []

    class Nobody:
        def ask(self, request: AskRequest) -> object:
            raise AssertionError("a person who does not vote is not asked")

        def ask_name(self, prompt: Prompt) -> str | None:
            return None

    def report(prompt: Prompt, what: str) -> None:
        reports.append(what)
        writer.record(EventType.session_closed)

    Joiner(writer, "Emma Vidal").run_interactive(
        Nobody(), lambda _o: None, sleep=lambda _s: None, reported=report
    )
    assert reports == ["not_voter"]


def test_a_refusal_without_a_register_speaks_of_the_agendas_participants(tmp_path):
    """A roster without a register of members: someone off it is told they are not on the
    agenda's list (not « ni présent(e) …, ni membre inscrit »), an excused member that they
    are marked excused."""
    from seminar_cli.errors import AnswerError

    writer = board_writer(tmp_path)
    attend(writer, Emma="excused")
    open_ballot(writer)
    found = writer.agenda.find_prompt("bureau")
    assert found is not None
    told = []
    for name in ("Zoé Inconnue", "Emma Vidal"):
        with pytest.raises(AnswerError) as refused:
            Joiner(writer, name).answer(found[1], "Bruno Petit")
        told.append(refused.value.message())
    assert told == [
        "Zoé Inconnue ne vote pas : ce nom n'est pas sur la liste des participants de l'agenda.",
        "Emma Vidal ne vote pas : noté·e excusé·e sur la feuille d'émargement.",
    ]


# -- key p, and headless runs -------------------------------------------------------------------
class Keys:
    """Presses the given keys' commands once each, in turn, at the start of each wait."""

    def __init__(self, *commands: Command) -> None:
        self.commands = list(commands)
        self.seen: list[list[str]] = []

    def wait(self, runner: Runner, timeout: float) -> Command | None:
        self.seen.append(sorted(runner.state.open_prompts))
        if self.commands:
            return self.commands.pop(0)
        runner.writer.clock.sleep(timeout)
        return None

    def notify(self, runner: Runner, what: str, **details: object) -> None:
        pass

    def suspend(self) -> None:
        pass

    def restore(self) -> None:
        pass


def test_key_p_opens_and_closes_a_ballot_which_does_not_open_with_its_segment(tmp_path):
    writer = board_writer(tmp_path)
    attend(writer)
    writer.record(EventType.segment_ended, segment="accueil", early=True)
    keys = Keys(Command("pause"), Command("ask"), Command("ask"), Command("next"))
    Runner(writer, keys, auto_advance=False).run()
    # opened by the first p, closed by the second, not by the segment's start
    assert keys.seen[:3] == [[], [], ["bureau"]]
    kinds = [
        (e.type, e.payload.get("prompt"))
        for e in writer.journal.events(writer.session_id)
        if e.type.startswith(("prompt_", "segment_started"))
    ]
    assert kinds == [
        ("segment_started", None),
        ("prompt_opened", "bureau"),
        ("prompt_closed", "bureau"),
    ]


def test_a_ballot_left_open_closes_with_its_segment(tmp_path):
    writer = board_writer(tmp_path)
    attend(writer)
    writer.record(EventType.segment_ended, segment="accueil", early=True)
    Runner(writer, Keys(Command("ask"), Command("next")), auto_advance=False).run()
    assert "bureau" in writer.state.closed_prompts


def test_a_headless_run_opens_the_ballot_with_its_segment_and_takes_for_from_the_answers_file(
    cli, tmp_path
):
    agenda = tmp_path / "board.yaml"
    agenda.write_text(BOARD.format(roster=ROSTER), encoding="utf-8")
    answers = tmp_path / "answers.yaml"
    entries = {
        "attendance": {
            "Denis Faure": {"status": "represented", "by": "Ana Lopez"},
            "Emma Vidal": "excused",
        },
        "bureau": [
            {"participant": "Ana Lopez", "value": ["Ana Lopez", "Bruno Petit"]},
            {"participant": "Ana Lopez", "value": "Chloé Roy", "for": "Denis Faure"},
            {"participant": "Bruno Petit", "value": "Ana Lopez"},
            {"participant": "Chloé Roy", "value": "blanc"},
            {"participant": "Bruno Petit", "value": "Chloé Roy", "for": "Denis Faure"},
            {"participant": "Emma Vidal", "value": "Chloé Roy"},
        ],
    }
    answers.write_text(yaml.safe_dump(entries, allow_unicode=True), encoding="utf-8")
    run = cli("start", str(agenda), "--no-input", "--answers", str(answers), "--speed", "10000")
    assert run.code == 0, run.err
    # Bruno does not carry Denis's proxy, Emma is excused: their entries are refused, said why
    assert "Bruno Petit ne peut pas voter pour Denis Faure" in run.err
    assert "Emma Vidal ne vote pas" in run.err
    with Journal.open(tmp_path / "journal.sqlite3", create=False) as journal:
        (row,) = journal.sessions()
    data = json.loads(cli("export", row.id, "--format", "json", "-o", "-").out)
    (board,) = [p for s in data["segments"] for p in s["prompts"] if p["id"] == "bureau"]
    # Ana twice (herself, Denis's proxy), Bruno, Chloé (blank): 4 ballots, 3 cast
    assert board["summary"] == {
        "counts": {"Ana Lopez": 2, "Bruno Petit": 1, "Chloé Roy": 1},
        "blank": 1,
        "cast": 3,
        "elected": ["Ana Lopez"],
        "ties": [],
    }
    assert all(r["participant"] is None and r["at"] is None for r in board["responses"])
    assert (board["seats"], board["round"]) == (2, 1)
    # the compte rendu's CSV: a row per candidate picked, a blank ballot counted in « blanc »
    table = cli("export", row.id, "--format", "csv", "-o", "-").out.splitlines()
    rows = [line.split(";") for line in table if ";bureau;" in line]
    assert sorted(r[7] for r in rows) == ["", "Ana Lopez", "Ana Lopez", "Bruno Petit", "Chloé Roy"]
    assert sum(int(r[12]) for r in rows if r[12]) == 1


def test_join_no_input_refuses_a_second_ballot_for_the_same_member(cli, tmp_path):
    writer = board_writer(tmp_path)
    attend(writer, Denis=("represented", "Ana Lopez"))
    open_ballot(writer)
    answers = tmp_path / "ana.yaml"
    entries = {
        "bureau": [
            {"participant": "Ana Lopez", "value": "Bruno Petit"},
            {"participant": "Ana Lopez", "value": "Chloé Roy", "for": "Denis Faure"},
        ]
    }
    answers.write_text(yaml.safe_dump(entries, allow_unicode=True), encoding="utf-8")
    first = cli("join", "--no-input", "--answers", str(answers), "--name", "Ana Lopez")
    assert first.code == 0, first.err
    second = cli("join", "--no-input", "--answers", str(answers), "--name", "Ana Lopez")
    assert second.code == 0, second.err
    assert "Le bulletin pour Denis Faure est déjà dans l'urne" in second.err
    writer.sync()
    assert writer.journal.pending_anonymous(writer.session_id, "bureau") == 2


# -- the live screen in a real terminal ------------------------------------------------------------
def test_p_opens_and_closes_the_ballot_on_the_live_screen_showing_only_how_many_are_in(tmp_path):
    agenda = tmp_path / "agenda.yaml"
    agenda.write_text(BOARD.format(roster=ROSTER), encoding="utf-8")
    command = seminar_cmd()
    env = subprocess_env(tmp_path)
    child = pexpect.spawn(
        command[0],
        [
            *command[1:],
            "start",
            "agenda.yaml",
            "--place",
            "Paris",
            "--facilitator",
            "Alex",
            "--secretary",
            "Sam",
        ],
        cwd=str(tmp_path),
        env=env,
        dimensions=(30, 140),
        encoding="utf-8",
        timeout=30,
    )
    try:
        child.expect("Emma Vidal")
        child.send("\r")  # everyone is here
        child.expect("EN COURS")
        child.send("n")  # to the election
        child.expect(r"Scrutin à ouvrir \(touche p\)")
        child.send("p")
        child.expect("bulletins reçus : 0 / 5 votants présents et représentés")
        answers = tmp_path / "bruno.yaml"
        answers.write_text("bureau: [{participant: Bruno Petit, value: Ana Lopez}]\n", "utf-8")
        join = subprocess.run(
            [*command, "join", "--no-input", "--answers", str(answers), "--name", "Bruno Petit"],
            cwd=str(tmp_path),
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert join.returncode == 0, join.stderr
        child.expect("bulletins reçus : 1 / 5 votants présents et représentés")
        child.send("p")
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:  # the close is written by the runner's loop
            with Journal.open(tmp_path / "journal.sqlite3", create=False) as journal:
                (row,) = journal.sessions()
                events = [(e.type, e.payload) for e in journal.events(row.id)]
            if ("prompt_closed", {"prompt": "bureau"}) in events:
                break
            time.sleep(0.2)
        child.send("q")
        child.expect("o/y : quitter")
        child.send("y")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    kinds = [(k, p.get("prompt")) for k, p in events if k.startswith("prompt_")]
    assert kinds == [("prompt_opened", "bureau"), ("prompt_closed", "bureau")], events
    (ballot,) = [p for k, p in events if k == "answer_given"]
    assert ballot == {"prompt": "bureau", "value": ["Ana Lopez"]}
    assert ("answer_marked", {"prompt": "bureau", "participant": "Bruno Petit"}) in events


# -- phones ----------------------------------------------------------------------------------------
def test_phones_cast_one_ballot_per_member_carried_and_a_second_one_is_409(tmp_path):
    import httpx

    from seminar_cli.web.server import WebServer

    writer = board_writer(tmp_path)
    attend(writer, Denis=("represented", "Ana Lopez"), Emma="excused")
    open_ballot(writer)
    server = WebServer(
        tmp_path / "journal.sqlite3", writer.session_id, host="127.0.0.1", port=0, code="ABCDEF"
    )
    base = server.start().url.rsplit("/j/", 1)[0]
    try:

        def phone(name: str) -> httpx.Client:
            client = httpx.Client(base_url=base, timeout=20)
            joined = client.post("/api/join", json={"code": "ABCDEF", "name": name})
            assert joined.status_code == 201, joined.text
            client.headers["Authorization"] = f"Bearer {joined.json()['token']}"
            return client

        ana, bruno, emma = phone("Ana Lopez"), phone("Bruno Petit"), phone("Emma Vidal")
        (prompt,) = ana.get("/api/state").json()["prompts"]
        assert prompt["type"] == "election" and prompt["ballot"] == "secret"
        assert prompt["choices"] == ["Ana Lopez", "Bruno Petit", "Chloé Roy"]
        assert (prompt["min"], prompt["max"]) == (0, 2)
        assert prompt["ballots_for"] == ["Ana Lopez", "Denis Faure"]  # hers, then Denis's
        page = ana.get("/j/ABCDEF").text
        assert "Bulletin pour : Denis Faure" in page and 'name="for" value="Denis Faure"' in page

        def cast(client: httpx.Client, value: object, member: str | None = None):
            body: dict[str, object] = {"prompt": "bureau", "value": value}
            if member is not None:
                body["for"] = member
            return client.post("/api/answers", json=body)

        assert cast(ana, ["Bruno Petit"]).status_code == 201
        assert cast(ana, [], "Denis Faure").status_code == 201  # a blank ballot
        again = cast(ana, ["Chloé Roy"], "Denis Faure")
        assert again.status_code == 409
        assert again.json()["message"] == (
            "Le bulletin pour Denis Faure est déjà dans l'urne : un bulletin secret ne se vote "
            "qu'une fois."
        )
        assert cast(ana, ["Chloé Roy"]).status_code == 409
        not_his = cast(bruno, ["Ana Lopez"], "Denis Faure")
        assert not_his.status_code == 422
        assert "Bruno Petit ne peut pas voter pour Denis Faure" in not_his.json()["message"]
        excused = cast(emma, ["Ana Lopez"])
        assert excused.status_code == 422 and "Emma Vidal ne vote pas" in excused.json()["message"]
        assert "Vous ne votez pas à ce scrutin" in emma.get("/j/ABCDEF").text
        assert cast(bruno, ["Ana Lopez", "Bruno Petit", "Chloé Roy"]).status_code == 422
        (mine,) = ana.get("/api/state").json()["prompts"]
        assert mine["answered"] is True and mine["ballots_for"] == []
        screen = httpx.get(f"{base}/api/screen", params={"code": "ABCDEF"}, timeout=20).json()
        (shown,) = screen["prompts"]
        assert (shown["count"], shown["voters"]) == (2, 4)  # Ana, Bruno, Chloé + Denis
    finally:
        server.stop()
    writer.record(EventType.prompt_closed, prompt="bureau")
    given = [
        e.payload for e in writer.journal.events(writer.session_id) if e.type == "answer_given"
    ]
    assert sorted(json.dumps(p, ensure_ascii=False) for p in given) == [
        '{"prompt": "bureau", "value": ["Bruno Petit"]}',
        '{"prompt": "bureau", "value": []}',
    ]


def test_the_live_screen_shows_only_how_many_ballots_are_in_at_80_by_24(tmp_path):
    from seminar_cli.i18n import init_language
    from seminar_cli.ui.screen import view_from_state
    from tests.live_helpers import frame

    writer = board_writer(tmp_path)
    attend(writer, Denis=("represented", "Ana Lopez"), Emma="absent")
    writer.record(EventType.segment_ended, segment="accueil", early=True)
    writer.record(EventType.segment_started, segment="vote")
    init_language("fr")
    try:
        waiting = frame(view_from_state(writer.state, writer.clock.now()), 80, 24)
        assert "Scrutin à ouvrir (touche p) : Élection du bureau" in waiting
        writer.record(EventType.prompt_opened, prompt="bureau", segment="vote")
        prompt = writer.agenda.find_prompt("bureau")[1]
        Joiner(writer, "Ana Lopez").answer(prompt, ["Chloé Roy"])
        view = view_from_state(writer.state, writer.clock.now(), waiting=writer.waiting_anonymous())
        shown = frame(view, 80, 24)
        flat = " ".join(shown.split())
        # Ana, Bruno, Chloé present, Denis represented, Emma absent: 4 voters
        assert "Scrutin ouvert : Élection du bureau — bulletins reçus : 1 / 4 votants" in flat
        assert "Chloé Roy" not in shown  # never the content
    finally:
        init_language(None)


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (
            {"value": "Ana Lopez", "for": "Denis Faure"},
            "« for » dit pour qui le bulletin est déposé : écrivez aussi participant:",
        ),
        (
            {"participant": "Ana Lopez", "value": "Ana Lopez", "for": "Zoé Inconnue"},
            "« for » nomme Zoé Inconnue, qui n'est pas dans la liste des participants",
        ),
    ],
)
def test_an_answers_file_for_entry_that_cannot_be_a_proxy_is_refused_when_read(
    cli, tmp_path, entry, message
):
    agenda = tmp_path / "board.yaml"
    agenda.write_text(BOARD.format(roster=ROSTER), encoding="utf-8")
    answers = tmp_path / "answers.yaml"
    answers.write_text(yaml.safe_dump({"bureau": [entry]}, allow_unicode=True), encoding="utf-8")
    result = cli("start", str(agenda), "--no-input", "--answers", str(answers))
    assert result.code == 1 and message in result.err, result.err
    assert "bureau[0]" in result.err


def test_for_on_a_named_vote_is_refused_when_read(cli, tmp_path):
    agenda = tmp_path / "motion.yaml"
    agenda.write_text(
        "title: T\nparticipants: [{name: Ana}]\nsegments:\n  - title: S\n    duration: 5m\n"
        "    prompts:\n      - {id: motion, question: Q, type: vote}\n",
        encoding="utf-8",
    )
    answers = tmp_path / "answers.yaml"
    answers.write_text("motion: [{participant: Ana, value: pour, for: Ana}]\n", encoding="utf-8")
    result = cli("--lang", "en", "start", str(agenda), "--no-input", "--answers", str(answers))
    assert result.code == 1
    assert "'for' only goes with a secret vote or election (who: open)" in result.err


def test_the_room_screen_shows_an_elections_results_after_its_close():
    from datetime import UTC, datetime

    from rich.console import Console

    from seminar_cli.i18n import init_language
    from seminar_cli.journal.state import AnswerRecord
    from seminar_cli.ui.results import render_results

    prompt = election()
    given = ballots(
        prompt, "Ana, Bruno", "Ana", "blanc", "Bruno, Chloé", "Ana, Chloé", "Bruno, Ana"
    )
    at = datetime(2026, 1, 1, tzinfo=UTC)
    console = Console(width=80, record=True)
    init_language("fr")
    try:
        console.print(render_results(prompt, [AnswerRecord("e", None, v, at) for v in given], None))
    finally:
        init_language(None)
    text = " ".join(console.export_text().split())
    assert "6 bulletins" in text
    assert re.search(r"│ Ana \S+ +4 · 80 %", text) and re.search(r"│ Bruno \S+ +3 · 60 %", text)
    assert "Suffrages exprimés : 5 · Bulletins blancs : 1" in text
    assert "Élus : Ana, Bruno" in text
