"""The BuildKit checks on the real-world corpus: no internal error, and the number of findings
each gives, recorded after a review of samples (see the rules' docs for what is not reported).

A change in these numbers is not necessarily wrong, but it must be looked at: update them
together with a note of what changed and why.
"""

from __future__ import annotations

import collections
from pathlib import Path

from dockwise.config import Config
from dockwise.engine import INTERNAL_ERROR_ID, Linter

#: Findings per rule on ``../shared/corpus/files`` (524 files).
EXPECTED = {
    "DL3012": 6, "DL3025": 100, "DL3029": 1, "DL3063": 0, "DL3064": 1, "DL3065": 1,
    "DL4000": 2, "DL4003": 10, "DL4004": 0,
    "DW401": 1, "DW402": 42, "DW403": 14, "DW404": 0, "DW405": 2, "DW406": 11, "DW407": 441,
    "DW408": 27, "DW409": 0, "DW410": 0, "DW411": 0,
}


def test_corpus_counts(corpus_files: list[Path]) -> None:
    linter = Linter(Config(select=tuple(EXPECTED)))
    counts: collections.Counter[str] = collections.Counter()
    for path in corpus_files:
        result = linter.lint_path(path)
        assert result.error is None, (path, result.error)
        for finding in result.findings:
            assert finding.rule_id != INTERNAL_ERROR_ID, (path, finding.message)
            counts[finding.rule_id] += 1
    assert {rule: counts.get(rule, 0) for rule in EXPECTED} == EXPECTED
