"""The validated ad: one parse function from a raw crawler record to a typed ``Ad``.

``parse_ad`` is the only gate between crawler output and the rest of HT Intel. It either
returns an ``Ad`` or raises ``AdError`` whose ``path`` is the JSON pointer of the offending
value (``""`` for the whole record) and whose ``reason`` says what is wrong, so a
quarantined record can be fixed at its source.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any, Dict, List, Mapping, Optional, Tuple, Union
from urllib.parse import urlsplit

from jsonschema import Draft202012Validator

from htintel.schema import load_ad_schema
from htintel.schema.fastcheck import compile_schema

# A crawled ad is a few KB; anything near this is a crawler bug or an attack.
MAX_RECORD_BYTES = 1024 * 1024

# Fields of the contract, in the order events carry them.
AD_FIELDS = (
    "ad_id",
    "site",
    "url",
    "title",
    "body",
    "posted_at",
    "crawled_at",
    "city",
    "region",
    "country",
    "language",
    "price",
    "currency",
    "poster_name",
    "age",
    "images",
)

_SCHEMA = load_ad_schema()
_VALIDATOR = Draft202012Validator(_SCHEMA)
# Answers valid/invalid in a few µs; jsonschema explains the rejects (see fastcheck).
_IS_VALID = compile_schema(_SCHEMA)


class AdError(ValueError):
    """A record that is not a valid ad. ``errors`` holds every (path, reason) found."""

    def __init__(self, errors: List[Tuple[str, str]]):
        self.errors = errors
        self.path, self.reason = errors[0]
        super().__init__("; ".join(f"{p or '/'}: {r}" for p, r in errors))


@dataclass(frozen=True)
class Image:
    url: Optional[str] = None
    sha256: Optional[str] = None
    phash: Optional[str] = None


@dataclass(frozen=True)
class Ad:
    ad_id: str
    site: str
    url: str
    title: str = ""
    body: str = ""
    posted_at: Optional[str] = None
    crawled_at: Optional[str] = None
    city: Optional[str] = None
    region: Optional[str] = None
    country: Optional[str] = None
    language: Optional[str] = None
    price: Optional[float] = None
    currency: Optional[str] = None
    poster_name: Optional[str] = None
    age: Optional[int] = None
    images: Tuple[Image, ...] = ()
    # Crawler fields outside the contract, kept so nothing the crawler saw is lost.
    extra: Mapping[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def text(self) -> str:
        """Title and body as one text, the input of extraction and scoring."""
        if self.title and self.body:
            return self.title + "\n" + self.body
        return self.title or self.body

    def event_time(self) -> Optional[float]:
        """Epoch seconds for Splunk's _time: posted_at, else crawled_at, else None."""
        for stamp in (self.posted_at, self.crawled_at):
            if stamp:
                return parse_timestamp(stamp)
        return None

    def to_record(self) -> Dict[str, Any]:
        """The ad as a JSON-ready dict: contract fields first (None omitted), then extras."""
        record: Dict[str, Any] = {}
        for name in AD_FIELDS:
            value = getattr(self, name)
            if name == "images":
                if value:
                    record["images"] = [
                        {k: v for k, v in vars(image).items() if v is not None} for image in value
                    ]
            elif value is not None and value != "":
                record[name] = value
        for name, value in self.extra.items():
            record.setdefault(name, value)
        return record


def derive_ad_id(site: str, url: str) -> str:
    """Deterministic ad id from site and url, so a re-crawled ad keeps its id.

    >>> derive_ad_id("example.com", "https://example.com/ad/1")
    'ad-20f7f97e7e77e3433894'
    """
    key = site.strip().lower() + "\x1f" + _canonical_url(url)
    return "ad-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


def _canonical_url(url: str) -> str:
    # Scheme and host are case-insensitive and a fragment never names another page.
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if not parts.scheme or not parts.netloc:
        return url
    path = parts.path or "/"
    query = "?" + parts.query if parts.query else ""
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}{path}{query}"


def site_of(url: str) -> str:
    """The host of a URL, lowercase, without a leading ``www.``; '' when it has none."""
    try:
        host = urlsplit(url.strip()).hostname or ""
    except ValueError:
        return ""
    return host[4:] if host.startswith("www.") else host


_TIMESTAMP = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})"
    r"(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?([Zz]|[+-]\d{2}(?::?\d{2})?)?)?\Z"
)


def parse_timestamp(stamp: str) -> float:
    """Epoch seconds of an ISO 8601 date or date-time; no offset means UTC.

    Raises ValueError for anything else, including impossible dates.
    """
    match = _TIMESTAMP.match(stamp.strip())
    if not match:
        raise ValueError(f"not an ISO 8601 date-time: {stamp[:40]!r}")
    year, month, day, hour, minute, second, fraction, offset = match.groups()
    tz = timezone.utc
    if offset and offset not in ("Z", "z"):
        sign = -1 if offset[0] == "-" else 1
        digits = offset[1:].replace(":", "")
        minutes = int(digits[:2]) * 60 + (int(digits[2:4]) if len(digits) > 2 else 0)
        tz = timezone(sign * timedelta(minutes=minutes))
    moment = datetime(
        int(year),
        int(month),
        int(day),
        int(hour or 0),
        int(minute or 0),
        int(second or 0),
        int((fraction or "0")[:6].ljust(6, "0")),
        tzinfo=tz,
    )
    return moment.timestamp()


RawRecord = Union[bytes, str, Mapping[str, Any]]


def parse_ad(raw: RawRecord) -> Ad:
    """Validate one crawler record (JSON bytes, JSON text or a decoded dict) into an Ad.

    Raises AdError naming the JSON path and the reason of every problem found.
    """
    record = _decode(raw)
    record = _normalise(record)
    if not _IS_VALID(record):
        errors = sorted(_VALIDATOR.iter_errors(record), key=lambda e: list(e.absolute_path))
        raise AdError([(_pointer(e.absolute_path), _reason(e)) for e in errors])
    for name in ("posted_at", "crawled_at"):
        if record.get(name):
            try:
                parse_timestamp(record[name])
            except ValueError as error:
                raise AdError([("/" + name, str(error))]) from None
    return _build(record)


def _decode(raw: RawRecord) -> Dict[str, Any]:
    if isinstance(raw, Mapping):
        return dict(raw)
    size = len(raw)
    if size > MAX_RECORD_BYTES:
        raise AdError([("", f"record is {size:,} bytes; the limit is {MAX_RECORD_BYTES:,}")])
    if isinstance(raw, bytes):
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise AdError(
                [
                    (
                        "",
                        f"not valid UTF-8 at byte {error.start}: {raw[error.start : error.start + 4]!r}",
                    )
                ]
            ) from None
    else:
        text = raw[1:] if raw.startswith("\ufeff") else raw
    try:
        value = json.loads(text)
    except (ValueError, RecursionError) as error:
        raise AdError([("", f"not valid JSON: {error}")]) from None
    if not isinstance(value, dict):
        raise AdError([("", f"expected a JSON object, got {type(value).__name__}")])
    return value


def _normalise(record: Dict[str, Any]) -> Dict[str, Any]:
    # Forgiving only where intent is unambiguous; everything else is the schema's call.
    country = record.get("country")
    if isinstance(country, str) and len(country.strip()) == 2:
        record["country"] = country.strip().upper()
    currency = record.get("currency")
    if isinstance(currency, str) and len(currency.strip()) == 3:
        record["currency"] = currency.strip().upper()
    return record


def _pointer(path: Any) -> str:
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in path)


def _reason(error: Any) -> str:
    if error.validator == "required":
        return error.message.replace("is a required property", "is required but missing")
    if error.validator == "anyOf" and not error.absolute_path:
        return "needs a title or a body; it has neither"
    if error.validator == "maxLength":
        return f"longer than {error.validator_value:,} characters"
    if error.validator == "pattern":
        return f"{_short(error.instance)} does not match the expected form {error.validator_value}"
    if error.validator == "type":
        return f"{_short(error.instance)} is not of type {error.validator_value}"
    return error.message if len(error.message) < 300 else error.message[:300] + "..."


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _build(record: Dict[str, Any]) -> Ad:
    url = record["url"].strip()
    site = (record.get("site") or site_of(url) or "unknown").strip().lower()
    ad_id = record.get("ad_id") or derive_ad_id(site, url)
    images = tuple(
        Image(url=i.get("url"), sha256=_lower(i.get("sha256")), phash=_lower(i.get("phash")))
        for i in (record.get("images") or ())
    )
    price = record.get("price")
    extra = {k: v for k, v in record.items() if k not in AD_FIELDS}
    return Ad(
        ad_id=str(ad_id),
        site=site,
        url=url,
        title=record.get("title") or "",
        body=record.get("body") or "",
        posted_at=record.get("posted_at") or None,
        crawled_at=record.get("crawled_at") or None,
        city=record.get("city") or None,
        region=record.get("region") or None,
        country=record.get("country") or None,
        language=record.get("language") or None,
        price=float(price) if price is not None else None,
        currency=record.get("currency") or None,
        poster_name=record.get("poster_name") or None,
        age=record.get("age"),
        images=images,
        extra=extra,
    )


def _lower(value: Optional[str]) -> Optional[str]:
    return value.lower() if value else None
