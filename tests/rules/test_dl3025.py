"""DL3025 json-args-recommended: CMD and ENTRYPOINT in shell form."""

from __future__ import annotations

import pytest
from conftest import codes, lint, spans


def test_shell_form_reported_on_the_command() -> None:
    text = "FROM alpine:3.20\nCMD /app --port 8080\nENTRYPOINT ./run.sh\n"
    found = [f for f in lint(text) if f.rule_id == "DL3025"]
    assert [(f.line, f.column, f.end_column, f.fix) for f in found] == [
        (2, 5, 21, 'CMD ["/app", "--port", "8080"]'),
        (3, 12, 20, 'ENTRYPOINT ["./run.sh"]'),
    ]


@pytest.mark.parametrize("line", ['CMD ["/app"]', 'ENTRYPOINT ["/app", "serve"]', "CMD []",
                                  'CMD [ "/app" ]  ', "CMD exec /app --port 8080",
                                  'ENTRYPOINT exec "$0" "$@"'])
def test_exec_form_and_exec_prefixed_commands_pass(line: str) -> None:
    assert spans(f"FROM alpine:3.20\n{line}\n", "DL3025") == []


def test_exec_prefix_is_only_special_in_a_posix_shell() -> None:
    # with a POSIX shell, ``exec`` hands PID 1 to the program; a stage that chose a non-POSIX
    # SHELL is exempt altogether (see test_non_posix_shell_exempts_the_stage_and_its_children)
    assert spans('FROM alpine:3.20\nCMD exec app\n', "DL3025") == []
    assert spans('FROM alpine:3.20\nCMD execute app\n', "DL3025") == [(2, 5, 2, 16)]


def test_single_quoted_json_is_shell_form() -> None:
    found = [f for f in lint("FROM alpine:3.20\nCMD ['/app', '-v']\n") if f.rule_id == "DL3025"]
    assert [(f.line, f.column, f.fix) for f in found] == [(2, 5, 'CMD ["/app", "-v"]')]
    assert "not valid JSON" in found[0].message


def test_healthcheck_cmd_is_not_this_rule() -> None:
    # hadolint reports HEALTHCHECK CMD in shell form; a health check is a short-lived command
    text = "FROM alpine:3.20\nHEALTHCHECK CMD wget -q -O- http://localhost/ || exit 1\n"
    assert spans(text, "DL3025") == []


def test_explicit_shell_still_reported() -> None:
    text = 'FROM alpine:3.20\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nCMD /app\n'
    assert spans(text, "DL3025") == [(3, 5, 3, 9)]


def test_continuation_spans_lines() -> None:
    assert spans("FROM alpine:3.20\nCMD /app \\\n  --v\n", "DL3025") == [(2, 5, 3, 6)]


def test_buildkit_cases_without_shell() -> None:
    # dockerfile_lint_test.go, testJSONArgsRecommended
    assert codes("\nFROM scratch\nCMD mycommand\n", "DL3025") == [(3, 5)]
    assert codes("\nFROM scratch\nENTRYPOINT mycommand\n", "DL3025") == [(3, 12)]


def test_non_posix_shell_exempts_the_stage_and_its_children() -> None:
    text = ('FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS base\n'
            'SHELL ["powershell", "-Command"]\nCMD Start-Service app\n'
            'FROM base\nENTRYPOINT Write-Host hi\n')
    assert codes(text, "DL3025") == []


def test_posix_shell_for_pipefail_is_still_reported() -> None:
    # BuildKit is silent after any SHELL; a SHELL set for `pipefail` in RUN does not make a
    # shell-form CMD receive signals.
    text = 'FROM alpine:3.20\nSHELL ["/bin/ash", "-eo", "pipefail", "-c"]\nCMD ./app --serve\n'
    assert codes(text, "DL3025") == [(3, 5)]
