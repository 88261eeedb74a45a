"""JUnit XML, as CI test-report viewers (GitLab, Jenkins, Azure Pipelines, GitHub test-report
actions) read it.

``<testsuites name="dockwise">`` holds a ``<testsuite>`` per linted file (named by its path)
with a ``<testcase>`` per finding, failed with a ``<failure>`` whose ``type`` is the rule id,
whose ``message`` is the finding's message and whose text is the text-format line (plus the
suggested fix). A clean file has one passing testcase. A file that could not be read has a
testcase with an ``<error>``; so has a directory that could not be searched, in a suite of its
own (a notice such as a symlink loop is a ``<skipped>`` testcase). Counts (``tests``,
``failures``, ``errors``, ``skipped``) are on every suite and on the root. Every finding is a
failure whatever ``--fail-on`` says: the exit code, not the report, is the gate.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING
from xml.etree import ElementTree as ET

from dockwise.report.text import text_line
from dockwise.report.xml import clean, serialise

if TYPE_CHECKING:
    from dockwise.engine import FileResult
    from dockwise.report import ReportOptions

CLEAN_CASE = "no findings"


def _suite(root: ET.Element, name: str) -> ET.Element:
    return ET.SubElement(root, "testsuite", name=clean(name), tests="0", failures="0",
                         errors="0", skipped="0")


def _count(element: ET.Element, key: str) -> None:
    element.set(key, str(int(element.get(key, "0")) + 1))


def _problem_case(suite: ET.Element, root: ET.Element, path: str, message: str,
                  kind: str) -> None:
    """A testcase for an input that could not be linted: ``kind`` is ``error`` (counted in
    ``errors``) or ``skipped`` (a notice, such as a symlink loop)."""
    case = ET.SubElement(suite, "testcase", name="lint", classname=clean(path))
    ET.SubElement(case, kind, message=clean(message), type="input-error")
    for element in (suite, root):
        _count(element, "tests")
        _count(element, "errors" if kind == "error" else "skipped")


def render(results: Sequence[FileResult], options: ReportOptions) -> str:
    """The JUnit document, files in order."""
    root = ET.Element("testsuites", name="dockwise", tests="0", failures="0", errors="0",
                      skipped="0")
    for problem in options.problems:
        _problem_case(_suite(root, problem.path), root, problem.path, problem.message,
                      "error" if problem.fatal else "skipped")
    for result in results:
        suite = _suite(root, result.path)
        if result.error:
            _problem_case(suite, root, result.path, result.error, "error")
            continue
        for f in result.findings:
            case = ET.SubElement(suite, "testcase",
                                 name=f"{f.rule_id} {f.rule_name} at {f.line}:{f.column}",
                                 classname=clean(result.path))
            failure = ET.SubElement(case, "failure", message=clean(f.message), type=f.rule_id)
            failure.text = clean(text_line(f) + (f"\nfix: {f.fix}" if f.fix else ""))
            for element in (suite, root):
                _count(element, "tests")
                _count(element, "failures")
        if not result.findings:
            ET.SubElement(suite, "testcase", name=CLEAN_CASE, classname=clean(result.path))
            _count(suite, "tests")
            _count(root, "tests")
    return serialise(root)
