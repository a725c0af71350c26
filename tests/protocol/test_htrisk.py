"""htrisk through the chunked protocol v2, from the built package, on Splunk's Pythons."""

from __future__ import annotations

OUTPUT_FIELDS = ("ht_lang", "ht_risk_score", "ht_risk_indicators", "ht_risk_evidence")


def test_getinfo_declares_a_streaming_command(run_command):
    result = run_command("htrisk", [], [[{"body": "nothing here"}]])
    assert result.returncode == 0, result.stderr
    assert result.getinfo["type"] == "streaming"


def test_indicators_score_and_evidence_come_back_as_multivalues(run_command):
    chunk = [
        {
            "ad_id": "a1",
            "title": "New girl",
            "body": "barely legal, my girls are waiting",
            "language": "en",
        }
    ]
    result = run_command("htrisk", [], [chunk])
    assert result.returncode == 0, result.stderr
    (record,) = result.records
    assert record["ht_lang"] == "en"
    assert set(record["ht_risk_indicators"]) >= {"youth", "third_person"}
    assert "barely legal" in record["ht_risk_evidence"]
    assert 0 < int(record["ht_risk_score"]) <= 100


def test_every_output_field_is_set_even_when_nothing_is_found(run_command):
    chunk = [
        {"ad_id": "a1", "body": "Licensed massage therapist, book online."},
        {"ad_id": "a2", "body": "Nueva en la ciudad, jovencita, sin papeles"},
    ]
    result = run_command("htrisk", [], [chunk])
    assert [r["ad_id"] for r in result.records] == ["a1", "a2"]
    for record in result.records:
        assert set(OUTPUT_FIELDS) <= set(record)
    assert result.records[0]["ht_risk_score"] == "0"
    assert result.records[1]["ht_lang"] == "es"


def test_custom_text_language_and_price_fields(run_command):
    chunk = [{"ad_id": "p", "txt": "Hello", "lng": "fr", "cost": "40", "med": "200"}]
    result = run_command(
        "htrisk", ["field=txt", "lang_field=lng", "price_field=cost", "median_field=med"], [chunk]
    )
    assert result.returncode == 0, result.stderr
    (record,) = result.records
    assert record["ht_lang"] == "fr"
    assert record["ht_risk_indicators"] == "price_below_median"


def test_records_in_several_chunks_all_come_back_in_order(run_command):
    chunks = [
        [{"ad_id": f"c{c}-{i}", "body": "new in town" if i % 2 else "hello"} for i in range(50)]
        for c in range(3)
    ]
    result = run_command("htrisk", [], chunks)
    assert [r["ad_id"] for r in result.records] == [r["ad_id"] for chunk in chunks for r in chunk]


def test_unknown_option_is_named_in_the_error(run_command):
    result = run_command("htrisk", ["colour=red"], [[{"body": "x"}]])
    assert result.returncode == 1
    assert any("colour" in text for text in result.errors())
