"""Identifier extraction: the phones, emails, wallets, handles and URLs in an ad's text.

``extract`` is the single entry point used by htextract, the ingestion enrichment and the
CLI. Values come back in the typed forms DESIGN.md fixes (``phone:+E164``, ``email:...``,
``btc:``/``eth:``, ``<platform>:handle``), deduplicated, in order of first appearance.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import FrozenSet, Optional, Tuple

from htintel.extract import emails

IDENTIFIER_TYPES: FrozenSet[str] = frozenset({"phone", "email", "wallet", "handle", "url"})

# Extraction time grows with text length; longer text is cut here (documented in README).
MAX_TEXT_CHARS = 20_000


@dataclass(frozen=True)
class Extraction:
    phones: Tuple[str, ...] = ()  # E.164, e.g. "+16175550123"
    emails: Tuple[str, ...] = ()  # lowercase address
    wallets: Tuple[str, ...] = ()  # "btc:..." / "eth:..."
    handles: Tuple[str, ...] = ()  # "platform:handle"
    urls: Tuple[str, ...] = ()  # URLs and bare domains other than the ad's own site

    @property
    def ids(self) -> Tuple[str, ...]:
        """Every identifier as a typed value, the input of linking."""
        return (
            tuple("phone:" + p for p in self.phones)
            + tuple("email:" + e for e in self.emails)
            + self.wallets
            + self.handles
        )


def extract(
    text: str,
    *,
    country: Optional[str] = None,
    city: Optional[str] = None,
    url: Optional[str] = None,
    types: FrozenSet[str] = IDENTIFIER_TYPES,
) -> Extraction:
    """All identifiers of the requested types in ``text`` (capped at MAX_TEXT_CHARS)."""
    text = text[:MAX_TEXT_CHARS]
    return Extraction(
        emails=emails.find_emails(text) if "email" in types else (),
    )
