"""DL3025 ``json-args-recommended``: use the JSON (exec) form for CMD and ENTRYPOINT.

## What it does
Reports CMD and ENTRYPOINT written in shell form (``CMD ./app --port 8080``), unless the
stage set a non-POSIX SHELL. BuildKit's build check ``JSONArgsRecommended`` reports the same
thing; both names refer to this rule.

## Why is this bad?
In shell form the command runs as a child of ``/bin/sh -c``: the shell is PID 1, so ``SIGTERM``
from ``docker stop`` never reaches the application, which is killed after the timeout instead of
shutting down cleanly. Images without a shell (scratch, distroless) cannot run it at all.

## Example
```dockerfile
FROM alpine:3.20
COPY app /app
CMD /app --port 8080
```

## Use instead
```dockerfile
FROM alpine:3.20
COPY app /app
CMD ["/app", "--port", "8080"]
```

## How dockwise differs from hadolint
A stage whose SHELL (its own or a parent stage's) is not a POSIX shell, such as
``SHELL ["powershell", "-Command"]``, chose that shell for its commands, and is not reported.
BuildKit's check stays silent after any SHELL; dockwise still reports when SHELL is a POSIX
shell, because that SHELL is usually there for ``pipefail`` in RUN (as DL4006 asks) and the
process still does not receive signals.
"""

from __future__ import annotations

from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model
from dockwise.syntax import nodes as n


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation for each shell-form CMD or ENTRYPOINT."""
    for instr in model.instructions(n.Cmd, n.Entrypoint):
        assert isinstance(instr, n.CommandInstruction)
        if instr.command is None or instr.is_exec:
            continue
        state = model.state(instr)
        if state.shell_instruction is not None and not state.is_posix_shell:
            continue
        yield Violation(instr.command.span,
                        f"{instr.name} in shell form: signals will not reach the process; "
                        "use the JSON form", instr,
                        fix=f'{instr.name} {_json_hint(instr.command.text)}')


def _json_hint(command: str) -> str:
    import json
    import shlex

    try:
        return json.dumps(shlex.split(command))
    except ValueError:
        return '["..."]'


RULE = Rule(
    id="DL3025",
    name="json-args-recommended",
    severity=Severity.WARNING,
    summary="Use the JSON (exec) form for CMD and ENTRYPOINT.",
    check=check,
    doc=__doc__ or "",
    aliases=("JSONArgsRecommended",),
    tags=("buildkit",),
)
