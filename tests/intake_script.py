"""A complete scripted intake, as a person would type it or click the buttons.

Used by tests/test_intake_chat.py and by benchmarks/intake_turns.py (turns and time per
bot turn). Each entry is what the person sends; the comment says which question follows.
The person talks about six of the eight life domains (not mobility and communication, about
which the earlier 48-turn script only skipped or said "geen hulp"); what is hard already told
how the household goes, so that question is not asked. Where one answer tells more than was
asked (the consent and for whom; four dreams; a wish with how often and who; "nee" with
what is missing; the network's care with how long), the question it answered is not asked.
"""

from __future__ import annotations

CHOICE = '/inform{{"choice": "{}"}}'

FULL_INTAKE_FOR_ONESELF = [
    "ik wil mijn ondersteuningsplan maken",  # -> consent (and for whom)
    "/identify_as_person",  # "Ja, ik vertel over mezelf" -> name in the plan
    "Sam",  # -> a good day
    "s morgens rustig koffie drinken en dan naar de werkplaats",  # -> what matters
    "mijn kat en mijn vrienden",  # -> strengths
    "ik ben goed met dieren en ik teken graag",  # -> what is hard
    "papieren invullen en koken lukt moeilijk",  # -> what works well
    "ik ga zelf met de bus naar overal",  # -> which life domains
    "wonen, werk, vrije tijd, relaties, zelfzorg en huishouden",  # -> dreams (one question)
    # Four dreams in one answer; the dream about learning is not named, so it stays "onbekend".
    "alleen in een klein appartement met een tuintje, werken in een dierenasiel, zwemmen, "
    "een lief vinden",  # -> network: who
    "mijn zus Ann",  # -> (relation found in the answer) what she does now
    "ze helpt met de papieren",  # -> what she could do
    "ze kan mee koken op zondag",  # -> anyone else?
    "/deny",  # -> wonen: now
    "ik woon bij mijn ouders",  # -> wish
    # The wish, how often and who in one answer; -> dagbesteding: now
    "woonondersteuning, 3 nachten, van een vergunde zorgaanbieder en mijn zus",
    "ik ga 2 dagen naar de werkplaats",  # -> wish
    "dagondersteuning, vier dagen, bij een vergunde zorgaanbieder",  # -> vrije tijd: now
    "ik zwem op zaterdag",  # -> wish
    CHOICE.format("geen"),  # -> relaties: now
    "/skip",  # -> wish
    "/skip",  # -> zelfzorg: now
    "dat lukt goed",  # -> wish
    CHOICE.format("geen"),  # -> huishouden: (what is hard told how it goes now) wish
    "individuele praktische hulp, 2 uur per week, van het OCMW",  # -> urgency: can it stay
    "nee, ik heb meer begeleiding nodig dan nu",  # -> (the gap told) care by the network
    "mijn ouders zorgen elke dag voor mij, al twee jaar",  # -> (how long told) spending
    CHOICE.format("cash"),  # -> providers
    "/skip",  # -> the whole plan: Klopt dit?
    "/affirm",  # -> the link to the draft
]

# What the plan holds after the script: the same answers as the 48-turn script of 2026-11-24
# (and the 44-turn one after it) stored, recorded from the 44-turn script on 2026-12-01. Only
# the story's own "Klopt dit?" (`story_confirmed`, no longer asked) is not here; `dreams`
# (the open dream question, split over the dreams of the life domains) is new.
PLAN_ANSWERS = {
    "dagbesteding_now": "ik ga 2 dagen naar de werkplaats",
    "dagbesteding_often": "4",
    "dagbesteding_who": "vergund",
    "dagbesteding_wish": "dagondersteuning",
    "dream_leren": "onbekend",
    "dream_relaties": "een lief vinden",
    "dream_vrije_tijd": "zwemmen",
    "dream_werk": "werken in een dierenasiel",
    "dream_wonen": "alleen in een klein appartement met een tuintje",
    "good_day": "s morgens rustig koffie drinken en dan naar de werkplaats",
    "hard_now": "papieren invullen en koken lukt moeilijk",
    "huishouden_now": "papieren invullen en koken lukt moeilijk",
    "huishouden_often": "2",
    "huishouden_who": "welzijn",
    "huishouden_wish": "individuele_praktische_hulp",
    "life_domains": "wonen,dagbesteding,vrije_tijd,relaties,zelfzorg,huishouden",
    "life_domains_more": "nee",
    "member_more": "nee",
    "network.1.could_do": "ze kan mee koken op zondag",
    "network.1.does_now": "ze helpt met de papieren",
    "network.1.name": "je zus Ann",
    "network.1.relation": "broer_zus",
    "plan_confirmed": "ja",
    "plan_name": "Sam",
    "providers": "onbekend",
    "relaties_now": "onbekend",
    "relaties_wish": "onbekend",
    "speaker": "person",
    "spending": "cash",
    "strengths": "ik ben goed met dieren en ik teken graag",
    "urgency_gap": "ik heb meer begeleiding nodig dan nu",
    "urgency_how_long": "al twee jaar",
    "urgency_network_care": "mijn ouders zorgen elke dag voor mij",
    "urgency_sustainable": "nee",
    "vrije_tijd_now": "ik zwem op zaterdag",
    "vrije_tijd_wish": "geen",
    "what_matters": "mijn kat en mijn vrienden",
    "wonen_now": "ik woon bij mijn ouders",
    "wonen_often": "3",
    "wonen_who": "vergund,netwerk",
    "wonen_wish": "woonondersteuning",
    "works_well": "ik ga zelf met de bus naar overal",
    "zelfzorg_now": "dat lukt goed",
    "zelfzorg_wish": "geen",
}
