"""The README stays true: the rules table is the registry's, and .ci/run runs the README's test
command. Regenerate the table on purpose with ``DOCKWISE_REGENERATE=1 pytest tests/test_readme.py``.
"""

from __future__ import annotations

import os
import re

from click.testing import CliRunner
from conftest import ROOT

from dockwise.cli import main

README = ROOT / "README.md"
START, END = "<!-- rules-table:start -->", "<!-- rules-table:end -->"


def quick_start_commands() -> list[str]:
    section = README.read_text().split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.*?)\n```", section, re.DOTALL)


def test_rules_table_is_generated_from_the_registry() -> None:
    table = CliRunner().invoke(main, ["rules", "--format", "markdown"]).stdout.strip()
    text = README.read_text()
    current = text.split(START, 1)[1].split(END, 1)[0].strip()
    if os.environ.get("DOCKWISE_REGENERATE"):
        README.write_text(text.replace(current, table) if current else
                          text.replace(START + "\n", f"{START}\n{table}\n"))
        current = table
    assert current == table


def test_quick_start_has_two_commands_and_ci_runs_the_second() -> None:
    first, second = quick_start_commands()
    assert "dockwise lint sample_dockerfiles/" in first
    assert "pytest" in second
    ci = (ROOT / ".ci" / "run").read_text()
    assert second in ci.splitlines()
