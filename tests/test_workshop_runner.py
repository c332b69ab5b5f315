"""The workshop's runner without a terminal (session/workshop.py), on both journals: whom a
`who: each` round asks, and a workshop's anonymous answers — sealed to its own key, written in
its stream by its runner, never left behind when the segment ends."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from seminar_cli.journal.events import EventType
from seminar_cli.journal.store import Journal
from seminar_cli.minutes.build import load_minutes
from seminar_cli.minutes.exporters.base import get_exporter
from seminar_cli.session.answers import normalise_answer
from seminar_cli.session.runner import BALLOT_WATCH, Command, HeadlessControls, Runner
from seminar_cli.session.service import writer_on_session_clock
from seminar_cli.session.workshop import WorkshopRunner, open_workshop_runner
from tests.test_workshop_run import plenary_writer, write_agenda

DEADLINE = 75.0  # seconds: the machine is shared


def wait_until(condition, what: str) -> None:
    deadline = time.monotonic() + DEADLINE
    while not condition():
        assert time.monotonic() < deadline, f"never happened: {what}"
        time.sleep(0.05)


def test_each_round_asks_the_workshops_people_and_the_plenary_asks_no_split_prompt(
    tmp_path, journal_location
):
    plenary = plenary_writer(journal_location, write_agenda(tmp_path))
    plenary.record(EventType.attendance, participant="Hugo Lefebvre", status="excused")
    plenary.record(EventType.segment_started, segment="ateliers")
    segment = plenary.agenda.segment("ateliers")
    assert Runner(plenary, HeadlessControls()).prompts_of(segment) == []
    with Journal.open(journal_location) as journal:
        row = journal.session(plenary.session_id)
        jeunes = open_workshop_runner(journal, row, "jeunes")
        assert [p.id for p in jeunes.prompts_of(segment)] == [
            "commune",
            "jeunes-tour",
            "jeunes-secret",
        ]
        assert jeunes.prompts_of(plenary.agenda.segment("accueil")) == []
        # its participants present (Hugo is excused)
        assert jeunes.people_asked() == ["Inès Benali"]
        # a workshop listing nobody: those present whom no other workshop lists
        assert open_workshop_runner(journal, row, "autres").people_asked() == ["Paul Martin"]
    plenary.journal.close()


def test_a_workshops_anonymous_answers_are_written_by_its_runner_before_its_prompts_close(
    tmp_path, journal_location
):
    plenary = plenary_writer(journal_location, write_agenda(tmp_path))
    plenary.record(EventType.segment_started, segment="ateliers")
    session_id = plenary.session_id
    ran: dict[str, WorkshopRunner | BaseException] = {}

    def run_workshop() -> None:
        journal = Journal.open(journal_location)
        try:
            runner = open_workshop_runner(journal, journal.session(session_id), "jeunes")
            ran["runner"] = runner
            runner.run()
        except BaseException as error:  # told by the test's thread
            ran["error"] = error
        finally:
            journal.close()

    thread = threading.Thread(target=run_workshop, daemon=True)
    thread.start()
    with Journal.open(journal_location) as journal:
        row = journal.session(session_id)

        def secret_open() -> bool:
            events = journal.events(session_id, streams=("jeunes",))
            return any(
                e.type == EventType.prompt_opened and e.payload["prompt"] == "jeunes-secret"
                for e in events
            )

        wait_until(secret_open, "the workshop opens its anonymous prompt")
        beat = journal.last_heartbeat(session_id, "jeunes")
        assert beat is not None  # it holds its stream (and the plenary's is the plenary's)
        assert journal.last_heartbeat(session_id) is not None
        joiner = writer_on_session_clock(journal, row, stream="jeunes")
        prompt = plenary.agenda.find_prompt("jeunes-secret", "jeunes")
        assert prompt is not None
        for name, said in (
            ("Inès Benali", "oui"),
            ("Hugo Lefebvre", "non"),
            ("Paul Martin", "oui"),
        ):
            value = normalise_answer(prompt[1], said)
            joiner.record_anonymous("jeunes-secret", value, name, watch=BALLOT_WATCH)
        # three wait for a batch (fewer than ten: none is written yet), counted on its screen
        joiner.sync()
        assert joiner.waiting_anonymous() == {"jeunes-secret": 3}
        runner = ran["runner"]
        assert isinstance(runner, WorkshopRunner)
        plenary.record(EventType.segment_ended, segment="ateliers")
        thread.join(DEADLINE)
        assert not thread.is_alive() and "error" not in ran, ran.get("error")
        assert runner.over
        events = journal.events(session_id, streams=None)
        assert journal.last_heartbeat(session_id, "jeunes") is None
    plenary.journal.close()
    mine = [e for e in events if e.stream == "jeunes"]
    secret = [
        e
        for e in mine
        if e.type == EventType.answer_given and e.payload["prompt"] == "jeunes-secret"
    ]
    assert sorted(e.payload["value"] for e in secret) == ["non", "oui", "oui"]
    assert all("participant" not in e.payload or e.payload["participant"] is None for e in secret)
    marked = {e.payload["participant"] for e in mine if e.type == EventType.answer_marked}
    assert marked == {"Inès Benali", "Hugo Lefebvre", "Paul Martin"}
    closed_at = next(
        e.seq
        for e in mine
        if e.type == EventType.prompt_closed and e.payload["prompt"] == "jeunes-secret"
    )
    assert all(e.seq < closed_at for e in secret)
    assert not [e for e in events if e.stream == "" and e.payload.get("prompt")]


def test_the_plenary_screen_offers_no_prompt_of_a_split_segment_to_key_p(tmp_path):
    """The segment's own `each` prompt is the workshops': the plenary's key p has nothing to
    ask (its screen says no « p : poser … »), as its runner asks nothing there."""
    from seminar_cli.ui.screen import view_from_state
    from tests.live_helpers import frame, open_writer
    from tests.test_workshop_run import AGENDA

    text = AGENDA.format(accueil="1m", ateliers="20m")
    shared_each = text.replace(
        "        who: open\n    workshops:", "        who: each\n    workshops:"
    )
    assert shared_each != text
    writer = open_writer(tmp_path, shared_each)
    writer.record(EventType.segment_started, segment="ateliers")
    view = view_from_state(writer.state, writer.clock.now())
    assert view is not None and view.pending_prompts == 0 and view.ballots_waiting == ()
    assert "p : poser" not in frame(view, 120, 35)
    writer.journal.close()


def stream_events(journal: Journal, session_id: str) -> list[tuple[str, dict]]:
    return [(e.type, e.payload) for e in journal.events(session_id, streams=("jeunes",))]


def test_a_workshop_taken_up_after_its_runner_died_says_in_its_stream_when_it_stopped(
    tmp_path, journal_location
):
    """kill -9, then the same command again: the new runner's key voids what was sealed to the
    dead one's, then its stream says it resumed, from the dead runner's last sign of life, as
    the plenary's `seminar resume` says it; the minutes give that stop under the workshop, and
    the plenary's timing is untouched."""
    plenary = plenary_writer(journal_location, write_agenda(tmp_path))
    plenary.record(EventType.segment_started, segment="ateliers")
    session_id = plenary.session_id
    with Journal.open(journal_location) as journal:
        row = journal.session(session_id)
        first = open_workshop_runner(journal, row, "jeunes")
        assert EventType.session_resumed not in [t for t, _p in stream_events(journal, session_id)]
        first.writer.record(EventType.prompt_opened, prompt="jeunes-secret", segment="ateliers")
        first.writer.heartbeat()
        beat = journal.last_heartbeat(session_id, "jeunes")
        assert beat is not None
        joiner = writer_on_session_clock(journal, row, stream="jeunes")
        prompt = plenary.agenda.find_prompt("jeunes-secret", "jeunes")
        assert prompt is not None
        for name, said in (
            ("Inès Benali", "oui"),
            ("Hugo Lefebvre", "non"),
            ("Paul Martin", "oui"),
        ):
            value = normalise_answer(prompt[1], said)
            joiner.record_anonymous("jeunes-secret", value, name, watch=BALLOT_WATCH)
        # the first runner dies without a word (never leaves: its heartbeat stays); the same
        # process claims it again as a dead runner's would be taken over
        second = open_workshop_runner(journal, row, "jeunes")
        assert stream_events(journal, session_id)[-2:] == [
            (EventType.anonymous_voided, {"prompt": "jeunes-secret", "count": 3}),
            (EventType.session_resumed, {"interrupted_at": beat.at.isoformat()}),
        ]
        # the segment's timing stays the plenary's, in the workshop's state too
        plenary.sync()
        now = plenary.clock.now()
        assert second.writer.state.suspended_at is None
        assert second.writer.state.segments["ateliers"].remaining_at(now) == (
            plenary.state.segments["ateliers"].remaining_at(now)
        )
        plenary.record(EventType.segment_ended, segment="ateliers")
        plenary.record(EventType.session_closed)
        minutes = load_minutes(journal, journal.session(session_id))
    plenary.journal.close()
    assert minutes.interruptions == []  # the plenary's station never stopped
    (segment,) = [s for s in minutes.segments if s.id == "ateliers"]
    (stop,) = segment.workshops[0].interruptions
    assert stop.reason == "stopped"
    assert stop.stopped_at == beat.at
    assert [(v.prompt, v.count) for v in stop.voided] == [("jeunes-secret", 3)]
    shown = get_exporter("md").render(minutes)
    assert "Le poste de l'atelier s'est arrêté vers" in shown.replace("\u00a0", " ")
    assert "3 réponses anonymes annulées à la question « Outillé·e pour faire alliance ? »" in (
        shown.replace("\u00a0", " ")
    )


@dataclass
class QuitOnceActive(HeadlessControls):
    """The facilitator presses q as soon as the workshop runs."""

    def wait(self, runner, timeout):  # type: ignore[no-untyped-def]
        return Command("quit") if runner.active else super().wait(runner, min(timeout, 0.05))


def test_a_workshop_whose_facilitator_quit_says_it_in_its_stream_and_when_it_resumed(
    tmp_path, journal_location
):
    plenary = plenary_writer(journal_location, write_agenda(tmp_path))
    plenary.record(EventType.segment_started, segment="ateliers")
    session_id = plenary.session_id
    with Journal.open(journal_location) as journal:
        row = journal.session(session_id)
        first = open_workshop_runner(journal, row, "jeunes", QuitOnceActive())
        first.run()
        assert not first.over
        assert journal.last_heartbeat(session_id, "jeunes") is None
        assert stream_events(journal, session_id)[-1] == (
            EventType.session_suspended,
            {"reason": "quit"},
        )
        plenary.sync()
        assert plenary.state.suspended_at is None  # the plenary runs on
        open_workshop_runner(journal, row, "jeunes")
        assert stream_events(journal, session_id)[-1] == (
            EventType.session_resumed,
            {},  # no crash: it was left, its stop is the quit's
        )
        plenary.record(EventType.segment_ended, segment="ateliers")
        plenary.record(EventType.session_closed)
        minutes = load_minutes(journal, journal.session(session_id))
    plenary.journal.close()
    (segment,) = [s for s in minutes.segments if s.id == "ateliers"]
    (stop,) = segment.workshops[0].interruptions
    assert stop.reason == "suspended" and stop.voided == []
    assert "L'animation de l'atelier a quitté son poste à" in (
        get_exporter("md").render(minutes).replace("\u00a0", " ")
    )
