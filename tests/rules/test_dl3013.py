"""DL3013: pip install requirements must name a version."""

from __future__ import annotations

import pytest
from conftest import codes, lint

RULE = "DL3013"


def found(text: str) -> list[tuple[int, int, str | None]]:
    return [(f.line, f.column, f.fix) for f in lint(text) if f.rule_id == RULE]


def test_unpinned_requirements_are_reported_at_their_words() -> None:
    text = ("FROM python:3.12-slim\n"
            "RUN pip install --no-cache-dir flask 'uvicorn[standard]' requests==2.32.3 \\\n"
            "    'six; python_version<\"3.8\"'\n")
    assert found(text) == [(2, 32, "flask==<version>"),
                           (2, 38, "uvicorn[standard]==<version>"),
                           (3, 5, "six==<version>")]


@pytest.mark.parametrize("requirements", [
    "flask==3.0.3",
    "'flask>=2,<3'",
    "'flask~=3.0' 'attrs!=23.1.0' 'six===1.16.0' 'idna>3' 'idna<4'",
    "'uvicorn[standard]==0.30.1'",
    "-r requirements.txt",
    "--requirement=requirements/prod.txt",
    "-r requirements.txt flask",        # the file may constrain flask (hadolint does the same)
    "-c constraints.txt flask",
    "--constraint constraints.txt flask",
    ".",
    "-e .",
    "--editable ./src/pkg",
    "/src ./pkg ../lib",
    "dist/app-1.0-py3-none-any.whl",
    "app-1.0.tar.gz",
    "https://example.com/pkgs/app.zip",
    "git+https://github.com/org/repo.git@v1.2.0",
    "git+ssh://git@github.com/org/repo.git@0123abcd",
    "'app @ https://example.com/app-1.0.whl'",
    "--user flask==3.0.3",
    "-I flask==3.0.3",
    "--ignore-installed flask==3.0.3",
    "--index-url https://pypi.example.com/simple flask==3.0.3",
    "-i https://pypi.example.com/simple --extra-index-url https://x/simple flask==3.0.3",
    "--python \"$(which python)\" flask==3.0.3",          # hadolint#1067
    "--extra-index-url $MIRROR awscli==1.18.22",           # hadolint#407
    "-C key=value --config-settings other=1 flask==3.0.3",
    "--group dev",
])
def test_accepted(requirements: str) -> None:
    assert codes(f"FROM python:3.12-slim\nRUN pip install {requirements}\n", RULE) == []


@pytest.mark.parametrize("program", [
    "pip", "pip3", "pip3.12", "python -m pip", "python3 -m pip", "python3.12 -m pip",
    "/opt/venv/bin/pip", "sudo -H pip3",
])
def test_every_way_to_run_pip(program: str) -> None:
    text = f"FROM python:3.12-slim\nRUN {program} install --upgrade pip\n"
    assert [c for _, c, _ in found(text)] == [5 + len(program) + len(" install --upgrade ")]


def test_other_tools_are_not_pip() -> None:
    text = ("FROM python:3.12-slim\n"
            "RUN pipx install poetry && pipenv install requests && uv pip install flask\n")
    assert codes(text, RULE) == []


def test_vcs_without_a_revision_is_reported() -> None:
    text = "FROM python:3.12-slim\nRUN pip install git+https://github.com/org/repo.git\n"
    assert found(text) == [(2, 17, "git+https://github.com/org/repo.git@<tag or commit>")]


def test_ssh_user_is_not_a_revision() -> None:
    text = "FROM python:3.12-slim\nRUN pip install git+ssh://git@github.com/org/repo.git\n"
    assert codes(text, RULE) == [(2, 17)]


def test_pip_constraint_in_env_counts_as_a_constraint() -> None:
    text = ("FROM python:3.12-slim\n"
            "ENV PIP_CONSTRAINT=/etc/constraints.txt\n"
            "RUN pip install flask\n"
            "RUN PIP_CONSTRAINT=/c.txt pip install flask\n")
    assert codes(text, RULE) == []


def test_versions_from_variables() -> None:
    text = ("FROM python:3.12-slim\n"
            "ARG FLASK_VERSION=3.0.3\n"
            "ARG TOOLS=\"black==24.4.2 ruff\"\n"
            "ARG UNKNOWN\n"
            "RUN pip install \"flask==${FLASK_VERSION}\" \"${NAME}==${VERSION}\" $TOOLS $UNKNOWN\n")
    assert [(f.line, f.column, f.message) for f in lint(text) if f.rule_id == RULE] == [
        (5, 65, "'ruff' (from $TOOLS) is installed without a version; pin it "
                "(ruff==<version>) or install from a requirements file")]
