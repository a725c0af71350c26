#!/usr/bin/env python
"""htintel_feed_http: poll a crawler's JSON API for ads (see README/inputs.conf.spec)."""

from __future__ import annotations

import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from htintel_bootstrap import bootstrap

logger = bootstrap("htintel_feed_http")

from htintel_modinput import ENRICH_ARGUMENT, stanza_writer  # noqa: E402
from splunklib.modularinput import Argument, Scheme, Script  # noqa: E402

from htintel.params import (  # noqa: E402
    DEFAULT_PAGE_SIZE,
    MAX_PAGE_SIZE,
    PASSWORD_REALM,
    check_interval,
    input_name,
    parse_bool,
    parse_int,
    validate_url,
)

APP = "htintel"


class TokenError(Exception):
    """The bearer token could not be read from storage/passwords."""


class FeedHttpInput(Script):
    def get_scheme(self):
        scheme = Scheme("HT Intel crawler API")
        scheme.description = (
            "Polls a crawler's JSON API (cursor or page pagination) for ads; the bearer token "
            f"is read from storage/passwords (realm {PASSWORD_REALM}, username = input name)."
        )
        scheme.use_external_validation = True
        scheme.use_single_instance = False
        scheme.add_argument(
            Argument(
                "url",
                title="API URL",
                description="https URL of the crawler's ads endpoint.",
                data_type=Argument.data_type_string,
                required_on_create=True,
            )
        )
        scheme.add_argument(
            Argument(
                "page_size",
                title="Page size",
                description=f"Ads per request, 1 to {MAX_PAGE_SIZE} (default {DEFAULT_PAGE_SIZE}).",
                data_type=Argument.data_type_number,
            )
        )
        scheme.add_argument(ENRICH_ARGUMENT)
        return scheme

    def validate_input(self, definition):
        params = definition.parameters
        check_params(params)
        check_interval(params.get("interval"))

    def stream_events(self, inputs, ew):
        # Imported here: --scheme and --validate-arguments, which splunkd waits on, do not
        # need requests, the schema validator and the extractors.
        from htintel.feed_http import FeedHttpError, poll

        checkpoint_dir = inputs.metadata["checkpoint_dir"]
        for stanza, params in inputs.inputs.items():
            try:
                feed = feed_config(params, checkpoint_dir=checkpoint_dir, name=stanza)
                token = read_token(self.service, input_name(stanza))
            except (ValueError, TokenError) as error:
                logger.error("input=%s not run: %s", stanza, error)
                continue
            write = stanza_writer(ew, stanza, params)

            try:
                stats = poll(feed, token, write, sys.stdout.flush, logger=logger)
            except FeedHttpError as error:
                logger.error("input=%s stopped: %s", stanza, error)
                continue
            logger.info(
                "input=%s pages=%d ads=%d quarantined=%d retries=%d",
                stanza,
                stats.pages,
                stats.ads,
                stats.quarantined,
                stats.retries,
            )


def feed_config(params, *, checkpoint_dir, name):
    """The HttpFeed of one stanza's parameters; ValueError naming a bad parameter."""
    from htintel.feed_http import HttpFeed, RetryPolicy

    # The tests shorten timeouts and backoff through this variable; production never sets it.
    retry = RetryPolicy(**json.loads(os.environ.get("HTINTEL_FEED_HTTP_RETRY", "{}")))
    return HttpFeed(name=name, checkpoint_dir=checkpoint_dir, retry=retry, **check_params(params))


def check_params(params):
    """The stanza's parameters as HttpFeed fields; ValueError naming a bad parameter."""
    url = (params.get("url") or "").strip()
    if not url:
        raise ValueError("url is required: the https URL of the crawler's ads endpoint")
    return {
        "url": validate_url(url),
        "page_size": parse_int(
            "page_size",
            params.get("page_size"),
            default=DEFAULT_PAGE_SIZE,
            low=1,
            high=MAX_PAGE_SIZE,
        ),
        "enrich": parse_bool("enrich", params.get("enrich"), default=True),
    }


def read_token(service, username):
    """The clear-text token stored for this input (realm htintel_feed_http, username)."""
    try:
        response = service.get(
            "storage/passwords",
            owner="nobody",
            app=APP,
            count=0,
            output_mode="json",
            search=f"realm={PASSWORD_REALM}",
        )
        document = json.loads(response.body.read())
    except Exception as error:  # splunklib raises HTTPError, socket errors, ...
        raise TokenError(f"cannot read storage/passwords from splunkd: {error}") from None
    for entry in document.get("entry", []):
        content = entry.get("content", {})
        if content.get("realm") == PASSWORD_REALM and content.get("username") == username:
            token = content.get("clear_password") or ""
            if token:
                return token
    raise TokenError(
        f"no token in storage/passwords for realm {PASSWORD_REALM!r}, username {username!r}; "
        "add it in the app's setup or with the REST API (see README, Configure inputs)"
    )


if __name__ == "__main__":
    sys.exit(FeedHttpInput().run(sys.argv))
