"""Building the minutes from the stored agenda and the journal alone (PRODUCT §5)."""

from __future__ import annotations

import gc
import json
import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any, Literal

from seminar_cli.agenda.models import (
    Agenda,
    Assembly,
    Majority,
    Prompt,
    PromptType,
    Segment,
    Workshop,
)
from seminar_cli.errors import SessionError
from seminar_cli.i18n import Language, t
from seminar_cli.journal.events import Record
from seminar_cli.journal.state import (
    WRITTEN_BY_OTHERS,
    SessionState,
    TextRecord,
    fold,
    stored_moment,
)
from seminar_cli.minutes.model import (
    Action,
    AssemblyMinutes,
    Decision,
    Erratum,
    Interruption,
    Minutes,
    MinutesKind,
    Note,
    Participant,
    PromptMinutes,
    ProxyHolder,
    Resolution,
    Response,
    SealMinutes,
    SegmentMinutes,
    SegmentStatus,
    SessionFacts,
    VoidedAnswers,
    WorkshopMinutes,
)
from seminar_cli.minutes.summary import summarize
from seminar_cli.session.clock import session_speed
from seminar_cli.session.prompt_types import spec_of
from seminar_cli.session.schedule import hard_stop, shifted

if TYPE_CHECKING:
    from seminar_cli.journal.store import Journal, SessionRow, StoredEvent
    from seminar_cli.session.assembly import Quorum

KINDS: tuple[MinutesKind, ...] = ("compte-rendu", "pv")
# the plenary's events a workshop's fold never needs (its own answers are in its stream)
_PLENARY_ONLY = frozenset({"answer_given", "answer_marked"})


def load_minutes(journal: Journal, row: SessionRow, kind: MinutesKind = "compte-rendu") -> Minutes:
    """The minutes of a stored session, as they stand now (a draft while it runs)."""
    from seminar_cli.journal.store import PLENARY
    from seminar_cli.session.service import stored_agenda

    agenda = stored_agenda(row)
    as_of = None
    if row.status == "open":
        beat = journal.last_heartbeat(row.id)
        as_of = beat[0] if beat else None
    # every stream in one read: the plenary's events, and each workshop's (PRODUCT §9 "Streams")
    every = journal.events(row.id, streams=None)
    events = [e for e in every if e.stream == PLENARY]
    # positions in the plenary's stream, not the journal's reading order (``seq``): a
    # position is what the chain covers and `seminar verify` names, and it stays the same when
    # the session is copied into another journal, where workshops' events interleave otherwise
    # the chain's hash at the last event read (not at the journal's end: a record written
    # meanwhile is not in these minutes)
    head = journal.hash_at(row.id, events[-1].seq) if events else None
    chain = (len(events), head) if events and head else None
    # the seal's hash as `seminar seal` prints it: the chain's at the seal's own event
    seal_at = next((i for i, e in enumerate(events) if e.type == "session_sealed"), None)
    seal_hash = journal.hash_at(row.id, events[seal_at].seq) if seal_at is not None else None
    seal_head = (seal_at + 1, seal_hash) if seal_at is not None and seal_hash else None
    # each workshop's stream with the plenary's, in the journal's order; the plenary's answers
    # (the bulk of a big session) tell a workshop nothing: left out of its fold
    timing = [e for e in events if e.type not in _PLENARY_ONLY]
    workshop_events = {}
    for _segment, workshop in agenda.all_workshops():
        own = [e for e in every if e.stream == workshop.id]
        workshop_events[workshop.id] = sorted(timing + own, key=lambda e: e.seq) if own else timing
    # anonymous answers still held for their batch: counted (never read) so that a draft does
    # not say « Aucune réponse » while the room's screen shows them arriving
    pending = {
        prompt.id: count
        for segment in agenda.segments
        for prompt in segment.prompts
        if prompt.anonymous and (count := journal.pending_anonymous(row.id, prompt.id))
    }
    pending_in_workshops = {
        (workshop.id, prompt.id): count
        for segment, workshop in agenda.all_workshops()
        for prompt in [*workshop.prompts, *segment.prompts]
        if prompt.anonymous and (count := journal.pending_anonymous(row.id, prompt.id, workshop.id))
    }
    return build_minutes(
        row.id,
        row.agenda_name,
        agenda,
        events,
        kind=kind,
        as_of=as_of,
        chain_head=chain,
        pending_anonymous=pending,
        seal_head=seal_head,
        workshop_events=workshop_events,
        workshop_pending=pending_in_workshops,
    )


def build_minutes(
    session_id: str,
    agenda_name: str,
    agenda: Agenda,
    events: Iterable[StoredEvent],
    *,
    kind: MinutesKind = "compte-rendu",
    as_of: datetime | None = None,
    chain_head: tuple[int, str] | None = None,
    pending_anonymous: Mapping[str, int] | None = None,
    seal_head: tuple[int, str] | None = None,
    workshop_events: Mapping[str, list[StoredEvent]] | None = None,
    workshop_pending: Mapping[tuple[str, str], int] | None = None,
) -> Minutes:
    """The minutes of one session from its agenda and events; ``as_of`` is the moment a running
    segment is measured at (default: the journal's last event); ``chain_head`` the position and
    hash of the last of ``events`` in the plenary's chain; ``pending_anonymous`` how many
    anonymous answers each prompt still holds for its batch (by prompt id); ``seal_head`` the
    position and chain hash of the seal's own event (the hash `seminar seal` prints);
    ``workshop_events`` each workshop's stream with the plenary's (whose answers may be left
    out), in the journal's order (by workshop id; a workshop left out never ran);
    ``workshop_pending`` as ``pending_anonymous``, by (workshop id, prompt id)."""
    # tens of thousands of small records and no garbage cycles among them: the cyclic
    # collector would only rescan the growing heap again and again (a third of the time)
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _build(
            session_id,
            agenda_name,
            agenda,
            events,
            kind,
            as_of,
            chain_head,
            pending_anonymous or {},
            seal_head,
            workshop_events or {},
            workshop_pending or {},
        )
    finally:
        if collecting:
            gc.enable()


def _build(
    session_id: str,
    agenda_name: str,
    agenda: Agenda,
    events: Iterable[StoredEvent],
    kind: MinutesKind,
    as_of: datetime | None,
    chain_head: tuple[int, str] | None = None,
    pending_anonymous: Mapping[str, int] | None = None,
    seal_head: tuple[int, str] | None = None,
    workshop_events: Mapping[str, list[StoredEvent]] | None = None,
    workshop_pending: Mapping[tuple[str, str], int] | None = None,
) -> Minutes:
    events = events if isinstance(events, list) else list(events)
    state = fold(session_id, agenda, events)
    if state.opened_at is None:
        raise SessionError("minutes.no_events", id=session_id)
    moment = max(x for x in (state.last_event_at, as_of) if x is not None)
    if state.closed_at is not None:
        moment = state.closed_at
    if kind == "pv" and agenda.assembly is None and not _vote_prompts(agenda):
        raise SessionError("minutes.pv_no_assembly", id=session_id)
    facts = _session_facts(state, agenda_name, moment)
    schedule_base = facts.planned_start or facts.started_at
    segments = _segments(state, schedule_base, moment, facts.language, pending_anonymous or {})
    records = _records_by_segment(state)
    general = records.pop(None, ([], [], []))
    segments = [
        seg.model_copy(
            update={
                "notes": records.get(seg.id, ([], [], []))[0],
                "decisions": records.get(seg.id, ([], [], []))[1],
                "actions": records.get(seg.id, ([], [], []))[2],
            }
        )
        for seg in segments
    ]
    workshop_errata: list[Erratum] = []
    segments = [
        _with_workshops(
            seg,
            segment,
            state,
            facts.language,
            workshop_events or {},
            workshop_pending or {},
            workshop_errata,
        )
        for seg, segment in zip(segments, agenda.segments, strict=True)
    ]
    participants = _participants(state)
    assembly = None
    if agenda.assembly is not None or _vote_prompts(agenda):
        assembly = _assembly(state, agenda.assembly or Assembly(), participants, segments)
    return Minutes(
        kind=kind,
        session=facts,
        participants=participants,
        segments=segments,
        notes=general[0],
        decisions=general[1],
        actions=general[2],
        assembly=assembly,
        interruptions=_interruptions(events),
        seal=_seal(state, chain_head, seal_head, workshop_errata),
    )


def _interruptions(events: list[StoredEvent]) -> list[Interruption]:
    """Each ``session_resumed``: after a crash (no ``session_suspended`` before it) the station
    stopped at its last sign of life, which ``resume`` stored as ``interrupted_at``; after a
    quit, when it was suspended.  The answers the stopped station's key took with it are
    voided as the new one claims the session, just before it says it resumed."""
    found: list[Interruption] = []
    suspended_at: datetime | None = None
    last_runner_event: datetime | None = None
    voided: list[VoidedAnswers] = []
    for event in events:
        kind = event.type
        if kind == "session_suspended":
            suspended_at = event.at
        elif kind == "anonymous_voided":
            prompt, count = event.payload.get("prompt"), event.payload.get("count")
            if isinstance(prompt, str) and isinstance(count, int) and count > 0:
                voided.append(VoidedAnswers(prompt=prompt, count=count))
        elif kind == "session_resumed":
            reason: Literal["stopped", "suspended"] = "stopped"
            if suspended_at is not None:
                stopped, reason = suspended_at, "suspended"
            else:
                text = event.payload.get("interrupted_at")
                told = stored_moment(text) if isinstance(text, str) else None
                if told is not None and told.utcoffset() is None:
                    told = None  # a crafted journal's time without its offset
                stopped = told or last_runner_event or event.at
            found.append(
                Interruption(
                    reason=reason,
                    stopped_at=min(stopped, event.at),
                    resumed_at=event.at,
                    voided=voided,
                )
            )
            suspended_at, voided = None, []
        if kind not in WRITTEN_BY_OTHERS:
            last_runner_event = event.at
    return found


def _seal(
    state: SessionState,
    chain_head: tuple[int, str] | None,
    seal_head: tuple[int, str] | None,
    workshop_errata: list[Erratum] | None = None,
) -> SealMinutes | None:
    if chain_head is None:
        return None
    errata = [_erratum(state, record) for record in state.records if record.erratum]
    if workshop_errata:  # a workshop's, among the plenary's in time order (a stable sort)
        errata = sorted([*errata, *workshop_errata], key=lambda e: e.at)
    sealed = state.sealed
    # the seal's own event when known (`seminar seal` prints its hash), else what it covers
    seal_seq, seal_hash = seal_head or ((sealed.seq, sealed.hash) if sealed else (None, None))
    return SealMinutes(
        chain_hash=chain_head[1],
        chain_seq=chain_head[0],
        sealed_at=sealed.when if sealed else None,
        sealed_hash=seal_hash if sealed else None,
        sealed_seq=seal_seq if sealed else None,
        errata=errata,
    )


def _erratum(state: SessionState, record: TextRecord) -> Erratum:
    return Erratum(
        kind=record.kind,
        text=record.text,
        at=record.at,
        segment=record.segment if record.segment in state.segments else None,
        owner=record.owner,
        due=_action(record, None).due,
    )


# -- workshops ---------------------------------------------------------------------------------
def _with_workshops(
    seg: SegmentMinutes,
    segment: Segment,
    plenary: SessionState,
    lang: Language,
    workshop_events: Mapping[str, list[StoredEvent]],
    workshop_pending: Mapping[tuple[str, str], int],
    errata: list[Erratum],
) -> SegmentMinutes:
    """The segment with each of its workshops (PRODUCT §8).  Its own prompts are asked in
    every workshop: each workshop's answers are in its ``shared``; the segment's ``prompts``
    keep what the plenary itself recorded (nothing, unless they were asked there)."""
    if not segment.workshops:
        return seg
    workshops = [
        _workshop(
            segment,
            workshop,
            plenary,
            lang,
            workshop_events.get(workshop.id, []),
            workshop_pending,
            errata,
        )
        for workshop in segment.workshops
    ]
    return seg.model_copy(update={"workshops": workshops})


def _workshop(
    segment: Segment,
    workshop: Workshop,
    plenary: SessionState,
    lang: Language,
    events: list[StoredEvent],
    workshop_pending: Mapping[tuple[str, str], int],
    errata: list[Erratum],
) -> WorkshopMinutes:
    own = [e for e in events if e.stream == workshop.id]
    prompt_ids = {p.id for p in segment.prompts} | {p.id for p in workshop.prompts}
    # the plenary's events give the segments' timing; what it recorded about these prompts
    # (a shared prompt asked in plenary) is not this workshop's
    folded = [
        e for e in events if e.stream == workshop.id or e.payload.get("prompt") not in prompt_ids
    ]
    state = fold(plenary.session_id, plenary.agenda, folded)
    # the fold appends one record per note, decision or action event, in order: the workshop's
    # are those its own stream wrote
    record_events = [e for e in folded if isinstance(e.data, Record)]
    notes: list[Note] = []
    decisions: list[Decision] = []
    actions: list[Action] = []
    for event, record in zip(record_events, state.records, strict=True):
        if event.stream != workshop.id:
            continue
        if record.erratum:
            errata.append(_erratum(state, record))
        elif record.kind == "note":
            notes.append(Note(text=record.text, at=record.at, after_close=record.after_close))
        elif record.kind == "decision":
            decisions.append(Decision(text=record.text, at=record.at))
        elif record.kind == "action":
            actions.append(_action(record, segment.id))

    def minutes_of(prompt: Prompt) -> PromptMinutes:
        pending = workshop_pending.get((workshop.id, prompt.id), 0)
        return _prompt(state, segment, prompt, lang, pending)

    prompts = [minutes_of(p) for p in workshop.prompts]
    shared = [minutes_of(p) for p in segment.prompts]
    # once the session is closed, what its station still holds sealed is never written
    unwritten = sum(p.pending_anonymous for p in [*prompts, *shared]) if plenary.closed else 0
    return WorkshopMinutes(
        id=workshop.id,
        title=workshop.title,
        room=workshop.room,
        facilitator=workshop.facilitator,
        description=workshop.description,
        participants=list(workshop.participants),
        held=bool(own),
        prompts=prompts,
        shared=shared,
        notes=notes,
        decisions=decisions,
        actions=actions,
        # its station's stops, as the same command took it up again (session/workshop.py)
        interruptions=_interruptions(own),
        unwritten_anonymous=unwritten,
    )


# -- session ----------------------------------------------------------------------------------
def _session_facts(state: SessionState, agenda_name: str, moment: datetime) -> SessionFacts:
    agenda = state.agenda
    meta = state.meta
    opened = state.opened_at
    assert opened is not None
    starts = [s.started_at for s in state.segments.values() if s.started_at is not None]
    started = min(starts) if starts else None
    # a rehearsal (or a run far from the planned time) keeps the plan's shape from its real
    # start, not the clock of the day
    planned_start = None if shifted(state) else _clock_on_day(meta.get("planned_start"), opened)
    ends_by = hard_stop(state, planned_start or started or opened)
    return SessionFacts(
        id=state.session_id,
        title=str(meta.get("title") or agenda.title),
        agenda=str(meta.get("agenda_name") or agenda_name),
        agenda_title=agenda.title,
        subtitle=agenda.subtitle,
        organization=agenda.organization,
        language=meta.get("language") or agenda.language,
        place=meta.get("place") or agenda.place,
        facilitator=meta.get("facilitator"),
        secretary=meta.get("secretary"),
        opened_at=opened,
        started_at=started,
        ended_at=state.closed_at,
        planned_start=planned_start,
        ends_by=ends_by,
        followed_by=agenda.followed_by,
        rehearsal=bool(meta.get("rehearsal")),
        speed=session_speed(state),
        draft=state.closed_at is None,
        as_of=moment,
    )


def _clock_on_day(value: Any, day: datetime) -> datetime | None:
    """``"HH:MM"`` on the session's day, in the session's time zone."""
    if not isinstance(value, str):
        return None
    try:
        clock = time.fromisoformat(value)
    except ValueError:
        return None
    return datetime.combine(day.date(), clock, tzinfo=day.tzinfo)


# -- segments and prompts ----------------------------------------------------------------------
def _segments(
    state: SessionState,
    base: datetime | None,
    moment: datetime,
    lang: Language,
    pending_anonymous: Mapping[str, int],
) -> list[SegmentMinutes]:
    result = []
    planned_at = base
    for segment in state.agenda.segments:
        seg = state.segments[segment.id]
        planned_end = planned_at + timedelta(seconds=segment.duration) if planned_at else None
        status: SegmentStatus = "not_started"
        if seg.skipped:
            status = "skipped"
        elif seg.ended_at is not None:
            status = "done"
        elif seg.started_at is not None:
            status = "running"
        actual = round(seg.elapsed_at(moment)) if seg.started_at is not None else None
        result.append(
            SegmentMinutes(
                id=segment.id,
                title=segment.title,
                kind=segment.kind.value,
                speaker=segment.speaker,
                description=segment.description,
                fixed=segment.fixed,
                planned_seconds=segment.duration,
                replanned_seconds=seg.replanned,
                extended_seconds=seg.extra,
                allotted_seconds=seg.allotted,
                actual_seconds=actual,
                planned_start=planned_at,
                planned_end=planned_end,
                started_at=seg.started_at,
                ended_at=seg.ended_at,
                skipped=seg.skipped,
                ended_early=seg.early and not seg.skipped,
                status=status,
                prompts=[
                    _prompt(state, segment, p, lang, pending_anonymous.get(p.id, 0))
                    for p in segment.prompts
                ],
            )
        )
        planned_at = planned_end
    return result


def code_labels(prompt_type: str, lang: Language) -> dict[str, str]:
    """The words for a vote's or a yes/no's codes, in the minutes' language (§9: the codes stay
    the same in every language, the labels follow it)."""
    return {code.value: t(code.minutes_label, lang=lang) for code in spec_of(prompt_type).codes}


def _prompt(
    state: SessionState, segment: Segment, prompt: Prompt, lang: Language, pending: int = 0
) -> PromptMinutes:
    given = [a for a in state.answers.get(prompt.id, []) if a.value is not None]
    values = [a.value for a in given]
    summary = summarize(prompt, values, state.agenda.assembly)
    if prompt.type is PromptType.vote and state.agenda.assembly is not None:
        quorum = quorum_at_vote(state, prompt.id)
        if not quorum.may_deliberate:  # PRODUCT §7: recorded, never adopted
            summary = {**summary, "adopted": False, "deliberated": False}
    elif (
        prompt.type is PromptType.election
        and state.agenda.assembly is not None
        and not quorum_at_vote(state, prompt.id).may_deliberate
    ):  # the ballots are recorded and counted, but nobody is elected without quorum
        summary = {**summary, "elected": [], "ties": [], "deliberated": False}
    if prompt.type is PromptType.election and state.agenda.assembly is not None:
        from seminar_cli.session.ballots import voters_present_and_represented

        if voters_present_and_represented(state) is not None:
            # the PV's « Votants : 8 sur 12 »: those entitled as the quorum counted them when
            # the ballot opened (session/ballots.py, one count for both)
            summary = {**summary, "voters": quorum_at_vote(state, prompt.id).voters}
    labels = {str(k): v for k, v in prompt.labels.items()} if prompt.labels else None
    labels = code_labels(prompt.type.value, lang) or labels

    def label(value: Any) -> str | None:
        if labels and isinstance(value, str | int) and not isinstance(value, bool):
            return labels.get(str(value))
        return None

    if prompt.anonymous:
        # no name, no time, and an order that tells nothing: sorted by value
        responses = sorted(
            (
                Response(participant=None, value=a.value, label=label(a.value), at=None)
                for a in given
            ),
            key=lambda r: json.dumps(r.value, ensure_ascii=False, sort_keys=True),
        )
    else:
        responses = [
            Response(
                participant=a.participant,
                value=a.value,
                label=label(a.value),
                at=a.at,
                via=a.via if a.via == "web" else None,
            )
            for a in given
        ]
    majority = None
    ballots = 0
    if prompt.type is PromptType.vote:
        assembly = state.agenda.assembly
        majority = (prompt.majority or (assembly.majority if assembly else Majority.simple)).value
        ballots = sum(summary["counts"].values())
    elif prompt.type is PromptType.election:
        ballots = len(given)  # blank ballots included
    election = prompt.type is PromptType.election
    return PromptMinutes(
        id=prompt.id,
        question=prompt.question,
        type=prompt.type.value,
        anonymous=prompt.anonymous,
        who=prompt.who.value,
        description=prompt.description,
        text=prompt.text,
        options=prompt.options,
        labels=labels,
        scale=prompt.scale if prompt.type is PromptType.rating else None,
        majority=majority,
        responses=responses,
        summary=summary,
        count=len(responses),
        ballots=ballots,
        seats=prompt.seats_to_fill if election else None,
        round=(prompt.round or 1) if election else None,
        pending_anonymous=pending,
        voided_anonymous=state.voided_anonymous.get(prompt.id, 0),
    )


# -- notes, decisions, actions -----------------------------------------------------------------
Records = tuple[list[Note], list[Decision], list[Action]]


def _records_by_segment(state: SessionState) -> dict[str | None, Records]:
    known = set(state.segments)
    grouped: dict[str | None, Records] = {}
    for record in state.records:
        if record.erratum:  # given apart, after the seal (_seal)
            continue
        where = record.segment if record.segment in known else None
        notes, decisions, actions = grouped.setdefault(where, ([], [], []))
        if record.kind == "note":
            notes.append(Note(text=record.text, at=record.at, after_close=record.after_close))
        elif record.kind == "decision":
            decisions.append(Decision(text=record.text, at=record.at))
        elif record.kind == "action":
            actions.append(_action(record, where))
    return grouped


def _action(record: TextRecord, where: str | None) -> Action:
    from seminar_cli.session.records import parse_due

    due: date | None = None
    if record.due:
        try:
            due = parse_due(record.due)
        except ValueError:
            due = None
    return Action(text=record.text, owner=record.owner, due=due, at=record.at, segment=where)


# -- people ------------------------------------------------------------------------------------
def _participants(state: SessionState) -> list[Participant]:
    people: list[Participant] = []
    seen: set[str] = set()
    for person in state.agenda.participants:
        record = state.attendance.get(person.name)
        people.append(
            Participant(
                name=person.name,
                organization=person.organization,
                group=person.group,
                role=person.role,
                attendance=record.status if record else state.default_status(),
                represented_by=record.represented_by if record else None,
                member=person.member,
            )
        )
        seen.add(person.name.casefold())
    # people recorded without being on the roster: attendance first, then those who answered
    for name, record in state.attendance.items():
        if name.casefold() not in seen:
            seen.add(name.casefold())
            people.append(
                Participant(
                    name=name,
                    attendance=record.status,
                    represented_by=record.represented_by,
                    on_roster=False,
                )
            )
    for answers in state.answers.values():
        for answer in answers:
            who = answer.participant
            if who and answer.value is not None and who.casefold() not in seen:
                seen.add(who.casefold())
                people.append(Participant(name=who, on_roster=False))
    return people


# -- the assembly --------------------------------------------------------------------------------
def _vote_prompts(agenda: Agenda) -> list[tuple[Segment, Prompt]]:
    return [(s, p) for s, p in agenda.all_prompts() if p.type is PromptType.vote]


def quorum_required(quorum: float, base: int) -> int:
    """Members needed: the quorum's share of ``base``, rounded up (25 % of 85 -> 22)."""
    if quorum <= 0 or base <= 0:
        return 0
    return math.ceil(quorum * base - 1e-9)


def quorum_at_vote(state: SessionState, prompt_id: str) -> Quorum:
    """The quorum as announced when the vote opened, else as the attendance stands."""
    from seminar_cli.session.assembly import quorum_now

    now = quorum_now(state)
    said = state.quorum_announcements.get(prompt_id)
    if said is None:
        return now
    return replace(
        now,
        present=said.present,
        represented=said.represented,
        required=said.required,
        base=said.base,
    )


def _officer_title(agenda: Agenda, name: str | None, stem: str) -> str | None:
    """« Présidente » when the officer's role in the roster says so (PRODUCT §7)."""
    for person in agenda.participants:
        if name and person.name == name and person.role:
            role = person.role.strip()
            if role.casefold().startswith(stem):
                return role.split()[0]  # « Présidente », not « Présidente du conseil »
    return None


def _officer(agenda: Agenda, given: str | None, stem: str) -> str | None:
    if given:
        return given
    found = [
        p.name for p in agenda.participants if (p.role or "").strip().casefold().startswith(stem)
    ]
    return found[0] if found else None


def _assembly(
    state: SessionState,
    assembly: Assembly,
    participants: list[Participant],
    segments: list[SegmentMinutes],
) -> AssemblyMinutes:
    from seminar_cli.session.assembly import quorum_now

    agenda = state.agenda
    roster = [p for p in participants if p.on_roster and p.member]
    present = [p.name for p in roster if p.attendance in ("present", "left")]
    represented = [p.name for p in roster if p.attendance == "represented"]
    guests = [p.name for p in participants if not p.member and p.attendance == "present"]
    quorum = quorum_now(state)
    # who came and left counts as present in the minutes; the quorum's figures stay those of
    # the votes (announced as each opened)
    present_count = quorum.present if quorum.on_paper else len(present)
    represented_count = quorum.represented if quorum.on_paper else len(represented)
    base = quorum.base
    required = quorum.required
    holders = Counter(
        p.represented_by for p in roster if p.attendance == "represented" and p.represented_by
    )
    holder_list = [ProxyHolder(name=n, proxies=c) for n, c in sorted(holders.items())]
    over = [
        h
        for h in holder_list
        if assembly.proxies_max is not None and h.proxies > assembly.proxies_max
    ]
    resolutions: list[Resolution] = []
    for segment in segments:
        for prompt in segment.prompts:
            if prompt.type != PromptType.vote.value:
                continue
            counts = dict(prompt.summary["counts"])
            ballots = sum(counts.values())
            voted = ballots > 0
            adopted = bool(prompt.summary["adopted"]) if voted else None
            at_vote = quorum_at_vote(state, prompt.id)
            announced = prompt.id in state.quorum_announcements
            resolutions.append(
                Resolution(
                    number=len(resolutions) + 1,
                    prompt=prompt.id,
                    segment=segment.id,
                    question=prompt.question,
                    text=prompt.text,
                    anonymous=prompt.anonymous,
                    who=prompt.who,
                    counts=counts,
                    labels=prompt.labels or {},
                    votes_cast=counts.get("pour", 0) + counts.get("contre", 0),
                    ballots=ballots,
                    majority=prompt.majority or assembly.majority.value,
                    voted=voted,
                    adopted=adopted,
                    unanimous=bool(adopted) and counts.get("contre", 0) == 0,
                    deliberated=at_vote.may_deliberate,
                    quorum_reached=at_vote.reached if announced else None,
                    voters=at_vote.voters if announced else None,
                )
            )
    president = _officer(agenda, assembly.president, "présid") or _officer(agenda, None, "presid")
    secretary = _officer(agenda, assembly.secretary, "secrét") or _officer(agenda, None, "secret")
    return AssemblyMinutes(
        body=assembly.body,
        members=assembly.members or (base if agenda.has_register else None),
        quorum=assembly.quorum,
        quorum_required=required,
        quorum_base=base,
        majority=assembly.majority.value,
        president=president,
        secretary=secretary,
        president_title=_officer_title(agenda, president, "présid")
        or _officer_title(agenda, president, "presid"),
        secretary_title=_officer_title(agenda, secretary, "secrét")
        or _officer_title(agenda, secretary, "secret"),
        scrutineers=[
            p.name
            for p in agenda.participants
            if (p.role or "").strip().casefold().startswith("scrut")
        ],
        second_call=assembly.second_call,
        from_register=agenda.has_register,
        on_paper=quorum.on_paper,
        guests_present=guests,
        convocation=assembly.convocation,
        proxies_max=assembly.proxies_max,
        members_present=present,
        members_represented=represented,
        present_count=present_count,
        represented_count=represented_count,
        quorum_reached=present_count + represented_count >= required,
        proxy_holders=holder_list,
        over_proxy_limit=over,
        resolutions=resolutions,
    )
