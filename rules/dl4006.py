"""DL4006 ``pipefail``: a pipe in RUN without ``pipefail``.

## What it does
Reports a RUN whose script has a pipe (``curl ... | tar -x``) when ``pipefail`` is not in
effect for it. ``pipefail`` counts when it is:

* an option of the shell that runs the script: the stage's ``SHELL ["/bin/bash", "-o",
  "pipefail", "-c"]`` (any option form: ``-eo pipefail``, ``-o errexit -o pipefail``), a SHELL
  inherited from the stage this one is built ``FROM``, or the options of an exec-form
  ``RUN ["bash", "-o", "pipefail", "-c", "..."]``;
* set earlier in the same script: ``set -o pipefail``, ``set -euxo pipefail``.

A stage whose shell is not a POSIX shell (``cmd``, PowerShell, set by SHELL, a Windows base
image or a ``# hadolint shell=``/``# dockwise shell=`` pragma) is not checked. For
``RUN bash <<EOF`` and for a heredoc starting with ``#!``, SHELL's options do not reach the
script (another shell runs it), so only a ``set -o pipefail`` inside it counts. A pipe fed only
by ``echo``, ``printf`` or ``yes`` is not reported: they cannot fail in a way ``pipefail``
would catch, and ``yes | ...`` would even make the RUN fail under ``pipefail``; nor is a pipe
whose failure is thrown away (``a | b || true``). One finding per RUN, on the first command of
its first such pipe that can fail.

## Why is this bad?
A pipeline's status is its last command's. ``curl -fsSL $URL | tar -xz`` succeeds when the
download fails, as long as ``tar`` exits 0 on empty input; the build goes on with a broken
image. With ``pipefail`` the pipeline fails when any part fails.

## Example
```dockerfile
FROM debian:12
RUN curl -fsSL https://example.com/tool.tar.gz | tar -xz -C /usr/local/bin
```

## Use instead
```dockerfile
FROM debian:12
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN curl -fsSL https://example.com/tool.tar.gz | tar -xz -C /usr/local/bin
```

## How dockwise differs from hadolint
hadolint ignores ``set -o pipefail`` in the RUN itself (hadolint issue 522), does not see a
SHELL set in the stage this one is built ``FROM`` (issue 406), accepts ``-o pipefail`` only
for bash, zsh and ash (``SHELL ["/bin/sh", "-o", "pipefail", "-c"]`` is reported though
busybox sh supports it, issues 977 and 1084; a shell without the option fails the build loudly
instead), and reports pipes fed by ``echo`` or ``yes``. dockwise handles each of these, and
reads heredoc scripts.
"""

from __future__ import annotations

from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model, Stage
from dockwise.syntax import nodes as n
from dockwise.syntax.shell import Script, SimpleCommand, shell_option

#: Commands that cannot fail in a way pipefail would report (``yes`` would fail *because* of
#: pipefail, killed by SIGPIPE when the reader stops).
HARMLESS_PRODUCERS = frozenset({"echo", "printf", "yes", "true", ":"})


def _pipefail_before(script: Script, cmd: SimpleCommand) -> bool:
    """``True`` when ``set -o pipefail`` runs before ``cmd`` in ``script`` (and is not undone
    by ``set +o pipefail``); a ``set`` inside a subshell counts only for that subshell."""
    state = False
    for earlier in script.commands[:cmd.index]:
        if earlier.name != "set" or (earlier.subshell and not cmd.subshell):
            continue
        setting = shell_option([w.text for w in earlier.args], "pipefail")
        if setting is not None:
            state = setting
    return state


def _unguarded_pipes(script: Script) -> list[SimpleCommand]:
    """For each pipeline of ``script`` not covered by a ``set -o pipefail`` before it, the
    first command feeding the pipe that can fail (not the last part, not ``echo``...)."""
    pipelines: dict[int, list[SimpleCommand]] = {}
    for cmd in script.commands:
        if cmd.pipeline:
            pipelines.setdefault(cmd.pipeline, []).append(cmd)
    out = []
    for pipe in pipelines.values():
        last = max(c.pipeline_index for c in pipe)
        feeding = [c for c in pipe if c.pipeline_index < last and
                   c.effective()[0] not in HARMLESS_PRODUCERS]
        if feeding and not _failure_ignored(script, pipe) and \
                not _pipefail_before(script, pipe[0]):
            out.append(feeding[0])
    return out


def _failure_ignored(script: Script, pipe: list[SimpleCommand]) -> bool:
    """``a | b || true``: the pipeline's status is thrown away, so pipefail changes nothing."""
    end = pipe[-1].index + 1
    after = script.commands[end] if end < len(script.commands) else None
    return after is not None and after.operator == "||" and not after.pipeline and \
        after.effective()[0] in ("true", ":")


def _fix(model: Model, stage: Stage, run: n.Run, script: Script) -> str:
    """Where pipefail belongs for this script: its exec-form arguments, the script itself when
    SHELL does not run it, else a SHELL the base image has (ash on alpine, bash elsewhere)."""
    if run.is_exec:
        return 'add "-o", "pipefail" before "-c"'
    if script.runner != model.state(run).shell:
        return "start the script with set -o pipefail"
    shell = script.runner[0] if script.runner else "/bin/sh"
    name = shell.rsplit("/", 1)[-1]
    base = stage.root_base
    if name in ("sh", "ash") and base is not None and (base.is_alpine or
                                                       base.name == "busybox"):
        shell = "/bin/ash"
    elif name not in ("bash", "zsh", "ash", "ksh", "mksh"):
        shell = "/bin/bash"
    return f'SHELL ["{shell}", "-o", "pipefail", "-c"] before this RUN'


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield one violation per RUN with a pipe that runs without pipefail."""
    for stage, run in model.runs():
        for script in model.scripts(run):
            if "|" not in script.text:
                continue
            if shell_option(script.runner[1:], "pipefail"):
                continue
            pipes = _unguarded_pipes(script)
            if not pipes:
                continue
            first = pipes[0]
            prog = first.effective()[0] or first.name
            more = f" (and {len(pipes) - 1} more pipe{'s' if len(pipes) > 2 else ''})" \
                if len(pipes) > 1 else ""
            yield Violation(first.programs()[-1].span if first.argv else first.span,
                            f"pipe without pipefail: if '{prog}' fails, the RUN still "
                            f"succeeds{more}", run, fix=_fix(model, stage, run, script))
            break

RULE = Rule(
    id="DL4006",
    name="pipefail",
    severity=Severity.WARNING,
    summary="Set pipefail (SHELL or set -o pipefail) before a RUN with a pipe.",
    check=check,
    doc=__doc__ or "",
)
