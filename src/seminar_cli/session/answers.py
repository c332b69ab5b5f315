"""Answer values: their normal form per prompt type, and answers files (``--answers``).

Normal forms stored in the journal:
text/long_text: str · choice: str · multi: list[str] · rating: int · yesno: "oui"|"non" ·
words: list[str] (lower-case, spaces folded, accents kept) · ranking: list[str] (every choice,
best first) · vote: "pour"|"contre"|"abstention"|"blanc", or with ``who: room`` a tally
``{"pour": 7, "contre": 2, "abstention": 1, "blanc": 0}``.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from seminar_cli.agenda.models import VOTE_CHOICES, Agenda, Prompt, PromptType, Who, canonical_vote
from seminar_cli.errors import AgendaError, SeminarError
from seminar_cli.i18n import plural

MAX_TEXT = 20_000
_YES = {"oui", "o", "yes", "y", "true", "vrai", "1"}
_NO = {"non", "n", "no", "false", "faux", "0"}


class AnswerError(SeminarError):
    """An answer that does not fit its prompt."""


# control characters (escape sequences, bells, bidi overrides) would reach the projector and the
# documents: a participant's text keeps its letters, line breaks and tabs, nothing else
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def strip_controls(text: str) -> str:
    """``text`` without control characters and bidi overrides; line breaks (as ``\\n``) and
    tabs are kept.  For everything people type: answers, names, the secretary's records; bytes
    a non-UTF-8 terminal sent are read as it meant them (typed_text)."""
    from seminar_cli.typed_text import repair_undecodable

    text = repair_undecodable(text)
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def _text(raw: Any) -> str:
    if isinstance(raw, bool) or raw is None or isinstance(raw, dict | list):
        raise AnswerError("answer.not_text")
    text = strip_controls(str(raw)).strip()
    if len(text) > MAX_TEXT:
        raise AnswerError("answer.too_long", max=MAX_TEXT)
    return text


def _match_choice(prompt: Prompt, raw: Any) -> str:
    text = _text(raw)
    choices = prompt.choices or []
    if text in choices:
        return text
    folded = {c.casefold(): c for c in choices}
    if text.casefold() in folded:
        return folded[text.casefold()]
    # a choice's number, as shown on screen ("²" is a digit that int() refuses; a number of
    # thousands of digits cannot even be read)
    if text.isdecimal() and len(text) <= 6 and 1 <= int(text) <= len(choices):
        return choices[int(text) - 1]
    raise AnswerError("answer.unknown_choice", value=text, choices=", ".join(choices))


def normalise_words(raw: Any, limit: int) -> list[str]:
    items = raw if isinstance(raw, list) else re.split(r"[,;\n]+", _text(raw))
    words: list[str] = []
    seen: set[str] = set()
    for item in items:
        # the case typed is kept (« ODD17 », « Lyon »); the word cloud counts case-insensitively
        word = re.sub(r"\s+", " ", _text(item)).strip(" .!?")
        if word and word.casefold() not in seen:
            seen.add(word.casefold())
            words.append(word)
    if len(words) > limit:
        raise AnswerError(plural("answer.too_many_words", limit), max=limit)
    return words


def normalise_answer(prompt: Prompt, raw: Any) -> Any:
    """The stored form of an answer, or None for "no answer"; AnswerError when it cannot fit."""
    if raw is None or (isinstance(raw, str) and not raw.strip()) or raw == []:
        if prompt.required:
            raise AnswerError("answer.required")
        return None
    kind = prompt.type
    if kind in (PromptType.text, PromptType.long_text):
        return _text(raw)
    if kind is PromptType.choice:
        return _match_choice(prompt, raw)
    if kind is PromptType.multi:
        items = raw if isinstance(raw, list) else re.split(r"\s*[,;]\s*", _text(raw))
        picked: list[str] = []
        for item in items:
            choice = _match_choice(prompt, item)
            if choice not in picked:
                picked.append(choice)
        low, high = prompt.multi_picks
        if not low <= len(picked) <= high:
            raise AnswerError("answer.picks", min=low, max=high)
        return [c for c in prompt.choices or [] if c in picked]
    if kind is PromptType.rating:
        low, high = prompt.scale
        try:
            value = int(str(raw).strip()) if not isinstance(raw, bool) else None
        except ValueError:
            value = None
        if value is None or not low <= value <= high:
            raise AnswerError("answer.rating", min=low, max=high)
        return value
    if kind is PromptType.yesno:
        key = str(raw).strip().lower() if not isinstance(raw, bool) else ("oui" if raw else "non")
        if key in _YES:
            return "oui"
        if key in _NO:
            return "non"
        raise AnswerError("answer.yesno")
    if kind is PromptType.words:
        words = normalise_words(raw, prompt.max_words)
        if not words:
            return normalise_answer(prompt, None)
        return words
    if kind is PromptType.ranking:
        items = raw if isinstance(raw, list) else re.split(r"\s*[,;>\n]\s*", _text(raw))
        order = [_match_choice(prompt, item) for item in items]
        if sorted(order) != sorted(prompt.choices or []):
            raise AnswerError("answer.ranking", choices=", ".join(prompt.choices or []))
        return order
    if kind is PromptType.vote:
        if isinstance(raw, dict):
            if prompt.who is not Who.room:
                raise AnswerError("answer.tally_room_only")
            tally = {choice: 0 for choice in VOTE_CHOICES}
            for key, count in raw.items():
                option = canonical_vote(str(key))
                if option is None:
                    raise AnswerError("answer.vote", value=str(key))
                if isinstance(count, bool) or not isinstance(count, int) or count < 0:
                    raise AnswerError("answer.tally_count", value=str(count))
                tally[option] += count
            return tally
        ballot = canonical_vote(_text(raw))
        if ballot is None:
            raise AnswerError("answer.vote", value=str(raw))
        return ballot
    raise AnswerError("answer.not_text")  # pragma: no cover - every type is handled above


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


def load_answers_file(path: Path, agenda: Agenda) -> AnswersFile:
    """Read and check an answers file: prompt id -> list of values or {participant, value};
    an optional ``attendance:`` mapping gives roster names a status other than present."""

    from seminar_cli.agenda.loader import MAX_BYTES, decode_agenda_bytes, read_bounded, read_yaml

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
    if not any(str(key) == ATTENDANCE_KEY or agenda.find_prompt(str(key)) for key in data):
        raise AgendaError("answers.not_answers", file=source)  # some other file: quote none of it
    problems: list[str] = []
    result: dict[str, list[ScriptedAnswer]] = {}
    attendance: dict[str, AttendanceEntry] = {}
    if ATTENDANCE_KEY in data and agenda.find_prompt(ATTENDANCE_KEY) is None:
        attendance = _attendance(data.pop(ATTENDANCE_KEY), agenda, problems)
    for prompt_id, entries in data.items():
        found = agenda.find_prompt(str(prompt_id))
        if found is None:
            problems.append(_problem(_place(prompt_id), "answers.unknown_prompt"))
            continue
        prompt = found[1]
        if not isinstance(entries, list):
            entries = [entries]
        answers: list[ScriptedAnswer] = []
        for index, entry in enumerate(entries):
            participant: str | None = None
            value = entry
            if isinstance(entry, dict) and ("value" in entry or "participant" in entry):
                unknown = set(entry) - {"participant", "value"}
                if unknown:
                    problems.append(_problem(_place(prompt_id, index), "answers.keys"))
                    continue
                participant = entry.get("participant")
                value = entry.get("value")
                if participant is not None:
                    participant = str(participant).strip() or None
            if prompt.anonymous:
                participant = None  # anonymous: no name is ever stored
            try:
                normal = normalise_answer(prompt, value)
            except AnswerError as error:
                problems.append(f"{_place(prompt_id, index)} : {error.message()}")
                continue
            answers.append(ScriptedAnswer(prompt.id, participant, normal))
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


def _problem(place: str, key: str) -> str:
    from seminar_cli.i18n import t

    return f"{place} : {t(key)}"
