"""Keccak-256 (Ethereum's hash, original Keccak padding) against published digests."""

from __future__ import annotations

import hashlib

import pytest

from htintel.extract.keccak import keccak256


@pytest.mark.parametrize(
    ("message", "digest"),
    [
        # Keccak team / Ethereum yellow paper: the empty-input digest every client checks.
        (b"", "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"),
        # Keccak-256 "abc", as given in the Keccak reference known-answer tests.
        (b"abc", "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45"),
        # web3.utils.keccak256("hello world"), a value quoted in Ethereum documentation.
        (b"hello world", "47173285a8d7341e5e972fc677286384f802f8ef42a5ec5f03bbfa254cb01fad"),
    ],
)
def test_known_digests(message: bytes, digest: str) -> None:
    assert keccak256(message).hex() == digest


@pytest.mark.parametrize("length", [135, 136, 137, 272, 1000])
def test_inputs_around_the_block_size_give_32_byte_digests_unlike_sha3(length: int) -> None:
    message = bytes(range(256)) * 4
    digest = keccak256(message[:length])
    assert len(digest) == 32
    # Same sponge, different padding: NIST SHA3-256 must never agree with Keccak-256.
    assert digest != hashlib.sha3_256(message[:length]).digest()


def test_erc20_transfer_selector_is_the_first_four_bytes_of_its_signature_hash() -> None:
    # The ERC-20 transfer(address,uint256) selector 0xa9059cbb is on every token transfer.
    assert keccak256(b"transfer(address,uint256)")[:4].hex() == "a9059cbb"
