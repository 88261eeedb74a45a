"""Benchmark: ``dockwise size --archive`` against ``dive --ci --source docker-archive``.

Both tools analyse the same saved image in the same run: about 100 MB in tens of thousands
of files, written as ``docker save`` writes it (``<id>/layer.tar`` members, a config and
``manifest.json``), with the waste real images have: files overwritten by a later layer, a
directory deleted, a package cache left behind. The image is generated (deterministically)
so the benchmark needs no engine; ``--archive FILE`` measures any saved image instead.

Each tool runs in a fresh process, ``--repeat`` times; reported are the median wall time and
the peak resident memory of that process (``os.wait4``'s ``ru_maxrss``), plus dockwise's
Python heap peak for the analysis alone (``tracemalloc``). The figures both tools print for
the image (efficiency, wasted bytes) are compared, so the run also checks agreement.

    python benchmarks/size_bench.py [--archive FILE] [--repeat 5] [--keep FILE]
"""

from __future__ import annotations

import argparse
import io
import json
import random
import re
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
import tracemalloc
from pathlib import Path


def _layer(files: dict[str, int], whiteouts: list[str] = ()) -> bytes:  # type: ignore[assignment]
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.GNU_FORMAT) as tar:
        dirs: set[str] = set()
        for path in files:
            parts = path.split("/")[:-1]
            for i in range(1, len(parts) + 1):
                d = "/".join(parts[:i])
                if d not in dirs:
                    dirs.add(d)
                    info = tarfile.TarInfo(d + "/")
                    info.type = tarfile.DIRTYPE
                    info.mode = 0o755
                    tar.addfile(info)
            info = tarfile.TarInfo(path)
            info.size = files[path]
            info.mode = 0o644
            tar.addfile(info, io.BytesIO(bytes(files[path])))
        for path in whiteouts:
            head, _, base = path.rpartition("/")
            tar.addfile(tarfile.TarInfo(f"{head}/.wh.{base}"), io.BytesIO(b""))
    return buf.getvalue()


def generate(path: Path, seed: int = 7) -> tuple[int, int]:
    """Write the benchmark image; returns (bytes of layer data, number of files)."""
    rng = random.Random(seed)

    def tree(prefix: str, count: int, mean: int) -> dict[str, int]:
        return {f"{prefix}/d{i // 200:03d}/f{i:05d}.dat": int(rng.expovariate(1 / mean))
                for i in range(count)}

    base = tree("usr/lib", 20_000, 1_200)                     # a distribution's files
    packages = tree("usr/local/lib/python3/site-packages", 15_000, 1_600)
    overwritten = dict(list(packages.items())[:3_000])        # rewritten by a later step
    cache = tree("root/.cache/pip", 2_000, 4_000)
    big = {"opt/app/model.bin": 9_000_000, "opt/app/data.bin": 3_000_000}
    layers = [
        _layer(base),
        _layer(packages),
        _layer(cache),
        _layer({k: v + 10 for k, v in overwritten.items()}, whiteouts=["root/.cache/pip"]),
        _layer(big),
        _layer(tree("srv/app", 3_000, 800)),
    ]
    history = [{"created_by": f"/bin/sh -c step {i}"} for i in range(len(layers))]
    import hashlib

    config = json.dumps({"architecture": "amd64", "os": "linux", "config": {},
                         "history": history,
                         "rootfs": {"type": "layers", "diff_ids": [
                             "sha256:" + hashlib.sha256(x).hexdigest() for x in layers]}})
    config_name = hashlib.sha256(config.encode()).hexdigest() + ".json"
    names = []
    with tarfile.open(path, "w") as tar:
        for data in layers:
            name = hashlib.sha256(data).hexdigest() + "/layer.tar"
            names.append(name)
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
        for name, data in ((config_name, config.encode()), ("manifest.json", json.dumps(
                [{"Config": config_name, "RepoTags": ["bench:1"], "Layers": names}]).encode())):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    files = sum(len(x) for x in (base, packages, cache, overwritten, big)) + 3_000
    return sum(len(x) for x in layers), files


_RSS_RE = re.compile(r"(?:DWBENCH |Maximum resident set size \(kbytes\): )(\d+)")


def _runner() -> list[str]:
    """A small process that runs the command and reports its peak RSS (GNU time or busybox
    time). A child forked from this (large) Python process would start with its resident
    pages counted, so the runner must be a process of its own."""
    gnu = Path("/usr/bin/time")
    if gnu.is_file():
        return [str(gnu), "-f", "DWBENCH %M"]
    busybox = shutil.which("busybox")
    if busybox:
        return [busybox, "time", "-v"]
    return []


def timed(cmd: list[str], cwd: Path) -> tuple[float, int | None, str]:
    """Wall seconds, peak RSS in bytes (``None`` when no runner can tell) and stdout of one
    run of ``cmd`` in a new process."""
    runner = _runner()
    start = time.perf_counter()
    done = subprocess.run([*runner, *cmd], cwd=cwd, capture_output=True, check=False)
    wall = time.perf_counter() - start
    found = _RSS_RE.findall(done.stderr.decode(errors="replace"))
    return wall, int(found[-1]) * 1024 if found else None, done.stdout.decode(errors="replace")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--archive", type=Path, help="a saved image to measure instead")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="also write the generated image here")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="dockwise-bench-"))
    try:
        archive = args.archive
        if archive is None:
            archive = args.keep or work / "bench.tar"
            data, files = generate(archive)
            print(f"image: {archive} ({archive.stat().st_size / 1e6:.1f} MB archive, "
                  f"{data / 1e6:.1f} MB of layers, {files} files)")
        archive = archive.resolve()
        from dockwise.image.analysis import analyze
        from dockwise.image.archive import read_archive

        t0 = time.perf_counter()
        (image,) = read_archive(archive)
        analysis = analyze(image.layers)
        in_process = time.perf_counter() - t0
        del image, analysis
        tracemalloc.start()
        (image,) = read_archive(archive)
        analysis = analyze(image.layers)
        _, heap = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        paths = sum(len(x.entries) for x in image.layers)
        print(f"dockwise analysis in process: {in_process:.2f} s, Python heap peak "
              f"{heap / 1e6:.1f} MB, {paths} paths in {len(image.layers)} layers")

        ours_cmd = [sys.executable, "-m", "dockwise", "size", "--archive", str(archive),
                    "--format", "json"]
        commands = {"dockwise size": ours_cmd}
        dive = shutil.which("dive")
        if dive:
            commands["dive --ci"] = [dive, "--ci", "--source", "docker-archive", str(archive),
                                     "--json", str(work / "dive.json"), "--lowestEfficiency",
                                     "0", "--highestUserWastedPercent", "disabled"]
        runs: dict[str, list[tuple[float, int | None, str]]] = {k: [] for k in commands}
        for _ in range(args.repeat):  # interleaved, so both see the same machine load
            for name, cmd in commands.items():
                runs[name].append(timed(cmd, work))
        print(f"\n{'tool':<16}{'median wall s':>14}{'min wall s':>12}{'peak RSS MB':>13}")
        for name, results in runs.items():
            walls = [r[0] for r in results]
            peaks = [r[1] for r in results if r[1] is not None]
            peak = f"{max(peaks) / 1e6:.1f}" if peaks else "n/a"
            print(f"{name:<16}{statistics.median(walls):>14.2f}{min(walls):>12.2f}{peak:>13}")
        ours = json.loads(runs["dockwise size"][0][2])["stages"][0]
        print(f"\ndockwise: efficiency {ours['dive']['efficiency']:.6f}, wasted bytes "
              f"{ours['dive']['wasted_bytes']}, reclaimable {ours['reclaimable_bytes']}")
        if dive:
            theirs = json.loads((work / "dive.json").read_text())["image"]
            print(f"dive:     efficiency {theirs['efficiencyScore']:.6f}, wasted bytes "
                  f"{theirs['inefficientBytes']}")
            agree = ours["dive"]["wasted_bytes"] == theirs["inefficientBytes"] and \
                abs(ours["dive"]["efficiency"] - theirs["efficiencyScore"]) < 1e-9
            print("figures agree" if agree else "FIGURES DIFFER")
            if not agree:
                return 1
        assert analysis.size == ours["size"]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
