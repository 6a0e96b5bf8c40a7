"""The draft ondersteuningsplan on paper: the order, headings, fields, tables and lists of
the PDF (bot/web/plan_pdf.py) and the Word file (bot/web/plan_docx.py).

`write_plan` walks the dict of bot/plan_document.py and tells a `PlanWriter` what to write;
each file format only knows how to write a heading, a field or a table. So the PDF and the
Word file show the same texts in the same order as the HTML page (bot/web/templates/plan.html):
the document title (level 1), the five parts and the budget (level 2), the groups inside a
part (level 3) and one wish per domain (level 4).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from bot.plan_document import LABELS


class PlanWriter(Protocol):
    def heading(self, text: str, level: int) -> None:
        """A heading of level 1 (the title) to 4."""

    def paragraph(self, text: str, bold: bool = False) -> None: ...

    def field(self, label: str, value: str) -> None:
        """A label and the answer under it (a <dt> and <dd> on the HTML page)."""

    def table(
        self, caption: str, headings: list[str], rows: list[list[str]], widths: tuple[int, ...]
    ) -> None:
        """A table with a caption and a heading row; `widths` are relative column widths."""

    def bullets(self, items: list[str]) -> None:
        """A list (a <ul> on the HTML page)."""

    def notice(self, text: str, closing: bool = False) -> None:
        """The notice that the plan is not an application: at the top and, closing, at the end."""


def _identification(w: PlanWriter, part: dict) -> None:
    if part["plan_name"]:
        w.field(LABELS["plan_name"], part["plan_name"])
    w.field(LABELS["filled_in_by"], part["filled_in_by"]["text"])


def _current_situation(w: PlanWriter, part: dict) -> None:
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


def _support_request(w: PlanWriter, part: dict) -> None:
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
    if part.get("not_discussed"):
        w.field(LABELS["not_discussed"], ", ".join(part["not_discussed"]))
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
        w.bullets(
            [
                f"{other['support']['label']}: {other['frequency']['text']} "
                f"({', '.join(other['domains'])})"
                for other in part["vaph_other"]
            ]
        )


def _clarification(w: PlanWriter, part: dict) -> None:
    w.field(LABELS["how"], part["how"])
    w.field(LABELS["participants"], part["participants"])


def _urgency(w: PlanWriter, part: dict) -> None:
    for item in part["items"]:
        w.field(item["label"], item["value"])


PARTS: dict[str, Callable[[PlanWriter, dict], None]] = {
    "identificatie": _identification,
    "huidige_situatie": _current_situation,
    "vraag": _support_request,
    "vraagverheldering": _clarification,
    "dringendheid": _urgency,
}


def write_plan(w: PlanWriter, document: dict) -> None:
    """The whole document of `bot.plan_document.build_document`, in the page's order."""
    w.heading(document["title"], 1)
    w.notice(document["notice"])
    w.paragraph(document["version"]["text"])
    for part in document["parts"]:
        w.heading(part["title"], 2)
        PARTS[part["id"]](w, part)
    budget = document["budget"]
    w.heading(budget["title"], 2)
    w.field(LABELS["spending"], budget["spending"]["text"])
    w.field(LABELS["providers"], budget["providers"])
    w.notice(document["notice"], closing=True)
