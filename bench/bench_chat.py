"""Benchmark of the chat under load, in one run, as ratios (`make bench`).

Starts the cluster of `make run-cluster` (two Rasa servers behind HAProxy, PostgreSQL, Redis)
on free ports and measures, with Locust (headless) playing the scripted Dutch conversations of
bench/conversations.py through the web app's API:

  raw parse        Rasa's /model/parse on one server, one request at a time
  turn, 1 session  POST /api/chat through web app, HAProxy, Rasa and action server
  saturation       turns per second with as many sessions as it takes, 1 and 2 Rasa servers
  100 sessions     p95 of a turn with 100 sessions that each pause 3 s between messages

Targets (issue 11): turn <= 3x raw parse; 2 servers >= 1.7x the throughput of 1;
100 sessions p95 <= 1 s; 0 errors. BENCH_SECONDS scales the length of each Locust run.
"""
from __future__ import annotations

import csv
import os
import re
import resource
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

from bench.conversations import ADVICE, SIDE_QUESTIONS
from scripts.cluster.cluster import Cluster, Ports

ROOT = Path(__file__).resolve().parent.parent

SECONDS = int(os.environ.get("BENCH_SECONDS", "40"))
SATURATION_USERS = 16


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def raw_parse(cluster: Cluster, token: str, rounds: int = 10) -> tuple[float, float]:
    url = f"{cluster.rasa_url(0)}/model/parse"
    http = requests.Session()
    timings = []
    for r in range(rounds + 1):
        for message in ADVICE + SIDE_QUESTIONS:
            t0 = time.perf_counter()
            http.post(url, params={"token": token}, json={"text": message}, timeout=30).raise_for_status()
            if r:  # the first round warms up
                timings.append((time.perf_counter() - t0) * 1000)
    return statistics.median(timings), percentile(timings, 0.95)


def locust(cluster: Cluster, workdir: Path, name: str, users: int, think_s: float, seconds: int) -> dict:
    """One headless Locust run; returns the 'beurt' row of its statistics."""
    prefix = workdir / name
    # Locust imports the locustfile by path; from the project folder it finds the bench package.
    env = dict(os.environ, BENCH_THINK_S=str(think_s), PYTHONPATH=str(ROOT))
    subprocess.run([str(Path(sys.executable).parent / "locust"), "-f", str(ROOT / "bench" / "locustfile.py"),
                    "--headless", "--users", str(users), "--spawn-rate", str(max(users / 5, 1)),
                    "--run-time", f"{seconds}s", "--host", cluster.web_url, "--csv", str(prefix),
                    "--only-summary", "--loglevel", "WARNING"],
                   cwd=ROOT, env=env, check=False, stdout=subprocess.DEVNULL, stderr=open(f"{prefix}.log", "wb"))
    with open(f"{prefix}_stats.csv") as f:
        rows = {row["Name"]: row for row in csv.DictReader(f)}
    turns = rows["beurt"]
    return {"count": int(turns["Request Count"]), "failures": int(turns["Failure Count"]),
            "median": float(turns["50%"]), "p95": float(turns["95%"]),
            "rps": float(turns["Requests/s"]),
            "other_failures": int(rows["Aggregated"]["Failure Count"]) - int(turns["Failure Count"])}


def _tree_cpu(pid: int) -> float:
    """CPU seconds of a process and its living children (gunicorn workers, postgres backends)."""
    import psutil
    try:
        root = psutil.Process(pid)
        total = 0.0
        for proc in [root, *root.children(recursive=True)]:
            times = proc.cpu_times()
            total += times.user + times.system
        return total
    except psutil.Error:
        return 0.0


def cpu_seconds(cluster: Cluster) -> dict:
    """CPU seconds used so far per part of the cluster, and by Locust (a finished child)."""
    parts: dict = {}
    for name, proc in cluster.processes.items():
        part = re.sub(r"\d+$", "", name)                  # rasa0, rasa1 -> rasa
        parts[part] = parts.get(part, 0.0) + _tree_cpu(proc.pid)
    pidfile = cluster.base_dir / "postgres" / "data" / "postmaster.pid"
    if pidfile.exists():
        parts["postgres"] = _tree_cpu(int(pidfile.read_text().split()[0]))
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    parts["locust"] = children.ru_utime + children.ru_stime
    return parts


def cpu_shares(before: dict, after: dict, seconds: float) -> str:
    """Each part's share of the whole machine (all cores) during a run, largest first."""
    capacity = seconds * (os.cpu_count() or 1)
    used = {k: after.get(k, 0.0) - before.get(k, 0.0) for k in after}
    ranked = sorted(((v, k) for k, v in used.items() if v > 0.005 * capacity), reverse=True)
    idle = max(0.0, capacity - sum(used.values()))
    return ", ".join(f"{k} {v / capacity:.0%}" for v, k in ranked) + f", vrij {idle / capacity:.0%}"


def measured(cluster: Cluster, run) -> tuple:
    """A Locust run, and how the machine's CPU was shared out during it."""
    before, started = cpu_seconds(cluster), time.monotonic()
    result = run()
    return result, cpu_shares(before, cpu_seconds(cluster), time.monotonic() - started)


def set_instances(cluster: Cluster, n: int) -> None:
    for i in range(cluster.instances):
        state = "ready" if i < n else "maint"
        cluster.balancer_command(f"set server rasa_servers/rasa{i} state {state}")


def main() -> None:
    token = secrets.token_hex(16)
    base = Path(tempfile.mkdtemp(prefix="bench-cluster-"))
    base.chmod(0o755)  # PostgreSQL runs as its own user and must reach its data
    limits = {"RATE_LIMIT": "100000 per minute", "RATE_LIMIT_ADRES": "1000000 per minute",
              "RASA_API_TOKEN": token}
    cluster = Cluster(Ports.free(2), base, web_workers=2, extra_env=limits)
    started = time.perf_counter()
    try:
        cluster.start()
        print(f"cluster met 2 Rasa-servers gestart in {time.perf_counter() - started:.0f} s", flush=True)
        parse_median, parse_p95 = raw_parse(cluster, token)
        print(f"ruwe parse (Rasa /model/parse): mediaan {parse_median:.0f} ms, p95 {parse_p95:.0f} ms", flush=True)

        set_instances(cluster, 1)
        one = locust(cluster, base, "een-sessie", users=1, think_s=0, seconds=SECONDS)
        print(f"beurt bij 1 sessie: mediaan {one['median']:.0f} ms, p95 {one['p95']:.0f} ms "
              f"= {one['median'] / parse_median:.1f}x de ruwe parse (doel <= 3x)", flush=True)
        sat1, cpu1 = measured(cluster, lambda: locust(cluster, base, "verzadiging-1", users=SATURATION_USERS,
                                                      think_s=0, seconds=SECONDS))
        set_instances(cluster, 2)
        sat2, cpu2 = measured(cluster, lambda: locust(cluster, base, "verzadiging-2", users=SATURATION_USERS,
                                                      think_s=0, seconds=SECONDS))
        print(f"verzadiging ({SATURATION_USERS} sessies zonder pauze): 1 Rasa-server {sat1['rps']:.1f} beurten/s, "
              f"2 Rasa-servers {sat2['rps']:.1f} beurten/s = {sat2['rps'] / sat1['rps']:.2f}x (doel >= 1.7x)",
              flush=True)
        print(f"  CPU van de machine bij 1 Rasa-server: {cpu1}", flush=True)
        print(f"  CPU van de machine bij 2 Rasa-servers: {cpu2}", flush=True)
        many = locust(cluster, base, "honderd-sessies", users=100, think_s=3, seconds=max(SECONDS, 60))
        print(f"100 sessies met 3 s pauze, 2 Rasa-servers: {many['rps']:.1f} beurten/s, mediaan "
              f"{many['median']:.0f} ms, p95 {many['p95']:.0f} ms (doel <= 1000 ms)", flush=True)
        runs = [one, sat1, sat2, many]
        errors = sum(r["failures"] + r["other_failures"] for r in runs)
        print(f"fouten: {errors} van {sum(r['count'] for r in runs)} beurten (doel 0)")
        print(f"machine: {os.cpu_count()} cores; belasting (load average) nu "
              f"{', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    finally:
        cluster.stop()
        # Locust's statistics and logs, and the services' logs, for a closer look (var/bench/).
        kept = ROOT / "var" / "bench"
        shutil.rmtree(kept, ignore_errors=True)
        shutil.copytree(base, kept, ignore=shutil.ignore_patterns("postgres", "redis", "*.sock"))
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
