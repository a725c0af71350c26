"""Place names to countries and coordinates.

``resolve`` is the one way the library turns a crawled city string into a place; the
search-time automatic lookup ``htintel_cities`` reads the same generated CSV.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional


@dataclass(frozen=True)
class Place:
    name: str
    country: str  # ISO 3166-1 alpha-2
    region: Optional[str]
    lat: float
    lon: float
    population: int


# Interim table until lookups/htintel_cities.csv lands (issue: htrisk and geo).
_INTERIM = {
    "boston": Place("Boston", "US", "MA", 42.3584, -71.0598, 667137),
    "houston": Place("Houston", "US", "TX", 29.7633, -95.3633, 2296224),
    "london": Place("London", "GB", "ENG", 51.5085, -0.1257, 8961989),
    "melbourne": Place("Melbourne", "AU", "VIC", -37.814, 144.9633, 4246375),
    "madrid": Place("Madrid", "ES", "MD", 40.4165, -3.7026, 3255944),
    "paris": Place("Paris", "FR", "IDF", 48.8534, 2.3488, 2138551),
}


def resolve(
    city: Optional[str], region: Optional[str] = None, country: Optional[str] = None
) -> Optional[Place]:
    """Best place for a city string, or None when nothing matches."""
    if not city:
        return None
    return _INTERIM.get(city.strip().lower())
