"""Where htextract's protocol throughput goes: its layer alone, a phones-only floor, and it.

Run from the repository root:
``.venv/bin/python -B tests/bench/bench_extract_budget.py [--ads N] [--repeats R]``.

On bench_extract's corpus, each of three commands runs through the chunked protocol
alternately with the no-op splunklib command (tests/bench/noop_command/htnoop.py), and the
pair with the median ratio is printed, as bench_extract does for htextract:

  htharness     htextract's own protocol layer (FieldAddingRecords) reading what htextract
                reads and adding its fields empty: the ratio an extractor costing nothing
                would reach;
  htphonefloor  the same layer with the cheapest phone finder the library allows (the
                normalisation, the phone-run scan and cached phonenumbers validation; no
                spelled numbers, look-alikes, context rules or other identifier types);
  htextract     the real command.

For each it prints the wall-clock and command-CPU ratios to the no-op, the ratio of the two
commands alone (input from a pre-encoded file), and phone precision and recall on the
corpus, so the throughput target (45% of the no-op) can be read against what each level of
extraction finds. The generated corpus has no traps (no measurements, prices or IDs), so
phone precision and recall of the floor and of htextract are also printed on labelled sets
with traps, run through the protocol: the development set (tests/unit/extract/devset.jsonl)
and any set given with ``--labelled PATH``. Nothing here asserts on time.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from typing import Dict, List, Optional, Sequence, Tuple

sys.path[:0] = [os.path.dirname(os.path.abspath(__file__))]

from bench_extract import (  # noqa: E402
    CHUNK_ROWS,
    add_labelled_option,
    as_list,
    bench_protocol,
    labelled_sets,
    make_corpus,
    phone_scores,
)
from benchkit import command_alone_seconds, median_pair, private_app, splunk_python  # noqa: E402
from protocol.harness import run_command  # noqa: E402

COMMANDS = ("htharness", "htphonefloor", "htextract")
PHONE_FINDERS = ("htphonefloor", "htextract")


def labelled_phone_scores(
    python: str, app: str, command: str, ads: Sequence[Dict[str, object]]
) -> Tuple[float, float]:
    """Phone (precision, recall) of ``command`` through the protocol on labelled ads."""
    records = [
        {
            "body": str(ad["text"]),
            "country": str(ad.get("country") or ""),
            "city": str(ad.get("city") or ""),
            "url": str(ad.get("url") or ""),
        }
        for ad in ads
    ]
    result = run_command(python, app, command, [], [records], timeout=900)
    if result.returncode != 0:
        raise SystemExit(f"{command} failed: {result.stderr[-2000:]}")
    truth = [{"phones": set(ad.get("phones") or ())} for ad in ads]
    found = [as_list(record.get("ht_phone")) for record in result.records]
    return phone_scores(found, truth)  # type: ignore[arg-type]


def main(argv: Optional[Sequence[str]] = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ads", type=int, default=50_000)
    parser.add_argument("--repeats", type=int, default=3, help="alternated runs per command")
    parser.add_argument("--rebuild", action="store_true")
    add_labelled_option(parser)
    args = parser.parse_args(argv)

    ads, truth = make_corpus(args.ads)
    chunks = [ads[i : i + CHUNK_ROWS] for i in range(0, len(ads), CHUNK_ROWS)]
    python = splunk_python()
    print(f"corpus: {len(ads)} ads; python: {python}")
    print("command        wall ratio  CPU ratio  alone ratio   phones P   phones R")
    with tempfile.TemporaryDirectory(prefix="htintel-bench-") as scratch:
        app = private_app(scratch, args.rebuild, bench_commands=True)
        for command in COMMANDS:
            wall_pairs: List[Tuple[float, float]] = []
            cpu_pairs: List[Tuple[float, float]] = []
            alone_pairs: List[Tuple[float, float]] = []
            for _ in range(args.repeats):
                wall_b, cpu_b, records = bench_protocol(python, app, command, chunks)
                wall_c, cpu_c, _ = bench_protocol(python, app, "htnoop", chunks)
                wall_pairs.append((wall_b, wall_c))
                cpu_pairs.append((cpu_b, cpu_c))
                alone_b = command_alone_seconds(python, app, command, chunks)
                alone_c = command_alone_seconds(python, app, "htnoop", chunks)
                alone_pairs.append((len(ads) / alone_b, len(ads) / alone_c))
            precision, recall = phone_scores([as_list(r.get("ht_phone")) for r in records], truth)
            wall, cpu, alone = (
                b / c for b, c in map(median_pair, (wall_pairs, cpu_pairs, alone_pairs))
            )
            print(
                f"{command:13s} {wall:10.2f} {cpu:10.2f} {alone:12.2f} {precision:10.3f} {recall:10.3f}",
                flush=True,
            )
            print(
                "  each pair, wall: " + ", ".join(f"{b / c:.2f}" for b, c in wall_pairs),
                flush=True,
            )
        for label, labelled_ads in labelled_sets(args.labelled):
            for command in PHONE_FINDERS:
                precision, recall = labelled_phone_scores(python, app, command, labelled_ads)
                print(
                    f"{label} ({len(labelled_ads)} ads), {command}: "
                    f"phones P {precision:.3f} R {recall:.3f}",
                    flush=True,
                )


if __name__ == "__main__":
    main()
