"""Phone numbers: candidates in de-obfuscated text, validated by phonenumbers, as E.164.

A candidate is a run of digit groups joined by phone-style separators, found after the
shared de-obfuscation layer has turned spelled-out numbers and look-alike letters into
digits. It is reported only when phonenumbers says it is a VALID number for the ad's region
(or for the country code it is written with), and only when its context does not say it is
something else: a post or reference ID, a price, a date, a time or a body measurement.
Without a region hint only numbers that carry their country (+CC, 00CC, or 1 plus a valid
North American number) are accepted.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, List, Optional, Tuple

import phonenumbers

from htintel.extract import deobfuscate, numbers

MIN_DIGITS = 8  # fewer digits are never a full number with its area code
MAX_DIGITS = 15  # E.164 limit; an international prefix (00, 011) may come on top
MAX_WINDOW_GROUPS = 8  # a phone number is written in at most this many digit groups
VALIDATION_CACHE_SIZE = 16_384  # distinct (candidate, region) pairs; feeds repeat numbers
CONTEXT_CACHE_SIZE = 8192  # distinct last words before a number; ads repeat "Call or text"
_CONTEXT_CHARS = 40  # how far before a number its context is read
_NEAR_CHARS = 8  # how far before a number a "+" or a currency is looked for
# How far after a number a currency or unit is looked for: _CURRENCY_AFTER reads at most
# two spaces and a seven-letter word ("dollars").
_AFTER_CHARS = 12

_RUN = numbers.PHONE_RUN  # a candidate: digit groups joined by separators
_GROUP_SPLIT = re.compile(r"([0-9]+)")
# A gap longer than this (or a tab/newline) between digit groups ends the number.
_MAX_GAP = 3
_DECIMAL_TAIL = re.compile(r"[,.][0-9]")
_CURRENCY_SIGNS = "$€£¥₽₹₩฿₫₱"
_CURRENCY_SYMBOLS = frozenset(_CURRENCY_SIGNS)
_CURRENCY_CODES = ("usd", "eur", "gbp", "rub", "r$", "us$")
# Currency words right after a number (a price): regex alternatives.
_CURRENCY_WORDS_AFTER = (
    "usd", "eur", "gbp", "dollars?", "euros?", "rubles?", "руб", "pesos", "reais", "yuan",
    "元", "块", r"k\b",
)  # fmt: skip
_CURRENCY_AFTER = re.compile(
    r"\s{0,2}(?:[" + _CURRENCY_SIGNS + "]|(?:" + "|".join(_CURRENCY_WORDS_AFTER) + "))"
)
# Besides whitespace, the characters a _CURRENCY_AFTER match can start with: most runs
# are followed by neither, and skip the regex.
_CURRENCY_AFTER_FIRST = frozenset(_CURRENCY_SIGNS + "".join(w[0] for w in _CURRENCY_WORDS_AFTER))
# Words right before a number that say it is not a phone: an ad, post or reference ID, a
# zip or postal code, an account or card number ...
_ID_WORDS = frozenset(
    "post ad ads ref reference order invoice ticket case listing item report zip zipcode "
    "postal postcode sku account acct iban card serial tracking transaction txn anuncio "
    "annonce anúncio referencia référence réf codigo código cp plz cap inserat anzeige "
    "annuncio rif riferimento codice объявление объявления заказ id "
    # tax, identity and vehicle numbers: VAT (IT, ES, DE), CPF/CNPJ (BR), ИНН (RU), SSN ...
    "iva p.iva piva partita fiscale cf cpf cnpj inn инн огрн vin ssn nif dni nie siret siren "
    "ust ust-idnr steuernummer rfc curp "
    # national identity and social-security numbers: PH, IN, SG, AU, GB, NL, PL, CL, AR, RO
    "sss aadhaar aadhar nric abn acn nino bsn pesel regon rut cuit cuil cnp".split()
)
# ... optionally followed by one of these ("Post ID:", "Anuncio No.", "Inserat-Nr").
_ID_QUALIFIERS = frozenset("id # no nr n° nº num number code № номер".split())
# "Line ID: 0812345678" names a messenger account, which may well be a phone number.
_MESSENGERS = frozenset("line kik wechat skype telegram whatsapp viber signal zalo kakao".split())
_ID_SUFFIXES_CJK = ("编号", "广告", "编码", "單號", "单号", "身份证", "身份证号", "订单")
_TRAILING_PUNCTUATION = " \t:#=.-№\n"
# Whitespace-separated pieces of a run that are dates, times, body measurements or
# decimals such as coordinates (40.7128 -74.0060).
_NOT_PHONE_TOKEN = re.compile(
    r"(?:(?:0?[1-9]|[12][0-9]|3[01])([/.\-])(?:0?[1-9]|[12][0-9]|3[01])\1(?:19|20)?[0-9]{2}"
    r"|(?:19|20)[0-9]{2}([/.\-])[01]?[0-9]\2[0-3]?[0-9]"
    r"|[0-2]?[0-9][.:][0-5][0-9](?:-[0-2]?[0-9][.:][0-5][0-9])?"
    r"|[2-5][0-9]-[1-4][0-9]-[2-5][0-9]"
    r"|-?[0-9]{1,3}\.[0-9]{4,6})\Z"
)


def _context_says_not_a_phone(before: str) -> bool:
    """True when the words right before a number name it an ID, a reference or a code."""
    tail = before.rstrip(_TRAILING_PUNCTUATION)
    if tail.endswith(_ID_SUFFIXES_CJK):
        return True
    # Only the last two words count. They lie in the last two whitespace-separated pieces
    # unless one of those is all dashes (no word at all), so those pieces make a short
    # cache key that recurs across ads ("my number", "Post ID").
    pieces = tail.rsplit(None, 2)
    if len(pieces) == 3 and pieces[1].strip("-") and pieces[2].strip("-"):
        return _last_words_name_an_id(pieces[1] + " " + pieces[2])
    return _last_words_name_an_id(tail)


@lru_cache(maxsize=CONTEXT_CACHE_SIZE)
def _last_words_name_an_id(tail: str) -> bool:
    words = tail.replace("-", " ").replace("#", " # ").replace("№", " № ").split()[-3:]
    words = [word.strip(".,;:()[]") for word in words]
    if not words:
        return False
    last = words[-1]
    previous = words[-2] if len(words) > 1 else ""
    if last in _ID_QUALIFIERS and previous in _ID_WORDS and previous != "id":
        return True
    if last == "id" or last == "№":
        return previous not in _MESSENGERS
    return last in _ID_WORDS


def _currency_before(near: str) -> bool:
    near = near.rstrip()
    return bool(near) and (near[-1] in _CURRENCY_SYMBOLS or near.endswith(_CURRENCY_CODES))


def region_is_supported(region: Optional[str]) -> bool:
    """True when phonenumbers knows ``region`` (an ISO 3166-1 alpha-2 code, upper case)."""
    return region is not None and region in phonenumbers.SUPPORTED_REGIONS


@lru_cache(maxsize=VALIDATION_CACHE_SIZE)
def _valid_e164(number: str, region: Optional[str]) -> Optional[str]:
    """E.164 of ``number`` parsed for ``region`` when phonenumbers calls it valid, else None."""
    try:
        parsed = phonenumbers.parse(number, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(parsed):
        return None
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def validate_digits(digits: str, plus: bool, region: Optional[str]) -> Optional[str]:
    """E.164 for a digit string written with or without a leading "+", or None.

    Without "+", the number must be valid for ``region``; without a region it must carry its
    country another way: an international prefix (00, 011) or 1 + a North American number.
    """
    if not MIN_DIGITS <= len(digits) <= MAX_DIGITS + 3:
        return None
    if plus:
        return _valid_e164("+" + digits, None) if len(digits) <= MAX_DIGITS else None
    if region is not None:
        found = _valid_e164(digits, region)
        if found is not None or not digits.startswith("00"):
            return found
    if digits.startswith("00"):
        return _valid_e164("+" + digits[2:], None)
    if digits.startswith("011"):
        return _valid_e164("+" + digits[3:], None)
    if region is None and len(digits) == 11 and digits[0] == "1":
        return _valid_e164("+" + digits, None)
    return None


def phone_from_link(candidate: str) -> Optional[str]:
    """E.164 for the number of a wa.me / WhatsApp link (always international), or None."""
    digits = "".join(c for c in candidate if c.isdigit() and c.isascii())
    return validate_digits(digits, True, None)


def _groups_of(run: str) -> List[List[str]]:
    """The run's digit groups, split into segments wherever the gap is too long to be one number."""
    parts = _GROUP_SPLIT.split(run)  # gap, digits, gap, digits, ..., gap
    groups = parts[1::2]
    inner_gaps = parts[2:-1:2]
    if not groups:
        return []
    # Most runs are one number: no gap too long, no tab, hence one segment.
    if not inner_gaps or (max(map(len, inner_gaps)) <= _MAX_GAP and "\t" not in run):
        return [groups]
    segments: List[List[str]] = [[groups[0]]]
    for gap, digits in zip(inner_gaps, groups[1:]):
        if len(gap) > _MAX_GAP or "\t" in gap:
            segments.append([])
        segments[-1].append(digits)
    return segments


def _clean_tokens(run: str) -> List[str]:
    """Whitespace-separated pieces of ``run`` minus the dates, times and measurements."""
    return [token for token in run.split() if token.isdigit() or not _NOT_PHONE_TOKEN.match(token)]


def _numbers_in_groups(groups: List[str], plus: bool, region: Optional[str]) -> List[str]:
    """Valid numbers in a sequence of digit groups: the whole, else the longest valid windows."""
    whole = validate_digits("".join(groups), plus, region)
    if whole is not None:
        return [whole]
    found: List[str] = []
    start = 0
    while start < len(groups):
        taken = False
        for end in range(min(len(groups), start + MAX_WINDOW_GROUPS), start, -1):
            digits = "".join(groups[start:end])
            if len(digits) < MIN_DIGITS:
                break
            if (end - start == len(groups)) or len(digits) > MAX_DIGITS + 3:
                continue
            number = validate_digits(digits, plus and start == 0, region)
            if number is not None:
                found.append(number)
                start = end
                taken = True
                break
        if not taken:
            start += 1
    return found


@lru_cache(maxsize=VALIDATION_CACHE_SIZE)
def _numbers_in_run_text(
    run: str,
    plus: bool,
    currency_before: bool,
    currency_after: bool,
    unit_after: bool,
    region: Optional[str],
) -> Tuple[str, ...]:
    """Valid numbers in one candidate run; cached, since ads repeat numbers and their formats."""
    tokens = _clean_tokens(run)
    if tokens and currency_before:
        tokens = tokens[1:]
    if tokens and currency_after:
        tokens = tokens[:-1]
    elif len(tokens) > 1 and unit_after:
        # A size, unit or decimal glued to the last group: "... 75B", "... 2hrs", "... 1,68m".
        tokens = tokens[:-1]
    found: List[str] = []
    for segment in _groups_of(" ".join(tokens)):
        found.extend(_numbers_in_groups(segment, plus, region))
        plus = False
    return tuple(found)


def find_phones(text: str, region: Optional[str] = None) -> Tuple[str, ...]:
    """E.164 numbers in normalised ad ``text``, in order of first appearance, no duplicates.

    ``region`` is the ISO2 region hint (None: only internationally written numbers count).
    Spelled-out and look-alike digits are read when the text has any (see deobfuscate).
    Example: ``find_phones("six one 7 - 5five5 - O1 23", "US") == ("+16175550123",)``.
    """
    if not region_is_supported(region):
        region = None
    text, may_hold_run = deobfuscate.digitize_for_phones(text)
    if not may_hold_run:
        return ()
    found: List[str] = []
    for match in _RUN.finditer(text):
        start, end = match.span()
        near = text[max(0, start - _NEAR_CHARS) : start]
        next_char = text[end : end + 1]
        currency_after = (next_char in _CURRENCY_AFTER_FIRST or next_char.isspace()) and (
            _CURRENCY_AFTER.match(text, end, end + _AFTER_CHARS) is not None
        )
        # The run's cache key is its text and these few flags, not its whole context:
        # feeds repeat the same number in different sentences.
        run_numbers = _numbers_in_run_text(
            match.group(),
            near.rstrip(" (").endswith("+"),
            _currency_before(near),
            currency_after,
            not currency_after
            and (next_char.isalpha() or _DECIMAL_TAIL.match(text, end) is not None),
            region,
        )
        # The context test is the dearest, so it runs only for runs that hold a valid number.
        if run_numbers and not _context_says_not_a_phone(
            text[max(0, start - _CONTEXT_CHARS) : start]
        ):
            for number in run_numbers:
                if number not in found:
                    found.append(number)
    return tuple(found)


def validate_candidates(candidates: Iterable[str]) -> Tuple[str, ...]:
    """E.164 numbers for messenger-link digit strings (wa.me/...), invalid ones dropped."""
    found: List[str] = []
    for candidate in candidates:
        number = phone_from_link(candidate)
        if number is not None and number not in found:
            found.append(number)
    return tuple(found)
