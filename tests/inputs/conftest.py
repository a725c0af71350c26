"""Input fixtures: run the packaged modular inputs under Splunk's Pythons, as splunkd does."""

from __future__ import annotations

import shutil
from typing import Any, Callable

import pytest

from inputs.modinput import InputResult, run_input


@pytest.fixture(scope="session")
def app_dir(built_app: str, tmp_path_factory: Any) -> str:
    """A private copy of the built app: other sessions may rebuild build/ while inputs run."""
    copy = tmp_path_factory.mktemp("app") / "htintel"
    shutil.copytree(built_app, copy)
    return str(copy)


@pytest.fixture
def run(app_dir: str, splunk_python: str) -> Callable[..., InputResult]:
    """run(script, args=(), stdin=b"", env=None) against the built package."""

    def _run(script: str, args: Any = (), stdin: bytes = b"", env: Any = None) -> InputResult:
        return run_input(splunk_python, app_dir, script, args, stdin, env)

    return _run
