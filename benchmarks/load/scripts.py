"""The 15-turn conversations the simulated users type, one per bot.

Each user starts a fresh conversation (a new sender id) for every round of its script.
"""

from __future__ import annotations

# Wegwijzer: FAQ questions, a switch to easy language and back, a provider search with the
# form's question answered, a second place by postcode, and the first turns of the intake
# (consent, for whom, the name), as in tests/test_stories.yml,
# tests/test_provider_search_chat.py and tests/intake_script.py.
WEGWIJZER = [
    "hallo",
    "wat is een persoonsvolgend budget",
    "in eenvoudige taal",
    "hoe vraag ik een budget aan",
    "je mag weer de gewone uitleg geven",
    "hoe lang is de wachttijd",
    "ik zoek een dagcentrum in Gent",
    "maakt niet uit",
    "/other_place",
    "3600",
    "merci he",
    "ik wil mijn ondersteuningsplan maken",
    "ja",
    "/identify_as_person",
    "Sam",
]

# Rasa's starter bot (`rasa init`): its greet / mood / bot_challenge / goodbye stories.
STARTER = [
    "hello",
    "I am feeling very good",
    "are you a bot?",
    "hi",
    "I am sad",
    "yes",
    "hey there",
    "not good",
    "of course",
    "good morning",
    "great",
    "am I talking to a human?",
    "hello",
    "very sad",
    "bye",
]

SCRIPTS = {"wegwijzer": WEGWIJZER, "starter": STARTER}
