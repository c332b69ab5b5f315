"""Answers files (``--answers``), and the names of answer values kept here for their callers.

The normal form of each prompt type's answers, and ``normalise_answer``, are in
``session/prompt_types.py``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from seminar_cli.agenda.models import Agenda, Ballot, Prompt, Segment
from seminar_cli.errors import AgendaError, AnswerError
from seminar_cli.session.prompt_types import MAX_TEXT, normalise_answer, normalise_words
from seminar_cli.typed_text import strip_controls

__all__ = [
    "MAX_TEXT",
    "AnswerError",
    "AnswersFile",
    "AttendanceEntry",
    "ScriptedAnswer",
    "load_answers_file",
    "named_ref",
    "normalise_answer",
    "normalise_words",
    "strip_controls",
]


def named_ref(prompt_id: str, participant: str) -> str:
    """The journal's unique reference of a named answer from a file (PRODUCT §9): by
    participant and prompt, so the same person's answer is never recorded twice, whichever
    file or process brings it again; spelling and case of the name do not count."""
    return f"answers:{prompt_id}:{' '.join(participant.split()).casefold()}"


@dataclass(frozen=True)
class ScriptedAnswer:
    prompt: str
    participant: str | None  # None: anonymous, the room, or a participant left unnamed
    value: Any  # normalised
    # a secret ballot's entry ``{participant, value, for}``: who casts it and for which member
    # (None: themselves); it goes through the anonymous pool, and ``participant`` stays None
    voter: str | None = None
    on_behalf: str | None = None

    @property
    def ref(self) -> str | None:
        """Named entries only: unnamed ones are counted per file content instead."""
        return named_ref(self.prompt, self.participant) if self.participant else None


@dataclass(frozen=True)
class AttendanceEntry:
    status: str  # present | excused | absent | represented
    represented_by: str | None = None


@dataclass(frozen=True)
class AnswersFile:
    answers: dict[str, list[ScriptedAnswer]]
    attendance: dict[str, AttendanceEntry]
    digest: str = ""  # of the file's content: its unnamed entries are delivered once


ATTENDANCE_KEY = "attendance"  # reserved top-level key: roster name -> status
_STATUSES = {"present", "excused", "absent", "represented"}


def load_answers_file(path: Path, agenda: Agenda, stream: str = "") -> AnswersFile:
    """Read and check an answers file: prompt id -> list of values or {participant, value};
    an optional ``attendance:`` mapping gives roster names a status other than present.
    ``stream``: the workshop whose prompts it answers (``join --workshop``), else the
    plenary's."""

    from seminar_cli.agenda.loader import MAX_BYTES, decode_agenda_bytes, read_bounded, read_yaml
    from seminar_cli.session.stream_prompts import find_stream_prompt

    def find_prompt(prompt_id: str) -> tuple[Segment, Prompt] | None:
        return find_stream_prompt(agenda, stream, prompt_id)

    source = str(path)
    try:
        # 2 MB is some 20,000 answers, already seconds of YAML reading: the agenda's own limit
        raw_bytes = read_bounded(path, MAX_BYTES, "answers")
    except FileNotFoundError:
        raise AgendaError("answers.no_file", file=source) from None
    except OSError as exc:
        raise AgendaError("answers.unreadable", file=source, reason=exc.strerror) from None
    digest = hashlib.sha256(raw_bytes).hexdigest()
    text = decode_agenda_bytes(raw_bytes, source, "answers")
    data, _root, duplicates = read_yaml(text, source)
    if duplicates:
        raise AgendaError("answers.invalid", problems=[p for _, p in duplicates], file=source)
    if data is None:
        return AnswersFile({}, {}, digest)
    if not isinstance(data, dict):
        raise AgendaError("answers.not_mapping", file=source)
    known = {p.id for _s, p in agenda.all_prompts()} | {
        p.id for _s, w in agenda.all_workshops() for p in w.prompts
    }
    # a file of this agenda's answers, even if they are another stream's (then said below)
    if not any(str(key) == ATTENDANCE_KEY or str(key) in known for key in data):
        raise AgendaError("answers.not_answers", file=source)  # some other file: quote none of it
    problems: list[str] = []
    result: dict[str, list[ScriptedAnswer]] = {}
    attendance: dict[str, AttendanceEntry] = {}
    if ATTENDANCE_KEY in data and find_prompt(ATTENDANCE_KEY) is None:
        attendance = _attendance(data.pop(ATTENDANCE_KEY), agenda, problems)
    for prompt_id, entries in data.items():
        found = find_prompt(str(prompt_id))
        if found is None:
            workshop = agenda.find_workshop_of_prompt(str(prompt_id))
            split = next(
                (s for s, p in agenda.all_prompts() if p.id == prompt_id and s.workshops), None
            )
            if workshop is not None:  # another stream asks it: say which
                where = _place(prompt_id)
                problems.append(_problem(where, "answers.workshop_prompt", workshop=workshop.id))
            elif split is not None:  # asked in each workshop of its segment, not here
                where = _place(prompt_id)
                problems.append(_problem(where, "answers.shared_prompt", segment=split.id))
            else:
                problems.append(_problem(_place(prompt_id), "answers.unknown_prompt"))
            continue
        prompt = found[1]
        if not isinstance(entries, list):
            entries = [entries]
        answers: list[ScriptedAnswer] = []
        secret = prompt.ballot_mode is Ballot.secret
        roster = {" ".join(p.name.split()).casefold(): p.name for p in agenda.participants}
        for index, entry in enumerate(entries):
            participant: str | None = None
            on_behalf: str | None = None
            value = entry
            if isinstance(entry, dict) and ("value" in entry or "participant" in entry):
                unknown = set(entry) - {"participant", "value", "for"}
                if unknown:
                    problems.append(_problem(_place(prompt_id, index), "answers.keys"))
                    continue
                participant = entry.get("participant")
                value = entry.get("value")
                if participant is not None:
                    participant = str(participant).strip() or None
                if entry.get("for") is not None:
                    if not secret:
                        where = _place(prompt_id, index)
                        problems.append(_problem(where, "answers.for_secret_only"))
                        continue
                    on_behalf = " ".join(str(entry["for"]).split()) or None
                    if on_behalf and participant is None:  # who casts it must be named
                        where = _place(prompt_id, index)
                        problems.append(_problem(where, "answers.for_needs_participant"))
                        continue
                    if on_behalf and roster and on_behalf.casefold() not in roster:
                        problems.append(
                            f"{_place(prompt_id, index)} : "
                            + _t("answers.for_unknown", member=on_behalf)
                        )
                        continue
            voter = participant if secret else None
            if prompt.anonymous:
                participant = None  # anonymous: no name is ever stored
            try:
                normal = normalise_answer(prompt, value)
            except AnswerError as error:
                problems.append(f"{_place(prompt_id, index)} : {error.message()}")
                continue
            answers.append(ScriptedAnswer(prompt.id, participant, normal, voter, on_behalf))
        result[prompt.id] = _last_per_participant(answers)
    if problems:
        raise AgendaError("answers.invalid", problems=problems, file=source)
    return AnswersFile(result, attendance, digest)


def _last_per_participant(answers: list[ScriptedAnswer]) -> list[ScriptedAnswer]:
    """A participant named twice for one prompt answered twice: the later answer replaces
    the earlier one, as at a terminal (their reference is the same)."""
    last = {a.ref: i for i, a in enumerate(answers) if a.ref is not None}
    return [a for i, a in enumerate(answers) if a.ref is None or last[a.ref] == i]


def _attendance(raw: Any, agenda: Agenda, problems: list[str]) -> dict[str, AttendanceEntry]:
    from seminar_cli.i18n import t

    entries: dict[str, AttendanceEntry] = {}
    if not isinstance(raw, dict):
        problems.append(_problem(ATTENDANCE_KEY, "answers.attendance_mapping"))
        return entries
    roster = {p.name.casefold(): p.name for p in agenda.participants}
    for name, value in raw.items():
        person = roster.get(str(name).strip().casefold())
        if person is None:
            problems.append(f"{_place(ATTENDANCE_KEY, name)} : {t('answers.attendance_unknown')}")
            continue
        by: object = None
        if isinstance(value, dict):
            status = str(value.get("status", "")).strip().lower()
            by = value.get("by") or value.get("represented_by")
        else:
            status = str(value).strip().lower()
        if status not in _STATUSES:
            problems.append(f"{_place(ATTENDANCE_KEY, name)} : {t('answers.attendance_status')}")
            continue
        entries[person] = AttendanceEntry(status, str(by) if by else None)
    return entries


def _place(key: object, index: int | None = None) -> str:
    """``choix[2]``; a blank or odd key quoted and its invisible characters spelt out, so that
    the message shows where the problem is."""
    from seminar_cli.agenda.loader import format_location

    return format_location([str(key)] if index is None else [str(key), index])


def _t(key: str, **params: Any) -> str:
    from seminar_cli.i18n import t

    return t(key, **params)


def _problem(place: str, key: str, **params: Any) -> str:
    from seminar_cli.i18n import t

    return f"{place} : {t(key, **params)}"
