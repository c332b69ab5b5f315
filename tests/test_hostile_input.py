"""Issue 10, points 4, 8, 12 and 13: bytes that are not UTF-8, endless files, Ctrl-C at any
moment, odd terminals and closed streams — in real processes, as a user meets them."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pexpect
import pytest

import seminar_cli
from tests.conftest import subprocess_env
from tests.session_helpers import journal, spawn_seminar

SEMINAR = str(Path(sys.executable).parent / "seminar")  # the console script a user runs
TIMEOUT = 120  # generous: two shared cores


def run(tmp_path: Path, *args: str | bytes, **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    env = kwargs.pop("env", None) or subprocess_env(tmp_path)
    if "stdout" not in kwargs:
        kwargs["capture_output"] = True
    return subprocess.run(
        [SEMINAR, *args],
        env=env,  # type: ignore[arg-type]
        cwd=tmp_path,
        timeout=TIMEOUT,
        **kwargs,  # type: ignore[arg-type]
    )


def rehearse(tmp_path: Path, *args: str | bytes) -> str:
    done = run(tmp_path, "start", "--no-input", "--speed", "10000", *args)
    assert done.returncode == 0, done.stderr.decode()
    return journal().sessions()[0].id


def minutes(tmp_path: Path) -> str:
    done = run(tmp_path, "export", "--format", "md", "-o", "cr.md")
    assert done.returncode == 0, done.stderr.decode()
    return (tmp_path / "cr.md").read_text(encoding="utf-8")


# -- point 4: a Latin-1 terminal -----------------------------------------------------------------
def test_latin1_bytes_in_argv_and_stdin_reach_the_minutes(tmp_path):
    rehearse(tmp_path, "--facilitator", b"Fran\xe7ois", "--secretary", b"Ma\xeblle \x80")
    done = run(tmp_path, "note", b"caf\xe9 cr\xc3\xa8me")  # Latin-1 and UTF-8 in one argument
    assert done.returncode == 0, done.stderr.decode()
    # PYTHONIOENCODING=utf-8: stdin strict, as under a real UTF-8 locale
    env = subprocess_env(tmp_path, PYTHONIOENCODING="utf-8")
    lines = b"premi\xe8re ligne\nd\xe9cision \xe0 prendre\nderni\xe8re ligne\n"
    done = run(tmp_path, "secretary", input=lines, env=env)
    assert done.returncode == 0, done.stderr.decode()
    assert "3 enregistrements" in done.stderr.decode()
    text = minutes(tmp_path)
    for expected in (
        "François",
        "Maëlle €",
        "café crème",
        "première ligne",
        "décision à prendre",
        "dernière ligne",
    ):
        assert expected in text
    assert "\ufffd" not in text


def test_a_latin1_agenda_file_name_is_stored_as_text(tmp_path):
    agenda = Path(os.fsdecode(b"r\xe9union.yaml"))
    agenda.write_text("title: T\nsegments: [{title: A, duration: 1}]\n", encoding="utf-8")
    rehearse(tmp_path, os.fsencode(agenda))
    assert minutes(tmp_path).startswith("# T")
    assert journal().sessions()[0].agenda_name == "réunion"


# -- point 8: files that never end ---------------------------------------------------------------
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_an_endless_agenda_or_answers_file_is_refused_at_once(tmp_path, device):
    began = time.monotonic()
    done = run(tmp_path, "agenda", "validate", device)
    assert done.returncode == 1
    assert f"{device} n'est pas un fichier ordinaire et donne plus de 2 Mo" in done.stderr.decode()
    assert "agenda" in done.stderr.decode()
    done = run(tmp_path, "start", "--no-input", "--answers", device)
    assert done.returncode == 1
    message = done.stderr.decode()
    assert f"{device} n'est pas un fichier ordinaire" in message
    assert "un fichier de réponses est un fichier YAML" in message
    assert time.monotonic() - began < 60  # seconds, where it hung or ate the memory
    assert not (tmp_path / "journal.sqlite3").exists()


def test_an_answers_file_over_2_mb_is_called_an_answers_file(tmp_path):
    big = tmp_path / "reponses.yaml"
    big.write_bytes(b"# " + b"x" * 2_000_001 + b"\n")
    done = run(tmp_path, "start", "--no-input", "--answers", str(big))
    assert done.returncode == 1
    assert done.stderr.decode() == (
        f"{big} est trop volumineux pour être un fichier de réponses (plus de 2 Mo).\n"
    )


# -- point 12: tracebacks ------------------------------------------------------------------------
@pytest.mark.parametrize("encoding", ["latin-1", "ascii"])
@pytest.mark.parametrize("args", [["--help"], ["agenda", "show"], ["note", "--help"]])
def test_output_to_a_terminal_without_utf8_degrades(tmp_path, encoding, args):
    env = subprocess_env(tmp_path, PYTHONIOENCODING=encoding)
    done = run(tmp_path, *args, env=env)
    assert done.returncode == 0, done.stderr.decode(encoding, errors="replace")
    assert b"Traceback" not in done.stderr and b"inattendue" not in done.stderr
    assert len(done.stdout) > 200  # the page itself, not an empty screen


def _handler_line() -> int:
    """The line of ``__main__.py`` that installs the quiet Ctrl-C handler."""
    source = Path(seminar_cli.__file__).with_name("__main__.py").read_text(encoding="utf-8")
    for number, line in enumerate(source.splitlines(), start=1):
        if "signal.signal(signal.SIGINT, _quiet_exit)" in line:
            return number
    raise AssertionError("__main__.py installs no Ctrl-C handler")


def _ours(stderr: str) -> bool:
    """A traceback that passed through the tool's own code once it could answer Ctrl-C (not the
    interpreter's start-up, the installer's wrapper, nor the package's first lines before the
    handler exists: nothing can run earlier than they do)."""
    before_handler = _handler_line()
    for name, line in re.findall(r'File "[^"]*seminar_cli[/\\]([^"]+)", line (\d+)', stderr):
        if name == "__init__.py" or (name == "__main__.py" and int(line) < before_handler):
            continue
        return True
    return False


@pytest.mark.parametrize("delay_ms", [0, 10, 20, 35, 50, 75, 100, 150, 200, 400])
def test_ctrl_c_in_the_first_moments_is_a_quiet_130(tmp_path, delay_ms):
    fifo = tmp_path / "agenda.yaml"
    os.mkfifo(fifo)  # no writer: the command waits there until interrupted
    child = subprocess.Popen(
        [SEMINAR, "agenda", "validate", str(fifo)],
        env=subprocess_env(tmp_path),
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    time.sleep(delay_ms / 1000)
    child.send_signal(signal.SIGINT)
    _out, err = child.communicate(timeout=TIMEOUT)
    stderr = err.decode(errors="replace")
    if "Traceback" in stderr and not _ours(stderr):
        # the interpreter was still starting (site, the wrapper's `import re`): out of reach
        assert child.returncode in (1, -signal.SIGINT)
        return
    # killed by SIGINT before Python's handler exists, or our exit 130: both show $? = 130
    assert child.returncode in (130, -signal.SIGINT), stderr
    assert "Traceback" not in stderr
    assert "Exception ignored" not in stderr


def test_the_secretary_with_stdin_closed_says_so(tmp_path):
    rehearse(tmp_path)
    done = run(tmp_path, "secretary", stdin=subprocess.DEVNULL, preexec_fn=lambda: os.close(0))
    assert done.returncode == 1
    assert b"Traceback" not in done.stderr
    assert "lit ses lignes sur l'entrée standard, qui est fermée" in done.stderr.decode()


def test_an_escape_sequence_at_the_name_prompt_is_no_mouse(tmp_path):
    agenda = tmp_path / "a.yaml"
    agenda.write_text(
        "title: T\nsegments:\n  - title: A\n    duration: 600\n"
        "    prompts: [{id: q, type: text, question: Quoi, who: open}]\n",
        encoding="utf-8",
    )
    runner = subprocess.Popen(
        [SEMINAR, "start", "--no-input", str(agenda)],
        env=subprocess_env(tmp_path),
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + TIMEOUT
        while not (tmp_path / "journal.sqlite3").exists() or not journal().sessions():
            assert time.monotonic() < deadline and runner.poll() is None
            time.sleep(0.05)
        child = spawn_seminar(tmp_path, "join")
        child.timeout = TIMEOUT
        child.expect("Votre nom")
        # ESC [ 3 1 m is what prompt_toolkit took for a mouse report, and failed on
        child.send("\x1b[31m")
        child.send("\x1b[A")
        child.send("\r")
        index = child.expect(["Indiquez votre nom", "Traceback", "Unhandled", "Press ENTER"])
        assert index == 0, child.before
        child.send("Zoé\r")
        child.expect("en tant que Zoé")
        assert "Traceback" not in child.before and "Unhandled" not in child.before
        # Ctrl-C at the open question offers its menu; « Quitter » leaves quietly
        child.expect("Quoi")
        child.sendcontrol("c")
        child.expect("Quitter")
        child.send("\x1b[B")
        child.send("\r")
        child.expect(pexpect.EOF)
        assert "Traceback" not in child.before
    finally:
        runner.send_signal(signal.SIGTERM)
        runner.wait(timeout=TIMEOUT)


# -- point 13 ------------------------------------------------------------------------------------
@pytest.mark.parametrize("args", [["sessions", "show"], ["sessions", "list"], ["--help"]])
def test_a_closed_pipe_is_a_quiet_success(tmp_path, args):
    rehearse(tmp_path)
    read, write = os.pipe()
    os.close(read)  # the reader is gone before the first line, as `| head -0` would be
    try:
        done = run(tmp_path, *args, stdout=write, stderr=subprocess.PIPE)
    finally:
        os.close(write)
    assert done.returncode == 0, done.stderr.decode()
    assert done.stderr == b""


@pytest.mark.parametrize("columns", ["0", "-3", "abc", "1"])
def test_a_nonsense_width_still_lists_the_sessions(tmp_path, columns):
    session = rehearse(tmp_path)
    done = run(tmp_path, "sessions", "list", env=subprocess_env(tmp_path, COLUMNS=columns))
    assert done.returncode == 0
    assert session in done.stdout.decode().replace("\n", "")


@pytest.mark.parametrize("option", ["--facilitator", "--secretary"])
def test_names_have_a_length_limit(cli, option):
    result = cli("start", "--no-input", option, "x" * 3000)
    assert result.code == 2
    assert result.err == (
        "Nom trop long (3000 caractères) : au plus 80, car il s'affiche sur l'écran projeté et "
        "dans le compte rendu.\n"
    )


def test_join_name_has_a_length_limit(tmp_path):
    rehearse(tmp_path)
    done = run(tmp_path, "join", "--no-input", "--name", "x" * 3000, "--answers", "r.yaml")
    assert done.returncode == 2
    assert done.stderr.decode().startswith("Nom trop long (3000 caractères) : au plus 80")


SECRETS = (
    "root:$6$saltsalt$c2VjcmV0LWhhc2gtb25l:19000:0:99999:7:::\n"
    "api:$6$pepper$dG9wLXNlY3JldC1oYXNo:19000:0:99999:7:::\n"
    "DB_PASSWORD: hunter2-very-secret\n"
)


@pytest.mark.parametrize("as_answers", [False, True])
def test_a_file_that_is_no_agenda_is_never_quoted(tmp_path, as_answers):
    secret = tmp_path / "shadow"
    secret.write_text(SECRETS, encoding="utf-8")
    secret.chmod(0o600)
    args = ["--answers", str(secret)] if as_answers else [str(secret)]
    done = run(tmp_path, "start", "--no-input", *args)
    assert done.returncode == 1
    message = done.stderr.decode()
    for word in ("$6$", "c2VjcmV0", "pepper", "hunter2", "DB_PASSWORD", "19000"):
        assert word not in message
    kind = "un fichier de réponses" if as_answers else "un agenda"
    assert f"{secret} n'est pas {kind}" in message
