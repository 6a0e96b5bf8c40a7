"""The provider search over the REST channel, with the real servers and knowledge base."""

from __future__ import annotations

import pytest

from knowledge import db, queries, reference
from tests.chat import new_sender, texts, titles

pytestmark = pytest.mark.rasa


def expected_names(place: str, page: int = 1, **filters) -> tuple[list[str], int]:
    with db.session() as session:
        municipality = queries.resolve_municipality(session, place)
        result = queries.find_providers(session, municipality=municipality, page=page, **filters)
        return [match.provider.name for match in result.items], result.total


def listed(replies: list[dict]) -> str:
    """The results: "Ik vond ..." and each provider as its own message (Rasa splits a text
    on blank lines, which screen readers then read as separate messages)."""
    found = texts(replies)
    start = next(i for i, text in enumerate(found) if text.startswith("Ik vond"))
    return "\n".join(found[start:])


def test_search_shows_five_at_a_time_with_more_and_another_place(assistant):
    sender = new_sender()
    replies = assistant.replies(sender, "zoek een dagcentrum in hasselt")
    # Place and support type came with the message: only the target group is asked.
    assert texts(replies)[-1].startswith("Voor wie is de hulp?")

    replies = assistant.replies(sender, "maakt niet uit")
    names, total = expected_names("Hasselt", support_type="dagondersteuning")
    assert "voorbeeldgegevens" in texts(replies)[0]  # the demo data set says so
    shown = listed(replies)
    assert f"Ik vond {total} aanbieders" in shown
    assert [name for name in names if name in shown] == names and len(names) <= 5
    assert "Telefoon" in shown or "Website" in shown
    assert "VAPH" in shown  # licensed or not

    if total > 5:
        assert "Meer tonen" in titles(replies)
        more = assistant.replies(sender, "toon er nog meer")
        page_two, _ = expected_names("Hasselt", page=2, support_type="dagondersteuning")
        assert all(name in listed(more) for name in page_two)
        assert "6." in listed(more)

    assert "Andere gemeente" in titles(replies)
    asked = assistant.replies(sender, "/other_place")
    assert texts(asked)[-1].startswith("Waar zoek je hulp?")
    again = assistant.replies(sender, "3600")  # Genk, by postcode
    genk, _ = expected_names("Genk", support_type="dagondersteuning")
    assert genk and genk[0] in listed(again)


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
    assert "Ik vond geen aanbieders" in texts(replies)[0]
    assert "Breder zoeken" in titles(replies)

    wider = assistant.replies(sender, "breder zoeken")
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
    assert texts(replies)[0] == "Ik ken alleen aanbieders in Vlaanderen en Brussel."
    assert texts(replies)[-1].startswith("Waar zoek je hulp?")
