"""Shared fixtures: every test gets its own journal and user folders, and a CLI runner."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from seminar_cli import i18n
from seminar_cli.cli.context import AppContext, ClockFactory
from seminar_cli.main import main

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

REPO = Path(__file__).resolve().parent.parent
AGENDAS = REPO / "agendas"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--runslow", action="store_true", help="run the longer torture variants")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--runslow"):
        return
    skip = pytest.mark.skip(reason="longer variant: use --runslow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point the journal and user folders at tmp_path; French unless a test says otherwise."""
    monkeypatch.setenv("SEMINAR_DB", str(tmp_path / "journal.sqlite3"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("COLUMNS", "160")
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.delenv("LANGUAGE", raising=False)
    monkeypatch.delenv("SEMINAR_LANG", raising=False)
    monkeypatch.chdir(tmp_path)
    i18n.init_language(None)
    yield tmp_path
    i18n.init_language(None)


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def app_clock() -> ClockFactory | None:
    """The clock of the sessions the ``cli`` fixture runs: None is the wall clock; a test module
    that rehearses at full speed overrides this fixture with ``InstantClock``."""
    return None


@pytest.fixture
def cli(
    capsys: pytest.CaptureFixture[str], app_clock: ClockFactory | None
) -> Callable[..., Result]:
    """Run ``seminar ARGS`` in-process, as the console script does; returns code, stdout, stderr."""

    def run(*args: str) -> Result:
        capsys.readouterr()
        code = main(list(args), context=AppContext(clock=app_clock))
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


@pytest.fixture(autouse=True)
def close_helper_journals() -> Iterator[None]:
    """The journals tests.session_helpers.journal() opened are closed when the test ends."""
    yield
    helpers = sys.modules.get("tests.session_helpers")
    if helpers is not None:
        helpers.close_opened_journals()


def seminar_cmd() -> list[str]:
    """The command line that runs the installed tool in a subprocess."""
    return [sys.executable, "-m", "seminar_cli"]


def subprocess_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        SEMINAR_DB=str(tmp_path / "journal.sqlite3"),
        XDG_DATA_HOME=str(tmp_path / "data"),
        COLUMNS="160",
        PROMPT_TOOLKIT_NO_CPR="1",
        TERM="xterm-256color",
    )
    env.update(extra)
    return env


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    """One headless Chromium per test module (see tests/browser.py); skips without one."""
    from tests.browser import launched_chromium

    with launched_chromium() as browser:
        yield browser


@pytest.fixture
def phone_page(chromium: Browser) -> Iterator[Page]:
    """A fresh phone (390×844, touch, its own cookies) in the module's Chromium, French."""
    from tests.browser import phone_context

    context = phone_context(chromium)
    try:
        yield context.new_page()
    finally:
        context.close()


def require(available: bool, reason: str) -> None:
    """A test that needs a program or a right this machine may lack: it skips, saying why, on a
    developer's machine, and fails in CI (``CI=true``), where ``.ci/run`` installs it."""
    if available:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI must run this test: {reason}")
    pytest.skip(reason)


# -- a real PostgreSQL server for the journal's tests on both backends ------------------------
@dataclass
class PostgresServer:
    """One server for the whole test run (pgserver: PostgreSQL's binaries from PyPI, started
    in a temporary folder, no root and no apt needed); each test gets a fresh database."""

    admin_url: str  # the server's ``postgres`` database, to create the tests' ones
    data_dir: Path
    count: int = 0

    def fresh_database(self) -> str:
        import psycopg

        self.count += 1
        # unique across xdist workers sharing nothing: each worker starts its own server
        name = f"journal_{os.getpid()}_{self.count}"
        with psycopg.connect(self.admin_url, autocommit=True) as admin:
            admin.execute(f"CREATE DATABASE {name}")
        return self.admin_url.replace("/postgres?", f"/{name}?", 1)

    def password_role(self, role: str, password: str) -> None:
        """A role that must give its password (the server trusts everyone else): its line
        goes first in pg_hba.conf, which PostgreSQL reads top down."""
        import psycopg

        hba = self.data_dir / "pg_hba.conf"
        line = f"local all {role} scram-sha-256\n"
        if line not in hba.read_text():
            hba.write_text(line + hba.read_text())
        with psycopg.connect(self.admin_url, autocommit=True) as admin:
            exists = admin.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,))
            if exists.fetchone() is None:
                admin.execute(f"CREATE ROLE {role} LOGIN PASSWORD '{password}'")
            admin.execute("SELECT pg_reload_conf()")
        # the server reloads its rules after the signal, not within the call: wait until it
        # asks this role for its password (bounded)
        probe = self.admin_url.replace("postgres:@", f"{role}:not-{password}@", 1)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                psycopg.connect(probe).close()
            except psycopg.OperationalError:
                return
            with psycopg.connect(self.admin_url, autocommit=True) as admin:
                admin.execute("SELECT pg_reload_conf()")  # a signal lost under load: again
            time.sleep(0.05)
        with psycopg.connect(self.admin_url, autocommit=True) as admin:
            rules = admin.execute(
                "SELECT line_number, type, user_name, auth_method, error FROM pg_hba_file_rules"
            ).fetchall()
        raise AssertionError(f"the server never asked for the password: {rules}")


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer | None]:
    try:
        import pgserver
        import psycopg  # noqa: F401
    except ImportError:
        yield None
        return
    # Not under pytest's basetemp: every pytest run on the machine sets ``pytest-of-<user>``
    # back to 0700, after which the server (its own ``pgserver`` user, when run as root) can no
    # longer read its own pg_hba.conf by its absolute path.
    base = Path(tempfile.mkdtemp(prefix="seminar-pg-"))
    base.chmod(0o755)
    folder = base / "data"
    with pytest.MonkeyPatch.context() as env:
        # initdb refuses a locale the machine lacks (the tests' LANG is fr_FR.UTF-8)
        env.setenv("LANG", "C.UTF-8")
        for name in ("LC_ALL", "LC_CTYPE", "LC_MESSAGES"):
            env.delenv(name, raising=False)
        server = pgserver.get_server(folder, cleanup_mode="stop")
    try:
        yield PostgresServer(server.get_uri(), Path(folder))
    finally:
        server.cleanup()
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def postgres_url(postgres_server: PostgresServer | None) -> str:
    """A fresh, empty PostgreSQL database's URL (skipped where pgserver or psycopg is missing,
    a failure in CI)."""
    require(postgres_server is not None, "pgserver and psycopg are not installed")
    assert postgres_server is not None
    return postgres_server.fresh_database()


@pytest.fixture(params=["sqlite", "postgresql"])
def journal_location(request: pytest.FixtureRequest, tmp_path: Path) -> str | Path:
    """Where a journal test opens its journal: an SQLite file, then a PostgreSQL database."""
    if request.param == "sqlite":
        return tmp_path / "journal.sqlite3"
    url: str = request.getfixturevalue("postgres_url")
    return url
