"""The register of members (PRODUCT §7, §9): a CSV file beside the agenda, as French Excel
saves it — UTF-8 with or without BOM, or Windows-1252; ``;`` or ``,`` between columns.

Read once, when the agenda is loaded: the session stores the agenda with the roster read here,
so a file changed after the session opened never changes it.  Every problem is located by file
and line, in the user's language.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from pathlib import Path
from typing import Any

from seminar_cli.errors import AgendaError
from seminar_cli.i18n import t

MAX_BYTES = 2_000_000  # 2 MB: tens of thousands of members

# column names as people write them (English and French, accents and case ignored)
_COLUMNS = {
    "name": "name",
    "nom": "name",
    "organization": "organization",
    "organisation": "organization",
    "structure": "organization",
    "group": "group",
    "groupe": "group",
    "college": "group",
    "member": "member",
    "membre": "member",
    "role": "role",
    "fonction": "role",
}
_TRUE = frozenset({"true", "oui", "1", "yes", "vrai", "o", "y", "x"})
_FALSE = frozenset({"false", "non", "0", "no", "faux", "n"})


def _folded(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return plain.strip().casefold()


def _decode(raw: bytes, source: str) -> str:
    if b"\x00" in raw:
        raise AgendaError("register.binary", file=source)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:  # French Excel's "CSV (séparateur : point-virgule)"
        return raw.decode("cp1252")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise AgendaError("register.encoding", file=source, line=line) from None


def _delimiter(header: str) -> str:
    # the header has no quoted separators in practice; the separator used most there wins
    return ";" if header.count(";") >= header.count(",") and ";" in header else ","


def _member(value: str) -> bool | None:
    key = _folded(value)
    if not key:
        return True
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    return None


def read_register(path: Path, shown_as: str) -> list[dict[str, Any]]:
    """The roster in ``path`` as the agenda's ``participants`` entries; AgendaError with every
    problem located (``shown_as``, line N) otherwise."""
    from seminar_cli.agenda.loader import read_bounded

    try:
        raw = read_bounded(path, MAX_BYTES, kind="register")
    except FileNotFoundError:
        raise AgendaError("register.no_file", file=shown_as) from None
    except IsADirectoryError:
        raise AgendaError("register.is_dir", file=shown_as) from None
    except OSError as exc:
        raise AgendaError("register.unreadable", file=shown_as, reason=exc.strerror) from None
    text = _decode(raw, shown_as)
    first_line = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first_line))
    problems: list[str] = []

    def problem(line: int, key: str, **params: Any) -> None:
        problems.append(t("register.problem", file=shown_as, line=line, message=t(key, **params)))

    try:
        rows = list(reader)
    except csv.Error as exc:
        raise AgendaError(
            "register.invalid",
            file=shown_as,
            problems=[t("register.problem", file=shown_as, line=reader.line_num, message=exc)],
        ) from None
    if not rows or not any(cell.strip() for cell in rows[0]):
        raise AgendaError("register.empty", file=shown_as)
    columns: list[str | None] = []
    for cell in rows[0]:
        name = _folded(cell)
        if not name:
            columns.append(None)  # Excel's trailing empty columns
            continue
        if name not in _COLUMNS:
            problem(1, "register.unknown_column", column=cell.strip())
        columns.append(_COLUMNS.get(name))
    if "name" not in columns:
        problem(1, "register.no_name_column")
    if problems:
        raise AgendaError("register.invalid", file=shown_as, problems=problems)
    people: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    line = 1
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue  # blank lines (Excel writes ";;;;" for them)
        entry: dict[str, Any] = {}
        for column, cell in zip(columns, row, strict=False):
            if column is not None and cell.strip():
                entry[column] = cell.strip()
        if len(row) > len(columns) and any(c.strip() for c in row[len(columns) :]):
            problem(line, "register.extra_cells", count=len(row), columns=len(columns))
            continue
        name = str(entry.get("name") or "")
        if not name:
            problem(line, "register.no_name")
            continue
        if len(name) > 200:
            problem(line, "register.long_name")
            continue
        member = _member(str(entry.get("member", "")))
        if member is None:
            problem(line, "register.member_value", value=entry["member"])
            continue
        entry["member"] = member
        key = name.casefold()  # as the agenda's roster tells duplicates
        if key in seen:
            problem(line, "register.duplicate", name=name, first=seen[key])
            continue
        seen[key] = line
        people.append(entry)
    if problems:
        raise AgendaError("register.invalid", file=shown_as, problems=problems)
    if not people:
        raise AgendaError("register.empty", file=shown_as)
    return people
