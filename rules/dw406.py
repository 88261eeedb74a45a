"""DW406 ``undefined-var``: a variable is used where it is not defined.

## What it does
Checks the variables BuildKit expands itself (not those a shell expands in RUN, CMD or
ENTRYPOINT): in ENV and LABEL keys and values, COPY/ADD sources, destinations, ``--chown`` and
``--checksum``, heredoc bodies of COPY/ADD, WORKDIR, USER, VOLUME, STOPSIGNAL, ``RUN --mount``
options and ARG defaults. A name is defined when an ENV or ARG of the stage (or of its parent
stages) declares it before the instruction, even without a value. ``${NAME:-default}`` counts
as a use, as in BuildKit. This is BuildKit's build check ``UndefinedVar``, with its "did you
mean" suggestion (a declared name at most two edits away).

In a stage built on an external image, the image's own environment may define the name, and
dockwise does not pull images to find out. There it reports only what the image cannot
plausibly supply: a BuildKit platform argument (``TARGETARCH``...) the stage never declared, a
name the stage declares only later, and a near miss of a declared name (or of ``PATH``) that
looks like a typo. Stages on ``scratch`` (and stages built on them) have a known, empty
environment apart from ``PATH``, and every undefined name is reported.

## Why is this bad?
An undefined variable expands to an empty string without any error: ``COPY $APP_DIR/ /app``
copies the whole context, ``ENV PATH=$PAHT:/app/bin`` throws the system PATH away, and a
platform ARG used without ``ARG TARGETARCH`` in the stage downloads the wrong binary.

## Example
```dockerfile
FROM scratch
ARG DIR_ASSETS=assets/
COPY $DIR_ASSET /srv/
```

## Use instead
```dockerfile
FROM scratch
ARG DIR_ASSETS=assets/
COPY $DIR_ASSETS /srv/
```

## How dockwise differs from BuildKit
BuildKit reads the base image's configuration, so it knows every variable the image sets;
dockwise lints without a registry and, on external images, reports only the cases above, where
the image defining the name would be a coincidence. Positions are the ``$NAME`` itself, not the
whole instruction. Looking for a close name costs one edit distance per declared name, so a
file gets 200,000 of them: past that (thousands of undefined references against thousands of
declared names, never seen in a real file) no more names are suggested, and on external
images the references that only a suggestion would report are not reported.
"""

from __future__ import annotations

from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import AUTOMATIC_PLATFORM_ARGS, BuildState, Model, Stage
from dockwise.syntax import nodes as n
from dockwise.syntax.parser import is_heredoc_marker
from dockwise.syntax.variables import NameSuggester

#: ARGs BuildKit never puts in the environment, so it does not check them either.
_NON_ENV_ARGS = frozenset({"BUILDKIT_SBOM_SCAN_CONTEXT", "BUILDKIT_SBOM_SCAN_STAGE"})

Word = n.Token | n.Flag | n.Heredoc


def _words(instr: n.Instruction) -> Iterator[Word]:
    """The parts of ``instr`` BuildKit expands and checks (ARG is handled separately)."""
    if isinstance(instr, (n.Env, n.Label)):
        for pair in instr.pairs:
            yield pair.key
            if pair.value is not None:
                yield pair.value
    elif isinstance(instr, n.FileTransfer):
        for name in ("chown", "checksum") if isinstance(instr, n.Add) else ("chown",):
            flag = instr.flag(name)
            if flag is not None:
                yield flag
        for path in instr.paths:
            if not (instr.heredocs and is_heredoc_marker(path.text)):
                yield path
        yield from (doc for doc in instr.heredocs if doc.expand)
    elif isinstance(instr, n.StringInstruction) and not isinstance(instr, n.Maintainer):
        if instr.value is not None:
            yield instr.value
    elif isinstance(instr, n.Volume):
        yield from instr.paths
    elif isinstance(instr, n.Run):
        yield from instr.all_flags("mount")


def _declared_lines(stage: Stage) -> dict[str, list[int]]:
    lines: dict[str, list[int]] = {}
    for instr in stage.instructions:
        if isinstance(instr, (n.Arg, n.Env)):
            for pair in instr.pairs:
                lines.setdefault(pair.key.text, []).append(instr.line)
    return lines


class _Checker:
    """Decides, for one stage, whether a name used by an instruction is undefined."""

    def __init__(self, model: Model, stage: Stage, suggest: NameSuggester) -> None:
        self.model = model
        self.declared = _declared_lines(stage)
        self.suggest = suggest

    def problem(self, name: str, instr: n.Instruction, state: BuildState,
                local: set[str] | frozenset[str] = frozenset()) -> str | None:
        """Why ``name`` is undefined at ``instr`` (the message), or ``None`` if it is not or
        may be defined by the base image."""
        if name in state.variables or name in local or name in _NON_ENV_ARGS or name == "PATH":
            return None  # BuildKit always sets PATH (the image's, or its default)
        later = next((line for line in self.declared.get(name, ()) if line > instr.line), None)
        options = list(state.variables) + sorted(local)
        if "PATH" not in options and "PATH" not in name:
            options.append("PATH")
        close = self.suggest(name, options)
        known = self.model.global_variables.get(name)
        if name in AUTOMATIC_PLATFORM_ARGS:
            hint = f"; BuildKit sets it only in stages that declare it: add 'ARG {name}'"
        elif later is not None:
            hint = f"; it is declared only later, on line {later}"
        elif close is not None:
            hint = f"; did you mean ${close}?"
        elif known is not None and not state.base_env_unknown:
            hint = (f"; the ARG before the first FROM is not visible in a stage: add "
                    f"'ARG {name}' here")
        elif not state.base_env_unknown:
            hint = ""
        else:
            return None  # the base image may well define it
        return f"${name} is not defined at this point, so it expands to nothing{hint}"


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation at each reference to an undefined variable."""
    suggest = NameSuggester()
    for stage in model.stages:
        checker = _Checker(model, stage, suggest)
        for instr in stage.instructions:
            state = model.state(instr)
            if isinstance(instr, n.Arg):
                local: set[str] = set()
                for pair in instr.pairs:
                    if pair.value is not None and pair.key.text not in model.build_args:
                        yield from _report(model, checker, instr, state, pair.value, local)
                    local.add(pair.key.text)
                continue
            for word in _words(instr):
                yield from _report(model, checker, instr, state, word)


def _report(model: Model, checker: _Checker, instr: n.Instruction, state: BuildState,
            word: Word, local: set[str] | None = None) -> Iterator[Violation]:
    seen: set[str] = set()
    for name, span in model.references(instr, word):
        if name in seen:
            continue
        seen.add(name)
        message = checker.problem(name, instr, state, local or frozenset())
        if message is not None:
            yield Violation(span, message, instr)


RULE = Rule(
    id="DW406",
    name="undefined-var",
    severity=Severity.WARNING,
    summary="Define variables (ARG/ENV) before BuildKit expands them.",
    check=check,
    doc=__doc__ or "",
    aliases=("UndefinedVar",),
    tags=("buildkit",),
)
