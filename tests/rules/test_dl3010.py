"""DL3010: a tar archive COPYed from the context and then unpacked whole by a RUN of the same
stage, which ADD does in one step."""

from __future__ import annotations

import pytest

from tests.conftest import codes, lint

RULE = "DL3010"


def test_copy_then_tar_extract() -> None:
    text = ("FROM debian:12\n"
            "COPY app.tar.gz /tmp/\n"
            "RUN tar -xzf /tmp/app.tar.gz -C /opt && rm /tmp/app.tar.gz\n")
    assert codes(text, RULE) == [(2, 6)]
    (finding,) = [f for f in lint(text) if f.rule_id == RULE]
    assert "line 3" in finding.message and "app.tar.gz" in finding.message


@pytest.mark.parametrize("run", [
    "tar xzf /tmp/app.tgz",
    "tar --extract --file=/tmp/app.tgz",
    "tar -x -f /tmp/app.tgz -C /opt",
    "gunzip -c /tmp/app.tgz | tar -x -C /opt",
    "gunzip /tmp/app.tgz",
    "cd /opt && tar -xvf /tmp/app.tgz",
])
def test_extraction_forms(run: str) -> None:
    text = f"FROM debian:12\nCOPY app.tgz /tmp/\nRUN {run}\n"
    assert codes(text, RULE) == [(2, 6)]


def test_archive_among_several_sources_and_renamed_destination() -> None:
    text = ("FROM debian:12\n"
            "COPY README.md vendor.tar.xz /src/\n"
            "COPY dist/app-1.0.tar.gz /tmp/app.tar.gz\n"
            "RUN tar -xJf /src/vendor.tar.xz -C /src && tar -xf /tmp/app.tar.gz -C /opt\n")
    assert codes(text, RULE) == [(2, 16), (3, 6)]


@pytest.mark.parametrize("run", [
    "unzip /tmp/app.tgz -d /opt",
    "tar -xzf /tmp/app.tgz --strip-components=1 -C /opt/app",
    "tar -xzf /tmp/app.tgz --exclude=docs -C /opt",
    "tar -xzf /tmp/app.tgz app/bin/tool",
    "tar -xzOf /tmp/app.tgz app/VERSION",
    "tar -tzf /tmp/app.tgz",
    "tar -czf /tmp/app.tgz /opt",
    "gunzip -c /tmp/app.tgz | tar -x --strip-components=1",
    "sha256sum /tmp/app.tgz",
])
def test_what_add_cannot_do_is_not_reported(run: str) -> None:
    text = f"FROM debian:12\nCOPY app.tgz /tmp/\nRUN {run}\n"
    assert codes(text, RULE) == []


def test_zip_and_plain_gz_are_not_tar_archives() -> None:
    text = ("FROM debian:12\n"
            "COPY app.zip data.gz /tmp/\n"
            "RUN unzip /tmp/app.zip -d /opt && gunzip /tmp/data.gz\n")
    assert codes(text, RULE) == []


def test_copy_from_a_stage_and_other_stages_are_not_reported() -> None:
    text = ("FROM debian:12 AS fetch\n"
            "RUN curl -fsSLo /app.tgz https://example.com/app.tgz\n"
            "COPY app.tgz /tmp/\n"
            "FROM debian:12\n"
            "COPY --from=fetch /app.tgz /tmp/\n"
            "RUN tar -xzf /tmp/app.tgz\n")
    assert codes(text, RULE) == []


def test_extraction_before_the_copy_does_not_count() -> None:
    text = ("FROM debian:12\n"
            "RUN tar -xzf /tmp/app.tgz || true\n"
            "COPY app.tgz /tmp/\n")
    assert codes(text, RULE) == []
