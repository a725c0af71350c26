"""Fixtures shared by every test directory: the built package."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, settings

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# HTINTEL_SKIP_APPINSPECT=1 builds without AppInspect (about 25 s faster) while iterating;
# the AppInspect assertions then skip. CI never sets it.
SKIP_APPINSPECT = os.environ.get("HTINTEL_SKIP_APPINSPECT") == "1"


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
# checks and per-example deadlines would fail on load, not on behaviour.
settings.register_profile(
    "htintel", deadline=None, suppress_health_check=[HealthCheck.too_slow], print_blob=True
)
settings.load_profile("htintel")
