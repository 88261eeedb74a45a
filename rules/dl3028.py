r"""DL3028 ``gem-pin-version``: pin the versions of gems installed with ``gem install``.

## What it does
Reports each gem of a ``gem install`` (or ``gem i``) that names no version: ``rails`` rather
than ``rails:7.1.3`` or ``rails -v 7.1.3``. A call with ``-v``/``--version`` (which applies to
its gem) or ``-g``/``--file`` (a Gemfile) is not checked, nor is a local ``.gem`` file. Words
after ``--`` are options for building the gem, not gems. Gems written as variables are
checked after expanding ARG and ENV values.

## Why is this bad?
Without a version, a rebuild installs the newest release of the gem and of what it depends
on, so the same Dockerfile gives different images and a breaking release breaks the build.

## Example
```dockerfile
FROM ruby:3.3-slim
RUN gem install bundler
```

## Use instead
```dockerfile
FROM ruby:3.3-slim
ARG BUNDLER_VERSION=2.5.11
RUN gem install bundler --version "$BUNDLER_VERSION" \
 && gem install nokogiri:1.16.5 -- --use-system-libraries
```

## How dockwise differs from hadolint
- The build options after ``--`` are not read as gems, and the value of ``-i``/``-n``/
  ``--source`` is not a gem.
- Each unpinned gem is reported at its own position; variables are resolved through ARG
  and ENV values.
"""

from __future__ import annotations

from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model
from dockwise.syntax.shell import describe


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation at each gem installed without a version."""
    for run, call, word, gem in model.package_words("gem", {"install"}):
        if call.has("-v", "--version", "-g", "--file"):
            continue
        if ":" not in gem and not gem.endswith(".gem"):
            yield Violation(word.span, f"{describe(word, gem)} is installed without a version; "
                            f"pin it: {gem}:<version>", run, fix=f"{gem}:<version>")


RULE = Rule(
    id="DL3028",
    name="gem-pin-version",
    severity=Severity.WARNING,
    summary="Pin versions in gem install (gem:version or -v version).",
    check=check,
    doc=__doc__ or "",
    tags=("reproducibility",),
)
