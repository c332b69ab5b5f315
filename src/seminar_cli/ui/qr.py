"""The join address of phones in the room, as a line and a QR code in the terminal."""

from __future__ import annotations

import io

from seminar_cli.i18n import t
from seminar_cli.ui import console


def qr_text(url: str, *, compact: bool = True) -> str:
    """The QR code of ``url`` drawn with block characters (two rows per line when compact)."""
    import segno

    buffer = io.StringIO()
    segno.make(url, error="m").terminal(out=buffer, compact=compact, border=2)
    return buffer.getvalue()


def announce(url: str, code: str, *, wanted_port: int, port: int) -> None:
    """One line holds the whole address (scripts read it), then the QR code, on stderr."""
    if wanted_port not in (0, port):
        console.say(t("web.port_taken", wanted=wanted_port, port=port))
    console.say(t("web.address", url=url, code=code))
    err = console.err()
    if err.is_terminal:
        err.file.write(qr_text(url))
        err.file.flush()
    console.say(t("web.address_hint"))
