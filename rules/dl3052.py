"""DL3052 ``label-not-url``: a label the schema types ``url`` is not a valid URL.

## What it does
For each key that ``label-schema`` gives the format ``url``, checks the LABEL value, after
ARG/ENV expansion, against the URI syntax of RFC 3986: a scheme (``https:``), then only the
characters a URI may hold, with ``%`` escapes well formed. The finding is on the value.

## Why is this bad?
Tools follow these labels (``org.opencontainers.image.source``, ``.url``,
``.documentation``) to the project's pages. A value without a scheme (``example.com/docs``),
with spaces or with a broken escape leads nowhere.

## Example
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.documentation="example.com/docs"
```

## Use instead
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.documentation="https://example.com/docs"
```

## How dockwise differs from hadolint
The value is checked after variable expansion (``ARG REPO_URL=...``); values that depend on
an unknown variable are not judged, and an empty value is reported once, by DL3051.
"""

from __future__ import annotations

from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model
from dockwise.rules._labels import format_violations, lazy_pattern

# RFC 3986 section 3: URI = scheme ":" hier-part [ "?" query ] [ "#" fragment ]
_PCT = r"%[0-9A-Fa-f]{2}"
_SUB = r"!$&'()*+,;="
_PCHAR = rf"(?:[A-Za-z0-9\-._~{_SUB}:@]|{_PCT})"
_HOST = (rf"(?:\[(?:[0-9A-Fa-f:.]+|[vV][0-9A-Fa-f]+\.[A-Za-z0-9\-._~{_SUB}:]+)\]"
         rf"|(?:[A-Za-z0-9\-._~{_SUB}]|{_PCT})*)")
_USERINFO = rf"(?:[A-Za-z0-9\-._~{_SUB}:]|{_PCT})*"
_uri_re = lazy_pattern(
    rf"[A-Za-z][A-Za-z0-9+.\-]*:"
    rf"(?://(?:{_USERINFO}@)?{_HOST}(?::[0-9]*)?(?:/{_PCHAR}*)*"
    rf"|/?(?:{_PCHAR}+(?:/{_PCHAR}*)*)?)"
    rf"(?:\?(?:{_PCHAR}|[/?])*)?(?:\#(?:{_PCHAR}|[/?])*)?")


def is_uri(value: str) -> bool:
    """``True`` when ``value`` is an absolute URI by RFC 3986 (scheme required)."""
    return _uri_re().fullmatch(value) is not None


def _hint(value: str) -> str:
    if ":" not in value:
        return "; it needs a scheme such as 'https://'"
    if any(c.isspace() for c in value):
        return "; spaces must be written as %20"
    return ""


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation at each ``url`` label whose known value is not a URI."""
    yield from format_violations(model, config, "url", is_uri, "a valid URL", _hint)


RULE = Rule(
    id="DL3052",
    name="label-not-url",
    severity=Severity.WARNING,
    summary="A label the label schema types 'url' is not a valid URL.",
    check=check,
    doc=__doc__ or "",
    tags=("labels",),
    example_config={"label_schema": {"org.opencontainers.image.documentation": "url"}},
)
