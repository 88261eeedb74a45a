"""DL3026 untrusted-registry: images from registries outside trusted-registries."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import lint, spans


def test_nothing_without_configuration() -> None:
    assert spans("FROM quay.io/org/app:1\n", "DL3026") == []


def test_untrusted_registry_reported_on_the_registry_part() -> None:
    found = [f for f in lint("FROM quay.io/org/app:1 AS a\n", trusted_registries=("gcr.io",))
             if f.rule_id == "DL3026"]
    assert [(f.line, f.column, f.end_column) for f in found] == [(1, 6, 13)]
    assert "registry 'quay.io'" in found[0].message and "(gcr.io)" in found[0].message


@pytest.mark.parametrize("image", ["alpine:3.20", "library/alpine:3.20", "org/app:1",
                                   "docker.io/org/app:1", "index.docker.io/org/app:1",
                                   "registry-1.docker.io/org/app:1"])
@pytest.mark.parametrize("trusted", ["docker.io", "hub.docker.com", "index.docker.io", "*"])
def test_docker_hub_and_its_aliases(image: str, trusted: str) -> None:
    assert spans(f"FROM {image}\n", "DL3026", trusted_registries=(trusted,)) == []


def test_docker_hub_untrusted_is_reported_on_the_whole_reference() -> None:
    assert spans("FROM alpine:3.20\n", "DL3026", trusted_registries=("gcr.io",)) == \
        [(1, 6, 1, 17)]


@pytest.mark.parametrize(("image", "trusted", "ok"), [
    ("foo.example.com/app:1", "*.example.com", True),
    ("a.b.example.com/app:1", "*.example.com", True),
    ("example.com/app:1", "*.example.com", False),
    ("x.com/app:1", "*.example.com", False),
    ("registry.example.com:5000/app:1", "registry.example.com:5000", True),
    ("registry.example.com:5000/app:1", "registry.example.com", False),
    ("REGISTRY.example.com/app:1", "registry.example.com", True),
    ("localhost:5000/app:1", "localhost:*", True),
    ("quay.io/app:1", "*", True),
])
def test_patterns(image: str, trusted: str, ok: bool) -> None:
    found = spans(f"FROM {image}\n", "DL3026", trusted_registries=(trusted,))
    assert (found == []) is ok


def test_scratch_stages_and_unknown_registries_are_skipped() -> None:
    text = ("ARG REG\nARG IMAGE\nFROM scratch\nFROM quay.io/x/y:1 AS base\nFROM base\n"
            "FROM ${REG}/app:1\nFROM $IMAGE\nFROM ${IMAGE}:1\n")
    assert spans(text, "DL3026", trusted_registries=("gcr.io",)) == [(4, 6, 4, 13)]


def test_registry_from_arg_default() -> None:
    text = "ARG REG=quay.io\nFROM ${REG}/app:1\n"
    found = [f for f in lint(text, trusted_registries=("gcr.io",)) if f.rule_id == "DL3026"]
    assert [(f.line, f.column, f.end_column) for f in found] == [(2, 6, 18)]
    assert "'quay.io/app:1'" in found[0].message


def test_unknown_tag_does_not_hide_the_registry() -> None:
    text = "ARG TAG\nFROM quay.io/app:$TAG\n"
    assert spans(text, "DL3026", trusted_registries=("gcr.io",)) == [(2, 6, 2, 13)]


def test_copy_from_and_mount_from_images() -> None:
    text = ("FROM gcr.io/base:1 AS build\nFROM gcr.io/base:1\nCOPY --from=build /a /a\n"
            "COPY --from=quay.io/tools/jq:1.7 /jq /jq\n"
            "RUN --mount=from=ghcr.io/org/cache:1,target=/c true\n"
            "RUN --mount=from=build,target=/b true\n")
    assert spans(text, "DL3026", trusted_registries=("gcr.io",)) == [(4, 13, 4, 20),
                                                                    (5, 18, 5, 25)]


def test_hadolint_spelling_in_config_file(tmp_path: Path) -> None:
    from dockwise.config import load_file

    cfg = tmp_path / ".hadolint.yaml"
    cfg.write_text("trustedRegistries:\n  - docker.io\n  - '*.gcr.io'\n")
    config = load_file(cfg)
    assert config.trusted_registries == ("docker.io", "*.gcr.io")
    text = "FROM alpine:3.20\nFROM eu.gcr.io/p/app:1\nFROM gcr.io/p/app:1\n"
    found = spans(text, "DL3026", trusted_registries=config.trusted_registries)
    assert found == [(3, 6, 3, 12)]
