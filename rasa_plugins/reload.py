"""Rasa's own model reload (`PUT /model`) without stopping the server while it loads.

Rasa 3.6 loads the new model inside its event loop: for the tens of seconds that takes, the
server answers nothing at all. Under `make run` (one server, no balancer) every message sent
meanwhile waits, and the web app gives up after RASA_TIMEOUT with "te traag", while Rasa still
handles the message afterwards; the user sends it again and the conversation gets it twice.
Here the load runs in a thread with an event loop of its own: the old model keeps answering
until the new one is loaded completely, then `PUT /model` swaps them, as before. A half-loaded
model never answers. On the cluster, `make herlaad` takes a server out of HAProxy's rotation
anyway, so its load does not slow anyone's answers there.
"""
from __future__ import annotations

import asyncio
import functools
from typing import Any

__all__ = ["install"]


def install() -> None:
    import rasa.server

    original = rasa.server._load_agent
    if getattr(original, "off_the_loop", False):
        return

    @functools.wraps(original)
    async def load_off_the_loop(*args: Any, **kwargs: Any):
        # Nothing the load creates is tied to its loop: the tracker store, lock store and event
        # broker are synchronous, and the action endpoint opens its HTTP session per request.
        return await asyncio.get_running_loop().run_in_executor(
            None, lambda: asyncio.run(original(*args, **kwargs)))

    load_off_the_loop.off_the_loop = True
    rasa.server._load_agent = load_off_the_loop
