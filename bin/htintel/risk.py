"""Explainable trafficking-risk indicators for ad text.

API (what ``htrisk`` and the demo call)::

    from htintel.risk import assess, compile_indicators, load_indicators
    indicators = load_indicators("lookups/htintel_indicators.csv")  # or default_indicators()
    lexicon = compile_indicators(indicators)  # once; assess also takes the tuple, slower
    result = assess(text, language=None, price=None, price_median=None, indicators=lexicon)
    result.score       # int 0..100
    result.indicators  # ("youth", "third_person", ...) codes, strongest first
    result.evidence    # ("barely legal", "my girls", ...) the matched text, as written
    result.language    # "en", "es", ... (the given language, else identified)

Lexicon (lookups/htintel_indicators.csv, columns code, language, pattern, weight,
category, source): one row per phrase. Patterns are a restricted, linear-time syntax,
matched case- and accent-insensitively:

- words separated by spaces; punctuation between words does not matter ("new in town"
  matches "New-in-TOWN!"); whole words only;
- a one-word pattern may end in ``*`` to match any ending ("молоденьк*": молоденькая,
  молоденькие), for inflected languages;
- for zh, ja, th and language ``*`` (emoji) the pattern is a literal substring, with no
  word boundaries (these scripts do not separate words);
- ``@multiple_women`` and ``@price_below_median`` are the computed structural indicators
  (two or more distinct ages in one ad; a price below ``PRICE_RATIO`` x the local median).

Categories ``emoji`` and ``emoji_context`` are codes whose innocent use is common: an
``emoji`` row counts only when the ad has another indicator or two different such emoji
(🍒 with 🍭), an
``emoji_context`` row only when it has another, non-emoji one. A benign dating ad with
a rose is not flagged; "🍒 barely legal 🍭" is.

Score: each code's weight w (0..1, the largest among its matched rows) combines as
``100 * (1 - prod(1 - w))``: independent pieces of evidence, none reaching 100 alone,
and adding evidence never lowers the score.

Matching is linear and cheap: the ad is folded and split into words once (C-level string
operations; Western European and Cyrillic ads by bytes.translate in a one-byte codec), one
set intersection finds the lexicon's words in the ad (phrase words, age words, function
words for language identification), and only a phrase whose words are all present is
looked up as a substring of the space-joined words; prefixes are found by bisection
in the sorted words, Chinese strings by a trie-shaped regex that never backtracks between
entries (run only when the ad contains CJK bytes), emoji by substring tests. Ads mix
languages, so every language's phrases apply to every ad.
"""

from __future__ import annotations

import bisect
import csv
import functools
import math
import os
import re
import unicodedata
from dataclasses import dataclass
from typing import Dict, FrozenSet, Iterable, List, Optional, Tuple, Union

from htintel import lang

INDICATORS_CSV = os.path.join(
    os.path.dirname(os.path.dirname(os.path.dirname(__file__))), "lookups", "htintel_indicators.csv"
)
COLUMNS = ("code", "language", "pattern", "weight", "category", "source")
MAX_TEXT_CHARS = 20_000
MAX_PATTERN_CHARS = 120
MAX_EVIDENCE = 20
LANGUAGE_WORDS = 80  # enough function words to tell languages apart
PRICE_RATIO = 0.5
SPACELESS_LANGUAGES = frozenset({"zh", "ja", "th", "*"})
STRUCTURAL = frozenset({"@multiple_women", "@price_below_median"})
EMOJI_CATEGORIES = frozenset({"emoji", "emoji_context"})

_VARIATION_SELECTORS = re.compile("[\ufe0e\ufe0f\u200d]")
# Ages as ads write them: "21yo", "19 y/o", "22 años", "20 ans", "23 anos", "25 лет", "18岁".
# Words too frequent in ads (of any kind) to anchor a phrase on: a phrase is looked up from
# its longest word outside this set, so most ads never reach the positional check.
_COMMON_WORDS = lang.STOPWORDS | frozenset(
    "available experience book call days day hours hour time only new girls girl town city "
    "24 7 disponible disponivel chicas meninas filles девочки девушки".split()
)
_AGE_WORDS = frozenset({"yo", "y", "years", "year", "anos", "ans", "лет"})
_DIGIT_YO = re.compile("[0-9]yo")  # "21yo": glued forms the word set cannot see
_AGE = re.compile(r"[1-5]\d\s?(?:yo\b|y/o|y\.o\b|years? old|anos|ans\b|лет|岁)")


@dataclass(frozen=True)
class Indicator:
    code: str
    language: str  # ISO 639-1, or "*" for any
    pattern: str
    weight: float  # 0..1
    category: str
    source: str


@dataclass(frozen=True)
class Assessment:
    score: int  # 0..100
    indicators: Tuple[str, ...]  # codes, strongest first
    evidence: Tuple[str, ...]  # matched spans as written in the ad
    language: str


@dataclass(frozen=True)
class Lexicon:
    """Indicators compiled for matching; build with ``compile_indicators``."""

    phrases: Dict[str, Tuple[Indicator, ...]]  # folded words joined by one space -> rows
    # Each phrase is anchored on its longest uncommon word: anchor -> (" key ", key, set of
    # the phrase's words) of the phrases holding it, longest first; the key is padded with
    # spaces for a whole-word substring test.
    anchors: Dict[str, Tuple[Tuple[str, str, FrozenSet[str]], ...]]
    anchor_set: FrozenSet[str]
    # Phrase words, age words and function words (language identification): one set
    # pass over the ad's words finds them all.
    watched_words: FrozenSet[str]
    prefixes: Dict[str, Tuple[Indicator, ...]]  # single-word "prefix*" patterns
    # bytes.translate delete tables keeping only the UTF-8 lead bytes that can start a
    # prefix / a multi-character spaceless key: an empty result rules the scan out.
    prefix_gate: bytes
    spaceless: Dict[str, Tuple[Indicator, ...]]  # zh/ja/th strings and emoji -> rows
    spaceless_regex: Optional[re.Pattern[str]]  # the multi-character ones, as a trie
    spaceless_gate: bytes
    single_chars: Tuple[Tuple[str, Tuple[Indicator, ...]], ...]  # one-character keys (emoji)
    structural: Dict[str, Indicator]


def load_indicators(path: str = INDICATORS_CSV) -> Tuple[Indicator, ...]:
    """Read and validate the lexicon CSV; raises ValueError naming the file and line."""
    indicators = []
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or ())]
        if missing:
            raise ValueError(f"{path}: missing columns {', '.join(missing)}")
        for line, row in enumerate(reader, start=2):
            indicators.append(_parse_row(row, f"{path}, line {line}"))
    return tuple(indicators)


@functools.lru_cache(maxsize=1)
def default_indicators() -> Tuple[Indicator, ...]:
    """The app's shipped lexicon (cached; the command re-reads it per search instead)."""
    return load_indicators(INDICATORS_CSV)


def _parse_row(row: Dict[str, str], where: str) -> Indicator:
    code = (row.get("code") or "").strip()
    language = (row.get("language") or "").strip().lower()
    pattern = unicodedata.normalize("NFC", (row.get("pattern") or "").strip())
    if not code or not language or not pattern:
        raise ValueError(f"{where}: code, language and pattern are required")
    if len(pattern) > MAX_PATTERN_CHARS:
        raise ValueError(f"{where}: pattern longer than {MAX_PATTERN_CHARS} characters")
    if pattern.startswith("@") and pattern not in STRUCTURAL:
        raise ValueError(
            f"{where}: unknown computed indicator {pattern!r}; use one of {sorted(STRUCTURAL)}"
        )
    if language not in SPACELESS_LANGUAGES and "*" in pattern:
        if " " in pattern or pattern.index("*") != len(pattern) - 1:
            raise ValueError(
                f"{where}: '*' is allowed only at the end of a one-word pattern: {pattern!r}"
            )
    try:
        weight = float(row.get("weight") or "")
    except ValueError:
        raise ValueError(f"{where}: weight must be a number between 0 and 1") from None
    if not 0.0 <= weight <= 1.0:
        raise ValueError(f"{where}: weight {weight} is outside 0..1")
    return Indicator(
        code=code,
        language=language,
        pattern=pattern,
        weight=weight,
        category=(row.get("category") or "").strip(),
        source=(row.get("source") or "").strip(),
    )


_COMBINING_MARKS = re.compile("[\u0300-\u036f]+")
_ASCII_PUNCTUATION = bytes.maketrans(b"!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", b" " * 32)
# UTF-8 lead bytes of the characters _OTHER_SEPARATORS removes: most ads have none.
# Non-ASCII punctuation and symbols that ads glue to words ("¡Hola", "«nouvelle»", "girl🍒").
_OTHER_SEPARATORS = re.compile(
    "[\u00a1-\u00bf\u2000-\u206f\u2190-\u2bff\u3000-\u303f\ufe0e\ufe0f\uff01-\uff0f\U0001f000-\U0001faff]+"
)
# Lead bytes that decide the slower steps, kept by one bytes.translate (C, about a byte
# per nanosecond) instead of regex scans: accented Latin letters and combining marks
# (C3-C8, CC, CD) need accent folding; C2, E2, E3, EF and F0 start the symbols
# _OTHER_SEPARATORS removes (and E2/F0 the emoji); D0-DF and E0-EF other than E2/EF
# start non-Latin scripts.
_ACCENT_LEADS = bytes(range(0xC3, 0xC9)) + b"\xcc\xcd"
_SYMBOL_LEADS = b"\xc2\xe2\xe3\xef\xf0"
_SCRIPT_LEADS = bytes(b for b in range(0xD0, 0xF0) if b not in (0xE2, 0xEF))
_EMOJI_LEADS = b"\xe2\xf0"
_KEEP_ONLY = {
    name: bytes(b for b in range(256) if b not in keep)
    for name, keep in (
        ("accent", _ACCENT_LEADS),
        ("symbol", _SYMBOL_LEADS),
        ("script", _SCRIPT_LEADS),
        ("emoji", _EMOJI_LEADS),
    )
}
_DELETE_ALL_BUT_LEADS = bytes(
    b for b in range(256) if b not in _ACCENT_LEADS + _SYMBOL_LEADS + _SCRIPT_LEADS
)


def _fold_accents(text: str) -> str:
    return unicodedata.normalize(
        "NFC", _COMBINING_MARKS.sub("", unicodedata.normalize("NFD", text))
    )


@dataclass(frozen=True)
class _SingleByteTables:
    """bytes.translate tables doing _prepare's work on text encoded in a one-byte codec."""

    codec: str
    fold: bytes  # accent folding, character by character
    words_folded: bytes  # folding, and separators (ASCII punctuation, symbols) to spaces
    words_plain: bytes  # separators to spaces, no folding
    leads: bytes  # each character's UTF-8 lead byte, with ...
    not_leads: bytes  # ... a delete table dropping those _DELETE_ALL_BUT_LEADS drops


def _single_byte_tables(codec: str) -> Optional[_SingleByteTables]:
    """Tables for a codec whose every character folds to one character of the codec, else
    None. Folding such text character by character equals folding it whole: NFC has
    nothing to recompose once the marks are gone (checked for cp1252 and cp1251)."""
    fold = bytearray(range(256))
    words_folded = bytearray(range(256))
    words_plain = bytearray(range(256))
    leads = bytearray(range(256))
    kept_leads = set(_ACCENT_LEADS + _SYMBOL_LEADS + _SCRIPT_LEADS)
    not_leads = bytearray()
    for byte in range(256):
        try:
            char = bytes([byte]).decode(codec)
        except UnicodeDecodeError:
            continue  # never produced by encoding
        folded = _fold_accents(char)
        try:
            folded_byte = folded.encode(codec)
        except UnicodeEncodeError:
            return None
        if len(folded_byte) != 1:
            return None
        fold[byte] = folded_byte[0]
        words_folded[byte] = _word_byte(folded, folded_byte[0])
        words_plain[byte] = _word_byte(char, byte)
        leads[byte] = char.encode("utf-8")[0]
        if byte < 0x80 or leads[byte] not in kept_leads:
            not_leads.append(byte)
    return _SingleByteTables(
        codec, bytes(fold), bytes(words_folded), bytes(words_plain), bytes(leads), bytes(not_leads)
    )


def _word_byte(char: str, byte: int) -> int:
    if char.isascii():
        return bytes([byte]).translate(_ASCII_PUNCTUATION)[0]
    return 0x20 if _OTHER_SEPARATORS.fullmatch(char) else byte


# Western European and Cyrillic ads fit one of these: one-byte codecs let C-level
# bytes.translate fold accents and find separators instead of Unicode normalisation and
# regex scans of the whole ad.
_SINGLE_BYTE_CODECS: Tuple[_SingleByteTables, ...] = tuple(
    tables
    for tables in (_single_byte_tables("cp1252"), _single_byte_tables("cp1251"))
    if tables is not None
)


def _codecs_holding() -> Dict[str, Tuple[_SingleByteTables, ...]]:
    """Non-ASCII character -> the codecs above that hold it: an ad's first non-ASCII
    character picks the codecs worth trying, so Chinese and emoji ads pay no failed
    encoding (an exception)."""
    holding: Dict[str, Tuple[_SingleByteTables, ...]] = {}
    for tables in _SINGLE_BYTE_CODECS:
        for char in bytes(range(0x80, 0x100)).decode(tables.codec, "ignore"):
            holding[char] = (*holding.get(char, ()), tables)
    return holding


_CODECS_HOLDING = _codecs_holding()
_FIRST_NON_ASCII = re.compile("[^\x00-\x7f]")


def fold(text: str) -> str:
    """Lowercase and strip accents ("Recién" -> "recien", "ждёт" -> "ждет"), keeping the length
    for precomposed text so that spans found in the folded text are spans of the ad."""
    return _prepare(text)[0]


def words_of(text: str) -> List[str]:
    """Folded words of a text: punctuation, symbols and emoji separate words."""
    return _prepare(text)[1]


def _prepare(text: str) -> Tuple[str, List[str], bytes]:
    """Folded text, its words, and the lead bytes of its non-ASCII characters (b"" for ASCII)."""
    lowered = text.lower()
    if lowered.isascii():
        cleaned = lowered.encode("ascii").translate(_ASCII_PUNCTUATION).decode("ascii")
        return lowered, cleaned.split(), b""
    lowered = lowered.replace("ё", "е")
    first = _FIRST_NON_ASCII.search(lowered)
    for tables in _CODECS_HOLDING.get(first.group(), ()) if first else ():
        try:
            encoded = lowered.encode(tables.codec)
        except UnicodeEncodeError:
            continue
        leads = encoded.translate(tables.leads, tables.not_leads)
        if leads.translate(None, _KEEP_ONLY["accent"]):
            lowered = encoded.translate(tables.fold).decode(tables.codec)
            cleaned = encoded.translate(tables.words_folded).decode(tables.codec)
        else:
            cleaned = encoded.translate(tables.words_plain).decode(tables.codec)
        return lowered, cleaned.split(), leads or b"\x00"
    data = lowered.encode("utf-8", "surrogatepass")
    leads = data.translate(None, _DELETE_ALL_BUT_LEADS)
    if leads.translate(None, _KEEP_ONLY["accent"]):
        lowered = _fold_accents(lowered)
        data = lowered.encode("utf-8", "surrogatepass")
    cleaned = data.translate(_ASCII_PUNCTUATION).decode("utf-8", "replace")
    if leads.translate(None, _KEEP_ONLY["symbol"]):
        cleaned = _OTHER_SEPARATORS.sub(" ", cleaned)
    return lowered, cleaned.split(), leads or b"\x00"


def _phrase_key(pattern: str) -> str:
    return " ".join(words_of(fold(pattern)))


def _spaceless_key(pattern: str) -> str:
    return _VARIATION_SELECTORS.sub("", fold(pattern))


def _trie_regex(sequences: Iterable[List[str]]) -> Optional[re.Pattern[str]]:
    """One regex for many literal strings, shaped as a trie: the engine never backtracks
    between strings sharing a prefix, and the longest string wins."""
    root: Dict[str, dict] = {}
    for atoms in sequences:
        node = root
        for atom in atoms:
            node = node.setdefault(atom, {})
        node[""] = {}
    if not root:
        return None

    def emit(node: Dict[str, dict]) -> str:
        branches = [atom + emit(child) for atom, child in sorted(node.items()) if atom]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return "(?:" + body + ")?" if "" in node else body

    return re.compile(emit(root))


@functools.lru_cache(maxsize=4096)
def _evidence_regex(key: str) -> re.Pattern[str]:
    # Compiled on a phrase's first match, not for every phrase when the lexicon is
    # compiled (that took about 0.1 s at the start of each search). Starts with a literal,
    # so the engine's fast literal search applies; the word boundary before it is checked
    # by _find_evidence.
    return re.compile(r"[\W_]+".join(re.escape(word) for word in key.split(" ")) + r"(?!\w)")


def _find_evidence(regex: re.Pattern[str], folded: str) -> Optional[Tuple[int, int]]:
    for match in regex.finditer(folded):
        start = match.start()
        if start == 0 or not folded[start - 1].isalnum():
            return start, match.end()
    return None


def _lead_gate(keys: Iterable[str]) -> bytes:
    """Delete table keeping the UTF-8 lead byte of each key's first non-ASCII character: a
    text whose non-ASCII lead bytes include none of them cannot contain any of the keys.
    All-ASCII keys cannot be gated this way: the table then keeps everything."""
    keep = set()
    for key in keys:
        first = next((char for char in key if not char.isascii()), None)
        if first is None:
            return b""
        keep.add(first.encode("utf-8")[0])
    return bytes(b for b in range(256) if b not in keep)


@functools.lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The shipped lexicon, compiled once per process."""
    return compile_indicators(default_indicators())


@functools.lru_cache(maxsize=8)
def _compile_cached(indicators: Tuple[Indicator, ...]) -> Lexicon:
    return compile_indicators(indicators)


def compile_indicators(indicators: Iterable[Indicator]) -> Lexicon:
    """Compile indicator rows for matching: word phrases keyed by their first word, prefix
    wildcards and spaceless strings (zh, emoji) as trie regexes; all linear-time."""
    phrases: Dict[str, List[Indicator]] = {}
    spaceless: Dict[str, List[Indicator]] = {}
    prefixes: Dict[str, List[Indicator]] = {}
    structural: Dict[str, Indicator] = {}
    for indicator in indicators:
        if indicator.pattern in STRUCTURAL:
            held = structural.get(indicator.pattern)
            if held is None or indicator.weight > held.weight:
                structural[indicator.pattern] = indicator
        elif indicator.language in SPACELESS_LANGUAGES:
            key = _spaceless_key(indicator.pattern)
            if key:
                spaceless.setdefault(key, []).append(indicator)
        elif indicator.pattern.endswith("*") and " " not in indicator.pattern.strip():
            key = _phrase_key(indicator.pattern.rstrip("*"))
            if key:
                prefixes.setdefault(key, []).append(indicator)
        else:
            key = _phrase_key(indicator.pattern)
            if key:
                phrases.setdefault(key, []).append(indicator)
    anchors: Dict[str, List[Tuple[str, str, FrozenSet[str]]]] = {}
    for key in phrases:
        words = key.split(" ")
        offset = max(
            range(len(words)), key=lambda i: (words[i] not in _COMMON_WORDS, len(words[i]), i)
        )
        anchors.setdefault(words[offset], []).append((" " + key + " ", key, frozenset(words)))
    multi = sorted(key for key in spaceless if len(key) > 1)
    return Lexicon(
        phrases={key: tuple(rows) for key, rows in phrases.items()},
        anchors={
            word: tuple(sorted(entries, key=lambda entry: -entry[1].count(" ")))
            for word, entries in anchors.items()
        },
        anchor_set=frozenset(anchors),
        watched_words=frozenset(word for key in phrases for word in key.split(" "))
        | _AGE_WORDS
        | lang.STOPWORDS,
        prefixes={key: tuple(rows) for key, rows in prefixes.items()},
        prefix_gate=_lead_gate(prefixes),
        spaceless={key: tuple(rows) for key, rows in spaceless.items()},
        spaceless_regex=_trie_regex([re.escape(c) for c in key] for key in multi),
        spaceless_gate=_lead_gate(multi),
        single_chars=tuple(
            (key, tuple(rows)) for key, rows in sorted(spaceless.items()) if len(key) == 1
        ),
        structural=structural,
    )


def _word_hits(lexicon: Lexicon, words: List[str], watched: FrozenSet[str]) -> List[str]:
    """Phrase keys found in the word list (each at most once), given the phrase words in it."""
    found = []
    spaced = ""
    for anchor in watched & lexicon.anchor_set:
        for padded, key, phrase_words in lexicon.anchors[anchor]:
            # Set inclusion (in C) rules out most phrases; for the rest, words hold no
            # spaces, so " w1 w2 " occurs in the space-joined ad exactly where w1 w2 are
            # adjacent.
            if phrase_words <= watched:
                spaced = spaced or " " + " ".join(words) + " "
                if padded in spaced:
                    found.append(key)
    return found


def _prefix_hits(
    lexicon: Lexicon, words: List[str], folded: str, source: str
) -> List[Tuple[int, Indicator, str]]:
    """Words starting with a "prefix*" pattern: bisect in the sorted words (C-level)."""
    ordered = sorted(set(words))
    hits: List[Tuple[int, Indicator, str]] = []
    for prefix, rows in lexicon.prefixes.items():
        index = bisect.bisect_left(ordered, prefix)
        while index < len(ordered) and ordered[index].startswith(prefix):
            word = ordered[index]
            start = _word_start(folded, word)
            span = source[start : start + len(word)] if start >= 0 else word
            hits.extend((max(start, 0), row, span) for row in rows)
            index += 1
    return hits


def _word_start(folded: str, word: str) -> int:
    start = folded.find(word)
    while start > 0 and folded[start - 1].isalnum():
        start = folded.find(word, start + 1)
    return start


def _may_state_ages(folded: str, has_age_word: bool) -> bool:
    """Cheap test (set and substring operations in C) before the age regex scans the ad."""
    if has_age_word or "岁" in folded or "y/o" in folded or "y.o" in folded:
        return True
    return "yo" in folded and _DIGIT_YO.search(folded) is not None


def _number(value: object) -> Optional[float]:
    if value is None or value == "":
        return None
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        try:
            number = float(str(value).replace(",", "").strip())
        except ValueError:
            return None
    return number if math.isfinite(number) else None


def assess(
    text: object,
    *,
    language: Optional[str] = None,
    price: object = None,
    price_median: object = None,
    indicators: Union[Lexicon, Tuple[Indicator, ...], None] = None,
) -> Assessment:
    """Score one ad's text: indicator codes, matched evidence and a 0..100 score. Never raises on input."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    text = text[:MAX_TEXT_CHARS]
    if isinstance(indicators, Lexicon):
        lexicon = indicators
    elif indicators is None:
        lexicon = default_lexicon()
    else:
        lexicon = _compile_cached(tuple(indicators))
    folded, words, leads = _prepare(text)
    watched = lexicon.watched_words.intersection(words)
    detected = (lang.normalise_code(language) if language else "") or lang.identify(
        text,
        words=words[:LANGUAGE_WORDS],
        other_scripts=bool(leads.translate(None, _KEEP_ONLY["script"])),
        function_words=watched & lang.STOPWORDS if len(words) <= LANGUAGE_WORDS else None,
    )
    source = text if len(folded) == len(text) else folded  # evidence as written when possible

    hits: List[Tuple[int, Indicator, str]] = []
    for key in _word_hits(lexicon, words, watched) if watched else ():
        found = _find_evidence(_evidence_regex(key), folded)
        start, span = (found[0], source[found[0] : found[1]]) if found else (0, key)
        hits += [(start, row, span) for row in lexicon.phrases[key]]
    # Byte gates (memchr in C): Latin ads skip the Cyrillic prefix check, Latin and
    # Cyrillic ads skip the Chinese scan, ASCII ads skip all of it.
    if lexicon.prefixes and (
        not lexicon.prefix_gate or (leads and leads.translate(None, lexicon.prefix_gate))
    ):
        hits.extend(_prefix_hits(lexicon, words, folded, source))
    if lexicon.spaceless_regex is not None and (
        not lexicon.spaceless_gate or (leads and leads.translate(None, lexicon.spaceless_gate))
    ):
        for match in lexicon.spaceless_regex.finditer(folded):
            rows = lexicon.spaceless.get(match.group(), ())
            hits += [(match.start(), row, source[match.start() : match.end()]) for row in rows]
    if leads:
        emoji = leads.translate(None, _KEEP_ONLY["emoji"])
        for char, rows in lexicon.single_chars if emoji else ():
            if char in folded:
                start = folded.index(char)
                hits += [(start, row, source[start : start + 1]) for row in rows]
    multiple = lexicon.structural.get("@multiple_women")
    if multiple is not None and _may_state_ages(folded, not _AGE_WORDS.isdisjoint(watched)):
        ages: Dict[str, re.Match[str]] = {}
        for match in _AGE.finditer(folded):
            age = match.group()[:2]
            if "18" <= age <= "59" and (
                match.start() == 0 or not folded[match.start() - 1].isdigit()
            ):
                ages.setdefault(age, match)
        if len(ages) >= 2:
            hits += [(m.start(), multiple, source[m.start() : m.end()]) for m in ages.values()]
    below = lexicon.structural.get("@price_below_median")
    if below is not None and price is not None and price_median is not None:
        price_value, median_value = _number(price), _number(price_median)
        if (
            price_value is not None
            and median_value
            and 0 < price_value < PRICE_RATIO * median_value
        ):
            hits.append(
                (
                    MAX_TEXT_CHARS,
                    below,
                    f"price {price_value:g} < {PRICE_RATIO:g} x median {median_value:g}",
                )
            )
    if not hits:
        return Assessment(0, (), (), detected)
    return _summarise(hits, detected)


def _summarise(hits: List[Tuple[int, Indicator, str]], language: str) -> Assessment:
    hits.sort(key=_hit_start)  # stable: hits at one position keep their order
    if any(row.category in EMOJI_CATEGORIES for _start, row, _span in hits):
        hits = _emoji_in_context(hits)
    weights: Dict[str, float] = {}
    evidence: List[str] = []
    for _start, row, span in hits:
        weights[row.code] = max(weights.get(row.code, 0.0), row.weight)
        if span not in evidence and len(evidence) < MAX_EVIDENCE:
            evidence.append(span)
    remaining = 1.0
    for weight in weights.values():
        remaining *= 1.0 - weight
    ordered = tuple(sorted(weights, key=lambda code: (-weights[code], code)))
    return Assessment(
        score=round(100 * (1.0 - remaining)),
        indicators=ordered,
        evidence=tuple(evidence),
        language=language,
    )


def _hit_start(hit: Tuple[int, Indicator, str]) -> int:
    return hit[0]


def _emoji_in_context(hits: List[Tuple[int, Indicator, str]]) -> List[Tuple[int, Indicator, str]]:
    """Drop emoji rows without support: an ``emoji`` row needs another code or a second,
    different such emoji; an ``emoji_context`` row needs another, non-emoji code."""
    codes = {row.code for _start, row, _span in hits}
    plain_codes = {row.code for _start, row, _span in hits if row.category not in EMOJI_CATEGORIES}
    emoji_spans = {span for _start, row, span in hits if row.category == "emoji"}
    return [
        (start, row, span)
        for start, row, span in hits
        if not (row.category == "emoji" and not (codes - {row.code}) and len(emoji_spans) < 2)
        and not (row.category == "emoji_context" and not (plain_codes - {row.code}))
    ]
