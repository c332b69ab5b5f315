"""What a command loads: only its own module and what it needs, and its help in the language of
the call, also when an earlier call in the same process spoke another."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from seminar_cli.cli import app as cli_app
from seminar_cli.i18n import catalog
from tests.conftest import subprocess_env

HELP_PATHS = [
    [name, *sub]
    for name in cli_app.COMMANDS
    for sub in ([[]] if name not in ("sessions", "agenda") else [[], ["list"], ["show"]])
]


def _french_only_sentences() -> list[str]:
    """The beginning of every French sentence of the catalogue that English says otherwise."""
    found = []
    for french, english in catalog().values():
        head = french.split("{")[0].strip()
        if len(head) >= 12 and head not in english:
            found.append(head)
    return found


@pytest.mark.parametrize("path", [["--help"], *[[*p, "--help"] for p in HELP_PATHS]], ids=" ".join)
def test_english_help_after_a_french_call_in_the_same_process(cli, path):
    french = cli("--lang", "fr", *path)
    english = cli("--lang", "en", *path)
    assert french.code == english.code == 0
    assert "Utilisation" in french.out and "Usage:" in english.out
    assert french.out != english.out
    left = [s for s in _french_only_sentences() if s in english.out]
    assert not left, f"French in the English help of {' '.join(path)}: {left}"
    assert "Utilisation" not in english.out and "défaut" not in english.out


def test_start_help_options_follow_the_language_of_each_call(cli):
    # --no-input, --answers, --speed and the session argument are module-level aliases
    assert "Ne rien demander" in cli("--lang", "fr", "start", "--help").out
    english = cli("--lang", "en", "start", "--help").out
    assert "Never prompt" in english and "Rehearsal: the session clock" in english
    assert "Ne rien demander" in cli("--lang", "fr", "resume", "--help").out


def _loaded_after(tmp_path, *args: str) -> dict[str, list[str]]:
    """The packages and command modules a fresh process has imported after ``seminar ARGS``."""
    script = (
        "import json, sys\n"
        "from seminar_cli.main import main\n"
        "code = main(sys.argv[1:])\n"
        "names = sorted(sys.modules)\n"
        "print(json.dumps({'code': code, 'packages': sorted({n.split('.')[0] for n in names}),"
        " 'commands': [n for n in names if n.startswith('seminar_cli.cli.cmd_')]}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True,
        text=True,
        env=subprocess_env(tmp_path),
        cwd=tmp_path,
        timeout=60,
        check=False,
    )
    assert "Traceback" not in done.stderr, done.stderr
    return json.loads(done.stdout.splitlines()[-1])  # type: ignore[no-any-return]


def test_root_help_imports_no_command_module_nor_heavy_library(tmp_path):
    loaded = _loaded_after(tmp_path, "--help")
    assert loaded["code"] == 0
    assert loaded["commands"] == []
    assert not {"rich", "pydantic", "yaml", "jinja2", "docx"} & set(loaded["packages"])


def test_a_note_loads_its_command_module_and_neither_rich_nor_yaml_nor_jinja2(tmp_path, cli):
    assert cli("start", "team-retrospective", "--no-input", "--speed", "10000").code == 0
    loaded = _loaded_after(tmp_path, "note", "Salle réservée")
    assert loaded["code"] == 0
    assert loaded["commands"] == ["seminar_cli.cli.cmd_secretary"]
    assert not {"rich", "yaml", "jinja2", "docx", "questionary"} & set(loaded["packages"])


def test_sessions_list_without_a_journal_needs_no_pydantic(tmp_path):
    loaded = _loaded_after(tmp_path, "sessions", "list")
    assert loaded["code"] == 0
    assert loaded["commands"] == ["seminar_cli.cli.cmd_sessions"]
    # Typer 0.29's parameter adapters brought pydantic into every command
    assert not {"pydantic", "yaml", "jinja2"} & set(loaded["packages"])


def test_the_root_listing_says_what_each_command_says_of_itself():
    """The root's help lists commands from the catalogue without importing them: it must agree
    with the commands themselves, in both languages."""
    import typer

    from seminar_cli import i18n

    for language in ("fr", "en"):
        i18n.init_language(language)
        root = cli_app.build_command()
        ctx = typer.Context(root)
        for name in cli_app.COMMANDS:
            real = root.get_command(ctx, name)  # type: ignore[attr-defined]
            assert real is not None
            assert real.help == i18n.t(f"help.{name}"), name


def test_module_level_help_aliases_are_said_again_in_each_language():
    """An ``Annotated`` alias at module level is built once: its help must be ``keyed`` so
    that the application says it again in the language of each call."""
    import importlib
    from typing import Annotated, get_origin

    from typer.models import ParameterInfo

    from seminar_cli.i18n import Keyed

    modules = sorted(set(cli_app.COMMANDS.values()))
    aliases = 0
    for name in modules:
        module = importlib.import_module(f"seminar_cli.cli.cmd_{name}")
        for value in vars(module).values():
            if get_origin(value) is not Annotated:
                continue
            for info in value.__metadata__:
                if isinstance(info, ParameterInfo) and info.help is not None:
                    aliases += 1
                    assert isinstance(info.help, Keyed), f"cmd_{name}: {info.help!r}"
    assert aliases >= 5  # start/resume/join, note/decision/action, sessions have some


def test_every_command_a_module_registers_is_in_the_table():
    """A command reaches the user only through cli/app.py's COMMANDS: a module or a command
    added without its line there would be unreachable."""
    from pathlib import Path

    folder = Path(cli_app.__file__).parent
    modules = {path.stem.removeprefix("cmd_") for path in folder.glob("cmd_*.py")}
    assert modules == set(cli_app.COMMANDS.values())
    for module in sorted(modules):
        for name in cli_app.module_commands(module):
            assert cli_app.COMMANDS.get(name) == module, f"{name} (cmd_{module}.py)"
