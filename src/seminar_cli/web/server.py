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
SIOCGIFADDR = 0x8915  # Linux: an interface's address


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


def interface_addresses() -> list[str]:
    """The IPv4 address of each network interface that has one, asked of the kernel without
    sending anything (Linux's SIOCGIFADDR); elsewhere, what the host name resolves to."""
    found: list[str] = []
    try:
        import fcntl
        import struct

        names = [name for _index, name in socket.if_nameindex()]
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            for name in names:
                request = struct.pack("256s", name.encode()[:15])
                with contextlib.suppress(OSError):  # an interface without an IPv4 address
                    answer = fcntl.ioctl(probe.fileno(), SIOCGIFADDR, request)
                    found.append(socket.inet_ntoa(answer[20:24]))
    except (ImportError, OSError, AttributeError):
        with contextlib.suppress(OSError):
            infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
            found = [str(info[4][0]) for info in infos]
    return list(dict.fromkeys(found))


def reachable_addresses(host: str) -> list[str]:
    """Every address phones can use for a server listening on ``host``: the shown one first,
    then the other interfaces' (loopback last: it reaches this machine only)."""
    shown = shown_address(host)
    if host not in ("0.0.0.0", "", "::"):
        return [shown]
    others = [a for a in interface_addresses() if a != shown]
    others.sort(key=lambda address: address.startswith("127."))
    return [shown, *others]


def shown_address(host: str) -> str:
    """What phones type: the host itself, unless it means every interface."""
    if host in ("0.0.0.0", "", "::"):
        return default_address()
    return host


def check_host(host: str) -> None:
    """Refuse, before anything starts (no session opened for nothing), a ``--host`` that is
    not an address of this machine: the kernel is asked to bind it (port 0, closed at once)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.bind((host, 0))
    except (OSError, UnicodeError) as exc:
        if isinstance(exc, socket.gaierror) or getattr(exc, "errno", None) in (
            errno.EADDRNOTAVAIL,
            errno.EAFNOSUPPORT,
        ):
            mine = ", ".join(reachable_addresses("0.0.0.0"))
            raise UsageError("web.host_not_here", host=host, addresses=mine) from None
        reason = getattr(exc, "strerror", None) or str(exc)
        raise UsageError("web.cannot_listen", host=host, port=0, reason=reason) from None


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
    host: str = "0.0.0.0"
    workshop: str | None = None  # the title of the workshop served (None: the plenary)

    def all_urls(self) -> list[str]:
        """The join address on every address the server can be reached at (``url`` first)."""
        path = self.url.split("/j/", 1)[1]
        addresses = reachable_addresses(self.host)
        return [f"http://{_url_host(a)}:{self.port}/j/{path}" for a in addresses]


class WebServer:
    """The server of one session (its plenary, or with ``stream`` one of its workshops, with
    the workshop's own join code), in a background thread of this process."""

    def __init__(
        self,
        journal_path: Path | str,  # or a PostgreSQL journal's URL
        session_id: str,
        *,
        host: str = "0.0.0.0",
        port: int = DEFAULT_PORT,
        code: str | None = None,
        stream: str = "",
    ) -> None:
        self.journal_path = journal_path
        self.stream = stream
        self.session_id = session_id
        self.host = host
        self.port = port
        self.code = code
        self.closed = threading.Event()  # set once the session has closed
        self.app_options: dict[str, Any] = {}  # create_app's keywords (tests: the rates)
        self._thread: threading.Thread | None = None
        self._server: object | None = None
        self._app: object | None = None
        self._journal: object | None = None
        self._socket: socket.socket | None = None
        self.served: Served | None = None  # the address phones use, once started
        self._identity: tuple[int, int] | None = None  # the journal file's (device, inode)

    def start(self) -> Served:
        import uvicorn

        from seminar_cli.journal.store import Journal
        from seminar_cli.session.room import Room
        from seminar_cli.web.app import create_app

        sock, port = listen(self.host, self.port)
        journal = Journal.open(self.journal_path, create=False)
        self._identity = _file_identity(self.journal_path)
        self._journal = journal
        try:
            room = Room(journal, journal.session(self.session_id), self.code, self.stream)
        except BaseException:
            journal.close()
            sock.close()
            raise
        url = f"http://{_url_host(shown_address(self.host))}:{port}/j/{room.code}"
        app = create_app(room, url, on_closed=self.closed.set, **self.app_options)
        self._app = app
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
        self.served = Served(
            url=url,
            code=room.code,
            port=port,
            wanted_port=self.port,
            host=self.host,
            workshop=room.workshop.title if room.workshop is not None else None,
        )
        return self.served

    def journal_gone(self) -> bool:
        """The journal file was deleted or replaced under the server: what it still reads
        is an unlinked file that nobody else will see (SQLite keeps it open)."""
        return self._identity is not None and _file_identity(self.journal_path) != self._identity

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def stop(self) -> None:
        server = self._server
        if self._app is not None:
            self._app.state.end_streams()  # type: ignore[attr-defined]
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


def _file_identity(path: Path | str) -> tuple[int, int] | None:
    if isinstance(path, str):  # a PostgreSQL database: no file to lose
        return None
    try:
        found = path.stat()
    except OSError:
        return None
    return found.st_dev, found.st_ino


def _url_host(address: str) -> str:
    return f"[{address}]" if ":" in address else address
