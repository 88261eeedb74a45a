r"""DL3062 ``go-pin-version``: pin the versions of tools installed with ``go install``.

## What it does
Reports a module path given to ``go install``, ``go get`` or ``go run`` with a version query
that moves: ``@latest``, ``@upgrade``, ``@patch``, or a branch (``@master``, ``@main``,
``@HEAD``). ``go get`` without any version also takes the newest release and is reported.
``go install``/``go run`` without a version are reported only in GOPATH mode
(``GO111MODULE=off``): since Go 1.16 they take the version from ``go.mod`` inside a module
and fail outside one. Local packages (``.``, ``./cmd/app``, ``./...``) and the standard
library are not module paths. Only the first package of ``go run`` is checked; what follows
is the program's arguments.

## Why is this bad?
``go install golang.org/x/tools/cmd/stringer@latest`` builds whatever was tagged last on the
day of the build: the same Dockerfile gives different tools, and a breaking release (or a
hijacked module) gets in without any change on your side. A ``@v1.2.3`` version is also
checked against the Go checksum database.

## Example
```dockerfile
FROM golang:1.22 AS tools
RUN go install golang.org/x/tools/cmd/stringer@latest
```

## Use instead
```dockerfile
FROM golang:1.22 AS tools
ARG STRINGER_VERSION=v0.22.0
WORKDIR /src
COPY go.mod go.sum ./
RUN go install "golang.org/x/tools/cmd/stringer@${STRINGER_VERSION}" \
 && go install github.com/swaggo/swag/cmd/swag \
 && go run ./cmd/gen -out /tmp/gen
```

## How dockwise differs from hadolint
- ``go install example.com/cmd`` without ``@`` is not reported in module mode: the version
  comes from ``go.mod``. Branch queries (``@master``) and ``@upgrade``/``@patch`` are
  reported; ``go get pkg@none`` (a removal) is not.
- Versions from ARG/ENV values are resolved; each module path is reported at its position.
"""

from __future__ import annotations

from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model
from dockwise.syntax import nodes as n
from dockwise.syntax.shell import PackageCall, ShellWord, describe

#: Module queries that resolve to a different version as time passes (``go help get``).
MOVING = frozenset({"latest", "upgrade", "patch", "master", "main", "HEAD"})


def is_module_path(spec: str) -> bool:
    """``True`` for a remote module path: its first element has a dot (``github.com/...``);
    local paths and standard-library packages are not."""
    if spec.startswith((".", "/", "-")):
        return False
    return "." in spec.split("@", 1)[0].split("/", 1)[0]


def _gopath_mode(model: Model, run: n.Run, call: PackageCall) -> bool:
    for a in call.command.assignments:
        if a.name == "GO111MODULE":
            return a.value is not None and a.value.text == "off"
    return model.state(run).env_value("GO111MODULE") == "off"


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation at each Go module path installed without a fixed version."""
    first_run_word: dict[int, ShellWord] = {}
    for run, call, word, spec in model.package_words("go", {"install", "get", "run"}):
        if call.action == "run":
            first = first_run_word.setdefault(id(call.command), word)
            if first is not word:
                continue
        if not is_module_path(spec):
            continue
        path, at, version = spec.partition("@")
        if at and version in MOVING:
            yield Violation(word.span, f"{describe(word, spec)} installs whatever '{version}' "
                            f"is when the image is built; pin a version: {path}@v<x.y.z>",
                            run, fix=f"{path}@v<x.y.z>")
        elif not at and (call.action == "get" or _gopath_mode(model, run, call)):
            yield Violation(word.span, f"{describe(word, spec)} without a version takes the "
                            f"newest release; pin one: {path}@v<x.y.z>", run,
                            fix=f"{path}@v<x.y.z>")


RULE = Rule(
    id="DL3062",
    name="go-pin-version",
    severity=Severity.WARNING,
    summary="Pin versions in go install/get/run (module@version, not @latest).",
    check=check,
    doc=__doc__ or "",
    tags=("reproducibility", "go"),
)
