"""DL3025 ``json-args-recommended``: use the JSON (exec) form for CMD and ENTRYPOINT.

## What it does
Reports CMD and ENTRYPOINT written in shell form (``CMD ./app --port 8080``), on the command,
with the exec form as the suggested fix. A command that starts with ``exec`` in a POSIX shell
is not reported: the shell replaces itself with the program, which then gets the signals. A
shell-form value that looks like a JSON array (``CMD ['app']``: single quotes are not JSON) is
reported with that explanation. A stage whose SHELL (its own or a parent stage's) is not a POSIX
shell, such as ``SHELL ["powershell", "-Command"]``, chose that shell for its commands and is not
reported. BuildKit's build check ``JSONArgsRecommended`` reports the same thing; both names refer
to this rule.

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
hadolint also reports ``HEALTHCHECK CMD`` in shell form, a short-lived check where signals do
not matter (Docker's own documentation writes it so); dockwise does not, nor ``CMD exec app``.
BuildKit's ``JSONArgsRecommended`` stays silent once any SHELL instruction is in effect; dockwise
still reports when that SHELL is a POSIX shell (usually set for ``pipefail`` in RUN, as DL4006
asks), since it sits between the engine and the program just the same.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model
from dockwise.syntax import nodes as n
from dockwise.syntax.parser import json_array_problem

_EXEC_RE = re.compile(r"exec\s")


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation for each shell-form CMD or ENTRYPOINT, except one that starts
    with ``exec`` in a POSIX shell (the program then replaces the shell)."""
    for instr in model.instructions(n.Cmd, n.Entrypoint):
        assert isinstance(instr, n.CommandInstruction)
        if instr.command is None or instr.is_exec:
            continue
        text = instr.command.text
        state = model.state(instr)
        if state.shell_instruction is not None and not state.is_posix_shell:
            continue  # the stage chose cmd/PowerShell for its commands
        problem = json_array_problem(text)
        if problem is not None:
            yield Violation(instr.command.span,
                            f"{instr.name} looks like a JSON array but is not valid JSON "
                            f"({problem[0].lower().removesuffix(' starting at')}), so it runs "
                            "in shell form", instr, fix=f"{instr.name} {_json_hint(text)}")
            continue
        if _EXEC_RE.match(text) and state.is_posix_shell:
            continue  # the shell replaces itself with the program, which gets the signals
        yield Violation(instr.command.span,
                        f"{instr.name} in shell form: signals will not reach the process; "
                        "use the JSON form", instr,
                        fix=f"{instr.name} {_json_hint(text)}")


def _json_hint(command: str) -> str:
    """The exec form of a shell-form command, as far as it can be derived."""
    import json
    import shlex

    if command.startswith("["):
        try:
            items = json.loads(command.replace("'", '"'))
            if isinstance(items, list) and all(isinstance(i, str) for i in items):
                return json.dumps(items)
        except ValueError:
            pass
        return '["..."]'
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
