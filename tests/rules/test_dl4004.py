"""DL4004 multiple-entrypoint."""

from __future__ import annotations

from conftest import codes, lint


def test_buildkit_case() -> None:
    text = ('FROM scratch\nENTRYPOINT ["/myapp"]\nENTRYPOINT ["/myotherapp"]\nCMD ["/myapp"]\n'
            'CMD ["/myotherapp"]\n')
    assert codes(text, "DL4004") == [(3, 1)]


def test_shell_and_exec_forms_count_and_parents_do_not() -> None:
    text = ('FROM alpine:3.20 AS base\nENTRYPOINT ["a"]\nFROM base\nENTRYPOINT b\n'
            'entrypoint ["c"]\n')
    assert codes(text, "DL4004") == [(5, 1)]
    [f] = [f for f in lint(text) if f.rule_id == "DL4004"]
    assert f.severity.label == "error" and "line 4" in f.message
