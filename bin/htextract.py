#!/usr/bin/env python
"""htextract: add the identifiers found in each event's ad text (see searchbnf.conf).

Text beyond htintel.extract.MAX_TEXT_CHARS (20,000 characters) per event is not searched,
which bounds the time spent on any one record.
"""

from __future__ import annotations

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from htintel_bootstrap import bootstrap

logger = bootstrap("htextract")

from htintel_searchcommand import FieldAddingRecords  # noqa: E402
from splunklib.searchcommands import (  # noqa: E402
    Configuration,
    Option,
    StreamingCommand,
    dispatch,
    validators,
)

from htintel.extract import (  # noqa: E402
    EXTRACTION_FIELDS,
    IDENTIFIER_TYPES,
    MAX_TEXT_CHARS,
    extract,
    extraction_values,
)
from htintel.records import ad_text, first_value  # noqa: E402


@Configuration(distributed=True)
class HtExtractCommand(FieldAddingRecords, StreamingCommand):
    """Adds ht_phone, ht_email, ht_wallet, ht_handle, ht_url, ht_ids and ht_id_count."""

    field = Option(
        doc="Field holding the ad text. Default: title and body, or _raw when both are absent.",
        require=False,
        validate=validators.Fieldname(),
    )
    country_field = Option(
        doc="Field with the ad's ISO 3166-1 alpha-2 country (phone region hint).",
        require=False,
        default="country",
        validate=validators.Fieldname(),
    )
    city_field = Option(
        doc="Field with the ad's city (phone region hint when the country is absent).",
        require=False,
        default="city",
        validate=validators.Fieldname(),
    )
    types = Option(
        doc="Comma-separated identifier types: phone, email, wallet, handle, url. Default: all.",
        require=False,
        default=",".join(sorted(IDENTIFIER_TYPES)),
    )

    def prepare(self):
        requested = frozenset(t.strip().lower() for t in self.types.split(",") if t.strip())
        unknown = requested - IDENTIFIER_TYPES
        if unknown or not requested:
            self.error_exit(
                ValueError(self.types),
                "Invalid value for types: {!r}. Use a comma-separated list of: {}.".format(
                    self.types, ", ".join(sorted(IDENTIFIER_TYPES))
                ),
            )
        self._types = requested
        self._text_field = self.field
        self._country_field = self.country_field
        self._city_field = self.city_field

    added_fields = EXTRACTION_FIELDS

    def added_values(self, record):
        return extraction_values(
            extract(
                self._text(record),
                country=first_value(record.get(self._country_field)) or None,
                city=first_value(record.get(self._city_field)) or None,
                url=first_value(record.get("url")) or None,
                types=self._types,
            )
        )

    def _text(self, record):
        # Cut a little past the library's cap, so no long string is copied per record.
        return ad_text(record, self._text_field)[: MAX_TEXT_CHARS + 100]


if __name__ == "__main__":
    dispatch(HtExtractCommand, sys.argv, sys.stdin, sys.stdout, __name__)
