"""Searching directories for Dockerfiles the way git sees the tree.

Used by :func:`dockwise.discover.discover` for directories on the command line and for
``--exclude``; imported only then, so linting named files never loads it (nor ``pathspec``).

Depth first: a directory's files in sorted order, then its subdirectories in sorted order.
``.git``, ``.hg``, ``.svn``, ``node_modules`` and ``vendor`` are never entered. Inside a git
repository (a directory holding ``.git``), the repository's ignore rules are honoured as git
applies them: every ``.gitignore`` from the repository root down to the file's directory, and
``.git/info/exclude``, with the deeper file deciding, negations (``!``) re-including, and an
ignored directory never entered (so nothing below it can be re-included). A directory given on
the command line is searched even when it is itself ignored (the rules above it then do not
apply inside it). A nested repository (a subdirectory with its own ``.git``) follows its own
rules only. git's global ``core.excludesFile`` is not read.

Symbolic links to directories are followed; a link back to a directory that is being searched
(a loop) is reported and not entered, and a directory reached a second time through another
link is not searched twice. Unreadable directories are reported and the search goes on.

Patterns (``.gitignore`` files and ``--exclude``) use git's wildmatch syntax through the
``pathspec`` library, which is imported only when there are patterns to match.
"""

from __future__ import annotations

import errno
import os
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from dockwise.discover import SKIP_DIRS, Found, PatternError, Problem, is_dockerfile_name
from dockwise.files import read_bytes


class _Rules:
    """The ignore rules of one directory level: a compiled spec and the directory (an absolute
    path) its patterns are relative to."""

    __slots__ = ("base", "spec")

    def __init__(self, base: str, spec: Any) -> None:
        self.base = base
        self.spec = spec


#: Above this many patterns in one matcher, Python's ``re`` backend is used: RE2 compiles a
#: set of patterns into one automaton within a memory budget, and about 1,500 to 4,700
#: ``.gitignore`` lines exhaust it (it then also logs to stderr).
_RE2_MAX_PATTERNS = 1000


def _compile(lines: list[str], *, strict: bool = False) -> Any:
    """A ``pathspec`` matcher for git wildmatch ``lines``. A line git cannot use either (a lone
    ``!``, a trailing backslash, a ``[z-a]`` range) is skipped, as git skips it, or with
    ``strict`` raises :class:`PatternError` naming it.

    Matching uses pathspec's RE2 backend (``google-re2``): RE2 never backtracks, while
    Python's ``re`` took minutes on a ``.gitignore`` line such as ``*a*a*a*a*a*ab`` against a
    directory named with 200 ``a`` (git's own wildmatch is not exponential either). Sets RE2
    cannot compile (more than :data:`_RE2_MAX_PATTERNS` lines, POSIX classes) use pathspec's
    Python backend, with the same meaning."""
    import pathspec

    def spec(patterns: list[str], backend: str = "re2") -> Any:
        with warnings.catch_warnings():  # Python's re warns about "[[" in a pattern's class
            warnings.simplefilter("ignore", FutureWarning)
            if backend == "re2" and len(patterns) > _RE2_MAX_PATTERNS:
                backend = "simple"
            try:
                return pathspec.GitIgnoreSpec.from_lines(patterns, backend=backend)
            except Exception:
                if backend == "simple":
                    raise
                # RE2 refuses some sets it could match one by one (memory budget, classes
                # such as [[:alpha:]]); Python's re reads them as pathspec means them
                return pathspec.GitIgnoreSpec.from_lines(patterns, backend="simple")

    def valid(line: str) -> bool:
        try:
            spec([line], "simple")
        except Exception:  # pathspec's own error, or a regex error from a bad range
            return False
        return True

    try:
        return spec(lines)
    except Exception:
        bad = [line for line in lines if not valid(line)]
        if strict and bad:
            raise PatternError(f"invalid pattern {bad[0]!r}") from None
        return spec([line for line in lines if line not in bad], "simple")


def _read_patterns(path: str) -> list[str]:
    """The pattern lines of an ignore file, or ``[]`` when it is missing or unreadable."""
    try:
        data = read_bytes(path, regular_only=True)
    except OSError:
        return []
    lines = data.decode("utf-8", "replace").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]


def _ignored(chain: Sequence[_Rules], abspath: str, is_dir: bool) -> bool:
    """git's decision for a path under a chain of ``.gitignore`` levels (root first): the
    deepest level with a matching pattern decides."""
    for rules in reversed(chain):
        rel = os.path.relpath(abspath, rules.base).replace(os.sep, "/")
        result = rules.spec.check_file(rel + "/" if is_dir else rel)
        if result.include is not None:
            return bool(result.include)
    return False


def _repository_root(directory: str) -> str | None:
    current = directory
    while True:
        if os.path.exists(os.path.join(current, ".git")):
            return current
        parent = os.path.dirname(current)
        if parent == current:
            return None
        current = parent


class Walker:
    """Depth-first directory search with git's ignore rules, excludes and loop detection.

    Args:
        found: where files and problems are collected.
        exclude: ``--exclude`` patterns (git wildmatch), relative to ``cwd``.
        gitignore: honour ``.gitignore`` and ``.git/info/exclude``.
        cwd: the working directory (absolute).

    Raises:
        PatternError: an ``exclude`` pattern is not valid git wildmatch syntax.
    """

    def __init__(self, found: Found, exclude: Sequence[str], gitignore: bool,
                 cwd: Path) -> None:
        self.found = found
        self.cwd = str(cwd)
        self.exclude = _compile(list(exclude), strict=True) if exclude else None
        self.gitignore = gitignore
        self._seen_dirs: set[tuple[int, int]] = set()

    def excluded(self, path: Path | str, *, is_dir: bool) -> bool:
        """``True`` when an ``--exclude`` pattern matches ``path`` (relative to the cwd)."""
        if self.exclude is None:
            return False
        absolute = os.path.abspath(path)
        rel = os.path.relpath(absolute, self.cwd)
        if rel == os.curdir:
            return False
        if rel.startswith(os.pardir + os.sep) or rel == os.pardir:
            rel = absolute.lstrip(os.sep)
        rel = rel.replace(os.sep, "/")
        return bool(self.exclude.match_file(rel + "/" if is_dir else rel))

    def search(self, root: Path) -> None:
        """Add the Dockerfiles under ``root`` (a directory) to :attr:`found`."""
        absolute = os.path.abspath(root)
        chain = self._initial_chain(absolute) if self.gitignore else []
        above = [r for r in chain if r.base != absolute]
        if above and _ignored(above, absolute, is_dir=True):
            # named on the command line although ignored: the rules that ignore it step aside
            chain = [r for r in chain if r.base == absolute]
        try:
            st = os.stat(absolute)
        except OSError as exc:
            self._unreadable(str(root), exc)
            return
        identity = (st.st_dev, st.st_ino)
        if identity in self._seen_dirs:
            return
        self._seen_dirs.add(identity)
        self._search(str(root), absolute, chain, [identity])

    def _initial_chain(self, directory: str) -> list[_Rules]:
        """The ignore levels that apply inside ``directory`` (an absolute path):
        ``.git/info/exclude`` and each ``.gitignore`` from the repository root down to
        ``directory`` itself."""
        repo = _repository_root(directory)
        if repo is None:
            return []
        chain = self._repository_rules(repo)
        rel = os.path.relpath(directory, repo)
        if rel != os.curdir:
            level = repo
            for part in rel.split(os.sep):
                level = os.path.join(level, part)
                patterns = _read_patterns(os.path.join(level, ".gitignore"))
                if patterns:
                    chain.append(_Rules(level, _compile(patterns)))
        return chain

    def _repository_rules(self, repo: str) -> list[_Rules]:
        chain = []
        info = _read_patterns(os.path.join(repo, ".git", "info", "exclude"))
        if info:
            chain.append(_Rules(repo, _compile(info)))
        patterns = _read_patterns(os.path.join(repo, ".gitignore"))
        if patterns:
            chain.append(_Rules(repo, _compile(patterns)))
        return chain

    def _unreadable(self, path: str, exc: OSError) -> None:
        self.found.problems.append(Problem(path, f"cannot read directory: {exc.strerror or exc}"))

    def _search(self, shown: str, absolute: str, chain: list[_Rules],
                ancestors: list[tuple[int, int]]) -> None:
        """Depth first, with a stack rather than recursion, so a very deep tree cannot
        exhaust Python's recursion limit: a directory's files, then each subdirectory in turn.
        A directory reachable twice is searched under the first name met, shallower first."""
        stack = [(shown, absolute, chain, ancestors)]
        while stack:
            shown, absolute, chain, ancestors = stack.pop()
            entered = [self._enter(entry, entry_shown, entry_abs, chain, ancestors)
                       for entry, entry_shown, entry_abs in self._list(shown, absolute, chain)]
            stack.extend(e for e in reversed(entered) if e is not None)

    def _list(self, shown: str, absolute: str,
              chain: list[_Rules]) -> list[tuple[os.DirEntry[str], str, str]]:
        """Add the Dockerfiles of one directory; return its subdirectories to search."""
        try:
            with os.scandir(absolute) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            self._unreadable(shown, exc)
            return []
        subdirs = []
        for entry in entries:
            name = entry.name
            entry_shown = os.path.join(shown, name)
            entry_abs = os.path.join(absolute, name)
            try:
                is_dir = entry.is_dir()
                is_file = not is_dir and entry.is_file()
                is_link = entry.is_symlink()
            except OSError:
                is_dir = is_file = False
                is_link = True
            if is_dir:
                if name not in SKIP_DIRS:
                    subdirs.append((entry, entry_shown, entry_abs))
                continue
            if not is_dockerfile_name(name):
                continue
            if chain and _ignored(chain, entry_abs, is_dir=False):
                continue
            if self.excluded(entry_shown, is_dir=False):
                continue
            if is_file:
                self.found.add(Path(entry_shown))
            elif is_link:
                self._broken_link(entry_shown, entry_abs)
        return subdirs

    def _enter(self, entry: os.DirEntry[str], shown: str, absolute: str, chain: list[_Rules],
               ancestors: list[tuple[int, int]]) -> tuple[str, str, list[_Rules],
                                                          list[tuple[int, int]]] | None:
        """What to search in subdirectory ``entry``, or ``None`` when it is ignored, excluded,
        unreadable, a loop (reported) or already searched."""
        if chain and _ignored(chain, absolute, is_dir=True):
            return None
        if self.excluded(shown, is_dir=True):
            return None
        try:
            st = entry.stat()
        except OSError as exc:
            self._unreadable(shown, exc)
            return None
        identity = (st.st_dev, st.st_ino)
        if identity in ancestors:
            target = os.readlink(absolute) if entry.is_symlink() else absolute
            self.found.problems.append(Problem(
                shown, f"symbolic link loop (points back to {target}); not searched",
                fatal=False))
            return None
        if identity in self._seen_dirs:
            return None  # already searched through another path
        self._seen_dirs.add(identity)
        if self.gitignore:
            chain = self._chain_inside(absolute, chain)
        return shown, absolute, chain, [*ancestors, identity]

    def _chain_inside(self, directory: str, chain: list[_Rules]) -> list[_Rules]:
        """The chain inside ``directory``: a nested repository starts afresh; otherwise its
        ``.gitignore``, if any, is added."""
        if os.path.exists(os.path.join(directory, ".git")):
            return self._repository_rules(directory)
        patterns = _read_patterns(os.path.join(directory, ".gitignore"))
        if patterns:
            return [*chain, _Rules(directory, _compile(patterns))]
        return chain

    def _broken_link(self, shown: str, absolute: str) -> None:
        try:
            os.stat(absolute)
        except OSError as exc:
            what = "symbolic link loop" if exc.errno == errno.ELOOP else "broken symbolic link"
            self.found.problems.append(Problem(shown, f"{what}; not linted", fatal=False))
