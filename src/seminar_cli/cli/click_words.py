"""Click's own words (vendored by Typer) in the interface's language: « Utilisation : »,
« Afficher cette aide et quitter. », the headings of a help page and the « Essayez … »
line under a usage error.  Typer has no setting for them, so the few places that write them
are wrapped here, once, before the application is built."""

from __future__ import annotations

import re
from typing import Any

from seminar_cli.i18n import t

# Typer's core asks gettext for these (msgid -> catalogue key)
_GETTEXT = {
    "Arguments": "cli.arguments",
    "Options": "cli.options",
    "Commands": "cli.commands",
    "required": "cli.required",
    "default: {default}": "cli.default",
    "Missing command.": "cli.missing_command",
    "No such command {name!r}.": "cli.no_such_command",
}
_installed = False


def _gettext(message: str) -> str:
    key = _GETTEXT.get(message)
    # the placeholders are filled by the caller, as gettext's would be
    return t(key).replace("{name}", "{name!r}") if key else message


def install() -> None:
    global _installed
    if _installed:
        return
    _installed = True
    import typer.core
    from typer._click import core, formatting

    typer.core._ = _gettext  # type: ignore[attr-defined]

    write_usage = formatting.HelpFormatter.write_usage

    def usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
        write_usage(self, prog, args, t("cli.usage") + " " if prefix is None else prefix)

    formatting.HelpFormatter.write_usage = usage  # type: ignore[method-assign]

    get_help_option = core.Command.get_help_option

    def help_option(self: Any, ctx: Any) -> Any:
        option = get_help_option(self, ctx)
        if option is not None:
            option.help = t("cli.help_option")
        return option

    core.Command.get_help_option = help_option  # type: ignore[method-assign]


def usage_error_text(error: Any) -> str:
    """What Click's ``UsageError.show`` writes, in the interface's language."""
    ctx = getattr(error, "ctx", None)
    lines = []
    if ctx is not None:
        lines.append(ctx.get_usage())
        if ctx.command.get_help_option(ctx) is not None:
            lines.append(
                t("cli.try_help", command=f"{ctx.command_path} {ctx.help_option_names[0]}")
            )
        lines.append("")
    lines.append(t("cli.error", message=translated_message(error.format_message())))
    return "\n".join(lines)


# Click writes these in English with f-strings (no gettext to hook): each is read back and
# said again in the interface's language; anything else stays as Click wrote it
_MESSAGES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"No such option: (?P<name>\S+)"), "cli.no_such_option"),
    (re.compile(r"Missing argument (?P<name>.+)\."), "cli.missing_argument"),
    (re.compile(r"Missing option (?P<name>.+)\."), "cli.missing_option"),
    (re.compile(r"Option '(?P<name>[^']+)' requires an argument\."), "cli.needs_value"),
    (
        re.compile(r"Option '(?P<name>[^']+)' requires (?P<count>\d+) arguments\."),
        "cli.needs_values",
    ),
    (re.compile(r"Option '(?P<name>[^']+)' does not take a value\."), "cli.takes_no_value"),
    (re.compile(r"Got unexpected extra argument\(s\) \((?P<args>.*)\)"), "cli.extra_arguments"),
    (
        re.compile(r"Invalid value for '(?P<name>[^']+)': (?P<message>.*)", re.S),
        "cli.invalid_value",
    ),
]
_POSSIBLE = re.compile(r" \(Possible options: (?P<names>[^)]*)\)$")


def translated_message(message: str) -> str:
    """One of Click's usage errors in the interface's language (its own words only)."""
    suggestion = ""
    possible = _POSSIBLE.search(message)
    if possible:
        message = message[: possible.start()]
        suggestion = " " + t("cli.possible_options", names=possible["names"])
    for pattern, key in _MESSAGES:
        found = pattern.fullmatch(message)
        if found:
            # Click quotes names 'so': the catalogue quotes them as the language does
            params = {k: v.strip("'") for k, v in found.groupdict().items() if k != "lang"}
            return t(key, None, **params) + suggestion
    return message + (possible.group(0) if possible else "")
