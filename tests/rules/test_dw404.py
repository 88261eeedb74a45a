"""DW404 consistent-instruction-casing (BuildKit ConsistentInstructionCasing)."""

from __future__ import annotations

from conftest import codes, lint


def test_buildkit_cases() -> None:
    # dockerfile_lint_test.go, testConsistentInstructionCasing
    assert codes("\n# warning\n#\nFrom scratch as base\nFROM scratch AS base2\n",
                 "DW404") == [(4, 1)]
    assert codes("\nFROM scratch\n# warning\ncopy Dockerfile /foo\nCOPY Dockerfile /bar\n",
                 "DW404") == [(4, 1)]
    assert codes("\n# warning\n#\nfrOM scratch as base\nfrom scratch as base2\n",
                 "DW404") == [(4, 1)]
    assert codes("\nfrom scratch\n# warning\nCOPY Dockerfile /foo\ncopy Dockerfile /bar\n",
                 "DW404") == [(4, 1)]
    assert codes("\n# w\n#\nfrom scratch\nCOPY Dockerfile /foo\nCOPY Dockerfile /bar\n"
                 "COPY Dockerfile /baz\n", "DW404") == [(4, 1)]
    assert codes("\n# w\n#\nFROM scratch\ncopy Dockerfile /foo\ncopy Dockerfile /bar\n"
                 "copy Dockerfile /baz\n", "DW404") == [(4, 1)]
    assert codes("\nfrom scratch\ncopy Dockerfile /foo\ncopy Dockerfile /bar\n", "DW404") == []
    assert codes("\nFROM scratch\nCOPY Dockerfile /foo\nCOPY Dockerfile /bar\n", "DW404") == []
    assert codes("\nFROM alpine\nRUN <<'EOT'\nenv\nEOT\n", "DW404") == []


def test_tie_goes_to_upper_case_and_messages_say_which() -> None:
    found = [f for f in lint("from alpine:3.20\nRUN true\n") if f.rule_id == "DW404"]
    assert [(f.line, f.fix) for f in found] == [(1, "FROM")]
    assert "upper case" in found[0].message


def test_global_args_and_onbuild_triggers_are_checked() -> None:
    text = "arg V=1\nFROM alpine:3.20\nONBUILD run make\nRUN true\nCOPY a /a\n"
    assert codes(text, "DW404") == [(1, 1), (3, 9)]


def test_mixed_case_keyword_under_lower_majority() -> None:
    text = "from alpine:3.20\nrun a\nCopy a /a\nrun b\n"
    found = [f for f in lint(text) if f.rule_id == "DW404"]
    assert [(f.line, f.column, f.end_column, f.fix) for f in found] == [(3, 1, 5, "copy")]
