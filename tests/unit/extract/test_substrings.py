"""Substring positions shared by the email and handle finders."""

from __future__ import annotations

import pytest

from htintel.extract.substrings import occurrences


@pytest.mark.parametrize(
    ("text", "word", "limit", "expected"),
    [
        ("at at", "at", 10, [0, 3]),
        ("aaa", "aa", 10, [0, 1]),  # overlapping occurrences count
        ("no match", "@", 10, []),
        ("@@@@@", "@", 3, [0, 1, 2]),  # hostile text: at most ``limit``
        ("", "x", 5, []),
    ],
)
def test_occurrences_are_every_start_up_to_the_limit(text, word, limit, expected):
    assert occurrences(text, word, limit) == expected
