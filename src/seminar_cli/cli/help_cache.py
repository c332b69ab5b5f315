"""A cache of the help pages, so that ``seminar --help`` does not wait for Typer.

Importing Typer (with the Click it vendors) and building the command takes most of the
start-up time of a help request.  The pages are rendered BY Typer — the very call ``main``
makes — captured, and stored with a fingerprint of everything that shapes them: this package's
files (size and modification time), the Typer package, the Python version, the language, the
terminal width and the environment variables that could play a part.  A page joins the cache
at its first request; when anything in the fingerprint changes, the pages are rendered again.
Any problem with the cache (unwritable folder, damaged file) just means Typer answers as usual.
``SEMINAR_HELP_CACHE=0`` turns the cache off.

This module is imported on the fast path: it imports nothing heavy at module level.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import sys
import zlib
from collections.abc import Sequence
from typing import Any

FORMAT = 1
HELP_FLAGS = ("--help", "-h")
KEEP = 16  # cache files kept (one per fingerprint: language, width, version of the code…)
# environment variables that can change what Typer/Click print, or what our help strings say
_ENV_PREFIXES = ("SEMINAR_", "TYPER_", "_TYPER", "XDG_", "LC_")
_ENV_NAMES = ("HOME", "LANG", "LANGUAGE", "COLUMNS", "NO_COLOR", "FORCE_COLOR", "TERM")


def enabled() -> bool:
    if os.environ.get("SEMINAR_HELP_CACHE", "1") in ("0", "no", "off", "false"):
        return False
    # shell completion runs the program with this variable: never answer it with help
    return "_SEMINAR_COMPLETE" not in os.environ


def help_path(args: Sequence[str]) -> tuple[str, ...] | None:
    """The command path of a plain help request (``agenda show --help``), else None.

    Only ``[--lang L] WORD… --help|-h`` qualifies; anything else goes to Typer."""
    if not args or args[-1] not in HELP_FLAGS:
        return None
    words: list[str] = []
    rest = list(args[:-1])
    index = 0
    while index < len(rest):
        arg = rest[index]
        if arg == "--lang" and not words and index + 1 < len(rest):
            index += 2
            continue
        if arg.startswith("--lang=") and not words:
            index += 1
            continue
        if arg.startswith("-") or not arg:
            return None
        words.append(arg)
        index += 1
    return tuple(words)


def _columns() -> int:
    """What ``shutil.get_terminal_size().columns`` says (without importing shutil: 10 ms)."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


def _tree_stamp(folder: str, into: list[str]) -> None:
    stack = [folder]
    while stack:
        current = stack.pop()
        try:
            entries = sorted(os.scandir(current), key=lambda entry: entry.name)
        except OSError:
            into.append(f"{current}:?")
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                if entry.name != "__pycache__":
                    stack.append(entry.path)
            elif not entry.name.endswith((".pyc", ".tmp")):
                try:
                    stat = entry.stat()
                except OSError:
                    continue
                into.append(f"{entry.path}:{stat.st_size}:{stat.st_mtime_ns}")


def fingerprint(language: str) -> str:
    from seminar_cli import __version__

    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parts = [
        f"format={FORMAT}",
        f"version={__version__}",
        f"python={sys.version}",
        f"executable={sys.executable}",
        f"language={language}",
        f"columns={_columns()}",
    ]
    parts += sorted(
        f"env:{name}={value}"
        for name, value in os.environ.items()
        if name.startswith(_ENV_PREFIXES) or name in _ENV_NAMES
    )
    _tree_stamp(package, parts)
    repo_agendas = os.path.join(os.path.dirname(os.path.dirname(package)), "agendas")
    if os.path.isdir(repo_agendas):  # an editable install reads the bundled agendas there
        _tree_stamp(repo_agendas, parts)
    return "\n".join(parts)


def _cache_file(stamp: str) -> str:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "seminar", f"help-{zlib.crc32(stamp.encode()):08x}.bin")


def _typer_stamp(entry: str) -> str:
    try:
        stat = os.stat(entry)
    except OSError:
        return f"{entry}:?"
    return f"{entry}:{stat.st_size}:{stat.st_mtime_ns}"


def _read(path: str, stamp: str) -> dict[str, str] | None:
    try:
        with open(path, "rb") as handle:
            data = marshal.load(handle)
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if not isinstance(data, dict) or data.get("stamp") != stamp:
        return None
    typer_entry = data.get("typer")
    if not isinstance(typer_entry, str) or data.get("typer_stamp") != _typer_stamp(typer_entry):
        return None  # Typer was upgraded (or moved) since
    pages = data.get("pages")
    if not isinstance(pages, dict):
        return None
    return pages


def _render(command: Any, path: tuple[str, ...]) -> str | None:
    """``seminar PATH… --help`` as Typer prints it, or None when Typer refuses the path."""
    import io

    import typer
    from typer._click.exceptions import ClickException

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        try:
            code = command.main(args=[*path, "--help"], prog_name="seminar", standalone_mode=False)
        except typer.Exit as stop:
            code = stop.exit_code
        except ClickException:  # an unknown command: Typer will say so, as usual
            return None
    return out.getvalue() if code in (0, None) else None


def render_pages() -> dict[str, str]:
    """Every help page, exactly as ``seminar [WORDS…] --help`` prints it, by command path."""
    from seminar_cli.cli.app import build_command

    command = build_command()
    pages: dict[str, str] = {}
    todo: list[tuple[str, ...]] = [()]
    while todo:
        path = todo.pop(0)
        node = command
        for word in path:
            node = node.commands[word]  # type: ignore[attr-defined]
        page = _render(command, path)
        if page is not None:
            pages[" ".join(path)] = page
        todo += [(*path, name) for name in getattr(node, "commands", {})]
    return pages


def _write(path: str, stamp: str, pages: dict[str, str]) -> None:
    import tempfile

    import typer

    data = {
        "stamp": stamp,
        "typer": typer.__file__,
        "typer_stamp": _typer_stamp(str(typer.__file__)),
        "pages": pages,
    }
    folder = os.path.dirname(path)
    os.makedirs(folder, mode=0o700, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".help-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            marshal.dump(data, handle)
        os.replace(tmp, path)  # readers see the old file or the new one, never half of one
    except BaseException:
        os.unlink(tmp)
        raise
    _prune(folder)


def _prune(folder: str) -> None:
    """Forget the oldest pages (old versions of the code, other widths) beyond KEEP files."""
    files = []
    for entry in os.scandir(folder):
        if entry.name.startswith("help-") and entry.name.endswith(".bin"):
            with contextlib.suppress(OSError):
                files.append((entry.stat().st_mtime_ns, entry.path))
    for _, stale in sorted(files, reverse=True)[KEEP:]:
        with contextlib.suppress(OSError):
            os.unlink(stale)


def cached_page(path: tuple[str, ...], language: str) -> str | None:
    """The help page of ``path`` from the cache, rendered and added to it at its first request
    (the first help request after an install costs what Typer's own answer does, not every
    page); None when the page is unknown (Typer then answers, with its error)."""
    stamp = fingerprint(language)
    file = _cache_file(stamp)
    pages = _read(file, stamp) or {}
    key = " ".join(path)
    if key not in pages:
        from seminar_cli.cli.app import build_command

        page = _render(build_command(), path)
        if page is None:
            return None
        pages[key] = page
        with contextlib.suppress(OSError):  # a read-only home: help works, without the cache
            _write(file, stamp, pages)
    return pages[key]
