"""DL3016 ``npm-pin-version``: pin the versions of packages installed with ``npm install``.

## What it does
Reports each package named on an ``npm install`` (or ``npm i``, ``npm add``) without a
version: ``express`` or ``express@latest`` rather than ``express@4.19.2``. Accepted: a version
or range (``@4.19.2``, ``@^4``) or another dist-tag, a git URL or GitHub shorthand with a
commit or tag (``user/repo#v1.0``, ``git+https://host/r.git#semver:^1``), a tarball
(``.tgz``), a URL, and a local folder (``.``, ``./pkg``, ``/srv/app``). ``npm install`` and
``npm ci`` without package names install what ``package-lock.json`` records and are fine.
Packages written as variables are checked after expanding ARG and ENV values.

## Why is this bad?
An unpinned package is whatever the registry serves on the day of the build: rebuilding the
same Dockerfile installs different code, and a bad release (or a compromised one) reaches
your image without any change on your side.

## Example
```dockerfile
FROM node:20-alpine
RUN npm install -g pnpm
```

## Use instead
```dockerfile
FROM node:20-alpine
ARG PNPM_VERSION=9.4.0
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci && npm install -g "pnpm@${PNPM_VERSION}" --registry https://registry.npmjs.org/
```

## How dockwise differs from hadolint
- Option values are not read as packages (``--registry URL``, ``--loglevel verbose``,
  ``--prefix /opt``; hadolint#975, hadolint#515).
- ``pkg@latest`` is the same as ``pkg`` and is reported; hadolint accepts any ``@``.
- Variables are resolved through ARG/ENV values; each package is reported at its position.
"""

from __future__ import annotations

from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model
from dockwise.syntax.shell import describe

_TARBALLS = (".tgz", ".tar.gz", ".tar")
_FOLDERS = ("/", "./", "../", "~/")
_GIT = ("git:", "git+", "github:", "gitlab:", "bitbucket:", "gist:")
_URLS = ("http://", "https://", "file:")


def version_of(spec: str) -> str | None:
    """The version, range or tag after ``name@`` (scope kept apart), or ``None``."""
    rest = spec[1:] if spec.startswith("@") else spec
    if "@" not in rest:
        return None
    return rest.split("@", 1)[1]


def is_repository(spec: str) -> bool:
    """``True`` for a git URL or a hosted shorthand (``user/repo``, ``github:user/repo``)."""
    return spec.startswith(_GIT) or ("/" in spec and not spec.startswith(("@", *_URLS)))


def pinned(spec: str) -> bool:
    """``True`` when an npm package spec names a fixed version, commit, file or folder."""
    if spec in (".", "..") or spec.startswith(_FOLDERS) or spec.endswith(_TARBALLS):
        return True
    if is_repository(spec):
        return "#" in spec  # its default branch unless a commit or tag is named
    if spec.startswith(_URLS):
        return True
    version = version_of(spec)
    return bool(version) and version != "latest"


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation at each npm package named without a version."""
    for run, _call, word, spec in model.package_words("npm", {"install"}):
        if not pinned(spec):
            version = version_of(spec)
            if is_repository(spec):
                hint = f"{spec}#<tag or commit>"
            else:
                hint = (spec if version is None else spec[:-len(version) - 1]) + "@<version>"
            yield Violation(word.span, f"{describe(word, spec)} is installed without a version; "
                            f"pin it: {hint}", run, fix=hint)


RULE = Rule(
    id="DL3016",
    name="npm-pin-version",
    severity=Severity.WARNING,
    summary="Pin versions in npm install (package@version).",
    check=check,
    doc=__doc__ or "",
    tags=("reproducibility",),
)
