"""The shared de-obfuscation layer: normalisation and spelled/look-alike digits."""

from __future__ import annotations

import unicodedata

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


# --- Fast paths must give exactly what the plain definitions give -------------------------


def reference_normalize(text):
    """normalize() as first written: one _SPECIAL pass over all non-ASCII text, then NFKC."""
    text = deobfuscate.cap_text(text)
    if text.isascii():
        return deobfuscate._CONTROL.sub(" ", text)
    text = deobfuscate._SPECIAL.sub(deobfuscate._replacement, text)
    return unicodedata.normalize("NFKC", text)


def reference_needed_passes(lower):
    """text_signals()'s (spelled, lookalikes) as a whole-text definition, with no phrase cache or packed counts."""
    words = lower.replace("-", " ").replace(",", " ").split()
    number_words = [word for word in words if word in numbers.NUMBER_WORDS]
    after = numbers._LETTERS_AFTER_DIGIT.findall(lower)
    touching = after + [word[::-1] for word in numbers._LETTERS_AFTER_DIGIT.findall(lower[::-1])]
    spelled = (
        any(word not in numbers._COMMON_WORDS for word in number_words)
        or len(number_words) >= 3
        or numbers._NON_LATIN_NUMERAL.search(lower) is not None
        or any(numbers._is_number_word(word) for word in touching)
        or any(word in numbers.NUMBER_WORDS for word in numbers._WORD_BETWEEN_DIGITS.findall(lower))
    )
    lookalikes = any(not word.strip(numbers._LOOKALIKE_CHARS) for word in touching) or (
        numbers._LONE_LOOKALIKE.search(lower) is not None
    )
    return spelled, lookalikes


# Characters every fast path has to tell apart: the look-alikes and separators of the lone
# look-alike, phrase cuts (newline, ". "), symbols between digits, invisible characters in
# and out of the Basic Multilingual Plane, decimals of other scripts and planes.
_TRICKY = [
    *"0123456789 \n\t.-,()+|oOlLiI",
    *"оο",  # Cyrillic and Greek o
    ". ",
    " o ",
    " i ",
    "five",
    "six",
    "one",
    "un",
    "cinco",
    "\u200b",
    "\ufe0f\u20e3",
    "１",
    "٣",
    "💋",
    "☎",
    "🔟",
    "𝟔",
    "𐒠",  # Osmanya digit zero (plane 1)
    "\U000e0041",  # tag character (invisible, plane 14)
    "\U00020000",  # CJK extension B (plane 2)
    "\ud800",
    "\x07",
    "\x85",
    "\u00a0",
    "\u2028",
    "ᴛ",
    "❶",
    "三",
    "공",
    "ศูนย์",
    "，",  # wide punctuation, swapped before NFKC
    "：",
    "\u3000",
    "\u0301",  # a combining accent after any of them
    "ｂ",
    "ﬁ",
]
_tricky_text = st.lists(st.sampled_from(_TRICKY), max_size=30).map("".join)


@pytest.mark.parametrize(
    "raw",
    [
        "𐒠𐒡 then 𝟔",  # plane-1 decimals go down the reference path
        "tag\U000e0041\U000e0042 char",
        "ext B \U00020000 with ٣",
        "emoji 💋 only",
        "emoji 💋 and keycap 5\ufe0f\u20e3 and ６",
        "🔟 and ❶",
        "\ud800 lone surrogate 💋",
        "ascii with \x7f and \r\n",
        "ascii with only a newline\nand a tab\t",
        "zero\u200b\u200dwidth run and \u00ad soft hyphen",
        "电话：一三八，一二三四\u3000五六七八",
        "wide，\u0301 comma then ｂｅｌｌａ",
    ],
)
def test_normalize_fast_paths_match_the_reference(raw):
    assert deobfuscate.normalize(raw) == reference_normalize(raw)


@settings(max_examples=400, deadline=None)
@given(st.one_of(_tricky_text, st.text(max_size=60)))
def test_normalize_matches_the_reference_on_any_text(text):
    assert deobfuscate.normalize(text) == reference_normalize(text)


@settings(max_examples=400, deadline=None)
@given(_tricky_text)
def test_needed_passes_matches_the_whole_text_definition(text):
    lower = deobfuscate.normalize(text).lower()
    signals = numbers.text_signals(lower)
    assert (signals.spelled, signals.lookalikes) == reference_needed_passes(lower)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A lone look-alike whose match straddles a line or sentence cut.
        ("555\no 123", "555\n0 123"),
        ("555 o\n123", "555 0\n123"),
        ("555 o. 123", "555 0. 123"),
        ("617. o 555", "617. 0 555"),
        ("5\no\n1", "5\n0\n1"),
        ("5\n\no\n\n1", "5\n\n0\n\n1"),
        ("(\no 1", "(\n0 1"),
        ("+ o\n1", "+ 0\n1"),
        ("i am 5\ni 6", "i am 5\n1 6"),
        ("12 o", "12 o"),
        ("o 12", "o 12"),
        # Symbols between digit groups, across lines too.
        ("702\n💋555💋\n0123", "702 555 0123"),
        ("5 ☎ 6", "5 6"),
        ("5o|x", "5o|x"),  # the bar keeps "o|x" a word, not a look-alike run
    ],
)
def test_lookalikes_and_symbols_across_phrase_cuts(text, expected):
    assert deobfuscate.digitize(text) == expected


# --- spelled_to_digits reads only the stretches around number words ------------------------


def reference_spelled_to_digits(text):
    """spelled_to_digits() as first written: every word of the text walked in turn."""
    text = text.lower()
    text = numbers._CJK_RUN.sub(numbers._cjk_digits, text)
    text = numbers._KOREAN_RUN.sub(numbers._korean_digits, text)
    text = numbers._THAI_RUN.sub(numbers._thai_digits, text)
    parts = numbers._WORD_SPLIT.split(text)
    next_free = 1
    for index in range(1, len(parts), 2):
        word = parts[index]
        if index < next_free or not numbers._is_number_word(word):
            continue
        token = numbers.LEXICON.get(word)
        if token is None:
            pieces = numbers._segment(word)
            if pieces is not None:
                parts[index] = numbers.words_to_digits(pieces)
            continue
        run, end, probe = [token], index, index + 2
        while probe < len(parts) and numbers._WORD_GAP.match(parts[probe - 1]):
            following = numbers.LEXICON.get(parts[probe])
            if following is None:
                break
            if following[0] == "C":
                after = probe + 2
                if (
                    after < len(parts)
                    and numbers._WORD_GAP.match(parts[after - 1])
                    and parts[after] in numbers.LEXICON
                ):
                    probe = after
                    continue
                break
            run.append(following)
            end = probe
            probe += 2
        parts[index] = numbers.words_to_digits(run)
        for joined in range(index + 1, end + 1):
            parts[joined] = ""
        next_free = end + 2
    return "".join(parts)


# Number words, connectors, words holding number words, run-together words, the gaps a run
# may or may not cross (phrase cuts among them), letters the ASCII table and the Unicode
# letter test must agree on, and the numerals of other scripts.
_SPELLED_TRICKY = [
    *" \n\t.-,.()+|_5²½",
    ". ",
    " - ",
    ",  ",
    "    ",
    "one",
    "One",
    "five",
    "six",
    "seven",
    "twenty",
    "hundred",
    "double",
    "and",
    "y",
    "e",
    "et",
    "i",
    "vingt",
    "quatre",
    "dix",
    "cinco",
    "noventa",
    "una",
    "un",
    "someone",
    "phone",
    "often",
    "eightfive",
    "fourfour",
    "oneseven",
    "zéro",
    "zero",
    "três",
    "восемь",
    "сто",
    "место",
    "dreiundzwanzig",
    "straße",
    "ventitré",
    "năm",
    "x",
    "é",
    "ß",
    "\u0301",
    "三",
    "十",
    "공일공",
    "ศูนย์แปดหนึ่ง",
    "İ",
]
_spelled_text = st.lists(st.sampled_from(_SPELLED_TRICKY), max_size=40).map("".join)


@pytest.mark.parametrize(
    "text",
    [
        "call six one seven, five five five. one two three four",
        "Someone is online: one",
        "seven\n\nand six",  # a gap of more than three characters ends a run
        "five.\nand.\nsix",  # a run crossing two phrase cuts through a lone connector
        "five and and and six and",
        "un deux trois quatre-vingt-dix-neuf",
        "+fourfour 7eight61 five64nine8five",
        "one" * 30,  # one long word, not a number word
        "x" * 350 + " five six " + "y" * 350,  # phrases too long for the phrase cache
        "quatre-vingts et un",
        "straße one two",
        "zéro six, douze, trente-quatre",
        "двадцать три сорок место сто",
        "五百二十三 and 공일공 and ศูนย์แปดหนึ่ง five",
        "one² two½ three",  # ² and ½ are letters to the word split
        "İ one",  # lower() makes this "i̇": a letter then a combining mark
    ],
)
def test_spelled_to_digits_matches_the_word_by_word_reference(text):
    assert numbers.spelled_to_digits(text) == reference_spelled_to_digits(text)


@settings(max_examples=500, deadline=None)
@given(st.one_of(_spelled_text, st.text(max_size=80)))
def test_spelled_to_digits_matches_the_reference_on_any_text(text):
    assert numbers.spelled_to_digits(text) == reference_spelled_to_digits(text)


@settings(max_examples=200, deadline=None)
@given(_spelled_text)
def test_digitize_matches_the_reference_passes_on_spelled_text(text):
    lower = deobfuscate.normalize(text).lower()
    expected = numbers.digits_for_lookalikes(reference_spelled_to_digits(lower))
    signals = numbers.text_signals(lower)
    if signals.spelled:
        assert deobfuscate.digitize(lower) == expected


def reference_digits_for_lookalikes(text):
    """digits_for_lookalikes() as first written: every pass over every text."""
    if "|" in text:
        text = numbers._SEPARATING_BAR.sub("-", text)
    text = numbers._LOOKALIKE_AFTER_DIGIT.sub(numbers._lookalike_digits, text)
    text = numbers._LOOKALIKE_AFTER_DIGIT.sub(numbers._lookalike_digits, text[::-1])[::-1]
    return numbers._LONE_LOOKALIKE.sub(numbers._lookalike_digits, text)


@pytest.mark.parametrize(
    "text",
    [
        "617|555|0123",
        "6l7 o1 1o",
        "o5",  # a look-alike before a digit only
        "5o",
        "5 o 6",  # a lone one only
        "lol 100 real",
        "|5",
        "5|",
        "5о6ο7",  # Cyrillic and Greek o
        "",
        "5o o 1",  # the lone one appears only once the first pass has read "5o" as "50"
        "5o1 i 2",
        "(o 1",
        "5 oo-1",
    ],
)
def test_digits_for_lookalikes_matches_the_every_pass_reference(text):
    assert numbers.digits_for_lookalikes(text) == reference_digits_for_lookalikes(text)


@settings(max_examples=400, deadline=None)
@given(st.one_of(_tricky_text, st.text(max_size=60)))
def test_digits_for_lookalikes_matches_the_reference_on_any_text(text):
    lower = text.lower()
    assert numbers.digits_for_lookalikes(lower) == reference_digits_for_lookalikes(lower)


@pytest.mark.parametrize(
    "text",
    ["a1", "1a", "1|", "|1", "1 a", "a 1", "5о", "о5", "1²", "²1", "é1", "1é", "x", "", "5_a"],
)
def test_letter_touches_digit_exactly_when_words_touch_digits(text):
    assert numbers._letter_touches_digit(text) == bool(numbers._words_touching_digits(text))


@settings(max_examples=400, deadline=None)
@given(st.one_of(_tricky_text, _spelled_text, st.text(max_size=60)))
def test_letter_touches_digit_matches_the_word_search_on_any_text(text):
    lower = text.lower()
    assert numbers._letter_touches_digit(lower) == bool(numbers._words_touching_digits(lower))


_ascii_text = st.text(alphabet=st.characters(max_codepoint=127), max_size=60)
_ascii_tricky = st.lists(
    st.sampled_from(
        [*"0123456789 \t-.()+|_,oOlLiIax\r\x0b\x1c", " o ", " i ", "ol", "five", "one"]
    ),
    max_size=30,
).map("".join)


@pytest.mark.parametrize(
    "text",
    ["555 o 123", "5 ol 1", "(o 1", "+ i-2", "5 o.1", "5 oo 1", "i 5", "lol 5 1", "hello 5"],
)
def test_lone_lookalike_gate_never_hides_a_match(text):
    if numbers._LONE_LOOKALIKE.search(text) is not None:
        assert numbers._may_hold_lone_lookalike(text)


@settings(max_examples=500, deadline=None)
@given(st.one_of(_ascii_text, _ascii_tricky))
def test_ascii_phrase_gates_never_hide_a_match(text):
    lower = text.lower()
    marks = numbers._ascii_marks(lower, numbers._ASCII_MARKS)
    if numbers._LONE_LOOKALIKE.search(lower) is not None:
        assert numbers._may_hold_lone_lookalike(lower)
    if numbers._WORD_BETWEEN_DIGITS.search(lower) is not None:
        assert numbers._may_hold_word_between_digits(marks)
    assert ("0" in marks) == (numbers._ASCII_DIGIT.search(lower) is not None)
    assert numbers._letter_touches_digit(lower) == bool(numbers._words_touching_digits(lower))


@settings(max_examples=500, deadline=None)
@given(st.one_of(_ascii_text, _ascii_tricky))
def test_needed_passes_matches_the_whole_text_definition_on_ascii(text):
    lower = text.lower()
    signals = numbers.text_signals(lower)
    assert (signals.spelled, signals.lookalikes) == reference_needed_passes(lower)


@settings(max_examples=300, deadline=None)
@given(st.one_of(_ascii_text, _ascii_tricky))
def test_words_touching_digits_on_one_side_skip_nothing(text):
    lower = text.lower()
    marks = numbers._ascii_marks(lower, numbers._ASCII_MARKS)
    both = numbers._words_touching_digits(lower)
    one_side = numbers._words_touching_digits(lower, "0a" in marks, "a0" in marks)
    assert one_side == both


@settings(max_examples=400, deadline=None)
@given(st.one_of(_ascii_text, _ascii_tricky))
def test_digits_for_lookalikes_matches_the_reference_on_ascii_text(text):
    lower = text.lower()
    assert numbers.digits_for_lookalikes(lower) == reference_digits_for_lookalikes(lower)
