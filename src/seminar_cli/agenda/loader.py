"""Reading agenda files safely and explaining every problem in the user's language.

YAML is read with PyYAML's safe loader only: no Python tags, nothing executed.  Problems are
located both by place (``segments[2].duration``) and by line in the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from seminar_cli.agenda.models import Agenda
from seminar_cli.errors import AgendaError
from seminar_cli.i18n import catalog, t

MAX_BYTES = 2_000_000  # an agenda is a page or two; anything this large is not one
MAX_NODES = 200_000  # expanded YAML nodes: stops "billion laughs" alias bombs


@dataclass(frozen=True)
class LoadedAgenda:
    agenda: Agenda
    source: str  # a path, or "bundled:NAME"
    text: str


def format_location(loc: tuple[int | str, ...]) -> str:
    place = ""
    for part in loc:
        if isinstance(part, int):
            place += f"[{part}]"
        elif place:
            place += f".{part}"
        else:
            place = str(part)
    return place


def _expanded_size(node: yaml.Node, memo: dict[int, int]) -> int:
    key = id(node)
    if key in memo:
        return memo[key]
    memo[key] = 1  # guards against recursive aliases
    size = 1
    if isinstance(node, yaml.SequenceNode):
        size += sum(_expanded_size(child, memo) for child in node.value)
    elif isinstance(node, yaml.MappingNode):
        size += sum(_expanded_size(k, memo) + _expanded_size(v, memo) for k, v in node.value)
    memo[key] = size
    return size


def _line_of(root: yaml.Node | None, loc: tuple[int | str, ...]) -> int | None:
    """1-based line of the YAML node at ``loc`` (or of its deepest existing parent)."""
    node = root
    line = node.start_mark.line + 1 if node is not None else None
    for part in loc:
        child: yaml.Node | None = None
        if isinstance(node, yaml.MappingNode) and isinstance(part, str):
            for key_node, value_node in node.value:
                if isinstance(key_node, yaml.ScalarNode) and key_node.value == part:
                    child = value_node
                    break
        elif (
            isinstance(node, yaml.SequenceNode)
            and isinstance(part, int)
            and 0 <= part < len(node.value)
        ):
            child = node.value[part]
        if child is None:
            break
        node = child
        line = node.start_mark.line + 1
    return line


def _explain(error: dict[str, Any]) -> str:
    kind = str(error.get("type", ""))
    ctx = dict(error.get("ctx") or {})
    key = kind if kind.startswith("agenda.err.") else f"agenda.err.{kind}"
    if key in catalog():
        try:
            return t(key, **ctx, input=_short(error.get("input")))
        except (KeyError, IndexError, ValueError):
            pass
    return str(error.get("msg", kind))


def _short(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else f"« {value} »"
    return text if len(text) <= 60 else text[:57] + "…"


def parse_agenda_text(text: str, source: str) -> Agenda:
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"{mark.line + 1}:{mark.column + 1}" if mark else "?"
        raise AgendaError(
            "agenda.yaml_syntax", file=source, where=where, problem=exc.problem or str(exc)
        ) from None
    except yaml.YAMLError as exc:
        raise AgendaError("agenda.yaml_syntax", file=source, where="?", problem=str(exc)) from None
    if root is None:
        raise AgendaError("agenda.empty", file=source)
    if _expanded_size(root, {}) > MAX_NODES:
        raise AgendaError("agenda.too_complex", file=source)
    try:
        data = yaml.safe_load(text)
    except (yaml.YAMLError, RecursionError) as exc:
        raise AgendaError("agenda.yaml_syntax", file=source, where="?", problem=str(exc)) from None
    if data is None:
        raise AgendaError("agenda.empty", file=source)
    if not isinstance(data, dict):
        raise AgendaError("agenda.not_mapping", file=source)
    try:
        return Agenda.model_validate(data)
    except ValidationError as exc:
        problems = []
        for error in exc.errors(include_url=False):
            loc = tuple(error.get("loc", ()))
            place = format_location(loc) or t("agenda.top_level")
            line = _line_of(root, loc)
            prefix = t("agenda.line", line=line) + " · " if line else ""
            problems.append(f"{prefix}{place} : {_explain(dict(error))}")
        raise AgendaError("agenda.invalid", problems=problems, file=source) from None
    except RecursionError:
        raise AgendaError("agenda.too_complex", file=source) from None


def decode_agenda_bytes(raw: bytes, source: str) -> str:
    if len(raw) > MAX_BYTES:
        raise AgendaError("agenda.too_large", file=source)
    if b"\x00" in raw:
        raise AgendaError("agenda.binary", file=source)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise AgendaError("agenda.not_utf8", file=source, offset=exc.start) from None


def read_agenda_file(path: Path) -> LoadedAgenda:
    source = str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise AgendaError("agenda.no_file", file=source) from None
    except IsADirectoryError:
        raise AgendaError("agenda.is_dir", file=source) from None
    except PermissionError:
        raise AgendaError("agenda.unreadable", file=source) from None
    except OSError as exc:
        raise AgendaError("agenda.unreadable_os", file=source, reason=exc.strerror) from None
    text = decode_agenda_bytes(raw, source)
    return LoadedAgenda(parse_agenda_text(text, source), source, text)


def load_agenda(ref: str | None) -> LoadedAgenda:
    """An agenda from a path or a bundled name (default: the bundled seminar)."""
    from seminar_cli.agenda.bundled import DEFAULT_AGENDA, find_agenda

    path = find_agenda(ref or DEFAULT_AGENDA)
    return read_agenda_file(path)
