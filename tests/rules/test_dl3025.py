"""DL3025 json-args-recommended (BuildKit JSONArgsRecommended): the SHELL exemption."""

from __future__ import annotations

from tests.conftest import codes


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
