"""The ad schema and parse_ad: what is accepted, what is rejected and how it is explained."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from htintel.ad import MAX_RECORD_BYTES, AdError, derive_ad_id, parse_ad, parse_timestamp

VALID = {
    "site": "example-escorts.com",
    "url": "https://boston.example-escorts.com/ads/123",
    "title": "New in town",
    "body": "Call 617 555 0123",
    "posted_at": "2024-05-01T10:00:00Z",
    "crawled_at": "2024-05-01T12:00:00+02:00",
    "city": "Boston",
    "region": "MA",
    "country": "US",
    "language": "en",
    "price": 150,
    "currency": "USD",
    "poster_name": "Bella",
    "age": 23,
    "images": [{"url": "https://img.example/1.jpg", "sha256": "A" * 64, "phash": "0f" * 8}],
}


def _json(record):
    return json.dumps(record).encode("utf-8")


def test_valid_record_becomes_a_typed_ad():
    ad = parse_ad(_json(VALID))
    assert ad.site == "example-escorts.com"
    assert ad.country == "US"
    assert ad.price == 150.0
    assert ad.age == 23
    assert ad.images[0].sha256 == "a" * 64
    assert ad.text == "New in town\nCall 617 555 0123"


def test_text_and_dict_inputs_parse_like_bytes():
    assert parse_ad(json.dumps(VALID)) == parse_ad(_json(VALID)) == parse_ad(dict(VALID))


def test_missing_ad_id_is_derived_deterministically_from_site_and_url():
    first = parse_ad(_json(VALID))
    second = parse_ad(_json(dict(VALID, title="edited title")))
    assert first.ad_id == second.ad_id == derive_ad_id(VALID["site"], VALID["url"])
    assert first.ad_id.startswith("ad-")


def test_crawler_ad_id_is_kept():
    assert parse_ad(_json(dict(VALID, ad_id="crawler-77"))).ad_id == "crawler-77"


def test_ad_id_ignores_url_case_in_host_and_fragment_but_not_in_path():
    base = derive_ad_id("s.com", "https://S.com/Ad/1")
    assert derive_ad_id("S.COM", "https://s.com/Ad/1#photos") == base
    assert derive_ad_id("s.com", "https://s.com/ad/1") != base


def test_site_is_derived_from_the_url_host_when_absent():
    record = {k: v for k, v in VALID.items() if k != "site"}
    record["url"] = "https://www.Listings.example.org/x/1"
    assert parse_ad(_json(record)).site == "listings.example.org"


def test_lowercase_country_and_currency_are_uppercased():
    ad = parse_ad(_json(dict(VALID, country="us", currency="usd")))
    assert (ad.country, ad.currency) == ("US", "USD")


def test_unknown_crawler_fields_are_kept_as_extras():
    ad = parse_ad(_json(dict(VALID, spider="backpage-v2", phone_raw="617")))
    assert ad.extra == {"spider": "backpage-v2", "phone_raw": "617"}
    assert ad.to_record()["spider"] == "backpage-v2"


def test_event_time_prefers_posted_at_then_crawled_at():
    assert parse_ad(_json(VALID)).event_time() == parse_timestamp("2024-05-01T10:00:00Z")
    no_posted = {k: v for k, v in VALID.items() if k != "posted_at"}
    assert parse_ad(_json(no_posted)).event_time() == parse_timestamp("2024-05-01T10:00:00Z")
    neither = {k: v for k, v in no_posted.items() if k != "crawled_at"}
    assert parse_ad(_json(neither)).event_time() is None


@pytest.mark.parametrize(
    ("stamp", "epoch"),
    [
        ("2024-05-01", 1714521600.0),
        ("2024-05-01T10:00", 1714557600.0),
        ("2024-05-01 10:00:00", 1714557600.0),
        ("2024-05-01T10:00:00.250Z", 1714557600.25),
        ("2024-05-01T12:00:00+02:00", 1714557600.0),
        ("2024-05-01T05:00:00-0500", 1714557600.0),
    ],
)
def test_iso_8601_forms_convert_to_epoch_seconds(stamp, epoch):
    assert parse_timestamp(stamp) == epoch


@pytest.mark.parametrize(
    ("change", "path", "words"),
    [
        ({"country": "USA"}, "/country", "expected form"),
        ({"price": -5}, "/price", "minimum"),
        ({"price": "cheap"}, "/price", "not of type"),
        ({"age": 300}, "/age", "maximum"),
        ({"age": 22.5}, "/age", "not of type"),
        ({"posted_at": "yesterday"}, "/posted_at", "expected form"),
        ({"posted_at": "2024-02-31T10:00:00Z"}, "/posted_at", "day is out of range"),
        ({"currency": "dollars"}, "/currency", "expected form"),
        ({"images": [{"sha256": "zz"}]}, "/images/0/sha256", "expected form"),
        ({"images": "img.jpg"}, "/images", "not of type"),
        ({"title": "x" * 2001}, "/title", "longer than 2,000 characters"),
        ({"url": ""}, "/url", "too short"),
    ],
)
def test_invalid_values_are_rejected_naming_their_json_path(change, path, words):
    with pytest.raises(AdError) as caught:
        parse_ad(_json(dict(VALID, **change)))
    assert caught.value.path == path
    assert words in caught.value.reason


def test_every_problem_in_a_record_is_reported():
    with pytest.raises(AdError) as caught:
        parse_ad(_json(dict(VALID, country="USA", age=-1)))
    assert [p for p, _ in caught.value.errors] == ["/age", "/country"]


@pytest.mark.parametrize(
    ("record", "path", "words"),
    [
        ({"title": "x", "body": "y"}, "", "'url' is required but missing"),
        ({"url": "https://s.com/1"}, "", "needs a title or a body"),
        ({"url": "https://s.com/1", "title": None, "body": None}, "", "needs a title or a body"),
        ({"url": "https://s.com/1", "title": "", "body": ""}, "", "needs a title or a body"),
    ],
)
def test_missing_required_fields_are_named(record, path, words):
    with pytest.raises(AdError) as caught:
        parse_ad(_json(record))
    assert caught.value.path == path
    assert words in str(caught.value)


def test_record_over_the_size_cap_is_rejected_before_parsing():
    huge = _json(dict(VALID, body="x" * MAX_RECORD_BYTES))
    with pytest.raises(AdError) as caught:
        parse_ad(huge)
    assert caught.value.path == ""
    assert "limit is 1,048,576" in caught.value.reason


def test_long_body_within_the_record_cap_is_rejected_at_its_field():
    with pytest.raises(AdError) as caught:
        parse_ad(_json(dict(VALID, body="x" * 100_001)))
    assert caught.value.path == "/body"


def test_non_utf8_bytes_are_rejected_with_the_byte_offset():
    raw = b'{"url": "https://s.com/1", "body": "caf\xe9"}'
    with pytest.raises(AdError) as caught:
        parse_ad(raw)
    assert caught.value.path == ""
    offset = raw.index(b"\xe9")
    assert f"not valid UTF-8 at byte {offset}" in caught.value.reason


def test_utf8_bom_is_accepted():
    assert parse_ad(b"\xef\xbb\xbf" + _json(VALID)).site == VALID["site"]


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        (b"", "not valid JSON"),
        (b'{"url": "https://s.com/1", "body": "trunc', "not valid JSON"),
        (b"[1, 2]", "expected a JSON object, got list"),
        (b"null", "expected a JSON object, got NoneType"),
        (b"[" * 100_000, "not valid JSON"),
    ],
)
def test_malformed_json_is_rejected_with_a_reason(raw, words):
    with pytest.raises(AdError) as caught:
        parse_ad(raw)
    assert words in caught.value.reason


@given(st.binary(max_size=300))
def test_any_byte_string_is_either_an_ad_or_an_ad_error(raw):
    try:
        parse_ad(raw)
    except AdError as error:
        assert error.reason


@given(
    st.dictionaries(
        st.sampled_from(["url", "title", "body", "country", "age", "price", "images", "x"]),
        st.one_of(
            st.none(), st.text(max_size=5), st.integers(), st.floats(), st.lists(st.integers())
        ),
    )
)
def test_any_json_object_is_either_an_ad_or_an_ad_error(record):
    try:
        parse_ad(json.dumps(record))
    except AdError as error:
        assert error.reason
