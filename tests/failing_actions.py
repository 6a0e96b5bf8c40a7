"""An action that fails with personal data in its exception, for tests/test_action_server.py."""

from __future__ import annotations

from rasa_sdk import Action

SECRET = "Sam Verhaegen woont in de Kerkstraat"


class ActionThatFails(Action):
    def name(self) -> str:
        return "action_that_fails"

    async def run(self, dispatcher, tracker, domain):
        raise ValueError(f"cannot store {tracker.latest_message.get('text')}: {SECRET}")
