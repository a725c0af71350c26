"""Crawler feed files in, Splunk events out: complete records only, resumable, nothing hidden.

A feed directory holds JSON Lines (``*.jsonl``), gzipped JSON Lines (``*.jsonl.gz``) and
JSON arrays (``*.json``) that a crawler may still be writing. This module reads them
record by record, validates every record with ``parse_ad`` and turns each one into an
event: a valid ad becomes an ``htintel:ad`` event, anything else an ``htintel:quarantine``
event naming the file, the line, the schema path and the reason.

Resuming is by checkpoint: for each file, its identity (device, inode and a hash of its
first bytes, so a rename keeps it and a rotated file with a reused inode does not) and the
offset just past the last emitted record. A checkpoint is written atomically and only after
the events before it were flushed, so a crash re-emits at most the batch in flight; those
duplicates carry the same ``ad_id`` and ``dedup ad_id`` removes them.

A record is read only once it is complete: a JSON Lines record ends with a newline. An
unterminated last line is left for the next run while the file is still changing and read
once the file has been quiet for ``TAIL_SETTLE_SECONDS``.
"""

from __future__ import annotations

import codecs
import fnmatch
import hashlib
import json
import logging
import os
import tempfile
import time
import zlib
from dataclasses import dataclass, replace
from typing import Any, Callable, Dict, FrozenSet, Iterable, Iterator, List, Optional, Tuple
from xml.sax.saxutils import escape, quoteattr

from htintel.ad import MAX_RECORD_BYTES, Ad, AdError, parse_ad
from htintel.extract import IDENTIFIER_TYPES, extract, extraction_fields
from htintel.params import DEFAULT_PATTERNS

AD_SOURCETYPE = "htintel:ad"
QUARANTINE_SOURCETYPE = "htintel:quarantine"

DEFAULT_MAX_LINE_BYTES = MAX_RECORD_BYTES
# A quarantine event carries at most this much of the rejected record (documented in README).
QUARANTINE_RAW_BYTES = 10 * 1024
# Enough of a file's start to tell two files that share a reused inode apart.
IDENTITY_HEAD_BYTES = 1024
# An unterminated last line is read once its file has not changed for this long.
TAIL_SETTLE_SECONDS = 60.0
# Records per checkpoint: also the most a crash can re-emit for one file.
DEFAULT_BATCH_SIZE = 500
READ_BLOCK_BYTES = 1 << 20
CHECKPOINT_VERSION = 1
# A file renamed while a run lists the directory is found under neither name in that run, so
# its checkpoint is kept until a second run in a row misses it; forgetting it at once would
# read the whole file again under its new name.
MISSING_RUNS_BEFORE_FORGETTING = 2


class FeedFileError(Exception):
    """A file that cannot be read past some point (e.g. corrupt gzip data)."""


class FeedReadError(Exception):
    """The operating system refused to read a file (permissions, removed mid-read, ...)."""


# ---------------------------------------------------------------------------------------------
# Records


@dataclass(frozen=True)
class RawRecord:
    """One record as read from a file, before validation.

    ``line`` is the 1-based line the record starts on; ``end_offset`` the byte offset just past
    it (uncompressed for gzip) and ``end_line`` the lines consumed up to there, i.e. the resume
    point. ``problem`` is set when the record was rejected before parsing (too long, ...).
    """

    line: int
    data: bytes
    end_offset: int
    end_line: int
    problem: str = ""
    size: int = 0
    value: Any = None


@dataclass(frozen=True)
class FeedItem:
    """A record after validation: exactly one of ``ad`` and ``error`` is set."""

    line: int
    raw: bytes
    ad: Optional[Ad]
    error: Optional[AdError]
    end_offset: int = 0
    end_line: int = 0
    size: int = 0


def read_feed_file(
    path: str,
    max_line_bytes: int = DEFAULT_MAX_LINE_BYTES,
    complete_only: bool = False,
) -> Iterator[FeedItem]:
    """Every record of one feed file (.jsonl, .jsonl.gz or .json array) as a FeedItem.

    Reads the whole file; an unterminated last line is included unless ``complete_only``.
    Never raises for bad content: bad records (and corrupt gzip data, as a last item) come
    back with ``error`` set. OSError (a missing or unreadable file) is raised.
    """
    line = 0
    try:
        for record in iter_raw_records(
            path, max_line_bytes=max_line_bytes, include_tail=not complete_only
        ):
            line = record.end_line
            yield validate_record(record)
    except FeedFileError as error:
        yield FeedItem(line + 1, b"", None, AdError([("", str(error))]))


def validate_record(record: RawRecord) -> FeedItem:
    """Validate a RawRecord into a FeedItem (ad or AdError), never raising AdError."""
    size = record.size or len(record.data)
    if record.problem:
        return FeedItem(
            record.line,
            record.data,
            None,
            AdError([("", record.problem)]),
            record.end_offset,
            record.end_line,
            size,
        )
    try:
        ad = parse_ad(record.value if isinstance(record.value, dict) else record.data)
    except AdError as error:
        return FeedItem(
            record.line, record.data, None, error, record.end_offset, record.end_line, size
        )
    return FeedItem(record.line, record.data, ad, None, record.end_offset, record.end_line, size)


def file_kind(path: str) -> str:
    """'gzip' (gzipped JSON Lines), 'array' (a JSON array) or 'lines' (JSON Lines)."""
    name = path.lower()
    if name.endswith(".gz"):
        return "gzip"
    if name.endswith(".json"):
        return "array"
    return "lines"


def iter_raw_records(
    path: str,
    *,
    start_offset: int = 0,
    start_line: int = 0,
    max_line_bytes: int = DEFAULT_MAX_LINE_BYTES,
    include_tail: bool = True,
    size_limit: Optional[int] = None,
) -> Iterator[RawRecord]:
    """Records of a feed file from a resume point (see RawRecord), in file order.

    ``include_tail`` says whether an unterminated last line (or an unparseable rest of a JSON
    array) is final and must be emitted, or may still be growing and must wait.
    ``size_limit`` stops reading at that many (compressed) bytes of the file, so an
    unterminated tail judged final is not extended by a write that lands during the read.
    Raises FeedFileError after the readable records when the file is corrupt (gzip).
    """
    kind = file_kind(path)
    limit = -1 if size_limit is None else size_limit
    if kind == "array":
        yield from _array_records(
            path, start_offset, start_line, max_line_bytes, include_tail, limit
        )
        return
    if kind == "gzip":
        blocks = _gzip_blocks(path, start_offset, limit)
    else:
        blocks = _plain_blocks(path, start_offset, limit)
    yield from _line_records(blocks, start_offset, start_line, max_line_bytes, include_tail)


def _plain_blocks(path: str, start: int, limit: int) -> Iterator[bytes]:
    with open(path, "rb") as handle:
        handle.seek(start)
        left = max(0, limit - start) if limit >= 0 else -1
        while left != 0:
            block = handle.read(READ_BLOCK_BYTES if left < 0 else min(left, READ_BLOCK_BYTES))
            if not block:
                return
            left -= len(block) if left > 0 else 0
            yield block


def _gzip_blocks(path: str, start: int, limit: int) -> Iterator[bytes]:
    # Uncompressed bytes from offset ``start`` on: gzip cannot seek, so the skipped part is
    # inflated and dropped.
    skip = start
    for block in _inflate(path, limit):
        if skip:
            cut = min(skip, len(block))
            block = block[cut:]
            skip -= cut
        if block:
            yield block


# On corrupt data, the failing read is inflated again a byte at a time, so everything before
# the damage is still read (slow, but only on the one damaged block).
_SALVAGE_PIECE_BYTES = 1


def _inflate(path: str, limit: int) -> Iterator[bytes]:
    # zlib by hand rather than gzip.GzipFile: a stream the crawler is still writing ends without
    # its trailer, and GzipFile raises EOFError there and loses the last decompressed block.
    position = 0
    with open(path, "rb") as handle:
        decompressor = zlib.decompressobj(wbits=31)
        left = limit
        while left != 0:
            compressed = handle.read(READ_BLOCK_BYTES if left < 0 else min(left, READ_BLOCK_BYTES))
            if not compressed:
                return
            left -= len(compressed) if left > 0 else 0
            while compressed:
                saved = decompressor.copy()
                try:
                    block = decompressor.decompress(compressed)
                except zlib.error:
                    yield from _salvage(saved, compressed, position)
                    raise AssertionError("unreachable: _salvage always raises") from None
                position += len(block)
                yield block
                # Concatenated gzip members (e.g. appended with `gzip >>`) form one stream.
                compressed = decompressor.unused_data if decompressor.eof else b""
                if decompressor.eof:
                    decompressor = zlib.decompressobj(wbits=31)


def _salvage(decompressor: Any, compressed: bytes, position: int) -> Iterator[bytes]:
    index = 0
    while index < len(compressed):
        piece = compressed[index : index + _SALVAGE_PIECE_BYTES]
        index += len(piece)
        try:
            block = decompressor.decompress(piece)
        except zlib.error as error:
            raise FeedFileError(
                f"gzip data is corrupt after {position:,} uncompressed bytes: {error}"
            ) from None
        position += len(block)
        yield block
        if decompressor.eof:
            # A new gzip member starts in what this one did not use.
            index -= len(decompressor.unused_data)
            decompressor = zlib.decompressobj(wbits=31)
    raise FeedFileError(f"gzip data is corrupt after {position:,} uncompressed bytes")


def _line_records(
    blocks: Iterable[bytes],
    offset: int,
    line: int,
    max_line_bytes: int,
    include_tail: bool,
) -> Iterator[RawRecord]:
    pending = b""
    # An over-long line is not kept: its head (for the quarantine event) and its length are.
    long_head: Optional[bytes] = None
    long_size = 0
    for block in blocks:
        parts = block.split(b"\n")
        for index, part in enumerate(parts):
            last = index == len(parts) - 1
            if long_head is not None:
                long_size += len(part)
                if last:
                    continue
                line += 1
                offset += long_size + 1
                yield _long_line(line, long_head, long_size, offset, max_line_bytes)
                long_head, long_size = None, 0
                continue
            if last:
                pending = pending + part if pending else part
                if len(pending) > max_line_bytes:
                    long_head, long_size = pending[:QUARANTINE_RAW_BYTES], len(pending)
                    pending = b""
                continue
            data = pending + part if pending else part
            pending = b""
            line += 1
            offset += len(data) + 1
            if len(data) > max_line_bytes:
                yield _long_line(
                    line, data[:QUARANTINE_RAW_BYTES], len(data), offset, max_line_bytes
                )
                continue
            if data.endswith(b"\r"):
                data = data[:-1]
            if data.strip():
                yield RawRecord(line, data, offset, line)
    if not include_tail:
        return
    if long_head is not None:
        yield _long_line(line + 1, long_head, long_size, offset + long_size, max_line_bytes)
    elif pending.strip():
        data = pending[:-1] if pending.endswith(b"\r") else pending
        yield RawRecord(line + 1, data, offset + len(pending), line)


def _long_line(line: int, head: bytes, size: int, end_offset: int, limit: int) -> RawRecord:
    problem = f"line is {size:,} bytes; the limit (max_line_bytes) is {limit:,}"
    return RawRecord(line, head, end_offset, line, problem=problem, size=size)


_JSON_WHITESPACE = " \t\r\n"


def _array_records(
    path: str,
    start_offset: int,
    start_line: int,
    max_line_bytes: int,
    include_tail: bool,
    limit: int,
) -> Iterator[RawRecord]:
    # A JSON array is parsed element by element with raw_decode, so the elements a crawler has
    # written so far are read before the closing bracket arrives.
    with open(path, "rb") as handle:
        handle.seek(start_offset)
        data = handle.read(max(0, limit - start_offset) if limit >= 0 else -1)
    decoder = codecs.getincrementaldecoder("utf-8-sig" if start_offset == 0 else "utf-8")()
    try:
        text = decoder.decode(data, final=False)
    except UnicodeDecodeError as error:
        if include_tail:
            yield RawRecord(
                start_line + 1,
                data[:QUARANTINE_RAW_BYTES],
                start_offset + len(data),
                start_line + data.count(b"\n"),
                problem=f"not valid UTF-8 at byte {start_offset + error.start:,} of the file",
                size=len(data),
            )
        return
    # Byte position of the parse position: the BOM (when present) is not part of the text.
    has_bom = start_offset == 0 and data.startswith(codecs.BOM_UTF8)
    base = start_offset + (len(codecs.BOM_UTF8) if has_bom else 0)
    byte_pos, line, index = base, start_line, 0
    decode = json.JSONDecoder().raw_decode
    expect_open = start_offset == 0
    while True:
        start = index
        while index < len(text) and text[index] in _JSON_WHITESPACE:
            index += 1
        if index < len(text) and not expect_open and text[index] == ",":
            index += 1
            while index < len(text) and text[index] in _JSON_WHITESPACE:
                index += 1
        if index >= len(text):
            return
        char = text[index]
        if expect_open:
            if char != "[":
                break
            expect_open = False
            index += 1
            byte_pos += len(text[start:index].encode("utf-8"))
            line += text.count("\n", start, index)
            continue
        if char == "]":
            return
        element_line = line + text.count("\n", start, index) + 1
        try:
            value, end = decode(text, index)
        except (ValueError, RecursionError):
            break
        consumed = text[start:end]
        byte_pos += len(consumed.encode("utf-8"))
        line += consumed.count("\n")
        element = consumed[index - start :].encode("utf-8")
        if len(element) > max_line_bytes:
            problem = f"array element is {len(element):,} bytes; the limit (max_line_bytes) is {max_line_bytes:,}"
            yield RawRecord(
                element_line, element[:QUARANTINE_RAW_BYTES], byte_pos, line, problem, len(element)
            )
        elif not isinstance(value, dict):
            problem = f"expected a JSON object, got {type(value).__name__}"
            yield RawRecord(element_line, element[:QUARANTINE_RAW_BYTES], byte_pos, line, problem)
        else:
            yield RawRecord(element_line, element, byte_pos, line, value=value)
        index = end
    # Not a JSON array, or an element that is not valid JSON: once the file is final, the rest
    # of it is one quarantined record, so nothing is dropped silently.
    if include_tail:
        rest = text[start:].encode("utf-8")
        reason = (
            "a .json feed file must hold a JSON array of ads"
            if expect_open
            else f"not valid JSON from line {line + 1} to the end of the file"
        )
        yield RawRecord(
            line + 1,
            rest[:QUARANTINE_RAW_BYTES],
            start_offset + len(data),
            line + rest.count(b"\n"),
            problem=reason,
            size=len(rest),
        )


# ---------------------------------------------------------------------------------------------
# Events


@dataclass(frozen=True)
class FeedEvent:
    """One event for the stream: JSON text, _time (epoch seconds), sourcetype and source."""

    data: str
    time: float
    sourcetype: str
    source: str


def enrichment_fields(ad: Ad, types: FrozenSet[str] = IDENTIFIER_TYPES) -> Dict[str, Any]:
    """htextract's fields for an ad, with the same region hints (country, city, url)."""
    found = extract(ad.text, country=ad.country, city=ad.city, url=ad.url, types=types)
    return extraction_fields(found)


def ad_event(ad: Ad, source: str, enrich: bool, now: float) -> FeedEvent:
    """The htintel:ad event of a valid ad; _time is posted_at, else crawled_at, else ``now``."""
    record = ad.to_record()
    if enrich:
        record.update(enrichment_fields(ad))
    stamp = ad.event_time()
    return FeedEvent(_dumps(record), stamp if stamp is not None else now, AD_SOURCETYPE, source)


def quarantine_event(
    error: AdError,
    raw: bytes,
    *,
    line: int,
    now: float,
    source: str,
    source_field: str = "source_file",
    size: int = 0,
    extra: Optional[Dict[str, Any]] = None,
) -> FeedEvent:
    """The htintel:quarantine event of a rejected record, with its raw text (first 10 KB)."""
    size = size or len(raw)
    record: Dict[str, Any] = {
        source_field: source,
        "line": line,
        "reason": error.reason,
        "schema_path": error.path or "/",
        "errors": [{"schema_path": p or "/", "reason": r} for p, r in error.errors[:20]],
        "raw": raw[:QUARANTINE_RAW_BYTES].decode("utf-8", errors="replace"),
        "raw_bytes": size,
        "raw_truncated": size > QUARANTINE_RAW_BYTES,
    }
    if extra:
        record.update(extra)
    return FeedEvent(_dumps(record), now, QUARANTINE_SOURCETYPE, source)


def item_event(item: FeedItem, source: str, enrich: bool, now: float) -> FeedEvent:
    """The event of one FeedItem: an ad event or a quarantine event."""
    if item.ad is not None:
        return ad_event(item.ad, source, enrich, now)
    assert item.error is not None
    return quarantine_event(
        item.error, item.raw, line=item.line, now=now, source=source, size=item.size
    )


def _dumps(record: Dict[str, Any]) -> str:
    text = json.dumps(record, ensure_ascii=False, separators=(",", ":"), default=str)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        # A lone surrogate (a \ud800 escape in the crawler's JSON) cannot be written as UTF-8:
        # keep it escaped rather than crash the input on the same record at every run.
        text = json.dumps(record, ensure_ascii=True, separators=(",", ":"), default=str)
    return text


def event_xml(
    event: FeedEvent, stanza: str, index: Optional[str] = None, host: Optional[str] = None
) -> str:
    """The <event> element of the modular input stream for one event, as splunklib writes it.

    Same XML as splunklib's Event.write_to, without building an ElementTree per event (a third
    of the run time); the caller flushes before each checkpoint instead of after each event.
    """
    parts = [
        "<event stanza=",
        quoteattr(stanza),
        ' unbroken="1"><time>',
        f"{event.time:.3f}",
        "</time><source>",
        escape(event.source),
        "</source><sourcetype>",
        escape(event.sourcetype),
        "</sourcetype>",
    ]
    if index is not None:
        parts += ["<index>", escape(index), "</index>"]
    if host is not None:
        parts += ["<host>", escape(host), "</host>"]
    parts += ["<data>", escape(event.data), "</data><done /></event>"]
    return "".join(parts)


# ---------------------------------------------------------------------------------------------
# File identity and checkpoints


@dataclass(frozen=True)
class FileIdentity:
    """Who a file is, whatever its name: device, inode and a hash of its first bytes."""

    device: int
    inode: int
    head_size: int
    head_sha256: str


@dataclass(frozen=True)
class FileCheckpoint:
    """Where reading a file stopped: just past the last emitted record (``offset``, ``line``).

    ``size``/``mtime_ns``/``scanned_at`` let an unchanged file be skipped; ``broken`` holds the
    reason a file could not be read further (reported once until the file changes).
    """

    identity: FileIdentity
    offset: int
    line: int
    path: str
    size: int = 0
    mtime_ns: int = 0
    scanned_at: float = 0.0
    broken: str = ""
    # Runs in a row that did not find the file; see MISSING_RUNS_BEFORE_FORGETTING.
    missing_runs: int = 0


def _head_hash(handle: Any, size: int) -> str:
    handle.seek(0)
    return hashlib.sha256(handle.read(size)).hexdigest()


def file_identity(path: str) -> FileIdentity:
    """The identity of the file at ``path`` now (its first IDENTITY_HEAD_BYTES bytes at most)."""
    with open(path, "rb") as handle:
        stat = os.fstat(handle.fileno())
        head = handle.read(IDENTITY_HEAD_BYTES)
    return FileIdentity(stat.st_dev, stat.st_ino, len(head), hashlib.sha256(head).hexdigest())


def is_same_file(known: FileIdentity, path: str) -> bool:
    """True when ``path`` is the file ``known`` describes: same inode and same first bytes."""
    try:
        with open(path, "rb") as handle:
            stat = os.fstat(handle.fileno())
            if (stat.st_dev, stat.st_ino) != (known.device, known.inode):
                return False
            if stat.st_size < known.head_size:
                return False
            return _head_hash(handle, known.head_size) == known.head_sha256
    except OSError:
        return False


def checkpoint_file(checkpoint_dir: str, input_name: str) -> str:
    """The checkpoint file of one input stanza inside splunkd's checkpoint_dir."""
    digest = hashlib.sha256(input_name.encode("utf-8")).hexdigest()[:16]
    return os.path.join(checkpoint_dir, f"htintel_feed_dir_{digest}.json")


def load_checkpoints(path: str) -> List[FileCheckpoint]:
    """The checkpoints saved at ``path``; [] when there is no file yet.

    Raises ValueError when the file exists but cannot be understood (never guess: a wrong
    offset could skip ads).
    """
    try:
        with open(path, encoding="utf-8") as handle:
            document = json.load(handle)
    except FileNotFoundError:
        return []
    if document.get("version") != CHECKPOINT_VERSION:
        raise ValueError(f"checkpoint {path} has unknown version {document.get('version')!r}")
    return [
        FileCheckpoint(
            identity=FileIdentity(**entry["identity"]),
            **{k: v for k, v in entry.items() if k != "identity"},
        )
        for entry in document["files"]
    ]


def save_checkpoints(path: str, checkpoints: Iterable[FileCheckpoint]) -> None:
    """Write the checkpoints atomically (see write_json_atomically)."""
    write_json_atomically(
        path,
        {
            "version": CHECKPOINT_VERSION,
            "files": [dict(vars(c), identity=dict(vars(c.identity))) for c in checkpoints],
        },
    )


def write_json_atomically(path: str, document: Any) -> None:
    """Replace ``path`` with ``document`` as JSON: temp file, fsync, rename, fsync of the directory.

    A crash at any moment leaves either the old file or the new one, never a torn one: the
    checkpoint contract of every input depends on it.
    """
    directory = os.path.dirname(path) or "."
    descriptor, temp_path = tempfile.mkstemp(prefix=".tmp-", dir=directory)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            json.dump(document, handle, separators=(",", ":"))
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_path, path)
    except BaseException:
        try:
            os.unlink(temp_path)
        except OSError:
            pass
        raise
    try:
        dir_fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


# ---------------------------------------------------------------------------------------------
# One run of a directory input


@dataclass(frozen=True)
class DirectoryFeed:
    """The configuration of one htintel_feed_dir stanza, plus where its checkpoint lives."""

    name: str
    path: str
    checkpoint_dir: str
    patterns: Tuple[str, ...] = DEFAULT_PATTERNS
    enrich: bool = True
    max_line_bytes: int = DEFAULT_MAX_LINE_BYTES
    batch_size: int = DEFAULT_BATCH_SIZE
    settle_seconds: float = TAIL_SETTLE_SECONDS


@dataclass(frozen=True)
class IngestStats:
    files_read: int = 0
    ads: int = 0
    quarantined: int = 0
    checkpoints: int = 0


def find_feed_files(directory: str, patterns: Tuple[str, ...]) -> List[str]:
    """Regular files in ``directory`` (not recursive) matching any glob, oldest first."""
    found = []
    with os.scandir(directory) as entries:
        for entry in entries:
            if entry.name.startswith(".") or not entry.is_file():
                continue
            if any(fnmatch.fnmatchcase(entry.name, p) for p in patterns):
                found.append((entry.stat().st_mtime_ns, entry.name, entry.path))
    return [path for _, _, path in sorted(found)]


def ingest_directory(
    feed: DirectoryFeed,
    write: Callable[[FeedEvent], None],
    flush: Callable[[], None],
    *,
    clock: Callable[[], float] = time.time,
    logger: Optional[logging.Logger] = None,
) -> IngestStats:
    """Read every new complete record in the feed directory and write it as an event.

    After each batch of ``feed.batch_size`` records, ``flush()`` is called and only then the
    checkpoint saved, so a crash at any point re-emits at most one batch per file.
    """
    log = logger or logging.getLogger("htintel.feed")
    store = checkpoint_file(feed.checkpoint_dir, feed.name)
    by_inode: Dict[Tuple[int, int], FileCheckpoint] = {
        (c.identity.device, c.identity.inode): c for c in load_checkpoints(store)
    }
    stats = IngestStats()
    seen: Dict[Tuple[int, int], FileCheckpoint] = {}
    for path in find_feed_files(feed.path, feed.patterns):
        try:
            stat = os.stat(path)
        except OSError:
            continue  # removed or rotated away since the listing; the next run sees it
        key = (stat.st_dev, stat.st_ino)
        if key in seen:
            continue  # a hard link to a file already read in this run
        known = by_inode.get(key)
        if known is not None and not is_same_file(known.identity, path):
            log.info("file %s reuses the inode of %s: reading it from the start", path, known.path)
            known = None
        if known is not None and _unchanged(known, stat, feed.settle_seconds):
            seen[key] = replace(known, path=path)
            continue

        def save(checkpoint: FileCheckpoint, key: Tuple[int, int] = key) -> None:
            flush()
            seen[key] = checkpoint
            by_inode[key] = checkpoint
            save_checkpoints(store, _merge(by_inode, seen))

        try:
            file_stats = _ingest_file(feed, path, stat, known, write, save, clock)
        except FeedReadError as error:
            log.warning("cannot read %s: %s; it is retried on the next run", path, error)
            if key in by_inode:
                seen[key] = by_inode[key]
            continue
        stats = IngestStats(
            stats.files_read + 1,
            stats.ads + file_stats.ads,
            stats.quarantined + file_stats.quarantined,
            stats.checkpoints + file_stats.checkpoints,
        )
    save_checkpoints(store, _still_remembered(by_inode, seen))
    flush()
    return stats


def _still_remembered(
    by_inode: Dict[Tuple[int, int], FileCheckpoint], seen: Dict[Tuple[int, int], FileCheckpoint]
) -> List[FileCheckpoint]:
    # Files gone from the directory (or renamed out of the pattern) drop their checkpoints,
    # once MISSING_RUNS_BEFORE_FORGETTING runs in a row have not found them.
    kept = [replace(c, missing_runs=0) for c in seen.values()]
    for key, checkpoint in by_inode.items():
        if key not in seen and checkpoint.missing_runs + 1 < MISSING_RUNS_BEFORE_FORGETTING:
            kept.append(replace(checkpoint, missing_runs=checkpoint.missing_runs + 1))
    return kept


def _merge(
    by_inode: Dict[Tuple[int, int], FileCheckpoint], seen: Dict[Tuple[int, int], FileCheckpoint]
) -> List[FileCheckpoint]:
    # Mid-run, files not reached yet keep their old checkpoints.
    merged = dict(by_inode)
    merged.update(seen)
    return list(merged.values())


def _read_errors_as_feed_errors(records: Iterator[RawRecord]) -> Iterator[RawRecord]:
    while True:
        try:
            record = next(records)
        except StopIteration:
            return
        except OSError as error:
            raise FeedReadError(str(error)) from None
        yield record


def _unchanged(known: FileCheckpoint, stat: os.stat_result, settle: float) -> bool:
    # An unterminated tail becomes readable with time, so a file is only "done" once it was
    # already quiet at the last scan.
    return (
        known.size == stat.st_size
        and known.mtime_ns == stat.st_mtime_ns
        and known.scanned_at - stat.st_mtime >= settle
    )


def _ingest_file(
    feed: DirectoryFeed,
    path: str,
    stat: os.stat_result,
    known: Optional[FileCheckpoint],
    write: Callable[[FeedEvent], None],
    save: Callable[[FileCheckpoint], None],
    clock: Callable[[], float],
) -> IngestStats:
    now = clock()
    try:
        identity = file_identity(path)
    except OSError as error:
        raise FeedReadError(str(error)) from None
    offset, line = (known.offset, known.line) if known is not None else (0, 0)
    quiet = now - stat.st_mtime >= feed.settle_seconds
    ads = quarantined = checkpoints = pending = 0
    broken = ""
    try:
        records = iter_raw_records(
            path,
            start_offset=offset,
            start_line=line,
            max_line_bytes=feed.max_line_bytes,
            include_tail=quiet,
            size_limit=stat.st_size,
        )
        # Only read errors are the file's fault; a write error (splunkd gone) must propagate.
        for record in _read_errors_as_feed_errors(records):
            item = validate_record(record)
            write(item_event(item, path, feed.enrich, now))
            if item.ad is not None:
                ads += 1
            else:
                quarantined += 1
            offset, line = record.end_offset, record.end_line
            pending += 1
            if pending >= feed.batch_size:
                # Mid-file: no size/mtime, so the next run cannot take the file for finished.
                save(FileCheckpoint(identity, offset, line, path))
                checkpoints += 1
                pending = 0
    except FeedFileError as error:
        broken = str(error)
        if known is None or known.broken != broken or offset != known.offset:
            write(
                quarantine_event(AdError([("", broken)]), b"", line=line + 1, now=now, source=path)
            )
            quarantined += 1
    checkpoint = FileCheckpoint(
        identity, offset, line, path, stat.st_size, stat.st_mtime_ns, now, broken
    )
    if pending or checkpoint != known:
        save(checkpoint)
        checkpoints += 1
    return IngestStats(1, ads, quarantined, checkpoints)
