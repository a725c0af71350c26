"""Stanza parameter values for the modular inputs: booleans, bounded numbers, intervals, URLs.

Kept apart from the feed readers so that ``--scheme`` and ``--validate-arguments``, which
splunkd waits on, answer without importing the schema validator and the extractors.
Every error message names the parameter and what it accepts: it reaches the admin's screen.
"""

from __future__ import annotations

from typing import Optional, Tuple
from urllib.parse import urlsplit

DEFAULT_PATTERNS: Tuple[str, ...] = ("*.jsonl", "*.jsonl.gz", "*.json")
# The largest record htintel.ad accepts (MAX_RECORD_BYTES; a unit test keeps them equal).
MAX_LINE_BYTES_LIMIT = 1024 * 1024
MIN_LINE_BYTES = 1024
DEFAULT_PAGE_SIZE = 500
MAX_PAGE_SIZE = 10_000
PASSWORD_REALM = "htintel_feed_http"

_TRUE = frozenset({"1", "true", "t", "yes", "y", "on"})
_FALSE = frozenset({"0", "false", "f", "no", "n", "off"})


def parse_bool(name: str, value: Optional[str], default: bool) -> bool:
    """A Splunk boolean parameter (1/0, true/false, yes/no); ValueError naming it otherwise."""
    if value is None or str(value).strip() == "":
        return default
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError(f"{name} must be true or false (or 1/0, yes/no), got {value!r}")


def parse_int(name: str, value: Optional[str], default: int, low: int, high: int) -> int:
    """An integer parameter within [low, high]; ValueError naming it and the range otherwise."""
    if value is None or str(value).strip() == "":
        return default
    try:
        number = int(str(value).strip())
    except ValueError:
        raise ValueError(
            f"{name} must be a whole number from {low} to {high}, got {value!r}"
        ) from None
    if not low <= number <= high:
        raise ValueError(f"{name} must be from {low} to {high}, got {number}")
    return number


def check_interval(value: Optional[str]) -> None:
    """Accept an inputs.conf interval: seconds (>= 1) or a 5-field cron schedule."""
    if value is None or str(value).strip() == "":
        return
    text = str(value).strip()
    if text.isdigit() and int(text) >= 1:
        return
    fields = text.split()
    if len(fields) == 5 and all(set(f) <= set("0123456789*/,-") for f in fields):
        return
    raise ValueError(
        f"interval must be a number of seconds (e.g. 300) or a cron schedule "
        f"(e.g. */5 * * * *), got {value!r}"
    )


def input_name(stanza: str) -> str:
    """The name part of a stanza (``htintel_feed_http://crawler1`` -> ``crawler1``)."""
    return stanza.split("://", 1)[1] if "://" in stanza else stanza


def parse_patterns(text: str) -> Tuple[str, ...]:
    """A comma-separated glob list ("*.jsonl, *.json") as a tuple; empty items dropped."""
    return tuple(p.strip() for p in text.split(",") if p.strip())


def validate_url(url: str) -> str:
    """The URL if the input may poll it, else ValueError with a message for the admin.

    https is required; plain http only for a loopback host (a local crawler or a test).
    """
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname
    except ValueError as error:
        raise ValueError(f"url {url!r} is not a valid URL: {error}") from None
    if parts.scheme not in ("http", "https") or not host:
        raise ValueError(
            f"url {url!r} is not an http(s) URL with a host, e.g. https://crawler.example.org/api/ads"
        )
    if parts.scheme == "http" and host not in ("localhost", "127.0.0.1", "::1"):
        raise ValueError(
            f"url {url!r} uses plain http; use https so the bearer token is not sent in clear "
            "(http is accepted only for localhost)"
        )
    return url.strip()
