"""What every HT Intel search command shares on top of splunklib.

Imported by bin/ht*.py after htintel_bootstrap has put lib/ on sys.path.
"""

from __future__ import annotations


class HostileTextRecords:
    """Mixin for a splunklib search command: a NUL in a field never aborts the search.

    Python 3.9's csv reader rejects a whole chunk on a NUL ("line contains NUL"), and ad
    text is hostile, so NULs become spaces before the chunk is parsed: once per chunk body
    under protocol v2 (one C-level test; the body is copied only when it holds a NUL), line
    by line under v1. List it
    before the splunklib base class: ``class HtRisk(HostileTextRecords, StreamingCommand)``.
    """

    def _execute_chunk_v2(self, process, chunk):
        metadata, body = chunk
        if "\0" in body:
            chunk = (metadata, body.replace("\0", " "))
        return super()._execute_chunk_v2(process, chunk)  # type: ignore[misc]

    def _records_protocol_v1(self, ifile):
        lines = (line.replace("\0", " ") if "\0" in line else line for line in ifile)
        return super()._records_protocol_v1(lines)  # type: ignore[misc]
