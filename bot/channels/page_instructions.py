"""Instructions for the web chat page never go out on a messaging channel.

Actions send the chat page instructions as custom JSON with one key, "wegwijzer" (keep this
conversation's id after consent, forget this browser, show the reading level; read by
bot/web/static/chat.js). Rasa's connectors would pass any custom JSON on to the platform:
Twilio as an empty SMS with an unknown field, Messenger as a malformed message. The mixin
below drops them; other custom JSON goes on to the connector as before.
"""

from __future__ import annotations

from typing import Any

PAGE_KEY = "wegwijzer"


def is_page_instruction(json_message: object) -> bool:
    return isinstance(json_message, dict) and set(json_message) == {PAGE_KEY}


class SkipPageInstructions:
    """Put first in an OutputChannel's bases: page instructions are not sent."""

    async def send_custom_json(self, recipient_id: str, json_message: Any, **kwargs: Any) -> None:
        if is_page_instruction(json_message):
            return
        await super().send_custom_json(recipient_id, json_message, **kwargs)  # type: ignore[misc]
