"""Email addresses: plain, obfuscated in several languages, provider shorthand, negatives.

Syntax cases come from dominicsayers/isemail test/tests.xml (BSD-3-Clause), stored in
../shared/vectors/email/isemail/.
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from typing import List, Tuple

import pytest
from fragments import mixed_text
from hypothesis import given, settings
from hypothesis import strategies as st

from htintel.extract import emails
from htintel.extract.emails import PROVIDER_DOMAINS, find_emails, is_valid_address
from htintel.extract.urls import EMAIL_AT_WORDS, TOP_LEVEL_DOMAINS

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
        ("mejla lisa(snabel-a)hotmail.com", "lisa@hotmail.com"),  # sv, da
        ("lisa snabel-a hotmail punkt se", "lisa@hotmail.se"),  # sv
        ("anna klammeraffe web punkt de", "anna@web.de"),  # de
        ("mail masaj.tm arond yahoo punct ro", "masaj.tm@yahoo.ro"),  # ro
        ("Infos: contact(at)letriangle-paris.fr", "contact@letriangle-paris.fr"),  # bracketed
        ("email lan.anh(a)gmail.com", "lan.anh@gmail.com"),  # a bracketed "a", glued
        ("email lan.anh[a]gmail.com", "lan.anh@gmail.com"),
        ("email tuyendung.hoa [a còng] gmail.com", "tuyendung.hoa@gmail.com"),  # vi
        ("TUYEN.DUNG A CÒNG shopvn.vn", "tuyen.dung@shopvn.vn"),
        ("Mail: vienna.elegance ät gmx punkt at", "vienna.elegance@gmx.at"),  # de joke spelling
        ("✉ kaigai.work2025 アット gmail.com まで", "kaigai.work2025@gmail.com"),  # ja
        ("お問い合わせ: fukuoka.kyujin アットマーク gmail.com まで", "fukuoka.kyujin@gmail.com"),
        ("par mail lucia.bxl chez gmail point com", "lucia.bxl@gmail.com"),  # fr
        ("robota.pl собачка ukr крапка net", "robota.pl@ukr.net"),  # uk
        ("email: bar.thess παπάκι gmail τελεία com", "bar.thess@gmail.com"),  # el
        ("EMAIL: BAR.THESS ΠΑΠΑΚΙ GMAIL ΤΕΛΕΙΑ COM", "bar.thess@gmail.com"),  # el, no accents
        ("ส่งรูปมาที่ pretty.event.bkk แอท gmail ดอท com", "pretty.event.bkk@gmail.com"),  # th
        ("ติดต่อ job.bkk แอท agency ดอท co ดอท th", "job.bkk@agency.co.th"),
        # An unambiguous word for "at" needs no unusual local part ("info", "contacto").
        ("naar info apenstaartje barantwerpen punt be", "info@barantwerpen.be"),
        ("contacto arroba clubmadrid punto es", "contacto@clubmadrid.es"),
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
        ("Mail naar vacature.salon op gmail punt com", "vacature.salon@gmail.com"),  # nl
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
        "k a y l a . s e a t t l e @ proton . me",  # not "e@proton.me"
        "meet me at hotel dot com",
        "see more info at mysite dot com",  # "info" before a bare "at" is no local part
        "Check my reviews at TER dot com, I'm verified",
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
        "Email: AMBER ROSE 22 AT GMAIL DOT COM",  # "22" is the tail of a spaced local part
        "email bella rose xx at gmail dot com",  # "xx" too
        "bella 2024 (at) gmail (dot) com",
        "アットホームな職場です bella gmail.com",  # "at home", one word
        "Bella hät gmail.com",  # Swiss German "hät" (has)
        "dispo chez moi point final",  # "chez moi": at my place
        "Instagram @ bella.to",  # a platform's handle
        "",
    ],
)
def test_things_that_are_not_addresses_are_not_reported(text: str) -> None:
    assert "bella@gmail.com" not in find_emails(text)
    if "yahoo.com" in text:
        assert find_emails(text) == ("bella@yahoo.com",)
    else:
        assert find_emails(text) == ()


def test_a_phone_number_written_before_at_is_a_local_part() -> None:
    assert find_emails("email 7025550141 at gmail dot com") == ("7025550141@gmail.com",)


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
@given(mixed_text(_FRAGMENTS, 8, 12))
def test_outputs_are_valid_and_extraction_is_idempotent(text: str) -> None:
    found = find_emails(text)
    assert all(is_valid_address(address) and address == address.lower() for address in found)
    assert find_emails(" ".join(found)) == found


def test_every_provider_name_contains_one_of_the_prefilter_hints() -> None:
    # _provider_addresses skips text without these substrings; a new provider must keep this.
    hints = ("mail", "yahoo", "outlook", "icloud", "aol", "gmx")
    assert all(any(hint in name for hint in hints) for name in PROVIDER_DOMAINS)


# The gate find_emails applies to text without "@" may only skip text that holds no
# address: emails._addresses_in is the search without it.
_TRICKY_FOR_THE_GATE = [
    "bella at gmail dot com",
    "BELLA AT GMAIL DOT COM",
    "bella\tat\tweb\tpunkt\tde",
    "at gmail.com",
    "bella (at) web (dot) de",
    "bella [ at ] web [ . ] de",
    "bella at web(.)de",
    "bella at web . de",
    "bella at web.De",
    "bella at web.\u212a",  # Kelvin sign: lowercases to "k"
    "bella at web.\u0130t",  # "İ": lowercases to "i" and a combining dot
    "bella at web po\u0131nt de",  # dotless "ı": a case-insensitive regex takes it for "i"
    "bella at web pun\u212at de",
    "bella at gmai\u0131",
    "\u212aukac",
    "bella GMAIL",
    "gmail: bella22",
    "GMail - bella22",
    "bella22 on Hotmail",
    "€gmail: bella22",
    "bellaégmail: bella22",
    "anna СОБАКА mail ТОЧКА ru",
    "anna Собака yandex Точка ru",
    "anna собака yandex т\u1c82чка ru",  # narrow "ᲂ": a case-insensitive regex takes it for "о"
    "ola MAŁPA wp KROPKA pl",
    "eva ZAVINÁČ seznam TEČKA cz",
    "eva zavináč seznam tečka cz",
    "jan APENSTAARTJE ziggo PUNT nl",
    "giulia CHIOCCIOLA libero PUNTO it",
    "valentina ARROBA gmail PUNTO com",
    "chloe AROBASE orange POINT fr",
    "eva KUKAC freemail PONT hu",
    "Привет, я Анна. Звоните в любое время.",
    "新到美女 微信号：lovely_88",
    "meet me at the hotel dot com",
    "bella at 9pm",
    "lisa(snabel-a)hotmail.com",
    "lan.anh(a)gmail.com",
    # "(a)" letters list items: an address only when glued to both parts
    "requisitos: (a) pasaporte.com (b) visa",
    "option (a) gmail.com",
    "bella (a)gmail.com",
    "bella(a) gmail.com",
]


@pytest.mark.parametrize("text", _TRICKY_FOR_THE_GATE)
def test_the_gate_skips_only_text_without_addresses(text: str) -> None:
    assert find_emails(text) == emails._addresses_in(text)


_GATE_FRAGMENTS = st.sampled_from(
    [
        *_TRICKY_FOR_THE_GATE,
        "\u212a",
        "\u0130",
        "\u0131",
        "\u017f",
        "\u1c82",
        " AT ",
        "(AT)",
        "At",
        " DOT ",
        "(.)",
        " . ",
        ".",
        "Gmail",
        "YAHOO",
        "Собака",
        "Точка",
        "Крапка",
        "ΠΑΠΆΚΙ",
        " παπακι ",
        "Τελεία",
        " info ",
        "Ł",
        "Č",
        "é",
        "€",
        "\t",
        "\n",
    ]
)


@settings(max_examples=400, deadline=None)
@given(mixed_text(_GATE_FRAGMENTS, 5, 10))
def test_the_gate_never_changes_what_is_found(text: str) -> None:
    assert find_emails(text) == emails._addresses_in(text)


def test_the_gate_knows_every_non_ascii_character_that_can_pass_for_an_ascii_letter() -> None:
    # The gate reads only the ASCII characters of non-ASCII text; these are the characters
    # that lowercase to an ASCII letter or that a case-insensitive regex takes for one.
    ascii_letter = re.compile("[a-z]", re.IGNORECASE)
    lookalikes = {
        character
        for character in map(chr, range(0x80, 0x110000))
        if any(c.isascii() for c in character.lower()) or ascii_letter.fullmatch(character)
    }
    assert lookalikes == set(emails._ASCII_LOOKALIKES)


def test_each_letter_looked_for_first_is_in_its_word() -> None:
    # A letter missing from its word would make find_emails skip that word for good.
    searches = [*emails._PROVIDER_HINT_SEARCHES, *emails._OTHER_ASCII_AT_SEARCHES]
    assert all(letter in word for letter, word in searches)
    assert set(emails._PROVIDER_HINT_LETTERS) == set(emails._PROVIDER_HINTS)
    assert all(letter in hint for hint, letter in emails._PROVIDER_HINT_LETTERS.items())
    ascii_at_words = {word for word in EMAIL_AT_WORDS if word.isascii()} - {"at", "malpa"}
    for word in ascii_at_words:  # "at" and "malpa" have searches of their own
        assert any(hint in word for _, hint in emails._OTHER_ASCII_AT_SEARCHES)


def test_the_gate_knows_the_ascii_letters_of_each_latin_word_for_at_and_dot() -> None:
    latin_words = [w for w in EMAIL_AT_WORDS if not w.isascii() and "a" <= w[0] <= "z"]
    at_runs = {"".join(c for c in word if c.isascii()) for word in latin_words}
    assert at_runs == set(emails._LATIN_AT_WORD_ASCII_RUNS)
    ma_words = ("mail", "malpa", emails._MALPA_ASCII_RUN)
    assert emails._MA_WORDS.findall(" ".join(ma_words)) == list(ma_words)
    latin_dot_words = [w for w in emails._DOT_WORDS.split("|") if not w.isascii() and w < "z"]
    dot_runs = {"".join(c for c in word if c.isascii()) for word in latin_dot_words}
    assert dot_runs == set(emails._LATIN_DOT_WORD_ASCII_RUNS)


def test_the_gate_covers_every_word_for_at_and_dot() -> None:
    for word in EMAIL_AT_WORDS:
        if word.isascii():
            covered = word in ("at", "malpa") or any(
                hint in word for _, hint in emails._OTHER_ASCII_AT_SEARCHES
            )
        elif "a" <= word[0] <= "z":
            covered = "".join(c for c in word if c.isascii()) in emails._LATIN_AT_WORD_ASCII_RUNS
        else:
            covered = (
                word.startswith(emails._CYRILLIC_AT_WORD_START)
                or word in emails._OTHER_AT_WORD_SPELLINGS
                or word[0] in emails._GREEK_AT_WORD_LETTERS
            )
        assert covered, word
    for word in emails._DOT_WORDS.split("|"):
        if word.isascii():
            assert any(hint in word for hint in emails._ASCII_DOT_WORD_HINTS), word
        elif "a" <= word[0] <= "z":
            assert "".join(c for c in word if c.isascii()) in emails._LATIN_DOT_WORD_ASCII_RUNS
        else:
            assert any(letter in word for letter in emails._DOT_PART_LETTERS), word


# The token shortcut (emails._address_at_token) reads an address from a cache keyed on the
# runs around the token; it must give what the full reading (_address_around_at) gives, for
# any text: above all where a separator, a lookalike or a window edge is next to the runs.
_TRICKY_FOR_THE_SHORTCUT = [
    "Email bella.rose@gmail.com IG @bella_rose",
    "bella@gmail.com dot uk",
    "bella@gmail.com. Call me",
    "bella@gmail . com",
    "bella@gmail   . com",
    "bella@gmail    . com",
    "bella@gmail(dot)com",
    "bella@gmail (dot) com",
    "bella@gmail [.] co [.] uk",
    "bella@gmail.com kik: bella",
    "bella@gmail.com Kropka pl",
    "bella@gmail.com \u212aropka pl",  # Kelvin sign: a regex takes it for "k"
    "bella@gmail.com \u1c84очка ru",  # tall "т": a regex takes it for "т"
    "bella@gmai\u0131.com",
    "bella@gmail.co\u212a",
    "\u017fbella@gmail.com",
    "rose dot bella@gmail.com",
    "rose DOT bella@gmail.com",
    "rose . bella@gmail.com",
    "rose    . bella@gmail.com",
    "rose(dot)bella@gmail.com",
    "rose (dot) bella@gmail.com",
    "rose точка bella@mail.ru",
    "Contact bella@gmail.com",
    "at bella@gmail.com",
    "bella @gmail.com",
    "bella    @gmail.com",
    "bella@    gmail.com",
    "bella@\tgmail.com",
    "IG @bella.love",
    "x" * 99 + "@gmail.com",
    "x" * 101 + "@gmail.com",
    "a " + "x" * 118 + "@gmail.com",
    "rose dot " + "x" * 100 + "@gmail.com",
    "bella@" + "x" * 99 + ".com",
    "bella@" + "x" * 101 + ".com",
    "bella(at)gmail.com and bella [at] yahoo dot com",
    "bella at gmail.com, kitty at yahoo.com",
    "a@b@gmail.com",
    "bella@gmail.com@yahoo.com",
    "\n@\n",
    "@",
]


def _tokens_agree(text: str) -> None:
    lowered = text.lower()
    if len(lowered) != len(text):
        text = lowered  # as _addresses_in does
    for token in emails._at_tokens(lowered):
        assert emails._address_at_token(text, *token) == emails._address_around_at(text, *token)


@pytest.mark.parametrize("text", _TRICKY_FOR_THE_SHORTCUT)
def test_the_token_shortcut_reads_what_the_full_reading_reads(text: str) -> None:
    _tokens_agree(text)


_SHORTCUT_FRAGMENTS = st.sampled_from(
    [
        *_TRICKY_FOR_THE_SHORTCUT,
        "@",
        " @ ",
        " at ",
        "(at)",
        "[ at ]",
        " arroba ",
        " dot ",
        " DOT ",
        " Punkt ",
        " точка ",
        " КРАПКА ",
        " τελεία ",
        " Παπάκι ",
        "(dot)",
        " . ",
        ".",
        " ",
        "    ",
        "\t",
        "\n",
        "(",
        ")",
        "<",
        ">",
        "-",
        "_",
        "%",
        "+",
        "bella",
        "Rose22",
        "gmail",
        "com",
        "Com",
        "kik",
        "t",
        "k",
        "x" * 60,
        *emails._ASCII_LOOKALIKES,
        "\u1c84",
        "\u1c85",
    ]
)


@settings(max_examples=500, deadline=None)
@given(mixed_text(_SHORTCUT_FRAGMENTS, 4, 12))
def test_the_token_shortcut_never_changes_an_address(text: str) -> None:
    _tokens_agree(text)


@pytest.mark.parametrize(
    ("letters", "words"),
    [
        (emails._DOT_WORD_FIRST_LETTERS, [word[0] for word in emails._DOT_WORDS.split("|")]),
        (emails._DOT_WORD_LAST_LETTERS, [word[-1] for word in emails._DOT_WORDS.split("|")]),
    ],
)
def test_the_shortcut_knows_every_character_a_word_for_dot_starts_or_ends_with(
    letters: str, words: List[str]
) -> None:
    # The shortcut tries the words for "dot" only after one of ``letters``.
    letter = re.compile("|".join(map(re.escape, words)), re.IGNORECASE)
    assert {chr(c) for c in range(0x110000) if letter.fullmatch(chr(c))} == set(letters)


def test_the_shortcut_runs_hold_what_a_case_insensitive_regex_reads() -> None:
    # _RUN_AFTER and _REVERSED_RUN_BEFORE spell out the letters [A-Za-z] takes under IGNORECASE.
    ignorecase = re.compile("[A-Za-z]", re.IGNORECASE)
    spelled_out = re.compile("[" + emails._IGNORECASE_LETTERS + "]")
    for c in map(chr, range(0x110000)):
        assert bool(ignorecase.fullmatch(c)) == bool(spelled_out.fullmatch(c)), c


@pytest.mark.parametrize(
    "text",
    [
        "requisitos: (a) pasaporte.com (b) visa",
        "option (a) gmail.com",
        "bella (a)gmail.com",
        "bella(a) gmail.com",
        "(a)",
    ],
)
def test_a_bracketed_a_with_a_space_on_either_side_is_no_at(text: str) -> None:
    assert find_emails(text) == ()
