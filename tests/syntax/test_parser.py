"""The parser on every case of issue 2 section 2, with exact spans.

Spans are (start_line, start_column, end_line, end_column), 1-based, end column exclusive.
"""

from __future__ import annotations

import pytest

from dockwise.syntax import nodes as n
from dockwise.syntax import parse
from dockwise.syntax.parser import InputError


def sp(span: n.Span) -> tuple[int, int, int, int]:
    return (span.start_line, span.start_column, span.end_line, span.end_column)


def only(text: str) -> n.Instruction:
    df = parse(text)
    assert not df.errors, df.errors
    assert len(df.instructions) == 1
    return df.instructions[0]


# -- parser directives -------------------------------------------------------------------------

def test_directives_at_top() -> None:
    df = parse("# syntax=docker/dockerfile:1\n# escape=`\n# check=skip=JSONArgsRecommended\n"
               "FROM alpine:3.20\n")
    assert [(d.name, d.value) for d in df.directives] == [
        ("syntax", "docker/dockerfile:1"), ("escape", "`"), ("check", "skip=JSONArgsRecommended")]
    assert sp(df.directives[1].value_span) == (2, 10, 2, 11)
    assert df.escape == "`"
    assert df.comments == ()


def test_directive_spelling_variants() -> None:
    df = parse("#  ESCAPE  =  ` \nFROM a\n")
    assert df.escape == "`"
    assert df.directives[0].name == "escape"


@pytest.mark.parametrize("prefix", [
    "FROM a\n",            # after an instruction
    "# a comment\n",       # after a non-directive comment
    "\n",                  # after a blank line
    "# unknown=x\n",       # an unknown directive ends the directive block
])
def test_directive_only_before_anything_else(prefix: str) -> None:
    df = parse(prefix + "# escape=`\nFROM a\n")
    assert df.escape == "\\"
    assert df.directives == ()
    assert any(c.text == "escape=`" for c in df.comments)


def test_repeated_directive_is_an_error() -> None:
    df = parse("# escape=`\n# escape=\\\nFROM a\n")
    assert [(e.message, sp(e.span)) for e in df.errors] == [
        ("only one escape parser directive can be used", (2, 1, 2, 11))]
    assert df.escape == "`"


def test_check_directive_counts_as_a_directive_and_may_not_repeat() -> None:
    df = parse("# check=skip=all\n# escape=`\n# check=error=true\nFROM a\n")
    assert df.escape == "`"
    assert [(e.message, e.span.start_line) for e in df.errors] == [
        ("only one check parser directive can be used", 3)]


def test_invalid_escape_token() -> None:
    df = parse("# escape=x\nFROM a\n")
    assert [(e.message, sp(e.span)) for e in df.errors] == [
        ("invalid escape token 'x' does not match ` or \\", (1, 10, 1, 11))]


# -- continuations -----------------------------------------------------------------------------

def test_continuation_joins_lines_and_keeps_leading_space() -> None:
    run = only("RUN apt-get update \\\n    && apt-get install -y curl\n")
    assert isinstance(run, n.Run)
    assert run.command is not None
    assert run.command.text == "apt-get update     && apt-get install -y curl"
    assert sp(run.span) == (1, 1, 2, 31)
    assert sp(run.command.span) == (1, 5, 2, 31)


def test_backtick_escape_continuation() -> None:
    df = parse("# escape=`\nFROM mcr.microsoft.com/windows/servercore\n"
               "RUN dir c:\\ `\n    /s\n")
    run = df.instructions[1]
    assert isinstance(run, n.Run) and run.command is not None
    assert run.command.text == "dir c:\\     /s"
    assert sp(run.span) == (3, 1, 4, 7)


def test_escaped_escape_is_not_a_continuation() -> None:
    df = parse("RUN echo foo\\\\\nRUN echo bar\n")
    assert [i.line for i in df.instructions] == [1, 2]


def test_comment_lines_inside_continuation_are_dropped() -> None:
    run = only("RUN a \\\n# note \\\n  # indented note\n  b\n")
    assert isinstance(run, n.Run) and run.command is not None
    assert run.command.text == "a   b"
    assert sp(run.span) == (1, 1, 4, 4)


def test_blank_line_inside_continuation_is_joined_and_recorded() -> None:
    df = parse("RUN a \\\n\n   \n  b\nRUN c\n")
    assert [i.line for i in df.instructions] == [1, 5]
    run = df.instructions[0]
    assert isinstance(run, n.Run) and run.command is not None
    assert run.command.text == "a   b"
    assert df.empty_continuation_lines == (2, 3)
    assert not df.errors


def test_continuation_at_end_of_file() -> None:
    df = parse("FROM a\nRUN echo hi \\")
    run = df.instructions[1]
    assert isinstance(run, n.Run) and run.command is not None
    assert run.command.text == "echo hi"
    assert sp(run.span) == (2, 1, 2, 14)


def test_backslash_ending_a_standalone_comment_is_not_a_continuation() -> None:
    df = parse("FROM a\n# comment \\\nRUN x\n")
    assert [(i.name, i.line) for i in df.instructions] == [("FROM", 1), ("RUN", 3)]


def test_lone_escape_followed_by_nothing_is_a_syntax_error() -> None:
    df = parse("FROM a\n\\\n")
    assert [(e.message, sp(e.span)) for e in df.errors] == [
        ("a line continuation is followed by no instruction", (2, 1, 2, 2))]


# -- heredocs ------------------------------------------------------------------------------------

def test_run_heredoc() -> None:
    df = parse("FROM a\nRUN <<EOF\napk add curl\nEOF\nRUN echo after\n")
    run = df.instructions[1]
    assert [h.name for h in run.heredocs] == ["EOF"]
    doc = run.heredocs[0]
    assert doc.content == "apk add curl\n"
    assert (doc.fd, doc.chomp, doc.expand) == (0, False, True)
    assert sp(doc.marker) == (2, 5, 2, 10)
    assert sp(doc.body) == (3, 1, 4, 4)
    assert sp(run.span) == (2, 1, 4, 4)
    assert df.instructions[2].line == 5


def test_chomped_heredoc_strips_tabs_and_matches_indented_terminator() -> None:
    run = parse("RUN <<-EOF\n\techo hi\n\t\tEOF\n").instructions[0]
    doc = run.heredocs[0]
    assert doc.chomp
    assert doc.content == "\techo hi\n"
    assert doc.text == "echo hi\n"


@pytest.mark.parametrize(("marker", "name", "expand"), [
    ('<<"EOF"', "EOF", False),
    ("<<'EOF'", "EOF", False),
    ("<<EOF", "EOF", True),
    ("<<E'O'F", "EOF", False),
])
def test_quoted_delimiters(marker: str, name: str, expand: bool) -> None:
    run = parse(f"RUN cat {marker} > /x\nbody $HOME\n{name}\n").instructions[0]
    assert [(h.name, h.expand, h.content) for h in run.heredocs] == [
        (name, expand, "body $HOME\n")]


def test_several_heredocs_on_one_instruction() -> None:
    df = parse("COPY <<A <<B /dst/\nfirst\nA\nsecond\nB\nFROM x\n")
    copy = df.instructions[0]
    assert isinstance(copy, n.Copy)
    assert [(h.name, h.content) for h in copy.heredocs] == [("A", "first\n"), ("B", "second\n")]
    assert [p.text for p in copy.paths] == ["<<A", "<<B", "/dst/"]
    assert sp(copy.span) == (1, 1, 5, 2)
    assert df.instructions[1].line == 6


def test_copy_heredoc_to_path() -> None:
    copy = parse("COPY <<EOF /etc/app.conf\nkey=value\nEOF\n").instructions[0]
    assert isinstance(copy, n.Copy)
    assert copy.destination is not None and copy.destination.text == "/etc/app.conf"
    assert copy.heredocs[0].content == "key=value\n"


def test_terminator_on_last_line_without_newline() -> None:
    df = parse("RUN <<EOF\necho hi\nEOF")
    assert not df.errors
    assert df.instructions[0].heredocs[0].content == "echo hi\n"


def test_instruction_right_after_terminator() -> None:
    df = parse("RUN <<EOF\necho\nEOF\nCMD [\"x\"]\n")
    assert [(i.name, i.line) for i in df.instructions] == [("RUN", 1), ("CMD", 4)]


def test_unterminated_heredoc() -> None:
    df = parse("FROM a\nRUN <<EOF\necho\n")
    assert [(e.message, sp(e.span)) for e in df.errors] == [
        ("unterminated heredoc", (2, 5, 2, 10))]


def test_heredoc_marker_in_quotes_is_not_a_heredoc() -> None:
    df = parse('RUN echo "<<EOF"\nRUN x\n')
    assert [i.line for i in df.instructions] == [1, 2]
    assert df.instructions[0].heredocs == ()


def test_heredoc_in_exec_form_is_not_read() -> None:
    df = parse('RUN ["cat", "<<EOF"]\nEOF\n')
    assert df.instructions[0].heredocs == ()
    assert [i.keyword for i in df.instructions] == ["RUN", "EOF"]


def test_heredoc_under_onbuild() -> None:
    df = parse("ONBUILD RUN <<EOF\necho\nEOF\nFROM a\n")
    onbuild = df.instructions[0]
    assert isinstance(onbuild, n.Onbuild)
    assert isinstance(onbuild.trigger, n.Run)
    assert onbuild.trigger.heredocs[0].content == "echo\n"
    assert df.instructions[1].line == 4


# -- exec form and shell form ---------------------------------------------------------------

@pytest.mark.parametrize("keyword", ["RUN", "CMD", "ENTRYPOINT", "SHELL"])
def test_exec_form(keyword: str) -> None:
    instr = only(f'{keyword} ["/bin/sh", "-c", "echo hi"]\n')
    assert isinstance(instr, n.CommandInstruction)
    assert instr.form is n.Form.EXEC
    assert instr.argv == ("/bin/sh", "-c", "echo hi")
    k = len(keyword)
    assert [sp(t.span) for t in instr.exec_args] == [
        (1, k + 3, 1, k + 12), (1, k + 14, 1, k + 18), (1, k + 20, 1, k + 29)]


@pytest.mark.parametrize("args", ['["a" "b"]', "[a, b]", '["a"', "[", "[NaN]"])
def test_invalid_json_falls_back_to_shell_form(args: str) -> None:
    cmd = only(f"CMD {args}\n")
    assert isinstance(cmd, n.Cmd)
    assert cmd.form is n.Form.SHELL
    assert cmd.command is not None and cmd.command.text == args


def test_json_with_non_string_is_an_error() -> None:
    df = parse('CMD ["a", 1]\n')
    assert [(e.message, sp(e.span)) for e in df.errors] == [
        ("when using JSON array syntax, arrays must be comprised of strings only",
         (1, 5, 1, 13))]


def test_text_after_json_array_is_ignored_as_go_does() -> None:
    cmd = only('CMD ["a"] trailing\n')
    assert isinstance(cmd, n.Cmd)
    assert cmd.form is n.Form.EXEC and cmd.argv == ("a",)


def test_json_escapes_are_decoded() -> None:
    cmd = only('CMD ["a\\"b", "\\u00e9"]\n')
    assert isinstance(cmd, n.Cmd)
    assert cmd.argv == ('a"b', "é")


@pytest.mark.parametrize(("text", "form", "paths"), [
    ('COPY ["a b", "/c/"]\n', n.Form.EXEC, ["a b", "/c/"]),
    ("COPY a b /c/\n", n.Form.SHELL, ["a", "b", "/c/"]),
    ('ADD ["x.tar", "/"]\n', n.Form.EXEC, ["x.tar", "/"]),
    ('VOLUME ["/data"]\n', n.Form.EXEC, ["/data"]),
    ("VOLUME /a /b\n", n.Form.SHELL, ["/a", "/b"]),
])
def test_paths_forms(text: str, form: n.Form, paths: list[str]) -> None:
    instr = only(text)
    assert isinstance(instr, n.PathsInstruction)
    assert instr.form is form
    assert [p.text for p in instr.paths] == paths


def test_healthcheck_forms() -> None:
    df = parse('HEALTHCHECK --interval=5s CMD ["curl", "-f", "x"]\nHEALTHCHECK NONE\n'
               "HEALTHCHECK CMD curl -f x || exit 1\n")
    a, b, c = df.instructions
    assert isinstance(a, n.Healthcheck) and isinstance(b, n.Healthcheck)
    assert isinstance(c, n.Healthcheck)
    assert a.type is not None and a.type.text == "CMD" and a.argv == ("curl", "-f", "x")
    assert a.flag_value("interval") == "5s"
    assert b.is_none
    assert c.command is not None and c.command.text == "curl -f x || exit 1"
    assert not df.errors


@pytest.mark.parametrize(("text", "message"), [
    ("HEALTHCHECK\n", "HEALTHCHECK requires at least one argument"),
    ("HEALTHCHECK CMD\n", "Missing command after HEALTHCHECK CMD"),
    ("HEALTHCHECK NONE x\n", "HEALTHCHECK NONE takes no arguments"),
    ("HEALTHCHECK CONNECT x\n", 'Unknown type "CONNECT" in HEALTHCHECK (try CMD)'),
    ("HEALTHCHECK --interval=5 CMD x\n", 'time: invalid duration "5" in --interval'),
])
def test_healthcheck_errors(text: str, message: str) -> None:
    assert [e.message for e in parse(text).errors] == [message]


def test_shell_requires_json() -> None:
    df = parse("SHELL /bin/bash -c\n")
    assert [(e.message, sp(e.span)) for e in df.errors] == [
        ("SHELL requires the arguments to be in JSON form", (1, 7, 1, 19))]


# -- flags -------------------------------------------------------------------------------------

def test_flags_with_values_and_quotes() -> None:
    run = only('RUN --mount=type=cache,target=/root/.cache --network="none" -- echo hi\n')
    assert [(f.name, f.value) for f in run.flags] == [
        ("mount", "type=cache,target=/root/.cache"), ("network", "none")]
    assert sp(run.flags[0].span) == (1, 5, 1, 43)
    assert run.flags[0].value_span is not None
    assert sp(run.flags[0].value_span) == (1, 13, 1, 43)
    assert isinstance(run, n.Run) and run.command is not None
    assert run.command.text == "echo hi"


def test_bare_flag_and_unknown_flag_are_kept() -> None:
    copy = only("COPY --link --frobnicate=3 a /b/\n")
    assert [(f.name, f.value) for f in copy.flags] == [("link", None), ("frobnicate", "3")]
    assert isinstance(copy, n.Copy)
    assert [p.text for p in copy.paths] == ["a", "/b/"]


def test_from_with_platform_and_stage_name() -> None:
    f = only("FROM --platform=$BUILDPLATFORM golang:1.22 AS build\n")
    assert isinstance(f, n.From)
    assert f.flag_value("platform") == "$BUILDPLATFORM"
    assert f.image is not None and sp(f.image.span) == (1, 32, 1, 43)
    assert f.stage_name is not None and f.stage_name.text == "build"
    assert sp(f.stage_name.span) == (1, 47, 1, 52)


@pytest.mark.parametrize(("text", "message"), [
    ("FROM a b\n", "FROM requires either one or three arguments"),
    ("FROM a AS 1st\n",
     'invalid name for build stage: "1st", name can\'t start with a number or contain symbols'),
])
def test_from_errors(text: str, message: str) -> None:
    assert [e.message for e in parse(text).errors] == [message]


# -- other instructions ------------------------------------------------------------------------

def test_onbuild_wraps_instruction() -> None:
    ob = only("ONBUILD COPY --chown=app . /src\n")
    assert isinstance(ob, n.Onbuild)
    trigger = ob.trigger
    assert isinstance(trigger, n.Copy) and trigger.onbuild
    assert trigger.flag_value("chown") == "app"
    assert sp(trigger.keyword_span) == (1, 9, 1, 13)


@pytest.mark.parametrize(("text", "message"), [
    ("ONBUILD ONBUILD RUN x\n", "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed"),
    ("ONBUILD FROM x\n", "FROM isn't allowed as an ONBUILD trigger"),
])
def test_onbuild_errors(text: str, message: str) -> None:
    assert [e.message for e in parse(text).errors] == [message]


def test_lowercase_instructions() -> None:
    df = parse("from alpine:3.20 as build\nrun echo hi\ncopy a b\n")
    assert [(i.keyword, i.name, type(i).__name__) for i in df.instructions] == [
        ("from", "FROM", "From"), ("run", "RUN", "Run"), ("copy", "COPY", "Copy")]
    f = df.instructions[0]
    assert isinstance(f, n.From) and f.stage_name is not None and f.stage_name.text == "build"


def test_env_forms() -> None:
    df = parse('ENV A=1 B="two words" C=\'x\'\nENV LEGACY value with spaces\n')
    env, legacy = df.instructions
    assert isinstance(env, n.Env) and isinstance(legacy, n.Env)
    assert [(p.key.text, p.value.text if p.value else None, p.legacy) for p in env.pairs] == [
        ("A", "1", False), ("B", '"two words"', False), ("C", "'x'", False)]
    assert sp(env.pairs[1].value.span) == (1, 11, 1, 22)  # type: ignore[union-attr]
    assert [(p.key.text, p.value.text if p.value else None, p.legacy) for p in legacy.pairs] == [
        ("LEGACY", "value with spaces", True)]


@pytest.mark.parametrize(("text", "message"), [
    ("ENV A\n", "ENV must have two arguments"),
    ("ENV A=1 B\n", 'Syntax error - can\'t find = in "B". Must be of the form: name=value'),
    ("LABEL x\n", "LABEL must have two arguments"),
    ("ENV\n", "ENV requires at least one argument"),
])
def test_env_errors(text: str, message: str) -> None:
    assert [e.message for e in parse(text).errors] == [message]


def test_label_arg_expose() -> None:
    df = parse('LABEL "org.opencontainers.image.title"="app" version=1\n'
               "ARG VERSION\nARG GO=1.22 OTHER\nEXPOSE 8080/tcp 9000\n")
    label, arg1, arg2, expose = df.instructions
    assert isinstance(label, n.Label)
    assert [p.key.text for p in label.pairs] == ['"org.opencontainers.image.title"', "version"]
    assert isinstance(arg1, n.Arg) and isinstance(arg2, n.Arg)
    assert [(p.key.text, p.value) for p in arg1.pairs] == [("VERSION", None)]
    assert [(p.key.text, p.value.text if p.value else None) for p in arg2.pairs] == [
        ("GO", "1.22"), ("OTHER", None)]
    assert isinstance(expose, n.Expose)
    assert [(p.text, sp(p.span)) for p in expose.ports] == [
        ("8080/tcp", (4, 8, 4, 16)), ("9000", (4, 17, 4, 21))]


@pytest.mark.parametrize("keyword", ["USER", "WORKDIR", "STOPSIGNAL", "MAINTAINER"])
def test_string_instructions(keyword: str) -> None:
    instr = only(f"{keyword}   some value  \n")
    assert isinstance(instr, n.StringInstruction)
    assert instr.value is not None and instr.value.text == "some value"
    k = len(keyword)
    assert sp(instr.value.span) == (1, k + 4, 1, k + 14)


def test_unknown_instruction_is_reported_and_parsing_goes_on() -> None:
    df = parse("FROM a\nRUNN echo\nCOPY a b\n")
    assert [(e.message, sp(e.span)) for e in df.errors] == [
        ("unknown instruction: RUNN (did you mean RUN?)", (2, 1, 2, 5))]
    assert [type(i).__name__ for i in df.instructions] == ["From", "Unknown", "Copy"]


def test_error_in_one_instruction_does_not_stop_the_next() -> None:
    df = parse('FROM a\nENV A\nCMD ["a", 1]\nRUN ok\n')
    assert [e.span.start_line for e in df.errors] == [2, 3]
    assert [i.name for i in df.instructions] == ["FROM", "ENV", "CMD", "RUN"]


# -- encodings and line endings ------------------------------------------------------------------

def test_crlf_line_endings() -> None:
    df = parse(b"FROM a\r\nRUN echo \\\r\n  hi\r\n")
    assert df.crlf
    run = df.instructions[1]
    assert isinstance(run, n.Run) and run.command is not None
    assert run.command.text == "echo   hi"
    assert sp(run.span) == (2, 1, 3, 5)


def test_utf8_bom_is_dropped() -> None:
    df = parse(b"\xef\xbb\xbf# escape=`\nFROM a\n")
    assert df.has_bom
    assert df.escape == "`"
    assert sp(df.instructions[0].span) == (2, 1, 2, 7)


def test_tabs_count_one_column() -> None:
    run = only("\tRUN\techo\thi\n")
    assert sp(run.keyword_span) == (1, 2, 1, 5)
    assert isinstance(run, n.Run) and run.command is not None
    assert sp(run.command.span) == (1, 6, 1, 13)


def test_no_final_newline_and_empty_files() -> None:
    assert [i.name for i in parse("FROM a").instructions] == ["FROM"]
    empty = parse("")
    assert empty.instructions == ()
    assert [(e.message, sp(e.span)) for e in empty.errors] == [
        ("file with no instructions", (1, 1, 1, 1))]
    blank = parse("\n\n# only a comment\n")
    assert blank.instructions == () and [c.text for c in blank.comments] == ["only a comment"]
    assert [(e.message, sp(e.span)) for e in blank.errors] == [
        ("file with no instructions", (3, 1, 3, 17))]


def test_columns_count_code_points() -> None:
    df = parse("LABEL desc=\"héllo\" x=1\n")
    label = df.instructions[0]
    assert isinstance(label, n.Label)
    assert sp(label.pairs[1].key.span) == (1, 20, 1, 21)


def test_invalid_utf8_is_reported_at_the_byte() -> None:
    df = parse(b"FROM a\nLABEL x=\xff\n")
    assert [(e.message, sp(e.span)) for e in df.errors] == [
        ("invalid UTF-8 byte 0xff; Dockerfiles must be UTF-8 text", (2, 9, 2, 10))]
    assert [i.name for i in df.instructions] == ["FROM", "LABEL"]


def test_binary_input_is_an_input_error() -> None:
    with pytest.raises(InputError) as exc:
        parse(b"\x89PNG\r\n\x1a\n\x00\x00", "logo.png")
    assert exc.value.line == 3
    assert str(exc.value) == "logo.png:3: binary data (NUL byte), not a Dockerfile"


# -- comments ------------------------------------------------------------------------------------

def test_comments_link_to_the_next_instruction() -> None:
    df = parse("# one\n# two\nRUN a\n# loose\n\nRUN b\n")
    assert [(c.text, c.next_instruction) for c in df.comments] == [
        ("one", 0), ("two", 0), ("loose", None)]
    assert df.instructions[0].comments == ("one", "two")
    assert df.instructions[1].comments == ()
