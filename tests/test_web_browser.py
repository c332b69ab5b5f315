"""Phones in the room, in a real Chromium (PRODUCT §6, issue #14): a served session
(``seminar start --serve --host 127.0.0.1`` on a pseudo-terminal, the facilitator's keys
pressed by the test) and a phone-sized page (390×844, touch) that joins by name, answers every
prompt type with its mobile control, sees « Réponse enregistrée », stays known after a reload,
sees the results only once the facilitator closes the prompts; in French and in English; a
hostile name is shown as text; the keyboard alone answers; axe-core finds no violation.

One Chromium for the module (``chromium`` fixture), one phone (its own cookies) per test, one
served session per test. Set ``SEMINAR_SCREENSHOTS=FOLDER`` to keep screenshots of what the
phone, the projector (/screen) and the speaker's timer (/timer) show."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser import DESKTOP, PHONE, axe_violations, desktop_context, phone_context
from tests.served_session import ServedSession

AGENDA = """\
title: Essai des téléphones
language: {language}
participants:
  - name: Élodie Lefèvre
  - name: Bruno Petit
  - name: Chloé Roy
segments:
  - id: questions
    title: Questions à la salle
    duration: 3h
    prompts:
      - {{id: format, question: "Quel format préférez-vous ?", type: choice, choices: [Plénière, Ateliers, Les deux], who: open}}
      - {{id: sujets, question: "Quels sujets creuser ?", type: multi, choices: [Jeunes, Territoires, Entreprises], who: open}}
      - {{id: utilite, question: "Utilité de la séquence ?", type: rating, min: 1, max: 5, labels: {{1: Pas du tout, 5: Tout à fait}}, who: open}}
      - {{id: suite, question: "Une suite en juin ?", type: yesno, who: open}}
      - {{id: priorites, question: "Classez ces priorités", type: ranking, choices: [Former les jeunes, Outiller les catalyseurs, Mesurer l'impact], who: open}}
      - {{id: moment, question: "Quel moment vous a marqué ?", type: text, who: open}}
      - {{id: recit, question: "Racontez une alliance réussie", type: long_text, who: open}}
      - {{id: mots, question: "Trois mots pour demain", type: words, max_words: 3, who: open}}
      - {{id: motion, question: "Approuvez-vous la feuille de route ?", type: vote, who: open}}
  - id: fin
    title: Clôture
    duration: 10m
"""

SCREENSHOTS = os.environ.get("SEMINAR_SCREENSHOTS")


def shoot(target: Any, name: str) -> None:
    """A screenshot for a person to look at (only when SEMINAR_SCREENSHOTS names a folder)."""
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        target.screenshot(path=str(Path(SCREENSHOTS) / f"{name}.png"))


@pytest.fixture
def room(tmp_path: Path) -> Iterator[ServedSession]:
    served = ServedSession(tmp_path, AGENDA.format(language="fr"))
    try:
        yield served
    finally:
        served.stop()


def expect_page():  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    # an assertion waits until it holds: 5 s (the default) is short on two loaded cores
    expect.set_options(timeout=20_000)
    return expect


def layout_problems(page: Any) -> list[str]:
    """What makes a phone page hard to use with a thumb: a page wider than the screen (content
    cut or scrolled sideways), a button or an option smaller than 44 CSS pixels high (WCAG's
    target size)."""
    problems = []
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > page.viewport_size["width"]:
        problems.append(f"the page is {width} px wide on a {page.viewport_size['width']} px screen")
    small = page.evaluate(
        """() => [...document.querySelectorAll('button, label.option, input[type=text], textarea')]
            .filter(e => e.offsetParent !== null && e.getBoundingClientRect().height < 44)
            .map(e => e.outerHTML.slice(0, 80))"""
    )
    problems += [f"a target under 44 px: {html}" for html in small]
    return problems


def join(page: Any, room: ServedSession, typed: str) -> None:
    page.goto(room.join_url)
    page.get_by_label(re.compile("Votre nom|Your name")).fill(typed)
    page.get_by_role("button", name=re.compile("^(Rejoindre|Join)$")).click()


def prompt_section(page: Any, question: str) -> Any:
    return page.locator("section.prompt").filter(
        has=page.get_by_role("heading", name=question, exact=True)
    )


def send_and_see_recorded(section: Any, recorded: str = "Réponse enregistrée") -> None:
    expect = expect_page()
    section.get_by_role("button", name=re.compile("^(Envoyer|Send)$")).click()
    expect(section.get_by_role("status")).to_contain_text(recorded)


def responses(minutes: dict[str, Any], prompt: str) -> list[dict[str, Any]]:
    for segment in minutes["segments"]:
        for entry in segment.get("prompts", []):
            if entry["id"] == prompt:
                found: list[dict[str, Any]] = entry["responses"]
                return found
    raise AssertionError(f"no prompt {prompt} in the minutes")


# -- the whole flow, in French ------------------------------------------------------------
def test_a_phone_joins_by_name_answers_every_type_and_sees_results_only_after_the_close(
    chromium: Any, room: ServedSession
) -> None:
    expect = expect_page()
    context = phone_context(chromium)
    page = context.new_page()
    page.goto(room.join_url)
    # the roster is a list of names that narrows as one types, accents and case ignored
    roster = page.locator("button.pick")
    expect(roster).to_have_count(3)
    assert "Élodie Lefèvre" in roster.all_text_contents()
    assert axe_violations(page) == []
    shoot(page, "phone-390-join")
    page.locator("#name").fill("ELODIE")
    expect(page.locator("button.pick:visible")).to_have_text(["Élodie Lefèvre"])
    page.locator("#name").fill("")
    expect(page.locator("button.pick:visible")).to_have_count(3)
    join(page, room, "  elodie LEFEVRE ")
    expect(page.get_by_text("Vous êtes Élodie Lefèvre")).to_be_visible()
    expect(page.get_by_role("heading", name="Questions à la salle")).to_be_visible()
    expect(page.locator(".countdown .time")).to_have_text(re.compile(r"^[0-9:]+$"))
    assert axe_violations(page) == []
    assert layout_problems(page) == []
    shoot(page.locator("main"), "phone-390-prompts-full")

    # choice: one radio button a thumb can hit
    section = prompt_section(page, "Quel format préférez-vous ?")
    section.get_by_label("Ateliers").check()
    shoot(section, "phone-390-choice")
    send_and_see_recorded(section)
    # multi: check boxes
    section = prompt_section(page, "Quels sujets creuser ?")
    section.get_by_label("Jeunes").check()
    section.get_by_label("Territoires").check()
    shoot(section, "phone-390-multi")
    send_and_see_recorded(section)
    # rating: the scale as radio buttons, its ends labelled
    section = prompt_section(page, "Utilité de la séquence ?")
    section.get_by_label("4", exact=True).check()
    shoot(section, "phone-390-rating")
    send_and_see_recorded(section)
    # yes / no, in words
    section = prompt_section(page, "Une suite en juin ?")
    section.get_by_label("Oui", exact=True).check()
    shoot(section, "phone-390-yesno")
    send_and_see_recorded(section)
    # ranking: reordered with buttons, no dragging
    section = prompt_section(page, "Classez ces priorités")
    section.get_by_role("button", name="Descendre « Former les jeunes »").click()
    section.get_by_role("button", name="Monter « Mesurer l'impact »").click()
    expect(section.locator(".rank-label")).to_have_text(
        ["Outiller les catalyseurs", "Mesurer l'impact", "Former les jeunes"]
    )
    shoot(section, "phone-390-ranking")
    send_and_see_recorded(section)
    # text, long text, words: typed
    section = prompt_section(page, "Quel moment vous a marqué ?")
    section.get_by_label("Quel moment vous a marqué ?").fill("La visite des territoires")
    shoot(section, "phone-390-text")
    send_and_see_recorded(section)
    section = prompt_section(page, "Racontez une alliance réussie")
    section.get_by_label("Racontez une alliance réussie").fill("Une école,\nune entreprise.")
    shoot(section, "phone-390-long_text")
    send_and_see_recorded(section)
    section = prompt_section(page, "Trois mots pour demain")
    section.get_by_label("Trois mots pour demain").fill("confiance, jeunesse, territoires")
    shoot(section, "phone-390-words")
    send_and_see_recorded(section)
    # a resolution: pour / contre / abstention / blanc, in words; a vote from phones waits for
    # the facilitator's key p (PRODUCT §9), and the page shows it as it opens
    room.press("p")
    section = prompt_section(page, "Approuvez-vous la feuille de route ?")
    section.get_by_label("Pour", exact=True).check()
    shoot(section, "phone-390-vote")
    send_and_see_recorded(section)
    shoot(page.locator("main"), "phone-390-all-answered")

    # results are never shown while the prompts are open (early answers must not sway others)
    expect(page.get_by_role("heading", name="Résultats")).to_have_count(0)
    # a reload (a phone waking up) keeps the participant known, answers and all
    page.reload()
    expect(page.get_by_text("Vous êtes Élodie Lefèvre")).to_be_visible()
    expect(page.get_by_text("Réponse enregistrée")).to_have_count(9)
    expect(page.get_by_role("heading", name="Résultats")).to_have_count(0)

    # the facilitator moves on: the prompts close and the phone shows their results by itself
    room.next_segment()
    expect(page.get_by_role("heading", name="Résultats")).to_be_visible()
    expect(page.get_by_role("heading", name="Clôture")).to_be_visible()
    results = page.locator("section.results")
    expect(results).to_have_count(9)
    motion = results.filter(has_text="Approuvez-vous la feuille de route ?")
    expect(motion.locator(".outcome")).to_have_text("Adoptée")
    expect(page.locator("section.prompt")).to_have_count(0)
    assert axe_violations(page) == []
    assert layout_problems(page) == []
    shoot(page.locator("main"), "phone-390-results")
    context.close()

    room.stop()
    minutes = room.minutes()
    expected = {
        "format": "Ateliers",
        "sujets": ["Jeunes", "Territoires"],
        "utilite": 4,
        "suite": "oui",
        "priorites": ["Outiller les catalyseurs", "Mesurer l'impact", "Former les jeunes"],
        "moment": "La visite des territoires",
        "recit": "Une école,\nune entreprise.",
        "mots": ["confiance", "jeunesse", "territoires"],
        "motion": "pour",
    }
    for prompt, value in expected.items():
        (response,) = responses(minutes, prompt)
        assert (response["participant"], response["value"], response["via"]) == (
            "Élodie Lefèvre",
            value,
            "web",
        ), prompt


# -- English ---------------------------------------------------------------------------------
ENGLISH_AGENDA = """\
title: Phones trial
language: en
participants:
  - name: Inès Benali
  - name: Sam Taylor
segments:
  - id: questions
    title: Questions for the room
    duration: 3h
    prompts:
      - {id: format, question: "Which format do you prefer?", type: choice, choices: [Plenary, Workshops], who: open}
      - {id: again, question: "Shall we meet again?", type: yesno, who: open}
  - id: end
    title: Closing
    duration: 10m
"""


def test_the_phone_speaks_the_sessions_language_english(chromium: Any, tmp_path: Path) -> None:
    expect = expect_page()
    room = ServedSession(tmp_path, ENGLISH_AGENDA)
    context = phone_context(chromium, locale="en-GB")
    try:
        page = context.new_page()
        page.goto(room.join_url)
        expect(page.locator("html")).to_have_attribute("lang", "en")
        expect(page.get_by_role("heading", name="Phones trial")).to_be_visible()
        join(page, room, "INES benali")
        expect(page.get_by_text("You are Inès Benali")).to_be_visible()
        expect(page.get_by_role("heading", name="Open prompts")).to_be_visible()
        section = prompt_section(page, "Shall we meet again?")
        expect(section.get_by_label("Yes", exact=True)).to_be_visible()
        section.get_by_label("Yes", exact=True).check()
        send_and_see_recorded(section, "Answer recorded")
        section = prompt_section(page, "Which format do you prefer?")
        section.get_by_label("Workshops").check()
        send_and_see_recorded(section, "Answer recorded")
        expect(page.get_by_role("heading", name="Results")).to_have_count(0)
        room.next_segment()
        expect(page.get_by_role("heading", name="Results")).to_be_visible()
        expect(page.locator("section.results").first).to_contain_text(re.compile(r"\b1 answer\b"))
        assert axe_violations(page) == []
        shoot(page.locator("main"), "phone-390-english-results")
    finally:
        context.close()
        room.stop()
    assert [r["value"] for r in responses(room.minutes(), "again")] == ["oui"]


# -- hostile input, keyboard only --------------------------------------------------------------
def test_a_hostile_name_is_shown_as_text_never_run(phone_page: Any, room: ServedSession) -> None:
    expect = expect_page()
    page = phone_page
    hostile = "<script>window.pwned=1</script><b>Zoé</b>"
    join(page, room, hostile)
    expect(page.get_by_text(f"Vous êtes {hostile}")).to_be_visible()
    assert page.evaluate("window.pwned") is None
    expect(page.locator("header.who b, header.who script")).to_have_count(0)
    page.reload()  # the name read back from the journal is escaped too
    expect(page.get_by_text(f"Vous êtes {hostile}")).to_be_visible()
    assert page.evaluate("window.pwned") is None


def test_a_name_held_by_another_phone_is_refused_with_what_to_do(
    chromium: Any, room: ServedSession
) -> None:
    expect = expect_page()
    first, second = phone_context(chromium), phone_context(chromium)
    try:
        mine = first.new_page()
        join(mine, room, "Élodie Lefèvre")
        expect(mine.get_by_text("Vous êtes Élodie Lefèvre")).to_be_visible()
        other = second.new_page()
        join(other, room, "ELODIE lefevre")
        alert = other.get_by_role("alert")
        expect(alert).to_contain_text("« Élodie Lefèvre » est déjà pris par un autre téléphone")
        expect(alert).to_contain_text("demandez à l'animateur de le libérer")
        expect(
            other.get_by_label("Votre nom", exact=True)
        ).to_be_visible()  # free to pick another name
        assert axe_violations(other) == []
        shoot(other, "phone-390-name-taken")
        # the first phone is still the one known by that name
        mine.reload()
        expect(mine.get_by_text("Vous êtes Élodie Lefèvre")).to_be_visible()
    finally:
        first.close()
        second.close()


def tab_to(page: Any, selector: str, most: int = 60) -> None:
    """Press Tab until the focused element matches ``selector`` (at most ``most`` times)."""
    for _ in range(most):
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def test_the_keyboard_alone_joins_answers_and_reorders(chromium: Any, room: ServedSession) -> None:
    expect = expect_page()
    context = phone_context(chromium)
    try:
        page = context.new_page()
        page.goto(room.join_url)
        tab_to(page, "#name")
        page.keyboard.type("Chloé Roy")
        page.keyboard.press("Enter")
        expect(page.get_by_text("Vous êtes Chloé Roy")).to_be_visible()
        # a radio group: Tab into it, Space picks, an arrow moves the pick, Tab to the button
        tab_to(page, "#p-format input[type=radio]")
        page.keyboard.press("Space")
        page.keyboard.press("ArrowDown")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent.trim()") == "Envoyer"
        page.keyboard.press("Enter")
        section = prompt_section(page, "Quel format préférez-vous ?")
        expect(section.get_by_role("status")).to_contain_text("Réponse enregistrée")
        # a ranking: its buttons take Enter and Space
        tab_to(page, "#p-priorites button[aria-label='Descendre « Former les jeunes »']")
        page.keyboard.press("Enter")
        section = prompt_section(page, "Classez ces priorités")
        expect(section.locator(".rank-label")).to_have_text(
            ["Outiller les catalyseurs", "Former les jeunes", "Mesurer l'impact"]
        )
        tab_to(page, "#p-priorites button.send")
        page.keyboard.press("Space")
        expect(section.get_by_role("status")).to_contain_text("Réponse enregistrée")
    finally:
        context.close()
    room.stop()
    minutes = room.minutes()
    assert [(r["participant"], r["value"]) for r in responses(minutes, "format")] == [
        ("Chloé Roy", "Ateliers")
    ]
    assert [r["value"] for r in responses(minutes, "priorites")] == [
        ["Outiller les catalyseurs", "Former les jeunes", "Mesurer l'impact"]
    ]


# -- the projector and the speaker's timer ------------------------------------------------------
def test_screen_and_timer_are_read_only_views_without_accessibility_violations(
    chromium: Any, room: ServedSession
) -> None:
    expect = expect_page()
    phone = phone_context(chromium)
    desktop = desktop_context(chromium)
    try:
        answering = phone.new_page()
        join(answering, room, "Bruno Petit")
        section = prompt_section(answering, "Quel format préférez-vous ?")
        section.get_by_label("Les deux").check()
        send_and_see_recorded(section)
        screen_url = f"{room.base}/j/{room.code}/screen"
        timer_url = f"{room.base}/j/{room.code}/timer"
        for context, size in ((desktop, DESKTOP), (phone, PHONE)):
            width = size["width"]
            page = context.new_page()
            page.goto(screen_url)
            expect(page.get_by_role("heading", name="Questions à la salle")).to_be_visible()
            expect(page.get_by_role("timer")).to_have_text(re.compile(r"^\d?:?\d\d:\d\d$"))
            expect(page.get_by_role("img", name=re.compile("QR code"))).to_be_visible()
            expect(page.get_by_text(room.join_url)).to_be_visible()
            counts = page.locator("section.prompt").filter(has_text="Quel format préférez-vous ?")
            expect(counts).to_contain_text(re.compile(r"\b1 réponse\b"))
            # nothing to answer on the projector: no form, no field
            expect(page.locator("form, input, textarea")).to_have_count(0)
            assert axe_violations(page) == []
            shoot(page, f"screen-{width}")
            page.goto(timer_url)
            expect(page.get_by_role("timer")).to_have_text(re.compile(r"^\d?:?\d\d:\d\d$"))
            expect(page.locator("form, input, textarea")).to_have_count(0)
            assert axe_violations(page) == []
            shoot(page, f"timer-{width}")
            page.close()
        # the phone's page on a laptop's browser: the same page, centred, still clean
        page = desktop.new_page()
        join(page, room, "Chloé Roy")
        expect(page.get_by_text("Vous êtes Chloé Roy")).to_be_visible()
        assert axe_violations(page) == []
        shoot(page, "phone-page-1280")
        page.close()
        # once closed, the projector shows a prompt's results
        page = desktop.new_page()
        page.goto(screen_url)
        room.next_segment()
        expect(page.get_by_role("heading", name="Clôture")).to_be_visible()
        expect(page.locator("section.results")).to_have_count(1)
        assert axe_violations(page) == []
        shoot(page, "screen-1280-results")
    finally:
        phone.close()
        desktop.close()


def test_a_phone_without_javascript_answers_with_plain_forms(
    chromium: Any, room: ServedSession
) -> None:
    """Script turned off (an old phone, a strict browser): every form still works, the ranking's
    buttons reorder through the server, and a reload shows what changed."""
    expect = expect_page()
    context = phone_context(chromium, java_script_enabled=False)
    try:
        page = context.new_page()
        join(page, room, "bruno PETIT")
        expect(page.get_by_text("Vous êtes Bruno Petit")).to_be_visible()
        section = prompt_section(page, "Classez ces priorités")
        section.get_by_role("button", name="Monter « Mesurer l'impact »").click()
        section = prompt_section(page, "Classez ces priorités")
        expect(section.locator(".rank-label")).to_have_text(
            ["Former les jeunes", "Mesurer l'impact", "Outiller les catalyseurs"]
        )
        send_and_see_recorded(section)
        section = prompt_section(page, "Une suite en juin ?")
        section.get_by_label("Non", exact=True).check()
        send_and_see_recorded(section)
        # without script nothing refreshes by itself: the phone reloads to see the results
        room.next_segment()
        room.wait_segment("fin")
        page.reload()
        expect(page.get_by_role("heading", name="Résultats")).to_be_visible()
        shoot(page.locator("main"), "phone-390-no-javascript-results")
    finally:
        context.close()
    room.stop()
    minutes = room.minutes()
    assert [(r["participant"], r["value"], r["via"]) for r in responses(minutes, "suite")] == [
        ("Bruno Petit", "non", "web")
    ]
    assert [r["value"] for r in responses(minutes, "priorites")] == [
        ["Former les jeunes", "Mesurer l'impact", "Outiller les catalyseurs"]
    ]


TIMER_AGENDA = """\
title: Minuteur
segments:
  - id: court
    title: Intervention courte
    duration: 8s
    warn_at: [6s]
  - id: fin
    title: Fin
    duration: 10m
"""


def test_the_speakers_timer_turns_at_the_warning_and_counts_overtime(
    chromium: Any, tmp_path: Path
) -> None:
    """/timer on a phone on the lectern: its colour turns at the warning, then overtime is
    counted up (« +00:01 ») on another colour, as the live screen does."""
    expect = expect_page()
    room = ServedSession(tmp_path, TIMER_AGENDA, roster=False)
    context = phone_context(chromium)
    # the page counts down on its own clock, which the test moves on instead of waiting
    context.clock.install()
    try:
        page = context.new_page()
        page.goto(f"{room.base}/j/{room.code}/timer")
        body = page.locator("body")
        ok_colour = "rgb(0, 102, 51)"
        page.clock.fast_forward(2_500)  # 8 s segment, warning at 6 s left
        expect(body).to_have_attribute("data-level", "warn")
        expect(body).not_to_have_css("background-color", ok_colour)
        assert axe_violations(page) == []
        shoot(page, "timer-390-warning")
        warn_colour = body.evaluate("b => getComputedStyle(b).backgroundColor")
        page.clock.fast_forward(7_000)
        expect(body).to_have_attribute("data-level", "over")
        expect(page.get_by_role("timer")).to_have_text(re.compile(r"^\+\d\d:\d\d$"))
        over_colour = body.evaluate("b => getComputedStyle(b).backgroundColor")
        assert len({ok_colour, warn_colour, over_colour}) == 3
        assert axe_violations(page) == []
        shoot(page, "timer-390-overtime")
    finally:
        context.close()
        room.stop()
