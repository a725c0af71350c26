"""The shared de-obfuscation layer: normalisation and spelled/look-alike digits."""

from __future__ import annotations

import re
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
        # Turkish dotted capital I: lowercased as "I", one character, not "i" + a combining dot.
        ("İKİ İNSTAGRAM", "IKI INSTAGRAM"),
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
    """normalize() as first written: a _SPECIAL pass over all non-ASCII text, NFKC, and
    _SPECIAL again for what NFKC made."""
    text = deobfuscate.cap_text(text)
    if text.isascii():
        return deobfuscate._CONTROL.sub(" ", text)
    text = deobfuscate._SPECIAL.sub(deobfuscate._replacement, text)
    text = unicodedata.normalize("NFKC", text)
    # what NFKC made of some characters is special too ("𐞄" -> "ʙ"); "İ" is written "I"
    text = deobfuscate._SPECIAL.sub(deobfuscate._replacement, text)
    return text.replace("\u0130", "I")


def reference_needed_passes(lower):
    """text_signals()'s (spelled, lookalikes) as a whole-text definition, with no phrase cache or packed counts."""
    words = numbers.phrase_words(lower)
    number_words = [word for word in words if word in numbers.NUMBER_WORDS]
    after = numbers._LETTERS_AFTER_DIGIT.findall(lower)
    touching = after + [word[::-1] for word in numbers._LETTERS_AFTER_DIGIT.findall(lower[::-1])]
    spelled = (
        any(word not in numbers._COMMON_WORDS for word in number_words)
        or len(number_words) >= 3
        or numbers.has_non_latin_numerals(lower)
        or any(numbers._is_number_word(word) for word in touching)
        or any(word in numbers.NUMBER_WORDS for word in numbers._WORD_BETWEEN_DIGITS.findall(lower))
        # number words run together, digits or not around them ("eightthreetwo")
        or any(6 <= len(word) <= 40 and numbers._segment(word) is not None for word in words)
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
        # Symbols between digit groups on one line; a symbol at a line's start joins nothing
        # ("32C-24-34\n☎ 0912-345-678" holds a measurement, then a phone).
        ("702 💋555💋 0123", "702 555 0123"),
        ("702\n💋555💋\n0123", "702\n💋555💋\n0123"),
        ("32c-24-34\n☎ 0912-345-678", "32c-24-34\n☎ 0912-345-678"),
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
    text = numbers._KATAKANA_RUN.sub(numbers._katakana_digits, text)
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
        # Romanian "o sută" (one hundred): the "o" before it is the one.
        if word in numbers._ROMANIAN_HUNDREDS and parts[index - 1] == " " and index >= 2:
            if parts[index - 2] == "o" and index - 2 >= next_free:
                run = [numbers._IMPLIED_ONE, token]
                parts[index - 2], parts[index - 1] = "", ""
        while probe < len(parts) and numbers._WORD_GAP.match(parts[probe - 1]):
            following = numbers.LEXICON.get(parts[probe])
            if following is None:
                if (
                    parts[probe] == "o"
                    and probe + 2 < len(parts)
                    and numbers._WORD_GAP.match(parts[probe + 1])
                    and parts[probe + 2] in numbers._ROMANIAN_HUNDREDS
                ):
                    run.append(numbers._IMPLIED_ONE)
                    end = probe
                    probe += 2
                    continue
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
            if parts[probe] in numbers._COMMON_WORDS and numbers._ends_sentence(parts[probe - 1]):
                after = probe + 2
                if not (
                    after < len(parts)
                    and numbers._WORD_GAP.match(parts[after - 1])
                    and parts[after] in numbers.LEXICON
                ):
                    break
            if "," in parts[probe - 1]:
                run.append(numbers._GROUP_END)  # "seiscientos, once": 600, then 11
                if following[0] == "H" and run[-2][0] == "U":
                    run.append(numbers._IMPLIED_ONE)  # "iki, yüz yirmi üç": 2, then 123
            run.append(following)
            end = probe
            probe += 2
        digits = numbers.words_to_digits(run)
        if run[-1][0] == "M" and end + 1 < len(parts):
            # "1 double 2": the repeat word repeats the digit after it
            repeated = re.match(r"[ \t\-]{1,2}([0-9])", parts[end + 1])
            if repeated is not None:
                digits = numbers.words_to_digits(run[:-1]) + repeated.group(1) * run[-1][1]
                parts[end + 1] = parts[end + 1][repeated.end() :]
        parts[index] = digits
        for joined in range(index + 1, end + 1):
            parts[joined] = ""
        next_free = end + 2
    return "".join(parts)


# Number words, connectors, words holding number words, run-together words, the gaps a run
# may or may not cross (phrase cuts among them), letters the ASCII table and the Unicode
# letter test must agree on, and the numerals of other scripts.
_SPELLED_TRICKY = [
    *" \n\t.-,.()+|_5²½",
    # Romanian "o sută", a hundred after a comma, katakana readings, Arabic digits
    "o",
    "sută",
    "yüz",
    "iki",
    "ゼロ",
    "キュー",
    "イチ",
    "صفر",
    "\u060c",
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
    " double 5",
    "triple-0",
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
    ". One",
    "een",
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
        "zero one two three. One hour, nine. one two. one",  # everyday words past a sentence end
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
    expected = numbers.join_digit_lines(
        numbers.bridge_digit_separators(
            numbers.digits_for_lookalikes(reference_spelled_to_digits(lower)), True
        )
    )
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


# --- Later languages: digits, teens, tens and hundreds compounds ------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Dutch: digits, "achtentwintig" (28) and "driehonderd" (300) as one word
        ("bel me: nul zes twee vier een acht vijf zes zeven negen", "bel me: 0624185679"),
        ("NUL ZES, ACHTENTWINTIG, DRIEHONDERD VIJFTIEN", "0628315"),
        ("nul zes tweeëntwintig", "0622"),
        ("nul zes, éénentwintig, vierendertig", "062134"),  # the stressed "één"
        # Turkish: "beş yüz otuz iki" = 532, "yüz on iki" = 112, also without the letters ı ş ü
        ("ara: sıfır beş yüz otuz iki, yüz on iki, kırk beş, altmış yedi", "ara: 05321124567"),
        ("seiscientos, once, veintidós", "6001122"),  # a comma ends a number: 600 11 22
        ("seiscientos once veintidós", "61122"),  # 611 22
        ("ARA SIFIR BES YUZ OTUZ IKI", "ara 0532"),
        # Polish: one-word hundreds, with and without accents
        ("zadzwoń: sześćset dwa, czterysta osiemnaście, dwieście trzy", "zadzwoń: 602418203"),
        ("dzwon szescset dwa czterysta osiemnascie", "dzwon 602418"),
        # Romanian: ș and the older ş, "douăzeci și doi" = 22
        ("suna: zero șapte doi doi, nouă unu patru, cinci șase opt", "suna: 0722914568"),
        ("sună zero şapte douăzeci şi doi", "sună 0722"),
        # Indonesian: "dua puluh satu" = 21, "dua belas" = 12
        ("hubungi nol delapan satu dua, tiga empat lima enam", "hubungi 08123456"),
        ("wa nol delapan dua puluh satu, dua belas", "wa 082112"),
        # Czech: "pět set" = 500
        ("volej nula sedm dva čtyři, pět set dvacet", "volej 0724520"),
        # Swedish: "trettiotvå" = 32 in one word
        ("ring noll sju nio, trettiotvå, fyrtio", "ring 0793240"),
        # Greek
        ("τηλ έξι εννέα επτά, τριακόσια σαράντα", "τηλ 697340"),
        ("ΤΗΛ ΕΞΙ ΕΝΝΕΑ ΕΠΤΑ", "τηλ 697"),
        # Ukrainian: the apostrophe of "п'ять" in any of its three forms
        ("дзвони нуль шість сім, п'ятсот дев'яносто", "дзвони 067590"),
        ("дзвони нуль шість, дев’ять, пʼять", "дзвони 0695"),
        # Hungarian: "harminckettő" = 32, "tizenöt" = 15
        ("hívj nulla hat harminckettő, ötszáz", "hívj 0632500"),
        ("hívj nulla hét tizenöt", "hívj 0715"),
        # Tagalog
        ("tawagan sero siyam isa pito", "tawagan 0917"),
        # Filipino with Spanish-derived digits
        ("text mo ako: sero nuwebe isa siyete, dos tres kuwatro", "text mo ako: 0917234"),
    ],
)
def test_later_languages_spelled_numbers_read_as_digits(text, expected):
    assert deobfuscate.digitize(deobfuscate.normalize(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        # Everyday words that are also number words stay words on their own...
        "wij hebben een mooie kamer voor een nacht",  # Dutch "een" = a
        "bir gece için bir oda",  # Turkish "bir" = a
        "egy szép este",  # Hungarian "egy" = a
        "ένα όμορφο βράδυ",  # Greek "ένα" = a
        "hot sex on the beach",  # Swedish "sex" (6) and Turkish "on" (10) start nothing
        "pet friendly, set of towels, hat included",  # Czech "pět", "set", Hungarian "hat"
        "opt in for the fem look",  # Romanian "opt", Swedish "fem"
        "wir hatten spass",  # "hat" + "ten" is no run-together number
        "lima peru, elli and kirk",
        "kamar kosong hari ini",  # Indonesian "kosong" (0) = empty
        "moja cena, moja strona",  # Polish "moja" = my (Swahili 1)
        "saba and sita from nairobi",  # names (Swahili 7 and 6)
    ],
)
def test_everyday_words_of_later_languages_stay_words(text):
    lower = deobfuscate.normalize(text).lower()
    assert deobfuscate.digitize(lower) == lower


@pytest.mark.parametrize(
    "text",
    ["hatten", "often", "sexten", "ensex", "tienen", "onset", "petset", "hatvanegy"],
)
def test_later_languages_words_are_not_pieces_of_run_together_words(text):
    # "hatvanegy" (61) is read only by the explicit one-word compounds, not cut into pieces.
    assert numbers._segment(text) is None


def test_join_only_words_continue_a_number_but_never_start_one():
    assert deobfuscate.digitize("on iki") == "on 2"
    assert deobfuscate.digitize("yüz on iki") == "112"
    assert "sex" not in numbers.NUMBER_WORDS
    assert deobfuscate.digitize("noll sex sju") == "067"


# --- Separators between spelled or single digits --------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # dots between words
        ("call 832.four.one.seven.9910", "call 832.417.9910"),
        ("CALL 832.FOUR.ONE.SEVEN.9910", "call 832.417.9910"),
        # commas between a phone's digit groups
        ("call 04 one 9, 5 5 6, 2 eight 1", "call 04 1 9  5 5 6  2 8 1"),
        ("ZERO SEVEN FOUR ONE TWO, 882 019", "07412  882 019"),
        ("txt 0 4 1 9, 5 5 6, 2 8 1 now", "txt 0 4 1 9  5 5 6  2 8 1 now"),
        # ellipses, across the ". " phrase cut too
        ("txt 2 1 4 ... 9 8 3 ... 0 0 1 6", "txt 2 1 4 9 8 3 0 0 1 6"),
        ("txt 214…983…0016", "txt 214 983 0016"),
        # a look-alike opening or closing spaced single digits
        ("O 9 9 5 - 3 l 8 - 7 7 2 O", "0 9 9 5 - 3 1 8 - 7 7 2 0"),
        ("0 nine 1 seven - 6 4 4 - 2 O 8 l", "0 9 1 7 - 6 4 4 - 2 0 8 1"),
        ("call l 5 5 5 4 1 3", "call 1 5 5 5 4 1 3"),
        # Japanese long-vowel mark between fullwidth digits
        ("０９０ー７７２１ー３４０５", "090-7721-3405"),
        ("電話０９０ー７７２１ー３４０５まで", "電話090-7721-3405まで"),
        ("０９０ ー ７７２１ ー ３４０５", "090 - 7721 - 3405"),  # a space on either side
        ("ゼロキューゼロ、イチニーサンヨン", "090 1234"),
        ("イチゴ、サンゴ", "イチゴ、サンゴ"),  # strawberry, coral: two readings each
        ("０９０－７７２１－３４０５", "090-7721-3405"),
    ],
)
def test_separators_between_spelled_or_single_digits_are_bridged(text, expected):
    assert deobfuscate.digitize(deobfuscate.normalize(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        # commas of measurements, prices, lists and ages
        "stats 34, 24, 36 and 5 4",
        "rates 100, 150, 200, 300",
        "prices 600, 700, 800 euro",
        "ages 21, 22, 23, 24 and 25",
        "36 24 36, 165 cm",
        "size 8, 10 12 available",
        "1, 2, 3, 4, 5, 6, 7, 8, 9",
        # look-alikes that are words: the English "I", "o" before a grouped number
        "i 2 3 4 am here",
        "ligue o 11 98765 4321",
        # "o" is "or" (es, it, pt) or "about" (pl, cs) next to spaced-out digits
        "llámame: 3-1-0-5-5-5-0-1-2-9 o escribe",
        "escríbeme o 6 1 2 3 4 5 6 7 8",
        "chiamami 3 4 7 1 2 3 4 5 6 7 o scrivimi",
        "zapytaj o 5 1 2 3 4 5 6 7 8",
        "o 12",
        "12 o",
        "mi 5 5 5",
        # the long-vowel mark in words, not between digits
        "ラーメン 090",
        "コーヒー",
    ],
)
def test_separators_of_measurements_prices_and_words_are_kept(text):
    lower = deobfuscate.normalize(text).lower()
    assert deobfuscate.digitize(lower) == lower


@pytest.mark.parametrize(
    ("text", "region", "expected"),
    [
        ("call 04 one 9, 5 5 6, 2 eight 1", "AU", ("+61419556281",)),
        ("ZERO SEVEN FOUR ONE TWO, 882 019", "GB", ("+447412882019",)),
        ("txt 2 1 4 ... 9 8 3 ... 0 0 1 6", "US", ("+12149830016",)),
        ("call 832.four.one.seven.9910", "US", ("+18324179910",)),
        ("０９０ー７７２１ー３４０５", "JP", ("+819077213405",)),
        ("0 nine 1 seven - 6 4 4 - 2 O 8 l", "GB", ("+449176442081",)),
        (
            "ara: sıfır beş yüz otuz iki, yüz on iki, kırk beş, altmış yedi",
            "TR",
            ("+905321124567",),
        ),
        ("bel me: nul zes twee vier een acht vijf zes zeven negen", "NL", ("+31624185679",)),
        ("rates 600, 700, 800 euro, una hora", "ES", ()),
        ("stats 36 24 36, 165 cm, one two three", "IT", ()),
    ],
)
def test_bridged_separators_give_phones_and_traps_give_none(text, region, expected):
    from htintel.extract.phones import find_phones

    assert find_phones(deobfuscate.normalize(text), region) == expected


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from([*"0123456789 ,.-\t\nol", "...", ", ", "o ", " l", "five"]), max_size=40
    ).map("".join)
)
def test_separator_signal_never_hides_a_bridge(text):
    lower = text.lower()
    signals = numbers.text_signals(lower)
    if not signals.spelled and not signals.separators and ".." not in lower:
        assert numbers.bridge_digit_separators(lower, False) == lower


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "call six one seven five five five zero one two three. One hour 200",
            "call 6175550123. 1 hour 200",
        ),
        ("hívj nulla hat harminc. Egy óra 30000", "hívj 0630. 1 óra 30000"),
        ("bel nul zes twee. Een uur 150", "bel 062. 1 uur 150"),
        # ... while a number read on past the sentence end still joins
        ("six one seven, five five five. one two three four", "6175551234"),
        ("five five five. seven two", "55572"),
    ],
)
def test_everyday_number_word_after_a_sentence_end_starts_a_new_run(text, expected):
    assert deobfuscate.digitize(text) == expected


# --- numbers written over lines ---------------------------------------------------------

_digit_line_text = st.lists(
    st.sampled_from(["\n", " ", "-", ".", "(", ")", "+", "/", "a", "617", "5", "0123", "55", ". "]),
    max_size=24,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(_digit_line_text)
def test_the_gates_of_the_line_join_never_skip_a_join(text):
    # digitize_for_phones skips join_digit_lines when the phrase signals or the newline test
    # say it would change nothing: they must be right.
    joined = numbers.join_digit_lines(text)
    if joined != text:
        assert numbers.text_signals(text).digit_lines
        assert deobfuscate._DIGIT_LINE_AFTER_NEWLINE.search(text) is not None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("6 1 7\n5 5 5\n0 1 2 3", "6 1 7 5 5 5 0 1 2 3"),
        ("call\n(617)\n555-0123\nnow", "call\n(617) 555-0123\nnow"),
        ("80\n120\n180", "80\n120\n180"),  # too few digits for a phone
        ("12/05/2024\n2025", "12/05/2024\n2025"),  # a date is no digit line
        ("12345678\n12345678", "12345678\n12345678"),  # more digits than a group
    ],
)
def test_digit_lines_join_only_in_a_phone_sized_block(text, expected):
    assert numbers.join_digit_lines(text) == expected
