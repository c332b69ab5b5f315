"""``seminar workshop ID`` (#16, PRODUCT §8): one workshop's runner and screen, in a real
terminal (tmux: what its facilitator sees), beside a plenary — a real headless ``seminar
start`` process, or this test writing the plenary's events itself where the test must say
when the segment starts, pauses and ends.  What the journal then holds: the workshop's events
in its own stream, positions 1..n, none of its prompts in the plenary's."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pexpect
import pytest

from seminar_cli.agenda.loader import load_agenda
from seminar_cli.journal.events import EventType
from seminar_cli.journal.store import PLENARY, Journal, StoredEvent
from seminar_cli.session.service import SessionSetup, SessionWriter, claim_session, open_session
from seminar_cli.timer import SystemClock
from tests.conftest import seminar_cmd, subprocess_env
from tests.session_helpers import run_seminar
from tests.tmux_helpers import Tmux

AGENDA = """\
title: Séminaire à ateliers
participants:
  - name: Inès Benali
  - name: Hugo Lefebvre
  - name: Paul Martin
segments:
  - id: accueil
    title: Accueil
    duration: {accueil}
  - id: ateliers
    title: Ateliers en parallèle
    kind: workshop
    duration: {ateliers}
    prompts:
      - id: commune
        question: Une idée pour demain ?
        who: open
    workshops:
      - id: jeunes
        title: Jeunes — vivre l'alliance
        facilitator: Lucie Fontaine
        room: Salle Agora
        participants: [Inès Benali, Hugo Lefebvre]
        prompts:
          - id: jeunes-tour
            question: Un mot pour l'alliance ?
            who: each
          - id: jeunes-secret
            question: Outillé·e pour faire alliance ?
            type: yesno
            anonymous: true
            who: open
      - id: autres
        title: Les autres publics
        room: Salle Jardin
  - id: fin
    title: Restitution
    kind: restitution
    duration: 1m
"""

WORKSHOP_PROMPTS = {"commune", "jeunes-tour", "jeunes-secret"}
DEADLINE = 75.0  # seconds: the machine is shared (tmux_helpers' own bound)


def write_agenda(tmp_path: Path, accueil: str = "1m", ateliers: str = "20m") -> Path:
    path = tmp_path / "ateliers.yaml"
    path.write_text(AGENDA.format(accueil=accueil, ateliers=ateliers), encoding="utf-8")
    return path


def env_for(tmp_path: Path, location: str | Path) -> dict[str, str]:
    env = subprocess_env(tmp_path, SEMINAR_DB=str(location), SEMINAR_LANG="fr")
    env.pop("COLUMNS", None)  # the terminal's own size
    return env


def workshop_screen(tmp_path: Path, location: str | Path, width: int, height: int) -> Tmux:
    """``seminar workshop jeunes`` in a terminal of ``width``×``height``; its exit code is
    written on the screen when it stops."""
    tmux = Tmux(tmp_path, width, height)
    command = " ".join(seminar_cmd()) + ' workshop jeunes; echo "exit=$?"'
    tmux.start(command, env_for(tmp_path, location), tmp_path)
    return tmux


def wait_until(condition, what: str) -> None:
    deadline = time.monotonic() + DEADLINE
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"never happened: {what}")
        time.sleep(0.1)


def all_events(location: str | Path) -> list[StoredEvent]:
    with Journal.open(location, create=False) as journal:
        (row,) = journal.sessions()
        return journal.events(row.id, streams=None)


def workshop_pid(location: str | Path) -> int | None:
    with Journal.open(location, create=False) as journal:
        rows = journal.sessions()
        beat = journal.last_heartbeat(rows[0].id, "jeunes") if rows else None
        return beat.pid if beat else None


def check_streams(tmp_path: Path, location: str | Path) -> list[StoredEvent]:
    """The workshop's events, after checking that its stream holds positions 1..n (its own
    hash chain: ``verify`` passes) and that the plenary's holds none of its prompts' events."""
    with Journal.open(location, create=False) as journal:
        (row,) = journal.sessions()
        events = journal.events(row.id, streams=None)
        chain = journal.chain(row.id, "jeunes")
    mine = [e for e in events if e.stream == "jeunes"]
    assert [r.position for r in chain] == list(range(1, len(mine) + 1))
    assert [r.seq for r in chain] == [e.seq for e in mine]
    plenary = [e for e in events if e.stream == PLENARY]
    assert not [e for e in plenary if e.payload.get("prompt") in WORKSHOP_PROMPTS]
    assert {e.stream for e in events} <= {PLENARY, "jeunes"}
    result = subprocess.run(
        [*seminar_cmd(), "verify", row.id],
        env=env_for(tmp_path, location),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return mine


def opened(events: list[StoredEvent]) -> list[str]:
    return sorted(e.payload["prompt"] for e in events if e.type == EventType.prompt_opened)


def answers(events: list[StoredEvent]) -> list[tuple[str, str | None, object]]:
    return [
        (e.payload["prompt"], e.payload.get("participant"), e.payload.get("value"))
        for e in events
        if e.type == EventType.answer_given
    ]


def test_a_workshop_beside_a_headless_plenary_asks_its_prompts_and_resumes_after_kill_9(
    tmp_path, journal_location
):
    """A real plenary process reaches the split segment; the workshop's screen (200×50) shows
    its open prompts open and asks its `each` prompt in turn; a second screen for it is
    refused; kill -9 in the middle of the round and the same command again asks only who has
    not answered, opening nothing twice."""
    agenda = write_agenda(tmp_path, accueil="30s", ateliers="15m")
    plenary = subprocess.Popen(
        [*seminar_cmd(), "start", str(agenda), "--no-input", "--speed", "10"],
        env=env_for(tmp_path, journal_location),
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    screens: list[Tmux] = []
    try:
        wait_until(
            lambda: any(
                e.type == EventType.segment_started and e.payload["segment"] == "ateliers"
                for e in _events_if_any(journal_location)
            ),
            "the plenary starts the workshops' segment",
        )
        first = workshop_screen(tmp_path, journal_location, 200, 50)
        screens.append(first)
        screen = first.wait_for(
            "Jeunes — vivre l'alliance",
            "Salle Agora · animé par Lucie Fontaine",
            "Question ouverte : « Une idée pour demain ? » — 0 réponse",
            "Question ouverte : « Outillé·e pour faire alliance ? » — 0 réponse",
        )
        lines = screen.rstrip("\n").split("\n")
        assert len(lines) <= 50 and all(len(line) <= 200 for line in lines)
        assert "atelier · séquence « Ateliers en parallèle »" in screen
        # its keys only: the segment's timing (space, n, +/-) is the plenary's
        assert lines[-1].strip() == "p questions · f notes · ? aide · q quitter"
        first.send("p")
        first.wait_for("Au tour d'Inès Benali (1/2)")
        first.send("confiance", "Enter")
        first.wait_for("Au tour de Hugo Lefebvre (2/2)")
        wait_until(
            lambda: (
                ("jeunes-tour", "Inès Benali", "confiance") in answers(all_events(journal_location))
            ),
            "Inès's answer is in the journal",
        )

        # a second screen for the same workshop, while the first runs: refused, with why
        second = pexpect.spawn(
            seminar_cmd()[0],
            [*seminar_cmd()[1:], "workshop", "jeunes"],
            env=env_for(tmp_path, journal_location),
            cwd=str(tmp_path),
            dimensions=(30, 120),
            encoding="utf-8",
            timeout=DEADLINE,
        )
        second.expect(pexpect.EOF)
        second.close()
        assert second.exitstatus == 1
        refused = " ".join(second.before.split())
        assert "L'atelier jeunes est déjà animé dans un autre terminal." in refused

        pid = workshop_pid(journal_location)
        assert pid is not None
        os.kill(pid, signal.SIGKILL)
        first.wait_for("exit=137")

        again = workshop_screen(tmp_path, journal_location, 200, 50)
        screens.append(again)
        again.wait_for("Question ouverte : « Un mot pour l'alliance ? » — 1 réponse")
        again.send("p")
        again.wait_for("Au tour de Hugo Lefebvre (1/1)")
        again.send("réseau", "Enter")
        again.wait_for("« réseau » — Hugo Lefebvre", "« confiance » — Inès Benali")
        again.send("q")
        again.wait_for("o/y : quitter (l'atelier pourra reprendre)")
        again.send("y")
        left = again.wait_for("exit=0")
        assert (
            "Atelier quitté ; rien n'est perdu. Pour le reprendre : seminar workshop jeunes" in left
        )
    finally:
        for screen in screens:
            screen.close()
        plenary.terminate()
        plenary.wait(timeout=60)

    mine = check_streams(tmp_path, journal_location)
    assert opened(mine) == sorted(WORKSHOP_PROMPTS)  # once each, kill -9 or not
    assert answers(mine) == [
        ("jeunes-tour", "Inès Benali", "confiance"),
        ("jeunes-tour", "Hugo Lefebvre", "réseau"),
    ]
    closed = [e.payload["prompt"] for e in mine if e.type == EventType.prompt_closed]
    assert closed == ["jeunes-tour"]  # the open ones stay open: the workshop can resume


def _events_if_any(location: str | Path) -> list[StoredEvent]:
    try:
        with Journal.open(location, create=False) as journal:
            rows = journal.sessions()
            return journal.events(rows[0].id, streams=None) if rows else []
    except Exception:  # not created yet by the plenary
        return []


def plenary_writer(location: Path, agenda: Path) -> SessionWriter:
    """This test as the plenary's runner: a live session (its heartbeat, this process) whose
    segments it starts, pauses and ends itself."""
    journal = Journal.open(location)
    clock = SystemClock()
    session_id = open_session(journal, load_agenda(str(agenda)), SessionSetup(), clock)
    row = journal.session(session_id)
    claim_session(journal, row, clock)
    return SessionWriter(journal, row, clock)


def test_a_workshop_waits_for_its_segment_follows_the_pause_and_closes_at_its_end(tmp_path):
    """At 80×24: before its segment, the workshop says which segment it begins with; it counts
    down with the plenary, pauses with it; when the plenary ends the segment it asks the
    `each` prompt never asked, closes its prompts, shows their results and exits 0."""
    location = tmp_path / "journal.sqlite3"
    plenary = plenary_writer(location, write_agenda(tmp_path))
    tmux = workshop_screen(tmp_path, location, 80, 24)
    try:
        plenary.record(EventType.segment_started, segment="accueil")
        screen = tmux.wait_for(
            "L'atelier commence avec la séquence « Ateliers en parallèle ».",
            "séquence en cours « Accueil »",
        )
        assert "Jeunes — vivre l'alliance" in screen and "Salle Agora" in screen
        assert "Question ouverte" not in screen
        plenary.record(EventType.segment_ended, segment="accueil")
        plenary.record(EventType.segment_started, segment="ateliers")
        screen = tmux.wait_for("EN COURS", "Question ouverte : « Une idée pour demain ? »")
        lines = screen.rstrip("\n").split("\n")
        assert len(lines) <= 24 and all(len(line) <= 80 for line in lines)
        assert "reste 19:" in screen or "reste 20:00" in screen
        assert "p : poser la question de ce segment (1)" in screen
        tmux.send("?")  # its help: its keys only, and how it goes on after q
        screen = tmux.wait_for("quitter ; l'atelier reste enregistré et reprend avec la même")
        assert "seminar resume" not in screen and "pause" not in screen
        tmux.send("?")
        tmux.wait_for("p questions · f notes · ? aide · q quitter", absent=("Touches",))
        plenary.record(EventType.segment_paused, segment="ateliers")
        tmux.wait_for("PAUSE", absent=("EN COURS",))
        plenary.record(EventType.segment_resumed, segment="ateliers")
        tmux.wait_for("EN COURS")
        plenary.record(EventType.segment_ended, segment="ateliers")
        tmux.wait_for("Au tour d'Inès Benali (1/2)")
        tmux.send("confiance", "Enter")
        tmux.wait_for("Au tour de Hugo Lefebvre (2/2)")
        tmux.send("réseau", "Enter")
        tmux.wait_for("Atelier terminé", "Entrée : fermer l'écran")
        tmux.send("Enter")
        done = tmux.wait_for("exit=0")
        assert "L'atelier « Jeunes — vivre l'alliance » est terminé" in done
    finally:
        tmux.close()
        plenary.journal.close()

    mine = check_streams(tmp_path, location)
    assert opened(mine) == sorted(WORKSHOP_PROMPTS)
    closed = sorted(e.payload["prompt"] for e in mine if e.type == EventType.prompt_closed)
    assert closed == sorted(WORKSHOP_PROMPTS)
    assert [(p, who) for p, who, _v in answers(mine)] == [
        ("jeunes-tour", "Inès Benali"),
        ("jeunes-tour", "Hugo Lefebvre"),
    ]
    with Journal.open(location, create=False) as journal:
        (row,) = journal.sessions()
        assert journal.last_heartbeat(row.id, "jeunes") is None  # it is over: nothing claims it


@pytest.mark.parametrize(
    ("workshop", "code", "said"),
    [
        (
            "nulle-part",
            2,
            "Pas d'atelier « nulle-part » dans cette séance. Ses ateliers : jeunes, autres.",
        ),
        (
            "jeunes",
            1,
            "L'atelier « Jeunes — vivre l'alliance » est terminé : la séquence "
            "« Ateliers en parallèle » est finie.",
        ),
    ],
)
def test_an_unknown_workshop_or_one_whose_segment_is_over_is_refused(
    tmp_path, workshop, code, said
):
    location = tmp_path / "journal.sqlite3"
    plenary = plenary_writer(location, write_agenda(tmp_path))
    plenary.record(EventType.segment_started, segment="ateliers")
    plenary.record(EventType.segment_ended, segment="ateliers")
    result = run_seminar(tmp_path, "workshop", workshop, plenary.session_id)
    plenary.journal.close()
    assert result.returncode == code, result.stderr
    assert said in " ".join(result.stderr.split())
    assert "Traceback" not in result.stderr


def test_a_workshop_started_before_the_plenary_waits_for_the_session_saying_so(tmp_path):
    """No live session yet (the plenary's laptop is not running it): the workshop says it
    waits, then takes the session as soon as its runner runs it."""
    location = tmp_path / "journal.sqlite3"
    plenary = plenary_writer(location, write_agenda(tmp_path))
    plenary.journal.clear_heartbeat(plenary.session_id)  # its runner stopped: nothing is live
    tmux = workshop_screen(tmp_path, location, 100, 30)
    try:
        tmux.wait_for("Aucune séance en cours sur ce journal : l'atelier attend qu'elle s'ouvre")
        claim_session(plenary.journal, plenary.row, plenary.clock)  # the plenary runs it again
        tmux.wait_for("L'atelier commence avec la séquence « Ateliers en parallèle ».")
        tmux.send("q")
        tmux.wait_for("o/y : quitter (l'atelier pourra reprendre)")
        tmux.send("y")
        left = tmux.wait_for("exit=0")
        unwrapped = "".join(left.split())  # the terminal wraps the line at its hyphens
        assert f"seminarworkshopjeunes{plenary.session_id}" in unwrapped
    finally:
        tmux.close()
        plenary.journal.close()


def test_a_polite_kill_leaves_the_workshop_saying_how_to_take_it_up_again(tmp_path):
    location = tmp_path / "journal.sqlite3"
    plenary = plenary_writer(location, write_agenda(tmp_path))
    plenary.record(EventType.segment_started, segment="ateliers")
    tmux = workshop_screen(tmp_path, location, 100, 30)
    try:
        tmux.wait_for("Question ouverte : « Une idée pour demain ? »")
        pid = workshop_pid(location)
        assert pid is not None
        os.kill(pid, signal.SIGTERM)
        said = "".join(tmux.wait_for("exit=143").split())
        assert f"pourreprendrel'atelier:seminarworkshopjeunes{plenary.session_id}" in said
        assert workshop_pid(location) is None  # nothing holds it: the same command takes it up
    finally:
        tmux.close()
        plenary.journal.close()


def test_a_workshop_with_serve_shows_its_phones_address_and_its_phones_answer_into_its_stream(
    tmp_path,
):
    """`seminar workshop jeunes --serve`: the workshop's own address (its own join code, not
    the plenary's) on its screen; a phone joining with it answers the workshop's anonymous
    prompt — sealed to this process's key — and the shared one, both into its stream."""
    import re

    import httpx

    from tests.workshop_web_helpers import phone

    location = tmp_path / "journal.sqlite3"
    plenary = plenary_writer(location, write_agenda(tmp_path))
    plenary_code = plenary.journal.join_code(plenary.session_id, None, lambda: "PLENIR")
    tmux = Tmux(tmp_path, 120, 35)
    command = (
        " ".join(seminar_cmd())
        + ' workshop jeunes --serve --host 127.0.0.1 --port 0; echo "exit=$?"'
    )
    tmux.start(command, env_for(tmp_path, location), tmp_path)
    try:
        plenary.record(EventType.segment_started, segment="accueil")
        plenary.record(EventType.segment_ended, segment="accueil")
        plenary.record(EventType.segment_started, segment="ateliers")
        screen = tmux.wait_for("Question ouverte : « Une idée pour demain ? »", "/j/")
        found = re.search(r"(http://127\.0\.0\.1:\d+)/j/([A-Z0-9]+)", screen)
        assert found is not None, screen
        base, code = found.group(1), found.group(2)
        assert code != plenary_code
        with httpx.Client(base_url=base, timeout=20) as anyone:
            refused = anyone.post("/api/join", json={"code": plenary_code, "name": "Inès Benali"})
            assert refused.status_code == 401
        with phone(base, code, "Inès Benali") as ines:
            sent = ines.post("/api/answers", json={"prompt": "commune", "value": "Un réseau"})
            assert sent.status_code in (200, 201), sent.text
            sent = ines.post("/api/answers", json={"prompt": "jeunes-secret", "value": "oui"})
            assert sent.status_code in (200, 201, 202), sent.text
        plenary.record(EventType.segment_ended, segment="ateliers")
        tmux.wait_for("Au tour d'Inès Benali (1/2)")
        tmux.send("confiance", "Enter")
        tmux.wait_for("Au tour de Hugo Lefebvre (2/2)")
        tmux.send("réseau", "Enter")
        tmux.wait_for("Atelier terminé")
        tmux.send("Enter")
        tmux.wait_for("exit=0")
    finally:
        tmux.close()
        plenary.journal.close()

    mine = check_streams(tmp_path, location)
    given = answers(mine)
    assert ("commune", "Inès Benali", "Un réseau") in given
    # the anonymous answer: written at its prompt's close by the workshop's runner, no name
    assert ("jeunes-secret", None, "oui") in given
    marked = [e.payload for e in mine if e.type == EventType.answer_marked]
    assert marked == [{"prompt": "jeunes-secret", "participant": "Inès Benali"}]


@pytest.mark.parametrize(("width", "height", "qr"), [(120, 35, True), (80, 24, False)])
def test_a_serving_workshop_shows_its_phones_address_before_its_segment_starts(
    tmp_path, width, height, qr
):
    """People come into the room during the break: the address is there from the start (and
    the QR code, where the terminal leaves room for it), then the phones join at once."""
    import re

    from tests.workshop_web_helpers import phone

    location = tmp_path / "journal.sqlite3"
    plenary = plenary_writer(location, write_agenda(tmp_path))
    tmux = Tmux(tmp_path, width, height)
    command = (
        " ".join(seminar_cmd())
        + ' workshop jeunes --serve --host 127.0.0.1 --port 0; echo "exit=$?"'
    )
    tmux.start(command, env_for(tmp_path, location), tmp_path)
    try:
        plenary.record(EventType.segment_started, segment="accueil")
        screen = tmux.wait_for("L'atelier commence avec la séquence", "/j/")
        lines = screen.rstrip("\n").split("\n")
        assert len(lines) <= height and all(len(line) <= width for line in lines)
        assert ("▀" in screen or "▄" in screen) is qr
        found = re.search(r"(http://127\.0\.0\.1:\d+)/j/([A-Z0-9]+)", screen)
        assert found is not None, screen
        with phone(found.group(1), found.group(2), "Hugo Lefebvre") as hugo:
            assert hugo.get("/api/state").json()["prompts"] == []
        tmux.send("q")
        tmux.wait_for("o/y : quitter (l'atelier pourra reprendre)")
        tmux.send("y")
        tmux.wait_for("exit=0")
    finally:
        tmux.close()
        plenary.journal.close()


def test_a_workshop_left_open_when_its_segment_ended_is_closed_by_the_same_command(tmp_path):
    """Its laptop stopped (or ran off the network) while the plenary ended the segment: the
    same command afterwards closes what it left open — the anonymous answers sealed to the
    stopped process are voided and counted, never silently lost — and ends the workshop."""
    location = tmp_path / "journal.sqlite3"
    plenary = plenary_writer(location, write_agenda(tmp_path))
    tmux = workshop_screen(tmp_path, location, 120, 35)
    try:
        plenary.record(EventType.segment_started, segment="accueil")
        plenary.record(EventType.segment_ended, segment="accueil")
        plenary.record(EventType.segment_started, segment="ateliers")
        tmux.wait_for("Question ouverte : « Une idée pour demain ? »")
        with Journal.open(location, create=False) as journal:  # a phone's anonymous answer
            row = journal.session(plenary.session_id)
            jeunes = SessionWriter(journal, row, SystemClock(), stream="jeunes")
            outcome = jeunes.record_anonymous(
                "jeunes-secret", "oui", "Inès Benali", watch=[EventType.prompt_closed]
            )
            assert outcome.value == "pending"
        tmux.send("q")
        tmux.wait_for("o/y : quitter (l'atelier pourra reprendre)")
        tmux.send("y")
        tmux.wait_for("exit=0")
        plenary.record(EventType.segment_ended, segment="ateliers")
        tmux.close()
        tmux = workshop_screen(tmp_path, location, 120, 35)
        tmux.wait_for("Atelier terminé")
        tmux.send("Enter")
        done = tmux.wait_for("exit=0")
        assert "L'atelier « Jeunes — vivre l'alliance » est terminé" in done
    finally:
        tmux.close()
        plenary.journal.close()
    mine = check_streams(tmp_path, location)
    closed = sorted(e.payload["prompt"] for e in mine if e.type == EventType.prompt_closed)
    assert closed == ["commune", "jeunes-secret"]  # what it had opened (`each`: never asked)
    assert not [e for e in mine if e.type == EventType.answer_given]
    voided = [e.payload for e in mine if e.type == EventType.anonymous_voided]
    assert voided == [{"prompt": "jeunes-secret", "count": 1}]
