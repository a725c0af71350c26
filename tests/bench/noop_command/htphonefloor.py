#!/usr/bin/env python
"""Benchmark-only: the cheapest phone finder the library allows, through htextract's layer.

Not shipped: tests/bench/bench_extract_budget.py copies it into a temporary copy of the
built app. Per ad: the shared normalisation (NFKC, keycaps, other scripts' digits), the
phone-run scan and a cached phonenumbers validation of each run for the ad's region (the
region hint htextract uses: country, else city, else the URL's host); no
spelled numbers, no look-alikes, no context rules, no other identifier types. It shows what
a phones-only extractor without de-obfuscation costs and finds.
"""

from __future__ import annotations

import os
import sys
from functools import lru_cache

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from htintel_bootstrap import bootstrap

logger = bootstrap("htphonefloor")

from htintel_searchcommand import FieldAddingRecords  # noqa: E402
from splunklib.searchcommands import Configuration, StreamingCommand, dispatch  # noqa: E402

from htintel.extract import EXTRACTION_FIELDS, Extraction, extraction_values, region_hint  # noqa: E402
from htintel.extract.deobfuscate import normalize  # noqa: E402
from htintel.extract.numbers import PHONE_RUN  # noqa: E402
from htintel.extract.phones import validate_digits  # noqa: E402
from htintel.records import ad_text, first_value  # noqa: E402


@lru_cache(maxsize=16_384)
def _phone_of_run(run, plus, region):
    return validate_digits("".join(c for c in run if c.isdigit()), plus, region)


@Configuration(distributed=True)
class PhoneFloorCommand(FieldAddingRecords, StreamingCommand):
    """ht_phone from the phone runs of the normalised text; the other fields empty."""

    added_fields = EXTRACTION_FIELDS

    def added_values(self, record):
        text = normalize(ad_text(record))
        region = region_hint(
            first_value(record.get("country")),
            first_value(record.get("city")),
            first_value(record.get("url")),
        )
        found = []
        for run in PHONE_RUN.finditer(text):
            plus = text[run.start() - 1 : run.start()] == "+"
            number = _phone_of_run(run.group(), plus, region)
            if number is not None and number not in found:
                found.append(number)
        return extraction_values(Extraction(tuple(found)))


if __name__ == "__main__":
    dispatch(PhoneFloorCommand, sys.argv, sys.stdin, sys.stdout, __name__)
