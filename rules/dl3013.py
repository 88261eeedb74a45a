r"""DL3013 ``pip-pin-version``: pin the versions of packages installed with ``pip install``.

## What it does
Reports each requirement of a ``pip install`` (also ``pip3``, ``pip3.12``, ``python3 -m pip``)
that names no version. Accepted: a version specifier (``flask==3.0.3``, ``'flask>=2,<3'``,
``flask~=3.0``), a direct reference (``name @ https://...``, ``git+https://...@v1.2``), a
local path, wheel or archive (``.``, ``/src``, ``dist/app-1.0-py3-none-any.whl``), and a URL.
A call that reads a requirements or constraints file (``-r``, ``-c``, ``PIP_CONSTRAINT``) is
not checked: the file pins. Requirements written as variables are checked after expanding
the ARG and ENV values in effect; unknown values are not reported.

## Why is this bad?
``pip install flask`` installs whatever is newest on the day of the build, so rebuilding the
same Dockerfile gives a different image, and an incompatible release breaks the build (or
the application) without any change on your side.

## Example
```dockerfile
FROM python:3.12-slim
RUN pip install --no-cache-dir flask gunicorn==22.0.0
```

## Use instead
```dockerfile
FROM python:3.12-slim
ARG FLASK_VERSION=3.0.3
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt \
 && pip install --no-cache-dir "flask==${FLASK_VERSION}" 'gunicorn>=22,<23' .
```

## How dockwise differs from hadolint
- Option values are not read as packages: ``--python "$(which python)"``,
  ``--index-url URL``, ``-C key=value`` (hadolint#1067).
- ``PIP_CONSTRAINT`` set in ENV or ARG counts like ``--constraint``.
- Variables are resolved through ARG/ENV values; ``"${PKG}==${VERSION}"`` is pinned and an
  unknown ``$PACKAGES`` is not reported (hadolint#1175).
- Each unpinned requirement is reported at its own position.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model
from dockwise.syntax.shell import describe

_SPECIFIER_RE = re.compile(r"(===?|[<>!~]=|[<>])")
_ARCHIVES = (".whl", ".tar.gz", ".tgz", ".tar.bz2", ".zip")
_VCS = ("git+", "hg+", "svn+", "bzr+")


def pinned(requirement: str) -> bool:
    """``True`` when a pip requirement names a version, a direct reference or a local
    path/archive/URL (PEP 440 and PEP 508 forms)."""
    req = requirement.split(";", 1)[0].strip()  # environment markers are no version
    if req.startswith(_VCS):
        # git+https://host/org/repo@v1.2 (an @ before the path is a user name)
        return "@" in req.split("://", 1)[-1].split("/", 1)[-1]
    if _SPECIFIER_RE.search(req) or " @ " in req or "/" in req or req.startswith("."):
        return True
    return req.endswith(_ARCHIVES)


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation at each pip requirement that names no version."""
    for run, call, word, requirement in model.package_words("pip", {"install"}):
        if call.has("-r", "--requirement", "-c", "--constraint", "--group") or \
                any(a.name == "PIP_CONSTRAINT" for a in call.command.assignments) or \
                model.state(run).variables.get("PIP_CONSTRAINT") is not None:
            continue
        if not pinned(requirement):
            name = requirement.split(";", 1)[0].strip()
            hint = f"{name}@<tag or commit>" if name.startswith(_VCS) else f"{name}==<version>"
            yield Violation(word.span, f"{describe(word, requirement)} is installed without a "
                            f"version; pin it ({hint}) or install from a requirements file",
                            run, fix=hint)


RULE = Rule(
    id="DL3013",
    name="pip-pin-version",
    severity=Severity.WARNING,
    summary="Pin versions in pip install (package==version, or -r requirements.txt).",
    check=check,
    doc=__doc__ or "",
    tags=("reproducibility",),
)
