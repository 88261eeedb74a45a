"""The size pass (``dockwise size``): build every stage, read its layers, attribute the bytes.

Data flows one way, as in the linter:

1. :mod:`dockwise.image.engine` builds the stages on a Docker engine (or finds an image there);
2. :mod:`dockwise.image.archive` reads the image as a stream (the engine's ``save()`` stream,
   a ``docker save`` file, or an OCI image layout) and :mod:`dockwise.image.layers` indexes
   every layer's files without extracting anything;
3. :mod:`dockwise.image.analysis` stacks the layers: sizes, dive's efficiency figures and
   dockwise's reclaimable bytes;
4. :mod:`dockwise.image.attribution` maps history entries to stages and Dockerfile
   instructions, and lint findings to the bytes behind them;
5. :mod:`dockwise.image.thresholds` evaluates CI thresholds (dive's and dockwise's own);
6. :mod:`dockwise.image.sizing` puts it together as a :class:`~dockwise.image.sizing.SizeReport`
   that the ``size_*`` reporters in :mod:`dockwise.report` format.

Every failure the user can cause (an engine that is not running, a Dockerfile that does not
build, a truncated or foreign archive) is raised as :class:`ImageError` with a one-line message;
the command line prints it and exits with status 2.
"""

from __future__ import annotations


class ImageError(Exception):
    """A failure of the size pass, with a one-line message for the user (exit status 2).

    Attributes:
        message: what went wrong, naming the file, image or stage concerned.
        detail: extra lines to show below the message (a failing build step's output), or
            ``""``.
    """

    def __init__(self, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail
