"""DL3028: gem install gems must name a version."""

from __future__ import annotations

import pytest
from conftest import codes, lint

RULE = "DL3028"


def test_unpinned_gems_are_reported_at_their_words() -> None:
    text = "FROM ruby:3.3-slim\nRUN gem install rails:7.1.3 bundler rake\n"
    assert [(f.line, f.column, f.fix) for f in lint(text) if f.rule_id == RULE] == [
        (2, 29, "bundler:<version>"), (2, 37, "rake:<version>")]


@pytest.mark.parametrize("command", [
    "gem install rails:7.1.3",
    "gem install bundler -v 2.5.11",                        # hadolint#325
    "gem install bundler -v '2.5.11'",
    "gem install bundler --version \"$BUNDLER_VERSION\"",    # hadolint#336
    "gem install bundler --version=2.5.11",
    "gem install nokogiri:1.16.5 -- --use-system-libraries --with-xml2-include=/usr/include",
    "gem install --no-document -i /opt/gems -n /usr/local/bin rails:7.1.3",
    "gem install --source https://gems.example.com rails:7.1.3",
    "gem install ./vendor/mygem-1.0.0.gem",
    "gem install -g Gemfile",
    "gem i rails:7.1.3",
    "gem update --system 3.5.11",
    "gem list",
])
def test_accepted(command: str) -> None:
    assert codes(f"FROM ruby:3.3-slim\nRUN {command}\n", RULE) == []


def test_alias_i_and_variables() -> None:
    text = ("FROM ruby:3.3-slim\n"
            "ARG GEMS=\"rake:13.2.1 rubocop\"\n"
            "RUN gem i $GEMS\n")
    assert [(f.line, f.column, f.message) for f in lint(text) if f.rule_id == RULE] == [
        (3, 11, "'rubocop' (from $GEMS) is installed without a version; "
                "pin it: rubocop:<version>")]
