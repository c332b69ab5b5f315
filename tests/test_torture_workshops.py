"""The workshops' torture test (issue #16, « Done means »): a plenary facilitator and four
workshop facilitators, each a real ``seminar`` process at its own terminal (tmux), and 100
phones (threads with httpx, 25 per workshop) answering through the four workshops' own
servers, all on one PostgreSQL journal.  One workshop's process is killed with SIGKILL in the
middle of the burst and the same command started again: its phones retry with the tokens they
had, the anonymous answers sealed to the dead process's key are voided and answered again.

What it asserts is what the journal, ``verify`` and the JSON minutes hold: every answer a
phone was told was recorded is there exactly once, in its workshop's stream and nowhere else;
each stream's positions run 1..n; the plenary's stream holds no workshop answer; the minutes
give each workshop's answers under its segment.  While it runs, the server's connections to
the journal's database are sampled: they stay under PostgreSQL's default of 100."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import psycopg
import pytest

from seminar_cli.journal.events import EventType
from seminar_cli.journal.store import PLENARY, Journal, StoredEvent
from tests.conftest import seminar_cmd, subprocess_env
from tests.tmux_helpers import Tmux

WORKSHOPS = {
    "jeunes": ("Jeunes", "Salle Agora"),
    "porteurs": ("Porteurs de projets", "Salle Jardin"),
    "leaders": ("Leaders d'opinion", "Salle Forum"),
    "catalyseurs": ("Catalyseurs", "Salle Atelier"),
}
KILLED = "leaders"  # the workshop whose process is killed with SIGKILL mid-burst
PER_WORKSHOP = 25  # phones per workshop: 100 in all
SHARED = "commune"  # the segment's own prompt, anonymous, asked in every workshop
BENEFITS = ["Rencontres", "Méthodes", "Idées"]  # its choices
FORMATS = ["Atelier", "Forum", "Tandem"]  # each workshop's own choice prompt
KILL_AFTER = 5  # the killed workshop's phones' second round answers recorded before the kill
HALF = PER_WORKSHOP // 2  # its phones that answer anonymously before the kill (other variant)
MAX_CONNECTIONS = 100  # PostgreSQL's default max_connections
BURST_SECONDS = 150.0  # bound of the whole burst on a loaded machine (it takes far less)
RETRY_PAUSE = 0.2  # a phone's pause between two tries while its server is away
ADDRESS = re.compile(r"Téléphones : (http://127\.0\.0\.1:\d+)/j/([A-Z0-9]+)")


def people(workshop: str) -> list[str]:
    return [f"{workshop.capitalize()} {n:02d}" for n in range(1, PER_WORKSHOP + 1)]


def own_prompts(workshop: str) -> list[str]:
    return [f"{workshop}-idee", f"{workshop}-format"]


def write_agenda(tmp_path: Path) -> Path:
    """A short welcome, one segment split into the four workshops (long enough: the plenary's
    facilitator ends it with key n), a restitution."""
    lines = ["title: Torture à ateliers", "language: fr", "participants:"]
    lines += [f"  - name: {name}" for workshop in WORKSHOPS for name in people(workshop)]
    lines += [
        "segments:",
        "  - {id: accueil, title: Accueil, duration: 1m}",
        "  - id: ateliers",
        "    title: Ateliers en parallèle",
        "    kind: workshop",
        "    duration: 30m",
        "    prompts:",
        f"      - id: {SHARED}",
        "        question: Ce qui vous a le plus apporté ?",
        "        type: choice",
        f"        choices: [{', '.join(BENEFITS)}]",
        "        anonymous: true",
        "        who: open",
        "    workshops:",
    ]
    for workshop, (title, room) in WORKSHOPS.items():
        idee, format_ = own_prompts(workshop)
        lines += [
            f"      - id: {workshop}",
            f"        title: {title}",
            f"        room: {room}",
            f"        facilitator: Animation {workshop}",
            f"        participants: [{', '.join(people(workshop))}]",
            "        prompts:",
            f"          - id: {idee}",
            "            question: Une idée pour demain ?",
            "            who: open",
            f"          - id: {format_}",
            "            question: Quel format ?",
            "            type: choice",
            f"            choices: [{', '.join(FORMATS)}]",
            "            who: open",
        ]
    lines += ["  - {id: restitution, title: Restitution, kind: restitution, duration: 8m}"]
    path = tmp_path / "ateliers.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def env_for(tmp_path: Path, url: str, who: str = "commands") -> dict[str, str]:
    """The environment of a ``seminar`` process; ``who`` names its connections on the server
    (libpq's ``PGAPPNAME``), so that the sampler counts them by process."""
    env = subprocess_env(tmp_path, SEMINAR_DB=url, SEMINAR_LANG="fr", PGAPPNAME=who)
    env.pop("COLUMNS", None)  # the terminal's own size
    return env


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until(condition: Callable[[], bool], what: str, seconds: float = 75.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"never happened: {what}")
        time.sleep(0.1)


# -- the server's connections ------------------------------------------------------------------
class ConnectionSampler:
    """Samples ``pg_stat_activity`` for the journal's database (its own connection included)
    every 50 ms in a thread, until stopped; ``highest`` is the largest count seen, ``by_process``
    the largest each process held (by its ``PGAPPNAME``)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.samples: list[int] = []
        self.by_process: Counter[str] = Counter()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="pg-sampler", daemon=True)

    def _run(self) -> None:
        with psycopg.connect(self.url, autocommit=True) as admin:
            while not self._stop.is_set():
                rows = admin.execute(
                    "SELECT application_name, count(*) FROM pg_stat_activity"
                    " WHERE datname = current_database() GROUP BY application_name"
                ).fetchall()
                self.samples.append(sum(int(count) for _name, count in rows))
                for name, count in rows:
                    self.by_process[name] = max(self.by_process[name], int(count))
                self._stop.wait(0.05)

    def __enter__(self) -> ConnectionSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=30)

    @property
    def highest(self) -> int:
        return max(self.samples, default=0)


# -- the phones ----------------------------------------------------------------------------
@dataclass
class Phone:
    workshop: str
    number: int  # 0..24 within its workshop
    name: str
    landed: dict[str, list[str]] = field(default_factory=dict)  # named answers, in order
    anonymous: str | None = None  # its anonymous answer as it stands (re-answered: the new)
    answered_again: bool = False  # its anonymous answer was voided and given again


class Unknown(Exception):
    """The request may have reached the server, and no answer came (its process died)."""


@dataclass
class Crowd:
    """What the phones share: their workshops' addresses (a restarted one's included), the
    statuses they got, the gates the test opens, and what went wrong."""

    bases: dict[str, str]
    codes: dict[str, str]
    deadline: float
    statuses: Counter[str] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    progress: threading.Condition = field(default_factory=threading.Condition)
    at_gate: int = 0
    killed_round_one: int = 0  # the killed workshop's anonymous answers recorded
    killed_round_two: int = 0  # the killed workshop's second answers recorded
    anonymous_lost: int = 0  # anonymous answers whose response was lost, then sent again
    second_round: threading.Event = field(default_factory=threading.Event)
    # the killed workshop's second half sends its anonymous answer when this is set (the
    # kill comes at once: those answers are in flight), when ``hold_back`` says so
    hold_back: bool = False
    late_anonymous: threading.Event = field(default_factory=threading.Event)
    restarted: threading.Event = field(default_factory=threading.Event)

    def count(self, what: str) -> None:
        with self.lock:
            self.statuses[what] += 1

    def fail(self, what: str) -> None:
        with self.lock:
            self.failures.append(what)

    def left(self) -> float:
        return max(0.0, self.deadline - time.monotonic())

    # one request, as a phone sends it: a refused connection (its server away) or a 429 is
    # tried again after a pause; a response is returned; a lost one is Unknown
    def send(self, client: httpx.Client, phone: Phone, method: str, path: str, **kw: Any):
        while self.left() > 0:
            try:
                response = client.request(method, self.bases[phone.workshop] + path, **kw)
            except httpx.ConnectError:
                self.count("connection refused")
                time.sleep(RETRY_PAUSE)
                continue
            except httpx.TransportError as exc:
                self.count("connection lost")
                raise Unknown from exc
            self.count(str(response.status_code))
            if response.status_code == 429:
                time.sleep(RETRY_PAUSE)
                continue
            return response
        raise AssertionError(f"{phone.name}: {method} {path} never answered")

    def my_prompt(self, client: httpx.Client, phone: Phone, prompt: str) -> dict[str, Any]:
        """The phone's view of ``prompt`` (its answered flag, its named answer)."""
        while True:
            try:
                state = self.send(client, phone, "GET", "/api/state")
            except Unknown:
                time.sleep(RETRY_PAUSE)
                continue
            assert state.status_code == 200, state.text
            for entry in state.json()["prompts"]:
                if entry["id"] == prompt:
                    return dict(entry)
            raise AssertionError(f"{phone.name}: {prompt} is not open on the phone")

    def answer(self, client: httpx.Client, phone: Phone, prompt: str, value: str) -> int:
        """Send an answer until the server says what became of it; after a lost response the
        phone looks at its own state first (as its page does when it comes back), so an answer
        that was recorded is never sent twice.  The final status (201: recorded)."""
        anonymous = prompt == SHARED
        while True:
            try:
                response = self.send(
                    client, phone, "POST", "/api/answers", json={"prompt": prompt, "value": value}
                )
            except Unknown:
                mine = self.my_prompt(client, phone, prompt)
                if mine["answered"] and anonymous and phone.anonymous is not None:
                    status = 409  # a double tap: what is in is the first answer
                    break
                if mine["answered"] and (anonymous or mine.get("my_answer") == value):
                    self.count("recorded, answer lost")
                    status = 201
                    break
                if anonymous:  # lost, or recorded and voided since: either way, again
                    with self.lock:
                        self.anonymous_lost += 1
                continue
            status = response.status_code
            break
        if status == 201:
            if anonymous:
                phone.anonymous = value
            else:
                phone.landed.setdefault(prompt, []).append(value)
        return status

    def join(self, client: httpx.Client, phone: Phone) -> None:
        while True:
            try:
                joined = self.send(
                    client,
                    phone,
                    "POST",
                    "/api/join",
                    json={"code": self.codes[phone.workshop], "name": phone.name},
                )
                break
            except Unknown:
                continue  # joining again with the same name from the same phone is harmless
        assert joined.status_code == 201, f"{phone.name}: {joined.text}"
        client.headers["Authorization"] = f"Bearer {joined.json()['token']}"

    def run(self, phone: Phone) -> None:
        try:
            with httpx.Client(timeout=30) as client:
                self._run(client, phone)
        except Exception as exc:  # told to the test, which fails with it
            self.fail(f"{phone.name}: {exc!r}")

    def _run(self, client: httpx.Client, phone: Phone) -> None:
        n, idee, format_ = phone.number, *own_prompts(phone.workshop)
        self.join(client, phone)
        self._expect(phone, self.answer(client, phone, idee, f"Idée de {phone.name}"), 201)
        late = self.hold_back and phone.workshop == KILLED and n >= HALF
        if late and not self.late_anonymous.wait(self.left()):
            raise AssertionError("the late anonymous answers were never sent")
        self._expect(phone, self.answer(client, phone, SHARED, BENEFITS[n % 3]), 201)
        if phone.workshop == KILLED:
            with self.progress:
                self.killed_round_one += 1
                self.progress.notify_all()
        if n % 5 == 0:  # a double tap: the second is refused, already cast ...
            status = self.answer(client, phone, SHARED, BENEFITS[n % 3])
            if status == 201 and phone.workshop == KILLED:  # ... unless the kill voided it
                phone.answered_again = True
            else:
                self._expect(phone, status, 409)
        with self.progress:
            self.at_gate += 1
            self.progress.notify_all()
        if not self.second_round.wait(self.left()):
            raise AssertionError("the second round never began")
        self._expect(phone, self.answer(client, phone, format_, FORMATS[n % 3]), 201)
        if phone.workshop == KILLED:
            with self.progress:
                self.killed_round_two += 1
                self.progress.notify_all()
        if n % 8 == 0:  # a change of mind: the new answer replaces the old
            better = f"Idée de {phone.name}, mieux dite"
            self._expect(phone, self.answer(client, phone, idee, better), 201)
        if phone.workshop != KILLED:
            return
        # the killed workshop's phones hear of its return (their page's event stream): an
        # anonymous answer the dead process took with it is shown unanswered, and given again
        if not self.restarted.wait(self.left()):
            raise AssertionError("the workshop never came back")
        if not self.my_prompt(client, phone, SHARED)["answered"]:
            phone.answered_again = True
            self._expect(phone, self.answer(client, phone, SHARED, BENEFITS[(n + 1) % 3]), 201)

    def _expect(self, phone: Phone, status: int, wanted: int) -> None:
        if status != wanted:
            raise AssertionError(f"{phone.name}: HTTP {status}, not {wanted}")


# -- the processes -----------------------------------------------------------------------------
def start_workshop(tmp_path: Path, url: str, workshop: str, port: int, who: str = "") -> Tmux:
    tmux = Tmux(tmp_path, 120, 40)
    serve = ["--serve", "--host", "127.0.0.1", "--port", str(port)]
    command = " ".join([*seminar_cmd(), "workshop", workshop, *serve, '; echo "exit=$?"'])
    tmux.start(command, env_for(tmp_path, url, who or f"workshop {workshop}"), tmp_path)
    return tmux


def address(tmux: Tmux) -> tuple[str, str]:
    found = ADDRESS.search(tmux.wait_for("Téléphones : http://127.0.0.1:"))
    assert found is not None
    return found.group(1), found.group(2)


def session_events(url: str) -> tuple[str, list[StoredEvent], dict[str, list[int]]]:
    """The session's id, its events (every stream), and each stream's chain positions."""
    with Journal.open(url, create=False) as journal:
        (row,) = journal.sessions()
        events = journal.events(row.id, streams=None)
        positions = {
            stream: [r.position for r in journal.chain(row.id, stream)]
            for stream in (PLENARY, *WORKSHOPS)
        }
    return row.id, events, positions


def heartbeat_pid(url: str, stream: str) -> int:
    with Journal.open(url, create=False) as journal:
        (row,) = journal.sessions()
        beat = journal.last_heartbeat(row.id, stream)
    assert beat is not None
    return beat.pid


@pytest.mark.parametrize("kill_during", ["named answers", "anonymous answers"])
def test_a_plenary_four_workshops_and_a_hundred_phones_on_one_postgresql_journal(
    tmp_path: Path, postgres_url: str, kill_during: str
) -> None:
    """``kill_during``: the second round (the workshop's named choice in flight), or the first
    (its anonymous answers in flight: a lost one may have been sealed to the dead key)."""
    began = time.monotonic()
    url = postgres_url
    agenda = write_agenda(tmp_path)
    env = env_for(tmp_path, url)
    screens: list[Tmux] = []
    phones = [
        Phone(workshop, n, name)
        for workshop in WORKSHOPS
        for n, name in enumerate(people(workshop))
    ]
    with ConnectionSampler(url) as sampler:
        try:
            # the plenary: a real `seminar start` at its terminal, everyone present
            plenary = Tmux(tmp_path, 160, 50)
            screens.append(plenary)
            plenary.start(
                " ".join(seminar_cmd())
                + f" start {agenda} --place Lyon --facilitator Alex --secretary Sam;"
                + ' echo "exit=$?"',
                env_for(tmp_path, url, "plenary"),
                tmp_path,
            )
            plenary.wait_for("Présences : décochez", "Jeunes 01")
            plenary.send("Enter")
            plenary.wait_for("Accueil", "EN COURS")
            # the four workshops' facilitators start theirs: they wait for their segment
            ports = {workshop: free_port() for workshop in WORKSHOPS}
            workshops = {w: start_workshop(tmp_path, url, w, ports[w]) for w in WORKSHOPS}
            screens.extend(workshops.values())
            for tmux in workshops.values():
                tmux.wait_for("L'atelier commence avec la séquence « Ateliers en parallèle ».")
            plenary.send("n")
            plenary.wait_for("Ateliers en parallèle (4 en cours sur 4)")
            served = {w: address(tmux) for w, tmux in workshops.items()}
            crowd = Crowd(
                bases={w: base for w, (base, _code) in served.items()},
                codes={w: code for w, (_base, code) in served.items()},
                deadline=time.monotonic() + BURST_SECONDS,
                hold_back=kill_during == "anonymous answers",
            )
            assert len(set(crowd.codes.values())) == len(WORKSHOPS)  # each its own code

            # the burst: the first round (join, a text, the anonymous choice), the second
            # (the workshop's choice, a few changes of mind); the killed workshop's process
            # dies in the middle of one of them and its facilitator starts it again
            pid = heartbeat_pid(url, KILLED)  # read now: the kill must come at its moment
            threads = [threading.Thread(target=crowd.run, args=(p,)) for p in phones]
            for thread in threads:
                thread.start()

            def round_one_over() -> None:
                with crowd.progress:
                    assert crowd.progress.wait_for(
                        lambda: crowd.at_gate == len(phones) or bool(crowd.failures),
                        crowd.left(),
                    ), "the first round never ended"
                assert crowd.failures == []
                crowd.second_round.set()

            def kill_when(reached: Callable[[], bool], release: threading.Event | None) -> None:
                with crowd.progress:
                    assert crowd.progress.wait_for(
                        lambda: reached() or bool(crowd.failures), crowd.left()
                    )
                if release is not None:
                    release.set()
                os.kill(pid, signal.SIGKILL)

            if kill_during == "anonymous answers":
                kill_when(lambda: crowd.killed_round_one >= HALF, crowd.late_anonymous)
            else:
                round_one_over()
                kill_when(lambda: crowd.killed_round_two >= KILL_AFTER, None)
            killed_at = time.monotonic()
            workshops[KILLED].wait_for("exit=137")
            # the plenary's facilitator sees it stopped; its own facilitator starts it again
            plenary.wait_for("Ateliers en parallèle (3 en cours sur 4)", "arrêté")
            again = start_workshop(tmp_path, url, KILLED, ports[KILLED], f"{KILLED} again")
            screens.append(again)
            # the same address and join code: the phones' page (its QR code) stays valid
            assert address(again) == (crowd.bases[KILLED], crowd.codes[KILLED])
            crowd.restarted.set()
            if kill_during == "anonymous answers":
                round_one_over()
            back_in = time.monotonic() - killed_at
            for thread in threads:
                thread.join(timeout=crowd.left())
            assert not any(t.is_alive() for t in threads), "the phones took too long"
            assert crowd.failures == []
            burst = time.monotonic() - began
            # the plenary's screen: every workshop running, each with its 75 answers (its two
            # prompts and the shared one, 25 phones each; the anonymous ones still held for
            # their batch counted too)
            wait_until(
                lambda: plenary.screen().count(f"en cours  {3 * PER_WORKSHOP} réponses") == 4,
                "the plenary shows each workshop's answers",
            )
            plenary.wait_for("Ateliers en parallèle (4 en cours sur 4)")

            # the plenary ends the workshops' segment: each workshop closes its prompts
            plenary.send("n")
            plenary.wait_for("Restitution 1/4 : Jeunes")
            for tmux in (*(workshops[w] for w in WORKSHOPS if w != KILLED), again):
                tmux.wait_for("Atelier terminé")
                tmux.send("Enter")
                tmux.wait_for("exit=0")
            plenary.send("n")
            plenary.wait_for("terminer le séminaire")
            plenary.send("y")
            plenary.wait_for("exit=0")
        finally:
            for screen in screens:
                screen.close()

    session_id, events, positions = session_events(url)
    by_stream: dict[str, list[StoredEvent]] = {}
    for event in events:
        by_stream.setdefault(event.stream, []).append(event)
    assert set(by_stream) == {PLENARY, *WORKSHOPS}

    # each stream: positions 1..n, its own chain
    for stream, mine in by_stream.items():
        assert positions[stream] == list(range(1, len(mine) + 1)), stream

    # the plenary's stream holds no workshop answer, nor any of their prompts
    workshop_prompts = {SHARED} | {p for w in WORKSHOPS for p in own_prompts(w)}
    plenary_events = by_stream[PLENARY]
    assert not [
        e
        for e in plenary_events
        if e.type in (EventType.answer_given, EventType.answer_marked, EventType.anonymous_voided)
        or e.payload.get("prompt") in workshop_prompts
    ]

    voided: dict[str, int] = {}
    for workshop in WORKSHOPS:
        mine = by_stream[workshop]
        prompts = {SHARED, *own_prompts(workshop)}
        assert {e.payload["prompt"] for e in mine if "prompt" in e.payload} <= prompts
        # each prompt opened once and closed once, kill -9 or not
        for kind in (EventType.prompt_opened, EventType.prompt_closed):
            assert sorted(e.payload["prompt"] for e in mine if e.type == kind) == sorted(prompts)
        # every named answer a phone was told was recorded: there once, nothing else
        named: dict[tuple[str, str], list[str]] = {}
        for e in mine:
            if e.type == EventType.answer_given and e.payload.get("participant") is not None:
                key = (e.payload["prompt"], e.payload["participant"])
                named.setdefault(key, []).append(e.payload["value"])
        expected = {
            (prompt, p.name): values
            for p in phones
            if p.workshop == workshop
            for prompt, values in p.landed.items()
        }
        assert named == expected, workshop
        # its anonymous answers: one per phone, with no name; who answered marked apart
        given = sorted(
            e.payload["value"]
            for e in mine
            if e.type == EventType.answer_given and e.payload.get("participant") is None
        )
        assert given == sorted(p.anonymous or "" for p in phones if p.workshop == workshop)
        marked = sorted(e.payload["participant"] for e in mine if e.type == EventType.answer_marked)
        assert marked == people(workshop)
        voided[workshop] = sum(
            e.payload["count"] for e in mine if e.type == EventType.anonymous_voided
        )

    # what the dead process held was voided, in its stream only, and those phones answered
    # again (a lost answer, sealed to the dead key or not, was sent again after a look)
    again_count = sum(p.answered_again for p in phones)
    assert {w: count for w, count in voided.items() if w != KILLED} == dict.fromkeys(
        (w for w in WORKSHOPS if w != KILLED), 0
    )
    assert 1 <= again_count <= voided[KILLED] <= again_count + crowd.anonymous_lost
    if kill_during == "named answers":  # no anonymous answer was in flight
        assert crowd.anonymous_lost == 0 and voided[KILLED] == again_count

    checked = subprocess.run(
        [*seminar_cmd(), "verify", session_id],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert checked.returncode == 0, checked.stderr
    said = " ".join((checked.stdout + checked.stderr).split())
    for workshop in WORKSHOPS:
        count = len(by_stream[workshop])
        assert f"Atelier « {workshop} » : chaîne intacte, {count} événements." in said

    exported = subprocess.run(
        [*seminar_cmd(), "export", session_id, "--format", "json", "--output", "-"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert exported.returncode == 0, exported.stderr
    minutes = json.loads(exported.stdout)
    (segment,) = [s for s in minutes["segments"] if s["id"] == "ateliers"]
    assert all(not p["responses"] for p in segment["prompts"])  # none answered in plenary
    assert [w["id"] for w in segment["workshops"]] == list(WORKSHOPS)
    for held in segment["workshops"]:
        workshop = held["id"]
        mine_phones = [p for p in phones if p.workshop == workshop]
        answers = {
            prompt["id"]: sorted((r["participant"], r["value"]) for r in prompt["responses"])
            for prompt in held["prompts"]
        }
        # the latest named answer of each phone, once each
        assert answers == {
            prompt: sorted((p.name, p.landed[prompt][-1]) for p in mine_phones)
            for prompt in own_prompts(workshop)
        }
        (shared,) = held["shared"]
        assert shared["id"] == SHARED
        assert sorted(r["value"] for r in shared["responses"]) == sorted(
            p.anonymous or "" for p in mine_phones
        )
        assert all(r["participant"] is None for r in shared["responses"])
        assert sum(shared["summary"]["counts"].values()) == PER_WORKSHOP
        # the minutes say how many the stop voided, in the killed workshop only
        assert shared["voided_anonymous"] == voided[workshop]

    highest = sampler.highest
    assert highest < MAX_CONNECTIONS
    # bounded by design, whatever the phones (docs/architecture.md « The journal on
    # PostgreSQL »): a workshop serving its phones holds its runner's journal and listener
    # and its server's two; the plenary's runner one, two while a question is asked
    processes = [f"workshop {w}" for w in WORKSHOPS] + [f"{KILLED} again"]
    assert all(sampler.by_process[name] in (3, 4) for name in processes), sampler.by_process
    assert 1 <= sampler.by_process["plenary"] <= 2, sampler.by_process
    figures = {
        "seconds": round(time.monotonic() - began, 1),
        "burst_seconds": round(burst, 1),
        "killed_workshop_back_in": round(back_in, 1),
        "connections_max": highest,
        "connections_by_process": dict(sorted(sampler.by_process.items())),
        "kill_during": kill_during,
        "voided": voided[KILLED],
        "answered_again": again_count,
        "anonymous_lost": crowd.anonymous_lost,
        "statuses": dict(sorted(crowd.statuses.items())),
    }
    print(f"torture figures: {figures}")
