"""The allowlist of `rasa data validate` warnings hides nothing (bot/validate_data.py)."""

from __future__ import annotations

from bot.validate_data import EXPLAINED_WARNINGS, unexplained_and_stale

SLOTS = {"age", "place"}
FORMS = {"eligibility_form"}
UNUSED = "The utterance '{}' is not used in any story or rule."


def test_all_explained_warnings_pass():
    assert unexplained_and_stale(set(EXPLAINED_WARNINGS), SLOTS, FORMS) == ([], [])


def test_an_explained_warning_that_no_longer_occurs_is_stale():
    gone = next(iter(EXPLAINED_WARNINGS))
    unexplained, stale = unexplained_and_stale(set(EXPLAINED_WARNINGS) - {gone}, SLOTS, FORMS)
    assert unexplained == []
    assert stale == [gone]


def test_a_new_unused_response_is_not_explained():
    dead = UNUSED.format("utter_nobody_says_this")
    unexplained, _ = unexplained_and_stale(set(EXPLAINED_WARNINGS) | {dead}, SLOTS, FORMS)
    assert unexplained == [dead]


def test_form_questions_are_explained_only_for_a_slot_of_the_domain():
    questions = {
        UNUSED.format("utter_ask_age"),
        UNUSED.format("utter_ask_eligibility_form_place"),
    }
    dead = UNUSED.format("utter_ask_something_else")
    unexplained, _ = unexplained_and_stale(
        set(EXPLAINED_WARNINGS) | questions | {dead}, SLOTS, FORMS
    )
    assert unexplained == [dead]
