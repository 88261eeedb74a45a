"""DL3064 secrets-used-in-arg-or-env (BuildKit SecretsUsedInArgOrEnv)."""

from __future__ import annotations

import pytest
from conftest import codes, lint, spans

from dockwise.rules.dl3064 import secret_word


def test_buildkit_cases() -> None:
    # dockerfile_lint_test.go, testSecretsUsedInArgOrEnv
    text = ("FROM scratch\nARG SECRET_PASSPHRASE\nENV SUPER_Secret=foo\n"
            "ENV password=bar secret=baz\nARG super_duper_secret_token=foo auth=bar\n"
            "ENV apikey=bar sunflower=foo\nENV git_key=\nENV PUBLIC_KEY=\nARG public_token\n")
    assert codes(text, "DL3064") == [(2, 5), (3, 5), (4, 5), (4, 18), (5, 5), (5, 34),
                                      (6, 5), (7, 5)]


def test_exact_key_span_and_message() -> None:
    text = "FROM alpine:3.20\nENV A=1 GITHUB_TOKEN=x\n"
    assert spans(text, "DL3064") == [(2, 9, 2, 21)]
    [f] = [f for f in lint(text) if f.rule_id == "DL3064"]
    assert "'TOKEN'" in f.message and "--mount=type=secret" in f.message


@pytest.mark.parametrize("name", [
    "AWS_SECRET_ACCESS_KEY", "GITHUB_TOKEN", "NPM_TOKEN", "DB_PASSWORD", "MYSQL_PASSWD",
    "API_KEY", "apikey", "OAUTH_CREDENTIALS", "DBPASSWORD", "CLIENTSECRET", "GHTOKEN",
    "PRIVATE_KEY", "x_pword", "GPG_PRIVATE_KEY", "GPG_KEY_PASSWORD",
])
def test_secret_names(name: str) -> None:
    assert secret_word(name) is not None


@pytest.mark.parametrize("name", [
    "TOKENIZERS_PARALLELISM", "KEYBOARD", "MONKEY", "PUBLIC_KEY", "DB_PASSWORD_FILE",
    "SECRET_KEY_VERSION", "GPG_KEY", "PGP_KEY", "USERNAME", "DOCKER_USERNAME",
    "TRAVIS_OS_NAME", "NODE_ENV", "AUTHOR", "MONKEY_KEYS",
])
def test_harmless_names(name: str) -> None:
    assert secret_word(name) is None


def test_global_args_are_not_reported_but_stage_args_are() -> None:
    # A global ARG only reaches FROM lines; re-declared in a stage, it is reported there.
    text = "ARG NPM_TOKEN\nFROM node:20\nARG NPM_TOKEN\n"
    assert codes(text, "DL3064") == [(3, 5)]


def test_onbuild_declarations_are_checked() -> None:
    text = "FROM alpine:3.20\nONBUILD ARG DEPLOY_TOKEN\nONBUILD ENV API_KEY=x\n"
    assert codes(text, "DL3064") == [(2, 13), (3, 13)]


def test_legacy_env_form() -> None:
    assert codes("FROM alpine:3.20\nENV ADMIN_PASSWORD changeme\n", "DL3064") == [(2, 5)]
