"""Found in the AG rehearsal (#15): ``seminar seal`` ends with « Vérification : seminar verify
ID --expect HASH », a command the secretary copies onto the signed PV; run as printed, right
after the seal and with nothing added since, it must say the journal is intact (exit 0).  Today
the seal appends its own event after HASH, so the printed command fails at once (exit 1,
« la chaîne ne se termine pas par l'empreinte attendue … puis 1 événement(s) ont été
enregistrés après »).  Now the seal's hash is the chain's at the seal's own event: the
journal's end right after sealing, and the hash the PV exported then gives."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from tests.test_seal import closed_session, seminar  # noqa: F401  (the fixture)

CHECK = re.compile(r"seminar verify \S+ --expect [0-9a-f]{64}")


def test_the_check_printed_by_seal_passes_right_after_the_seal(
    tmp_path: Path,
    closed_session: str,  # noqa: F811
) -> None:
    sealed = seminar(tmp_path, "seal", closed_session)
    assert sealed.returncode == 0, sealed.stderr
    printed = CHECK.findall(sealed.stdout)
    assert printed, sealed.stdout
    args = shlex.split(printed[-1])[1:]  # without the program's name
    check = seminar(tmp_path, *args)
    assert check.returncode == 0, check.stderr
    assert "Elle se termine bien par l'empreinte attendue." in check.stdout
    expected = args[-1]
    assert f"à l'empreinte {expected} ; aucun erratum depuis." in check.stdout

    # the PV signed after the seal gives that same hash, in its seal line and its check
    pv = seminar(tmp_path, "export", closed_session, "--kind", "pv", "--format", "md", "-o", "-")
    assert pv.returncode == 0, pv.stderr
    assert "Procès-verbal scellé le " in pv.stdout
    assert f"à l'empreinte {expected}." in pv.stdout
    assert f"seminar verify {closed_session} --expect {expected}" in pv.stdout
