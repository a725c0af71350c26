"""The built package: what package.sh ships, and what AppInspect (precert, cloud) says of it."""

from __future__ import annotations

import configparser
import json
import os
import stat
import subprocess
import tarfile

import pytest
from conftest import REPO, SKIP_APPINSPECT
from protocol.harness import find_splunk_pythons


def _version() -> str:
    conf = configparser.ConfigParser(interpolation=None)
    conf.read(os.path.join(REPO, "default", "app.conf"))
    return conf["id"]["version"]


def _tarball() -> str:
    return os.path.join(REPO, "dist", f"htintel-{_version()}.tgz")


def test_app_conf_declares_package_id_label_and_semver(built_app):
    conf = configparser.ConfigParser(interpolation=None)
    conf.read(os.path.join(built_app, "default", "app.conf"))
    assert conf["package"]["id"] == "htintel"
    assert conf["package"]["check_for_updates"] == "false"
    assert conf["ui"]["label"] == "HT Intel"
    major, minor, patch = conf["id"]["version"].split(".")
    assert all(part.isdigit() for part in (major, minor, patch))
    with open(os.path.join(built_app, "app.manifest")) as handle:
        assert json.load(handle)["info"]["id"]["version"] == conf["id"]["version"]


def test_tarball_has_one_top_directory_named_after_the_app_id(built_app):
    with tarfile.open(_tarball()) as archive:
        tops = {name.split("/")[0] for name in archive.getnames()}
        names = set(archive.getnames())
    assert tops == {"htintel"}
    assert "htintel/lib/splunklib/searchcommands/__init__.py" in names
    assert "htintel/bin/htintel/schema/ad.schema.json" in names


def test_package_ships_no_tests_tools_dotfiles_bytecode_or_compiled_code(built_app):
    with tarfile.open(_tarball()) as archive:
        names = archive.getnames()
    for name in names:
        parts = name.split("/")
        assert not any(p.startswith(".") for p in parts), name
        assert "__pycache__" not in parts and not name.endswith(".pyc"), name
        assert not name.endswith((".so", ".pyd", ".dylib")), name
        assert parts[1:2] not in (["tests"], ["tools"], ["local"]), name
    assert not any(n.startswith("htintel/lib/splunklib/ai") for n in names)


def test_exec_bits_only_on_bin_entry_points(built_app):
    with tarfile.open(_tarball()) as archive:
        for member in archive.getmembers():
            if member.isfile() and member.mode & stat.S_IXUSR:
                assert member.name.startswith("htintel/bin/") and member.name.count("/") == 2, (
                    member.name
                )


def test_every_library_module_imports_on_splunk_pythons_in_isolated_mode(built_app):
    script = (
        "import importlib, pkgutil, sys;"
        f"sys.path[:0] = [{os.path.join(built_app, 'lib')!r}, {os.path.join(built_app, 'bin')!r}];"
        "import htintel;"
        "[importlib.import_module(m.name) for m in pkgutil.walk_packages(htintel.__path__, 'htintel.')];"
        "import splunklib.searchcommands, splunklib.modularinput, jsonschema, phonenumbers, requests"
    )
    ran = 0
    for version, python in find_splunk_pythons().items():
        if python is None:
            continue
        result = subprocess.run([python, "-I", "-B", "-c", script], capture_output=True, text=True)
        assert result.returncode == 0, f"Python {version}: {result.stderr}"
        ran += 1
    if not ran:
        pytest.skip("neither Python 3.9 nor 3.13 is installed under pyenv")


@pytest.mark.skipif(SKIP_APPINSPECT, reason="HTINTEL_SKIP_APPINSPECT=1")
def test_appinspect_precert_cloud_finds_no_failures_and_no_future_failures(built_app):
    with open(os.path.join(REPO, "dist", f"htintel-{_version()}.appinspect.json")) as handle:
        summary = json.load(handle)["summary"]
    assert summary["failure"] == 0
    assert summary["future_failure"] == 0
    assert summary["error"] == 0
