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
# A segment is a run of the characters a URL can hold, ended by white space or a character
# no path may contain (the characters _CANDIDATE's path excludes). Nothing the URL finder
# reads for a dot crosses a segment's ends, except the "bella at" check before a domain.
_SEGMENT_END = re.compile(r"[\s<>\"'`{}|\\^\[\]]")
_MAX_CACHED_SEGMENT_CHARS = 512
# How far back from a dot to look for its segment's start before reading back further:
# enough for almost every address, and reversing a short slice is cheap.
_SEGMENT_WINDOW_CHARS = 64
# "bella(a)gmail.com": a bracketed "a" is an "at" only glued to both parts: "(a)" also
# letters the items of lists.
EMAIL_GLUED_BRACKETED_ATS = ("(a)", "[a]")
_CANDIDATE = re.compile(
    r"(?P<scheme>[hH][tT][tT][pP][sS]?://)?"
    r"(?P<host>[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,10})"
    # A host followed by the rest of an email's local part ("name.al+lastname@foo.com",
    # "name.vn(a)foo.com") is no URL; neither ":" nor "/?#" can follow it then, so the port
    # and path are empty.
    r"(?:(?=[A-Za-z0-9._%+-]*(?:@|"
    + "|".join(map(re.escape, EMAIL_GLUED_BRACKETED_ATS))
    + r"))(?P<email_local_part>)"
    r"|(?P<port>:[0-9]{1,5})?"
    r"(?P<path>[/?#][^\s<>\"'`{}|\\^\[\]]{0,2048})?)"
)
# Words that come before "at" without being an email's local part ("me at the hotel",
# "my page at bella.com"); shared with the email finder so both read "x at y.com" alike.
ORDINARY_WORDS_BEFORE_AT = frozenset(
    (
        "me us you him her them it i im we they she he here there home work anytime available "
        "call text txt sms message msg contact reach email mail e-mail find see meet stay "
        "located arrive look only up out in is am are be was now today tonight rates starting "
        "incall outcall hotel night noon and or the a an my your our this that pics photos "
        "page site website web online visit more profile info details reviews review "
        "escribeme escríbeme contacto correo llamame llámame yo mi tu su en el la los las "
        "moi toi écris ecris contactez courriel com"
    ).split()
)
# "at" in an obfuscated email, as ads spell it: en, es/pt, fr, it, ru/uk, nl, pl, cs, hu,
# sv/da, de, el (with and without its accent, which Greek capitals drop), th ("แอท", "at"
# in Thai letters).
EMAIL_AT_WORDS = (
    *"at arroba arobase chiocciola собака собачка apenstaartje małpa malpa zavináč kukac "
    "snabel-a klammeraffe arond chez ät アットマーク アット παπάκι παπακι แอท".split(),
    "a còng",  # vi: the name of "@"
)
# The words for "at" that are also everyday words ("meet me at the hotel", "chez moi"):
# after them an ordinary word is no local part (see ORDINARY_WORDS_BEFORE_AT).
AMBIGUOUS_EMAIL_AT_WORDS = frozenset({"at", "chez"})
_REVERSED_AT_WORDS = "|".join(word[::-1] for word in EMAIL_AT_WORDS)
# The URL's host is the domain part of an obfuscated email ("bella at mysite.com"); matched
# on the reversed text before the host, so the cost is that of the few characters read.
_REVERSED_LOCAL_THEN_AT = re.compile(
    r"[ \t]{0,3}(?:(?:" + _REVERSED_AT_WORDS + r")[ \t]{1,3}"
    r"|[\)\]\}>][ \t]{0,2}(?:@|" + _REVERSED_AT_WORDS + r")[ \t]{0,2}[\(\[\{<][ \t]{0,3}"
    r"|" + "|".join(re.escape(glued[::-1]) for glued in EMAIL_GLUED_BRACKETED_ATS) + r")"
    r"(?P<local>[A-Za-z0-9._%+-]{1,64})",
    re.IGNORECASE,
)
_TRAILING_PUNCTUATION = ".,;:!?'\"*-"
_BRACKETS = {")": "(", "]": "["}
# A URL candidate: (URL, lowercase host, start of a bare domain to check for "bella at"
# before it, or -1), positions relative to its segment.
_Candidate = Tuple[str, str, int]


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
    # Every host has a "." before a letter: most ads have none, and one search says so.
    first_dot = _DOT_BEFORE_LETTER.search(text)
    if first_dot is None:
        return ()
    # Read a segment at a time (see _SEGMENT_END); a segment's candidates do not depend on the
    # text around it, so ads repeating an address or site reuse the work.
    found_by_segment: List[Tuple[int, Tuple[_Candidate, ...]]] = []
    dots_read = 0
    segment_end = 0
    dot: Optional[re.Match[str]] = first_dot
    while dot is not None:
        dot_at = dot.start()
        # The segment's start, read backwards (a reversed slice) from the dot: a short
        # window first, all of the text after the previous segment when that is not enough.
        window_start = max(segment_end, dot_at - _SEGMENT_WINDOW_CHARS)
        end_before = _SEGMENT_END.search(text[window_start:dot_at][::-1])
        if end_before is None and window_start > segment_end:
            end_before = _SEGMENT_END.search(text[segment_end:dot_at][::-1])
        segment_start = dot_at - end_before.start() if end_before else segment_end
        end_after = _SEGMENT_END.search(text, dot_at)
        segment_end = end_after.start() if end_after else len(text)
        segment = text[segment_start:segment_end]
        if len(segment) <= _MAX_CACHED_SEGMENT_CHARS:
            dots, candidates = _candidates_in_short_segment(segment)
        else:
            dots, candidates = _candidates_in_text(segment)
        dots_read += dots
        if dots_read > _MAX_CANDIDATES:
            # The cap counts dots over the whole text, so read it whole, as one segment.
            return _reported(text, [(0, _candidates_in_text(text)[1])], own_site)
        if candidates:
            found_by_segment.append((segment_start, candidates))
        dot = _DOT_BEFORE_LETTER.search(text, segment_end)
    return _reported(text, found_by_segment, own_site) if found_by_segment else ()


def _reported(
    text: str,
    found_by_segment: List[Tuple[int, Tuple[_Candidate, ...]]],
    own_site: Optional[str],
) -> Tuple[str, ...]:
    """The URLs of the candidates that are no email domain and not the ad's own site."""
    # Worked out only once a URL is found: most ads have none, and every ad's site differs.
    own_host = host_of(own_site).removeprefix("www.") if own_site else ""
    found: List[str] = []
    for segment_start, candidates in found_by_segment:
        for url, host, email_check_start in candidates:
            if email_check_start >= 0 and _is_email_domain(text, segment_start + email_check_start):
                continue
            if not _is_own_site(host, own_host) and url not in found:
                found.append(url)
    return tuple(found)


def _candidates_in_text(text: str) -> Tuple[int, Tuple[_Candidate, ...]]:
    """(dots read, up to one past the cap; URL candidates) of ``text``, own site not checked."""
    candidates: List[_Candidate] = []
    covered = 0
    dots_read = 0
    # A loop of searches: cheaper than finditer for the one or two dots of most segments.
    dot = _DOT_BEFORE_LETTER.search(text)
    while dot is not None:
        if dots_read >= _MAX_CANDIDATES:
            return dots_read + 1, tuple(candidates)  # hostile text: a real ad never has this many
        dots_read += 1
        dot_at = dot.start()
        dot = _DOT_BEFORE_LETTER.search(text, dot_at + 2)
        if dot_at < covered:
            continue
        # Where the host (or its scheme) around the dot starts. Never walk back over text
        # already read (keeps "a.a.a.a..." linear); str.rstrip/lstrip walk over the host
        # characters in C, not one Python step each.
        before_dot = text[max(covered, dot_at - _MAX_DOMAIN_CHARS) : dot_at]
        host_run = before_dot[len(before_dot.rstrip(_HOST_CHAR_STRING)) :]
        start = dot_at - len(host_run.lstrip(".-"))
        covered = dot_at + 1
        if start > 0:
            char_before = text[start - 1]
            if char_before == "/":  # every scheme ends with "/"
                scheme_start = _scheme_start(text, start)
                if scheme_start is None:
                    continue  # a path segment
                start = scheme_start
            elif char_before in "_@#$":
                continue  # an email domain, a hashtag or a cashtag
        match = _CANDIDATE.match(text, start)
        if match is None:
            continue
        if match.end() > covered:
            covered = match.end()
        if match.group("email_local_part") is None:
            candidate = _url_of(match)
            if candidate is not None:
                candidates.append(candidate)
    return dots_read, tuple(candidates)


# Ads repeat their addresses and sites; a segment is at most a few hundred characters.
_candidates_in_short_segment = lru_cache(maxsize=4096)(_candidates_in_text)


def _scheme_start(text: str, host_start: int) -> Optional[int]:
    """Where the "http://" or "https://" just before ``host_start`` starts, or None."""
    for scheme in _SCHEMES:
        if text[max(0, host_start - len(scheme)) : host_start].lower() == scheme:
            return host_start - len(scheme)
    return None


def _is_email_domain(text: str, start: int) -> bool:
    """True after "bella at" / "bella (at)", unless the word before "at" is an ordinary one."""
    before = _REVERSED_LOCAL_THEN_AT.match(text[max(0, start - 90) : start][::-1])
    if before is None:
        return False
    return before.group("local")[::-1].lower() not in ORDINARY_WORDS_BEFORE_AT


def _url_of(match: re.Match[str]) -> Optional[_Candidate]:
    """(URL, lowercase host, where to check for "bella at" or -1) of a candidate that is no
    email's local part, or None when it is no URL (own site not checked)."""
    host_as_written = match.group("host")
    # Only a listed TLD can end the host, however many labels are dropped below; most
    # candidates ("bella.vip91 at ...", "10.30am") have none.
    if TOP_LEVEL_DOMAINS.isdisjoint(host_as_written.lower().split(".")[1:]):
        return None
    scheme = (match.group("scheme") or "").lower()
    path = _trim_path(match.group("path") or "")
    # "bella.com.Call me" ran a sentence into the domain: drop labels until it is valid.
    while "." in host_as_written and not (
        is_valid_domain(host_as_written) and not _is_title_case_tld(host_as_written)
    ):
        host_as_written = host_as_written.rsplit(".", 1)[0]
        path = ""
    host = host_as_written.lower()
    if not is_valid_domain(host):
        return None
    email_check_start = -1
    if not scheme and not host.startswith("www."):
        if host in EMAIL_PROVIDER_DOMAINS:
            return None
        if not _bare_domain_is_plausible(host.rsplit(".", 1)[1], bool(path.strip("/"))):
            return None
        # Whether "bella at" comes before depends on the text around, checked by the caller.
        email_check_start = match.start()
    url = (scheme + host + (match.group("port") or "") + path)[:_MAX_URL_CHARS]
    return url, host, email_check_start
