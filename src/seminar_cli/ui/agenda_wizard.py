"""The questions of ``seminar agenda new`` (questionary)."""

from __future__ import annotations

from seminar_cli.agenda.models import SegmentKind
from seminar_cli.agenda.starter import StarterAnswers, StarterSegment
from seminar_cli.durations import DurationError, parse_duration
from seminar_cli.errors import Interrupted, NoTerminalError
from seminar_cli.i18n import LANGUAGES, current_language, t
from seminar_cli.ui.console import has_terminal
from seminar_cli.ui.labels import kind_label


def _valid_time(value: str) -> bool | str:
    import re

    if not value.strip() or re.fullmatch(r"\s*([01]?\d|2[0-3])[:hH][0-5]\d\s*", value):
        return True
    return t("agenda.new.bad_time")


def _valid_duration(value: str) -> bool | str:
    try:
        parse_duration(value)
    except DurationError:
        return t("agenda.new.bad_duration")
    return True


def ask_starter() -> StarterAnswers:
    if not has_terminal():
        raise NoTerminalError("common.no_terminal_new")
    import questionary

    def ask(question: questionary.Question) -> str:
        answer = question.ask()
        if answer is None:  # Ctrl-C
            raise Interrupted("common.interrupted")
        return str(answer)

    title = ask(questionary.text(t("agenda.new.ask_title"), default=t("agenda.new.default_title")))
    organization = ask(questionary.text(t("agenda.new.ask_organization")))
    languages = [questionary.Choice(t(f"agenda.new.lang.{code}"), value=code) for code in LANGUAGES]
    language = ask(
        questionary.select(
            t("agenda.new.ask_language"),
            choices=languages,
            default=current_language(),
            instruction=t("prompt.hint.select"),
        )
    )
    starts_at = ask(questionary.text(t("agenda.new.ask_starts_at"), validate=_valid_time))
    ends_by = ask(questionary.text(t("agenda.new.ask_ends_by"), validate=_valid_time))
    segments: list[StarterSegment] = []
    while True:
        label = ask(questionary.text(t("agenda.new.ask_segment", n=len(segments) + 1)))
        if not label.strip():
            if segments:
                break
            questionary.print(t("agenda.new.need_segment"))
            continue
        duration = ask(
            questionary.text(t("agenda.new.ask_duration"), default="15m", validate=_valid_duration)
        )
        kinds = [questionary.Choice(kind_label(k), value=k.value) for k in SegmentKind]
        kind = ask(
            questionary.select(
                t("agenda.new.ask_kind"),
                choices=kinds,
                default=SegmentKind.discussion.value,
                instruction=t("prompt.hint.select"),
            )
        )
        segments.append(StarterSegment(label.strip(), parse_duration(duration), kind))
    return StarterAnswers(
        title=title.strip() or t("agenda.new.default_title"),
        language=language,
        organization=organization.strip() or None,
        starts_at=starts_at.strip().replace("h", ":").replace("H", ":") or None,
        ends_by=ends_by.strip().replace("h", ":").replace("H", ":") or None,
        segments=segments,
    )
