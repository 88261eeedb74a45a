"""DL3044 ``env-self-reference``: ENV uses a variable it sets itself.

## What it does
Reports a reference to a variable in an ENV value when the same ENV instruction sets that
variable in another pair: ``ENV JAVA_HOME=/opt/java PATH=$JAVA_HOME/bin:$PATH``. These are
fine and not reported:

* a pair that refers to itself, ``ENV PATH=/opt/bin:$PATH`` (it means the old value), unless
  an earlier pair of the same ENV sets it too (``ENV PATH=/a:$PATH PATH=/b:$PATH`` loses
  ``/a``);
* a reference to a variable whose value the instruction does not change (``ENV A=1`` earlier,
  then ``ENV A=1 B=$A``, or ``ENV V=$V URL=/dl/$V``).

The finding is on the ``$NAME`` reference.

## Why is this bad?
BuildKit expands every value of an ENV instruction with the environment as it was *before*
the instruction. ``$JAVA_HOME`` in the example is the old value (often empty), not
``/opt/java``, so ``PATH`` silently gets ``/bin`` instead of ``/opt/java/bin``.

## Example
```dockerfile
FROM debian:12
ENV JAVA_HOME=/opt/java PATH=$JAVA_HOME/bin:$PATH
```

## Use instead
```dockerfile
FROM debian:12
ENV JAVA_HOME=/opt/java
ENV PATH=$JAVA_HOME/bin:$PATH
```

## How dockwise differs from hadolint
hadolint stays silent as soon as any earlier ARG or ENV anywhere in the file declared the name,
even in another stage or with another value (``ARG V=1`` then ``ENV V=2 URL=/dl/$V`` gives
``URL=/dl/1``); dockwise compares the value the variable has before the instruction with the
one it sets, and reports when they can differ.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model
from dockwise.syntax import nodes as n


def _reference(name: str) -> re.Pattern[str]:
    """``$NAME`` or ``${NAME...}`` (the whole braces), not ``$NAMEX``."""
    word = re.escape(name) + r"(?![A-Za-z0-9_])"
    return re.compile(r"\$\{" + word + r"[^}]*\}|\$" + word)


def _old_value(model: Model, instr: n.Env, pair: n.KeyValue) -> tuple[bool, str]:
    """Whether ``pair`` leaves its variable's value as it was, and a description of that old
    value for the message."""
    name = pair.key.text
    state = model.state(instr)
    old = state.variables.get(name)
    if old is not None and old.value is not None:
        before = f"'{old.value}'"
    elif old is not None:
        before = "its value before this instruction"
    else:
        before = "unset" if not state.base_env_unknown else "empty unless the base image sets it"
    assert pair.value is not None
    if pair.value.text.strip('"') in (f"${name}", f"${{{name}}}"):
        return True, before
    new = model.expand(pair.value.text, instr)
    same = old is not None and old.value is not None and new.known and new.text == old.value
    return same, before


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation per ENV value referring to a variable the same ENV changes."""
    for instr in model.instructions(n.Env):
        assert isinstance(instr, n.Env)
        if len(instr.pairs) < 2:
            continue
        setters: dict[str, list[n.KeyValue]] = {}
        for p in instr.pairs:
            if p.value is not None:
                setters.setdefault(p.key.text, []).append(p)
        for index, pair in enumerate(instr.pairs):
            value = pair.value
            if value is None:
                continue
            for name in sorted(model.expand(value.text, instr).used):
                # another pair setting the name; for a pair's own name only an earlier one
                # (PATH=/a:$PATH is meant to read the old PATH)
                others = [p for p in setters.get(name, ()) if p is not pair and (
                    name != pair.key.text or instr.pairs.index(p) < index)]
                changes = [before for unchanged, before in (_old_value(model, instr, p)
                                                             for p in others) if not unchanged]
                if not changes:
                    continue
                before = changes[0]
                m = _reference(name).search(value.text)
                span = instr.span_of(value.offset + m.start(), value.offset + m.end()) \
                    if m is not None and value.offset >= 0 else value.span
                yield Violation(span, f"${name} is expanded before this ENV sets {name}: it "
                                f"is the old value ({before}); set {name} in an earlier ENV",
                                instr, fix=f"split into two ENV instructions, {name} first")


RULE = Rule(
    id="DL3044",
    name="env-self-reference",
    severity=Severity.ERROR,
    summary="Do not refer to a variable in the same ENV instruction that sets it.",
    check=check,
    doc=__doc__ or "",
)
