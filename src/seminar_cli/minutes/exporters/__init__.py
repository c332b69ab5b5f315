"""Exporters of the minutes: small registered classes, one ``render(minutes)`` each.

Which formats exist, and what each is called, is ``minutes/formats.py``'s table; importing
this package registers every exporter (``get_exporter`` alone imports only the one it needs).
Each exporter imports what it needs (Jinja2, python-docx) only when it renders.
"""

from __future__ import annotations

import importlib

from seminar_cli.minutes.exporters.base import REGISTRY, Exporter, get_exporter, register
from seminar_cli.minutes.formats import FORMAT_NAMES, FORMATS

for _format in FORMATS:
    importlib.import_module(f"{__name__}.{_format.module}")

__all__ = ["FORMAT_NAMES", "REGISTRY", "Exporter", "get_exporter", "register"]
