"""htintel_feed_http run as splunkd runs it, against a loopback crawler API with faults.

The token comes from the loopback server's storage/passwords endpoint (splunkd's REST
contract, ``output_mode=json``), reached through the input XML's server_uri and session key.
Timeouts and backoff are shortened through HTINTEL_FEED_HTTP_RETRY (tests only).
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections import Counter

import pytest

from inputs.crawler_api import TOKEN, CrawlerApi
from inputs.feeddata import ad_ids_of, make_ad
from inputs.modinput import error_message, input_xml, validation_xml

SCRIPT = "htintel_feed_http.py"
STANZA = "htintel_feed_http://crawler"
FAST_RETRIES = json.dumps(
    {
        "connect_timeout": 2,
        "read_timeout": 0.5,
        "max_attempts": 4,
        "base_delay": 0.05,
        "max_delay": 0.2,
    }
)


def _run_against(run, api, checkpoint_dir, page_size="10", extra_env=None):
    xml = input_xml(
        {STANZA: {"url": api.ads_url, "page_size": page_size, "index": "htintel"}},
        str(checkpoint_dir),
        server_uri=api.base_url,
    )
    env = {"HTINTEL_FEED_HTTP_RETRY": FAST_RETRIES, **(extra_env or {})}
    return run(SCRIPT, stdin=xml, env=env)


def test_scheme_declares_url_page_size_and_enrich(run):
    result = run(SCRIPT, ["--scheme"])
    assert result.returncode == 0, result.stderr
    names = {a.get("name") for a in ET.fromstring(result.stdout).iter("arg")}
    assert names == {"url", "page_size", "enrich"}
    assert TOKEN not in result.stdout


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"url": "ftp://crawler.example.org/ads"}, "is not an http(s) URL"),
        ({"url": "not a url"}, "is not an http(s) URL"),
        ({"url": "http://crawler.example.org/ads"}, "uses plain http; use https"),
        ({"url": ""}, "url is required"),
        ({"url": "https://c.example.org/a", "page_size": "0"}, "page_size must be from 1 to 10000"),
        (
            {"url": "https://c.example.org/a", "page_size": "ten"},
            "page_size must be a whole number",
        ),
        (
            {"url": "https://c.example.org/a", "interval": "-5"},
            "interval must be a number of seconds",
        ),
    ],
)
def test_validate_arguments_rejects_bad_parameters_with_a_clear_message(
    run, tmp_path, params, expected
):
    result = run(SCRIPT, ["--validate-arguments"], validation_xml("crawler", params, str(tmp_path)))
    assert result.returncode == 1
    assert expected in error_message(result.stdout)


def test_validate_arguments_accepts_an_https_url_and_a_cron_interval(run, tmp_path):
    params = {
        "url": "https://crawler.example.org/api/ads",
        "page_size": "200",
        "interval": "*/5 * * * *",
    }
    result = run(SCRIPT, ["--validate-arguments"], validation_xml("crawler", params, str(tmp_path)))
    assert result.returncode == 0, result.stdout


@pytest.mark.parametrize("mode", ["cursor", "page"])
def test_every_ad_arrives_once_through_all_pages(run, tmp_path, mode):
    ads = [make_ad(n) for n in range(35)]
    with CrawlerApi(ads, mode=mode) as api:
        result = _run_against(run, api, tmp_path)
    assert result.returncode == 0, result.stderr
    ids = ad_ids_of(result.events)
    assert len(ids) == 35 == len(set(ids))
    assert {e.source for e in result.events} == {api.ads_url}
    assert TOKEN not in result.stdout + result.stderr


def test_faults_are_retried_and_no_ad_is_lost(run, tmp_path):
    ads = [make_ad(n) for n in range(60)]
    faults = ["500", "ok", "429", "ok", "slow", "ok", "truncated", "ok", "duplicate", "ok"]
    with CrawlerApi(ads, faults=faults, retry_after="1") as api:
        result = _run_against(run, api, tmp_path)
        served = [fault for _, fault in api.requests]
    assert result.returncode == 0, result.stderr
    ids = ad_ids_of(result.events)
    assert set(ids) == {e for e in ad_ids_of(result.events)}
    assert len(set(ids)) == 60
    # The duplicate page's ads arrive twice, with the same ad_id: dedup ad_id removes them.
    duplicates = [i for i, count in Counter(ids).items() if count > 1]
    assert len(duplicates) == 10
    assert served[:10] == faults
    assert "429 Too Many Requests" in result.stderr
    assert "timeout" in result.stderr


def test_a_body_that_stays_truncated_is_quarantined_and_the_next_run_resumes(run, tmp_path):
    ads = [make_ad(n) for n in range(30)]
    # Page 1 fine, then page 2 truncated on every one of the 4 attempts.
    with CrawlerApi(ads, faults=["ok"] + ["truncated"] * 4) as api:
        first = _run_against(run, api, tmp_path)
        second = _run_against(run, api, tmp_path)
    assert first.returncode == 0, first.stderr
    (quarantined,) = [e for e in first.events if e.sourcetype == "htintel:quarantine"]
    assert quarantined.fields["source_url"] == api.ads_url
    assert quarantined.fields["cursor"] == "10"
    assert "not the expected JSON" in quarantined.fields["reason"]
    assert quarantined.fields["raw"].startswith('{"ads": [')
    assert len(ad_ids_of(first.events)) == 10
    # The second run starts at the checkpointed cursor, re-reads nothing before it.
    assert sorted(ad_ids_of(first.events) + ad_ids_of(second.events)) == sorted(
        set(ad_ids_of(first.events) + ad_ids_of(second.events))
    )
    assert len(set(ad_ids_of(first.events) + ad_ids_of(second.events))) == 30


def test_invalid_ads_in_a_page_are_quarantined_with_their_position(run, tmp_path):
    ads = [make_ad(0), {"title": "no url"}, make_ad(2), "not an object"]
    with CrawlerApi(ads) as api:
        result = _run_against(run, api, tmp_path)
    quarantined = [e.fields for e in result.events if e.sourcetype == "htintel:quarantine"]
    assert [(q["line"], q["schema_path"]) for q in quarantined] == [(2, "/"), (4, "/")]
    assert "url" in quarantined[0]["reason"]
    assert len(ad_ids_of(result.events)) == 2


def test_a_caught_up_poll_rereads_only_the_last_page(run, tmp_path):
    ads = [make_ad(n) for n in range(25)]
    with CrawlerApi(ads) as api:
        first = _run_against(run, api, tmp_path)
        api.ads.extend(make_ad(n) for n in range(25, 32))
        second = _run_against(run, api, tmp_path)
    again = set(ad_ids_of(first.events)) & set(ad_ids_of(second.events))
    assert len(again) == 5  # the last page (ads 20-24), served again: same ad_ids
    assert len(set(ad_ids_of(first.events)) | set(ad_ids_of(second.events))) == 32


def test_a_missing_token_stops_the_input_with_a_clear_error(run, tmp_path):
    with CrawlerApi([make_ad(1)], token_user="someone-else") as api:
        result = _run_against(run, api, tmp_path)
        requests_made = list(api.requests)
    assert result.returncode == 0
    assert result.events == []
    assert requests_made == []
    assert "no token in storage/passwords for realm 'htintel_feed_http', username 'crawler'" in (
        result.stderr
    )
