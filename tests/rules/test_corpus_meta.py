"""How many findings the base-image, stage, label and pragma rules give on the real corpus.

The counts were reviewed by hand against hadolint 2.15 on the same files (see the rule docs'
"How dockwise differs from hadolint"); a change in a count means behaviour changed, and the new
findings deserve the same look before the number is updated here.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from dockwise.config import Config
from dockwise.engine import Linter

RULES = ("DL1001", "DL3000", "DL3002", "DL3006", "DL3007", "DL3020", "DL3022", "DL3023",
         "DL3024", "DL3025", "DL3026", "DL3048", "DL3049", "DL3050", "DL3051", "DL3052",
         "DL3053", "DL3054", "DL3055", "DL3056", "DL3057", "DL3058", "DL3061", "DL3067")

#: Every rule on, default settings (DL1001 and DL3057 are selected explicitly).
DEFAULT_COUNTS = {
    "DL1001": 18, "DL3000": 2, "DL3002": 3, "DL3006": 85, "DL3007": 32, "DL3020": 100,
    "DL3025": 100, "DL3048": 1, "DL3057": 506, "DL3061": 14,
}

#: A label schema over the OCI annotation keys, strict labels, and trusted registries.
SCHEMA_SETTINGS: dict[str, Any] = {
    "label_schema": {
        "org.opencontainers.image.version": "semver",
        "org.opencontainers.image.source": "url",
        "org.opencontainers.image.url": "url",
        "org.opencontainers.image.documentation": "url",
        "org.opencontainers.image.licenses": "spdx",
        "org.opencontainers.image.revision": "hash",
        "org.opencontainers.image.created": "rfc3339",
        "maintainer": "email",
    },
    "strict_labels": True,
    "trusted_registries": ("docker.io", "*.gcr.io"),
}
SCHEMA_COUNTS = {
    "DL3026": 126, "DL3049": 3987, "DL3050": 105, "DL3054": 2, "DL3056": 8, "DL3058": 6,
}


def count(files: list[Path], **settings: Any) -> Counter[str]:
    linter = Linter(Config(select=("ALL",), shellcheck=False, **settings))
    found: Counter[str] = Counter()
    for path in files:
        result = linter.lint_path(path)
        assert result.error is None, (path, result.error)
        found.update(f.rule_id for f in result.findings
                     if f.rule_id in RULES or f.rule_id == "DW999")
    return found


def test_default_counts(corpus_files: list[Path]) -> None:
    assert dict(count(corpus_files)) == DEFAULT_COUNTS


def test_label_schema_and_registry_counts(corpus_files: list[Path]) -> None:
    found = count(corpus_files, **SCHEMA_SETTINGS)
    assert {k: v for k, v in found.items() if k in SCHEMA_COUNTS or k == "DW999"} == \
        SCHEMA_COUNTS
