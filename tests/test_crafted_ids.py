"""A crafted or foreign journal's session id (a path, escape sequences, Rich markup) never makes
``export`` write outside the current folder, and ``sessions list|show`` never print it raw."""

from __future__ import annotations

import sqlite3
import subprocess
from pathlib import Path

import pytest

from tests.agendas import TWO_MINUTES
from tests.conftest import seminar_cmd, subprocess_env

TIMEOUT = 120  # seconds: generous, the machine is shared
ESCAPES = "\x1b[2J\x1b]0;pwned\x07\x1b[31mrouge\x9b31m[bold]gras[/bold]"


def seminar(
    tmp_path: Path, *args: str, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*seminar_cmd(), *args],
        env=subprocess_env(tmp_path),
        cwd=cwd or tmp_path,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )


def crafted_session(tmp_path: Path, new_id: str, title: str | None = None) -> None:
    """A session recorded by a real ``seminar start``, then its id changed everywhere it is
    stored, as a foreign tool or an attacker could."""
    (tmp_path / "tiny.yaml").write_text(TWO_MINUTES, encoding="utf-8")
    started = seminar(tmp_path, "start", "--no-input", "--speed", "600", "tiny.yaml")
    assert started.returncode == 0, started.stderr
    db = sqlite3.connect(tmp_path / "journal.sqlite3", isolation_level=None)
    try:
        (old,) = db.execute("SELECT id FROM sessions").fetchone()
        for table, column in (("sessions", "id"), ("events", "session_id")):
            db.execute(f"UPDATE {table} SET {column} = ? WHERE {column} = ?", (new_id, old))
        db.execute("UPDATE heartbeats SET session_id = ? WHERE session_id = ?", (new_id, old))
        if title is not None:
            db.execute("UPDATE sessions SET title = ?", (title,))
    finally:
        db.close()


def files_under(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize("kind", ["relative", "absolute", "escapes", "dots"])
def test_export_of_a_crafted_id_writes_one_safe_name_in_the_current_folder(tmp_path, kind):
    here = tmp_path / "a" / "b" / "here"
    here.mkdir(parents=True)
    outside = tmp_path / "outside"
    outside.mkdir()
    crafted = {
        "relative": "../../x",
        "absolute": str(outside / "y"),
        "escapes": ESCAPES + "/../z",
        "dots": "..",
    }[kind]
    crafted_session(tmp_path, crafted)
    before = files_under(tmp_path)
    result = seminar(tmp_path, "export", cwd=here)
    assert result.returncode == 0, result.stderr
    written = files_under(tmp_path) - before
    assert len(written) == 1, written
    (file,) = written
    assert file.parent == here
    assert not file.name.startswith((".", "-")) and file.name.endswith("-compte-rendu.md")
    assert all(ord(c) >= 0x20 and c not in "\x7f\x9b" for c in file.name)
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert file.name in result.stderr


def test_sessions_list_and_show_print_no_escape_sequence(tmp_path):
    crafted_session(tmp_path, ESCAPES + "-id", title="Titre " + ESCAPES)
    for args, env_columns in (
        (["sessions", "list"], "160"),  # a table
        (["sessions", "list"], "80"),  # lines
        (["sessions", "show"], "160"),
    ):
        result = subprocess.run(
            [*seminar_cmd(), *args],
            env=subprocess_env(tmp_path, COLUMNS=env_columns),
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
        )
        assert result.returncode == 0, result.stderr
        for control in ("\x1b", "\x07", "\x9b"):
            assert control not in result.stdout, (args, env_columns, result.stdout)
        assert "rouge" in result.stdout and "[bold]gras[/bold]" in result.stdout  # text kept
