"""Benchmark of advise(): a temporary SQLite database with 1,000 generated cases, many profiles.

Run from the repository root:  .venv/bin/python -m bench.bench_advice [--cases 1000] [--runs 500]
Prints the median and 95th percentile time per advice in milliseconds.
"""
import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from besliswijzer.advice.engine import advise
from besliswijzer.advice.similarity import touch
from besliswijzer.cases.store import record_to_row
from besliswijzer.reference.catalogue import load_catalogue
from besliswijzer.storage import db
from besliswijzer.storage.models import PILLARS

TARGET_MEDIAN_MS = 20
GEMEENTEN = ["Enschede", "Hengelo", "Almelo", "Borne", "Dinkelland", "Tubbergen", "Hof van Twente", "Hoorn",
             "Alkmaar", "Den Helder", "Purmerend", "Oldenzaal", "Losser", "Haaksbergen", "Zwolle"]


def generated_cases(n, rng, cat):
    vocab = cat.vocabulary
    methods, tools = sorted(cat.methods), sorted(cat.tools)
    for i in range(n):
        yield {"id": f"bench-{i:05d}", "titel": f"Gegenereerde casus {i}", "gemeente": rng.choice(GEMEENTEN),
               "jaar": rng.randint(2015, 2025), "thema": rng.choice(sorted(vocab["thema"])),
               "schaal": rng.choice(sorted(vocab["schaal"])),
               "doelgroepen": rng.sample(sorted(vocab["doelgroep"]), rng.randint(1, 3)),
               "niveau": rng.choice(sorted(vocab["niveau"])), "methodes": rng.sample(methods, rng.randint(1, 3)),
               "tools": rng.sample(tools, rng.randint(0, 2)), "kanaal": rng.choice(["fysiek", "online", "hybride"]),
               "deelnemers": rng.randint(5, 2000), "budget_euro": rng.randint(0, 100_000),
               "duur_weken": rng.randint(1, 52), "doel": "Doel van de casus.", "werving": None,
               "wat_gebeurde": "Wat er gebeurde.", "resultaat": "Het resultaat.", "lessen": None,
               "scores": {p: round(rng.uniform(1, 5) * 2) / 2 for p in PILLARS}, "voorbeeld": True,
               "bron": "Gegenereerd voor de benchmark"}


def random_profile(rng, cat):
    vocab = cat.vocabulary
    profile = {"doelgroep": rng.sample(sorted(vocab["doelgroep"]), rng.randint(1, 3))}
    for key in ("schaal", "thema", "beleidsfase", "niveau"):
        if rng.random() < 0.7:
            profile[key] = rng.choice(sorted(vocab[key]))
    if rng.random() < 0.6:
        profile["budget_euro"] = rng.choice([0, 2000, 8000, 15000, 40000, 150000])
    if rng.random() < 0.6:
        profile["doorlooptijd_weken"] = rng.choice([2, 4, 8, 12, 26, 52])
    if rng.random() < 0.3:
        profile["gemeente"] = rng.choice(GEMEENTEN)
    return profile


def main():
    parser = argparse.ArgumentParser(description="Meet de snelheid van advise().")
    parser.add_argument("--cases", type=int, default=1000, help="aantal casussen in de database")
    parser.add_argument("--runs", type=int, default=500, help="aantal adviezen om te meten")
    args = parser.parse_args()
    rng, cat = random.Random(42), load_catalogue()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        db.init_db(url)
        with db.session_scope(url) as session:
            session.add_all(record_to_row(r) for r in generated_cases(args.cases, rng, cat))
            touch(session)
        profiles = [random_profile(rng, cat) for _ in range(args.runs)]
        timings = []
        with db.session_scope(url) as session:
            for profile in profiles[:20]:                      # warm up caches and the connection
                advise(profile, session=session)
            for profile in profiles:
                start = time.perf_counter()
                advise(profile, session=session)
                timings.append((time.perf_counter() - start) * 1000)
        with db.session_scope(url) as session:                   # count what the database really holds
            from sqlalchemy import func, select
            from besliswijzer.storage.models import CaseRow
            total = session.execute(select(func.count()).select_from(CaseRow)).scalar_one()
    timings.sort()
    median = statistics.median(timings)
    p95 = timings[int(0.95 * (len(timings) - 1))]
    print(f"advise(): {len(timings)} adviezen, {total} casussen in de database")
    verdict = "binnen het doel" if median < TARGET_MEDIAN_MS else "BOVEN HET DOEL"
    print(f"  mediaan {median:.1f} ms, p95 {p95:.1f} ms ({verdict}: mediaan onder {TARGET_MEDIAN_MS} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
