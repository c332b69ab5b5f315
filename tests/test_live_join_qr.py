"""The phones' address and QR codes on the live screen (PRODUCT §6, §9): the address always
written, a small QR code in a corner where it fits, the big one on key j, and the address left
in the terminal after the session."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import segno

from seminar_cli.journal.events import EventType
from seminar_cli.ui.screen import view_from_state
from tests.conftest import seminar_cmd, subprocess_env
from tests.live_helpers import (
    event_types,
    frame,
    keys_at,
    open_writer,
    run_recording_frames,
)
from tests.tmux_helpers import Tmux

URL = "http://192.168.1.23:8765/j/K7MXQP"
HALF = {" ": (False, False), "▀": (True, False), "▄": (False, True), "█": (True, True)}
QR_CHARS = set("▀▄")  # only a QR code draws half blocks (the digits and the bar use █ and ░)


def started(tmp_path):
    writer = open_writer(tmp_path)
    writer.record(EventType.segment_started, segment="intro")
    writer.clock.advance(125.4)  # type: ignore[attr-defined]
    return writer


def serving_frame(tmp_path, width, height, **flags):
    writer = started(tmp_path)
    view = view_from_state(writer.state, writer.clock.now(), join_url=URL, **flags)
    return frame(view, width, height).split("\n")


def segno_modules(url: str, border: int) -> list[list[bool]]:
    code = segno.make(url, error="m")
    return [[bool(m) for m in row] for row in code.matrix_iter(border=border)]


def read_qr(lines: list[str], left: int, width: int, scale: int = 1) -> list[list[bool]]:
    """The modules drawn in ``width`` cells from column ``left`` on ``lines`` of half blocks
    (a trailing light half row dropped), each module ``scale`` cells wide and half rows tall."""
    rows: list[list[bool]] = []
    for line in lines:
        cells = line.ljust(left + width)[left : left + width]
        top = [HALF[c][0] for c in cells]
        bottom = [HALF[c][1] for c in cells]
        rows += [top, bottom]
    modules = [row[::scale] for row in rows[::scale]]
    size = len(modules[0])
    return modules[:size]


def qr_rows(lines: list[str]) -> list[int]:
    return [i for i, line in enumerate(lines) if QR_CHARS & set(line)]


def decoded(modules: list[list[bool]]) -> str | None:
    """What zbarimg reads in ``modules`` drawn as an image, or None without zbarimg (CI
    installs it: there, its absence fails)."""
    if shutil.which("zbarimg") is None:
        if os.environ.get("CI") == "true":
            pytest.fail(
                "CI must decode the QR codes: zbarimg is missing (apt-get install zbar-tools)"
            )
        return None
    import tempfile

    scale = 8
    data = bytearray()
    for row in modules:
        line = b"".join(bytes([0 if m else 255]) * scale for m in row)
        data += line * scale
    side = len(modules) * scale
    with tempfile.TemporaryDirectory() as folder:
        image = Path(folder) / "qr.pgm"
        image.write_bytes(b"P5\n%d %d\n255\n" % (side, side) + bytes(data))
        result = subprocess.run(
            ["zbarimg", "-q", "--raw", str(image)], capture_output=True, text=True, timeout=60
        )
    return result.stdout.strip()


def assert_is_the_qr_of(modules: list[list[bool]], url: str, border: int) -> None:
    assert modules == segno_modules(url, border)
    text = decoded(modules)
    if text is not None:  # a decoder is there (Debian's zbar-tools): it reads the address
        assert text == url


# -- exact frames -----------------------------------------------------------------------------
def test_80x24_writes_the_address_and_draws_no_qr(tmp_path):
    lines = serving_frame(tmp_path, 80, 24)
    assert len(lines) == 24
    assert not qr_rows(lines)
    assert lines[0] == "Séminaire test" + " " * 55 + "1/4   14:02"
    assert "EN COURS   reste 07:55 sur 10:00" in "\n".join(lines)
    assert lines[-5:] == [
        "Ensuite : Exposé (30 min)",
        "Fin prévue 15:20 · estimée 15:20 · à l'heure · limite 15:20",
        "Téléphones : http://192.168.1.23:8765/j/K7MXQP",
        "␣ pause · n suivant · +/- minute · p questions · r re-planifier · f notes",
        "a présences · ? aide · q quitter · j QR code",
    ]


def test_without_serve_the_screen_is_as_before(tmp_path):
    writer = started(tmp_path)
    text = frame(view_from_state(writer.state, writer.clock.now()), 200, 50)
    assert "Téléphones" not in text
    assert "j QR code" not in text
    assert not QR_CHARS & set(text)


@pytest.mark.parametrize(("width", "height"), [(120, 35), (200, 50)])
def test_a_small_qr_in_the_top_right_corner_that_reads_as_the_address(tmp_path, width, height):
    lines = serving_frame(tmp_path, width, height)
    assert len(lines) == height
    assert lines[0] == "Séminaire test" + " " * (width - 25) + "1/4   14:02"  # across the top
    expected = segno_modules(URL, 2)
    rows = qr_rows(lines)
    size = len(expected)  # 29 modules and a quiet zone of 2: 33 cells, 17 rows
    # from the line under the header: a light line (the quiet zone), the 29 modules' 15 lines
    # of ink (the last half light), a light line
    assert size == 33
    assert rows == list(range(2, 17))
    left = width - size
    code_lines = lines[1 : 1 + (size + 1) // 2]
    assert all(len(line) <= width for line in lines)
    # nothing of the screen runs into the code or its quiet zone
    assert all(line[: left - 2].rstrip() == line[:left].rstrip() for line in code_lines)
    assert_is_the_qr_of(read_qr(code_lines, left, size), URL, 2)
    assert "EN COURS   reste 07:55 sur 10:00" in "\n".join(lines)
    assert "Téléphones : http://192.168.1.23:8765/j/K7MXQP" in lines[-3:]
    assert lines[-1].endswith("q quitter · j QR code")


def test_100x30_is_about_where_the_small_qr_starts(tmp_path):
    assert qr_rows(serving_frame(tmp_path, 100, 30))
    assert not qr_rows(serving_frame(tmp_path, 96, 30))
    assert not qr_rows(serving_frame(tmp_path, 120, 28))


@pytest.mark.parametrize(
    ("width", "height", "scale", "border"),
    # 120×35: two cells (a square) per module, the quiet zone trimmed to 1 module above and below
    [(80, 24, 1, 4), (120, 35, 2, 1), (200, 50, 2, 4)],
)
def test_the_j_overlay_is_as_big_as_the_terminal_allows(tmp_path, width, height, scale, border):
    lines = serving_frame(tmp_path, width, height, overlay="join")
    assert len(lines) == height
    assert lines[1].strip() == "EN COURS   reste 07:55 sur 10:00"  # the room still sees the time
    assert lines[-1] == "Scannez le QR code ou tapez l'adresse · une touche pour revenir"
    assert "Téléphones : http://192.168.1.23:8765/j/K7MXQP" in [line.strip() for line in lines]
    expected = segno_modules(URL, border)  # the standard's quiet zone of 4 modules, or less
    rows = [i for i, line in enumerate(lines) if set(line) & set("▀▄█")]
    first, last = rows[0], rows[-1]
    # the quiet zone's first modules are light: the drawing starts that many half rows above
    top = first - (border * scale) // 2
    assert top >= 2  # under the time, nothing of the code cut
    left = min(len(line) - len(line.lstrip()) for line in lines[first : last + 1]) - border * scale
    height_rows = (len(expected) * scale + 1) // 2
    modules = read_qr(lines[top : top + height_rows], left, len(expected) * scale, scale)
    assert_is_the_qr_of(modules, URL, border)
    assert "Introduction" not in "\n".join(lines[1:])  # nothing else of the screen


# -- the key j --------------------------------------------------------------------------------
def run_live(tmp_path, script, *, join_url, width=120, height=35):
    writer = open_writer(tmp_path)
    controls, frames = run_recording_frames(
        writer, keys_at(*script), width, height, join_url=join_url
    )
    return writer, controls, frames


def test_j_shows_the_big_qr_and_any_key_returns_without_acting(tmp_path):
    writer, controls, frames = run_live(
        tmp_path, [(5, "j"), (8, "n"), (10, "q"), (11, "y")], join_url=URL
    )
    overlay = [f for f in frames if "une touche pour revenir" in f]
    assert overlay and "Introduction" not in overlay[0]
    after = [f for f in frames if "Quitter la séance ?" in f]
    assert after and "Introduction" in after[0]  # back on the live screen, where q asked
    assert "segment_ended" not in event_types(writer)  # the n only closed the overlay
    assert controls.overlay is None


def test_j_without_serve_says_how_to_serve(tmp_path):
    _, _, frames = run_live(tmp_path, [(5, "j"), (6, "q"), (7, "y")], join_url=None)
    assert any("Pas de serveur pour les téléphones : relancez avec --serve" in f for f in frames)
    assert not any("une touche pour revenir" in f for f in frames)


# -- a real terminal --------------------------------------------------------------------------
def test_start_serve_in_a_terminal_shows_the_address_and_leaves_it_after(tmp_path):
    env = subprocess_env(tmp_path)
    env.pop("COLUMNS", None)
    command = [
        *seminar_cmd(),
        *("start", "team-retrospective", "--place", "Ada", "--facilitator", "Alex"),
        *("--secretary", "Sam", "--serve", "--host", "127.0.0.1", "--port", "0"),
        *("--speed", "10"),
    ]
    tmux = Tmux(tmp_path, 120, 35)
    try:
        tmux.start(" ".join(command), env, tmp_path)
        tmux.wait_for("Priya Raman")  # the setup's attendance
        tmux.send("Enter")
        screen = tmux.wait_for("RUNNING", "j QR code")
        found = re.search(r"Phones: (http://127\.0\.0\.1:\d+/j/[0-9A-Z]+)", screen)
        assert found, screen
        url = found.group(1)
        lines = screen.split("\n")
        assert qr_rows(lines)  # 120×35: the small code in the corner
        tmux.send("j")
        screen = tmux.wait_for("any key returns")
        lines = screen.split("\n")
        assert url in screen
        # 29 modules of ink, each two cells wide and one line tall (square): no half blocks
        assert not qr_rows(lines)
        assert len([line for line in lines if "██" in line]) == 29
        tmux.send("x")
        tmux.wait_for("RUNNING", "j QR code", absent=["any key returns"])
        tmux.send("q")
        tmux.wait_for("Quit the session?")
        tmux.send("y")
        # the terminal is the user's again: the address stays in it
        screen = tmux.wait_for("Phones' address during the session", "suspended")
        assert f"Phones' address during the session: {url}  (code " in screen
        assert "Sprint retrospective" not in screen  # the live screen is gone
    finally:
        tmux.close()
