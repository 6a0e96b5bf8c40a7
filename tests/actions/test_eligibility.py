"""The "wat past bij mij?" form: reading the answers (validate_eligibility_form) and
showing the rights that may fit (action_show_rights)."""

from __future__ import annotations

import pytest

from actions.eligibility import ActionAskAge, ActionShowRights, ValidateEligibilityForm
from tests.actions.conftest import Turn, load_tracker, run_action, user

NOT_UNDERSTOOD = 'Dat begrijp ik niet goed. Kies een knop, of typ "sla over".'


async def answer(question: str, said: dict, extracted: dict) -> Turn:
    """The form asked `question` (after speaker, age 34) and the user said `said`."""
    tracker = load_tracker(
        "eligibility_asks_place", said, extracted=extracted, slots={"requested_slot": question}
    )
    return await run_action(ValidateEligibilityForm(), tracker)


def typed(text: str) -> dict:
    return user(text, "inform")


@pytest.mark.parametrize(
    ("said", "extracted", "age"),
    [
        (typed("ik ben 8 jaar"), {"age": "ik ben 8 jaar"}, "8"),
        (typed("minderjarig"), {"age": "minderjarig"}, "0-17"),
        (typed("65+"), {"age": "65+"}, "65-120"),
        (user('/inform{"age": "18-64"}', "inform", {"age": "18-64"}), {"age": "18-64"}, "18-64"),
        (user("/skip", "skip"), {"age": "/skip"}, "onbekend"),
        # The age someone turns is one more than they have: "wordt 65" can still apply.
        (typed("ze wordt 65 volgend jaar"), {"age": "ze wordt 65 volgend jaar"}, "64"),
        (user("ons ma wordt 65 volgend jaar", "inform", {"age": "65"}), {"age": "65"}, "64"),
        (user("ons ma is 65", "inform", {"age": "65"}), {"age": "65"}, "65"),
    ],
)
async def test_an_age_or_an_age_band_is_understood(said, extracted, age):
    turn = await answer("age", said, extracted)

    assert turn.slots == {"age": age}
    assert turn.texts == []


async def test_the_age_question_offers_the_age_groups_with_the_vaph_age_limit():
    turn = await run_action(ActionAskAge(), load_tracker("eligibility_asks_speaker"))

    assert turn.texts == ["Hoe oud ben je? Typ je leeftijd of kies een groep."]
    assert turn.buttons == [
        "Jonger dan 18",
        "18 tot 64 jaar",
        "65 jaar of ouder",  # PVB.first_request_before_age in rights.yml
        "Zeg ik liever niet",
    ]
    payloads = [b["payload"] for reply in turn.replies for b in reply["buttons"]]
    assert payloads[:3] == [
        '/inform{"age": "0-17"}',
        '/inform{"age": "18-64"}',
        '/inform{"age": "65-120"}',
    ]


async def test_the_age_question_asks_about_the_person_from_the_network():
    tracker = load_tracker(
        "eligibility_asks_speaker", slots={"speaker": "network", "person_ref": "Lotte"}
    )

    turn = await run_action(ActionAskAge(), tracker)

    assert turn.texts == ["Hoe oud is Lotte? Typ de leeftijd of kies een groep."]
    assert turn.buttons[0] == "Jonger dan 18"


@pytest.mark.parametrize("text", ["blauw", "150", "tussen 3 en 4"])
async def test_an_age_that_is_not_understood_is_asked_again(text):
    turn = await answer("age", typed(text), {"age": text})

    assert turn.slots == {"age": None}
    assert turn.texts == ["Die leeftijd begrijp ik niet. Typ de leeftijd als getal."]


async def test_a_postcode_taken_for_an_age_keeps_the_age_given_before():
    said = user("3000", "inform", {"postcode": "3000", "age": "3000"})

    turn = await answer("place", said, {"place": "3000", "age": "3000"})

    assert turn.slots == {"place": "Leuven", "age": "34"}
    assert turn.texts == ["Postcode 3000 is Leuven."]


async def test_a_wrong_value_for_a_question_not_asked_yet_is_dropped_quietly():
    said = user("voor mezelf, ik woon in 3000", "identify_as_person", {"age": "3000"})
    tracker = load_tracker(
        "eligibility_asks_speaker", said, extracted={"speaker": "person", "age": "3000"}
    )

    turn = await run_action(ValidateEligibilityForm(), tracker)

    assert turn.slots["age"] is None
    assert turn.slots["speaker"] == "person"
    assert turn.texts == []


@pytest.mark.parametrize(
    ("said", "extracted", "place", "told"),
    [
        (user("Leuven", "inform", {"municipality": "Leuven"}), {"place": "Leuven"}, "Leuven", []),
        (
            user("ik woon in 3000", "inform", {"postcode": "3000"}),
            {"place": "3000"},
            "Leuven",
            ["Postcode 3000 is Leuven."],  # a postcode is confirmed as the place
        ),
        (typed("Kortrik"), {"place": "Kortrik"}, "Kortrijk", ["Ik lees: Kortrijk."]),
        (typed("Bruxelles"), {"place": "Bruxelles"}, "Brussel", ["Ik lees: Brussel."]),
        (typed("provincie limburg"), {"place": "provincie limburg"}, "provincie Limburg", []),
        (user("/skip", "skip"), {"place": "/skip"}, "onbekend", []),
    ],
)
async def test_a_municipality_postcode_or_province_is_understood(said, extracted, place, told):
    turn = await answer("place", said, extracted)

    assert turn.slots == {"place": place}
    assert turn.texts == told


@pytest.mark.parametrize(
    ("text", "place"), [("Namen", "Wallonië"), ("Nederland", "het buitenland")]
)
async def test_outside_flanders_is_kept_and_explained(text, place):
    turn = await answer("place", typed(text), {"place": text})

    assert turn.slots == {"place": place}
    assert turn.responses == [
        "utter_read_as",
        "utter_lives_outside_flanders",
        "utter_check_goes_on_outside_flanders",
    ]
    assert turn.texts[0] == f"Ik lees: {place}."
    assert turn.texts[1].startswith("De hulp van het VAPH is voor wie in Vlaanderen of Brussel")
    assert turn.texts[2].startswith("Ik zoek toch verder")


async def test_an_unknown_place_is_asked_again():
    turn = await answer("place", typed("Atlantis"), {"place": "Atlantis"})

    assert turn.slots == {"place": None}
    assert turn.texts == [
        "Die gemeente ken ik niet. Typ de naam van de gemeente of de postcode, "
        "bijvoorbeeld Gent of 9000."
    ]


@pytest.mark.parametrize(
    ("question", "text", "value"),
    [
        ("vaph_known", "nee nog niet", "nee"),
        ("vaph_known", "ja ik ben erkend", "erkend"),
        ("vaph_known", "ik heb al een budget", "budget"),
        ("vaph_known", "prioriteitengroep", "prioriteitengroep"),
        ("urgent", "het is niet zo dringend", "nee"),
        ("urgent", "ja", "ja"),
        ("urgent", "ja heel dringend", "ja"),
        ("help_kind", "een aangepaste rolstoel", "hulpmiddelen"),
        ("help_kind", "ergens logeren in het weekend", "kort_verblijf"),
        ("help_kind", "advies", "advies"),
    ],
)
async def test_a_choice_in_own_words_is_understood(question, text, value):
    turn = await answer(question, typed(text), {question: text})

    assert turn.slots == {question: value}
    assert turn.texts == []


async def test_a_support_type_in_the_answer_gives_the_help_kind():
    said = user("woonondersteuning", "inform", {"support_type": "woonondersteuning"})

    turn = await answer("help_kind", said, {"help_kind": "woonondersteuning"})

    assert turn.slots == {"help_kind": "wonen"}


@pytest.mark.parametrize("question", ["vaph_known", "urgent", "help_kind"])
async def test_a_skipped_choice_is_unknown(question):
    turn = await answer(question, user("/skip", "skip"), {question: "/skip"})

    assert turn.slots == {question: "onbekend"}


@pytest.mark.parametrize("question", ["vaph_known", "urgent", "help_kind"])
async def test_a_choice_that_is_not_understood_is_asked_again(question):
    turn = await answer(question, typed("banaan"), {question: "banaan"})

    assert turn.slots == {question: None}
    assert turn.texts == [NOT_UNDERSTOOD]


# --- action_show_rights -----------------------------------------------------------------------

RTH = "Rechtstreeks toegankelijke hulp (RTH)"
VAPH_EXPLAINED = "Het VAPH is de Vlaamse dienst voor mensen met een handicap."  # eenvoudig


async def show_rights(**slots) -> Turn:
    """The saved form: for the person, 34, Leuven, not known at the VAPH, begeleiding, not
    urgent; `slots` changes answers."""
    return await run_action(ActionShowRights(), load_tracker("eligibility_done", slots=slots))


PVB = "Persoonsvolgend budget (PVB)"


def shown(turn: Turn, title: str) -> str:
    """The text of the right whose first line is `title`."""
    return next(text for text in turn.texts if text.split("\n")[0] == title)


async def test_the_rights_that_may_fit_come_with_why_and_where_to_go():
    turn = await show_rights()

    assert turn.responses == ["utter_rights_intro", None, None, "utter_rights_next_steps"]
    assert turn.texts[0].startswith("Dit kan misschien bij je passen. Ik beslis niets")
    lines = shown(turn, RTH).split("\n")
    assert lines[0] == RTH
    assert lines[1].startswith("Beperkte ondersteuning voor mensen met een handicap")
    assert lines[2] == (
        "Waarom dit misschien past: je bent 34 en een eerste aanvraag kan tot 65 jaar; "
        "je woont in Leuven, en dit is voor wie in Vlaanderen of Brussel woont; "
        "je hebt hiervoor geen erkenning van het VAPH nodig; "
        "je zoekt begeleiding, en daar helpt dit bij."
    )
    # The VAPH office of the person's province is added to where to go.
    assert lines[3].startswith("Waar kan je terecht: ")
    assert lines[3].endswith("VAPH, provinciaal kantoor Vlaams-Brabant.")
    assert turn.texts[-1].startswith("Onthoud: het VAPH (of de dienst die de hulp geeft) beslist")
    assert turn.buttons == [
        "Hulp zoeken in de buurt",
        "Uitleg over de DOP",
        "Mijn plan maken",
        "Met een mens praten",
    ]
    assert turn.events[0] == {
        "event": "slot",
        "timestamp": None,
        "name": "requested_slot",
        "value": None,
    }
    # The rights shown are kept for the summary of a later hand-off.
    assert RTH.removesuffix(" (RTH)") in turn.slots["rights_shown"]


async def test_someone_the_vaph_does_not_know_yet_may_still_apply_for_a_pvb():
    """The VAPH assesses the recognition during the PVB application (brief §1.2): "Kent het
    VAPH je al? Nee, nog niet" does not rule the PVB out, and the reason says so."""
    turn = await show_rights(help_kind="wonen")

    reasons = shown(turn, PVB).split("\n")[2]
    assert (
        "je bent nog niet erkend door het VAPH; het VAPH bekijkt bij de aanvraag of het je "
        "erkent" in reasons
    )
    easy = await show_rights(help_kind="wonen", reading_level="eenvoudig")
    assert "- Het VAPH bekijkt bij de aanvraag of het je erkent." in easy.text
    # A right the VAPH only gives to people it already recognised stays out.
    assert not any(text.startswith("Basisondersteuningsbudget") for text in turn.texts)


@pytest.mark.parametrize(
    ("place", "lives", "office"),
    [
        ("provincie Limburg", "je woont in Vlaanderen", None),
        ("Brussel", "je woont in Brussel", "VAPH, provinciaal kantoor Vlaams-Brabant"),
    ],
)
async def test_the_reasons_and_the_office_follow_the_place(place, lives, office):
    turn = await show_rights(place=place)

    lines = turn.texts[1].split("\n")
    assert f"; {lives}, en dit is voor wie in Vlaanderen of Brussel woont;" in lines[2]
    assert lines[3].endswith(f"{office}.") if office else "provinciaal kantoor" not in lines[3]


async def test_easy_language_leaves_out_the_summary_of_each_right():
    turn = await show_rights(reading_level="eenvoudig")

    assert turn.texts[0] == (
        "Dit kan misschien passen.\nIk beslis niets. Het VAPH of een andere dienst beslist.\n"
        f"{VAPH_EXPLAINED}"
    )
    # The name, a glossary term, is said by its explanation; nothing in brackets.
    rth = next(text for text in turn.texts if text.startswith("Rechtstreeks toegankelijke"))
    assert rth.split("\n")[:5] == [
        "Rechtstreeks toegankelijke hulp is hulp die je zelf vraagt aan een organisatie.",
        "Waarom dit misschien past:",
        "- Je bent 34 jaar.",
        "- Een eerste aanvraag kan tot 65 jaar.",
        "- Je woont in Leuven. Dit is voor wie in Vlaanderen of Brussel woont.",
    ]
    # A term is explained with the glossary's sentence where it is first used.
    assert (
        f"{VAPH_EXPLAINED}\n- Je hebt hiervoor geen erkenning van het VAPH nodig.\n"
        "Erkend zijn betekent dat het VAPH vaststelt dat je een handicap hebt.\n"
        "- Je zoekt begeleiding. Daar helpt dit bij.\n" in rth
    )
    assert turn.texts[-1] == (
        f"Het VAPH beslist of je de hulp krijgt.\n{VAPH_EXPLAINED}\nWat wil je nu doen?"
    )


async def test_for_someone_from_the_network_the_reasons_name_the_person():
    turn = await show_rights(speaker="network", person_ref="Lotte", person_name="Lotte", age="12")

    assert [text.split("\n")[0] for text in turn.texts[1:-1]] == [
        "Multifunctioneel centrum (MFC)",
        RTH,
    ]
    assert (
        "Waarom dit misschien past: Lotte is 12 en een eerste aanvraag kan tot 65 jaar; "
        "Lotte woont in Leuven" in turn.texts[2]
    )
    assert "Lotte heeft hiervoor geen erkenning van het VAPH nodig" in turn.texts[2]
    assert "je bent" not in turn.text
    assert turn.texts[0].startswith("Dit kan misschien passen bij Lotte.")
    other = await show_rights(speaker="network", person_ref="je moeder", age="70", place="Gent")
    assert other.texts[0].startswith(
        "Voor de hulp die je koos, vond ik niets dat zeker past. "
        "Andere hulp kan misschien wel passen bij je moeder."
    )


async def test_urgent_puts_the_pvb_first_with_the_noodprocedure():
    turn = await show_rights(vaph_known="erkend", help_kind="geld", urgent="ja")

    first = turn.texts[1].split("\n")
    assert first[0] == "Persoonsvolgend budget (PVB)"
    assert first[2].startswith(
        "Waarom dit misschien past: het is dringend, en daarvoor bestaat een noodprocedure; "
    )
    assert first[-2:] == [
        "Het is dringend: vraag het VAPH naar de noodprocedure PVB. Het VAPH beslist.",
        "Is er nu gevaar? Bel dan meteen 112.",
    ]
    assert "DOP" not in "\n".join(first[-2:])  # the brief gives a DOP no role in it


async def test_urgent_in_easy_language_explains_the_noodprocedure():
    turn = await show_rights(
        reading_level="eenvoudig", vaph_known="erkend", help_kind="geld", urgent="ja"
    )

    first = turn.texts[1].split("\n")
    assert first[:4] == [
        "Een persoonsvolgend budget is geld voor hulp op maat.",
        "Waarom dit misschien past:",
        "- Het is dringend. Daarvoor bestaat een noodprocedure.",
        "De noodprocedure is een snelle weg naar een tijdelijk budget bij nood.",
    ]
    assert first[-2:] == [
        "Het is dringend: vraag het VAPH naar de noodprocedure PVB. Het VAPH beslist.",
        "Is er nu gevaar? Bel dan meteen 112.",
    ]


async def test_more_than_eight_rights_are_counted_instead_of_shown():
    turn = await show_rights(
        age="onbekend", place="onbekend", vaph_known="onbekend", help_kind="onbekend"
    )

    assert turn.responses == [
        "utter_rights_intro",
        *[None] * 8,
        "utter_rights_more",
        "utter_rights_next_steps",
    ]
    assert turn.texts[9] == (
        "Er is nog meer hulp (5 andere). Zeg welke hulp je zoekt, dan toon ik wat het best past."
    )


async def test_a_first_request_at_67_shows_other_help_instead_of_a_dead_end():
    """At 67 and unknown at the VAPH nothing fits "begeleiding" (a first request must come
    before 65, brief §1.2); the zorgbudget voor ouderen (brief §5.3) fits the rest of the
    profile and is shown, with a first line that says it is other help."""
    turn = await show_rights(age="67", place="Gent")

    assert turn.responses[0] == "utter_rights_other_help"
    assert turn.texts[0].startswith("Voor de hulp die je koos, vond ik niets dat zeker past.")
    titles = [text.split("\n")[0] for text in turn.texts[1:-1]]
    assert "Zorgbudget voor ouderen met een zorgnood" in titles
    assert PVB not in titles and RTH not in titles
    assert "Bijstandsorganisatie" not in titles  # for budget holders; not known at the VAPH
    reasons = shown(turn, "Zorgbudget voor ouderen met een zorgnood").split("\n")[2]
    assert "je bent 67" in reasons and "begeleiding" not in reasons
    assert "Zorgbudget voor ouderen met een zorgnood" in turn.slots["rights_shown"]


async def test_outside_flanders_other_help_includes_what_is_for_all_of_belgium():
    turn = await show_rights(place="Wallonië")

    assert turn.responses[0] == "utter_rights_other_help"
    federal = shown(
        turn, "Inkomensvervangende tegemoetkoming en integratietegemoetkoming (federaal) (IVT/IT)"
    )
    assert "je woont in Wallonië, en dit kan overal in België" in federal
    assert PVB not in [text.split("\n")[0] for text in turn.texts]


async def test_nothing_that_fits_points_to_a_dop(monkeypatch):
    # Every profile fits some right of today's knowledge base (rights whose residence the
    # brief does not state exclude nobody); the answer for none must still be kind.
    monkeypatch.setattr("knowledge.queries.rights_for_profile", lambda *args, **kwargs: [])
    turn = await show_rights(place="Wallonië")

    assert turn.responses == ["utter_rights_none", "utter_rights_next_steps"]
    assert turn.texts[0].startswith("Ik vond geen hulp die zeker past bij wat je vertelde.")
    assert "Een Dienst Ondersteuningsplan (DOP) zoekt gratis samen met je" in turn.texts[0]
