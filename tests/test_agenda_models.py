"""Every validation rule of agenda files, as the user sees it from `seminar agenda validate`:
the place (`segments[2].duration`), the line, and the message in French (default) or English."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from seminar_cli.agenda.loader import parse_agenda_text
from seminar_cli.agenda.models import Agenda, PromptType, slugify
from seminar_cli.errors import AgendaError

DURATION_FR = (
    "écrivez par exemple 15m, 1h30, 90s, 1h ou un nombre de minutes (plus que zéro, 24 h au plus)"
)
DURATION_EN = (
    "write for example 15m, 1h30, 90s, 1h or a number of minutes (more than zero, 24 h at most)"
)


def write(tmp_path: Path, text: str, name: str = "agenda.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def problems(cli, path: Path, *options: str) -> list[str]:
    """The located problems `agenda validate` reports (exit 1, no traceback)."""
    result = cli(*options, "agenda", "validate", str(path))
    assert result.code == 1, result
    assert "Traceback" not in result.out + result.err
    lines = result.err.splitlines()
    assert lines[0] in (f"{path} n'est pas un agenda valide :", f"{path} is not a valid agenda:")
    assert all(line.startswith("  • ") for line in lines[1:])
    return [line[4:] for line in lines[1:]]


def one_segment(duration: str) -> str:
    return f"""
        title: Séminaire
        segments:
          - title: Accueil
            duration: {duration}
        """


# -- durations ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "seconds"),
    [("15m", 900), ("1h30", 5400), ("90s", 90), ("1h", 3600), ("20", 1200), ("1.5", 90)],
)
def test_durations_as_people_write_them(tmp_path, cli, written, seconds):
    path = write(tmp_path, one_segment(written))
    result = cli("agenda", "validate", str(path))
    assert result.code == 0, result.err
    agenda = parse_agenda_text(path.read_text(), str(path))
    assert agenda.segments[0].duration == seconds


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("0", "0"),
        ("-5", "-5"),
        ("abc", "abc"),
        ("1h75", "1h75"),
        ('"1h 75"', "1h 75"),
        ("2m70s", "2m70s"),
        ("25h", "25h"),
        (".inf", ".inf"),
        (".nan", ".nan"),
        ("99999999999999999999", "99999999999999999999"),
        ("true", "true"),
        ("45:00", "45:00"),  # YAML reads 2700 (minutes!): refused as longer than a day
    ],
)
def test_invalid_durations_are_located_and_explained(tmp_path, cli, written, shown):
    path = write(tmp_path, one_segment(written))
    assert problems(cli, path) == [
        f"ligne 4 · segments[0].duration : durée invalide « {shown} » : {DURATION_FR}"
    ]


def test_invalid_duration_in_english(tmp_path, cli):
    path = write(tmp_path, one_segment("1h75"))
    expected = [f"line 4 · segments[0].duration: invalid duration '1h75': {DURATION_EN}"]
    assert problems(cli, path, "--lang", "en") == expected


def test_invalid_duration_in_english_from_the_environment(tmp_path, cli, monkeypatch):
    monkeypatch.setenv("SEMINAR_LANG", "en")
    path = write(tmp_path, one_segment("abc"))
    assert problems(cli, path) == [
        f"line 4 · segments[0].duration: invalid duration 'abc': {DURATION_EN}"
    ]


def test_missing_and_empty_duration(tmp_path, cli):
    path = write(
        tmp_path,
        """
        title: T
        segments:
          - title: A
          - title: B
            duration:
        """,
    )
    assert problems(cli, path) == [
        "ligne 3 · segments[0].duration : champ obligatoire manquant",
        "ligne 5 · segments[1].duration : valeur vide : écrivez une valeur après les deux-points",
    ]


def test_warn_at_takes_durations(tmp_path, cli):
    path = write(
        tmp_path,
        """
        title: T
        segments:
          - title: A
            duration: 20m
            warn_at: [5m, abc]
        """,
    )
    assert problems(cli, path) == [
        f"ligne 5 · segments[0].warn_at[1] : durée invalide « abc » : {DURATION_FR}"
    ]
    ok = write(tmp_path, one_segment("20m") + "    warn_at: [5m, 1m]\n", "ok.yaml")
    assert parse_agenda_text(ok.read_text(), "ok").segments[0].warnings() == [300, 60]


# -- clock times -------------------------------------------------------------------------------


@pytest.mark.parametrize("written", ['"14:00"', "14:00", "'14h'", '"14h00"'])
def test_clock_times_quoted_or_not(tmp_path, written):
    # unquoted, YAML 1.1 reads 14:00 as the number 840 (sexagesimal): still 14:00
    text = f'title: T\nstarts_at: {written}\nends_by: "17:45"\nsegments: [{{title: A, duration: 1h}}]\n'
    agenda = parse_agenda_text(text, "x")
    assert agenda.starts_at is not None
    assert agenda.starts_at.strftime("%H:%M") == "14:00"
    assert agenda.ends_by is not None
    assert agenda.ends_by.strftime("%H:%M") == "17:45"


@pytest.mark.parametrize("written", ['"25:00"', "25:00", '"14:75"', "demain", '"14"'])
def test_invalid_clock_times(tmp_path, cli, written):
    path = write(
        tmp_path, f"title: T\nstarts_at: {written}\nsegments: [{{title: A, duration: 5}}]\n"
    )
    shown = written.strip('"')
    assert problems(cli, path) == [
        f'ligne 2 · starts_at : heure invalide « {shown} » : écrivez HH:MM entre guillemets, par exemple "14:00"'
    ]


def test_invalid_clock_time_in_english(tmp_path, cli):
    path = write(tmp_path, "title: T\nends_by: 25:00\nsegments: [{title: A, duration: 5}]\n")
    assert problems(cli, path, "--lang", "en") == [
        "line 2 · ends_by: invalid time '25:00': write HH:MM in quotes, for example \"14:00\""
    ]


# -- identifiers -------------------------------------------------------------------------------


def test_slug_ids_are_ascii():
    assert slugify("Ré-inventons la manière") == "re-inventons-la-maniere"
    assert slugify("  Relions-la à nos défis collectifs ! ") == "relions-la-a-nos-defis-collectifs"
    assert slugify("Œuvre & café") == "uvre-cafe"
    assert slugify("日本語") == "segment"  # nothing ASCII left: still a usable id


def test_segment_id_defaults_to_the_slug_of_its_title():
    agenda = parse_agenda_text(
        "title: T\nsegments:\n  - title: Ré-inventons la manière\n    duration: 45m\n"
        "  - title: 2025\n    duration: 5\n",
        "x",
    )
    assert [s.id for s in agenda.segments] == ["re-inventons-la-maniere", "2025"]
    assert agenda.segments[1].title == "2025"  # a number is fine as a title


def test_a_long_title_gives_an_id_of_at_most_63_characters():
    title = "Un titre " + "très " * 30 + "long"
    agenda = parse_agenda_text(f"title: T\nsegments: [{{title: {title}, duration: 5}}]\n", "x")
    assert len(agenda.segments[0].id) <= 63
    assert not agenda.segments[0].id.endswith("-")


def test_invalid_explicit_id(tmp_path, cli):
    path = write(
        tmp_path, "title: T\nsegments:\n  - id: Ré inventons\n    title: A\n    duration: 5\n"
    )
    assert problems(cli, path) == [
        "ligne 3 · segments[0].id : identifiant invalide « Ré inventons » : lettres sans accents, "
        "chiffres, - et _ seulement"
    ]


def test_duplicate_segment_ids_name_both_places(tmp_path, cli):
    path = write(
        tmp_path,
        """
        title: T
        segments:
          - title: Ré-inventons la manière
            duration: 10
          - title: Pause
            duration: 5
          - id: re-inventons-la-maniere
            title: Autre chose
            duration: 5
        """,
    )
    assert problems(cli, path) == [
        "ligne 7 · segments[2].id : l'identifiant « re-inventons-la-maniere » est déjà celui de "
        "segments[0] : donnez à chaque séquence son propre id (sans id, il est tiré du titre)"
    ]
    assert problems(cli, path, "--lang", "en") == [
        "line 7 · segments[2].id: the id 're-inventons-la-maniere' is already the one of "
        "segments[0]: give each segment its own id (without an id, it comes from the title)"
    ]


def test_two_segments_with_the_same_title_need_ids(tmp_path, cli):
    path = write(
        tmp_path,
        "title: T\nsegments:\n  - {title: Pause, duration: 5}\n  - {title: Pause, duration: 5}\n",
    )
    [problem] = problems(cli, path)
    assert problem.startswith("ligne 4 · segments[1].id : l'identifiant « pause » est déjà celui")


def test_duplicate_prompt_ids_across_segments(tmp_path, cli):
    path = write(
        tmp_path,
        """
        title: T
        segments:
          - title: A
            duration: 10
            prompts:
              - {id: avis, question: Votre avis}
          - title: B
            duration: 10
            prompts:
              - {id: autre, question: Autre}
              - {id: avis, question: Encore}
        """,
    )
    assert problems(cli, path) == [
        "ligne 11 · segments[1].prompts[1].id : l'identifiant « avis » est déjà celui de la "
        "question segments[0].prompts[0] : chaque question de l'agenda a son propre id"
    ]
    assert problems(cli, path, "--lang", "en") == [
        "line 11 · segments[1].prompts[1].id: the id 'avis' is already the one of the prompt "
        "segments[0].prompts[0]: every prompt of the agenda needs its own id"
    ]


def test_duplicate_participant_names_ignore_case(tmp_path, cli):
    path = write(
        tmp_path,
        """
        title: T
        participants:
          - name: Camille Martin
          - name: Hugo
          - name: camille martin
        segments: [{title: A, duration: 5}]
        """,
    )
    assert problems(cli, path) == [
        "ligne 5 · participants[2].name : « camille martin » figure déjà dans la liste des "
        "participants (participants[0])"
    ]
    assert problems(cli, path, "--lang", "en") == [
        "line 5 · participants[2].name: 'camille martin' is already in the participants list "
        "(participants[0])"
    ]


def test_prompt_id_is_required(tmp_path, cli):
    path = write(
        tmp_path,
        "title: T\nsegments:\n  - title: A\n    duration: 5\n    prompts:\n      - question: Q ?\n",
    )
    assert problems(cli, path) == [
        "ligne 6 · segments[0].prompts[0].id : champ obligatoire manquant"
    ]


# -- prompt types ------------------------------------------------------------------------------


def prompt_agenda(prompt: str) -> str:
    return (
        "title: T\nsegments:\n  - title: A\n    duration: 5\n    prompts:\n"
        f"      - {{id: q, question: Q, {prompt}}}\n"
    )


PLACE = "ligne 6 · segments[0].prompts[0]"


@pytest.mark.parametrize(
    ("prompt", "problem"),
    [
        (
            "type: choice",
            ".choices : ce type de question demande au moins deux choix (choices)",
        ),
        (
            "type: multi, choices: [seule]",
            ".choices : ce type de question demande au moins deux choix (choices)",
        ),
        (
            "type: ranking, choices: []",
            ".choices : ce type de question demande au moins deux choix (choices)",
        ),
        (
            "type: choice, choices: [Oui, Non, Oui]",
            ".choices : les choix doivent être tous différents (« Oui » apparaît deux fois)",
        ),
        (
            "type: vote, choices: [pour, contre]",
            ".choices : pas de choix (choices) pour une question de type vote : ses réponses sont "
            "fixées",
        ),
        (
            "type: yesno, choices: [a, b]",
            ".choices : pas de choix (choices) pour une question de type yesno : ses réponses sont "
            "fixées",
        ),
        (
            "type: text, choices: [a, b]",
            ".choices : pas de choix (choices) pour une question de type text : ses réponses sont "
            "fixées",
        ),
        (
            "type: rating, min: 5, max: 1",
            ".max : échelle invalide : min (5) doit être plus petit que max (1)",
        ),
        (
            "type: rating, min: 5",
            ".min : échelle invalide : min (5) doit être plus petit que max (5)",
        ),
        ("type: rating, min: 0, max: 500", ".max : échelle trop large (au plus 100 crans)"),
        (
            "type: rating, labels: {0: Nul, 5: Top}",
            ".labels : libellé pour 0 hors de l'échelle 1..5",
        ),
        (
            "type: choice, choices: [a, b], labels: {1: x}",
            ".labels : les libellés (labels) ne vont qu'avec une question de type rating",
        ),
        (
            "type: rating, labels: {un: x}",
            ".labels.un : doit être un nombre entier, pas « un »",
        ),
        (
            "type: multi, choices: [a, b], max: 3",
            ".max : nombre de choix à cocher invalide : min 0, max 3, pour 2 choix",
        ),
        (
            "type: multi, choices: [a, b, c], min: 3, max: 2",
            ".max : nombre de choix à cocher invalide : min 3, max 2, pour 3 choix",
        ),
        (
            "type: multi, choices: [a, b], max: 0",
            ".max : nombre de choix à cocher invalide : min 0, max 0, pour 2 choix",
        ),
        (
            "type: text, min: 1",
            ".min : min et max ne vont qu'avec une question rating ou multi, pas text",
        ),
        (
            "type: words, max_words: 50",
            ".max_words : doit être au plus 20",
        ),
        (
            "type: choice, choices: [Yes, No]",
            '.choices[0] : doit être un texte : écrivez-le entre guillemets, "Yes"',
        ),
    ],
)
def test_prompt_type_rules(tmp_path, cli, prompt, problem):
    path = write(tmp_path, prompt_agenda(prompt))
    found = problems(cli, path)
    assert found[0] == PLACE + problem


def test_prompt_type_rules_in_english(tmp_path, cli):
    path = write(tmp_path, prompt_agenda("type: vote, choices: [pour, contre]"))
    assert problems(cli, path, "--lang", "en") == [
        "line 6 · segments[0].prompts[0].choices: no choices for a prompt of type vote: its "
        "answers are fixed"
    ]
    path = write(tmp_path, prompt_agenda("type: rating, min: 5, max: 1"))
    assert problems(cli, path, "--lang", "en") == [
        "line 6 · segments[0].prompts[0].max: invalid scale: min (5) must be less than max (1)"
    ]


@pytest.mark.parametrize(
    "prompt",
    [
        "type: text",
        "type: long_text",
        "type: choice, choices: [a, b]",
        "type: multi, choices: [a, b, c], min: 1, max: 2",
        "type: ranking, choices: [a, b, c]",
        "type: rating",
        "type: rating, min: 0, max: 10, labels: {0: Nul, 10: Parfait}",
        "type: yesno",
        "type: words, max_words: 2",
        "type: vote, who: room",
        "type: choice, choices: [1, 2, 3]",  # numbers are fine as choices
    ],
)
def test_valid_prompts(prompt):
    agenda = parse_agenda_text(prompt_agenda(prompt), "x")
    assert agenda.find_prompt("q") is not None


def test_options_of_fixed_types():
    text = (
        "title: T\nsegments:\n  - title: A\n    duration: 5\n    prompts:\n"
        "      - {id: v, question: Q, type: vote}\n"
        "      - {id: y, question: Q, type: yesno}\n"
        "      - {id: r, question: Q, type: rating, min: 0, max: 3}\n"
        "      - {id: m, question: Q, type: multi, choices: [a, b, c], max: 2}\n"
    )
    agenda = parse_agenda_text(text, "x")
    by_id = {p.id: p for _, p in agenda.all_prompts()}
    assert by_id["v"].options == ["pour", "contre", "abstention", "blanc"]
    assert by_id["y"].options == ["oui", "non"]
    assert by_id["r"].options == ["0", "1", "2", "3"]
    assert by_id["m"].multi_picks == (0, 2)
    assert by_id["v"].type is PromptType.vote


# -- unknown fields and enumerations ----------------------------------------------------------


def test_unknown_field_is_a_typo(tmp_path, cli):
    path = write(
        tmp_path,
        """
        title: T
        sub_title: oups
        segments:
          - title: A
            durée: 5m
            duration: 5m
        """,
    )
    assert problems(cli, path) == [
        "ligne 2 · sub_title : champ inconnu (faute de frappe ?)",
        "ligne 5 · segments[0].durée : champ inconnu (faute de frappe ?)",
    ]
    assert problems(cli, path, "--lang", "en") == [
        "line 2 · sub_title: unknown field (a typo?)",
        "line 5 · segments[0].durée: unknown field (a typo?)",
    ]


def test_wrong_enum_values_list_the_possible_ones(tmp_path, cli):
    path = write(
        tmp_path,
        """
        title: T
        language: de
        segments:
          - title: A
            duration: 5m
            kind: atelier
            prompts:
              - {id: q, question: Q, type: free, who: all}
        """,
    )
    assert problems(cli, path) == [
        "ligne 2 · language : valeur « de » inconnue ; valeurs possibles : fr, en",
        "ligne 6 · segments[0].kind : valeur « atelier » inconnue ; valeurs possibles : welcome, "
        "presentation, keynote, discussion, workshop, break, restitution, vote, closing",
        "ligne 8 · segments[0].prompts[0].type : valeur « free » inconnue ; valeurs possibles : "
        "text, long_text, choice, multi, rating, yesno, words, ranking, vote, election",
        "ligne 8 · segments[0].prompts[0].who : valeur « all » inconnue ; valeurs possibles : "
        "each, open, room",
    ]
    assert problems(cli, path, "--lang", "en")[0] == (
        "line 2 · language: unknown value 'de'; expected one of: fr, en"
    )


def test_wrong_types_of_values(tmp_path, cli):
    path = write(
        tmp_path,
        """
        title: [a, b]
        participants: Camille
        segments:
          - Accueil
          - title: B
            duration: 5
            fixed: peut-être
            prompts: {id: q}
        """,
    )
    assert problems(cli, path) == [
        "ligne 1 · title : doit être un texte",
        "ligne 2 · participants : doit être une liste (- élément)",
        "ligne 4 · segments[0] : doit être un dictionnaire (clé: valeur), pas « Accueil »",
        "ligne 7 · segments[1].fixed : doit être true ou false, pas « peut-être »",
        "ligne 8 · segments[1].prompts : doit être une liste (- élément)",
    ]


def test_required_top_level_fields(tmp_path, cli):
    path = write(tmp_path, "subtitle: rien d'autre\n")
    assert problems(cli, path) == [
        "ligne 1 · title : champ obligatoire manquant",
        "ligne 1 · segments : champ obligatoire manquant",
    ]
    path = write(tmp_path, "title: T\nsegments: []\n")
    assert problems(cli, path) == ["ligne 2 · segments : il en faut au moins 1"]
    assert problems(cli, path, "--lang", "en") == ["line 2 · segments: at least 1 needed"]


def test_empty_title_and_boolean_title(tmp_path, cli):
    path = write(tmp_path, 'title: ""\nsegments:\n  - title: yes\n    duration: 5\n')
    assert problems(cli, path) == [
        "ligne 1 · title : ne doit pas être vide",
        'ligne 3 · segments[0].title : doit être un texte : écrivez-le entre guillemets, "yes"',
    ]


# -- the assembly block ------------------------------------------------------------------------


def test_assembly_block_valid():
    agenda = parse_agenda_text(
        """
title: AG
assembly:
  body: AGE
  members: 85
  quorum: 0.25
  majority: two_thirds
  president: Hélène Marchand
  secretary: Olivier Dumas
  proxies_max: 2
segments:
  - title: Résolution
    duration: 10
    prompts: [{id: r1, question: Adoptez-vous, type: vote, who: room}]
""",
        "x",
    )
    assert agenda.assembly is not None
    assert agenda.assembly.body == "AGE"
    assert agenda.assembly.quorum == 0.25
    assert agenda.assembly.majority.value == "two_thirds"


def test_assembly_block_rules(tmp_path, cli):
    path = write(
        tmp_path,
        """
        title: AG
        assembly:
          body: AGX
          members: 0
          quorum: 1.5
          majority: relative
          proxies_max: -1
          president_de_seance: X
        segments: [{title: A, duration: 5}]
        """,
    )
    assert problems(cli, path) == [
        "ligne 3 · assembly.body : valeur « AGX » inconnue ; valeurs possibles : AGO, AGE",
        "ligne 4 · assembly.members : doit être au moins 1",
        "ligne 5 · assembly.quorum : doit être au plus 1.0",
        "ligne 6 · assembly.majority : valeur « relative » inconnue ; valeurs possibles : simple, "
        "absolute, two_thirds",
        "ligne 7 · assembly.proxies_max : doit être au moins 0",
        "ligne 8 · assembly.president_de_seance : champ inconnu (faute de frappe ?)",
    ]
    path = write(
        tmp_path, "title: AG\nassembly: {quorum: beaucoup}\nsegments: [{title: A, duration: 5}]\n"
    )
    assert problems(cli, path) == [
        "ligne 2 · assembly.quorum : doit être un nombre, pas « beaucoup »"
    ]


# -- locations ---------------------------------------------------------------------------------


def test_every_problem_is_listed_in_file_order_with_its_place(tmp_path, cli):
    path = write(
        tmp_path,
        """
        title: Trois erreurs
        segments:
          - title: Un
            duration: 5m
          - title: Deux
            duration: 5m
          - title: Trois
            duration: 5 minutes
            kind: pause
        starts_at: "9:99"
        """,
    )
    assert problems(cli, path) == [
        f"ligne 8 · segments[2].duration : durée invalide « 5 minutes » : {DURATION_FR}",
        "ligne 9 · segments[2].kind : valeur « pause » inconnue ; valeurs possibles : welcome, "
        "presentation, keynote, discussion, workshop, break, restitution, vote, closing",
        'ligne 10 · starts_at : heure invalide « 9:99 » : écrivez HH:MM entre guillemets, par exemple "14:00"',
    ]


def test_the_error_object_carries_the_problems():
    with pytest.raises(AgendaError) as caught:
        parse_agenda_text("title: T\nsegments:\n  - title: A\n    duration: 1h75\n", "f.yaml")
    error = caught.value
    assert error.exit_code == 1
    assert error.problems == [
        f"ligne 4 · segments[0].duration : durée invalide « 1h75 » : {DURATION_FR}"
    ]
    assert error.message().startswith("f.yaml n'est pas un agenda valide :\n  • ligne 4")


# -- derived facts -----------------------------------------------------------------------------


def test_planned_times_and_slack():
    agenda = parse_agenda_text(
        'title: T\nstarts_at: "14:00"\nends_by: "15:00"\nsegments:\n'
        "  - {title: A, duration: 40m}\n  - {title: B, duration: 30m}\n",
        "x",
    )
    times = [(s.id, b.strftime("%H:%M"), e.strftime("%H:%M")) for s, b, e in agenda.planned_times()]
    assert times == [("a", "14:00", "14:40"), ("b", "14:40", "15:10")]
    assert agenda.total_seconds == 70 * 60
    assert agenda.slack_seconds() == -600
    assert agenda.overrun_seconds() == 600


def test_round_trip_through_json_keeps_the_agenda():
    agenda = parse_agenda_text(prompt_agenda("type: rating, labels: {1: Bof, 5: Top}"), "x")
    again = Agenda.model_validate_json(agenda.model_dump_json())
    assert again == agenda


# -- what must not reach the terminal ----------------------------------------------------------


def test_control_characters_are_refused_and_shown_escaped(tmp_path, cli):
    # YAML's "\e" is ESC: printed as is, it would drive the projector's terminal
    path = write(
        tmp_path,
        r"""
        title: "\e[2JCo-construisons"
        segments:
          - title: "Accueil\u202e"
            duration: 5
            "dur ée": 5
            3: x
        """,
    )
    assert problems(cli, path) == [
        "ligne 1 · title : contient un caractère de contrôle invisible (U+001B) : supprimez-le",
        "ligne 3 · segments[0].title : contient un caractère de contrôle invisible (U+202E) : "
        "supprimez-le",
        'ligne 5 · segments[0]["dur ée"] : champ inconnu (faute de frappe ?)',
        "ligne 6 · segments[0][3] : le nom d'un champ doit être un texte, pas 3",
    ]


def test_multi_line_text_keeps_its_line_breaks_and_tabs():
    agenda = parse_agenda_text(
        "title: T\nsegments:\n  - title: A\n    duration: 5\n    notes: |-\n      un\n      deux\tfin\n",
        "x",
    )
    assert agenda.segments[0].notes == "un\ndeux\tfin"


def test_yaml_conveniences_still_work():
    # anchors and merge keys share settings; a plain "=" is text, not YAML 1.1's !!value
    agenda = parse_agenda_text(
        "title: =\nsegments:\n"
        "  - &atelier {title: Atelier A, kind: workshop, duration: 20m}\n"
        "  - {<<: *atelier, title: Atelier B}\n",
        "x",
    )
    assert agenda.title == "="
    assert [(s.id, s.kind.value, s.duration) for s in agenda.segments] == [
        ("atelier-a", "workshop", 1200),
        ("atelier-b", "workshop", 1200),
    ]
