"""``newproj serve``: the answers model behind HTTP (an API and a page), for teams and classes.

Only :mod:`newproj.web.app` imports the web framework (the ``web`` extra), and only the command
(:mod:`newproj.cli.serve`) imports that module, when it runs; the rest of this package uses newproj's
public API and its own dependencies, so the CLI stays light.
"""
