"""The combined entry point: one normalisation, every finder, region hints, accuracy bar."""

from __future__ import annotations

import phonenumbers
import pytest
from devset_scoring import load_devset, score_devset
from hypothesis import given, settings
from hypothesis import strategies as st

from htintel.extract import (
    IDENTIFIER_TYPES,
    MAX_CACHED_AD_CHARS,
    MAX_TEXT_CHARS,
    Extraction,
    extract,
    region_hint,
)

DEVSET = load_devset()
BACKPAGE_STYLE = (
    "Hey gentlemen, new in town, 100% real pics, call or text six one 7 - 5five5 - O1 23, "
    "no law enforcement. kik: sweetamber22, bella dot rose at gmail dot com"
)


def test_backpage_style_ad_yields_every_identifier_typed():
    found = extract(BACKPAGE_STYLE, country="US")
    assert found.phones == ("+16175550123",)
    assert found.emails == ("bella.rose@gmail.com",)
    assert "kik:sweetamber22" in found.handles
    assert found.ids[:2] == ("phone:+16175550123", "email:bella.rose@gmail.com")


@pytest.mark.parametrize(
    ("hints", "region"),
    [
        ({"country": "us"}, "US"),
        ({"country": "UK"}, "GB"),
        ({"country": "XX", "city": "Paris"}, "FR"),
        ({"city": "Melbourne"}, "AU"),
        ({"url": "https://melbourne.example.com/ads/1"}, "AU"),
        ({"url": "https://www.example.co.uk/x"}, "GB"),
        ({"url": "http://escorts.example.com.au"}, "AU"),
        ({"url": "example.de/anzeige/1"}, "DE"),
        ({"url": "https://example.com/boston/1"}, None),
        ({"url": "https://example.io"}, None),
        ({"url": "http://[::1"}, None),
        ({}, None),
    ],
)
def test_region_hint_comes_from_country_then_city_then_url_host(hints, region):
    assert region_hint(**hints) == region


@pytest.mark.parametrize(
    ("hints", "expected"),
    [
        ({"country": "US"}, ("+16175550123",)),
        ({"city": "Boston"}, ("+16175550123",)),
        ({"url": "https://boston.example.com/ad/7"}, ("+16175550123",)),
        ({}, ()),  # national form without any hint is ambiguous
    ],
)
def test_phone_region_follows_the_hint(hints, expected):
    assert extract("text 617 555 0123", **hints).phones == expected


def test_ads_own_site_is_not_reported_as_a_url():
    found = extract(
        "see boston.example.com/ad/7 and www.bella.com", url="https://boston.example.com/ad/7"
    )
    assert found.urls == ("www.bella.com",)


REPOSTED_AD = "New in town! Call 617 555 0123, or see bella.example.net and site1.example.com/x"


def test_a_reposted_ad_keeps_each_posting_own_site_and_region():
    # Whole results are remembered per text; the site and the region are part of the key.
    on_site1 = extract(REPOSTED_AD, country="US", url="https://site1.example.com/ad/1")
    on_site2 = extract(REPOSTED_AD, country="US", url="https://site2.example.org/ad/9")
    in_australia = extract(REPOSTED_AD, country="AU", url="https://site1.example.com/ad/1")
    assert on_site1.urls == ("bella.example.net",)
    assert on_site2.urls == ("bella.example.net", "site1.example.com/x")
    assert on_site1.phones == on_site2.phones == ("+16175550123",)
    assert in_australia.phones == ()  # 617 555 0123 is no Australian number
    assert extract(REPOSTED_AD, country="US", url="https://site1.example.com/ad/2") == on_site1
    assert extract(REPOSTED_AD, country="US", types=frozenset({"url"})) == Extraction(
        urls=("bella.example.net", "site1.example.com/x")
    )


def test_ads_too_long_to_remember_are_read_the_same_way():
    long_ad = REPOSTED_AD + " " + "x" * MAX_CACHED_AD_CHARS
    hints = {"country": "US", "url": "https://site1.example.com/ad/1"}
    assert extract(long_ad, **hints) == extract(REPOSTED_AD, **hints)


def test_only_requested_types_are_extracted():
    found = extract(BACKPAGE_STYLE, country="US", types=frozenset({"email"}))
    assert found == Extraction(emails=("bella.rose@gmail.com",))


def test_whatsapp_link_numbers_count_as_phones_even_without_handles():
    found = extract("book me https://wa.me/447912345678", types=frozenset({"phone"}))
    assert found.phones == ("+447912345678",)


def test_turkish_dotted_capital_i_reads_as_i_in_every_finder():
    found = extract("İnstagram.com/bella_ist? İKİ bella at web.de", country="TR")
    assert found.handles == ("instagram:bella_ist",)
    assert found.urls == ("instagram.com/bella_ist",)
    assert found.emails == ("bella@web.de",)


def test_text_beyond_the_cap_is_not_searched():
    far = "x " * MAX_TEXT_CHARS + "617-555-0123"
    assert extract(far, country="US").phones == ()
    assert extract("617-555-0123 " + far, country="US").phones == ("+16175550123",)


@pytest.mark.parametrize(
    "text", ["", "\x00\x01\x02", "\ud800\udfff", "💋" * 5000, "1" * 50_000, "six " * 10_000]
)
def test_hostile_text_does_not_raise(text):
    assert isinstance(extract(text, country="US"), Extraction)


def test_devset_covers_eight_or_more_languages():
    assert len({ad["lang"] for ad in DEVSET}) >= 8


def test_devset_accuracy_meets_the_bar():
    scores, mistakes = score_devset(DEVSET)
    assert scores["all"].f1 >= 0.95, "\n".join(mistakes)
    assert scores["phones"].precision >= 0.98, "\n".join(mistakes)


def _as_text(found):
    """Extracted values written back out as an ad would write them."""
    parts = list(found.phones) + list(found.emails)
    parts += [wallet.split(":", 1)[1] for wallet in found.wallets]
    parts += ["{}: {}".format(*handle.split(":", 1)) for handle in found.handles]
    return " , ".join(parts)


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(DEVSET), st.text(max_size=40))
def test_extraction_is_idempotent_on_its_own_output(ad, noise):
    hints = {"country": ad.get("country"), "city": ad.get("city"), "url": ad.get("url")}
    first = extract(noise + " " + ad["text"], **hints)
    again = extract(_as_text(first), **hints)
    assert set(again.phones) == set(first.phones)
    assert set(again.emails) == set(first.emails)
    assert set(again.wallets) == set(first.wallets)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=500), st.sampled_from([None, "US", "FR", "RU", "CN"]))
def test_arbitrary_text_never_raises_and_phones_are_valid(text, country):
    found = extract(text, country=country, types=IDENTIFIER_TYPES)
    for number in found.phones:
        assert phonenumbers.is_valid_number(phonenumbers.parse(number, None))
