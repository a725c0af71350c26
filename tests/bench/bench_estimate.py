"""Benchmark htestimate: 1,000 groups of 5 lists, in-process and through the chunked protocol.

Run from the repository root: ``.venv/bin/python tests/bench/bench_estimate.py``.
Runs a private copy of build/htintel with this checkout's bin/ and default/ (builds with
``package.sh --skip-appinspect`` first if there is no build, or with --rebuild). Prints wall-clock and CPU seconds (CPU time is the figure that
does not depend on what else the machine is doing); asserts nothing about time.
"""

from __future__ import annotations

import os
import random
import resource
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path[:0] = [os.path.join(REPO, "bin"), os.path.join(REPO, "tests")]

from benchkit import private_app  # noqa: E402
from protocol.harness import find_splunk_pythons, run_command  # noqa: E402
from unit.estimate_sim import cell_probabilities, simulate  # noqa: E402

from htintel.estimate import estimate  # noqa: E402

GROUPS = 1000
LISTS = ("siteA", "siteB", "siteC", "siteD", "siteE")
CHUNK_ROWS = 50_000  # splunkd's largest chunk


def make_groups(seed: int = 7):
    """Per city: a population of 100-1,000 with two dependent pairs of sites."""
    rng = random.Random(seed)
    groups = []
    for index in range(GROUPS):
        main = [rng.uniform(-2.5, -1.0) for _ in LISTS]
        pairs = {(0, 1): rng.uniform(0.0, 1.0), (2, 3): rng.uniform(-0.8, 0.4)}
        counts = simulate(cell_probabilities(main, pairs), rng.randint(100, 1000), rng)
        groups.append((f"city{index:04d}", counts))
    return groups


def pattern_rows(groups):
    rows = []
    for city, counts in groups:
        for pattern, count in counts.items():
            rows.append(
                {"city": city, "lists": [s for s, b in zip(LISTS, pattern) if b], "n": count}
            )
    return rows


def entity_rows(groups):
    rows = []
    for city, counts in groups:
        for pattern, count in counts.items():
            sites = [s for s, b in zip(LISTS, pattern) if b]
            rows.extend({"city": city, "lists": sites} for _ in range(count))
    return rows


def chunked(rows):
    return [rows[i : i + CHUNK_ROWS] for i in range(0, len(rows), CHUNK_ROWS)]


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    groups = make_groups()
    observed = sum(sum(c.values()) for _, c in groups)
    print(f"{GROUPS} groups x {len(LISTS)} lists, {observed:,} entities seen in all")

    start, cpu = time.perf_counter(), time.process_time()
    results = [estimate(counts, LISTS) for _, counts in groups]
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    refused = sum(r.estimate is None for r in results)
    print(
        f"in-process  method=bhs: {elapsed:6.2f} s wall, {cpu:6.2f} s CPU "
        f"({1000 * cpu / GROUPS:.1f} ms CPU/group, {refused} groups without an estimate)"
    )
    sample = groups[:20]
    start, cpu = time.perf_counter(), time.process_time()
    for _, counts in sample:
        estimate(counts, LISTS, method="sparse", nboot=1000)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(
        f"in-process  method=sparse nboot=1000: {elapsed / len(sample):.2f} s wall, "
        f"{cpu / len(sample):.2f} s CPU per group (mean of {len(sample)} groups)"
    )

    with tempfile.TemporaryDirectory(prefix="bench-htestimate-") as workdir:
        run_protocol(groups, private_app(workdir, "--rebuild" in sys.argv))


def run_protocol(groups, app: str) -> None:
    for version, python in sorted(find_splunk_pythons().items()):
        if not python:
            print(f"Python {version}: not installed, skipped")
            continue
        for label, rows, args in (
            ("pattern rows", pattern_rows(groups), ["lists_field=lists", "count_field=n"]),
            ("entity rows ", entity_rows(groups), ["lists_field=lists"]),
        ):
            chunks = chunked(rows)
            start, cpu = time.perf_counter(), _children_cpu()
            result = run_command(python, app, "htestimate", [*args, "by=city"], chunks)
            elapsed, cpu = time.perf_counter() - start, _children_cpu() - cpu
            assert result.returncode == 0, result.stderr
            assert len(result.records) == GROUPS
            print(
                f"protocol py{version} {label}: {elapsed:6.2f} s wall, {cpu:6.2f} s command CPU "
                f"for {len(rows):,} rows in {len(chunks)} chunks -> {GROUPS} estimates"
            )


if __name__ == "__main__":
    main()
