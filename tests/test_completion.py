"""Shell completion offers agenda names and the journal's session ids."""

from __future__ import annotations

import subprocess

from tests.conftest import seminar_cmd, subprocess_env


def _complete(tmp_path, words: str, cword: int) -> list[str]:
    env = subprocess_env(
        tmp_path, _SEMINAR_COMPLETE="complete_bash", COMP_WORDS=words, COMP_CWORD=str(cword)
    )
    done = subprocess.run(
        [*seminar_cmd()], capture_output=True, text=True, env=env, cwd=tmp_path, check=False
    )
    assert "Traceback" not in done.stderr
    return done.stdout.split()


def test_agenda_names_complete(tmp_path):
    assert _complete(tmp_path, "seminar start co", 2) == ["co-construisons-demain"]
    assert "team-retrospective" in _complete(tmp_path, "seminar agenda show ", 3)


def test_session_ids_complete_from_the_journal(tmp_path, cli):
    assert cli("start", "team-retrospective", "--no-input", "--speed", "10000").code == 0
    ids = _complete(tmp_path, "seminar export 2", 2)
    assert len(ids) == 1 and "sprint-retrospective" in ids[0]
    assert _complete(tmp_path, "seminar sessions show 2", 3) == ids


def test_no_journal_completes_nothing(tmp_path):
    assert _complete(tmp_path, "seminar resume ", 2) == []


def _session_on_server(url: str) -> None:
    from datetime import datetime

    from seminar_cli.journal.store import Journal

    with Journal.open(url) as journal:
        journal.create_session(
            "2026-11-29-atelier-partage",
            created_at=datetime(2026, 11, 29, 14, 0).astimezone(),
            title="Atelier partagé",
            agenda_name="a",
            agenda_json="{}",
            language="fr",
            rehearsal=False,
        )


def test_session_ids_complete_from_a_postgresql_journal(tmp_path, postgres_url):
    _session_on_server(postgres_url)
    env = subprocess_env(
        tmp_path,
        SEMINAR_DB=postgres_url,
        _SEMINAR_COMPLETE="complete_bash",
        COMP_WORDS="seminar export 2026",
        COMP_CWORD="2",
    )
    done = subprocess.run(
        seminar_cmd(), capture_output=True, text=True, env=env, cwd=tmp_path, check=False
    )
    assert "Traceback" not in done.stderr
    assert done.stdout.split() == ["2026-11-29-atelier-partage"]
    # the URL given with --db on the command line being completed
    words = f"seminar --db {postgres_url} sessions show 2026-11"
    assert _complete(tmp_path, words, 5) == ["2026-11-29-atelier-partage"]


def test_a_server_that_does_not_answer_completes_nothing_at_once(tmp_path):
    """An address that accepts and then says nothing: completion gives up after its short
    timeout, long before the journal's own connection timeout would."""
    import socket
    import time

    from seminar_cli.journal.postgres import CONNECT_TIMEOUT_S

    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)  # the kernel completes the handshake; nobody ever answers
        port = silent.getsockname()[1]
        started = time.monotonic()
        words = f"seminar --db postgresql://seminar@127.0.0.1:{port}/journal export "
        assert _complete(tmp_path, words, 5) == []
        assert time.monotonic() - started < CONNECT_TIMEOUT_S
