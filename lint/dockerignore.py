"""``.dockerignore`` files as Docker reads and matches them.

Reading follows BuildKit's ignore-file reader (moby/patternmatcher ``ignorefile.ReadAll``): a
UTF-8 BOM is dropped, lines *starting* with ``#`` are comments, surrounding whitespace is
trimmed, each pattern is cleaned like Go's ``filepath.Clean`` and a leading ``/`` removed
(``!`` exceptions keep their ``!``).

Matching follows moby/patternmatcher's ``MatchesOrParentMatches``: a pattern is a Go
``filepath.Match`` pattern (``*`` and ``?`` never cross ``/``, ``[...]`` classes, ``\\`` escapes)
extended with ``**`` (any number of directories); it matches a path when it matches the path or
one of its parent directories; the last matching pattern wins, so ``!`` exceptions re-include.

The docker SDK carries the same matcher (``docker.utils.build.PatternMatcher``), but importing it
loads the whole SDK and ``requests``, 150-250 ms, on every lint of a project with a
``.dockerignore``; ``tests/test_dockerignore.py`` checks this module against the SDK's matcher.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_REGEX_SPECIAL = frozenset(".+()|{}$")


def go_clean(path: str) -> str:
    """Go's ``filepath.Clean`` for ``/``-separated paths (``""`` -> ``"."``, ``a//b/../c`` ->
    ``a/c``, ``//x`` -> ``/x``)."""
    if path == "":
        return "."
    rooted = path.startswith("/")
    parts: list[str] = []
    for segment in path.split("/"):
        if segment in ("", "."):
            continue
        if segment == "..":
            if parts and parts[-1] != "..":
                parts.pop()
            elif not rooted:
                parts.append("..")
            continue
        parts.append(segment)
    cleaned = "/".join(parts)
    if rooted:
        return "/" + cleaned
    return cleaned or "."


def read_patterns(text: str) -> list[str]:
    """The patterns of a ``.dockerignore`` text, in order, normalised as BuildKit does."""
    patterns = []
    for number, line in enumerate(text.splitlines()):
        if number == 0:
            line = line.removeprefix("\ufeff")
        if line.startswith("#"):
            continue
        pattern = line.strip()
        if not pattern:
            continue
        invert = pattern.startswith("!")
        if invert:
            pattern = pattern[1:].strip()
        if pattern:
            pattern = go_clean(pattern)
            if len(pattern) > 1 and pattern.startswith("/"):
                pattern = pattern[1:]
        patterns.append("!" + pattern if invert else pattern)
    return patterns


def _compile(pattern: str) -> re.Pattern[str] | None:
    """The regular expression moby/patternmatcher builds for a cleaned pattern, or ``None``
    for a pattern Go's ``filepath.Match`` rejects (such a pattern never matches here)."""
    out = ["^"]
    i = 0
    n = len(pattern)
    while i < n:
        ch = pattern[i]
        i += 1
        if ch == "*":
            if i < n and pattern[i] == "*":
                i += 1
                if i < n and pattern[i] == "/":
                    i += 1
                out.append(".*" if i >= n else "(.*/)?")
            else:
                out.append("[^/]*")
        elif ch == "?":
            out.append("[^/]")
        elif ch in _REGEX_SPECIAL:
            out.append("\\" + ch)
        elif ch == "\\":
            if i < n:
                out.append(re.escape(pattern[i]))
                i += 1
            else:
                out.append("\\\\")
        else:
            out.append(ch)  # as moby: other characters (``[``, ``]``, ``-``...) go in as they are
    out.append("$")
    try:
        return re.compile("".join(out), re.DOTALL)
    except re.error:
        return None


class DockerignoreMatcher:
    """Matches context paths against ``.dockerignore`` patterns.

    Args:
        patterns: patterns as :func:`read_patterns` returns them (``!`` for exceptions).
    """

    def __init__(self, patterns: Iterable[str]) -> None:
        self._patterns: list[tuple[bool, re.Pattern[str] | None]] = []
        for pattern in patterns:
            exclusion = pattern.startswith("!")
            body = pattern[1:] if exclusion else pattern
            if not body:
                continue
            self._patterns.append((exclusion, _compile(go_clean(body))))

    @property
    def has_exceptions(self) -> bool:
        """``True`` when some pattern is a ``!`` exception."""
        return any(exclusion for exclusion, _ in self._patterns)

    def matches(self, path: str) -> bool:
        """``True`` when ``path`` (relative to the context, ``/``-separated) is excluded."""
        path = go_clean(path.lstrip("/"))
        parent = path.rsplit("/", 1)[0] if "/" in path else "."
        parents = parent.split("/") if parent != "." else []
        matched = False
        for exclusion, regex in self._patterns:
            if exclusion != matched or regex is None:
                continue
            hit = regex.match(path) is not None
            if not hit:
                for depth in range(1, len(parents) + 1):
                    if regex.match("/".join(parents[:depth])):
                        hit = True
                        break
            if hit:
                matched = not exclusion
        return matched
