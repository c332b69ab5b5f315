"""Journal under load: N participant processes each send K answers to one open prompt at once.

Each participant is a real process with its own connection, answering through the same code
as ``seminar join`` (``Joiner.answer``: the prompt is checked open and the answer written in
one ``BEGIN IMMEDIATE`` transaction).  All start writing at the same moment (a barrier).

    python bench/journal.py                       # 100 participants x 10 answers
    python bench/journal.py --participants 50 --answers 20 --db /tmp/bench.sqlite3
    python bench/journal.py --json                # the figures as JSON on stdout (text on stderr)
    python bench/journal.py --turn 2000           # one process alone: the cost of one turn
    python bench/journal.py --postgres            # SQLite, then PostgreSQL (a pgserver of its own)
    python bench/journal.py --db postgresql://user@127.0.0.1/bench   # SQLite, then that server

Prints the total time, whether every answer landed, the median, p99 and slowest single write,
and the load average before and after (the figures mean little on a busy machine).
Target on a small laptop: all land, p99 under 100 ms, slowest write under 150 ms.

On PostgreSQL (``--postgres``: a server started by pgserver in a temporary folder, listening
on a Unix socket only, its ``max_connections`` raised to 200 and stopped at the end; or
``--db URL``: an empty database of yours, which needs one connection per participant) the same
burst runs right after SQLite's, in the same run, and both are printed ("lost": answers that
did not land).  Each participant process holds its own connection, as each laptop would.

With ``--turn N``, one process alone answers N times through the same code (after 50 answers
to warm up), three times over, and prints the median time of an answer and of its turn (from
the moment the writers' queue gives the turn to the moment it is given back): in a crowd, every
writer waits for about one turn per writer ahead of it.  The other processes' load disturbs it
far less than the burst.
"""

from __future__ import annotations

import argparse
import gc
import multiprocessing as mp
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from _figures import add_json_option, own_pgserver, run_measure

AGENDA = """\
title: Banc d'essai
language: fr
segments:
  - id: atelier
    title: Atelier
    duration: 3h
    prompts:
      - id: idees
        question: "Vos idées ?"
        type: text
        who: open
"""


def participant(
    db: str, session_id: str, index: int, answers: int, barrier: Any, results: Any
) -> None:
    from seminar_cli.journal.events import EventType, validated_payload
    from seminar_cli.journal.store import Journal
    from seminar_cli.session.answers import normalise_answer
    from seminar_cli.session.join import Joiner
    from seminar_cli.session.service import SessionWriter
    from seminar_cli.timer import SystemClock

    journal = Journal.open(_location(db), create=False)
    writer = SessionWriter(journal, journal.session(session_id), SystemClock())
    joiner = Joiner(writer, f"P{index:03d}")
    found = writer.agenda.find_prompt("idees")
    assert found is not None
    prompt = found[1]
    latencies: list[float] = []
    errors: list[str] = []
    # like a participant whose terminal already waits for the prompt: code loaded and warm
    normalise_answer(prompt, "échauffement")
    validated_payload(EventType.answer_given, {"prompt": prompt.id, "value": "x"})
    writer.sync()
    barrier.wait()
    for k in range(answers):
        start = time.perf_counter()
        try:
            # a new ref each time: every answer is its own event (a participant refining it)
            if not joiner.answer(prompt, f"Idée {k} de P{index:03d}", ref=f"bench:{index}:{k}"):
                errors.append("refused: the prompt was closed")
        except Exception as exc:  # reported below, not hidden
            errors.append(f"{type(exc).__name__}: {exc}")
        latencies.append(time.perf_counter() - start)
    journal.close()
    results.put((index, latencies, errors))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=100)
    parser.add_argument("--answers", type=int, default=10)
    parser.add_argument(
        "--db", default=None, help="an SQLite file, or a PostgreSQL URL (then both are measured)"
    )
    parser.add_argument(
        "--postgres", action="store_true", help="also on PostgreSQL: a pgserver of its own"
    )
    parser.add_argument("--turn", type=int, default=0, metavar="N", help="one process, N answers")
    add_json_option(parser)
    args = parser.parse_args()
    return run_measure(args, _measure_turn if args.turn else _measure)


def _location(db: str | Path) -> str | Path:
    from seminar_cli.paths import is_postgres_url

    return str(db) if is_postgres_url(str(db)) else Path(db)


def _open_prompt(folder: Path, db: str | Path) -> str:
    """A journal with a session whose text prompt is open; the session's id."""
    from seminar_cli.agenda.loader import load_agenda
    from seminar_cli.journal.events import EventType
    from seminar_cli.journal.store import Journal
    from seminar_cli.session.service import SessionSetup, SessionWriter, open_session
    from seminar_cli.timer import SystemClock

    agenda_file = folder / "banc.yaml"
    agenda_file.write_text(AGENDA, encoding="utf-8")
    journal = Journal.open(_location(db))
    clock = SystemClock()
    session_id = open_session(journal, load_agenda(str(agenda_file)), SessionSetup(), clock)
    writer = SessionWriter(journal, journal.session(session_id), clock)
    writer.record(EventType.segment_started, segment="atelier")
    writer.record(EventType.prompt_opened, prompt="idees", segment="atelier")
    journal.close()  # never fork with an open connection
    return session_id


def _measure_turn(args: argparse.Namespace, figures: dict[str, object]) -> int:
    from seminar_cli.journal import turns
    from seminar_cli.journal.store import Journal
    from seminar_cli.session.join import Joiner
    from seminar_cli.session.service import SessionWriter
    from seminar_cli.timer import SystemClock

    folder = Path(tempfile.mkdtemp(prefix="seminar-bench-"))
    db = _location(args.db) if args.db else folder / "journal.sqlite3"
    session_id = _open_prompt(folder, db)
    held: list[float] = []
    given_at = [0.0]
    wait, leave = turns.WriterQueue._wait, turns.WriterQueue._leave

    def timed_wait(queue: turns.WriterQueue, ticket: int, deadline: float) -> None:
        wait(queue, ticket, deadline)
        given_at[0] = time.perf_counter()

    def timed_leave(queue: turns.WriterQueue, ticket: int) -> None:
        held.append(time.perf_counter() - given_at[0])
        leave(queue, ticket)

    turns.WriterQueue._wait = timed_wait  # type: ignore[method-assign]
    turns.WriterQueue._leave = timed_leave  # type: ignore[method-assign]
    journal = Journal.open(db, create=False)
    writer = SessionWriter(journal, journal.session(session_id), SystemClock())
    joiner = Joiner(writer, "P001")
    found = writer.agenda.find_prompt("idees")
    assert found is not None
    prompt = found[1]
    for k in range(50):
        joiner.answer(prompt, f"échauffement {k}", ref=f"warm:{k}")
    load_before = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    answers: list[float] = []
    turn_medians: list[float] = []
    for run in range(3):
        held.clear()
        for k in range(args.turn):
            start = time.perf_counter()
            joiner.answer(prompt, f"Idée {k} de P001", ref=f"bench:{run}:{k}")
            answers.append(time.perf_counter() - start)
        turn_medians.append(statistics.median(held))
    load_after = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    journal.close()
    shutil.rmtree(folder, ignore_errors=True)
    print(
        f"one process, 3 x {args.turn} answers: median answer"
        f" {statistics.median(answers) * 1e6:.0f} µs, median turn "
        + " / ".join(f"{m * 1e6:.0f}" for m in turn_medians)
        + f" µs (load average {load_before:.2f} before, {load_after:.2f} after)"
    )
    figures.update(
        answers_each=args.turn,
        median_answer_seconds=statistics.median(answers),
        median_turn_seconds=turn_medians,
        load_before=load_before,
        load_after=load_after,
    )
    return 0


def _measure(args: argparse.Namespace, figures: dict[str, object]) -> int:
    """SQLite's burst; then, asked for, PostgreSQL's (its figures under ``postgresql``)."""
    from seminar_cli.paths import is_postgres_url

    url = args.db if args.db and is_postgres_url(args.db) else None
    sqlite_file = None if url or not args.db else Path(args.db)
    code = _burst(args, sqlite_file, figures)
    if url is None and not args.postgres:
        return code
    on_postgres: dict[str, object] = {}
    print()
    if url is not None:
        code |= _burst(args, url, on_postgres)
    else:
        with own_pgserver() as own:
            code |= _burst(args, own, on_postgres)
    figures["postgresql"] = on_postgres
    return code


def _burst(args: argparse.Namespace, db: str | Path | None, figures: dict[str, object]) -> int:
    """The participants' burst on one journal (None: a new SQLite file)."""
    from seminar_cli.journal.events import EventType
    from seminar_cli.journal.store import Journal
    from seminar_cli.paths import shown_location

    folder = Path(tempfile.mkdtemp(prefix="seminar-bench-"))
    db = db or folder / "journal.sqlite3"
    session_id = _open_prompt(folder, db)

    # forked children share the parent's memory until they touch it; a garbage collection
    # in each of them would touch (and copy) all of it at once: keep the parent's objects out
    gc.freeze()
    # the machine's load before the hundred processes start (they add to it, as they would)
    load_before = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    ctx = mp.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    barrier = ctx.Barrier(args.participants + 1)
    results = ctx.Queue()
    procs = [
        ctx.Process(
            target=participant,
            args=(str(db), session_id, i, args.answers, barrier, results),
        )
        for i in range(args.participants)
    ]
    for proc in procs:
        proc.start()
    barrier.wait()  # every participant is connected: go
    began = time.perf_counter()
    collected = [results.get(timeout=300) for _ in procs]
    total = time.perf_counter() - began
    for proc in procs:
        proc.join()

    journal = Journal.open(db, create=False)
    latencies = [lat for _i, lats, _e in collected for lat in lats]
    errors = [err for _i, _l, errs in collected for err in errs]
    expected = args.participants * args.answers
    landed = journal.count_events(session_id, EventType.answer_given)
    locked = sum("locked" in err for err in errors)
    slowest = max(latencies)
    ordered = sorted(latencies)
    p99 = ordered[int(len(ordered) * 0.99) - 1]
    load_after = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"journal: {shown_location(db)}")
    print(f"{args.participants} participant processes x {args.answers} answers = {expected}")
    print(f"total time: {total:.2f} s ({expected / total:.0f} answers/s)")
    print(
        f"all landed: {'yes' if landed == expected else 'NO'} ({landed}/{expected},"
        f" lost {expected - landed})"
    )
    print(f"errors: {len(errors)} (database is locked: {locked})")
    for err in sorted(set(errors))[:5]:
        print(f"  {err}")
    print(
        f"write latency: median {statistics.median(latencies) * 1000:.1f} ms, "
        f"p99 {p99 * 1000:.1f} ms, slowest {slowest * 1000:.1f} ms"
        f" (load average {load_before:.2f} before, {load_after:.2f} after)"
    )
    figures.update(
        participants=args.participants,
        answers_each=args.answers,
        expected=expected,
        landed=landed,
        errors=len(errors),
        locked=locked,
        total_seconds=total,
        median_seconds=statistics.median(latencies),
        p99_seconds=p99,
        slowest_seconds=slowest,
        load_before=load_before,
        load_after=load_after,
        lost=expected - landed,
    )
    journal.close()
    shutil.rmtree(folder, ignore_errors=True)  # the agenda, and the journal unless --db
    ok = landed == expected and not errors and p99 < 0.1 and slowest < 0.15
    print(f"target (all land, p99 < 100 ms, slowest < 150 ms): {'met' if ok else 'NOT met'}")
    return 0 if landed == expected and not errors else 1


if __name__ == "__main__":
    raise SystemExit(main())
