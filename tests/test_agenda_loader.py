"""Files that are not agendas at all: each gets one clear message, exit 1, never a traceback."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from seminar_cli.agenda.loader import (
    MAX_BYTES,
    format_location,
    load_agenda,
    parse_agenda_text,
    read_agenda_file,
)
from seminar_cli.errors import AgendaError, AgendaNotFound
from tests.conftest import AGENDAS, seminar_cmd, subprocess_env

BILLION_LAUGHS = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
title: lol
segments: [{title: A, duration: 5}]
"""


def validate(cli, tmp_path: Path, content: bytes, *options: str) -> str:
    path = tmp_path / "agenda.yaml"
    path.write_bytes(content)
    result = cli(*options, "agenda", "validate", str(path))
    assert result.code == 1
    assert result.out == ""
    assert "Traceback" not in result.err
    return result.err.replace(str(path), "FILE").rstrip("\n")


@pytest.mark.parametrize(
    ("content", "french", "english"),
    [
        (
            b"",
            "FILE est vide : un agenda doit au moins avoir un titre (title) et des séquences "
            "(segments).",
            "FILE is empty: an agenda needs at least a title and segments.",
        ),
        (
            b"# only a comment\n\n",
            "FILE est vide : un agenda doit au moins avoir un titre (title) et des séquences "
            "(segments).",
            "FILE is empty: an agenda needs at least a title and segments.",
        ),
        (
            b"title: [Co-construisons\nsegments: []\n",
            "FILE, ligne 2, colonne 9 : erreur de syntaxe YAML — crochet [ ] ou accolade { } non "
            "refermé, ou virgule manquante",
            "FILE, line 2, column 9: YAML syntax error — unclosed bracket [ ] or brace { }, or a "
            "missing comma",
        ),
        (
            b"title: Seminaire\nsegments:\n  - title: A\n\tduration: 5\n",
            "FILE, ligne 4, colonne 1 : erreur de syntaxe YAML — tabulation interdite en YAML : "
            "indentez avec des espaces",
            "FILE, line 4, column 1: YAML syntax error — tab characters are not allowed in YAML: "
            "indent with spaces",
        ),
        (
            b"title: Ordre du jour: le budget\nsegments: []\n",
            "FILE, ligne 1, colonne 21 : erreur de syntaxe YAML — « : » inattendu ; si la valeur "
            "contient « : », mettez-la entre guillemets, sinon vérifiez l'indentation",
            "FILE, line 1, column 21: YAML syntax error — unexpected ':'; if the value contains "
            "':', put it in quotes, otherwise check the indentation",
        ),
        (
            b'title: "Co-construisons demain\nsegments: []\n',
            "FILE, ligne 3, colonne 1 : erreur de syntaxe YAML — fin du fichier inattendue : un "
            "guillemet n'est pas refermé",
            "FILE, line 3, column 1: YAML syntax error — unexpected end of file: a quote is not "
            "closed",
        ),
        (
            b"title: T\nsegments:\n  - title: @accueil\n",
            "FILE, ligne 3, colonne 12 : erreur de syntaxe YAML — une valeur ne peut pas "
            "commencer par '@' ; mettez-la entre guillemets",
            "FILE, line 3, column 12: YAML syntax error — a value cannot start with '@'; put it "
            "in quotes",
        ),
        (
            b"title: T\n---\ntitle: U\n",
            "FILE, ligne 2, colonne 1 : erreur de syntaxe YAML — un seul document par fichier : "
            "retirez les « --- » supplémentaires",
            "FILE, line 2, column 1: YAML syntax error — one document per file: remove the extra "
            "'---'",
        ),
        (
            b"title: *nulle_part\n",
            "FILE, ligne 1, colonne 8 : erreur de syntaxe YAML — alias (*nom) sans ancre (&nom) "
            "correspondante",
            "FILE, line 1, column 8: YAML syntax error — alias (*name) without a matching anchor "
            "(&name)",
        ),
        (
            "title: Séminaire d'été\nsegments: []\n".encode("latin-1"),
            "FILE n'est pas encodé en UTF-8 (octet invalide ligne 1, colonne 9). Enregistrez-le "
            "en UTF-8.",
            "FILE is not UTF-8 encoded (invalid byte at line 1, column 9). Save it as UTF-8.",
        ),
        (
            "title: T\n".encode("utf-16"),
            "FILE n'est pas encodé en UTF-8 (octet invalide ligne 1, colonne 1). Enregistrez-le "
            "en UTF-8.",
            "FILE is not UTF-8 encoded (invalid byte at line 1, column 1). Save it as UTF-8.",
        ),
        (
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
            "FILE n'est pas un fichier texte (il contient des octets nuls) : un agenda est un "
            "fichier YAML.",
            "FILE is not a text file (it contains null bytes): an agenda is a YAML file.",
        ),
        (
            bytes(range(128, 256)),
            "FILE n'est pas encodé en UTF-8 (octet invalide ligne 1, colonne 1). Enregistrez-le "
            "en UTF-8.",
            "FILE is not UTF-8 encoded (invalid byte at line 1, column 1). Save it as UTF-8.",
        ),
        (
            b"title: T\x07\nsegments: []\n",
            "FILE, ligne 1, colonne 9 : caractère de contrôle interdit (code 7) dans un fichier "
            "YAML ; supprimez-le.",
            "FILE, line 1, column 9: control character not allowed in a YAML file (code 7); "
            "delete it.",
        ),
        (
            b"title: T\nsegments:\n  - {<<: 3, title: A}\n",
            "FILE, ligne 3, colonne 10 : erreur de syntaxe YAML — « <<: » ne fusionne qu'un "
            "dictionnaire désigné par une ancre (<<: *nom)",
            "FILE, line 3, column 10: YAML syntax error — '<<:' merges only a mapping named by an "
            "anchor (<<: *name)",
        ),
        (
            b"- title: A\n- title: B\n",
            "FILE : un agenda doit être un dictionnaire YAML (title:, segments:…), pas une liste "
            "ni une valeur seule.",
            "FILE: an agenda must be a YAML mapping (title:, segments:…), not a list or a single "
            "value.",
        ),
        (
            b"Co-construisons demain\n",
            "FILE : un agenda doit être un dictionnaire YAML (title:, segments:…), pas une liste "
            "ni une valeur seule.",
            "FILE: an agenda must be a YAML mapping (title:, segments:…), not a list or a single "
            "value.",
        ),
        (
            BILLION_LAUGHS.encode(),
            "FILE est trop complexe (alias YAML démesurés) : refusé par sécurité.",
            "FILE is too complex (runaway YAML aliases): refused for safety.",
        ),
        (
            b"a: " + b"[" * 5000 + b"]" * 5000 + b"\n",
            "FILE est trop imbriqué pour être un agenda (listes ou dictionnaires emboîtés à "
            "l'excès).",
            "FILE is nested too deeply to be an agenda (lists or mappings inside each other, too "
            "many levels).",
        ),
        (
            b'!!python/object/apply:os.system ["touch pwned"]\n',
            "FILE, ligne 1 : l'étiquette YAML « !!python/object/apply:os.system » est refusée. "
            "Un agenda ne contient que du texte, des nombres, des listes et des dictionnaires ; "
            "rien n'a été exécuté.",
            "FILE, line 1: the YAML tag '!!python/object/apply:os.system' is refused. An agenda "
            "holds only text, numbers, lists and mappings; nothing was executed.",
        ),
        (
            b"title: T\nsegments:\n  - title: !!python/name:os.system\n    duration: 5\n",
            "FILE, ligne 3 : l'étiquette YAML « !!python/name:os.system » est refusée. Un agenda "
            "ne contient que du texte, des nombres, des listes et des dictionnaires ; rien n'a "
            "été exécuté.",
            "FILE, line 3: the YAML tag '!!python/name:os.system' is refused. An agenda holds "
            "only text, numbers, lists and mappings; nothing was executed.",
        ),
        (
            b"title: !important T\nsegments: []\n",
            "FILE, ligne 1 : l'étiquette YAML « !important » est refusée. Un agenda ne contient "
            "que du texte, des nombres, des listes et des dictionnaires ; rien n'a été exécuté.",
            "FILE, line 1: the YAML tag '!important' is refused. An agenda holds only text, "
            "numbers, lists and mappings; nothing was executed.",
        ),
    ],
    ids=[
        "empty",
        "comment-only",
        "unclosed-bracket",
        "tab",
        "colon-in-value",
        "unclosed-quote",
        "reserved-character",
        "two-documents",
        "undefined-alias",
        "latin-1",
        "utf-16",
        "binary-png",
        "binary-junk",
        "control-character",
        "bad-merge",
        "list",
        "scalar",
        "alias-bomb",
        "deep-nesting",
        "python-tag",
        "python-name-tag",
        "local-tag",
    ],
)
def test_files_that_are_not_agendas(cli, tmp_path, content, french, english):
    assert validate(cli, tmp_path, content) == french
    assert validate(cli, tmp_path, content, "--lang", "en") == english


def test_the_python_tag_is_never_executed(cli, tmp_path):
    marker = tmp_path / "pwned"
    content = f'title: !!python/object/apply:os.system ["touch {marker}"]\nsegments: []\n'
    validate(cli, tmp_path, content.encode())
    assert not marker.exists()


def test_an_explicit_standard_tag_with_a_bad_value(cli, tmp_path):
    message = validate(cli, tmp_path, b"title: T\nsegments:\n  - {title: A, duration: !!int abc}\n")
    assert message.startswith(
        "FILE : une valeur marquée d'une étiquette YAML explicite (!!…) est illisible : "
    )


def test_duplicate_keys_are_reported_not_silently_overwritten(cli, tmp_path):
    message = validate(
        cli,
        tmp_path,
        b"title: T\nsegments:\n  - title: A\n    duration: 10\n    duration: 20\ntitle: U\n",
    )
    assert message.splitlines() == [
        "FILE n'est pas un agenda valide :",
        "  • ligne 5 · segments[0] : la clé « duration » apparaît deux fois (la seconde "
        "écraserait la première)",
        "  • ligne 6 · racine du fichier : la clé « title » apparaît deux fois (la seconde "
        "écraserait la première)",
    ]


def test_too_large_a_file(cli, tmp_path):
    content = b"title: T\n# " + b"x" * MAX_BYTES + b"\n"
    assert validate(cli, tmp_path, content) == (
        "FILE est trop volumineux pour être un agenda (plus de 2 Mo)."
    )


def test_a_byte_order_mark_is_fine(tmp_path):
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbftitle: T\nsegments: [{title: A, duration: 5}]\n")
    assert read_agenda_file(path).agenda.title == "T"


def test_missing_file_and_folder(cli, tmp_path):
    result = cli("agenda", "validate", str(tmp_path / "nope.yaml"))
    assert result.code == 1
    assert result.err == f"Fichier d'agenda introuvable : {tmp_path / 'nope.yaml'}\n"
    result = cli("agenda", "validate", str(tmp_path))
    assert result.code == 1
    assert result.err == f"{tmp_path} est un dossier, pas un fichier d'agenda.\n"


def test_unknown_agenda_name(cli):
    result = cli("agenda", "show", "inconnu")
    assert result.code == 1
    assert result.err == (
        "Agenda inconnu : « inconnu ». Donnez un chemin de fichier ou le nom d'un agenda fourni "
        "(assemblee-generale, co-construisons-demain, team-retrospective).\n"
    )
    with pytest.raises(AgendaNotFound):
        load_agenda("inconnu")


def test_loaded_agenda_keeps_its_text_and_source():
    loaded = load_agenda(None)
    path = AGENDAS / "co-construisons-demain.yaml"
    assert loaded.source == str(path)
    assert loaded.text == path.read_text(encoding="utf-8")
    assert loaded.agenda.title == "Co-construisons demain"


def test_format_location():
    assert format_location(("segments", 2, "duration")) == "segments[2].duration"
    assert format_location(("title",)) == "title"
    assert format_location(()) == ""


def test_parse_errors_are_agenda_errors():
    for text in ("", "[", "- a", "a: *b", "!!python/none x"):
        with pytest.raises(AgendaError):
            parse_agenda_text(text, "x")


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"title: [\n",
        b"\xff\xfe\x00",
        b'!!python/object/apply:os.system ["echo hi"]\n',
        BILLION_LAUGHS.encode(),
        b"- just\n- a list\n",
    ],
    ids=["empty", "syntax", "binary", "python-tag", "alias-bomb", "list"],
)
def test_real_process_exits_1_without_traceback(tmp_path, content):
    path = tmp_path / "bad.yaml"
    path.write_bytes(content)
    done = subprocess.run(
        [*seminar_cmd(), "agenda", "validate", str(path)],
        capture_output=True,
        text=True,
        env=subprocess_env(tmp_path),
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr + done.stdout
    assert str(path) in done.stderr
