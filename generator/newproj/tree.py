"""A file list drawn as a tree, for dry runs and summaries."""

from __future__ import annotations


def format_tree(root: str, files: tuple[str, ...] | list[str]) -> list[str]:
    """Lines of an indented tree of ``files`` (relative posix paths) under ``root``."""
    lines = [f"{root}/"]
    shown: set[str] = set()
    for path in sorted(files):
        parts = path.split("/")
        for depth in range(1, len(parts)):
            folder = "/".join(parts[:depth])
            if folder not in shown:
                shown.add(folder)
                lines.append("  " * depth + parts[depth - 1] + "/")
        lines.append("  " * len(parts) + parts[-1])
    return lines
