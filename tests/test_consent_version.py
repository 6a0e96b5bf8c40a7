"""The consent text's version is derived from the text: a changed text always gets a new
version, so a stored consent always names the text the person agreed to."""

from __future__ import annotations

import re

from bot.consent_version import DOMAIN_FILE, consent_text_version, consent_texts
from bot.intake_catalogue import CONSENT_TEXT_VERSION


def test_the_version_is_the_one_of_the_current_text():
    assert re.fullmatch(r"[0-9a-f]{12}", CONSENT_TEXT_VERSION)
    assert CONSENT_TEXT_VERSION == consent_text_version()
    assert len(consent_texts()) == 2  # the usual and the easy-language text


def test_changing_either_text_changes_the_version(tmp_path):
    domain = DOMAIN_FILE.read_text(encoding="utf-8")
    for text in consent_texts():
        first_line = text.splitlines()[0]
        assert domain.count(first_line) == 1
        changed = tmp_path / "domain.yml"
        changed.write_text(domain.replace(first_line, first_line + " Echt."), encoding="utf-8")
        assert consent_text_version(changed) != CONSENT_TEXT_VERSION


def test_changing_another_response_keeps_the_version(tmp_path):
    domain = DOMAIN_FILE.read_text(encoding="utf-8")
    other = "Alles is gewist. Ik weet niets meer over jou."
    assert other in domain
    changed = tmp_path / "domain.yml"
    changed.write_text(domain.replace(other, "Alles is weg."), encoding="utf-8")
    assert consent_text_version(changed) == CONSENT_TEXT_VERSION
