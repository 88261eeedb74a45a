"""DW410 ``expose-proto-casing``: an EXPOSE protocol is not lower case.

## What it does
Reports ``EXPOSE 80/TCP`` and other ports whose protocol (``tcp``, ``udp``, ``sctp``) has
upper-case letters, after expanding ARG and ENV values. An unknown protocol is a build error,
not this check. This is BuildKit's build check ``ExposeProtoCasing``.

## Why is this bad?
Docker lowercases the protocol, so ``80/TCP`` works, but the image config then says ``80/tcp``;
writing it that way keeps the Dockerfile, ``docker inspect`` and compose files in agreement.

## Example
```dockerfile
FROM alpine:3.20
EXPOSE 8080/TCP
```

## Use instead
```dockerfile
FROM alpine:3.20
EXPOSE 8080/tcp
```
"""

from __future__ import annotations

from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model
from dockwise.syntax import nodes as n

_PROTOCOLS = frozenset({"tcp", "udp", "sctp"})


def exposed_ports(model: Model, instr: n.Expose) -> Iterator[tuple[n.Token, str, bool]]:
    """``(token, port spec, literal)`` for each port an EXPOSE names after BuildKit's word
    expansion; ``literal`` is ``True`` when the spec is the token's own text, so offsets into
    it are offsets into the token. Specs whose value the linter cannot know are skipped."""
    for token in instr.ports:
        if "$" not in token.text and not any(q in token.text for q in "'\"\\"):
            yield token, token.text, True
            continue
        exp = model.expand(token.text, instr)
        if exp.known and not exp.error:
            for word in exp.words:
                yield token, word, False


def split_port(spec: str) -> tuple[str, str, str, str] | None:
    """``(ip, host port, container port, protocol)`` of an EXPOSE spec, split as BuildKit's
    ``parsePort`` does (``[ip:]host:container[/proto]``; more colons belong to the IP); the
    protocol is ``""`` when absent. ``None`` when BuildKit rejects the spec before its checks
    run (no container port, a protocol other than tcp, udp or sctp)."""
    parts = spec.split(":")
    if len(parts) == 1:
        ip, host, container = "", "", parts[0]
    elif len(parts) == 2:
        ip, host, container = "", parts[0], parts[1]
    else:
        ip, host, container = ":".join(parts[:-2]), parts[-2], parts[-1]
    port, _, proto = container.partition("/")
    if not port or (proto and proto.lower() not in _PROTOCOLS):
        return None
    return ip, host, port, proto


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation at each upper-case EXPOSE protocol."""
    for instr in model.instructions(n.Expose):
        assert isinstance(instr, n.Expose)
        for token, spec, literal in exposed_ports(model, instr):
            split = split_port(spec)
            if split is None or split[3] == split[3].lower():
                continue
            proto = split[3]
            span = token.span
            if literal:
                start = token.offset + len(spec) - len(proto)
                span = instr.span_of(start, start + len(proto))
            yield Violation(span, f"protocol '{proto}' in EXPOSE {spec} should be lower case",
                            instr, fix=spec[:len(spec) - len(proto)] + proto.lower())


RULE = Rule(
    id="DW410",
    name="expose-proto-casing",
    severity=Severity.STYLE,
    summary="Write EXPOSE protocols in lower case (80/tcp).",
    check=check,
    doc=__doc__ or "",
    aliases=("ExposeProtoCasing",),
    tags=("buildkit",),
)
