"""The ``dockwise`` command line: lint, rules, explain; exit codes and error handling."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT

from dockwise.cli import main
from dockwise.engine import registry

BAD = "FROM alpine:latest\nRUN apk add curl=8.9.1-r0\n"
GOOD = "FROM alpine:3.20\nUSER 1000\nCMD [\"sh\"]\n"


def run(*args: str, stdin: str | bytes | None = None, cwd: Path | None = None
        ) -> tuple[int, str, str]:
    runner = CliRunner()
    old = Path.cwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        result = runner.invoke(main, list(args), input=stdin, catch_exceptions=False)
    finally:
        os.chdir(old)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "Dockerfile").write_text(BAD)
    (tmp_path / "good").mkdir()
    (tmp_path / "good" / "Containerfile").write_text(GOOD)
    (tmp_path / "good" / "notes.txt").write_text("not a dockerfile")
    return tmp_path


def test_text_output_and_exit_one(project: Path) -> None:
    code, out, err = run("lint", "--format", "text", str(project / "bad" / "Dockerfile"),
                         cwd=project)
    assert code == 1 and err == ""
    path = str(project / "bad" / "Dockerfile")
    assert out.splitlines() == [
        f"{path}:1:6: DW105 warning: the final image runs as root: no USER is set and "
        "'alpine:latest' defaults to root (final-stage-runs-as-root)",
        f"{path}:1:13: DL3007 warning: image 'alpine:latest' uses the 'latest' tag; pin a "
        "version (latest-tag)",
        f"{path}:2:5: DL3019 info: 'apk add' without --no-cache leaves the package index in the "
        "layer (apk-add-no-cache)",
    ]


def test_clean_file_exits_zero(project: Path) -> None:
    assert run("lint", str(project / "good" / "Containerfile"))[:2] == (0, "")


def test_directory_discovery(project: Path) -> None:
    code, out, _ = run("lint", "-f", "json", str(project))
    assert code == 1
    files = {Path(f["file"]).name for f in json.loads(out)}
    assert files == {"Dockerfile"}


def test_json_fields(project: Path) -> None:
    _, out, _ = run("lint", "-f", "json", "--select", "DL3007", str(project / "bad"))
    (item,) = json.loads(out)
    assert item == {
        "code": "DL3007", "level": "warning", "file": str(project / "bad" / "Dockerfile"),
        "line": 1, "column": 13, "end_line": 1, "end_column": 19,
        "message": "image 'alpine:latest' uses the 'latest' tag; pin a version",
        "rule_name": "latest-tag", "stage": "0", "fix": "alpine:<version>"}


def test_stdin_with_filename() -> None:
    code, out, _ = run("lint", "-f", "text", "--select", "DL3007", "--stdin-filename",
                       "svc/Dockerfile", "-", stdin=BAD)
    assert code == 1
    assert out.startswith("svc/Dockerfile:1:13: DL3007 warning:")


def test_missing_path_is_reported_and_others_still_linted(project: Path) -> None:
    code, out, err = run("lint", "-f", "text", str(project / "nope"),
                         str(project / "bad" / "Dockerfile"))
    assert code == 2
    assert err == f"dockwise: {project / 'nope'}: no such file or directory\n"
    assert "DL3007" in out


def test_directory_without_dockerfiles(tmp_path: Path) -> None:
    code, out, err = run("lint", str(tmp_path))
    assert code == 2 and out == ""
    assert err == f"dockwise: {tmp_path}: no Dockerfiles found in this directory\n"


def test_binary_file_is_an_input_error(tmp_path: Path) -> None:
    blob = tmp_path / "Dockerfile"
    blob.write_bytes(b"FROM a\n\x00\x01\x02")
    code, _, err = run("lint", str(blob))
    assert code == 2
    assert err == f"dockwise: {blob}:2: binary data (NUL byte), not a Dockerfile\n"


def test_ignore_select_and_fail_on(project: Path) -> None:
    path = str(project / "bad" / "Dockerfile")
    assert run("lint", "-f", "json", "--ignore", "DW105,latest-tag", "--ignore", "DL3019",
               path)[:2] == (0, "[]\n")
    assert run("lint", "--select", "DL3019", path)[0] == 1
    assert run("lint", "--select", "DL3019", "--fail-on", "warning", path)[0] == 0
    assert run("lint", "--fail-on", "none", path)[0] == 0
    assert run("lint", "--no-fail", path)[0] == 0


def test_unknown_target_stage_is_an_input_error(tmp_path: Path) -> None:
    dockerfile = tmp_path / "Dockerfile"
    dockerfile.write_text("FROM alpine:3.20 AS build\nFROM scratch\n")
    code, _, err = run("lint", "--target", "nope", str(dockerfile))
    assert code == 2
    assert err == (f"dockwise: {dockerfile}: no stage named 'nope' for --target "
                   "(stages: build)\n")
    assert run("lint", "--target", "BUILD", "-f", "json", str(dockerfile))[0] in (0, 1)


def test_unknown_rule_on_the_command_line(project: Path) -> None:
    code, _, err = run("lint", "--ignore", "DL9999", str(project / "bad"))
    assert code == 2 and err == "dockwise: unknown rule 'DL9999' in ignore\n"


def test_bad_config_is_exit_two_naming_file_and_key(project: Path) -> None:
    cfg = project / "bad" / ".dockwise.toml"
    cfg.write_text('fail-on = "sometimes"\n')
    code, _, err = run("lint", str(project / "bad" / "Dockerfile"))
    assert code == 2
    assert err == (f"dockwise: {cfg}: key 'fail-on': unknown severity 'sometimes' (use error, "
                   "warning, info, style or none)\n")


def test_hadolint_output_settings_are_reported_not_silently_ignored(tmp_path: Path) -> None:
    (tmp_path / ".hadolint.yaml").write_text("format: json\nignored: [DL3007]\n")
    (tmp_path / "Dockerfile").write_text(BAD)
    code, out, err = run("lint", "-f", "text", "Dockerfile", cwd=tmp_path)
    assert code == 1 and "DL3007" not in out
    assert err == (f"dockwise: {tmp_path / '.hadolint.yaml'}: warning: setting 'format' is "
                   "hadolint's output option and is not used by dockwise; use --format on the "
                   "command line\n")


def test_output_file(project: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    code, out, _ = run("lint", "-f", "json", "-o", str(target), str(project / "bad"))
    assert code == 1 and out == ""
    assert json.loads(target.read_text())[0]["code"] == "DW105"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".report")] == []


def test_usage_errors() -> None:
    assert run("lint")[0] == 2
    assert run("lint", "--format", "xml", "x")[0] == 2


def test_rules_and_explain() -> None:
    code, out, _ = run("rules", "--format", "json")
    assert code == 0
    listed = json.loads(out)
    assert [r["id"] for r in listed] == [r.id for r in registry()]
    code, out, _ = run("explain", "apk-add-no-cache")
    assert code == 0 and out.startswith("DL3019 apk-add-no-cache (info)\n")
    assert "## Use instead" in out
    code, _, err = run("explain", "nope")
    assert code == 2 and "unknown rule 'nope'" in err
    code, out, _ = run("explain", "sc2086")
    assert (code, out) == (0, "SC2086 is a ShellCheck check (rule SC runs ShellCheck on RUN "
                               "scripts): https://www.shellcheck.net/wiki/SC2086\n")


def test_python_dash_m_and_lint_path_import_no_heavy_modules() -> None:
    code = ("import sys; sys.argv=['dockwise','lint','-f','text','{}'];\n"
            "from dockwise.cli import main\ntry:\n    main()\nexcept SystemExit:\n    pass\n"
            "heavy = [m for m in ('docker', 'rich', 'tabulate', 'requests') if m in sys.modules]\n"
            "print('HEAVY', heavy)")
    sample = ROOT / "sample_dockerfiles" / "best-practice" / "Dockerfile"
    out = subprocess.run([sys.executable, "-c", code.format(sample)], capture_output=True,
                         text=True, check=True).stdout
    assert out.strip().endswith("HEAVY []")
    proc = subprocess.run([sys.executable, "-m", "dockwise", "--version"], capture_output=True,
                          text=True, check=True)
    assert proc.stdout.startswith("dockwise, version ")


def test_control_characters_in_error_messages_are_made_visible(tmp_path: Path) -> None:
    name = str(tmp_path / "evil\x1b[2J\rname")
    code, _, err = run("lint", name)
    assert code == 2
    assert err == f"dockwise: {tmp_path}/evil\\x1b[2J\\rname: no such file or directory\n"


def test_ctrl_c_exits_130_with_one_line(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dockwise.engine import Linter

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(Linter, "lint_path", interrupted)
    code, out, err = run("lint", str(project / "bad"))
    assert (code, out, err) == (130, "", "dockwise: interrupted\n")


def test_an_internal_error_on_stdin_is_reported_not_raised(monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    from dockwise.engine import Linter

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(Linter, "lint_source", broken)
    code, out, err = run("lint", "-f", "json", "-", stdin=BAD)
    assert (code, out, err) == (2, "[]\n", "dockwise: -: internal error: RuntimeError: boom\n")


def test_sigterm_exits_130_and_restores_the_handler(tmp_path: Path) -> None:
    import signal
    import time

    # stdin is a pipe nobody writes to, so dockwise waits in its read until the signal comes
    proc = subprocess.Popen([sys.executable, "-m", "dockwise", "lint", "-"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        wchan = Path(f"/proc/{proc.pid}/wchan")
        deadline = time.monotonic() + 60
        while "pipe_read" not in wchan.read_text() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert "pipe_read" in wchan.read_text()
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
        proc.wait()
    assert (proc.returncode, out, err) == (130, "", "dockwise: interrupted\n")
    assert signal.getsignal(signal.SIGTERM) == signal.SIG_DFL  # CliRunner runs leave it alone


def test_a_full_disk_on_stdout_is_an_error(project: Path) -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "dockwise", "lint", str(project / "bad")],
                              stdout=full, stderr=subprocess.PIPE, text=True, timeout=120)
    assert done.returncode == 2
    assert done.stderr == ("dockwise: cannot write the report to standard output: "
                           "No space left on device\n")


def test_a_closed_pipe_on_stdout_is_quiet(project: Path) -> None:
    proc = subprocess.Popen([sys.executable, "-m", "dockwise", "lint", str(project / "bad")],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # as `| head -0`: the reader is gone before the report is written
    err = proc.stderr.read()
    assert proc.wait(timeout=120) == 1
    assert err == b""


def test_deeply_nested_configuration_is_an_input_error(project: Path) -> None:
    (project / ".hadolint.yaml").write_text("ignored: " + "[" * 5000 + "]" * 5000 + "\n")
    code, _, err = run("lint", "bad", cwd=project)
    assert code == 2
    assert err == (f"dockwise: {project / '.hadolint.yaml'}: invalid YAML (line 1): nested more "
                   "than 64 levels deep\n")
    (project / ".hadolint.yaml").unlink()
    (project / ".dockwise.toml").write_text("ignore = " + "[" * 5000 + "]" * 5000 + "\n")
    code, _, err = run("lint", "bad", cwd=project)
    assert code == 2
    assert err == f"dockwise: {project / '.dockwise.toml'}: invalid TOML: nested too deeply\n"


def test_force_color_colours_a_pipe_and_no_color_wins(project: Path) -> None:
    def lint(**env: str) -> str:
        environ = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
        done = subprocess.run([sys.executable, "-m", "dockwise", "lint", "-f", "tty",
                               "--select", "DL3007", str(project / "bad")],
                              capture_output=True, text=True, env={**environ, **env},
                              timeout=120)
        assert done.returncode == 1, done.stderr
        return done.stdout

    assert "\x1b[33mDL3007\x1b[0m" in lint(FORCE_COLOR="1")
    assert "\x1b[" not in lint()
    assert "\x1b[" not in lint(FORCE_COLOR="0")
    assert "\x1b[" not in lint(FORCE_COLOR="1", NO_COLOR="1")


def test_force_color_does_not_change_the_default_format(project: Path) -> None:
    environ = {**os.environ, "FORCE_COLOR": "1"}
    environ.pop("NO_COLOR", None)
    done = subprocess.run([sys.executable, "-m", "dockwise", "lint", "--select", "DL3007",
                           str(project / "bad")], capture_output=True, text=True, env=environ,
                          timeout=120)
    assert done.returncode == 1, done.stderr
    assert done.stdout == (f"{project / 'bad'}/Dockerfile:1:13: DL3007 warning: image "
                           "'alpine:latest' uses the 'latest' tag; pin a version (latest-tag)\n")


@pytest.mark.parametrize("args", [["rules"], ["explain", "DL3006"], ["--help"], ["--version"]])
def test_every_command_reports_a_full_disk_on_stdout(args: list[str]) -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "dockwise", *args], stdout=full,
                              stderr=subprocess.PIPE, text=True, timeout=120)
    assert (done.returncode, done.stderr) == (
        2, "dockwise: cannot write output: No space left on device\n")


def test_a_closed_stdout_is_an_empty_sink(project: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "dockwise", "lint", str(project / "bad")],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                          timeout=120, preexec_fn=lambda: os.close(1))
    assert (done.returncode, done.stderr) == (1, "")


def test_an_unwritable_stderr_keeps_the_exit_code(project: Path) -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "dockwise", "lint", str(project / "nope")],
                              stdout=subprocess.DEVNULL, stderr=full, timeout=120)
    assert done.returncode == 2
