"""Web addresses and bare domains in ad text, and the domain syntax emails share.

A bare domain counts only when its top-level domain is in the shipped list (tlds.txt), so
"file.txt", "e.g" and "3.5" are not domains. The ad's own site and the domains of email
addresses are not reported: neither says anything about who posted the ad.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
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
_FILE_EXTENSION_TLDS = frozenset("zip mov py sh md".split())
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
_MAX_CANDIDATES = 500
_MAX_DOMAIN_CHARS = 253
# Two or more LDH labels, the last one captured: one match instead of a match per label.
_LDH_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_DOMAIN_SYNTAX = re.compile(r"(?:" + _LDH_LABEL + r"\.)+(?P<tld>" + _LDH_LABEL + r")\Z")
# Matched where a host starts: found by walking back from a "." followed by a letter, so
# text without such a dot costs one fast literal search.
_DOT_BEFORE_LETTER = re.compile(r"\.[A-Za-z]")
_HOST_CHAR_STRING = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-"
_SCHEMES = ("https://", "http://")
_CANDIDATE = re.compile(
    r"(?P<scheme>[hH][tT][tT][pP][sS]?://)?"
    r"(?P<host>[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,10})"
    r"(?P<port>:[0-9]{1,5})?"
    r"(?P<path>[/?#][^\s<>\"'`{}|\\^\[\]]{0,2048})?"
)
# Words that come before "at" without being an email's local part ("me at the hotel",
# "my page at bella.com"); shared with the email finder so both read "x at y.com" alike.
ORDINARY_WORDS_BEFORE_AT = frozenset(
    (
        "me us you him her them it i im we they she he here there home work anytime available "
        "call text txt sms message msg contact reach email mail e-mail find see meet stay "
        "located arrive look only up out in is am are be was now today tonight rates starting "
        "incall outcall hotel night noon and or the a an my your our this that pics photos "
        "page site website web online visit more profile info details "
        "escribeme escríbeme contacto correo llamame llámame yo mi tu su en el la los las "
        "moi toi écris ecris contactez courriel com"
    ).split()
)
# "at" in an obfuscated email, as ads spell it: en, es/pt, fr, it, ru, nl, pl, cs, hu.
EMAIL_AT_WORDS = (
    "at arroba arobase chiocciola собака собачка apenstaartje małpa malpa zavináč kukac".split()
)
_REVERSED_AT_WORDS = "|".join(word[::-1] for word in EMAIL_AT_WORDS)
# The URL's host is the domain part of an obfuscated email ("bella at mysite.com"); matched
# on the reversed text before the host, so the cost is that of the few characters read.
_REVERSED_LOCAL_THEN_AT = re.compile(
    r"[ \t]{0,3}(?:(?:" + _REVERSED_AT_WORDS + r")[ \t]{1,3}"
    r"|[\)\]\}>][ \t]{0,2}(?:@|" + _REVERSED_AT_WORDS + r")[ \t]{0,2}[\(\[\{<][ \t]{0,3})"
    r"(?P<local>[A-Za-z0-9._%+-]{1,64})",
    re.IGNORECASE,
)
# The host is followed by the rest of an email's local part ("name.al+lastname@foo.com").
_LOCAL_PART_TAIL = re.compile(r"[A-Za-z0-9._%+-]*@")
_TRAILING_PUNCTUATION = ".,;:!?'\"*-"
_BRACKETS = {")": "(", "]": "["}


def is_valid_domain(domain: str) -> bool:
    """True for a lowercase-able host name with two or more LDH labels and a listed TLD."""
    # Checked before the cache so that hostile long strings never become cache keys.
    if len(domain) > _MAX_DOMAIN_CHARS:
        return False
    return _is_valid_short_domain(domain)


@lru_cache(maxsize=4096)
def _is_valid_short_domain(domain: str) -> bool:
    """is_valid_domain for at most 253 characters; cached because ads repeat domains and
    the email and URL finders check the same candidates more than once."""
    domain = domain.lower()
    if len(domain) > _MAX_DOMAIN_CHARS:
        return False
    syntax = _DOMAIN_SYNTAX.match(domain)
    return syntax is not None and syntax.group("tld") in TOP_LEVEL_DOMAINS


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
    return host == own_host or host.endswith("." + own_host) or own_host.endswith("." + host)


def _trim_path(path: str) -> str:
    path = path.rstrip(_TRAILING_PUNCTUATION)
    while path and path[-1] in _BRACKETS and path.count(path[-1]) > path.count(_BRACKETS[path[-1]]):
        path = path[:-1].rstrip(_TRAILING_PUNCTUATION)
    return path


def _is_title_case_tld(host_as_written: str) -> bool:
    """ "town.Call me" is a sentence run together, not a domain."""
    written_tld = host_as_written.rsplit(".", 1)[1]
    return written_tld[:1].isupper() and not written_tld.isupper()


def _bare_domain_is_plausible(tld: str, has_path: bool) -> bool:
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
    # Worked out only once a URL is found: most ads have none, and every ad's site differs.
    own_host: Optional[str] = None
    found: List[str] = []
    covered = 0
    for candidates, dot in enumerate(_DOT_BEFORE_LETTER.finditer(text)):
        if candidates >= _MAX_CANDIDATES:
            break  # hostile text: a real ad never has this many
        if dot.start() < covered:
            continue
        # Never walk back over text already read: keeps "a.a.a.a..." linear.
        start = _candidate_start(text, dot.start(), covered)
        covered = dot.start() + 1
        if start is None:
            continue
        match = _CANDIDATE.match(text, start)
        if match is None:
            continue
        covered = max(covered, match.end())
        url_and_host = _url_of(text, match)
        if url_and_host is None:
            continue
        url, host = url_and_host
        if own_host is None:
            own_host = host_of(own_site).removeprefix("www.") if own_site else ""
        if not _is_own_site(host, own_host) and url not in found:
            found.append(url)
    return tuple(found)


def _candidate_start(text: str, dot: int, floor: int) -> Optional[int]:
    """Where the host (or its scheme) around ``dot`` starts, not before ``floor``; None when
    it is not a host."""
    floor = max(floor, dot - 253)
    # str.rstrip/lstrip walk over the host characters in C, not one Python step each.
    before_dot = text[floor:dot]
    host_run = before_dot[len(before_dot.rstrip(_HOST_CHAR_STRING)) :]
    start = dot - len(host_run.lstrip(".-"))
    if start > 0 and text[start - 1] == "/":  # every scheme ends with "/"
        for scheme in _SCHEMES:
            if text[max(0, start - len(scheme)) : start].lower() == scheme:
                return start - len(scheme)
    if start > 0 and text[start - 1] in "_@#$/":
        return None  # an email domain, a hashtag, a cashtag or a path segment
    return start


def _is_email_domain(text: str, start: int) -> bool:
    """True after "bella at" / "bella (at)", unless the word before "at" is an ordinary one."""
    before = _REVERSED_LOCAL_THEN_AT.match(text[max(0, start - 90) : start][::-1])
    if before is None:
        return False
    return before.group("local")[::-1].lower() not in ORDINARY_WORDS_BEFORE_AT


def _url_of(text: str, match: re.Match[str]) -> Optional[Tuple[str, str]]:
    """(URL, lowercase host) of a candidate, or None when it is no URL (own site not checked)."""
    if _LOCAL_PART_TAIL.match(text, match.end("host")):
        return None  # the local part of an email address
    scheme = (match.group("scheme") or "").lower()
    path = _trim_path(match.group("path") or "")
    host_as_written = match.group("host")
    # "bella.com.Call me" ran a sentence into the domain: drop labels until it is valid.
    while "." in host_as_written and not (
        is_valid_domain(host_as_written) and not _is_title_case_tld(host_as_written)
    ):
        host_as_written = host_as_written.rsplit(".", 1)[0]
        path = ""
    host = host_as_written.lower()
    if not is_valid_domain(host):
        return None
    if not scheme and not host.startswith("www."):
        if host in EMAIL_PROVIDER_DOMAINS:
            return None
        if not _bare_domain_is_plausible(host.rsplit(".", 1)[1], bool(path.strip("/"))):
            return None
        if _is_email_domain(text, match.start()):
            return None
    return (scheme + host + (match.group("port") or "") + path)[:_MAX_URL_CHARS], host
