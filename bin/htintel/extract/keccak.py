"""Keccak-256 as Ethereum uses it, in pure Python.

Ethereum hashes with the original Keccak submission (domain padding byte 0x01), not the
NIST SHA3-256 that ``hashlib.sha3_256`` implements (padding 0x06): the two give different
digests for every input, so EIP-55 checksums need this module.
"""

from __future__ import annotations

from typing import List, Tuple

_MASK = (1 << 64) - 1
_RATE_BYTES = 136  # 1600-bit state minus 2 x 256-bit capacity

_ROUND_CONSTANTS: Tuple[int, ...] = (
    0x0000000000000001,
    0x0000000000008082,
    0x800000000000808A,
    0x8000000080008000,
    0x000000000000808B,
    0x0000000080000001,
    0x8000000080008081,
    0x8000000000008009,
    0x000000000000008A,
    0x0000000000000088,
    0x0000000080008009,
    0x000000008000000A,
    0x000000008000808B,
    0x800000000000008B,
    0x8000000000008089,
    0x8000000000008003,
    0x8000000000008002,
    0x8000000000000080,
    0x000000000000800A,
    0x800000008000000A,
    0x8000000080008081,
    0x8000000000008080,
    0x0000000080000001,
    0x8000000080008008,
)

# Rotation offsets r[x][y], flattened as index x + 5 * y.
_ROTATIONS: Tuple[int, ...] = (
    0, 1, 62, 28, 27,
    36, 44, 6, 55, 20,
    3, 10, 43, 25, 39,
    41, 45, 15, 21, 8,
    18, 2, 61, 56, 14,
)  # fmt: skip


def _rotl(value: int, shift: int) -> int:
    return ((value << shift) | (value >> (64 - shift))) & _MASK if shift else value


def _keccak_f1600(lanes: List[int]) -> None:
    """Permute the 25 lanes (index x + 5 * y) in place."""
    for round_constant in _ROUND_CONSTANTS:
        # theta
        columns = [
            lanes[x] ^ lanes[x + 5] ^ lanes[x + 10] ^ lanes[x + 15] ^ lanes[x + 20]
            for x in range(5)
        ]
        for x in range(5):
            d = columns[(x - 1) % 5] ^ _rotl(columns[(x + 1) % 5], 1)
            for y in range(0, 25, 5):
                lanes[x + y] ^= d
        # rho and pi: B[y, 2x + 3y] = rot(A[x, y], r[x, y])
        moved = [0] * 25
        for x in range(5):
            for y in range(5):
                index = x + 5 * y
                moved[y + 5 * ((2 * x + 3 * y) % 5)] = _rotl(lanes[index], _ROTATIONS[index])
        # chi
        for y in range(0, 25, 5):
            row = moved[y : y + 5]
            for x in range(5):
                lanes[x + y] = row[x] ^ ((~row[(x + 1) % 5]) & row[(x + 2) % 5])
        # iota
        lanes[0] ^= round_constant


def keccak256(data: bytes) -> bytes:
    """Keccak-256 digest (32 bytes) of ``data``; keccak256(b"").hex() starts with "c5d246"."""
    padded = bytearray(data)
    padded.append(0x01)
    padded.extend(b"\x00" * ((-len(padded)) % _RATE_BYTES))
    padded[-1] |= 0x80
    lanes = [0] * 25
    for start in range(0, len(padded), _RATE_BYTES):
        block = padded[start : start + _RATE_BYTES]
        for i in range(_RATE_BYTES // 8):
            lanes[i] ^= int.from_bytes(block[8 * i : 8 * i + 8], "little")
        _keccak_f1600(lanes)
    return b"".join(lane.to_bytes(8, "little") for lane in lanes[:4])
