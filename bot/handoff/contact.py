"""How the person wants to be contacted, and checking the phone number or e-mail address.

A check returns the normalised value, or a plain Dutch sentence that says what is wrong
and how a right one looks; the assistant shows it and asks again. Saying no to giving
contact details is fine: that is the preference "geen".

Phone numbers: Belgian landline and mobile numbers, written with or without +32 or 0032,
with spaces, slashes, dots, dashes or "(0)"; a valid foreign number written with + or 00
is accepted too. The value is stored as E.164 ("+32470123456"); `display_phone` writes it
the Belgian way for the worker. Short numbers (112, 1813), free and paying numbers
(0800, 090x, 070) are refused: nobody can be called back on them.
E-mail addresses are checked by their form only (email-validator, no DNS look-up).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers
from email_validator import EmailNotValidError, validate_email
from phonenumbers import PhoneNumberFormat, PhoneNumberType, ValidationResult

CHAT = "chat"
PHONE = "telefoon"
EMAIL = "e-mail"
NO_CONTACT = "geen"
PREFERENCES = (CHAT, PHONE, EMAIL, NO_CONTACT)
PREFERENCE_LABELS = {
    CHAT: "hier in de chat",
    PHONE: "met de telefoon",
    EMAIL: "met een e-mail",
    NO_CONTACT: "liever geen contact",
}
MAX_WHEN = 200
MAX_INPUT = 200
REGION = "BE"
CALLABLE_TYPES = {
    PhoneNumberType.FIXED_LINE,
    PhoneNumberType.MOBILE,
    PhoneNumberType.FIXED_LINE_OR_MOBILE,
    PhoneNumberType.VOIP,
}

PHONE_EXAMPLES = (
    "Een gsm-nummer heeft 10 cijfers, zoals 0470 12 34 56. "
    "Een vast nummer heeft 9 cijfers, zoals 09 223 45 67."
)
NO_PHONE = "Ik zie geen telefoonnummer. Typ je nummer met cijfers, zoals 0470 12 34 56."
TWO_PHONES = "Ik zie meer dan één nummer. Typ één nummer waarop we je kunnen bellen."
SHORT_NUMBER = (
    "Dat is een kort nummer, zoals van een hulplijn. "
    "Ik heb jouw eigen nummer nodig, zoals 0470 12 34 56."
)
TOO_SHORT = f"Dat nummer is te kort. {PHONE_EXAMPLES}"
TOO_LONG = f"Dat nummer is te lang. {PHONE_EXAMPLES}"
NOT_CALLABLE = (
    "Op dat soort nummer kunnen we je niet terugbellen. Geef een gsm-nummer of een vast nummer."
)
NO_SUCH_PHONE = (
    "Dat nummer bestaat niet. Kijk het nog eens na. "
    "Een Belgisch nummer begint met 0 of met +32, zoals 0470 12 34 56."
)

NO_EMAIL = "Ik zie geen e-mailadres. Een e-mailadres ziet eruit als naam@voorbeeld.be."
NO_AT = "Een e-mailadres heeft altijd een @, zoals naam@voorbeeld.be."
EMAIL_SPACES = "Een e-mailadres heeft geen spaties. Typ het aan één stuk, zoals naam@voorbeeld.be."
TWO_EMAILS = "Ik zie meer dan één e-mailadres. Typ er één."
EMAIL_NO_NAME = "Voor de @ moet een naam staan, zoals naam@voorbeeld.be."
EMAIL_NO_DOT = "Na de @ komt een naam met een punt, zoals telenet.be of gmail.com."
WRONG_EMAIL = (
    "Dat e-mailadres klopt niet. Kijk het nog eens na. "
    "Een e-mailadres ziet eruit als naam@voorbeeld.be."
)
UNKNOWN_PREFERENCE = (
    "Kies hoe we je contacteren: hier in de chat, met de telefoon, met een e-mail, of liever niet."
)


@dataclass(frozen=True)
class ContactCheck:
    """`value` is the normalised value when it is right; `problem` says what is wrong."""

    value: str | None
    problem: str | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None


def _wrong(problem: str) -> ContactCheck:
    return ContactCheck(None, problem)


def check_phone(text: str | None) -> ContactCheck:
    """A phone number in `text` ("mijn nummer is 09/223.45.67" works too) as E.164."""
    text = (text or "").strip()[:MAX_INPUT]
    found = [
        match.number
        for match in phonenumbers.PhoneNumberMatcher(
            text, REGION, leniency=phonenumbers.Leniency.POSSIBLE
        )
    ]
    if len({phonenumbers.format_number(n, PhoneNumberFormat.E164) for n in found}) > 1:
        return _wrong(TWO_PHONES)
    if found:
        number = found[0]
    else:
        digits = re.sub(r"[^\d+]", "", text)
        if not re.search(r"\d", digits):
            return _wrong(NO_PHONE)
        try:
            number = phonenumbers.parse(digits, REGION)
        except phonenumbers.NumberParseException:
            return _wrong(NO_PHONE)
    if number.country_code == 32:
        dialled = re.sub(r"[^\d+]", "", text).startswith(("0", "+"))
        problem = _belgian_length_problem(str(number.national_number), dialled)
        if problem:
            return _wrong(problem)
    possible = phonenumbers.is_possible_number_with_reason(number)
    if possible == ValidationResult.TOO_SHORT:
        return _wrong(TOO_SHORT)
    if possible == ValidationResult.TOO_LONG:
        return _wrong(TOO_LONG)
    if not phonenumbers.is_valid_number(number):
        return _wrong(NO_SUCH_PHONE)
    if phonenumbers.number_type(number) not in CALLABLE_TYPES:
        return _wrong(NOT_CALLABLE)
    return ContactCheck(phonenumbers.format_number(number, PhoneNumberFormat.E164))


def _belgian_length_problem(national: str, dialled: bool) -> str | None:
    """Belgian numbers without the 0: 9 digits for a mobile (4...), 8 for the rest.
    Up to 4 digits without a 0 or + in front is a short number such as 112 or 1813."""
    if len(national) <= 4 and not dialled:
        return SHORT_NUMBER
    expected = 9 if national.startswith("4") else 8
    if len(national) < expected:
        return TOO_SHORT
    if len(national) > expected:
        return TOO_LONG
    return None


def display_phone(e164: str) -> str:
    """ "+32470123456" -> "0470 12 34 56"; a foreign number in international form."""
    try:
        number = phonenumbers.parse(e164, REGION)
    except phonenumbers.NumberParseException:
        return e164
    style = (
        PhoneNumberFormat.NATIONAL if number.country_code == 32 else PhoneNumberFormat.INTERNATIONAL
    )
    return phonenumbers.format_number(number, style)


_EMAIL_TOKEN = re.compile(r"[^\s<>()\[\],;:\"']*@[^\s<>()\[\],;:\"']*")


def check_email(text: str | None) -> ContactCheck:
    """An e-mail address in `text` ("mijn mail is an@telenet.be" works too), normalised
    (the domain in lower case)."""
    text = (text or "").strip()[:MAX_INPUT]
    if not text:
        return _wrong(NO_EMAIL)
    tokens = [token.strip(".") for token in _EMAIL_TOKEN.findall(text)]
    tokens = [token for token in tokens if token not in ("", "@")]
    if not tokens:
        if "@" in text:
            return _wrong(EMAIL_SPACES)
        return _wrong(NO_AT)
    if len({token.lower() for token in tokens}) > 1:
        return _wrong(TWO_EMAILS)
    address = tokens[0]
    local, _, domain = address.rpartition("@")
    if not local:
        return _wrong(EMAIL_NO_NAME)
    if "." not in domain.strip("."):
        after = text[text.find(address) + len(address) :]
        if re.match(r"\s+\S*\.", after):  # "an@sky net.be"
            return _wrong(EMAIL_SPACES)
        return _wrong(EMAIL_NO_DOT)
    try:
        checked = validate_email(address, check_deliverability=False)
    except EmailNotValidError:
        return _wrong(WRONG_EMAIL)
    return ContactCheck(checked.normalized)


def clean_when(text: str | None) -> str | None:
    """When the person can be reached, as they said it (one line, at most MAX_WHEN)."""
    cleaned = " ".join((text or "").split())[:MAX_WHEN]
    return cleaned or None


def check_contact(preference: str, value: str | None = None) -> ContactCheck:
    """Check the value for a preference: a phone number for "telefoon", an e-mail address
    for "e-mail", nothing for "chat" and "geen" (their value is always None)."""
    if preference == PHONE:
        return check_phone(value)
    if preference == EMAIL:
        return check_email(value)
    if preference in (CHAT, NO_CONTACT):
        return ContactCheck(None)
    return _wrong(UNKNOWN_PREFERENCE)
