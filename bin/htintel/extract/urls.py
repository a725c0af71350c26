"""Web addresses and bare domains in ad text, and the domain syntax emails share.

A bare domain counts only when its top-level domain is in the shipped list (tlds.txt), so
"file.txt", "e.g" and "3.5" are not domains. The ad's own site and the domains of email
addresses are not reported: neither says anything about who posted the ad.
"""

from __future__ import annotations

import os
import re
from typing import FrozenSet, List, Optional, Tuple


def _load_top_level_domains() -> FrozenSet[str]:
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "tlds.txt")
    with open(path, encoding="utf-8") as handle:
        return frozenset(
            line.strip() for line in handle if line.strip() and not line.startswith("#")
        )


TOP_LEVEL_DOMAINS: FrozenSet[str] = _load_top_level_domains()

# Without a scheme, "www." or a path, only these TLDs (and two-letter country codes) make a
# bare word.word a domain: long generic TLDs are ordinary words ("town.Call", "baby.love").
_COMMON_BARE_TLDS = frozenset(
    "com net org info biz edu gov mil int io co me tv xxx app online site club top xyz".split()
)
# Real TLDs that are far more often file extensions than websites in free text.
_FILE_EXTENSION_TLDS = frozenset("zip mov py sh pl md rs ps cs js".split()) - {"pl"}
# Addresses at these providers are emails; their bare domain is never the ad's website.
EMAIL_PROVIDER_DOMAINS = frozenset(
    (
        "gmail.com googlemail.com yahoo.com ymail.com hotmail.com outlook.com live.com msn.com "
        "icloud.com me.com protonmail.com proton.me aol.com gmx.com gmx.de gmx.net mail.ru "
        "yandex.ru yandex.com qq.com 163.com 126.com web.de hotmail.fr yahoo.fr yahoo.es "
        "hotmail.es outlook.es yahoo.com.br hotmail.co.uk yahoo.co.uk libero.it bol.com.br "
        "uol.com.br terra.com.br naver.com daum.net hanmail.net"
    ).split()
)

_MAX_URL_CHARS = 2048
_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\Z")
_CANDIDATE = re.compile(
    r"(?<![A-Za-z0-9._@#$/-])"
    r"(?P<scheme>https?://)?"
    r"(?P<host>[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,10})"
    r"(?P<port>:[0-9]{1,5})?"
    r"(?P<path>[/?#][^\s<>\"'`{}|\\^\[\]]{0,2048})?",
    re.IGNORECASE,
)
# The URL's host is the domain part of an obfuscated email ("bella at mysite.com").
_EMAIL_AT_BEFORE = re.compile(
    r"(?:\b(?:at|arroba|arobase)|[\(\[\{<]\s*(?:at|@)\s*[\)\]\}>])\s{1,3}\Z", re.IGNORECASE
)
_TRAILING_PUNCTUATION = ".,;:!?'\"*-"
_BRACKETS = {")": "(", "]": "["}


def is_valid_domain(domain: str) -> bool:
    """True for a lowercase-able host name with two or more LDH labels and a listed TLD."""
    domain = domain.lower()
    if len(domain) > 253:
        return False
    labels = domain.split(".")
    if len(labels) < 2 or labels[-1] not in TOP_LEVEL_DOMAINS:
        return False
    return all(_LABEL.match(label) for label in labels)


def host_of(site: str) -> str:
    """The lowercase host of a URL or bare host ("https://WWW.X.com:80/a" -> "www.x.com")."""
    host = site.strip().lower()
    if "://" in host:
        host = host.split("://", 1)[1]
    for separator in "/?#":
        host = host.split(separator, 1)[0]
    return host.rsplit("@", 1)[-1].split(":", 1)[0].strip(".")


def _is_own_site(host: str, own_host: str) -> bool:
    if not own_host:
        return False
    # A parent of the own host ("example.com" in an ad on melbourne.example.com) is the
    # same site too.
    return (
        host == own_host or host.endswith("." + own_host) or own_host.endswith("." + host)
    )


def _trim_path(path: str) -> str:
    path = path.rstrip(_TRAILING_PUNCTUATION)
    while path and path[-1] in _BRACKETS and path.count(path[-1]) > path.count(_BRACKETS[path[-1]]):
        path = path[:-1].rstrip(_TRAILING_PUNCTUATION)
    return path


def _bare_domain_is_plausible(host_as_written: str, tld: str, has_path: bool) -> bool:
    written_tld = host_as_written.rsplit(".", 1)[1]
    # "town.Call me": a sentence run together, not a domain.
    if written_tld[:1].isupper() and not written_tld.isupper():
        return False
    if tld in _FILE_EXTENSION_TLDS:
        return False
    return has_path or len(tld) == 2 or tld in _COMMON_BARE_TLDS


def find_urls(text: str, own_site: Optional[str] = None) -> Tuple[str, ...]:
    """URLs and bare domains in ``text``, host lowercased, deduplicated, in order.

    ``own_site`` (a host or URL) and its subdomains are left out, and so are the domains of
    email addresses. Example: "see www.Bella.com/pics." -> ("www.bella.com/pics",).
    """
    if "." not in text:
        return ()
    own_host = host_of(own_site).removeprefix("www.") if own_site else ""
    found: List[str] = []
    for match in _CANDIDATE.finditer(text):
        host_as_written = match.group("host")
        host = host_as_written.lower().rstrip("-")
        end = match.end()
        if end < len(text) and text[end] == "@":
            continue  # the local part of an email address
        if not is_valid_domain(host):
            continue
        scheme = (match.group("scheme") or "").lower()
        path = _trim_path(match.group("path") or "")
        tld = host.rsplit(".", 1)[1]
        if not scheme and not host.startswith("www."):
            if host in EMAIL_PROVIDER_DOMAINS:
                continue
            if not _bare_domain_is_plausible(host_as_written, tld, bool(path.strip("/"))):
                continue
            if _EMAIL_AT_BEFORE.search(text, max(0, match.start() - 16), match.start()):
                continue
        if _is_own_site(host, own_host):
            continue
        url = (scheme + host + (match.group("port") or "") + path)[:_MAX_URL_CHARS]
        if url not in found:
            found.append(url)
    return tuple(found)
