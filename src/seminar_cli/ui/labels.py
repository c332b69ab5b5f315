"""Translated labels of agenda enums."""

from __future__ import annotations

from seminar_cli.agenda.models import PromptType, SegmentKind, Who
from seminar_cli.i18n import t


def kind_label(kind: SegmentKind) -> str:
    return t(f"kind.{kind.value}")


def prompt_type_label(kind: PromptType) -> str:
    from seminar_cli.session.prompt_types import PROMPT_TYPES

    return t(PROMPT_TYPES[kind].label)


def who_label(who: Who) -> str:
    return t(f"who.{who.value}")
