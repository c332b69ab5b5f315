"""The journal's files on disk, in real processes under real umasks (PRODUCT §9): the journal,
its ``-wal``, ``-shm`` and lock files are 0600 after every open, the folders made for it 0700,
and a path that is not a regular file (``/dev/null``, a FIFO) is told for what it is."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from datetime import UTC
from pathlib import Path

import pytest

from tests.agendas import TWO_MINUTES
from tests.conftest import seminar_cmd, subprocess_env

TIMEOUT = 120  # seconds: generous, the machine is shared


def seminar(tmp_path: Path, *args: str, umask: int, db: Path) -> subprocess.CompletedProcess[str]:
    # the umask is set by bash, as a user's shell would
    command = " ".join(["umask", f"{umask:03o};", 'exec "$@"'])
    return subprocess.run(
        ["bash", "-c", command, "seminar", *seminar_cmd(), "--db", str(db), *args],
        env=subprocess_env(tmp_path),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.mark.parametrize("umask", [0o077, 0o022, 0o000])
def test_a_new_journal_and_its_folders_are_private_whatever_the_umask(tmp_path, umask):
    (tmp_path / "tiny.yaml").write_text(TWO_MINUTES, encoding="utf-8")
    db = tmp_path / "new" / "deeper" / "journal.sqlite3"
    result = seminar(
        tmp_path, "start", "--no-input", "--speed", "600", "tiny.yaml", umask=umask, db=db
    )
    assert result.returncode == 0, result.stderr
    assert mode(tmp_path / "new") == 0o700
    assert mode(tmp_path / "new" / "deeper") == 0o700
    assert mode(db) == 0o600
    assert mode(db.with_name("journal.sqlite3-lock")) == 0o600


@pytest.mark.parametrize("umask", [0o022, 0o000])
def test_an_existing_loose_journal_is_tightened_on_every_open_with_its_companions(tmp_path, umask):
    (tmp_path / "tiny.yaml").write_text(TWO_MINUTES, encoding="utf-8")
    db = tmp_path / "journal.sqlite3"
    started = seminar(
        tmp_path, "start", "--no-input", "--speed", "600", "tiny.yaml", umask=umask, db=db
    )
    assert started.returncode == 0, started.stderr
    # another program holds it open in WAL mode: its -wal and -shm files are there, loose
    holder = sqlite3.connect(db, isolation_level=None)
    try:
        holder.execute("PRAGMA journal_mode = WAL")
        holder.execute("SELECT COUNT(*) FROM sessions").fetchone()
        files = [db, *(db.with_name(db.name + end) for end in ("-wal", "-shm", "-lock"))]
        for file in files:
            assert file.exists(), file
            os.chmod(file, 0o644)
        listed = seminar(tmp_path, "sessions", "list", umask=umask, db=db)  # only reads
        assert listed.returncode == 0, listed.stderr
        assert "petit-essai" in listed.stdout
        assert {file.name: mode(file) for file in files} == {file.name: 0o600 for file in files}
    finally:
        holder.close()


@pytest.mark.parametrize(
    "command", [["sessions", "list"], ["export", "-o", "-"], ["sessions", "show"]]
)
def test_a_journal_that_is_not_a_file_is_told_so_and_left_alone(tmp_path, command):
    null = tmp_path / "null.sqlite3"
    null.symlink_to("/dev/null")
    fifo = tmp_path / "fifo.sqlite3"
    os.mkfifo(fifo)
    for db in (null, fifo):
        result = seminar(tmp_path, "--lang", "en", *command, umask=0o022, db=db)
        assert result.returncode == 1
        assert result.stderr.strip() == (
            f"{db} is not a regular file, so it cannot be a seminar journal. "
            "Choose another file with --db."
        )
        assert "disk" not in result.stderr
    assert null.is_symlink() and stat.S_ISCHR(os.stat("/dev/null").st_mode)
    assert mode(Path("/dev/null")) == 0o666
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert not (tmp_path / "null.sqlite3-wal").exists()


def test_a_second_open_in_the_same_process_keeps_every_write_visible(tmp_path: Path) -> None:
    """The runner opens the journal again from its heartbeat thread.  Tightening the files'
    modes on that open must not touch a descriptor of them: closing one drops the process's
    SQLite locks, and another process then deletes the -wal under the live connection, whose
    later writes nobody else sees (they were lost with it)."""
    from datetime import datetime

    from seminar_cli.journal.store import Journal

    path = tmp_path / "journal.sqlite3"
    first = Journal.open(path)
    first.create_session(
        "s1",
        created_at=datetime.now(UTC),
        title="T",
        agenda_name="a",
        agenda_json="{}",
        language="fr",
        rehearsal=False,
    )
    second = Journal.open(path, create=False)  # as the heartbeat thread does
    # another process reads the journal and goes away
    reader = (
        "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]);"
        " print(c.execute('SELECT COUNT(*) FROM heartbeats').fetchone()[0]); c.close()"
    )
    subprocess.run([sys.executable, "-c", reader, str(path)], check=True, timeout=60)
    first.heartbeat("s1", datetime.now(UTC), datetime.now(UTC))
    seen = subprocess.run(
        [sys.executable, "-c", reader, str(path)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    second.close()
    first.close()
    assert seen.stdout.strip() == "1"
