"""What Wegwijzer stored under load: every turn once, in order, and one plan per conversation.

After the load runs, the harness reads the private database of the run (Rasa's tracker
store and the application tables): each simulated user types the 15 different messages of
its script in a new conversation per round, so a conversation's stored user messages must
be the script's first messages in order. A message stored twice is a turn processed twice;
a gap is a lost turn; a message of another place is a crossed conversation. A conversation
may end early (the run stopped in the middle of it), never in another way. Each
conversation that gave its consent has exactly one plan.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import text

from bot.storage import db


@dataclass(frozen=True)
class Stored:
    conversations: int  # conversations with at least one stored user message
    user_messages: int
    repeated: int  # conversations in which a message of the script was stored twice
    out_of_order: int  # conversations whose messages are not the script's first ones
    plans: int  # conversations linked to a plan
    two_plans: int  # conversations linked to more than one plan

    @property
    def problems(self) -> int:
        return self.repeated + self.out_of_order + self.two_plans


def check(db_url: str, script: Sequence[str]) -> Stored:
    """Read the stored conversations of `db_url` whose users typed `script`."""
    try:
        with db.engine(db_url).connect() as connection:
            rows = connection.execute(
                text("SELECT sender_id, data FROM events WHERE type_name = 'user' ORDER BY id")
            ).all()
            links = connection.execute(
                text(
                    "SELECT conversation_id, COUNT(DISTINCT plan_id) FROM app_plan_conversations "
                    "GROUP BY conversation_id"
                )
            ).all()
    finally:
        db.dispose(db_url)
    messages: dict[str, list[str]] = defaultdict(list)
    for sender, data in rows:
        messages[sender].append(json.loads(data).get("text") or "")
    repeated = sum(1 for said in messages.values() if len(set(said)) < len(said))
    out_of_order = sum(1 for said in messages.values() if said != list(script[: len(said)]))
    return Stored(
        conversations=len(messages),
        user_messages=len(rows),
        repeated=repeated,
        out_of_order=out_of_order,
        plans=len(links),
        two_plans=sum(1 for _, count in links if count > 1),
    )
