"""Email addresses, including the forms ads use to dodge filters.

Besides plain addresses this finds "bella (at) gmail (dot) com", "bella AT gmail DOT com",
"bella arroba gmail punto com" (the words for "at" and "dot" in es, pt, fr, it, de, ru, nl,
pl, cs and hu),
"b e l l a @ g m a i l . c o m", "gmail: bella", "bella on gmail" and "bella at gmail" (the
provider's domain is filled in). Every address must pass ``is_valid_address`` (RFC 5321
dot-atom syntax and a listed TLD). Precision first: an address spelt with a bare word "at"
needs a local part that is not an ordinary word ("meet me at hotel dot com" is not an email).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Dict, List, Optional, Tuple

from htintel.extract.urls import (
    EMAIL_AT_WORDS,
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
# "dot" as ads spell it: en, es/it, pt, fr, de, ru, nl, pl, cs, hu.
_DOT_WORDS = "dot|punto|ponto|point|punkt|точка|punt|kropka|tečka|pont"
# Local parts that are ordinary words: "me at the hotel", "call us at 555".
_STOP_LOCALS = ORDINARY_WORDS_BEFORE_AT
# Domain words that make a bare-word "at" a place or a time, not a provider.
_STOP_DOMAIN_LABELS = frozenset("the a an my your our his her their this that home".split())

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
# "bella on gmail", "bella en hotmail" (searched in a window ending at the provider name).
_ON_WORDS = ("on", "en", "em", "sur", "su", "no", "via")
_LOCAL_BEFORE_PROVIDER = re.compile(
    r"(?<![a-z0-9._%+-])(?P<local>[a-z0-9][a-z0-9._-]{0,63})[ \t]{1,3}"
    r"(?:" + "|".join(_ON_WORDS) + r")[ \t]{1,3}\Z"
)
# "b e l l a @ g m a i l . c o m": single characters separated by single spaces.
_SPACED_OUT = re.compile(
    r"(?<![^\s])(?P<local>(?:[a-z0-9._%+-] ){2,64})@(?P<domain>(?: [a-z0-9.-]){4,255})(?![^\s])"
)
_DOT_ATOM = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*\Z")
# Without "@" an address needs a written domain, and the top-level domain of a valid one is
# ASCII and starts with a letter: it follows a "." directly (".com"), a spaced "." (" . com"),
# a bracketed "." ("(.)com") or a word for "dot". Text with none of these (nor a provider
# name) holds no address, and the whole pass is skipped.
_DOT_BEFORE_LETTER = re.compile(r"\.[a-z]")
_BRACKETED_DOT = re.compile(r"[\(\[\{<][ \t]{0,2}\.")
_BRACKETS = "([{<"
# The words for "dot" (lowercase, then uppercase), searched for as substrings.
_DOT_WORD_HINTS: Tuple[str, ...] = tuple(_DOT_WORDS.split("|"))
_UPPER_DOT_WORD_HINTS: Tuple[str, ...] = tuple(hint.upper() for hint in _DOT_WORD_HINTS)
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
    local = _collapse_separators(local_match.group("local")[::-1]).lower()
    local_start = start - local_match.end()
    if kind != "symbol" and (local in _STOP_LOCALS or domain.split(".")[0] in _STOP_DOMAIN_LABELS):
        return None
    address = f"{local}@{domain}"
    return (local_start, address) if is_valid_address(address) else None


def _spaced_out_addresses(lowered: str) -> List[Tuple[int, str]]:
    found: List[Tuple[int, str]] = []
    matches = []
    searched_to = 0
    # Only the stretch around each " @ " can hold one; the rest of the text is not scanned.
    for at in _occurrences(lowered, " @ "):
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


def _occurrences(lowered: str, word: str) -> List[int]:
    """Start of each occurrence of ``word``, the first _MAX_TOKENS of them."""
    positions: List[int] = []
    position = lowered.find(word)
    while position != -1 and len(positions) < _MAX_TOKENS:
        positions.append(position)
        position = lowered.find(word, position + 1)
    return positions


def _at_tokens(lowered: str) -> List[Tuple[str, int, int]]:
    """Every "at" token (kind, start, end): "@", bracketed "(at)", and the spaced word "at".

    Found with substring searches only: a regex scan costs about 20 ns per character.
    """
    tokens = [("symbol", i, i + 1) for i in _occurrences(lowered, "@")] if "@" in lowered else []
    for bracket in _BRACKETS:
        if bracket in lowered:
            for start in _occurrences(lowered, bracket):
                match = _BRACKETED_AT.match(lowered, start)
                if match is not None:
                    tokens.append(("bracket", start, match.end()))
    for word, spaced_words in _ASCII_AT_WORD_SEARCHES if lowered.isascii() else _AT_WORD_SEARCHES:
        if word not in lowered:
            continue
        starts = [0] if lowered.startswith(word) else []
        for spaced_word in spaced_words:
            if spaced_word in lowered:
                starts.extend(i + 1 for i in _occurrences(lowered, spaced_word))
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
        for start in _occurrences(lowered, provider):
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


def _names_a_provider(lowered: str) -> bool:
    return (
        "mail" in lowered
        or "yahoo" in lowered
        or "outlook" in lowered
        or "icloud" in lowered
        or "aol" in lowered
        or "gmx" in lowered
    )


def _may_hold_an_address(lowered: str) -> bool:
    """False only when the text has no "@", no domain and no provider name for an address."""
    if "@" in lowered or _DOT_BEFORE_LETTER.search(lowered) or _names_a_provider(lowered):
        return True
    if " ." in lowered or "\t." in lowered:
        return True
    # A regex scan costs more than four substring searches: only when a bracket is there.
    if (
        "(" in lowered or "[" in lowered or "{" in lowered or "<" in lowered
    ) and _BRACKETED_DOT.search(lowered):
        return True
    if lowered.isascii():
        hints, searched = _DOT_WORD_HINTS, lowered
    else:
        # _DOT matches a word for "dot" case-insensitively, so also with letters that only
        # share its letters' uppercase ("poınt" with a dotless i, "тᲂчка"): compare uppercase.
        hints, searched = _UPPER_DOT_WORD_HINTS, lowered.upper()
    for hint in hints:
        if hint in searched:
            return True
    return False


def find_emails(text: str) -> Tuple[str, ...]:
    """Lowercase, de-obfuscated addresses in order of first appearance, without duplicates.

    Example: "Bella dot Rose AT gmail DOT com, gmail: amber22" ->
    ("bella.rose@gmail.com", "amber22@gmail.com"). Never raises on any string.
    """
    lowered = text.lower()
    if len(lowered) != len(text):
        text = lowered  # rare characters whose lowercase is longer; offsets must agree
    if not _may_hold_an_address(lowered):
        return ()
    candidates: List[Tuple[int, str]] = []
    for kind, start, end in _at_tokens(lowered)[:_MAX_TOKENS]:
        candidate = _address_around_at(text, kind, start, end)
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
