"""One assistant with all three messaging channels on, against one local fake API."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from bot import processes
from tests.channels.fake_api import FakeApi
from tests.channels.platforms import channel_env
from tests.conftest import Assistant, start_assistant

# Loading the model took 6 minutes on two cores shared by several test runs.
START_TIMEOUT = 900


@dataclass
class ChannelAssistant:
    """The running Rasa + action server and the fake platform API its channels call."""

    assistant: Assistant
    api: FakeApi

    @property
    def settings(self):
        return self.assistant.settings

    def webhook(self, channel: str) -> str:
        return f"{self.settings.rasa_url}/webhooks/{channel}/webhook"


def _without_missing_channels(env: dict[str, str]) -> dict[str, str]:
    # The Twilio channel is another helper's module; until it is there, Rasa could not
    # import it, so that channel stays off.
    if importlib.util.find_spec("bot.channels.twilio") is None:
        return {k: v for k, v in env.items() if "_TWILIO_" not in k}
    return env


@pytest.fixture(scope="session")
def channel_assistant(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ChannelAssistant]:
    tmp = tmp_path_factory.mktemp("channels")
    with FakeApi() as api:
        env = _without_missing_channels(channel_env(api.url))
        settings = processes.settings_on_free_ports(f"sqlite:///{tmp / 'tracker.db'}", **env)
        running = start_assistant(settings, tmp / "logs", timeout=START_TIMEOUT)
        try:
            yield ChannelAssistant(running, api)
        finally:
            running.stop()
