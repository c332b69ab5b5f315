"""The agenda JSON Schema (`seminar agenda schema`) against the loader (issue #13, point 8): every
invalid agenda below is refused by the loader; the schema refuses all of them but the rules JSON
Schema cannot say, and those are listed in docs/agenda-format.md."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from seminar_cli.agenda.loader import parse_agenda_text
from seminar_cli.agenda.models import agenda_schema
from seminar_cli.errors import AgendaError
from tests.conftest import seminar_cmd, subprocess_env

REPO = Path(__file__).resolve().parent.parent

OK_PROMPT = "      - id: q\n        question: Q ?\n"


def agenda(segment_extra: str = "", prompt: str = "", top: str = "") -> str:
    text = "title: Test\n" + top + "segments:\n  - id: s1\n    title: Un\n    duration: 10m\n"
    text += segment_extra
    if prompt:
        text += "    prompts:\n" + OK_PROMPT + prompt
    return text


# (rule, agenda text, instance as an editor's YAML 1.2 reads it when it differs, schema catches)
CASES: list[tuple[str, str, Any, bool]] = [
    (
        "choices on a rating",
        agenda(prompt="        type: rating\n        choices: [a, b]\n"),
        None,
        True,
    ),
    (
        "fewer than two choices",
        agenda(prompt="        type: choice\n        choices: [a]\n"),
        None,
        True,
    ),
    (
        "choices not unique",
        agenda(prompt="        type: multi\n        choices: [a, a]\n"),
        None,
        True,
    ),
    ("no choices for a choice", agenda(prompt="        type: ranking\n"), None, True),
    (
        "labels on a choice",
        agenda(prompt="        type: choice\n        choices: [a, b]\n        labels: {1: x}\n"),
        None,
        True,
    ),
    ("min or max on a text", agenda(prompt="        max: 3\n"), None, True),
    (
        "majority on a prompt that is not a vote",
        agenda(prompt="        type: yesno\n        majority: absolute\n"),
        None,
        True,
    ),
    ("impossible clock time", agenda(top='starts_at: "25:61"\n'), None, True),
    ("bad duration", agenda().replace("10m", "dix minutes"), None, True),
    ("unknown key", agenda(segment_extra="    colour: red\n"), None, True),
    ("unknown prompt type", agenda(prompt="        type: poll\n"), None, True),
    (
        "unquoted yes as text",
        "title: yes\nsegments:\n  - title: Un\n    duration: 10m\n",
        {"title": "yes", "segments": [{"title": "Un", "duration": "10m"}]},
        True,
    ),
    (
        "duplicate segment ids",
        agenda() + "  - id: s1\n    title: Deux\n    duration: 5m\n",
        None,
        False,
    ),
    ("duplicate prompt ids", agenda(prompt=OK_PROMPT), None, False),
    (
        "duplicate participant names",
        agenda(top="participants:\n  - name: Ana\n  - name: ana\n"),
        None,
        False,
    ),
    (
        "rating min not below max",
        agenda(prompt="        type: rating\n        min: 5\n        max: 5\n"),
        None,
        False,
    ),
    (
        "rating scale wider than 100",
        agenda(prompt="        type: rating\n        min: 0\n        max: 200\n"),
        None,
        False,
    ),
    (
        "rating label outside the scale",
        agenda(prompt="        type: rating\n        labels: {9: trop}\n"),
        None,
        False,
    ),
    (
        "multi picks beyond the choices",
        agenda(prompt="        type: multi\n        choices: [a, b]\n        max: 3\n"),
        None,
        False,
    ),
    ("duplicate YAML keys", agenda(top="title: Encore\n"), None, False),
    ("YAML tags", agenda(top="place: !!python/name:os.system x\n"), None, False),
]


# PRODUCT §9 "Who, ballot, anonymous" and "Elections"
CASES += [
    (
        "secret vote at the projected keyboard",
        agenda(prompt="        type: vote\n        who: each\n        anonymous: true\n"),
        None,
        True,
    ),
    (
        "secret ballot at the projected keyboard",
        agenda(prompt="        type: vote\n        who: each\n        ballot: secret\n"),
        None,
        True,
    ),
    (
        "show of hands from phones",
        agenda(prompt="        type: vote\n        who: open\n        ballot: hands\n"),
        None,
        True,
    ),
    (
        "secret show of hands",
        agenda(prompt="        type: vote\n        who: room\n        ballot: secret\n"),
        None,
        True,
    ),
    (
        "anonymous roll call",
        agenda(prompt="        type: vote\n        ballot: roll_call\n        anonymous: true\n"),
        None,
        True,
    ),
    (
        "named secret ballot",
        agenda(prompt="        type: vote\n        ballot: secret\n        anonymous: false\n"),
        None,
        True,
    ),
    ("ballot on a text prompt", agenda(prompt="        ballot: secret\n"), None, True),
    (
        "election for the room",
        agenda(prompt="        type: election\n        candidates: [A, B]\n        who: room\n"),
        None,
        True,
    ),
    ("election without candidates", agenda(prompt="        type: election\n"), None, True),
    (
        "candidates on a vote",
        agenda(prompt="        type: vote\n        candidates: [A, B]\n"),
        None,
        True,
    ),
    (
        "election candidates differing only by case",
        agenda(prompt="        type: election\n        candidates: [Ana, ana]\n"),
        None,
        False,
    ),
    (
        "election seats beyond the candidates",
        agenda(prompt="        type: election\n        candidates: [A, B]\n        seats: 3\n"),
        None,
        False,
    ),
]


def workshops(kind: str = "    kind: workshop\n", *extra: str, top: str = "") -> str:
    """A segment split into workshops ``w1`` and ``w2``; ``extra`` adds to w2, in order: its
    participants, then its prompts."""
    text = agenda(segment_extra=kind, top=top)
    text += "    workshops:\n      - id: w1\n        title: Un\n        participants: [Ana]\n"
    text += "      - id: w2\n        title: Deux\n" + "".join(extra)
    return text


# PRODUCT §8: parallel workshops (#16)
CASES += [
    (
        "a single workshop",
        agenda(segment_extra="    kind: workshop\n")
        + "    workshops:\n      - id: w1\n        title: Un\n",
        None,
        True,
    ),
    ("workshops on a segment of another kind", workshops(""), None, True),
    (
        "a vote in a workshop",
        workshops(
            "    kind: workshop\n",
            "        prompts:\n          - id: v\n            question: V ?\n",
            "            type: vote\n",
        ),
        None,
        True,
    ),
    (
        "a vote asked in every workshop",
        workshops("    kind: workshop\n    prompts:\n" + OK_PROMPT + "        type: vote\n"),
        None,
        True,
    ),
    (
        "duplicate workshop ids",
        workshops().replace("id: w2", "id: w1"),
        None,
        False,
    ),
    (
        "a workshop's participant outside the roster",
        workshops(top="participants:\n  - name: Bob\n"),
        None,
        False,
    ),
    (
        "a participant in two workshops of a segment",
        workshops("    kind: workshop\n", "        participants: [ana]\n"),
        None,
        False,
    ),
]


def schema_errors(instance: Any) -> list[str]:
    validator = jsonschema.Draft202012Validator(agenda_schema())
    return [e.message for e in validator.iter_errors(instance)]


def editor_reading(text: str) -> Any:
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError:
        return None


@pytest.mark.parametrize(
    ("rule", "text", "instance", "schema_catches"), CASES, ids=[c[0] for c in CASES]
)
def test_the_loader_refuses_and_the_schema_says_what_it_can(rule, text, instance, schema_catches):
    with pytest.raises(AgendaError):
        parse_agenda_text(text, "agenda.yaml")
    if rule == "YAML tags":  # an editor's YAML reader stops at the tag: nothing for a schema
        return
    data = instance if instance is not None else editor_reading(text)
    assert bool(schema_errors(data)) is schema_catches, rule


def test_the_rules_only_the_loader_checks_are_documented():
    only_loader = [rule for rule, _, _, catches in CASES if not catches]
    doc = (REPO / "docs" / "agenda-format.md").read_text(encoding="utf-8")
    section = doc[doc.index("## What only the loader checks") :]
    section = section[: section.find("\n## ", 4)] if "\n## " in section[4:] else section
    listed = re.findall(r"^- (.+?)(?: —|$)", section, flags=re.M)
    assert sorted(listed) == sorted(only_loader)


def test_bundled_agendas_are_valid_against_the_schema():
    for path in sorted((REPO / "agendas").glob("*.yaml")):
        assert schema_errors(yaml.safe_load(path.read_text(encoding="utf-8"))) == [], path.name


def test_majority_off_a_vote_is_refused_in_both_languages(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text(
        agenda(prompt="        type: choice\n        choices: [a, b]\n        majority: absolute\n")
    )
    for lang, words in (
        ("fr", "majority ne va qu'avec une question de type vote"),
        ("en", "majority only goes with a vote prompt"),
    ):
        done = subprocess.run(
            [*seminar_cmd(), "--lang", lang, "agenda", "validate", str(path)],
            capture_output=True,
            text=True,
            env=subprocess_env(tmp_path),
            timeout=120,
            check=False,
        )
        assert done.returncode == 1
        assert (
            "segments[0].prompts[0].majority" in done.stderr + done.stdout
            and words in done.stderr + done.stdout
        )


def test_a_warn_at_longer_than_its_segment_is_a_warning(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text(agenda(segment_extra="    warn_at: [15m, 2m]\n"))
    done = subprocess.run(
        [*seminar_cmd(), "--lang", "en", "agenda", "validate", str(path)],
        capture_output=True,
        text=True,
        env=subprocess_env(tmp_path),
        timeout=120,
        check=False,
    )
    assert done.returncode == 0
    assert "warn_at 15 min is not shorter than the segment (10 min)" in done.stdout + done.stderr
