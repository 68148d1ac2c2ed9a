"""Benchmark of the whole chat path: web app -> Rasa -> action server -> case database.

Starts the real services on free ports (like the end-to-end tests), sends a fixed set of
messages, and prints the median and p95 round trip of POST /api/chat and the memory the
Rasa server and action server use. Run with `make bench`.
"""
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from scripts.stack import ChatClient, Stack  # noqa: E402
from tests.conftest import init_database  # noqa: E402

MESSAGES = [
    "hallo",
    "wat kun je?",
    "welke voorbeelden zijn er over mobiliteit?",
    "wat is een burgerberaad?",
    "ik wil advies voor een participatietraject met jongeren in de buurt",
]
ROUNDS = 10


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children, from /proc (Linux)."""
    total = 0
    pids = [pid]
    while pids:
        current = pids.pop()
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
            pids.extend(int(c) for c in children)
        except OSError:
            continue
    return total / 1024


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def main() -> None:
    workdir = Path(tempfile.mkdtemp(prefix="bench-chat-"))
    url = f"sqlite:///{workdir / 'besliswijzer.db'}"
    init_database(url)
    started = time.perf_counter()
    with Stack(url, log_dir=workdir / "logs", extra_env={"RATE_LIMIT": "100000 per minute", "RATE_LIMIT_ADRES": "100000 per minute"}) as stack:
        startup_s = time.perf_counter() - started
        timings = []
        for _ in range(ROUNDS):
            chat = ChatClient(stack.web_url)
            for message in MESSAGES:
                t0 = time.perf_counter()
                chat.send(message)
                timings.append((time.perf_counter() - t0) * 1000)
            chat.send("opnieuw beginnen")
        memory = {name: rss_mb(proc.pid) for name, proc in stack.processes.items()}
    print(f"chat: {len(timings)} berichten, mediaan {statistics.median(timings):.0f} ms, "
          f"p95 {percentile(timings, 0.95):.0f} ms")
    print(f"opstarten van de drie diensten: {startup_s:.0f} s")
    print("geheugen: " + ", ".join(f"{name} {mb:.0f} MB" for name, mb in memory.items()))


if __name__ == "__main__":
    main()
