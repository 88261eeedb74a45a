"""Shared test helpers.

``lint(text, **config)`` lints a Dockerfile string and returns its findings;
``codes(text, rule)`` returns ``(line, column)`` pairs of one rule's findings, the usual shape of
an exact rule assertion. ``CORPUS`` is ``../shared/corpus`` (read in place, never copied).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from dockwise.config import Config
from dockwise.engine import lint_text
from dockwise.findings import Finding

ROOT = Path(__file__).resolve().parent.parent


def _shared() -> Path:
    """The workplace's shared data (corpus, schemas): ``$DOCKWISE_SHARED``, else ``../shared``
    beside the checkout (or beside its parent, for a worktree under ``wt/``), else
    ``/work/shared`` (where a clone elsewhere finds it)."""
    candidates = [os.environ.get("DOCKWISE_SHARED"), ROOT.parent / "shared",
                  ROOT.parent.parent / "shared", "/work/shared"]
    for candidate in candidates:
        if candidate and (Path(candidate) / "corpus").is_dir():
            return Path(candidate)
    return ROOT.parent / "shared"


SHARED = _shared()


def tool(name: str) -> str | None:
    """An executable from this environment (next to the running Python, where a venv puts
    console scripts even when it is not activated), else from ``PATH``."""
    import shutil
    import sys

    here = str(Path(sys.executable).parent)
    return shutil.which(name, path=os.pathsep.join([here, os.environ.get("PATH", "")]))
CORPUS = SHARED / "corpus"
CORPUS_FILES = sorted((CORPUS / "files").glob("*")) if (CORPUS / "files").is_dir() else []


def lint(text: str, *, context: Path | None = None, target: str | None = None,
         **config: object) -> list[Finding]:
    """Lint ``text`` with every rule (``select=ALL`` unless given) and the given settings."""
    config.setdefault("select", ("ALL",))
    return lint_text(text, config=Config(**config), context=context,  # type: ignore[arg-type]
                     target=target)


def codes(text: str, rule: str, **kwargs: object) -> list[tuple[int, int]]:
    """``(line, column)`` of each finding of ``rule`` in ``text``."""
    return [(f.line, f.column) for f in lint(text, **kwargs) if f.rule_id == rule]


def spans(text: str, rule: str, **kwargs: object) -> list[tuple[int, int, int, int]]:
    """``(line, column, end_line, end_column)`` of each finding of ``rule``."""
    return [(f.line, f.column, f.end_line, f.end_column) for f in lint(text, **kwargs)
            if f.rule_id == rule]


@pytest.fixture
def corpus_files() -> list[Path]:
    """The real-world corpus; the suite fails (not skips) when it is missing."""
    assert CORPUS_FILES, f"corpus not found at {CORPUS}"
    return CORPUS_FILES
