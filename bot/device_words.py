"""Words for an assistive device or an adaptation at home ("rolstoel", "traplift",
"aanpassingen aan ons huis"). Plain Python without Rasa: read by the FAQ action
(actions/assistive_devices.py) and by the NLU check that takes a search for a device for a
question about it (bot/faq_question_signal.py).
"""

from __future__ import annotations

import re

# An assistive device, or an adaptation of a home, car, computer or bike (the right's
# summary); mobility aids such as a wheelchair (its way to apply).
NAMES_A_DEVICE = re.compile(
    r"\b(?:hulpmiddel\w*|rolstoel\w*|rollator\w*|scootmobiel\w*|tillift\w*|traplift\w*"
    r"|woningaanpassing\w*|incontinentiemateriaal"
    r"|aanpassing\w*\s+(?:\w+\s+){0,3}(?:huis|woning|thuis|badkamer|wagen|auto|computer|fiets)"
    r"|aangepaste?\s+(?:wagen|auto|computer|fiets|badkamer))",
    re.IGNORECASE,
)


def names_a_device(text: str) -> bool:
    return NAMES_A_DEVICE.search(text) is not None


# "voor mensen in een rolstoel", "iemand met een rollator": the device says who the help is
# for, not what is searched.
DESCRIBES_A_USER = re.compile(
    r"\b(?:in|met)\s+(?:een|ne|nen|de|zijn|z'n|haar)\s+(?:rolstoel|rollator|scootmobiel)\w*",
    re.IGNORECASE,
)


def searches_for_a_device(text: str) -> bool:
    """Whether a search is for a device itself ("ik zoek een rolstoel"), not for help for
    people who use one ("een dagcentrum voor mensen in een rolstoel")."""
    return names_a_device(text) and DESCRIBES_A_USER.search(text) is None


def names_a_device_besides_its_user(text: str) -> bool:
    """Whether `text` names a device other than to say who uses one: "krijg ik geld voor een
    rolstoel" does, "kan ik een pvb krijgen als ik in een rolstoel zit" does not (a right
    asked for by someone who uses a wheelchair)."""
    return names_a_device(DESCRIBES_A_USER.sub(" ", text))
