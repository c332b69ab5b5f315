"""Start-up time of `seminar`'s commands, side by side with their yardsticks, in one run.

Usage:  python bench/startup.py [--runs N] [--own] [--json]

The commands of issue #11's "Done means", measured together so that a busy moment of the
machine weighs on all of them alike: with hyperfine (`hyperfine -N`, one run of every command,
means) when it is installed, else with this script's own round-robin (every command once per
round, N rounds).  Yardsticks: `python -c pass`, pip's `sqlite-utils tables FILE` (a small
Click tool reading a SQLite file, as our quick commands do) and `termdown --help` (a small
countdown tool's help); install both beside this Python (`pip install sqlite-utils termdown`).

Before measuring: a throw-away journal holds one rehearsed session (`note` adds a note to it at
each run), the help cache lives in a throw-away folder, and `PYTHONDONTWRITEBYTECODE` is dropped
so that the warm-up runs leave bytecode caches, as an installed copy has (pip compiles at
install time).  "first call after install" is `seminar --help` with an empty help cache at
every run.  The table gives each time (wall clock; and CPU, user + system, which a busy
machine disturbs much less), each ratio beside its target (judged on the means of wall-clock
time, as the issue's figures are), and the load average before and after.  hyperfine measures
one command after the other: on a shared machine whose load changes during the run, a command
measured in a busy minute loses against one measured in a quiet one; `--own` takes every command
once per round instead, so that the load weighs on all alike.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from _figures import add_json_option, run_measure

Env = dict[str, str]


@dataclass(frozen=True)
class Target:
    label: str
    reference: str
    at_most: float


TARGETS = (
    Target("seminar note …", "sqlite-utils tables FILE", 0.75),
    Target("seminar sessions list", "sqlite-utils tables FILE", 0.75),
    Target("seminar agenda list", "sqlite-utils tables FILE", 1.25),
    Target("seminar export --format md --output -", "sqlite-utils tables FILE", 1.5),
    Target("seminar --help", "termdown --help", 0.5),
    Target("seminar --help (first call after install)", "termdown --help", 1.0),
    Target("seminar --version", "python -c pass", 2.0),
)
# shown beside the others, with no target: what --help costs without its cache
EXTRA = (("seminar --help (help cache off)", "termdown --help"),)


def _tool(name: str) -> str | None:
    """The console script beside this interpreter first (the venv), else on PATH."""
    beside = Path(sys.executable).with_name(name)
    if beside.exists():
        return str(beside)
    return shutil.which(name)


def _load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f}, {five:.2f}, {fifteen:.2f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=30, help="runs per command (default 30)")
    parser.add_argument(
        "--own", action="store_true", help="this script's round-robin even if hyperfine is here"
    )
    add_json_option(parser, "table")
    args = parser.parse_args()
    return run_measure(args, _measure)


@dataclass
class Plan:
    label: str
    command: list[str]
    env: Env  # what this command adds to the common environment
    fresh_cache: str | None = None  # a folder emptied before each run


def _plan(home: Path, seminar: str, journal: Path) -> list[Plan]:
    cold = str(home / "cold-cache")
    plans = [
        Plan("python -c pass", [sys.executable, "-c", "pass"], {}),
        Plan("seminar --version", [seminar, "--version"], {}),
        Plan("seminar --help", [seminar, "--help"], {}),
        Plan(
            "seminar --help (first call after install)",
            [seminar, "--help"],
            {"XDG_CACHE_HOME": cold},
            fresh_cache=cold,
        ),
        Plan("seminar --help (help cache off)", [seminar, "--help"], {"SEMINAR_HELP_CACHE": "0"}),
        Plan("seminar note …", [seminar, "note", "Salle B réservée pour jeudi"], {}),
        Plan("seminar sessions list", [seminar, "sessions", "list"], {}),
        Plan("seminar agenda list", [seminar, "agenda", "list"], {}),
        Plan(
            "seminar export --format md --output -",
            [seminar, "export", "--format", "md", "--output", "-"],
            {},
        ),
    ]
    termdown, sqlite_utils = _tool("termdown"), _tool("sqlite-utils")
    if termdown:
        plans.append(Plan("termdown --help", [termdown, "--help"], {}))
    if sqlite_utils:
        plans.append(Plan("sqlite-utils tables FILE", [sqlite_utils, "tables", str(journal)], {}))
    return plans


def _measure(args: argparse.Namespace, figures: dict[str, object]) -> int:
    seminar = _tool("seminar")
    if seminar is None:
        print("seminar is not installed beside this Python nor on PATH", file=sys.stderr)
        return 1
    for name in ("termdown", "sqlite-utils"):
        if _tool(name) is None:
            print(f"note: {name} not found (pip install {name}): its ratios are skipped\n")

    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        journal = home / "bench.sqlite3"
        base = {
            name: value
            for name, value in os.environ.items()
            if name not in ("PYTHONDONTWRITEBYTECODE", "SEMINAR_HELP_CACHE", "SEMINAR_LANG")
        }
        # a throw-away journal and help cache: the user's own are left alone
        base.update(SEMINAR_DB=str(journal), XDG_CACHE_HOME=str(home / "cache"), COLUMNS="100")
        subprocess.run(
            [seminar, "start", "team-retrospective", "--no-input", "--speed", "10000"],
            env=base,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=True,
        )
        plans = _plan(home, seminar, journal)
        load_before = _load()
        hyperfine = None if args.own else shutil.which("hyperfine")
        if hyperfine:
            results = _with_hyperfine(hyperfine, plans, base, args.runs, home)
            how = f"hyperfine -N, {args.runs} runs each after 3 warm-up runs (mean, median, min)"
        else:
            results = _round_robin(plans, base, args.runs)
            how = f"own round-robin, {args.runs} rounds after one warm-up round (mean, median, min)"
        load_after = _load()

    figures["runs"] = args.runs
    figures["how"] = how
    figures["load"] = {"before": load_before, "after": load_after}
    figures["seconds"] = results
    width = max(len(label) for label in results)
    print(f"{how}; load average (1, 5, 15 min) {load_before} before, {load_after} after\n")
    print(f"{'command':<{width}}  {'mean':>9}  {'median':>9}  {'min':>9}  {'CPU':>9}")
    for label, times in results.items():
        print(
            f"{label:<{width}}  {times['mean'] * 1000:6.1f} ms  {times['median'] * 1000:6.1f} ms"
            f"  {times['min'] * 1000:6.1f} ms  {times['cpu'] * 1000:6.1f} ms"
        )
    print()
    ratios = []
    rows: list[tuple[str, str, float | None]] = [(t.label, t.reference, t.at_most) for t in TARGETS]
    rows += [(label, reference, None) for label, reference in EXTRA]
    for label, reference, at_most in rows:
        if label not in results or reference not in results:
            continue
        mean = results[label]["mean"] / results[reference]["mean"]
        median = results[label]["median"] / results[reference]["median"]
        cpu = results[label]["cpu"] / results[reference]["cpu"]
        verdict = ""
        if at_most is not None:
            verdict = f"   target <= {at_most:.2f}: " + ("met" if mean <= at_most else "MISSED")
        print(
            f"{label} / {reference}: {mean:.2f} (means), {median:.2f} (medians), "
            f"{cpu:.2f} (CPU){verdict}"
        )
        ratios.append(
            {
                "label": label,
                "reference": reference,
                "mean_ratio": mean,
                "median_ratio": median,
                "cpu_ratio": cpu,
                "target": at_most,
            }
        )
    figures["ratios"] = ratios
    return 0


def _with_hyperfine(
    hyperfine: str, plans: list[Plan], base: Env, runs: int, home: Path
) -> dict[str, dict[str, float]]:
    """One hyperfine run of every command (`-N`: no shell in between); each command's own
    variables through `env`, and its emptied folder through `--prepare`."""
    export = home / "hyperfine.json"
    command = [hyperfine, "-N", "--warmup", "3", "--runs", str(runs), "--export-json", str(export)]
    command += ["--style", "basic"]
    for plan in plans:
        prepare = f"rm -rf {plan.fresh_cache}" if plan.fresh_cache else "true"
        command += ["--prepare", prepare]
    for plan in plans:
        command += ["--command-name", plan.label]
    for plan in plans:
        words = ["env", *(f"{k}={v}" for k, v in plan.env.items()), *plan.command]
        command.append(" ".join(_quoted(word) for word in (words if plan.env else plan.command)))
    subprocess.run(command, env=base, stdout=sys.stdout, stderr=sys.stderr, check=True)
    data = json.loads(export.read_text())
    return {
        result["command"]: {
            "mean": result["mean"],
            "median": result["median"],
            "min": result["min"],
            "cpu": result["user"] + result["system"],
        }
        for result in data["results"]
    }


def _quoted(word: str) -> str:
    """hyperfine splits a command line as a shell would: quote what has spaces."""
    return f'"{word}"' if " " in word else word


def _once(plan: Plan, base: Env) -> tuple[float, float]:
    """Wall-clock and CPU seconds (user + system) of one run."""
    if plan.fresh_cache:
        shutil.rmtree(plan.fresh_cache, ignore_errors=True)
    start = time.perf_counter()
    child = subprocess.Popen(
        plan.command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
        env={**base, **plan.env},
    )
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(plan.command)} failed (exit {child.returncode})")
    return elapsed, usage.ru_utime + usage.ru_stime


def _round_robin(plans: list[Plan], base: Env, runs: int) -> dict[str, dict[str, float]]:
    for plan in plans:  # warm-up: bytecode, file and help caches hot for all
        _once(plan, base)
    times: dict[str, list[tuple[float, float]]] = {plan.label: [] for plan in plans}
    for _ in range(runs):
        for plan in plans:
            times[plan.label].append(_once(plan, base))
    results = {}
    for label, pairs in times.items():
        wall = [w for w, _ in pairs]
        results[label] = {
            "mean": statistics.mean(wall),
            "median": statistics.median(wall),
            "min": min(wall),
            "cpu": statistics.mean(c for _, c in pairs),
        }
    return results


if __name__ == "__main__":
    raise SystemExit(main())
