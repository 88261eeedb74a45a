"""Severities, findings, and the shape of a rule.

A rule module (in :mod:`dockwise.rules`) defines one :class:`Rule`. Its ``check`` function takes
the :class:`~dockwise.model.Model` and the :class:`~dockwise.config.Config` and yields
:class:`Violation` objects; the engine turns each into a :class:`Finding` (adding the rule id,
name, severity, file and stage) after applying pragmas and configuration.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from dockwise.record import field, record
from dockwise.syntax.nodes import Instruction, Span

if TYPE_CHECKING:
    from dockwise.config import Config
    from dockwise.model import Model


class Severity(enum.IntEnum):
    """How serious a finding is; ordered, so ``Severity.ERROR > Severity.STYLE``.

    The four levels are hadolint's (``error``, ``warning``, ``info``, ``style``).
    """

    STYLE = 1
    INFO = 2
    WARNING = 3
    ERROR = 4

    @classmethod
    def parse(cls, text: str) -> Severity:
        """Parse a level name (case-insensitive); raises ``ValueError`` for anything else."""
        try:
            return cls[text.strip().upper()]
        except KeyError:
            raise ValueError(
                f"unknown severity {text!r} (use error, warning, info or style)") from None

    @property
    def label(self) -> str:
        """The lower-case name (``warning``)."""
        return self.name.lower()


@record
class Violation:
    """What a rule reports: a place and a message.

    Attributes:
        span: the offending token (1-based lines/columns, end column exclusive).
        message: one sentence saying what is wrong here.
        instruction: the instruction it concerns (for pragmas and the stage name).
        fix: a suggested replacement or action, when there is an obvious one.
        code: for rules that report several codes (ShellCheck's ``SC2086``), the code to
            report instead of the rule id.
        code_name: the name to report with :attr:`code`.
        severity: the code's own severity (overrides the rule's default, not the user's).
    """

    span: Span
    message: str
    instruction: Instruction | None = None
    fix: str | None = None
    code: str | None = None
    code_name: str | None = None
    severity: Severity | None = None


@record
class Finding:
    """A violation as reported to the user.

    Attributes:
        rule_id: ``DL3007``, ``DW101``, ``SC2086``...
        rule_name: kebab-case name (``latest-tag``).
        severity: after configuration overrides.
        message: what is wrong.
        path: the file as given on the command line (or ``--stdin-filename``).
        span: where (1-based; end column exclusive).
        stage: the build stage's name or index, or ``None`` outside any stage.
        fix: a suggested fix, or ``None``.
    """

    rule_id: str
    rule_name: str
    severity: Severity
    message: str
    path: str
    span: Span
    stage: str | None = None
    fix: str | None = None

    @property
    def line(self) -> int:
        """1-based start line."""
        return self.span.start_line

    @property
    def column(self) -> int:
        """1-based start column."""
        return self.span.start_column

    @property
    def end_line(self) -> int:
        """1-based end line."""
        return self.span.end_line

    @property
    def end_column(self) -> int:
        """1-based end column (exclusive)."""
        return self.span.end_column

    def sort_key(self) -> tuple[int, int, str, str]:
        """Order within a file: position, then rule id, then message."""
        return (self.span.start_line, self.span.start_column, self.rule_id, self.message)


CheckFunction = Callable[["Model", "Config"], Iterable[Violation]]


@record
class Rule:
    """A rule's metadata and its check.

    Attributes:
        id: ``DLxxxx`` (same meaning as hadolint's rule of that id), ``DWxxx`` (dockwise's own)
            or an id for a BuildKit check.
        name: kebab-case name, accepted wherever an id is.
        severity: default severity.
        summary: one line for ``dockwise rules``.
        check: the check function.
        doc: the rule module's docstring (``What it does``, ``Why is this bad?``, ``Example``,
            ``Use instead``), shown by ``dockwise explain``.
        enabled: ``False`` for rules that are off unless selected or given a severity.
        aliases: other names accepted in pragmas and config (BuildKit check names).
        tags: labels for SARIF (``security``, ``size``, ``go``, ``buildkit``...).
        example_config: settings under which the doc examples are checked.
        example_env: environment variables set while the doc examples are checked.
        security_severity: CVSS-like score for GitHub code scanning, for security rules.
    """

    id: str
    name: str
    severity: Severity
    summary: str
    check: CheckFunction
    doc: str = ""
    enabled: bool = True
    aliases: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    example_config: Mapping[str, Any] = field(default_factory=dict)
    example_env: Mapping[str, str] = field(default_factory=dict)
    security_severity: float | None = None

    @property
    def names(self) -> tuple[str, ...]:
        """Every way to refer to the rule: id, name and aliases."""
        return (self.id, self.name, *self.aliases)
