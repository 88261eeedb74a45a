"""DL3003: a cd that WORKDIR could replace; subshells, scratch directories and returns are
not reported."""

from __future__ import annotations

from tests.conftest import codes, lint

RULE = "DL3003"


def test_cd_at_the_start_of_a_chain() -> None:
    text = "FROM node:20\nCOPY . /app\nRUN cd /app && npm ci\n"
    assert codes(text, RULE) == [(3, 5)]


def test_one_finding_per_run_at_the_first_replaceable_cd() -> None:
    text = ("FROM debian:12\n"
            "RUN mkdir -p /opt/a && \\\n"
            "    cd /opt/a && make && cd /opt/b && make\n")
    assert codes(text, RULE) == [(3, 5)]


def test_message_and_fix_name_the_directory() -> None:
    (finding,) = [f for f in lint("FROM debian:12\nRUN cd /srv && ls\n") if f.rule_id == RULE]
    assert "cd /srv" in finding.message
    assert finding.fix == "WORKDIR /srv"
    assert (finding.end_line, finding.end_column) == (2, 7)


def test_cd_inside_a_subshell_is_fine() -> None:
    text = ("FROM debian:12\n"
            "RUN git clone https://example.com/jo.git /tmp/jo && \\\n"
            "    (cd /tmp/jo && ./configure && make install) && rm -rf /tmp/jo\n"
            "RUN x=$(cd /opt && pwd)\n")
    assert codes(text, RULE) == []


def test_cd_into_a_directory_the_run_removes_is_fine() -> None:
    text = ("FROM debian:12\n"
            "RUN git clone https://example.com/jo.git /tmp/jo && cd /tmp/jo && \\\n"
            "    make install && cd / && rm -rf /tmp/jo\n"
            "RUN cd /usr/src/app/build && make && rm -rf /usr/src/app\n"
            "RUN tar -xf x.tgz && cd x-1.0 && make && cd .. && rm -rf x-1.0\n"
            "RUN cd /tmp && curl -O https://example.com/a.deb && rm -rf /tmp/*\n")
    assert codes(text, RULE) == []


def test_relative_cd_is_resolved_against_workdir() -> None:
    text = ("FROM debian:12\n"
            "WORKDIR /src\n"
            "RUN cd build && make && rm -rf /src/build\n"
            "RUN cd tools && make\n")
    assert codes(text, RULE) == [(4, 5)]


def test_removal_before_the_cd_does_not_count() -> None:
    text = "FROM debian:12\nRUN rm -rf /opt/x && mkdir /opt/x && cd /opt/x && make\n"
    assert codes(text, RULE) == [(2, 38)]


def test_temporary_and_unpacked_directories_are_fine() -> None:
    text = ('FROM debian:12\n'
            'RUN cd "$(mktemp -d)" && curl -fsSLO https://example.com/x.tgz\n'
            "RUN tar -C /tmp -xzf /tmp/luarocks.tgz && cd /tmp/luarocks* && make install\n")
    assert codes(text, RULE) == []


def test_returning_cds_are_not_reported() -> None:
    text = ("FROM debian:12\n"
            "WORKDIR /app\n"
            "RUN cd - && cd /app && cd $OLDPWD\n")
    assert codes(text, RULE) == []


def test_cd_in_conditionals_and_heredocs() -> None:
    text = ("FROM debian:12\n"
            "RUN if [ -d /opt ]; then cd /opt; fi; ls\n"
            "RUN <<EOF\n"
            "set -e\n"
            "cd /srv\n"
            "EOF\n")
    assert codes(text, RULE) == [(2, 26), (5, 1)]


def test_bare_cd_goes_home() -> None:
    (finding,) = [f for f in lint("FROM debian:12\nRUN cd && ls\n") if f.rule_id == RULE]
    assert finding.fix == "WORKDIR $HOME"


def test_fix_is_an_absolute_workdir_when_known() -> None:
    text = ("FROM debian:12\n"
            "WORKDIR /src\n"
            "RUN cd tools && make\n")
    assert [f.fix for f in lint(text) if f.rule_id == RULE] == ["WORKDIR /src/tools"]
    unknown = "FROM debian:12\nRUN cd tools && make\n"
    assert [f.fix for f in lint(unknown) if f.rule_id == RULE] == ["WORKDIR tools"]
