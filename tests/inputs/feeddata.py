"""Deterministic crawler records for the input tests and benchmarks (generated, not copied)."""

from __future__ import annotations

import json
from typing import Any, Dict, List, Tuple

CITIES = (("Boston", "US"), ("Madrid", "ES"), ("Melbourne", "AU"), ("Toronto", "CA"))


def make_ad(number: int, site: str = "ads.example.com") -> Dict[str, Any]:
    """A valid crawled ad; ``number`` makes its url (so its ad_id) unique."""
    city, country = CITIES[number % len(CITIES)]
    return {
        "site": site,
        "url": f"https://{site}/{city.lower()}/ad/{number}",
        "title": f"New in town {number}",
        "body": (
            f"Sweet girl new in {city}. Call or text 617-555-{number % 10000:04d}, "
            f"kik: amber{number}, email amber{number} at gmail dot com. Incall/outcall."
        ),
        "posted_at": f"2024-03-{1 + number % 28:02d}T{number % 24:02d}:15:00Z",
        "crawled_at": "2024-04-01T00:00:00Z",
        "city": city,
        "country": country,
        "price": 100 + number % 200,
        "currency": "USD",
    }


def ad_line(number: int) -> bytes:
    return json.dumps(make_ad(number)).encode("utf-8") + b"\n"


# One of each kind of bad record a crawler produces; each must become one quarantine event.
# {n} makes every planted record distinct.
BAD_RECORDS: Tuple[Tuple[str, bytes], ...] = (
    ("invalid JSON", b'{"url": "https://bad.example.com/{n}", "title": "cut'),
    ("missing url", b'{"title": "no url here {n}", "body": "text"}'),
    ("wrong type", b'{"url": {n}, "title": "number url"}'),
    ("not UTF-8", b'{"url": "https://bad.example.com/{n}/\xff\xfe", "title": "latin1 \xe9"}'),
    ("bad date", b'{"url": "https://bad.example.com/{n}", "title": "t", "posted_at": "yesterday"}'),
    ("not an object", b"[{n}, 2, 3]"),
)


def bad_line(kind: int, number: int) -> bytes:
    """A planted bad record of one kind, made distinct by ``number``, as one line."""
    _, template = BAD_RECORDS[kind % len(BAD_RECORDS)]
    return template.replace(b"{n}", str(number).encode()) + b"\n"


def ad_ids_of(events: List[Any]) -> List[str]:
    return [e.fields["ad_id"] for e in events if e.sourcetype == "htintel:ad"]
