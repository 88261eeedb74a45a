"""DL3030: yum commands that prompt need -y."""

from __future__ import annotations

import pytest
from conftest import codes, lint, spans

RULE = "DL3030"


def test_missing_yes_is_reported_at_the_command_words() -> None:
    text = "FROM centos:7\nRUN yum install httpd-2.4.6 && yum clean all\n"
    assert spans(text, RULE) == [(2, 5, 2, 16)]
    assert [f.fix for f in lint(text) if f.rule_id == RULE] == ["yum install -y"]


@pytest.mark.parametrize("command", [
    "yum install -y httpd-2.4.6",
    "yum -y install httpd-2.4.6",
    "yum install httpd-2.4.6 -y",
    "yum install --assumeyes httpd-2.4.6",
    "yum -q -y install httpd-2.4.6",
    "yum install --setopt=assumeyes=1 httpd-2.4.6",
    "yum install --setopt assumeyes=True httpd-2.4.6",
    "yes | yum install httpd-2.4.6",
    "sudo yum -y groupinstall 'Development Tools'",
    "yum clean all",
    "yum makecache",
])
def test_accepted(command: str) -> None:
    assert codes(f"FROM centos:7\nRUN {command}\n", RULE) == []


def test_every_prompting_command() -> None:
    text = ("FROM centos:7\n"
            "RUN yum groupinstall 'Dev' && yum localinstall /tmp/x.rpm && yum group install X \\\n"
            " && yum update && yum remove httpd && yum reinstall httpd-2.4.6\n")
    assert codes(text, RULE) == [(2, 5), (2, 31), (2, 62), (3, 5), (3, 19), (3, 39)]


def test_assumeyes_in_yum_conf_written_earlier() -> None:
    text = ("FROM centos:7\n"
            "RUN echo 'assumeyes=1' >> /etc/yum.conf\n"
            "RUN yum install httpd-2.4.6 && yum clean all\n")
    assert codes(text, RULE) == []
