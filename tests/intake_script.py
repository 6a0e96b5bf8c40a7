"""A complete scripted intake, as a person would type it or click the buttons.

Used by tests/test_intake_chat.py and by benchmarks/intake_turns.py (turns and time per
bot turn). Each entry is what the person sends; the comment says which question follows.
The person talks about six of the eight life domains (not mobility and communication, about
which the earlier 48-turn script only skipped or said "geen hulp"); what is hard already told
how the household goes, so that question is not asked.
"""

from __future__ import annotations

CHOICE = '/inform{{"choice": "{}"}}'

FULL_INTAKE_FOR_ONESELF = [
    "ik wil mijn ondersteuningsplan maken",  # -> consent
    "ja",  # -> for whom
    "/identify_as_person",  # -> name in the plan
    "Sam",  # -> a good day
    "s morgens rustig koffie drinken en dan naar de werkplaats",  # -> what matters
    "mijn kat en mijn vrienden",  # -> strengths
    "ik ben goed met dieren en ik teken graag",  # -> what is hard
    "papieren invullen en koken lukt moeilijk",  # -> what works well
    "ik ga zelf met de bus naar overal",  # -> which life domains
    "wonen, werk, vrije tijd, relaties, zelfzorg en huishouden",  # -> dream: wonen
    "alleen in een klein appartement met een tuintje",  # -> dream: werk
    "werken in een dierenasiel",  # -> dream: vrije tijd
    "zwemmen",  # -> dream: relaties
    "een lief vinden",  # -> dream: leren
    "/skip",  # -> network: who
    "mijn zus Ann",  # -> (relation found in the answer) what she does now
    "ze helpt met de papieren",  # -> what she could do
    "ze kan mee koken op zondag",  # -> anyone else?
    "/deny",  # -> summary: Klopt dit?
    "/affirm",  # -> wonen: now
    "ik woon bij mijn ouders",  # -> wish
    CHOICE.format("woonondersteuning"),  # -> how many nights
    "3",  # -> who
    "een vergunde zorgaanbieder en mijn zus",  # -> dagbesteding: now
    "ik ga 2 dagen naar de werkplaats",  # -> wish
    CHOICE.format("dagondersteuning"),  # -> how many days
    "vier dagen",  # -> who
    CHOICE.format("vergund"),  # -> vrije tijd: now
    "ik zwem op zaterdag",  # -> wish
    CHOICE.format("geen"),  # -> relaties: now
    "/skip",  # -> wish
    "/skip",  # -> zelfzorg: now
    "dat lukt goed",  # -> wish
    CHOICE.format("geen"),  # -> huishouden: (what is hard told how it goes now) wish
    CHOICE.format("individuele_praktische_hulp"),  # -> how many hours
    "2 uur",  # -> who
    "het OCMW",  # -> urgency: can it stay like this
    "/deny",  # -> the gap
    "ik heb meer begeleiding nodig dan nu",  # -> care by the network
    "mijn ouders zorgen elke dag voor mij",  # -> how long
    "al twee jaar",  # -> spending
    CHOICE.format("cash"),  # -> providers
    "/skip",  # -> the whole plan: Klopt dit?
    "/affirm",  # -> the link to the draft
]
