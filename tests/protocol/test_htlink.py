"""htlink through the chunked protocol v2, from the built package, on Splunk's Pythons."""

from __future__ import annotations

import pytest

EVENT_FIELDS = ("ht_cluster", "ht_cluster_size", "ht_hubs")


def _ad(ad_id, ids, city="Houston", time=1_786_000_000, **extra):
    record = {"ad_id": ad_id, "_time": str(time), "city": city, "country": "US", "ht_ids": ids}
    record.update(extra)
    return record


NETWORK = [
    _ad("a1", ["phone:+17135550101"], time=1_786_000_000),
    _ad("a2", ["phone:+17135550101", "kik:amber22"], city="Dallas", time=1_786_100_000),
    _ad("a3", ["kik:amber22"], city="Atlanta", time=1_786_200_000),
    _ad("b1", ["email:solo@example.org"]),
    _ad("c1", []),
]


def _clusters(records):
    groups = {}
    for record in records:
        groups.setdefault(record["ht_cluster"], set()).add(record["ad_id"])
    return sorted(sorted(members) for members in groups.values())


def test_getinfo_declares_an_events_command(run_command):
    result = run_command("htlink", [], [NETWORK])
    assert result.returncode == 0, result.stderr
    assert result.getinfo["type"] == "events"


def test_shared_phone_and_handle_chain_into_one_network(run_command):
    result = run_command("htlink", [], [NETWORK])
    assert result.returncode == 0, result.stderr
    assert [r["ad_id"] for r in result.records] == ["a1", "a2", "a3", "b1", "c1"]
    assert _clusters(result.records) == [["a1", "a2", "a3"], ["b1"], ["c1"]]
    sizes = {r["ad_id"]: r["ht_cluster_size"] for r in result.records}
    assert sizes == {"a1": "3", "a2": "3", "a3": "3", "b1": "1", "c1": "1"}


def test_every_output_field_is_on_every_event(run_command):
    chunks = [
        [{"ad_id": "x1", "ht_ids": ""}],
        [{"ad_id": "x2", "late_field": "v", "ht_ids": "phone:+1"}],
    ]
    result = run_command("htlink", [], chunks)
    assert result.returncode == 0, result.stderr
    for record in result.records:
        assert set(EVENT_FIELDS) <= set(record)
    # A field first seen in a later chunk survives: the first event carries every column.
    assert result.records[1]["late_field"] == "v"


@pytest.mark.parametrize("chunk_size", [1, 2, 3])
def test_linking_spans_chunks_and_equals_one_chunk(run_command, chunk_size):
    single = run_command("htlink", [], [NETWORK])
    chunks = [NETWORK[i : i + chunk_size] for i in range(0, len(NETWORK), chunk_size)]
    multi = run_command("htlink", [], chunks)
    assert multi.returncode == 0, multi.stderr
    assert multi.records == single.records
    # Nothing comes back before the last chunk.
    assert all(not r.get("finished") for r in multi.replies[:-1])


def test_clusters_mode_returns_one_row_per_network_with_its_circuit(run_command):
    result = run_command("htlink", ["mode=clusters"], [NETWORK[:2], NETWORK[2:]])
    assert result.returncode == 0, result.stderr
    (row,) = result.records
    assert row["ht_cluster_size"] == "3"
    assert row["ht_ads"] == ["a1", "a2", "a3"]
    assert row["ht_phone"] == "+17135550101"
    assert row["ht_handle"] == "kik:amber22"
    assert row["ht_city_path"] == "Houston -> Dallas -> Atlanta"
    assert sorted(row["ht_cities"]) == ["Atlanta", "Dallas", "Houston"]
    assert "phone:+17135550101 joins 2 ads" in row["ht_evidence"]


def test_clusters_mode_min_size_one_includes_singletons(run_command):
    result = run_command("htlink", ["mode=clusters", "min_size=1"], [NETWORK])
    assert result.returncode == 0, result.stderr
    assert sorted(int(r["ht_cluster_size"]) for r in result.records) == [1, 1, 3]


def test_hub_in_many_cities_at_once_does_not_link(run_command):
    cities = ["Houston", "Dallas", "Atlanta", "Miami", "Chicago", "Boston", "Denver", "Austin"]
    chunk = [
        _ad(f"h{i}", ["phone:+18005550100", f"phone:+1713555{i:04d}"], city=city)
        for i, city in enumerate(cities)
    ]
    result = run_command("htlink", [], [chunk])
    assert result.returncode == 0, result.stderr
    assert {r["ht_cluster_size"] for r in result.records} == {"1"}
    assert all(r["ht_hubs"] == "phone:+18005550100" for r in result.records)
    assert any("hub" in text for level, text in result.messages if level == "INFO")


def test_near_duplicate_text_links_only_when_asked(run_command):
    text = (
        "sweet playful companion visiting downtown this weekend only call kalomi zurentas vibarno"
    )
    chunk = [
        {"ad_id": "t1", "body": text + " tonight", "ht_ids": ""},
        {"ad_id": "t2", "body": "new " + text, "ht_ids": ""},
    ]
    off = run_command("htlink", [], [chunk])
    on = run_command("htlink", ["text_similarity=0.5"], [chunk])
    assert {r["ht_cluster_size"] for r in off.records} == {"1"}
    assert {r["ht_cluster_size"] for r in on.records} == {"2"}


@pytest.mark.parametrize(
    "args, named",
    [
        (["mode=graph"], ["mode", "events", "clusters"]),
        (["text_similarity=1.5"], ["text_similarity", "0", "1"]),
        (["max_degree=0"], ["max_degree"]),
        (["colour=red"], ["colour"]),
    ],
)
def test_option_errors_name_the_option_and_allowed_values(run_command, args, named):
    result = run_command("htlink", args, [NETWORK])
    assert result.returncode == 1
    errors = " ".join(result.errors())
    for word in named:
        assert word in errors


def test_too_many_events_is_a_clear_error(run_command):
    result = run_command("htlink", ["max_events=3"], [NETWORK])
    assert result.returncode == 1
    assert any("max_events" in text and "mode=clusters" in text for text in result.errors())
