"""CPU of an idle live countdown, side by side with termdown, and how fast a key is answered.

Runs ``seminar start`` on a one-segment agenda (two hours) and ``termdown 10m`` at the same time,
each in its own pseudo-terminal of the same size, waits until both show their countdown, then
measures the CPU time each uses (utime + stime from /proc/PID/stat) over ``--duration`` seconds
of idling.  Then it presses space on the live screen ``--tries`` times and measures the time
from the key to the screen showing PAUSE (and back to EN COURS).

    python bench/live_cpu.py                 # 60 s, 10 key presses
    python bench/live_cpu.py --duration 15   # a quicker look while developing
    python bench/live_cpu.py --json          # the figures as JSON on stdout (text on stderr)

Targets (issue 4): no more CPU than termdown; a key answered within 100 ms.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pexpect
from _figures import add_json_option, run_measure

AGENDA = """\
title: Banc d'essai
segments:
  - title: Un long segment
    duration: 2h
    description: Rien ne se passe, le compte à rebours tourne.
  - title: La suite
    duration: 10m
"""


def cpu_seconds(pid: int) -> float:
    """utime + stime of a process, in seconds."""
    with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def drain(*children: pexpect.spawn, seconds: float) -> None:
    """Read what the programs draw for ``seconds`` (a full pty would block them)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        for child in children:
            with contextlib.suppress(pexpect.TIMEOUT):
                child.read_nonblocking(1 << 16, timeout=0.05)


def termdown_path() -> str | None:
    here = Path(sys.executable).parent / "termdown"
    return str(here) if here.exists() else shutil.which("termdown")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=60.0, help="idle seconds measured")
    parser.add_argument("--tries", type=int, default=10, help="key presses timed")
    parser.add_argument("--rows", type=int, default=35)
    parser.add_argument("--cols", type=int, default=120)
    add_json_option(parser)
    args = parser.parse_args()
    return run_measure(args, _measure)


def _measure(args: argparse.Namespace, figures: dict[str, object]) -> int:
    work = Path(tempfile.mkdtemp(prefix="seminar-bench-"))
    (work / "agenda.yaml").write_text(AGENDA, encoding="utf-8")
    env = dict(os.environ)
    env.update(
        SEMINAR_DB=str(work / "journal.sqlite3"),
        XDG_DATA_HOME=str(work / "data"),
        TERM="xterm-256color",
        PROMPT_TOOLKIT_NO_CPR="1",
        SEMINAR_LANG="fr",
    )
    env.pop("COLUMNS", None)
    env.pop("LINES", None)
    size = (args.rows, args.cols)

    started = time.monotonic()
    seminar = pexpect.spawn(
        sys.executable,
        ["-m", "seminar_cli", "start", "agenda.yaml", "--place", "Banc", "--facilitator", "A",
         "--secretary", "B"],
        cwd=str(work), env=env, dimensions=size, encoding="utf-8", timeout=20,
    )  # fmt: skip
    seminar.delaybeforesend = None  # pexpect waits 50 ms before each send by default
    seminar.expect("EN COURS")
    ready_after = time.monotonic() - started
    termdown = None
    path = termdown_path()
    if path:
        termdown = pexpect.spawn(
            path, ["10m"], env=env, dimensions=size, encoding="utf-8", timeout=20
        )
        drain(termdown, seconds=1.5)  # its first frames
    drain(seminar, seconds=1.0)

    print(f"seminar start: countdown on screen {ready_after * 1000:.0f} ms after launch")
    print(f"idle for {args.duration:g} s, terminal {args.cols}×{args.rows} …", flush=True)
    ours0 = cpu_seconds(seminar.pid)
    theirs0 = cpu_seconds(termdown.pid) if termdown else 0.0
    wall0 = time.monotonic()
    drain(seminar, *([termdown] if termdown else []), seconds=args.duration)
    wall = time.monotonic() - wall0
    ours = cpu_seconds(seminar.pid) - ours0
    theirs = (cpu_seconds(termdown.pid) - theirs0) if termdown else float("nan")

    figures.update(
        ready_seconds=ready_after,
        idle_seconds=wall,
        terminal=f"{args.cols}x{args.rows}",
        seminar_cpu_seconds=ours,
        termdown_cpu_seconds=theirs if termdown else None,
        tick_seconds=1 / os.sysconf("SC_CLK_TCK"),  # the resolution of /proc/PID/stat
    )

    def share(cpu: float) -> str:
        return f"{cpu:6.2f} s CPU  = {100 * cpu / wall:5.2f} % of a core"

    print(f"  seminar start  {share(ours)}")
    if termdown:
        print(f"  termdown 10m   {share(theirs)}")
        verdict = "OK" if ours <= theirs else "MORE than termdown"
        print(
            f"  → seminar uses {ours / theirs if theirs else float('inf'):.2f}× termdown: {verdict}"
        )
    else:
        print("  termdown not found: no comparison")

    latencies: list[float] = []
    for _ in range(args.tries):
        for expected in ("PAUSE", "EN COURS"):
            drain(seminar, seconds=0.3)
            sent = time.monotonic()
            seminar.send(" ")
            seminar.expect(expected)
            latencies.append(time.monotonic() - sent)
    millis = sorted(x * 1000 for x in latencies)
    figures.update(
        key_presses=len(millis),
        key_median_ms=statistics.median(millis),
        key_worst_ms=millis[-1],
    )
    print(
        f"key → screen ({len(millis)} presses of space, PAUSE / EN COURS): "
        f"median {statistics.median(millis):.1f} ms, worst {millis[-1]:.1f} ms"
        f" — {'OK' if millis[-1] <= 100 else 'over 100 ms'}"
    )

    seminar.send("q")
    seminar.expect("y : quitter")
    seminar.send("y")
    seminar.expect(pexpect.EOF)
    if termdown:
        termdown.terminate(force=True)
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
