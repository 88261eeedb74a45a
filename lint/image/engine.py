"""Talking to a Docker engine: build each stage, find images, stream them out, clean up.

The docker SDK (``docker.from_env()``, so ``DOCKER_HOST``, ``DOCKER_TLS_VERIFY`` and
``DOCKER_CERT_PATH`` apply) drives the legacy builder, which always works. BuildKit cannot be
driven through the SDK; with ``builder="buildkit"`` the docker command line builds instead: a
``docker`` on ``PATH`` with the ``buildx`` plugin (``docker buildx build --load``), or a
client older than 23 that has BuildKit built in (``DOCKER_BUILDKIT=1 docker build``).

Stages are built one at a time with ``target=`` (a stage without a name is built from the
Dockerfile cut after that stage, which keeps every line number), and each result is tagged
``dockwise-size/<run id>:<stage>``. :class:`Engine` records every image it creates: an image
that existed before the build (a full cache hit) is never tagged nor removed, and
:meth:`Engine.cleanup` removes the tags and images this run created, children first and
without pruning parents it did not create, so nothing else in the engine is touched. The
caller runs it in a ``finally`` block (after an error or Ctrl-C too) unless asked to keep the
images.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
import signal
import subprocess
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from dockwise.files import is_regular_file, read_text
from dockwise.image import ImageError
from dockwise.image.archive import ArchiveImage, read_stream, select_image

REPOSITORY = "dockwise-size"
LEGACY, BUILDKIT = "legacy", "buildkit"
_STEP_RE = re.compile(r"^Step (\d+)/(\d+) : (.*)$")
_ID_RE = re.compile(r"^ ---> ([0-9a-f]{12,64})\s*$")
_BUILT_RE = re.compile(r"^Successfully built ([0-9a-f]{12,64})\s*$")
_BK_ID_RE = re.compile(r"writing image (sha256:[0-9a-f]{64})")
_BK_ERROR_RE = re.compile(r"^#(\d+) ERROR: (.*)$")
_BK_STEP_RE = re.compile(r"^#(\d+) \[(\S+) (\d+)/(\d+)\]")
_VERSION_RE = re.compile(r"^(\d+)\.")

#: Called with (stage label, one line of build output) while a stage builds.
Progress = Callable[[str, str], None]


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    explanation = getattr(exc, "explanation", None)
    if explanation:
        text = str(explanation)
    return " ".join(text.split())


class _ChunkReader:
    """A file-like ``read(n)`` over an iterator of byte chunks (the SDK's save stream)."""

    def __init__(self, chunks: Iterable[bytes]) -> None:
        self._chunks: Iterator[bytes] = iter(chunks)
        self._left = b""

    def read(self, n: int = -1) -> bytes:
        """Up to ``n`` bytes (all that is left for ``-1``), ``b""`` at the end."""
        if not self._left:
            self._left = next(self._chunks, b"")
        if n < 0:
            data = self._left + b"".join(self._chunks)
            self._left = b""
            return data
        data, self._left = self._left[:n], self._left[n:]
        return data


class BuildFailure(ImageError):
    """A stage did not build; :attr:`detail` holds the failing step's output.

    Attributes:
        step: the legacy builder's 1-based step number (the step-th instruction of the
            Dockerfile built), or ``None``.
        stage_step: BuildKit's ``(stage name, k)`` for its ``[name k/n]`` step (``k`` counts
            the stage's FROM as 1; an unnamed stage is ``stage-<index>``), or ``None``.
    """

    def __init__(self, message: str, detail: str = "", step: int | None = None,
                 stage_step: tuple[str, int] | None = None) -> None:
        super().__init__(message, detail)
        self.step = step
        self.stage_step = stage_step


class Engine:
    """A Docker engine connection and the images this run created.

    Args:
        client: a ``docker.DockerClient`` (tests); by default ``docker.from_env()``.

    Raises:
        ImageError: the engine cannot be reached (one line naming where it was looked for).
    """

    def __init__(self, client: Any = None) -> None:
        import docker
        from docker.errors import DockerException

        self.host = os.environ.get("DOCKER_HOST") or "unix:///var/run/docker.sock"
        try:
            self.client = client or docker.from_env()
            self.client.ping()
            self.version: dict[str, Any] = self.client.version()
        except (DockerException, OSError) as exc:
            raise ImageError(f"cannot connect to the Docker engine at {self.host}: "
                             f"{_one_line(exc)}") from None
        self.api = self.client.api
        self.run_id = secrets.token_hex(4)
        self.repository = f"{REPOSITORY}/{self.run_id}"
        #: image ids this run created, in creation order
        self.owned: list[str] = []
        #: tags this run added
        self.tags: list[str] = []

    # -- images ------------------------------------------------------------------------------

    def _image_ids(self) -> set[str]:
        return set(self.api.images(all=True, quiet=True))

    def inspect(self, ref: str) -> dict[str, Any] | None:
        """``docker image inspect`` of ``ref``, or ``None`` when the engine has no such image."""
        from docker.errors import ImageNotFound, NotFound

        try:
            found: dict[str, Any] = self.api.inspect_image(ref)
            return found
        except (ImageNotFound, NotFound):
            return None

    def history(self, ref: str) -> list[dict[str, Any]]:
        """``docker history`` of ``ref``, oldest entry first (the engine lists newest first)."""
        return list(reversed(self.api.history(ref)))

    def save(self, image_id: str, label: str) -> ArchiveImage:
        """Stream ``docker save`` of one image and read it (nothing is written to disk).

        Raises:
            ImageError: the engine has no such image, or the stream is unreadable.
        """
        from docker.errors import APIError, NotFound

        try:
            chunks = self.api.get_image(image_id, chunk_size=1 << 20)
            images = read_stream(_ChunkReader(chunks), label)
        except NotFound:
            raise ImageError(f"no image {label} in the engine at {self.host}") from None
        except APIError as exc:
            raise ImageError(f"cannot save {label}: {_one_line(exc)}") from None
        return select_image(images, None, label) if len(images) == 1 else \
            select_image(images, image_id, label)

    def tag(self, image_id: str, stage: str) -> str:
        """Tag an image this run created as ``dockwise-size/<run>:<stage>``; returns the tag."""
        self.api.tag(image_id, self.repository, stage)
        ref = f"{self.repository}:{stage}"
        self.tags.append(ref)
        return ref

    def cleanup(self, settle: float = 20.0) -> list[str]:
        """Remove this run's tags, then the images it created (newest first, parents that
        existed before never pruned). Ctrl-C is ignored meanwhile. Returns what was removed.

        After an interrupted build the engine may still be tearing down the aborted step's
        container, whose image cannot be removed until it is gone (a conflict, HTTP 409):
        such removals are retried for up to ``settle`` seconds.
        """
        from docker.errors import APIError

        removed: list[str] = []
        previous = signal.getsignal(signal.SIGINT)
        with contextlib.suppress(ValueError):  # not the main thread
            signal.signal(signal.SIGINT, signal.SIG_IGN)
        try:
            for ref in reversed(self.tags):
                with contextlib.suppress(APIError):
                    self.api.remove_image(ref, noprune=True)
                    removed.append(ref)
            deadline = time.monotonic() + settle
            pending = list(reversed(self.owned))
            while pending:
                existing = self._image_ids()
                busy = []
                for image_id in pending:
                    if image_id not in existing:
                        continue
                    try:
                        self.api.remove_image(image_id, noprune=True)
                        removed.append(image_id)
                    except APIError as exc:
                        if getattr(exc, "status_code", None) == 409:
                            busy.append(image_id)
                if not busy or time.monotonic() >= deadline:
                    break
                time.sleep(0.25)
                pending = busy
            self.tags.clear()
            self.owned.clear()
        finally:
            with contextlib.suppress(ValueError):
                signal.signal(signal.SIGINT, previous)
        return removed

    def _claim(self, before: set[str], mentioned: list[str]) -> None:
        """Record as ours the images that are new since ``before`` and that our build output
        named (both: never an image someone else created meanwhile)."""
        new = self._image_ids() - before
        for short in mentioned:
            for image_id in sorted(new):
                if image_id.removeprefix("sha256:").startswith(short.removeprefix("sha256:")) \
                        and image_id not in self.owned:
                    self.owned.append(image_id)

    # -- building ----------------------------------------------------------------------------

    def build(self, *, context: Path, dockerfile: Path, text: str | None, target: str | None,
              stage: str, build_args: Mapping[str, str], network: str | None, pull: bool,
              builder: str = LEGACY, progress: Progress | None = None) -> str:
        """Build one stage and return its image id (``sha256:...``).

        Args:
            context: the build context directory.
            dockerfile: the Dockerfile (inside the context or not).
            text: Dockerfile text to build instead of the file's (a cut after an unnamed
                stage), or ``None``.
            target: the stage name to build, or ``None`` for the last stage of the text.
            stage: the stage's label, for tags and messages.
            build_args: ``--build-arg`` values.
            network: ``network_mode`` for RUN steps (``none``, ``host``...), or ``None``
                for the engine's default.
            pull: always try to pull a newer base image.
            builder: ``legacy`` (the SDK) or ``buildkit`` (the docker command line).
            progress: called with each line of build output.

        Raises:
            BuildFailure: the build failed (the failing step's output in ``detail``).
            ImageError: the engine or the docker command line failed otherwise.
        """
        before = self._image_ids()
        mentioned: list[str] = []
        try:
            if builder == BUILDKIT:
                image_id = self._build_cli(context, dockerfile, text, target, stage, build_args,
                                           network, pull, progress, mentioned)
            else:
                image_id = self._build_sdk(context, dockerfile, text, target, stage, build_args,
                                           network, pull, progress, mentioned)
        finally:
            self._claim(before, mentioned)
        if image_id in self.owned:
            self.tag(image_id, stage)
        return image_id

    def _context_tar(self, context: Path, dockerfile: Path, text: str | None) -> tuple[Any, str]:
        """The build context as the docker CLI sends it: ``.dockerignore`` applied, and a
        Dockerfile outside the context (or replaced by ``text``) added under a random name
        that the ``.dockerignore`` sent along excludes again (so ``COPY . .`` never copies
        it). A temporary file, deleted when closed."""
        from docker.utils.build import tar

        exclude = None
        ignore = context / ".dockerignore"
        if is_regular_file(ignore):
            lines = read_text(ignore, regular_only=True, errors="replace").splitlines()
            exclude = [x.strip() for x in lines if x.strip() and not x.strip().startswith("#")]
        abs_context = context.resolve()
        abs_file = dockerfile.resolve()
        inside = abs_file.is_relative_to(abs_context)
        if text is None and inside:
            rel = abs_file.relative_to(abs_context).as_posix()
            return tar(str(abs_context), exclude=exclude, dockerfile=(rel, None)), rel
        if text is None:
            text = read_text(abs_file)
        name = f".dockerfile.{secrets.token_hex(10)}"
        return tar(str(abs_context), exclude=exclude, dockerfile=(name, text)), name

    def _build_sdk(self, context: Path, dockerfile: Path, text: str | None, target: str | None,
                   stage: str, build_args: Mapping[str, str], network: str | None, pull: bool,
                   progress: Progress | None, mentioned: list[str]) -> str:
        from docker.errors import APIError

        try:
            fileobj, name = self._context_tar(context, dockerfile, text)
        except OSError as exc:
            raise ImageError(f"cannot read the build context {context}: {_one_line(exc)}") \
                from None
        step_lines: list[str] = []
        step = ""
        step_number: int | None = None
        image_id = None
        try:
            stream = self.api.build(fileobj=fileobj, custom_context=True, dockerfile=name,
                                    target=target, buildargs=dict(build_args) or None,
                                    network_mode=network, pull=pull, rm=True, forcerm=True,
                                    decode=True)
            for chunk in stream:
                if "error" in chunk:
                    detail = (chunk.get("errorDetail") or {}).get("message") or chunk["error"]
                    raise BuildFailure(f"stage {stage} failed to build"
                                       f"{' at ' + step if step else ''}: "
                                       f"{' '.join(str(detail).split())}",
                                       "\n".join(step_lines[-40:]), step_number)
                aux = chunk.get("aux")
                if isinstance(aux, dict) and isinstance(aux.get("ID"), str):
                    image_id = aux["ID"]
                    mentioned.append(image_id)
                text_out = chunk.get("stream") or chunk.get("status") or ""
                for line in str(text_out).splitlines():
                    m = _STEP_RE.match(line)
                    if m:
                        step = f"step {m.group(1)}/{m.group(2)} ({m.group(3).strip()})"
                        step_number = int(m.group(1))
                        step_lines = [line]
                    else:
                        step_lines.append(line)
                    m2 = _ID_RE.match(line) or _BUILT_RE.match(line)
                    if m2:
                        mentioned.append(m2.group(1))
                        if _BUILT_RE.match(line):
                            image_id = image_id or m2.group(1)
                    if progress is not None and line.strip():
                        progress(stage, line)
        except APIError as exc:
            raise BuildFailure(f"stage {stage} failed to build: {_one_line(exc)}",
                               "\n".join(step_lines[-40:]), step_number) from None
        finally:
            fileobj.close()
        if image_id is None:
            raise ImageError(f"stage {stage}: the engine reported no image id")
        found = self.inspect(image_id)
        if found is None:
            raise ImageError(f"stage {stage}: built image {image_id} is not in the engine")
        full: str = found["Id"]
        return full

    def _build_cli(self, context: Path, dockerfile: Path, text: str | None, target: str | None,
                   stage: str, build_args: Mapping[str, str], network: str | None, pull: bool,
                   progress: Progress | None, mentioned: list[str]) -> str:
        api = str(self.version.get("ApiVersion", "0"))
        if tuple(int(x) for x in re.findall(r"\d+", api)[:2]) < (1, 39):
            raise ImageError(f"--builder buildkit needs Docker Engine 18.09 or later; the "
                             f"engine at {self.host} speaks API {api}")
        command, env = buildkit_command()
        if command is None:
            raise ImageError("--builder buildkit needs a docker command line with BuildKit "
                             "(the buildx plugin, or a docker client older than 23); none "
                             "found on PATH")
        args = [*command, "--progress=plain", "-f", "-" if text is not None else str(dockerfile)]
        if target:
            args += ["--target", target]
        for key, value in build_args.items():
            args += ["--build-arg", f"{key}={value}"]
        if network:
            args += ["--network", network]
        if pull:
            args.append("--pull")
        args.append(str(context))
        output: list[str] = []
        image_id = None
        try:
            proc = subprocess.Popen(args, stdin=subprocess.PIPE if text is not None else
                                    subprocess.DEVNULL, stdout=subprocess.PIPE,
                                    stderr=subprocess.STDOUT, env={**os.environ, **env},
                                    text=True, errors="replace")
        except OSError as exc:
            raise ImageError(f"cannot run {args[0]}: {_one_line(exc)}") from None
        try:
            if text is not None and proc.stdin is not None:
                proc.stdin.write(text)
                proc.stdin.close()
            assert proc.stdout is not None
            for line in proc.stdout:
                line = line.rstrip("\n")
                output.append(line)
                m = _BK_ID_RE.search(line)
                if m:
                    image_id = m.group(1)
                    mentioned.append(image_id)
                if progress is not None and line.strip():
                    progress(stage, line)
            code = proc.wait()
        except BaseException:
            proc.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=10)
            raise
        if code != 0:
            raise _buildkit_failure(stage, output, code)
        if image_id is None:
            raise ImageError(f"stage {stage}: the docker command line reported no image id")
        return image_id


def _buildkit_failure(stage: str, output: list[str], code: int) -> BuildFailure:
    """The failing vertex of BuildKit's plain progress output: its ``ERROR`` line as the
    reason, its own lines as the detail, its ``[stage k/n]`` as the place."""
    failing = next((m for m in map(_BK_ERROR_RE.match, reversed(output)) if m), None)
    if failing is None:
        errors = [x for x in output if "error" in x.lower()]
        reason = errors[-1] if errors else f"exit status {code}"
        return BuildFailure(f"stage {stage} failed to build: {' '.join(reason.split())}",
                            "\n".join(output[-20:]))
    vertex = failing.group(1)
    lines = [x for x in output if x.startswith(f"#{vertex} ") and "sha256:" not in x]
    place = None
    for line in lines:
        m = _BK_STEP_RE.match(line)
        if m:
            place = (m.group(2), int(m.group(3)))
            break
    return BuildFailure(f"stage {stage} failed to build: {' '.join(failing.group(2).split())}",
                        "\n".join(lines[-40:]), stage_step=place)


def buildkit_command() -> tuple[list[str] | None, dict[str, str]]:
    """A docker command line that builds with BuildKit, and the environment it needs:
    ``[docker, "buildx", "build", "--load"]`` when a ``docker`` on PATH has the buildx plugin,
    else ``[docker, "build"]`` with ``DOCKER_BUILDKIT=1`` for a client older than 23 (which
    has BuildKit built in); ``(None, {})`` when there is neither."""
    seen: set[str] = set()
    for directory in os.environ.get("PATH", "").split(os.pathsep):
        candidate = shutil.which("docker", path=directory) if directory else None
        if candidate is None:
            continue
        real = os.path.realpath(candidate)
        if real in seen:
            continue
        seen.add(real)
        if _quiet_ok([candidate, "buildx", "version"]):
            return [candidate, "buildx", "build", "--load"], {}
        version = _quiet_output([candidate, "version", "--format", "{{.Client.Version}}"])
        m = _VERSION_RE.match(version or "")
        if m and int(m.group(1)) < 23:
            return [candidate, "build"], {"DOCKER_BUILDKIT": "1"}
    return None, {}


def _quiet_ok(args: list[str]) -> bool:
    try:
        return subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              timeout=30, check=False).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def _quiet_output(args: list[str]) -> str | None:
    try:
        done = subprocess.run(args, capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout.strip() or None
