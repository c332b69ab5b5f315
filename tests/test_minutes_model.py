"""The minutes model, built from recorded journals: facts, attendance, times, answers, summaries."""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timedelta

import pytest

from seminar_cli.agenda.models import Majority
from seminar_cli.journal.events import EventType
from seminar_cli.minutes.build import quorum_required
from seminar_cli.minutes.exporters.text import Formatter, ordinal
from seminar_cli.minutes.model import Minutes
from seminar_cli.minutes.summary import adopted, summarize
from tests.minutes_helpers import AG_ANSWERS, SEMINAR_ANSWERS, START, open_recorded, run_headless


def _prompt(minutes: Minutes, prompt_id: str):
    for segment in minutes.segments:
        for prompt in segment.prompts:
            if prompt.id == prompt_id:
                return prompt
    raise KeyError(prompt_id)


def _segment(minutes: Minutes, segment_id: str):
    return next(s for s in minutes.segments if s.id == segment_id)


@pytest.fixture
def seminar(tmp_path):
    return run_headless(
        tmp_path,
        answers=SEMINAR_ANSWERS,
        facilitator="Marie Dupont",
        secretary="Olivier Dumas",
    )


def test_session_facts_come_from_the_journal(seminar):
    minutes = seminar.minutes()
    s = minutes.session
    assert minutes.format == "seminar-minutes/1"
    assert s.id == seminar.session_id
    assert (s.title, s.agenda, s.language, s.place) == (
        "Co-construisons demain",
        "co-construisons-demain",
        "fr",
        "Paris",
    )
    assert (s.facilitator, s.secretary, s.organization) == (
        "Marie Dupont",
        "Olivier Dumas",
        "Le RAMEAU",
    )
    assert s.rehearsal is False and s.draft is False
    assert s.started_at == START
    assert s.ended_at is not None and s.ended_at > s.started_at
    for moment in (s.opened_at, s.started_at, s.ended_at, s.planned_start):
        assert moment.utcoffset() == timedelta(hours=1)
    assert s.planned_start == datetime.fromisoformat("2026-11-26T14:00:00+01:00")
    assert s.ends_by == datetime.fromisoformat("2026-11-26T17:30:00+01:00")


def test_every_answer_given_is_in_the_minutes(seminar):
    minutes = seminar.minutes()
    given = [
        e
        for e in seminar.journal.events(seminar.session_id)
        if e.type == EventType.answer_given and e.payload.get("value") is not None
    ]
    assert minutes.answer_count() == len(given) == 43
    moment = _prompt(minutes, "moment-marquant")
    assert [(r.participant, r.value) for r in moment.responses] == [
        ("Inès Benali", "La rencontre de 2012, à Lyon."),
        ("Julien Moreau", "<script>alert(1)</script>"),
        ("Camille Martin", "[click](javascript:alert(1))"),
        (None, '=HYPERLINK("http://x","y")'),
    ]
    assert all(r.at is not None and r.at.tzinfo is not None for r in moment.responses)
    assert moment.summary == {"count": 4}


def test_anonymous_answers_carry_no_name_nor_time_in_the_journal_or_the_minutes(seminar):
    events = [
        e
        for e in seminar.journal.events(seminar.session_id)
        if e.type == EventType.answer_given and e.payload["prompt"] == "outille-alliance"
    ]
    assert len(events) == 5
    assert all("participant" not in e.payload for e in events)
    prompt = _prompt(seminar.minutes(), "outille-alliance")
    assert prompt.anonymous
    assert [(r.participant, r.at) for r in prompt.responses] == [(None, None)] * 5
    # sorted by value: the order of the ballots tells nothing about who cast them
    assert [r.value for r in prompt.responses] == ["non", "non", "oui", "oui", "oui"]
    assert prompt.summary == {"counts": {"oui": 3, "non": 2}}
    satisfaction = _prompt(seminar.minutes(), "satisfaction")
    assert all(r.participant is None for r in satisfaction.responses)
    dumped = seminar.minutes().model_dump(mode="json")
    anonymous = [p for s in dumped["segments"] for p in s["prompts"] if p["anonymous"]]
    assert anonymous and all(
        r["participant"] is None and r["at"] is None for p in anonymous for r in p["responses"]
    )


def test_summaries_are_the_shapes_of_the_spec_and_match_summarize(seminar):
    minutes = seminar.minutes()
    assert _prompt(minutes, "odd17-familier").summary == {"counts": {"oui": 3, "non": 1}}
    assert _prompt(minutes, "reconnaissance-recit").summary == {
        "mean": 4.25,
        "distribution": {"1": 0, "2": 0, "3": 1, "4": 1, "5": 2},
    }
    assert _prompt(minutes, "mots-alliances").summary == {
        "words": [["confiance", 2], ["coopération", 2], ["temps long", 1]]
    }
    table = _prompt(minutes, "table-public").summary["counts"]
    assert table["Jeunes"] == 1 and table["Chefs de projet sectoriels et territoriaux"] == 1
    multi = _prompt(minutes, "competences-catalyseurs").summary["counts"]
    assert multi["Formation-action entre pairs"] == 2
    assert multi["Communauté de pratique nationale"] == 1
    ranking = _prompt(minutes, "priorites-classement").summary["ranking"]
    # Borda, 6 choices: 5 points for a first place … 0 for the last
    assert ranking[0] == ["Faire vivre l'expérience de l'alliance aux jeunes", 5 + 0 + 5]
    assert sum(points for _, points in ranking) == 3 * (5 + 4 + 3 + 2 + 1)
    for segment in seminar.writer.agenda.segments:
        for prompt in segment.prompts:
            model = _prompt(minutes, prompt.id)
            values = [r.value for r in model.responses]
            assert model.summary == summarize(prompt, values), prompt.id


def test_attendance_present_excused_absent_represented_and_people_off_the_roster(tmp_path):
    rec = run_headless(tmp_path, answers=SEMINAR_ANSWERS)
    rec.writer.record(EventType.attendance, participant="Thomas Girard", status="left")
    rec.writer.record(
        EventType.answer_given, prompt="attentes", participant="Invitée surprise", value=["joie"]
    )
    people = {p.name: p for p in rec.minutes().participants}
    assert people["Inès Benali"].attendance == "present"
    assert people["Hugo Lefebvre"].attendance == "excused"
    assert people["Élodie Perrin"].attendance == "absent"
    assert people["Bertrand Vasseur"].attendance == "represented"
    assert people["Bertrand Vasseur"].represented_by == "Anne-Laure Delmas"
    assert people["Thomas Girard"].attendance == "left"
    assert people["Camille Martin"].organization == "Réseau des catalyseurs"
    assert people["Camille Martin"].group == "catalyseurs"
    guest = people["Invitée surprise"]
    assert (guest.on_roster, guest.attendance) == (False, "present")


def test_planned_and_actual_times_of_each_segment(seminar):
    minutes = seminar.minutes()
    first = minutes.segments[0]
    assert first.planned_start == datetime.fromisoformat("2026-11-26T14:00:00+01:00")
    assert first.planned_end == datetime.fromisoformat("2026-11-26T14:10:00+01:00")
    relisons = _segment(minutes, "relisons")
    assert relisons.planned_seconds == 15 * 60
    assert relisons.actual_seconds == 15 * 60  # --no-input: a segment ends when its time is up
    assert relisons.status == "done" and not relisons.skipped
    assert relisons.ended_at - relisons.started_at == timedelta(minutes=15)
    assert [s.started_at <= s.ended_at for s in minutes.segments] == [True] * len(minutes.segments)


def test_replanned_extended_paused_and_skipped_segments(tmp_path):
    rec = open_recorded(tmp_path)
    w, clock = rec.writer, rec.clock
    w.record(EventType.segment_started, segment="accueil")
    clock.advance(120)
    w.record(EventType.segment_paused, segment="accueil")
    clock.advance(300)  # a pause is not running time
    w.record(EventType.segment_resumed, segment="accueil")
    clock.advance(60)
    w.record(EventType.segment_extended, segment="accueil", seconds=300)
    clock.advance(600)
    w.record(EventType.segment_ended, segment="accueil")
    w.record(EventType.segment_skipped, segment="ouverture")
    w.record(EventType.replan_accepted, durations={"relisons": 600, "relions": 1500}, behind=900)
    w.record(EventType.segment_started, segment="relisons")
    clock.advance(200)
    minutes = rec.minutes()
    accueil = _segment(minutes, "accueil")
    assert (accueil.planned_seconds, accueil.extended_seconds, accueil.allotted_seconds) == (
        600,
        300,
        900,
    )
    assert accueil.actual_seconds == 120 + 60 + 600
    assert accueil.replanned_seconds is None
    ouverture = _segment(minutes, "ouverture")
    assert (ouverture.skipped, ouverture.status, ouverture.actual_seconds) == (
        True,
        "skipped",
        None,
    )
    relisons = _segment(minutes, "relisons")
    assert (relisons.replanned_seconds, relisons.allotted_seconds) == (600, 600)
    assert _segment(minutes, "relions").replanned_seconds == 1500
    # still running: a draft, measured up to the journal's last word
    assert relisons.status == "running" and relisons.ended_at is None
    assert minutes.session.draft is True and minutes.session.ended_at is None
    assert _segment(minutes, "cloture").status == "not_started"


def test_a_running_segment_is_measured_up_to_the_last_heartbeat(tmp_path):
    rec = open_recorded(tmp_path)
    rec.writer.record(EventType.segment_started, segment="accueil")
    rec.clock.advance(240)
    rec.writer.heartbeat()
    minutes = rec.minutes()
    assert _segment(minutes, "accueil").actual_seconds == 240
    assert minutes.session.as_of == START + timedelta(seconds=240)


def test_notes_decisions_and_actions_go_to_their_segment_or_the_session(tmp_path):
    rec = open_recorded(tmp_path)
    w, clock = rec.writer, rec.clock
    w.record(EventType.note, text="Avant le début : salle froide")
    w.record(EventType.segment_started, segment="accueil")
    clock.advance(60)
    w.record(EventType.note, segment="accueil", text="Café en retard")
    w.record(EventType.decision, segment="accueil", text="On commence sans attendre")
    w.record(
        EventType.action,
        segment="accueil",
        text="Relancer le traiteur",
        owner="Inès",
        due="2026-12-01",
    )
    w.record(EventType.action, text="Envoyer le compte rendu", owner="Olivier", due="15/12/2026")
    minutes = rec.minutes()
    accueil = _segment(minutes, "accueil")
    assert [n.text for n in accueil.notes] == ["Café en retard"]
    assert [d.text for d in accueil.decisions] == ["On commence sans attendre"]
    assert [(a.text, a.owner, a.due) for a in accueil.actions] == [
        ("Relancer le traiteur", "Inès", date(2026, 12, 1))
    ]
    assert [n.text for n in minutes.notes] == ["Avant le début : salle froide"]
    assert [(a.owner, a.due) for a in minutes.all_actions()] == [
        ("Inès", date(2026, 12, 1)),
        ("Olivier", date(2026, 12, 15)),
    ]


def test_json_is_exactly_the_model_with_offsets_on_every_time(seminar):
    minutes = seminar.minutes()
    text = minutes.model_dump_json()
    data = json.loads(text)
    assert data["format"] == "seminar-minutes/1"
    assert Minutes.model_validate_json(text) == minutes
    stamps = re.findall(
        r'"(?:at|started_at|ended_at|opened_at|planned_start|planned_end)":"([^"]+)"', text
    )
    assert len(stamps) > 50
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", s) for s in stamps)


def test_a_vote_counts_ballots_and_room_tallies(tmp_path):
    rec = run_headless(tmp_path, "assemblee-generale", AG_ANSWERS)
    minutes = rec.minutes()
    board = _prompt(minutes, "election-conseil")
    assert board.summary == {
        "counts": {"Camille Martin": 5, "Karim Haddad": 4, "Nathalie Roux": 2},
        "blank": 2,
        "cast": 6,
        "elected": ["Camille Martin", "Karim Haddad"],
        "ties": [],
        "voters": 12,  # 10 present, 2 represented: the quorum's count, for « Votants : 8 sur 12 »
    }
    assert (board.ballots, board.seats, board.round) == (8, 3, 1)
    # a secret ballot: the names in the answers file never reached the journal
    assert all(r.participant is None and r.at is None for r in board.responses)
    quitus = _prompt(minutes, "quitus-conseil")
    assert quitus.summary == {
        "counts": {"pour": 4, "contre": 4, "abstention": 1, "blanc": 0},
        "adopted": False,  # a tie is not a majority
    }
    assert [r.value for r in quitus.responses] == [
        {"pour": 4, "contre": 4, "abstention": 1, "blanc": 0}
    ]


@pytest.mark.parametrize(
    ("tally", "majority", "expected"),
    [
        ({"pour": 5, "contre": 4}, Majority.simple, True),
        ({"pour": 4, "contre": 4, "abstention": 10}, Majority.simple, False),
        ({"pour": 3, "contre": 2, "abstention": 10}, Majority.simple, True),
        ({"pour": 5, "contre": 0, "abstention": 5}, Majority.absolute, False),
        ({"pour": 6, "contre": 0, "abstention": 5}, Majority.absolute, True),
        ({"pour": 6, "contre": 2, "blanc": 4}, Majority.absolute, False),
        ({"pour": 2, "contre": 1}, Majority.two_thirds, True),
        ({"pour": 5, "contre": 3, "abstention": 20}, Majority.two_thirds, False),
        ({"pour": 0, "contre": 0}, Majority.two_thirds, False),
        ({}, Majority.simple, False),
    ],
)
def test_adoption_rules(tally, majority, expected):
    full = {"pour": 0, "contre": 0, "abstention": 0, "blanc": 0, **tally}
    assert adopted(full, majority) is expected


@pytest.mark.parametrize(
    ("quorum", "base", "required"),
    [(0.25, 85, 22), (0.5, 10, 5), (1 / 3, 9, 3), (0.0, 85, 0), (0.25, 0, 0), (1.0, 12, 12)],
)
def test_quorum_is_the_share_of_the_members_rounded_up(quorum, base, required):
    assert quorum_required(quorum, base) == required


def test_dates_and_times_as_each_language_writes_them():
    moment = datetime.fromisoformat("2026-11-26T14:05:00+01:00")
    fr, en = Formatter("fr"), Formatter("en")
    assert fr.moment(moment) == "jeudi 26\u00a0novembre 2026, 14\u00a0h\u00a005"
    assert en.moment(moment) == "Thursday 26 November 2026, 2:05 pm"
    assert fr.clock(moment.replace(minute=0)) == "14\u00a0h"
    assert en.clock(moment.replace(hour=0, minute=7)) == "12:07 am"
    assert en.clock(moment.replace(hour=12, minute=0)) == "12:00 pm"
    assert fr.day(date(2027, 1, 1)) == "vendredi 1er\u00a0janvier 2027"
    assert en.short_day(date(2027, 1, 1)) == "1 January 2027"
    assert fr.duration(65 * 60) == "1\u00a0h\u00a005" and en.duration(65 * 60) == "1 h 05 min"
    assert fr.duration(45) == "45\u00a0s" and fr.duration(15 * 60) == "15\u00a0min"
    assert fr.number(4.25) == "4,25" and en.number(4.25) == "4.25"
    assert fr.number(12480) == "12\u202f480" and en.number(12480) == "12,480"
    assert fr.percent(7, 12) == "58\u00a0%" and en.percent(7, 12) == "58%"
    assert (ordinal(1, "fr"), ordinal(2, "en"), ordinal(21, "fr"), ordinal(22, "en")) == (
        "Première",
        "Second",
        "21e",
        "22nd",
    )


def test_an_english_session_makes_english_minutes(tmp_path):
    rec = run_headless(tmp_path, "team-retrospective")
    minutes = rec.minutes()
    assert minutes.session.language == "en"
    assert minutes.session.title == "Sprint retrospective"
