"""Exporters of the minutes: small registered classes, one ``render(minutes)`` each.

The registry feeds ``seminar export --format``.  Importing it is cheap: each exporter imports
what it needs (Jinja2, python-docx) only when it renders.
"""

from __future__ import annotations

import importlib

from seminar_cli.minutes.exporters.base import REGISTRY, Exporter, get_exporter, register

# in the order of ``--help``: each module registers its exporter when imported
for _module in ("markdown", "html", "word", "jsonfmt", "csvfmt"):
    importlib.import_module(f"{__name__}.{_module}")

FORMAT_NAMES: tuple[str, ...] = tuple(REGISTRY)

__all__ = ["FORMAT_NAMES", "REGISTRY", "Exporter", "get_exporter", "register"]
