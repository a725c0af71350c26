#!/usr/bin/env python
"""Benchmark-only no-op streaming command: sets htextract's output fields to empty values.

Not shipped: tests/bench/bench_extract.py copies it into a temporary copy of the built app.
It measures what the chunked protocol, CSV parsing and writing cost on their own.
"""

from __future__ import annotations

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from htintel_bootstrap import bootstrap

logger = bootstrap("htnoop")

from splunklib.searchcommands import Configuration, StreamingCommand, dispatch  # noqa: E402


@Configuration(distributed=True)
class NoopCommand(StreamingCommand):
    """Passes records through with the same (empty) output fields htextract adds."""

    def stream(self, records):
        for record in records:
            record["ht_phone"] = []
            record["ht_email"] = []
            record["ht_wallet"] = []
            record["ht_handle"] = []
            record["ht_url"] = []
            record["ht_ids"] = []
            record["ht_id_count"] = 0
            yield record


if __name__ == "__main__":
    dispatch(NoopCommand, sys.argv, sys.stdin, sys.stdout, __name__)
