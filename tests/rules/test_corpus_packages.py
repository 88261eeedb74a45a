"""How many findings the package-manager rules give on the real corpus.

The counts were compared with hadolint 2.15 on the same files, instruction by instruction, and
samples of every rule's findings were read by hand (see the rule docs' "How dockwise differs
from hadolint"). dockwise reports each unpinned package at its own word where hadolint reports
the RUN once, so DL3008 and DL3018 count packages, not instructions. A change in a count means
behaviour changed; the new findings deserve the same look before the number is updated here.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from dockwise.config import Config
from dockwise.engine import INTERNAL_ERROR_ID, Linter

RULES = ("DL3008", "DL3009", "DL3013", "DL3014", "DL3015", "DL3016", "DL3018", "DL3019",
         "DL3027", "DL3028", "DL3030", "DL3032", "DL3033", "DL3034", "DL3035", "DL3036",
         "DL3037", "DL3038", "DL3040", "DL3041", "DL3042", "DL3060", "DL3062")

#: Findings per rule with every rule on; rules absent here give none on the corpus (it has
#: no zypper and almost no yum or yarn install).
COUNTS = {
    "DL3008": 988, "DL3009": 78, "DL3013": 4, "DL3014": 2, "DL3015": 78, "DL3016": 6,
    "DL3018": 837, "DL3019": 12, "DL3027": 18, "DL3028": 1, "DL3038": 1, "DL3040": 4,
    "DL3041": 34, "DL3042": 21, "DL3062": 12,
}


def test_package_rule_counts(corpus_files: list[Path]) -> None:
    linter = Linter(Config(select=("ALL",), shellcheck=False))
    found: Counter[str] = Counter()
    for path in corpus_files:
        result = linter.lint_path(path)
        assert result.error is None, (path, result.error)
        found.update(f.rule_id for f in result.findings
                     if f.rule_id in RULES or f.rule_id == INTERNAL_ERROR_ID)
    assert dict(found) == COUNTS
