"""Polling a crawler's JSON API: pages of ads in, events out, the cursor checkpointed after.

The API shape (documented in README, "Configure inputs")::

    GET <url>?limit=<page_size>[&cursor=<c> | &page=<n>]
    Authorization: Bearer <token>

    {"ads": [{...}, ...], "next_cursor": "c2"}    cursor pagination (null: caught up)
    {"ads": [{...}, ...], "next_page": 3}         page pagination   (null: caught up)

The checkpoint holds the request that fetches the next unread page. When the API says it is
caught up, the checkpoint keeps the last page's request, so the next poll re-reads that page
(now possibly longer) first: the ads served again carry the same ``ad_id`` and ``dedup ad_id``
removes them. A page is checkpointed only after its events were written and flushed.

Transient failures (5xx, timeouts, connection errors, a truncated or non-JSON body) are
retried with exponential backoff and full jitter, 429 waits for its Retry-After; retries are
bounded, after which the poll stops with FeedHttpError and the next run resumes from the
checkpoint. A body that stays unparseable is quarantined (with its raw text) before giving up.
"""

from __future__ import annotations

import email.utils
import hashlib
import json
import logging
import os
import random
import time
from dataclasses import dataclass
from typing import Any, Callable, Dict, List, Optional, Tuple
from urllib.parse import urlencode, urlsplit, urlunsplit

import requests

from htintel.ad import AdError, parse_ad
from htintel.feed import FeedEvent, ad_event, quarantine_event, write_json_atomically
from htintel.params import DEFAULT_PAGE_SIZE, PASSWORD_REALM

# A page far beyond page_size x a few KB is not an answer we should hold in memory.
MAX_RESPONSE_BYTES = 64 * 1024 * 1024
# Pages per run: a runaway API (a cursor that never ends) cannot keep one run alive forever.
MAX_PAGES_PER_RUN = 10_000
CHECKPOINT_VERSION = 1


class FeedHttpError(Exception):
    """The API could not be read (after the bounded retries); the message says what to do.

    ``body`` holds the last response body when it was the body that could not be parsed.
    """

    def __init__(self, message: str, body: bytes = b""):
        super().__init__(message)
        self.body = body


@dataclass(frozen=True)
class RetryPolicy:
    """Timeouts and bounded retries: exponential backoff with full jitter, capped delays."""

    connect_timeout: float = 10.0
    read_timeout: float = 60.0
    max_attempts: int = 6
    base_delay: float = 1.0
    max_delay: float = 60.0
    max_retry_after: float = 300.0

    def backoff(self, attempt: int, rand: Callable[[], float]) -> float:
        """Seconds to wait before retry ``attempt`` (1-based): uniform in [0, base * 2^(a-1)]."""
        return min(self.max_delay, self.base_delay * (2 ** (attempt - 1))) * rand()


@dataclass(frozen=True)
class HttpFeed:
    """The configuration of one htintel_feed_http stanza (the token is passed separately)."""

    name: str
    url: str
    checkpoint_dir: str
    page_size: int = DEFAULT_PAGE_SIZE
    enrich: bool = True
    retry: RetryPolicy = RetryPolicy()


@dataclass(frozen=True)
class PagePosition:
    """The request that fetches the next page: by cursor, by page number, or the first page."""

    mode: str = ""  # "", "cursor" or "page"
    cursor: Optional[str] = None
    page: Optional[int] = None

    def query(self, page_size: int) -> Dict[str, Any]:
        params: Dict[str, Any] = {"limit": page_size}
        if self.mode == "cursor" and self.cursor is not None:
            params["cursor"] = self.cursor
        elif self.mode == "page" and self.page is not None:
            params["page"] = self.page
        return params


@dataclass(frozen=True)
class Page:
    """One decoded API response: its ads (raw dicts) and the position of the next page."""

    records: List[Any]
    next_position: Optional[PagePosition]  # None: caught up


@dataclass(frozen=True)
class PollStats:
    pages: int = 0
    ads: int = 0
    quarantined: int = 0
    retries: int = 0


def parse_retry_after(value: Optional[str], now: float) -> Optional[float]:
    """Seconds to wait from a Retry-After header (delta seconds or an HTTP date); None if bad."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if moment is None:
        return None
    return max(0.0, moment.timestamp() - now)


def decode_page(body: bytes, current: PagePosition) -> Page:
    """The Page in a response body; ValueError when it is not the documented shape."""
    document = json.loads(body)
    if not isinstance(document, dict) or not isinstance(document.get("ads"), list):
        raise ValueError('expected a JSON object with an "ads" array')
    if "next_cursor" in document:
        cursor = document["next_cursor"]
        if cursor is None or cursor == "":
            return Page(document["ads"], None)
        return Page(document["ads"], PagePosition("cursor", cursor=str(cursor)))
    if "next_page" in document:
        page = document["next_page"]
        if page is None:
            return Page(document["ads"], None)
        if not isinstance(page, int) or isinstance(page, bool):
            raise ValueError(f'"next_page" must be an integer or null, got {page!r}')
        return Page(document["ads"], PagePosition("page", page=page))
    # Neither key: a single-page API. Re-reading it each poll is what "caught up" means.
    return Page(document["ads"], None)


def checkpoint_file(checkpoint_dir: str, input_name: str) -> str:
    """The cursor checkpoint file of one htintel_feed_http stanza."""
    digest = hashlib.sha256(input_name.encode("utf-8")).hexdigest()[:16]
    return os.path.join(checkpoint_dir, f"htintel_feed_http_{digest}.json")


def load_position(path: str, url: str) -> PagePosition:
    """The saved position for ``url``; the first page when none (or another URL) is saved."""
    try:
        with open(path, encoding="utf-8") as handle:
            document = json.load(handle)
    except FileNotFoundError:
        return PagePosition()
    if document.get("version") != CHECKPOINT_VERSION:
        raise ValueError(f"checkpoint {path} has unknown version {document.get('version')!r}")
    if document.get("url") != url:
        return PagePosition()
    return PagePosition(document.get("mode", ""), document.get("cursor"), document.get("page"))


def save_position(path: str, url: str, position: PagePosition) -> None:
    """Write the position atomically (see htintel.feed.write_json_atomically)."""
    write_json_atomically(
        path,
        {
            "version": CHECKPOINT_VERSION,
            "url": url,
            "mode": position.mode,
            "cursor": position.cursor,
            "page": position.page,
        },
    )


def redact(url: str) -> str:
    """The URL without user info, for logs and quarantine events."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.port:
        host += f":{parts.port}"
    return urlunsplit((parts.scheme, host, parts.path, parts.query, ""))


class _BadBody(Exception):
    def __init__(self, reason: str, body: bytes):
        super().__init__(reason)
        self.reason = reason
        self.body = body


def fetch_page(
    session: requests.Session,
    feed: HttpFeed,
    token: str,
    position: PagePosition,
    *,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.time,
    rand: Callable[[], float] = random.random,
    logger: Optional[logging.Logger] = None,
) -> Tuple[Page, int]:
    """GET one page with retries; returns (page, retries used).

    Raises FeedHttpError when the retries are used up or the API refuses (4xx); for a body that
    stayed unparseable its ``body`` attribute holds the last one.
    """
    log = logger or logging.getLogger("htintel.feed_http")
    policy = feed.retry
    headers = {"Authorization": "Bearer " + token, "Accept": "application/json"}
    request_url = (
        feed.url + ("&" if "?" in feed.url else "?") + urlencode(position.query(feed.page_size))
    )
    last_problem = ""
    last_body = b""
    for attempt in range(1, policy.max_attempts + 1):
        wait: Optional[float] = None
        try:
            response = session.get(
                request_url,
                headers=headers,
                timeout=(policy.connect_timeout, policy.read_timeout),
                stream=True,
            )
            try:
                status = response.status_code
                if status == 429:
                    wait = parse_retry_after(response.headers.get("Retry-After"), clock())
                    last_problem = "429 Too Many Requests"
                    if wait is not None:
                        wait = min(wait, policy.max_retry_after)
                elif status >= 500:
                    last_problem = f"{status} {response.reason}"
                elif status >= 400:
                    hint = (
                        f"; check the token in storage/passwords (realm {PASSWORD_REALM}, "
                        f"username {feed.name})"
                        if status in (401, 403)
                        else ""
                    )
                    raise FeedHttpError(
                        f"{redact(request_url)} answered {status} {response.reason}{hint}"
                    )
                else:
                    body = _read_body(response)
                    try:
                        return decode_page(body, position), attempt - 1
                    except (ValueError, RecursionError) as error:
                        raise _BadBody(
                            f"response is not the expected JSON: {error}", body
                        ) from None
            finally:
                response.close()
        except _BadBody as bad:
            last_problem, last_body = bad.reason, bad.body
        except requests.Timeout as error:
            last_problem = f"timeout ({type(error).__name__})"
        except requests.ConnectionError as error:
            last_problem = f"connection error: {_first_line(error)}"
        except requests.RequestException as error:
            last_problem = f"request failed: {_first_line(error)}"
        if attempt == policy.max_attempts:
            break
        delay = wait if wait is not None else policy.backoff(attempt, rand)
        log.warning(
            "%s: %s; retry %d of %d in %.1f s",
            redact(request_url),
            last_problem,
            attempt,
            policy.max_attempts - 1,
            delay,
        )
        sleep(delay)
    raise FeedHttpError(
        f"{redact(request_url)}: {last_problem} after {policy.max_attempts} attempts; "
        "the next run resumes from the last checkpoint",
        last_body,
    )


def _read_body(response: requests.Response) -> bytes:
    chunks: List[bytes] = []
    size = 0
    for chunk in response.iter_content(chunk_size=65536):
        size += len(chunk)
        if size > MAX_RESPONSE_BYTES:
            raise _BadBody(
                f"response is larger than {MAX_RESPONSE_BYTES:,} bytes", b"".join(chunks)
            )
        chunks.append(chunk)
    return b"".join(chunks)


def _first_line(error: Exception) -> str:
    return str(error).splitlines()[0][:300] if str(error) else type(error).__name__


def poll(
    feed: HttpFeed,
    token: str,
    write: Callable[[FeedEvent], None],
    flush: Callable[[], None],
    *,
    session: Optional[requests.Session] = None,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.time,
    rand: Callable[[], float] = random.random,
    logger: Optional[logging.Logger] = None,
) -> PollStats:
    """Read pages from the checkpointed position until caught up; write every ad as an event.

    Each page's events are written and flushed before its next position is checkpointed.
    Raises FeedHttpError when a page cannot be fetched (everything before it is kept).
    """
    log = logger or logging.getLogger("htintel.feed_http")
    store = checkpoint_file(feed.checkpoint_dir, feed.name)
    position = load_position(store, feed.url)
    session = session or requests.Session()
    pages = ads = quarantined = retries = 0
    source = redact(feed.url)
    for _ in range(MAX_PAGES_PER_RUN):
        try:
            page, used = fetch_page(
                session, feed, token, position, sleep=sleep, clock=clock, rand=rand, logger=log
            )
        except FeedHttpError as error:
            body = error.body
            if body:
                # The body stayed unreadable: make it visible, then stop (a cursor API gives
                # no way past a page we cannot read; the next run tries again).
                write(
                    quarantine_event(
                        AdError([("", str(error))]),
                        body,
                        line=0,
                        now=clock(),
                        source=source,
                        source_field="source_url",
                        extra=_position_fields(position),
                    )
                )
                flush()
            raise
        retries += used
        now = clock()
        for index, record in enumerate(page.records, start=1):
            try:
                if not isinstance(record, dict):
                    raise AdError([("", f"expected a JSON object, got {type(record).__name__}")])
                ad = parse_ad(record)
            except AdError as error:
                write(
                    quarantine_event(
                        error,
                        json.dumps(record, ensure_ascii=False).encode("utf-8"),
                        line=index,
                        now=now,
                        source=source,
                        source_field="source_url",
                        extra=_position_fields(position),
                    )
                )
                quarantined += 1
                continue
            write(ad_event(ad, source, feed.enrich, now))
            ads += 1
        pages += 1
        flush()
        if page.next_position is None:
            if position.mode:
                save_position(store, feed.url, position)
            break
        position = page.next_position
        save_position(store, feed.url, position)
    else:
        log.warning("%s: stopped after %d pages in one run; the next run continues", source, pages)
    return PollStats(pages, ads, quarantined, retries)


def _position_fields(position: PagePosition) -> Dict[str, Any]:
    fields: Dict[str, Any] = {}
    if position.mode == "cursor":
        fields["cursor"] = position.cursor
    elif position.mode == "page":
        fields["page"] = position.page
    return fields
