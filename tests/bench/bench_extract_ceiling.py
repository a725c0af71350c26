"""How far caching can take ``extract()`` on the bench_extract corpus: an upper bound.

Run from the repository root: ``.venv/bin/python -B tests/bench/bench_extract_ceiling.py
[--ads N]``.

Prints microseconds of CPU per ad, in one process, for:

  whole   ``extract()`` on each ad, as htextract runs it (its own caches included);
  oracle  ``extract()`` on each sentence of each ad the first time that sentence (with the
          ad's country) appears, a dict lookup after that.

The oracle splits ads at the sentence boundaries the corpus generator knows: its filler
sentences are found by their text, and what lies between them is the identifier sentences.
Real text does not mark those boundaries (an identifier sentence runs into the next with a
plain space), and extracting sentences apart loses the context one lends the next, so no
exact cache can do better than the oracle: its figure bounds what caching can save. The two
run in turn, each in a fresh process, ``--repeats`` times, since the machine's speed drifts.
Nothing here asserts.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from typing import Dict, List, Optional, Sequence, Tuple

BENCH = os.path.dirname(os.path.abspath(__file__))
sys.path[:0] = [BENCH]

from bench_extract import LANGUAGES, make_corpus  # noqa: E402

from htintel.extract import Extraction, extract  # noqa: E402


def _sentences(ads: Sequence[Dict[str, str]]) -> List[List[str]]:
    """Each ad's title and body sentences, split where the generator joined them."""
    fillers = sorted({s for language in LANGUAGES.values() for s in language["filler"]}, key=len)
    filler = re.compile("|".join(re.escape(s) for s in reversed(fillers)))
    split: List[List[str]] = []
    for ad in ads:
        parts, position = [ad["title"]], 0
        for match in filler.finditer(ad["body"]):
            between = ad["body"][position : match.start()].strip()
            parts += [between, match.group(0)] if between else [match.group(0)]
            position = match.end()
        rest = ad["body"][position:].strip()
        if rest:
            parts.append(rest)
        split.append(parts)
    return split


def _whole(ads: Sequence[Dict[str, str]]) -> float:
    start = time.process_time()
    for ad in ads:
        extract(ad["title"] + "\n" + ad["body"], country=ad["country"], url=ad["url"])
    return time.process_time() - start


def _oracle(ads: Sequence[Dict[str, str]], sentences: List[List[str]]) -> Tuple[float, int]:
    """(CPU seconds, sentences extracted) with every sentence seen before free."""
    seen: Dict[Tuple[str, Optional[str]], Extraction] = {}
    extracted = 0
    start = time.process_time()
    for ad, parts in zip(ads, sentences):
        for part in parts:
            key = (part, ad["country"])
            if key not in seen:
                seen[key] = extract(part, country=ad["country"], url=ad["url"])
                extracted += 1
    return time.process_time() - start, extracted


def _measure(which: str, count: int) -> str:
    ads, _ = make_corpus(count)
    if which == "whole":
        return f"{_whole(ads) / len(ads) * 1e6:.1f}"
    seconds, extracted = _oracle(ads, _sentences(ads))
    return f"{seconds / len(ads) * 1e6:.1f} {extracted / len(ads):.3f}"


def main(argv: Optional[Sequence[str]] = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ads", type=int, default=50_000)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--measure", choices=("whole", "oracle"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        print(_measure(args.measure, args.ads))
        return
    print(f"python: {sys.executable}; {args.ads} ads; each figure from a fresh process")
    for _ in range(args.repeats):
        # A fresh interpreter each, so that every cache starts empty, as in a new htextract.
        figures = {
            which: subprocess.run(
                [sys.executable, "-B", __file__, "--ads", str(args.ads), "--measure", which],
                capture_output=True,
                text=True,
                check=True,
            ).stdout.split()
            for which in ("whole", "oracle")
        }
        whole, (oracle, new_sentences) = float(figures["whole"][0]), figures["oracle"]
        print(
            f"whole {whole:6.1f} µs/ad   oracle {float(oracle):6.1f} µs/ad "
            f"({float(new_sentences):.2f} new sentences per ad)   "
            f"oracle/whole {float(oracle) / whole:.2f}"
        )


if __name__ == "__main__":
    main()
