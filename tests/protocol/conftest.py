"""Protocol fixtures: run packaged commands under Splunk's Pythons through protocol v2."""

from __future__ import annotations

from typing import Any, Callable, Sequence

import pytest

from protocol.harness import ProtocolResult, Record, find_splunk_pythons
from protocol.harness import run_command as _run

PYTHONS = find_splunk_pythons()


@pytest.fixture(params=sorted(PYTHONS), ids=lambda v: "py" + v)
def splunk_python(request: Any) -> str:
    """Each of Splunk's Pythons (3.9, 3.13) from pyenv; skips, saying why, when absent."""
    path = PYTHONS[request.param]
    if not path:
        pytest.skip(
            f"Python {request.param} not installed under pyenv (pyenv install {request.param})"
        )
    return path


@pytest.fixture
def run_command(built_app: str, splunk_python: str) -> Callable[..., ProtocolResult]:
    """run_command(command, args=(), chunks=()) against the built package."""

    def run(
        command: str, args: Sequence[str] = (), chunks: Sequence[Sequence[Record]] = (), **kw: Any
    ) -> ProtocolResult:
        return _run(splunk_python, built_app, command, args, chunks, **kw)

    return run
