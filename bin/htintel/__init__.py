"""HT Intel domain library: Splunk-free, pure Python, importable on Python 3.9 and 3.13.

Everything an SPL command, modular input or the local CLI does with an ad lives here;
the files in bin/ are thin adapters around it.
"""

from __future__ import annotations

__version__ = "0.1.0"
