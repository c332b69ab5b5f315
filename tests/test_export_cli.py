"""``seminar export``: file names, refusal to overwrite, stdout, drafts, errors."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import zipfile
from io import BytesIO
from pathlib import Path

import yaml
from docx import Document

from seminar_cli.journal.events import EventType
from tests.conftest import seminar_cmd, subprocess_env
from tests.minutes_helpers import AG_ANSWERS, SEMINAR_ANSWERS, open_recorded, run_headless, seen


def test_export_writes_a_file_named_after_the_session(cli, tmp_path):
    rec = run_headless(tmp_path, answers=SEMINAR_ANSWERS)
    result = cli("export", "--format", "html")
    target = tmp_path / f"{rec.session_id}-compte-rendu.html"
    assert result.code == 0, result.err
    assert result.out == ""
    assert (
        f"Compte rendu de la séance {rec.session_id} écrit dans {target.name} (html)." in result.err
    )
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "Co-construisons demain" in page
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp file left
    markdown = cli("export", rec.session_id[:12])
    assert markdown.code == 0
    assert (
        (tmp_path / f"{rec.session_id}-compte-rendu.md")
        .read_text(encoding="utf-8")
        .startswith("# Co-construisons demain")
    )


def test_export_refuses_to_overwrite_without_force(cli, tmp_path):
    run_headless(tmp_path, answers=SEMINAR_ANSWERS)
    target = tmp_path / "cr.md"
    target.write_text("mes notes à moi", encoding="utf-8")
    refused = cli("export", "--output", str(target))
    assert refused.code == 1
    assert "existe déjà : rien n'a été écrit" in refused.err and "--force" in refused.err
    assert target.read_text(encoding="utf-8") == "mes notes à moi"
    forced = cli("export", "--output", str(target), "--force")
    assert forced.code == 0
    assert target.read_text(encoding="utf-8").startswith("# Co-construisons demain")


def test_export_to_stdout_with_a_dash(cli, tmp_path):
    rec = run_headless(tmp_path, answers=SEMINAR_ANSWERS)
    result = cli("export", "--format", "json", "--output", "-")
    assert result.code == 0
    data = json.loads(result.out)
    assert data["format"] == "seminar-minutes/1" and data["session"]["id"] == rec.session_id
    alone = cli("export", "-", "--format", "csv")
    assert alone.code == 0
    assert alone.out.startswith("\ufeffsession;segment;prompt;")  # French: Excel splits on ;
    rows = list(csv.reader(io.StringIO(alone.out[1:]), delimiter=";"))
    # multi-line answers stay in one quoted cell; a multi's picks are rows of one answer
    assert len({(r[2], r[5]) for r in rows[1:]}) == 43
    assert list(tmp_path.glob("*.csv")) == []


def test_docx_goes_to_stdout_only_when_it_is_not_a_terminal(cli, tmp_path, monkeypatch):
    run_headless(tmp_path, answers=SEMINAR_ANSWERS)
    done = subprocess.run(
        [*seminar_cmd(), "export", "--format", "docx", "-o", "-"],
        capture_output=True,
        env=subprocess_env(tmp_path),
        cwd=tmp_path,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert zipfile.is_zipfile(BytesIO(done.stdout))
    assert Document(BytesIO(done.stdout)).paragraphs[1].text == "Co-construisons demain"
    from seminar_cli.cli import cmd_export

    monkeypatch.setattr(cmd_export, "_stdout_is_terminal", lambda: True)
    refused = cli("export", "--format", "docx", "-o", "-")
    assert refused.code == 1
    assert "ne s'affiche pas dans un terminal" in refused.err


def test_export_during_a_live_session_is_a_draft(cli, tmp_path):
    rec = open_recorded(tmp_path)
    rec.writer.record(EventType.segment_started, segment="accueil")
    rec.clock.advance(300)
    rec.writer.record(EventType.note, segment="accueil", text="Café en retard")
    rec.writer.heartbeat()
    result = cli("export", "-o", "-")
    assert result.code == 0
    out = seen(result.out)
    assert "PROJET — séance en cours : document provisoire" in out
    assert "Café en retard" in out
    assert "en cours depuis 14 h (5 min)" in out
    assert "ce document est un projet" in result.err
    data = json.loads(cli("export", "--format", "json", "-o", "-").out)
    assert data["session"]["draft"] is True and data["session"]["ended_at"] is None


def test_the_pv_of_an_assembly(cli, tmp_path):
    rec = run_headless(tmp_path, "assemblee-generale", AG_ANSWERS)
    result = cli("export", "--kind", "pv", "--format", "docx")
    assert result.code == 0, result.err
    target = tmp_path / f"{rec.session_id}-pv.docx"
    document = Document(str(target))
    assert document.paragraphs[1].text == "Procès-verbal de l'assemblée générale ordinaire"
    assert "Procès-verbal de la séance" in result.err


def test_usage_and_user_errors(cli, tmp_path):
    run_headless(tmp_path)
    bad_format = cli("export", "--format", "pdf")
    assert bad_format.code == 2 and "md, html, docx, json, csv" in bad_format.err
    bad_kind = cli("export", "--kind", "verbatim")
    assert bad_kind.code == 2 and "compte-rendu ou pv" in bad_kind.err
    not_an_ag = cli("export", "--kind", "pv")
    assert not_an_ag.code == 1 and "n'est pas une assemblée générale" in not_an_ag.err
    unknown = cli("export", "zzz")
    assert unknown.code == 1 and "Séance inconnue" in unknown.err
    no_folder = cli("export", "-o", str(tmp_path / "absent" / "cr.md"))
    assert no_folder.code == 1 and "n'existe pas" in no_folder.err
    for result in (bad_format, bad_kind, not_an_ag, unknown, no_folder):
        assert "Traceback" not in result.err


def test_no_journal_yet(cli, tmp_path):
    result = cli("export")
    assert result.code == 1 and "Traceback" not in result.err


def test_an_english_session_talks_english(cli, tmp_path):
    rec = run_headless(tmp_path, "team-retrospective")
    result = cli("export", "--format", "md")
    assert result.code == 0
    assert f"Minutes of session {rec.session_id} written to" in result.err
    text = Path(tmp_path / f"{rec.session_id}-compte-rendu.md").read_text(encoding="utf-8")
    assert "## Schedule: planned and actual" in text


def test_help_has_examples(cli):
    result = cli("export", "--help")
    assert result.code == 0
    assert "Exemples" in result.out and "--kind pv" in result.out and "--force" in result.out
    english = cli("--lang", "en", "export", "--help")
    assert "Examples" in english.out


def test_after_a_real_headless_start(cli, tmp_path):
    answers = tmp_path / "answers.yaml"
    answers.write_text(yaml.safe_dump(AG_ANSWERS, allow_unicode=True), encoding="utf-8")
    started = cli(
        "start", "assemblee-generale", "--no-input", "--answers", str(answers), "--speed", "10000"
    )
    assert started.code == 0, started.err
    result = cli("export", "--kind", "pv", "--format", "md", "-o", "-")
    assert result.code == 0
    assert "Répétition (horloge accélérée × 10" in result.out
    assert "Première résolution" in result.out
    assert "Cette résolution est adoptée à l'unanimité." in result.out
