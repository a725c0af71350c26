"""Reading Splunk search results as splunklib hands them over: plain dicts of str or list.

The search commands share these so that "the ad's text" and "a field's value" mean the
same in htextract, htrisk and htlink.
"""

from __future__ import annotations

from typing import Any, Mapping, Optional

# The ad's own text fields, in the order they are joined.
TEXT_FIELDS = ("title", "body")
_TITLE_FIELD, _BODY_FIELD = TEXT_FIELDS


def first_value(value: Any) -> str:
    """A multivalue field's first value (splunklib gives multivalues as lists); '' if none."""
    if type(value) is str:  # the common case, tested first: this runs for every field read
        return value
    if isinstance(value, list):
        value = value[0] if value else ""
    return value if isinstance(value, str) else ""


def field_text(value: Any) -> str:
    """A field's whole text: the values of a multivalue field joined by newlines."""
    if isinstance(value, list):
        return "\n".join(v for v in value if isinstance(v, str))
    return value if isinstance(value, str) else ""


def ad_text(record: Mapping[str, Any], field: Optional[str] = None) -> str:
    """The text to analyse: ``field`` when given, else title and body, else ``_raw``."""
    if field:
        return field_text(record.get(field, ""))
    title = first_value(record.get(_TITLE_FIELD))
    body = first_value(record.get(_BODY_FIELD))
    if title and body:
        return title + "\n" + body
    return title or body or first_value(record.get("_raw"))
