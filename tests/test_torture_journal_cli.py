"""The secretary's and the exporter's commands on a journal that cannot be written: a read-only
folder and a full disk (a file size limit), in real processes.

``test_journal_store.py`` covers ``start``, ``resume`` and ``sessions`` there; these cover
``seminar note`` (refused clearly, nothing changed) and ``seminar export`` (still works: it only
reads — and when the minutes themselves cannot be written, it says so and leaves no file)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from tests.test_journal_store import (  # noqa: F401  (read_only_folder is a fixture)
    _agenda_file,
    _journal_check,
    _seminar,
    read_only_folder,
)


def _closed_session_with_a_note(tmp_path: Path, db: Path) -> str:
    agenda = _agenda_file(tmp_path)
    first = _seminar(
        tmp_path, "--db", str(db), "start", str(agenda), "--no-input", "--speed", "5000"
    )
    assert first.returncode == 0, first.stderr
    noted = _seminar(tmp_path, "--db", str(db), "note", "Première note", "--segment", "un")
    assert noted.returncode == 0, noted.stderr
    listed = _seminar(tmp_path, "--db", str(db), "sessions", "list", "--json")
    return str(json.loads(listed.stdout)[0]["id"])


def _notes(minutes_json: str) -> list[str]:
    minutes = json.loads(minutes_json)
    return [n["text"] for s in minutes["segments"] for n in s["notes"]]


def test_in_a_read_only_folder_note_is_refused_and_export_still_works(
    tmp_path: Path,
    read_only_folder: Path,  # noqa: F811
) -> None:
    db = read_only_folder / "journal.sqlite3"
    session_id = _closed_session_with_a_note(tmp_path, db)
    before = db.read_bytes()
    files = sorted(p.name for p in read_only_folder.iterdir())
    os.chmod(read_only_folder, 0o555)

    for lang, expected in (
        ("fr", f"Le dossier {read_only_folder} est en lecture seule"),
        ("en", f"The folder {read_only_folder} is read-only"),
    ):
        refused = _seminar(
            tmp_path,
            "--db",
            str(db),
            "note",
            "Seconde note",
            "--session",
            session_id,
            read_only_folder=True,
            lang=lang,
        )
        assert refused.returncode == 1, refused.stderr
        assert expected in refused.stderr
        assert "Traceback" not in refused.stderr

    out = tmp_path / "minutes.json"
    exported = _seminar(
        tmp_path,
        "--db",
        str(db),
        "export",
        session_id,
        "--format",
        "json",
        "--output",
        str(out),
        read_only_folder=True,
    )
    assert exported.returncode == 0, exported.stderr
    assert _notes(out.read_text(encoding="utf-8")) == ["Première note"]
    for fmt in ("md", "html", "csv"):
        done = _seminar(
            tmp_path, "--db", str(db), "export", "-f", fmt, "-o", "-", read_only_folder=True
        )
        assert done.returncode == 0, done.stderr
        assert "Atelier court" in done.stdout or fmt == "csv"
    # nothing was created nor changed beside the journal
    assert db.read_bytes() == before
    assert sorted(p.name for p in read_only_folder.iterdir()) == files


def test_on_a_full_disk_note_is_refused_and_export_still_reads_the_journal(
    tmp_path: Path,
) -> None:
    db = tmp_path / "journal.sqlite3"
    session_id = _closed_session_with_a_note(tmp_path, db)
    # room for SQLite's -shm file (32 KiB), not for a record this long in the -wal file
    refused = _seminar(tmp_path, "note", "é" * 20000, "--session", session_id, max_file_size=32768)
    assert refused.returncode == 1, refused.stderr
    assert "Traceback" not in refused.stderr
    assert "Le disque refuse d'écrire dans le journal" in refused.stderr
    assert _journal_check(db)[0] == "ok"

    # reading needs no room at all: not even for SQLite's -shm file
    for args in (
        ("sessions", "list", "--json"),
        ("sessions", "show", session_id),
        ("export", session_id, "-f", "json", "-o", "-"),
    ):
        done = _seminar(tmp_path, *args, max_file_size=1000)
        assert done.returncode == 0, (args, done.stderr)
        assert "Traceback" not in done.stderr
    exported = _seminar(tmp_path, "export", session_id, "-f", "json", "-o", "-", max_file_size=1000)
    assert _notes(exported.stdout) == ["Première note"]

    # minutes that do not fit on the disk: said plainly, and no half-written file left
    target = tmp_path / "out" / "minutes.html"
    target.parent.mkdir()
    too_big = _seminar(
        tmp_path, "export", session_id, "-f", "html", "-o", str(target), max_file_size=1000
    )
    assert too_big.returncode == 1, too_big.stderr
    assert f"Impossible d'écrire {target}" in too_big.stderr
    assert "Traceback" not in too_big.stderr
    assert list(target.parent.iterdir()) == []

    # once there is room again, the secretary goes on
    again = _seminar(tmp_path, "note", "Seconde note", "--session", session_id, "--segment", "un")
    assert again.returncode == 0, again.stderr
    final = _seminar(tmp_path, "export", session_id, "-f", "json", "-o", "-")
    assert _notes(final.stdout) == ["Première note", "Seconde note"]
