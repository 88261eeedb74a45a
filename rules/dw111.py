"""DW111 ``missing-ca-certificates``: a ``scratch`` image without CA certificates.

## What it does
Reports a final image built ``FROM scratch`` into which no COPY or ADD brings CA certificates
(a source or destination under ``/etc/ssl/certs``, or naming ``ca-certificates``/``ca-bundle``).

## Why is this bad?
``scratch`` is empty: without a certificate bundle every outgoing HTTPS/TLS connection fails
with "x509: certificate signed by unknown authority". The guide installs ``ca-certificates`` in
its alpine runtime for this reason; on scratch, copy the bundle from the builder.

## Example
```dockerfile
FROM golang:1.22 AS build
RUN CGO_ENABLED=0 go build -o /app .
FROM scratch
COPY --from=build /app /app
ENTRYPOINT ["/app"]
```

## Use instead
```dockerfile
FROM golang:1.22 AS build
RUN CGO_ENABLED=0 go build -o /app .
FROM scratch
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
COPY --from=build /app /app
ENTRYPOINT ["/app"]
```
"""

from __future__ import annotations

from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model
from dockwise.syntax import nodes as n

_MARKERS = ("/etc/ssl/certs", "ca-certificates", "ca-bundle", "cacert", "/etc/pki/tls")


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield one violation at ``FROM scratch`` when no CA bundle is copied in."""
    final = model.final_stage
    if final is None:
        return
    chain = final.lineage
    root = chain[-1]
    if root.base is None or not root.base.is_scratch or root.from_.image is None:
        return
    for s in chain:
        for instr in s.instructions:
            if isinstance(instr, n.FileTransfer) and any(
                    m in p.text.lower() for p in instr.paths for m in _MARKERS):
                return
    yield Violation(root.from_.image.span, "the image is FROM scratch and no CA certificates "
                    "are copied in; TLS connections will fail", root.from_,
                    fix="COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/")


RULE = Rule(
    id="DW111",
    name="missing-ca-certificates",
    severity=Severity.INFO,
    summary="A scratch image needs CA certificates copied in for TLS.",
    check=check,
    doc=__doc__ or "",
    tags=("go", "guide"),
)
