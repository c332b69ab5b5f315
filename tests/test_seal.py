"""Sealed minutes (#15, PRODUCT §7 and §9 "Seal"): the hash chain over each session's events,
``seminar verify [--expect]``, ``seminar seal`` and errata.  The CLI runs as a real process;
journals are altered by hand with sqlite3 in a separate process, as someone would."""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seminar_cli.journal.chain import GENESIS, canonical_text, link, pending_link
from seminar_cli.journal.store import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION, Journal
from tests.conftest import seminar_cmd, subprocess_env
from tests.minutes_helpers import run_headless
from tests.session_helpers import run_seminar as seminar

HASH = re.compile(r"\b[0-9a-f]{64}\b")


def by_hand(tmp_path: Path, *statements: str) -> None:
    """Alter the journal with sqlite3 in another process, as a person with the file would."""
    script = (
        "import sqlite3, sys\n"
        "db = sqlite3.connect(sys.argv[1])\n"
        "for statement in sys.argv[2:]:\n"
        "    db.execute(statement)\n"
        "db.commit()\n"
    )
    subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "journal.sqlite3"), *statements],
        check=True,
        timeout=60,
    )


@pytest.fixture
def closed_session(tmp_path: Path) -> str:
    """The bundled assembly run to its end (closed), its journal closed again."""
    rec = run_headless(tmp_path, "assemblee-generale")
    session_id = rec.session_id
    rec.journal.close()
    return session_id


def event_row(tmp_path: Path, session_id: str, seq: int) -> tuple[str, str]:
    with sqlite3.connect(tmp_path / "journal.sqlite3") as db:
        row = db.execute(
            "SELECT type, at FROM events WHERE session_id = ? AND seq = ?", (session_id, seq)
        ).fetchone()
    return row[0], row[1]


# -- the chain ----------------------------------------------------------------------------------
def test_each_event_hash_follows_the_documented_canonical_text(tmp_path: Path) -> None:
    """Anyone can recompute the chain from the rows with the rule docs/architecture.md gives."""
    rec = run_headless(tmp_path, "team-retrospective")
    rows = rec.journal._db.execute(
        "SELECT seq, type, at, payload, ref, hash FROM events WHERE session_id = ? ORDER BY seq",
        (rec.session_id,),
    ).fetchall()
    previous = GENESIS
    for seq, type_, at, payload, ref, stored in rows:
        text = json.dumps(
            {
                "at": at,
                "payload": json.loads(payload),
                "ref": ref,
                "seq": seq,
                "session": rec.session_id,
                "type": type_,
            },
            sort_keys=True,
            ensure_ascii=False,
            separators=(",", ":"),
        ).encode("utf-8")
        assert text == canonical_text(rec.session_id, seq, type_, at, json.loads(payload), ref)
        previous = link(previous, text)
        assert stored == previous
    assert len(rows) > 20


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(
    session_id=st.text(min_size=1),
    type_=st.text(min_size=1),
    at=st.text(),
    # payload keys that also name the record's own keys must not confuse the split
    payload=st.dictionaries(st.sampled_from(["seq", "session", "type", "ref"]) | st.text(), _JSON),
    ref=st.none() | st.text(),
    seq=st.integers(min_value=1, max_value=10**12),
)
def test_the_text_prepared_before_the_writers_turn_is_the_canonical_text(
    session_id: str, type_: str, at: str, payload: dict[str, object], ref: str | None, seq: int
) -> None:
    """A writer encodes its event before its turn and adds only the position inside: the
    bytes hashed are exactly the documented canonical text of the stored row."""
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    prepared = pending_link(session_id, type_, at, text, ref).canonical(seq)
    assert prepared == canonical_text(session_id, seq, type_, at, json.loads(text), ref)


def test_batches_of_anonymous_answers_are_chained_too(journal_location: Path | str) -> None:
    from seminar_cli.journal.events import EventType

    journal = Journal.open(journal_location)
    journal.create_session(
        "s",
        created_at=__import__("datetime").datetime(2026, 11, 26, 14).astimezone(),
        title="T",
        agenda_name="a",
        agenda_json="{}",
        language="fr",
        rehearsal=False,
    )
    at = __import__("datetime").datetime(2026, 11, 26, 14, 5).astimezone()
    journal.append("s", EventType.prompt_opened, {"prompt": "p"}, at)
    from seminar_cli.journal import sealing

    journal.publish_key("s", sealing.new_key(), at)  # this process runs the session
    for number in range(12):
        journal.append_anonymous(
            "s",
            "p",
            "pour",
            f"P{number}",
            after_seq=0,
            accept=lambda fresh: True,
            holder_alive=lambda holder: True,
        )
    assert journal.drain_anonymous("s", at) == 5  # the runner's batch of five (and markers)
    journal.append_many("s", [(EventType.note, {"text": "x"})], at)
    journal.append("s", EventType.prompt_closed, {"prompt": "p"}, at)
    from seminar_cli.journal.chain import check_chain

    check = check_chain("s", journal.chain("s"))
    assert check.broken is None
    assert check.events == journal.count_events("s") == 1 + 5 + 1 + 1 + 7 + 12
    journal.close()


def test_a_payload_changed_by_hand_on_postgresql_is_named(
    tmp_path: Path, postgres_url: str
) -> None:
    """The same chain on a PostgreSQL journal: a row altered with psycopg is found."""
    import psycopg

    env = {"SEMINAR_DB": postgres_url}
    started = seminar(tmp_path, "start", "--no-input", "--speed", "10000", **env)
    assert started.returncode == 0, started.stderr
    intact = seminar(tmp_path, "verify", **env)
    assert intact.returncode == 0 and "chaîne intacte" in intact.stdout
    with psycopg.connect(postgres_url, autocommit=True) as db:
        (type_,) = db.execute("SELECT type FROM events WHERE seq = 12").fetchone() or ("",)
        db.execute(
            "UPDATE events SET payload = (payload::jsonb || '{\"forged\": 1}')::text WHERE seq = 12"
        )
    result = seminar(tmp_path, "verify", **env)
    assert result.returncode == 1
    assert f"la chaîne est rompue à l'événement n° 12 ({type_}, " in result.stderr


# -- verify ---------------------------------------------------------------------------------------
def test_verify_says_intact_with_the_last_hash_in_both_languages(
    tmp_path: Path, closed_session: str
) -> None:
    result = seminar(tmp_path, "verify", closed_session)
    assert result.returncode == 0, result.stderr
    with Journal.open(tmp_path / "journal.sqlite3") as journal:
        last = journal.hash_at(closed_session, journal.last_seq(closed_session))
        count = journal.count_events(closed_session)
    assert result.stdout == (
        f"Séance {closed_session} : chaîne intacte, {count} événements. "
        f"Dernière empreinte : {last}\n"
    )
    english = seminar(tmp_path, "verify", closed_session, "--expect", str(last), lang="en")
    assert english.returncode == 0, english.stderr
    assert english.stdout.splitlines() == [
        f"Session {closed_session}: chain intact, {count} events. Last hash: {last}",
        "It ends at the expected hash.",
    ]


def test_verify_works_on_a_read_only_journal(tmp_path: Path, closed_session: str) -> None:
    folder = tmp_path / "archive"
    folder.mkdir()
    (tmp_path / "journal.sqlite3").rename(folder / "journal.sqlite3")
    for companion in tmp_path.glob("journal.sqlite3-*"):
        companion.unlink()
    (folder / "journal.sqlite3").chmod(0o400)
    folder.chmod(0o500)
    try:
        result = subprocess.run(
            [*seminar_cmd(), "--db", str(folder / "journal.sqlite3"), "verify", closed_session],
            env=subprocess_env(tmp_path),
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        folder.chmod(0o700)
    assert result.returncode == 0, result.stderr
    assert "chaîne intacte" in result.stdout


def test_a_payload_changed_by_hand_is_named(tmp_path: Path, closed_session: str) -> None:
    type_, _at = event_row(tmp_path, closed_session, 12)
    by_hand(
        tmp_path,
        "UPDATE events SET payload = json_set(payload, '$.forged', 1)"
        f" WHERE session_id = '{closed_session}' AND seq = 12",
    )
    result = seminar(tmp_path, "verify", closed_session)
    assert result.returncode == 1
    assert result.stdout == ""
    assert f"la chaîne est rompue à l'événement n° 12 ({type_}, " in result.stderr
    assert "modifié, déplacé ou ajouté hors de seminar" in result.stderr


def test_a_deleted_event_is_named_as_missing(tmp_path: Path, closed_session: str) -> None:
    type_, _at = event_row(tmp_path, closed_session, 8)
    by_hand(tmp_path, f"DELETE FROM events WHERE session_id = '{closed_session}' AND seq = 7")
    result = seminar(tmp_path, "verify", closed_session, lang="en")
    assert result.returncode == 1
    assert f"event no. 7 is missing before event no. 8 ({type_}, " in result.stderr


def test_two_events_swapped_are_named(tmp_path: Path, closed_session: str) -> None:
    where = f"session_id = '{closed_session}'"
    by_hand(
        tmp_path,
        f"UPDATE events SET seq = -1 WHERE {where} AND seq = 10",
        f"UPDATE events SET seq = 10 WHERE {where} AND seq = 11",
        f"UPDATE events SET seq = 11 WHERE {where} AND seq = -1",
    )
    type_, _at = event_row(tmp_path, closed_session, 10)
    result = seminar(tmp_path, "verify", closed_session)
    assert result.returncode == 1
    assert f"rompue à l'événement n° 10 ({type_}, " in result.stderr


def test_expect_catches_a_truncated_journal(tmp_path: Path, closed_session: str) -> None:
    printed = HASH.findall(seminar(tmp_path, "verify", closed_session).stdout)[-1]
    by_hand(
        tmp_path,
        f"DELETE FROM events WHERE session_id = '{closed_session}'"
        f" AND seq > (SELECT MAX(seq) - 3 FROM events WHERE session_id = '{closed_session}')",
    )
    alone = seminar(tmp_path, "verify", closed_session)
    assert alone.returncode == 0  # what is left holds together: only --expect can tell
    result = seminar(tmp_path, "verify", closed_session, "--expect", printed.upper())
    assert result.returncode == 1
    assert f"ne se termine pas par l'empreinte attendue {printed}" in result.stderr
    assert "tronqué ou recalculé" in result.stderr


def test_expect_says_where_the_chain_went_on_after_the_hash(
    tmp_path: Path, closed_session: str
) -> None:
    printed = HASH.findall(seminar(tmp_path, "verify", closed_session).stdout)[-1]
    assert seminar(tmp_path, "note", "--session", closed_session, "Ajout").returncode == 0
    result = seminar(tmp_path, "verify", closed_session, "--expect", printed)
    assert result.returncode == 1
    assert "puis 1 événement a été enregistré après" in result.stderr


def test_expect_that_is_not_a_hash_is_a_usage_error(tmp_path: Path, closed_session: str) -> None:
    result = seminar(tmp_path, "verify", closed_session, "--expect", "12ab")
    assert result.returncode == 2
    assert "« 12ab » n'est pas une empreinte" in result.stderr


# -- migration ------------------------------------------------------------------------------------
def test_a_journal_of_the_previous_version_is_chained_when_opened(tmp_path: Path) -> None:
    """A journal as the previous version left it (schema 6, no hash column) gets the chain
    computed for every event already there, in order; verify then says intact."""
    rec = run_headless(tmp_path, "team-retrospective")
    session_id = rec.session_id
    rows = rec.journal._db.execute(
        "SELECT session_id, seq, type, at, payload, ref FROM events ORDER BY session_id, seq"
    ).fetchall()
    agenda = rec.journal._db.execute("SELECT * FROM sessions").fetchall()
    rec.journal.close()
    old_path = tmp_path / "old.sqlite3"
    old = sqlite3.connect(old_path, isolation_level=None)
    old.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    for number in range(6):  # the schema the previous version wrote
        MIGRATIONS[number](old)
    old.execute("PRAGMA user_version = 6")
    old.executemany("INSERT INTO sessions VALUES (?, ?, ?, ?, ?, ?, ?, ?)", agenda)
    old.executemany(
        "INSERT INTO events (session_id, seq, type, at, payload, ref) VALUES (?, ?, ?, ?, ?, ?)",
        rows,
    )
    old.close()
    result = subprocess.run(
        [*seminar_cmd(), "--db", str(old_path), "verify", session_id],
        env=subprocess_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert f"chain intact, {len(rows)} events" in result.stdout  # the agenda's language
    with sqlite3.connect(old_path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert db.execute("SELECT COUNT(*) FROM events WHERE hash IS NULL").fetchone()[0] == 0
    # the same events chained on the fly and by the migration give the same last hash
    fresh = HASH.findall(seminar(tmp_path, "verify", session_id).stdout)[-1]
    assert HASH.findall(result.stdout)[-1] == fresh


# -- seal and errata --------------------------------------------------------------------------------
def test_sealing_an_open_session_is_refused(tmp_path: Path) -> None:
    from tests.minutes_helpers import open_recorded

    rec = open_recorded(tmp_path, "assemblee-generale")
    rec.journal.close()
    result = seminar(tmp_path, "seal", rec.session_id)
    assert result.returncode == 1
    assert f"La séance {rec.session_id} n'est pas close" in result.stderr
    with Journal.open(tmp_path / "journal.sqlite3") as journal:
        assert journal.count_events(rec.session_id, "session_sealed") == 0


def test_seal_then_a_note_is_refused_and_an_erratum_is_given_apart(
    tmp_path: Path, closed_session: str
) -> None:
    sid = closed_session
    sealed = seminar(tmp_path, "seal", sid)
    assert sealed.returncode == 0, sealed.stderr
    seal_hash = HASH.findall(sealed.stdout)[0]
    assert f"Séance {sid} scellée le " in sealed.stdout
    assert f"seminar verify {sid} --expect {seal_hash}" in sealed.stdout

    again = seminar(tmp_path, "seal", sid)
    assert again.returncode == 1
    assert f"La séance {sid} est déjà scellée, depuis le " in again.stderr

    refused = seminar(tmp_path, "note", "--session", sid, "Oubli")
    assert refused.returncode == 1
    assert "est scellée depuis le" in refused.stderr and "--erratum" in refused.stderr
    refused = seminar(tmp_path, "action", "--session", sid, "X", "--owner", "Inès")
    assert refused.returncode == 1

    erratum = seminar(
        tmp_path, "decision", "--session", sid, "--segment", "rapport-moral", "--erratum",
        "Lire 42 voix pour, non 24",
    )  # fmt: skip
    assert erratum.returncode == 0, erratum.stderr
    assert "Enregistré comme erratum" in erratum.stderr

    verified = seminar(tmp_path, "verify", sid)
    assert verified.returncode == 0, verified.stderr
    assert "Scellée le " in verified.stdout
    assert f"à l'empreinte {seal_hash} ; 1 erratum depuis." in verified.stdout

    as_json = json.loads(seminar(tmp_path, "export", sid, "--format", "json", "-o", "-").stdout)
    head = HASH.findall(verified.stdout)[0]
    assert as_json["seal"]["sealed_hash"] == seal_hash
    assert as_json["seal"]["chain_hash"] == head
    assert [(e["kind"], e["text"], e["segment"]) for e in as_json["seal"]["errata"]] == [
        ("decision", "Lire 42 voix pour, non 24", "rapport-moral")
    ]
    decisions = [d["text"] for s in as_json["segments"] for d in s["decisions"]]
    assert "Lire 42 voix pour, non 24" not in decisions  # apart, not in the sealed text

    markdown = seminar(tmp_path, "export", sid, "--kind", "pv", "--format", "md", "-o", "-")
    assert markdown.returncode == 0, markdown.stderr
    text = markdown.stdout
    errata = text.index("## Errata")
    assert text.index("Lire 42 voix pour, non 24") > errata > text.index("## Clôture")
    assert "Procès-verbal scellé le " in text and f"à l'empreinte {seal_hash}." in text
    assert f"seminar verify {sid} --expect {head}" in text


def test_an_erratum_before_the_seal_is_refused(tmp_path: Path, closed_session: str) -> None:
    result = seminar(tmp_path, "note", "--session", closed_session, "--erratum", "Trop tôt")
    assert result.returncode == 1
    assert f"La séance {closed_session} n'est pas scellée" in result.stderr


@pytest.mark.parametrize("fmt", ["html", "docx"])
def test_every_format_prints_the_hash_and_how_to_check_it(
    tmp_path: Path, closed_session: str, fmt: str
) -> None:
    out = tmp_path / f"pv.{fmt}"
    result = seminar(
        tmp_path, "export", closed_session, "--kind", "pv", "--format", fmt, "-o", str(out)
    )
    assert result.returncode == 0, result.stderr
    head = HASH.findall(seminar(tmp_path, "verify", closed_session).stdout)[0]
    if fmt == "docx":
        import docx

        text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    else:
        text = out.read_text(encoding="utf-8")
    assert f"seminar verify {closed_session} --expect {head}" in text


def test_the_seal_is_dated_by_the_wall_clock_not_by_a_rehearsals(tmp_path: Path) -> None:
    """A rehearsal's clock runs ahead of the wall (here three days): the seal says when the
    secretary sealed, on the wall clock, in the terminal, the PV and the JSON."""
    from datetime import datetime, timedelta

    from seminar_cli.minutes.exporters.text import Formatter
    from seminar_cli.timer import local_now

    ahead = (local_now() + timedelta(days=3)).replace(microsecond=0)
    rec = run_headless(tmp_path, "assemblee-generale", start=ahead, rehearsal=True, speed=600)
    sid = rec.session_id
    rec.journal.close()
    before = local_now().replace(microsecond=0)
    sealed = seminar(tmp_path, "seal", sid)
    after = local_now()
    assert sealed.returncode == 0, sealed.stderr

    def day(moment: datetime) -> str:
        return Formatter("fr").day(moment).replace("\u00a0", " ")

    days = {day(before), day(after)}
    assert any(f"scellée le {day}" in sealed.stdout.replace("\u00a0", " ") for day in days)
    assert day(ahead) not in sealed.stdout
    pv = seminar(tmp_path, "export", sid, "--kind", "pv", "--format", "md", "-o", "-").stdout
    seal_line = next(line for line in pv.splitlines() if "Procès-verbal scellé le" in line)
    assert any(day in seal_line.replace("\u00a0", " ") for day in days)
    data = json.loads(seminar(tmp_path, "export", sid, "--format", "json", "-o", "-").stdout)
    assert before <= datetime.fromisoformat(data["seal"]["sealed_at"]) <= after
    # the refusals after the seal give the same wall-clock moment, not the rehearsal's
    for args in (["attendance", sid, "--present", "3"], ["resume", sid]):
        refused = seminar(tmp_path, *args)
        assert refused.returncode == 1, refused.stderr
        said = " ".join(refused.stderr.replace("\u00a0", " ").split())
        assert any(f"depuis le {day}" in said for day in days), said
        assert day(ahead) not in said
    assert data["session"]["ended_at"] > data["seal"]["sealed_at"]  # the rehearsal's clock
