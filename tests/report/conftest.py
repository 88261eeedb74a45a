"""Shared pieces of the reporter tests: the sample results every format is rendered from, and
SARIF validation against the official schema."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import SHARED

from dockwise.config import Config
from dockwise.discover import Problem
from dockwise.engine import FileResult, Linter
from dockwise.findings import Finding, Severity
from dockwise.report import ReportOptions
from dockwise.syntax.nodes import Span

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SAMPLES = HERE / "samples"
GOLDEN = HERE / "golden"

SARIF_SCHEMA = SHARED / "schemas" / "sarif-schema-2.1.0.json"
#: The rules the samples are linted with: a fixed set, so that a rule added elsewhere does not
#: change the golden files.
SAMPLE_RULES = ("DL1000", "DL3002", "DL3007", "DL3019", "DL3025", "DW103", "DW105", "DW106",
                "DW108", "DW109")
#: Reported paths are relative to this (made-up) working directory.
SAMPLE_CWD = Path("/project")


#: A finding no rule's wording can change: every character the formats must escape, a span
#: over two lines, a code outside the registry, a path with ``,``, ``:`` and ``%``.
ODD = FileResult("samples/odd,name:100%.Dockerfile", [Finding(
    "SC2086", "shellcheck", Severity.STYLE,
    "quote <b>|*c*_d_&e$f%g,h:i[j](k)`#~ \"q\" 'a'\r\nnext line \x1b[0m",
    "samples/odd,name:100%.Dockerfile", Span(3, 5, 4, 2))])


def sample_results() -> list[FileResult]:
    """The samples linted as ``samples/<name>``, a binary file that cannot be linted, and
    :data:`ODD`."""
    linter = Linter(Config(select=SAMPLE_RULES))
    names = ("go-app.Dockerfile", "clean.Dockerfile", "special.Dockerfile")
    results = [linter.lint_path(SAMPLES / name, display=f"samples/{name}") for name in names]
    results.append(linter.lint_source(b"\x7fELF\x00\x00\x01", "samples/binary.Dockerfile"))
    results.append(ODD)
    return results


def sample_options(**changes: Any) -> ReportOptions:
    """Options as the command line would pass them for the samples."""
    sources = {f"samples/{p.name}": p.read_text(encoding="utf-8")
               for p in SAMPLES.glob("*.Dockerfile")}
    from dockwise.engine import registry

    values: dict[str, Any] = {
        "sources": sources, "cwd": SAMPLE_CWD, "width": 100,
        "rules": tuple(r for r in registry() if r.id in SAMPLE_RULES),
        "problems": (Problem("samples/loop", "symbolic link loop (points back to ..); "
                             "not searched", fatal=False),),
    }
    values.update(changes)
    return ReportOptions(**values)


@pytest.fixture(scope="session")
def validate_sarif() -> Callable[[str], dict[str, Any]]:
    """A function that parses SARIF text, validates it against the SARIF 2.1.0 schema with
    format checks on (raising on the first error) and returns the log."""
    import jsonschema

    assert SARIF_SCHEMA.is_file(), f"SARIF schema not found at {SARIF_SCHEMA}"
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)  # the draft the schema declares (4)
    # every known format: draft 4's own checker lacks "uri-reference", which SARIF uses for
    # artifact URIs; without a URI validator installed jsonschema skips URI formats silently
    checker = jsonschema.FormatChecker()
    assert {"uri", "uri-reference", "date-time"} <= set(checker.checkers), \
        "install rfc3986-validator and rfc3339-validator so URI and date-time formats are checked"
    validator = cls(schema, format_checker=checker)

    def validate(text: str) -> dict[str, Any]:
        log = json.loads(text)
        errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
        assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)
        return log  # type: ignore[no-any-return]

    return validate
