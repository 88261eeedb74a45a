"""DL3058 ``label-not-email``: a label the schema types ``email`` is not an email address.

## What it does
For each key that ``label-schema`` gives the format ``email``, checks the LABEL value, after
ARG/ENV expansion, is an RFC 5322 mailbox: an address ``local@domain`` (a dot-atom or quoted
local part; a dot-atom or ``[literal]`` domain; UTF-8 allowed as in RFC 6532), or a display
name followed by the address in angle brackets (``Jane Doe <jane@example.com>``), with optional
comments in parentheses (``Jane <jane@example.com> (@jane)``). The finding is on the value.

## Why is this bad?
A maintainer or contact label is there so that someone can write to the image's owners. A
name alone, a URL or a broken address (``jane@``) leaves them unreachable.

## Example
```dockerfile
FROM alpine:3.20
LABEL maintainer="Platform team"
```

## Use instead
```dockerfile
FROM alpine:3.20
LABEL maintainer="Platform team <platform@example.com>"
```

## How dockwise differs from hadolint
hadolint accepts only a bare address; the common ``Name <address>`` form, which RFC 5322 also
defines as a mailbox, is accepted too. The value is checked after variable expansion; values
that depend on an unknown variable are not judged, and an empty value is reported once, by
DL3051.
"""

from __future__ import annotations

from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model
from dockwise.rules._labels import format_violations, lazy_pattern

# RFC 5322 section 3.2.3 atext (plus UTF-8, RFC 6532), 3.2.4 quoted-string, 3.4.1 addr-spec.
_ATEXT = "A-Za-z0-9!#$%&'*+/=?^_`{|}~\\-\u0080-\U0010ffff"
_DOT_ATOM = rf"[{_ATEXT}]+(?:\.[{_ATEXT}]+)*"
_QUOTED = r'"(?:[^"\\\r\n]|\\.)*"'
_ADDR = rf"(?:{_DOT_ATOM}|{_QUOTED})@(?:{_DOT_ATOM}|\[[^\[\]\\\s]*\])"
_COMMENTS = r"(?:\s*\([^()]*\))*\s*"  # RFC 5322 3.2.2 comments (CFWS), not nested
# compiled on first use: its Unicode classes take tens of milliseconds to compile
_mailbox_re = lazy_pattern(
    rf"{_COMMENTS}(?:{_ADDR}|(?:(?:[{_ATEXT}.\s]|{_QUOTED})*)<{_ADDR}>){_COMMENTS}")


def is_mailbox(value: str) -> bool:
    """``True`` for an RFC 5322 address or ``display name <address>``, optionally with
    comments."""
    return _mailbox_re().fullmatch(value) is not None


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation at each ``email`` label whose known value is not an address."""
    yield from format_violations(model, config, "email", is_mailbox,
                                 "an email address such as 'Jane <jane@example.com>'")


RULE = Rule(
    id="DL3058",
    name="label-not-email",
    severity=Severity.WARNING,
    summary="A label the label schema types 'email' is not an email address.",
    check=check,
    doc=__doc__ or "",
    tags=("labels",),
    example_config={"label_schema": {"maintainer": "email"}},
)
