"""An assembly's ballots on phones and the projector, in a real Chromium (the AG rehearsal's
defects 8, 9 and 10; the second rehearsal's 1 and 6): a blank ballot is cast only on purpose, a
proxy holder's ballots are each labelled and confirmed apart, the projector shows the quorum and
an election's shares of the votes cast without cutting anything at 1280×720, and ballots voided
by a stop of the facilitator's station are told on an open phone page and on /screen."""

from __future__ import annotations

import html
from typing import Any

import httpx

from seminar_cli.journal.events import EventType
from tests import test_assembly_ballots
from tests.browser import desktop_context, phone_context
from tests.test_web_browser import expect_page, layout_problems, shoot

served_ag = test_assembly_ballots.served_ag  # the fixture: the bundled AG, election open

EMPTY = "Aucun candidat coché : cochez-en au moins un, ou appuyez sur « Voter blanc »"


def ballot(page: Any, label: str) -> Any:
    return page.locator("form.answer").filter(has=page.get_by_text(label, exact=True))


def test_a_proxy_holders_ballots_are_labelled_confirmed_apart_and_never_blank_by_a_slip(
    chromium: Any, served_ag: Any
) -> None:
    expect = expect_page()
    writer, base, codes = served_ag
    context = phone_context(chromium)
    try:
        page = context.new_page()
        page.goto(f"{base}/j/ABCDEF?member={codes['Hélène Marchand']}")
        page.get_by_role("button", name="Voter avec mon code").click()
        own = ballot(page, "Votre bulletin")
        proxy = ballot(page, "Bulletin pour : Julien Moreau")
        expect(own).to_have_count(1)
        expect(proxy).to_have_count(1)
        # her own ballot comes first, the proxy's below it, in a box of its own
        assert own.bounding_box()["y"] + own.bounding_box()["height"] <= proxy.bounding_box()["y"]
        shoot(page, "ag-phone-proxy-ballots")
        assert layout_problems(page) == []  # « Voter blanc » too: a thumb's target, no overflow
        # « Envoyer » with nothing ticked: refused on the page, nothing goes in the ballot box
        own.get_by_role("button", name="Envoyer").click()
        expect(own.get_by_role("alert")).to_contain_text(EMPTY)
        writer.sync()
        assert not writer.has_voted("election-conseil", "Hélène Marchand")
        # a blank ballot on purpose, for the member she represents: confirmed at once
        proxy.get_by_role("button", name="Voter blanc").click()
        status = page.locator("section.prompt").get_by_role("status")
        expect(status).to_have_text(["✓ Le bulletin pour Julien Moreau est dans l'urne."])
        own = ballot(page, "Votre bulletin")
        own.get_by_role("checkbox", name="Camille Martin").check()
        own.get_by_role("button", name="Envoyer").click()
        expect(status).to_have_text(  # in the order of the ballots, hers first
            [
                "✓ Votre bulletin est dans l'urne.",
                "✓ Le bulletin pour Julien Moreau est dans l'urne.",
            ]
        )
        expect(page.locator("form.answer")).to_have_count(0)
        shoot(page, "ag-phone-proxy-ballots-done")
    finally:
        context.close()
    writer.sync()
    assert writer.has_voted("election-conseil", "Julien Moreau")
    assert writer.has_voted("election-conseil", "Hélène Marchand")


def test_without_script_an_empty_election_form_is_refused_and_voter_blanc_casts_blank(
    served_ag: Any,
) -> None:
    writer, base, codes = served_ag
    phone = httpx.Client(base_url=base, timeout=20, follow_redirects=False)
    assert phone.post("/j/ABCDEF", data={"member_code": codes["Olivier Dumas"]}).status_code == 303
    refused = phone.post("/j/ABCDEF/answer", data={"prompt": "election-conseil"})
    assert refused.status_code == 422
    assert EMPTY in html.unescape(refused.text)
    writer.sync()
    assert not writer.has_voted("election-conseil", "Olivier Dumas")
    # « Voter blanc » casts a blank ballot, even with a name ticked by mistake before
    sent = phone.post(
        "/j/ABCDEF/answer",
        data={"prompt": "election-conseil", "value": "Camille Martin", "blank": "1"},
    )
    assert sent.status_code == 303
    writer.sync()
    assert writer.has_voted("election-conseil", "Olivier Dumas")
    # the ballot box holds one blank ballot, no vote for the name ticked before
    writer.record(EventType.prompt_closed, prompt="election-conseil")
    (cast,) = [a.value for a in writer.state.answers["election-conseil"]]
    assert cast == []


# every visible element of the page within the screen: nothing cut at the bottom or the side
CUT = """() => [...document.querySelectorAll('main *')]
  .filter(e => e.offsetParent !== null)
  .filter(e => { const r = e.getBoundingClientRect();
                 return r.bottom > innerHeight + 1 || r.right > innerWidth + 1; })
  .map(e => e.tagName + ': ' + e.textContent.trim().slice(0, 60))"""


def test_the_projector_shows_the_quorum_and_the_ballot_count_whole_then_shares_of_votes_cast(
    chromium: Any, served_ag: Any
) -> None:
    from seminar_cli.i18n import t
    from seminar_cli.session.assembly import quorum_now
    from seminar_cli.ui.screen import quorum_band

    expect = expect_page()
    writer, base, codes = served_ag
    band = quorum_band(quorum_now(writer.state))  # the terminal's words, for 4 of 40
    assert band == "Quorum : 4 présents ou représentés sur 40, 10 requis — non atteint"
    projector = desktop_context(chromium)
    try:
        page = projector.new_page()
        page.goto(f"{base}/j/ABCDEF/screen")
        expect(page.locator(".quorum")).to_have_text(band)
        count = page.locator("section.prompt .count")
        expect(count).to_have_text("bulletins reçus : 0 / 4 votants présents et représentés")
        shoot(page, "ag-screen-1280-election-open")
        assert page.evaluate(CUT) == []
        # three ballots: Camille on two, Karim on one, one blank
        helene = httpx.Client(base_url=base, timeout=20)
        joined = helene.post(
            "/api/join", json={"code": "ABCDEF", "member_code": codes["Hélène Marchand"]}
        )
        helene.headers["Authorization"] = f"Bearer {joined.json()['token']}"
        olivier = httpx.Client(base_url=base, timeout=20)
        joined = olivier.post(
            "/api/join", json={"code": "ABCDEF", "member_code": codes["Olivier Dumas"]}
        )
        olivier.headers["Authorization"] = f"Bearer {joined.json()['token']}"
        for client, value, member in (
            (helene, ["Camille Martin"], None),
            (helene, [], "Julien Moreau"),
            (olivier, ["Camille Martin", "Karim Haddad"], None),
        ):
            body = {"prompt": "election-conseil", "value": value}
            if member:
                body["for"] = member
            assert client.post("/api/answers", json=body).status_code == 201
        # secret ballots wait in the pool, unannounced: the projector's count follows anyway
        expect(count).to_have_text("bulletins reçus : 3 / 4 votants présents et représentés")
        writer.record(EventType.prompt_closed, prompt="election-conseil")
        result = page.locator("section.results")
        expect(result).to_have_count(1)
        # two votes cast (the blank ballot left out): Camille on both, 100 %; Karim 50 %
        bars = result.locator(".bars li")
        expect(bars.locator(".bar-value")).to_have_text(
            [
                t("results.share", count=2, percent=100),
                t("results.share", count=1, percent=50),
                t("results.share", count=0, percent=0),
            ]
        )
        assert bars.first.locator("meter").get_attribute("max") == "2"
        expect(page.locator(".quorum")).to_have_text(band)
        shoot(page, "ag-screen-1280-election-closed")
        assert page.evaluate(CUT) == []
    finally:
        projector.close()


def test_a_phone_left_open_and_the_projector_say_the_ballots_voided_by_a_stop(
    chromium: Any,
) -> None:
    """The second AG rehearsal's defect 1: after a crash and ``resume`` the phones quietly
    showed the form again. A page left open now redraws with the count, and so does /screen."""
    import subprocess

    from tests.session_helpers import take_over_as_new_runner
    from tests.test_web import CODE, serve

    expect = expect_page()
    served = serve()
    context = phone_context(chromium)
    projector = desktop_context(chromium)
    try:
        page = context.new_page()
        page.goto(f"{served.base}/j/{CODE}")
        page.get_by_role("textbox", name="Votre nom").fill("Camille Martin")
        page.get_by_role("button", name="Rejoindre").click()
        section = page.locator("#p-secret")
        section.get_by_label("Contre", exact=True).check()
        section.get_by_role("button", name="Envoyer").click()
        expect(section.get_by_role("status")).to_have_text("✓ Votre bulletin est dans l'urne.")
        screen = projector.new_page()
        screen.goto(f"{served.base}/j/{CODE}/screen")
        expect(screen.get_by_role("heading", name="Scrutin secret")).to_be_visible()
        # the station dies with the ballot sealed to its key; another one takes over
        dead = subprocess.Popen(["true"])
        dead.wait()
        served.session.journal._db.execute("UPDATE anonymous_keys SET pid = ?", (dead.pid,))
        take_over_as_new_runner(served.session.writer)
        notice = section.get_by_role("status")
        expect(notice).to_have_text(
            "1 bulletin a été annulé par l'arrêt du poste de l'animateur\u00a0: si vous aviez voté, "
            "votez de nouveau."
        )
        expect(section.get_by_role("button", name="Envoyer")).to_be_visible()
        expect(
            screen.get_by_text("1 bulletin annulé par l'arrêt du poste\u00a0: faites revoter")
        ).to_be_visible()
        shoot(page, "ag-phone-ballot-voided")
        shoot(screen, "ag-projector-ballot-voided")
    finally:
        context.close()
        projector.close()
        served.server.stop()
