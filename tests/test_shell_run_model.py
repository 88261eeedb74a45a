"""The shell and model facts the RUN rules share: wrappers, nested commands, pipelines, shell
options, what runs each script (``Script.runner``), and the shell pragma."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from dockwise.model import Model
from dockwise.syntax import nodes as n
from dockwise.syntax.parser import parse
from dockwise.syntax.shell import Script, shell_option
from dockwise.syntax.variables import expand


def scripts(text: str, shell_pragma: str | None = None) -> list[Script]:
    model = Model(parse(text), shell_override=shell_pragma)
    return [s for _stage, run in model.runs() for s in model.scripts(run)]


def names(script: Script) -> list[str]:
    return [c.name for c in script.commands if c.argv]


def test_programs_lists_wrappers_then_the_program() -> None:
    (script,) = scripts("FROM a\nRUN sudo -u app env A=1 apk add curl\n")
    (cmd,) = script.commands
    assert [w.text for w in cmd.programs()] == ["sudo", "env", "apk"]
    assert cmd.programs()[0].span == n.Span(2, 5, 2, 9)
    assert cmd.effective()[0] == "apk"
    assert [w.text for w in cmd.effective()[1]] == ["add", "curl"]


def test_command_v_only_looks_a_program_up() -> None:
    (script,) = scripts("FROM a\nRUN command -v curl && command curl -V\n")
    first, second = script.commands
    assert first.effective()[0] == "command"
    assert [w.text for w in first.programs()] == ["command"]
    assert second.effective()[0] == "curl"


def test_command_substitutions_in_assignments_are_commands() -> None:
    (script,) = scripts('FROM a\nRUN export D="x $(echo y)"; A=$(cat f) B=`id -u`; '
                        'C=$(date) make\n')
    assert names(script) == ["export", "echo", "cat", "id", "make", "date"]
    nested = [c for c in script.commands if c.name in ("echo", "cat", "id", "date")]
    assert all(c.subshell for c in nested)


def test_pipeline_numbers_group_the_parts_of_each_pipe() -> None:
    (script,) = scripts("FROM a\nRUN { echo a; curl x; } | tee f && a | b | c; x $(d | e)\n")
    by_name = {c.name: c for c in script.commands if c.argv}
    assert by_name["echo"].pipeline == by_name["curl"].pipeline == by_name["tee"].pipeline == 1
    assert (by_name["curl"].pipeline_index, by_name["tee"].pipeline_index) == (0, 1)
    assert by_name["a"].pipeline == by_name["c"].pipeline == 2
    assert by_name["x"].pipeline == 0
    assert by_name["d"].pipeline == by_name["e"].pipeline == 3


def test_shell_option_reads_set_and_shell_flags() -> None:
    assert shell_option(["-o", "pipefail", "-c"], "pipefail") is True
    assert shell_option(["-eo", "pipefail", "-c"], "pipefail") is True
    assert shell_option(["-euxo", "pipefail"], "pipefail") is True
    assert shell_option(["-o", "errexit", "-o", "pipefail"], "pipefail") is True
    assert shell_option(["--norc", "-opipefail"], "pipefail") is True
    assert shell_option(["-o", "pipefail", "+o", "pipefail"], "pipefail") is False
    assert shell_option(["-c"], "pipefail") is None
    assert shell_option(["-e", "script", "-o", "pipefail"], "pipefail") is None
    assert shell_option(["-o"], "pipefail") is None


def test_runner_of_shell_form_is_the_stage_shell() -> None:
    (script,) = scripts('FROM a\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN a | b\n')
    assert script.runner == ("/bin/bash", "-o", "pipefail", "-c")
    (default,) = scripts("FROM a\nRUN a | b\n")
    assert default.runner == ("/bin/sh", "-c")


def test_runner_of_heredocs() -> None:
    plain, = scripts("FROM a\nRUN <<EOF\na | b\nEOF\n")
    assert (plain.source, plain.runner) == ("heredoc", ("/bin/sh", "-c"))
    shebang, = scripts("FROM a\nRUN <<EOF\n#!/bin/bash -e\na | b\nEOF\n")
    assert (shebang.dialect, shebang.runner) == ("bash", ("/bin/bash", "-e"))
    line, body = scripts("FROM a\nRUN bash <<EOF\na | b\nEOF\n")
    assert line.runner == ("/bin/sh", "-c")
    assert (body.source, body.runner) == ("heredoc", ("bash",))


def test_exec_form_with_options_before_c_is_parsed() -> None:
    text = 'FROM a\nRUN ["/bin/bash", "-o", "pipefail", "-c", "curl x | tar -x"]\n'
    (script,) = scripts(text)
    assert script.runner == ("/bin/bash", "-o", "pipefail", "-c")
    assert names(script) == ["curl", "tar"]
    assert script.commands[0].span == n.Span(2, 44, 2, 50)
    (exc,) = scripts('FROM a\nRUN ["sh", "-exc", "make"]\n')
    assert exc.runner == ("sh", "-exc")
    assert scripts('FROM a\nRUN ["sh", "script.sh"]\n') == []


def test_exec_form_does_not_depend_on_the_stage_shell() -> None:
    text = 'FROM a\nSHELL ["pwsh", "-Command"]\nRUN ["sh", "-c", "make"]\nRUN make\n'
    (script,) = scripts(text)
    assert names(script) == ["make"]


def test_shell_pragma_is_the_default_and_shell_still_applies() -> None:
    text = 'FROM a\nRUN Get-Item x\nSHELL ["/bin/bash", "-c"]\nRUN a | b\n'
    (script,) = scripts(text, shell_pragma="pwsh")
    assert script.runner == ("/bin/bash", "-c")
    assert names(script) == ["a", "b"]


#: Letters, punctuation and every kind of whitespace (Go's and not Go's); no $ or quotes.
_PLAIN = list("ab/.:-_=*\\`{}()#@ \t\n\x0b\x0c\r\x85\xa0\u2003\x1c")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(_PLAIN), max_size=20))
def test_plain_words_expand_as_the_lexer_does(text: str) -> None:
    model = Model(parse("FROM a\nRUN x\n"))
    lookup = model.state(model.dockerfile.instructions[1]).lookup
    assert model._expand_with(text, lookup) == expand(text, lookup, model.escape)
