"""Markdown: for a repository or a wiki; participants' text escaped so it renders as text."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from seminar_cli.minutes.exporters.base import Exporter, register

if TYPE_CHECKING:
    from seminar_cli.minutes.model import Minutes


@register
class MarkdownExporter(Exporter):
    name = "md"

    def render(self, minutes: Minutes) -> str:
        from seminar_cli.minutes.exporters.templating import environment
        from seminar_cli.minutes.exporters.text import Formatter
        from seminar_cli.minutes.exporters.view import pv_view, report_view

        env = environment("md")
        colon = Formatter(minutes.language).colon
        if minutes.kind == "pv":
            text = env.get_template("pv.md.j2").render(v=pv_view(minutes), c=colon)
        else:
            text = env.get_template("report.md.j2").render(v=report_view(minutes), c=colon)
        return tidy(text)


def tidy(text: str) -> str:
    """One blank line between blocks, and one before every heading.  Participants' text cannot
    start a line with ``#`` (it is escaped), so only the templates' headings are touched."""
    text = re.sub(r"(?m)[ \t]+$", lambda m: m.group(0) if m.group(0) == "  " else "", text)
    text = re.sub(r"([^\n])\n(#{1,6} )", r"\1\n\n\2", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip() + "\n"
