"""``--serve`` on ``start`` and ``resume``, and ``seminar serve``: the phones' web server
beside a running session (PRODUCT §6).  Starlette and uvicorn are imported only here, when
serving."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from seminar_cli.i18n import t

if TYPE_CHECKING:
    from seminar_cli.web.server import WebServer

DEFAULT_HOST = "0.0.0.0"
DEFAULT_PORT = 8765

HostOpt = Annotated[str, typer.Option("--host", help=t("help.opt.host"), metavar="ADDRESS")]
PortOpt = Annotated[int, typer.Option("--port", help=t("help.opt.port"), min=0, max=65535)]
CodeOpt = Annotated[str | None, typer.Option("--code", help=t("help.opt.code"), metavar="CODE")]
ServeOpt = Annotated[bool, typer.Option("--serve", help=t("help.opt.serve"))]


@dataclass(frozen=True)
class ServeOptions:
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    code: str | None = None


def serve_options(serve: bool, host: str, port: int, code: str | None) -> ServeOptions | None:
    """The options of ``--serve`` (None without it); a bad ``--code`` is refused before
    anything starts."""
    if not serve:
        return None
    from seminar_cli.session.room import checked_code

    return ServeOptions(host, port, checked_code(code))


@contextlib.contextmanager
def serving(
    journal_path: Path, session_id: str, options: ServeOptions | None
) -> Iterator[WebServer | None]:
    """The web server of ``session_id`` for as long as the block runs (nothing without
    options): its address and QR code printed first, stopped cleanly at the end, whatever
    ends the block."""
    if options is None:
        yield None
        return
    from seminar_cli.ui.qr import announce
    from seminar_cli.web.server import WebServer

    server = WebServer(
        journal_path, session_id, host=options.host, port=options.port, code=options.code
    )
    served = server.start()
    try:
        announce(served.url, served.code, wanted_port=served.wanted_port, port=served.port)
        yield server
    finally:
        server.stop()
