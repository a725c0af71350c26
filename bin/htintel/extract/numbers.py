"""Spelled-out numbers and look-alike letters read as digits, for phone numbers in any language.

The lexicon maps each number word to a kind and a value; a small grammar joins words into
the numbers people dictate ("twenty-three", "soixante-dix-huit", "noventa y nueve",
"девятьсот двадцать три", "二十三") and concatenates the rest digit by digit, the way a
phone number is read out ("six one seven" -> "617", "five fifty five" -> "555").

Kinds: U digit 0-9, T 10-19, D tens 20-90, G French "vingt" (D, but 4 x vingt = 80),
E a complete 21-99 in one word ("veintitrés", "dreiundzwanzig"), H the "hundred" multiplier,
V a hundreds value in one word ("seiscientos", "девятьсот"), X the Chinese ten (十/拾) and
Indonesian "puluh" (times ten), B Indonesian "belas" (plus ten: "dua belas" = 12), M a
repeat ("double", "triple"), C a connector inside a compound ("y", "e", "et", "and").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import compress, repeat
from operator import getitem
from types import MappingProxyType
from typing import (
    Callable,
    Dict,
    FrozenSet,
    Iterator,
    List,
    Mapping,
    NamedTuple,
    Optional,
    Pattern,
    Sequence,
    Set,
    Tuple,
)

from htintel.extract.substrings import occurrences

Token = Tuple[str, int]

_DIGIT_NAMES: Tuple[Tuple[str, ...], ...] = (
    # en
    ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"),
    # es
    ("cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve"),
    # fr
    ("zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf"),
    # pt
    ("zero", "um", "dois", "três", "quatro", "cinco", "seis", "sete", "oito", "nove"),
    # ru
    ("ноль", "один", "два", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять"),
    # de
    ("null", "eins", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun"),
    # it
    ("zero", "uno", "due", "tre", "quattro", "cinque", "sei", "sette", "otto", "nove"),
    # vi
    ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"),
    # tl
    ("sero", "isa", "dalawa", "tatlo", "apat", "lima", "anim", "pito", "walo", "siyam"),
)
_DIGIT_VARIANTS: Tuple[Tuple[str, int], ...] = (
    ("oh", 0),
    ("nought", 0),
    ("una", 1),
    ("une", 1),
    ("uma", 1),
    ("duas", 2),
    ("meia", 6),  # Brazilian Portuguese reads 6 as "meia" in phone numbers
    ("нуль", 0),
    ("одна", 1),
    ("одно", 1),
    ("две", 2),
    ("ein", 1),
    ("eine", 1),
    ("zwo", 2),
    ("fuenf", 5),
    ("lăm", 5),
    ("mốt", 1),  # vi: 1 after a ten ("bảy mốt", 71), read out in phone numbers too
    ("bẩy", 7),
    ("zero", 0),
)
_TEENS: Tuple[Tuple[str, ...], ...] = (
    ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"),
    ("diez", "once", "doce", "trece", "catorce", "quince", "dieciséis", "diecisiete", "dieciocho", "diecinueve"),
    ("dix", "onze", "douze", "treize", "quatorze", "quinze", "seize"),
    ("dez", "onze", "doze", "treze", "catorze", "quinze", "dezesseis", "dezessete", "dezoito", "dezenove"),
    ("десять", "одиннадцать", "двенадцать", "тринадцать", "четырнадцать", "пятнадцать",
     "шестнадцать", "семнадцать", "восемнадцать", "девятнадцать"),
    ("zehn", "elf", "zwölf", "dreizehn", "vierzehn", "fünfzehn", "sechzehn", "siebzehn", "achtzehn", "neunzehn"),
    ("dieci", "undici", "dodici", "tredici", "quattordici", "quindici", "sedici", "diciassette", "diciotto", "diciannove"),
)  # fmt: skip
_TEEN_VARIANTS: Tuple[Tuple[str, int], ...] = (
    ("quatorze", 14),
    ("dezasseis", 16),
    ("dezassete", 17),
    ("dezanove", 19),
)
_TENS: Tuple[Tuple[str, ...], ...] = (  # 20, 30 ... 90
    ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"),
    ("veinte", "treinta", "cuarenta", "cincuenta", "sesenta", "setenta", "ochenta", "noventa"),
    ("vingt", "trente", "quarante", "cinquante", "soixante"),
    ("vinte", "trinta", "quarenta", "cinquenta", "sessenta", "setenta", "oitenta", "noventa"),
    (
        "двадцать",
        "тридцать",
        "сорок",
        "пятьдесят",
        "шестьдесят",
        "семьдесят",
        "восемьдесят",
        "девяносто",
    ),
    ("zwanzig", "dreißig", "vierzig", "fünfzig", "sechzig", "siebzig", "achtzig", "neunzig"),
    ("venti", "trenta", "quaranta", "cinquanta", "sessanta", "settanta", "ottanta", "novanta"),
)
_HUNDREDS: Tuple[Tuple[str, ...], ...] = (  # 100, 200 ... 900 as one word
    ("ciento", "doscientos", "trescientos", "cuatrocientos", "quinientos", "seiscientos",
     "setecientos", "ochocientos", "novecientos"),
    ("cento", "duzentos", "trezentos", "quatrocentos", "quinhentos", "seiscentos",
     "setecentos", "oitocentos", "novecentos"),
    ("сто", "двести", "триста", "четыреста", "пятьсот", "шестьсот", "семьсот", "восемьсот", "девятьсот"),
    ("cento", "duecento", "trecento", "quattrocento", "cinquecento", "seicento",
     "settecento", "ottocento", "novecento"),
)  # fmt: skip
_HUNDRED_MULTIPLIERS = ("hundred", "cent", "cents", "hundert")
_SPANISH_TWENTIES = (
    "veintiuno", "veintiún", "veintidós", "veintitrés", "veinticuatro",
    "veinticinco", "veintiséis", "veintisiete", "veintiocho", "veintinueve",
)  # fmt: skip
_CONNECTORS = ("y", "e", "et", "and", "und", "i")
_REPEATS = (("double", 2), ("triple", 3), ("treble", 3), ("doble", 2), ("doppio", 2))

# Languages added later (nl, tr, pl, ro, id, cs, sv, el, uk, hu, ar, sw). Their words join runs and
# read as numbers, but run-together words are cut (_segment) only into the words above: many
# of these are short enough to hide inside ordinary words ("hatten" = hat + ten).
_MORE_DIGIT_NAMES: Tuple[Tuple[str, ...], ...] = (
    ("nul", "een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen"),  # nl
    ("sıfır", "bir", "iki", "üç", "dört", "beş", "altı", "yedi", "sekiz", "dokuz"),  # tr
    ("zero", "jeden", "dwa", "trzy", "cztery", "pięć", "sześć", "siedem", "osiem", "dziewięć"),
    ("zero", "unu", "doi", "trei", "patru", "cinci", "șase", "șapte", "opt", "nouă"),  # ro
    ("nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"),
    ("nula", "jedna", "dva", "tři", "čtyři", "pět", "šest", "sedm", "osm", "devět"),  # cs
    ("noll", "ett", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio"),  # sv
    ("μηδέν", "ένα", "δύο", "τρία", "τέσσερα", "πέντε", "έξι", "επτά", "οκτώ", "εννέα"),  # el
    ("нуль", "один", "два", "три", "чотири", "пʼять", "шість", "сім", "вісім", "девʼять"),
    ("nulla", "egy", "kettő", "három", "négy", "öt", "hat", "hét", "nyolc", "kilenc"),  # hu
    ("صفر", "واحد", "اثنان", "ثلاثة", "أربعة", "خمسة", "ستة", "سبعة", "ثمانية", "تسعة"),  # ar
    ("sifuri", "moja", "mbili", "tatu", "nne", "tano", "sita", "saba", "nane", "tisa"),  # sw
)
_MORE_DIGIT_VARIANTS: Tuple[Tuple[str, int], ...] = (
    ("één", 1), ("sifir", 0), ("ıkı", 2), ("alti", 6), ("jedno", 1), ("dwie", 2),
    ("una", 1), ("două", 2), ("şase", 6), ("şapte", 7), ("kosong", 0), ("dvě", 2),
    ("jeden", 1), ("en", 1), ("εφτά", 7), ("οχτώ", 8), ("εννιά", 9), ("τέσσερις", 4),
    ("τρεις", 3), ("одна", 1), ("дві", 2), ("két", 2),
    # Filipino reads phone numbers with Spanish-derived digits: "sero siyete kuwatro"
    ("kuwatro", 4), ("kwatro", 4), ("singko", 5), ("sinko", 5), ("sais", 6), ("siyete", 7),
    ("syete", 7), ("otso", 8), ("nuwebe", 9), ("nwebe", 9),
    # Arabic without hamza or with the colloquial and feminine forms ads use
    ("اثنين", 2), ("اتنين", 2), ("ثلاث", 3), ("تلاتة", 3), ("اربعة", 4), ("أربع", 4),
    ("اربع", 4), ("خمس", 5), ("ست", 6), ("سبع", 7), ("ثمان", 8), ("تمانية", 8), ("تسع", 9),
)  # fmt: skip
_MORE_TEENS: Tuple[Tuple[str, ...], ...] = (
    ("tien", "elf", "twaalf", "dertien", "veertien", "vijftien", "zestien", "zeventien",
     "achttien", "negentien"),
    ("on",),
    ("dziesięć", "jedenaście", "dwanaście", "trzynaście", "czternaście", "piętnaście",
     "szesnaście", "siedemnaście", "osiemnaście", "dziewiętnaście"),
    ("zece", "unsprezece", "doisprezece", "treisprezece", "paisprezece", "cincisprezece",
     "șaisprezece", "șaptesprezece", "optsprezece", "nouăsprezece"),
    ("sepuluh", "sebelas"),
    ("deset", "jedenáct", "dvanáct", "třináct", "čtrnáct", "patnáct", "šestnáct", "sedmnáct",
     "osmnáct", "devatenáct"),
    ("tio", "elva", "tolv", "tretton", "fjorton", "femton", "sexton", "sjutton", "arton", "nitton"),
    ("δέκα", "έντεκα", "δώδεκα", "δεκατρία", "δεκατέσσερα", "δεκαπέντε", "δεκαέξι", "δεκαεπτά",
     "δεκαοκτώ", "δεκαεννέα"),
    ("десять", "одинадцять", "дванадцять", "тринадцять", "чотирнадцять", "пʼятнадцять",
     "шістнадцять", "сімнадцять", "вісімнадцять", "девʼятнадцять"),
    ("tíz",),
)  # fmt: skip
_MORE_TENS: Tuple[Tuple[str, ...], ...] = (  # 20, 30 ... 90
    ("twintig", "dertig", "veertig", "vijftig", "zestig", "zeventig", "tachtig", "negentig"),
    ("yirmi", "otuz", "kırk", "elli", "altmış", "yetmiş", "seksen", "doksan"),
    ("dwadzieścia", "trzydzieści", "czterdzieści", "pięćdziesiąt", "sześćdziesiąt",
     "siedemdziesiąt", "osiemdziesiąt", "dziewięćdziesiąt"),
    ("douăzeci", "treizeci", "patruzeci", "cincizeci", "șaizeci", "șaptezeci", "optzeci",
     "nouăzeci"),
    ("dvacet", "třicet", "čtyřicet", "padesát", "šedesát", "sedmdesát", "osmdesát", "devadesát"),
    ("tjugo", "trettio", "fyrtio", "femtio", "sextio", "sjuttio", "åttio", "nittio"),
    ("είκοσι", "τριάντα", "σαράντα", "πενήντα", "εξήντα", "εβδομήντα", "ογδόντα", "ενενήντα"),
    ("двадцять", "тридцять", "сорок", "пʼятдесят", "шістдесят", "сімдесят", "вісімдесят",
     "девʼяносто"),
    ("húsz", "harminc", "negyven", "ötven", "hatvan", "hetven", "nyolcvan", "kilencven"),
)  # fmt: skip
# ro: "șasezeci", the everyday form of "șaizeci" (60), with s-cedilla too.
_MORE_TENS_VARIANTS = (("șasezeci", 60), ("şasezeci", 60))
_MORE_HUNDREDS: Tuple[Tuple[str, ...], ...] = (  # 100, 200 ... 900 as one word
    ("sto", "dwieście", "trzysta", "czterysta", "pięćset", "sześćset", "siedemset", "osiemset",
     "dziewięćset"),
    ("εκατό", "διακόσια", "τριακόσια", "τετρακόσια", "πεντακόσια", "εξακόσια", "επτακόσια",
     "οκτακόσια", "εννιακόσια"),
    ("сто", "двісті", "триста", "чотириста", "пʼятсот", "шістсот", "сімсот", "вісімсот",
     "девʼятсот"),
    ("seratus",),
)  # fmt: skip
_MORE_HUNDRED_MULTIPLIERS = ("honderd", "yüz", "sute", "sută", "ratus", "hundra", "száz")
# Romanian says one hundred "o sută", with the feminine "o" (one) no digit word can be: it is
# the look-alike "o", and "or" in Spanish and Italian. Read only right before these words.
_ROMANIAN_HUNDREDS = frozenset({"sută", "suta"})
# The "one" a bare hundred implies: Romanian "o sută", or a hundred opening a group after a
# comma ("iki, yüz yirmi üç" is 2, 123, not 223).
_IMPLIED_ONE: Token = ("U", 1)
# A comma between two number words ends a number: "seiscientos, once, veintidós" is 600 11
# 22, read out in groups, where "seiscientos once" is 611.
_GROUP_END: Token = ("|", 0)
_MORE_CONNECTORS = ("și", "şi", "si", "και")
# "dua puluh" = 20, "dua belas" = 12 (Indonesian), "dvě stě", "pět set" (Czech hundreds).
_TIMES_TEN = ("puluh",)
_PLUS_TEN = ("belas",)
_CZECH_HUNDREDS = ("stě", "sta", "set")
# Words that only ever continue a number another word started: alone they are everyday
# words in some language ("on", "sex", "hat", "set", "en"), never the start of a phone number.
# So are accent-free spellings that are words elsewhere: "tva" (Swedish två; French VAT),
# "lima" (Indonesian 5; the city), "ett" (Swedish 1; its article), "noua" (Romanian nouă,
# also "new").
_JOIN_ONLY_WORDS = frozenset(
    {"on", "en", "sex", "fem", "tio", "hat", "het", "ot", "set", "sta", "ste", "puluh", "belas",
     "ratus", "pet", "opt", "si", "tien", "tva", "lima", "ett", "noua"}
)  # fmt: skip

# Chinese numerals (simplified, traditional and financial forms); 幺 and 洞 are how 1 and 0
# are read out in phone numbers.
_CJK_VALUES: Mapping[str, Token] = MappingProxyType(
    {
        **{c: ("U", 0) for c in "零〇洞"},
        **{c: ("U", 1) for c in "一幺壹"},
        **{c: ("U", 2) for c in "二两兩贰貳"},
        **{c: ("U", 3) for c in "三叁參"},
        **{c: ("U", 4) for c in "四肆"},
        **{c: ("U", 5) for c in "五伍"},
        **{c: ("U", 6) for c in "六陆陸"},
        **{c: ("U", 7) for c in "七柒"},
        **{c: ("U", 8) for c in "八捌"},
        **{c: ("U", 9) for c in "九玖"},
        **{c: ("X", 10) for c in "十拾"},
        **{c: ("H", 100) for c in "百佰"},
    }
)
_CJK_RUN = re.compile("[" + "".join(_CJK_VALUES) + "]+")
# The Chinese and Japanese numerals that are digits ("〇", "一" ... "九", "幺", "壹" ...).
CJK_DIGITS = "".join(c for c, (kind, _value) in _CJK_VALUES.items() if kind == "U")

_THAI_DIGITS = ("ศูนย์", "หนึ่ง", "สอง", "สาม", "สี่", "ห้า", "หก", "เจ็ด", "แปด", "เก้า")
# Thai is written without spaces, so only runs of three or more digit words count.
_THAI_RUN = re.compile("(?:(?:" + "|".join(_THAI_DIGITS) + r")\s?){3,}")
_THAI_WORD = re.compile("|".join(_THAI_DIGITS))
# Any character of a Thai digit word: a text without one holds no _THAI_RUN.
_THAI_LETTER = re.compile("[" + "".join(sorted(set("".join(_THAI_DIGITS)))) + "]")

# Sino-Korean digits are one syllable each and common inside words, so only whole words of
# three or more digit syllables count ("공일공" = 010).
_KOREAN_DIGITS: Mapping[str, str] = MappingProxyType(
    {"공": "0", "영": "0", "일": "1", "이": "2", "삼": "3", "사": "4", "오": "5", "육": "6",
     "륙": "6", "칠": "7", "팔": "8", "구": "9"}
)  # fmt: skip
# Japanese digits read out in katakana, as a phone number is said aloud ("ゼロキューゼロ" =
# 090). Only whole katakana words of three or more digit readings count (イチゴ, strawberry,
# and サンゴ, coral, are two); シ and ク, which start too many words, are left out.
_KATAKANA_DIGITS: Mapping[str, str] = MappingProxyType(
    {"ゼロ": "0", "レイ": "0", "マル": "0", "イチ": "1", "ニー": "2", "ニ": "2", "サン": "3",
     "ヨン": "4", "ゴー": "5", "ゴ": "5", "ロク": "6", "ナナ": "7", "ハチ": "8", "キュー": "9",
     "キュウ": "9"}
)  # fmt: skip
_KATAKANA_DIGIT_WORD = re.compile("|".join(sorted(_KATAKANA_DIGITS, key=len, reverse=True)))
# Three or more readings in one word, or single readings apart, a space or "、" between them
# ("ゼロ ハチ ゼロ、イチ ニ ..."); "イチゴ サンゴ" is two words of two readings.
_READING = "(?:" + _KATAKANA_DIGIT_WORD.pattern + ")"
_KATAKANA_RUN = re.compile(
    "(?<![ァ-ヺ])(?:" + _READING + "{3,}|" + _READING + "(?:[ 、]" + _READING + "(?![ァ-ヺ])){2,})"
    "(?![ァ-ヺ])"
)
_KOREAN_RUN = re.compile("(?<![가-힣])[" + "".join(_KOREAN_DIGITS) + "]{3,}(?![가-힣])")
_KATAKANA_DIGIT_START = re.compile("[" + "".join(sorted({w[0] for w in _KATAKANA_DIGITS})) + "]")
_KOREAN_DIGIT = re.compile("[" + "".join(_KOREAN_DIGITS) + "]")

# Words to test membership against. Both accented and plain spellings (ads drop accents),
# except Vietnamese, whose plain forms are ordinary words.
_PLAIN_FORM_EXEMPT = frozenset((*_DIGIT_NAMES[7], "mốt"))  # "mot" is French for "word"


def _strip_accents(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word)
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
    )


def _add_units_teens_and_tens(
    lexicon: Dict[str, Token],
    digit_names: Sequence[Sequence[str]],
    digit_variants: Sequence[Tuple[str, int]],
    teens: Sequence[Sequence[str]],
    tens: Sequence[Sequence[str]],
) -> None:
    """Each language's words for 0-9 (and their variants), 10-19 and 20, 30 ... 90."""
    for names in digit_names:
        for value, word in enumerate(names):
            lexicon[word] = ("U", value)
    for word, value in digit_variants:
        lexicon[word] = ("U", value)
    for names in teens:
        for offset, word in enumerate(names):
            lexicon[word] = ("T", 10 + offset)
    for names in tens:
        for offset, word in enumerate(names):
            lexicon[word] = ("D", 20 + 10 * offset)


def _build_lexicon() -> Mapping[str, Token]:
    lexicon: Dict[str, Token] = {}
    _add_units_teens_and_tens(lexicon, _DIGIT_NAMES, _DIGIT_VARIANTS, _TEENS, _TENS)
    for word, value in _TEEN_VARIANTS:
        lexicon[word] = ("T", value)
    lexicon["vingt"] = ("G", 20)
    lexicon["vingts"] = ("G", 20)
    for names in _HUNDREDS:
        for offset, word in enumerate(names):
            lexicon[word] = ("V", 100 * (offset + 1))
        for word in names[1:]:
            if word.endswith("os"):
                lexicon[word[:-2] + "as"] = lexicon[word]  # feminine: doscientas
    for word in ("cien", "cem"):
        lexicon[word] = ("V", 100)
    for word in _HUNDRED_MULTIPLIERS:
        lexicon[word] = ("H", 100)
    for offset, word in enumerate(_SPANISH_TWENTIES):
        lexicon[word] = ("E", 21 if offset <= 1 else 20 + offset)  # veintiuno, veintiún, veintidós
    # German "dreiundzwanzig" and Italian "ventitré"/"ventotto" are one word.
    german_units = ("ein", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun")
    italian_units = ("uno", "due", "tre", "quattro", "cinque", "sei", "sette", "otto", "nove")
    for tens_index in range(8):
        tens = 20 + 10 * tens_index
        for unit_index in range(9):
            german = german_units[unit_index] + "und" + _TENS[5][tens_index]
            lexicon[german] = ("E", tens + unit_index + 1)
            stem = _TENS[6][tens_index]
            unit = italian_units[unit_index]
            italian = (stem[:-1] if unit[0] in "uo" else stem) + ("tré" if unit == "tre" else unit)
            lexicon[italian] = ("E", tens + unit_index + 1)
            lexicon[stem + unit] = ("E", tens + unit_index + 1)
    for word in _CONNECTORS:
        lexicon[word] = ("C", 0)
    for word, times in _REPEATS:
        lexicon[word] = ("M", times)
    _add_plain_forms(lexicon)
    return MappingProxyType(lexicon)


def _add_plain_forms(lexicon: Dict[str, Token]) -> None:
    """Each word also under its accent-free spelling (ads drop accents), where that is free."""
    for word, token in list(lexicon.items()):
        plain = _strip_accents(word).replace("ı", "i")  # Turkish dotless i has no accent
        if plain != word and word not in _PLAIN_FORM_EXEMPT:
            lexicon.setdefault(plain, token)
        if "ß" in word:
            lexicon.setdefault(word.replace("ß", "ss"), token)


def _build_more_lexicon(base: Mapping[str, Token]) -> Mapping[str, Token]:
    """``base`` plus the later languages (_MORE_DIGIT_NAMES ...); base words keep their reading."""
    more: Dict[str, Token] = {}
    _add_units_teens_and_tens(
        more, _MORE_DIGIT_NAMES, _MORE_DIGIT_VARIANTS, _MORE_TEENS, _MORE_TENS
    )
    for names in _MORE_HUNDREDS:
        for offset, word in enumerate(names):
            more[word] = ("V", 100 * (offset + 1))
    for word, value in _MORE_TENS_VARIANTS:
        more[word] = ("D", value)
    for word in _MORE_HUNDRED_MULTIPLIERS + _CZECH_HUNDREDS:
        more[word] = ("H", 100)
    for word in _TIMES_TEN:
        more[word] = ("X", 10)
    for word in _PLUS_TEN:
        more[word] = ("B", 10)
    for word in _MORE_CONNECTORS:
        more[word] = ("C", 0)
    # One-word compounds: Dutch "tweeëntwintig" and "driehonderd", Swedish "trettiotvå",
    # Hungarian "harminckettő", "tizenöt" and "ötszáz".
    dutch, swedish, hungarian = _MORE_DIGIT_NAMES[0], _MORE_DIGIT_NAMES[6], _MORE_DIGIT_NAMES[9]
    hungarian_tens = ("huszon", *_MORE_TENS[8][1:])
    for unit in range(1, 10):
        joint = "ën" if dutch[unit].endswith("e") else "en"
        for tens_index in range(8):
            tens = 20 + 10 * tens_index
            more[dutch[unit] + joint + _MORE_TENS[0][tens_index]] = ("E", tens + unit)
            if unit == 1:  # "één", the stressed "een": "éénentwintig"
                more["één" + joint + _MORE_TENS[0][tens_index]] = ("E", tens + unit)
            more[_MORE_TENS[5][tens_index] + swedish[unit]] = ("E", tens + unit)
            more[hungarian_tens[tens_index] + hungarian[unit]] = ("E", tens + unit)
        more["tizen" + hungarian[unit]] = ("T", 10 + unit)
        if unit >= 2:
            more[dutch[unit] + "honderd"] = ("V", 100 * unit)
            more[("két" if unit == 2 else hungarian[unit]) + "száz"] = ("V", 100 * unit)
    for word in [w for w in more if "ʼ" in w]:
        more[word.replace("ʼ", "")] = more[word]  # "пять" written without the apostrophe
    _add_plain_forms(more)
    del more["kirk"]  # "kırk" (40) without its dotless i is an English name
    return MappingProxyType({**more, **base})


# Run-together words are cut only into these words (see _MORE_DIGIT_NAMES).
_SEGMENT_LEXICON: Mapping[str, Token] = _build_lexicon()
LEXICON: Mapping[str, Token] = _build_more_lexicon(_SEGMENT_LEXICON)
# Number words that are also everyday words (articles, pronouns, names); a text containing
# only these is not worth the spelled-number pass unless they repeat.
_COMMON_WORDS = frozenset(
    {"one", "oh", "once", "ten", "un", "une", "una", "uno", "um", "uma", "ein", "eine", "null",
     "sei", "due", "hai", "ba", "năm", "không", "một", "isa", "lima", "cent", "cento", "e", "y",
     "i", "et", "and", "und", "dos", "tres", "elf", "sept", "double", "triple", "cien", "mil",
     # later languages: articles ("een", "bir", "egy", "ένα", "ett"), names ("elli", "elva"),
     # everyday words (Italian "sto", Spanish "tío" as "nio"/"tio" ...)
     "een", "bir", "egy", "ένα", "ett", "elli", "elva", "sto", "nio", "yüz", "yuz",
     "jeden", "jedna", "osm", "nula", "nulla", "dua", "satu", "unu", "hét", "ot", "kosong",
     # Swahili digits that are words or names elsewhere (Polish "moja", "my"; "saba", "sita")
     "moja", "tatu", "nne", "tano", "sita", "saba", "nane", "tisa",
     # Vietnamese "bảy" (7) without its accents is the English "bay" ("Back Bay", "Tampa Bay");
     # "mốt" is also "fashion" and "ngày mốt" (the day after tomorrow)
     "bay", "mốt"}
)  # fmt: skip
NUMBER_WORDS = frozenset(
    w for w, (kind, _v) in LEXICON.items() if kind != "C" and w not in _JOIN_ONLY_WORDS
)
_STRONG_WORDS = NUMBER_WORDS - _COMMON_WORDS

# Words are maximal letter runs; digits and punctuation split them, so "5five5" has "five".
_WORD_SPLIT = re.compile(r"([^\W\d_]+)")
_LETTER = re.compile(r"[^\W\d_]")
# In ASCII the letters are A-Z and a-z: this byte table blanks everything else.
_ASCII_NON_LETTERS_TO_SPACE = bytes(
    code if chr(code).isascii() and chr(code).isalpha() else ord(" ") for code in range(256)
)
# What may sit between two number words of one spoken number: spaces, hyphens, commas, dots.
_WORD_GAP = re.compile(r"[\s\-,.\u060c]{1,3}\Z")  # U+060C: the Arabic comma
# A whole gap that is a _WORD_GAP, and the whole word after it (no gap character is a
# letter, so the gap ends where the word starts).
_GAP_THEN_WORD = re.compile(r"[\s\-,.\u060c]{1,3}([^\W\d_]+)")
# The digit a run's last word repeats: "1 double 2 three" is 1223, "four double 5" 455.
_GAP_THEN_DIGIT = re.compile(r"[ \t\-]{1,2}([0-9])")
_LETTERS_AFTER_DIGIT = re.compile(r"[0-9]((?:[^\W\d_]|[|])+)")
# The same without the bar: one character class repeats far faster than an alternation,
# and for ASCII text a plain range is faster still than the Unicode letter test.
_LETTERS_ONLY_AFTER_DIGIT = re.compile(r"[0-9]([^\W\d_]+)")
_ASCII_LETTERS_AFTER_DIGIT = re.compile(r"[0-9]([A-Za-z]+)")
# A digit with a letter or a bar right after or right before it.
_LETTER_TOUCHING_DIGIT = re.compile(r"[0-9](?:(?=[^\W\d_]|\|)|(?<=(?:[^\W\d_]|\|)[0-9]))")
# ASCII characters by what the phrase tests ask of them: "0" a digit, "a" a letter or a bar,
# "s" what may sit between a digit and a word (_WORD_BETWEEN_DIGITS), "x" anything else.
_ASCII_MARKS = bytes(
    ord("0") if chr(code) in "0123456789"
    else ord("a") if (chr(code).isascii() and chr(code).isalpha()) or chr(code) == "|"
    else ord("s") if chr(code) in " \t-"
    else ord("x")
    for code in range(256)
)  # fmt: skip
# ASCII characters by what the look-alike tests ask of them: "0" a digit, "o" a look-alike
# letter, "|" the bar, "a" another letter, " " anything else.
_ASCII_LOOKALIKE_MARKS = bytes(
    ord("0") if chr(code) in "0123456789"
    else ord("o") if chr(code) in "oli"
    else ord("|") if chr(code) == "|"
    else ord("a") if chr(code).isascii() and chr(code).isalpha()
    else ord(" ")
    for code in range(256)
)  # fmt: skip
# Pieces a run-together word may be cut into ("eightfive"): digits, teens, tens, compounds.
_SEGMENT_KINDS = frozenset("UTDEGV")
_MAX_SEGMENTED_CHARS = 40
# Distinct words whose segmentation is remembered; ads repeat the same words.
_SEGMENT_CACHE_SIZE = 8192
_WORD_CACHE_SIZE = 16_384  # distinct words whose "is it a number word" answer is remembered
_PHRASE_CACHE_SIZE = 16_384  # distinct sentences whose signals are remembered
_MAX_CACHED_PHRASE_CHARS = 300
_SEGMENT_PREFIXES = frozenset(
    w[:2] for w, (k, _v) in _SEGMENT_LEXICON.items() if k in _SEGMENT_KINDS and len(w) >= 2
)
_SEGMENT_SUFFIXES = frozenset(
    w[-2:] for w, (k, _v) in _SEGMENT_LEXICON.items() if k in _SEGMENT_KINDS and len(w) >= 2
)
_ASCII_DIGIT = re.compile("[0-9]")
# A candidate phone number: digit groups joined by separators (ASCII and Unicode dashes,
# dots, bullets, the Japanese middle dot "・"). Linear: the class excludes nothing that could make the engine
# backtrack into the same run twice. phones searches digitised text for it; the phrase
# signals tell when the text provably has none.
PHONE_RUN_CHARS = (
    "0123456789 \t-.()/*~_\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u00b7\u2022\u30fb"
)
PHONE_RUN = re.compile(r"[0-9][0-9 \t\-.()/*~_\u2010-\u2015\u2212\u00b7\u2022\u30fb]{6,}[0-9]")
# PHONE_RUN over a text's "shape", where each character is d (a digit), s (another
# PHONE_RUN_CHARS character) or x: PHONE_RUN reads characters only as members of its two
# classes, so its matches in a text are these in the shape (same spans). Keep the two alike.
PHONE_RUN_IN_SHAPE = re.compile(rb"d[ds]{6,}d")
# Arrows, dingbats, emoji and the ornamental punctuation marks (※, ⁕, ⁘ ... ⁞): what ads
# put between digit groups ("702💋555💋0123", "512⁕555⁕0163") and between a platform name
# and its handle ("Insta👉bella").
SYMBOLS = "\u203b\u2055\u2058-\u205e\u2190-\u21ff\u2600-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff"
_SYMBOL = re.compile("[" + SYMBOLS + "]")
# Any Chinese numeral, Hangul digit syllable or Thai letter: worth the full pass.
_NON_LATIN_NUMERAL = re.compile(
    "[" + "".join(_CJK_VALUES) + "".join(_KOREAN_DIGITS) + "\u0e01-\u0e4e]"
)


def has_non_latin_numerals(text: str) -> bool:
    """True when ``text`` may hold Chinese, Korean or Thai numerals, or katakana digits."""
    return _NON_LATIN_NUMERAL.search(text) is not None or (
        _KATAKANA_DIGIT_START.search(text) is not None and _KATAKANA_RUN.search(text) is not None
    )


# Look-alike letters (after lower-casing; Cyrillic and Greek o too) inside a token that
# also has a digit: "o1" -> "01", "6l7" -> "617".
# The Cyrillic "з" and "б" (З and Б lower-cased) stand for 3 and 6 in Russian and Polish
# ads ("8 912 З45 67 89", "5O1 2З4 567"); only glued to a digit, like the others.
_LOOKALIKES = str.maketrans(
    {"o": "0", "о": "0", "ο": "0", "l": "1", "i": "1", "|": "1", "з": "3", "б": "6"}
)
# Look-alikes right after a digit and not followed by a letter; run on the reversed text
# too, for those right before a digit. Both start on a digit, which the engine finds fast.
_LOOKALIKE_AFTER_DIGIT = re.compile(r"([0-9])([oоοli|зб]+)(?![^\W\d_])")
_LOOKALIKE_CHARS = "oоοli|зб"
# A digit with a look-alike (or a bar) right after or right before it; the search starts
# on a digit, which the engine finds fast.
_LOOKALIKE_TOUCHING_DIGIT = re.compile(r"[0-9](?:(?=[oоοli|зб])|(?<=[oоοli|зб][0-9]))")
# An S between two digits is a 5 among other look-alikes ("3I2-5S5-OI42"); at a group's
# edge only inside a run of digit groups ("720 55S 0I38", "6I2 34S 678"), for alone there
# it is a plural or a size ("90s", "2s", "size 55S").
_S_BETWEEN_DIGITS = re.compile(r"(?<=[0-9])s(?=[0-9])")
_S_ENDING_A_GROUP = re.compile(r"([0-9][ \t.-]{1,2}[0-9]{1,3})s(?=[ \t.-]{1,2}[0-9])")
# A bar between two groups of three or more digits separates them: 617|555|0123.
_SEPARATING_BAR = re.compile(r"(?<=[0-9]{3})\|(?=[0-9]{3})")
# A lone look-alike between two digit groups: "555 o 123", or a group of three o's
# ("8-925-ООО-12-34").
# The start is one character class so the engine can skip ahead to it.
_LONE_LOOKALIKES = r"(?:[oоοli]{1,2}|[oоο]{3})"
_LONE_LOOKALIKE = re.compile(
    r"([0-9+(][\s\-.(]{0,2})(" + _LONE_LOOKALIKES + r")(?=[\s\-.)]{1,3}[0-9])"
)


# The lone look-alike is the one signal a phrase cut can split ("555\no 123"): a match
# holds a digit, "+" or "(", up to two separators, the look-alike, one to three
# separators and a digit, and a cut falls on a separator. A phrase ending like the start
# of a match and a phrase starting like its end flag a cut one may straddle; the whole
# text is searched only then. Either the look-alike is before the cut ...
_LONE_HEAD_WITH_LOOKALIKE = re.compile(
    r"[0-9+(][\s\-.(]{0,2}" + _LONE_LOOKALIKES + r"[\s\-.)]{0,2}\Z"
)
_LONE_TAIL_DIGIT = re.compile(r"[\s\-.)]{0,2}[0-9]")
# ... or after it.
_LONE_HEAD = re.compile(r"[0-9+(][\s\-.(]?\Z")
_LONE_TAIL_WITH_LOOKALIKE = re.compile(
    r"[\s\-.(]?" + _LONE_LOOKALIKES + r"[\s\-.)]{0,3}(?:[0-9]|\Z)"
)
_LONE_HEAD_CHARS = 8  # the longest _LONE_HEAD_WITH_LOOKALIKE match
# Besides whitespace, the characters these patterns can start or end with.
_LONE_EDGE_CHARS = frozenset("0123456789+()-.oоοli")

# What one phrase contributes to ``text_signals``, packed in one int so that the phrases
# of a text combine with a C-level sum(); each field counts phrases (a phrase takes at
# least one character or cut, so 32 bits hold any text). Field 0 counts number words (capped
# at 3; a phrase that needs the spelled pass on its own counts 3); field 1 the phrases
# with a look-alike glued to a digit or a lone one; fields 2-5 the phrases that may start
# or end a lone look-alike across a cut; field 6 the phrases with a SYMBOLS character;
# fields 7-9 the phrases with a PHONE_RUN, and those that may start or end one across a cut.
_FIELD_BITS = 32
_FIELD_MASK = (1 << _FIELD_BITS) - 1
_SPELLED_WORDS = 3
_LOOKALIKE_PHRASE = 1 << _FIELD_BITS
_HEAD_WITH_LOOKALIKE = 1 << 2 * _FIELD_BITS
_TAIL_DIGIT = 1 << 3 * _FIELD_BITS
_HEAD = 1 << 4 * _FIELD_BITS
_TAIL_WITH_LOOKALIKE = 1 << 5 * _FIELD_BITS
_SYMBOL_PHRASE = 1 << 6 * _FIELD_BITS
_RUN_PHRASE = 1 << 7 * _FIELD_BITS
_RUN_HEAD = 1 << 8 * _FIELD_BITS
_RUN_TAIL = 1 << 9 * _FIELD_BITS
# A field is non-zero exactly when its bits are: fields never carry into each other.
_LOOKALIKE_PHRASE_MASK = _LOOKALIKE_PHRASE * _FIELD_MASK
_HEAD_WITH_LOOKALIKE_MASK = _HEAD_WITH_LOOKALIKE * _FIELD_MASK
_TAIL_DIGIT_MASK = _TAIL_DIGIT * _FIELD_MASK
_HEAD_MASK = _HEAD * _FIELD_MASK
_TAIL_WITH_LOOKALIKE_MASK = _TAIL_WITH_LOOKALIKE * _FIELD_MASK
_SYMBOL_PHRASE_MASK = _SYMBOL_PHRASE * _FIELD_MASK
_RUN_PHRASE_MASK = _RUN_PHRASE * _FIELD_MASK
_RUN_HEAD_MASK = _RUN_HEAD * _FIELD_MASK
_RUN_TAIL_MASK = _RUN_TAIL * _FIELD_MASK
# Field 10: the phrases that may need bridge_digit_separators.
_SEPARATOR_PHRASE = 1 << 10 * _FIELD_BITS
_SEPARATOR_PHRASE_MASK = _SEPARATOR_PHRASE * _FIELD_MASK
# Field 11: the phrases that may be a line of join_digit_lines.
_DIGIT_LINE_PHRASE = 1 << 11 * _FIELD_BITS
_DIGIT_LINE_PHRASE_MASK = _DIGIT_LINE_PHRASE * _FIELD_MASK


def _lone_lookalike_codes(lower_phrase: str) -> int:
    """The lone look-alike fields of one phrase (see _LONE_HEAD_WITH_LOOKALIKE)."""
    code = 0
    # Most phrases start and end with a letter, which none of the patterns can.
    last = lower_phrase[-1:]
    if last in _LONE_EDGE_CHARS or last.isspace():
        head_start = max(0, len(lower_phrase) - _LONE_HEAD_CHARS)
        if _LONE_HEAD_WITH_LOOKALIKE.search(lower_phrase, head_start) is not None:
            code += _HEAD_WITH_LOOKALIKE
        if _LONE_HEAD.search(lower_phrase, head_start) is not None:
            code += _HEAD
    first = lower_phrase[:1]
    if first in _LONE_EDGE_CHARS or first.isspace():
        if _LONE_TAIL_DIGIT.match(lower_phrase) is not None:
            code += _TAIL_DIGIT
        if _LONE_TAIL_WITH_LOOKALIKE.match(lower_phrase) is not None:
            code += _TAIL_WITH_LOOKALIKE
    return code


def _phone_run_codes(lower_phrase: str) -> int:
    """The PHONE_RUN fields of one phrase that holds a digit.

    Runs never hold a newline, so only a ". " cut can split one: the phrase before it then
    ends with a digit and run characters up to its final dot, the phrase after it starts
    with run characters and a digit.
    """
    code = 0
    if PHONE_RUN.search(lower_phrase) is not None:
        code += _RUN_PHRASE
    # str.strip finds the run characters at either end in linear time, where an anchored
    # regex would retry from every digit.
    head = lower_phrase[: len(lower_phrase) - len(lower_phrase.lstrip(PHONE_RUN_CHARS))]
    if _ASCII_DIGIT.search(head) is not None:
        code += _RUN_HEAD
    if lower_phrase.endswith("."):
        tail = lower_phrase[len(lower_phrase.rstrip(PHONE_RUN_CHARS)) :]
        if _ASCII_DIGIT.search(tail) is not None:
            code += _RUN_TAIL
    return code


# A number word with a digit on each side, a space or dash apart ("9 one 7"), is a spelled
# digit even when it is an everyday word. Neither side crosses a phrase cut (newline, ". ").
_WORD_BETWEEN_DIGITS = re.compile(r"[0-9][ \t-]{1,2}([^\W\d_]+)(?=[ \t-]{1,2}[0-9])")


def _has_number_word_between_digits(lower_text: str) -> bool:
    return not NUMBER_WORDS.isdisjoint(_WORD_BETWEEN_DIGITS.findall(lower_text))


def _phrase_code(lower_phrase: str) -> int:
    """The ``text_signals`` of one phrase (a piece of text cut at whitespace)."""
    code = _lone_lookalike_codes(lower_phrase)
    ascii_phrase = lower_phrase.isascii()
    if not ascii_phrase and _SYMBOL.search(lower_phrase) is not None:
        code += _SYMBOL_PHRASE
    # In ASCII, one byte table (_ASCII_MARKS) answers what would take a regex scan each:
    # is there a digit, does a letter touch one, can a word sit between two.
    marks = _ascii_marks(lower_phrase, _ASCII_MARKS) if ascii_phrase else ""
    glued_number_word = False
    if "0" in marks if ascii_phrase else _ASCII_DIGIT.search(lower_phrase) is not None:
        code += _phone_run_codes(lower_phrase)
        if ascii_phrase:
            # _words_touching_digits reads only letters touching a digit, on the side
            # each of its searches looks at.
            letter_after, letter_before = "0a" in marks, "a0" in marks
            touching = (
                _words_touching_digits(lower_phrase, letter_after, letter_before)
                if letter_after or letter_before
                else []
            )
        elif _letter_touches_digit(lower_phrase):
            touching = _words_touching_digits(lower_phrase)
        else:
            touching = []  # _words_touching_digits reads only letters touching a digit
        if any(not word.strip(_LOOKALIKE_CHARS) for word in touching) or (
            (not ascii_phrase or _may_hold_lone_lookalike(lower_phrase))
            and _LONE_LOOKALIKE.search(lower_phrase) is not None
        ):
            code += _LOOKALIKE_PHRASE
        if _may_need_bridging(lower_phrase, marks if ascii_phrase else None):
            code += _SEPARATOR_PHRASE
        if len(lower_phrase) <= _MAX_DIGIT_LINE_CHARS and not lower_phrase.strip(DIGIT_LINE_CHARS):
            code += _DIGIT_LINE_PHRASE
        glued_number_word = any(
            map(_cached_is_number_word, map(getitem, touching, repeat(_WORD_KEY)))
        ) or (
            (not ascii_phrase or _may_hold_word_between_digits(marks))
            and _has_number_word_between_digits(lower_phrase)
        )
    words = phrase_words(lower_phrase)
    if NUMBER_WORDS.isdisjoint(words):  # most phrases: no number word at all
        number_words: List[str] = []
    else:
        number_words = list(filter(NUMBER_WORDS.__contains__, words))
    spelled = (
        glued_number_word
        or not _COMMON_WORDS.issuperset(number_words)
        or _holds_run_together_number_word(words)
        or (not ascii_phrase and has_non_latin_numerals(lower_phrase))
    )
    return code + (_SPELLED_WORDS if spelled else min(len(number_words), _SPELLED_WORDS))


def phrase_words(lower_phrase: str) -> List[str]:
    """The words a phrase's number words are counted among: split at whitespace, dashes,
    commas, dots ("832.four.one.seven.9910") and brackets ("(two one two) 555-0147")."""
    # Seven replace() calls cost a fifth of one str.translate, which maps every character.
    return (
        lower_phrase.replace("-", " ")
        .replace(",", " ")
        .replace(".", " ")
        .replace("(", " ")
        .replace(")", " ")
        .replace("[", " ")
        .replace("]", " ")
        .split()
    )


def _holds_run_together_number_word(words: List[str]) -> bool:
    """True when a word is number words run together ("eightthreetwo", "fivefourthreetwo")."""
    return any(
        len(word) >= _MIN_RUN_TOGETHER_CHARS and _segment(word) is not None for word in words
    )


# Two number words of three letters at least ("sixsix", "onetwo").
_MIN_RUN_TOGETHER_CHARS = 6


def _may_hold_lone_lookalike(ascii_text: str) -> bool:
    """False when ASCII ``ascii_text`` provably holds no _LONE_LOOKALIKE match."""
    return _marks_may_hold_lone_lookalike(_ascii_marks(ascii_text, _ASCII_LOOKALIKE_MARKS))


def _marks_may_hold_lone_lookalike(marks: str) -> bool:
    """``_may_hold_lone_lookalike`` for the text of ``marks`` (_ASCII_LOOKALIKE_MARKS).

    The look-alikes of a match are one to three, after a digit or a separator and before a
    separator (all marked " " but the digit).
    """
    return (
        " o " in marks
        or "0o " in marks
        or " oo " in marks
        or "0oo " in marks
        or " ooo " in marks
        or "0ooo " in marks
    )


def _may_hold_word_between_digits(marks: str) -> bool:
    """False when the phrase of ``marks`` (_ASCII_MARKS) holds no _WORD_BETWEEN_DIGITS match.

    A match is a digit, one or two spaces, tabs or dashes, letters, and then the same again.
    """
    return ("0sa" in marks or "0ssa" in marks) and ("as0" in marks or "ass0" in marks)


# Ads are mostly boilerplate sentences that recur across a feed, so the signals of short
# phrases are remembered; long ones (no sentence breaks) are not worth the memory.
_cached_phrase_code = lru_cache(maxsize=_PHRASE_CACHE_SIZE)(_phrase_code)


def _any_phrase_code(lower_phrase: str) -> int:
    if len(lower_phrase) <= _MAX_CACHED_PHRASE_CHARS:
        return _cached_phrase_code(lower_phrase)
    return _phrase_code(lower_phrase)


class TextSignals(NamedTuple):
    """What one lower-cased text needs and holds, from ``text_signals``.

    Spelled numbers: a Chinese/Korean/Thai numeral, a number word that is not also an
    everyday word, three or more number words, a number word glued to a digit
    ("07861 five64985") or between two digits ("9 one 7"). Look-alikes: a run of o, l, i
    or | glued to a digit ("3O5"), or a lone o, l or i between digits ("555 o 123").
    """

    spelled: bool  # needs the spelled-number pass
    lookalikes: bool  # needs the look-alike pass
    symbols: bool  # holds a SYMBOLS character
    phone_run: bool  # may hold a PHONE_RUN match; False means it provably does not
    # may need bridge_digit_separators's commas or look-alikes (an ellipsis, which the
    # phrase cut ". " can split, is for the caller to test)
    separators: bool = False
    # may hold lines that join_digit_lines joins; False means it provably does not
    digit_lines: bool = False


def text_signals(lower_text: str) -> TextSignals:
    """Which passes ``lower_text`` needs, and the cheap facts that come with that (see
    TextSignals); the phrases' signals are cached, since ads repeat their sentences."""
    # Every signal but the lone look-alike and the phone run is local to a
    # whitespace-separated word, so the text splits into lines and sentences at any
    # whitespace; the dot stays on its word.
    phrases = lower_text.replace(". ", ".\n").split("\n")
    if (
        len(lower_text) <= _MAX_CACHED_PHRASE_CHARS
        or max(map(len, phrases)) <= _MAX_CACHED_PHRASE_CHARS
    ):
        total = sum(map(_cached_phrase_code, phrases))
    else:
        total = sum(map(_any_phrase_code, phrases))
    lookalikes = bool(total & _LOOKALIKE_PHRASE_MASK)
    if not lookalikes and (
        (total & _HEAD_WITH_LOOKALIKE_MASK and total & _TAIL_DIGIT_MASK)
        or (total & _HEAD_MASK and total & _TAIL_WITH_LOOKALIKE_MASK)
    ):
        lookalikes = _LONE_LOOKALIKE.search(lower_text) is not None
    phone_run = bool(total & _RUN_PHRASE_MASK) or bool(
        total & _RUN_HEAD_MASK and total & _RUN_TAIL_MASK
    )
    return TextSignals(
        (total & _FIELD_MASK) >= _SPELLED_WORDS,
        lookalikes,
        bool(total & _SYMBOL_PHRASE_MASK),
        phone_run,
        bool(total & _SEPARATOR_PHRASE_MASK),
        (total & _DIGIT_LINE_PHRASE_MASK) >= 2 * _DIGIT_LINE_PHRASE,
    )


# A phone number written over lines, a group or a few digits on each ("6 1 7\n5 5 5\n0 1 2
# 3", "(617)\n555-0123"): lines of nothing but digits and the separators of a phone, none
# with more digits than a group of a few, together as many digits as a phone has, are one
# line. Dates ("/") and times (":") are no such lines; prices and measurements on lines of
# their own have too few digits ("80\n120\n180", "34\n24\n36").
DIGIT_LINE_CHARS = "0123456789 \t-.()+"
_MAX_DIGIT_LINE_CHARS = 24
_MAX_DIGITS_PER_LINE = 7
_JOINED_LINE_DIGITS = range(9, 14)


def join_digit_lines(text: str) -> str:
    """``text`` with each block of consecutive digit lines (see above) joined by spaces."""
    lines = text.split("\n")
    joined: List[str] = []
    block: List[str] = []
    for line in [*lines, ""]:
        digits = sum(map(str.isdigit, line)) if len(line) <= _MAX_DIGIT_LINE_CHARS else 0
        if 0 < digits <= _MAX_DIGITS_PER_LINE and not line.strip(DIGIT_LINE_CHARS):
            block.append(line)
            continue
        if len(block) >= 2 and sum(map(str.isdigit, "".join(block))) in _JOINED_LINE_DIGITS:
            joined.append(" ".join(part.strip(" \t") for part in block))
        else:
            joined.extend(block)
        block = []
        joined.append(line)
    return "\n".join(joined[:-1])


def _letter_touches_digit(text: str) -> bool:
    """True when a letter or a bar sits right before or right after a digit in ``text``.

    Without one, ``_words_touching_digits`` finds nothing: it reads only such letters.
    """
    if text.isascii():
        # One byte table marks digits "0" and letters and bars "a"; two substring tests.
        marked = _ascii_marks(text, _ASCII_MARKS)
        return "0a" in marked or "a0" in marked
    return _LETTER_TOUCHING_DIGIT.search(text) is not None


def _words_touching_digits(lower_text: str, after: bool = True, before: bool = True) -> List[str]:
    """Letter runs (with | as a letter) directly before or after a digit: "2hrs" -> ["hrs"].

    ``after=False`` (``before=False``) when no letter or bar is right after (before) a digit.
    """
    # Both searches start on a digit; the reversed text gives the letters before a digit.
    if "|" in lower_text:
        letters_after_digit = _LETTERS_AFTER_DIGIT
    elif lower_text.isascii():
        letters_after_digit = _ASCII_LETTERS_AFTER_DIGIT
    else:
        letters_after_digit = _LETTERS_ONLY_AFTER_DIGIT
    found = letters_after_digit.findall(lower_text) if after else []
    if before:
        found.extend(word[::-1] for word in letters_after_digit.findall(lower_text[::-1]))
    return found


def _is_number_word(word: str) -> bool:
    """True for a number word (not a connector) or a run-together one ("eightfive")."""
    return word in NUMBER_WORDS or _segment(word) is not None


# Ads share most of their words, so each word's answer is remembered. Past
# _MAX_SEGMENTED_CHARS nothing is a number word, so keys are cut there (_WORD_KEY): a long
# word takes no more memory than a short one and keeps its answer, False.
_cached_is_number_word = lru_cache(maxsize=_WORD_CACHE_SIZE)(_is_number_word)
_WORD_KEY = slice(0, _MAX_SEGMENTED_CHARS + 1)


def _segment(word: str) -> Optional[Tuple[Token, ...]]:
    """Tokens for a run-together word made only of number words ("eightfive"), else None.

    The length and the first and last two letters rule out most words before the cache, so
    they never take a place in it.
    """
    if not 4 <= len(word) <= _MAX_SEGMENTED_CHARS:
        return None
    if word[:2] not in _SEGMENT_PREFIXES or word[-2:] not in _SEGMENT_SUFFIXES:
        return None
    return _segmentation(word)


@lru_cache(maxsize=_SEGMENT_CACHE_SIZE)
def _segmentation(word: str) -> Optional[Tuple[Token, ...]]:
    """_segment for a word that passed its cheap tests."""
    # best[i]: tokens covering word[:i]; each piece is a number word of two or more letters.
    best: List[Optional[List[Token]]] = [None] * (len(word) + 1)
    best[0] = []
    for end in range(2, len(word) + 1):
        for start in range(max(0, end - 14), end - 1):
            done = best[start]
            if done is None:
                continue
            token = _SEGMENT_LEXICON.get(word[start:end])
            if token is not None and token[0] in _SEGMENT_KINDS:
                best[end] = [*done, token]
                break
    found = best[len(word)]
    return tuple(found) if found is not None and len(found) >= 2 else None


def _extend(current: int, state: str, kind: str, value: int) -> Optional[Tuple[int, str]]:
    """The open number grown by one more word, or None when the word starts a new number."""
    if state == "U" and current > 0:
        if kind == "H":
            return current * 100, "H"
        if kind == "X":
            return current * 10, "D"
        if kind == "G" and current == 4:
            return 80, "D"  # quatre-vingt
    if state in ("H", "V"):
        if kind in ("D", "G"):
            return current + value, "D"
        if kind == "T":
            return current + value, "T"
        if kind in ("U", "E") and value > 0:
            return current + value, "E"
    if state == "D":
        if kind == "U" and value > 0 and current % 10 == 0:
            return current + value, "E"
        if kind == "T" and current % 100 in (60, 80):
            return current + value, "T"  # soixante-dix, quatre-vingt-dix
    if state == "T" and kind == "U" and value > 0 and current % 100 in (10, 70, 90):
        return current + value, "E"  # dix-sept, soixante-dix-huit, 十三, Turkish "on iki"
    if state == "U" and kind == "B" and current > 0:
        return current + 10, "T"  # Indonesian "dua belas" = 12
    return None


def words_to_digits(tokens: Sequence[Token]) -> str:
    """Digits for a run of number-word tokens, compounds joined, the rest read digit by digit.

    Example: the tokens of "zéro six soixante-dix-huit" give "0678".
    """
    out: List[str] = []
    current: Optional[int] = None
    state = ""
    repeat = 1
    for kind, value in tokens:
        if kind == "C":
            continue
        if current is not None:
            grown = _extend(current, state, kind, value)  # never by a _GROUP_END
            if grown is not None:
                current, state = grown
                continue
            out.append(str(current) * repeat)
            repeat, current = 1, None
        if kind == "|":
            continue
        if kind == "M":
            repeat = value
        elif kind == "H":
            current, state = 100, "V"
        elif kind == "X":
            current, state = 10, "T"
        else:
            current, state = value, ("D" if kind == "G" else "T" if kind == "B" else kind)
    if current is not None:
        out.append(str(current) * repeat)
    return "".join(out)


def _cjk_digits(match: re.Match[str]) -> str:
    run = match.group(0)
    if len(run) == 1 and _CJK_VALUES[run][0] != "U":
        return run  # a lone 十 or 百 is a word, not a number
    return words_to_digits([_CJK_VALUES[c] for c in run])


def _thai_digits(match: re.Match[str]) -> str:
    return "".join(str(_THAI_DIGITS.index(w)) for w in _THAI_WORD.findall(match.group(0)))


def _katakana_digits(match: re.Match[str]) -> str:
    # Each reading becomes its digit; a "、" between groups becomes a space.
    return _KATAKANA_DIGIT_WORD.sub(_katakana_digit, match.group(0)).replace("、", " ")


def _katakana_digit(reading: re.Match[str]) -> str:
    return _KATAKANA_DIGITS[reading.group(0)]


def _korean_digits(match: re.Match[str]) -> str:
    return "".join(_KOREAN_DIGITS[c] for c in match.group(0))


# What a lexicon word standing alone reads as (most runs in ads are one word).
_WORD_DIGITS: Mapping[str, str] = MappingProxyType(
    {word: words_to_digits([token]) for word, token in LEXICON.items()}
)


def spelled_to_digits(text: str) -> str:
    """``text`` lower-cased, with every run of spelled-out number words replaced by its digits."""
    text = text.lower()
    if not text.isascii() and has_non_latin_numerals(text):
        text = _non_latin_numerals_to_digits(text)
    # Words are maximal letter runs (_WORD_SPLIT). Only a number word starts a run, so only
    # the stretches from a number word to the end of its run change; the text between
    # them is kept as slices, never split into words.
    found = _number_words_in(text)
    if not found:
        return text
    if text.isascii():
        # " word " in the blanked text (_ascii_blanked) is exactly a whole-word occurrence,
        # at the same index in the text thanks to the leading blank.
        blanked = " " + _ascii_blanked(text) + " "
        starts = sorted(
            (start, word)
            for word in found
            for start in occurrences(blanked, " " + word + " ", len(blanked))
        )
    else:
        starts = sorted((start, word) for word in found for start in _whole_word_starts(text, word))
    lexicon_get = LEXICON.get
    pieces: List[str] = []
    done = 0  # text[:done] is in pieces
    for start, word in starts:
        if start < done:
            continue  # joined into the previous run
        # Where the digits go: from the word on, or from the "o" of "o sută" (one hundred).
        run_start = start
        if word in _ROMANIAN_HUNDREDS and text.startswith("o ", start - 2) and start - 2 >= done:
            if start == 2 or not text[start - 3].isalpha():
                run_start = start - 2
        token = lexicon_get(word)
        if token is None:  # a run-together word ("eightfive") stands alone
            tokens = _segment(word)
            if tokens is not None:
                pieces += (text[done:start], words_to_digits(tokens))
                done = start + len(word)
            continue
        run = [token] if run_start == start else [_IMPLIED_ONE, token]
        run_end = probe = start + len(word)
        # The next word joins when the whole gap before it is a _WORD_GAP.
        while True:
            gap_and_word = _GAP_THEN_WORD.match(text, probe)
            if gap_and_word is None:
                break
            following = lexicon_get(gap_and_word.group(1))
            if following is None:
                if gap_and_word.group(1) == "o" and _is_romanian_hundred_at(
                    text, gap_and_word.end()
                ):
                    run.append(_IMPLIED_ONE)  # the "o" of "o sută" (one hundred)
                    probe = gap_and_word.end()
                    continue
                break
            probe = gap_and_word.end()
            if following[0] == "C":  # a connector joins only when a lexicon word follows
                after = _GAP_THEN_WORD.match(text, probe)
                if after is not None and after.group(1) in LEXICON:
                    continue
                break
            if gap_and_word.group(1) in _COMMON_WORDS and _ends_sentence(
                text[gap_and_word.start() : gap_and_word.start(1)]
            ):
                # "... zero one two three. One hour 200": past a sentence end an everyday
                # word ("one", "una", "een", "egy") goes on only into another number word.
                after = _GAP_THEN_WORD.match(text, probe)
                if after is None or after.group(1) not in LEXICON:
                    break
            if "," in text[gap_and_word.start() : gap_and_word.start(1)]:
                run.append(_GROUP_END)
                if following[0] == "H" and run[-2][0] == "U":  # which it would multiply
                    run.append(_IMPLIED_ONE)
            run.append(following)
            run_end = probe
        if run[-1][0] == "M":
            repeated = _GAP_THEN_DIGIT.match(text, run_end)
            if repeated is not None:
                pieces += (
                    text[done:run_start],
                    words_to_digits(run[:-1]) + repeated.group(1) * run[-1][1],
                )
                done = repeated.end()
                continue
        pieces += (
            text[done:run_start],
            _WORD_DIGITS[word] if len(run) == 1 else words_to_digits(run),
        )
        done = run_end
    pieces.append(text[done:])
    return "".join(pieces)


def _is_romanian_hundred_at(text: str, position: int) -> bool:
    """True when a word of _ROMANIAN_HUNDREDS follows ``position`` across a word gap."""
    after = _GAP_THEN_WORD.match(text, position)
    return after is not None and after.group(1) in _ROMANIAN_HUNDREDS


def _ends_sentence(gap: str) -> bool:
    """True when the gap between two words holds a dot and ends in whitespace (". ")."""
    return "." in gap and gap[-1].isspace()


def _non_latin_numerals_to_digits(text: str) -> str:
    """Chinese, Korean and Thai numerals in ``text`` as digits."""
    # Each pass changes only its own script's characters, so the later gates read the same
    # before and after an earlier pass.
    text = _CJK_RUN.sub(_cjk_digits, text)
    if _KOREAN_DIGIT.search(text) is not None:  # a Korean run holds one of these
        text = _runs_to_digits(text, _KOREAN_RUN, _korean_digits, _KOREAN_GROUP_JOINERS)
    if _THAI_LETTER.search(text) is not None:  # a Thai digit word is made of these
        text = _THAI_RUN.sub(_thai_digits, text)
    if _KATAKANA_DIGIT_START.search(text) is not None:
        text = _runs_to_digits(text, _KATAKANA_RUN, _katakana_digits, _KATAKANA_GROUP_JOINERS)
    return text


# What may stand alone between two runs of digit readings that are groups of one number:
# "ゼロキューゼロ、イチニーサンヨン、...", "공일공, 구팔칠육, 오사삼이".
_KATAKANA_GROUP_JOINERS = frozenset({"、"})
_KOREAN_GROUP_JOINERS = frozenset({",", ", ", "、"})


def _runs_to_digits(
    text: str,
    run: Pattern[str],
    digits_of: Callable[[re.Match[str]], str],
    joiners: FrozenSet[str],
) -> str:
    """Each match of ``run`` in ``text`` as ``digits_of`` it; one of ``joiners`` alone
    between two runs becomes a space, since the runs are groups of one number."""
    pieces: List[str] = []
    end = 0
    for match in run.finditer(text):
        between = text[end : match.start()]
        pieces.append(" " if between in joiners and pieces else between)
        pieces.append(digits_of(match))
        end = match.end()
    pieces.append(text[end:])
    return "".join(pieces)


def _number_words_in(text: str) -> Set[str]:
    """The distinct words of ``text`` (maximal letter runs) that ``_is_number_word``."""
    # Ads repeat their sentences, so each phrase's answer is remembered; the cuts (a
    # newline, the space of ". ") are no letters, so no word spans two phrases.
    phrases = text.replace(". ", ".\n").split("\n")
    if max(map(len, phrases)) <= _MAX_CACHED_PHRASE_CHARS:
        return set().union(*map(_cached_number_words_in_phrase, phrases))
    return set().union(*map(_number_words_in_phrase, phrases))


def _number_words_in_phrase(phrase: str) -> FrozenSet[str]:
    """``_number_words_in`` for one phrase."""
    if phrase.isascii():
        words = set(_ascii_blanked(phrase).split())
    else:
        words = set(_WORD_SPLIT.findall(phrase))
    found = words & NUMBER_WORDS
    others = list(words - found)
    found.update(
        compress(others, map(_cached_is_number_word, map(getitem, others, repeat(_WORD_KEY))))
    )
    return frozenset(found)


_cached_number_words_in_phrase = lru_cache(maxsize=_PHRASE_CACHE_SIZE)(_number_words_in_phrase)


def _ascii_blanked(text: str) -> str:
    """ASCII ``text`` with every character but a letter (A-Z, a-z) as a space."""
    # The letters of _WORD_SPLIT in ASCII are A-Z and a-z, so the words of the text are
    # what str.split() finds here; a byte table is far faster than a regex.
    return _ascii_marks(text, _ASCII_NON_LETTERS_TO_SPACE)


def _ascii_marks(ascii_text: str, table: bytes) -> str:
    """ASCII ``ascii_text`` with each character replaced through the byte ``table``."""
    # A str, not bytes: "x" in bytes first tries "x" as an int and builds a TypeError.
    return ascii_text.encode("ascii").translate(table).decode("ascii")


def _whole_word_starts(text: str, word: str) -> Iterator[int]:
    """Where ``word`` occurs in ``text`` as a whole letter run (no letter right before or after)."""
    for start in occurrences(text, word, len(text)):
        if (start == 0 or _LETTER.match(text, start - 1) is None) and _LETTER.match(
            text, start + len(word)
        ) is None:
            yield start


def _lookalike_digits(match: re.Match[str]) -> str:
    return match.group(1) + match.group(2).translate(_LOOKALIKES)


def digits_for_lookalikes(text: str) -> str:
    """``text`` (lower-cased) with o, l, i and | read as 0 and 1 where they touch digits."""
    # The separating bar and the look-alikes after or before a digit all need a look-alike
    # (or a bar) right next to a digit; most texts have none, and skip those passes and
    # the reversed copies. In ASCII one byte table answers that and whether a lone
    # look-alike can be there at all (in the text as it is: those passes change it).
    if text.isascii():
        marks = _ascii_marks(text, _ASCII_LOOKALIKE_MARKS)
        if not ("0o" in marks or "o0" in marks or "0|" in marks or "|0" in marks):
            if not _marks_may_hold_lone_lookalike(marks):
                return text
            return _LONE_LOOKALIKE.sub(_lookalike_digits, text)
    elif _LOOKALIKE_TOUCHING_DIGIT.search(text) is None:
        return _LONE_LOOKALIKE.sub(_lookalike_digits, text)
    if "|" in text:
        text = _SEPARATING_BAR.sub("-", text)
    text = _LOOKALIKE_AFTER_DIGIT.sub(_lookalike_digits, text)
    text = _LOOKALIKE_AFTER_DIGIT.sub(_lookalike_digits, text[::-1])[::-1]
    if "s" in text:
        text = _S_ENDING_A_GROUP.sub(r"\g<1>5", _S_BETWEEN_DIGITS.sub("5", text))
    return _LONE_LOOKALIKE.sub(_lookalike_digits, text)


# --- Separators the phone runs do not cross ---------------------------------------------------


def may_hold_an_ellipsis(text: str) -> bool:
    """False when ``text`` holds no "..." or "…", which bridge_digit_separators reads.

    The phrase signals cannot say it: the phrase cut ". " can split an ellipsis.
    """
    return ".." in text or "\u2026" in text


# An ellipsis between digit groups: "2 1 4 ... 9 8 3 ... 0 0 1 6".
_ELLIPSIS_BETWEEN_DIGITS = re.compile(r"(?<=[0-9])[ \t]*(?:\.{2,}|\u2026)[ \t]*(?=[0-9])")
# A comma between two digits: the start of a chain of comma-separated digit groups.
_COMMA_BETWEEN_DIGITS = re.compile(r"[0-9][ \t]*,[ \t]*[0-9]")
# A digit group: digits with at most one space or tab between them. Each repetition eats a
# digit, and a search resumes after its match, so the scan is linear.
_DIGIT_GROUP = re.compile(r"[0-9](?:[ \t]?[0-9])*")
# A comma before a digit, found from the comma (a literal the regex engine skips to): where
# a chain of comma-separated digit groups may go on ("04 1 9, 5 5 6, 2 8 1").
_COMMA_BEFORE_DIGIT = re.compile(r",[ \t]*[0-9]")
_COMMA_GAP_BEFORE_DIGIT = re.compile(r"[ \t]*,[ \t]*(?=[0-9])")
_ASCII_DIGITS = frozenset("0123456789")
_SPACE_OR_TAB = frozenset(" \t")
# A lone look-alike opening a spaced-out number, "O 9 9 5 - 3 1 8": three spaced single
# digits must follow. Run on the reversed text too, for one closing it ("... 7 7 2 O").
# Not "i": the English "I" often stands before a number ("I 4 2 0 friendly").
# The look-alike comes first and the lookbehind after it, so the regex engine can skip to
# the next o or l (a pattern that opens with a lookbehind is tried at every position).
_LOOKALIKE_OPENING_SPACED_DIGITS = re.compile(
    r"([oоοl])(?<![^\W_][oоοl])(?=[ \t]{1,2}[0-9][ \t\-]{1,3}[0-9][ \t\-]{1,3}[0-9])"
)
# The digits _LOOKALIKE_OPENING_SPACED_DIGITS looks ahead for, read the same both ways: a
# text without them holds no match, forwards or reversed.
_THREE_SPACED_DIGITS = re.compile(r"[0-9][ \t\-]{1,3}[0-9][ \t\-]{1,3}[0-9]")
# Phones hold 9 to 13 digits in the groups a comma can split them into.
_BRIDGED_DIGITS = range(9, 14)
_MIN_BRIDGED_GROUP_DIGITS = 3


def _may_need_bridging(lower_phrase: str, ascii_marks: Optional[str]) -> bool:
    """False when ``bridge_digit_separators`` provably leaves the phrase (with a digit) alone.

    ``ascii_marks``: the phrase through _ASCII_MARKS when it is ASCII, else None.
    """
    if "," in lower_phrase and _COMMA_BETWEEN_DIGITS.search(lower_phrase) is not None:
        return True
    # A look-alike (a letter) one or two separators from a digit, and two digits one to
    # three separators apart.
    if ascii_marks is not None and not (
        (
            "as0" in ascii_marks
            or "ass0" in ascii_marks
            or "0sa" in ascii_marks
            or "0ssa" in ascii_marks
        )
        and ("0s0" in ascii_marks or "0ss0" in ascii_marks or "0sss0" in ascii_marks)
    ):
        return False
    return (
        _LOOKALIKE_OPENING_SPACED_DIGITS.search(lower_phrase) is not None
        or _LOOKALIKE_OPENING_SPACED_DIGITS.search(lower_phrase[::-1]) is not None
    )


# How far back (past spaces) a word before a lone "o" is looked for.
_WORD_BEFORE_LONE_O_CHARS = 8


def _opening_lookalike_digit(match: re.Match[str]) -> str:
    """The digit for a lone look-alike at the edge of spaced digits, except an "o" next to a
    word: "o" is "or" in Spanish and Italian and "about" in Polish and Czech ("llámame
    6 1 2 3 4 5 6 7 8 o escribe", "escríbeme o 6 1 2 ..."), so only an "o" at the text's
    start or after a symbol ("call: O 9 9 5", "... 7 7 2 O 💆") is a zero. The match runs on
    the reversed text too, where the text before it is the original's after it.
    """
    letter = match.group(1)
    if letter != "l":
        start = match.start()
        before = match.string[max(0, start - _WORD_BEFORE_LONE_O_CHARS) : start].rstrip(" \t")
        if before[-1:].isalpha():
            return letter
    return letter.translate(_LOOKALIKES)


def _bridgeable_chain(groups: Sequence[str], spelled: bool) -> bool:
    """True when comma-separated digit ``groups`` are one phone number's groups.

    Commas also separate measurements, prices and lists ("34, 24, 36", "100, 150, 200"):
    every group must hold three or more digits, all together a phone's count, and one
    group must be spaced out the way obfuscated numbers are ("5 5 6", "04 1 9") or, in
    text whose spelled numbers were read, split like a phone's digits ("882 019").
    """
    if len(groups) < 2:
        return False
    digit_counts = [len(group) - group.count(" ") - group.count("\t") for group in groups]
    if min(digit_counts) < _MIN_BRIDGED_GROUP_DIGITS or sum(digit_counts) not in _BRIDGED_DIGITS:
        return False
    for group in groups:
        pieces = group.split()
        if sum(len(piece) == 1 for piece in pieces) >= 2:
            return True
        if spelled and len(pieces) >= 2 and max(map(len, pieces)) >= 3:
            return True
    return False


def _bridge_commas(text: str, spelled: bool) -> str:
    """``text`` with the commas of bridgeable chains of digit groups read as spaces.

    A chain is digit groups (_DIGIT_GROUP, maximal) with only a comma and spaces between
    them. Each starts with the group before a comma that has a digit on each side; the
    search goes from comma to comma, which is far cheaper than trying a pattern at every digit.
    """
    pieces: List[str] = []
    done = 0  # text[:done] is in pieces
    position = 0
    while True:
        comma = _COMMA_BEFORE_DIGIT.search(text, position)
        if comma is None:
            break
        last_digit = comma.start() - 1
        while last_digit >= 0 and text[last_digit] in _SPACE_OR_TAB:
            last_digit -= 1
        if last_digit < 0 or text[last_digit] not in _ASCII_DIGITS:
            position = comma.start() + 1
            continue
        start = _digit_group_start(text, last_digit)
        groups: List[str] = []
        end = start
        while True:
            group = _DIGIT_GROUP.match(text, end)
            assert group is not None  # end is at a digit
            groups.append(group.group(0))
            gap = _COMMA_GAP_BEFORE_DIGIT.match(text, group.end())
            if gap is None:
                end = group.end()
                break
            end = gap.end()
        if _bridgeable_chain(groups, spelled):
            pieces += (text[done:start], text[start:end].replace(",", " "))
            done = end
        position = end
    pieces.append(text[done:])
    return "".join(pieces)


def _digit_group_start(text: str, index: int) -> int:
    """Where the _DIGIT_GROUP holding the digit at ``index`` starts: back over digits, and
    over single spaces or tabs with a digit before them."""
    while index > 0 and (
        text[index - 1] in _ASCII_DIGITS
        or (index > 1 and text[index - 1] in _SPACE_OR_TAB and text[index - 2] in _ASCII_DIGITS)
    ):
        index -= 1
    return index


def bridge_digit_separators(text: str, spelled: bool) -> str:
    """``text`` (digitised) with separators phone runs do not cross read as spaces or digits.

    An ellipsis between digits becomes a space, the commas between a phone's digit groups
    become spaces ("04 1 9, 5 5 6, 2 8 1"; see _bridgeable_chain), and a lone o, l or i
    opening or closing three or more spaced single digits becomes 0 or 1 ("o 9 9 5").
    ``spelled``: the spelled-number pass has read the text.
    """
    if may_hold_an_ellipsis(text):
        text = _ELLIPSIS_BETWEEN_DIGITS.sub(" ", text)
    if "," in text:
        text = _bridge_commas(text, spelled)
    if _THREE_SPACED_DIGITS.search(text) is None:
        return text  # what the look-alike pattern looks ahead for, either way round
    text = _LOOKALIKE_OPENING_SPACED_DIGITS.sub(_opening_lookalike_digit, text)
    return _LOOKALIKE_OPENING_SPACED_DIGITS.sub(_opening_lookalike_digit, text[::-1])[::-1]
