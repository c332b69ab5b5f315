"""The secretary's records: notes, decisions and actions written into a session's journal
(``seminar note``, ``decision``, ``action`` and the lines of the ``secretary`` console).

They go to the live session's current segment, or to a named session and segment, also after
the session has closed (minutes are often completed after the meeting).  What a line means,
where a record goes and what is written are decided here; the terminal only reads and tells.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Literal

from seminar_cli.errors import SessionError, UsageError
from seminar_cli.journal.events import EventType

if TYPE_CHECKING:
    from seminar_cli.agenda.models import Agenda
    from seminar_cli.journal.state import SessionState
    from seminar_cli.journal.store import Journal, SessionRow
    from seminar_cli.session.service import SessionWriter

RecordKind = Literal["note", "decision", "action"]
MAX_RECORD = 20_000

_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
_FRENCH = re.compile(r"^\s*(\d{1,2})[/.](\d{1,2})[/.](\d{4})\s*$")
_DUE_AT_END = re.compile(r"\s+\[?(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.]\d{1,2}[/.]\d{4})\]?\s*$")


class NoSuchDate(ValueError):
    """Written as a date should be, but that day does not exist (31/02/2027)."""


def parse_due(text: str) -> date:
    """``YYYY-MM-DD`` or ``DD/MM/YYYY`` (as French people write it); ValueError otherwise,
    NoSuchDate when the form is right and the day does not exist."""
    match = _ISO.match(text)
    if match:
        year, month, day = (int(g) for g in match.groups())
    else:
        match = _FRENCH.match(text)
        if not match:
            raise ValueError(text)
        day, month, year = (int(g) for g in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        raise NoSuchDate(text) from None


def due_option(text: str | None) -> str | None:
    """The ``--due`` value as an ISO date, or a clear usage error."""
    if text is None or not text.strip():
        return None
    try:
        return parse_due(text).isoformat()
    except NoSuchDate:
        raise UsageError("secretary.no_such_due", value=text) from None
    except ValueError:
        raise UsageError("secretary.bad_due", value=text) from None


def clean_text(text: str) -> str:
    from seminar_cli.typed_text import strip_controls

    # an escape sequence would recolour or clear the terminal that echoes the record
    cleaned = strip_controls(text).strip()
    if not cleaned:
        raise UsageError("secretary.empty")
    if len(cleaned) > MAX_RECORD:
        raise UsageError("secretary.too_long", max=MAX_RECORD)
    return cleaned


def clean_owner(owner: str | None) -> str:
    """An action's owner as stored and shown; UsageError when there is none."""
    from seminar_cli.typed_text import strip_controls

    cleaned = strip_controls(owner or "").strip()
    if not cleaned:
        raise UsageError("secretary.action_needs_owner")
    return cleaned


@dataclass(frozen=True)
class ConsoleLine:
    """One line typed in the secretary's console."""

    kind: RecordKind | Literal["help", "quit", "segment"]
    text: str = ""
    owner: str | None = None
    due: str | None = None


def parse_console_line(line: str) -> ConsoleLine:
    """A note; ``d: …`` a decision; ``a: … @owner [due]`` an action; ``?`` help; empty: quit.

    Raises UsageError for an action without an owner or with an impossible date."""
    text = line.strip()
    if not text:
        return ConsoleLine("quit")
    if text in ("?", "h:", "help", "aide"):
        return ConsoleLine("help")
    prefix, _, rest = text.partition(":")
    prefix = prefix.strip().lower()
    if prefix in ("d", "décision", "decision") and rest.strip():
        return ConsoleLine("decision", clean_text(rest))
    if prefix in ("n", "note") and rest.strip():
        return ConsoleLine("note", clean_text(rest))
    if prefix in ("s", "segment"):
        return ConsoleLine("segment", rest.strip())
    if prefix in ("a", "action") and rest.strip():
        body = rest.strip()
        due = None
        found = _DUE_AT_END.search(body)
        if found:
            due = due_option(found.group(1))
            body = body[: found.start()]
        what, at_sign, owner = body.rpartition("@")
        if not at_sign or not owner.strip() or not what.strip():
            raise UsageError("secretary.action_needs_owner")
        return ConsoleLine("action", clean_text(what), clean_owner(owner), due)
    return ConsoleLine("note", clean_text(text))


def target_segment(state: SessionState, segment: str | None) -> str | None:
    """Where a record goes: the named segment, else the current one (none once closed)."""
    if segment is not None:
        ids = [s.id for s in state.agenda.segments]
        if segment not in ids:
            raise SessionError("secretary.unknown_segment", segment=segment, ids=", ".join(ids))
        return segment
    if state.closed:
        return None
    return state.current_segment_for_records()


def workshop_target(
    agenda: Agenda, workshop: str | None, segment: str | None
) -> tuple[str, str] | None:
    """``--workshop``: (the workshop's stream, its segment) for a workshop of the agenda; a
    record about a workshop goes into its stream, under the segment that split into it.
    UsageError (exit 2) for an unknown id, listing the agenda's, or for a ``--segment`` that
    is not the workshop's."""
    if workshop is None:
        return None
    found = agenda.all_workshops()
    ids = [w.id for _s, w in found]
    if not ids:
        raise UsageError("secretary.no_workshops", workshop=workshop)
    match = next(((s, w) for s, w in found if w.id == workshop), None)
    if match is None:
        raise UsageError("secretary.unknown_workshop", workshop=workshop, ids=", ".join(ids))
    split, _workshop = match
    if segment is not None and segment != split.id:
        raise UsageError(
            "secretary.workshop_segment", workshop=workshop, segment=split.id, given=segment
        )
    return workshop, split.id


def open_writer(journal: Journal, row: SessionRow, stream: str = "") -> SessionWriter:
    """A writer for the secretary's records, on the session's clock (in a workshop's
    ``stream`` with ``--workshop``)."""
    from seminar_cli.session.service import writer_on_session_clock

    return writer_on_session_clock(journal, row, stream)


@dataclass(frozen=True)
class SavedRecord:
    """A record as written: what the secretary is told back."""

    kind: RecordKind
    segment: str | None  # where it went; None: the session as a whole
    segment_title: str | None
    at: datetime
    owner: str | None = None  # an action's, as stored
    due: str | None = None  # an action's, as an ISO date
    session_closed: bool = False
    erratum: bool = False  # recorded after the seal
    workshop_title: str | None = None  # with --workshop: the workshop whose stream holds it


def write_record(
    writer: SessionWriter,
    kind: RecordKind,
    text: str,
    *,
    segment: str | None = None,
    owner: str | None = None,
    due: str | None = None,
    erratum: bool = False,
) -> SavedRecord:
    """Append one record to the named segment, else the current one.  Once the session is
    sealed, only an erratum; before, never one (checked in the transaction that writes it)."""
    writer.sync()
    where = target_segment(writer.state, segment)
    payload: dict[str, str | bool] = {"text": clean_text(text)}
    if where is not None:
        payload["segment"] = where
    owner_stored = due_iso = None
    if kind == "action":
        payload["owner"] = owner_stored = clean_owner(owner)
        due_iso = due_option(due)
        if due_iso:
            payload["due"] = due_iso
    if erratum:
        payload["erratum"] = True

    def fits_the_seal(state: SessionState) -> bool:
        return (state.sealed is not None) == erratum

    _check_seal(writer.state, erratum, writer.session_id)
    event = writer.record_if(
        fits_the_seal, EventType(kind), watch=[EventType.session_sealed], **payload
    )
    if event is None:  # sealed meanwhile, by another process
        writer.sync()
        _check_seal(writer.state, erratum, writer.session_id)
        raise SessionError("seal.needs_erratum", id=writer.session_id, at="?")
    workshop = next((w for _s, w in writer.agenda.all_workshops() if w.id == writer.stream), None)
    return SavedRecord(
        kind,
        where,
        writer.agenda.segment(where).title if where is not None else None,
        event.at,
        owner_stored,
        due_iso,
        writer.state.closed,
        erratum,
        workshop.title if workshop is not None else None,
    )


def _check_seal(state: SessionState, erratum: bool, session_id: str) -> None:
    from seminar_cli.session.seal import moment_text

    if state.sealed is not None and not erratum:
        raise SessionError("seal.needs_erratum", id=session_id, at=moment_text(state.sealed.when))
    if state.sealed is None and erratum:
        raise SessionError("seal.erratum_unsealed", id=session_id)


def add_record(
    journal: Journal,
    row: SessionRow,
    kind: RecordKind,
    text: str,
    *,
    segment: str | None = None,
    owner: str | None = None,
    due: str | None = None,
    erratum: bool = False,
    workshop: str | None = None,
) -> SavedRecord:
    """``seminar note | decision | action``: one record into ``row``, on the session's clock
    (``erratum``: after the seal; ``workshop``: into that workshop's stream, under its
    segment).  What was typed is checked before anything is opened for writing."""
    from seminar_cli.session.service import stored_agenda

    text = clean_text(text)
    due_iso = due_option(due) if kind == "action" else None
    owner = clean_owner(owner) if kind == "action" else None
    target = workshop_target(stored_agenda(row), workshop, segment)
    stream = ""
    if target is not None:
        stream, segment = target
    return write_record(
        open_writer(journal, row, stream),
        kind,
        text,
        segment=segment,
        owner=owner,
        due=due_iso,
        erratum=erratum,
    )
