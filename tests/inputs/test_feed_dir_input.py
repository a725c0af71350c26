"""htintel_feed_dir run as splunkd runs it: --scheme, --validate-arguments, and a run.

The script comes from the built package and runs under Splunk's Pythons with ``-I -B``.
"""

from __future__ import annotations

import gzip
import json
import os
import xml.etree.ElementTree as ET
import zlib
from datetime import datetime, timezone

import pytest

from inputs.feeddata import ad_ids_of, ad_line, bad_line, make_ad
from inputs.modinput import error_message, input_xml, validation_xml

SCRIPT = "htintel_feed_dir.py"
STANZA = "htintel_feed_dir://crawler"


def test_scheme_declares_the_contract_parameters_and_external_validation(run):
    result = run(SCRIPT, ["--scheme"])
    assert result.returncode == 0, result.stderr
    scheme = ET.fromstring(result.stdout)
    args = {a.get("name"): a for a in scheme.iter("arg")}
    assert set(args) == {"path", "pattern", "enrich", "max_line_bytes"}
    assert args["path"].findtext("required_on_create") == "true"
    assert scheme.findtext("use_external_validation") == "true"
    assert scheme.findtext("streaming_mode") == "xml"


def test_validate_arguments_accepts_a_readable_directory(run, tmp_path):
    params = {"path": str(tmp_path), "pattern": "*.jsonl", "enrich": "0", "interval": "60"}
    result = run(SCRIPT, ["--validate-arguments"], validation_xml("crawler", params, str(tmp_path)))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"path": "{tmp}/missing"}, "is not an existing directory"),
        ({"path": "{tmp}/a-file"}, "is not an existing directory"),
        ({"path": ""}, "path is required"),
        ({"path": "{tmp}", "interval": "every minute"}, "interval must be a number of seconds"),
        ({"path": "{tmp}", "interval": "0"}, "interval must be a number of seconds"),
        ({"path": "{tmp}", "max_line_bytes": "lots"}, "max_line_bytes must be a whole number"),
        ({"path": "{tmp}", "max_line_bytes": "10"}, "max_line_bytes must be from 1024"),
        ({"path": "{tmp}", "enrich": "maybe"}, "enrich must be true or false"),
        ({"path": "{tmp}", "pattern": " , "}, "pattern ' , ' holds no glob"),
    ],
)
def test_validate_arguments_rejects_bad_parameters_with_a_clear_message(
    run, tmp_path, params, expected
):
    (tmp_path / "a-file").write_text("x")
    params = {k: v.replace("{tmp}", str(tmp_path)) for k, v in params.items()}
    result = run(SCRIPT, ["--validate-arguments"], validation_xml("crawler", params, str(tmp_path)))
    assert result.returncode == 1
    assert expected in error_message(result.stdout)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any directory; run as a normal user")
def test_validate_arguments_rejects_an_unreadable_directory(run, tmp_path):
    feed = tmp_path / "feed"
    feed.mkdir(mode=0)
    try:
        result = run(
            SCRIPT,
            ["--validate-arguments"],
            validation_xml("c", {"path": str(feed)}, str(tmp_path)),
        )
    finally:
        feed.chmod(0o755)
    assert result.returncode == 1
    assert "is not readable by the Splunk user" in error_message(result.stdout)


def _growing_gzip(finished):
    """The bytes of a gzip stream a crawler writes with sync flushes, before and after it ends."""
    compressor = zlib.compressobj(wbits=31)
    data = compressor.compress(ad_line(6) + ad_line(7)[:40]) + compressor.flush(zlib.Z_SYNC_FLUSH)
    if finished:
        data += compressor.compress(ad_line(7)[40:] + ad_line(11)) + compressor.flush()
    return data


def _age(path, seconds=3600):
    stamp = os.path.getmtime(path) - seconds
    os.utime(path, (stamp, stamp))


@pytest.fixture
def feed(tmp_path):
    """A feed directory with every kind of file the crawler writes, and a checkpoint dir."""
    feed_dir = tmp_path / "feed"
    checkpoints = tmp_path / "checkpoints"
    feed_dir.mkdir()
    checkpoints.mkdir()
    # JSON Lines with a BOM, CRLF line ends, a blank line, and one bad record.
    (feed_dir / "a.jsonl").write_bytes(
        b"\xef\xbb\xbf"
        + ad_line(1).replace(b"\n", b"\r\n")
        + ad_line(2).replace(b"\n", b"\r\n")
        + b"\r\n"
        + bad_line(1, 1)
        + ad_line(3)
    )
    # Gzipped JSON Lines, complete.
    with gzip.open(feed_dir / "b.jsonl.gz", "wb") as handle:
        handle.write(ad_line(4) + ad_line(5))
    # Gzipped JSON Lines still being written: no trailer, last line cut in the middle.
    (feed_dir / "c.jsonl.gz").write_bytes(_growing_gzip(finished=False))
    # A JSON array as Scrapy writes it, one element a line; one element is not an ad.
    elements = [make_ad(8), {"title": "no url"}, make_ad(9)]
    (feed_dir / "d.json").write_text("[\n" + ",\n".join(map(json.dumps, elements)) + "\n]")
    # An over-long line (max_line_bytes is 4096 below), an empty file, a non-matching file.
    (feed_dir / "e.jsonl").write_bytes(b'{"url": "' + b"x" * 9000 + b'"}\n' + ad_line(10))
    (feed_dir / "f.jsonl").write_bytes(b"")
    (feed_dir / "notes.txt").write_bytes(ad_line(99))
    # Files the crawler finished an hour ago; c.jsonl.gz is still being written.
    for name in ("a.jsonl", "b.jsonl.gz", "d.json", "e.jsonl", "f.jsonl"):
        _age(feed_dir / name)
    xml = input_xml(
        {
            STANZA: {
                "path": str(feed_dir),
                "index": "htintel_test",
                "host": "crawlerhost",
                "max_line_bytes": "4096",
                "enrich": "true",
            }
        },
        str(checkpoints),
    )
    return feed_dir, checkpoints, xml


def test_run_emits_every_complete_ad_and_quarantines_every_bad_record(run, feed):
    feed_dir, _, xml = feed
    result = run(SCRIPT, stdin=xml)
    assert result.returncode == 0, result.stderr
    events = result.events
    ads = [e for e in events if e.sourcetype == "htintel:ad"]
    quarantined = [e for e in events if e.sourcetype == "htintel:quarantine"]
    assert sorted(e.fields["url"].rsplit("/", 1)[1] for e in ads) == sorted(
        ["1", "2", "3", "4", "5", "6", "8", "9", "10"]
    )
    assert {e.index for e in events} == {"htintel_test"}
    assert {e.stanza for e in events} == {STANZA}
    reasons = {(os.path.basename(e.source), e.fields["line"]): e.fields for e in quarantined}
    assert set(reasons) == {("a.jsonl", 4), ("d.json", 3), ("e.jsonl", 1)}
    assert reasons[("a.jsonl", 4)]["schema_path"] == "/"
    assert "url" in reasons[("a.jsonl", 4)]["reason"]
    assert reasons[("d.json", 3)]["source_file"] == str(feed_dir / "d.json")
    assert "max_line_bytes" in reasons[("e.jsonl", 1)]["reason"]
    assert reasons[("e.jsonl", 1)]["raw_bytes"] == 9011
    assert len(reasons[("e.jsonl", 1)]["raw"]) <= 10 * 1024


def test_ad_events_carry_ad_id_time_from_posted_at_and_enrichment_fields(run, feed):
    _, _, xml = feed
    ads = [e for e in run(SCRIPT, stdin=xml).events if e.sourcetype == "htintel:ad"]
    first = next(e for e in ads if e.fields["url"].endswith("/ad/1"))
    assert first.fields["ad_id"].startswith("ad-")
    posted = datetime(2024, 3, 2, 1, 15, tzinfo=timezone.utc).timestamp()
    assert first.time == posted  # the posted_at of ad 1
    assert first.source.endswith("a.jsonl")
    for name in ("ht_phone", "ht_email", "ht_wallet", "ht_handle", "ht_url", "ht_ids"):
        assert isinstance(first.fields[name], list)
    assert first.fields["ht_id_count"] == len(first.fields["ht_ids"])


def test_second_run_emits_nothing_and_a_completed_line_is_emitted_once(run, feed):
    feed_dir, _, xml = feed
    first = run(SCRIPT, stdin=xml)
    again = run(SCRIPT, stdin=xml)
    assert again.returncode == 0, again.stderr
    assert again.events == []
    # The crawler finishes the cut line of c.jsonl.gz and closes the gzip stream.
    (feed_dir / "c.jsonl.gz").write_bytes(_growing_gzip(finished=True))
    with open(feed_dir / "a.jsonl", "ab") as handle:
        handle.write(ad_line(12))
    later = run(SCRIPT, stdin=xml)
    ids = ad_ids_of(later.events)
    assert len(ids) == 3
    assert not set(ids) & set(ad_ids_of(first.events))


def test_a_renamed_file_is_not_read_again(run, feed):
    feed_dir, _, xml = feed
    run(SCRIPT, stdin=xml)
    os.rename(feed_dir / "a.jsonl", feed_dir / "a-rotated.jsonl")
    result = run(SCRIPT, stdin=xml)
    assert result.events == []


def test_enrich_false_leaves_the_ad_as_crawled(run, tmp_path):
    (tmp_path / "feed").mkdir()
    (tmp_path / "feed" / "a.jsonl").write_bytes(ad_line(1))
    xml = input_xml({STANZA: {"path": str(tmp_path / "feed"), "enrich": "0"}}, str(tmp_path))
    (event,) = run(SCRIPT, stdin=xml).events
    assert not any(name.startswith("ht_") for name in event.fields)


def test_a_missing_directory_is_logged_and_nothing_is_emitted(run, tmp_path):
    xml = input_xml({STANZA: {"path": str(tmp_path / "gone")}}, str(tmp_path))
    result = run(SCRIPT, stdin=xml)
    assert result.returncode == 0
    assert result.events == []
    assert "is not a directory" in result.stderr
