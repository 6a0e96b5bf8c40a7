"""The draft plan never fails on long or odd input: the PDF at /plan/<token>.pdf and the
Word file stay readable with 20 network members, 1,200-character names without a space and
4,000-character answers full of emoji and right-to-left text."""

from __future__ import annotations

import io
import json

import docx
import pypdf
import pytest

from bot import processes
from bot.intake_catalogue import CONSENT_TEXT_VERSION
from bot.storage import db, plans
from bot.web.app import create_app
from bot.web.plan_docx import render_docx
from tests.test_plan_document import ANSWERS

RTL = "שלום עולם مرحبا بالعالم"
OVERRIDE = "\u202e"
PIECE = f"Mijn zus 🧑‍🦽👍🏽😀 {RTL} {OVERRIDE}tekst\u202c. "


def long_text(length: int = plans.MAX_ANSWER_CHARS) -> str:
    return (PIECE * (length // len(PIECE) + 1))[:length]


def member_name(number: int) -> str:
    """1,200 characters without a space, different for every member."""
    return f"Naam{number:02d}" + "x" * 1194


LONG_ANSWERS = {
    **ANSWERS,
    **{key: long_text() for key in ("plan_name", "good_day", "what_matters", "hard_now")},
    "wonen_now": long_text(),
    "communicatie_wish": long_text(),
    "communicatie_who": long_text(),
    "relaties_often": "9" * plans.MAX_ANSWER_CHARS,
    "providers": long_text(),
    **{
        f"network.{n}.{field}": member_name(n) if field == "name" else long_text()
        for n in range(1, 21)
        for field in plans.NETWORK_FIELDS
    },
}


@pytest.fixture
async def plan(aiohttp_client, tmp_path) -> tuple:
    """The web app's test client, and the link token of a plan with LONG_ANSWERS."""
    url = f"sqlite:///{tmp_path / 'long.db'}"
    db.migrate(url)
    with db.session(url) as session:
        stored = plans.create_plan(session, "conversation-long", CONSENT_TEXT_VERSION)
        for key, value in LONG_ANSWERS.items():
            plans.save_answer(session, stored.id, key, value)
        plans.save_version(session, stored.id)
        token = stored.document_token
    client = await aiohttp_client(create_app(processes.settings_on_free_ports(url)))
    return client, token


async def test_the_pdf_of_a_plan_with_very_long_answers_is_readable(plan):
    client, token = plan
    response = await client.get(f"/plan/{token}.pdf")

    assert response.status == 200
    reader = pypdf.PdfReader(io.BytesIO(await response.read()))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert len(reader.pages) > 10
    # Every member is there, the long names broken over lines instead of running off the page.
    for number in (1, 20):
        assert f"Naam{number:02d}xxxx" in text
    assert max(len(line) for line in text.splitlines()) < 150
    assert "Mijn zus" in text and "ש" in text and "م" in text
    assert OVERRIDE not in text
    assert "Lotte" in text


async def test_the_word_file_of_the_same_plan_holds_every_member_and_no_override(plan):
    client, token = plan
    document = await (await client.get(f"/plan/{token}.json")).json()

    word = docx.Document(io.BytesIO(render_docx(document)))

    cells = [cell.text for table in word.tables for row in table.rows for cell in row.cells]
    paragraphs = [paragraph.text for paragraph in word.paragraphs]
    texts = "\n".join(cells + paragraphs)
    assert member_name(1) in texts and member_name(20) in texts
    assert OVERRIDE not in texts


async def test_a_number_with_thousands_of_digits_is_shown_as_typed_not_as_infinity(plan):
    client, token = plan
    response = await client.get(f"/plan/{token}.json")

    body = await response.text()
    assert response.status == 200
    assert "Infinity" not in body and "inf " not in body
    json.loads(body)  # strict JSON
