"""The version of the consent text, derived from the text itself.

Every stored consent records the version of the text the person agreed to. The version is
the start of a SHA-256 over both variants of `utter_ask_consent` in domain.yml (the usual
and the easy-language one; `utter_ask_consent_speaker_known` shares them), so a changed
text always gets a new version: nobody has to remember to change a number.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import yaml

from bot.config import PROJECT_ROOT

DOMAIN_FILE = PROJECT_ROOT / "domain.yml"
CONSENT_RESPONSES = ("utter_ask_consent", "utter_ask_consent_speaker_known")
VERSION_CHARS = 12


def consent_texts(domain_file: Path = DOMAIN_FILE) -> list[str]:
    """The texts of the consent question's variants, each once, in the order of domain.yml."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    domain = yaml.load(domain_file.read_text(encoding="utf-8"), Loader=loader)  # noqa: S506
    texts = [
        variant["text"]
        for response in CONSENT_RESPONSES
        for variant in domain["responses"][response]
    ]
    return list(dict.fromkeys(texts))  # variants that differ only in buttons share a text


def version_of(texts: list[str]) -> str:
    """The first hex digits of the SHA-256 over the texts (each ended by a NUL)."""
    digest = hashlib.sha256()
    for text in texts:
        digest.update(text.encode("utf-8") + b"\x00")
    return digest.hexdigest()[:VERSION_CHARS]


def consent_text_version(domain_file: Path = DOMAIN_FILE) -> str:
    return version_of(consent_texts(domain_file))
