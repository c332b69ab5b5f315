"""A workshop's phones (PRODUCT §6, §9 "Streams", issue #16): a server for one workshop of the
bundled « Co-construisons demain » (``WebServer(..., stream="jeunes")``, as ``seminar serve
--workshop jeunes`` runs it), through real HTTP on 127.0.0.1 (port 0).  Its own join code and
tokens, its prompts only (its own and its segment's shared ones), its answers in its stream;
the plenary's code and tokens are refused there, and the other way round.

Until the workshop's runner (``seminar workshop``) exists, this process plays it: it holds the
workshop stream's key and opens the workshop's prompts through the core, once the plenary
reached « Ré-inventons »."""

from __future__ import annotations

import re
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from seminar_cli.journal.events import EventType
from seminar_cli.session.service import SessionWriter
from seminar_cli.timer import SystemClock
from tests.conftest import seminar_cmd, subprocess_env
from tests.workshop_web_helpers import (
    JEUNES_CODE,
    JEUNES_TITLE,
    PLENARY_CODE,
    SEGMENT,
    WAIT,
    Workshops,
    phone,
    running_workshops,
)


@pytest.fixture
def workshops(journal_location: Path | str) -> Iterator[Workshops]:
    with running_workshops(journal_location) as opened:
        yield opened


def test_a_jeunes_phone_answers_its_workshops_prompt_and_the_shared_one_into_its_stream(
    workshops: Workshops,
) -> None:
    base = workshops.serve(JEUNES_CODE, "jeunes")
    with phone(base, JEUNES_CODE, "ines benali") as ines:
        state = ines.get("/api/state").json()
        assert state["participant"] == "Inès Benali"
        assert state["workshop"] == {
            "id": "jeunes",
            "title": JEUNES_TITLE,
            "room": "Salle Agora",
            "facilitator": "Lucie Fontaine",
        }
        assert state["segment"]["id"] == SEGMENT  # the plenary's segment and its countdown
        assert state["segment"]["remaining_seconds"] > 0
        # the segment's shared prompt first, then the workshop's own; open in its stream only
        assert [p["id"] for p in state["prompts"]] == ["outille-alliance", "jeunes-format"]
        choice = "Un hackathon territorial"
        assert (
            ines.post("/api/answers", json={"prompt": "jeunes-format", "value": choice}).status_code
            == 201
        )
        assert (
            ines.post(
                "/api/answers", json={"prompt": "outille-alliance", "value": "oui"}
            ).status_code
            == 201
        )
        # a secret answer is cast once, a named one replaced (as in plenary)
        again = ines.post("/api/answers", json={"prompt": "outille-alliance", "value": "non"})
        assert again.status_code == 409
        answered = {p["id"]: p["answered"] for p in ines.get("/api/state").json()["prompts"]}
        assert answered == {"outille-alliance": True, "jeunes-format": True}
    workshops.jeunes.record(EventType.prompt_closed, prompt="jeunes-format")
    workshops.jeunes.record(EventType.prompt_closed, prompt="outille-alliance")

    answers = [(s, p) for s, kind, p in workshops.events() if kind == "answer_given"]
    assert [(s, p["prompt"], p.get("participant"), p["value"]) for s, p in answers] == [
        ("jeunes", "jeunes-format", "Inès Benali", choice),
        ("jeunes", "outille-alliance", None, "oui"),  # no name: sealed, written at the close
    ]
    assert answers[0][1]["via"] == "web" and "via" not in answers[1][1]
    marked = [(s, p["participant"]) for s, kind, p in workshops.events() if kind == "answer_marked"]
    assert marked == [("jeunes", "Inès Benali")]


def test_each_rooms_code_and_tokens_open_that_room_only(workshops: Workshops) -> None:
    jeunes = workshops.serve(JEUNES_CODE, "jeunes")
    plenary = workshops.serve(PLENARY_CODE)
    catalyseurs = workshops.serve("CATALYSE", "catalyseurs")
    with httpx.Client(timeout=20) as anyone:
        # a room's code is refused at another room's server, pages and API alike, as a
        # wrong code is
        for base, code in ((jeunes, PLENARY_CODE), (plenary, JEUNES_CODE)):
            assert anyone.get(f"{base}/j/{code}").status_code == 404
            assert anyone.get(f"{base}/j/{code}/screen").status_code == 404
            assert anyone.get(f"{base}/api/screen", params={"code": code}).status_code == 401
            refused = anyone.post(f"{base}/api/join", json={"code": code, "name": "Hugo Lefebvre"})
            assert refused.status_code == 401, refused.text
            assert refused.json()["message"].startswith("Code d'accès inconnu")
        assert anyone.get(f"{jeunes}/j/{JEUNES_CODE}").status_code == 200
        assert anyone.get(f"{plenary}/j/{PLENARY_CODE}").status_code == 200
    with (
        phone(jeunes, JEUNES_CODE, "Hugo Lefebvre") as in_jeunes,
        phone(plenary, PLENARY_CODE, "Hugo Lefebvre") as in_plenary,
        phone(catalyseurs, "CATALYSE", "Hugo Lefebvre") as in_catalyseurs,
    ):
        # one name in three rooms: each room's tokens are its own, never valid elsewhere
        for client, base in (
            (in_plenary, jeunes),
            (in_catalyseurs, jeunes),
            (in_jeunes, plenary),
            (in_jeunes, catalyseurs),
        ):
            token = client.headers["Authorization"]
            refused = httpx.get(f"{base}/api/state", headers={"Authorization": token}, timeout=20)
            assert refused.status_code == 401
            sent = httpx.post(
                f"{base}/api/answers",
                json={"prompt": "jeunes-format", "value": "Un hackathon territorial"},
                headers={"Authorization": token},
                timeout=20,
            )
            assert sent.status_code == 401
        # the plenary's phones never see a workshop's prompt, nor answer it
        assert in_plenary.get("/api/state").json()["prompts"] == []
        assert in_plenary.get("/api/state").json()["workshop"] is None
        sent = in_plenary.post(
            "/api/answers", json={"prompt": "jeunes-format", "value": "Un hackathon territorial"}
        )
        assert sent.status_code == 422
        # nor a workshop's phone another workshop's prompt
        sent = in_jeunes.post("/api/answers", json={"prompt": "catalyseurs-pairs", "value": "x"})
        assert sent.status_code == 422
        assert sent.json()["message"] == "Question inconnue."
        # the catalyseurs' workshop opened nothing yet: its phones have nothing to answer
        assert in_catalyseurs.get("/api/state").json()["prompts"] == []
    assert not [e for e in workshops.events() if e[1] == "answer_given"]


def test_a_phone_joined_in_plenary_and_in_a_workshop_on_one_laptop_stays_known_in_both(
    workshops: Workshops,
) -> None:
    # two servers of one laptop: one address, two ports, which cookies do not tell apart
    plenary = workshops.serve(PLENARY_CODE)
    jeunes = workshops.serve(JEUNES_CODE, "jeunes")
    with httpx.Client(timeout=20, follow_redirects=True) as browser:
        for base, code in ((plenary, PLENARY_CODE), (jeunes, JEUNES_CODE)):
            joined = browser.post(f"{base}/j/{code}", data={"name": "Inès Benali"})
            assert "Vous êtes Inès Benali" in joined.text
        back = browser.get(f"{plenary}/j/{PLENARY_CODE}").text
        assert "Vous êtes Inès Benali" in back and "Atelier :" not in back
        back = browser.get(f"{jeunes}/j/{JEUNES_CODE}").text
        assert "Vous êtes Inès Benali" in back and f"Atelier : {JEUNES_TITLE}" in html_text(back)


def html_text(page: str) -> str:
    import html

    return html.unescape(page)


def test_a_workshops_join_page_lists_its_people_and_anyone_on_the_roster_may_join(
    workshops: Workshops,
) -> None:
    jeunes = workshops.serve(JEUNES_CODE, "jeunes")
    page = html_text(httpx.get(f"{jeunes}/j/{JEUNES_CODE}", timeout=20).text)
    listed = re.findall(r'<button type="submit" name="pick" value="([^"]+)"', page)
    assert listed == ["Inès Benali", "Hugo Lefebvre", "Maëlle Nguyen"]
    assert f"Atelier : {JEUNES_TITLE}" in page and "Salle : Salle Agora" in page
    # a catalyseur who moved to this workshop types their name: the roster's spelling
    with phone(jeunes, JEUNES_CODE, "camille martin") as camille:
        assert camille.get("/api/state").json()["participant"] == "Camille Martin"
    # the plenary's page lists the whole roster
    plenary = workshops.serve(PLENARY_CODE)
    page = html_text(httpx.get(f"{plenary}/j/{PLENARY_CODE}", timeout=20).text)
    assert len(re.findall(r'name="pick"', page)) == 12


def test_an_anonymous_answer_needs_the_workshops_own_runner_not_the_plenarys(
    workshops: Workshops,
) -> None:
    # the catalyseurs' workshop opens the shared anonymous prompt, but no runner of that
    # workshop holds a key (the plenary's runner, in this process, holds the plenary's)
    catalyseurs = SessionWriter(
        workshops.plenary.journal, workshops.jeunes.row, SystemClock(), "catalyseurs"
    )
    catalyseurs.record(EventType.prompt_opened, prompt="outille-alliance", segment=SEGMENT)
    base = workshops.serve("CATALYSE", "catalyseurs")
    with phone(base, "CATALYSE", "Thomas Girard") as thomas:
        refused = thomas.post("/api/answers", json={"prompt": "outille-alliance", "value": "oui"})
        assert refused.status_code == 409
        assert refused.json()["message"].startswith("Le poste de l'animateur est arrêté")
        catalyseurs.hold_anonymous_key()  # its runner starts: sealed to its key, in its stream
        sent = thomas.post("/api/answers", json={"prompt": "outille-alliance", "value": "oui"})
        assert sent.status_code == 201
    catalyseurs.record(EventType.prompt_closed, prompt="outille-alliance")
    answers = [(s, p["prompt"]) for s, kind, p in workshops.events() if kind == "answer_given"]
    assert answers == [("catalyseurs", "outille-alliance")]


def test_a_workshops_event_stream_tells_its_own_prompts_and_the_plenarys_segments(
    workshops: Workshops,
) -> None:
    from tests.test_web import read_events

    base = workshops.serve(JEUNES_CODE, "jeunes")
    catalyseurs = SessionWriter(
        workshops.plenary.journal, workshops.jeunes.row, SystemClock(), "catalyseurs"
    )
    with phone(base, JEUNES_CODE, "Hugo Lefebvre") as hugo:
        start = hugo.get("/api/state").json()["seq"]
        with hugo.stream("GET", "/api/events", params={"after": start}) as stream:
            # another workshop's prompt is never told here; this one's and the plenary's are
            catalyseurs.record(EventType.prompt_opened, prompt="catalyseurs-pairs", segment=SEGMENT)
            workshops.jeunes.record(
                EventType.prompt_opened, prompt="jeunes-alliance-vecue", segment=SEGMENT
            )
            workshops.plenary.record(EventType.segment_extended, segment=SEGMENT, seconds=300)
            got = read_events(stream, 2)
    told = [(s, t) for s, _stream, t in _public(workshops) if s > start]
    assert got == told
    assert [t for _s, t in got] == ["prompt_opened", "segment_extended"]


def _public(workshops: Workshops) -> list[tuple[int, str, str]]:
    """(position, stream, type) of the jeunes room's public events: the plenary's and its own."""
    return [
        (e.seq, e.stream, e.type)
        for e in workshops.plenary.journal.events(workshops.session_id, streams=("", "jeunes"))
        if e.type in ("prompt_opened", "segment_extended")
    ]


@pytest.mark.parametrize("stream", ["", "jeunes"])
def test_a_close_folded_by_a_phones_answer_still_reaches_the_event_stream(
    workshops: Workshops, stream: str
) -> None:
    from seminar_cli.journal.store import Journal
    from seminar_cli.session.room import Room

    writer = workshops.jeunes if stream else workshops.plenary
    if not stream:  # two prompts the plenary asks (a split segment's are the workshops')
        for prompt in ("mot-de-sortie", "satisfaction"):
            writer.record(EventType.prompt_opened, prompt=prompt, segment="cloture")
    answered, closed = (
        ("jeunes-format", "outille-alliance") if stream else ("mot-de-sortie", "satisfaction")
    )
    own = Journal.open(workshops.location, create=False)  # the server's own connection
    try:
        room = Room(own, own.session(workshops.session_id), "SALLE", stream)
        _token, who = room.join("SALLE", "Inès Benali")
        assert room.poll() == []
        writer.record(EventType.prompt_closed, prompt=closed)  # the runner closes one prompt
        value = "Un hackathon territorial" if stream else "élan"
        room.answer(who, answered, value)  # a phone answers before the poller looked
        told = [(e.type, e.data.get("prompt")) for e in room.poll()]
        assert told == [("prompt_closed", closed), ("answer", answered)]
        assert room.poll() == []
    finally:
        own.close()


def test_a_shared_prompt_opened_in_plenary_is_not_open_in_a_workshop_until_it_opens_it(
    workshops: Workshops,
) -> None:
    """The plenary never asks a split segment's own prompts: even opened in its stream (a
    journal written before workshops ran apart), its phones are not offered them, and a
    workshop's phones only once the workshop opens it."""
    workshops.plenary.record(EventType.prompt_opened, prompt="table-public", segment=SEGMENT)
    jeunes = workshops.serve(JEUNES_CODE, "jeunes")
    plenary = workshops.serve(PLENARY_CODE)
    with (
        phone(jeunes, JEUNES_CODE, "Inès Benali") as in_jeunes,
        phone(plenary, PLENARY_CODE, "Inès Benali") as in_plenary,
    ):
        assert [p["id"] for p in in_plenary.get("/api/state").json()["prompts"]] == []
        answer = {"prompt": "table-public", "value": "Jeunes"}
        assert in_plenary.post("/api/answers", json=answer).status_code == 422
        shown = [p["id"] for p in in_jeunes.get("/api/state").json()["prompts"]]
        assert shown == ["outille-alliance", "jeunes-format"]
        assert in_jeunes.post("/api/answers", json=answer).status_code == 409
        workshops.jeunes.record(EventType.prompt_opened, prompt="table-public", segment=SEGMENT)
        assert in_jeunes.post("/api/answers", json=answer).status_code == 201
        shown = [p["id"] for p in in_jeunes.get("/api/state").json()["prompts"]]
        assert shown == ["table-public", "outille-alliance", "jeunes-format"]
    answers = [(s, p["prompt"]) for s, kind, p in workshops.events() if kind == "answer_given"]
    assert answers == [("jeunes", "table-public")]


def test_a_workshops_projector_shows_its_title_room_countdown_prompts_and_results(
    workshops: Workshops,
) -> None:
    base = workshops.serve(JEUNES_CODE, "jeunes")
    with phone(base, JEUNES_CODE, "Maëlle Nguyen") as maelle:
        sent = maelle.post(
            "/api/answers", json={"prompt": "jeunes-format", "value": "Un hackathon territorial"}
        )
        assert sent.status_code == 201
    screen = httpx.get(f"{base}/j/{JEUNES_CODE}/screen", timeout=20)
    assert screen.status_code == 200
    page = screen.text
    assert "Atelier : Jeunes — vivre l&#39;alliance dès maintenant" in page
    assert "Salle : Salle Agora" in page
    assert "Ré-inventons la manière d&#39;apprendre à faire alliance" in page
    assert 'role="timer"' in page
    assert "Quel format vous donnerait envie de vous engager dans une alliance ?" in page
    assert "1 réponse" in page
    assert f"/j/{JEUNES_CODE}" in page  # its own join address, beside its QR code
    # the segment's end closes the workshop's prompts: the projector shows their results
    workshops.jeunes.record(EventType.prompt_closed, prompt="jeunes-format")
    workshops.jeunes.record(EventType.prompt_closed, prompt="outille-alliance")
    deadline = time.monotonic() + WAIT
    while True:  # the server follows the journal: the close reaches it within its poll
        shown = httpx.get(f"{base}/api/screen", params={"code": JEUNES_CODE}, timeout=20).json()
        if any(r["id"] == "jeunes-format" for r in shown["results"]):
            break
        assert time.monotonic() < deadline, shown
        time.sleep(0.1)
    result = next(r for r in shown["results"] if r["id"] == "jeunes-format")
    assert result["summary"]["counts"]["Un hackathon territorial"] == 1
    assert shown["prompts"] == []
    page = httpx.get(f"{base}/j/{JEUNES_CODE}/screen", timeout=20).text
    assert "Un hackathon territorial" in page


# -- the commands -----------------------------------------------------------------------
@pytest.fixture
def live(tmp_path: Path) -> Iterator[Workshops]:
    """The workshops on the journal the commands use (``SEMINAR_DB`` of ``subprocess_env``)."""
    with running_workshops(Path(subprocess_env(tmp_path)["SEMINAR_DB"])) as opened:
        yield opened


def test_seminar_serve_workshop_names_the_workshop_and_serves_its_phones(
    tmp_path: Path, live: Workshops
) -> None:
    server = subprocess.Popen(
        [
            *seminar_cmd(),
            "--lang",
            "fr",
            "serve",
            live.session_id,
            "--workshop",
            "jeunes",
            "--host",
            "127.0.0.1",
            "--port",
            "0",
            "--code",
            JEUNES_CODE,
        ],
        env=subprocess_env(tmp_path),
        cwd=tmp_path,
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert server.stderr is not None
        lines = [server.stderr.readline() for _ in range(2)]
        assert lines[0].startswith(f"Atelier « {JEUNES_TITLE} » de la séance {live.session_id}")
        found = re.fullmatch(
            rf"Téléphones de l'atelier « {JEUNES_TITLE} » : "
            rf"(http://127\.0\.0\.1:\d+)/j/{JEUNES_CODE}  \(code {JEUNES_CODE}\)\n",
            lines[1],
        )
        assert found, lines
        with phone(found.group(1), JEUNES_CODE, "Inès Benali") as ines:
            assert ines.get("/api/state").json()["workshop"]["title"] == JEUNES_TITLE
            sent = ines.post(
                "/api/answers",
                json={"prompt": "jeunes-format", "value": "Un hackathon territorial"},
            )
            assert sent.status_code == 201
    finally:
        server.send_signal(signal.SIGINT)
        _out, err = server.communicate(timeout=WAIT)
    assert "Traceback" not in err
    answers = [(s, p["participant"]) for s, kind, p in live.events() if kind == "answer_given"]
    assert answers == [("jeunes", "Inès Benali")]


def test_an_unknown_workshop_is_refused_naming_the_sessions_workshops(
    tmp_path: Path, live: Workshops
) -> None:
    for command in (["serve", "--host", "127.0.0.1", "--port", "0"], ["join", "--no-input"]):
        done = subprocess.run(
            [*seminar_cmd(), "--lang", "fr", *command, live.session_id, "--workshop", "ados"],
            env=subprocess_env(tmp_path),
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=WAIT,
        )
        assert done.returncode == 1, done.stderr
        assert (
            "La séance n'a pas d'atelier « ados » : ses ateliers sont jeunes, chefs-de-projet, "
            "leaders-opinion, catalyseurs." in done.stderr
        )
        assert "Traceback" not in done.stderr


def test_join_workshop_answers_the_workshops_prompts_into_its_stream(
    tmp_path: Path, live: Workshops
) -> None:
    (tmp_path / "answers.yaml").write_text(
        "jeunes-format: [Un stage croisé entre deux organisations]\noutille-alliance: [non]\n",
        encoding="utf-8",
    )
    done = subprocess.Popen(
        [
            *seminar_cmd(),
            "--lang",
            "fr",
            "join",
            live.session_id,
            "--workshop",
            "jeunes",
            "--no-input",
            "--answers",
            "answers.yaml",
            "--name",
            "Hugo Lefebvre",
        ],
        env=subprocess_env(tmp_path),
        cwd=tmp_path,
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
    )
    _out, err = done.communicate(timeout=WAIT)
    assert done.returncode == 0, err
    assert "2 réponses envoyées" in err
    live.jeunes.record(EventType.prompt_closed, prompt="outille-alliance")
    answers = [
        (s, p["prompt"], p.get("participant"), p["value"])
        for s, k, p in live.events()
        if k == "answer_given"
    ]
    assert answers == [
        ("jeunes", "jeunes-format", "Hugo Lefebvre", "Un stage croisé entre deux organisations"),
        ("jeunes", "outille-alliance", None, "non"),
    ]


def test_a_workshops_terminal_is_asked_what_its_stream_opened_only(workshops: Workshops) -> None:
    from seminar_cli.session.join import Joiner

    workshops.plenary.record(EventType.prompt_opened, prompt="table-public", segment=SEGMENT)
    joiner = Joiner(
        SessionWriter(workshops.plenary.journal, workshops.jeunes.row, SystemClock(), "jeunes"),
        "hugo lefebvre",
    )
    assert [p.id for p in joiner.pending()] == ["outille-alliance", "jeunes-format"]
    table = next(p for _s, p in joiner.writer.agenda.all_prompts() if p.id == "table-public")
    assert joiner.answer(table, "Jeunes") is False  # not asked in this workshop: not recorded
    workshops.jeunes.record(EventType.prompt_opened, prompt="table-public", segment=SEGMENT)
    joiner.writer.sync()
    assert [p.id for p in joiner.pending()] == ["table-public", "outille-alliance", "jeunes-format"]
    assert joiner.answer(table, "Jeunes") is True
    answers = [(s, p["participant"]) for s, kind, p in workshops.events() if kind == "answer_given"]
    assert answers == [("jeunes", "Hugo Lefebvre")]


def test_serve_workshop_free_frees_a_name_in_that_workshop_only(
    tmp_path: Path, live: Workshops
) -> None:
    with phone(live.serve(JEUNES_CODE, "jeunes"), JEUNES_CODE, "Inès Benali"):
        pass  # the name is held in the jeunes workshop, not in the plenary

    def free(*workshop: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [
                *seminar_cmd(),
                "--lang",
                "fr",
                "serve",
                live.session_id,
                *workshop,
                "--free",
                "ines benali",
            ],
            env=subprocess_env(tmp_path),
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=WAIT,
        )

    plenary = free()
    assert plenary.returncode == 0, plenary.stderr
    assert "Aucun téléphone ne tient le nom « ines benali »" in plenary.stderr
    freed = free("--workshop", "jeunes")
    assert freed.returncode == 0, freed.stderr
    assert "« ines benali » libéré : 1 téléphone devra choisir son nom à nouveau." in freed.stderr


def test_workshop_on_a_session_without_workshops_says_so(tmp_path: Path) -> None:
    from seminar_cli.agenda.loader import load_agenda
    from seminar_cli.journal.store import Journal
    from seminar_cli.session.service import SessionSetup, open_session

    with Journal.open(Path(subprocess_env(tmp_path)["SEMINAR_DB"])) as journal:
        session_id = open_session(
            journal, load_agenda("team-retrospective"), SessionSetup(), SystemClock()
        )
    done = subprocess.run(
        [*seminar_cmd(), "--lang", "fr", "serve", session_id, "--workshop", "jeunes"],
        env=subprocess_env(tmp_path),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=WAIT,
    )
    assert done.returncode == 1
    assert "La séance n'a pas d'ateliers : --workshop jeunes ne s'applique pas." in done.stderr
    assert "Traceback" not in done.stderr


def test_a_workshops_terminal_stops_when_its_segment_ended_and_its_prompts_closed(
    workshops: Workshops,
) -> None:
    """`join --workshop` does not wait for the whole session: once its segment ended and its
    workshop closed what it had opened, nothing more will be asked there."""
    from seminar_cli.session.join import Joiner

    joiner = Joiner(
        SessionWriter(workshops.plenary.journal, workshops.jeunes.row, SystemClock(), "jeunes"),
        "Hugo Lefebvre",
    )

    def nothing_to_ask(*_args: object) -> object:
        raise AssertionError("nothing is open: nothing should be asked")

    workshops.plenary.record(EventType.segment_ended, segment=SEGMENT)
    joiner.writer.sync()
    assert not joiner.workshop_over()  # its prompts are still open in its stream
    for prompt in ("jeunes-format", "outille-alliance"):
        workshops.jeunes.record(EventType.prompt_closed, prompt=prompt)
    outcome = joiner.run_interactive(
        nothing_to_ask,  # type: ignore[arg-type]
        lambda _outcome: None,
        sleep=lambda _seconds: None,
    )
    assert outcome.workshop_over and not outcome.closed
    plenary = Joiner(workshops.plenary, "Hugo Lefebvre")
    assert not plenary.workshop_over()  # the plenary's terminal waits for the session's end
