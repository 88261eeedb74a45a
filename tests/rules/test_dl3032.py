"""DL3032: yum clean all in the RUN that installs with yum."""

from __future__ import annotations

import pytest
from conftest import codes, lint, spans

RULE = "DL3032"


def test_missing_clean_is_reported_at_the_install_words() -> None:
    text = "FROM centos:7\nRUN yum install -y httpd-2.4.6\n"
    assert spans(text, RULE) == [(2, 5, 2, 16)]
    assert [f.fix for f in lint(text) if f.rule_id == RULE] == ["&& yum clean all"]


@pytest.mark.parametrize("command", [
    "yum install -y httpd-2.4.6 && yum clean all",
    "yum -y install httpd-2.4.6 && yum -y clean all --enablerepo=epel",
    "yum install -y httpd-2.4.6 && dnf clean all",
    "yum install -y httpd-2.4.6 && rm -rf /var/cache/yum",
    "yum install -y httpd-2.4.6 && rm -rf /var/cache/yum/*",
    "yum makecache",
    "yum clean all",
])
def test_accepted(command: str) -> None:
    assert codes(f"FROM centos:7\nRUN {command}\n", RULE) == []


@pytest.mark.parametrize("command", [
    "yum clean all && yum install -y httpd-2.4.6",          # hadolint#957: before, not after
    "yum install -y httpd-2.4.6 && yum clean packages",
    "yum install -y httpd-2.4.6 && rm -rf /tmp/*",
    "yum -y update",
    "yum -y groupinstall 'Development Tools'",
])
def test_rejected(command: str) -> None:
    assert len(codes(f"FROM centos:7\nRUN {command}\n", RULE)) == 1


def test_cache_mount_is_accepted() -> None:
    text = "FROM centos:7\nRUN --mount=type=cache,target=/var/cache/yum yum install -y tar-1.26\n"
    assert codes(text, RULE) == []


def test_only_stages_that_reach_an_image() -> None:
    # hadolint#929: the builder's cache never ships
    text = ("FROM centos:7 AS builder\n"
            "RUN yum install -y gcc-4.8.5\n"
            "FROM centos:7\n"
            "COPY --from=builder /usr/bin/gcc /usr/bin/gcc\n"
            "RUN yum install -y tar-1.26\n")
    assert codes(text, RULE) == [(5, 5)]
