"""The one start-up step every bin/ entry point takes: import paths and logging.

Each entry point begins with::

    import os, sys
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from htintel_bootstrap import bootstrap
    logger = bootstrap("htextract")

The first line is needed because Splunk's Python 3.13 may run scripts isolated (``-I``
implies ``-P`` from 3.11 on), which leaves the script's own directory off sys.path.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys

BIN_DIR = os.path.dirname(os.path.abspath(__file__))
APP_DIR = os.path.dirname(BIN_DIR)
LIB_DIR = os.path.join(APP_DIR, "lib")

LOG_FORMAT = "%(asctime)s %(levelname)s pid=%(process)d component=%(name)s %(message)s"
LOG_FILE_NAME = "htintel.log"


def bootstrap(component: str) -> logging.Logger:
    """Put <app>/lib and <app>/bin first on sys.path and return the component's logger.

    Inside Splunk (SPLUNK_HOME set) the log goes to $SPLUNK_HOME/var/log/splunk/htintel.log,
    which splunkd indexes into _internal; outside Splunk it goes to stderr. Never stdout:
    stdout carries the search protocol or the modular input stream.
    """
    for path in (BIN_DIR, LIB_DIR):
        if path in sys.path:
            sys.path.remove(path)
    # lib first: the vendored, pinned versions must win over anything Splunk bundles.
    sys.path[:0] = [LIB_DIR, BIN_DIR]
    return _configure_logging(component)


def _configure_logging(component: str) -> logging.Logger:
    root = logging.getLogger("htintel")
    if not root.handlers:
        root.addHandler(_handler())
        root.setLevel(os.environ.get("HTINTEL_LOG_LEVEL", "INFO").upper())
        root.propagate = False
    return root.getChild(component)


def _handler() -> logging.Handler:
    splunk_home = os.environ.get("SPLUNK_HOME")
    handler: logging.Handler
    log_dir = os.path.join(splunk_home, "var", "log", "splunk") if splunk_home else ""
    if log_dir and os.path.isdir(log_dir):
        handler = logging.handlers.RotatingFileHandler(
            os.path.join(log_dir, LOG_FILE_NAME), maxBytes=25_000_000, backupCount=5
        )
    else:
        handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    return handler
