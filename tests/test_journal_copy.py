"""``seminar journal copy SOURCE DEST [--session ID]`` (PRODUCT §8 "Offline laptops", §9
"Streams"): sessions copied between SQLite and PostgreSQL journals either way, idempotently, a
workshop run offline merged into a journal that moved on, a divergence refused and explained."""

from __future__ import annotations

import sqlite3
import stat
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from seminar_cli.journal.chain import check_chain
from seminar_cli.journal.store import Journal
from seminar_cli.paths import is_postgres_url, shown_location
from seminar_cli.session.service import SessionWriter
from tests.conftest import Result
from tests.session_helpers import run_seminar

T0 = datetime(2026, 11, 26, 14, 0).astimezone()

# the bundled retrospective: named and unnamed answers, two anonymous ratings (through the
# sealed pool)
ANSWERS = """\
arriving:
  - {participant: Alex, value: [calme, curieux]}
  - {participant: Sam, value: [fatigué]}
sprint-satisfaction: [4, 3, 5, 2, 4, 5]
went-well:
  - {participant: Alex, value: La démo du jeudi}
keep-sprint-length:
  - {participant: Alex, value: true}
  - {participant: Sam, value: false}
roti: [3, 4, 5, 4, 2]
"""


def row_counts(location: Path | str) -> dict[str, int]:
    """How many rows every table of the journal holds."""
    if is_postgres_url(location):
        import psycopg

        with psycopg.connect(str(location), autocommit=True) as db:
            tables = [
                row[0]
                for row in db.execute(
                    "SELECT table_name FROM information_schema.tables"
                    " WHERE table_schema = current_schema()"
                ).fetchall()
            ]
            return {
                table: int(db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
                for table in sorted(tables)
            }
    with sqlite3.connect(location) as db:
        tables = [
            row[0]
            for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
        ]
        return {
            table: int(db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
            for table in sorted(tables)
        }


def _session(journal: Journal, session_id: str, title: str = "Séminaire") -> None:
    journal.create_session(
        session_id,
        created_at=T0,
        title=title,
        agenda_name="co-construisons-demain",
        agenda_json='{"title": "Séminaire"}',
        language="fr",
        rehearsal=False,
    )


def _note(journal: Journal, session_id: str, text: str, minute: int, stream: str = "") -> None:
    journal.append(
        session_id, "note", {"text": text}, T0 + timedelta(minutes=minute), stream=stream
    )


def _every_stream_holds(location: Path | str, session_id: str) -> dict[str, list[str]]:
    """Each stream's notes, after checking its hash chain from the first event."""
    with Journal.open(location, create=False) as journal:
        texts: dict[str, list[str]] = {}
        for stream in journal.streams(session_id):
            check = check_chain(session_id, journal.chain(session_id, stream), stream)
            assert check.broken is None, (stream, check.broken)
            texts[stream] = [
                str(e.payload.get("text"))
                for e in journal.events(session_id, streams=[stream])
                if e.type == "note"
            ]
        return texts


# -- the "Done means" --------------------------------------------------------------------
def test_a_whole_session_round_trips_sqlite_postgresql_sqlite_with_the_same_json_minutes(
    tmp_path: Path, postgres_url: str
) -> None:
    (tmp_path / "reponses.yaml").write_text(ANSWERS, encoding="utf-8")
    first = tmp_path / "journal.sqlite3"
    started = run_seminar(
        tmp_path,
        "start",
        "team-retrospective",
        "--no-input",
        "--answers",
        "reponses.yaml",
        "--speed",
        "10000",
    )
    assert started.returncode == 0, started.stderr
    for args in (("note", "Une note après la clôture"), ("decision", "On garde deux semaines")):
        assert run_seminar(tmp_path, *args).returncode == 0
    with Journal.open(first, create=False) as journal:
        (session,) = journal.sessions()
        kept = journal.events(session.id)
    assert sum(e.type == "answer_given" and "participant" not in e.payload for e in kept) >= 11
    assert any(e.type == "note" for e in kept)

    last = tmp_path / "retour" / "journal.sqlite3"
    copied = run_seminar(tmp_path, "journal", "copy", str(first), postgres_url)
    assert copied.returncode == 0, copied.stderr
    assert f"Séance {session.id} : ajoutée, {len(kept)} événements copiés" in copied.stdout
    assert shown_location(postgres_url) in copied.stdout
    assert postgres_url not in copied.stdout  # shown without its password (here empty)
    back = run_seminar(tmp_path, "journal", "copy", postgres_url, str(last))
    assert back.returncode == 0, back.stderr
    assert f"(plénière : {len(kept)})" in back.stdout

    minutes = []
    for place, where in enumerate((str(first), postgres_url, str(last))):
        out = tmp_path / f"minutes-{place}.json"
        exported = run_seminar(
            tmp_path, "--db", where, "export", "--format", "json", "-o", str(out)
        )
        assert exported.returncode == 0, exported.stderr
        verified = run_seminar(tmp_path, "--db", where, "verify")
        assert verified.returncode == 0 and "chaîne intacte" in verified.stdout, verified.stderr
        minutes.append(out.read_bytes())
    assert minutes[0] == minutes[1] == minutes[2]
    assert b"La d\xc3\xa9mo du jeudi" in minutes[0]
    # a journal made by the copy is as private as one the tool makes itself
    assert stat.S_IMODE(last.stat().st_mode) == 0o600
    assert stat.S_IMODE(last.parent.stat().st_mode) == 0o700


def _source_with_two_sessions(path: Path) -> None:
    with Journal.open(path) as journal:
        _session(journal, "20261126-seminaire-a1b2")
        _note(journal, "20261126-seminaire-a1b2", "ouverture", 0)
        _note(journal, "20261126-seminaire-a1b2", "jeunes 1", 1, "jeunes")
        _note(journal, "20261126-seminaire-a1b2", "catalyseurs 1", 2, "catalyseurs")
        journal.deliver_unnamed(
            "20261126-seminaire-a1b2",
            "moment",
            "d" * 64,
            [{"prompt": "moment", "value": "Le lancement"}],
            T0 + timedelta(minutes=3),
            shuffle=False,
        )
        journal.append("20261126-seminaire-a1b2", "session_closed", {}, T0 + timedelta(minutes=4))
        _session(journal, "20261127-bilan-c3d4", "Bilan")
        _note(journal, "20261127-bilan-c3d4", "bilan", 0)
        # what belongs to a running station on this laptop, never copied
        journal.heartbeat("20261127-bilan-c3d4", T0, T0)
        journal.join_code("20261127-bilan-c3d4", None, lambda: "ABCD")
        journal.add_token("20261127-bilan-c3d4", "h" * 64, "Inès", "ines", keep=None)


def test_copying_twice_changes_nothing(
    cli: Callable[..., Result], tmp_path: Path, journal_location: Path | str
) -> None:
    source = tmp_path / "portable.sqlite3"
    _source_with_two_sessions(source)
    destination = str(journal_location)
    first = cli("journal", "copy", str(source), destination)
    assert first.code == 0, first.err
    assert first.out.splitlines()[1:] == [
        "Séance 20261126-seminaire-a1b2 : ajoutée, 5 événements copiés "
        "(plénière : 3, atelier catalyseurs : 1, atelier jeunes : 1).",
        "Séance 20261127-bilan-c3d4 : ajoutée, 1 événement copié (plénière : 1).",
    ]
    counts = row_counts(journal_location)
    assert counts["events"] == 6 and counts["sessions"] == 2 and counts["file_deliveries"] == 1
    for table in ("heartbeats", "join_codes", "web_tokens", "anonymous_keys", "anonymous_pool"):
        assert counts[table] == 0, table
    with Journal.open(journal_location, create=False) as journal:
        assert journal.session("20261126-seminaire-a1b2").status == "closed"
        assert journal.session("20261127-bilan-c3d4").status == "open"

    again = cli("journal", "copy", str(source), destination)
    assert again.code == 0, again.err
    assert again.out.splitlines()[1:] == [
        "Séance 20261126-seminaire-a1b2 : déjà à jour.",
        "Séance 20261127-bilan-c3d4 : déjà à jour.",
    ]
    assert row_counts(journal_location) == counts
    # and from the copy back to the source: nothing to do either way
    back = cli("--lang", "en", "journal", "copy", destination, str(source))
    assert back.code == 0, back.err
    assert back.out.splitlines()[1:] == [
        "Session 20261126-seminaire-a1b2: already up to date.",
        "Session 20261127-bilan-c3d4: already up to date.",
    ]


def test_a_diverging_session_is_refused_where_it_diverges_and_nothing_of_it_is_written(
    cli: Callable[..., Result], tmp_path: Path, journal_location: Path | str
) -> None:
    source = tmp_path / "portable.sqlite3"
    _source_with_two_sessions(source)
    assert cli("journal", "copy", str(source), str(journal_location)).code == 0
    session = "20261127-bilan-c3d4"
    # after the common prefix, each journal writes its own second event of the workshop
    with Journal.open(source) as laptop:
        _note(laptop, session, "jeunes, sur le portable", 10, "jeunes")
        _note(laptop, session, "plénière, sur le portable", 11)
    with Journal.open(journal_location) as server:
        _note(server, session, "jeunes, sur le serveur", 12, "jeunes")
        _note(server, "20261126-seminaire-a1b2", "une note plus tard", 13)
    before = row_counts(journal_location)

    refused = cli("journal", "copy", str(source), str(journal_location))
    assert refused.code == 1
    message = " ".join(refused.err.split())
    assert (
        f"Séance {session} : la source et la destination divergent dans l'atelier « jeunes », "
        "à la position 1 : la source y a note (jeudi 26 novembre 2026, 14 h 10), la "
        "destination note (jeudi 26 novembre 2026, 14 h 12)." in message
    )
    assert "rien n'est copié pour elle" in message
    assert "1 séance non copiée" in message
    # the other session was looked at as usual: it is up to date (the server is ahead)
    assert "Séance 20261126-seminaire-a1b2 : déjà à jour." in refused.out
    assert session not in refused.out
    assert row_counts(journal_location) == before  # not even the plenary's new note

    english = cli("--lang", "en", "journal", "copy", str(source), str(journal_location))
    assert english.code == 1
    assert "diverge in workshop 'jeunes', at position 1" in " ".join(english.err.split())
    assert "1 session not copied" in english.err


def test_a_session_of_the_same_id_but_another_title_is_refused(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    source, destination = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3"
    with Journal.open(source) as journal:
        _session(journal, "20261126-seminaire-a1b2", "Séminaire d'automne")
    with Journal.open(destination) as journal:
        _session(journal, "20261126-seminaire-a1b2", "Séminaire d'hiver")
    refused = cli("journal", "copy", str(source), str(destination))
    assert refused.code == 1
    assert (
        "mais ce n'est pas la même (intitulée « Séminaire d'automne » dans la source, "
        "« Séminaire d'hiver » dans la destination)" in " ".join(refused.err.split())
    )


def test_a_workshop_run_offline_merges_into_the_postgresql_journal_that_moved_on(
    cli: Callable[..., Result], tmp_path: Path, postgres_url: str
) -> None:
    session = "20261126-seminaire-a1b2"
    with Journal.open(postgres_url) as server:
        _session(server, session)
        _note(server, session, "ouverture", 0)
        _note(server, session, "les ateliers commencent", 1)
    laptop = tmp_path / "atelier-jeunes.sqlite3"
    # the workshop's laptop takes the session before the network goes
    taken = cli("journal", "copy", postgres_url, str(laptop), "--session", "a1b2")
    assert taken.code == 0, taken.err
    # offline: the workshop writes its stream on the laptop; the plenary goes on on the server
    with Journal.open(laptop) as journal:
        for minute, text in enumerate(("jeunes 1", "jeunes 2", "jeunes 3"), start=2):
            _note(journal, session, text, minute, "jeunes")
    with Journal.open(postgres_url) as server:
        _note(server, session, "plénière pendant les ateliers", 3)
        _note(server, session, "catalyseurs 1", 4, "catalyseurs")

    merged = cli("journal", "copy", str(laptop), postgres_url)
    assert merged.code == 0, merged.err
    assert f"Séance {session} : 3 événements copiés (atelier jeunes : 3)." in merged.out
    assert _every_stream_holds(postgres_url, session) == {
        "": ["ouverture", "les ateliers commencent", "plénière pendant les ateliers"],
        "catalyseurs": ["catalyseurs 1"],
        "jeunes": ["jeunes 1", "jeunes 2", "jeunes 3"],
    }
    assert cli("--db", postgres_url, "verify", session).code == 0
    # and back to the laptop, which now holds the whole day too
    back = cli("journal", "copy", postgres_url, str(laptop))
    assert back.code == 0, back.err
    assert (
        f"Séance {session} : 2 événements copiés (plénière : 1, atelier catalyseurs : 1)."
        in back.out
    )
    assert _every_stream_holds(laptop, session) == _every_stream_holds(postgres_url, session)
    assert cli("journal", "copy", str(laptop), postgres_url).out.endswith("déjà à jour.\n")


# -- what is refused before anything is written --------------------------------------------------
def test_a_broken_chain_in_the_source_is_refused_in_verifys_words(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    source, destination = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3"
    with Journal.open(source) as journal:
        _session(journal, "20261126-seminaire-a1b2")
        _note(journal, "20261126-seminaire-a1b2", "ouverture", 0)
        _note(journal, "20261126-seminaire-a1b2", "jeunes", 1, "jeunes")
        _note(journal, "20261126-seminaire-a1b2", "jeunes encore", 2, "jeunes")
    with sqlite3.connect(source) as db:  # changed by hand, outside seminar
        db.execute('UPDATE events SET payload = \'{"text":"autre"}\' WHERE seq = 3')
    refused = cli("journal", "copy", str(source), str(destination))
    assert refused.code == 1
    message = " ".join(refused.err.split())
    assert "la chaîne de l'atelier « jeunes » ne tient pas dans la source" in message
    assert "la chaîne est rompue à l'événement n° 3 (note," in message
    with Journal.open(destination, create=False) as journal:
        assert journal.sessions() == []


def test_a_missing_source_is_an_error_and_nothing_is_created(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    result = cli("journal", "copy", "absent.sqlite3", "copie.sqlite3")
    assert result.code == 1
    assert "Aucun journal à absent.sqlite3 : il n'y a rien à copier" in result.err
    assert not (tmp_path / "absent.sqlite3").exists()
    assert not (tmp_path / "copie.sqlite3").exists()


def test_a_journal_is_not_copied_onto_itself(cli: Callable[..., Result], tmp_path: Path) -> None:
    _source_with_two_sessions(tmp_path / "a.sqlite3")
    result = cli("--lang", "en", "journal", "copy", "a.sqlite3", str(tmp_path / "a.sqlite3"))
    assert result.code == 2
    assert "The source and the destination are the same journal" in result.err


def test_session_picks_one_session_by_a_part_of_its_id(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    _source_with_two_sessions(tmp_path / "a.sqlite3")
    result = cli("journal", "copy", "a.sqlite3", "b.sqlite3", "--session", "c3d4")
    assert result.code == 0, result.err
    assert result.out.splitlines()[1:] == [
        "Séance 20261127-bilan-c3d4 : ajoutée, 1 événement copié (plénière : 1)."
    ]
    unknown = cli("journal", "copy", "a.sqlite3", "b.sqlite3", "--session", "zzz")
    assert unknown.code == 1 and "zzz" in unknown.err
    with Journal.open(tmp_path / "b.sqlite3", create=False) as journal:
        assert [row.id for row in journal.sessions()] == ["20261127-bilan-c3d4"]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_an_empty_source_says_there_is_nothing_to_copy(
    cli: Callable[..., Result], tmp_path: Path, lang: str
) -> None:
    Journal.open(tmp_path / "vide.sqlite3").close()
    result = cli("--lang", lang, "journal", "copy", "vide.sqlite3", "b.sqlite3")
    assert result.code == 0
    assert (
        result.out.strip()
        == {
            "fr": "Aucune séance dans vide.sqlite3 : rien à copier.",
            "en": "No session in vide.sqlite3: nothing to copy.",
        }[lang]
    )


def test_an_answers_reference_held_by_another_event_is_refused(
    cli: Callable[..., Result], tmp_path: Path, journal_location: Path | str
) -> None:
    session = "20261126-seminaire-a1b2"
    answer = {"prompt": "q", "participant": "Inès", "value": 3, "ref": "answers:q:ines"}
    with Journal.open(journal_location) as server:
        _session(server, session)
        server.append(session, "answer_given", answer, T0, stream="jeunes")
    source = tmp_path / "portable.sqlite3"
    with Journal.open(source) as laptop:
        _session(laptop, session)
        laptop.append(session, "answer_given", answer, T0, stream="catalyseurs")
    before = row_counts(journal_location)
    refused = cli("journal", "copy", str(source), str(journal_location))
    assert refused.code == 1
    assert (
        "l'événement answer_given (jeudi 26 novembre 2026, 14 h) de l'atelier « catalyseurs »,"
        " à la position 1, porte la référence answers:q:ines, que la destination a déjà "
        "enregistrée pour un autre événement" in " ".join(refused.err.split())
    )
    assert row_counts(journal_location) == before


def test_anonymous_answers_still_waiting_in_the_source_are_said_left_behind(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    from seminar_cli.journal import sealing

    source = tmp_path / "portable.sqlite3"
    session = "20261126-seminaire-a1b2"
    with Journal.open(source) as laptop:
        _session(laptop, session)
        _note(laptop, session, "ouverture", 0)
        laptop.publish_key(session, sealing.new_key(), T0, stream="jeunes")
        for name in ("Inès", "Karim"):
            outcome = laptop.append_anonymous(
                session,
                "humeur",
                4,
                name,
                after_seq=0,
                accept=lambda _fresh: True,
                holder_alive=lambda _holder: True,
                stream="jeunes",
            )
            assert outcome == "pending"
    result = cli("journal", "copy", str(source), "b.sqlite3")
    assert result.code == 0, result.err
    assert result.out.splitlines()[1:] == [
        f"Séance {session} : ajoutée, 1 événement copié (plénière : 1).",
        "  2 réponses anonymes attendent encore dans la source et ne sont pas copiées (scellées "
        "pour le poste qui les a reçues, seul à pouvoir les écrire) : que ce poste ferme leur "
        "question (ou finisse sa séquence), puis copiez de nouveau ; sinon elles seront "
        "annulées, et comptées, quand la séance ou l'atelier sera repris.",
    ]
    assert row_counts(tmp_path / "b.sqlite3")["anonymous_pool"] == 0


def _answers(writer: SessionWriter) -> list[tuple[object, ...]]:
    answers = writer.state.answers["jeunes-alliance-vecue"]
    return [(a.participant, a.value, a.at) for a in answers]


def test_a_workshops_runner_writing_offline_merges_and_its_state_folds_the_same(
    cli: Callable[..., Result], tmp_path: Path, postgres_url: str
) -> None:
    """The bundled seminar's « jeunes » workshop, written by its own SessionWriter on a
    laptop's copy while the plenary's writer goes on on the server."""
    from seminar_cli.agenda.loader import load_agenda
    from seminar_cli.journal.events import EventType
    from seminar_cli.session.service import SessionSetup, open_session
    from seminar_cli.timer import FakeClock

    clock = FakeClock(T0)
    with Journal.open(postgres_url) as server:
        session = open_session(server, load_agenda("co-construisons-demain"), SessionSetup(), clock)
        plenary = SessionWriter(server, server.session(session), clock)
        plenary.record(EventType.note, text="Les ateliers commencent")
    laptop = tmp_path / "jeunes.sqlite3"
    assert cli("journal", "copy", postgres_url, str(laptop)).code == 0
    with Journal.open(laptop) as journal:
        workshop = SessionWriter(journal, journal.session(session), clock, stream="jeunes")
        for name, text in (("Inès Benali", "Au lycée"), ("Hugo Lefebvre", "En club")):
            clock.advance(60)
            workshop.record(
                EventType.answer_given, prompt="jeunes-alliance-vecue", participant=name, value=text
            )
        offline = _answers(workshop)
    with Journal.open(postgres_url) as server:
        plenary = SessionWriter(server, server.session(session), clock)
        plenary.record(EventType.note, text="Pendant ce temps, en plénière")

    merged = cli("journal", "copy", str(laptop), postgres_url)
    assert merged.code == 0, merged.err
    assert f"Séance {session} : 2 événements copiés (atelier jeunes : 2)." in merged.out
    with Journal.open(postgres_url) as server:
        row = server.session(session)
        # the same answers (their seq is the server's own: after the plenary's later note)
        assert _answers(SessionWriter(server, row, clock, stream="jeunes")) == offline
        assert [r.text for r in SessionWriter(server, row, clock).state.records] == [
            "Les ateliers commencent",
            "Pendant ce temps, en plénière",
        ]
    assert _every_stream_holds(postgres_url, session).keys() == {"", "jeunes"}


def test_an_answers_files_deliveries_follow_the_copy_and_are_not_given_twice(
    cli: Callable[..., Result], tmp_path: Path, journal_location: Path | str
) -> None:
    session = "20261126-seminaire-a1b2"
    entries = [{"prompt": "moment", "value": v} for v in ("Le lancement", "La fête", "Le bilan")]
    source = tmp_path / "portable.sqlite3"
    with Journal.open(source) as laptop:
        _session(laptop, session)
        laptop.deliver_unnamed(session, "moment", "d" * 64, entries[:2], T0, shuffle=False)
    assert cli("journal", "copy", str(source), str(journal_location)).code == 0
    with Journal.open(source) as laptop:  # the file, grown by one entry, given again
        laptop.deliver_unnamed(session, "moment", "d" * 64, entries, T0, shuffle=False)
    assert cli("journal", "copy", str(source), str(journal_location)).code == 0
    with Journal.open(journal_location) as server:
        assert [(d.digest, d.delivered) for d in server.deliveries(session)] == [("d" * 64, 3)]
        # given on the server now, the same file records nothing again
        assert server.deliver_unnamed(session, "moment", "d" * 64, entries, T0, shuffle=False) == []
        assert server.count_events(session, "answer_given") == 3


def test_a_larger_delivery_count_alone_is_copied_and_said(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    session = "20261126-seminaire-a1b2"
    source, destination = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3"
    with Journal.open(source) as laptop:
        _session(laptop, session)
        entries = [{"prompt": "moment", "value": "Le lancement"}]
        laptop.deliver_unnamed(session, "moment", "d" * 64, entries, T0, shuffle=False)
    assert cli("journal", "copy", str(source), str(destination)).code == 0
    with sqlite3.connect(source) as db:  # as if an entry had been delivered without an event
        db.execute("UPDATE file_deliveries SET delivered = 4")
    result = cli("--lang", "en", "journal", "copy", str(source), str(destination))
    assert result.code == 0, result.err
    assert result.out.splitlines()[1] == (
        f"Session {session}: no event to copy, but its state was brought up to date (closed, or "
        "what answers files have delivered)."
    )
    with Journal.open(destination) as copy:
        assert [d.delivered for d in copy.deliveries(session)] == [4]
