"""kill -9 the directory input at random points while the crawler keeps writing.

A writer thread grows a feed of 20,000+ ads over JSON Lines files (one renamed mid-run), a
gzipped JSON Lines stream written with sync flushes, and a JSON array, sometimes leaving a
line half-written for a while, and plants bad records of every kind. Meanwhile the packaged
input runs again and again, as splunkd would after each interval, and is killed with SIGKILL
at random moments (at least 50 times): during start-up, mid-stream, mid-checkpoint. Its
``<stream>`` output is kept for every run. Then the input runs until it has nothing left.

What must hold: every valid ad was delivered at least once; every planted bad record was
quarantined (counted once per record); a run re-emits only events of the batch that was in
flight when the previous run was killed (a prefix of at most one batch per file, same
ad_id, so ``dedup ad_id`` removes it); after a run that ended normally nothing it read is
re-emitted.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import threading
import time
import zlib
from collections import Counter, defaultdict
from typing import Dict, List, Tuple

import pytest
from conftest import SPLUNK_PYTHONS

from htintel.ad import parse_ad
from inputs.feeddata import ad_line, bad_line
from inputs.modinput import input_command, input_env, input_xml, parse_stream

pytestmark = pytest.mark.slow

TOTAL_ADS = 20_000
MIN_KILLS = 50
BATCH_SIZE = 500  # htintel.feed.DEFAULT_BATCH_SIZE: records per checkpoint
MAX_LINE_BYTES = 4096
WRITE_SECONDS = 35.0
SEED = 20241128


def _newest_python() -> str:
    for version in ("3.13", "3.9"):
        if SPLUNK_PYTHONS.get(version):
            return SPLUNK_PYTHONS[version]  # type: ignore[return-value]
    pytest.skip("neither Python 3.13 nor 3.9 is installed under pyenv")
    raise AssertionError


class FeedWriter(threading.Thread):
    """The crawler: appends ads and bad records to several files for WRITE_SECONDS."""

    def __init__(self, directory: str, rng: random.Random):
        super().__init__(daemon=True)
        self.directory = directory
        self.rng = rng
        self.bad_planted = 0
        self.ads_written = 0
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self._write()
        except BaseException as error:  # reported by the test, never swallowed
            self.error = error

    def _path(self, name: str) -> str:
        return os.path.join(self.directory, name)

    def _write(self) -> None:
        rng = self.rng
        plain = {"live-0.jsonl": open(self._path("live-0.jsonl"), "ab")}
        gz_handle = open(self._path("live-2.jsonl.gz"), "ab")
        compressor = zlib.compressobj(wbits=31)
        array_handle = open(self._path("array.json"), "ab")
        array_handle.write(b"[\n")
        array_first = True
        half_written: Dict[str, bytes] = {}
        number = 0
        started = time.monotonic()
        chunk = 0
        while number < TOTAL_ADS:
            chunk += 1
            # Files come and go: live-0 is renamed (still matching *.jsonl), live-3 appears.
            if number >= 6000 and "live-0.jsonl" in plain:
                plain.pop("live-0.jsonl").close()
                half_written.pop("live-0.jsonl", None)
                os.rename(self._path("live-0.jsonl"), self._path("live-0.done.jsonl"))
            if number >= 2000 and "live-1.jsonl" not in plain:
                plain["live-1.jsonl"] = open(self._path("live-1.jsonl"), "ab")
            if number >= 9000 and "live-3.jsonl" not in plain:
                plain["live-3.jsonl"] = open(self._path("live-3.jsonl"), "ab")
            target = rng.choice([*plain, "gz", "array"])
            lines: List[bytes] = []
            for _ in range(rng.randint(1, 120)):
                if number >= TOTAL_ADS:
                    break
                if target != "array" and rng.random() < 0.01:
                    lines.append(self._bad())
                lines.append(ad_line(number))
                number += 1
            if target == "gz":
                gz_handle.write(
                    compressor.compress(b"".join(lines)) + compressor.flush(zlib.Z_SYNC_FLUSH)
                )
                gz_handle.flush()
            elif target == "array":
                for line in lines:
                    array_handle.write((b"" if array_first else b",\n") + line.rstrip(b"\n"))
                    array_first = False
                array_handle.flush()
            else:
                handle = plain[target]
                data = half_written.pop(target, b"") + b"".join(lines)
                if rng.random() < 0.3:
                    # Leave the last line half-written until this file's next turn.
                    cut = len(data) - rng.randint(1, len(lines[-1]) - 1)
                    data, half_written[target] = data[:cut], data[cut:]
                handle.write(data)
                handle.flush()
            self.ads_written = number
            # Pace the writing over WRITE_SECONDS.
            ahead = started + WRITE_SECONDS * number / TOTAL_ADS - time.monotonic()
            if ahead > 0:
                time.sleep(ahead)
        for name, rest in half_written.items():
            plain[name].write(rest)
        for handle in plain.values():
            handle.close()
        gz_handle.write(compressor.flush())
        gz_handle.close()
        array_handle.write(b"\n]\n")
        array_handle.close()

    def _bad(self) -> bytes:
        self.bad_planted += 1
        kind = self.bad_planted
        if kind % 7 == 0:
            # Over max_line_bytes: quarantined by size, never read whole.
            return b'{"n": %d, "url": "' % kind + b"x" * (MAX_LINE_BYTES * 3) + b'"}\n'
        return bad_line(kind, kind)


def _key(event) -> str:
    fields = event.fields
    if event.sourcetype == "htintel:ad":
        return "ad:" + fields["ad_id"]
    return "bad:" + fields["raw"][:200]


def test_kill_9_at_random_points_loses_no_ad_and_hides_no_bad_record(built_app, tmp_path):
    python = _newest_python()
    rng = random.Random(SEED)
    feed_dir = tmp_path / "feed"
    checkpoints = tmp_path / "checkpoints"
    runs_dir = tmp_path / "runs"
    for directory in (feed_dir, checkpoints, runs_dir):
        directory.mkdir()
    # The app directory is copied so a concurrent rebuild of build/ cannot disturb the runs.
    app_copy = tmp_path / "app" / "htintel"
    shutil.copytree(built_app, app_copy)
    xml = input_xml(
        {
            "htintel_feed_dir://crash": {
                "path": str(feed_dir),
                "max_line_bytes": str(MAX_LINE_BYTES),
                "enrich": "false",
                "index": "htintel",
            }
        },
        str(checkpoints),
    )
    command = input_command(python, str(app_copy), "htintel_feed_dir.py")
    env = input_env({"HTINTEL_LOG_LEVEL": "WARNING"})

    writer = FeedWriter(str(feed_dir), random.Random(SEED + 1))
    writer.start()
    runs: List[Tuple[bool, list]] = []  # (killed, events)
    kills = 0
    deadline = time.monotonic() + 170
    idle_runs = 0
    while time.monotonic() < deadline:
        out_path = runs_dir / f"run-{len(runs):04d}.xml"
        with open(out_path, "wb") as out, open(str(out_path) + ".err", "wb") as err:
            process = subprocess.Popen(
                command, stdin=subprocess.PIPE, stdout=out, stderr=err, env=env
            )
            process.stdin.write(xml)
            process.stdin.close()
            want_kill = writer.is_alive() or kills < MIN_KILLS
            killed = False
            if want_kill:
                # Half the kills by time (start-up included), half once output is flowing.
                if rng.random() < 0.5:
                    limit = time.monotonic() + rng.uniform(0.05, 2.0)
                    while time.monotonic() < limit and process.poll() is None:
                        time.sleep(0.005)
                else:
                    threshold = rng.randint(1, 400_000)
                    limit = time.monotonic() + 5
                    while (
                        time.monotonic() < limit
                        and process.poll() is None
                        and os.path.getsize(out_path) < threshold
                    ):
                        time.sleep(0.002)
                if process.poll() is None:
                    process.send_signal(signal.SIGKILL)
                    killed = True
            process.wait(timeout=120)
        if not killed:
            assert process.returncode == 0, (out_path, open(str(out_path) + ".err").read()[-2000:])
        kills += killed
        events = parse_stream(out_path.read_text("utf-8", errors="replace"))
        runs.append((killed, events))
        if not writer.is_alive() and kills >= MIN_KILLS and not killed:
            idle_runs = idle_runs + 1 if not events else 0
            if idle_runs >= 1:
                break
    writer.join(timeout=60)
    assert writer.error is None, writer.error
    assert not writer.is_alive(), "the writer did not finish in time"
    assert idle_runs >= 1, "the input never caught up with the feed before the time limit"

    expected_ads = {"ad:" + _ad_id(n) for n in range(TOTAL_ADS)}
    seen: Counter = Counter()
    duplicate_events = 0
    # Per file, whether the last run that emitted events of it was killed: only then may the
    # next run that reads it re-emit anything (the batch in flight at the kill). That run is
    # usually the next one, but not always: a run that lists the directory while the crawler
    # renames a file misses it, and reads it on the next run.
    last_reader_killed: Dict[str, bool] = defaultdict(lambda: True)
    for index, (killed, events) in enumerate(runs):
        by_file: Dict[str, List[bool]] = defaultdict(list)
        for event in events:
            key = _key(event)
            by_file[_feed_file(event.source)].append(key in seen)
            seen[key] += 1
        for source, repeats in by_file.items():
            count = sum(repeats)
            duplicate_events += count
            if not last_reader_killed[source]:
                assert count == 0, (
                    f"run {index} re-emitted {count} events of {source} after a clean run read it"
                )
            # Re-emitted events are the first ones of the file in this run: the batch in flight.
            assert repeats[:count] == [True] * count, f"run {index}: re-emitted events not a prefix"
            assert count <= BATCH_SIZE, f"run {index} re-emitted {count} events of {source}"
            last_reader_killed[source] = killed

    ads_delivered = {k for k in seen if k.startswith("ad:")}
    bad_keys = [k for k in seen if k.startswith("bad:")]
    missing = expected_ads - ads_delivered
    print(
        f"\ncrash safety: runs={len(runs)} kills_survived={kills} ads_planted={TOTAL_ADS} "
        f"ads_delivered={len(ads_delivered)} ad_events={sum(seen[k] for k in ads_delivered)} "
        f"duplicate_events={duplicate_events} bad_planted={writer.bad_planted} "
        f"quarantined_distinct={len(bad_keys)} quarantine_events={sum(seen[k] for k in bad_keys)}"
    )
    assert kills >= MIN_KILLS
    assert not missing, f"{len(missing)} ads never delivered, e.g. {sorted(missing)[:3]}"
    assert ads_delivered == expected_ads
    assert len(bad_keys) == writer.bad_planted


def _feed_file(source: str) -> str:
    """The feed file an event came from, under its first name (the writer renames live-0)."""
    return os.path.basename(source).replace(".done.", ".")


def _ad_id(number: int) -> str:
    return parse_ad(json.loads(ad_line(number))).ad_id
