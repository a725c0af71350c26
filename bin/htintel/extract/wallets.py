"""Cryptocurrency wallet addresses, reported only when their checksum holds.

Bitcoin: base58check P2PKH (version 0x00, "1...") and P2SH (0x05, "3..."), segwit v0
bech32 (BIP-173) and v1+ bech32m (BIP-350) with the mainnet prefix "bc". Litecoin: base58check
0x30 ("L...") and 0x32 ("M...") and segwit with prefix "ltc". Tron: base58check 0x41 ("T...").
Monero: standard ("4..."), subaddress ("8...") and integrated addresses in Monero's block
base58 with a Keccak-256 checksum. Ethereum: "0x" + 40 hex digits; mixed case must match
EIP-55, all-lower or all-upper has no checksum to check. A string that fails its checksum is not an address (a typo or a look-alike)
and is never reported.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from typing import Dict, List, Optional, Tuple

from htintel.extract.keccak import keccak256

_BASE58_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_BASE58_VALUES: Dict[str, int] = {c: i for i, c in enumerate(_BASE58_ALPHABET)}
_BASE58_BYTES = _BASE58_ALPHABET.encode("ascii")
_BASE58_DIGIT_VALUES = bytes.maketrans(_BASE58_BYTES, bytes(range(58)))
_BECH32_ALPHABET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
_BECH32_VALUES: Dict[str, int] = {c: i for i, c in enumerate(_BECH32_ALPHABET)}
_BECH32_CONST = 1
_BECH32M_CONST = 0x2BC830A3
_BECH32_GENERATORS = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)

# base58check version byte -> output prefix; every supported payload is version + 20 bytes.
_BASE58_VERSIONS: Dict[int, str] = {0x00: "btc", 0x05: "btc", 0x30: "ltc", 0x32: "ltc", 0x41: "trx"}
_SEGWIT_HRPS: Dict[str, str] = {"bc": "btc", "ltc": "ltc"}
# Monero mainnet network bytes: standard address, subaddress; integrated adds a payment ID.
_MONERO_PREFIXES = frozenset({0x12, 0x2A, 0x13})
_MONERO_INTEGRATED = 0x13
_MONERO_BLOCK_BYTES: Dict[int, int] = {2: 1, 3: 2, 5: 3, 6: 4, 7: 5, 9: 6, 10: 7, 11: 8}

# Every address is a run of ASCII letters and digits. Encoded as Latin-1 with "?" for anything
# beyond (a plain copy for most European text), the text has one byte per character; mapping
# each byte to "a" (letter or digit) or " " finds the runs with C-level searches instead of
# a regex tried at every position.
_RUN_MARKS = bytes(0x61 if chr(b).isascii() and chr(b).isalnum() else 0x20 for b in range(256))
# Texts without a run of 25+ are skipped whole. Searching for the run's end too is faster:
# only a " " ends the needle, so a failed comparison skips 26 bytes.
_SHORTEST_ADDRESS_RUN = b"a" * 25
_SHORTEST_ADDRESS_RUN_END = _SHORTEST_ADDRESS_RUN + b" "
# The shortest run _CANDIDATE can match: "bc1" + 8 bech32 characters.
_SHORTEST_CANDIDATE = 11
_SHORTEST_CANDIDATE_RUN = b"a" * _SHORTEST_CANDIDATE
# An integrated Monero address; no other kind is longer (segwit: 91 at most).
_LONGEST_CANDIDATE = 106
# Keccak checksums per text; a real ad holds a handful of addresses at most.
_MAX_KECCAK_CHECKS = 16
_CANDIDATE = re.compile(
    r"(?<![0-9A-Za-z])(?:"
    r"(?P<eth>0[xX][0-9a-fA-F]{40})"
    r"|(?P<segwit>(?:[bB][cC]|[lL][tT][cC])1[02-9ac-hj-np-zAC-HJ-NP-Z]{8,87})"
    r"|(?P<monero>[48][1-9A-HJ-NP-Za-km-z]{94}(?:[1-9A-HJ-NP-Za-km-z]{11})?)"
    r"|(?P<base58>[1-9A-HJ-NP-Za-km-z]{25,35})"
    r")(?![0-9A-Za-z])"
)


def base58_decode(text: str) -> Optional[bytes]:
    """The bytes a base58 string encodes (leading "1"s are zero bytes), or None if not base58."""
    if not text.isascii():
        return None
    encoded = text.encode("ascii")
    if encoded.translate(None, _BASE58_BYTES):
        return None  # a character outside the alphabet
    number = 0
    # Digit values by one C-level translate: the loop is then integer arithmetic only.
    for value in encoded.translate(_BASE58_DIGIT_VALUES):
        number = number * 58 + value
    leading_zeros = len(text) - len(text.lstrip("1"))
    body = number.to_bytes((number.bit_length() + 7) // 8, "big") if number else b""
    return b"\x00" * leading_zeros + body


def base58check_encode(version: int, payload: bytes) -> str:
    """The base58check string of a version byte and payload (the inverse of the check below).

    Used to generate sample and benchmark addresses; tests keep their own encoder.
    """
    raw = bytes([version]) + payload
    raw += hashlib.sha256(hashlib.sha256(raw).digest()).digest()[:4]
    number = int.from_bytes(raw, "big")
    encoded = ""
    while number:
        number, digit = divmod(number, 58)
        encoded = _BASE58_ALPHABET[digit] + encoded
    return "1" * (len(raw) - len(raw.lstrip(b"\x00"))) + encoded


def _base58check_wallet(text: str) -> Optional[str]:
    raw = base58_decode(text)
    if raw is None or len(raw) != 25:
        return None
    payload, checksum = raw[:-4], raw[-4:]
    if hashlib.sha256(hashlib.sha256(payload).digest()).digest()[:4] != checksum:
        return None
    coin = _BASE58_VERSIONS.get(payload[0])
    return f"{coin}:{text}" if coin else None


def _bech32_polymod(values: List[int]) -> int:
    checksum = 1
    for value in values:
        top = checksum >> 25
        checksum = (checksum & 0x1FFFFFF) << 5 ^ value
        for i in range(5):
            if (top >> i) & 1:
                checksum ^= _BECH32_GENERATORS[i]
    return checksum


def _convert_bits(data: List[int], from_bits: int, to_bits: int) -> Optional[List[int]]:
    """Regroup 5-bit words into bytes, rejecting non-zero or over-long padding (BIP-173)."""
    accumulator = 0
    bits = 0
    result: List[int] = []
    max_value = (1 << to_bits) - 1
    for value in data:
        accumulator = (accumulator << from_bits) | value
        bits += from_bits
        while bits >= to_bits:
            bits -= to_bits
            result.append((accumulator >> bits) & max_value)
    if bits >= from_bits or ((accumulator << (to_bits - bits)) & max_value):
        return None
    return result


def _segwit_wallet(text: str) -> Optional[str]:
    if len(text) > 90 or (text != text.lower() and text != text.upper()):
        return None
    address = text.lower()
    hrp, _, data_part = address.rpartition("1")
    coin = _SEGWIT_HRPS.get(hrp)
    if coin is None or len(data_part) < 7:
        return None
    data = [_BECH32_VALUES[c] for c in data_part]  # the candidate regex admits only bech32 chars
    expanded_hrp = [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]
    constant = _bech32_polymod(expanded_hrp + data)
    version = data[0]
    if version > 16 or constant != (_BECH32_CONST if version == 0 else _BECH32M_CONST):
        return None
    program = _convert_bits(data[1:-6], 5, 8)
    if program is None or not 2 <= len(program) <= 40:
        return None
    if version == 0 and len(program) not in (20, 32):
        return None
    return f"{coin}:{address}"


def _eip55_checksum_holds(hex_digits: str) -> bool:
    lower = hex_digits.lower()
    digest = keccak256(lower.encode("ascii")).hex()
    for char, nibble in zip(hex_digits, digest):
        if char.isalpha() and (char.isupper() != (int(nibble, 16) >= 8)):
            return False
    return True


def _ethereum_wallet(text: str) -> Optional[str]:
    hex_digits = text[2:]
    if hex_digits != hex_digits.lower() and hex_digits != hex_digits.upper():
        if not _eip55_checksum_holds(hex_digits):
            return None
    return "eth:0x" + hex_digits.lower()


def monero_base58_decode(text: str) -> Optional[bytes]:
    """Monero's block base58: 11 characters per 8 bytes, a shorter last block; None if invalid."""
    decoded = bytearray()
    for start in range(0, len(text), 11):
        block = text[start : start + 11]
        size = _MONERO_BLOCK_BYTES.get(len(block))
        if size is None:
            return None
        number = 0
        for char in block:
            value = _BASE58_VALUES.get(char)
            if value is None:
                return None
            number = number * 58 + value
        if number >> (8 * size):
            return None  # the block overflows its byte count
        decoded += number.to_bytes(size, "big")
    return bytes(decoded)


def _monero_wallet(text: str) -> Optional[str]:
    raw = monero_base58_decode(text)
    if raw is None or len(raw) not in (69, 77):
        return None
    payload, checksum = raw[:-4], raw[-4:]
    expected_length = 77 if payload[0] == _MONERO_INTEGRATED else 69
    if payload[0] not in _MONERO_PREFIXES or len(raw) != expected_length:
        return None
    if keccak256(payload)[:4] != checksum:
        return None
    return "xmr:" + text


@lru_cache(maxsize=4096)
def validate_wallet(candidate: str) -> Optional[str]:
    """The typed value ("btc:", "eth:0x", "ltc:", "trx:", "xmr:" + address) of an address, or None.

    None when ``candidate`` is not exactly one address of a supported kind with a valid
    checksum. Cached because feeds repeat the same wallets across many ads.
    """
    match = _CANDIDATE.fullmatch(candidate)
    if match is None:
        return None
    if match.group("eth"):
        return _ethereum_wallet(candidate)
    if match.group("segwit"):
        return _segwit_wallet(candidate)
    if match.group("monero"):
        return _monero_wallet(candidate)
    return _base58check_wallet(candidate)


def _needs_keccak(match: re.Match[str]) -> bool:
    """Monero and mixed-case Ethereum checksums cost a pure-Python Keccak (~1 ms) each."""
    if match.group("monero"):
        return True
    hex_digits = match.group("eth")
    return (
        bool(hex_digits)
        and hex_digits[2:] != hex_digits[2:].lower()
        and (hex_digits[2:] != hex_digits[2:].upper())
    )


@lru_cache(maxsize=4096)
def _run_verdict(run: str) -> Tuple[bool, Optional[str]]:
    """(whether checking ``run`` costs a Keccak, else its wallet or None); cached because
    feeds repeat the same wallets across many ads."""
    match = _CANDIDATE.fullmatch(run)
    if match is None:
        return False, None
    if _needs_keccak(match):
        return True, None  # checked by the caller, within its budget
    return False, validate_wallet(run)


def find_wallets(text: str) -> Tuple[str, ...]:
    """Checksummed wallet addresses in ``text`` as typed values, deduplicated, in order.

    Example: "BTC 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2" -> ("btc:1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2",).
    Never raises on any string.
    """
    marks = text.encode("latin-1", "replace").translate(_RUN_MARKS)
    # bytes.find, not "in": "in" first tries the needle as an int and pays for the exception.
    if marks.find(_SHORTEST_ADDRESS_RUN_END) < 0 and not marks.endswith(_SHORTEST_ADDRESS_RUN):
        return ()
    found: List[str] = []
    keccak_budget = _MAX_KECCAK_CHECKS
    # The first "a" * 11 from a run's end on starts the next run long enough for _CANDIDATE.
    run_start = marks.find(_SHORTEST_CANDIDATE_RUN)
    while run_start >= 0:
        run_end = marks.find(b" ", run_start + _SHORTEST_CANDIDATE)
        if run_end < 0:
            run_end = len(marks)
        # _CANDIDATE only matches whole runs (it is bounded by non-alphanumerics), so a
        # fullmatch of each run finds what a search over the text would.
        candidate = text[run_start:run_end]
        run_start = marks.find(_SHORTEST_CANDIDATE_RUN, run_end)
        if len(candidate) > _LONGEST_CANDIDATE:
            continue
        needs_keccak, wallet = _run_verdict(candidate)
        if needs_keccak:
            # Hostile text full of look-alike addresses must not cost seconds.
            if keccak_budget == 0:
                continue
            keccak_budget -= 1
            wallet = validate_wallet(candidate)
        if wallet is not None and wallet not in found:
            found.append(wallet)
    return tuple(found)
