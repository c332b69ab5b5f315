"""From one laptop's answer to another's event stream, on PostgreSQL: polled, then woken.

A served session on a PostgreSQL journal (the web server of ``seminar serve``, in this process,
on 127.0.0.1), one phone's event stream (``GET /api/events``) held open, and another process
that writes answers into the journal as a second laptop would, one every 0.1 to 0.4 s.  For each
answer: the time from its commit (read by the writer on CLOCK_MONOTONIC, shared by every
process of the machine) to the moment the stream tells it.  Twice: with the server's poller
looking every 0.25 s (how it followed PostgreSQL before: ``wakes_readers`` off), then woken by
the server's NOTIFY.

    python bench/wakeup.py                  # a pgserver of its own, 40 answers each way
    python bench/wakeup.py --answers 100 --db postgresql://user@127.0.0.1/bench
    python bench/wakeup.py --json           # the figures as JSON on stdout (text on stderr)

Everything is bounded: each answer must reach the stream within 30 s, else the run fails.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from typing import Any

from _figures import add_json_option, own_pgserver, run_measure

CODE = "VEILLE"
REACH_WITHIN = 30.0  # seconds: an answer that never reaches the stream fails the run
AGENDA = """\
title: Banc du réveil
language: fr
segments:
  - id: atelier
    title: Atelier
    duration: 3h
    prompts:
      - {id: idees, question: "Vos idées ?", type: text}
"""

# the second laptop: one answer at a time, its commit time on stdout
WRITER = """
import json, random, sys, time
from datetime import datetime
from seminar_cli.journal.store import Journal
url, session_id, count, seed = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
pace = random.Random(seed)
journal = Journal.open(url, create=False)
for k in range(count):
    time.sleep(pace.uniform(0.1, 0.4))
    event = journal.append(session_id, "answer_given",
                           {"prompt": "idees", "participant": f"P{k:03d}", "value": "x"},
                           datetime.now().astimezone())
    print(json.dumps([event.seq, time.monotonic()]), flush=True)
journal.close()
"""


def _open_session(url: str) -> str:
    from seminar_cli.agenda.loader import LoadedAgenda, parse_agenda_text
    from seminar_cli.journal.events import EventType
    from seminar_cli.journal.store import Journal
    from seminar_cli.session.service import SessionSetup, SessionWriter, open_session
    from seminar_cli.timer import SystemClock

    agenda = parse_agenda_text(AGENDA, "reveil.yaml")
    journal = Journal.open(url)
    clock = SystemClock()
    session_id = open_session(
        journal, LoadedAgenda(agenda, "reveil.yaml", AGENDA), SessionSetup(), clock
    )
    writer = SessionWriter(journal, journal.session(session_id), clock)
    writer.record(EventType.segment_started, segment="atelier")
    writer.record(EventType.prompt_opened, prompt="idees", segment="atelier")
    journal.close()
    return session_id


def _one_way(url: str, answers: int, woken: bool, seed: int) -> list[float]:
    """The delays (s) from each answer's commit to its arrival on the stream."""
    import httpx

    from seminar_cli.journal.postgres import PostgresJournal
    from seminar_cli.web.server import WebServer

    session_id = _open_session(url)
    PostgresJournal.wakes_readers = woken  # off: the poller looks every POLL_SECONDS
    server = WebServer(url, session_id, host="127.0.0.1", port=0, code=CODE)
    started = server.start()
    arrived: dict[int, float] = {}
    listening = threading.Event()
    done = threading.Event()

    def follow() -> None:
        base = f"http://127.0.0.1:{started.port}"
        with (
            httpx.Client(base_url=base, timeout=REACH_WITHIN * 2) as client,
            client.stream("GET", "/api/events", params={"code": CODE}) as stream,
        ):
            listening.set()
            seq = 0
            for line in stream.iter_lines():
                if line.startswith("id: "):
                    seq = int(line[4:])
                elif line.startswith("event: answer"):
                    arrived[seq] = time.monotonic()
                    if len(arrived) >= answers:
                        done.set()
                        return

    reader = threading.Thread(target=follow, daemon=True)
    reader.start()
    try:
        if not listening.wait(REACH_WITHIN):
            raise SystemExit("the event stream never opened")
        writer = subprocess.run(
            [sys.executable, "-c", WRITER, url, session_id, str(answers), str(seed)],
            capture_output=True,
            text=True,
            timeout=answers * 0.4 + REACH_WITHIN * 2,
            check=True,
        )
        done.wait(REACH_WITHIN)
    finally:
        server.stop()
        PostgresJournal.wakes_readers = True
    committed = [json.loads(line) for line in writer.stdout.splitlines() if line.strip()]
    missing = [seq for seq, _at in committed if seq not in arrived]
    if missing:
        raise SystemExit(f"answers never reached the stream: {missing}")
    return [arrived[seq] - at for seq, at in committed]


def _summary(delays: list[float]) -> dict[str, float]:
    ordered = sorted(delays)
    return {
        "median_seconds": statistics.median(ordered),
        "p90_seconds": ordered[max(0, int(len(ordered) * 0.9) - 1)],
        "slowest_seconds": ordered[-1],
    }


def _measure(args: argparse.Namespace, figures: dict[str, object]) -> int:
    load_before = os.getloadavg()[0]

    def both(url: str) -> dict[str, Any]:
        polled = _summary(_one_way(url, args.answers, False, args.seed))
        woken = _summary(_one_way(url, args.answers, True, args.seed))
        return {"polled": polled, "woken": woken}

    if args.db:
        found = both(args.db)
    else:
        with own_pgserver() as url:
            found = both(url)
    load_after = os.getloadavg()[0]
    print(f"{args.answers} answers from another process to one event stream, on PostgreSQL:")
    for way, label in (("polled", "polled every 0.25 s"), ("woken", "woken by NOTIFY")):
        got = found[way]
        print(
            f"  {label:22} median {got['median_seconds'] * 1000:6.1f} ms,"
            f" p90 {got['p90_seconds'] * 1000:6.1f} ms,"
            f" slowest {got['slowest_seconds'] * 1000:6.1f} ms"
        )
    print(f"(load average {load_before:.2f} before, {load_after:.2f} after)")
    figures.update(found, answers=args.answers, load_before=load_before, load_after=load_after)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=40)
    parser.add_argument("--db", default=None, help="an empty PostgreSQL database's URL")
    parser.add_argument("--seed", type=int, default=16)
    add_json_option(parser)
    args = parser.parse_args()
    return run_measure(args, _measure)


if __name__ == "__main__":
    raise SystemExit(main())
