"""Parallel workshops in an agenda (#16, PRODUCT §8 and §9 "Streams"): every rule as
`seminar agenda validate` reports it — place, line, and the message in both languages — and
what a valid agenda with workshops gives the rest of the tool."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from seminar_cli.agenda.loader import parse_agenda_text
from seminar_cli.agenda.models import Agenda, SegmentKind
from tests.test_agenda_models import problems

# a roster of four, and one segment split into two workshops (lines matter: see the messages)
VALID = """\
title: T
participants:
  - name: Ana
  - name: Bob
  - name: Chloé
  - name: Dan
segments:
  - id: ateliers
    title: Ateliers
    kind: workshop
    duration: 40m
    prompts:
      - id: commune
        question: Une question pour tous ?
    workshops:
      - id: nord
        title: Atelier nord
        facilitator: Claire
        room: Salle 1
        participants: [Ana, bob]
        prompts:
          - id: nord-q
            question: Au nord ?
            who: each
      - id: sud
        title: Atelier sud
        room: Salle 2
        participants: [Chloé]
        prompts:
          - id: sud-q
            question: Au sud ?
            type: rating
            who: room
  - id: restitution
    title: Restitution
    kind: restitution
    duration: 20m
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "agenda.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def changed(old: str, new: str) -> str:
    assert VALID.count(old) == 1, old
    return VALID.replace(old, new)


def test_a_segment_with_workshops_is_valid_and_keeps_each_prompt_in_its_place(cli, tmp_path):
    result = cli("--lang", "en", "agenda", "validate", str(write(tmp_path, VALID)))
    assert result.code == 0
    # the segment's prompt and each workshop's: every prompt the file holds
    assert (
        result.err
        == f"{tmp_path / 'agenda.yaml'}: valid (2 segments, 2 workshops, 3 prompts, 1 h)\n"
    )
    agenda = parse_agenda_text(VALID, "a.yaml")
    segment = agenda.segment("ateliers")
    assert [w.id for _s, w in agenda.all_workshops()] == ["nord", "sud"]
    assert segment.workshops[0].participants == ["Ana", "bob"]  # case ignored against the roster
    # a session asks the plenary's prompts only: the workshops' are theirs
    assert [p.id for _s, p in agenda.all_prompts()] == ["commune"]
    assert agenda.find_prompt("nord-q") is None
    found = agenda.find_workshop_of_prompt("sud-q")
    assert found is not None and found.id == "sud"
    assert agenda.find_workshop_of_prompt("commune") is None


def test_a_stored_agenda_keeps_its_workshops_and_one_without_is_stored_as_before():
    agenda = parse_agenda_text(VALID, "a.yaml")
    assert Agenda.model_validate_json(agenda.model_dump_json()) == agenda
    stored = json.loads(agenda.model_dump_json())
    assert "workshops" in stored["segments"][0] and "workshops" not in stored["segments"][1]
    # an empty list is no workshop at all, on any kind of segment
    plain = parse_agenda_text(
        "title: T\nsegments:\n  - title: A\n    duration: 5\n    workshops: []\n", "a.yaml"
    )
    assert plain.segments[0].workshops == []
    assert "workshops" not in json.loads(plain.model_dump_json())["segments"][0]


def test_a_restitution_without_workshops_before_it_stays_valid(cli, tmp_path):
    """Agendas written before #16 used `restitution` after table work that was not modelled."""
    text = "title: T\nsegments:\n  - title: Restitution\n    kind: restitution\n    duration: 5\n"
    result = cli("agenda", "validate", str(write(tmp_path, text)))
    assert result.code == 0 and "Attention" not in result.err


def test_without_a_roster_a_workshop_names_its_people_freely():
    text = VALID.split("segments:")[0].split("participants:")[0] + "segments:"
    text += VALID.split("segments:")[1]
    agenda = parse_agenda_text(text, "a.yaml")
    assert agenda.participants == [] and agenda.segment("ateliers").workshops[1].participants


def test_one_person_may_join_workshops_of_two_segments():
    second = VALID.split("segments:\n")[1].split("  - id: restitution")[0]
    second = second.replace("id: ateliers", "id: encore").replace("id: nord", "id: nord-2")
    second = second.replace("id: sud\n", "id: sud-2\n").replace("-q\n", "-q2\n")
    second = second.replace("id: commune", "id: commune-2")
    agenda = parse_agenda_text(VALID + second, "a.yaml")
    assert [w.id for _s, w in agenda.all_workshops()] == ["nord", "sud", "nord-2", "sud-2"]


# (rule, agenda text, French problem, English problem)
CASES: list[tuple[str, str, str, str]] = [
    (
        "a single workshop",
        VALID.split("      - id: sud\n")[0]
        + "  - id: restitution\n    title: R\n    kind: restitution\n    duration: 5\n",
        "ligne 16 · segments[0].workshops : il faut au moins deux ateliers (ici 1) : des "
        "ateliers se tiennent en parallèle, et un seul atelier, c'est la séquence elle-même ; "
        "mettez ses questions dans la séquence (prompts) et retirez workshops",
        "line 16 · segments[0].workshops: at least two workshops are needed (here 1): workshops "
        "run side by side, and a single workshop is the segment itself; put its prompts on the "
        "segment and remove workshops",
    ),
    (
        "workshops on a discussion",
        changed("    kind: workshop\n", ""),
        "ligne 15 · segments[0].workshops : des ateliers (workshops) ne vont que dans une "
        "séquence de type workshop, pas discussion : écrivez kind: workshop",
        "line 15 · segments[0].workshops: workshops only go in a segment of kind workshop, not "
        "discussion: write kind: workshop",
    ),
    (
        "a vote in a workshop",
        changed("            type: rating\n", "            type: vote\n"),
        "ligne 32 · segments[0].workshops[1].prompts[0].type : pas de question de type vote "
        "dans une séquence en ateliers : une assemblée ne se divise pas, chacun y vote une "
        "fois, en plénière ; mettez ce scrutin dans une séquence sans ateliers",
        "line 32 · segments[0].workshops[1].prompts[0].type: no vote prompt in a segment split "
        "into workshops: an assembly does not split, everyone votes once, in plenary; put this "
        "ballot in a segment without workshops",
    ),
    (
        "an election asked in every workshop",
        changed(
            "        question: Une question pour tous ?\n",
            "        question: Une question pour tous ?\n"
            "        type: election\n        candidates: [Ana, Bob]\n",
        ),
        "ligne 15 · segments[0].prompts[0].type : pas de question de type election dans une "
        "séquence en ateliers : une assemblée ne se divise pas, chacun y vote une fois, en "
        "plénière ; mettez ce scrutin dans une séquence sans ateliers",
        "line 15 · segments[0].prompts[0].type: no election prompt in a segment split into "
        "workshops: an assembly does not split, everyone votes once, in plenary; put this "
        "ballot in a segment without workshops",
    ),
    (
        "two workshops with one id",
        changed("      - id: sud\n", "      - id: nord\n"),
        "ligne 25 · segments[0].workshops[1].id : l'identifiant « nord » est déjà celui de "
        "l'atelier segments[0].workshops[0] : chaque atelier de l'agenda a son propre id",
        "line 25 · segments[0].workshops[1].id: the id 'nord' is already the one of the "
        "workshop segments[0].workshops[0]: every workshop of the agenda needs its own id",
    ),
    (
        "a workshop id taken in another segment",
        VALID
        + "  - id: encore\n    title: Encore\n    kind: workshop\n    duration: 5\n"
        + "    workshops:\n      - id: est\n        title: Est\n"
        + "      - id: sud\n        title: Sud encore\n",
        "ligne 45 · segments[2].workshops[1].id : l'identifiant « sud » est déjà celui de "
        "l'atelier segments[0].workshops[1] : chaque atelier de l'agenda a son propre id",
        "line 45 · segments[2].workshops[1].id: the id 'sud' is already the one of the workshop "
        "segments[0].workshops[1]: every workshop of the agenda needs its own id",
    ),
    (
        "a workshop prompt with the id of the segment's",
        changed("          - id: nord-q\n", "          - id: commune\n"),
        "ligne 22 · segments[0].workshops[0].prompts[0].id : l'identifiant « commune » est "
        "déjà celui de la question segments[0].prompts[0] : chaque question de l'agenda a son "
        "propre id",
        "line 22 · segments[0].workshops[0].prompts[0].id: the id 'commune' is already the one "
        "of the prompt segments[0].prompts[0]: every prompt of the agenda needs its own id",
    ),
    (
        "a segment prompt with the id of a workshop's",
        changed(
            "    duration: 20m\n",
            "    duration: 20m\n    prompts:\n      - id: sud-q\n        question: Encore ?\n",
        ),
        "ligne 39 · segments[1].prompts[0].id : l'identifiant « sud-q » est déjà celui de la "
        "question segments[0].workshops[1].prompts[0] : chaque question de l'agenda a son "
        "propre id",
        "line 39 · segments[1].prompts[0].id: the id 'sud-q' is already the one of the prompt "
        "segments[0].workshops[1].prompts[0]: every prompt of the agenda needs its own id",
    ),
    (
        "a participant outside the roster",
        changed("participants: [Chloé]", "participants: [Chloé, Zoé]"),
        "ligne 28 · segments[0].workshops[1].participants[1] : « Zoé » n'est pas dans la liste "
        "des participants : écrivez le nom comme la liste (participants ou participants_file) "
        "l'écrit",
        "line 28 · segments[0].workshops[1].participants[1]: 'Zoé' is not in the participants "
        "list: write the name as the list (participants or participants_file) writes it",
    ),
    (
        "a participant in two workshops of a segment",
        changed("participants: [Chloé]", "participants: [Chloé, ANA]"),
        "ligne 28 · segments[0].workshops[1].participants[1] : « ANA » est déjà dans "
        "workshops[0] (nord) : chacun participe à un seul atelier de la séquence",
        "line 28 · segments[0].workshops[1].participants[1]: 'ANA' is already in workshops[0] "
        "(nord): each person takes part in one workshop of the segment",
    ),
    (
        "a participant twice in one workshop",
        changed("participants: [Ana, bob]", "participants: [Ana, ana]"),
        "ligne 20 · segments[0].workshops[0].participants[1] : « ana » est déjà dans "
        "workshops[0] (nord) : chacun participe à un seul atelier de la séquence",
        "line 20 · segments[0].workshops[0].participants[1]: 'ana' is already in workshops[0] "
        "(nord): each person takes part in one workshop of the segment",
    ),
    (
        "a workshop without a title",
        changed("        title: Atelier sud\n", ""),
        "ligne 25 · segments[0].workshops[1].title : champ obligatoire manquant",
        "line 25 · segments[0].workshops[1].title: required field missing",
    ),
    (
        "a workshop id that is not an identifier",
        changed("      - id: sud\n", "      - id: Sud Ouest\n"),
        "ligne 25 · segments[0].workshops[1].id : identifiant invalide « Sud Ouest » : lettres "
        "sans accents, chiffres, - et _ seulement",
        "line 25 · segments[0].workshops[1].id: invalid identifier 'Sud Ouest': plain letters, "
        "digits, - and _ only",
    ),
]


@pytest.mark.parametrize(("rule", "text", "french", "english"), CASES, ids=[c[0] for c in CASES])
def test_each_rule_is_located_in_both_languages(cli, tmp_path, rule, text, french, english):
    path = write(tmp_path, text)
    assert problems(cli, path) == [french]
    assert problems(cli, path, "--lang", "en") == [english]


def test_the_bundled_seminar_keeps_its_kinds():
    """The workshop segment is of kind workshop and a restitution follows it (PRODUCT §8)."""
    from seminar_cli.agenda.loader import load_agenda

    agenda = load_agenda(None).agenda
    kinds = [s.kind for s in agenda.segments]
    index = next(i for i, s in enumerate(agenda.segments) if s.workshops)
    assert kinds[index] is SegmentKind.workshop and kinds[index + 1] is SegmentKind.restitution


def test_an_answers_file_naming_a_workshops_prompt_or_a_split_segments_is_told_why(cli, tmp_path):
    """The plenary asks neither (PRODUCT §9 "Streams"): the answers would be lost, so the file
    is refused with where they go instead."""
    agenda = write(tmp_path, VALID)
    answers = tmp_path / "answers.yaml"
    answers.write_text("commune: [oui]\nsud-q: [4]\n", encoding="utf-8")
    for lang, said in (
        (
            "fr",
            [
                "commune : question posée dans chaque atelier de la séquence « ateliers », pas "
                "en plénière : donnez ses réponses à chaque atelier, avec seminar join --workshop "
                "ATELIER --answers FICHIER",
                "sud-q : question de l'atelier « sud » : donnez ses réponses à l'atelier, avec "
                "seminar join --workshop sud --answers FICHIER",
            ],
        ),
        (
            "en",
            [
                "commune : a prompt asked in each workshop of the segment 'ateliers', not in "
                "plenary: give its answers to each workshop, with seminar join --workshop "
                "WORKSHOP --answers FILE",
                "sud-q : a prompt of the workshop 'sud': give its answers to that workshop, with "
                "seminar join --workshop sud --answers FILE",
            ],
        ),
    ):
        result = cli("--lang", lang, "start", str(agenda), "--no-input", "--answers", str(answers))
        assert result.code == 1, result
        assert "Traceback" not in result.err
        told = " ".join(result.err.split())
        for sentence in said:
            assert f"• {sentence}" in told, told


def test_the_example_of_the_docs_is_valid():
    doc = (Path(__file__).resolve().parent.parent / "docs" / "agenda-format.md").read_text(
        encoding="utf-8"
    )
    section = doc[doc.index("## Ateliers en parallèle") :]
    example = section[section.index("```yaml\n") + 8 :]
    example = example[: example.index("```")]
    agenda = parse_agenda_text(textwrap.dedent(example), "doc.yaml")
    assert len(agenda.all_workshops()) >= 2


def test_the_bundled_seminar_runs_headless_through_its_workshops(cli):
    """The plenary session goes from start to end: the workshop segment counts down, and its
    prompts — its own, asked in every workshop, and the workshops' — are the workshops' runners'
    (`seminar workshop`): the plenary opens none of them, while it still asks the others."""
    from seminar_cli.journal.events import EventType
    from seminar_cli.session.service import load_state
    from tests.session_helpers import journal, only_session

    result = cli("start", "--no-input", "--speed", "1000")
    assert result.code == 0, result.err
    assert "Ré-inventons la manière d'apprendre à faire alliance (45 min)" in result.err
    state = load_state(journal(), journal().session(only_session()))
    assert state.closed and all(s.done for s in state.segments.values())
    segment = state.agenda.segment("re-inventons")
    shared = {p.id for p in segment.prompts}
    assert shared == {
        "table-public",
        "faire-vivre-alliance",
        "competences-catalyseurs",
        "outille-alliance",
    }
    own = {p.id for w in segment.workshops for p in w.prompts}
    assert len(own) == 8
    opened = {
        e.payload["prompt"]
        for e in journal().events(only_session(), streams=None)
        if e.type == EventType.prompt_opened
    }
    plenary = {p.id for s in state.agenda.segments if not s.workshops for p in s.prompts}
    assert opened == plenary and not opened & (shared | own)


def test_a_register_of_members_is_the_roster_workshops_name(cli, tmp_path):
    (tmp_path / "membres.csv").write_text(
        "name;organization;group;member\nAna;A;x;oui\nBob;B;y;non\n", encoding="utf-8"
    )
    text = VALID.split("participants:\n", 1)[0] + "participants_file: membres.csv\n"
    text += "segments:" + VALID.split("segments:", 1)[1]
    text = text.replace("[Ana, bob]", "[Ana]").replace("[Chloé]", "[BOB]")  # a guest too
    path = write(tmp_path, text)
    assert cli("agenda", "validate", str(path)).code == 0
    path.write_text(text.replace("participants: [BOB]", "participants: [Chloé]"), "utf-8")
    assert problems(cli, path) == [
        "ligne 24 · segments[0].workshops[1].participants[0] : « Chloé » n'est pas dans la "
        "liste des participants : écrivez le nom comme la liste (participants ou "
        "participants_file) l'écrit"
    ]


def test_show_without_shared_prompts_in_english(cli, tmp_path):
    text = VALID.replace(
        "    prompts:\n      - id: commune\n        question: Une question pour tous ?\n", ""
    )
    result = cli("--lang", "en", "agenda", "show", str(write(tmp_path, text)))
    assert result.code == 0, result
    assert "◆ 2 parallel workshops (details below)" in result.out
    assert "each asking" not in result.out
    assert "Workshops of 'Ateliers'" in result.out
    # a workshop without a facilitator says so with a dash, never an empty cell
    cells = [
        [c.strip() for c in line.strip("│").split("│")]
        for line in result.out.split("Workshops of 'Ateliers'")[1].splitlines()
        if line.startswith("│")
    ]
    assert cells == [
        ["Atelier nord", "Salle 1", "2", "1"],
        ["", "Claire", "", ""],
        ["Atelier sud", "Salle 2", "1", "1"],
        ["", "—", "", ""],
    ]
