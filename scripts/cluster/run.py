"""`make run-cluster`: the production shape on one machine, until Ctrl-C.

RASA_INSTANCES Rasa servers (default 2) on 127.0.0.1:5005, 5006, ... behind HAProxy
(127.0.0.1:5004), one action server per Rasa server (5055, 5056, ...), the web app under
gunicorn on WEB_PORT (8000), PostgreSQL (127.0.0.1:55433, data in var/cluster/postgres) as case
database and tracker store, Redis (127.0.0.1:6380) as lock store and rate-limit storage, and
the privacy clean-up as its own process. Logs: var/cluster/logs/.
"""
from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cluster import ROOT, Cluster, Ports, StackError  # noqa: E402


def main() -> int:
    instances = int(os.environ.get("RASA_INSTANCES", "2"))
    web_port = int(os.environ.get("WEB_PORT", "8000"))
    cluster = Cluster(Ports.fixed(instances, web=web_port), ROOT / "var" / "cluster",
                      web_workers=int(os.environ.get("WEB_WORKERS", "2")))
    # Ctrl-C reaches every process of the terminal's group; the children run in their own
    # sessions, so only this script gets it and stops them in order.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    started = time.monotonic()
    print(f"De besliswijzer start met {instances} Rasa-servers; dat duurt een tot twee minuten.",
          flush=True)
    try:
        cluster.start()
        print(f"\n  De besliswijzer is klaar na {time.monotonic() - started:.0f} s: "
              f"open http://localhost:{web_port}\n"
              f"  Logboeken: var/cluster/logs/   Stoppen: Ctrl-C\n", flush=True)
        while True:
            for name, proc in list(cluster.processes.items()):
                if proc.poll() is not None:
                    print(f"{name} is gestopt (code {proc.returncode}); zie var/cluster/logs/{name}.log",
                          flush=True)
                    return 1
            time.sleep(1)
    except StackError as exc:
        print(f"De besliswijzer start niet: {exc}", flush=True)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        # A second Ctrl-C (or `timeout`, which signals its whole group) must not cut the stop short.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        print("Alles stoppen ...", flush=True)
        cluster.stop()
        print("Gestopt.", flush=True)


if __name__ == "__main__":
    sys.exit(main())
