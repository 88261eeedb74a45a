"""The package-manager queries shared by the package rules (``dockwise.syntax.shell``) and the
build facts they use (``dockwise.model``)."""

from __future__ import annotations

import pytest

from dockwise.model import Model
from dockwise.syntax import nodes as n
from dockwise.syntax.parser import parse
from dockwise.syntax.shell import (
    PACKAGE_MANAGERS,
    PackageCall,
    Script,
    apk_adds,
    apt_assumes_yes,
    apt_option_settings,
    apt_quiet_level,
    apt_settings,
    apt_skips_recommends,
    cleaned_after,
    describe,
    fed_by_yes,
    package_calls,
    package_installs,
    path_covers,
    removes_path,
    rpm_assumes_yes,
    rpm_cleans,
    rpm_pinned,
)


def model_of(text: str) -> Model:
    return Model(parse(text))


def script(command: str) -> Script:
    """The script of ``RUN <command>`` (line 2 of the file)."""
    model = model_of(f"FROM scratch\nRUN {command}\n")
    run = model.dockerfile.instructions[1]
    assert isinstance(run, n.Run)
    return model.scripts(run)[0]


def calls(command: str, manager: str, actions: set[str] | None = None) -> list[PackageCall]:
    return list(package_calls(script(command), manager, actions))


def words(call: PackageCall) -> list[str]:
    return [w.text for w in call.packages]


# -- finding calls ------------------------------------------------------------------------------

@pytest.mark.parametrize(("command", "program"), [
    ("pip install x", "pip"),
    ("pip3 install x", "pip3"),
    ("pip3.12 install x", "pip3.12"),
    ("/opt/venv/bin/pip install x", "pip"),
    ("python -m pip install x", "python"),
    ("python3.11 -u -m pip install x", "python3.11"),
    ("sudo -H python3 -m pip3 install x", "python3"),
    ("env PIP_X=1 pip install x", "pip"),
])
def test_pip_is_found_however_it_is_run(command: str, program: str) -> None:
    [call] = calls(command, "pip")
    assert (call.manager, call.invocation.program, call.action, words(call)) == (
        "pip", program, "install", ["x"])


@pytest.mark.parametrize("command", [
    "pipx install x", "pipenv install x", "python3 script.py install x", "python -c 'pip'",
    "uv pip install x", "echo pip install x",
])
def test_other_programs_are_not_pip(command: str) -> None:
    assert calls(command, "pip") == []


def test_subcommand_aliases_are_canonical() -> None:
    assert [c.action for c in calls("zypper in a && zypper rm b && zypper dup && zypper cc",
                                    "zypper")] == ["install", "remove", "dist-upgrade", "clean"]
    assert [c.action for c in calls("npm i a && npm isntall b && npm add c && npm ci && npm run x",
                                    "npm")] == ["install", "install", "install", "ci", ""]
    assert [c.action for c in calls("dnf in a && dnf up && dnf rm b && dnf mc", "dnf")] == [
        "install", "update", "remove", "makecache"]


def test_actions_filter_and_source_order() -> None:
    found = calls("apt-get update && apt-get install -y a && apt-get clean", "apt",
                  {"install", "clean"})
    assert [(c.action, c.command.index) for c in found] == [("install", 1), ("clean", 2)]


def test_options_before_and_after_the_subcommand() -> None:
    [call] = calls("zypper -n --gpg-auto-import-keys install -y -t package --from oss a b",
                   "zypper")
    assert [o.name for o in call.global_options] == ["-n", "--gpg-auto-import-keys"]
    assert [o.name for o in call.invocation.options] == [
        "-n", "--gpg-auto-import-keys", "-y", "-t", "--from"]
    assert call.value("-t") == "package"
    assert words(call) == ["a", "b"]


@pytest.mark.parametrize(("command", "manager", "packages"), [
    ("apt-get install -y -t bookworm-backports -o Dpkg::Options::=--force-confold a b", "apt",
     ["a", "b"]),
    ("apk -X https://mirror/edge/main add --virtual .deps --repository=http://r a", "apk",
     ["a"]),
    ("pip install -i https://x/simple --extra-index-url https://y -C k=v --python /usr/bin/py a",
     "pip", ["a"]),
    ("npm install --registry https://r --loglevel verbose --prefix /opt a", "npm", ["a"]),
    ("gem install -i /opt/gems -n /bin --source https://s a:1 -- --with-x=/usr", "gem",
     ["a:1"]),
    ("dnf --installroot /mnt install -y --releasever 9 --setopt install_weak_deps=0 a", "dnf",
     ["a"]),
    ("yarn add --cache-folder /tmp/yc --network-timeout 100000 a", "yarn", ["a"]),
])
def test_option_values_are_not_packages(command: str, manager: str, packages: list[str]) -> None:
    [call] = calls(command, manager)
    assert words(call) == packages


def test_groups_modules_and_global_installs() -> None:
    assert [(c.action, words(c)) for c in calls(
        "dnf group install -y 'Development Tools' && dnf module install nginx:1.24 && "
        "dnf group list", "dnf")] == [("groupinstall", ["Development Tools"]),
                                      ("module-install", ["nginx:1.24"]), ("group", ["list"])]
    [call] = calls("yarn global add typescript@5", "yarn")
    assert (call.action, words(call)) == ("add", ["typescript@5"])


def test_bare_yarn_installs_unless_it_asks_for_version_or_help() -> None:
    assert [c.action for c in calls("yarn && yarn --frozen-lockfile && yarn --version && "
                                    "yarn -h && yarn build", "yarn")] == [
        "install", "install", "", "", ""]


def test_go_options_are_normalised_to_one_dash() -> None:
    [call] = calls("go install --trimpath -ldflags '-s -w' example.com/x@v1", "go")
    assert [o.name for o in call.invocation.options] == ["-trimpath", "-ldflags"]
    assert words(call) == ["example.com/x@v1"]


def test_head_and_head_span() -> None:
    found = calls("sudo apt-get -y install a && python3 -m pip install b", "apt")
    assert (found[0].head, found[0].head_span) == ("apt-get install", n.Span(2, 10, 2, 28))
    [pip] = calls("python3 -m pip install b", "pip")
    assert pip.head == "python3 -m pip install"
    [group] = calls("dnf group install -y X", "dnf")
    assert group.head == "dnf group install"
    [yarn] = calls("yarn global add serve@14.2.3", "yarn")
    assert yarn.head == "yarn global add"


def test_package_installs_covers_every_manager() -> None:
    found = package_installs(script(
        "apt-get install -y a && apk add b && pip install c && npm i d && gem install e && "
        "yum install f && microdnf install g && zypper in h && go install i@v1 && yarn add j"))
    assert sorted((c.manager, words(c)[0]) for c in found) == [
        ("apk", "b"), ("apt", "a"), ("dnf", "g"), ("gem", "e"), ("go", "i@v1"), ("npm", "d"),
        ("pip", "c"), ("yarn", "j"), ("yum", "f"), ("zypper", "h")]
    assert set(PACKAGE_MANAGERS) == {"apt", "apk", "pip", "npm", "gem", "yum", "dnf", "zypper",
                                     "go", "yarn"}


def test_apk_adds_still_works() -> None:
    [inv] = apk_adds(script("apk --no-cache add -t .deps a=1"))
    assert inv.has("--no-cache") and [w.text for w in inv.operands] == ["a=1"]


def test_unknown_manager_raises() -> None:
    with pytest.raises(KeyError):
        list(package_calls(script("true"), "brew"))


# -- answering prompts, recommends, configuration ----------------------------------------------

@pytest.mark.parametrize(("options", "level"), [
    ("", 0), ("-q", 1), ("-qq", 2), ("-q -q", 2), ("-yqq", 2), ("--quiet --quiet", 2),
    ("-q=2", 2), ("--quiet=1", 1), ("-q=2 -q", 3),
])
def test_apt_quiet_level(options: str, level: int) -> None:
    [call] = calls(f"apt-get {options} install a", "apt")
    assert apt_quiet_level(call) == level


def test_apt_settings_and_options() -> None:
    assert apt_settings('APT::Install-Recommends "false";\nAPT::Get::Assume-Yes=1') == {
        "apt::install-recommends": "false", "apt::get::assume-yes": "1"}
    [call] = calls("apt-get -o=APT::Install-Recommends=0 --option Acquire::Retries=3 install a",
                   "apt")
    assert apt_option_settings(call) == {"apt::install-recommends": "0", "acquire::retries": "3"}


def test_apt_assumes_yes_and_skips_recommends() -> None:
    [plain] = calls("apt-get install a", "apt")
    assert not apt_assumes_yes(plain) and not apt_skips_recommends(plain)
    assert apt_assumes_yes(plain, ['echo "APT::Get::Assume-Yes \\"true\\";" > /etc/apt/x'])
    assert apt_skips_recommends(plain, ['APT::Install-Recommends "0";'])
    assert not apt_skips_recommends(plain, ['APT::Install-Recommends "0";',
                                            'APT::Install-Recommends "1";'])
    [yes] = calls("apt-get --assume-yes --no-install-recommends install a", "apt")
    assert apt_assumes_yes(yes) and apt_skips_recommends(yes)


def test_rpm_assumes_yes() -> None:
    [plain] = calls("dnf install a", "dnf")
    assert not rpm_assumes_yes(plain)
    assert rpm_assumes_yes(plain, ["[main]\nassumeyes=True\n"])
    assert rpm_assumes_yes(plain, ["echo 'assumeyes=1' >> /etc/yum.conf"])
    assert not rpm_assumes_yes(plain, ["assumeyes=0"])
    [setopt] = calls("dnf --setopt assumeyes=yes install a", "dnf")
    assert rpm_assumes_yes(setopt)


def test_fed_by_yes() -> None:
    s = script("yes | apt-get install a && echo y | apt-get install b && apt-get install c")
    found = calls("yes | apt-get install a && echo y | apt-get install b && apt-get install c",
                  "apt")
    assert [fed_by_yes(s, c.command) for c in found] == [True, False, False]


@pytest.mark.parametrize(("spec", "action", "pinned"), [
    ("httpd-2.4.6", "install", True),
    ("httpd-2.4.6-99.el7.x86_64", "install", True),
    ("nginx-1:1.20.1-10.el9", "install", True),
    ("python3.12-3.12.1-4.el9_4.1", "install", True),
    ("java-17-openjdk", "install", False),
    ("python3-devel", "install", False),
    ("dnf-plugins-core", "install", False),
    ("389-ds-base", "install", False),
    ("gcc-c++", "install", False),
    ("/tmp/x.rpm", "install", True),
    ("nginx:1.24", "module-install", True),
    ("nginx", "module-install", False),
])
def test_rpm_pinned(spec: str, action: str, pinned: bool) -> None:
    assert rpm_pinned(spec, action) is pinned


# -- cleaning up --------------------------------------------------------------------------------

@pytest.mark.parametrize(("operand", "target", "covers"), [
    ("/var/lib/apt/lists/*", "/var/lib/apt/lists", True),
    ("/var/lib/apt/lists/", "/var/lib/apt/lists", True),
    ("/var/lib/apt/*", "/var/lib/apt/lists", True),
    ("/var/lib/apt/lists/partial", "/var/lib/apt/lists", False),
    ("/var/lib/apt-lists", "/var/lib/apt", False),
    ("/root/.cache/pip", "/.cache/pip/", True),
    ("~/.cache/pip/*", "/.cache/pip/", True),
    ("/root/.cache", "/.cache/", True),
    ("/root/.cache/pip/http", "/.cache/pip/", False),
    ("/", "/var/cache/apk", True),
])
def test_path_covers(operand: str, target: str, covers: bool) -> None:
    assert path_covers(operand, target) is covers


def test_removes_path_after_a_command() -> None:
    s = script("rm -rf /var/cache/apk/* && apk add a && find /var/cache/apk -delete && "
               "rm -f /tmp/x")
    assert removes_path(s, ("/var/cache/apk",), after=1)
    assert not removes_path(s, ("/var/cache/apk",), after=2)
    assert removes_path(s, ("/var/cache/apk",))


def test_cleaned_after_and_rpm_cleans() -> None:
    s = script("yum clean all && yum install -y a && dnf clean packages && microdnf clean all")
    assert rpm_cleans(s) == [0, 3]
    assert cleaned_after(s, 1, rpm_cleans(s))
    assert not cleaned_after(s, 3, rpm_cleans(s), ("/var/cache/yum",))


def test_describe() -> None:
    [lit] = calls("apk add curl", "apk")
    assert describe(lit.packages[0], "curl") == "'curl'"
    [var] = calls("apk add $PKGS", "apk")
    assert describe(var.packages[0], "git") == "'git' (from $PKGS)"


# -- build facts (dockwise.model) ---------------------------------------------------------------

def test_image_stages() -> None:
    model = model_of("FROM golang:1.22 AS build\n"
                     "FROM alpine:3.20 AS base\n"
                     "FROM base AS app\n"
                     "COPY --from=build /app /app\n"
                     "FROM alpine:3.20 AS debug\n"
                     "FROM alpine:3.20 AS assets\n"
                     "FROM debug AS test\n"
                     "RUN --mount=from=assets,target=/a ls /a\n")
    assert [s.name for s in model.image_stages] == ["base", "app", "debug", "test"]
    targeted = Model(model.dockerfile, target="app")
    assert [s.name for s in targeted.image_stages] == ["base", "app"]


def test_preceding_follows_the_from_chain() -> None:
    model = model_of("FROM alpine AS a\nRUN echo 1\n"
                     "FROM alpine AS other\nRUN echo 2\n"
                     "FROM a\nRUN echo 3\nRUN echo 4\n")
    last = model.dockerfile.instructions[-1]
    assert [i.line for i in model.preceding(last)] == [2, 6]


def test_config_texts() -> None:
    model = model_of("FROM debian:12\n"
                     "RUN echo 'APT::Install-Recommends \"0\";' > /etc/apt/apt.conf.d/01\n"
                     "RUN echo unrelated\n"
                     "COPY <<EOF /etc/apt/apt.conf.d/02\nAPT::Get::Assume-Yes \"1\";\nEOF\n"
                     "COPY <<EOF /etc/other\nAPT::X \"1\";\nEOF\n"
                     "RUN apt-get install a\n")
    last = model.dockerfile.instructions[-1]
    assert model.config_texts(last, "/etc/apt") == (
        "echo 'APT::Install-Recommends \"0\";' > /etc/apt/apt.conf.d/01",
        "APT::Get::Assume-Yes \"1\";\n")


def test_word_values() -> None:
    model = model_of("FROM debian:12\nARG V=1.2\nARG L=\"a b=1\"\nARG U\n"
                     "RUN X=1; apt-get install curl=$V $L \"$L\" $U $X $(cat f) \"${a[@]}\" c\n")
    run = model.dockerfile.instructions[-1]
    assert isinstance(run, n.Run)
    s = model.scripts(run)[0]
    [call] = package_calls(s, "apt")
    assert [model.word_values(w, run, s) for w in call.packages] == [
        ("curl=1.2",), ("a", "b=1"), ("a b=1",), None, None, None, None, ("c",)]


def test_package_words_and_cache_mounted() -> None:
    model = model_of("FROM alpine:3.20\nARG P=\"a b\"\n"
                     "RUN --mount=type=cache,target=/var/cache apk add $P c\n")
    assert [(w.text, value) for _, _, w, value in model.package_words("apk", {"add"})] == [
        ("$P", "a"), ("$P", "b"), ("c", "c")]
    run = model.dockerfile.instructions[-1]
    assert isinstance(run, n.Run)
    assert model.cache_mounted(run, "/var/cache/apk")
    assert not model.cache_mounted(run, "/var/lib/apt/lists")
    assert [r.line for _, r in model.image_runs()] == [3]


def test_onbuild_runs() -> None:
    model = model_of("FROM alpine:3.20 AS a\nONBUILD RUN apk add x\nONBUILD COPY . /src\n"
                     "FROM a\nRUN apk add y\n")
    assert [(s.name, r.line) for s, r in model.onbuild_runs()] == [("a", 2)]
    assert [(r.line, c.invocation.program) for _, r, _, c in model.package_calls("apk")] == [
        (5, "apk"), (2, "apk")]
    assert [r.line for _, r in model.image_runs()] == [5, 2]


# -- robustness ---------------------------------------------------------------------------------

_VOCABULARY = ["apt-get", "apt", "apk", "pip", "pip3", "python3", "-m", "npm", "gem", "yum",
               "dnf", "microdnf", "zypper", "go", "yarn", "sudo", "env", "install", "in", "i",
               "add", "update", "group", "module", "global", "clean", "all", "cache", "--",
               "-y", "-qq", "-q=2", "-o", "APT::Get::Assume-Yes=1", "--no-cache", "-t",
               "--virtual", "-n", "-r", "req.txt", "-v", "1.0", "curl", "curl=1", "$PKGS",
               "'a b'", "&&", "|", ";", "yes", "x@latest", "-", "=", "--setopt", "assumeyes=1"]


def test_package_calls_never_fail_and_packages_are_words_of_the_command() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    @settings(max_examples=300, deadline=None)
    @given(st.lists(st.sampled_from(_VOCABULARY), min_size=1, max_size=12))
    def check(words: list[str]) -> None:
        s = script("true; " + " ".join(words))
        for manager in PACKAGE_MANAGERS:
            for call in package_calls(s, manager):
                argv = call.command.argv
                assert all(any(p is w for w in argv) for p in call.packages)
                assert call.head and call.head_span.start_line == 2
                apt_quiet_level(call)
                apt_assumes_yes(call, ["APT::Get::Assume-Yes \"1\";"])
                rpm_assumes_yes(call)
        list(package_installs(s))

    check()
