"""The two first things a newcomer types."""

from __future__ import annotations

import subprocess

from seminar_cli import __version__
from tests.conftest import seminar_cmd


def test_version_is_printed_by_the_console_entry(tmp_path):
    done = subprocess.run(
        [*seminar_cmd(), "--version"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0
    assert done.stdout == f"seminar {__version__}\n"


def test_help_lists_the_command_groups_in_french(cli):
    result = cli("--help")
    assert result.code == 0
    assert "Utilisation : seminar" in result.out
    assert "Afficher cette aide et quitter." in result.out
    for command in ("agenda", "start", "resume", "join"):
        assert command in result.out
    assert "Exemples" in result.out


def test_help_in_english_with_lang(cli):
    result = cli("--lang", "en", "--help")
    assert result.code == 0
    assert "Examples:" in result.out
    assert "run a seminar from the terminal" in result.out


def test_an_unexpected_error_is_a_message_not_a_traceback(cli, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("the disk controller is on fire\nsecond line")

    monkeypatch.setattr("seminar_cli.agenda.loader.load_agenda", broken)
    result = cli("agenda", "show")
    assert result.code == 1
    assert "Erreur inattendue (RuntimeError : the disk controller is on fire)" in result.err
    assert "SEMINAR_DEBUG=1" in result.err
    assert "Traceback" not in result.err
