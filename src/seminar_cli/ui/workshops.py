"""How a segment's parallel workshops read on a screen (``agenda show``, the plenary live
screen): plain text, drawn by the caller."""

from __future__ import annotations

from typing import TYPE_CHECKING

from seminar_cli.i18n import t

if TYPE_CHECKING:
    from seminar_cli.agenda.models import Segment, Workshop

MARK = "◆"


def workshop_place(workshop: Workshop) -> str:
    """Where it is and who leads it: « Salle Agora · animé par Lucie Fontaine »."""
    facts = [workshop.room] if workshop.room else []
    if workshop.facilitator:
        facts.append(t("workshops.led_by", name=workshop.facilitator))
    return " · ".join(facts)


def plenary_text(segment: Segment) -> str | None:
    """What the plenary screen shows under a segment's title: its workshops, each with its
    room and facilitator (where people go: first, so it stays when the screen is short), then
    its description.  A segment without workshops shows its description as it is."""
    if not segment.workshops:
        return segment.description
    lines = [t("workshops.heading", count=len(segment.workshops))]
    for workshop in segment.workshops:
        place = workshop_place(workshop)
        # a title often holds a dash already: the colon tells where the place begins
        line = t("workshops.line", title=workshop.title, place=place) if place else workshop.title
        lines.append(f"{MARK} {line}")
    if segment.description:
        lines.append(segment.description)
    return "\n".join(lines)
