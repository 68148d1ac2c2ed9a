"""rasa_plugins.reload: Rasa's PUT /model loads the new model beside the event loop, so the
server keeps answering with the old model meanwhile. With a stand-in for the slow, synchronous
load; tests/cluster/test_cluster.py reloads real Rasa servers under load."""
from __future__ import annotations

import asyncio
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import rasa.server

from rasa_plugins import reload


def run(coroutine):
    """asyncio.run in a thread of its own: other tests may keep an event loop in this one."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def test_the_event_loop_keeps_answering_while_a_model_loads(monkeypatch):
    loaded_in = []

    async def slow_load(model_path=None, model_server=None, remote_storage=None, endpoints=None):
        loaded_in.append(threading.get_ident())
        time.sleep(0.5)                    # synchronous, as Agent.load_model is
        return f"agent for {model_path}"

    monkeypatch.setattr(rasa.server, "_load_agent", slow_load)
    reload.install()
    reload.install()                       # once is enough: no second wrapper

    async def serve_while_loading():
        answered = 0

        async def answer_messages():
            nonlocal answered
            while True:
                answered += 1
                await asyncio.sleep(0.01)

        server = asyncio.create_task(answer_messages())
        agent = await rasa.server._load_agent(model_path="nieuw.tar.gz")
        server.cancel()
        return agent, answered, threading.get_ident()

    agent, answered, loop_thread = run(serve_while_loading())
    assert agent == "agent for nieuw.tar.gz"
    assert loaded_in and loaded_in[0] != loop_thread, "the model loaded on the event loop"
    assert answered > 10, f"the loop stood still while loading ({answered} ticks in 0.5 s)"
    assert rasa.server._load_agent.__wrapped__ is slow_load
