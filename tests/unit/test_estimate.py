"""Multiple systems estimation: published results, simulations of known size, degenerate data."""

from __future__ import annotations

import csv
import os
import random

import pytest
from unit.estimate_sim import cell_probabilities, simulate

from htintel.estimate import Estimate, _build_table, _mle_exists, estimate, pattern_counts

# UK 2013 National Crime Agency strategic assessment lists, as used by Bales, Hesketh &
# Silverman (2015) and shipped as UKdat_5 / UKdat in the R packages SparseMSE and modslavmse;
# provenance and the published results in ../shared/vectors/mse/README.md.
VECTORS = os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "vectors", "mse")
UK5_MODEL = ("LA:NG", "NG:GP", "PFNCA:GP", "LA:PFNCA", "GO:GP", "NG:GO")


def _load(name):
    path = os.path.join(VECTORS, name)
    if not os.path.exists(path):
        pytest.skip(f"test vectors not found: {path}")
    with open(path, newline="") as handle:
        rows = list(csv.reader(handle))
    names = rows[0][:-1]
    return names, {tuple(int(x) for x in row[:-1]): int(row[-1]) for row in rows[1:]}


def _within(value, target, tolerance):
    return value is not None and abs(value - target) <= tolerance * target


# --------------------------------------------------------------------------- published results


@pytest.mark.parametrize(
    ("vector", "published", "low", "high"),
    [
        ("UK_5list.csv", 11313, 9889, 13063),
        ("UK_6list.csv", 11418, 9982, 13182),
    ],
)
def test_bhs_reproduces_the_published_uk_estimates(vector, published, low, high):
    names, counts = _load(vector)
    result = estimate(counts, names, method="bhs")
    assert result.observed == 2744
    assert _within(result.estimate, published, 0.005)
    assert _within(result.ci_low, low, 0.01)
    assert _within(result.ci_high, high, 0.01)
    assert result.warnings == ()


def test_bhs_selects_the_six_published_interactions_on_the_uk_five_lists():
    names, counts = _load("UK_5list.csv")
    assert estimate(counts, names, method="bhs").model == UK5_MODEL


def test_sparse_stepwise_selects_the_same_uk_model_and_estimate_as_bhs():
    # With pthresh = 0.02 the Poisson-overlap stepwise of SparseMSE picks the same six
    # interactions on UKdat_5, so the point estimate is the same maximum likelihood fit.
    names, counts = _load("UK_5list.csv")
    sparse = estimate(counts, names, method="sparse", nboot=200, seed=1)
    assert sparse.model == UK5_MODEL
    assert _within(sparse.estimate, 11313, 0.005)
    assert sparse.ci_low is not None and sparse.ci_high is not None
    assert 2744 < sparse.ci_low < sparse.estimate < sparse.ci_high


def test_sparse_bca_interval_on_uk_five_lists_agrees_with_sparsemse():
    # SparseMSE's estimatepopulation on the same data, as printed in the README of
    # OlivierBinette/MSETools (Binette & Steorts 2021): 11312.990 (9232.646 - 15042.869).
    # A bootstrap interval depends on the random stream, so agreement is to within 15%.
    names, counts = _load("UK_5list.csv")
    result = estimate(counts, names, method="sparse")
    assert result.estimate == pytest.approx(11312.990, abs=0.01)
    assert _within(result.ci_low, 9232.646, 0.15)
    assert _within(result.ci_high, 15042.869, 0.15)


def test_main_effects_only_reproduce_the_published_independence_estimate():
    # The independence model on the UK five lists: 13444.13 in the same README.
    names, counts = _load("UK_5list.csv")
    result = estimate(counts, names, method="bhs", pthresh=0.0)
    assert result.model == ()
    assert result.estimate == pytest.approx(13444.13, abs=0.01)


def test_sparse_bootstrap_is_repeatable_for_a_seed_and_varies_between_seeds():
    names, counts = _load("UK_5list.csv")
    first = estimate(counts, names, method="sparse", nboot=60, seed=11)
    again = estimate(counts, names, method="sparse", nboot=60, seed=11)
    other = estimate(counts, names, method="sparse", nboot=60, seed=12)
    assert first == again
    assert (first.ci_low, first.ci_high) != (other.ci_low, other.ci_high)
    assert first.estimate == other.estimate


def test_raising_pthresh_to_zero_fits_main_effects_only():
    names, counts = _load("UK_5list.csv")
    result = estimate(counts, names, method="sparse", pthresh=0.0, nboot=20)
    assert result.model == ()


# --------------------------------------------------------------------------- small exact cases


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        # Lincoln-Petersen: N = n_a * n_b / m.
        ({(1, 0): 30, (0, 1): 40, (1, 1): 10}, 200.0),
        ({(1, 0): 90, (0, 1): 90, (1, 1): 10}, 1000.0),
    ],
)
@pytest.mark.parametrize("method", ["bhs", "sparse"])
def test_two_lists_give_the_lincoln_petersen_estimate(counts, expected, method):
    result = estimate(counts, ["a", "b"], method=method, nboot=50)
    assert result.estimate == pytest.approx(expected, rel=1e-6)
    assert result.model == ()
    assert result.ci_low is not None and result.ci_high is not None
    assert result.ci_low < expected < result.ci_high


def test_profile_interval_of_two_lists_is_asymmetric_to_the_right():
    result = estimate({(1, 0): 30, (0, 1): 40, (1, 1): 10}, ["a", "b"])
    assert result.ci_low is not None and result.ci_high is not None
    assert result.ci_high - result.estimate > result.estimate - result.ci_low


# Artificial_3 of SparseMSE (Chan, Silverman & Vincent 2021, Table 2): three lists, the
# patterns A, B, C and AB observed. Documented: a model containing AB has no finite MLE;
# all three pairs are not identifiable; main effects and AC and/or BC pass both checks.
ARTIFICIAL_3 = {(1, 0, 0): 10, (0, 1, 0): 15, (0, 0, 1): 20, (1, 1, 0): 5}
AB, AC, BC = 0b011, 0b101, 0b110


@pytest.mark.parametrize(
    ("pairs", "exists", "identifiable"),
    [
        ((), True, True),
        ((AB,), False, True),
        ((AC,), True, True),
        ((BC,), True, True),
        ((AC, BC), True, True),
        ((AB, AC), False, True),
        ((AB, BC), False, True),
        ((AB, AC, BC), True, False),
    ],
)
def test_existence_check_matches_the_sparsemse_artificial_example(pairs, exists, identifiable):
    cells = [0.0] * 8
    for pattern, count in ARTIFICIAL_3.items():
        cells[sum(bit << i for i, bit in enumerate(pattern))] = count
    assert _mle_exists(_build_table(3, cells), pairs) == (exists, identifiable)


def test_a_list_overlapping_no_other_is_estimated_with_a_warning():
    result = estimate(ARTIFICIAL_3, ["A", "B", "C"], method="bhs")
    assert result.estimate is not None
    assert any("C overlaps no other list" in w for w in result.warnings)


def test_sparse_never_adds_an_interaction_whose_mle_would_not_exist():
    result = estimate(ARTIFICIAL_3, ["A", "B", "C"], method="sparse", pthresh=0.5, nboot=30)
    assert "A:B" not in result.model


def test_ten_lists_are_estimated():
    probabilities = cell_probabilities([-2.0 - 0.1 * i for i in range(10)], {(0, 1): 0.8})
    counts = simulate(probabilities, 4000, random.Random(3))
    result = estimate(counts, [f"site{i}" for i in range(10)])
    assert result.estimate is not None and _within(result.estimate, 4000, 0.1)
    assert "site0:site1" in result.model


# --------------------------------------------------------------------------- degenerate data


@pytest.mark.parametrize(
    ("counts", "lists", "reason"),
    [
        ({}, ["a", "b"], "no entities observed"),
        ({(1,): 12}, ["a"], "fewer than 2 lists"),
        ({(1, 0): 12}, ["a", "b"], "fewer than 2 lists"),
        ({(1, 0): 12, (0, 1): 9}, ["a", "b"], "more than one list"),
        ({(1, 0, 0): 5, (0, 1, 0): 7, (0, 0, 1): 3}, ["a", "b", "c"], "more than one list"),
        # Everybody on list a: nothing says how many a missed.
        ({(1, 0): 10, (1, 1): 5}, ["a", "b"], "does not exist"),
        ({(1, 0, 0): 10, (1, 1, 0): 5, (1, 0, 1): 2}, ["a", "b", "c"], "does not exist"),
        ({(1,) * 11: 3, (1,) + (0,) * 10: 4}, [f"l{i}" for i in range(11)], "at most 10"),
    ],
)
@pytest.mark.parametrize("method", ["bhs", "sparse"])
def test_data_that_cannot_support_an_estimate_give_no_number_and_say_why(
    counts, lists, reason, method
):
    result = estimate(counts, lists, method=method, nboot=20)
    assert result.estimate is None and result.ci_low is None and result.ci_high is None
    assert any(reason in w for w in result.warnings), result.warnings
    assert result.model == ()


def test_lists_with_nobody_on_them_are_left_out_with_a_note():
    result = estimate({(1, 0, 0): 30, (0, 1, 0): 40, (1, 1, 0): 10}, ["a", "b", "empty"])
    assert result.lists == ("a", "b")
    assert result.estimate == pytest.approx(200.0)
    assert any("empty" in w for w in result.warnings)


def test_an_interval_the_data_cannot_bound_is_left_open_with_a_warning():
    # One entity on both lists: a third of the bootstrap resamples have no overlap at all.
    result = estimate({(1, 0): 50, (0, 1): 50, (1, 1): 1}, ["a", "b"], method="sparse", nboot=200)
    assert result.estimate is not None
    assert result.ci_high is None
    assert any("unbounded" in w for w in result.warnings)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"method": "magic"}, "method must be one of bhs, sparse"),
        ({"pthresh": 1.5}, "pthresh"),
        ({"nboot": 0}, "nboot"),
    ],
)
def test_bad_arguments_raise_value_errors_naming_the_argument(kwargs, message):
    with pytest.raises(ValueError, match=message):
        estimate({(1, 0): 3, (0, 1): 4, (1, 1): 1}, ["a", "b"], **kwargs)


@pytest.mark.parametrize(
    "counts",
    [{(1, 0, 1): 3}, {(1, 2): 3}, {(1, 0): -1}, {(1, 0): 2.5}],
)
def test_malformed_patterns_or_counts_raise_value_errors(counts):
    with pytest.raises(ValueError):
        estimate(counts, ["a", "b"])


def test_the_result_is_an_immutable_record():
    result = estimate({(1, 0): 30, (0, 1): 40, (1, 1): 10}, ["a", "b"])
    assert isinstance(result, Estimate)
    with pytest.raises(AttributeError):
        result.estimate = 1.0  # type: ignore[misc]


# --------------------------------------------------------------------------- pattern counts


def test_pattern_counts_tallies_entities_by_the_lists_they_are_on():
    lists, counts = pattern_counts([{"b"}, {"a", "b"}, ["a"], {"b", "a"}, set(), {""}])
    assert lists == ("a", "b")
    assert counts == {(0, 1): 1, (1, 1): 2, (1, 0): 1}


def test_pattern_counts_reads_a_bare_string_as_one_list_name():
    assert pattern_counts(["siteA", ["siteA", "siteB"]]) == (
        ("siteA", "siteB"),
        {(1, 0): 1, (1, 1): 1},
    )


def test_pattern_counts_keeps_the_given_list_order_and_ignores_other_lists():
    lists, counts = pattern_counts([{"x", "b"}, {"a"}], lists=["b", "a"])
    assert lists == ("b", "a")
    assert counts == {(1, 0): 1, (0, 1): 1}


# --------------------------------------------------------------------------- simulations


def _coverage(method, main, pairs, population, simulations=200, nboot=100):
    probabilities = cell_probabilities(main, pairs)
    lists = [chr(ord("A") + i) for i in range(len(main))]
    rng = random.Random(20261128)
    covered = 0
    for index in range(simulations):
        result = estimate(
            simulate(probabilities, population, rng), lists, method=method, nboot=nboot, seed=index
        )
        if result.ci_low is not None and result.ci_high is not None:
            covered += result.ci_low <= population <= result.ci_high
    return covered / simulations


@pytest.mark.parametrize(
    ("main", "pairs", "population"),
    [
        # Three lists, the first two positively dependent (seen by one, likelier by the other).
        ([-1.6, -1.2, -1.4], {(0, 1): 1.0}, 2000),
        # Four lists with one positive and one negative dependence.
        ([-2.0, -1.5, -2.2, -1.8], {(0, 1): 0.8, (2, 3): -0.7}, 6000),
    ],
)
def test_bhs_profile_interval_covers_the_true_size_in_at_least_90_percent(main, pairs, population):
    assert _coverage("bhs", main, pairs, population) >= 0.90


@pytest.mark.slow
def test_sparse_bca_interval_covers_the_true_size_in_at_least_90_percent():
    assert _coverage("sparse", [-1.6, -1.2, -1.4], {(0, 1): 1.0}, 2000, nboot=100) >= 0.90
