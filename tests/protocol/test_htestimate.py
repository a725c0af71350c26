"""htestimate through the chunked protocol v2, from the built package, on Splunk's Pythons."""

from __future__ import annotations

import csv
import os

import pytest

# UK 2013 strategic assessment, five lists (Bales, Hesketh & Silverman 2015); see
# ../shared/vectors/mse/README.md for the provenance and the published results.
VECTORS = os.path.join(
    os.path.dirname(__file__), "..", "..", "..", "shared", "vectors", "mse", "UK_5list.csv"
)
OUTPUT_FIELDS = (
    "ht_observed",
    "ht_estimate",
    "ht_ci_low",
    "ht_ci_high",
    "ht_lists",
    "ht_model",
    "ht_method",
    "ht_warnings",
)
UK_MODEL = ["LA:NG", "NG:GP", "PFNCA:GP", "LA:PFNCA", "GO:GP", "NG:GO"]


def _uk_patterns():
    if not os.path.exists(VECTORS):
        pytest.skip(f"test vectors not found: {VECTORS}")
    with open(VECTORS, newline="") as handle:
        rows = list(csv.reader(handle))
    names = rows[0][:-1]
    return [
        ([n for n, bit in zip(names, row[:-1]) if bit == "1"], int(row[-1])) for row in rows[1:]
    ]


def _entities(patterns, **extra):
    """One row per entity, as `stats values(site) as lists by ht_cluster` would give."""
    rows = []
    for lists, count in patterns:
        for _ in range(count):
            rows.append({"ht_cluster": str(len(rows)), "lists": lists, **extra})
    return rows


def _values(value):
    return value if isinstance(value, list) else ([value] if value else [])


def _assert_uk(record):
    assert record["ht_observed"] == "2744"
    assert abs(int(record["ht_estimate"]) - 11313) <= 1
    assert abs(int(record["ht_ci_low"]) - 9889) <= 2
    assert abs(int(record["ht_ci_high"]) - 13063) <= 2
    # The command orders lists by name, so each pair reads alphabetically.
    assert _values(record["ht_model"]) == [":".join(sorted(p.split(":"))) for p in UK_MODEL]
    assert _values(record["ht_lists"]) == sorted(["LA", "NG", "PFNCA", "GO", "GP"])
    assert record["ht_method"] == "bhs"


def test_getinfo_declares_a_reporting_command_without_preop(run_command):
    result = run_command("htestimate", ["lists_field=lists"], [[{"lists": ["a", "b"]}]])
    assert result.returncode == 0, result.stderr
    assert result.getinfo["type"] == "reporting"
    assert not result.getinfo.get("streaming_preop")


def test_pattern_count_rows_reproduce_the_published_uk_estimate(run_command):
    chunk = [{"lists": lists, "count": count} for lists, count in _uk_patterns()]
    result = run_command("htestimate", ["lists_field=lists", "count_field=count"], [chunk])
    assert result.returncode == 0, result.stderr
    (record,) = result.records
    _assert_uk(record)
    assert _values(record.get("ht_warnings")) == []


def test_one_row_per_entity_gives_the_same_estimate_as_pattern_counts(run_command):
    result = run_command("htestimate", ["lists_field=lists"], [_entities(_uk_patterns())])
    assert result.returncode == 0, result.stderr
    (record,) = result.records
    _assert_uk(record)


def test_by_city_estimates_each_group_and_sets_every_field_on_every_row(run_command):
    small = [(["a"], 30), (["b"], 40), (["a", "b"], 10)]
    rows = _entities(_uk_patterns(), city="London") + _entities(small, city="Leeds")
    rows += _entities([(["a"], 5)], city="York")  # one list only: no estimate
    result = run_command("htestimate", ["lists_field=lists", "by=city"], [rows])
    assert result.returncode == 0, result.stderr
    by_city = {r["city"]: r for r in result.records}
    assert sorted(by_city) == ["Leeds", "London", "York"]
    for record in result.records:
        assert set(OUTPUT_FIELDS) <= set(record)
    _assert_uk(by_city["London"])
    # Lincoln-Petersen: 40 on a, 50 on b, 10 on both -> 200.
    assert by_city["Leeds"]["ht_estimate"] == "200"
    assert by_city["York"]["ht_estimate"] == ""
    assert "fewer than 2 lists" in " ".join(_values(by_city["York"]["ht_warnings"]))


def test_input_split_over_chunks_gives_the_same_rows_as_one_chunk(run_command):
    small = [(["a"], 30), (["b"], 40), (["a", "b"], 10), (["c"], 12), (["a", "c"], 4)]
    rows = _entities(_uk_patterns(), city="London") + _entities(small, city="Leeds")
    # Interleave the groups so that every chunk holds part of each.
    rows = rows[::2] + rows[1::2]
    whole = run_command("htestimate", ["lists_field=lists", "by=city"], [rows])
    size = len(rows) // 3 + 1
    split = run_command(
        "htestimate",
        ["lists_field=lists", "by=city"],
        [rows[i : i + size] for i in range(0, len(rows), size)] + [[]],
    )
    assert whole.returncode == 0 and split.returncode == 0, split.stderr
    assert len(split.replies) == 4
    assert split.records == whole.records
    assert len(whole.records) == 2


def test_sparse_method_with_seed_is_repeatable(run_command):
    chunk = [{"lists": lists, "count": count} for lists, count in _uk_patterns()]
    args = ["lists_field=lists", "count_field=count", "method=sparse", "nboot=50", "seed=7"]
    first = run_command("htestimate", args, [chunk])
    second = run_command("htestimate", args, [chunk])
    assert first.returncode == 0, first.stderr
    assert first.records == second.records
    (record,) = first.records
    assert record["ht_method"] == "sparse"
    assert abs(int(record["ht_estimate"]) - 11313) <= 1
    assert int(record["ht_ci_low"]) < 11313 < int(record["ht_ci_high"])


def test_pthresh_zero_fits_main_effects_only(run_command):
    chunk = [{"lists": lists, "count": count} for lists, count in _uk_patterns()]
    args = ["lists_field=lists", "count_field=count", "pthresh=0"]
    result = run_command("htestimate", args, [chunk])
    assert result.returncode == 0, result.stderr
    (record,) = result.records
    assert record["ht_estimate"] == "13444"  # the independence model
    assert _values(record["ht_model"]) == []


def test_no_overlap_between_lists_gives_a_warning_and_no_number(run_command):
    rows = _entities([(["a"], 20), (["b"], 30)])
    result = run_command("htestimate", ["lists_field=lists"], [rows])
    assert result.returncode == 0, result.stderr
    (record,) = result.records
    assert record["ht_observed"] == "50"
    assert record["ht_estimate"] == record["ht_ci_low"] == record["ht_ci_high"] == ""
    assert "more than one list" in " ".join(_values(record["ht_warnings"]))


def test_invalid_counts_are_skipped_and_reported(run_command):
    chunk = [
        {"lists": ["a"], "n": "40"},
        {"lists": ["b"], "n": "50"},
        {"lists": ["a", "b"], "n": "10"},
        {"lists": ["a"], "n": "lots"},
        {"lists": ["b"], "n": ""},
    ]
    result = run_command("htestimate", ["lists_field=lists", "count_field=n"], [chunk])
    assert result.returncode == 0, result.stderr
    (record,) = result.records
    assert record["ht_estimate"] == "300"  # (40 + 10) * (50 + 10) / 10
    assert "2 rows skipped" in " ".join(_values(record["ht_warnings"]))


def test_by_several_fields_groups_on_each_combination(run_command):
    small = [(["a"], 30), (["b"], 40), (["a", "b"], 10)]
    rows = _entities(small, city="Paris", country="FR") + _entities(
        small, city="Paris", country="US"
    )
    rows.append({"lists": ["a", "b"], "city": "Paris"})  # no country: in no group
    result = run_command("htestimate", ["lists_field=lists", "by=city,country"], [rows])
    assert result.returncode == 0, result.stderr
    assert [(r["city"], r["country"], r["ht_estimate"]) for r in result.records] == [
        ("Paris", "FR", "200"),
        ("Paris", "US", "200"),
    ]


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["lists_field=lists", "method=fancy"], ["method", "fancy", "bhs", "sparse"]),
        (["lists_field=lists", "pthresh=2"], ["pthresh", "between 0 and 1"]),
        (["lists_field=lists", "nboot=zero"], ["nboot", "whole number"]),
        (["lists_field=lists", "seed=-3"], ["seed", "whole number"]),
        ([], ["lists_field"]),
    ],
)
def test_option_errors_reach_the_getinfo_reply(run_command, args, named):
    result = run_command("htestimate", args, [[{"lists": ["a", "b"]}]])
    assert result.returncode == 1
    errors = [
        text
        for level, text in result.getinfo.get("inspector", {}).get("messages", [])
        if level == "ERROR"
    ]
    assert errors, result.messages
    for word in named:
        assert word in errors[0]
