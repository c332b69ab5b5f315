"""Running the phones' web server: the listening socket, the printed address, and uvicorn in a
background thread (no signal handler installed: the runner's process keeps its own), with its
own journal connection, stopped cleanly when the session ends or on Ctrl-C."""

from __future__ import annotations

import contextlib
import errno
import socket
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from seminar_cli.errors import UsageError

DEFAULT_PORT = 8765
PORT_TRIES = 20  # "the next free one if taken"
START_TIMEOUT = 10.0  # seconds for uvicorn to be ready, on a loaded machine


def default_address() -> str:
    """The address of the interface of the default route, found without sending anything (a
    UDP socket's connect only picks a route), else 127.0.0.1."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("10.255.255.255", 1))
            address = str(probe.getsockname()[0])
    except OSError:
        return "127.0.0.1"
    return address if address and address != "0.0.0.0" else "127.0.0.1"


def shown_address(host: str) -> str:
    """What phones type: the host itself, unless it means every interface."""
    if host in ("0.0.0.0", "", "::"):
        return default_address()
    return host


def listen(host: str, port: int) -> tuple[socket.socket, int]:
    """A listening socket on ``host``: ``port``, or the next free one if taken (0: any)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    last: OSError | None = None
    for candidate in [port] if port == 0 else range(port, min(port + PORT_TRIES, 65536)):
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, candidate))
            sock.listen(512)
        except OSError as exc:
            sock.close()
            last = exc
            if exc.errno == errno.EADDRINUSE:
                continue
            break
        sock.setblocking(False)
        return sock, int(sock.getsockname()[1])
    reason = (last.strerror if last else None) or str(last)
    raise UsageError("web.cannot_listen", host=host, port=port, reason=reason)


@dataclass
class Served:
    url: str  # http://ADDRESS:PORT/j/CODE
    code: str
    port: int
    wanted_port: int


class WebServer:
    """The server of one session, in a background thread of this process."""

    def __init__(
        self,
        journal_path: Path,
        session_id: str,
        *,
        host: str = "0.0.0.0",
        port: int = DEFAULT_PORT,
        code: str | None = None,
    ) -> None:
        self.journal_path = journal_path
        self.session_id = session_id
        self.host = host
        self.port = port
        self.code = code
        self.closed = threading.Event()  # set once the session has closed
        self.app_options: dict[str, Any] = {}  # create_app's keywords (tests: the rates)
        self._thread: threading.Thread | None = None
        self._server: object | None = None
        self._journal: object | None = None
        self._socket: socket.socket | None = None

    def start(self) -> Served:
        import uvicorn

        from seminar_cli.journal.store import Journal
        from seminar_cli.session.room import Room
        from seminar_cli.web.app import create_app

        sock, port = listen(self.host, self.port)
        journal = Journal.open(self.journal_path, create=False)
        self._journal = journal
        try:
            room = Room(journal, journal.session(self.session_id), self.code)
        except BaseException:
            journal.close()
            sock.close()
            raise
        url = f"http://{_url_host(shown_address(self.host))}:{port}/j/{room.code}"
        app = create_app(room, url, on_closed=self.closed.set, **self.app_options)
        config = uvicorn.Config(
            app,
            log_level="error",
            access_log=False,  # never a token, a name or an answer in a log
            lifespan="on",
            loop="asyncio",
            http="h11",
            ws="none",
            timeout_graceful_shutdown=1,
            timeout_keep_alive=30,
        )
        server = uvicorn.Server(config)
        self._server = server
        thread = threading.Thread(
            target=server.run, kwargs={"sockets": [sock]}, name="web-server", daemon=True
        )
        self._thread = thread
        thread.start()
        deadline = time.monotonic() + START_TIMEOUT
        while not server.started and thread.is_alive() and time.monotonic() < deadline:
            time.sleep(0.02)
        self._socket = sock  # asyncio serves on this very socket: closed after the server
        if not server.started:
            self.stop()
            raise UsageError("web.cannot_listen", host=self.host, port=port, reason="uvicorn")
        return Served(url=url, code=room.code, port=port, wanted_port=self.port)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def stop(self) -> None:
        server = self._server
        if server is not None:
            server.should_exit = True  # type: ignore[attr-defined]
        if self._thread is not None:
            self._thread.join(timeout=10)
            self._thread = None
        if self._socket is not None:
            self._socket.close()
            self._socket = None
        journal = self._journal
        if journal is not None:
            with contextlib.suppress(Exception):
                journal.close()  # type: ignore[attr-defined]
            self._journal = None


def _url_host(address: str) -> str:
    return f"[{address}]" if ":" in address else address
