"""``python -m htintel``: the local command line (see htintel.cli)."""

from __future__ import annotations

import sys

from htintel.cli import main

if __name__ == "__main__":
    sys.exit(main())
