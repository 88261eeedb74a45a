"""The linear-time wildcard matcher (shell patterns and .dockerignore), against Python's ``re``
on small inputs, and on inputs that make backtracking regexes run for hours."""

from __future__ import annotations

import re
import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from dockwise.wildcard import shell_pattern


def _regex(pattern: str) -> re.Pattern[str]:
    return re.compile("".join(".*" if c == "*" else "." if c == "?" else re.escape(c)
                              for c in pattern), re.DOTALL)


@settings(max_examples=500, deadline=None)
@given(pattern=st.text("ab/*?", max_size=6), text=st.text("ab/", max_size=8))
def test_agrees_with_python_re_on_small_inputs(pattern: str, text: str) -> None:
    compiled, rx = shell_pattern(pattern), _regex(pattern)
    assert compiled.prefix_ends(text) == [e for e in range(len(text) + 1)
                                           if rx.fullmatch(text[:e])]
    m = rx.search(text)
    assert compiled.search(text) == ((m.start(), m.end()) if m else None)


def test_pathological_patterns_finish() -> None:
    """Inputs that make a backtracking engine take exponential time (found by a hostile-input
    review): a shell pattern in ``${X#...}`` and a ``.dockerignore`` line checked by DW409.
    Run in a child process with a deadline, so a regression fails instead of hanging."""
    code = (
        "from dockwise.syntax.variables import expand, mapping_lookup\n"
        "from dockwise.dockerignore import DockerignoreMatcher\n"
        "v = 'a' * 60\n"
        "assert expand('${X#' + '*a' * 20 + '*b}', mapping_lookup({'X': v})).text == v\n"
        "assert expand('${X//' + '*a' * 20 + '*b/z}', mapping_lookup({'X': v})).text == v\n"
        "m = DockerignoreMatcher(['*a' * 20 + '*b'])\n"
        "assert m.matches('a' * 60) is False\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
