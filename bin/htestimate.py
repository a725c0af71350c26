#!/usr/bin/env python
"""htestimate: multiple systems estimate of how many entities exist per group (see searchbnf.conf)."""

from __future__ import annotations

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from htintel_bootstrap import bootstrap

logger = bootstrap("htestimate")

from htintel_searchcommand import HostileTextRecords  # noqa: E402
from splunklib.searchcommands import (  # noqa: E402
    Configuration,
    Option,
    ReportingCommand,
    dispatch,
    validators,
)

from htintel.estimate import (  # noqa: E402
    DEFAULT_NBOOT,
    DEFAULT_SEED,
    MAX_LISTS,
    METHODS,
    estimate,
)

OUTPUT_FIELDS = (
    "ht_observed",
    "ht_estimate",
    "ht_ci_low",
    "ht_ci_high",
    "ht_lists",
    "ht_model",
    "ht_method",
    "ht_warnings",
)


def _values(value):
    """A field's values as a list of non-empty strings (multivalues arrive as lists)."""
    if isinstance(value, list):
        return [str(v) for v in value if str(v) != ""]
    if value is None or value == "":
        return []
    return [str(value)]


def _rounded(value):
    return "" if value is None else round(value)


class _Group:
    """Pattern counts of one group, accumulated across input chunks."""

    __slots__ = ("bad_counts", "patterns")

    def __init__(self):
        self.patterns = {}  # frozenset of list names -> count
        self.bad_counts = 0

    def add(self, names, count):
        key = frozenset(names)
        self.patterns[key] = self.patterns.get(key, 0) + count


@Configuration(requires_preop=False)
class HtEstimateCommand(HostileTextRecords, ReportingCommand):
    """One row per group: ht_observed, ht_estimate, ht_ci_low, ht_ci_high and the model."""

    lists_field = Option(
        doc="Multivalue field with the names of the lists (sources) the row's entity is on.",
        require=True,
        validate=validators.Fieldname(),
    )
    count_field = Option(
        doc="Field with the number of entities having exactly the row's lists. "
        "Default: none, each row is one entity.",
        require=False,
        validate=validators.Fieldname(),
    )
    by = Option(
        doc="Fields to estimate separately for, comma-separated (e.g. city,country).",
        require=False,
        default="",
    )
    method = Option(
        doc="bhs (Bales-Hesketh-Silverman, profile interval; default) or sparse "
        "(Chan-Silverman-Vincent, BCa bootstrap interval).",
        require=False,
        default="bhs",
    )
    pthresh = Option(
        doc="p-value a two-list interaction must reach to enter the model "
        "(default 0.05 for bhs, 0.02 for sparse; 0 fits main effects only).",
        require=False,
    )
    nboot = Option(
        doc="Bootstrap resamples for method=sparse (default 1000).",
        require=False,
        default=str(DEFAULT_NBOOT),
    )
    seed = Option(
        doc="Random seed for the bootstrap (default 1234): same input, same interval.",
        require=False,
        default=str(DEFAULT_SEED),
    )

    def prepare(self):
        # Reduce only: no streaming preop, the estimate needs every row of a group at once.
        # (splunklib keeps each option's value in self._<name>: parsed copies use other names.)
        self._use_method = self.method.strip().lower()
        if self._use_method not in METHODS:
            self._fail("method", self.method, "bhs or sparse")
        self._use_pthresh = None
        if self.pthresh not in (None, ""):
            try:
                self._use_pthresh = float(self.pthresh)
            except ValueError:
                self._use_pthresh = -1.0
            if not 0.0 <= self._use_pthresh <= 1.0:
                self._fail("pthresh", self.pthresh, "a number between 0 and 1, e.g. 0.05")
        self._use_nboot = self._integer("nboot", self.nboot, 1, 100000)
        self._use_seed = self._integer("seed", self.seed, 0, 2**63 - 1)
        self._group_fields = (self.by or "").replace(",", " ").split()
        self._groups = {}

    def _integer(self, name, text, low, high):
        try:
            value = int(str(text).strip())
        except ValueError:
            value = low - 1
        if not low <= value <= high:
            self._fail(name, text, f"a whole number from {low} to {high}")
        return value

    def _fail(self, name, value, allowed):
        self.error_exit(ValueError(value), f"Invalid value for {name}: {value!r}. Use {allowed}.")

    def reduce(self, records):
        # splunklib calls reduce once per input chunk (up to 50,000 rows each): accumulate,
        # and only estimate once splunkd marks the last chunk finished.
        for record in records:
            self._accumulate(record)
        if self._finished is False:
            return
        for key in sorted(self._groups):
            yield self._row(key, self._groups[key])

    def _accumulate(self, record):
        key = []
        for name in self._group_fields:
            values = _values(record.get(name))
            if not values:
                return  # like stats: a row without a by field belongs to no group
            key.append(tuple(values))
        group = self._groups.get(tuple(key))
        if group is None:
            group = self._groups[tuple(key)] = _Group()
        names = _values(record.get(self.lists_field))
        if self.count_field:
            text = _values(record.get(self.count_field))
            try:
                count = float(text[0]) if len(text) == 1 else -1.0
            except ValueError:
                count = -1.0
            if count < 0 or count != int(count):
                group.bad_counts += 1
                return
            if count and names:
                group.add(names, int(count))
        elif names:
            group.add(names, 1)

    def _row(self, key, group):
        row = {}
        for name, values in zip(self._group_fields, key):
            row[name] = values[0] if len(values) == 1 else list(values)
        lists = sorted(set().union(*group.patterns)) if group.patterns else []
        notes = []
        if group.bad_counts:
            notes.append(
                f"{group.bad_counts} rows skipped: {self.count_field} was missing or not a "
                "whole number >= 0"
            )
        if len(lists) > MAX_LISTS:
            notes.append(f"{len(lists)} lists: at most {MAX_LISTS} are supported; merge lists")
            observed = sum(group.patterns.values())
            result = None
        else:
            position = {name: i for i, name in enumerate(lists)}
            counts = {}
            for names, count in group.patterns.items():
                pattern = [0] * len(lists)
                for name in names:
                    pattern[position[name]] = 1
                counts[tuple(pattern)] = counts.get(tuple(pattern), 0) + count
            result = estimate(
                counts,
                lists,
                method=self._use_method,
                pthresh=self._use_pthresh,
                nboot=self._use_nboot,
                seed=self._use_seed,
            )
            observed = result.observed
            notes.extend(result.warnings)
        row["ht_observed"] = observed
        row["ht_estimate"] = _rounded(result.estimate) if result else ""
        row["ht_ci_low"] = _rounded(result.ci_low) if result else ""
        row["ht_ci_high"] = _rounded(result.ci_high) if result else ""
        row["ht_lists"] = list(result.lists) if result else lists
        row["ht_model"] = list(result.model) if result else []
        row["ht_method"] = self._use_method
        row["ht_warnings"] = notes
        return row


if __name__ == "__main__":
    dispatch(HtEstimateCommand, sys.argv, sys.stdin, sys.stdout, __name__)
