"""What the label-schema rules (DL3049-DL3056, DL3058) share; not a rule itself.

hadolint's ``label-schema`` setting maps a label key to the format its value must have
(``text``, ``url``, ``email``, ``semver``, ``hash``, ``rfc3339``, ``spdx``; see
:data:`dockwise.config.LABEL_FORMATS`). Each format has its own rule id; this module runs one
format's check over every LABEL pair the model knows (:meth:`dockwise.model.Model.labels`,
ONBUILD triggers included), on the value after ARG/ENV expansion.

Values are compared exactly as hadolint does, key by key (keys are case-sensitive). A value
that depends on a variable the linter cannot know is not judged, and an empty value is left to
DL3051 (``empty-label``) so that one mistake gives one finding.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator

from dockwise.config import Config
from dockwise.findings import Violation
from dockwise.model import LabelPair, Model


def lazy_pattern(pattern: str) -> Callable[[], re.Pattern[str]]:
    """A function returning ``pattern`` compiled on first call: the format rules run only when
    a label schema is configured, so their patterns stay out of the start-up time."""
    return functools.cache(lambda: re.compile(pattern))


def schema_keys(config: Config, fmt: str | None = None) -> list[str]:
    """Label keys of ``config.label_schema`` in the order given, only those of format ``fmt``
    when it is set."""
    return [k for k, v in config.label_schema.items() if fmt is None or v == fmt]


def resolved(lp: LabelPair) -> str:
    """`` (from '${VERSION}')`` when the value was written with variables, else ``""``:
    the tail of a message quoting an expanded value."""
    written = lp.pair.value.text if lp.pair.value is not None else ""
    return f" (from '{written}')" if "$" in written else ""


def format_violations(model: Model, config: Config, fmt: str, valid: Callable[[str], bool],
                      expected: str, hint: Callable[[str], str] | None = None
                      ) -> Iterator[Violation]:
    """Yield a violation at the value of each known, non-empty LABEL pair whose key the schema
    gives format ``fmt`` and whose value ``valid`` rejects.

    Args:
        fmt: the schema format (``url``, ``semver``...).
        valid: the format's test, given the expanded value.
        expected: what the value should be, for the message (``a URL``).
        hint: optional extra advice for a rejected value (``""`` for none).
    """
    keys = set(schema_keys(config, fmt))
    if not keys:
        return
    for lp in model.labels():
        if lp.key not in keys or not lp.known or lp.value == "" or lp.pair.value is None:
            continue
        if valid(lp.value):
            continue
        extra = hint(lp.value) if hint is not None else ""
        yield Violation(lp.pair.value.span,
                        f"label '{lp.key}' is '{lp.value}'{resolved(lp)}, which is not "
                        f"{expected}{extra}", lp.instruction)
