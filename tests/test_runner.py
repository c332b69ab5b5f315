"""The session runner over a FakeClock (it never sleeps): segments, prompts, commands, and the
journal's fold equal to the runner's live state at every step."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from seminar_cli.agenda.loader import LoadedAgenda
from seminar_cli.agenda.models import Agenda, Prompt
from seminar_cli.journal.events import EventType
from seminar_cli.journal.state import fold
from seminar_cli.journal.store import Journal, StoredEvent
from seminar_cli.session.answers import AnswersFile, ScriptedAnswer
from seminar_cli.session.prompter import AskRequest, SkipPrompt
from seminar_cli.session.runner import Command, HeadlessControls, Runner
from seminar_cli.session.service import SessionSetup, SessionWriter, open_session
from seminar_cli.timer import FakeClock

T0 = datetime(2026, 11, 26, 14, 0).astimezone()


def make_agenda(participants: list[str] | None = None, **extra: Any) -> Agenda:
    names = ["Inès", "Hugo", "Maëlle"] if participants is None else participants
    return Agenda.model_validate(
        {
            "title": "Atelier",
            "starts_at": "14:00",
            "ends_by": "14:30",
            "participants": [{"name": n} for n in names],
            "segments": [
                {
                    "id": "accueil",
                    "title": "Accueil",
                    "duration": "5m",
                    "prompts": [
                        {"id": "mots", "question": "Un mot ?", "type": "words", "who": "open"},
                    ],
                },
                {
                    "id": "tour",
                    "title": "Tour de table",
                    "duration": "10m",
                    "prompts": [
                        {
                            "id": "note",
                            "question": "Votre note ?",
                            "type": "rating",
                            "who": "each",
                        },
                        {
                            "id": "synthese",
                            "question": "La synthèse ?",
                            "type": "text",
                            "who": "room",
                        },
                        {"id": "idee", "question": "Une idée ?", "type": "text", "who": "open"},
                    ],
                },
                {
                    "id": "cloture",
                    "title": "Clôture",
                    "duration": "5m",
                    "fixed": True,
                    "prompts": [
                        {
                            "id": "humeur",
                            "question": "Votre humeur ?",
                            "type": "yesno",
                            "who": "each",
                            "anonymous": True,
                        },
                    ],
                },
            ],
            **extra,
        }
    )


def offset(moment: datetime) -> float:
    return (moment - T0).total_seconds()


@dataclass
class Harness:
    journal: Journal
    writer: SessionWriter
    clock: FakeClock
    checks: int = 0

    def events(self) -> list[StoredEvent]:
        return self.journal.events(self.writer.session_id)

    def of(self, type_: EventType) -> list[StoredEvent]:
        return [e for e in self.events() if e.type == type_]

    def check_fold(self) -> None:
        """The journal, folded from scratch, is exactly what the runner holds."""
        folded = fold(self.writer.session_id, self.writer.agenda, self.events())
        assert folded == self.writer.state
        self.checks += 1


def harness(tmp_path: Path, agenda: Agenda | None = None, **setup: Any) -> Harness:
    clock = FakeClock(T0)
    journal = Journal.open(tmp_path / "journal.sqlite3")
    loaded = LoadedAgenda(agenda or make_agenda(), "atelier.yaml", "")
    session_id = open_session(journal, loaded, SessionSetup(**setup), clock)
    writer = SessionWriter(journal, journal.session(session_id), clock)
    return Harness(journal, writer, clock)


@dataclass
class ScriptedControls:
    """The facilitator's keys, each at a given second of the session clock; the fold is
    compared with the runner's state every time the runner waits or tells something."""

    h: Harness
    script: list[tuple[float, Command]] = field(default_factory=list)
    notified: list[tuple[float, str, dict[str, Any]]] = field(default_factory=list)
    waits: int = 0
    max_waits: int = 10_000
    on_wait: Callable[[Runner], None] | None = None

    def wait(self, runner: Runner, timeout: float) -> Command | None:
        self.h.check_fold()
        self.waits += 1
        if self.waits > self.max_waits:
            raise AssertionError("the runner never finishes")
        if self.on_wait:
            self.on_wait(runner)
        now = self.h.clock.monotonic()
        if self.script and self.script[0][0] <= now + timeout:
            when, command = self.script.pop(0)
            self.h.clock.advance(max(0.0, when - now))
            return command
        self.h.clock.advance(timeout)
        return None

    def notify(self, runner: Runner, what: str, **details: Any) -> None:
        self.h.check_fold()
        self.notified.append((self.h.clock.monotonic(), what, details))

    def suspend(self) -> None:
        self.notified.append((self.h.clock.monotonic(), "suspend", {}))

    def restore(self) -> None:
        self.notified.append((self.h.clock.monotonic(), "restore", {}))

    def whats(self) -> list[str]:
        return [what for _t, what, _d in self.notified]


@dataclass
class FakePrompter:
    """Answers from a table: (prompt id, participant) -> raw value; records every request."""

    answers: dict[tuple[str, str | None], Any] = field(default_factory=dict)
    names: list[str | None] = field(default_factory=list)
    asked: list[AskRequest] = field(default_factory=list)
    skip_at: tuple[str, str | None] | None = None

    def ask(self, request: AskRequest) -> Any:
        self.asked.append(request)
        key = (request.prompt.id, request.participant)
        if key == self.skip_at:
            raise SkipPrompt()
        value = self.answers.get(key)
        return value.pop(0) if isinstance(value, list) else value

    def ask_name(self, prompt: Prompt) -> str | None:
        return self.names.pop(0) if self.names else None


def scripted(*entries: tuple[str, str | None, Any]) -> AnswersFile:
    """An answers file as the loader makes it, its digest standing for its content."""
    result: dict[str, list[ScriptedAnswer]] = {}
    for prompt, participant, value in entries:
        result.setdefault(prompt, []).append(ScriptedAnswer(prompt, participant, value))
    return AnswersFile(result, {}, hashlib.sha256(repr(entries).encode()).hexdigest())


# -- a whole agenda -------------------------------------------------------------------------------
def test_a_whole_agenda_runs_and_records_each_segments_start_end_and_duration(
    tmp_path: Path,
) -> None:
    h = harness(tmp_path)
    controls = ScriptedControls(h)
    Runner(h.writer, controls, auto_advance=True).run()

    starts = {e.payload["segment"]: offset(e.at) for e in h.of(EventType.segment_started)}
    ends = {e.payload["segment"]: offset(e.at) for e in h.of(EventType.segment_ended)}
    assert starts == {"accueil": 0, "tour": 300, "cloture": 900}
    assert ends == {"accueil": 300, "tour": 900, "cloture": 1200}
    assert all(not e.payload.get("early") for e in h.of(EventType.segment_ended))
    state = h.writer.state
    assert [state.segments[s].elapsed for s in ("accueil", "tour", "cloture")] == [300, 600, 300]
    assert state.closed and offset(state.closed_at or T0) == 1200
    assert h.journal.session(h.writer.session_id).status == "closed"
    assert h.journal.last_heartbeat(h.writer.session_id) is None
    assert controls.whats().count("segment_started") == 3
    assert controls.whats()[-1] == "session_closed"
    assert h.checks > 10


def test_the_headless_controls_run_an_agenda_without_any_command(tmp_path: Path) -> None:
    h = harness(tmp_path)
    said: list[str] = []
    controls = HeadlessControls(say=lambda what, details: said.append(what))
    Runner(h.writer, controls, auto_advance=True).run()
    assert h.writer.state.closed
    assert said.count("segment_ended") == 3
    assert h.clock.monotonic() == 1200  # the clock was only slept on, never real time


def test_every_segment_ends_exactly_once_and_the_events_come_in_order(tmp_path: Path) -> None:
    h = harness(tmp_path)
    Runner(h.writer, ScriptedControls(h), auto_advance=True).run()
    kinds = [(e.type, e.payload.get("segment") or e.payload.get("prompt")) for e in h.events()]
    assert kinds[0] == (EventType.session_opened, None)
    assert kinds[-1] == (EventType.session_closed, None)
    ended = [k for k in kinds if k[0] == EventType.segment_ended]
    assert ended == [(EventType.segment_ended, s) for s in ("accueil", "tour", "cloture")]
    times = [e.at for e in h.events()]
    assert times == sorted(times)


# -- prompts --------------------------------------------------------------------------------------
def test_open_prompts_open_with_their_segment_and_close_at_its_end(tmp_path: Path) -> None:
    h = harness(tmp_path)
    Runner(h.writer, ScriptedControls(h), auto_advance=True).run()
    opened = {e.payload["prompt"]: e for e in h.of(EventType.prompt_opened)}
    closed = {e.payload["prompt"]: e for e in h.of(EventType.prompt_closed)}
    assert offset(opened["mots"].at) == 0 and opened["mots"].payload["segment"] == "accueil"
    assert offset(closed["mots"].at) == 300
    assert offset(opened["idee"].at) == 300 and opened["idee"].payload["segment"] == "tour"
    assert offset(closed["idee"].at) == 900
    # each prompt closes before its segment ends, and opens after it started
    seq = {(e.type, e.payload.get("prompt") or e.payload.get("segment")): e.seq for e in h.events()}
    assert seq[(EventType.prompt_closed, "mots")] < seq[(EventType.segment_ended, "accueil")]
    assert seq[(EventType.segment_started, "tour")] < seq[(EventType.prompt_opened, "idee")]
    assert h.writer.state.open_prompts == {}
    assert set(h.writer.state.closed_prompts) == {"mots", "note", "synthese", "idee", "humeur"}


def test_scripted_answers_are_recorded_once_as_given_by_their_people(tmp_path: Path) -> None:
    h = harness(tmp_path)
    script = scripted(
        ("mots", "Inès", ["partage"]),
        ("mots", None, ["écoute"]),
        ("note", "Hugo", 4),
        ("synthese", None, "On continue"),
        ("humeur", None, "oui"),
    )
    Runner(h.writer, ScriptedControls(h), None, script, auto_advance=True).run()
    answers = [
        (e.payload["prompt"], e.payload.get("participant")) for e in h.of(EventType.answer_given)
    ]
    assert sorted(answers, key=str) == sorted(
        [("mots", "Inès"), ("mots", None), ("note", "Hugo"), ("synthese", None), ("humeur", None)],
        key=str,
    )
    # named entries are told apart by participant and prompt; unnamed ones carry no reference
    refs = sorted(e.payload["ref"] for e in h.of(EventType.answer_given) if "ref" in e.payload)
    assert refs == ["answers:mots:inès", "answers:note:hugo"]
    # the open prompt's answers land while it is open, at its segment's start
    mots = [e for e in h.of(EventType.answer_given) if e.payload["prompt"] == "mots"]
    assert all(offset(e.at) == 0 for e in mots)
    # running the same runner again on the closed session adds nothing
    before = len(h.events())
    Runner(h.writer, ScriptedControls(h), None, script, auto_advance=True).run()
    assert len(h.events()) == before


def test_each_prompts_ask_every_present_participant_in_turn_and_skip_the_absent(
    tmp_path: Path,
) -> None:
    h = harness(tmp_path)
    h.writer.record(EventType.attendance, participant="Hugo", status="excused")
    prompter = FakePrompter(
        answers={("note", "Inès"): 5, ("note", "Maëlle"): "3", ("synthese", None): "Bien"}
    )
    controls = ScriptedControls(h)
    Runner(h.writer, controls, prompter, auto_advance=True).run()
    asked = [(r.prompt.id, r.participant, r.turn, r.turns) for r in prompter.asked]
    assert asked == [
        ("note", "Inès", 1, 2),
        ("note", "Maëlle", 2, 2),
        ("synthese", None, 1, 1),
        ("humeur", "Inès", 1, 2),
        ("humeur", "Maëlle", 2, 2),
    ]
    note = {a.participant: a.value for a in h.writer.state.answers["note"]}
    assert note == {"Inès": 5, "Maëlle": 3}  # normalised: a rating is a number
    assert [a.value for a in h.writer.state.answers["synthese"]] == ["Bien"]
    # asked at the end of their segment, before the next one starts
    note_events = [e for e in h.of(EventType.answer_given) if e.payload["prompt"] == "note"]
    assert all(offset(e.at) == 900 for e in note_events)
    assert "suspend" in controls.whats() and "restore" in controls.whats()


def test_an_anonymous_each_prompt_never_stores_a_name(tmp_path: Path) -> None:
    h = harness(tmp_path)
    prompter = FakePrompter(answers={("humeur", "Inès"): "o", ("humeur", "Hugo"): "non"})
    Runner(h.writer, ScriptedControls(h), prompter, auto_advance=True).run()
    events = [e for e in h.of(EventType.answer_given) if e.payload["prompt"] == "humeur"]
    # a secret round: the ballots are written together at the end of the round, at one
    # moment, with neither name nor reference (Maëlle gave none: nothing to count)
    assert sorted(e.payload["value"] for e in events) == ["non", "oui"]
    assert all(set(e.payload) == {"prompt", "value"} for e in events)
    assert len({e.at for e in events}) == 1
    assert [e.seq for e in events] == [events[0].seq, events[0].seq + 1]


def test_secret_ballots_are_shuffled_so_their_order_tells_nothing(tmp_path: Path) -> None:
    orders = set()
    for attempt in range(12):
        h = harness(tmp_path / str(attempt))
        prompter = FakePrompter(
            answers={
                ("humeur", "Inès"): "oui",
                ("humeur", "Hugo"): "non",
                ("humeur", "Maëlle"): "o",
            }
        )
        Runner(h.writer, ScriptedControls(h), prompter, auto_advance=True).run()
        events = [e for e in h.of(EventType.answer_given) if e.payload["prompt"] == "humeur"]
        assert sorted(e.payload["value"] for e in events) == ["non", "oui", "oui"]
        orders.add(tuple(e.payload["value"] for e in events))
    assert len(orders) > 1  # roster order (oui, non, oui) is not what the journal keeps


def test_someone_who_answered_through_the_script_is_not_asked_again(tmp_path: Path) -> None:
    h = harness(tmp_path)
    prompter = FakePrompter(answers={("note", "Inès"): 2, ("note", "Maëlle"): 1})
    script = scripted(("note", "Hugo", 4))
    Runner(h.writer, ScriptedControls(h), prompter, script, auto_advance=True).run()
    assert [r.participant for r in prompter.asked if r.prompt.id == "note"] == ["Inès", "Maëlle"]
    assert h.writer.state.answer_count("note") == 3


def test_a_room_prompt_already_answered_by_the_script_is_not_asked(tmp_path: Path) -> None:
    h = harness(tmp_path)
    prompter = FakePrompter()
    script = scripted(("synthese", None, "Déjà saisie"))
    Runner(h.writer, ScriptedControls(h), prompter, script, auto_advance=True).run()
    assert "synthese" not in [r.prompt.id for r in prompter.asked]


def test_without_a_roster_an_each_prompt_asks_names_until_a_blank_one(tmp_path: Path) -> None:
    h = harness(tmp_path, make_agenda(participants=[]))
    prompter = FakePrompter(
        answers={("note", "Alex"): 4, ("note", "Sam"): 2}, names=["Alex", "Sam", None]
    )
    Runner(h.writer, ScriptedControls(h), prompter, auto_advance=True).run()
    note = [(a.participant, a.value) for a in h.writer.state.answers["note"]]
    assert note == [("Alex", 4), ("Sam", 2)]


def test_a_wrong_answer_is_refused_and_asked_again(tmp_path: Path) -> None:
    h = harness(tmp_path)
    prompter = FakePrompter(answers={("note", "Inès"): ["douze", 4]})
    controls = ScriptedControls(h)
    Runner(h.writer, controls, prompter, auto_advance=True).run()
    assert [r.participant for r in prompter.asked if r.prompt.id == "note"][:2] == ["Inès", "Inès"]
    rejected = [d for _t, w, d in controls.notified if w == "answer_rejected"]
    assert len(rejected) == 1 and "de 1 à 5" in rejected[0]["message"]
    assert {a.participant: a.value for a in h.writer.state.answers["note"]}["Inès"] == 4


def test_skipping_a_prompt_skips_it_for_everyone_still_to_answer(tmp_path: Path) -> None:
    h = harness(tmp_path)
    prompter = FakePrompter(answers={("note", "Inès"): 4}, skip_at=("note", "Hugo"))
    Runner(h.writer, ScriptedControls(h), prompter, auto_advance=True).run()
    assert [r.participant for r in prompter.asked if r.prompt.id == "note"] == ["Inès", "Hugo"]
    assert "note" in h.writer.state.closed_prompts
    assert h.writer.state.answer_count("note") == 1


# -- the facilitator's commands ------------------------------------------------------------------
def test_pause_extend_and_next_from_the_controls(tmp_path: Path) -> None:
    h = harness(tmp_path)
    controls = ScriptedControls(
        h,
        [
            (60, Command("pause")),
            (120, Command("pause")),  # pressed again: resumes
            (130, Command("extend", 120)),
            (200, Command("next")),  # accueil ends early, after 140 s of running
            (300, Command("extend", -9999)),  # never removes more than what is left
            (560, Command("next")),
            (700, Command("next")),
        ],
    )
    Runner(h.writer, controls, auto_advance=False).run()
    accueil = h.writer.state.segments["accueil"]
    assert accueil.elapsed == 140 and accueil.extra == 120 and accueil.early
    kinds = [(e.type, offset(e.at)) for e in h.events() if e.payload.get("segment") == "accueil"]
    assert (EventType.segment_paused, 60) in kinds
    assert (EventType.segment_resumed, 120) in kinds
    assert (EventType.segment_extended, 130) in kinds
    assert (EventType.segment_ended, 200) in kinds
    tour = h.writer.state.segments["tour"]
    # at 300 s, 100 s into "tour" (started at 200): 500 s left, so -500 at most
    extended = [e.payload["seconds"] for e in h.of(EventType.segment_extended)]
    assert extended == [120, -500]
    assert tour.allotted == 100 and tour.elapsed == 360 and not tour.early
    assert h.writer.state.closed


def test_without_auto_advance_a_segment_runs_into_overtime_until_next(tmp_path: Path) -> None:
    h = harness(tmp_path)
    controls = ScriptedControls(
        h, [(420, Command("next")), (1100, Command("next")), (1500, Command("next"))]
    )
    Runner(h.writer, controls, auto_advance=False).run()
    accueil = h.writer.state.segments["accueil"]
    assert accueil.elapsed == 420 and accueil.remaining_at(accueil.ended_at or T0) == -120


def test_ask_now_asks_the_segments_prompts_once(tmp_path: Path) -> None:
    h = harness(tmp_path)
    prompter = FakePrompter(answers={("note", "Inès"): 1, ("note", "Hugo"): 2})
    controls = ScriptedControls(h, [(400, Command("ask"))])
    Runner(h.writer, controls, prompter, auto_advance=True).run()
    note = [r for r in prompter.asked if r.prompt.id == "note"]
    assert len(note) == 3  # Inès, Hugo, Maëlle: once each, at 400 s, not again at the end
    answered = [offset(e.at) for e in h.of(EventType.answer_given) if e.payload["prompt"] == "note"]
    assert answered == [400, 400, 400]
    closed = [offset(e.at) for e in h.of(EventType.prompt_closed) if e.payload["prompt"] == "note"]
    assert closed == [400]


def test_quit_suspends_the_session_and_keeps_it_resumable(tmp_path: Path) -> None:
    h = harness(tmp_path)
    controls = ScriptedControls(h, [(400, Command("quit"))])
    Runner(h.writer, controls, auto_advance=True).run()
    state = h.writer.state
    assert not state.closed
    suspended = h.of(EventType.session_suspended)
    assert [(e.payload["reason"], offset(e.at)) for e in suspended] == [("quit", 400)]
    assert state.current == "tour" and state.segments["tour"].suspended
    assert state.segments["tour"].elapsed == 100
    assert h.journal.last_heartbeat(h.writer.session_id) is None
    assert h.journal.session(h.writer.session_id).status == "open"


def test_ctrl_c_records_the_suspension_and_is_raised_again(tmp_path: Path) -> None:
    h = harness(tmp_path)

    def interrupt(runner: Runner) -> None:
        if h.clock.monotonic() >= 450:
            raise KeyboardInterrupt

    controls = ScriptedControls(h, on_wait=interrupt)
    with pytest.raises(KeyboardInterrupt):
        Runner(h.writer, controls, auto_advance=True).run()
    suspended = h.of(EventType.session_suspended)
    assert [e.payload["reason"] for e in suspended] == ["interrupt"]
    assert h.journal.last_heartbeat(h.writer.session_id) is None


def test_a_hangup_records_the_suspension_as_a_signal(tmp_path: Path) -> None:
    h = harness(tmp_path)

    def hangup(runner: Runner) -> None:
        if h.clock.monotonic() >= 450:
            raise SystemExit(129)

    with pytest.raises(SystemExit):
        Runner(h.writer, ScriptedControls(h, on_wait=hangup), auto_advance=True).run()
    assert [e.payload["reason"] for e in h.of(EventType.session_suspended)] == ["signal"]


def test_replan_proposes_shorter_segments_and_accept_records_them(tmp_path: Path) -> None:
    h = harness(tmp_path)
    controls = ScriptedControls(
        h,
        [
            (100, Command("extend", 900)),  # "accueil" now runs 15 minutes late
            (150, Command("replan")),
            (160, Command("accept")),
        ],
    )
    Runner(h.writer, controls, auto_advance=True).run()
    proposed = [d["proposal"] for _t, w, d in controls.notified if w == "replan_proposed"]
    assert proposed and proposed[0] is not None
    accepted = h.of(EventType.replan_accepted)
    assert len(accepted) == 1
    durations = accepted[0].payload["durations"]
    assert "cloture" not in durations  # fixed: never shortened
    assert durations["tour"] < 600
    assert h.writer.state.segments["tour"].elapsed == durations["tour"]


def test_a_segment_ended_by_another_process_is_left_at_once(tmp_path: Path) -> None:
    h = harness(tmp_path)
    other = SessionWriter(
        Journal.open(h.journal.path), h.journal.session(h.writer.session_id), h.clock
    )

    def end_elsewhere(runner: Runner) -> None:
        if h.clock.monotonic() >= 100 and not other.sync() and runner.state.current == "accueil":
            other.record(EventType.segment_ended, segment="accueil", early=True)

    Runner(h.writer, ScriptedControls(h, on_wait=end_elsewhere), auto_advance=True).run()
    assert len(h.of(EventType.segment_ended)) == 3  # "accueil" ended once, not twice
    assert h.writer.state.closed


def test_a_paused_segment_resumed_without_a_screen_is_unpaused_and_runs_to_its_end(
    tmp_path: Path,
) -> None:
    h = harness(tmp_path)
    Runner(
        h.writer,
        ScriptedControls(h, [(60, Command("pause")), (90, Command("quit"))]),
        auto_advance=False,
    ).run()
    assert h.writer.state.segments["accueil"].paused
    h.writer.record(EventType.session_resumed)
    h.clock.advance(1000)
    # --no-input: nobody could press space again, so the runner resumes the segment itself
    Runner(h.writer, ScriptedControls(h, max_waits=500), auto_advance=True).run()
    state = h.writer.state
    assert state.closed
    assert state.segments["accueil"].elapsed == 300


class Crash(BaseException):
    """Stands for a kill -9: nothing after it runs, not even the suspension record."""


@dataclass
class CrashingPrompter(FakePrompter):
    crash_at: tuple[str, int] = ("", 0)  # (prompt id, its nth ask): that ask never returns

    def ask(self, request: AskRequest) -> Any:
        prompt_id, nth = self.crash_at
        earlier = sum(1 for r in self.asked if r.prompt.id == prompt_id)
        if request.prompt.id == prompt_id and earlier + 1 == nth:
            self.asked.append(request)
            raise Crash()
        return super().ask(request)


def test_after_a_crash_in_a_round_only_those_not_yet_asked_are_asked(tmp_path: Path) -> None:
    h = harness(tmp_path)
    answers = {("note", name): "4" for name in ["Inès", "Hugo", "Maëlle"]}
    first = CrashingPrompter(answers=dict(answers), crash_at=("note", 2))
    with pytest.raises(Crash):
        Runner(h.writer, ScriptedControls(h), first, auto_advance=True).run()
    assert [r.participant for r in first.asked if r.prompt.id == "note"] == ["Inès", "Hugo"]
    h.writer.record(EventType.session_resumed)
    second = FakePrompter(answers=dict(answers))
    Runner(h.writer, ScriptedControls(h), second, auto_advance=True).run()
    again = [r.participant for r in second.asked if r.prompt.id == "note"]
    assert again == ["Hugo", "Maëlle"]  # Hugo's answer never reached the journal
    assert h.writer.state.answer_count("note") == 3
    assert len([e for e in h.of(EventType.answer_given) if e.payload["prompt"] == "note"]) == 3


def test_a_secret_round_cut_by_a_crash_is_held_again_from_the_start(tmp_path: Path) -> None:
    h = harness(tmp_path)
    answers = {("humeur", name): "oui" for name in ["Inès", "Hugo", "Maëlle"]}
    first = CrashingPrompter(answers=dict(answers), crash_at=("humeur", 2))
    with pytest.raises(Crash):
        Runner(h.writer, ScriptedControls(h), first, auto_advance=True).run()
    # Inès's ballot was kept in memory only: nothing of the unfinished round is in the journal
    assert h.writer.state.answer_count("humeur") == 0
    h.writer.record(EventType.session_resumed)
    second = FakePrompter(answers=dict(answers))
    Runner(h.writer, ScriptedControls(h), second, auto_advance=True).run()
    again = [r.participant for r in second.asked if r.prompt.id == "humeur"]
    assert again == ["Inès", "Hugo", "Maëlle"]
    assert h.writer.state.answer_count("humeur") == 3


def test_after_a_crash_a_room_prompt_already_answered_is_not_asked_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    h = harness(tmp_path)
    record = h.writer.record

    def crash_before_closing(type_: EventType, **payload: Any) -> StoredEvent:
        if type_ == EventType.prompt_closed and payload["prompt"] == "synthese":
            raise Crash()
        return record(type_, **payload)

    monkeypatch.setattr(h.writer, "record", crash_before_closing)
    first = FakePrompter(answers={("synthese", None): ""})  # recorded as "no answer"
    with pytest.raises(Crash):
        Runner(h.writer, ScriptedControls(h), first, auto_advance=True).run()
    monkeypatch.setattr(h.writer, "record", record)
    assert "synthese" in h.writer.state.open_prompts
    h.writer.record(EventType.session_resumed)
    second = FakePrompter(answers={("synthese", None): "Autre"})
    Runner(h.writer, ScriptedControls(h), second, auto_advance=True).run()
    assert "synthese" not in [r.prompt.id for r in second.asked]
    assert len(h.writer.state.answers["synthese"]) == 1
    assert "synthese" in h.writer.state.closed_prompts
