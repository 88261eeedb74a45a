"""DW902 ``malformed-exec-form``: an argument that looks like a JSON array is not valid JSON.

## What it does
Reports RUN, SHELL, HEALTHCHECK, COPY, ADD and VOLUME arguments that start with ``[`` but do not
decode as a JSON array (single quotes, a missing bracket or comma, a stray escape), pointing at
the character where decoding fails. CMD and ENTRYPOINT are left to DL3025, which reports the
same mistake there.

## Why is this bad?
BuildKit does not reject such a line: it silently falls back to the shell form, so
``CMD ['./app']`` runs ``/bin/sh -c "['./app']"`` and the container exits with "not found";
``COPY ["a b", "/dst/"`` copies files named ``["a`` and ``b",``. The author meant the exec form.

## Example
```dockerfile
FROM alpine:3.20
RUN ['/bin/sh', '-c', 'echo hello']
```

## Use instead
```dockerfile
FROM alpine:3.20
RUN ["/bin/sh", "-c", "echo hello"]
```
"""

from __future__ import annotations

from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model
from dockwise.syntax import nodes as n
from dockwise.syntax.parser import json_array_problem


def _shell_text(instr: n.Instruction) -> n.Token | None:
    if isinstance(instr, n.Onbuild):
        return _shell_text(instr.trigger) if instr.trigger is not None else None
    if isinstance(instr, (n.Cmd, n.Entrypoint)):
        return None  # DL3025 reports these
    if isinstance(instr, n.CommandInstruction) and not instr.is_exec:
        return instr.command
    if isinstance(instr, n.PathsInstruction) and instr.form is n.Form.SHELL and instr.paths:
        first = instr.paths[0]
        return n.Token(instr.args, instr.args_span, first.offset)
    return None


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield one violation per JSON-looking argument that is not a JSON array."""
    for instr in model.dockerfile.instructions:
        token = _shell_text(instr)
        if token is None or not token.text.lstrip().startswith("["):
            continue
        problem = json_array_problem(token.text)
        if problem is None:
            continue
        message, offset = problem
        message = message.lower().removesuffix(" starting at").removesuffix(" at")
        target = instr.trigger if isinstance(instr, n.Onbuild) and instr.trigger else instr
        at = token.offset + offset
        span = target.span_of(at, at + 1) if at < len(target.line_text) else \
            target.span_of(at - 1, at)
        yield Violation(span, f"{target.name} argument looks like a JSON array but is not valid "
                        f"JSON ({message}); BuildKit runs it in shell form", instr)


RULE = Rule(
    id="DW902",
    name="malformed-exec-form",
    severity=Severity.WARNING,
    summary="A JSON-looking argument is not valid JSON and silently becomes shell form.",
    check=check,
    doc=__doc__ or "",
    tags=("syntax",),
)
