#!/usr/bin/env python
"""Benchmark-only baseline: phonenumbers' PhoneNumberMatcher (VALID leniency) on each ad.

Not shipped: tests/bench/bench_extract.py copies it into a temporary copy of the built app.
It is the stock approach htextract must beat: same fields, phones only.
"""

from __future__ import annotations

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from htintel_bootstrap import bootstrap

logger = bootstrap("htbaseline")

import phonenumbers  # noqa: E402
from splunklib.searchcommands import Configuration, StreamingCommand, dispatch  # noqa: E402


def _first(value):
    if isinstance(value, list):
        return value[0] if value else ""
    return value or ""


@Configuration(distributed=True)
class BaselineCommand(StreamingCommand):
    """ht_phone from PhoneNumberMatcher with the ad's country as region; other fields empty."""

    def stream(self, records):
        leniency = phonenumbers.Leniency.VALID
        for record in records:
            text = "\n".join(
                p for p in (_first(record.get("title")), _first(record.get("body"))) if p
            )
            region = (_first(record.get("country")) or "US").upper()
            phones = []
            for match in phonenumbers.PhoneNumberMatcher(text, region, leniency=leniency):
                number = phonenumbers.format_number(
                    match.number, phonenumbers.PhoneNumberFormat.E164
                )
                if number not in phones:
                    phones.append(number)
            record["ht_phone"] = phones
            record["ht_email"] = []
            record["ht_wallet"] = []
            record["ht_handle"] = []
            record["ht_url"] = []
            record["ht_ids"] = ["phone:" + p for p in phones]
            record["ht_id_count"] = len(phones)
            yield record


if __name__ == "__main__":
    dispatch(BaselineCommand, sys.argv, sys.stdin, sys.stdout, __name__)
