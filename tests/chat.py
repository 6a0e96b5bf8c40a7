"""Small helpers for tests that chat with the running assistant."""

from __future__ import annotations

import secrets

from bot.config import Settings
from knowledge import db, queries


def new_sender() -> str:
    return secrets.token_hex(12)


def texts(replies: list[dict]) -> list[str]:
    return [reply.get("text", "") for reply in replies]


def titles(replies: list[dict]) -> list[str]:
    return [button["title"] for reply in replies for button in reply.get("buttons", [])]


def knowledge_answer(topic: str, level: str = "gewoon") -> str:
    """The knowledge base's answer to a FAQ topic, as the assistant says it."""
    with db.session() as session:
        answer = queries.faq_answer(session, topic, level)
        assert answer is not None, topic
        return str(answer.text)


def rest_headers(settings: Settings) -> dict[str, str]:
    """The header Rasa's REST channel requires (bot/channels/rest.py)."""
    return {"Authorization": f"Bearer {settings.rasa_token}"}
