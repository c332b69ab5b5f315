"""The message catalogue (French and English) and the choice of language.

Messages live in ``seminar_cli.i18n.catalog_*`` modules, one per area, each a mapping
``key -> (french, english)``; together they are the one catalogue.  Language precedence:
``--lang``, then ``SEMINAR_LANG``, then the agenda's ``language``, then the system locale.
"""

from __future__ import annotations

import importlib
import locale
import os
import pkgutil
import re
import unicodedata
from typing import Any, Literal

Language = Literal["fr", "en"]
LANGUAGES: tuple[Language, ...] = ("fr", "en")

NNBSP = "\u202f"  # French groups thousands with a narrow no-break space
ROOM_PLACES = 1  # decimals of a mean read from the back of a room (screen, phones): « 3,8 »

# every ``catalog_*`` module of this package, found rather than listed (each area adds its
# own without touching a shared list); a key is defined in one module only (test_i18n)
_CATALOG_MODULES = tuple(
    sorted(
        info.name.removeprefix("catalog_")
        for info in pkgutil.iter_modules(__path__)
        if info.name.startswith("catalog_")
    )
)
_catalog: dict[str, tuple[str, str]] | None = None
_language: Language = "fr"
_explicit = False  # set by --lang or SEMINAR_LANG: an agenda's language does not override it


def catalog() -> dict[str, tuple[str, str]]:
    global _catalog
    if _catalog is None:
        merged: dict[str, tuple[str, str]] = {}
        for name in _CATALOG_MODULES:
            module = importlib.import_module(f"seminar_cli.i18n.catalog_{name}")
            merged.update(module.MESSAGES)
        _catalog = merged
    return _catalog


def normalise_language(value: str | None) -> Language | None:
    if not value:
        return None
    code = value.strip().lower()[:2]
    if code == "fr":
        return "fr"
    if code == "en":
        return "en"
    return None


def system_language() -> Language:
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        lang = normalise_language(os.environ.get(var))
        if lang:
            return lang
    try:
        lang = normalise_language(locale.getlocale()[0])
    except ValueError:
        lang = None
    return lang or "fr"  # French first: the first users are French-speaking


def init_language(cli_value: str | None) -> Language:
    """Choose the interface language from the command line, the environment, the locale."""
    global _language, _explicit
    chosen = normalise_language(cli_value) or normalise_language(os.environ.get("SEMINAR_LANG"))
    _explicit = chosen is not None
    _language = chosen or system_language()
    return _language


def adopt_agenda_language(value: str | None) -> None:
    """An agenda's ``language`` applies unless the user chose one explicitly."""
    global _language
    lang = normalise_language(value)
    if lang and not _explicit:
        _language = lang


def set_language(lang: Language) -> None:
    global _language
    _language = lang


def current_language() -> Language:
    return _language


def t(key: str, /, lang: Language | None = None, **params: Any) -> str:
    """The message ``key`` in the current language, formatted with ``params`` (in French,
    « de » and « que » elided before a value that begins with a vowel)."""
    pair = catalog().get(key)
    if pair is None:  # a missing key is a bug; show it rather than crash in front of a room
        return key + (" " + repr(params) if params else "")
    if (lang or _language) == "fr":
        return elided(pair[0], params).format(**params) if params else pair[0]
    return pair[1].format(**params) if params else pair[1]


class Keyed(str):
    """A sentence of the catalogue that remembers its key: text made once (a module-level
    help string) that can be said again when the language has changed since."""

    key: str


def keyed(key: str) -> Keyed:
    text = Keyed(t(key))
    text.key = key
    return text


# « de » / « que » right before a placeholder: « Au tour de {name} », « en tant que {name} »
_ELIDABLE = re.compile(r"\b([Dd]e|[Qq]ue|[Jj]usque) \{(\w+)\}")


def begins_with_vowel(word: str) -> bool:
    """« Inès », « Olivier », « Élodie »: French elides before them (not before an h or a
    y, which names leave uncertain: « de Hugo » stays rather than a wrong « d'Hugo »)."""
    first = unicodedata.normalize("NFKD", word.lstrip()[:1])[:1].lower()
    return bool(first) and first in "aeiou"


def elided(template: str, params: dict[str, Any]) -> str:
    """A French ``template`` with « de {x} » made « d'{x} » (and « que », « jusque ») when the
    value put in ``{x}`` begins with a vowel: « Au tour d'Olivier », « en tant qu'Inès »."""

    def elide(match: re.Match[str]) -> str:
        word, name = match.group(1), match.group(2)
        if begins_with_vowel(str(params.get(name, ""))):
            return f"{word[:-1]}'{{{name}}}"
        return match.group(0)

    return _ELIDABLE.sub(elide, template)


def plural(key: str, count: float, lang: Language | None = None) -> str:
    """``key``, or ``key + "_one"`` for a singular count when the catalogue has that form:
    « 1 point », « 0 personne » (French: below 2), "1 point", "0 points" (English: 1 only)."""
    one = abs(count) < 2 if (lang or _language) == "fr" else count == 1
    return f"{key}_one" if one and f"{key}_one" in catalog() else key


def counted(key: str, count: float, /, lang: Language | None = None, **params: Any) -> str:
    """The message ``key`` agreed with ``count`` (``plural``) and said with ``{count}`` in it:
    « 0 réponse », « 1 réponse », « 3 réponses ».  A sentence with several counts is made of
    one such phrase per count, put in its placeholders: « {notes}, {decisions}, {actions} »."""
    return t(plural(key, count, lang), lang=lang, count=count, **params)


def number_text(value: float, lang: Language | None = None, *, places: int | None = None) -> str:
    """A figure as the reader's language writes it: « 4,0 » and « 1 234 » in French, "4.0" and
    "1,234" in English.  ``places``: that many decimals, always (a mean on a room's screen); by
    default a whole number has none and another at most two (the minutes).  The one function
    for figures in the minutes, the terminal's results and the phones' pages."""
    if places is not None:
        text = f"{value:,.{places}f}"
    elif isinstance(value, int) or float(value).is_integer():
        text = f"{int(value):,}"
    else:
        text = f"{value:,.2f}".rstrip("0").rstrip(".")
    if (lang or _language) == "fr":
        return text.replace(",", NNBSP).replace(".", ",")
    return text
