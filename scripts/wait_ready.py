"""Part of `make run`: waits until all three services answer, then says where to go.

It stays alive afterwards because honcho stops every process as soon as one exits.
"""
import os
import signal
import sys

from scripts.stack import StackError, wait_until_up


def main() -> int:
    web_port = os.environ.get("WEB_PORT", "8000")
    urls = ["http://127.0.0.1:5055/health", "http://127.0.0.1:5005/", f"http://127.0.0.1:{web_port}/"]
    try:
        wait_until_up(urls)
    except StackError as exc:
        print(f"De besliswijzer start niet: {exc}. Kijk in de regels hierboven wat er misging.", flush=True)
        return 1
    print(f"\n  De besliswijzer is klaar: open http://localhost:{web_port}\n"
          "  Stoppen: Ctrl-C\n", flush=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    signal.pause()
    return 0


if __name__ == "__main__":
    sys.exit(main())
