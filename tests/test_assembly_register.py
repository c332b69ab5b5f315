"""The general assembly's register (CSV), proxies and the desk at the door (#15)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from seminar_cli.agenda.loader import read_agenda_file
from seminar_cli.errors import AgendaError, SessionError
from seminar_cli.session.assembly import check_attendance_list

AGENDA = """title: AG
participants_file: membres.csv
assembly:
  quorum: 0.5
  proxies_max: 1
segments:
  - title: Vote
    duration: 10m
    prompts:
      - id: budget
        question: Budget
        type: vote
        who: room
"""
ROWS = [
    ["name", "organization", "group", "member", "role"],
    ["Hélène Marchand", "Fondation", "a", "oui", "Présidente"],
    ["Olivier Dumas", "Institut", "a", "1", "Secrétaire"],
    ["Émile Zola", "", "", "", ""],
    ["Julien Moreau", "", "", "true", ""],
    ["Paul Invité", "Presse", "", "non", "Invité"],
]


def _write(tmp_path: Path, sep: str, encoding: str, bom: bool = False) -> Path:
    text = "\r\n".join(sep.join(row) for row in ROWS) + "\r\n"
    data = text.encode(encoding)
    (tmp_path / "membres.csv").write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    (tmp_path / "ag.yaml").write_text(AGENDA, encoding="utf-8")
    return tmp_path / "ag.yaml"


@pytest.mark.parametrize(("sep", "encoding", "bom"), [(";", "utf-8", True), (",", "cp1252", False)])
def test_register_read_as_excel_saves_it(tmp_path, sep, encoding, bom):
    agenda = read_agenda_file(_write(tmp_path, sep, encoding, bom)).agenda
    assert [p.name for p in agenda.participants][:3] == [
        "Hélène Marchand",
        "Olivier Dumas",
        "Émile Zola",
    ]
    assert [p.member for p in agenda.participants] == [True, True, True, True, False]
    assert agenda.quorum_base() == 4  # the guest never counts


def test_register_errors_are_located_in_both_languages(tmp_path):
    path = _write(tmp_path, ";", "utf-8")
    with (tmp_path / "membres.csv").open("a", encoding="utf-8") as fh:
        fh.write("Jean Bon;;;peut-être;\r\n")
    with pytest.raises(AgendaError) as caught:
        read_agenda_file(path)
    assert "membres.csv, ligne 7" in caught.value.message()
    assert "peut-être" in caught.value.message()


def test_members_and_register_that_differ_are_refused(tmp_path):
    path = _write(tmp_path, ";", "utf-8")
    path.write_text(AGENDA.replace("  quorum: 0.5", "  quorum: 0.5\n  members: 85"))
    with pytest.raises(AgendaError) as caught:
        read_agenda_file(path)
    assert "85" in caught.value.message() and "4" in caught.value.message()


def test_proxies_over_the_cap_and_guests_are_refused(tmp_path):
    agenda = read_agenda_file(_write(tmp_path, ";", "utf-8")).agenda
    ok = [("Hélène Marchand", "present", None), ("Julien Moreau", "represented", "Hélène Marchand")]
    check_attendance_list(agenda, ok)
    with pytest.raises(SessionError) as over:
        check_attendance_list(agenda, [*ok, ("Émile Zola", "represented", "Hélène Marchand")])
    assert over.value.key == "att.refused.over_cap_one"
    with pytest.raises(SessionError) as guest:
        check_attendance_list(
            agenda, [("Paul Invité", "present", None), ("Émile Zola", "represented", "Paul Invité")]
        )
    assert guest.value.key == "att.refused.guest_holds"


def _seminar(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SEMINAR_DB": str(tmp_path / "j.db"), "SEMINAR_LANG": "fr"}
    return subprocess.run(
        [sys.executable, "-m", "seminar_cli", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def test_attendance_desk_in_a_second_process(tmp_path):
    agenda = _write(tmp_path, ";", "utf-8")
    start = subprocess.Popen(
        [sys.executable, "-m", "seminar_cli", "start", str(agenda), "--no-input", "--speed", "20"],
        env={**os.environ, "SEMINAR_DB": str(tmp_path / "j.db"), "SEMINAR_LANG": "fr"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        import time

        deadline = time.monotonic() + 60
        while True:  # the session is open once `sessions list` shows it
            listed = _seminar(tmp_path, "sessions", "list")
            if "ag" in listed.stdout.lower() and listed.returncode == 0:
                break
            assert time.monotonic() < deadline, listed.stderr
            time.sleep(0.2)
        done = _seminar(
            tmp_path,
            "attendance",
            "--present-name",
            "helene marchand",
            "--proxy",
            "Hélène Marchand:Julien Moreau",
        )
        assert done.returncode == 0, done.stderr
        assert "Hélène Marchand : présent·e — code personnel : " in done.stderr
        assert "Quorum : 2 présents ou représentés sur 4, 2 requis — atteint" in done.stderr
        over = _seminar(tmp_path, "attendance", "--proxy", "Hélène Marchand:Zola")
        assert over.returncode == 1
        assert "détient déjà 1 pouvoir," in over.stderr
        # what was recorded before a refusal is told too (the desk once saw only the refusal)
        mixed = _seminar(
            tmp_path,
            "attendance",
            "--present-name",
            "Olivier Dumas",
            "--proxy",
            "Hélène Marchand:Zola",
        )
        assert mixed.returncode == 1
        assert "Olivier Dumas : présent·e — code personnel : " in mixed.stderr
        assert "détient déjà 1 pouvoir," in mixed.stderr
    finally:
        start.terminate()
        start.wait(timeout=60)
