"""A loopback crawler API for the htintel_feed_http tests, with scripted faults.

It serves the documented API shape (README, "Configure inputs") over http on 127.0.0.1 at a
random port, from a list of ads, with cursor or page pagination, and answers splunkd's
``storage/passwords`` REST endpoint (``output_mode=json``) for the bearer token: only that
endpoint, the one the input calls. Faults are consumed in order, one per data request:

- ``"500"``: 500 Internal Server Error
- ``"429"``: 429 Too Many Requests with ``Retry-After: <retry_after>``
- ``"slow"``: the answer starts after ``slow_seconds`` (beyond the input's read timeout)
- ``"truncated"``: the JSON body cut in half (valid HTTP, invalid JSON)
- ``"duplicate"``: the previous page served again (its ads arrive twice)
- ``"ok"``: no fault for this request

The server runs in a daemon thread and stops itself after ``lifetime`` seconds at most.
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Dict, List, Optional, Sequence, Tuple
from urllib.parse import parse_qs, urlsplit

from inputs.modinput import SESSION_KEY

TOKEN = "s3cret-crawler-token"
REALM = "htintel_feed_http"


class CrawlerApi:
    def __init__(
        self,
        ads: Sequence[Any],
        *,
        mode: str = "cursor",
        faults: Sequence[str] = (),
        retry_after: str = "1",
        slow_seconds: float = 1.5,
        token_user: Optional[str] = "crawler",
        lifetime: float = 120.0,
    ):
        self.ads = list(ads)
        self.mode = mode
        self.faults = list(faults)
        self.retry_after = retry_after
        self.slow_seconds = slow_seconds
        self.token_user = token_user
        self.lifetime = lifetime
        self.requests: List[Tuple[str, str]] = []  # (path with query, what was served)
        self._previous: Optional[bytes] = None
        self._lock = threading.Lock()
        api = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                api._handle(self)

            def log_message(self, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def ads_url(self) -> str:
        return self.base_url + "/api/ads"

    def __enter__(self) -> CrawlerApi:
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        timer = threading.Timer(self.lifetime, self._server.shutdown)
        timer.daemon = True
        timer.start()
        self._timer = timer
        return self

    def __exit__(self, *exc: Any) -> None:
        self._timer.cancel()
        self._server.shutdown()
        self._server.server_close()

    def _handle(self, request: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(request.path)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        if parts.path.endswith("/storage/passwords"):
            self._passwords(request)
            return
        if parts.path != "/api/ads":
            self._send(request, 404, b'{"error": "not found"}')
            return
        if request.headers.get("Authorization") != "Bearer " + TOKEN:
            self._send(request, 401, b'{"error": "bad token"}')
            return
        with self._lock:
            fault = self.faults.pop(0) if self.faults else "ok"
            self.requests.append((request.path, fault))
        body = self._page(query)
        if fault == "500":
            self._send(request, 500, b"oops")
        elif fault == "429":
            self._send(request, 429, b"slow down", {"Retry-After": self.retry_after})
        elif fault == "slow":
            time.sleep(self.slow_seconds)
            self._send(request, 200, body)
        elif fault == "truncated":
            self._send(request, 200, body[: len(body) // 2])
        elif fault == "duplicate" and self._previous is not None:
            self._send(request, 200, self._previous)
        else:
            self._previous = body
            self._send(request, 200, body)

    def _page(self, query: Dict[str, str]) -> bytes:
        limit = int(query.get("limit", "100"))
        if self.mode == "cursor":
            start = int(query.get("cursor", "0"))
        else:
            start = (int(query.get("page", "1")) - 1) * limit
        ads = self.ads[start : start + limit]
        more = start + limit < len(self.ads)
        if self.mode == "cursor":
            document = {"ads": ads, "next_cursor": str(start + limit) if more else None}
        else:
            document = {"ads": ads, "next_page": start // limit + 2 if more else None}
        return json.dumps(document).encode("utf-8")

    def _passwords(self, request: BaseHTTPRequestHandler) -> None:
        if request.headers.get("Authorization") != "Splunk " + SESSION_KEY:
            self._send(request, 401, b'{"messages": [{"type": "ERROR", "text": "bad session"}]}')
            return
        entries = []
        if self.token_user is not None:
            entries.append(
                {
                    "name": f"{REALM}:{self.token_user}:",
                    "content": {
                        "realm": REALM,
                        "username": self.token_user,
                        "clear_password": TOKEN,
                    },
                }
            )
        self._send(request, 200, json.dumps({"entry": entries}).encode("utf-8"))

    @staticmethod
    def _send(
        request: BaseHTTPRequestHandler,
        status: int,
        body: bytes,
        headers: Optional[Dict[str, str]] = None,
    ) -> None:
        try:
            request.send_response(status)
            request.send_header("Content-Type", "application/json")
            request.send_header("Content-Length", str(len(body)))
            for key, value in (headers or {}).items():
                request.send_header(key, value)
            request.end_headers()
            request.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (read timeout): that is the point of "slow"
