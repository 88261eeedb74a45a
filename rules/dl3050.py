"""DL3050 ``superfluous-label``: with ``strict-labels``, a label the schema does not list.

## What it does
When ``strict-labels`` is on, reports every LABEL key (ONBUILD triggers included) that is not
in ``label-schema``; with no schema at all, every label is reported. The finding is on the key.
Keys that depend on an unknown variable are not judged.

## Why is this bad?
Some organisations allow only an agreed set of labels: extra ones can leak information (host
names, internal URLs), confuse tools that parse labels, or break a standard the images must
follow.

## Example
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.version="1.4.0" build-host="ci-runner-7"
```

## Use instead
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.version="1.4.0"
```
"""

from __future__ import annotations

from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation at each label key outside the schema when strict labels are on."""
    if not config.strict_labels:
        return
    allowed = config.label_schema
    for lp in model.labels():
        if lp.key_known and lp.key not in allowed:
            reason = "is not in the label schema" if allowed else \
                "is set while strict-labels allows no label (the label schema is empty)"
            yield Violation(lp.pair.key.span, f"label '{lp.key}' {reason}", lp.instruction)


RULE = Rule(
    id="DL3050",
    name="superfluous-label",
    severity=Severity.INFO,
    summary="With strict-labels, only labels in the label schema are allowed.",
    check=check,
    doc=__doc__ or "",
    tags=("labels",),
    example_config={"label_schema": {"org.opencontainers.image.version": "semver"},
                    "strict_labels": True},
)
