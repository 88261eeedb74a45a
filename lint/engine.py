"""The rule engine: which rules run, running them, pragmas, severities and the failure threshold.

One file is linted in these steps (data flows one way):

1. the text is parsed (:func:`dockwise.syntax.parse`); every syntax error becomes a ``DL1000``
   finding, and parsing goes on after it;
2. the :class:`~dockwise.model.Model` is built from the tree;
3. every selected rule's ``check`` runs over the model and yields violations;
4. pragmas and configuration decide what is reported and at which severity.

Pragmas (comments) understood:

* ``# dockwise ignore=ID[,ID...]`` and hadolint's ``# hadolint ignore=...`` on the comment lines
  directly above an instruction: suppress those rules for that instruction (its whole span,
  continuation lines and heredoc bodies included);
* ``# dockwise global ignore=...`` / ``# hadolint global ignore=...`` anywhere: the whole file;
* ``# hadolint shell=pwsh`` / ``# dockwise shell=pwsh``: lint RUN as that shell;
* BuildKit's parser directive ``# check=skip=Name1,Name2`` (or ``skip=all``) skips BuildKit checks
  (rules tagged ``buildkit``), and ``# check=error=true`` makes BuildKit checks errors; a
  ``# check=skip=...`` comment directly above an instruction skips them for that instruction
  only, as BuildKit's ``WithMergedConfigFromComments`` does.

A rule may be named by id, kebab-case name or alias (BuildKit check name), case-insensitively.
A pragma naming an unknown rule is reported as ``DW901`` and its known ids still apply.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from dockwise.config import Config
from dockwise.files import MAX_DOCKERFILE_BYTES, read_bytes
from dockwise.findings import Finding, Rule, Severity, Violation
from dockwise.model import BuildContext, Model
from dockwise.record import field, record
from dockwise.syntax import nodes as n
from dockwise.syntax.parser import InputError, parse

# the ids end at a further "#", which starts a free comment (hadolint's README)
_PRAGMA_RE = re.compile(r"^#\s*(dockwise|hadolint)\s+(global\s+)?ignore\s*=\s*([^#]*?)\s*(?:#.*)?$",
                        re.IGNORECASE)
_SHELL_PRAGMA_RE = re.compile(r"^#\s*(?:dockwise|hadolint)\s+shell\s*=\s*(\S+)", re.IGNORECASE)
_ID_TOKEN_RE = re.compile(r"[^,\s]+")
_SHELLCHECK_CODE_RE = re.compile(r"^SC\d{4}$", re.IGNORECASE)
INTERNAL_ERROR_ID = "DW999"
#: The rule that reports ShellCheck's codes (``SC2086``...).
SHELLCHECK_RULE_ID = "SC"


class Registry:
    """Every rule, indexed by id, name and alias (case-insensitive).

    Ids and names are unique; an alias may be shared by several rules when one BuildKit check
    covers several hadolint rules (``MultipleInstructionsDisallowed`` is DL4003, DL4004 and
    DL3012), and then names them all.
    """

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.rules = tuple(rules)
        self._index: dict[str, list[Rule]] = {}
        for rule in self.rules:
            for key in rule.names:
                self._index.setdefault(key.lower(), []).append(rule)

    def get(self, ref: str) -> Rule | None:
        """The rule called ``ref`` (id, name or alias), or ``None``; for a shared alias the
        first rule in id order."""
        found = self._index.get(ref.strip().lower())
        return found[0] if found else None

    def resolve(self, ref: str) -> list[Rule]:
        """Every rule ``ref`` names (several for a shared alias), or ``[]``."""
        return list(self._index.get(ref.strip().lower(), ()))

    def is_known(self, ref: str) -> bool:
        """``True`` for a rule reference or a ShellCheck code (``SC2086``)."""
        return ref.strip().lower() in self._index or bool(_SHELLCHECK_CODE_RE.match(ref.strip()))

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)


@functools.lru_cache(maxsize=1)
def registry() -> Registry:
    """The registry of built-in rules (:data:`dockwise.rules.ALL_RULES`)."""
    from dockwise.rules import ALL_RULES

    return Registry(ALL_RULES)


#: Rule ids hadolint has retired (its documentation lists them as deprecated). dockwise has no
#: rule under them and never reuses them; Dockerfiles and configurations written for older
#: hadolint versions still name them, so ignoring one (``--ignore``, ``ignore`` in a config,
#: an ignore pragma) is accepted silently, as hadolint accepts it.
RETIRED_HADOLINT_IDS = frozenset({"DL3005", "DL3017", "DL3031", "DL3039", "DL4002"})


def is_retired(ref: str) -> bool:
    """Whether ``ref`` is one of :data:`RETIRED_HADOLINT_IDS` (any case, spaces around)."""
    return ref.strip().upper() in RETIRED_HADOLINT_IDS


#: The most instructions a linted Dockerfile may have. The model keeps the environment at every
#: instruction, so its memory grows with instructions times variables: 4,096 ENV lines take
#: 0.3 GB, 20,000 took 5.3 GB. The most in the corpus of 524 files is 254.
MAX_INSTRUCTIONS = 4096


class UnknownRuleError(ValueError):
    """A rule reference on the command line or in a config that names no rule.

    Attributes:
        ref: the reference as written.
    """

    def __init__(self, message: str, ref: str = "") -> None:
        super().__init__(message)
        self.ref = ref


@record(frozen=False)
class Selection:
    """The rules that run for a config, with their effective severities.

    Attributes:
        rules: the rules to run.
        severity: effective severity per rule id.
        ignored_codes: upper-cased ignored references that are not registry rules
            (ShellCheck codes such as ``SC2086``).
        code_severity: severity overrides for ShellCheck codes.
        overridden: ids of rules whose severity the configuration sets.
        only_codes: when ``select`` names ShellCheck codes (and not the whole ``SC`` rule),
            the only codes reported; else ``None``.
        unknown: references that name nothing, skipped because the configuration comes from
            hadolint's file (which may name hadolint rules dockwise does not have).
        ids: the ids of :attr:`rules`.
    """

    rules: list[Rule]
    severity: dict[str, Severity]
    ignored_codes: frozenset[str] = frozenset()
    code_severity: dict[str, Severity | None] = field(default_factory=dict)
    overridden: frozenset[str] = frozenset()
    only_codes: frozenset[str] | None = None
    unknown: tuple[str, ...] = ()
    ids: frozenset[str] = frozenset()


def select_rules(config: Config, reg: Registry | None = None) -> Selection:
    """Decide which rules run under ``config``.

    Order: the default set (rules with ``enabled=True``); ``select`` replaces it (``ALL`` means
    every rule; a ShellCheck code such as ``SC2086`` selects the ``SC`` rule for that code
    only); ``extend-select`` adds to it; a ``severity`` override turns a rule on at that level
    (``off`` turns it off); ``ignore`` removes rules last.

    Raises:
        UnknownRuleError: a reference names no rule and is not a ShellCheck code (unless it
            comes from hadolint's configuration, ``config.hadolint_refs``: then it is listed
            in :attr:`Selection.unknown`; a retired hadolint id in ``ignore`` is skipped).
    """
    reg = reg or registry()
    unknown: list[str] = []

    def resolve(refs: Iterable[str], where: str = "", *, ignoring: bool = False
                ) -> tuple[list[Rule], list[str]]:
        rules: list[Rule] = []
        codes: list[str] = []
        for ref in refs:
            if ignoring and is_retired(ref):
                continue  # nothing to ignore, and hadolint's configurations still name it
            if ref.strip().upper() == "ALL":
                rules.extend(reg.rules)
                continue
            named = reg.resolve(ref)
            if named:
                rules.extend(named)
            elif _SHELLCHECK_CODE_RE.match(ref.strip()):
                codes.append(ref.strip().upper())
            elif ref in config.hadolint_refs:
                unknown.append(ref)
            else:
                raise UnknownRuleError(f"unknown rule {ref!r}{where}", ref)
        return rules, codes

    only_codes = None
    if config.select is not None:
        rules, codes = resolve(config.select, " in select")
        chosen = {r.id for r in rules}
        shellcheck_rule = reg.get(SHELLCHECK_RULE_ID)
        if codes and shellcheck_rule is not None and shellcheck_rule.id not in chosen:
            chosen.add(shellcheck_rule.id)
            only_codes = frozenset(codes)
    else:
        chosen = {r.id for r in reg.rules if r.enabled}
    chosen |= {r.id for r in resolve(config.extend_select, " in extend-select")[0]}
    severity = {r.id: r.severity for r in reg.rules}
    code_severity: dict[str, Severity | None] = {}
    overridden: set[str] = set()
    for ref, level in config.severity.items():
        if _SHELLCHECK_CODE_RE.match(ref.strip()):
            code_severity[ref.strip().upper()] = level
            continue
        for rule in resolve([ref], " in severity overrides")[0]:
            if level is None:
                chosen.discard(rule.id)
            else:
                severity[rule.id] = level
                overridden.add(rule.id)
                chosen.add(rule.id)
    ignored_rules, ignored_codes = resolve(config.ignore, " in ignore", ignoring=True)
    chosen -= {r.id for r in ignored_rules}
    return Selection([r for r in reg.rules if r.id in chosen], severity,
                     frozenset(ignored_codes), code_severity, frozenset(overridden),
                     only_codes, tuple(unknown), frozenset(chosen))


@record
class Pragma:
    """An ignore pragma comment.

    Attributes:
        tool: ``dockwise`` or ``hadolint``.
        is_global: ``global ignore=``.
        refs: ``(reference, span)`` for each listed id or name.
        span: the whole comment.
        instruction: index of the instruction it applies to (``None`` for global ones or
            when nothing follows).
    """

    tool: str
    is_global: bool
    refs: tuple[tuple[str, n.Span], ...]
    span: n.Span
    instruction: int | None


def find_pragmas(dockerfile: n.Dockerfile) -> list[Pragma]:
    """Every ignore pragma in the file's comments."""
    out = []
    for comment in dockerfile.comments:
        raw = dockerfile.lines[comment.span.start_line - 1][comment.span.start_column - 1:]
        m = _PRAGMA_RE.match(raw)
        if not m:
            continue
        base = comment.span.start_column + m.start(3)
        refs = tuple(
            (t.group(0), n.Span(comment.span.start_line, base + t.start(),
                                comment.span.start_line, base + t.end()))
            for t in _ID_TOKEN_RE.finditer(m.group(3)))
        out.append(Pragma(m.group(1).lower(), bool(m.group(2)), refs, comment.span,
                          None if m.group(2) else comment.next_instruction))
    return out


def shell_pragma(dockerfile: n.Dockerfile) -> str | None:
    """The shell named by a ``# hadolint shell=`` / ``# dockwise shell=`` comment, if any."""
    for comment in dockerfile.comments:
        raw = dockerfile.lines[comment.span.start_line - 1][comment.span.start_column - 1:]
        m = _SHELL_PRAGMA_RE.match(raw)
        if m:
            return m.group(1)
    return None


#: Go's ``strconv.ParseBool`` spellings (BuildKit parses ``error=`` with it).
_GO_BOOLS = {"1": True, "t": True, "T": True, "TRUE": True, "true": True, "True": True,
             "0": False, "f": False, "F": False, "FALSE": False, "false": False,
             "False": False}
_CHECK_COMMENT_RE = re.compile(r"^check[\t ]*=[\t ]*(\S+)", re.IGNORECASE)


@record
class CheckOptions:
    """BuildKit's build-check options from a ``# check=`` line (``linter.ParseLintOptions``).

    Attributes:
        skip: the names listed in ``skip=``, lower-cased (dockwise accepts any name, id or
            alias of a rule, in any case).
        skip_all: ``skip=all``.
        error: ``error=true`` (any spelling Go's ``strconv.ParseBool`` accepts).
    """

    skip: frozenset[str] = frozenset()
    skip_all: bool = False
    error: bool = False

    def skips(self, rule: Rule) -> bool:
        """``True`` when these options turn ``rule`` off. Only BuildKit checks (rules tagged
        ``buildkit``) can be skipped this way, as ``# check=`` is BuildKit's directive."""
        if not (self.skip_all or self.skip) or "buildkit" not in rule.tags:
            return False
        return self.skip_all or any(name.lower() in self.skip for name in rule.names)


def parse_check_options(value: str) -> CheckOptions | None:
    """Parse ``skip=A,B;error=true;experimental=C`` as BuildKit does, or return ``None`` where
    BuildKit rejects it (a part without ``=``, an unknown key, a bad boolean). ``experimental``
    is accepted and has no effect: every check dockwise has is on by default."""
    value = value.strip()
    if not value:
        return CheckOptions()
    skip: frozenset[str] = frozenset()
    skip_all = error = False
    for part in value.split(";", 2):
        key, eq, val = part.partition("=")
        key, val = key.strip(), val.strip()
        if not eq:
            return None
        if key == "skip":
            if val == "all":
                skip_all = True
            else:
                skip = frozenset(v.strip().lower() for v in val.split(",") if v.strip())
        elif key == "error":
            if val not in _GO_BOOLS:
                return None
            error = _GO_BOOLS[val]
        elif key != "experimental":
            return None
    return CheckOptions(skip, skip_all, error)


def check_directive(dockerfile: n.Dockerfile) -> CheckOptions:
    """BuildKit's ``# check=`` parser directive, or the defaults when there is none (or
    BuildKit would reject it)."""
    d = dockerfile.directive("check")
    if d is None:
        return CheckOptions()
    return parse_check_options(d.value) or CheckOptions()


def inline_check_options(instr: n.Instruction) -> CheckOptions | None:
    """The options of a ``# check=...`` comment among those directly above ``instr``; BuildKit
    (``WithMergedConfigFromComments``) applies its ``skip`` to the checks of that one
    instruction. Only the first such comment counts; one BuildKit cannot parse is ignored."""
    for comment in instr.comments:
        m = _CHECK_COMMENT_RE.match(comment)
        if m:
            return parse_check_options(m.group(1))
    return None


@record(frozen=False)
class FileResult:
    """The outcome of linting one input.

    Attributes:
        path: the name shown for the input.
        findings: what was found, sorted by position then rule id.
        error: why the input could not be linted (unreadable, binary), or ``None``.
        error_line: 1-based line of the input error, when known.
    """

    path: str
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None
    error_line: int | None = None


class Linter:
    """Lints Dockerfiles under one configuration.

    Args:
        config: the settings (already merged with command-line options).
        target: ``--target`` stage for the model's notion of the final image.
        context: a build context directory for every file (else each file's directory).
        reg: the rule registry (the built-in one by default).

    Raises:
        UnknownRuleError: the configuration names a rule that does not exist.
    """

    def __init__(self, config: Config, *, target: str | None = None,
                 context: Path | None = None, reg: Registry | None = None) -> None:
        self.config = config
        self.registry = reg or registry()
        self.selection = select_rules(config, self.registry)
        self.target = target
        self.context = context

    def lint_path(self, path: Path, display: str | None = None) -> FileResult:
        """Read and lint a file; an unreadable or binary file gives a result with ``error``."""
        name = display or str(path)
        try:
            data = read_bytes(path, limit=MAX_DOCKERFILE_BYTES)
        except OSError as exc:
            return FileResult(name, error=f"cannot read file: {exc.strerror or exc}")
        context_dir = self.context or path.parent
        return self.lint_source(data, name, context=BuildContext(context_dir, path))

    def lint_source(self, source: bytes | str, path: str = "Dockerfile",
                    context: BuildContext | None = None) -> FileResult:
        """Lint Dockerfile text or bytes; ``path`` is the name used in findings."""
        try:
            dockerfile = parse(source, path)
        except InputError as exc:
            return FileResult(path, error=exc.message, error_line=exc.line)
        if len(dockerfile.instructions) > MAX_INSTRUCTIONS:
            extra = dockerfile.instructions[MAX_INSTRUCTIONS]
            return FileResult(path, error=f"more than {MAX_INSTRUCTIONS:,} instructions; not "
                              "linted", error_line=extra.line)
        if context is None and self.context is not None:
            context = BuildContext(self.context)
        findings = self.lint_tree(dockerfile, path, context)
        problem = self.target_problem(dockerfile)
        if problem is not None:  # as docker build --target: the file cannot be built so
            return FileResult(path, findings, error=problem)
        return FileResult(path, findings)

    def target_problem(self, dockerfile: n.Dockerfile) -> str | None:
        """Why ``--target`` does not fit this file (no stage of that name), or ``None``."""
        if not self.target:
            return None
        names = [i.stage_name.text.lower() for i in dockerfile.instructions
                 if isinstance(i, n.From) and i.stage_name is not None]
        if self.target.lower() in names:
            return None
        known = ", ".join(names) if names else "none has a name"
        return f"no stage named '{self.target}' for --target (stages: {known})"

    def lint_tree(self, dockerfile: n.Dockerfile, path: str,
                  context: BuildContext | None = None) -> list[Finding]:
        """Run the selected rules over a parsed file and return the findings, sorted."""
        model = Model(dockerfile, context=context, target=self.target,
                      shell_override=shell_pragma(dockerfile))
        return _FileRun(self, model, path).run()


class _FileRun:
    """The state of linting one file: pragmas, instruction lookup, collected findings."""

    def __init__(self, linter: Linter, model: Model, path: str) -> None:
        self.linter = linter
        self.model = model
        self.path = path
        self.dockerfile = model.dockerfile
        self.findings: list[Finding] = []
        instrs = self.dockerfile.instructions
        self._starts = [i.span.start_line for i in instrs]
        self.checks = check_directive(self.dockerfile)
        self.checks_are_errors = self.checks.error
        self._inline_checks: dict[int, CheckOptions | None] = {}
        self.pragmas = find_pragmas(self.dockerfile)
        self.global_ignores: set[str] = set()
        self.local_ignores: dict[int, set[str]] = {}
        self.unknown_refs: list[tuple[str, n.Span]] = []
        reg = linter.registry
        honour = not linter.config.disable_ignore_pragma
        for pragma in self.pragmas:
            for ref, span in pragma.refs:
                named = reg.resolve(ref)
                if not named and not _SHELLCHECK_CODE_RE.match(ref):
                    self.unknown_refs.append((ref, span))
                    continue
                keys = {r.id for r in named} if named else {ref.upper()}
                if not honour:
                    continue
                if pragma.is_global:
                    self.global_ignores |= keys
                elif pragma.instruction is not None:
                    self.local_ignores.setdefault(pragma.instruction, set()).update(keys)

    def instruction_index(self, line: int) -> int | None:
        i = bisect.bisect_right(self._starts, line) - 1
        if i < 0:
            return None
        instr = self.dockerfile.instructions[i]
        if instr.span.start_line <= line <= instr.span.end_line:
            return i
        return None

    def inline_checks(self, index: int) -> CheckOptions | None:
        if index not in self._inline_checks:
            self._inline_checks[index] = inline_check_options(self.dockerfile.instructions[index])
        return self._inline_checks[index]

    def run(self) -> list[Finding]:
        selection = self.linter.selection
        config = self.linter.config
        for rule in selection.rules:
            if self.checks.skips(rule):
                continue
            severity = selection.severity[rule.id]
            if self.checks_are_errors and "buildkit" in rule.tags:
                severity = Severity.ERROR
            try:
                for violation in rule.check(self.model, config):
                    self.add(rule, severity, violation)
            except Exception as exc:  # a bug in a rule must not stop the run
                self.findings.append(Finding(
                    INTERNAL_ERROR_ID, "internal-error", Severity.ERROR,
                    f"internal error in rule {rule.id}: {type(exc).__name__}: {exc}",
                    self.path, n.Span(1, 1, 1, 1)))
        self.findings.sort(key=Finding.sort_key)
        return self.findings

    def add(self, rule: Rule, severity: Severity, v: Violation) -> None:
        code = v.code or rule.id
        name = rule.name
        selection = self.linter.selection
        if code != rule.id:
            owner = self.linter.registry.get(code)
            if owner is not None and owner.id == code:
                # a rule reporting on behalf of another (SC reports DW903): that one's
                # selection and severity apply
                if owner.id not in selection.ids:
                    return
                severity, name = selection.severity[owner.id], owner.name
            else:
                code = code.upper()
                if code in selection.ignored_codes or (
                        selection.only_codes is not None and code not in selection.only_codes):
                    return
                if code in selection.code_severity:
                    override = selection.code_severity[code]
                    if override is None:
                        return
                    severity = override
                elif rule.id not in selection.overridden:
                    severity = v.severity or severity
                name = v.code_name or rule.name
        elif v.severity is not None and rule.id not in selection.overridden and \
                not (self.checks_are_errors and "buildkit" in rule.tags):
            severity = v.severity
        if rule.id in self.global_ignores or code in self.global_ignores:
            return
        line = v.instruction.span.start_line if v.instruction is not None else v.span.start_line
        index = self.instruction_index(line)
        stage = None
        if index is not None:
            local = self.local_ignores.get(index)
            if local and (rule.id in local or code in local):
                return
            if "buildkit" in rule.tags:
                inline = self.inline_checks(index)
                if inline is not None and inline.skips(rule):
                    return
            found = self.model.stage_of(self.dockerfile.instructions[index])
            if found is not None:
                stage = found.label
        self.findings.append(Finding(code, name, severity, v.message, self.path, v.span, stage,
                                     v.fix))


def exit_code(results: Iterable[FileResult], fail_on: Severity | None, *, no_fail: bool = False,
              usage_error: bool = False) -> int:
    """The process exit code: 2 if any input could not be linted (or a usage error), else 1 if
    a finding is at or above ``fail_on`` (and ``no_fail`` is off), else 0."""
    results = list(results)
    if usage_error or any(r.error for r in results):
        return 2
    if no_fail or fail_on is None:
        return 0
    for r in results:
        for f in r.findings:
            if f.severity >= fail_on:
                return 1
    return 0


def lint_text(text: str | bytes, path: str = "Dockerfile", config: Config | None = None,
              context: Path | None = None, target: str | None = None) -> list[Finding]:
    """Lint a string; the convenience entry point for tests and library use.

    Raises:
        InputError: ``text`` is binary data.
    """
    linter = Linter(config or Config(), target=target)
    ctx = BuildContext(context) if context is not None else None
    result = linter.lint_source(text, path, ctx)
    if result.error:
        raise InputError(path, result.error, result.error_line)
    return result.findings
