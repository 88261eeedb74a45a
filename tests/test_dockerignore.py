"""``.dockerignore`` reading and matching, against moby/patternmatcher's semantics and, where the
two agree by design, the docker SDK's matcher as an independent oracle."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dockwise.dockerignore import DockerignoreMatcher, go_clean, read_patterns


def test_reading_follows_buildkit() -> None:
    text = "\ufeff# comment\n  # not a comment\n\n /abs/path \n!/keep//me/\n./a/../b\n**/*.md\n"
    assert read_patterns(text) == ["# not a comment", "abs/path", "!keep/me", "b", "**/*.md"]


@pytest.mark.parametrize(("path", "clean"), [
    ("", "."), ("a//b/./c/", "a/b/c"), ("a/../../b", "../b"), ("/../x", "/x"), ("//x", "/x"),
])
def test_go_clean(path: str, clean: str) -> None:
    assert go_clean(path) == clean


@pytest.mark.parametrize(("patterns", "path", "excluded"), [
    (["*.md"], "README.md", True),
    (["*.md"], "docs/guide.md", False),          # * does not cross directories
    (["**/*.md"], "docs/deep/guide.md", True),
    (["**/*.md"], "guide.md", True),
    (["docs"], "docs/deep/guide.md", True),       # a parent directory matches
    (["docs/**"], "docs/x", True),
    (["d?cs"], "docs/x", True),
    (["[a-c]at"], "bat", True),
    (["[a-c]at"], "dat", False),
    (["*", "!keep.txt"], "keep.txt", False),
    (["*", "!keep.txt", "keep*"], "keep.txt", True),  # the last match wins
    (["dir", "!dir/sub"], "dir/sub/file", False),
    (["a\\*b"], "a*b", True),
    (["a\\*b"], "axb", False),
    (["[unclosed"], "[unclosed", False),          # a pattern Go rejects never matches
    (["file.txt"], "/file.txt", True),
    (["."], "anything", False),
])
def test_matching(patterns: list[str], path: str, excluded: bool) -> None:
    assert DockerignoreMatcher(read_patterns("\n".join(patterns))).matches(path) is excluded


SEGMENT = st.sampled_from(["a", "b", "c.md", "d.txt", "src", "x.go", ".git"])
PATTERN_SEGMENT = st.sampled_from(["a", "b", "*", "*.md", "src", "?", ".git", "x.*", "c*"])


@settings(max_examples=300, deadline=None)
@given(patterns=st.lists(st.tuples(st.booleans(), st.lists(PATTERN_SEGMENT, min_size=1,
                                                              max_size=3)),
                         min_size=1, max_size=4),
       path=st.lists(SEGMENT, min_size=1, max_size=4))
def test_agrees_with_the_docker_sdk(patterns: list[tuple[bool, list[str]]],
                                    path: list[str]) -> None:
    """Without ``**`` the SDK's port of the matcher and moby's agree; so must dockwise."""
    from docker.utils.build import PatternMatcher

    texts = [("!" if exc else "") + "/".join(segs) for exc, segs in patterns]
    if texts[0].startswith("!"):
        texts[0] = texts[0][1:]
    target = "/".join(path)
    if target == ".dockerignore":
        return  # the SDK always keeps the ignore file itself
    ours = DockerignoreMatcher(read_patterns("\n".join(texts))).matches(target)
    theirs = PatternMatcher(read_patterns("\n".join(texts))).matches(target)
    assert ours == theirs, (texts, target)
