"""The compiled fast check agrees with jsonschema, the authority, on every record."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from htintel.schema import load_ad_schema
from htintel.schema.fastcheck import compile_schema

SCHEMA = load_ad_schema()
AUTHORITY = Draft202012Validator(SCHEMA)
FAST = compile_schema(SCHEMA)

values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-5, max_value=300),
    st.floats(allow_nan=False, min_value=-5, max_value=300),
    st.sampled_from(["", "US", "us", "USD", "2024-05-01", "2024-05-01T10:00:00Z", "a" * 64]),
    st.text(max_size=8),
    st.lists(
        st.dictionaries(st.sampled_from(["url", "sha256", "phash"]), st.text(max_size=3)),
        max_size=2,
    ),
)
records = st.dictionaries(
    st.sampled_from(
        ["url", "title", "body", "country", "currency", "age", "price", "posted_at", "images", "x"]
    ),
    values,
)


@settings(max_examples=800)
@given(records)
def test_fast_check_agrees_with_jsonschema(record):
    assert FAST(record) == AUTHORITY.is_valid(record)


@pytest.mark.parametrize("keyword", ["oneOf", "const", "enum", "format"])
def test_unsupported_keywords_fail_at_compile_time(keyword):
    with pytest.raises(ValueError, match=keyword):
        compile_schema({"type": "object", "properties": {"a": {keyword: 1}}})
