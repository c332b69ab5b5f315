"""Phones in the room, on the loopback: N simulated phones answer a served session.

A real ``seminar start AGENDA --serve --host 127.0.0.1`` runs on a pseudo-terminal, as on the
facilitator's laptop; this script presses its keys (``n``: the next segment, whose prompt opens)
and plays the room: N phones (asyncio + one httpx.AsyncClient each, as N devices would hold
their own connections) join with the code (``POST /api/join``), each holds an event stream
(``GET /api/events``), and for each of ``--prompts`` prompts every phone answers once
(``POST /api/answers``) at a random moment of a ``--spread``-second window after it saw the
prompt open on its stream, as a room answers.  Then a burst: every phone answers one more
prompt within the same second.

    python bench/phones.py                         # 300 phones, 10 prompts over 10 s each
    python bench/phones.py --phones 50 --prompts 3 --spread 3 --idle 5   # a quick look
    python bench/phones.py --json                  # the figures as JSON on stdout (text on stderr)

Measured: nothing lost (the journal holds one answer per phone and prompt), the time from
sending an answer to its acknowledgement (median, p99, slowest), the burst's last
acknowledgement after its start, the time from the key that opens a prompt to the moment the
last of the N streams tells it, and the server's CPU (utime + stime from /proc of the
``seminar`` process and its children) while the N phones are connected and idle.  The phones
and the server share the machine's cores: the load average is printed beside the figures.

Targets (issue 14, PRODUCT §6): nothing lost; p99 acknowledged < 100 ms; the burst all
acknowledged within 2 s; a prompt's opening on all N streams within 1 s; the server idle
below 2 % of a core with N phones connected.  Everything is bounded: ``--timeout`` seconds
in all (default 600), after which the server is killed and the run reported as failed.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import math
import os
import random
import re
import resource
import shutil
import socket
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pexpect
from _figures import add_json_option, run_measure

CODE = "BANC42"
OPENS_WITHIN = 1.0  # seconds: a prompt's opening on every stream
ACK_P99 = 0.100  # seconds: an answer acknowledged, 99th percentile
BURST_WITHIN = 2.0  # seconds: the burst, all acknowledged
IDLE_SHARE = 2.0  # per cent of a core: the server with every phone connected and idle
CHOICES = ["Oui, tout à fait", "Plutôt", "Pas vraiment"]


def agenda_text(prompts: int) -> str:
    """A welcome without prompt (the phones join and idle), one segment per prompt, a burst, an
    end.  Segments are long: the script moves on with the ``n`` key, never by the clock."""
    lines = ["title: Banc d'essai des téléphones", "language: fr", "segments:"]
    lines += ["  - id: accueil", "    title: Accueil", "    duration: 3h"]

    def segment(seg: str, prompt: str, question: str) -> None:
        nonlocal lines
        lines += [
            f"  - id: {seg}",
            f"    title: Question {seg}",
            "    duration: 3h",
            "    prompts:",
            f"      - id: {prompt}",
            f'        question: "{question}"',
            "        type: choice",
            f"        choices: {json.dumps(CHOICES, ensure_ascii=False)}",
            "        who: open",
        ]

    for index in range(1, prompts + 1):
        segment(f"s{index:02d}", prompt_id(index), f"Question {index} ?")
    segment("rafale", "banc_rafale", "Tous ensemble ?")
    lines += ["  - id: fin", "    title: Fin", "    duration: 10m"]
    return "\n".join(lines) + "\n"


def prompt_id(index: int) -> str:
    return f"banc_q{index:02d}"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def process_tree_cpu(root: int) -> float:
    """utime + stime, in seconds, of ``root`` and every process descended from it (the server
    may be a thread of the runner or a process of its own)."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            with (
                contextlib.suppress(OSError, IndexError, ValueError),
                open(f"/proc/{entry}/stat", encoding="ascii") as stat,
            ):
                parents[int(entry)] = int(stat.read().rsplit(")", 1)[1].split()[1])
    tree, grew = {root}, True
    while grew:
        more = {pid for pid, parent in parents.items() if parent in tree} - tree
        tree |= more
        grew = bool(more)
    total = 0.0
    for pid in tree:
        with contextlib.suppress(OSError, IndexError, ValueError):
            with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def load() -> float:
    return os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(len(ordered) * share) - 1)] if ordered else float("nan")


# -- the facilitator's laptop ----------------------------------------------------------------
class Server:
    """``seminar start --serve`` on a pseudo-terminal, its screen read by a thread (a full pty
    would block it)."""

    def __init__(self, folder: Path, agenda: Path, port: int) -> None:
        env = dict(os.environ)
        env.update(
            SEMINAR_DB=str(folder / "journal.sqlite3"),
            XDG_DATA_HOME=str(folder / "data"),
            XDG_CACHE_HOME=str(folder / "cache"),
            SEMINAR_LANG="fr",
            TERM="xterm-256color",
            PROMPT_TOOLKIT_NO_CPR="1",
        )
        env.pop("COLUMNS", None)
        env.pop("LINES", None)
        self.db = folder / "journal.sqlite3"
        args = [
            "-m", "seminar_cli", "start", str(agenda), "--serve",
            "--host", "127.0.0.1", "--port", str(port), "--code", CODE,
            "--place", "Banc", "--facilitator", "Banc", "--secretary", "Banc",
        ]  # fmt: skip
        self.child = pexpect.spawn(
            sys.executable, args, env=env, cwd=str(folder), dimensions=(35, 120), encoding="utf-8"
        )
        self.screen = ""
        self._lock = threading.Lock()
        self._reader = threading.Thread(target=self._drain, daemon=True)
        self._reader.start()

    def _drain(self) -> None:
        while True:
            try:
                text = self.child.read_nonblocking(1 << 16, timeout=0.2)
            except pexpect.TIMEOUT:
                continue
            except (pexpect.EOF, OSError, ValueError):
                return
            with self._lock:
                self.screen = (self.screen + text)[-(1 << 16) :]

    def tail(self, chars: int = 600) -> str:
        with self._lock:
            text = self.screen[-chars:]
        return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Z0-9]", "", text)

    def press(self, key: str) -> None:
        self.child.send(key)

    def stop(self) -> None:
        if self.child.isalive():
            self.press("q")
            end = time.monotonic() + 5
            while self.child.isalive() and time.monotonic() < end:
                self.press("o")  # « o/y : quitter »
                time.sleep(0.5)
        if self.child.isalive():
            self.child.terminate(force=True)

    def answers_in_journal(self) -> Counter[str]:
        from seminar_cli.journal.events import EventType
        from seminar_cli.journal.store import Journal

        with Journal.open(self.db, create=False) as journal:
            (session,) = journal.sessions()
            return Counter(
                e.payload["prompt"]
                for e in journal.events(session.id)
                if e.type == EventType.answer_given
            )


# -- the room ---------------------------------------------------------------------------------
@dataclass
class Phone:
    name: str
    client: httpx.AsyncClient
    token: str = ""
    connected: asyncio.Event = field(default_factory=asyncio.Event)
    # prompt id → when this phone's stream first mentioned it (perf_counter)
    seen: dict[str, float] = field(default_factory=dict)
    waiting: dict[str, asyncio.Event] = field(default_factory=dict)
    events: int = 0
    stream_error: str = ""

    def watch(self, prompt: str) -> asyncio.Event:
        return self.waiting.setdefault(prompt, asyncio.Event())

    @property
    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    async def join(self) -> int:
        for _attempt in range(5):
            response = await self.client.post("/api/join", json={"code": CODE, "name": self.name})
            if response.status_code != 429:
                break
            await asyncio.sleep(float(response.headers.get("Retry-After", "1")))
        if response.status_code in (200, 201):
            self.token = response.json()["token"]
        return response.status_code

    async def follow(self, prompts: list[str]) -> None:
        """Hold the event stream; note when each prompt is first mentioned."""
        headers = {**self.auth, "Accept": "text/event-stream"}
        try:
            async with self.client.stream("GET", "/api/events", headers=headers) as response:
                response.raise_for_status()
                self.connected.set()
                data: list[str] = []
                kind = ""
                async for line in response.aiter_lines():
                    if line.startswith("data:"):
                        data.append(line[5:])
                    elif line.startswith("event:"):
                        kind = line[6:].strip()
                    elif not line and data:
                        now = time.perf_counter()
                        self.events += 1
                        text = "\n".join(data)
                        data, told, kind = [], kind, ""
                        if told == "answer":  # someone answered: a count, not an opening
                            continue
                        for prompt in prompts:
                            if prompt not in self.seen and f'"{prompt}"' in text:
                                self.seen[prompt] = now
                                self.watch(prompt).set()
        except (httpx.HTTPError, asyncio.CancelledError) as exc:
            if not isinstance(exc, asyncio.CancelledError):
                self.stream_error = f"{type(exc).__name__}: {exc}"
            self.connected.set()

    async def answer(self, prompt: str, value: str) -> tuple[int, float, float]:
        """(status, latency, moment acknowledged)."""
        began = time.perf_counter()
        try:
            response = await self.client.post(
                "/api/answers", json={"prompt": prompt, "value": value}, headers=self.auth
            )
            status = response.status_code
        except httpx.HTTPError:
            status = 0
        done = time.perf_counter()
        return status, done - began, done


async def answer_when_seen(
    phone: Phone,
    prompt: str,
    opened: float,
    spread: float,
    rng: random.Random,
    start: float | None = None,
) -> tuple[int, float, float, float]:
    """(status, latency, acknowledged, sent): the phone answers at a random moment of ``spread``
    seconds after seeing the prompt (after ``OPENS_WITHIN`` × 5 without seeing it, it answers
    anyway: counted as not reached), or after ``start`` when given (the burst)."""
    if start is None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(phone.watch(prompt).wait(), timeout=OPENS_WITHIN * 5)
        start = phone.seen.get(prompt, opened)
    delay = rng.uniform(0, spread)
    await asyncio.sleep(max(0.0, start + delay - time.perf_counter()))
    sent = time.perf_counter()
    status, latency, acked = await phone.answer(prompt, rng.choice(CHOICES))
    return status, latency, acked, sent


async def room(args: argparse.Namespace, server: Server, port: int) -> dict[str, Any]:
    figures: dict[str, Any] = {}
    rng = random.Random(args.seed)
    base = f"http://127.0.0.1:{port}"
    prompts = [prompt_id(i) for i in range(1, args.prompts + 1)] + ["banc_rafale"]

    # the server is up when the phones' page answers
    deadline = time.monotonic() + 60
    async with httpx.AsyncClient(base_url=base, timeout=5) as probe:
        while True:
            with contextlib.suppress(httpx.HTTPError):
                if (await probe.get(f"/j/{CODE}")).status_code == 200:
                    break
            if time.monotonic() > deadline or not server.child.isalive():
                raise RuntimeError(f"the server never answered; its screen:\n{server.tail()}")
            await asyncio.sleep(0.2)

    timeout = httpx.Timeout(30.0, read=None)  # a stream waits as long as the session runs
    phones = [
        Phone(f"Téléphone {i:03d}", httpx.AsyncClient(base_url=base, timeout=timeout))
        for i in range(1, args.phones + 1)
    ]
    followers: list[asyncio.Task[None]] = []
    try:
        began = time.perf_counter()
        gate = asyncio.Semaphore(50)  # a room does not join in one instant either

        async def join(phone: Phone) -> int:
            async with gate:
                return await phone.join()

        joined = Counter(await asyncio.gather(*(join(p) for p in phones)))
        figures["join_seconds"] = time.perf_counter() - began
        figures["join_statuses"] = {str(k): v for k, v in joined.items()}
        print(f"{args.phones} phones joined in {figures['join_seconds']:.1f} s: {dict(joined)}")
        ready = [p for p in phones if p.token]
        followers = [asyncio.create_task(p.follow(prompts)) for p in ready]
        await asyncio.wait_for(asyncio.gather(*(p.connected.wait() for p in ready)), timeout=60)
        streams = sum(1 for p in ready if not p.stream_error)
        figures["streams"] = streams
        print(f"{streams} event streams held")

        # idle: every phone connected, nothing happening
        await asyncio.sleep(2.0)
        cpu_before, wall_before = process_tree_cpu(server.child.pid), time.monotonic()
        await asyncio.sleep(args.idle)
        cpu = process_tree_cpu(server.child.pid) - cpu_before
        wall = time.monotonic() - wall_before
        figures["idle_seconds"] = wall
        figures["idle_cpu_seconds"] = cpu
        figures["idle_share"] = 100 * cpu / wall
        figures["load_idle"] = load()
        print(
            f"server idle with {streams} phones: {figures['idle_share']:.2f} % of a core "
            f"({cpu:.2f} s CPU in {wall:.0f} s; load average {figures['load_idle']:.2f})"
        )

        latencies: list[float] = []
        statuses: Counter[int] = Counter()
        reach: list[float] = []
        reached = 0
        for index, prompt in enumerate(prompts):
            burst = prompt == "banc_rafale"
            opened = time.perf_counter()
            server.press("n")
            if burst:
                # wait until every stream shows it, then all answer within the same second
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(
                        asyncio.gather(*(p.watch(prompt).wait() for p in ready)),
                        timeout=OPENS_WITHIN * 5,
                    )
                start = time.perf_counter() + 0.2
                results = await asyncio.gather(
                    *(answer_when_seen(p, prompt, opened, 1.0, rng, start) for p in ready)
                )
            else:
                results = await asyncio.gather(
                    *(answer_when_seen(p, prompt, opened, args.spread, rng) for p in ready)
                )
            seen = [p.seen[prompt] - opened for p in ready if prompt in p.seen]
            reached += len(seen)
            reach.append(max(seen) if len(seen) == len(ready) else float("inf"))
            codes = Counter(status for status, *_ in results)
            statuses.update(codes)
            if burst:
                first_sent = min(sent for *_, sent in results)
                last_ack = max(acked for _s, _l, acked, _sent in results)
                figures["burst_span"] = last_ack - first_sent
                figures["burst_acknowledged"] = codes.get(201, 0)
                figures["burst_latency_p99"] = percentile([lat for _s, lat, *_ in results], 0.99)
                label = "burst"
            else:
                latencies += [latency for _s, latency, *_ in results]
                label = f"prompt {index + 1}"
            slowest_reach = f"{max(seen):.3f} s" if seen else "never"
            print(
                f"{label}: on {len(seen)}/{len(ready)} streams, the last after {slowest_reach}; "
                f"answers {dict(codes)} (load average {load():.2f})"
            )
        server.press("n")  # the burst's prompt closes
        await asyncio.sleep(1.0)

        figures["answers_sent"] = sum(statuses.values())
        figures["answer_statuses"] = {str(k): v for k, v in statuses.items()}
        figures["ack_median"] = statistics.median(latencies) if latencies else float("nan")
        figures["ack_p99"] = percentile(latencies, 0.99)
        figures["ack_slowest"] = max(latencies, default=float("nan"))
        figures["reach_slowest"] = max(reach, default=float("nan"))
        figures["reached"] = reached
        figures["reach_expected"] = len(ready) * len(prompts)
        figures["events_per_phone"] = statistics.median(p.events for p in ready) if ready else 0
        figures["stream_errors"] = sorted({p.stream_error for p in ready if p.stream_error})[:3]
    finally:
        for task in followers:
            task.cancel()
        await asyncio.gather(*followers, return_exceptions=True)
        await asyncio.gather(*(p.client.aclose() for p in phones), return_exceptions=True)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phones", type=int, default=300)
    parser.add_argument("--prompts", type=int, default=10)
    parser.add_argument(
        "--spread", type=float, default=10.0, help="seconds a prompt's answers span"
    )
    parser.add_argument("--idle", type=float, default=10.0, help="idle CPU measured (s)")
    parser.add_argument(
        "--timeout", type=float, default=600.0, help="a hard bound on the whole run"
    )
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--host", default="127.0.0.1", choices=["127.0.0.1"], help="the loopback")
    add_json_option(parser)
    args = parser.parse_args()
    return run_measure(args, _measure)


def _measure(args: argparse.Namespace, figures: dict[str, object]) -> int:
    # 300 phones hold two connections each: more descriptors than the usual 1,024
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = min(hard, max(soft, 4 * args.phones + 256))
    resource.setrlimit(resource.RLIMIT_NOFILE, (want, hard))

    folder = Path(tempfile.mkdtemp(prefix="seminar-bench-phones-"))
    agenda = folder / "banc.yaml"
    agenda.write_text(agenda_text(args.prompts), encoding="utf-8")
    port = free_port()
    load_before = load()
    server = Server(folder, agenda, port)
    ok = False
    try:
        measured = asyncio.run(asyncio.wait_for(room(args, server, port), timeout=args.timeout))
        figures.update(measured)
        server.stop()
        counted = server.answers_in_journal()
        expected = args.phones * (args.prompts + 1)
        in_journal = sum(counted.values())
        acknowledged = int(measured["answer_statuses"].get("201", 0))
        figures.update(
            phones=args.phones,
            prompts=args.prompts,
            spread=args.spread,
            expected=expected,
            acknowledged=acknowledged,
            in_journal=in_journal,
            load_before=load_before,
            load_after=load(),
        )
        lost = expected - in_journal
        print(
            f"answers: {expected} sent, {acknowledged} acknowledged (201), "
            f"{in_journal} in the journal"
        )
        print(
            f"acknowledged: median {measured['ack_median'] * 1000:.1f} ms, "
            f"p99 {measured['ack_p99'] * 1000:.1f} ms, "
            f"slowest {measured['ack_slowest'] * 1000:.1f} ms"
        )
        print(
            f"burst of {args.phones}: {measured['burst_acknowledged']} acknowledged, the last "
            f"{measured['burst_span']:.2f} s after the first was sent "
            f"(each: p99 {measured['burst_latency_p99'] * 1000:.1f} ms)"
        )
        print(
            f"prompt opened → all streams: slowest {measured['reach_slowest']:.3f} s "
            f"({measured['reached']}/{measured['reach_expected']} told)"
        )
        checks = {
            "nothing lost": lost == 0 and acknowledged == expected,
            "p99 < 100 ms": measured["ack_p99"] < ACK_P99,
            "burst within 2 s": measured["burst_acknowledged"] == args.phones
            and measured["burst_span"] < BURST_WITHIN,
            "opening on every stream within 1 s": measured["reach_slowest"] < OPENS_WITHIN,
            "idle < 2 % of a core": measured["idle_share"] < IDLE_SHARE,
        }
        figures["targets"] = checks
        for name, met in checks.items():
            print(f"target {name}: {'met' if met else 'NOT met'}")
        print(f"load average: {load_before:.2f} before, {figures['load_after']:.2f} after")
        ok = lost == 0
    except (TimeoutError, RuntimeError, httpx.HTTPError, KeyError, ValueError) as exc:
        print(f"the run failed: {type(exc).__name__}: {exc}")
        print(f"the server's screen, last lines:\n{server.tail()}")
        figures["error"] = f"{type(exc).__name__}: {exc}"
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
