"""dockwise's rules, one module each; this is the explicit registry.

To add a rule: write ``rules/<id>.py`` with a docstring (What it does / Why is this bad? /
Example / Use instead), a ``check(model, config)`` generator and a ``RULE`` object, then list it
in :data:`ALL_RULES` below and regenerate the README table (``python -m dockwise rules
--format markdown``).
"""

from __future__ import annotations

from dockwise.findings import Rule
from dockwise.rules import (
    dl1000,
    dl3000,
    dl3001,
    dl3002,
    dl3003,
    dl3004,
    dl3006,
    dl3007,
    dl3019,
    dl3020,
    dl3022,
    dl3023,
    dl3024,
    dl3025,
    dl3043,
    dl3046,
    dl3047,
    dl3059,
    dl4001,
    dl4005,
    dl4006,
    dw101,
    dw102,
    dw103,
    dw104,
    dw105,
    dw106,
    dw107,
    dw108,
    dw109,
    dw110,
    dw111,
    dw301,
    dw901,
)

#: Every built-in rule, in id order.
ALL_RULES: tuple[Rule, ...] = tuple(sorted((
    dl1000.RULE,
    dl3000.RULE,
    dl3001.RULE,
    dl3002.RULE,
    dl3003.RULE,
    dl3004.RULE,
    dl3006.RULE,
    dl3007.RULE,
    dl3019.RULE,
    dl3020.RULE,
    dl3022.RULE,
    dl3023.RULE,
    dl3024.RULE,
    dl3025.RULE,
    dl3043.RULE,
    dl3046.RULE,
    dl3047.RULE,
    dl3059.RULE,
    dl4001.RULE,
    dl4005.RULE,
    dl4006.RULE,
    dw101.RULE,
    dw102.RULE,
    dw103.RULE,
    dw104.RULE,
    dw105.RULE,
    dw106.RULE,
    dw107.RULE,
    dw108.RULE,
    dw109.RULE,
    dw110.RULE,
    dw111.RULE,
    dw301.RULE,
    dw901.RULE,
), key=lambda r: r.id))
