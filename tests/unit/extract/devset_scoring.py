"""Micro precision, recall and F1 of ``extract`` on the labelled development set (devset.jsonl)."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import Dict, Iterable, List, Mapping, Tuple

from htintel.extract import extract

DEVSET_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "devset.jsonl")
# Ads written by two authors who never saw the extractor, its tests or the dev set (rounds
# "A" and "B", 2026-11-28): 494 ads in 24 languages. Round B was scored blind before any
# change it could have prompted; see README (htextract, Accuracy).
BLINDSET_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "blindset.jsonl")
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
