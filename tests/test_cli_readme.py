"""The README's "Output formats", "pre-commit" and "CI gate" sections stay true: every
``dockwise`` command line in them parses with the current command line, the pre-commit snippets
name the hook this repository defines, and the output examples marked ``<!-- example: NAME -->``
are what dockwise prints for the example Dockerfile."""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any

import click
import pytest
import yaml
from click.testing import CliRunner

from dockwise.cli import main

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
SECTIONS = ("Output formats", "pre-commit", "CI gate")
_FENCE = re.compile(r"^( *)```([^\n]*)\n(.*?)^\1```[ \t]*$", re.MULTILINE | re.DOTALL)
_COMMAND = re.compile(r"(?:^|[\s:-])(dockwise\s+(?:lint|rules|explain)\b.*)")
_SHELL_END = re.compile(r"\s(?:\|\|?|&&|;|>|2>|#)\s")


def section(title: str) -> str:
    """The text under ``## title`` up to the next ``## `` heading outside a code block."""
    start = README.index(f"\n## {title}\n") + len(title) + 5
    fenced = [m.span() for m in _FENCE.finditer(README)]
    for m in re.finditer(r"^## ", README[start:], re.MULTILINE):
        at = start + m.start()
        if not any(a <= at < b for a, b in fenced):
            return README[start:at]
    return README[start:]


def blocks(text: str) -> list[tuple[str, str]]:
    """``(info string, body)`` of each fenced block, bodies dedented."""
    out = []
    for m in _FENCE.finditer(text):
        indent = len(m.group(1))
        body = "".join(line[indent:] + "\n" for line in m.group(3).splitlines())
        out.append((m.group(2).strip(), body))
    return out


def commands(text: str) -> list[list[str]]:
    """Every ``dockwise ...`` command line in the code blocks of ``text``, as argv lists."""
    found = []
    for _, body in blocks(text):
        for line in body.splitlines():
            m = _COMMAND.search(line)
            if m:
                command = _SHELL_END.split(" " + m.group(1) + " ")[0].strip()
                found.append(shlex.split(command))
    return found


def parse(argv: list[str]) -> dict[str, Any]:
    """Parse ``argv`` (``dockwise SUBCOMMAND ...``) with click without running it; raises
    click's usage errors for options or values the command line does not accept."""
    assert argv[0] == "dockwise", argv
    name, *rest = argv[1:]
    command = main.get_command(click.Context(main), name)
    assert command is not None, f"no command {name!r}"
    with command.make_context(name, list(rest)) as ctx:
        return dict(ctx.params)


DOCUMENTED = [argv for title in SECTIONS for argv in commands(section(title))]


def test_sections_have_commands() -> None:
    assert len(commands(section("Output formats"))) >= 3
    assert len(commands(section("CI gate"))) >= 4


@pytest.mark.parametrize("argv", DOCUMENTED, ids=" ".join)
def test_documented_command_parses(argv: list[str]) -> None:
    params = parse(argv)
    assert params["paths"], "a documented lint command names what to lint"


def test_parse_rejects_what_the_cli_rejects() -> None:
    with pytest.raises(click.UsageError):
        parse(["dockwise", "lint", "--format", "nope", "."])
    with pytest.raises(click.UsageError):
        parse(["dockwise", "lint", "--no-such-option", "."])


def _hooks(text: str) -> list[dict[str, Any]]:
    hooks: list[dict[str, Any]] = []
    for info, body in blocks(text):
        if info != "yaml":
            continue
        data = yaml.safe_load(body)
        if isinstance(data, list):  # a snippet of a hooks list
            hooks += data
        elif isinstance(data, dict):
            for repo in data.get("repos", []):
                hooks += repo.get("hooks", [])
    return hooks


def test_pre_commit_snippets_use_this_hook() -> None:
    defined = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    hook = next(h for h in defined if h["id"] == "dockwise")
    snippets = _hooks(section("pre-commit"))
    assert [h["id"] for h in snippets] == ["dockwise", "dockwise"]
    entry = shlex.split(hook["entry"])
    for snippet in snippets:
        parse([*entry, *snippet.get("args", hook["args"]), "Dockerfile"])
    assert f"`{' '.join(entry)} {' '.join(hook['args'])}`" in section("pre-commit")


EXAMPLE = "FROM alpine:latest\nRUN apk add curl\n"
_MARKED = re.compile(r"<!-- example: (\w+) -->\n+( *```[^\n]*\n.*?^ *```)", re.M | re.DOTALL)


def test_output_examples_are_real(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = section("Output formats")
    assert "```dockerfile\n" + EXAMPLE + "```" in text
    monkeypatch.chdir(tmp_path)
    (tmp_path / "Dockerfile").write_text(EXAMPLE)
    marked = {name: blocks(block)[0][1] for name, block in _MARKED.findall(text)}
    assert set(marked) == {"text", "github", "checkstyle", "junit", "markdown", "statistics"}
    for name, shown in marked.items():
        args = ["--statistics", "-f", "json"] if name == "statistics" else ["-f", name]
        result = CliRunner().invoke(main, ["lint", "--select", "DL3007,DL3019", *args,
                                           "Dockerfile"])
        actual = result.stderr if name == "statistics" else result.stdout
        assert shown == actual, f"README example '{name}' differs from the real output"
