"""Reading intake answers, the order of the intake questions and how domain.yml asks them
(no servers needed)."""

from __future__ import annotations

import json
import re

import pytest
import yaml

from actions import intake_answers as read
from actions import intake_flow as flow
from actions.plan_summary import answer_label
from bot.config import PROJECT_ROOT
from bot.intake_catalogue import DOMAINS, NO_HELP, STORY_SLOTS, WHO, domain_slot
from knowledge import reference

DOMAIN = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))
PLACEHOLDER = re.compile(r"\{(\w+)\}")


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
    assert order.index("works_well") < order.index("dreams") < order.index("member_name")
    assert order.index("member_name") < order.index("wonen_now")
    # one "Klopt dit?" at the end, for the story and the wished support together
    assert "story_confirmed" not in order
    assert order[-1] == "plan_confirmed"
    # without a wish, "how often" and "who" are not asked
    assert "wonen_often" not in order


def test_a_wish_adds_how_often_and_who():
    order = flow.required_slots({"wonen_wish": "woonondersteuning", "vrije_tijd_wish": "geen"})
    assert order.index("wonen_wish") < order.index("wonen_often") < order.index("wonen_who")
    assert "vrije_tijd_often" not in order


def test_one_open_question_about_dreams_comes_before_the_dreams_of_the_chosen_domains():
    order = flow.required_slots({"life_domains": "wonen,vrije_tijd", "life_domains_more": "nee"})
    dreams = [slot for slot in order if slot.startswith("dream")]
    assert dreams == ["dreams", "dream_wonen", "dream_vrije_tijd"]


DREAM_SLOTS = ["dream_wonen", "dream_werk", "dream_vrije_tijd", "dream_relaties", "dream_leren"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "alleen in een klein appartement, werken in een dierenasiel, zwemmen, een lief vinden",
            {
                "dream_wonen": "alleen in een klein appartement",
                "dream_werk": "werken in een dierenasiel",
                "dream_vrije_tijd": "zwemmen",
                "dream_relaties": "een lief vinden",
            },
        ),
        # "en" between two dreams splits them; between two of one domain it does not
        (
            "ik wil alleen wonen en werken in een dierenasiel en zwemmen en fietsen",
            {
                "dream_wonen": "ik wil alleen wonen",
                "dream_werk": "werken in een dierenasiel",
                "dream_vrije_tijd": "zwemmen en fietsen",
            },
        ),
        # a part that names no domain stays with its neighbour: no word is lost
        ("ooit, een job in de keuken", {"dream_werk": "ooit, een job in de keuken"}),
        (
            "later een opleiding volgen. en een eigen huisje met mijn vriendin",
            {
                "dream_leren": "later een opleiding volgen",
                "dream_wonen": "een eigen huisje met mijn vriendin",
            },
        ),
        ("gewoon gelukkig zijn", {}),
    ],
)
def test_an_open_answer_about_dreams_is_split_over_the_life_domains(text, expected):
    assert read.dreams_told(text, DREAM_SLOTS) == expected


def test_a_dream_of_a_domain_not_chosen_is_not_split_off():
    assert read.dreams_told("zwemmen en een eigen huis", ["dream_wonen"]) == {
        "dream_wonen": "zwemmen en een eigen huis"
    }


@pytest.mark.parametrize(
    ("text", "often", "who"),
    [
        ("3 nachten, een vergunde zorgaanbieder en mijn zus", "3", ["vergund", "netwerk"]),
        ("woonondersteuning, vier dagen bij een vergunde zorgaanbieder", "4", ["vergund"]),
        ("2 uur per week, van het OCMW", "2", ["welzijn"]),
        ("elke dag", "7", []),
        # a bare "ik" says nothing about who helps; "een" without a unit is no number
        ("ik heb 3 nachten nodig", "3", []),
        ("ik wil een begeleider", None, []),
    ],
)
def test_how_often_and_who_can_be_told_in_one_answer(text, often, who):
    assert read.amount(text) == often
    assert read.who_also_named(text) == who


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("nee, ik heb meer begeleiding nodig dan nu", "ik heb meer begeleiding nodig dan nu"),
        ("neen want het gaat echt niet meer", "want het gaat echt niet meer"),
        ("nee", None),
        ("nee niet echt", None),
        ("ja het gaat", None),
    ],
)
def test_a_no_with_a_reason_tells_what_is_missing(text, expected):
    assert read.reason_after_no(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "mijn ouders zorgen elke dag voor mij, al twee jaar",
            ("mijn ouders zorgen elke dag voor mij", "al twee jaar"),
        ),
        ("mijn zus doet alles sinds de zomer", ("mijn zus doet alles", "sinds de zomer")),
        ("mijn mama doet alles al 3 jaar", ("mijn mama doet alles", "al 3 jaar")),
        ("mijn ouders zorgen elke dag voor mij", None),
        ("al lang", None),  # only how long: the care itself is not told
    ],
)
def test_care_by_the_network_can_say_how_long_too(text, expected):
    assert read.how_long_told(text) == expected


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


def every_question() -> list[str]:
    """Every question the intake form can ask: a wish in each life domain adds "how often"
    and "who", and the network loop is still open."""
    return flow.required_slots({domain_slot(d, "wish"): "dagondersteuning" for d in DOMAINS})


def ask_texts(slot: str) -> list[dict]:
    """The variations of the response Rasa utters to ask for `slot` in the intake form."""
    responses = DOMAIN["responses"]
    name = next(
        (n for n in (f"utter_ask_intake_form_{slot}", f"utter_ask_{slot}") if n in responses), None
    )
    assert name, f"no utter_ask_{slot} in domain.yml"
    return responses[name]


def choices(variation: dict) -> list[str]:
    """The button choices of a question: `/inform{"choice": ...}` values, "/skip" as is."""
    found = []
    for button in variation.get("buttons", []):
        # As Rasa sends it: domain.yml doubles a payload's JSON braces (see its responses).
        payload = button["payload"].replace("{{", "{").replace("}}", "}")
        if payload.startswith("/inform"):
            found.append(json.loads(payload[len("/inform") :])["choice"])
        else:
            found.append(payload)
    return found


def test_every_question_of_the_intake_is_a_slot_asked_with_a_dutch_text():
    questions = every_question()
    assert len(questions) == len(set(questions))
    for slot in questions:
        assert slot in DOMAIN["slots"], f"{slot} is asked but is no slot in domain.yml"
        if f"action_ask_{slot}" in DOMAIN["actions"]:  # "Klopt dit?" with a summary
            continue
        for variation in ask_texts(slot):
            assert variation["text"].strip(), slot
            for placeholder in PLACEHOLDER.findall(variation["text"]):
                # A placeholder that is no slot would be shown to the person as "{...}".
                assert placeholder in DOMAIN["slots"], (slot, placeholder)


# How an eenvoudig question names a life domain whose label it cannot use as it is.
PLAIN_LABELS = {"huishouden": "huishouden", "mobiliteit": "verplaatsen"}


def condition(variation: dict, slot: str) -> str | None:
    return next((c["value"] for c in variation.get("condition", []) if c["name"] == slot), None)


def reading_level(variation: dict) -> str:
    return condition(variation, "reading_level") or "gewoon"


@pytest.mark.parametrize("domain", list(DOMAINS))
def test_the_questions_about_a_life_domain_name_that_domain(domain):
    label = DOMAINS[domain].lower()
    for question in ("now", "wish"):
        variations = ask_texts(domain_slot(domain, question))
        for level in ("gewoon", "eenvoudig"):
            at_level = [v for v in variations if reading_level(v) == level]
            if level == "eenvoudig" and not at_level:
                continue  # the gewoon questions are asked at both levels
            # one for the person, one for someone of the network, who hears about {person_ref}
            assert len(at_level) == 2, (domain, question, level)
            named = label if level == "gewoon" else PLAIN_LABELS.get(domain, label)
            for variation in at_level:
                assert named in variation["text"].lower(), (domain, question, variation["text"])
            about_someone = [v for v in at_level if condition(v, "speaker") == "network"]
            assert len(about_someone) == 1 and "{person_ref}" in about_someone[0]["text"]


@pytest.mark.parametrize("domain", list(DOMAINS))
def test_the_wish_buttons_are_support_types_no_help_or_skip(domain):
    support_types = {category.id for category in reference.support_types()}
    variations = ask_texts(domain_slot(domain, "wish"))
    offered = choices(variations[0])
    assert all(choices(v) == offered for v in variations), domain
    assert offered[-2:] == [NO_HELP, "/skip"], domain
    assert offered[:-2] and set(offered[:-2]) <= support_types, domain


@pytest.mark.parametrize("domain", list(DOMAINS))
def test_how_often_is_asked_in_the_unit_and_who_offers_every_circle(domain):
    for often in ask_texts(domain_slot(domain, "often")):  # at each reading level
        assert "{current_unit}" in often["text"]
        assert choices(often) == ["/skip"]
    for who in ask_texts(domain_slot(domain, "who")):
        assert choices(who) == [*WHO, "/skip"]


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
