"""`make herlaad`: a new model goes live without a restart, one Rasa server at a time.

On a running `make run-cluster` (found through var/cluster/status.json), for each Rasa server:
1. HAProxy stops giving it new messages (runtime API: state drain); the others answer them;
2. the messages it is busy with are finished (its open sessions in HAProxy go to 0);
3. it loads the newest model in models/ with Rasa's own `PUT /model` (the API is on, loopback
   only, with the cluster's token), beside its event loop (rasa_plugins/reload.py); it gets no
   messages meanwhile, so loading slows nobody's answer;
4. it shows the new model (`GET /status`) and has parsed a first sentence;
5. HAProxy gives it messages again, and once its health check passes the next server follows.
No message is answered by a half-loaded server, and at every moment another server answers.

Under `make run` (one Rasa server, no balancer) the server loads the model the same way, in
place: it keeps answering with the old model until the new one is loaded completely, then
swaps them (rasa_plugins/reload.py).

    python -m scripts.cluster.herlaad [--map DIR] [--rasa URL] [--model FILE]
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
import time
from pathlib import Path
from typing import Optional

import requests

from scripts.cluster.cluster import ROOT, Cluster, Ports
from scripts.stack import newest_model

__all__ = ["main", "reload_cluster", "reload_in_place", "reload_server", "running_cluster"]

DRAIN_TIMEOUT_S = 60       # a turn takes seconds at most; the web app waits RASA_TIMEOUT (30 s)
LOAD_TIMEOUT_S = 600       # loading a model takes about as long as starting Rasa
BACK_TIMEOUT_S = 120


class ReloadError(RuntimeError):
    """The reload stopped; the message says where (in Dutch, for the maintainer)."""


def say(text: str) -> None:
    print(f"{time.strftime('%H:%M:%S')} {text}", flush=True)


# --- one Rasa server ------------------------------------------------------------------------
def current_model(rasa_url: str, token: str) -> Optional[str]:
    try:
        response = requests.get(f"{rasa_url}/status", params={"token": token}, timeout=10)
    except requests.RequestException:
        return None
    if response.status_code == 401:
        raise ReloadError(f"{rasa_url} weigert het token (RASA_API_TOKEN)")
    if response.status_code != 200:
        return None
    return response.json().get("model_file")


def reload_server(rasa_url: str, token: str, model: Path) -> None:
    """Rasa's PUT /model, then wait until the server shows the model and parses with it.

    The model is swapped only once it is loaded completely; a server that died meanwhile (and
    was restarted by the supervisor with the newest model) is waited for."""
    try:
        response = requests.put(f"{rasa_url}/model", params={"token": token},
                                json={"model_file": str(model)}, timeout=LOAD_TIMEOUT_S)
        if response.status_code == 401:
            raise ReloadError(f"{rasa_url} weigert het token (RASA_API_TOKEN)")
        if response.status_code >= 300:
            raise ReloadError(f"{rasa_url} laadt het model niet (HTTP {response.status_code}); "
                              "zie het logboek van deze Rasa-server")
    except requests.RequestException:
        pass                       # it went away while loading: see below whether it came back
    deadline = time.monotonic() + LOAD_TIMEOUT_S
    while Path(current_model(rasa_url, token) or "").name != model.name:
        if time.monotonic() > deadline:
            raise ReloadError(f"{rasa_url} heeft na {LOAD_TIMEOUT_S} s het nieuwe model nog niet")
        time.sleep(1)
    # A first sentence through the new model, so its first real message is not the slow one.
    requests.post(f"{rasa_url}/model/parse", params={"token": token}, json={"text": "hallo"},
                  timeout=60).raise_for_status()


# --- the cluster ----------------------------------------------------------------------------
def running_cluster(base: Path) -> Optional[Cluster]:
    """The cluster a supervisor keeps running in `base`, or None."""
    try:
        status = json.loads((base / "status.json").read_text())
        os.kill(int(status["supervisor"]), 0)
    except (OSError, ValueError, KeyError):
        return None
    return Cluster(Ports(**status["poorten"]), base, model_dir=Path(status["modellen"]))


def servers(cluster: Cluster) -> dict:
    """HAProxy's view of each Rasa server: status (UP, DOWN, DRAIN, ...) and open sessions."""
    raw = cluster.balancer_command("show stat").lstrip("# ")
    return {row["svname"]: row for row in csv.DictReader(io.StringIO(raw))
            if row.get("pxname") == "rasa_servers" and row.get("svname", "").startswith("rasa")}


def _wait(condition, timeout_s: float, what: str) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise ReloadError(what)
        time.sleep(0.5)


def reload_cluster(cluster: Cluster, token: str, model: Path) -> int:
    """Server by server; returns how many servers loaded the model (those that had it already
    are left alone). A cluster of one server reloads it in place, as under make run."""
    if cluster.instances == 1:
        return reload_in_place(cluster.rasa_url(0), token, model)
    loaded = 0
    for i in range(cluster.instances):
        name, url = f"rasa{i}", cluster.rasa_url(i)
        if Path(current_model(url, token) or "").name == model.name:
            say(f"{name} heeft dit model al")
            continue
        others = [n for n, row in servers(cluster).items() if n != name and row["status"] == "UP"]
        if not others:
            raise ReloadError(f"geen andere Rasa-server is gezond; {name} blijft bij zijn model")
        say(f"{name}: krijgt geen nieuwe berichten meer ({', '.join(others)} neemt ze over)")
        cluster.balancer_command(f"set server rasa_servers/{name} state drain")
        try:
            _wait(lambda: int(servers(cluster)[name]["scur"] or 0) == 0, DRAIN_TIMEOUT_S,
                  f"{name} werkt na {DRAIN_TIMEOUT_S} s nog aan berichten")
            say(f"{name}: laadt {model.name} ...")
            started = time.monotonic()
            reload_server(url, token, model)
            say(f"{name}: nieuw model geladen in {time.monotonic() - started:.0f} s")
        finally:
            # Also after a failure: the server (with its old or new model) serves again.
            cluster.balancer_command(f"set server rasa_servers/{name} state ready")
        _wait(lambda: servers(cluster)[name]["status"] == "UP", BACK_TIMEOUT_S,
              f"{name} is na {BACK_TIMEOUT_S} s nog niet terug bij HAProxy")
        say(f"{name}: krijgt weer berichten")
        loaded += 1
    return loaded


def reload_in_place(url: str, token: str, model: Path) -> int:
    """One server with no other to take over: the old model answers until the new one is in."""
    if Path(current_model(url, token) or "").name == model.name:
        return 0
    say(f"Nieuw model {model.name} op {url}; het oude antwoordt tot het nieuwe geladen is ...")
    started = time.monotonic()
    reload_server(url, token, model)
    say(f"Nieuw model geladen in {time.monotonic() - started:.0f} s")
    return 1


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Zet een nieuw model live zonder herstart, server na server.")
    parser.add_argument("--map", type=Path, default=ROOT / "var" / "cluster",
                        help="map van een draaiende make run-cluster (standaard var/cluster)")
    parser.add_argument("--rasa", help="één Rasa-server (make run); standaard RASA_URL of http://127.0.0.1:5005")
    parser.add_argument("--model", type=Path, help="dit model in plaats van het nieuwste")
    args = parser.parse_args(argv)
    cluster = None if args.rasa else running_cluster(args.map.resolve())
    model_dir = cluster.model_dir if cluster else ROOT / "models"
    model = (args.model or newest_model(model_dir)).resolve()
    token_file = args.map / "rasa-api-token" if cluster else ROOT / "var" / "rasa-api-token"
    token = os.environ.get("RASA_API_TOKEN") or (token_file.read_text().strip()
                                                 if token_file.exists() else "")
    if not token:
        say(f"Geen token voor Rasa's API: zet RASA_API_TOKEN of start de besliswijzer opnieuw "
            f"(dan staat het in {token_file.relative_to(ROOT) if token_file.is_relative_to(ROOT) else token_file})")
        return 1
    try:
        if cluster is not None:
            say(f"Nieuw model {model.name} op {cluster.instances} Rasa-servers, een voor een")
            loaded = reload_cluster(cluster, token, model)
        else:
            url = (args.rasa or os.environ.get("RASA_URL") or "http://127.0.0.1:5005").rstrip("/")
            if current_model(url, token) is None:
                raise ReloadError(f"geen Rasa-server op {url}: draait make run (of make run-cluster)?")
            loaded = reload_in_place(url, token, model)
    except ReloadError as exc:
        say(f"Herladen gestopt: {exc}")
        return 1
    say(f"Klaar: {model.name} is live" + ("" if loaded else " (het draaide al)"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
