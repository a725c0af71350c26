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
import tempfile
import time
from typing import Any, Dict, List, Sequence, Tuple

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BENCH_COMMANDS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "noop_command")
sys.path[:0] = [os.path.join(REPO, "bin"), os.path.join(REPO, "tests")]

from protocol.harness import (  # noqa: E402
    encode_chunk,
    encode_records,
    find_splunk_pythons,
    searchinfo,
)


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


def command_alone_seconds(
    python: str, app_dir: str, command: str, chunks: Sequence[Sequence[Dict[str, Any]]]
) -> float:
    """Wall-clock seconds of the command alone: the protocol input pre-encoded in a file, the
    output to /dev/null, so the harness's own CSV work (which in the protocol runs, on a
    two-core machine, competes with the command) is not in the way."""
    with tempfile.TemporaryDirectory(prefix="dispatch-") as dispatch_dir:
        path = os.path.join(dispatch_dir, "input.bin")
        with open(path, "wb") as handle:
            getinfo = {
                "action": "getinfo",
                "preview": False,
                "streaming_command_will_restart": False,
                "searchinfo": searchinfo(command, [], dispatch_dir, app_dir),
            }
            handle.write(encode_chunk(getinfo))
            for index, chunk in enumerate(chunks):
                finished = index == len(chunks) - 1
                handle.write(
                    encode_chunk({"action": "execute", "finished": finished}, encode_records(chunk))
                )
        script = os.path.join(app_dir, "bin", command + ".py")
        with open(path, "rb") as stdin:
            start = time.perf_counter()
            subprocess.run(
                [python, "-I", "-B", script],
                stdin=stdin,
                stdout=subprocess.DEVNULL,
                cwd=dispatch_dir,
                check=True,
            )
            return time.perf_counter() - start


def median_pair(pairs: List[Tuple[float, float]]) -> Tuple[float, float]:
    """The (command, no-op) pair of rates with the median ratio.

    Benchmarks alternate the two commands so that machine load affects both alike; a best-of
    would reward a lucky quiet moment of one of them.
    """
    ordered = sorted(pairs, key=lambda pair: pair[0] / pair[1])
    return ordered[len(ordered) // 2]
