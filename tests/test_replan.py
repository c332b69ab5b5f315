"""Re-planning (PRODUCT §3): proposals that end on time without going below the floor, shown as
a before/after table, accepted or refused with one key — on a fake clock, nothing sleeps."""

from __future__ import annotations

from seminar_cli.journal.events import EventType
from seminar_cli.session.schedule import floor_for, propose_replan, schedule
from seminar_cli.ui.keys import ENTER, ESCAPE
from seminar_cli.ui.screen import view_from_state
from tests.live_helpers import (
    event_types,
    frame,
    keys_at,
    open_writer,
    payloads,
    run_recording_frames,
)

QUIT = ("q", "y")


def run_live(tmp_path, script, agenda=None, *, late: float = 0):
    """Run the live screen with scripted keys; ``late``: the first segment has already been
    running that long (clock seconds) when the screen opens."""
    writer = open_writer(tmp_path) if agenda is None else open_writer(tmp_path, agenda)
    if late:
        writer.record(EventType.segment_started, segment=writer.state.agenda.segments[0].id)
        writer.clock.advance(late)  # type: ignore[attr-defined]
    controls, frames = run_recording_frames(writer, keys_at(*script), 90, 30)
    return writer, controls, frames


# -- the proposal -------------------------------------------------------------------------------
def test_no_proposal_while_on_time(tmp_path):
    writer = open_writer(tmp_path)
    writer.record(EventType.segment_started, segment="intro")
    writer.clock.advance(600)  # type: ignore[attr-defined]
    assert propose_replan(writer.state, writer.clock.now()) is None


def test_proportional_proposal_ends_on_time_and_spares_fixed_segments(tmp_path):
    writer = open_writer(tmp_path)
    writer.record(EventType.segment_started, segment="intro")
    writer.clock.advance(1200)  # type: ignore[attr-defined]
    proposal = propose_replan(writer.state, writer.clock.now())
    assert proposal is not None
    assert proposal.behind == 600
    assert proposal.durations == {"expose": 1500, "atelier": 1500}
    assert proposal.before == {"expose": 1800, "atelier": 1800}
    assert proposal.still_over == 0
    assert "cloture" not in proposal.durations  # fixed: true


def test_floor_half_and_two_minutes():
    assert floor_for(1800) == 900
    assert floor_for(180) == 120
    assert floor_for(120) == 120
    assert floor_for(90) == 90  # short segments are never shortened


def test_very_late_hits_the_floor_and_says_so(tmp_path):
    writer = open_writer(tmp_path)
    writer.record(EventType.segment_started, segment="intro")
    writer.clock.advance(600 + 3600)  # type: ignore[attr-defined]
    proposal = propose_replan(writer.state, writer.clock.now())
    assert proposal is not None
    assert proposal.durations == {"expose": 900, "atelier": 900}  # half, not less
    assert proposal.still_over == 3600 - 1800
    view = view_from_state(writer.state, writer.clock.now(), overlay="replan", proposal=proposal)
    text = frame(view, 100, 30)
    assert "Même ainsi, il resterait 30 min de dépassement" in text


# -- the keys -------------------------------------------------------------------------------------
def test_r_then_y_accepts_and_the_schedule_follows(tmp_path):
    writer, controls, frames = run_live(
        tmp_path, [(1200, "r"), (1201, "y"), (1202, QUIT)], late=1200
    )
    accepted = payloads(writer, "replan_accepted")
    assert accepted == [{"durations": {"expose": 1500, "atelier": 1500}, "behind": 600}]
    shown = [f for f in frames if "Re-planification" in f]
    assert shown, "the proposal was never on the screen"
    assert "Exposé" in shown[0] and "30 min" in shown[0] and "25 min" in shown[0]
    after = frames[-1]
    assert "Ensuite : Exposé (25 min)" in after
    assert "Nouveau plan adopté." in after
    plan = schedule(writer.state, writer.clock.now())
    assert plan.over_ends_by < 30  # the seminar ends on time again (a few seconds went by)
    assert writer.state.segments["expose"].allotted == 1500
    assert controls.overlay is None


def test_enter_accepts_too(tmp_path):
    writer, _, _ = run_live(tmp_path, [(1200, "r"), (1201, ENTER), (1202, QUIT)], late=1200)
    assert len(payloads(writer, "replan_accepted")) == 1


def test_escape_or_n_refuses_and_n_does_not_skip_the_segment(tmp_path):
    script = [(1200, "r"), (1201, ESCAPE), (1202, "r"), (1203, "n"), (1204, QUIT)]
    writer, _, frames = run_live(tmp_path, script, late=1200)
    assert len(payloads(writer, "replan_refused")) == 2
    assert "replan_accepted" not in event_types(writer)
    assert "segment_ended" not in event_types(writer)
    assert writer.state.segments["expose"].allotted == 1800
    assert any("Plan inchangé." in f for f in frames)


def test_other_keys_leave_the_proposal_on_screen(tmp_path):
    writer, _, frames = run_live(
        tmp_path, [(1200, "r"), (1201, " "), (1202, "y"), (1203, QUIT)], late=1200
    )
    assert "segment_paused" not in event_types(writer)
    assert len(payloads(writer, "replan_accepted")) == 1
    with_proposal = [i for i, f in enumerate(frames) if "Re-planification" in f]
    assert len(with_proposal) >= 2  # still there after the space


def test_r_on_time_says_there_is_no_need(tmp_path):
    writer, _, frames = run_live(tmp_path, [(60, "r"), (61, QUIT)])
    assert "replan_accepted" not in event_types(writer)
    assert any("Pas besoin de re-planifier : la séance finit avant 15:20." in f for f in frames)


def test_r_without_a_hard_stop(tmp_path):
    agenda = "title: Libre\nsegments:\n  - title: Seul\n    duration: 10m\n"
    writer, _, frames = run_live(tmp_path, [(1200, "r"), (1201, QUIT)], agenda, late=1200)
    assert any("l'agenda n'a pas d'heure de fin impérative" in f for f in frames)
    assert "replan_accepted" not in event_types(writer)
