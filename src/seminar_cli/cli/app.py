"""The Typer application: the root's options here, each command group in its own module
(``cmd_*.py``, each with ``register(app)``), imported only when one of its commands runs."""

from __future__ import annotations

import importlib
from collections.abc import Iterator, MutableMapping
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any, get_origin

import typer
import typer.core
from typer import _click as click

from seminar_cli import __version__
from seminar_cli.cli.context import AppContext
from seminar_cli.i18n import Keyed, keyed, t

# command -> the module (cli/cmd_<module>.py) that registers it, in the order of ``--help``;
# the root's listing reads each command's one-line help from the catalogue ("help.<name>"),
# so ``seminar --help`` imports none of them
COMMANDS = {
    "start": "run",
    "resume": "run",
    "join": "run",
    "serve": "run",
    "workshop": "workshop",
    "note": "secretary",
    "decision": "secretary",
    "action": "secretary",
    "secretary": "secretary",
    "attendance": "attendance",
    "export": "export",
    "verify": "seal",
    "seal": "seal",
    "sessions": "sessions",
    "journal": "journal",
    "agenda": "agenda",
}


def _version(value: bool) -> None:
    if value:
        typer.echo(f"seminar {__version__}")
        raise typer.Exit()


def module_commands(module_name: str) -> dict[str, click.Command]:
    """The Click commands of ``cli/cmd_<module_name>.py``, built now, in the current language."""
    module = importlib.import_module(f"seminar_cli.cli.cmd_{module_name}")
    _say_aliases_again(vars(module))
    holder = typer.Typer(rich_markup_mode=None, pretty_exceptions_enable=False)
    module.register(holder)
    return dict(typer.main.get_group(holder).commands)


def _say_aliases_again(namespace: dict[str, Any]) -> None:
    """A module's ``Annotated`` aliases (``SessionOpt = Annotated[..., typer.Option(help=
    keyed(...))]``) were translated when the module was first imported: they are said again in
    the current language, for a second ``main()`` in the same process may speak another."""
    from typer.models import ParameterInfo

    for value in namespace.values():
        if get_origin(value) is not Annotated:
            continue
        for info in value.__metadata__:
            if isinstance(info, ParameterInfo) and isinstance(info.help, Keyed):
                info.help = keyed(info.help.key)


class LazyCommands(MutableMapping[str, click.Command]):
    """The root's commands by name, each module imported and built on first access: ``seminar
    note`` builds ``note`` and its siblings, not ``start``'s live screen or ``export``'s
    formats.  Names are known without importing anything (COMMANDS)."""

    def __init__(self) -> None:
        self._built: dict[str, click.Command] = {}

    def __getitem__(self, name: str) -> click.Command:
        if name not in self._built:
            module = COMMANDS[name]  # KeyError for an unknown command, as a dict would
            self._built.update(module_commands(module))
        return self._built[name]

    def __setitem__(self, name: str, command: click.Command) -> None:
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        del self._built[name]

    def __iter__(self) -> Iterator[str]:
        return iter(COMMANDS)

    def __len__(self) -> int:
        return len(COMMANDS)

    def __contains__(self, name: object) -> bool:
        return name in COMMANDS


class RootGroup(typer.core.TyperGroup):
    """Typer's group, with commands built only when asked for (LazyCommands)."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        self.commands = LazyCommands()

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)  # the names only: nothing is imported

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # the listing of ``seminar --help``, made as Typer makes it, from each command's help
        # in the catalogue rather than from the command (which would import every module);
        # tests/test_startup.py checks that the two agree
        limit = formatter.width - 6 - max(len(name) for name in COMMANDS)
        rows = [
            (
                name,
                typer.core.TyperCommand(name=name, help=t(f"help.{name}")).get_short_help_str(
                    limit
                ),
            )
            for name in COMMANDS
        ]
        with formatter.section(typer.core._("Commands")):  # type: ignore[attr-defined]
            formatter.write_dl(rows)


def build_app() -> typer.Typer:
    from seminar_cli.cli import click_words

    click_words.install()
    app = typer.Typer(
        name="seminar",
        cls=RootGroup,
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
            # text, not a Path: a Path would fold a postgresql:// URL's "//"
            str | None,
            typer.Option(
                "--db",
                envvar="SEMINAR_DB",
                help=t("help.opt.db"),
                show_default=False,
                metavar="PATH",
            ),
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
        given = ctx.obj if isinstance(ctx.obj, AppContext) else AppContext()
        from seminar_cli.paths import is_postgres_url

        # main()'s caller may have set the clock
        if db is not None and is_postgres_url(db):
            ctx.obj = replace(given, db_path=None, db_url=db)
        else:
            ctx.obj = replace(given, db_path=None if db is None else Path(db), db_url=None)

    return app


def build_command() -> click.Command:
    """The root Click command of ``build_app()``, ready for ``.main(args)``."""
    return typer.main.get_command(build_app())


GLOBAL_OPTIONS = ("--db", "--lang")  # the root's options that take a value


def hoist_global_options(root: click.Command, args: list[str]) -> list[str]:
    """``args`` with the global options written after the command (``seminar start x --lang
    en``, as people type them) moved before it, where Click looks for them.  The command's own
    options that take a value keep theirs (``--owner --db`` leaves ``--db`` to ``--owner``),
    and nothing after ``--`` moves."""
    command: Any = root
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
