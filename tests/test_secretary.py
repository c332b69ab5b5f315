"""The secretary's records: ``seminar note``, ``decision``, ``action`` and the console."""

from __future__ import annotations

import io
import sys

import pexpect
import pytest

from seminar_cli.errors import UsageError
from seminar_cli.journal.events import EventType
from seminar_cli.journal.store import Journal
from seminar_cli.session.records import parse_console_line, parse_due
from tests.minutes_helpers import open_recorded, run_headless


def records(tmp_path, session_id: str) -> list[tuple[str, dict]]:
    journal = Journal.open(tmp_path / "journal.sqlite3")
    kinds = {EventType.note, EventType.decision, EventType.action}
    return [(e.type, e.payload) for e in journal.events(session_id) if e.type in kinds]


@pytest.fixture
def live(tmp_path):
    """A session running now (its runner's heartbeat is fresh), in its second segment."""
    rec = open_recorded(tmp_path)
    rec.writer.record(EventType.segment_started, segment="accueil")
    rec.clock.advance(600)
    rec.writer.record(EventType.segment_ended, segment="accueil")
    rec.writer.record(EventType.segment_started, segment="ouverture")
    rec.clock.advance(90)
    rec.writer.heartbeat()
    return rec


def test_a_note_goes_to_the_live_session_current_segment(cli, tmp_path, live):
    result = cli("note", "La", "salle", "est", "pleine")
    assert result.code == 0, result.err
    assert "Note enregistrée — séquence « Ouverture »" in result.err
    assert records(tmp_path, live.session_id) == [
        ("note", {"segment": "ouverture", "text": "La salle est pleine"})
    ]
    # on the session's clock, not before the runner's last sign of life
    journal = Journal.open(tmp_path / "journal.sqlite3")
    note = journal.events(live.session_id)[-1]
    assert note.at >= live.clock.now()


def test_decision_and_action_with_owner_and_due_date(cli, tmp_path, live):
    assert cli("decision", "Le groupe de travail jeunes est créé").code == 0
    result = cli(
        "action", "Envoyer le compte rendu", "--owner", "Olivier Dumas", "--due", "15/12/2026"
    )
    assert result.code == 0, result.err
    assert "Action enregistrée pour Olivier Dumas, échéance le 15 décembre 2026" in result.err
    iso = cli("action", "Publier la frise", "--owner", "Camille", "--due", "2027-01-10")
    assert iso.code == 0
    assert records(tmp_path, live.session_id) == [
        ("decision", {"segment": "ouverture", "text": "Le groupe de travail jeunes est créé"}),
        (
            "action",
            {
                "segment": "ouverture",
                "text": "Envoyer le compte rendu",
                "owner": "Olivier Dumas",
                "due": "2026-12-15",
            },
        ),
        (
            "action",
            {
                "segment": "ouverture",
                "text": "Publier la frise",
                "owner": "Camille",
                "due": "2027-01-10",
            },
        ),
    ]
    minutes = live.minutes()
    assert [a.owner for a in minutes.all_actions()] == ["Olivier Dumas", "Camille"]


def test_records_after_the_session_closed(cli, tmp_path):
    rec = run_headless(tmp_path)
    general = cli("note", "--session", rec.session_id[:15], "Compte rendu relu par le bureau")
    assert general.code == 0
    assert "séance, hors séquence" in general.err and "est close" in general.err
    placed = cli(
        "decision", "--session", rec.session_id, "--segment", "priorites", "Classement adopté"
    )
    assert placed.code == 0
    assert records(tmp_path, rec.session_id) == [
        ("note", {"text": "Compte rendu relu par le bureau"}),
        ("decision", {"segment": "priorites", "text": "Classement adopté"}),
    ]
    minutes = rec.minutes()
    assert [n.text for n in minutes.notes] == ["Compte rendu relu par le bureau"]
    priorites = next(s for s in minutes.segments if s.id == "priorites")
    assert [d.text for d in priorites.decisions] == ["Classement adopté"]


def test_clear_errors_and_nothing_recorded(cli, tmp_path, live):
    unknown = cli("note", "--segment", "nulle-part", "texte")
    assert unknown.code == 1
    assert "Séquence inconnue « nulle-part »" in unknown.err and "relisons" in unknown.err
    bad_date = cli("action", "Réserver", "--owner", "Inès", "--due", "31-02-2027")
    assert bad_date.code == 2 and "AAAA-MM-JJ ou JJ/MM/AAAA" in bad_date.err
    no_owner = cli("action", "Réserver la salle")
    assert no_owner.code == 2 and "--owner" in no_owner.err
    empty = cli("note", "   ")
    assert empty.code == 2 and "Le texte est vide" in empty.err
    unknown_session = cli("note", "--session", "zzz", "texte")
    assert unknown_session.code == 1 and "Séance inconnue" in unknown_session.err
    assert records(tmp_path, live.session_id) == []
    for result in (unknown, bad_date, no_owner, empty, unknown_session):
        assert "Traceback" not in result.err


def test_the_help_has_examples(cli):
    for command in ("note", "decision", "action", "secretary"):
        result = cli(command, "--help")
        assert result.code == 0 and "Exemples" in result.out, command
    assert "--due" in cli("action", "--help").out


@pytest.mark.parametrize(
    ("line", "kind", "text", "owner", "due"),
    [
        ("La salle demande une pause", "note", "La salle demande une pause", None, None),
        ("d: Le classement est adopté", "decision", "Le classement est adopté", None, None),
        ("D : Majuscule", "decision", "Majuscule", None, None),
        (
            "a: Envoyer le CR @Olivier Dumas 15/12/2026",
            "action",
            "Envoyer le CR",
            "Olivier Dumas",
            "2026-12-15",
        ),
        ("a: Kit jeunes @Inès [2027-01-10]", "action", "Kit jeunes", "Inès", "2027-01-10"),
        ("a: Relancer @Karim", "action", "Relancer", "Karim", None),
        ("n: explicite", "note", "explicite", None, None),
        ("Heure : 15 h", "note", "Heure : 15 h", None, None),
    ],
)
def test_console_lines(line, kind, text, owner, due):
    parsed = parse_console_line(line)
    assert (parsed.kind, parsed.text, parsed.owner, parsed.due) == (kind, text, owner, due)


def test_console_line_errors_and_controls():
    assert parse_console_line("").kind == "quit"
    assert parse_console_line("?").kind == "help"
    assert parse_console_line("s: relions").text == "relions"
    with pytest.raises(UsageError):
        parse_console_line("a: sans responsable")
    with pytest.raises(UsageError):
        parse_console_line("a: date impossible @Inès 30/02/2027")


def test_due_dates():
    assert parse_due("2026-12-15").isoformat() == "2026-12-15"
    assert parse_due("5/1/2027").isoformat() == "2027-01-05"
    for bad in ("15-12-2026", "demain", "2026-13-01"):
        with pytest.raises(ValueError):
            parse_due(bad)


def test_the_console_records_each_line(cli, tmp_path, live, monkeypatch):
    lines = "\n".join(
        [
            "Micro coupé deux minutes",
            "d: Groupe de travail créé",
            "a: Relancer les rapporteurs @Karim Haddad 01/12/2026",
            "a: sans responsable",
            "s: nulle-part",
            "s: relions",
            "Note pour « Relions »",
            "?",
            "",
            "jamais lue",
        ]
    )
    monkeypatch.setattr(sys, "stdin", io.StringIO(lines + "\n"))
    result = cli("secretary")
    assert result.code == 0, result.err
    assert "Secrétariat de la séance" in result.err
    assert "En cours : séquence « Ouverture »" in result.err
    assert "Une action a un responsable" in result.err
    assert "Séquence inconnue « nulle-part »" in result.err
    assert "La suite va à la séquence « Relions-la à nos défis collectifs »" in result.err
    assert "d: texte" in result.err  # the help
    assert "4 enregistrements dans" in result.err
    assert records(tmp_path, live.session_id) == [
        ("note", {"segment": "ouverture", "text": "Micro coupé deux minutes"}),
        ("decision", {"segment": "ouverture", "text": "Groupe de travail créé"}),
        (
            "action",
            {
                "segment": "ouverture",
                "text": "Relancer les rapporteurs",
                "owner": "Karim Haddad",
                "due": "2026-12-01",
            },
        ),
        ("note", {"segment": "relions", "text": "Note pour « Relions »"}),
    ]


def test_the_console_stops_at_end_of_input(cli, tmp_path, live, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("une seule note"))
    result = cli("secretary", live.session_id)
    assert result.code == 0
    assert "1 enregistrement dans" in result.err
    assert records(tmp_path, live.session_id) == [
        ("note", {"segment": "ouverture", "text": "une seule note"})
    ]


def test_the_console_edits_lines_at_a_terminal(tmp_path, live):
    """Arrows move in the line (no ``^[[D`` stored), ↑ recalls an earlier line, Ctrl-A/E."""
    from tests.session_helpers import spawn_seminar

    child = spawn_seminar(tmp_path, "secretary", live.session_id)
    try:
        child.expect("›", timeout=60)
        child.send("Accueil progressivemen")
        child.send("\x1b[D\x1b[D\x1b[D")  # ← ← ←
        child.send("X\r")
        child.expect("Note enregistrée", timeout=60)
        child.expect("›", timeout=60)
        child.send("\x1b[A")  # ↑ recalls the line just recorded
        child.send("\x01")  # Ctrl-A: to the start, where « d: » makes it a decision
        child.send("d: ")
        child.send("\x05!\r")  # Ctrl-E: to the end
        child.expect("Décision enregistrée", timeout=60)
        child.expect("›", timeout=60)
        child.send("\x04")  # Ctrl-D ends the console
        child.expect(pexpect.EOF, timeout=60)
    finally:
        child.close(force=True)
    assert records(tmp_path, live.session_id) == [
        ("note", {"segment": "ouverture", "text": "Accueil progressiveXmen"}),
        ("decision", {"segment": "ouverture", "text": "Accueil progressiveXmen!"}),
    ]


def test_the_console_shows_a_segment_change_while_a_line_is_being_typed(tmp_path, live):
    """Found in the AG rehearsal: the console said a new segment only after the next line
    was typed, so a note meant for it went elsewhere.  The line under the prompt follows the
    journal while the secretary types."""
    from tests.session_helpers import spawn_seminar

    child = spawn_seminar(tmp_path, "secretary", live.session_id, dimensions=(24, 120))
    try:
        child.expect("En cours : séquence « Ouverture »", timeout=60)  # above the prompt
        child.expect("›", timeout=60)
        child.send("Les rapporteurs")  # typing, not yet sent
        live.writer.record(EventType.segment_ended, segment="ouverture")
        live.writer.record(EventType.segment_started, segment="relions")
        child.expect("Relions-la", timeout=60)  # seen before the line is sent
        child.send(" arrivent\r")
        child.expect("Note enregistrée", timeout=60)
        child.expect("›", timeout=60)
        child.send("\x04")
        child.expect(pexpect.EOF, timeout=60)
    finally:
        child.close(force=True)
    assert records(tmp_path, live.session_id) == [
        ("note", {"segment": "relions", "text": "Les rapporteurs arrivent"})
    ]


def test_the_console_cuts_its_long_lines_at_words_on_an_80_column_terminal(tmp_path, live):
    """Found in the AG rehearsal: at 80 columns the console's long lines (its help, a segment
    pinned) were cut by the terminal in the middle of a word."""
    import re

    from tests.conftest import seminar_cmd, subprocess_env

    env = subprocess_env(tmp_path)
    del env["COLUMNS"]  # as a terminal's shell leaves it: the terminal's own width is read
    cmd = seminar_cmd()
    child = pexpect.spawn(
        cmd[0], [*cmd[1:], "secretary", live.session_id], env=env, cwd=str(tmp_path),
        dimensions=(24, 80), encoding="utf-8", timeout=20,
    )  # fmt: skip
    child.logfile_read = io.StringIO()
    try:
        child.expect("›", timeout=60)
        child.send("s: relions\r")
        child.expect("Relions-la", timeout=60)
        child.expect("›", timeout=60)
        child.send("\x04")
        child.expect(pexpect.EOF, timeout=60)
        shown = child.logfile_read.getvalue()
    finally:
        child.close(force=True)
    # without the terminal's control sequences (the prompt's redraws pad with spaces)
    plain = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]|[\r\x08]", "", shown)
    lines = [line.rstrip() for line in plain.split("\n") if line.strip()]
    assert lines and all(len(line) <= 80 for line in lines), lines
    said = " ".join(plain.split())
    # whole words, in their order, where the terminal used to cut one
    assert "rattacher la suite à une séquence (s: seul : la séquence en cours)" in said
    assert "La suite va à la séquence « Relions-la à nos défis collectifs » (s: seul" in said
    helped = next(i for i, line in enumerate(lines) if line.startswith("  s: id"))
    assert lines[helped + 1].startswith(" " * 29)  # under the help's second column


def test_a_due_date_that_does_not_exist_is_told_so(cli, tmp_path, live):
    for day in ("31/02/2027", "2027-02-30"):
        result = cli("action", "Relire", "--owner", "Camille", "--due", day)
        assert result.code == 2, result.err
        assert f"Date d'échéance « {day} » : ce jour n'existe pas dans le calendrier." in result.err
        assert "AAAA-MM-JJ" not in result.err
    badly = cli("action", "Relire", "--owner", "Camille", "--due", "31-02-2027")
    assert "écrivez AAAA-MM-JJ ou JJ/MM/AAAA" in badly.err
    assert records(tmp_path, live.session_id) == []


def test_an_assemblys_close_points_to_its_pv_not_to_a_seminars_minutes(cli, monkeypatch):
    """Found in the AG rehearsal: after an assembly closed, `start` and the secretary's console
    suggested `seminar export ID --format html` (a compte rendu), not the procès-verbal."""
    from tests.session_helpers import only_session

    started = cli("start", "assemblee-generale", "--no-input", "--speed", "600")
    assert started.code == 0, started.err
    sid = only_session()
    assert started.err.splitlines()[-1] == (
        f"Séance {sid} terminée. Procès-verbal : seminar export {sid} --kind pv --format html"
    )
    monkeypatch.setattr(sys, "stdin", io.StringIO("Le président remercie l'assistance\n"))
    console = cli("secretary", sid)
    assert console.code == 0, console.err
    assert (
        f"1 enregistrement dans la séance {sid}. Procès-verbal : seminar export {sid} --kind pv"
        in console.err
    )
    monkeypatch.setattr(sys, "stdin", io.StringIO("A note\nAnother\n"))
    console = cli("--lang", "en", "secretary", sid)
    assert (
        f"2 records in session {sid}. Minutes of the meeting: seminar export {sid} --kind pv"
        in (console.err)
    )
    pv = cli("export", sid, "--kind", "pv", "--format", "html", "-o", "-")
    assert pv.code == 0, pv.err  # the command suggested works
