"""DW411 ``expose-invalid-format``: EXPOSE with an IP address or a host port.

## What it does
Reports EXPOSE ports written as ``host:container`` or ``ip:host:container``
(``EXPOSE 8080:80``, ``EXPOSE 127.0.0.1:80:80``), after expanding ARG and ENV values. This is
BuildKit's build check ``ExposeInvalidFormat``.

## Why is this bad?
EXPOSE only documents which ports the container listens on; it publishes nothing. The host
part is silently dropped (``8080:80`` exposes 80), so the line promises a mapping that never
happens. Publish ports with ``docker run -p`` or compose's ``ports:``. Docker has announced
that this form will become an error.

## Example
```dockerfile
FROM alpine:3.20
EXPOSE 8080:80
```

## Use instead
```dockerfile
FROM alpine:3.20
EXPOSE 80
```
"""

from __future__ import annotations

from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model
from dockwise.rules.dw410 import exposed_ports, split_port
from dockwise.syntax import nodes as n


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation at each EXPOSE port with a host address or host port."""
    for instr in model.instructions(n.Expose):
        assert isinstance(instr, n.Expose)
        for token, spec, _literal in exposed_ports(model, instr):
            split = split_port(spec)
            if split is None or not (split[0] or split[1]):
                continue
            container = spec.rsplit(":", 1)[1]
            yield Violation(token.span, f"EXPOSE {spec}: EXPOSE takes only the container port "
                            "(and protocol); the address and host port are ignored, publish "
                            "them with 'docker run -p'", instr, fix=f"EXPOSE {container}")


RULE = Rule(
    id="DW411",
    name="expose-invalid-format",
    severity=Severity.WARNING,
    summary="EXPOSE takes a container port, not ip:host:container.",
    check=check,
    doc=__doc__ or "",
    aliases=("ExposeInvalidFormat",),
    tags=("buildkit",),
)
