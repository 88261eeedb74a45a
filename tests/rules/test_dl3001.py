"""DL3001: commands that make no sense in a RUN (ssh, vim, shutdown, service, ps, free, top,
kill, mount, ifconfig), with the uses that do make sense left alone."""

from __future__ import annotations

import pytest

from tests.conftest import codes

RULE = "DL3001"


@pytest.mark.parametrize("command", ["ps aux", "free -m", "top -b -n1", "ifconfig",
                                     "shutdown -h now", "mount -t tmpfs none /mnt",
                                     "ssh user@host", "vim /etc/hosts", "kill 1",
                                     "service nginx start"])
def test_each_pointless_command_is_reported_at_its_word(command: str) -> None:
    assert codes(f"FROM debian:12\nRUN {command}\n", RULE) == [(2, 5)]


def test_position_inside_chains_wrappers_subshells_and_continuations() -> None:
    text = ("FROM debian:12\n"
            "RUN apt-get update && sudo service nginx start\n"
            "RUN (ps aux) && true\n"
            "RUN set -e; \\\n"
            "    if true; then free -m; fi\n")
    assert codes(text, RULE) == [(2, 28), (3, 6), (5, 19)]


def test_heredoc_script() -> None:
    text = "FROM debian:12\nRUN <<EOF\nset -e\n  ifconfig -a\nEOF\n"
    assert codes(text, RULE) == [(4, 3)]


def test_service_used_later_in_the_same_run_is_fine() -> None:
    text = ("FROM debian:12\n"
            "RUN service mysql start && mysql < /init.sql && service mysql stop\n"
            "RUN service postgresql start; psql -c 'select 1'\n")
    assert codes(text, RULE) == []


def test_service_as_the_last_command_is_reported() -> None:
    text = "FROM debian:12\nRUN apt-get install -y nginx && service nginx restart\n"
    assert codes(text, RULE) == [(2, 33)]


@pytest.mark.parametrize("command", ['kill "$pid"', "kill $!", "kill %1",
                                     "kill -TERM $(cat /run/x.pid)"])
def test_kill_of_a_process_the_run_started_is_fine(command: str) -> None:
    text = f"FROM debian:12\nRUN sleep 100 & pid=$!; {command}\n"
    assert codes(text, RULE) == []


@pytest.mark.parametrize("command", ["vim +PlugInstall +qall", "vim -es -u ~/.vimrc -c 'qa'",
                                     "vim -E -s +'PlugInstall --sync' +qa"])
def test_vim_as_a_batch_job_is_fine(command: str) -> None:
    assert codes(f"FROM debian:12\nRUN {command}\n", RULE) == []


def test_ssh_with_an_ssh_mount_is_fine() -> None:
    text = ("FROM debian:12\n"
            "RUN --mount=type=ssh ssh -o StrictHostKeyChecking=no git@example.com info\n"
            "RUN ssh git@example.com info\n")
    assert codes(text, RULE) == [(3, 5)]


def test_names_that_are_not_commands_are_fine() -> None:
    text = ("FROM debian:12\n"
            "RUN apt-get install -y vim openssh-client procps && command -v ps && echo kill\n"
            "RUN ssh-keyscan github.com >> /etc/ssh/ssh_known_hosts\n")
    assert codes(text, RULE) == []


def test_non_posix_shell_is_not_read() -> None:
    text = 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN ps\n'
    assert codes(text, RULE) == []
