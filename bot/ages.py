"""Ages read by rule: "mijn zoon van 19", "ze is 34", "34 jaar", "achttien jaar".

An age is only found where the words around a number make it an age, so
"ik heb 2 kinderen", "om 3 uur" or "postcode 9000" are never taken for one:
- "N jaar" as the whole message, "N jaar oud" and "N-jarige" anywhere;
- "van N" after a person ("mijn zoon van 19", "ons moeder van 82");
- "ik ben N", "hij/zij/ze/die is N", "<person> is N" ("ze is 34", "mijn broer is 40"), and
  "<person> … en is N" ("ons zoon heeft autisme en is 17");
- "bijna N" (then the age is N - 1: "bijna 18" is still 17) and "hij wordt N".
Numbers may be digits or Dutch words up to 120 ("achttien", "vierendertig", "tweeëntwintig").
The Rasa component is bot/age_extractor.py; the forms read typed answers with
`number_in` and `find_age` too (actions/answers.py), without importing Rasa.
"""

from __future__ import annotations

import re

MAX_AGE = 120

_UNITS = {
    "nul": 0, "een": 1, "één": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6,
    "zeven": 7, "acht": 8, "negen": 9,
}  # fmt: skip
_TEENS = {
    "tien": 10, "elf": 11, "twaalf": 12, "dertien": 13, "veertien": 14, "vijftien": 15,
    "zestien": 16, "zeventien": 17, "achttien": 18, "negentien": 19,
}  # fmt: skip
_TENS = {
    "twintig": 20, "dertig": 30, "veertig": 40, "vijftig": 50, "zestig": 60,
    "zeventig": 70, "tachtig": 80, "negentig": 90,
}  # fmt: skip


def _number_words() -> dict[str, int]:
    words = {**_UNITS, **_TEENS, **_TENS, "honderd": 100}
    for tens_word, tens in _TENS.items():
        for unit_word, unit in _UNITS.items():
            if unit == 0:
                continue
            # "eenentwintig", "tweeëntwintig" (also typed without the diaeresis), "vierendertig"
            joins = ("ën", "en") if unit_word.endswith("e") else ("en",)
            for join in joins:
                words[f"{unit_word}{join}{tens_word}"] = tens + unit
    return words


NUMBER_WORDS = _number_words()
_NUMBER = r"(\d{1,3}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
_PERSON = (
    r"(?:zoon|zoontje|dochter|dochtertje|kind|kindje|broer|broertje|zus|zuster|zusje|"
    r"man|vrouw|partner|vriend|vriendin|vader|moeder|mama|papa|ma|pa|moe|va|oma|opa|"
    r"kleinzoon|kleindochter|neef|nicht|tante|nonkel|oom|cliënt|client|bewoner|jongen|"
    r"meisje|gast|mens|persoon|iemand|ik|hij|zij|ze|die|den|da)"
)
_STRICT = _NUMBER.replace("|één|", "|").replace("|een|", "|")  # "ik ben een moeder"
# Words after a number that make it something else than an age ("2 kinderen", "3 uur").
_NOT_AGE = (
    r"(?! ?(?:uur|euro|€|%|procent|keer|kinderen|kind|dagen|dag|weken|week|maanden|maand|"
    r"km|cm|kg|minuten|nachten|personen|mensen)\b)"
)
# The speaker about their own age: "ik ben 70", "word ik 18".
_SPEAKER = r"(?:ik ben|ben ik|ik word|word ik)"
_SUBJECT = (
    rf"(?:{_SPEAKER}|{_PERSON} is|is {_PERSON}|{_PERSON} wordt|"
    rf"wordt {_PERSON}|{_PERSON} van)"
)
# Each pattern has one group: the number. Checked on lower case text with single spaces.
# "N jaar" alone is not enough inside a sentence: "ik wacht al 3 jaar" is no age.
_PATTERNS = (
    (re.compile(rf"^(?:bijna )?{_NUMBER} ?(?:jaar|j)(?: oud)?[.!]?$"), 0),
    (re.compile(rf"\b{_NUMBER} ?(?:jaar oud|-?jarige)\b"), 0),
    (re.compile(rf"\b{_SUBJECT} {_STRICT}\b{_NOT_AGE}"), 0),
    (re.compile(rf"\b{_SUBJECT} bijna {_STRICT}\b{_NOT_AGE}"), -1),
    # "ons zoon heeft autisme en is 17": the person was named earlier in the sentence.
    (re.compile(rf"\b{_PERSON}\b.* en (?:is|wordt) {_STRICT}\b{_NOT_AGE}"), 0),
    (re.compile(rf"^bijna {_STRICT}[.!]?$"), -1),
)


# "ons ma wordt 65 volgend jaar", "ik word 17 in mei": the age the person turns, not has.
_TURNING = re.compile(
    rf"\b(?:ik word|word ik|{_PERSON} wordt|wordt {_PERSON}|en wordt) {_STRICT}\b{_NOT_AGE}"
)


def turning_age(text: str) -> int | None:
    """The age the message says someone turns ("mijn ma wordt 65": 65), else None. Their
    age now is one less; the `age` entity keeps the age as said (bot/age_extractor.py)."""
    match = _TURNING.search(" ".join(str(text).lower().split()))
    return _value(match.group(match.lastindex or 1)) if match else None


def _value(token: str) -> int | None:
    number = int(token) if token.isdigit() else NUMBER_WORDS.get(token)
    if number is None or not 0 <= number <= MAX_AGE:
        return None
    return number


def number_in(text: str) -> int | None:
    """A message that is just a number, in digits or words ("34", "achttien")."""
    token = " ".join(str(text).lower().split()).strip(" .!?")
    return _value(token) if re.fullmatch(_NUMBER, token) else None


# The speaker's own age: "ik ben 70", "ik ben bijna 18".
_OWN = re.compile(rf"\b{_SPEAKER}(?: bijna)? {_STRICT}\b")


def find_age(text: str) -> tuple[int, int, int] | None:
    """(age, start, end) of the first age in `text` (positions of the number), or None.

    Someone else's age goes before the speaker's own: in "ik ben 70 en mijn zoon van 40
    woont bij mij" the conversation is about the son (the relation named makes him the
    person, actions/facts_told.py), who is 40."""
    lowered = " ".join(str(text).lower().split())
    found: list[tuple[int, int, int]] = []
    for pattern, shift in _PATTERNS:
        for match in pattern.finditer(lowered):
            group = match.lastindex or 1
            value = _value(match.group(group))
            if value is not None and 0 <= value + shift <= MAX_AGE:
                found.append((match.start(group), value + shift, match.end(group)))
    if not found:
        return None
    own = {match.start(1) for match in _OWN.finditer(lowered)}
    start, age, end = min([f for f in found if f[0] not in own] or found)
    if lowered != str(text).lower():  # spaces were collapsed: find the number again
        token = lowered[start:end]
        again = re.search(rf"\b{re.escape(token)}\b", str(text).lower())
        if again is None:
            return None
        start, end = again.span()
    return age, start, end
