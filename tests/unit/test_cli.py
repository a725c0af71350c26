"""The local command line: the demo runs end to end and prints networks."""

from __future__ import annotations

import io
import os

from htintel.cli import main


def test_demo_prints_networks_hubs_and_counts(tmp_path):
    out = io.StringIO()
    assert main(["demo", "--out", str(tmp_path), "--seed", "5", "--top", "10"], out=out) == 0
    text = out.getvalue()
    assert "Top 10 networks" in text
    assert "path: " in text and " -> " in text
    assert "evidence: phone:" in text
    assert "Hub identifiers" in text
    assert "Ads and networks by country" in text and "Ads and networks by city" in text
    assert "pairwise precision" in text
    assert os.path.exists(tmp_path / "networks.csv")


def test_link_command_links_feed_files_and_writes_assignments(tmp_path):
    main(["sample", "--out", str(tmp_path / "crawl"), "--seed", "2"], out=io.StringIO())
    feed = sorted(str(p) for p in (tmp_path / "crawl" / "feed").iterdir())
    out = io.StringIO()
    csv_path = str(tmp_path / "links.csv")
    assert main(["link", *feed[:2], "--csv", csv_path, "--top", "2"], out=out) == 0
    assert "Top 2 networks" in out.getvalue()
    with open(csv_path, encoding="utf-8") as rows:
        assert rows.readline().strip() == "ad_id,ht_cluster,ht_cluster_size"


def test_link_command_reports_a_missing_file(tmp_path, capsys):
    assert main(["link", str(tmp_path / "nope.jsonl")], out=io.StringIO()) == 2
    assert "nope.jsonl" in capsys.readouterr().err
