"""HTML: one self-contained, printable file (inline CSS, no script, nothing fetched)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from seminar_cli.minutes.exporters.base import Exporter, register

if TYPE_CHECKING:
    from seminar_cli.minutes.model import Minutes


@register
class HtmlExporter(Exporter):
    name = "html"

    def render(self, minutes: Minutes) -> str:
        from seminar_cli.minutes.exporters.templating import environment
        from seminar_cli.minutes.exporters.view import pv_view, report_view

        env = environment("html")
        if minutes.kind == "pv":
            return env.get_template("pv.html.j2").render(v=pv_view(minutes))
        return env.get_template("report.html.j2").render(v=report_view(minutes))
