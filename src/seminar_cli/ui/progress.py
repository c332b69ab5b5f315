"""One line per step on stderr when a session runs without a screen (``--no-input``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from seminar_cli.durations import format_clock, format_human
from seminar_cli.i18n import counted, t
from seminar_cli.minutes.summary import room_count, room_count_key
from seminar_cli.session.service import SessionWriter
from seminar_cli.ui.console import say


def headless_reporter(writer: SessionWriter) -> Callable[[str, dict[str, Any]], None]:
    def report(what: str, details: dict[str, Any]) -> None:
        now = writer.clock.now().strftime("%H:%M:%S")
        if what in ("segment_started", "segment_resumed"):
            segment = details["segment"]
            key = "run.segment_started" if what == "segment_started" else "run.segment_resumed"
            seg = writer.state.segments[segment.id]
            # what was left when it (re)started: the line says the resumption, not how late
            # a loaded machine printed it (a rehearsal's clock runs on meanwhile)
            left = max(0, round(seg.remaining_at(seg.running_since or writer.clock.now())))
            say(
                t(
                    key,
                    time=now,
                    title=segment.title,
                    duration=format_human(seg.allotted),
                    left=format_clock(left),
                )
            )
        elif what == "prompt_closed":
            prompt = details["prompt"]
            # what the room screen says above the results: a show of hands counts its hands
            values = [a.value for a in writer.state.answers.get(prompt.id, [])]
            tally = counted(room_count_key(prompt.type.value), room_count(prompt, values))
            say(t("run.prompt_closed", time=now, question=prompt.question, counted=tally))
        elif what == "answer_rejected":
            say(details["message"], style="red")

    return report
