"""DL3026 ``untrusted-registry``: an image comes from a registry not in ``trusted-registries``.

## What it does
Only when ``trusted-registries`` (hadolint's ``trustedRegistries``) is configured: reports each
image a build pulls (the FROM base images, ``COPY --from=image`` and
``RUN --mount=from=image``) whose registry matches none of the patterns. A pattern is a host
(``registry.example.com:5000``), a glob (``*.example.com``) or ``*``. Docker Hub images
(``alpine``, ``library/alpine``) have the registry ``docker.io``, and ``docker.io``,
``index.docker.io``, ``registry-1.docker.io`` and ``hub.docker.com`` all name it. Earlier
stages, ``scratch`` and images whose registry depends on an unknown variable are not reported.
The finding is on the registry part of the reference (the whole reference for Docker Hub).

## Why is this bad?
An image from an unexpected registry has not been through the checks an organisation applies
to its mirror (vulnerability scans, signatures, licence review) and may disappear or change
owner. Pulling only from approved registries keeps the supply chain under control.

## Example
```dockerfile
FROM quay.io/prometheus/busybox:latest
```

## Use instead
```dockerfile
FROM registry.example.com/prometheus/busybox:1.36
```

## How dockwise differs from hadolint
Registries are found after resolving ARG defaults (``FROM ${REGISTRY}/app:1``); a registry that
depends on an unknown ARG is not guessed. Each alias of Docker Hub is recognised both in the
configuration and in image references, and the message lists the trusted registries.
"""

from __future__ import annotations

from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import ImageRef, Model
from dockwise.syntax import nodes as n

DOCKER_HUB = frozenset({"docker.io", "index.docker.io", "registry-1.docker.io", "hub.docker.com"})


def registry_of(ref: ImageRef) -> str | None:
    """The registry host of ``ref`` in lower case (``docker.io`` for Docker Hub), or ``None``
    when a variable the linter cannot resolve may change it."""
    if ref.registry is not None:
        return None if "$" in ref.registry else ref.registry.lower()
    if "$" in ref.repository.split("/", 1)[0]:
        return None  # the first component may expand to a registry
    return "docker.io"


def is_trusted(host: str, patterns: tuple[str, ...]) -> bool:
    """``True`` when ``host`` matches one of ``patterns`` (globs, case-insensitive); every
    Docker Hub alias matches every other."""
    import fnmatch

    hub = host in DOCKER_HUB
    for raw in patterns:
        pattern = raw.strip().lower()
        if fnmatch.fnmatchcase(host, pattern) or (hub and pattern in DOCKER_HUB):
            return True
    return False


def _registry_span(span: n.Span, written: str, ref: ImageRef) -> n.Span:
    """The part of ``span`` (holding ``written``) that spells the registry, when it is written
    literally on one line; else ``span``."""
    if ref.registry and written.startswith(ref.registry + "/") and \
            span.start_line == span.end_line and span.end_column - span.start_column == \
            len(written):
        return n.Span(span.start_line, span.start_column, span.start_line,
                      span.start_column + len(ref.registry))
    return span


def _images(model: Model) -> Iterator[tuple[ImageRef, n.Span, n.Instruction, str]]:
    """Every external image the build pulls: (reference, span, instruction, what)."""
    for stage in model.stages:
        image = stage.from_.image
        if stage.base is not None and image is not None and not stage.base.is_scratch:
            yield (stage.base, _registry_span(image.span, image.text, stage.base),
                   stage.from_, "base image")
    for instr, value, span in model.from_references():
        source = model.image_source(value, instr)
        if isinstance(source, ImageRef):
            what = "COPY --from image" if isinstance(instr, n.Copy) else "RUN --mount image"
            yield source, _registry_span(span, value, source), instr, what


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation per pulled image whose registry is not trusted (only when
    ``trusted-registries`` is configured)."""
    patterns = config.trusted_registries
    if not patterns:
        return
    allowed = ", ".join(patterns)
    for ref, span, instr, what in _images(model):
        host = registry_of(ref)
        if host is None or is_trusted(host, patterns):
            continue
        yield Violation(span, f"{what} '{ref.text}' comes from registry '{host}', which is not "
                        f"in trusted-registries ({allowed})", instr)


RULE = Rule(
    id="DL3026",
    name="untrusted-registry",
    severity=Severity.ERROR,
    summary="Use only images from the registries in trusted-registries.",
    check=check,
    doc=__doc__ or "",
    tags=("security",),
    example_config={"trusted_registries": ("registry.example.com",)},
    security_severity=6.0,
)
