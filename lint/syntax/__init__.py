"""Text -> syntax: the Dockerfile parser, its node types, variable expansion and RUN shell parsing.

Nothing in this package knows about stages or rules; see :mod:`dockwise.model` for that.
"""

from dockwise.syntax.nodes import Dockerfile, Instruction, Span
from dockwise.syntax.parser import InputError, parse

__all__ = ["Dockerfile", "InputError", "Instruction", "Span", "parse"]
