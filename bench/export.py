"""How long the minutes take to build and export, and how much memory they use.

A synthetic session: PARTICIPANTS people answer every one of 50 prompts (all prompt types, votes
included) spread over 10 segments, with notes, decisions and actions.  Prints the time of
building the model and of each export format, the peak memory (tracemalloc) and the size of
each output.

    python bench/export.py                      # 10,000 answers (200 participants x 50)
    python bench/export.py --answers 1000 --answers 100000
    python bench/export.py --journal            # also write and read a real SQLite journal
    python bench/export.py --kind compte-rendu  # only the compte rendu (default: both kinds)
    python bench/export.py --json               # the figures as JSON on stdout (text on stderr)

Figures are printed, never asserted: tests do not time anything.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import random
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from seminar_cli.agenda.models import Agenda
from seminar_cli.journal.store import StoredEvent
from seminar_cli.minutes.build import build_minutes
from seminar_cli.minutes.exporters import FORMAT_NAMES, get_exporter
from seminar_cli.minutes.model import Minutes

PROMPTS = 50
SEGMENTS = 10
START = datetime.fromisoformat("2026-11-26T14:00:00+01:00")
CHOICES = ["Jeunes", "Chefs de projet", "Leaders d'opinion", "Catalyseurs", "Autres"]
WORDS = ["confiance", "coopération", "temps long", "alliance", "territoire", "jeunesse", "odd 17"]
TYPES = ["text", "long_text", "choice", "multi", "rating", "yesno", "words", "ranking", "vote"]


def make_agenda(participants: int) -> Agenda:
    segments = []
    for s in range(SEGMENTS):
        prompts = []
        for p in range(PROMPTS // SEGMENTS):
            number = s * (PROMPTS // SEGMENTS) + p
            kind = TYPES[number % len(TYPES)]
            prompt: dict[str, Any] = {
                "id": f"q{number:02d}",
                "question": f"Question {number} : que retenez-vous de la séquence {s + 1} ?",
                "type": kind,
                "anonymous": number % 7 == 3,
            }
            if kind in ("choice", "multi", "ranking"):
                prompt["choices"] = CHOICES
            prompts.append(prompt)
        segments.append(
            {"id": f"s{s}", "title": f"Séquence {s + 1}", "duration": "20m", "prompts": prompts}
        )
    people = [
        {
            "name": f"Participant {i:05d}",
            "organization": f"Organisation {i % 40}",
            "group": f"g{i % 4}",
        }
        for i in range(participants)
    ]
    return Agenda.model_validate(
        {
            "title": "Banc d'essai",
            "organization": "Le RAMEAU",
            "starts_at": "14:00",
            "participants": people,
            "assembly": {"members": participants, "quorum": 0.25},
            "segments": segments,
        }
    )


def value_for(kind: str, rng: random.Random) -> Any:
    if kind in ("text", "long_text"):
        return " ".join(rng.choices(WORDS, k=rng.randint(4, 30))).capitalize() + "."
    if kind == "choice":
        return rng.choice(CHOICES)
    if kind == "multi":
        return sorted(rng.sample(CHOICES, k=rng.randint(1, 3)), key=CHOICES.index)
    if kind == "rating":
        return rng.randint(1, 5)
    if kind == "yesno":
        return rng.choice(["oui", "non"])
    if kind == "words":
        return rng.sample(WORDS, k=rng.randint(1, 3))
    if kind == "ranking":
        order = list(CHOICES)
        rng.shuffle(order)
        return order
    return rng.choice(["pour", "pour", "contre", "abstention", "blanc"])


def make_events(agenda: Agenda) -> list[StoredEvent]:
    rng = random.Random(17)
    events: list[StoredEvent] = []
    moment = START

    def add(kind: str, **payload: Any) -> None:
        events.append(StoredEvent(len(events) + 1, kind, moment, payload))

    add(
        "session_opened",
        agenda_name="banc-d-essai",
        title=agenda.title,
        place="Paris",
        facilitator="Marie Dupont",
        secretary="Olivier Dumas",
        language="fr",
        planned_start="14:00",
    )
    for i, person in enumerate(agenda.participants):
        status = "present" if i % 10 else "excused"
        add("attendance", participant=person.name, status=status)
    for segment in agenda.segments:
        add("segment_started", segment=segment.id)
        for prompt in segment.prompts:
            add("prompt_opened", prompt=prompt.id, segment=segment.id)
            for person in agenda.participants:
                moment += timedelta(milliseconds=50)
                name = None if prompt.anonymous else person.name
                add(
                    "answer_given",
                    prompt=prompt.id,
                    participant=name,
                    value=value_for(prompt.type, rng),
                )
            add("prompt_closed", prompt=prompt.id)
        add("note", segment=segment.id, text=f"Note de la {segment.title}")
        add("decision", segment=segment.id, text=f"Décision de la {segment.title}")
        add(
            "action",
            segment=segment.id,
            text="Suite à donner",
            owner="Olivier Dumas",
            due="2026-12-15",
        )
        moment = max(moment, START) + timedelta(minutes=20)
        add("segment_ended", segment=segment.id)
    add("session_closed")
    return events


def measure(action: Callable[[], Any]) -> tuple[float, float, Any]:
    """Seconds of one call (untraced: tracemalloc slows Python down several times), then the
    peak MiB of a second, traced call (tracemalloc counts Python's allocations, not lxml's)."""
    gc.collect()
    began = time.perf_counter()
    result = action()
    seconds = time.perf_counter() - began
    del result
    gc.collect()
    tracemalloc.start()
    try:
        result = action()
        peak = tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()
    return seconds, peak, result


def write_journal(agenda: Agenda, events: list[StoredEvent], folder: Path) -> Minutes:
    from seminar_cli.journal.store import Journal
    from seminar_cli.minutes.build import load_minutes

    journal = Journal.open(folder / "bench.sqlite3")
    journal.create_session(
        "bench",
        created_at=START,
        title=agenda.title,
        agenda_name="banc-d-essai",
        agenda_json=agenda.model_dump_json(),
        language="fr",
        rehearsal=False,
    )
    for event in events:
        journal.append("bench", event.type, event.payload, event.at)
    journal.set_status("bench", "closed")
    return load_minutes(journal, journal.session("bench"))


def run(
    answers: int, with_journal: bool, kinds: list[str], figures: dict[str, Any] | None = None
) -> None:
    figures = {} if figures is None else figures
    participants = max(1, answers // PROMPTS)
    print(f"\n{participants} participants × {PROMPTS} prompts = {participants * PROMPTS:,} answers")
    agenda = make_agenda(participants)
    events = make_events(agenda)
    seconds, peak, minutes = measure(lambda: build_minutes("bench", "banc-d-essai", agenda, events))
    print(f"  {'model (fold + build)':<24}{seconds:8.3f} s {peak:9.1f} MiB peak")
    assert minutes.answer_count() == participants * PROMPTS
    figures.update(answers=participants * PROMPTS, participants=participants, events=len(events))
    figures["model"] = {"seconds": seconds, "peak_mib": peak}
    outputs: dict[str, Any] = figures.setdefault("formats", {})
    for kind in kinds:
        document = minutes.model_copy(update={"kind": kind})
        for name in FORMAT_NAMES:
            if kind == "pv" and name in ("json", "csv"):
                continue  # the same data whatever the kind
            exporter = get_exporter(name)
            assert exporter is not None
            seconds, peak, data = measure(lambda e=exporter, d=document: e.render_bytes(d))
            label = f"{name} ({kind})"
            size = len(data) / 2**20
            print(f"  {label:<24}{seconds:8.3f} s {peak:9.1f} MiB peak {size:8.2f} MiB out")
            outputs[label] = {"seconds": seconds, "peak_mib": peak, "out_mib": size}
    if with_journal:
        with tempfile.TemporaryDirectory() as folder:
            began = time.perf_counter()
            loaded = write_journal(agenda, events, Path(folder))
            elapsed = time.perf_counter() - began
            print(
                f"  {'journal write + load':<24}{elapsed:8.3f} s "
                f"({len(events):,} events; {loaded.answer_count():,} answers read back)"
            )
            figures["journal_write_load_seconds"] = elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--answers",
        type=int,
        action="append",
        help="answers in the session (repeatable; default 10000)",
    )
    parser.add_argument(
        "--journal", action="store_true", help="also write and read a SQLite journal"
    )
    parser.add_argument(
        "--kind",
        action="append",
        choices=("compte-rendu", "pv"),
        help="the minutes rendered (repeatable; default both)",
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help="also print the figures as one JSON object on stdout (the text goes to stderr)",
    )
    args = parser.parse_args(argv)
    kinds = args.kind or ["compte-rendu", "pv"]
    sizes: list[dict[str, Any]] = []
    with contextlib.redirect_stdout(sys.stderr) if args.json else contextlib.nullcontext():
        for size in args.answers or [10_000]:
            sizes.append({})
            run(size, args.journal, kinds, sizes[-1])
    if args.json:
        print(json.dumps({"sizes": sizes}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
