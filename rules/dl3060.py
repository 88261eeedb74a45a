"""DL3060 ``yarn-cache-clean``: run ``yarn cache clean`` in the RUN that installs with yarn.

## What it does
Reports ``yarn install`` (also a bare ``yarn``, ``yarn add`` and ``yarn global add``) when the
same RUN does not afterwards run ``yarn cache clean`` or delete yarn's cache directory, and
the cache is not a cache or tmpfs mount of the RUN (yarn's cache directory or one above it in
a home directory, the ``YARN_CACHE_FOLDER`` value, or the ``--cache-folder`` value). Only
stages whose layers end up in an image are checked (see DL3009): installing in a builder
stage and copying ``node_modules`` out is the usual way to keep the cache out of the image.

## Why is this bad?
yarn keeps a copy of every package it downloads in its global cache
(``/usr/local/share/.cache/yarn`` for root in the official Node images): often hundreds of
megabytes next to the ``node_modules`` that the application actually uses.

## Example
```dockerfile
FROM node:20-alpine
WORKDIR /app
COPY package.json yarn.lock ./
RUN yarn install --frozen-lockfile
```

## Use instead
```dockerfile
FROM node:20-alpine
WORKDIR /app
COPY package.json yarn.lock ./
RUN yarn install --frozen-lockfile && yarn cache clean
RUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn add left-pad@1.3.0
```

## How dockwise differs from hadolint
- A cache mount counts only when it holds yarn's cache (hadolint accepts any cache mount);
  deleting the cache directory counts too.
- A bare ``yarn``, ``yarn add`` and ``yarn global add`` are checked, and a
  ``yarn cache clean`` before the install does not count (hadolint#957).
- Every stage that reaches an image is checked, not only the last one (hadolint#969).
"""

from __future__ import annotations

from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model
from dockwise.syntax import nodes as n
from dockwise.syntax.shell import PackageCall, Script, package_calls

#: yarn 1's cache (``<cache root>/yarn/v6``) and yarn 2+'s global cache, as suffixes.
CACHES = ("/.cache/yarn/v6/", "/.yarn/berry/cache/")


def _caches(model: Model, run: n.Run, call: PackageCall) -> list[str]:
    configured = (model.state(run).env_value("YARN_CACHE_FOLDER"), call.value("--cache-folder"))
    return [*CACHES, *filter(None, configured)]


def _cleans(script: Script) -> list[int]:
    return [c.command.index for c in package_calls(script, "yarn", {"cache"})
            if c.packages and c.packages[0].text == "clean"]


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation at each yarn install not followed by ``yarn cache clean``."""
    for run, _script, call in model.calls_leaving_cache(
            "yarn", {"install", "add"}, lambda r, c: _caches(model, r, c), _cleans):
        yield Violation(call.head_span, f"'{call.head}' leaves yarn's package cache in this "
                        "layer; run 'yarn cache clean' after it in the same RUN", run,
                        fix="&& yarn cache clean")


RULE = Rule(
    id="DL3060",
    name="yarn-cache-clean",
    severity=Severity.INFO,
    summary="Run 'yarn cache clean' in the RUN that installs with yarn.",
    check=check,
    doc=__doc__ or "",
    tags=("size",),
)
