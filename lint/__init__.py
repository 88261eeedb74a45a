"""dockwise: a Dockerfile linter with a BuildKit-faithful parser and an image-size analyzer.

The package is laid out along its data flow: :mod:`dockwise.syntax` turns text into a syntax
tree, :mod:`dockwise.model` builds the stage graph, :mod:`dockwise.engine` runs the rules in
:mod:`dockwise.rules` and produces findings, and :mod:`dockwise.report` formats them.
"""

__version__ = "0.1.0"
