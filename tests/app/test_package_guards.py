"""package.sh refuses to build a package that Splunk Cloud would reject."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from conftest import REPO

APP_ENTRIES = (
    "app.manifest",
    "README.md",
    "LICENSE",
    "default",
    "README",
    "bin",
    "metadata",
    "static",
)


@pytest.fixture
def app_copy(tmp_path, built_app):
    """A git-less copy of the app sources, sharing the wheel cache of the main build."""
    for entry in (*APP_ENTRIES, "package.sh", "requirements.txt"):
        source = os.path.join(REPO, entry)
        if os.path.isdir(source):
            shutil.copytree(source, tmp_path / entry, ignore=shutil.ignore_patterns("__pycache__"))
        elif os.path.exists(source):
            shutil.copy2(source, tmp_path / entry)
    return tmp_path


def _package(directory):
    env = dict(
        os.environ,
        PYTHON=sys.executable,
        HTINTEL_WHEEL_CACHE=os.path.join(REPO, "build", "wheel-cache"),
    )
    return subprocess.run(
        ["bash", "package.sh", "--skip-appinspect"],
        cwd=directory,
        capture_output=True,
        text=True,
        env=env,
    )


def test_a_compiled_extension_in_the_tree_fails_the_build_loudly(app_copy):
    (app_copy / "bin" / "accelerator.cpython-39-x86_64-linux-gnu.so").write_bytes(b"\x7fELF")
    result = _package(app_copy)
    assert result.returncode != 0
    assert "compiled files would ship" in result.stderr
    assert "accelerator" in result.stderr


def test_a_version_that_is_not_semver_fails_the_build(app_copy):
    conf = app_copy / "default" / "app.conf"
    conf.write_text(conf.read_text().replace("version = 0.1.0", "version = 1.0", 1))
    result = _package(app_copy)
    assert result.returncode != 0
    assert "not semver" in result.stderr


def test_a_clean_copy_builds_and_says_where_the_package_is(app_copy):
    result = _package(app_copy)
    assert result.returncode == 0, result.stderr
    assert "Package: " in result.stdout and result.stdout.strip().endswith("build/htintel")
    assert not list((app_copy / "build" / "htintel").rglob("*.pyc"))
