"""The local command line: the HT Intel pipeline on files, without Splunk.

    python -m htintel demo --out demo-output     # sample crawl -> networks, in the terminal
    python -m htintel sample --out DIR           # only write the sample crawl and its truth
    python -m htintel link FILE... [--csv OUT]   # link crawler feed files into networks

Each stage is the library function the Splunk commands use: the feed reader, extraction,
risk scoring, geo and linking.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
import time
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Dict, Iterator, List, Optional, Sequence, TextIO, Tuple

from htintel import geo, risk
from htintel.ad import Ad
from htintel.extract import extract
from htintel.feed import read_feed_file
from htintel.link import Cluster, Corpus, Linkage, LinkConfig, link
from htintel.sample import SampleConfig, read_truth, write_sample


@dataclass(frozen=True)
class PipelineStats:
    files: int
    ads: int
    quarantined: int
    ids_by_type: Dict[str, int]
    risky_ads: int  # risk score >= 50
    top_indicators: Tuple[Tuple[str, int], ...]
    geo_resolved: int
    seconds: float


def image_ids(ad: Ad) -> List[str]:
    """The ad's photos as typed identifiers: img:<sha256> and phash:<16 hex>."""
    ids: List[str] = []
    for image in ad.images:
        if image.sha256:
            ids.append("img:" + image.sha256)
        if image.phash:
            ids.append("phash:" + image.phash)
    return ids


def read_ads(paths: Sequence[str]) -> Iterator[Tuple[Optional[Ad], str]]:
    """(ad, "") for each valid record of the feed files, (None, reason) for each reject."""
    for path in paths:
        for item in read_feed_file(path):
            if item.ad is not None:
                yield item.ad, ""
            else:
                yield None, f"{path}:{item.line}: {item.error}"


def run_pipeline(
    paths: Sequence[str], config: LinkConfig, err: TextIO = sys.stderr
) -> Tuple[Linkage, Dict[str, int], PipelineStats]:
    """Feed files -> extraction, risk, geo -> linked corpus; returns risk score per ad_id too."""
    started = time.perf_counter()
    lexicon = risk.compile_indicators(risk.load_indicators())
    corpus = Corpus(keep_text=config.text_similarity > 0)
    scores: Dict[str, int] = {}
    by_type: Counter = Counter()
    indicators: Counter = Counter()
    quarantined = resolved = ads = 0
    for ad, problem in read_ads(paths):
        if ad is None:
            quarantined += 1
            if quarantined <= 5:
                err.write(f"quarantined {problem[:300]}\n")
            continue
        ads += 1
        found = extract(ad.text, country=ad.country, city=ad.city, url=ad.url)
        ids = list(found.ids) + image_ids(ad)
        by_type.update(value.partition(":")[0] for value in ids)
        assessment = risk.assess(ad.text, language=ad.language, price=ad.price, indicators=lexicon)
        scores[ad.ad_id] = assessment.score
        indicators.update(assessment.indicators)
        place = geo.resolve(ad.city, ad.region, ad.country)
        if place is not None:
            resolved += 1
        corpus.add(
            ad.ad_id,
            ids,
            time=ad.event_time(),
            city=ad.city or (place.name if place else None),
            country=ad.country or (place.country if place else None),
            text=ad.text,
        )
    linkage = link(corpus, config)
    stats = PipelineStats(
        files=len(paths),
        ads=ads,
        quarantined=quarantined,
        ids_by_type=dict(by_type.most_common()),
        risky_ads=sum(1 for s in scores.values() if s >= 50),
        top_indicators=tuple(indicators.most_common(5)),
        geo_resolved=resolved,
        seconds=time.perf_counter() - started,
    )
    return linkage, scores, stats


def pairwise_quality(linkage: Linkage, truth: Dict[str, str]) -> Tuple[float, float]:
    """Pairwise precision and recall of the linkage against ad_id -> true network."""
    pairs: Counter = Counter()
    predicted: Counter = Counter()
    actual: Counter = Counter()
    for ad_id, k in zip(linkage.corpus.ad_ids, linkage.cluster_of):
        network = truth.get(ad_id, "?" + ad_id)
        pairs[(network, k)] += 1
        predicted[k] += 1
        actual[network] += 1

    def count(counter: Counter) -> int:
        return sum(n * (n - 1) // 2 for n in counter.values())

    both, found, real = count(pairs), count(predicted), count(actual)
    return (both / found if found else 1.0), (both / real if real else 1.0)


def _day(epoch: Optional[float]) -> str:
    if epoch is None:
        return "?"
    return datetime.fromtimestamp(epoch, tz=timezone.utc).strftime("%Y-%m-%d")


def _short(values: Sequence[str], limit: int) -> str:
    shown = ", ".join(values[:limit])
    return shown + (f" (+{len(values) - limit} more)" if len(values) > limit else "")


def print_report(
    linkage: Linkage,
    scores: Dict[str, int],
    stats: PipelineStats,
    out: TextIO,
    top: int = 8,
    truth: Optional[Dict[str, str]] = None,
) -> List[Cluster]:
    """The terminal report: pipeline counts, top networks, hubs, counts by country and city."""
    networks = linkage.summaries(min_size=2)
    write = out.write
    write(
        f"\n{stats.ads:,} ads from {stats.files} feed files ({stats.quarantined} quarantined) "
        f"in {stats.seconds:.1f} s\n"
    )
    write("identifiers: " + ", ".join(f"{k} {v:,}" for k, v in stats.ids_by_type.items()) + "\n")
    write(
        f"risk: {stats.risky_ads:,} ads scored 50+; top indicators: "
        + ", ".join(f"{code} {n}" for code, n in stats.top_indicators)
        + "\n"
    )
    write(f"geo: {stats.geo_resolved:,} ads placed on the map\n")
    in_networks = sum(c.size for c in networks)
    write(
        f"linking: {len(networks):,} networks of 2+ ads hold {in_networks:,} ads; "
        f"{len(linkage.hubs)} hub identifiers held back\n"
    )
    if truth:
        precision, recall = pairwise_quality(linkage, truth)
        write(
            f"against the planted truth: pairwise precision {precision:.3f}, recall {recall:.3f}\n"
        )

    write(f"\nTop {min(top, len(networks))} networks\n")
    for rank, cluster in enumerate(networks[:top], 1):
        held = set(cluster.hubs)
        by_type = cluster.identifiers_by_type()
        phones = [p.partition(":")[2] for p in by_type.get("phone", ()) if p not in held]
        others = [v for k, vs in by_type.items() if k != "phone" for v in vs if v not in held]
        max_risk = max(scores.get(a, 0) for a in cluster.ad_ids)
        write(
            f"\n#{rank} {cluster.cluster_id}: {cluster.size} ads, {_day(cluster.first_seen)} .. "
            f"{_day(cluster.last_seen)}, countries {', '.join(cluster.countries)}, max risk {max_risk}\n"
        )
        write(f"   phones: {_short(phones, 4) or '-'}\n")
        write(f"   other ids: {_short([o[:40] for o in others], 4) or '-'}\n")
        write(f"   cities: {_short(list(cluster.cities), 6)}\n")
        write(f"   path: {_short(list(cluster.city_path), 8).replace(', ', ' -> ')}\n")
        for line in cluster.evidence()[:3]:
            write(f"   evidence: {line}\n")
        if cluster.hubs:
            write(f"   hubs present (not linking): {_short(list(cluster.hubs), 3)}\n")

    hub_list = linkage.hub_list()
    if hub_list:
        write("\nHub identifiers (reported, never linking)\n")
        for hub in hub_list[:8]:
            write(
                f"   {hub.identifier[:60]}: {hub.ads} ads, {hub.cities} cities, rule {hub.reason}\n"
            )

    corpus = linkage.corpus
    ads_by_country: Counter = Counter()
    ads_by_city: Counter = Counter()
    for ad in range(len(corpus)):
        country = corpus.country_of[ad]
        city = corpus.city_of[ad]
        ads_by_country[corpus.country_names[country] if country >= 0 else "?"] += 1
        ads_by_city[corpus.place_names[city] if city >= 0 else "?"] += 1
    nets_by_country: Counter = Counter()
    nets_by_city: Counter = Counter()
    for cluster in networks:
        nets_by_country.update(cluster.countries)
        nets_by_city.update(cluster.cities)
    write("\nAds and networks by country\n")
    for country, n in ads_by_country.most_common():
        write(f"   {country:4} {n:6,} ads {nets_by_country[country]:5,} networks\n")
    write("\nAds and networks by city (top 15)\n")
    for city, n in ads_by_city.most_common(15):
        write(f"   {city:20} {n:6,} ads {nets_by_city[city]:5,} networks\n")
    return networks


def _config(args: argparse.Namespace) -> LinkConfig:
    return LinkConfig(
        max_degree=args.max_degree,
        max_cities=args.max_cities,
        max_bridges=args.max_bridges,
        max_photo_bridges=args.max_photo_bridges,
        text_similarity=args.text_similarity,
    )


def cmd_demo(args: argparse.Namespace, out: TextIO) -> int:
    started = time.perf_counter()
    files = write_sample(args.out, SampleConfig(seed=args.seed))
    out.write(
        f"Sample crawl: {files.ads:,} ads in {len(files.feed_files)} files under {files.feed_dir}\n"
    )
    out.write(f"Truth (network of each ad): {files.truth_file}\n")
    linkage, scores, stats = run_pipeline(files.feed_files, _config(args))
    print_report(linkage, scores, stats, out, top=args.top, truth=read_truth(files.truth_file))
    path = os.path.join(args.out, "networks.csv")
    write_assignments(linkage, path)
    out.write(f"\nAssignments (ad_id, ht_cluster, ht_cluster_size): {path}\n")
    out.write(f"Demo finished in {time.perf_counter() - started:.1f} s\n")
    return 0


def cmd_sample(args: argparse.Namespace, out: TextIO) -> int:
    files = write_sample(args.out, SampleConfig(seed=args.seed))
    out.write(
        f"{files.ads:,} ads in {len(files.feed_files)} files under {files.feed_dir}; truth {files.truth_file}\n"
    )
    return 0


def cmd_link(args: argparse.Namespace, out: TextIO) -> int:
    missing = [p for p in args.files if not os.path.isfile(p)]
    if missing:
        sys.stderr.write(f"no such file: {', '.join(missing)}\n")
        return 2
    linkage, scores, stats = run_pipeline(args.files, _config(args))
    print_report(linkage, scores, stats, out, top=args.top)
    if args.csv:
        write_assignments(linkage, args.csv)
        out.write(f"\nAssignments: {args.csv}\n")
    return 0


def write_assignments(linkage: Linkage, path: str) -> None:
    """CSV of ad_id, ht_cluster, ht_cluster_size (the shape of htlink mode=events)."""
    with open(path, "w", encoding="utf-8", newline="") as target:
        writer = csv.writer(target)
        writer.writerow(["ad_id", "ht_cluster", "ht_cluster_size"])
        writer.writerows(linkage.assignments())


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m htintel", description="HT Intel without Splunk."
    )
    commands = parser.add_subparsers(dest="command", required=True)

    def link_options(sub: argparse.ArgumentParser) -> None:
        defaults = LinkConfig()
        sub.add_argument("--max-degree", type=int, default=defaults.max_degree)
        sub.add_argument("--max-cities", type=int, default=defaults.max_cities)
        sub.add_argument("--max-bridges", type=int, default=defaults.max_bridges)
        sub.add_argument("--max-photo-bridges", type=int, default=defaults.max_photo_bridges)
        sub.add_argument("--text-similarity", type=float, default=defaults.text_similarity)
        sub.add_argument("--top", type=int, default=8, help="networks to print")

    demo = commands.add_parser("demo", help="generate a sample crawl and run the pipeline on it")
    demo.add_argument("--out", default="demo-output", help="directory for the crawl and results")
    demo.add_argument("--seed", type=int, default=7)
    link_options(demo)
    demo.set_defaults(handler=cmd_demo)

    sample = commands.add_parser("sample", help="write the sample crawl and its truth only")
    sample.add_argument("--out", required=True)
    sample.add_argument("--seed", type=int, default=7)
    sample.set_defaults(handler=cmd_sample)

    linker = commands.add_parser("link", help="link crawler feed files (.jsonl, .jsonl.gz, .json)")
    linker.add_argument("files", nargs="+")
    linker.add_argument("--csv", help="also write ad_id, ht_cluster, ht_cluster_size here")
    link_options(linker)
    linker.set_defaults(handler=cmd_link)
    return parser


def main(argv: Optional[Sequence[str]] = None, out: TextIO = sys.stdout) -> int:
    """Entry point of ``python -m htintel``; returns the exit status."""
    args = build_parser().parse_args(argv)
    if getattr(args, "text_similarity", 0.0) and not 0.0 <= args.text_similarity <= 1.0:
        sys.stderr.write("--text-similarity must be between 0 and 1\n")
        return 2
    return int(args.handler(args, out))
