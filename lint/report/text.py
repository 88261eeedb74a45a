"""Plain text: one finding a line, ``path:line:col: ID severity: message (name)``.

The shape compilers and editors (and ``grep``) understand; used when output is not a terminal.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dockwise.engine import FileResult
    from dockwise.findings import Finding
    from dockwise.report import ReportOptions


# C0 controls but TAB, DEL and C1 controls, and the bidirectional overrides and isolates that
# can make text display in another order than it is ("Trojan Source", CVE-2021-42574)
_UNPRINTABLE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
                          "\udc80-\udcff]")
_NAMED = {"\n": "\\n", "\r": "\\r"}


def printable(text: str, keep: str = "") -> str:
    """``text`` safe to write to a terminal on one line: line breaks, escape sequences and other
    control characters, and bidirectional overrides become visible escapes (``\\n``,
    ``\\x1b``, ``\\u202e``), except the characters in ``keep``; so do the undecodable
    bytes of a file name that is not UTF-8 (``\\xff``: raw, a byte such as 0x9b starts an
    escape sequence on some terminals). A Dockerfile can hold any of them, and messages
    quote it."""
    def visible(m: re.Match[str]) -> str:
        c = m.group(0)
        if c in keep:
            return c
        if "\udc80" <= c <= "\udcff":  # a byte of a file name that is not UTF-8
            return f"\\x{ord(c) - 0xDC00:02x}"
        return _NAMED.get(c) or ascii(c)[1:-1]

    return _UNPRINTABLE.sub(visible, text)


def source_lines(text: str) -> list[str]:
    """The lines of a Dockerfile as its parser numbers them: split at LF only (a CR before it
    dropped), unlike :meth:`str.splitlines`, which also splits at form feeds and other
    separators BuildKit keeps inside a line."""
    return [line[:-1] if line.endswith("\r") else line for line in text.split("\n")]


def text_line(f: Finding) -> str:
    """``path:line:col: ID severity: message (name)`` for one finding, on one line."""
    return printable(f"{f.path}:{f.line}:{f.column}: {f.rule_id} {f.severity.label}: "
                     f"{f.message} ({f.rule_name})")


def render(results: Sequence[FileResult], options: ReportOptions) -> str:
    """One line per finding, files in the given order, findings by position."""
    lines = [text_line(f) for result in results for f in result.findings]
    return "\n".join(lines) + ("\n" if lines else "")
