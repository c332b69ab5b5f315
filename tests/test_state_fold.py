"""The state of a session is a pure fold of its events: tested on its own, with no journal."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest

from seminar_cli.agenda.models import Agenda
from seminar_cli.journal.events import EventType
from seminar_cli.journal.state import SessionState, fold
from seminar_cli.journal.store import StoredEvent

T0 = datetime(2026, 11, 26, 14, 0).astimezone()

AGENDA = Agenda.model_validate(
    {
        "title": "Atelier",
        "starts_at": "14:00",
        "ends_by": "14:30",
        "participants": [{"name": "Inès"}, {"name": "Hugo"}, {"name": "Maëlle"}],
        "segments": [
            {
                "id": "accueil",
                "title": "Accueil",
                "duration": "10m",
                "prompts": [
                    {"id": "mots", "question": "Un mot ?", "type": "words", "who": "open"},
                    {
                        "id": "note",
                        "question": "Votre note ?",
                        "type": "rating",
                        "who": "each",
                        "anonymous": True,
                    },
                ],
            },
            {"id": "debat", "title": "Débat", "duration": "10m"},
            {"id": "cloture", "title": "Clôture", "duration": "5m", "fixed": True},
        ],
    }
)


class Events:
    """Builds a list of stored events, ``at`` given in seconds after T0."""

    def __init__(self) -> None:
        self.items: list[StoredEvent] = []

    def add(self, when: float, type_: EventType, /, **payload: Any) -> Events:
        at = T0 + timedelta(seconds=when)
        self.items.append(StoredEvent(len(self.items) + 1, type_.value, at, payload))
        return self

    def fold(self) -> SessionState:
        return fold("s1", AGENDA, self.items)


def at(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)


def opened() -> Events:
    return Events().add(
        0, EventType.session_opened, agenda_name="atelier", title="Atelier", speed=1.0
    )


def test_session_opened_gives_the_meta_and_every_segment_to_come() -> None:
    state = opened().fold()
    assert state.meta["title"] == "Atelier"
    assert state.opened_at == T0
    assert not state.rehearsal and not state.closed
    assert state.current is None
    assert state.next_segment_id() == "accueil"
    assert [s.allotted for s in state.segments.values()] == [600, 600, 300]
    assert all(not s.started and not s.done for s in state.segments.values())


def test_a_running_segment_counts_its_time_from_its_start() -> None:
    state = opened().add(10, EventType.segment_started, segment="accueil").fold()
    seg = state.segments["accueil"]
    assert state.current == "accueil"
    assert seg.started_at == at(10)
    assert seg.elapsed_at(at(70)) == 60
    assert seg.remaining_at(at(70)) == 540
    assert seg.remaining_at(at(700)) == -90  # overtime is negative remaining


def test_a_pause_stops_the_clock_and_resume_restarts_it() -> None:
    events = (
        opened()
        .add(0, EventType.segment_started, segment="accueil")
        .add(60, EventType.segment_paused, segment="accueil")
    )
    paused = events.fold()
    seg = paused.segments["accueil"]
    assert seg.paused
    assert seg.elapsed_at(at(500)) == 60  # frozen while paused
    resumed = events.add(120, EventType.segment_resumed, segment="accueil").fold()
    seg = resumed.segments["accueil"]
    assert not seg.paused
    assert seg.elapsed_at(at(180)) == 120
    assert seg.remaining_at(at(180)) == 480


def test_extending_adds_or_removes_time_from_the_segment() -> None:
    state = (
        opened()
        .add(0, EventType.segment_started, segment="accueil")
        .add(30, EventType.segment_extended, segment="accueil", seconds=120)
        .add(40, EventType.segment_extended, segment="accueil", seconds=-60)
        .fold()
    )
    seg = state.segments["accueil"]
    assert seg.extra == 60
    assert seg.allotted == 660
    assert seg.remaining_at(at(60)) == 600


def test_an_accepted_replan_sets_new_durations_and_resets_extensions() -> None:
    state = (
        opened()
        .add(0, EventType.segment_extended, segment="debat", seconds=60)
        .add(5, EventType.replan_accepted, durations={"debat": 420}, behind=180)
        .fold()
    )
    seg = state.segments["debat"]
    assert seg.replanned == 420 and seg.extra == 0 and seg.allotted == 420
    assert seg.planned == 600  # the agenda's own duration is kept for the minutes
    assert state.replans == [(at(5), {"debat": 420})]


def test_a_refused_replan_changes_nothing() -> None:
    state = opened().add(5, EventType.replan_refused, durations={"debat": 420}).fold()
    assert state.segments["debat"].allotted == 600
    assert state.replans == []


def test_after_a_quit_the_segment_is_suspended_and_continues_with_the_time_it_had_left() -> None:
    events = (
        opened()
        .add(0, EventType.segment_started, segment="accueil")
        .add(100, EventType.session_suspended, reason="quit")
    )
    suspended = events.fold()
    seg = suspended.segments["accueil"]
    assert seg.suspended and seg.running_since is None
    assert suspended.suspended_at == at(100)
    assert suspended.current == "accueil"  # still the one to run
    assert seg.elapsed_at(at(5000)) == 100
    resumed = events.add(1000, EventType.session_resumed).fold()
    seg = resumed.segments["accueil"]
    assert not seg.suspended and seg.running_since == at(1000)
    assert resumed.suspended_at is None
    assert seg.elapsed_at(at(1100)) == 200  # the 900 s away are not counted
    assert seg.remaining_at(at(1100)) == 400


def test_after_a_crash_the_segment_stopped_at_its_last_sign_of_life() -> None:
    events = (
        opened()
        .add(0, EventType.segment_started, segment="accueil")
        .add(50, EventType.answer_given, prompt="mots", participant="Inès", value=["x"])
        # kill -9 here: no session_suspended; the heartbeat said 90 s
        .add(5000, EventType.session_resumed, interrupted_at=at(90).isoformat())
    )
    state = events.fold()
    seg = state.segments["accueil"]
    assert seg.elapsed == 90
    assert seg.running_since == at(5000)
    assert seg.elapsed_at(at(5010)) == 100
    assert seg.remaining_at(at(5010)) == 500


def test_a_crash_without_any_known_moment_counts_until_the_resume() -> None:
    state = (
        opened()
        .add(0, EventType.segment_started, segment="accueil")
        .add(200, EventType.session_resumed)
        .fold()
    )
    assert state.segments["accueil"].elapsed == 200


def test_an_interruption_time_after_the_resume_is_ignored() -> None:
    state = (
        opened()
        .add(0, EventType.segment_started, segment="accueil")
        .add(200, EventType.session_resumed, interrupted_at=at(9999).isoformat())
        .fold()
    )
    assert state.segments["accueil"].elapsed == 200


def test_a_segment_paused_when_the_session_was_suspended_stays_paused() -> None:
    state = (
        opened()
        .add(0, EventType.segment_started, segment="accueil")
        .add(30, EventType.segment_paused, segment="accueil")
        .add(40, EventType.session_suspended, reason="quit")
        .add(400, EventType.session_resumed)
        .fold()
    )
    seg = state.segments["accueil"]
    assert seg.paused and not seg.suspended and seg.running_since is None
    assert seg.elapsed_at(at(1000)) == 30


def test_a_second_resume_after_a_second_crash_adds_up() -> None:
    state = (
        opened()
        .add(0, EventType.segment_started, segment="accueil")
        .add(100, EventType.session_resumed, interrupted_at=at(60).isoformat())
        .add(150, EventType.session_resumed, interrupted_at=at(130).isoformat())
        .fold()
    )
    # 60 s before the first crash, 30 s between the first resume and the second crash
    assert state.segments["accueil"].elapsed == 90
    assert state.segments["accueil"].running_since == at(150)


def test_ending_a_segment_moves_on_and_records_whether_it_ended_early() -> None:
    state = (
        opened()
        .add(0, EventType.segment_started, segment="accueil")
        .add(300, EventType.segment_ended, segment="accueil", early=True)
        .fold()
    )
    seg = state.segments["accueil"]
    assert seg.done and seg.early and seg.ended_at == at(300) and seg.elapsed == 300
    assert state.current is None
    assert state.next_segment_id() == "debat"
    assert state.segment_after("accueil") == "debat"


def test_a_segment_ended_or_skipped_without_being_started_counts_as_skipped() -> None:
    state = (
        opened()
        .add(0, EventType.segment_ended, segment="accueil")
        .add(1, EventType.segment_skipped, segment="debat")
        .fold()
    )
    assert state.segments["accueil"].skipped and state.segments["debat"].skipped
    assert state.next_segment_id() == "cloture"
    assert state.segment_after("accueil") == "cloture"


def test_prompts_open_and_close() -> None:
    events = opened().add(0, EventType.prompt_opened, prompt="mots", segment="accueil")
    assert events.fold().open_prompts == {"mots": T0}
    state = events.add(60, EventType.prompt_closed, prompt="mots").fold()
    assert state.open_prompts == {}
    assert state.closed_prompts == {"mots": at(60)}


def test_a_named_participant_has_one_answer_per_prompt_the_last_one() -> None:
    state = (
        opened()
        .add(1, EventType.answer_given, prompt="mots", participant="Inès", value=["a"])
        .add(2, EventType.answer_given, prompt="mots", participant="Hugo", value=["b"])
        .add(3, EventType.answer_given, prompt="mots", participant="Inès", value=["c"])
        .fold()
    )
    answers = state.answers["mots"]
    assert [(a.participant, a.value) for a in answers] == [("Inès", ["c"]), ("Hugo", ["b"])]
    assert answers[0].at == at(3) and answers[0].seq == 4
    assert state.answer_count("mots") == 2
    assert state.has_answer("mots", "Inès")
    assert not state.has_answer("mots", "Maëlle")


def test_anonymous_answers_are_all_kept_and_carry_no_name() -> None:
    state = (
        opened()
        .add(1, EventType.answer_given, prompt="note", value=4)
        .add(2, EventType.answer_given, prompt="note", value=4)
        .add(3, EventType.answer_given, prompt="note", value=2, ref="answers:note:2")
        .fold()
    )
    answers = state.answers["note"]
    assert [a.value for a in answers] == [4, 4, 2]
    assert all(a.participant is None for a in answers)
    assert state.has_answer("note", None, "answers:note:2")
    assert not state.has_answer("note", None, "answers:note:0")


def test_a_no_answer_is_recorded_but_not_counted() -> None:
    state = opened().add(1, EventType.answer_given, prompt="mots", participant="Hugo").fold()
    assert state.has_answer("mots", "Hugo")
    assert state.answer_count("mots") == 0


def test_attendance_keeps_the_last_status_and_who_is_present() -> None:
    state = (
        opened()
        .add(0, EventType.attendance, participant="Inès", status="present")
        .add(0, EventType.attendance, participant="Hugo", status="excused")
        .add(0, EventType.attendance, participant="Maëlle", status="present")
        .add(900, EventType.attendance, participant="Maëlle", status="left")
        .fold()
    )
    assert state.attendance["Hugo"].status == "excused"
    assert state.attendance["Maëlle"].at == at(900)
    assert state.present_participants() == ["Inès"]


def test_notes_decisions_and_actions_go_with_their_segment() -> None:
    state = (
        opened()
        .add(0, EventType.segment_started, segment="accueil")
        .add(5, EventType.note, segment="accueil", text="Salle comble")
        .add(6, EventType.decision, segment="accueil", text="On commence")
        .add(7, EventType.action, segment="accueil", text="Envoyer", owner="Hugo", due="2026-12-01")
        .fold()
    )
    assert [(r.kind, r.text) for r in state.records] == [
        ("note", "Salle comble"),
        ("decision", "On commence"),
        ("action", "Envoyer"),
    ]
    assert state.records[2].owner == "Hugo" and state.records[2].due == "2026-12-01"
    assert state.current_segment_for_records() == "accueil"


def test_closing_the_session_stops_every_clock_and_closes_open_prompts() -> None:
    state = (
        opened()
        .add(0, EventType.segment_started, segment="accueil")
        .add(0, EventType.prompt_opened, prompt="mots", segment="accueil")
        .add(120, EventType.session_closed)
        .fold()
    )
    assert state.closed and state.closed_at == at(120)
    assert state.open_prompts == {}
    assert state.current is None
    assert state.segments["accueil"].elapsed_at(at(9999)) == 120


@pytest.mark.parametrize("split", [0, 3, 7, 11])
def test_applying_events_one_by_one_gives_the_same_state_as_folding_them_all(split: int) -> None:
    events = (
        opened()
        .add(0, EventType.attendance, participant="Hugo", status="absent")
        .add(0, EventType.segment_started, segment="accueil")
        .add(0, EventType.prompt_opened, prompt="mots", segment="accueil")
        .add(10, EventType.answer_given, prompt="mots", participant="Inès", value=["a"])
        .add(20, EventType.segment_paused, segment="accueil")
        .add(30, EventType.segment_resumed, segment="accueil")
        .add(40, EventType.segment_extended, segment="accueil", seconds=60)
        .add(50, EventType.session_suspended, reason="quit")
        .add(90, EventType.session_resumed)
        .add(600, EventType.prompt_closed, prompt="mots")
        .add(650, EventType.segment_ended, segment="accueil")
    )
    whole = events.fold()
    stepwise = fold("s1", AGENDA, events.items[:split])
    for event in events.items[split:]:
        stepwise.apply(event)
    assert stepwise == whole
    assert whole.last_seq == len(events.items)
    # 20 s, a 10 s pause, 20 s until the quit; then from the resume to the end
    assert whole.segments["accueil"].elapsed == 20 + 20 + 560
