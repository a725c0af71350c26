"""Per-stage cost of ``htintel.extract.extract``: microseconds per ad, cold and warm.

Run from the repository root: ``.venv/bin/python -B tests/bench/bench_extract_stages.py
[--ads N] [--python PATH]``.

Each stage (normalize, phones, emails, handles, wallets, urls, and the whole of extract)
runs in a fresh interpreter (Splunk's Python 3.13 by default, with the built package's lib/
for phonenumbers), so its first pass over the corpus is "cold": every cache starts empty,
as in an htextract process. The second pass is "warm". Two corpora: the bench_extract corpus
(identifiers in most ads, reused across ads) and the bench_risk corpus (ads in eight
languages with few identifiers), so that no stage is tuned to one corpus. CPU time
(time.process_time); nothing here asserts on time.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from typing import Callable, Dict, List, Optional, Sequence, Tuple

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BENCH = os.path.dirname(os.path.abspath(__file__))
STAGES = ("normalize", "phones", "emails", "handles", "wallets", "urls", "extract")
CORPORA = ("bench_extract", "bench_risk")

Ad = Tuple[str, Optional[str], Optional[str], Optional[str]]  # text, country, city, url


def _corpus(name: str, count: int) -> List[Ad]:
    if name == "bench_extract":
        from bench_extract import make_corpus

        ads = make_corpus(count)[0]
    else:
        from bench_risk import make_corpus as make_risk_corpus

        ads = make_risk_corpus(count)
    return [
        (ad["title"] + "\n" + ad["body"], ad.get("country"), ad.get("city"), ad.get("url"))
        for ad in ads
    ]


def _stage_function(stage: str) -> Callable[[Ad], object]:
    from htintel.extract import deobfuscate, emails, extract, handles, phones, region_hint, wallets
    from htintel.extract import urls as url_finder

    normalize = deobfuscate.normalize
    if stage == "normalize":
        return lambda ad: normalize(ad[0])
    if stage == "phones":
        return lambda ad: phones.find_phones(normalize(ad[0]), region_hint(ad[1], ad[2], ad[3]))
    if stage == "urls":
        return lambda ad: url_finder.find_urls(normalize(ad[0]), ad[3])
    if stage == "extract":
        return lambda ad: extract(ad[0], country=ad[1], city=ad[2], url=ad[3])
    finder = {
        "emails": emails.find_emails,
        "handles": handles.find_handles,
        "wallets": wallets.find_wallets,
    }[stage]
    return lambda ad: finder(normalize(ad[0]))


def _run_stage(stage: str, corpus: str, count: int) -> Dict[str, float]:
    """In this (fresh) interpreter: cold and warm µs per ad of one stage, normalize excluded."""
    ads = _corpus(corpus, count)
    function = _stage_function(stage)
    from htintel.extract import deobfuscate

    for ad in ads[:1]:  # imports and one-time table building are not per-ad costs
        function(ad)
    timings = []
    for _ in range(2):
        start = time.process_time()
        for ad in ads:
            function(ad)
        timings.append((time.process_time() - start) / len(ads) * 1e6)
    if stage not in ("normalize", "extract"):
        start = time.process_time()
        for ad in ads:
            deobfuscate.normalize(ad[0])
        normalize_cost = (time.process_time() - start) / len(ads) * 1e6
        timings = [t - normalize_cost for t in timings]
    return {"cold": timings[0], "warm": timings[1]}


def _default_python() -> Tuple[str, str]:
    sys.path[:0] = [os.path.join(REPO, "tests"), BENCH]
    from benchkit import splunk_python

    lib = os.path.join(REPO, "build", "htintel", "lib")
    if not os.path.isdir(os.path.join(lib, "phonenumbers")):
        subprocess.run(["bash", "package.sh", "--skip-appinspect"], cwd=REPO, check=True)
    return splunk_python(), lib


def main(argv: Optional[Sequence[str]] = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ads", type=int, default=20_000)
    parser.add_argument("--python", help="interpreter to measure (default: Splunk's 3.13)")
    parser.add_argument("--stages", default=",".join(STAGES))
    parser.add_argument("--one", nargs=2, metavar=("STAGE", "CORPUS"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        sys.path[:0] = [os.path.join(REPO, "bin"), os.path.join(REPO, "tests"), BENCH]
        print(json.dumps(_run_stage(args.one[0], args.one[1], args.ads)))
        return
    python, lib = _default_python()
    if args.python:
        python = args.python
    print(f"python: {python}; {args.ads} ads per corpus; µs per ad (CPU), normalize excluded")
    print(f"{'stage':10s} " + " ".join(f"{c + ' cold':>18s} {c + ' warm':>18s}" for c in CORPORA))
    env = dict(os.environ, PYTHONPATH=lib)
    for stage in args.stages.split(","):
        cells = []
        for corpus in CORPORA:
            output = subprocess.run(
                [python, "-B", __file__, "--ads", str(args.ads), "--one", stage, corpus],
                env=env,
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            figures = json.loads(output.strip().splitlines()[-1])
            cells.append(f"{figures['cold']:18.1f} {figures['warm']:18.1f}")
        print(f"{stage:10s} " + " ".join(cells))


if __name__ == "__main__":
    main()
