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

import bisect
import functools
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple

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
        nesting: how deeply subshells, command substitutions, groups and compound commands
            nest (``echo $(a $(b))`` is 2); ShellCheck's cost grows fast with it.
    """

    text: str
    dialect: str
    commands: tuple[SimpleCommand, ...]
    has_error: bool = False
    source: str = "run"
    mapper: PositionMapper | None = None
    runner: tuple[str, ...] = ()
    nesting: int = 0

    @property
    def program_names(self) -> frozenset[str]:
        """The effective program of every command (:meth:`SimpleCommand.effective`), computed
        once; lets a rule skip a script that never runs what it looks for."""
        names = self.__dict__.get("_program_names")
        if names is None:
            names = self.__dict__["_program_names"] = frozenset(
                c.effective()[0] for c in self.commands)
        return names

    @functools.cached_property
    def package_index(self) -> dict[str, list[PackageCall]]:
        """Every package-manager call of the script, by manager family, in source order
        (computed once; see :func:`package_calls`)."""
        return _index_package_calls(self)

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
        i = max(bisect.bisect_right(self._starts, offset) - 1, 0)
        return self._pieces[i]

    def span(self, start: int, end: int) -> Span:
        """Span of script character offsets ``[start, end)``."""
        if len(self._pieces) == 1:  # the common case: one source map, shifted
            _, smap, base = self._pieces[0]
            return smap.span(base + start, base + end)
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

    return tree_sitter.Parser(tree_sitter.Language(_bash_language()))


def _bash_language() -> Any:
    """tree-sitter-bash's language pointer, from its compiled ``_binding`` module.

    The package's ``__init__`` imports ``importlib.resources`` (and with it ``tempfile``,
    ``shutil``, ``random``) only to offer highlight queries dockwise does not use; loading the
    binding alone saves about 5 ms on every run. Falls back to the package when its layout is
    not the expected one.
    """
    import importlib.machinery
    import importlib.util

    try:
        spec = importlib.util.find_spec("tree_sitter_bash")
        folder = Path(next(iter(spec.submodule_search_locations or ())))  # type: ignore[union-attr]
        binary = next(path for suffix in importlib.machinery.EXTENSION_SUFFIXES
                      if (path := folder / f"_binding{suffix}").is_file())
        loader = importlib.machinery.ExtensionFileLoader("tree_sitter_bash._binding",
                                                          str(binary))
        binding_spec = importlib.util.spec_from_loader(loader.name, loader)
        assert binding_spec is not None
        binding = importlib.util.module_from_spec(binding_spec)
        loader.exec_module(binding)
        return binding.language()
    except (ImportError, StopIteration, AssertionError, AttributeError, OSError):
        import tree_sitter_bash

        return tree_sitter_bash.language()


class _Frame(NamedTuple):
    """A node still to visit, with what its ancestors tell about it."""

    node: Node
    operator: str | None
    subshell: bool
    conditional: bool
    pipeline: int = 0
    pipeline_index: int = 0


#: Node types that open a nesting level (see :attr:`Script.nesting`).
_NESTING_TYPES = frozenset({
    "subshell", "command_substitution", "process_substitution", "compound_statement",
    "if_statement", "while_statement", "for_statement", "c_style_for_statement",
    "case_statement", "function_definition"})


class _Builder:
    def __init__(self, text: str, mapper: PositionMapper) -> None:
        self.text = text
        self.data = text.encode("utf-8")
        self.ascii = len(self.data) == len(text)
        self._char_of: list[int] | None = None
        self.mapper = mapper
        self.commands: list[SimpleCommand] = []
        self.pipelines = 0
        self.nesting = 0

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

    def walk(self, root: Node) -> None:
        """Record every simple command under ``root``, depth first in source order.

        Iterative, not recursive: ``a && b && ...`` is a left-nested chain of ``list`` nodes as
        deep as it is long, and a RUN of thousands of commands must not exhaust Python's stack.
        """
        stack: list[tuple[_Frame, int]] = [(_Frame(root, None, False, False), 0)]
        nesting_types = _NESTING_TYPES
        while stack:
            frame, nesting = stack.pop()
            if frame.node.type in nesting_types:
                nesting += 1
                if nesting > self.nesting:
                    self.nesting = nesting
            children = self._visit(frame)
            if children:
                stack.extend((child, nesting) for child in reversed(children))

    def _visit(self, frame: _Frame) -> list[_Frame]:
        """Record what ``frame.node`` itself holds; return its children to visit, in order."""
        node, operator, subshell, conditional = (frame.node, frame.operator, frame.subshell,
                                                 frame.conditional)
        t = node.type
        if t == "command":
            return self.command(node, operator, subshell, conditional, frame.pipeline,
                                frame.pipeline_index)
        if t == "declaration_command" or t == "unset_command":
            return self.declaration(node, operator, subshell, conditional)
        if t == "variable_assignment" or t == "variable_assignments":
            assigns = (self.assignment(node),) if t == "variable_assignment" else tuple(
                self.assignment(c) for c in node.named_children
                if c.type == "variable_assignment")
            self.commands.append(SimpleCommand((), assigns, self.span(node), len(self.commands),
                                               operator, False, 0, subshell, conditional))
            nested: list[Node] = []
            self._collect_nested(node, nested)  # A=$(cmd): cmd runs too
            return [_Frame(sub, None, True, conditional) for sub in nested]
        if t in ("heredoc_body", "comment", "heredoc_start", "heredoc_end"):
            return []
        out: list[_Frame] = []
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
                out.append(_Frame(c, op, subshell, conditional, number, idx))
                idx += 1
            return out
        if t == "list":
            op = operator
            cond = conditional
            for c in node.children:
                if not c.is_named:
                    op = c.type
                    if op == "||":
                        cond = True
                    continue
                out.append(_Frame(c, op, subshell, cond, frame.pipeline, frame.pipeline_index))
            return out
        sub = subshell or t in ("subshell", "command_substitution", "process_substitution")
        cond = conditional or t in _CONDITIONAL_TYPES
        op = operator
        for c in node.children:
            if not c.is_named:
                if c.type in (";", "&", ";;"):
                    op = c.type
                continue
            out.append(_Frame(c, op, sub, cond, frame.pipeline, frame.pipeline_index))
            op = ";"
        return out

    def assignment(self, node: Node) -> Assignment:
        name_node = node.child_by_field_name("name")
        value_node = node.child_by_field_name("value")
        name = self.raw(name_node) if name_node is not None else self.raw(node).split("=")[0]
        value = self.word(value_node) if value_node is not None else None
        return Assignment(name, value, self.span(node))

    def command(self, node: Node, operator: str | None, subshell: bool, conditional: bool,
                pipeline: int, pipeline_index: int) -> list[_Frame]:
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
        return [_Frame(sub, None, True, conditional) for sub in nested]

    def declaration(self, node: Node, operator: str | None, subshell: bool,
                    conditional: bool) -> list[_Frame]:
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
        return [_Frame(sub, None, True, conditional) for sub in nested]

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
    builder.walk(tree.root_node)
    commands = sorted(builder.commands, key=lambda c: (c.span.start_line, c.span.start_column))
    commands = [c if c.index == i else _reindex(c, i) for i, c in enumerate(commands)]
    return Script(text, dialect, tuple(commands), tree.root_node.has_error, source,
                  mapper=mapper, runner=runner, nesting=builder.nesting)


def _reindex(cmd: SimpleCommand, index: int) -> SimpleCommand:
    return replace(cmd, index=index)


#: ``go build``/``go install`` flags that take a value (from ``go help build``).
GO_VALUE_FLAGS = frozenset({
    "-o", "-p", "-C", "-ldflags", "-gcflags", "-asmflags", "-gccgoflags", "-tags",
    "-installsuffix", "-mod", "-modfile", "-overlay", "-pkgdir", "-buildmode", "-compiler",
    "-pgo", "-coverpkg", "-covermode", "-toolexec", "-buildvcs", "-modcacherw", "-json",
})
_GO_FLAGS_ANY_DASH = GO_VALUE_FLAGS | {"-" + f for f in GO_VALUE_FLAGS}
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
    for inv in script.invocations("go", subcommands, takes_value=_GO_FLAGS_ANY_DASH,
                                  clusters=False):
        yield _normalize_go(inv)


def apk_adds(script: Script) -> Iterator[Invocation]:
    """Every ``apk add`` in ``script``, options (global ones included) and package operands."""
    yield from script.invocations("apk", {"add"}, takes_value=APK_VALUE_FLAGS)


# -- package managers ----------------------------------------------------------------------------
#
# Option tables come from each tool's own reference (``apt-get(8)``, ``apk --help``,
# ``pip install --help``, ``npm help install``, ``gem help install``, ``dnf(8)``, ``yum(8)``,
# ``zypper(8)``, ``yarn help``). Only options that take a *separate* value matter here: without
# them, the value after ``--virtual`` or ``--index-url`` would be read as a package.

#: ``apt-get``/``apt`` options that take a value.
APT_VALUE_FLAGS = frozenset({
    "-o", "--option", "-c", "--config-file", "-t", "--target-release", "--default-release",
    "-a", "--host-architecture", "-P", "--build-profiles", "--solver", "--planner",
})
#: ``pip install`` options that take a value.
PIP_VALUE_FLAGS = frozenset({
    "-r", "--requirement", "-c", "--constraint", "-e", "--editable", "-t", "--target",
    "--platform", "--python-version", "--implementation", "--abi", "--root", "--prefix",
    "--src", "--upgrade-strategy", "-C", "--config-settings", "--global-option",
    "--install-option", "--build-option", "--no-binary", "--only-binary", "--progress-bar",
    "--root-user-action", "--report", "-i", "--index-url", "--extra-index-url", "-f",
    "--find-links", "--trusted-host", "--proxy", "--retries", "--timeout", "--exists-action",
    "--cert", "--client-cert", "--cache-dir", "--log", "--log-file", "--keyring-provider",
    "--python", "--use-feature", "--use-deprecated", "--group", "--resume-retries", "-b",
    "--build",
})
#: ``npm install`` options that take a value.
NPM_VALUE_FLAGS = frozenset({
    "--registry", "--loglevel", "--prefix", "-C", "--cache", "--omit", "--include", "--tag",
    "-w", "--workspace", "--userconfig", "--globalconfig", "--install-strategy", "--before",
    "--location", "--python", "--save-prefix", "--scope", "--otp", "--fetch-retries",
    "--fetch-timeout", "--script-shell", "--node-options", "--cpu", "--os", "--libc",
})
#: ``gem install`` options that take a value.
GEM_VALUE_FLAGS = frozenset({
    "-v", "--version", "-i", "--install-dir", "-n", "--bindir", "-s", "--source", "-p",
    "--http-proxy", "--platform", "-P", "--trust-policy", "-g", "--file", "--build-root",
    "--target-rbconfig",
})
#: ``yum``/``dnf``/``microdnf`` options that take a value.
RPM_VALUE_FLAGS = frozenset({
    "--installroot", "--releasever", "--setopt", "--enablerepo", "--disablerepo", "--repo",
    "--repoid", "-c", "--config", "-d", "--debuglevel", "-e", "--errorlevel", "-x", "--exclude",
    "--excludepkgs", "--includepkgs", "--downloaddir", "--destdir", "--forcearch",
    "--repofrompath", "--comment", "--advisory", "--advisories", "--bz", "--bzs", "--cve",
    "--cves", "--sec-severity", "--secseverity", "--color", "--rpmverbosity",
    "--disableplugin", "--enableplugin", "--use-host-config", "--setvar",
})
#: ``zypper`` options (global and of its package commands) that take a value.
ZYPPER_VALUE_FLAGS = frozenset({
    "-c", "--config", "-R", "--root", "--installroot", "-D", "--reposd-dir", "-C",
    "--cache-dir", "--raw-cache-dir", "--solv-cache-dir", "--pkg-cache-dir", "--userdata",
    "-p", "--plus-repo", "--plus-content", "-t", "--type", "-r", "--repo", "--from",
    "--download",
})
#: ``yarn`` options that take a value.
YARN_VALUE_FLAGS = frozenset({
    "--cache-folder", "--modules-folder", "--network-timeout", "--registry", "--mutex",
    "--cwd", "--global-folder", "--link-folder", "--network-concurrency",
})

_PIP_RE = re.compile(r"^pip(\d+(\.\d+)?)?$")
_PYTHON_RE = re.compile(r"^python(\d+(\.\d+)?)?$")


@record
class PackageManager:
    """How dockwise reads one package manager's command line.

    Attributes:
        name: the family: ``apt``, ``apk``, ``pip``, ``npm``, ``gem``, ``yum``, ``dnf``,
            ``zypper``, ``go`` or ``yarn``.
        programs: program base names that run it (``pip`` also matches ``pip3``, ``pip3.12``
            and ``python3 -m pip``).
        value_flags: options that take a value, so that value is not read as a package.
        actions: subcommand aliases mapped to their canonical name (``in`` -> ``install``).
        installs: canonical actions that install packages.
        clusters: short options may be clustered (``-yq``); ``False`` for Go's ``-ldflags``.
    """

    name: str
    programs: frozenset[str]
    value_flags: frozenset[str]
    actions: dict[str, str]
    installs: frozenset[str]
    clusters: bool = True


def _aliases(**groups: str) -> dict[str, str]:
    """``install="in i"`` -> ``{"install": "install", "in": "install", "i": "install"}``."""
    out: dict[str, str] = {}
    for canonical, words in groups.items():
        canonical = canonical.strip("_").replace("_", "-")  # global_ -> global
        out[canonical] = canonical
        for word in words.split():
            out[word] = canonical
    return out


_RPM_ACTIONS = _aliases(install="in", groupinstall="", localinstall="", reinstall="rei",
                        update="up upgrade", downgrade="dg", distro_sync="dsync",
                        remove="rm erase", clean="", group="grp groups", module="",
                        makecache="mc", autoremove="")
#: yum/dnf actions that ask "Is this ok [y/N]" before changing anything.
RPM_PROMPTING = frozenset({"install", "groupinstall", "localinstall", "reinstall", "update",
                           "downgrade", "distro-sync", "module-install", "remove", "autoremove"})
_RPM_INSTALLS = frozenset({"install", "groupinstall", "localinstall", "reinstall", "update",
                           "downgrade", "distro-sync", "module-install"})

#: Every package manager dockwise reads, by family name.
PACKAGE_MANAGERS: dict[str, PackageManager] = {m.name: m for m in (
    PackageManager("apt", frozenset({"apt-get", "apt"}), APT_VALUE_FLAGS,
                   _aliases(install="", update="", upgrade="", dist_upgrade="",
                            full_upgrade="", remove="", purge="", autoremove="", clean="",
                            autoclean="", dist_clean="distclean", build_dep="", reinstall="",
                            source="", download="", search="", show="", policy="", list="",
                            depends="", rdepends="", madison=""),
                   frozenset({"install", "upgrade", "dist-upgrade", "full-upgrade",
                              "build-dep", "reinstall"})),
    PackageManager("apk", frozenset({"apk"}), APK_VALUE_FLAGS,
                   _aliases(add="", update="", upgrade="", delete="del", cache="", fix=""),
                   frozenset({"add"})),
    PackageManager("pip", frozenset({"pip"}), PIP_VALUE_FLAGS,
                   _aliases(install="", download="", wheel="", uninstall="", cache=""),
                   frozenset({"install"})),
    PackageManager("npm", frozenset({"npm"}), NPM_VALUE_FLAGS,
                   _aliases(install="i in ins inst insta instal isnt isnta isntal isntall add",
                            ci="clean-install ic install-clean isntall-clean", cache="",
                            uninstall="un unlink remove rm r"),
                   frozenset({"install", "ci"})),
    PackageManager("gem", frozenset({"gem"}), GEM_VALUE_FLAGS,
                   _aliases(install="i", update="", uninstall=""), frozenset({"install"})),
    PackageManager("yum", frozenset({"yum"}), RPM_VALUE_FLAGS, _RPM_ACTIONS, _RPM_INSTALLS),
    PackageManager("dnf", frozenset({"dnf", "dnf5", "microdnf"}), RPM_VALUE_FLAGS,
                   _RPM_ACTIONS, _RPM_INSTALLS),
    PackageManager("zypper", frozenset({"zypper"}), ZYPPER_VALUE_FLAGS,
                   _aliases(install="in", remove="rm", update="up", dist_upgrade="dup",
                            patch="", source_install="si", clean="cc clean-cache",
                            refresh="ref", install_new_recommends="inr"),
                   frozenset({"install", "update", "dist-upgrade", "patch", "source-install",
                              "install-new-recommends"})),
    PackageManager("go", frozenset({"go"}), _GO_FLAGS_ANY_DASH,
                   _aliases(install="", get="", run="", build="", mod=""),
                   frozenset({"install", "get", "run"}), clusters=False),
    PackageManager("yarn", frozenset({"yarn"}), YARN_VALUE_FLAGS,
                   _aliases(install="", add="", global_="", cache=""),
                   frozenset({"install", "add"})),
)}


_MANAGER_OF = {prog: m for m in PACKAGE_MANAGERS.values() for prog in m.programs}


@record
class PackageCall:
    """One call of a package manager, with its options and package operands.

    Attributes:
        manager: the :class:`PackageManager` family (``apt``, ``pip``, ...).
        invocation: the call: :attr:`Invocation.program` is the program as run (``apt-get``,
            ``microdnf``, ``pip3``; ``python3`` for ``python3 -m pip``), its options (global ones
            before the subcommand included) and the subcommand word.
        action: the canonical subcommand (``install`` for ``apt-get install``, ``zypper in``,
            ``npm i``; ``install`` for a bare ``yarn``; ``groupinstall`` for ``dnf group
            install``, ``module-install`` for ``dnf module install``, ``add`` for ``yarn global
            add``), or ``""`` when there is none.
        program_word: the word naming the program (``apt-get``, ``python3``), for spans.
        global_options: the options written before the subcommand (``zypper -n install``).
        packages: the operands after the subcommand: package names, specs, files or URLs
            as written (``curl=7.88.1-10``, ``$PACKAGES``). For ``yum group install`` and
            ``dnf module install`` the second word (``install``) is not included; for ``gem``
            the words after ``--`` (build options) are not included.
    """

    manager: str
    invocation: Invocation
    action: str
    program_word: ShellWord
    global_options: tuple[Option, ...]
    packages: tuple[ShellWord, ...]

    @property
    def command(self) -> SimpleCommand:
        """The simple command of the call."""
        return self.invocation.command

    @property
    def subcommand(self) -> ShellWord | None:
        """The subcommand word as written (``install``, ``in``), or ``None``."""
        return self.invocation.subcommand

    @property
    def head(self) -> str:
        """The command as people name it, for messages: ``apt-get install``, ``dnf group
        install``, ``python3 -m pip install``, ``yarn``."""
        prog = self.invocation.program
        if self.manager == "pip" and not _PIP_RE.match(prog):
            prog += " -m pip"
        sub = self.invocation.subcommand
        if sub is None:
            return prog
        if self.action in ("groupinstall", "module-install") and sub.text != "groupinstall":
            return f"{prog} {sub.text} install"
        if sub.text == "global":
            return f"{prog} global {self.action}"
        return f"{prog} {sub.text}"

    @property
    def head_span(self) -> Span:
        """From the program word to the subcommand (``apt-get install``), for messages."""
        sub = self.invocation.subcommand
        return self.program_word.span.cover(sub.span) if sub else self.program_word.span

    def has(self, *names: str) -> bool:
        """``True`` when an option called one of ``names`` is present."""
        return self.invocation.has(*names)

    def value(self, *names: str) -> str | None:
        """See :meth:`Invocation.value`."""
        return self.invocation.value(*names)


def _program_of(words: tuple[ShellWord, ...], manager: PackageManager
                ) -> tuple[int, str] | None:
    """Where the manager's own arguments start in ``words`` (the command's effective argv)
    and the program name, or ``None`` when the command does not run ``manager``."""
    if not words:
        return None
    prog = words[0].text.rsplit("/", 1)[-1]
    if prog in manager.programs:
        return 1, prog
    if manager.name == "pip":
        if _PIP_RE.match(prog):
            return 1, prog
        if _PYTHON_RE.match(prog):
            # python [-u -I ...] -m pip ...
            for i in range(1, len(words)):
                t = words[i].text
                if t == "-m" and i + 1 < len(words) and _PIP_RE.match(words[i + 1].text):
                    return i + 2, prog
                if t in ("-mpip", "-mpip3"):
                    return i + 1, prog
                if not t.startswith("-") or t == "-c":
                    return None
    return None


def package_calls(script: Script, manager: str, actions: Iterable[str] | None = None
                  ) -> Iterator[PackageCall]:
    """Calls of package manager ``manager`` (a :data:`PACKAGE_MANAGERS` key) in ``script``.

    Wrappers (``sudo``, ``env``) are looked through and ``NAME=value`` prefixes ignored.
    ``actions`` filters on canonical subcommands (``{"install"}``); ``None`` yields every
    call, with or without a subcommand.

    Raises:
        KeyError: ``manager`` is not a known family.
    """
    calls = script.package_index.get(PACKAGE_MANAGERS[manager].name, ())
    if actions is None:
        yield from calls
        return
    wanted = frozenset(actions)
    for call in calls:
        if call.action in wanted:
            yield call


def _index_package_calls(script: Script) -> dict[str, list[PackageCall]]:
    index: dict[str, list[PackageCall]] = {}
    for cmd in script.commands:
        if not cmd.argv:
            continue
        prog, rest = cmd.effective()
        mgr = _MANAGER_OF.get(prog)
        if mgr is None:
            if not (_PIP_RE.match(prog) or _PYTHON_RE.match(prog)):
                continue
            mgr = PACKAGE_MANAGERS["pip"]
        eff = (cmd.argv[len(cmd.argv) - len(rest) - 1], *rest)
        found = _program_of(eff, mgr)
        if found is not None:
            index.setdefault(mgr.name, []).append(_package_call(mgr, cmd, eff, *found))
    return index


def _package_call(mgr: PackageManager, cmd: SimpleCommand, eff: tuple[ShellWord, ...],
                  start: int, name: str) -> PackageCall:
    args = eff[start:]
    if mgr.name == "gem":
        # words after "--" are options for the gem's build, not gems
        for i, w in enumerate(args):
            if w.text == "--":
                args = args[:i]
                break
    options, operands = parse_options(args, takes_value=mgr.value_flags, clusters=mgr.clusters)
    sub = operands[0] if operands else None
    action = mgr.actions.get(sub.text, "") if sub is not None else ""
    global_options: tuple[Option, ...] = options
    packages: tuple[ShellWord, ...] = ()
    if sub is not None and action:
        idx = args.index(sub)
        global_options, _ = parse_options(args[:idx], takes_value=mgr.value_flags,
                                          clusters=mgr.clusters)
        post, packages = parse_options(args[idx + 1:], takes_value=mgr.value_flags,
                                       clusters=mgr.clusters)
        options = global_options + post
        if action in ("group", "module") and packages and packages[0].text in ("install",
                                                                                "in"):
            action = "groupinstall" if action == "group" else "module-install"
            packages = packages[1:]
        elif action == "global" and packages:
            action = mgr.actions.get(packages[0].text, "")
            packages = packages[1:]
    elif mgr.name == "yarn" and not operands and not any(
            o.name in ("-v", "--version", "-h", "--help") for o in options):
        action = "install"  # a bare `yarn` installs the lockfile's dependencies
    inv = Invocation(cmd, name, sub if action else None, options, packages)
    if mgr.name == "go":
        inv = _normalize_go(inv)
    return PackageCall(mgr.name, inv, action, eff[0], global_options, packages)


def package_installs(script: Script) -> Iterator[PackageCall]:
    """Every call that installs packages, of every manager in :data:`PACKAGE_MANAGERS`, in
    the order of the managers' table (not source order)."""
    for name, mgr in PACKAGE_MANAGERS.items():
        yield from package_calls(script, name, mgr.installs)


def removes_path(script: Script, paths: Iterable[str], after: int = -1) -> bool:
    """``True`` when a command after command index ``after`` deletes one of ``paths`` (or a
    directory containing it): ``rm -rf /var/lib/apt/lists/*``, ``rm -r /var/cache/apk``,
    ``find /var/cache/yum -delete``.

    Paths are matched with :func:`path_covers`; ``~`` is taken literally.
    """
    targets = tuple(paths)
    for cmd in script.commands[after + 1:]:
        prog, args = cmd.effective()
        if prog == "rm":
            operands = [w.text for w in args if not w.text.startswith("-")]
        elif prog == "find" and any(w.text == "-delete" for w in args):
            operands = [w.text for w in args[:1]]
        else:
            continue
        for op in operands:
            if any(path_covers(op, t) for t in targets):
                return True
    return False


_HOME_RE = re.compile(r"^(~|\$HOME|\$\{HOME\}|/root|/home/[^/]+|/usr/local/share)$")


def path_covers(operand: str, target: str) -> bool:
    """``True`` when deleting (or mounting over) ``operand`` covers all of ``target``.

    ``operand`` is compared after removing a trailing ``/``, ``/*`` or ``*``; it covers
    ``target`` when it is the same path or a directory above it. A ``target`` ending in
    ``/`` is a suffix: ``/.cache/pip/`` is covered by ``/root/.cache/pip``,
    ``~/.cache/pip/*``, and by ``/root/.cache`` or ``$HOME/.cache`` (a leading part right
    below a home directory), not by ``node_modules/.cache``.
    """
    op = operand
    if op == "/":
        return True
    while op.endswith(("/*", "*", "/")) and len(op) > 1:
        op = op[:-2] if op.endswith("/*") else op[:-1]
    if target.endswith("/"):
        # a suffix below a home directory: covered by a path ending in it, or by one of its
        # leading parts right below a home (/usr/local/share/.cache/yarn, ~/.cache)
        tail = "/" + op
        suffix = target.rstrip("/")
        if tail.endswith(suffix):
            return True
        parts = suffix.strip("/").split("/")
        for i in range(1, len(parts)):
            lead = "/" + "/".join(parts[:i])
            if tail.endswith(lead) and _HOME_RE.match(op[:len(op) - len(lead)]):
                return True
        return False
    return op == target or target.startswith(op + "/")


def apt_quiet_level(call: PackageCall) -> int:
    """The ``apt-get`` quiet level of a call: each ``-q``/``--quiet`` counts one, ``-q=N``
    and ``--quiet=N`` set it (apt-get(8): level 2 implies ``-y``)."""
    level = 0
    numeric: set[int] = set()
    for o in call.invocation.options:
        if id(o.word) in numeric:
            continue  # -q=2 is also split into -q, -=, -2
        m = _QUIET_RE.match(o.word.text)
        if m:
            numeric.add(id(o.word))
            level = int(m.group(1))
        elif o.name in ("-q", "--quiet"):
            level += 1
    return level


_QUIET_RE = re.compile(r"^(?:-q|--quiet)=(\d+)$")
_APT_CONF_RE = re.compile(
    r"""([A-Za-z][\w-]*(?:::[\w-]+)+)\s*(?:=\s*|\s+)\\?["']?([\w.-]+)""")


def apt_settings(text: str) -> dict[str, str]:
    """APT configuration items written in ``text`` (an ``apt.conf`` body, or the commands that
    write one), as lower-cased ``Group::Key`` -> value: ``APT::Install-Recommends "false";``
    and ``APT::Get::Assume-Yes=true`` both give an entry."""
    return {m.group(1).lower(): m.group(2) for m in _APT_CONF_RE.finditer(text)}


def apt_option_settings(call: PackageCall) -> dict[str, str]:
    """The ``-o Group::Key=value`` settings given on an apt-get command line (lower-cased
    keys)."""
    out: dict[str, str] = {}
    for o in call.invocation.options:
        if o.name in ("-o", "--option") and o.value is not None:
            key, _, value = o.value.text.lstrip("=").partition("=")
            out[key.strip().lower()] = value.strip()
    return out


#: Values apt's configuration reads as true (apt-pkg's ``StringToBool``).
APT_TRUE = frozenset({"1", "yes", "true", "with", "on", "enable"})
#: Values apt's configuration reads as false.
APT_FALSE = frozenset({"0", "no", "false", "without", "off", "disable"})


def describe(word: ShellWord, value: str) -> str:
    """A package for messages: ``'curl'``, or ``'curl' (from $PACKAGES)`` when the value
    comes from expanding ``word``."""
    return f"'{value}'" if word.literal else f"'{value}' (from {word.raw})"


def fed_by_yes(script: Script, cmd: SimpleCommand) -> bool:
    """``True`` when ``cmd`` reads its answers from ``yes`` in a pipeline (``yes | apt-get
    install ...``)."""
    if not cmd.in_pipeline or cmd.pipeline_index == 0 or cmd.index == 0:
        return False
    prev = script.commands[cmd.index - 1]
    return prev.in_pipeline and prev.effective()[0] == "yes"


def apt_assumes_yes(call: PackageCall, config_texts: Iterable[str] = ()) -> bool:
    """``True`` when an apt-get/apt call will not stop at its confirmation prompt: ``-y``,
    ``--yes``, ``--assume-yes``, quiet level 2 (``-qq``), ``-o APT::Get::Assume-Yes=true``,
    a simulation (``-s``), or ``APT::Get::Assume-Yes`` set true in ``config_texts``
    (configuration written earlier, see :meth:`dockwise.model.Model.config_texts`)."""
    if call.has("-y", "--yes", "--assume-yes", "-s", "--simulate", "--just-print",
                "--dry-run", "--recon", "--no-act") or apt_quiet_level(call) >= 2:
        return True
    return apt_config_value(call, "APT::Get::Assume-Yes", config_texts) in APT_TRUE


def apt_skips_recommends(call: PackageCall, config_texts: Iterable[str] = ()) -> bool:
    """``True`` when an apt-get/apt install leaves out recommended packages:
    ``--no-install-recommends``, ``-o APT::Install-Recommends=false`` (or ``0``, ``no``), or
    ``APT::Install-Recommends`` set false in ``config_texts``."""
    if call.has("--no-install-recommends"):
        return True
    return apt_config_value(call, "APT::Install-Recommends", config_texts) in APT_FALSE


def apt_config_value(call: PackageCall, key: str, config_texts: Iterable[str] = ()) -> str:
    """The value (lower case) of APT configuration item ``key`` for an apt-get call: a
    ``-o key=value`` on its command line, else the last value written in ``config_texts``,
    else ``""``."""
    wanted = key.lower()
    setting = apt_option_settings(call).get(wanted)
    if setting is None:
        for text in config_texts:
            setting = apt_settings(text).get(wanted, setting)
    return (setting or "").lower()


_ASSUMEYES_RE = re.compile(r"(?:^|[\s'\"])assumeyes\s*=\s*(1|true|yes|on)\b",
                           re.IGNORECASE | re.MULTILINE)
_SETOPT_YES_RE = re.compile(r"^assumeyes=(1|true|yes|on)$", re.IGNORECASE)


def rpm_assumes_yes(call: PackageCall, config_texts: Iterable[str] = ()) -> bool:
    """``True`` when a yum/dnf/microdnf call will not stop at its confirmation prompt:
    ``-y``, ``--assumeyes``, ``--setopt=assumeyes=True``, or ``assumeyes=1`` written to
    ``yum.conf``/``dnf.conf`` in ``config_texts``."""
    if call.has("-y", "--assumeyes"):
        return True
    for o in call.invocation.options:
        if o.name == "--setopt" and o.value is not None and \
                _SETOPT_YES_RE.match(o.value.text.replace(" ", "")):
            return True
    return any(_ASSUMEYES_RE.search(text) for text in config_texts)


_RPM_VERSION_RE = re.compile(r"-(\d+:)?\d[\w.+~^*]*(-\d[\w.+~^*]*)?$")


def rpm_pinned(spec: str, action: str = "install") -> bool:
    """``True`` when a yum/dnf package spec names a version: ``httpd-2.4.57``,
    ``nginx-1:1.20.1-10.el9``, ``python3.12-3.12.1-4.el9_4.1``, an ``.rpm`` file or URL; for
    ``module-install``, a stream (``nginx:1.24``). ``java-17-openjdk`` and
    ``python3-devel`` are names, not versions: the version is the last ``-`` part (or the
    last two, version and release) and starts with a digit."""
    if action == "module-install":
        return ":" in spec
    if spec.endswith(".rpm") or "/" in spec:
        return True
    return bool(_RPM_VERSION_RE.search(spec))


def cleaned_after(script: Script, index: int, cleaners: Iterable[int] = (),
                  paths: Iterable[str] = ()) -> bool:
    """``True`` when, after command ``index``, ``script`` runs one of ``cleaners`` (command
    indexes, e.g. of ``yum clean all``) or deletes one of ``paths`` (see
    :func:`removes_path`): what the command cached is gone before the layer is saved."""
    return any(i > index for i in cleaners) or removes_path(script, paths, index)


def rpm_cleans(script: Script) -> list[int]:
    """Command indexes of ``yum clean all``, ``dnf clean all`` and ``microdnf clean all``
    (on RHEL 8 and later ``yum`` is dnf, so either cleans both caches)."""
    return [call.command.index for manager in ("yum", "dnf")
            for call in package_calls(script, manager, {"clean"})
            if any(w.text == "all" for w in call.packages)]


#: yum/dnf actions whose package operands can carry a version (groups cannot).
RPM_PINNABLE = frozenset({"install", "localinstall", "reinstall", "downgrade", "module-install"})
