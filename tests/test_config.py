"""Configuration: every key in each file kind, discovery order, hadolint compatibility
(``.hadolint.yaml``, its user-wide locations, its environment variables), and bad files.

CLI tests run in a private working directory with ``HOME`` pointing at an empty directory,
so no real user configuration is read.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from dockwise.cli import main
from dockwise.config import (
    Config,
    ConfigError,
    ConfigResolver,
    apply_hadolint_environment,
    find_dockwise_config,
    hadolint_config_candidates,
    load_file,
)
from dockwise.findings import Severity

#: DW105 warning at 1:6, DL3007 warning at 1:13, DL3019 info at 2:5 (and nothing else).
DOCKERFILE = "FROM alpine:latest\nRUN apk add curl=8.9.1-r0\n"

HADOLINT_YAML = """\
ignored:
  - DL3007
  - SC1010
override:
  error:
    - DL3019
  warning: [DW105]
  info: []
  style:
failure-threshold: warning
trustedRegistries:
  - docker.io
  - "*.gcr.io"
label-schema:
  author: text
  version: semver
strict-labels: true
disable-ignore-pragma: true
no-fail: true
no-color: true
format: json
"""

DOCKWISE_TOML = """\
ignore = ["DL3007", "SC1010"]
severity = { DL3019 = "error", DW105 = "warning" }
fail-on = "warning"
trusted-registries = ["docker.io", "*.gcr.io"]
label-schema = { author = "text", version = "semver" }
strict-labels = true
disable-ignore-pragma = true
no-fail = true
"""


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty working directory (a git repository root), with an empty HOME."""
    home = tmp_path / "home"
    work = tmp_path / "work"
    home.mkdir()
    work.mkdir()
    (work / ".git").mkdir()
    monkeypatch.setenv("HOME", str(home))
    for var in ("XDG_CONFIG_HOME", "LOCALAPPDATA", "SHELLCHECK_OPTS", "NO_COLOR"):
        monkeypatch.delenv(var, raising=False)
    import os

    for var in list(os.environ):
        if var.startswith("HADOLINT_"):
            monkeypatch.delenv(var)
    monkeypatch.chdir(work)
    (work / "Dockerfile").write_text(DOCKERFILE)
    return work


def run(*args: str) -> Result:
    return CliRunner().invoke(main, ["lint", "--format", "text", *args])


def findings(result: Result) -> list[str]:
    """``ID severity line:col`` for each reported finding."""
    out = []
    for line in result.stdout.splitlines():
        where, rest = line.split(": ", 1)
        rule, severity = rest.split()[:2]
        out.append(f"{rule} {severity.rstrip(':')} {where.split(':', 1)[1]}")
    return out


# -- every key, both spellings ----------------------------------------------------------------

def expected_values(config: Config) -> None:
    assert config.ignore == ("DL3007", "SC1010")
    assert config.severity == {"DL3019": Severity.ERROR, "DW105": Severity.WARNING}
    assert config.fail_on is Severity.WARNING
    assert config.trusted_registries == ("docker.io", "*.gcr.io")
    assert config.label_schema == {"author": "text", "version": "semver"}
    assert config.strict_labels is True
    assert config.disable_ignore_pragma is True
    assert config.no_fail is True


def test_hadolint_yaml_keys(tmp_path: Path) -> None:
    path = tmp_path / ".hadolint.yaml"
    path.write_text(HADOLINT_YAML)
    config = load_file(path)
    expected_values(config)
    assert config.source == path
    assert config.hadolint_refs == {"DL3007", "SC1010", "DL3019", "DW105"}


def test_dockwise_toml_keys(tmp_path: Path) -> None:
    path = tmp_path / ".dockwise.toml"
    path.write_text(DOCKWISE_TOML)
    config = load_file(path)
    expected_values(config)
    assert config.hadolint_refs == frozenset()


def test_pyproject_table_keys(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text("[project]\nname = 'x'\n\n[tool.dockwise]\n" + DOCKWISE_TOML +
                    "\n[tool.dockwise.rules.shellcheck]\ntimeout = 60\n")
    config = load_file(path)
    expected_values(config)
    assert config.rule_options("SC", "shellcheck") == {"timeout": 60}


def test_hadolint_spellings_in_toml_and_dockwise_spellings_in_yaml(tmp_path: Path) -> None:
    toml = tmp_path / ".dockwise.toml"
    toml.write_text('ignored = ["DL3007"]\nfailure-threshold = "error"\n'
                    'trustedRegistries = "docker.io"\noverride = { style = ["DL3019"] }\n')
    config = load_file(toml)
    assert (config.ignore, config.fail_on, config.trusted_registries, config.severity) == (
        ("DL3007",), Severity.ERROR, ("docker.io",), {"DL3019": Severity.STYLE})
    yaml = tmp_path / ".hadolint.yml"
    yaml.write_text("ignore: [DL3007]\nfail-on: none\nshellcheck: false\n")
    config = load_file(yaml)
    assert (config.ignore, config.fail_on, config.shellcheck) == (("DL3007",), None, False)


@pytest.mark.parametrize("value", ["none", "ignore", "NONE"])
def test_failure_threshold_none_and_ignore_never_fail(tmp_path: Path, value: str) -> None:
    path = tmp_path / ".hadolint.yaml"
    path.write_text(f"failure-threshold: {value}\n")
    assert load_file(path).fail_on is None


def test_empty_yaml_and_nulls(tmp_path: Path) -> None:
    path = tmp_path / ".hadolint.yaml"
    path.write_text("")
    assert load_file(path).ignore == ()
    path.write_text("ignored:\noverride:\n  error:\nlabel-schema:\ntrustedRegistries:\n")
    config = load_file(path)
    assert (config.ignore, dict(config.severity), dict(config.label_schema),
            config.trusted_registries) == ((), {}, {}, ())
    # one id instead of a list
    path.write_text("override:\n  info: DL3007\n")
    assert load_file(path).severity == {"DL3007": Severity.INFO}


# -- bad files ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "key", "message"), [
    ("ignord:\n  - DL3000\n", "ignord", "unknown setting (did you mean 'ignored'?)"),
    ("ignored: 3\n", "ignored", "expected a list of strings"),
    ("ignored: [DL3000, 7]\n", "ignored", "expected a list of strings"),
    ("override:\n  fatal: [DL3000]\n", "override.fatal", "unknown severity 'fatal'"),
    ("override: [DL3000]\n", "override", "expected a table"),
    ("failure-threshold: loud\n", "failure-threshold", "unknown severity 'loud'"),
    ("failure-threshold: 3\n", "failure-threshold", "expected a severity name, got 3"),
    ("no-fail: yes please\n", "no-fail", "expected true or false, got 'yes please'"),
    ("strict-labels: 1\n", "strict-labels", "expected true or false, got 1"),
    ("disable-ignore-pragma: 'true'\n", "disable-ignore-pragma",
     "expected true or false, got 'true'"),
    ("label-schema:\n  version: number\n", "label-schema.version", "format must be one of"),
    ("label-schema: [a]\n", "label-schema", "expected a table of label name to format"),
    ("trustedRegistries: {a: b}\n", "trustedRegistries", "expected a list of strings"),
    ("rules:\n  shellcheck:\n    timeout: 0\n", "rules.shellcheck.timeout",
     "expected a number of seconds above 0 and at most 3600, got 0"),
    ("rules:\n  SC:\n    pth: /x\n", "rules.SC.pth", "unknown option (use timeout)"),
    ("rules:\n  SC:\n    path: /x\n", "rules.SC.path", "unknown option (use timeout)"),
    ("rules:\n  SC:\n    timeout: .nan\n", "rules.SC.timeout",
     "expected a number of seconds above 0 and at most 3600, got nan"),
    ("rules: [x]\n", "rules", "expected a table of per-rule tables"),
])
def test_bad_values_name_file_and_key(tmp_path: Path, text: str, key: str, message: str) -> None:
    path = tmp_path / ".hadolint.yaml"
    path.write_text(text)
    with pytest.raises(ConfigError) as info:
        load_file(path)
    assert info.value.key == key
    assert info.value.path == path
    assert message in info.value.message
    assert str(info.value).startswith(f"{path}: key '{key}': ")


def test_syntax_errors_name_the_file(tmp_path: Path) -> None:
    yaml = tmp_path / ".hadolint.yaml"
    yaml.write_text("ignored:\n  - DL3000\n bad: [\n")
    with pytest.raises(ConfigError, match=r"\.hadolint\.yaml: invalid YAML \(line \d+\)"):
        load_file(yaml)
    toml = tmp_path / ".dockwise.toml"
    toml.write_text("ignore = [\n")
    with pytest.raises(ConfigError, match=r"\.dockwise\.toml: invalid TOML"):
        load_file(toml)
    yaml.write_text("- DL3000\n")
    with pytest.raises(ConfigError, match="expected a table of settings"):
        load_file(yaml)


@pytest.mark.parametrize(("name", "text", "message"), [
    (".hadolint.yaml", "ignord: [DL3007]\n",
     "key 'ignord': unknown setting (did you mean 'ignored'?)"),
    (".dockwise.toml", 'ignore = ["DL9999"]\n', "unknown rule 'DL9999' in ignore"),
    ("pyproject.toml", '[tool.dockwise]\nseverity = { DL9999 = "error" }\n',
     "unknown rule 'DL9999' in severity overrides"),
    (".dockwise.toml", 'severity = { DL3007 = "loud" }\n',
     "key 'severity.DL3007': unknown severity 'loud' (use error, warning, info, style or off)"),
])
def test_cli_bad_config_is_one_line_and_exit_2(work: Path, name: str, text: str,
                                               message: str) -> None:
    (work / name).write_text(text)
    result = run("Dockerfile")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"dockwise: {work / name}: {message}\n"


def test_cli_unknown_rule_on_the_command_line(work: Path) -> None:
    (work / ".dockwise.toml").write_text('ignore = ["DL3007"]\n')
    result = run("--ignore", "DL3019,DL9999", "Dockerfile")
    # not blamed on the configuration file
    assert (result.exit_code, result.stderr) == (2, "dockwise: unknown rule 'DL9999' in ignore\n")


def test_cli_bad_config_of_one_file_does_not_stop_the_others(work: Path) -> None:
    sub = work / "sub"
    sub.mkdir()
    (sub / ".dockwise.toml").write_text("fail-on = 12\n")
    (sub / "Dockerfile").write_text(DOCKERFILE)
    result = run("Dockerfile", "sub/Dockerfile")
    assert result.exit_code == 2
    assert "sub/.dockwise.toml: key 'fail-on': expected a severity name, got 12" in \
        result.stderr
    assert findings(result) == ["DW105 warning 1:6", "DL3007 warning 1:13", "DL3019 info 2:5"]


def test_cli_unknown_rule_in_hadolint_config_is_a_warning(work: Path) -> None:
    # hadolint has rules dockwise does not (DL3071...): a working .hadolint.yaml keeps working
    (work / ".hadolint.yaml").write_text("ignored: [DL3071, DL3007]\n")
    result = run("Dockerfile")
    assert result.exit_code == 1
    assert result.stderr == (f"dockwise: {work / '.hadolint.yaml'}: warning: unknown rule "
                             "'DL3071' from hadolint's configuration is skipped\n")
    assert findings(result) == ["DW105 warning 1:6", "DL3019 info 2:5"]


# -- every hadolint key end to end (CLI) -------------------------------------------------------

def test_cli_ignored_and_override(work: Path) -> None:
    (work / ".hadolint.yaml").write_text(
        "ignored: [DL3007]\noverride:\n  error: [DL3019]\n  style: [final-stage-runs-as-root]\n")
    assert findings(run("Dockerfile")) == ["DW105 style 1:6", "DL3019 error 2:5"]


@pytest.mark.parametrize(("threshold", "code"), [
    ("error", 0), ("warning", 1), ("info", 1), ("style", 1), ("none", 0), ("ignore", 0)])
def test_cli_failure_threshold(work: Path, threshold: str, code: int) -> None:
    (work / ".hadolint.yaml").write_text(f"failure-threshold: {threshold}\n")
    assert run("Dockerfile").exit_code == code


def test_cli_failure_threshold_is_overridden_by_fail_on(work: Path) -> None:
    (work / ".hadolint.yaml").write_text("failure-threshold: error\n")
    assert run("Dockerfile").exit_code == 0
    assert run("--fail-on", "info", "Dockerfile").exit_code == 1


def test_cli_no_fail(work: Path) -> None:
    (work / ".hadolint.yaml").write_text("no-fail: true\n")
    result = run("Dockerfile")
    assert result.exit_code == 0
    assert len(findings(result)) == 3


def test_cli_disable_ignore_pragma(work: Path) -> None:
    (work / "Dockerfile").write_text("FROM alpine:latest\n# hadolint ignore=DL3019\n"
                                     "RUN apk add curl=8.9.1-r0\n")
    assert "DL3019 info 3:5" not in findings(run("Dockerfile"))
    (work / ".hadolint.yaml").write_text("disable-ignore-pragma: true\n")
    assert "DL3019 info 3:5" in findings(run("Dockerfile"))


def test_cli_output_keys_are_accepted_and_ignored(work: Path) -> None:
    (work / ".hadolint.yaml").write_text("format: json\nno-color: true\nverbose: true\n")
    result = run("Dockerfile")
    assert result.exit_code == 1 and findings(result)  # still the text format asked for


def test_cli_label_and_registry_keys_reach_the_configuration(work: Path) -> None:
    (work / ".hadolint.yaml").write_text(HADOLINT_YAML)
    config = ConfigResolver().for_file(work / "Dockerfile")
    expected_values(config)
    # and the run accepts them
    assert run("Dockerfile").exit_code == 0  # no-fail


def test_cli_shellcheck_false(work: Path) -> None:
    (work / "Dockerfile").write_text("FROM debian:12\nUSER app\nRUN echo $foo\n")
    (work / ".dockwise.toml").write_text("shellcheck = false\n")
    assert not [f for f in findings(run("Dockerfile")) if f.startswith("SC")]


# -- discovery ---------------------------------------------------------------------------------

def test_nearest_dockwise_config_wins(work: Path) -> None:
    deep = work / "a" / "b"
    deep.mkdir(parents=True)
    (work / ".dockwise.toml").write_text('ignore = ["DL3007"]\n')
    (work / "a" / "pyproject.toml").write_text('[tool.dockwise]\nignore = ["DL3019"]\n')
    (deep / "Dockerfile").write_text(DOCKERFILE)
    assert find_dockwise_config(deep) == work / "a" / "pyproject.toml"
    assert findings(run("a/b/Dockerfile")) == ["DW105 warning 1:6", "DL3007 warning 1:13"]


def test_pyproject_without_dockwise_table_is_skipped(work: Path) -> None:
    sub = work / "sub"
    sub.mkdir()
    (sub / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    (work / ".dockwise.toml").write_text('ignore = ["DL3007"]\n')
    assert find_dockwise_config(sub) == work / ".dockwise.toml"


@pytest.mark.parametrize("text", [
    'tool.dockwise.ignore = ["DL3007"]\n',
    '[ tool.dockwise ]\nignore = ["DL3007"]\n',
    '[tool."dockwise"]\nignore = ["DL3007"]\n',
    '[tool]\ndockwise = { ignore = ["DL3007"] }\n',
])
def test_every_toml_spelling_of_the_table_is_found(work: Path, text: str) -> None:
    (work / "pyproject.toml").write_text(text + "[project]\nname = 'x'\n")
    (work / "Dockerfile").write_text(DOCKERFILE)
    assert find_dockwise_config(work) == work / "pyproject.toml"
    assert findings(run("Dockerfile")) == ["DW105 warning 1:6", "DL3019 info 2:5"]


def test_a_pyproject_that_only_mentions_dockwise_is_skipped(work: Path) -> None:
    (work / "pyproject.toml").write_text('[project]\ndependencies = ["dockwise>=1"]\n')
    assert find_dockwise_config(work) is None


def test_an_invalid_pyproject_mentioning_dockwise_is_reported(work: Path) -> None:
    (work / "pyproject.toml").write_text('tool.dockwise.ignore = [1\n')
    (work / "Dockerfile").write_text(DOCKERFILE)
    assert find_dockwise_config(work) == work / "pyproject.toml"
    result = run("Dockerfile")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"dockwise: {work / 'pyproject.toml'}: invalid TOML: ")


def test_dockwise_toml_before_pyproject_in_one_directory(work: Path) -> None:
    (work / "pyproject.toml").write_text('[tool.dockwise]\nignore = ["DL3019"]\n')
    (work / ".dockwise.toml").write_text('ignore = ["DL3007"]\n')
    assert find_dockwise_config(work) == work / ".dockwise.toml"


def test_search_stops_at_the_repository_root(tmp_path: Path) -> None:
    (tmp_path / ".dockwise.toml").write_text('ignore = ["DL3007"]\n')
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "app").mkdir()
    assert find_dockwise_config(repo / "app") is None


def test_working_directory_config_for_files_outside_it(work: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    (other / ".git").mkdir(parents=True)
    (other / "Dockerfile").write_text(DOCKERFILE)
    (work / ".dockwise.toml").write_text('ignore = ["DL3007"]\n')
    assert findings(run(str(other / "Dockerfile"))) == ["DW105 warning 1:6", "DL3019 info 2:5"]


def test_stdin_uses_the_working_directory_config(work: Path) -> None:
    (work / ".dockwise.toml").write_text('ignore = ["DL3007"]\n')
    result = CliRunner().invoke(main, ["lint", "--format", "text", "-"], input=DOCKERFILE)
    assert findings(result) == ["DW105 warning 1:6", "DL3019 info 2:5"]


def test_hadolint_config_only_without_a_dockwise_config(work: Path) -> None:
    (work / ".hadolint.yaml").write_text("ignored: [DL3019]\n")
    assert "DL3019 info 2:5" not in findings(run("Dockerfile"))
    (work / "pyproject.toml").write_text('[tool.dockwise]\nignore = ["DL3007"]\n')
    assert findings(run("Dockerfile")) == ["DW105 warning 1:6", "DL3019 info 2:5"]


def test_hadolint_yml_in_the_working_directory(work: Path) -> None:
    (work / ".hadolint.yml").write_text("ignored: [DL3019]\n")
    assert findings(run("Dockerfile")) == ["DW105 warning 1:6", "DL3007 warning 1:13"]


def test_explicit_config_wins(work: Path, tmp_path: Path) -> None:
    (work / ".dockwise.toml").write_text('ignore = ["DL3007"]\n')
    explicit = tmp_path / "ci.yaml"
    explicit.write_text("ignored: [DL3019]\n")
    assert findings(run("--config", str(explicit), "Dockerfile")) == [
        "DW105 warning 1:6", "DL3007 warning 1:13"]


def test_hadolint_candidates_order(tmp_path: Path) -> None:
    home, cwd, xdg = tmp_path / "h", tmp_path / "c", tmp_path / "x"
    found = hadolint_config_candidates(cwd, {"XDG_CONFIG_HOME": str(xdg)}, home)
    assert [str(p.relative_to(tmp_path)) for p in found] == [
        "c/.hadolint.yaml", "c/.hadolint.yml",
        "x/hadolint.yaml", "x/hadolint.yml",
        "h/.config/hadolint.yaml", "h/.config/hadolint.yml",
        "h/.hadolint/hadolint.yaml", "h/.hadolint/hadolint.yml",
        "h/.hadolint/config.yaml", "h/.hadolint/config.yml",
        "h/hadolint/config.yaml", "h/hadolint/config.yml",
        "h/.hadolint.yaml", "h/.hadolint.yml",
    ]
    # a relative XDG_CONFIG_HOME is ignored, as the XDG specification says
    assert not [p for p in hadolint_config_candidates(cwd, {"XDG_CONFIG_HOME": "rel"}, home)
                if "rel" in str(p)]


@pytest.mark.parametrize("location", [
    "xdg/hadolint.yaml", "home/.config/hadolint.yml", "home/.hadolint/hadolint.yaml",
    "home/.hadolint/config.yaml", "home/hadolint/config.yaml", "home/.hadolint.yaml"])
def test_user_wide_hadolint_config(tmp_path: Path, location: str) -> None:
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    path = tmp_path / location
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("ignored: [DL3019]\n")
    resolver = ConfigResolver(cwd=cwd, environ={"XDG_CONFIG_HOME": str(tmp_path / "xdg")},
                              home=tmp_path / "home")
    assert resolver.for_file(None).source == path


def test_working_directory_hadolint_before_user_wide(tmp_path: Path) -> None:
    (tmp_path / "home" / ".config").mkdir(parents=True)
    (tmp_path / "home" / ".config" / "hadolint.yaml").write_text("ignored: [DL3007]\n")
    (tmp_path / ".hadolint.yaml").write_text("ignored: [DL3019]\n")
    resolver = ConfigResolver(cwd=tmp_path, environ={}, home=tmp_path / "home")
    assert resolver.for_file(None).ignore == ("DL3019",)


# -- hadolint's environment variables ----------------------------------------------------------

def test_environment_variables() -> None:
    base = Config(ignore=("DL3000",), trusted_registries=("docker.io",))
    env = {
        "HADOLINT_IGNORE": "DL3007, DL3071",
        "HADOLINT_OVERRIDE_ERROR": "DL3019",
        "HADOLINT_OVERRIDE_STYLE": "DW105,SC2086",
        "HADOLINT_FAILURE_THRESHOLD": "warning",
        "HADOLINT_NOFAIL": "yes",
        "HADOLINT_STRICT_LABELS": "1",
        "HADOLINT_DISABLE_IGNORE_PRAGMA": "on",
        "HADOLINT_TRUSTED_REGISTRIES": "ghcr.io,quay.io",
        "HADOLINT_REQUIRE_LABELS": "maintainer:text,version:semver",
    }
    config = apply_hadolint_environment(base, env)
    assert config.ignore == ("DL3000", "DL3007", "DL3071")
    assert config.severity == {"DL3019": Severity.ERROR, "DW105": Severity.STYLE,
                               "SC2086": Severity.STYLE}
    assert config.fail_on is Severity.WARNING
    assert (config.no_fail, config.strict_labels, config.disable_ignore_pragma) == (
        True, True, True)
    assert config.trusted_registries == ("docker.io", "ghcr.io", "quay.io")
    assert config.label_schema == {"maintainer": "text", "version": "semver"}
    assert config.hadolint_refs == {"DL3007", "DL3071", "DL3019", "DW105", "SC2086"}


def test_environment_false_values_and_no_variables() -> None:
    base = Config(no_fail=True)
    assert apply_hadolint_environment(base, {}) is base
    assert apply_hadolint_environment(base, {"HADOLINT_NOFAIL": "0"}).no_fail is False
    assert apply_hadolint_environment(base, {"HADOLINT_NOFAIL": "nope"}).no_fail is False


@pytest.mark.parametrize(("var", "value"), [
    ("HADOLINT_FAILURE_THRESHOLD", "loud"), ("HADOLINT_REQUIRE_LABELS", "version:number")])
def test_bad_environment_values_name_the_variable(var: str, value: str) -> None:
    with pytest.raises(ConfigError, match=rf"^environment: key '{var}': "):
        apply_hadolint_environment(Config(), {var: value})


def test_cli_environment_applies_on_top_of_the_file(work: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    (work / ".hadolint.yaml").write_text("ignored: [DL3007]\n")
    monkeypatch.setenv("HADOLINT_IGNORE", "DL3019")
    monkeypatch.setenv("HADOLINT_OVERRIDE_INFO", "DW105")
    monkeypatch.setenv("HADOLINT_FAILURE_THRESHOLD", "warning")
    result = run("Dockerfile")
    assert findings(result) == ["DW105 info 1:6"]
    assert result.exit_code == 0


def test_cli_bad_environment_is_exit_2(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HADOLINT_FAILURE_THRESHOLD", "loud")
    result = run("Dockerfile")
    assert result.exit_code == 2
    assert result.stderr.startswith("dockwise: environment: key 'HADOLINT_FAILURE_THRESHOLD': ")


def test_a_byte_order_mark_before_a_configuration_is_skipped(work: Path) -> None:
    (work / "pyproject.toml").write_bytes(b'\xef\xbb\xbf[tool.dockwise]\nignore = ["DL3007"]\n')
    (work / "Dockerfile").write_text(DOCKERFILE)
    assert findings(run("Dockerfile")) == ["DW105 warning 1:6", "DL3019 info 2:5"]
