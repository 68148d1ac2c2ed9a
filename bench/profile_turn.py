"""Where does a chat turn's time go? Runs Rasa in this process under cProfile.

Starts the real action server, loads the newest model into a Rasa agent in this process (with
an in-memory tracker store), plays scripted conversations and prints per turn: the time of a
raw NLU parse and of a whole turn, how many policy predictions, action server calls and
tracker store reads and writes a turn makes, and the functions that cost the most.

    .venv/bin/python -m bench.profile_turn [--model models/x.tar.gz] [--rounds 10]
"""
from __future__ import annotations

import argparse
import asyncio
import cProfile
import io
import os
import pstats
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from bench.conversations import ADVICE, SIDE_QUESTIONS
from scripts.stack import Stack, newest_model
from tests.conftest import init_database

ROOT = Path(__file__).resolve().parent.parent


def count_calls(counter: Counter, cls, name: str, label: str) -> None:
    original = getattr(cls, name)
    if asyncio.iscoroutinefunction(original):
        async def wrapper(*args, **kwargs):
            counter[label] += 1
            return await original(*args, **kwargs)
    else:
        def wrapper(*args, **kwargs):
            counter[label] += 1
            return original(*args, **kwargs)
    setattr(cls, name, wrapper)


async def play(model: Path, action_url: str, rounds: int) -> None:
    from rasa.core.actions.action import RemoteAction
    from rasa.core.agent import load_agent
    from rasa.core.processor import MessageProcessor
    from rasa.core.tracker_store import InMemoryTrackerStore
    from rasa.core.utils import AvailableEndpoints
    from rasa.utils.endpoints import EndpointConfig

    import logging

    from rasa.utils.log_utils import configure_structlog

    # As `rasa run` does: no debug logging, which would cost time of its own.
    logging.basicConfig(level=logging.WARNING)
    configure_structlog(logging.WARNING)
    import rasa_plugins  # noqa: F401 - the speed-ups every Rasa server of this project loads

    counter: Counter = Counter()
    count_calls(counter, MessageProcessor, "_predict_next_with_tracker", "predictions")
    count_calls(counter, RemoteAction, "run", "action server calls")
    count_calls(counter, InMemoryTrackerStore, "retrieve", "tracker reads")
    count_calls(counter, InMemoryTrackerStore, "save", "tracker writes")

    endpoints = AvailableEndpoints(action=EndpointConfig(f"{action_url}/webhook"))
    agent = await load_agent(model_path=str(model), endpoints=endpoints)
    conversations = [ADVICE, SIDE_QUESTIONS]
    # Warm up: the first call of each graph component is slower.
    for message in ADVICE:
        await agent.handle_text(message, sender_id="warm-up")

    parse_ms, turn_ms = [], []
    counter.clear()
    profile = cProfile.Profile()
    for r in range(rounds):
        for c, conversation in enumerate(conversations):
            for message in conversation:
                t0 = time.perf_counter()
                await agent.parse_message(message)
                parse_ms.append((time.perf_counter() - t0) * 1000)
                profile.enable()
                t0 = time.perf_counter()
                await agent.handle_text(message, sender_id=f"profile-{r}-{c}")
                turn_ms.append((time.perf_counter() - t0) * 1000)
                profile.disable()
    turns = len(turn_ms)
    print(f"{turns} beurten; ruwe parse mediaan {statistics.median(parse_ms):.1f} ms, "
          f"beurt mediaan {statistics.median(turn_ms):.1f} ms "
          f"({statistics.median(turn_ms) / statistics.median(parse_ms):.1f}x parse)")
    print("per beurt: " + ", ".join(f"{label} {n / turns:.2f}" for label, n in sorted(counter.items())))
    out = io.StringIO()
    pstats.Stats(profile, stream=out).sort_stats(os.environ.get("PROFILE_SORT", "cumulative")).print_stats(int(os.environ.get("PROFILE_LINES", "35")))
    print(out.getvalue())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=None)
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()
    model = args.model or newest_model(ROOT / "models")
    workdir = Path(tempfile.mkdtemp(prefix="profile-turn-"))
    url = f"sqlite:///{workdir / 'besliswijzer.db'}"
    init_database(url)
    stack = Stack(url, log_dir=workdir / "logs")
    stack.start_action_server()
    try:
        asyncio.run(play(model, stack.action_url, args.rounds))
    finally:
        stack.stop()


if __name__ == "__main__":
    main()
