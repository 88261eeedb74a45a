"""Wildcard patterns matched in linear time.

BuildKit matches ``${VAR#pattern}``-style shell patterns and ``.dockerignore`` patterns with Go
regular expressions, whose engine (RE2) never backtracks. Python's ``re`` backtracks, so a
pattern such as ``*a*a*a*a*a*a*b`` against a long run of ``a`` takes exponential time: a
three-line Dockerfile could hang the linter. This module compiles the few constructs those
patterns use into a small Thompson NFA and simulates it, in O(len(text) x len(pattern)) time.

Constructs (see :class:`Pattern`): a single character (a literal, ``?``, or a ``[...]`` class),
``*`` over characters a predicate accepts, and an optional group ``(X*/)?`` used by
``.dockerignore``'s ``**/``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

CharTest = Callable[[str], bool]


def _any(_: str) -> bool:
    return True


def _not_slash(ch: str) -> bool:
    return ch != "/"


ANY: CharTest = _any
NOT_SLASH: CharTest = _not_slash


class Pattern:
    """A compiled wildcard pattern.

    Build one with :meth:`char`, :meth:`star` and :meth:`optional_dirs` calls, in order, then
    call :meth:`prefix_ends`, :meth:`fullmatch` or :meth:`search`.
    """

    __slots__ = ("_alt", "_kind", "_next", "_test")

    # state kinds
    _CHAR, _STAR, _SPLIT, _MATCH = range(4)

    def __init__(self) -> None:
        self._kind: list[int] = []
        self._test: list[CharTest | None] = []
        self._next: list[int] = []
        self._alt: list[int] = []

    def _add(self, kind: int, test: CharTest | None, nxt: int, alt: int = -1) -> int:
        self._kind.append(kind)
        self._test.append(test)
        self._next.append(nxt)
        self._alt.append(alt)
        return len(self._kind) - 1

    def char(self, test: CharTest) -> Pattern:
        """One character ``test`` accepts."""
        self._add(self._CHAR, test, len(self._kind) + 1)
        return self

    def literal(self, text: str) -> Pattern:
        """These characters, in order."""
        for ch in text:
            self.char(ch.__eq__)
        return self

    def star(self, test: CharTest = ANY) -> Pattern:
        """Zero or more characters ``test`` accepts."""
        self._add(self._STAR, test, len(self._kind) + 1)
        return self

    def optional_dirs(self) -> Pattern:
        """``(.*/)?``: nothing, or any text ending in ``/`` (``.dockerignore``'s ``**/``)."""
        split = self._add(self._SPLIT, None, len(self._kind) + 1, -1)
        self._add(self._STAR, ANY, len(self._kind) + 1)
        self._add(self._CHAR, "/".__eq__, len(self._kind) + 1)
        self._alt[split] = len(self._kind)  # skip the group
        return self

    def _closure(self, states: Iterable[int], into: set[int]) -> None:
        end = len(self._kind)
        stack = list(states)
        while stack:
            s = stack.pop()
            if s in into:
                continue
            into.add(s)
            if s == end:
                continue
            kind = self._kind[s]
            if kind == self._STAR:
                stack.append(self._next[s])
            elif kind == self._SPLIT:
                stack.append(self._next[s])
                stack.append(self._alt[s])

    def _step(self, states: set[int], ch: str) -> set[int]:
        end = len(self._kind)
        moved: list[int] = []
        for s in states:
            if s == end:
                continue
            kind = self._kind[s]
            test = self._test[s]
            if kind == self._CHAR and test is not None and test(ch):
                moved.append(self._next[s])
            elif kind == self._STAR and test is not None and test(ch):
                moved.append(s)
        out: set[int] = set()
        self._closure(moved, out)
        return out

    def prefix_ends(self, text: str, start: int = 0) -> list[int]:
        """Every ``end`` (ascending) such that the pattern matches ``text[start:end]``."""
        end_state = len(self._kind)
        states: set[int] = set()
        self._closure([0], states)
        ends = [start] if end_state in states else []
        for i in range(start, len(text)):
            states = self._step(states, text[i])
            if not states:
                break
            if end_state in states:
                ends.append(i + 1)
        return ends

    def fullmatch(self, text: str) -> bool:
        """``True`` when the pattern matches the whole of ``text``."""
        ends = self.prefix_ends(text)
        return bool(ends) and ends[-1] == len(text)

    def search(self, text: str) -> tuple[int, int] | None:
        """The leftmost match, longest at that start, as ``(start, end)``; ``None`` if none.

        One pass finds the leftmost start (every thread remembers where it began, and the
        earliest start wins each state); a second finds the longest end from it.
        """
        end_state = len(self._kind)
        current: dict[int, int] = {}
        best: int | None = None
        for i in range(len(text) + 1):
            if best is None:  # threads may still start here
                fresh: set[int] = set()
                self._closure([0], fresh)
                for s in fresh:
                    current.setdefault(s, i)
            if end_state in current:
                start = current[end_state]
                best = start if best is None else min(best, start)
            if i == len(text) or not current:
                if best is not None or i == len(text):
                    break
                continue
            moved: dict[int, int] = {}
            for s, origin in current.items():
                if s == end_state:
                    continue
                kind = self._kind[s]
                test = self._test[s]
                if test is None or not test(text[i]):
                    continue
                target = self._next[s] if kind == self._CHAR else s
                closed: set[int] = set()
                self._closure([target], closed)
                for t in closed:
                    if t not in moved or origin < moved[t]:
                        moved[t] = origin
            if best is not None:  # only threads that began no later than the best start
                moved = {s: o for s, o in moved.items() if o <= best}
            current = moved
        if best is None:
            return None
        return best, self.prefix_ends(text, best)[-1]


def shell_pattern(pattern: str) -> Pattern:
    """BuildKit's shell pattern (``convertShellPatternToRegex``): ``*`` any text, ``?`` any
    character, ``\\`` escapes the next character, everything else literal.

    Raises:
        ValueError: an escape of a character other than ``*``, ``?``, ``\\``, ``}`` or ``/``
            (BuildKit rejects those).
    """
    compiled = Pattern()
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        i += 1
        if ch == "*":
            compiled.star(ANY)
        elif ch == "?":
            compiled.char(ANY)
        elif ch == "\\":
            nxt = pattern[i] if i < len(pattern) else ""
            i += 1
            if nxt in ("}", "/") or nxt in ("*", "?", "\\"):
                compiled.literal(nxt)
            else:
                raise ValueError(f"invalid escape '\\{nxt}'")
        else:
            compiled.literal(ch)
    return compiled


def char_class(body: str) -> CharTest | None:
    """A test for a ``[...]`` class body as Go's regexp reads the ones moby/patternmatcher
    passes through (``^`` negates, ``a-z`` ranges, ``\\`` escapes); ``None`` when the class is
    malformed."""
    negate = body.startswith("^")
    if negate:
        body = body[1:]
    ranges: list[tuple[str, str]] = []
    i = 0
    items: Sequence[str] = body
    if not items:
        return None
    while i < len(items):
        lo = items[i]
        if lo == "\\":
            i += 1
            if i >= len(items):
                return None
            lo = items[i]
        i += 1
        hi = lo
        if i + 1 < len(items) and items[i] == "-":
            hi = items[i + 1]
            if hi == "\\":
                if i + 2 >= len(items):
                    return None
                hi = items[i + 2]
                i += 1
            i += 2
        if hi < lo:
            return None
        ranges.append((lo, hi))

    def test(ch: str) -> bool:
        return any(lo <= ch <= hi for lo, hi in ranges) != negate

    return test
