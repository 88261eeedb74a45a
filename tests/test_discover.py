"""Discovery: Dockerfile names, recursion order, .gitignore rules, --exclude, symlink loops and
unreadable directories."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from dockwise import walk as walk_module
from dockwise.discover import (
    PRE_COMMIT_EXCLUDE,
    PRE_COMMIT_FILES,
    PatternError,
    Problem,
    discover,
    is_dockerfile_name,
)

ROOT = Path(__file__).resolve().parent.parent


def make(root: Path, *names: str) -> None:
    """Create files (``dir/name``) with a small Dockerfile, or the given text after ``=``."""
    for spec in names:
        name, _, text = spec.partition("=")
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text or "FROM alpine:3.20\n")


def found(root: Path, *args: str, **kwargs: object) -> list[str]:
    files, problems = discover([str(root), *args], cwd=root, **kwargs)  # type: ignore[arg-type]
    assert all(not p.fatal for p in problems), problems
    return [f.relative_to(root).as_posix() for f in files]


NAMES = {
    "Dockerfile": True, "dockerfile": True, "Containerfile": True, "Dockerfile.prod": True,
    "containerfile.dev": True, "api.Dockerfile": True, "api.dockerfile": True,
    "Dockerfile.dockerignore": False, "api.Dockerfile.dockerignore": False, ".dockerignore": False,
    "Dockerfile-old": False, "mydockerfile": False, "Dockerfile.yml": False, "README.md": False,
    "Dockerfile.md": False, "Dockerfile.j2": False, "Dockerfile.orig": False,
    "Containerfile.in": False, "Dockerfile.alpine": True, "Dockerfile.arm64": True,
    "Dockerfile.dev": True,
}


@pytest.mark.parametrize(("name", "expected"), NAMES.items())
def test_names(name: str, expected: bool) -> None:
    assert is_dockerfile_name(name) is expected


@pytest.mark.parametrize(("name", "expected"), NAMES.items())
def test_pre_commit_patterns_agree_with_discovery(name: str, expected: bool) -> None:
    for path in (name, f"deep/er/{name}"):
        matched = bool(re.search(PRE_COMMIT_FILES, path)) and \
            not re.search(PRE_COMMIT_EXCLUDE, path)
        assert matched is expected, path


def test_hook_file_uses_the_patterns() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    hook = next(h for h in hooks if h["id"] == "dockwise")
    assert (hook["files"], hook["exclude"]) == (PRE_COMMIT_FILES, PRE_COMMIT_EXCLUDE)


def test_order_is_depth_first_sorted(tmp_path: Path) -> None:
    make(tmp_path, "b/Dockerfile", "a/z/Dockerfile", "a/Dockerfile", "Dockerfile",
         "a/x.Dockerfile", "c.txt", "node_modules/m/Dockerfile", ".git/Dockerfile",
         "vendor/Dockerfile")
    assert found(tmp_path) == ["Dockerfile", "a/Dockerfile", "a/x.Dockerfile",
                               "a/z/Dockerfile", "b/Dockerfile"]


def test_missing_and_empty(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    files, problems = discover([str(tmp_path / "nope"), str(tmp_path / "empty")])
    assert files == []
    assert problems == [Problem(str(tmp_path / "nope"), "no such file or directory"),
                        Problem(str(tmp_path / "empty"), "no Dockerfiles found in this directory")]


def test_explicit_file_any_name_once(tmp_path: Path) -> None:
    make(tmp_path, "build.txt", "Dockerfile")
    files, _ = discover([str(tmp_path / "build.txt"), str(tmp_path),
                         str(tmp_path / "Dockerfile")])
    assert [f.name for f in files] == ["build.txt", "Dockerfile"]


# --- .gitignore -------------------------------------------------------------------------------

def repo(tmp_path: Path) -> Path:
    (tmp_path / ".git" / "info").mkdir(parents=True)
    return tmp_path


def test_gitignore_rules(tmp_path: Path) -> None:
    root = repo(tmp_path)
    make(root, ".gitignore=build/\n*.gen.Dockerfile\n!keep.gen.Dockerfile\n/top.Dockerfile\n",
         "build/Dockerfile", "x.gen.Dockerfile", "keep.gen.Dockerfile", "top.Dockerfile",
         "sub/top.Dockerfile", "sub/build/Dockerfile", "Dockerfile")
    assert found(root) == ["Dockerfile", "keep.gen.Dockerfile", "sub/top.Dockerfile"]
    assert found(root, gitignore=False) == [
        "Dockerfile", "keep.gen.Dockerfile", "top.Dockerfile", "x.gen.Dockerfile",
        "build/Dockerfile", "sub/top.Dockerfile", "sub/build/Dockerfile"]


def test_nested_gitignore_and_negation(tmp_path: Path) -> None:
    root = repo(tmp_path)
    make(root, ".gitignore=*.dev.Dockerfile\nlegacy/\n",
         "svc/.gitignore=!app.dev.Dockerfile\n/local.Dockerfile\n",
         "svc/app.dev.Dockerfile", "svc/other.dev.Dockerfile", "svc/local.Dockerfile",
         "svc/deep/local.Dockerfile", "a.dev.Dockerfile",
         # an ignored directory is not entered: its .gitignore cannot re-include anything
         "legacy/.gitignore=!Dockerfile\n", "legacy/Dockerfile")
    assert found(root) == ["svc/app.dev.Dockerfile", "svc/deep/local.Dockerfile"]


def test_info_exclude_and_ancestor_rules_apply_to_a_subdirectory(tmp_path: Path) -> None:
    root = repo(tmp_path)
    (root / ".git" / "info" / "exclude").write_text("scratch.Dockerfile\n")
    make(root, ".gitignore=gen/\n", "svc/.gitignore=old.Dockerfile\n", "svc/Dockerfile",
         "svc/scratch.Dockerfile", "svc/old.Dockerfile", "svc/gen/Dockerfile")
    files, problems = discover([str(root / "svc")], cwd=root)
    assert [f.name for f in files] == ["Dockerfile"]
    assert problems == []


def test_directory_named_on_the_command_line_is_searched_even_if_ignored(tmp_path: Path) -> None:
    root = repo(tmp_path)
    make(root, ".gitignore=build/\n", "build/Dockerfile")
    files, _ = discover([str(root / "build")], cwd=root)
    assert [f.relative_to(root).as_posix() for f in files] == ["build/Dockerfile"]


def test_gitignore_outside_a_repository_means_nothing(tmp_path: Path) -> None:
    make(tmp_path, ".gitignore=Dockerfile\n", "Dockerfile")
    assert found(tmp_path) == ["Dockerfile"]


def test_nested_repository_has_its_own_rules(tmp_path: Path) -> None:
    root = repo(tmp_path)
    make(root, ".gitignore=*.tmp.Dockerfile\n", "a.tmp.Dockerfile", "sub/.git/HEAD=x",
         "sub/.gitignore=Dockerfile.ci\n", "sub/b.tmp.Dockerfile", "sub/Dockerfile.ci")
    assert found(root) == ["sub/b.tmp.Dockerfile"]


# --- --exclude --------------------------------------------------------------------------------

def test_exclude_patterns(tmp_path: Path) -> None:
    make(tmp_path, "Dockerfile", "testdata/Dockerfile", "svc/testdata/x/Dockerfile",
         "svc/Dockerfile.prod", "svc/Dockerfile")
    assert found(tmp_path, exclude=["testdata/", "*.prod"]) == ["Dockerfile", "svc/Dockerfile"]
    assert found(tmp_path, exclude=["/svc"]) == ["Dockerfile", "testdata/Dockerfile"]


def test_exclude_applies_to_files_named_explicitly(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    make(tmp_path, "a/Dockerfile", "b/Dockerfile")
    monkeypatch.chdir(tmp_path)
    files, problems = discover(["a/Dockerfile", "b/Dockerfile"], exclude=["a/"])
    assert files == [Path("b/Dockerfile")] and problems == []


def test_exclude_whole_directory_argument_is_not_an_error(tmp_path: Path) -> None:
    make(tmp_path, "gen/Dockerfile")
    files, problems = discover([str(tmp_path / "gen")], exclude=["gen"], cwd=tmp_path)
    assert files == [] and problems == []


# --- links and errors -------------------------------------------------------------------------

def test_symlink_loop_reported_not_fatal(tmp_path: Path) -> None:
    make(tmp_path, "a/Dockerfile")
    (tmp_path / "a" / "loop").symlink_to(tmp_path / "a", target_is_directory=True)
    (tmp_path / "self.Dockerfile").symlink_to(tmp_path / "self.Dockerfile")
    files, problems = discover([str(tmp_path)])
    assert files == [tmp_path / "a" / "Dockerfile"]
    assert problems == [
        Problem(str(tmp_path / "self.Dockerfile"), "symbolic link loop; not linted", fatal=False),
        Problem(str(tmp_path / "a" / "loop"),
                f"symbolic link loop (points back to {tmp_path / 'a'}); not searched",
                fatal=False)]


def test_linked_directory_followed_once(tmp_path: Path) -> None:
    make(tmp_path, "real/Dockerfile", "other/x/Dockerfile")
    (tmp_path / "link").symlink_to(tmp_path / "real", target_is_directory=True)
    (tmp_path / "other" / "x" / "up").symlink_to(tmp_path / "other", target_is_directory=True)
    files, problems = discover([str(tmp_path)])
    assert [f.relative_to(tmp_path).as_posix() for f in files] == [
        "link/Dockerfile", "other/x/Dockerfile"]
    assert [p.message.split(" (")[0] for p in problems] == ["symbolic link loop"]


def test_broken_link_reported(tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").symlink_to(tmp_path / "missing")
    make(tmp_path, "ok/Dockerfile")
    files, problems = discover([str(tmp_path)])
    assert files == [tmp_path / "ok" / "Dockerfile"]
    assert problems == [Problem(str(tmp_path / "Dockerfile"), "broken symbolic link; not linted",
                                fatal=False)]


def test_unreadable_directory_reported_and_search_goes_on(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    make(tmp_path, "a/Dockerfile", "locked/Dockerfile", "z/Dockerfile")
    real_scandir = os.scandir

    def scandir(path: str) -> object:
        if os.path.basename(path) == "locked":
            raise PermissionError(13, "Permission denied", path)
        return real_scandir(path)

    # running as root, chmod 000 does not stop reads: fail the way an unreadable dir fails
    monkeypatch.setattr(walk_module.os, "scandir", scandir)
    files, problems = discover([str(tmp_path)])
    assert [f.relative_to(tmp_path).as_posix() for f in files] == ["a/Dockerfile",
                                                                   "z/Dockerfile"]
    assert problems == [Problem(str(tmp_path / "locked"),
                                "cannot read directory: Permission denied")]


def test_unreadable_gitignore_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = repo(tmp_path)
    make(root, ".gitignore=Dockerfile\n", "Dockerfile")
    real_open = os.open

    def fake_open(path: str, *args: object, **kwargs: object) -> int:
        if str(path).endswith(".gitignore"):
            raise PermissionError(13, "Permission denied", path)
        return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr("os.open", fake_open)
    assert found(root) == ["Dockerfile"]


def test_pathspec_not_imported_without_patterns(tmp_path: Path) -> None:
    """pathspec costs ~40 ms to import: a run without ignore files or --exclude must not
    load it (checked in a fresh interpreter)."""
    import subprocess
    import sys

    make(tmp_path, "svc/Dockerfile")
    code = ("import sys; from dockwise.discover import discover; "
            f"discover([{str(tmp_path)!r}]); print('pathspec' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "False"


def test_invalid_gitignore_lines_are_skipped_as_git_does(tmp_path: Path) -> None:
    root = repo(tmp_path)
    make(root, ".gitignore=!\nx\\\n[z-a]\n*.tmp.Dockerfile\n", "a.tmp.Dockerfile", "Dockerfile")
    assert found(root) == ["Dockerfile"]


@pytest.mark.parametrize("pattern", ["!", "[z-a]", "a\\"])
def test_invalid_exclude_pattern_is_an_error(tmp_path: Path, pattern: str) -> None:
    make(tmp_path, "Dockerfile")
    with pytest.raises(PatternError, match="invalid pattern"):
        discover([str(tmp_path)], exclude=[pattern])


def test_deep_tree_needs_no_recursion(tmp_path: Path) -> None:
    """The search uses a stack, not recursion: it goes deeper than the recursion limit."""
    import sys

    deep = tmp_path
    for _ in range(150):
        deep = deep / "d"
        deep.mkdir()
    (deep / "Dockerfile").write_text("FROM alpine:3.20\n")
    frames = 0
    frame = sys._getframe()
    while frame is not None:
        frames += 1
        frame = frame.f_back  # type: ignore[assignment]
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(frames + 60)  # far fewer frames than the tree is deep
    try:
        files, problems = discover([str(tmp_path)])
    finally:
        sys.setrecursionlimit(limit)
    assert files == [deep / "Dockerfile"] and problems == []


def test_special_file_as_gitignore_is_not_read(tmp_path: Path) -> None:
    # a named pipe planted as .gitignore would block a plain open() forever
    root = repo(tmp_path)
    make(root, "Dockerfile")
    os.mkfifo(root / ".gitignore")
    assert found(root) == ["Dockerfile"]


_WILD = st.text(alphabet="ab/*?[]!.\\", min_size=1, max_size=8)
_PATH = st.lists(st.text(alphabet="ab.", min_size=1, max_size=4), min_size=1, max_size=4)


@pytest.mark.filterwarnings("ignore::FutureWarning")  # the oracle's re on "[["
@settings(max_examples=400, deadline=None)
@given(patterns=st.lists(_WILD, min_size=1, max_size=3), parts=_PATH, is_dir=st.booleans())
def test_re2_matching_agrees_with_pathspecs_python_backend(patterns: list[str],
                                                          parts: list[str],
                                                          is_dir: bool) -> None:
    import pathspec

    path = "/".join(parts) + ("/" if is_dir else "")
    try:
        oracle = pathspec.GitIgnoreSpec.from_lines(patterns, backend="simple")
    except Exception:
        return  # a line git cannot use: _compile drops it (tested above)
    assert walk_module._compile(patterns).match_file(path) == oracle.match_file(path)


def test_a_backtracking_gitignore_pattern_does_not_hang_the_walk(tmp_path: Path) -> None:
    # Python's re needs about 200**6 steps for this line against this directory name
    deep = tmp_path / ("a" * 200)
    deep.mkdir()
    (deep / "Dockerfile").write_text("FROM scratch\n")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("*a*a*a*a*a*ab\n")
    assert discover([str(tmp_path)]) == ([deep / "Dockerfile"], [])
    assert discover([str(tmp_path)], exclude=["*a*a*a*a*a*ab", "*b*b*b*b*b*ba"]) == \
        ([deep / "Dockerfile"], [])


def test_a_nested_bracket_in_gitignore_prints_no_python_warning(tmp_path: Path) -> None:
    import warnings

    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("a[[b]\n")
    (tmp_path / "a[").mkdir()  # "[[b]" is the class of "[" and "b"
    (tmp_path / "a[" / "Dockerfile").write_text("FROM scratch\n")
    (tmp_path / "Dockerfile").write_text("FROM scratch\n")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert discover([str(tmp_path)]) == ([tmp_path / "Dockerfile"], [])
    assert [str(w.message) for w in caught] == []


def test_a_gitignore_of_thousands_of_lines_is_applied(tmp_path: Path) -> None:
    # RE2 cannot compile thousands of patterns as one set; Python's re matches them instead
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("".join(f"build{i}/\n" for i in range(1, 5001)))
    for name in ("build4999", "keep"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "Dockerfile").write_text("FROM scratch\n")
    assert discover([str(tmp_path)]) == ([tmp_path / "keep" / "Dockerfile"], [])
    excludes = [f"build{i}/" for i in range(1, 5001)]
    assert discover([str(tmp_path)], exclude=excludes, gitignore=False) == \
        ([tmp_path / "keep" / "Dockerfile"], [])
