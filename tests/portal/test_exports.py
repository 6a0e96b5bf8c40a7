"""The plan of a case for the worker as PDF, Word and JSON (bot/web/portal/exports.py):
one plan document in three formats, the Word file's structure, access, and the audit log."""

from __future__ import annotations

import html
import io
import json
import re
import zipfile
from datetime import datetime, timedelta

import docx
import pypdf
import pytest

from bot.intake_catalogue import CONSENT_TEXT_VERSION
from bot.plan_document import FORMAT, build_document
from bot.storage import audit_log, db, plans
from bot.storage.models import utcnow
from bot.web.plan_docx import render_docx
from bot.web.portal.exports import FORMATS
from tests.portal.conftest import SCRIPT
from tests.test_plan_document import ANSWERS

PLAN_ANSWERS = {**ANSWERS, "what_matters": SCRIPT, "providers": "<b>De Brug</b> & co"}
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CONTENT_TYPES = {"pdf": "application/pdf", "docx": DOCX_TYPE, "json": "application/json"}
HEADING = re.compile(r"<h([1-4])[^>]*>(.*?)</h\1>", re.S)


def plan_case(portal, answers: dict[str, str] | None = None, **case) -> tuple[str, str]:
    """A case with a plan filled in through the storage API and confirmed once."""
    with db.session(portal.db_url) as session:
        plan = plans.create_plan(session, "gesprek-1", CONSENT_TEXT_VERSION)
        for key, value in (PLAN_ANSWERS if answers is None else answers).items():
            plans.save_answer(session, plan.id, key, value)
        plans.save_version(session, plan.id)
        plan_id = plan.id
    return portal.add_case(plan_id=plan_id, **case), plan_id


def stored_document(portal, plan_id: str) -> dict:
    with db.session(portal.db_url) as session:
        plan = plans.plan_by_id(session, plan_id)
        version = max(v.number for v in plans.versions(session, plan_id))
        answers = plans.answers(session, plan_id)
        return build_document(plan.created_at, plan.updated_at, version, answers)


def flat(text: str) -> str:
    return " ".join(text.split())


def pdf_text(body: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(body))
    return flat("\n".join(page.extract_text() for page in reader.pages))


def word(body: bytes):
    return docx.Document(io.BytesIO(body))


def word_texts(document) -> list[str]:
    """Every paragraph's text, in the body and in the tables' cells."""
    texts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            texts.extend(cell.text for cell in row.cells)
    return texts


def word_headings(document) -> list[tuple[int, str]]:
    return [
        (int(paragraph.style.name.removeprefix("Heading ")), paragraph.text)
        for paragraph in document.paragraphs
        if paragraph.style.name.startswith("Heading ")
    ]


def answers_shown(document: dict) -> list[str]:
    """The answers as the plan document words them, part by part."""
    p1, p2, p3, p4, p5 = document["parts"]
    shown = [p1["plan_name"], p1["filled_in_by"]["text"]]
    shown += [item["value"] for item in p2["story"]]
    shown += [domain["now"] for domain in p2["domains"]]
    shown += [value for member in p2["network"] for value in member.values()]
    for wish in p3["wishes"]:
        shown += [wish["support"]["label"], wish["frequency"]["text"], wish["who"]["text"]]
    shown += [p4["how"], p4["participants"]]
    shown += [item["value"] for item in p5["items"]]
    shown += [document["budget"]["spending"]["text"], document["budget"]["providers"]]
    return shown


async def download(client, case_id: str, kind: str, query: str = ""):
    return await client.get(f"/portal/cases/{case_id}/plan.{kind}{query}", allow_redirects=False)


def exports_in_log(db_url: str) -> list:
    with db.session(db_url) as session:
        entries = audit_log.entries(session, action=audit_log.EXPORT)
        session.expunge_all()
        return entries


async def test_the_three_formats_come_from_the_same_plan_document(portal):
    case_id, plan_id = plan_case(portal)
    client, _ = await portal.logged_in("an")

    bodies = {kind: await (await download(client, case_id, kind)).read() for kind in FORMATS}

    document = stored_document(portal, plan_id)
    assert json.loads(bodies["json"]) == document
    in_word = flat("\n".join(word_texts(word(bodies["docx"]))))
    in_pdf = pdf_text(bodies["pdf"])
    in_json = bodies["json"].decode()
    assert [answer for answer in answers_shown(document) if flat(answer) not in in_word] == []
    in_all = ("Lotte gaat op kamers", "3 nachten per week", "Alleen de trein nemen.", "Mama")
    in_all += ("Koffie drinken in het café met Jens.", "Ik woon bij mama en papa.")
    assert [answer for answer in in_all if answer not in in_pdf] == []
    assert [answer for answer in in_all if answer not in in_word] == []
    assert [answer for answer in in_all if answer not in in_json] == []
    # The Word file is the renderer's file of that same document.
    assert word_texts(word(render_docx(document))) == word_texts(word(bodies["docx"]))
    # No internal id in any export: not the plan's id, not its link token (issue 12).
    with db.session(portal.db_url) as session:
        token = plans.plan_by_id(session, plan_id).document_token
    with zipfile.ZipFile(io.BytesIO(bodies["docx"])) as archive:
        word_xml = " ".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())
    for text in (in_json, in_pdf, word_xml, bodies["pdf"].decode("latin-1")):
        assert plan_id not in text and token not in text


async def test_word_has_the_headings_of_the_plan_page_in_the_same_order(portal):
    case_id, plan_id = plan_case(portal)
    client, _ = await portal.logged_in("an")
    with db.session(portal.db_url) as session:
        token = plans.plan_by_id(session, plan_id).document_token

    page = await (await client.get(f"/plan/{token}")).text()
    body = await (await download(client, case_id, "docx")).read()
    pdf = pdf_text(await (await download(client, case_id, "pdf")).read())

    on_page = [
        (int(level), html.unescape(re.sub(r"<[^>]+>", "", text)).strip())
        for level, text in HEADING.findall(page)
    ]
    on_page.remove((2, "Bewaar of deel je plan"))  # the downloads of the page itself
    headings = word_headings(word(body))
    assert headings == on_page
    assert headings[0] == (1, "Ontwerp van je ondersteuningsplan")
    assert (4, "Wonen") in headings
    position = 0
    for _, text in headings:  # and the PDF has them in the same order
        position = pdf.index(flat(text), position)


async def test_the_word_file_is_built_for_screen_readers_and_in_dutch(portal):
    case_id, _ = plan_case(portal)
    client, _ = await portal.logged_in("an")

    body = await (await download(client, case_id, "docx")).read()
    document = word(body)

    for paragraph in document.paragraphs:
        if paragraph.style.name.startswith("Heading"):
            assert paragraph.style.builtin, paragraph.style.name
    assert {level for level, _ in word_headings(document)} == {1, 2, 3, 4}
    properties = document.core_properties
    assert properties.title == "Ontwerp van je ondersteuningsplan"
    assert properties.language == "nl-BE"
    assert properties.author == "Wegwijzer"
    defaults = document.styles.element.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:lang/@w:val")
    assert defaults == ["nl-BE"]
    assert document.settings.element.xpath("w:themeFontLang/@w:val") == ["nl-BE"]
    assert len(document.tables) >= 2
    for table in document.tables:  # a heading row that repeats, and a caption
        assert table.rows[0]._tr.xpath("w:trPr/w:tblHeader/@w:val") == ["true"]
        assert len(table._tbl.xpath("w:tblPr/w:tblCaption/@w:val")) == 1
    captions = [
        table._tbl.xpath("string(w:tblPr/w:tblCaption/@w:val)") for table in document.tables
    ]
    assert captions[0] == "Mensen in het netwerk en wat ze doen"


async def test_html_typed_by_the_person_is_literal_text_in_all_three(portal):
    case_id, _ = plan_case(portal)
    client, _ = await portal.logged_in("an")

    bodies = {kind: await (await download(client, case_id, kind)).read() for kind in FORMATS}

    texts = word_texts(word(bodies["docx"]))
    assert SCRIPT in texts and "<b>De Brug</b> & co" in texts
    with zipfile.ZipFile(io.BytesIO(bodies["docx"])) as package:
        body_xml = package.read("word/document.xml").decode()
    escaped, raw = "&lt;script&gt;alert(1)&lt;/script&gt;" in body_xml, SCRIPT in body_xml
    assert (escaped, raw) == (True, False)
    in_pdf = SCRIPT in pdf_text(bodies["pdf"])
    assert in_pdf
    document = json.loads(bodies["json"])
    assert document["parts"][1]["story"][1] == {
        "key": "what_matters",
        "label": "Wat belangrijk is",
        "value": SCRIPT,
    }
    assert document["budget"]["providers"] == "<b>De Brug</b> & co"


def test_characters_word_cannot_hold_do_not_break_the_file():
    answers = {**ANSWERS, "good_day": "Zon\x00 en\x0b zee\ud800", "hard_now": "regel 1\nregel 2"}
    document = build_document(datetime(2026, 11, 3), datetime(2026, 11, 4), 1, answers)

    texts = word_texts(word(render_docx(document)))

    assert "Zon en zee\N{REPLACEMENT CHARACTER}" in texts
    assert "regel 1\nregel 2" in texts


@pytest.mark.parametrize("kind", sorted(FORMATS))
async def test_each_export_is_a_private_download_with_a_safe_name(portal, kind):
    case_id, _ = plan_case(portal)
    client, _ = await portal.logged_in("an")

    response = await download(client, case_id, kind)
    older = await download(client, case_id, kind, "?versie=1")

    assert response.status == older.status == 200
    assert response.content_type == CONTENT_TYPES[kind]
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="plan-{case_id[:8]}.{kind}"'
    )
    assert older.headers["Content-Disposition"] == (
        f'attachment; filename="plan-{case_id[:8]}-versie-1.{kind}"'
    )
    assert response.headers["Cache-Control"] == older.headers["Cache-Control"] == "no-store"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "Lotte" not in response.headers["Content-Disposition"]


async def test_each_export_is_in_the_audit_log_without_plan_text(portal):
    case_id, _ = plan_case(portal)
    client, _ = await portal.logged_in("an")
    started = portal.clock()

    for kind in ("pdf", "docx", "json"):
        assert (await download(client, case_id, kind)).status == 200
    assert (await download(client, case_id, "docx", "?versie=1")).status == 200

    entries = exports_in_log(portal.db_url)
    assert [entry.detail for entry in reversed(entries)] == [
        "pdf",
        "docx",
        "json",
        "docx, versie 1",
    ]
    with db.session(portal.db_url) as session:
        worker_id = audit_log.entries(session, action=audit_log.LOGIN)[0].worker_id
    for entry in entries:
        assert entry.worker_id == worker_id and entry.case_id == case_id
        assert started - timedelta(seconds=5) <= entry.at <= portal.clock() + timedelta(seconds=5)
    with db.session(portal.db_url) as session:
        logged = " ".join(
            f"{entry.action} {entry.detail or ''} {entry.case_id or ''}"
            for entry in audit_log.entries(session, limit=1000)
        )
    for answer in PLAN_ANSWERS.values():
        if len(answer) > 4:  # not a short word like "ja" or "3"
            assert answer not in logged, answer


async def test_a_version_is_exported_as_it_was_confirmed(portal):
    case_id, plan_id = plan_case(portal)
    with db.session(portal.db_url) as session:
        plans.save_answer(session, plan_id, "providers", "Het Anker in Aalst")
        plans.save_version(session, plan_id)
        plans.save_answer(session, plan_id, "providers", "Nog niet gekozen")
    client, _ = await portal.logged_in("an")

    now = await (await download(client, case_id, "json")).json()
    first = await (await download(client, case_id, "json", "?versie=1")).json()
    second = word(await (await download(client, case_id, "docx", "?versie=2")).read())

    assert (now["version"]["number"], now["budget"]["providers"]) == (2, "Nog niet gekozen")
    assert (first["version"]["number"], first["budget"]["providers"]) == (
        1,
        "<b>De Brug</b> & co",
    )
    assert "Het Anker in Aalst" in word_texts(second)
    assert any(text.startswith("Versie 2 van") for text in word_texts(second))


def test_the_json_schema_fields():
    document = build_document(datetime(2026, 11, 3, 9), datetime(2026, 11, 24, 14), 2, PLAN_ANSWERS)

    exported = json.loads(FORMATS["json"].render(document))

    assert exported == document
    assert set(exported) == {
        "format",
        "title",
        "notice",
        "created_at",
        "updated_at",
        "version",
        "parts",
        "budget",
    }
    assert exported["format"] == FORMAT == "wegwijzer-ondersteuningsplan/1"
    assert datetime.fromisoformat(exported["created_at"]) == datetime(2026, 11, 3, 9)
    assert set(exported["version"]) == {"number", "confirmed", "date", "text"}
    assert [(part["id"], part["number"]) for part in exported["parts"]] == [
        ("identificatie", 1),
        ("huidige_situatie", 2),
        ("vraag", 3),
        ("vraagverheldering", 4),
        ("dringendheid", 5),
    ]
    p1, p2, p3, p4, p5 = exported["parts"]
    assert set(p1["filled_in_by"]) == {"speaker", "person_name", "relation", "text"}
    assert set(p2) >= {"story", "domains", "network"}
    assert set(p2["network"][0]) == {"name", "relation", "does_now", "could_do"}
    wish = p3["wishes"][0]
    assert set(wish) == {
        "domain",
        "support",
        "support_function",
        "frequency",
        "who",
        "circles",
        "vaph",
        "vaph_text",
    }
    assert set(wish["frequency"]) == {"amount", "unit", "text"}
    assert set(p3) >= {"wishes", "no_help", "skipped", "vaph_summary", "vaph_other"}
    assert set(p4) >= {"how", "participants"} and p5["optional"] is True
    assert set(exported["budget"]) == {"title", "spending", "providers"}


async def test_exports_need_a_login(portal):
    case_id, _ = plan_case(portal)
    client = await portal.client()

    for kind in FORMATS:
        response = await download(client, case_id, kind)
        assert response.status == 303
        assert response.headers["Location"] == (
            f"/portal/login?next=%2Fportal%2Fcases%2F{case_id}%2Fplan.{kind}"
        )
    assert exports_in_log(portal.db_url) == []


async def test_another_teams_plan_is_forbidden(portal):
    case_id, _ = plan_case(portal, facts={"place": "Brugge"})
    client, _ = await portal.logged_in("an")

    for kind in FORMATS:
        response = await download(client, case_id, kind)
        assert response.status == 403
        assert "Deze vraag is niet voor jouw team" in await response.text()
    assert exports_in_log(portal.db_url) == []
    with db.session(portal.db_url) as session:
        refused = audit_log.entries(session, action="case_refused", case_id=case_id)
        assert len(refused) == len(FORMATS)


async def test_without_a_plan_or_version_there_is_nothing_to_download(portal):
    without = portal.add_case()
    with_plan, _ = plan_case(portal, conversation="gesprek-2")
    client, _ = await portal.logged_in("an")

    for kind in FORMATS:
        response = await download(client, without, kind)
        assert response.status == 404
        assert "Er is geen plan om te downloaden" in await response.text()
        for query in ("?versie=2", "?versie=0", "?versie=een", "?versie=%3Cscript%3E"):
            response = await download(client, with_plan, kind, query)
            assert response.status == 404, query
            text = await response.text()
            assert "Deze versie van het plan bestaat niet" in text
            assert ("<script>" in text) is False
        unknown = await download(client, "abcdef0123456789", kind)
        assert unknown.status == 404
    assert (await client.get(f"/portal/cases/{with_plan}/plan.html")).status == 404
    assert exports_in_log(portal.db_url) == []


async def test_the_case_page_links_to_the_three_exports(portal):
    case_id, plan_id = plan_case(portal)
    without = portal.add_case(conversation="gesprek-2")
    with db.session(portal.db_url) as session:
        # A second confirmation later (the same one within a minute is one version).
        plans.save_version(session, plan_id, now=utcnow() + timedelta(minutes=5))
    client, _ = await portal.logged_in("an")

    page = await (await client.get(f"/portal/cases/{case_id}")).text()
    empty = await (await client.get(f"/portal/cases/{without}")).text()

    base = f"/portal/cases/{case_id}/plan"
    assert f'<a href="{base}.pdf">Plan downloaden als PDF</a>' in page
    assert f'<a href="{base}.docx">Plan downloaden als Word (.docx)</a>' in page
    assert f'<a href="{base}.json">Plan downloaden als JSON' in page
    for number in (1, 2):
        assert f'<a href="{base}.pdf?versie={number}">Versie {number} als PDF</a>' in page
        assert f'<a href="{base}.docx?versie={number}">Versie {number} als Word</a>' in page
        assert f'<a href="{base}.json?versie={number}">Versie {number} als JSON</a>' in page
    assert ("Plan downloaden" in empty) is False
