"""Email addresses, including the forms ads use to dodge filters."""

from __future__ import annotations

import re
from typing import List, Tuple

_EMAIL = re.compile(r"[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}")


def find_emails(text: str) -> Tuple[str, ...]:
    """Lowercase addresses in order of first appearance, without duplicates."""
    found: List[str] = []
    for match in _EMAIL.finditer(text):
        address = match.group(0).lower().strip(".")
        if address not in found:
            found.append(address)
    return tuple(found)
