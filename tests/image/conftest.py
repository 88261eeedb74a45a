"""A private Docker engine for the tests marked ``docker``.

The session fixture :func:`docker_engine`:

1. installs Debian's ``docker.io``, ``busybox-static`` and ``skopeo`` with apt-get when a
   command is missing (root only);
2. starts ``dockerd`` on a socket in a new temporary directory, with its data and exec roots
   there too, and ``--bridge=none --iptables=false --ip-masq=false`` (no network is created
   or needed; builds use ``network_mode="none"``);
3. waits until it answers, points ``DOCKER_HOST`` at it, and makes the base image
   ``dwtest/busybox:1`` with ``docker import`` from a folder holding busybox (no registry is
   reachable);
4. at the end stops that daemon by its pid and removes the directory.

When no engine can start the tests skip with the reason; with ``DOCKWISE_REQUIRE_DOCKER=1``
(``.ci/run`` sets it) that is a failure instead.
"""

from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import tarfile
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

BASE_IMAGE = "dwtest/busybox:1"
PACKAGES = {"dockerd": "docker.io", "busybox": "busybox-static", "skopeo": "skopeo"}


@dataclass
class DockerEngine:
    """The running test engine."""

    host: str
    client: Any
    pid: int
    root: Path
    base: str = BASE_IMAGE


def _unavailable(reason: str) -> None:
    if os.environ.get("DOCKWISE_REQUIRE_DOCKER") == "1":
        pytest.fail(f"no Docker engine for the docker tests: {reason} "
                    "(DOCKWISE_REQUIRE_DOCKER=1 makes this a failure)", pytrace=False)
    pytest.skip(f"no Docker engine: {reason}")


def _install_missing() -> str | None:
    """Install what is missing with apt-get; a reason when the engine cannot run."""
    missing = sorted({pkg for cmd, pkg in PACKAGES.items() if shutil.which(cmd) is None})
    if not missing:
        return None
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        return f"missing {', '.join(missing)} and cannot install (needs root and apt-get)"
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = ["apt-get", "install", "-y", "-q", "--no-install-recommends", *missing]
    if subprocess.run(install, env=env, capture_output=True, check=False).returncode != 0:
        subprocess.run(["apt-get", "update", "-q"], env=env, capture_output=True, check=False)
        subprocess.run(install, env=env, capture_output=True, check=False)
    absent = [cmd for cmd in ("dockerd", "busybox") if shutil.which(cmd) is None]
    if absent:
        return (f"{' and '.join(absent)} not found on PATH after apt-get install "
                f"{' '.join(missing)}")
    return None


def busybox_rootfs() -> bytes:
    """A tar of a tiny root file system: static busybox, its applets as symlinks, /etc/passwd."""
    busybox = shutil.which("busybox")
    assert busybox is not None
    applets = subprocess.run([busybox, "--list"], capture_output=True, text=True,
                             check=True).stdout.split()
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as tar:
        for directory in ("bin", "etc", "tmp", "root"):
            info = tarfile.TarInfo(directory)
            info.type = tarfile.DIRTYPE
            info.mode = 0o1777 if directory == "tmp" else 0o755
            tar.addfile(info)
        tar.add(busybox, arcname="bin/busybox")
        for applet in applets:
            if applet == "busybox":
                continue
            link = tarfile.TarInfo(f"bin/{applet}")
            link.type = tarfile.SYMTYPE
            link.linkname = "busybox"
            tar.addfile(link)
        for name, text in (("etc/passwd", "root:x:0:0:root:/root:/bin/sh\n"),
                           ("etc/group", "root:x:0:\n")):
            data = text.encode()
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def _stop(proc: subprocess.Popen, root: Path) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def docker_engine() -> Iterator[DockerEngine]:
    """Start a private dockerd for the session (see the module docstring)."""
    reason = _install_missing()
    if reason is not None:
        _unavailable(reason)
    if os.geteuid() != 0:
        _unavailable("dockerd needs root")
    import docker

    root = Path(tempfile.mkdtemp(prefix="dw-docker-", dir="/tmp"))  # short: a socket path
    host = f"unix://{root}/docker.sock"
    log = (root / "dockerd.log").open("wb")
    proc = subprocess.Popen(
        ["dockerd", f"--host={host}", f"--data-root={root}/data", f"--exec-root={root}/exec",
         f"--pidfile={root}/docker.pid", "--bridge=none", "--iptables=false",
         "--ip-masq=false"], stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + 60
    while True:
        try:
            client = docker.DockerClient(base_url=host, timeout=300)
            client.ping()
            break
        except Exception:
            if proc.poll() is not None or time.monotonic() > deadline:
                log.close()
                tail = (root / "dockerd.log").read_text(errors="replace")[-800:]
                _stop(proc, root)
                _unavailable(f"dockerd did not start: {' '.join(tail.split())[-300:]}")
            time.sleep(0.2)
    previous = os.environ.get("DOCKER_HOST")
    os.environ["DOCKER_HOST"] = host
    try:
        repository, tag = BASE_IMAGE.split(":")
        client.api.import_image_from_data(busybox_rootfs(), repository=repository, tag=tag)
        yield DockerEngine(host, client, proc.pid, root)
    finally:
        if previous is None:
            os.environ.pop("DOCKER_HOST", None)
        else:
            os.environ["DOCKER_HOST"] = previous
        client.close()
        log.close()
        _stop(proc, root)


def image_ids(client: Any) -> set[str]:
    """Every image id in the engine, intermediate ones included."""
    return set(client.api.images(all=True, quiet=True))
