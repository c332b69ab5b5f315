"""Answers files (--answers): every problem is said plainly, located, and nothing runs."""

from __future__ import annotations

import pytest


def _start(cli, tmp_path, text: str, *extra: str):
    path = tmp_path / "reponses.yaml"
    path.write_text(text, encoding="utf-8")
    return cli("start", "--no-input", "--answers", str(path), "--speed", "10000", *extra)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("moment-marquant: !!python/object/apply:os.system ['touch pwned']\n", "python"),
        ("moment-marquant: [a]\nmoment-marquant: [b]\n", "moment-marquant"),
        ("inconnue: [a]\n", "aucune de ses clés n'est l'identifiant d'une question"),
        (
            "moment-marquant: [a]\ninconnue: [a]\n",
            "aucune question de l'agenda n'a cet identifiant",
        ),
        ("reconnaissance-recit: [9]\n", "de 1 à 5"),
        ("anciennete: [Personne]\n", "n'est pas un des choix"),
        ("table-public: [Jeunes]\n", "question posée dans chaque atelier"),
        ("attendance:\n  Quelqu'un d'autre: absent\n", "pas dans la liste des participants"),
        ("- a\n- b\n", "associe l'identifiant d'une question"),
    ],
)
def test_a_bad_answers_file_is_refused_before_anything_is_recorded(cli, tmp_path, text, expected):
    result = _start(cli, tmp_path, text)
    assert result.code == 1
    assert expected in result.err
    assert "Traceback" not in result.err
    assert not (tmp_path / "pwned").exists()
    assert not (tmp_path / "journal.sqlite3").exists()  # refused before the session opened


def test_answers_file_problems_in_english(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("SEMINAR_LANG", "en")
    result = _start(cli, tmp_path, "reconnaissance-recit: [abc]\n")
    assert result.code == 1
    assert "give a whole number from 1 to 5" in result.err


def test_control_characters_typed_by_a_participant_are_dropped():
    from seminar_cli.agenda.models import Prompt
    from seminar_cli.session.answers import normalise_answer

    prompt = Prompt(id="idee", question="Une idée ?", type="long_text")
    typed = "bip\x07 rouge\x1b[31m\r\nsuite\u202e fin"
    assert normalise_answer(prompt, typed) == "bip rouge[31m\nsuite fin"
