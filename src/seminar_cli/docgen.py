"""The generated parts of the documentation, from the code itself.

``python -m seminar_cli.docgen`` writes them; ``python -m seminar_cli.docgen --check`` only
says which files are out of date (exit 1).  tests/test_docs.py runs the check.

- ``docs/commands.md`` (English) and ``docs/commandes.md`` (French): every ``--help`` page,
  exactly as ``seminar [COMMAND…] --help`` prints it at 100 columns, the help cache off.
- ``docs/agenda-format.md``: the part between the ``docgen:fields`` markers, a table per agenda
  model (field, type, required or default, description) from the pydantic models and their
  JSON Schema, and the ``docgen:values`` part, the values of each enumeration with their
  French and English labels.  The rest of that file is written by hand.
- ``docs/facilitator.md``: the live screen's keys, between the ``docgen:keys`` markers, from
  ``ui/live_keys.py`` (the table the live screen dispatches and draws its help from).
- ``docs/secretary.md``: the export formats, between the ``docgen:formats`` markers, from
  ``minutes/formats.py`` (the table ``--format`` and the exporters read).
- ``docs/minutes-schema.json``: the JSON Schema of the JSON minutes (``seminar export
  --schema``), from the minutes model.

A developer tool, not a user command: its messages are in English only.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

COMMAND = "python -m seminar_cli.docgen"
HELP_COLUMNS = "100"

# the help pages are rendered in a fresh process per language, in help_env()'s environment:
# nothing of the generator's own process (its language, its width) leaks into them
_RENDER = (
    "import json, sys\n"
    "from seminar_cli import i18n\n"
    "from seminar_cli.cli import help_cache\n"
    "i18n.init_language(sys.argv[1])\n"
    "sys.stdout.write(json.dumps(help_cache.render_pages()))\n"
)


def help_env() -> dict[str, str]:
    """The environment of a deterministic help page: fixed width, no cache, no user settings."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("SEMINAR_", "LC_", "_SEMINAR"))
        and name not in ("LANG", "LANGUAGE", "LINES", "NO_COLOR", "FORCE_COLOR")
    }
    source = str(Path(__file__).resolve().parent.parent)  # the seminar_cli being documented
    path = env.get("PYTHONPATH")
    env.update(
        COLUMNS=HELP_COLUMNS,
        SEMINAR_HELP_CACHE="0",
        LANG="C.UTF-8",
        PYTHONIOENCODING="utf-8",
        PYTHONPATH=source + (os.pathsep + path if path else ""),
    )
    return env


def help_pages(language: str) -> dict[str, str]:
    """Every help page in ``language``, by command path ("" is ``seminar`` itself), parents
    before their subcommands."""
    done = subprocess.run(
        [sys.executable, "-c", _RENDER, language],
        capture_output=True,
        env=help_env(),
        timeout=120,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(
            f"rendering the {language} help failed:\n{done.stderr.decode(errors='replace')}"
        )
    pages: dict[str, str] = json.loads(done.stdout.decode("utf-8"))
    rank = {path: index for index, path in enumerate(pages)}

    def key(path: str) -> tuple[int, ...]:
        words = path.split()
        return tuple(rank[" ".join(words[: n + 1])] for n in range(len(words)))

    return {path: pages[path] for path in sorted(pages, key=key)}


# -- docs/commands.md and docs/commandes.md ----------------------------------------------------
@dataclass(frozen=True)
class CommandsPage:
    file: str
    language: str
    title: str
    intro: str
    outro: str


COMMAND_PAGES = (
    CommandsPage(
        "commands.md",
        "en",
        "Command reference",
        "Every command's `--help`, in English (`--lang en`). In French: "
        "[commandes.md](commandes.md). The guides say how the commands work together: "
        "[facilitator](facilitator.md), [participant](participant.md), "
        "[secretary](secretary.md); agenda files: [agenda-format.md](agenda-format.md).",
        "## Environment and exit codes\n\n"
        "| variable | what it does |\n"
        "|---|---|\n"
        "| `SEMINAR_DB` | the journal file or `postgresql://` database, like `--db` (default: "
        "`journal.sqlite3` in the user data folder) |\n"
        "| `SEMINAR_LANG` | the interface language, like `--lang` (`fr` or `en`; else the "
        "agenda's, else the system's) |\n"
        "| `SEMINAR_HELP_CACHE` | `0` turns off the cache of help pages (kept in "
        "`$XDG_CACHE_HOME/seminar`, else `~/.cache/seminar`, rebuilt whenever the code, the "
        "language or the width changes) |\n"
        "| `SEMINAR_DEBUG` | `1` shows the Python traceback of an unexpected error (otherwise "
        "one plain message and exit code 1) |\n\n"
        "Exit codes: `0` done; `1` a user-facing error (invalid agenda, unknown session, refused "
        "overwrite…), said in one message on stderr; `2` bad command-line usage; `130` "
        "interrupted by Ctrl-C — nothing recorded is lost. Talk goes to stderr, data (exports to "
        "`-`, `agenda schema`, `--json`) to stdout.",
    ),
    CommandsPage(
        "commandes.md",
        "fr",
        "Référence des commandes",
        "L'aide (`--help`) de chaque commande, en français (`--lang fr`). In English: "
        "[commands.md](commands.md). Les guides disent comment les commandes s'enchaînent : "
        "[animateur](facilitator.md), [participant](participant.md), "
        "[secrétaire](secretary.md) ; les fichiers d'agenda : "
        "[agenda-format.md](agenda-format.md).",
        "## Environnement et codes de sortie\n\n"
        "| variable | effet |\n"
        "|---|---|\n"
        "| `SEMINAR_DB` | le fichier du journal ou la base `postgresql://`, comme `--db` (défaut : "
        "`journal.sqlite3` dans le dossier de données de l'utilisateur) |\n"
        "| `SEMINAR_LANG` | la langue de l'interface, comme `--lang` (`fr` ou `en` ; sinon celle "
        "de l'agenda, sinon celle du système) |\n"
        "| `SEMINAR_HELP_CACHE` | `0` désactive le cache des pages d'aide (rangé dans "
        "`$XDG_CACHE_HOME/seminar`, sinon `~/.cache/seminar`, refait dès que le code, la langue "
        "ou la largeur change) |\n"
        "| `SEMINAR_DEBUG` | `1` montre la trace Python d'une erreur inattendue (sinon un seul "
        "message clair et le code de sortie 1) |\n\n"
        "Codes de sortie : `0` terminé ; `1` une erreur expliquée (agenda invalide, séance "
        "inconnue, écrasement refusé…), dite en un message sur la sortie d'erreur ; `2` ligne de "
        "commande incorrecte ; `130` interrompu par Ctrl-C — rien de ce qui est enregistré n'est "
        "perdu. Les messages vont sur la sortie d'erreur, les données (exports vers `-`, "
        "`agenda schema`, `--json`) sur la sortie standard.",
    ),
)


def generated_notice(what: str = "This file is") -> str:
    return (
        f"<!-- {what} generated by `{COMMAND}` from the code: do not edit it by hand. "
        "tests/test_docs.py fails when it is out of date. -->"
    )


def anchor(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, spaces to dashes, punctuation dropped."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def commands_markdown(page: CommandsPage, pages: dict[str, str]) -> str:
    lines = [f"# {page.title}", "", generated_notice(), "", page.intro, ""]
    names = [("seminar " + path).strip() for path in pages]
    for name in names:
        depth = name.count(" ")
        indent = "  " * max(0, depth - 1)
        lines.append(f"{indent}- [`{name}`](#{anchor(name)})")
    for path, text in pages.items():
        name = ("seminar " + path).strip()
        lines += ["", f"## {name}", "", "```text", text.rstrip("\n"), "```"]
    lines += ["", page.outro]
    return "\n".join(lines) + "\n"


# -- docs/agenda-format.md -------------------------------------------------------------------------
MODELS = ("Agenda", "Segment", "Workshop", "Prompt", "Participant", "Assembly")
MODEL_TITLES = {
    "Agenda": "The agenda (top level)",
    "Segment": "A segment (`segments:`)",
    "Workshop": "A workshop (`workshops:` of a segment)",
    "Prompt": "A prompt (`prompts:` of a segment or a workshop)",
    "Participant": "A participant (`participants:`)",
    "Assembly": "The assembly (`assembly:`)",
}


def _enum_values(schema: dict[str, Any]) -> list[str] | None:
    values = schema.get("enum")
    return [str(v) for v in values] if isinstance(values, list) else None


def _one_of(values: Sequence[str]) -> str:
    return " | ".join(f"`{v}`" for v in values)


# enumerations too long to list in a table cell: a link to their table in docgen:values
VALUE_TABLES = {
    "SegmentKind": "Segment kinds (`kind:`)",
    "PromptType": "Prompt types (`type:`)",
    "Who": "Who answers (`who:`)",
}


def type_text(prop: dict[str, Any], defs: dict[str, Any]) -> str:
    """A field's type as people write it in YAML."""
    from seminar_cli.agenda import models

    ref = prop.get("$ref")
    if isinstance(ref, str):
        name = ref.rsplit("/", 1)[-1]
        target = defs[name]
        values = _enum_values(target)
        if values is not None and name in VALUE_TABLES and len(values) > 4:
            label = VALUE_TABLES[name].split(" (")[0].lower()
            return f"one of the [{label}](#{anchor(VALUE_TABLES[name])})"
        if values is not None:
            return _one_of(values)
        return f"[{name}](#{anchor(MODEL_TITLES.get(name, name))})"
    variants = prop.get("anyOf")
    if isinstance(variants, list):
        real = [v for v in variants if v.get("type") != "null"]
        patterns = {v.get("pattern") for v in real}
        duration: Any = models._DURATION_SCHEMA["anyOf"]  # as written: text or minutes
        if duration[0]["pattern"] in patterns:
            return "duration"
        if len(real) == 1:
            return type_text(real[0], defs)
        return " or ".join(type_text(v, defs) for v in real)
    if prop.get("pattern") == models._CLOCK_SCHEMA["pattern"]:
        return 'clock time `"HH:MM"`'
    values = _enum_values(prop)
    if values is not None:
        return _one_of(values)
    kind = prop.get("type")
    if kind == "array":
        return "list of " + type_text(prop.get("items", {}), defs)
    if kind == "object":
        return "mapping number → text"
    if kind == "boolean":
        return "`true` | `false`"
    if kind in ("integer", "number"):
        low, high = prop.get("minimum"), prop.get("maximum")
        word = "whole number" if kind == "integer" else "number"
        if low is not None and high is not None:
            return f"{word} from {low:g} to {high:g}"
        if low is not None:
            return f"{word} ≥ {low:g}"
        return word
    if kind == "string":
        if "pattern" in prop:
            return "identifier"
        return "text"
    return "value"


def _yaml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(getattr(value, "value", value))


def presence_text(model: Any, name: str, required: set[str]) -> str:
    field = model.model_fields[name]
    if name in required:
        return "**required**"
    if field.default_factory is not None:
        return "optional (empty)"
    if field.is_required() or field.default is None:
        return "optional"
    return f"default `{_yaml_value(field.default)}`"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def fields_markdown() -> str:
    from seminar_cli.agenda import models

    schema = models.Agenda.model_json_schema(mode="validation")
    defs: dict[str, Any] = schema.get("$defs", {})
    lines: list[str] = []
    for name in MODELS:
        model = getattr(models, name)
        model_schema = schema if name == "Agenda" else defs[name]
        required = set(model_schema.get("required", []))
        lines += [
            f"### {MODEL_TITLES[name]}",
            "",
            "| field | type | | description |",
            "|---|---|---|---|",
        ]
        for field, prop in model_schema["properties"].items():
            description = prop.get("description") or model.model_fields[field].description or ""
            lines.append(
                f"| `{field}` | {_cell(type_text(prop, defs))} | "
                f"{presence_text(model, field, required)} | {_cell(description)} |"
            )
        lines.append("")
    return "\n".join(lines).rstrip("\n")


def values_markdown() -> str:
    from seminar_cli.agenda.models import PromptType, SegmentKind, Who
    from seminar_cli.i18n import t

    lines = []
    tables: list[tuple[str, str, list[str], str]] = [
        ("SegmentKind", "kind", [k.value for k in SegmentKind], "kind"),
        ("PromptType", "type", [k.value for k in PromptType], "ptype"),
        ("Who", "who", [k.value for k in Who], "who"),
    ]
    for enum, column, values, prefix in tables:
        lines += [f"### {VALUE_TABLES[enum]}", ""]
        lines += [f"| {column} | français | English |", "|---|---|---|"]
        for value in values:
            key = f"{prefix}.{value}"
            lines.append(f"| `{value}` | {t(key, lang='fr')} | {t(key, lang='en')} |")
        lines.append("")
    return "\n".join(lines).rstrip("\n")


def splice(text: str, name: str, generated: str, file: str) -> str:
    """Replace what lies between ``<!-- docgen:NAME -->`` and ``<!-- /docgen:NAME -->``."""
    begin, end = f"<!-- docgen:{name} -->", f"<!-- /docgen:{name} -->"
    if text.count(begin) != 1 or text.count(end) != 1 or text.index(begin) > text.index(end):
        raise ValueError(f"{file}: expected one {begin} … {end} block")
    head, rest = text.split(begin, 1)
    _, tail = rest.split(end, 1)
    notice = generated_notice("This part is")
    return f"{head}{begin}\n{notice}\n\n{generated}\n\n{end}{tail}"


# -- all files ------------------------------------------------------------------------------------
def default_root() -> Path:
    """The repository this module belongs to (an editable install), else the current folder."""
    repo = Path(__file__).resolve().parents[2]
    if (repo / "pyproject.toml").is_file() and (repo / "docs").is_dir():
        return repo
    return Path.cwd()


def expected_files(root: Path) -> dict[Path, str]:
    """Each generated file's path and the content it must have now."""
    docs = root / "docs"
    result: dict[Path, str] = {}
    for page in COMMAND_PAGES:
        result[docs / page.file] = commands_markdown(page, help_pages(page.language))
    agenda_doc = docs / "agenda-format.md"
    text = agenda_doc.read_text(encoding="utf-8")
    text = splice(text, "fields", fields_markdown(), str(agenda_doc))
    text = splice(text, "values", values_markdown(), str(agenda_doc))
    result[agenda_doc] = text
    from seminar_cli.ui.live_keys import keys_markdown

    guide = docs / "facilitator.md"
    result[guide] = splice(guide.read_text(encoding="utf-8"), "keys", keys_markdown(), str(guide))
    from seminar_cli.minutes.formats import formats_markdown

    guide = root / "docs/secretary.md"  # with its folder: test_i18n reads "x.md" as a key
    text = guide.read_text(encoding="utf-8")
    result[guide] = splice(text, "formats", formats_markdown(), str(guide))
    from seminar_cli.minutes.model import minutes_schema

    schema = json.dumps(minutes_schema(), ensure_ascii=False, indent=2) + "\n"
    result[docs / "minutes-schema.json"] = schema
    return result


def stale_files(root: Path) -> list[Path]:
    stale = []
    for path, content in expected_files(root).items():
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current != content:
            stale.append(path)
    return stale


def main(argv: Sequence[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog=COMMAND, description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only say which files are stale")
    parser.add_argument("--root", type=Path, default=None, help="the repository (default: found)")
    args = parser.parse_args(argv)
    root: Path = args.root or default_root()
    if not (root / "docs").is_dir():
        sys.stderr.write(f"{root / 'docs'} is not a folder: give --root REPOSITORY\n")
        return 2
    if args.check:
        stale = stale_files(root)
        for path in stale:
            sys.stderr.write(f"out of date: {path.relative_to(root)} (run {COMMAND})\n")
        return 1 if stale else 0
    for path, content in expected_files(root).items():
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current != content:
            path.write_text(content, encoding="utf-8")
            sys.stderr.write(f"wrote {path.relative_to(root)}\n")
        else:
            sys.stderr.write(f"unchanged {path.relative_to(root)}\n")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
