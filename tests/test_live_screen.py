"""Exact frames of the live screen (PRODUCT §3), driven by a fake clock: no sleeping."""

from __future__ import annotations

import pytest

from seminar_cli import i18n
from seminar_cli.journal.events import EventType
from seminar_cli.session.schedule import propose_replan
from seminar_cli.ui.screen import (
    big_lines,
    big_width,
    crossed,
    digit_size,
    drift_text,
    phase_of,
    shown_seconds,
    time_text,
    view_from_state,
)
from tests.live_helpers import TIMED_AGENDA, frame, open_writer


def started(tmp_path, after: float, segment: str = "intro"):
    writer = open_writer(tmp_path)
    writer.record(EventType.segment_started, segment=segment)
    writer.clock.advance(after)  # type: ignore[attr-defined]
    return writer


def view_at(writer, **flags):
    return view_from_state(writer.state, writer.clock.now(), **flags)


# -- the small pure pieces ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("left", "shown", "text"),
    [
        (474.6, 475, "07:55"),
        (0.2, 1, "00:01"),
        (0.0, 0, "+00:00"),
        (-0.5, 0, "+00:00"),
        (-65.2, -65, "+01:05"),
        (3725, 3725, "1:02:05"),
    ],
)
def test_countdown_shows_whole_seconds_and_overtime_counts_up(left, shown, text):
    assert shown_seconds(left) == shown
    assert time_text(shown) == text


def test_phase_turns_at_each_warning_then_overtime():
    marks = [120, 60]
    assert phase_of(121, marks) == "normal"
    assert phase_of(120, marks) == "warning"
    assert phase_of(61, marks) == "warning"
    assert phase_of(60, marks) == "final"
    assert phase_of(1, marks) == "final"
    assert phase_of(0, marks) == "overtime"
    assert phase_of(100, [300]) == "warning"  # one threshold: one step
    assert phase_of(100, []) == "normal"


def test_bell_rings_once_per_threshold_and_at_zero_never_on_first_look():
    marks = [120, 60]
    assert not crossed(None, 10, marks)  # a resumed segment: thresholds already passed
    assert crossed(121, 119.5, marks)
    assert not crossed(119.5, 118.5, marks)
    assert crossed(60.2, 59.9, marks)
    assert crossed(0.3, -0.6, marks)  # zero
    assert not crossed(-0.6, -1.6, marks)  # overtime goes on quietly
    assert not crossed(50, 110, marks)  # a minute added: no bell going up


def test_drift_wording_to_the_nearest_minute():
    assert drift_text(0) == "à l'heure"
    assert drift_text(25) == "à l'heure"
    assert drift_text(360) == "en retard de 6 min"
    assert drift_text(-185) == "en avance de 3 min"
    assert drift_text(3900) == "en retard de 1 h 05"
    i18n.set_language("en")
    assert drift_text(360) == "6 min behind"
    assert drift_text(-185) == "3 min ahead"
    assert drift_text(10) == "on time"


def test_big_digits_are_five_rows_and_scale_with_the_terminal():
    rows = big_lines("12:34", 1)
    assert len(rows) == 5
    assert {len(r) for r in rows} == {big_width("12:34", 1)} == {42}
    assert rows[0].startswith("  ████  ")  # the top of the 1
    assert digit_size("12:34", 80, 9) == (1, 1)  # 80×24: 5 rows
    assert digit_size("12:34", 120, 30) == (2, 3)  # a projector: as wide as fits, a bit taller
    assert digit_size("12:34", 200, 60) == (4, 5)
    assert digit_size("12:34", 200, 12) == (2, 2)  # short: pixels stay square
    assert digit_size("12:34", 40, 20) == (0, 0)  # too narrow: the plain text says it


# -- whole frames ---------------------------------------------------------------------------------
def test_running_frame_80x24(tmp_path):
    writer = started(tmp_path, 125.4)
    text = frame(view_at(writer), 80, 24)
    lines = text.split("\n")
    assert len(lines) == 24
    assert all(len(line) <= 80 for line in lines)
    assert lines[0].startswith("Séminaire test")
    assert lines[0].endswith("1/4   14:02")
    assert lines[1] == "Introduction  — accueil  · avec Camille Martin"
    assert "EN COURS   reste 07:55 sur 10:00" in text
    assert sum("████████" in line for line in lines) >= 5  # the big digits
    assert "Le fil de l'après-midi." in text
    assert "Rappeler l'heure de fin." not in text  # notes only on request
    assert "Ensuite : Exposé (30 min)" in text
    assert "Fin prévue 15:20 · estimée 15:20 · à l'heure · limite 15:20" in text
    # the keys, always at the bottom, all of them (on two lines at 80 columns)
    assert lines[-2:] == [
        "␣ pause · n suivant · +/- minute · p questions · r re-planifier · f notes",
        "a présences · ? aide · q quitter",
    ]


def test_running_frame_exact_top(tmp_path):
    writer = started(tmp_path, 125.4)
    lines = frame(view_at(writer), 80, 24).split("\n")
    # 80×24 leaves room for pixels two rows high: 10 rows of digits, centred
    expected = [(" " * 19 + row).rstrip() for row in big_lines("07:55", 1, 2)]
    assert lines[3:13] == expected
    assert lines[3] == "                   ████████  ████████      ████████  ████████"
    assert lines[5] == "                   ██    ██        ██  ██  ██        ██"
    assert lines[13:15] == ["", "                        EN COURS   reste 07:55 sur 10:00"]
    bar = next(line for line in lines if "░" in line)
    assert bar.count("█") == 16  # 2 min 05 of 10 min, on a 76-cell bar


def test_notes_on_request(tmp_path):
    writer = started(tmp_path, 30)
    text = frame(view_at(writer, show_notes=True), 80, 24)
    assert "NOTES Rappeler l'heure de fin." in text


def test_warning_frame(tmp_path):
    writer = started(tmp_path, 500)  # 100 s left: past the 20 % warning (2 min)
    view = view_at(writer)
    assert view.phase == "warning"
    text = frame(view, 80, 24)
    assert "BIENTÔT FINI   reste 01:40 sur 10:00" in text
    assert view_at(started(tmp_path / "b", 545)).phase == "final"  # the last minute


def test_overtime_frame(tmp_path):
    writer = started(tmp_path, 665)
    view = view_at(writer)
    assert view.phase == "overtime"
    text = frame(view, 80, 24)
    assert "DÉPASSEMENT   +01:05 au-delà des 10:00 prévues" in text
    assert "██████" in text.split("\n")[8]  # the + in large
    # started at 14:00 on plan, now 14:11:05 with 70 min still to run
    assert "Fin prévue 15:20 · estimée 15:21 · en retard de 1 min · limite 15:20" in text
    assert "dépassement de 1 min : r pour re-planifier" in text


def test_paused_frame(tmp_path):
    writer = started(tmp_path, 60)
    writer.record(EventType.segment_paused, segment="intro")
    writer.clock.advance(300)  # type: ignore[attr-defined]
    text = frame(view_at(writer), 80, 24)
    assert "PAUSE   reste 09:00 sur 10:00" in text  # the time did not run while paused
    assert "14:06" in text.split("\n")[0]  # the clock did
    assert "en retard de 5 min" in text


def test_replan_frame_shows_before_and_after(tmp_path):
    writer = started(tmp_path, 1200)  # the introduction ran 10 minutes over
    proposal = propose_replan(writer.state, writer.clock.now())
    assert proposal is not None
    text = frame(view_at(writer, overlay="replan", proposal=proposal), 80, 24)
    assert "Re-planification : la séance finirait 10 min après la limite de 15:20." in text
    rows = [line.split() for line in text.split("\n")]
    assert ["Segment", "Avant", "Après", "Écart"] in rows
    assert ["Exposé", "30", "min", "25", "min", "−5", "min"] in rows
    assert ["Atelier", "30", "min", "25", "min", "−5", "min"] in rows
    assert not any(row and row[0] == "Clôture" for row in rows)  # fixed: never shortened
    assert "Avec ce plan, la séance finit avant 15:20." in text
    assert text.split("\n")[-1] == "o/y ou Entrée : accepter le nouveau plan · Échap ou n : refuser"


def test_help_overlay_and_quit_confirmation(tmp_path):
    writer = started(tmp_path, 10)
    help_text = frame(view_at(writer, overlay="help"), 80, 24)
    assert "Touches" in help_text
    assert "5+      un nombre avant + ou - : autant de minutes" in help_text
    quit_text = frame(view_at(writer, overlay="quit"), 80, 24)
    assert "Quitter la séance ? Rien n'est perdu" in quit_text
    assert quit_text.split("\n")[-1].startswith("o/y : quitter (la séance reste enregistrée)")


def test_count_typed_before_plus_is_shown(tmp_path):
    writer = started(tmp_path, 10)
    text = frame(view_at(writer, count_prefix="5"), 80, 24)
    assert text.split("\n")[-1].startswith("5… puis + pour ajouter 5 min")


def test_open_prompt_counts_answers_live(tmp_path):
    agenda = """\
title: Atelier
segments:
  - title: Accueil
    duration: 10m
    prompts:
      - id: mots
        question: Un mot pour commencer ?
        type: words
        who: open
      - id: tour
        question: Comment allez-vous ?
        who: each
"""
    writer = open_writer(tmp_path, agenda)
    writer.record(EventType.segment_started, segment="accueil")
    writer.record(EventType.prompt_opened, prompt="mots", segment="accueil")
    for name in ("Ana", "Bo", "Cy"):
        writer.record(EventType.answer_given, prompt="mots", participant=name, value=["oui"])
    text = frame(view_at(writer), 80, 24)
    assert "Question ouverte : « Un mot pour commencer ? » — 3 réponses" in text
    assert "p : poser la question de ce segment (1)" in text
    assert "Ensuite : fin du séminaire" in text
    assert "à l'heure" in text


def test_big_terminal_gets_bigger_digits(tmp_path):
    writer = started(tmp_path, 125.4)
    small = frame(view_at(writer), 80, 24).split("\n")
    big = frame(view_at(writer), 120, 35).split("\n")
    huge = frame(view_at(writer), 200, 60).split("\n")
    assert len(big) == 35 and len(huge) == 60
    digit_rows = [sum("████" in line for line in f) for f in (small, big, huge)]
    assert 5 <= digit_rows[0] < digit_rows[1] < digit_rows[2]
    assert "EN COURS   reste 07:55 sur 10:00" in "\n".join(huge)


def test_tiny_terminal_keeps_the_plain_time(tmp_path):
    writer = started(tmp_path, 125.4)
    text = frame(view_at(writer), 40, 12)
    lines = text.split("\n")
    assert len(lines) == 12
    assert "reste 07:55 sur 10:00" in text
    assert "Ensuite" in text
    lines = frame(view_at(writer), 30, 8).split("\n")
    assert len(lines) == 8
    assert lines[0].startswith("Séminaire test")
    assert any("EN COURS   reste 07:55" in line for line in lines)
    assert lines[-1].endswith("q quitter")  # the keys stay on screen


def test_english_frame(tmp_path):
    i18n.set_language("en")
    writer = started(tmp_path, 665)
    text = frame(view_at(writer), 100, 30)
    assert "OVERTIME   +01:05 past the planned 10:00" in text
    assert "Planned end 15:20 · expected 15:21 · 1 min behind · hard stop 15:20" in text
    assert "Next: Exposé (30 min)" in text
    writer.record(EventType.segment_paused, segment="intro")
    assert "PAUSED" in frame(view_at(writer), 100, 30)


def test_rehearsal_is_marked(tmp_path):
    writer = open_writer(tmp_path, speed=60)
    writer.record(EventType.segment_started, segment="intro")
    assert "RÉPÉTITION ×60" in frame(view_at(writer), 80, 24).split("\n")[0]


# -- the rest of the day, where there is room (issue #12 point 10) --------------------------------
def test_200x50_shows_the_remaining_schedule_planned_and_expected(tmp_path):
    writer = started(tmp_path, 125.4)
    writer.record(EventType.segment_extended, segment="intro", seconds=300)  # 5 min late now
    lines = frame(view_at(writer), 200, 50).split("\n")
    assert len(lines) == 50
    table = [line.split() for line in lines if line.split()[:1] in (["Exposé"], ["Atelier"])]
    heading = next(line for line in lines if line.startswith("À venir"))
    assert heading.split() == ["À", "venir", "Prévu", "Estimé"]
    # planned from 14:00; expected from now (14:02) + what is left of the intro (12:55)
    assert table == [["Exposé", "14:10", "14:15"], ["Atelier", "14:40", "14:45"]]
    assert any(line.split() == ["Clôture", "15:10", "15:15"] for line in lines)
    assert "Ensuite : Exposé (30 min)" in "\n".join(lines)
    # no room at 80×24: the plan stays off, the countdown keeps its size
    assert "À venir" not in frame(view_at(writer), 80, 24)


def test_a_moved_hard_stop_says_why(tmp_path):
    # planned at 08:00, ends_by 09:20; opened at 14:00 (more than two hours off): the plan
    # keeps its shape from the real start, and the screen says the hour was moved
    agenda = TIMED_AGENDA.replace('starts_at: "14:00"', 'starts_at: "08:00"').replace(
        'ends_by: "15:20"', 'ends_by: "09:20"'
    )
    writer = open_writer(tmp_path, agenda)
    writer.record(EventType.segment_started, segment="intro")
    writer.clock.advance(60)  # type: ignore[attr-defined]
    text = frame(view_at(writer), 120, 35)
    assert "limite 15:20 (09:20 décalée au début réel)" in text
    # on time: no word about it
    assert "décalée" not in frame(view_at(started(tmp_path / "b", 60)), 120, 35)
