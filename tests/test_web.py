"""Phones in the room (PRODUCT §6, issue #14): the JSON API, the pages and the event stream,
through a real uvicorn server on 127.0.0.1 (port 0), as phones reach it."""

from __future__ import annotations

import html
import json
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from seminar_cli.journal.events import EventType
from seminar_cli.journal.store import Journal
from seminar_cli.web.server import WebServer
from tests.conftest import seminar_cmd, subprocess_env
from tests.session_helpers import take_over_as_new_runner
from tests.web_helpers import AGENDA, LiveSession, live_session

CODE = "ABCDEF"


@dataclass
class Served:
    session: LiveSession
    base: str
    server: WebServer

    def client(self) -> httpx.Client:
        return httpx.Client(base_url=self.base, timeout=20)

    def join(self, name: str) -> tuple[httpx.Client, str]:
        client = self.client()
        response = client.post("/api/join", json={"code": CODE, "name": name})
        assert response.status_code == 201, response.text
        token = response.json()["token"]
        client.headers["Authorization"] = f"Bearer {token}"
        return client, token

    def events(self) -> list[tuple[int, str, dict[str, object]]]:
        with Journal.open(self.session.path, create=False) as journal:
            return [(e.seq, e.type, e.payload) for e in journal.events(self.session.session_id)]


def serve(language: str = "fr") -> Served:
    session = live_session(language)
    server = WebServer(session.path, session.session_id, host="127.0.0.1", port=0, code=CODE)
    served = server.start()
    return Served(session, served.url.rsplit("/j/", 1)[0], server)


@pytest.fixture
def served() -> Iterator[Served]:
    result = serve()
    yield result
    result.server.stop()


def wait_until(condition, timeout: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_the_join_code_is_needed_everywhere(served: Served) -> None:
    client = served.client()
    refused = client.post("/api/join", json={"code": "WRONG1", "name": "Sam Taylor"})
    assert refused.status_code == 401
    assert refused.json()["message"] == (
        "Code d'accès inconnu : vérifiez l'adresse affichée dans la salle."
    )
    assert client.get("/j/WRONG1").status_code == 404
    assert client.get("/j/WRONG1/screen").status_code == 404
    assert client.get("/api/screen", params={"code": "WRONG1"}).status_code == 401
    assert client.get("/api/events", params={"code": "WRONG1"}).status_code == 401
    assert client.get("/api/state").status_code == 401
    assert client.get("/api/events").status_code == 401
    assert client.post("/api/answers", json={"prompt": "humeur", "value": "x"}).status_code == 401
    # the code is typed without case on a phone
    assert client.post("/api/join", json={"code": "abcdef", "name": "Sam"}).status_code == 201


def test_a_name_is_matched_to_the_roster_and_held_by_one_phone(
    served: Served, tmp_path: Path
) -> None:
    client = served.client()
    joined = client.post("/api/join", json={"code": CODE, "name": "  ines   BENALI "})
    assert joined.status_code == 201
    assert joined.json()["participant"] == "Inès Benali"
    # the same phone joining again keeps its token
    again = client.post("/api/join", json={"code": CODE, "name": "Inès Benali"})
    assert again.json()["token"] == joined.json()["token"]
    other = served.client().post("/api/join", json={"code": CODE, "name": "INES BENALI"})
    assert other.status_code == 409
    assert "demandez à l'animateur de le libérer" in other.json()["message"]
    assert "Inès Benali" in other.json()["message"]
    # the facilitator frees the name: the other phone takes it, the first one is out
    freed = subprocess.run(
        [*seminar_cmd(), "serve", "--free", "ines benali"],
        env=subprocess_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert freed.returncode == 0, freed.stderr
    assert "« ines benali » libéré : 1 téléphone devra choisir son nom" in freed.stderr
    assert served.client().post("/api/join", json={"code": CODE, "name": "Inès"}).status_code
    retaken = served.client().post("/api/join", json={"code": CODE, "name": "inès benali"})
    assert retaken.status_code == 201
    assert client.get("/api/state").status_code == 401  # the cookie's token was freed


def test_every_status_of_the_answers_api(served: Served) -> None:
    phone, _token = served.join("Sam Taylor")
    assert phone.post("/api/answers", json={"prompt": "note", "value": 4}).status_code == 201
    bad = phone.post("/api/answers", json={"prompt": "note", "value": 9})
    assert bad.status_code == 422
    assert bad.json()["message"] == "donnez un nombre entier de 1 à 5"
    assert phone.post("/api/answers", json={"prompt": "nope", "value": 1}).status_code == 422
    assert phone.post("/api/answers", content=b"[1, 2]").status_code == 400
    # asked in turn at the keyboard: not for phones
    assert phone.post("/api/answers", json={"prompt": "tour", "value": "x"}).status_code == 409
    served.session.close_prompt("humeur")
    closed = phone.post("/api/answers", json={"prompt": "humeur", "value": "tard"})
    assert closed.status_code == 409
    assert closed.json()["message"].startswith("Cette question est close")
    # too large: refused while reading, whatever Content-Length says
    huge = json.dumps({"prompt": "long", "value": "x" * 17_000}).encode()
    assert phone.post("/api/answers", content=huge).status_code == 413

    def chunks() -> Iterator[bytes]:
        for _ in range(40):
            yield b" " * 1024

    assert phone.post("/api/answers", content=chunks()).status_code == 413
    # too many: the token's bucket empties
    statuses = [
        phone.post("/api/answers", json={"prompt": "ville", "value": "Lyon"}).status_code
        for _ in range(40)
    ]
    assert 429 in statuses and statuses[0] == 201
    assert (
        phone.post(
            "/api/answers", json={"prompt": "x"}, headers={"Authorization": "Bearer forged"}
        ).status_code
        == 401
    )
    answers = [p for _s, t, p in served.events() if t == "answer_given"]
    assert {"prompt": "note", "participant": "Sam Taylor", "value": 4, "via": "web"} in answers
    assert not [p for p in answers if p["prompt"] == "humeur"]


def test_joins_are_limited_per_address() -> None:
    session = live_session()
    server = WebServer(session.path, session.session_id, host="127.0.0.1", port=0, code=CODE)
    server.app_options = {"join_rate": (3, 0.01)}
    base = server.start().url.rsplit("/j/", 1)[0]
    try:
        client = httpx.Client(base_url=base, timeout=20)
        statuses = [
            client.post("/api/join", json={"code": CODE, "name": f"Guest {i}"}).status_code
            for i in range(5)
        ]
        assert statuses == [201, 201, 201, 429, 429]
    finally:
        server.stop()


def test_a_token_reaches_only_its_own_answers(served: Served) -> None:
    ines, _ = served.join("Inès Benali")
    sam, _ = served.join("Sam Taylor")
    assert (
        ines.post("/api/answers", json={"prompt": "humeur", "value": "secret d'Inès"}).status_code
        == 201
    )
    assert (
        ines.post("/api/answers", json={"prompt": "humeur", "value": "joyeuse"}).status_code == 201
    )
    mine = {p["id"]: p for p in ines.get("/api/state").json()["prompts"]}
    assert mine["humeur"]["answered"] is True
    assert mine["humeur"]["my_answer"] == "joyeuse"  # the later one replaced the earlier one
    theirs = sam.get("/api/state")
    assert theirs.json()["participant"] == "Sam Taylor"
    assert "joyeuse" not in theirs.text and "Inès" not in theirs.text
    assert {p["id"]: p for p in theirs.json()["prompts"]}["humeur"]["answered"] is False
    # results only once the prompt closes (early answers must not sway later ones)
    assert theirs.json()["results"] == []
    served.session.close_prompt("humeur")
    wait_until(lambda: sam.get("/api/state").json()["results"] != [])
    result = sam.get("/api/state").json()["results"][0]
    assert result["id"] == "humeur" and result["summary"] == {"count": 1}
    answers = [p for _s, t, p in served.events() if t == "answer_given"]
    assert [a["value"] for a in answers if a["prompt"] == "humeur"] == ["secret d'Inès", "joyeuse"]


def test_an_anonymous_answer_keeps_no_link_to_its_token(served: Served) -> None:
    phone, token = served.join("Camille Martin")
    assert (
        phone.post("/api/answers", json={"prompt": "secret", "value": "contre"}).status_code == 201
    )
    again = phone.post("/api/answers", json={"prompt": "secret", "value": "pour"})
    assert again.status_code == 409
    assert again.json()["message"].startswith("Vous avez déjà répondu à ce scrutin secret")
    state = {p["id"]: p for p in phone.get("/api/state").json()["prompts"]}
    assert state["secret"]["answered"] is True and "my_answer" not in state["secret"]
    # nothing in the journal's tables ties the ballot to the token or the name
    db = served.session.journal._db
    pool = db.execute("SELECT * FROM anonymous_pool").fetchall()
    assert len(pool) == 1 and "Camille" not in repr(pool) and token not in repr(pool)
    served.session.close_prompt("secret")
    events = served.events()
    ballots = [p for _s, t, p in events if t == "answer_given" and p["prompt"] == "secret"]
    assert ballots == [{"prompt": "secret", "value": "contre"}]  # no name, no ref, no via
    marked = [p for _s, t, p in events if t == "answer_marked"]
    assert marked == [{"prompt": "secret", "participant": "Camille Martin"}]  # no value
    everything = json.dumps([list(row) for row in db.execute("SELECT * FROM events")])
    assert token not in everything
    tokens = db.execute("SELECT token_hash, participant FROM web_tokens").fetchall()
    assert all(len(h) == 64 and token not in h for h, _p in tokens)


def test_an_answer_racing_the_close_is_recorded_or_refused(served: Served) -> None:
    phones = [served.join(f"Invité {i}")[0] for i in range(12)]
    statuses: dict[int, int] = {}

    def answer(i: int) -> None:
        statuses[i] = (
            phones[i].post("/api/answers", json={"prompt": "accord", "value": "oui"}).status_code
        )

    threads = [threading.Thread(target=answer, args=(i,)) for i in range(12)]
    for thread in threads:
        thread.start()
    served.session.close_prompt("accord")
    for thread in threads:
        thread.join(timeout=30)
    assert set(statuses.values()) <= {201, 409} and len(statuses) == 12
    events = served.events()
    closed_at = next(s for s, t, p in events if t == "prompt_closed" and p["prompt"] == "accord")
    recorded = [s for s, t, p in events if t == "answer_given" and p["prompt"] == "accord"]
    assert len(recorded) == list(statuses.values()).count(201)
    assert all(seq < closed_at for seq in recorded)


def read_events(response: httpx.Response, count: int) -> list[tuple[int, str]]:
    """The first ``count`` events of a stream: (id, event name)."""
    got: list[tuple[int, str]] = []
    event_id, name = None, None
    for line in response.iter_lines():
        if line.startswith("id: "):
            event_id = int(line[4:])
        elif line.startswith("event: "):
            name = line[7:]
        elif line == "" and event_id is not None:
            got.append((event_id, str(name)))
            event_id = None
            if len(got) == count:
                break
    return got


def test_a_phone_reconnecting_with_last_event_id_misses_nothing(served: Served) -> None:
    phone, _ = served.join("Sam Taylor")
    start = phone.get("/api/state").json()["seq"]
    with phone.stream("GET", "/api/events", params={"after": start}) as stream:
        served.session.close_prompt("humeur")
        first = read_events(stream, 1)
    assert first[0][1] == "prompt_closed"
    # asleep: the room goes on without it
    served.session.close_prompt("ville")
    served.session.writer.record(EventType.note, text="note du secrétariat")
    served.session.writer.record(EventType.segment_ended, segment="ouverture")
    served.session.writer.record(EventType.segment_started, segment="suite")
    with phone.stream("GET", "/api/events", headers={"Last-Event-ID": str(first[0][0])}) as stream:
        again = read_events(stream, 3)
    public = [
        (s, t)
        for s, t, _p in served.events()
        if s > first[0][0] and t not in ("note", "answer_given", "answer_marked")
    ]
    assert again == public
    assert [t for _s, t in again] == ["prompt_closed", "segment_ended", "segment_started"]


def test_hostile_names_and_answers_are_escaped(served: Served) -> None:
    hostile = '<script>alert("x")</script>'
    page = served.client()
    joined = page.post(f"/j/{CODE}", data={"name": hostile}, follow_redirects=False)
    assert joined.status_code == 303
    assert "HttpOnly" in joined.headers["set-cookie"]
    assert "SameSite=strict" in joined.headers["set-cookie"]
    assert "Path=/" in joined.headers["set-cookie"]
    sent = page.post(
        f"/j/{CODE}/answer",
        data={"prompt": "humeur", "value": '<img src=x onerror="alert(1)">'},
        follow_redirects=False,
    )
    assert sent.status_code == 303 and "ok=humeur" in sent.headers["location"]
    body = page.get(sent.headers["location"]).text
    assert "<script>alert" not in body and "&lt;script&gt;" in body
    assert "<img src=x" not in body and "&lt;img src=x" in body
    assert "Réponse enregistrée" in body
    served.session.close_prompt("humeur")
    wait_until(lambda: "Résultats" in page.get(f"/j/{CODE}").text)
    assert "<img src=x" not in page.get(f"/j/{CODE}/screen").text


def test_every_page_has_the_strict_headers(served: Served) -> None:
    client = served.client()
    for path in (f"/j/{CODE}", f"/j/{CODE}/screen", f"/j/{CODE}/timer", "/static/live.js", "/x"):
        headers = client.get(path).headers
        assert headers["content-security-policy"] == (
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
        )
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "no-referrer"
    page = client.get(f"/j/{CODE}").text
    assert "<script>" not in page and "style=" not in page  # nothing inline: the CSP holds
    assert client.get(f"/j/{CODE}/qr.svg").headers["content-type"].startswith("image/svg+xml")


def test_forms_work_without_script_for_every_prompt_type(served: Served) -> None:
    page = served.client()
    page.post(f"/j/{CODE}", data={"name": "Sam Taylor"})
    form = [
        ("humeur", [("value", "bien")]),
        ("ville", [("value", "Lille")]),
        ("themes", [("value", "climat"), ("value", "santé")]),
        ("note", [("value", "5")]),
        ("accord", [("value", "non")]),
        ("mots", [("value", "alliance, Lyon")]),
        ("motion", [("value", "abstention")]),
        ("anonyme", [("value", "caché")]),
    ]
    for prompt, fields in form:
        sent = page.post(
            f"/j/{CODE}/answer",
            content="&".join(
                f"{k}={httpx.QueryParams({k: v})[k]}" for k, v in [("prompt", prompt), *fields]
            ),
            headers={"content-type": "application/x-www-form-urlencoded"},
            follow_redirects=False,
        )
        assert sent.status_code == 303, (prompt, sent.text)
    # a ranking is reordered by buttons, then sent
    moved = page.post(
        f"/j/{CODE}/answer",
        data={"prompt": "ordre", "order": ["A", "B", "C"], "move": "down:0"},
    )
    assert moved.status_code == 200
    assert moved.text.index('value="B"') < moved.text.index('value="A"')
    sent = page.post(
        f"/j/{CODE}/answer",
        data={"prompt": "ordre", "order": ["B", "A", "C"]},
        follow_redirects=False,
    )
    assert sent.status_code == 303
    too_many = page.post(
        f"/j/{CODE}/answer", data={"prompt": "themes", "value": ["climat", "emploi", "santé"]}
    )
    assert too_many.status_code == 422
    assert "Choisissez" in too_many.text or "choisissez" in too_many.text
    answers = {
        p["prompt"]: p.get("value")
        for _s, t, p in served.events()
        if t == "answer_given" and p.get("participant") == "Sam Taylor"
    }
    assert answers["themes"] == ["climat", "santé"]
    assert answers["note"] == 5 and answers["accord"] == "non" and answers["motion"] == "abstention"
    assert answers["mots"] == ["alliance", "Lyon"] and answers["ordre"] == ["B", "A", "C"]
    assert "anonyme" not in answers
    body = page.get(f"/j/{CODE}").text
    assert body.count("Réponse enregistrée") >= 9


def test_messages_follow_the_session_language() -> None:
    served = serve("en")
    try:
        phone, _ = served.join("Sam Taylor")
        bad = phone.post("/api/answers", json={"prompt": "note", "value": 9})
        assert bad.status_code == 422
        assert "1" in bad.json()["message"] and "5" in bad.json()["message"]
        assert served.client().get(f"/j/{CODE}").text.count("Your name") == 1
        sent = phone.post("/api/answers", json={"prompt": "humeur", "value": "x"})
        assert sent.status_code == 201  # still open
        served.session.close_prompt("humeur")
        closed = phone.post("/api/answers", json={"prompt": "humeur", "value": "x"})
        assert closed.json()["message"] == "This prompt is closed: your answer was not recorded."
    finally:
        served.server.stop()


def test_a_named_web_answer_is_in_the_json_minutes_with_via_web(served: Served, cli) -> None:  # type: ignore[no-untyped-def]
    phone, _ = served.join("Inès Benali")
    assert phone.post("/api/answers", json={"prompt": "ville", "value": "paris"}).status_code == 201
    result = cli("export", served.session.session_id, "--format", "json", "--output", "-")
    assert result.code == 0, result.err
    minutes = json.loads(result.out)
    prompt = next(p for s in minutes["segments"] for p in s["prompts"] if p["id"] == "ville")
    assert prompt["responses"][0]["participant"] == "Inès Benali"
    assert prompt["responses"][0]["value"] == "Paris"
    assert prompt["responses"][0]["via"] == "web"


def test_start_serve_is_answered_over_http(tmp_path: Path) -> None:
    # 15 min to answer in (9 s at ×100), then 1 min: the run ends on its own in about 10 s
    agenda = AGENDA.format(language="fr").replace("duration: 30m", "duration: 15m")
    (tmp_path / "phones.yaml").write_text(
        agenda.replace("duration: 10m", "duration: 1m"), encoding="utf-8"
    )
    process = subprocess.Popen(
        [
            *seminar_cmd(),
            "start",
            "phones.yaml",
            "--no-input",
            "--serve",
            "--host",
            "127.0.0.1",
            "--port",
            "0",
            "--code",
            "salle1",
            "--speed",
            "100",
        ],
        env=subprocess_env(tmp_path),
        cwd=tmp_path,
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert process.stderr is not None
        url = None
        deadline = time.monotonic() + 60
        while url is None and time.monotonic() < deadline:
            line = process.stderr.readline()
            if "http://" in line:
                url = line.split()[2]
        assert url is not None and url.endswith("/j/SALLE1")
        base = url.rsplit("/j/", 1)[0]
        client = httpx.Client(base_url=base, timeout=20)
        token = client.post("/api/join", json={"code": "SALLE1", "name": "Sam Taylor"}).json()[
            "token"
        ]
        client.headers["Authorization"] = f"Bearer {token}"
        wait_until(
            lambda: any(p["id"] == "ville" for p in client.get("/api/state").json()["prompts"]), 60
        )
        assert (
            client.post("/api/answers", json={"prompt": "ville", "value": "Lyon"}).status_code
            == 201
        )
        process.wait(timeout=240)  # 16 minutes at ×100: the session closes, the server stops
        assert process.returncode == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    with Journal.open(tmp_path / "journal.sqlite3", create=False) as journal:
        row = journal.sessions()[0]
        answers = [e.payload for e in journal.events(row.id) if e.type == "answer_given"]
    assert {
        "prompt": "ville",
        "participant": "Sam Taylor",
        "value": "Lyon",
        "via": "web",
    } in answers


def test_a_ballot_voided_by_a_new_runner_may_be_cast_again_and_none_without_one(
    served: Served,
) -> None:

    phone, _token = served.join("Camille Martin")
    assert (
        phone.post("/api/answers", json={"prompt": "secret", "value": "contre"}).status_code == 201
    )
    # the runner that held the key stops (its process id runs no more): nothing is taken in
    dead = subprocess.Popen(["true"])
    dead.wait()
    db = served.session.journal._db
    db.execute("UPDATE anonymous_keys SET pid = ?", (dead.pid,))
    later = served.join("Sam Taylor")[0]
    stopped = later.post("/api/answers", json={"prompt": "secret", "value": "pour"})
    assert stopped.status_code == 409
    assert stopped.json()["message"].startswith("Le poste de l'animateur est arrêté")
    # a new runner claims the session: Camille's ballot, sealed to the dead key, is voided
    writer = served.session.writer
    take_over_as_new_runner(writer)
    state = {p["id"]: p for p in phone.get("/api/state").json()["prompts"]}
    assert state["secret"]["answered"] is False
    assert phone.post("/api/answers", json={"prompt": "secret", "value": "pour"}).status_code == 201
    assert later.post("/api/answers", json={"prompt": "secret", "value": "pour"}).status_code == 201
    served.session.close_prompt("secret")
    events = served.events()
    assert [p for _s, t, p in events if t == "anonymous_voided"] == [
        {"prompt": "secret", "count": 1}
    ]
    ballots = [p["value"] for _s, t, p in events if t == "answer_given" and p["prompt"] == "secret"]
    assert ballots == ["pour", "pour"]


VOIDED_PHONE = (
    "1 bulletin a été annulé par l'arrêt du poste de l'animateur\u00a0: si vous aviez voté, "
    "votez de nouveau."
)
VOIDED_SCREEN = "1 bulletin annulé par l'arrêt du poste\u00a0: faites revoter"


def test_voided_ballots_are_told_to_the_room_and_to_each_phone_that_may_vote_again(
    served: Served,
) -> None:
    """The second AG rehearsal: after a crash and ``resume``, ballots sealed to the dead
    station are voided; the projector asks the room to vote again and every phone that may
    still vote says so above its form (a count, never whose)."""
    camille, _ = served.join("Camille Martin")
    sam, _ = served.join("Sam Taylor")
    assert camille.post("/api/answers", json={"prompt": "secret", "value": "contre"}).status_code
    screen = served.client()
    assert screen.get("/api/screen", params={"code": CODE}).json()["prompts"][9]["voided"] == 0
    assert VOIDED_SCREEN not in html.unescape(screen.get(f"/j/{CODE}/screen").text)
    dead = subprocess.Popen(["true"])
    dead.wait()
    served.session.journal._db.execute("UPDATE anonymous_keys SET pid = ?", (dead.pid,))
    take_over_as_new_runner(served.session.writer)

    def voided(client: httpx.Client, path: str, **params: str) -> dict[str, int]:
        prompts = client.get(path, params=params).json()["prompts"]
        return {p["id"]: p["voided"] for p in prompts}

    # the server's poller reads the journal a few times a second
    wait_until(lambda: voided(screen, "/api/screen", code=CODE)["secret"] == 1)
    assert voided(camille, "/api/state")["secret"] == 1
    assert voided(sam, "/api/state") == voided(camille, "/api/state")
    assert voided(sam, "/api/state")["anonyme"] == 0
    projector = html.unescape(screen.get(f"/j/{CODE}/screen").text)
    assert projector.count(VOIDED_SCREEN) == 1
    # neither Camille (whose ballot it was) nor Sam (who had not voted) is singled out
    for phone in (camille, sam):
        page = html.unescape(phone.get(f"/j/{CODE}/part").text)
        assert page.count(VOIDED_PHONE) == 1
        assert "Camille" not in page.split(VOIDED_PHONE)[0].rsplit("<section", 1)[-1]
    # once a phone has voted again, its notice goes; the projector keeps asking the room
    assert camille.post("/api/answers", json={"prompt": "secret", "value": "pour"}).status_code
    assert VOIDED_PHONE not in html.unescape(camille.get(f"/j/{CODE}/part").text)
    assert VOIDED_PHONE in html.unescape(sam.get(f"/j/{CODE}/part").text)
    assert VOIDED_SCREEN in html.unescape(screen.get(f"/j/{CODE}/screen").text)
    # the phones' event stream carries the voiding (no name), so a page left open redraws
    public = [e for e in served.session.open_room(CODE).events_after(0)]
    assert [e.data for e in public if e.type == "anonymous_voided"] == [{"prompt": "secret"}]


def test_a_single_secret_ballot_is_confirmed_as_a_ballot_and_an_anonymous_answer_as_one(
    served: Served,
) -> None:
    phone, _ = served.join("Sam Taylor")
    assert phone.post("/api/answers", json={"prompt": "secret", "value": "pour"}).status_code
    assert phone.post("/api/answers", json={"prompt": "anonyme", "value": "x"}).status_code
    page = html.unescape(phone.get(f"/j/{CODE}/part").text)
    ballot = page.split('id="p-secret"', 1)[1].split("</section>", 1)[0]
    answer = page.split('id="p-anonyme"', 1)[1].split("</section>", 1)[0]
    assert "✓ Votre bulletin est dans l'urne." in ballot
    assert "Réponse enregistrée" not in ballot
    assert "✓ Réponse enregistrée (anonyme)." in answer
