"""Findings of the RUN-hygiene and instruction rules on the real-world corpus.

The counts were reviewed by hand against hadolint 2.15.1 on the same files (see each rule's
"How dockwise differs from hadolint"); a change in a count means a change in behaviour that
needs the same review.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from dockwise.config import Config
from dockwise.engine import INTERNAL_ERROR_ID, Linter

EXPECTED = {
    "DL3001": 0, "DL3003": 54, "DL3004": 4, "DL3010": 0, "DL3011": 0, "DL3021": 1,
    "DL3043": 0, "DL3044": 10, "DL3045": 21, "DL3046": 0, "DL3047": 46, "DL3059": 248,
    "DL3066": 29, "DL4001": 1, "DL4005": 0, "DL4006": 110,
}


def test_findings_per_rule_on_the_corpus(corpus_files: list[Path]) -> None:
    linter = Linter(Config(select=tuple(EXPECTED), shellcheck=False))
    counts: Counter[str] = Counter({rule: 0 for rule in EXPECTED})
    errors = []
    for path in corpus_files:
        result = linter.lint_path(path)
        assert result.error is None, f"{path.name}: {result.error}"
        for finding in result.findings:
            if finding.rule_id == INTERNAL_ERROR_ID:
                errors.append(f"{path.name}: {finding.message}")
            counts[finding.rule_id] += 1
    assert errors == []
    assert dict(counts) == EXPECTED
