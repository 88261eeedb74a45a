"""DL3064 ``secrets-used-in-arg-or-env``: an ARG or ENV name looks like it holds a secret.

## What it does
Reports ARG (inside a stage) and ENV names, also after ``ONBUILD``, that contain a secret-like
word as one of their ``_``-separated parts, as BuildKit's build check
``SecretsUsedInArgOrEnv`` decides (both names refer to this rule): ``apikey``, ``auth``,
``credential(s)``, ``key``, ``password``, ``pword``, ``passwd``, ``secret``, ``token``
(``GITHUB_TOKEN``, ``aws_secret_access_key``). As hadolint does, ``password``, ``passwd`` and
``secret`` are also found inside a word (``DBPASSWORD``), and ``token`` at its end
(``GHTOKEN``). Names with a ``public``, ``file`` or ``version`` part are not reported
(``PUBLIC_KEY``, ``DB_PASSWORD_FILE``), nor ``GPG_KEY``/``PGP_KEY`` alone, which hold public key
fingerprints.

## Why is this bad?
ARG and ENV values end up in the image: ENV in its configuration, ARG values used by RUN in its
history (``docker history --no-trunc``). Anyone who can pull the image can read the secret.
BuildKit's secret mounts give a RUN the secret without storing it anywhere.

## Example
```dockerfile
FROM node:20-alpine
ARG NPM_TOKEN
RUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > ~/.npmrc && npm ci
```

## Use instead
```dockerfile
FROM node:20-alpine
RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci
```

## How dockwise differs from hadolint
hadolint matches plain substrings and a fixed list of names, so it reports
``TOKENIZERS_PARALLELISM``, ``CI_DEPLOY_USER`` or ``TRAVIS_OS_NAME`` and any ARG before the
first FROM. dockwise matches words as BuildKit does, keeps hadolint's glued forms
(``DBPASSWORD``), skips ``*_FILE`` paths and GPG fingerprints, and leaves global ARGs alone:
they only reach FROM lines, never the image, unless a stage declares them again (that ARG is
reported).
"""

from __future__ import annotations

from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model
from dockwise.syntax import nodes as n

# BuildKit's words (dockerfile2llb/validations.go), compared with the name's "_"-separated
# parts; hadolint's glued forms are looked for inside a part.
_DENY = frozenset({"apikey", "auth", "credential", "credentials", "key", "password", "pword",
                   "passwd", "secret", "token"})
_ALLOW = frozenset({"public", "file", "version"})
_GLUED = ("password", "passwd", "secret")
_FINGERPRINT = frozenset({"gpg", "pgp"})


def secret_word(name: str) -> str | None:
    """The secret-like word in an ARG/ENV name (as written), or ``None`` for a harmless
    name. See the rule's documentation for the words and the exceptions."""
    parts = name.split("_")
    lower = [p.lower() for p in parts]
    if _ALLOW.intersection(lower):
        return None
    for i, part in enumerate(lower):
        if part in _DENY and not (part == "key" and i and lower[i - 1] in _FINGERPRINT):
            return parts[i]
    for i, part in enumerate(lower):
        for glued in _GLUED:
            at = part.find(glued)
            if at >= 0:
                return parts[i][at:at + len(glued)]
        if part.endswith("token"):
            return parts[i][-5:]
    return None


def _declarations(model: Model) -> Iterator[tuple[n.Arg | n.Env, n.Instruction]]:
    for instr in model.instructions(n.Arg, n.Env, n.Onbuild):
        target = instr.trigger if isinstance(instr, n.Onbuild) else instr
        if isinstance(target, n.Env) or (isinstance(target, n.Arg) and
                                         model.stage_of(instr) is not None):
            yield target, instr


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation at each secret-looking ARG or ENV name."""
    for decl, instr in _declarations(model):
        for pair in decl.pairs:
            word = secret_word(pair.key.text)
            if word is None:
                continue
            yield Violation(pair.key.span, f"{decl.name} {pair.key.text} looks like a secret "
                            f"('{word}'): its value is stored in the image; pass it with "
                            "RUN --mount=type=secret instead", instr,
                            fix=f"RUN --mount=type=secret,id={pair.key.text.lower()} ...")


RULE = Rule(
    id="DL3064",
    name="secrets-used-in-arg-or-env",
    severity=Severity.WARNING,
    summary="Do not pass secrets through ARG or ENV; use a secret mount.",
    check=check,
    doc=__doc__ or "",
    aliases=("SecretsUsedInArgOrEnv",),
    tags=("buildkit", "security"),
    security_severity=7.5,
)
