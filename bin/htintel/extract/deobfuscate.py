"""The shared de-obfuscation layer: one place that undoes the tricks ads use to hide identifiers.

Two steps, both pure functions:

- ``normalize(text)`` runs once per ad, before every finder: a tolerant length cap, emoji
  keycaps and zero-width/format characters removed, NFKC (fullwidth, circled and
  mathematical digits and letters become ASCII) and every other decimal digit (Arabic-Indic,
  Devanagari, Thai, dingbat circled ...) mapped to ASCII.
- ``digitize(text)`` runs only for phone numbers: spelled-out numbers in English, Spanish,
  French, Portuguese, Russian, Chinese, German, Italian, Vietnamese, Tagalog, Korean and Thai
  become digits, and letters that look like digits (O, l, I) become digits, but only in a
  numeric context, so "six one 7 - 5five5 - O1 23" reads "61 7 - 555 - 01 23".
"""

from __future__ import annotations

import re
import unicodedata

from htintel.extract import numbers

# Text beyond this is not searched; the cut moves to the next whitespace (at most
# CAP_SLACK_CHARS further) so an identifier straddling the cap is not cut in half.
MAX_TEXT_CHARS = 20_000
CAP_SLACK_CHARS = 64

# Zero-width and other format characters ads insert inside numbers and addresses; the
# combining keycap (U+20E3) and variation selectors go too, which turns 1️⃣ into 1.
_INVISIBLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u20e3\u3164\ufe00-\ufe0f\ufeff\uffa0\U000e0000-\U000e0fff]+"
)
# C0/C1 controls other than tab and newline become spaces (they split tokens, never join them).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Lone surrogates (possible in str built from bytes with surrogateescape) become U+FFFD.
_SURROGATE = re.compile("[\ud800-\udfff]")
# Decimal digits of any script that NFKC leaves alone (Arabic-Indic, Thai, Devanagari ...).
_NON_ASCII_DIGIT = re.compile(r"(?![0-9])\d")
# Digit symbols without an NFKC decomposition: dingbat circled digits and the keycap ten.
_SYMBOL_DIGITS = {
    **{0x2776 + i: str(i + 1) for i in range(9)},  # ❶..❾
    0x277F: "10",  # ❿
    **{0x2780 + i: str(i + 1) for i in range(9)},  # ➀..➈
    0x2789: "10",
    **{0x278A + i: str(i + 1) for i in range(9)},  # ➊..➒
    0x2793: "10",
    **{0x24F5 + i: str(i + 1) for i in range(9)},  # ⓵..⓽
    0x24FE: "10",
    0x24FF: "0",  # ⓿
    0x1F51F: "10",  # 🔟
}
_SYMBOL_DIGIT = re.compile("[\u2776-\u2793\u24f5-\u24ff\U0001f51f]")
# "Fancy text" small capitals have no NFKC form either; ads spell numbers and names with them.
_SMALL_CAPITALS = str.maketrans(
    "ᴀʙᴄᴅᴇꜰɢʜɪᴊᴋʟᴍɴᴏᴘʀꜱᴛᴜᴠᴡʏᴢ",
    "abcdefghijklmnoprstuvwyz",
)


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


def _ascii_digit(match: re.Match[str]) -> str:
    return str(unicodedata.decimal(match.group(0), 0))


def _symbol_digit(match: re.Match[str]) -> str:
    return _SYMBOL_DIGITS.get(ord(match.group(0)), "")


def normalize(text: str, max_chars: int = MAX_TEXT_CHARS) -> str:
    """Capped, NFKC-normalised ``text`` with invisible characters removed and all digits ASCII.

    Never raises on any ``str``. Pure ASCII text only gets the cap and control clean-up.
    Example: ``normalize("６１７\u200b５５５ ❶") == "617555 1"``.
    """
    if not isinstance(text, str):
        text = str(text)
    text = cap_text(text, max_chars)
    if text.isascii():
        return _CONTROL.sub(" ", text) if not text.isprintable() else text
    text = _SURROGATE.sub("\ufffd", text)
    text = _INVISIBLE.sub("", text)
    text = _SYMBOL_DIGIT.sub(_symbol_digit, text).translate(_SMALL_CAPITALS)
    text = unicodedata.normalize("NFKC", text)
    text = _NON_ASCII_DIGIT.sub(_ascii_digit, text)
    return _CONTROL.sub(" ", text)


def digitize(text: str) -> str:
    """``text`` (normalised) lower-cased, with spelled-out numbers and look-alikes as digits.

    Only numeric contexts change: number words become their digits ("twenty-three" -> "23",
    "soixante-dix-huit" -> "78", "восемь" -> "8", "一三八" -> "138"), and o, l, i and | become
    0 and 1 where they touch digits. Cheap tests skip the passes text does not need.
    Example: ``digitize("six one 7 - 5five5 - O1 23") == "61 7 - 555 - 01 23"``.
    """
    lower = text.lower()
    if numbers.has_spelled_digits(lower):
        return numbers.digits_for_lookalikes(numbers.spelled_to_digits(lower))
    if numbers.has_lookalikes(lower):
        return numbers.digits_for_lookalikes(lower)
    return lower
