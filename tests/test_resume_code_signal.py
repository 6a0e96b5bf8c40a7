"""The resume-code check in the NLU pipeline (bot/resume_code_signal.py) is deterministic:
a person typing the code they were given is always understood, whatever the training."""

from __future__ import annotations

import pytest

from bot.crisis_keywords import load_signals, signals_crisis
from bot.resume_code_signal import holds_resume_code
from bot.storage import resume_codes


@pytest.mark.parametrize(
    "message",
    [
        "verder met libel muur zon 6592",  # one training took 'libel muur 6592' for `inform`
        "verder met LIBEL-MUUR-ZON-6592",
        "ZON-MAAN-STER-4821",
        "mijn code is zon maan ster 4821",
        "verder me zon maan ster 4821",
    ],
)
def test_a_resume_code_is_recognised(message):
    assert holds_resume_code(message)


def test_every_code_the_assistant_gives_is_recognised():
    for _ in range(200):
        code = resume_codes._new_code()
        assert holds_resume_code(f"verder met {code.lower().replace('-', ' ')}"), code


@pytest.mark.parametrize(
    "message",
    [
        "ik woon in 9000",  # two words and four digits, but no code words
        "bel mij op 0470 12 34 56",
        "verder met mijn plan",
        "verder met AAP-NOOT-MAAN-0001",  # a mistyped code: the classifier and 'not found'
        "verder met zon maan 4821",  # the old form of two words: no code any more
        "ik woon in de kerkstraat 12, 9000 Gent",
    ],
)
def test_other_messages_are_left_to_the_classifier(message):
    assert not holds_resume_code(message)


def test_a_crisis_signal_still_wins_over_a_code():
    """The crisis check runs after this one in config.yml and sets `crisis` last."""
    message = "ik kan niet meer, verder met zon maan ster 4821"
    assert holds_resume_code(message)
    assert signals_crisis(message, load_signals())
