"""Every format rendered from the same sample results, compared with reviewed golden files.

The golden files in ``golden/`` are regenerated only on purpose::

    DOCKWISE_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/report/test_golden.py

and the diff reviewed before committing. SARIF's rule documentation (help, descriptions) comes
from the rule modules and is replaced by a placeholder in the golden file, so editing a rule's
docstring does not break this test; ``test_sarif.py`` checks how descriptors are built.
"""

from __future__ import annotations

import json
import os
from typing import Any

import pytest

from dockwise.report import FORMATS, render

from .conftest import GOLDEN, sample_options, sample_results

EXTENSIONS = {"json": "json", "sarif": "json", "gitlab": "json", "github": "txt",
              "checkstyle": "xml", "junit": "xml", "markdown": "md", "text": "txt", "tty": "txt"}
UPDATE = os.environ.get("DOCKWISE_UPDATE_GOLDEN") == "1"


def _strip_rule_docs(text: str) -> str:
    log: dict[str, Any] = json.loads(text)
    for rule in log["runs"][0]["tool"]["driver"]["rules"]:
        for key in ("shortDescription", "fullDescription"):
            if key in rule:
                rule[key] = {"text": f"<{key} of {rule['id']}>"}
        if "help" in rule:
            rule["help"] = {"text": f"<help of {rule['id']}>",
                            "markdown": f"<help of {rule['id']}>"}
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def rendered(fmt: str) -> str:
    text = render(fmt, sample_results(), sample_options())
    return _strip_rule_docs(text) if fmt == "sarif" else text


def test_every_format_has_a_golden_file() -> None:
    assert set(EXTENSIONS) == set(FORMATS)


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_golden(fmt: str) -> None:
    path = GOLDEN / f"{fmt}.{EXTENSIONS[fmt]}"
    text = rendered(fmt)
    if UPDATE:
        path.write_bytes(text.encode("utf-8"))
    assert path.is_file(), f"{path} missing: run with DOCKWISE_UPDATE_GOLDEN=1 and review it"
    assert text == path.read_bytes().decode("utf-8"), \
        f"{fmt} output differs from {path.name} (regenerate with DOCKWISE_UPDATE_GOLDEN=1 " \
        "only if the change is intended, and review the diff)"
