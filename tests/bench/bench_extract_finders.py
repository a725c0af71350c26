"""Micro-benchmark of the email, wallet, handle and URL finders: microseconds per call.

Run from the repository root: .venv/bin/python -B tests/bench/bench_extract_finders.py
Each finder runs on a few typical ads (plain, with identifiers, obfuscated, non-Latin)
and on the mix. Figures are CPU time (time.process_time), best of several repeats, so other
work on a shared machine inflates them less than wall-clock time would. The email and URL
finders cache the validation of domains and addresses, and every ad here is run many times:
the figures are those of a warm cache (a feed that repeats its contacts).
"""

from __future__ import annotations

import os
import sys
import time
import timeit
from typing import Callable, Dict, List

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "bin"))

from htintel.extract.emails import find_emails
from htintel.extract.handles import find_handles
from htintel.extract.urls import find_urls
from htintel.extract.wallets import find_wallets

ADS: Dict[str, str] = {
    "plain_en": (
        "Hi gentlemen, I'm Bella, a sweet and discreet 24 yo girl new in town. Available for "
        "incall and outcall 24/7. Rates: 150 roses per hour, 250 two hours. Call or text me at "
        "617-555-0123. No blocked calls. Real pictures, 100% me. Located near downtown, safe "
        "and clean place, parking available. Kisses!"
    ),
    "plain_es": (
        "Hola amor, soy Valentina, colombiana de 23 años, recién llegada a la ciudad. Atiendo "
        "en mi departamento privado y a domicilio. Llámame o escríbeme al 55 1234 5678. Besos."
    ),
    "identifiers_en": (
        "New girl Amber!! kik: amber_x22 snap - amberxo IG @amber.rose22 email amber22 at gmail "
        "dot com. Pay deposit BTC bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq. See "
        "www.amber-escorts.com/gallery or t.me/amberxo22"
    ),
    "obfuscated": (
        "b e l l a @ g m a i l . c o m or bella (at) yahoo [dot] com, gmail: bella.rose.99, "
        "wa.me/16175550123, 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"
    ),
    "cjk_ko": "新到美女 24岁 微信号：lovely_88 电话 138 0013 8000. 카톡 bella22 라인 amber88",
    # Ads without identifiers in scripts the finders must skip cheaply.
    "plain_ru": (
        "Новенькая, 20 лет, стройная, фото реальные. Работаю круглосуточно, выезд и у себя. "
        "Звоните или пишите: восемь девять два пять, спросить Анну. Только серьёзные мужчины."
    ),
    "plain_zh": "新到学生妹，年轻漂亮，服务好。价格300元，营业时间10:00-23:00。包吃住，日结。",
}

FINDERS: Dict[str, Callable[[str], object]] = {
    "emails": find_emails,
    "wallets": find_wallets,
    "handles": find_handles,
    "urls": lambda text: find_urls(text, "www.example.com"),
}


def microseconds_per_call(finder: Callable[[str], object], texts: List[str]) -> float:
    """Best-of-5 mean time of one call, over ``texts`` in turn."""
    number = 2000

    def run() -> None:
        for text in texts:
            finder(text)

    best = min(timeit.repeat(run, number=number, repeat=5, timer=time.process_time))
    return best / (number * len(texts)) * 1e6


def main() -> None:
    names = [*ADS, "mix"]
    print(f"{'finder':<8} " + " ".join(f"{name:>15}" for name in names) + "   (µs per call)")
    total = {name: 0.0 for name in names}
    for finder_name, finder in FINDERS.items():
        row = []
        for name in names:
            texts = list(ADS.values()) if name == "mix" else [ADS[name]]
            figure = microseconds_per_call(finder, texts)
            total[name] += figure
            row.append(f"{figure:15.2f}")
        print(f"{finder_name:<8} " + " ".join(row))
    print(f"{'all four':<8} " + " ".join(f"{total[name]:15.2f}" for name in names))


if __name__ == "__main__":
    main()
