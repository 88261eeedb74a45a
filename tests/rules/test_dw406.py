"""DW406 undefined-var (BuildKit UndefinedVar)."""

from __future__ import annotations

import pytest
from conftest import codes, lint, spans


def messages(text: str) -> list[tuple[int, int, str]]:
    return [(f.line, f.column, f.message) for f in lint(text) if f.rule_id == "DW406"]


# -- BuildKit's own cases (dockerfile_lint_test.go, testUnmatchedVars / testAllTargetUnmarshal);
# alpine is replaced by scratch where BuildKit relies on knowing alpine's environment.

def test_declared_arg_without_value_is_defined() -> None:
    assert codes("\nFROM scratch\nARG foo\nCOPY Dockerfile${foo} .\n", "DW406") == []


def test_args_are_inherited_from_the_parent_stage() -> None:
    text = "\nFROM alpine AS base\nARG foo=Dockerfile\n\nFROM base\nCOPY $foo .\n"
    assert codes(text, "DW406") == []


def test_run_is_left_to_the_shell() -> None:
    assert codes("\nFROM scratch\nRUN echo $PATH $nothing\n", "DW406") == []


def test_used_before_declared() -> None:
    text = "\nFROM alpine\nCOPY $foo .\nARG foo=bar\nRUN echo $foo\n"
    assert messages(text) == [(3, 6, "$foo is not defined at this point, so it expands to "
                                     "nothing; it is declared only later, on line 4")]


def test_typo_suggestion() -> None:
    text = ("\nFROM alpine\nARG DIR_BINARIES=binaries/\nARG DIR_ASSETS=assets/\n"
            "ARG DIR_CONFIG=config/\nCOPY $DIR_ASSET .\n\t")
    [(line, column, message)] = messages(text)
    assert (line, column) == (6, 6)
    assert message.endswith("did you mean $DIR_ASSETS?")


def test_path_typo() -> None:
    [(line, column, message)] = messages("\nFROM alpine\nENV PATH=$PAHT:/tmp/bin\n\t\t")
    assert (line, column) == (3, 10) and message.endswith("did you mean $PATH?")


def test_every_stage_is_checked() -> None:
    text = "\nFROM scratch AS first\nCOPY $foo .\n\nFROM scratch AS second\nCOPY $bar .\n"
    assert codes(text, "DW406") == [(3, 6), (6, 6)]


# -- where BuildKit expands words ----------------------------------------------------------

def test_checked_instructions_on_scratch() -> None:
    text = ("FROM scratch\n"
            "ENV A=$E1 $E2=x\n"
            "LABEL l=$L1\n"
            "COPY --chown=$U:$G --chmod=$M $S1 /d/$D1\n"
            "ADD --checksum=$C https://x/y /y\n"
            "WORKDIR /w/$W\n"
            "USER $US\n"
            "VOLUME $V1 [\"$V2\"]\n"
            "STOPSIGNAL $SIG\n"
            "RUN --mount=type=cache,target=$T echo $NOT_CHECKED\n"
            "EXPOSE $P\n"
            'CMD echo $NO\nENTRYPOINT ["$NO"]\nHEALTHCHECK CMD $NO\nONBUILD COPY $NO /x\n')
    names = [m.split()[0] for _l, _c, m in messages(text)]
    assert names == ["$E1", "$E2", "$L1", "$U", "$G", "$S1", "$D1", "$C", "$W", "$US", "$V1",
                     "$V2", "$SIG", "$T"]


def test_exact_spans() -> None:
    text = "FROM scratch\nCOPY a-${VERSION:-1}.tar /x\nENV \\\n  B=x$Y\n"
    assert spans(text, "DW406") == [(2, 8, 2, 21), (4, 6, 4, 8)]


def test_default_modifiers_still_count_as_uses() -> None:
    # ${A:-x} looks A up; BuildKit's lexer records it as unmatched when A is undefined
    assert codes("FROM scratch\nENV B=${A:-x} C=${D:+y}\n", "DW406") == [(2, 7), (2, 17)]


def test_same_env_instruction_does_not_define_its_own_values() -> None:
    assert codes("FROM scratch\nENV A=1 B=$A\nENV C=$A\n", "DW406") == [(2, 11)]


def test_arg_defaults_see_earlier_pairs_of_the_same_arg() -> None:
    assert codes("FROM scratch\nARG A=1 B=$A C=$Z\n", "DW406") == [(2, 16)]


def test_quotes_escapes_and_special_parameters() -> None:
    text = "FROM scratch\nLABEL a='$X' b=\"$Y\" c=\\$Z d=$$ e=$1\n"
    assert codes(text, "DW406") == [(2, 17)]


def test_heredoc_bodies_expand_unless_the_delimiter_is_quoted() -> None:
    text = ("FROM scratch\nCOPY <<EOF /a\nhello $WHO '$QUOTED'\nEOF\n"
            "COPY <<'EOF' /b\n$NOT_EXPANDED\nEOF\n")
    assert codes(text, "DW406") == [(3, 7), (3, 13)]


def test_escape_directive() -> None:
    text = "# escape=`\nFROM scratch\nENV A=`$X B=$Y\n"
    assert codes(text, "DW406") == [(3, 13)]


def test_scratch_has_a_default_path() -> None:
    assert codes("FROM scratch\nENV PATH=/app:$PATH\n", "DW406") == []


def test_global_arg_must_be_redeclared_in_the_stage() -> None:
    text = "ARG VERSION=1\nFROM scratch\nCOPY app-$VERSION /app\nARG VERSION\nCOPY $VERSION /v\n"
    [(line, column, message)] = messages(text)
    assert (line, column) == (3, 10)
    assert "declared only later, on line 4" in message


def test_global_arg_hint() -> None:
    [(_l, _c, message)] = messages("ARG VERSION=1\nFROM scratch\nLABEL v=$VERSION\n")
    assert "the ARG before the first FROM is not visible in a stage" in message


def test_sbom_args_are_ignored() -> None:
    assert codes("FROM scratch\nLABEL a=$BUILDKIT_SBOM_SCAN_STAGE\n", "DW406") == []


# -- external base images: only what the image cannot plausibly define ------------------------

@pytest.mark.parametrize("text", [
    "FROM golang:1.22\nENV PATH=$GOPATH/bin:$PATH\n",         # GOPATH comes from the image
    "FROM python:3.12\nARG VERSION=$PYTHON_VERSION\n",          # BuildKit docs' good case
    "FROM node:20\nLABEL node=$NODE_VERSION\n",
    "ARG NODE_VERSION=20\nFROM node:${NODE_VERSION}\nLABEL v=$NODE_VERSION\n",
    "FROM alpine:3.20\nCOPY $foo .\n",
    "FROM golang:1.22\nARG GOPATH_X=1\nENV GO=$PATH\nENV PATH=/x:$PATH\n",  # PATH always set
])
def test_names_an_image_may_define_are_not_reported(text: str) -> None:
    assert codes(text, "DW406") == []


def test_platform_args_must_be_declared_in_the_stage() -> None:
    text = "FROM alpine:3.20\nCOPY bin/${TARGETARCH}/app /app\nARG TARGETOS\nCOPY $TARGETOS /o\n"
    [(line, column, message)] = messages(text)
    assert (line, column) == (2, 10)
    assert "add 'ARG TARGETARCH'" in message


def test_typo_of_a_declared_name_on_an_external_image() -> None:
    text = "FROM alpine:3.20\nARG APP_HOME=/app\nWORKDIR $APP_HOM\n"
    assert codes(text, "DW406") == [(3, 9)]


def test_parent_stage_on_scratch_makes_the_environment_known() -> None:
    text = "FROM scratch AS base\nENV A=1\nFROM base\nENV B=$A$C\n"
    assert codes(text, "DW406") == [(4, 9)]


def test_skip_by_buildkit_name() -> None:
    assert codes("# check=skip=UndefinedVar\nFROM scratch\nCOPY $X /\n", "DW406") == []
