"""DL3049 ``missing-label``: a label the label schema requires is not set on the image.

## What it does
When ``label-schema`` is configured, checks that the final image carries every label it lists.
A label counts as set when the final stage, a stage it is built ``FROM``, or an ONBUILD LABEL
of its parent stage sets it. One finding per missing label, on the final stage's FROM line.
Nothing is reported when the image also has a label whose key depends on an unknown variable
(it may be the missing one).

## Why is this bad?
Labels such as the version, the source repository or the license are how registries, scanners
and people find out what an image is. An organisation that requires them wants every image it
ships to have them.

## Example
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.title="api"
```

## Use instead
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.title="api" \
      org.opencontainers.image.source="https://example.com/api.git"
```

## How dockwise differs from hadolint
hadolint asks for the labels in *every* stage, builder stages included (except stages that
are only copied from), and reports each of them. dockwise asks for them where they matter: in
the image the build produces (the last stage, or ``--target``), counting labels inherited from
parent stages. Builder stages need no labels.
"""

from __future__ import annotations

from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model
from dockwise.rules._labels import schema_keys


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation per schema label the final image does not carry."""
    required = schema_keys(config)
    final = model.final_stage
    if not required or final is None:
        return
    present = model.image_labels(final)
    if any(not lp.key_known for lp in present.values()):
        return
    for key in required:
        if key not in present:
            yield Violation(final.from_.head_span(),
                            f"label '{key}' is required by the label schema but the image "
                            f"built by stage '{final.label}' does not set it", final.from_,
                            fix=f'LABEL {key}="..."')


RULE = Rule(
    id="DL3049",
    name="missing-label",
    severity=Severity.INFO,
    summary="A label required by the label schema is missing from the image.",
    check=check,
    doc=__doc__ or "",
    tags=("labels",),
    example_config={"label_schema": {"org.opencontainers.image.source": "url"}},
)
