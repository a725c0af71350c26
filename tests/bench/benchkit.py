"""What every benchmark shares: a private copy of the built app, and the Python to run it.

Benchmarks run commands from the package as Splunk would, but other work may rebuild
build/htintel at any moment, so each run gets its own copy, with this checkout's bin/ and
default/ laid over it and, when asked, the bench-only commands of tests/bench/noop_command
(a no-op streaming command and the PhoneNumberMatcher baseline), which never ship.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BENCH_COMMANDS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "noop_command")
sys.path[:0] = [os.path.join(REPO, "bin"), os.path.join(REPO, "tests")]

from protocol.harness import find_splunk_pythons  # noqa: E402


def private_app(workdir: str, rebuild: bool = False, bench_commands: bool = False) -> str:
    """Copy the built app (building it first when absent) into ``workdir``; returns its path."""
    built = os.path.join(REPO, "build", "htintel")
    if rebuild or not os.path.isdir(os.path.join(built, "lib", "splunklib")):
        subprocess.run(
            ["bash", "package.sh", "--skip-appinspect"],
            cwd=REPO,
            check=True,
            stdout=subprocess.DEVNULL,
        )
    app = os.path.join(workdir, "htintel")
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(built, app, ignore=ignore)
    for part in ("bin", "default"):
        shutil.copytree(
            os.path.join(REPO, part), os.path.join(app, part), ignore=ignore, dirs_exist_ok=True
        )
    if bench_commands:
        for name in os.listdir(BENCH_COMMANDS):
            if name.endswith(".py"):
                shutil.copy(os.path.join(BENCH_COMMANDS, name), os.path.join(app, "bin", name))
    return app


def splunk_python() -> str:
    """Splunk 10's Python 3.13 when pyenv has it, else 3.9, else this interpreter."""
    pythons = find_splunk_pythons()
    return pythons.get("3.13") or pythons.get("3.9") or sys.executable
