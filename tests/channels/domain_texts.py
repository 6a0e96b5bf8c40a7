"""What domain.yml says, as a messaging channel shows it (plain text, no markup)."""

from __future__ import annotations

from functools import cache
from typing import Any

import yaml

from bot.channels.text_only import plain
from bot.config import PROJECT_ROOT


@cache
def _responses() -> dict[str, list[dict[str, Any]]]:
    domain = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))
    return domain["responses"]


def variants(response: str) -> list[dict[str, Any]]:
    """The response's variations: each with its plain `text` and its button `titles`
    and `payloads` (the doubled braces of domain.yml undone, as Rasa does)."""
    return [
        {
            "text": plain(variation.get("text") or ""),
            "titles": [b["title"] for b in variation.get("buttons", [])],
            "payloads": [
                b["payload"].replace("{{", "{").replace("}}", "}")
                for b in variation.get("buttons", [])
            ],
        }
        for variation in _responses()[response]
    ]


def all_button_payloads() -> set[str]:
    return {payload for name in _responses() for v in variants(name) for payload in v["payloads"]}
