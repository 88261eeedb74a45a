"""Who made each byte: history entries -> layers -> stages and Dockerfile instructions, and
lint findings -> the bytes behind them.

**Layers and history.** An image config's ``history`` has one entry per build step; entries
with ``empty_layer`` made no layer (ENV, WORKDIR...). The non-empty entries, in order, are the
layers, in order (dive and ``docker history`` pair them the same way). An image without
history, or with fewer entries than layers, leaves the rest unattributed.

**History and instructions.** The two builders record a step differently (checked against
real builds, Docker Engine 20.10):

* legacy builder: ``/bin/sh -c #(nop)  ENV A=b``, ``/bin/sh -c #(nop) COPY file:<hash> in
  /dst``, and for RUN the command as run: ``/bin/sh -c make``, ``|1 X=9 /bin/sh -c make``
  (build arguments first), ``/bin/busybox touch /y`` (exec form); every instruction makes an
  entry, ONBUILD too;
* BuildKit (``comment`` ``buildkit.dockerfile.v0``): ``ENV A=b``, ``COPY a.txt /a.txt #
  buildkit`` (flags dropped), ``RUN /bin/sh -c make # buildkit``; ONBUILD makes no entry.

Both run a base stage's ONBUILD triggers right after the base's entries. :func:`align` pairs
entries with a stage's instructions (its own and those of the stages it is built ``FROM``) by
keyword, preferring pairs whose text matches too (the RUN command, the COPY destination), and
anchored at the end of the history: the last instructions made the last entries. Entries
before the first paired one belong to the base image (or, when the base's own history
length is known, are ONBUILD triggers).

**Findings and bytes** (:func:`finding_cost`): a finding gets a byte cost where the image shows
one. Package-manager caches left in the layer of the RUN a rule flags (``/var/cache/apk`` for
DL3019...), a Go toolchain or module/build cache in the final image for the Go rules, and the
files a ``COPY . .`` brought in that a ``.dockerignore`` would have kept out (DW301). Other
findings have no byte cost.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from dockwise.image.analysis import ImageAnalysis
from dockwise.image.layers import HARDLINK, LayerIndex
from dockwise.model import Model, Stage
from dockwise.record import record
from dockwise.syntax import nodes as n
from dockwise.syntax.parser import INSTRUCTIONS

BUILDKIT_COMMENT = "buildkit.dockerfile.v0"
_KEYWORDS = frozenset(i.upper() for i in INSTRUCTIONS)
_NOP_RE = re.compile(r"#\(nop\)\s*([A-Za-z]+)\s*(.*)$", re.DOTALL)
_ARGS_PREFIX_RE = re.compile(r"^\|(\d+)\s+")
_WS_RE = re.compile(r"\s+")

BASE, INSTRUCTION, ONBUILD, UNKNOWN = "base", "instruction", "onbuild", "unknown"

#: Rule id -> directories (relative to the image root) whose bytes in the flagged RUN's layer
#: are that finding's cost: package-manager caches.
PACKAGE_CACHES: dict[str, tuple[str, ...]] = {
    "DL3019": ("var/cache/apk", "etc/apk/cache"),          # apk add without --no-cache
    "DL3009": ("var/lib/apt/lists", "var/cache/apt"),      # apt lists not deleted
    "DL3042": ("root/.cache/pip",),                        # pip install without --no-cache-dir
    "DL3060": ("usr/local/share/.cache/yarn", "root/.cache/yarn"),  # yarn cache not cleaned
}
#: Directories of a Go toolchain and its caches, costed in the final image.
GO_TOOLCHAIN = ("usr/local/go", "go/pkg/mod", "root/.cache/go-build")
#: Rule id -> (cost kind, directories) costed against the final image's file system.
FINAL_IMAGE_COSTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "DW101": ("go-toolchain", GO_TOOLCHAIN),   # final image based on golang
    "DW102": ("go-toolchain", GO_TOOLCHAIN),   # go build in the final stage
}
#: What a .dockerignore would at least exclude: version-control data, the guide's tmp
#: directory, editor files and local secrets (Docker's pattern syntax).
DEFAULT_IGNORE = (".git", ".hg", ".svn", "tmp", ".idea", ".vscode", ".env", "**/.DS_Store",
                  "**/*.swp")
DOCKERIGNORE_RULES = frozenset({"DW301"})


@record
class Step:
    """What made one layer of an image.

    Attributes:
        layer: the layer's index, bottom first.
        history: index of its history entry, or ``None`` when the history has none.
        created_by: the entry's ``created_by`` text (``""`` when absent).
        origin: ``base`` (the base image), ``instruction`` (a Dockerfile instruction),
            ``onbuild`` (a base image's ONBUILD trigger) or ``unknown``.
        stage: label of the stage whose instruction made it, when ``instruction``.
        line: 1-based line of that instruction.
        end_line: its last line.
        instruction: the instruction's first line as written (``RUN apk add curl``).
    """

    layer: int
    history: int | None
    created_by: str
    origin: str
    stage: str | None = None
    line: int | None = None
    end_line: int | None = None
    instruction: str | None = None


def parse_created_by(created_by: str, comment: str = "") -> tuple[str | None, str]:
    """The instruction keyword and argument text a history entry records.

    ``("RUN", "/bin/sh -c make")`` for both builders' RUN entries, ``("ENV", "A=b")``,
    ``("COPY", "file:<hash> in /dst")`` (legacy) or ``("COPY", "a.txt /a.txt")``
    (BuildKit); ``(None, "")`` for an entry with no command (``docker import``).
    """
    text = created_by.strip()
    if not text:
        return None, ""
    buildkit = comment == BUILDKIT_COMMENT
    if text.endswith("# buildkit"):
        text = text[:-len("# buildkit")].rstrip()
        buildkit = True
    if buildkit:
        word, _, rest = text.partition(" ")
        if word.upper() in _KEYWORDS:
            return word.upper(), rest.strip()
    m = _NOP_RE.search(text)
    if m and m.group(1).upper() in _KEYWORDS:
        return m.group(1).upper(), m.group(2).strip()
    word, _, rest = text.partition(" ")
    if word.upper() in _KEYWORDS and word.isupper():
        return word, rest.strip()  # other builders (kaniko: "COPY a b")
    return "RUN", text


def _norm(text: str) -> str:
    return _WS_RE.sub(" ", text).strip()


def _strip_build_args(text: str) -> str:
    m = _ARGS_PREFIX_RE.match(text)
    if not m:
        return text
    rest = text[m.end():]
    for _ in range(int(m.group(1))):
        _, _, rest = rest.partition(" ")
    return rest


def _texts_match(instr: n.Instruction, keyword: str, text: str) -> bool:
    """Whether an entry's text records this very instruction (beyond its keyword)."""
    if keyword == "RUN" and isinstance(instr, n.Run):
        ran = _norm(_strip_build_args(text))
        if instr.is_exec:
            return ran == _norm(" ".join(instr.argv)) or ran.endswith(" " + _norm(
                " ".join(instr.argv)))
        cmd = instr.command.text if instr.command is not None else ""
        return bool(cmd) and ran.endswith(_norm(cmd))
    if keyword in ("COPY", "ADD") and isinstance(instr, n.FileTransfer):
        dest = instr.destination
        return dest is not None and bool(text) and \
            text.split()[-1].strip("'\"") == dest.text.strip("'\"")
    return _norm(text) == _norm(instr.args)


def align(instructions: Sequence[n.Instruction],
          entries: Sequence[tuple[str | None, str]]) -> list[int | None]:
    """Pair history entries with the instructions that made them.

    Args:
        instructions: in build order (a stage's lineage: the root stage's first).
        entries: ``(keyword, text)`` per history entry (see :func:`parse_created_by`).

    Returns:
        per entry, the index of its instruction or ``None``. Pairs keep both orders; the
        pairing maximises the number of keyword matches, then of text matches, and among
        equals pairs the last entries with the last instructions.
    """
    ni, ne = len(instructions), len(entries)
    if not ni or not ne:
        return [None] * ne
    rev_i = [(ins.name, ins) for ins in reversed(instructions)]
    rev_e = list(reversed(entries))

    def score(i: int, j: int) -> int:
        kw_i, ins = rev_i[i]
        kw_e, text = rev_e[j]
        if kw_e is None or kw_i != kw_e:
            return 0
        return 3 if _texts_match(ins, kw_e, text) else 2

    # best[i][j]: best score pairing rev_i[i:] with rev_e[j:]
    best = [[0] * (ne + 1) for _ in range(ni + 1)]
    for i in range(ni - 1, -1, -1):
        row, below = best[i], best[i + 1]
        for j in range(ne - 1, -1, -1):
            s = score(i, j)
            value = max(below[j], row[j + 1])
            if s and s + below[j + 1] > value:
                value = s + below[j + 1]
            row[j] = value
    out: list[int | None] = [None] * ne
    i = j = 0
    while i < ni and j < ne:
        s = score(i, j)
        if s and best[i][j] == s + best[i + 1][j + 1]:
            out[ne - 1 - j] = ni - 1 - i
            i += 1
            j += 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    return out


def layer_history(history: Sequence[dict[str, Any]], layer_count: int) -> list[int | None]:
    """Per layer, the index of the history entry that made it (dive's pairing: non-empty
    entries in order), ``None`` past the end of the history."""
    out: list[int | None] = []
    k = 0
    for _ in range(layer_count):
        while k < len(history) and history[k].get("empty_layer"):
            k += 1
        out.append(k if k < len(history) else None)
        k += 1
    return out


def lineage_instructions(stage: Stage) -> list[n.Instruction]:
    """The instructions an image of ``stage`` ran: those of every stage it is built
    ``FROM`` (root first), then its own."""
    out: list[n.Instruction] = []
    for st in reversed(stage.lineage):
        out.extend(st.instructions)
    return out


def first_line(instr: n.Instruction, width: int = 80) -> str:
    """The instruction as written, continuation lines joined, shortened to ``width``."""
    text = _norm(instr.line_text)
    return text if len(text) <= width else text[:width - 1] + "…"


def attribute(history: Sequence[dict[str, Any]], layer_count: int, model: Model | None,
              stage: Stage | None, base_entries: int | None = None,
              inherited: Sequence[Step] = ()) -> list[Step]:
    """What made each of an image's layers.

    Args:
        history: the image config's history entries.
        layer_count: number of layers.
        model: the Dockerfile's model, or ``None`` when no Dockerfile is known.
        stage: the stage this image is.
        base_entries: how many history entries the stage's base (an image, or the image of
            the stage it is built ``FROM``) has, when known. Only the stage's own
            instructions are then paired, with the entries after those; entries there that
            pair with nothing before the first paired one are ONBUILD triggers. When
            unknown, the instructions of the stage and of every stage it is built ``FROM``
            are paired with the whole history.
        inherited: the steps of the parent stage's image, reused for its layers.
    """
    parsed = [parse_created_by(str(h.get("created_by") or ""), str(h.get("comment") or ""))
              for h in history]
    paired: list[int | None] = [None] * len(history)
    instructions: list[n.Instruction] = []
    known_base = base_entries is not None and base_entries <= len(history)
    if model is not None and stage is not None:
        if known_base:
            instructions = list(stage.instructions)
            paired[base_entries:] = align(instructions, parsed[base_entries:])
        else:
            instructions = lineage_instructions(stage)
            paired = align(instructions, parsed)
    first = next((k for k, p in enumerate(paired) if p is not None), None)
    steps = []
    for layer, k in enumerate(layer_history(history, layer_count)):
        if k is None:
            steps.append(Step(layer, None, "", UNKNOWN))
            continue
        entry = history[k]
        created = str(entry.get("created_by") or "") or \
            (f"({entry['comment']})" if entry.get("comment") else "")
        p = paired[k]
        if known_base and k < base_entries:  # type: ignore[operator]
            if layer < len(inherited) and inherited[layer].history == k:
                steps.append(inherited[layer])
            else:
                steps.append(Step(layer, k, created, BASE))
        elif p is not None and model is not None:
            instr = instructions[p]
            owner = model.stage_of(instr)
            steps.append(Step(layer, k, created, INSTRUCTION,
                              owner.label if owner is not None else None, instr.span.start_line,
                              instr.span.end_line, first_line(instr)))
        elif not known_base and first is not None and k < first:
            steps.append(Step(layer, k, created, BASE))
        elif known_base and first is not None and k < first:
            steps.append(Step(layer, k, created, ONBUILD))
        else:
            steps.append(Step(layer, k, created, UNKNOWN))
    return steps


# -- findings -> bytes -------------------------------------------------------------------------


@record
class Cost:
    """The bytes behind one finding.

    Attributes:
        kind: ``package-cache``, ``go-toolchain`` or ``dockerignore``.
        bytes: the total.
        paths: ``(directory or pattern, bytes)`` pairs making it up, largest first.
        layer: index of the layer holding them in the stage's image, or ``None`` when the
            cost is counted on the final file system.
    """

    kind: str
    bytes: int
    paths: tuple[tuple[str, int], ...]
    layer: int | None = None


def instruction_at(model: Model, line: int) -> n.Instruction | None:
    """The top-level instruction spanning 1-based ``line``, or ``None``."""
    for instr in model.dockerfile.instructions:
        if instr.span.start_line <= line <= instr.span.end_line:
            return instr
        if instr.span.start_line > line:
            break
    return None


def layer_of(steps: Sequence[Step], instr: n.Instruction) -> int | None:
    """The layer an instruction made in an image, from that image's steps."""
    for s in steps:
        if s.origin == INSTRUCTION and s.line == instr.span.start_line:
            return s.layer
    return None


def _sorted_paths(found: dict[str, int]) -> tuple[tuple[str, int], ...]:
    return tuple(sorted((("/" + k, v) for k, v in found.items() if v),
                        key=lambda kv: (-kv[1], kv[0])))


def cache_cost(rule_id: str, layer: LayerIndex, index: int) -> Cost | None:
    """Package-cache bytes a layer keeps, for a rule in :data:`PACKAGE_CACHES`."""
    dirs = PACKAGE_CACHES.get(rule_id)
    if dirs is None:
        return None
    found = layer.bytes_under(dirs)
    return Cost("package-cache", sum(found.values()), _sorted_paths(found), index)


def final_image_cost(rule_id: str, final: ImageAnalysis) -> Cost | None:
    """Bytes in the final file system, for a rule in :data:`FINAL_IMAGE_COSTS`."""
    spec = FINAL_IMAGE_COSTS.get(rule_id)
    if spec is None:
        return None
    kind, dirs = spec
    found = final.visible_bytes_under(dirs)
    return Cost(kind, sum(found.values()), _sorted_paths(found))


def copy_destination(model: Model, instr: n.Instruction) -> str | None:
    """Where a COPY/ADD puts files, relative to the root (``app`` for ``COPY . .`` under
    ``WORKDIR /app``), or ``None`` when unknown."""
    if not isinstance(instr, n.FileTransfer) or instr.destination is None:
        return None
    exp = model.expand(instr.destination.text.strip("'\""), instr)
    if not exp.known:
        return None
    dest = exp.text
    if not dest.startswith("/"):
        dest = (model.state(instr).workdir or "/").rstrip("/") + "/" + dest
    parts: list[str] = []
    for part in dest.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if parts:
                parts.pop()
            continue
        parts.append(part)
    return "/".join(parts)


def dockerignore_cost(layer: LayerIndex, index: int, destination: str,
                      patterns: Sequence[str] = DEFAULT_IGNORE) -> Cost:
    """Bytes a COPY layer holds under ``destination`` that ``patterns`` (Docker's
    ``.dockerignore`` syntax, see :mod:`dockwise.dockerignore`) would have excluded."""
    from dockwise.dockerignore import DockerignoreMatcher, read_patterns

    matcher = DockerignoreMatcher(read_patterns("\n".join(patterns)))
    prefix = destination + "/" if destination else ""
    found: dict[str, int] = {}
    for path, (kind, size) in layer.entries.items():
        if kind == HARDLINK or not size or not path.startswith(prefix):
            continue
        rel = path[len(prefix):]
        if not matcher.matches(rel):
            continue
        top = rel.split("/", 1)[0]
        key = (destination + "/" + top) if destination else top
        found[key] = found.get(key, 0) + size
    return Cost("dockerignore", sum(found.values()), _sorted_paths(found), index)
