"""Contact details: Belgian phone numbers and e-mail addresses, right and wrong."""

from __future__ import annotations

import pytest

from bot.handoff import contact
from bot.handoff.contact import check_contact, check_email, check_phone, display_phone


@pytest.mark.parametrize(
    ("typed", "normalised"),
    [
        ("0470 12 34 56", "+32470123456"),
        ("0470123456", "+32470123456"),
        ("0470/12.34.56", "+32470123456"),
        ("0470-12-34-56", "+32470123456"),
        ("+32 470 12 34 56", "+32470123456"),
        ("+32470123456", "+32470123456"),
        ("0032 470 12 34 56", "+32470123456"),
        ("+32 (0)470 12 34 56", "+32470123456"),
        ("0456 78 90 12", "+32456789012"),
        ("09 223 45 67", "+3292234567"),  # Gent
        ("09/223.45.67", "+3292234567"),
        ("+32 9 223 45 67", "+3292234567"),
        ("02 225 84 11", "+3222258411"),  # Brussel
        ("016 12 34 56", "+3216123456"),  # Leuven
        ("011 23 45 67", "+3211234567"),  # Hasselt
        ("050 44 80 00", "+3250448000"),  # Brugge
        ("mijn nummer is 0470 12 34 56", "+32470123456"),
        ("0470 12 34 56, ook 0470123456", "+32470123456"),  # twice the same number
        ("+31 6 12345678", "+31612345678"),  # a Dutch mobile, written internationally
    ],
)
def test_right_phone_numbers(typed, normalised):
    assert check_phone(typed) == contact.ContactCheck(normalised)


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("", contact.NO_PHONE),
        ("bel me maar", contact.NO_PHONE),
        ("0470 12 34", contact.TOO_SHORT),
        ("09 223 45 6", contact.TOO_SHORT),
        ("+32 470 12 34 5", contact.TOO_SHORT),
        ("0470 12 34 56 7", contact.TOO_LONG),
        ("09 223 45 67 8", contact.TOO_LONG),
        ("112", contact.SHORT_NUMBER),
        ("1813", contact.SHORT_NUMBER),
        ("106", contact.SHORT_NUMBER),
        ("0800 12 345", contact.NOT_CALLABLE),  # free number
        ("0900 12 345", contact.NOT_CALLABLE),  # paying number
        ("0400 12 34 56", contact.NO_SUCH_PHONE),
        ("0430 12 34 56", contact.NO_SUCH_PHONE),
        ("0470", contact.TOO_SHORT),
        ("0470 12 34 56 of 09 223 45 67", contact.TWO_PHONES),
    ],
)
def test_wrong_phone_numbers_say_why(typed, problem):
    checked = check_phone(typed)
    assert not checked.ok and checked.value is None
    assert checked.problem == problem


def test_phone_problems_are_plain_dutch_with_an_example():
    for problem in (contact.TOO_SHORT, contact.TOO_LONG, contact.NO_PHONE, contact.NO_SUCH_PHONE):
        assert "0470 12 34 56" in problem
    assert check_phone(None).problem == contact.NO_PHONE


def test_display_phone():
    assert display_phone("+32470123456") == "0470 12 34 56"
    assert display_phone("+3292234567") == "09 223 45 67"
    assert display_phone("+31612345678") == "+31 6 12345678"
    assert display_phone("onzin") == "onzin"


@pytest.mark.parametrize(
    ("typed", "normalised"),
    [
        ("an.peeters@telenet.be", "an.peeters@telenet.be"),
        ("An.Peeters@Telenet.BE", "An.Peeters@telenet.be"),
        ("  jan@skynet.be  ", "jan@skynet.be"),
        ("mijn mail is jan@proximus.be.", "jan@proximus.be"),
        ("<jan@gmail.com>", "jan@gmail.com"),
        ("jan+vaph@outlook.be", "jan+vaph@outlook.be"),
        ("élise@müller.be", "élise@müller.be"),
    ],
)
def test_right_email_addresses(typed, normalised):
    assert check_email(typed) == contact.ContactCheck(normalised)


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("", contact.NO_EMAIL),
        ("an.peeters.telenet.be", contact.NO_AT),
        ("an @ telenet.be", contact.EMAIL_SPACES),
        ("an@tele net.be", contact.EMAIL_SPACES),
        ("@telenet.be", contact.EMAIL_NO_NAME),
        ("an@telenet", contact.EMAIL_NO_DOT),
        ("an@@telenet.be", contact.WRONG_EMAIL),
        ("an..peeters@telenet.be", contact.WRONG_EMAIL),
        ("an@telenet..be", contact.WRONG_EMAIL),
        ("an@telenet.be en jan@skynet.be", contact.TWO_EMAILS),
    ],
)
def test_wrong_email_addresses_say_why(typed, problem):
    checked = check_email(typed)
    assert not checked.ok and checked.value is None
    assert checked.problem == problem


def test_check_contact_by_preference():
    assert check_contact("telefoon", "0470 12 34 56").value == "+32470123456"
    assert check_contact("telefoon", "0470").problem == contact.TOO_SHORT
    assert check_contact("e-mail", "an@telenet.be").value == "an@telenet.be"
    assert check_contact("e-mail", "an").problem == contact.NO_AT
    # Chat and no contact at all are fine, and keep no value.
    assert check_contact("chat", "0470 12 34 56") == contact.ContactCheck(None)
    assert check_contact("geen") == contact.ContactCheck(None)
    assert check_contact("duif").problem == contact.UNKNOWN_PREFERENCE


def test_when_is_kept_as_one_short_line():
    assert contact.clean_when("  na 16 uur\n\nop woensdag ") == "na 16 uur op woensdag"
    assert contact.clean_when("   ") is None
    assert len(contact.clean_when("x" * 500)) == contact.MAX_WHEN
