"""The Typer application, assembled from one module per command group."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Annotated, Any

import typer

from seminar_cli import __version__
from seminar_cli.cli.context import AppContext
from seminar_cli.i18n import t

# each module exposes ``register(app)``; the order is the order of ``--help``
COMMAND_MODULES = ("run", "secretary", "attendance", "export", "sessions", "agenda")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"seminar {__version__}")
        raise typer.Exit()


def build_app() -> typer.Typer:
    from seminar_cli.cli import click_words

    click_words.install()
    app = typer.Typer(
        name="seminar",
        help=t("help.app"),
        epilog=t("help.app.epilog"),
        rich_markup_mode=None,
        pretty_exceptions_enable=False,
        no_args_is_help=True,
        add_completion=True,
        context_settings={"help_option_names": ["-h", "--help"]},
    )

    @app.callback()
    def root(
        ctx: typer.Context,
        db: Annotated[
            Path | None,
            typer.Option("--db", envvar="SEMINAR_DB", help=t("help.opt.db"), show_default=False),
        ] = None,
        lang: Annotated[
            str | None,
            typer.Option("--lang", envvar="SEMINAR_LANG", help=t("help.opt.lang"), metavar="fr|en"),
        ] = None,
        version: Annotated[
            bool,
            typer.Option(
                "--version", "-V", callback=_version, is_eager=True, help=t("help.opt.version")
            ),
        ] = False,
    ) -> None:
        from seminar_cli.errors import UsageError
        from seminar_cli.i18n import normalise_language

        if lang is not None and normalise_language(lang) is None:
            raise UsageError("common.bad_lang", value=lang)
        ctx.obj = AppContext(db_path=db)

    for name in COMMAND_MODULES:
        importlib.import_module(f"seminar_cli.cli.cmd_{name}").register(app)
    return app


GLOBAL_OPTIONS = ("--db", "--lang")  # the root's options that take a value


def hoist_global_options(app: typer.Typer, args: list[str]) -> list[str]:
    """``args`` with the global options written after the command (``seminar start x --lang
    en``, as people type them) moved before it, where Click looks for them.  The command's own
    options that take a value keep theirs (``--owner --db`` leaves ``--db`` to ``--owner``),
    and nothing after ``--`` moves."""
    import typer.main

    command: Any = typer.main.get_command(app)
    index = 0
    # the root's own options, then the command path (``agenda show``)
    while index < len(args) and args[index].startswith("-"):
        index += 2 if args[index] in GLOBAL_OPTIONS else 1
    head = args[:index]
    path: list[str] = []
    while index < len(args) and args[index] in getattr(command, "commands", {}):
        command = command.commands[args[index]]
        path.append(args[index])
        index += 1
    if not path:
        return args
    takes_value = {
        name
        for param in command.params
        if param.param_type_name == "option" and not getattr(param, "is_flag", False)
        for name in param.opts
    }
    hoisted: list[str] = []
    rest: list[str] = []
    while index < len(args):
        arg = args[index]
        if arg == "--":
            rest += args[index:]
            break
        if arg in GLOBAL_OPTIONS and index + 1 < len(args):
            hoisted += args[index : index + 2]
            index += 2
        elif arg.startswith(tuple(option + "=" for option in GLOBAL_OPTIONS)):
            hoisted.append(arg)
            index += 1
        elif arg in takes_value:
            rest += args[index : index + 2]
            index += 2
        else:
            rest.append(arg)
            index += 1
    return head + hoisted + path + rest
