"""The PDF incident report, rendered with fpdf2 from the same blocks as Markdown and HTML.

The font is Noto Sans from the ``fontpkg-noto-sans`` package (Latin with umlauts, Greek,
Cyrillic), embedded and subset. Characters it has no glyph for (emoji, CJK, Arabic) are
written as their code points, ``[U+1F469]``, so nothing is silently lost. Text is never
parsed as markup (fpdf2's ``markdown`` is off), so hostile post text stays text.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from reviewer.errors import InputError
from reviewer.reports.document import (
    BOLD,
    CODE,
    LINK,
    MARK,
    Block,
    Bullets,
    Heading,
    Inline,
    Para,
    Quote,
    Section,
    Table,
    document,
)
from reviewer.reports.model import Report

_FAMILY = "noto"
_SIZES = {1: 17.0, 2: 14.0, 3: 11.5}
_BODY = 9.5
_LINE = 4.6
_INVISIBLE = re.compile("[\u200b-\u200f\u2060\ufe00-\ufe0f\U000e0100-\U000e01ef]")


def _font_file() -> Path | None:
    try:
        import fontpkg_noto_sans  # type: ignore[import-untyped]
    except ImportError:
        return None
    files = Path(fontpkg_noto_sans.__file__).parent / "files"
    found = sorted(p for p in files.glob("NotoSans*.ttf") if "Italic" not in p.name)
    return found[0] if found else None


def check_available() -> None:
    """Raise an InputError naming what is missing for ``--format pdf``."""
    try:
        import fpdf  # noqa: F401
    except ImportError:
        raise InputError("--format pdf", "needs the fpdf2 package (pip install fpdf2)") from None
    if _font_file() is None:
        raise InputError(
            "--format pdf", "needs the fontpkg-noto-sans package (pip install fontpkg-noto-sans)"
        )


@lru_cache(maxsize=1)
def _glyphs() -> frozenset[int]:
    from fontTools.ttLib import TTFont

    font_file = _font_file()
    assert font_file is not None
    with TTFont(str(font_file), lazy=True) as font:
        return frozenset(font.getBestCmap())


def printable(text: str) -> str:
    """``text`` with characters the font lacks written as ``[U+XXXX]``; one line."""
    glyphs = _glyphs()
    text = _INVISIBLE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    if all(ord(c) in glyphs or c == "\n" for c in text):
        return text
    return "".join(c if ord(c) in glyphs or c == "\n" else f"[U+{ord(c):04X}]" for c in text)


class _PDF:
    """A thin layer over fpdf2: fonts, styles, footer."""

    def __init__(self, report: Report) -> None:
        from fpdf import FPDF

        title = f"Incident report {report.report_id}"

        class Doc(FPDF):
            def footer(self) -> None:
                self.set_y(-12)
                self.set_font(_FAMILY, "", 7.5)
                self.set_text_color(90, 90, 90)
                self.cell(0, 5, f"{title} · confidential · page {self.page_no()}/{{nb}}", align="C")

        font_file = str(_font_file())
        pdf = Doc(format="A4")
        pdf.set_margins(15, 15, 15)
        pdf.set_auto_page_break(True, margin=16)
        # One weight only: instancing the variable font's bold costs seconds; headings
        # and labels are set apart by size and colour instead.
        pdf.add_font(_FAMILY, "", font_file)
        pdf.set_title(title)
        pdf.set_author("reviewer")
        pdf.set_creation_date(report.generated_at)
        pdf.set_font(_FAMILY, "", _BODY)
        pdf.add_page()
        self.pdf = pdf

    def runs(self, runs: Inline, height: float = _LINE) -> None:
        """Inline runs flowing as one paragraph; evidence red and underlined."""
        pdf = self.pdf
        size = pdf.font_size_pt
        for run in runs:
            text = printable(run.text).replace("\n", " / ")
            if run.style == MARK:
                pdf.set_font(_FAMILY, "U", size)
                pdf.set_text_color(170, 20, 20)
            elif run.style == BOLD:
                pdf.set_text_color(20, 40, 110)
            elif run.style == CODE:
                pdf.set_text_color(60, 60, 140)
            elif run.style == LINK:
                pdf.set_text_color(20, 60, 160)
            pdf.write(height, text, link=run.href if run.style == LINK and run.href else "")
            if run.style == MARK:
                pdf.set_font(_FAMILY, "", size)
            pdf.set_text_color(0, 0, 0)
        pdf.ln(height)

    def heading(self, block: Heading) -> None:
        pdf = self.pdf
        if block.level == 2 and pdf.get_y() > 40:
            pdf.add_page()
        pdf.ln(2)
        pdf.set_font(_FAMILY, "", _SIZES.get(block.level, _BODY))
        pdf.set_text_color(20, 40, 110)
        pdf.multi_cell(0, _SIZES.get(block.level, _BODY) * 0.5, printable(block.text))
        pdf.set_text_color(0, 0, 0)
        pdf.set_font(_FAMILY, "", _BODY)
        pdf.ln(1)

    def table(self, block: Table) -> None:
        pdf = self.pdf
        pdf.set_font(_FAMILY, "", 7.5)
        widths = [
            min(max([len(h)] + [sum(len(r.text) for r in row[i]) for row in block.rows[:50]]), 48)
            + 3
            for i, h in enumerate(block.header)
        ]
        with pdf.table(
            col_widths=widths,
            line_height=3.6,
            text_align=[
                "RIGHT" if i in block.numeric else "LEFT" for i in range(len(block.header))
            ],
            headings_style=_heading_style(),
            padding=0.8,
        ) as table:
            row = table.row()
            for name in block.header:
                row.cell(printable(name))
            for cells in block.rows:
                row = table.row()
                for cell in cells:
                    row.cell(printable("".join(r.text for r in cell)).replace("\n", " / "))
        pdf.set_font(_FAMILY, "", _BODY)
        pdf.ln(2)

    def render(self, blocks: list[Block]) -> None:
        pdf = self.pdf
        for block in blocks:
            if isinstance(block, Heading):
                self.heading(block)
            elif isinstance(block, Section):
                if pdf.get_y() > pdf.h - 70:  # keep an incident's start with its text
                    pdf.add_page()
                pdf.ln(2)
            elif isinstance(block, Para):
                self.runs(block.runs)
                pdf.ln(1)
            elif isinstance(block, Bullets):
                for item in block.items:
                    pdf.set_x(pdf.l_margin + 2)
                    pdf.write(_LINE, "• ")
                    self.runs(item)
                pdf.ln(1)
            elif isinstance(block, Table):
                self.table(block)
            elif isinstance(block, Quote):
                # The post text, indented with a bar at its left (on its first page).
                page, top = pdf.page, pdf.get_y()
                pdf.set_left_margin(pdf.l_margin + 4)
                pdf.set_x(pdf.l_margin)
                self.runs(block.runs)
                pdf.set_left_margin(pdf.l_margin - 4)
                if pdf.page == page:
                    pdf.set_draw_color(150, 150, 150)
                    pdf.set_line_width(0.8)
                    pdf.line(pdf.l_margin + 1.5, top, pdf.l_margin + 1.5, pdf.get_y())
                    pdf.set_line_width(0.2)
                pdf.ln(1)


def _heading_style() -> Any:
    from fpdf.fonts import FontFace

    return FontFace(fill_color=(230, 230, 230))


def write_pdf(report: Report, path: Path) -> None:
    """Write the report as a PDF file."""
    check_available()
    doc = _PDF(report)
    doc.render(document(report))
    doc.pdf.output(str(path))
