"""Property tests over answers files (``--answers``): whatever a file holds — random structures,
unicode, control characters, huge numbers, nested lists and mappings, the wrong type for a
prompt — ``seminar start --no-input`` answers with exit 0 or 1 and never a traceback.

On exit 1 the message names the file and locates each problem, and nothing was recorded.  On
exit 0 the journal holds exactly the answers of the file, each in its normal form (normalising
it again changes nothing)."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seminar_cli.agenda.loader import load_agenda
from seminar_cli.journal.events import EventType
from seminar_cli.journal.store import Journal
from seminar_cli.session.answers import load_answers_file, normalise_answer
from tests.session_helpers import InstantClock

AGENDA = """\
title: Torture des réponses
language: fr
participants:
  - name: Inès
  - name: Hugo
segments:
  - id: un
    title: Un
    duration: 2m
    prompts:
      - {id: texte, question: "Texte ?", type: text}
      - {id: long, question: "Long ?", type: long_text, who: each}
      - {id: choix, question: "Choix ?", type: choice, choices: [Rouge, Vert, Bleu]}
      - {id: multi, question: "Multi ?", type: multi, choices: [A, B, C], max: 2}
      - {id: note, question: "Note ?", type: rating, min: 0, max: 10, who: each}
      - {id: oui, question: "Oui ?", type: yesno, anonymous: true}
      - {id: mots, question: "Mots ?", type: words, max_words: 3}
  - id: deux
    title: Deux
    duration: 2m
    prompts:
      - {id: classement, question: "Classement ?", type: ranking, choices: [X, Y, Z]}
      - {id: scrutin, question: "Scrutin ?", type: vote, anonymous: true}
      - {id: mains, question: "Mains levées ?", type: vote, who: room}
      - {id: requis, question: "Requis ?", type: text, required: true, who: room}
"""
PROMPTS = [
    "texte",
    "long",
    "choix",
    "multi",
    "note",
    "oui",
    "mots",
    "classement",
    "scrutin",
    "mains",
    "requis",
]

SETTINGS = settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,  # the cli and app_clock fixtures hold no state
    ],
)

# markers replaced, after dumping, by numbers too long for Python to turn into text at once
HUGE = {
    "__HUGE_DEC__": "9" * 5000,
    "__HUGE_HEX__": "0x" + "f" * 5000,
    "__LONG_DIGITS__": '"' + "7" * 5000 + '"',
}

ODD = [
    *"\t\n\r\x00\x07\x1b\x7f\x85\u00a0\u200b\u200e\u202e\u2028\u2066\ufeff²³¹٣߂Ⅻ①𝟘",
    *["  ", "\r\n", "\\", "'", '"', ": ", "- ", "#", "&a", "*a", "!!int", "{", "]", "%", "@", "`"],
]
TEXT = st.lists(
    st.one_of(st.characters(blacklist_categories=("Cs",)), st.sampled_from(ODD)), max_size=25
).map("".join)
# text a participant could type: letters, numbers, punctuation, symbols (emoji), spaces, lines
CLEAN_TEXT = st.lists(
    st.one_of(
        st.characters(whitelist_categories=("L", "M", "N", "P", "S", "Zs")),
        st.sampled_from(["\n", "\t", "<script>", "[x](javascript:1)", "=1+1", "مرحبا", "🎉"]),
    ),
    max_size=30,
).map("".join)
WORDS = [
    "Rouge",
    "rouge",
    "VERT",
    "Bleu ",
    "A",
    "b",
    "X",
    "Y",
    "Z",
    "oui",
    "Non",
    "yes",
    "vrai",
    "1",
    "2",
    "3",
    "0",
    "10",
    "11",
    "-1",
    "pour",
    "Contre",
    "abstention",
    "blanc",
    "for",
    "against",
    "A, B",
    "A;C",
    "X > Y > Z",
    "participant",
    "value",
]
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**6), max_value=10**6),
    st.integers(min_value=-(10**40), max_value=10**40),
    st.floats(allow_nan=True, allow_infinity=True),
    TEXT,
    st.sampled_from(WORDS),
    st.sampled_from(sorted(HUGE)),
)
KEYS = st.one_of(
    st.sampled_from(
        ["participant", "value", "pour", "contre", "abstention", "blanc", "POUR", "status", "by"]
    ),
    TEXT,
    st.integers(min_value=-3, max_value=12),
    st.sampled_from(sorted(HUGE)),
)
VALUES = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(KEYS, children, max_size=4)
    ),
    max_leaves=12,
)
PEOPLE = st.one_of(st.sampled_from(["Inès", "Hugo", "Zoé", " ", ""]), TEXT, st.none(), VALUES)
DETAILED = st.builds(lambda who, value: {"participant": who, "value": value}, PEOPLE, VALUES)
ENTRY = st.one_of(VALUES, DETAILED, st.dictionaries(KEYS, VALUES, min_size=1, max_size=3))
ATTENDANCE = st.one_of(
    VALUES,
    st.dictionaries(
        st.one_of(st.sampled_from(["Inès", "Hugo", "hugo ", "Zoé"]), TEXT),
        st.one_of(
            st.sampled_from(["present", "excused", "absent", "represented", "Absent", "parti"]),
            st.fixed_dictionaries(
                {"status": st.sampled_from(["represented", "absent"]), "by": PEOPLE}
            ),
            VALUES,
        ),
        max_size=3,
    ),
)
RANDOM_FILE = st.dictionaries(
    st.one_of(st.sampled_from([*PROMPTS, "attendance"]), TEXT, st.integers(-2, 2)),
    st.one_of(st.lists(ENTRY, max_size=4), ENTRY, ATTENDANCE),
    max_size=6,
)


def _good_value(prompt: str) -> st.SearchStrategy[Any]:
    """Values that mostly fit the prompt (so that many examples run a whole session)."""
    choices = {"choix": ["Rouge", "Vert", "Bleu"], "multi": ["A", "B", "C"]}
    if prompt in ("texte", "long", "requis"):
        return CLEAN_TEXT
    if prompt == "choix":
        return st.one_of(st.sampled_from([*choices["choix"], "vert", " BLEU ", "2"]), st.just(3))
    if prompt == "multi":
        return st.one_of(
            st.lists(st.sampled_from(["A", "B", "C", "a", "3"]), max_size=3),
            st.sampled_from(["A, B", "c;a", "B"]),
        )
    if prompt == "note":
        return st.one_of(st.integers(-1, 11), st.sampled_from(["7", " 10 ", "٣"]))
    if prompt == "oui":
        return st.one_of(st.booleans(), st.sampled_from(["oui", "NON", "o", "y", "faux", 1, 0]))
    if prompt == "mots":
        return st.one_of(st.lists(CLEAN_TEXT, max_size=4), CLEAN_TEXT)
    if prompt == "classement":
        return st.one_of(st.permutations(["X", "Y", "Z"]), st.sampled_from(["z > x > y", "1, 2"]))
    if prompt == "scrutin":
        return st.sampled_from(["pour", "Contre", "abstention", "blanc", "for", "peut-être"])
    # mains: a show-of-hands tally
    return st.dictionaries(
        st.sampled_from(["pour", "contre", "abstention", "blanc", "Pour", "against"]),
        st.one_of(st.integers(0, 10**12), st.integers(-2, 2)),
        max_size=4,
    )


def _good_entries(prompt: str) -> st.SearchStrategy[Any]:
    value = _good_value(prompt)
    detailed = st.builds(
        lambda who, v: {"participant": who, "value": v},
        st.sampled_from(["Inès", "Hugo", "Zoé", "Ana María", "علي"]),
        value,
    )
    return st.one_of(st.lists(st.one_of(value, detailed), max_size=3), value)


GOOD_FILE = st.fixed_dictionaries(
    {}, optional={prompt: _good_entries(prompt) for prompt in PROMPTS}
).flatmap(
    lambda answers: st.one_of(
        st.just(answers),
        st.builds(
            lambda att: {"attendance": att, **answers},
            st.dictionaries(
                st.sampled_from(["Inès", "Hugo"]),
                st.sampled_from(["present", "excused", "absent"]),
                max_size=2,
            ),
        ),
    )
)

# YAML typed by hand: broken syntax, tags, anchors, odd scalars
RAW = st.lists(
    st.one_of(
        TEXT,
        st.sampled_from(
            [
                "texte: ",
                "choix: [",
                "]\n",
                "note: !!python/object/apply:os.system ['touch pwned']\n",
                "mots: &a [x, y]\nlong: *a\n",
                "<<: {texte: a}\n",
                "texte: !!binary aGVsbG8=\n",
                "note: !!float 5\n",
                "oui: !!int abc\n",
                "mains: {pour: 0b" + "1" * 3000 + "}\n",
                "choix: 0o" + "7" * 3000 + "\n",
                "note: 1_000\n",
                "note: 1:30\n",
                "mots: 2026-11-26\n",
                "texte: 2026-11-26 14:00:00\n",
                "? [a, b]\n: c\n",
                "texte: |\n  deux\n  lignes\n",
                "\ufeff",
                "---\n",
                "...\n",
            ]
        ),
    ),
    max_size=6,
).map("".join)


@pytest.fixture
def app_clock() -> type[InstantClock]:
    """Rehearsals at full speed take no time: the sessions ``cli`` runs sleep on this clock."""
    return InstantClock


@pytest.fixture
def agenda_file(tmp_path: Path) -> Path:
    path = tmp_path / "torture.yaml"
    path.write_text(AGENDA, encoding="utf-8")
    return path


def dump(structure: Any) -> str:
    text = yaml.safe_dump(structure, allow_unicode=True, sort_keys=False)
    for marker, literal in HUGE.items():
        text = text.replace(marker, literal)
    return text


# "  • ligne 3 · texte[0] : …" or "  • texte[0] : …" (a problem found after reading the YAML)
BULLET = re.compile(r"^  • ((ligne|line) \d+ · )?\S.*? : \S")


def check_run(cli: Callable[..., Any], agenda: Path, content: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        answers = Path(folder) / "réponses.yaml"
        answers.write_text(content, encoding="utf-8")
        db = Path(folder) / "journal.sqlite3"
        args = ["--db", str(db), "start", str(agenda), "--no-input", "--speed", "10000"]
        result = cli(*args, "--answers", str(answers))
        assert result.code in (0, 1), (result.code, result.err)
        assert "Traceback" not in result.err + result.out
        assert result.out == ""  # talk goes to stderr
        if result.code == 1:
            check_refusal(result.err, str(answers))
            assert not db.exists()  # refused before the session opened
            return
        check_journal(db, agenda, answers)


def check_refusal(err: str, path: str) -> None:
    assert err.startswith(path), err  # the file is named first
    lines = err.rstrip("\n").split("\n")
    if lines[0] in (f"{path} : des réponses ne conviennent pas à l'agenda :",):
        bullets = lines[1:]
        assert bullets, err
        for line in bullets:
            assert BULLET.match(line), line  # every problem has its place, on its own line
    else:
        assert len(lines) == 1 or lines[0].endswith(":"), err


def check_journal(db: Path, agenda_path: Path, answers: Path) -> None:
    agenda = load_agenda(str(agenda_path)).agenda
    expected_file = load_answers_file(answers, agenda)
    journal = Journal.open(db, create=False)
    try:
        (row,) = journal.sessions()
        assert row.status == "closed"
        given = [e.payload for e in journal.events(row.id) if e.type == EventType.answer_given]
    finally:
        journal.close()
    for payload in given:
        found = agenda.find_prompt(payload["prompt"])
        assert found is not None
        prompt = found[1]
        value = payload.get("value")
        if value is not None:
            # the stored form is a normal form: normalising it again changes nothing
            assert normalise_answer(prompt, value) == value, (prompt.id, value)
        if prompt.anonymous:
            assert payload.get("participant") is None
    # exactly the file's answers, once each (a second answer of the same person is ignored)
    expected: list[tuple[str, str | None, Any, str]] = []
    roster = {p.name for p in agenda.participants}
    status = {name: e.status for name, e in expected_file.attendance.items()}
    for prompt_id, entries in expected_file.answers.items():
        seen: set[str] = set()
        for entry in entries:
            if entry.voter is not None:
                # a member's secret ballot (PRODUCT §9): once per member present (or carried),
                # none for a name off the roster or a member not present
                member = entry.on_behalf or entry.voter
                present = entry.voter in roster and status.get(entry.voter, "present") == "present"
                if present and not entry.on_behalf and member not in seen:
                    seen.add(member)
                    expected.append((prompt_id, None, entry.value, None))
                continue
            if entry.participant is not None:
                if entry.participant in seen:
                    continue
                seen.add(entry.participant)
            expected.append((prompt_id, entry.participant, entry.value, entry.ref))
    recorded = [(p["prompt"], p.get("participant"), p.get("value"), p.get("ref")) for p in given]
    assert sorted(recorded, key=repr) == sorted(expected, key=repr)


@SETTINGS
@given(structure=RANDOM_FILE)
def test_random_answers_files_never_crash(cli, agenda_file, structure) -> None:
    check_run(cli, agenda_file, dump(structure))


@SETTINGS
@given(structure=GOOD_FILE)
def test_plausible_answers_files_are_recorded_in_their_normal_form(
    cli, agenda_file, structure
) -> None:
    check_run(cli, agenda_file, dump(structure))


@SETTINGS
@given(text=RAW)
def test_answers_files_typed_by_hand_never_crash(cli, agenda_file, text) -> None:
    check_run(cli, agenda_file, text)


@pytest.mark.slow
@settings(SETTINGS, max_examples=2000)
@given(structure=st.one_of(RANDOM_FILE, GOOD_FILE), text=RAW)
def test_many_more_answers_files(cli, agenda_file, structure, text) -> None:
    """The longer variant (--runslow): a few thousand files, structured and typed by hand."""
    check_run(cli, agenda_file, dump(structure))
    check_run(cli, agenda_file, text)


@pytest.mark.parametrize(
    ("content", "code", "expected"),
    [
        # found by the properties above: each one used to end in a traceback
        ("choix: ['²']\n", 1, "« ² » n'est pas un des choix"),
        ("choix: ['" + "7" * 5000 + "']\n", 1, "n'est pas un des choix"),
        ("choix: [" + "9" * 5000 + "]\n", 1, "n'est pas un des choix"),
        ("note: [" + "9" * 5000 + "]\n", 1, "donnez un nombre entier de 0 à 10"),
        ("mains: {pour: 0x" + "f" * 5000 + "}\n", 1, "doit être un nombre entier positif"),
        # a blank or invisible prompt id is shown quoted, so the reader sees where it is
        # (beside a real prompt: a file with no prompt id at all is quoted nowhere)
        ("texte: [a]\n'': [a]\n", 1, '  • [""] : aucune question'),
        ('texte: [a]\n"\\u200b": [a]\n', 1, '  • ["\\u200b"] : aucune question'),
        # a number too long to be one is the text the file holds
        ("texte: [0x" + "f" * 5000 + "]\n", 0, "Séance"),
    ],
)
def test_what_the_properties_found_gets_a_plain_answer(
    cli, agenda_file, content, code, expected
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        answers = Path(folder) / "réponses.yaml"
        answers.write_text(content, encoding="utf-8")
        db = Path(folder) / "journal.sqlite3"
        args = ["--db", str(db), "start", str(agenda_file), "--no-input", "--speed", "10000"]
        result = cli(*args, "--answers", str(answers))
        assert "Traceback" not in result.err
        assert (result.code, expected in result.err) == (code, True), result.err[:500]
        if code == 0:
            check_journal(db, agenda_file, answers)
