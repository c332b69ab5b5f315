"""What every bench script shares: ``--json`` prints the figures as one JSON object on stdout
(for ``bench/run.py``) while the script's own text goes to stderr."""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Callable

Measure = Callable[[argparse.Namespace, dict[str, object]], int]


def add_json_option(parser: argparse.ArgumentParser, text: str = "text") -> None:
    parser.add_argument(
        "--json",
        action="store_true",
        help=f"also print the figures as one JSON object on stdout (the {text} goes to stderr)",
    )


def run_measure(args: argparse.Namespace, measure: Measure) -> int:
    figures: dict[str, object] = {}
    if not args.json:
        return measure(args, figures)
    with contextlib.redirect_stdout(sys.stderr):
        code = measure(args, figures)
    print(json.dumps(figures))
    return code
