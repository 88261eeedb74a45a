"""DL3041: dnf/microdnf install packages must name a version."""

from __future__ import annotations

import pytest
from conftest import codes, lint

RULE = "DL3041"


def found(text: str) -> list[tuple[int, int, str | None]]:
    return [(f.line, f.column, f.fix) for f in lint(text) if f.rule_id == RULE]


def test_unpinned_packages_are_reported_at_their_words() -> None:
    text = ("FROM fedora:40\n"
            "RUN dnf install -y httpd dnf-plugins-core git-core-2.45.2-2.fc40 \\\n"
            " && microdnf install -y tar && dnf clean all\n")
    assert found(text) == [(2, 20, "httpd-<version>"), (2, 26, "dnf-plugins-core-<version>"),
                           (3, 25, "tar-<version>")]


@pytest.mark.parametrize("command", [
    "dnf install -y httpd-2.4.62-1.fc40",
    "microdnf install -y tar-1.35",
    "dnf5 install -y tar-1.35-3.fc40.x86_64",
    # hadolint#945: option values are not packages
    "dnf --installroot /mnt/rootfs install curl-7.76.1-19.el9_1.1 -y --releasever 9 "
    "--setopt install_weak_deps=false --nodocs",
    "dnf install -y --enablerepo=crb --disablerepo '*' tar-1.35",
    "dnf module install -y nginx:1.24",                       # hadolint#702
    "dnf -y group install 'Development Tools'",              # hadolint#1148
    "dnf install -y @development-tools",
    "dnf install -y ./local-1.0-1.x86_64.rpm",
    "dnf remove -y tar",
    "dnf -y upgrade",
])
def test_accepted(command: str) -> None:
    assert codes(f"FROM fedora:40\nRUN {command}\n", RULE) == []


def test_versions_from_arg_values() -> None:
    # hadolint#1136 and hadolint#1030: the version is in an ARG
    text = ("FROM almalinux:9\n"
            "ARG GIT_VER=2.43.5-1.el9_4\n"
            "ARG PYTHON_PKG_VERSION=3.12-3.12.1-4.el9_4.1\n"
            "ARG PY=3.11\n"
            "RUN dnf install -y \"git-core-${GIT_VER}\" python${PYTHON_PKG_VERSION} \\\n"
            "    python${PY}-pip && dnf clean all\n")
    assert found(text) == [(6, 5, "python3.11-pip-<version>")]
