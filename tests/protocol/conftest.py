"""Protocol fixtures: run packaged commands under Splunk's Pythons through protocol v2."""

from __future__ import annotations

from typing import Any, Callable, Sequence

import pytest

from protocol.harness import ProtocolResult, Record
from protocol.harness import run_command as _run


@pytest.fixture
def run_command(built_app: str, splunk_python: str) -> Callable[..., ProtocolResult]:
    """run_command(command, args=(), chunks=()) against the built package."""

    def run(
        command: str, args: Sequence[str] = (), chunks: Sequence[Sequence[Record]] = (), **kw: Any
    ) -> ProtocolResult:
        return _run(splunk_python, built_app, command, args, chunks, **kw)

    return run
