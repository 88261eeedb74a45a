"""Every rule's documentation is checked against its behaviour.

A rule module's docstring has ``## Example`` (Dockerfiles that must trigger the rule) and
``## Use instead`` (Dockerfiles that must not). Each section holds fenced blocks: a block
tagged ``dockerfile`` is a Dockerfile; a block tagged ``file=NAME`` is written into the build
context next to it (``file=.dockerignore``). Examples are linted in a temporary directory with
the rule's ``example_config``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dockwise.config import Config
from dockwise.engine import Linter, registry
from dockwise.findings import Rule

_SECTION_RE = re.compile(r"^## (.+?)\s*$", re.MULTILINE)
_BLOCK_RE = re.compile(r"^```([^\n]*)\n(.*?)^```\s*$", re.MULTILINE | re.DOTALL)


def sections(doc: str) -> dict[str, str]:
    """Markdown sections of a docstring by heading."""
    parts = _SECTION_RE.split(doc)
    return {parts[i].strip(): parts[i + 1] for i in range(1, len(parts) - 1, 2)}


def examples(text: str) -> tuple[str | None, dict[str, str]]:
    """The Dockerfile and the context files of one section."""
    dockerfile = None
    files = {}
    for info, body in _BLOCK_RE.findall(text):
        info = info.strip()
        if info == "dockerfile":
            dockerfile = body
        elif info.startswith("file="):
            files[info[5:]] = body
    return dockerfile, files


def run_example(rule: Rule, text: str, tmp_path: Path,
                monkeypatch: pytest.MonkeyPatch | None = None) -> list[str]:
    dockerfile, files = examples(text)
    assert dockerfile is not None, f"{rule.id}: section has no ```dockerfile block"
    for name, body in files.items():
        (tmp_path / name).write_text(body)
    path = tmp_path / "Dockerfile"
    path.write_text(dockerfile)
    if monkeypatch is not None:
        for name, value in rule.example_env.items():
            monkeypatch.setenv(name, value)
    config = Config(select=(rule.id,), **dict(rule.example_config))
    result = Linter(config).lint_path(path)
    assert result.error is None
    return [f.rule_id for f in result.findings]


RULES = [r for r in registry() if not r.id.startswith("SC") and r.id != "DW999"]


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_doc_has_required_sections(rule: Rule) -> None:
    found = sections(rule.doc)
    for heading in ("What it does", "Why is this bad?", "Example", "Use instead"):
        assert heading in found, f"{rule.id} doc lacks '## {heading}'"
    assert rule.doc.splitlines()[0].startswith(f"{rule.id} ``{rule.name}``"), \
        f"{rule.id}: first doc line should start with the id and ``name``"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_bad_example_fires(rule: Rule, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fired = run_example(rule, sections(rule.doc)["Example"], tmp_path, monkeypatch)
    assert rule.id in fired or any(code.startswith("SC") for code in fired), \
        f"{rule.id}: its '## Example' does not trigger it"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_good_example_is_clean(rule: Rule, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fired = run_example(rule, sections(rule.doc)["Use instead"], tmp_path, monkeypatch)
    assert rule.id not in fired, f"{rule.id}: its '## Use instead' triggers it"


def test_ids_and_names_are_unique() -> None:
    """Ids and kebab-case names are unique and distinct from every alias; aliases may be
    shared (one BuildKit check covering several hadolint rules)."""
    seen: dict[str, str] = {}
    aliases = {a.lower() for rule in registry() for a in rule.aliases}
    for rule in registry():
        for key in (rule.id, rule.name):
            assert key.lower() not in seen, f"{key} used by {seen.get(key.lower())} and {rule.id}"
            assert key.lower() not in aliases, f"{key} is also an alias"
            seen[key.lower()] = rule.id
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.name), rule.name


def test_no_retired_hadolint_ids() -> None:
    retired = {"DL3005", "DL3017", "DL3031", "DL3039", "DL4002"}
    assert not retired & {r.id for r in registry()}
