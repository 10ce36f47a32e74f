"""Maintainer tools, run from a source checkout: ``python -m newproj.maintainer.hookgen`` and ``.release``."""
