"""dockwise over the real-world corpus (``../shared/corpus``): no internal error, no traceback,
and BuildKit's deliberately broken parser inputs are reported with a line number.
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest
from conftest import CORPUS

from dockwise.config import Config
from dockwise.engine import INTERNAL_ERROR_ID, Linter


def manifest() -> dict[str, dict[str, str]]:
    with (CORPUS / "manifest.tsv").open(newline="") as fh:
        return {row["file"]: row for row in csv.DictReader(fh, delimiter="\t")}


def test_whole_corpus_lints_without_internal_errors(corpus_files: list[Path]) -> None:
    linter = Linter(Config(select=("ALL",)))
    per_rule: Counter[str] = Counter()
    for path in corpus_files:
        result = linter.lint_path(path)
        assert result.error is None, f"{path.name}: {result.error}"
        internal = [f.message for f in result.findings if f.rule_id == INTERNAL_ERROR_ID]
        assert not internal, f"{path.name}: {internal}"
        per_rule.update(f.rule_id for f in result.findings)
    assert sum(per_rule.values()) > 0


@pytest.mark.parametrize(("name", "rule", "line"), [
    # BuildKit's testfiles-negative: rejected by BuildKit's parser
    ("shykes-nested-json", "DL1000", 1),
    ("env_no_value", "DL1000", 3),
    # jeztah-invalid-json-*: BuildKit falls back to shell form; dockwise says the CMD is not
    # valid JSON (the ones that are JSON *inside a string* are left alone, as BuildKit)
    ("jeztah-invalid-json-unterminated-bracket", "DL3025", 1),
    ("jeztah-invalid-json-single-quotes", "DL3025", 1),
    ("jeztah-invalid-json-unterminated-string", "DL3025", 1),
])
def test_broken_buildkit_inputs_are_reported_with_a_line(name: str, rule: str,
                                                          line: int) -> None:
    rows = [r for r in manifest().values() if f"/{name}/" in r["path"]]
    assert len(rows) == 1
    findings = Linter(Config(select=("ALL",))).lint_path(CORPUS / rows[0]["file"]).findings
    assert [(f.rule_id, f.line) for f in findings if f.rule_id == rule] == [(rule, line)]
    if rule == "DL3025":
        assert "is not valid JSON" in next(f.message for f in findings if f.rule_id == rule)
