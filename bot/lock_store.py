"""Rasa's Redis lock store with every change of a lock made atomic.

Rasa 3.6's `RedisLockStore` changes a conversation's ticket lock by reading it, changing
it in Python and writing it back (GET, then SET). Two Rasa servers that take a ticket for
the same conversation at the same moment can both read "no tickets", both write ticket 0,
and both handle their turn at once: one turn is then lost when they save the conversation
(tests/test_scale_out.py sent two messages at once to two servers and found it). Here each
read-change-write runs in a Redis transaction (WATCH ... MULTI/EXEC, tried again when
another server changed the lock in between), so tickets are unique and a lock is only
deleted when nobody holds a ticket.

Configured through endpoints.yml (`type: bot.lock_store.AtomicRedisLockStore`, set by
bot/config.py when WEGWIJZER_REDIS_HOST is set); Rasa hands it the endpoint's settings.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, TypeVar

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

T = TypeVar("T")


class AtomicRedisLockStore(RedisLockStore):
    def __init__(self, endpoint_config: EndpointConfig) -> None:
        super().__init__(host=endpoint_config.url, **endpoint_config.kwargs)

    def _change(
        self,
        conversation_id: str,
        change: Callable[[TicketLock | None], tuple[TicketLock | None, T]],
    ) -> T:
        """Run `change` on the stored lock inside a transaction. It returns the lock to
        store (None: delete it) and a result, which is returned."""
        key = self.key_prefix + conversation_id

        def transaction(pipe: Any) -> T:
            raw = pipe.get(key)
            lock = TicketLock.from_dict(json.loads(raw)) if raw else None
            changed, result = change(lock)
            pipe.multi()
            if changed is not None:
                pipe.set(key, changed.dumps())
            elif lock is not None:
                pipe.delete(key)
            return result

        return self.red.transaction(transaction, key, value_from_callable=True)

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        def issue(lock: TicketLock | None) -> tuple[TicketLock, int]:
            lock = lock or self.create_lock(conversation_id)
            return lock, lock.issue_ticket(lock_lifetime)

        try:
            return self._change(conversation_id, issue)
        except Exception as error:
            raise LockError(f"Error while acquiring lock. Error:\n{error}") from error

    def _edit(self, conversation_id: str, edit: Callable[[TicketLock], None]) -> None:
        """Change the stored lock with `edit`, if there is one."""

        def change(lock: TicketLock | None) -> tuple[TicketLock | None, None]:
            if lock is not None:
                edit(lock)
            return lock, None

        self._change(conversation_id, change)

    def update_lock(self, conversation_id: str) -> None:
        self._edit(conversation_id, TicketLock.remove_expired_tickets)

    def finish_serving(self, conversation_id: str, ticket_number: int) -> None:
        self._edit(conversation_id, lambda lock: lock.remove_ticket_for(ticket_number))

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        """Give the ticket back, and delete the lock when nobody else holds one."""

        def finish_and_maybe_delete(lock: TicketLock | None) -> tuple[TicketLock | None, None]:
            if lock is not None:
                lock.remove_ticket_for(ticket_number)
                if not lock.is_someone_waiting():
                    lock = None
            return lock, None

        self._change(conversation_id, finish_and_maybe_delete)
