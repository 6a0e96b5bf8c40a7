"""What the omgekeerde intake asks and how the draft ondersteuningsplan is organised.

One place for the names shared by the Rasa forms (actions/intake.py), the storage
(bot/storage/) and the draft document (bot/plan_document.py). Every answer is stored under
its slot name; network members are stored as `network.<n>.<field>` (n from 1).

The structure follows the official ondersteuningsplan PVB (shared/domain/brief.md §1.4):
five parts, the support functions with their units, and the four circles of support.
"""

from __future__ import annotations

from bot.consent_version import consent_text_version

# Version of the consent text (`utter_ask_consent` in domain.yml), derived from the text
# (bot/consent_version.py): every stored consent records the version the person agreed to.
CONSENT_TEXT_VERSION = consent_text_version()

# An answer the person skipped ("weet ik niet", "sla over").
SKIPPED = "onbekend"
# A wish for support in a life domain that the person does not need.
NO_HELP = "geen"

# The story about the person (phase 2 of the conversation design).
STORY_SLOTS = (
    "good_day",
    "what_matters",
    "strengths",
    "dream_wonen",
    "dream_werk",
    "dream_vrije_tijd",
    "dream_relaties",
    "dream_leren",
    "hard_now",
    "works_well",
)
STORY_LABELS = {
    "good_day": "Een goede dag",
    "what_matters": "Wat belangrijk is",
    "strengths": "Waar ik goed in ben en wat ik graag doe",
    "dream_wonen": "Droom over wonen",
    "dream_werk": "Droom over werk of dagbesteding",
    "dream_vrije_tijd": "Droom over vrije tijd",
    "dream_relaties": "Droom over relaties",
    "dream_leren": "Droom over leren",
    "hard_now": "Wat nu moeilijk is",
    "works_well": "Wat nu goed gaat",
}

# One member of the network, asked in a loop; `member_more` asks whether there is another.
MEMBER_SLOTS = ("member_name", "member_relation", "member_does", "member_could")
MEMBER_FIELDS = {
    "member_name": "name",
    "member_relation": "relation",
    "member_does": "does_now",
    "member_could": "could_do",
}

# Life domains of the plan (conversation design, phase 3): id -> label.
DOMAINS = {
    "wonen": "Wonen",
    "dagbesteding": "Dagbesteding en werk",
    "vrije_tijd": "Vrije tijd",
    "relaties": "Relaties en netwerk",
    "zelfzorg": "Zelfzorg en gezondheid",
    "huishouden": "Huishouden en administratie",
    "mobiliteit": "Je verplaatsen (mobiliteit)",
    "communicatie": "Communicatie",
}
# Per domain: the situation now, the support wished, how often, who could give it.
DOMAIN_QUESTIONS = ("now", "wish", "often", "who")

# The life domains the person chose to talk about, stored as ids joined by commas
# ("wonen,dagbesteding"). The intake asks only about those; the others stay in the plan as
# "niet besproken". A plan without this answer (made before the choice existed) discussed all.
CHOSEN_DOMAINS_SLOT = "life_domains"
# After a domain chosen with a button: "another one?" (a loop like the network's).
MORE_DOMAINS_SLOT = "life_domains_more"
ALL_DOMAINS = "alle"
NOT_DISCUSSED = "Niet besproken"
# A dream belongs to a life domain: it is asked only when that domain was chosen.
DREAM_DOMAINS = {
    "dream_wonen": "wonen",
    "dream_werk": "dagbesteding",
    "dream_vrije_tijd": "vrije_tijd",
    "dream_relaties": "relaties",
    "dream_leren": "dagbesteding",
}
# One open question about dreams comes first ("Waar droom je van?"). Its answer is split over
# the dreams of the chosen life domains it names (actions/intake_answers.dreams_told); those
# it does not name stay "onbekend", as when skipped. Only an answer that names none of them
# is kept as it is, shown in the plan as "Dromen", and the dreams are then asked one by one.
DREAMS_SLOT = "dreams"
DREAMS_LABEL = "Dromen"
# How the open dream question names the dream of each chosen life domain.
DREAM_TOPICS = {
    "dream_wonen": "wonen",
    "dream_werk": "werk",
    "dream_vrije_tijd": "vrije tijd",
    "dream_relaties": "vrienden en liefde",
    "dream_leren": "iets leren",
}
# The value of DREAMS_SLOT when its answer was split over the dreams of the life domains.
TOLD_PER_DOMAIN = "per deel verteld"


def open_dreams(value: str | None) -> bool:
    """True when the open dream answer named no life domain: the plan shows it as it is."""
    return bool(value) and value not in (SKIPPED, TOLD_PER_DOMAIN)


# Story answers about life now: a chosen domain they talk about ("koken lukt moeilijk" is
# huishouden) takes the answer as its "hoe gaat het nu?", which is then not asked again.
STORY_ABOUT_NOW = ("hard_now", "works_well")


def chosen_domains(value: str | None) -> list[str]:
    """The domain ids of a stored choice, in catalogue order; every domain when not chosen."""
    if not value:
        return list(DOMAINS)
    chosen = {part.strip() for part in value.split(",")}
    return [domain for domain in DOMAINS if domain in chosen]


def chosen_dreams(value: str | None) -> list[str]:
    """The dream slots of the chosen life domains (a stored choice, as chosen_domains)."""
    chosen = chosen_domains(value)
    return [dream for dream, domain in DREAM_DOMAINS.items() if domain in chosen]


def domain_slot(domain: str, question: str) -> str:
    return f"{domain}_{question}"


# The VAPH support functions of the ondersteuningsplan PVB and the unit each is asked in
# (brief §1.4). `None`: only "nodig / niet nodig". Support types not in this table (logeren)
# are no support function of the form: their frequency stays free text.
SUPPORT_FUNCTION_UNITS = {
    "woonondersteuning": "nachten per week",
    "dagondersteuning": "dagen per week",
    "individuele_praktische_hulp": "uren per week",
    "individuele_psychosociale_begeleiding": "uren per week",
    "globale_individuele_ondersteuning": "uren per week",
    "oproepbare_permanentie": None,
}
NEEDED = "nodig"

# Who could give the support. The first four are the circles the plan must show (brief §1.4);
# non-licensed support is paid with a cash budget (brief §1.10), RTH needs no VAPH request.
WHO = {
    "eigen": "De persoon zelf en het gezin",
    "netwerk": "Het netwerk: familie, vrienden, buren",
    "welzijn": "Welzijns- en gezondheidsdiensten, zoals OCMW, CAW of ziekenfonds",
    "vergund": "Een zorgaanbieder met een vergunning van het VAPH",
    "niet_vergund": "Niet-vergunde hulp, betaald met een budget in cash",
    "rth": "Rechtstreeks toegankelijke hulp (RTH)",
}
# The same, in words that fit in a sentence ("Ik noteer ook wie helpt: …").
WHO_IN_A_SENTENCE = {
    "eigen": "de persoon zelf of het gezin",
    "netwerk": "familie, vrienden of buren",
    "welzijn": "het OCMW, CAW of ziekenfonds",
    "vergund": "een vergunde zorgaanbieder",
    "niet_vergund": "hulp zonder vergunning, betaald met een budget in cash",
    "rth": "hulp zonder aanvraag bij het VAPH (RTH)",
}
# The circles that make the part asked from the VAPH (a persoonsvolgend budget).
VAPH_PART = ("vergund", "niet_vergund")

# Part 5 of the ondersteuningsplan PVB: urgency (optional in the official form).
URGENCY_SLOTS = ("urgency_sustainable", "urgency_gap", "urgency_network_care", "urgency_how_long")
URGENCY_LABELS = {
    "urgency_sustainable": "Kan de situatie nog lang zo blijven?",
    "urgency_gap": "Verschil tussen de hulp nu en de hulp die nodig is",
    "urgency_network_care": "Zorg door het netwerk, meer dan gewoon",
    "urgency_how_long": "Hoe lang al",
}

SPENDING = {
    "cash": "Cash: het geld wordt uitbetaald",
    "voucher": "Voucher: de zorgaanbieder krijgt het geld",
    "combinatie": "Een combinatie van cash en voucher",
}

# The order of the whole intake, before the domain questions and after them.
OPENING_SLOTS = ("consent", "speaker", "plan_name")
CLOSING_SLOTS = (*URGENCY_SLOTS, "spending", "providers", "plan_confirmed")
