"""Wallet addresses: checksums per BIP-173/350, Bitcoin Core base58 data and EIP-55.

Test data from ../shared/vectors/crypto (see its README for provenance and licences):
- bip173/bip173_vectors.json, bip350/bip350_vectors.json: bitcoin/bips (BSD-2-Clause);
- bitcoin-core/base58_encode_decode.json, key_io_invalid.json: bitcoin/bitcoin (MIT);
- eip55/eip55_checksum_valid.json: ethereum/EIPs EIP-55 (CC0-1.0).
"""

from __future__ import annotations

import hashlib
import json
import os
from typing import Any, Dict, List

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from htintel.extract import wallets as wallets_module
from htintel.extract.keccak import keccak256
from htintel.extract.wallets import base58_decode, find_wallets, validate_wallet

VECTORS = os.path.join(
    os.path.dirname(os.path.abspath(__file__)),
    "..",
    "..",
    "..",
    "..",
    "shared",
    "vectors",
    "crypto",
)


def _load(relative: str) -> Any:
    with open(os.path.join(VECTORS, relative), encoding="utf-8") as handle:
        return json.load(handle)


def _segwit_items(relative: str, valid: bool) -> List[Dict[str, Any]]:
    heading_start = (
        "The following list gives valid segwit"
        if valid
        else "The following list gives invalid segwit"
    )
    groups = _load(relative)["groups"]
    return [
        item
        for group in groups
        if group["heading"].startswith(heading_start)
        for item in group["items"]
    ]


BIP173_VALID = _segwit_items("bip173/bip173_vectors.json", valid=True)
BIP173_INVALID = _segwit_items("bip173/bip173_vectors.json", valid=False)
BIP350_VALID = _segwit_items("bip350/bip350_vectors.json", valid=True)
BIP350_INVALID = _segwit_items("bip350/bip350_vectors.json", valid=False)
BASE58 = _load("bitcoin-core/base58_encode_decode.json")
KEY_IO_INVALID = [entry[0] for entry in _load("bitcoin-core/key_io_invalid.json")]
EIP55_VALID = _load("eip55/eip55_checksum_valid.json")["checksum_valid"]

# Well-known mainnet addresses from the Bitcoin wiki's address examples.
P2PKH = "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2"
P2SH = "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy"
BECH32_V0 = "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"


def _base58check(version: int, payload: bytes) -> str:
    """Test-side encoder, written here so checks do not depend on the code under test."""
    alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
    raw = bytes([version]) + payload
    raw += hashlib.sha256(hashlib.sha256(raw).digest()).digest()[:4]
    number = int.from_bytes(raw, "big")
    encoded = ""
    while number:
        number, digit = divmod(number, 58)
        encoded = alphabet[digit] + encoded
    return "1" * (len(raw) - len(raw.lstrip(b"\0"))) + encoded


@pytest.mark.parametrize("item", BIP350_VALID, ids=lambda item: item["string"][:24])
def test_bip350_valid_mainnet_addresses_are_reported_lowercase(item: Dict[str, Any]) -> None:
    address = item["string"]
    expected = "btc:" + address.lower() if address.lower().startswith("bc1") else None
    assert validate_wallet(address) == expected


@pytest.mark.parametrize(
    "item", BIP350_INVALID + BIP173_INVALID, ids=lambda item: repr(item["string"][:24])
)
def test_bip173_and_bip350_invalid_addresses_are_never_reported(item: Dict[str, Any]) -> None:
    assert validate_wallet(item["string"]) is None
    assert find_wallets(f"pay to {item['string']} now") == ()


@pytest.mark.parametrize("item", BIP173_VALID, ids=lambda item: item["string"][:24])
def test_bip173_valid_addresses_follow_bip350_for_witness_version_1_and_up(
    item: Dict[str, Any],
) -> None:
    # BIP-350 replaced BIP-173's checksum for v1+: only the v0 mainnet vectors stay valid.
    address = item["string"].lower()
    is_v0_mainnet = address.startswith("bc1q")
    assert validate_wallet(item["string"]) == ("btc:" + address if is_v0_mainnet else None)


@pytest.mark.parametrize(("hex_bytes", "encoded"), BASE58, ids=lambda value: value[:16])
def test_base58_decodes_bitcoin_core_vectors(hex_bytes: str, encoded: str) -> None:
    assert base58_decode(encoded) == bytes.fromhex(hex_bytes)


@pytest.mark.parametrize("string", KEY_IO_INVALID, ids=lambda value: value[:20] or "empty")
def test_bitcoin_core_invalid_keys_are_not_bitcoin_addresses(string: str) -> None:
    # 21 of these pass a bare base58 checksum: version byte and length must reject them.
    value = validate_wallet(string)
    assert value is None or not value.startswith("btc:")
    assert not any(w.startswith("btc:") for w in find_wallets(string))


@pytest.mark.parametrize("address", EIP55_VALID)
def test_eip55_checksummed_addresses_are_reported_lowercase(address: str) -> None:
    assert find_wallets(f"ETH: {address}.") == ("eth:0x" + address[2:].lower(),)


@pytest.mark.parametrize("address", EIP55_VALID)
def test_eip55_address_with_one_letter_case_flipped_is_rejected(address: str) -> None:
    position = next(i for i, c in enumerate(address) if i > 1 and c.isalpha())
    flipped = address[:position] + address[position].swapcase() + address[position + 1 :]
    assert validate_wallet(flipped) is None


@pytest.mark.parametrize("transform", [str.lower, str.upper])
def test_single_case_ethereum_addresses_have_no_checksum_to_check(transform: Any) -> None:
    hex_digits = transform(EIP55_VALID[0][2:])
    assert validate_wallet("0x" + hex_digits) == "eth:0x" + hex_digits.lower()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"BTC {P2PKH} or {P2SH}", (f"btc:{P2PKH}", f"btc:{P2SH}")),
        (f"deposit to {BECH32_V0.upper()}!", (f"btc:{BECH32_V0}",)),
        (f"bitcoin:{P2PKH}?amount=0.01", (f"btc:{P2PKH}",)),
        (f"{P2PKH} {P2PKH} again", (f"btc:{P2PKH}",)),
        # One character changed: the checksum fails and nothing is reported.
        (P2PKH[:-1] + "3", ()),
        (BECH32_V0[:-1] + "p", ()),
        # Glued to other letters: not a standalone address.
        (f"x{P2PKH}", ()),
        ("Rates 150 per hour, call 617-555-0123", ()),
        ("averyveryverylongwordwithoutanydigitsatallxx", ()),
        ("0x" + "g" * 40, ()),
    ],
)
def test_wallets_in_text(text: str, expected: tuple) -> None:
    assert find_wallets(text) == expected


@pytest.mark.parametrize(
    ("version", "coin"), [(0x00, "btc"), (0x05, "btc"), (0x30, "ltc"), (0x32, "ltc"), (0x41, "trx")]
)
def test_base58check_version_bytes_name_the_coin(version: int, coin: str) -> None:
    address = _base58check(version, bytes(range(20)))
    assert find_wallets(f"send to {address}") == (f"{coin}:{address}",)


@pytest.mark.parametrize("version", [0x6F, 0xC4, 0x80, 0x1E])
def test_testnet_and_other_version_bytes_are_not_reported(version: int) -> None:
    assert find_wallets(_base58check(version, bytes(range(20)))) == ()


def test_base58check_with_a_wrong_payload_length_is_not_reported() -> None:
    assert find_wallets(_base58check(0x00, bytes(range(21)))) == ()


# The Monero General Fund donation address published on getmonero.org (standard, 0x12).
MONERO = "44AFFq5kSiGBoZ4NMDwYtN18obc8AemS33DBLWs3H7otXft3XjrpDtQGv7SqSsaBYBb98uNbr2VBBEt7f2wfn3RVGQBEP3A"


def _monero_address(network_byte: int, body: bytes) -> str:
    """Test-side encoder: Monero block base58 (8 bytes -> 11 characters) with Keccak check."""
    alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
    encoded_sizes = {1: 2, 2: 3, 3: 5, 4: 6, 5: 7, 6: 9, 7: 10, 8: 11}
    raw = bytes([network_byte]) + body
    raw += keccak256(raw)[:4]
    text = ""
    for start in range(0, len(raw), 8):
        block = raw[start : start + 8]
        number = int.from_bytes(block, "big")
        chars = ""
        for _ in range(encoded_sizes[len(block)]):
            number, digit = divmod(number, 58)
            chars = alphabet[digit] + chars
        text += chars
    return text


def test_published_monero_address_is_reported_as_written() -> None:
    assert find_wallets(f"XMR only: {MONERO}") == (f"xmr:{MONERO}",)


def test_monero_address_with_one_character_changed_is_rejected() -> None:
    changed = MONERO[:50] + ("A" if MONERO[50] != "A" else "B") + MONERO[51:]
    assert find_wallets(changed) == ()


@pytest.mark.parametrize(
    ("network_byte", "body_length", "reported"),
    [(0x12, 64, True), (0x2A, 64, True), (0x13, 72, True), (0x18, 64, False), (0x12, 72, False)],
)
def test_monero_network_byte_and_length_must_agree(
    network_byte: int, body_length: int, reported: bool
) -> None:
    address = _monero_address(network_byte, bytes(range(body_length)))
    assert find_wallets(address) == ((f"xmr:{address}",) if reported else ())


_VALID_ADDRESSES = [MONERO, P2PKH, P2SH, BECH32_V0, *EIP55_VALID] + [
    item["string"] for item in BIP350_VALID if item["string"].lower().startswith("bc1")
]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_arbitrary_text_never_raises(text: str) -> None:
    assert isinstance(find_wallets(text), tuple)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.one_of(st.sampled_from(_VALID_ADDRESSES), st.text(max_size=30)), max_size=8).map(
        " ".join
    )
)
def test_every_output_revalidates_and_extraction_is_idempotent(text: str) -> None:
    wallets = find_wallets(text)
    for wallet in wallets:
        address = wallet.split(":", 1)[1]
        assert validate_wallet(address) == wallet
    assert find_wallets(" ".join(w.split(":", 1)[1] for w in wallets)) == wallets


def test_many_lookalike_checksummed_addresses_do_not_hide_cheap_ones() -> None:
    # Past the Keccak budget, mixed-case look-alikes are skipped; base58 and bech32 still count.
    lookalike = "0x" + EIP55_VALID[0][2:].swapcase()
    text = " ".join([lookalike] * 3 + [f"0x{'aB' * 19}{i:02d}" for i in range(40)])
    assert find_wallets(f"{text} {P2PKH} {BECH32_V0}") == (f"btc:{P2PKH}", f"btc:{BECH32_V0}")


def _find_wallets_by_scanning_every_position(text: str) -> tuple:
    """The finder as a regex search over the whole text: what the run-by-run reading must give."""
    marks = text.encode("utf-8", "surrogatepass").translate(
        bytes(0x61 if chr(b).isascii() and chr(b).isalnum() else 0x20 for b in range(256))
    )
    if b"a" * 25 not in marks:
        return ()
    found: list = []
    keccak_budget = wallets_module._MAX_KECCAK_CHECKS
    for match in wallets_module._CANDIDATE.finditer(text):
        if wallets_module._needs_keccak(match):
            if keccak_budget == 0:
                continue
            keccak_budget -= 1
        wallet = validate_wallet(match.group(0))
        if wallet is not None and wallet not in found:
            found.append(wallet)
    return tuple(found)


# Runs cut by non-ASCII letters and digits, short bech32 next to long runs, runs at either
# end of the text, runs of exactly 25 and 11 characters, lone surrogates.
_RUN_EDGE_CASES = [
    "",
    P2PKH,
    f"{P2PKH}é{P2SH}",
    f"é{P2PKH}é",
    f"{P2PKH}٣",
    f"x{P2PKH}",
    f"{P2PKH}_{P2SH}",
    f"\ud800{BECH32_V0}\udfff",
    f"BC1SW50QGDZ25J {P2PKH}",
    "BC1SW50QGDZ25J",
    "a" * 25,
    "a" * 24 + "é" + "a" * 24,
    "a" * 11 + " " + "b" * 25,
    f"{MONERO} {MONERO[:-1]} {EIP55_VALID[0]}",
    f"{P2PKH}{P2PKH}",
    f"{'0x' + EIP55_VALID[0][2:].swapcase()} " * 20 + P2SH,
    "١٢٣٤٥٦٧٨٩" * 4,
    "ｂｃ１ｑ" * 10 + P2PKH,
]


@pytest.mark.parametrize("text", _RUN_EDGE_CASES)
def test_reading_run_by_run_finds_what_a_full_scan_finds(text: str) -> None:
    assert find_wallets(text) == _find_wallets_by_scanning_every_position(text)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from([*_VALID_ADDRESSES, "BC1SW50QGDZ25J", "é", "\ud800", "_", "1" * 30]),
            st.text(alphabet="13LMTbc0xqpzry9a é٣", max_size=40),
            st.text(max_size=10),
        ),
        max_size=8,
    ).map("".join)
)
def test_reading_run_by_run_matches_a_full_scan_on_any_text(text: str) -> None:
    assert find_wallets(text) == _find_wallets_by_scanning_every_position(text)
