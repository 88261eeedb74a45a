"""DL3001 ``pointless-command``: a command that makes no sense in a RUN.

## What it does
Reports RUN commands that act on a running system or need a person at a terminal: ``ssh``,
``vim``, ``shutdown``, ``service``, ``ps``, ``free``, ``top``, ``kill``, ``mount`` and
``ifconfig`` (hadolint's list), wherever they run: in ``&&``/``;`` chains, subshells,
conditionals, heredoc scripts, and behind wrappers such as ``sudo`` or ``env``. Uses that do
make sense in a build are not reported:

* ``service NAME start`` followed by more commands in the same RUN (a database started to load
  a schema), and ``service NAME stop``;
* ``kill`` of a process the RUN itself started (``kill "$pid"``, ``kill $!``, ``kill %1``);
* ``vim`` run non-interactively (``vim +PlugInstall +qall``, ``vim -es -c 'qa'``);
* ``ssh`` in a RUN that mounts the SSH agent (``RUN --mount=type=ssh``).

## Why is this bad?
Each RUN is a short-lived container: a service started in it is gone when the RUN ends, there
is no terminal for an editor or ``top``, no init to shut down, no privileges to mount
filesystems, and the output of ``ps``, ``free`` or ``ifconfig`` describes the build machine,
not the image. Such a command either does nothing useful or hangs the build.

## Example
```dockerfile
FROM debian:12
RUN apt-get update && apt-get install -y nginx && service nginx start
```

## Use instead
```dockerfile
FROM debian:12
RUN apt-get update && apt-get install -y nginx
CMD ["nginx", "-g", "daemon off;"]
```

## How dockwise differs from hadolint
hadolint reports every use of these commands, including ``service mysql start && mysql <
schema.sql`` (a service used by the rest of the RUN), ``kill $!`` of a background job the RUN
started, ``vim +PlugInstall +qall`` and ``ssh`` with an SSH mount; dockwise does not. hadolint's
message lists ``ifconfig`` but its check omits it; dockwise checks it.
"""

from __future__ import annotations

from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model
from dockwise.syntax.shell import Script, ShellWord, SimpleCommand

_STATE_ONLY = "prints the state of the build container, which is not the image's"
_REASONS = {
    "ssh": "a build cannot answer host-key or password prompts and has no SSH agent unless "
           "the RUN mounts one (--mount=type=ssh)",
    "vim": "an editor needs a terminal and a person; a build has neither",
    "top": "it needs a terminal and never exits on its own",
    "shutdown": "a build container has no system to shut down",
    "service": "the service stops when this RUN ends and nothing after it in the RUN uses it; "
               "start it from CMD or ENTRYPOINT",
    "ps": _STATE_ONLY,
    "free": _STATE_ONLY,
    "ifconfig": _STATE_ONLY,
    "kill": "there is no process of the image to signal while it is being built",
    "mount": "a build has no privileges to mount, and a mount ends with the RUN; use "
             "RUN --mount",
}
_VIM_BATCH_FLAGS = frozenset({"-e", "-E", "-es", "-Es", "-s", "--headless", "--not-a-term"})


def _vim_batch(args: tuple[ShellWord, ...]) -> bool:
    """``vim`` run as a batch job: ex/silent mode, or a command list that quits."""
    prev = ""
    for word in args:
        t = word.text
        if t in _VIM_BATCH_FLAGS:
            return True
        if (t.startswith("+") or prev in ("-c", "--cmd")) and "q" in t:
            return True
        prev = t
    return False


def _kills_own_process(args: tuple[ShellWord, ...]) -> bool:
    """``kill`` aimed at a process the RUN started: a job spec or a PID in a variable."""
    return any(not w.literal or w.text.startswith("%") for w in args)


def _service_needed(script: Script, cmd: SimpleCommand, args: tuple[ShellWord, ...]) -> bool:
    """``service NAME stop``, or a service started for commands later in the same script."""
    actions = [w.text for w in args if not w.text.startswith("-")]
    if len(actions) >= 2 and actions[1] == "stop":
        return True
    end = (cmd.span.end_line, cmd.span.end_column)
    return any(c.argv and (c.span.start_line, c.span.start_column) >= end
               for c in script.commands[cmd.index + 1:])


def _is_pointless(ssh_mount: bool, script: Script, cmd: SimpleCommand, prog: str,
                  args: tuple[ShellWord, ...]) -> bool:
    if prog == "ssh":
        return not ssh_mount
    if prog == "vim":
        return not _vim_batch(args)
    if prog == "kill":
        return not _kills_own_process(args)
    if prog == "service":
        return not _service_needed(script, cmd, args)
    return True


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation at the program word of each pointless command in a RUN."""
    for _stage, run in model.runs():
        scripts = [s for s in model.scripts(run) if not s.program_names.isdisjoint(_REASONS)]
        if not scripts:
            continue
        ssh_mount = any(m.get("type") == "ssh" for m in model.mounts(run))
        for script in scripts:
            for cmd in script.commands:
                prog, args = cmd.effective()
                if prog not in _REASONS or not _is_pointless(ssh_mount, script, cmd, prog,
                                                              args):
                    continue
                yield Violation(cmd.programs()[-1].span,
                                f"'{prog}' in RUN makes no sense: {_REASONS[prog]}", run)


RULE = Rule(
    id="DL3001",
    name="pointless-command",
    severity=Severity.INFO,
    summary="Commands such as ssh, vim, service, ps or kill make no sense in a RUN.",
    check=check,
    doc=__doc__ or "",
)
