"""``python -m dockwise``: the same as the ``dockwise`` command."""

from dockwise.cli import entry

if __name__ == "__main__":
    entry()
