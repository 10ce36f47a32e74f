"""Every example is run exactly as printed: the ``$ `` lines of ``curl /`` and the ``curl`` lines of
docs/en/serve.md and docs/ko/serve.md, against a real ``newproj serve``."""

from __future__ import annotations

import json
import re
import subprocess
import zipfile
from pathlib import Path

import httpx
import pytest

DOCS = Path(__file__).resolve().parents[2] / "docs"


def _run(line: str, folder: Path) -> None:
    result = subprocess.run(
        ["bash", "-o", "pipefail", "-c", line], cwd=folder, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, f"{line}\n{result.stderr}"


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_examples_of_the_text_help_run_as_printed(live_server, tmp_path: Path, lang: str) -> None:
    help_text = httpx.get(
        live_server.url + "/", headers={"User-Agent": "curl/8.5.0", "Accept-Language": lang}
    ).text
    examples = [line[2:] for line in help_text.splitlines() if line.startswith("$ ")]
    assert len(examples) == 4
    for line in examples:
        _run(line, tmp_path)
    assert (tmp_path / "my_django_project" / "manage.py").is_file()
    assert "team_site/docker-compose.yml" in zipfile.ZipFile(tmp_path / "team_site.zip").namelist()
    assert (tmp_path / "class_demo.tgz").stat().st_size > 1000


def doc_examples(lang: str) -> list[str]:
    text = (DOCS / lang / "serve.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)```", text, re.S)
    return [line for block in blocks for line in block.splitlines() if line.startswith("curl ")]


def test_both_languages_show_the_same_examples() -> None:
    assert doc_examples("en") == doc_examples("ko") and len(doc_examples("en")) == 6


def test_the_curl_examples_of_the_docs_run_as_written(live_server, tmp_path: Path) -> None:
    for line in doc_examples("en"):
        _run(line.replace("http://localhost:8080", live_server.url), tmp_path)
    assert (tmp_path / "my_django_project" / "manage.py").is_file()
    assert zipfile.ZipFile(tmp_path / "team_site.zip").testzip() is None
    record = json.loads(zipfile.ZipFile(tmp_path / "kim_class.zip").read("kim_class/.cruft.json"))
    assert record["context"]["cookiecutter"]["language"] == "ko"
    assert (tmp_path / "class_demo.tgz").stat().st_size > 1000
    assert '"fields"' in (tmp_path / "metadata.json").read_text()
    errors = (tmp_path / "errors.json").read_text(encoding="utf-8")
    assert "정수가 아닙니다" in errors and "--python" in errors
