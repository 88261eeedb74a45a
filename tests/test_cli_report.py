"""The lint command's reporting options: --format, --output (atomic), --statistics,
--sarif-base, --exclude/--no-gitignore, exit codes."""

from __future__ import annotations

import json
import os
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from click.testing import CliRunner, Result

from dockwise import report
from dockwise.cli import main
from dockwise.report import FORMATS

SAMPLES = Path(__file__).resolve().parent / "report" / "samples"
BAD = "FROM alpine:latest\nRUN apk add curl\n"
GOOD = "FROM alpine:3.20\nUSER 1000\nCMD [\"sh\"]\n"


def run(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(main, ["lint", *args], input=input)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "Dockerfile").write_text(BAD)
    (tmp_path / "good").mkdir()
    (tmp_path / "good" / "Dockerfile").write_text(GOOD)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_every_format_on_the_command_line(project: Path) -> None:
    for fmt in FORMATS:
        result = run("-f", fmt, "--select", "DL3007,DL3019", "bad", "good")
        assert result.exit_code == 1, (fmt, result.output, result.stderr)
        assert result.stderr == ""
        out = result.stdout
        if fmt in ("json", "gitlab", "sarif"):
            json.loads(out)
        elif fmt in ("checkstyle", "junit"):
            ET.fromstring(out)
        assert "bad/Dockerfile" in out, fmt
        assert out.endswith("\n"), fmt


def test_text_is_the_default_off_a_terminal(project: Path) -> None:
    result = run("--select", "DL3007", "bad")
    assert result.stdout == ("bad/Dockerfile:1:13: DL3007 warning: image 'alpine:latest' uses "
                             "the 'latest' tag; pin a version (latest-tag)\n")


def test_sarif_lists_the_selected_rules_and_relative_uris(project: Path) -> None:
    result = run("-f", "sarif", "--select", "DL3007,DL3019", "--sarif-base", "bad", "bad")
    log = json.loads(result.stdout)
    run_ = log["runs"][0]
    assert [r["id"] for r in run_["tool"]["driver"]["rules"]] == ["DL3007", "DL3019"]
    assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in run_["results"]} == {"Dockerfile"}
    assert run_["originalUriBaseIds"]["%SRCROOT%"]["uri"] == (project / "bad").as_uri() + "/"


def test_sarif_base_must_be_a_directory(project: Path) -> None:
    result = run("-f", "sarif", "--sarif-base", "nope", "bad")
    assert result.exit_code == 2
    assert "nope is not a directory" in result.stderr


def test_statistics_after_human_output(project: Path) -> None:
    (project / "bad" / "api.Dockerfile").write_text(BAD + "RUN apk add git\n")
    result = run("--statistics", "--select", "DL3007,DL3019", "bad")
    assert result.exit_code == 1
    findings, table = result.stdout.split("\n\n")
    assert len(findings.splitlines()) == 5
    assert table.splitlines()[2:] == [
        "DL3019  apk-add-no-cache  info              3        2",
        "DL3007  latest-tag        warning           2        2"]


def test_statistics_keep_machine_output_parseable(project: Path) -> None:
    result = run("--statistics", "-f", "json", "--select", "DL3007", "bad")
    assert len(json.loads(result.stdout)) == 1
    assert "DL3007  latest-tag" in result.stderr


def test_statistics_in_markdown(project: Path) -> None:
    result = run("--statistics", "-f", "markdown", "--select", "DL3007", "bad")
    assert result.stdout.endswith("## Statistics\n\n"
                                  "| Rule   | Name       | Severity   |   Count |   Files |\n"
                                  "|--------|------------|------------|---------|---------|\n"
                                  "| DL3007 | latest-tag | warning    |       1 |       1 |\n")


def test_exclude_and_gitignore_options(project: Path) -> None:
    (project / ".git").mkdir()
    (project / ".gitignore").write_text("bad/\n")
    assert run("-f", "json", ".").stdout == "[]\n"
    assert "bad/Dockerfile" in run("-f", "json", "--no-gitignore", ".").stdout
    assert run("-f", "json", "--no-gitignore", "--exclude", "bad", ".").stdout == "[]\n"


def test_invalid_exclude_is_a_usage_error(project: Path) -> None:
    result = run("--exclude", "[z-a]", ".")
    assert result.exit_code == 2
    assert "Invalid value for --exclude: invalid pattern '[z-a]'" in result.stderr


def test_discovery_problems_and_exit_codes(project: Path) -> None:
    (project / "empty").mkdir()
    result = run("--select", "DL3007", "empty", "good")
    assert result.exit_code == 2
    assert result.stderr == "dockwise: empty: no Dockerfiles found in this directory\n"
    os.symlink(project / "good", project / "good" / "loop")
    result = run("--select", "DL3007", "good")
    assert result.exit_code == 0  # a loop is reported, not fatal
    assert "symbolic link loop" in result.stderr


def test_sarif_records_unreadable_input(project: Path) -> None:
    (project / "bin.Dockerfile").write_bytes(b"\x00\x01")
    result = run("-f", "sarif", "bin.Dockerfile", "bad")
    assert result.exit_code == 2
    invocation = json.loads(result.stdout)["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert invocation["toolExecutionNotifications"][0]["locations"][0]["physicalLocation"][
        "artifactLocation"]["uri"] == "bin.Dockerfile"


def test_stdin_in_every_format(project: Path) -> None:
    result = run("-f", "gitlab", "--select", "DL3007", "--stdin-filename", "svc/Dockerfile", "-",
                 input=BAD)
    issue = json.loads(result.stdout)[0]
    assert issue["location"] == {"path": "svc/Dockerfile", "lines": {"begin": 1, "end": 1}}


# --- --output ---------------------------------------------------------------------------------

def test_output_file(project: Path) -> None:
    result = run("-f", "json", "-o", "report.json", "bad")
    assert result.exit_code == 1 and result.stdout == ""
    assert json.loads((project / "report.json").read_text())[0]["file"] == "bad/Dockerfile"
    assert sorted(p.name for p in project.iterdir()) == ["bad", "good", "report.json"]


def test_output_file_permissions_and_symlinks(project: Path) -> None:
    old = os.umask(0o022)
    try:
        assert run("-f", "json", "-o", "new.json", "bad").exit_code == 1
        assert (project / "new.json").stat().st_mode & 0o777 == 0o644
        (project / "kept.json").write_text("old\n")
        (project / "kept.json").chmod(0o640)
        assert run("-f", "json", "-o", "kept.json", "bad").exit_code == 1
        assert (project / "kept.json").stat().st_mode & 0o777 == 0o640
        (project / "reports").mkdir()
        (project / "link.json").symlink_to(project / "reports" / "real.json")
        assert run("-f", "json", "-o", "link.json", "bad").exit_code == 1
        assert (project / "link.json").is_symlink()
        assert json.loads((project / "reports" / "real.json").read_text())[0]["code"]
    finally:
        os.umask(old)


def test_failed_write_leaves_no_partial_or_temporary_file(project: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    (project / "out").mkdir()
    real_fdopen = os.fdopen

    class Full:
        """A file that takes 10 bytes, then fails as a full disk does."""

        def __init__(self, fh: object) -> None:
            self.fh = fh

        def write(self, text: str) -> int:
            self.fh.write(text[:10])  # type: ignore[attr-defined]
            self.fh.flush()  # type: ignore[attr-defined]
            raise OSError(28, "No space left on device")

        def __enter__(self) -> Full:
            return self

        def __exit__(self, *exc: object) -> None:
            self.fh.close()  # type: ignore[attr-defined]

    monkeypatch.setattr(report.os, "fdopen", lambda *a, **k: Full(real_fdopen(*a, **k)))
    result = run("-f", "json", "-o", "out/report.json", "bad")
    assert result.exit_code == 2
    assert result.stderr.endswith("cannot write out/report.json: No space left on device\n")
    assert list((project / "out").iterdir()) == []


def test_failed_rename_keeps_the_old_report(project: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    (project / "report.json").write_text("old\n")

    def replace(src: str, dst: str) -> None:
        raise OSError(18, "Invalid cross-device link")

    monkeypatch.setattr(report.os, "replace", replace)
    result = run("-f", "json", "-o", "report.json", "bad")
    assert result.exit_code == 2
    assert (project / "report.json").read_text() == "old\n"
    assert sorted(p.name for p in project.iterdir()) == ["bad", "good", "report.json"]


def test_interrupted_write_removes_the_temporary_file(project: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    def replace(src: str, dst: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(report.os, "replace", replace)
    with pytest.raises(KeyboardInterrupt):
        report.write_atomic(project / "r.txt", "x")
    assert sorted(p.name for p in project.iterdir()) == ["bad", "good"]


def test_output_into_a_missing_directory(project: Path) -> None:
    result = run("-f", "json", "-o", "missing/report.json", "bad")
    assert result.exit_code == 2
    assert "cannot write missing/report.json: No such file or directory" in result.stderr


def test_file_name_that_is_not_utf8(project: Path) -> None:
    os.mkdir(b"odd")
    with open(b"odd/bad\xff.Dockerfile", "w") as fh:
        fh.write(BAD)
    for fmt in FORMATS:
        result = run("-f", fmt, "--select", "DL3007", "odd")
        assert result.exit_code == 1, (fmt, result.output)
        result.stdout_bytes.decode("utf-8")  # stdout is valid UTF-8 in every format
        if fmt in ("text", "tty"):  # the name's undecodable byte is shown, escaped
            assert "odd/bad\\xff.Dockerfile" in result.stdout, fmt
        out = run("-f", fmt, "--select", "DL3007", "-o", f"report.{fmt}", "odd")
        assert out.exit_code == 1, (fmt, out.output)
        (project / f"report.{fmt}").read_text(encoding="utf-8")  # valid UTF-8
    sarif = json.loads((project / "report.sarif").read_text(encoding="utf-8"))
    location = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "odd/bad%FF.Dockerfile"


def test_output_to_a_device_or_pipe_is_written_not_replaced(project: Path) -> None:
    fifo = project / "report.fifo"
    os.mkfifo(fifo)
    import threading

    got: list[str] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_text()))
    reader.start()
    assert run("-f", "text", "--select", "DL3007", "-o", str(fifo), "bad").exit_code == 1
    reader.join(timeout=10)
    assert fifo.is_fifo() and got and "DL3007" in got[0]
    assert run("-f", "text", "-o", "/dev/null", "bad").exit_code == 1
    assert Path("/dev/null").is_char_device()


def test_output_onto_an_input_is_refused(project: Path) -> None:
    before = (project / "bad" / "Dockerfile").read_text()
    result = run("-f", "json", "-o", "bad/Dockerfile", "bad")
    assert result.exit_code == 2
    assert "bad/Dockerfile is one of the files being linted" in result.stderr
    assert (project / "bad" / "Dockerfile").read_text() == before
