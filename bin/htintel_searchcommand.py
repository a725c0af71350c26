"""What every HT Intel search command shares on top of splunklib.

Imported by bin/ht*.py after htintel_bootstrap has put lib/ on sys.path.
"""

from __future__ import annotations

import csv
from io import StringIO
from typing import Any, Dict, List, Mapping, Sequence, Tuple

from splunklib.searchcommands.internals import CsvDialect


def _without_nuls(text: str) -> str:
    # One C-level test; the text is copied only when it holds a NUL.
    return text.replace("\0", " ") if "\0" in text else text


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
        return super()._execute_chunk_v2(process, (metadata, _without_nuls(body)))  # type: ignore[misc]

    def _records_protocol_v1(self, ifile):
        return super()._records_protocol_v1(map(_without_nuls, ifile))  # type: ignore[misc]


def multivalue_columns(value: Any) -> Tuple[str, str]:
    """A field value as its two Splunk CSV columns: (``field``, ``__mv_field``).

    The encoding splunklib's record writer uses: a list or tuple of several strings is
    newline-joined in the first column and ``$a$;$b$`` (``$`` doubled) in the second; one
    value, a string or a number has an empty second column; nothing is two empty columns.
    """
    if type(value) is tuple or type(value) is list:
        if not value:
            return "", ""
        if len(value) == 1:
            return value[0], ""
        return "\n".join(value), "$" + "$;$".join(v.replace("$", "$$") for v in value) + "$"
    if type(value) is str:
        return value, ""
    if value is None:
        return "", ""
    return str(value), ""


class _RowTexts(List[str]):
    """Where a csv.writer writes the text of each row it is given, one item per row."""

    write = list.append


class FieldAddingRecords(HostileTextRecords):
    """Mixin for a streaming command that only adds fields to each record it is given.

    The command lists its fields in ``added_fields`` and computes them in
    ``added_values(record)``, where ``record`` maps each input field to its value (a list
    for a multivalue field, as splunklib gives it). ``stream`` is built from these for
    protocol v1. Under protocol v2 each chunk goes straight from the CSV reader to the CSV
    writer: the input columns are copied as they came (a multivalue keeps its ``__mv_``
    column) and the added fields are appended, replacing input columns of the same names.
    This is the same chunk splunklib would write, without its per-record and per-field
    Python work, which costs as much as extracting identifiers from a short ad. A row whose
    input columns are all kept is not even encoded again: its CSV text, as splunkd wrote it,
    is echoed with the added columns after it.
    """

    added_fields: Tuple[str, ...] = ()

    def added_values(self, record: Mapping[str, Any]) -> Sequence[Any]:
        raise NotImplementedError

    def stream(self, records):
        added_fields, added_values = self.added_fields, self.added_values
        for record in records:
            record.update(zip(added_fields, added_values(record)))
            yield record

    def _execute_chunk_v2(self, process, chunk):
        body = chunk[1]
        if not body:
            return super()._execute_chunk_v2(process, chunk)  # splunklib's empty-input rule
        # The reader reads the lines from a list, so that reader.line_num says which lines
        # each row came from.
        lines = StringIO(_without_nuls(body)).readlines()
        reader = csv.reader(lines, dialect=CsvDialect)
        header = next(reader, None)
        if header is None:
            return None
        added_fields = self.added_fields
        replaced = set(added_fields) | {"__mv_" + name for name in added_fields}
        kept = [index for index, name in enumerate(header) if name not in replaced]
        width = len(header)
        multivalues = [
            (name[len("__mv_") :], index)
            for index, name in enumerate(header)
            if name.startswith("__mv_") and name not in replaced
        ]
        decode_list = self._decode_list  # type: ignore[attr-defined]
        added_values = self.added_values
        writer = self._record_writer  # type: ignore[attr-defined]
        writerow, write = writer._writerow, writer._buffer.write
        # The added columns of an echoed row, quoted as splunklib's writer quotes them.
        added_texts = _RowTexts()
        write_added = csv.writer(added_texts, dialect=CsvDialect).writerow
        copy_all = len(kept) == width
        count = 0
        lines_read = reader.line_num
        for row in reader:
            first_line, lines_read = lines_read, reader.line_num
            # The row's own text can stand for its input columns when they are all kept
            # and the row is as wide as the header.
            echo = copy_all and len(row) == width and lines_read > first_line
            if len(row) < width:
                row += [""] * (width - len(row))
            elif len(row) > width:
                del row[width:]
            record: Dict[str, Any] = dict(zip(header, row))
            for name, index in multivalues:
                if row[index]:
                    record[name] = decode_list(row[index])
            added: List[str] = []
            for value in added_values(record):
                added += multivalue_columns(value)
            if not count:
                columns = [header[index] for index in kept]
                for name in added_fields:
                    columns += (name, "__mv_" + name)
                writerow(columns)
            if echo:
                if lines_read == first_line + 1:
                    text = lines[first_line]
                else:  # a quoted value holds line breaks
                    text = "".join(lines[first_line:lines_read])
                # The last value is quoted or holds no line break: only the row's own
                # line ending is stripped. There are always two or more added columns, so
                # the writer's quoting of a lone empty field never applies.
                write_added(added)
                write(text.rstrip("\r\n") + "," + added_texts.pop())
            else:
                writerow((row if copy_all else [row[index] for index in kept]) + added)
            count += 1
        writer._pending_record_count += count
        return None
