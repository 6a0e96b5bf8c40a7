"""Rasa component: the `first_name` entity read by rule where no extractor before it found one.

The rules in bot/first_names.py read the usual forms ("de mama van Lotte"). Since DIET left
the pipeline (docs/decisions.md) they are the only source of first names; a name an earlier
extractor found would be kept.
"""

from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.first_names import find_first_name
from bot.rule_component import RuleComponent

ENTITY = "first_name"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class FirstNameExtractor(RuleComponent):
    """Adds the `first_name` entity where a capitalised word is used as a name."""

    def process_message(self, message: Message) -> None:
        entities = message.get(ENTITIES) or []
        if any(entity.get("entity") == ENTITY for entity in entities):
            return
        taken = [(int(e.get("start", 0)), int(e.get("end", 0))) for e in entities]
        found = find_first_name(message.get(TEXT) or "", taken)
        if found is None:
            return
        name, start, end = found
        entity = {
            "entity": ENTITY,
            "start": start,
            "end": end,
            "value": name,
            "extractor": self.__class__.__name__,
            "confidence_entity": 1.0,
        }
        message.set(ENTITIES, [*entities, entity], add_to_output=True)
