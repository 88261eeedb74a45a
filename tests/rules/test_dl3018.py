"""DL3018: apk add packages must name a version."""

from __future__ import annotations

import pytest
from conftest import codes, lint, spans

RULE = "DL3018"


def test_unpinned_packages_are_reported_at_their_words() -> None:
    text = ("FROM alpine:3.20\n"
            "RUN apk add --no-cache curl=8.9.1-r0 git \\\n"
            "        bash\n")
    assert spans(text, RULE) == [(2, 38, 2, 41), (3, 9, 3, 13)]
    messages = [f.message for f in lint(text) if f.rule_id == RULE]
    assert messages[0] == "'git' is added without a version; pin it: git=<version>"


@pytest.mark.parametrize("command", [
    "apk add --no-cache curl=8.9.1-r0",
    "apk add --no-cache 'curl~8.9' 'git~=2.45' 'bash=~5.2'",     # hadolint#1165
    "apk add --no-cache 'curl>8' 'git<3' 'jq>=1.7'",
    "apk add --no-cache --virtual .build-deps gcc=13.2.1_git20240309-r0",   # hadolint#906
    "apk add --no-cache -t .deps gcc=13.2.1_git20240309-r0",
    "apk -X https://dl-cdn.alpinelinux.org/alpine/edge/main add --no-cache lttng-ust=2.13.8-r0",
    "apk add --no-cache --repository https://dl-cdn.alpinelinux.org/alpine/edge/testing "
    "flow=0.78.0-r0",                                            # hadolint#290
    "apk add --no-cache --repository=https://example.com/alpine flow=0.78.0-r0",
    "set -ex; apk add --no-cache ca-certificates=20240705-r0",   # hadolint#196
    "apk add --allow-untrusted glibc-2.35-r1.apk /tmp/x.apk",    # hadolint#662
    "apk --no-cache add curl=8.9.1-r0",
    "apk update",
    "apk del curl",
    "apk upgrade --no-cache",
])
def test_accepted(command: str) -> None:
    assert codes(f"FROM alpine:3.20\nRUN {command}\n", RULE) == []


def test_packages_from_an_arg_are_resolved() -> None:
    # hadolint#393: the ARG's default pins the package
    text = ("FROM alpine:3.20\n"
            "ARG BUILD_PACKAGES=\"bash=5.2.26-r0\"\n"
            "RUN apk add --update --no-cache $BUILD_PACKAGES\n")
    assert codes(text, RULE) == []


def test_unpinned_packages_from_an_arg_are_reported_at_the_variable() -> None:
    text = ("FROM alpine:3.20\n"
            "ARG BUILD_PACKAGES=\"bash=5.2.26-r0 curl\"\n"
            "RUN apk add --no-cache ${BUILD_PACKAGES}\n")
    assert [(f.line, f.column, f.message) for f in lint(text) if f.rule_id == RULE] == [
        (3, 24, "'curl' (from ${BUILD_PACKAGES}) is added without a version; "
                "pin it: curl=<version>")]


def test_version_from_env_and_unknown_lists() -> None:
    text = ("FROM alpine:3.20\n"
            "ENV CURL_VERSION=8.9.1-r0\n"
            "ARG EXTRA\n"
            "RUN apk add --no-cache curl=${CURL_VERSION} $EXTRA $(cat /deps.txt)\n")
    assert codes(text, RULE) == []


def test_through_wrappers_and_in_heredocs() -> None:
    text = ("FROM alpine:3.20\n"
            "RUN <<EOF\n"
            "set -e\n"
            "sudo apk add --no-cache curl\n"
            "EOF\n")
    assert codes(text, RULE) == [(4, 25)]
