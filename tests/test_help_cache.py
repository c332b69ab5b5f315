"""The help cache: `seminar … --help` prints exactly what Typer prints, in both languages,
and is rebuilt whenever anything that shapes the pages changes."""

from __future__ import annotations

import marshal
import os
import subprocess
from pathlib import Path

import pytest

from seminar_cli import i18n
from seminar_cli import main as entry
from seminar_cli.cli import help_cache
from tests.conftest import seminar_cmd, subprocess_env


@pytest.fixture
def cache_home(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    monkeypatch.delenv("SEMINAR_HELP_CACHE", raising=False)
    return folder


def fast(*args: str) -> str | None:
    """What the entry point of a real process prints from the cache (None: Typer answers)."""
    language = i18n.init_language(entry._lang_from_argv(list(args)))
    return entry._cached_help(list(args), language)


def typer_says(cli, *args: str):
    """In-process calls (argv given) never use the cache: this is Typer itself."""
    return cli(*args)


def cache_files(folder: Path) -> list[Path]:
    return sorted((folder / "seminar").glob("help-*.bin"))


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_cached_page_is_what_typer_prints(cli, cache_home, lang):
    i18n.init_language(lang)
    paths = [page.split() for page in help_cache.render_pages()]
    assert [] in paths and ["agenda", "show"] in paths
    for path in paths:
        for flag in ("--help", "-h"):
            expected = typer_says(cli, "--lang", lang, *path, flag)
            usage = "Utilisation : seminar" if lang == "fr" else "Usage: seminar"
            assert expected.code == 0 and expected.out.startswith(usage)
            assert expected.err == ""
            for _ in range(2):  # the first call fills the cache, the second reads it
                assert fast("--lang", lang, *path, flag) == expected.out
    assert len(cache_files(cache_home)) == 1


def test_the_language_from_the_environment_has_its_own_pages(cli, monkeypatch, cache_home):
    french = fast("--help")
    monkeypatch.setenv("SEMINAR_LANG", "en")
    english = fast("--help")
    assert french is not None and "Exemples" in french
    assert english is not None and "Examples:" in english
    assert english == typer_says(cli, "--help").out
    assert len(cache_files(cache_home)) == 2


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_real_processes_print_the_same_help(tmp_path, lang):
    def run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*seminar_cmd(), "--lang", lang, *args],
            capture_output=True,
            text=True,
            env=subprocess_env(tmp_path, XDG_CACHE_HOME=str(tmp_path / "cache"), **env),
            timeout=60,
            check=False,
        )

    for path in ([], ["agenda"], ["agenda", "validate"]):
        typer = run(*path, "--help", SEMINAR_HELP_CACHE="0")
        cold = run(*path, "--help")
        warm = run(*path, "--help")
        assert typer.returncode == cold.returncode == warm.returncode == 0
        assert typer.stdout == cold.stdout == warm.stdout
        assert typer.stderr == cold.stderr == warm.stderr == ""


def test_the_cache_really_answers(cache_home):
    fast("--help")
    [file] = cache_files(cache_home)
    data = marshal.loads(file.read_bytes())
    data["pages"]["agenda"] = "page from the cache\n"
    file.write_bytes(marshal.dumps(data))
    assert fast("agenda", "--help") == "page from the cache\n"


def test_a_damaged_cache_is_rebuilt(cli, cache_home):
    fast("--help")
    [file] = cache_files(cache_home)
    file.write_bytes(b"\x00garbage")
    page = fast("--help")
    assert page == typer_says(cli, "--help").out
    assert marshal.loads(file.read_bytes())["pages"][""] == page


def test_an_unwritable_cache_folder_changes_nothing(cli, monkeypatch, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert fast("--help") == typer_says(cli, "--help").out


def test_a_different_width_or_environment_gets_other_pages(cli, monkeypatch, cache_home):
    monkeypatch.setenv("COLUMNS", "60")
    narrow = fast("agenda", "show", "--help")
    assert narrow == typer_says(cli, "agenda", "show", "--help").out
    monkeypatch.setenv("COLUMNS", "120")
    wide = fast("agenda", "show", "--help")
    assert narrow != wide
    assert wide == typer_says(cli, "agenda", "show", "--help").out
    monkeypatch.setenv("SEMINAR_DB", "/elsewhere/journal.sqlite3")
    fast("agenda", "show", "--help")
    assert len(cache_files(cache_home)) == 3


def test_old_cache_files_are_pruned(monkeypatch, cache_home):
    for columns in range(60, 60 + help_cache.KEEP + 4):
        monkeypatch.setenv("COLUMNS", str(columns))
        fast("--help")
    assert len(cache_files(cache_home)) == help_cache.KEEP


def test_a_changed_file_changes_the_fingerprint(tmp_path):
    folder = tmp_path / "pkg"
    folder.mkdir()
    module = folder / "cmd_x.py"
    module.write_text("HELP = 'a'\n")
    before: list[str] = []
    help_cache._tree_stamp(str(folder), before)
    module.write_text("HELP = 'ab'\n")
    after: list[str] = []
    help_cache._tree_stamp(str(folder), after)
    assert before != after
    (folder / "cmd_new.py").write_text("")
    again: list[str] = []
    help_cache._tree_stamp(str(folder), again)
    assert len(again) == len(after) + 1


def test_the_fingerprint_covers_the_package_files():
    stamp = help_cache.fingerprint("fr")
    package = Path(help_cache.__file__).resolve().parent.parent
    for name in ("main.py", "cli/app.py", "cli/cmd_agenda.py", "i18n/catalog_common.py"):
        assert f"{package / name}:" in stamp
    assert "language=fr" in stamp


def test_unknown_commands_still_get_typer_s_error(tmp_path):
    assert fast("nope", "--help") is None  # not a page of the cache: Typer answers
    done = subprocess.run(
        [*seminar_cmd(), "nope", "--help"],
        capture_output=True,
        text=True,
        env=subprocess_env(tmp_path, XDG_CACHE_HOME=str(tmp_path / "cache")),
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert "Commande inconnue : 'nope'" in done.stderr  # Click's words in French too


def test_in_process_calls_never_use_the_cache(cli, cache_home):
    assert cli("--help").code == 0
    assert cache_files(cache_home) == []


@pytest.mark.parametrize(
    ("args", "path"),
    [
        (["--help"], ()),
        (["-h"], ()),
        (["agenda", "--help"], ("agenda",)),
        (["--lang", "en", "agenda", "show", "-h"], ("agenda", "show")),
        (["--lang=en", "--help"], ()),
        (["agenda"], None),
        (["--db", "x.sqlite3", "--help"], None),  # other options: Typer answers
        (["agenda", "--at", "10:00", "--help"], None),
        (["agenda", "--lang", "en", "--help"], None),
        ([], None),
    ],
)
def test_which_requests_the_cache_answers(args, path):
    assert help_cache.help_path(args) == path


def test_shell_completion_is_never_answered_from_the_cache(monkeypatch):
    assert help_cache.enabled()
    monkeypatch.setenv("_SEMINAR_COMPLETE", "bash_complete")
    assert not help_cache.enabled()
    monkeypatch.delenv("_SEMINAR_COMPLETE")
    monkeypatch.setenv("SEMINAR_HELP_CACHE", "0")
    assert not help_cache.enabled()


def test_the_cache_folder_is_private(cache_home):
    fast("--help")
    assert (os.stat(cache_home / "seminar").st_mode & 0o077) == 0


def test_in_a_terminal_the_width_is_the_terminal_s(tmp_path):
    import pexpect

    def screen(**env: str) -> str:
        command = seminar_cmd()
        environment = subprocess_env(tmp_path, XDG_CACHE_HOME=str(tmp_path / "cache"), **env)
        environment.pop("COLUMNS", None)
        child = pexpect.spawn(
            command[0],
            [*command[1:], "agenda", "show", "--help"],
            env=environment,
            dimensions=(30, 64),
            encoding="utf-8",
            timeout=60,
        )
        child.expect(pexpect.EOF)
        child.close()
        assert child.exitstatus == 0
        return child.before or ""

    typer = screen(SEMINAR_HELP_CACHE="0")
    assert max(len(line) for line in typer.splitlines()) <= 64
    assert screen() == typer
    assert screen() == typer


HEAVY = ("typer", "pydantic", "questionary", "prompt_toolkit", "rich", "docx", "jinja2", "yaml")
PROBE = """
import contextlib, io, sys
from seminar_cli.main import main
sys.argv = ["seminar", *sys.argv[1:]]
with contextlib.redirect_stdout(io.StringIO()):
    code = main()
heavy = {name.split(".")[0] for name in sys.modules} & set(HEAVY)
print(code, " ".join(sorted(heavy)))
""".replace("HEAVY", repr(HEAVY))


def imported(tmp_path, *args: str, **env: str) -> str:
    done = subprocess.run(
        [seminar_cmd()[0], "-c", PROBE, *args],
        capture_output=True,
        text=True,
        env=subprocess_env(tmp_path, XDG_CACHE_HOME=str(tmp_path / "cache"), **env),
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_version_and_help_import_nothing_heavy(tmp_path):
    assert imported(tmp_path, "--version") == "0"
    imported(tmp_path, "--help")  # each page is added to the cache at its first request
    imported(tmp_path, "agenda", "show", "--help")
    assert imported(tmp_path, "--help") == "0"
    assert imported(tmp_path, "agenda", "show", "--help") == "0"
    # without the cache, Typer answers, still without pydantic models, questionary or exporters
    assert imported(tmp_path, "--help", SEMINAR_HELP_CACHE="0") == "0 typer"


def test_a_page_joins_the_cache_at_its_first_request(cli, cache_home):
    """The first help request after an install renders that page only, not every page."""
    assert fast("note", "--help") == typer_says(cli, "note", "--help").out
    [file] = cache_files(cache_home)
    assert list(marshal.loads(file.read_bytes())["pages"]) == ["note"]
    assert fast("--help") == typer_says(cli, "--help").out
    assert sorted(marshal.loads(file.read_bytes())["pages"]) == ["", "note"]
    assert fast("nope", "--help") is None  # Typer answers, with its error
    assert sorted(marshal.loads(file.read_bytes())["pages"]) == ["", "note"]
