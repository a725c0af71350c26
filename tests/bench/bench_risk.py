"""Benchmark htrisk: in-process rates and throughput through the chunked protocol v2.

Run from the repository root: ``.venv/bin/python -B tests/bench/bench_risk.py [--ads N]``.

It generates a deterministic corpus of ads in eight languages (a third carry indicator
phrases, some emoji, half without a crawler language so identification runs), then prints:

  (a) htintel.lang.identify, in-process, ads/s;
  (b) htintel.risk.assess (identification included), in-process, ads/s;
  (c) htintel.geo.resolve on the corpus's city strings (cached index), lookups/s;
  (d) htrisk through the protocol, ads/s;
  (e) a no-op streaming command through the same protocol in the same run, ads/s;
  (f), (g) the same two commands reading the pre-encoded protocol input from a file, so
      that the harness's CSV encoding and decoding (which runs in parallel on another core
      and bounds (e)) is out of the way: the commands' own costs;

and the ratios (d)/(e) and (f)/(g), each from the run pair with the median ratio. The package is built with ``package.sh --skip-appinspect`` unless
build/htintel exists (``--rebuild`` forces it); the no-op command
(tests/bench/noop_command/htnoop.py, shared with bench_extract) runs from a temporary copy
of the built app and never ships. Nothing here asserts on time.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from typing import Dict, List, Optional, Sequence, Tuple

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path[:0] = [os.path.join(REPO, "bin"), os.path.join(REPO, "tests")]

from benchkit import command_alone_seconds, median_pair, private_app, splunk_python  # noqa: E402
from protocol.harness import (  # noqa: E402
    run_command,
)

from htintel import geo, lang, risk  # noqa: E402

CHUNK_ROWS = 10_000

# Per language: (filler sentences, indicator sentences, cities).
CORPUS: Dict[str, Tuple[Sequence[str], Sequence[str], Sequence[str]]] = {
    "en": (
        (
            "Sweet and discreet, upscale experience in a clean and safe location.",
            "Donations: $150/hr, $250 for 2 hrs, serious gentlemen only.",
            "34-24-36, 5'6\", 120 lbs, real pics, no blocked calls.",
            "Licensed massage therapist, Swedish and deep tissue, book online.",
            "Warehouse associates wanted, full time, benefits after 90 days.",
        ),
        (
            "New in town, barely legal and ready 🍒",
            "My girls are waiting, ask for her.",
            "Available 24/7, incall only.",
            "Housing provided, no documents needed.",
        ),
        ("Houston, TX", "downtown Dallas", "NYC", "Portland, OR", "Las Vegas"),
    ),
    "es": (
        (
            "Hola amor, fotos 100% reales, trato de novios.",
            "Masajes relajantes, 50€ media hora.",
            "Se busca camarero con experiencia para restaurante, contrato indefinido.",
        ),
        (
            "Nueva en la ciudad, jovencita recién cumplidos 18.",
            "Sin papeles, alojamiento incluido.",
            "Mis chicas te esperan 🌹",
        ),
        ("Madrid", "CDMX", "Bogotá", "Valencia", "Barcelona"),
    ),
    "fr": (
        (
            "Jolie brune, photos réelles, de 10h à 20h.",
            "Massage relaxant sur rendez-vous, 60€ l'heure.",
            "Recherche serveur pour brasserie, CDI, temps plein.",
        ),
        ("Nouvelle en ville, elle est disponible 24h/24.", "Sans papiers, logement fourni."),
        ("Paris 75008", "Lyon", "Marseille", "Bruxelles", "Montréal"),
    ),
    "pt": (
        (
            "Oi amor, fotos reais, atendo em local próprio.",
            "Vaga para auxiliar administrativo, carteira assinada.",
        ),
        ("Novinha recém chegada, 18 aninhos.", "Sem documentos, moradia inclusa."),
        ("Sao Paulo", "Rio de Janeiro", "Lisboa", "Belo Horizonte"),
    ),
    "ru": (
        (
            "Стройная, фото реальные, 3000 руб/час.",
            "Требуется продавец в магазин, официальное трудоустройство.",
        ),
        (
            "Новенькая молоденькая, без выездов.",
            "Без документов, жилье предоставляется, отработать долг.",
        ),
        ("Москва", "Санкт-Петербург", "Новосибирск", "Екатеринбург"),
    ),
    "zh": (
        ("年轻漂亮，服务好，价格300元。", "招聘服务员，五险一金，双休。"),
        ("新到学生妹，无需证件。", "多名美女，包吃住。"),
        ("北京", "上海", "广州", "深圳"),
    ),
    "de": (
        (
            "Süße Studentin, diskret, Massage-Studio, 60 Min 80€.",
            "Verkäufer gesucht, Vollzeit, unbefristet.",
        ),
        ("Neu in der Stadt, young and fresh.",),
        ("Berlin", "München", "Köln", "Hamburg"),
    ),
    "it": (
        (
            "Ciao, foto reali, massaggi rilassanti dalle 10:00 alle 21:00.",
            "Cerchiamo cameriere, contratto a tempo pieno.",
        ),
        ("Sono nuova in città, my girl is available 🍭",),
        ("Roma", "Milano", "Napoli", "Torino"),
    ),
}
WEIGHTS = {"en": 40, "es": 14, "fr": 9, "pt": 9, "ru": 8, "zh": 8, "de": 6, "it": 6}


def make_corpus(count: int, seed: int = 20240601) -> List[Dict[str, str]]:
    """Deterministic ads: 3-6 sentences each, a third with one or two indicator sentences."""
    rng = random.Random(seed)
    languages = [code for code, weight in WEIGHTS.items() for _ in range(weight)]
    ads = []
    for index in range(count):
        code = rng.choice(languages)
        filler, indicators, cities = CORPUS[code]
        sentences = [rng.choice(filler) for _ in range(rng.randint(3, 6))]
        if rng.random() < 0.33:
            for _ in range(rng.randint(1, 2)):
                sentences.insert(rng.randrange(len(sentences) + 1), rng.choice(indicators))
        ads.append(
            {
                "ad_id": f"ad{index:07d}",
                "site": "example",
                "url": f"https://example.com/ads/{index}",
                "title": sentences[0][:60],
                "body": " ".join(sentences),
                "city": rng.choice(cities),
                "country": "",
                "language": code if rng.random() < 0.5 else "",
                "price": str(rng.choice((60, 100, 150, 200, 300))),
                "price_median": "200",
            }
        )
    return ads


def rate(count: int, seconds: float) -> float:
    return count / seconds if seconds > 0 else float("inf")


def bench_in_process(ads: Sequence[Dict[str, str]]) -> Tuple[float, float, float]:
    texts = [ad["title"] + "\n" + ad["body"] for ad in ads]
    lexicon = risk.default_lexicon()
    geo.load_index()
    start = time.perf_counter()
    for text in texts:
        lang.identify(text)
    lang_rate = rate(len(texts), time.perf_counter() - start)
    start = time.perf_counter()
    for ad, text in zip(ads, texts):
        risk.assess(
            text,
            language=ad["language"] or None,
            price=ad["price"],
            price_median=ad["price_median"],
            indicators=lexicon,
        )
    risk_rate = rate(len(texts), time.perf_counter() - start)
    start = time.perf_counter()
    for ad in ads:
        geo.resolve(ad["city"])
    geo_rate = rate(len(ads), time.perf_counter() - start)
    return lang_rate, risk_rate, geo_rate


def bench_protocol(
    python: str, app_dir: str, command: str, chunks: List[List[Dict[str, str]]]
) -> float:
    start = time.perf_counter()
    result = run_command(python, app_dir, command, [], chunks, timeout=900)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"{command} failed: {result.stderr[-2000:]}")
    return rate(sum(len(c) for c in chunks), elapsed)


def bench_command_only(
    python: str, app_dir: str, command: str, chunks: List[List[Dict[str, str]]]
) -> float:
    return rate(
        sum(len(c) for c in chunks), command_alone_seconds(python, app_dir, command, chunks)
    )


def main(argv: Optional[Sequence[str]] = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ads", type=int, default=30_000)
    parser.add_argument(
        "--repeats", type=int, default=3, help="alternating protocol runs; best of each"
    )
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args(argv)

    ads = make_corpus(args.ads)
    chunks = [ads[i : i + CHUNK_ROWS] for i in range(0, len(ads), CHUNK_ROWS)]
    python = splunk_python()
    print(
        f"corpus: {len(ads)} ads, {len(chunks)} chunk(s), mean body {sum(len(a['body']) for a in ads) // len(ads)} chars"
    )
    print(f"python: {python}")

    lang_rate, risk_rate, geo_rate = bench_in_process(ads)
    protocol_pairs: List[Tuple[float, float]] = []
    alone_pairs: List[Tuple[float, float]] = []
    with tempfile.TemporaryDirectory(prefix="htintel-bench-") as scratch:
        bench_app = private_app(scratch, args.rebuild, bench_commands=True)
        # Alternated, so that machine load affects both alike (see median_pair).
        for _ in range(args.repeats):
            protocol_pairs.append(
                (
                    bench_protocol(python, bench_app, "htrisk", chunks),
                    bench_protocol(python, bench_app, "htnoop", chunks),
                )
            )
            alone_pairs.append(
                (
                    bench_command_only(python, bench_app, "htrisk", chunks),
                    bench_command_only(python, bench_app, "htnoop", chunks),
                )
            )
    htrisk_rate, noop_rate = median_pair(protocol_pairs)
    htrisk_alone, noop_alone = median_pair(alone_pairs)

    print(f"(a) lang.identify in-process     {lang_rate:10,.0f} ads/s")
    print(f"(b) risk.assess in-process       {risk_rate:10,.0f} ads/s")
    print(f"(c) geo.resolve in-process       {geo_rate:10,.0f} lookups/s")
    print(f"(d) htrisk via protocol          {htrisk_rate:10,.0f} ads/s")
    print(f"(e) no-op command via protocol   {noop_rate:10,.0f} ads/s")
    print(f"(d)/(e) = {htrisk_rate / noop_rate:.2f}")
    print(f"(f) htrisk alone, input from a file {htrisk_alone:10,.0f} ads/s")
    print(f"(g) no-op alone, input from a file  {noop_alone:10,.0f} ads/s")
    print(
        f"(f)/(g) = {htrisk_alone / noop_alone:.2f}  (the command's own cost; splunkd's side is not Python)"
    )


if __name__ == "__main__":
    main()
