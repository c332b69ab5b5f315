"""The desk at the door and the live screen's key a in an assembly (#15): a proxy whose ballot
is in stays put until its vote closes, members signed in anywhere get their personal code,
`--codes` lists them, and a sealed session's attendance and run are final."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from seminar_cli.agenda.loader import load_agenda
from seminar_cli.journal.events import EventType
from seminar_cli.journal.store import Journal
from seminar_cli.session.answers import ScriptedAnswer
from seminar_cli.session.assembly import admit, code_of, member_code, record_attendance
from seminar_cli.session.join import Joiner
from seminar_cli.session.service import SessionSetup, SessionWriter
from seminar_cli.timer import FakeClock
from tests.session_helpers import bundled_assembly as bundled_ag
from tests.session_helpers import run_seminar as seminar

ELECTION = "election-conseil"


@pytest.fixture
def proxy_voted(tmp_path: Path) -> SessionWriter:
    """Hélène holds Julien's proxy and has cast his secret ballot (held in the pool); the
    election is still open."""
    writer = bundled_ag(tmp_path)
    for name in ("Hélène Marchand", "Olivier Dumas"):
        record_attendance(writer, name, "present")
    record_attendance(writer, "Julien Moreau", "represented", "Hélène Marchand")
    code = member_code(writer, "Hélène Marchand")
    writer.record(EventType.segment_started, segment="elections")
    writer.record(EventType.prompt_opened, prompt=ELECTION, segment="elections")
    ballot = ScriptedAnswer(ELECTION, None, [], on_behalf="Julien Moreau")
    cast = Joiner(writer, "Hélène Marchand", code).run_scripted({ELECTION: [ballot]})
    assert cast.answered == [ELECTION]
    assert writer.has_voted(ELECTION, "Julien Moreau")
    return writer


@pytest.mark.parametrize(
    ("flags", "lang", "said"),
    [
        (
            ["--proxy", "Olivier Dumas:Julien Moreau"],
            "fr",
            "Refusé : un bulletin a déjà été déposé pour Julien Moreau dans le vote « Élection "
            "au conseil d'administration (trois sièges) » ; son pouvoir reste à Hélène Marchand jusqu'à "
            "la clôture de ce vote.",
        ),
        (
            ["--present-name", "julien moreau"],
            "en",
            "Refused: a ballot was already cast for Julien Moreau in the vote 'Élection au conseil "
            "d'administration (trois sièges)'; their proxy stays with Hélène Marchand until that vote "
            "closes.",
        ),
        (["--excused", "Moreau"], "fr", "son pouvoir reste à Hélène Marchand"),
    ],
)
def test_a_proxy_whose_ballot_is_in_is_not_moved_while_the_vote_is_open(
    tmp_path, proxy_voted, flags, lang, said
):
    sid = proxy_voted.session_id
    result = seminar(tmp_path, "attendance", sid, *flags, lang=lang)
    assert result.returncode == 1, result.stderr
    assert said in " ".join(result.stderr.split())
    assert "Traceback" not in result.stderr
    proxy_voted.sync()
    record = proxy_voted.state.attendance["Julien Moreau"]
    assert (record.status, record.represented_by) == ("represented", "Hélène Marchand")


def test_the_proxy_moves_again_once_the_vote_is_closed(tmp_path, proxy_voted):
    proxy_voted.record(EventType.prompt_closed, prompt=ELECTION)
    result = seminar(
        tmp_path, "attendance", proxy_voted.session_id, "--proxy", "Olivier Dumas:Julien Moreau"
    )
    assert result.returncode == 0, result.stderr
    assert "Julien Moreau : représenté·e par Olivier Dumas" in result.stderr


def test_a_written_ballot_and_a_roll_call_answer_keep_the_proxy_too(tmp_path, proxy_voted):
    from seminar_cli.errors import SessionError

    writer = proxy_voted
    # the ballot written (the close of another process's batch leaves its mark in the journal)
    writer.record(EventType.answer_marked, prompt=ELECTION, participant="Julien Moreau")
    with pytest.raises(SessionError) as refused:
        admit(writer, "Julien Moreau", "represented", "Olivier Dumas")
    assert refused.value.key == "att.refused.ballot_cast"
    # the same proxy said again changes nothing: accepted
    admit(writer, "Julien Moreau", "represented", "Hélène Marchand")
    # a member present who voted may still leave or give a proxy: their ballot stays theirs
    admit(writer, "Olivier Dumas", "left")


def test_members_signed_in_with_key_a_get_their_code_and_codes_lists_them(tmp_path):
    writer = bundled_ag(tmp_path)
    signed = admit(writer, "Hélène Marchand", "present")  # what key a's command records
    assert signed.code is not None and code_of(writer.state, "Hélène Marchand") == signed.code
    guest = admit(writer, "Paul Renard", "present")  # member: non in the register
    assert guest.code is None and guest.guest
    proxy = admit(writer, "Julien Moreau", "represented", "Hélène Marchand")
    assert proxy.code is None
    listed = seminar(tmp_path, "attendance", writer.session_id, "--codes")
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.splitlines() == [f"Hélène Marchand : {signed.code} (présent(e))"]
    assert "39 membres sans code : pas encore signés présents." in listed.stderr
    # a screen confirmation never draws the code: the live screen is the room's
    from seminar_cli.ui.live import attendance_flash

    shown = attendance_flash(signed)
    assert signed.code not in shown
    assert "seminar attendance --codes" in shown
    assert attendance_flash(proxy) == (
        "Présence enregistrée : Julien Moreau — représenté(e) par Hélène Marchand"
    )


def test_members_present_from_an_answers_file_get_their_code(tmp_path):
    from seminar_cli.session.service import start_session

    journal = Journal.open(tmp_path / "journal.sqlite3")
    attendance = [
        ("Hélène Marchand", "present", None),
        ("Julien Moreau", "represented", "Hélène Marchand"),
        ("Paul Renard", "present", None),
    ]
    writer = start_session(
        journal,
        load_agenda("assemblee-generale"),
        SessionSetup(),
        attendance,
        lambda speed, start: FakeClock(),
    )
    assert set(writer.state.member_codes.values()) == {"Hélène Marchand"}


def test_a_sealed_session_refuses_the_desk_and_resume(tmp_path):
    from tests.minutes_helpers import run_headless

    rec = run_headless(tmp_path, "assemblee-generale")
    sid = rec.session_id
    rec.journal.close()
    assert seminar(tmp_path, "seal", sid).returncode == 0
    for args, lang, said in [
        (["attendance", sid, "--present-name", "Marchand"], "fr", f"La séance {sid} est scellée"),
        (["attendance", sid, "--present", "3"], "en", f"Session {sid} is sealed"),
        (["attendance", sid], "fr", "son émargement est définitif"),
        (["resume", sid], "fr", "elle ne reprend plus, son compte rendu est définitif"),
        (["resume", sid], "en", "it cannot be resumed, its minutes are final"),
    ]:
        result = seminar(tmp_path, *args, lang=lang)
        assert result.returncode == 1, (args, result.stderr)
        assert said in " ".join(result.stderr.split()), (args, result.stderr)
        assert "Traceback" not in result.stderr
    with Journal.open(tmp_path / "journal.sqlite3") as journal:
        assert journal.count_events(sid, "attendance") == 0
        assert journal.count_events(sid, "attendance_counts") == 0
        assert journal.count_events(sid, "session_resumed") == 0
    # records still take --erratum, as before
    erratum = seminar(tmp_path, "note", sid, "Coquille", "--erratum")
    assert erratum.returncode == 0, erratum.stderr


def _join_the_election_for_two(tmp_path, julien_keys: str) -> tuple[str, str]:
    """Hélène joins, ticks the first candidate for herself, then types ``julien_keys`` for
    the member she represents; what her terminal printed, and its questions."""
    import io

    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.data_structures import Size
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output.vt100 import Vt100_Output
    from rich.console import Console

    from seminar_cli.ui.join_screen import run_join

    writer = bundled_ag(tmp_path)
    record_attendance(writer, "Hélène Marchand", "present")
    record_attendance(writer, "Julien Moreau", "represented", "Hélène Marchand")
    code = member_code(writer, "Hélène Marchand")
    writer.record(EventType.segment_started, segment="elections")
    writer.record(EventType.prompt_opened, prompt=ELECTION, segment="elections")
    participant = SessionWriter(writer.journal, writer.row, writer.clock)

    def sleep(_seconds: float) -> None:  # both ballots cast: the facilitator closes
        writer.sync()
        if writer.has_voted(ELECTION, "Julien Moreau"):
            writer.record(EventType.prompt_closed, prompt=ELECTION)
            writer.record(EventType.session_closed)

    screen, questions = io.StringIO(), io.StringIO()
    output = Vt100_Output(questions, lambda: Size(rows=30, columns=100), term="xterm")
    with create_pipe_input() as pipe:
        pipe.send_text(" \r")  # her own ballot: the first candidate ticked
        pipe.send_text(julien_keys)
        with create_app_session(input=pipe, output=output):
            run_join(
                participant,
                "Hélène Marchand",
                Console(file=screen, width=100),
                sleep=sleep,
                member_code=code,
            )
    import re

    asked = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", questions.getvalue())
    return screen.getvalue(), asked.replace("\u00a0", " ")


DOWN = "\x1b[B"


def test_join_confirms_a_ballot_and_calls_an_empty_one_a_blank_vote(tmp_path):
    # Julien's: nothing ticked, then « Oui, voter blanc » (the second answer) to confirm it
    text, questions = _join_the_election_for_two(tmp_path, "\r" + DOWN + "\r")
    assert "Aucun candidat coché : voter blanc ? Oui, voter blanc" in questions
    assert text.count("✓ Bulletin enregistré.") == 1
    assert text.count("✓ Bulletin enregistré : vote blanc.") == 1
    assert "Réponse enregistrée" not in text


def test_join_asks_before_a_blank_ballot_and_enter_asks_the_ballot_again(tmp_path):
    """AG rehearsal 2, defect 4: a single Enter with nothing ticked cast a blank ballot.  Now
    « Aucun candidat coché : voter blanc ? » answers « Non » on Enter, and the ballot is asked
    again: here the first candidate is then ticked, a ballot, not a blank vote."""
    text, questions = _join_the_election_for_two(tmp_path, "\r" + "\r" + " \r")
    assert "Aucun candidat coché : voter blanc ? Non, cocher des candidats" in questions
    assert text.count("✓ Bulletin enregistré.") == 2
    assert "vote blanc" not in text


def test_the_show_of_hands_is_asked_under_the_quorum_announced_and_refusals_wrap_at_words(
    tmp_path,
):
    import io

    from rich.console import Console

    from seminar_cli.session.prompter import AskRequest
    from seminar_cli.session.runner import HeadlessControls, Runner
    from seminar_cli.ui.prompts import QuestionaryPrompter

    writer = bundled_ag(tmp_path)
    for name in ("Hélène Marchand", "Olivier Dumas", "Camille Martin"):
        admit(writer, name, "present")
    admit(writer, "Julien Moreau", "represented", "Olivier Dumas")
    asked: list[AskRequest] = []

    class Tally:
        def ask(self, request: AskRequest) -> object:
            asked.append(request)
            return {"pour": 4}

        def ask_name(self, prompt: object) -> None:
            return None

    writer.record(EventType.segment_started, segment="ouverture")
    runner = Runner(writer, HeadlessControls(), Tally())
    runner.ask_prompts(writer.agenda.segments[1])
    (request,) = asked
    assert request.quorum is not None
    screen = io.StringIO()
    prompter = QuestionaryPrompter(Console(file=screen, width=80))
    prompter._header(request)
    lines = screen.getvalue().splitlines()
    assert "Quorum : 4 présents ou représentés sur 40, 10 requis — non atteint" in lines
    # one person signed in: the band speaks of one, not « 1 présents »
    from seminar_cli.session.assembly import quorum_now
    from seminar_cli.ui.screen import quorum_band

    alone = bundled_ag(tmp_path / "alone")
    admit(alone, "Hélène Marchand", "present")
    assert quorum_band(quorum_now(alone.state)).startswith(
        "Quorum : 1 présent ou représenté sur 40"
    )


def test_a_tally_refused_under_a_question_wraps_at_words_at_80_columns(monkeypatch):
    import io

    from rich.console import Console

    from seminar_cli.i18n import counted, t
    from seminar_cli.ui import console as console_module
    from seminar_cli.ui.live import LiveControls

    screen = io.StringIO()
    monkeypatch.setattr(console_module, "err", lambda: Console(file=screen, width=80))
    message = t(
        "att.refused.tally",
        hands=counted("results.votes", 10),
        voters=counted("att.refused.tally.voters", 4),
        present=3,
        represented=1,
    )
    assert message.startswith("Refusé : 10 voix pour 4 membres présents ou représentés (")
    controls = LiveControls(console=Console(file=io.StringIO(), width=80))
    controls._suspended = True
    controls.notify(None, "answer_rejected", message=message)  # type: ignore[arg-type]
    lines = screen.getvalue().splitlines()
    assert len(lines) == 2 and all(len(line) <= 80 for line in lines)
    # cut between words only: « représentés » stays whole
    assert [word for line in lines for word in line.split()] == message.split()


def test_the_room_screen_never_says_adopted_without_quorum(tmp_path):
    import io

    from rich.console import Console

    from seminar_cli.session.prompter import AskRequest
    from seminar_cli.session.runner import HeadlessControls, Runner
    from seminar_cli.ui.live import LiveControls

    class Tally:
        def ask(self, request: AskRequest) -> object:
            return {"pour": 3}

        def ask_name(self, prompt: object) -> None:
            return None

    def shown(writer: SessionWriter) -> str:
        writer.record(EventType.segment_started, segment="ouverture")
        Runner(writer, HeadlessControls(), Tally()).ask_prompts(writer.agenda.segments[1])
        controls = LiveControls(console=Console(file=io.StringIO(), width=80))
        prompt = writer.agenda.segments[1].prompts[0]
        controls._show_results(Runner(writer, controls), prompt)
        screen = io.StringIO()
        Console(file=screen, width=80).print(controls.results[-1][0])
        return screen.getvalue()

    few = bundled_ag(tmp_path / "few")  # 3 of 40 signed in, 10 required
    for name in ("Hélène Marchand", "Olivier Dumas", "Camille Martin"):
        admit(few, name, "present")
    text = shown(few)
    assert "Non adoptée : quorum non atteint" in text and "Résolution adoptée" not in text
    enough = bundled_ag(tmp_path / "enough")
    enough.record(EventType.attendance_counts, present=12, represented=0)
    assert "Résolution adoptée" in shown(enough)


def test_a_command_in_an_agenda_text_is_shown_without_its_backticks_at_80x24(tmp_path):
    from seminar_cli.ui.screen import view_from_state
    from tests.live_helpers import frame

    writer = bundled_ag(tmp_path)
    writer.record(EventType.segment_started, segment="elections")
    text = frame(view_from_state(writer.state, writer.clock.now()), 80, 24)
    assert "seminar join" in text  # the segment's description names the command
    assert "`" not in text


def test_key_a_finds_a_member_by_a_few_letters_and_shows_everyones_real_state(
    tmp_path, monkeypatch
):
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from seminar_cli.ui import setup

    monkeypatch.setenv("COLUMNS", "80")  # what shutil.get_terminal_size reads first
    monkeypatch.setenv("LINES", "24")
    writer = bundled_ag(tmp_path)
    state = writer.state
    people = state.agenda.participants
    assert len(people) == 43
    # before anyone signed in: every member absent, none « présent(e) »
    lines = [setup.person_line(state, p) for p in people]
    assert all(line.endswith("  [absent(e)]") for line in lines)
    # no line longer than what 80 columns leave after « ? Qui ? » and the pointer
    assert max(len(line) for line in lines) <= 80 - setup.CHOICE_MARGIN
    assert any(line.count("…") for line in lines)  # a long organisation gives way, not the state
    admit(writer, "Olivier Dumas", "present")
    admit(writer, "Julien Moreau", "represented", "Olivier Dumas")
    admit(writer, "Camille Martin", "excused")
    state = writer.state
    assert setup.attendance_state_text(state, "Julien Moreau") == "représenté(e) par Olivier Dumas"
    assert setup.attendance_state_text(state, "Camille Martin") == "excusé(e)"
    # the likely action first; leaving is offered only to whoever is present
    assert setup.attendance_actions("absent")[0] == "present"
    assert "left" not in setup.attendance_actions("absent")
    assert setup.attendance_actions("present")[0] == "left"
    with create_pipe_input() as typed, create_app_session(input=typed, output=DummyOutput()):
        typed.send_text("heLENE\r")  # accents and case ignored
        typed.send_text("\r")  # the one match, Hélène Marchand
        typed.send_text("\r")  # absent: « arrivé(e) : présent(e) » comes first
        change = setup.ask_attendance_change(state)
    assert change == ("Hélène Marchand", "present", None)


def test_the_desk_at_80_columns_lists_people_with_their_state_in_french(tmp_path):
    import pexpect

    from tests.session_helpers import spawn_seminar

    writer = bundled_ag(tmp_path)
    admit(writer, "Olivier Dumas", "present")
    desk = spawn_seminar(tmp_path, "--lang", "fr", "attendance", dimensions=(24, 80))
    try:
        desk.expect("Nom \\(quelques lettres")
        desk.expect_exact("\x1b[?25h")  # the question is drawn and reads keys
        desk.send("o\r")
        desk.expect("tapez plus de lettres")
        listed = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", desk.before)
        assert "Qui ? (↑↓ puis Entrée)" in listed
        assert "Olivier Dumas — Institut des coopérations territoriales  [présent(e)]" in listed
        assert "Nathalie Roux — Groupe Ardent  [absent(e)]" in listed
        assert "Use arrow keys" not in listed
        desk.send("\r")  # Olivier Dumas
        desk.expect("excusé")
        asked = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", desk.before)
        assert "Olivier Dumas [présent(e)] : (↑↓ puis Entrée)" in asked
        desk.send("\x03")  # no status given: back to the name
        desk.expect("Nom \\(quelques lettres")
        desk.expect_exact("\x1b[?25h")
        desk.send("\r")  # an empty name ends the desk
        desk.expect(pexpect.EOF)
        desk.close()
        assert desk.exitstatus == 0
    finally:
        desk.close(force=True)


ROLL_CALL = """\
title: Conseil
participants:
  - name: Ana Lopez
  - name: Denis Faure
  - name: Emma Vidal
assembly:
  quorum: 0.5
segments:
  - id: vote
    title: Vote
    duration: 10m
    prompts:
      - id: budget
        question: Budget
        type: vote
        who: open
"""


def test_a_roll_call_answer_in_the_members_name_keeps_their_proxy(tmp_path):
    from seminar_cli.errors import SessionError
    from tests.live_helpers import open_writer

    writer = open_writer(tmp_path, ROLL_CALL)
    admit(writer, "Denis Faure", "represented", "Ana Lopez")
    writer.record(EventType.segment_started, segment="vote")
    writer.record(EventType.prompt_opened, prompt="budget", segment="vote")
    writer.record(EventType.answer_given, prompt="budget", participant="Denis Faure", value="pour")
    with pytest.raises(SessionError) as refused:
        admit(writer, "Denis Faure", "represented", "Emma Vidal")
    assert refused.value.message() == (
        "Refusé : un bulletin a déjà été déposé pour Denis Faure dans le vote « Budget » ; son "
        "pouvoir reste à Ana Lopez jusqu'à la clôture de ce vote."
    )
    writer.record(EventType.prompt_closed, prompt="budget")
    assert admit(writer, "Denis Faure", "represented", "Emma Vidal").represented_by == "Emma Vidal"


def test_join_refuses_a_member_code_that_is_not_the_named_members_or_nobodys(tmp_path, cli):
    """Found in the AG rehearsal: `join --member-code` with Karim's code under Nathalie's name,
    or a code nobody was given, joined without a word and only said at the ballot « rejoignez
    avec --member-code CODE ».  Now it is refused at once, exit 2, in the user's language."""
    import yaml

    writer = bundled_ag(tmp_path)
    for name in ("Nathalie Roux", "Karim Haddad"):
        admit(writer, name, "present")
    karim = code_of(writer.state, "Karim Haddad")
    nathalie = code_of(writer.state, "Nathalie Roux")
    assert karim and nathalie
    writer.record(EventType.segment_started, segment="elections")
    writer.record(EventType.prompt_opened, prompt=ELECTION, segment="elections")
    answers = tmp_path / "ballot.yaml"
    answers.write_text(yaml.safe_dump({ELECTION: ["Camille Martin"]}), encoding="utf-8")
    join = ("join", writer.session_id, "--no-input", "--answers", str(answers))

    wrong = cli(*join, "--name", "nathalie roux", "--member-code", karim)
    assert wrong.code == 2, wrong.err
    assert "Ce code personnel n'est pas celui de Nathalie Roux" in wrong.err
    unknown = cli(*join, "--name", "Nathalie Roux", "--member-code", "ZZZZZZ")
    assert unknown.code == 2, unknown.err
    assert "Le code personnel « ZZZZZZ » n'a été donné à aucun membre de cette séance" in (
        unknown.err
    )
    english = cli("--lang", "en", *join, "--member-code", "zzzzzz")
    assert english.code == 2, english.err
    assert "The personal code 'zzzzzz' was given to no member of this session" in english.err
    english = cli("--lang", "en", *join, "--name", "Nathalie Roux", "--member-code", karim)
    assert english.code == 2 and "This personal code is not Nathalie Roux's" in english.err
    writer.sync()
    assert not writer.has_voted(ELECTION, "Nathalie Roux")
    assert not writer.has_voted(ELECTION, "Karim Haddad")

    # her own code, with or without her name (the code names her, as on the phones), votes
    mine = cli(*join, "--member-code", nathalie.lower())
    assert mine.code == 0, mine.err
    writer.sync()
    assert writer.has_voted(ELECTION, "Nathalie Roux")


def _desk(writer: SessionWriter, keys: str, monkeypatch) -> None:
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from seminar_cli.ui import console
    from seminar_cli.ui.desk import run_desk

    monkeypatch.setattr(console, "has_terminal", lambda: True)
    with create_pipe_input() as pipe:
        pipe.send_text(keys)
        with create_app_session(input=pipe, output=DummyOutput()):
            run_desk(writer)


def test_the_desk_survives_an_enter_after_a_miss_and_restarts_where_it_stands(
    tmp_path, monkeypatch, capsys
):
    """Found in the AG rehearsal: a second Enter after « Personne ne correspond » closed the
    desk, and a desk restarted did not say the attendance already recorded."""
    writer = bundled_ag(tmp_path)
    # a name nobody has, Enter (the message seen), then Hélène signed in, then Enter alone
    _desk(writer, "Zorglub\r\rMarchand\r\r\r", monkeypatch)
    said = capsys.readouterr().err
    assert "Personne ne correspond à « Zorglub »." in said
    assert "L'accueil reste ouvert : Entrée seule encore une fois pour le fermer." in said
    writer.sync()
    assert writer.state.status_of("Hélène Marchand") == "present"
    assert "Émargement enregistré jusqu'ici" not in said  # nobody was signed in then

    record_attendance(writer, "Julien Moreau", "represented", "Hélène Marchand")
    _desk(writer, "\r", monkeypatch)  # restarted, then closed at once
    said = capsys.readouterr().err
    assert "Émargement enregistré jusqu'ici — présents : 1 · représentés : 1 · excusés : 0" in said
    assert "Quorum : 2 présents ou représentés" in said


def test_attendance_help_gives_one_example_a_line(tmp_path):
    shown = seminar(tmp_path, "attendance", "--help")
    lines = shown.stdout.splitlines()
    assert '    seminar attendance --present-name "Hélène Marchand"' in lines
    assert "    seminar attendance --codes" in lines
