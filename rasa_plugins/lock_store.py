"""A Redis lock store whose ticket operations are atomic across Rasa servers.

Rasa 3.6's RedisLockStore reads the lock, changes it in Python and writes it back. With two
servers this loses tickets: both read "no lock", both issue ticket 0 and both handle a message
of the same conversation at once; or one server deletes the lock while the other just issued
a ticket on it, and that message fails with a LockError. Here every change runs inside a
Redis transaction (WATCH/MULTI), retried when another server changed the lock in between.
The lock key also expires, so a server killed while holding it blocks nobody for long.

Redis unreachable (stopped, restarting): a turn does not fail for it. The server then locks each
conversation in its own memory, as a single Rasa server does, says so once in its log, and tries
Redis again after a few seconds. During such an outage two messages of one conversation that
arrive at the same moment on two different servers are not kept apart; one person typing in
the widget waits for each answer, so that is rare, and it ends when Redis is back. A lock that
cannot be released because Redis went away during the turn expires by itself
(TICKET_LOCK_LIFETIME); the turn's answer still goes out.
"""
from __future__ import annotations

import json
import logging
import time
from contextlib import asynccontextmanager
from typing import AsyncGenerator, Callable, Optional, Text, Tuple, TypeVar

from rasa.core.lock import TicketLock
from rasa.core.lock_store import (LOCK_LIFETIME, InMemoryLockStore, LockError, LockStore,
                                  RedisLockStore)
from rasa.utils.endpoints import EndpointConfig
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

__all__ = ["AtomicRedisLockStore"]

logger = logging.getLogger(__name__)

T = TypeVar("T")

# Rasa polls a busy lock once a second; a turn takes tens of milliseconds, so poll faster.
POLL_S = 0.02
# After Redis failed, turns use the server's own lock this long before Redis is tried again:
# a refused connection costs little, but a Redis that hangs would cost every turn its timeout.
RETRY_REDIS_S = 2.0
REDIS_DOWN = (RedisConnectionError, RedisTimeoutError)


class AtomicRedisLockStore(RedisLockStore):
    """RedisLockStore with atomic ticket handling. Endpoint settings as for `type: redis`."""

    def __init__(self, endpoint_config: Optional[EndpointConfig] = None, **kwargs) -> None:
        if endpoint_config is not None:
            kwargs = dict(endpoint_config.kwargs, host=endpoint_config.url or "localhost", **kwargs)
        super().__init__(**kwargs)
        self._local = InMemoryLockStore()
        self._redis_retry_at = 0.0       # time.monotonic() after which Redis is tried again
        self._redis_down = False

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

    @asynccontextmanager
    async def lock(self, conversation_id: Text, lock_lifetime: float = LOCK_LIFETIME,
                   wait_time_in_seconds: float = POLL_S) -> AsyncGenerator[TicketLock, None]:
        store, ticket = self._issue(conversation_id, lock_lifetime)
        try:
            yield await store._acquire_lock(conversation_id, ticket, wait_time_in_seconds)
        finally:
            if store is self._local:
                store.cleanup(conversation_id, ticket)
            else:
                self._release(conversation_id, ticket)

    def _issue(self, conversation_id: Text, lock_lifetime: float) -> Tuple[LockStore, int]:
        """A ticket from Redis, or from this server's own memory while Redis is unreachable."""
        if time.monotonic() >= self._redis_retry_at:
            try:
                ticket = self._change(conversation_id, lambda lock: lock.issue_ticket(lock_lifetime))
            except REDIS_DOWN as exc:
                self._redis_retry_at = time.monotonic() + RETRY_REDIS_S
                if not self._redis_down:
                    self._redis_down = True
                    # No conversation id: the log says what happens, not to whom.
                    logger.warning("lock store: Redis unreachable (%s); conversations are locked "
                                   "per server until it is back", type(exc).__name__)
            else:
                if self._redis_down:
                    self._redis_down = False
                    logger.warning("lock store: Redis is back; conversations are locked in Redis again")
                return self, ticket
        return self._local, self._local.issue_ticket(conversation_id, lock_lifetime)

    def _release(self, conversation_id: Text, ticket: int) -> None:
        try:
            self.cleanup(conversation_id, ticket)
        except REDIS_DOWN as exc:
            # The turn is done and saved; failing it now would make the user send it again.
            logger.warning("lock store: Redis unreachable while releasing a lock (%s); it expires "
                           "by itself", type(exc).__name__)
