"""The DOCX procès-verbal keeps its signature block on one page (the AG rehearsal's defect 4:
titles at the foot of page 5, names and lines on page 6). Checked in LibreOffice (DOCX → PDF →
pdftotext) on the rehearsal's PV padded until the block met a page's end; here, the document's
own instructions a word processor follows: the signatures' row cannot split, each of its lines
keeps with the next, and the closing and « Fait à … » keep with it."""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest
from docx import Document
from docx.oxml.ns import qn

from tests import test_pv
from tests.conftest import require
from tests.minutes_helpers import AG_ANSWERS, run_headless
from tests.test_pv import render_bytes

ag = test_pv.ag  # the fixture: an assembly run to its close


def test_the_signature_block_cannot_be_split_across_pages(ag):
    document = Document(io.BytesIO(render_bytes(ag.minutes("pv"), "docx")))
    body = document.element.body
    (table,) = [
        t
        for t in document.tables
        if all(c.paragraphs[-1].text == "Signature" for c in t.rows[0].cells)
    ]
    row = table.rows[0]
    assert row._tr.trPr is not None and row._tr.trPr.find(qn("w:cantSplit")) is not None
    for cell in row.cells:
        assert all(p.paragraph_format.keep_with_next for p in cell.paragraphs), cell.text
    # the heading « Clôture », the closing sentence and « Fait à … » go with the signatures
    children = list(body.iterchildren())
    at = children.index(table._tbl)
    before = [c for c in children[:at] if c.tag == qn("w:p")][-3:]
    texts = ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in before]
    assert texts[0] == "Clôture" and texts[2].startswith("Fait à"), texts
    for paragraph in before:
        keep = paragraph.find(qn("w:pPr"))
        assert keep is not None and keep.find(qn("w:keepNext")) is not None, paragraph


WORD_JOINER = "\u2060"


@pytest.fixture(scope="module")
def bundled_pv(tmp_path_factory) -> bytes:  # type: ignore[no-untyped-def]
    """The bundled assembly's PV: two members represented, 9 pt attendance sheet with roles."""
    tmp = tmp_path_factory.mktemp("bundled-docx")
    return render_bytes(run_headless(tmp, "assemblee-generale", AG_ANSWERS).minutes("pv"), "docx")


def _sheet_column(data: bytes) -> tuple[list[str], float]:
    """The attendance sheet's « Présence » cells and the column's width in centimetres."""
    document = Document(io.BytesIO(data))
    table = next(t for t in document.tables if t.rows[0].cells[-1].text == "Signature")
    column = [c.text for c in table.rows[0].cells].index("Présence")
    return [r.cells[column].text for r in table.rows[1:]], table.columns[column].width.cm


def test_the_attendance_sheet_never_breaks_an_inclusive_word_at_its_dot(bundled_pv):
    """The second AG rehearsal: « représenté· / e par » in the DOCX's attendance sheet."""
    cells, width = _sheet_column(bundled_pv)
    represented = [c for c in cells if c.startswith("représenté")]
    assert len(represented) == 2
    for text in represented:
        assert text.startswith(f"représenté{WORD_JOINER}·{WORD_JOINER}e par ")
    assert f"présent{WORD_JOINER}·{WORD_JOINER}e" in cells
    assert not [c for c in cells if "·" in c.replace(f"{WORD_JOINER}·{WORD_JOINER}", "")]
    # wide enough for « représenté·e » whole at 9 pt (2.4 cm broke it inside the word)
    assert width >= 2.8


@pytest.mark.slow
def test_libreoffice_keeps_represente_e_on_one_line(bundled_pv, tmp_path):  # type: ignore[no-untyped-def]
    """What the secretary prints: LibreOffice's PDF of the DOCX (--runslow: ~10 s)."""
    require(bool(shutil.which("soffice") and shutil.which("pdftotext")), "LibreOffice, pdftotext")
    (tmp_path / "pv.docx").write_bytes(bundled_pv)
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(tmp_path / "pv.docx"),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    text = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "pv.pdf"), "-"],
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout.replace(WORD_JOINER, "")
    lines = [line for line in text.splitlines() if "représent" in line and "·" in line]
    assert len([line for line in lines if line.rstrip().endswith("représenté·e")]) == 2, lines
