"""The join address of phones in the room, as a line and a QR code in the terminal, and the QR
code as lines of half blocks for the live screen (PRODUCT §6)."""

from __future__ import annotations

import functools
import io
from collections.abc import Sequence

from seminar_cli.i18n import t
from seminar_cli.ui import console

SMALL_BORDER = 2  # modules of quiet zone around the live screen's corner code (as printed)
BIG_BORDER = 4  # the standard's quiet zone, for the code scanned from the back of the room
# the least quiet zone the big code keeps where a short screen trims it: one light module still
# sets the code apart for a phone's reader, and buys it twice the size at 120×35
MIN_BORDER = 1

Matrix = tuple[tuple[bool, ...], ...]


def qr_text(url: str, *, compact: bool = True) -> str:
    """The QR code of ``url`` drawn with block characters (two rows per line when compact)."""
    import segno

    buffer = io.StringIO()
    segno.make(url, error="m").terminal(out=buffer, compact=compact, border=2)
    return buffer.getvalue()


@functools.lru_cache(maxsize=4)
def qr_matrix(url: str, border: int) -> Matrix:
    """The modules of ``url``'s QR code (True: dark), quiet zone included; cached, since the
    live screen asks for it at every frame."""
    import segno

    code = segno.make(url, error="m")
    return tuple(tuple(bool(m) for m in row) for row in code.matrix_iter(border=border))


def half_block_lines(matrix: Matrix, scale: int = 1) -> list[str]:
    """``matrix`` with each module ``scale`` cells wide and ``scale`` half rows tall: one text
    row holds two rows of pixels (▀ top dark, ▄ bottom dark, █ both, space neither), so the
    modules come out square on a terminal's cells, about twice as tall as wide."""
    pixels = [tuple(m for m in row for _ in range(scale)) for row in matrix for _ in range(scale)]
    if len(pixels) % 2:
        pixels.append(tuple(False for _ in pixels[0]))  # a light half row: the quiet zone goes on
    chars = {(True, True): "█", (True, False): "▀", (False, True): "▄", (False, False): " "}
    return [
        "".join(chars[top, bottom] for top, bottom in zip(upper, lower, strict=True))
        for upper, lower in zip(pixels[::2], pixels[1::2], strict=True)
    ]


def announce(
    url: str,
    code: str,
    *,
    wanted_port: int,
    port: int,
    also: Sequence[str] = (),
    workshop: str | None = None,
) -> bool:
    """One line holds the whole address (scripts read it), then the QR code, on stderr.
    False, printing nothing, while the room's alternate screen is up (``start``'s setup
    questions): there it would be wiped at once; the live screen shows the address instead
    and ``announce_after`` leaves it in the terminal at the end."""
    from seminar_cli.ui.live import alternate_screen_on

    if alternate_screen_on():
        return False
    if wanted_port not in (0, port):
        console.say(t("web.port_taken", wanted=wanted_port, port=port))
    console.say(_address_line(url, code, workshop))
    _say_also(also)
    err = console.err()
    if err.is_terminal:
        err.file.write(qr_text(url))
        err.file.flush()
    console.say(t("web.address_hint"))
    return True


def announce_after(
    url: str,
    code: str,
    *,
    wanted_port: int,
    port: int,
    also: Sequence[str] = (),
    workshop: str | None = None,
) -> None:
    """The address the phones used, once the server has stopped, for the terminal's history
    (what ``announce`` could not print)."""
    if wanted_port not in (0, port):
        console.say(t("web.port_taken", wanted=wanted_port, port=port))
    if workshop is not None:
        console.say(t("workshop_web.address_after", title=workshop, url=url, code=code))
    else:
        console.say(t("web.address_after", url=url, code=code))
    _say_also(also)


def _address_line(url: str, code: str, workshop: str | None) -> str:
    """The one line holding the join address; a workshop's server names its workshop (each
    room has its own address and code: the line says which one this is)."""
    if workshop is not None:
        return t("workshop_web.address", title=workshop, url=url, code=code)
    return t("web.address", url=url, code=code)


def _say_also(urls: Sequence[str]) -> None:
    """``--addresses``: the same join address on the machine's other interfaces."""
    if urls:
        console.say(t("web.addresses_also"))
        for url in urls:
            console.say(f"  {url}")
