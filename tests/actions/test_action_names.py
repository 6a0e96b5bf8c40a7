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
# tests/failing_actions.py) would count here if this ran inside the test process. Each line:
# the action's name, and whether it is one of rasa_sdk's form validators (they read the
# form's questions and the slot mappings from the domain).
SERVED_ACTIONS = """
from rasa_sdk.executor import ActionExecutor
from rasa_sdk.forms import ValidationAction
executor = ActionExecutor()
executor.register_package("actions")
for name, run in sorted(executor.actions.items()):
    print(name, isinstance(run.__self__, ValidationAction))
"""

# Plain actions that read the domain themselves (actions/eligibility_start.coming_back).
READ_THE_DOMAIN = ["action_eligibility_start"]


def served_actions() -> dict[str, bool]:
    """Each action the action server serves -> whether it is a form validator."""
    lines = subprocess.run(
        [sys.executable, "-c", SERVED_ACTIONS],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    return {name: flag == "True" for name, flag in (line.split() for line in lines)}


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
    assert sorted(served_actions()) == sorted(action_names())


def test_the_actions_that_read_the_domain_are_sent_it():
    """With `enable_selective_domain`, Rasa sends the domain only to actions marked
    `send_domain`; a form validator without it would validate no question at all."""
    endpoints = yaml.safe_load((PROJECT_ROOT / "endpoints.yml").read_text(encoding="utf-8"))
    assert endpoints["action_endpoint"]["enable_selective_domain"] is True
    validators = [name for name, validator in served_actions().items() if validator]
    assert len(validators) >= 4  # eligibility, provider search, intake, contact
    assert sorted(sent_the_domain()) == sorted(validators + READ_THE_DOMAIN)
