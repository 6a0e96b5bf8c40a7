"""The draft ondersteuningsplan as a PDF (fpdf2), from the dict of bot/plan_document.py.

Same content and order as the HTML page. The text uses DejaVu Sans, a Unicode TrueType
font that ships with matplotlib, so accents and most scripts work without the network.
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

from bot.plan_document import LABELS

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
    joiners and modifiers of its emoji sequence) becomes one replacement character."""
    glyphs = _glyphs()
    mark = REPLACEMENT if ord(REPLACEMENT) in glyphs else "?"
    result: list[str] = []
    for char in unicodedata.normalize("NFC", str(text)):
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
        # fpdf2 types the result as every possible output; output="LINES" gives the lines.
        lines = cast(list[str], pdf.multi_cell(0, LINE, clean(value), dry_run=True, output="LINES"))
        if pdf.will_page_break(LINE * (2 + min(len(lines), 4))):
            pdf.add_page()
        self.paragraph(label, bold=True)
        self.paragraph(value)

    def table(self, caption: str, headings: list[str], rows: list[list[str]], widths) -> None:
        pdf = self.pdf
        if pdf.will_page_break(5 * LINE):  # the caption with the first rows
            pdf.add_page()
        self.paragraph(caption, bold=True)
        pdf.set_font(FAMILY, "", BODY_SIZE - 1)
        with pdf.table(
            col_widths=widths,
            text_align="LEFT",
            line_height=LINE - 0.5,
            headings_style=FontFace(emphasis="BOLD", fill_color=HEADING_FILL),
            cell_fill_mode="NONE",
            padding=1.5,
        ) as table:
            for cells in [headings, *rows]:
                row = table.row()
                for cell in cells:
                    row.cell(clean(cell))
        pdf.set_font(FAMILY, "", BODY_SIZE)
        pdf.ln(3)

    def notice(self, text: str) -> None:
        pdf = self.pdf
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


def _identification(w: _Writer, part: dict) -> None:
    if part["plan_name"]:
        w.field(LABELS["plan_name"], part["plan_name"])
    w.field(LABELS["filled_in_by"], part["filled_in_by"]["text"])


def _current_situation(w: _Writer, part: dict) -> None:
    w.heading(LABELS["story"], 3)
    for item in part["story"]:
        w.field(item["label"], item["value"])
    w.heading(LABELS["domains_now"], 3)
    for domain in part["domains"]:
        w.field(domain["label"], domain["now"])
    w.heading(LABELS["network"], 3)
    if not part["network"]:
        w.paragraph(LABELS["network_empty"])
        return
    w.table(
        LABELS["network_caption"],
        [
            LABELS["member_name"],
            LABELS["member_relation"],
            LABELS["member_does_now"],
            LABELS["member_could_do"],
        ],
        [[m["name"], m["relation"], m["does_now"], m["could_do"]] for m in part["network"]],
        (2, 2, 3, 3),
    )


def _circle_label(circle: dict) -> str:
    if circle["details"]:
        return f"{circle['label']}: {'; '.join(circle['details'])}"
    return circle["label"]


def _support_request(w: _Writer, part: dict) -> None:
    w.heading(LABELS["wishes"], 3)
    if not part["wishes"]:
        w.paragraph(LABELS["wishes_empty"])
    for wish in part["wishes"]:
        domain = wish["domain"]["label"]
        w.heading(domain, 4)
        w.field(LABELS["support"], wish["support"]["label"])
        w.field(LABELS["frequency"], wish["frequency"]["text"])
        w.field(LABELS["who"], wish["who"]["text"])
        w.field(LABELS["vaph"], wish["vaph_text"])
        w.table(
            LABELS["circles_caption"].format(domain=domain),
            [LABELS["circle"], LABELS["circle_helps"]],
            [[_circle_label(c), c["helps_text"]] for c in wish["circles"]],
            (4, 1),
        )
    if part["no_help"]:
        w.field(LABELS["no_help"], ", ".join(part["no_help"]))
    if part["skipped"]:
        w.field(LABELS["skipped"], ", ".join(part["skipped"]))
    w.heading(LABELS["vaph_summary"], 3)
    if part["vaph_summary"]:
        w.table(
            LABELS["vaph_summary_caption"],
            [LABELS["vaph_function"], LABELS["vaph_amount"], LABELS["vaph_domains"]],
            [
                [s["support"]["label"], s["frequency"]["text"], ", ".join(s["domains"])]
                for s in part["vaph_summary"]
            ],
            (3, 2, 3),
        )
    else:
        w.paragraph(LABELS["vaph_summary_empty"])
    if part["vaph_other"]:
        w.paragraph(LABELS["vaph_other"], bold=True)
        for other in part["vaph_other"]:
            w.paragraph(
                f"{other['support']['label']}: {other['frequency']['text']} "
                f"({', '.join(other['domains'])})"
            )


def _clarification(w: _Writer, part: dict) -> None:
    w.field(LABELS["how"], part["how"])
    w.field(LABELS["participants"], part["participants"])


def _urgency(w: _Writer, part: dict) -> None:
    for item in part["items"]:
        w.field(item["label"], item["value"])


RENDERERS = {
    "identificatie": _identification,
    "huidige_situatie": _current_situation,
    "vraag": _support_request,
    "vraagverheldering": _clarification,
    "dringendheid": _urgency,
}


def render_pdf(document: dict) -> bytes:
    """The PDF of a document made by `bot.plan_document.build_document`."""
    w = _Writer(document)
    w.heading(document["title"], 1)
    w.notice(document["notice"])
    w.paragraph(document["version"]["text"])
    for part in document["parts"]:
        w.heading(part["title"], 2)
        RENDERERS[part["id"]](w, part)
    budget = document["budget"]
    w.heading(budget["title"], 2)
    w.field(LABELS["spending"], budget["spending"]["text"])
    w.field(LABELS["providers"], budget["providers"])
    w.pdf.ln(4)
    w.notice(document["notice"])
    return w.output()
