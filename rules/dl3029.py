"""DL3029 ``from-platform-flag-const-disallowed``: FROM ``--platform`` with a constant value.

## What it does
Reports ``FROM --platform=linux/amd64 ...`` and other ``--platform`` values that use no
variable, as BuildKit's build check ``FromPlatformFlagConstDisallowed`` does (both names refer to
this rule). Not reported, as in BuildKit: a value with any ``$`` variable
(``$BUILDPLATFORM``, ``linux/${TARGETARCH}``), a value that is not a platform at all (BuildKit
fails on it anyway), and a stage whose name contains the platform's OS or architecture
(``AS build-arm64``), the documented way to write one stage per platform.

## Why is this bad?
A constant platform pins the stage to one architecture: ``docker buildx build --platform
linux/arm64`` still runs it as amd64 (emulated, slowly) and the image built for arm64 contains
amd64 binaries. ``--platform=$BUILDPLATFORM`` (build on the native platform, cross-compile for
``$TARGETPLATFORM``) or no flag at all keeps multi-platform builds correct.

## Example
```dockerfile
FROM --platform=linux/amd64 golang:1.22 AS build
RUN go build -o /app .
```

## Use instead
```dockerfile
FROM --platform=$BUILDPLATFORM golang:1.22 AS build
ARG TARGETOS TARGETARCH
RUN GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /app .
```

## How dockwise differs from hadolint
hadolint reports every constant ``--platform``, including stages named after their platform
(``FROM --platform=linux/arm64 alpine AS build_arm64``) that BuildKit's documentation gives as
the right pattern; dockwise follows BuildKit and leaves those alone.
"""

from __future__ import annotations

import string
from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model

_COMPONENT_CHARS = frozenset(string.ascii_letters + string.digits + "_.-")
# containerd's platforms.Parse: known operating systems and architecture aliases.
_KNOWN_OS = frozenset({
    "aix", "android", "darwin", "dragonfly", "freebsd", "hurd", "illumos", "ios", "js",
    "linux", "nacl", "netbsd", "openbsd", "plan9", "solaris", "wasip1", "windows", "zos",
})
_ARCH_ALIASES = {
    "i386": "386", "i486": "386", "i586": "386", "i686": "386",
    "x86_64": "amd64", "x86-64": "amd64", "aarch64": "arm64", "armhf": "arm", "armel": "arm",
}
_KNOWN_ARCH = frozenset({
    "386", "amd64", "amd64p32", "arm", "armbe", "arm64", "arm64be", "loong64", "mips",
    "mipsle", "mips64", "mips64le", "mips64p32", "mips64p32le", "ppc", "ppc64", "ppc64le",
    "riscv", "riscv64", "s390", "s390x", "sparc", "sparc64", "wasm",
})


def parse_platform(spec: str) -> tuple[str, str] | None:
    """``(os, architecture)`` of a platform specifier (``linux/amd64``, ``arm64``,
    ``linux/arm/v7``), normalized as containerd's ``platforms.Parse`` does (``x86_64`` ->
    ``amd64``, ``macos`` -> ``darwin``); ``None`` when containerd would reject it. A lone OS
    gets ``amd64``, a lone architecture ``linux``."""
    spec = spec.split("(", 1)[0]  # an "(osversion)" suffix
    parts = spec.lower().split("/")
    if not 1 <= len(parts) <= 3 or not all(p and _COMPONENT_CHARS.issuperset(p) for p in parts):
        return None
    os_name = "darwin" if parts[0] == "macos" else parts[0]
    if len(parts) == 1:
        if os_name in _KNOWN_OS:
            return os_name, "amd64"
        arch = _ARCH_ALIASES.get(parts[0], parts[0])
        return ("linux", arch) if arch in _KNOWN_ARCH else None
    return os_name, _ARCH_ALIASES.get(parts[1], parts[1])


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation at each constant FROM ``--platform`` value."""
    for stage in model.stages:
        flag = stage.from_.flag("platform")
        if flag is None or not flag.value or "$" in flag.value:
            continue
        platform = parse_platform(flag.value)
        if platform is None:
            continue
        name = stage.name or ""
        if platform[0] in name or platform[1] in name:
            continue
        yield Violation(flag.value_span or flag.span,
                        f"--platform={flag.value} pins this stage to one platform, so a "
                        "multi-platform build runs it (emulated) for every target; use "
                        "$BUILDPLATFORM, or name the stage after the platform", stage.from_,
                        fix="--platform=$BUILDPLATFORM")


RULE = Rule(
    id="DL3029",
    name="from-platform-flag-const-disallowed",
    severity=Severity.WARNING,
    summary="Do not pin FROM --platform to a constant; use $BUILDPLATFORM or omit it.",
    check=check,
    doc=__doc__ or "",
    aliases=("FromPlatformFlagConstDisallowed",),
    tags=("buildkit",),
)
