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
from types import MappingProxyType
from typing import Mapping

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
_INVISIBLE = (
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u20e3\u3164\ufe00-\ufe0f\ufeff\uffa0\U000e0000-\U000e0fff"
)
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
# The single characters share one class: one test per position instead of three is what
# makes this pass cheap on non-ASCII text. _replacement tells them apart.
_SPECIAL = re.compile(
    "["
    + _INVISIBLE
    + "]+|[\ud800-\udfff\x00-\x08\x0b-\x1f\x7f-\x9f"
    + "".join(_REPLACEMENTS)
    + "]|[^\\D0-9]"
)
# Emoji and symbols ads put between digit groups ("702💋555💋0123") separate the groups.
_SYMBOLS_BETWEEN_DIGITS = re.compile(
    "([0-9])\\s{0,2}[\u2190-\u21ff\u2600-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff]+\\s{0,2}(?=[0-9])"
)
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


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
    char = match.group(0)
    first = char[0]
    if first in _REPLACEMENTS:
        return _REPLACEMENTS[first]
    if "\ud800" <= first <= "\udfff":
        return "\ufffd"
    if first <= "\x9f":
        return " "
    if first.isdecimal():
        return str(unicodedata.decimal(first, 0))
    return ""  # invisible


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
    text = _SPECIAL.sub(_replacement, text)
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    return text


def digitize(text: str) -> str:
    """``text`` (normalised) lower-cased, with spelled-out numbers and look-alikes as digits.

    Only numeric contexts change: number words become their digits ("twenty-three" -> "23",
    "soixante-dix-huit" -> "78", "восемь" -> "8", "一三八" -> "138"), and o, l, i and | become
    0 and 1 where they touch digits. Cheap tests skip the passes text does not need.
    Example: ``digitize("six one 7 - 5five5 - O1 23") == "61 7 - 555 - 01 23"``.
    """
    lower = text.lower()
    if not lower.isascii():
        lower = _SYMBOLS_BETWEEN_DIGITS.sub(r"\1 ", lower)
    spelled, lookalikes = numbers.needed_passes(lower)
    if spelled:
        return numbers.digits_for_lookalikes(numbers.spelled_to_digits(lower))
    if lookalikes:
        return numbers.digits_for_lookalikes(lower)
    return lower
