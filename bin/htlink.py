#!/usr/bin/env python
"""htlink: link ads that share identifiers into networks (see searchbnf.conf)."""

from __future__ import annotations

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from htintel_bootstrap import bootstrap

logger = bootstrap("htlink")

from htintel_searchcommand import HostileTextRecords  # noqa: E402
from splunklib.searchcommands import (  # noqa: E402
    Configuration,
    EventingCommand,
    Option,
    dispatch,
    validators,
)

from htintel.ad import parse_timestamp  # noqa: E402
from htintel.link import (  # noqa: E402
    DEFAULT_CITY_WINDOW_HOURS,
    DEFAULT_MAX_BRIDGES,
    DEFAULT_MAX_CITIES,
    DEFAULT_MAX_DEGREE,
    DEFAULT_MAX_PHOTO_BRIDGES,
    Corpus,
    LinkConfig,
    link,
)
from htintel.records import ad_text, first_value  # noqa: E402

MODES = ("events", "clusters")
# mode=events holds every event until the last chunk (splunkd sends up to 50,000 per
# chunk and linking needs all of them). splunklib then builds the whole reply at once,
# so memory is about 3x the events' size plus ~1 KB each; this cap keeps it bounded.
DEFAULT_MAX_EVENTS = 250_000
# mode=clusters keeps only what linking needs: ~250 bytes per ad plus its identifiers.
DEFAULT_MAX_ADS = 5_000_000
# Multivalue fields of a cluster row are cut here so one giant network cannot flood a row.
MAX_VALUES = 1000
CLUSTER_FIELDS = (
    "ht_cluster",
    "ht_cluster_size",
    "ht_ads",
    "ht_phone",
    "ht_email",
    "ht_wallet",
    "ht_handle",
    "ht_image",
    "ht_ids",
    "ht_cities",
    "ht_countries",
    "ht_first_seen",
    "ht_last_seen",
    "ht_city_path",
    "ht_evidence",
    "ht_hubs",
)


def _values(value):
    if isinstance(value, list):
        return [v for v in value if v]
    return value.split() if value else []


def _epoch(value):
    value = first_value(value)
    if not value:
        return None
    try:
        return float(value)
    except ValueError:
        pass
    try:
        return parse_timestamp(value)
    except ValueError:
        return None


def _kind(identifier):
    head = identifier.partition(":")[0]
    if head == "phone":
        return "ht_phone"
    if head == "email":
        return "ht_email"
    if head in ("btc", "eth"):
        return "ht_wallet"
    if head in ("img", "phash"):
        return "ht_image"
    return "ht_handle"


@Configuration()
class HtLinkCommand(HostileTextRecords, EventingCommand):
    """Adds ht_cluster and ht_cluster_size (mode=events) or returns one row per network."""

    ids_field = Option(
        doc="Multivalue field with the typed identifiers (from htextract). Default: ht_ids.",
        require=False,
        default="ht_ids",
        validate=validators.Fieldname(),
    )
    mode = Option(
        doc="events: every event with ht_cluster; clusters: one row per network.",
        require=False,
        default="events",
    )
    max_degree = Option(
        doc="An identifier in more ads than this is a hub and does not link.",
        require=False,
        default=DEFAULT_MAX_DEGREE,
        validate=validators.Integer(minimum=1),
    )
    max_cities = Option(
        doc="An identifier in more cities than this within city_window_hours is a hub.",
        require=False,
        default=DEFAULT_MAX_CITIES,
        validate=validators.Integer(minimum=1),
    )
    max_bridges = Option(
        doc="A contact joining more separate posters active at once (2+ cities) is a hub.",
        require=False,
        default=DEFAULT_MAX_BRIDGES,
        validate=validators.Integer(minimum=1),
    )
    max_photo_bridges = Option(
        doc="A photo hash joining more separate posters active at once (2+ cities) is a hub.",
        require=False,
        default=DEFAULT_MAX_PHOTO_BRIDGES,
        validate=validators.Integer(minimum=1),
    )
    text_similarity = Option(
        doc="0 (off, default) or the Jaccard similarity (0..1] that links near-duplicate text.",
        require=False,
        default="0",
    )
    text_field = Option(
        doc="Field with the ad text for text_similarity. Default: title and body, else _raw.",
        require=False,
        validate=validators.Fieldname(),
    )
    id_field = Option(
        doc="Field with the ad's id. Default: ad_id.",
        require=False,
        default="ad_id",
        validate=validators.Fieldname(),
    )
    time_field = Option(
        doc="Field with the ad's time (epoch or ISO 8601). Default: _time.",
        require=False,
        default="_time",
        validate=validators.Fieldname(),
    )
    city_field = Option(
        doc="Field with the ad's city. Default: city.",
        require=False,
        default="city",
        validate=validators.Fieldname(),
    )
    country_field = Option(
        doc="Field with the ad's ISO country. Default: country.",
        require=False,
        default="country",
        validate=validators.Fieldname(),
    )
    min_size = Option(
        doc="mode=clusters: smallest network returned. Default: 2.",
        require=False,
        default=2,
        validate=validators.Integer(minimum=1),
    )
    max_events = Option(
        doc="mode=events: most events held for linking. Default: 250000.",
        require=False,
        default=DEFAULT_MAX_EVENTS,
        validate=validators.Integer(minimum=1),
    )

    def prepare(self):
        mode = str(self.mode).strip().lower()
        if mode not in MODES:
            self.error_exit(
                ValueError(self.mode),
                "Invalid value for mode: {!r}. Use one of: {}.".format(self.mode, ", ".join(MODES)),
            )
        try:
            similarity = float(self.text_similarity)
        except ValueError:
            similarity = -1.0
        if not 0.0 <= similarity <= 1.0:
            self.error_exit(
                ValueError(self.text_similarity),
                f"Invalid value for text_similarity: {self.text_similarity!r}. Use a number from 0 (off) to 1.",
            )
        self._mode = mode
        self._config = LinkConfig(
            max_degree=int(self.max_degree),
            max_cities=int(self.max_cities),
            city_window_hours=DEFAULT_CITY_WINDOW_HOURS,
            max_bridges=int(self.max_bridges),
            max_photo_bridges=int(self.max_photo_bridges),
            text_similarity=similarity,
        )
        self._corpus = Corpus(keep_text=similarity > 0)
        self._held = []
        self._field_order = {}
        self._limit = int(self.max_events) if mode == "events" else DEFAULT_MAX_ADS

    def transform(self, records):
        for record in records:
            if len(self._corpus) >= self._limit:
                self._too_many()
            self._take(record)
        # splunklib calls transform once per chunk (protocol v2); link after the last one.
        finished = self._finished if self.protocol_version == 2 else True
        if not finished:
            return
        linkage = link(self._corpus, self._config)
        hubs = linkage.hubs
        if hubs:
            top = linkage.hub_list()[:5]
            self.write_info(
                "htlink: {} hub identifiers did not link (seen in too many ads, cities or "
                "separate posters), e.g. {}".format(
                    len(hubs), ", ".join(f"{h.identifier} ({h.ads} ads, {h.reason})" for h in top)
                )
            )
        if self._mode == "events":
            yield from self._events(linkage)
        else:
            yield from self._clusters(linkage)

    def _too_many(self):
        if self._mode == "events":
            message = (
                "htlink mode=events holds every event until linking ends and this search sent "
                f"more than max_events={self._limit:,}. Narrow the search, use mode=clusters (which keeps "
                "only the identifiers), or raise max_events."
            )
        else:
            message = f"htlink links at most {self._limit:,} ads in one search; narrow the search."
        self.error_exit(RuntimeError("too many events"), message)

    def _take(self, record):
        corpus = self._corpus
        ids = _values(record.get(self.ids_field))
        ad_id = first_value(record.get(self.id_field)) or f"row-{len(corpus)}"
        text = None
        if corpus.texts is not None:
            text = self._text(record)
        corpus.add(
            ad_id,
            ids,
            time=_epoch(record.get(self.time_field)),
            city=first_value(record.get(self.city_field)) or None,
            country=first_value(record.get(self.country_field)) or None,
            text=text,
        )
        if self._mode == "events":
            for name in record:
                if name not in self._field_order:
                    self._field_order[name] = None
            self._held.append(record)

    def _text(self, record):
        return ad_text(record, self.text_field)

    def _events(self, linkage):
        held = self._held
        self._held = []
        sizes = linkage.sizes
        corpus = linkage.corpus
        hub_numbers = linkage.hubs
        names = corpus.id_names
        occ_id = corpus.occ_id
        starts = corpus.occ_start
        for ad, record in enumerate(held):
            if ad == 0:
                # splunklib takes the reply's columns from its first record.
                for name in self._field_order:
                    record.setdefault(name, "")
            k = linkage.cluster_of[ad]
            record["ht_cluster"] = linkage.cluster_id(k)
            record["ht_cluster_size"] = sizes[k]
            record["ht_hubs"] = [
                names[n] for n in occ_id[starts[ad] : starts[ad + 1]] if n in hub_numbers
            ]
            held[ad] = None
            yield record

    def _clusters(self, linkage):
        for cluster in linkage.summaries(min_size=int(self.min_size)):
            row = {name: [] for name in CLUSTER_FIELDS}
            row["_time"] = cluster.first_seen if cluster.first_seen is not None else ""
            row["ht_cluster"] = cluster.cluster_id
            row["ht_cluster_size"] = cluster.size
            row["ht_ads"] = list(cluster.ad_ids[:MAX_VALUES])
            for value in cluster.identifiers:
                row[_kind(value)].append(
                    value.partition(":")[2] if _kind(value) in ("ht_phone", "ht_email") else value
                )
            for name in ("ht_phone", "ht_email", "ht_wallet", "ht_handle", "ht_image"):
                row[name] = row[name][:MAX_VALUES]
            row["ht_ids"] = list(cluster.identifiers[:MAX_VALUES])
            row["ht_cities"] = list(cluster.cities)
            row["ht_countries"] = list(cluster.countries)
            row["ht_first_seen"] = cluster.first_seen if cluster.first_seen is not None else ""
            row["ht_last_seen"] = cluster.last_seen if cluster.last_seen is not None else ""
            row["ht_city_path"] = " -> ".join(cluster.city_path[:MAX_VALUES])
            row["ht_evidence"] = list(cluster.evidence()[:MAX_VALUES])
            row["ht_hubs"] = list(cluster.hubs)
            yield row


if __name__ == "__main__":
    dispatch(HtLinkCommand, sys.argv, sys.stdin, sys.stdout, __name__)
