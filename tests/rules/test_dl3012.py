"""DL3012 multiple-healthcheck."""

from __future__ import annotations

from conftest import codes


def test_buildkit_case() -> None:
    text = ('FROM scratch\nHEALTHCHECK CMD ["/myapp"]\nHEALTHCHECK CMD ["/myotherapp"]\n'
            'CMD ["/myapp"]\n')
    assert codes(text, "DL3012") == [(3, 1)]


def test_none_counts_and_stages_reset() -> None:
    text = ("FROM alpine:3.20\nHEALTHCHECK CMD wget -q localhost\nHEALTHCHECK NONE\n"
            "FROM alpine:3.20\nHEALTHCHECK NONE\n")
    assert codes(text, "DL3012") == [(3, 1)]


def test_single_healthcheck_per_stage_is_fine() -> None:
    text = "FROM alpine:3.20\nHEALTHCHECK --interval=5s CMD true\nCMD [\"x\"]\n"
    assert codes(text, "DL3012") == []
