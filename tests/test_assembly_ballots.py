"""The assembly's two halves made one (PRODUCT §7, §9): a ballot's voters are the register's
members present and represented, counted as the quorum counts them; members vote from a phone
with their personal code, a phone joined by name only is a guest there."""

from __future__ import annotations

import json
import time

import httpx
import pytest

from seminar_cli.journal.events import EventType
from seminar_cli.session.assembly import member_code, quorum_now, record_attendance
from seminar_cli.session.ballots import (
    ballots_this_person_may_cast,
    voters_present_and_represented,
)
from seminar_cli.session.service import SessionWriter
from tests.session_helpers import bundled_assembly as bundled_ag

GUEST = "Paul Renard"  # member: non in agendas/membres-ag.csv


def sign_in(writer: SessionWriter) -> None:
    for name in ("Hélène Marchand", "Olivier Dumas", "Camille Martin", GUEST):
        record_attendance(writer, name, "present")
    record_attendance(writer, "Julien Moreau", "represented", "Hélène Marchand")


def open_election(writer: SessionWriter) -> None:
    writer.record(EventType.segment_started, segment="elections")
    writer.record(EventType.prompt_opened, prompt="election-conseil", segment="elections")


def test_the_voters_are_the_members_present_and_represented_as_the_quorum_counts_them(tmp_path):
    writer = bundled_ag(tmp_path)
    state = writer.state
    assert voters_present_and_represented(state) == 0  # a register: absent until signed in
    assert ballots_this_person_may_cast(state, "Karim Haddad") == []
    sign_in(writer)
    state = writer.state
    assert ballots_this_person_may_cast(state, GUEST) == []  # a guest never votes
    assert ballots_this_person_may_cast(state, "Karim Haddad") == []  # not signed in
    assert ballots_this_person_may_cast(state, "Hélène Marchand") == [
        "Hélène Marchand",
        "Julien Moreau",
    ]
    # three members present (not the guest), one represented: the quorum's figure and the ballot's
    assert voters_present_and_represented(state) == quorum_now(state).voters == 4
    # a paper sheet's counts: the ballot's voters come from them, as the quorum's do
    writer.record(EventType.attendance_counts, present=18, represented=3)
    assert voters_present_and_represented(writer.state) == quorum_now(writer.state).voters == 21


def test_the_room_screen_counts_ballots_against_the_quorums_voters(tmp_path):
    from seminar_cli.ui.screen import view_from_state

    writer = bundled_ag(tmp_path)
    sign_in(writer)
    open_election(writer)
    view = view_from_state(writer.state, writer.clock.now())
    assert view is not None
    (shown,) = view.prompts
    assert shown.voters == 4 == quorum_now(writer.state).voters


@pytest.fixture
def served_ag(tmp_path):
    """The bundled assembly served to phones, members signed in, the election open."""
    from seminar_cli.web.server import WebServer

    writer = bundled_ag(tmp_path)
    sign_in(writer)
    codes = {name: member_code(writer, name) for name in ("Hélène Marchand", "Olivier Dumas")}
    open_election(writer)
    server = WebServer(
        tmp_path / "journal.sqlite3", writer.session_id, host="127.0.0.1", port=0, code="ABCDEF"
    )
    base = server.start().url.rsplit("/j/", 1)[0]
    try:
        yield writer, base, codes
    finally:
        server.stop()


def _phone(base: str, **join: str) -> tuple[httpx.Client, httpx.Response]:
    client = httpx.Client(base_url=base, timeout=20)
    joined = client.post("/api/join", json={"code": "ABCDEF", **join})
    if joined.status_code == 201:
        client.headers["Authorization"] = f"Bearer {joined.json()['token']}"
    return client, joined


def _cast(client: httpx.Client, value: object, member: str | None = None) -> httpx.Response:
    body: dict[str, object] = {"prompt": "election-conseil", "value": value}
    if member is not None:
        body["for"] = member
    return client.post("/api/answers", json=body)


def test_a_member_votes_from_a_phone_with_their_personal_code(served_ag):
    _writer, base, codes = served_ag
    helene, joined = _phone(base, member_code=codes["Hélène Marchand"].lower())
    assert joined.status_code == 201 and joined.json()["participant"] == "Hélène Marchand"
    (prompt,) = helene.get("/api/state").json()["prompts"]
    assert prompt["ballots_for"] == ["Hélène Marchand", "Julien Moreau"]
    assert "member_code_needed" not in prompt
    assert _cast(helene, ["Camille Martin"]).status_code == 201
    assert _cast(helene, [], "Julien Moreau").status_code == 201
    assert _cast(helene, ["Karim Haddad"]).status_code == 409  # a secret ballot is cast once
    screen = httpx.get(f"{base}/api/screen", params={"code": "ABCDEF"}, timeout=20).json()
    (shown,) = screen["prompts"]
    assert (shown["count"], shown["voters"]) == (2, 4)


def test_the_phones_never_say_elected_without_quorum(served_ag):
    """Four voters of forty, ten required: the election is counted, nobody is elected, and
    the projector's page says why, as the terminal's room screen does."""
    writer, base, codes = served_ag
    helene, _ = _phone(base, member_code=codes["Hélène Marchand"])
    olivier, _ = _phone(base, member_code=codes["Olivier Dumas"])
    assert _cast(helene, ["Camille Martin"]).status_code == 201
    assert _cast(helene, ["Camille Martin"], "Julien Moreau").status_code == 201
    assert _cast(olivier, ["Camille Martin", "Karim Haddad"]).status_code == 201
    writer.record(EventType.prompt_closed, prompt="election-conseil")
    page = ""
    for _ in range(200):  # the server follows the journal: up to 20 s on a loaded machine
        page = httpx.get(f"{base}/j/ABCDEF/screen", timeout=20).text
        if 'class="results"' in page:
            break
        time.sleep(0.1)
    assert "Personne n&#39;est élu : quorum non atteint." in page
    assert "Élu" not in page.replace("Personne n&#39;est élu", "")


def test_a_phone_joined_by_a_members_name_only_is_a_guest_at_the_ballot(served_ag):
    writer, base, codes = served_ag
    impostor, joined = _phone(base, name="Olivier Dumas")
    assert joined.status_code == 201  # it may answer open prompts, as a guest
    (prompt,) = impostor.get("/api/state").json()["prompts"]
    assert prompt["member_code_needed"] is True and prompt["ballots_for"] == []
    refused = _cast(impostor, ["Camille Martin"])
    assert refused.status_code == 403
    assert refused.json()["message"].startswith(
        "Pour voter en tant que membre, rejoignez avec votre code personnel"
    )
    assert "rejoignez avec lui pour voter" in impostor.get("/j/ABCDEF").text
    # the member's own phone, with the code, is not locked out by the name typed before
    olivier, joined = _phone(base, name="Olivier Dumas", member_code=codes["Olivier Dumas"])
    assert joined.status_code == 201
    assert _cast(olivier, ["Nathalie Roux"]).status_code == 201
    # a wrong code, and a guest's own name: never a member's ballot
    _none, wrong = _phone(base, member_code="ZZZZZZ")
    assert wrong.status_code == 422
    assert wrong.json()["message"].startswith(
        "Ce code personnel ne correspond à aucun membre de cette assemblée"
    )
    guest, joined = _phone(base, name=GUEST)
    assert joined.status_code == 201
    assert _cast(guest, ["Camille Martin"]).status_code == 422  # a guest does not vote
    writer.sync()
    assert writer.has_voted("election-conseil", "Olivier Dumas")
    assert not writer.has_voted("election-conseil", GUEST)


def test_a_member_cards_qr_address_opens_the_join_page_with_the_code(served_ag):
    _writer, base, codes = served_ag
    code = codes["Hélène Marchand"]
    page = httpx.get(f"{base}/j/ABCDEF", params={"member": code}, timeout=20)
    assert page.status_code == 200
    assert f'name="member_code" value="{code}"' in page.text
    client = httpx.Client(base_url=base, timeout=20, follow_redirects=False)
    joined = client.post("/j/ABCDEF", data={"member_code": code, "name": ""})
    assert joined.status_code == 303
    state = client.get("/api/state").json()
    assert state["participant"] == "Hélène Marchand"
    assert state["prompts"][0]["ballots_for"] == ["Hélène Marchand", "Julien Moreau"]


def test_join_casts_a_members_ballot_only_with_their_personal_code(tmp_path):
    from seminar_cli.session.answers import ScriptedAnswer
    from seminar_cli.session.join import Joiner

    writer = bundled_ag(tmp_path)
    sign_in(writer)
    code = member_code(writer, "Hélène Marchand")
    open_election(writer)
    ballots = {
        "election-conseil": [
            ScriptedAnswer("election-conseil", None, ["Camille Martin"]),
            ScriptedAnswer("election-conseil", None, [], on_behalf="Julien Moreau"),
        ]
    }
    without = Joiner(writer, "Hélène Marchand").run_scripted(ballots)
    assert without.answered == []
    assert without.refused[0].startswith("Hélène Marchand est membre : dans une assemblée")
    wrong = Joiner(writer, "Hélène Marchand", "ZZZZZZ").run_scripted(ballots)
    assert wrong.answered == []
    right = Joiner(writer, "Hélène Marchand", code.lower()).run_scripted(ballots)
    assert right.answered == ["election-conseil", "election-conseil"]
    writer.sync()
    assert writer.has_voted("election-conseil", "Julien Moreau")


@pytest.mark.parametrize("fmt", ["md", "html", "docx", "json"])
def test_an_election_without_quorum_elects_nobody_in_any_pv_format(tmp_path, fmt):
    from tests.minutes_helpers import run_headless
    from tests.test_pv import plain

    answers = {
        "attendance": {
            "Hélène Marchand": "present",
            "Olivier Dumas": "present",
            "Camille Martin": "present",
        },
        "election-conseil": [
            {"participant": "Hélène Marchand", "value": ["Camille Martin", "Karim Haddad"]},
            {"participant": "Olivier Dumas", "value": ["Camille Martin", "Karim Haddad"]},
            {"participant": "Camille Martin", "value": ["Karim Haddad"]},
        ],
    }
    minutes = run_headless(tmp_path, "assemblee-generale", answers).minutes("pv")
    assert minutes.assembly is not None and minutes.assembly.quorum_reached is False
    if fmt == "json":
        data = json.loads(minutes.model_dump_json())
        (election,) = [p for s in data["segments"] for p in s["prompts"] if p["type"] == "election"]
        assert election["ballots"] == 3  # recorded and counted
        assert election["summary"]["elected"] == [] and election["summary"]["deliberated"] is False
        return
    text = plain(minutes, fmt)
    assert "Siège attribué" not in text and "Sièges attribués" not in text
    assert "le scrutin est consigné, aucun siège n'est attribué" in text
    assert "vacant" not in text  # nobody could be elected: the seats are not said vacant
    # the voters against those entitled, as the quorum counted them: 3 present, no proxy
    assert "Votants : 3 sur 3 inscrits présents ou représentés" in text


def test_an_absent_members_card_joins_and_votes_once_signed_in(served_ag):
    """Cards are printed before the meeting for every member: an absent member's code joins
    (docs/web.md), the ballot refuses until the desk signs the member in, then the same phone
    votes without joining again."""
    writer, base, _codes = served_ag
    card = member_code(writer, "Karim Haddad")  # on his card, printed before the meeting
    karim, joined = _phone(base, member_code=card)
    assert joined.status_code == 201 and joined.json()["participant"] == "Karim Haddad"
    (prompt,) = karim.get("/api/state").json()["prompts"]
    assert prompt["voter"] is False and prompt["ballots_for"] == []
    assert _cast(karim, ["Camille Martin"]).status_code == 422
    record_attendance(writer, "Karim Haddad", "present")
    for _ in range(200):  # the server follows the journal: up to 20 s on a loaded machine
        (prompt,) = karim.get("/api/state").json()["prompts"]
        if prompt["voter"]:
            break
        time.sleep(0.1)
    assert prompt["ballots_for"] == ["Karim Haddad"]
    assert _cast(karim, ["Camille Martin"]).status_code == 201
    writer.sync()
    assert writer.has_voted("election-conseil", "Karim Haddad")


def test_a_refused_ballot_says_the_true_reason(tmp_path, cli):
    """Found in the AG rehearsal: the guest, the member whose proxy holder had voted, and a
    proxy-less vote for a member present were all told « ni présent(e) …, ni porteur d'un
    pouvoir / ni membre inscrit ».  Each is now told why."""
    import io

    import yaml
    from rich.console import Console

    from seminar_cli.ui.join_screen import run_join

    writer = bundled_ag(tmp_path)
    sign_in(writer)  # Julien Moreau represented by Hélène Marchand; Paul Renard a guest
    codes = {
        n: member_code(writer, n)
        for n in ("Hélène Marchand", "Olivier Dumas", "Julien Moreau", "Karim Haddad")
    }
    open_election(writer)

    def join(name: str, *entries: dict[str, object], lang: str = "fr") -> str:
        answers = tmp_path / "ballot.yaml"
        answers.write_text(
            yaml.safe_dump(
                {"election-conseil": [{"participant": name, **e} for e in entries]},
                allow_unicode=True,
            ),
            encoding="utf-8",
        )
        extra = ["--member-code", codes[name]] if name in codes else []
        result = cli(
            "--lang", lang, "join", writer.session_id, "--no-input", "--answers", str(answers),
            "--name", name, *extra,
        )  # fmt: skip
        assert result.code == 0, result.err
        return " ".join((result.out + result.err).split())

    vote = ["Camille Martin"]
    said = join("Hélène Marchand", {"value": vote}, {"value": vote, "for": "Julien Moreau"})
    assert "ne vote pas" not in said and "ne peut pas" not in said
    said = join(GUEST, {"value": vote})
    assert (
        f"{GUEST} ne vote pas : invité·e, pas membre ; un invité participe mais ne vote pas."
        in said
    )
    said = join("Julien Moreau", {"value": vote})
    assert (
        "Julien Moreau ne vote pas en personne : représenté·e par Hélène Marchand, qui dépose "
        "son bulletin." in said
    )
    said = join("Olivier Dumas", {"value": vote, "for": "Camille Martin"})
    assert (
        "Olivier Dumas ne peut pas voter pour Camille Martin : Camille Martin est présent·e et "
        "vote en personne." in said
    )
    said = join("Olivier Dumas", {"value": vote, "for": "Julien Moreau"}, lang="en")
    assert (
        "Olivier Dumas cannot vote for Julien Moreau: their proxy is held by Hélène Marchand."
        in said
    )
    said = join("Olivier Dumas", {"value": vote, "for": "Karim Haddad"})
    assert "Olivier Dumas ne peut pas voter pour Karim Haddad : Karim Haddad ne lui a pas " in said
    said = join("Karim Haddad", {"value": vote})
    assert "Karim Haddad ne vote pas : pas encore émargé·e présent·e (passez à l'accueil)." in said

    # at a terminal, the guest is told the same reason under the question
    participant = SessionWriter(writer.journal, writer.row, writer.clock)

    def sleep(_seconds: float) -> None:  # the guest is told at once: the facilitator closes
        writer.sync()
        writer.record(EventType.prompt_closed, prompt="election-conseil")
        writer.record(EventType.session_closed)

    screen = io.StringIO()
    run_join(participant, GUEST, Console(file=screen, width=200), sleep=sleep, member_code=None)
    text = " ".join(screen.getvalue().split())
    assert (
        "« Élection au conseil d'administration (trois sièges) » : Paul Renard ne vote pas : "
        "invité·e, pas membre" in text
    ), text
