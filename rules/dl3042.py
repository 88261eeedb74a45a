"""DL3042 ``pip-no-cache-dir``: install with ``pip install --no-cache-dir``.

## What it does
Reports ``pip install`` (also ``pip3``, ``python3 -m pip``) that keeps pip's download and
wheel cache in the layer. Accepted:

- ``--no-cache-dir`` (or an abbreviation pip accepts, such as ``--no-cache``);
- ``PIP_NO_CACHE_DIR`` set in an ENV or ARG, as a prefix (``PIP_NO_CACHE_DIR=1 pip ...``) or
  exported earlier in the RUN, to any value pip accepts: pip turns the cache off for
  ``0``/``false`` as well as for ``1``/``true``;
- a cache or tmpfs mount of the RUN on pip's cache (``target=/root/.cache/pip``, a
  ``.cache`` directory, ``$PIP_CACHE_DIR`` or the ``--cache-dir`` value);
- ``pip cache purge`` or deleting the cache (``rm -rf /root/.cache/pip``) later in the RUN.

Only stages whose layers end up in an image are checked (see DL3009). ``pipx`` and
``pipenv`` are other programs and are not checked.

## Why is this bad?
pip stores every wheel it downloads or builds under ``~/.cache/pip``. Nothing in the image
reads it again, and it often weighs as much as the installed packages.

## Example
```dockerfile
FROM python:3.12-slim
RUN pip install flask==3.0.3
```

## Use instead
```dockerfile
FROM python:3.12-slim
ENV PIP_NO_CACHE_DIR=1
RUN pip install flask==3.0.3
RUN --mount=type=cache,target=/root/.cache/pip python3 -m pip install gunicorn==22.0.0
RUN pip3 install --no-cache-dir requests==2.32.3
```

## How dockwise differs from hadolint
- A cache mount on pip's cache counts (hadolint#983), and so does removing the cache later
  in the RUN.
- ``PIP_NO_CACHE_DIR`` is read as pip reads it: any boolean value turns the cache off, and
  an ARG, a command prefix or an ``export`` counts as well as an ENV (hadolint#585).
- Builder stages whose files are only copied out are not checked.
"""

from __future__ import annotations

from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model
from dockwise.syntax import nodes as n
from dockwise.syntax.shell import PackageCall, Script, package_calls

#: pip's cache below a home directory, as a suffix (``/root/.cache`` covers it too).
CACHES = ("/.cache/pip/",)
_NO_CACHE = "--no-cache-dir"


def _cache_off(model: Model, run: n.Run, script: Script, call: PackageCall) -> bool:
    """``--no-cache-dir`` or ``PIP_NO_CACHE_DIR`` in effect for this call."""
    if any(o.name.startswith("--no-cache") and _NO_CACHE.startswith(o.name)
           for o in call.invocation.options):
        return True
    if any(a.name == "PIP_NO_CACHE_DIR" for a in call.command.assignments):
        return True
    for earlier in script.commands[:call.command.index]:
        if earlier.declaration == "export" and \
                any(a.name == "PIP_NO_CACHE_DIR" for a in earlier.assignments):
            return True
    return "PIP_NO_CACHE_DIR" in model.state(run).variables


def _caches(model: Model, run: n.Run, call: PackageCall) -> list[str]:
    configured = (model.state(run).env_value("PIP_CACHE_DIR"), call.value("--cache-dir"))
    return [*CACHES, *filter(None, configured)]


def _purges(script: Script) -> list[int]:
    return [c.command.index for c in package_calls(script, "pip", {"cache"})
            if c.packages and c.packages[0].text in ("purge", "remove")]


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation at each ``pip install`` that keeps pip's cache in the image."""
    for run, _script, call in model.calls_leaving_cache(
            "pip", {"install"}, lambda r, c: _caches(model, r, c), _purges,
            lambda r, s, c: _cache_off(model, r, s, c)):
        yield Violation(call.head_span, f"'{call.head}' keeps the downloaded packages in pip's "
                        "cache in this layer; add --no-cache-dir", run,
                        fix=f"{call.head} --no-cache-dir")


RULE = Rule(
    id="DL3042",
    name="pip-no-cache-dir",
    severity=Severity.WARNING,
    summary="Use 'pip install --no-cache-dir' so pip's cache does not stay in the image.",
    check=check,
    doc=__doc__ or "",
    tags=("size",),
)
