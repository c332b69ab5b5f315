"""What every bench script shares: ``--json`` prints the figures as one JSON object on stdout
(for ``bench/run.py``) while the script's own text goes to stderr."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

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


@contextlib.contextmanager
def own_pgserver() -> Iterator[str]:
    """A PostgreSQL server of this run's own (pgserver: its binaries come from PyPI), on a
    Unix socket in a temporary folder, with room for a hundred writers and more; the URL of
    an empty database on it.  Stopped and removed at the end."""
    import pgserver
    import psycopg

    base = Path(tempfile.mkdtemp(prefix="seminar-bench-pg-"))
    base.chmod(0o755)  # run as root, the server is another user: it must reach its folder
    folder = base / "data"
    saved = {name: os.environ.get(name) for name in ("LANG", "LC_ALL", "LC_CTYPE")}
    os.environ["LANG"] = "C.UTF-8"  # initdb refuses a locale the machine lacks
    for name in ("LC_ALL", "LC_CTYPE"):
        os.environ.pop(name, None)
    try:
        server = pgserver.get_server(folder, cleanup_mode="stop")
        with psycopg.connect(server.get_uri(), autocommit=True) as admin:
            admin.execute("ALTER SYSTEM SET max_connections = 200")
        server.cleanup()  # stopped: the setting needs a restart
        server = pgserver.get_server(folder, cleanup_mode="stop")
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    try:
        admin_url = server.get_uri()
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute("CREATE DATABASE bench")
        yield server.get_uri("bench")
    finally:
        server.cleanup()
        shutil.rmtree(base, ignore_errors=True)
