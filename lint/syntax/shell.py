"""RUN text -> shell commands, parsed with tree-sitter-bash.

A RUN in shell form is a POSIX shell script that BuildKit hands to the stage's SHELL
(``/bin/sh -c`` by default). This module parses it with the ``tree-sitter-bash`` grammar and
flattens it into :class:`SimpleCommand` records: the argument words with quotes removed,
``NAME=value`` prefixes (``CGO_ENABLED=0 go build``), the operator that joins each command to the
previous one (``&&``, ``||``, ``;``, ``|``), whether it sits in a pipeline, a subshell or a
conditional, and its exact position in the Dockerfile.

It also holds the queries rules share, so each is written once:

* :meth:`SimpleCommand.effective` strips wrappers (``sudo``, ``env``, ``command``, ...);
* :func:`parse_options` splits a command's words into options and operands;
* :meth:`Script.invocations` finds every call of a program (and subcommand), e.g. all
  ``apk add`` calls with their flags and packages.

Positions: tree-sitter reports byte offsets into the UTF-8 script; they are converted to
characters and mapped through the instruction's :class:`~dockwise.syntax.nodes.SourceMap`, so a
word on the third physical line of a continued RUN is reported on that line.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from dockwise.record import record, replace
from dockwise.syntax.nodes import SourceMap, Span

#: Programs that only wrap another command; :meth:`SimpleCommand.effective` looks through them.
WRAPPERS = frozenset({"sudo", "env", "command", "exec", "nohup", "time", "nice", "stdbuf",
                      "doas", "su-exec", "gosu", "chroot", "setpriv", "eatmydata"})
#: Shells whose script syntax tree-sitter-bash reads (POSIX family).
POSIX_SHELLS = frozenset({"sh", "bash", "ash", "dash", "ksh", "mksh", "zsh", "busybox"})

#: A tree-sitter syntax node (the binding ships no type information).
Node = Any

_ESCAPE_RE = re.compile(r"\\(.)", re.DOTALL)
_DQ_ESCAPE_RE = re.compile(r'\\([$`"\\\n])')
_NON_LITERAL_TYPES = frozenset({"simple_expansion", "expansion", "command_substitution",
                                "arithmetic_expansion", "process_substitution",
                                "brace_expression"})
_ARG_SKIP = frozenset({"variable_assignment", "command_name", "file_redirect",
                       "herestring_redirect", "heredoc_redirect", "comment"})
_CONDITIONAL_TYPES = frozenset({"if_statement", "elif_clause", "else_clause", "while_statement",
                                "for_statement", "c_style_for_statement", "case_statement",
                                "case_item"})


@record
class ShellWord:
    """One shell word.

    Attributes:
        text: the word with quotes and backslash escapes removed; parameter expansions and
            command substitutions are kept as written (``curl=${CURL_VERSION}``).
        raw: the word exactly as written.
        span: its place in the Dockerfile.
        literal: ``True`` when it contains no expansion or substitution.
    """

    text: str
    raw: str
    span: Span
    literal: bool = True


@record
class Assignment:
    """``NAME=value`` before a command, or an ``export``/``declare`` argument.

    Attributes:
        name: the variable name.
        value: the value word, or ``None`` for ``export NAME`` / ``NAME=``.
        span: the whole assignment.
    """

    name: str
    value: ShellWord | None
    span: Span


@record
class SimpleCommand:
    """A simple command: optional assignments, a program and its arguments.

    Attributes:
        argv: the words, program first (empty for a bare assignment such as ``A=1``).
        assignments: ``NAME=value`` prefixes (apply to this command only).
        span: the whole command.
        index: position of the command in its script (0-based, source order).
        operator: what joins it to the command before it: ``&&``, ``||``, ``;``, ``|``,
            ``&``, ``\\n``, or ``None`` for the first command.
        in_pipeline: part of a pipeline of two or more commands.
        pipeline_index: position within its pipeline (0 for the first).
        subshell: inside ``( ... )``, ``$( ... )`` or a process substitution.
        conditional: inside ``if``/``while``/``for``/``case``, or after ``||``.
        declaration: the ``export``/``declare``/``readonly``/``local`` keyword for declaration
            commands, else ``None``.
        pipeline: which pipeline it belongs to: the commands of one pipeline (also those in a
            ``{ ...; }`` group that is one of its parts) share a number from 1 up; 0 outside.
    """

    argv: tuple[ShellWord, ...]
    assignments: tuple[Assignment, ...]
    span: Span
    index: int
    operator: str | None = None
    in_pipeline: bool = False
    pipeline_index: int = 0
    subshell: bool = False
    conditional: bool = False
    declaration: str | None = None
    pipeline: int = 0

    @property
    def name(self) -> str:
        """The program's base name (``/sbin/apk`` -> ``apk``), or ``""``."""
        if not self.argv:
            return ""
        return self.argv[0].text.rsplit("/", 1)[-1]

    @property
    def args(self) -> tuple[ShellWord, ...]:
        """The arguments after the program."""
        return self.argv[1:]

    @property
    def line(self) -> int:
        """1-based physical line where the command starts."""
        return self.span.start_line

    def effective(self) -> tuple[str, tuple[ShellWord, ...]]:
        """The program really run and its arguments, looking through :data:`WRAPPERS`.

        ``sudo -u app apk add x`` -> ``("apk", (add, x))``; ``env A=1 go build`` ->
        ``("go", (build,))``. ``command -v x`` only looks ``x`` up, so it stays
        ``("command", (-v, x))``. Returns ``("", ())`` for a bare assignment.
        """
        prog, args, _ = self._unwrap()
        return prog, args

    def programs(self) -> tuple[ShellWord, ...]:
        """The program words in order: each wrapper (``sudo``, ``env``...), then the program
        really run (the last one). Empty for a bare assignment."""
        return self._unwrap()[2]

    def _unwrap(self) -> tuple[str, tuple[ShellWord, ...], tuple[ShellWord, ...]]:
        cached = self.__dict__.get("_unwrapped")  # computed once: many rules ask
        if cached is None:
            cached = self.__dict__["_unwrapped"] = self._compute_unwrap()
        return cached

    def _compute_unwrap(self) -> tuple[str, tuple[ShellWord, ...], tuple[ShellWord, ...]]:
        words = self.argv
        seen: list[ShellWord] = []
        while words:
            prog = words[0].text.rsplit("/", 1)[-1]
            seen.append(words[0])
            rest = words[1:]
            if prog not in WRAPPERS or (prog == "command" and rest and
                                        rest[0].text in ("-v", "-V")):
                return prog, rest, tuple(seen)
            i = 0
            while i < len(rest):
                t = rest[i].text
                if prog == "env" and "=" in t and not t.startswith("-"):
                    i += 1
                elif t.startswith("-"):
                    # options of sudo/env/nice/...; a few take a value
                    if t in ("-u", "-g", "-n", "-C", "-h", "-p", "-U", "-D", "-S", "-i", "-o",
                             "-e", "--user", "--group") and prog in ("sudo", "nice", "stdbuf",
                                                                    "doas", "env"):
                        i += 2
                    else:
                        i += 1
                elif prog in ("su-exec", "gosu", "chroot") and i == 0:
                    i += 1  # the user or new root
                else:
                    break
            words = rest[i:]
        return "", (), tuple(seen)


@record
class Option:
    """An option of an :class:`Invocation`.

    Attributes:
        name: as written up to any ``=`` (``--no-cache``, ``-y``, ``-ldflags``); short options
            in a cluster (``-qy``) are split into ``-q`` and ``-y``.
        value: its value word, or ``None`` for a switch.
        word: the word the option came from.
    """

    name: str
    value: ShellWord | None
    word: ShellWord


@record
class Invocation:
    """A call of a program with its options split from its operands.

    Attributes:
        command: the simple command it comes from.
        program: the program's base name (after :meth:`SimpleCommand.effective`).
        subcommand: the subcommand word (``install``, ``add``), if one was asked for.
        options: every option, in order (global ones before the subcommand included).
        operands: the positional arguments after the subcommand (packages, paths).
    """

    command: SimpleCommand
    program: str
    subcommand: ShellWord | None
    options: tuple[Option, ...]
    operands: tuple[ShellWord, ...]

    def has(self, *names: str) -> bool:
        """``True`` when any option called one of ``names`` is present."""
        return any(o.name in names for o in self.options)

    def option(self, *names: str) -> Option | None:
        """The last option called one of ``names``, or ``None``."""
        found = None
        for o in self.options:
            if o.name in names:
                found = o
        return found

    def value(self, *names: str) -> str | None:
        """The text of the last value given to one of ``names`` (``""`` for a switch)."""
        o = self.option(*names)
        if o is None:
            return None
        return o.value.text if o.value is not None else ""


def parse_options(words: Sequence[ShellWord], *, takes_value: Iterable[str] = (),
                  clusters: bool = True) -> tuple[tuple[Option, ...], tuple[ShellWord, ...]]:
    """Split ``words`` into options and operands, getopt style.

    Args:
        words: the arguments (program excluded).
        takes_value: option names that consume a value (``-o``, ``--virtual``); the value is
            the rest of a ``--name=value`` word, or the next word.
        clusters: read ``-abc`` as ``-a -b -c`` (GNU style). Set ``False`` for programs
            with single-dash long options (``go build -ldflags``, ``find -name``).

    Returns:
        ``(options, operands)``. ``--`` ends the options; it is not returned.
    """
    valued = frozenset(takes_value)
    options: list[Option] = []
    operands: list[ShellWord] = []
    i = 0
    n = len(words)
    while i < n:
        w = words[i]
        t = w.text
        if t == "--":
            operands.extend(words[i + 1:])
            break
        if t.startswith("-") and len(t) > 1:
            if "=" in t and (t.startswith("--") or not clusters):
                name, _, _ = t.partition("=")
                vtext = t[len(name) + 1:]
                options.append(Option(name, ShellWord(vtext, vtext, w.span, w.literal), w))
            elif t.startswith("--") or not clusters:
                if t in valued and i + 1 < n:
                    options.append(Option(t, words[i + 1], w))
                    i += 1
                else:
                    options.append(Option(t, None, w))
            else:
                chars = t[1:]
                for j, ch in enumerate(chars):
                    name = "-" + ch
                    if name in valued:
                        rest = chars[j + 1:]
                        if rest:
                            options.append(Option(name, ShellWord(rest, rest, w.span, w.literal),
                                                  w))
                        elif i + 1 < n:
                            options.append(Option(name, words[i + 1], w))
                            i += 1
                        else:
                            options.append(Option(name, None, w))
                        break
                    options.append(Option(name, None, w))
        else:
            operands.append(w)
        i += 1
    return tuple(options), tuple(operands)


def shell_option(words: Sequence[str], name: str) -> bool | None:
    """Whether a shell's or ``set``'s option words turn option ``name`` on or off.

    Reads ``-o name``, clusters ending in ``o`` (``-euo name``, ``-eo name``) and ``+o name``;
    long options (``--norc``) are skipped and ``--`` or the first operand ends the options, as
    in sh and bash. Used for ``pipefail`` in ``SHELL ["/bin/bash", "-o", "pipefail", "-c"]``
    and ``set -euo pipefail``.

    Returns:
        ``True`` when the last mention turns it on, ``False`` when it turns it off, ``None``
        when ``name`` is not mentioned.
    """
    state: bool | None = None
    i = 0
    n = len(words)
    while i < n:
        w = words[i]
        if w == "--" or len(w) < 2 or w[0] not in "-+":
            break
        if w.startswith("--"):
            i += 1
            continue
        letters = w[1:]
        o = letters.find("o")
        if o >= 0:
            value: str | None = letters[o + 1:]
            if not value:
                i += 1
                value = words[i] if i < n else None
            if value == name:
                state = w[0] == "-"
        i += 1
    return state


@record
class Script:
    """A parsed shell script (a RUN command line or a heredoc body run by a shell).

    Attributes:
        text: the script as the shell receives it.
        dialect: the shell it runs in (``sh``, ``bash``, ...).
        commands: every simple command, in source order (nested ones included).
        has_error: tree-sitter could not parse part of it (commands are still extracted).
        source: ``"run"`` for the RUN command line, or ``"heredoc"`` for a heredoc body.
        mapper: maps character offsets of :attr:`text` to file positions (for tools that
            report positions inside the script, such as ShellCheck), or ``None``.
        runner: the command line that runs the script, the script itself left out: the
            stage's SHELL (``("/bin/sh", "-c")``) for a shell-form RUN and for a heredoc that is
            the whole command; the shell named on the RUN line for ``RUN bash <<EOF`` (it reads
            the body on stdin, so SHELL's options do not reach it); the interpreter and its one
            optional argument, as the kernel passes them, for a heredoc starting with ``#!``;
            the JSON array's words before the script in exec form. Empty when unknown.
    """

    text: str
    dialect: str
    commands: tuple[SimpleCommand, ...]
    has_error: bool = False
    source: str = "run"
    mapper: PositionMapper | None = None
    runner: tuple[str, ...] = ()

    @property
    def program_names(self) -> frozenset[str]:
        """The effective program of every command (:meth:`SimpleCommand.effective`), computed
        once; lets a rule skip a script that never runs what it looks for."""
        names = self.__dict__.get("_program_names")
        if names is None:
            names = self.__dict__["_program_names"] = frozenset(
                c.effective()[0] for c in self.commands)
        return names

    def named(self, *names: str) -> Iterator[SimpleCommand]:
        """Commands whose effective program is one of ``names``, in order."""
        wanted = frozenset(names)
        if wanted.isdisjoint(self.program_names):
            return
        for cmd in self.commands:
            if cmd.argv and cmd.effective()[0] in wanted:
                yield cmd

    @property
    def has_pipeline(self) -> bool:
        """``True`` when some pipeline joins two or more commands with ``|``."""
        return any(c.in_pipeline for c in self.commands)

    def invocations(self, programs: str | Iterable[str], subcommands: Iterable[str] | None = None,
                    *, takes_value: Iterable[str] = (), clusters: bool = True
                    ) -> Iterator[Invocation]:
        """Calls of ``programs`` (base names), optionally only with one of ``subcommands``.

        The subcommand is the first operand (after global options); for example
        ``invocations("apk", {"add"}, takes_value={"-t", "--virtual", "-X", "--repository"})``
        yields every ``apk add`` with its options and the package operands.
        """
        progs = frozenset([programs] if isinstance(programs, str) else programs)
        if progs.isdisjoint(self.program_names):
            return
        subs = None if subcommands is None else frozenset(subcommands)
        for cmd in self.commands:
            prog, args = cmd.effective()
            if prog not in progs:
                continue
            options, operands = parse_options(args, takes_value=takes_value, clusters=clusters)
            sub = None
            if subs is not None:
                if not operands or operands[0].text not in subs:
                    continue
                sub = operands[0]
                # options after the subcommand are part of the same call
                idx = args.index(sub)
                pre_opts, _ = parse_options(args[:idx], takes_value=takes_value,
                                            clusters=clusters)
                post_opts, operands = parse_options(args[idx + 1:], takes_value=takes_value,
                                                    clusters=clusters)
                options = pre_opts + post_opts
            yield Invocation(cmd, prog, sub, options, operands)


class PositionMapper:
    """Maps character offsets of an assembled script to file positions.

    A script may be assembled from several pieces (the RUN command line, then each heredoc
    body): ``pieces`` holds ``(script_offset, source_map, source_offset)`` in script order.
    """

    __slots__ = ("_pieces", "_starts")

    def __init__(self, pieces: Sequence[tuple[int, SourceMap, int]]) -> None:
        self._pieces = list(pieces)
        self._starts = [p[0] for p in pieces]

    def _piece(self, offset: int) -> tuple[int, SourceMap, int]:
        import bisect

        i = max(bisect.bisect_right(self._starts, offset) - 1, 0)
        return self._pieces[i]

    def span(self, start: int, end: int) -> Span:
        """Span of script character offsets ``[start, end)``."""
        s0, smap, base = self._piece(start)
        first = smap.span(base + start - s0, base + start - s0 + 1)
        if end <= start:
            return Span(first.start_line, first.start_column, first.start_line,
                        first.start_column)
        e0, emap, ebase = self._piece(end - 1)
        last = emap.span(ebase + end - 1 - e0, ebase + end - e0)
        return Span(first.start_line, first.start_column, last.end_line, last.end_column)


@functools.lru_cache(maxsize=1)
def _parser() -> Any:
    import tree_sitter
    import tree_sitter_bash

    return tree_sitter.Parser(tree_sitter.Language(tree_sitter_bash.language()))


class _Builder:
    def __init__(self, text: str, mapper: PositionMapper) -> None:
        self.text = text
        self.data = text.encode("utf-8")
        self.ascii = len(self.data) == len(text)
        self._char_of: list[int] | None = None
        self.mapper = mapper
        self.commands: list[SimpleCommand] = []
        self.pipelines = 0

    def chars(self, byte: int) -> int:
        if self.ascii:
            return byte
        if self._char_of is None:
            table = []
            for i, ch in enumerate(self.text):
                table.extend([i] * len(ch.encode("utf-8")))
            table.append(len(self.text))
            self._char_of = table
        return self._char_of[min(byte, len(self._char_of) - 1)]

    def raw(self, node: Node) -> str:
        return self.data[node.start_byte:node.end_byte].decode("utf-8", "replace")

    def span(self, node: Node) -> Span:
        return self.mapper.span(self.chars(node.start_byte),
                                self.chars(node.end_byte))

    def word(self, node: Node) -> ShellWord:
        text, literal = self._text(node)
        return ShellWord(text, self.raw(node), self.span(node), literal)

    def _text(self, node: Node) -> tuple[str, bool]:
        t = node.type
        raw = self.raw(node)
        if t == "word" or t == "number":
            return (_ESCAPE_RE.sub(r"\1", raw) if "\\" in raw else raw), True
        if t == "raw_string":
            return raw[1:-1], True
        if t == "ansi_c_string":
            return raw[2:-1], True
        if t in ("string", "translated_string"):
            inner = raw[1:-1] if t == "string" else raw[2:-1]
            literal = not any(c.type in _NON_LITERAL_TYPES
                              for c in node.named_children)
            return _DQ_ESCAPE_RE.sub(r"\1", inner), literal
        if t == "concatenation":
            parts = []
            literal = True
            for c in node.children:
                text, lit = self._text(c)
                parts.append(text)
                literal = literal and lit
            return "".join(parts), literal
        if t in _NON_LITERAL_TYPES:
            return raw, False
        return raw, True

    # -- traversal -------------------------------------------------------------------------

    def walk(self, node: Node, *, operator: str | None, subshell: bool, conditional: bool,
             pipeline: int = 0, pipeline_index: int = 0) -> None:
        t = node.type
        if t == "command":
            self.command(node, operator, subshell, conditional, pipeline, pipeline_index)
            return
        if t == "declaration_command" or t == "unset_command":
            self.declaration(node, operator, subshell, conditional)
            return
        if t == "variable_assignment" or t == "variable_assignments":
            assigns = (self.assignment(node),) if t == "variable_assignment" else tuple(
                self.assignment(c) for c in node.named_children
                if c.type == "variable_assignment")
            self.commands.append(SimpleCommand((), assigns, self.span(node), len(self.commands),
                                               operator, False, 0, subshell, conditional))
            nested: list[Node] = []
            self._collect_nested(node, nested)
            for sub in nested:  # A=$(cmd): cmd runs too
                self.walk(sub, operator=None, subshell=True, conditional=conditional)
            return
        if t in ("heredoc_body", "comment", "heredoc_start", "heredoc_end"):
            return
        if t == "pipeline":
            idx = 0
            op = operator
            self.pipelines += 1
            number = self.pipelines
            for c in node.children:
                if not c.is_named:
                    if c.type in ("|", "|&"):
                        op = "|"
                    continue
                self.walk(c, operator=op, subshell=subshell, conditional=conditional,
                          pipeline=number, pipeline_index=idx)
                idx += 1
            return
        if t == "list":
            op = operator
            cond = conditional
            for c in node.children:
                if not c.is_named:
                    op = c.type
                    if op == "||":
                        cond = True
                    continue
                self.walk(c, operator=op, subshell=subshell, conditional=cond,
                          pipeline=pipeline, pipeline_index=pipeline_index)
            return
        sub = subshell or t in ("subshell", "command_substitution", "process_substitution")
        cond = conditional or t in _CONDITIONAL_TYPES
        op = operator
        for c in node.children:
            if not c.is_named:
                if c.type in (";", "&", ";;"):
                    op = c.type
                continue
            self.walk(c, operator=op, subshell=sub, conditional=cond, pipeline=pipeline,
                      pipeline_index=pipeline_index)
            op = ";"

    def assignment(self, node: Node) -> Assignment:
        name_node = node.child_by_field_name("name")
        value_node = node.child_by_field_name("value")
        name = self.raw(name_node) if name_node is not None else self.raw(node).split("=")[0]
        value = self.word(value_node) if value_node is not None else None
        return Assignment(name, value, self.span(node))

    def command(self, node: Node, operator: str | None, subshell: bool, conditional: bool,
                pipeline: int, pipeline_index: int) -> None:
        assigns: list[Assignment] = []
        argv: list[ShellWord] = []
        nested: list[Node] = []
        for c in node.named_children:
            ct = c.type
            if ct == "variable_assignment":
                assigns.append(self.assignment(c))
                self._collect_nested(c, nested)
            elif ct == "command_name":
                inner = c.named_children[0] if c.named_child_count else c
                argv.append(self.word(inner))
                self._collect_nested(inner, nested)
            elif ct in _ARG_SKIP:
                self._collect_nested(c, nested)
            else:
                argv.append(self.word(c))
                self._collect_nested(c, nested)
        self.commands.append(SimpleCommand(tuple(argv), tuple(assigns), self.span(node),
                                           len(self.commands), operator, pipeline > 0,
                                           pipeline_index, subshell, conditional,
                                           pipeline=pipeline))
        for sub in nested:
            self.walk(sub, operator=None, subshell=True, conditional=conditional)

    def declaration(self, node: Node, operator: str | None, subshell: bool,
                    conditional: bool) -> None:
        keyword = ""
        argv: list[ShellWord] = []
        assigns: list[Assignment] = []
        nested: list[Node] = []
        for c in node.children:
            if not c.is_named:
                keyword = self.raw(c)
                argv.append(self.word(c))
                continue
            if c.type == "variable_assignment":
                a = self.assignment(c)
                assigns.append(a)
                argv.append(ShellWord(self._text(c)[0], self.raw(c), self.span(c)))
            elif c.type == "variable_name":
                assigns.append(Assignment(self.raw(c), None, self.span(c)))
                argv.append(self.word(c))
            else:
                argv.append(self.word(c))
            self._collect_nested(c, nested)
        self.commands.append(SimpleCommand(tuple(argv), tuple(assigns), self.span(node),
                                           len(self.commands), operator, False, 0, subshell,
                                           conditional, declaration=keyword or None))
        for sub in nested:
            self.walk(sub, operator=None, subshell=True, conditional=conditional)

    def _collect_nested(self, node: Node, out: list[Node]) -> None:
        stack = [node]
        while stack:
            cur = stack.pop()
            if cur.type in ("command_substitution", "process_substitution"):
                out.append(cur)
                continue
            stack.extend(reversed(cur.named_children))


def parse_script(text: str, mapper: PositionMapper, dialect: str = "sh",
                 source: str = "run", runner: tuple[str, ...] = ()) -> Script:
    """Parse shell ``text`` into a :class:`Script`.

    Args:
        text: the script.
        mapper: maps character offsets of ``text`` to file positions.
        dialect: the shell that runs it (recorded; the grammar is bash's for all POSIX shells).
        source: ``"run"`` or ``"heredoc"``.
        runner: the command that runs it (see :attr:`Script.runner`).
    """
    tree = _parser().parse(text.encode("utf-8"))
    builder = _Builder(text, mapper)
    builder.walk(tree.root_node, operator=None, subshell=False, conditional=False)
    commands = sorted(builder.commands, key=lambda c: (c.span.start_line, c.span.start_column))
    commands = [c if c.index == i else _reindex(c, i) for i, c in enumerate(commands)]
    return Script(text, dialect, tuple(commands), tree.root_node.has_error, source,
                  mapper=mapper, runner=runner)


def _reindex(cmd: SimpleCommand, index: int) -> SimpleCommand:
    return replace(cmd, index=index)


#: ``go build``/``go install`` flags that take a value (from ``go help build``).
GO_VALUE_FLAGS = frozenset({
    "-o", "-p", "-C", "-ldflags", "-gcflags", "-asmflags", "-gccgoflags", "-tags",
    "-installsuffix", "-mod", "-modfile", "-overlay", "-pkgdir", "-buildmode", "-compiler",
    "-pgo", "-coverpkg", "-covermode", "-toolexec", "-buildvcs", "-modcacherw", "-json",
})
#: ``apk`` options that take a value (from ``apk --help``).
APK_VALUE_FLAGS = frozenset({
    "-t", "--virtual", "-X", "--repository", "-p", "--root", "--arch", "--cache-dir",
    "--keys-dir", "--repositories-file", "--cache-max-age", "--timeout", "--wait",
})


def _normalize_go(inv: Invocation) -> Invocation:
    opts = tuple(Option("-" + o.name.lstrip("-"), o.value, o.word) for o in inv.options)
    return Invocation(inv.command, inv.program, inv.subcommand, opts, inv.operands)


def go_invocations(script: Script, subcommands: Iterable[str] = ("build", "install")
                   ) -> Iterator[Invocation]:
    """``go build``/``go install`` (or other ``subcommands``) calls in ``script``.

    Go flags are single-dash long options (``-ldflags "-s -w"``, ``-trimpath``); option names
    are normalised to one dash, so ``--trimpath`` is reported as ``-trimpath``.
    """
    valued = GO_VALUE_FLAGS | {"-" + f for f in GO_VALUE_FLAGS}
    for inv in script.invocations("go", subcommands, takes_value=valued, clusters=False):
        yield _normalize_go(inv)


def apk_adds(script: Script) -> Iterator[Invocation]:
    """Every ``apk add`` in ``script``, options (global ones included) and package operands."""
    yield from script.invocations("apk", {"add"}, takes_value=APK_VALUE_FLAGS)
