"""Durations as people write them in agendas: ``15m``, ``1h30``, ``90s``, ``1h``, or minutes."""

from __future__ import annotations

import math
import re

MAX_SECONDS = 24 * 3600  # a segment (or a shift) longer than a day is a typo, not a plan

_PATTERN = re.compile(
    r"""^\s*(?:
        (?P<h>\d+)\s*h\s*(?P<hm>\d+)?\s*(?:m|min|mn)?        # 1h, 1h30, 1h30m
      | (?:(?P<m>\d+)\s*(?:m|min|mn)\s*)?(?:(?P<s>\d+)\s*s)?  # 15m, 90s, 2m30s
    )\s*$""",
    re.VERBOSE | re.IGNORECASE,
)


class DurationError(ValueError):
    pass


def parse_duration(value: object) -> int:
    """Seconds from a duration; a bare number is minutes.  Raises DurationError.

    Accepted: more than zero and at most :data:`MAX_SECONDS`."""
    if isinstance(value, bool):
        raise DurationError(value)
    if isinstance(value, int | float):
        try:
            minutes = float(value)
        except OverflowError:  # an int too large for a float
            raise DurationError(value) from None
        if not math.isfinite(minutes) or abs(minutes) > MAX_SECONDS:
            raise DurationError(value)
        seconds = round(minutes * 60)
    elif isinstance(value, str):
        text = value.strip()
        if re.fullmatch(r"\d+(?:[.,]\d+)?", text):
            minutes = float(text.replace(",", "."))
            if not math.isfinite(minutes) or minutes > MAX_SECONDS:
                raise DurationError(value)
            seconds = round(minutes * 60)
        else:
            match = _PATTERN.match(text)
            if not text or not match or not any(match.groupdict().values()):
                raise DurationError(value)
            try:
                parts = {k: int(v) if v else 0 for k, v in match.groupdict().items()}
            except ValueError:  # more digits than int() accepts
                raise DurationError(value) from None
            if parts["hm"] >= 60 or (parts["m"] and parts["s"] >= 60):
                raise DurationError(value)
            seconds = parts["h"] * 3600 + parts["hm"] * 60 + parts["m"] * 60 + parts["s"]
    else:
        raise DurationError(value)
    if not 0 < seconds <= MAX_SECONDS:
        raise DurationError(value)
    return seconds


def format_duration_spec(seconds: int) -> str:
    """The canonical agenda spelling of a duration (round-trips through parse_duration)."""
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if secs:
        return f"{seconds}s"
    if hours and minutes:
        return f"{hours}h{minutes:02d}"
    if hours:
        return f"{hours}h"
    return f"{minutes}m"


def format_clock(seconds: float, *, signed: bool = False) -> str:
    """``mm:ss`` (or ``h:mm:ss`` past an hour); with ``signed``, a leading + or -."""
    sign = ""
    if signed:
        sign = "-" if seconds < 0 else "+"
    total = abs(int(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{sign}{hours}:{minutes:02d}:{secs:02d}"
    return f"{sign}{minutes:02d}:{secs:02d}"


def format_human(seconds: int, lang: str = "fr") -> str:
    """``1 h 30``, ``15 min``, ``90 s`` — for tables read by people."""
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    if secs and not hours and not minutes:
        return f"{secs} s"
    if hours:
        return f"{hours} h {minutes:02d}" if minutes else f"{hours} h"
    if secs:
        return f"{minutes} min {secs:02d}"
    return f"{minutes} min"
