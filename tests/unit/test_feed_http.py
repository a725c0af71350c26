"""The crawler API client (htintel.feed_http) against the loopback crawler API, without Splunk."""

from __future__ import annotations

import json
from email.utils import formatdate

import pytest
from inputs.crawler_api import TOKEN, CrawlerApi
from inputs.feeddata import make_ad

from htintel.feed_http import (
    FeedHttpError,
    HttpFeed,
    PagePosition,
    RetryPolicy,
    checkpoint_file,
    decode_page,
    load_position,
    parse_retry_after,
    poll,
)

FAST = RetryPolicy(
    connect_timeout=2, read_timeout=0.3, max_attempts=3, base_delay=0.01, max_delay=0.02
)


@pytest.mark.parametrize(
    "header, expected",
    [("7", 7.0), (formatdate(1000.0 + 30, usegmt=True), 30.0), ("soon", None), (None, None)],
    ids=["seconds", "http-date", "garbage", "absent"],
)
def test_retry_after_accepts_seconds_and_http_dates(header, expected):
    assert parse_retry_after(header, now=1000.0) == expected


@pytest.mark.parametrize(
    "body, records, position",
    [
        ({"ads": [1], "next_cursor": "c2"}, [1], PagePosition("cursor", cursor="c2")),
        ({"ads": [1], "next_cursor": None}, [1], None),
        ({"ads": [], "next_page": 3}, [], PagePosition("page", page=3)),
        ({"ads": [1], "next_page": None}, [1], None),
        ({"ads": [1]}, [1], None),
    ],
)
def test_pages_are_decoded_by_cursor_or_page_number(body, records, position):
    page = decode_page(json.dumps(body).encode(), PagePosition())
    assert (page.records, page.next_position) == (records, position)


@pytest.mark.parametrize(
    "body", [b'{"ads": [1, 2', b'{"items": []}', b"[]", b'{"ads": [], "next_page": "2"}']
)
def test_bodies_of_another_shape_are_refused(body):
    with pytest.raises(ValueError):
        decode_page(body, PagePosition())


@pytest.mark.parametrize("attempt", [1, 2, 5, 20])
def test_backoff_is_jittered_below_an_exponential_cap(attempt):
    policy = RetryPolicy(base_delay=1.0, max_delay=60.0)
    cap = min(60.0, 2.0 ** (attempt - 1))
    assert policy.backoff(attempt, lambda: 0.0) == 0.0
    assert policy.backoff(attempt, lambda: 1.0) == cap


def _poll(api, tmp_path, token=TOKEN, page_size=10, sleeps=None):
    feed = HttpFeed(
        "crawler", api.ads_url, str(tmp_path), page_size=page_size, enrich=False, retry=FAST
    )
    events = []
    stats = poll(
        feed,
        token,
        events.append,
        lambda: None,
        sleep=(sleeps.append if sleeps is not None else lambda s: None),
        clock=lambda: 1000.0,
    )
    return stats, events


def test_429_waits_for_retry_after_then_succeeds(tmp_path):
    sleeps = []
    with CrawlerApi([make_ad(1)], faults=["429"], retry_after="4") as api:
        stats, _ = _poll(api, tmp_path, sleeps=sleeps)
    assert sleeps == [4.0]
    assert (stats.ads, stats.retries) == (1, 1)


def test_retries_are_bounded_and_the_error_says_the_next_run_resumes(tmp_path):
    sleeps = []
    with CrawlerApi([make_ad(1)], faults=["500", "500", "500"]) as api:
        with pytest.raises(FeedHttpError, match="500 Internal Server Error after 3 attempts"):
            _poll(api, tmp_path, sleeps=sleeps)
    assert len(sleeps) == 2


def test_a_bad_token_fails_at_once_with_a_hint(tmp_path):
    with CrawlerApi([make_ad(1)]) as api:
        with pytest.raises(FeedHttpError, match=r"401.*realm htintel_feed_http, username crawler"):
            _poll(api, tmp_path, token="wrong")
        assert len(api.requests) == 0  # refused before any page was served: no retries


def test_a_slow_answer_times_out_and_is_retried(tmp_path):
    with CrawlerApi([make_ad(1)], faults=["slow"], slow_seconds=1.0) as api:
        stats, _ = _poll(api, tmp_path)
    assert (stats.ads, stats.retries) == (1, 1)


def test_the_cursor_is_checkpointed_only_after_the_page_was_written(tmp_path):
    ads = [make_ad(n) for n in range(30)]
    written = []

    def write(event):
        if len(written) == 15:
            raise BrokenPipeError("splunkd went away")
        written.append(event)

    with CrawlerApi(ads) as api:
        feed = HttpFeed(
            "crawler", api.ads_url, str(tmp_path), page_size=10, enrich=False, retry=FAST
        )
        with pytest.raises(BrokenPipeError):
            poll(feed, TOKEN, write, lambda: None, sleep=lambda s: None)
        # Page 1 (ads 0-9) was flushed; page 2 was not, so the next run starts at it.
        assert load_position(
            checkpoint_file(str(tmp_path), "crawler"), api.ads_url
        ) == PagePosition("cursor", cursor="10")
        stats, _ = _poll(api, tmp_path)
    assert stats.ads == 20
