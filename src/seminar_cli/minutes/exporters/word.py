"""DOCX (python-docx): real headings and tables, for the association's archive.

Opens in Word and LibreOffice.  Text goes in as runs, never as markup, and the control
characters that XML cannot carry are dropped.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from seminar_cli.minutes.exporters.base import Exporter, register
from seminar_cli.minutes.exporters.text import Formatter, printable

if TYPE_CHECKING:
    from seminar_cli.minutes.exporters.view import (
        Answer,
        Entry,
        Labels,
        PersonRow,
        PromptView,
        PvView,
        ReportView,
        ResolutionView,
        Result,
    )
    from seminar_cli.minutes.model import Minutes

ACCENT = (0x1F, 0x4E, 0x79)
MUTED = (0x5B, 0x64, 0x75)
GREEN = (0x2E, 0x7D, 0x32)
RED = (0xC6, 0x28, 0x28)
AMBER = (0x8A, 0x4B, 0x00)
TABLE_STYLE = "Light Grid Accent 1"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
W_P, W_PPR, W_PSTYLE, W_VAL = _W + "p", _W + "pPr", _W + "pStyle", _W + "val"
W_R, W_RPR, W_B, W_I, W_COLOR, W_SZ, W_BR, W_T = (
    _W + "r",
    _W + "rPr",
    _W + "b",
    _W + "i",
    _W + "color",
    _W + "sz",
    _W + "br",
    _W + "t",
)
PAGE_WIDTH_CM = 17.0  # A4 less 2 cm margins


@register
class DocxExporter(Exporter):
    name = "docx"
    extension = "docx"
    media_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    binary = True

    def render(self, minutes: Minutes) -> bytes:
        from seminar_cli.minutes.exporters.view import pv_view, report_view

        if minutes.kind == "pv":
            pv = pv_view(minutes)
            writer = _Writer(pv.lang, pv.doc_title, " ".join(b.text for b in pv.banners))
            writer.pv(pv)
        else:
            report = report_view(minutes)
            # draft and rehearsal said on every page, as the printed copy travels alone
            writer = _Writer(
                report.lang, report.doc_title, " ".join(b.text for b in report.banners)
            )
            writer.report(report)
        return writer.save()


class _Writer:
    def __init__(self, lang: str, title: str, header: str | None) -> None:
        from docx import Document
        from docx.oxml.ns import qn
        from docx.shared import Pt

        self.doc: Any = Document()
        self.lang = lang
        self.colon = Formatter(lang).colon  # type: ignore[arg-type]
        props = self.doc.core_properties
        props.title = printable(title)
        props.language = "fr-FR" if lang == "fr" else "en-GB"
        props.author = "seminar"
        styles = self.doc.styles
        normal = styles["Normal"]
        normal.font.name = "Calibri"
        normal.font.size = Pt(10.5)
        rpr = normal.element.get_or_add_rPr()
        lang_el = rpr.find(qn("w:lang"))
        if lang_el is None:
            lang_el = rpr.makeelement(qn("w:lang"), {})
            rpr.append(lang_el)
        lang_el.set(qn("w:val"), props.language)
        self._styles = styles
        body = self.doc.element.body
        self._body = body
        self._sect = body.sectPr  # new blocks go just before the section properties
        self.bullet = styles["List Bullet"]
        self.number_style = styles["List Number"]
        section = self.doc.sections[0]
        from docx.shared import Cm

        section.page_height, section.page_width = Cm(29.7), Cm(21.0)
        section.left_margin = section.right_margin = Cm(2.0)
        section.top_margin = section.bottom_margin = Cm(1.8)
        if header:
            para = section.header.paragraphs[0]
            self._run(para, header, bold=True, color=AMBER, size=9)
        self._page_number(section.footer.paragraphs[0])

    # -- building blocks ------------------------------------------------------------------------
    def _run(
        self,
        paragraph: Any,
        text: str,
        *,
        bold: bool = False,
        italic: bool = False,
        color: tuple[int, int, int] | None = None,
        size: float | None = None,
    ) -> None:
        """One run of text, written as XML directly: python-docx's run API re-walks the run's
        children for every property, which dominates the time on 10,000 answers."""
        run = _sub(paragraph._p, W_R)
        if bold or italic or color or size:
            props = _sub(run, W_RPR)  # children in the schema's order
            if bold:
                _sub(props, W_B)
            if italic:
                _sub(props, W_I)
            if color:
                _sub(props, W_COLOR).set(W_VAL, "{:02X}{:02X}{:02X}".format(*color))
            if size:
                _sub(props, W_SZ).set(W_VAL, str(round(size * 2)))
        for index, line in enumerate(printable(text).split("\n")):
            if index:
                _sub(run, W_BR)
            if line:
                element = _sub(run, W_T)
                element.text = line
                element.set(XML_SPACE, "preserve")

    def _page_number(self, paragraph: Any) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.oxml.ns import qn

        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run()
        for tag, attrs, text in (
            ("w:fldChar", {"w:fldCharType": "begin"}, None),
            ("w:instrText", {"xml:space": "preserve"}, " PAGE "),
            ("w:fldChar", {"w:fldCharType": "end"}, None),
        ):
            element = run._r.makeelement(qn(tag), {qn(k): v for k, v in attrs.items()})
            if text:
                element.text = text
            run._r.append(element)

    # python-docx's add_paragraph looks for the section properties among all the body's
    # children each time (quadratic on 10,000 answers): blocks are inserted before them here.
    def _place(self, element: Any) -> None:
        if self._sect is not None:
            self._sect.addprevious(element)
        else:  # pragma: no cover - the default template has section properties
            self._body.append(element)

    def new_paragraph(self, style: Any = None) -> Any:
        from docx.text.paragraph import Paragraph

        element = self._body.makeelement(W_P, {})
        if style is not None:  # python-docx's style setter rescans every style each time
            _sub(_sub(element, W_PPR), W_PSTYLE).set(W_VAL, style.style_id)
        self._place(element)
        return Paragraph(element, self.doc._body)

    def new_table(self, rows: int, cols: int) -> Any:
        from docx.oxml.table import CT_Tbl
        from docx.shared import Cm
        from docx.table import Table

        element = CT_Tbl.new_tbl(rows, cols, Cm(PAGE_WIDTH_CM))
        self._place(element)
        return Table(element, self.doc._body)

    def page_break(self) -> None:
        from docx.enum.text import WD_BREAK

        self.new_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def heading(self, text: str, level: int) -> Any:
        style = self._styles["Title" if level == 0 else f"Heading {level}"]
        paragraph = self.new_paragraph(style)
        paragraph.add_run(printable(text))
        return paragraph

    def para(
        self,
        text: str = "",
        *,
        italic: bool = False,
        color: tuple[int, int, int] | None = None,
        bold: bool = False,
        style: Any = None,
        align: str | None = None,
    ) -> Any:
        paragraph = self.new_paragraph(style)
        if text:
            self._run(paragraph, text, italic=italic, color=color, bold=bold)
        if align:
            from docx.enum.text import WD_ALIGN_PARAGRAPH

            paragraph.alignment = getattr(WD_ALIGN_PARAGRAPH, align)
        return paragraph

    def labelled(self, label: str, value: str, style: Any = None) -> Any:
        from docx.shared import Pt

        paragraph = self.new_paragraph(style)
        paragraph.paragraph_format.space_after = Pt(2)
        self._run(paragraph, label + self.colon, bold=True)
        self._run(paragraph, value)
        return paragraph

    def table(
        self,
        header: list[str],
        rows: list[list[str]],
        *,
        widths: list[float] | None = None,
        numeric: set[int] | None = None,
    ) -> Any:
        """A table across the page; ``widths`` in centimetres (shares of the page if they do
        not add up to it), so that Word and LibreOffice lay it out alike."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Cm

        shares = widths or [1.0] * len(header)
        total = sum(shares)
        sizes = [Cm(PAGE_WIDTH_CM * share / total) for share in shares]
        table = self.new_table(1, len(header))
        table.autofit = False
        try:
            table.style = self.doc.styles[TABLE_STYLE]
        except KeyError:  # pragma: no cover - the default template has it
            table.style = self.doc.styles["Table Grid"]
        _plain_first_column(table)
        for column, size in zip(table.columns, sizes, strict=True):
            column.width = size
        for index, (cell, text) in enumerate(zip(table.rows[0].cells, header, strict=True)):
            cell.width = sizes[index]
            self._run(cell.paragraphs[0], text, bold=True)
            if numeric and index in numeric:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        for values in rows:
            cells = _row_cells(table, table.add_row())
            for index, (cell, text) in enumerate(zip(cells, values, strict=True)):
                cell.width = sizes[index]
                paragraph = cell.paragraphs[0]
                self._run(paragraph, text)
                if numeric and index in numeric:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        self.new_paragraph()
        return table

    def banners(self, banners: list[Any]) -> None:
        for banner in banners:
            self.para(banner.text, bold=True, color=AMBER if banner.kind == "draft" else ACCENT)

    def records(self, entries: list[Entry], *, where: bool = False) -> None:
        for entry in entries:
            paragraph = self.new_paragraph(self.bullet)
            prefix = entry.at
            if where and entry.where:
                prefix = f"{prefix} · {entry.where}" if prefix else entry.where
            if prefix:
                self._run(paragraph, prefix + " — ", color=MUTED)
            self._run(paragraph, entry.text)

    def actions(self, entries: list[Entry], labels: Labels, *, where: bool = True) -> None:
        header = [labels.col_action, labels.col_owner, labels.col_due]
        if where:
            header.append(labels.col_segment)
        rows = [[e.text, e.owner, e.due] + ([e.where] if where else []) for e in entries]
        self.table(header, rows, widths=[7, 3.5, 3, 3.5] if where else [9.5, 4, 3.5])

    def people(self, people: list[PersonRow], labels: Labels) -> None:
        self.table(
            [labels.col_name, labels.col_organization, labels.col_group, labels.col_attendance],
            [[p.name, p.organization, p.group, p.attendance] for p in people],
            widths=[4, 6, 3, 4],
        )

    def result(self, result: Result, labels: Labels) -> None:
        for line in result.lines:
            self.para(line, italic=True, color=MUTED)
        if result.bars:
            self.table(
                [labels.col_choice, labels.col_count],
                [[bar.label, bar.text] for bar in result.bars],
                widths=[12, 5],
                numeric={1},
            )
        if result.outcome:
            self.para(result.outcome, bold=True, color=GREEN if result.adopted else RED)

    def prompt(self, prompt: PromptView, labels: Labels) -> None:
        self.heading(prompt.question, 4)
        self.para(prompt.meta, italic=True, color=MUTED)
        if prompt.description:
            self.para(prompt.description, italic=True)
        if prompt.text:
            self.para(prompt.text, italic=True)
        self.result(prompt.result, labels)
        if prompt.answers:
            self.answers(prompt.answers)
        else:
            self.para(prompt.empty or "", italic=True, color=MUTED)

    def answers(self, answers: list[Answer]) -> None:
        add = self.new_paragraph
        style = self.bullet
        run = self._run
        for answer in answers:
            paragraph = add(style)
            run(paragraph, answer.who + self.colon, bold=answer.named, italic=not answer.named)
            run(paragraph, answer.value)
            if answer.at:
                run(paragraph, f"  ({answer.at})", color=MUTED, size=8.5)

    def save(self) -> bytes:
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return buffer.getvalue()

    # -- the compte rendu -----------------------------------------------------------------------
    def report(self, v: ReportView) -> None:
        labels = v.labels
        if v.organization:
            self.para(v.organization.upper(), bold=True, color=ACCENT)
        self.heading(v.title, 0)
        subtitle = " — ".join(x for x in (v.subtitle, v.kind_label) if x)
        self.para(subtitle, italic=True, color=MUTED)
        self.banners(v.banners)
        self.heading(labels.facts, 1)
        for fact in v.facts:
            self.labelled(fact.label, fact.value)
        self.heading(labels.participants, 1)
        self.para(v.attendance_summary)
        if v.people:
            self.people(v.people, labels)
        self.page_break()
        self.heading(labels.schedule, 1)
        rows = [[r.number, r.title, r.planned, r.replanned, r.actual, r.delta] for r in v.schedule]
        total = v.schedule_total
        rows.append(["", total.title, total.planned, "", total.actual, total.delta])
        self.table(
            [
                "#",
                labels.col_segment,
                labels.col_planned,
                labels.col_replanned,
                labels.col_actual,
                labels.col_delta,
            ],
            rows,
            widths=[1.1, 4.3, 3.6, 2.2, 3.6, 2.2],
            numeric={0, 5},
        )
        self.page_break()
        self.heading(labels.segments, 1)
        for segment in v.segments:
            self.heading(f"{segment.number}. {segment.title}", 2)
            self.para(f"{segment.meta} — {segment.timing}", italic=True, color=MUTED)
            if segment.description:
                self.para(segment.description, italic=True)
            if segment.notes:
                self.heading(labels.notes, 3)
                self.records(segment.notes)
            for prompt in segment.prompts:
                self.prompt(prompt, labels)
            if segment.decisions:
                self.heading(labels.decisions, 3)
                self.records(segment.decisions)
            if segment.actions:
                self.heading(labels.actions, 3)
                self.actions(segment.actions, labels, where=False)
        if v.general_notes:
            self.heading(labels.general, 2)
            self.records(v.general_notes)
        self.page_break()
        self.heading(labels.decision_list, 1)
        if v.decisions:
            self.records(v.decisions, where=True)
        else:
            self.para(labels.no_decisions, italic=True, color=MUTED)
        self.heading(labels.action_list, 1)
        if v.actions:
            self.actions(v.actions, labels)
        else:
            self.para(labels.no_actions, italic=True, color=MUTED)
        self.para(v.footer, italic=True, color=MUTED)

    # -- the procès-verbal ----------------------------------------------------------------------
    def pv(self, v: PvView) -> None:
        from seminar_cli.minutes.exporters.view import ResolutionView

        labels = v.labels
        if v.organization:
            self.para(v.organization.upper(), bold=True, color=ACCENT, align="CENTER")
        title = self.heading(v.title, 0)
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        self.para(v.date_line, italic=True, color=MUTED, align="CENTER")
        self.banners(v.banners)
        for line in v.opening:
            self.para(line, align="JUSTIFY")
        if v.convocation:
            self.heading(labels.convocation, 1)
            self.para(v.convocation, align="JUSTIFY")
        self.heading(labels.bureau, 1)
        for fact in v.bureau:
            self.labelled(fact.label, fact.value)
        self.heading(labels.presence, 1)
        self.para(v.presence, align="JUSTIFY")
        self.para(v.quorum, bold=True, color=GREEN if v.quorum_reached else RED)
        for warning in v.warnings:
            self.para(warning, color=AMBER)
        self.heading(labels.agenda, 1)
        for item in v.agenda_items:
            self.para(item, style=self.number_style)
        self.page_break()
        self.heading(labels.deliberations, 1)
        for point in v.points:
            self.heading(f"{point.number}. {point.title}", 2)
            self.para(point.timing, italic=True, color=MUTED)
            for part in point.items:
                if isinstance(part, ResolutionView):
                    self.resolution(part)
                else:
                    self.prompt(part, labels)
            if point.decisions:
                self.heading(labels.decisions, 3)
                self.records(point.decisions)
        self.heading(labels.incidents, 1)
        if v.incidents:
            self.records(v.incidents, where=True)
        else:
            self.para(labels.no_incidents, italic=True, color=MUTED)
        if v.actions:
            self.heading(labels.follow_up, 1)
            self.actions(v.actions, labels, where=False)
        self.heading(labels.closing, 1)
        self.para(v.closing, align="JUSTIFY")
        self.para(v.place_date)
        self.signatures(v, labels)
        self.page_break()
        self.heading(labels.people, 1)
        self.people(v.people, labels)
        self.para(v.footer, italic=True, color=MUTED)

    def resolution(self, r: ResolutionView) -> None:
        self.heading(f"{r.heading} — {r.question}", 3)
        if r.text:
            self.para(r.text, italic=True, align="JUSTIFY")
        self.para(r.mode, italic=True, color=MUTED)
        self.table(
            [t.label for t in r.tallies],
            [[t.count for t in r.tallies]],
            numeric=set(range(len(r.tallies))),
        )
        for line in r.voters:
            self.para(line, color=MUTED)
        self.para(r.outcome, bold=True, color=GREEN if r.adopted else RED)

    def signatures(self, v: PvView, labels: Labels) -> None:
        from docx.shared import Pt

        table = self.new_table(1, len(v.signatures))
        for cell, signature in zip(table.rows[0].cells, v.signatures, strict=True):
            first = cell.paragraphs[0]
            self._run(first, signature.role, bold=True)
            self._run(cell.add_paragraph(), signature.name)
            spacer = cell.add_paragraph()
            spacer.paragraph_format.space_before = Pt(36)
            self._run(spacer, "_" * 28)
            self._run(cell.add_paragraph(), labels.signature, italic=True, color=MUTED, size=9)
        self.new_paragraph()


def _plain_first_column(table: Any) -> None:
    """The header row stands out; the first column stays plain text (names, not headings)."""
    from docx.oxml.ns import qn

    look = table._tbl.tblPr.find(qn("w:tblLook"))
    if look is None:
        look = table._tbl.tblPr.makeelement(qn("w:tblLook"), {})
        table._tbl.tblPr.append(look)
    look.set(qn("w:val"), "0420")
    look.set(qn("w:firstRow"), "1")
    look.set(qn("w:firstColumn"), "0")
    look.set(qn("w:lastRow"), "0")
    look.set(qn("w:lastColumn"), "0")
    look.set(qn("w:noHBand"), "0")
    look.set(qn("w:noVBand"), "1")


def _row_cells(table: Any, row: Any) -> list[Any]:
    """The new row's cells, without python-docx rebuilding the whole table's grid each time."""
    from docx.table import _Cell

    return [_Cell(tc, table) for tc in row._tr.tc_lst]


def _sub(parent: Any, tag: str) -> Any:
    """A new child element at the end of ``parent`` (lxml, without python-docx's bookkeeping)."""
    child = parent.makeelement(tag, {})
    parent.append(child)
    return child
