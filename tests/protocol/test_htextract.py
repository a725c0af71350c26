"""htextract through the chunked protocol v2, from the built package, on Splunk's Pythons."""

from __future__ import annotations

OUTPUT_FIELDS = (
    "ht_phone",
    "ht_email",
    "ht_wallet",
    "ht_handle",
    "ht_url",
    "ht_ids",
    "ht_id_count",
)


def test_getinfo_declares_a_streaming_command(run_command):
    result = run_command("htextract", [], [[{"body": "nothing here"}]])
    assert result.returncode == 0, result.stderr
    assert result.getinfo["type"] == "streaming"


def test_email_in_body_becomes_typed_identifier(run_command):
    result = run_command(
        "htextract", [], [[{"ad_id": "a1", "body": "write to Bella.Rose@Gmail.com"}]]
    )
    assert result.returncode == 0, result.stderr
    (record,) = result.records
    assert record["ht_email"] == "bella.rose@gmail.com"
    assert record["ht_ids"] == "email:bella.rose@gmail.com"
    assert record["ht_id_count"] == "1"


def test_every_output_field_is_set_even_when_nothing_is_found(run_command):
    chunk = [{"ad_id": "a1", "body": "no identifiers"}, {"ad_id": "a2", "body": "x@example.org"}]
    result = run_command("htextract", [], [chunk])
    assert [r["ad_id"] for r in result.records] == ["a1", "a2"]
    for record in result.records:
        assert set(OUTPUT_FIELDS) <= set(record)
    assert result.records[1]["ht_email"] == "x@example.org"


def test_multivalue_input_and_output_round_trip(run_command):
    body = ["first a@example.org", "then b@example.net and a@example.org"]
    result = run_command(
        "htextract", ["field=body"], [[{"ad_id": "mv", "body": body, "tags": ["x", "y$z"]}]]
    )
    assert result.returncode == 0, result.stderr
    (record,) = result.records
    assert record["tags"] == ["x", "y$z"]
    assert record["ht_email"] == ["a@example.org", "b@example.net"]
    assert record["ht_id_count"] == "2"


def test_records_in_several_chunks_all_come_back_in_order(run_command):
    chunks = [
        [{"ad_id": f"c{c}-{i}", "body": f"u{i}@example.org"} for i in range(50)] for c in range(3)
    ]
    result = run_command("htextract", [], chunks)
    assert [r["ad_id"] for r in result.records] == [r["ad_id"] for chunk in chunks for r in chunk]


def test_bad_types_option_error_reaches_getinfo_reply(run_command):
    result = run_command("htextract", ["types=phone,fax"], [[{"body": "x"}]])
    assert result.returncode == 1
    errors = [
        text
        for level, text in result.getinfo.get("inspector", {}).get("messages", [])
        if level == "ERROR"
    ]
    assert errors and "types" in errors[0] and "phone" in errors[0] and "fax" in errors[0]


def test_unknown_option_is_named_in_the_error(run_command):
    result = run_command("htextract", ["colour=red"], [[{"body": "x"}]])
    assert result.returncode == 1
    assert any("colour" in text for text in result.errors())


def test_obfuscated_phone_is_found_with_the_country_hint(run_command):
    body = "Hey gentlemen, new in town, call or text six one 7 - 5five5 - O1 23, no law enforcement"
    result = run_command("htextract", [], [[{"ad_id": "p1", "body": body, "country": "US"}]])
    assert result.returncode == 0, result.stderr
    (record,) = result.records
    assert record["ht_phone"] == "+16175550123"
    assert record["ht_ids"] == "phone:+16175550123"


def test_phone_region_comes_from_city_then_url_host(run_command):
    chunk = [
        {"ad_id": "city", "body": "text 617 555 0123", "city": "Boston"},
        {"ad_id": "host", "body": "call 0412 345 678", "url": "https://melbourne.example.com/ad/1"},
        {"ad_id": "none", "body": "text 617 555 0123"},
    ]
    result = run_command("htextract", [], [chunk])
    assert result.returncode == 0, result.stderr
    phones = {r["ad_id"]: r["ht_phone"] for r in result.records}
    assert phones == {"city": "+16175550123", "host": "+61412345678", "none": ""}


def test_country_field_option_names_the_region_field(run_command):
    chunk = [
        {
            "ad_id": "cc",
            "body": "zéro six, douze, trente-quatre, cinquante-six, soixante-dix-huit",
            "cc": "FR",
        }
    ]
    result = run_command("htextract", ["country_field=cc", "types=phone"], [chunk])
    assert result.returncode == 0, result.stderr
    (record,) = result.records
    assert record["ht_phone"] == "+33612345678"
    assert record["ht_email"] == ""


def test_hostile_input_neither_crashes_nor_stalls(run_command):
    chunk = [
        {"ad_id": "huge", "body": "call 617-555-0123 " + "six " * 25_000, "country": "US"},
        {
            "ad_id": "controls",
            "body": "\x01\x02\x1b[31m 617\x0b555\x0c0123 \x7f\u200b\ufeff",
            "country": "US",
        },
        {"ad_id": "quotes", "body": '"""\r\n,,,$$;$', "country": "US"},
        {"ad_id": "emoji", "body": "💋" * 10_000 + "1️⃣" * 20},
        {"ad_id": "empty", "body": ""},
    ]
    result = run_command("htextract", [], [chunk])
    assert result.returncode == 0, result.stderr
    assert [r["ad_id"] for r in result.records] == ["huge", "controls", "quotes", "emoji", "empty"]
    assert result.records[0]["ht_phone"] == "+16175550123"
    for record in result.records:
        assert record["ht_id_count"].isdigit()


def test_nul_characters_in_text_do_not_crash(run_command):
    result = run_command(
        "htextract",
        [],
        [[{"ad_id": "nul", "body": "617\x00555\x000123 call 617-555-0123", "country": "US"}]],
    )
    assert result.returncode == 0, result.stderr
    assert result.records[0]["ht_phone"] == "+16175550123"
