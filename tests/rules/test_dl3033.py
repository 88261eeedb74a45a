"""DL3033: yum install packages must name a version."""

from __future__ import annotations

import pytest
from conftest import codes, lint

RULE = "DL3033"


def found(text: str) -> list[tuple[int, int, str | None]]:
    return [(f.line, f.column, f.fix) for f in lint(text) if f.rule_id == RULE]


def test_unpinned_packages_are_reported_at_their_words() -> None:
    text = ("FROM centos:7\n"
            "RUN yum install -y httpd python3-devel java-17-openjdk which-2.20-7.el7 \\\n"
            " && yum clean all\n")
    assert found(text) == [(2, 20, "httpd-<version>"), (2, 26, "python3-devel-<version>"),
                           (2, 40, "java-17-openjdk-<version>")]


@pytest.mark.parametrize("packages", [
    "httpd-2.4.6",
    "httpd-2.4.6-99.el7",
    "nginx-1:1.20.1-10.el9",
    "curl-7.76.1-19.el9_1.1.x86_64",
    "python3.12-3.12.1-4.el9_4.1",
    "java-17-openjdk-17.0.9.0.9-2.el9",
    "tzdata-2024a-1.el9",
    "/tmp/app-1.0-1.noarch.rpm https://example.com/app.rpm",
    "--enablerepo epel --installroot /mnt/rootfs jq-1.6-2.el7",
    "@core",
])
def test_accepted(packages: str) -> None:
    assert codes(f"FROM centos:7\nRUN yum install -y {packages}\n", RULE) == []


def test_groups_cannot_be_pinned() -> None:
    text = ("FROM centos:7\n"
            "RUN yum groupinstall -y 'Development Tools' && yum group install -y Base\n")
    assert codes(text, RULE) == []


def test_modules_need_a_stream() -> None:
    text = "FROM centos:8\nRUN yum module install -y nodejs:20 nodejs\n"
    assert found(text) == [(2, 37, "nodejs:<stream>")]


def test_versions_from_variables() -> None:
    # hadolint#1143: the version comes from an ARG
    text = ("FROM rockylinux:9.3\n"
            "ARG WHICH_VERSION=2.21-30.el9_6\n"
            "ARG LIST=\"tar-1.34 gzip\"\n"
            "RUN yum install -y which-${WHICH_VERSION} $LIST && yum clean all\n")
    assert found(text) == [(4, 43, "gzip-<version>")]
