"""Pending anonymous answers and secret ballots are sealed to the key of the process that runs
the session (journal/sealing.py, docs/architecture.md "Anonymous answers stay unlinkable"):
the journal's file and its ``-wal``, read byte by byte, never show a pending value; the runner
writes them in batches with their markers; a runner killed takes its key with it, and what it
had not written is voided, said in the minutes, and may be answered again."""

from __future__ import annotations

import shutil
import signal
import sqlite3
import subprocess
import textwrap
import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from seminar_cli.agenda.loader import LoadedAgenda, parse_agenda_text
from seminar_cli.journal.events import EventType
from seminar_cli.journal.store import AnonymousOutcome, Journal
from seminar_cli.minutes.build import load_minutes
from seminar_cli.session.join import Joiner
from seminar_cli.session.service import SessionSetup, SessionWriter, open_session
from seminar_cli.timer import SystemClock
from tests.conftest import seminar_cmd, subprocess_env
from tests.session_helpers import take_over_as_new_runner
from tests.test_minutes_pending import rendered_text

SECRET = "Zébulon-4217"
WAIT = 90.0  # seconds, a bound only: two shared cores

TEXT_AGENDA = """\
title: Idées secrètes
participants:
  - name: Camille Martin
  - name: Dominique Roy
  - name: Inès Benali
  - name: Hugo Petit
  - name: Léa Durand
  - name: Malik Sow
  - name: Nora Blanc
  - name: Omar Faye
  - name: Paul Henry
  - name: Rose Simon
segments:
  - id: tour
    title: Tour
    duration: 30m
    prompts:
      - {id: idee, question: "Une idée ?", type: text, anonymous: true, who: open}
      - {id: nom, question: "Votre rôle ?", who: open}
"""
NAMES = [
    "Camille Martin",
    "Dominique Roy",
    "Inès Benali",
    "Hugo Petit",
    "Léa Durand",
    "Malik Sow",
    "Nora Blanc",
    "Omar Faye",
    "Paul Henry",
    "Rose Simon",
]


def wait_for(condition: Callable[[], bool], what: str, timeout: float = WAIT) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.1)


def holder(tmp_path: Path) -> SessionWriter:
    """This test process runs the session, as `start` would: it holds the key, beats, and the
    anonymous prompt is open."""
    loaded = LoadedAgenda(parse_agenda_text(TEXT_AGENDA, "i.yaml"), "i.yaml", TEXT_AGENDA)
    journal = Journal.open(tmp_path / "journal.sqlite3")
    clock = SystemClock()
    session_id = open_session(journal, loaded, SessionSetup(), clock)
    writer = SessionWriter(journal, journal.session(session_id), clock)
    writer.hold_anonymous_key()
    writer.heartbeat()
    writer.record(EventType.segment_started, segment="tour")
    writer.record(EventType.prompt_opened, prompt="idee", segment="tour")
    writer.record(EventType.prompt_opened, prompt="nom", segment="tour")
    return writer


def file_bytes(tmp_path: Path) -> bytes:
    """A copy of the journal and its -wal, read as bytes (never through SQLite)."""
    copies = tmp_path / "copies"
    copies.mkdir(exist_ok=True)
    data = b""
    for name in ("journal.sqlite3", "journal.sqlite3-wal"):
        source = tmp_path / name
        if source.exists():
            shutil.copyfile(source, copies / name)
            data += (copies / name).read_bytes()
    return data


def shows(data: bytes, text: str) -> bool:
    """Whether ``text`` is in ``data`` as UTF-8 or as JSON would escape it."""
    escaped = text.encode("ascii", "backslashreplace").replace(b"\\x", b"\\u00")
    return text.encode("utf-8") in data or escaped in data


def test_a_pending_answer_shows_nowhere_in_the_journal_or_its_wal_until_written(tmp_path):
    writer = holder(tmp_path)
    (tmp_path / "r.yaml").write_text(f"idee: {SECRET}\nnom: Trésorière\n", encoding="utf-8")
    joined = subprocess.run(
        [*seminar_cmd(), "join", "--no-input", "--answers", "r.yaml", "--name", "Camille Martin"],
        env=subprocess_env(tmp_path),
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=WAIT,
    )
    assert joined.returncode == 0, joined.stderr
    assert writer.journal.pending_anonymous(writer.session_id, "idee") == 1
    data = file_bytes(tmp_path)
    assert shows(data, "Trésorière")  # the named answer is there: the scan reads what is written
    assert shows(data, "Camille Martin")  # and so is the voter's marker
    assert not shows(data, SECRET)
    assert not shows(data, "Zébulon") and not shows(data, "4217")

    writer.record(EventType.prompt_closed, prompt="idee")  # the holder opens and writes it
    data = file_bytes(tmp_path)
    assert shows(data, SECRET)
    db = sqlite3.connect(tmp_path / "journal.sqlite3")
    try:
        holding = [
            (table, row)
            for (table,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            for row in db.execute(f"SELECT * FROM {table}")
            if any(isinstance(c, str) and "Zébulon" in c for c in row)
        ]
    finally:
        db.close()
    assert [table for table, _row in holding] == ["events"]
    (row,) = [row for _t, row in holding]
    assert "answer_given" in row and "Camille" not in " ".join(str(c) for c in row)


def test_the_runner_writes_five_of_ten_with_their_markers_and_the_rest_at_the_close(tmp_path):
    writer = holder(tmp_path)
    prompt = writer.agenda.find_prompt("idee")[1]
    for name in NAMES:  # each answer tells whose it is, for the test only
        assert Joiner(writer, name).answer(prompt, f"idée de {name}")
    assert not [e for e in writer.journal.events(writer.session_id) if e.type == "answer_given"]
    assert writer.drain_anonymous() == 5
    evs = writer.journal.events(writer.session_id)
    batch = [e for e in evs if e.type in ("answer_given", "answer_marked")]
    assert len({e.at for e in batch}) == 1
    values = {str(e.payload["value"]) for e in batch if e.type == "answer_given"}
    marked = {str(e.payload["participant"]) for e in batch if e.type == "answer_marked"}
    assert len(values) == 5 and {f"idée de {n}" for n in marked} == values  # the matching ones
    assert all(set(e.payload) == {"prompt", "value"} for e in batch if e.type == "answer_given")
    assert writer.journal.pending_anonymous(writer.session_id, "idee") == 5

    writer.record(EventType.prompt_closed, prompt="idee")
    evs = writer.journal.events(writer.session_id)
    rest = [e for e in evs if e.type in ("answer_given", "answer_marked") and e not in batch]
    assert len(rest) == 10 and len({e.at for e in rest}) == 1
    assert Counter(e.type for e in rest) == {"answer_given": 5, "answer_marked": 5}
    assert writer.state.marked["idee"] == set(NAMES)
    answers = sorted(str(a.value) for a in writer.state.answers["idee"])
    assert answers == sorted(f"idée de {n}" for n in NAMES)


def test_an_answer_racing_a_new_runner_is_sealed_to_its_key_or_refused(tmp_path):
    writer = holder(tmp_path)
    prompt_id = "idee"
    # the runner that published the key is gone (a process id that no longer runs)
    dead = subprocess.Popen(["true"])
    dead.wait()
    db = sqlite3.connect(tmp_path / "journal.sqlite3")
    db.execute("UPDATE anonymous_keys SET pid = ?", (dead.pid,))
    db.commit()
    db.close()
    outcome = writer.record_anonymous(prompt_id, "avant", "Camille Martin", watch=())
    assert outcome is AnonymousOutcome.no_holder  # refused, nothing held, may answer later
    assert writer.journal.pending_anonymous(writer.session_id, prompt_id) == 0
    assert not writer.journal.has_voted(writer.session_id, prompt_id, "Camille Martin")

    # answers keep coming from two other connections while a new runner claims the session
    outcomes: list[AnonymousOutcome] = []
    stop = threading.Event()

    def answer(names: list[str]) -> None:
        journal = Journal.open(tmp_path / "journal.sqlite3", create=False)
        other = SessionWriter(journal, journal.session(writer.session_id), SystemClock())
        try:
            for name in names:
                if stop.is_set():
                    break
                outcomes.append(other.record_anonymous(prompt_id, name, name, watch=()))
        finally:
            journal.close()

    threads = [threading.Thread(target=answer, args=(NAMES[i::2],)) for i in range(2)]
    for thread in threads:
        thread.start()

    take_over_as_new_runner(writer)
    for thread in threads:
        thread.join(WAIT)
    writer.sync()
    held = writer.journal.pending_anonymous(writer.session_id, prompt_id)
    assert set(outcomes) <= {AnonymousOutcome.pending, AnonymousOutcome.no_holder}
    # whatever was sealed to the dead key was voided by the claim; everything left opens with
    # the new one (a row sealed to the old key would fail here)
    writer.record(EventType.prompt_closed, prompt=prompt_id)
    written = [a for a in writer.state.answers.get(prompt_id, []) if a.value is not None]
    assert len(written) == held
    voided = writer.state.voided_anonymous.get(prompt_id, 0)
    assert outcomes.count(AnonymousOutcome.pending) == held + voided


KILL_AGENDA = """\
title: Bureau
participants:
  - name: Ana Lopez
  - name: Bruno Petit
  - name: Chloé Roy
  - name: Denis Faure
  - name: Emma Vidal
segments:
  - id: vote
    title: Le vote
    duration: 30m
    prompts:
      - id: budget
        question: Adoptez-vous le budget ?
        type: vote
        who: open
        ballot: secret
      - {id: avis, question: "Un avis ?", who: open}
"""


def events_of(db: Path) -> list[tuple[str, dict[str, object]]]:
    import json

    conn = sqlite3.connect(db)
    try:
        rows = conn.execute("SELECT type, payload FROM events ORDER BY seq").fetchall()
    except sqlite3.OperationalError:  # the journal being created: nothing yet
        rows = []
    finally:
        conn.close()
    return [(t, json.loads(p)) for t, p in rows]


def pool_size(db: Path) -> int:
    conn = sqlite3.connect(db)
    try:
        return int(conn.execute("SELECT COUNT(*) FROM anonymous_pool").fetchone()[0])
    finally:
        conn.close()


def cast(tmp_path: Path, votes: dict[str, str]) -> list[int]:
    """``join --no-input`` for each voter at once; their exit codes."""
    procs = []
    for i, (name, value) in enumerate(votes.items()):
        answers = tmp_path / f"v{i}.yaml"
        answers.write_text(f"budget: {value}\n", encoding="utf-8")
        procs.append(
            subprocess.Popen(
                [*seminar_cmd(), "join", "--no-input", "--answers", answers.name, "--name", name],
                env=subprocess_env(tmp_path),
                cwd=tmp_path,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
    return [p.wait(timeout=WAIT) for p in procs]


def test_a_runner_killed_with_three_ballots_pending_voids_them_and_they_vote_again(tmp_path):
    (tmp_path / "bureau.yaml").write_text(textwrap.dedent(KILL_AGENDA), encoding="utf-8")
    (tmp_path / "avis.yaml").write_text("avis: Un avis nommé\n", encoding="utf-8")
    db = tmp_path / "journal.sqlite3"
    env = subprocess_env(tmp_path)

    def headless(*args: str) -> subprocess.Popen[bytes]:
        return subprocess.Popen(
            [*seminar_cmd(), *args, "--no-input"],
            env=env,
            cwd=tmp_path,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    start = headless("start", "bureau.yaml")
    resumed = None
    try:
        wait_for(
            lambda: (
                db.exists()
                and ("prompt_opened", {"prompt": "budget", "segment": "vote"}) in events_of(db)
            ),
            "the ballot opening",
        )
        named = subprocess.run(
            [
                *seminar_cmd(),
                "join",
                "--no-input",
                "--answers",
                "avis.yaml",
                "--name",
                "Emma Vidal",
            ],
            env=env,
            cwd=tmp_path,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=WAIT,
        )
        assert named.returncode == 0
        first = {"Ana Lopez": "pour", "Bruno Petit": "contre", "Chloé Roy": "pour"}
        assert cast(tmp_path, first) == [0, 0, 0]
        assert pool_size(db) == 3
        start.send_signal(signal.SIGKILL)
        assert start.wait(timeout=WAIT) == -signal.SIGKILL

        resumed = headless("resume")
        wait_for(lambda: any(t == "anonymous_voided" for t, _p in events_of(db)), "the voiding")
        assert ("anonymous_voided", {"prompt": "budget", "count": 3}) in events_of(db)
        assert pool_size(db) == 0
        # the three may vote again (and vote otherwise), two more vote: five in the pool
        again = {"Ana Lopez": "contre", "Bruno Petit": "contre", "Chloé Roy": "abstention"}
        assert cast(tmp_path, {**again, "Denis Faure": "pour", "Emma Vidal": "contre"}) == [0] * 5
        assert pool_size(db) == 5
        resumed.send_signal(signal.SIGINT)  # quitting: five or more are written, not voided
        assert resumed.wait(timeout=WAIT) == 130
    finally:
        for proc in (start, resumed):
            if proc is not None and proc.poll() is None:
                proc.kill()
                proc.wait()
    finished = subprocess.run(
        [*seminar_cmd(), "resume", "--no-input", "--speed", "600"],
        env=env,
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=WAIT * 2,
    )
    assert finished.returncode == 0, finished.stderr
    evs = events_of(db)
    ballots = sorted(
        str(p["value"]) for t, p in evs if t == "answer_given" and p["prompt"] == "budget"
    )
    assert ballots == ["abstention", "contre", "contre", "contre", "pour"]
    assert [p for t, p in evs if t == "anonymous_voided"] == [{"prompt": "budget", "count": 3}]
    named_answers = [p for t, p in evs if t == "answer_given" and p["prompt"] == "avis"]
    assert [(p["participant"], p["value"]) for p in named_answers] == [
        ("Emma Vidal", "Un avis nommé")
    ]
    with Journal.open(db, create=False) as journal:
        minutes = load_minutes(journal, journal.sessions()[0])
    (budget,) = [p for s in minutes.segments for p in s.prompts if p.id == "budget"]
    assert budget.voided_anonymous == 3
    for fmt in ("md", "html", "docx"):
        assert "3 bulletins annulés par l'arrêt du poste de l'animateur" in rendered_text(
            minutes, fmt
        )


def test_the_minutes_say_how_many_anonymous_answers_a_stopped_station_voided(tmp_path):

    writer = holder(tmp_path)
    prompt = writer.agenda.find_prompt("idee")[1]
    assert Joiner(writer, "Camille Martin").answer(prompt, "une idée perdue")
    # the station stops, another claims the session: its key is new, the answer is voided
    take_over_as_new_runner(writer)
    writer.sync()
    assert writer.state.voided_anonymous == {"idee": 1}
    joiner = Joiner(writer, "Camille Martin")
    assert [p.id for p in joiner.pending()] == ["idee", "nom"]  # unanswered again
    minutes = load_minutes(writer.journal, writer.journal.session(writer.session_id))
    text = rendered_text(minutes, "md")
    assert (
        "1 réponse anonyme annulée par l'arrêt du poste de l'animateur : son auteur a pu "
        "répondre de nouveau." in text
    )
    assert "une idée perdue" not in text


def test_an_anonymous_answer_too_long_to_be_sealed_is_refused_with_a_message(tmp_path):
    from seminar_cli.errors import AnswerError

    writer = holder(tmp_path)
    prompt = writer.agenda.find_prompt("idee")[1]
    try:
        Joiner(writer, "Camille Martin").answer(prompt, "é" * 20_000)
    except AnswerError as refused:
        message = refused.message()
    else:
        raise AssertionError("a 40 000-byte answer was sealed")
    assert message.startswith("réponse anonyme trop longue pour être scellée : 40")
    assert "au plus 32768" in message
    assert writer.journal.pending_anonymous(writer.session_id, "idee") == 0
    assert not writer.journal.has_voted(writer.session_id, "idee", "Camille Martin")
    assert Joiner(writer, "Camille Martin").answer(prompt, "é" * 10_000)  # 20 000 bytes fit
    # the value is sealed as JSON once: 15 000 quotes are 30 000 bytes, not escaped twice
    assert Joiner(writer, "Dominique Roy").answer(prompt, '"' * 15_000)
    writer.record(EventType.prompt_closed, prompt="idee")
    assert sorted(len(str(a.value)) for a in writer.state.answers["idee"]) == [10_000, 15_000]
