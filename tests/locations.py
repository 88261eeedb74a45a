"""Where tests find what lives outside the repository: ``../shared`` (corpus, schemas).

The checkout may be ``/work/main`` (``../shared`` is ``/work/shared``) or a worktree one level
deeper (``/work/wt/NAME``); the nearest ancestor holding ``shared/<name>`` is used, then
``/work/shared`` (for a clone elsewhere on the machine); ``DOCKWISE_SHARED`` overrides.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def shared_dir(name: str) -> Path:
    """``shared/<name>`` next to the repository or next to one of its ancestors."""
    if os.environ.get("DOCKWISE_SHARED"):
        return Path(os.environ["DOCKWISE_SHARED"]) / name
    for parent in [*ROOT.parents, Path("/work")]:
        if (parent / "shared" / name).is_dir():
            return parent / "shared" / name
    return ROOT.parent / "shared" / name
