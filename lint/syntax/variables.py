"""Word processing and variable expansion as BuildKit's ``frontend/dockerfile/shell`` lexer does.

BuildKit expands ``$V``, ``${V}``, ``${V:-word}``, ``${V-word}``, ``${V:+word}``, ``${V+word}``,
``${V:?msg}``, ``${V?msg}``, ``${V#pat}``, ``${V##pat}``, ``${V%pat}``, ``${V%%pat}``,
``${V/pat/repl}`` and ``${V//pat/repl}`` in the arguments of FROM, COPY, ADD, ENV, ARG, LABEL,
WORKDIR, USER, EXPOSE, VOLUME, STOPSIGNAL and ONBUILD, removes quotes (single quotes are literal,
double quotes allow ``$`` and escapes of ``"``, ``$`` and the escape character), and honours the
active escape character (``\\`` or a backtick set by ``# escape=``).

dockwise adds one thing BuildKit does not need: values that are *not known* when linting. A
variable can be

* :attr:`VarStatus.SET` — its value is known (an ``ENV`` or an ``ARG`` default);
* :attr:`VarStatus.UNKNOWN` — declared but its value comes from outside (``ARG X`` with no
  default, a ``--build-arg``, the base image's environment);
* :attr:`VarStatus.UNSET` — certainly not defined (expands to the empty string, as in BuildKit).

An :class:`Expansion` whose input referred to an unknown variable keeps that reference as written
(``curl=${CURL_VERSION}``) and has ``known=False``, so a rule can ask "is this value known?"
rather than guess.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Iterable, Mapping, Sequence

from dockwise.record import record
from dockwise.wildcard import Pattern, shell_pattern

#: Characters Go's ``unicode.IsSpace`` accepts (Python's ``str.isspace`` also accepts \x1c-\x1f).
GO_SPACE = "\t\n\v\f\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008" \
    "\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
_GO_SPACE_SET = frozenset(GO_SPACE)
_SPECIAL_PARAMS = frozenset("@*#?-$!0")


class VarStatus(enum.Enum):
    """What is known about a variable at a point of the build."""

    SET = "set"
    UNSET = "unset"
    UNKNOWN = "unknown"


#: A variable lookup: name -> (status, value). ``value`` is meaningful only for ``SET``.
Lookup = Callable[[str], tuple[VarStatus, str]]


def mapping_lookup(env: Mapping[str, str | None], *, missing: VarStatus = VarStatus.UNSET
                   ) -> Lookup:
    """Build a :data:`Lookup` from a mapping where ``None`` means "declared, value unknown".

    Names absent from ``env`` get status ``missing`` (``UNSET`` by default).
    """

    def lookup(name: str) -> tuple[VarStatus, str]:
        if name in env:
            value = env[name]
            if value is None:
                return (VarStatus.UNKNOWN, "")
            return (VarStatus.SET, value)
        return (missing, "")

    return lookup


@record
class Expansion:
    """The result of expanding one word.

    Attributes:
        text: the expanded text; references to unknown variables are kept as written.
        known: ``False`` when any unknown variable contributed to :attr:`text`.
        words: :attr:`text` split into words on unquoted whitespace (BuildKit's ``Words``).
        used: names that were looked up.
        unknown: names whose values are unknown.
        unset: names that were looked up and are not defined (BuildKit's ``Unmatched``).
        error: BuildKit's error message when the word cannot be processed, else ``None``.
    """

    text: str
    known: bool
    words: tuple[str, ...]
    used: frozenset[str]
    unknown: frozenset[str]
    unset: frozenset[str]
    error: str | None = None


class LexError(ValueError):
    """A word BuildKit's lexer rejects (unterminated quote, bad substitution)."""


@record(frozen=False)
class LexedWord:
    """A word found by :func:`lex_words`: its processed text and ``[start, end)`` offsets."""

    text: str
    start: int
    end: int


class _Words:
    """BuildKit's ``wordsStruct``: accumulates characters into whitespace-separated words.

    Pieces are collected in a list and joined once per word, so a long word costs linear
    time (appending to a ``str`` attribute character by character is quadratic).
    """

    __slots__ = ("end", "has_text", "in_word", "parts", "start", "words")

    def __init__(self) -> None:
        self.words: list[LexedWord] = []
        self.parts: list[str] = []
        self.has_text = False  # some part is non-empty
        self.in_word = False
        self.start = 0
        self.end = 0

    def _flush(self) -> None:
        word = "".join(self.parts)
        self.parts = []
        self.has_text = False
        self.in_word = False
        if word:
            self.words.append(LexedWord(word, self.start, self.end))

    def add_char(self, ch: str, pos: int) -> None:
        if ch in _GO_SPACE_SET:
            if self.in_word and self.has_text:
                self._flush()
        else:
            self.add_raw(ch, pos, pos + 1)

    def add_raw(self, text: str, start: int, end: int) -> None:
        if not self.has_text:
            self.start = start
        self.parts.append(text)
        self.has_text = self.has_text or bool(text)
        self.in_word = True
        self.end = end

    def add_string(self, text: str, start: int, end: int) -> None:
        """Add expanded text: its unquoted whitespace separates words."""
        if not _GO_SPACE_SET.intersection(text):
            if text:
                self.add_raw(text, start, end)
            return
        piece: list[str] = []
        for ch in text:
            if ch in _GO_SPACE_SET:
                if piece:
                    self.add_raw("".join(piece), start, end)
                    piece = []
                self.add_char(ch, start)
            else:
                piece.append(ch)
        if piece:
            self.add_raw("".join(piece), start, end)

    def finish(self) -> list[LexedWord]:
        if self.has_text:
            self._flush()
        return self.words


#: How deeply ``${a:-${b:-...}}`` may nest before a word is treated as invalid. Real
#: Dockerfiles nest two or three deep; the bound keeps the recursive lexer off Python's limit.
MAX_NESTING = 100


#: The most characters variable references in one word may expand to (64 KiB). BuildKit has
#: no limit, but ``ENV a1=$a0$a0`` repeated doubles a value per line: 26 such lines took
#: 6.5 s and 1.2 GB, 40 would take terabytes. A longer word is treated as unknown.
MAX_EXPANSION = 64 * 1024


class _Lexer:
    """A port of the behaviour of BuildKit's ``shell.Lex`` (not its code) with unknown values."""

    def __init__(self, text: str, escape: str, lookup: Lookup | None, *,
                 raw_quotes: bool = False, raw_escapes: bool = False) -> None:
        self.s = text
        self.i = 0
        self.n = len(text)
        self.escape = escape
        self.lookup = lookup
        self.raw_quotes = raw_quotes
        self.raw_escapes = raw_escapes
        self.used: set[str] = set()
        self.unknown: set[str] = set()
        self.unset: set[str] = set()
        self.depth = 0

    def peek(self) -> str:
        return self.s[self.i] if self.i < self.n else ""

    def next(self) -> str:
        if self.i < self.n:
            ch = self.s[self.i]
            self.i += 1
            return ch
        return ""

    # BuildKit's processStopOn
    def process(self, stop: str = "", raw_escapes: bool | None = None
                ) -> tuple[str, list[LexedWord]]:
        saved = self.raw_escapes
        if raw_escapes is not None:
            self.raw_escapes = raw_escapes
        try:
            out: list[str] = []
            words = _Words()
            expanded = 0
            while self.i < self.n:
                ch = self.s[self.i]
                if stop and ch == stop:
                    self.i += 1
                    return "".join(out), words.finish()
                start = self.i
                if ch == "$":
                    tmp = self.dollar()
                    expanded += len(tmp)
                    if expanded > MAX_EXPANSION:  # ENV a1=$a0$a0, a2=$a1$a1, ...: 2**n
                        raise LexError(f"expands to more than {MAX_EXPANSION:,} characters")
                    out.append(tmp)
                    words.add_string(tmp, start, self.i)
                elif ch == "'":
                    tmp = self.single_quote()
                    out.append(tmp)
                    words.add_raw(tmp, start, self.i)
                elif ch == '"':
                    tmp = self.double_quote()
                    out.append(tmp)
                    words.add_raw(tmp, start, self.i)
                else:
                    self.i += 1
                    if ch == self.escape:
                        if self.raw_escapes:
                            words.add_raw(ch, start, self.i)
                            out.append(ch)
                        if self.i >= self.n:
                            break
                        ch = self.s[self.i]
                        self.i += 1
                        words.add_raw(ch, start, self.i)
                    else:
                        words.add_char(ch, start)
                    out.append(ch)
            if stop:
                raise LexError(f"unexpected end of statement while looking for matching {stop}")
            return "".join(out), words.finish()
        finally:
            self.raw_escapes = saved

    def single_quote(self) -> str:
        out = []
        ch = self.next()
        if self.raw_quotes:
            out.append(ch)
        while True:
            ch = self.next()
            if ch == "":
                raise LexError(
                    "unexpected end of statement while looking for matching single-quote")
            if ch == "'":
                if self.raw_quotes:
                    out.append(ch)
                return "".join(out)
            out.append(ch)

    def double_quote(self) -> str:
        out = []
        ch = self.next()
        if self.raw_quotes:
            out.append(ch)
        while True:
            ch = self.peek()
            if ch == "":
                raise LexError(
                    "unexpected end of statement while looking for matching double-quote")
            if ch == '"':
                self.next()
                if self.raw_quotes:
                    out.append(ch)
                return "".join(out)
            if ch == "$":
                out.append(self.dollar())
                continue
            ch = self.next()
            if ch == self.escape:
                if self.raw_escapes:
                    out.append(ch)
                nxt = self.peek()
                if nxt == "":
                    continue
                if nxt in ('"', "$", self.escape):
                    ch = self.next()
            out.append(ch)

    def name(self) -> str:
        start = self.i
        if self.i < self.n and self.s[self.i].isdigit():
            while self.i < self.n and self.s[self.i].isdigit():
                self.i += 1
            return self.s[start:self.i]
        if self.i < self.n and self.s[self.i] in _SPECIAL_PARAMS:
            self.i += 1
            return self.s[start:self.i]
        while self.i < self.n:
            ch = self.s[self.i]
            if not (ch.isalpha() or ch.isdigit() or ch == "_"):
                break
            self.i += 1
        return self.s[start:self.i]

    def get(self, name: str) -> tuple[VarStatus, str]:
        if self.lookup is None:
            return (VarStatus.UNKNOWN, "")
        self.used.add(name)
        status, value = self.lookup(name)
        if status is VarStatus.UNKNOWN:
            self.unknown.add(name)
        elif status is VarStatus.UNSET:
            self.unset.add(name)
        return status, value

    def dollar(self) -> str:
        start = self.i
        self.i += 1  # the '$'
        if self.peek() != "{":
            name = self.name()
            if not name:
                return "$"
            status, value = self.get(name)
            if status is VarStatus.UNKNOWN:
                return self.s[start:self.i]
            return value
        self.i += 1  # '{'
        self.depth += 1
        try:
            return self._braced(start)
        finally:
            self.depth -= 1

    def _braced(self, start: int) -> str:
        """The value of ``${...}`` starting at ``start``, the ``{`` consumed."""
        if self.depth > MAX_NESTING:  # BuildKit has no limit; Python's stack has
            raise LexError(f"substitutions nested more than {MAX_NESTING} deep")
        ch = self.peek()
        if ch == "":
            raise LexError("syntax error: missing '}'")
        if ch in "{}:":
            raise LexError("syntax error: bad substitution")
        name = self.name()
        ch = self.next()
        if ch == "}":
            status, value = self.get(name)
            if status is VarStatus.UNKNOWN:
                return self.s[start:self.i]
            return value
        null_is_unset = False
        if ch == ":":
            null_is_unset = True
            ch = self.next()
            if ch not in ("+", "-", "?", "#", "%"):
                if ch == "":
                    raise LexError("syntax error: missing '}'")
                self._stop_on("}", False)
                raise LexError(f"unsupported modifier (:{ch}) in substitution")
        if ch in ("+", "-", "?", "#", "%"):
            word, _ = self._stop_on("}", ch in "#%")
            status, value = self.get(name)
            if status is VarStatus.UNKNOWN:
                return self.s[start:self.i]
            is_set = status is VarStatus.SET
            if ch == "-":
                return word if (not is_set or (null_is_unset and value == "")) else value
            if ch == "+":
                return "" if (not is_set or (null_is_unset and value == "")) else word
            if ch == "?":
                if not is_set:
                    raise LexError(f"{name}: {word or 'is not allowed to be unset'}")
                if null_is_unset and value == "":
                    raise LexError(f"{name}: {word or 'is not allowed to be empty'}")
                return value
            greedy = bool(word) and word[0] == ch
            if greedy:
                word = word[1:]
            if ch == "%":
                return _trim_suffix(word, value, greedy)
            return _trim_prefix(word, value, greedy)
        if ch == "/":
            replace_all = self.peek() == "/"
            if replace_all:
                self.i += 1
            pattern, _ = self._stop_on("/", True, "syntax error: missing '/' in ${}")
            replacement, _ = self._stop_on("}", True)
            status, value = self.get(name)
            if status is VarStatus.UNKNOWN:
                return self.s[start:self.i]
            return _replace(pattern, replacement, value, replace_all)
        if ch == "":
            raise LexError("syntax error: missing '}'")
        raise LexError(f"unsupported modifier ({ch}) in substitution")

    def _stop_on(self, stop: str, raw_escapes: bool,
                 eof_message: str = "syntax error: missing '}'") -> tuple[str, list[LexedWord]]:
        try:
            return self.process(stop, raw_escapes)
        except LexError:
            if self.i >= self.n:
                raise LexError(eof_message) from None
            raise


def _compile_pattern(pattern: str) -> Pattern:
    """BuildKit's shell pattern, compiled for linear-time matching (see
    :mod:`dockwise.wildcard`: Python regexes would backtrack exponentially here)."""
    try:
        return shell_pattern(pattern)
    except ValueError as exc:
        raise LexError(f"invalid pattern ({pattern}) in substitution: {exc}") from None


def _trim_prefix(word: str, value: str, greedy: bool) -> str:
    ends = _compile_pattern(word).prefix_ends(value)
    if not ends:
        return value
    return value[ends[-1] if greedy else ends[0]:]


def _trim_suffix(word: str, value: str, greedy: bool) -> str:
    # Match the reversed pattern against the reversed value, as BuildKit does.
    ends = _compile_pattern(_reverse_pattern(word)).prefix_ends(value[::-1])
    if not ends:
        return value
    return value[: len(value) - (ends[-1] if greedy else ends[0])]


def _replace(pattern: str, replacement: str, value: str, replace_all: bool) -> str:
    """``${V/pattern/replacement}`` and ``${V//...}``: the leftmost match (greedy, as Go's
    regexp), or every non-overlapping one; an empty match right after a match is skipped, as
    Go does."""
    compiled = _compile_pattern(pattern)
    out: list[str] = []
    pos = 0
    last_end = -1
    while pos <= len(value):
        found = compiled.search(value[pos:])
        if found is None:
            break
        start, end = found[0] + pos, found[1] + pos
        if start == end and start == last_end:  # empty match abutting the previous one
            if start >= len(value):
                break
            out.append(value[pos:start + 1])
            pos = start + 1
            continue
        out.append(value[pos:start])
        out.append(replacement)
        last_end = end
        if not replace_all:
            pos = end
            break
        if end == start:  # empty match: keep the next character and move on
            if start < len(value):
                out.append(value[start])
            pos = start + 1
        else:
            pos = end
    out.append(value[pos:])
    return "".join(out)


def _reverse_pattern(pattern: str) -> str:
    tokens: list[str] = []
    i = 0
    while i < len(pattern):
        if pattern[i] == "\\" and i + 1 < len(pattern):
            tokens.append(pattern[i:i + 2])
            i += 2
        else:
            tokens.append(pattern[i])
            i += 1
    return "".join(reversed(tokens))


def expand(word: str, lookup: Lookup, escape: str = "\\") -> Expansion:
    """Expand variables in ``word`` and remove its quotes, as BuildKit's ``ProcessWord`` does.

    Args:
        word: the text as written in the Dockerfile (quotes and escapes included).
        lookup: tells for each variable name whether it is set, unset or unknown.
        escape: the active escape character (``\\`` or `````).

    Returns:
        The :class:`Expansion`. Never raises: a word BuildKit would reject comes back with
        its text unchanged, ``known=False`` and :attr:`Expansion.error` set.
    """
    lexer = _Lexer(word, escape, lookup)
    try:
        text, words = lexer.process()
    except LexError as exc:
        return Expansion(word, False, (word,), frozenset(lexer.used), frozenset(lexer.unknown),
                         frozenset(lexer.unset), str(exc))
    return Expansion(text, not lexer.unknown, tuple(w.text for w in words),
                     frozenset(lexer.used), frozenset(lexer.unknown), frozenset(lexer.unset))


def unquote(word: str, escape: str = "\\") -> str:
    """Remove quotes and escapes from ``word`` without expanding anything.

    Variable references are kept as written. A word BuildKit would reject is returned as is.
    """
    lexer = _Lexer(word, escape, None)
    try:
        return lexer.process()[0]
    except LexError:
        return word


def lex_words(line: str, escape: str = "\\", *, raw_quotes: bool = True,
              raw_escapes: bool = True) -> list[LexedWord] | None:
    """Split ``line`` into shell words the way BuildKit finds heredoc markers.

    With ``raw_quotes``/``raw_escapes`` quotes and escapes are kept in each word's text
    (BuildKit's ``RawQuotes`` and ``RawEscapes``); variables are never expanded. Returns ``None``
    when BuildKit's lexer would fail (an unterminated quote or ``${``), in which case BuildKit
    finds no heredocs.
    """
    lexer = _Lexer(line, escape, None, raw_quotes=raw_quotes, raw_escapes=raw_escapes)
    try:
        return lexer.process()[1]
    except LexError:
        return None


_NAME_RE = re.compile(r"\$(?:\{([A-Za-z_][A-Za-z0-9_]*)|([A-Za-z_][A-Za-z0-9_]*))")


def referenced_names(word: str) -> list[str]:
    """Names of the variables ``word`` refers to (``$A``, ``${B}``, ``${C:-x}``), in order.

    A cheap scan for rules that only need names; :func:`expand` is the faithful path.
    """
    return [m.group(1) or m.group(2) for m in _NAME_RE.finditer(word)]


def find_references(word: str, escape: str = "\\", *, quotes: bool = True
                    ) -> list[tuple[str, int, int]]:
    """Where ``word`` (as written) refers to variables: ``(name, start, end)`` per reference.

    ``start``/``end`` are 0-based offsets into ``word`` covering ``$NAME`` or the whole
    ``${NAME...}`` (nested braces included; references inside a modifier, as ``$B`` in
    ``${A:-$B}``, are listed too, since BuildKit looks them up). References BuildKit does not
    expand are skipped: a ``$`` after the escape character and, unless ``quotes`` is ``False``
    (BuildKit's ``SkipProcessQuotes``, used for heredoc bodies), anything inside single quotes.
    Names are those BuildKit's lexer reads (letters, digits, ``_``); special parameters such as
    ``$1``, ``$@`` and ``$$`` are not variables.
    """
    out: list[tuple[str, int, int]] = []
    if "$" not in word:
        return out
    i = 0
    length = len(word)
    quote = ""
    closing: dict[int, int] | None = None  # "{" offset -> offset after its "}", when needed
    while i < length:
        ch = word[i]
        if ch == escape and quote != "'":
            i += 2
            continue
        if not quotes:
            pass
        elif ch == "'" and quote != '"':
            quote = "" if quote == "'" else "'"
        elif ch == '"' and quote != "'":
            quote = "" if quote == '"' else '"'
        if ch == "$" and quote != "'":
            if i + 1 < length and (word[i + 1] in _SPECIAL_PARAMS or word[i + 1].isdigit()):
                i += 2
                continue
            m = _REF_NAME_RE.match(word, i + 1)
            if m is not None:
                name = m.group(1) or m.group(2)
                end = m.end()
                if m.group(1) is not None:  # ${NAME...}: up to the matching brace
                    if closing is None:
                        closing = _matching_braces(word)
                    end = closing.get(i + 1, length)
                out.append((name, i, end))
                i = m.end()
                continue
        i += 1
    return out


def _matching_braces(word: str) -> dict[int, int]:
    """For each ``{`` in ``word`` that is closed, the offset just after its ``}`` (one pass,
    so a word of many unclosed ``${`` stays linear)."""
    out: dict[int, int] = {}
    stack: list[int] = []
    for i, ch in enumerate(word):
        if ch == "{":
            stack.append(i)
        elif ch == "}" and stack:
            out[stack.pop()] = i + 1
    return out


_REF_NAME_RE = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)|([A-Za-z_][A-Za-z0-9_]*)")


def suggest_name(name: str, options: Iterable[str]) -> str | None:
    """The option closest to ``name``, as BuildKit's ``suggest.Search`` picks it for its "did
    you mean" hints: the first option at the smallest Levenshtein distance below 3
    (case-sensitive), or ``None`` when none is that close or ``name`` itself is an option."""
    best = None
    best_distance = 3
    for option in options:
        if option == name:
            return None
        if abs(len(option) - len(name)) >= best_distance:
            continue
        distance = _levenshtein(name, option)
        if distance < best_distance:
            best, best_distance = option, distance
    return best


class NameSuggester:
    """:func:`suggest_name` with a budget, for one file: each call spends one unit per option
    compared, and once ``budget`` units are spent it suggests nothing. A file with thousands
    of undefined references and thousands of declared names would otherwise cost their
    product in edit distances (5,000 of each took 113 s, about 4.5 µs each); a real file
    spends a few hundred."""

    def __init__(self, budget: int = 200_000) -> None:
        self.left = budget

    def __call__(self, name: str, options: Sequence[str]) -> str | None:
        """As :func:`suggest_name`, or ``None`` once the budget is spent."""
        if len(options) > self.left:
            self.left = 0
            return None
        self.left -= len(options)
        return suggest_name(name, options)


def _levenshtein(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1,
                               previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]
