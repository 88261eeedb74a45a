"""Tests of the size pass (dockwise.image): pure ones with in-memory tars, and ones marked
``docker`` that build on a private Docker engine (see conftest.py)."""
