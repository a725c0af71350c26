"""The hypothesis strategy the extraction tests share: text mixing tricky fragments and noise."""

from __future__ import annotations

from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy


def mixed_text(
    fragments: SearchStrategy[str], noise_chars: int, pieces: int
) -> SearchStrategy[str]:
    """Up to ``pieces`` fragments and random strings of up to ``noise_chars`` characters, joined."""
    return st.lists(st.one_of(fragments, st.text(max_size=noise_chars)), max_size=pieces).map(
        "".join
    )
