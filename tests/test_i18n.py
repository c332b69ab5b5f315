"""The message catalogue: complete in French and English, and the choice of language."""

from __future__ import annotations

import ast
import importlib
import re
import string
from pathlib import Path

import pytest

from seminar_cli import i18n
from seminar_cli.agenda.models import Majority, PromptType, SegmentKind, Who
from seminar_cli.i18n import catalog, t

SRC = Path(__file__).resolve().parent.parent / "src" / "seminar_cli"
CATALOG = catalog()


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_every_message_exists_in_both_languages_with_the_same_placeholders():
    wrong: list[str] = []
    for key, (french, english) in sorted(CATALOG.items()):
        if not french.strip() or not english.strip():
            wrong.append(f"{key}: empty")
        elif placeholders(french) != placeholders(english):
            wrong.append(f"{key}: {placeholders(french)} != {placeholders(english)}")
        else:
            # and both really format (a stray { or } would crash in front of the room)
            values = {name: "X" for name in placeholders(french)}
            try:
                formatted = (french.format(**values), english.format(**values))
            except (ValueError, IndexError, KeyError) as exc:
                wrong.append(f"{key}: {exc!r}")
                continue
            if values and "X" not in formatted[0]:
                wrong.append(f"{key}: the French text drops its values")
    assert wrong == []


def test_no_key_is_defined_by_two_areas():
    seen: dict[str, str] = {}
    for name in i18n._CATALOG_MODULES:
        module = importlib.import_module(f"seminar_cli.i18n.catalog_{name}")
        for key in module.MESSAGES:
            assert key not in seen, f"{key} in catalog_{name} and catalog_{seen[key]}"
            seen[key] = name


# literals that look like keys in a catalogue's area but are none
NOT_KEYS = {"journal.sqlite3": "the journal's default file name (paths.py)"}
_KEY = re.compile(r"[a-z][a-z0-9_]*(?:\.[A-Za-z0-9_-]+)+")
_QUOTED_KEY = re.compile(r"""["']([a-z][a-z0-9_]*(?:\.[A-Za-z0-9_-]+)+)["']""")


def _keys_in_the_source() -> tuple[set[str], list[re.Pattern[str]]]:
    """Every string literal of ``src`` shaped like a key (the templates' ``t('…')`` too), and
    the keys built at run time, as patterns: an f-string such as ``f"kind.{kind}"`` or
    ``f"{unit}_one"`` stands for every key it can make (its fixed part must hold a word of
    three letters or more, so that ``f"{n}s"`` or ``f"{a}.{b}"`` stand for nothing)."""
    literals: set[str] = set()
    built: list[re.Pattern[str]] = []
    for path in SRC.rglob("*"):
        if not path.is_file() or path.suffix in (".pyc", ".css"):
            continue
        if path.parent.name == "i18n" and path.name.startswith("catalog_"):
            continue
        text = path.read_text(encoding="utf-8")
        if path.suffix != ".py":  # Jinja2 templates
            literals |= set(_QUOTED_KEY.findall(text))
            continue
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                if _KEY.fullmatch(node.value):
                    literals.add(node.value)
            elif isinstance(node, ast.JoinedStr):
                fixed = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
                if re.search(r"[a-z_]{3}", fixed) and re.fullmatch(r"[a-z0-9_.]*", fixed):
                    built.append(
                        re.compile(
                            "".join(
                                re.escape(v.value)
                                if isinstance(v, ast.Constant)
                                else r"[A-Za-z0-9_.-]+"
                                for v in node.values
                            )
                        )
                    )
    return literals, built


def test_every_key_the_source_names_is_in_the_catalogue_and_every_key_is_used():
    literals, built = _keys_in_the_source()
    assert len(literals) > 300 and len(built) > 20, "the scan found little: the pattern is wrong"
    areas = {key.split(".")[0] for key in CATALOG}
    # a key used as a prefix ("agenda.n_prompts" + ".one"/".many") counts when its children exist
    missing = sorted(
        key
        for key in literals
        if key.split(".")[0] in areas
        and key not in CATALOG
        and key not in NOT_KEYS
        and not any(k.startswith(key + ".") for k in CATALOG)
    )
    assert missing == [], "named in src, absent from the catalogue"
    dead = sorted(
        key
        for key in CATALOG
        if key not in literals
        and not any(key.startswith(used + ".") for used in literals)
        and not any(pattern.fullmatch(key) for pattern in built)
    )
    assert dead == [], "in the catalogue, used nowhere"
    assert all(key not in CATALOG for key in NOT_KEYS)


@pytest.mark.parametrize(
    ("prefix", "values"),
    [
        ("kind", [k.value for k in SegmentKind]),
        ("ptype", [p.value for p in PromptType]),
        ("who", [w.value for w in Who]),
        ("agenda.majority", [m.value for m in Majority]),
    ],
)
def test_every_enum_value_has_a_label(prefix, values):
    for value in values:
        assert f"{prefix}.{value}" in CATALOG


def test_french_typography_in_french_messages():
    # a space before « : ; ? ! » in French, never the English quotes 'x' around a value
    for key, (french, _) in CATALOG.items():
        assert not re.search(r"\w[;?!](\s|$)", french), f"{key}: {french!r}"
        assert " '{" not in french, f"{key}: use « {{…}} » in French"


def test_language_precedence(monkeypatch):
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert i18n.init_language(None) == "en"  # the system locale
    i18n.adopt_agenda_language("fr")
    assert i18n.current_language() == "fr"  # the agenda's language beats the locale
    monkeypatch.setenv("SEMINAR_LANG", "en")
    assert i18n.init_language(None) == "en"
    i18n.adopt_agenda_language("fr")
    assert i18n.current_language() == "en"  # SEMINAR_LANG beats the agenda
    assert i18n.init_language("fr") == "fr"  # --lang beats SEMINAR_LANG
    i18n.adopt_agenda_language("en")
    assert i18n.current_language() == "fr"


def test_french_when_nothing_says_otherwise(monkeypatch):
    for var in ("LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE", "SEMINAR_LANG"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setattr(i18n.locale, "getlocale", lambda: (None, None))
    assert i18n.init_language(None) == "fr"


def test_t_formats_and_survives_an_unknown_key():
    i18n.set_language("fr")
    assert t("agenda.line", line=3) == "ligne 3"
    assert t("agenda.line", lang="en", line=3) == "line 3"
    assert t("no.such.key") == "no.such.key"


def test_bad_lang_is_a_usage_error(cli):
    result = cli("--lang", "de", "agenda", "list")
    assert result.code == 2
    assert result.err == "Langue inconnue « de » : choisissez fr ou en.\n"


def test_lang_from_the_environment(cli, monkeypatch):
    monkeypatch.setenv("SEMINAR_LANG", "en")
    result = cli("agenda", "list")
    assert "Available agendas" in result.out


def test_french_elision_before_a_vowel() -> None:
    from seminar_cli.i18n import set_language, t

    set_language("fr")
    assert t("prompt.turn_of_open", name="Olivier Dumas") == "Au tour d'Olivier Dumas"
    assert t("prompt.turn_of", name="Élodie", turn=1, turns=3) == "Au tour d'Élodie (1/3)"
    assert t("prompt.turn_of_open", name="Camille") == "Au tour de Camille"
    assert t("prompt.turn_of_open", name="Hugo") == "Au tour de Hugo"  # h: left as it is
    assert t("join.as", name="Inès Benali").startswith("Vous répondez en tant qu'Inès Benali.")
    assert t("join.as", name="Karim").startswith("Vous répondez en tant que Karim.")
    set_language("en")
    assert t("prompt.turn_of_open", name="Olivier") == "Olivier's turn"


def test_plural_agreement_in_both_languages() -> None:
    from seminar_cli.i18n import plural, set_language, t
    from seminar_cli.minutes.exporters.text import Formatter

    set_language("fr")
    assert t(plural("prompt.hint.words", 1), max=1) == "(un seul mot-clé)"
    assert t(plural("prompt.hint.words", 3), max=3).startswith("(jusqu'à 3 mots-clés")
    french, en = Formatter("fr"), Formatter("en")

    def fr(key: str, **params: str) -> str:  # the spaces a reader sees
        return re.sub("[\u00a0\u202f]", " ", french(key, **params))

    assert fr(plural("min.points", 1, "fr"), n="1") == "1 point"
    assert fr(plural("min.points", 0, "fr"), n="0") == "0 point"
    assert fr(plural("min.points", 4, "fr"), n="4") == "4 points"
    assert en(plural("min.points", 1, "en"), n="1") == "1 point"
    assert en(plural("min.points", 0, "en"), n="0") == "0 points"
    assert "1 personne a répondu" in fr(plural("min.multi_note", 1, "fr"), n="1")
    assert "1 person answered" in en(plural("min.multi_note", 1, "en"), n="1")


def test_english_text_has_no_french_quotes() -> None:
    from seminar_cli.i18n import catalog

    assert [k for k, (_fr, en) in catalog().items() if "«" in en or "»" in en] == []


def test_a_word_cloud_keeps_the_most_frequent_spelling() -> None:
    from seminar_cli.minutes.summary import word_counts
    from seminar_cli.session.answers import normalise_words

    assert normalise_words("ODD17, odd17, Lyon", 5) == ["ODD17", "Lyon"]
    counts = word_counts(["ODD17", "odd17", "ODD17", "Lyon", "lyon"])
    assert counts == {"ODD17": 3, "Lyon": 2}


def test_figures_are_written_as_the_language_writes_them() -> None:
    from seminar_cli.i18n import number_text

    # a mean on a room's screen keeps its one decimal, with the language's decimal mark
    assert number_text(4.0, "fr", places=1) == "4,0"
    assert number_text(4.0, "en", places=1) == "4.0"
    assert number_text(3.75, "fr", places=1) == "3,8"
    # the minutes: no decimals for a whole number, at most two otherwise, thousands grouped
    assert number_text(4.0, "fr") == "4"
    assert number_text(4.25, "fr") == "4,25"
    assert number_text(1234, "fr") == "1\u202f234"
    assert number_text(1234, "en") == "1,234"
