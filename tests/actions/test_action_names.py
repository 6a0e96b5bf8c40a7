"""Every custom action Rasa may call is served by the action server, and the other way round;
the actions that read the domain get it."""

from __future__ import annotations

import subprocess
import sys

import yaml

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

# The served actions that are rasa_sdk's form validators: they read the form's questions
# and the slot mappings from the domain.
VALIDATORS = """
from rasa_sdk.executor import ActionExecutor
from rasa_sdk.forms import ValidationAction
executor = ActionExecutor()
executor.register_package("actions")
actions = executor.actions.items()
validators = [n for n, run in actions if isinstance(run.__self__, ValidationAction)]
print("\\n".join(sorted(validators)))
"""

# Plain actions that read the domain themselves (actions/eligibility_start.coming_back).
READ_THE_DOMAIN = ["action_eligibility_start"]


def in_action_server(code: str) -> list[str]:
    return subprocess.run(
        [sys.executable, "-c", code], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True
    ).stdout.split()


def action_names() -> list[str]:
    """The actions of domain.yml; an action with options (`send_domain`) is a one-key dict."""
    return [name if isinstance(name, str) else next(iter(name)) for name in domain()["actions"]]


def sent_the_domain() -> list[str]:
    return [
        next(iter(entry))
        for entry in domain()["actions"]
        if isinstance(entry, dict) and next(iter(entry.values())).get("send_domain")
    ]


def test_the_action_server_serves_exactly_the_custom_actions_of_the_domain():
    assert in_action_server(SERVED_ACTIONS) == sorted(action_names())


def test_the_actions_that_read_the_domain_are_sent_it():
    """With `enable_selective_domain`, Rasa sends the domain only to actions marked
    `send_domain`; a form validator without it would validate no question at all."""
    endpoints = yaml.safe_load((PROJECT_ROOT / "endpoints.yml").read_text(encoding="utf-8"))
    assert endpoints["action_endpoint"]["enable_selective_domain"] is True
    validators = in_action_server(VALIDATORS)
    assert len(validators) >= 4  # eligibility, provider search, intake, contact
    assert sorted(sent_the_domain()) == sorted(validators + READ_THE_DOMAIN)
