"""Entry point: the one place where errors become messages and exit codes.

``--version`` is answered before anything heavy is imported; the Typer application is built
only after the interface language is known, so that ``--help`` speaks it.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys

from seminar_cli import __version__

# `seminar --version` must not wait for `typing` (a few ms): the names below serve annotations
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence

    from seminar_cli.cli.context import AppContext


def _lang_from_argv(argv: Sequence[str]) -> str | None:
    for index, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def main(argv: Sequence[str] | None = None, *, context: AppContext | None = None) -> int:
    """Run ``seminar ARGV``; ``context`` gives the commands what a caller sets for them (the
    clock of the sessions they run), the global options fill the rest."""
    try:
        return _main(argv, context)
    except KeyboardInterrupt:  # Ctrl-C before the command's own handler below was reached
        from seminar_cli import i18n

        _say(i18n.t("common.interrupted"))
        return 130
    except BrokenPipeError:  # the reader went away while the help page was written
        _quiet_stdout()
        return 0


def _main(argv: Sequence[str] | None, context: AppContext | None) -> int:
    _tolerant_output()
    _sane_terminal_size()
    args = list(sys.argv[1:] if argv is None else argv)
    if args in (["--version"], ["-V"]):
        sys.stdout.write(f"seminar {__version__}\n")
        return 0

    from seminar_cli import i18n

    language = i18n.init_language(_lang_from_argv(args))
    # only a real process uses the help cache: a caller passing argv (tests, embedding)
    # always gets Typer itself
    if argv is None and args and args[-1] in ("--help", "-h"):
        page = _cached_help(args, language)
        if page is not None:
            return _print_help(page)

    import typer
    from typer.exceptions import TyperException

    from seminar_cli.errors import ExitCode, SeminarError

    try:
        from seminar_cli.cli.app import build_command, hoist_global_options

        command = build_command()
        args = hoist_global_options(command, args)
        result = command.main(args=args, prog_name="seminar", standalone_mode=False, obj=context)
        return int(result) if isinstance(result, int) else 0
    except SeminarError as error:
        _say(error.message())
        return int(error.exit_code)
    except typer.Exit as stop:
        return int(stop.exit_code)
    except typer.Abort:
        _say(i18n.t("common.interrupted"))
        return int(ExitCode.INTERRUPTED)
    except TyperException as error:  # usage errors from argument parsing
        from seminar_cli.cli.click_words import usage_error_text

        _say(usage_error_text(error))
        return int(error.exit_code)
    except KeyboardInterrupt:
        _say(i18n.t("common.interrupted"))
        return int(ExitCode.INTERRUPTED)
    except BrokenPipeError:
        # the reader went away (`seminar export - | head`): not an error worth a traceback
        _quiet_stdout()
        return 0
    except Exception as error:  # a bug: say so plainly; SEMINAR_DEBUG=1 shows the traceback
        if os.environ.get("SEMINAR_DEBUG"):
            raise
        detail = str(error).splitlines()[0][:200] if str(error) else ""
        _say(i18n.t("common.unexpected", kind=type(error).__name__, detail=detail))
        return int(ExitCode.ERROR)


def _cached_help(args: list[str], language: str) -> str | None:
    """The help page Typer printed last time for the same request, when nothing changed since
    (see cli/help_cache.py); None lets Typer answer."""
    from seminar_cli.cli import help_cache

    path = help_cache.help_path(args)
    if path is None or not help_cache.enabled():
        return None
    try:
        return help_cache.cached_page(path, language)
    except Exception:  # the cache is only a shortcut: on any trouble, Typer answers as usual
        return None


def _print_help(page: str) -> int:
    try:
        sys.stdout.write(page)
        sys.stdout.flush()
    except BrokenPipeError:  # `seminar --help | head`
        _quiet_stdout()
    return 0


def _quiet_stdout() -> None:
    """Point stdout at /dev/null, so that the flush at exit finds no closed pipe either."""
    with contextlib.suppress(AttributeError, ValueError, OSError):  # no stdout at all
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def _tolerant_output() -> None:
    """A terminal that cannot show « » or — (``PYTHONIOENCODING=latin-1``, an ASCII locale)
    gets ``?`` in their place rather than a traceback; so does text that cannot be encoded."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper) and stream.errors == "strict":
            with contextlib.suppress(AttributeError, ValueError, OSError):  # closed, or odd
                stream.reconfigure(errors="replace")


# below these, tables and the live screen have no room to say anything (COLUMNS=0 printed
# nothing at all): zero or not a number counts as unset, a smaller value as this minimum
_MIN_SIZE = {"COLUMNS": 40, "LINES": 10}


def _sane_terminal_size() -> None:
    for name, least in _MIN_SIZE.items():
        value = os.environ.get(name)
        if value is None:
            continue
        try:
            number = int(value)
        except ValueError:
            number = 0
        if number <= 0:  # Rich and Click then ask the terminal, or take 80×25
            del os.environ[name]
        elif number < least:
            os.environ[name] = str(least)


def _say(message: str) -> None:
    sys.stderr.write(message.rstrip("\n") + "\n")
    sys.stderr.flush()


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
