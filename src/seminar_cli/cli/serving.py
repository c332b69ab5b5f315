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

from seminar_cli.i18n import keyed

if TYPE_CHECKING:
    from seminar_cli.web.server import WebServer

DEFAULT_HOST = "0.0.0.0"
DEFAULT_PORT = 8765

HostOpt = Annotated[str, typer.Option("--host", help=keyed("help.opt.host"), metavar="ADDRESS")]
PortOpt = Annotated[int, typer.Option("--port", help=keyed("help.opt.port"), min=0, max=65535)]
CodeOpt = Annotated[str | None, typer.Option("--code", help=keyed("help.opt.code"), metavar="CODE")]
ServeOpt = Annotated[bool, typer.Option("--serve", help=keyed("help.opt.serve"))]
AddressesOpt = Annotated[bool, typer.Option("--addresses", help=keyed("help.opt.addresses"))]


@dataclass(frozen=True)
class ServeOptions:
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    code: str | None = None
    list_addresses: bool = False  # every address the server can be reached at, not only one


def serve_options(
    serve: bool, host: str, port: int, code: str | None, addresses: bool = False
) -> ServeOptions | None:
    """The options of ``--serve`` (None without it); a bad ``--code`` is refused before
    anything starts."""
    if not serve:
        return None
    from seminar_cli.session.room import checked_code
    from seminar_cli.web.server import check_host

    checked = checked_code(code)
    check_host(host)
    return ServeOptions(host, port, checked, addresses)


@contextlib.contextmanager
def serving(
    journal_path: Path | str,
    session_id: str,
    options: ServeOptions | None,
    *,
    workshop: str = "",
) -> Iterator[WebServer | None]:
    """The web server of ``session_id`` for as long as the block runs (nothing without
    options): its address and QR code printed first, stopped cleanly at the end, whatever
    ends the block.  ``workshop``: the id of the workshop whose phones it serves (its own
    stream and join code; the printed line names it), else the plenary's."""
    if options is None:
        yield None
        return
    from seminar_cli.ui.qr import announce, announce_after
    from seminar_cli.web.server import WebServer

    server = WebServer(
        journal_path,
        session_id,
        host=options.host,
        port=options.port,
        code=options.code,
        stream=workshop,
    )
    served = server.start()
    others = served.all_urls()[1:] if options.list_addresses else []
    announced = False
    try:
        announced = announce(
            served.url,
            served.code,
            wanted_port=served.wanted_port,
            port=served.port,
            also=others,
            workshop=served.workshop,
        )
        yield server
    finally:
        server.stop()
        if not announced:  # it went to the room's screen: leave it in the terminal now
            with contextlib.suppress(OSError, ValueError):  # the terminal may be gone
                announce_after(
                    served.url,
                    served.code,
                    wanted_port=served.wanted_port,
                    port=served.port,
                    also=others,
                    workshop=served.workshop,
                )
