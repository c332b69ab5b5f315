"""A workshop's phone in a real Chromium (390×844, touch; PRODUCT §6, §9 "Streams"): a phone
that scanned the jeunes workshop's code sees which workshop and room it joined, the plenary
segment's countdown, the workshop's prompts (its own and the segment's shared one), answers
them, and sees the results once the workshop closes them.  Set ``SEMINAR_SCREENSHOTS=FOLDER``
to keep what the phone showed."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from seminar_cli.journal.events import EventType
from tests.browser import axe_violations, phone_context
from tests.conftest import subprocess_env
from tests.test_web_browser import expect_page, layout_problems, prompt_section, shoot
from tests.test_web_browser import send_and_see_recorded as send_and_see
from tests.workshop_web_helpers import JEUNES_CODE, JEUNES_TITLE, Workshops, running_workshops


@pytest.fixture
def workshops(tmp_path: Path) -> Iterator[Workshops]:
    with running_workshops(Path(subprocess_env(tmp_path)["SEMINAR_DB"])) as opened:
        yield opened


def test_a_phone_in_the_jeunes_workshop_sees_its_title_room_and_prompts_and_answers(
    chromium: Any, workshops: Workshops
) -> None:
    expect = expect_page()
    base = workshops.serve(JEUNES_CODE, "jeunes")
    context = phone_context(chromium)
    page = context.new_page()
    page.goto(f"{base}/j/{JEUNES_CODE}")
    # before a name is given, the page already says which workshop and room it is
    expect(page.locator("#workshop")).to_contain_text(f"Atelier : {JEUNES_TITLE}")
    expect(page.locator("#workshop")).to_contain_text("Salle : Salle Agora")
    page.locator("#name").fill("Maëlle")
    page.locator("button.pick:visible").click()
    expect(page.get_by_text("Vous êtes Maëlle Nguyen")).to_be_visible()
    expect(page.locator("#workshop")).to_contain_text(f"Atelier : {JEUNES_TITLE}")
    expect(page.locator("#workshop")).to_contain_text("Salle : Salle Agora")
    # the plenary's segment and its countdown: the workshop's time is the segment's
    expect(
        page.get_by_role("heading", name="Ré-inventons la manière d'apprendre à faire alliance")
    ).to_be_visible()
    expect(page.locator(".countdown .time")).to_have_text(re.compile(r"^[0-9:]+$"))
    expect(page.locator("section.prompt h3")).to_have_text(
        [
            "Vous sentez-vous aujourd'hui outillé·e pour faire alliance ?",
            "Quel format vous donnerait envie de vous engager dans une alliance ?",
        ]
    )
    assert axe_violations(page) == []
    assert layout_problems(page) == []
    shoot(page.locator("main"), "phone-390-workshop-prompts")

    section = prompt_section(
        page, "Quel format vous donnerait envie de vous engager dans une alliance ?"
    )
    section.get_by_label("Un hackathon territorial").check()
    send_and_see(section)
    section = prompt_section(page, "Vous sentez-vous aujourd'hui outillé·e pour faire alliance ?")
    section.get_by_label("Oui", exact=True).check()
    send_and_see(section, "Réponse enregistrée (anonyme)")

    # the workshop closes its prompts: the phone shows the results by itself
    workshops.jeunes.record(EventType.prompt_closed, prompt="jeunes-format")
    workshops.jeunes.record(EventType.prompt_closed, prompt="outille-alliance")
    expect(page.get_by_role("heading", name="Résultats")).to_be_visible()
    results = page.locator("section.results")
    # the anonymous one has fewer than three answers: never shown (PRODUCT §3)
    expect(results).to_have_count(1)
    expect(results).to_contain_text("Un hackathon territorial")
    expect(page.locator("section.prompt")).to_have_count(0)
    assert layout_problems(page) == []
    shoot(page.locator("main"), "phone-390-workshop-results")
    context.close()

    answers = [
        (stream, p["prompt"], p.get("participant"), p["value"])
        for stream, kind, p in workshops.events()
        if kind == "answer_given"
    ]
    assert sorted(answers, key=lambda a: a[1]) == [
        ("jeunes", "jeunes-format", "Maëlle Nguyen", "Un hackathon territorial"),
        ("jeunes", "outille-alliance", None, "oui"),
    ]
