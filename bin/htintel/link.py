"""Linking ads into networks: union-find over shared identifiers, hubs held back, stable ids.

Two ads belong to one network when a chain of shared *linking* identifiers joins them
(phone, email, wallet, image hash, social handle), optionally also near-duplicate text.
An identifier that behaves like a hub is reported and does not link. Hub rules, in order:

1. **Degree.** Seen in more than ``max_degree`` ads (default 1000: an agency phone posting
   for ten women once a day for three months is ~900 ads; above that a single value is far
   more likely a directory, site or placeholder number than one network).
2. **Cities at once.** Seen in more than ``max_cities`` distinct cities within any
   ``city_window_hours`` window (default 6 cities in 72 h). Circuits move a few cities a
   week; a site's support number is in every city every day. Ads without a time count as
   one instant.
3. **Not a person.** Toll-free, shared-cost and premium-rate phones (a site's support
   desk, a directory: ``SERVICE_NUMBER_PREFIXES``), placeholder emails (``noemail@``,
   ``none@none.com``) and repeated-digit phones, seen in two or more ads.
4. **Bridging.** An identifier that joins more than ``max_bridges`` separate posters
   active at the same time, across at least two cities (default 4, so five at once; photo
   hashes ``max_photo_bridges``, default 2, because pictures are stolen and reused across
   unrelated posters far more often than contacts are shared).
   Its ads are grouped by the other identifiers they carry (connectors): a poster's own
   phone, email, wallet or handle that occurs at least as often elsewhere. Photos do not
   separate posters (one operator rotates many pictures); twins that occur mostly
   alongside the judged identifier (a banner beside a support number) and one-off
   values group nothing. Connectors join one group when they share an ad elsewhere, or
   both share ads with a third identifier that is not hub-like itself (so one hub cannot
   hide another). Each group is active from the first to the last ad of its
   connectors: a poster rotating burner phones uses them one after another, separate
   posters overlap. Rounds repeat while flagging uncovers new hubs.
   Evidence (pairwise precision / recall, tests/unit/test_link.py): an operator with two
   to four phones used at the same time, a handle in 30% of its ads and a wallet in some,
   has its handle joining up to four concurrent "posters" (its own phones). With
   ``max_bridges=2`` such networks split (recall 0.70-0.87 on that corpus), with 3
   0.89-0.95, with 4 0.98-0.99, at precision 1.00 on the sample generator, the
   differently shaped corpus and the multi-phone corpus alike, once rule 3 settles
   business lines and placeholders. Photos at 4 let a site's banner image merge posters
   (precision 0.72 on one sample seed), hence their lower bar.
   A single-city identifier is never a bridging hub: an agency posting for many women
   under one shared phone in one city is the strongest sign of a network and stays
   linked (a single-city directory number looks the same; rule 1 is its backstop).

Cluster ids are stable: a cluster's id is ``htc-`` + a hash of the ad_id of its earliest
member by (posted time, ad_id). New ads that join a network keep its id; a merge keeps
the id of the older network; a split gives the part without the earliest ad a new id; a
backfilled ad older than every member changes the id (so does deleting the earliest ad).
Because the id and the grouping are functions of the set of ads only (never of their
order or of earlier runs), linking prior ads plus new ads incrementally equals a full
recompute, which ``relink`` relies on.

Trust by type: phones, emails, btc/eth wallets, image hashes (``img:`` sha256, ``phash:``)
and social handles link. Handles are chosen by their owner and reused across ads like a
phone, so they link at full trust; the hub rules catch the few shared or placeholder
ones. Names, poster names, URLs and any other type never link (``link_types``).

Near-duplicate text (``text_similarity`` > 0, off by default): word 4-gram shingles of
the normalised text (case, accents, digits, punctuation folded), minus template shingles
(found in more than ``text_template_clusters`` identifier-clusters, e.g. "hi i m new in")
and shingles found in a single ad (a name or city that cannot match anything), compared
with MinHash/LSH (20 bands x 2 rows) and verified exactly: Jaccard >= text_similarity
with at least ``text_min_shingles`` shared shingles. A shared template alone never
links two ads; the template plus the same rest of the text does.

Memory and time: identifiers are interned to ints and everything is kept in flat lists
(no per-ad objects); 1M ads with 1.5M identifier occurrences link in a few seconds.
"""

from __future__ import annotations

import gc
import hashlib
import math
import re
import unicodedata
import zlib
from array import array
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass
from typing import (
    Callable,
    Dict,
    FrozenSet,
    Iterable,
    Iterator,
    List,
    NamedTuple,
    Optional,
    Sequence,
    Set,
    Tuple,
)

HANDLE_PLATFORMS: FrozenSet[str] = frozenset(
    {
        "kik",
        "snapchat",
        "instagram",
        "telegram",
        "twitter",
        "facebook",
        "flickr",
        "whatsapp",
        "wechat",
        "line",
        "kakao",
        "vk",
        "reddit",
        "onlyfans",
        "skype",
        "tiktok",
        "signal",
    }
)
# Handles link: a handle is chosen by its owner and reused across ads, like a phone. Risky
# handles (very common or placeholder ones) are caught by the hub rules like any value.
DEFAULT_LINK_TYPES: FrozenSet[str] = frozenset(
    {"phone", "email", "btc", "eth", "img", "phash"} | HANDLE_PLATFORMS
)

DEFAULT_MAX_DEGREE = 1000
DEFAULT_MAX_CITIES = 6
DEFAULT_CITY_WINDOW_HOURS = 72.0
DEFAULT_MAX_BRIDGES = 4
# Photos are stolen and reused across unrelated posters (stock and scraped pictures, a
# site's banner), far more often than contacts are shared: they bridge at a lower bar.
DEFAULT_MAX_PHOTO_BRIDGES = 2
DEFAULT_TEXT_MIN_SHINGLES = 6
DEFAULT_TEXT_TEMPLATE_CLUSTERS = 4
# Text linking reads at most this much of each ad (the rest is rarely anything but filler).
TEXT_CHARS = 4000
# Identifiers longer than this are truncated before interning: hostile input, bounded memory.
MAX_ID_CHARS = 200

_NO_TIME = math.inf
# A connector occurs at least this many times more often overall than alongside the
# identifier judged (see _bridging_hubs).
_CONNECTOR_SHARE = 2
_PHOTO_PREFIXES = ("img:", "phash:")
# An identifier whose ads split into more groups than this or than max_bridges (first
# pass) is hub-like and never joins two connectors of another identifier.
_INTERMEDIATE_GROUPS = 6


@dataclass(frozen=True)
class LinkConfig:
    """Linking knobs; the defaults are argued in the module docstring and the README."""

    max_degree: int = DEFAULT_MAX_DEGREE
    max_cities: int = DEFAULT_MAX_CITIES
    city_window_hours: float = DEFAULT_CITY_WINDOW_HOURS
    max_bridges: int = DEFAULT_MAX_BRIDGES
    max_photo_bridges: int = DEFAULT_MAX_PHOTO_BRIDGES
    text_similarity: float = 0.0
    text_min_shingles: int = DEFAULT_TEXT_MIN_SHINGLES
    text_template_clusters: int = DEFAULT_TEXT_TEMPLATE_CLUSTERS
    link_types: FrozenSet[str] = DEFAULT_LINK_TYPES


@dataclass(frozen=True)
class Hub:
    """An identifier held back from linking, with why."""

    identifier: str
    ads: int
    cities: int
    reason: str


class Cluster(NamedTuple):
    """One network: its ads and what joins them (see ``Linkage.summaries``).

    A NamedTuple rather than a dataclass: a million-ad corpus has ~200k of them and a
    frozen dataclass costs several times more to build.
    """

    cluster_id: str
    size: int
    ad_ids: Tuple[str, ...]  # in time order
    identifiers: Tuple[str, ...]  # distinct typed values, sorted (so grouped by type)
    cities: Tuple[str, ...]
    countries: Tuple[str, ...]
    first_seen: Optional[float]  # epoch seconds
    last_seen: Optional[float]
    city_path: Tuple[str, ...]  # cities in time order, repeats collapsed: the circuit
    links: Tuple[Tuple[str, int], ...]  # (identifier, ads it joins), most ads first
    text_links: Tuple[Tuple[str, str, float], ...]  # (ad_id, ad_id, similarity)
    hubs: Tuple[str, ...]  # hub identifiers present here that did not link

    def identifiers_by_type(self) -> Dict[str, Tuple[str, ...]]:
        """Distinct identifiers grouped by type: {"phone": (...), "email": (...)}."""
        grouped: Dict[str, List[str]] = {}
        for value in self.identifiers:
            grouped.setdefault(id_type(value), []).append(value)
        return {kind: tuple(values) for kind, values in grouped.items()}

    def evidence(self) -> Tuple[str, ...]:
        """Why these ads are one network, one line per link an analyst can check."""
        lines = [f"{value} joins {ads} ads" for value, ads in self.links]
        lines.extend(f"text {a} ~ {b} (similarity {sim:.2f})" for a, b, sim in self.text_links)
        return tuple(lines)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector around bulk building of acyclic containers.

    Building a million small lists and tuples triggers hundreds of full collections
    that find nothing (about 40% of the summaries' time); the previous state is restored.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# E.164 prefixes of toll-free, shared-cost and premium-rate ranges in the countries HT Intel
# crawls most. Such a number is a business line (a site's support desk, a directory), never
# the personal contact an advertiser reuses, so it is reported but never links. From the
# national numbering plans (NANP 8XX; UK 0800/0808/0845/0870/09; AU 1800/1300/1900;
# FR 080x/081x/089x; ES 800/900/901/902; DE 0800/0180/0900; IT 800/803/89x; RU 8800;
# BR 0800/0300; MX 800; CA as NANP).
SERVICE_NUMBER_PREFIXES: Tuple[str, ...] = (
    "phone:+1800",
    "phone:+1833",
    "phone:+1844",
    "phone:+1855",
    "phone:+1866",
    "phone:+1877",
    "phone:+1888",
    "phone:+1900",
    "phone:+44800",
    "phone:+44808",
    "phone:+44845",
    "phone:+44870",
    "phone:+449",
    "phone:+611800",
    "phone:+611300",
    "phone:+611900",
    "phone:+3380",
    "phone:+3381",
    "phone:+3389",
    "phone:+34800",
    "phone:+34900",
    "phone:+34901",
    "phone:+34902",
    "phone:+49800",
    "phone:+49180",
    "phone:+49900",
    "phone:+39800",
    "phone:+39803",
    "phone:+3989",
    "phone:+7800",
    "phone:+55800",
    "phone:+55300",
    "phone:+52800",
)


# Values a poster types when a form demands a contact they do not want to give.
PLACEHOLDER_EMAIL_USERS: FrozenSet[str] = frozenset(
    {"noemail", "no-email", "no_email", "nomail", "none", "no", "na", "null", "nil", "test"}
    | {"email", "example", "noreply", "no-reply", "anonymous", "private", "xxx", "asdf"}
)
PLACEHOLDER_EMAIL_DOMAINS: FrozenSet[str] = frozenset(
    {"example.com", "example.org", "example.net", "none.com", "test.com", "nomail.com"}
)


def non_personal_reason(identifier: str) -> Optional[str]:
    """Why a value names no one ("service", "placeholder"), or None for a personal contact.

    Toll-free, shared-cost and premium-rate phones are business lines (a site's support
    desk, a directory); placeholder emails and repeated-digit phones are what posters type
    to fill a form. Either, seen in several ads, is a hub: reported, never linking.
    """
    if identifier.startswith(SERVICE_NUMBER_PREFIXES):
        return "service"
    kind, _, value = identifier.partition(":")
    if kind == "email":
        user, _, domain = value.partition("@")
        if user in PLACEHOLDER_EMAIL_USERS or domain in PLACEHOLDER_EMAIL_DOMAINS:
            return "placeholder"
    elif kind == "phone":
        digits = value[-7:]
        if len(set(digits)) == 1 or digits in "01234567890" or digits in "98765432109":
            return "placeholder"
    return None


def id_type(identifier: str) -> str:
    """The type prefix of a typed identifier: ``phone:+1617...`` -> ``phone``."""
    head, sep, _ = identifier.partition(":")
    return head if sep else ""


class Corpus:
    """Ads reduced to what linking needs, in flat columns; add ads, then call ``link``.

    Per ad it keeps the ad_id, a time, an interned city and country, its interned
    identifiers and, only when ``keep_text``, up to TEXT_CHARS of text.
    """

    def __init__(self, keep_text: bool = False) -> None:
        self.ad_ids: List[str] = []
        self.times: List[float] = []
        self.city_of: List[int] = []
        self.country_of: List[int] = []
        self.texts: Optional[List[str]] = [] if keep_text else None
        self.id_index: Dict[str, int] = {}
        self.id_names: List[str] = []
        self.occ_id = array("i")
        self.occ_ad = array("i")
        # CSR offsets: ad i's identifiers are occ_id[occ_start[i] : occ_start[i + 1]].
        self.occ_start = array("q", [0])
        self.place_index: Dict[Tuple[str, str], int] = {}
        self.place_names: List[str] = []
        self.country_index: Dict[str, int] = {}
        self.country_names: List[str] = []
        self._places: Dict[Tuple[Optional[str], Optional[str]], Tuple[int, int]] = {}

    def __len__(self) -> int:
        return len(self.ad_ids)

    def add(
        self,
        ad_id: str,
        ids: Iterable[str],
        time: Optional[float] = None,
        city: Optional[str] = None,
        country: Optional[str] = None,
        text: Optional[str] = None,
    ) -> None:
        """Append one ad. ``ids`` are typed identifiers; duplicates within an ad count once."""
        self.extend(((ad_id, ids, time, city, country),), None if text is None else (text,))

    def extend(
        self,
        rows: Iterable[Tuple[str, Iterable[str], Optional[float], Optional[str], Optional[str]]],
        texts: Optional[Iterable[str]] = None,
    ) -> None:
        """Append many ads given as (ad_id, ids, time, city, country); the fast path of ``add``."""
        with _collector_paused():
            self._extend(rows, texts)

    def _extend(
        self,
        rows: Iterable[Tuple[str, Iterable[str], Optional[float], Optional[str], Optional[str]]],
        texts: Optional[Iterable[str]],
    ) -> None:
        ad_ids = self.ad_ids
        places = self._places
        index = self.id_index
        id_names = self.id_names
        # Bound methods: appending is most of the work, one lookup per call adds ~40%.
        add_ad_id = ad_ids.append
        add_time = self.times.append
        add_city = self.city_of.append
        add_country = self.country_of.append
        add_id = self.occ_id.append
        add_ad = self.occ_ad.append
        add_start = self.occ_start.append
        occurrences = len(self.occ_id)
        ad = len(ad_ids)
        for ad_id, ids, time, city, country in rows:
            add_ad_id(ad_id)
            add_time(_NO_TIME if time is None or time != time else float(time))
            place = places.get((city, country))
            if place is None:
                place = places[(city, country)] = self._intern_place(city, country)
            add_city(place[0])
            add_country(place[1])
            if isinstance(ids, str):
                ids = (ids,)
            first = -1
            seen: Optional[Set[int]] = None
            for raw in ids:
                if not raw:
                    continue
                number = index.get(raw)
                if number is None:
                    value = raw[:MAX_ID_CHARS]
                    number = index.get(value)
                    if number is None:
                        number = index[value] = len(id_names)
                        id_names.append(value)
                if first < 0:
                    first = number
                elif number == first:
                    continue
                else:
                    if seen is None:
                        seen = {first}
                    if number in seen:
                        continue
                    seen.add(number)
                add_id(number)
                add_ad(ad)
                occurrences += 1
            add_start(occurrences)
            ad += 1
        if self.texts is not None:
            added = len(ad_ids) - len(self.texts)
            given = [(t or "")[:TEXT_CHARS] for t in texts] if texts is not None else []
            self.texts.extend(given[:added] + [""] * (added - len(given)))

    def _intern_place(self, city: Optional[str], country: Optional[str]) -> Tuple[int, int]:
        country_key = (country or "").strip().upper()
        return self._place(city, country_key), self._country(country_key)

    def _place(self, city: Optional[str], country: str) -> int:
        name = (city or "").strip()
        if not name:
            return -1
        key = (name.casefold(), country)
        number = self.place_index.get(key)
        if number is None:
            number = self.place_index[key] = len(self.place_names)
            self.place_names.append(name)
        return number

    def _country(self, country: str) -> int:
        if not country:
            return -1
        number = self.country_index.get(country)
        if number is None:
            number = self.country_index[country] = len(self.country_names)
            self.country_names.append(country)
        return number


def _find(parent: List[int], node: int) -> int:
    # Path halving: every visited node skips to its grandparent; near-constant amortised.
    while parent[node] != node:
        parent[node] = parent[parent[node]]
        node = parent[node]
    return node


def _cities_at_once(events: List[Tuple[float, int]], window: float) -> int:
    """Most distinct cities among events (time, city) inside any window of ``window`` seconds.

    Events without a time (``inf``) count as one instant of their own.
    """
    untimed = {city for time, city in events if time == _NO_TIME}
    timed = sorted(e for e in events if e[0] != _NO_TIME)
    best = len(untimed)
    counts: Dict[int, int] = {}
    left = 0
    for time, city in timed:
        counts[city] = counts.get(city, 0) + 1
        while time - timed[left][0] > window:
            old = timed[left][1]
            counts[old] -= 1
            if not counts[old]:
                del counts[old]
            left += 1
        if len(counts) > best:
            best = len(counts)
    return best


class Linkage:
    """The result of ``link``: a cluster per ad, the hubs, the text links; summaries on demand."""

    def __init__(
        self,
        corpus: Corpus,
        label: List[int],
        hubs: Dict[int, Hub],
        linking: bytearray,
        text_links: List[Tuple[int, int, float]],
    ) -> None:
        self.corpus = corpus
        self.hubs = hubs
        self._linking = linking
        self.text_links = text_links
        # Canonical cluster numbers 0..k-1 in order of first ad.
        number: Dict[int, int] = {}
        self.cluster_of = [number.setdefault(root, len(number)) for root in label]
        counts = Counter(self.cluster_of)
        self.sizes = [counts[k] for k in range(len(number))]
        self._earliest: Optional[List[int]] = None
        self._ids: Dict[int, str] = {}
        self._id_list: Optional[List[str]] = None

    def _earliest_members(self) -> List[int]:
        # The earliest member by (time, ad_id); computed once, on the first id asked for.
        if self._earliest is None:
            times = self.corpus.times
            ad_ids = self.corpus.ad_ids
            sizes = self.sizes
            earliest = [-1] * len(sizes)
            for ad, k in enumerate(self.cluster_of):
                best = earliest[k]
                if best < 0:
                    earliest[k] = ad
                elif sizes[k] > 1:
                    t = times[ad]
                    bt = times[best]
                    if t < bt or (t == bt and ad_ids[ad] < ad_ids[best]):
                        earliest[k] = ad
            self._earliest = earliest
        return self._earliest

    def cluster_id(self, cluster: int) -> str:
        """Stable id of cluster number ``cluster``: a hash of its earliest member's ad_id."""
        if self._id_list is not None:
            return self._id_list[cluster]
        cached = self._ids.get(cluster)
        if cached is None:
            cached = self._ids[cluster] = stable_cluster_id(
                self.corpus.ad_ids[self._earliest_members()[cluster]]
            )
        return cached

    def assignments(self) -> Iterator[Tuple[str, str, int]]:
        """(ad_id, cluster_id, cluster_size) for every ad, in input order."""
        ids = self.cluster_ids()
        cluster_of = self.cluster_of
        return zip(
            self.corpus.ad_ids,
            map(ids.__getitem__, cluster_of),
            map(self.sizes.__getitem__, cluster_of),
        )

    def cluster_ids(self) -> List[str]:
        """The stable id of every cluster number (computed once)."""
        if self._id_list is None:
            known = self._ids
            ad_ids = self.corpus.ad_ids
            self._id_list = [
                known.get(k) or stable_cluster_id(ad_ids[ad])
                for k, ad in enumerate(self._earliest_members())
            ]
        return self._id_list

    def members(self, min_size: int = 2) -> Dict[int, List[int]]:
        """Ad indexes of every cluster with at least ``min_size`` ads."""
        sizes = self.sizes
        groups: Dict[int, List[int]] = {}
        for ad, k in enumerate(self.cluster_of):
            if sizes[k] >= min_size:
                groups.setdefault(k, []).append(ad)
        return groups

    def summaries(self, min_size: int = 2) -> List[Cluster]:
        """One summary per cluster of at least ``min_size`` ads, largest first.

        Member ads are in time order (ties keep input order); ads without a time go last.
        """
        with _collector_paused():
            return self._summaries(min_size)

    def _summaries(self, min_size: int) -> List[Cluster]:
        groups = self.members(min_size)
        text_by_cluster: Dict[int, List[Tuple[int, int, float]]] = {}
        for a, b, similarity in self.text_links:
            text_by_cluster.setdefault(self.cluster_of[a], []).append((a, b, similarity))
        corpus = self.corpus
        names = corpus.id_names
        occ_id = corpus.occ_id
        occ_start = _occurrence_starts(corpus)
        times = corpus.times
        ad_ids = corpus.ad_ids
        city_of = corpus.city_of
        country_of = corpus.country_of
        place_names = corpus.place_names
        country_names = corpus.country_names
        hubs = self.hubs
        linking = self._linking
        by_time = times.__getitem__
        earliest = self._earliest_members()
        known_ids = self._ids
        id_list = self._id_list
        new_cluster = tuple.__new__
        result: List[Cluster] = []
        append = result.append
        for k, ads in groups.items():
            ads.sort(key=by_time)
            counts: Dict[int, int] = {}
            path: List[str] = []
            countries = set()
            last_place = -2
            for ad in ads:
                for number in occ_id[occ_start[ad] : occ_start[ad + 1]]:
                    counts[number] = counts.get(number, 0) + 1
                place = city_of[ad]
                if place != last_place and place >= 0:
                    path.append(place_names[place])
                    last_place = place
                countries.add(country_of[ad])
            joins: List[Tuple[int, str]] = []
            hub_names: List[str] = []
            for number, count in counts.items():
                if number in hubs:
                    hub_names.append(names[number])
                elif count > 1 and linking[number]:
                    joins.append((-count, names[number]))
            if len(joins) > 1:
                joins.sort()
            linked_text = text_by_cluster.get(k)
            first = times[ads[0]]
            last = times[ads[-1]]
            if last == _NO_TIME and first != _NO_TIME:
                last = max(t for t in map(by_time, ads) if t != _NO_TIME)
            countries.discard(-1)
            cached = id_list[k] if id_list is not None else known_ids.get(k)
            if cached is None:
                cached = known_ids[k] = stable_cluster_id(ad_ids[earliest[k]])
            cluster_id = cached
            # tuple.__new__ skips NamedTuple's Python-level __new__: ~200k clusters per 1M ads.
            append(
                new_cluster(
                    Cluster,
                    (
                        cluster_id,
                        len(ads),
                        tuple(map(ad_ids.__getitem__, ads)),
                        tuple(sorted(map(names.__getitem__, counts))),
                        tuple(path) if len(path) == 1 else tuple(sorted(set(path))),
                        tuple(sorted(map(country_names.__getitem__, countries))),
                        None if first == _NO_TIME else first,
                        None if first == _NO_TIME else last,
                        tuple(path),
                        tuple([(name, -count) for count, name in joins]) if joins else (),
                        tuple(
                            (ad_ids[a], ad_ids[b], sim)
                            for a, b, sim in sorted(linked_text, key=lambda t: -t[2])[:20]
                        )
                        if linked_text
                        else (),
                        tuple(sorted(hub_names)) if hub_names else (),
                    ),
                )
            )
        result.sort(
            key=lambda c: (
                -c.size,
                c.first_seen if c.first_seen is not None else _NO_TIME,
                c.cluster_id,
            )
        )
        return result

    def hub_list(self) -> List[Hub]:
        """Every hub, most ads first."""
        return sorted(self.hubs.values(), key=lambda h: (-h.ads, h.identifier))


def stable_cluster_id(earliest_ad_id: str) -> str:
    """The cluster id derived from its earliest member's ad_id: ``htc-`` + 16 hex."""
    return "htc-" + hashlib.blake2b(earliest_ad_id.encode("utf-8"), digest_size=8).hexdigest()


def _occurrence_starts(corpus: Corpus) -> array:
    return corpus.occ_start


def link(corpus: Corpus, config: LinkConfig = LinkConfig()) -> Linkage:
    """Group the corpus's ads into networks; hubs are reported in ``Linkage.hubs``."""
    with _collector_paused():
        return _link(corpus, config)


def _link(corpus: Corpus, config: LinkConfig) -> Linkage:
    names = corpus.id_names
    n_ids = len(names)
    occ_id = corpus.occ_id
    occ_ad = corpus.occ_ad
    link_types = config.link_types

    linking = bytearray(n_ids)
    for number, name in enumerate(names):
        if name.partition(":")[0] in link_types:
            linking[number] = 1

    degree = [0] * n_ids
    for number, count in Counter(occ_id).items():
        degree[number] = count

    hubs: Dict[int, Hub] = {}
    lowest_bridges = min(config.max_bridges, config.max_photo_bridges)
    watch = min(config.max_cities, lowest_bridges, config.max_degree)
    ads_of: Dict[int, List[int]] = {n: [] for n in range(n_ids) if linking[n] and degree[n] > watch}
    if ads_of:
        for number, ad in zip(occ_id, occ_ad):
            bucket = ads_of.get(number)
            if bucket is not None:
                bucket.append(ad)

    city_of = corpus.city_of
    times = corpus.times
    window = config.city_window_hours * 3600.0
    city_count: Dict[int, int] = {}
    for number, ads in ads_of.items():
        cities = {city_of[a] for a in ads if city_of[a] >= 0}
        city_count[number] = len(cities)
        if degree[number] > config.max_degree:
            hubs[number] = Hub(names[number], degree[number], len(cities), "degree")
        elif len(cities) > config.max_cities and degree[number] > config.max_cities:
            at_once = _cities_at_once(
                [(times[a], city_of[a]) for a in ads if city_of[a] >= 0], window
            )
            if at_once > config.max_cities:
                hubs[number] = Hub(names[number], degree[number], len(cities), "cities")

    # Business lines and placeholders seen in several ads are hubs whatever their spread,
    # settled before rule 3 so that they never group or join posters there.
    non_personal: Dict[int, str] = {}
    for number, name in enumerate(names):
        if linking[number] and degree[number] > 1 and number not in hubs:
            reason = non_personal_reason(name)
            if reason:
                non_personal[number] = reason
    if non_personal:
        cities_seen: Dict[int, Set[int]] = {n: set() for n in non_personal}
        for number, ad in zip(occ_id, occ_ad):
            if number in cities_seen and city_of[ad] >= 0:
                cities_seen[number].add(city_of[ad])
        for number, reason in non_personal.items():
            hubs[number] = Hub(names[number], degree[number], len(cities_seen[number]), reason)

    candidates = [
        n for n in ads_of if degree[n] > lowest_bridges and n not in hubs and city_count[n] >= 2
    ]
    if candidates:
        _bridging_hubs(corpus, candidates, ads_of, degree, linking, hubs, city_count, config)

    # The links: every non-hub linking identifier joins all of its ads.
    # Union-find inlined (path halving, lower index wins): ~1.5M steps per million ads.
    links = bytearray(linking)
    for number in hubs:
        links[number] = 0
    parent = list(range(len(corpus.ad_ids)))
    first_ad = [-1] * n_ids
    for number, ad in zip(occ_id, occ_ad):
        if not links[number]:
            continue
        a = first_ad[number]
        if a < 0:
            first_ad[number] = ad
            continue
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        b = ad
        while parent[b] != b:
            parent[b] = parent[parent[b]]
            b = parent[b]
        if a < b:
            parent[b] = a
        elif b < a:
            parent[a] = b
    label = [p if parent[p] == p else _find(parent, p) for p in parent]

    text_links: List[Tuple[int, int, float]] = []
    if config.text_similarity > 0 and corpus.texts is not None:
        text_links = _text_links(corpus.texts, label, config)
        if text_links:
            label = _merge_labels(label, [(a, b) for a, b, _ in text_links])
    return Linkage(corpus, label, hubs, linking, text_links)


def _groups(carried: List[List[int]], connector_key: Dict[int, int]) -> List[List[int]]:
    """The connectors of each group of ads; ads join when their connectors share a key."""
    group_of: Dict[int, int] = {}
    parent: List[int] = []
    members: List[int] = []
    for others in carried:
        present = [o for o in others if o in connector_key]
        if not present:
            continue
        keys = [group_of[connector_key[o]] for o in present if connector_key[o] in group_of]
        if keys:
            root = _find(parent, keys[0])
            for key in keys[1:]:
                other_root = _find(parent, key)
                if other_root != root:
                    parent[other_root] = root
        else:
            root = len(parent)
            parent.append(root)
        for o in present:
            group_of.setdefault(connector_key[o], root)
        members.extend(present)
    found: Dict[int, List[int]] = {}
    for o in dict.fromkeys(members):
        found.setdefault(_find(parent, group_of[connector_key[o]]), []).append(o)
    return list(found.values())


def _concurrent(spans: List[Tuple[float, float]]) -> int:
    """Most spans (first, last) covering one instant."""
    events = sorted([(first, 0) for first, _ in spans] + [(last, 1) for _, last in spans])
    best = active = 0
    for _, closing in events:
        active += -1 if closing else 1
        best = max(best, active)
    return best


def _co_occurring_keys(
    connectors: Set[int],
    own_ads: Set[int],
    ads_of: Callable[[int], Sequence[int]],
    occ_id: array,
    occ_start: array,
    via: Callable[[int], bool],
) -> Dict[int, int]:
    """Connector -> key, equal keys for connectors joined by the ads outside ``own_ads``.

    Two identifiers in one ad belong to one poster, so they can never make two groups;
    neither can two that each share an ad with a third identifier ``via`` accepts (one
    that is not itself hub-like, so one hub cannot hide another).
    """
    parent = {c: c for c in connectors}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for connector in connectors:
        for ad in ads_of(connector):
            if ad in own_ads:
                continue
            for number in occ_id[occ_start[ad] : occ_start[ad + 1]]:
                if number == connector:
                    continue
                if number not in parent:
                    if not via(number):
                        continue
                    parent[number] = number
                a, b = find(connector), find(number)
                if a != b:
                    parent[max(a, b)] = min(a, b)
    return {c: find(c) for c in connectors}


def _bridging_hubs(
    corpus: Corpus,
    candidates: List[int],
    ads_of: Dict[int, List[int]],
    degree: List[int],
    linking: bytearray,
    hubs: Dict[int, Hub],
    city_count: Dict[int, int],
    config: LinkConfig,
) -> None:
    """Flag identifiers joining more than max_bridges separate, concurrent posters (rule 3)."""
    occ_id = corpus.occ_id
    occ_start = _occurrence_starts(corpus)
    names = corpus.id_names
    # Flagging removes connectors and intermediates, so rounds repeat until no new hub
    # appears; everything depends on the set of ads only, not on their order.
    connector_ads: Dict[int, List[int]] = {}
    first_count: Dict[int, int] = {}
    intermediate_groups = min(_INTERMEDIATE_GROUPS, config.max_bridges)

    def bridge_limit(number: int) -> int:
        if names[number].startswith(_PHOTO_PREFIXES):
            return config.max_photo_bridges
        return config.max_bridges

    times = corpus.times

    def ads_for(number: int) -> Sequence[int]:
        found = ads_of.get(number)
        return found if found is not None else connector_ads.get(number, ())

    pending = sorted(candidates)
    while pending:
        flagged: List[int] = []
        suspects: List[Tuple[int, List[List[int]], Set[int]]] = []
        connectors_of: Dict[int, Set[int]] = {}
        for number in pending:
            inside: Dict[int, int] = {}
            carried: List[List[int]] = []
            for ad in ads_of[number]:
                others = []
                for pos in range(occ_start[ad], occ_start[ad + 1]):
                    other = occ_id[pos]
                    if other != number and linking[other] and other not in hubs:
                        others.append(other)
                        inside[other] = inside.get(other, 0) + 1
                carried.append(others)
            connectors = {
                other
                for other, count in inside.items()
                if degree[other] > 1
                and count * _CONNECTOR_SHARE <= degree[other]
                # Photos rotate (one operator, a new picture per ad): they would split a
                # network's own phone. Posters are told apart by what they choose.
                and not names[other].startswith(_PHOTO_PREFIXES)
            }
            connectors_of[number] = connectors
            first_groups = len(_groups(carried, {c: c for c in connectors}))
            first_count[number] = first_groups
            if first_groups > bridge_limit(number):
                suspects.append((number, carried, connectors))
        # Only for suspects: merge connectors that also meet in ads of their own.
        needed = {
            c
            for _, _, connectors in suspects
            for c in connectors
            if c not in ads_of and c not in connector_ads
        }
        if needed:
            for other, ad in zip(occ_id, corpus.occ_ad):
                if other in needed:
                    connector_ads.setdefault(other, []).append(ad)
            needed.clear()
        for number, carried, connectors in suspects:
            own = set(ads_of[number])

            def via(other: int, judged: int = number) -> bool:
                return (
                    other != judged
                    and bool(linking[other])
                    and other not in hubs
                    and first_count.get(other, 0) <= intermediate_groups
                )

            keys = _co_occurring_keys(connectors, own, ads_for, occ_id, occ_start, via)
            groups = _groups(carried, keys)
            if len(groups) <= bridge_limit(number):
                continue
            # One poster rotating burner phones uses them one after another; separate
            # posters are active at the same time. Count the groups active at once, each
            # over the whole life of its identifiers (untimed ads count as always active).
            spans = []
            for group in groups:
                moments = [times[ad] for c in group for ad in ads_for(c)]
                timed = [t for t in moments if t != _NO_TIME]
                if len(timed) < len(moments) or not timed:
                    spans.append((-_NO_TIME, _NO_TIME))
                else:
                    spans.append((min(timed), max(timed)))
            if _concurrent(spans) > bridge_limit(number):
                flagged.append(number)
        for number in flagged:
            hubs[number] = Hub(names[number], degree[number], city_count[number], "bridges")
        if not flagged:
            break
        newly = set(flagged)
        pending = [n for n in pending if n not in hubs and connectors_of[n] & newly]


def relink(prior: Corpus, new: Corpus, config: LinkConfig = LinkConfig()) -> Linkage:
    """Prior ads (e.g. from the link-state lookup) plus new ads, linked with stable ids.

    A new ad with the ad_id of a prior one replaces it. Equals ``link`` over the union.
    """
    merged = Corpus(keep_text=prior.texts is not None or new.texts is not None)
    replaced = set(new.ad_ids)
    for source in (prior, new):
        starts = _occurrence_starts(source)
        for ad, ad_id in enumerate(source.ad_ids):
            if source is prior and ad_id in replaced:
                continue
            city = source.city_of[ad]
            country = source.country_of[ad]
            merged.add(
                ad_id,
                [source.id_names[source.occ_id[p]] for p in range(starts[ad], starts[ad + 1])],
                time=None if source.times[ad] == _NO_TIME else source.times[ad],
                city=source.place_names[city] if city >= 0 else None,
                country=source.country_names[country] if country >= 0 else None,
                text=source.texts[ad] if source.texts is not None else None,
            )
    return link(merged, config)


def _merge_labels(label: List[int], pairs: Sequence[Tuple[int, int]]) -> List[int]:
    parent: Dict[int, int] = {}

    def find(x: int) -> int:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        ra, rb = find(label[a]), find(label[b])
        if ra != rb:
            if ra < rb:
                parent[rb] = ra
            else:
                parent[ra] = rb
    return [find(value) if value in parent else value for value in label]


# --- near-duplicate text -------------------------------------------------------------

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_SHINGLE_WORDS = 4
# 20 bands of 2 rows: a pair with similarity 0.5 becomes a candidate with p = 0.997,
# 0.3 with p = 0.85; every candidate is then verified exactly.
_BANDS = 20
_ROWS = 2
_PRIME = (1 << 61) - 1
_MAX_BUCKET = 200
# Fixed permutation parameters, so runs are reproducible (no per-process hash seeds).
_PERMUTATIONS = tuple(
    (
        int.from_bytes(hashlib.sha256(b"a%d" % i).digest()[:8], "big") | 1,
        int.from_bytes(hashlib.sha256(b"b%d" % i).digest()[:8], "big"),
    )
    for i in range(_BANDS * _ROWS)
)


def shingles(text: str) -> Set[int]:
    """Hashed word 4-grams of normalised text (case, accents, digits and punctuation folded)."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    words = _WORD.findall(folded)
    if len(words) < _SHINGLE_WORDS:
        return set()
    return {
        zlib.crc32(" ".join(words[i : i + _SHINGLE_WORDS]).encode("utf-8"))
        for i in range(len(words) - _SHINGLE_WORDS + 1)
    }


def jaccard(a: Set[int], b: Set[int]) -> float:
    """|a & b| / |a | b|; 0 for two empty sets."""
    if not a and not b:
        return 0.0
    common = len(a & b)
    return common / (len(a) + len(b) - common)


def _text_links(
    texts: Sequence[str], label: List[int], config: LinkConfig
) -> List[Tuple[int, int, float]]:
    sets = [shingles(t) if t else set() for t in texts]
    # Template shingles: present in ads of many identifier-clusters, so they say nothing
    # about who posted. Removing them is what stops "Hi I'm NAME, new in CITY" linking.
    clusters_of: Dict[int, Set[int]] = {}
    limit = config.text_template_clusters
    for ad, items in enumerate(sets):
        owner = label[ad]
        for s in items:
            holders = clusters_of.get(s)
            if holders is None:
                clusters_of[s] = {owner}
            elif len(holders) <= limit:
                holders.add(owner)
    # A shingle found in one ad only cannot link anything; leaving it in would only dilute
    # the similarity of two ads that differ by a name and a city.
    ads_with: Counter = Counter()
    for items in sets:
        ads_with.update(items)
    dropped = {s for s, holders in clusters_of.items() if len(holders) > limit or ads_with[s] < 2}
    residual = [items - dropped if dropped else items for items in sets]

    buckets: Dict[Tuple[int, Tuple[int, ...]], List[int]] = {}
    for ad, items in enumerate(residual):
        if len(items) < config.text_min_shingles:
            continue
        signature = [min([(a * x + b) % _PRIME for x in items]) for a, b in _PERMUTATIONS]
        for band in range(_BANDS):
            key = (band, tuple(signature[band * _ROWS : (band + 1) * _ROWS]))
            buckets.setdefault(key, []).append(ad)

    seen: Set[Tuple[int, int]] = set()
    links: List[Tuple[int, int, float]] = []
    for members in buckets.values():
        if len(members) < 2:
            continue
        # An oversized bucket is itself template-like; compare each ad to its neighbours only.
        window = len(members) if len(members) <= _MAX_BUCKET else 8
        for i, a in enumerate(members):
            for b in members[i + 1 : i + 1 + window]:
                pair = (a, b) if a < b else (b, a)
                if pair in seen:
                    continue
                seen.add(pair)
                left, right = residual[a], residual[b]
                if len(left & right) < config.text_min_shingles:
                    continue
                similarity = jaccard(left, right)
                if similarity >= config.text_similarity:
                    links.append((pair[0], pair[1], similarity))
    links.sort()
    return links


__all__ = [
    "DEFAULT_LINK_TYPES",
    "Cluster",
    "Corpus",
    "Hub",
    "LinkConfig",
    "Linkage",
    "id_type",
    "jaccard",
    "link",
    "relink",
    "shingles",
    "stable_cluster_id",
]
