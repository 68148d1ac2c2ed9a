"""`make run-cluster`: the production shape on one machine, kept running until Ctrl-C.

RASA_INSTANCES Rasa servers (default 2) on 127.0.0.1:5005, 5006, ... behind HAProxy
(127.0.0.1:5004), one action server per Rasa server (5055, 5056, ...), the web app under
gunicorn on WEB_HOST:WEB_PORT (0.0.0.0:8000), PostgreSQL (127.0.0.1:55433, data in
var/cluster/postgres) as case database and tracker store, Redis (127.0.0.1:6380) as lock store
and rate-limit storage, and the privacy clean-up as its own process. Logs: var/cluster/logs/.
One more Rasa server is kept as a reserve with the model loaded (RASA_RESERVE=0: none): a Rasa
server that dies is replaced by it within seconds instead of after a full start.

A part that dies is started again (scripts/cluster/supervisor.py); only Ctrl-C or SIGTERM stops
the cluster: the web app first, PostgreSQL and Redis last. A new model goes live with
`make herlaad` (scripts/cluster/herlaad.py), server by server.

    python -m scripts.cluster.run [--map DIR] [--modellen DIR] [--vrije-poorten]
"""
from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
import time
from pathlib import Path

from scripts.cluster.cluster import ROOT, Cluster, Ports, StackError
from scripts.cluster.supervisor import Supervisor

__all__ = ["main"]


def say(text: str) -> None:
    print(f"{time.strftime('%H:%M:%S')} {text}", flush=True)


def build(args: argparse.Namespace) -> Cluster:
    instances = int(os.environ.get("RASA_INSTANCES", "2"))
    if args.vrije_poorten:
        ports, host = Ports.free(instances), "127.0.0.1"
    else:
        ports = Ports.fixed(instances, web=int(os.environ.get("WEB_PORT", "8000")))
        host = os.environ.get("WEB_HOST", "0.0.0.0")
    return Cluster(ports, args.map, model_dir=args.modellen, web_host=host,
                   web_workers=int(os.environ.get("WEB_WORKERS", "2")),
                   standby=os.environ.get("RASA_RESERVE", "1") != "0")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="De besliswijzer als cluster op één machine, tot Ctrl-C.")
    parser.add_argument("--map", type=Path, default=ROOT / "var" / "cluster",
                        help="data van PostgreSQL en Redis, logboeken en status.json (standaard var/cluster)")
    parser.add_argument("--modellen", type=Path, default=ROOT / "models",
                        help="map met de getrainde modellen; het nieuwste wordt geladen (standaard models)")
    parser.add_argument("--vrije-poorten", action="store_true",
                        help="vrije poorten op 127.0.0.1 in plaats van de vaste (voor tests)")
    args = parser.parse_args(argv)
    try:
        cluster = build(args)
    except StackError as exc:
        say(f"De besliswijzer start niet: {exc}")
        return 1
    # Ctrl-C reaches every process of the terminal's group; the children run in their own
    # sessions, so only this script gets it and stops them in order. While starting, a signal
    # ends the start (KeyboardInterrupt); once running, it ends the supervisor's loop.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    started = time.monotonic()
    say(f"De besliswijzer start met {cluster.instances} Rasa-servers; dat duurt een tot twee minuten.")
    supervisor = None
    try:
        cluster.start()
        supervisor = Supervisor(cluster, say=say)
        stop = threading.Event()
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, lambda *_: stop.set())
        say(f"De besliswijzer is klaar na {time.monotonic() - started:.0f} s: "
            f"open http://localhost:{cluster.ports.web}")
        logs = cluster.log_dir
        logs = logs.relative_to(ROOT) if logs.is_relative_to(ROOT) else logs
        say(f"Logboeken: {logs}/   Nieuw model live: make herlaad   Stoppen: Ctrl-C")
        if cluster.standby:
            say("Een reserve-Rasa-server laadt nu het model; valt een Rasa-server uit, dan neemt "
                "de reserve het meteen over (RASA_RESERVE=0: zonder reserve)")
        supervisor.run(stop)
        return 0
    except StackError as exc:
        say(f"De besliswijzer start niet: {exc}")
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        # A second Ctrl-C (or `timeout`, which signals its whole group) must not cut the stop short.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        say("Alles stoppen: eerst de web-app, PostgreSQL en Redis als laatste ...")
        cluster.stop(say=lambda name: say(f"{name} gestopt"))
        (cluster.base_dir / "status.json").unlink(missing_ok=True)
        say("Gestopt.")


if __name__ == "__main__":
    sys.exit(main())
