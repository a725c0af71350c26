"""Draw the app icons (static/appIcon*.png): three linked nodes on a dark disc.

Pure Python (zlib + struct), so building icons needs no imaging library. Run from the
repository root: python tools/make_icons.py
"""

from __future__ import annotations

import math
import os
import struct
import zlib

BACKGROUND = (0, 0, 0, 0)
DISC = (32, 46, 74, 255)
LINK = (150, 170, 200, 255)
NODE = (230, 80, 70, 255)


def _inside_segment(x: float, y: float, a: tuple, b: tuple, width: float) -> bool:
    ax, ay = a
    bx, by = b
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(x - (ax + t * dx), y - (ay + t * dy)) <= width


def draw(size: int) -> bytes:
    scale = size / 36.0
    nodes = [(11 * scale, 24 * scale), (25 * scale, 24 * scale), (18 * scale, 11 * scale)]
    rows = []
    for py in range(size):
        row = bytearray([0])
        for px in range(size):
            x, y = px + 0.5, py + 0.5
            colour = BACKGROUND
            if math.hypot(x - size / 2, y - size / 2) <= size / 2 - 0.5:
                colour = DISC
            if any(
                _inside_segment(x, y, nodes[i], nodes[j], 1.2 * scale)
                for i, j in ((0, 1), (1, 2), (2, 0))
            ):
                colour = LINK
            if any(math.hypot(x - nx, y - ny) <= 4 * scale for nx, ny in nodes):
                colour = NODE
            row.extend(colour)
        rows.append(bytes(row))
    raw = zlib.compress(b"".join(rows), 9)

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")


def main() -> None:
    os.makedirs("static", exist_ok=True)
    for name, size in (
        ("appIcon.png", 36),
        ("appIcon_2x.png", 72),
        ("appIconAlt.png", 36),
        ("appIconAlt_2x.png", 72),
    ):
        with open(os.path.join("static", name), "wb") as handle:
            handle.write(draw(size))


if __name__ == "__main__":
    main()
