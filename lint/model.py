"""Syntax tree -> build model: stages as a graph, with the state in effect at every instruction.

The model is what rules read. It answers, as BuildKit would when building:

* which :class:`Stage` each instruction belongs to, each stage's base (an :class:`ImageRef`
  resolved through global ``ARG`` defaults, or a parent stage), and the final stage (the last
  one, or ``--target``);
* which stages *reach the final image*: the final stage and, transitively, the stages it builds
  on (``FROM stage``) or copies from (``COPY --from``, ``RUN --mount=from=``);
* the :class:`BuildState` in effect when each instruction runs: USER, WORKDIR, SHELL and the
  ARG/ENV environment, inherited from a parent stage the way BuildKit inherits an image config;
* the shell :class:`~dockwise.syntax.shell.Script` of each RUN (parsed once, on demand);
* the :class:`BuildContext` (the Dockerfile's directory unless another is given), with its
  ``.dockerignore``.

Scoping follows BuildKit: ARGs declared before the first FROM are visible in FROM lines only,
unless a stage re-declares them with ``ARG NAME``; ENV wins over ARG of the same name; the
automatic platform ARGs (``TARGETPLATFORM``, ``BUILDARCH``, ...) are defined in the global
scope and, once declared in a stage, there too. A value the linter cannot know (an ARG without
a default, a ``--build-arg``, a variable the base image may define) stays *unknown*: expansions
keep it as written and report ``known=False``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path

from dockwise.dockerignore import DockerignoreMatcher, read_patterns
from dockwise.files import read_text
from dockwise.record import field, record
from dockwise.syntax import nodes as n
from dockwise.syntax import shell as sh
from dockwise.syntax.shell import POSIX_SHELLS, PositionMapper, Script, parse_script
from dockwise.syntax.variables import (
    GO_SPACE,
    Expansion,
    Lookup,
    VarStatus,
    expand,
    find_references,
)

#: ARGs BuildKit defines automatically in the global scope (values depend on the platform).
AUTOMATIC_PLATFORM_ARGS = frozenset({
    "TARGETPLATFORM", "TARGETOS", "TARGETARCH", "TARGETVARIANT",
    "BUILDPLATFORM", "BUILDOS", "BUILDARCH", "BUILDVARIANT",
})
#: ARGs usable without declaration (proxy settings and BuildKit knobs).
PREDEFINED_ARGS = frozenset({
    "HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "FTP_PROXY", "ftp_proxy",
    "NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy",
}) | AUTOMATIC_PLATFORM_ARGS
#: The PATH BuildKit sets when the base image defines none (``system.DefaultPathEnv``, Linux).
DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
DEFAULT_LINUX_SHELL = ("/bin/sh", "-c")
DEFAULT_WINDOWS_SHELL = ("cmd", "/S", "/C")
_WINDOWS_IMAGE_RE = re.compile(r"(windows|nanoserver|servercore)", re.IGNORECASE)
_DOCKER_HUB = frozenset({"docker.io", "index.docker.io", "registry-1.docker.io"})
_MOUNT_FROM_RE = re.compile(r"(?:^|,)\s*from=([^,]*)", re.IGNORECASE)
_SHEBANG_RE = re.compile(r"^#!\s*(\S+)(?:\s+(\S+))?")
_GO_SPACES_RE = re.compile("[" + re.escape(GO_SPACE) + "]+")
_NOTHING: frozenset[str] = frozenset()


# Docker's image reference grammar (github.com/distribution/reference, regexp.go), compiled on
# first use: only a few checks need it.
_REF_PATH_COMPONENT = r"[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*"
_REF_DOMAIN_COMPONENT = r"(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])"
_REF_DOMAIN = (rf"(?:{_REF_DOMAIN_COMPONENT}(?:\.{_REF_DOMAIN_COMPONENT})*|\[[a-fA-F0-9:]+\])"
               r"(?::[0-9]+)?")
_REFERENCE = (rf"^((?:{_REF_DOMAIN}/)?{_REF_PATH_COMPONENT}(?:/{_REF_PATH_COMPONENT})*)"
              r"(?::[\w][\w.-]{0,127})?"
              r"(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$")
_HEX = frozenset("0123456789abcdef")


def is_valid_reference(text: str) -> bool:
    """``True`` when ``text`` is an image reference Docker accepts, as
    ``reference.ParseNormalizedNamed`` (used by BuildKit for FROM) decides: the reference
    grammar, a lower-case repository, at most 255 characters of name, and not a bare 64-hex
    image id. ``""`` and ``"busybox:"`` are invalid; ``"busybox"``, ``"localhost:5000/a/b:1"``
    and digests are valid."""
    if not text or (len(text) == 64 and _HEX.issuperset(text)):
        return False
    first, sep, rest = text.partition("/")
    if not sep or ("." not in first and ":" not in first and first != "localhost"
                   and first.lower() == first):
        domain, remainder = "docker.io", text
    else:
        domain, remainder = first, rest
    remote = remainder.split(":", 1)[0]
    if remote.lower() != remote:
        return False
    m = re.match(_REFERENCE, f"{domain}/{remainder}")
    return m is not None and len(m.group(1)) <= 255


@record
class ImageRef:
    """An image reference, parsed the way Docker's reference grammar splits it.

    Attributes:
        text: the reference after variable expansion (unknown variables kept as written).
        known: ``False`` when an unknown variable is part of it.
        registry: the registry host (``gcr.io``, ``localhost:5000``), or ``None`` when the
            reference names no registry (Docker Hub).
        repository: the path without registry, tag or digest (``golang``,
            ``distroless/static-debian12``).
        tag: the tag, or ``None``.
        digest: the ``sha256:...`` digest, or ``None``.
    """

    text: str
    known: bool
    registry: str | None
    repository: str
    tag: str | None
    digest: str | None

    @classmethod
    def parse(cls, text: str, known: bool = True) -> ImageRef:
        """Split ``text`` into registry, repository, tag and digest (never raises).

        The split follows Docker's reference grammar (``distribution/reference``): the first
        path component is a registry when it contains ``.`` or ``:``, is ``localhost`` or has
        upper-case letters. A variable left unexpanded (``$REGISTRY``, ``${IMAGE:-alpine}``)
        is kept whole: separators inside ``${...}`` do not split, and a leading ``$`` component
        followed by ``/`` is taken as the registry.
        """
        masked = _mask_braces(text) if "${" in text else text
        end = len(text)
        digest = None
        at = masked.find("@")
        if at >= 0:
            digest, end = text[at + 1:], at
        start = 0
        registry = None
        slash = masked.find("/", 0, end)
        if slash >= 0:
            first = text[:slash]
            if "." in first or ":" in first or first == "localhost" or \
                    first.startswith("$") or first.lower() != first:
                registry, start = first, slash + 1
        tag = None
        colon = masked.rfind(":", start, end)
        if colon > masked.rfind("/", start, end):
            tag, end = text[colon + 1:end], colon
        return cls(text, known, registry, text[start:end], tag, digest or None)

    @property
    def name(self) -> str:
        """The last path component (``golang``, ``static-debian12``)."""
        return self.repository.rsplit("/", 1)[-1].lower()

    @property
    def is_scratch(self) -> bool:
        """``True`` for the empty ``scratch`` base."""
        return self.registry is None and self.repository.lower() == "scratch" and \
            self.tag is None and self.digest is None

    @property
    def is_docker_hub(self) -> bool:
        """``True`` when the image comes from Docker Hub (no registry, or docker.io)."""
        return self.registry is None or self.registry.lower() in _DOCKER_HUB

    @property
    def is_windows(self) -> bool:
        """A Windows base image (its default shell is ``cmd``)."""
        return bool(_WINDOWS_IMAGE_RE.search(self.repository))

    # -- what kind of image this is (facts from the images' own documentation) ----------------

    @property
    def tag_lower(self) -> str:
        """The tag in lower case (``""`` without a tag)."""
        return (self.tag or "").lower()

    @property
    def is_go_toolchain(self) -> bool:
        """The official Go image (``golang``, ``*/golang``, any registry)."""
        return self.name == "golang"

    @property
    def is_alpine(self) -> bool:
        """Alpine Linux (musl libc): ``alpine`` or an ``-alpine`` tag variant."""
        return self.name == "alpine" or "alpine" in self.tag_lower

    @property
    def is_distroless(self) -> bool:
        """Google's distroless images (``gcr.io/distroless/...``)."""
        return self.repository.lower().startswith("distroless/")

    @property
    def is_chainguard(self) -> bool:
        """Chainguard images (``cgr.dev/chainguard/...``)."""
        return (self.registry or "").lower() == "cgr.dev"

    @property
    def is_static(self) -> bool:
        """An image with no libc for dynamic binaries: scratch, distroless ``static``,
        Chainguard ``static``."""
        return self.is_scratch or ((self.is_distroless or self.is_chainguard) and
                                   self.name.startswith("static"))

    @property
    def has_shell(self) -> bool:
        """``False`` for images without ``/bin/sh``: scratch, distroless (except ``debug``
        tags), Chainguard (except ``-dev`` tags)."""
        if self.is_scratch:
            return False
        if self.is_distroless:
            return "debug" in self.tag_lower
        if self.is_chainguard:
            return "dev" in self.tag_lower
        return True

    @property
    def is_minimal(self) -> bool:
        """A small runtime base: scratch, alpine, distroless, busybox, Chainguard, or a
        ``-slim`` variant (the guide's runtime choices)."""
        return (self.is_scratch or self.is_alpine or self.is_distroless or self.is_chainguard
                or self.name == "busybox" or "slim" in self.tag_lower)

    @property
    def defaults_to_nonroot(self) -> bool:
        """Images whose default user is not root: distroless ``nonroot`` tags and Chainguard."""
        if self.is_distroless:
            return "nonroot" in self.tag_lower
        return self.is_chainguard

    @property
    def is_glibc(self) -> bool:
        """A glibc-based image as far as the name tells (not alpine, not static); ``golang``
        without ``-alpine`` is Debian."""
        return not self.is_scratch and not self.is_alpine and not self.is_static


@record
class Variable:
    """A variable in a build's environment.

    Attributes:
        name: the variable name.
        value: its value, or ``None`` when unknown to the linter.
        kind: ``"env"`` (ENV), ``"arg"`` (ARG) or ``"auto"`` (BuildKit's automatic ARGs).
        instruction: where it was declared, or ``None`` for automatic ones and the default
            ``PATH``.
    """

    name: str
    value: str | None
    kind: str
    instruction: n.Instruction | None = None


@record
class LabelPair:
    """One ``key=value`` pair of a LABEL, with key and value expanded as BuildKit does.

    Attributes:
        instruction: the LABEL instruction; an ONBUILD trigger has ``onbuild=True``.
        pair: the pair as written (its ``key``, ``value`` and ``span`` locate it in the file).
        key: the key after variable expansion and quote removal.
        value: the value after variable expansion and quote removal.
        known: ``False`` when an unknown variable is part of the key or the value (a variable
            in an ONBUILD trigger is always unknown: it expands in the child build).
        key_known: ``False`` when an unknown variable is part of the key.
    """

    instruction: n.Label
    pair: n.KeyValue
    key: str
    value: str
    known: bool
    key_known: bool


@record
class BuildState:
    """What is in effect when an instruction runs.

    Attributes:
        user: the last USER value (expanded) in this stage or its parent stages, or ``None``
            when none was set (the base image's default user applies).
        user_instruction: the USER instruction that set it.
        workdir: the working directory, or ``None`` when never set (the base image's, ``/``
            for most images).
        shell: the SHELL in effect (``("/bin/sh", "-c")`` by default).
        shell_instruction: the SHELL instruction that set it, if any.
        variables: ENV and ARG variables visible to the instruction.
        base_env_unknown: the stage builds on an external image whose environment the linter
            does not know (so an undeclared variable may still be set).
    """

    user: str | None = None
    user_instruction: n.User | None = None
    workdir: str | None = None
    shell: tuple[str, ...] = DEFAULT_LINUX_SHELL
    shell_instruction: n.Shell | None = None
    variables: Mapping[str, Variable] = field(default_factory=dict)
    base_env_unknown: bool = True

    def lookup(self, name: str) -> tuple[VarStatus, str]:
        """:data:`~dockwise.syntax.variables.Lookup` over this state's variables."""
        var = self.variables.get(name)
        if var is None:
            return (VarStatus.UNKNOWN if self.base_env_unknown else VarStatus.UNSET, "")
        if var.value is None:
            return (VarStatus.UNKNOWN, "")
        return (VarStatus.SET, var.value)

    def env_value(self, name: str) -> str | None:
        """The known value of ``name``, or ``None`` when unset or unknown."""
        var = self.variables.get(name)
        return var.value if var is not None else None

    @property
    def shell_name(self) -> str:
        """The shell program's base name, lower case (``sh``, ``bash``, ``pwsh``, ``cmd``)."""
        if not self.shell:
            return ""
        prog = self.shell[0].replace("\\", "/").rsplit("/", 1)[-1].lower()
        return prog[:-4] if prog.endswith(".exe") else prog

    @property
    def is_posix_shell(self) -> bool:
        """``True`` when RUN commands are run by a POSIX shell (not cmd or PowerShell)."""
        return self.shell_name in POSIX_SHELLS


@record(eq=False, frozen=False)
class Stage:
    """A build stage: a FROM and the instructions up to the next FROM.

    Attributes:
        index: 0-based position.
        name: the ``AS`` name in lower case (BuildKit's), or ``None``.
        from_: the FROM instruction.
        instructions: the instructions after FROM, in order.
        base: the base image after expanding global ARGs, or ``None`` when the stage builds
            on another stage (see :attr:`parent`) or FROM has no image.
        parent: the earlier stage named in FROM, if any.
        platform: the ``--platform`` value as written, if any.
        is_final: this stage becomes the image (the last stage, or ``--target``).
        reaches_final: the final stage, or a stage it builds on or copies from (transitively).
        depends_on: indexes of stages this one builds on or copies from.
    """

    index: int
    name: str | None
    from_: n.From
    instructions: tuple[n.Instruction, ...] = ()
    base: ImageRef | None = None
    parent: Stage | None = None
    platform: str | None = None
    is_final: bool = False
    reaches_final: bool = False
    depends_on: tuple[int, ...] = ()
    final_state: BuildState = field(default_factory=BuildState)

    @property
    def lineage(self) -> list[Stage]:
        """This stage and the stages it is built ``FROM``, nearest first (``[self, parent,
        grandparent, ...]``); the last one is based on an external image (or on nothing).

        Computed once (a stage's parent is set when the stage is created and never changes);
        a copy is returned."""
        cached = self.__dict__.get("_lineage")
        if cached is None:
            chain: list[Stage] = []
            seen: set[int] = set()
            stage: Stage | None = self
            while stage is not None and stage.index not in seen:
                seen.add(stage.index)
                chain.append(stage)
                stage = stage.parent
            cached = self.__dict__["_lineage"] = tuple(chain)
        return list(cached)

    @property
    def root(self) -> Stage:
        """The last stage of :attr:`lineage`: the one whose FROM names an external image."""
        return self.lineage[-1]

    @property
    def root_base(self) -> ImageRef | None:
        """The external image at the bottom of the FROM chain (through parent stages)."""
        return self.root.base

    @property
    def label(self) -> str:
        """A name for messages: the stage name, or its index as BuildKit numbers it."""
        return self.name if self.name is not None else str(self.index)

    def __repr__(self) -> str:
        return f"Stage({self.index}, {self.name!r}, base={self.base and self.base.text!r})"


class BuildContext:
    """The build context directory, read lazily.

    Attributes:
        root: the context directory.
        dockerfile: the Dockerfile's path (for a Dockerfile-specific ``.dockerignore``).
    """

    def __init__(self, root: Path, dockerfile: Path | None = None) -> None:
        self.root = root
        self.dockerfile = dockerfile

    @functools.cached_property
    def dockerignore_path(self) -> Path | None:
        """The ignore file BuildKit would use: ``<Dockerfile>.dockerignore`` next to the
        Dockerfile, else ``.dockerignore`` at the context root; ``None`` when neither exists."""
        if self.dockerfile is not None:
            specific = self.dockerfile.with_name(self.dockerfile.name + ".dockerignore")
            if specific.is_file():
                return specific
        candidate = self.root / ".dockerignore"
        return candidate if candidate.is_file() else None

    @functools.cached_property
    def dockerignore_patterns(self) -> tuple[str, ...]:
        """The ignore patterns as BuildKit reads them (empty when there is no file)."""
        path = self.dockerignore_path
        if path is None:
            return ()
        try:
            text = read_text(path, regular_only=True, errors="replace")
        except OSError:
            return ()
        return tuple(read_patterns(text))

    def exists(self, relative: str) -> bool:
        """``True`` when ``relative`` (a path inside the context) exists."""
        rel = relative.lstrip("/")
        if rel in ("", "."):
            return self.root.is_dir()
        try:
            return (self.root / rel).exists()
        except OSError:
            return False

    def is_ignored(self, relative: str) -> bool:
        """``True`` when ``.dockerignore`` excludes ``relative`` from the context
        (Docker's matching: see :mod:`dockwise.dockerignore`)."""
        if not self.dockerignore_patterns:
            return False
        return self.dockerignore.matches(relative)

    @functools.cached_property
    def dockerignore(self) -> DockerignoreMatcher:
        """The matcher for this context's ignore patterns."""
        return DockerignoreMatcher(self.dockerignore_patterns)


class Model:
    """The build model of one Dockerfile. See the module docstring.

    Args:
        dockerfile: the parsed file.
        context: the build context, or ``None`` when linting text with no directory.
        target: the ``--target`` stage name; the last stage when ``None``.
        build_args: ``--build-arg`` values (they make ARG values known).
        shell_override: a shell from a ``# hadolint shell=`` / ``# dockwise shell=`` pragma:
            the default shell of every stage built on an image (what the base image's shell
            is, as hadolint reads the pragma); a SHELL instruction still replaces it.
    """

    def __init__(self, dockerfile: n.Dockerfile, context: BuildContext | None = None,
                 target: str | None = None, build_args: Mapping[str, str] | None = None,
                 shell_override: str | None = None) -> None:
        self.dockerfile = dockerfile
        self.context = context
        self.target = target
        self.build_args = dict(build_args or {})
        self.shell_override = shell_override
        self.escape = dockerfile.escape
        self.stages: list[Stage] = []
        self._stage_names: dict[str, Stage] = {}
        self.global_args: list[n.Arg] = []
        self.before_first_from: list[n.Instruction] = []
        self._stage_of: dict[int, Stage] = {}
        self._state: dict[int, BuildState] = {}
        self._scripts: dict[int, tuple[Script, ...]] = {}
        self._config_texts: dict[tuple[int, str], tuple[str, ...]] = {}
        self._by_kind: dict[type, list[n.Instruction]] = {}
        self.global_variables: dict[str, Variable] = {}
        self._build()

    # -- construction --------------------------------------------------------------------------

    def _build(self) -> None:
        for name in AUTOMATIC_PLATFORM_ARGS:
            self.global_variables[name] = Variable(name, self.build_args.get(name), "auto")
        current: Stage | None = None
        body: list[n.Instruction] = []
        for instr in self.dockerfile.instructions:
            self._by_kind.setdefault(type(instr), []).append(instr)
            if isinstance(instr, n.From):
                if current is not None:
                    current.instructions = tuple(body)
                current = self._new_stage(instr)
                body = []
                continue
            if current is None:
                self.before_first_from.append(instr)
                if isinstance(instr, n.Arg):
                    self.global_args.append(instr)
                    for pair in instr.pairs:
                        self._declare_global(pair, instr)
                continue
            body.append(instr)
            self._stage_of[id(instr)] = current
        if current is not None:
            current.instructions = tuple(body)
        for stage in self.stages:
            self._run_stage(stage)
        self._mark_final()

    def _declare_global(self, pair: n.KeyValue, instr: n.Arg) -> None:
        name = pair.key.text
        if name in self.build_args:
            value: str | None = self.build_args[name]
        elif pair.value is None:
            value = None
        else:
            value = self._expand_with(pair.value.text, self._global_lookup).text
            if not self._expand_with(pair.value.text, self._global_lookup).known:
                value = None
        self.global_variables[name] = Variable(name, value, "arg", instr)

    def _global_lookup(self, name: str) -> tuple[VarStatus, str]:
        var = self.global_variables.get(name)
        if var is None:
            return (VarStatus.UNSET, "")
        if var.value is None:
            return (VarStatus.UNKNOWN, "")
        return (VarStatus.SET, var.value)

    def _expand_with(self, text: str, lookup: Lookup) -> Expansion:
        if "$" not in text and "'" not in text and '"' not in text and self.escape not in text:
            # nothing to expand or unquote: BuildKit's lexer gives the text back as it is
            # (most words are like this, and the lexer is the costly part of linting them)
            return Expansion(text, True, tuple(w for w in _GO_SPACES_RE.split(text) if w),
                             _NOTHING, _NOTHING, _NOTHING)
        return expand(text, lookup, self.escape)

    def _new_stage(self, instr: n.From) -> Stage:
        index = len(self.stages)
        name = instr.stage_name.text.lower() if instr.stage_name is not None else None
        stage = Stage(index, name, instr, platform=instr.flag_value("platform"))
        self._stage_of[id(instr)] = stage
        if instr.image is not None:
            exp = self._expand_with(instr.image.text, self._global_lookup)
            parent = self.stage_named(exp.text) if exp.known else None
            if parent is not None and parent.index < index:
                stage.parent = parent
            else:
                stage.base = ImageRef.parse(exp.text, exp.known)
        self.stages.append(stage)
        if name is not None:
            self._stage_names.setdefault(name, stage)
        return stage

    def _initial_state(self, stage: Stage) -> BuildState:
        if stage.parent is not None:
            inherited = stage.parent.final_state
            return BuildState(user=inherited.user, user_instruction=inherited.user_instruction,
                              workdir=inherited.workdir, shell=inherited.shell,
                              shell_instruction=inherited.shell_instruction,
                              variables=dict(inherited.variables),
                              base_env_unknown=inherited.base_env_unknown)
        base = stage.base
        shell: tuple[str, ...] = DEFAULT_WINDOWS_SHELL if base is not None and \
            base.is_windows else DEFAULT_LINUX_SHELL
        if self.shell_override:
            shell = tuple(self.shell_override.split()) or shell
        unknown_env = base is not None and not base.is_scratch
        # BuildKit always sets PATH; when the base's environment is known (scratch) it is the
        # default one.
        variables = {} if unknown_env else {"PATH": Variable("PATH", DEFAULT_PATH, "env")}
        return BuildState(shell=shell, variables=variables, base_env_unknown=unknown_env)

    def _run_stage(self, stage: Stage) -> None:
        state = self._initial_state(stage)
        variables = dict(state.variables)
        user, user_instr = state.user, state.user_instruction
        workdir = state.workdir
        shell, shell_instr = state.shell, state.shell_instruction
        unknown_env = state.base_env_unknown
        self._state[id(stage.from_)] = state
        for instr in stage.instructions:
            self._state[id(instr)] = state
            changed = True

            def lookup(name: str, _vars: dict[str, Variable] = variables,
                       _unknown: bool = unknown_env) -> tuple[VarStatus, str]:
                var = _vars.get(name)
                if var is None:
                    return (VarStatus.UNKNOWN if _unknown else VarStatus.UNSET, "")
                if var.value is None:
                    return (VarStatus.UNKNOWN, "")
                return (VarStatus.SET, var.value)

            if isinstance(instr, n.Env):
                variables = dict(variables)
                # BuildKit expands every pair with the environment before the instruction
                for pair in instr.pairs:
                    if pair.value is None:
                        continue
                    exp = self._expand_with(pair.value.text, lookup)
                    variables[pair.key.text] = Variable(pair.key.text,
                                                        exp.text if exp.known else None,
                                                        "env", instr)
            elif isinstance(instr, n.Arg):
                variables = dict(variables)
                for pair in instr.pairs:
                    name = pair.key.text
                    existing = variables.get(name)
                    if existing is not None and existing.kind == "env":
                        continue  # ENV wins over ARG
                    if name in self.build_args:
                        value: str | None = self.build_args[name]
                    elif pair.value is not None:
                        exp = self._expand_with(pair.value.text, lookup)
                        value = exp.text if exp.known else None
                    elif name in self.global_variables:
                        value = self.global_variables[name].value
                    else:
                        value = None
                    variables[name] = Variable(name, value, "arg", instr)
            elif isinstance(instr, n.User) and instr.value is not None:
                exp = self._expand_with(instr.value.text, lookup)
                user, user_instr = exp.text, instr
            elif isinstance(instr, n.Workdir) and instr.value is not None:
                exp = self._expand_with(instr.value.text, lookup)
                path = exp.text
                if not path.startswith("/") and not re.match(r"^[A-Za-z]:[\\/]", path):
                    path = (workdir or "/").rstrip("/") + "/" + path
                workdir = path
            elif isinstance(instr, n.Shell) and instr.is_exec and instr.exec_args:
                shell, shell_instr = instr.argv, instr
            else:
                changed = False
            if changed:
                state = BuildState(user, user_instr, workdir, shell, shell_instr, variables,
                                   unknown_env)
        stage.final_state = state

    def _mark_final(self) -> None:
        if not self.stages:
            return
        final = self.stages[-1]
        if self.target:
            named = self.stage_named(self.target)
            if named is not None:
                final = named
        final.is_final = True
        for stage in self.stages:
            stage.depends_on = tuple(sorted(self._dependencies(stage)))
        todo = [final]
        while todo:
            stage = todo.pop()
            if stage.reaches_final:
                continue
            stage.reaches_final = True
            todo.extend(self.stages[i] for i in stage.depends_on)

    def _dependencies(self, stage: Stage) -> set[int]:
        deps: set[int] = set()
        if stage.parent is not None:
            deps.add(stage.parent.index)
        for instr in stage.instructions:
            ref = None
            if isinstance(instr, n.Copy):
                ref = instr.flag_value("from")
                if ref is not None:
                    target = self.copy_source(instr)
                    if isinstance(target, Stage) and target.index != stage.index:
                        deps.add(target.index)
            elif isinstance(instr, n.Run):
                for mount in self.mounts(instr):
                    src = mount.get("from")
                    if src:
                        target_stage = self._resolve_stage_ref(src, instr)
                        if target_stage is not None and target_stage.index != stage.index:
                            deps.add(target_stage.index)
        return deps

    # -- queries ---------------------------------------------------------------------------------

    def stage_named(self, name: str) -> Stage | None:
        """The first stage called ``name`` (case-insensitive, as BuildKit), or ``None``."""
        return self._stage_names.get(name.lower())

    def stage_of(self, instr: n.Instruction) -> Stage | None:
        """The stage an instruction belongs to (``None`` before the first FROM)."""
        return self._stage_of.get(id(instr))

    def state(self, instr: n.Instruction) -> BuildState:
        """The :class:`BuildState` in effect when ``instr`` runs."""
        found = self._state.get(id(instr))
        if found is not None:
            return found
        return BuildState(variables=dict(self.global_variables), base_env_unknown=False)

    def instructions(self, *kinds: type[n.Instruction]) -> Iterator[n.Instruction]:
        """Top-level instructions of the given node types, in file order."""
        if len(kinds) == 1:
            yield from self._by_kind.get(kinds[0], ())
            return
        for instr in self.dockerfile.instructions:
            if isinstance(instr, kinds):
                yield instr

    @property
    def final_stage(self) -> Stage | None:
        """The stage that becomes the image."""
        for stage in self.stages:
            if stage.is_final:
                return stage
        return None

    def expand(self, text: str, instr: n.Instruction) -> Expansion:
        """Expand ``text`` with the variables in effect at ``instr``.

        For FROM lines and instructions before the first FROM, only global ARGs are visible.
        An ONBUILD trigger runs in a later build whose variables the linter cannot know, so
        every variable in it is unknown.
        """
        if instr.onbuild:
            return self._expand_with(text, _all_unknown)
        if isinstance(instr, n.From) or self.stage_of(instr) is None:
            return self._expand_with(text, self._global_lookup)
        return self._expand_with(text, self.state(instr).lookup)

    def _resolve_stage_ref(self, ref: str, instr: n.Instruction) -> Stage | None:
        exp = self.expand(ref, instr)
        if not exp.known:
            return None
        value = exp.text
        stage = self.stage_named(value)
        if stage is not None:
            return stage
        if value.isdigit():
            idx = int(value)
            current = self.stage_of(instr)
            if idx < len(self.stages) and (current is None or idx < current.index):
                return self.stages[idx]
        return None

    def copy_source(self, instr: n.Copy) -> Stage | ImageRef | None:
        """What ``COPY --from`` names: a stage, an external image, or ``None`` (no flag, or
        a value that depends on unknown variables); see :meth:`image_source`."""
        ref = instr.flag_value("from")
        if ref is None or ref == "":
            return None
        return self.image_source(ref, instr)

    def image_source(self, ref: str, instr: n.Instruction) -> Stage | ImageRef | None:
        """What a ``--from`` value (``COPY --from``, ``RUN --mount=from=``) at ``instr`` names:
        a stage (by name, or by an index lower than the current stage's), an external image,
        or ``None`` when the value depends on unknown variables or is BuildKit's reserved
        ``context`` (the build context itself) with no stage of that name."""
        stage = self._resolve_stage_ref(ref, instr)
        if stage is not None:
            return stage
        exp = self.expand(ref, instr)
        if not exp.known or exp.text.lower() == "context":
            return None
        return ImageRef.parse(exp.text)

    def from_references(self) -> Iterator[tuple[n.Copy | n.Run, str, n.Span]]:
        """Every stage or image a top-level instruction reads by name, in file order: the
        ``--from`` of COPY and the ``from=`` of each RUN ``--mount``, as
        ``(instruction, value as written without quotes, span of the value)``. The span is the
        whole ``--mount`` flag when the value cannot be located exactly (quotes, line breaks).
        Resolve a value with :meth:`image_source`.
        """
        for instr in self.instructions(n.Copy, n.Run):
            if isinstance(instr, n.Copy):
                flag = instr.flag("from")
                if flag is not None and flag.value:
                    yield instr, flag.value, flag.value_span or flag.span
                continue
            assert isinstance(instr, n.Run)
            for flag in instr.all_flags("mount"):
                m = _MOUNT_FROM_RE.search(flag.value or "")
                if m is None or not m.group(1):
                    continue
                span, vspan = flag.span, flag.value_span
                if vspan is not None and vspan.start_line == vspan.end_line and \
                        vspan.end_column - vspan.start_column == len(flag.value or ""):
                    span = n.Span(vspan.start_line, vspan.start_column + m.start(1),
                                  vspan.start_line, vspan.start_column + m.end(1))
                yield instr, m.group(1), span

    def labels(self) -> Iterator[LabelPair]:
        """Every pair of every LABEL, ONBUILD LABEL triggers included, in file order."""
        for instr in self.dockerfile.instructions:
            yield from self._label_pairs(instr.trigger if isinstance(instr, n.Onbuild) else instr)

    def image_instructions(self, stage: Stage) -> list[n.Instruction]:
        """The instructions that make the image built by ``stage``, in build order: those of
        the stages it is built ``FROM`` (root first) and its own, each stage's preceded by the
        ONBUILD triggers of its parent stage (they run in the child; grandchildren do not
        inherit them). What the external base image did is unknown to the linter."""
        out: list[n.Instruction] = []
        parent: Stage | None = None
        for st in stage.lineage[::-1]:
            if parent is not None:
                out.extend(i.trigger for i in parent.instructions
                           if isinstance(i, n.Onbuild) and i.trigger is not None)
            out.extend(st.instructions)
            parent = st
        return out

    def image_labels(self, stage: Stage) -> dict[str, LabelPair]:
        """The labels the image built by ``stage`` carries (see :meth:`image_instructions`),
        by expanded key; a later pair wins."""
        return {lp.key: lp for instr in self.image_instructions(stage)
                for lp in self._label_pairs(instr)}

    def _label_pairs(self, instr: n.Instruction | None) -> Iterator[LabelPair]:
        if not isinstance(instr, n.Label):
            return
        for pair in instr.pairs:
            key = self.expand(pair.key.text, instr)
            value = self.expand(pair.value.text, instr) if pair.value is not None else key
            yield LabelPair(instr, pair, key.text, value.text if pair.value is not None else "",
                            key.known and value.known, key.known)

    def mounts(self, instr: n.Run) -> list[dict[str, str]]:
        """``RUN --mount`` options as dictionaries (``{"type": "cache", "target": ...}``).

        A mount without ``type`` is a bind mount, as in BuildKit. ``target`` also accepts
        BuildKit's aliases ``dst`` and ``destination``.
        """
        out = []
        for flag in instr.all_flags("mount"):
            opts: dict[str, str] = {}
            for part in _split_csv(flag.value or ""):
                key, eq, value = part.partition("=")
                key = key.strip().lower()
                if key in ("dst", "destination"):
                    key = "target"
                if key == "src":
                    key = "source"
                opts[key] = value.strip() if eq else "true"
            opts.setdefault("type", "bind")
            out.append(opts)
        return out

    def cache_mount_targets(self, instr: n.Run) -> list[str]:
        """Targets of ``--mount=type=cache`` (and tmpfs) mounts, expanded where known."""
        targets = []
        for m in self.mounts(instr):
            if m.get("type") in ("cache", "tmpfs") and "target" in m:
                targets.append(self.expand(m["target"], instr).text)
        return targets

    def scripts(self, instr: n.Run) -> tuple[Script, ...]:
        """The shell scripts a RUN executes, parsed with tree-sitter-bash (cached).

        * shell form: the command line (heredoc markers blanked out; their bodies are data for
          the command unless a shell runs them, see below);
        * a heredoc that *is* the command (``RUN <<EOF``) or that feeds a shell
          (``RUN <<EOF bash``, ``RUN bash <<EOF``): its body, in the dialect its shebang or the
          shell names; a body whose shebang names a non-shell interpreter is not included;
        * exec form ``["sh", "-c", "script"]`` (options such as ``-o pipefail`` allowed before
          ``-c``): the script.

        Each script's :attr:`~dockwise.syntax.shell.Script.runner` says what runs it. Empty for
        a shell-form RUN when the stage's shell is not a POSIX shell (``cmd``, PowerShell).
        """
        key = id(instr)
        cached = self._scripts.get(key)
        if cached is not None:
            return cached
        result = self._make_scripts(instr)
        self._scripts[key] = result
        return result

    def _make_scripts(self, instr: n.Run) -> tuple[Script, ...]:
        if instr.is_exec:
            return _exec_script(instr)  # exec form does not go through SHELL
        state = self.state(instr)
        if not state.is_posix_shell:
            return ()
        dialect = state.shell_name
        cmd = instr.command
        if cmd is None:
            return ()
        scripts = []
        heredocs = instr.heredocs
        if not heredocs:
            mapper = PositionMapper([(0, instr.source_map, cmd.offset)])
            return (parse_script(cmd.text, mapper, dialect, runner=state.shell),)
        # The command line with each heredoc marker blanked (same length, so positions stay
        # exact): the bodies are data for the command, or scripts parsed on their own below.
        sans_markers = _MARKER_RE.sub(lambda m: " " * len(m.group(0)), cmd.text)
        line_script = parse_script(sans_markers, PositionMapper([(0, instr.source_map,
                                                                  cmd.offset)]), dialect,
                                   runner=state.shell)
        if sans_markers.strip():
            scripts.append(line_script)
        feeding_shell = _shell_reading_stdin(sans_markers)
        for doc in heredocs:
            runs_as_script = not sans_markers.strip() or (feeding_shell is not None and
                                                           doc.fd == 0)
            if not runs_as_script:
                continue
            body_dialect = feeding_shell or dialect
            runner = tuple(sans_markers.split()) if feeding_shell else state.shell
            m = _SHEBANG_RE.match(doc.text)
            if m:
                interp = m.group(1).rsplit("/", 1)[-1]
                if interp == "env" and m.group(2):
                    interp = m.group(2).rsplit("/", 1)[-1]
                if interp not in POSIX_SHELLS:
                    continue
                body_dialect = interp
                if not feeding_shell:
                    # BuildKit runs a heredoc starting with #! as a file: the kernel passes
                    # the interpreter at most one argument, and SHELL is not involved
                    line = doc.text.split("\n", 1)[0][2:].strip()
                    interp_path, _, arg = line.partition(" ")
                    runner = (interp_path, arg.strip()) if arg.strip() else (interp_path,)
            mapper = PositionMapper([(0, doc.content_map, 0)])
            scripts.append(parse_script(doc.content, mapper, body_dialect, source="heredoc",
                                        runner=runner))
        return tuple(scripts)

    def references(self, instr: n.Instruction, where: n.Token | n.Flag | n.Heredoc
                   ) -> list[tuple[str, n.Span]]:
        """The variables a word of ``instr`` refers to, as BuildKit's lexer finds them
        (:func:`~dockwise.syntax.variables.find_references`), each with the span of its
        ``$NAME`` or ``${...}`` in the file.

        ``where`` is an argument token, a ``--flag`` (its value is scanned) or a heredoc whose
        body is expanded (quotes are literal there, as in BuildKit). Where the written text is
        not the token's (a JSON string with escapes, a flag split over lines) every reference
        gets the whole token's span.
        """
        if isinstance(where, n.Heredoc):
            return [(name, where.content_map.span(s, e)) for name, s, e in
                    find_references(where.content, "\\", quotes=False)]
        if isinstance(where, n.Flag):
            vspan = where.value_span
            if vspan is None:
                return []
            if vspan.start_line != vspan.end_line:
                text = where.value or ""
                return [(name, vspan) for name, _s, _e in find_references(text, self.escape)]
            line = self.dockerfile.lines[vspan.start_line - 1]
            raw = line[vspan.start_column - 1:vspan.end_column - 1]
            return [(name, n.Span(vspan.start_line, vspan.start_column + s, vspan.start_line,
                                  vspan.start_column + e))
                    for name, s, e in find_references(raw, self.escape)]
        text, start = where.text, where.offset
        if start >= 0 and instr.line_text[start:start + len(text)] == text:
            return [(name, instr.span_of(start + s, start + e))
                    for name, s, e in find_references(text, self.escape)]
        return [(name, where.span) for name, _s, _e in find_references(text, self.escape)]

    def commands(self, instr: n.Run) -> Iterator:
        """Every simple command of every script of ``instr`` (see :meth:`scripts`)."""
        for script in self.scripts(instr):
            yield from script.commands

    def context_copy_source(self, instr: n.Instruction) -> n.Token | None:
        """The source token when a COPY/ADD copies the whole build context (``COPY . .``,
        ``COPY ./ /src``, ``ADD . /app``, ``COPY * ./``), else ``None``.

        A COPY with ``--from`` copies from a stage or image, not the context.
        """
        if not isinstance(instr, n.FileTransfer) or instr.flag("from") is not None:
            return None
        for src in instr.sources:
            text = self.expand(src.text, instr).text if "$" in src.text else src.text
            if text.strip('"\'') in (".", "./", "*", "./*", "/", "./."):
                return src
        return None

    @functools.cached_property
    def image_stages(self) -> tuple[Stage, ...]:
        """The stages whose layers end up in an image, in file order.

        With ``--target``: the target and the stages it is built ``FROM`` (its lineage).
        Without: the lineage of every stage that no other stage builds on or copies from
        (the last stage, and any other stage that can only be meant as a ``--target``). A
        stage used only through ``COPY --from`` or ``RUN --mount=from=`` is a builder: its
        files other than those copied never reach an image.
        """
        if not self.stages:
            return ()
        if self.target:
            tips = [s for s in self.stages if s.is_final]
        else:
            used = {i for s in self.stages for i in s.depends_on}
            tips = [s for s in self.stages if s.index not in used]
        keep = {id(s) for tip in tips for s in tip.lineage}
        return tuple(s for s in self.stages if id(s) in keep)

    def image_runs(self) -> Iterator[tuple[Stage, n.Run]]:
        """Every top-level RUN of an :attr:`image_stages` stage, with its stage, in file
        order, then every ONBUILD RUN trigger (it runs in a child image): the RUNs whose
        layers are shipped (what cache-cleanup rules look at)."""
        image = self.image_stages
        for stage, run in self.runs():
            if stage in image:
                yield stage, run
        yield from self.onbuild_runs()

    def onbuild_runs(self) -> Iterator[tuple[Stage, n.Run]]:
        """Every ``ONBUILD RUN`` trigger with the stage that declares it, in file order. The
        trigger runs when a later build uses this image in ``FROM``; its variables are that
        build's (unknown here)."""
        for instr in self._by_kind.get(n.Onbuild, ()):
            stage = self.stage_of(instr)
            trigger = instr.trigger  # type: ignore[attr-defined]
            if stage is not None and isinstance(trigger, n.Run):
                yield stage, trigger

    def cache_mounted(self, instr: n.Run, *paths: str) -> bool:
        """``True`` when a cache or tmpfs mount of ``instr`` covers one of ``paths`` (see
        :func:`dockwise.syntax.shell.path_covers`), so what is written there is not kept in
        the layer."""
        return any(sh.path_covers(target, path) for target in self.cache_mount_targets(instr)
                   for path in paths)

    def calls_leaving_cache(
            self, manager: str, actions: Iterable[str],
            caches: Sequence[str] | Callable[[n.Run, sh.PackageCall], Sequence[str]],
            cleaners: Callable[[Script], Iterable[int]] | None = None,
            uncached: Callable[[n.Run, Script, sh.PackageCall], bool] | None = None,
    ) -> Iterator[tuple[n.Run, Script, sh.PackageCall]]:
        """Calls of ``manager`` (with one of ``actions``) in the RUNs of :attr:`image_stages`
        that leave their cache in the layer.

        A call does not when a cache or tmpfs mount of its RUN covers one of ``caches``
        (paths as for :func:`~dockwise.syntax.shell.path_covers`; a function of the RUN and
        the call when they depend on ``--cache-dir`` or ENV), when the script deletes one of
        them after the call or runs a cleaning command (``cleaners(script)`` gives their
        command indexes, e.g. of ``yum clean all``), or when ``uncached(run, script, call)``
        says the call keeps no cache (``--no-cache``).
        """
        for _stage, run in self.image_runs():
            for script in self.scripts(run):
                cleans = list(cleaners(script)) if cleaners is not None else []
                for call in sh.package_calls(script, manager, actions):
                    if uncached is not None and uncached(run, script, call):
                        continue
                    paths = caches(run, call) if callable(caches) else caches
                    if not self.cache_mounted(run, *paths) and \
                            not sh.cleaned_after(script, call.command.index, cleans, paths):
                        yield run, script, call

    def preceding(self, instr: n.Instruction) -> Iterator[n.Instruction]:
        """The instructions that build the filesystem ``instr`` runs on, in build order:
        those of the parent stages (``FROM stage``, root first), then the earlier ones of
        its own stage."""
        stage = self.stage_of(instr)
        if stage is None:
            return
        for parent in reversed(stage.lineage[1:]):
            yield from parent.instructions
        for earlier in stage.instructions:
            if earlier is instr:
                return
            yield earlier

    def config_texts(self, instr: n.Instruction, directory: str) -> tuple[str, ...]:
        """Texts that may have written configuration under ``directory`` before ``instr``
        runs (see :meth:`preceding`), in build order: the whole text of a RUN that names the
        directory (its arguments and heredoc bodies), and the body of a COPY/ADD heredoc
        whose destination is in it. Used to find settings such as
        ``APT::Install-Recommends`` written to ``/etc/apt/apt.conf.d`` (cached)."""
        key = (id(instr), directory)
        found = self._config_texts.get(key)
        if found is not None:
            return found
        texts: list[str] = []
        for earlier in self.preceding(instr):
            if isinstance(earlier, n.Run):
                text = earlier.args + "".join(d.content for d in earlier.heredocs)
                if directory in text:
                    texts.append(text)
            elif isinstance(earlier, n.FileTransfer) and earlier.heredocs:
                dest = earlier.destination
                if dest is not None and self.expand(dest.text, earlier).text.startswith(
                        directory):
                    texts.extend(doc.content for doc in earlier.heredocs)
        self._config_texts[key] = found = tuple(texts)
        return found

    def package_calls(self, manager: str, actions: Iterable[str] | None = None
                      ) -> Iterator[tuple[Stage, n.Run, Script, sh.PackageCall]]:
        """Every call of package manager ``manager`` in every RUN, ONBUILD RUN triggers
        included (see :func:`dockwise.syntax.shell.package_calls`), with its stage, RUN and
        script: top-level RUNs in file order, then the triggers."""
        for runs in (self.runs(), self.onbuild_runs()):
            for stage, run in runs:
                for script in self.scripts(run):
                    for call in sh.package_calls(script, manager, actions):
                        yield stage, run, script, call

    def package_words(self, manager: str, actions: Iterable[str] | None = None
                      ) -> Iterator[tuple[n.Run, sh.PackageCall, sh.ShellWord, str]]:
        """Every package a ``manager`` call names, as ``(run, call, word, package)``: the
        package text after variable expansion (see :meth:`word_values`; ``$PKGS`` may give
        several), and the word it comes from (for its span). Words whose value the linter
        cannot know are left out."""
        for _stage, run, script, call in self.package_calls(manager, actions):
            for word in call.packages:
                for value in self.word_values(word, run, script) or ():
                    yield run, call, word, value

    def word_values(self, word: sh.ShellWord, instr: n.Instruction,
                    script: Script | None = None) -> tuple[str, ...] | None:
        """The words a shell ``word`` of ``instr`` becomes when the shell runs it, or ``None``
        when that depends on something the linter cannot know.

        A literal word is itself. ``$NAME``/``${NAME}`` expand with the ARG and ENV values
        in effect (ARG and ENV are the shell's environment), and an unquoted expansion is
        split into words. Unknown: an ARG without a default or the base image's
        environment, a variable the ``script`` itself assigns, a command substitution, an
        array or other shell-only expansion.
        """
        if word.literal:
            return (word.text,)
        if instr.onbuild:
            return None  # expands in the child build
        raw = word.raw
        if "$(" in raw or "`" in raw or "<(" in raw:
            return None
        exp = self.expand(raw, instr)
        if not exp.known or exp.error is not None:
            return None
        if script is not None and exp.used & self._script_assignments(script):
            return None
        return exp.words

    @staticmethod
    def _script_assignments(script: Script) -> frozenset[str]:
        """Names a script assigns itself (``A=1``, ``export A=1``; ``read A`` is not seen)."""
        return frozenset(a.name for c in script.commands if not c.argv or c.declaration
                         for a in c.assignments)

    def runs(self) -> Iterator[tuple[Stage, n.Run]]:
        """Every top-level RUN with its stage, in file order."""
        for instr in self._by_kind.get(n.Run, ()):
            stage = self.stage_of(instr)
            if stage is not None:
                yield stage, instr  # type: ignore[misc]

    def overridden(self, kind: type[n.Instruction]) -> Iterator[tuple[n.Instruction,
                                                                     n.Instruction]]:
        """``(earlier, later)`` for each instruction of ``kind`` that a later one of the same
        kind in the same stage replaces, in file order of ``later``.

        Only the last CMD, ENTRYPOINT or HEALTHCHECK of a stage reaches the image config
        (BuildKit's ``validateUsedOnce``); one in a parent stage is not counted, since
        overriding an inherited setting is the point of writing it again.
        """
        previous: dict[int, n.Instruction] = {}
        for instr in self._by_kind.get(kind, ()):
            stage = self.stage_of(instr)
            if stage is None:
                continue
            earlier = previous.get(stage.index)
            if earlier is not None:
                yield earlier, instr
            previous[stage.index] = instr


def _all_unknown(name: str) -> tuple[VarStatus, str]:
    """A lookup for which every variable is unknown (ONBUILD triggers)."""
    return (VarStatus.UNKNOWN, "")


def _exec_script(instr: n.Run) -> tuple[Script, ...]:
    """The script of an exec-form ``["sh", "-c", "script"]`` (options such as ``-e``,
    ``-o pipefail`` or ``-exc`` allowed before it), or ``()``."""
    argv = instr.exec_args
    if not argv or argv[0].text.rsplit("/", 1)[-1] not in POSIX_SHELLS:
        return ()
    i = 1
    command_string = False
    while i < len(argv):
        t = argv[i].text
        if t == "--" or len(t) < 2 or t[0] not in "-+":
            break
        if not t.startswith("--"):
            command_string = command_string or "c" in t
            if t[-1] in "oO":
                i += 1  # -o OPTION / bash's -O SHOPT
        i += 1
    if not command_string or i >= len(argv):
        return ()
    tok = argv[i]
    # positions are exact only when the JSON string has no escapes
    if instr.line_text[tok.offset + 1: tok.offset + 1 + len(tok.text)] != tok.text:
        return ()
    mapper = PositionMapper([(0, instr.source_map, tok.offset + 1)])
    return (parse_script(tok.text, mapper, argv[0].text.rsplit("/", 1)[-1],
                         runner=tuple(a.text for a in argv[:i])),)


def _split_csv(value: str) -> list[str]:
    """Split a ``--mount`` value on commas outside double quotes (BuildKit uses CSV)."""
    parts: list[str] = []
    cur: list[str] = []
    quoted = False
    for ch in value:
        if ch == '"':
            quoted = not quoted
            continue
        if ch == "," and not quoted:
            parts.append("".join(cur))
            cur = []
            continue
        cur.append(ch)
    parts.append("".join(cur))
    return [p for p in parts if p]


def _mask_braces(text: str) -> str:
    """``text`` with every character inside ``${...}`` (nested too) replaced by ``_``."""
    out = list(text)
    depth = 0
    i = 0
    while i < len(text):
        if text.startswith("${", i):
            depth += 1
            i += 2
            continue
        if depth:
            if text[i] == "}":
                depth -= 1
            else:
                out[i] = "_"
        i += 1
    return "".join(out)


_MARKER_RE = re.compile(r"(?:^|(?<=\s))\d*<<-?(?:\"[^\"]*\"|'[^']*'|[^\s<]+)")


def _shell_reading_stdin(sans_markers: str) -> str | None:
    """When the RUN line is a single shell reading its script from stdin, return its name."""
    words = sans_markers.split()
    if not words:
        return None
    prog = words[0].rsplit("/", 1)[-1]
    if prog not in POSIX_SHELLS:
        return None
    if any(w.startswith("-") and not w.startswith("--") and "c" in w[1:] for w in words[1:]):
        return None
    if any(not w.startswith("-") for w in words[1:]):
        return None  # a script file argument: stdin is data
    return prog
