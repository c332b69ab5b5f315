"""Text people type, as it reaches us from a terminal that does not speak UTF-8.

Python reads command-line arguments (and our standard input) with ``surrogateescape``: a byte
that is not UTF-8 — ``é`` typed in a Latin-1 or Windows-1252 terminal is the byte ``E9`` —
becomes a lone surrogate (``\\udce9``) that no file, database or terminal can encode.  The rule,
for every way text enters: such a byte is read as Windows-1252, which is what a terminal sending
it meant (Latin-1 for its letters, and ``€ œ …`` besides), so ``caf\\xe9`` is « café » and not
« caf� »; a byte Windows-1252 leaves undefined, or any other lone surrogate (a YAML ``"\\ud800"``
escape), becomes U+FFFD.  Valid UTF-8 around it is kept as it is.
"""

from __future__ import annotations

import re

_SURROGATE = re.compile("[\ud800-\udfff]")
# control characters (escape sequences, bells, bidi overrides) would reach the projector and the
# documents: a participant's text keeps its letters, line breaks and tabs, nothing else
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _repaired(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # one undecodable byte, escaped by surrogateescape
        return bytes([code - 0xDC00]).decode("cp1252", errors="replace")
    return "\ufffd"


def repair_undecodable(text: str) -> str:
    """``text`` with no lone surrogate left (see the module's rule)."""
    return _SURROGATE.sub(_repaired, text)


def strip_controls(text: str) -> str:
    """``text`` without control characters and bidi overrides; line breaks (as ``\\n``) and
    tabs are kept.  For everything people type: answers, names, the secretary's records; bytes
    a non-UTF-8 terminal sent are read as it meant them (above)."""
    text = repair_undecodable(text)
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


# a name is shown on the projector, in the waiting lines and in the minutes' lists: 3,000
# characters filled the screen; the longest real names (with a title) stay far below this
MAX_NAME = 80


def plain_name(raw: str | None) -> str | None:
    """A person's name as stored and shown (a participant, the facilitator, the secretary):
    without control characters, spaces folded; None when blank; UsageError when too long."""
    from seminar_cli.errors import UsageError

    if raw is None:
        return None
    name = " ".join(strip_controls(raw).split())
    if len(name) > MAX_NAME:
        raise UsageError("common.name_too_long", length=len(name), max=MAX_NAME)
    return name or None
