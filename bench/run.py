"""The whole benchmark suite, in one table: start-up, the idle live screen, the journal under
100 concurrent participants, the minutes exported from 1,000 to 100,000 answers, and 300 phones
answering a served session on the loopback.

    python bench/run.py                  # everything: about 5 minutes on 2 cores
    python bench/run.py --quick          # fewer runs, shorter idle, 10,000 answers, 100 phones
    python bench/run.py --only journal   # one part: startup, live, journal, export or phones
                                         # (repeatable)
    python bench/run.py --idle 60        # the live screen idle for 60 s (default 20)
    python bench/run.py --markdown       # the table as Markdown (for docs/performance.md)

Each part is one of the scripts beside this one (startup.py, live_cpu.py, journal.py,
export.py, phones.py), run in its own process with ``--json``; their own text goes to stderr as
they run.
The table gives each figure, its target and whether it is met.  The machine and the load
average before and after are printed too: figures taken on a busy machine do not compare.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
PARTS = ("startup", "live", "journal", "export", "phones")


@dataclass
class Row:
    part: str
    measure: str
    figure: str
    target: str = ""
    met: bool | None = None  # None: no target (a figure to read, not a promise)

    @property
    def verdict(self) -> str:
        return "" if self.met is None else ("met" if self.met else "NOT met")


class PartFailed(Exception):
    pass


def run_script(name: str, *args: str, timeout: float = 900) -> dict[str, Any]:
    """One bench script with --json: its figures (its text is passed through to stderr)."""
    command = [sys.executable, str(HERE / name), *args, "--json"]
    print(f"\n$ {' '.join(Path(c).name if c == sys.executable else c for c in command)}",
          file=sys.stderr, flush=True)  # fmt: skip
    done = subprocess.run(
        command, stdout=subprocess.PIPE, stderr=None, text=True, timeout=timeout, check=False
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode not in (0, 1) or not lines:
        raise PartFailed(f"{name} exited {done.returncode}")
    figures: dict[str, Any] = json.loads(lines[-1])
    return figures


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


# -- the parts -----------------------------------------------------------------------------------
def startup(quick: bool) -> list[Row]:
    runs = 5 if quick else 30
    figures = run_script("startup.py", "--runs", str(runs))
    s = figures["seconds"]
    load = figures["load"]
    rows = [
        Row("startup", "how", f"{figures['how']}; load {load['before']} → {load['after']}"),
        Row("startup", "python -c pass (mean)", ms(s["python -c pass"]["mean"])),
    ]
    for name in ("sqlite-utils tables FILE", "termdown --help"):
        if name in s:
            rows.append(Row("startup", name, ms(s[name]["mean"])))
        else:
            rows.append(Row("startup", name, "not installed", "", False))
    for ratio in figures["ratios"]:
        label, reference, target = ratio["label"], ratio["reference"], ratio["target"]
        short = reference.split()[0] if reference != "python -c pass" else "python"
        figure = (
            f"{ms(s[label]['mean'])} = {ratio['mean_ratio']:.2f}× {short}"
            f" (CPU: {ratio['cpu_ratio']:.2f}×)"
        )
        if target is None:
            rows.append(Row("startup", label, figure))
        else:
            met = ratio["mean_ratio"] <= target
            rows.append(Row("startup", label, figure, f"≤ {target:g}× {reference}", met))
    return rows


def live(quick: bool, idle: float) -> list[Row]:
    duration = 5.0 if quick else idle
    tries = 3 if quick else 10
    f = run_script("live_cpu.py", "--duration", f"{duration:g}", "--tries", str(tries))
    wall = f["idle_seconds"]

    def share(cpu: float) -> str:
        return f"{100 * cpu / wall:.2f} % of a core ({cpu:.2f} s CPU in {wall:.0f} s)"

    rows = [Row("live", "countdown on screen after launch", ms(f["ready_seconds"]))]
    ours, theirs = f["seminar_cpu_seconds"], f["termdown_cpu_seconds"]
    if theirs is None:
        rows.append(Row("live", "idle CPU, seminar start", share(ours)))
        rows.append(Row("live", "idle CPU, termdown 10m", "termdown not installed", "", False))
    else:
        rows.append(Row("live", "idle CPU, termdown 10m", share(theirs)))
        rows.append(
            Row(
                "live",
                f"idle CPU, seminar start ({f['terminal']})",
                share(ours),
                "≤ termdown",
                ours <= theirs,
            )
        )
    rows.append(
        Row(
            "live",
            f"key → screen ({f['key_presses']} presses)",
            f"median {f['key_median_ms']:.1f} ms, worst {f['key_worst_ms']:.1f} ms",
            "worst ≤ 100 ms",
            f["key_worst_ms"] <= 100,
        )
    )
    return rows


def journal(quick: bool) -> list[Row]:
    repeats = 1 if quick else 3
    rows: list[Row] = []
    # the burst (each of 100 processes sends 10 answers back to back), then the moment
    # a room lives: 100 participants answering one prompt at once
    for answers in (10, 1):
        runs = [run_script("journal.py", "--answers", str(answers)) for _ in range(repeats)]
        first = runs[0]
        who = f"{first['participants']} × {first['answers_each']}"
        each = f" ({repeats} runs)" if repeats > 1 else ""

        def listed(key: str, runs: list[dict[str, Any]] = runs) -> str:
            return " / ".join(ms(r[key]) for r in runs)

        landed = all(r["landed"] == r["expected"] and r["errors"] == 0 for r in runs)
        locked = sum(r["locked"] for r in runs)
        rate = statistics.median(r["expected"] / r["total_seconds"] for r in runs)
        rows += [
            Row(
                "journal",
                f"{who}: total time{each}",
                " / ".join(f"{r['total_seconds']:.2f} s" for r in runs)
                + f" ({rate:.0f} answers/s)",
            ),
            Row(
                "journal",
                f"{who}: all landed, no error",
                f"{sum(r['landed'] for r in runs)}/{sum(r['expected'] for r in runs)}, "
                f"{sum(r['errors'] for r in runs)} errors, {locked} 'database is locked'",
                "all, none",
                landed and locked == 0,
            ),
            Row("journal", f"{who}: median write{each}", listed("median_seconds")),
            Row(
                "journal",
                f"{who}: p99 write{each}",
                listed("p99_seconds"),
                "< 100 ms",
                all(r["p99_seconds"] < 0.1 for r in runs),
            ),
            Row(
                "journal",
                f"{who}: slowest write{each}",
                listed("slowest_seconds"),
                "< 150 ms",  # issue #11's target, with the p99 under 100 ms
                all(r["slowest_seconds"] < 0.15 for r in runs),
            ),
        ]
    return rows


def export(quick: bool) -> list[Row]:
    sizes = [1_000, 10_000] if quick else [1_000, 10_000, 100_000]
    args = [a for size in sizes for a in ("--answers", str(size))]
    kinds = ["compte-rendu"] if quick else ["compte-rendu", "pv"]
    args += [a for kind in kinds for a in ("--kind", kind)]
    figures = run_script("export.py", *args)["sizes"]
    by_size = {s["answers"]: s for s in figures}
    labels = ["model", *figures[0]["formats"]]
    rows: list[Row] = []
    header = " / ".join(f"{n // 1000:,}k" for n in sizes)
    for label in labels:

        def get(size: int, key: str, label: str = label) -> float:
            entry = by_size[size]["model"] if label == "model" else by_size[size]["formats"][label]
            return float(entry[key])

        name = "model (fold + build)" if label == "model" else label
        times = [get(n, "seconds") for n in sizes]
        peaks = [get(n, "peak_mib") for n in sizes]
        growth = times[-1] / times[-2] if times[-2] > 0 else float("inf")
        at_10k = times[sizes.index(10_000)]
        rows.append(
            Row(
                "export",
                f"{name}: time at {header} answers",
                " / ".join(f"{t:.3f}" for t in times) + f" s (×{growth:.1f} for ×10)",
                "< 1 s at 10k; ≤ ×15 for ×10",
                at_10k < 1.0 and growth <= 15,
            )
        )
        memory = peaks[-1] / peaks[-2] if peaks[-2] > 0 else float("inf")
        rows.append(
            Row(
                "export",
                f"{name}: peak memory",
                " / ".join(f"{p:.1f}" for p in peaks) + f" MiB (×{memory:.1f} for ×10)",
                "≤ ×15 for ×10",
                memory <= 15,
            )
        )
    return rows


def phones(quick: bool) -> list[Row]:
    # --quick: a smaller room, fewer and shorter prompts; the targets stay the same
    args = ["--phones", "100", "--prompts", "3", "--spread", "3", "--idle", "5"] if quick else []
    f = run_script("phones.py", *args, timeout=900)
    if "error" in f:
        return [Row("phones", "the run failed", str(f["error"]), "", False)]
    n, prompts = f["phones"], f["prompts"]
    loaded = f" (load {f['load_before']:.1f} → {f['load_after']:.1f})"
    return [
        Row("phones", f"{n} phones joined", f"{f['join_seconds']:.1f} s, {f['streams']} streams"),
        Row(
            "phones",
            f"{n} × {prompts} answers + a burst of {n}: nothing lost",
            f"{f['expected']} sent, {f['acknowledged']} acknowledged, "
            f"{f['in_journal']} in the journal",
            "all",
            f["targets"]["nothing lost"],
        ),
        Row(
            "phones",
            f"answer acknowledged, spread over {f['spread']:g} s",
            f"median {ms(f['ack_median'])}, p99 {ms(f['ack_p99'])}, "
            f"slowest {ms(f['ack_slowest'])}{loaded}",
            "p99 < 100 ms",
            f["targets"]["p99 < 100 ms"],
        ),
        Row(
            "phones",
            f"burst: {n} answers in one second",
            f"{f['burst_acknowledged']} acknowledged, the last {f['burst_span']:.2f} s after "
            f"the first was sent (each: p99 {ms(f['burst_latency_p99'])})",
            "all within 2 s",
            f["targets"]["burst within 2 s"],
        ),
        Row(
            "phones",
            f"prompt opened → all {n} streams",
            f"slowest {ms(f['reach_slowest'])} ({f['reached']}/{f['reach_expected']} told)",
            "< 1 s",
            f["targets"]["opening on every stream within 1 s"],
        ),
        Row(
            "phones",
            f"server CPU, {n} phones idle",
            f"{f['idle_share']:.2f} % of a core ({f['idle_cpu_seconds']:.2f} s CPU in "
            f"{f['idle_seconds']:.0f} s, load {f['load_idle']:.1f})",
            "< 2 % of a core",
            f["targets"]["idle < 2 % of a core"],
        ),
    ]


# -- the machine and the table ------------------------------------------------------------------
def machine() -> dict[str, str]:
    model = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = "?"
    try:
        for line in Path("/proc/meminfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 2**20:.1f} GiB"
    except OSError:
        pass
    termdown = shutil.which("termdown") or str(Path(sys.executable).with_name("termdown"))
    try:
        from seminar_cli import __version__ as seminar_version
    except ImportError:
        seminar_version = "?"
    return {
        "date": datetime.now().astimezone().isoformat(timespec="seconds"),
        "cores": str(os.cpu_count()),
        "cpu": model,
        "memory": memory,
        "python": platform.python_version(),
        "os": platform.platform(),
        "seminar": seminar_version,
        "termdown": termdown if Path(termdown).exists() else "not installed",
    }


def load() -> str:
    try:
        one, five, fifteen = os.getloadavg()
    except OSError:
        return "?"
    return f"{one:.2f}, {five:.2f}, {fifteen:.2f}"


def render(rows: list[Row], markdown: bool) -> str:
    header = ("part", "measure", "figure", "target", "result")
    cells = [header] + [(r.part, r.measure, r.figure, r.target, r.verdict) for r in rows]
    if markdown:
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(c.replace("|", "\\|") for c in row) + " |" for row in cells[1:]]
        return "\n".join(lines)
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip()
             for row in cells]  # fmt: skip
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="smaller sizes, shorter durations")
    parser.add_argument(
        "--only", action="append", choices=PARTS, metavar="NAME",
        help=f"run only this part ({', '.join(PARTS)}); repeatable",
    )  # fmt: skip
    parser.add_argument(
        "--idle", type=float, default=20.0, help="seconds the live screen idles (default 20)"
    )
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    args = parser.parse_args(argv)
    chosen = [p for p in PARTS if not args.only or p in args.only]

    facts = machine()
    before = load()
    began = time.monotonic()
    rows: list[Row] = []
    for part in chosen:
        try:
            if part == "startup":
                rows += startup(args.quick)
            elif part == "live":
                rows += live(args.quick, args.idle)
            elif part == "journal":
                rows += journal(args.quick)
            elif part == "phones":
                rows += phones(args.quick)
            else:
                rows += export(args.quick)
        except (PartFailed, subprocess.TimeoutExpired, KeyError, ValueError) as exc:
            rows.append(Row(part, "the part could not run", str(exc), "", False))
    elapsed = time.monotonic() - began
    after = load()

    out = [
        f"seminar {facts['seminar']} — {facts['date']}",
        f"machine: {facts['cores']} cores, {facts['cpu']}, {facts['memory']} RAM; "
        f"Python {facts['python']}; {facts['os']}",
        f"load average (1, 5, 15 min): {before} before, {after} after; "
        f"suite: {elapsed:.0f} s{' (--quick)' if args.quick else ''}",
        "",
        render(rows, args.markdown),
    ]
    missed = [r for r in rows if r.met is False]
    out += ["", f"{len([r for r in rows if r.met])} targets met, {len(missed)} not met."]
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
