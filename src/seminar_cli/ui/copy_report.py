"""What ``seminar journal copy`` says: a line per session (journal/copy.py's report)."""

from __future__ import annotations

from seminar_cli.i18n import counted, t
from seminar_cli.journal.copy import CopyReport, SessionCopy
from seminar_cli.journal.store import PLENARY


def report_lines(report: CopyReport) -> list[str]:
    """The header, then each session copied or up to date, oldest first; the refused ones
    are said by the error that ends the command (on stderr, exit 1)."""
    if not report.sessions:
        return [t("copy.none", source=report.source)]
    lines = [t("copy.header", source=report.source, dest=report.destination)]
    for copy in report.sessions:
        if copy.refusal is None:
            lines.append(_line(copy))
        if copy.left_waiting:
            lines.append("  " + counted("copy.waiting", copy.left_waiting, id=copy.session_id))
    return lines


def _line(copy: SessionCopy) -> str:
    if copy.up_to_date:
        return t("copy.up_to_date", id=copy.session_id)
    if not copy.copied:
        return t("copy.updated", id=copy.session_id)
    streams = ", ".join(
        t("copy.part.plenary", count=count)
        if stream == PLENARY
        else t("copy.part.workshop", id=stream, count=count)
        for stream, count in copy.copied.items()
    )
    key = "copy.created" if copy.created else "copy.copied"
    return counted(key, copy.events, id=copy.session_id, streams=streams)
