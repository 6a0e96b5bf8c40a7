"""Rasa component: the `age` entity read by rule (rules in bot/ages.py).

DIET learned the `age` entity from a few examples and misses the usual Flemish forms
("mijn zoon van 19", "ze is 34", "achttien jaar"; issue 14) and took numbers that are no
age ("ik heb 2 kinderen"). The rules decide alone: DIET's `age` entities are dropped, and
an age is added where bot/ages.py finds one. A bare number typed while the check asks the
age is read by the form itself (the slot's from_text mapping and actions/answers.py).
"""

from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.ages import find_age
from bot.rule_component import RuleComponent

ENTITY = "age"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class AgeEntityExtractor(RuleComponent):
    """Adds the `age` entity where the words make a number an age."""

    def process_message(self, message: Message) -> None:
        entities = message.get(ENTITIES) or []
        others = [e for e in entities if e.get("entity") != ENTITY]
        found = find_age(message.get(TEXT) or "")
        if found is None:
            if len(others) != len(entities):
                message.set(ENTITIES, others, add_to_output=True)
            return
        age, start, end = found
        entity = {
            "entity": ENTITY,
            "start": start,
            "end": end,
            "value": str(age),
            "extractor": self.__class__.__name__,
            "confidence_entity": 1.0,
        }
        message.set(ENTITIES, [*others, entity], add_to_output=True)
