"""The speaker's /timer and the projector's /screen as a room sees them, in a real Chromium
(issue #14's review of the screenshots): the countdown fits the width whatever its length
(h:mm:ss, mm:ss, +mm:ss) on a phone (390) and a projector (1280); the warning's colour fills the
whole viewport; overtime says so; /screen fits a phone and its results are large type on a
1280×720 projector; a rehearsal's countdown (--speed 10) follows the session's clock.

Widths are ``document.documentElement.scrollWidth``, colours ``getComputedStyle``. Set
``SEMINAR_SCREENSHOTS=FOLDER`` to keep screenshots."""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

import httpx

from tests.browser import DESKTOP, PHONE, desktop_context, phone_context
from tests.served_session import ServedSession
from tests.test_web_browser import AGENDA, expect_page, join, prompt_section, shoot
from tests.test_web_browser import send_and_see_recorded as send

TIMER_AGENDA = """\
title: Minuteur
segments:
  - id: longue
    title: Longue intervention
    duration: 2h
  - id: moyenne
    title: Intervention
    duration: 10m
  - id: courte
    title: Intervention courte
    duration: 3s
    warn_at: [2s]
  - id: fin
    title: Fin
    duration: 10m
"""
WHITE = "rgb(255, 255, 255)"

# the colour a person sees at the bottom of the screen: the first background that is not
# transparent, from the element under the point up to the page
COLOUR_AT_BOTTOM = """() => {
  let node = document.elementFromPoint(innerWidth / 2, innerHeight - 2);
  for (; node; node = node.parentElement) {
    const colour = getComputedStyle(node).backgroundColor;
    if (colour !== "rgba(0, 0, 0, 0)" && colour !== "transparent") { return colour; }
  }
  return "rgb(255, 255, 255)";
}"""


def fits(page: Any, text: re.Pattern[str], name: str) -> None:
    """The countdown reads ``text``, the page is no wider than the screen, and the digits fill
    a good part of it (fitted, not shrunk to nothing)."""
    expect = expect_page()
    clock = page.get_by_role("timer")
    expect(clock).to_have_text(text)
    width = page.viewport_size["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width, name
    digits = clock.evaluate("e => e.getBoundingClientRect().width")
    assert width * 0.5 <= digits <= width, (name, digits)
    shoot(page, name)


def test_the_timer_fits_its_countdown_and_fills_the_screen_with_its_colour(
    chromium: Any, tmp_path: Path
) -> None:
    expect = expect_page()
    room = ServedSession(tmp_path, TIMER_AGENDA, roster=False)
    phone, desktop = phone_context(chromium), desktop_context(chromium)
    try:
        pages = []
        for context, size in ((phone, PHONE), (desktop, DESKTOP)):
            page = context.new_page()
            page.goto(f"{room.base}/j/{room.code}/timer")
            pages.append((page, size["width"]))
        for page, width in pages:
            fits(page, re.compile(r"^1:\d\d:\d\d$"), f"timer-{width}-hours")
            assert page.evaluate(COLOUR_AT_BOTTOM) == "rgb(0, 102, 51)"
        room.next_segment()
        for page, width in pages:
            fits(page, re.compile(r"^\d\d:\d\d$"), f"timer-{width}-minutes")
        room.next_segment()
        for page, _width in pages:
            expect(page.locator("body")).to_have_attribute("data-level", re.compile("warn|over"))
        for page, width in pages:
            body = page.locator("body")
            expect(body).to_have_attribute("data-level", "over")
            fits(page, re.compile(r"^\+\d\d:\d\d$"), f"timer-{width}-overtime")
            over = body.evaluate("b => getComputedStyle(b).backgroundColor")
            assert over not in (WHITE, "rgb(0, 102, 51)")
            # the whole viewport is red, not only the top of it
            assert page.evaluate(COLOUR_AT_BOTTOM) == over
            # and it says so: the time is over, not left
            expect(page.get_by_text("Temps dépassé")).to_be_visible()
            expect(page.get_by_text("Temps restant")).to_have_count(0)
    finally:
        phone.close()
        desktop.close()
        room.stop()


def test_the_room_screen_fits_a_phone_and_shows_results_in_large_type(
    chromium: Any, tmp_path: Path
) -> None:
    expect = expect_page()
    room = ServedSession(tmp_path, AGENDA.format(language="fr"))
    phone, desktop = phone_context(chromium), desktop_context(chromium)
    try:
        answering = phone.new_page()
        join(answering, room, "Bruno Petit")
        send_in = prompt_section(answering, "Une suite en juin ?")
        send_in.get_by_role("radio").first.check()  # « Oui »
        send(send_in)
        screens = []
        for context, size in ((phone, PHONE), (desktop, DESKTOP)):
            page = context.new_page()
            page.goto(f"{room.base}/j/{room.code}/screen")
            expect(page.get_by_role("timer")).to_have_text(re.compile(r"^\d:\d\d:\d\d$"))
            width = size["width"]
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            screens.append((page, width))
        room.next_segment()
        for page, width in screens:
            results = page.locator("section.results")
            expect(results).to_have_count(1)
            expect(results).to_contain_text("Une suite en juin ?")
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            shoot(page, f"screen-{width}-results-large")
        page, _width = screens[1]
        # read from the back of the room: the options and figures in large type
        label = page.locator("section.results .bar-label").first
        size = float(label.evaluate("e => parseFloat(getComputedStyle(e).fontSize)"))
        assert size >= 28, size
    finally:
        phone.close()
        desktop.close()
        room.stop()


def seconds(text: str) -> int:
    sign = -1 if text.startswith("+") else 1
    total = 0
    for part in text.lstrip("+").split(":"):
        total = total * 60 + int(part)
    return sign * total


def test_a_rehearsals_countdown_follows_the_session_clock_at_speed_10(
    chromium: Any, tmp_path: Path
) -> None:
    """``--speed 10``: ten session seconds each real second; the page, which reads the state
    once and then ticks by itself, must count them too, not drift between refreshes."""
    room = ServedSession(tmp_path, TIMER_AGENDA, "--speed", "10", roster=False)
    desktop = desktop_context(chromium)

    def server_left() -> int:
        state = httpx.get(f"{room.base}/api/screen", params={"code": room.code}, timeout=5)
        return int(state.json()["segment"]["remaining_seconds"])

    try:
        page = desktop.new_page()
        page.goto(f"{room.base}/j/{room.code}/timer")
        clock = page.get_by_role("timer")
        start = server_left()
        deadline = time.monotonic() + 60
        # a minute of session time (six real seconds) without any event to refresh the page
        while server_left() > start - 60:
            assert time.monotonic() < deadline, "the session clock did not run"
            time.sleep(0.2)  # polling the server's clock: nothing to wait on
        before = server_left()
        shown = seconds(clock.inner_text())
        after = server_left()
        # the page ticks once a second, ten session seconds at a time: a tick's margin each way
        assert after - 12 <= shown <= before + 12, (before, shown, after)
    finally:
        desktop.close()
        room.stop()


RESULTS_AGENDA = """\
title: Essai des résultats à l'écran
participants:
  - name: Élodie Lefèvre
  - name: Bruno Petit
segments:
  - id: questions
    title: Questions à la salle
    duration: 1h
    prompts:
      - {id: format, question: "Quel format préférez-vous ?", type: choice, choices: [Plénière, Ateliers, Les deux], who: open}
      - {id: utilite, question: "Utilité de la séquence ?", type: rating, min: 1, max: 5, labels: {1: Pas du tout, 2: Peu, 3: Moyennement, 4: Beaucoup, 5: Tout à fait}, who: open}
      - {id: priorites, question: "Classez ces priorités", type: ranking, choices: [Former les jeunes, Outiller les catalyseurs, Mesurer l'impact], who: open}
  - id: fin
    title: Clôture
    duration: 10m
"""
RESULT_QUESTIONS = {
    "Quel format préférez-vous ?",
    "Utilité de la séquence ?",
    "Classez ces priorités",
}
# what the room sees now: the results shown, every element of theirs whose bottom is below the
# screen's, and whether the countdown and the join address lie wholly inside the screen
SEEN = """() => {
  const shown = [...document.querySelectorAll("section.results")].filter(s => !s.hidden);
  const cut = shown.flatMap(s => [s, ...s.querySelectorAll("*")])
    .filter(e => e.getBoundingClientRect().bottom > innerHeight + 0.5)
    .map(e => e.tagName + " " + e.textContent.trim().slice(0, 40));
  const inside = selector => {
    const box = document.querySelector(selector).getBoundingClientRect();
    return box.height > 0 && box.top >= 0 && box.bottom <= innerHeight && box.right <= innerWidth;
  };
  return {
    shown: shown.map(s => s.querySelector("h3").textContent),
    cut: cut,
    countdown: inside("[role=timer]"),
    address: inside(".join-box .url"),
    wide: document.documentElement.scrollWidth <= innerWidth,
  };
}"""


def test_the_projectors_results_are_never_cut_and_take_turns_when_they_do_not_fit(
    chromium: Any, tmp_path: Path
) -> None:
    expect = expect_page()
    room = ServedSession(tmp_path, RESULTS_AGENDA)
    phone = phone_context(chromium)
    contexts = [phone, desktop_context(chromium)]
    contexts.append(chromium.new_context(viewport={"width": 1920, "height": 1080}))
    try:
        answering = phone.new_page()
        join(answering, room, "Bruno Petit")
        for question in RESULT_QUESTIONS:
            section = prompt_section(answering, question)
            if question != "Classez ces priorités":  # a ranking is sent in the order shown
                section.get_by_role("radio").last.check()
            send(section)
        screens = []
        for context in contexts:
            # the page's own timers, on a clock the test moves on: each result stays 8 s
            # (live.js), which the test skips instead of waiting for them; time flows as usual
            context.clock.install()
            page = context.new_page()
            page.goto(f"{room.base}/j/{room.code}/screen")
            expect(page.get_by_role("timer")).to_be_visible()
            screens.append(page)
        room.next_segment()
        seen: dict[int, set[str]] = {}
        forwards: dict[int, int] = {}  # 8 s steps of each screen's clock
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            for page in screens:
                width = page.viewport_size["width"]
                now = page.evaluate(SEEN)
                if not now["shown"]:
                    continue  # the results are not there yet
                assert now["cut"] == [], (width, now)
                assert now["countdown"] and now["address"] and now["wide"], (width, now)
                if width not in seen:
                    shoot(page, f"screen-{width}-results-fit")
                seen.setdefault(width, set()).update(now["shown"])
                if seen[width] != RESULT_QUESTIONS:
                    page.clock.fast_forward(8_000)  # the next result's turn
                    forwards[width] = forwards.get(width, 0) + 1
            if len(seen) == len(screens) and all(s == RESULT_QUESTIONS for s in seen.values()):
                break
            time.sleep(0.2)
        assert {w: s for w, s in seen.items() if s != RESULT_QUESTIONS} == {}, seen
        assert len(seen) == len(screens), seen
        # each step of 8 s showed the next result (two steps for three; one more for a
        # refresh that came between)
        assert all(steps <= len(RESULT_QUESTIONS) for steps in forwards.values()), forwards
        # a phone's wording: one answer, singular
        expect(screens[1].locator("section.results:not([hidden]) .count")).to_have_text("1 réponse")
    finally:
        for context in contexts:
            context.close()
        room.stop()


def test_without_script_the_projector_shows_the_latest_result_whole(
    chromium: Any, tmp_path: Path
) -> None:
    expect = expect_page()
    room = ServedSession(tmp_path, RESULTS_AGENDA)
    phone = phone_context(chromium)
    projector = chromium.new_context(viewport=DESKTOP, java_script_enabled=False)
    try:
        answering = phone.new_page()
        join(answering, room, "Bruno Petit")
        for question in RESULT_QUESTIONS:
            section = prompt_section(answering, question)
            if question != "Classez ces priorités":
                section.get_by_role("radio").last.check()
            send(section)
        room.next_segment()
        page = projector.new_page()
        deadline = time.monotonic() + 30
        while True:  # the page does not refresh itself without script: reload until closed
            page.goto(f"{room.base}/j/{room.code}/screen")
            if page.locator("section.results").count() or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        expect(page.locator("section.results")).to_have_count(3)
        shown = page.locator("section.results:not([hidden])")
        expect(shown).to_have_count(1)
        expect(shown.get_by_role("heading")).to_have_text("Classez ces priorités")
        now = page.evaluate(SEEN)
        assert now["cut"] == [] and now["countdown"] and now["address"], now
        shoot(page, "screen-1280-results-noscript")
    finally:
        phone.close()
        projector.close()
        room.stop()
