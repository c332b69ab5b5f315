"""The DOCX procès-verbal keeps its signature block on one page (the AG rehearsal's defect 4:
titles at the foot of page 5, names and lines on page 6). Checked in LibreOffice (DOCX → PDF →
pdftotext) on the rehearsal's PV padded until the block met a page's end; here, the document's
own instructions a word processor follows: the signatures' row cannot split, each of its lines
keeps with the next, and the closing and « Fait à … » keep with it."""

from __future__ import annotations

import io

from docx import Document
from docx.oxml.ns import qn

from tests import test_pv
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
