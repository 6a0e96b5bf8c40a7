"""Every custom action Rasa may call is served by the action server, and the other way round."""

from __future__ import annotations

import subprocess
import sys

from bot.config import PROJECT_ROOT
from tests.actions.conftest import domain

# In a fresh interpreter, as the action server loads them: rasa_sdk registers every
# subclass of Action that exists, so one defined by another test module (such as
# tests/failing_actions.py) would count here if this ran inside the test process.
SERVED_ACTIONS = """
from rasa_sdk.executor import ActionExecutor
executor = ActionExecutor()
executor.register_package("actions")
print("\\n".join(sorted(executor.actions)))
"""


def test_the_action_server_serves_exactly_the_custom_actions_of_the_domain():
    served = subprocess.run(
        [sys.executable, "-c", SERVED_ACTIONS],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()

    assert served == sorted(domain()["actions"])
