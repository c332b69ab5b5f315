"""Everyone writing at once, in real processes: the facilitator (``seminar start --no-input``
running a long segment), the secretary (``seminar note``, ``decision`` and ``action`` one after
the other) and dozens of participants (``seminar join --no-input --answers``).

Every record and every answer lands exactly once, nobody sees "database is locked", and the JSON
minutes exported afterwards hold all of them.  CI runs a dozen participants and two
secretaries writing two records of each kind (under 10 s: starting ~30 processes is most of
it); ``--runslow`` runs eighty participants and ten records each."""

from __future__ import annotations

import json
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import pytest

from seminar_cli.journal.events import EventType
from seminar_cli.journal.store import Journal
from seminar_cli.session.service import load_state
from tests.conftest import seminar_cmd, subprocess_env

AGENDA = """\
title: Grand atelier sous charge
language: fr
segments:
  - id: atelier
    title: Atelier
    duration: 2h
    prompts:
      - id: idees
        question: "Votre idée ?"
        type: text
        who: open
      - id: humeur
        question: "Votre humeur ?"
        type: yesno
        who: open
        anonymous: true
      - id: couleur
        question: "Une couleur ?"
        type: choice
        choices: [Rouge, Vert, Bleu]
        who: open
  - id: fin
    title: Fin
    duration: 10m
"""
COLOURS = ["Rouge", "Vert", "Bleu"]


@dataclass
class Crowd:
    tmp_path: Path
    env: dict[str, str]
    logs: list[IO[str]] = field(default_factory=list)

    def spawn(self, name: str, *args: str) -> subprocess.Popen[str]:
        # output to files: a full pipe would block a chatty process and look like a lock
        out = open(self.tmp_path / f"{name}.out", "w+", encoding="utf-8")  # noqa: SIM115
        err = open(self.tmp_path / f"{name}.err", "w+", encoding="utf-8")  # noqa: SIM115
        self.logs += [out, err]
        return subprocess.Popen(
            [*seminar_cmd(), *args],
            env=self.env,
            cwd=self.tmp_path,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            text=True,
        )

    def output(self, name: str) -> tuple[str, str]:
        return (
            (self.tmp_path / f"{name}.out").read_text(encoding="utf-8"),
            (self.tmp_path / f"{name}.err").read_text(encoding="utf-8"),
        )

    def close(self) -> None:
        for log in self.logs:
            log.close()


def wait_for(condition, what: str, seconds: float = 60) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def prompts_open(db: Path) -> str | None:
    """The session id once the facilitator has opened the segment's prompts."""
    if not db.exists():
        return None
    journal = Journal.open(db, create=False)
    try:
        rows = journal.sessions()
        if not rows:
            return None
        state = load_state(journal, rows[0])
        return rows[0].id if {"idees", "humeur", "couleur"} <= set(state.open_prompts) else None
    finally:
        journal.close()


def secretary_script(records: int) -> str:
    """A shell loop, as a secretary's terminal would run the commands one after the other."""
    seminar = " ".join(seminar_cmd())
    lines = ["set -e"]
    for i in range(records):
        lines.append(f"{seminar} note 'Note {i} : la salle parle « fort »'")
        lines.append(f"{seminar} decision 'Décision {i} adoptée'")
        lines.append(
            f"{seminar} action 'Action {i} à mener' --owner 'Resp {i}' --due 2026-12-{i + 1:02d}"
        )
    return "\n".join(lines) + "\n"


def assert_clean(name: str, code: int | None, err: str) -> None:
    assert code == 0, f"{name} exited {code}: {err}"
    assert "Traceback" not in err, err
    assert "locked" not in err.lower() and "verrouill" not in err.lower(), err
    assert "occupé" not in err, err


def run_everyone_at_once(tmp_path: Path, joiners: int, records: int, secretaries: int) -> None:
    agenda = tmp_path / "atelier.yaml"
    agenda.write_text(AGENDA, encoding="utf-8")
    db = tmp_path / "journal.sqlite3"
    crowd = Crowd(tmp_path, subprocess_env(tmp_path, SEMINAR_LANG="fr"))
    procs: dict[str, subprocess.Popen[str]] = {}
    try:
        facilitator = crowd.spawn("facilitator", "start", str(agenda), "--no-input")
        procs["facilitator"] = facilitator
        session: list[str] = []

        def ready() -> bool:
            assert facilitator.poll() is None, crowd.output("facilitator")
            found = prompts_open(db)
            if found:
                session.append(found)
            return bool(found)

        wait_for(ready, "the facilitator to open the prompts")
        session_id = session[0]
        for i in range(joiners):
            answers = tmp_path / f"answers-{i}.yaml"
            answers.write_text(
                "idees:\n"
                f"  - {{participant: P{i:02d}, value: \"Idée n° {i} : <b>gras</b>, 'quotes', 🎉\"}}\n"
                f"humeur: [{'oui' if i % 3 else 'non'}]\n"
                f"couleur: [{COLOURS[i % 3]}]\n",
                encoding="utf-8",
            )
            procs[f"join-{i}"] = crowd.spawn(
                f"join-{i}", "join", "--no-input", "--answers", str(answers), "--name", f"P{i:02d}"
            )
        for s in range(secretaries):
            script = tmp_path / f"secretary-{s}.sh"
            script.write_text(
                secretary_script(records).replace("Note ", f"S{s} Note ")
                .replace("Décision ", f"S{s} Décision ")
                .replace("Action ", f"S{s} Action "),
                encoding="utf-8",
            )  # fmt: skip
            out = open(tmp_path / f"secretary-{s}.out", "w+", encoding="utf-8")  # noqa: SIM115
            err = open(tmp_path / f"secretary-{s}.err", "w+", encoding="utf-8")  # noqa: SIM115
            crowd.logs += [out, err]
            procs[f"secretary-{s}"] = subprocess.Popen(
                ["sh", str(script)],
                env=crowd.env,
                cwd=tmp_path,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=err,
                text=True,
            )
        for name, proc in procs.items():
            if name != "facilitator":
                proc.wait(timeout=240)
        assert facilitator.poll() is None, crowd.output("facilitator")  # still running its segment
        facilitator.send_signal(signal.SIGTERM)  # the facilitator's laptop is shut: suspended
        facilitator.wait(timeout=60)
    finally:
        for proc in procs.values():
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        crowd.close()

    for name, proc in procs.items():
        if name == "facilitator":
            continue
        _out, err = crowd.output(name)
        assert_clean(name, proc.returncode, err)
        if name.startswith("join-"):
            assert "3 réponses envoyées" in err, err
    _out, err = crowd.output("facilitator")
    assert "Traceback" not in err and "locked" not in err.lower(), err
    assert f"seminar resume {session_id}" in err or "seminar resume" in err, err

    # the session goes on and ends; then the minutes
    env = crowd.env
    resumed = subprocess.run(
        [*seminar_cmd(), "resume", session_id, "--no-input", "--speed", "10000"],
        env=env,
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert_clean("resume", resumed.returncode, resumed.stderr)
    exported = subprocess.run(
        [*seminar_cmd(), "export", session_id, "--format", "json", "--output", "-"],
        env=env,
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert_clean("export", exported.returncode, exported.stderr)
    minutes = json.loads(exported.stdout)

    # the journal: each answer and record exactly once
    journal = Journal.open(db, create=False)
    assert journal.count_events(session_id, EventType.answer_given) == 3 * joiners
    kinds = (EventType.note, EventType.decision, EventType.action)
    for kind in kinds:
        assert journal.count_events(session_id, kind) == records * secretaries
    assert load_state(journal, journal.session(session_id)).closed

    # the minutes: every one of them, in the segment that was running
    (atelier,) = [s for s in minutes["segments"] if s["id"] == "atelier"]
    prompts = {p["id"]: p for p in atelier["prompts"]}
    ideas = {r["participant"]: r["value"] for r in prompts["idees"]["responses"]}
    assert len(prompts["idees"]["responses"]) == joiners
    assert ideas == {
        f"P{i:02d}": f"Idée n° {i} : <b>gras</b>, 'quotes', 🎉" for i in range(joiners)
    }
    moods = prompts["humeur"]["responses"]
    assert len(moods) == joiners and all(r["participant"] is None for r in moods)
    assert prompts["humeur"]["summary"]["counts"] == {
        "oui": sum(1 for i in range(joiners) if i % 3),
        "non": sum(1 for i in range(joiners) if not i % 3),
    }
    colours = {r["participant"]: r["value"] for r in prompts["couleur"]["responses"]}
    assert colours == {f"P{i:02d}": COLOURS[i % 3] for i in range(joiners)}
    expected_notes = sorted(
        f"S{s} Note {i} : la salle parle « fort »"
        for s in range(secretaries)
        for i in range(records)
    )
    assert sorted(n["text"] for n in atelier["notes"]) == expected_notes
    assert sorted(d["text"] for d in atelier["decisions"]) == sorted(
        f"S{s} Décision {i} adoptée" for s in range(secretaries) for i in range(records)
    )
    actions = sorted((a["text"], a["owner"], a["due"]) for a in atelier["actions"])
    assert actions == sorted(
        (f"S{s} Action {i} à mener", f"Resp {i}", f"2026-12-{i + 1:02d}")
        for s in range(secretaries)
        for i in range(records)
    )


def test_facilitator_two_secretaries_and_a_dozen_participants_writing_at_once(
    tmp_path: Path,
) -> None:
    run_everyone_at_once(tmp_path, joiners=12, records=2, secretaries=2)


@pytest.mark.slow
def test_facilitator_two_secretaries_and_eighty_participants_writing_at_once(
    tmp_path: Path,
) -> None:
    run_everyone_at_once(tmp_path, joiners=80, records=10, secretaries=2)
