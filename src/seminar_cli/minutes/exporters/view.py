"""What a reader sees, worked out once from the minutes model for every document format.

Markdown, HTML and DOCX render these views, so they say the same things with the same figures.
Every string here is plain text (participants' text included): each renderer escapes it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from seminar_cli.i18n import plural
from seminar_cli.minutes.exporters.text import Formatter, ordinal
from seminar_cli.minutes.model import (
    Action,
    AssemblyMinutes,
    Interruption,
    Minutes,
    Participant,
    PromptMinutes,
    Resolution,
    Response,
    SegmentMinutes,
    WorkshopMinutes,
)
from seminar_cli.session.prompt_types import spec_of

TALLY_ORDER = ("pour", "contre", "abstention", "blanc")


@dataclass
class Fact:
    label: str
    value: str


@dataclass
class Banner:
    kind: str  # draft | rehearsal
    text: str


@dataclass
class Bar:
    label: str
    count: int
    share: float  # 0..1 of the largest bar: the bar's length
    text: str  # "7 (58 %)"
    # the colour it means: a vote's code (pour, contre…), « pour » for an elected candidate
    # (red is refused or failed everywhere else), "" for the neutral bar
    tone: str = ""


@dataclass
class Result:
    lines: list[str] = field(default_factory=list)
    bars: list[Bar] = field(default_factory=list)
    outcome: str | None = None
    adopted: bool | None = None
    columns: tuple[str, str] | None = None  # the bars' table headings, when not « Choix »


@dataclass
class Answer:
    who: str
    value: str
    at: str
    named: bool


@dataclass
class PromptView:
    kind = "prompt"
    id: str
    question: str
    meta: str
    description: str | None
    text: str | None
    result: Result
    answers: list[Answer]
    empty: str | None  # "No answers." when there is none


@dataclass
class Entry:
    at: str
    text: str
    owner: str = ""
    due: str = ""
    where: str = ""


@dataclass
class WorkshopView:
    """One of a segment's workshops: who, where, its own prompts and records."""

    id: str
    heading: str  # « Atelier « Jeunes » »
    meta: list[str]  # where, who runs it, who takes part
    description: str | None
    not_held: str | None  # « Atelier non tenu. » when its stream holds nothing
    prompts: list[PromptView]
    notes: list[Entry]
    decisions: list[Entry]
    actions: list[Entry]
    interruptions: list[Entry] = field(default_factory=list)  # its station's stops


@dataclass
class ComparedRow:
    workshop: str  # its heading
    prompt: PromptView | None  # None: the workshop was not held
    not_held: str | None
    counts: str = ""  # its answers, voided and waiting, as a plenary prompt's meta says them


@dataclass
class ComparedView:
    """A segment's own prompt, asked in every workshop: each workshop's results in turn."""

    id: str
    question: str
    meta: str
    rows: list[ComparedRow]


@dataclass
class SegmentView:
    number: int
    id: str
    title: str
    meta: str
    timing: str
    description: str | None
    notes: list[Entry]
    prompts: list[PromptView]
    decisions: list[Entry]
    actions: list[Entry]
    workshops: list[WorkshopView] = field(default_factory=list)
    compared: list[ComparedView] = field(default_factory=list)


@dataclass
class ScheduleRow:
    number: str
    title: str
    planned: str
    replanned: str
    actual: str
    delta: str


@dataclass
class PersonRow:
    name: str
    organization: str
    group: str
    attendance: str
    role: str = ""  # the attendance sheet of a PV: « Trésorier », « Présidente de séance »
    signs: bool = True  # the PV's sheet: a signature cell for who came (or was represented)


@dataclass
class Labels:
    """Headings and column names, in the minutes' language."""

    values: dict[str, str]

    def __getattr__(self, name: str) -> str:
        try:
            return self.values[name]
        except KeyError:
            raise AttributeError(name) from None


@dataclass
class ReportView:
    """The compte rendu (minutes of a seminar)."""

    lang: str
    doc_title: str
    kind_label: str
    title: str
    subtitle: str | None
    organization: str | None
    banners: list[Banner]
    facts: list[Fact]
    attendance_summary: str
    people: list[PersonRow]
    schedule: list[ScheduleRow]
    schedule_total: ScheduleRow
    segments: list[SegmentView]
    general_notes: list[Entry]
    decisions: list[Entry]
    actions: list[Entry]
    footer: str
    labels: Labels
    interruptions: list[Entry] = field(default_factory=list)  # the station's stops
    errata: list[Entry] = field(default_factory=list)  # after the seal
    errata_intro: str = ""
    seal_lines: list[str] = field(default_factory=list)  # the seal, the hash and how to check


@dataclass
class Tally:
    label: str
    count: str


@dataclass
class ResolutionView:
    kind = "resolution"
    heading: str
    question: str
    text: str | None
    mode: str  # "Vote à main levée." …
    tallies: list[Tally]
    outcome: str
    adopted: bool | None
    voters: list[str]  # named ballots: "Pour : A, B"


@dataclass
class PointView:
    number: int
    title: str
    timing: str
    items: list[ResolutionView | PromptView]  # in the agenda's order
    decisions: list[Entry]
    workshops: list[WorkshopView] = field(default_factory=list)
    compared: list[ComparedView] = field(default_factory=list)


@dataclass
class Signature:
    role: str
    name: str


@dataclass
class PvView:
    """The procès-verbal of a general assembly."""

    lang: str
    doc_title: str
    title: str
    organization: str | None
    date_line: str
    banners: list[Banner]
    opening: list[str]
    convocation: str | None
    bureau: list[Fact]
    presence: str
    quorum: str
    quorum_reached: bool
    warnings: list[str]
    people: list[PersonRow]
    guests: list[PersonRow]  # an assembly's guests, listed apart from its members (« Invités »)
    with_roles: bool  # the sheet has a « Qualité » column: someone has a role
    agenda_items: list[str]
    points: list[PointView]
    incidents: list[Entry]
    mentions: list[Entry]  # notes written after the close: « Mention portée après la séance »
    mentions_heading: str
    actions: list[Entry]
    closing: str
    place_date: str
    signatures: list[Signature]
    footer: str
    labels: Labels
    errata: list[Entry] = field(default_factory=list)  # after the seal
    errata_intro: str = ""
    seal_lines: list[str] = field(default_factory=list)  # the seal, the hash and how to check


# -- shared pieces ---------------------------------------------------------------------------------
class _Views:
    def __init__(self, minutes: Minutes) -> None:
        self.m = minutes
        self.f = Formatter(minutes.language)
        day = minutes.session.started_at or minutes.session.opened_at
        self.day = day.date()

    def at(self, value: datetime | None) -> str:
        return self.f.moment_or_clock(value, self.day) if value else ""

    def banners(self) -> list[Banner]:
        s, f = self.m.session, self.f
        out = []
        if s.draft:
            out.append(Banner("draft", f("min.draft", moment=f.moment(s.as_of))))
        if s.rehearsal:
            out.append(Banner("rehearsal", f("min.rehearsal", speed=f.number(s.speed))))
        return out

    def person_rows(self) -> list[PersonRow]:
        return [
            PersonRow(p.name, p.organization or "", p.group or "", self.attendance(p))
            for p in self.m.participants
        ]

    def attendance(self, person: Participant) -> str:
        if person.attendance == "represented" and person.represented_by:
            return self.f("min.att.represented_by", name=person.represented_by)
        return self.f(f"min.att.{person.attendance}")

    def attendance_summary(self) -> str:
        counts: dict[str, int] = {}
        for person in self.m.participants:
            counts[person.attendance] = counts.get(person.attendance, 0) + 1
        parts = [
            self.f(f"min.count.{status}", n=self.f.number(counts[status]))
            for status in ("present", "represented", "excused", "absent", "left")
            if counts.get(status)
        ]
        if not parts:
            return self.f("min.no_participants")
        text = " · ".join(parts)
        return text[0].upper() + text[1:]

    def option_label(self, prompt: PromptMinutes, option: str) -> str:
        code = spec_of(prompt.type).code(option)
        if code is not None:
            return self.f(code.minutes_label)
        if prompt.type == "rating" and prompt.labels and option in prompt.labels:
            return f"{option} — {prompt.labels[option]}"
        return option

    def value_text(self, prompt: PromptMinutes, value: Any) -> str:
        if isinstance(value, dict):
            return ", ".join(
                f"{self.f(f'min.vote.{k}')} {self.f.number(int(value.get(k, 0)))}"
                for k in TALLY_ORDER
                if k in value
            )
        if isinstance(value, list):
            if prompt.type == "election" and not value:
                return self.f("min.vote.blanc")
            if prompt.type == "ranking":
                return " > ".join(str(v) for v in value)
            return ", ".join(str(v) for v in value)
        if prompt.type in ("vote", "yesno", "rating"):
            return self.option_label(prompt, str(value))
        return str(value)

    def who(self, prompt: PromptMinutes, response: Response) -> tuple[str, bool]:
        if response.participant:
            return response.participant, True
        if prompt.anonymous:
            return self.f("min.who.anonymous"), False
        if prompt.who == "room":
            return self.f("min.who.room"), False
        return self.f("min.who.unnamed"), False

    def prompt_kind(self, prompt: PromptMinutes) -> list[str]:
        """What a prompt is: its type, who answers, anonymous (none of it in a PV)."""
        f = self.f
        if self.m.kind == "pv":  # the tool's words (« réponse libre… ») have no place in a PV
            return []
        kind = [f(spec_of(prompt.type).minutes_label), f(f"min.pwho.{prompt.who}")]
        if prompt.anonymous:
            kind.append(f("min.anonymous"))
        return kind

    def prompt_counts(
        self, prompt: PromptMinutes, workshop: bool = False
    ) -> tuple[list[str], str | None]:
        """Its answers, those still waiting for their batch, those a stopped station's key
        voided; and what is said of the waiting ones when nothing is written yet.  In a
        workshop of a closed session, the waiting ones were never written: said so."""
        f = self.f
        counts = []
        if prompt.count and not (self.m.kind == "pv" and prompt.type == "election"):
            counts.append(
                f("min.answers_one")
                if prompt.count == 1
                else f("min.answers_n", n=f.number(prompt.count))
            )
        waiting = None
        if prompt.pending_anonymous:
            n = prompt.pending_anonymous
            if workshop and not self.m.session.draft:
                waiting = f(plural("min.ws.unwritten_anonymous", n, f.lang), n=f.number(n))
                counts.append(waiting)  # said even beside « Aucune réponse »
            else:
                waiting = (
                    f("min.pending_anonymous_one")
                    if n == 1
                    else f("min.pending_anonymous_n", n=f.number(n))
                )
                if prompt.responses:  # some batches are written: the rest waits, said here
                    counts.append(waiting)
        if prompt.voided_anonymous:
            n = prompt.voided_anonymous
            ballot = prompt.type in ("vote", "election")
            key = "min.voided_ballots" if ballot else "min.voided_answers"
            counts.append(f(plural(key, n, f.lang), n=f.number(n)))
        return counts, waiting

    def prompt_view(self, prompt: PromptMinutes, workshop: bool = False) -> PromptView:
        # a secret ballot is told by its counts, never ballot by ballot (PRODUCT §7)
        secret_ballot = prompt.anonymous and prompt.type in ("vote", "election")
        counts, waiting = self.prompt_counts(prompt, workshop)
        if waiting is not None and waiting in counts and not prompt.responses:
            waiting = None  # said in the meta: « Aucune réponse » below it
        meta = [*self.prompt_kind(prompt), *counts]
        answers = []
        for response in [] if secret_ballot else prompt.responses:
            who, named = self.who(prompt, response)
            answers.append(
                Answer(who, self.value_text(prompt, response.value), self.at(response.at), named)
            )
        return PromptView(
            id=prompt.id,
            question=prompt.question,
            meta=" · ".join(meta),
            description=prompt.description,
            text=prompt.text,
            result=self.result(prompt),
            answers=answers,
            empty=None
            if answers or (secret_ballot and prompt.count)
            else self.empty(prompt, waiting),
        )

    def empty(self, prompt: PromptMinutes, waiting: str | None) -> str:
        if waiting:
            return waiting
        return self.f("min.election.no_ballots" if prompt.type == "election" else "min.no_answers")

    def result(self, prompt: PromptMinutes) -> Result:
        f, summary = self.f, prompt.summary
        result = Result()
        if not prompt.count:
            return result
        if prompt.who == "room" and prompt.type != "vote":
            return result  # the room's one answer says it all: no chart
        if prompt.type == "election":
            self.election_result(prompt, result)
        elif "counts" in summary:
            counts: dict[str, int] = summary["counts"]
            whole = prompt.count if prompt.type in ("choice", "yesno") else 0
            if prompt.type in ("vote",):
                whole = sum(counts.values())
            result.bars = self.bars(
                [(self.option_label(prompt, k), v) for k, v in counts.items()],
                whole or None,
            )
            if prompt.type == "vote":
                for bar, code in zip(result.bars, counts, strict=True):
                    bar.tone = code if code in TALLY_ORDER else ""
            if prompt.type == "multi":
                result.lines.append(
                    f(plural("min.multi_note", prompt.count, f.lang), n=f.number(prompt.count))
                )
            if prompt.type == "vote":
                adopted = bool(summary.get("adopted"))
                result.adopted = adopted
                rule = f(f"min.maj.{prompt.majority or 'simple'}.by")
                result.outcome = f(
                    "min.vote.adopted" if adopted else "min.vote.rejected", rule=rule
                )
        elif "distribution" in summary:
            low, high = prompt.scale or (1, 5)
            result.lines.append(f("min.mean", mean=f.number(summary["mean"]), low=low, high=high))
            dist: dict[str, int] = summary["distribution"]
            result.bars = self.bars(
                [(self.option_label(prompt, k), v) for k, v in dist.items()], prompt.count
            )
        elif "words" in summary:
            result.lines.append(f("min.top_words"))
            result.bars = self.bars([(str(w), int(n)) for w, n in summary["words"]], None)
        elif "ranking" in summary:
            result.lines.append(f("min.borda"))
            ranking = summary["ranking"]
            result.bars = [
                Bar(
                    f"{i}. {choice}",
                    int(points),
                    0.0,
                    f(plural("min.points", int(points), f.lang), n=f.number(int(points))),
                )
                for i, (choice, points) in enumerate(ranking, start=1)
            ]
            top = max((b.count for b in result.bars), default=0)
            for bar in result.bars:
                bar.share = bar.count / top if top else 0.0
        return result

    def election_result(self, prompt: PromptMinutes, result: Result) -> None:
        """Each candidate's votes, the blank ballots, who is elected, any tie and the seats left
        vacant (PRODUCT §9), as a procès-verbal writes them: the same lines in every format,
        compte rendu and procès-verbal."""
        f, summary = self.f, prompt.summary
        cast = int(summary.get("cast", 0))
        counts: dict[str, int] = summary.get("counts", {})
        elected: list[str] = summary.get("elected", [])
        ties: list[str] = summary.get("ties", [])
        deliberated = summary.get("deliberated") is not False  # False: held without quorum
        seats = prompt.seats or 1
        result.bars = self.bars(list(counts.items()), cast or None)
        result.columns = (f("min.election.col_candidate"), f("min.election.col_votes"))
        for bar in result.bars:
            if deliberated and bar.label in elected:
                bar.tone = "pour"
        result.lines.append(f("min.pv.mode.secret" if prompt.anonymous else "min.pv.mode.named"))
        result.lines.append(
            f.count("min.election.seats", seats, round=f(f"min.election.round.{prompt.round or 1}"))
        )
        voters = summary.get("voters")
        if voters is not None:
            entitled = f.count("min.election.entitled", int(voters))
            line = f.count("min.election.voters", prompt.ballots, entitled=entitled)
        else:
            line = f.count("min.election.ballots", prompt.ballots)
        result.lines.append(line)
        result.lines.append(f.count("min.election.blank", int(summary.get("blank", 0))))
        result.lines.append(f("min.election.cast", n=f.number(cast)))
        result.lines.append(f(f"min.election.rule.{prompt.round or 1}"))
        parts = []
        if not deliberated:  # PRODUCT §7: counted, nobody elected
            parts.append(f("min.election.no_quorum"))
        else:
            if elected:
                key = plural("min.election.elected", len(elected), f.lang)
                parts.append(f(key, names=", ".join(elected)))
            elif not ties:
                parts.append(f("min.election.none_elected"))
            if ties:
                parts.append(f("min.election.ties", names=", ".join(ties)))
            elif len(elected) < seats:  # a tie leaves seats to decide, not vacant
                parts.append(f.count("min.election.vacant", seats - len(elected)))
        result.outcome = " ".join(parts)
        result.adopted = bool(elected) and not ties

    def bars(self, items: list[tuple[str, int]], whole: int | None) -> list[Bar]:
        top = max((n for _, n in items), default=0)
        bars = []
        for label, count in items:
            text = self.f.number(count)
            if whole:
                text += f" ({self.f.percent(count, whole)})"
            bars.append(Bar(label, count, count / top if top else 0.0, text))
        return bars

    def entries(self, records: list[Any], where: str = "") -> list[Entry]:
        out = []
        for record in records:
            if isinstance(record, Action):
                out.append(self.action(record, where))
            else:
                out.append(Entry(self.at(record.at), record.text, where=where))
        return out

    def action(self, action: Action, where: str = "") -> Entry:
        due = self.f.short_day(action.due) if action.due else ""
        return Entry(self.at(action.at), action.text, action.owner or "", due, where)

    def segment_titles(self) -> dict[str, str]:
        return {s.id: f"{i}. {s.title}" for i, s in enumerate(self.m.segments, start=1)}

    # -- workshops (PRODUCT §8) ------------------------------------------------------------
    def workshop_heading(self, workshop: WorkshopMinutes) -> str:
        return self.f("min.ws.title", title=workshop.title)

    def workshop_views(self, seg: SegmentMinutes) -> list[WorkshopView]:
        f = self.f
        views = []
        for workshop in seg.workshops:
            meta = []
            if workshop.room:
                meta.append(f("min.ws.room", room=workshop.room))
            if workshop.facilitator:
                meta.append(f("min.ws.facilitator", name=workshop.facilitator))
            if workshop.participants:
                meta.append(f("min.ws.participants", names=", ".join(workshop.participants)))
            views.append(
                WorkshopView(
                    id=workshop.id,
                    heading=self.workshop_heading(workshop),
                    meta=meta,
                    description=workshop.description,
                    not_held=None if workshop.held else f("min.ws.not_held"),
                    prompts=[self.prompt_view(p, workshop=True) for p in workshop.prompts]
                    if workshop.held
                    else [],
                    notes=self.entries(workshop.notes),
                    decisions=self.entries(workshop.decisions),
                    actions=self.entries(workshop.actions),
                    interruptions=[
                        entry
                        for _at, entry in self.stops(
                            workshop.interruptions,
                            [*workshop.prompts, *workshop.shared],
                            "min.ws.interruption",
                        )
                    ],
                )
            )
        return views

    def compared_views(self, seg: SegmentMinutes) -> list[ComparedView]:
        """One block per prompt of the segment asked in every workshop, each workshop's
        results in the agenda's order: the same question compared from one room to the next."""
        blocks: list[ComparedView] = []
        if not any(workshop.held for workshop in seg.workshops):
            return blocks  # nothing to compare: each workshop already says it was not held
        for index, first in enumerate(seg.workshops[0].shared):
            rows = []
            for workshop in seg.workshops:
                prompt = workshop.shared[index]
                held = workshop.held
                rows.append(
                    ComparedRow(
                        workshop=self.workshop_heading(workshop),
                        prompt=self.prompt_view(prompt, workshop=True) if held else None,
                        not_held=None if held else self.f("min.ws.not_held"),
                        # its answers, voided and waiting: each workshop's own line
                        counts=" · ".join(self.prompt_counts(prompt, workshop=True)[0])
                        if held
                        else "",
                    )
                )
            blocks.append(
                ComparedView(
                    id=first.id,
                    question=first.question,
                    # what it is (type, who answers, anonymous): the counts are each workshop's
                    meta=" · ".join(self.prompt_kind(first)),
                    rows=rows,
                )
            )
        return blocks

    def workshop_records(
        self, titles: dict[str, str]
    ) -> tuple[list[tuple[datetime, Entry]], list[tuple[datetime, Entry]]]:
        """The workshops' decisions and actions, for the session's lists (where: the segment
        and the workshop)."""
        decisions: list[tuple[datetime, Entry]] = []
        actions: list[tuple[datetime, Entry]] = []
        for seg in self.m.segments:
            for workshop in seg.workshops:
                where = self.f(
                    "min.ws.where", segment=titles[seg.id], workshop=self.workshop_heading(workshop)
                )
                decisions += [
                    (d.at, Entry(self.at(d.at), d.text, where=where)) for d in workshop.decisions
                ]
                actions += [(a.at, self.action(a, where)) for a in workshop.actions]
        return decisions, actions

    def timing(self, seg: SegmentMinutes) -> str:
        f = self.f
        planned = (
            f(
                "min.planned",
                range=f.clock_range(seg.planned_start, seg.planned_end),
                duration=f.duration(seg.planned_seconds),
            )
            if seg.planned_start
            else f("min.planned_short", duration=f.duration(seg.planned_seconds))
        )
        return f"{planned} · {self.actual(seg)}"

    def actual(self, seg: SegmentMinutes) -> str:
        f = self.f
        if seg.status == "skipped":
            return f("min.status.skipped")
        if seg.status == "not_started":
            return f("min.status.not_started")
        if seg.status == "running":
            return f(
                "min.status.running",
                start=self.at(seg.started_at),
                duration=f.duration(seg.actual_seconds),
            )
        return f(
            "min.actual",
            range=self.range(seg.started_at, seg.ended_at),
            duration=f.duration(seg.actual_seconds),
        )

    def pv_timing(self, seg: SegmentMinutes) -> str:
        """A point of a PV as a PV times it: « de 13 h 16 à 13 h 26 (10 min) »; when pauses or
        the station's stops make the span a minute or more longer than the time the point ran,
        the figure says what it counts: « de 16 h 08 à 17 h 27 (30 s de débats, pauses et
        interruptions exclues) »."""
        if seg.status != "done" or seg.started_at is None or seg.ended_at is None:
            return self.actual(seg)
        same_day = seg.ended_at.date() == seg.started_at.date()
        end = self.f.clock(seg.ended_at) if same_day else self.f.moment(seg.ended_at)
        span = (seg.ended_at - seg.started_at).total_seconds()
        net = span - (seg.actual_seconds or 0) >= 60
        return self.f(
            "min.pv.timing_net" if net else "min.pv.timing",
            start=self.at(seg.started_at),
            end=end,
            duration=self.f.duration(seg.actual_seconds),
        )

    def interruptions(self) -> list[tuple[datetime, Entry]]:
        """Each stop of the facilitator's station, when it stopped, with what it voided."""
        prompts = [p for seg in self.m.segments for p in seg.prompts]
        return self.stops(self.m.interruptions, prompts, "min.interruption")

    def stops(
        self, interruptions: list[Interruption], asked: list[PromptMinutes], prefix: str
    ) -> list[tuple[datetime, Entry]]:
        """Each stop of a station (the plenary's, or a workshop's with its ``prefix``), when
        it stopped, with what it voided among the ``asked`` prompts."""
        f = self.f
        prompts = {p.id: p for p in asked}
        out = []
        for stop in interruptions:
            sentences = [
                f(
                    f"{prefix}.{stop.reason}",
                    stopped=self.at(stop.stopped_at),
                    resumed=self.at(stop.resumed_at),
                )
            ]
            for voided in stop.voided:
                prompt = prompts.get(voided.prompt)
                ballot = prompt is not None and prompt.type in ("vote", "election")
                key = (
                    "min.interruption.voided_ballots"
                    if ballot
                    else "min.interruption.voided_answers"
                )
                question = prompt.question if prompt is not None else voided.prompt
                n = voided.count
                sentences.append(f(plural(key, n, f.lang), n=f.number(n), question=question))
            out.append((stop.stopped_at, Entry(self.at(stop.stopped_at), " ".join(sentences))))
        return out

    def range(self, start: datetime | None, end: datetime | None) -> str:
        if start is None:
            return ""
        if end is None:
            return self.at(start)
        if end.date() == start.date():
            return f"{self.at(start)} – {self.f.clock(end)}"
        return f"{self.at(start)} – {self.f.moment(end)}"

    def session_times(self) -> str:
        s, f = self.m.session, self.f
        if s.started_at is None:
            if s.planned_start:
                return f("min.times.planned", start=f.clock(s.planned_start))
            return f("min.times.not_started")
        if s.ended_at is None:
            return f("min.times.running", start=f.clock(s.started_at))
        return self.range(s.started_at, s.ended_at)

    def footer(self) -> str:
        return self.f("min.footer", id=self.m.session.id)

    def errata(self) -> list[Entry]:
        """Records made after the seal, each with its time, its kind and where it belongs."""
        seal = self.m.seal
        if seal is None:
            return []
        titles = self.segment_titles()
        out = []
        for erratum in seal.errata:
            where = self.f(f"min.erratum.{erratum.kind}")
            if erratum.segment in titles:
                where += f" · {titles[erratum.segment]}"
            due = self.f.short_day(erratum.due) if erratum.due else ""
            out.append(Entry(self.at(erratum.at), erratum.text, erratum.owner or "", due, where))
        return out

    def seal_lines(self) -> list[str]:
        """The seal, if any, and the chain's hash at the export with how to check it."""
        seal, f = self.m.seal, self.f
        if seal is None:
            return []
        lines = []
        if seal.sealed_at is not None and seal.sealed_hash:
            key = "min.seal.sealed_pv" if self.m.kind == "pv" else "min.seal.sealed"
            lines.append(f(key, at=f.moment(seal.sealed_at), hash=seal.sealed_hash))
        lines.append(
            f(
                "min.seal.head",
                seq=seal.chain_seq,
                hash=seal.chain_hash,
                id=self.m.session.id,
            )
        )
        return lines


# -- the compte rendu ------------------------------------------------------------------------------
_REPORT_LABELS = (
    "errata",
    "interruptions",
    "facts",
    "participants",
    "schedule",
    "segments",
    "notes",
    "decisions",
    "actions",
    "answers",
    "general",
    "decision_list",
    "action_list",
    "col_name",
    "col_organization",
    "col_group",
    "col_attendance",
    "col_segment",
    "col_planned",
    "col_replanned",
    "col_actual",
    "col_delta",
    "col_action",
    "col_owner",
    "col_due",
    "col_choice",
    "col_count",
    "col_time",
    "col_text",
    "resolution_text",
    "no_actions",
    "no_decisions",
    "compared",
    "ws_interruptions",
)
_PV_LABELS = (
    "errata",
    "guests",
    "convocation",
    "bureau",
    "presence",
    "people",
    "agenda",
    "deliberations",
    "incidents",
    "follow_up",
    "closing",
    "signatures",
    "signature",
    "col_name",
    "col_organization",
    "col_group",
    "col_attendance",
    "col_role",
    "col_signature",
    "col_action",
    "col_owner",
    "col_due",
    "col_time",
    "col_text",
    "col_choice",
    "col_count",
    "answers",
    "decisions",
    "no_incidents",
    "resolution_text",
    "compared",
    "ws_interruptions",
    "notes",
    "actions",
)


def _labels(f: Formatter, names: tuple[str, ...]) -> Labels:
    return Labels({name: f(f"min.l.{name}") for name in names})


def report_view(minutes: Minutes) -> ReportView:
    v = _Views(minutes)
    f, s = v.f, minutes.session
    facts = []
    if s.organization:
        facts.append(Fact(f("min.f.organization"), s.organization))
    facts.append(Fact(f("min.f.date"), f.day(s.started_at or s.opened_at)))
    if s.place:
        facts.append(Fact(f("min.f.place"), s.place))
    facts.append(Fact(f("min.f.times"), v.session_times()))
    if s.facilitator:
        facts.append(Fact(f("min.f.facilitator"), s.facilitator))
    if s.secretary:
        facts.append(Fact(f("min.f.secretary"), s.secretary))
    facts.append(Fact(f("min.f.session"), s.id))
    titles = v.segment_titles()
    schedule = []
    total_planned = total_actual = 0
    for number, seg in enumerate(minutes.segments, start=1):
        total_planned += seg.planned_seconds
        total_actual += seg.actual_seconds or 0
        schedule.append(_schedule_row(v, number, seg))
    start_delay = None
    if s.planned_start and s.started_at:
        start_delay = int((s.started_at - s.planned_start).total_seconds())
    total = ScheduleRow(
        "",
        f("min.total"),
        f.clock_range(
            s.planned_start, s.planned_start and s.planned_start + _seconds(total_planned)
        )
        + (f" ({f.duration(total_planned)})" if s.planned_start else f.duration(total_planned)),
        "",
        (v.range(s.started_at, s.ended_at) + f" ({f.duration(total_actual)})")
        if s.started_at
        else "",
        f("min.start_delay", delta=f.delta(start_delay))
        if start_delay is not None and abs(start_delay) >= 30
        else "",
    )
    segments = []
    for number, seg in enumerate(minutes.segments, start=1):
        meta = [f(f"min.kind.{seg.kind}")]
        if seg.speaker:
            meta.append(seg.speaker)
        segments.append(
            SegmentView(
                number=number,
                id=seg.id,
                title=seg.title,
                meta=" · ".join(meta),
                timing=v.timing(seg),
                description=seg.description,
                notes=v.entries(seg.notes),
                prompts=[v.prompt_view(p) for p in in_plenary(seg)],
                decisions=v.entries(seg.decisions),
                actions=v.entries(seg.actions),
                workshops=v.workshop_views(seg),
                compared=v.compared_views(seg),
            )
        )
    in_workshops = v.workshop_records(titles)
    decisions = _merged(
        [
            (d.at, Entry(v.at(d.at), d.text, where=titles.get(where, "") if where else ""))
            for where, d in minutes.all_decisions()
        ],
        in_workshops[0],
    )
    actions = _merged(
        [
            (a.at, v.action(a, titles.get(a.segment, "") if a.segment else ""))
            for a in minutes.all_actions()
        ],
        in_workshops[1],
    )
    general = v.entries(minutes.notes)
    return ReportView(
        lang=minutes.language,
        doc_title=f"{f('min.cr.title')} — {s.title}",
        kind_label=f("min.cr.title"),
        title=s.title,
        subtitle=s.subtitle,
        organization=s.organization,
        banners=v.banners(),
        facts=facts,
        attendance_summary=v.attendance_summary(),
        people=v.person_rows(),
        schedule=schedule,
        schedule_total=total,
        segments=segments,
        general_notes=general,
        decisions=decisions,
        actions=actions,
        footer=v.footer(),
        labels=_labels(f, _REPORT_LABELS),
        interruptions=[entry for _at, entry in v.interruptions()],
        errata=v.errata(),
        errata_intro=f("min.seal.errata_intro"),
        seal_lines=v.seal_lines(),
    )


def in_plenary(seg: SegmentMinutes) -> list[PromptMinutes]:
    """The prompts a segment shows as the plenary's: all of them, except, in a segment split
    into workshops, those the plenary never asked (they are compared workshop by workshop)."""
    if not seg.workshops:
        return seg.prompts
    return [p for p in seg.prompts if p.count or p.pending_anonymous or p.voided_anonymous]


def _merged(
    plenary: list[tuple[datetime, Entry]], workshops: list[tuple[datetime, Entry]]
) -> list[Entry]:
    """The plenary's entries with the workshops', in time order (a stable sort: the plenary's
    order is kept among equal times)."""
    if not workshops:
        return [entry for _at, entry in plenary]
    return [entry for _at, entry in sorted(plenary + workshops, key=lambda pair: pair[0])]


def _seconds(value: int) -> Any:
    from datetime import timedelta

    return timedelta(seconds=value)


def _schedule_row(v: _Views, number: int, seg: SegmentMinutes) -> ScheduleRow:
    f = v.f
    planned = f.duration(seg.planned_seconds)
    if seg.planned_start:
        planned = f"{f.clock_range(seg.planned_start, seg.planned_end)} ({planned})"
    replanned = ""
    if seg.replanned_seconds is not None or seg.extended_seconds:
        replanned = f.duration(seg.allotted_seconds)
        if seg.extended_seconds:
            sign = "+" if seg.extended_seconds > 0 else "−"
            replanned += " " + f("min.extended", delta=sign + f.duration(abs(seg.extended_seconds)))
    if seg.status == "done":
        actual = f"{v.range(seg.started_at, seg.ended_at)} ({f.duration(seg.actual_seconds)})"
        delta = f.delta((seg.actual_seconds or 0) - seg.planned_seconds)
    else:
        actual = v.actual(seg)
        delta = ""
    return ScheduleRow(str(number), seg.title, planned, replanned, actual, delta)


# -- the procès-verbal -----------------------------------------------------------------------------
def pv_view(minutes: Minutes) -> PvView:
    v = _Views(minutes)
    f, s = v.f, minutes.session
    a = minutes.assembly or AssemblyMinutes()
    body = f(f"min.body.{a.body}")
    begin = s.started_at or s.opened_at
    opening = []
    if s.started_at is not None:
        of_org = f("min.pv.of_org", org=s.organization) if s.organization else ""
        at_place = f("min.pv.at_place", place=s.place) if s.place else ""
        opening.append(
            f(
                "min.pv.opening",
                day=f.day(begin),
                time=f.clock(begin),
                of_org=of_org,
                body=body,
                at_place=at_place,
            )
        )
    else:
        opening.append(f("min.pv.not_started"))
    president = a.president or f("min.pv.unnamed")
    secretary = a.secretary or s.secretary or f("min.pv.unnamed")
    president_title = _officer_title(f, a.president_title, "min.pv.president", "min.pv.of_meeting")
    secretary_title = _officer_title(f, a.secretary_title, "min.pv.secretary", "min.pv.of_meeting")
    bureau = [Fact(president_title, president), Fact(secretary_title, secretary)]
    roles = {p.name: p.role for p in minutes.participants}
    scrutineer_titles = [_scrutineer_title(f, roles.get(name)) for name in a.scrutineers]
    if a.scrutineers:
        bureau.append(Fact(_scrutineers_label(f, scrutineer_titles), ", ".join(a.scrutineers)))
    if s.facilitator:
        bureau.append(Fact(f("min.f.facilitator"), s.facilitator))
    total = a.present_count + a.represented_count
    presence = f(
        "min.pv.presence",
        present=f.count("min.pv.present", a.present_count),
        represented=f.count("min.pv.represented", a.represented_count),
        total=f.count("min.pv.total", total),
    )
    if a.members:
        presence += " " + f.count("min.pv.of_members", a.members)
    if a.quorum <= 0:
        quorum = f("min.pv.no_quorum_rule")
    else:
        key = "min.pv.quorum_reached" if a.quorum_reached else "min.pv.quorum_missed"
        if not a.quorum_reached and a.second_call:
            key = "min.pv.quorum_second_call"
        quorum = f(
            key,
            share=f.percent(round(a.quorum * 1000), 1000),
            required=f.count("min.pv.total", a.quorum_required),
            base=f.number(a.quorum_base),
        )
    warnings = [
        f("min.pv.over_proxies", name=h.name, n=h.proxies, max=a.proxies_max)
        for h in a.over_proxy_limit
    ]
    hands = max((r.ballots for r in a.resolutions if r.who == "room"), default=0)
    if (a.members or a.quorum > 0) and hands > total and total >= 0:
        warnings.append(f("min.pv.more_hands", hands=f.number(hands), total=f.number(total)))
    by_segment: dict[str, list[Resolution]] = {}
    for resolution in a.resolutions:
        by_segment.setdefault(resolution.segment, []).append(resolution)
    points = []
    for number, seg in enumerate(minutes.segments, start=1):
        resolutions = {r.prompt: r for r in by_segment.get(seg.id, [])}
        items: list[ResolutionView | PromptView] = [
            _resolution_view(v, resolutions[p.id], p) if p.id in resolutions else v.prompt_view(p)
            for p in in_plenary(seg)
        ]
        points.append(
            PointView(
                number=number,
                title=seg.title,
                timing=v.pv_timing(seg),
                items=items,
                decisions=v.entries(seg.decisions),
                workshops=v.workshop_views(seg),
                compared=v.compared_views(seg),
            )
        )
    titles = v.segment_titles()
    notes = [(n, titles[seg.id]) for seg in minutes.segments for n in seg.notes]
    notes += [(n, "") for n in minutes.notes]
    # a note written once the session had closed is no incident of it: a later mention,
    # dated in full (it may come days after)
    timed = [(n.at, Entry(v.at(n.at), n.text, where=w)) for n, w in notes if not n.after_close]
    # the stops of the facilitator's station among the notes, in time order (a stable sort)
    incidents = [entry for _at, entry in sorted(timed + v.interruptions(), key=lambda p: p[0])]
    late = sorted((pair for pair in notes if pair[0].after_close), key=lambda pair: pair[0].at)
    mentions = [Entry(f.moment(n.at), n.text, where=where) for n, where in late]
    actions = _merged(
        [
            (x.at, v.action(x, titles.get(x.segment, "") if x.segment else ""))
            for x in minutes.all_actions()
        ],
        v.workshop_records(titles)[1],
    )
    if s.ended_at is not None:
        closing = f("min.pv.closing", time=f.clock(s.ended_at))
    else:
        closing = f("min.pv.still_running")
    place_date = (
        f("min.pv.done_at", place=s.place, day=f.short_day(begin))
        if s.place
        else f("min.pv.done_on", day=f.short_day(begin))
    )
    officers = {
        name: title
        for name, title in (
            (a.president, president_title),
            (a.secretary or s.secretary, secretary_title),
            *zip(a.scrutineers, scrutineer_titles, strict=True),
        )
        if name
    }
    rows = [
        (
            replace(
                row,
                # the register's role, else the office the agenda gives (« Secrétaire de séance »)
                role=person.role or officers.get(person.name, ""),
                signs=person.attendance not in ("absent", "excused"),
            ),
            person,
        )
        for row, person in zip(v.person_rows(), minutes.participants, strict=True)
    ]
    return PvView(
        lang=minutes.language,
        doc_title=f"{f('min.pv.title', body=body)} — {s.organization or s.title}",
        title=f("min.pv.title", body=body),
        organization=s.organization,
        date_line=f("min.pv.date_line", day=f.day(begin)),
        banners=v.banners(),
        opening=opening,
        convocation=a.convocation,
        bureau=bureau,
        presence=presence,
        quorum=quorum,
        quorum_reached=a.quorum_reached or a.second_call or a.quorum <= 0,
        warnings=warnings,
        people=[row for row, p in rows if p.member],
        guests=[row for row, p in rows if not p.member],
        with_roles=any(row.role for row, _ in rows),
        agenda_items=[seg.title for seg in minutes.segments],
        points=points,
        incidents=incidents,
        mentions=mentions,
        mentions_heading=f(plural("min.pv.mentions", len(mentions), f.lang)),
        actions=actions,
        closing=closing,
        place_date=place_date,
        signatures=[
            Signature(president_title, a.president or ""),
            Signature(secretary_title, a.secretary or s.secretary or ""),
            *(
                Signature(title, name)
                for title, name in zip(scrutineer_titles, a.scrutineers, strict=True)
            ),
        ],
        footer=v.footer(),
        labels=_labels(f, _PV_LABELS),
        errata=v.errata(),
        errata_intro=f("min.seal.errata_intro"),
        seal_lines=v.seal_lines(),
    )


def _officer_title(f: Formatter, role: str | None, default: str, of_meeting: str) -> str:
    """« Présidente de séance » from the officer's role in the roster, else the catalogue's
    (the role is French free text: English minutes keep « Chair of the meeting »)."""
    if not role or f.lang != "fr":
        return f(default)
    return f"{role[:1].upper()}{role[1:]}{f(of_meeting)}"


def _scrutineer_title(f: Formatter, role: str | None) -> str:
    """« Scrutatrice » when the register's role says so (French only, as the officers')."""
    if f.lang == "fr" and role and role.strip().casefold().startswith("scrut"):
        word = role.strip().split()[0]
        return word[:1].upper() + word[1:]
    return f("min.pv.scrutineer")


def _scrutineers_label(f: Formatter, titles: list[str]) -> str:
    """The bureau's line agrees with the scrutineers: « Scrutatrice » for one woman so
    named by the register, « Scrutateurs » for several (« Scrutatrices » when all are)."""
    if len(titles) == 1:
        return titles[0]
    if f.lang == "fr" and len(set(titles)) == 1 and titles[0] != f("min.pv.scrutineer"):
        return titles[0] + "s"
    return f("min.pv.scrutineers")


def _resolution_view(v: _Views, r: Resolution, prompt: PromptMinutes) -> ResolutionView:
    f = v.f
    heading = f("min.pv.resolution", ordinal=ordinal(r.number, f.lang))
    tallies = [Tally(f(f"min.tally.{k}"), f.number(r.counts.get(k, 0))) for k in TALLY_ORDER]
    tallies.append(Tally(f("min.tally.cast"), f.number(r.votes_cast)))
    mode = f(f"min.pv.mode.{r.ballot}")
    if r.voters is not None:  # each vote's own attendance, not the end of the session's
        mode = f"{mode} {f.count('min.pv.voters', r.voters)}"
    if not r.voted:  # no table of zeros, no mode: nothing was cast
        tallies, mode = [], ""
    if prompt.voided_anonymous:  # the PV says it too, beside how the vote was held
        n = prompt.voided_anonymous
        mode = (mode + " " if mode else "") + f(
            plural("min.voided_ballots", n, f.lang), n=f.number(n)
        )
    if not r.voted:
        outcome = f("min.pv.not_voted")
    elif not r.deliberated:  # held without quorum: recorded, never adopted (PRODUCT §7)
        outcome = f("min.pv.no_quorum_vote")
    elif r.adopted:
        no_other = not r.counts.get("abstention") and not r.counts.get("blanc")
        if r.unanimous and no_other:
            outcome = f("min.pv.adopted_unanimous")
        elif r.unanimous:
            outcome = f("min.pv.adopted_unanimous_cast")
        else:
            outcome = f("min.pv.adopted", rule=f(f"min.maj.{r.majority}.by"))
    else:
        outcome = f("min.pv.rejected", rule=f(f"min.maj.{r.majority}.rule"))
    voters: list[str] = []
    if not r.anonymous:
        names: dict[str, list[str]] = {}
        for response in prompt.responses:
            if response.participant and isinstance(response.value, str):
                names.setdefault(response.value, []).append(response.participant)
        for key in TALLY_ORDER:
            if names.get(key):
                voters.append(f"{f(f'min.tally.{key}')}{f.colon}{', '.join(names[key])}")
    return ResolutionView(
        heading=heading,
        question=r.question,
        text=r.text,
        mode=mode,
        tallies=tallies,
        outcome=outcome,
        adopted=r.adopted,
        voters=voters,
    )
