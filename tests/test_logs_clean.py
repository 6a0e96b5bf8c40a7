"""No personal data in the logs at the default level, and no error in a normal conversation.

A private set of servers (Rasa, action server, web app) on free ports: the scripted intake,
a pause and a resume with the code in another conversation, "wat weet je over mij", the plan
page and its PDF, and the FAQ. Then every process log is searched for what the people typed,
the names, the resume code and the plan token, and for "ERROR" and "Traceback".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from bot import processes
from tests.chat import new_sender, texts
from tests.conftest import Assistant, start_assistant
from tests.intake_script import FULL_INTAKE_FOR_ONESELF

pytestmark = pytest.mark.rasa

NAMES = ("Sam", "Ann", "Noor", "Bobbie")  # typed in the intake script and below
PAUSED = ["ik wil mijn plan maken", "ja", "/identify_as_person", "Noor", "zwemmen en tekenen"]
RESUMED = ["mijn familie en mijn hond Bobbie", "wat weet je over mij"]
FAQ = [
    "wat is een persoonsvolgend budget",
    "ik snap het niet, kan het eenvoudiger",
    "wat doet een dop",
    "/faq/what_is_dop",
    "je mag weer de gewone uitleg geven",
    "hoe lang moet ik wachten op mijn budget",
]
# A resume code: upper-case groups joined by dashes (AAP-NOOT-1234 or longer).
CODE = re.compile(r"\b[A-Z0-9]{2,}(?:-[A-Z0-9]{2,}){2,}\b")
PLAN_LINK = re.compile(r"/plan/([A-Za-z0-9_-]{16,})")


class Servers:
    """The assistant plus the web app, all logging into one folder."""

    def __init__(self, assistant: Assistant, web: processes.Server) -> None:
        self.assistant = assistant
        self.web = web

    def chat(self, sender: str, messages: list[str]) -> list[str]:
        said = []
        for message in messages:
            said += texts(self.assistant.replies(sender, message))
        return said

    def stop(self) -> None:
        self.web.stop()
        self.assistant.stop()


@pytest.fixture(scope="module")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Servers]:
    tmp = tmp_path_factory.mktemp("logs_clean")
    settings = processes.settings_on_free_ports(f"sqlite:///{tmp / 'tracker.db'}")
    assistant = start_assistant(settings, tmp / "logs")
    try:
        web = processes.start("web", settings, tmp / "logs")
    except Exception:
        assistant.stop()
        raise
    running = Servers(assistant, web)
    yield running
    running.stop()


def private_texts(code: str, token: str) -> list[re.Pattern[str]]:
    """What must never be in a log: every sentence typed, the names, code and token."""
    typed = {
        message
        for message in FULL_INTAKE_FOR_ONESELF + PAUSED + RESUMED
        if not message.startswith("/") and len(message) >= 8
    }
    return [
        *(re.compile(re.escape(message), re.IGNORECASE) for message in sorted(typed)),
        *(re.compile(rf"\b{name}\b") for name in NAMES),
        re.compile(re.escape(code), re.IGNORECASE),
        re.compile(re.escape(code.replace("-", " ")), re.IGNORECASE),
        re.compile(re.escape(token)),
    ]


def logs(folder: Path) -> dict[str, str]:
    return {path.name: path.read_text(errors="replace") for path in sorted(folder.glob("*.log"))}


def test_a_whole_conversation_leaves_no_personal_data_and_no_error_in_the_logs(servers):
    settings = servers.assistant.settings
    said = servers.chat(new_sender(), FULL_INTAKE_FOR_ONESELF)
    token = next(m.group(1) for line in reversed(said) if (m := PLAN_LINK.search(line)))
    for page in (f"/plan/{token}", f"/plan/{token}.pdf"):
        assert requests.get(f"{settings.web_url}{page}", timeout=60).status_code == 200

    said = servers.chat(new_sender(), [*PAUSED, "ik doe later verder"])
    code = next(m.group(0) for line in said if (m := CODE.search(line)))
    servers.chat(new_sender(), [f"verder met {code}", *RESUMED])
    servers.chat(new_sender(), FAQ)
    servers.stop()  # every process writes its last lines

    found = []
    for name, text in logs(servers.assistant.log_dir).items():
        for pattern in [*private_texts(code, token), re.compile("ERROR"), re.compile("Traceback")]:
            for hit in pattern.finditer(text):
                line = text[text.rfind("\n", 0, hit.start()) + 1 : text.find("\n", hit.end())]
                found.append(f"{name}: {pattern.pattern!r} in {line[:300]!r}")
    assert found == []
