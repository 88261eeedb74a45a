"""What several output formats share: paths relative to a base directory, the stable
fingerprint of a finding, where a rule is documented, the inputs that could not be linted, and
the summary counts.

Kept apart from :mod:`dockwise.report` so that the plain text and JSON formats (the one-file
path) do not load it.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from dockwise.record import record

if TYPE_CHECKING:
    from dockwise.engine import FileResult
    from dockwise.findings import Rule
    from dockwise.report import ReportOptions

PROJECT_URL = "https://github.com/dockwise/dockwise"
#: Where a built-in rule is documented: its module, whose docstring is the documentation
#: ``dockwise explain`` shows.
RULE_DOCS_URL = PROJECT_URL + "/blob/main/rules/{module}.py"
#: ShellCheck's wiki page for an ``SCxxxx`` code.
SHELLCHECK_DOCS_URL = "https://www.shellcheck.net/wiki/{code}"


def relative_path(path: str, base: Path, cwd: Path) -> str | None:
    """``path`` (as reported: absolute, or relative to the working directory ``cwd``) relative
    to ``base``, with ``/`` separators; ``None`` when it lies outside ``base``.

    Symbolic links are compared resolved when the plain paths disagree, so ``--sarif-base
    $PWD`` works from a linked directory.
    """
    absolute = os.path.normpath(os.path.join(cwd, path))
    base_path = os.path.normpath(os.path.join(cwd, base))
    for a, b in ((absolute, base_path), (os.path.realpath(absolute), os.path.realpath(base_path))):
        rel = os.path.relpath(a, b)
        if rel != os.pardir and not rel.startswith(os.pardir + os.sep):
            return rel.replace(os.sep, "/")
    return None


def display_path(path: str, cwd: Path) -> str:
    """``path`` relative to the working directory ``cwd`` when inside it, else as given
    (``/`` separators)."""
    return relative_path(path, cwd, cwd) or path.replace(os.sep, "/")


def fingerprints(result: FileResult, options: ReportOptions) -> list[str]:
    """A stable fingerprint for each finding of ``result``, in order (32 hex digits).

    The hash covers the file's path relative to ``options.cwd``, the rule id, the text of the
    lines the finding spans (whitespace collapsed), and the occurrence index among findings
    with those same three values. It does not change when unrelated lines are added or
    removed above, nor between runs; it changes when the offending line itself changes. When
    the file's text is not available (``options.sources``) the message stands in for the line.
    """
    import hashlib

    from dockwise.report.text import source_lines

    lines = options.sources.get(result.path)
    split = source_lines(lines) if lines is not None else None
    path = display_path(result.path, options.cwd)
    seen: Counter[tuple[str, str]] = Counter()
    out = []
    for f in result.findings:
        if split is not None and 0 < f.line <= len(split):
            text = " ".join(" ".join(split[f.line - 1:f.end_line]).split())
        else:
            text = f.message
        key = (f.rule_id, text)
        index = seen[key]
        seen[key] += 1
        data = "\0".join((path, f.rule_id, text, str(index))).encode("utf-8", "surrogatepass")
        out.append(hashlib.md5(data, usedforsecurity=False).hexdigest())
    return out


def rule_help_uri(rule_id: str, rule: Rule | None = None) -> str | None:
    """Where the rule is documented: the built-in rule's module on GitHub (its docstring is
    the documentation), ShellCheck's wiki for ``SCxxxx``, else ``None``."""
    if rule is not None:
        module = getattr(rule.check, "__module__", "") or ""
        if module.startswith("dockwise.rules."):
            return RULE_DOCS_URL.format(module=module.rsplit(".", 1)[1])
    if rule_id.upper().startswith("SC") and rule_id[2:].isdigit():
        return SHELLCHECK_DOCS_URL.format(code=rule_id.upper())
    return None


def rules_by_id(options: ReportOptions) -> dict[str, Rule]:
    """The rules of this run by id (every built-in rule when ``options.rules`` is empty)."""
    rules: Sequence[Rule] = options.rules
    if not rules:
        from dockwise.engine import registry

        rules = registry().rules
    return {r.id: r for r in rules}


@record
class InputError:
    """An input that could not be linted or searched, as reporters show it.

    Attributes:
        path: the file or directory.
        message: why.
        line: 1-based line when known (a file that stops being text there), else ``None``.
        fatal: ``True`` when it makes the exit code 2; ``False`` for notices.
    """

    path: str
    message: str
    line: int | None = None
    fatal: bool = True


def input_errors(results: Sequence[FileResult], options: ReportOptions) -> list[InputError]:
    """Discovery problems first (as found), then files that could not be linted (in order)."""
    out = [InputError(p.path, p.message, None, p.fatal) for p in options.problems]
    out += [InputError(r.path, r.error, r.error_line) for r in results if r.error]
    return out


def severity_summary(results: Sequence[FileResult]) -> tuple[int, Counter[str], int]:
    """``(total findings, count per severity label, files with findings)``."""
    counts: Counter[str] = Counter()
    files_with = 0
    for result in results:
        if result.findings:
            files_with += 1
        for f in result.findings:
            counts[f.severity.label] += 1
    return sum(counts.values()), counts, files_with


def summary_line(results: Sequence[FileResult]) -> str:
    """``7 findings (2 errors, 4 warnings, 1 info) in 2 of 3 files`` or
    ``No findings in 3 files.``"""
    total, counts, files_with = severity_summary(results)
    n = len(results)
    files = f"{n} file{'s' if n != 1 else ''}"
    if not total:
        return f"No findings in {files}."
    parts = [f"{counts[k]} {k}" + ("s" if counts[k] != 1 and k != "info" else "")
             for k in ("error", "warning", "info", "style") if counts[k]]
    return (f"{total} finding{'s' if total != 1 else ''} ({', '.join(parts)}) "
            f"in {files_with} of {files}")
