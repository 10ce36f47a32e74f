"""``python -m newproj``: the ``newproj`` command."""

from newproj.cli.app import run

run()
