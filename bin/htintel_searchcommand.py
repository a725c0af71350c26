"""What every HT Intel search command shares on top of splunklib.

Imported by bin/ht*.py after htintel_bootstrap has put lib/ on sys.path.
"""

from __future__ import annotations


class HostileTextRecords:
    """Mixin for a splunklib search command: a NUL in a field never aborts the search.

    Python 3.9's csv reader rejects a whole chunk on a NUL ("line contains NUL"), and ad
    text is hostile, so NULs become spaces, line by line, without copying the chunk. List it
    before the splunklib base class: ``class HtRisk(HostileTextRecords, StreamingCommand)``.
    """

    def _read_csv_records(self, ifile):
        lines = (line.replace("\0", " ") if "\0" in line else line for line in ifile)
        return super()._read_csv_records(lines)  # type: ignore[misc]
