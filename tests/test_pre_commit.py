"""The pre-commit hook, run for real: ``pre-commit try-repo`` installs dockwise from this
repository into its own environment and runs the hook in a scratch git repository.

The repository is first copied (tracked and untracked, not ignored files) into a committed
snapshot, so the hook runs exactly what is in the working tree. try-repo installs a fresh
environment on every call (it uses a temporary store), about ten seconds each, so there are two
calls. Installing needs the package index (or pip's configured wheel directory).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True,
                          env={**os.environ, **GIT_ENV}).stdout


@pytest.fixture(scope="module")
def hook_run(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    base = tmp_path_factory.mktemp("pre-commit")
    snapshot = base / "dockwise"
    for name in git(ROOT, "ls-files", "-co", "--exclude-standard", "-z").split("\0"):
        if name and (ROOT / name).is_file():
            (snapshot / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, snapshot / name)
    git(snapshot, "init", "-q")
    git(snapshot, "add", "-A")
    git(snapshot, "commit", "-qm", "snapshot")

    project = base / "project"
    (project / "good").mkdir(parents=True)
    (project / "Dockerfile").write_text("FROM alpine:latest\nRUN apk add curl\n")
    (project / "good" / "Dockerfile").write_text("FROM alpine:3.20\nUSER 1000\nCMD [\"sh\"]\n")
    (project / "README.md").write_text("FROM alpine:latest\n")
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "project")
    env = {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(base / "cache"),
           "PRE_COMMIT_COLOR": "never"}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(snapshot),
                               "dockwise", *args], cwd=project, env=env, capture_output=True,
                              text=True, timeout=600)

    return run


def test_hook_fails_on_the_bad_dockerfile(hook_run) -> None:  # type: ignore[no-untyped-def]
    result = hook_run("--files", "Dockerfile")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "dockwise" in result.stdout and "Failed" in result.stdout
    assert "Dockerfile:1:13: DL3007 warning: image 'alpine:latest' uses the 'latest' tag" \
        in result.stdout


def test_hook_passes_on_the_good_dockerfile(hook_run) -> None:  # type: ignore[no-untyped-def]
    # README.md would fail if it reached dockwise (a file named explicitly is always linted):
    # the hook's `files` pattern must keep it out
    result = hook_run("--files", "good/Dockerfile", "README.md")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Passed" in result.stdout
