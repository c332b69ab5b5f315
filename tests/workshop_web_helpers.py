"""Helpers of the workshop phones' tests: a session of the bundled « Co-construisons demain »
whose plenary reached « Ré-inventons » and whose jeunes workshop opened its prompts (this
process plays the workshop's runner: it holds the jeunes stream's key), its servers, a phone."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx

from seminar_cli.agenda.loader import load_agenda
from seminar_cli.journal.events import EventType
from seminar_cli.journal.store import Journal
from seminar_cli.session.service import SessionSetup, SessionWriter, open_session
from seminar_cli.timer import SystemClock
from seminar_cli.web.server import WebServer

PLENARY_CODE = "PLENIERE"
JEUNES_CODE = "JEUNES"
SEGMENT = "re-inventons"
JEUNES_TITLE = "Jeunes — vivre l'alliance dès maintenant"
WAIT = 30.0  # bounds only: every wait ends as soon as its condition holds


@dataclass
class Workshops:
    """The session, its plenary at « Ré-inventons », the jeunes workshop's prompts open (this
    process holds the jeunes stream's key, as its runner will), and the servers started."""

    location: Path | str
    session_id: str
    plenary: SessionWriter
    jeunes: SessionWriter
    servers: list[WebServer]

    def serve(self, code: str | None, stream: str = "") -> str:
        server = WebServer(
            self.location, self.session_id, host="127.0.0.1", port=0, code=code, stream=stream
        )
        self.servers.append(server)
        served = server.start()
        return served.url.rsplit("/j/", 1)[0]

    def events(self) -> list[tuple[str, str, dict[str, object]]]:
        """(stream, type, payload) of every event of the session, every stream."""
        return [
            (e.stream, e.type, e.payload)
            for e in self.plenary.journal.events(self.session_id, streams=None)
        ]


@contextlib.contextmanager
def running_workshops(location: Path | str) -> Iterator[Workshops]:
    """``open_workshops`` for a test's length: its servers stopped and its journal closed after."""
    opened = open_workshops(location)
    try:
        yield opened
    finally:
        for server in opened.servers:
            server.stop()
        opened.plenary.journal.close()


def open_workshops(location: Path | str) -> Workshops:
    journal = Journal.open(location)
    clock = SystemClock()
    session_id = open_session(journal, load_agenda("co-construisons-demain"), SessionSetup(), clock)
    row = journal.session(session_id)
    plenary = SessionWriter(journal, row, clock)
    plenary.hold_anonymous_key()
    plenary.record(EventType.segment_started, segment=SEGMENT)
    jeunes = SessionWriter(journal, row, clock, stream="jeunes")
    jeunes.hold_anonymous_key()  # the jeunes runner's key: its anonymous answers are sealed to it
    for prompt in ("jeunes-format", "outille-alliance"):
        jeunes.record(EventType.prompt_opened, prompt=prompt, segment=SEGMENT)
    return Workshops(location, session_id, plenary, jeunes, [])


@contextlib.contextmanager
def phone(base: str, code: str, name: str) -> Iterator[httpx.Client]:
    """A phone that joined ``base``'s room with ``code`` as ``name``: its token in its header."""
    with httpx.Client(base_url=base, timeout=20) as client:
        joined = client.post("/api/join", json={"code": code, "name": name})
        assert joined.status_code == 201, joined.text
        client.headers["Authorization"] = f"Bearer {joined.json()['token']}"
        yield client
