"""DW409 copy-ignored-file (BuildKit CopyIgnoredFile)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import lint


def findings(tmp_path: Path, dockerfile: str, ignore: str | None,
             ignore_name: str = ".dockerignore") -> list[tuple[int, int, str]]:
    if ignore is not None:
        (tmp_path / ignore_name).write_text(ignore)
    return [(f.line, f.column, f.severity.label)
            for f in lint(dockerfile, context=tmp_path) if f.rule_id == "DW409"]


def test_buildkit_cases(tmp_path: Path) -> None:
    # dockerfile_lint_test.go, testCopyIgnoredFiles
    text = "\nFROM scratch\nCOPY Dockerfile .\nADD Dockerfile /windy\n"
    assert findings(tmp_path, text, "\nDockerfile\n") == [(3, 6, "error"), (4, 5, "error")]
    text = "\nFROM scratch AS base\nCOPY Dockerfile /foobar\nADD Dockerfile /windy\n\n" \
        "FROM base\nCOPY --from=base /foobar /Dockerfile\n"
    assert findings(tmp_path, text, "\nfoobar\n") == []


def test_no_context_or_no_ignore_file_means_nothing_to_check(tmp_path: Path) -> None:
    assert findings(tmp_path, "FROM scratch\nCOPY app /app\n", None) == []
    assert [f for f in lint("FROM scratch\nCOPY app /app\n") if f.rule_id == "DW409"] == []


def test_exceptions_turn_the_check_off(tmp_path: Path) -> None:
    assert findings(tmp_path, "FROM scratch\nCOPY docs/a.md /d/\n", "docs\n!docs/a.md\n") == []


def test_parent_directories_patterns_and_leading_slash(tmp_path: Path) -> None:
    text = ("FROM scratch\nCOPY build/out/app /app\nCOPY src/main.go /src/\n"
            "COPY /secrets.env /etc/\nCOPY ./README.md /\n")
    assert findings(tmp_path, text, "# comment\nbuild\n*.env\n**/*.md\n") == \
        [(2, 6, "error"), (4, 6, "error"), (5, 6, "error")]


def test_context_root_only_when_everything_is_ignored(tmp_path: Path) -> None:
    assert findings(tmp_path, "FROM scratch\nCOPY . /src\n", "node_modules\n") == []
    assert findings(tmp_path, "FROM scratch\nCOPY . /src\n", "**\n") == [(2, 6, "error")]


def test_wildcards_urls_heredocs_and_variables(tmp_path: Path) -> None:
    text = ("FROM scratch\nARG CFG=conf/prod.env\nCOPY *.log /logs/\n"
            "ADD https://example.com/x.log /x.log\nCOPY <<EOF /a.log\nhi\nEOF\n"
            "COPY $CFG /etc/\nARG NAME\nCOPY ${NAME}.log /x\n")
    assert findings(tmp_path, text, "*.log\nconf/*.env\n") == \
        [(3, 6, "warning"), (8, 6, "error")]


def test_dockerfile_specific_ignore_file(tmp_path: Path) -> None:
    (tmp_path / ".dockerignore").write_text("other\n")
    (tmp_path / "Dockerfile.dockerignore").write_text("app\n")
    df = tmp_path / "Dockerfile"
    df.write_text("FROM scratch\nCOPY app /app\nCOPY other /o\n")
    from dockwise.config import Config
    from dockwise.engine import Linter
    result = Linter(Config(select=("DW409",))).lint_path(df)
    assert [(f.line, f.message.split(":")[0]) for f in result.findings] == [(2, "COPY app")]
    assert "Dockerfile.dockerignore" in result.findings[0].message


@pytest.mark.parametrize("source", ["app", "app/", "./app", "app/sub/file"])
def test_directory_pattern_covers_everything_below(tmp_path: Path, source: str) -> None:
    assert findings(tmp_path, f"FROM scratch\nCOPY {source} /x\n", "app/\n") == \
        [(2, 6, "error")]
