"""Start-up time of `seminar`, side by side with a bare Python and with termdown.

Usage:  python bench/startup.py [--runs N] [--json]

Each command runs N times in a fresh process, after one warm-up run (so that the file cache and
the bytecode cache are hot for everyone); the table gives the median and the minimum wall-clock
time.  Targets (issue 2): `seminar --version` within 2x `python -c pass`; `seminar --help` at most
half of `termdown --help`.

`seminar … --help` is answered from the help cache (cli/help_cache.py: pages rendered by Typer,
stored with a fingerprint of everything that shapes them).  For honesty the table also shows
the same requests with the cache turned off (Typer renders the page, as on every request
before) and "cold" (the first request after an install or a code change: Typer renders every
page once and fills the cache).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from _figures import add_json_option, run_measure

Env = dict[str, str]


def _tool(name: str) -> str | None:
    """The console script beside this interpreter first (the venv), else on PATH."""
    beside = Path(sys.executable).with_name(name)
    if beside.exists():
        return str(beside)
    return shutil.which(name)


def _once(command: list[str], make_env: Callable[[], Env]) -> float:
    env = make_env()
    start = time.perf_counter()
    done = subprocess.run(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
        env=env,
        check=False,
    )
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed (exit {done.returncode})")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=30, help="runs per command (default 30)")
    add_json_option(parser, "table")
    args = parser.parse_args()
    return run_measure(args, _measure)


def _measure(args: argparse.Namespace, figures: dict[str, object]) -> int:
    seminar = _tool("seminar")
    termdown = _tool("termdown")
    if seminar is None:
        print("seminar is not installed beside this Python nor on PATH", file=sys.stderr)
        return 1

    with tempfile.TemporaryDirectory() as home:
        base = dict(os.environ)
        # a throw-away journal and help cache: the user's own are left alone
        base["SEMINAR_DB"] = str(Path(home) / "bench.sqlite3")
        base["XDG_CACHE_HOME"] = str(Path(home) / "cache")
        base.setdefault("COLUMNS", "100")
        base.pop("SEMINAR_HELP_CACHE", None)

        def same() -> Env:
            return base

        def no_cache() -> Env:
            return {**base, "SEMINAR_HELP_CACHE": "0"}

        def cold() -> Env:
            return {**base, "XDG_CACHE_HOME": tempfile.mkdtemp(dir=home)}

        plan: list[tuple[str, list[str], Callable[[], Env]]] = [
            ("python -c pass", [sys.executable, "-c", "pass"], same),
            ("seminar --version", [seminar, "--version"], same),
            ("seminar --help", [seminar, "--help"], same),
            ("seminar --lang en --help", [seminar, "--lang", "en", "--help"], same),
            ("seminar agenda --help", [seminar, "agenda", "--help"], same),
            ("seminar agenda show --help", [seminar, "agenda", "show", "--help"], same),
            ("seminar --help (cache off)", [seminar, "--help"], no_cache),
            ("seminar agenda --help (cache off)", [seminar, "agenda", "--help"], no_cache),
            ("seminar --help (cold cache)", [seminar, "--help"], cold),
        ]
        if termdown:
            plan.append(("termdown --help", [termdown, "--help"], same))
        else:
            print("note: termdown not found (pip install termdown): its ratio is skipped\n")

        for _, command, make_env in plan:  # warm-up: hot caches for all (help cache filled)
            _once(command, make_env)
        # round-robin: a busy moment of the machine weighs on every command alike
        times: dict[str, list[float]] = {label: [] for label, _, _ in plan}
        for _ in range(args.runs):
            for label, command, make_env in plan:
                times[label].append(_once(command, make_env))
        results = {label: (statistics.median(t), min(t)) for label, t in times.items()}
    figures["runs"] = args.runs
    figures["seconds"] = {label: {"median": m, "min": f} for label, (m, f) in results.items()}

    width = max(len(label) for label in results)
    print(f"{'command':<{width}}  {'median':>9}  {'min':>9}   ({args.runs} runs each)")
    for label, (median, fastest) in results.items():
        print(f"{label:<{width}}  {median * 1000:7.1f} ms  {fastest * 1000:7.1f} ms")
    print()

    def ratio(label: str, reference: str, target: float | None) -> None:
        median = results[label][0] / results[reference][0]
        fastest = results[label][1] / results[reference][1]
        verdict = ""
        if target is not None:
            verdict = f"   target <= {target:.2f}: " + ("ok" if median <= target else "MISSED")
        print(f"{label} / {reference}: {median:.2f} (medians), {fastest:.2f} (minimums){verdict}")

    ratio("seminar --version", "python -c pass", 2.0)
    if "termdown --help" in results:
        ratio("seminar --help", "termdown --help", 0.5)
        ratio("seminar --help (cache off)", "termdown --help", None)
        ratio("seminar --help (cold cache)", "termdown --help", None)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
