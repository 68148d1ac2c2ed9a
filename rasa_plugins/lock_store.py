"""A Redis lock store whose ticket operations are atomic across Rasa servers.

Rasa 3.6's RedisLockStore reads the lock, changes it in Python and writes it back. With two
servers this loses tickets: both read "no lock", both issue ticket 0 and both handle a message
of the same conversation at once; or one server deletes the lock while the other just issued
a ticket on it, and that message fails with a LockError. Here every change runs inside a
Redis transaction (WATCH/MULTI), retried when another server changed the lock in between.
The lock key also expires, so a server killed while holding it blocks nobody for long.
"""
from __future__ import annotations

import json
import time
from typing import Callable, Optional, Text, TypeVar

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

T = TypeVar("T")

# Rasa polls a busy lock once a second; a turn takes tens of milliseconds, so poll faster.
POLL_S = 0.02


class AtomicRedisLockStore(RedisLockStore):
    """RedisLockStore with atomic ticket handling. Endpoint settings as for `type: redis`."""

    def __init__(self, endpoint_config: Optional[EndpointConfig] = None, **kwargs) -> None:
        if endpoint_config is not None:
            kwargs = dict(endpoint_config.kwargs, host=endpoint_config.url or "localhost", **kwargs)
        super().__init__(**kwargs)

    def _change(self, conversation_id: Text, change: Callable[[TicketLock], T]) -> T:
        """Apply `change` to the stored lock in one transaction; an empty lock is deleted."""
        key = self.key_prefix + conversation_id

        def apply(pipe) -> T:
            raw = pipe.get(key)
            lock = (TicketLock.from_dict(json.loads(raw)) if raw
                    else self.create_lock(conversation_id))
            result = change(lock)
            pipe.multi()
            if lock.tickets:
                ttl = max(1, int(max(t.expires for t in lock.tickets) - time.time()) + 1)
                pipe.set(key, lock.dumps(), ex=ttl)
            else:
                pipe.delete(key)
            return result

        return self.red.transaction(apply, key, value_from_callable=True)

    def issue_ticket(self, conversation_id: Text, lock_lifetime: float = LOCK_LIFETIME) -> int:
        try:
            return self._change(conversation_id, lambda lock: lock.issue_ticket(lock_lifetime))
        except Exception as exc:
            raise LockError(f"Error while acquiring lock: {type(exc).__name__}") from exc

    def update_lock(self, conversation_id: Text) -> None:
        self._change(conversation_id, lambda lock: lock.remove_expired_tickets())

    def finish_serving(self, conversation_id: Text, ticket_number: int) -> None:
        self._change(conversation_id, lambda lock: lock.remove_ticket_for(ticket_number))

    def cleanup(self, conversation_id: Text, ticket_number: int) -> None:
        # finish_serving deletes the lock when no ticket is left, in the same transaction;
        # the stock version deletes it afterwards and can drop a ticket issued in between.
        self.finish_serving(conversation_id, ticket_number)

    def lock(self, conversation_id: Text, lock_lifetime: float = LOCK_LIFETIME,
             wait_time_in_seconds: float = POLL_S):
        return super().lock(conversation_id, lock_lifetime, wait_time_in_seconds)
