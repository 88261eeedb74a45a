"""``dockwise size`` from end to end: build or find the image, read it, attribute the bytes.

Three entry points produce one :class:`SizeReport`:

* :func:`measure_build`: build every stage that reaches the final image (or all stages) on a
  Docker engine, one image per stage, and read each;
* :func:`measure_image`: an image already in the engine;
* :func:`measure_archive`: a ``docker save`` tar or an OCI layout, no engine needed.

With a Dockerfile (always for a build, optional otherwise) the layers are attributed to its
stages and lines and the linter's findings get the byte costs the image shows
(:mod:`dockwise.image.attribution`). A reporter in :mod:`dockwise.report` (``size_json``,
``size_markdown``, ``size_tty``) formats the report; thresholds are evaluated here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from dockwise.files import MAX_DOCKERFILE_BYTES, read_bytes
from dockwise.findings import Finding
from dockwise.image import ImageError
from dockwise.image.analysis import ImageAnalysis, analyze
from dockwise.image.archive import ArchiveImage, read_archive, select_image
from dockwise.image.attribution import (
    BASE,
    DOCKERIGNORE_RULES,
    FINAL_IMAGE_COSTS,
    PACKAGE_CACHES,
    Cost,
    Step,
    attribute,
    cache_cost,
    copy_destination,
    dockerignore_cost,
    final_image_cost,
    instruction_at,
    layer_of,
)
from dockwise.image.thresholds import ThresholdResult, Thresholds, evaluate
from dockwise.model import BuildContext, Model, Stage
from dockwise.record import record
from dockwise.syntax import nodes as n

if TYPE_CHECKING:
    from dockwise.image.engine import BuildFailure, Engine

#: Called with a phase message (``building stage build``) or a line of build output.
Progress = Callable[[str], None]


@record(eq=False, frozen=False)
class StageSize:
    """One stage's image, measured.

    Attributes:
        label: the stage name, or its index as BuildKit numbers it; for an image or archive
            read without a Dockerfile, the image's tag or short id.
        index: the stage's 0-based index in the Dockerfile, or ``None``.
        image_id: ``sha256:...`` of the image.
        tag: the tag the image carries after the run (kept images), or ``None``.
        base: the base: an image reference, ``scratch``, ``stage <label>``, or ``None``.
        size: bytes (docker's count; what ``docker image inspect`` reports for an unpacked
            image).
        base_size: bytes of the base's layers, ``None`` when unknown.
        added_size: bytes the stage adds on top of its base (``size - base_size``).
        diff_to_final: ``size`` minus the final image's size.
        is_final: this stage is the final image.
        reaches_final: the final image builds on or copies from this stage.
        engine_size: ``docker image inspect``'s ``Size`` when read from an engine.
        steps: per layer, what made it.
        analysis: the stacked layers' figures.
        image: the image as read (its layer indexes).
    """

    label: str
    index: int | None
    image_id: str
    tag: str | None
    base: str | None
    size: int
    base_size: int | None
    added_size: int | None
    diff_to_final: int
    is_final: bool
    reaches_final: bool
    engine_size: int | None
    steps: tuple[Step, ...]
    analysis: ImageAnalysis
    image: ArchiveImage


@record(eq=False)
class CostedFinding:
    """A lint finding and the bytes behind it.

    Attributes:
        finding: the finding as ``dockwise lint`` reports it.
        cost: its byte cost, or ``None`` when the image shows none.
        in_final_image: the bytes are in the final image (not only in a builder stage);
            ``None`` without a cost.
        note: why a cost could not be computed (``stage 'test' was not built``), or ``None``.
    """

    finding: Finding
    cost: Cost | None = None
    in_final_image: bool | None = None
    note: str | None = None

    @property
    def bytes(self) -> int | None:
        """The cost in bytes, or ``None``."""
        return self.cost.bytes if self.cost is not None else None


@record(eq=False)
class SizeReport:
    """Everything ``dockwise size`` reports.

    Attributes:
        mode: ``build``, ``image`` or ``archive``.
        subject: the Dockerfile, image reference or archive path measured.
        dockerfile: the Dockerfile used for attribution, or ``None``.
        builder: ``legacy`` or ``buildkit`` for a build, else ``None``.
        stages: every stage measured, in Dockerfile order (the final one included).
        final: the final image's stage.
        findings: lint findings with byte costs, costliest first.
        lint_error: why the Dockerfile could not be linted, or ``None``.
        thresholds: each threshold checked.
        threshold_source: the ``.dive-ci`` file dive's rules came from, or ``None``.
        kept_images: tags left in the engine (``--keep-images``).
    """

    mode: str
    subject: str
    dockerfile: str | None
    builder: str | None
    stages: tuple[StageSize, ...]
    final: StageSize
    findings: tuple[CostedFinding, ...] = ()
    lint_error: str | None = None
    thresholds: tuple[ThresholdResult, ...] = ()
    threshold_source: str | None = None
    kept_images: tuple[str, ...] = ()

    @property
    def passed(self) -> bool:
        """``True`` when no threshold failed."""
        return all(t.passed for t in self.thresholds)


def _base_text(stage: Stage | None) -> str | None:
    if stage is None:
        return None
    if stage.parent is not None:
        return f"stage {stage.parent.label}"
    if stage.base is None:
        return None
    return "scratch" if stage.base.is_scratch else stage.base.text


def stage_size(image: ArchiveImage, *, label: str, model: Model | None = None,
               stage: Stage | None = None, base_entries: int | None = None,
               inherited: Sequence[Step] = (), tag: str | None = None,
               engine_size: int | None = None, is_final: bool = True,
               reaches_final: bool = True) -> StageSize:
    """Analyse one image and attribute its layers (see :func:`~dockwise.image.attribution.
    attribute` for ``base_entries`` and ``inherited``).

    Raises:
        ImageError: the layers cannot be analysed (the message names the image).
    """
    try:
        analysis = analyze(image.layers)
    except ImageError as exc:
        raise ImageError(f"{image.label}: {exc.message}") from None
    steps = attribute(image.history, len(image.layers), model, stage, base_entries, inherited)
    if base_entries is not None:
        base_layers: int | None = sum(1 for s in steps if s.history is not None and
                                      s.history < base_entries)
    elif any(s.origin != "unknown" for s in steps):
        base_layers = next((i for i, s in enumerate(steps) if s.origin != BASE), len(steps))
    else:
        base_layers = None
    base_size = None if base_layers is None else \
        sum(layer.size for layer in analysis.layers[:base_layers])
    return StageSize(label, stage.index if stage is not None else None, image.id, tag,
                     _base_text(stage), analysis.size, base_size,
                     None if base_size is None else analysis.size - base_size, 0, is_final,
                     reaches_final, engine_size, tuple(steps), analysis, image)


def _finish(stages: list[StageSize]) -> StageSize:
    final = next((s for s in stages if s.is_final), stages[-1])
    for s in stages:
        s.diff_to_final = s.size - final.size
    return final


def _load_model(dockerfile: Path, context: Path | None, target: str | None,
                build_args: Mapping[str, str]) -> Model:
    from dockwise.syntax.parser import InputError, parse

    try:
        data = read_bytes(dockerfile, limit=MAX_DOCKERFILE_BYTES)
    except OSError as exc:
        raise ImageError(f"{dockerfile}: cannot read ({exc.strerror or exc})") from None
    try:
        tree = parse(data, str(dockerfile))
    except InputError as exc:
        raise ImageError(f"{dockerfile}: {exc.message}") from None
    ctx = BuildContext(context or dockerfile.parent, dockerfile)
    model = Model(tree, ctx, target=target, build_args=build_args)
    if not model.stages:
        raise ImageError(f"{dockerfile}: no FROM instruction, nothing to build")
    if target is not None and model.stage_named(target) is None:
        names = ", ".join(s.name for s in model.stages if s.name) or "none"
        raise ImageError(f"{dockerfile}: no stage named {target!r} (named stages: {names})")
    return model


def lint_findings(dockerfile: Path, context: Path | None, target: str | None,
                  config_path: Path | None = None) -> tuple[list[Finding], str | None]:
    """Lint the Dockerfile as ``dockwise lint`` would (same configuration search).

    Returns:
        the findings, and an error message when the file or its configuration could not be
        used (then no findings).
    """
    from dockwise.config import ConfigError, ConfigResolver
    from dockwise.engine import Linter, UnknownRuleError

    try:
        config = ConfigResolver(config_path).for_file(dockerfile)
        linter = Linter(config, target=target, context=context)
    except (ConfigError, UnknownRuleError) as exc:
        return [], str(exc)
    result = linter.lint_path(dockerfile)
    return result.findings, result.error


def cost_findings(findings: Sequence[Finding], model: Model,
                  stages: Mapping[str, StageSize], final: StageSize) -> list[CostedFinding]:
    """Attach byte costs to findings (see :mod:`dockwise.image.attribution`); costliest
    first, then findings without a cost in file order."""
    final_stage = model.final_stage
    final_lineage = final_stage.lineage if final_stage is not None else []
    out: list[CostedFinding] = []
    for f in findings:
        rule = f.rule_id
        instr = instruction_at(model, f.line)
        if rule in FINAL_IMAGE_COSTS:
            cost = final_image_cost(rule, final.analysis)
            out.append(CostedFinding(f, cost, True))
            continue
        wants_layer = (rule in PACKAGE_CACHES and isinstance(instr, n.Run)) or \
            (rule in DOCKERIGNORE_RULES and instr is not None and
             model.context_copy_source(instr) is not None)
        if not wants_layer or instr is None:
            out.append(CostedFinding(f))
            continue
        owner = model.stage_of(instr)
        measured = stages.get(owner.label) if owner is not None else None
        if owner is None or measured is None:
            what = owner.label if owner is not None else "?"
            out.append(CostedFinding(f, note=f"stage {what} was not built"))
            continue
        index = layer_of(measured.steps, instr)
        if index is None:
            out.append(CostedFinding(f, note=f"no layer of stage {owner.label} comes from "
                                     f"line {instr.span.start_line}"))
            continue
        layer = measured.image.layers[index]
        in_final = owner in final_lineage
        if rule in PACKAGE_CACHES:
            cost = cache_cost(rule, layer, index)
        else:
            dest = copy_destination(model, instr)
            if dest is None:
                out.append(CostedFinding(f, note="the COPY destination is not known"))
                continue
            cost = dockerignore_cost(layer, index, dest)
        out.append(CostedFinding(f, cost, in_final))
    out.sort(key=lambda c: (c.bytes is None, -(c.bytes or 0), c.finding.sort_key()))
    return out


def _thresholds(report_stages: Sequence[StageSize], final: StageSize,
                thresholds: Thresholds | None) -> tuple[ThresholdResult, ...]:
    if thresholds is None or not thresholds.any:
        return ()
    dive = final.analysis.dive
    return tuple(evaluate(thresholds, final_size=final.size,
                          stage_sizes={s.label: s.size for s in report_stages},
                          efficiency=dive.efficiency, wasted_bytes=dive.wasted_bytes,
                          user_wasted_percent=dive.user_wasted_percent))


def cut_after(model: Model, stage: Stage) -> str | None:
    """The Dockerfile text up to the end of ``stage`` (line numbers unchanged), so that its
    last stage is ``stage``; ``None`` when ``stage`` is already the last one."""
    following = [s for s in model.stages if s.index > stage.index]
    if not following:
        return None
    stop = following[0].from_.span.start_line
    lines = model.dockerfile.lines[:stop - 1]
    return "\n".join(lines) + "\n"


def measure_build(dockerfile: Path, context: Path, *, target: str | None = None,
                  build_args: Mapping[str, str] | None = None, all_stages: bool = False,
                  builder: str = "legacy", network: str | None = None, pull: bool = False,
                  keep_images: bool = False, thresholds: Thresholds | None = None,
                  config_path: Path | None = None,
                  progress: Progress | None = None) -> SizeReport:
    """Build every stage that reaches the final image (every stage with ``all_stages``),
    measure each, and remove the images unless ``keep_images``.

    Raises:
        ImageError: the Dockerfile cannot be read, a stage does not build, the engine is
            unreachable (the images built so far are removed first).
        ThresholdError: a threshold names a stage that was not built.
    """
    from dockwise.image.engine import BuildFailure, Engine

    args = dict(build_args or {})
    model = _load_model(dockerfile, context, target, args)
    findings, lint_error = lint_findings(dockerfile, context, target, config_path)
    wanted = [s for s in model.stages if all_stages or s.reaches_final]
    if progress:
        progress("connecting to the Docker engine")
    eng = Engine()
    measured: dict[str, StageSize] = {}
    saved: dict[str, ArchiveImage] = {}
    kept: list[str] = []
    try:
        for stage in wanted:
            label = stage.label
            text = None if stage.name is not None else cut_after(model, stage)
            if progress:
                progress(f"building stage {label}")

            def on_line(_stage: str, line: str) -> None:
                """Show the build's output as it comes."""
                if progress:
                    progress(line)

            try:
                image_id = eng.build(context=context, dockerfile=dockerfile, text=text,
                                     target=stage.name, stage=label, build_args=args,
                                     network=network, pull=pull, builder=builder,
                                     progress=on_line)
            except BuildFailure as exc:
                raise BuildFailure(f"{_step_place(model, dockerfile, exc)}{exc.message}",
                                   exc.detail, exc.step, exc.stage_step) from None
            if progress:
                progress(f"reading the image of stage {label}")
            image = saved.get(image_id)
            if image is None:
                image = saved[image_id] = eng.save(image_id, f"stage {label} ({image_id[7:19]})")
            info = eng.inspect(image_id) or {}
            base_entries, inherited = _base_history(eng, stage, measured, saved)
            tag = next((t for t in eng.tags if t.endswith(f":{label}")), None)
            measured[label] = stage_size(
                image, label=label, model=model, stage=stage, base_entries=base_entries,
                inherited=inherited, tag=tag if keep_images else None,
                engine_size=info.get("Size"), is_final=stage.is_final,
                reaches_final=stage.reaches_final)
        if keep_images:
            kept = list(eng.tags)
    finally:
        if not keep_images:
            if progress:
                progress("removing the images this run built")
            eng.cleanup()
    stages = list(measured.values())
    final = _finish(stages)
    costed = cost_findings(findings, model, measured, final)
    return SizeReport("build", str(dockerfile), str(dockerfile), builder, tuple(stages), final,
                      tuple(costed), lint_error, _thresholds(stages, final, thresholds),
                      thresholds.source if thresholds else None, tuple(kept))


def _step_place(model: Model, dockerfile: Path, failure: BuildFailure) -> str:
    """``Dockerfile:12: `` for a failed step: the legacy builder's step number is the
    step-th instruction; BuildKit's ``[name k/n]`` the k-th of that stage, FROM first."""
    line = None
    instructions = model.dockerfile.instructions
    if failure.step is not None and 0 < failure.step <= len(instructions):
        line = instructions[failure.step - 1].span.start_line
    elif failure.stage_step is not None:
        name, k = failure.stage_step
        stage = model.stage_named(name)
        if stage is None and name.startswith("stage-") and name[6:].isdigit() and \
                int(name[6:]) < len(model.stages):
            stage = model.stages[int(name[6:])]
        if stage is not None and 0 < k <= len(stage.instructions) + 1:
            line = (stage.from_ if k == 1 else stage.instructions[k - 2]).span.start_line
    return f"{dockerfile}:{line}: " if line is not None else f"{dockerfile}: "


def _base_history(eng: Engine, stage: Stage, measured: Mapping[str, StageSize],
                  saved: Mapping[str, ArchiveImage]) -> tuple[int | None, Sequence[Step]]:
    """How many history entries the stage's base has (``None`` when the engine cannot tell:
    BuildKit may not keep the base image), and the parent stage's steps."""
    if stage.parent is not None:
        parent = measured.get(stage.parent.label)
        if parent is not None:
            return len(saved[parent.image_id].history), parent.steps
        return None, ()
    base = stage.base
    if base is None or not base.known:
        return None, ()
    if base.is_scratch:
        return 0, ()
    if eng.inspect(base.text) is None:
        return None, ()
    return len(eng.history(base.text)), ()


def _single(image: ArchiveImage, mode: str, subject: str, dockerfile: Path | None,
            context: Path | None, target: str | None, build_args: Mapping[str, str],
            thresholds: Thresholds | None, config_path: Path | None,
            engine_size: int | None = None) -> SizeReport:
    model = None
    stage = None
    findings: list[Finding] = []
    lint_error = None
    if dockerfile is not None:
        model = _load_model(dockerfile, context, target, build_args)
        stage = model.final_stage
        findings, lint_error = lint_findings(dockerfile, context, target, config_path)
    label = stage.label if stage is not None else image.label
    measured = stage_size(image, label=label, model=model, stage=stage, engine_size=engine_size)
    final = _finish([measured])
    costed = cost_findings(findings, model, {label: measured}, final) if model else []
    return SizeReport(mode, subject, str(dockerfile) if dockerfile else None, None,
                      (measured,), final, tuple(costed), lint_error,
                      _thresholds([measured], final, thresholds),
                      thresholds.source if thresholds else None)


def measure_image(ref: str, *, dockerfile: Path | None = None, context: Path | None = None,
                  target: str | None = None, build_args: Mapping[str, str] | None = None,
                  thresholds: Thresholds | None = None, config_path: Path | None = None,
                  progress: Progress | None = None) -> SizeReport:
    """Measure an image already in the engine (attributed to ``dockerfile`` when given).

    Raises:
        ImageError: no engine, no such image, or an unreadable stream.
    """
    from dockwise.image.engine import Engine

    if progress:
        progress("connecting to the Docker engine")
    eng = Engine()
    info = eng.inspect(ref)
    if info is None:
        raise ImageError(f"no image {ref!r} in the engine at {eng.host}")
    if progress:
        progress(f"reading {ref}")
    image = eng.save(info["Id"], ref)
    if not image.tags:
        image.tags = tuple(t for t in info.get("RepoTags") or () if isinstance(t, str))
    return _single(image, "image", ref, dockerfile, context, target, build_args or {},
                   thresholds, config_path, info.get("Size"))


def measure_archive(path: Path, *, image_ref: str | None = None,
                    dockerfile: Path | None = None, context: Path | None = None,
                    target: str | None = None, build_args: Mapping[str, str] | None = None,
                    thresholds: Thresholds | None = None, config_path: Path | None = None,
                    progress: Progress | None = None) -> SizeReport:
    """Measure an image from a ``docker save`` tar or an OCI layout (dir or tar); no engine.

    Raises:
        ImageError: unreadable, truncated or inconsistent archive; several images and no
            ``image_ref``; no such image.
    """
    if progress:
        progress(f"reading {path}")
    image = select_image(read_archive(path), image_ref, str(path))
    try:
        return _single(image, "archive", str(path), dockerfile, context, target,
                       build_args or {}, thresholds, config_path)
    except ImageError as exc:
        if exc.message.startswith(str(path)):
            raise
        raise ImageError(f"{path}: {exc.message}", exc.detail) from None
