"""DL4003 multiple-cmd (BuildKit MultipleInstructionsDisallowed, with DL4004 and DL3012)."""

from __future__ import annotations

from conftest import codes, lint


def test_buildkit_cases() -> None:
    # dockerfile_lint_test.go, testMultipleInstructionsDisallowed: BuildKit reports the
    # earlier instruction; dockwise reports the later one (hadolint's position).
    text = ('FROM scratch\nENTRYPOINT ["/myapp"]\nENTRYPOINT ["/myotherapp"]\nCMD ["/myapp"]\n'
            'CMD ["/myotherapp"]\nHEALTHCHECK CMD ["/myapp"]\nHEALTHCHECK CMD ["/myotherapp"]\n')
    assert codes(text, "DL4003") == [(5, 1)]
    text = ('FROM scratch\nENTRYPOINT ["/myapp"]\nCMD ["/myapp"]\nHEALTHCHECK CMD ["/myapp"]\n'
            'COPY <<EOF /a.txt\nHello, World!\nEOF\nENTRYPOINT ["/myotherapp"]\n'
            'CMD ["/myotherapp"]\nHEALTHCHECK CMD ["/myotherapp"]\n')
    assert codes(text, "DL4003") == [(9, 1)]
    text = ('FROM scratch AS a\nENTRYPOINT ["/myapp"]\nCMD ["/myapp"]\n'
            'HEALTHCHECK CMD ["/myapp"]\n\nFROM a AS b\nENTRYPOINT ["/myotherapp"]\n'
            'CMD ["/myotherapp"]\nHEALTHCHECK CMD ["/myotherapp"]\n')
    assert codes(text, "DL4003") == []


def test_every_later_cmd_names_the_one_it_replaces() -> None:
    text = 'FROM alpine:3.20\nCMD a\ncmd ["b"]\nRUN true\nCMD ["c"]\n'
    found = [f for f in lint(text) if f.rule_id == "DL4003"]
    assert [(f.line, f.column, f.end_column) for f in found] == [(3, 1, 4), (5, 1, 4)]
    assert "line 2" in found[0].message and "line 3" in found[1].message
    assert found[0].stage == "0"


def test_each_stage_counts_separately() -> None:
    text = 'FROM alpine:3.20 AS a\nCMD ["a"]\nFROM alpine:3.20\nCMD ["b"]\n'
    assert codes(text, "DL4003") == []


def test_onbuild_cmd_is_not_counted() -> None:
    text = 'FROM alpine:3.20\nONBUILD CMD ["a"]\nCMD ["b"]\n'
    assert codes(text, "DL4003") == []


def test_hadolint_pragma_above_the_later_cmd_still_applies() -> None:
    text = 'FROM alpine:3.20\nCMD ["a"]\n# hadolint ignore=DL4003\nCMD ["b"]\n'
    assert codes(text, "DL4003") == []
