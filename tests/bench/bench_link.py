"""Benchmark htlink: 1,000,000 ads (~1.5M identifier occurrences, skewed hubs) in-process,
and 100,000 ads through the chunked protocol. Prints figures; asserts nothing about time.

    PYTHONPATH=bin .venv/bin/python -B tests/bench/bench_link.py [--ads N] [--protocol-ads N]

The linking runs in a child process that reads the generated rows from a file, so its
peak RSS (ru_maxrss) is not polluted by the generator.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path[:0] = [os.path.join(REPO, "bin"), os.path.join(REPO, "tests")]

CITIES = 600
DAYS = 90


def write_rows(path: str, ads: int, seed: int = 11) -> int:
    """ad_id, epoch, city, country, ids (space separated); returns identifier occurrences."""
    rng = random.Random(seed)
    start = 1_785_000_000
    occurrences = 0
    hubs = [f"phone:+1800555{n:04d}" for n in range(8)] + ["email:noemail@gmail.com", "email:none@none.com"]
    # Skewed hub degrees: 60k down to ~60 ads, every city, every day.
    hub_rates = [0.06 / (2**n) for n in range(len(hubs))]
    with open(path, "w", encoding="utf-8") as out:
        ad = 0
        network = 0
        while ad < ads:
            network += 1
            # Network sizes: most posters have 1-3 ads, a long tail has hundreds.
            size = min(ads - ad, int(rng.paretovariate(1.3)) if rng.random() < 0.3 else rng.randint(1, 3))
            phones = [f"phone:+1{rng.randint(2000000000, 9999999999)}" for _ in range(1 + size // 40)]
            handles = [f"kik:n{network}h{k}" for k in range(rng.randint(0, 2))]
            images = [f"img:{network:08x}{k:056x}" for k in range(rng.randint(0, 4))]
            city = rng.randrange(CITIES)
            when = start + rng.randrange(DAYS * 86400)
            for k in range(size):
                if k % 7 == 6:
                    city = rng.randrange(CITIES)
                ids = [phones[k * len(phones) // size]]
                if handles and rng.random() < 0.2:
                    ids.append(rng.choice(handles))
                if images and rng.random() < 0.2:
                    ids.append(rng.choice(images))
                for hub, rate in zip(hubs, hub_rates):
                    if rng.random() < rate:
                        ids.append(hub)
                occurrences += len(ids)
                out.write(f"ad{ad}\t{when + k * 43200}\tcity{city}\tUS\t{' '.join(ids)}\n")
                ad += 1
    return occurrences


CHILD = r"""
import resource, sys, time
sys.path.insert(0, sys.argv[2])
from htintel.link import Corpus, LinkConfig, link
t0 = time.perf_counter()
corpus = Corpus()
add = corpus.add
with open(sys.argv[1], encoding="utf-8") as rows:
    for line in rows:
        ad_id, when, city, country, ids = line.rstrip("\n").split("\t")
        add(ad_id, ids.split(" "), float(when), city, country)
t1 = time.perf_counter()
linkage = link(corpus, LinkConfig())
t2 = time.perf_counter()
assigned = sum(1 for _ in linkage.assignments())
summaries = linkage.summaries(min_size=2)
t3 = time.perf_counter()
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"load {t1 - t0:.2f} s, link {t2 - t1:.2f} s, assignments+summaries {t3 - t2:.2f} s, "
      f"total {t3 - t0:.2f} s, peak RSS {rss:.0f} MB; {assigned:,} ads, "
      f"{len(summaries):,} networks of 2+ ads, largest {summaries[0].size if summaries else 0:,}, "
      f"{len(linkage.hubs)} hubs ({', '.join(h.identifier + '/' + h.reason for h in linkage.hub_list()[:6])} ...)")
"""


def bench_in_process(ads: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        rows = os.path.join(tmp, "rows.tsv")
        started = time.perf_counter()
        occurrences = write_rows(rows, ads)
        print(f"generated {ads:,} ads with {occurrences:,} identifier occurrences in {time.perf_counter() - started:.1f} s")
        result = subprocess.run(
            [sys.executable, "-B", "-c", CHILD, rows, os.path.join(REPO, "bin")],
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise SystemExit(result.stderr)
        print("in-process:", result.stdout.strip())


def bench_protocol(ads: int) -> None:
    from protocol.harness import find_splunk_pythons, run_command

    app = os.path.join(REPO, "build", "htintel")
    if not os.path.isdir(app):
        print("protocol: build/htintel missing; run ./package.sh --skip-appinspect first")
        return
    python = find_splunk_pythons().get("3.13") or find_splunk_pythons().get("3.9") or sys.executable
    rng = random.Random(5)
    records = []
    for n in range(ads):
        network = n // 4 if n % 3 else n
        records.append(
            {
                "ad_id": f"ad{n}",
                "_time": str(1_785_000_000 + n * 60),
                "city": f"city{rng.randrange(50)}",
                "country": "US",
                "ht_ids": [f"phone:+1617{network % 10_000_000:07d}"],
            }
        )
    chunks = [records[i : i + 50_000] for i in range(0, len(records), 50_000)]
    for mode in ("events", "clusters"):
        started = time.perf_counter()
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        result = run_command(python, app, "htlink", [f"mode={mode}"], chunks, timeout=600)
        elapsed = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        if result.returncode != 0:
            raise SystemExit(result.stderr)
        print(
            f"protocol ({os.path.basename(python)}, mode={mode}): {ads:,} ads in {len(chunks)} chunks, "
            f"{len(result.records):,} rows out in {elapsed:.1f} s (harness included), "
            f"children peak RSS {max(before, after) / 1024:.0f} MB"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ads", type=int, default=1_000_000)
    parser.add_argument("--protocol-ads", type=int, default=100_000)
    args = parser.parse_args()
    bench_in_process(args.ads)
    if args.protocol_ads:
        bench_protocol(args.protocol_ads)


if __name__ == "__main__":
    main()
