"""DL3020 add-for-local-files: ADD where COPY would do."""

from __future__ import annotations

import pytest
from conftest import lint, spans


def test_local_file_is_reported_on_the_keyword() -> None:
    assert spans("FROM alpine:3.20\nADD app.py /app/\n", "DL3020") == [(2, 1, 2, 4)]


@pytest.mark.parametrize("source", ["https://example.com/x.bin", "http://example.com/a",
                                    "git@github.com:moby/buildkit.git",
                                    "https://github.com/moby/buildkit.git#v0.13.0",
                                    "app.tar", "app.tar.gz", "app.tgz", "app.tar.bz2",
                                    "app.tar.xz", "app.txz", "app.tar.zst", "rootfs.tar.lz",
                                    "APP.TAR.GZ", '"app.tar.gz"'])
def test_urls_and_archives_need_add(source: str) -> None:
    assert spans(f"FROM alpine:3.20\nADD {source} /x/\n", "DL3020") == []


@pytest.mark.parametrize("source", ["app.py", "dir/", ".", "app.zip", '"conf.json"', "*.txt"])
def test_plain_local_sources(source: str) -> None:
    assert spans(f"FROM alpine:3.20\nADD {source} /x/\n", "DL3020") == [(2, 1, 2, 4)]


def test_one_plain_source_among_archives_is_reported_without_fix() -> None:
    found = [f for f in lint("FROM alpine:3.20\nADD a.tgz b.txt /x/\n") if f.rule_id == "DL3020"]
    assert [(f.line, f.fix) for f in found] == [(2, None)]
    assert "'b.txt'" in found[0].message


def test_fix_keeps_the_flags() -> None:
    found = [f for f in lint("FROM alpine:3.20\nADD --chown=1:1 --chmod=644 a /x/\n")
             if f.rule_id == "DL3020"]
    assert [f.fix for f in found] == ["COPY --chown=1:1 --chmod=644 a /x/"]


def test_sources_from_variables_are_expanded() -> None:
    text = ("FROM alpine:3.20\nARG URL=https://example.com/tool\nARG PKG=tool.tar.gz\n"
            "ARG CONF=app.conf\nARG UNKNOWN\nADD $URL /t\nADD ${PKG} /t/\nADD $CONF /etc/\n"
            "ADD $UNKNOWN /x\n")
    assert spans(text, "DL3020") == [(8, 1, 8, 4)]


def test_heredoc_is_plain_content() -> None:
    text = "FROM alpine:3.20\nADD <<EOF /etc/motd\nhello\nEOF\n"
    found = [f for f in lint(text) if f.rule_id == "DL3020"]
    assert [(f.line, f.column, f.fix) for f in found] == [(2, 1, "COPY <<EOF /etc/motd")]


def test_exec_form() -> None:
    text = 'FROM alpine:3.20\nADD ["a b.txt", "/x/"]\nADD ["https://e.com/a", "/a"]\n'
    assert spans(text, "DL3020") == [(2, 1, 2, 4)]


def test_copy_is_never_reported() -> None:
    assert spans("FROM alpine:3.20\nCOPY app.py /app/\n", "DL3020") == []
