"""The minutes of a session: one pydantic model, built from the stored agenda and the journal.

Every exporter renders this model and nothing else, so all formats show the same figures; the
JSON export is this model as it stands (``"format": "seminar-minutes/1"``).  Times are
timezone-aware and serialised as ISO 8601 with their offset.  An anonymous answer carries no
name, and no time either: with the order of the ballots, a time could tell who voted what.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Final, Literal, NotRequired

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    SerializerFunctionWrapHandler,
    WithJsonSchema,
    model_serializer,
)
from typing_extensions import TypedDict  # pydantic's schema needs it before Python 3.12

FORMAT: Final = "seminar-minutes/1"

MinutesKind = Literal["compte-rendu", "pv"]
AttendanceStatus = Literal["present", "excused", "absent", "represented", "left"]
SegmentStatus = Literal["done", "skipped", "running", "not_started"]
AnswerValue = str | int | list[str] | dict[str, int]


def _aware(value: datetime) -> datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("a time of the minutes must carry its UTC offset")
    return value


Moment = Annotated[
    datetime,
    AfterValidator(_aware),
    PlainSerializer(lambda d: d.isoformat(timespec="seconds"), return_type=str),
    WithJsonSchema(
        {"type": "string", "format": "date-time", "examples": ["2026-11-26T14:05:00+01:00"]},
        mode="serialization",
    ),
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SessionFacts(_Model):
    id: str
    title: str
    agenda: str  # the agenda's name (bundled name or file stem)
    agenda_title: str
    subtitle: str | None = None
    organization: str | None = None
    language: Literal["fr", "en"] = "fr"
    place: str | None = None
    facilitator: str | None = None
    secretary: str | None = None
    opened_at: Moment
    started_at: Moment | None = None  # when the first segment started
    ended_at: Moment | None = None  # when the session closed; None while it runs
    planned_start: Moment | None = None
    ends_by: Moment | None = None  # the agenda's hard stop, on the session's day
    followed_by: str | None = None
    rehearsal: bool = False
    speed: float = 1.0
    draft: bool = False  # the session is not closed: these minutes are provisional
    as_of: Moment  # the last moment the journal tells of


class Participant(_Model):
    name: str
    organization: str | None = None
    group: str | None = None
    role: str | None = None
    attendance: AttendanceStatus = "present"
    represented_by: str | None = None
    on_roster: bool = True  # False: not on the agenda's list, but answered or was recorded
    member: bool = True  # False: a guest of an assembly (never counted for quorum or votes)


class NoteJson(TypedDict):
    """A note as the JSON export writes it (``after_close`` only when true)."""

    text: str
    at: Annotated[str, WithJsonSchema({"type": "string", "format": "date-time"})]
    after_close: NotRequired[bool]


class Note(_Model):
    text: str
    at: Moment
    after_close: bool = Field(
        False,
        description="Written after the session closed: a mention added to the minutes, not "
        "an incident of the session (the key appears only when true).",
    )

    @model_serializer(mode="wrap")
    def _without_default(self, handler: SerializerFunctionWrapHandler) -> NoteJson:
        # a note of the session stays {text, at}, as the JSON export always wrote it
        data: NoteJson = handler(self)
        if not self.after_close:
            data.pop("after_close", None)
        return data


class Decision(_Model):
    text: str
    at: Moment


class Action(_Model):
    text: str
    owner: str | None = None
    due: date | None = None
    at: Moment
    segment: str | None = None  # where it was recorded (None: the session as a whole)


class Response(_Model):
    participant: str | None = Field(
        None, description="Who answered; null: anonymous, the room's tally, or a nameless join."
    )
    value: AnswerValue = Field(
        description="The answer as stored, language-independent: a vote's code (pour, contre, "
        "abstention, blanc), a yes/no code (oui, non), a rating's number, a choice's text, a "
        "list (multi, ranking: best first), or a room's tally {code: count}."
    )
    label: str | None = Field(
        None,
        description="The value in words, in the minutes' language, when the value is a code "
        "(vote, yes/no) or a rating value with a label: e.g. value 'oui', label 'yes'.",
    )
    at: Moment | None = Field(None, description="When it was given; null for anonymous answers.")
    via: Literal["web"] | None = Field(
        None,
        description="The channel when it was not a terminal: 'web' for a phone (seminar serve); "
        "null for a terminal, an answers file, and always for anonymous answers.",
    )


class PromptMinutes(_Model):
    id: str
    question: str
    type: str
    anonymous: bool = False
    who: str = "open"
    description: str | None = None
    text: str | None = None  # a resolution's full text
    options: list[str] = Field(default_factory=list)
    labels: dict[str, str] | None = Field(
        None,
        description="The label of each code or value, in the minutes' language: a vote's codes "
        "(pour, contre, abstention, blanc), a yes/no's (oui, non), a rating's labelled values.",
    )
    scale: tuple[int, int] | None = None
    majority: Literal["simple", "absolute", "two_thirds"] | None = None  # votes: the rule
    responses: list[Response] = Field(default_factory=list)
    summary: dict[str, Any] = Field(
        default_factory=dict,
        description="choice, multi, yesno: {counts: {CODE_OR_CHOICE: N}}; vote: {counts: "
        "{pour, contre, abstention, blanc}, adopted: bool}; rating: {mean, distribution: "
        "{VALUE: N}}; words: {words: [[WORD, N], ...]} most frequent first; ranking: {ranking: "
        "[[CHOICE, POINTS], ...]} best first (Borda count); text: {count: N}; election: "
        "{counts: {CANDIDATE: N}, blank: N, cast: N (blank excluded), elected: [...], ties: "
        "[...], voters: N (an assembly's members present and represented when the ballot "
        "opened; absent without a register)} (ties are never decided).",
    )
    count: int = 0  # answers (a room's tally counts as one answer)
    ballots: int = 0  # votes: ballots or raised hands, all choices included; elections: ballots
    seats: int | None = Field(None, description="election: the seats to fill.")
    round: int | None = Field(
        None, description="election: 1 (more than half the ballots cast) or 2 (most votes)."
    )
    pending_anonymous: int = Field(
        0,
        description="Draft minutes: anonymous answers received but still held for their "
        "shuffled batch (a count only, never their values); they are written, and counted in "
        "responses and summary, when the prompt closes.  A workshop's prompt in a closed "
        "session: answers its station never wrote (it never closed the prompt).",
    )
    voided_anonymous: int = Field(
        0,
        description="Anonymous answers (ballots, for a vote or an election) still sealed to "
        "the key of the facilitator's station when it stopped (a crash, a quit): voided when "
        "the session was resumed, never read; their authors could answer again.",
    )


class VoidedAnswers(_Model):
    prompt: str
    count: int = Field(
        description="Anonymous answers (ballots, for a vote or an election) of this prompt "
        "still sealed to the stopped station's key: voided when the session was taken over, "
        "never read (a count, never whose)."
    )


class Interruption(_Model):
    """The facilitator's station stopped and the session went on from a `seminar resume`."""

    reason: Literal["stopped", "suspended"] = Field(
        description="stopped: the station stopped without quitting (a crash, a power cut, a "
        "kill), `stopped_at` is its last sign of life (a heartbeat or its last event); "
        "suspended: the facilitator quit, `stopped_at` is when."
    )
    stopped_at: Moment
    resumed_at: Moment
    voided: list[VoidedAnswers] = Field(default_factory=list)


class WorkshopMinutes(_Model):
    """One of a segment's parallel workshops (PRODUCT §8): its stream folded over the
    plenary's (the segments' timing), so its answers and records are its own."""

    id: str
    title: str
    room: str | None = None
    facilitator: str | None = None
    description: str | None = None
    participants: list[str] = Field(default_factory=list)
    held: bool = Field(
        description="Its stream holds at least one event (a prompt, an answer, a record…); "
        "false: « Atelier non tenu »."
    )
    prompts: list[PromptMinutes] = Field(
        default_factory=list, description="Its own prompts, with their answers and summaries."
    )
    shared: list[PromptMinutes] = Field(
        default_factory=list,
        description="The segment's own prompts, asked in every workshop: this workshop's "
        "answers and summaries (the documents compare them from one workshop to the next).",
    )
    notes: list[Note] = Field(default_factory=list)
    decisions: list[Decision] = Field(default_factory=list)
    actions: list[Action] = Field(default_factory=list)
    interruptions: list[Interruption] = Field(
        default_factory=list,
        description="Each time its station stopped (a crash, a kill: `stopped`; its "
        "facilitator quitting: `suspended`) and the same `seminar workshop` command took it "
        "up again, in order, with the anonymous answers the stopped station's key voided.",
    )
    unwritten_anonymous: int = Field(
        0,
        description="Closed sessions: anonymous answers of its prompts still sealed to its "
        "station's key, never written (the station never closed their prompt and was never "
        "taken up again); a count, never their values (each prompt's `pending_anonymous`).",
    )


class SegmentMinutes(_Model):
    id: str
    title: str
    kind: str
    speaker: str | None = None
    description: str | None = None
    fixed: bool = False
    planned_seconds: int
    replanned_seconds: int | None = None  # after the last accepted re-plan
    extended_seconds: int = 0  # added (or removed) with +/- during the segment
    allotted_seconds: int  # what the segment finally had: re-planned or planned, plus extensions
    actual_seconds: int | None = None  # running time, pauses left out; None if never started
    planned_start: Moment | None = None
    planned_end: Moment | None = None
    started_at: Moment | None = None
    ended_at: Moment | None = None
    skipped: bool = False
    ended_early: bool = False
    status: SegmentStatus = "not_started"
    notes: list[Note] = Field(default_factory=list)
    prompts: list[PromptMinutes] = Field(default_factory=list)
    decisions: list[Decision] = Field(default_factory=list)
    actions: list[Action] = Field(default_factory=list)
    workshops: list[WorkshopMinutes] = Field(
        default_factory=list,
        description="Its parallel workshops, in the agenda's order (PRODUCT §8); when it has "
        "some, its own prompts are asked in every workshop: their answers are in each "
        "workshop's `shared`, not in `prompts`.",
    )


class Resolution(_Model):
    number: int  # 1-based, in agenda order
    prompt: str
    segment: str
    question: str
    text: str | None = None
    anonymous: bool = False
    who: str = "room"
    counts: dict[str, int] = Field(
        description="Ballots by code: pour, contre, abstention, blanc (codes, in any language)."
    )
    labels: dict[str, str] = Field(
        default_factory=dict, description="The label of each code, in the minutes' language."
    )
    votes_cast: int  # pour + contre
    ballots: int  # every ballot, abstentions and blank included
    majority: Literal["simple", "absolute", "two_thirds"]
    voted: bool  # at least one ballot was recorded
    adopted: bool | None  # None when it was never put to the vote
    unanimous: bool = False  # adopted with no vote against
    deliberated: bool = Field(
        True,
        description="False when the vote was held without quorum (and not on second call): "
        "the assembly could not validly deliberate, the resolution is not adopted.",
    )
    quorum_reached: bool | None = Field(
        None, description="The quorum when the vote opened (None: no figures were announced)."
    )
    voters: int | None = Field(
        None,
        description="The members present or represented when the vote opened, as the quorum "
        "announced then counted them (None: no figures were announced).",
    )

    @property
    def ballot(self) -> Literal["secret", "hands", "named"]:
        """How it was voted: secret ballots, a show of hands (the room's tally), or by name."""
        if self.anonymous:
            return "secret"
        return "hands" if self.who == "room" else "named"


class ProxyHolder(_Model):
    name: str
    proxies: int


class AssemblyMinutes(_Model):
    body: Literal["AGO", "AGE"] = "AGO"
    members: int | None = None  # members with a vote, per the statutes
    quorum: float = 0.0  # fraction of the members that must be present or represented
    quorum_required: int = 0
    quorum_base: int = 0  # the members count the quorum is a share of
    majority: str = "simple"
    president: str | None = None
    secretary: str | None = None
    convocation: str | None = None
    proxies_max: int | None = None
    members_present: list[str] = Field(default_factory=list)
    members_represented: list[str] = Field(default_factory=list)
    present_count: int = 0
    represented_count: int = 0
    quorum_reached: bool = False
    proxy_holders: list[ProxyHolder] = Field(default_factory=list)
    over_proxy_limit: list[ProxyHolder] = Field(default_factory=list)
    resolutions: list[Resolution] = Field(default_factory=list)
    second_call: bool = False  # on second convocation: deliberates without quorum
    from_register: bool = False  # the members come from a register (participants_file)
    on_paper: bool = False  # present and represented counted on a paper sheet, without names
    guests_present: list[str] = Field(default_factory=list)
    scrutineers: list[str] = Field(default_factory=list)
    president_title: str | None = None  # from the participant's role (« Présidente »)
    secretary_title: str | None = None


class Erratum(_Model):
    """A record made after the seal: given apart, after the sealed text."""

    kind: Literal["note", "decision", "action"]
    text: str
    at: Moment
    segment: str | None = None  # the segment it is about (None: the session as a whole)
    owner: str | None = None  # an action's
    due: date | None = None  # an action's


class SealMinutes(_Model):
    """The journal's hash chain (PRODUCT §7 "Sealed minutes"): ``seminar verify SESSION
    --expect CHAIN_HASH`` tells whether the journal is still what these minutes were made from."""

    chain_hash: str = Field(
        description="SHA-256 (hex) of the chain at the last event these minutes were made from."
    )
    chain_seq: int = Field(description="The position of that event in the session.")
    sealed_at: Moment | None = Field(
        None,
        description="When the session was sealed, on the wall clock (a rehearsal's clock runs "
        "ahead of it); null: not sealed.",
    )
    sealed_hash: str | None = Field(
        None,
        description="The chain's hash at the seal's own event (covering every event before it "
        "and the seal), as `seminar seal` prints it.",
    )
    sealed_seq: int | None = None  # the seal's own event
    errata: list[Erratum] = Field(default_factory=list)


class Minutes(_Model):
    format: Literal["seminar-minutes/1"] = FORMAT
    kind: MinutesKind = "compte-rendu"
    session: SessionFacts
    participants: list[Participant] = Field(default_factory=list)
    segments: list[SegmentMinutes] = Field(default_factory=list)
    # records made outside any segment (before the first one, or after the session closed)
    notes: list[Note] = Field(default_factory=list)
    decisions: list[Decision] = Field(default_factory=list)
    actions: list[Action] = Field(default_factory=list)
    assembly: AssemblyMinutes | None = None
    interruptions: list[Interruption] = Field(
        default_factory=list,
        description="Each time the facilitator's station stopped and the session was resumed, "
        "in order (PV: « Incidents et observations »).",
    )
    seal: SealMinutes | None = None  # None: minutes built from events outside a journal

    # -- derived views, not serialised ---------------------------------------------------
    @property
    def language(self) -> Literal["fr", "en"]:
        return self.session.language

    def all_actions(self) -> list[Action]:
        """The action list: every action of the session, in the order they were recorded."""
        found = [a for s in self.segments for a in s.actions] + list(self.actions)
        return sorted(found, key=lambda a: a.at)

    def all_decisions(self) -> list[tuple[str | None, Decision]]:
        found: list[tuple[str | None, Decision]] = [
            (s.id, d) for s in self.segments for d in s.decisions
        ]
        found += [(None, d) for d in self.decisions]
        return sorted(found, key=lambda pair: pair[1].at)

    def answer_count(self) -> int:
        return sum(len(p.responses) for s in self.segments for p in s.prompts)


def minutes_schema() -> dict[str, Any]:
    """The JSON Schema of the JSON export (``seminar export --schema``, docs/minutes-schema.json),
    generated from this model as it serialises: what an integrator may rely on."""
    schema = Minutes.model_json_schema(mode="serialization")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "seminar-minutes/1",
        "description": (
            "The minutes of a seminar or a general assembly, as `seminar export --format json` "
            "writes them. Codes (votes: pour, contre, abstention, blanc; yes/no: oui, non; "
            "attendance, segment status, majority rules) are the same in every language; "
            "`label` and `labels` give their words in the minutes' language. Times are ISO 8601 "
            "with their UTC offset."
        ),
        **{k: v for k, v in schema.items() if k not in ("title", "description")},
    }
