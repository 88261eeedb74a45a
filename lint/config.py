"""Configuration: ``[tool.dockwise]`` in ``pyproject.toml``, ``.dockwise.toml``, ``.hadolint.yaml``.

Where dockwise looks, for each linted file:

1. ``--config FILE`` when given (TOML with a ``[tool.dockwise]`` table or top-level keys, or a
   hadolint YAML file);
2. otherwise the nearest ``.dockwise.toml`` or ``pyproject.toml`` with a ``[tool.dockwise]``
   table, from the file's directory up to the repository root (the directory holding
   ``.git``), then in the working directory;
3. otherwise hadolint's configuration, the first of (each name also with ``.yml``), as hadolint
   searches (its README and ``Hadolint.Config.Configfile``): ``.hadolint.yaml`` in the working
   directory; ``$XDG_CONFIG_HOME/hadolint.yaml`` (``%LOCALAPPDATA%`` on Windows);
   ``~/.config/hadolint.yaml``; ``~/.hadolint/hadolint.yaml``, ``~/.hadolint/config.yaml``;
   ``~/hadolint/config.yaml`` (named in hadolint's README); ``~/.hadolint.yaml``.

hadolint's environment variables apply on top of whichever file is used (as in hadolint,
where they sit between the file and the command line): ``HADOLINT_IGNORE`` (added to
``ignore``), ``HADOLINT_OVERRIDE_ERROR``/``_WARNING``/``_INFO``/``_STYLE``,
``HADOLINT_FAILURE_THRESHOLD``, ``HADOLINT_NOFAIL``, ``HADOLINT_TRUSTED_REGISTRIES`` (and the
older ``HADOLINT_ALLOWED_REGISTRIES``), ``HADOLINT_REQUIRE_LABELS`` (``name:format,...``),
``HADOLINT_STRICT_LABELS``, ``HADOLINT_DISABLE_IGNORE_PRAGMA``. Booleans are true for ``1``,
``y``, ``yes``, ``on``, ``true`` (any case), false otherwise.

Keys (dockwise spelling; hadolint's spelling in parentheses is accepted in both file kinds):

``ignore`` (``ignored``)
    rule ids or names never reported.
``select``
    only these rules run (``"ALL"`` selects every rule, off-by-default ones included).
``extend-select``
    rules added to the default set (turns on off-by-default rules).
``severity`` (``override``)
    per-rule severity: ``{DL3008 = "error"}``; hadolint's form is a mapping from level to a
    list of ids. ``"off"`` (hadolint's ``ignore``) disables the rule.
``fail-on`` (``failure-threshold``)
    the lowest severity that makes the exit code 1 (``error``, ``warning``, ``info``,
    ``style``; ``none`` or hadolint's ``ignore``: never).
``no-fail``
    always exit 0 when the files could be read.
``trusted-registries`` (``trustedRegistries``)
    registries base images may come from (DL3026); ``*.example.com`` and ``*`` patterns.
``label-schema``, ``strict-labels``
    required labels and their formats (DL3049-DL3058).
``disable-ignore-pragma``
    inline ``# dockwise ignore=``/``# hadolint ignore=`` comments are not honoured.
``shellcheck``
    ``false`` turns off ShellCheck on RUN even when it is installed.
``rules``
    per-rule options; today only ShellCheck's (``rules.shellcheck`` or ``rules.SC``):
    ``timeout`` (seconds, at most 3600). The
    executable is never taken from a file (which may belong to the repository being linted):
    set ``DOCKWISE_SHELLCHECK`` in the environment to choose one.

hadolint's output keys (``format``, ``no-color``, ``verbose``) are accepted with a warning: output
is chosen on the command line. A YAML ``null`` (``ignored:`` with nothing under it) is an empty
list.

Unknown keys and bad values raise :class:`ConfigError` naming the file and key. A rule id
that names no dockwise rule is an error in a dockwise file, but only a warning when it comes
from hadolint's file or environment (:attr:`Config.hadolint_refs`): hadolint has rules dockwise
does not (``DL3068``...), and a working ``.hadolint.yaml`` must not stop the lint.
"""

from __future__ import annotations

import os
import reprlib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from dockwise.files import is_regular_file, read_bytes
from dockwise.findings import Severity
from dockwise.record import field, record, replace

#: hadolint's label formats for ``label-schema`` values.
LABEL_FORMATS = frozenset({"text", "url", "email", "semver", "hash", "rfc3339", "spdx"})


class ConfigError(Exception):
    """A configuration file dockwise cannot use.

    Attributes:
        path: the file.
        key: the offending key, or ``None`` when the file itself is unreadable.
        message: what is wrong.
    """

    def __init__(self, path: Path | str | None, message: str, key: str | None = None) -> None:
        self.path = path
        self.key = key
        self.message = message
        where = str(path) if path is not None else "configuration"
        if key:
            where += f": key '{key}'"
        super().__init__(f"{where}: {message}")


@record
class Config:
    """Settings for one lint run (after merging command-line options).

    Rule references in ``ignore``, ``select``, ``extend_select`` and ``severity`` are kept as
    written; the engine resolves them against the registry (and reports unknown ones).
    ``hadolint_refs`` holds the references that came from hadolint's configuration file or
    environment variables: the engine skips those it does not know with a warning instead of
    failing. ``source`` is the file the settings were read from (``None`` for defaults).
    ``notices`` are warnings about the file to show the user (a hadolint output setting that
    dockwise takes from the command line instead).
    """

    ignore: tuple[str, ...] = ()
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    severity: Mapping[str, Severity | None] = field(default_factory=dict)
    fail_on: Severity | None = Severity.INFO
    no_fail: bool = False
    trusted_registries: tuple[str, ...] = ()
    label_schema: Mapping[str, str] = field(default_factory=dict)
    strict_labels: bool = False
    disable_ignore_pragma: bool = False
    shellcheck: bool = True
    rules: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    source: Path | None = None
    hadolint_refs: frozenset[str] = frozenset()
    notices: tuple[str, ...] = ()

    def rule_options(self, *names: str) -> Mapping[str, Any]:
        """Options given under ``rules.<id or name>`` for a rule (merged, id last)."""
        merged: dict[str, Any] = {}
        for name in names:
            for key, value in self.rules.items():
                if key.lower() == name.lower():
                    merged.update(value)
        return merged

    def merged(self, **overrides: Any) -> Config:
        """A copy with ``overrides`` applied (``None`` values are ignored)."""
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})


_KEY_ALIASES = {
    "ignored": "ignore",
    "override": "severity",
    "failure-threshold": "fail-on",
    "failure_threshold": "fail-on",
    "trustedregistries": "trusted-registries",
    "trusted_registries": "trusted-registries",
    "label_schema": "label-schema",
    "strict_labels": "strict-labels",
    "disable_ignore_pragma": "disable-ignore-pragma",
    "no_fail": "no-fail",
    "fail_on": "fail-on",
    "extend_select": "extend-select",
    "no-color": "no-color",
    "format": "format",
    "output-format": "format",
}
_KNOWN_KEYS = frozenset({
    "ignore", "select", "extend-select", "severity", "fail-on", "no-fail", "trusted-registries",
    "label-schema", "strict-labels", "disable-ignore-pragma", "shellcheck", "rules",
    # hadolint keys accepted and ignored (output settings belong to the command line)
    "no-color", "format", "verbose",
})


def _strings(path: Path, key: str, value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, Iterable) and not isinstance(value, Mapping):
        items = list(value)
        if all(isinstance(v, str) for v in items):
            return tuple(items)
    raise ConfigError(path, "expected a list of strings", key)


def _bool(path: Path, key: str, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    raise ConfigError(path, f"expected true or false, got {reprlib.repr(value)}", key)


def _severity_or_off(path: Path, key: str, value: Any) -> Severity | None:
    if not isinstance(value, str):
        raise ConfigError(path, f"expected a severity name, got {reprlib.repr(value)}", key)
    if value.strip().lower() in ("off", "ignore", "none"):
        return None
    try:
        return Severity.parse(value)
    except ValueError:
        raise ConfigError(path, f"unknown severity {value!r} (use error, warning, info, style "
                          "or off)", key) from None


#: The deepest nesting of lists and mappings a configuration file may have. Real ones use
#: three levels; the parsers recurse once per level, and Python's stack is finite.
MAX_CONFIG_NESTING = 64


def load_yaml(text: str) -> Any:
    """Parse a configuration's YAML safely: plain data only (``yaml.safe_load``), and no
    anchors or aliases, which no configuration needs and which let a few hundred bytes expand
    into gigabytes ("billion laughs").

    Raises:
        yaml.YAMLError: invalid YAML, an alias, or nesting deeper than
            :data:`MAX_CONFIG_NESTING` (with the line in ``problem_mark``).
    """
    import yaml

    class _NoAliasLoader(yaml.SafeLoader):
        depth = 0

        def compose_node(self, parent: Any, index: Any) -> Any:
            if self.check_event(yaml.AliasEvent):
                event = self.peek_event()
                raise yaml.composer.ComposerError(None, None, "YAML aliases (*name) are not "
                                                  "allowed in configuration files",
                                                  event.start_mark)
            if self.depth >= MAX_CONFIG_NESTING:  # PyYAML recurses once per level
                raise yaml.composer.ComposerError(
                    None, None, f"nested more than {MAX_CONFIG_NESTING} levels deep",
                    self.peek_event().start_mark)
            self.depth += 1
            try:
                return super().compose_node(parent, index)
            finally:
                self.depth -= 1

    return yaml.load(text, Loader=_NoAliasLoader)


def parse_fail_on(value: str) -> Severity | None:
    """Parse a ``--fail-on`` value: a severity, or ``none``/``ignore`` (never fail).

    Raises:
        ValueError: anything else.
    """
    if value.strip().lower() in ("none", "never", "off", "ignore"):
        return None
    try:
        return Severity.parse(value)
    except ValueError:
        raise ValueError(f"unknown severity {reprlib.repr(value)} (use error, warning, info, "
                         "style or none)") from None


def config_from_mapping(data: Mapping[str, Any], path: Path) -> Config:
    """Build a :class:`Config` from a parsed table (TOML or hadolint YAML).

    Raises:
        ConfigError: unknown key or a value of the wrong type.
    """
    if not isinstance(data, Mapping):
        raise ConfigError(path, "expected a table of settings")
    values: dict[str, Any] = {"source": path}
    for raw_key, value in data.items():
        if not isinstance(raw_key, str):
            raise ConfigError(path, "keys must be strings", str(raw_key))
        key = _KEY_ALIASES.get(raw_key.lower(), raw_key.lower())
        if key not in _KNOWN_KEYS:
            import difflib

            close = difflib.get_close_matches(raw_key.lower(),
                                              sorted(_KNOWN_KEYS | set(_KEY_ALIASES)), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            raise ConfigError(path, f"unknown setting{hint}", raw_key)
        if key in ("format", "no-color", "verbose"):
            option = {"format": "--format", "no-color": "--no-color", "verbose": None}[key]
            where = f"; use {option} on the command line" if option else ""
            values["notices"] = (*values.get("notices", ()),
                                 f"setting '{raw_key}' is hadolint's output option and is not "
                                 f"used by dockwise{where}")
        elif key == "ignore":
            values["ignore"] = _strings(path, raw_key, value)
        elif key == "select":
            values["select"] = _strings(path, raw_key, value)
        elif key == "extend-select":
            values["extend_select"] = _strings(path, raw_key, value)
        elif key == "severity":
            values["severity"] = _parse_severity_table(path, raw_key, value)
        elif key == "fail-on":
            if not isinstance(value, str):
                raise ConfigError(path, f"expected a severity name, got {reprlib.repr(value)}",
                                  raw_key)
            try:
                values["fail_on"] = parse_fail_on(value)
            except ValueError as exc:
                raise ConfigError(path, str(exc), raw_key) from None
        elif key == "no-fail":
            values["no_fail"] = _bool(path, raw_key, value)
        elif key == "trusted-registries":
            values["trusted_registries"] = _strings(path, raw_key, value)
        elif key == "label-schema":
            values["label_schema"] = _parse_label_schema(path, raw_key, value)
        elif key == "strict-labels":
            values["strict_labels"] = _bool(path, raw_key, value)
        elif key == "disable-ignore-pragma":
            values["disable_ignore_pragma"] = _bool(path, raw_key, value)
        elif key == "shellcheck":
            values["shellcheck"] = _bool(path, raw_key, value)
        elif key == "rules":
            values["rules"] = _parse_rule_options(path, raw_key, value)
    return Config(**values)


_LEVEL_KEYS = frozenset({"error", "warning", "info", "style", "off", "ignore"})
#: Options of the ShellCheck pass (``rules.shellcheck``) and their checks.
_SHELLCHECK_OPTIONS = ("timeout",)


def _parse_rule_options(path: Path, key: str, value: Any) -> dict[str, dict[str, Any]]:
    if value is None:
        return {}
    if not isinstance(value, Mapping) or not all(isinstance(v, Mapping) for v in value.values()):
        raise ConfigError(path, "expected a table of per-rule tables", key)
    out = {str(k): dict(v) for k, v in value.items()}
    for rule, options in out.items():
        if rule.lower() not in ("sc", "shellcheck"):
            continue
        for name, option in options.items():
            where = f"{key}.{rule}.{name}"
            if name not in _SHELLCHECK_OPTIONS:
                raise ConfigError(path, f"unknown option (use {' or '.join(_SHELLCHECK_OPTIONS)})",
                                  where)
            if name == "timeout" and (isinstance(option, bool) or
                                      not isinstance(option, int | float) or
                                      not 0 < option <= 3600):
                raise ConfigError(path, "expected a number of seconds above 0 and at most "
                                  f"3600, got {reprlib.repr(option)}", where)
    return out


def _parse_severity_table(path: Path, key: str, value: Any) -> dict[str, Severity | None]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise ConfigError(path, "expected a table", key)
    out: dict[str, Severity | None] = {}
    for k, v in value.items():
        level = str(k).lower()
        if level in _LEVEL_KEYS:
            # hadolint's form, {error: [DL3008], ...}; no rule is called like a level
            if v is None:
                continue
            if isinstance(v, str):
                v = [v]
        if isinstance(v, list):
            # hadolint form: {error: [DL3008], warning: [...]}
            sev = _severity_or_off(path, f"{key}.{k}", level)
            for rule in _strings(path, f"{key}.{k}", v):
                out[rule] = sev
        else:
            out[str(k)] = _severity_or_off(path, f"{key}.{k}", v)
    return out


def _parse_label_schema(path: Path, key: str, value: Any) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise ConfigError(path, "expected a table of label name to format", key)
    out = {}
    for k, v in value.items():
        if not isinstance(v, str) or v.lower() not in LABEL_FORMATS:
            raise ConfigError(path, f"format must be one of {', '.join(sorted(LABEL_FORMATS))}",
                              f"{key}.{k}")
        out[str(k)] = v.lower()
    return out


def load_file(path: Path) -> Config:
    """Read one configuration file (TOML or hadolint YAML, by its name).

    Raises:
        ConfigError: unreadable file, invalid syntax, unknown key or bad value.
    """
    try:
        raw = read_bytes(path)
    except OSError as exc:
        raise ConfigError(path, f"cannot read: {exc.strerror or exc}") from None
    if path.suffix.lower() in (".yaml", ".yml"):
        import yaml

        try:
            data = load_yaml(raw.decode("utf-8-sig")) or {}
        except (yaml.YAMLError, UnicodeDecodeError) as exc:
            line = getattr(getattr(exc, "problem_mark", None), "line", None)
            where = f" (line {line + 1})" if line is not None else ""
            raise ConfigError(path, f"invalid YAML{where}: {getattr(exc, 'problem', exc)}") \
                from None
        config = config_from_mapping(data, path)
        return replace(config, hadolint_refs=_references(config))
    import tomllib

    try:
        data = tomllib.loads(raw.decode("utf-8-sig"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(path, f"invalid TOML: {exc}") from None
    except RecursionError:  # tomllib recurses once per nested array or inline table
        raise ConfigError(path, "invalid TOML: nested too deeply") from None
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("dockwise")
        if table is None:
            raise ConfigError(path, "no [tool.dockwise] table")
        return config_from_mapping(table, path)
    if "tool" in data and isinstance(data["tool"], Mapping) and "dockwise" in data["tool"]:
        return config_from_mapping(data["tool"]["dockwise"], path)
    return config_from_mapping(data, path)


def _references(config: Config) -> frozenset[str]:
    """Every rule reference a configuration makes (ids and names as written)."""
    return frozenset((*config.ignore, *(config.select or ()), *config.extend_select,
                      *config.severity))


def _has_dockwise_table(pyproject: Path) -> bool:
    """Whether ``pyproject`` has a ``tool.dockwise`` table, however TOML spells it
    (``[tool.dockwise]``, ``[ tool."dockwise" ]``, dotted keys ``tool.dockwise.ignore = ...``).
    A file that mentions dockwise but is not valid TOML counts, so that loading it reports the
    error instead of the configuration being silently skipped."""
    try:
        raw = read_bytes(pyproject, regular_only=True)
    except OSError:
        return False
    if b"dockwise" not in raw:  # the common case, without parsing
        return False
    import tomllib

    try:
        tool = tomllib.loads(raw.decode("utf-8-sig")).get("tool")
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, RecursionError):
        return True
    return isinstance(tool, dict) and "dockwise" in tool


def find_dockwise_config(start: Path, stop: Path | None = None) -> Path | None:
    """The nearest ``.dockwise.toml`` or ``pyproject.toml`` with ``[tool.dockwise]``.

    Searches ``start`` and its parents up to the repository root (a directory holding
    ``.git``) or ``stop``.
    """
    current = start.resolve()
    while True:
        candidate = current / ".dockwise.toml"
        if is_regular_file(candidate):
            return candidate
        pyproject = current / "pyproject.toml"
        if is_regular_file(pyproject) and _has_dockwise_table(pyproject):
            return pyproject
        if (current / ".git").exists() or current == stop or current.parent == current:
            return None
        current = current.parent


def hadolint_config_candidates(cwd: Path, environ: Mapping[str, str] | None = None,
                               home: Path | None = None) -> list[Path]:
    """Where hadolint looks for its configuration, in order (the first file found is used).

    From hadolint's README ("Configure") and ``Hadolint.Config.Configfile``: the working
    directory's ``.hadolint.yaml``; ``$XDG_CONFIG_HOME/hadolint.yaml`` (``%LOCALAPPDATA%``
    on Windows) and ``~/.config/hadolint.yaml``; ``~/.hadolint/hadolint.yaml`` and
    ``~/.hadolint/config.yaml``; ``~/hadolint/config.yaml`` (the README's spelling of the
    previous one); ``~/.hadolint.yaml``. Each name is also tried with ``.yml``, right after
    ``.yaml``.
    """
    env = os.environ if environ is None else environ
    home = home if home is not None else Path(os.path.expanduser("~"))

    def both(directory: Path, stem: str) -> list[Path]:
        return [directory / f"{stem}.yaml", directory / f"{stem}.yml"]

    out = both(cwd, ".hadolint")
    user_config = env.get("LOCALAPPDATA" if os.name == "nt" else "XDG_CONFIG_HOME")
    if user_config and Path(user_config).is_absolute():
        out += both(Path(user_config), "hadolint")
    out += both(home / ".config", "hadolint")
    out += both(home / ".hadolint", "hadolint") + both(home / ".hadolint", "config")
    out += both(home / "hadolint", "config")
    out += both(home, ".hadolint")
    return list(dict.fromkeys(out))


_TRUTHY = frozenset({"1", "y", "yes", "on", "true"})
_ENV_OVERRIDES = (("HADOLINT_OVERRIDE_ERROR", Severity.ERROR),
                  ("HADOLINT_OVERRIDE_WARNING", Severity.WARNING),
                  ("HADOLINT_OVERRIDE_INFO", Severity.INFO),
                  ("HADOLINT_OVERRIDE_STYLE", Severity.STYLE))


def _env_list(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split(",") if v.strip())


def apply_hadolint_environment(config: Config, environ: Mapping[str, str]) -> Config:
    """``config`` with hadolint's environment variables applied (see the module docstring).

    Lists are added to the file's (``HADOLINT_IGNORE`` adds to ``ignore``); single values
    replace the file's.

    Raises:
        ConfigError: ``HADOLINT_FAILURE_THRESHOLD`` or a ``HADOLINT_REQUIRE_LABELS`` format is
            not a valid value (the error names the variable).
    """
    if not any(k.startswith("HADOLINT_") for k in environ):
        return config
    changes: dict[str, Any] = {}
    refs: list[str] = []
    if "HADOLINT_IGNORE" in environ:
        added = _env_list(environ["HADOLINT_IGNORE"])
        changes["ignore"] = (*config.ignore, *added)
        refs += added
    severity = dict(config.severity)
    for var, level in _ENV_OVERRIDES:
        for ref in _env_list(environ.get(var, "")):
            severity[ref] = level
            refs.append(ref)
    if severity != dict(config.severity):
        changes["severity"] = severity
    if "HADOLINT_FAILURE_THRESHOLD" in environ:
        try:
            changes["fail_on"] = parse_fail_on(environ["HADOLINT_FAILURE_THRESHOLD"])
        except ValueError as exc:
            raise ConfigError("environment", str(exc), "HADOLINT_FAILURE_THRESHOLD") from None
    for var, attr in (("HADOLINT_NOFAIL", "no_fail"), ("HADOLINT_STRICT_LABELS", "strict_labels"),
                      ("HADOLINT_DISABLE_IGNORE_PRAGMA", "disable_ignore_pragma")):
        if var in environ:
            changes[attr] = environ[var].strip().lower() in _TRUTHY
    registries = [r for var in ("HADOLINT_TRUSTED_REGISTRIES", "HADOLINT_ALLOWED_REGISTRIES")
                  for r in _env_list(environ.get(var, ""))]
    if registries:
        changes["trusted_registries"] = (*config.trusted_registries, *registries)
    if environ.get("HADOLINT_REQUIRE_LABELS", "").strip():
        schema = dict(config.label_schema)
        for item in _env_list(environ["HADOLINT_REQUIRE_LABELS"]):
            name, _, fmt = item.partition(":")
            if fmt.strip().lower() not in LABEL_FORMATS:
                raise ConfigError("environment", f"'{item}': format must be one of "
                                  f"{', '.join(sorted(LABEL_FORMATS))}", "HADOLINT_REQUIRE_LABELS")
            schema[name.strip()] = fmt.strip().lower()
        changes["label_schema"] = schema
    if not changes:
        return config
    changes["hadolint_refs"] = config.hadolint_refs | frozenset(refs)
    return replace(config, **changes)


class ConfigResolver:
    """Finds and caches the configuration that applies to each linted file.

    Args:
        explicit: ``--config FILE``; when set, it applies to every file.
        cwd: the working directory.
        environ: the environment (for hadolint's variables and ``XDG_CONFIG_HOME``);
            ``os.environ`` by default.
        home: the user's home directory (``~`` by default), where hadolint's user-wide files
            are looked for.
    """

    def __init__(self, explicit: Path | None = None, cwd: Path | None = None,
                 environ: Mapping[str, str] | None = None, home: Path | None = None) -> None:
        self.cwd = (cwd or Path.cwd()).resolve()
        self.explicit = explicit
        self.environ = os.environ if environ is None else environ
        self.home = home
        self._cache: dict[Path, Config] = {}
        self._fallback: Config | None = None

    def for_file(self, path: Path | None) -> Config:
        """The configuration for a file (``None`` for stdin: the working directory's).

        Raises:
            ConfigError: the applicable file is invalid.
        """
        if self.explicit is not None:
            return self._load(self.explicit)
        if path is not None:
            found = find_dockwise_config(path.parent)
            if found is not None:
                return self._load(found)
        return self.fallback()

    def fallback(self) -> Config:
        """The working directory's dockwise config, else hadolint's, else defaults."""
        if self._fallback is None:
            found = find_dockwise_config(self.cwd)
            if found is not None:
                self._fallback = self._load(found)
            else:
                for candidate in hadolint_config_candidates(self.cwd, self.environ, self.home):
                    if is_regular_file(candidate):
                        self._fallback = self._load(candidate)
                        break
                else:
                    self._fallback = apply_hadolint_environment(Config(), self.environ)
        return self._fallback

    def _load(self, path: Path) -> Config:
        key = path.resolve()
        if key not in self._cache:
            self._cache[key] = apply_hadolint_environment(load_file(path), self.environ)
        return self._cache[key]
