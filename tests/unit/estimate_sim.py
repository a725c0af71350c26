"""Simulated capture-recapture data of known size for the htestimate tests and benchmarks."""

from __future__ import annotations

import math
import random
from typing import Dict, Mapping, Sequence, Tuple

Pattern = Tuple[int, ...]


def cell_probabilities(
    main: Sequence[float], pairs: Mapping[Tuple[int, int], float]
) -> Dict[Pattern, float]:
    """Probabilities of every capture pattern (including all zeros) under a log-linear model.

    ``main[i]`` is list i's log-odds of capture given no other capture; ``pairs[(i, j)]`` the
    log odds ratio between lists i and j (positive: seen on one makes the other likelier).
    """
    k = len(main)
    weights = {}
    for mask in range(1 << k):
        pattern = tuple((mask >> i) & 1 for i in range(k))
        eta = sum(m for m, bit in zip(main, pattern) if bit)
        eta += sum(v for (i, j), v in pairs.items() if pattern[i] and pattern[j])
        weights[pattern] = math.exp(eta)
    total = sum(weights.values())
    return {p: w / total for p, w in weights.items()}


def simulate(
    probabilities: Mapping[Pattern, float], population: int, rng: random.Random
) -> Dict[Pattern, int]:
    """Counts of the observed patterns when ``population`` entities are captured independently."""
    patterns = list(probabilities)
    draws = rng.choices(patterns, weights=[probabilities[p] for p in patterns], k=population)
    counts: Dict[Pattern, int] = {}
    for pattern in draws:
        if any(pattern):
            counts[pattern] = counts.get(pattern, 0) + 1
    return counts
