"""DL3035: no zypper dist-upgrade."""

from __future__ import annotations

from conftest import codes, spans

RULE = "DL3035"


def test_dist_upgrade_and_its_alias_are_reported() -> None:
    text = ("FROM opensuse/leap:15.6\n"
            "RUN zypper -n dist-upgrade && zypper --non-interactive dup && zypper clean\n")
    assert spans(text, RULE) == [(2, 5, 2, 27), (2, 31, 2, 59)]


def test_other_commands_are_accepted() -> None:
    text = ("FROM opensuse/leap:15.6\n"
            "RUN zypper -n patch && zypper -n update && zypper -n in curl=8.6.0 \\\n"
            " && zypper clean && echo zypper dup\n")
    assert codes(text, RULE) == []
