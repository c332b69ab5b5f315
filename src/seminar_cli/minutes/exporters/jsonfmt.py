"""JSON: exactly the minutes model, ``"format": "seminar-minutes/1"``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from seminar_cli.minutes.exporters.base import Exporter, register

if TYPE_CHECKING:
    from seminar_cli.minutes.model import Minutes


@register
class JsonExporter(Exporter):
    name = "json"

    def render(self, minutes: Minutes) -> str:
        return minutes.model_dump_json(indent=2) + "\n"
