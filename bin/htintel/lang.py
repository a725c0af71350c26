"""Language identification for ad text: script detection, then stopword scoring.

Pure Python, no data files, a few microseconds per ad: every step is a C-level string or
regex operation (no per-character Python loop). Non-Latin scripts decide directly
(Cyrillic -> ru, Hangul -> ko, kana -> ja, Han without kana -> zh, Thai -> th, Arabic ->
ar); Latin text is scored by how many distinct common function words of each language
it contains, plus letters only one language uses (ñ, ã, ß, ğ).

Languages: en, es, fr, pt, ru, zh (required), de, it, tr, ja, ko, th, ar. The crawler's
``language`` field wins when present (``identify(text, declared=...)``). Returns "" when
there is not enough evidence (empty text, digits and emoji only).
"""

from __future__ import annotations

import bisect
import functools
import re
from typing import AbstractSet, Collection, Dict, FrozenSet, Optional, Tuple

LANGUAGES: Tuple[str, ...] = (
    "en",
    "es",
    "fr",
    "pt",
    "ru",
    "zh",
    "de",
    "it",
    "tr",
    "ja",
    "ko",
    "th",
    "ar",
)
SAMPLE_CHARS = 1000
SCRIPT_SAMPLE_CHARS = 300
MAX_WORDS = 200

# Non-Latin scripts by code point range (first match wins).
_SCRIPT_RANGES: Tuple[Tuple[str, str, str], ...] = (
    ("\u0400", "\u0530", "ru"),
    ("\u0600", "\u0700", "ar"),
    ("\u0e00", "\u0e80", "th"),
    ("\u3040", "\u3100", "ja"),
    ("\u3400", "\ua000", "zh"),
    ("\uac00", "\ud7b0", "ko"),
)
_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_ASCII = frozenset(chr(point) for point in range(128))
_FIRST_NON_ASCII = re.compile("[^\x00-\x7f]")
# Delete tables for cp1251-encoded text keeping only ASCII letters / only Cyrillic letters.
# cp1251 holds no other script of _SCRIPT_RANGES, so in such text Cyrillic alone decides.
_NOT_ASCII_LETTER_BYTES = bytes(b for b in range(256) if chr(b) not in _ASCII_LETTERS)
_NOT_CYRILLIC_CP1251 = bytes(
    b
    for b in range(256)
    if not _SCRIPT_RANGES[0][0] <= bytes([b]).decode("cp1251", "replace") < _SCRIPT_RANGES[0][1]
)
_ASCII_PUNCTUATION = bytes.maketrans(b"!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", b" " * 32)

# Function words: frequent, short, and (mostly) not shared between these languages.
_STOPWORDS: Dict[str, FrozenSet[str]] = {
    "en": frozenset(
        "the and you for with are this that your have not will can from all just our more is to "
        "of in on at my me it be or an i i'm im we us "
        "here call what who only out now any she her his they been was were would there "
        "about when which their into than them these some very".split()
    ),
    "es": frozenset(
        "el los las del que por para con una uno muy pero como más mas esta este estoy soy "
        "tengo hola sin sus también tambien todo todos donde cuando hasta desde hay mi tu "
        "usted ella ellas nosotros aquí aqui años trabajo llama".split()
    ),
    "fr": frozenset(
        "le les des du une est avec pour pas dans sur qui que vous je suis mais très tres "
        "mon ma mes ton tes elle nous ici avec aussi chez sans ou où bonjour ans votre".split()
    ),
    "pt": frozenset(
        "o os do da dos das um uma com para não nao você voce sou estou muito mas mais "
        "ela ele nós aqui também tambem tenho meu minha são sao em na pelo pela anos "
        "trabalho olá ola".split()
    ),
    "de": frozenset(
        "der die das und ist nicht ich sie mit für fur auf ein eine dem den des zu bei "
        "auch sich wir ihr bin hier sehr oder aber noch nur mein meine jahre".split()
    ),
    "it": frozenset(
        "il lo gli della delle dei che per con una sono non più piu anche molto mio mia "
        "sei della nel nella alla questo questa qui ciao anni lavoro ti".split()
    ),
    "tr": frozenset(
        "ve bir bu için icin ile çok cok ben sen biz var yok değil degil gibi daha "
        "ama veya olan olarak şu merhaba yaş".split()
    ),
}
# Letters that point at one language; each distinct one counts like two function words.
_MARKERS: Dict[str, re.Pattern] = {
    "es": re.compile("[ñ¿¡]"),
    "pt": re.compile("[ãõ]|ção|ções"),
    "fr": re.compile("[èêëœ]|ç[aeou]"),
    "de": re.compile("[ßäöü]"),
    "tr": re.compile("[ğışİŞĞ]"),
    "it": re.compile(r"\b(?:è|perché)\b|[ìò]"),
}
# Every match of a _MARKERS pattern holds one of its language's letters here: a text with
# none of them skips that regex scan.
_MARKER_LETTERS: Dict[str, str] = {
    "es": "ñ¿¡",
    "pt": "ãõ",
    "fr": "èêëœç",
    "de": "ßäöü",
    "tr": "ğışİŞĞ",
    "it": "èéìò",
}
_ALL_STOPWORDS: FrozenSet[str] = frozenset().union(*_STOPWORDS.values())
STOPWORDS = _ALL_STOPWORDS  # every language's function words, for other modules
_STOPWORD_LANGUAGES: Dict[str, Tuple[str, ...]] = {
    word: tuple(language for language, words in _STOPWORDS.items() if word in words)
    for word in _ALL_STOPWORDS
}
_NORMALISED = {
    "iw": "he",
    "in": "id",
    "zh-cn": "zh",
    "zh-tw": "zh",
    "zh-hans": "zh",
    "zh-hant": "zh",
}


def normalise_code(value: object) -> str:
    """ISO 639-1 code from a crawler's language field ("EN", "es-MX", "zh_Hant" -> "en", "es", "zh")."""
    if not value:
        return ""
    return _normalise(value if isinstance(value, str) else str(value))


@functools.lru_cache(maxsize=256)
def _normalise(value: str) -> str:
    code = value.strip().lower().replace("_", "-")[:20]
    if code in _NORMALISED:
        return _NORMALISED[code]
    primary = code.split("-")[0]
    return primary if primary.isalpha() and 2 <= len(primary) <= 3 else ""


def identify(
    text: object,
    declared: Optional[str] = None,
    words: Optional[Collection[str]] = None,
    other_scripts: bool = True,
    function_words: Optional[AbstractSet[str]] = None,
) -> str:
    """ISO 639-1 code of the text's language, the declared one when given, "" when unknown.

    ``words``: the text's lowercased words when the caller already split it (saves time);
    ``other_scripts=False``: the caller knows the text has no non-Latin letters;
    ``function_words``: ``STOPWORDS`` & set(words), when the caller already has it.
    """
    code = normalise_code(declared)
    if code:
        return code
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    if not isinstance(text, str) or not text:
        return ""
    sample = text[:SAMPLE_CHARS]
    if other_scripts and not sample.isascii():
        script = _script(sample[:SCRIPT_SAMPLE_CHARS])
        if script:
            return script
    if words is None:
        data = sample.lower().encode("utf-8", "replace").translate(_ASCII_PUNCTUATION)
        words = set(data.decode("utf-8", "replace").split()[:MAX_WORDS])
    return _latin(words, sample, function_words)


def _script(sample: str) -> str:
    """The dominant non-Latin script, judged on DISTINCT characters: the set, its sorting
    and the range counts (bisect) all run in C, whatever the length of the ad."""
    # Cyrillic ads fit cp1251, one byte per character: a set of small ints (cached
    # objects) is several times cheaper to build than a set of Cyrillic characters.
    # Other scripts skip the attempt (a failed encoding costs an exception).
    encoded: Optional[bytes] = None
    first = _FIRST_NON_ASCII.search(sample)
    if first is not None and "\u0400" <= first.group() < "\u0530":
        try:
            encoded = sample.encode("cp1251")
        except UnicodeEncodeError:
            encoded = None
    if encoded is not None:
        # Cyrillic wins when it has at least 3 distinct letters and at least half as many
        # as there are distinct ASCII letters: the first few Cyrillic letters usually
        # settle that, before a set of all of them is needed.
        letters = len(set(encoded.translate(None, _NOT_ASCII_LETTER_BYTES)))
        needed = max(3, (letters + 1) // 2)
        cyrillic = encoded.translate(None, _NOT_CYRILLIC_CP1251)
        if len(set(cyrillic[: 4 * needed])) >= needed or len(set(cyrillic)) >= needed:
            return "ru"
        return ""
    distinct = set(sample)
    ordered = sorted(distinct - _ASCII)
    counts = {
        language: bisect.bisect_left(ordered, high) - bisect.bisect_left(ordered, low)
        for low, high, language in _SCRIPT_RANGES
    }
    letters = len(distinct & _ASCII_LETTERS)
    language, count = max(counts.items(), key=lambda item: item[1])
    # A name or a city in another script inside a Latin-script ad does not decide.
    if count < 3 or count * 2 < letters:
        return ""
    if language == "zh" and counts["ja"] >= 2:
        return "ja"  # Japanese mixes kanji with kana; Chinese has no kana
    return language


def _latin(words: Collection[str], sample: str, found: Optional[AbstractSet[str]] = None) -> str:
    if found is None:
        found = _ALL_STOPWORDS.intersection(words)
    if not found:
        return ""
    scores: Dict[str, int] = {}
    for word in found:
        for language in _STOPWORD_LANGUAGES[word]:
            scores[language] = scores.get(language, 0) + 1
    ranked = sorted([(score, language) for language, score in scores.items()], reverse=True)
    best_score, best = ranked[0]
    # Close calls between Romance languages: letters only one of them uses decide.
    if len(ranked) > 1 and best_score - ranked[1][0] <= 2 and not sample.isascii():
        lowered = sample.lower()
        best_score, best = max(
            (
                score + 2 * _distinct_markers(language, lowered),
                language,
            )
            for score, language in ranked[:2]
        )
    if best_score >= 2 or (best_score == 1 and len(words) <= 12):
        return best
    return ""


def _distinct_markers(language: str, lowered: str) -> int:
    letters = _MARKER_LETTERS.get(language, "")
    if not any(letter in lowered for letter in letters):
        return 0
    return len(set(_MARKERS[language].findall(lowered)))
