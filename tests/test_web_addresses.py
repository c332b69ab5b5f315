"""Where phones reach the server (PRODUCT §9): the printed address is the default route's
interface's; ``--addresses`` lists every address of the machine with ``--host 0.0.0.0``."""

from __future__ import annotations

import re
import subprocess

from seminar_cli.web.server import (
    Served,
    default_address,
    interface_addresses,
    reachable_addresses,
)
from tests.conftest import seminar_cmd, subprocess_env


def test_every_interface_is_listed_for_0_0_0_0_the_default_route_first_loopback_last() -> None:
    listed = reachable_addresses("0.0.0.0")
    assert listed[0] == default_address()
    assert "127.0.0.1" in interface_addresses()  # the loopback interface is always there
    assert listed[-1] == "127.0.0.1" or listed == ["127.0.0.1"]
    assert len(listed) == len(set(listed))
    assert set(listed) == {default_address(), *interface_addresses()}


def test_a_given_host_is_the_only_address() -> None:
    assert reachable_addresses("127.0.0.1") == ["127.0.0.1"]
    served = Served("http://127.0.0.1:8800/j/ABCD", "ABCD", 8800, 8765, host="0.0.0.0")
    urls = served.all_urls()
    assert urls[0] == f"http://{default_address()}:8800/j/ABCD"
    assert "http://127.0.0.1:8800/j/ABCD" in urls


def test_addresses_with_a_given_host_prints_one_address(tmp_path) -> None:
    command = [
        *seminar_cmd(),
        *("start", "team-retrospective", "--no-input", "--serve", "--addresses"),
        *("--host", "127.0.0.1", "--port", "0", "--speed", "3000"),
    ]
    run = subprocess.run(
        command, env=subprocess_env(tmp_path), capture_output=True, text=True, timeout=300
    )
    assert run.returncode == 0, run.stderr
    found = re.findall(r"^Phones: (http://\S+)  \(code (\w+)\)$", run.stderr, re.M)
    assert len(found) == 1 and found[0][0].startswith("http://127.0.0.1:")
    assert "Also reachable" not in run.stderr


def test_the_other_addresses_follow_the_address_line(capsys) -> None:
    from seminar_cli.ui.qr import announce

    also = ["http://10.0.0.7:8765/j/ABCD", "http://127.0.0.1:8765/j/ABCD"]
    assert announce("http://192.0.2.2:8765/j/ABCD", "ABCD", wanted_port=8765, port=8765, also=also)
    lines = capsys.readouterr().err.splitlines()
    assert lines[:4] == [
        "Téléphones : http://192.0.2.2:8765/j/ABCD  (code ABCD)",
        "Joignable aussi aux adresses suivantes (selon le réseau des téléphones) :",
        "  http://10.0.0.7:8765/j/ABCD",
        "  http://127.0.0.1:8765/j/ABCD",
    ]
