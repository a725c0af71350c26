"""Email addresses: plain, obfuscated in several languages, provider shorthand, negatives.

Syntax cases come from dominicsayers/isemail test/tests.xml (BSD-3-Clause), stored in
../shared/vectors/email/isemail/.
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from typing import List, Tuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from htintel.extract.emails import PROVIDER_DOMAINS, find_emails, is_valid_address
from htintel.extract.urls import TOP_LEVEL_DOMAINS

ISEMAIL_TESTS = os.path.join(
    os.path.dirname(os.path.abspath(__file__)),
    *("..", "..", "..", "..", "shared", "vectors", "email", "isemail", "tests.xml"),
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Contact Bella.Rose@Gmail.com now", ("bella.rose@gmail.com",)),
        ("mail: amber_22+ads@mail.example.co.uk.", ("amber_22+ads@mail.example.co.uk",)),
        ("a@b.com a@b.com", ("a@b.com",)),
        ("first x@site.org then y@site.org", ("x@site.org", "y@site.org")),
    ],
)
def test_plain_addresses_come_back_lowercase_in_order_without_duplicates(
    text: str, expected: Tuple[str, ...]
) -> None:
    assert find_emails(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("bella(at)gmail(dot)com", "bella@gmail.com"),
        ("bella [at] gmail [dot] com", "bella@gmail.com"),
        ("bella {at} gmail {dot} com", "bella@gmail.com"),
        ("bella <at> yahoo <dot> co <dot> uk", "bella@yahoo.co.uk"),
        ("bella (@) hotmail.com", "bella@hotmail.com"),
        ("bella dot rose at gmail dot com", "bella.rose@gmail.com"),
        ("BELLA DOT ROSE AT GMAIL DOT COM", "bella.rose@gmail.com"),
        ("sexy_amy at yahoo.com", "sexy_amy@yahoo.com"),
        ("bella @ gmail . com", "bella@gmail.com"),
        ("bella22 @gmail.com", "bella22@gmail.com"),
        ("b e l l a @ g m a i l . c o m", "bella@gmail.com"),
        ("write: k i t t y 2 2 @ y a h o o . c o m I reply fast", "kitty22@yahoo.com"),
    ],
)
def test_english_obfuscations_are_undone(text: str, expected: str) -> None:
    assert find_emails(text) == (expected,)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("escríbeme: valentina arroba gmail punto com", "valentina@gmail.com"),  # es
        ("maria.silva arroba hotmail ponto com", "maria.silva@hotmail.com"),  # pt
        ("chloe arobase orange point fr", "chloe@orange.fr"),  # fr
        ("giulia chiocciola libero punto it", "giulia@libero.it"),  # it
        ("lena at web punkt de", "lena@web.de"),  # de
        ("anna собака mail точка ru", "anna@mail.ru"),  # ru
        ("jan apenstaartje ziggo punt nl", "jan@ziggo.nl"),  # nl
        ("ola małpa wp kropka pl", "ola@wp.pl"),  # pl
        ("eva kukac freemail pont hu", "eva@freemail.hu"),  # hu
    ],
)
def test_at_and_dot_words_of_other_languages_are_undone(text: str, expected: str) -> None:
    assert find_emails(text) == (expected,)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("gmail: bella.rose22", "bella.rose22@gmail.com"),
        ("Gmail - sweetkitty. Call me", "sweetkitty@gmail.com"),
        ("yahoo= amber_x", "amber_x@yahoo.com"),
        ("kitty22 on gmail", "kitty22@gmail.com"),
        ("valeria88 en hotmail", "valeria88@hotmail.com"),
        ("email bella at gmail", "bella@gmail.com"),
        ("bella22 at ICLOUD", "bella22@icloud.com"),
        ("bella@gmail", "bella@gmail.com"),
    ],
)
def test_well_known_providers_written_without_domain_get_theirs(text: str, expected: str) -> None:
    assert find_emails(text) == (expected,)


@pytest.mark.parametrize(
    "text",
    [
        "meet me at the hotel dot com",
        "meet me at hotel dot com",
        "call me at 555-1234, available at 9pm",
        "I'm at home tonight, text me",
        "stay at Hilton.com",
        "find me on gmail",
        "IG @bella.love",  # a handle, not an address
        "kik @ bella",
        "bella@localhost",
        "bella@site.notatld",
        "x@" + "y" * 70 + ".com",  # label longer than 63
        "gmail: bella@yahoo.com is my only address",  # the explicit address wins
        "e.g. file.txt",
        "",
    ],
)
def test_things_that_are_not_addresses_are_not_reported(text: str) -> None:
    assert "bella@gmail.com" not in find_emails(text)
    if "yahoo.com" in text:
        assert find_emails(text) == ("bella@yahoo.com",)
    else:
        assert find_emails(text) == ()


def test_a_sentence_run_into_the_domain_is_cut_off() -> None:
    assert find_emails("Email bella@gmail.com.Call me") == ("bella@gmail.com",)


def _isemail_cases() -> List[Tuple[str, str, str]]:
    root = ET.parse(ISEMAIL_TESTS).getroot()
    cases = []
    for test in root.findall("test"):
        address = test.findtext("address") or ""
        # The file writes control characters as U+2400 + code point (see its header note).
        address = "".join(chr(ord(c) - 0x2400) if 0x2400 <= ord(c) < 0x2420 else c for c in address)
        cases.append((test.get("id") or "", address, test.findtext("category") or ""))
    return cases


def _expected_validity(address: str, category: str) -> bool:
    """Valid for us: isemail calls it valid (or valid without DNS), it is a plain dot-atom
    address, and its domain has two or more labels with a listed TLD."""
    if category not in ("ISEMAIL_VALID_CATEGORY", "ISEMAIL_DNSWARN"):
        return False
    domain = address.rpartition("@")[2]
    return "." in domain and domain.rsplit(".", 1)[1].lower() in TOP_LEVEL_DOMAINS


@pytest.mark.parametrize(
    ("test_id", "address", "category"), _isemail_cases(), ids=lambda value: value[:30]
)
def test_isemail_vectors_validity(test_id: str, address: str, category: str) -> None:
    assert is_valid_address(address) is _expected_validity(address, category)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_never_raises(text: str) -> None:
    assert isinstance(find_emails(text), tuple)


_FRAGMENTS = st.sampled_from(
    [
        " at ",
        " AT ",
        "(at)",
        "@",
        " dot ",
        "[dot]",
        ".",
        "gmail",
        "yahoo",
        " arroba ",
        "bella",
        "rose22",
        "com",
        " on ",
        ": ",
        " ",
        "b e l l a @ g m a i l . c o m",
        "x.y",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_FRAGMENTS, st.text(max_size=8)), max_size=12).map("".join))
def test_outputs_are_valid_and_extraction_is_idempotent(text: str) -> None:
    found = find_emails(text)
    assert all(is_valid_address(address) and address == address.lower() for address in found)
    assert find_emails(" ".join(found)) == found


def test_every_provider_name_contains_one_of_the_prefilter_hints() -> None:
    # _provider_addresses skips text without these substrings; a new provider must keep this.
    hints = ("mail", "yahoo", "outlook", "icloud", "aol", "gmx")
    assert all(any(hint in name for hint in hints) for name in PROVIDER_DOMAINS)
