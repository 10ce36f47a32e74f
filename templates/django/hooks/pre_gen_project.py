"""Refuse answers the newproj answers model does not accept (same rules, same messages)."""

import json
import os
import sys

CONTEXT = json.loads(r"""{{ cookiecutter | jsonify }}""")
sys.path.insert(0, os.path.join(CONTEXT["_repo_dir"], "hooks"))
from answers import FIELD_NAMES, AnswerError, build_answers  # noqa: E402

try:
    build_answers({name: CONTEXT[name] for name in FIELD_NAMES})
except AnswerError as error:
    print(f"error: {error.message(CONTEXT.get('language', 'en'))}", file=sys.stderr)
    sys.exit(1)
