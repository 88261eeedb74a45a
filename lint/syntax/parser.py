"""Text -> syntax tree, the way BuildKit's Dockerfile parser reads it.

The behaviour follows BuildKit's ``frontend/dockerfile/parser`` (``Parse``, ``splitCommand``,
``extractBuilderFlags``, the line parsers and heredoc handling) and the argument checks of
``frontend/dockerfile/instructions`` that decide whether ``docker build`` accepts an
instruction:

* a UTF-8 byte-order mark is dropped; ``\\n`` ends a line and trailing ``\\r`` are trimmed;
* parser directives (``# syntax=``, ``# escape=``, ``# check=``) are read only before the first
  instruction, non-directive comment or blank line; a repeated one is an error;
* the escape character (default ``\\``) at the end of a line continues the instruction on the
  next line (unless itself escaped); comment lines inside a continuation are dropped; blank
  lines inside one are skipped and reported (BuildKit's ``NoEmptyContinuation``); the file may
  end inside a continuation; a comment line never continues;
* RUN, COPY and ADD (also under ONBUILD) in non-JSON form read ``<<EOF``-style heredocs, several
  per instruction, from the lines that follow;
* RUN, CMD, ENTRYPOINT, SHELL and HEALTHCHECK are exec form when their argument decodes as a
  JSON array (trailing text after the array is ignored, as Go's decoder does), shell form
  otherwise; a JSON array with a non-string element is an error; COPY, ADD and VOLUME fall back
  to whitespace-separated words.

Where BuildKit stops at the first error, dockwise records a :class:`SyntaxIssue` with the exact
span and carries on with the next instruction, so one typo does not hide every other finding.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from dockwise.record import record
from dockwise.syntax import nodes as n
from dockwise.syntax.variables import GO_SPACE, lex_words

_BOM = "\ufeff"
_DIRECTIVE_RE = re.compile(r"^#[\t\n\f\r ]*([a-zA-Z][a-zA-Z0-9]*)[\t\n\f\r ]*=[\t\n\f\r ]*(.+?)"
                           r"[\t\n\f\r ]*$")
_WS_RE = re.compile(r"[\t\v\f\r ]+")
_HEREDOC_RE = re.compile(r"^(\d*)<<(-?)([^<]*)$")
_STAGE_NAME_RE = re.compile(r"^[a-z][a-z0-9-_.]*$")
_DURATION_RE = re.compile(r"^[-+]?((\d+(\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h))+$")
_VALID_DIRECTIVES = frozenset({"syntax", "escape", "check"})

#: Instructions BuildKit dispatches (lower case).
INSTRUCTIONS = (
    "add", "arg", "cmd", "copy", "entrypoint", "env", "expose", "from", "healthcheck", "label",
    "maintainer", "onbuild", "run", "shell", "stopsignal", "user", "volume", "workdir",
)
_HEREDOC_INSTRUCTIONS = frozenset({"run", "copy", "add"})


class InputError(Exception):
    """The input is not a text file dockwise can read (binary data, unreadable file).

    Attributes:
        path: the file name used in messages.
        line: 1-based line where the problem was found, or ``None``.
        message: what is wrong.
    """

    def __init__(self, path: str | None, message: str, line: int | None = None) -> None:
        self.path = path
        self.line = line
        self.message = message
        where = path or "<input>"
        if line is not None:
            where += f":{line}"
        super().__init__(f"{where}: {message}")


def decode(data: bytes, path: str | None = None) -> tuple[str, n.SyntaxIssue | None]:
    """Decode Dockerfile bytes as UTF-8.

    Returns the text and, when the bytes are not valid UTF-8, a syntax issue at the first bad
    byte (the text then has U+FFFD in its place, so the rest can still be linted).

    Raises:
        InputError: the data contains NUL bytes (a binary file, not a Dockerfile).
    """
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        raise InputError(path, "binary data (NUL byte), not a Dockerfile", line)
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        column = len(data[line_start:exc.start].decode("utf-8", "replace")) + 1
        if line == 1 and data.startswith(b"\xef\xbb\xbf"):
            column -= 1
        issue = n.SyntaxIssue(
            f"invalid UTF-8 byte 0x{data[exc.start]:02x}; Dockerfiles must be UTF-8 text",
            n.Span(line, column, line, column + 1))
        return data.decode("utf-8", "replace"), issue


def parse(source: str | bytes, path: str | None = None) -> n.Dockerfile:
    """Parse a Dockerfile.

    Args:
        source: the file's bytes (decoded as UTF-8) or text.
        path: the name used in messages.

    Returns:
        The :class:`~dockwise.syntax.nodes.Dockerfile`. Syntax errors are in its ``errors``;
        parsing never raises for text input.

    Raises:
        InputError: ``source`` is bytes that contain NUL bytes (binary data).
    """
    decode_issue = None
    if isinstance(source, bytes):
        source, decode_issue = decode(source, path)
    parser = _Parser(source, path)
    if decode_issue is not None:
        parser.errors.append(decode_issue)
    return parser.run()


def _lstrip_go(s: str) -> str:
    return s.lstrip(GO_SPACE)


class _Parser:
    def __init__(self, text: str, path: str | None) -> None:
        self.has_bom = text.startswith(_BOM)
        if self.has_bom:
            text = text[1:]
        self.text = text
        self.path = path
        raw = text.split("\n")
        # ``raw`` has a final empty element when the text ends with a newline; BuildKit's
        # scanner yields no line for it.
        if raw and raw[-1] == "":
            raw.pop()
        self.raw_lines = [line + "\n" for line in raw]
        if self.raw_lines and not text.endswith("\n"):
            self.raw_lines[-1] = self.raw_lines[-1][:-1]
        self.lines = [line.rstrip("\r\n") for line in self.raw_lines]
        self.crlf = "\r\n" in text
        self.escape = "\\"
        self.directives: list[n.Directive] = []
        self.directives_done = False
        self.seen_directives: set[str] = set()
        self.errors: list[n.SyntaxIssue] = []
        self.instructions: list[n.Instruction] = []
        self.comments: list[list] = []  # [text, span, next_instruction]
        self.pending_comments: list[int] = []
        self.prev_comments: list[str] = []
        self.empty_continuations: list[int] = []

    # -- line level --------------------------------------------------------------------------

    def _directive(self, token: str, line_no: int, lead: int) -> bool:
        """Feed a line to the directive parser; return True when it is a directive."""
        if self.directives_done:
            return False
        m = _DIRECTIVE_RE.match(token)
        if not m:
            self.directives_done = True
            return False
        key = m.group(1).lower()
        if key not in _VALID_DIRECTIVES:
            self.directives_done = True
            return False
        line_len = len(self.lines[line_no - 1])
        span = n.Span(line_no, lead + 1, line_no, line_len + 1)
        vstart = lead + m.start(2) + 1
        value_span = n.Span(line_no, vstart, line_no, vstart + len(m.group(2)))
        if key in self.seen_directives:
            self.errors.append(n.SyntaxIssue(f"only one {key} parser directive can be used",
                                             span))
            return True
        self.seen_directives.add(key)
        value = m.group(2)
        if key == "escape":
            if value not in ("`", "\\"):
                self.errors.append(n.SyntaxIssue(
                    f"invalid escape token '{value}' does not match ` or \\", value_span))
                return True
            self.escape = value
        self.directives.append(n.Directive(key, value, span, value_span))
        return True

    def _trim_continuation(self, s: str) -> tuple[str, bool]:
        """BuildKit's trimContinuationCharacter: returns (text, is_end_of_line)."""
        t = s.rstrip(" \t")
        esc = self.escape
        if t.endswith(esc) and (len(t) == 1 or t[-2] != esc):
            return t[:-1], False
        return s, True

    def run(self) -> n.Dockerfile:
        lines = self.lines
        total = len(lines)
        i = 0
        while i < total:
            line_no = i + 1
            text = lines[i]
            token = _lstrip_go(text)
            lead = len(text) - len(token)
            i += 1
            is_comment = token.startswith("#")
            is_directive = self._directive(token, line_no, lead)
            if is_comment and not is_directive:
                ctext = token[1:].strip(GO_SPACE)
                self.comments.append([ctext, n.Span(line_no, lead + 1, line_no, len(text) + 1),
                                      None])
                self.pending_comments.append(len(self.comments) - 1)
                if ctext:
                    self.prev_comments.append(ctext)
                else:
                    self.prev_comments = []
            body = "" if is_comment else token
            body, end_of_line = self._trim_continuation(body)
            if end_of_line and body == "":
                if not is_comment:  # a blank line separates comments from what follows
                    self.pending_comments = []
                    self.prev_comments = []
                continue
            segments = [(0, line_no, lead + 1)]
            parts = [body]
            length = len(body)
            last_line = line_no
            while not end_of_line and i < total:
                cont = lines[i]
                cont_no = i + 1
                i += 1
                last_line = cont_no
                stripped = _lstrip_go(cont)
                if stripped.startswith("#"):
                    continue
                if stripped == "":
                    self.empty_continuations.append(cont_no)
                    continue
                piece, end_of_line = self._trim_continuation(cont)
                segments.append((length, cont_no, 1))
                parts.append(piece)
                length += len(piece)
            logical = "".join(parts)
            smap = n.SourceMap(segments, length)
            index = len(self.instructions)
            for ci in self.pending_comments:
                self.comments[ci][2] = index
            self.pending_comments = []
            comments = tuple(self.prev_comments)
            self.prev_comments = []
            i = self._instruction(logical, smap, line_no, lead, last_line, i, comments)
        if not self.instructions:  # BuildKit: "file with no instructions"
            last = max(len(self.lines), 1)
            width = len(self.lines[-1]) + 1 if self.lines else 1
            self.errors.append(n.SyntaxIssue("file with no instructions",
                                             n.Span(last, 1, last, width)))
        return n.Dockerfile(
            path=self.path, text=self.text, lines=tuple(self.lines), escape=self.escape,
            directives=tuple(self.directives), instructions=tuple(self.instructions),
            comments=tuple(n.Comment(c[0], c[1], c[2]) for c in self.comments),
            errors=tuple(self.errors),
            empty_continuation_lines=tuple(self.empty_continuations), has_bom=self.has_bom,
            crlf=self.crlf)

    def _instruction(self, logical: str, smap: n.SourceMap, start_line: int, lead: int,
                     last_line: int, next_index: int, comments: tuple[str, ...]) -> int:
        """Build one top-level instruction; read its heredoc bodies. Returns the next index."""
        index = len(self.instructions)
        issues: list[n.SyntaxIssue] = []
        builder = _InstructionBuilder(logical, smap, self.escape, issues, index)
        head = builder.build(0)
        heredocs: tuple[n.Heredoc, ...] = ()
        if "<<" in logical and builder.can_contain_heredoc(head):
            heredocs, next_index, last_line = self._read_heredocs(builder, next_index,
                                                                  last_line, issues)
        end_col = len(self.lines[last_line - 1]) + 1 if self.lines else 1
        span = n.Span(start_line, lead + 1, last_line, end_col)
        instr = builder.finish(head, span, heredocs, comments)
        self.instructions.append(instr)
        self.errors.extend(issues)
        return next_index

    def _read_heredocs(self, builder: _InstructionBuilder, i: int, last_line: int,
                       issues: list[n.SyntaxIssue]) -> tuple[tuple[n.Heredoc, ...], int, int]:
        markers = _heredoc_markers(builder.text)
        docs = []
        for marker in markers:
            name, fd, chomp, expand, mstart, mend = marker
            start_i = i
            content_parts: list[str] = []
            segments = []
            offset = 0
            terminated = False
            while i < len(self.lines):
                candidate = self.lines[i]
                i += 1
                last_line = i
                check = candidate.lstrip("\t") if chomp else candidate
                if check == name:
                    terminated = True
                    break
                segments.append((offset, i, 1))
                raw = self.raw_lines[i - 1]
                content_parts.append(raw)
                offset += len(raw)
            marker_span = builder.smap.span(mstart, mend)
            if not terminated:
                issues.append(n.SyntaxIssue("unterminated heredoc", marker_span, builder.index))
            body_first = start_i + 1
            if i > start_i:
                body = n.Span(body_first, 1, last_line, len(self.lines[last_line - 1]) + 1)
            else:
                body = n.Span(body_first, 1, body_first, 1)
            docs.append(n.Heredoc(name=name, fd=fd, chomp=chomp, expand=expand,
                                  content="".join(content_parts), marker=marker_span, body=body,
                                  content_map=n.SourceMap(segments, offset),
                                  terminated=terminated))
        return tuple(docs), i, last_line


def is_heredoc_marker(word: str) -> bool:
    """``True`` when an argument word is a heredoc marker (``<<EOF``, ``<<-"EOF"``, ``3<<EOF``)
    by BuildKit's ``^(\\d*)<<(-?)([^<]*)$`` (in RUN, COPY or ADD that have heredocs, such a
    word stands for the body, not a path)."""
    m = _HEREDOC_RE.match(word)
    return m is not None and bool(m.group(3))


def _heredoc_markers(line: str) -> list[tuple[str, int, bool, bool, int, int]]:
    """Heredoc markers in a logical line: (name, fd, chomp, expand, start, end).

    As BuildKit: the line is split into shell words (quotes and escapes kept); a word matching
    ``^(\\d*)<<(-?)([^<]*)$`` whose rest is one shell word is a heredoc; the body is expanded
    unless the delimiter was (partly) quoted.
    """
    words = lex_words(line, "\\")
    if not words:
        return []
    found = []
    for w in words:
        m = _HEREDOC_RE.match(w.text)
        if not m or not m.group(3):
            continue
        rest = m.group(3)
        plain = lex_words(rest, "\\", raw_quotes=False, raw_escapes=False)
        quoted = lex_words(rest, "\\", raw_quotes=True, raw_escapes=False)
        if plain is None or quoted is None or len(plain) != 1 or len(quoted) != 1:
            continue
        name = plain[0].text
        expand = (name.count("'") + name.count('"')) == (
            quoted[0].text.count("'") + quoted[0].text.count('"'))
        found.append((name, int(m.group(1) or 0), m.group(2) == "-", expand, w.start, w.end))
    return found


def _parse_words(rest: str, escape: str) -> list[tuple[str, int, int]]:
    """BuildKit's ``parseWords``: quote-aware split keeping quotes; (text, start, end)."""
    words: list[tuple[str, int, int]] = []
    i = 0
    length = len(rest)
    while i < length:
        while i < length and rest[i] in GO_SPACE:
            i += 1
        if i >= length:
            break
        start = i
        quote = ""
        blank_ok = False
        while i < length:
            ch = rest[i]
            if not quote:
                if ch in GO_SPACE:
                    break
                if ch in "'\"":
                    quote = ch
                    blank_ok = True
                elif ch == escape:
                    if i + 1 == length:
                        break  # an escape at the very end is dropped
                    i += 1
                i += 1
            else:
                if ch == quote:
                    quote = ""
                elif ch == escape and quote != "'":
                    if i + 1 == length:
                        quote = ""
                        break
                    i += 1
                i += 1
        text = rest[start:i]
        if text or blank_ok:
            words.append((text, start, i))
        if i < length and rest[i] == escape and i + 1 == length:
            i += 1
    return words


def _split_ws(rest: str) -> list[tuple[str, int, int]]:
    """BuildKit's ``parseStringsWhitespaceDelimited`` (regexp split on [\\t\\v\\f\\r ]+)."""
    if rest == "":
        return []
    out = []
    pos = 0
    for m in _WS_RE.finditer(rest):
        out.append((rest[pos:m.start()], pos, m.start()))
        pos = m.end()
    out.append((rest[pos:], pos, len(rest)))
    return out


def _parse_json_array(rest: str) -> tuple[list[tuple[str, int, int]] | None, str | None]:
    """Try BuildKit's ``parseJSON``: returns (elements, error).

    ``elements`` is ``None`` when the text is not a JSON array (shell form applies);
    ``error`` is set when it is an array with a non-string element (a hard error).
    Offsets are relative to ``rest``.
    """
    lead = len(rest) - len(rest.lstrip(GO_SPACE))
    body = rest[lead:]
    if not body.startswith("["):
        return None, None
    try:
        value, end = _JSON.raw_decode(body)
    except (ValueError, RecursionError):
        return None, None
    if not isinstance(value, list):
        return None, None
    if not all(isinstance(v, str) for v in value):
        return None, "when using JSON array syntax, arrays must be comprised of strings only"
    spans = _json_string_spans(body, end)
    if len(spans) != len(value):  # cannot happen for a valid array of strings
        spans = [(0, end)] * len(value)
    return [(v, lead + s, lead + e) for v, (s, e) in zip(value, spans, strict=True)], None


def json_array_problem(text: str) -> tuple[str, int] | None:
    """Why ``text`` (an argument that starts with ``[``) is not a JSON array, or ``None``.

    Returns ``(message, offset)``, the offset (0-based, in ``text``) of the character where
    decoding fails. BuildKit then runs the text as a shell-form command; this is for rules that
    want to warn about it. Valid arrays (even with non-string elements) give ``None``.
    """
    lead = len(text) - len(text.lstrip(GO_SPACE))
    body = text[lead:]
    if not body.startswith("["):
        return None
    try:
        _JSON.raw_decode(body)
    except json.JSONDecodeError as exc:
        return exc.msg, lead + exc.pos
    except (ValueError, RecursionError) as exc:
        return str(exc), lead
    return None


def _reject_constant(name: str) -> float:
    raise ValueError(f"{name} is not JSON")


_JSON = json.JSONDecoder(parse_constant=_reject_constant)


def _json_string_spans(text: str, end: int) -> list[tuple[int, int]]:
    spans = []
    i = 1
    while i < end:
        ch = text[i]
        if ch == '"':
            start = i
            i += 1
            while i < end and text[i] != '"':
                i += 2 if text[i] == "\\" else 1
            i += 1
            spans.append((start, i))
        else:
            i += 1
    return spans


def _go_duration_ok(value: str) -> bool:
    return value == "0" or bool(_DURATION_RE.match(value))


@record
class _Head:
    """The split of a logical line: keyword, flags and where the arguments are."""

    keyword: str
    kw_start: int
    kw_end: int
    flags: tuple[n.Flag, ...]
    args_start: int
    args_end: int


class _InstructionBuilder:
    """Builds one instruction node from a logical line (recursively for ONBUILD)."""

    def __init__(self, text: str, smap: n.SourceMap, escape: str,
                 issues: list[n.SyntaxIssue], index: int) -> None:
        self.text = text
        self.smap = smap
        self.escape = escape
        self.issues = issues
        self.index = index

    def can_contain_heredoc(self, head: _Head, nested: bool = False) -> bool:
        """BuildKit's canContainHeredoc: RUN/COPY/ADD not in JSON form, also under ONBUILD."""
        keyword = head.keyword.lower()
        if keyword == "onbuild" and not nested:
            inner = _InstructionBuilder(self.text, self.smap, self.escape, [], self.index)
            return inner.can_contain_heredoc(inner.build(head.args_start), nested=True)
        if keyword not in _HEREDOC_INSTRUCTIONS:
            return False
        elements, err = _parse_json_array(self.text[head.args_start:head.args_end])
        return elements is None and err is None

    def error(self, message: str, start: int, end: int, rule: str | None = None) -> None:
        self.issues.append(n.SyntaxIssue(message, self.smap.span(start, end), self.index, rule))

    def tok(self, text: str, start: int, end: int) -> n.Token:
        return n.Token(text, self.smap.span(start, end), start)

    # splitCommand + extractBuilderFlags
    def build(self, base: int) -> _Head:
        text = self.text
        end = len(text.rstrip(GO_SPACE))
        start = base + (len(text[base:]) - len(text[base:].lstrip(GO_SPACE)))
        m = _WS_RE.search(text, start, end) if start < end else None
        kw_end = m.start() if m else end
        keyword = text[start:kw_end]
        flags: list[n.Flag] = []
        args_start = args_end = end
        if m:
            args_start, flags = self._flags(m.end(), end)
            # strings.TrimSpace(args)
            while args_start < end and text[args_start] in GO_SPACE:
                args_start += 1
        return _Head(keyword, start, kw_end, tuple(flags), args_start, max(args_end, args_start))

    def _flags(self, pos: int, end: int) -> tuple[int, list[n.Flag]]:
        text = self.text
        flags: list[n.Flag] = []
        i = pos
        while True:
            while i < end and text[i] in GO_SPACE:
                i += 1
            if i >= end:
                return end, flags
            if not (text[i] == "-" and i + 1 < end and text[i + 1] == "-"):
                return i, flags
            start = i
            chars: list[str] = []
            quote = ""
            value_start_offset = -1
            while i < end:
                ch = text[i]
                if not quote:
                    if ch in GO_SPACE:
                        break
                    if ch == "=" and value_start_offset < 0:
                        value_start_offset = i + 1
                    if ch in "'\"":
                        quote = ch
                        i += 1
                        continue
                    if ch == "\\":
                        if i + 1 == end:
                            i += 1
                            continue
                        i += 1
                        ch = text[i]
                    chars.append(ch)
                    i += 1
                else:
                    if ch == quote:
                        quote = ""
                        i += 1
                        continue
                    if ch == "\\":
                        if i + 1 == end:
                            quote = ""
                            i += 1
                            continue
                        i += 1
                        ch = text[i]
                    chars.append(ch)
                    i += 1
            word = "".join(chars)
            if word == "--":
                if i >= end:
                    return end, flags
                return i, flags
            body = word[2:]
            if "=" in body:
                name, value = body.split("=", 1)
                value_span = self.smap.span(value_start_offset, i) if value_start_offset >= 0 \
                    else None
                flags.append(n.Flag(name, value, self.smap.span(start, i), value_span))
            else:
                flags.append(n.Flag(body, None, self.smap.span(start, i), None))

    def finish(self, head: _Head, span: n.Span, heredocs: tuple[n.Heredoc, ...],
               comments: tuple[str, ...], onbuild: bool = False) -> n.Instruction:
        keyword = head.keyword
        kw_start, kw_end = head.kw_start, head.kw_end
        a_start, a_end = head.args_start, head.args_end
        args = self.text[a_start:a_end]
        common: dict[str, Any] = {
            "keyword": keyword,
            "span": span,
            "keyword_span": self.smap.span(kw_start, kw_end),
            "flags": head.flags,
            "args": args,
            "args_span": self.smap.span(a_start, a_end),
            "line_text": self.text,
            "heredocs": heredocs,
            "comments": comments,
            "source_map": self.smap,
            "onbuild": onbuild,
        }
        lower = keyword.lower()
        handler = _HANDLERS.get(lower)
        if handler is None:
            if keyword:
                self.error(_unknown_message(keyword), kw_start, kw_end)
            else:
                self.issues.append(n.SyntaxIssue(
                    "a line continuation is followed by no instruction", span, self.index))
            return n.Unknown(**common)
        return handler(self, common, args, a_start)

    # -- per-instruction argument parsing (offsets are into self.text) -------------------------

    def command_form(self, common: dict, args: str, base: int) -> dict:
        if args == "":
            return {}
        elements, err = _parse_json_array(args)
        if err is not None:
            self.error(err, base, base + len(args))
            return {"form": n.Form.EXEC, "exec_args": ()}
        if elements is not None:
            return {"form": n.Form.EXEC,
                    "exec_args": tuple(self.tok(v, base + s, base + e) for v, s, e in elements)}
        return {"form": n.Form.SHELL, "command": self.tok(args, base, base + len(args))}

    def paths_form(self, args: str, base: int) -> dict:
        elements, err = _parse_json_array(args)
        if err is not None:
            self.error(err, base, base + len(args))
            return {"form": n.Form.EXEC, "paths": ()}
        if elements is not None:
            return {"form": n.Form.EXEC,
                    "paths": tuple(self.tok(v, base + s, base + e) for v, s, e in elements)}
        return {"form": n.Form.SHELL,
                "paths": tuple(self.tok(w, base + s, base + e) for w, s, e in _split_ws(args))}

    def name_values(self, args: str, base: int, what: str) -> tuple[n.KeyValue, ...] | None:
        words = _parse_words(args, self.escape)
        if not words:
            return ()
        if "=" not in words[0][0]:
            m = _WS_RE.search(args)
            if not m:
                self.error(f"{what} must have two arguments", base, base + len(args))
                return None
            key = self.tok(args[:m.start()], base, base + m.start())
            value = self.tok(args[m.end():], base + m.end(), base + len(args))
            return (n.KeyValue(key, value, True, self.smap.span(base, base + len(args))),)
        pairs = []
        for w, s, e in words:
            if "=" not in w:
                self.error(f'Syntax error - can\'t find = in "{w}". Must be of the form: '
                           "name=value", base + s, base + e)
                return None
            k = w.index("=")
            key = self.tok(w[:k], base + s, base + s + k)
            value = self.tok(w[k + 1:], base + s + k + 1, base + e)
            if key.text == "":
                self.error(f"{what} names can not be blank", base + s, base + e)
            pairs.append(n.KeyValue(key, value, False, self.smap.span(base + s, base + e)))
        return tuple(pairs)


def _unknown_message(keyword: str) -> str:
    import difflib

    close = difflib.get_close_matches(keyword.lower(), INSTRUCTIONS, n=1, cutoff=0.7)
    hint = f" (did you mean {close[0].upper()}?)" if close else ""
    return f"unknown instruction: {keyword}{hint}"


_Handler = Callable[[_InstructionBuilder, dict[str, Any], str, int], n.Instruction]


def _need_args(b: _InstructionBuilder, common: dict, count: str) -> None:
    name = common["keyword"].upper()
    b.issues.append(n.SyntaxIssue(f"{name} requires {count}", common["keyword_span"], b.index))


def _h_command(cls: type[n.CommandInstruction]) -> _Handler:
    def handler(b: _InstructionBuilder, common: dict, args: str, base: int) -> n.Instruction:
        extra = b.command_form(common, args, base)
        if cls is n.Shell:
            if args == "":
                _need_args(b, common, "at least one argument")
            elif extra.get("form") is not n.Form.EXEC:
                b.error("SHELL requires the arguments to be in JSON form", base,
                        base + len(args))
            elif not extra.get("exec_args"):
                b.error("SHELL requires at least one argument", base, base + len(args))
        return cls(**common, **extra)
    return handler


def _h_healthcheck(b: _InstructionBuilder, common: dict, args: str, base: int) -> n.Instruction:
    if args == "":
        _need_args(b, common, "at least one argument")
        return n.Healthcheck(**common)
    sep = 0
    while sep < len(args) and args[sep] not in " \t\n\v\f\r\x85\xa0":
        sep += 1
    nxt = sep
    while nxt < len(args) and args[nxt] in " \t\n\v\f\r\x85\xa0":
        nxt += 1
    typ = b.tok(args[:sep], base, base + sep)
    rest = args[nxt:]
    extra = b.command_form(common, rest, base + nxt)
    kind = typ.text.upper()
    if kind == "NONE":
        if rest:
            b.error("HEALTHCHECK NONE takes no arguments", base + nxt, base + len(args))
    elif kind == "CMD":
        if not rest or (extra.get("form") is n.Form.EXEC and not extra.get("exec_args")):
            b.error("Missing command after HEALTHCHECK CMD", base, base + sep)
        for f in common["flags"]:
            if f.name in ("interval", "timeout", "start-period", "start-interval") and f.value:
                if not _go_duration_ok(f.value):
                    b.issues.append(n.SyntaxIssue(
                        f'time: invalid duration "{f.value}" in --{f.name}', f.span, b.index))
            elif f.name == "retries" and f.value and not re.fullmatch(r"[+-]?\d+", f.value):
                b.issues.append(n.SyntaxIssue(
                    f'--retries must be an integer, got "{f.value}"', f.span, b.index))
    else:
        b.error(f'Unknown type "{typ.text}" in HEALTHCHECK (try CMD)', base, base + sep)
    return n.Healthcheck(**common, type=typ, **extra)


def _h_paths(cls: type[n.PathsInstruction]) -> _Handler:
    def handler(b: _InstructionBuilder, common: dict, args: str, base: int) -> n.Instruction:
        errors_before = len(b.issues)
        extra = b.paths_form(args, base)
        paths = extra.get("paths", ())
        name = common["keyword"].upper()
        if cls is n.Volume:
            if not paths and len(b.issues) == errors_before:
                _need_args(b, common, "at least one argument")
            for p in paths:
                if p.text.strip() == "":
                    b.issues.append(n.SyntaxIssue("VOLUME specified can not be an empty string",
                                                  p.span, b.index))
        elif len(paths) < 2 and len(b.issues) == errors_before:
            b.issues.append(n.SyntaxIssue(f"{name} requires at least two arguments, but only "
                                          f"{len(paths)} provided",
                                          common["args_span"] if paths else common["keyword_span"],
                                          b.index))
        elif len(paths) >= 2 and _HEREDOC_RE.match(paths[-1].text) and \
                extra.get("form") is n.Form.SHELL:
            b.issues.append(n.SyntaxIssue(f"{name} cannot accept a heredoc as a destination",
                                          paths[-1].span, b.index))
        return cls(**common, **extra)
    return handler


def _h_kv(cls: type[n.Env] | type[n.Label]) -> _Handler:
    def handler(b: _InstructionBuilder, common: dict, args: str, base: int) -> n.Instruction:
        what = common["keyword"].upper()
        pairs = b.name_values(args, base, what)
        if pairs == ():
            _need_args(b, common, "at least one argument")
        return cls(**common, pairs=pairs or ())
    return handler


def _h_arg(b: _InstructionBuilder, common: dict, args: str, base: int) -> n.Instruction:
    words = _parse_words(args, b.escape)
    if not words:
        _need_args(b, common, "at least one argument")
    pairs = []
    for w, s, e in words:
        if "=" in w:
            k = w.index("=")
            key = b.tok(w[:k], base + s, base + s + k)
            value: n.Token | None = b.tok(w[k + 1:], base + s + k + 1, base + e)
        else:
            key = b.tok(w, base + s, base + e)
            value = None
        pairs.append(n.KeyValue(key, value, False, b.smap.span(base + s, base + e)))
    return n.Arg(**common, pairs=tuple(pairs))


def _h_from(b: _InstructionBuilder, common: dict, args: str, base: int) -> n.Instruction:
    words = [b.tok(w, base + s, base + e) for w, s, e in _split_ws(args)]
    image = words[0] if words else None
    as_kw = stage = None
    if len(words) == 3 and words[1].text.lower() == "as":
        as_kw, stage = words[1], words[2]
        if not _STAGE_NAME_RE.match(stage.text.lower()):
            b.issues.append(n.SyntaxIssue(
                f'invalid name for build stage: "{stage.text}", name can\'t start with a number '
                "or contain symbols", stage.span, b.index))
    elif len(words) != 1:
        where = common["args_span"] if words else common["keyword_span"]
        b.issues.append(n.SyntaxIssue("FROM requires either one or three arguments", where,
                                      b.index))
    return n.From(**common, image=image, as_keyword=as_kw, stage_name=stage, words=tuple(words))


def _h_expose(b: _InstructionBuilder, common: dict, args: str, base: int) -> n.Instruction:
    ports = tuple(b.tok(w, base + s, base + e) for w, s, e in _split_ws(args))
    if not ports:
        _need_args(b, common, "at least one argument")
    return n.Expose(**common, ports=ports)


def _h_string(cls: type[n.StringInstruction]) -> _Handler:
    def handler(b: _InstructionBuilder, common: dict, args: str, base: int) -> n.Instruction:
        if args == "":
            _need_args(b, common, "exactly one argument")
            return cls(**common)
        return cls(**common, value=b.tok(args, base, base + len(args)))
    return handler


def _h_onbuild(b: _InstructionBuilder, common: dict, args: str, base: int) -> n.Instruction:
    if args == "":
        _need_args(b, common, "at least one argument")
        return n.Onbuild(**common)
    inner = _InstructionBuilder(b.text, b.smap, b.escape, b.issues, b.index)
    head = inner.build(base)
    kw = head.keyword.upper()
    trigger: n.Instruction | None = None
    if kw == "ONBUILD":
        b.error("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed", head.kw_start,
                head.kw_end, rule="DL3043")
    elif kw in ("MAINTAINER", "FROM"):
        b.error(f"{kw} isn't allowed as an ONBUILD trigger", head.kw_start, head.kw_end,
                rule="DL3043")
    else:
        span = common["span"]
        first = b.smap.span(head.kw_start, head.kw_end)
        inner_span = n.Span(first.start_line, first.start_column, span.end_line, span.end_column)
        trigger = inner.finish(head, inner_span, common["heredocs"], common["comments"],
                               onbuild=True)
    return n.Onbuild(**common, trigger=trigger)


_HANDLERS: dict[str, _Handler] = {
    "run": _h_command(n.Run),
    "cmd": _h_command(n.Cmd),
    "entrypoint": _h_command(n.Entrypoint),
    "shell": _h_command(n.Shell),
    "healthcheck": _h_healthcheck,
    "copy": _h_paths(n.Copy),
    "add": _h_paths(n.Add),
    "volume": _h_paths(n.Volume),
    "env": _h_kv(n.Env),
    "label": _h_kv(n.Label),
    "arg": _h_arg,
    "from": _h_from,
    "expose": _h_expose,
    "user": _h_string(n.User),
    "workdir": _h_string(n.Workdir),
    "maintainer": _h_string(n.Maintainer),
    "stopsignal": _h_string(n.StopSignal),
    "onbuild": _h_onbuild,
}
