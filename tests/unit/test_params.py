"""Stanza parameter parsing for the modular inputs (htintel.params)."""

from __future__ import annotations

import pytest

from htintel.params import check_interval, input_name, parse_bool, parse_int, validate_url


@pytest.mark.parametrize(
    "value, expected",
    [
        ("1", True),
        ("true", True),
        ("Yes", True),
        ("0", False),
        ("false", False),
        (None, True),
        ("", True),
    ],
)
def test_booleans_accept_splunk_spellings_and_default_when_empty(value, expected):
    assert parse_bool("enrich", value, default=True) is expected


@pytest.mark.parametrize(
    "value, message",
    [("maybe", "enrich must be true or false")],
)
def test_a_bad_boolean_names_the_parameter(value, message):
    with pytest.raises(ValueError, match=message):
        parse_bool("enrich", value, default=True)


@pytest.mark.parametrize(
    "value, message",
    [
        ("ten", "page_size must be a whole number from 1 to 10"),
        ("0", "must be from 1 to 10, got 0"),
    ],
)
def test_a_bad_number_names_the_parameter_and_the_range(value, message):
    with pytest.raises(ValueError, match=message):
        parse_int("page_size", value, default=5, low=1, high=10)


@pytest.mark.parametrize("value", [None, "", "60", "*/5 * * * *", "0 3 * * 1-5"])
def test_intervals_in_seconds_or_cron_are_accepted(value):
    check_interval(value)


@pytest.mark.parametrize("value", ["0", "-5", "often", "* * *"])
def test_bad_intervals_are_rejected_with_examples(value):
    with pytest.raises(ValueError, match="interval must be a number of seconds"):
        check_interval(value)


@pytest.mark.parametrize(
    "url, message",
    [
        ("ftp://x.example/a", "is not an http\\(s\\) URL"),
        ("https://", "is not an http\\(s\\) URL"),
        ("http://crawler.example.org/a", "uses plain http"),
        ("http://[::1", "is not a valid URL"),
    ],
)
def test_bad_urls_are_rejected_with_the_reason(url, message):
    with pytest.raises(ValueError, match=message):
        validate_url(url)


@pytest.mark.parametrize(
    "url", ["https://crawler.example.org/api/ads?x=1", "http://127.0.0.1:8080/a"]
)
def test_https_and_loopback_http_urls_are_accepted(url):
    assert validate_url(url) == url


def test_input_name_is_the_part_after_the_scheme():
    assert input_name("htintel_feed_http://crawler1") == "crawler1"
