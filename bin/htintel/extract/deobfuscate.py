"""The shared de-obfuscation layer: one place that undoes the tricks ads use to hide identifiers.

Two steps, both pure functions:

- ``normalize(text)`` runs once per ad, before every finder: a tolerant length cap, emoji
  keycaps and zero-width/format characters removed, NFKC (fullwidth, circled and
  mathematical digits and letters become ASCII) and every other decimal digit (Arabic-Indic,
  Devanagari, Thai, dingbat circled ...) mapped to ASCII.
- ``digitize(text)`` runs only for phone numbers: spelled-out numbers in English, Spanish,
  French, Portuguese, Russian, Chinese, German, Italian, Vietnamese, Tagalog, Korean, Thai,
  Dutch, Turkish, Polish, Romanian, Indonesian, Czech, Swedish, Greek, Ukrainian,
  Hungarian, Arabic and Swahili become digits, and letters that look like digits (O, l, I)
  become digits, but only in a numeric context, so "six one 7 - 5five5 - O1 23" reads
  "61 7 - 555 - 01 23".
"""

from __future__ import annotations

import re
import unicodedata
from types import MappingProxyType
from typing import Mapping, Tuple

from htintel.extract import numbers

# Text beyond this is not searched; the cut moves to the next whitespace (at most
# CAP_SLACK_CHARS further) so an identifier straddling the cap is not cut in half.
MAX_TEXT_CHARS = 20_000
CAP_SLACK_CHARS = 64

# Characters NFKC leaves alone that must change, all found in one pass by _SPECIAL:
# zero-width and other format characters (inserted inside numbers and addresses; the
# combining keycap U+20E3 and the variation selectors go too, so 1️⃣ becomes 1), lone
# surrogates (U+FFFD), C0/C1 controls other than tab and newline (a space: they split
# tokens, never join them), digits of other scripts (Arabic-Indic, Thai, Devanagari ...),
# dingbat circled digits and the keycap ten, and "fancy text" small capitals.
_INVISIBLE_BMP = (
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u20e3\u3164\ufe00-\ufe0f\ufeff\uffa0"
)
_INVISIBLE = _INVISIBLE_BMP + "\U000e0000-\U000e0fff"
_SMALL_CAPITALS = tuple(zip("ᴀʙᴄᴅᴇꜰɢʜɪᴊᴋʟᴍɴᴏᴘʀꜱᴛᴜᴠᴡʏᴢ", "abcdefghijklmnoprstuvwyz"))
_SYMBOL_DIGITS = tuple(
    {
        **{chr(0x2776 + i): str(i + 1) for i in range(9)},  # ❶..❾
        "\u277f": "10",  # ❿
        **{chr(0x2780 + i): str(i + 1) for i in range(9)},  # ➀..➈
        "\u2789": "10",
        **{chr(0x278A + i): str(i + 1) for i in range(9)},  # ➊..➒
        "\u2793": "10",
        **{chr(0x24F5 + i): str(i + 1) for i in range(9)},  # ⓵..⓽
        "\u24fe": "10",
        "\u24ff": "0",  # ⓿
        "\U0001f51f": "10",  # 🔟
    }.items()
)
_REPLACEMENTS: Mapping[str, str] = MappingProxyType(dict((*_SYMBOL_DIGITS, *_SMALL_CAPITALS)))
_SURROGATES_AND_CONTROLS = "\ud800-\udfff\x00-\x08\x0b-\x1f\x7f-\x9f"
# The reference definition of what the pass changes: one match per invisible run or
# character to replace. Alternation makes it slow, so it runs only for the rare text with
# a changing character outside the Basic Multilingual Plane.
_SPECIAL = re.compile(
    "[" + _INVISIBLE + "]+|[" + _SURROGATES_AND_CONTROLS + "".join(_REPLACEMENTS) + "]|[^\\D0-9]"
)


def _non_ascii_decimals(first: int, stop: int) -> str:
    """The characters in [first, stop) that the regex engine's \\d matches, except 0-9."""
    # Asking the engine itself keeps this exactly _SPECIAL's [^\\D0-9] on every Python.
    return "".join(re.findall("[^\\D0-9]", "".join(map(chr, range(first, stop)))))


# No Unicode version so far has decimal digits past plane 1; characters there are still
# sent down the reference path (see _replace_special), so this stays exact regardless.
_BMP_DECIMALS = _non_ascii_decimals(0x80, 0x10000)
_PLANE1_CHANGES = frozenset(
    _non_ascii_decimals(0x10000, 0x20000) + "".join(c for c in _REPLACEMENTS if c > "\uffff")
)
_BMP_CHANGES = (
    _SURROGATES_AND_CONTROLS
    + "".join(c for c in _REPLACEMENTS if c <= "\uffff")
    + _INVISIBLE_BMP
    + _BMP_DECIMALS
)
# Every character of the Basic Multilingual Plane _SPECIAL would touch, plus any astral
# character: one class, a bitmap test per character, so text with nothing to change
# (most non-ASCII ads) costs one quick scan.
_MAYBE_SPECIAL = re.compile("[" + _BMP_CHANGES + "\U00010000-\U0010ffff]")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
# _SPECIAL for text whose astral characters all stay: a changing character and the
# invisible characters after it are one match (a keycap's U+FE0F U+20E3 is one call).
_BMP_SPECIAL = re.compile("[" + _BMP_CHANGES + "][" + _INVISIBLE_BMP + "]*")
# Emoji and symbols ads put between digit groups ("702💋555💋0123") separate the groups, on
# one line: a symbol that starts a line ("三圍 32C-24-34\n☎ 0912-345-678") joins nothing.
_SYMBOLS_BETWEEN_DIGITS = re.compile(
    "([0-9])[ \t]{0,2}[" + numbers.SYMBOLS + "]+[ \t]{0,2}(?=[0-9])"
)
# Unbroken digits from which a group is a number of its own, not a piece of one.
_WHOLE_NUMBER_DIGITS = 9
# The katakana long-vowel mark (U+30FC) that Japanese ads write as a dash between digits,
# and between numerals ("〇三ー一二三四ー五六七八", "〇九〇 ー 四四七二"), a space or tab
# on either side at most.
_DIGIT_OR_NUMERAL = "[0-9" + numbers.CJK_DIGITS + "]"
_LONG_VOWEL_BETWEEN_DIGITS = re.compile(
    "(?<=" + _DIGIT_OR_NUMERAL + ")([ \t]?)\u30fc(?=[ \t]?" + _DIGIT_OR_NUMERAL + ")"
)
# A line that ends with digits and a dash goes on with the next: "call 602-555-\n0189",
# "602 five55 -\nO one eight nine" (the newline becomes a space).
_DASH_AT_LINE_END = re.compile(r"([0-9][ \t]?-)[ \t]?\n(?=[ \t]{0,2}[0-9a-z])")
# What starts every line of numbers.join_digit_lines but the first: a newline, then the
# characters of such a line up to its first digit.
_DIGIT_LINE_AFTER_NEWLINE = re.compile(
    "\n[" + re.escape(numbers.DIGIT_LINE_CHARS.replace("0123456789", "")) + "]*[0-9]"
)
# The apostrophe of Ukrainian words ("п'ять", "дев’ять"), after a consonant before я, ю, є, ї.
_APOSTROPHE_IN_CYRILLIC_WORD = re.compile("(?<=[бвгґджзклмнпрстфхцчшщ])['\u2019](?=[яюєї])")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Deleting every other byte leaves the ASCII controls _CONTROL replaces: a table lookup per
# byte, cheaper than a regex scan (str.isprintable() fails on every newline).
_ASCII_BYTES_BUT_CONTROLS = bytes(c for c in range(128) if _CONTROL.match(chr(c)) is None)
# A keycap emoji (1️⃣) ends in these two invisible characters; str.replace drops them far
# faster than one regex callback per keycap.
_KEYCAP_TAIL = "\ufe0f\u20e3"
# The wide punctuation of Chinese and Japanese text, each with its NFKD form. NFKC reads
# only the NFKD form of a text, so swapping these first changes nothing in its result,
# while it often spares the whole NFKC pass (str.replace is far cheaper).
_WIDE_PUNCTUATION = tuple(
    (wide, unicodedata.normalize("NFKD", wide)) for wide in "，：；！？（）\u3000"
)


# The Turkish "İ" lowercases to two characters ("i" and a combining dot above), which would
# split a word ("İKİ" -> "i̇ki̇" is no number word) and shift every offset of the lowercased
# text; as "I" it lowercases to "i", which is what Turkish means by it.
_DOTTED_CAPITAL_I = "\u0130"


def cap_text(text: str, max_chars: int = MAX_TEXT_CHARS) -> str:
    """``text`` cut at ``max_chars``, extended to the next whitespace by up to CAP_SLACK_CHARS."""
    if len(text) <= max_chars:
        return text
    tail = text[max_chars : max_chars + CAP_SLACK_CHARS]
    cut = len(tail)
    for index, char in enumerate(tail):
        if char.isspace():
            cut = index
            break
    return text[:max_chars] + tail[:cut]


def _replacement(match: re.Match[str]) -> str:
    # Only the first character counts: any after it are invisible, hence removed.
    first = match.group(0)[0]
    if first in _REPLACEMENTS:
        return _REPLACEMENTS[first]
    if "\ud800" <= first <= "\udfff":
        return "\ufffd"
    if first <= "\x9f":
        return " "
    if first.isdecimal():
        return str(unicodedata.decimal(first, 0))
    return ""  # invisible


def _replace_special(text: str, start: int) -> str:
    """``_SPECIAL.sub(_replacement, text)``, where ``text[:start]`` holds nothing to change."""
    astral = _ASTRAL.findall(text, start)
    if astral and (max(astral) >= "\U00020000" or not _PLANE1_CHANGES.isdisjoint(astral)):
        return _SPECIAL.sub(_replacement, text)
    # Each character maps on its own (invisible ones to nothing), so removing some first
    # changes nothing in the result.
    if _KEYCAP_TAIL in text:
        text = text.replace(_KEYCAP_TAIL, "")
    return _BMP_SPECIAL.sub(_replacement, text)


def normalize(text: str, max_chars: int = MAX_TEXT_CHARS) -> str:
    """Capped, NFKC-normalised ``text`` with invisible characters removed and all digits ASCII.

    Never raises on any ``str``. Pure ASCII text only gets the cap and control clean-up.
    Example: ``normalize("６１７\u200b５５５ ❶") == "617555 1"``.
    """
    if not isinstance(text, str):
        text = str(text)
    text = cap_text(text, max_chars)
    if text.isascii():
        if text.encode("ascii").translate(None, _ASCII_BYTES_BUT_CONTROLS):
            return _CONTROL.sub(" ", text)
        return text
    first_special = _MAYBE_SPECIAL.search(text)
    if first_special is not None:
        text = _replace_special(text, first_special.start())
    if not unicodedata.is_normalized("NFKC", text):
        for wide, narrow in _WIDE_PUNCTUATION:
            if wide in text:
                text = text.replace(wide, narrow)
        if not unicodedata.is_normalized("NFKC", text):
            text = unicodedata.normalize("NFKC", text)
            # NFKC can make a character the special pass maps: "𐞄" -> "ʙ" (-> "b").
            made_special = _MAYBE_SPECIAL.search(text)
            if made_special is not None:
                text = _replace_special(text, made_special.start())
    if _DOTTED_CAPITAL_I in text:
        text = text.replace(_DOTTED_CAPITAL_I, "I")
    return text


def digitize(text: str) -> str:
    """``text`` (normalised) lower-cased, with spelled-out numbers and look-alikes as digits.

    Only numeric contexts change: number words become their digits ("twenty-three" -> "23",
    "soixante-dix-huit" -> "78", "восемь" -> "8", "一三八" -> "138"), and o, l, i and | become
    0 and 1 where they touch digits. Cheap tests skip the passes text does not need.
    Example: ``digitize("six one 7 - 5five5 - O1 23") == "61 7 - 555 - 01 23"``.
    """
    return digitize_for_phones(text)[0]


def digitize_for_phones(text: str) -> Tuple[str, bool]:
    """``digitize(text)``, and False when it provably holds no ``numbers.PHONE_RUN``."""
    lower = text.lower()
    if not lower.isascii():
        lower = _non_ascii_separators(lower)
    if "-\n" in lower or "- \n" in lower:
        lower = _DASH_AT_LINE_END.sub(r"\1 ", lower)
    signals = numbers.text_signals(lower)
    if signals.symbols:  # only then can _SYMBOLS_BETWEEN_DIGITS change anything
        separated = _SYMBOLS_BETWEEN_DIGITS.sub(_symbol_gap, lower)
        if separated != lower:
            lower = separated
            signals = numbers.text_signals(lower)
    # The phrase signals read the text before the passes, so they speak for it only when
    # no pass runs.
    if signals.spelled:
        digits = numbers.digits_for_lookalikes(numbers.spelled_to_digits(lower))
        return _with_digit_lines_joined(numbers.bridge_digit_separators(digits, True)), True
    if signals.lookalikes:
        lower = numbers.digits_for_lookalikes(lower)
        return _with_digit_lines_joined(numbers.bridge_digit_separators(lower, False)), True
    if signals.digit_lines:
        joined = numbers.join_digit_lines(lower)
        if joined != lower:
            return numbers.bridge_digit_separators(joined, False), True
    if not signals.separators and not numbers.may_hold_an_ellipsis(lower):
        return lower, signals.phone_run
    # Commas of measurements and lists mostly stay: the run signal then still holds.
    bridged = numbers.bridge_digit_separators(lower, False)
    return bridged, signals.phone_run or bridged != lower


def _with_digit_lines_joined(digits: str) -> str:
    """After a pass that made digits of words, lines it made digit lines join too."""
    # A block's second line starts after a newline with its first digit or separators.
    if _DIGIT_LINE_AFTER_NEWLINE.search(digits) is None:
        return digits
    return numbers.join_digit_lines(digits)


def _symbol_gap(match: re.Match[str]) -> str:
    """What a symbol between digits becomes: a space joining digit groups ("702💋555💋0123"),
    or a line break after or before a whole number of its own ("订单号 20240601123456 ✨
    138-0013-8000"), so that the words naming one number do not name the other."""
    text, before_end, after = match.string, match.end(1), match.end()
    before = text[max(0, before_end - _WHOLE_NUMBER_DIGITS) : before_end]
    following = text[after : after + _WHOLE_NUMBER_DIGITS]
    if _is_whole_number(before) or _is_whole_number(following):
        return match.group(1) + "\n"
    # Digits glued to letters before the symbol are a size or a code: "20x4 😈 0 1 5 7 ...".
    glued_at = before_end - (len(before) - len(before.rstrip("0123456789"))) - 1
    if glued_at >= 0 and text[glued_at].isalpha():
        return match.group(1) + "\n"
    return match.group(1) + " "


def _is_whole_number(piece: str) -> bool:
    return len(piece) == _WHOLE_NUMBER_DIGITS and piece.isdigit()


def _non_ascii_separators(lower: str) -> str:
    """Japanese long-vowel dashes between digits as "-", Ukrainian apostrophes as U+02BC.

    "０９０ー７７２１" uses the katakana mark as a dash; "п'ять" splits at an ASCII apostrophe,
    where the modifier letter apostrophe keeps it one word.
    """
    if "\u30fc" in lower:
        lower = _LONG_VOWEL_BETWEEN_DIGITS.sub(r"\1-", lower)
    if "'" in lower or "\u2019" in lower:
        lower = _APOSTROPHE_IN_CYRILLIC_WORD.sub("\u02bc", lower)
    return lower
