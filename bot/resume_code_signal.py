"""A resume code in a message always means "go on with my plan".

Rasa component placed before the CrisisSignalClassifier in config.yml (so a crisis signal
still wins): when a message holds a code of three words from `resume_codes.WORDS` and four
digits ("verder met libel muur zon 6592", "ZON-MAAN-STER-4821"), its intent becomes `resume`
with confidence 1. A code is random, so the classifier sees words and digits it never
learned together; one training took "verder met libel muur 6592" for `inform` (0.99).
A mistyped code (a word not in the list) is left to the classifier, and the resume action
answers it with "not found".
"""

from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.crisis_signals import force_intent
from bot.rule_component import RuleComponent
from bot.storage.resume_codes import WORDS, find_code

RESUME = "resume"


def holds_resume_code(text: str) -> bool:
    """Whether `text` holds a code whose words are all resume-code words."""
    code = find_code(text)
    if code is None:
        return False
    *words, _digits = code.split("-")
    return all(word in WORDS for word in words)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class ResumeCodeClassifier(RuleComponent):
    """Sets the intent to `resume` when a resume code is in the message."""

    def process_message(self, message: Message) -> None:
        if holds_resume_code(message.get(TEXT) or ""):
            force_intent(message, RESUME)
