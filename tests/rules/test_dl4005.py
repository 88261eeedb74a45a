"""DL4005: ln that replaces /bin/sh (use SHELL instead)."""

from __future__ import annotations

import pytest

from tests.conftest import codes, spans

RULE = "DL4005"


@pytest.mark.parametrize(("command", "span"), [
    ("ln -sf /bin/bash /bin/sh", (2, 22, 2, 29)),
    ("ln -s -f bash /usr/bin/sh", (2, 19, 2, 30)),
    ("ln -sf /opt/sh /bin/", (2, 20, 2, 25)),
    ("ln -sft /bin /opt/sh", (2, 13, 2, 17)),
    ("ln --symbolic --force --target-directory=/bin /opt/sh", (2, 27, 2, 50)),
    ("rm /bin/sh && sudo ln -s /bin/bash /bin/sh", (2, 40, 2, 47)),
])
def test_relinking_bin_sh(command: str, span: tuple[int, int, int, int]) -> None:
    assert spans(f"FROM debian:12\nRUN {command}\n", RULE) == [span]


@pytest.mark.parametrize("command", [
    "ln -s /bin/sh /usr/local/bin/sh",
    "ln -sf /bin/bash /usr/local/bin/bash",
    "ln -s /bin/sh",
    "ln -sft /usr/local/bin /bin/sh",
    "echo ln -sf /bin/bash /bin/sh",
])
def test_not_replacing_bin_sh(command: str) -> None:
    assert codes(f"FROM debian:12\nRUN {command}\n", RULE) == []
