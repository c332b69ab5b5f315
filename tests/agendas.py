"""Agenda texts that several test modules run: one copy each, so that a change of the agenda
format is made once."""

from __future__ import annotations

# one short segment, nothing asked: enough for a session to exist
TWO_MINUTES = """\
title: Petit essai
segments:
  - title: Accueil
    duration: 2m
"""

# two participants, a segment whose prompt asks each of them in turn, and a last segment
OFFICE_MEETING = """\
title: Réunion de bureau
participants:
  - name: Ana Lopez
  - name: Bruno Petit
segments:
  - id: point
    title: Point d'étape
    duration: 5m
    prompts:
      - id: humeur
        question: Comment ça va ?
        type: choice
        choices: [bien, moyen]
        who: each
  - id: fin
    title: Conclusion
    duration: 5m
"""
