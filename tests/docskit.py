"""What the documentation tests share with the others: the README read as a reader would."""

from __future__ import annotations

import re
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


def code_spans(cell: str) -> list[str]:
    return re.findall(r"`([^`]+)`", cell)


def quick_start() -> tuple[list[str], list[str]]:
    """The Quick start's shell block (one command a line, comments dropped) and the commands its prose
    gives in code spans afterwards."""
    text = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    part = text.split("\n## Quick start", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", part, re.S)
    assert block, "README.md: the Quick start has no sh block"
    lines = [line.split("  #", 1)[0].strip() for line in block.group(1).splitlines() if line.strip()]
    prose = [span for span in code_spans(part[block.end():]) if re.match(r"(cd \S+ && )?newproj ", span)]
    return lines, prose
