"""Reading agenda files safely and explaining every problem in the user's language.

YAML is read with PyYAML's safe loader only: no Python tags, nothing executed.  The document is
first composed into nodes, checked (size after aliases, tags, duplicate keys), then constructed
from those nodes.  Problems are located both by place (``segments[2].duration``) and by line.
"""

from __future__ import annotations

import json
import os
import re
import stat
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from seminar_cli.agenda.models import Agenda
from seminar_cli.errors import AgendaError
from seminar_cli.i18n import catalog, t

MAX_BYTES = 2_000_000  # an agenda is a page or two; anything this large is not one
MAX_NODES = 200_000  # expanded YAML nodes: stops "billion laughs" alias bombs

# the tags the safe loader knows how to build (str, int, map, seq, timestamp…); any other
# tag — !!python/object/apply, a local !tag — is refused before anything is constructed
_MERGE_TAG = "tag:yaml.org,2002:merge"  # `<<: *anchor`, handled by the loader itself
_SAFE_TAGS = frozenset(
    {tag for tag in yaml.SafeLoader.yaml_constructors if tag is not None} | {_MERGE_TAG}
)
_VALUE_TAG = "tag:yaml.org,2002:value"
_STR_TAG = "tag:yaml.org,2002:str"
_INT_TAG = "tag:yaml.org,2002:int"
# an integer written with more characters than this is kept as text: 0x and a thousand digits
# is still far below the 4300 decimal digits Python agrees to turn into text
_MAX_NUMBER_CHARS = 1000

# PyYAML's problems, said in plain words: (start of PyYAML's text, catalogue key)
_YAML_PROBLEMS: tuple[tuple[str, str], ...] = (
    ("found character '\\t' that cannot start any token", "agenda.yaml.tab"),
    ("found character", "agenda.yaml.bad_start"),
    ("mapping values are not allowed here", "agenda.yaml.colon"),
    ("could not find expected ':'", "agenda.yaml.expected_colon"),
    ("expected <block end>", "agenda.yaml.indent"),
    ("invalid indentation or unclosed", "agenda.yaml.indent"),
    ("sequence entries are not allowed here", "agenda.yaml.dash"),
    ("found undefined alias", "agenda.yaml.alias"),
    ("found duplicate anchor", "agenda.yaml.anchor"),
    ("found unexpected end of stream", "agenda.yaml.unclosed_quote"),
    ("expected ',' or ']'", "agenda.yaml.unclosed_bracket"),
    ("expected ',' or '}'", "agenda.yaml.unclosed_bracket"),
    ("expected the node content", "agenda.yaml.node_content"),
    ("found unknown escape character", "agenda.yaml.escape"),
    ("expected a comment or a line break", "agenda.yaml.after_value"),
    ("expected a single document", "agenda.yaml.documents"),
    ("found unhashable key", "agenda.yaml.unhashable"),
    ("expected a mapping or list of mappings for merging", "agenda.yaml.merge"),
    ("expected a mapping for merging", "agenda.yaml.merge"),
)


@dataclass(frozen=True)
class LoadedAgenda:
    agenda: Agenda
    source: str  # a path, or "bundled:NAME"
    text: str


# invisible characters that would mislead or drive the terminal (ESC sequences, bidi overrides)
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _forbidden(char: str) -> bool:
    return (unicodedata.category(char) == "Cc" and char not in "\t\n\r") or char in _BIDI


def _visible(text: str) -> str:
    """``text`` with invisible and control characters spelt ``\\u001b`` (messages stay safe)."""
    return "".join(
        f"\\u{ord(char):04x}"
        if unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn")
        else char
        for char in text
    )


_PLAIN_KEY = re.compile(r"[^\s.\[\]\"'«»]+")


def format_location(loc: tuple[int | str, ...] | list[int | str]) -> str:
    """``("segments", 2, "duration")`` -> ``segments[2].duration``; an odd key (blank, with
    spaces or dots) is quoted so that it stays visible: ``segments[0]["dur ée"]``."""
    place = ""
    for part in loc:
        if isinstance(part, int):
            place += f"[{part}]"
        elif not _PLAIN_KEY.fullmatch(str(part)) or _visible(str(part)) != part:
            place += "[" + _visible(json.dumps(str(part), ensure_ascii=False)) + "]"
        elif place:
            place += f".{part}"
        else:
            place = str(part)
    return place


def _plain_problem(problem: str | None) -> str:
    text = (problem or "").strip()
    for start, key in _YAML_PROBLEMS:
        if text.startswith(start):
            quoted = re.search(r"'[^']*'|\"[^\"]*\"", text)  # the character at fault, if any
            return t(key, detail=quoted.group() if quoted else text)
    return text or "?"


def _syntax_error(exc: yaml.YAMLError, text: str, source: str) -> AgendaError:
    if isinstance(exc, yaml.reader.ReaderError):  # a control character in the text
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        code = exc.character if isinstance(exc.character, int) else 0
        return AgendaError("agenda.yaml_char", file=source, line=line, column=column, code=code)
    mark = getattr(exc, "problem_mark", None)
    problem = _plain_problem(getattr(exc, "problem", None) or str(exc))
    context = getattr(exc, "context", None)
    if context and problem == getattr(exc, "problem", None):  # said in the context instead
        plain_context = _plain_problem(context)
        if plain_context != context:
            problem = plain_context
    if mark is None:
        return AgendaError("agenda.yaml_syntax_nowhere", file=source, problem=problem)
    return AgendaError(
        "agenda.yaml_syntax",
        file=source,
        line=mark.line + 1,
        column=mark.column + 1,
        problem=problem,
    )


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


def _short_tag(tag: str) -> str:
    prefix = "tag:yaml.org,2002:"
    return "!!" + tag[len(prefix) :] if tag.startswith(prefix) else tag


def _check_nodes(root: yaml.Node, source: str) -> list[tuple[int, str]]:
    """Refuse unknown tags; return the duplicate keys as located problems.

    Walks the node graph once (iteratively: deep nesting cannot overflow the stack here)."""
    problems: list[tuple[int, str]] = []
    seen: set[int] = set()
    children: list[tuple[yaml.Node, tuple[int | str, ...]]]
    stack: list[tuple[yaml.Node, tuple[int | str, ...]]] = [(root, ())]
    while stack:
        node, loc = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if node.tag == _VALUE_TAG and isinstance(node, yaml.ScalarNode):
            node.tag = _STR_TAG  # a plain "=" resolves to YAML 1.1's !!value: it is just text
        if node.tag == _INT_TAG and len(str(node.value)) > _MAX_NUMBER_CHARS:
            node.tag = _STR_TAG  # thousands of digits: Python could not even print it back
        if node.tag not in _SAFE_TAGS:
            raise AgendaError(
                "agenda.yaml_tag",
                file=source,
                line=node.start_mark.line + 1,
                tag=_visible(_short_tag(str(node.tag))),
            )
        if isinstance(node, yaml.ScalarNode):
            bad = next((char for char in str(node.value) if _forbidden(char)), None)
            if bad is not None:
                line = node.start_mark.line + 1
                where = format_location(loc) or t("agenda.top_level")
                message = t("agenda.err.control_char", code=f"{ord(bad):04X}")
                problems.append((line, _located(line, where, message)))
            continue
        if isinstance(node, yaml.SequenceNode):
            children = [(child, (*loc, index)) for index, child in enumerate(node.value)]
        elif isinstance(node, yaml.MappingNode):
            children = []
            keys: set[str] = set()
            for key_node, value_node in node.value:
                children.append((key_node, loc))
                if isinstance(key_node, yaml.ScalarNode) and key_node.tag != _MERGE_TAG:
                    name = str(key_node.value)
                    if name in keys:
                        where = format_location(loc) or t("agenda.top_level")
                        line = key_node.start_mark.line + 1
                        message = t("agenda.err.dup_key", key=_visible(name))
                        problems.append((line, _located(line, where, message)))
                    keys.add(name)
                    children.append((value_node, (*loc, name)))
                else:
                    children.append((value_node, loc))
        else:
            continue
        stack.extend(reversed(children))  # depth first, in the order of the file
    return problems


def _located(line: int | None, place: str, message: str) -> str:
    prefix = t("agenda.line", line=line) + " · " if line else ""
    return t("agenda.problem", prefix=prefix, place=place, message=message)


def _node_at(root: yaml.Node | None, loc: list[int | str]) -> tuple[yaml.Node | None, bool]:
    """The YAML node at ``loc`` (or its deepest existing parent) and whether it was reached.

    ``"[key]"`` in ``loc`` (pydantic's mark for a bad dict key) means the key node itself."""
    node = root
    key_node: yaml.Node | None = None
    for part in loc:
        child: yaml.Node | None = None
        if part == "[key]" and key_node is not None:
            node = key_node
            continue
        if isinstance(node, yaml.MappingNode):
            for k_node, v_node in node.value:
                if isinstance(k_node, yaml.ScalarNode) and str(k_node.value) == str(part):
                    child, key_node = v_node, k_node
                    break
        elif (
            isinstance(node, yaml.SequenceNode)
            and isinstance(part, int)
            and 0 <= part < len(node.value)
        ):
            child = node.value[part]
        if child is None:
            return node, False
        node = child
    return node, True


def _as_written(value: Any, raw: str | None) -> str:
    """How to quote the faulty value: as the user typed it when we know, else its repr."""
    if raw is None and not isinstance(value, str):
        text = repr(value)
        return text if len(text) <= 60 else text[:57] + "…"
    text = _visible(raw if raw is not None else str(value))
    return t("agenda.quoted", text=text if len(text) <= 60 else text[:57] + "…")


def _expected(value: Any) -> str:
    # pydantic writes "'a', 'b' or 'c'" (English "or"): keep just the values
    names = re.findall(r"'([^']*)'", str(value))
    return ", ".join(names) if names else str(value)


def _explain(error: dict[str, Any], ctx: dict[str, Any], raw: str | None) -> str:
    kind = str(error.get("type", ""))
    value = error.get("input")
    if kind not in ("missing", "extra_forbidden") and value is None:
        return t("agenda.err.null")
    if kind == "string_type" and isinstance(value, bool | int | float | date):
        return t("agenda.err.string_type_scalar", raw=raw if raw is not None else str(value))
    if "expected" in ctx:
        ctx["expected"] = _expected(ctx["expected"])
    if raw is not None and "value" in ctx:
        ctx["value"] = raw  # "25:00", not the 1500 minutes YAML made of it
    key = kind if kind.startswith("agenda.err.") else f"agenda.err.{kind}"
    if key in catalog():
        try:
            return t(key, **ctx, input=_as_written(value, raw))
        except (KeyError, IndexError, ValueError):
            pass
    return t(
        "agenda.err.other",
        input=_as_written(value, raw),
        detail=str(error.get("msg", kind)),
    )


def _validation_problems(exc: ValidationError, root: yaml.Node) -> list[tuple[int, str]]:
    problems: list[tuple[int, str]] = []
    for error in exc.errors(include_url=False):
        ctx = dict(error.get("ctx") or {})
        loc: list[int | str] = list(error.get("loc", ()))
        at = ctx.pop("at", None)
        if isinstance(at, tuple | list):
            loc = list(at)
        field = ctx.pop("field", None)
        if isinstance(field, str):
            loc.append(field)
        elif isinstance(field, tuple | list):  # a place inside the model: ("workshops", 1, "id")
            loc.extend(field)
        node, reached = _node_at(root, loc)
        line = node.start_mark.line + 1 if node is not None else None
        raw = str(node.value) if reached and isinstance(node, yaml.ScalarNode) else None
        if error.get("type") == "invalid_key":  # the node found is the value, not the key
            raw = None
        message = _explain(dict(error), ctx, raw)
        place = format_location([p for p in loc if p != "[key]"]) or t("agenda.top_level")
        problems.append((line or 0, _located(line, place, message)))
    return problems


def read_yaml(text: str, source: str) -> tuple[Any, yaml.Node | None, list[tuple[int, str]]]:
    """A YAML document read with every safeguard: safe constructors only, tags refused, alias
    bombs and deep nesting stopped, duplicate keys reported (as located problems)."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        raise _syntax_error(exc, text, source) from None
    except RecursionError:
        raise AgendaError("agenda.too_deep", file=source) from None
    if root is None:
        return None, None, []
    try:
        too_big = _expanded_size(root, {}) > MAX_NODES
    except RecursionError:
        raise AgendaError("agenda.too_deep", file=source) from None
    if too_big:
        raise AgendaError("agenda.too_complex", file=source)
    duplicates = _check_nodes(root, source)
    try:
        data = yaml.SafeLoader("").construct_document(root)
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(exc, text, source) from None
    except RecursionError:
        raise AgendaError("agenda.too_deep", file=source) from None
    except Exception as exc:  # e.g. `!!int abc`: the safe constructors raise ValueError & co
        raise AgendaError("agenda.yaml_value", file=source, problem=str(exc)) from None
    return data, root, duplicates


def parse_agenda_text(text: str, source: str) -> Agenda:
    data, root, duplicates = read_yaml(text, source)
    if data is None:
        raise AgendaError("agenda.empty", file=source)
    if not isinstance(data, dict):
        raise AgendaError("agenda.not_mapping", file=source)
    if not any(str(key) in Agenda.model_fields for key in data):
        # `start /etc/shadow` listed each line as an unknown key: a file that shares no key
        # with an agenda is some other file, and its lines are not ours to print
        raise AgendaError("agenda.not_agenda", file=source)
    assert root is not None
    problems = list(duplicates)
    data = _with_register(data, root, source, problems)
    agenda: Agenda | None = None
    try:
        agenda = Agenda.model_validate(data)
    except ValidationError as exc:
        problems += _validation_problems(exc, root)
    except RecursionError:
        raise AgendaError("agenda.too_deep", file=source) from None
    if problems or agenda is None:
        problems.sort(key=lambda item: item[0])  # in the order of the file
        raise AgendaError("agenda.invalid", problems=[p for _, p in problems], file=source)
    return agenda


def _with_register(
    data: dict[Any, Any], root: yaml.Node, source: str, problems: list[tuple[int, str]]
) -> dict[Any, Any]:
    """The agenda's data with ``participants`` read from ``participants_file`` (a path relative
    to the agenda file).  Both keys together are refused: one list of people, one place to fix
    it (guests go in the CSV with ``member`` false)."""
    given = data.get("participants_file")
    if not isinstance(given, str) or not given.strip():
        return data  # absent, or not a text: the model says what is wrong
    node, _ = _node_at(root, ["participants_file"])
    line = node.start_mark.line + 1 if node is not None else None
    if "participants" in data:
        problems.append(
            (line or 0, _located(line, "participants_file", t("register.with_participants")))
        )
        return data
    from seminar_cli.agenda.register import read_register

    path = Path(given.strip())
    if not path.is_absolute():
        path = Path(source).parent / path
    people = read_register(path, str(path))
    return {**data, "participants": people}


def read_bounded(path: Path, limit: int, kind: str = "agenda") -> bytes:
    """The bytes of ``path``, reading at most ``limit + 1`` of them whatever the file is (a
    pipe, ``/dev/stdin``, a device): ``/dev/zero`` or ``/dev/urandom`` never end, and a file
    is never read whole before its size is known.  Over ``limit``: an AgendaError with
    ``{kind}.too_large`` (a regular file) or ``{kind}.endless`` (anything else); OSError as
    the system says it (not found, a folder, permission)."""
    source = str(path)
    with open(path, "rb", buffering=0) as handle:
        regular = stat.S_ISREG(os.fstat(handle.fileno()).st_mode)
        if regular and os.fstat(handle.fileno()).st_size > limit:
            raise AgendaError(f"{kind}.too_large", file=source)
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = handle.read(min(1 << 16, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    if size > limit:  # a regular file that grew meanwhile counts as too large
        key = f"{kind}.too_large" if regular else f"{kind}.endless"
        raise AgendaError(key, file=source)
    return b"".join(chunks)


def decode_agenda_bytes(raw: bytes, source: str, kind: str = "agenda") -> str:
    """UTF-8 text (a BOM allowed) or an AgendaError naming the file's ``kind`` (agenda or
    answers)."""
    if len(raw) > MAX_BYTES:
        raise AgendaError(f"{kind}.too_large", file=source)
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 (Windows Notepad): not binary junk
        raise AgendaError("agenda.not_utf8", file=source, line=1, column=1)
    if b"\x00" in raw:
        raise AgendaError(f"{kind}.binary", file=source)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - raw.rfind(b"\n", 0, exc.start)
        raise AgendaError("agenda.not_utf8", file=source, line=line, column=column) from None


def read_agenda_file(path: Path) -> LoadedAgenda:
    source = str(path)
    try:
        raw = read_bounded(path, MAX_BYTES)
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
