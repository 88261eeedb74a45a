"""CI thresholds: dockwise's size limits, dive's three rules and its .dive-ci file; and sizes
parsed as dive parses them, printed as docker prints them."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from dockwise.image.thresholds import ThresholdError, build, evaluate, read_dive_ci
from dockwise.image.units import human, parse_size, signed_human


@pytest.mark.parametrize(("text", "size"), [
    ("20MB", 20_000_000), ("20mb", 20_000_000), ("20 MB", 20_000_000), ("20M", 20_000_000),
    ("1.5GiB", 1_610_612_736), ("4096", 4096), ("1,000kB", 1_000_000), ("2Ki", 2048),
    ("0", 0), ("3b", 3),
])
def test_parse_size_like_go_humanize(text: str, size: int) -> None:
    assert parse_size(text) == size


@pytest.mark.parametrize("text", ["", "MB", "12 parsecs", "1e3", "-5MB"])
def test_bad_sizes(text: str) -> None:
    with pytest.raises(ValueError):
        parse_size(text)


@pytest.mark.parametrize(("size", "text"), [
    (0, "0B"), (260, "260B"), (3204, "3.2kB"), (1_982_263, "1.98MB"), (5_001_000, "5MB"),
    (6_986_727, "6.99MB"), (800_000_000, "800MB"), (1_234_567_890, "1.23GB"),
])
def test_human_like_docker_images(size: int, text: str) -> None:
    assert human(size) == text


def test_signed_human() -> None:
    assert (signed_human(785_000_000), signed_human(-1200), signed_human(0)) == (
        "+785MB", "-1.2kB", "0B")


def _figures(**kw: float) -> dict:
    base = {"final_size": 10_000_000, "stage_sizes": {"build": 800_000_000, "1": 10_000_000},
            "efficiency": 0.95, "wasted_bytes": 2_000_000, "user_wasted_percent": 0.2}
    base.update(kw)
    return base


def test_size_limits_and_dive_rules_pass_and_fail() -> None:
    t = build(max_size="10MB", max_stage_size=["build=500MB", "1=20MB"],
              lowest_efficiency="0.96", highest_wasted_bytes="2MB",
              highest_user_wasted_percent="0.1")
    results = {r.name: r.passed for r in evaluate(t, **_figures())}
    assert results == {"max-size": True,  # equal is within the limit
                       "max-stage-size[build]": False, "max-stage-size[1]": True,
                       "lowestEfficiency": False, "highestWastedBytes": True,
                       "highestUserWastedPercent": False}


def test_dive_comparisons_at_the_boundary_and_nan() -> None:
    t = build(lowest_efficiency="0.95", highest_user_wasted_percent="0.2")
    assert all(r.passed for r in evaluate(t, **_figures()))
    nan = evaluate(t, **_figures(user_wasted_percent=math.nan))
    assert nan[1].passed  # dive: NaN > threshold is false
    inf = evaluate(t, **_figures(user_wasted_percent=math.inf))
    assert not inf[1].passed


def test_measured_values_are_in_the_text() -> None:
    (r,) = evaluate(build(max_size="5MB"), **_figures())
    assert r.text == "final image 10MB (10000000 bytes), limit 5MB" and not r.passed


def test_unknown_stage_in_max_stage_size() -> None:
    with pytest.raises(ThresholdError, match="stage 'test', which was not built"):
        evaluate(build(max_stage_size=["test=1MB"]), **_figures())


@pytest.mark.parametrize(("kw", "message"), [
    ({"lowest_efficiency": "1.5"}, "outside the allowed range"),
    ({"lowest_efficiency": "high"}, "invalid lowestEfficiency"),
    ({"highest_wasted_bytes": "lots"}, "invalid highestWastedBytes"),
    ({"max_stage_size": ["900MB"]}, "expected STAGE=SIZE"),
    ({"max_size": "big"}, "invalid --max-size"),
])
def test_bad_threshold_values(kw: dict, message: str) -> None:
    with pytest.raises(ThresholdError, match=message):
        build(**kw)


def test_dive_ci_file_with_dive_defaults_for_missing_keys(tmp_path: Path) -> None:
    ci = tmp_path / ".dive-ci"
    ci.write_text("rules:\n  # comment\n  lowestEfficiency: 0.95\n  highestWastedBytes: 20MB\n")
    assert read_dive_ci(ci) == {"lowestEfficiency": "0.95", "highestWastedBytes": "20MB",
                                "highestUserWastedPercent": "0.1"}
    t = build(dive_ci=ci)
    assert (t.lowest_efficiency, t.highest_wasted_bytes, t.highest_user_wasted_percent) == (
        0.95, 20_000_000, 0.1)
    assert t.source == str(ci)


def test_dive_ci_disabled_values_and_command_line_override(tmp_path: Path) -> None:
    ci = tmp_path / ".dive-ci"
    ci.write_text("rules:\n  lowestEfficiency: disabled\n  highestWastedBytes: off\n"
                  "  highestUserWastedPercent: false\n")
    t = build(dive_ci=ci)
    assert not t.any
    t = build(dive_ci=ci, lowest_efficiency="0.5")
    assert t.lowest_efficiency == 0.5


def test_empty_dive_ci_means_dive_defaults(tmp_path: Path) -> None:
    ci = tmp_path / ".dive-ci"
    ci.write_text("")
    t = build(dive_ci=ci)
    assert (t.lowest_efficiency, t.highest_wasted_bytes, t.highest_user_wasted_percent) == (
        0.9, None, 0.1)


@pytest.mark.parametrize("text", ["rules: [1, 2]\n", "- a\n", "rules:\n  x: [\n"])
def test_bad_dive_ci(tmp_path: Path, text: str) -> None:
    ci = tmp_path / ".dive-ci"
    ci.write_text(text)
    with pytest.raises(ThresholdError, match=r"\.dive-ci"):
        build(dive_ci=ci)
