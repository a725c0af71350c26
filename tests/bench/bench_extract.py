"""Benchmark htextract: throughput in-process and through the chunked protocol, and accuracy.

Run from the repository root: ``.venv/bin/python -B tests/bench/bench_extract.py [--ads N]``.

It generates a deterministic corpus of realistic ads (8 languages, 0-4 identifiers each, a
share obfuscated, identifiers reused across ads with a heavy-tailed distribution as in real
feeds), then prints ads/s for:

  (a) the library (``htintel.extract.extract``) in-process;
  (b) htextract through the chunked protocol v2 (tests/protocol/harness.py);
  (c) a no-op splunklib streaming command through the same protocol;
  (d) a baseline command running phonenumbers' PhoneNumberMatcher per ad;

and the ratios (b)/(c) and (b)/(d), (b) and (c) from the alternated run pair with the median
ratio, then the two commands alone on a pre-encoded input file, then phone recall/precision of htextract and of the
baseline on the corpus, and micro P/R/F1 on the labelled development set
(tests/unit/extract/devset.jsonl), and on any other labelled set given with ``--labelled
PATH`` (such as the blind sets kept outside the repository, README -> htextract). The package is built with ``package.sh --skip-appinspect``
unless build/htintel exists (``--rebuild`` forces it); (c) and (d) run from a temporary copy
of the built app with tests/bench/noop_command/*.py added to its bin/ (never shipped).
Protocol figures include the harness's own CSV encoding and decoding (the same records
for every command); the line "harness share" says how much of the time that is.
Nothing here asserts on time.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import tempfile
import time
from typing import Dict, List, Optional, Sequence, Tuple

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path[:0] = [
    os.path.join(REPO, "bin"),
    os.path.join(REPO, "tests"),
    os.path.join(REPO, "tests", "unit", "extract"),
]

import phonenumbers  # noqa: E402
from benchkit import command_alone_seconds, median_pair, private_app, splunk_python  # noqa: E402
from devset_scoring import load_devset, score_devset  # noqa: E402
from protocol.harness import decode_records, encode_records, run_command  # noqa: E402

from htintel.extract import extract  # noqa: E402
from htintel.extract.wallets import base58check_encode  # noqa: E402

CHUNK_ROWS = 50_000  # splunkd's largest chunk

# Per language: the countries its ads come from, filler sentences (with the usual traps:
# prices, measurements, ages, dates, times) and the digit words used to spell numbers.
LANGUAGES: Dict[str, Dict[str, Sequence[str]]] = {
    "en": {
        "countries": ("US", "US", "US", "GB", "AU", "CA"),
        "filler": (
            "Hey gentlemen, new in town, 100% real pics.",
            "Sweet and discreet, available 24/7 for incall and outcall.",
            "Donations: $150/hr, $250 for 2 hrs, no negotiation.",
            "34-24-36, 5'6\", 120 lbs, age 23.",
            "No law enforcement, no blocked calls, serious gentlemen only.",
            "Posted 12/05/2024 at 10:30, ad ID 88231.",
            "Upscale GFE experience, clean and safe location near downtown.",
            "Hiring hostesses, $800-$1200 per week, housing provided.",
        ),
        "digits": ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"),
        "call": ("Call or text", "Text me at", "My number:", "Call"),
    },
    "es": {
        "countries": ("ES", "MX", "CO", "AR"),
        "filler": (
            "Hola amor, soy nueva en la ciudad, fotos 100% reales.",
            "Masajes relajantes, 50€ media hora, 80€ la hora.",
            "Medidas 90-60-90, 1,65 m, 25 años.",
            "Horario de 10:00 a 22:00, todos los días.",
            "Se buscan señoritas para trabajar, buen sueldo, alojamiento incluido.",
            "Solo hombres educados, sin números privados.",
        ),
        "digits": (
            "cero",
            "uno",
            "dos",
            "tres",
            "cuatro",
            "cinco",
            "seis",
            "siete",
            "ocho",
            "nueve",
        ),
        "call": ("Llámame al", "Tel", "Whatsapp", "Informes al"),
    },
    "fr": {
        "countries": ("FR", "FR", "BE", "CA"),
        "filler": (
            "Nouvelle à Paris, jolie brune de 23 ans, photos réelles.",
            "Massage naturiste, 100€ l'heure, de 10h à 20h.",
            "Mensurations 95-65-100, 1m70, 60kg.",
            "Disponible du 12.06.2024 au 20.06.2024.",
            "Pas de numéros masqués, pas de SMS.",
        ),
        "digits": ("zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf"),
        "call": ("Appelle-moi au", "Tél :", "Contact", "Numéro :"),
    },
    "pt": {
        "countries": ("BR", "BR", "PT"),
        "filler": (
            "Oi amor, sou nova na cidade, fotos reais.",
            "Cachê R$ 200 a hora, atendo em local próprio.",
            "1,68m, 58kg, manequim 38, 22 aninhos.",
            "Atendimento das 10:00 às 22:00.",
            "Trabalho no exterior para meninas, passagem paga.",
        ),
        "digits": ("zero", "um", "dois", "três", "quatro", "cinco", "seis", "sete", "oito", "nove"),
        "call": ("Whats:", "Liga pra mim:", "Contato", "Ligue"),
    },
    "ru": {
        "countries": ("RU",),
        "filler": (
            "Новенькая, 20 лет, стройная, фото реальные.",
            "Массаж, релакс, 3000 руб/час.",
            "Грудь 3, рост 165, вес 52.",
            "Работа для девушек за границей, высокий доход.",
            "Дата 01.07.2024, время 18:00-20:00.",
        ),
        "digits": (
            "ноль",
            "один",
            "два",
            "три",
            "четыре",
            "пять",
            "шесть",
            "семь",
            "восемь",
            "девять",
        ),
        "call": ("Звони:", "Тел.", "Номер", "Пиши"),
    },
    "zh": {
        "countries": ("CN", "CN", "TW", "HK"),
        "filler": (
            "新到学生妹，年轻漂亮，服务好。",
            "高薪招聘女公关，包吃住，日结。",
            "价格300元，营业时间10:00-23:00。",
            "身高165，年龄二十三岁，34D。",
        ),
        "digits": ("零", "一", "二", "三", "四", "五", "六", "七", "八", "九"),
        "call": ("电话：", "联系电话", "手机", "电话"),
    },
    "de": {
        "countries": ("DE", "DE", "AT", "CH"),
        "filler": (
            "Neu in der Stadt! Süße Studentin, 21 Jahre, diskret.",
            "Massage-Studio, 60 Min 80€, Öffnungszeiten 10:00-22:00.",
            "75B, 1,68 m, PLZ 10115.",
            "Modelle gesucht, Verdienst 5000€ im Monat.",
        ),
        "digits": (
            "null",
            "eins",
            "zwei",
            "drei",
            "vier",
            "fünf",
            "sechs",
            "sieben",
            "acht",
            "neun",
        ),
        "call": ("Ruf an:", "Tel.", "Termine unter", "Handy"),
    },
    "it": {
        "countries": ("IT",),
        "filler": (
            "Ciao sono nuova in città, 25 anni, foto reali.",
            "Massaggi rilassanti, 50€ mezz'ora, dalle 10:00 alle 21:00.",
            "Misure 90-60-90, CAP 00185.",
            "Cerchiamo ragazze per lavoro all'estero.",
        ),
        "digits": (
            "zero",
            "uno",
            "due",
            "tre",
            "quattro",
            "cinque",
            "sei",
            "sette",
            "otto",
            "nove",
        ),
        "call": ("Chiamami al", "Tel.", "Cell.", "Solo whatsapp:"),
    },
}
LANGUAGE_WEIGHTS = {"en": 40, "es": 14, "fr": 9, "pt": 9, "ru": 8, "zh": 8, "de": 6, "it": 6}
# National mobile (or main) number shapes to draw valid numbers from: prefix + random digits.
NUMBER_SHAPES: Dict[str, Tuple[str, int]] = {
    "US": ("", 10), "GB": ("07", 9), "AU": ("04", 8), "CA": ("", 10), "ES": ("6", 8),
    "MX": ("55", 8), "CO": ("3", 9), "AR": ("11", 8), "FR": ("06", 8), "BE": ("047", 7),
    "BR": ("119", 8), "PT": ("91", 7), "RU": ("89", 9), "CN": ("13", 9), "TW": ("09", 8),
    "HK": ("6", 7), "DE": ("0151", 8), "AT": ("0664", 7), "CH": ("07", 8), "IT": ("3", 9),
}  # fmt: skip
EMAIL_DOMAINS = (
    "gmail.com",
    "yahoo.com",
    "hotmail.com",
    "outlook.com",
    "mail.ru",
    "gmx.de",
    "libero.it",
)
HANDLE_FORMS = (
    "kik: {h}",
    "snap - {h}",
    "IG @{h}",
    "@{h} on telegram",
    "instagram.com/{h}",
    "t.me/{h}",
)
HANDLE_PLATFORMS = ("kik", "snapchat", "instagram", "telegram", "instagram", "telegram")
NAME_PARTS = (
    "bella",
    "amber",
    "candy",
    "sofia",
    "lucia",
    "nina",
    "lily",
    "mia",
    "rose",
    "kitty",
    "vip",
    "luv",
)
FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


class Identity:
    """One advertiser: a phone, maybe an email, a handle and a wallet, reused across ads."""

    def __init__(self, rng: random.Random, language: str) -> None:
        self.language = language
        self.country = rng.choice(LANGUAGES[language]["countries"])
        self.phone = _valid_number(rng, self.country)
        name = (
            rng.choice(NAME_PARTS)
            + rng.choice(("_", ".", ""))
            + rng.choice(NAME_PARTS)
            + str(rng.randint(1, 99))
        )
        self.email = "{}@{}".format(name.replace("_", "."), rng.choice(EMAIL_DOMAINS))
        form = rng.randrange(len(HANDLE_FORMS))
        self.handle_text = HANDLE_FORMS[form].format(h=name.replace(".", "_"))
        self.handle = "{}:{}".format(HANDLE_PLATFORMS[form], name.replace(".", "_"))
        self.wallet = _btc_address(rng)


def _valid_number(rng: random.Random, country: str) -> phonenumbers.PhoneNumber:
    prefix, length = NUMBER_SHAPES[country]
    for _ in range(10_000):
        national = prefix + "".join(rng.choice("0123456789") for _ in range(length))
        try:
            number = phonenumbers.parse(national, country)
        except phonenumbers.NumberParseException:
            continue  # e.g. a draw that reads as an international prefix
        if phonenumbers.is_valid_number(number):
            return number
    raise ValueError(f"no valid number of shape {prefix}+{length} digits for {country}")


def _btc_address(rng: random.Random) -> str:
    return base58check_encode(0x00, bytes(rng.randrange(256) for _ in range(20)))


def _render_phone(rng: random.Random, identity: Identity, obfuscate: bool) -> str:
    national = phonenumbers.format_number(identity.phone, phonenumbers.PhoneNumberFormat.NATIONAL)
    if rng.random() < 0.2:
        national = phonenumbers.format_number(
            identity.phone, phonenumbers.PhoneNumberFormat.INTERNATIONAL
        )
    if not obfuscate:
        return rng.choice((national, national.replace(" ", "."), national.replace(" ", "")))
    words = LANGUAGES[identity.language]["digits"]
    style = rng.randrange(5)
    if style == 0:  # every digit spelled out
        return " ".join(words[int(c)] if c.isdigit() else c for c in national if not c.isspace())
    if style == 1:  # some digits spelled, glued to the others
        return "".join(words[int(c)] if c.isdigit() and rng.random() < 0.4 else c for c in national)
    if style == 2:  # look-alike letters
        return national.replace("0", "O").replace("1", "l")
    if style == 3:
        return national.translate(FULLWIDTH)
    return "".join(c + "\ufe0f\u20e3" if c.isdigit() else c for c in national)  # emoji keycaps


def _render_email(rng: random.Random, identity: Identity, obfuscate: bool) -> str:
    if not obfuscate:
        return identity.email
    local, domain = identity.email.split("@")
    name, tld = domain.rsplit(".", 1)
    return rng.choice(
        (
            f"{local} at {name} dot {tld}",
            f"{local} (at) {name} (dot) {tld}",
            f"{local} [at] {domain}",
        )
    )


def make_corpus(
    count: int, seed: int = 20240601
) -> Tuple[List[Dict[str, str]], List[Dict[str, set]]]:
    """``count`` ads as input records and, for each, the identifiers written into it."""
    rng = random.Random(seed)
    languages = [lang for lang, weight in LANGUAGE_WEIGHTS.items() for _ in range(weight)]
    identities = [Identity(rng, rng.choice(languages)) for _ in range(max(50, count // 12))]
    ads: List[Dict[str, str]] = []
    truth: List[Dict[str, set]] = []
    for index in range(count):
        # Heavy-tailed reuse: a few advertisers post most ads, as in real feeds.
        identity = identities[min(len(identities) - 1, int(rng.paretovariate(1.1)) - 1)]
        if rng.random() < 0.5:
            identity = rng.choice(identities)
        lang = LANGUAGES[identity.language]
        obfuscated = rng.random() < 0.3
        sentences = rng.sample(list(lang["filler"]), k=min(len(lang["filler"]), rng.randint(2, 4)))
        expected: Dict[str, set] = {
            "phones": set(),
            "emails": set(),
            "wallets": set(),
            "handles": set(),
        }
        wanted = rng.choice((0, 1, 1, 2, 2, 2, 3, 4))
        kinds = ["phone", "email", "handle", "wallet"][:wanted]
        for kind in kinds:
            if kind == "phone":
                phone = _render_phone(rng, identity, obfuscated)
                sentences.insert(
                    rng.randrange(len(sentences) + 1), f"{rng.choice(lang['call'])} {phone}"
                )
                expected["phones"].add(phonenumbers.format_number(identity.phone, 0))
            elif kind == "email":
                sentences.append("Email " + _render_email(rng, identity, obfuscated))
                expected["emails"].add(identity.email)
            elif kind == "handle":
                sentences.append(identity.handle_text)
                expected["handles"].add(identity.handle)
            else:
                sentences.append("BTC " + identity.wallet)
                expected["wallets"].add("btc:" + identity.wallet)
        ads.append(
            {
                "ad_id": f"ad{index:06d}",
                "url": f"https://site{index % 7}.example.com/ad/{index}",
                "title": rng.choice(lang["filler"])[:40],
                "body": " ".join(sentences),
                "city": "",
                "country": identity.country,
            }
        )
        truth.append(expected)
    return ads, truth


def bench_in_process(ads: Sequence[Dict[str, str]]) -> Tuple[float, float, List[object]]:
    """(wall-clock ads/s, CPU ads/s, results) of the library on every ad."""
    start, start_cpu = time.perf_counter(), time.process_time()
    results = [
        extract(
            ad["title"] + "\n" + ad["body"], country=ad["country"], city=ad["city"], url=ad["url"]
        )
        for ad in ads
    ]
    wall, cpu = time.perf_counter() - start, time.process_time() - start_cpu
    return len(ads) / wall, len(ads) / cpu, results


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def bench_protocol(
    python: str, app_dir: str, command: str, chunks: List[List[Dict[str, str]]]
) -> Tuple[float, float, List[dict]]:
    """(wall-clock ads/s, command-CPU ads/s, records) of one run of a command over the chunks.

    The CPU figure counts only the command's process (not the harness's CSV work), so it
    holds steady when other jobs load the machine; the wall-clock figure includes both.
    """
    count = sum(len(c) for c in chunks)
    start, start_cpu = time.perf_counter(), _children_cpu()
    result = run_command(python, app_dir, command, [], chunks, timeout=900)
    wall, cpu = time.perf_counter() - start, _children_cpu() - start_cpu
    if result.returncode != 0:
        raise SystemExit(f"{command} failed: {result.stderr[-2000:]}")
    return count / wall, count / cpu, result.records


def harness_seconds(chunks: List[List[Dict[str, str]]], sample_reply: List[dict]) -> float:
    """Time the harness itself spends encoding the input and decoding a reply of this shape."""
    start = time.perf_counter()
    for chunk in chunks:
        decode_records(encode_records(chunk))
    encode_records(sample_reply)
    return time.perf_counter() - start


def phone_scores(
    found: Sequence[Sequence[str]], truth: Sequence[Dict[str, set]]
) -> Tuple[float, float]:
    tp = fp = fn = 0
    for phones, expected in zip(found, truth):
        got = set(phones)
        tp += len(got & expected["phones"])
        fp += len(got - expected["phones"])
        fn += len(expected["phones"] - got)
    return tp / max(1, tp + fp), tp / max(1, tp + fn)


def as_list(value: object) -> List[str]:
    if isinstance(value, list):
        return value
    return [value] if value else []  # type: ignore[list-item]


def add_labelled_option(parser: argparse.ArgumentParser) -> None:
    """--labelled PATH (repeatable): more labelled sets to score besides the dev set."""
    parser.add_argument(
        "--labelled",
        action="append",
        default=[],
        metavar="PATH",
        help="another labelled set in devset.jsonl's format to score (repeatable)",
    )


def labelled_sets(paths: Sequence[str]) -> List[Tuple[str, List[Dict[str, object]]]]:
    """(name, ads) of the development set and of each labelled set at ``paths``."""
    return [("devset", load_devset())] + [(os.path.basename(p), load_devset(p)) for p in paths]


def main(argv: Optional[Sequence[str]] = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ads", type=int, default=50_000)
    parser.add_argument(
        "--repeats", type=int, default=3, help="alternated protocol runs; the median pair counts"
    )
    parser.add_argument("--rebuild", action="store_true")
    add_labelled_option(parser)
    args = parser.parse_args(argv)

    ads, truth = make_corpus(args.ads)
    chunks = [ads[i : i + CHUNK_ROWS] for i in range(0, len(ads), CHUNK_ROWS)]
    python = splunk_python()
    print(
        f"corpus: {len(ads)} ads, {len(chunks)} chunk(s), mean body {sum(len(a['body']) for a in ads) // len(ads)} chars"
    )
    print(f"python: {python}")

    rate_a, cpu_a, results = bench_in_process(ads)
    with tempfile.TemporaryDirectory(prefix="htintel-bench-") as scratch:
        bench_app = private_app(scratch, args.rebuild, bench_commands=True)
        # Alternated, so that machine load affects both alike (see median_pair): the no-op's
        # rate alone moves by a third between runs on a shared two-core machine.
        wall_pairs: List[Tuple[float, float]] = []
        cpu_pairs: List[Tuple[float, float]] = []
        alone_pairs: List[Tuple[float, float]] = []
        for _ in range(args.repeats):
            wall_b, cpu_b, extracted = bench_protocol(python, bench_app, "htextract", chunks)
            wall_c, cpu_c, _ = bench_protocol(python, bench_app, "htnoop", chunks)
            wall_pairs.append((wall_b, wall_c))
            cpu_pairs.append((cpu_b, cpu_c))
            alone_b = command_alone_seconds(python, bench_app, "htextract", chunks)
            alone_c = command_alone_seconds(python, bench_app, "htnoop", chunks)
            alone_pairs.append((len(ads) / alone_b, len(ads) / alone_c))
        rate_d, cpu_d, baseline = bench_protocol(python, bench_app, "htbaseline", chunks)
    harness = harness_seconds(chunks, extracted[:CHUNK_ROWS])
    rate_b, rate_c = median_pair(wall_pairs)
    cpu_b, cpu_c = median_pair(cpu_pairs)
    alone_b, alone_c = median_pair(alone_pairs)

    print("                                  wall-clock     command CPU")
    print(f"(a) library in-process         {rate_a:10,.0f} ads/s {cpu_a:10,.0f} ads/s")
    print(f"(b) htextract via protocol     {rate_b:10,.0f} ads/s {cpu_b:10,.0f} ads/s")
    print(f"(c) no-op command via protocol {rate_c:10,.0f} ads/s {cpu_c:10,.0f} ads/s")
    print(f"(d) PhoneNumberMatcher command {rate_d:10,.0f} ads/s {cpu_d:10,.0f} ads/s")
    print(f"(b)/(c) = {rate_b / rate_c:.2f} wall, {cpu_b / cpu_c:.2f} CPU")
    print(f"(b)/(d) = {rate_b / rate_d:.2f} wall, {cpu_b / cpu_d:.2f} CPU")
    print(
        "(b)/(c) of each alternated run: "
        + ", ".join(f"{b / c:.2f}" for b, c in wall_pairs)
        + " wall; "
        + ", ".join(f"{b / c:.2f}" for b, c in cpu_pairs)
        + " CPU"
    )
    print(
        f"commands alone, input from a file: htextract {alone_b:,.0f} ads/s, no-op "
        f"{alone_c:,.0f} ads/s, ratio {alone_b / alone_c:.2f} (the commands' own cost)"
    )
    print(
        f"harness share: the harness's own CSV encoding/decoding of these records takes "
        f"{harness:.2f} s ({harness * rate_c / len(ads):.0%} of the no-op wall-clock run)"
    )

    precision, recall = phone_scores([r.phones for r in results], truth)  # type: ignore[attr-defined]
    print(f"corpus phones, library:   precision {precision:.3f} recall {recall:.3f}")
    precision, recall = phone_scores([as_list(r.get("ht_phone")) for r in extracted], truth)
    print(f"corpus phones, htextract: precision {precision:.3f} recall {recall:.3f}")
    precision, recall = phone_scores([as_list(r.get("ht_phone")) for r in baseline], truth)
    print(f"corpus phones, baseline:  precision {precision:.3f} recall {recall:.3f}")

    for label, ads_scored in labelled_sets(args.labelled):
        scores, _ = score_devset(ads_scored)
        for name in ("phones", "emails", "wallets", "handles", "all"):
            score = scores[name]
            print(
                f"{label} {name:8s} P {score.precision:.3f} R {score.recall:.3f} F1 {score.f1:.3f}"
            )


if __name__ == "__main__":
    main()
