"""The provider search over the REST channel, with the real servers and knowledge base."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from knowledge import db, queries, reference
from tests.chat import knowledge_answer, new_sender, texts, titles

pytestmark = pytest.mark.rasa


# How a provider's licence is told (one line under its name).
LICENSED = "Vergunde zorgaanbieder: erkend door het VAPH"
NOT_LICENSED = "Geen vergunning van het VAPH"


@dataclass(frozen=True)
class Expected:
    """A provider as the knowledge base has it."""

    name: str
    municipality: str
    licensed: bool
    phone: str | None
    website: str | None


def expected(place: str, page: int = 1, **filters) -> tuple[list[Expected], int]:
    """One page of the search in the knowledge base, and the total number found."""
    with db.session() as session:
        municipality = queries.resolve_municipality(session, place)
        result = queries.find_providers(session, municipality=municipality, page=page, **filters)
        providers = [
            Expected(p.name, p.municipality.name, p.licensed, p.phone, p.website)
            for p in (match.provider for match in result.items)
        ]
        return providers, result.total


def expected_names(place: str, page: int = 1, **filters) -> tuple[list[str], int]:
    providers, total = expected(place, page, **filters)
    return [provider.name for provider in providers], total


# After the results: the person can change the place, the support type or the target group.
CHANGE = ["Andere gemeente", "Andere soort hulp", "Andere doelgroep"]
ANOTHER_SUPPORT_TYPE = '/other_place{"intake_topic": "support_type"}'
ANOTHER_TARGET_GROUP = '/other_place{"intake_topic": "target_group"}'


def listed(replies: list[dict]) -> str:
    """The results: "Ik zocht ... Ik vond ..." and each provider as its own message (Rasa
    splits a text on blank lines, which screen readers then read as separate messages)."""
    found = texts(replies)
    start = next(i for i, text in enumerate(found) if text.startswith("Ik zocht"))
    return "\n".join(found[start:])


def announced(replies: list[dict]) -> str:
    """The first line of the results or of the no-result answer: what was searched."""
    return next(text for text in texts(replies) if text.startswith("Ik zocht "))


def category(name: str, categories) -> str:
    """A support type's or target group's name as `searched` says it (lower case first)."""
    found = next(c.name for c in categories if c.id == name)
    return found[:1].lower() + found[1:]


def shown_providers(replies: list[dict]) -> dict[int, list[str]]:
    """Each provider message by its number: its lines, "6. Name (Municipality)" first."""
    shown = {}
    for text in texts(replies):
        if numbered := re.match(r"(\d+)\. ", text):
            shown[int(numbered.group(1))] = text.splitlines()
    return shown


def assert_shows(replies: list[dict], providers: list[Expected], first: int) -> None:
    """The providers, numbered from `first`, each with its licence, phone and website."""
    shown = shown_providers(replies)
    assert sorted(shown) == list(range(first, first + len(providers))), texts(replies)
    for number, provider in enumerate(providers, start=first):
        lines = shown[number]
        # The example providers' names end with their municipality, said only once.
        assert lines[0] == f"{number}. {provider.name}"
        assert provider.name.endswith(f"({provider.municipality})")
        assert lines[1] == (LICENSED if provider.licensed else NOT_LICENSED), lines
        if provider.phone:
            assert f"Telefoon: {provider.phone}" in lines
        if provider.website:
            assert f"Website: {provider.website}" in lines


def test_search_shows_five_at_a_time_and_more_shows_the_next_ones(assistant):
    # Every place and support type has at most 2 demo providers in its province; a place
    # without a support type has 6: a second page.
    first_page, total = expected("Hasselt")
    second_page, _ = expected("Hasselt", page=2)
    assert len(first_page) == 5 and 0 < len(second_page) <= 5 and total == 5 + len(second_page)
    # both wordings of the licence are on the first page
    assert {provider.licensed for provider in first_page} == {True, False}

    sender = new_sender()
    replies = assistant.replies(sender, "ik zoek aanbieders in hasselt")
    assert texts(replies)[-1] == "Welke soort hulp zoek je?"  # the place was understood
    replies = assistant.replies(sender, "/skip")  # "Maakt niet uit"
    assert texts(replies)[-1].startswith("Voor wie is de hulp?")
    replies = assistant.replies(sender, "maakt niet uit")

    assert "dit is een voorbeeld" in texts(replies)[0]  # the demo data set says so
    # What was searched comes first: "maakt niet uit" twice is said as such.
    searched = "Ik zocht alle soorten hulp voor alle doelgroepen in Hasselt."
    assert f"{searched} Ik vond {total} aanbieders. Dit zijn er 1 tot 5:" in texts(replies)
    assert_shows(replies, first_page, first=1)
    assert texts(replies)[-1] == (
        "Wil je er meer zien? Of wil je de gemeente, de soort hulp of de doelgroep aanpassen?"
    )
    assert titles(replies) == ["Meer tonen", *CHANGE, "Iets anders vragen"]

    more = assistant.replies(sender, "toon er nog meer")
    assert f"{searched} Ik vond {total} aanbieders. Dit zijn er 6 tot {total}:" in texts(more)
    assert_shows(more, second_page, first=6)
    assert not {p.name for p in second_page} & {p.name for p in first_page}
    assert not any(line.startswith(("1. ", "5. ")) for line in texts(more))
    assert texts(more)[-1].startswith("Meer vond ik niet.")
    assert "Meer tonen" not in titles(more)


def test_search_with_place_and_support_type_in_the_message_and_another_place(assistant):
    sender = new_sender()
    replies = assistant.replies(sender, "zoek een dagcentrum in hasselt")
    # Place and support type came with the message: only the target group is asked.
    assert texts(replies)[-1].startswith("Voor wie is de hulp?")

    replies = assistant.replies(sender, "maakt niet uit")
    providers, total = expected("Hasselt", support_type="dagondersteuning")
    assert 0 < total <= 5
    assert "dit is een voorbeeld" in texts(replies)[0]
    assert announced(replies) == (
        f"Ik zocht dagondersteuning voor alle doelgroepen in Hasselt. Ik vond {total} "
        f"aanbieders. Dit zijn er 1 tot {total}:"
    )
    assert_shows(replies, providers, first=1)
    assert "Meer tonen" not in titles(replies)  # all are shown

    assert titles(replies) == [*CHANGE, "Iets anders vragen"]
    asked = assistant.replies(sender, "/other_place")
    assert texts(asked)[-1].startswith("Waar zoek je hulp?")
    again = assistant.replies(sender, "3600")  # Genk, by postcode
    genk, total = expected("Genk", support_type="dagondersteuning")
    # The municipality is said with the postcode it was read from.
    assert announced(again) == (
        f"Ik zocht dagondersteuning voor alle doelgroepen in Genk (postcode 3600). Ik vond "
        f"{total} aanbieders. Dit zijn er 1 tot {total}:"
    )
    assert_shows(again, genk, first=1)


def test_providers_outside_the_place_searched_come_after_a_message_that_says_so(assistant):
    with db.session() as session:
        result = queries.find_providers(
            session,
            municipality=queries.resolve_municipality(session, "Hasselt"),
            support_type="dagondersteuning",
        )
        nearness = [match.nearness for match in result.items]
    # The demo data has dagondersteuning in Hasselt and elsewhere in Limburg.
    assert "municipality" in nearness and "province" in nearness
    in_hasselt = nearness.index("province")

    sender = new_sender()
    assistant.replies(sender, "zoek een dagcentrum in hasselt")
    found = texts(assistant.replies(sender, "maakt niet uit"))

    line = found.index("Niet in Hasselt zelf, maar wel elders in de provincie Limburg:")
    assert found[line - 1].startswith(f"{in_hasselt}. ")  # the last one in Hasselt
    assert found[line + 1].startswith(f"{in_hasselt + 1}. ")  # the first one elsewhere
    assert sum(text.startswith("Niet in ") for text in found) == 1


def searched_in_gent(support_type: str, target_group: str) -> str:
    """What was searched in Gent, given as postcode 9000, as the answer says it."""
    support = category(support_type, reference.support_types())
    group = category(target_group, reference.target_groups())
    return f"Ik zocht {support} voor mensen met {group} in Gent (postcode 9000)"


def assert_found_in_gent(replies: list[dict], support_type: str, target_group: str) -> None:
    """The results in Gent start with what was searched: place, support type, target group."""
    providers, total = expected("Gent", support_type=support_type, target_group=target_group)
    assert total > 0
    assert announced(replies).startswith(f"{searched_in_gent(support_type, target_group)}. ")
    assert_shows(replies, providers, first=1)
    assert set(CHANGE) <= set(titles(replies))


def test_the_results_repeat_the_search_and_each_answer_can_be_changed(assistant):
    sender = new_sender()
    assistant.replies(sender, "ik zoek een voorziening")
    assistant.replies(sender, "9000")  # Gent, by postcode
    assistant.replies(sender, '/inform{"support_type": "woonondersteuning"}')
    replies = assistant.replies(sender, '/inform{"target_group": "autisme"}')
    assert_found_in_gent(replies, "woonondersteuning", "autisme")

    # "Andere doelgroep": only the target group is asked again.
    asked = assistant.replies(sender, ANOTHER_TARGET_GROUP)
    assert texts(asked)[-1].startswith("Voor wie is de hulp?")
    replies = assistant.replies(sender, '/inform{"target_group": "nah"}')
    assert_found_in_gent(replies, "woonondersteuning", "nah")

    # "Andere soort hulp": only the support type is asked again; nothing found is said the
    # same way, with the same ways to change it.
    asked = assistant.replies(sender, ANOTHER_SUPPORT_TYPE)
    assert texts(asked)[-1] == "Welke soort hulp zoek je?"
    replies = assistant.replies(sender, '/inform{"support_type": "logeren"}')
    assert expected("Gent", support_type="logeren", target_group="nah")[1] == 0
    assert announced(replies).startswith(f"{searched_in_gent('logeren', 'nah')}, maar vond geen ")
    assert titles(replies) == ["Breder zoeken", *CHANGE, "Met een mens praten"]


def test_a_place_right_after_the_results_searches_the_same_there(assistant):
    """ "En in Leuven" after results is the same search in Leuven, not "Sorry, dat heb ik
    niet goed begrepen"; a second place after it too."""
    sender = new_sender()
    assistant.replies(sender, "zoek een dagcentrum in hasselt")
    assistant.replies(sender, "maakt niet uit")

    replies = assistant.replies(sender, "en in leuven")
    providers, total = expected("Leuven", support_type="dagondersteuning")
    assert announced(replies).startswith(
        f"Ik zocht dagondersteuning voor alle doelgroepen in Leuven. Ik vond {total} "
    )
    assert_shows(replies, providers, first=1)

    again = assistant.replies(sender, "en in 9000?")
    assert announced(again).startswith(
        "Ik zocht dagondersteuning voor alle doelgroepen in Gent (postcode 9000)."
    )


def test_a_target_group_or_kind_of_help_right_after_the_results_changes_only_that(assistant):
    """ "En voor mensen met autisme?" after results is the same search for that target group,
    not "Ik lees: autisme" with the menu; "en woonondersteuning?" then changes the kind of
    help and keeps the rest."""
    sender = new_sender()
    assistant.replies(sender, "zoek een dagcentrum in hasselt")
    assistant.replies(sender, "maakt niet uit")
    autism = category("autisme", reference.target_groups())

    replies = assistant.replies(sender, "en voor mensen met autisme?")
    assert announced(replies).startswith(
        f"Ik zocht dagondersteuning voor mensen met {autism} in Hasselt"
    )

    again = assistant.replies(sender, "en woonondersteuning?")
    assert announced(again).startswith(
        f"Ik zocht woonondersteuning voor mensen met {autism} in Hasselt"
    )


def test_asking_whether_they_are_expensive_after_the_results_says_what_help_costs(assistant):
    """ "Zijn die duur" right after the results was "niet begrepen": it is a question about
    costs, answered from the knowledge base."""
    sender = new_sender()
    assistant.replies(sender, "zoek een dagcentrum in hasselt")
    assistant.replies(sender, "maakt niet uit")

    replies = assistant.replies(sender, "zijn die duur")
    assert texts(replies)[0] == knowledge_answer("costs")


def test_asking_about_a_waiting_list_after_the_results_is_about_those_providers(assistant):
    """Right after the results, the VAPH's waiting list for a budget is not what was asked:
    Wegwijzer says it does not know the providers' lists, and offers the VAPH's answer."""
    sender = new_sender()
    assistant.replies(sender, "zoek een dagcentrum in hasselt")
    assistant.replies(sender, "maakt niet uit")

    replies = assistant.replies(sender, "hoe lang is de wachtlijst daar")
    assert texts(replies)[0].startswith("Of een aanbieder een wachtlijst heeft, weet ik niet.")
    assert "Wachten op een budget van het VAPH" in titles(replies)
    vaph = assistant.replies(sender, "/faq/waiting_time")
    assert texts(vaph)[0] == knowledge_answer("waiting_time")


def test_asking_how_to_call_them_after_the_results_points_to_their_numbers(assistant):
    """ "hoe kan ik die bellen" right after the results started a hand-off to the team: the
    person means the providers, whose numbers are in the results. A human stays one button
    away, and the conversation goes on without the contact question."""
    sender = new_sender()
    assistant.replies(sender, "ik zoek woonondersteuning in antwerpen")
    results = texts(assistant.replies(sender, "maakt niet uit"))
    assert any("Telefoon:" in text for text in results)

    replies = assistant.replies(sender, "hoe kan ik die bellen")
    assert texts(replies)[0].startswith("Je neemt zelf contact op met de aanbieder")
    assert "Met een mens praten" in titles(replies)
    assert texts(assistant.replies(sender, "wat is een pvb"))[0] == knowledge_answer("what_is_pvb")
    handoff = texts(assistant.replies(sender, "/request_human"))
    assert handoff[0].startswith("Ik geef je vraag door aan Team Antwerpen.")


def test_the_number_of_the_first_one_shown_points_to_their_numbers(assistant):
    """Read as another matter (out_of_scope), it still asks about the providers shown."""
    sender = new_sender()
    assistant.replies(sender, "ik zoek woonondersteuning in antwerpen")
    assert any("Telefoon:" in text for text in texts(assistant.replies(sender, "maakt niet uit")))

    said = texts(assistant.replies(sender, "wat is het nummer van de eerste"))

    assert said[0].startswith("Je neemt zelf contact op met de aanbieder"), said


def test_where_the_family_lives_is_the_place_not_the_kind_of_help(assistant):
    """ "We wonen in 2800" says where to search; it is no request for housing
    (woonondersteuning), whatever kind of help the message asked for before it."""
    sender = new_sender()
    replies = assistant.replies(
        sender, "ik zoek thuisbegeleiding voor ons Lisa, ze heeft autisme, we wonen in 2800"
    )
    support = category("individuele_psychosociale_begeleiding", reference.support_types())
    autism = category("autisme", reference.target_groups())
    assert announced(replies).startswith(
        f"Ik zocht {support} voor mensen met {autism} in Mechelen (postcode 2800)"
    )


def test_a_new_search_for_another_target_group_asks_the_kind_of_help_again(assistant):
    """After a finished search, a new request that names only a target group and a place is
    a new search: the earlier kind of help is asked again, not kept silently."""
    sender = new_sender()
    assistant.replies(sender, "zoek een dagcentrum in hasselt")
    replies = assistant.replies(sender, "maakt niet uit")
    assert announced(replies).startswith("Ik zocht dagondersteuning voor alle doelgroepen")

    asked = assistant.replies(sender, "ik zoek iets voor mensen met autisme in gent")
    assert texts(asked)[-1] == "Welke soort hulp zoek je?"
    replies = assistant.replies(sender, '/inform{"support_type": "woonondersteuning"}')
    autism = category("autisme", reference.target_groups())
    assert announced(replies).startswith(
        f"Ik zocht woonondersteuning voor mensen met {autism} in Gent"
    )


def test_a_target_group_answer_that_reads_like_a_question_is_the_answer(assistant):
    """One training read this answer as a question about the PVB (faq, 1.0) and answered
    that instead; an answer that is not a question and names a target group is the answer
    (actions/form_switch.py, answer_read_as_question)."""
    sender = new_sender()
    assistant.replies(sender, "ik zoek een voorziening")
    assistant.replies(sender, "9000")
    assistant.replies(sender, '/inform{"support_type": "dagondersteuning"}')

    replies = assistant.replies(sender, "voor volwassenen met een verstandelijke beperking")

    searched = searched_in_gent("dagondersteuning", "verstandelijke_beperking")
    assert announced(replies).startswith(searched)
    assert not any("persoonsvolgend budget" in text.lower() for text in texts(replies))


def test_everyday_words_for_the_help_and_the_target_group_are_understood(assistant):
    """ "ik zoek iemand die ons moeder kan helpen met het huishouden" fell back; "ze heeft
    downsyndroom" at the target group question was "Dat begrijp ik niet goed"."""
    sender = new_sender()
    assistant.replies(sender, "ik zoek iemand die ons moeder kan helpen met het huishouden")
    assistant.replies(sender, "9000")

    replies = assistant.replies(sender, "ze heeft downsyndroom")

    searched = searched_in_gent("individuele_praktische_hulp", "verstandelijke_beperking")
    assert announced(replies).startswith(searched)


def test_help_at_home_in_a_place_starts_the_search_with_both(assistant):
    """ "ik zoek begeleiding thuis in Hasselt" fell back ("Ik lees: Hasselt. Waarmee kan ik je
    helpen?"), then "autisme" got the same answer: the search never started."""
    sender = new_sender()
    replies = assistant.replies(sender, "ik zoek begeleiding thuis in Hasselt")
    assert texts(replies)[-1].startswith("Voor wie is de hulp?")  # place and kind of help known

    replies = assistant.replies(sender, "autisme")

    help_at_home = category("individuele_psychosociale_begeleiding", reference.support_types())
    assert announced(replies).startswith(f"Ik zocht {help_at_home} voor mensen met autisme")
    assert "Hasselt" in announced(replies)


def test_a_plural_kind_of_help_is_the_kind_of_help(assistant):
    """ "zijn er woonvormen in limburg voor mensen met nah" asked "Welke soort hulp zoek
    je?": only the singular "woonvorm" was a word for the help."""
    replies = assistant.replies(new_sender(), "zijn er woonvormen in limburg voor mensen met nah")

    living = category("woonondersteuning", reference.support_types())
    assert announced(replies).startswith(f"Ik zocht {living} voor mensen met")
    assert "Limburg" in announced(replies)


def test_a_search_for_a_blind_father_in_his_town_starts_with_both(assistant):
    """ "ik zoek iets voor ons vader hij is blind en woont in Brugge" was read as a bare
    answer: "Ik lees: je vader, visuele beperking, Brugge." and the menu, no search."""
    sender = new_sender()
    replies = assistant.replies(
        sender, "ik zoek iets voor ons vader hij is blind en woont in Brugge"
    )
    assert texts(replies)[-1] == "Welke soort hulp zoek je?"  # place and target group known

    replies = assistant.replies(sender, "maakt niet uit")

    assert announced(replies).startswith("Ik zocht alle soorten hulp voor mensen met")
    assert "Brugge" in announced(replies)


def test_a_misspelled_place_is_understood(assistant):
    sender = new_sender()
    assert texts(assistant.replies(sender, "ik zoek een voorziening"))[-1].startswith("Waar zoek")
    replies = assistant.replies(sender, "antwerpn")
    assert texts(replies)[-1] == "Welke soort hulp zoek je?"
    assistant.replies(sender, "/skip")
    replies = assistant.replies(sender, "/skip")
    names, _ = expected_names("Antwerpen")
    assert names[0] in listed(replies)


def test_no_result_is_answered_kindly_with_a_wider_search(assistant):
    with db.session() as session:
        place = "Bree"
        bree = queries.resolve_municipality(session, place)
        empty = next(
            (support.id, group.id)
            for support in reference.support_types()
            for group in reference.target_groups()
            if queries.find_providers(
                session, municipality=bree, support_type=support.id, target_group=group.id
            ).total
            == 0
        )
    sender = new_sender()
    assistant.replies(sender, "ik zoek een voorziening")
    assistant.replies(sender, place)
    assistant.replies(sender, f'/inform{{"support_type": "{empty[0]}"}}')
    replies = assistant.replies(sender, f'/inform{{"target_group": "{empty[1]}"}}')
    # What was searched is said, so the person sees what to change.
    assert texts(replies)[0].startswith("Ik zocht ")
    assert "in Bree, maar vond geen aanbieders" in texts(replies)[0]
    assert titles(replies) == ["Breder zoeken", *CHANGE, "Met een mens praten"]

    wider = assistant.replies(sender, "breder zoeken")
    assert texts(wider)[0] == "Ik zoek nu breder: voor alle doelgroepen."


@pytest.mark.parametrize("answer", ["ja", "nog andere?"])
def test_yes_or_more_after_nothing_found_searches_wider(assistant, answer):
    """A typed "ja" to "Zullen we breder zoeken?" got the menu, "nog andere?" the same "vond
    geen aanbieders" again."""
    sender = new_sender()
    replies = assistant.replies(sender, "ik zoek logeren voor autisme in leuven")
    assert "maar vond geen aanbieders" in texts(replies)[0]

    wider = assistant.replies(sender, answer)
    assert texts(wider)[0] == "Ik zoek nu breder: voor alle doelgroepen."


def test_a_crisis_in_the_middle_of_the_search_stops_it(assistant):
    sender = new_sender()
    assistant.replies(sender, "ik zoek een voorziening")
    replies = assistant.replies(sender, "hij slaat mij")
    assert "112" in texts(replies)[0]
    assert not any(text.startswith("Waar zoek") for text in texts(replies))


def test_a_place_outside_flanders_is_explained_and_asked_again(assistant):
    sender = new_sender()
    assistant.replies(sender, "ik zoek een voorziening")
    replies = assistant.replies(sender, "Namen")
    assert texts(replies)[0] == "Ik ken alleen hulp in Vlaanderen en Brussel."
    assert texts(replies)[-1].startswith("Waar zoek je hulp?")


def test_a_search_for_a_relative_asks_about_him_not_for_whom(assistant):
    """ "Voor wie is de hulp?" came right after "voor ons zoon"."""
    said = texts(
        assistant.replies(
            new_sender(), "wij zoeken een logeerhuis voor ons zoon in de buurt van leuven"
        )
    )

    assert said == ["Wat past het best bij je zoon?"]


def test_a_kind_of_help_and_a_postcode_alone_start_the_search(assistant):
    """ "dagcentrum 3500" (inform 0.82 on the model of 2026-12-06) got "Ik lees:
    dagondersteuning, Hasselt." and the menu: the person had to ask for the search again."""
    sender = new_sender()
    replies = assistant.replies(sender, "dagcentrum 3500")

    assert texts(replies)[-1].startswith("Voor wie is de hulp?")
    slots = assistant.tracker(sender)["slots"]
    assert (slots["support_type"], slots["place"]) == ("dagondersteuning", "Hasselt")
