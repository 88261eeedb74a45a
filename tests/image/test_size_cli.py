"""``dockwise size`` on archives (no engine needed): formats, thresholds and exit codes, the
.dive-ci file, attribution to a Dockerfile with byte costs on findings, and one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from dockwise.cli import main

from .kit import DIR, WHITEOUT, docker_archive, layer_tar

MB5 = 5_000_000
WASTEFUL = [layer_tar({"etc": DIR, "etc/passwd": 100}), layer_tar({"big": MB5}),
            layer_tar({"big": WHITEOUT, "app": 1000})]


def run(*args: str, cwd: Path | None = None, env: dict | None = None) -> Result:
    old = os.getcwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        return CliRunner().invoke(main, ["size", *args], env=env, catch_exceptions=False)
    finally:
        os.chdir(old)


@pytest.fixture
def wasteful(tmp_path: Path) -> Path:
    path = tmp_path / "wasteful.tar"
    path.write_bytes(docker_archive(WASTEFUL))
    return path


def test_tty_report(wasteful: Path, tmp_path: Path) -> None:
    result = run("--archive", str(wasteful), cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert "Final image test:1: 5.0" in result.stdout or "Final image test:1: 5MB" in \
        result.stdout
    assert "/big" in result.stdout and "deleted" in result.stdout
    assert "1 MB = 1,000,000 bytes" in result.stdout


def test_json_report_has_integer_bytes(wasteful: Path, tmp_path: Path) -> None:
    result = run("--archive", str(wasteful), "--format", "json", cwd=tmp_path)
    data = json.loads(result.stdout)
    (stage,) = data["stages"]
    assert stage["size"] == 100 + MB5 + 1000
    assert stage["reclaimable_bytes"] == MB5
    assert [layer["size"] for layer in stage["layers"]] == [100, MB5, 1000]
    assert [layer["hidden_bytes"] for layer in stage["layers"]] == [0, MB5, 0]
    assert stage["waste"][0] == {"path": "/big", "kind": "deleted", "bytes": MB5, "files": 1,
                                 "hidden_by": 2, "written_by": [{"layer": 1, "bytes": MB5}]}
    assert stage["dive"]["wasted_bytes"] == MB5
    assert stage["dive"]["user_wasted_percent"] == pytest.approx(MB5 / (MB5 + 1000))
    assert data["units"] == "bytes" and data["passed"] is True and data["thresholds"] == []


def test_markdown_report(wasteful: Path, tmp_path: Path) -> None:
    result = run("--archive", str(wasteful), "--format", "markdown", "--max-size", "1MB",
                 cwd=tmp_path)
    assert result.exit_code == 1
    assert "| Path " in result.stdout and "### Thresholds" in result.stdout
    assert "FAIL  max-size: final image 5MB (5001100 bytes), limit 1MB" in result.stdout


def test_threshold_lines_and_exit_codes(wasteful: Path, tmp_path: Path) -> None:
    ok = run("--archive", str(wasteful), "--lowest-efficiency", "0.0001", "--max-size", "10MB",
             cwd=tmp_path)
    assert ok.exit_code == 0
    assert "PASS  lowestEfficiency" in ok.stdout and "PASS  max-size" in ok.stdout
    bad = run("--archive", str(wasteful), "--highest-wasted-bytes", "1MB", cwd=tmp_path)
    assert bad.exit_code == 1
    assert "FAIL  highestWastedBytes: wasted 5MB (5000000 bytes), highest allowed 1MB" in \
        bad.stdout


def test_dive_ci_in_the_working_directory_is_read(wasteful: Path, tmp_path: Path) -> None:
    (tmp_path / ".dive-ci").write_text("rules:\n  lowestEfficiency: 0.5\n")
    result = run("--archive", str(wasteful), cwd=tmp_path)
    assert result.exit_code == 1  # 0.5 fails, and dive's default highestUserWastedPercent too
    assert "dive's rules from .dive-ci" in result.stdout
    assert "FAIL  lowestEfficiency" in result.stdout
    assert "FAIL  highestUserWastedPercent" in result.stdout
    assert "SKIP  highestWastedBytes: disabled" in result.stdout  # dive's default: disabled
    data = json.loads(run("--archive", str(wasteful), "--format", "json",
                          cwd=tmp_path).stdout)
    assert {"name": "highestWastedBytes", "limit": None, "measured": None, "passed": True,
            "skipped": True, "text": "disabled"} in data["thresholds"]
    override = run("--archive", str(wasteful), "--lowest-efficiency", "0", "--ci-config",
                   str(tmp_path / ".dive-ci"), "--highest-user-wasted-percent", "disabled",
                   cwd=tmp_path)
    assert override.exit_code == 0, override.stdout


def test_output_file(wasteful: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    result = run("--archive", str(wasteful), "--format", "json", "-o", str(out), cwd=tmp_path)
    assert result.exit_code == 0 and result.stdout == ""
    assert json.loads(out.read_text())["final"] == "test:1"


def _one_line_error(result: Result, pattern: str) -> None:
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("dockwise: ") and pattern in lines[0], lines[0]
    assert "Traceback" not in result.output


def test_truncated_not_a_tar_and_missing_layer(tmp_path: Path) -> None:
    data = docker_archive(WASTEFUL)
    (tmp_path / "cut.tar").write_bytes(data[:len(data) // 2])
    (tmp_path / "text.tar").write_text("hello\n" * 300)
    _one_line_error(run("--archive", str(tmp_path / "cut.tar")), "truncated archive")
    _one_line_error(run("--archive", str(tmp_path / "text.tar")), "not a tar archive")


def test_several_images_need_a_choice(tmp_path: Path) -> None:
    path = tmp_path / "two.tar"
    path.write_bytes(docker_archive(WASTEFUL, tags=["a:1"], extra=[(WASTEFUL[:1], ["b:1"])]))
    _one_line_error(run("--archive", str(path)), "holds 2 images (a:1, b:1)")
    chosen = run("--archive", str(path), "--image", "b:1", "--format", "json")
    assert json.loads(chosen.stdout)["stages"][0]["size"] == 100


def test_usage_errors(wasteful: Path, tmp_path: Path) -> None:
    bad = run("--archive", str(wasteful), "--max-stage-size", "900MB", cwd=tmp_path)
    assert bad.exit_code == 2 and "expected STAGE=SIZE" in bad.stderr
    unknown = run("--archive", str(wasteful), "--max-stage-size", "build=1MB", cwd=tmp_path)
    _one_line_error(unknown, "stage 'build', which was not built")


DOCKERFILE = """\
FROM alpine:3.20
RUN apk add curl
COPY . /app
RUN rm -rf /app/tmp
"""


def test_attribution_and_finding_costs_with_a_dockerfile(tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").write_text(DOCKERFILE)
    layers = [layer_tar({"etc": DIR, "etc/alpine-release": 7}),
              layer_tar({"var/cache/apk/APKINDEX.1.tar.gz": 1_500_000,
                         "var/cache/apk/APKINDEX.2.tar.gz": 500_000, "usr/bin/curl": 300_000}),
              layer_tar({"app/.git/objects/pack": 40_000, "app/main.go": 10,
                         "app/tmp/scratch": 2_000}),
              layer_tar({"app/tmp": WHITEOUT})]
    history = [{"created_by": "/bin/sh -c #(nop) ADD file:abc in / "},
               {"created_by": "/bin/sh -c apk add curl"},
               {"created_by": "/bin/sh -c #(nop) COPY dir:def in /app "},
               {"created_by": "/bin/sh -c rm -rf /app/tmp"}]
    archive = tmp_path / "image.tar"
    archive.write_bytes(docker_archive(layers, history=history))
    result = run("--archive", str(archive), "-f", str(tmp_path / "Dockerfile"), "--format",
                 "json", cwd=tmp_path)
    data = json.loads(result.stdout)
    stage = data["stages"][0]
    assert [(x["origin"], x["line"]) for x in stage["layers"]] == [
        ("base", None), ("instruction", 2), ("instruction", 3), ("instruction", 4)]
    assert stage["base"] == "alpine:3.20"
    assert stage["base_size"] == 7 and stage["added_size"] == stage["size"] - 7
    costs = [(f["code"], f["bytes"]) for f in data["findings"]]
    assert costs[:2] == [("DL3019", 2_000_000), ("DW301", 42_000)]
    assert all(b is None for _, b in costs[2:])
    dl3019 = data["findings"][0]
    assert dl3019["cost"] == {"kind": "package-cache", "layer": 1, "in_final_image": True,
                              "paths": [{"path": "/var/cache/apk", "bytes": 2_000_000}]}
    tty = run("--archive", str(archive), "-f", "Dockerfile", cwd=tmp_path)
    assert "Findings by bytes" in tty.stdout and "DL3019" in tty.stdout
    assert "Dockerfile:2 RUN apk add curl" in tty.stdout


def test_engine_not_running(tmp_path: Path) -> None:
    env = {"DOCKER_HOST": f"unix://{tmp_path}/no-such.sock"}
    _one_line_error(run("--image", "alpine:3.20", env=env), "cannot connect to the Docker engine")
    (tmp_path / "ctx").mkdir()
    (tmp_path / "ctx" / "Dockerfile").write_text("FROM scratch\nCOPY Dockerfile /\n")
    temp = tmp_path / "temp"
    temp.mkdir()
    done = subprocess.run([sys.executable, "-m", "dockwise", "size", str(tmp_path / "ctx")],
                          env={**os.environ, **env, "TMPDIR": str(temp)},
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 2
    assert done.stderr.startswith("dockwise: cannot connect to the Docker engine at unix://")
    assert len(done.stderr.strip().splitlines()) == 1
    assert list(temp.iterdir()) == []


def test_lint_does_not_import_the_size_pass(tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").write_text("FROM alpine:3.20\nRUN apk add curl\n")
    code = ("import sys\nfrom dockwise.cli import main\ntry:\n"
            f"    main(['lint', '--format', 'text', {str(tmp_path / 'Dockerfile')!r}])\n"
            "except SystemExit:\n    pass\n"
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'docker', 'rich', "
            "'tabulate'}), 'dockwise.image' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, check=False)
    assert done.stdout.strip().splitlines()[-1] == "[] False"


def test_markdown_cells_escape_dockerfile_text() -> None:
    from dockwise.report import size_markdown

    table = size_markdown._table([("RUN echo <b>x</b> | tee *y*",)], ("Instruction",))
    assert table.splitlines()[-1] == "| RUN echo \\<b\\>x\\</b\\> \\| tee \\*y\\* |"


def test_escape_sequences_in_history_and_paths_are_made_visible(tmp_path: Path) -> None:
    layers = [layer_tar({"a\x1b[2Jb": MB5}), layer_tar({"a\x1b[2Jb": WHITEOUT})]
    history = [{"created_by": "/bin/sh -c #(nop) ADD file:\x1b]0;title\x07 in /"},
               {"created_by": "/bin/sh -c rm 'a\x1b[2Jb'"}]
    path = tmp_path / "evil.tar"
    path.write_bytes(docker_archive(layers, history=history))
    expected = {"tty": ("/a\\x1b[2Jb", "file:\\x1b]0;title\\x07 in /"),
                "markdown": ("| /a\\\\x1b\\[2Jb |", "file:\\\\x1b\\]0;title\\\\x07 in /")}
    for fmt, (waste, history_text) in expected.items():
        result = run("--archive", str(path), "--format", fmt, cwd=tmp_path)
        assert result.exit_code == 0, result.output
        assert "\x1b" not in result.stdout and "\x07" not in result.stdout, fmt
        assert waste in result.stdout, fmt
        assert history_text in result.stdout, fmt


def test_paths_too_deep_to_analyse_are_an_error_naming_the_archive(tmp_path: Path) -> None:
    path = tmp_path / "deep.tar"
    path.write_bytes(docker_archive([layer_tar({"a/" * 40_000 + "f": b"x"})]))
    result = run("--archive", str(path), cwd=tmp_path)
    assert result.exit_code == 2
    assert result.stderr == (f"dockwise: {path}: test:1: the layers hold paths too deep to "
                             "analyse (more than 67,108,864 characters of directory names)\n")
