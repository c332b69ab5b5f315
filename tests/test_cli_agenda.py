"""`seminar agenda list | show | validate | new | schema`: what the user sees, exit codes,
and the bundled agendas."""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import pytest

from seminar_cli.agenda.bundled import DEFAULT_AGENDA, available_agendas, bundled_dir
from seminar_cli.agenda.loader import parse_agenda_text, read_agenda_file
from seminar_cli.agenda.models import PromptType, SegmentKind
from seminar_cli.agenda.starter import StarterAnswers, StarterSegment, render_starter
from tests.conftest import AGENDAS

OVERRUN = """\
title: Réunion trop longue
subtitle: Test
organization: Le RAMEAU
starts_at: "14:00"
ends_by: "15:00"
followed_by: Assemblée générale
participants:
  - name: Camille Martin
segments:
  - title: Accueil
    kind: welcome
    duration: 40m
    speaker: Camille Martin
    notes: Garder le rythme.
    prompts:
      - {id: humeur, question: Votre humeur, type: words, who: open}
  - title: Pause
    kind: break
    duration: 30m
    fixed: true
    prompts:
      - {id: note, question: La pause, type: rating, who: each}
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def rows(table: str) -> list[list[str]]:
    """The cells of a Rich table's body rows, stripped (one list per printed line)."""
    return [
        [cell.strip() for cell in line.strip("│").split("│")]
        for line in table.splitlines()
        if line.startswith("│")
    ]


# -- validate ----------------------------------------------------------------------------------


def test_validate_several_valid_files(cli):
    paths = sorted(str(p) for p in AGENDAS.glob("*.yaml"))
    result = cli("agenda", "validate", *paths)
    assert result.code == 0
    assert result.out == ""
    assert result.err.splitlines() == [
        f"{AGENDAS / 'assemblee-generale.yaml'} : valide (8 séquences, 9 questions, 1 h 40)",
        f"{AGENDAS / 'co-construisons-demain.yaml'} : valide (11 séquences, 4 ateliers, "
        "27 questions, 3 h 25)",
        f"{AGENDAS / 'team-retrospective.yaml'} : valide (7 séquences, 11 questions, 1 h 30)",
    ]


def test_validate_in_english(cli):
    result = cli("--lang", "en", "agenda", "validate", str(AGENDAS / "team-retrospective.yaml"))
    assert result.code == 0
    assert result.err == (
        f"{AGENDAS / 'team-retrospective.yaml'}: valid (7 segments, 11 prompts, 1 h 30)\n"
    )


def test_validate_mixed_files_locates_each_problem(cli, tmp_path):
    good = write(tmp_path, "good.yaml", "title: T\nsegments: [{title: A, duration: 5}]\n")
    bad = write(tmp_path, "bad.yaml", "title: T\nsegments:\n  - title: A\n    duration: 1h75\n")
    worse = write(tmp_path, "worse.yaml", "- a\n")
    result = cli("agenda", "validate", str(good), str(bad), str(worse))
    assert result.code == 1
    assert result.err.splitlines() == [
        f"{good} : valide (1 séquence, 0 question, 5 min)",
        f"{bad} n'est pas un agenda valide :",
        "  • ligne 4 · segments[0].duration : durée invalide « 1h75 » : écrivez par exemple 15m, "
        "1h30, 90s, 1h ou un nombre de minutes (plus que zéro, 24 h au plus)",
        f"{worse} : un agenda doit être un dictionnaire YAML (title:, segments:…), pas une liste "
        "ni une valeur seule.",
        "2 fichiers invalides sur 3.",
    ]


def test_validate_warns_about_an_overrun_but_it_is_valid(cli, tmp_path):
    path = write(tmp_path, "over.yaml", OVERRUN)
    result = cli("agenda", "validate", str(path))
    assert result.code == 0
    assert result.err.splitlines() == [
        f"{path} : valide (2 séquences, 2 questions, 1 h 10)",
        "Attention : le programme dépasse l'heure de fin (15:00) de 10 min.",
    ]


def test_validate_needs_a_file(cli):
    result = cli("agenda", "validate")
    assert result.code == 2
    assert "Erreur : Argument manquant : « files »." in result.err


# -- show --------------------------------------------------------------------------------------


def test_show_the_default_agenda(cli):
    result = cli("agenda", "show")
    assert result.code == 0
    assert "Co-construisons demain — Séminaire stratégique  (Le RAMEAU)" in result.out
    assert re.search(r"┃ Début ┃ +Fin ┃ +Durée ┃ Séquence +┃ Type +┃", result.out)
    # the segments' table, then the workshops' of the third part (tested below)
    plan, _, workshops = result.out.partition("Ateliers de « Ré-inventons")
    assert workshops
    body = rows(plan)
    starts = [(r[0], r[1], r[2]) for r in body if r[0]]
    assert starts[:4] == [
        ("14:00", "14:10", "10 min"),
        ("14:10", "14:20", "10 min"),
        ("14:20", "14:35", "15 min (fixe)"),
        ("14:35", "14:45", "10 min"),
    ]
    assert starts[-1] == ("17:15", "17:25", "10 min")
    titles = " ".join(r[3] for r in body)
    for title in (
        "Accueil et feuille de présence",
        "Relisons notre histoire",
        "Relions-la à nos défis collectifs",
        "Stéphane Rozès",
        "Ré-inventons la manière d'apprendre à faire alliance",
        "Vote sur nos priorités",
        "Total",
    ):
        assert title in titles
    assert "[mots-clés · ouverte]" in result.out
    assert "[note · tour de table]" in result.out
    assert ["", "17:25", "3 h 25", "Total", ""] in body
    assert "Garder" not in result.out  # the facilitator's notes only with --notes
    assert result.err.splitlines() == [
        "12 participants inscrits",
        "Le programme tient avant 17:30 (marge : 5 min).",
        "Suivi de : Assemblée générale",
    ]


def test_show_an_agenda_that_overruns(cli, tmp_path):
    path = write(tmp_path, "over.yaml", OVERRUN)
    result = cli("agenda", "show", str(path), "--notes")
    assert result.code == 0
    assert rows(result.out) == [
        ["14:00", "14:40", "40 min", "Accueil", "accueil"],
        ["", "", "", "Camille Martin", ""],
        ["", "", "", "Garder le rythme.", ""],
        ["", "", "", "› Votre humeur [mots-clés · ouverte]", ""],
        ["14:40", "15:10", "30 min (fixe)", "Pause", "pause"],
        ["", "", "", "› La pause [note · tour de table]", ""],
        ["", "15:10", "1 h 10", "Total", ""],
    ]
    assert result.err.splitlines() == [
        "1 participant inscrit",
        "Attention : le programme dépasse l'heure de fin (15:00) de 10 min.",
        "Suivi de : Assemblée générale",
    ]


def test_show_at_another_start_time(cli, tmp_path):
    path = write(tmp_path, "over.yaml", OVERRUN)
    result = cli("agenda", "show", str(path), "--at", "13:00")
    assert result.code == 0
    body = rows(result.out)
    assert body[0][:3] == ["13:00", "13:40", "40 min"]
    assert ["", "14:10", "1 h 10", "Total", ""] in body
    assert "Le programme tient avant 15:00 (marge : 50 min)." in result.err
    assert "dépasse" not in result.err


def test_show_with_a_bad_at(cli):
    result = cli("agenda", "show", "--at", "25:00")
    assert result.code == 2
    assert result.err == "Heure invalide « 25:00 » : écrivez HH:MM, par exemple 14:00.\n"


def test_show_without_a_start_time_has_durations_only(cli, tmp_path):
    path = write(tmp_path, "plain.yaml", "title: T\nsegments: [{title: A, duration: 1h30}]\n")
    result = cli("agenda", "show", str(path))
    assert result.code == 0
    assert rows(result.out) == [["1 h 30", "A", "échange"], ["1 h 30", "Total", ""]]
    assert result.err == ""


def test_show_follows_the_agenda_language_unless_told(cli):
    result = cli("agenda", "show", "team-retrospective")
    assert result.code == 0
    assert "Duration" in result.out and "Segment" in result.out
    assert "The plan fits before 11:30 (margin: 0 min)." in result.err
    result = cli("--lang", "fr", "agenda", "show", "team-retrospective")
    assert "Durée" in result.out
    assert "Le programme tient avant 11:30 (marge : 0 min)." in result.err


def test_show_an_assembly(cli):
    result = cli("agenda", "show", "assemblee-generale")
    assert result.code == 0
    assert "Assemblée : AGO, 40 membres, quorum 25 %, majorité simple" in result.err
    assert "[vote · pour la salle]" in result.out
    result = cli("--lang", "en", "agenda", "show", "assemblee-generale")
    assert "Assembly: AGO, 40 members, quorum 25%, majority simple" in result.err


def test_show_an_invalid_agenda(cli, tmp_path):
    path = write(tmp_path, "bad.yaml", "title: T\n")
    result = cli("agenda", "show", str(path))
    assert result.code == 1
    assert result.out == ""
    assert result.err == (
        f"{path} n'est pas un agenda valide :\n  • ligne 1 · segments : champ obligatoire manquant\n"
    )


# -- list --------------------------------------------------------------------------------------


def test_list_bundled_and_local_agendas(cli, tmp_path):
    write(
        tmp_path / "agendas",
        "mon-atelier.yaml",
        "title: Mon atelier\nsegments: [{title: A, duration: 45}]\n",
    )
    write(tmp_path / "agendas", "casse.yaml", "title: [\n")
    write(tmp_path / "agendas", "notes.txt", "pas un agenda")
    result = cli("agenda", "list")
    assert result.code == 0
    assert "Agendas disponibles" in result.out
    assert rows(result.out) == [
        ["assemblee-generale", "Assemblée générale ordinaire", "8", "1 h 40", "fourni"],
        ["co-construisons-demain", "Co-construisons demain", "11", "3 h 25", "fourni · par défaut"],
        ["team-retrospective", "Sprint retrospective", "7", "1 h 30", "fourni"],
        ["casse", "invalide", "", "", "./agendas"],
        ["mon-atelier", "Mon atelier", "1", "45 min", "./agendas"],
    ]
    broken = Path.cwd() / "agendas" / "casse.yaml"
    assert result.err == (
        f"{broken} est invalide ; pour voir pourquoi : seminar agenda validate {broken}\n"
    )


def test_list_in_english(cli):
    result = cli("--lang", "en", "agenda", "list")
    assert result.code == 0
    assert "Available agendas" in result.out
    assert [
        "co-construisons-demain",
        "Co-construisons demain",
        "11",
        "3 h 25",
        "bundled · default",
    ] in rows(result.out)


def test_a_local_agenda_is_usable_by_name(cli, tmp_path):
    write(
        tmp_path / "agendas",
        "mon-atelier.yaml",
        "title: Mon atelier\nsegments: [{title: A, duration: 45}]\n",
    )
    result = cli("agenda", "show", "mon-atelier")
    assert result.code == 0
    assert "Mon atelier" in result.out


# -- new ---------------------------------------------------------------------------------------


def test_new_from_a_bundled_agenda_copies_its_text(cli, tmp_path):
    target = tmp_path / "ag-2027.yaml"
    result = cli("agenda", "new", str(target), "--from", "assemblee-generale")
    assert result.code == 0
    assert target.read_text(encoding="utf-8") == (AGENDAS / "assemblee-generale.yaml").read_text(
        encoding="utf-8"
    )
    assert result.err == (
        f"Agenda écrit dans {target}. Vérifiez-le avec : seminar agenda validate {target}\n"
    )
    assert cli("agenda", "validate", str(target)).code == 0


def test_new_from_an_unknown_agenda(cli, tmp_path):
    result = cli("agenda", "new", str(tmp_path / "x.yaml"), "--from", "nope")
    assert result.code == 1
    assert result.err.startswith("Agenda inconnu : « nope ».")
    assert not (tmp_path / "x.yaml").exists()


@pytest.mark.parametrize(
    ("lang", "title", "comment"),
    [
        ("fr", "Mon séminaire", "# Agenda de séminaire pour `seminar`"),
        ("en", "My seminar", "# Seminar agenda for `seminar`"),
    ],
)
def test_new_without_input_writes_a_commented_template_that_validates(
    cli, tmp_path, lang, title, comment
):
    target = tmp_path / "starter.yaml"
    result = cli("--lang", lang, "agenda", "new", str(target), "--no-input")
    assert result.code == 0, result.err
    text = target.read_text(encoding="utf-8")
    assert text.startswith(comment)
    assert "#  - id: " in text  # the commented example of a complete segment
    agenda = read_agenda_file(target).agenda
    assert agenda.title == title
    assert agenda.language == lang
    welcome = {"fr": "Accueil", "en": "Welcome"}[lang]
    assert agenda.segments[0].title == welcome
    assert [s.kind.value for s in agenda.segments] == ["welcome", "discussion", "closing"]
    assert cli("agenda", "validate", str(target)).code == 0


def test_new_refuses_to_overwrite_without_force(cli, tmp_path):
    target = tmp_path / "mine.yaml"
    target.write_text("title: précieux\n", encoding="utf-8")
    result = cli("agenda", "new", str(target), "--no-input")
    assert result.code == 1
    assert result.err == (
        f"{target} existe déjà : choisissez un autre nom ou ajoutez --force pour l'écraser.\n"
    )
    assert target.read_text(encoding="utf-8") == "title: précieux\n"
    result = cli("--lang", "en", "agenda", "new", str(target), "--from", DEFAULT_AGENDA)
    assert result.code == 1
    assert (
        result.err
        == f"{target} already exists: choose another name or add --force to overwrite it.\n"
    )
    result = cli("agenda", "new", str(target), "--no-input", "--force")
    assert result.code == 0
    assert "précieux" not in target.read_text(encoding="utf-8")


def test_new_into_a_missing_folder(cli, tmp_path):
    result = cli("agenda", "new", str(tmp_path / "nope" / "a.yaml"), "--no-input")
    assert result.code == 1
    assert result.err == f"Le dossier {tmp_path / 'nope'} n'existe pas.\n"


def test_new_interactive_without_a_terminal_says_so(cli, tmp_path):
    result = cli("agenda", "new", str(tmp_path / "a.yaml"))
    assert result.code == 1
    assert result.err == (
        "Pas de terminal pour poser les questions : utilisez --from NOM (copie d'un agenda fourni) "
        "ou --no-input (modèle commenté).\n"
    )
    assert not (tmp_path / "a.yaml").exists()


def test_starter_numbers_segments_that_share_a_title():
    answers = StarterAnswers(
        title="Journée",
        starts_at="09:00",
        ends_by="17:00",
        segments=[
            StarterSegment("Pause", 900, "break"),
            StarterSegment("Atelier", 3600, "workshop"),
            StarterSegment("Pause", 900, "break"),
            StarterSegment("Pause 2", 600, "break"),
        ],
    )
    agenda = parse_agenda_text(render_starter(answers), "starter")
    assert [s.id for s in agenda.segments] == ["pause", "atelier", "pause-2", "pause-2-2"]
    assert agenda.starts_at is not None and agenda.starts_at.strftime("%H:%M") == "09:00"


# -- schema ------------------------------------------------------------------------------------


def test_schema_is_json_on_stdout(cli):
    result = cli("agenda", "schema")
    assert result.code == 0
    assert result.err == ""
    schema = json.loads(result.out)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["type"] == "object"
    assert set(schema["required"]) == {"title", "segments"}
    assert "segments" in schema["properties"]
    segment = schema["$defs"]["Segment"]
    assert "prompts" in segment["properties"]
    assert "id" not in segment["required"]  # a segment's id defaults to the slug of its title
    prompt = schema["$defs"]["Prompt"]
    assert "choices" in prompt["properties"]
    # durations and clock times are described as people write them
    pattern = segment["properties"]["duration"]["anyOf"][0]["pattern"]
    for written in ("15m", "1h30", "90s", "1h", "20"):
        assert re.match(pattern, written)
    assert not re.match(pattern, "abc")
    clock = schema["properties"]["starts_at"]["anyOf"][0]
    assert re.match(clock["pattern"], "14:00")


# -- bundled agendas ---------------------------------------------------------------------------


def test_bundled_agendas_come_from_the_repository_folder():
    assert bundled_dir() == AGENDAS
    names = [ref.name for ref in available_agendas() if ref.origin == "bundled"]
    assert names == ["assemblee-generale", "co-construisons-demain", "team-retrospective"]


@pytest.mark.parametrize("path", sorted(AGENDAS.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_bundled_agenda_is_valid_and_fits(path):
    agenda = read_agenda_file(path).agenda
    assert agenda.overrun_seconds() == 0
    for segment in agenda.segments:
        assert segment.notes, f"{segment.id} has no facilitator's notes"


def test_the_default_agenda_is_the_rameau_seminar():
    assert DEFAULT_AGENDA == "co-construisons-demain"
    agenda = read_agenda_file(AGENDAS / f"{DEFAULT_AGENDA}.yaml").agenda
    assert agenda.title == "Co-construisons demain"
    assert agenda.organization == "Le RAMEAU"
    assert agenda.language == "fr"
    assert agenda.followed_by == "Assemblée générale"
    assert agenda.starts_at is not None and agenda.ends_by is not None
    segments = agenda.segments
    titles = [s.title for s in segments]
    assert titles[0] == "Accueil et feuille de présence"
    assert "Ouverture" in titles
    relisons = agenda.segment("relisons")
    assert relisons.title == "Relisons notre histoire" and relisons.duration == 15 * 60
    assert titles.index("Relisons notre histoire") < titles.index("Échange sur notre histoire")
    relions = agenda.segment("relions")
    assert relions.speaker == "Stéphane Rozès" and "Récit" in (relions.description or "")
    assert any("What / So what / Now what" in t for t in titles)
    assert any(s.kind is SegmentKind.break_ for s in segments)
    workshop = agenda.segment("re-inventons")
    assert workshop.title == "Ré-inventons la manière d'apprendre à faire alliance"
    assert workshop.kind is SegmentKind.workshop
    for audience in (
        "jeunes",
        "chefs de projet sectoriels et territoriaux",
        "leaders d'opinion",
        "catalyseurs nationaux et locaux",
    ):
        assert audience in (workshop.description or "")
    kinds = [s.kind for s in segments]
    assert SegmentKind.restitution in kinds and SegmentKind.vote in kinds
    assert kinds[-1] is SegmentKind.closing
    types = {p.type for _, p in agenda.all_prompts()}
    assert {
        PromptType.text,
        PromptType.words,
        PromptType.choice,
        PromptType.multi,
        PromptType.rating,
        PromptType.ranking,
    } <= types
    # the plan ends before the Assemblée générale
    assert agenda.slack_seconds() is not None and agenda.slack_seconds() >= 0


def test_the_third_part_of_the_rameau_seminar_splits_into_four_workshops():
    """#16: its four audiences, each in a room with a facilitator, its roster's people and
    prompts of its own; the segment's own prompts are asked in every workshop; the
    restitution follows it."""
    agenda = read_agenda_file(AGENDAS / f"{DEFAULT_AGENDA}.yaml").agenda
    segment = agenda.segment("re-inventons")
    workshops = {w.id: w for w in segment.workshops}
    assert list(workshops) == ["jeunes", "chefs-de-projet", "leaders-opinion", "catalyseurs"]
    for workshop in segment.workshops:
        assert workshop.title and workshop.facilitator and workshop.room
        assert len(workshop.prompts) >= 1
        # its people are the roster's group of the same name
        group = {p.name for p in agenda.participants if p.group == workshop.id}
        assert set(workshop.participants) == group and group
    assert len({w.room for w in segment.workshops}) == 4  # four rooms, side by side
    shared = {p.id for p in segment.prompts}
    assert {"faire-vivre-alliance", "competences-catalyseurs"} <= shared
    after = agenda.segments[agenda.segments.index(segment) + 1]
    assert after.kind is SegmentKind.restitution
    # the plenary asks only the segment's own prompts (seminar workshop comes later)
    asked = {p.id for _s, p in agenda.all_prompts()}
    assert not asked & {p.id for w in segment.workshops for p in w.prompts}


def test_show_gives_the_workshops_of_the_default_agenda_at_80_columns(tmp_path):
    import subprocess

    from tests.conftest import seminar_cmd, subprocess_env

    for lang, heading, header, split in (
        (
            "fr",
            "Ateliers de « Ré-inventons la manière d'apprendre à faire alliance »",
            ["Atelier", "Salle, animation", "Participants", "Questions"],
            "◆ 4 ateliers en parallèle, qui posent chacun les questions",
        ),
        (
            "en",
            "Workshops of 'Ré-inventons la manière d'apprendre à faire alliance'",
            ["Workshop", "Room, facilitator", "Participants", "Prompts"],
            "◆ 4 parallel workshops, each asking the prompts above",
        ),
    ):
        env = {**subprocess_env(tmp_path), "COLUMNS": "80", "LINES": "50"}
        done = subprocess.run(
            [*seminar_cmd(), "--lang", lang, "agenda", "show"],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
            check=True,
        )
        out = done.stdout
        assert max(len(line) for line in out.splitlines()) <= 80
        assert heading in out
        plan, _, table = out.partition(heading)
        assert " ".join(" ".join(r[3].split()) for r in rows(plan) if len(r) > 3).count(split) == 1
        assert re.search(r"\(15:55–16:40\)", table)
        header_line = next(line for line in table.splitlines() if line.startswith("┃"))
        assert [c.strip() for c in header_line.strip("┃").split("┃")] == header
        cells = rows(table)
        # a row's first line holds its room, the next its facilitator, and the counts
        assert cells[0][1:] == ["Salle Agora", "3", "2"]
        assert cells[1][1] == "Lucie Fontaine"
        text = " ".join(" ".join(c[0] for c in cells).split())
        for title in (
            "Jeunes — vivre l'alliance dès maintenant",
            "Chefs de projet sectoriels et territoriaux — outiller la coopération",
            "Leaders d'opinion — porter le récit des alliances",
            "Catalyseurs nationaux et locaux — apprendre en faisant",
        ):
            assert title in text
        for facilitator in ("Marc Lambert", "Hélène Carpentier", "Olivier Bernard"):
            assert facilitator in [c[1] for c in cells]


def test_the_assembly_template():
    agenda = read_agenda_file(AGENDAS / "assemblee-generale.yaml").agenda
    assert agenda.assembly is not None and agenda.assembly.body == "AGO"
    votes = [p for _, p in agenda.all_prompts() if p.type is PromptType.vote]
    questions = " ".join(p.question.lower() for p in votes)
    for topic in ("rapport moral", "comptes", "quitus", "budget", "cotisation"):
        assert topic in questions
    assert any("élection" in s.title.lower() for s in agenda.segments)


def test_one_english_agenda():
    english = [
        ref.name
        for ref in available_agendas()
        if read_agenda_file(ref.path).agenda.language == "en"
    ]
    assert english == ["team-retrospective"]


# -- help --------------------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["list", "show", "validate", "new", "schema"])
def test_every_agenda_command_has_help_with_examples(cli, command):
    result = cli("agenda", command, "--help")
    assert result.code == 0
    assert f"seminar agenda {command}" in result.out
    assert "Exemple" in result.out
    result = cli("--lang", "en", "agenda", command, "--help")
    assert "Example" in result.out


def test_list_shows_once_an_agenda_that_is_also_bundled(cli, tmp_path):
    """In the repository's folder (or a copy), ./agendas holds the bundled agendas again."""
    from seminar_cli.agenda.bundled import bundled_dir

    folder = bundled_dir()
    assert folder is not None
    local = tmp_path / "agendas"
    local.mkdir()
    for source in folder.glob("*.yaml"):
        (local / source.name).write_bytes(source.read_bytes())
    changed = local / "team-retrospective.yaml"
    changed.write_text(
        changed.read_text(encoding="utf-8").replace("Sprint retrospective", "Notre rétro"),
        encoding="utf-8",
    )
    listed = rows(cli("agenda", "list").out)
    assert [row[0] for row in listed] == [
        "assemblee-generale",
        "co-construisons-demain",
        "team-retrospective",
        "team-retrospective",  # the local one differs: both are shown
    ]
    assert listed[-1][1:] == ["Notre rétro", "7", "1 h 30", "./agendas"]


def test_list_never_cuts_a_title_inside_a_word_at_80_columns(tmp_path):
    import subprocess

    from tests.conftest import seminar_cmd, subprocess_env

    done = subprocess.run(
        [*seminar_cmd(), "agenda", "list"],
        env=subprocess_env(tmp_path, COLUMNS="80", SEMINAR_LANG="fr"),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "…" not in done.stdout
    assert "Co-construisons" in done.stdout
    lines = done.stdout.splitlines()
    assert all(len(line) <= 80 for line in lines)
    assert all(line.endswith(("│", "┃", "┓", "┩", "┘")) for line in lines[1:])  # never cropped
