"""The projector's /screen after a workshop closes its prompts, at 1280×720 as a projector
driven by a laptop shows it (no one scrolls a projected page): found in a rehearsal of the
default agenda, where the four results of « Ré-inventons » made a page 2334 px tall and the
room saw only the first result's first bars. docs/web.md promises every result of that segment
on one screen."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx

from tests.browser import DESKTOP, desktop_context
from tests.served_session import ServedSession
from tests.test_web_browser import expect_page, shoot

AGENDA = """\
title: Atelier
language: fr
participants:
  - name: Inès Benali
  - name: Élodie Perrin
segments:
  - id: atelier
    title: Ré-inventons la manière d'apprendre à faire alliance
    duration: 45m
    prompts:
      - id: table
        question: À quelle table travaillez-vous ?
        type: choice
        choices: [Jeunes, Chefs de projet sectoriels et territoriaux, Leaders d'opinion,
                  Catalyseurs nationaux et locaux]
        who: open
      - id: vivre
        question: Comment faire vivre à ce public l'expérience de l'alliance ?
        type: long_text
        who: open
      - id: leviers
        question: Quels leviers pour accompagner les compétences des catalyseurs ?
        type: multi
        max: 3
        choices: [Formation-action entre pairs, Mentorat par des catalyseurs expérimentés,
                  Outils et référentiels en libre accès, Reconnaissance des compétences,
                  Communauté de pratique nationale, Financement du temps consacré à la catalyse]
        who: open
      - id: outille
        question: Vous sentez-vous aujourd'hui outillé·e pour faire alliance ?
        type: yesno
        who: open
  - id: restitution
    title: Restitution des ateliers
    duration: 20m
"""
ANSWERS = {
    "table": "Jeunes",
    "vivre": "Des binômes entre publics",
    "leviers": ["Formation-action entre pairs", "Communauté de pratique nationale"],
    "outille": "oui",
}


def test_every_result_of_a_closed_workshop_fits_a_1280x720_projector(
    chromium: Any, tmp_path: Path
) -> None:
    expect = expect_page()
    room = ServedSession(tmp_path, AGENDA)
    desktop = desktop_context(chromium)
    try:
        for name in ("Inès Benali", "Élodie Perrin"):
            with httpx.Client(base_url=room.base, timeout=20) as phone:
                joined = phone.post("/api/join", json={"code": room.code, "name": name})
                phone.headers["Authorization"] = f"Bearer {joined.json()['token']}"
                for prompt, value in ANSWERS.items():
                    sent = phone.post("/api/answers", json={"prompt": prompt, "value": value})
                    assert sent.status_code == 201, sent.text
        page = desktop.new_page()
        page.goto(f"{room.base}/j/{room.code}/screen")
        room.next_segment()
        room.wait_segment("restitution")
        results = page.locator("section.results")
        expect(results).to_have_count(4)
        shoot(page, "screen-1280x720-four-results")
        height = DESKTOP["height"]
        # what does not fit at once takes turns (one at a time): what is shown is never cut
        shown = [section for section in results.all() if section.is_visible()]
        assert shown, "no result on the projector"
        below = [
            section.inner_text().splitlines()[0]
            for section in shown
            if section.evaluate("e => e.getBoundingClientRect().bottom") > height
        ]
        assert below == [], f"results below the projector's {height} px: {below}"
    finally:
        desktop.close()
        room.stop()
