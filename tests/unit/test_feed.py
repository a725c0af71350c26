"""The feed file reader, checkpoints and event building (htintel.feed), without Splunk."""

from __future__ import annotations

import gzip
import json
import os
import zlib

import pytest
from inputs.feeddata import ad_line, make_ad

from htintel.ad import MAX_RECORD_BYTES, AdError, parse_ad
from htintel.extract import Extraction, extraction_fields
from htintel.feed import (
    QUARANTINE_RAW_BYTES,
    DirectoryFeed,
    FeedEvent,
    FeedFileError,
    FileCheckpoint,
    FileIdentity,
    ad_event,
    checkpoint_file,
    event_xml,
    file_identity,
    ingest_directory,
    is_same_file,
    iter_raw_records,
    load_checkpoints,
    quarantine_event,
    read_feed_file,
    save_checkpoints,
)
from htintel.params import MAX_LINE_BYTES_LIMIT


def _write(path, data: bytes) -> str:
    path.write_bytes(data)
    return str(path)


def _urls(items):
    return [item.ad.url.rsplit("/", 1)[1] if item.ad else None for item in items]


@pytest.mark.parametrize(
    "data, expected",
    [
        (ad_line(1) + ad_line(2), ["1", "2"]),
        (ad_line(1).replace(b"\n", b"\r\n") + ad_line(2).replace(b"\n", b"\r\n"), ["1", "2"]),
        (b"\xef\xbb\xbf" + ad_line(1) + ad_line(2), ["1", "2"]),
        (ad_line(1) + b"\n  \r\n\n" + ad_line(2), ["1", "2"]),
        (b"", []),
        (b"\n\n", []),
    ],
    ids=["lf", "crlf", "bom", "blank-lines", "empty", "only-newlines"],
)
def test_json_lines_variants_yield_the_same_ads(tmp_path, data, expected):
    path = _write(tmp_path / "f.jsonl", data)
    assert _urls(read_feed_file(path)) == expected


def test_an_unterminated_last_line_waits_unless_the_file_is_final(tmp_path):
    path = _write(tmp_path / "f.jsonl", ad_line(1) + ad_line(2)[:30])
    assert _urls(read_feed_file(path, complete_only=True)) == ["1"]
    final = list(read_feed_file(path))
    assert _urls(final) == ["1", None]
    assert final[1].error is not None and final[1].line == 2


def test_non_utf8_record_is_an_error_naming_the_byte(tmp_path):
    path = _write(
        tmp_path / "f.jsonl", b'{"url": "https://x.example/\xff", "title": "t"}\n' + ad_line(2)
    )
    items = list(read_feed_file(path))
    assert "not valid UTF-8 at byte" in items[0].error.reason
    assert _urls(items) == [None, "2"]


def test_an_over_long_line_is_rejected_with_its_size_and_the_next_line_is_read(tmp_path):
    long_line = b'{"url": "' + b"x" * 3_000_000 + b'"}\n'
    path = _write(tmp_path / "f.jsonl", ad_line(1) + long_line + ad_line(3))
    items = list(read_feed_file(path, max_line_bytes=4096))
    assert _urls(items) == ["1", None, "3"]
    assert items[1].error.reason == "line is 3,000,011 bytes; the limit (max_line_bytes) is 4,096"
    assert len(items[1].raw) == QUARANTINE_RAW_BYTES
    assert items[1].size == 3_000_011
    assert [i.line for i in items] == [1, 2, 3]


def _records_from(path, offset, line):
    return [
        (r.line, r.data)
        for r in iter_raw_records(path, start_offset=offset, start_line=line, include_tail=True)
    ]


@pytest.mark.parametrize("name", ["f.jsonl", "f.jsonl.gz", "f.json"])
def test_resuming_at_any_checkpoint_yields_exactly_the_records_after_it(tmp_path, name):
    lines = [ad_line(n) for n in range(6)]
    if name.endswith(".gz"):
        data = gzip.compress(b"".join(lines))
    elif name.endswith(".json"):
        data = b"[\n" + b",\n".join(line.rstrip(b"\n") for line in lines) + b"\n]\n"
    else:
        data = b"".join(lines)
    path = _write(tmp_path / name, data)
    everything = list(iter_raw_records(path))
    assert len(everything) == 6
    for index, record in enumerate(everything):
        rest = _records_from(path, record.end_offset, record.end_line)
        assert rest == [(r.line, r.data) for r in everything[index + 1 :]]


def test_a_truncated_gzip_stream_yields_every_complete_line_and_resumes_when_finished(tmp_path):
    compressor = zlib.compressobj(wbits=31)
    head = compressor.compress(ad_line(1) + ad_line(2)[:50]) + compressor.flush(zlib.Z_SYNC_FLUSH)
    path = _write(tmp_path / "f.jsonl.gz", head)
    first = list(iter_raw_records(path, include_tail=False))
    assert [r.line for r in first] == [1]
    _write(
        tmp_path / "f.jsonl.gz", head + compressor.compress(ad_line(2)[50:]) + compressor.flush()
    )
    rest = list(iter_raw_records(path, start_offset=first[-1].end_offset, start_line=1))
    assert [json.loads(r.data)["url"] for r in rest] == [make_ad(2)["url"]]


def test_concatenated_gzip_members_read_as_one_stream(tmp_path):
    path = _write(tmp_path / "f.jsonl.gz", gzip.compress(ad_line(1)) + gzip.compress(ad_line(2)))
    assert _urls(read_feed_file(path)) == ["1", "2"]


def test_corrupt_gzip_raises_after_the_readable_records(tmp_path):
    good = zlib.compressobj(wbits=31)
    data = good.compress(ad_line(1)) + good.flush(zlib.Z_SYNC_FLUSH) + b"\x00garbage" * 20
    path = _write(tmp_path / "f.jsonl.gz", data)
    seen = []
    with pytest.raises(FeedFileError, match="gzip data is corrupt"):
        for record in iter_raw_records(path):
            seen.append(record.line)
    assert seen == [1]


@pytest.mark.parametrize(
    "text, expected_reasons",
    [
        ('[{"title": "no url"}, 5]', ["required", "expected a JSON object, got int"]),
        ('{"url": "https://x.example/1", "title": "one"}', ["must hold a JSON array"]),
        ('[{"url": "https://x.example/1", "title": "t"}, {"url": ', ["not valid JSON from line"]),
    ],
)
def test_json_array_problems_are_reported_not_dropped(tmp_path, text, expected_reasons):
    path = _write(tmp_path / "f.json", text.encode())
    reasons = [i.error.reason for i in read_feed_file(path) if i.error]
    assert len(reasons) == len(expected_reasons)
    for reason, expected in zip(reasons, expected_reasons):
        assert expected in reason


def test_a_renamed_file_keeps_its_identity_and_a_new_file_on_the_same_inode_does_not(tmp_path):
    path = _write(tmp_path / "a.jsonl", ad_line(1))
    identity = file_identity(path)
    os.rename(path, tmp_path / "b.jsonl")
    assert is_same_file(identity, str(tmp_path / "b.jsonl"))
    # Same device and inode, different first bytes: a rotated file that reuses the inode.
    _write(tmp_path / "b.jsonl", ad_line(2))
    assert not is_same_file(identity, str(tmp_path / "b.jsonl"))


def test_checkpoints_round_trip_and_leave_no_temporary_files(tmp_path):
    store = checkpoint_file(str(tmp_path), "htintel_feed_dir://x")
    checkpoint = FileCheckpoint(FileIdentity(1, 2, 3, "ab"), 10, 2, "/f.jsonl", 10, 5, 1.5)
    save_checkpoints(store, [checkpoint])
    save_checkpoints(store, [checkpoint])
    assert load_checkpoints(store) == [checkpoint]
    assert os.listdir(tmp_path) == [os.path.basename(store)]


def test_a_checkpoint_of_unknown_version_is_refused_rather_than_guessed(tmp_path):
    store = tmp_path / "c.json"
    store.write_text('{"version": 99, "files": []}')
    with pytest.raises(ValueError, match="unknown version"):
        load_checkpoints(str(store))


class Crash(Exception):
    pass


def _ingest(feed, sink, crash_after=None):
    def write(event):
        if crash_after is not None and len(sink) >= crash_after:
            raise Crash()
        sink.append(event)

    return ingest_directory(feed, write, lambda: None, clock=lambda: 2e9)


def test_a_crash_mid_file_re_emits_at_most_one_batch_and_loses_nothing(tmp_path):
    (tmp_path / "feed").mkdir()
    _write(tmp_path / "feed" / "a.jsonl", b"".join(ad_line(n) for n in range(50)))
    feed = DirectoryFeed("x", str(tmp_path / "feed"), str(tmp_path), enrich=False, batch_size=10)
    events = []
    with pytest.raises(Crash):
        _ingest(feed, events, crash_after=25)
    _ingest(feed, events)
    ids = [json.loads(e.data)["ad_id"] for e in events]
    assert len(set(ids)) == 50
    assert len(ids) - 50 == 5  # ads 20-24: written after the checkpoint at 20, before the crash


def test_a_file_renamed_while_a_run_lists_the_directory_is_not_read_again(tmp_path):
    # The crash-safety test's writer renames live-0.jsonl mid-run: the run had listed the old
    # name, cannot stat it, and never lists the new one. Its checkpoint must survive that run.
    feed_dir = tmp_path / "feed"
    feed_dir.mkdir()
    first, second = feed_dir / "a.jsonl", feed_dir / "b.jsonl"
    _write(first, ad_line(1))
    _write(second, ad_line(2))
    os.utime(first, ns=(1, 1))  # listed oldest first: a, then b
    feed = DirectoryFeed("x", str(feed_dir), str(tmp_path), enrich=False)
    assert _ingest(feed, []).ads == 2
    with open(first, "ab") as handle:
        handle.write(ad_line(3))
    os.utime(first, ns=(1, 1))

    def write_and_rename(event):
        if second.exists():
            os.rename(second, feed_dir / "b.done.jsonl")

    ingest_directory(feed, write_and_rename, lambda: None, clock=lambda: 2e9)
    after_rename = []
    _ingest(feed, after_rename)
    assert after_rename == []
    # A file gone for good is forgotten once a second run in a row misses it.
    os.unlink(feed_dir / "b.done.jsonl")
    _ingest(feed, [])
    _ingest(feed, [])
    store = checkpoint_file(str(tmp_path), "x")
    assert [c.path for c in load_checkpoints(store)] == [str(first)]


def test_a_second_run_over_unchanged_files_emits_nothing(tmp_path):
    (tmp_path / "feed").mkdir()
    _write(tmp_path / "feed" / "a.jsonl", ad_line(1) + b'{"title": "bad"}\n')
    feed = DirectoryFeed("x", str(tmp_path / "feed"), str(tmp_path), enrich=False)
    first, second = [], []
    stats = _ingest(feed, first)
    assert (stats.ads, stats.quarantined) == (1, 1)
    _ingest(feed, second)
    assert second == []


@pytest.mark.parametrize(
    "fields, expected_time",
    [
        ({"posted_at": "2024-03-01T10:00:00Z", "crawled_at": "2024-04-01T00:00:00Z"}, 1709287200.0),
        ({"crawled_at": "2024-04-01T00:00:00Z"}, 1711929600.0),
        ({}, 123.0),
    ],
    ids=["posted_at", "crawled_at-fallback", "ingestion-time"],
)
def test_ad_event_time_follows_posted_at_then_crawled_at_then_now(fields, expected_time):
    ad = parse_ad({"url": "https://x.example/1", "title": "t", **fields})
    event = ad_event(ad, "/feed/a.jsonl", enrich=False, now=123.0)
    assert event.time == expected_time
    assert event.sourcetype == "htintel:ad"
    assert json.loads(event.data)["ad_id"] == ad.ad_id


def test_quarantine_event_carries_location_reason_and_truncated_raw():
    raw = b"\xff" + b"x" * 20_000
    error = AdError([("/url", "is required but missing"), ("", "other")])
    event = quarantine_event(error, raw, line=7, now=5.0, source="/feed/a.jsonl")
    fields = json.loads(event.data)
    assert event.sourcetype == "htintel:quarantine"
    assert fields["source_file"] == "/feed/a.jsonl"
    assert (fields["line"], fields["schema_path"]) == (7, "/url")
    assert fields["reason"] == "is required but missing"
    assert fields["raw"].startswith("\ufffd")
    assert (fields["raw_bytes"], fields["raw_truncated"]) == (20_001, True)
    assert len(fields["raw"]) == QUARANTINE_RAW_BYTES


def test_extraction_fields_are_the_htextract_fields():
    found = Extraction(phones=("+16175550123",), emails=("a@b.example",), handles=("kik:amber",))
    # As the enrichment writes them into the event's JSON (and splunklib into __mv_ columns).
    assert json.loads(json.dumps(extraction_fields(found))) == {
        "ht_phone": ["+16175550123"],
        "ht_email": ["a@b.example"],
        "ht_wallet": [],
        "ht_handle": ["kik:amber"],
        "ht_url": [],
        "ht_ids": ["phone:+16175550123", "email:a@b.example", "kik:amber"],
        "ht_id_count": 3,
    }


def test_the_line_size_limit_matches_the_record_size_limit():
    assert MAX_LINE_BYTES_LIMIT == MAX_RECORD_BYTES


@pytest.mark.parametrize("index, host", [("htintel", "crawler-1"), (None, None)])
def test_event_xml_is_the_xml_splunklib_writes(index, host):
    import io
    import xml.etree.ElementTree as ET

    from splunklib.modularinput import Event

    event = FeedEvent(
        '{"t":"a & b <c> \\"q\\" \'s\' ünï 東京"}', 1.5, "htintel:ad", "/f/<a>&.jsonl"
    )
    reference = io.StringIO()
    Event(
        data=event.data,
        stanza='htintel_feed_dir://a"b<',
        time="1.500",
        host=host,
        index=index,
        source=event.source,
        sourcetype=event.sourcetype,
    ).write_to(reference)
    ours = ET.fromstring(event_xml(event, 'htintel_feed_dir://a"b<', index, host))
    theirs = ET.fromstring(reference.getvalue())
    assert ours.attrib == theirs.attrib
    assert [(e.tag, e.text) for e in ours] == [(e.tag, e.text) for e in theirs]


def test_a_lone_surrogate_in_an_ad_is_kept_escaped_and_the_event_is_valid_utf8():
    ad = parse_ad(b'{"url": "https://x.example/1", "title": "bad \\ud800 text"}')
    event = ad_event(ad, "/f.jsonl", enrich=False, now=1.0)
    event.data.encode("utf-8")
    assert json.loads(event.data)["title"] == "bad \ud800 text"


def test_read_feed_file_reports_corrupt_gzip_as_a_last_error_item(tmp_path):
    good = zlib.compressobj(wbits=31)
    data = good.compress(ad_line(1)) + good.flush(zlib.Z_SYNC_FLUSH) + b"\x00garbage" * 20
    items = list(read_feed_file(_write(tmp_path / "f.jsonl.gz", data)))
    assert _urls(items) == ["1", None]
    assert "gzip data is corrupt" in items[1].error.reason
    assert items[1].line == 2


@pytest.mark.parametrize("name", ["f.jsonl", "f.json"])
def test_deeply_nested_json_is_rejected_not_a_crash(tmp_path, name):
    nested = b'{"url": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    data = nested + b"\n" if name.endswith(".jsonl") else b"[" + nested + b"]"
    items = list(read_feed_file(_write(tmp_path / name, data)))
    assert len(items) == 1 and items[0].error is not None
