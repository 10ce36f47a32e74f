"""Write .cruft.json and remove the files that the chosen answers do not use."""

import json
import os
import subprocess
import sys

CONTEXT = json.loads(r"""{{ cookiecutter | jsonify }}""")
sys.path.insert(0, os.path.join(CONTEXT["_repo_dir"], "hooks"))
from answers import finish_project  # noqa: E402


def git(repo_dir: str, *args: str) -> str:
    """The output of a git command in ``repo_dir``, or "" when git or the checkout is missing."""
    try:
        out = subprocess.run(["git", "-C", repo_dir, *args], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return ""
    return out.stdout.strip() if out.returncode == 0 else ""


def template_commit(repo_dir: str) -> "str | None":
    """The commit of the template's own repository (not of a repository that merely contains it)."""
    top = git(repo_dir, "rev-parse", "--show-toplevel")
    if not top or os.path.realpath(os.path.join(top, "templates", "django")) != os.path.realpath(repo_dir):
        return None
    return git(repo_dir, "rev-parse", "HEAD") or None


finish_project(os.getcwd(), CONTEXT, CONTEXT.get("_commit") or template_commit(CONTEXT["_repo_dir"]))
