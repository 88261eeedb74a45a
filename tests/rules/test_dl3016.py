"""DL3016: npm install packages must name a version."""

from __future__ import annotations

import pytest
from conftest import codes, lint

RULE = "DL3016"


def found(text: str) -> list[tuple[int, int, str | None]]:
    return [(f.line, f.column, f.fix) for f in lint(text) if f.rule_id == RULE]


def test_unpinned_packages_are_reported_at_their_words() -> None:
    text = ("FROM node:20-alpine\n"
            "RUN npm install -g express @types/node pnpm@latest left-pad@ user/repo \\\n"
            "      lodash@4.17.21\n")
    assert found(text) == [(2, 20, "express@<version>"), (2, 28, "@types/node@<version>"),
                           (2, 40, "pnpm@<version>"), (2, 52, "left-pad@<version>"),
                           (2, 62, "user/repo#<tag or commit>")]


@pytest.mark.parametrize("command", [
    "npm install",
    "npm ci",
    "npm ci --omit=dev",
    "npm install --unsafe-perm",
    "npm install --loglevel verbose",
    "npm install --registry https://registry.example.com sax@0.1.1",
    "npm install --prefix /opt/app --omit dev",
    "npm install -g npm@10.8.1",
    "npm i -g pnpm@9.4.0 yarn@^1.22",
    "npm install @scope/pkg@1.2.3",
    "npm install express@next",
    "npm install user/repo#v1.0.0 github:user/repo#0123abc",
    "npm install git+https://github.com/user/repo.git#semver:^1.2",
    "npm install ./pkg ../lib /srv/app ~/lib .",
    "npm install pkg-1.0.0.tgz https://example.com/pkg.tgz",
    "npm run install",
    "npm install --global --save-exact typescript@5.5.2",
])
def test_accepted(command: str) -> None:
    assert codes(f"FROM node:20-alpine\nRUN {command}\n", RULE) == []


@pytest.mark.parametrize("alias", ["install", "i", "add", "isntall", "in"])
def test_install_aliases(alias: str) -> None:
    assert codes(f"FROM node:20-alpine\nRUN npm {alias} express\n", RULE) == [
        (2, 10 + len(alias))]


def test_unpinned_git_url_is_reported() -> None:
    text = "FROM node:20-alpine\nRUN npm install git+https://github.com/user/repo.git\n"
    assert found(text) == [(2, 17, "git+https://github.com/user/repo.git#<tag or commit>")]


def test_versions_from_variables() -> None:
    text = ("FROM node:20-alpine\n"
            "ARG PNPM_VERSION=9.4.0\n"
            "ARG TOOLS=\"typescript@5.5.2 eslint\"\n"
            "ARG UNKNOWN\n"
            "RUN npm install -g \"pnpm@${PNPM_VERSION}\" $TOOLS $UNKNOWN\n")
    assert found(text) == [(5, 43, "eslint@<version>")]
