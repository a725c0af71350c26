#!/usr/bin/env python
"""Benchmark-only: htextract's own protocol layer with no extraction at all.

Not shipped: tests/bench/bench_extract_budget.py copies it into a temporary copy of the
built app. It reads each record as htextract does (the ad text, country, city and URL) and
adds htextract's fields with empty values through the same FieldAddingRecords writer, so
(this command)/(no-op) is the most htextract could reach with an extractor that costs nothing.
"""

from __future__ import annotations

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from htintel_bootstrap import bootstrap

logger = bootstrap("htharness")

from htintel_searchcommand import FieldAddingRecords  # noqa: E402
from splunklib.searchcommands import Configuration, StreamingCommand, dispatch  # noqa: E402

from htintel.extract import EXTRACTION_FIELDS, Extraction, extraction_values  # noqa: E402
from htintel.records import ad_text, first_value  # noqa: E402

_NOTHING_FOUND = extraction_values(Extraction())


@Configuration(distributed=True)
class HarnessOnlyCommand(FieldAddingRecords, StreamingCommand):
    """Reads what htextract reads, adds htextract's fields, all empty."""

    added_fields = EXTRACTION_FIELDS

    def added_values(self, record):
        ad_text(record)
        first_value(record.get("country"))
        first_value(record.get("city"))
        first_value(record.get("url"))
        return _NOTHING_FOUND


if __name__ == "__main__":
    dispatch(HarnessOnlyCommand, sys.argv, sys.stdin, sys.stdout, __name__)
