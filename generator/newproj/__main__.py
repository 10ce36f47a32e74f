"""``python -m newproj``: the ``newproj`` command."""

from newproj.cli.entry import run

run()
