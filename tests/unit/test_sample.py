"""The sample corpus: deterministic, valid ads, valid phones, every planted shape present."""

from __future__ import annotations

from collections import Counter

import phonenumbers
import pytest

from htintel.ad import derive_ad_id, parse_ad
from htintel.sample import SampleConfig, generate, read_truth, write_sample

SMALL = SampleConfig(seed=3, operators=12, agencies=2, independents=80)


@pytest.fixture(scope="module")
def sample():
    return generate(SMALL)


def test_same_seed_gives_the_same_corpus(sample):
    again = generate(SMALL)
    assert again.records == sample.records and again.network_of == sample.network_of


def test_another_seed_gives_another_corpus(sample):
    assert (
        generate(SampleConfig(seed=4, operators=12, agencies=2, independents=80)).records
        != sample.records
    )


def test_every_record_is_a_valid_ad_with_its_truth(sample):
    for record in sample.records:
        ad = parse_ad(record)
        assert ad.ad_id == derive_ad_id(ad.site, ad.url)
        assert ad.ad_id in sample.network_of


def test_planted_phones_are_valid_numbers_for_their_country(sample):
    phones = {i for ids in sample.planted_ids.values() for i in ids if i.startswith("phone:")}
    assert phones
    for phone in phones:
        assert phonenumbers.is_valid_number(phonenumbers.parse(phone[len("phone:") :])), phone


@pytest.mark.parametrize("language", ["en", "es", "fr", "pt", "ru", "zh"])
def test_ads_come_in_several_languages(sample, language):
    assert any(r["language"] == language for r in sample.records)


@pytest.mark.parametrize("kind", ["op-", "agency-", "ind-"])
def test_every_kind_of_poster_is_planted(sample, kind):
    assert any(network.startswith(kind) for network in sample.network_of.values())


def test_agency_posts_from_one_city_under_one_phone(sample):
    agency = [
        r
        for r in sample.records
        if sample.network_of[derive_ad_id(r["site"], r["url"])] == "agency-0"
    ]
    assert len({r["city"] for r in agency}) == 1
    phones = Counter(
        i
        for r in agency
        for i in sample.planted_ids[derive_ad_id(r["site"], r["url"])]
        if i.startswith("phone:")
    )
    (shared, count), *_ = phones.most_common()
    assert count == len(agency) and shared not in sample.hub_ids


def test_operators_move_through_several_cities(sample):
    cities = Counter()
    for record in sample.records:
        network = sample.network_of[derive_ad_id(record["site"], record["url"])]
        if network.startswith("op-"):
            cities[(network, record["city"])] += 1
    per_operator = Counter(network for network, _ in cities)
    assert max(per_operator.values()) >= 3


def test_hub_traps_appear_across_many_networks_and_cities(sample):
    networks = {}
    for ad_id, ids in sample.planted_ids.items():
        for value in ids:
            if value in sample.hub_ids:
                networks.setdefault(value, set()).add(sample.network_of[ad_id])
    assert max(len(v) for v in networks.values()) >= 10


def test_write_sample_writes_feed_files_and_truth(tmp_path):
    files = write_sample(str(tmp_path), SMALL)
    lines = sum(1 for path in files.feed_files for _ in open(path, encoding="utf-8"))
    assert lines == files.ads == len(generate(SMALL).records)
    truth = read_truth(files.truth_file)
    assert len(truth) == files.ads
