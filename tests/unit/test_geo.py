"""htintel.geo.resolve: crawled city strings to places (GeoNames via lookups/htintel_cities.csv)."""

from __future__ import annotations

import math

import pytest

from htintel.geo import Place, bounded_edit_distance, country_code, fold, resolve

MAX_KM = 25.0


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


# (city string, region, country, expected ISO2, expected lat, expected lon); reference
# coordinates are the cities' centres (rounded), independent of the lookup.
CASES = [
    # plain names, accents and case
    ("Houston", None, None, "US", 29.76, -95.37),
    ("BOSTON", None, None, "US", 42.36, -71.06),
    ("São Paulo", None, None, "BR", -23.55, -46.63),
    ("Sao Paulo", None, None, "BR", -23.55, -46.63),
    ("SAO PAULO", None, None, "BR", -23.55, -46.63),
    ("Bogota", None, None, "CO", 4.61, -74.08),
    ("Montreal", None, None, "CA", 45.51, -73.57),
    ("Zürich", None, None, "CH", 47.37, 8.54),
    ("Zurich", None, None, "CH", 47.37, 8.54),
    ("Kraków", None, None, "PL", 50.06, 19.94),
    ("İstanbul", None, None, "TR", 41.01, 28.98),
    ("Düsseldorf", None, None, "DE", 51.23, 6.78),
    ("Malmö", None, None, "SE", 55.60, 13.00),
    # aliases
    ("NYC", None, None, "US", 40.71, -74.01),
    ("New York", None, None, "US", 40.71, -74.01),
    ("CDMX", None, None, "MX", 19.43, -99.13),
    ("LA", None, None, "US", 34.05, -118.24),
    ("SF", None, None, "US", 37.77, -122.42),
    ("DC", None, None, "US", 38.90, -77.04),
    ("Vegas", None, None, "US", 36.17, -115.14),
    ("Philly", None, None, "US", 39.95, -75.17),
    ("Ciudad de México", None, None, "MX", 19.43, -99.13),
    ("Питер", None, None, "RU", 59.94, 30.31),
    # local-language and other-language names
    ("Москва", None, None, "RU", 55.75, 37.62),
    ("Санкт-Петербург", None, None, "RU", 59.94, 30.31),
    ("北京", None, None, "CN", 39.90, 116.40),
    ("上海", None, None, "CN", 31.23, 121.47),
    ("東京", None, None, "JP", 35.69, 139.69),
    ("서울", None, None, "KR", 37.57, 126.98),
    ("กรุงเทพมหานคร", None, None, "TH", 13.75, 100.50),
    ("München", None, None, "DE", 48.14, 11.58),
    ("Köln", None, None, "DE", 50.94, 6.96),
    ("Cologne", None, None, "DE", 50.94, 6.96),
    ("Pékin", None, None, "CN", 39.90, 116.40),
    ("Londres", None, None, "GB", 51.51, -0.13),
    ("Nueva York", None, None, "US", 40.71, -74.01),
    ("Moskau", None, None, "RU", 55.75, 37.62),
    ("Lisboa", None, None, "PT", 38.72, -9.14),
    ("Варшава", None, None, "PL", 52.23, 21.01),
    # misspellings
    ("Chicagoo", None, None, "US", 41.88, -87.63),
    ("Philadelpia", None, None, "US", 39.95, -75.17),
    ("Barcelna", None, None, "ES", 41.39, 2.17),
    ("Los Angelos", None, None, "US", 34.05, -118.24),
    ("Seatle", None, None, "US", 47.61, -122.33),
    ("Houstn", None, None, "US", 29.76, -95.37),
    ("Torontoo", None, None, "CA", 43.65, -79.38),
    ("Amsterdm", None, None, "NL", 52.37, 4.89),
    # noise around the name
    ("Houston, TX", None, None, "US", 29.76, -95.37),
    ("downtown Dallas", None, None, "US", 32.78, -96.80),
    ("Paris 75008", None, None, "FR", 48.86, 2.35),
    ("London UK", None, None, "GB", 51.51, -0.13),
    ("Toronto, ON", None, None, "CA", 43.65, -79.38),
    ("Sydney NSW", None, None, "AU", -33.87, 151.21),
    ("Melbourne, FL", None, None, "US", 28.08, -80.61),
    ("Paris, TX", None, None, "US", 33.66, -95.56),
    ("New Orleans, LA", None, None, "US", 29.95, -90.07),
    ("Madrid centro", None, None, "ES", 40.42, -3.70),
    ("北京朝阳区", None, None, "CN", 39.90, 116.40),
    # ambiguous names resolved by region or country
    ("Portland", "OR", None, "US", 45.52, -122.68),
    ("Portland", "ME", None, "US", 43.66, -70.26),
    ("Portland", "Oregon", None, "US", 45.52, -122.68),
    ("Portland", "Maine", None, "US", 43.66, -70.26),
    ("Portland, ME", None, None, "US", 43.66, -70.26),
    ("Valencia", None, "ES", "ES", 39.47, -0.38),
    ("Valencia", None, "VE", "VE", 10.16, -68.00),
    ("Valencia", None, "Spain", "ES", 39.47, -0.38),
    ("Valencia", None, "Venezuela", "VE", 10.16, -68.00),
    ("Melbourne", None, None, "AU", -37.81, 144.96),
    ("Melbourne", None, "US", "US", 28.08, -80.61),
    ("London", None, "CA", "CA", 42.98, -81.25),
    ("Córdoba", None, "AR", "AR", -31.41, -64.18),
    ("Córdoba", None, "ES", "ES", 37.88, -4.77),
]


@pytest.mark.parametrize(("city", "region", "country", "iso2", "lat", "lon"), CASES)
def test_city_string_resolves_to_right_country_within_25_km(city, region, country, iso2, lat, lon):
    place = resolve(city, region=region, country=country)
    assert place is not None, city
    assert place.country == iso2
    assert km(place.lat, place.lon, lat, lon) <= MAX_KM


def test_portland_region_picks_oregon_or_maine():
    assert resolve("Portland", region="OR").region == "OR"
    assert resolve("Portland", region="ME").region == "ME"


def test_ties_go_to_the_bigger_population():
    assert resolve("Portland").region == "OR"
    assert resolve("Valencia").country == "VE"  # GeoNames: 1.6 M (Venezuela) vs 0.8 M (Spain)


def test_frisco_stays_the_texan_city_not_an_alias_of_san_francisco():
    assert resolve("Frisco").region == "TX"


def test_alternate_names_rank_below_own_names():
    # "Bridgetown" is a nickname of Portland, Oregon in GeoNames, and Barbados' capital.
    assert resolve("Bridgetown").country == "BB"


def test_country_is_a_hard_filter():
    assert resolve("Houston", country="FR") is None


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "xyzzyplugh",
        "12345",
        "!!!",
        "a",
        "de",
        "la la la",
        "\x00\ud800",
        "🍒🍒",
        "x" * 10_000,
    ],
)
def test_nonsense_and_hostile_strings_return_none_without_raising(text):
    place = resolve(text)
    assert place is None or isinstance(place, Place)


@pytest.mark.parametrize("value", [None, b"Boston", 42, b"\xff\xfe"])
def test_non_string_inputs_never_raise(value):
    resolve(value)  # type: ignore[arg-type]


def test_short_strings_are_never_fuzzy_matched():
    assert resolve("Dalx") is None


@pytest.mark.parametrize(
    ("value", "iso2"),
    [
        ("US", "US"),
        ("usa", "US"),
        ("United Kingdom", "GB"),
        ("UK", "GB"),
        ("España", "ES"),
        ("Россия", "RU"),
        ("中国", "CN"),
        ("Atlantis", None),
    ],
)
def test_country_names_and_codes_become_iso2(value, iso2):
    assert country_code(value) == iso2


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("São-Paulo!", "sao paulo"),
        ("MÜNCHEN", "munchen"),
        ("Łódź", "lodz"),
        ("Москва", "москва"),
        ("北京市", "北京市"),
    ],
)
def test_fold_removes_case_accents_and_punctuation(text, folded):
    assert fold(text) == folded


@pytest.mark.parametrize(
    ("a", "b", "limit", "distance"),
    [
        ("chicago", "chicago", 2, 0),
        ("chicagoo", "chicago", 2, 1),
        ("mosocw", "moscow", 1, 1),
        ("abcdef", "uvwxyz", 2, 3),
    ],
)
def test_bounded_edit_distance_counts_swaps_as_one_and_stops_at_the_limit(a, b, limit, distance):
    assert bounded_edit_distance(a, b, limit) == distance
