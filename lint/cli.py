"""The ``dockwise`` command line (click). Thin: parse options, call the engine, pick a reporter.

Exit codes (as hadolint, ruff and eslint): 0 nothing at or above the failure threshold,
1 findings at or above it, 2 a usage error or an input that could not be linted (reported after
every other input was still linted).
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import click

from dockwise import __version__
from dockwise.report import FORMATS

if TYPE_CHECKING:
    from dockwise.engine import FileResult

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
#: Interrupted by Ctrl-C or SIGTERM: 128 + SIGINT, as shells report it.
EXIT_INTERRUPTED = 130
FAIL_ON_CHOICES = ("error", "warning", "info", "style", "none")


def _split_refs(values: tuple[str, ...]) -> tuple[str, ...]:
    """``--ignore A,B --ignore C`` -> ``("A", "B", "C")``."""
    out: list[str] = []
    for value in values:
        out.extend(v.strip() for v in value.split(",") if v.strip())
    return tuple(out)


def use_color(no_color: bool, stream: object) -> bool:
    """Colour on a terminal unless ``--no-color`` or ``NO_COLOR`` (any non-empty value, as
    no-color.org says); ``FORCE_COLOR`` forces it, except ``FORCE_COLOR=0`` or ``false``."""
    if no_color or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR", "").strip().lower() not in ("", "0", "false"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _error(message: str) -> None:
    """Write ``dockwise: message`` to stderr, with control characters from file names or
    file contents made visible (a file name can hold a terminal escape sequence)."""
    from dockwise.report.text import printable

    click.echo(f"dockwise: {printable(message)}", err=True)


class _Group(click.Group):
    """Lists commands in definition order."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)

    def invoke(self, ctx: click.Context) -> object:
        """Run the command; Ctrl-C or SIGTERM ends it with one line and exit code 130 (click
        alone would print "Aborted!" and exit 1, which a CI gate reads as findings)."""
        try:
            with _interrupt_on_sigterm():
                return super().invoke(ctx)
        except KeyboardInterrupt:
            _error("interrupted")
            raise SystemExit(EXIT_INTERRUPTED) from None


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="dockwise")
def main() -> None:
    """dockwise: lint Dockerfiles the way BuildKit reads them, and measure image size.

    \b
      dockwise lint [PATH|-]...      lint files, directories (recursively) or stdin
      dockwise size [CONTEXT]        build each stage and show what every byte costs
      dockwise rules                 every rule: id, name, severity, summary
      dockwise explain ID|NAME       one rule's documentation and examples
    """


@main.command("lint")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "-f", "fmt", type=click.Choice(tuple(FORMATS)), default=None,
              help="Output format [default: tty on a terminal, text otherwise].")
@click.option("--fail-on", type=click.Choice(FAIL_ON_CHOICES, case_sensitive=False),
              default=None, help="Lowest severity that makes the exit code 1 [default: info].")
@click.option("--ignore", multiple=True, metavar="ID",
              help="Rule id or name to skip (repeatable, comma-separated); adds to config.")
@click.option("--select", multiple=True, metavar="ID",
              help="Run only these rules (repeatable, comma-separated; ALL for every rule).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False),
              help="Configuration file (TOML or hadolint YAML) instead of searching.")
@click.option("--context", "context_dir", type=click.Path(file_okay=False),
              help="Build context directory [default: each Dockerfile's directory].")
@click.option("--target", help="Stage that becomes the image [default: the last stage].")
@click.option("--stdin-filename", default=None, metavar="NAME",
              help="Name to report for input read from stdin.")
@click.option("--output", "-o", "output", type=click.Path(dir_okay=False),
              help="Write the report to FILE (atomically) instead of stdout.")
@click.option("--sarif-base", type=click.Path(file_okay=False), metavar="DIR",
              help="Directory SARIF artifact URIs are relative to [default: the working "
                   "directory].")
@click.option("--statistics", is_flag=True,
              help="After the findings, a table of how often each rule fired.")
@click.option("--exclude", multiple=True, metavar="GLOB",
              help="Skip files and directories matching GLOB (gitignore syntax, relative to "
                   "the working directory; repeatable).")
@click.option("--no-gitignore", is_flag=True,
              help="Search directories without honouring .gitignore rules.")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=None, metavar="N",
              help="Lint in N worker processes; 0 means one per CPU [default: one per CPU "
                   "from 64 files on, else 1].")
@click.option("--no-progress", is_flag=True,
              help="Never show the progress bar (it is shown only on a terminal).")
@click.option("--no-color", is_flag=True, help="Never use colour (NO_COLOR is honoured too).")
@click.option("--no-fail", is_flag=True, default=None,
              help="Exit 0 even when findings reach the threshold.")
def lint_command(paths: tuple[str, ...], fmt: str | None, fail_on: str | None,
                 ignore: tuple[str, ...], select: tuple[str, ...], config_path: str | None,
                 context_dir: str | None, target: str | None, stdin_filename: str | None,
                 output: str | None, sarif_base: str | None, statistics: bool,
                 exclude: tuple[str, ...], no_gitignore: bool, jobs: int | None,
                 no_progress: bool, no_color: bool, no_fail: bool | None) -> None:
    """Lint Dockerfiles: files, directories (searched recursively) or - for stdin."""
    from dockwise.batch import default_workers, lint_files, lint_text
    from dockwise.config import ConfigError, ConfigResolver, parse_fail_on
    from dockwise.discover import PatternError, discover
    from dockwise.engine import Linter, UnknownRuleError, exit_code, registry
    from dockwise.files import MAX_DOCKERFILE_BYTES, read_stream
    from dockwise.report import HUMAN_FORMATS, NEEDS_SOURCES, ReportOptions, render

    if not paths:
        raise click.UsageError("give at least one PATH (a file, a directory, or - for stdin)")
    for value, hint in ((context_dir, "--context"), (sarif_base, "--sarif-base")):
        if value is not None and not Path(value).is_dir():
            raise click.BadParameter(f"{value} is not a directory", param_hint=hint)
    resolver = ConfigResolver(Path(config_path) if config_path else None)
    cli_fail_on = parse_fail_on(fail_on) if fail_on else None
    failed = False
    linters: list[Linter] = []
    linter_of_config: dict[int, int] = {}

    def linter_for(path: Path | None) -> int | None:
        """Index in ``linters`` of the linter for ``path``'s configuration."""
        nonlocal failed
        try:
            config = resolver.for_file(path)
        except ConfigError as exc:
            _error(str(exc))
            failed = True
            return None
        key = id(config)
        if key not in linter_of_config:
            merged = config.merged(
                ignore=tuple(config.ignore) + _split_refs(ignore),
                select=_split_refs(select) or None,
                no_fail=no_fail,
            )
            if fail_on:
                from dockwise.record import replace

                merged = replace(merged, fail_on=cli_fail_on)
            try:
                linters.append(Linter(merged, target=target,
                                      context=Path(context_dir) if context_dir else None))
            except UnknownRuleError as exc:
                from_cli = exc.ref in _split_refs(ignore) + _split_refs(select)
                where = f"{config.source}: " if config.source and not from_cli else ""
                _error(f"{where}{exc}")
                raise SystemExit(EXIT_ERROR) from None
            where = f"{config.source}: " if config.source else ""
            for ref in linters[-1].selection.unknown:
                _error(f"{where}warning: unknown rule {ref!r} from hadolint's configuration "
                       "is skipped")
            for notice in config.notices:
                _error(f"{where}warning: {notice}")
            linter_of_config[key] = len(linters) - 1
        return linter_of_config[key]

    plain = [p for p in paths if p != "-"]
    try:
        files, problems = discover(plain, exclude=exclude, gitignore=not no_gitignore)
    except PatternError as exc:
        raise click.BadParameter(str(exc), param_hint="--exclude") from None
    for problem in problems:
        _error(f"{problem.path}: {problem.message}")
        failed = failed or problem.fatal
    if output is not None and any(_same_file(Path(output), f) for f in files):
        raise click.BadParameter(f"{output} is one of the files being linted; it would be "
                                 "overwritten by the report", param_hint="--output")
    work = [(index, path) for path in files if (index := linter_for(path)) is not None]
    stdin_linter = linter_for(None) if len(plain) != len(paths) else None

    with _progress_bar(len(work), enabled=not no_progress and len(work) > 1) as (start, step):
        results = lint_files(work, linters, default_workers(jobs, len(work)), step, start)
    color = use_color(no_color, sys.stdout) and output is None
    # the default follows where the report goes, not colour: FORCE_COLOR in a CI log must
    # not turn grep-able text into the grouped terminal view
    chosen_format = fmt or ("tty" if sys.stdout.isatty() and output is None else "text")
    sources = _sources(work, results) if chosen_format in NEEDS_SOURCES else {}
    if stdin_linter is not None:
        name = stdin_filename or "-"
        try:
            data = read_stream(sys.stdin.buffer, MAX_DOCKERFILE_BYTES)
        except OSError as exc:
            _error(f"{name}: cannot read standard input: {exc.strerror or exc}")
            raise SystemExit(EXIT_ERROR) from None
        from dockwise.model import BuildContext

        ctx = BuildContext(Path(context_dir)) if context_dir else None
        results.append(lint_text(linters[stdin_linter], data, name, ctx))
        sources[name] = data.decode("utf-8", "replace")
    for result in results:
        if result.error:
            where = f"{result.path}:{result.error_line}" if result.error_line else result.path
            _error(f"{where}: {result.error}")

    used = {rule.id for linter in linters for rule in linter.selection.rules}
    text = render(chosen_format, results, ReportOptions(
        color=color, sources=sources,
        width=_terminal_width() if chosen_format == "tty" else None,
        rules=tuple(rule for rule in registry() if rule.id in used),
        problems=tuple(problems), sarif_base=Path(sarif_base) if sarif_base else None))
    if statistics:
        from dockwise.report import statistics as stats

        table = stats.render(results, markdown=chosen_format == "markdown")
        if chosen_format in HUMAN_FORMATS:
            text += "\n" + table
        else:  # keep machine-readable output parseable
            click.echo(table, nl=False, err=True)
    _emit(text, output)
    # the strictest threshold among the configurations used applies
    thresholds = [linter.config.fail_on for linter in linters
                  if linter.config.fail_on is not None]
    code = exit_code(results, min(thresholds) if thresholds else None,
                     no_fail=bool(linters) and all(linter.config.no_fail for linter in linters),
                     usage_error=failed)
    raise SystemExit(code)


def _sources(work: list[tuple[int, Path]], results: list[FileResult]) -> dict[str, str]:
    """The text of each linted file by reported path (for formats that show or fingerprint
    the offending line)."""
    from dockwise.files import read_text

    sources = {}
    for (_, path), result in zip(work, results, strict=True):
        if result.error is None:
            with contextlib.suppress(OSError):
                sources[result.path] = read_text(path, errors="replace")
    return sources


def _emit(text: str, output: str | None) -> None:
    """Write the report to stdout, or atomically to ``output`` (exit 2 when that fails).

    Reports are valid UTF-8 whatever the locale: the reports for people show an undecodable
    byte of a file name escaped (``\\xff``), and any left become ``?``, on stdout as in a
    file. The bytes go to stdout as rendered: click would strip the colours ``FORCE_COLOR``
    asked for on a pipe."""
    if not output:
        data = text.encode("utf-8", "replace")
        try:
            click.echo(data, nl=False)
            sys.stdout.flush()
        except BrokenPipeError:  # `dockwise lint . | head`: the reader has what it wanted
            _quiet_stdout()
        except OSError as exc:
            _error(f"cannot write the report to standard output: {exc.strerror or exc}")
            raise SystemExit(EXIT_ERROR) from None
        return
    from dockwise.report import write_atomic

    try:
        write_atomic(Path(output), text)
    except OSError as exc:
        _error(f"cannot write {output}: {exc.strerror or exc}")
        raise SystemExit(EXIT_ERROR) from None


def _quiet_stdout() -> None:
    """Point stdout at /dev/null, so the interpreter's final flush of a closed pipe neither
    fails nor prints a traceback."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


@contextlib.contextmanager
def _progress_bar(total: int, enabled: bool) -> Iterator[tuple[Callable[[], None],
                                                              Callable[[int], None] | None]]:
    """``(start, step)`` callbacks for a rich progress bar on stderr, shown only when stderr
    is a terminal (never on a non-TTY); ``start`` is called once worker processes exist, as
    the bar's refresh thread must not be running when they are forked."""
    if not enabled or not sys.stderr.isatty():
        yield (lambda: None), None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    bar = Progress(TextColumn("Linting"), BarColumn(), MofNCompleteColumn(),
                   TimeElapsedColumn(), console=Console(stderr=True), transient=True)
    task = bar.add_task("lint", total=total)
    try:
        yield bar.start, (lambda n: bar.advance(task, n))
    finally:
        bar.stop()


def _same_file(a: Path, b: Path) -> bool:
    """``True`` when ``a`` and ``b`` name the same existing file."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _terminal_width() -> int:
    import shutil

    return shutil.get_terminal_size((100, 24)).columns


SIZE_FORMATS = ("tty", "json", "markdown")


def _build_args(values: tuple[str, ...]) -> dict[str, str]:
    """``--build-arg K=V`` (or ``K``, taking ``K`` from the environment, as docker does)."""
    out: dict[str, str] = {}
    for value in values:
        key, eq, val = value.partition("=")
        if not key:
            raise click.BadParameter(f"{value!r}: expected KEY=VALUE", param_hint="--build-arg")
        if eq:
            out[key] = val
        elif key in os.environ:
            out[key] = os.environ[key]
    return out


@contextlib.contextmanager
def _interrupt_on_sigterm() -> Iterator[None]:
    """While in the block, SIGTERM raises KeyboardInterrupt, so a stopped run cleans up as
    after Ctrl-C: images built so far are removed, ShellCheck's temporary directories deleted,
    worker processes stopped. The previous handler is restored after."""
    import signal

    def handler(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, handler)
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@main.command("size")
@click.argument("context", required=False, type=click.Path(file_okay=False))
@click.option("--file", "-f", "dockerfile", type=click.Path(dir_okay=False),
              help="The Dockerfile [default: CONTEXT/Dockerfile].")
@click.option("--target", help="Stage that becomes the image [default: the last stage].")
@click.option("--build-arg", "build_args", multiple=True, metavar="KEY=VALUE",
              help="Build argument (repeatable).")
@click.option("--all-stages", is_flag=True,
              help="Build every stage, not only those the final image needs.")
@click.option("--builder", type=click.Choice(("legacy", "buildkit")), default="legacy",
              show_default=True, help="legacy: the docker SDK; buildkit: the docker CLI.")
@click.option("--network", metavar="MODE", help="Network for RUN steps (none, host...).")
@click.option("--pull", is_flag=True, help="Always try to pull newer base images.")
@click.option("--image", "image_ref", metavar="REF",
              help="Measure this image from the engine (or pick it from --archive).")
@click.option("--archive", type=click.Path(exists=True),
              help="Measure a docker save tar or an OCI layout (dir or tar); no engine needed.")
@click.option("--format", "fmt", type=click.Choice(SIZE_FORMATS), default=None,
              help="Output format [default: tty].")
@click.option("--output", "-o", "output", type=click.Path(dir_okay=False),
              help="Write the report to FILE (atomically) instead of stdout.")
@click.option("--keep-images", is_flag=True,
              help="Keep the images built (tagged dockwise-size/...).")
@click.option("--no-progress", is_flag=True, help="No progress display on the terminal.")
@click.option("--no-color", is_flag=True, help="Never use colour (NO_COLOR is honoured too).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False),
              help="Lint configuration file instead of searching.")
@click.option("--max-size", metavar="SIZE", help="Fail when the final image is larger (500MB).")
@click.option("--max-stage-size", multiple=True, metavar="STAGE=SIZE",
              help="Fail when a stage's image is larger (repeatable).")
@click.option("--lowest-efficiency", metavar="RATIO",
              help="dive's lowestEfficiency: fail below this efficiency (0-1).")
@click.option("--highest-wasted-bytes", metavar="SIZE",
              help="dive's highestWastedBytes: fail above this many wasted bytes.")
@click.option("--highest-user-wasted-percent", metavar="RATIO",
              help="dive's highestUserWastedPercent: fail above this ratio (0-1).")
@click.option("--ci-config", type=click.Path(dir_okay=False),
              help="dive's CI rules file [default: .dive-ci in the working directory, if any].")
def size_command(context: str | None, dockerfile: str | None, target: str | None,
                 build_args: tuple[str, ...], all_stages: bool, builder: str,
                 network: str | None, pull: bool, image_ref: str | None, archive: str | None,
                 fmt: str | None, output: str | None, keep_images: bool, no_progress: bool,
                 no_color: bool, config_path: str | None, max_size: str | None,
                 max_stage_size: tuple[str, ...], lowest_efficiency: str | None,
                 highest_wasted_bytes: str | None, highest_user_wasted_percent: str | None,
                 ci_config: str | None) -> None:
    """Build every stage (or read an image) and show what each stage, layer and finding
    costs in bytes.

    \b
      dockwise size [CONTEXT] [-f Dockerfile]   build, then analyze
      dockwise size --image REF                 an image already in the engine
      dockwise size --archive FILE|DIR          docker save tar or OCI layout

    Exit status: 0 within every threshold, 1 a threshold crossed, 2 an error.
    """
    import importlib

    from dockwise.image import ImageError
    from dockwise.image.thresholds import DIVE_CI_FILE, ThresholdError
    from dockwise.image.thresholds import build as build_thresholds
    from dockwise.report import ReportOptions

    args = _build_args(build_args)
    ctx_dir = Path(context) if context else None
    if ctx_dir is not None and not ctx_dir.is_dir():
        raise click.BadParameter(f"{context} is not a directory", param_hint="CONTEXT")
    file_path = Path(dockerfile) if dockerfile else None
    building = image_ref is None and archive is None
    if building:
        ctx_dir = ctx_dir or Path(".")
        file_path = file_path or ctx_dir / "Dockerfile"
    if file_path is not None and not file_path.is_file():
        raise click.BadParameter(f"{file_path} is not a file", param_hint="--file")
    ci_path = Path(ci_config) if ci_config else None
    if ci_path is None and Path(DIVE_CI_FILE).is_file():
        ci_path = Path(DIVE_CI_FILE)
    try:
        thresholds = build_thresholds(
            max_size=max_size, max_stage_size=max_stage_size,
            lowest_efficiency=lowest_efficiency, highest_wasted_bytes=highest_wasted_bytes,
            highest_user_wasted_percent=highest_user_wasted_percent, dive_ci=ci_path)
    except ThresholdError as exc:
        raise click.UsageError(str(exc)) from None

    color = use_color(no_color, sys.stdout) and output is None
    show_progress = not no_progress and sys.stderr.isatty()
    try:
        with _progress(show_progress) as progress:
            from dockwise.image import sizing

            lint_config = Path(config_path) if config_path else None
            if building:
                assert ctx_dir is not None and file_path is not None
                report = sizing.measure_build(
                    file_path, ctx_dir, target=target, build_args=args, all_stages=all_stages,
                    builder=builder, network=network, pull=pull, keep_images=keep_images,
                    thresholds=thresholds, config_path=lint_config, progress=progress)
            elif archive is not None:
                report = sizing.measure_archive(
                    Path(archive), image_ref=image_ref, dockerfile=file_path, context=ctx_dir,
                    target=target, build_args=args, thresholds=thresholds,
                    config_path=lint_config, progress=progress)
            else:
                assert image_ref is not None
                report = sizing.measure_image(
                    image_ref, dockerfile=file_path, context=ctx_dir, target=target,
                    build_args=args, thresholds=thresholds, config_path=lint_config,
                    progress=progress)
    except ImageError as exc:
        _error(exc.message)
        if exc.detail:
            click.echo("\n".join("    " + line for line in exc.detail.splitlines()), err=True)
        raise SystemExit(EXIT_ERROR) from None
    except ThresholdError as exc:
        _error(str(exc))
        raise SystemExit(EXIT_ERROR) from None
    except KeyboardInterrupt:
        _error("interrupted" + (" (the images this run built were removed)"
                                if building and not keep_images else ""))
        raise SystemExit(EXIT_INTERRUPTED) from None
    except Exception as exc:  # the docker SDK's and requests' errors, an engine gone away
        if type(exc).__module__.split(".")[0] not in ("docker", "requests", "urllib3"):
            raise
        _error(f"Docker engine error: {' '.join(str(exc).split())}")
        raise SystemExit(EXIT_ERROR) from None
    chosen = fmt or "tty"
    module = importlib.import_module(f"dockwise.report.size_{chosen}")
    text = module.render(report, ReportOptions(
        color=color, width=_terminal_width() if chosen == "tty" else None))
    _emit(text, output)
    raise SystemExit(EXIT_OK if report.passed else EXIT_FINDINGS)


@contextlib.contextmanager
def _progress(enabled: bool) -> Iterator[Callable[[str], None] | None]:
    """A rich status line on stderr showing the latest build output, or nothing."""
    if not enabled:
        yield None
        return
    from rich.console import Console
    from rich.markup import escape

    console = Console(stderr=True)
    with console.status("dockwise size") as status:
        def update(line: str) -> None:
            status.update(escape(" ".join(line.split())[:console.width - 4]))

        yield update


@main.command("rules")
@click.option("--format", "-f", "fmt", type=click.Choice(("table", "json", "markdown")),
              default="table", help="Output format.")
def rules_command(fmt: str) -> None:
    """List every rule: id, name, default severity, summary."""
    from dockwise.engine import registry

    rules = list(registry())
    if fmt == "json":
        import json

        click.echo(json.dumps([
            {"id": r.id, "name": r.name, "severity": r.severity.label, "summary": r.summary,
             "enabled": r.enabled, "aliases": list(r.aliases)} for r in rules], indent=2))
        return
    from tabulate import tabulate

    rows = [(r.id, r.name if not r.aliases else f"{r.name} ({', '.join(r.aliases)})",
             r.severity.label + ("" if r.enabled else ", off"), r.summary) for r in rules]
    if fmt == "markdown":
        rows = [(f"`{a}`", b.replace("|", "\\|"), c, d.replace("|", "\\|")) for a, b, c, d
                in rows]
        click.echo(tabulate(rows, headers=("Id", "Name", "Severity", "Summary"),
                            tablefmt="github"))
        return
    click.echo(tabulate(rows, headers=("ID", "NAME", "SEVERITY", "SUMMARY"), tablefmt="plain"))
    from dockwise.report.text import printable
    from dockwise.shellcheck import BINARY_ENV, binary_version, configured_binary, find_binary

    configured = configured_binary()
    binary = find_binary(configured)
    if binary is None:
        click.echo("\nShellCheck: not installed, so rule SC reports nothing "
                   "(pip install 'dockwise[shellcheck]')")
        return
    version = binary_version(binary)
    origin = f" (from {BINARY_ENV})" if configured else ""
    if version is None and configured:
        click.echo(f"\nShellCheck: {printable(binary)}{origin} does not run; rule SC reports "
                   "DW903 for every file with RUN scripts")
        return
    click.echo(f"\nShellCheck: {printable(binary)}{origin}"
               f"{f' (version {version})' if version else ''}; rule SC checks RUN scripts")


@main.command("explain")
@click.argument("rule")
def explain_command(rule: str) -> None:
    """Show one rule's documentation: what it does, why, and examples."""
    from dockwise.engine import registry

    found = registry().get(rule)
    if found is None and re.fullmatch(r"SC\d{4}", rule.strip(), re.IGNORECASE):
        code = rule.strip().upper()
        click.echo(f"{code} is a ShellCheck check (rule SC runs ShellCheck on RUN scripts): "
                   f"https://www.shellcheck.net/wiki/{code}")
        return
    if found is None:
        _error(f"unknown rule {rule!r} (see 'dockwise rules')")
        raise SystemExit(EXIT_ERROR)
    head = f"{found.id} {found.name} ({found.severity.label})"
    if found.aliases:
        head += f"; also known as {', '.join(found.aliases)}"
    doc = found.doc.strip()
    if sys.stdout.isatty():
        from rich.console import Console
        from rich.markdown import Markdown

        console = Console()
        console.print(f"[bold]{head}[/bold]")
        console.print(Markdown(doc))
    else:
        click.echo(head)
        click.echo()
        click.echo(doc)


def entry() -> None:
    """The ``dockwise`` console script and ``python -m dockwise``: :data:`main` with the
    failures of the standard streams handled, for every command (``--help`` and ``--version``
    included). A closed stdout (``>&-``) is read as an empty sink; stdout or stderr that
    cannot be written (a full disk, a device error) ends the run with exit code 2, and a
    closed pipe quietly with the code the run had."""
    import errno

    if sys.stdout is None:  # started with stdout closed
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - lives as long as the process
    try:
        main()
    except BrokenPipeError:  # `dockwise rules | head -1`: the reader has what it wanted
        _quiet_stdout()
        raise SystemExit(EXIT_OK) from None
    except OSError as exc:
        if exc.errno not in (errno.ENOSPC, errno.EIO, errno.EFBIG, errno.EDQUOT, errno.EBADF):
            raise
        with contextlib.suppress(OSError, ValueError, AttributeError):
            _quiet_stdout()
            sys.stderr.write(f"dockwise: cannot write output: {exc.strerror or exc}\n")
            sys.stderr.flush()
        raise SystemExit(EXIT_ERROR) from None

