"""DL3042: pip install --no-cache-dir (or no pip cache left in the layer)."""

from __future__ import annotations

import pytest
from conftest import codes, lint, spans

RULE = "DL3042"


def test_missing_option_is_reported_at_the_install_words() -> None:
    text = "FROM python:3.12-slim\nRUN python3 -m pip install flask==3.0.3\n"
    assert spans(text, RULE) == [(2, 5, 2, 27)]
    assert [f.fix for f in lint(text) if f.rule_id == RULE] == [
        "python3 -m pip install --no-cache-dir"]


@pytest.mark.parametrize("command", [
    "pip install --no-cache-dir flask==3.0.3",
    "pip install flask==3.0.3 --no-cache-dir",
    "pip --no-cache-dir install flask==3.0.3",
    "pip install --no-cache flask==3.0.3",             # an abbreviation pip accepts
    "PIP_NO_CACHE_DIR=1 pip install flask==3.0.3",
    "PIP_NO_CACHE_DIR=off pip install flask==3.0.3",  # any boolean value disables the cache
    "export PIP_NO_CACHE_DIR=1 && pip install flask==3.0.3",
    "pip install flask==3.0.3 && pip cache purge",
    "pip install flask==3.0.3 && rm -rf /root/.cache/pip",
    "pip install flask==3.0.3 && rm -rf ~/.cache",
    "pip install --cache-dir /tmp/pip flask==3.0.3 && rm -rf /tmp/pip",
    "pip download flask==3.0.3",
    "pipenv install && pipx install poetry==1.8.3",    # hadolint#511: not pip
])
def test_accepted(command: str) -> None:
    assert codes(f"FROM python:3.12-slim\nRUN {command}\n", RULE) == []


@pytest.mark.parametrize("declaration", [
    "ENV PIP_NO_CACHE_DIR=1",
    "ENV PIP_NO_CACHE_DIR=false",      # pip turns the cache off for false values too
    "ENV PIP_NO_CACHE_DIR 1",
    "ARG PIP_NO_CACHE_DIR=1",
])
def test_pip_no_cache_dir_in_the_environment(declaration: str) -> None:
    # hadolint#585
    text = f"FROM python:3.12-slim\n{declaration}\nRUN pip3 install flask==3.0.3\n"
    assert codes(text, RULE) == []


def test_pip_no_cache_dir_inherited_from_a_parent_stage() -> None:
    text = ("FROM python:3.12-slim AS base\n"
            "ENV PIP_NO_CACHE_DIR=1\n"
            "FROM base\n"
            "RUN pip install flask==3.0.3\n")
    assert codes(text, RULE) == []


@pytest.mark.parametrize("mount", [
    "--mount=type=cache,target=/root/.cache/pip",      # hadolint#983
    "--mount=type=cache,target=/root/.cache",
    "--mount=type=cache,target=/home/app/.cache/pip,uid=1000",
    "--mount=type=tmpfs,target=/root/.cache/pip",
])
def test_cache_mount_is_accepted(mount: str) -> None:
    assert codes(f"FROM python:3.12-slim\nRUN {mount} pip install flask==3.0.3\n", RULE) == []


def test_cache_mount_on_pip_cache_dir() -> None:
    text = ("FROM python:3.12-slim\n"
            "ENV PIP_CACHE_DIR=/var/cache/pip\n"
            "RUN --mount=type=cache,target=/var/cache/pip pip install flask==3.0.3\n"
            "RUN pip install gunicorn==22.0.0\n")
    assert codes(text, RULE) == [(4, 5)]


@pytest.mark.parametrize("command", [
    "rm -rf /root/.cache/pip && pip install flask==3.0.3",
    "pip install flask==3.0.3 && rm -rf /root/.cache/pip/http",
    "pip install flask==3.0.3 && pip cache list",
    "PIP_NO_CACHE_DIR=1 true && pip install flask==3.0.3",
])
def test_rejected(command: str) -> None:
    assert len(codes(f"FROM python:3.12-slim\nRUN {command}\n", RULE)) == 1


def test_builder_stage_is_not_checked() -> None:
    text = ("FROM python:3.12 AS build\n"
            "RUN pip wheel --wheel-dir /wheels flask==3.0.3 && pip install build==1.2.1\n"
            "FROM python:3.12-slim\n"
            "COPY --from=build /wheels /wheels\n"
            "RUN pip install /wheels/*\n")
    assert codes(text, RULE) == [(5, 5)]


def test_onbuild_trigger_is_checked_whatever_the_stage() -> None:
    text = ("FROM python:3.12-slim AS build\n"
            "ONBUILD RUN pip install flask==3.0.3\n"
            "FROM python:3.12-slim\n"
            "COPY --from=build /usr/local /usr/local\n")
    assert codes(text, RULE) == [(2, 13)]
