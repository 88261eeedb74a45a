"""``python -m dockwise``: the same as the ``dockwise`` command."""

from dockwise.cli import main

if __name__ == "__main__":
    main()
