"""DL3060: yarn cache clean in the RUN that installs with yarn."""

from __future__ import annotations

import pytest
from conftest import codes, lint, spans

RULE = "DL3060"


def test_missing_clean_is_reported_at_the_install_words() -> None:
    text = "FROM node:20-alpine\nRUN yarn install --frozen-lockfile\n"
    assert spans(text, RULE) == [(2, 5, 2, 17)]
    assert [f.fix for f in lint(text) if f.rule_id == RULE] == ["&& yarn cache clean"]


@pytest.mark.parametrize("command", [
    "yarn install --frozen-lockfile && yarn cache clean",
    "yarn && yarn cache clean --force",
    "yarn add left-pad@1.3.0 && yarn cache clean",
    "yarn global add typescript@5.5.2 && yarn cache clean",
    "yarn install && rm -rf /usr/local/share/.cache/yarn",
    "yarn install && rm -rf ~/.cache/yarn/*",
    "yarn install --cache-folder /tmp/yc && rm -rf /tmp/yc",
    "yarn --version",
    "yarn build",
    "yarn run test",
])
def test_accepted(command: str) -> None:
    assert codes(f"FROM node:20-alpine\nRUN {command}\n", RULE) == []


@pytest.mark.parametrize(("command", "column"), [
    ("yarn", 5),
    ("yarn --frozen-lockfile", 5),
    ("yarn add left-pad@1.3.0", 5),
    ("yarn global add typescript@5.5.2", 5),
    ("yarn cache clean && yarn install", 25),
    ("yarn install && rm -rf node_modules/.cache", 5),
])
def test_rejected(command: str, column: int) -> None:
    assert codes(f"FROM node:20-alpine\nRUN {command}\n", RULE) == [(2, column)]


@pytest.mark.parametrize("mount", [
    "--mount=type=cache,target=/usr/local/share/.cache/yarn",
    "--mount=type=cache,target=/usr/local/share/.cache/yarn/v6",
    "--mount=type=cache,target=/root/.yarn/berry/cache",
])
def test_yarn_cache_mount_is_accepted(mount: str) -> None:
    assert codes(f"FROM node:20-alpine\nRUN {mount} yarn install\n", RULE) == []


def test_cache_mount_on_yarn_cache_folder() -> None:
    text = ("FROM node:20-alpine\n"
            "ENV YARN_CACHE_FOLDER=/cache/y\n"
            "RUN --mount=type=cache,target=/cache/y yarn install\n"
            "RUN --mount=type=cache,target=/root/.npm yarn install\n")
    assert codes(text, RULE) == [(4, 42)]


def test_only_stages_that_reach_an_image() -> None:
    # hadolint#619: installing in a builder and copying node_modules out keeps the cache out
    text = ("FROM node:20-alpine AS deps\n"
            "RUN yarn install --frozen-lockfile\n"
            "FROM node:20-alpine\n"
            "COPY --from=deps /app/node_modules ./node_modules\n"
            "RUN yarn build\n")
    assert codes(text, RULE) == []
