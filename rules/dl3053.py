"""DL3053 ``label-not-rfc3339``: a label the schema types ``rfc3339`` is not an RFC 3339 time.

## What it does
For each key that ``label-schema`` gives the format ``rfc3339``, checks the LABEL value, after
ARG/ENV expansion, is an RFC 3339 date-time: ``2024-05-01T12:30:00Z`` or with fractional seconds
and a numeric offset (``2024-05-01T12:30:00.5+02:00``), a real calendar date and time of day.
The finding is on the value.

## Why is this bad?
``org.opencontainers.image.created`` and similar labels are read by tools that sort and compare
images by date. A date without a time or zone (``2024-05-01``), or a local format
(``01/05/2024``), cannot be compared reliably.

## Example
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.created="2024-05-01 12:30"
```

## Use instead
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.created="2024-05-01T12:30:00Z"
```

## How dockwise differs from hadolint
The value is checked after variable expansion (``ARG BUILD_DATE=...``); values that depend on an
unknown variable are not judged, and an empty value is reported once, by DL3051.
"""

from __future__ import annotations

from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model
from dockwise.rules._labels import format_violations, lazy_pattern

# RFC 3339 section 5.6; "T" and "Z" may be lower case (section 5.6, note).
_rfc3339_re = lazy_pattern(
    r"(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|[+-](\d{2}):(\d{2}))")


def is_rfc3339(value: str) -> bool:
    """``True`` for an RFC 3339 date-time with a valid date, time (leap second allowed) and
    offset."""
    import datetime

    m = _rfc3339_re().fullmatch(value)
    if m is None:
        return False
    year, month, day, hour, minute, second = (int(g) for g in m.groups()[:6])
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    offset_ok = m.group(7) is None or (int(m.group(7)) <= 23 and int(m.group(8)) <= 59)
    return hour <= 23 and minute <= 59 and second <= 60 and offset_ok


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation at each ``rfc3339`` label whose known value is not a date-time."""
    yield from format_violations(model, config, "rfc3339", is_rfc3339,
                                 "an RFC 3339 date-time such as 2024-05-01T12:30:00Z")


RULE = Rule(
    id="DL3053",
    name="label-not-rfc3339",
    severity=Severity.WARNING,
    summary="A label the label schema types 'rfc3339' is not an RFC 3339 date-time.",
    check=check,
    doc=__doc__ or "",
    tags=("labels",),
    example_config={"label_schema": {"org.opencontainers.image.created": "rfc3339"}},
)
