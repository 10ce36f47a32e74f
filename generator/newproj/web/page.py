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

from newproj.web.messages import LANGUAGES
from newproj.web.metadata import metadata

#: The page's own words (labels, buttons, warnings); the fields' words come from the model.
PAGE_TEXT: dict[str, dict[str, str]] = {
    "title": {"en": "newproj: start a Django project", "ko": "newproj: Django 프로젝트 시작하기"},
    "intro": {
        "en": "Pick the answers, look at the files, download the project. It runs with docker compose up.",
        "ko": "답을 고르고, 파일을 살펴보고, 프로젝트를 내려받으세요. docker compose up 으로 바로 실행됩니다.",
    },
    "language": {"en": "Page language", "ko": "페이지 언어"},
    "answers": {"en": "Answers", "ko": "답"},
    "explore": {"en": "Explore the files", "ko": "파일 살펴보기"},
    "download_zip": {"en": "Download .zip", "ko": ".zip 내려받기"},
    "download_tgz": {"en": "Download .tar.gz", "ko": ".tar.gz 내려받기"},
    "shortcut": {"en": "Ctrl+Enter downloads the .zip.", "ko": "Ctrl+Enter 를 누르면 .zip 을 내려받습니다."},
    "invalid": {
        "en": "Fix the answers marked above to explore or download.",
        "ko": "위에 표시된 답을 고쳐야 살펴보거나 내려받을 수 있습니다.",
    },
    "files": {"en": "Files", "ko": "파일"},
    "file_hint": {"en": "Choose a file to read it.", "ko": "읽을 파일을 고르세요."},
    "binary": {"en": "(not text: {size} bytes)", "ko": "(텍스트가 아님: {size}바이트)"},
    "share": {"en": "Share link", "ko": "공유 링크"},
    "share_help": {
        "en": "Opening this link fills the form with these answers.",
        "ko": "이 링크를 열면 이 답들로 양식이 채워집니다.",
    },
    "copy": {"en": "Copy", "ko": "복사"},
    "copied": {"en": "Copied.", "ko": "복사했습니다."},
    "terminal": {"en": "The same in a terminal", "ko": "터미널에서 똑같이 하기"},
    "command": {"en": "Command line", "ko": "명령줄"},
    "answers_file": {
        "en": "Answers file (newproj init --answers newproj.yml)",
        "ko": "답 파일 (newproj init --answers newproj.yml)",
    },
    "warnings": {"en": "About this link", "ko": "이 링크에 대해"},
    "unknown_parameter": {
        "en": "The link has an answer this page does not know, {parameter}={value}; it was left out.",
        "ko": "링크에 이 페이지가 모르는 답 {parameter}={value} 이(가) 있어 뺐습니다.",
    },
    "unknown_choice": {
        "en": "The link's {label} {value} is not offered here; the default is used instead.",
        "ko": "링크의 {label} 값 {value} 은(는) 여기서 고를 수 없어 기본값을 씁니다.",
    },
    "warning": {"en": "Note", "ko": "참고"},
    "none": {"en": "(none)", "ko": "(없음)"},
    "noscript": {
        "en": "This page needs JavaScript. Without it, use the API: curl {url}",
        "ko": "이 페이지는 JavaScript가 필요합니다. 없으면 API를 쓰세요: curl {url}",
    },
}


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
    texts = {lang_: {key: value[lang_] for key, value in PAGE_TEXT.items()} for lang_ in LANGUAGES}
    return _template().render(
        lang=lang,
        text=texts[lang],
        languages=LANGUAGES,
        metadata_json=Markup(_script_json(metadata())),
        texts_json=Markup(_script_json(texts)),
    )
