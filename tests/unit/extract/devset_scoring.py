"""Micro precision, recall and F1 of ``extract`` on the labelled development set (devset.jsonl).

Also a script for any labelled set in the same format, such as the blind sets kept outside
the repository (README -> htextract -> Accuracy):
``.venv/bin/python -B tests/unit/extract/devset_scoring.py [--mistakes] [PATH ...]``.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from typing import Dict, Iterable, List, Mapping, Tuple

if __name__ == "__main__":  # run as a script: the library is in the repository's bin/
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), *[".."] * 3, "bin"))

from htintel.extract import extract

DEVSET_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "devset.jsonl")
SCORED_TYPES = ("phones", "emails", "wallets", "handles")


@dataclass(frozen=True)
class Score:
    true_positives: int
    false_positives: int
    false_negatives: int

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        expected = self.true_positives + self.false_negatives
        return self.true_positives / expected if expected else 1.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def load_devset(path: str = DEVSET_PATH) -> List[Dict[str, object]]:
    """The labelled ads, one JSON object per line."""
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def score_devset(ads: Iterable[Mapping[str, object]]) -> Tuple[Dict[str, Score], List[str]]:
    """Per-type and micro ("all") scores, and one line per mistake for debugging."""
    counts = {name: [0, 0, 0] for name in SCORED_TYPES}
    mistakes: List[str] = []
    for number, ad in enumerate(ads):
        found = extract(
            str(ad["text"]),
            country=ad.get("country"),  # type: ignore[arg-type]
            city=ad.get("city"),  # type: ignore[arg-type]
            url=ad.get("url"),  # type: ignore[arg-type]
        )
        for name in SCORED_TYPES:
            expected = set(ad.get(name) or ())  # type: ignore[call-overload]
            got = set(getattr(found, name))
            counts[name][0] += len(expected & got)
            counts[name][1] += len(got - expected)
            counts[name][2] += len(expected - got)
            if expected != got:
                mistakes.append(
                    "#{} {} {}: missed {} extra {} | {}".format(
                        number,
                        ad.get("lang"),
                        name,
                        sorted(expected - got),
                        sorted(got - expected),
                        ad["text"],
                    )
                )
    scores = {name: Score(*values) for name, values in counts.items()}
    scores["all"] = Score(*(sum(values[i] for values in counts.values()) for i in range(3)))
    return scores, mistakes


def main(argv: List[str]) -> None:
    """Print the scores of each labelled set named (the dev set when none), and with
    ``--mistakes`` one line per mistake."""
    show_mistakes = "--mistakes" in argv
    paths = [arg for arg in argv if arg != "--mistakes"] or [DEVSET_PATH]
    for path in paths:
        scores, mistakes = score_devset(load_devset(path))
        print(path)
        for name in (*SCORED_TYPES, "all"):
            score = scores[name]
            print(
                f"  {name:8s} P {score.precision:.3f} R {score.recall:.3f} F1 {score.f1:.3f}"
                f"  (tp {score.true_positives} fp {score.false_positives}"
                f" fn {score.false_negatives})"
            )
        if show_mistakes:
            print("\n".join(mistakes))


if __name__ == "__main__":
    main(sys.argv[1:])
