"""CSV: one row per answer, UTF-8 with a BOM (so a French Excel reads the accents right).

Tidy, for a pivot table: one row per answer (one per pick of a multi, one per item of a ranking
with its ``rank``), the value alone in its column (the label of a code: « oui », "yes"), and a
vote's ballots in four numeric columns named by code (``pour``, ``contre``, ``abstention``,
``blanc``).  A workshop's answers carry its id in the last column, ``workshop`` (PRODUCT §8;
empty for the plenary's), so a pivot table compares them.  The procès-verbal (``--kind pv``)
is the table of its resolutions.

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
    from seminar_cli.minutes.model import Minutes, PromptMinutes, Response

COLUMNS = (
    "session",
    "segment",
    "prompt",
    "question",
    "type",
    "answer",
    "participant",
    "value",
    "rank",
    "pour",
    "contre",
    "abstention",
    "blanc",
    "time",
    "workshop",  # the workshop's id where it was answered (PRODUCT §8); empty: the plenary
)
TALLY_ORDER = ("pour", "contre", "abstention", "blanc")
PV_COLUMNS = (
    "session",
    "number",
    "segment",
    "prompt",
    "question",
    "ballot",
    "pour",
    "contre",
    "abstention",
    "blanc",
    "votes_cast",
    "ballots",
    "voters",
    "majority",
    "outcome",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
SEPARATORS = {"fr": ";", "en": ","}
_NUMBER = re.compile(r"^-?\d+(?:[.,]\d+)?$")

Cell = str | int


def neutralise(cell: str) -> str:
    """``=HYPERLINK(…)`` -> ``'=HYPERLINK(…)``; a plain number such as ``-2`` stays a number."""
    if cell.startswith(_FORMULA_START) and not _NUMBER.match(cell):
        return "'" + cell
    return cell


def tally_cells(value: Any) -> list[Cell]:
    """The four tally columns of a vote's row: a ballot counts 1 in its code's column, a room's
    tally gives its counts; so summing a column counts the votes whatever their shape."""
    if isinstance(value, dict):
        return [int(value.get(code, 0)) for code in TALLY_ORDER]
    return [1 if value == code else 0 for code in TALLY_ORDER]


def answer_rows(prompt: PromptMinutes, response: Response) -> list[tuple[Cell, Cell, list[Cell]]]:
    """``(value, rank, tallies)`` for each row of one answer: one row per pick of a multi, one
    per item of a ranking (rank 1 the best), one row otherwise.  The value is the label of a
    code (« oui », "yes"), never the code: the code columns are the tally columns."""
    value = response.value
    no_tally: list[Cell] = ["", "", "", ""]
    if prompt.type == "vote":
        label = response.label or ("" if isinstance(value, dict) else str(value))
        return [(label, "", tally_cells(value))]
    if prompt.type == "election" and value == []:  # a blank ballot: counted in « blanc »
        return [("", "", [0, 0, 0, 1])]
    if isinstance(value, list):
        ranked = prompt.type == "ranking"
        return [(str(v), i if ranked else "", no_tally) for i, v in enumerate(value, start=1)]
    if isinstance(value, dict):  # not produced today: kept readable rather than dropped
        return [(f"{k}={v}", "", no_tally) for k, v in value.items()]
    if prompt.type == "yesno" and response.label:
        return [(response.label, "", no_tally)]
    return [(value, "", no_tally)]


@register
class CsvExporter(Exporter):
    name = "csv"

    def render(self, minutes: Minutes) -> str:
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=SEPARATORS[minutes.language], lineterminator="\r\n")
        if minutes.kind == "pv":
            self._resolutions(minutes, writer)
        else:
            self._answers(minutes, writer)
        return "\ufeff" + buffer.getvalue()

    @staticmethod
    def _write(writer: Any, row: list[Cell]) -> None:
        writer.writerow(
            [cell if isinstance(cell, int) else neutralise(printable(cell)) for cell in row]
        )

    def _answers(self, minutes: Minutes, writer: Any) -> None:
        """One row per answer (per pick, per ranked item): the tidy shape a pivot table counts."""
        writer.writerow(COLUMNS)
        session = minutes.session.id
        for segment in minutes.segments:
            asked: list[tuple[str, PromptMinutes]] = [("", p) for p in segment.prompts]
            # each workshop's own prompts, then the segment's as each workshop answered them
            for workshop in segment.workshops:
                asked += [(workshop.id, p) for p in (*workshop.prompts, *workshop.shared)]
            for workshop_id, prompt in asked:
                for number, response in enumerate(prompt.responses, start=1):
                    at = response.at.isoformat(timespec="seconds") if response.at else ""
                    for value, rank, tallies in answer_rows(prompt, response):
                        head: list[Cell] = [
                            session,
                            segment.id,
                            prompt.id,
                            prompt.question,
                            prompt.type,
                            number,
                            response.participant or "",
                            value,
                            rank,
                        ]
                        self._write(writer, [*head, *tallies, at, workshop_id])

    def _resolutions(self, minutes: Minutes, writer: Any) -> None:
        """The procès-verbal's resolutions: one row each, with its counts and outcome."""
        from seminar_cli.minutes.exporters.text import Formatter

        f = Formatter(minutes.language)
        writer.writerow(PV_COLUMNS)
        assembly = minutes.assembly
        for r in assembly.resolutions if assembly else []:
            ballot = f(f"min.csv.ballot.{r.ballot}")
            if not r.voted:
                outcome = f("min.csv.outcome.not_voted")
            else:
                outcome = f("min.csv.outcome.adopted" if r.adopted else "min.csv.outcome.rejected")
            row: list[Cell] = [
                minutes.session.id,
                r.number,
                r.segment,
                r.prompt,
                r.question,
                ballot,
                *[int(r.counts.get(code, 0)) for code in TALLY_ORDER],
                r.votes_cast,
                r.ballots,
                "" if r.voters is None else r.voters,  # present or represented as it opened
                f(f"min.csv.majority.{r.majority}"),
                outcome,
            ]
            self._write(writer, row)
