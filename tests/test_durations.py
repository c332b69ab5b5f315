"""Durations as facilitators write them, and how the tool prints them back."""

from __future__ import annotations

import pytest

from seminar_cli.durations import (
    MAX_SECONDS,
    DurationError,
    format_clock,
    format_duration_spec,
    format_human,
    parse_duration,
)


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("15m", 900),
        ("15 min", 900),
        ("15mn", 900),
        ("1h30", 5400),
        ("1h30m", 5400),
        ("1 h 30", 5400),
        ("1H30", 5400),
        ("90s", 90),
        ("2m30s", 150),
        ("1h", 3600),
        ("0h45", 2700),
        ("20", 1200),  # a plain number is minutes
        (" 20 ", 1200),
        ("1,5", 90),  # French decimal comma
        ("1.5", 90),
        (20, 1200),
        (1.5, 90),
        ("24h", MAX_SECONDS),
        (1440, MAX_SECONDS),
    ],
)
def test_accepted_durations(text, seconds):
    assert parse_duration(text) == seconds


@pytest.mark.parametrize(
    "text",
    [
        0,
        "0",
        "0m",
        -5,
        "-5",
        "abc",
        "1h75",  # 75 minutes past the hour: a typo for 1h15?
        "2m70s",
        "",
        "   ",
        "m",
        "h",
        "15 minutes de pause",
        True,  # YAML reads `yes` as a boolean
        None,
        [15],
        float("inf"),
        float("nan"),
        10**400,  # larger than any float
        "9" * 5000 + "m",  # more digits than int() takes
        "25h",  # longer than a day: surely a typo
        1441,
    ],
)
def test_refused_durations(text):
    with pytest.raises(DurationError):
        parse_duration(text)


@pytest.mark.parametrize("seconds", [1, 59, 60, 90, 900, 3599, 3600, 5400, 7260, MAX_SECONDS])
def test_the_canonical_spelling_round_trips(seconds):
    assert parse_duration(format_duration_spec(seconds)) == seconds


def test_canonical_spellings():
    assert format_duration_spec(900) == "15m"
    assert format_duration_spec(5400) == "1h30"
    assert format_duration_spec(3600) == "1h"
    assert format_duration_spec(90) == "90s"


def test_human_durations_for_tables():
    assert format_human(900) == "15 min"
    assert format_human(5400) == "1 h 30"
    assert format_human(3600) == "1 h"
    assert format_human(45) == "45 s"
    assert format_human(90) == "1 min 30"


def test_clock_faces():
    assert format_clock(65) == "01:05"
    assert format_clock(3725) == "1:02:05"
    assert format_clock(-30, signed=True) == "-00:30"
    assert format_clock(30, signed=True) == "+00:30"
