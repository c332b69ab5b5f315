"""The facilitator quits (``q``, the session suspended) while phones still hold their event
streams: the server stops without printing anything on the facilitator's terminal — found in a
rehearsal, where each open stream printed a uvicorn traceback (« Exception in ASGI
application … CancelledError: Task cancelled, timeout graceful shutdown exceeded ») under the
live screen."""

from __future__ import annotations

import threading

import httpx
import pytest

from seminar_cli.journal.events import EventType
from seminar_cli.web.server import WebServer
from tests.web_helpers import live_session

CODE = "ABCDEF"
WAIT = 20.0  # bounds, never sleeps: each wait ends as soon as its condition holds


def test_quitting_with_phones_connected_prints_no_traceback(
    capfd: pytest.CaptureFixture[str],
) -> None:
    session = live_session()
    server = WebServer(session.path, session.session_id, host="127.0.0.1", port=0, code=CODE)
    base = server.start().url.rsplit("/j/", 1)[0]
    phones = 3
    connected = threading.Semaphore(0)

    def hold_a_stream() -> None:
        with httpx.Client(base_url=base, timeout=WAIT) as client:
            joined = client.post("/api/join", json={"code": CODE, "name": f"Phone {id(client)}"})
            headers = {"Authorization": f"Bearer {joined.json()['token']}"}
            try:
                with client.stream("GET", "/api/events", headers=headers) as response:
                    assert response.status_code == 200
                    connected.release()
                    for _ in response.iter_lines():
                        pass
            except httpx.HTTPError:
                pass  # the server went away: what a phone sees, and it reconnects later

    threads = [threading.Thread(target=hold_a_stream, daemon=True) for _ in range(phones)]
    for thread in threads:
        thread.start()
    try:
        for _ in range(phones):
            assert connected.acquire(timeout=WAIT)
        # what `q` then `o` does: the session suspended, then the server stopped
        session.writer.record(EventType.session_suspended)
    finally:
        server.stop()
    for thread in threads:
        thread.join(WAIT)
    _out, err = capfd.readouterr()
    assert "Traceback" not in err, err[:2000]
    assert "ERROR" not in err, err[:2000]
