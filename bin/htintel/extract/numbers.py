"""Spelled-out numbers and look-alike letters to digits (placeholder, filled in next)."""

from __future__ import annotations


def spelled_to_digits(text: str) -> str:
    """``text`` with spelled-out numbers replaced by digits."""
    return text


def digits_for_lookalikes(text: str) -> str:
    """``text`` with O/o, l/I and | read as digits where they touch digits."""
    return text
