r"""DL3009 ``apt-lists-not-removed``: delete the apt package lists in the RUN that downloads them.

## What it does
Reports ``apt-get update`` (or ``apt update``, or ``add-apt-repository``, which updates
too) when the same RUN does not delete ``/var/lib/apt/lists`` afterwards
(``rm -rf /var/lib/apt/lists/*``, or ``apt-get dist-clean`` with apt 2.7 and later), unless
the directory is a cache or tmpfs mount of the RUN
(``--mount=type=cache,target=/var/lib/apt/lists``). Only stages whose layers end up in an
image are checked: the last stage, any other stage nothing else builds on or copies from,
and the stages they are built ``FROM``. A builder stage whose files are only copied out
keeps its lists to itself.

## Why is this bad?
``apt-get update`` downloads the index of every configured repository, megabytes that no
program in the image reads. Deleted in a later RUN they still sit in the earlier layer, so
the removal has to happen in the same RUN.

## Example
```dockerfile
FROM debian:12
RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5
```

## Use instead
```dockerfile
FROM debian:12
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5 \
 && rm -rf /var/lib/apt/lists/*
```

## How dockwise differs from hadolint
- A stage counts when its layers reach an image, following ``FROM`` chains; hadolint only
  looks at the last stage and stages named in a later ``FROM``, so in a Dockerfile with
  several targets the earlier targets are never checked (hadolint#969).
- The finding is at the ``apt-get update`` words, and a removal that comes *before* the
  update in the RUN does not count.
- ``apt-get dist-clean`` (apt 2.7.8 and later, as used by Docker's official Debian-based
  images) counts as deleting the lists; hadolint reports those RUNs.
- ``apt update`` and ``add-apt-repository`` are checked too (hadolint#1073).
- Any ``rm`` that deletes the lists counts (``rm -fr /var/lib/apt/lists``,
  ``rm -rf /var/lib/apt/*``), not only the exact words ``rm -rf /var/lib/apt/lists/*``.
"""

from __future__ import annotations

from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model
from dockwise.syntax.shell import cleaned_after, package_calls

LISTS = "/var/lib/apt/lists"


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation per list update not followed by deleting the lists."""
    for _stage, run in model.image_runs():
        if model.cache_mounted(run, LISTS):
            continue
        for script in model.scripts(run):
            updates = [(c.command, c.head_span, c.head)
                       for c in package_calls(script, "apt", {"update"})]
            if "add-apt-repository" in script.text:  # (skips the command scan otherwise)
                updates.extend((cmd, cmd.argv[0].span, "add-apt-repository")
                               for cmd in script.named("add-apt-repository")
                               if not any(w.text in ("-n", "--no-update") for w in cmd.args))
            updates.sort(key=lambda u: u[0].index)
            cleans = [c.command.index for c in package_calls(script, "apt", {"dist-clean"})]
            for cmd, span, what in updates:
                if not cleaned_after(script, cmd.index, cleans, (LISTS,)):
                    yield Violation(span, f"'{what}' leaves the package lists in this layer; "
                                    f"delete {LISTS}/* later in the same RUN", run,
                                    fix=f"&& rm -rf {LISTS}/*")


RULE = Rule(
    id="DL3009",
    name="apt-lists-not-removed",
    severity=Severity.INFO,
    summary="Delete /var/lib/apt/lists in the RUN that runs apt-get update.",
    check=check,
    doc=__doc__ or "",
    tags=("size",),
)
