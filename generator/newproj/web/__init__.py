"""``newproj serve``: the answers model behind HTTP (an API and a page), for teams and classes.

Only :mod:`newproj.web.app` imports the web framework (the ``web`` extra); the rest of this
package is standard library over newproj's public API, so the CLI stays light.
"""
