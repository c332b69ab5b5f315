"""The commented starter agenda written by ``seminar agenda new``."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from seminar_cli.agenda.models import PromptType, slugify
from seminar_cli.durations import format_duration_spec


@dataclass
class StarterSegment:
    title: str
    duration: int  # seconds
    kind: str = "discussion"


@dataclass
class StarterAnswers:
    title: str
    language: str = "fr"
    organization: str | None = None
    starts_at: str | None = None
    ends_by: str | None = None
    segments: list[StarterSegment] = field(default_factory=list)


_HEADER = {
    "fr": """\
# Agenda de séminaire pour `seminar` — vérifiez-le avec : seminar agenda validate FICHIER
# Durées : 15m, 1h30, 90s, 1h, ou un nombre de minutes.
# Types de séquence (kind) : welcome, presentation, keynote, discussion, workshop, break,
#   restitution, vote, closing.
# Types de question (type) : {types}.
# Qui répond (who) : each (chacun à tour de rôle), open (chacun depuis `seminar join`),
#   room (une réponse pour la salle).
""",
    "en": """\
# Seminar agenda for `seminar` — check it with: seminar agenda validate FILE
# Durations: 15m, 1h30, 90s, 1h, or a number of minutes.
# Segment kinds: welcome, presentation, keynote, discussion, workshop, break, restitution,
#   vote, closing.
# Prompt types: {types}.
# Who answers: each (everyone in turn), open (anyone with `seminar join`), room (one answer).
""",
}

_EXAMPLE = {
    "fr": """\
# Exemple d'une séquence complète (à copier sous segments:) :
#  - id: tour-de-table
#    title: Tour de table
#    kind: discussion
#    duration: 20m
#    speaker: Camille Martin
#    description: Chacun se présente en une phrase.     # montré à la salle
#    notes: Garder 30 secondes par personne.            # notes de l'animateur
#    warn_at: [5m, 1m]
#    fixed: false                                       # true : jamais raccourcie
#    prompts:
#      - id: attentes
#        question: Qu'attendez-vous de cet après-midi ?
#        type: words
#        max_words: 3
#        who: open
""",
    "en": """\
# A complete segment, for reference (copy it under segments:):
#  - id: check-in
#    title: Check-in
#    kind: discussion
#    duration: 20m
#    speaker: Sam Taylor
#    description: Everyone introduces themselves in one sentence.   # shown to the room
#    notes: Keep it to 30 seconds each.                             # facilitator's notes
#    warn_at: [5m, 1m]
#    fixed: false                                                   # true: never shortened
#    prompts:
#      - id: expectations
#        question: What do you expect from this session?
#        type: words
#        max_words: 3
#        who: open
""",
}


def render_starter(answers: StarterAnswers) -> str:
    data: dict[str, object] = {"title": answers.title, "language": answers.language}
    if answers.organization:
        data["organization"] = answers.organization
    if answers.starts_at:
        data["starts_at"] = answers.starts_at
    if answers.ends_by:
        data["ends_by"] = answers.ends_by
    data["participants"] = []
    segments: list[dict[str, object]] = []
    taken: set[str] = set()
    for segment in answers.segments:
        entry: dict[str, object] = {}
        # two segments titled alike ("Pause" twice) would get the same default id: number them
        slug = base = slugify(segment.title)[:60].rstrip("-")
        count = 1
        while slug in taken:
            count += 1
            slug = f"{base}-{count}"
        if slug != base:
            entry["id"] = slug
        taken.add(slug)
        entry.update(
            title=segment.title,
            kind=segment.kind,
            duration=format_duration_spec(segment.duration),
        )
        segments.append(entry)
    data["segments"] = segments
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    lang = answers.language if answers.language in _HEADER else "fr"
    types = ", ".join(kind.value for kind in PromptType)  # every type the models know
    return _HEADER[lang].format(types=types) + "\n" + body + "\n" + _EXAMPLE[lang]


def copy_register(source: Path, target: Path) -> None:
    """The register of members beside the copied agenda (its participants_file), unless a
    file of that name is there already: it is the user's own register."""
    if target.exists() or not source.is_file():
        return
    target.write_bytes(source.read_bytes())
