"""The crisis keyword signals and how a message is checked against them.

crisis_signals.txt holds the strong signals, crisis_signals_soft.txt the soft ones
(loneliness, exhaustion). Both make a message a crisis; after a soft one the crisis answer
also offers "Dat bedoelde ik niet" (actions/crisis.py).

Plain Python without Rasa, so that the action server (actions/crisis.py) and the tracker
store can use them without loading Rasa's NLU and TensorFlow: importing the pipeline
component (bot/crisis_signals.py) into the action server made it grow from about 70 MiB to
about 600 MiB (docs/benchmarks.md).
"""

from __future__ import annotations

import re
from pathlib import Path

from knowledge.reference import fold

SIGNALS_FILE = Path(__file__).resolve().parent / "crisis_signals.txt"
SOFT_SIGNALS_FILE = SIGNALS_FILE.with_name("crisis_signals_soft.txt")
CRISIS = "crisis"


def load_signals(path: Path = SIGNALS_FILE) -> list[re.Pattern[str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [re.compile(line) for line in lines if line.strip() and not line.startswith("#")]


def load_all_signals() -> list[re.Pattern[str]]:
    """The strong and the soft signals: every one of them makes a message a crisis."""
    return load_signals(SIGNALS_FILE) + load_signals(SOFT_SIGNALS_FILE)


# Words quoted at the start of a message or a sentence to say what they meant ("met slaan
# bedoelde ik dat mijn broer mij verslaat met kaarten", "nee, met ik kan ni meer bedoelde ik
# het formulier"): said after a crisis answer that was a false alarm, they are no new signal.
# What the message says outside them still is ("met ik kan niet meer bedoelde ik dat ik er
# een einde aan wil maken"); a quote is short and holds no comma or full stop, so that a
# crisis told before "bedoel ik" is not taken for one.
QUOTED_WORDS = re.compile(
    r"(?:^|[.,!?;:]\s*|\b(?:nee|neen|nein|sorry|allee|pardon)\s+)met [\"'\u201c\u201e]?"
    r"([^,.!?;]{1,40}?)[\"'\u201d]? (?:bedoel|bedoelde|bedoelt|bedoelden) "
    r"(?:ik|ek|hij|ze|zij|we|wij)\b"
)


def without_quoted_words(folded: str) -> str:
    """The message without the words it quotes to explain them."""
    return QUOTED_WORDS.sub(" bedoelde ik", folded).strip()


def signals_crisis(text: str, signals: list[re.Pattern[str]]) -> bool:
    folded = without_quoted_words(fold(text))
    return any(signal.search(folded) for signal in signals)
