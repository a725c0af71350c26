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
import shutil
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path[:0] = [os.path.join(REPO, "bin"), os.path.join(REPO, "tests")]

from benchkit import private_app, splunk_python  # noqa: E402

CITIES = 600
DAYS = 90


def write_rows(path: str, ads: int, seed: int = 11) -> int:
    """ad_id, epoch, city, country, ids (space separated); returns identifier occurrences."""
    rng = random.Random(seed)
    start = 1_785_000_000
    occurrences = 0
    hubs = [f"phone:+1800555{n:04d}" for n in range(8)] + [
        "email:noemail@gmail.com",
        "email:none@none.com",
    ]
    # Skewed hub degrees: 60k down to ~60 ads, every city, every day.
    hub_rates = [0.06 / (2**n) for n in range(len(hubs))]
    with open(path, "w", encoding="utf-8") as out:
        ad = 0
        network = 0
        while ad < ads:
            network += 1
            # Network sizes: most posters have 1-3 ads, a long tail has hundreds.
            size = min(
                ads - ad, int(rng.paretovariate(1.3)) if rng.random() < 0.3 else rng.randint(1, 3)
            )
            phones = [
                f"phone:+1{rng.randint(2000000000, 9999999999)}" for _ in range(1 + size // 40)
            ]
            handles = [f"kik:n{network}h{k}" for k in range(rng.randint(0, 2))]
            images = [f"img:{network:08x}{k:056x}" for k in range(rng.randint(0, 4))]
            city = rng.randrange(CITIES)
            when = start + rng.randrange(DAYS * 86400)
            for k in range(size):
                if k % 7 == 6:
                    city = rng.randrange(CITIES)
                ids = [phones[k * len(phones) // size]]
                if handles and rng.random() < 0.25:
                    ids.append(rng.choice(handles))
                if images and rng.random() < 0.25:
                    ids.append(rng.choice(images))
                for hub, rate in zip(hubs, hub_rates):
                    if rng.random() < rate:
                        ids.append(hub)
                occurrences += len(ids)
                out.write(f"ad{ad}\t{when + k * 43200}\tcity{city}\tUS\t{' '.join(ids)}\n")
                ad += 1
    return occurrences


CHILD = r"""
import collections, resource, sys, time
sys.path.insert(0, sys.argv[2])
from htintel.link import Corpus, LinkConfig, link

def rows():
    with open(sys.argv[1], encoding="utf-8") as lines:
        for line in lines:
            ad_id, when, city, country, ids = line.rstrip("\n").split("\t")
            yield ad_id, ids.split(" "), float(when), city, country

marks = [(time.perf_counter(), time.process_time())]
corpus = Corpus()
corpus.extend(rows())
marks.append((time.perf_counter(), time.process_time()))
linkage = link(corpus, LinkConfig())
marks.append((time.perf_counter(), time.process_time()))
assigned = sum(1 for _ in linkage.assignments())
summaries = linkage.summaries(min_size=2)
marks.append((time.perf_counter(), time.process_time()))
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
steps = ["read+intern", "link (hubs included)", "assignments+summaries"]
for name, (w0, c0), (w1, c1) in zip(steps, marks, marks[1:]):
    print(f"  {name:24} {w1 - w0:6.2f} s wall {c1 - c0:6.2f} s CPU")
print(f"  {'total':24} {marks[-1][0] - marks[0][0]:6.2f} s wall {marks[-1][1] - marks[0][1]:6.2f} s CPU; "
      f"peak RSS {rss:.0f} MB")
reasons = collections.Counter(h.reason for h in linkage.hubs.values())
print(f"  {assigned:,} ads, {len(summaries):,} networks of 2+ ads (largest {summaries[0].size:,}), "
      f"hubs {dict(reasons)}")
"""


# The yardstick: a bare pure-Python union-find over the same rows, nothing else.
BARE = r"""
import resource, sys, time
started = time.perf_counter()
index, parent = {}, []
def find(x):
    while parent[x] != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x
with open(sys.argv[1], encoding="utf-8") as lines:
    for line in lines:
        ad_id, when, city, country, ids = line.rstrip("\n").split("\t")
        ad = len(parent)
        parent.append(ad)
        for value in ids.split(" "):
            seen = index.setdefault(value, ad)
            if seen != ad:
                a, b = find(seen), find(ad)
                if a != b:
                    parent[b] = a
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"  bare union-find over the same rows (yardstick): {time.perf_counter() - started:.2f} s wall, "
      f"peak RSS {rss:.0f} MB")
"""


def bench_in_process(ads: int, python: str = sys.executable) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        rows = os.path.join(tmp, "rows.tsv")
        started = time.perf_counter()
        occurrences = write_rows(rows, ads)
        print(
            f"generated {ads:,} ads with {occurrences:,} identifier occurrences in {time.perf_counter() - started:.1f} s"
        )
        result = subprocess.run(
            [python, "-B", "-c", CHILD, rows, os.path.join(REPO, "bin")],
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise SystemExit(result.stderr)
        print(f"in-process ({os.path.basename(python)} child process, peak RSS from ru_maxrss):")
        print(result.stdout.rstrip())
        bare = subprocess.run(
            [python, "-B", "-c", BARE, rows], capture_output=True, text=True, check=True
        )
        print(bare.stdout.rstrip())


def bench_protocol(ads: int) -> None:
    from protocol.harness import run_command

    app = private_app(tempfile.mkdtemp(prefix="bench-"))
    python = splunk_python()
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
        result = run_command(python, app, "htlink", [f"mode={mode}"], chunks, timeout=600)
        elapsed = time.perf_counter() - started
        if result.returncode != 0:
            raise SystemExit(result.stderr)
        print(
            f"protocol ({os.path.basename(python)}, mode={mode}): {ads:,} ads in {len(chunks)} "
            f"chunks, {len(result.records):,} rows out in {elapsed:.1f} s wall (harness CSV "
            f"encoding and decoding included)"
        )
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"protocol: peak RSS of the htlink processes {peak:.0f} MB")
    shutil.rmtree(os.path.dirname(app), ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ads", type=int, default=1_000_000)
    parser.add_argument("--protocol-ads", type=int, default=100_000)
    parser.add_argument(
        "--python", default=sys.executable, help="interpreter for the in-process run"
    )
    args = parser.parse_args()
    # The protocol runs first, so ru_maxrss of the children is the htlink processes'.
    if args.protocol_ads:
        bench_protocol(args.protocol_ads)
    bench_in_process(args.ads, args.python)


if __name__ == "__main__":
    main()
