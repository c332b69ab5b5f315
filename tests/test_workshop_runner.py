"""The workshop's runner without a terminal (session/workshop.py), on both journals: whom a
`who: each` round asks, and a workshop's anonymous answers — sealed to its own key, written in
its stream by its runner, never left behind when the segment ends."""

from __future__ import annotations

import threading
import time

from seminar_cli.journal.events import EventType
from seminar_cli.journal.store import Journal
from seminar_cli.session.answers import normalise_answer
from seminar_cli.session.runner import BALLOT_WATCH, HeadlessControls, Runner
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
