"""Stacking an image's layers: sizes, dive's efficiency figures, and reclaimable bytes.

:func:`analyze` takes the layers of one image, bottom first, and computes two views of waste.

**dive's figures**, with dive's own definitions (dive 0.13, ``filetree/efficiency.go`` and
``image/analysis.go``), so that numbers match what users see in dive and ``.dive-ci``
thresholds mean the same:

* every *leaf* of every layer's file tree (a node without children in that layer) is a
  reference to its path; a whiteout leaf refers to the path it deletes and weighs, when that
  path is a directory in the layers below, the sizes of everything under it, else 0;
* per path: ``cumulative`` = the sum of its references' sizes, ``minimum`` = the smallest;
* efficiency = sum of minimums / sum of cumulatives over all paths (1.0 when nothing);
* wasted bytes = the sum of ``cumulative`` over paths referenced more than once;
* user-wasted percent = wasted bytes / the size of every layer but the first (a ratio, 0-1
  for sane images; NaN or infinity when the image has one layer, as in dive);
* sizes are dive's: the sum of the tar headers' size fields.

dive's known faults follow from these definitions and are kept in its figures on purpose: a
file stored twice counts twice (the copy that stays in the image is "wasted" too), a deleted
directory is usually not counted (its path was not a leaf below), opaque directories are
ignored, and a whiteout whose target dive cannot find stops dive's walk of that layer.

**dockwise's reclaimable bytes**, the bytes the image stores that nobody can see: every
version of a path that a later layer hides, by overwriting it, deleting it (a whiteout,
with everything below a deleted directory) or by making a directory above it opaque. A path
stored N times and still present costs N-1 copies; a deleted one costs all N. Hard links keep
their data alive until the last name for it is hidden. Sizes here are docker's (see
:mod:`dockwise.image.layers`), so ``size - reclaimable`` is what the final file system holds.
Each hidden version is attributed to the layer that wrote it and the layer that hid it.

Everything is linear in the number of paths: per layer one pass over its entries, and a
child index per directory so that deleting a directory visits only what is under it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from dockwise.image import ImageError
from dockwise.image.layers import (
    DIR,
    FILE,
    HARDLINK,
    LayerIndex,
    bytes_under,
    dive_size,
    docker_size,
    whiteout_target,
)
from dockwise.record import field, record

OVERWRITTEN, DELETED, OPAQUE = "overwritten", "deleted", "opaque"


@record
class LayerStats:
    """One layer of an analysed image.

    Attributes:
        index: 0-based position in the image, bottom first.
        digest: the layer's ``diff_id`` when known.
        size: bytes, as docker counts them.
        tar_size: bytes, as dive counts them.
        files: paths the layer stores (files, directories, links).
        whiteouts: paths it deletes (whiteout files and opaque directories).
        hidden_bytes: bytes of this layer that later layers overwrite or delete.
        hidden_files: how many of its files later layers overwrite or delete.
    """

    index: int
    digest: str
    size: int
    tar_size: int
    files: int
    whiteouts: int
    hidden_bytes: int = 0
    hidden_files: int = 0


@record
class WasteItem:
    """Bytes one layer hides at one path.

    Attributes:
        path: ``/etc/big`` for an overwritten or deleted file, the directory for a deleted
            directory or an opaque one (its hidden contents are summed).
        kind: ``overwritten``, ``deleted`` or ``opaque``.
        bytes: hidden bytes (docker's count).
        files: hidden file versions (directories not counted).
        hidden_by: index of the layer that hides them.
        written_by: ``(layer index, bytes)`` pairs, largest first: which layers stored them.
    """

    path: str
    kind: str
    bytes: int
    files: int
    hidden_by: int
    written_by: tuple[tuple[int, int], ...]


@record
class DivePath:
    """A path dive reports as inefficient (referenced by several layers).

    Attributes:
        path: as dive prints it (``/etc/passwd``).
        count: references (layer leaves) to it.
        bytes: the cumulative size of those references.
    """

    path: str
    count: int
    bytes: int


@record
class DiveFigures:
    """dive's image figures (see the module docstring for the definitions).

    Attributes:
        efficiency: the score, 0-1.
        wasted_bytes: dive's "wastedBytes".
        user_wasted_percent: dive's "userWastedPercent", a ratio (0.25 is 25 %); ``nan`` or
            ``inf`` when the image has no bytes above its first layer.
        size: the image size by dive's count.
        user_size: the size of every layer but the first, by dive's count.
        inefficient: the paths behind ``wasted_bytes``, largest first.
    """

    efficiency: float
    wasted_bytes: int
    user_wasted_percent: float
    size: int
    user_size: int
    inefficient: tuple[DivePath, ...] = ()


@record(eq=False)
class ImageAnalysis:
    """Everything :func:`analyze` found about one image.

    Attributes:
        layers: per-layer statistics, bottom first.
        size: the image's size (sum of layer sizes, docker's count).
        reclaimable: bytes stored in the layers but hidden in the final file system.
        waste: what hides them, largest first.
        dive: dive's figures.
        visible: the final file system: path -> ``(layer index, kind, size)``.
    """

    layers: tuple[LayerStats, ...]
    size: int
    reclaimable: int
    waste: tuple[WasteItem, ...]
    dive: DiveFigures
    visible: dict[str, tuple[int, str, int]] = field(default_factory=dict)

    def visible_bytes_under(self, prefixes: Iterable[str]) -> dict[str, int]:
        """Bytes of the final file system under each directory in ``prefixes`` (paths
        relative to the root); directories holding nothing are left out."""
        return bytes_under(((p, k, s) for p, (_, k, s) in self.visible.items()), prefixes)


def _parent(path: str) -> str:
    return path.rpartition("/")[0]


#: The most characters of directory names the analysis creates for directories that have no
#: tar entry of their own (the parents of ``a/b/c`` are ``a/b`` and ``a``). A path ``n``
#: directories deep brings ``n`` such names of up to its length: a crafted layer with one
#: entry 40,000 directories deep took 4.7 GB. Real layers list their directories: the size
#: benchmark's image (43,236 entries) needs 15 characters.
MAX_PARENT_CHARS = 64 * 1024 * 1024


class _ParentBudget:
    """Counts the characters of created parent directory names; raises :class:`ImageError`
    past :data:`MAX_PARENT_CHARS`."""

    def __init__(self) -> None:
        self.left = MAX_PARENT_CHARS

    def spend(self, path: str) -> None:
        self.left -= len(path)
        if self.left < 0:
            raise ImageError(f"the layers hold paths too deep to analyse (more than "
                             f"{MAX_PARENT_CHARS:,} characters of directory names)")


# -- dockwise's reclaimable bytes ------------------------------------------------------------


class _Hider:
    """The visible file system while layers are applied, and what each layer hides."""

    def __init__(self, layers: list[LayerIndex]) -> None:
        self.layers = layers
        self.visible: dict[str, tuple[int, str, int]] = {}
        self.kids: dict[str, set[str]] = {}
        self.alive: dict[tuple[int, str], int] = {}  # hard-link groups: names still visible
        self.hidden_bytes = [0] * len(layers)
        self.hidden_files = [0] * len(layers)
        self.items: dict[tuple[int, str, str], list] = {}
        self.budget = _ParentBudget()

    def _bytes_of(self, layer: int, path: str, kind: str, size: int) -> int:
        """Bytes freed when this version stops being visible (hard links share data)."""
        if kind == HARDLINK:
            target = self.layers[layer].links.get(path, "")
            key = (layer, target)
            if key not in self.alive:
                return 0
            self.alive[key] -= 1
            if self.alive[key]:
                return 0
            return self.layers[layer].entries[target][1]
        if kind == FILE:
            key = (layer, path)
            if key in self.alive:
                self.alive[key] -= 1
                if self.alive[key]:
                    return 0
        return docker_size(kind, size)

    def _record(self, key: tuple[int, str, str], layer: int, kind: str, freed: int) -> None:
        item = self.items.get(key)
        if item is None:
            item = self.items[key] = [0, 0, {}]
        item[0] += freed
        if kind != DIR:
            item[1] += 1
            self.hidden_files[layer] += 1
        if freed:
            writers = item[2]
            writers[layer] = writers.get(layer, 0) + freed
            self.hidden_bytes[layer] += freed

    def hide(self, path: str, key: tuple[int, str, str], *, keep_root: bool = False) -> None:
        """Hide ``path`` and everything visible below it (only below when ``keep_root``)."""
        visible, kids = self.visible, self.kids
        stack = list(kids.get(path, ())) if keep_root else [path]
        if keep_root:
            kids.pop(path, None)
        else:
            siblings = kids.get(_parent(path))
            if siblings is not None:
                siblings.discard(path)
        while stack:
            p = stack.pop()
            version = visible.pop(p, None)
            children = kids.pop(p, None)
            if children:
                stack.extend(children)
            if version is None:
                continue
            layer, kind, size = version
            self._record(key, layer, kind, self._bytes_of(layer, p, kind, size))

    def _ensure_parents(self, path: str, layer: int) -> None:
        """Make every directory above ``path`` exist (a file in the way is overwritten)."""
        visible, kids = self.visible, self.kids
        child = path
        parent = _parent(child)
        while parent:
            old = visible.get(parent)
            if old is not None and old[1] == DIR:
                break
            if old is not None:
                self.hide(parent, (layer, parent, OVERWRITTEN))
            else:
                self.budget.spend(parent)
            visible[parent] = (layer, DIR, 0)
            kids.setdefault(parent, set()).add(child)
            child, parent = parent, _parent(parent)
        kids.setdefault(parent, set()).add(child)

    def apply(self, index: int, layer: LayerIndex) -> None:
        """Put layer ``index`` on top: its opaque directories and whiteouts first (they hide
        what is below), then its entries (which overwrite what they replace)."""
        visible = self.visible
        for directory in layer.opaque:
            if directory in visible:
                self.hide(directory, (index, directory, OPAQUE), keep_root=True)
        for whiteout in layer.whiteouts:
            target = whiteout_target(whiteout)
            if target in visible:
                self.hide(target, (index, target, DELETED))
        entries = layer.entries
        for link, target in layer.links.items():
            if link in entries and target in entries and entries[target][0] == FILE:
                group = (index, target)
                self.alive[group] = self.alive.get(group, 1) + 1
        for path, (kind, size) in entries.items():
            old = visible.get(path)
            if old is not None:
                if old[1] == DIR and kind == DIR:
                    visible[path] = (index, kind, size)
                    continue
                key = (index, path, OVERWRITTEN)
                if old[1] == DIR:
                    self.hide(path, key, keep_root=True)
                    visible.pop(path, None)
                else:
                    visible.pop(path)
                    self._record(key, old[0], old[1], self._bytes_of(old[0], path, *old[1:]))
            else:
                self._ensure_parents(path, index)
            visible[path] = (index, kind, size)

    def waste(self) -> list[WasteItem]:
        """Everything hidden so far, as items, largest first."""
        out = []
        for (hider, path, kind), (freed, files, writers) in self.items.items():
            if not freed:
                continue
            by = tuple(sorted(writers.items(), key=lambda kv: (-kv[1], kv[0])))
            out.append(WasteItem("/" + path, kind, freed, files, hider, by))
        out.sort(key=lambda w: (-w.bytes, w.path, w.hidden_by))
        return out


# -- dive's efficiency -------------------------------------------------------------------------


class _DiveTree:
    """dive's stacked file tree (``StackTreeRange``): path -> (size, is_dir), with children."""

    def __init__(self) -> None:
        self.nodes: dict[str, tuple[int, bool]] = {}
        self.kids: dict[str, set[str]] = {}

    def add(self, nodes: dict[str, tuple[int, bool]], skip: set[str]) -> None:
        """Graft a layer's nodes (except ``skip``), their payload replacing what was there."""
        mine, kids = self.nodes, self.kids
        for path, info in nodes.items():
            if path in skip:
                continue
            if path not in mine:
                kids.setdefault(_parent(path), set()).add(path)
            mine[path] = info

    def remove(self, path: str) -> None:
        """Remove ``path`` and everything below it (nothing when absent)."""
        if path not in self.nodes:
            return
        siblings = self.kids.get(_parent(path))
        if siblings is not None:
            siblings.discard(path)
        stack = [path]
        while stack:
            p = stack.pop()
            self.nodes.pop(p, None)
            stack.extend(self.kids.pop(p, ()))

    def subtree_size(self, path: str) -> int:
        """The sizes of ``path`` and every node below it, summed."""
        total = 0
        stack = [path]
        nodes, kids = self.nodes, self.kids
        while stack:
            p = stack.pop()
            info = nodes.get(p)
            if info is not None:
                total += info[0]
            stack.extend(kids.get(p, ()))
        return total


def _dive_layer_tree(layer: LayerIndex, budget: _ParentBudget
                     ) -> tuple[dict[str, tuple[int, bool]], set[str]]:
    """The nodes of dive's tree for one layer (explicit entries, whiteout files, and the
    directories dive creates on the way) and the set of nodes that have children."""
    nodes: dict[str, tuple[int, bool]] = {
        path: (dive_size(kind, size), kind == DIR) for path, (kind, size) in
        layer.entries.items()}
    for whiteout in layer.whiteouts:
        nodes.setdefault(whiteout, (0, False))
    for directory in layer.opaque:
        if directory:
            nodes.setdefault(directory, (0, False))
    parents: set[str] = set()
    for path in list(nodes):
        parent = _parent(path)
        while parent and parent not in parents:
            parents.add(parent)
            if parent not in nodes:
                budget.spend(parent)
                nodes[parent] = (0, False)
            parent = _parent(parent)
    return nodes, parents


def _dive_order(path: str) -> list[str]:
    """dive's walk order: depth first, children sorted by name (Go's byte order, which is
    code-point order for UTF-8)."""
    return path.split("/")


def dive_figures(layers: list[LayerIndex]) -> DiveFigures:
    """dive's efficiency, wasted bytes and user-wasted percent for ``layers`` (bottom first).

    Follows dive 0.13's ``Efficiency`` step by step, including the quirks listed in the
    module docstring.
    """
    refs: dict[str, list[int]] = {}  # path -> [references, cumulative, minimum]
    order: list[str] = []  # paths in the order they became inefficient
    stacked = _DiveTree()
    budget = _ParentBudget()
    for position, layer in enumerate(layers):
        nodes, parents = _dive_layer_tree(layer, budget)
        whiteout_nodes = set(layer.whiteouts)
        if position == 0:
            stacked.add(nodes, whiteout_nodes)
        leaves = [p for p in nodes if p not in parents]
        sizes: list[tuple[str, int]] = []
        missing = False
        for leaf in leaves:
            if leaf in whiteout_nodes:
                target = whiteout_target(leaf)
                info = stacked.nodes.get(target)
                if info is None:
                    missing = True
                    sizes.append((leaf, -1))
                    continue
                sizes.append((leaf, stacked.subtree_size(target) if info[1] else 0))
            else:
                sizes.append((leaf, nodes[leaf][0]))
        if missing:
            # dive stops walking this layer at the first whiteout it cannot resolve, after
            # creating that path's record with a minimum of -1 (and no reference)
            sizes.sort(key=lambda item: _dive_order(item[0]))
            cut = next(i for i, (_, s) in enumerate(sizes) if s < 0)
            refs.setdefault(whiteout_target(sizes[cut][0]), [0, 0, -1])
            sizes = sizes[:cut]
        for leaf, size in sizes:
            path = whiteout_target(leaf) if leaf in whiteout_nodes else leaf
            data = refs.get(path)
            if data is None:
                refs[path] = [1, size, size]
                continue
            data[0] += 1
            data[1] += size
            if data[2] < 0 or size < data[2]:
                data[2] = size
            if data[0] == 2:
                order.append(path)
        for whiteout in layer.whiteouts:
            stacked.remove(whiteout_target(whiteout))
        if position:
            stacked.add(nodes, whiteout_nodes)
    minimum = sum(d[2] for d in refs.values())
    cumulative = sum(d[1] for d in refs.values())
    efficiency = 1.0 if cumulative == 0 else minimum / cumulative
    inefficient = sorted((DivePath("/" + p, refs[p][0], refs[p][1]) for p in order),
                         key=lambda d: (-d.bytes, d.path))
    wasted = sum(d.bytes for d in inefficient)
    size = sum(layer.tar_size for layer in layers)
    user_size = size - (layers[0].tar_size if layers else 0)
    undefined = math.nan if wasted == 0 else math.inf
    user_wasted = wasted / user_size if user_size else undefined
    return DiveFigures(efficiency, wasted, user_wasted, size, user_size, tuple(inefficient))


def analyze(layers: list[LayerIndex]) -> ImageAnalysis:
    """Analyse an image given its layers, bottom first (see the module docstring)."""
    hider = _Hider(layers)
    for position, layer in enumerate(layers):
        hider.apply(position, layer)
    stats = tuple(
        LayerStats(i, layer.digest, layer.size, layer.tar_size, len(layer.entries),
                   len(layer.whiteouts) + len(layer.opaque), hider.hidden_bytes[i],
                   hider.hidden_files[i])
        for i, layer in enumerate(layers))
    waste = hider.waste()
    return ImageAnalysis(stats, sum(s.size for s in stats), sum(w.bytes for w in waste),
                         tuple(waste), dive_figures(layers), hider.visible)
