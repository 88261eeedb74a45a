"""DL3062: Go tools are installed at a fixed version."""

from __future__ import annotations

import pytest
from conftest import codes, lint

RULE = "DL3062"


def found(text: str) -> list[tuple[int, int, str | None]]:
    return [(f.line, f.column, f.fix) for f in lint(text) if f.rule_id == RULE]


def test_moving_versions_are_reported_at_the_module_path() -> None:
    text = ("FROM golang:1.22\n"
            "RUN go install golang.org/x/tools/cmd/stringer@latest \\\n"
            " && go install github.com/a/b@master github.com/c/d@v1.2.3 \\\n"
            " && go get github.com/e/f@upgrade\n")
    assert found(text) == [(2, 16, "golang.org/x/tools/cmd/stringer@v<x.y.z>"),
                           (3, 16, "github.com/a/b@v<x.y.z>"),
                           (4, 12, "github.com/e/f@v<x.y.z>")]


@pytest.mark.parametrize("command", [
    "go install golang.org/x/tools/cmd/stringer@v0.22.0",
    "go install github.com/a/b@v0.0.0-20240101000000-0123456789ab",
    "go install github.com/a/b@0123abcd",
    "go install github.com/a/b/cmd/x",             # module mode: go.mod has the version
    "go install tool github.com/a/b/cmd/x",
    "go install ./cmd/app",
    "go install",
    "go install std",
    "go get ./...",
    "go get -u ./...",
    "go get github.com/a/b@v1.2.3",
    "go get github.com/a/b@none",                   # a removal
    "go run build.go -no-upgrade build",           # a local file
    "go run ./cmd/gen -out github.com/x/y@latest",  # program arguments
    "go run golang.org/x/tools/cmd/stringer@v0.22.0 -type=Pill",
    "go build -o /app github.com/a/b",
    "go mod download",
    "CGO_ENABLED=0 go install -ldflags='-s -w' github.com/a/b@v1.2.3",
])
def test_accepted(command: str) -> None:
    assert codes(f"FROM golang:1.22\nRUN {command}\n", RULE) == []


def test_go_get_without_a_version() -> None:
    text = "FROM golang:1.22\nRUN go get -d github.com/a/b\n"
    assert found(text) == [(2, 15, "github.com/a/b@v<x.y.z>")]


def test_go_run_latest() -> None:
    text = "FROM golang:1.22\nRUN go run github.com/a/gen@latest -out x.go\n"
    assert codes(text, RULE) == [(2, 12)]


def test_gopath_mode_needs_a_version() -> None:
    text = ("FROM golang:1.15\n"
            "ENV GO111MODULE=off\n"
            "RUN go install github.com/a/b/cmd/x\n"
            "RUN GO111MODULE=on go install github.com/a/b/cmd/y\n")
    assert codes(text, RULE) == [(3, 16)]


def test_versions_from_variables() -> None:
    text = ("FROM golang:1.22\n"
            "ARG STRINGER_VERSION=v0.22.0\n"
            "ARG SWAG=latest\n"
            "ARG UNKNOWN\n"
            "RUN go install \"golang.org/x/tools/cmd/stringer@${STRINGER_VERSION}\" \\\n"
            "    github.com/swaggo/swag/cmd/swag@${SWAG} github.com/x/y@${UNKNOWN}\n")
    assert [(f.line, f.column, f.message) for f in lint(text) if f.rule_id == RULE] == [
        (6, 5, "'github.com/swaggo/swag/cmd/swag@latest' (from "
               "github.com/swaggo/swag/cmd/swag@${SWAG}) installs whatever 'latest' is when "
               "the image is built; pin a version: github.com/swaggo/swag/cmd/swag@v<x.y.z>")]
