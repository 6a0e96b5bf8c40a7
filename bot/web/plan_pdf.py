"""The draft ondersteuningsplan as a PDF (fpdf2), from the dict of bot/plan_document.py.

Same content and order as the HTML page and the Word file: the walk through the document is
bot/web/plan_layout.py, this module only writes it. The text uses DejaVu Sans, a Unicode
TrueType font that ships with matplotlib, so accents and most scripts work without the network.
Characters the font has no glyph for (most emoji) are replaced, never a crash.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import cast

import matplotlib
from fontTools.ttLib import TTFont
from fpdf import FPDF, ViewerPreferences
from fpdf.enums import XPos
from fpdf.fonts import FontFace

from bot.text_hygiene import clean_text
from bot.web.plan_layout import write_plan

FONT_DIR = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
FONT_FILES = {"": FONT_DIR / "DejaVuSans.ttf", "B": FONT_DIR / "DejaVuSans-Bold.ttf"}
FAMILY = "DejaVu"
LANGUAGE = "nl-BE"
REPLACEMENT = "\N{REPLACEMENT CHARACTER}"
# Invisible helpers of emoji sequences: dropped when the font lacks them.
_INVISIBLE = {"Mn", "Me", "Cf"}
# Parts of an emoji sequence: zero width joiner, variation selectors, skin tones.
_SEQUENCE_PARTS = {"\u200d", *map(chr, range(0xFE00, 0xFE10)), *map(chr, range(0x1F3FB, 0x1F400))}

BODY_SIZE = 11
LINE = 6
TABLE_SIZE = BODY_SIZE - 1
TABLE_LINE = LINE - 0.5
TABLE_PADDING = 1.5
# A table row may fill at most this part of a page: fpdf2 cannot split a row over two
# pages, so a table with a taller row (long answers) is written as fields instead.
MAX_ROW_SHARE = 0.5
# Enough text to fill the first lines of a field, or a table cell of MAX_ROW_SHARE.
FIRST_LINES_CHARS = 600
MEASURE_CHARS = 2000
HEADING_SIZES = {1: 20, 2: 15, 3: 13, 4: 12}
# The colours of the chat page (chat.css).
TEXT = (26, 26, 26)
ACCENT = (0, 86, 158)
HEADING_FILL = (238, 243, 248)
NOTICE_FILL = (255, 246, 221)


@lru_cache(maxsize=1)
def _glyphs() -> frozenset[int]:
    """The code points both the regular and the bold font can draw."""
    maps = []
    for path in FONT_FILES.values():
        font = TTFont(path, lazy=True)
        try:
            maps.append(set(font.getBestCmap()))
        finally:
            font.close()
    return frozenset(set.intersection(*maps))


def clean(text: object) -> str:
    """Text the font can draw: composed accents; a character without a glyph (with the
    joiners and modifiers of its emoji sequence) becomes one replacement character. Control
    characters, lone surrogates and direction overrides are left out (bot/text_hygiene.py):
    the order of right-to-left words is fpdf2's own, from the letters themselves."""
    glyphs = _glyphs()
    mark = REPLACEMENT if ord(REPLACEMENT) in glyphs else "?"
    result: list[str] = []
    for char in unicodedata.normalize("NFC", clean_text(str(text))):
        replaced = bool(result) and result[-1] == mark
        if char == "\t":
            result.append(" ")
        elif char == "\n":
            result.append(char)
        elif replaced and (char in _SEQUENCE_PARTS or unicodedata.category(char) == "Sk"):
            continue
        elif ord(char) in glyphs:
            result.append(char)
        elif unicodedata.category(char) in _INVISIBLE or unicodedata.category(char) == "Cc":
            continue
        elif not replaced:
            result.append(mark)
    return "".join(result)


class _PlanPDF(FPDF):
    footer_text = ""

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font(FAMILY, "", 9)
        self.cell(
            0,
            10,
            clean(f"{self.footer_text} Pagina {self.page_no()} van {{nb}}"),
            align="C",
        )


class _Writer:
    def __init__(self, document: dict) -> None:
        pdf = _PlanPDF(format="A4")
        for style, path in FONT_FILES.items():
            pdf.add_font(FAMILY, style, str(path))
        pdf.set_title(clean(document["title"]))
        pdf.set_subject(clean(document["notice"]))
        pdf.set_lang(LANGUAGE)
        pdf.set_creator("Wegwijzer")
        pdf.set_author("Wegwijzer")
        pdf.set_display_mode("fullwidth")
        pdf.viewer_preferences = ViewerPreferences(display_doc_title=True)
        pdf.footer_text = "Ontwerp, geen aanvraag."
        pdf.set_auto_page_break(auto=True, margin=20)
        pdf.set_margins(18, 18, 18)
        pdf.add_page()
        pdf.set_text_color(*TEXT)
        self.pdf = pdf

    def heading(self, text: str, level: int) -> None:
        size = HEADING_SIZES[level]
        pdf = self.pdf
        if pdf.will_page_break(size + 4 * LINE):  # keep a heading with the text after it
            pdf.add_page()
        pdf.ln(4 if level > 1 else 0)
        pdf.set_font(FAMILY, "B", size)
        if level == 4:
            pdf.set_text_color(*ACCENT)
        pdf.multi_cell(0, size * 0.55, clean(text), align="L", new_x=XPos.LMARGIN)
        pdf.set_text_color(*TEXT)
        pdf.ln(1.5)
        pdf.set_font(FAMILY, "", BODY_SIZE)

    def paragraph(self, text: str, bold: bool = False) -> None:
        self.pdf.set_font(FAMILY, "B" if bold else "", BODY_SIZE)
        self.pdf.multi_cell(0, LINE, clean(text), align="L", new_x=XPos.LMARGIN)
        self.pdf.set_font(FAMILY, "", BODY_SIZE)
        self.pdf.ln(1)

    def field(self, label: str, value: str) -> None:
        """A label on its own line and the answer under it, on the same page when short."""
        pdf = self.pdf
        pdf.set_font(FAMILY, "", BODY_SIZE)
        # Only the first lines matter here, and measuring costs as much as writing.
        lines = self._lines(0, LINE, value[:FIRST_LINES_CHARS])
        if pdf.will_page_break(LINE * (2 + min(len(lines), 4))):
            pdf.add_page()
        self.paragraph(label, bold=True)
        self.paragraph(value)

    def _lines(self, width: float, height: float, text: str) -> list[str]:
        """The lines fpdf2 would break `text` into, in the current font."""
        # fpdf2 types the result as every possible output; output="LINES" gives the lines.
        return cast(
            list[str], self.pdf.multi_cell(width, height, clean(text), dry_run=True, output="LINES")
        )

    def _fits_as_table(self, rows: list[list[str]], widths: tuple[int, ...]) -> bool:
        """Whether no row is taller than MAX_ROW_SHARE of a page (measured in bold, the
        wider of the two fonts). A long cell is measured in pieces: once the first piece
        is too tall, the rest does not matter."""
        pdf = self.pdf
        max_lines = (pdf.eph * MAX_ROW_SHARE - 2 * TABLE_PADDING) / TABLE_LINE
        pdf.set_font(FAMILY, "B", TABLE_SIZE)
        try:
            for cells in rows:
                for cell, width in zip(cells, widths, strict=True):
                    text_width = pdf.epw * width / sum(widths) - 2 * TABLE_PADDING
                    lines = self._lines(text_width, TABLE_LINE, cell[:MEASURE_CHARS])
                    if len(lines) > max_lines:
                        return False
                    if len(cell) > MEASURE_CHARS:
                        if len(self._lines(text_width, TABLE_LINE, cell)) > max_lines:
                            return False
            return True
        finally:
            pdf.set_font(FAMILY, "", BODY_SIZE)

    def table(
        self, caption: str, headings: list[str], rows: list[list[str]], widths: tuple[int, ...]
    ) -> None:
        pdf = self.pdf
        if not self._fits_as_table([headings, *rows], widths):
            self._table_as_fields(caption, headings, rows)
            return
        if pdf.will_page_break(5 * LINE):  # the caption with the first rows
            pdf.add_page()
        self.paragraph(caption, bold=True)
        pdf.set_font(FAMILY, "", TABLE_SIZE)
        with pdf.table(
            col_widths=widths,
            text_align="LEFT",
            line_height=TABLE_LINE,
            headings_style=FontFace(emphasis="BOLD", fill_color=HEADING_FILL),
            cell_fill_mode="NONE",
            padding=TABLE_PADDING,
        ) as table:
            for cells in [headings, *rows]:
                row = table.row()
                for cell in cells:
                    row.cell(clean(cell))
        pdf.set_font(FAMILY, "", BODY_SIZE)
        pdf.ln(3)

    def _table_as_fields(self, caption: str, headings: list[str], rows: list[list[str]]) -> None:
        """The same cells, one row after the other, each cell as a label and its text."""
        self.paragraph(caption, bold=True)
        for cells in rows:
            for heading, cell in zip(headings, cells, strict=True):
                self.field(heading, cell)
            self.pdf.ln(2)

    def bullets(self, items: list[str]) -> None:
        for item in items:
            self.paragraph(item)

    def notice(self, text: str, closing: bool = False) -> None:
        pdf = self.pdf
        if closing:
            pdf.ln(4)
        pdf.set_font(FAMILY, "B", BODY_SIZE)
        pdf.set_fill_color(*NOTICE_FILL)
        pdf.multi_cell(
            0, LINE, clean(text), border=1, fill=True, align="L", padding=2, new_x=XPos.LMARGIN
        )
        pdf.set_font(FAMILY, "", BODY_SIZE)
        pdf.set_fill_color(255, 255, 255)
        pdf.ln(2)

    def output(self) -> bytes:
        return bytes(self.pdf.output())


def render_pdf(document: dict) -> bytes:
    """The PDF of a document made by `bot.plan_document.build_document`."""
    w = _Writer(document)
    write_plan(w, document)
    return w.output()
