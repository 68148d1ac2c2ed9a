"""rasa_plugins.lock_store.AtomicRedisLockStore when Redis is not there, or goes away, for real.

A Redis server on a free local port (redis-server from Debian); the lock store runs in one event
loop as it does inside a Rasa server.
"""
from __future__ import annotations

import asyncio
import logging
import shutil
import socket
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from rasa_plugins import lock_store as lock_module
from rasa_plugins.lock_store import AtomicRedisLockStore
from scripts.stack import free_port
from tests.support.ci import need


def run(coroutine):
    """asyncio.run in a thread of its own: other tests may keep an event loop in this one."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


@pytest.fixture
def redis_server():
    binary = shutil.which("redis-server")
    need(binary is not None, "redis-server is not installed")
    port = free_port()
    proc = subprocess.Popen([binary, "--bind", "127.0.0.1", "--port", str(port), "--save", "",
                             "--appendonly", "no"], stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while socket.socket().connect_ex(("127.0.0.1", port)) != 0:
        assert time.monotonic() < deadline, "redis-server did not start"
        time.sleep(0.05)
    yield port, proc
    proc.terminate()
    proc.wait(timeout=10)


async def two_turns_at_once(store: AtomicRedisLockStore, conversation: str) -> list[str]:
    """Two messages of one conversation at the same moment: the lock lets one in at a time."""
    trace: list[str] = []

    async def turn(name: str) -> None:
        async with store.lock(conversation):
            trace.append(f"{name} in")
            await asyncio.sleep(0.1)
            trace.append(f"{name} out")

    await asyncio.gather(turn("a"), turn("b"))
    return trace


def test_without_redis_turns_are_locked_in_the_servers_memory(caplog):
    store = AtomicRedisLockStore(host="127.0.0.1", port=free_port(), db=1)
    with caplog.at_level(logging.WARNING, logger=lock_module.__name__):
        trace = run(two_turns_at_once(store, "gesprek-zonder-redis"))
        run(two_turns_at_once(store, "gesprek-zonder-redis"))
    assert trace in (["a in", "a out", "b in", "b out"], ["b in", "b out", "a in", "a out"]), trace
    warnings = [r.getMessage() for r in caplog.records]
    assert len(warnings) == 1 and "Redis unreachable" in warnings[0], warnings
    assert "gesprek-zonder-redis" not in caplog.text, "a conversation id in the log"
    assert store._local.get_lock("gesprek-zonder-redis") is None, "the memory lock was not released"


def test_when_redis_is_back_the_lock_is_in_redis_again(redis_server, monkeypatch, caplog):
    port, _ = redis_server
    store = AtomicRedisLockStore(host="127.0.0.1", port=port, db=1)
    store._redis_retry_at = time.monotonic() + 3600     # as if Redis had just failed
    store._redis_down = True
    seen = {}

    async def turn() -> None:
        async with store.lock("gesprek-terug"):
            seen["in redis"] = store.red.exists(store.key_prefix + "gesprek-terug")

    run(turn())
    assert seen["in redis"] == 0, "Redis was tried before its retry time"
    store._redis_retry_at = 0.0
    with caplog.at_level(logging.WARNING, logger=lock_module.__name__):
        run(turn())
    assert seen["in redis"] == 1, "the lock did not go back to Redis"
    assert "Redis is back" in caplog.text
    assert store.get_lock("gesprek-terug") is None, "the Redis lock was not released"


def test_redis_gone_during_a_turn_does_not_fail_that_turn(redis_server, caplog):
    port, proc = redis_server
    store = AtomicRedisLockStore(host="127.0.0.1", port=port, db=1)
    done = []

    async def turn() -> None:
        async with store.lock("gesprek-midden"):
            proc.terminate()
            proc.wait(timeout=10)
            done.append("answered")

    with caplog.at_level(logging.WARNING, logger=lock_module.__name__):
        run(turn())
        assert done == ["answered"]
        assert "releasing a lock" in caplog.text
        # The next messages, with Redis still gone, are locked in memory and answered too.
        trace = run(two_turns_at_once(store, "gesprek-midden"))
    assert sorted(trace) == ["a in", "a out", "b in", "b out"]
    assert "Redis unreachable" in caplog.text
