"""Place names to countries and coordinates.

``resolve`` is the one way the library turns a crawled city string into a place; the
search-time automatic lookup ``htintel_cities`` reads keys generated from the same data
(``tools/make_cities.py`` writes both ``lookups/htintel_cities.csv``, read here, and
``lookups/htintel_city_keys.csv``, read by Splunk).

How a string is matched, in order (the first step that finds a place wins):

1. exact match of the whole string or of a window of its words (longest window first),
   after folding case and accents ("SÃO PAULO" == "sao paulo"), against city names,
   ASCII names, GeoNames alternate names (other languages and scripts: "Москва", "北京",
   "Pékin") and a few curated aliases ("NYC", "CDMX");
2. for Chinese/Japanese/Korean/Thai strings without spaces, the longest known prefix
   ("北京朝阳区" -> 北京);
3. a bounded fuzzy match for words of 5+ letters: edit distance 1 (5-7 letters) or 2
   (8+), only against city and ASCII names with the same first letter.

Ties go to the bigger population; a match on an alternate name counts as a city eight
times smaller than a match on a city's own name, so "Bridgetown" is Barbados, not
Portland's nickname, while "Odessa" is Ukraine's Odesa rather than Odessa, Texas. The words left over ("TX" in "Houston, TX", "UK" in "London UK") and the
``region``/``country`` arguments narrow the choice: ``country`` (ISO2 or a common name)
is a hard filter, regions and leftover words are preferences.

Example::

    >>> resolve("Portland", region="ME").region
    'ME'
"""

from __future__ import annotations

import csv
import functools
import os
import re
import unicodedata
from dataclasses import dataclass
from typing import Dict, FrozenSet, Iterable, List, Optional, Sequence, Tuple

LOOKUPS_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(__file__))), "lookups")
CITIES_CSV = os.path.join(LOOKUPS_DIR, "htintel_cities.csv")
COUNTRIES_CSV = os.path.join(LOOKUPS_DIR, "htintel_countries.csv")

MAX_INPUT_CHARS = 200
MAX_WINDOW_WORDS = 5
# A match on an alternate name ranks like a city this many times smaller than its population.
ALTERNATE_NAME_PENALTY = 8
FUZZY_MIN_LENGTH = 5
FUZZY_LONG_NAME = 8

# Curated aliases -> (city name as in the table, ISO2, admin1 or ""). Exact whole-key
# matches only. Deliberately absent: "Frisco" (a real Texan city of 150k), "SP", "NY"
# (the state), "Rio" alone stays with GeoNames (Rio de Janeiro is its alternate anyway).
ALIASES: Dict[str, Tuple[str, str, str]] = {
    "nyc": ("New York City", "US", "NY"),
    "ny city": ("New York City", "US", "NY"),
    "new york": ("New York City", "US", "NY"),
    "manhattan": ("New York City", "US", "NY"),
    "big apple": ("New York City", "US", "NY"),
    "la": ("Los Angeles", "US", "CA"),
    "l a": ("Los Angeles", "US", "CA"),
    "sf": ("San Francisco", "US", "CA"),
    "san fran": ("San Francisco", "US", "CA"),
    "sf bay": ("San Francisco", "US", "CA"),
    "sfbay": ("San Francisco", "US", "CA"),
    "dc": ("Washington", "US", "DC"),
    "d c": ("Washington", "US", "DC"),
    "washington dc": ("Washington", "US", "DC"),
    "philly": ("Philadelphia", "US", "PA"),
    "vegas": ("Las Vegas", "US", "NV"),
    "nola": ("New Orleans", "US", "LA"),
    "atl": ("Atlanta", "US", "GA"),
    "chitown": ("Chicago", "US", "IL"),
    "chi town": ("Chicago", "US", "IL"),
    "htown": ("Houston", "US", "TX"),
    "h town": ("Houston", "US", "TX"),
    "nyc metro": ("New York City", "US", "NY"),
    "bay area": ("San Francisco", "US", "CA"),
    "dfw": ("Dallas", "US", "TX"),
    "cdmx": ("Mexico City", "MX", ""),
    "df": ("Mexico City", "MX", ""),
    "d f": ("Mexico City", "MX", ""),
    "ciudad de mexico": ("Mexico City", "MX", ""),
    "mexico df": ("Mexico City", "MX", ""),
    "sampa": ("São Paulo", "BR", ""),
    "bsas": ("Buenos Aires", "AR", ""),
    "caba": ("Buenos Aires", "AR", ""),
    "bcn": ("Barcelona", "ES", ""),
    "ldn": ("London", "GB", ""),
    "hk": ("Hong Kong", "HK", ""),
    "kl": ("Kuala Lumpur", "MY", ""),
    "bkk": ("Bangkok", "TH", ""),
    "spb": ("Saint Petersburg", "RU", ""),
    "спб": ("Saint Petersburg", "RU", ""),
    "питер": ("Saint Petersburg", "RU", ""),
    "мск": ("Moscow", "RU", ""),
    "msk": ("Moscow", "RU", ""),
}

# Words that decorate a city name in ads ("downtown Dallas", "Paris centre").
NOISE_WORDS: FrozenSet[str] = frozenset(
    "downtown uptown midtown centre center central centro metro metropolitan area greater "
    "city ciudad cidade ville stadt citta near around incall outcall zona zone region".split()
)
# Articles and prepositions never stand for a city on their own inside a longer string.
FUNCTION_WORDS: FrozenSet[str] = frozenset(
    "in the of de del da do dos la le el los las les".split()
)

ABBREVIATIONS: Dict[str, str] = {"st": "saint", "ste": "sainte", "ft": "fort", "mt": "mount"}
_ABBREVIATION = re.compile(r"\b(?:st|ste|ft|mt)\b")
_FOLD_EXTRA = str.maketrans(
    {"ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe", "ı": "i", "ħ": "h"}
)
_COMBINING_DIACRITICS = re.compile("[\u0300-\u036f]+")
_NOT_WORD = re.compile(r"[\W_]+")
_DIGITS = re.compile(r"\d+")
_SEPARATORS = re.compile(r"[,;/|()\[\]{}]+|\s+-\s+|\s+–\s+")
_SPACELESS_SCRIPT = re.compile("[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


@dataclass(frozen=True)
class Place:
    name: str
    country: str  # ISO 3166-1 alpha-2
    region: Optional[str]
    lat: float
    lon: float
    population: int


@dataclass(frozen=True)
class _Candidate:
    place: Place
    primary: bool  # matched on the city's own (or ASCII, or curated alias) name


@dataclass(frozen=True)
class CityIndex:
    """Everything ``resolve`` needs, built once from the generated lookup CSVs."""

    names: Dict[str, Tuple[_Candidate, ...]]
    fuzzy_buckets: Dict[Tuple[str, int], Tuple[str, ...]]
    countries: Dict[str, str]  # folded country name, alias or ISO2 -> ISO2
    country_names: Dict[str, FrozenSet[str]]  # ISO2 -> folded names (for hint matching)
    region_names: Dict[Tuple[str, str], FrozenSet[str]]  # (ISO2, region) -> folded names


def fold(text: str) -> str:
    """Lowercase, accent-free, punctuation-free form of a name, with "St"/"Ft"/"Mt" spelled
    out: "São-Paulo!" -> "sao paulo", "St. Louis" -> "saint louis"."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text.casefold()).translate(_FOLD_EXTRA)
        text = unicodedata.normalize("NFC", _COMBINING_DIACRITICS.sub("", text))
    folded = _NOT_WORD.sub(" ", text.lower()).strip()
    if _ABBREVIATION.search(folded):
        folded = _ABBREVIATION.sub(lambda m: ABBREVIATIONS[m.group()], folded)
    return folded


def ascii_name(name: str) -> str:
    """The name with accents removed, keeping case: "São Paulo" -> "Sao Paulo"."""
    decomposed = unicodedata.normalize("NFKD", name).translate(_FOLD_EXTRA)
    return unicodedata.normalize("NFC", _COMBINING_DIACRITICS.sub("", decomposed))


def _split_names(value: str) -> List[str]:
    return [v for v in value.split("|") if v]


def _read_countries(path: str) -> Tuple[Dict[str, str], Dict[str, FrozenSet[str]]]:
    lookup: Dict[str, str] = {}
    names: Dict[str, FrozenSet[str]] = {}
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            code = row["country"]
            folded = {fold(n) for n in [code, row["name"], *_split_names(row["aliases"])]}
            folded.discard("")
            names[code] = frozenset(folded)
            for name in folded:
                lookup.setdefault(name, code)
    return lookup, names


def build_index(cities_csv: str = CITIES_CSV, countries_csv: str = COUNTRIES_CSV) -> CityIndex:
    """Read the generated lookups into a CityIndex (use ``load_index`` for the cached one)."""
    countries, country_names = _read_countries(countries_csv)
    buckets: Dict[str, List[_Candidate]] = {}
    by_name: Dict[Tuple[str, str], Place] = {}
    region_names: Dict[Tuple[str, str], set] = {}
    fuzzy: Dict[Tuple[str, int], set] = {}

    def add(key: str, candidate: _Candidate) -> None:
        if key:
            buckets.setdefault(key, []).append(candidate)

    with open(cities_csv, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            region = row["admin1"] or None
            place = Place(
                name=row["city"],
                country=row["country"],
                region=region,
                lat=float(row["lat"]),
                lon=float(row["lon"]),
                population=int(row["population"] or 0),
            )
            primary_keys = {fold(row["city"]), fold(row["city_ascii"])}
            for key in primary_keys:
                add(key, _Candidate(place, True))
                if len(key) >= FUZZY_MIN_LENGTH:
                    fuzzy.setdefault((key[0], len(key)), set()).add(key)
            for alternate in _split_names(row["alternate_names"]):
                key = fold(alternate)
                if key not in primary_keys:
                    add(key, _Candidate(place, False))
            name_key = (place.name, place.country)
            if name_key not in by_name or by_name[name_key].population < place.population:
                by_name[name_key] = place
            if region:
                names = region_names.setdefault((place.country, region), set())
                names.add(fold(region))
                names.update(fold(n) for n in _split_names(row["admin1_name"]))
    for alias, (name, country, _region) in ALIASES.items():
        place_for_alias = by_name.get((name, country))
        if place_for_alias is not None:
            buckets.setdefault(fold(alias), []).insert(0, _Candidate(place_for_alias, True))
    return CityIndex(
        names={key: _dedupe(values) for key, values in buckets.items()},
        fuzzy_buckets={key: tuple(sorted(values)) for key, values in fuzzy.items()},
        countries=countries,
        country_names=country_names,
        region_names={key: frozenset(values) for key, values in region_names.items()},
    )


def _dedupe(candidates: List[_Candidate]) -> Tuple[_Candidate, ...]:
    best: Dict[Place, _Candidate] = {}
    for candidate in candidates:
        if candidate.place not in best or candidate.primary:
            best[candidate.place] = candidate
    return tuple(best.values())


@functools.lru_cache(maxsize=4)
def load_index(cities_csv: str = CITIES_CSV, countries_csv: str = COUNTRIES_CSV) -> CityIndex:
    """The CityIndex for these files, built on first use and cached for the process."""
    return build_index(cities_csv, countries_csv)


def country_code(value: Optional[str], index: Optional[CityIndex] = None) -> Optional[str]:
    """ISO2 for an ISO2 code or a common country name ("España", "UK"), else None."""
    text = _clean_input(value)
    if not text:
        return None
    return (index or load_index()).countries.get(fold(text))


def resolve(
    city: Optional[str], region: Optional[str] = None, country: Optional[str] = None
) -> Optional[Place]:
    """Best place for a city string, or None when nothing matches; never raises on input."""
    return _resolve_cached(_clean_input(city), _clean_input(region), _clean_input(country))


def _clean_input(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    elif not isinstance(value, str):
        value = str(value)
    return value[:MAX_INPUT_CHARS].strip()


@functools.lru_cache(maxsize=65536)
def _resolve_cached(city: str, region: str, country: str) -> Optional[Place]:
    if not city:
        return None
    return resolve_with(load_index(), city, region, country)


def resolve_with(
    index: CityIndex, city: str, region: str = "", country: str = ""
) -> Optional[Place]:
    """``resolve`` against an explicit index (tests, tools)."""
    wanted_country = index.countries.get(fold(country)) if country else None
    parts = [fold(_DIGITS.sub(" ", part)) for part in _SEPARATORS.split(city)]
    parts = [part for part in parts if part]
    if not parts:
        return None
    hints = [fold(region)] if region else []
    for position, part in enumerate(parts):
        other_parts = parts[:position] + parts[position + 1 :]
        found = _match_part(index, part, wanted_country)
        if found is not None:
            candidates, leftover = found
            return _best(index, candidates, [*hints, *leftover, *other_parts])
        candidates = _fuzzy(index, part, wanted_country)
        if candidates:
            return _best(index, candidates, [*hints, *other_parts])
    return None


def _match_part(
    index: CityIndex, part: str, country: Optional[str]
) -> Optional[Tuple[Sequence[_Candidate], List[str]]]:
    words = part.split()
    for size in range(min(len(words), MAX_WINDOW_WORDS), 0, -1):
        for start in range(len(words) - size + 1):
            window = words[start : start + size]
            if (
                size == 1
                and len(words) > 1
                and (window[0] in NOISE_WORDS or window[0] in FUNCTION_WORDS)
            ):
                continue
            if len(window[0]) < 2 and size == 1:
                continue
            candidates = _filter_country(index.names.get(" ".join(window), ()), country)
            if candidates:
                return candidates, words[:start] + words[start + size :]
    if _SPACELESS_SCRIPT.search(part):
        for word in words:
            for end in range(len(word) - 1, 1, -1):
                candidates = _filter_country(index.names.get(word[:end], ()), country)
                if candidates:
                    return candidates, []
    return None


def _filter_country(candidates: Iterable[_Candidate], country: Optional[str]) -> List[_Candidate]:
    return [c for c in candidates if country is None or c.place.country == country]


def _best(index: CityIndex, candidates: Sequence[_Candidate], hints: Sequence[str]) -> Place:
    hint_set = set()
    for hint in hints:
        words = hint.split()
        hint_set.add(hint)
        hint_set.update(words)
        hint_set.update(" ".join(words[i : i + 2]) for i in range(len(words) - 1))
    hint_set.difference_update(NOISE_WORDS)

    def rank(candidate: _Candidate) -> Tuple[int, float]:
        place = candidate.place
        matched = hint_set & index.country_names.get(place.country, frozenset())
        if place.region:
            matched = matched | (
                hint_set & index.region_names.get((place.country, place.region), frozenset())
            )
        weight = (
            place.population if candidate.primary else place.population / ALTERNATE_NAME_PENALTY
        )
        return len(matched), weight

    return max(candidates, key=rank).place


def _fuzzy(index: CityIndex, text: str, country: Optional[str]) -> List[_Candidate]:
    words = [w for w in text.split() if w not in NOISE_WORDS]
    windows = [
        " ".join(words[i : i + n])
        for n in range(min(len(words), 3), 0, -1)
        for i in range(len(words) - n + 1)
    ]
    for window in windows:
        if len(window) < FUZZY_MIN_LENGTH:
            continue
        limit = 2 if len(window) >= FUZZY_LONG_NAME else 1
        letters = set(window)
        best_distance = limit + 1
        found: List[_Candidate] = []
        for length in range(len(window) - limit, len(window) + limit + 1):
            for key in index.fuzzy_buckets.get((window[0], length), ()):
                # Cheap C-level rejection before the quadratic distance.
                if len(letters ^ set(key)) > 2 * limit:
                    continue
                distance = bounded_edit_distance(window, key, limit)
                if distance > limit or distance > best_distance:
                    continue
                matches = [
                    c for c in _filter_country(index.names.get(key, ()), country) if c.primary
                ]
                if not matches:
                    continue
                if distance < best_distance:
                    best_distance, found = distance, []
                found.extend(matches)
        if found:
            return found
    return []


def bounded_edit_distance(a: str, b: str, limit: int) -> int:
    """Damerau-Levenshtein (adjacent swaps) distance of a and b, or limit + 1 when larger."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: List[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        row_min = i
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                value = min(value, previous2[j - 2] + 1)
            current[j] = value
            row_min = min(row_min, value)
        if row_min > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1] if previous[-1] <= limit else limit + 1
