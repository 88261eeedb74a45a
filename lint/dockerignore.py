"""``.dockerignore`` files as Docker reads and matches them.

Reading follows BuildKit's ignore-file reader (moby/patternmatcher ``ignorefile.ReadAll``): a
UTF-8 BOM is dropped, lines *starting* with ``#`` are comments, surrounding whitespace is
trimmed, each pattern is cleaned like Go's ``filepath.Clean`` and a leading ``/`` removed
(``!`` exceptions keep their ``!``).

Matching follows moby/patternmatcher's ``MatchesOrParentMatches``: a pattern is a Go
``filepath.Match`` pattern (``*`` and ``?`` never cross ``/``, ``[...]`` classes, ``\\`` escapes)
extended with ``**`` (any number of directories); it matches a path when it matches the path or
one of its parent directories; the last matching pattern wins, so ``!`` exceptions re-include.
moby compiles patterns to Go regular expressions, which run in linear time; here they compile to
:class:`dockwise.wildcard.Pattern` for the same reason (a Python regex would backtrack
exponentially on a line such as ``*a*a*a*a*a*b``).

The docker SDK carries the same matcher (``docker.utils.build.PatternMatcher``), but importing it
loads the whole SDK and ``requests``, 150-250 ms, on every lint of a project with a
``.dockerignore``; ``tests/test_dockerignore.py`` checks this module against the SDK's matcher.
"""

from __future__ import annotations

from collections.abc import Iterable

from dockwise.wildcard import ANY, NOT_SLASH, Pattern, char_class


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


def _compile(pattern: str) -> Pattern | None:
    """The matcher moby/patternmatcher builds for a cleaned pattern (as a linear-time
    :class:`~dockwise.wildcard.Pattern`, not a backtracking regex), or ``None`` for a pattern
    that is malformed (such a pattern never matches here)."""
    compiled = Pattern()
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
                if i >= n:
                    compiled.star(ANY)          # "**" at the end: anything
                else:
                    compiled.optional_dirs()    # "**/": any number of directories
            else:
                compiled.star(NOT_SLASH)        # "*": within one path component
        elif ch == "?":
            compiled.char(NOT_SLASH)
        elif ch == "\\":
            if i < n:
                compiled.literal(pattern[i])
                i += 1
            else:
                compiled.literal("\\")
        elif ch == "[":
            close = pattern.find("]", i + 1 if pattern[i:i + 1] in ("]", "^") else i)
            test = char_class(pattern[i:close]) if close >= 0 else None
            if test is None:
                return None
            compiled.char(test)
            i = close + 1
        elif ch == "]":
            return None
        else:
            compiled.literal(ch)
    return compiled


class DockerignoreMatcher:
    """Matches context paths against ``.dockerignore`` patterns.

    Args:
        patterns: patterns as :func:`read_patterns` returns them (``!`` for exceptions).
    """

    def __init__(self, patterns: Iterable[str]) -> None:
        self._patterns: list[tuple[bool, Pattern | None]] = []
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
            hit = regex.fullmatch(path)
            if not hit:
                for depth in range(1, len(parents) + 1):
                    if regex.fullmatch("/".join(parents[:depth])):
                        hit = True
                        break
            if hit:
                matched = not exclusion
        return matched
