"""A deterministic sample crawl with planted networks, for the demo, the tests and benchmarks.

``generate(SampleConfig(seed=...))`` returns crawler records in the ad schema plus the
truth: the network of every ad and the identifiers planted in it. It plants:

- operators with several phones, handles, wallets, emails and photos who move through the
  cities of one region over weeks, rotate phones and reuse (rewritten) text;
- independent posters with one or two identifiers of their own, in one city;
- agencies posting for many women from one city under one shared phone (one network);
- hub traps in every city at once: each site's support number, placeholder emails, a
  site banner image and the invalid "000-000-0000";
- ads in English, Spanish, French, Portuguese, Russian and Chinese, sharing greeting
  templates ("Hi I'm NAME, new in CITY") across networks.

Phones are valid numbers for their country (checked with phonenumbers.is_valid_number),
so extraction can validate them. The same seed always gives the same corpus.
"""

from __future__ import annotations

import csv
import json
import os
import random
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Dict, List, Sequence, Tuple

import phonenumbers
from phonenumbers import PhoneNumberFormat, PhoneNumberType

from htintel.ad import derive_ad_id
from htintel.extract.wallets import base58check_encode


@dataclass(frozen=True)
class City:
    name: str
    region: str
    country: str
    zone: str  # operators circulate within one zone
    area_code: str = ""  # NANP area code for realistic local numbers


CITIES: Tuple[City, ...] = (
    City("Houston", "TX", "US", "na", "713"),
    City("Dallas", "TX", "US", "na", "214"),
    City("Atlanta", "GA", "US", "na", "404"),
    City("Miami", "FL", "US", "na", "305"),
    City("Chicago", "IL", "US", "na", "312"),
    City("New York", "NY", "US", "na", "212"),
    City("Las Vegas", "NV", "US", "na", "702"),
    City("Los Angeles", "CA", "US", "na", "213"),
    City("Boston", "MA", "US", "na", "617"),
    City("Toronto", "ON", "CA", "na", "416"),
    City("London", "ENG", "GB", "uk"),
    City("Manchester", "ENG", "GB", "uk"),
    City("Birmingham", "ENG", "GB", "uk"),
    City("Melbourne", "VIC", "AU", "au"),
    City("Sydney", "NSW", "AU", "au"),
    City("Ciudad de México", "CMX", "MX", "mx"),
    City("Guadalajara", "JAL", "MX", "mx"),
    City("Tijuana", "BCN", "MX", "mx"),
    City("Madrid", "MD", "ES", "iberia"),
    City("Barcelona", "CT", "ES", "iberia"),
    City("Lisboa", "11", "PT", "iberia"),
    City("Paris", "IDF", "FR", "fr"),
    City("Lyon", "ARA", "FR", "fr"),
    City("Marseille", "PAC", "FR", "fr"),
    City("São Paulo", "SP", "BR", "br"),
    City("Rio de Janeiro", "RJ", "BR", "br"),
    City("Belo Horizonte", "MG", "BR", "br"),
    City("Moscow", "MOW", "RU", "ru"),
    City("Saint Petersburg", "SPE", "RU", "ru"),
    City("Shanghai", "SH", "CN", "cn"),
    City("Beijing", "BJ", "CN", "cn"),
    City("Guangzhou", "GD", "CN", "cn"),
)

LANGUAGE = {
    "US": "en",
    "CA": "en",
    "GB": "en",
    "AU": "en",
    "MX": "es",
    "ES": "es",
    "PT": "pt",
    "BR": "pt",
    "FR": "fr",
    "RU": "ru",
    "CN": "zh",
}
CURRENCY = {
    "US": "USD",
    "CA": "CAD",
    "GB": "GBP",
    "AU": "AUD",
    "MX": "MXN",
    "ES": "EUR",
    "PT": "EUR",
    "BR": "BRL",
    "FR": "EUR",
    "RU": "RUB",
    "CN": "CNY",
}
SITES = {
    "en": ("citylocals.example", "nightlist.example"),
    "es": ("anuncios-citas.example",),
    "pt": ("classificados.example",),
    "fr": ("annonces-rencontre.example",),
    "ru": ("dosug-board.example",),
    "zh": ("tongcheng-ads.example",),
}
NAMES = {
    "en": (
        "Amber",
        "Bella",
        "Candy",
        "Destiny",
        "Jasmine",
        "Kitty",
        "Lexi",
        "Mia",
        "Nikki",
        "Ruby",
    ),
    "es": ("Camila", "Daniela", "Lucía", "María", "Paola", "Sofía", "Valeria", "Ximena"),
    "pt": ("Ana", "Beatriz", "Bruna", "Carla", "Gabriela", "Juliana", "Larissa", "Mariana"),
    "fr": ("Chloé", "Emma", "Inès", "Léa", "Manon", "Camille", "Sarah", "Julie"),
    "ru": ("Анна", "Дарья", "Екатерина", "Мария", "Наташа", "Ольга", "Светлана", "Юлия"),
    "zh": ("小美", "丽丽", "婷婷", "晶晶", "莉莉", "芳芳", "娜娜", "雪儿"),
}
# Greeting templates shared by many posters: they must never link ads on their own.
GREETINGS = {
    "en": (
        "Hi I'm {name}, new in {city}!",
        "Hello gentlemen, {name} here, just arrived in {city}.",
    ),
    "es": ("Hola soy {name}, nueva en {city}.", "Hola caballeros, soy {name} y estoy en {city}."),
    "pt": ("Oi, sou a {name}, nova em {city}.", "Olá, aqui é {name}, cheguei em {city}."),
    "fr": (
        "Coucou, moi c'est {name}, nouvelle à {city}.",
        "Bonjour messieurs, {name} de passage à {city}.",
    ),
    "ru": (
        "Привет, я {name}, новенькая в городе {city}.",
        "Здравствуйте, меня зовут {name}, я в {city}.",
    ),
    "zh": ("你好我是{name}，刚到{city}。", "大家好，我是{name}，现在在{city}。"),
}
PHRASES = {
    "en": (
        "sweet and discreet companion for upscale gentlemen",
        "available all day and all night for incall and outcall",
        "no rush friendly girlfriend experience guaranteed",
        "sexy fun and open minded with a great attitude",
        "real pictures only no games no drama please",
        "ask about my specials for new friends this week",
        "clean private and safe location near downtown hotels",
        "visiting for a short time only so do not miss out",
        "exotic beauty with curves in all the right places",
        "text me for rates and availability any time",
        "serious callers only no blocked numbers",
        "petite playful and ready to make your day",
    ),
    "es": (
        "chica dulce y discreta para caballeros exigentes",
        "disponible todo el día y toda la noche",
        "trato de novia sin prisas garantizado",
        "fotos reales sin engaños ni sorpresas",
        "lugar limpio privado y seguro cerca del centro",
        "solo por pocos días no te lo pierdas",
        "escríbeme para tarifas y disponibilidad",
        "promociones especiales para nuevos amigos",
        "morena cariñosa y muy complaciente",
        "atiendo en hotel y domicilio",
    ),
    "pt": (
        "garota doce e discreta para cavalheiros exigentes",
        "disponível o dia todo e a noite toda",
        "fotos reais sem enganação nem surpresas",
        "local limpo privado e seguro perto do centro",
        "só por poucos dias não perca",
        "me chama para valores e horários",
        "atendo em hotel e motel com conforto",
        "morena carinhosa e muito safada",
        "promoção especial para novos amigos",
        "sem pressa experiência de namorada",
    ),
    "fr": (
        "jeune femme douce et discrète pour hommes courtois",
        "disponible jour et nuit sur rendez vous",
        "photos réelles sans mauvaise surprise",
        "appartement propre privé et discret près du centre",
        "de passage pour quelques jours seulement",
        "contactez moi pour les tarifs et disponibilités",
        "reçois et me déplace à votre hôtel",
        "belle brune câline et très douce",
        "offre spéciale pour les nouveaux amis",
        "moment de détente sans stress garanti",
    ),
    "ru": (
        "нежная и ласковая девушка для солидных мужчин",
        "работаю круглосуточно без выходных",
        "фото реальные без обмана и сюрпризов",
        "чистая уютная квартира в центре города",
        "только несколько дней не упусти шанс",
        "пиши за ценами и свободным временем",
        "выезд в гостиницу и на дом",
        "стройная красивая и очень нежная",
        "скидки для новых друзей на этой неделе",
        "полная конфиденциальность гарантирована",
    ),
    "zh": (
        "温柔 体贴 的 女孩 等 你 来",
        "全天 二十四 小时 随时 可以 约",
        "照片 真实 绝 无 欺骗",
        "环境 干净 安全 私密 靠近 市中心",
        "只 在 这里 几天 不要 错过",
        "加 我 问 价格 和 时间",
        "可以 到 酒店 上门 服务",
        "身材 好 皮肤 白 性格 好",
        "新 朋友 本周 特价 优惠",
        "保证 隐私 安全 放心",
    ),
}
CONTACT = {
    "en": "Call or text {phone}",
    "es": "Llámame al {phone}",
    "pt": "Liga pra mim {phone}",
    "fr": "Appelle-moi au {phone}",
    "ru": "Звони {phone}",
    "zh": "电话 {phone}",
}
# Trafficking indicators (lookups/htintel_indicators.csv, youth) that some operators use.
RISKY = {
    "en": "young and fresh girls, barely legal",
    "es": "jovencitas recien cumplidos 18",
    "pt": "novinhas, acabou de fazer 18",
    "fr": "jeune et fraiche, tout juste majeure",
    "ru": "молоденькие, только исполнилось 18",
    "zh": "学生妹 刚满18",
}
# Made-up syllables for each operator's own turns of phrase (their text fingerprint).
SYLLABLES = (
    "ka",
    "lo",
    "mi",
    "zu",
    "ren",
    "tas",
    "vi",
    "no",
    "sha",
    "del",
    "qui",
    "bar",
    "po",
    "lin",
)
HANDLE_PLATFORMS = ("kik", "snapchat", "telegram", "instagram", "whatsapp", "wechat", "vk")
PLACEHOLDER_EMAILS = ("noemail@gmail.com", "none@none.com")


@dataclass(frozen=True)
class SampleConfig:
    """Corpus shape. The defaults give ~4,000 ads over 12 weeks."""

    seed: int = 7
    operators: int = 36
    agencies: int = 5
    independents: int = 600
    start: str = "2026-08-03"
    days: int = 84
    hub_rate: float = 0.04


@dataclass(frozen=True)
class Sample:
    """Records in the ad schema, and the truth about them."""

    records: Tuple[Dict[str, object], ...]
    network_of: Dict[str, str]  # ad_id -> network label ("op-3", "agency-1", "ind-17")
    planted_ids: Dict[str, Tuple[str, ...]]  # ad_id -> typed identifiers planted in it
    hub_ids: Tuple[str, ...]  # the hub traps


def _valid_number(
    rng: random.Random, country: str, area_code: str = ""
) -> phonenumbers.PhoneNumber:
    example = phonenumbers.example_number_for_type(country, PhoneNumberType.MOBILE)
    if example is None:
        raise ValueError(f"phonenumbers has no example mobile number for {country}")
    national = str(example.national_number)
    for _ in range(10_000):
        if area_code:
            digits = (
                area_code
                + str(rng.randint(2, 9))
                + "".join(str(rng.randint(0, 9)) for _ in range(6))
            )
            if digits[3:6] == "555":
                continue
        else:
            digits = national[:2] + "".join(
                str(rng.randint(0, 9)) for _ in range(len(national) - 2)
            )
        number = phonenumbers.parse("+" + str(example.country_code) + digits)
        if phonenumbers.is_valid_number(number):
            return number
    raise RuntimeError(f"no valid number found for {country}")


def _phone_text(rng: random.Random, number: phonenumbers.PhoneNumber) -> str:
    style = rng.random()
    if style < 0.45:
        return phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
    if style < 0.8:
        return phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL)
    if number.country_code == 1:
        n = str(number.national_number)
        return f"{n[:3]}.{n[3:6]}.{n[6:]}"
    return phonenumbers.format_number(number, PhoneNumberFormat.E164)


def _btc_address(rng: random.Random) -> str:
    return base58check_encode(0x00, bytes(rng.getrandbits(8) for _ in range(20)))


def _hex(rng: random.Random, digits: int) -> str:
    return format(rng.getrandbits(4 * digits), f"0{digits}x")


def _image(rng: random.Random, site: str) -> Dict[str, str]:
    sha = _hex(rng, 64)
    return {"url": f"https://img.{site}/{sha[:12]}.jpg", "sha256": sha, "phash": _hex(rng, 16)}


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))


@dataclass
class _Poster:
    """Mutable while generating only; never leaves this module."""

    label: str
    language: str
    phones: List[phonenumbers.PhoneNumber]
    handles: List[str]
    wallets: List[str]
    emails: List[str]
    photos: List[Dict[str, str]]
    phrases: List[str]
    signature: List[str]
    risky: bool = False


class _Builder:
    def __init__(self, config: SampleConfig) -> None:
        self.config = config
        self.rng = random.Random(config.seed)
        self.start = datetime.strptime(config.start, "%Y-%m-%d").replace(tzinfo=timezone.utc)
        self.records: List[Dict[str, object]] = []
        self.network_of: Dict[str, str] = {}
        self.planted: Dict[str, Tuple[str, ...]] = {}
        self.serial = 0
        us = next(c for c in CITIES if c.country == "US")
        self.support = {
            site: _valid_number(self.rng, us.country, "800" if i % 2 else "888")
            for i, site in enumerate(s for sites in SITES.values() for s in sites)
        }
        self.banner = {site: _image(self.rng, site) for site in self.support}

    def poster(
        self,
        label: str,
        city: City,
        phones: int,
        handles: int,
        wallets: int,
        emails: int,
        photos: int,
    ) -> _Poster:
        rng = self.rng
        language = LANGUAGE[city.country]
        site = SITES[language][0]
        phrases = list(PHRASES[language])
        rng.shuffle(phrases)
        return _Poster(
            label=label,
            language=language,
            phones=[_valid_number(rng, city.country, city.area_code) for _ in range(phones)],
            handles=[
                f"{rng.choice(HANDLE_PLATFORMS)}:{_word(rng)}{rng.randint(1, 99)}"
                for _ in range(handles)
            ],
            wallets=[
                ("btc:" + _btc_address(rng)) if rng.random() < 0.7 else ("eth:0x" + _hex(rng, 40))
                for _ in range(wallets)
            ],
            emails=[
                f"{_word(rng)}.{_word(rng)}{rng.randint(1, 999)}@gmail.com" for _ in range(emails)
            ],
            photos=[_image(rng, site) for _ in range(photos)],
            phrases=phrases[:4],
            signature=[" ".join(_word(rng) for _ in range(rng.randint(5, 8))) for _ in range(3)],
        )

    def ad(
        self,
        poster: _Poster,
        city: City,
        when: datetime,
        name: str,
        phones: Sequence[phonenumbers.PhoneNumber],
        extra_ids: Sequence[str] = (),
        photos: Sequence[Dict[str, str]] = (),
        title_prefix: str = "",
    ) -> None:
        rng = self.rng
        language = LANGUAGE[city.country]
        site = rng.choice(SITES[language])
        self.serial += 1
        slug = city.name.lower().replace(" ", "-")
        url = f"https://{site}/{slug}/ad/{self.serial:07d}"
        ad_id = derive_ad_id(site, url)
        ids: List[str] = []
        lines = [rng.choice(GREETINGS[language]).format(name=name, city=city.name)]
        chosen = rng.sample(poster.phrases, 3)
        lines.extend(chosen)
        # Reworded but recognisable: two of the poster's three signature lines, reordered.
        lines.extend(rng.sample(poster.signature, 2))
        if poster.risky and rng.random() < 0.7:
            lines.append(RISKY[language])
        for phone in phones:
            lines.append(CONTACT[language].format(phone=_phone_text(rng, phone)))
            ids.append("phone:" + phonenumbers.format_number(phone, PhoneNumberFormat.E164))
        for value in extra_ids:
            kind, _, rest = value.partition(":")
            if kind == "email":
                lines.append(rest)
            elif kind in ("btc", "eth"):
                lines.append(f"{kind.upper()}: {rest}")
            else:
                lines.append(f"{kind}: {rest}")
            ids.append(value)
        images = [dict(p) for p in photos]
        # Hub traps, everywhere at once, independent of who posted.
        if rng.random() < self.config.hub_rate:
            support = self.support[site]
            # International format: the site prints one number for every country it serves.
            lines.append(
                "Site support / soporte: "
                + phonenumbers.format_number(support, PhoneNumberFormat.INTERNATIONAL)
            )
            ids.append("phone:" + phonenumbers.format_number(support, PhoneNumberFormat.E164))
        if rng.random() < self.config.hub_rate * 0.6:
            placeholder = rng.choice(PLACEHOLDER_EMAILS)
            lines.append(placeholder)
            ids.append("email:" + placeholder)
        if rng.random() < self.config.hub_rate * 0.5:
            lines.append("000-000-0000")
        if rng.random() < self.config.hub_rate:
            images.append(dict(self.banner[site]))
        ids.extend("img:" + i["sha256"] for i in images)
        ids.extend("phash:" + i["phash"] for i in images)
        posted = when + timedelta(minutes=rng.randint(0, 24 * 60 - 1))
        record: Dict[str, object] = {
            "url": url,
            "site": site,
            "title": (title_prefix + name + " - " + city.name)[:200],
            "body": "\n".join(lines),
            "posted_at": posted.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "crawled_at": (posted + timedelta(hours=rng.randint(1, 30))).strftime(
                "%Y-%m-%dT%H:%M:%SZ"
            ),
            "city": city.name,
            "region": city.region,
            "country": city.country,
            "language": language,
            "price": float(rng.choice((80, 100, 120, 150, 200, 250, 300))),
            "currency": CURRENCY[city.country],
            "poster_name": name,
            "age": rng.randint(19, 35),
        }
        if images:
            record["images"] = images
        self.records.append(record)
        self.network_of[ad_id] = poster.label
        self.planted[ad_id] = tuple(dict.fromkeys(ids))

    def operators(self) -> None:
        rng = self.rng
        zones = sorted({c.zone for c in CITIES})
        for n in range(self.config.operators):
            zone = zones[n % len(zones)]
            local = [c for c in CITIES if c.zone == zone]
            home = rng.choice(local)
            poster = self.poster(
                f"op-{n}",
                home,
                phones=rng.randint(1, 4),
                handles=rng.randint(0, 3),
                wallets=rng.randint(0, 2),
                emails=rng.randint(0, 2),
                photos=rng.randint(3, 10),
            )
            poster.risky = rng.random() < 0.5
            women = [rng.choice(NAMES[poster.language]) for _ in range(rng.randint(1, 4))]
            day = rng.randint(0, self.config.days // 3)
            end = min(self.config.days, day + rng.randint(21, 56))
            circuit = rng.sample(local, len(local))
            stop = 0
            rotate = rng.randint(7, 21)
            while day < end:
                city = circuit[stop % len(circuit)]
                for _ in range(rng.randint(3, 9)):
                    if day >= end:
                        break
                    for _ in range(rng.randint(0, 2)):
                        phone_index = (day // rotate) % len(poster.phones)
                        phones = [poster.phones[phone_index]]
                        if len(poster.phones) > 1 and rng.random() < 0.15:
                            phones.append(poster.phones[(phone_index + 1) % len(poster.phones)])
                        extra = [h for h in poster.handles if rng.random() < 0.4]
                        extra += [w for w in poster.wallets if rng.random() < 0.2]
                        extra += ["email:" + e for e in poster.emails if rng.random() < 0.3]
                        photos = (
                            rng.sample(poster.photos, rng.randint(0, 2))
                            if rng.random() < 0.6
                            else []
                        )
                        self.ad(
                            poster,
                            city,
                            self.start + timedelta(days=day),
                            rng.choice(women),
                            phones,
                            extra,
                            photos,
                        )
                    day += 1
                stop += 1

    def agencies(self) -> None:
        rng = self.rng
        for n in range(self.config.agencies):
            city = rng.choice(CITIES)
            poster = self.poster(
                f"agency-{n}", city, phones=1, handles=0, wallets=0, emails=0, photos=0
            )
            agency_name = (
                _word(rng).capitalize() + " " + rng.choice(("VIP", "Elite", "Angels", "Spa"))
            )
            site = SITES[poster.language][0]
            for _ in range(rng.randint(5, 12)):
                name = rng.choice(NAMES[poster.language])
                photos = [_image(rng, site) for _ in range(rng.randint(2, 5))]
                handle = (
                    [f"{rng.choice(HANDLE_PLATFORMS)}:{_word(rng)}{rng.randint(1, 99)}"]
                    if rng.random() < 0.5
                    else []
                )
                for _ in range(rng.randint(4, 15)):
                    day = rng.randint(0, self.config.days - 1)
                    chosen = rng.sample(photos, rng.randint(0, 2))
                    self.ad(
                        poster,
                        city,
                        self.start + timedelta(days=day),
                        name,
                        poster.phones,
                        [h for h in handle if rng.random() < 0.5],
                        chosen,
                        title_prefix=agency_name + ": ",
                    )

    def independents(self) -> None:
        rng = self.rng
        for n in range(self.config.independents):
            city = rng.choice(CITIES)
            has_phone = rng.random() < 0.8
            poster = self.poster(
                f"ind-{n}",
                city,
                phones=1 if has_phone else 0,
                handles=1 if rng.random() < 0.3 else 0,
                wallets=0,
                emails=1 if (not has_phone or rng.random() < 0.2) else 0,
                photos=rng.randint(0, 3),
            )
            name = rng.choice(NAMES[poster.language])
            day = rng.randint(0, self.config.days - 1)
            for _ in range(rng.randint(1, 4)):
                extra = list(poster.handles) + ["email:" + e for e in poster.emails]
                photos = rng.sample(poster.photos, min(len(poster.photos), rng.randint(0, 2)))
                self.ad(
                    poster,
                    city,
                    self.start + timedelta(days=min(day, self.config.days - 1)),
                    name,
                    poster.phones,
                    extra,
                    photos,
                )
                day += rng.randint(1, 10)


def generate(config: SampleConfig = SampleConfig()) -> Sample:
    """The sample corpus for ``config``; the same config always gives the same corpus."""
    builder = _Builder(config)
    builder.operators()
    builder.agencies()
    builder.independents()
    records = sorted(builder.records, key=lambda r: (str(r["posted_at"]), str(r["url"])))
    hub_ids = tuple(
        sorted(
            [
                "phone:" + phonenumbers.format_number(p, PhoneNumberFormat.E164)
                for p in builder.support.values()
            ]
            + ["email:" + e for e in PLACEHOLDER_EMAILS]
            + ["img:" + b["sha256"] for b in builder.banner.values()]
            + ["phash:" + b["phash"] for b in builder.banner.values()]
        )
    )
    return Sample(tuple(records), builder.network_of, builder.planted, hub_ids)


@dataclass(frozen=True)
class SampleFiles:
    feed_dir: str
    feed_files: Tuple[str, ...]
    truth_file: str
    ads: int


def write_sample(
    out_dir: str, config: SampleConfig = SampleConfig(), week_files: bool = True
) -> SampleFiles:
    """Write the corpus as JSON Lines crawler files (one per week) and truth.csv in out_dir."""
    sample = generate(config)
    feed_dir = os.path.join(out_dir, "feed")
    os.makedirs(feed_dir, exist_ok=True)
    start = datetime.strptime(config.start, "%Y-%m-%d").replace(tzinfo=timezone.utc)
    files: Dict[str, List[Dict[str, object]]] = {}
    for record in sample.records:
        posted = datetime.strptime(str(record["posted_at"]), "%Y-%m-%dT%H:%M:%SZ").replace(
            tzinfo=timezone.utc
        )
        week = (posted - start).days // 7 if week_files else 0
        files.setdefault(os.path.join(feed_dir, f"crawl-week{week + 1:02d}.jsonl"), []).append(
            record
        )
    for path, records in files.items():
        with open(path, "w", encoding="utf-8") as out:
            for record in records:
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
    truth = os.path.join(out_dir, "truth.csv")
    with open(truth, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["ad_id", "network", "planted_ids"])
        for record in sample.records:
            ad_id = derive_ad_id(str(record["site"]), str(record["url"]))
            writer.writerow([ad_id, sample.network_of[ad_id], " ".join(sample.planted_ids[ad_id])])
    return SampleFiles(feed_dir, tuple(sorted(files)), truth, len(sample.records))


def read_truth(path: str) -> Dict[str, str]:
    """ad_id -> network label from a truth.csv written by ``write_sample``."""
    with open(path, encoding="utf-8", newline="") as source:
        return {row["ad_id"]: row["network"] for row in csv.DictReader(source)}
