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

# Rotation offsets r[x][y], flattened as index x + 5 * y (written into _keccak_f1600).
_ROTATIONS: Tuple[int, ...] = (
    0, 1, 62, 28, 27,
    36, 44, 6, 55, 20,
    3, 10, 43, 25, 39,
    41, 45, 15, 21, 8,
    18, 2, 61, 56, 14,
)  # fmt: skip


def _keccak_f1600(lanes: List[int]) -> None:
    """Permute the 25 lanes (index x + 5 * y) in place.

    The rounds are written out lane by lane, in local variables: about twice as fast
    in CPython as loops over a list, and each Keccak costs a cold wallet check.
    """
    mask = _MASK
    # fmt: off
    (
        a00, a01, a02, a03, a04,
        a05, a06, a07, a08, a09,
        a10, a11, a12, a13, a14,
        a15, a16, a17, a18, a19,
        a20, a21, a22, a23, a24,
    ) = lanes
    # fmt: on
    for round_constant in _ROUND_CONSTANTS:
        # theta: column parities
        c0 = a00 ^ a05 ^ a10 ^ a15 ^ a20
        c1 = a01 ^ a06 ^ a11 ^ a16 ^ a21
        c2 = a02 ^ a07 ^ a12 ^ a17 ^ a22
        c3 = a03 ^ a08 ^ a13 ^ a18 ^ a23
        c4 = a04 ^ a09 ^ a14 ^ a19 ^ a24
        d0 = c4 ^ (((c1 << 1) | (c1 >> 63)) & mask)
        d1 = c0 ^ (((c2 << 1) | (c2 >> 63)) & mask)
        d2 = c1 ^ (((c3 << 1) | (c3 >> 63)) & mask)
        d3 = c2 ^ (((c4 << 1) | (c4 >> 63)) & mask)
        d4 = c3 ^ (((c0 << 1) | (c0 >> 63)) & mask)
        # theta applied, then rho (rotate) and pi (move): B[y, 2x + 3y] = rot(A[x, y])
        b00 = a00 ^ d0
        t = a05 ^ d0
        b16 = ((t << 36) | (t >> 28)) & mask
        t = a10 ^ d0
        b07 = ((t << 3) | (t >> 61)) & mask
        t = a15 ^ d0
        b23 = ((t << 41) | (t >> 23)) & mask
        t = a20 ^ d0
        b14 = ((t << 18) | (t >> 46)) & mask
        t = a01 ^ d1
        b10 = ((t << 1) | (t >> 63)) & mask
        t = a06 ^ d1
        b01 = ((t << 44) | (t >> 20)) & mask
        t = a11 ^ d1
        b17 = ((t << 10) | (t >> 54)) & mask
        t = a16 ^ d1
        b08 = ((t << 45) | (t >> 19)) & mask
        t = a21 ^ d1
        b24 = ((t << 2) | (t >> 62)) & mask
        t = a02 ^ d2
        b20 = ((t << 62) | (t >> 2)) & mask
        t = a07 ^ d2
        b11 = ((t << 6) | (t >> 58)) & mask
        t = a12 ^ d2
        b02 = ((t << 43) | (t >> 21)) & mask
        t = a17 ^ d2
        b18 = ((t << 15) | (t >> 49)) & mask
        t = a22 ^ d2
        b09 = ((t << 61) | (t >> 3)) & mask
        t = a03 ^ d3
        b05 = ((t << 28) | (t >> 36)) & mask
        t = a08 ^ d3
        b21 = ((t << 55) | (t >> 9)) & mask
        t = a13 ^ d3
        b12 = ((t << 25) | (t >> 39)) & mask
        t = a18 ^ d3
        b03 = ((t << 21) | (t >> 43)) & mask
        t = a23 ^ d3
        b19 = ((t << 56) | (t >> 8)) & mask
        t = a04 ^ d4
        b15 = ((t << 27) | (t >> 37)) & mask
        t = a09 ^ d4
        b06 = ((t << 20) | (t >> 44)) & mask
        t = a14 ^ d4
        b22 = ((t << 39) | (t >> 25)) & mask
        t = a19 ^ d4
        b13 = ((t << 8) | (t >> 56)) & mask
        t = a24 ^ d4
        b04 = ((t << 14) | (t >> 50)) & mask
        # chi, then iota on lane 0
        a00 = b00 ^ (~b01 & b02)
        a01 = b01 ^ (~b02 & b03)
        a02 = b02 ^ (~b03 & b04)
        a03 = b03 ^ (~b04 & b00)
        a04 = b04 ^ (~b00 & b01)
        a05 = b05 ^ (~b06 & b07)
        a06 = b06 ^ (~b07 & b08)
        a07 = b07 ^ (~b08 & b09)
        a08 = b08 ^ (~b09 & b05)
        a09 = b09 ^ (~b05 & b06)
        a10 = b10 ^ (~b11 & b12)
        a11 = b11 ^ (~b12 & b13)
        a12 = b12 ^ (~b13 & b14)
        a13 = b13 ^ (~b14 & b10)
        a14 = b14 ^ (~b10 & b11)
        a15 = b15 ^ (~b16 & b17)
        a16 = b16 ^ (~b17 & b18)
        a17 = b17 ^ (~b18 & b19)
        a18 = b18 ^ (~b19 & b15)
        a19 = b19 ^ (~b15 & b16)
        a20 = b20 ^ (~b21 & b22)
        a21 = b21 ^ (~b22 & b23)
        a22 = b22 ^ (~b23 & b24)
        a23 = b23 ^ (~b24 & b20)
        a24 = b24 ^ (~b20 & b21)
        a00 ^= round_constant
    # fmt: off
    lanes[:] = [
        a00, a01, a02, a03, a04,
        a05, a06, a07, a08, a09,
        a10, a11, a12, a13, a14,
        a15, a16, a17, a18, a19,
        a20, a21, a22, a23, a24,
    ]
    # fmt: on


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
