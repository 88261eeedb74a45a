"""RUN text -> simple commands (tree-sitter-bash), positions through continuations."""

from __future__ import annotations

from dockwise.model import Model
from dockwise.syntax import nodes as n
from dockwise.syntax import parse
from dockwise.syntax.shell import (
    Script,
    apk_adds,
    go_invocations,
    parse_options,
)


def scripts(text: str, index: int = -1) -> tuple[Script, ...]:
    model = Model(parse(text))
    run = [i for i in model.dockerfile.instructions if isinstance(i, n.Run)][index]
    assert isinstance(run, n.Run)
    return model.scripts(run)


def argvs(script: Script) -> list[list[str]]:
    return [[w.text for w in c.argv] for c in script.commands]


def test_commands_operators_and_positions() -> None:
    (script,) = scripts("FROM a\nRUN set -eux; \\\n    apk add --no-cache curl \\\n"
                        "    && rm -rf /tmp/* || true\n")
    assert argvs(script) == [["set", "-eux"], ["apk", "add", "--no-cache", "curl"],
                             ["rm", "-rf", "/tmp/*"], ["true"]]
    assert [c.operator for c in script.commands] == [None, ";", "&&", "||"]
    assert [c.conditional for c in script.commands] == [False, False, False, True]
    apk = script.commands[1]
    assert (apk.span.start_line, apk.span.start_column) == (3, 5)
    curl = apk.argv[3]
    assert (curl.span.start_line, curl.span.start_column, curl.span.end_column) == (3, 24, 28)
    rm = script.commands[2]
    assert (rm.span.start_line, rm.span.start_column) == (4, 8)


def test_env_prefixes_exports_and_quotes() -> None:
    (script,) = scripts("RUN export GOFLAGS=-trimpath A; "
                        "CGO_ENABLED=0 go build -ldflags \"-s -w\" -o '/out dir' .\n")
    export, build = script.commands
    assert export.declaration == "export"
    assert [(a.name, a.value.text if a.value else None) for a in export.assignments] == [
        ("GOFLAGS", "-trimpath"), ("A", None)]
    assert [(a.name, a.value.text if a.value else None) for a in build.assignments] == [
        ("CGO_ENABLED", "0")]
    assert [w.text for w in build.argv] == ["go", "build", "-ldflags", "-s -w", "-o", "/out dir",
                                            "."]
    assert build.argv[3].raw == '"-s -w"'


def test_pipelines_and_subshells() -> None:
    (script,) = scripts("RUN (cd /src && make) | tee log; echo $(date)\n")
    assert argvs(script) == [["cd", "/src"], ["make"], ["tee", "log"], ["echo", "$(date)"],
                             ["date"]]
    assert [c.subshell for c in script.commands] == [True, True, False, False, True]
    assert [c.in_pipeline for c in script.commands] == [True, True, True, False, False]
    assert script.has_pipeline
    assert not script.commands[3].argv[1].literal


def test_expansions_are_kept_in_word_text() -> None:
    (script,) = scripts('RUN apk add "curl=${CURL_VERSION}" bash=$V\n')
    words = script.commands[0].argv
    assert [(w.text, w.literal) for w in words[2:]] == [("curl=${CURL_VERSION}", False),
                                                        ("bash=$V", False)]


def test_wrappers_are_looked_through() -> None:
    (script,) = scripts("RUN sudo -u app env A=1 /sbin/apk --no-cache add curl\n")
    prog, args = script.commands[0].effective()
    assert prog == "apk"
    assert [a.text for a in args] == ["--no-cache", "add", "curl"]
    (inv,) = apk_adds(script)
    assert inv.has("--no-cache") and [o.text for o in inv.operands] == ["curl"]


def test_parse_options_clusters_values_and_double_dash() -> None:
    (script,) = scripts("RUN tool -qy -o out --level=3 --name x -- -notanoption\n")
    options, operands = parse_options(script.commands[0].args,
                                      takes_value={"-o", "--name"})
    assert [(o.name, o.value.text if o.value else None) for o in options] == [
        ("-q", None), ("-y", None), ("-o", "out"), ("--level", "3"), ("--name", "x")]
    assert [w.text for w in operands] == ["-notanoption"]


def test_go_invocations_normalise_single_dash_flags() -> None:
    (script,) = scripts("RUN go build --trimpath -ldflags=-s -o /app ./cmd/app && "
                        "go mod download\n")
    (build,) = go_invocations(script, ("build",))
    assert [(o.name, o.value.text if o.value else None) for o in build.options] == [
        ("-trimpath", None), ("-ldflags", "-s"), ("-o", "/app")]
    assert [w.text for w in build.operands] == ["./cmd/app"]
    (mod,) = go_invocations(script, ("mod",))
    assert [w.text for w in mod.operands] == ["download"]


def test_heredoc_that_is_the_command_is_a_script() -> None:
    text = "FROM a\nRUN <<EOF\nset -e\napk add curl\nEOF\n"
    (script,) = scripts(text)
    assert script.source == "heredoc" and script.dialect == "sh"
    assert argvs(script) == [["set", "-e"], ["apk", "add", "curl"]]
    assert script.commands[1].span.start_line == 4


def test_heredoc_fed_to_a_named_shell_uses_that_dialect() -> None:
    line, body = scripts("RUN <<EOF bash\nshopt -s globstar\nEOF\n")
    assert (line.source, argvs(line)) == ("run", [["bash"]])
    assert (body.source, body.dialect) == ("heredoc", "bash")
    assert argvs(body) == [["shopt", "-s", "globstar"]]
    assert body.commands[0].span.start_line == 2


def test_heredoc_with_non_shell_shebang_is_not_a_script() -> None:
    assert scripts("RUN <<EOF\n#!/usr/bin/env python3\nprint('hi')\nEOF\n") == ()


def test_heredoc_with_shell_shebang_uses_it() -> None:
    (script,) = scripts("RUN <<EOF\n#!/bin/bash\necho hi\nEOF\n")
    assert script.dialect == "bash"


def test_heredoc_as_data_is_not_a_script() -> None:
    (line,) = scripts("RUN cat <<EOF > /etc/motd\nrm -rf /\nEOF\n")
    assert line.source == "run"
    assert argvs(line) == [["cat"]]


def test_exec_form_sh_c_is_parsed() -> None:
    (script,) = scripts('RUN ["/bin/sh", "-c", "apk add curl"]\n')
    assert argvs(script) == [["apk", "add", "curl"]]
    word = script.commands[0].argv[2]
    assert (word.span.start_line, word.span.start_column) == (1, 32)


def test_non_posix_shell_has_no_scripts() -> None:
    text = 'FROM a\nSHELL ["powershell", "-Command"]\nRUN Get-ChildItem | Select-Object\n'
    assert scripts(text) == ()


def test_thousands_of_chained_commands_do_not_exhaust_the_stack() -> None:
    # tree-sitter-bash nests `a && b && c` as list(list(a, b), c): as deep as it is long
    chain = " && ".join(f"echo {i}" for i in range(3000))
    (script,) = scripts(f"FROM a\nRUN {chain}\n")
    assert argvs(script) == [["echo", str(i)] for i in range(3000)]
    assert [c.operator for c in script.commands] == [None] + ["&&"] * 2999
    last = script.commands[-1]
    assert (last.span.start_line, last.span.start_column) == (2, 5 + len(chain) - len("echo 2999"))


def test_deeply_nested_substitutions_are_all_found() -> None:
    depth = 1500
    (script,) = scripts("FROM a\nRUN echo " + "$(" * depth + "x" + ")" * depth + "\n")
    assert len(script.commands) == depth + 1
    assert [c.subshell for c in script.commands] == [False] + [True] * depth
    assert argvs(script)[-1] == ["x"]


def test_nesting_counts_subshells_substitutions_and_compound_commands() -> None:
    def nesting(run: str) -> int:
        (script,) = scripts(f"FROM a\nRUN {run}\n")
        return script.nesting

    assert nesting("echo hi && ls | wc -l") == 0
    assert nesting("echo $(date)") == 1
    assert nesting("(cd /x && echo $(a $(b)))") == 3
    assert nesting("if true; then for i in 1; do { echo; }; done; fi") == 3
    assert nesting(" && ".join(["echo"] * 500)) == 0  # a long chain is long, not deep
