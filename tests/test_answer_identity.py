"""How answers are told apart (PRODUCT §9), in real processes: named ones by participant and
prompt, never by a place in a file; anonymous ones with no reference at all, held and written
in shuffled batches away from anything named.  Each test here failed before the rule."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from seminar_cli.journal.sealing import SEALED_PLAINTEXT
from tests.conftest import seminar_cmd, subprocess_env

AGENDA = """\
title: Atelier identités
participants:
  - name: Inès Benali
  - name: Hugo Martin
segments:
  - id: ouverture
    title: Ouverture
    duration: 1m
    prompts:
      - id: mots
        question: Un mot ?
        type: words
        who: open
  - id: suite
    title: Suite
    duration: 10m
    prompts:
      - id: idee
        question: Une idée ?
        who: open
      - id: confiance
        question: Votre confiance ?
        type: rating
        anonymous: true
        who: open
  - id: fin
    title: Fin
    duration: 10m
"""

FILE_A = """\
mots:
  - {participant: Inès Benali, value: partage}
  - écoute
idee:
  - {participant: Inès Benali, value: Un forum}
  - Une carte
confiance: [4, 5]
"""

# another file: the same people, other entries; by position its first entries are the same
# as FILE_A's, which is what made them look recorded already
FILE_B = """\
idee:
  - {participant: Hugo Martin, value: Un annuaire}
  - Des binômes
  - Un wiki
confiance: [1, 2, 3]
"""


def events(db: Path) -> list[tuple[int, str, str, dict[str, object]]]:
    with sqlite3.connect(db) as conn:
        try:
            rows = conn.execute("SELECT seq, type, at, payload FROM events ORDER BY seq").fetchall()
        except sqlite3.OperationalError:  # the journal is being created
            return []
    return [(int(s), str(t), str(a), json.loads(p)) for s, t, a, p in rows]


def answers(db: Path) -> Counter[tuple[str, object, str]]:
    return Counter(
        (str(p["prompt"]), p.get("participant"), json.dumps(p.get("value"), ensure_ascii=False))
        for _s, t, _a, p in events(db)
        if t == "answer_given"
    )


def wait_for(condition, what: str, timeout: float = 60) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"never happened: {what}")


def run(tmp_path: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*seminar_cmd(), *args],
        env=subprocess_env(tmp_path),
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


ANSWERS_A = ("--answers", "a.yaml")


def start_then_kill(tmp_path: Path, recorded: Callable[[], bool]) -> None:
    """A rehearsal of AGENDA with answers file a.yaml (×120: the first segment lasts half a
    second, the second five, time enough to see it), killed (-9) once ``recorded()``."""
    db = tmp_path / "journal.sqlite3"
    start = subprocess.Popen(
        [*seminar_cmd(), "start", "atelier.yaml", "--no-input", "--speed", "120", *ANSWERS_A],
        env=subprocess_env(tmp_path),
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(lambda: db.exists() and recorded(), "file A's answers to the second segment")
    finally:
        start.kill()
        start.wait(timeout=30)


def test_resume_with_another_answers_file_records_all_its_entries(tmp_path: Path) -> None:
    (tmp_path / "atelier.yaml").write_text(AGENDA, encoding="utf-8")
    (tmp_path / "a.yaml").write_text(FILE_A, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(FILE_B, encoding="utf-8")
    db = tmp_path / "journal.sqlite3"
    # a slow rehearsal, killed once the second segment's prompts hold file A's answers
    start_then_kill(tmp_path, lambda: ("idee", "Inès Benali", '"Un forum"') in answers(db))
    resumed = run(tmp_path, "resume", "--no-input", "--speed", "600", "--answers", "b.yaml")
    assert resumed.returncode == 0, resumed.stderr
    got = answers(db)
    # every entry of file B is recorded, although its first entries stand where file A's did
    assert got[("idee", "Hugo Martin", '"Un annuaire"')] == 1
    assert got[("idee", None, '"Des binômes"')] == 1
    assert got[("idee", None, '"Un wiki"')] == 1
    assert sorted(v for (p, _n, v), c in got.items() for _ in range(c) if p == "confiance") == [
        "1",
        "2",
        "3",
        "4",
        "5",
    ]
    # and file A's, once each
    assert got[("idee", "Inès Benali", '"Un forum"')] == 1
    assert got[("idee", None, '"Une carte"')] == 1
    assert got[("mots", "Inès Benali", '["partage"]')] == 1


def test_the_same_answers_files_given_again_record_nothing_twice(tmp_path: Path) -> None:
    (tmp_path / "atelier.yaml").write_text(AGENDA, encoding="utf-8")
    (tmp_path / "a.yaml").write_text(FILE_A, encoding="utf-8")
    db = tmp_path / "journal.sqlite3"
    start_then_kill(tmp_path, lambda: ("idee", None, '"Une carte"') in answers(db))
    before = answers(db)
    resumed = run(tmp_path, "resume", "--no-input", "--speed", "600", "--answers", "a.yaml")
    assert resumed.returncode == 0, resumed.stderr
    after = answers(db)
    assert after == before
    assert sum(after.values()) == 6  # 2 words, 2 ideas, 2 anonymous ratings: each once
    # anonymous entries of a file carry no reference at all: nothing tells which entry, so
    # which person, each came from
    for _s, type_, _a, payload in events(db):
        if type_ == "answer_given" and payload["prompt"] == "confiance":
            assert set(payload) == {"prompt", "value"}


JOIN_AGENDA = """\
title: Atelier foule
segments:
  - id: foule
    title: La foule répond
    duration: 30m
    prompts:
      - id: idee
        question: Une idée ?
        who: open
      - id: confiance
        question: Votre confiance ?
        type: rating
        anonymous: true
        who: open
  - id: fin
    title: Fin
    duration: 1m
"""


def start_open_session(tmp_path: Path) -> subprocess.Popen[bytes]:
    """A live session (real time) whose prompts stay open for half an hour."""
    (tmp_path / "foule.yaml").write_text(JOIN_AGENDA, encoding="utf-8")
    db = tmp_path / "journal.sqlite3"
    start = subprocess.Popen(
        [*seminar_cmd(), "start", "foule.yaml", "--no-input"],
        env=subprocess_env(tmp_path),
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wait_for(
        lambda: db.exists() and any(t == "prompt_opened" for _s, t, _a, _p in events(db)),
        "the prompts opening",
    )
    return start


def joiners(tmp_path: Path, names: list[str | None], answers_file: str) -> list[int]:
    """That many ``join --no-input`` processes at once; their exit codes."""
    procs = []
    for name in names:
        extra = ["--name", name] if name else []
        procs.append(
            subprocess.Popen(
                [*seminar_cmd(), "join", "--no-input", "--answers", answers_file, *extra],
                env=subprocess_env(tmp_path),
                cwd=tmp_path,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
    return [proc.wait(timeout=180) for proc in procs]


def stop(start: subprocess.Popen[bytes]) -> None:
    """Ctrl-C: the session is suspended (exit 130), nothing waiting is lost."""
    start.send_signal(signal.SIGINT)
    assert start.wait(timeout=120) == 130


def test_unnamed_scripted_joiners_at_once_each_record_their_answers(tmp_path: Path) -> None:
    (tmp_path / "r.yaml").write_text("idee: Une idée\n", encoding="utf-8")
    start = start_open_session(tmp_path)
    try:
        codes = joiners(tmp_path, [None] * 8, "r.yaml")
    finally:
        stop(start)
    assert codes == [0] * 8
    # eight people with no name: eight answers (the same reference dropped all but one)
    assert answers(tmp_path / "journal.sqlite3")[("idee", None, '"Une idée"')] == 8


def test_a_named_scripted_joiner_given_the_same_file_again_records_nothing_twice(
    tmp_path: Path,
) -> None:
    (tmp_path / "r.yaml").write_text("idee: Une idée\nconfiance: 4\n", encoding="utf-8")
    (tmp_path / "r2.yaml").write_text("idee: Une autre\nconfiance: 1\n", encoding="utf-8")
    db = tmp_path / "journal.sqlite3"
    start = start_open_session(tmp_path)
    try:
        assert joiners(tmp_path, ["Camille"], "r.yaml") == [0]
        assert joiners(tmp_path, ["Camille"], "r.yaml") == [0]
        # another file from the same person: her named answer is hers already, and she has
        # cast her anonymous one
        assert joiners(tmp_path, ["Camille"], "r2.yaml") == [0]
    finally:
        stop(start)
    got = answers(db)
    assert got == Counter({("idee", "Camille", '"Une idée"'): 1})  # the rating still waits
    with sqlite3.connect(db) as conn:
        # sealed to the runner's key, padded to one length: nothing of the « 4 » shows
        (sealed,) = conn.execute("SELECT value FROM anonymous_pool").fetchall()
        assert isinstance(sealed[0], bytes) and len(sealed[0]) == SEALED_PLAINTEXT + 48
        assert conn.execute("SELECT participant FROM anonymous_voters").fetchall() == [("Camille",)]


def test_anonymous_answers_are_written_in_shuffled_batches_away_from_names(
    tmp_path: Path,
) -> None:
    """Twelve named participants answer a named prompt and an anonymous one, in the same
    breath.  The journal holds every anonymous answer, with no name and no reference, in runs
    of at least five written at one moment that no named answer shares."""
    db = tmp_path / "journal.sqlite3"
    names = [f"Personne {i:02d}" for i in range(12)]
    for i, name in enumerate(names):
        (tmp_path / f"r{i}.yaml").write_text(
            f"idee: Idée de {name}\nconfiance: {i % 5 + 1}\n", encoding="utf-8"
        )
    start = start_open_session(tmp_path)
    try:
        procs = [
            subprocess.Popen(
                [*seminar_cmd(), "join", "--no-input", "--answers", f"r{i}.yaml", "--name", n],
                env=subprocess_env(tmp_path),
                cwd=tmp_path,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            for i, n in enumerate(names)
        ]
        assert [p.wait(timeout=180) for p in procs] == [0] * 12

        # ten waited: the runner (its next tick) wrote five of them, drawn at random; the
        # others still wait
        def unnamed() -> list[tuple[int, str, str, dict[str, object]]]:
            return [e for e in events(db) if e[1] == "answer_given" and "participant" not in e[3]]

        wait_for(lambda: len(unnamed()) >= 5, "the runner's batch")
        anonymous = unnamed()
        assert len(anonymous) == 5
        assert len({at for _s, _t, at, _p in anonymous}) == 1
    finally:
        stop(start)
    # the session ends (the rest is written at the prompt's close)
    finished = run(tmp_path, "resume", "--no-input", "--speed", "600")
    assert finished.returncode == 0, finished.stderr
    evs = events(db)
    anonymous = [e for e in evs if e[1] == "answer_given" and e[3]["prompt"] == "confiance"]
    assert sorted(int(p["value"]) for _s, _t, _a, p in anonymous) == sorted(  # type: ignore[call-overload]
        i % 5 + 1 for i in range(12)
    )
    assert all(set(p) == {"prompt", "value"} for _s, _t, _a, p in anonymous)
    named_times = {at for _s, t, at, p in evs if t == "answer_given" and "participant" in p}
    batches = Counter(at for _s, _t, at, _p in anonymous)
    assert sorted(batches.values()) == [5, 7]
    assert not named_times & set(batches)
    # who answered is known (nobody answers twice), apart from the values, each with its
    # batch: five marks with the five answers, seven with the seven (written as Ctrl-C stopped
    # the runner, whose key died with it)
    marks = [e for e in evs if e[1] == "answer_marked"]
    assert sorted(str(p["participant"]) for _s, _t, _a, p in marks) == names
    assert all(set(p) == {"prompt", "participant"} for _s, _t, _a, p in marks)
    assert Counter(at for _s, _t, at, _p in marks) == batches
    assert not [e for e in evs if e[1] == "anonymous_voided"]
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM anonymous_pool").fetchone() == (0,)
        assert conn.execute("SELECT COUNT(*) FROM anonymous_voters").fetchone() == (0,)
