"""DL3052-DL3056 and DL3058: label values against the format the label schema gives them.

Each rule reports at the value, after ARG/ENV expansion; unknown values are not judged.
"""

from __future__ import annotations

import pytest
from conftest import lint, spans

CASES = {
    "DL3052": ("url",
               ["https://example.com", "http://example.com:8080/a/b?c=d#e", "https://[::1]/x",
                "mailto:team@example.com", "urn:isbn:0451450523", "ssh://git@github.com/x/y.git",
                "https://example.com/a%20b", "file:///srv/docs"],
               ["example.com/docs", "https://example.com/a b", "https://example.com/%zz",
                "git@github.com:x/y.git", "//example.com", "https:// example.com", "1http://x"]),
    "DL3053": ("rfc3339",
               ["2024-05-01T12:30:00Z", "2024-05-01t12:30:00z", "2024-05-01T12:30:00.123+02:00",
                "2016-12-31T23:59:60Z", "2024-02-29T00:00:00-05:30"],
               ["2024-05-01", "2024-05-01 12:30:00Z", "2024-05-01T12:30Z", "2023-02-29T00:00:00Z",
                "2024-13-01T00:00:00Z", "2024-05-01T24:00:00Z", "2024-05-01T12:30:00",
                "2024-05-01T12:30:00+24:00", "01/05/2024"]),
    "DL3054": ("spdx",
               ["MIT", "mit", "Apache-2.0", "Apache-2.0 OR MIT",
                "(MIT OR Apache-2.0) AND BSD-3-Clause",
                "GPL-2.0-only WITH Classpath-exception-2.0", "GPL-2.0+", "LicenseRef-acme-1",
                "DocumentRef-spdx:LicenseRef-x", "MIT and Apache-2.0"],
               ["Apache License 2.0", "Apache2", "MIT OR", "(MIT", "MIT)", "MIT WITH MIT",
                "MIT/Apache-2.0", "proprietary"]),
    "DL3055": ("hash",
               ["4f1c2ab", "4f1c2ab9e07d", "4F1C2AB", "0" * 40, "a" * 64],
               ["main", "HEAD", "v1.0.0", "4f1c2a", "0" * 41, "0" * 63, "g4f1c2ab"]),
    "DL3056": ("semver",
               ["1.4.0", "0.0.1", "1.0.0-rc.1", "1.0.0-alpha.beta+build.5", "10.20.30+meta"],
               ["v1.4.0", "1.4", "01.0.0", "1.0.0-01", "latest", "1.0.0+", "1.0.0-"]),
    "DL3058": ("email",
               ["jane@example.com", "Jane Doe <jane@example.com>", '"j d"@example.com',
                "jane@[192.0.2.1]", "jürgen@bücher.de", "Jane <jane@example.com> (@jane)",
                "John Q. Public <jq@example.org>", "<jane@example.com>"],
               ["Platform team", "jane@", "@example.com", "a@b@c", "https://example.com",
                "James jane@example.com", "jane@example.com (unclosed"]),
}
KEY = "k"


@pytest.mark.parametrize(("rule", "value"), [(r, v) for r, (_, good, _) in CASES.items()
                                             for v in good])
def test_valid_values(rule: str, value: str) -> None:
    fmt = CASES[rule][0]
    text = f"FROM alpine:3.20\nLABEL {KEY}='{value}'\n"
    assert spans(text, rule, label_schema={KEY: fmt}) == []


@pytest.mark.parametrize(("rule", "value"), [(r, v) for r, (_, _, bad) in CASES.items()
                                             for v in bad])
def test_invalid_values_on_the_value(rule: str, value: str) -> None:
    fmt = CASES[rule][0]
    text = f"FROM alpine:3.20\nLABEL {KEY}='{value}'\n"
    found = [f for f in lint(text, label_schema={KEY: fmt}) if f.rule_id == rule]
    assert [(f.line, f.column, f.end_column) for f in found] == [(2, 9, 9 + len(value) + 2)]
    assert f"'{value}'" in found[0].message


@pytest.mark.parametrize("rule", list(CASES))
def test_only_schema_keys_of_that_format(rule: str) -> None:
    fmt = CASES[rule][0]
    bad = CASES[rule][2][0]
    text = f"FROM alpine:3.20\nLABEL other='{bad}' {KEY}='{bad}'\n"
    assert spans(text, rule, label_schema={KEY: "text"}) == []
    assert spans(text, rule) == []
    assert len(spans(text, rule, label_schema={KEY: fmt})) == 1


@pytest.mark.parametrize("rule", list(CASES))
def test_values_expanded_and_unknown_skipped(rule: str) -> None:
    fmt = CASES[rule][0]
    good, bad = CASES[rule][1][0], CASES[rule][2][0]
    text = (f"FROM alpine:3.20\nARG GOOD='{good}'\nARG BAD='{bad}'\nARG UNKNOWN\n"
            f"LABEL {KEY}=$GOOD\nLABEL {KEY}=\"${{BAD}}\"\nLABEL {KEY}=$UNKNOWN\n"
            f"ONBUILD LABEL {KEY}=$BAD\n")
    found = [f for f in lint(text, label_schema={KEY: fmt}) if f.rule_id == rule]
    assert [(f.line, f.column) for f in found] == [(6, 9)]
    assert "(from '\"${BAD}\"')" in found[0].message


def test_semver_hint_for_a_leading_v() -> None:
    found = [f for f in lint("FROM alpine:3.20\nLABEL version=v2.11.2\n",
                             label_schema={"version": "semver"}) if f.rule_id == "DL3056"]
    assert found[0].message.endswith("drop the leading 'v'")


def test_url_hint_for_a_missing_scheme() -> None:
    found = [f for f in lint("FROM alpine:3.20\nLABEL docs=example.com\n",
                             label_schema={"docs": "url"}) if f.rule_id == "DL3052"]
    assert "needs a scheme" in found[0].message


def test_onbuild_literal_values_are_checked() -> None:
    text = "FROM alpine:3.20\nONBUILD LABEL version=latest\n"
    assert spans(text, "DL3056", label_schema={"version": "semver"}) == [(2, 23, 2, 29)]


def test_several_pairs_on_continuation_lines() -> None:
    text = ("FROM alpine:3.20\nLABEL version=1.0.0 \\\n"
            "      org.opencontainers.image.url=example.com\n")
    schema = {"version": "semver", "org.opencontainers.image.url": "url"}
    assert spans(text, "DL3052", label_schema=schema) == [(3, 36, 3, 47)]
    assert spans(text, "DL3056", label_schema=schema) == []
