"""Helpers of the phones-in-the-room tests: a live session whose every prompt type is open to
phones, its Room service and the Starlette app over it."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from seminar_cli.agenda.loader import LoadedAgenda, parse_agenda_text
from seminar_cli.journal.events import EventType
from seminar_cli.journal.store import Journal
from seminar_cli.session.room import Room
from seminar_cli.session.service import SessionSetup, SessionWriter, open_session
from seminar_cli.timer import SystemClock

AGENDA = """\
title: Atelier des téléphones
language: {language}
participants:
  - name: Inès Benali
  - name: Camille Martin
  - name: Sam Taylor
segments:
  - id: ouverture
    title: Ouverture
    duration: 30m
    prompts:
      - {{id: humeur, question: "Votre humeur ?", type: text}}
      - {{id: long, question: "Racontez", type: long_text}}
      - {{id: ville, question: "Quelle ville ?", type: choice, choices: [Lyon, Paris, Lille]}}
      - {{id: themes, question: "Thèmes", type: multi, choices: [climat, emploi, santé], min: 1, max: 2}}
      - {{id: note, question: "Note", type: rating, min: 1, max: 5}}
      - {{id: accord, question: "D'accord ?", type: yesno}}
      - {{id: mots, question: "Trois mots", type: words, max_words: 3}}
      - {{id: ordre, question: "Classez", type: ranking, choices: [A, B, C]}}
      - {{id: motion, question: "Adoptez-vous ?", type: vote}}
      - {{id: secret, question: "Scrutin secret", type: vote, anonymous: true}}
      - {{id: anonyme, question: "Un mot anonyme", type: text, anonymous: true}}
      - {{id: tour, question: "Tour de table", type: text, who: each}}
  - id: suite
    title: Suite
    duration: 10m
"""


@dataclass
class LiveSession:
    journal: Journal
    writer: SessionWriter
    session_id: str

    @property
    def path(self) -> Path:
        return self.journal.path

    def close_prompt(self, prompt: str) -> None:
        self.writer.record(EventType.prompt_closed, prompt=prompt, segment="ouverture")

    def open_room(self, code: str | None = "ABCDEF") -> Room:
        """The web server's own Room, with its own connection (as ``serve`` has)."""
        other = Journal.open(self.path, create=False)
        return Room(other, other.session(self.session_id), code)


def live_session(language: str = "fr") -> LiveSession:
    """A session opened on the test's journal, its first segment running and every prompt
    of it open (the ``who: each`` one too, which phones must not reach)."""
    text = AGENDA.format(language=language)
    agenda = parse_agenda_text(text, "phones.yaml")
    loaded = LoadedAgenda(agenda, "phones.yaml", text)
    journal = Journal.open(Path(os.environ["SEMINAR_DB"]))
    clock = SystemClock()
    session_id = open_session(journal, loaded, SessionSetup(), clock)
    writer = SessionWriter(journal, journal.session(session_id), clock)
    writer.hold_anonymous_key()  # as the runner does: this process opens the sealed answers
    writer.record(EventType.segment_started, segment="ouverture")
    for prompt in agenda.segments[0].prompts:
        writer.record(EventType.prompt_opened, prompt=prompt.id, segment="ouverture")
    return LiveSession(journal, writer, session_id)
