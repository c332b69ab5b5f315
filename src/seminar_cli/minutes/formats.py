"""The export formats, in one table: what ``seminar export --format`` takes, what each gives.

``cli/cmd_export.py`` reads its ``--format`` metavar and help from it, ``minutes/exporters``
finds the exporter of a format by it (importing that one module only), and ``docgen`` writes
the formats' table of docs/secretary.md from it.  Plain data, no import: the CLI reads it when
the app is built.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ExportFormat:
    name: str  # what --format takes
    extension: str  # of the file written by default
    media_type: str
    module: str  # minutes/exporters/<module>.py holds its exporter (registered under ``name``)
    doc: str  # what you get, in docs/secretary.md (English, as that guide)
    binary: bool = False  # bytes that a terminal cannot show


DEFAULT_FORMAT = "md"

# in the order of --help and of the guide
FORMATS: tuple[ExportFormat, ...] = (
    ExportFormat(
        "md",
        "md",
        "text/markdown; charset=utf-8",
        "markdown",
        doc=(
            "Markdown, for a wiki or a repository; what participants typed is escaped, so "
            "it shows as text; every list ends with a blank line, so a CommonMark renderer "
            "never folds a « Décisions » label into the last answer"
        ),
    ),
    ExportFormat(
        "html",
        "html",
        "text/html; charset=utf-8",
        "html",
        doc=(
            "one self-contained, printable file (styles inside, no script, nothing "
            "fetched): print it to PDF from a browser. On paper (A4) the parts follow one "
            "another without forced page breaks, a heading never ends a page, a resolution, "
            "a question, a table row and the closing with its signature lines are never "
            "cut, and pages are numbered « 2 / 7 » at the bottom (Chromium 131 and later, "
            "Firefox)"
        ),
    ),
    ExportFormat(
        "docx",
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "word",
        doc=(
            "Word, opens in Word and LibreOffice: real headings (questions at the level of "
            "« Notes », never skipping one), headings kept with what follows, a "
            "resolution's text, tally and verdict kept on one page, the PV's closing, "
            "« Fait à … » and signature block (titles, names, lines) kept on one page, "
            "table rows never split "
            "and header rows repeated on every page; the file's properties give the "
            "session's title, date, language and `seminar` as its author program"
        ),
        binary=True,
    ),
    ExportFormat(
        "json",
        "json",
        "application/json",
        "jsonfmt",
        doc=(
            'the minutes as data, `"format": "seminar-minutes/1"`, described by a JSON '
            "Schema: [minutes-schema.json](minutes-schema.json), also printed by `seminar "
            "export --schema`. Codes stay the same in every language (votes `pour`, "
            "`contre`, `abstention`, `blanc`; yes/no `oui`, `non`) with their words in the "
            "minutes' language beside them (`label` on an answer, `labels` on a prompt and "
            "a resolution); times in ISO 8601 with their offset"
        ),
    ),
    ExportFormat(
        "csv",
        "csv",
        "text/csv; charset=utf-8",
        "csvfmt",
        doc=(
            "one row per answer (tidy: one row per pick of a `multi`, per item of a "
            "`ranking` with its `rank`), below; UTF-8 with a BOM so Excel reads accents "
            "right. With `--kind pv`: the table of resolutions"
        ),
    ),
)
BY_NAME: dict[str, ExportFormat] = {f.name: f for f in FORMATS}
FORMAT_NAMES: tuple[str, ...] = tuple(BY_NAME)
METAVAR = "|".join(FORMAT_NAMES)


def find_format(name: str) -> ExportFormat | None:
    """The format ``name`` (any case, a leading dot allowed: ``.DOCX``), or None."""
    return BY_NAME.get(name.strip().lower().lstrip("."))


def formats_markdown() -> str:
    """The formats' table of docs/secretary.md."""
    lines = ["| `--format` | what you get |", "|---|---|"]
    for f in FORMATS:
        default = " (default)" if f.name == DEFAULT_FORMAT else ""
        lines.append(f"| `{f.name}`{default} | {f.doc} |")
    return "\n".join(lines)
