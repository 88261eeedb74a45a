"""Format details beyond the golden files: escaping, XML well-formedness, fingerprints, and the
same findings in the same order in every format."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote
from xml.etree import ElementTree as ET

import pytest

from dockwise.config import Config
from dockwise.engine import FileResult, Linter
from dockwise.findings import Finding, Severity
from dockwise.report import ReportOptions, render
from dockwise.report import statistics as stats
from dockwise.report.common import fingerprints, relative_path
from dockwise.report.github import command, escape_data, escape_property
from dockwise.report.markdown import escape
from dockwise.report.text import printable, source_lines
from dockwise.report.xml import clean
from dockwise.syntax.nodes import Span

from .conftest import ODD, SAMPLE_CWD, sample_options, sample_results

Key = tuple[str, int, int, str]


def _keys_from_json(text: str) -> list[Key]:
    return [(f["file"], f["line"], f["column"], f["code"]) for f in json.loads(text)]


def _keys(fmt: str, text: str) -> list[Key]:
    """(path, line, column, rule) of each finding, read back from a rendered report."""
    if fmt == "json":
        return _keys_from_json(text)
    if fmt == "text":
        return [(m[1], int(m[2]), int(m[3]), m[4])
                for m in re.finditer(r"^(.+?):(\d+):(\d+): (\S+) ", text, re.M)]
    if fmt == "sarif":
        return [(unquote(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]),
                 r["locations"][0]["physicalLocation"]["region"]["startLine"],
                 r["locations"][0]["physicalLocation"]["region"]["startColumn"], r["ruleId"])
                for r in json.loads(text)["runs"][0]["results"]]
    if fmt == "gitlab":  # no columns in Code Quality
        return [(i["location"]["path"], i["location"]["lines"]["begin"], 0, i["check_name"])
                for i in json.loads(text)]
    if fmt == "github":  # no columns for a finding over several lines
        return [(unquote(m[2]), int(m[3]), int(m[5] or 0), m[6]) for m in re.finditer(
            r"^::(error|warning|notice) file=([^,]+),line=(\d+),endLine=(\d+),(?:col=(\d+),"
            r"endColumn=\d+,)?title=(\S+) ", text, re.M)]
    if fmt == "checkstyle":
        return [(file.get("name", ""), int(e.get("line", 0)), int(e.get("column", 0)),
                 e.get("source", "")) for file in ET.fromstring(text) for e in file]
    if fmt == "junit":
        out = []
        for case in ET.fromstring(text).iter("testcase"):
            failure = case.find("failure")
            if failure is not None:
                m = re.match(r"(\S+) \S+ at (\d+):(\d+)$", case.get("name", ""))
                assert m and m[1] == failure.get("type")
                out.append((case.get("classname", ""), int(m[2]), int(m[3]), m[1]))
        return out
    if fmt == "markdown":
        out = []
        path = ""
        for line in text.splitlines():
            if line.startswith("## ") and line != "## Not linted":
                path = line[3:]
            m = re.match(r"\|\s+(\d+) \|\s+(\d+) \| \[(\S+?)\]", line)
            if m:
                out.append((path, int(m[1]), int(m[2]), m[3]))
        return out
    if fmt == "tty":
        out = []
        for line in text.splitlines():
            if line and not line.startswith(" "):
                path = line
            m = re.match(r"  (\d+):(\d+)  (\S+) ", line)
            if m:
                out.append((path, int(m[1]), int(m[2]), m[3]))
        return out
    raise AssertionError(fmt)


@pytest.mark.parametrize("fmt", ["text", "sarif", "gitlab", "github", "checkstyle", "junit",
                                 "markdown", "tty"])
def test_same_findings_in_the_same_order(fmt: str) -> None:
    results = sample_results()
    expected = _keys_from_json(render("json", results, sample_options()))
    assert len(expected) == 13
    got = _keys(fmt, render(fmt, results, sample_options()))
    if fmt == "gitlab":
        expected = [(p, line, 0, rule) for p, line, _, rule in expected]
    if fmt == "github":  # the one finding over two lines (ODD) has no columns
        expected = [(p, line, 0 if p == ODD.path else col, rule)
                    for p, line, col, rule in expected]
    assert got == expected


SPAN = Span(3, 5, 3, 9)


def _finding(message: str, span: Span = SPAN, rule: str = "DL3007",
             severity: Severity = Severity.WARNING, path: str = "Dockerfile") -> Finding:
    return Finding(rule, "latest-tag", severity, message, path, span)


# --- github -----------------------------------------------------------------------------------

def test_github_escaping() -> None:
    assert escape_data("100% a\r\nb: c, d") == "100%25 a%0D%0Ab: c, d"
    assert escape_property("a:b,c%d\ne") == "a%3Ab%2Cc%25d%0Ae"
    assert command("notice", "m") == "::notice::m"


def test_github_annotation_exact() -> None:
    results = [FileResult("dir,x/a:b%.Dockerfile", [
        _finding("50% of\nit", severity=Severity.STYLE, path="dir,x/a:b%.Dockerfile"),
        _finding("spans lines", Span(3, 5, 5, 2), severity=Severity.ERROR,
                 path="dir,x/a:b%.Dockerfile")])]
    text = render("github", results, ReportOptions(cwd=Path("/w")))
    assert text == (
        "::notice file=dir%2Cx/a%3Ab%25.Dockerfile,line=3,endLine=3,col=5,endColumn=9,"
        "title=DL3007 latest-tag::50%25 of%0Ait\n"
        "::error file=dir%2Cx/a%3Ab%25.Dockerfile,line=3,endLine=5,"
        "title=DL3007 latest-tag::spans lines\n")


def test_github_paths_relative_to_workspace() -> None:
    results = [FileResult("/w/svc/Dockerfile", [_finding("m", path="/w/svc/Dockerfile")])]
    assert render("github", results, ReportOptions(cwd=Path("/w"))).startswith(
        "::warning file=svc/Dockerfile,")


# --- markdown ---------------------------------------------------------------------------------

def test_markdown_escape() -> None:
    assert escape("a|b *c* _d_ `e` [f](g) <h> &i; $j$ ~k~ #l !m \\n") == \
        r"a\|b \*c\* \_d\_ \`e\` \[f\](g) \<h\> \&i; \$j\$ \~k\~ \#l \!m \\n"
    assert escape("one\n  two\r\nthree") == "one two three"


def test_markdown_table_cell_cannot_break_the_table() -> None:
    results = [FileResult("a|b.Dockerfile", [_finding("x | y\nz", path="a|b.Dockerfile")])]
    text = render("markdown", results, ReportOptions())
    row = next(line for line in text.splitlines() if "latest-tag" in line)
    assert row.count("|") - row.count("\\|") == 6  # five cells
    assert "## a\\|b.Dockerfile" in text


def test_markdown_clean_run() -> None:
    assert render("markdown", [FileResult("Dockerfile")], ReportOptions()) == \
        "# dockwise report\n\nNo findings in 1 file.\n"


# --- XML --------------------------------------------------------------------------------------

def test_xml_clean() -> None:
    assert clean("a\x1bb\x00c\ttab\ufffe") == "a\\x1bb\\x00c\ttab\\ufffe"


@pytest.mark.parametrize("fmt", ["checkstyle", "junit"])
def test_xml_stays_well_formed_with_control_characters(fmt: str) -> None:
    results = [FileResult("odd\x01.Dockerfile",
                          [_finding("bad \x1b[31m <&> \"q\" 'a'", path="odd\x01.Dockerfile")])]
    root = ET.fromstring(render(fmt, results, ReportOptions()))
    messages = [e.get("message") for e in root.iter() if e.get("message")]
    assert messages == ["bad \\x1b[31m <&> \"q\" 'a'"]


def test_checkstyle_severities() -> None:
    findings = [_finding("m", severity=s) for s in Severity]
    root = ET.fromstring(render("checkstyle", [FileResult("Dockerfile", findings)],
                                ReportOptions()))
    assert [e.get("severity") for e in root.iter("error")] == ["info", "info", "warning", "error"]


def test_junit_counts() -> None:
    root = ET.fromstring(render("junit", sample_results(), sample_options()))
    suites = {s.get("name"): (s.get("tests"), s.get("failures"), s.get("errors"),
                              s.get("skipped")) for s in root}
    assert suites == {"samples/loop": ("1", "0", "0", "1"),
                      "samples/go-app.Dockerfile": ("9", "9", "0", "0"),
                      "samples/clean.Dockerfile": ("1", "0", "0", "0"),
                      "samples/special.Dockerfile": ("3", "3", "0", "0"),
                      "samples/binary.Dockerfile": ("1", "0", "1", "0"),
                      ODD.path: ("1", "1", "0", "0")}
    assert (root.get("tests"), root.get("failures"), root.get("errors"),
            root.get("skipped")) == ("16", "13", "1", "1")


# --- gitlab fingerprints ----------------------------------------------------------------------

GO = """FROM golang:latest AS build
RUN apk add curl
RUN apk add git
FROM alpine:latest
"""


def _gitlab(text: str) -> list[tuple[str, int, str]]:
    linter = Linter(Config(select=("DL3007", "DL3019")))
    result = linter.lint_source(text, "svc/Dockerfile")
    issues = json.loads(render("gitlab", [result], ReportOptions(
        sources={"svc/Dockerfile": text}, cwd=SAMPLE_CWD)))
    return [(i["check_name"], i["location"]["lines"]["begin"], i["fingerprint"])
            for i in issues]


def test_gitlab_fingerprints_survive_line_shifts() -> None:
    before = _gitlab(GO)
    after = _gitlab("# a comment\n\n" + GO.replace("RUN apk add git\n", "RUN apk add git\n\n"))
    assert [line for _, line, _ in before] == [1, 2, 3, 4]
    assert [line for _, line, _ in after] == [3, 4, 5, 7]
    assert [fp for *_, fp in before] == [fp for *_, fp in after]
    assert len({fp for *_, fp in before}) == 4
    assert _gitlab(GO) == before  # stable across runs


def test_gitlab_fingerprint_changes_with_the_offending_line() -> None:
    before = _gitlab(GO)
    after = _gitlab(GO.replace("apk add curl", "apk add curl wget"))
    assert before[1][2] != after[1][2]
    assert [b[2] for b in before if b[1] != 2] == [a[2] for a in after if a[1] != 2]


def test_identical_lines_get_distinct_fingerprints() -> None:
    result = FileResult("Dockerfile", [_finding("m"), _finding("m")])
    options = ReportOptions(sources={"Dockerfile": "\n\nFROM a:latest\n"})
    first, second = fingerprints(result, options)
    assert first != second and len(first) == 32


def test_gitlab_severities() -> None:
    findings = [_finding("m", severity=s) for s in Severity]
    issues = json.loads(render("gitlab", [FileResult("Dockerfile", findings)], ReportOptions()))
    assert [i["severity"] for i in issues] == ["info", "minor", "major", "critical"]


# --- paths and statistics ---------------------------------------------------------------------

def test_relative_path() -> None:
    cwd = Path("/repo")
    assert relative_path("a/Dockerfile", cwd, cwd) == "a/Dockerfile"
    assert relative_path("./a/../b/Dockerfile", cwd, cwd) == "b/Dockerfile"
    assert relative_path("/repo/x/Dockerfile", Path("x"), cwd) == "Dockerfile"
    assert relative_path("/other/Dockerfile", cwd, cwd) is None
    assert relative_path("../Dockerfile", cwd, cwd) is None


def test_statistics_rows_most_frequent_first() -> None:
    assert stats.rows(sample_results()) == [
        ("DL1000", "syntax-error", "error", 2, 1),
        ("DW108", "obsolete-go-build-flags", "style", 2, 1),
        ("DL3002", "last-user-root", "warning", 1, 1),
        ("DL3007", "latest-tag", "warning", 1, 1),
        ("DL3019", "apk-add-no-cache", "info", 1, 1),
        ("DL3025", "json-args-recommended", "warning", 1, 1),
        ("DW103", "cgo-not-disabled", "warning", 1, 1),
        ("DW105", "final-stage-runs-as-root", "warning", 1, 1),
        ("DW106", "go-source-before-modules", "warning", 1, 1),
        ("DW109", "go-build-not-trimmed", "info", 1, 1),
        ("SC2086", "shellcheck", "style", 1, 1),
    ]


def test_statistics_table() -> None:
    results = [FileResult("a", [_finding("m"), _finding("n", severity=Severity.ERROR)]),
               FileResult("b", [_finding("m", path="b")])]
    assert stats.render(results) == (
        "Rule    Name        Severity      Count    Files\n"
        "------  ----------  ----------  -------  -------\n"
        "DL3007  latest-tag  error             3        2\n")
    assert stats.render(results, markdown=True) == (
        "## Statistics\n\n"
        "| Rule   | Name       | Severity   |   Count |   Files |\n"
        "|--------|------------|------------|---------|---------|\n"
        "| DL3007 | latest-tag | error      |       3 |       2 |\n")
    assert stats.render([FileResult("a")]) == "No findings.\n"


# --- terminal safety ----------------------------------------------------------------------------

def test_printable() -> None:
    assert printable("a\x1b[31mb\r\nc\x00\x7f\u202ed\te") == \
        "a\\x1b[31mb\\r\\nc\\x00\\x7f\\u202ed\te"
    assert printable("a\nb\x1b", keep="\n") == "a\nb\\x1b"


def test_source_lines_split_like_the_parser() -> None:
    assert source_lines("FROM a\r\nRUN x\x0cy\u2028z\nCMD b") == \
        ["FROM a", "RUN x\x0cy\u2028z", "CMD b"]


def test_text_and_tty_never_pass_control_characters_through() -> None:
    source = "FROM a\nRUN echo \x1b[2J; apk add x\n"
    finding = Finding("DL3019", "apk-add-no-cache", Severity.INFO, "quoted \x1b[2J\nthere",
                      "Dockerfile", Span(2, 16, 2, 23))
    results = [FileResult("Dockerfile", [finding])]
    text = render("text", results, ReportOptions())
    assert text == ("Dockerfile:2:16: DL3019 info: quoted \\x1b[2J\\nthere "
                    "(apk-add-no-cache)\n")
    tty = render("tty", results, ReportOptions(sources={"Dockerfile": source}, width=100))
    assert "\x1b" not in tty
    shown, marks = tty.splitlines()[2:4]
    assert shown == "     2 | RUN echo \\x1b[2J; apk add x"
    assert marks.index("^") == shown.index("apk add") and marks.count("^") == 7
