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


def test_global_options_are_taken_after_the_command_too(cli, tmp_path):
    """`seminar start … --lang en` as people type it (Click wanted it before the command)."""
    english = cli("agenda", "list", "--lang", "en")
    assert english.code == 0, english.err
    assert "Available agendas" in english.out
    other = tmp_path / "autre.sqlite3"
    done = cli("start", "team-retrospective", "--no-input", "--speed", "1000", "--db", str(other))
    assert done.code == 0, done.err
    assert other.exists() and not (tmp_path / "journal.sqlite3").exists()
    # after `--`, and as the value of the command's own option, it is text
    noted = cli("note", "--db", str(other), "--", "--lang", "en")
    assert noted.code == 0, noted.err
    owned = cli("action", "Relire", "--owner", "--db", "--db", str(other))
    assert owned.code == 0, owned.err
    from seminar_cli.journal.store import Journal

    with Journal.open(other) as journal:
        events = journal.events(journal.sessions()[0].id)
    texts = [(e.type, e.payload.get("text"), e.payload.get("owner")) for e in events]
    assert ("note", "--lang en", None) in texts
    assert ("action", "Relire", "--db") in texts


def test_clicks_usage_errors_speak_the_interfaces_language(tmp_path):
    """Click writes its usage errors in English: a French interface says them in French."""
    cases = [
        (["agenda", "validate", "--foo"], "Erreur : Option inconnue : --foo"),
        (["export", "--format"], "Erreur : L'option « --format » attend une valeur."),
        (["note"], "Erreur : Argument manquant : « TEXT »."),
        (["agenda", "list", "extra"], "Erreur : Argument(s) en trop : extra"),
        (
            ["export", "--formt", "md"],
            "Erreur : Option inconnue : --formt (options possibles : --force, --format)",
        ),
    ]
    for args, said in cases:
        for lang, expected in (("fr", said), ("en", None)):
            done = subprocess.run(
                [*seminar_cmd(), "--lang", lang, *args],
                capture_output=True,
                text=True,
                timeout=60,
                cwd=tmp_path,
            )
            assert done.returncode == 2, done.stderr
            assert "Traceback" not in done.stderr
            if expected:
                assert expected in done.stderr
            else:  # English stays Click's own words
                assert done.stderr.strip().splitlines()[-1].startswith("Error: ")
                assert "Erreur" not in done.stderr
