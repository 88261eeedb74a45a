"""DW110 ``shell-form-on-shellless-base``: a shell-form command in an image with no shell.

## What it does
Reports CMD, ENTRYPOINT and HEALTHCHECK written in shell form in the final image when its base
has no ``/bin/sh``: ``scratch``, distroless images other than ``:debug`` tags, Chainguard images
other than ``-dev`` tags.

## Why is this bad?
Shell form runs ``/bin/sh -c "..."``. Without a shell the container cannot start (``exec:
"/bin/sh": stat /bin/sh: no such file or directory``), or the health check always fails.

## Example
```dockerfile
FROM scratch
COPY app /app
CMD /app --port 8080
```

## Use instead
```dockerfile
FROM scratch
COPY app /app
CMD ["/app", "--port", "8080"]
```
"""

from __future__ import annotations

from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model
from dockwise.syntax import nodes as n


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation per shell-form CMD/ENTRYPOINT/HEALTHCHECK in a shell-less image."""
    final = model.final_stage
    if final is None:
        return
    base = final.root_base
    if base is None or not base.known or base.has_shell:
        return
    for stage in final.lineage:
        for instr in stage.instructions:
            if not isinstance(instr, (n.Cmd, n.Entrypoint, n.Healthcheck)):
                continue
            if isinstance(instr, n.Healthcheck) and instr.is_none:
                continue
            if instr.command is not None and not instr.is_exec:
                yield Violation(instr.command.span,
                                f"{instr.name} in shell form needs /bin/sh, but '{base.text}' "
                                "has no shell; use the JSON form", instr)


RULE = Rule(
    id="DW110",
    name="shell-form-on-shellless-base",
    severity=Severity.ERROR,
    summary="CMD/ENTRYPOINT/HEALTHCHECK in shell form cannot run on scratch or distroless.",
    check=check,
    doc=__doc__ or "",
    tags=("guide",),
)
