"""Keyed hashes with the server secret (settings.secret_key).

Resume codes, client addresses and forgotten conversation ids are stored only as an
HMAC-SHA256 with the server secret: a copy of the database alone does not let anyone
try codes offline or recognise an address or a conversation.
"""

from __future__ import annotations

import hashlib
import hmac
from functools import lru_cache

from bot.config import load_settings


@lru_cache(maxsize=1)
def server_secret() -> bytes:
    """The secret of this installation (WEGWIJZER_SECRET_KEY or var/secret.key)."""
    return load_settings().secret_key.encode("utf-8")


def keyed_hash(purpose: str, value: str, secret: bytes | None = None) -> str:
    """HMAC-SHA256 (hex, 64 characters) of `value` for one `purpose` ("resume_code",
    "client", "conversation"), so equal values for different purposes never match."""
    key = server_secret() if secret is None else secret
    message = f"{purpose}\x00{value}".encode("utf-8", "surrogatepass")
    return hmac.new(key, message, hashlib.sha256).hexdigest()
