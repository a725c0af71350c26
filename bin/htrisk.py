#!/usr/bin/env python
"""htrisk: score trafficking indicators in each event's ad text (see searchbnf.conf)."""

from __future__ import annotations

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from htintel_bootstrap import bootstrap

logger = bootstrap("htrisk")

from htintel_searchcommand import FieldAddingRecords  # noqa: E402
from splunklib.searchcommands import (  # noqa: E402
    Configuration,
    Option,
    StreamingCommand,
    dispatch,
    validators,
)

from htintel.records import ad_text, first_value  # noqa: E402
from htintel.risk import INDICATORS_CSV, assess, compile_indicators, load_indicators  # noqa: E402


@Configuration(distributed=True)
class HtRiskCommand(FieldAddingRecords, StreamingCommand):
    """Adds ht_lang, ht_risk_score, ht_risk_indicators and ht_risk_evidence."""

    field = Option(
        doc="Field holding the ad text. Default: title and body, or _raw when both are absent.",
        require=False,
        validate=validators.Fieldname(),
    )
    lang_field = Option(
        doc="Field with the crawler's language code; it wins over identification when set.",
        require=False,
        default="language",
        validate=validators.Fieldname(),
    )
    price_field = Option(
        doc="Field with the ad's price (structural indicator price_below_median).",
        require=False,
        default="price",
        validate=validators.Fieldname(),
    )
    median_field = Option(
        doc="Field with the local median price, e.g. from eventstats median(price) by city.",
        require=False,
        default="price_median",
        validate=validators.Fieldname(),
    )

    def prepare(self):
        # Read per search, so an edited lookups/htintel_indicators.csv applies to the next search.
        try:
            self._lexicon = compile_indicators(load_indicators(INDICATORS_CSV))
        except (OSError, ValueError) as error:
            self.error_exit(error, f"htrisk cannot use the indicator lexicon: {error}")

    added_fields = ("ht_lang", "ht_risk_score", "ht_risk_indicators", "ht_risk_evidence")

    def added_values(self, record):
        result = assess(
            self._text(record),
            language=first_value(record.get(self.lang_field)) or None,
            price=first_value(record.get(self.price_field)) or None,
            price_median=first_value(record.get(self.median_field)) or None,
            indicators=self._lexicon,
        )
        # Tuples go out as multivalues like lists do, without a copy per record.
        return result.language, result.score, result.indicators, result.evidence

    def _text(self, record):
        return ad_text(record, self.field)


if __name__ == "__main__":
    dispatch(HtRiskCommand, sys.argv, sys.stdin, sys.stdout, __name__)
