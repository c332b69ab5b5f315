"""Recorded sessions for the minutes tests: real journals written on a fake clock.

``run_headless`` drives the real runner (as ``seminar start --no-input --answers`` does) on a
FakeClock, so a whole seminar is recorded in a blink; ``Recorder`` writes events by hand for the
cases a runner would take long to reach (pauses, re-plans, a session still running).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml

from seminar_cli.agenda.loader import LoadedAgenda, load_agenda
from seminar_cli.journal.events import EventType
from seminar_cli.journal.store import Journal
from seminar_cli.minutes.build import load_minutes
from seminar_cli.minutes.model import Minutes
from seminar_cli.session.answers import load_answers_file
from seminar_cli.session.assembly import check_attendance_list
from seminar_cli.session.runner import HeadlessControls, Runner
from seminar_cli.session.service import (
    SessionSetup,
    SessionWriter,
    attendance_from_answers,
    open_session,
)
from seminar_cli.timer import FakeClock


def seen(text: str) -> str:
    """Text as a reader sees it: French typography's no-break spaces (before « : ; ? ! », inside
    « », between a figure and its unit) read as spaces; thousands keep their narrow space."""
    return re.sub("\u202f(?=[;?!])", " ", text.replace("\u00a0", " "))


START = datetime.fromisoformat("2026-11-26T14:00:00+01:00")

HOSTILE = {
    "script": "<script>alert(1)</script>",
    "link": "[click](javascript:alert(1))",
    "formula": '=HYPERLINK("http://x","y")',
}

SEMINAR_ANSWERS: dict[str, Any] = {
    "attendance": {
        "Hugo Lefebvre": "excused",
        "Élodie Perrin": "absent",
        "Bertrand Vasseur": {"status": "represented", "by": "Anne-Laure Delmas"},
    },
    "attentes": [{"participant": "Inès Benali", "value": "élan, idées"}],
    "anciennete": [
        {"participant": "Camille Martin", "value": 1},
        {"participant": "Julien Moreau", "value": 2},
    ],
    "moment-marquant": [
        {"participant": "Inès Benali", "value": "La rencontre de 2012, à Lyon."},
        {"participant": "Julien Moreau", "value": HOSTILE["script"]},
        {"participant": "Camille Martin", "value": HOSTILE["link"]},
        HOSTILE["formula"],
    ],
    "reconnaissance-recit": [
        {"participant": "Inès Benali", "value": 4},
        {"participant": "Maëlle Nguyen", "value": 5},
        {"participant": "Julien Moreau", "value": 3},
        {"participant": "Camille Martin", "value": 5},
    ],
    "chainon-manquant": [
        {
            "participant": "Sophie Garnier",
            "value": "Les territoires ruraux.\n# pas un titre\n- pas une liste\n*pas gras*",
        }
    ],
    "mots-alliances": [
        {"participant": "Inès Benali", "value": "confiance, coopération"},
        {"participant": "Karim Haddad", "value": "confiance, temps long"},
        "coopération",
    ],
    "odd17-familier": ["oui", "non", "oui", {"participant": "Nathalie Roux", "value": "oui"}],
    "what": [{"participant": "Thomas Girard", "value": "Le récit existe déjà."}],
    "now-what": ["Un kit pour les jeunes ; une formation-action ; un baromètre."],
    "table-public": [
        {"participant": "Inès Benali", "value": "Jeunes"},
        {"participant": "Karim Haddad", "value": 2},
    ],
    "competences-catalyseurs": [
        {"participant": "Camille Martin", "value": [1, 2, 5]},
        {"participant": "Thomas Girard", "value": "1, 3"},
    ],
    # anonymous: the names given here must never reach the journal nor the minutes
    "outille-alliance": [
        {"participant": "Camille Martin", "value": "oui"},
        {"participant": "Karim Haddad", "value": "non"},
        "non",
        "oui",
        "oui",
    ],
    "propositions-phares": ["1. Kit jeunes\n2. Baromètre des alliances"],
    "priorites-classement": [
        {"participant": "Camille Martin", "value": [1, 2, 3, 4, 5, 6]},
        {"participant": "Inès Benali", "value": [6, 5, 4, 3, 2, 1]},
        {"participant": "Karim Haddad", "value": [1, 3, 2, 4, 6, 5]},
    ],
    "engagement-personnel": [{"participant": "Camille Martin", "value": 4}],
    "satisfaction": [5, 4, 4, 3, {"participant": "Nathalie Roux", "value": 5}],
    "mot-de-sortie": [
        {"participant": "Inès Benali", "value": "élan"},
        {"participant": "Julien Moreau", "value": "Élan"},
        {"participant": "Karim Haddad", "value": "confiance"},
    ],
}

AG_ANSWERS: dict[str, Any] = {
    "attendance": {
        # named present: with the bundled register, members are absent until signed in
        "Hélène Marchand": "present",
        "Olivier Dumas": "present",
        "François Lemaire": "present",
        "Camille Martin": "present",
        "Karim Haddad": "present",
        "Nathalie Roux": "present",
        "Anne-Laure Delmas": "present",
        "Amélie Arnaud": "present",
        "Bruno Besson": "present",
        "Chloé Chevalier": "present",
        "Bertrand Vasseur": "excused",
        "Julien Moreau": {"status": "represented", "by": "Hélène Marchand"},
        "Sophie Garnier": {"status": "represented", "by": "Olivier Dumas"},
    },
    "approbation-pv-precedent": [{"pour": 9, "contre": 0, "abstention": 0}],
    "approbation-rapport-moral": [{"pour": 7, "contre": 1, "abstention": 1}],
    "approbation-comptes": [{"pour": 5, "contre": 3, "abstention": 0, "blanc": 1}],
    "quitus-conseil": [{"pour": 4, "contre": 4, "abstention": 1}],
    "budget-previsionnel": [{"pour": 8, "contre": 1}],
    "montant-cotisation": [{"pour": 3, "contre": 5, "abstention": 1}],
    # the board's election by secret ballot: one ballot per member present, one more per
    # proxy held (Hélène Marchand carries Julien Moreau, Olivier Dumas Sophie Garnier);
    # Nathalie Roux and three others do not vote; 8 ballots, 2 of them blank
    "election-conseil": [
        {"participant": "Hélène Marchand", "value": ["Camille Martin", "Karim Haddad"]},
        {"participant": "Hélène Marchand", "for": "Julien Moreau", "value": ["Camille Martin"]},
        {"participant": "Olivier Dumas", "for": "Sophie Garnier", "value": []},
        {"participant": "Olivier Dumas", "value": ["Camille Martin", "Nathalie Roux"]},
        {"participant": "François Lemaire", "value": "Camille Martin, Karim Haddad, Nathalie Roux"},
        {"participant": "Camille Martin", "value": ["Karim Haddad"]},
        {"participant": "Karim Haddad", "value": ["Camille Martin", "Karim Haddad"]},
        {"participant": "Anne-Laure Delmas", "value": "blanc"},
    ],
    "questions-au-conseil": [
        {"participant": "Camille Martin", "value": HOSTILE["script"]},
        {"participant": "Karim Haddad", "value": HOSTILE["link"]},
        HOSTILE["formula"],
    ],
    "pouvoirs-formalites": [{"pour": 9}],
}


def agenda_with(tmp_path: Path, name: str, changes: dict[str, Any]) -> Path:
    """A copy of a bundled agenda with top-level keys replaced (e.g. the assembly block)."""
    loaded = load_agenda(name)
    data = loaded.agenda.model_dump(mode="json", exclude_none=True)
    if data.pop("participants_file", None):
        # the bundled assembly's register (40 members): its first thirteen, inline, are the
        # roster these tests were written for
        data["participants"] = data["participants"][:13]
    data.update(changes)
    path = tmp_path / f"{name}-variant.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@dataclass
class Recorded:
    journal: Journal
    writer: SessionWriter
    clock: FakeClock

    @property
    def session_id(self) -> str:
        return self.writer.session_id

    def minutes(self, kind: str = "compte-rendu") -> Minutes:
        return load_minutes(self.journal, self.journal.session(self.session_id), kind)  # type: ignore[arg-type]


# The bundled seminar with its third part held in plenary (its workshops left out): the minutes
# tests answer its questions from the plenary's answers file, which a split segment's questions
# would refuse (they are asked in each workshop: tests/test_minutes_workshops.py tests those).
SEMINAR_IN_PLENARY = "co-construisons-demain, en plénière"


def _loaded(agenda: str | Path) -> LoadedAgenda:
    if agenda != SEMINAR_IN_PLENARY:
        return load_agenda(str(agenda))
    bundled = load_agenda("co-construisons-demain")
    segments = [s.model_copy(update={"workshops": []}) for s in bundled.agenda.segments]
    plenary = bundled.agenda.model_copy(update={"segments": segments})
    assert not plenary.all_workshops()
    return LoadedAgenda(agenda=plenary, source=bundled.source, text=bundled.text)


def open_recorded(
    tmp_path: Path,
    agenda: str | Path = SEMINAR_IN_PLENARY,
    *,
    start: datetime = START,
    journal: Journal | None = None,
    **setup: Any,
) -> Recorded:
    loaded = _loaded(agenda)
    journal = journal or Journal.open(tmp_path / "journal.sqlite3")
    clock = FakeClock(start=start)
    session_id = open_session(journal, loaded, SessionSetup(**setup), clock)
    writer = SessionWriter(journal, journal.session(session_id), clock)
    writer.hold_anonymous_key()  # as `start` does: this process opens the sealed ballots
    return Recorded(journal, writer, clock)


def run_headless(
    tmp_path: Path,
    agenda: str | Path = SEMINAR_IN_PLENARY,
    answers: dict[str, Any] | None = None,
    **setup: Any,
) -> Recorded:
    """The whole agenda run as ``seminar start --no-input --answers``, on a fake clock."""
    rec = open_recorded(tmp_path, agenda, **setup)
    script = None
    if answers is not None:
        path = tmp_path / "answers.yaml"
        path.write_text(yaml.safe_dump(answers, allow_unicode=True), encoding="utf-8")
        script = load_answers_file(path, rec.writer.agenda)
    # as `start` records it: the answers file's attendance, checked (proxies) as a whole
    attendance = attendance_from_answers(rec.writer.agenda, script)
    check_attendance_list(rec.writer.agenda, attendance)
    for name, status, by in attendance:
        rec.writer.record(EventType.attendance, participant=name, status=status, represented_by=by)
    Runner(rec.writer, HeadlessControls(), None, script).run()
    return rec
