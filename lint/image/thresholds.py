"""CI thresholds for ``dockwise size``: dockwise's size limits and dive's three rules.

dockwise's own:

* ``max-size``: the final image's size (docker's count) must not exceed it;
* ``max-stage-size STAGE``: that stage's image must not exceed it.

dive's, with dive's names, parsing and comparisons (dive 0.13, ``ci/rules.go``), so an
existing gate keeps its meaning:

* ``lowestEfficiency`` (ratio 0-1): fails when the efficiency is below it;
* ``highestWastedBytes`` (a size, ``20MB``): fails when wasted bytes exceed it;
* ``highestUserWastedPercent`` (ratio 0-1): fails when the user-wasted ratio exceeds it.

A ``.dive-ci`` file is dive's YAML (``rules:`` with those keys; ``disabled``, ``off``,
``false`` or an empty value turn a rule off). As in dive, a key the file leaves out takes
dive's default (``lowestEfficiency: 0.9``, ``highestWastedBytes: disabled``,
``highestUserWastedPercent: 0.1``); an option given on the command line wins over the file.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from dockwise.image.units import human, parse_size
from dockwise.record import record

LOWEST_EFFICIENCY = "lowestEfficiency"
HIGHEST_WASTED_BYTES = "highestWastedBytes"
HIGHEST_USER_WASTED_PERCENT = "highestUserWastedPercent"
#: dive's defaults for keys a ``.dive-ci`` file leaves out.
DIVE_DEFAULTS = {LOWEST_EFFICIENCY: "0.9", HIGHEST_WASTED_BYTES: "disabled",
                 HIGHEST_USER_WASTED_PERCENT: "0.1"}
DIVE_CI_FILE = ".dive-ci"


class ThresholdError(ValueError):
    """A threshold value or ``.dive-ci`` file that cannot be used (a usage error)."""


@record
class Thresholds:
    """The limits to check; ``None`` means not checked.

    Attributes:
        max_size: bytes, for the final image.
        max_stage_size: stage label -> bytes.
        lowest_efficiency: dive's ratio, 0-1.
        highest_wasted_bytes: bytes, dive's wasted bytes.
        highest_user_wasted_percent: dive's ratio, 0-1.
        source: where dive's rules came from (``.dive-ci``), for the report.
        skipped: dive's rules that ``.dive-ci`` (or dive's default for a rule it leaves out)
            disables; listed as SKIP, as dive does.
    """

    max_size: int | None = None
    max_stage_size: tuple[tuple[str, int], ...] = ()
    lowest_efficiency: float | None = None
    highest_wasted_bytes: int | None = None
    highest_user_wasted_percent: float | None = None
    source: str | None = None
    skipped: tuple[str, ...] = ()

    @property
    def any(self) -> bool:
        """``True`` when at least one limit is set."""
        return any(v is not None for v in (self.max_size, self.lowest_efficiency,
                                           self.highest_wasted_bytes,
                                           self.highest_user_wasted_percent)) or \
            bool(self.max_stage_size)


@record
class ThresholdResult:
    """One threshold checked.

    Attributes:
        name: ``max-size``, ``max-stage-size[build]``, or dive's rule name.
        limit: the limit as a number (bytes or ratio).
        measured: the measured value (bytes or ratio; ``nan`` when undefined).
        passed: the measured value is within the limit (``True`` for a skipped rule).
        text: the limit and the measured value, human-readable.
        skipped: a dive rule the ``.dive-ci`` file disables (not checked).
    """

    name: str
    limit: float
    measured: float
    passed: bool
    text: str
    skipped: bool = False


def _disabled(value: str) -> bool:
    return value.strip().lower() in ("", "disabled", "off", "false")


def ratio(value: str, key: str) -> float:
    """A ratio in [0, 1] as dive reads it.

    Raises:
        ThresholdError: not a number, or outside 0-1.
    """
    try:
        number = float(value)
    except ValueError:
        raise ThresholdError(f"invalid {key} value {value!r} (a ratio between 0 and 1)") \
            from None
    if not 0 <= number <= 1 or math.isnan(number):
        raise ThresholdError(f"{key} value {value!r} is outside the allowed range 0-1")
    return number


def size(value: str, key: str) -> int:
    """A size (``20MB``, ``1GiB``) as dive reads it.

    Raises:
        ThresholdError: not a size.
    """
    try:
        return parse_size(value)
    except ValueError as exc:
        raise ThresholdError(f"invalid {key} value: {exc}") from None


def stage_size(value: str) -> tuple[str, int]:
    """``STAGE=SIZE`` -> ``(stage, bytes)``.

    Raises:
        ThresholdError: no ``=``, or a bad size.
    """
    stage, eq, amount = value.partition("=")
    if not eq or not stage.strip():
        raise ThresholdError(f"--max-stage-size {value!r}: expected STAGE=SIZE (build=900MB)")
    return stage.strip().lower(), size(amount.strip(), "--max-stage-size")


def read_dive_ci(path: Path) -> dict[str, str]:
    """dive's rules from a ``.dive-ci`` file, every key present (defaults filled in as dive
    does); values as strings.

    Raises:
        ThresholdError: unreadable, not YAML, or not a mapping.
    """
    import yaml

    from dockwise.config import load_yaml
    from dockwise.files import read_text

    try:
        data = load_yaml(read_text(path))
    except OSError as exc:
        raise ThresholdError(f"{path}: cannot read ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise ThresholdError(f"{path}: not UTF-8 text") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "not valid YAML"
        raise ThresholdError(f"{path}{where}: {problem}") from None
    rules: Any = data.get("rules") if isinstance(data, dict) else None
    if (data is not None and not isinstance(data, dict)) or \
            (rules is not None and not isinstance(rules, dict)):
        raise ThresholdError(f"{path}: expected 'rules:' with {LOWEST_EFFICIENCY}, "
                             f"{HIGHEST_WASTED_BYTES} and {HIGHEST_USER_WASTED_PERCENT}")
    out = dict(DIVE_DEFAULTS)
    for key, value in (rules or {}).items():
        if key in out:
            out[key] = "" if value is None else str(value)
    return out


def build(*, max_size: str | None = None, max_stage_size: Sequence[str] = (),
          lowest_efficiency: str | None = None, highest_wasted_bytes: str | None = None,
          highest_user_wasted_percent: str | None = None,
          dive_ci: Path | None = None) -> Thresholds:
    """Thresholds from command-line values (strings as typed) and an optional ``.dive-ci``
    (command-line values win).

    Raises:
        ThresholdError: a value or the file is invalid.
    """
    dive: Mapping[str, str] = read_dive_ci(dive_ci) if dive_ci is not None else {}
    chosen = {
        LOWEST_EFFICIENCY: lowest_efficiency if lowest_efficiency is not None else
        dive.get(LOWEST_EFFICIENCY),
        HIGHEST_WASTED_BYTES: highest_wasted_bytes if highest_wasted_bytes is not None else
        dive.get(HIGHEST_WASTED_BYTES),
        HIGHEST_USER_WASTED_PERCENT: highest_user_wasted_percent
        if highest_user_wasted_percent is not None else dive.get(HIGHEST_USER_WASTED_PERCENT),
    }
    eff = chosen[LOWEST_EFFICIENCY]
    wasted = chosen[HIGHEST_WASTED_BYTES]
    user = chosen[HIGHEST_USER_WASTED_PERCENT]
    return Thresholds(
        max_size=size(max_size, "--max-size") if max_size is not None else None,
        max_stage_size=tuple(stage_size(v) for v in max_stage_size),
        lowest_efficiency=None if eff is None or _disabled(eff) else
        ratio(eff, LOWEST_EFFICIENCY),
        highest_wasted_bytes=None if wasted is None or _disabled(wasted) else
        size(wasted, HIGHEST_WASTED_BYTES),
        highest_user_wasted_percent=None if user is None or _disabled(user) else
        ratio(user, HIGHEST_USER_WASTED_PERCENT),
        source=str(dive_ci) if dive_ci is not None else None,
        skipped=tuple(name for name, value in chosen.items()
                      if dive_ci is not None and value is not None and _disabled(value)),
    )


def _pct(value: float) -> str:
    return "undefined" if math.isnan(value) else f"{value * 100:.2f} %"


def evaluate(thresholds: Thresholds, *, final_size: int, stage_sizes: Mapping[str, int],
             efficiency: float, wasted_bytes: int,
             user_wasted_percent: float) -> list[ThresholdResult]:
    """Check every set threshold against the measured figures (dive's comparisons).

    Args:
        final_size: the final image's size in bytes.
        stage_sizes: stage label -> size in bytes, for every stage built.
        efficiency, wasted_bytes, user_wasted_percent: dive's figures of the final image.

    Raises:
        ThresholdError: ``max-stage-size`` names a stage that was not built.
    """
    sizes: list[tuple[str, int, int, str]] = []  # (name, limit, measured, what)
    if thresholds.max_size is not None:
        sizes.append(("max-size", thresholds.max_size, final_size, "final image"))
    for stage, limit in thresholds.max_stage_size:
        if stage not in stage_sizes:
            known = ", ".join(stage_sizes) or "none"
            raise ThresholdError(f"--max-stage-size names stage {stage!r}, which was not "
                                 f"built (built: {known})")
        sizes.append((f"max-stage-size[{stage}]", limit, stage_sizes[stage], f"stage {stage}"))
    if thresholds.highest_wasted_bytes is not None:
        sizes.append((HIGHEST_WASTED_BYTES, thresholds.highest_wasted_bytes, wasted_bytes,
                      "wasted"))
    out = [ThresholdResult(name, limit, got, not got > limit,
                           f"{what} {human(got)} ({got} bytes), "
                           f"{'highest allowed' if name == HIGHEST_WASTED_BYTES else 'limit'} "
                           f"{human(limit)}") for name, limit, got, what in sizes]
    if thresholds.lowest_efficiency is not None:
        floor = thresholds.lowest_efficiency
        out.append(ThresholdResult(LOWEST_EFFICIENCY, floor, efficiency, not floor > efficiency,
                                   f"efficiency {_pct(efficiency)}, lowest allowed "
                                   f"{_pct(floor)}"))
    if thresholds.highest_user_wasted_percent is not None:
        ceiling = thresholds.highest_user_wasted_percent
        out.append(ThresholdResult(HIGHEST_USER_WASTED_PERCENT, ceiling, user_wasted_percent,
                                   not user_wasted_percent > ceiling,
                                   f"user-wasted {_pct(user_wasted_percent)}, highest "
                                   f"allowed {_pct(ceiling)}"))
    out += [ThresholdResult(name, math.nan, math.nan, True, "disabled", skipped=True)
            for name in thresholds.skipped]
    return out
