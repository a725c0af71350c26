"""A stand-in for splunkd's side of the chunked search-command protocol (version 2).

It starts a bin/ command as a subprocess exactly as splunkd does for a ``chunked = true``
command (no extra argv, so splunklib selects protocol v2), sends the getinfo chunk, then
the execute chunks with CSV bodies (multivalue fields as ``__mv_`` columns), one at a time,
waiting for each reply as splunkd does, and parses what comes back. It knows nothing about
any particular command.

Wire format of every chunk, both ways::

    chunked 1.0,<metadata bytes>,<body bytes>\\n<JSON metadata><CSV body>
"""

from __future__ import annotations

import csv
import glob
import io
import json
import os
import re
import shutil
import subprocess
import tempfile
import threading
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple, Union

Record = Dict[str, Union[str, int, float, List[str]]]

SPLUNK_PYTHONS = ("3.9", "3.13")
# splunklib raises the csv module's field limit to 10 MiB; the harness reads what it writes.
csv.field_size_limit(10 * 1024 * 1024)
_HEADER = re.compile(rb"chunked\s+1\.0\s*,\s*(\d+)\s*,\s*(\d+)\s*\n")


def find_splunk_pythons() -> Dict[str, Optional[str]]:
    """Interpreters for Splunk's Python versions from pyenv: {"3.9": path or None, ...}."""
    root = None
    if shutil.which("pyenv"):
        try:
            root = subprocess.run(
                ["pyenv", "root"], capture_output=True, text=True, check=True
            ).stdout.strip()
        except (OSError, subprocess.CalledProcessError):
            root = None
    root = root or os.environ.get("PYENV_ROOT") or os.path.expanduser("~/.pyenv")
    found: Dict[str, Optional[str]] = {}
    for version in SPLUNK_PYTHONS:
        candidates = sorted(
            glob.glob(os.path.join(root, "versions", version + ".*", "bin", "python" + version)),
            key=lambda p: [
                int(x)
                for x in re.findall(r"\d+", os.path.basename(os.path.dirname(os.path.dirname(p))))
            ],
        )
        found[version] = candidates[-1] if candidates else None
    return found


@dataclass
class ProtocolResult:
    getinfo: Dict[str, Any]
    records: List[Record]
    messages: List[Tuple[str, str]]
    returncode: int
    stderr: str
    replies: List[Dict[str, Any]] = field(default_factory=list)

    def errors(self) -> List[str]:
        return [text for level, text in self.messages if level == "ERROR"]


def encode_chunk(metadata: Dict[str, Any], body: bytes = b"") -> bytes:
    meta = json.dumps(metadata).encode("utf-8")
    return b"chunked 1.0,%d,%d\n" % (len(meta), len(body)) + meta + body


def encode_records(records: Sequence[Record]) -> bytes:
    """CSV body as splunkd writes it: a header, values, and __mv_ columns for multivalues."""
    if not records:
        return b""
    names: List[str] = []
    multivalued = set()
    for record in records:
        for name, value in record.items():
            if name not in names:
                names.append(name)
            if isinstance(value, list):
                multivalued.add(name)
    header = []
    for name in names:
        header.append(name)
        if name in multivalued:
            header.append("__mv_" + name)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for record in records:
        row = []
        for name in names:
            value = record.get(name, "")
            if isinstance(value, list):
                row.append("\n".join(str(v) for v in value))
                row.append(
                    ";".join("$" + str(v).replace("$", "$$") + "$" for v in value)
                    if len(value) > 1
                    else ""
                )
            else:
                row.append("" if value is None else str(value))
                if name in multivalued:
                    row.append("")
        writer.writerow(row)
    return out.getvalue().encode("utf-8")


_MV_VALUE = re.compile(r"\$((?:\$\$|[^$])*)\$(?:;|$)")


def decode_records(body: bytes) -> List[Record]:
    """Parse a CSV reply body, folding __mv_ columns into list values."""
    if not body:
        return []
    reader = csv.reader(io.StringIO(body.decode("utf-8")))
    try:
        header = next(reader)
    except StopIteration:
        return []
    records: List[Record] = []
    for row in reader:
        record: Record = {}
        for name, value in zip(header, row):
            if name.startswith("__mv_"):
                if value:
                    record[name[5:]] = [m.replace("$$", "$") for m in _MV_VALUE.findall(value)]
            elif name not in record:
                record[name] = value
        records.append(record)
    return records


def _read_chunk(stream: Any) -> Optional[Tuple[Dict[str, Any], bytes]]:
    line = stream.readline()
    if not line:
        return None
    match = _HEADER.match(line)
    if not match:
        raise AssertionError(f"bad chunk header from command: {line[:200]!r}")
    meta_len, body_len = int(match.group(1)), int(match.group(2))
    metadata = json.loads(stream.read(meta_len).decode("utf-8")) if meta_len else {}
    body = stream.read(body_len) if body_len else b""
    return metadata, body


def _messages(metadata: Dict[str, Any]) -> List[Tuple[str, str]]:
    inspector = metadata.get("inspector") or {}
    return [(level, text) for level, text in inspector.get("messages", [])]


def searchinfo(
    command: str, args: Sequence[str], dispatch_dir: str, app_dir: str
) -> Dict[str, Any]:
    """The searchinfo block of splunkd's getinfo chunk."""
    search = "| " + " ".join([command, *args])
    return {
        "args": list(args),
        "raw_args": list(args),
        "dispatch_dir": dispatch_dir,
        "sid": "1700000000.42",
        "app": os.path.basename(app_dir),
        "owner": "admin",
        "username": "admin",
        "session_key": "",
        "splunkd_uri": "https://127.0.0.1:8089",
        "splunk_version": "9.3.0",
        "search": search,
        "command": command,
        "maxresultrows": 50000,
        "earliest_time": "0",
        "latest_time": "0",
    }


def run_command(
    python: str,
    app_dir: str,
    command: str,
    args: Sequence[str] = (),
    chunks: Iterable[Sequence[Record]] = (),
    timeout: float = 300.0,
    env: Optional[Dict[str, str]] = None,
) -> ProtocolResult:
    """Run bin/<command>.py under ``python -I -B`` and drive it through protocol v2."""
    script = os.path.join(app_dir, "bin", command + ".py")
    if not os.path.exists(script):
        raise FileNotFoundError(script)
    chunk_list = [list(chunk) for chunk in chunks] or [[]]
    with tempfile.TemporaryDirectory(prefix="dispatch-") as dispatch_dir:
        process = subprocess.Popen(
            [python, "-I", "-B", script],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=dispatch_dir,
            env=env if env is not None else {"PATH": os.environ.get("PATH", ""), "LANG": "C.UTF-8"},
        )
        assert process.stdin and process.stdout and process.stderr
        stderr_chunks: List[bytes] = []
        reader = threading.Thread(target=lambda: stderr_chunks.append(process.stderr.read()))  # type: ignore[union-attr]
        reader.daemon = True
        reader.start()
        # A hung command must fail the test, not hang the suite.
        watchdog = threading.Timer(timeout, process.kill)
        watchdog.start()
        getinfo_meta = {
            "action": "getinfo",
            "preview": False,
            "streaming_command_will_restart": False,
            "searchinfo": searchinfo(command, args, dispatch_dir, app_dir),
        }
        records: List[Record] = []
        messages: List[Tuple[str, str]] = []
        replies: List[Dict[str, Any]] = []
        getinfo: Dict[str, Any] = {}
        try:
            process.stdin.write(encode_chunk(getinfo_meta))
            process.stdin.flush()
            reply = _read_chunk(process.stdout)
            if reply is not None:
                getinfo = reply[0]
                messages.extend(_messages(getinfo))
            if reply is not None and not getinfo.get("finished"):
                for index, chunk in enumerate(chunk_list):
                    finished = index == len(chunk_list) - 1
                    process.stdin.write(
                        encode_chunk(
                            {"action": "execute", "finished": finished}, encode_records(chunk)
                        )
                    )
                    process.stdin.flush()
                    # splunkd waits for the reply to each chunk before it sends the next.
                    while True:
                        reply = _read_chunk(process.stdout)
                        if reply is None:
                            break
                        metadata, body = reply
                        replies.append(metadata)
                        messages.extend(_messages(metadata))
                        records.extend(decode_records(body))
                        if metadata.get("finished") or not finished:
                            break
                    if reply is None or reply[0].get("finished"):
                        break
            process.stdin.close()
        except BrokenPipeError:
            pass
        try:
            rest = process.stdout.read()
            if rest:
                raise AssertionError(f"command wrote past its last chunk: {rest[:200]!r}")
            process.wait(timeout=timeout)
        finally:
            watchdog.cancel()
            if process.poll() is None:
                process.kill()
        reader.join(timeout=10)
        return ProtocolResult(
            getinfo=getinfo,
            records=records,
            messages=messages,
            returncode=process.returncode,
            stderr=b"".join(stderr_chunks).decode("utf-8", "replace"),
            replies=replies,
        )
