"""splunkd's side of the modular input contract, for tests: XML in, <stream> XML out.

splunkd runs an input script three ways: ``--scheme`` (print the scheme XML),
``--validate-arguments`` (validation XML on stdin; on failure ``<error><message>`` on stdout
and a non-zero exit), and with no argument (the input definition XML on stdin, events as a
``<stream>`` of ``<event>`` elements on stdout). These helpers build the XML splunkd sends
and parse what the script writes; they know nothing about HT Intel.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Any, Dict, List, Mapping, Optional, Sequence

SESSION_KEY = "test-session-key-0123456789"


@dataclass(frozen=True)
class StreamEvent:
    stanza: str
    time: Optional[float]
    source: str
    sourcetype: str
    index: str
    data: str

    @property
    def fields(self) -> Dict[str, Any]:
        """The event's JSON payload."""
        return json.loads(self.data)


@dataclass(frozen=True)
class InputResult:
    returncode: int
    stdout: str
    stderr: str

    @property
    def events(self) -> List[StreamEvent]:
        return parse_stream(self.stdout)


def _metadata(parent: ET.Element, checkpoint_dir: str, server_uri: str) -> None:
    ET.SubElement(parent, "server_host").text = "testhost"
    ET.SubElement(parent, "server_uri").text = server_uri
    ET.SubElement(parent, "session_key").text = SESSION_KEY
    ET.SubElement(parent, "checkpoint_dir").text = checkpoint_dir


def input_xml(
    stanzas: Mapping[str, Mapping[str, str]],
    checkpoint_dir: str,
    server_uri: str = "https://127.0.0.1:8089",
) -> bytes:
    """The input definition splunkd writes to a running input's stdin."""
    root = ET.Element("input")
    _metadata(root, checkpoint_dir, server_uri)
    configuration = ET.SubElement(root, "configuration")
    for name, params in stanzas.items():
        stanza = ET.SubElement(configuration, "stanza", name=name, app="htintel")
        for key, value in params.items():
            ET.SubElement(stanza, "param", name=key).text = value
    return ET.tostring(root)


def validation_xml(
    name: str,
    params: Mapping[str, str],
    checkpoint_dir: str,
    server_uri: str = "https://127.0.0.1:8089",
) -> bytes:
    """The document splunkd writes to ``--validate-arguments`` for a proposed input."""
    root = ET.Element("items")
    _metadata(root, checkpoint_dir, server_uri)
    item = ET.SubElement(root, "item", name=name)
    for key, value in params.items():
        ET.SubElement(item, "param", name=key).text = value
    return ET.tostring(root)


_EVENT = re.compile(r"<event\b.*?</event>", re.S)


def parse_stream(text: str) -> List[StreamEvent]:
    """Every complete <event> of a <stream> (a killed writer may leave a partial last one)."""
    events = []
    for match in _EVENT.finditer(text):
        element = ET.fromstring(match.group(0))
        stamp = element.findtext("time")
        events.append(
            StreamEvent(
                stanza=element.get("stanza", ""),
                time=float(stamp) if stamp else None,
                source=element.findtext("source") or "",
                sourcetype=element.findtext("sourcetype") or "",
                index=element.findtext("index") or "",
                data=element.findtext("data") or "",
            )
        )
    return events


def error_message(stdout: str) -> str:
    """The <error><message> splunklib writes when --validate-arguments fails."""
    return ET.fromstring(stdout).findtext("message") or ""


def input_command(python: str, app_dir: str, script: str, args: Sequence[str] = ()) -> List[str]:
    """The command line splunkd uses: the app's bin script under an isolated Python."""
    return [python, "-I", "-B", os.path.join(app_dir, "bin", script), *args]


def input_env(extra: Optional[Mapping[str, str]] = None) -> Dict[str, str]:
    """A clean environment: no SPLUNK_HOME, so the input logs to stderr."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SPLUNK_", "PYTHON"))}
    env.update(extra or {})
    return env


def run_input(
    python: str,
    app_dir: str,
    script: str,
    args: Sequence[str] = (),
    stdin: bytes = b"",
    env: Optional[Mapping[str, str]] = None,
    timeout: float = 120,
) -> InputResult:
    """Run an input script once, as splunkd does, and collect its output."""
    result = subprocess.run(
        input_command(python, app_dir, script, args),
        input=stdin,
        capture_output=True,
        env=input_env(env),
        timeout=timeout,
    )
    return InputResult(
        result.returncode,
        result.stdout.decode("utf-8", errors="replace"),
        result.stderr.decode("utf-8", errors="replace"),
    )
