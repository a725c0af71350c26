"""URLs and bare domains: TLD validation, normalisation, own-site and email exclusion.

Cases marked "twitter-text" come from twitter/twitter-text conformance/extract.yml (urls,
Apache-2.0; ../shared/vectors/handles/twitter-text/), with hosts lowercased as we report them.
"""

from __future__ import annotations

from typing import Optional, Tuple

import pytest
from fragments import mixed_text
from hypothesis import given, settings
from hypothesis import strategies as st

from htintel.extract import urls as urls_module
from htintel.extract.urls import TOP_LEVEL_DOMAINS, find_urls, host_of, is_valid_domain


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("see www.Bella.com/pics.", ("www.bella.com/pics",)),
        ("HTTPS://WWW.Example.COM/Gallery?id=7).", ("https://www.example.com/Gallery?id=7",)),
        ("http://example.com:8080/a", ("http://example.com:8080/a",)),
        ("visit sweetbella.com/gallery, or amber.net!", ("sweetbella.com/gallery", "amber.net")),
        ("x.com/path and x.com/path", ("x.com/path",)),
        (
            "(http://en.wikipedia.org/wiki/Primer_(film))",
            ("http://en.wikipedia.org/wiki/Primer_(film)",),
        ),
        ("bella.com.Call me", ("bella.com",)),
        ("new site: rosas-vip.com.mx", ("rosas-vip.com.mx",)),
        # twitter-text
        (
            "foo.com foo.net foo.org foo.edu foo.gov",
            ("foo.com", "foo.net", "foo.org", "foo.edu", "foo.gov"),
        ),
        (
            "foo.baz foo.co.jp www.xxxxxxx.baz www.foo.co.uk wwwww.xxxxxxx foo.comm foo.somecom foo.govedu foo.jp",
            ("foo.co.jp", "www.foo.co.uk", "foo.jp"),
        ),
        ("t.co/abcde bit.ly/abcde", ("t.co/abcde", "bit.ly/abcde")),
        ("Find my page at name.al-lastname.com", ("name.al-lastname.com",)),
        ("MLB.tv vine.co twitch.tv t.co", ("mlb.tv", "vine.co", "twitch.tv", "t.co")),
        ("Test a ton of periods http://example.com/path..........", ("http://example.com/path",)),
        ("test http://www.foo.org.za/foo/bar/688.1", ("http://www.foo.org.za/foo/bar/688.1",)),
    ],
)
def test_urls_and_bare_domains_are_normalised(text: str, expected: Tuple[str, ...]) -> None:
    assert find_urls(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "e.g. this, i.e. that",
        "see file.txt and photo.jpg",
        "34.24.36 and 1.5 hours, $1.500",
        "town.Call me",  # a sentence without a space, not a domain
        "baby.love",  # a long generic TLD is a word unless written as a URL
        "archive.zip",
        "#test.com $t.co",
        # twitter-text
        "Email me at name.al-lastname@foo.com or name.al+lastname@foo.com",
        "long.test.tar.bz2 test.tar.bz2 tar.bz2",
        "john.doe.gov@mail.com",
        "email dubai.model.vn(a)gmail.com",  # the local part of "(a)" glued, an email
        "text http://no-tld",
        "test http://twitter-.com",
        "",
    ],
)
def test_words_files_numbers_and_emails_are_not_urls(text: str) -> None:
    assert find_urls(text) == ()


@pytest.mark.parametrize(
    "text",
    [
        "bella at mysite.com",
        "bella (at) mysite.com",
        "bella arroba gmail.com",
        "ola małpa wp.pl",
        "write to gmail.com or yahoo.com",
    ],
)
def test_email_domains_are_not_urls(text: str) -> None:
    assert find_urls(text) == ()


@pytest.mark.parametrize(
    ("own_site", "text", "expected"),
    [
        (
            "https://www.example.com/ad/1",
            "example.com and www.example.com/x and other.com",
            ("other.com",),
        ),
        (
            "melbourne.example.com",
            "sydney.example.com/ad, example.com, friend.org",
            ("sydney.example.com/ad", "friend.org"),
        ),
        ("example.com", "https://m.example.com/x notexample.com", ("notexample.com",)),
        (None, "example.com", ("example.com",)),
    ],
)
def test_the_ads_own_site_and_its_subdomains_are_left_out(
    own_site: Optional[str], text: str, expected: Tuple[str, ...]
) -> None:
    assert find_urls(text, own_site) == expected


@pytest.mark.parametrize(
    ("site", "host"),
    [
        ("https://WWW.X.com:80/a?b#c", "www.x.com"),
        ("melbourne.example.com", "melbourne.example.com"),
        ("http://user@site.org/", "site.org"),
    ],
)
def test_host_of_a_url_or_host(site: str, host: str) -> None:
    assert host_of(site) == host


@pytest.mark.parametrize(
    ("domain", "valid"),
    [
        ("example.com", True),
        ("a-b.co.uk", True),
        ("xn--p1ai.xn--p1ai", True),
        ("-a.com", False),
        ("a-.com", False),
        ("example.notatld", False),
        ("com", False),
        ("a..com", False),
    ],
)
def test_domain_syntax(domain: str, valid: bool) -> None:
    assert is_valid_domain(domain) is valid


def test_tld_list_is_shipped_and_covers_generic_country_and_idn_tlds() -> None:
    assert {"com", "uk", "io", "xxx", "xn--p1ai"} <= TOP_LEVEL_DOMAINS
    assert not {"txt", "jpg", "g", "e"} & TOP_LEVEL_DOMAINS


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300), st.one_of(st.none(), st.text(max_size=40)))
def test_arbitrary_text_never_raises(text: str, own_site: Optional[str]) -> None:
    assert isinstance(find_urls(text, own_site), tuple)


_FRAGMENTS = st.sampled_from(
    [
        "http://",
        "www.",
        "bella",
        ".com",
        ".co.uk",
        "/pics",
        ".",
        " ",
        "@",
        "x.com",
        "?a=1",
        ")",
        "e.g",
        "file.txt",
        "Call",
    ]
)


@settings(max_examples=300, deadline=None)
@given(mixed_text(_FRAGMENTS, 6, 12))
def test_extraction_is_idempotent(text: str) -> None:
    found = find_urls(text)
    assert find_urls(" ".join(found)) == found


def _find_urls_reading_the_text_whole(text: str, own_site: Optional[str] = None) -> tuple:
    """The finder without segments: one pass over the whole text, what segments must give."""
    return urls_module._reported(text, [(0, urls_module._candidates_in_text(text)[1])], own_site)


# Segment ends (white space and the characters no path holds), a walk back longer than the
# first window, segments too long to cache, the dot cap, "at" before a domain in another
# segment, schemes and email domains at a segment's start.
_SEGMENT_EDGE_CASES = [
    "x@a.b.com",
    "x@mail.co.uk hi",
    "bella at mysite.com",
    "bella (at) mysite.com and me at home.com",
    "write to bella\tat\tsite.co",
    "<http://bella.com/a>b.com",
    '"www.x.com"[y.io]{z.co}|q.me\\w.tv^k.ru`l.fr',
    "http://" + "a" * 100 + ".com/x",
    "a" * 70 + "-" + "b" * 70 + ".com",
    "x" * 300 + "/bella.com " + "y" * 300 + ".com",
    "https://bella.com/" + "p" * 600 + " site.io/x",
    "a.b " * 300 + "bella.com",
    "a.b" * 501 + " bella.com",
    " ".join(f"s{i}.com" for i in range(510)),
    "see bella.com\u00a0and\u3000x.io\u2028y.tv",
    "Email bella.vip91@mail.ru IG @bella t.me/bella www.Bella.COM/pics).",
    "/bella.com path/x.io #tag.com $cash.com _u.com @h.com",
    "https://HTTP://x.com",
    "bella.com.Call me at home.",
]


@pytest.mark.parametrize("text", _SEGMENT_EDGE_CASES)
@pytest.mark.parametrize("own_site", [None, "https://www.bella.com/ad/1"])
def test_reading_segment_by_segment_finds_what_reading_the_whole_text_finds(
    text: str, own_site: Optional[str]
) -> None:
    assert find_urls(text, own_site) == _find_urls_reading_the_text_whole(text, own_site)


_SEGMENT_FRAGMENTS = st.sampled_from(
    [
        "http://",
        "https://",
        "www.",
        "bella",
        ".com",
        ".co.uk",
        ".Call",
        "/pics",
        ".",
        " ",
        "\n",
        "@",
        " at ",
        "(at)",
        "x.com",
        "?a=1",
        ")",
        "<",
        '"',
        "|",
        "-",
        "_",
        "#",
        "a" * 70,
        "é",
    ]
)


@settings(max_examples=400, deadline=None)
@given(mixed_text(_SEGMENT_FRAGMENTS, 6, 30))
def test_reading_segment_by_segment_matches_the_whole_text_on_any_text(text: str) -> None:
    assert find_urls(text) == _find_urls_reading_the_text_whole(text)
