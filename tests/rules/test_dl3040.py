"""DL3040: dnf clean all in the RUN that installs with dnf."""

from __future__ import annotations

import pytest
from conftest import codes, lint, spans

RULE = "DL3040"


def test_missing_clean_is_reported_at_the_install_words() -> None:
    text = "FROM fedora:40\nRUN microdnf install -y tar-1.35\n"
    assert spans(text, RULE) == [(2, 5, 2, 21)]
    assert [f.fix for f in lint(text) if f.rule_id == RULE] == ["&& microdnf clean all"]


@pytest.mark.parametrize("command", [
    "dnf install -y tar-1.35 && dnf clean all",
    "microdnf install -y tar-1.35 && microdnf clean all",
    "dnf install -y tar-1.35 && yum clean all",
    "dnf install -y tar-1.35 && rm -rf /var/cache/dnf",
    "dnf install -y tar-1.35 && rm -rf /var/cache/yum/*",         # hadolint#796
    "dnf5 install -y tar-1.35 && rm -rf /var/cache/libdnf5",
    "dnf -y --installroot /mnt/root install tar-1.35 && dnf --installroot /mnt/root clean all",
    "dnf clean all",
    "dnf makecache",
])
def test_accepted(command: str) -> None:
    assert codes(f"FROM fedora:40\nRUN {command}\n", RULE) == []


@pytest.mark.parametrize("command", [
    "rm -rf /foo && dnf install -y bash-5.2.26 && dnf clean packages",   # hadolint#1250
    "dnf clean all && dnf install -y bash-5.2.26",                       # hadolint#957
    "dnf -y upgrade",                                                    # hadolint#1179
    "dnf -y module install nginx:1.24",
    "dnf -y group install 'Development Tools'",
])
def test_rejected(command: str) -> None:
    assert len(codes(f"FROM fedora:40\nRUN {command}\n", RULE)) == 1


def test_each_install_after_the_last_clean() -> None:
    text = ("FROM fedora:40\n"
            "RUN dnf install -y a-1 && dnf clean all && dnf install -y b-1\n")
    assert codes(text, RULE) == [(2, 44)]


@pytest.mark.parametrize("mount", [
    "--mount=type=cache,target=/var/cache/dnf",
    "--mount=type=cache,target=/var/cache/libdnf5",
    "--mount=type=cache,target=/var/cache",
])
def test_cache_mount_is_accepted(mount: str) -> None:
    assert codes(f"FROM fedora:40\nRUN {mount} dnf install -y tar-1.35\n", RULE) == []
