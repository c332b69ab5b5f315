"""The phones' server in real processes when the ground moves: a port already taken, a
``--host`` that is not this machine's, the journal deleted under a running ``seminar serve``."""

from __future__ import annotations

import re
import socket
import subprocess
import time
from pathlib import Path

from tests.conftest import seminar_cmd, subprocess_env

TIMEOUT = 120  # seconds: the machine is shared


def headless_start(*extra: str) -> list[str]:
    return [*seminar_cmd(), "start", "team-retrospective", "--no-input", *extra]


def test_a_taken_port_gives_the_next_free_one_and_says_so(tmp_path: Path) -> None:
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen(1)
        taken = holder.getsockname()[1]
        command = headless_start(
            "--serve", "--host", "127.0.0.1", "--port", str(taken), "--speed", "3000"
        )
        run = subprocess.run(
            command, env=subprocess_env(tmp_path), capture_output=True, text=True, timeout=TIMEOUT
        )
    assert run.returncode == 0, run.stderr
    said = re.search(
        rf"^Port {taken} is taken: the server listens on port (\d+)\.$", run.stderr, re.M
    )
    assert said, run.stderr
    port = int(said.group(1))
    assert port != taken
    assert re.search(rf"^Phones: http://127\.0\.0\.1:{port}/j/\w+  \(code \w+\)$", run.stderr, re.M)


def test_a_host_that_is_not_this_machine_is_refused_before_anything_starts(tmp_path) -> None:
    env = subprocess_env(tmp_path)
    for host in ("203.0.113.7", "no-such-host.invalid"):
        run = subprocess.run(
            headless_start("--serve", "--host", host, "--port", "0"),
            env=env,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
        )
        assert run.returncode == 2
        # refused before the agenda is read: in the interface's language (French by default)
        assert run.stderr.startswith(
            f"--host {host} : ce n'est pas une adresse de cette machine (les siennes : "
        )
        assert "127.0.0.1" in run.stderr
        assert "Traceback" not in run.stderr
        assert "opened" not in run.stderr  # no session opened for nothing
    serve = subprocess.run(
        [*seminar_cmd(), "serve", "--host", "203.0.113.7"],
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    assert serve.returncode == 2
    assert "ce n'est pas une adresse de cette machine" in serve.stderr


def test_a_journal_deleted_under_seminar_serve_stops_it_with_a_message(tmp_path) -> None:
    env = subprocess_env(tmp_path)
    journal = Path(env["SEMINAR_DB"])
    runner = subprocess.Popen(
        headless_start(), env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True
    )
    server: subprocess.Popen[str] | None = None
    try:
        assert runner.stderr is not None
        line = runner.stderr.readline()  # "Session … opened": the session is live
        assert "opened" in line, line
        server = subprocess.Popen(
            [*seminar_cmd(), "serve", "--host", "127.0.0.1", "--port", "0"],
            env=env,
            stderr=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            text=True,
        )
        assert server.stderr is not None
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            if server.stderr.readline().startswith("Phones: http://127.0.0.1:"):
                break
        else:
            raise AssertionError("the server never printed its address")
        for path in journal.parent.glob(journal.name + "*"):
            path.unlink()
        rest = server.communicate(timeout=TIMEOUT)[1]
        assert server.returncode == 1
        assert (
            f"The journal {journal} was deleted or replaced while the server ran: server "
            "stopped (phones can record nothing more)." in rest
        )
        assert "Traceback" not in rest
    finally:
        for process in (server, runner):
            if process is not None and process.poll() is None:
                process.kill()
                process.wait(timeout=TIMEOUT)
