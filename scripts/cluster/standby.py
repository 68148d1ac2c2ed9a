"""A warm reserve Rasa server: loaded before it is needed, serving once it is told where.

Started by the cluster (scripts/cluster/cluster.py) as `python -m scripts.cluster.standby MODEL
READY_FILE`. Starting a Rasa server takes as long as loading its model: on two cores some 40 s
when the machine is quiet and several minutes when it is busy (docs/schaal.md), nearly all of it
building DIET's and TED's TensorFlow networks. The reserve does that work in advance:

1. it imports Rasa and loads MODEL exactly as `rasa run` would (the same graph loader), parses a
   first sentence so TensorFlow has traced its functions, and writes READY_FILE;
2. it waits for one line on its standard input: JSON with `argv` (the arguments of `rasa run`:
   port, endpoints, token, ...) and `log` (the log file of the server it becomes);
3. it then runs `rasa run` with those arguments in this same process. When Rasa asks for MODEL,
   it gets the loaded graph at once; everything else (tracker store, lock store, action server,
   event broker, the HTTP API) is made by Rasa itself from the arguments, as for any server.

So a reserve that took over answers as any other Rasa server with the same model: the
conversations are in the shared tracker store (PostgreSQL) and locks in Redis, not in the
process. If the line names another model than the loaded one (a new model came meanwhile),
Rasa loads that one the normal, slow way.

While it loads, the reserve runs at a lower CPU priority, so it slows the serving servers less;
it takes the normal priority back before it serves. Where the system does not allow that (no
CAP_SYS_NICE or RLIMIT_NICE, as for most users and in a default Docker container), it loads at
the normal priority. End of input
without a line (the supervisor is gone) ends the reserve.
"""
from __future__ import annotations

import json
import os
import sys
import threading
import time
from pathlib import Path
from typing import Any, Dict, Optional, Tuple

__all__ = ["main", "NICE"]

NICE = 10   # while loading: the serving servers get most of the CPU (weight 1024 against 110)


def say(text: str) -> None:
    print(f"{time.strftime('%H:%M:%S')} reserve: {text}", flush=True)


def _can_take_priority_back() -> bool:
    """Whether this process may raise its priority again once lowered (root with CAP_SYS_NICE,
    or a RLIMIT_NICE that allows it): tried on a thread of its own, as Linux keeps the nice value
    per thread. Elsewhere than Linux: no (a thread id there is no process id)."""
    if not Path("/proc/self/task").is_dir():
        return False
    base = os.getpriority(os.PRIO_PROCESS, 0)
    allowed = []

    def probe() -> None:
        tid = threading.get_native_id()
        try:
            os.setpriority(os.PRIO_PROCESS, tid, base + 1)
            os.setpriority(os.PRIO_PROCESS, tid, base)
            allowed.append(True)
        except OSError:
            allowed.append(False)

    thread = threading.Thread(target=probe)
    thread.start()
    thread.join()
    return allowed == [True]


def _set_priority_of_every_thread(nice: int) -> None:
    """Linux keeps the nice value per thread: TensorFlow's threads were made while it loaded."""
    for tid in os.listdir("/proc/self/task"):
        try:
            os.setpriority(os.PRIO_PROCESS, int(tid), nice)
        except (ProcessLookupError, PermissionError):
            pass


def preload(model: Path) -> None:
    """Load `model` with Rasa's own loader and keep the result for the `rasa run` to come."""
    import asyncio
    import logging

    import rasa.utils.tensorflow.environment as tf_env
    from rasa.utils.common import configure_logging_and_warnings
    from rasa.utils.log_utils import configure_structlog

    # As `rasa run` starts (rasa/__main__.py): logging, then TensorFlow's threads (one each, from
    # the cluster's environment). TensorFlow takes its thread settings only once, before it runs
    # anything; the `rasa run` after the takeover has the same environment, so it skips them.
    configure_logging_and_warnings(logging.INFO, warn_only_once=True, filter_repeated_logs=True)
    configure_structlog(logging.INFO)
    tf_env.setup_tf_environment()
    tf_env.setup_tf_environment = lambda: None

    import rasa_plugins  # noqa: F401  (as under rasa run: the speed-ups, before the model)
    from rasa.core.agent import Agent
    from rasa.core.processor import MessageProcessor

    load = MessageProcessor._load_model
    loaded: Dict[str, Tuple[Any, ...]] = {}

    def load_once_loaded(model_path: Any) -> Tuple[Any, ...]:
        # The first time: load and keep. Later (the rasa run after the takeover): the kept one,
        # once; any other model, or a later PUT /model, loads as Rasa always does.
        key = str(Path(model_path).resolve())
        if key in loaded:
            return loaded.pop(key)
        result = load(model_path)
        if not loaded and key == str(model.resolve()):
            loaded[key] = result
        return result

    MessageProcessor._load_model = staticmethod(load_once_loaded)
    agent = Agent.load(str(model))          # in-memory stores: nothing is written anywhere
    asyncio.run(agent.parse_message("hallo"))


def wait_for_orders() -> Optional[dict]:
    line = sys.stdin.readline()
    return json.loads(line) if line.strip() else None


def become_server(orders: dict) -> None:
    """Log to the server's own file from here on, then `rasa run` as the supervisor asked."""
    log = os.open(orders["log"], os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    sys.stdout.flush()
    sys.stderr.flush()
    os.dup2(log, 1)
    os.dup2(log, 2)
    os.close(log)
    say(f"neemt het over met het geladen model (pid {os.getpid()})")
    sys.argv = ["rasa", *orders["argv"]]
    from rasa.__main__ import main as rasa_main

    rasa_main()


def main(argv=None) -> int:
    args = sys.argv[1:] if argv is None else argv
    model, ready_file = Path(args[0]).resolve(), Path(args[1])
    base_nice = os.getpriority(os.PRIO_PROCESS, 0)
    lowered = _can_take_priority_back()
    if lowered:
        os.nice(NICE)
    started = time.monotonic()
    say(f"laadt {model.name} ...")
    preload(model)
    ready_file.write_text(json.dumps({"pid": os.getpid(), "model": str(model)}))
    say(f"klaar na {time.monotonic() - started:.0f} s; wacht op een opdracht")
    orders = wait_for_orders()
    if orders is None:
        say("geen supervisor meer; gestopt")
        return 0
    if lowered:
        _set_priority_of_every_thread(base_nice)
    say(f"neemt het over; verder in {Path(orders['log']).name}")
    become_server(orders)
    return 0


if __name__ == "__main__":
    sys.exit(main())
