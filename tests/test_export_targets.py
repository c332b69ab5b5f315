"""Where ``seminar export -o`` (and ``agenda new``) may write, in real processes (PRODUCT §9
"Export targets"): a FIFO or a device is written into like a shell redirection, never replaced;
a regular file is replaced whole with ``--force`` and keeps its mode; a new one gets the umask's
mode; anything else is refused; a killed export leaves nothing behind; a closed stdout is said."""

from __future__ import annotations

import os
import shutil
import socket
import stat
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pexpect
import pytest

from tests.conftest import require, seminar_cmd, subprocess_env
from tests.minutes_helpers import SEMINAR_ANSWERS, run_headless
from tests.session_helpers import spawn_seminar

TIMEOUT = 120  # seconds: generous, the machine is shared


@pytest.fixture
def recorded(tmp_path: Path) -> str:
    return run_headless(tmp_path, answers=SEMINAR_ANSWERS).session_id


def seminar(
    tmp_path: Path, *args: str, umask: int | None = None, **popen: object
) -> subprocess.CompletedProcess[str]:
    preexec: Callable[[], object] | None = None
    if umask is not None:
        mask = umask
        preexec = lambda: os.umask(mask)  # noqa: E731
    options: dict[str, object] = {"capture_output": True, **popen}
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [*seminar_cmd(), *args],
        env=subprocess_env(tmp_path),
        cwd=tmp_path,
        text=True,
        timeout=TIMEOUT,
        preexec_fn=preexec,
        **options,
    )


@pytest.fixture
def fifo_reader(tmp_path: Path) -> Iterator[Callable[[Path], subprocess.Popen[bytes]]]:
    """A real reader process on a FIFO (``cat``), ended by its pid if the writer never came."""
    readers: list[subprocess.Popen[bytes]] = []

    def start(fifo: Path) -> subprocess.Popen[bytes]:
        reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
        readers.append(reader)
        return reader

    yield start
    for reader in readers:
        if reader.poll() is None:
            reader.kill()
            reader.wait(TIMEOUT)


def hidden_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".") and ".tmp" in p.name)


@pytest.mark.parametrize("force", [False, True])
def test_a_fifo_is_written_into_never_replaced(tmp_path, recorded, fifo_reader, force):
    fifo = tmp_path / "minutes.fifo"
    os.mkfifo(fifo)
    reader = fifo_reader(fifo)
    result = seminar(tmp_path, "export", "-o", str(fifo), *(["--force"] if force else []))
    assert result.returncode == 0, result.stderr
    assert "écrit dans" in result.stderr
    received, _ = reader.communicate(timeout=TIMEOUT)
    assert received.decode("utf-8").startswith("# Co-construisons demain")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)  # still the FIFO, never a regular file


def test_a_symlink_to_a_fifo_is_written_into_and_both_stay(tmp_path, recorded, fifo_reader):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    link = tmp_path / "cr.md"
    link.symlink_to(fifo)
    reader = fifo_reader(fifo)
    result = seminar(tmp_path, "export", "--format", "json", "-o", str(link), "--force")
    assert result.returncode == 0, result.stderr
    received, _ = reader.communicate(timeout=TIMEOUT)
    assert b'"format": "seminar-minutes/1"' in received
    assert link.is_symlink() and os.readlink(link) == str(fifo)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert hidden_files(tmp_path) == []


@pytest.mark.parametrize("force", [False, True])
def test_a_link_to_dev_null_stays_a_link_and_dev_null_a_device(tmp_path, recorded, force):
    link = tmp_path / "nowhere.md"
    link.symlink_to("/dev/null")
    result = seminar(tmp_path, "export", "-o", str(link), *(["--force"] if force else []))
    assert result.returncode == 0, result.stderr
    assert link.is_symlink() and os.readlink(link) == "/dev/null"
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    assert stat.S_IMODE(os.stat("/dev/null").st_mode) == 0o666
    assert hidden_files(tmp_path) == []


@pytest.mark.parametrize("name", ["/dev/stdout", "/proc/self/fd/1"])
def test_its_own_stdout_is_written_into_be_it_a_pipe_or_a_file(tmp_path, recorded, name):
    piped = seminar(tmp_path, "export", "-o", name)
    assert piped.returncode == 0, piped.stderr
    assert piped.stdout.startswith("# Co-construisons demain")
    redirected = tmp_path / "redirected.md"
    redirected.write_bytes(b"")
    inode = os.stat(redirected).st_ino
    with redirected.open("ab") as stdout:  # as `seminar export -o /dev/stdout >> cr.md`
        result = seminar(tmp_path, "export", "-o", name, stdout=stdout, capture_output=False)
    assert result.returncode == 0
    assert redirected.read_text(encoding="utf-8").startswith("# Co-construisons demain")
    assert os.stat(redirected).st_ino == inode  # written into, not replaced
    assert hidden_files(tmp_path) == []


@pytest.mark.parametrize("name", ["/dev/tty", "/dev/stdout"])
def test_a_docx_is_refused_on_a_terminal_named_by_its_path(tmp_path, recorded, name):
    child = spawn_seminar(tmp_path, "export", "--format", "docx", "-o", name)
    child.expect("ne s'affiche pas dans un terminal")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1


def test_agenda_new_writes_into_a_fifo_too(tmp_path, fifo_reader):
    fifo = tmp_path / "agenda.fifo"
    os.mkfifo(fifo)
    reader = fifo_reader(fifo)
    result = seminar(tmp_path, "agenda", "new", str(fifo), "--no-input")
    assert result.returncode == 0, result.stderr
    received, _ = reader.communicate(timeout=TIMEOUT)
    assert b"segments:" in received
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_socket_a_folder_and_a_link_to_nothing_are_refused(tmp_path, recorded):
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.bind("listening.sock")  # relative: tmp_path may be too long for a socket address
        dangling = tmp_path / "gone.md"
        dangling.symlink_to(tmp_path / "nothing-here")
        for target in ("listening.sock", str(dangling)):
            result = seminar(tmp_path, "export", "-o", target, "--force")
            assert result.returncode == 1, result.stderr
            assert "n'est ni un fichier ordinaire, ni un tube" in result.stderr
            assert "Traceback" not in result.stderr
        assert stat.S_ISSOCK(os.lstat(tmp_path / "listening.sock").st_mode)
        assert dangling.is_symlink() and not (tmp_path / "nothing-here").exists()
        (tmp_path / "archives").mkdir()
        folder = seminar(tmp_path, "export", "-o", "archives", "--force")
        assert folder.returncode == 1 and "est un dossier" in folder.stderr
        agenda = seminar(tmp_path, "agenda", "new", "listening.sock", "--no-input", "--force")
        assert agenda.returncode == 1 and "ni un tube" in agenda.stderr
    finally:
        sock.close()


@pytest.mark.parametrize(("umask", "mode"), [(0o077, 0o600), (0o022, 0o644), (0o000, 0o666)])
def test_a_new_export_gets_the_umask_mode(tmp_path, recorded, umask, mode):
    result = seminar(tmp_path, "export", "-o", "cr.md", umask=umask)
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(os.stat(tmp_path / "cr.md").st_mode) == mode
    agenda = seminar(tmp_path, "agenda", "new", "a.yaml", "--no-input", umask=umask)
    assert agenda.returncode == 0, agenda.stderr
    assert stat.S_IMODE(os.stat(tmp_path / "a.yaml").st_mode) == mode


@pytest.mark.parametrize("mode", [0o600, 0o640])
def test_force_keeps_the_existing_file_mode_and_a_link_stays_a_link(tmp_path, recorded, mode):
    target = tmp_path / "cr.md"
    target.write_text("ancienne version", encoding="utf-8")
    target.chmod(mode)
    link = tmp_path / "latest.md"
    link.symlink_to(target.name)
    result = seminar(tmp_path, "export", "-o", str(link), "--force", umask=0o000)
    assert result.returncode == 0, result.stderr
    assert target.read_text(encoding="utf-8").startswith("# Co-construisons demain")
    assert stat.S_IMODE(os.stat(target).st_mode) == mode
    assert link.is_symlink()
    assert hidden_files(tmp_path) == []


@pytest.mark.parametrize("force", [False, True])
def test_an_export_killed_while_writing_leaves_no_hidden_file(tmp_path, recorded, force):
    # strace delivers a real SIGKILL at the export's first fsync: its bytes are written, the
    # file is not yet in place (a deterministic kill -9 in the middle of the write)
    target = tmp_path / "cr.html"
    if force:
        target.write_text("la version d'avant", encoding="utf-8")
    log = tmp_path / "strace.log"
    require(shutil.which("strace") is not None, "needs strace to kill at one moment")
    probe = subprocess.run(["strace", "-o", os.devnull, "true"], capture_output=True)
    require(probe.returncode == 0, "strace cannot trace here (ptrace refused)")
    strace = ["strace", "-f", "-o", str(log), "-e", "trace=write,fsync"]
    kill_at_fsync = ["-e", "inject=fsync:signal=SIGKILL"]
    export = ["export", "--format", "html", "-o", str(target), "--force"]
    result = subprocess.run(
        [*strace, *kill_at_fsync, *seminar_cmd(), *export],
        env=subprocess_env(tmp_path),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    trace = log.read_text(encoding="utf-8", errors="replace")
    assert "+++ killed by SIGKILL +++" in trace, result.stderr
    assert '"<!DOCTYPE html>' in trace  # the document was being written when it died
    assert hidden_files(tmp_path) == []
    if force:  # the old version is still whole
        assert target.read_text(encoding="utf-8") == "la version d'avant"
    else:
        assert not target.exists()
    again = seminar(tmp_path, "export", "--format", "html", "-o", str(target), "--force")
    assert again.returncode == 0, again.stderr
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert hidden_files(tmp_path) == []


def test_export_to_a_closed_stdout_says_so(tmp_path, recorded):
    closed = subprocess.run(
        ["bash", "-c", 'exec "$@" >&-', "seminar", *seminar_cmd(), "export", "-o", "-"],
        env=subprocess_env(tmp_path),
        cwd=tmp_path,
        stderr=subprocess.PIPE,
        text=True,
        timeout=TIMEOUT,
    )
    assert closed.returncode == 1, closed.stderr
    assert closed.stderr.strip() == (
        "La sortie standard est fermée : rien n'a été écrit. Choisissez un fichier avec --output."
    )
