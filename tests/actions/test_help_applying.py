"""Help asked with the application (actions/help_applying.py): "kunt ge mij helpen met de
aanvraag" got "Ik help je graag. Stel je vraag in je eigen woorden" and "help mij met de
aanvraag" "which of these topics?"; both get the answer about how to apply, which says who
helps with it."""

from __future__ import annotations

import pytest

from actions.fallback import ActionFallback
from actions.faq import ActionAnswerFaq
from actions.help_applying import help_applying_topic
from tests.actions.conftest import load_tracker, ranked_selection, run_action, user
from tests.chat import knowledge_answer


@pytest.mark.parametrize(
    ("text", "read_as", "expected"),
    [
        ("kunt ge mij helpen met de aanvraag", None, "how_to_apply"),
        ("wie helpt mij bij de aanvraag", None, "how_to_apply"),
        ("ik heb hulp nodig bij mijn aanvraag", None, "how_to_apply"),
        ("mijn zoon heeft nu meer hulp nodig dan bij zijn aanvraag", None, None),  # herziening
        ("help mij met de aanvraag", "what_is_dop", None),  # a sure topic stays
    ],
)
def test_what_counts_as_asking_help_with_the_application(text, read_as, expected):
    assert help_applying_topic(text, read_as) == expected


@pytest.mark.parametrize(
    ("action", "said"),
    [
        (
            ActionAnswerFaq(),
            user(
                "help mij met de aanvraag",
                "faq",
                response_selector=ranked_selection(("how_to_apply", 0.45), ("costs", 0.08)),
            ),
        ),
        (ActionFallback(), user("kunt ge mij helpen met de aanvraag", "nlu_fallback")),
    ],
)
async def test_help_with_the_application_gets_how_to_apply_and_who_helps(action, said):
    turn = await run_action(action, load_tracker("welcome", said))

    assert turn.texts[0] == knowledge_answer("how_to_apply")
    assert "Dienst Ondersteuningsplan (DOP)" in turn.texts[0]
    assert turn.slots == {"last_faq_topic": "how_to_apply"}
