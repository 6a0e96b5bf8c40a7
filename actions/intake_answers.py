"""Reading the answers of the intake: yes or no, a support type, how often, who could help,
the spending form, and which answer someone wants to change. Pure functions."""

from __future__ import annotations

import re

from bot.intake_catalogue import (
    CHOSEN_DOMAINS_SLOT,
    DOMAINS,
    DREAMS_SLOT,
    MEMBER_SLOTS,
    MORE_DOMAINS_SLOT,
    NO_HELP,
    STORY_SLOTS,
    URGENCY_SLOTS,
)
from bot.relation_words import AFTER_POSSESSIVE_WORDS, POSSESSIVES, RELATION_WORDS

YES = re.compile(
    r"^\s*(ja+|jaja|jep|yes|ok(e|é|ay)?|goed|zeker|klopt|akkoord|dat klopt|juist)\b", re.I
)
NO = re.compile(r"^\s*(nee+n?|neen|nop|no|niet|klopt niet|liever niet)\b", re.I)
# Limits of the plan (a document people read and print). A longer answer is cut with a
# kind message, and what was told before stays: actions/intake.py. Every free-text answer
# is cut at bot.storage.plans.MAX_ANSWER_CHARS.
MAX_NETWORK_MEMBERS = 20
MAX_MEMBER_NAME_CHARS = 100
# A name is a few words: "Sam", "mijn zus Ann", "Marie-Louise Van den Broeck".
MAX_NAME_WORDS = 8
# "mijn" and its spoken forms in a name answer, which the questions turn into "je".
MY = re.compile(r"\b(?:mijn|m'n|mn|men)\b(?=\s)", re.IGNORECASE)
# "ik ben Sam", "mijn naam is Sam", "ze heet Ann", "zet maar Sam", "ge moogt Sam zetten":
# the name is what follows (and what comes before "zetten", "schrijven").
_NAME_INTRO = re.compile(
    r"^\s*(?:ik\s+(?:ben|heet)|(?:mijn|m'n|men)\s+(?:voor)?naam\s+is|(?:hij|zij|ze)\s+heet"
    r"|dat\s+is|noem\s+m[ei]j?|(?:ge|gij|je|jij|u)\s+(?:moogt|mag|mogen|kunt|kunde|kan)"
    r"|(?:zet|schrijf|typ|noteer)(?:\s+er)?|(?:het|dat)\s+mag|mag)"
    r"(?:\s+(?:er|maar|gewoon|wel))*\s+",
    re.IGNORECASE,
)
_NAME_OUTRO = re.compile(
    r"\s+(?:zetten|schrijven|typen|noteren|gebruiken|nemen|invullen|zijn|is\s+goed|mag)"
    r"(?:\s+(?:hoor|he|hé|ze))?\s*$",
    re.IGNORECASE,
)
# Words of a sentence, not of a name ("ik kan goed tekenen"). Words that are also first
# names (Ben, Dan, Al) are not here.
_SENTENCE_WORDS = frozenset(
    "ik jij ge gij hij we wij jullie kan kun kunt kunnen bent is zijn heb hebt heeft "
    "hebben wil wilt willen ga gaat gaan doe doet graag goed niet geen wat hoe waarom "
    "wanneer want omdat maar als ook dat dit zelf kiezen kies niks niets iets weet".split()
)
NO_HELP_WORDS = re.compile(
    r"\b(geen( hulp)?|niets|niks|niet nodig|gaat goed|lukt (goed|alleen))\b", re.I
)

_NUMBER_WORDS = {
    "een": 1, "één": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7,
    "acht": 8, "negen": 9, "tien": 10, "elf": 11, "twaalf": 12, "half": 0.5, "halve": 0.5,
}  # fmt: skip
_EVERY = re.compile(r"\b(elke|iedere|alle)\s+(dag|dagen|nacht|nachten)\b", re.I)
_DIGITS = re.compile(r"\b(\d{1,2}(?:[.,]5)?)\b")

# Who could give the support: words -> WHO id (bot/intake_catalogue.py). The order matters:
# "niet vergund" before "vergund".
_WHO_WORDS = (
    ("niet_vergund", r"niet[- ]?vergund|zonder vergunning|zelfstandige|persoonlijke assistent"),
    ("rth", r"\brth\b|rechtstreeks"),
    ("vergund", r"vergund|voorziening|zorgaanbieder|aanbieder|organisatie|vaph"),
    (
        "welzijn",
        r"ocmw|\bcaw\b|ziekenfonds|mutualiteit|sociaal huis|thuiszorg|poetshulp|"
        r"thuisverpleging|\bdmw\b|dokter|huisarts",
    ),
    (
        "netwerk",
        r"netwerk|familie|vriend|buur|\boma\b|\bopa\b|tante|nonkel|\bzus|\bbroer|"
        r"vrijwillig|kennis",
    ),
    (
        "eigen",
        r"\bzelf\b|mezelf|ikzelf|\bik\b|gezin|ouders|mama|papa|moeder|vader|partner|"
        r"\bman\b|\bvrouw\b",
    ),
)
_SPENDING = (
    ("combinatie", r"combin|allebei|beide|\bmix|samen"),
    ("cash", r"\bcash|geld|uitbetaal|zelf betal"),
    ("voucher", r"voucher|bon"),
)

# Words that name a life domain, in a choice ("wonen en werk") or in a story answer
# ("koken en papieren lukken moeilijk" is huishouden). Word starts, so typos at the end pass.
_DOMAIN_WORDS = {
    "wonen": r"\bwon(en|ing)\b|\bwoon|\bhuis\b|\bappartement|\bstudio\b|\bthuis\b",
    "dagbesteding": (
        r"\bwerk|\bjob\b|\bdagbesteding|\bdagcentrum|\batelier|\bschool|\bleren\b|\bopleiding"
    ),
    "vrije_tijd": r"\bvrije ?tijd|\bhobby|\bsport|\bontspan|\bzwem|\buitgaan",
    "relaties": r"\brelatie|\blief\b|\bliefje|\bvrienden|\bvriend(in)?\b|\bfamilie|\bnetwerk",
    "zelfzorg": (
        r"\bzelfzorg|\bgezond|\bwassen\b|\bdouchen|\baankleden|\beten\b|\bmedicatie|\bmedicijn|"
        r"\bverzorg"
    ),
    "huishouden": (
        r"\bhuishoud|\badministratie|\bpapieren|\bbrieven|\bpoetsen|\bkoken|\bboodschappen|"
        r"\bgeld\b"
    ),
    "mobiliteit": (
        r"\bmobiliteit|\bverplaats|\bvervoer|\bbus\b|\btram\b|\btrein|\bauto\b|\bfiets|\brolstoel"
    ),
    "communicatie": r"\bcommunicatie|\bcommuniceren|\bpraten\b|\bspreken\b|\bgebaren|\bpictogram",
}
# What someone may want to change: words -> the slots to ask again, and how to name them.
TOPICS: dict[str, tuple[str, tuple[str, ...]]] = {
    "good_day": ("je verhaal", ("good_day", "what_matters", "strengths")),
    "dreams": (
        "je dromen",
        (DREAMS_SLOT, *(s for s in STORY_SLOTS if s.startswith("dream_"))),
    ),
    "hard_now": ("wat moeilijk is", ("hard_now",)),
    "works_well": ("wat goed gaat", ("works_well",)),
    "network": ("je netwerk", (*MEMBER_SLOTS, "member_more")),
    "life_domains": ("de delen van je leven", (CHOSEN_DOMAINS_SLOT, MORE_DOMAINS_SLOT)),
    "plan_name": ("je naam", ("plan_name",)),
    **{
        d: (label.lower(), tuple(f"{d}_{q}" for q in ("now", "wish", "often", "who")))
        for d, label in DOMAINS.items()
    },
    "urgency": ("hoe dringend het is", URGENCY_SLOTS),
    "spending": ("cash of voucher", ("spending",)),
    "providers": ("de zorgaanbieder", ("providers",)),
}
_TOPIC_WORDS = (
    ("life_domains", r"welke delen|andere delen|delen van mijn leven|onderwerpen"),
    ("network", r"netwerk|mensen rond|familie|vrienden"),
    ("dreams", r"droom|dromen|wens"),
    ("good_day", r"goede dag|verhaal|belangrijk|goed in|graag doe"),
    ("hard_now", r"moeilijk"),
    ("works_well", r"goed gaat|lukt goed"),
    ("plan_name", r"\bnaam\b"),
    # The life domains, with wonen last: "zorgaanbieder" and "huishouden" are not about it.
    *((d, _DOMAIN_WORDS[d]) for d in DOMAINS if d != "wonen"),
    ("urgency", r"dringend|urgent"),
    ("spending", r"cash|voucher|budget"),
    ("providers", r"aanbieder|voorkeur"),
    ("wonen", _DOMAIN_WORDS["wonen"]),
)


_ALL_DOMAINS = re.compile(r"\b(alle(s|maal)?|overal over|elk deel|ieder deel)\b", re.I)


# Words that ask to change an answer ("ik wil mijn antwoord over wonen aanpassen"), unlike a
# list of life domains ("wonen, werk en vrije tijd"), which the classifier can read alike.
CHANGE_WORDS = re.compile(
    r"aanpass|veranderen|verander\b|wijzig|verbeter|klopt niet|\bfout|verkeerd|vergist|"
    r"opnieuw|\bterug\b|anders\b",
    re.I,
)


def domains_named(text: str) -> list[str]:
    """The life domain ids a text names, in catalogue order."""
    lowered = (text or "").lower()
    return [d for d in DOMAINS if re.search(_DOMAIN_WORDS[d], lowered)]


# Words that place a dream in a life domain (the dream slots of bot/intake_catalogue.py).
_DREAM_WORDS = {
    "dream_wonen": _DOMAIN_WORDS["wonen"] + r"|\bhuis|\bkamer|\bsamenwon",
    "dream_werk": r"\bwerk|\bjob\b|\bdagbesteding|\bdagcentrum|\batelier|\bvrijwillig",
    "dream_vrije_tijd": (
        _DOMAIN_WORDS["vrije_tijd"]
        + r"|\breis|\bmuziek|\bdans|\btekenen|\bschilder|\bvoetbal|\bfiets|\bwandel"
        + r"|\bconcert|\bfilm|\bturnen|\bpaard"
    ),
    "dream_relaties": (
        _DOMAIN_WORDS["relaties"] + r"|\btrouwen|\bkinderen\b|\bvriendin|\bvrienden"
    ),
    "dream_leren": r"\bleren\b|\bopleiding|\bschool|\bcursus|\bstuder|\bdiploma|\brijbewijs",
}
# Where one dream ends and the next begins: a comma, a full stop, "en", "maar", "of".
_LEADING_AND = re.compile(r"^(?:en|maar|of)\s+", re.IGNORECASE)
_DREAM_BREAK = re.compile(r"(\s*[,;.!]+\s*|\s+(?:en|maar|of)\s+)", re.IGNORECASE)


def _dream_slot(clause: str, asked: list[str]) -> str | None:
    lowered = clause.lower()
    return next((slot for slot in asked if re.search(_DREAM_WORDS[slot], lowered)), None)


def dreams_told(text: str, asked: list[str]) -> dict[str, str]:
    """An open answer about dreams split over the dream slots `asked`: "alleen wonen, werken
    in een dierenasiel en zwemmen" gives dream_wonen "alleen wonen", dream_werk "werken in
    een dierenasiel", dream_vrije_tijd "zwemmen". A part that names no life domain stays
    with the part before it (or the first that follows), so no word is lost. Empty when the
    answer names none of them."""
    pieces = _DREAM_BREAK.split(text or "")
    groups: list[list[str]] = []  # [slot, text]
    before = ""  # words before the first part that names a domain
    for index in range(0, len(pieces), 2):
        clause = pieces[index]
        separator = pieces[index - 1] if index else ""
        slot = _dream_slot(clause, asked)
        if slot is None or (groups and groups[-1][0] == slot):
            if groups:
                groups[-1][1] += separator + clause
            else:
                before += separator + clause
            continue
        groups.append([slot, (before + separator if before else "") + clause])
        before = ""
    told: dict[str, str] = {}
    for slot, said in groups:
        said = _LEADING_AND.sub("", said.strip(" ,;.!"))
        told[slot] = f"{told[slot]}, {said}" if slot in told else said
    return {slot: said for slot, said in told.items() if said}


def domain_choice(text: str) -> list[str]:
    """The life domains a typed choice names (bot.intake_catalogue.chosen_domains reads the
    stored choice): every domain for "alles", else the
    domains the text names (possibly none: the question is asked again)."""
    if _ALL_DOMAINS.search(text or ""):
        return list(DOMAINS)
    return domains_named(text)


QUESTION = re.compile(
    r"\?\s*$|^\s*(wat|wa|wie|hoe|hoeveel|waar|wanneer|waarom|welke?|kan|kun|mag|moet|"
    r"is|zijn|heb|ben|leg|uitleg)\b",
    re.I,
)


# "ik ben Sarah en ik heb een verstandelijke beperking, ...": a name with a capital, told
# first, before a story. The sentence was "Dat lijkt me geen naam" and asked again.
_NAME_BEFORE_A_STORY = re.compile(
    r"^\s*(?:ik\s+(?:ben|heet)|(?:mijn|m'n|men)\s+(?:voor)?naam\s+is|(?:hij|zij|ze)\s+heet)"
    r"\s+([A-ZÀ-Þ][a-zà-ÿ]+(?:-[A-ZÀ-Þ][a-zà-ÿ]+)?)\s*(?:[,.;!]|\s+en\s)",
)


def name_answer(text: str) -> str | None:
    """The name in an answer to a name question ("ik ben Sam" gives "Sam"; "ik ben Sarah en
    ik woon in Aalst" gives "Sarah"), or None when the answer reads as a sentence about
    something else ("ik kan goed tekenen")."""
    name = _NAME_OUTRO.sub("", _NAME_INTRO.sub("", text or "")).strip(" .!")
    words = re.findall(r"[\w'-]+", name.lower())
    told_first = _NAME_BEFORE_A_STORY.match(text or "")
    if not words or len(words) > MAX_NAME_WORDS or name.endswith("?"):
        return told_first[1] if told_first else None
    if any(word in _SENTENCE_WORDS for word in words):
        return told_first[1] if told_first else None
    return name


_NAME_WORD = re.compile(r"^[^\W\d_]{2,}(?:-[^\W\d_]{2,})?$")
_RELATION_OR_POSSESSIVE = frozenset(
    {*POSSESSIVES, "je", "jouw", "onze", "zijn", "haar"}
    | {word for words in RELATION_WORDS.values() for word in words}
    | {word for words in AFTER_POSSESSIVE_WORDS.values() for word in words}
)


# A surname first: "De Smet", "Van den Broeck Marie".
_SURNAME_PARTICLES = frozenset("van vande vanden vander de den der le la du".split())


def first_name_in(name: str) -> str | None:
    """The first name in a name for the plan, to ask about the person by name: "Tibo" in
    "tibo", "Tibo Janssens" or "je zoon Tibo"; None for an initial ("T."), a surname that
    comes first ("De Smet") or no name."""
    words = [w for w in name.split() if w.lower().strip(".,") not in _RELATION_OR_POSSESSIVE]
    if not words or not _NAME_WORD.match(words[0]):
        return None
    if words[0].lower() in _NOT_A_NAME | _SURNAME_PARTICLES:
        return None
    return "-".join(part[:1].upper() + part[1:] for part in words[0].split("-"))


# One capitalised word (or two joined by a hyphen) typed as the whole answer: "Mila".
_BARE_NAME = re.compile(r"^[A-ZÀ-Þ][a-zà-ÿ]+(?:-[A-ZÀ-Þ][a-zà-ÿ]+)?$")
_NOT_A_NAME = frozenset("pas nee neen geen niks niets niemand overslaan volgende sorry".split())


def is_bare_name(text: str) -> bool:
    """True for an answer that is only a first name ("Mila", "Anne-Sophie"): the classifier
    sometimes reads such a word as another intent (skip, deny), but to a name question it
    is the name."""
    text = (text or "").strip(" .!")
    return bool(_BARE_NAME.match(text)) and text.lower() not in _NOT_A_NAME


# "wat moet ik hier zeggen", "wat bedoel je daarmee", "hoe bedoel je", "wat wil je weten":
# the whole message asks about the question and answers nothing (ask_capabilities 0.99 on the
# model of 2026-12-06; it was stored as what the person is good at).
ABOUT_THE_QUESTION = re.compile(
    r"^\s*(?:euh\s+|ja\s+maar\s+|maar\s+)?(?:"
    r"wat\s+(?:moet|moe|mag|kan)\s+(?:ik|k)\s+(?:(?:hier|daar|nu|daarop|hierop)\s+)?"
    r"(?:zeggen|schrijven|typen|antwoorden|invullen|vertellen)"
    r"|wa(?:t)?\s+bedoel\s+(?:je|jij|ge|gij|u)"
    r"(?:\s+(?:daarmee|hiermee|daar\s+mee|met\s+(?:die|deze|de|da)\s+vraag))?"
    r"|hoe\s+bedoel\s+(?:je|jij|ge|gij|u)"
    r"|wat\s+wil\s+(?:je|jij|ge|gij|u)\s+(?:weten|horen)"
    r"|wat\s+is\s+de\s+bedoeling"
    r")\s*[?!.]*\s*$",
    re.IGNORECASE,
)


def asks_about_the_question(text: str) -> bool:
    """Whether the whole message asks what the question means or what to answer."""
    return ABOUT_THE_QUESTION.match(text or "") is not None


# "hoeveel vragen zijn er nog", "hoe lang duurt dit nog", "is het bijna gedaan", "zijn we
# er bijna": the whole message asks how far the intake is, it is no answer.
HOW_FAR = re.compile(
    r"^\s*(?:"
    r"(?:en\s+|allee\s+)?hoeveel\s+(?:vragen|vraagjes)(?:\s+(?:zijn|komen|volgen))?"
    r"(?:\s+er)?(?:\s+(?:nog|nu\s+nog))?(?:\s+(?:te\s+gaan|over|komen))?"
    r"|hoe\s*lang\s+(?:duurt|gaat)\s+(?:dit|dat|het|da|deze\s+vragenlijst)(?:\s+nog)?"
    r"(?:\s+(?:duren|lang))?"
    r"|hoe\s*lang\s+nog"
    r"|(?:is|es)\s+(?:het|dit|da|dat)\s+(?:bijna|nog\s+lang|nu)\s+(?:gedaan|klaar|voorbij)"
    r"|zijn\s+(?:we|wij|we\s+er)\s+(?:er\s+)?(?:bijna|nog\s+lang)(?:\s+(?:klaar|bezig|gedaan))?"
    r"|nog\s+veel\s+vragen"
    r")\s*[?!.]*\s*$",
    re.IGNORECASE,
)


def asks_how_far(text: str) -> bool:
    """Whether the whole message asks how many questions of the intake are left."""
    return HOW_FAR.match(text or "") is not None


def is_question(text: str) -> bool:
    """A question ("wat is een vergunde zorgaanbieder?"), not an answer that happens to
    name a FAQ topic ("een vergunde zorgaanbieder en mijn zus")."""
    return text.startswith("/") or bool(QUESTION.search(text))


_SEARCH_WORDS = re.compile(r"\b(zoek|zoeken|vind|vinden|gezocht)\b", re.I)


def is_request(text: str) -> bool:
    """A question or a search ("ik zoek woonondersteuning in Gent"), not a story."""
    return is_question(text) or bool(_SEARCH_WORDS.search(text))


def yes_no(intent: str | None, text: str) -> str | None:
    """ "ja", "nee" or None for an answer to a yes/no question."""
    if intent == "affirm":
        return "ja"
    if intent == "deny":
        return "nee"
    if NO.search(text or ""):
        return "nee"
    if YES.search(text or ""):
        return "ja"
    return None


def wish(text: str, support_type: str | None) -> str:
    """A support type id, NO_HELP, or the words as typed."""
    if support_type:
        return support_type
    if NO_HELP_WORDS.search(text or ""):
        return NO_HELP
    return text.strip()


def frequency(text: str) -> str | None:
    """How often, as a number ("3", "0.5"), or None when the text holds no number."""
    text = (text or "").lower()
    if _EVERY.search(text):
        return "7"
    match = _DIGITS.search(text)
    if match:
        return match.group(1).replace(",", ".")
    for word in re.findall(r"[a-zé]+", text):
        if word in _NUMBER_WORDS:
            value = _NUMBER_WORDS[word]
            return str(value).removesuffix(".0") if isinstance(value, float) else str(value)
    return None


def who(text: str) -> list[str]:
    """The WHO ids named in a free-text answer, in catalogue order without repeats."""
    found = []
    rest = (text or "").lower()
    for key, pattern in _WHO_WORDS:
        if re.search(pattern, rest):
            found.append(key)
            rest = re.sub(pattern, " ", rest)  # "niet vergund" does not count as "vergund"
    return found


# "3 nachten", "twee dagen per week", "2,5 uur", "elke dag": a number with its unit. In an
# answer to another question ("woonondersteuning, 3 nachten") only this counts as how often:
# a bare "een" is an article there, not a number.
_AMOUNT = re.compile(
    r"\b(\d{1,2}(?:[.,]5)?|" + "|".join(_NUMBER_WORDS) + r")\s*(?:x\b|keer|nacht|dag|uur|u\b)",
    re.I,
)


def amount(text: str) -> str | None:
    """How often, when the text names a number with its unit ("3 nachten"), else None."""
    text = (text or "").lower()
    if _EVERY.search(text):
        return "7"
    match = _AMOUNT.search(text)
    return frequency(match.group(0)) if match else None


def who_also_named(text: str) -> list[str]:
    """Who could help, named beside another answer ("3 nachten, van mijn zus"): as who(),
    but a bare "ik" ("ik heb 3 nachten nodig") says nothing about who helps."""
    return who(re.sub(r"\bik\b", " ", text or "", flags=re.I))


_NO_LEAD = re.compile(r"^\s*(nee+n?|neen|nop|no)\b[\s,.:;!-]*", re.I)
# The least words a reason after "nee" needs to be one ("nee, ik heb meer hulp nodig").
MIN_REASON_WORDS = 3


def reason_after_no(text: str) -> str | None:
    """The words after a leading "nee" ("nee, ik heb meer begeleiding nodig" gives "ik heb
    meer begeleiding nodig"), when they are a sentence of their own; else None."""
    match = _NO_LEAD.match(text or "")
    if not match:
        return None
    rest = text[match.end() :].strip()
    return rest if len(rest.split()) >= MIN_REASON_WORDS else None


# "al twee jaar", "sinds 2021", "sinds de zomer", "3 maanden": how long something has been so.
_HOW_LONG = re.compile(
    r"[,;]?\s*\b(?:(?:al|nu al|ondertussen al)\s+(?:\w+\s+){0,2}?"
    r"(?:jaar|jaren|maand|maanden|week|weken|lang|heel lang|een tijd)\b|"
    r"(?:sinds|sedert)\s+(?:(?:de|het|vorig|vorige|begin|eind)\s+)?[\w-]+|"
    r"\d+\s+(?:jaar|jaren|maanden|weken)\b(?:\s+al|\s+lang)?)",
    re.I,
)


def how_long_told(text: str) -> tuple[str, str] | None:
    """ "mijn ouders zorgen voor mij, al twee jaar" gives ("mijn ouders zorgen voor mij",
    "al twee jaar"): the answer without how long, and how long. None when the text does
    not say how long, or says nothing else."""
    match = _HOW_LONG.search(text or "")
    if not match:
        return None
    how_long = match.group(0).strip(" ,;")
    rest = (text[: match.start()] + text[match.end() :]).strip(" ,;.")
    return (rest, how_long) if rest else None


def spending(text: str) -> str | None:
    for key, pattern in _SPENDING:
        if re.search(pattern, (text or "").lower()):
            return key
    return None


def topic(text: str, entity: str | None) -> str | None:
    """Which answer someone wants to change: a TOPICS key, or None."""
    if entity in TOPICS:
        return entity
    lowered = (text or "").lower()
    for key, pattern in _TOPIC_WORDS:
        if re.search(pattern, lowered):
            return key
    return None
