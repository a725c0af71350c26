"""Identifier extraction: the phones, emails, wallets, handles and URLs in an ad's text.

``extract`` is the single entry point used by htextract, the ingestion enrichment and the
CLI. The text is normalised once by the shared de-obfuscation layer (``deobfuscate``), then
each finder reads it. Values come back in the typed forms DESIGN.md fixes (``phone:+E164``,
``email:...``, ``btc:``/``eth:``, ``<platform>:handle``), deduplicated, in order of first
appearance.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from types import MappingProxyType
from typing import Any, Dict, FrozenSet, List, Mapping, NamedTuple, Optional, Tuple

from htintel.extract import deobfuscate, emails, handles, phones, urls, wallets

IDENTIFIER_TYPES: FrozenSet[str] = frozenset({"phone", "email", "wallet", "handle", "url"})

# Extraction time grows with text length; longer text is cut here (documented in README).
MAX_TEXT_CHARS = deobfuscate.MAX_TEXT_CHARS

# Country-code TLDs whose sites are not tied to the country (.co, .io, .tv ...), and the
# one ccTLD that differs from its ISO code.
_GENERIC_CCTLDS = frozenset({"co", "io", "tv", "me", "ai", "ly", "fm", "ws", "cc", "to", "nu", "la", "am", "gg", "so", "sh", "ac", "im", "vc", "bz", "st", "su", "eu"})  # fmt: skip
_CCTLD_REGIONS: Mapping[str, str] = MappingProxyType({"uk": "GB"})
MIN_HOST_CITY_POPULATION = 100_000
_HOST_FILLER_LABELS = frozenset({"www", "m", "mobile", "com", "net", "org", "co", "gov", "edu", "ads", "ad"})  # fmt: skip


class Extraction(NamedTuple):
    """The identifiers of one text, by type (immutable; a NamedTuple because one is built per
    ad and a frozen dataclass costs twice as much to construct)."""

    phones: Tuple[str, ...] = ()  # E.164, e.g. "+16175550123"
    emails: Tuple[str, ...] = ()  # lowercase address
    wallets: Tuple[str, ...] = ()  # "btc:..." / "eth:..."
    handles: Tuple[str, ...] = ()  # "platform:handle"
    urls: Tuple[str, ...] = ()  # URLs and bare domains other than the ad's own site

    @property
    def ids(self) -> Tuple[str, ...]:
        """Every identifier as a typed value, the input of linking."""
        return tuple(_typed_ids(self))


_NOTHING = Extraction()


def _typed_ids(found: Extraction) -> List[str]:
    ids = ["phone:" + phone for phone in found.phones]
    ids += ["email:" + email for email in found.emails]
    ids += found.wallets
    ids += found.handles
    return ids


def _region_of_city(city: str) -> Optional[str]:
    from htintel import geo  # on first use: most feeds give the country, and it costs start-up

    place = geo.resolve(city)
    return place.country.upper() if place is not None and place.country else None


def _squashed(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name.lower())
    return "".join(c for c in decomposed if c.isalnum() and not unicodedata.combining(c))


def _region_of_host_label(label: str) -> Optional[str]:
    """Region of a city-named host label ("melbourne", "new-york"), exact names of big cities only.

    Host labels are brand names as often as city names, so the fuzzy matching that suits a
    crawled city field would turn "example" into a village; only a city of at least
    MIN_HOST_CITY_POPULATION whose name the label spells counts.
    """
    from htintel import geo

    place = geo.resolve(label.replace("-", " "))
    if place is None or place.population < MIN_HOST_CITY_POPULATION or not place.country:
        return None
    name, wanted = _squashed(place.name), _squashed(label)
    if len(wanted) < 4 or not name.startswith(wanted):
        return None
    return place.country.upper()


@lru_cache(maxsize=4096)
def _region_of_host(host: str) -> Optional[str]:
    """Region from a site host: a city label ("melbourne.example.com") or a ccTLD (".com.au")."""
    labels = [label for label in host.split(".") if label]
    if len(labels) < 2:
        return None
    for label in labels[:-1]:
        if label in _HOST_FILLER_LABELS or label.isdigit():
            continue
        region = _region_of_host_label(label)
        if region is not None:
            return region
    tld = labels[-1]
    if len(tld) == 2 and tld.isalpha() and tld not in _GENERIC_CCTLDS:
        region = _CCTLD_REGIONS.get(tld, tld.upper())
        return region if phones.region_is_supported(region) else None
    return None


def region_hint(
    country: Optional[str] = None, city: Optional[str] = None, url: Optional[str] = None
) -> Optional[str]:
    """Phone region (ISO2) for an ad: its country, else its city, else its URL's host, else None.

    Example: ``region_hint(url="https://melbourne.example.com/ad/1") == "AU"``.
    """
    region = _region_of_place(country or None, city or None)
    if region is None and url and len(url) <= 2048:
        region = _region_of_host(urls.host_of(url))
    return region


@lru_cache(maxsize=4096)
def _region_of_place(country: Optional[str], city: Optional[str]) -> Optional[str]:
    if country:
        code = country.strip().upper()
        if code == "UK":
            code = "GB"
        if phones.region_is_supported(code):
            return code
    if city and len(city) <= 200:
        region = _region_of_city(city)
        if phones.region_is_supported(region):
            return region
    return None


# Feeds repost the same ad word for word, across sites, cities and days: what was found in
# the last AD_CACHE_SIZE texts (of up to MAX_CACHED_AD_CHARS each, which bounds the memory)
# is kept, all but the URLs, which depend on the site an ad is posted on.
AD_CACHE_SIZE = 4096
MAX_CACHED_AD_CHARS = 4000


def extract(
    text: str,
    *,
    country: Optional[str] = None,
    city: Optional[str] = None,
    url: Optional[str] = None,
    types: FrozenSet[str] = IDENTIFIER_TYPES,
) -> Extraction:
    """All identifiers of the requested types in ``text`` (capped at MAX_TEXT_CHARS).

    ``country`` (ISO2), ``city`` and ``url`` give the phone region hint in that order of
    preference; ``url``'s host is also left out of ``urls``. Never raises on any string.
    Example: ``extract("six one 7 - 5five5 - O1 23", country="US").phones == ("+16175550123",)``.
    """
    if not text:
        return _NOTHING
    region = region_hint(country, city, url) if "phone" in types else None
    if len(text) <= MAX_CACHED_AD_CHARS:
        clean, found = _cached_site_free_extraction(text, region, types)
    else:
        clean, found = _site_free_extraction(text, region, types)
    if "url" not in types:
        return found
    return Extraction(*found[:4], urls.find_urls(clean, url))


def _site_free_extraction(
    text: str, region: Optional[str], types: FrozenSet[str]
) -> Tuple[str, Extraction]:
    """(normalised text, what ``extract`` finds but the URLs) for a phone region."""
    clean = deobfuscate.normalize(text)
    want_phones = "phone" in types
    found_handles: Optional[handles.HandleMatches] = None
    # The handle finder also reads messenger links (wa.me/...), which hold phone numbers.
    if "handle" in types or (want_phones and "wa" in clean.lower()):
        found_handles = handles.find_handles(clean)
    found_phones: Tuple[str, ...] = ()
    if want_phones:
        found_phones = phones.find_phones(clean, region)
        if found_handles is not None and found_handles.phone_candidates:
            for number in phones.validate_candidates(found_handles.phone_candidates):
                if number not in found_phones:
                    found_phones += (number,)
    return clean, Extraction(
        found_phones,
        emails.find_emails(clean) if "email" in types else (),
        wallets.find_wallets(clean) if "wallet" in types else (),
        found_handles.handles if found_handles is not None and "handle" in types else (),
    )


_cached_site_free_extraction = lru_cache(maxsize=AD_CACHE_SIZE)(_site_free_extraction)


# The htextract output fields, in the order extraction_values gives them.
EXTRACTION_FIELDS: Tuple[str, ...] = (
    "ht_phone",
    "ht_email",
    "ht_wallet",
    "ht_handle",
    "ht_url",
    "ht_ids",
    "ht_id_count",
)


def extraction_values(found: Extraction) -> Tuple[Any, ...]:
    """The values of EXTRACTION_FIELDS for one Extraction (tuples for the multivalues)."""
    ids = _typed_ids(found)
    return (*found, ids, len(ids))


def extraction_fields(found: Extraction) -> Dict[str, Any]:
    """The htextract output fields (ht_phone ... ht_id_count) of one Extraction.

    The one mapping shared by the htextract command and ingest-time enrichment, so both
    give dashboards the same fields.
    """
    return dict(zip(EXTRACTION_FIELDS, extraction_values(found)))
