"""Dates, times, numbers and durations as people of each language write them, and escaping.

No locale is read: « jeudi 26 novembre 2026, 14 h 05 » in French, "Thursday 26 November 2026,
2:05 pm" in English, whatever the machine's settings.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Final, Literal

from seminar_cli.i18n import catalog, elided, number_text, plural, t

Lang = Literal["fr", "en"]

# -- French typography ---------------------------------------------------------------------------
# The one rule for every French rendering of the minutes (Markdown, HTML, DOCX; the labels of CSV
# and JSON): a no-break space (U+00A0) before « : », inside « », between a figure and its unit
# (7 h, 15 min, 14 %) and between a day and its month; a narrow no-break space (U+202F) before
# « ; ? ! » and between thousands (12 480), as the Imprimerie nationale writes them.  It applies to
# the tool's own words (the catalogue's sentences, dates, times, numbers, labels), never to what
# people typed (answers, notes, decisions, the agenda's texts): their text is theirs.
NBSP: Final = "\u00a0"
NNBSP: Final = "\u202f"
_URL = re.compile(r"(?:https?|ftp|mailto):\S+|www\.\S+")
_FR_SPACING = (
    (re.compile(r"(?<=\S) +:(?=\s|$)"), NBSP + ":"),
    (re.compile(r"(?<=\S) +([;?!])"), NNBSP + r"\1"),
    (re.compile(r"« +"), "«" + NBSP),
    (re.compile(r" +»"), NBSP + "»"),
    (re.compile(r"(?<=\d) +(?=(?:h|min|s|%|€|mn)(?![\w]))"), NBSP),
)


def french_spacing(text: str) -> str:
    """French typography's no-break spaces in the tool's own words; URLs are left alone (a
    « ? » inside one is no punctuation), and a time such as 14:00 has no space to change."""
    parts = _URL.split(text)
    urls = _URL.findall(text)
    out = []
    for index, part in enumerate(parts):
        for pattern, replacement in _FR_SPACING:
            part = pattern.sub(replacement, part)
        out.append(part)
        if index < len(urls):
            out.append(urls[index])
    return "".join(out)


_DAYS = {
    "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}
_MONTHS = {
    "fr": (
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}


class Formatter:
    """Formats for one language."""

    def __init__(self, lang: Lang) -> None:
        self.lang: Lang = lang

    def __call__(self, key: str, /, **params: object) -> str:
        """A catalogue sentence; in French, its own spaces made no-break before the values are
        put in (so a place or a name given as a value is never touched)."""
        pair = catalog().get(key)
        if self.lang != "fr" or pair is None:
            return t(key, lang=self.lang, **params)
        template = french_spacing(elided(pair[0], params))
        return template.format(**params) if params else template

    def count(self, key: str, n: int, /, **params: object) -> str:
        """``key`` agreed with ``n`` (its ``_one`` form for a singular, as ``plural`` says),
        the figure given as ``{n}``: « 1 siège reste vacant », « 2 sièges restent vacants »."""
        return self(plural(key, n, self.lang), n=self.number(n), **params)

    @property
    def colon(self) -> str:
        """Between a label and its value: « Lieu : Lyon » / "Place: Lyon"."""
        return NBSP + ": " if self.lang == "fr" else ": "

    def units(self, text: str) -> str:
        """A figure and its unit kept together (French only)."""
        return french_spacing(text) if self.lang == "fr" else text

    # -- dates and times ---------------------------------------------------------------------
    def day(self, value: date | datetime) -> str:
        """« jeudi 26 novembre 2026 » / "Thursday 26 November 2026"."""
        weekday = _DAYS[self.lang][value.weekday()]
        month = _MONTHS[self.lang][value.month - 1]
        number = "1er" if self.lang == "fr" and value.day == 1 else str(value.day)
        if self.lang == "fr":
            return f"{weekday} {number}{NBSP}{month} {value.year}"
        return f"{weekday} {number} {month} {value.year}"

    def short_day(self, value: date | datetime) -> str:
        """« 26 novembre 2026 » / "26 November 2026" (due dates)."""
        month = _MONTHS[self.lang][value.month - 1]
        number = "1er" if self.lang == "fr" and value.day == 1 else str(value.day)
        if self.lang == "fr":
            return f"{number}{NBSP}{month} {value.year}"
        return f"{number} {month} {value.year}"

    def clock(self, value: datetime) -> str:
        """« 14 h 05 », « 14 h » / "2:05 pm"."""
        if self.lang == "fr":
            if value.minute == 0:
                return f"{value.hour}{NBSP}h"
            return f"{value.hour}{NBSP}h{NBSP}{value.minute:02d}"
        suffix = "am" if value.hour < 12 else "pm"
        hour = value.hour % 12 or 12
        return f"{hour}:{value.minute:02d} {suffix}"

    def moment(self, value: datetime) -> str:
        """« jeudi 26 novembre 2026, 14 h 05 » / "Thursday 26 November 2026, 2:05 pm"."""
        return f"{self.day(value)}, {self.clock(value)}"

    def clock_range(self, start: datetime | None, end: datetime | None) -> str:
        if start is None:
            return ""
        if end is None:
            return self.clock(start)
        if end.date() != start.date():
            return f"{self.clock(start)} – {self.day(end)}, {self.clock(end)}"
        return f"{self.clock(start)} – {self.clock(end)}"

    def moment_or_clock(self, value: datetime, day: date) -> str:
        """A time of the session's day as a clock time; another day in full."""
        return self.clock(value) if value.date() == day else self.moment(value)

    # -- numbers and durations -----------------------------------------------------------------
    def number(self, value: float | int | None) -> str:
        if value is None:
            return "—"
        return number_text(value, self.lang)

    def percent(self, part: int, whole: int) -> str:
        if whole <= 0:
            return ""
        share = round(100 * part / whole)
        return f"{share}{NBSP}%" if self.lang == "fr" else f"{share}%"

    def duration(self, seconds: int | None) -> str:
        """« 15 min », « 1 h 05 », « 45 s » / "15 min", "1 h 05 min", "45 s"."""
        if seconds is None:
            return ""
        seconds = int(seconds)
        if abs(seconds) < 60:
            return self.units(f"{seconds} s")
        minutes = round(seconds / 60)
        hours, rest = divmod(abs(minutes), 60)
        sign = "-" if minutes < 0 else ""
        if not hours:
            return self.units(f"{sign}{rest} min")
        if self.lang == "fr":
            text = f"{sign}{hours} h {rest:02d}" if rest else f"{sign}{hours} h"
            return text.replace(" ", NBSP)  # « 1 h 05 » never broken
        return f"{sign}{hours} h {rest:02d} min" if rest else f"{sign}{hours} h"

    def delta(self, seconds: int | None) -> str:
        """An overrun or an advance: « +3 min », « −2 min », « à l'heure »."""
        if seconds is None:
            return ""
        if abs(seconds) < 30:
            return self("min.on_time")
        text = self.duration(abs(seconds))
        return f"+{text}" if seconds > 0 else f"−{text}"


# -- escaping ------------------------------------------------------------------------------------
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def printable(text: str) -> str:
    """Without the control characters that XML, and most readers, cannot carry."""
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


_MD_ALWAYS = re.compile(r"([\\`*_\[\]<>|~#])")
_MD_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_MD_LINE_START = re.compile(r"^(\s*)([-+=>]|\d+(?=[.)]))", re.MULTILINE)


class MdSafe(str):
    """Markdown written by the templates themselves: not escaped again."""

    __slots__ = ()


def md_escape(value: object) -> MdSafe:
    """Participants' text as Markdown that renders as the same text, never as markup:
    links, images, HTML tags, emphasis, headings, lists and tables all neutralised."""
    if isinstance(value, MdSafe):
        return value
    text = printable(str(value))
    text = _MD_ALWAYS.sub(r"\\\1", text)
    text = _MD_ENTITY.sub(r"\\&", text)

    def line_start(match: re.Match[str]) -> str:
        lead, mark = match.group(1), match.group(2)
        if mark.isdigit():
            return f"{lead}{mark}\\"  # "1." -> "1\." : not a numbered list
        return f"{lead}\\{mark}"

    return MdSafe(_MD_LINE_START.sub(line_start, text))


def md_inline(value: object) -> MdSafe:
    """Escaped, on one line (table cells, headings)."""
    return MdSafe(re.sub(r"\s*\n\s*", " ", md_escape(value)).strip())


def md_block(value: object, indent: int = 0) -> MdSafe:
    """Escaped, its lines kept as hard line breaks, continuation lines indented."""
    lines = md_escape(value).split("\n")
    pad = " " * indent
    kept = [line.strip() for line in lines]  # no accidental code blocks
    return MdSafe(("  \n" + pad).join(line if line else "" for line in kept).rstrip())


_ORDINALS = {
    "fr": (
        "Première",
        "Deuxième",
        "Troisième",
        "Quatrième",
        "Cinquième",
        "Sixième",
        "Septième",
        "Huitième",
        "Neuvième",
        "Dixième",
        "Onzième",
        "Douzième",
        "Treizième",
        "Quatorzième",
        "Quinzième",
        "Seizième",
        "Dix-septième",
        "Dix-huitième",
        "Dix-neuvième",
        "Vingtième",
    ),
    "en": (
        "First",
        "Second",
        "Third",
        "Fourth",
        "Fifth",
        "Sixth",
        "Seventh",
        "Eighth",
        "Ninth",
        "Tenth",
        "Eleventh",
        "Twelfth",
        "Thirteenth",
        "Fourteenth",
        "Fifteenth",
        "Sixteenth",
        "Seventeenth",
        "Eighteenth",
        "Nineteenth",
        "Twentieth",
    ),
}


def ordinal(number: int, lang: Lang) -> str:
    """« Première » / "First" — as a resolution is numbered in a procès-verbal."""
    words = _ORDINALS[lang]
    if 1 <= number <= len(words):
        return words[number - 1]
    if lang == "fr":
        return f"{number}e"
    suffix = (
        "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{suffix}"
