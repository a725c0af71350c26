"""Ingestion throughput: ads/s from JSON Lines files to the modular input's <stream> output.

Runs bin/htintel_feed_dir.py as splunkd does (input XML on stdin, stdout to a file) over a
generated feed, once without and once with enrichment, on one core (one process). Start-up
(interpreter and imports) is measured on an empty directory and reported apart. Enrichment
is compared with the cost of calling htintel.extract.extract, which htextract does per event.

    .venv/bin/python tests/bench/bench_ingest.py [--ads 20000] [--python /path/to/python]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from typing import Tuple

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path[:0] = [os.path.join(REPO, "bin"), os.path.join(REPO, "tests")]

from inputs.feeddata import ad_line, make_ad  # noqa: E402
from inputs.modinput import input_xml, parse_stream  # noqa: E402


def _child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_input(
    python: str, script: str, feed_dir: str, checkpoints: str, enrich: bool
) -> Tuple[float, float, int]:
    """(wall seconds, CPU seconds, events) of one run of the input over ``feed_dir``."""
    xml = input_xml(
        {"htintel_feed_dir://bench": {"path": feed_dir, "enrich": "1" if enrich else "0"}},
        checkpoints,
    )
    for name in os.listdir(checkpoints):
        os.unlink(os.path.join(checkpoints, name))
    with tempfile.TemporaryFile() as out:
        started, cpu = time.perf_counter(), _child_cpu()
        subprocess.run([python, "-B", script], input=xml, stdout=out, check=True)
        elapsed, cpu = time.perf_counter() - started, _child_cpu() - cpu
        out.seek(0)
        events = parse_stream(out.read().decode("utf-8"))
    return elapsed, cpu, len(events)


def extract_cost(count: int) -> float:
    """CPU seconds per ad of the htextract work itself: extract() on title + body."""
    from htintel.ad import parse_ad
    from htintel.extract import extract

    ads = [parse_ad(make_ad(n)) for n in range(count)]
    started = time.process_time()
    for ad in ads:
        extract(ad.text, country=ad.country, city=ad.city, url=ad.url)
    return (time.process_time() - started) / count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ads", type=int, default=20_000)
    parser.add_argument("--python", default=sys.executable)
    args = parser.parse_args()
    script = os.path.join(REPO, "bin", "htintel_feed_dir.py")
    with tempfile.TemporaryDirectory() as root:
        feed_dir, empty_dir, checkpoints = (os.path.join(root, d) for d in ("feed", "empty", "ck"))
        for directory in (feed_dir, empty_dir, checkpoints):
            os.mkdir(directory)
        with open(os.path.join(feed_dir, "feed.jsonl"), "wb") as handle:
            for number in range(args.ads):
                handle.write(ad_line(number))
        startup = min(
            run_input(args.python, script, empty_dir, checkpoints, False)[1] for _ in range(3)
        )
        print(
            f"python: {args.python}  ads: {args.ads:,}  start-up (empty feed): {startup:.2f} CPU s"
        )
        per_ad = {}
        for enrich in (False, True):
            elapsed, cpu, events = run_input(args.python, script, feed_dir, checkpoints, enrich)
            assert events == args.ads, (events, args.ads)
            per_ad[enrich] = (cpu - startup) / args.ads
            print(
                f"enrich={str(enrich).lower():5}  {args.ads / cpu:7,.0f} ads per CPU second "
                f"(one process, start-up included), {args.ads / (cpu - startup):7,.0f} after "
                f"start-up; wall {elapsed:.2f} s = {args.ads / elapsed:,.0f} ads/s"
            )
        extract_per_ad = extract_cost(min(args.ads, 5000))
        print(
            f"enrichment adds {(per_ad[True] - per_ad[False]) * 1e6:.0f} us/ad; extract() alone "
            f"(htextract's per-event work, in-process) costs {extract_per_ad * 1e6:.0f} us/ad"
        )


if __name__ == "__main__":
    main()
