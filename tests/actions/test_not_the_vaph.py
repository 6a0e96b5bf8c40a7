"""Asked whether this is the VAPH (actions/not_the_vaph.py): "goeiendag, is dit de vaph?" fell
back and "is dit het vaph" got "which of these topics?"; both get the answer about reaching
the VAPH, its line that Wegwijzer is not the VAPH first."""

from __future__ import annotations

import pytest

from actions.fallback import ActionFallback
from actions.faq import ActionAnswerFaq
from actions.not_the_vaph import asks_if_this_is_the_vaph
from tests.actions.conftest import load_tracker, ranked_selection, run_action, user

NOT_THE_VAPH = (
    "Wegwijzer is niet het VAPH: over je aanvraag en je budget beslist het VAPH, niet ik."
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("goeiendag, is dit de vaph?", True),
        ("is dit het vaph", True),
        ("ben ik bij het vaph", True),
        ("spreek ik met het vaph", True),
        ("zijt gij van het vaph", True),
        ("ben ik erkend door het vaph", False),
        ("is dit een brief van het vaph", False),
        ("wat is het vaph", False),
        ("ik ben bij het vaph geweest", False),
    ],
)
def test_what_counts_as_asking_whether_this_is_the_vaph(text, expected):
    assert asks_if_this_is_the_vaph(text) is expected


async def test_is_this_the_vaph_with_no_topic_sure_says_it_is_not_first():
    said = user(
        "is dit het vaph",
        "faq",
        response_selector=ranked_selection(("privacy", 0.45), ("contact_vaph", 0.22)),
    )

    turn = await run_action(ActionAnswerFaq(), load_tracker("welcome", said))

    assert turn.texts[0].split("\n")[0] == NOT_THE_VAPH
    assert turn.slots == {"last_faq_topic": "contact_vaph"}


async def test_is_this_the_vaph_misunderstood_gets_the_same_answer():
    said = user("goeiendag, is dit de vaph?", "nlu_fallback")

    turn = await run_action(ActionFallback(), load_tracker("welcome", said))

    assert turn.texts[0].split("\n")[0] == NOT_THE_VAPH
    assert {"event": "rewind"} not in turn.events


async def test_in_easy_language_the_easy_line_comes_first():
    said = user("ben ik bij het vaph", "faq", response_selector=ranked_selection(("privacy", 0.5)))
    tracker = load_tracker("welcome", said, slots={"reading_level": "eenvoudig"})

    turn = await run_action(ActionAnswerFaq(), tracker)

    assert turn.texts[0].split("\n")[0] == "Ik ben niet het VAPH."
