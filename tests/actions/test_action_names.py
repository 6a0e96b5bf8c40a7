"""Every custom action Rasa may call is served by the action server, and the other way round."""

from __future__ import annotations

from rasa_sdk.executor import ActionExecutor

from tests.actions.conftest import domain


def test_the_action_server_serves_exactly_the_custom_actions_of_the_domain():
    executor = ActionExecutor()
    executor.register_package("actions")

    assert sorted(executor.actions) == sorted(domain()["actions"])
