"""Reading intake answers and the order of the intake questions (no servers needed)."""

from __future__ import annotations

import pytest

from actions import intake_answers as read
from actions import intake_flow as flow
from actions.plan_summary import answer_label
from bot.intake_catalogue import DOMAINS, MEMBER_SLOTS, STORY_SLOTS


@pytest.mark.parametrize(
    ("intent", "text", "expected"),
    [
        ("affirm", "/affirm", "ja"),
        ("deny", "/deny", "nee"),
        ("inform", "jaa dat klopt", "ja"),
        ("inform", "ok", "ja"),
        ("inform", "neen", "nee"),
        ("inform", "klopt niet", "nee"),
        ("inform", "misschien", None),
    ],
)
def test_yes_or_no(intent, text, expected):
    assert read.yes_no(intent, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("3", "3"), ("drie nachten", "3"), ("2,5 uur", "2.5"), ("elke dag", "7"), ("soms", None)],
)
def test_how_often_becomes_a_number(text, expected):
    assert read.frequency(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mijn mama en mijn zus", ["netwerk", "eigen"]),
        ("het OCMW", ["welzijn"]),
        ("een vergunde zorgaanbieder", ["vergund"]),
        ("iemand zonder vergunning", ["niet_vergund"]),
        ("ikzelf", ["eigen"]),
        ("rth", ["rth"]),
        ("geen idee", []),
    ],
)
def test_who_could_help(text, expected):
    assert read.who(text) == expected


def test_a_wish_is_a_support_type_no_help_or_the_words_typed():
    assert read.wish("een plek om te wonen", "woonondersteuning") == "woonondersteuning"
    assert read.wish("nee geen hulp", None) == "geen"
    assert read.wish("iemand die mee boodschappen doet", None) == (
        "iemand die mee boodschappen doet"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [("cash", "cash"), ("met vouchers", "voucher"), ("allebei", "combinatie"), ("?", None)],
)
def test_spending_form(text, expected):
    assert read.spending(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ik wil mijn antwoord over wonen aanpassen", "wonen"),
        ("dat over werk klopt niet", "dagbesteding"),
        ("mijn netwerk aanpassen", "network"),
        ("ik wil mijn droom veranderen", "dreams"),
        ("iets aanpassen", None),
    ],
)
def test_which_answer_to_change(text, expected):
    assert read.topic(text, None) == expected


def test_a_button_names_the_topic():
    assert read.topic("/change_answer", "vrije_tijd") == "vrije_tijd"


def test_without_consent_only_consent_is_asked():
    assert flow.required_slots({"consent": "nee"}) == ["consent"]


def test_the_intake_asks_story_then_network_then_domains_then_urgency():
    order = flow.required_slots({})
    assert order[:3] == ["consent", "speaker", "plan_name"]
    assert order.index("works_well") < order.index("member_name") < order.index("story_confirmed")
    assert order.index("story_confirmed") < order.index("wonen_now")
    assert order[-1] == "plan_confirmed"
    # without a wish, "how often" and "who" are not asked
    assert "wonen_often" not in order


def test_a_wish_adds_how_often_and_who():
    order = flow.required_slots({"wonen_wish": "woonondersteuning", "vrije_tijd_wish": "geen"})
    assert order.index("wonen_wish") < order.index("wonen_often") < order.index("wonen_who")
    assert "vrije_tijd_often" not in order


def test_the_network_loop_ends_with_no():
    assert "member_name" not in flow.required_slots({"member_more": "nee"})


def test_units_follow_the_support_functions():
    assert flow.unit_for("woonondersteuning") == "nachten per week"
    assert flow.unit_for("dagondersteuning") == "dagen per week"
    assert flow.unit_for("individuele_praktische_hulp") == "uren per week"
    assert flow.unit_for("iets anders") == "keer per week of per maand"


def test_stored_answers_become_slots_again():
    stored = {
        "speaker": "network",
        "person_ref": "Lotte",
        "good_day": "zwemmen",
        "member_more": "nee",
        **{f"network.1.{f}": "x" for f in ("name", "relation", "does_now", "could_do")},
        "network.2.name": "Ahmed",
        "wonen_wish": "woonondersteuning",
    }
    slots = flow.slots_from_answers(stored)
    assert slots["consent"] == "ja"
    assert slots["good_day"] == "zwemmen"
    assert slots["network_count"] == 1.0
    assert slots["member_name"] == "Ahmed"  # the member told halfway
    assert slots["wonen_wish"] == "woonondersteuning"
    assert slots["person_ref"] == "Lotte"
    assert all(slots[s] is None for s in STORY_SLOTS if s != "good_day")


def test_every_domain_has_its_four_questions_in_the_catalogue():
    for domain in DOMAINS:
        assert all(f"{domain}_{q}" in flow.ANSWER_SLOTS for q in ("now", "wish", "often", "who"))
    assert set(MEMBER_SLOTS) <= set(flow.FREE_TEXT_SLOTS)


def test_a_resumed_intake_knows_the_unit_of_the_open_question():
    slots = flow.slots_from_answers({"wonen_wish": "woonondersteuning"})
    assert slots["current_unit"] == "nachten per week"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("wat is een vergunde zorgaanbieder", True),
        ("cash of voucher?", True),
        ("/faq/budget_spending", True),
        ("een vergunde zorgaanbieder en mijn zus", False),
        ("met vouchers", False),
    ],
)
def test_a_faq_topic_interrupts_only_as_a_question(text, expected):
    assert read.is_question(text) is expected


@pytest.mark.parametrize(
    ("key", "label"),
    [
        ("good_day", "Een goede dag"),
        ("vrije_tijd_wish", "Vrije tijd: Welke hulp"),
        ("network.2.could_do", "Netwerk, persoon 2: Wat zou die nog kunnen doen?"),
        ("urgency_how_long", "Hoe lang al"),
        ("spending", "Cash of voucher"),
    ],
)
def test_stored_answers_are_shown_with_words_not_keys(key, label):
    assert answer_label(key) == label
