#!/usr/bin/env python
"""htintel_feed_dir: ingest crawler feed files from a directory (see README/inputs.conf.spec)."""

from __future__ import annotations

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from htintel_bootstrap import bootstrap

logger = bootstrap("htintel_feed_dir")

from htintel_modinput import ENRICH_ARGUMENT, stanza_writer  # noqa: E402
from splunklib.modularinput import Argument, Scheme, Script  # noqa: E402

from htintel.params import (  # noqa: E402
    DEFAULT_PATTERNS,
    MAX_LINE_BYTES_LIMIT,
    MIN_LINE_BYTES,
    check_interval,
    parse_bool,
    parse_int,
    parse_patterns,
)


class FeedDirInput(Script):
    def get_scheme(self):
        scheme = Scheme("HT Intel feed directory")
        scheme.description = (
            "Reads crawled ads from JSON Lines (.jsonl, .jsonl.gz) and JSON array (.json) files "
            "in a directory; valid ads become htintel:ad events, rejected records "
            "htintel:quarantine events."
        )
        scheme.use_external_validation = True
        scheme.use_single_instance = False
        scheme.add_argument(
            Argument(
                "path",
                title="Directory",
                description="Directory the crawler writes feed files into (not recursive).",
                data_type=Argument.data_type_string,
                required_on_create=True,
            )
        )
        scheme.add_argument(
            Argument(
                "pattern",
                title="File patterns",
                description="Comma-separated globs. Default: " + ",".join(DEFAULT_PATTERNS),
                data_type=Argument.data_type_string,
            )
        )
        scheme.add_argument(ENRICH_ARGUMENT)
        scheme.add_argument(
            Argument(
                "max_line_bytes",
                title="Maximum record size",
                description=f"Longer lines are quarantined (default {MAX_LINE_BYTES_LIMIT}).",
                data_type=Argument.data_type_number,
            )
        )
        return scheme

    def validate_input(self, definition):
        params = definition.parameters
        check_params(params)
        path = params.get("path") or ""
        if not os.path.isdir(path):
            raise ValueError(f"path {path!r} is not an existing directory")
        if not os.access(path, os.R_OK | os.X_OK):
            raise ValueError(
                f"path {path!r} is not readable by the Splunk user; grant read and execute"
            )
        check_interval(params.get("interval"))

    def stream_events(self, inputs, ew):
        # Imported here: --scheme and --validate-arguments, which splunkd waits on, do not
        # need the schema validator and the extractors.
        from htintel.feed import ingest_directory

        checkpoint_dir = inputs.metadata["checkpoint_dir"]
        for name, params in inputs.inputs.items():
            try:
                feed = feed_config(params, checkpoint_dir=checkpoint_dir, name=name)
            except ValueError as error:
                logger.error("input=%s not run: %s", name, error)
                continue
            if not os.path.isdir(feed.path):
                logger.error("input=%s path %s is not a directory; nothing read", name, feed.path)
                continue
            write = stanza_writer(ew, name, params)

            stats = ingest_directory(feed, write, sys.stdout.flush, logger=logger)
            logger.info(
                "input=%s files_read=%d ads=%d quarantined=%d checkpoints=%d",
                name,
                stats.files_read,
                stats.ads,
                stats.quarantined,
                stats.checkpoints,
            )


def feed_config(params, *, checkpoint_dir, name):
    """The DirectoryFeed of one stanza's parameters; ValueError naming a bad parameter."""
    from htintel.feed import DirectoryFeed

    return DirectoryFeed(name=name, checkpoint_dir=checkpoint_dir, **check_params(params))


def check_params(params):
    """The stanza's parameters as DirectoryFeed fields; ValueError naming a bad parameter."""
    path = (params.get("path") or "").strip()
    if not path:
        raise ValueError("path is required: the directory the crawler writes feed files into")
    pattern_text = params.get("pattern") or ",".join(DEFAULT_PATTERNS)
    patterns = parse_patterns(pattern_text)
    if not patterns:
        raise ValueError(f"pattern {pattern_text!r} holds no glob; e.g. *.jsonl,*.jsonl.gz,*.json")
    return {
        "path": path,
        "patterns": patterns,
        "enrich": parse_bool("enrich", params.get("enrich"), default=True),
        "max_line_bytes": parse_int(
            "max_line_bytes",
            params.get("max_line_bytes"),
            default=MAX_LINE_BYTES_LIMIT,
            low=MIN_LINE_BYTES,
            high=MAX_LINE_BYTES_LIMIT,
        ),
    }


if __name__ == "__main__":
    sys.exit(FeedDirInput().run(sys.argv))
