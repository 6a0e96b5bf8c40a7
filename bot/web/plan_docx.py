"""The draft ondersteuningsplan as a Word file (python-docx), from the dict of
bot/plan_document.py.

Same content and order as the HTML page and the PDF: the walk through the document is
bot/web/plan_layout.py, this module only writes it. For a screen reader the headings use
Word's own styles "Heading 1" to "Heading 4" (the navigation pane lists them), lists use
"List Bullet", tables have a heading row that repeats on each page and a caption as their
title. The language is nl-BE (the default of every style and the core properties) and the
title is in the core properties.

What a person typed is only ever the text of a run: python-docx writes it as XML text, so
nothing in it is read as markup, a field or a style. Characters XML cannot hold (control
characters, lone surrogates) are left out or replaced, never a crash.
"""

from __future__ import annotations

import io
import re
from datetime import datetime

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table
from docx.text.paragraph import Paragraph

from bot.text_hygiene import clean_text
from bot.web.plan_layout import write_plan

LANGUAGE = "nl-BE"
FOOTER = "Ontwerp, geen aanvraag."
PAGE_WIDTH, PAGE_HEIGHT, MARGIN = Cm(21), Cm(29.7), Cm(1.8)
BODY_SIZE = Pt(11)
TABLE_SIZE = Pt(10)
# The colours of the chat page (chat.css), as in the PDF.
TEXT = RGBColor(26, 26, 26)
ACCENT = RGBColor(0, 86, 158)
HEADING_FILL = "EEF3F8"
NOTICE_FILL = "FFF6DD"
TABLE_STYLE = "Table Grid"
LIST_STYLE = "List Bullet"

# Everything XML 1.0 cannot hold: control characters other than tab, newline and carriage
# return, lone surrogates, U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
REPLACEMENT = "\N{REPLACEMENT CHARACTER}"


def clean(text: object) -> str:
    """Text Word can hold: control characters are left out, a broken character is replaced;
    direction overrides are left out too (they can make a text read differently)."""

    def replace(match: re.Match[str]) -> str:
        return REPLACEMENT if "\ud800" <= match.group() <= "\udfff" else ""

    return clean_text(_NOT_XML.sub(replace, str(text)))


def _child(parent, tag: str, **attributes: str):
    """A new element `tag` at the end of `parent`, with w: attributes."""
    element = OxmlElement(tag)
    for name, value in attributes.items():
        element.set(qn(f"w:{name}"), value)
    parent.append(element)
    return element


def _shade(properties, fill: str) -> None:
    _child(properties, "w:shd", val="clear", color="auto", fill=fill)


def _set_language(word: WordDocument) -> None:
    """nl-BE as the language of all text (the default run properties) and of the theme."""
    for lang in word.styles.element.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:lang"):
        lang.set(qn("w:val"), LANGUAGE)
    for lang in word.settings.element.xpath("w:themeFontLang"):
        lang.set(qn("w:val"), LANGUAGE)


def _properties(word: WordDocument, document: dict) -> None:
    props = word.core_properties
    props.title = clean(document["title"])
    props.subject = clean(document["notice"])
    props.language = LANGUAGE
    props.author = "Wegwijzer"
    props.last_modified_by = "Wegwijzer"
    props.comments = ""
    props.keywords = ""
    props.category = ""
    props.revision = max(1, int(document["version"]["number"]))
    props.created = datetime.fromisoformat(document["created_at"])
    props.modified = datetime.fromisoformat(document["updated_at"])


def _page_field(paragraph: Paragraph, instruction: str) -> None:
    """A field Word fills in itself (the page number), with a placeholder until then."""
    field = _child(paragraph._p, "w:fldSimple", instr=instruction)
    run = _child(field, "w:r")
    _child(run, "w:t").text = "1"


def _footer(word: WordDocument) -> None:
    paragraph = word.sections[0].footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run(f"{FOOTER} Pagina ")
    _page_field(paragraph, "PAGE")
    paragraph.add_run(" van ")
    _page_field(paragraph, "NUMPAGES")


def _styles(word: WordDocument) -> None:
    normal = word.styles["Normal"]
    normal.font.size = BODY_SIZE
    normal.font.color.rgb = TEXT
    section = word.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.left_margin = section.right_margin = MARGIN
    section.top_margin = section.bottom_margin = MARGIN


class _Writer:
    def __init__(self, document: dict) -> None:
        self.word = Document()
        _set_language(self.word)
        _properties(self.word, document)
        _styles(self.word)
        _footer(self.word)

    def heading(self, text: str, level: int) -> None:
        paragraph = self.word.add_heading(clean(text), level)
        if level == 4:
            for run in paragraph.runs:
                run.font.color.rgb = ACCENT

    def _add(self, text: str, bold: bool = False) -> Paragraph:
        paragraph = self.word.add_paragraph()
        paragraph.add_run(clean(text)).bold = bold or None
        return paragraph

    def paragraph(self, text: str, bold: bool = False) -> None:
        self._add(text, bold)

    def field(self, label: str, value: str) -> None:
        label_paragraph = self._add(label, bold=True)
        label_paragraph.paragraph_format.keep_with_next = True
        label_paragraph.paragraph_format.space_after = Pt(0)
        self.paragraph(value)

    def table(
        self, caption: str, headings: list[str], rows: list[list[str]], widths: tuple[int, ...]
    ) -> None:
        caption_paragraph = self._add(caption, bold=True)
        caption_paragraph.paragraph_format.keep_with_next = True
        table = self.word.add_table(rows=1 + len(rows), cols=len(headings))
        table.style = self.word.styles[TABLE_STYLE]
        table.autofit = False
        _child(table._tbl.tblPr, "w:tblCaption", val=clean(caption)[:255])
        width = PAGE_WIDTH - 2 * MARGIN
        for index, column in enumerate(table.columns):
            column_width = int(width * widths[index] / sum(widths))
            for cell in column.cells:
                cell.width = column_width
        for row_index, cells in enumerate([headings, *rows]):
            row = table.rows[row_index]
            for cell, text in zip(row.cells, cells, strict=True):
                paragraph = cell.paragraphs[0]
                paragraph.paragraph_format.space_after = Pt(2)
                run = paragraph.add_run(clean(text))
                run.font.size = TABLE_SIZE
                if row_index == 0:
                    run.bold = True
                    _shade(cell._tc.get_or_add_tcPr(), HEADING_FILL)
        _heading_row(table)
        self.word.add_paragraph().paragraph_format.space_after = Pt(0)

    def bullets(self, items: list[str]) -> None:
        for item in items:
            self.word.add_paragraph(clean(item), style=LIST_STYLE)

    def notice(self, text: str, closing: bool = False) -> None:
        paragraph = self._add(text, bold=True)
        # A border and a fill first: in a paragraph's properties they come before the spacing.
        properties = paragraph._p.get_or_add_pPr()
        borders = _child(properties, "w:pBdr")
        for side in ("top", "left", "bottom", "right"):
            _child(borders, f"w:{side}", val="single", sz="6", space="4", color="auto")
        _shade(properties, NOTICE_FILL)
        if closing:
            paragraph.paragraph_format.space_before = Pt(18)

    def output(self) -> bytes:
        buffer = io.BytesIO()
        self.word.save(buffer)
        return buffer.getvalue()


def _heading_row(table: Table) -> None:
    """The first row is the heading row: read as such and repeated on every page."""
    properties = table.rows[0]._tr.get_or_add_trPr()
    _child(properties, "w:tblHeader", val="true")


def render_docx(document: dict) -> bytes:
    """The Word file of a document made by `bot.plan_document.build_document`."""
    w = _Writer(document)
    write_plan(w, document)
    return w.output()
