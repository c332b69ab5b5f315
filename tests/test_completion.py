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
