"""The page of ``GET /`` for a browser: a Jinja shell, the metadata and the page's words inside it.

The form itself is built in the browser from the metadata (``page/app.js``): no field, choice or
label is written in the page.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from newproj.messages.core import LANGUAGES
from newproj.messages.serve import PAGE
from newproj.web.metadata import metadata


@lru_cache(maxsize=1)
def _template() -> jinja2.Template:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).parent / "page"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    return env.get_template("index.html")


def _script_json(data: object) -> str:
    """JSON safe inside ``<script type="application/json">`` (no ``</script>`` can close it early)."""
    return (
        json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
    )


@lru_cache(maxsize=len(LANGUAGES))
def page_html(lang: str) -> str:
    """The page in ``lang`` (the browser may switch it afterwards)."""
    texts = {lang_: {key: value[lang_] for key, value in PAGE.items()} for lang_ in LANGUAGES}
    return _template().render(
        lang=lang,
        text=texts[lang],
        languages=LANGUAGES,
        metadata_json=Markup(_script_json(metadata())),
        texts_json=Markup(_script_json(texts)),
    )
