"""The minutes tell each stop of the facilitator's station (the second AG rehearsal: two crashes
and four voided ballots, yet « Aucun incident n'a été consigné »), and a PV point's timing says
what its figure counts when pauses and stops make the span longer."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from seminar_cli.journal.events import EventType
from seminar_cli.minutes.model import Minutes
from tests.minutes_helpers import START, agenda_with, open_recorded
from tests.test_pv import ASSEMBLY, plain

AG_START = START.replace(hour=16, minute=0)
FORMATS = ["md", "html", "docx"]


def _crash_and_resume(rec, prompt: str, voided: int, down: int) -> None:  # type: ignore[no-untyped-def]
    """The station dies now (its last sign of life); ``down`` seconds later ``resume`` claims
    the session, voiding ``voided`` anonymous answers of ``prompt``."""
    died = rec.clock.now()
    rec.clock.advance(down)
    if voided:
        rec.writer.record(EventType.anonymous_voided, prompt=prompt, count=voided)
    rec.writer.record(EventType.session_resumed, interrupted_at=died.isoformat())


@pytest.fixture(scope="module")
def ag(tmp_path_factory) -> Minutes:  # type: ignore[no-untyped-def]
    tmp = tmp_path_factory.mktemp("ag-stops")
    agenda = agenda_with(tmp, "assemblee-generale", {"assembly": ASSEMBLY})
    rec = open_recorded(tmp, agenda, start=AG_START)
    w = rec.writer
    w.record(EventType.segment_started, segment="emargement")
    rec.clock.advance(8 * 60)  # 16 h 08: the station is killed
    _crash_and_resume(rec, "election-conseil", 3, 2 * 60)  # resumed at 16 h 10
    rec.clock.advance(30)
    w.record(EventType.segment_ended, segment="emargement")
    w.record(EventType.segment_started, segment="ouverture")
    rec.clock.advance(60)
    w.record(EventType.session_suspended, reason="quit")  # 16 h 11: the facilitator quits
    rec.clock.advance(4 * 60)
    w.record(EventType.session_resumed)  # 16 h 15
    rec.clock.advance(60)
    w.record(EventType.segment_ended, segment="ouverture")
    w.record(EventType.session_closed)
    return rec.minutes("pv")


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_pv_lists_each_stop_of_the_station_among_the_incidents(ag: Minutes, fmt: str) -> None:
    text = plain(ag, fmt)
    incidents = text.split("Incidents et observations")[1].split("Clôture")[0]
    assert "Aucun incident" not in incidents
    assert "Le poste de l'animateur s'est arrêté vers 16 h 08 ; la séance a repris à 16 h 10." in (
        incidents
    )
    assert (
        "16 h 10. 3 bulletins annulés au scrutin « Élection au conseil d'administration (trois "
        "sièges) »." in incidents
    )
    assert "La séance a été suspendue à 16 h 11 ; elle a repris à 16 h 15." in incidents
    # in time order
    assert incidents.index("16 h 08 ;") < incidents.index("suspendue à 16 h 11")


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_points_timing_says_what_its_figure_counts_when_the_span_is_longer(
    ag: Minutes, fmt: str
) -> None:
    text = plain(ag, fmt)
    # 16 h 00 to 16 h 10 min 30 s (8 min 30 s shown as 8 min), two minutes of it with the station down
    assert "de 16 h à 16 h 10 (8 min de débats, pauses et interruptions exclues)" in text
    # four minutes suspended
    assert "de 16 h 10 à 16 h 16 (2 min de débats, pauses et interruptions exclues)" in text
    assert "16 h 10 (8 min)" not in text and "16 h 16 (2 min)" not in text


def test_the_json_minutes_carry_the_stops(ag: Minutes) -> None:
    data = json.loads(ag.model_dump_json())
    stops = data["interruptions"]
    assert [s["reason"] for s in stops] == ["stopped", "suspended"]
    assert stops[0]["stopped_at"] == (AG_START + timedelta(minutes=8)).isoformat()
    assert stops[0]["resumed_at"] == (AG_START + timedelta(minutes=10)).isoformat()
    assert stops[0]["voided"] == [{"prompt": "election-conseil", "count": 3}]
    assert stops[1]["voided"] == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_compte_rendu_of_a_seminar_tells_its_stops_too(tmp_path, fmt: str) -> None:  # type: ignore[no-untyped-def]
    rec = open_recorded(tmp_path, start=START)
    rec.writer.record(EventType.segment_started, segment="accueil")
    rec.clock.advance(5 * 60)
    _crash_and_resume(rec, "satisfaction", 1, 3 * 60)
    rec.clock.advance(60)
    rec.writer.record(EventType.segment_ended, segment="accueil")
    text = plain(rec.minutes(), fmt)
    part = text.split("Interruptions de la séance")[1]
    assert (
        "Le poste de l'animateur s'est arrêté vers 14 h 05 ; la séance a repris à 14 h 08. "
        "1 réponse anonyme annulée à la question « Comment évaluez-vous cet après-midi ? »." in part
    )


def test_an_english_pv_tells_its_stops(tmp_path) -> None:  # type: ignore[no-untyped-def]
    agenda = agenda_with(tmp_path, "assemblee-generale", {"assembly": ASSEMBLY, "language": "en"})
    rec = open_recorded(tmp_path, agenda, start=AG_START)
    rec.writer.record(EventType.segment_started, segment="emargement")
    rec.clock.advance(8 * 60)
    _crash_and_resume(rec, "election-conseil", 1, 2 * 60)
    rec.clock.advance(30)
    rec.writer.record(EventType.segment_ended, segment="emargement")
    text = plain(rec.minutes("pv"), "html")
    assert (
        "The facilitator's station stopped at about 4:08 pm; the session resumed at 4:10 pm. "
        "1 ballot voided in the ballot “" in text
    )
    assert "(8 min of proceedings, pauses and interruptions excluded)" in text
