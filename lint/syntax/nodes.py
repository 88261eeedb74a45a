"""The Dockerfile syntax tree: immutable records with a source span on every node.

Positions are 1-based lines and 1-based columns counted in Unicode code points of the
original text (a tab is one column). A :class:`Span` runs from its start position to its end
position, the end column being *exclusive* (the column just after the last character), the
convention SARIF and most editors use. A node that covers several physical lines (a ``\\``
continuation, a heredoc) ends on its last line.

The tree is produced by :func:`dockwise.syntax.parser.parse` and mirrors what BuildKit's
``frontend/dockerfile/parser`` builds: one :class:`Instruction` per logical line (continuations
joined, comment lines inside a continuation dropped), flags split off as BuildKit's
``extractBuilderFlags`` does, and the arguments split the way each instruction's BuildKit line
parser splits them (JSON/exec form, whitespace lists, ``key=value`` pairs, heredocs).
"""

from __future__ import annotations

import bisect
import enum
from typing import ClassVar

from dockwise.record import record


@record(order=True)
class Span:
    """A region of the source text.

    Attributes:
        start_line: 1-based line of the first character.
        start_column: 1-based column (code points) of the first character.
        end_line: 1-based line of the last character.
        end_column: 1-based column just *after* the last character (exclusive).
    """

    start_line: int
    start_column: int
    end_line: int
    end_column: int

    def cover(self, other: Span) -> Span:
        """Return the smallest span containing both ``self`` and ``other``."""
        start = min((self.start_line, self.start_column), (other.start_line, other.start_column))
        end = max((self.end_line, self.end_column), (other.end_line, other.end_column))
        return Span(start[0], start[1], end[0], end[1])

    @staticmethod
    def line(line: int, text: str = "") -> Span:
        """A span covering the whole of physical ``line`` whose text is ``text``."""
        return Span(line, 1, line, len(text) + 1)


class SourceMap:
    """Maps offsets in a logical string back to positions in the original text.

    A logical string (an instruction's joined line, a heredoc body) is a concatenation of
    *segments*, each a contiguous piece of one physical line. ``segments`` holds, in logical
    order, ``(logical_offset, line, column)`` triples: the logical offset where the segment
    starts, the 1-based physical line, and the 1-based column of its first character.
    """

    __slots__ = ("_columns", "_lines", "_offsets", "length")

    def __init__(self, segments: list[tuple[int, int, int]], length: int) -> None:
        self._offsets = [s[0] for s in segments]
        self._lines = [s[1] for s in segments]
        self._columns = [s[2] for s in segments]
        self.length = length

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SourceMap):
            return NotImplemented
        return (self._offsets, self._lines, self._columns, self.length) == (
            other._offsets, other._lines, other._columns, other.length)

    def __hash__(self) -> int:
        return hash((tuple(self._offsets), self.length))

    def __repr__(self) -> str:
        segs = list(zip(self._offsets, self._lines, self._columns, strict=True))
        return f"SourceMap({segs!r}, {self.length})"

    def position(self, offset: int) -> tuple[int, int]:
        """Return ``(line, column)`` of the character at logical ``offset`` (0-based).

        An offset at or past the end maps to the position just after the last character.
        """
        offsets = self._offsets
        if len(offsets) == 1:
            return (self._lines[0], self._columns[0] + (offset if offset > 0 else 0))
        if not offsets:
            return (1, 1)
        if offset < 0:
            offset = 0
        i = bisect.bisect_right(offsets, offset) - 1
        if i < 0:
            i = 0
        return (self._lines[i], self._columns[i] + offset - offsets[i])

    def span(self, start: int, end: int) -> Span:
        """Return the span of logical offsets ``[start, end)``.

        An empty range maps to a zero-width span at ``start``.
        """
        if len(self._offsets) == 1:
            line = self._lines[0]
            col = self._columns[0]
            if start < 0:
                start = 0
            if end <= start:
                return Span(line, col + start, line, col + start)
            return Span(line, col + start, line, col + end)
        line, column = self.position(start)
        if end <= start:
            return Span(line, column, line, column)
        end_line, end_col = self.position(end - 1)
        return Span(line, column, end_line, end_col + 1)


@record
class Token:
    """A piece of an instruction as written (after continuations are joined).

    Attributes:
        text: the text exactly as in the logical line (quotes and escapes kept), except for
            exec-form elements, which hold the decoded JSON string.
        span: where it is in the file.
        offset: 0-based offset of the token in its instruction's logical line
            (:attr:`Instruction.line_text`), for mapping positions inside it.
    """

    text: str
    span: Span
    offset: int = -1


@record
class Flag:
    """A ``--name=value`` option before an instruction's arguments (BuildKit "builder flag").

    Attributes:
        name: the flag name without dashes, as written (``mount``, ``from``, ``platform``).
        value: the value with quotes removed as BuildKit does, or ``None`` for ``--link``.
        span: the whole flag.
        value_span: the value part (after ``=``), or ``None``.
    """

    name: str
    value: str | None
    span: Span
    value_span: Span | None


@record
class Heredoc:
    """A here-document attached to RUN, COPY or ADD (BuildKit's ``parser.Heredoc``).

    Attributes:
        name: the delimiter word with quotes removed (``EOF``).
        fd: file descriptor before ``<<`` (``0`` when absent).
        chomp: ``True`` for ``<<-`` (leading tabs are stripped from the body).
        expand: ``False`` when the delimiter was quoted (no variable expansion in the body).
        content: the body exactly as in the file, line endings included, tabs not yet chomped.
        marker: span of the ``<<EOF`` word on the instruction line.
        body: span from the first body line to the terminator line inclusive.
        content_map: maps offsets of :attr:`content` to file positions.
        terminated: ``False`` when the file ended before the terminator.
    """

    name: str
    fd: int
    chomp: bool
    expand: bool
    content: str
    marker: Span
    body: Span
    content_map: SourceMap
    terminated: bool = True

    @property
    def text(self) -> str:
        """The body as the build sees it: leading tabs removed when :attr:`chomp` is set."""
        if not self.chomp:
            return self.content
        return "".join(line.lstrip("\t") for line in self.content.splitlines(keepends=True))


class Form(enum.Enum):
    """How a command is written: ``exec`` is a JSON array, ``shell`` a plain string."""

    EXEC = "exec"
    SHELL = "shell"


@record(kw_only=True, eq=False)
class Instruction:
    """One Dockerfile instruction (a logical line plus its heredoc bodies).

    Attributes:
        keyword: the instruction word as written (``RUN``, ``run``, ``Copy``).
        span: from the keyword to the end of the last continuation or heredoc line.
        keyword_span: the instruction word.
        flags: the ``--name=value`` options, in order.
        args: the argument text after the flags, stripped (BuildKit's ``args``).
        args_span: the span of :attr:`args`.
        line_text: the logical line (continuations joined), BuildKit's ``Original``.
        heredocs: here-documents, in the order their markers appear.
        comments: texts of the comment lines directly above (BuildKit's ``PrevComment``).
        source_map: maps offsets in :attr:`line_text` to file positions.
        parent: the ONBUILD instruction wrapping this one, if any.
    """

    kind: ClassVar[str] = ""

    keyword: str
    span: Span
    keyword_span: Span
    flags: tuple[Flag, ...] = ()
    args: str = ""
    args_span: Span
    line_text: str = ""
    heredocs: tuple[Heredoc, ...] = ()
    comments: tuple[str, ...] = ()
    source_map: SourceMap
    onbuild: bool = False

    @property
    def name(self) -> str:
        """The instruction in upper case (``RUN``)."""
        return self.keyword.upper()

    @property
    def line(self) -> int:
        """1-based line where the instruction starts."""
        return self.span.start_line

    def flag(self, name: str) -> Flag | None:
        """Return the last flag called ``name`` (BuildKit keeps the last), or ``None``."""
        found = None
        for f in self.flags:
            if f.name == name:
                found = f
        return found

    def flag_value(self, name: str) -> str | None:
        """The value of flag ``name`` (``""`` for a bare ``--name``), or ``None`` if absent."""
        f = self.flag(name)
        if f is None:
            return None
        return "" if f.value is None else f.value

    def all_flags(self, name: str) -> tuple[Flag, ...]:
        """Every flag called ``name`` (``--mount`` may repeat)."""
        return tuple(f for f in self.flags if f.name == name)

    def span_of(self, start: int, end: int) -> Span:
        """The file span of logical-line offsets ``[start, end)``."""
        return self.source_map.span(start, end)

    def head_span(self) -> Span:
        """The span of the first physical line of the instruction (for messages)."""
        return Span(self.span.start_line, self.span.start_column, self.span.start_line,
                    self.keyword_span.end_column if self.span.end_line != self.span.start_line
                    else self.span.end_column)


@record(kw_only=True, eq=False)
class CommandInstruction(Instruction):
    """An instruction whose argument is a command in exec or shell form.

    Attributes:
        form: :attr:`Form.EXEC` when the arguments are a valid JSON string array.
        exec_args: the JSON array's strings with their spans (exec form), else empty.
        command: the shell-form command text and span, or ``None`` in exec form or when empty.
    """

    form: Form = Form.SHELL
    exec_args: tuple[Token, ...] = ()
    command: Token | None = None

    @property
    def is_exec(self) -> bool:
        """``True`` in exec (JSON) form."""
        return self.form is Form.EXEC

    @property
    def argv(self) -> tuple[str, ...]:
        """Exec-form arguments as plain strings (empty in shell form)."""
        return tuple(t.text for t in self.exec_args)


@record(kw_only=True, eq=False)
class Run(CommandInstruction):
    """``RUN [--mount=...] [--network=...] command`` (shell or exec form, heredocs allowed)."""

    kind: ClassVar[str] = "RUN"


@record(kw_only=True, eq=False)
class Cmd(CommandInstruction):
    """``CMD`` in exec or shell form."""

    kind: ClassVar[str] = "CMD"


@record(kw_only=True, eq=False)
class Entrypoint(CommandInstruction):
    """``ENTRYPOINT`` in exec or shell form."""

    kind: ClassVar[str] = "ENTRYPOINT"


@record(kw_only=True, eq=False)
class Shell(CommandInstruction):
    """``SHELL ["executable", "parameters"]`` (BuildKit requires exec form)."""

    kind: ClassVar[str] = "SHELL"


@record(kw_only=True, eq=False)
class Healthcheck(CommandInstruction):
    """``HEALTHCHECK [--interval=..] CMD command`` or ``HEALTHCHECK NONE``.

    Attributes:
        type: the word after the flags (``CMD`` or ``NONE``, as written), or ``None``.
    """

    kind: ClassVar[str] = "HEALTHCHECK"
    type: Token | None = None

    @property
    def is_none(self) -> bool:
        """``True`` for ``HEALTHCHECK NONE``."""
        return self.type is not None and self.type.text.upper() == "NONE"


@record(kw_only=True, eq=False)
class PathsInstruction(Instruction):
    """An instruction with a list of paths (COPY, ADD, VOLUME), exec or whitespace form.

    Attributes:
        form: :attr:`Form.EXEC` for a JSON array.
        paths: every argument with quotes kept as written in whitespace form (JSON strings
            decoded in exec form). Heredoc markers (``<<EOF``) appear here as sources.
    """

    form: Form = Form.SHELL
    paths: tuple[Token, ...] = ()


@record(kw_only=True, eq=False)
class FileTransfer(PathsInstruction):
    """COPY or ADD: sources then a destination."""

    @property
    def sources(self) -> tuple[Token, ...]:
        """All arguments but the last."""
        return self.paths[:-1]

    @property
    def destination(self) -> Token | None:
        """The last argument, or ``None`` when there are fewer than two."""
        return self.paths[-1] if len(self.paths) >= 2 else None


@record(kw_only=True, eq=False)
class Copy(FileTransfer):
    """``COPY [--from=..] [--chown=..] [--chmod=..] [--link] <src>... <dest>``."""

    kind: ClassVar[str] = "COPY"


@record(kw_only=True, eq=False)
class Add(FileTransfer):
    """``ADD [--chown=..] [--checksum=..] [--keep-git-dir] <src>... <dest>``."""

    kind: ClassVar[str] = "ADD"


@record(kw_only=True, eq=False)
class Volume(PathsInstruction):
    """``VOLUME ["/data"]`` or ``VOLUME /a /b``."""

    kind: ClassVar[str] = "VOLUME"


@record
class KeyValue:
    """One ``key=value`` pair of ENV or LABEL, or the legacy ``ENV key value`` form.

    Attributes:
        key: the key as written (may be quoted for LABEL).
        value: the value as written, quotes kept (expanded later by the variable resolver),
            or ``None`` for ``ARG name`` with no default.
        legacy: ``True`` for the whitespace form ``ENV key value``.
        span: the whole pair.
    """

    key: Token
    value: Token | None
    legacy: bool
    span: Span


@record(kw_only=True, eq=False)
class Env(Instruction):
    """``ENV key=value ...`` or legacy ``ENV key value``."""

    kind: ClassVar[str] = "ENV"
    pairs: tuple[KeyValue, ...] = ()


@record(kw_only=True, eq=False)
class Label(Instruction):
    """``LABEL key=value ...``."""

    kind: ClassVar[str] = "LABEL"
    pairs: tuple[KeyValue, ...] = ()


@record(kw_only=True, eq=False)
class Arg(Instruction):
    """``ARG name[=default] ...``; ``pairs[i].value`` is ``None`` without a default."""

    kind: ClassVar[str] = "ARG"
    pairs: tuple[KeyValue, ...] = ()


@record(kw_only=True, eq=False)
class From(Instruction):
    """``FROM [--platform=..] image [AS name]``.

    Attributes:
        image: the base image reference as written (variables not yet expanded).
        as_keyword: the ``AS`` word, if present.
        stage_name: the stage name as written, if present.
    """

    kind: ClassVar[str] = "FROM"
    image: Token | None = None
    as_keyword: Token | None = None
    stage_name: Token | None = None
    words: tuple[Token, ...] = ()


@record(kw_only=True, eq=False)
class Expose(Instruction):
    """``EXPOSE port[/proto] ...``."""

    kind: ClassVar[str] = "EXPOSE"
    ports: tuple[Token, ...] = ()


@record(kw_only=True, eq=False)
class StringInstruction(Instruction):
    """An instruction whose argument is one string (USER, WORKDIR, MAINTAINER, STOPSIGNAL).

    Attributes:
        value: the whole argument text and span, or ``None`` when empty.
    """

    value: Token | None = None


@record(kw_only=True, eq=False)
class User(StringInstruction):
    """``USER user[:group]``."""

    kind: ClassVar[str] = "USER"


@record(kw_only=True, eq=False)
class Workdir(StringInstruction):
    """``WORKDIR /path``."""

    kind: ClassVar[str] = "WORKDIR"


@record(kw_only=True, eq=False)
class Maintainer(StringInstruction):
    """``MAINTAINER name`` (deprecated)."""

    kind: ClassVar[str] = "MAINTAINER"


@record(kw_only=True, eq=False)
class StopSignal(StringInstruction):
    """``STOPSIGNAL signal``."""

    kind: ClassVar[str] = "STOPSIGNAL"


@record(kw_only=True, eq=False)
class Onbuild(Instruction):
    """``ONBUILD <instruction>``; :attr:`trigger` is the wrapped instruction, if it parsed."""

    kind: ClassVar[str] = "ONBUILD"
    trigger: Instruction | None = None


@record(kw_only=True, eq=False)
class Unknown(Instruction):
    """A word BuildKit does not know as an instruction (parsed, rejected at dispatch)."""

    kind: ClassVar[str] = "UNKNOWN"


@record
class Directive:
    """A parser directive at the top of the file (``# syntax=``, ``# escape=``, ``# check=``).

    Attributes:
        name: the directive name in lower case.
        value: the value, trimmed.
        span: the whole comment line.
        value_span: the value.
    """

    name: str
    value: str
    span: Span
    value_span: Span


@record
class Comment:
    """A comment line outside any instruction.

    Attributes:
        text: the text after ``#``, stripped.
        span: the whole line, from the ``#``.
        next_instruction: index in :attr:`Dockerfile.instructions` of the instruction that
            follows with only comment lines between (``None`` after a blank line or at EOF).
    """

    text: str
    span: Span
    next_instruction: int | None = None


@record
class SyntaxIssue:
    """Something the parser rejects, with the exact place.

    Attributes:
        message: what is wrong, in BuildKit's words where BuildKit reports it.
        span: the offending token.
        instruction: index of the instruction it belongs to, or ``None`` for file-level issues.
        rule: the id of the rule that reports this issue when one says more than a plain syntax
            error (``DL3043`` for a forbidden ONBUILD trigger); ``None`` for DL1000.
    """

    message: str
    span: Span
    instruction: int | None = None
    rule: str | None = None


@record
class Dockerfile:
    """A parsed Dockerfile.

    Attributes:
        path: the file name used in messages (``None`` for an unnamed string).
        text: the decoded text, BOM removed.
        lines: the physical lines without line endings.
        escape: the active escape character (``\\`` or `````).
        directives: parser directives, in order.
        instructions: top-level instructions, in order.
        comments: standalone comment lines (directives excluded).
        errors: syntax errors (each becomes a ``DL1000`` finding).
        empty_continuation_lines: 1-based lines that are blank inside a continuation
            (BuildKit's ``NoEmptyContinuation`` warning).
        has_bom: the file started with a UTF-8 byte-order mark.
        crlf: the file uses CRLF line endings.
    """

    path: str | None
    text: str
    lines: tuple[str, ...]
    escape: str
    directives: tuple[Directive, ...]
    instructions: tuple[Instruction, ...]
    comments: tuple[Comment, ...]
    errors: tuple[SyntaxIssue, ...]
    empty_continuation_lines: tuple[int, ...] = ()
    has_bom: bool = False
    crlf: bool = False

    def directive(self, name: str) -> Directive | None:
        """The directive called ``name`` (lower case), or ``None``."""
        for d in self.directives:
            if d.name == name:
                return d
        return None
