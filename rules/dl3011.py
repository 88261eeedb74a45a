"""DL3011 ``expose-port-range``: an EXPOSE port outside 0-65535.

## What it does
Reports an EXPOSE port number above 65535, in every form EXPOSE takes: ``8080``,
``8080/tcp``, ``53/udp``, a range ``8000-8010`` (either end), and values from ARG or ENV
(``EXPOSE ${PORT}``), resolved as BuildKit resolves them. A value that depends on an unknown
variable is not reported. The finding is on the offending number when it is written literally,
else on the whole port word. Ports that are not numbers at all are BuildKit's
``ExposeInvalidFormat``, reported by that rule.

## Why is this bad?
TCP and UDP ports are 16-bit numbers: 65535 is the largest. A larger number is a typo, and
Docker refuses it when the image is run or the port published.

## Example
```dockerfile
FROM alpine:3.20
EXPOSE 80800
```

## Use instead
```dockerfile
FROM alpine:3.20
EXPOSE 8080
```

## How dockwise differs from hadolint
hadolint cannot see ports given through variables; dockwise resolves ARG and ENV values.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model
from dockwise.syntax import nodes as n

MAX_PORT = 65535
#: ``port``, ``low-high``, optionally ``/proto``.
_PORT_RE = re.compile(r"(\d+)(?:-(\d+))?(?:/[A-Za-z]+)?")


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation per EXPOSE port number above 65535."""
    for instr in model.instructions(n.Expose):
        assert isinstance(instr, n.Expose)
        for tok in instr.ports:
            exp = model.expand(tok.text, instr)
            if not exp.known:
                continue
            literal = exp.text == tok.text
            offset = 0
            for part in exp.text.split():
                start = exp.text.index(part, offset)
                offset = start + len(part)
                m = _PORT_RE.fullmatch(part)
                if m is None:
                    continue  # not a port at all: ExposeInvalidFormat
                for group in (1, 2):
                    number = m.group(group)
                    if number is None or int(number) <= MAX_PORT:
                        continue
                    span = instr.span_of(tok.offset + start + m.start(group),
                                         tok.offset + start + m.end(group)) \
                        if literal else tok.span
                    yield Violation(span, f"port {number} is out of range: ports go from 0 "
                                    f"to {MAX_PORT}", instr)


RULE = Rule(
    id="DL3011",
    name="expose-port-range",
    severity=Severity.ERROR,
    summary="EXPOSE ports must be between 0 and 65535.",
    check=check,
    doc=__doc__ or "",
)
