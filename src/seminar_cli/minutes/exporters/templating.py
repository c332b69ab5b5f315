"""Jinja2 environments for the document templates (imported only when rendering)."""

from __future__ import annotations

from functools import cache
from typing import Literal

import jinja2
import markupsafe

from seminar_cli.minutes.exporters.text import MdSafe, md_block, md_escape, md_inline, printable


def _html_value(value: object) -> object:
    """Text without the control characters a page cannot show; the templates' own markup
    (their macros' output) passes as it is."""
    if isinstance(value, str) and not isinstance(value, markupsafe.Markup):
        return printable(value)
    return value


@cache
def environment(kind: Literal["html", "md"]) -> jinja2.Environment:
    loader = jinja2.PackageLoader("seminar_cli.minutes", "templates")
    if kind == "html":
        env = jinja2.Environment(
            loader=loader,
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
            undefined=jinja2.StrictUndefined,
            finalize=_html_value,
        )
    else:
        # Markdown has no autoescaping: every value printed is escaped by ``finalize`` unless
        # it is Markdown the templates made themselves (MdSafe).
        env = jinja2.Environment(
            loader=loader,
            autoescape=False,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            undefined=jinja2.StrictUndefined,
            finalize=md_escape,
        )
        env.filters["md"] = md_escape
        env.filters["md_inline"] = md_inline
        env.filters["md_block"] = md_block
        env.filters["raw"] = MdSafe  # output of the templates' own macros
    return env
