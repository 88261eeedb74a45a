"""Checkstyle XML, as Jenkins' Warnings Next Generation plugin and reviewdog read it.

``<checkstyle version="4.3">`` with a ``<file name="...">`` for every linted file (files without
findings too, as checkstyle itself writes them) holding an ``<error>`` per finding: ``line``,
``column`` (1-based), ``severity`` (error, warning, info; dockwise's style is ``info``),
``message`` and ``source`` (the rule id, as hadolint writes it). Built with
:mod:`xml.etree.ElementTree`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING
from xml.etree import ElementTree as ET

from dockwise.report.xml import clean, serialise

if TYPE_CHECKING:
    from dockwise.engine import FileResult
    from dockwise.report import ReportOptions

SEVERITIES = {"error": "error", "warning": "warning", "info": "info", "style": "info"}


def render(results: Sequence[FileResult], options: ReportOptions) -> str:
    """The checkstyle document, files in order."""
    root = ET.Element("checkstyle", version="4.3")
    for result in results:
        element = ET.SubElement(root, "file", name=clean(result.path))
        for f in result.findings:
            ET.SubElement(element, "error", line=str(f.line), column=str(f.column),
                          severity=SEVERITIES[f.severity.label], message=clean(f.message),
                          source=f.rule_id)
    return serialise(root)
