"""The shared de-obfuscation layer: normalisation and spelled/look-alike digits."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from htintel.extract import deobfuscate, numbers


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("６１７－５５５", "617-555"),  # fullwidth
        ("①②③", "123"),  # circled
        ("❶❷❸ ➊➋", "123 12"),  # dingbat circled, no NFKC form
        ("𝟔𝟏𝟕", "617"),  # mathematical bold
        ("1️⃣2️⃣3️⃣", "123"),  # emoji keycaps
        ("🔟", "10"),
        ("6\u200b1\u200c7\u2060", "617"),  # zero-width characters
        ("6\u00ad1\ufeff7", "617"),  # soft hyphen, BOM
        ("٦١٧", "617"),  # Arabic-Indic digits
        ("๐๘๑", "081"),  # Thai digits
        ("ᴛᴡᴏ", "two"),  # small capitals
        ("ｂｅｌｌａ＠ｇｍａｉｌ．ｃｏｍ", "bella@gmail.com"),
        ("plain ascii text", "plain ascii text"),
        ("a\x00b\x07c", "a b c"),  # control characters split, never join
    ],
)
def test_normalize_maps_disguised_characters_to_ascii(raw, expected):
    assert deobfuscate.normalize(raw) == expected


def test_normalize_replaces_lone_surrogates():
    assert deobfuscate.normalize("617\ud800555") == "617\ufffd555"


def test_normalize_caps_text_at_the_next_whitespace_after_the_limit():
    text = "a" * 95 + " 6175550123 tail"
    assert deobfuscate.normalize(text, max_chars=100) == "a" * 95 + " 6175550123"


def test_normalize_cap_never_runs_far_past_the_limit():
    text = "x" * 10_000
    assert len(deobfuscate.normalize(text, max_chars=100)) == 100 + deobfuscate.CAP_SLACK_CHARS


@pytest.mark.parametrize(
    ("language", "text", "digits"),
    [
        ("en", "six one seven five five five zero one two three", "6175550123"),
        ("en", "twenty-three", "23"),
        ("en", "five fifty five", "555"),
        ("en", "one eight hundred", "1800"),
        ("en", "double five triple zero", "55000"),
        ("es", "seis uno siete cinco cinco cinco", "617555"),
        ("es", "noventa y nueve", "99"),
        ("es", "cincuenta y cinco, doce", "5512"),
        ("es", "veintitrés", "23"),
        ("es", "seiscientos doce", "612"),
        ("fr", "cinquante-six", "56"),
        ("fr", "soixante-dix-huit", "78"),
        ("fr", "quatre-vingt-dix-neuf", "99"),
        ("fr", "quatre-vingts", "80"),
        ("fr", "vingt et un", "21"),
        ("fr", "soixante et onze", "71"),
        ("fr", "zéro six, douze, trente-quatre", "061234"),
        ("fr", "zero six douze", "0612"),  # accents dropped
        ("pt", "vinte e três", "23"),
        ("pt", "nove um dois três", "9123"),
        ("pt", "oito sete meia cinco", "8765"),  # Brazilian "meia" = 6
        ("pt", "dezesseis", "16"),
        ("ru", "восемь девятьсот", "8900"),
        ("ru", "девятьсот двадцать три", "923"),
        ("ru", "сто двадцать три сорок пять", "12345"),
        ("zh", "一三八一二三四五六七八", "13812345678"),
        ("zh", "幺三七〇零", "13700"),
        ("zh", "二十三", "23"),
        ("zh", "十三", "13"),
        ("zh", "壹叁玖", "139"),
        ("de", "null eins fünf eins", "0151"),
        ("de", "zwo drei vier", "234"),
        ("de", "dreiundzwanzig", "23"),
        ("it", "tre tre otto nove", "3389"),
        ("it", "ventitré", "23"),
        ("it", "ventotto", "28"),
        ("vi", "không chín một hai", "0912"),
        ("tl", "sero siyam isa pito", "0917"),
        ("ko", "공일공 구팔칠육", "010 9876"),
        ("th", "ศูนย์แปดหนึ่ง", "081"),
    ],
)
def test_spelled_digits_join_into_one_number(language, text, digits):
    assert deobfuscate.digitize(deobfuscate.normalize(text)).replace(" ", "") == digits.replace(
        " ", ""
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("six one 7 - 5five5 - O1 23", "61 7 - 555 - 01 23"),
        ("call 617 555 o123", "call 617 555 0123"),
        ("6l7", "617"),
        ("4I5", "415"),
        ("6|7", "617"),
        ("617|555|0123", "617-555-0123"),
        ("8-903-123-4О-5О", "8-903-123-40-50"),  # Cyrillic О
    ],
)
def test_lookalike_letters_become_digits_next_to_digits(text, expected):
    assert deobfuscate.digitize(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Hello old lion, I love oil",  # look-alikes with no digit nearby
        "lol 100% real",
        "Ola, sono io",
    ],
)
def test_lookalike_letters_stay_letters_away_from_digits(text):
    assert deobfuscate.digitize(text) == text.lower()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Someone is online", "someone is online"),  # "one" inside words
        ("tresses and settee", "tresses and settee"),
        ("ninety-nine problems", "99 problems"),  # a whole number word does change
    ],
)
def test_only_whole_number_words_become_digits(text, expected):
    assert deobfuscate.digitize(text) == expected


def test_words_to_digits_reads_tokens_digit_by_digit_when_they_do_not_compound():
    tokens = [numbers.LEXICON[w] for w in ("six", "one", "seven")]
    assert numbers.words_to_digits(tokens) == "617"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_normalize_and_digitize_never_raise(text):
    assert isinstance(deobfuscate.digitize(deobfuscate.normalize(text)), str)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_normalize_is_idempotent(text):
    once = deobfuscate.normalize(text)
    assert deobfuscate.normalize(once) == once
