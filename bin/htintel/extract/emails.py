"""Email addresses, including the forms ads use to dodge filters.

Besides plain addresses this finds "bella (at) gmail (dot) com", "bella AT gmail DOT com",
"bella arroba gmail punto com" (the words for "at" and "dot" in es, pt, fr, it, de, ro, ru, uk,
nl, pl, cs, hu, el, sv and da), "bella(a)gmail.com" (a bracketed "a" glued to both parts),
"b e l l a @ g m a i l . c o m", "gmail: bella", "bella on gmail" and "bella at gmail" (the
provider's domain is filled in). Every address must pass ``is_valid_address`` (RFC 5321
dot-atom syntax and a listed TLD). Precision first: an address spelt with a bare word "at"
needs a local part that is not an ordinary word ("meet me at hotel dot com" is not an email).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Dict, List, Optional, Tuple

from htintel.extract.handles import PLATFORM_NAMES
from htintel.extract.substrings import CYRILLIC_CASE_FOLD, occurrences
from htintel.extract.urls import (
    AMBIGUOUS_EMAIL_AT_WORDS,
    EMAIL_AT_WORDS,
    EMAIL_GLUED_BRACKETED_ATS,
    EMAIL_PROVIDER_DOMAINS,
    ORDINARY_WORDS_BEFORE_AT,
    is_valid_domain,
)

# Provider names that ads write without the domain ("gmail: bella", "bella on gmail").
PROVIDER_DOMAINS: Dict[str, str] = {
    "gmail": "gmail.com",
    "googlemail": "googlemail.com",
    "yahoo": "yahoo.com",
    "ymail": "ymail.com",
    "hotmail": "hotmail.com",
    "outlook": "outlook.com",
    "icloud": "icloud.com",
    "protonmail": "protonmail.com",
    "aol": "aol.com",
    "gmx": "gmx.com",
}


_AT_WORDS = "|".join(EMAIL_AT_WORDS)
# "dot" as ads spell it: en, es/it, pt, fr, de, ro, ru, nl, pl, cs, hu, uk, el, th ("ดอท").
_DOT_WORDS = (
    "dot|punto|ponto|point|punkt|punct|точка|punt|kropka|tečka|pont|крапка|τελεία|τελεια|ดอท"
)
# Local parts that are ordinary words: "me at the hotel", "call us at 555".
_STOP_LOCALS = ORDINARY_WORDS_BEFORE_AT
# Domain words that make a bare-word "at" a place or a time, not a provider.
# ... in English and French ("chez moi point final": "chez" is the French "at" of addresses
# and of places).
_STOP_DOMAIN_LABELS = frozenset(
    "the a an my your our his her their this that home moi toi lui elle nous vous eux".split()
)

_LOCAL_ATOM = r"[A-Za-z0-9_%+-]{1,64}"
# "(at)", "[ @ ]", "{arroba}": scanned for only when the text has a closing bracket.
_BRACKETED_AT = re.compile(r"[\(\[\{<][ \t]{0,2}(?:@|" + _AT_WORDS + r")[ \t]{0,2}[\)\]\}>]")
# (word, the word after each character that may come before it): searched for as is.
_AT_WORD_SEARCHES = tuple(
    (word, tuple(space + word for space in " \t\n")) for word in EMAIL_AT_WORDS
)
_ASCII_AT_WORD_SEARCHES = tuple(search for search in _AT_WORD_SEARCHES if search[0].isascii())
_DOT = (
    r"(?:\.(?![ \t])"
    r"|[ \t]{0,3}[\(\[\{<][ \t]{0,2}(?:\.|" + _DOT_WORDS + r")[ \t]{0,2}[\)\]\}>][ \t]{0,3}"
    r"|[ \t]{1,3}(?:\.|" + _DOT_WORDS + r")[ \t]{1,3})"
)
_REVERSED_DOT_WORDS = "|".join(word[::-1] for word in _DOT_WORDS.split("|"))
_REVERSED_DOT = (
    r"(?:(?<![ \t])\."
    r"|[ \t]{0,3}[\)\]\}>][ \t]{0,2}(?:\.|"
    + _REVERSED_DOT_WORDS
    + r")[ \t]{0,2}[\(\[\{<][ \t]{0,3}"
    r"|[ \t]{1,3}(?:\.|" + _REVERSED_DOT_WORDS + r")[ \t]{1,3})"
)
# The local part that ends where the "at" token starts, matched on the reversed text before
# the token: anchored matching costs the length of the local part, not of the window.
_REVERSED_LOCAL_BEFORE = re.compile(
    r"(?P<gap>[ \t]{0,3})"
    r"(?P<local>" + _LOCAL_ATOM + r"(?:" + _REVERSED_DOT + _LOCAL_ATOM + r"){0,3})"
    r"(?![A-Za-z0-9._%+-])",
    re.IGNORECASE,
)
_DOMAIN_AFTER = re.compile(
    r"[ \t]{0,3}(?P<domain>[A-Za-z0-9-]{1,63}(?:" + _DOT + r"[A-Za-z0-9-]{1,63}){0,8})",
    re.IGNORECASE,
)
_SEPARATOR_WITH_SPACES = re.compile(r"[ \t]*(?:" + _DOT + r")[ \t]*", re.IGNORECASE)
# Every separator but a plain "." holds one of these (see _DOT).
_SPACE_OR_BRACKET = re.compile(r"[ \t\(\[\{<]")
# "gmail: bella.rose", "gmail - bella" (matched right after the provider name).
_LOCAL_AFTER_PROVIDER = re.compile(
    r"[ \t]*(?:->|[:=\-–—])[ \t]*"
    r"(?P<local>[a-z0-9][a-z0-9._-]{0,63})(?![a-z0-9_@-]|\.[a-z0-9])"
)
# "bella on gmail", "bella en hotmail", "bella op gmail" (nl; searched in a window ending at
# the provider name).
_ON_WORDS = ("on", "en", "em", "sur", "su", "no", "via", "op", "na", "pe")
_LOCAL_BEFORE_PROVIDER = re.compile(
    r"(?<![a-z0-9._%+-])(?P<local>[a-z0-9][a-z0-9._-]{0,63})[ \t]{1,3}"
    r"(?:" + "|".join(_ON_WORDS) + r")[ \t]{1,3}\Z"
)
# "b e l l a @ g m a i l . c o m": single characters separated by single spaces.
_SPACED_OUT = re.compile(
    r"(?<![^\s])(?P<local>(?:[a-z0-9._%+-] ){2,64})@(?P<domain>(?: [a-z0-9.-]){4,255})(?![^\s])"
)
_DOT_ATOM = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*\Z")

# The gate for text without "@". Such text holds an address only in two ways:
# - a provider name ("gmail: bella", "bella on gmail", "bella (at) gmail"), or
# - an "at" token (a bracketed or spaced word for "at") AND a written domain, whose
#   top-level domain follows a "." directly (".com"), a spaced or bracketed "." or a word
#   for "dot".
# Every such word is ASCII but for a few (see below), so the test runs on the text's ASCII
# characters, lowercased: cheap, where lowercasing the whole text of a non-Latin ad is not.
# Dropping the other characters keeps each run of ASCII characters whole, so it can only
# add matches. These non-ASCII characters would make that inexact:
# - the Kelvin sign lowercases to "k": the gate lets text with it through;
# - "İ" lowercases to "i" and a combining dot, which only makes a "." before it a "." before
#   a letter; a case-insensitive regex takes "ı" for "i" ("poınt"): both only matter for
#   the "dot" part, which looks for them;
# - "ſ", which a case-insensitive regex takes for "s", is in no word for "at" or "dot" and
#   in no valid domain or local part.
_ASCII_LOOKALIKES = ("\u0130", "\u0131", "\u017f", "\u212a")
_KELVIN_SIGN = "\u212a"
# "at" as _at_tokens takes it: after the start, a space, tab, newline or opening bracket;
# before a space, tab or closing bracket. Matched from the literal "at", so the search is fast.
_AT_WORD_TOKEN = re.compile(r"at(?<![^ \t\n(\[{<]at)[ \t)\]}>]")
# A letter of each provider hint (see _PROVIDER_HINTS) and of each ASCII word for "at" that
# most languages seldom use ("" where there is none): looked for before the hint or word, as
# that costs a fraction of the substring search ("roba" is in "arroba" and "arobase").
_PROVIDER_HINT_LETTERS = {
    "mail": "",
    "aol": "",
    "icloud": "",
    "yahoo": "y",
    "outlook": "k",
    "gmx": "x",
}
# The gate finds "mail" in _MA_WORDS; these are the other hints.
_PROVIDER_HINT_SEARCHES = tuple(
    (letter, hint) for hint, letter in _PROVIDER_HINT_LETTERS.items() if hint != "mail"
)
_OTHER_ASCII_AT_SEARCHES = (
    ("", "roba"),
    ("k", "kukac"),
    ("j", "apenstaartje"),
    ("h", "chiocciola"),
    ("b", "snabel-a"),
    ("f", "klammeraffe"),
    ("d", "arond"),  # ro
    ("z", "chez"),  # fr
    *((glued[0], glued) for glued in EMAIL_GLUED_BRACKETED_ATS),
)
# The ASCII letters of the non-ASCII words for "at" and "dot" in Latin script, where they
# stand together once the other letters are dropped ("małpa" -> "mapa"). Their other
# letters match no ASCII letter (only "Ł" and "ł" lowercase to "ł", and so on).
_MALPA_ASCII_RUN, _ZAVINAC_ASCII_RUN = "mapa", "zavin"  # małpa, zavináč
_A_CONG_ASCII_RUN = "a cng"  # a còng
_LATIN_AT_WORD_ASCII_RUNS = (_MALPA_ASCII_RUN, _ZAVINAC_ASCII_RUN, _A_CONG_ASCII_RUN)
# The words for "at" with no ASCII letter to look for but their own: the German joke
# spelling "ät", the Japanese "アット" and the Thai "แอท", looked for as written (in any case).
_OTHER_AT_WORD_SPELLINGS = ("ät", "Ät", "ÄT", "アット", "アットマーク", "แอท")
# The Greek word "παπάκι" starts with "π", whose capital "Π" is the only other character that
# lowercases to it.
_GREEK_AT_WORD_LETTERS = "πΠ"
# "mail" (a provider hint), "malpa" (a word for "at") and "mapa" (małpa above), found
# together from their common start: one search instead of three.
_MA_WORDS = re.compile(r"ma(?:il|lpa|pa)")
_LATIN_DOT_WORD_ASCII_RUNS = ("teka",)  # tečka
# "собака" and "собачка" start with "соба"; "точка" needs "ч" or "Ч", "крапка" "п" or "П",
# "τελεία" "τ" or "Τ", "ดอท" "ด" (only these match them case-insensitively). "İ" and "ı"
# count for the "dot" part (see above).
_CYRILLIC_AT_WORD_START = "соба"
_DOT_PART_LETTERS = "\u0130\u0131чЧпПτΤด"
# "соба" in any mix of cases, in UTF-8 folded by CYRILLIC_CASE_FOLD.
_FOLDED_SOBA = _CYRILLIC_AT_WORD_START.encode("utf-8").translate(CYRILLIC_CASE_FOLD)
# "." before a letter, or after a space, tab or bracket (as a bracketed "." in _DOT needs).
_DOT_SEPARATOR = re.compile(r"\.(?:[a-z]|(?<=[ \t(\[{<]\.))")
# Each ASCII word for "dot" contains one of these ("pun": punto, punkt, punt; "pon": ponto,
# pont).
_ASCII_DOT_WORD_HINTS = ("dot", "pun", "pon", "point", "kropka")
_BRACKETS = "([{<"
# Every name in PROVIDER_DOMAINS contains one of these.
_PROVIDER_HINTS = ("mail", "yahoo", "outlook", "icloud", "aol", "gmx")
_PROVIDER_ORDER = {name: index for index, name in enumerate(PROVIDER_DOMAINS)}
# (hint, the providers whose name contains it): only the providers of a hint in the text
# are searched for.
_PROVIDERS_BY_HINT = tuple(
    (hint, tuple((name, domain) for name, domain in PROVIDER_DOMAINS.items() if hint in name))
    for hint in _PROVIDER_HINTS
)
_LOCAL_WINDOW = 120
# Hostile text can hold thousands of "@"; a real ad never needs more than this.
_MAX_TOKENS = 500
_MAX_ADDRESS = 254
# Shortest all-digit local part taken from a written "at" (a phone number is longer).
_MIN_NUMERIC_LOCAL = 6
# Longest local part before a written "at" that is rather the end of a name written with
# spaces than an address of its own.
_MAX_SPELT_LOCAL_TAIL = 2


def is_valid_address(address: str) -> bool:
    """True for local@domain with an RFC 5321 dot-atom local part and a valid, listed domain.

    Quoted local parts, comments and address literals are rejected: ads never use them.
    """
    # Checked before the cache so that hostile long strings never become cache keys.
    if len(address) > _MAX_ADDRESS:
        return False
    return _is_valid_short_address(address)


@lru_cache(maxsize=4096)
def _is_valid_short_address(address: str) -> bool:
    """is_valid_address for at most 254 characters; cached because ads repeat addresses."""
    if address.count("@") != 1:
        return False
    local, domain = address.split("@")
    if not 1 <= len(local) <= 64 or not _DOT_ATOM.match(local):
        return False
    return is_valid_domain(domain)


def _collapse_separators(obfuscated: str) -> str:
    # Without a space, tab or bracket the only separator is a plain "." and nothing changes:
    # that test is several times cheaper than the substitution.
    if _SPACE_OR_BRACKET.search(obfuscated) is None:
        return obfuscated
    return _SEPARATOR_WITH_SPACES.sub(".", obfuscated)


def _is_title_case(word: str) -> bool:
    return word[:1].isupper() and not word.isupper()


@lru_cache(maxsize=1024)
def _domain_from_written(written: str) -> Optional[str]:
    """The valid lowercase domain a written domain starts with, a provider's filled in.

    "gmail" -> "gmail.com"; "gmail.com.Call" (the next sentence run in) -> "gmail.com".
    """
    if written.replace("-", "").isalnum():  # one label: "gmail", or "9pm", "the", "617-555"
        return PROVIDER_DOMAINS.get(written.lower())
    labels = _collapse_separators(written).strip("-").split(".")
    while len(labels) >= 2:
        domain = ".".join(labels).lower()
        if not _is_title_case(labels[-1]) and is_valid_domain(domain):
            return domain
        labels.pop()
    return PROVIDER_DOMAINS.get(labels[0].lower())


def _address_around_at(text: str, kind: str, start: int, end: int) -> Optional[Tuple[int, str]]:
    """The address around an "at" token text[start:end] of ``kind`` symbol/bracket/word."""
    domain_match = _DOMAIN_AFTER.match(text, end)
    if domain_match is None:
        return None
    domain = _domain_from_written(domain_match.group("domain"))
    if domain is None:
        return None
    reversed_before = text[max(0, start - _LOCAL_WINDOW) : start][::-1]
    local_match = _REVERSED_LOCAL_BEFORE.match(reversed_before)
    if local_match is None:
        return None
    gap_before = bool(local_match.group("gap"))
    gap_after = domain_match.group(0)[:1] in (" ", "\t")
    # "IG @bella.love" is a handle: "x @y" counts only for an email provider ("bella @gmail.com").
    if kind == "symbol" and gap_before and not gap_after and domain not in EMAIL_PROVIDER_DOMAINS:
        return None
    # One letter before a spaced "@" ends a name spelled out letter by letter ("k a y l a . s e a
    # t t l e @ proton . me"): an address of that letter alone would be a false link.
    if gap_before and len(local_match.group("local")) == 1:
        return None
    if kind == "glued" and (gap_before or gap_after):
        return None  # see EMAIL_GLUED_BRACKETED_ATS
    local = _collapse_separators(local_match.group("local")[::-1]).lower()
    local_start = start - local_match.end()
    # A bare word "at" after an ordinary word is a place or a time ("meet me at hotel dot com"),
    # where "info arroba club punto com" is an address;
    # a bracketed "(at)" is written only in addresses ("contact(at)club-paris.fr").
    # A platform's name before "@" names the platform of a handle ("Instagram @ bella.to").
    if (
        kind == "word"
        and local in _STOP_LOCALS
        and text[start:end].lower() in AMBIGUOUS_EMAIL_AT_WORDS
    ) or local in PLATFORM_NAMES:
        return None
    if kind != "symbol" and domain.split(".")[0] in _STOP_DOMAIN_LABELS:
        return None
    # "AMBER ROSE 22 AT GMAIL": a short number before a written "at" is the tail of a local
    # part spelled with spaces, not an address of its own (a false link across ads).
    if kind != "symbol" and local.isdigit() and len(local) < _MIN_NUMERIC_LOCAL:
        return None
    # ... and so are one or two letters ("bella rose xx at gmail dot com" is not xx@gmail.com).
    if kind != "symbol" and len(local) <= _MAX_SPELT_LOCAL_TAIL:
        return None
    address = f"{local}@{domain}"
    return (local_start, address) if is_valid_address(address) else None


# The token shortcut. _address_around_at reads the text around an "at" token with two
# regexes: the domain after the token and the local part before it. Besides the 0-3 spaces
# or tabs next to the token, each consumes a run of "plain" characters ([A-Za-z0-9.-] for
# the domain, [A-Za-z0-9._%+-] for the local part, under IGNORECASE) and goes past the run
# only through a separator: a bracket, or 1-3 spaces or tabs then a "." or a bracket or a
# word for "dot" (the _DOT and _REVERSED_DOT alternatives). Where no separator starts just
# past the run, both regexes stop there exactly as on a newline or at the end of the text,
# so the result is that of the short text: newline + local run + gap + token + gap + domain
# run + newline. That is cached: the regexes run once per address, not once per ad.
# The runs below take in the non-ASCII lookalikes too, so the character past a run is never
# one; the separator test reads at most 3 spaces and a word past the run, which the
# 120-character window before the token holds whole for runs of up to 100 characters.
_MAX_SHORTCUT_RUN = 100  # longer runs take the full path: cache keys stay short
# The characters [A-Za-z] matches under IGNORECASE, written out: a case-insensitive class
# costs a case conversion per character.
_IGNORECASE_LETTERS = "A-Za-z" + "".join(_ASCII_LOOKALIKES)
# The characters a case-insensitive regex takes for the first and the last letter of a word
# for "dot": looked for before the words, which are costly to try one by one.
_DOT_WORD_FIRST_LETTERS = "dDpPkK\u212atTтТ\u1c84\u1c85кКτΤด"
_DOT_WORD_LAST_LETTERS = "tToOaAаАαΑท"
# (gap, run, a separator that goes on past the run or ""), after a token.
_RUN_AFTER = re.compile(
    r"([ \t]*)([" + _IGNORECASE_LETTERS + r"0-9.-]*)"
    r"((?:[ \t]{1,3}(?:[.([{<]|(?=[" + _DOT_WORD_FIRST_LETTERS + r"])(?i:" + _DOT_WORDS + r"))"
    r"|[([{<])?)"
)
# The same on the reversed text before a token.
_REVERSED_RUN_BEFORE = re.compile(
    r"([ \t]*)([" + _IGNORECASE_LETTERS + r"0-9._%+-]*)"
    r"((?:[ \t]{1,3}(?:[.)\]}>]|(?=["
    + _DOT_WORD_LAST_LETTERS
    + r"])(?i:"
    + _REVERSED_DOT_WORDS
    + r"))|[)\]}>])?)"
)
_LONGEST_DOT_WORD = max(len(word) for word in _DOT_WORDS.split("|"))
# Enough text before a token for a gap, a run and a separator's start to be read whole.
_LEFT_WINDOW = 3 + _MAX_SHORTCUT_RUN + 3 + _LONGEST_DOT_WORD + 1


def _address_at_token(text: str, kind: str, start: int, end: int) -> Optional[Tuple[int, str]]:
    """_address_around_at, from a cache of short keys where no separator goes on (see above).

    Only for "@": a bracketed or spelt "at" mostly comes with spelt separators, where the
    shortcut would cost more than it saves.
    """
    if kind != "symbol":
        return _address_around_at(text, kind, start, end)
    right = _RUN_AFTER.match(text, end)
    assert right is not None  # every group of _RUN_AFTER may be empty
    gap_after, domain_run, goes_on = right.groups()
    if len(gap_after) > 3:
        return None  # _DOMAIN_AFTER allows three; a fourth is no domain character
    if goes_on or len(domain_run) > _MAX_SHORTCUT_RUN:
        return _address_around_at(text, kind, start, end)
    if _domain_of_runs(gap_after, domain_run) is None:
        return None
    left = _REVERSED_RUN_BEFORE.match(text[max(0, start - _LEFT_WINDOW) : start][::-1])
    assert left is not None
    gap_before, reversed_local_run, goes_on = left.groups()
    if len(gap_before) > 3:
        return None  # as after the token
    if goes_on or len(reversed_local_run) > _MAX_SHORTCUT_RUN:
        return _address_around_at(text, kind, start, end)
    found = _address_of_runs(reversed_local_run, gap_before, gap_after, domain_run)
    return None if found is None else (start - found[0], found[1])


@lru_cache(maxsize=1024)
def _domain_of_runs(gap_after: str, domain_run: str) -> Optional[str]:
    """The domain _address_around_at finds after a token followed by these runs, or None."""
    match = _DOMAIN_AFTER.match(gap_after + domain_run + "\n")
    return None if match is None else _domain_from_written(match.group("domain"))


@lru_cache(maxsize=4096)
def _address_of_runs(
    reversed_local_run: str, gap_before: str, gap_after: str, domain_run: str
) -> Optional[Tuple[int, str]]:
    """_address_around_at on the short text these runs make around an "@": (the local part's
    distance before the "@", address) or None."""
    local_run = reversed_local_run[::-1]
    short_text = "\n" + local_run + gap_before + "@" + gap_after + domain_run + "\n"
    start = 1 + len(local_run) + len(gap_before)
    found = _address_around_at(short_text, "symbol", start, start + 1)
    return None if found is None else (start - found[0], found[1])


def _spaced_out_addresses(lowered: str) -> List[Tuple[int, str]]:
    found: List[Tuple[int, str]] = []
    matches = []
    searched_to = 0
    # Only the stretch around each " @ " can hold one; the rest of the text is not scanned.
    for at in occurrences(lowered, " @ ", _MAX_TOKENS):
        if at < searched_to:
            continue
        searched_to = min(len(lowered), at + 2 + 2 * 256)
        match = _SPACED_OUT.search(lowered, max(0, at - 2 * 64), searched_to)
        if match is not None:
            matches.append(match)
    for match in matches:
        local = match.group("local").replace(" ", "")
        domain = match.group("domain").replace(" ", "").strip(".")
        if "." not in domain:
            continue
        # The spaced run may go on into the next single-letter word: keep the longest valid TLD.
        head, _, tld = domain.rpartition(".")
        for end in range(len(tld), 1, -1):
            address = f"{local}@{head}.{tld[:end]}"
            if is_valid_address(address):
                found.append((match.start(), address))
                break
    return found


def _at_tokens(lowered: str) -> List[Tuple[str, int, int]]:
    """Every "at" token (kind, start, end): "@", bracketed "(at)", and the spaced word "at".

    Found with substring searches only: a regex scan costs about 20 ns per character.
    """
    tokens = (
        [("symbol", i, i + 1) for i in occurrences(lowered, "@", _MAX_TOKENS)]
        if "@" in lowered
        else []
    )
    for bracket in _BRACKETS:
        if bracket in lowered:
            for start in occurrences(lowered, bracket, _MAX_TOKENS):
                match = _BRACKETED_AT.match(lowered, start)
                if match is not None:
                    tokens.append(("bracket", start, match.end()))
    for glued in EMAIL_GLUED_BRACKETED_ATS:
        if glued in lowered:
            tokens.extend(
                ("glued", i, i + len(glued)) for i in occurrences(lowered, glued, _MAX_TOKENS)
            )
    for word, spaced_words in _ASCII_AT_WORD_SEARCHES if lowered.isascii() else _AT_WORD_SEARCHES:
        if word not in lowered:
            continue
        starts = [0] if lowered.startswith(word) else []
        for spaced_word in spaced_words:
            # Most ads hold no tab: that test costs a fraction of the substring search.
            if spaced_word[0] in lowered and spaced_word in lowered:
                starts.extend(i + 1 for i in occurrences(lowered, spaced_word, _MAX_TOKENS))
        for start in starts:
            end = start + len(word)
            if lowered[end : end + 1] in (" ", "\t"):
                tokens.append(("word", start, end))
    return tokens


def _ends_with_on_word(lowered: str, end: int) -> bool:
    """True when lowered[:end] ends as _LOCAL_BEFORE_PROVIDER needs ("... on "), which is far
    cheaper to test than that search (it tries every position of its window)."""
    if lowered[end - 1 : end] not in (" ", "\t"):
        return False
    # The longest ending it can match is three letters and three spaces.
    return lowered[max(0, end - 8) : end].rstrip(" \t").endswith(_ON_WORDS)


def _provider_addresses(lowered: str) -> List[Tuple[int, str]]:
    """ "gmail: bella" and "bella on gmail": the provider's domain is filled in."""
    found: List[Tuple[int, str]] = []
    providers = [
        (provider, domain)
        for hint, named in _PROVIDERS_BY_HINT
        if hint in lowered
        for provider, domain in named
        if provider in lowered
    ]
    if len(providers) > 1:
        # In PROVIDER_DOMAINS order, as before the search was narrowed by hint.
        providers.sort(key=lambda provider_domain: _PROVIDER_ORDER[provider_domain[0]])
    for provider, domain in providers:
        for start in occurrences(lowered, provider, _MAX_TOKENS):
            end = start + len(provider)
            if start > 0 and (lowered[start - 1].isalnum() or lowered[start - 1] in ".@"):
                continue
            if end < len(lowered) and lowered[end].isalnum():
                continue
            match = _LOCAL_AFTER_PROVIDER.match(lowered, end)
            if match is None and _ends_with_on_word(lowered, start):
                match = _LOCAL_BEFORE_PROVIDER.search(lowered, max(0, start - 80), start)
            if match is None:
                continue
            local = match.group("local").rstrip(".")
            address = f"{local}@{domain}"
            if local in _STOP_LOCALS or local in PROVIDER_DOMAINS or not is_valid_address(address):
                continue
            found.append((min(start, match.start()), address))
    return found


def _may_hold_an_address_without_at_sign(text: str, lowered: Optional[str]) -> bool:
    """False only when ``text`` (without "@") provably holds no address: see _ASCII_LOOKALIKES.

    ``lowered``: the lowercase of an ASCII ``text``, None for any other text.
    """
    is_ascii = lowered is not None
    if lowered is not None:
        ascii_lowered = lowered
    elif _KELVIN_SIGN in text:
        return True
    else:
        ascii_lowered = text.encode("ascii", "ignore").lower().decode("ascii")
    ma_words = _MA_WORDS.findall(ascii_lowered)
    if "mail" in ma_words or _holds_one_of(ascii_lowered, _PROVIDER_HINT_SEARCHES):
        return True
    # "mapa" is no word for "at" in ASCII text: letting it through there costs nothing.
    if not (
        _AT_WORD_TOKEN.search(ascii_lowered)
        or "malpa" in ma_words
        or _MALPA_ASCII_RUN in ma_words
        or _holds_one_of(ascii_lowered, _OTHER_ASCII_AT_SEARCHES)
        or (not is_ascii and _has_non_ascii_at_word(text, ascii_lowered))
    ):
        return False
    if _DOT_SEPARATOR.search(ascii_lowered):
        return True
    if any(hint in ascii_lowered for hint in _ASCII_DOT_WORD_HINTS):
        return True
    return not is_ascii and (
        any(run in ascii_lowered for run in _LATIN_DOT_WORD_ASCII_RUNS)
        or any(letter in text for letter in _DOT_PART_LETTERS)
    )


def _holds_one_of(lowered: str, searches: Tuple[Tuple[str, str], ...]) -> bool:
    for letter, hint in searches:
        if letter in lowered and hint in lowered:
            return True
    return False


def _has_non_ascii_at_word(text: str, ascii_lowered: str) -> bool:
    """True when the lowercased text may hold one of the non-ASCII words for "at"."""
    # małpa's run is found with _MA_WORDS
    if _ZAVINAC_ASCII_RUN in ascii_lowered or _A_CONG_ASCII_RUN in ascii_lowered:
        return True
    if any(spelling in text for spelling in _OTHER_AT_WORD_SPELLINGS):
        return True
    if _GREEK_AT_WORD_LETTERS[0] in text or _GREEK_AT_WORD_LETTERS[1] in text:
        return True  # Greek ads are few: any "π" lets them through
    if "б" not in text and "Б" not in text:
        return False
    # Lowercasing a Russian ad costs more than encoding it and folding the case of its bytes.
    folded = text.encode("utf-8", "surrogatepass").translate(CYRILLIC_CASE_FOLD)
    return _FOLDED_SOBA in folded


def find_emails(text: str) -> Tuple[str, ...]:
    """Lowercase, de-obfuscated addresses in order of first appearance, without duplicates.

    Example: "Bella dot Rose AT gmail DOT com, gmail: amber22" ->
    ("bella.rose@gmail.com", "amber22@gmail.com"). Never raises on any string.
    """
    if "@" in text:
        return _addresses_in(text)
    lowered = text.lower() if text.isascii() else None
    if not _may_hold_an_address_without_at_sign(text, lowered):
        return ()
    return _addresses_in(text, lowered)


def _addresses_in(text: str, lowered: Optional[str] = None) -> Tuple[str, ...]:
    """find_emails without the gate that skips text holding no address; ``lowered`` is
    ``text.lower()`` when the caller has it."""
    if lowered is None:
        lowered = text.lower()
    if len(lowered) != len(text):
        text = lowered  # rare characters whose lowercase is longer; offsets must agree
    candidates: List[Tuple[int, str]] = []
    for kind, start, end in _at_tokens(lowered)[:_MAX_TOKENS]:
        candidate = _address_at_token(text, kind, start, end)
        if candidate is not None:
            candidates.append(candidate)
    if " @ " in lowered:
        candidates.extend(_spaced_out_addresses(lowered))
    candidates.extend(_provider_addresses(lowered))
    found: List[str] = []
    for _, address in sorted(candidates, key=lambda candidate: candidate[0]):
        if address not in found:
            found.append(address)
    return tuple(found)
