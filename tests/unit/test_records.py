"""Reading splunklib records: a field's first value and an ad's text."""

from __future__ import annotations

import pytest

from htintel.records import ad_text, field_text, first_value


@pytest.mark.parametrize(
    "value, expected",
    [
        ("US", "US"),
        ("", ""),
        (["US", "GB"], "US"),
        ([], ""),
        (None, ""),
        ([None], ""),
        (42, ""),
    ],
)
def test_first_value_reads_single_and_multivalue_fields(value, expected):
    assert first_value(value) == expected


@pytest.mark.parametrize(
    "value, expected",
    [("one", "one"), (["one", "two"], "one\ntwo"), (["one", None], "one"), (None, "")],
)
def test_field_text_joins_every_value_of_a_multivalue_field(value, expected):
    assert field_text(value) == expected


@pytest.mark.parametrize(
    "record, expected",
    [
        ({"title": "Hi", "body": "Call 617", "_raw": "raw"}, "Hi\nCall 617"),
        ({"title": "Hi", "body": "", "_raw": "raw"}, "Hi"),
        ({"body": "Call 617", "_raw": "raw"}, "Call 617"),
        ({"title": ["Hi", "again"], "body": "Call"}, "Hi\nCall"),
        ({"title": "", "body": "", "_raw": "raw text"}, "raw text"),
        ({}, ""),
    ],
)
def test_ad_text_is_title_and_body_else_raw(record, expected):
    assert ad_text(record) == expected


def test_ad_text_reads_only_the_named_field_when_given():
    record = {"title": "Hi", "body": "Call", "message": ["first", "second"]}
    assert ad_text(record, "message") == "first\nsecond"
    assert ad_text(record, "missing") == ""
