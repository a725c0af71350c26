"""Input fixtures: run the packaged modular inputs under Splunk's Pythons, as splunkd does."""

from __future__ import annotations

import shutil
from typing import Any, Callable

import pytest
from protocol.harness import find_splunk_pythons

from inputs.modinput import InputResult, run_input

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
