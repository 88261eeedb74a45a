"""The sample Dockerfiles lint to exactly their recorded findings.

Each ``sample_dockerfiles/<name>/expected-findings.txt`` lists ``RULE line:column`` in report
order. Regenerate on purpose (and review the diff) with
``DOCKWISE_REGENERATE=1 pytest tests/test_samples.py``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import ROOT

from dockwise.config import Config
from dockwise.engine import Linter

SAMPLES = sorted(p for p in (ROOT / "sample_dockerfiles").iterdir() if p.is_dir())


def actual(sample: Path) -> list[str]:
    result = Linter(Config()).lint_path(sample / "Dockerfile")
    assert result.error is None
    return [f"{f.rule_id} {f.line}:{f.column}" for f in result.findings]


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_sample_findings(sample: Path) -> None:
    expected_file = sample / "expected-findings.txt"
    found = actual(sample)
    if os.environ.get("DOCKWISE_REGENERATE"):
        expected_file.write_text("".join(f"{line}\n" for line in found))
    expected = expected_file.read_text().splitlines()
    assert found == expected


def test_best_practice_is_clean() -> None:
    assert actual(ROOT / "sample_dockerfiles" / "best-practice") == []


def test_every_guide_practice_is_exercised() -> None:
    """Each of the guide's practices is shown broken by at least one sample."""
    fired = {line.split()[0] for s in SAMPLES
             for line in (s / "expected-findings.txt").read_text().splitlines()}
    guide_rules = {"DW101", "DW102", "DW103", "DW105", "DW106", "DW108", "DW109", "DW301",
                   "DL3007"}
    assert guide_rules <= fired
