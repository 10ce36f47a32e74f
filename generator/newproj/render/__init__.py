"""Rendering: where the templates are, the one render path, and all-or-nothing placement."""
