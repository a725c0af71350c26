"""Fixtures shared by every test directory: the built package."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from protocol.harness import find_splunk_pythons

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# HTINTEL_SKIP_APPINSPECT=1 builds without AppInspect (about 25 s faster) while iterating;
# the AppInspect assertions then skip. CI never sets it.
SKIP_APPINSPECT = os.environ.get("HTINTEL_SKIP_APPINSPECT") == "1"


SPLUNK_PYTHONS = find_splunk_pythons()


@pytest.fixture(params=sorted(SPLUNK_PYTHONS), ids=lambda v: "py" + v)
def splunk_python(request: Any) -> str:
    """Each of Splunk's Pythons (3.9, 3.13) from pyenv; skips, saying why, when absent."""
    path = SPLUNK_PYTHONS[request.param]
    if not path:
        pytest.skip(
            f"Python {request.param} not installed under pyenv (pyenv install {request.param})"
        )
    return path


@pytest.fixture(scope="session")
def built_app() -> str:
    """Run package.sh once per session; returns build/htintel (the unpacked app)."""
    command = ["bash", os.path.join(REPO, "package.sh")]
    if SKIP_APPINSPECT:
        command.append("--skip-appinspect")
    env = dict(os.environ, PYTHON=sys.executable)
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, env=env)
    if result.returncode != 0:
        pytest.fail(f"package.sh failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return os.path.join(REPO, "build", "htintel")


# Hypothesis: the suite shares two cores with builds and subprocesses, so wall-clock health
# checks and per-example deadlines would fail on load, not on behaviour. Under CI (.ci/run
# sets CI) the examples are derandomized: a landing run checks the same cases every time,
# while local runs keep exploring new ones.
settings.register_profile(
    "htintel",
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
    derandomize=bool(os.environ.get("CI")),
)
settings.load_profile("htintel")
