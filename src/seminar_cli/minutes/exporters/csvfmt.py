"""CSV: one row per answer, UTF-8 with a BOM (so a French Excel reads the accents right).

The separator follows the minutes' language, as its readers' spreadsheets expect: a French Excel
or LibreOffice splits on ``;`` (the comma is the French decimal mark), an English one on ``,``.

A cell that a spreadsheet would take for a formula (leading ``=``, ``+``, ``-``, ``@``, tab or
carriage return) is neutralised with a leading apostrophe.
"""

from __future__ import annotations

import csv
import io
import re
from typing import TYPE_CHECKING, Any

from seminar_cli.minutes.exporters.base import Exporter, register
from seminar_cli.minutes.exporters.text import printable

if TYPE_CHECKING:
    from seminar_cli.minutes.model import Minutes

COLUMNS = ("session", "segment", "prompt", "question", "type", "participant", "value", "time")
TALLY_ORDER = ("pour", "contre", "abstention", "blanc")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
SEPARATORS = {"fr": ";", "en": ","}
_NUMBER = re.compile(r"^-?\d+(?:[.,]\d+)?$")


def neutralise(cell: str) -> str:
    """``=HYPERLINK(…)`` -> ``'=HYPERLINK(…)``; a plain number such as ``-2`` stays a number."""
    if cell.startswith(_FORMULA_START) and not _NUMBER.match(cell):
        return "'" + cell
    return cell


def value_cell(value: Any) -> str:
    """Lists joined with "; ", tallies as "pour=7; contre=2; abstention=1; blanc=0"."""
    if isinstance(value, dict):
        keys = [k for k in TALLY_ORDER if k in value] + [k for k in value if k not in TALLY_ORDER]
        return "; ".join(f"{k}={value[k]}" for k in keys)
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)


@register
class CsvExporter(Exporter):
    name = "csv"
    extension = "csv"
    media_type = "text/csv; charset=utf-8"

    def render(self, minutes: Minutes) -> str:
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=SEPARATORS[minutes.language], lineterminator="\r\n")
        writer.writerow(COLUMNS)
        session = minutes.session.id
        for segment in minutes.segments:
            for prompt in segment.prompts:
                for response in prompt.responses:
                    row = (
                        session,
                        segment.id,
                        prompt.id,
                        prompt.question,
                        prompt.type,
                        response.participant or "",
                        value_cell(response.value),
                        response.at.isoformat(timespec="seconds") if response.at else "",
                    )
                    writer.writerow([neutralise(printable(cell)) for cell in row])
        return "\ufeff" + buffer.getvalue()
