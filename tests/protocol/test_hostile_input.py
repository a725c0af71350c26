"""Every search command survives what crawled ads contain, through the real protocol."""

from __future__ import annotations

import pytest

COMMANDS = [
    ("htextract", []),
    ("htrisk", []),
    ("htlink", []),
    ("htestimate", ["lists_field=lists"]),
]


@pytest.mark.parametrize(("command", "args"), COMMANDS, ids=[c for c, _ in COMMANDS])
def test_a_nul_in_ad_text_does_not_abort_the_search(run_command, command, args):
    record = {
        "ad_id": "nul-1",
        "body": "call\x00me 617 555 0123",
        "ht_ids": ["phone:+16175550123"],
        "lists": ["A", "B"],
    }
    result = run_command(command, args, [[record]])
    assert result.returncode == 0, result.errors() or result.stderr
    assert not result.errors()
    assert result.records
