"""The HTTP API of ``newproj serve``: negotiation at ``/``, the archives, the preview, the errors.

In-process through Starlette's TestClient; what needs a real socket (curl) uses ``live_server``.
"""

from __future__ import annotations

import json
import subprocess
import sys

import newproj
import pytest
from newproj.answers.rules import display_order
from newproj.cli.app import main
from newproj.web.metadata import METADATA_TYPE
from newproj.web.params import parameter_of
from webkit import archive_files, folder_files, without_dev_values

BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8"


# --- GET / by content negotiation --------------------------------------------------------------


@pytest.mark.parametrize("agent", ["curl/8.5.0", "HTTPie/3.2.2"])
def test_curl_and_httpie_get_the_text_help(client, agent: str) -> None:
    response = client.get("/", headers={"User-Agent": agent, "Accept": "*/*"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/plain; charset=utf-8"
    assert "Accept" in response.headers["vary"]
    lines = response.text.splitlines()
    for field in newproj.FIELDS:  # every parameter, with its choices and its default
        row = next(line for line in lines if line.split()[:1] == [parameter_of(field)])
        for choice in field.choices({}) if field.choices and field.name != "database_version" else ():
            assert choice in row
    assert any(line.split()[:2] == ["port", "8000"] for line in lines)


def test_the_text_help_is_korean_for_a_korean_client(client) -> None:
    response = client.get("/", headers={"User-Agent": "curl/8.5.0", "Accept-Language": "ko-KR,ko;q=0.9"})
    assert "매개변수" in response.text and "프로젝트 이름" in response.text


@pytest.mark.parametrize("accept", ["application/json", METADATA_TYPE, "*/*"])
def test_json_gets_the_metadata_with_an_etag(client, accept: str) -> None:
    response = client.get("/", headers={"Accept": accept})
    assert response.status_code == 200
    expected = "application/json" if accept == "*/*" else accept
    assert response.headers["content-type"] == expected
    assert "Accept" in response.headers["vary"]
    etag = response.headers["etag"]
    again = client.get("/", headers={"Accept": accept, "If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    # If-None-Match compares weakly (RFC 9110): a weak tag of the same value, a list, or * match.
    for tag in ("W/" + etag, '"other", W/' + etag, "*"):
        weak = client.get("/", headers={"Accept": accept, "If-None-Match": tag})
        assert weak.status_code == 304, tag
    assert client.get("/", headers={"Accept": accept, "If-None-Match": 'W/"other"'}).status_code == 200
    fields = response.json()["fields"]
    assert [f["name"] for f in fields] == [f.name for f in newproj.FIELDS]
    defaults = newproj.build_answers({}).to_context()
    for field, meta in zip(newproj.FIELDS, fields, strict=True):
        assert meta["parameter"] == parameter_of(field)
        assert meta["label"] == {"en": field.label["en"], "ko": field.label["ko"]}
        assert meta["default"] == defaults[field.name]
        assert meta["choices"] == (list(display_order(field.choices(defaults))) if field.choices else None)
    # Versions oldest first, as the CLI lists them; the default is marked, not moved to the front.
    by_name = {f["name"]: f for f in fields}
    assert by_name["python_version"]["choices"] == ["3.10", "3.11", "3.12", "3.13", "3.14", "3.15"]
    assert by_name["django_version"]["choices"] == ["5.2", "6.1"]


def test_json_wins_over_the_text_help_for_curl(client) -> None:
    response = client.get("/", headers={"User-Agent": "curl/8.5.0", "Accept": "application/json"})
    assert response.headers["content-type"] == "application/json"


def test_the_metadata_follows_the_models_rules(client) -> None:
    fields = {f["name"]: f for f in client.get("/", headers={"Accept": "application/json"}).json()["fields"]}
    version = fields["database_version"]
    assert version["applies_by"] == {
        "field": "database",
        "values": {"postgresql": True, "sqlite": False, "mysql": True, "mariadb": True},
    }
    assert version["choices_by"]["values"]["mariadb"] == ["10.11", "11.4", "11.8"]
    assert fields["time_zone"]["default_by"] == {
        "field": "language",
        "values": {"en": "UTC", "ko": "Asia/Seoul"},
    }


def test_the_metadata_lists_the_choices_the_model_refuses_together(client) -> None:
    conflicts = client.get("/", headers={"Accept": "application/json"}).json()["conflicts"]
    pairs = {tuple(sorted(c["answers"].items())): c for c in conflicts}
    clash = pairs[(("django_version", "6.1"), ("python_version", "3.10"))]
    assert clash["field"] == "python_version"
    assert clash["text"]["ko"].startswith("Django 6.1은(는) 파이썬 3.12~3.15을(를) 지원하며 3.10은(는)")
    # Only pairs: Python 3.15 is refused with Django 5.2, not with every database.
    assert all(set(c["answers"]) == {"python_version", "django_version"} for c in conflicts)


def test_a_browser_gets_the_page(client) -> None:
    response = client.get("/", headers={"Accept": BROWSER_ACCEPT, "User-Agent": "Mozilla/5.0"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "default-src 'none'" in response.headers["content-security-policy"]
    assert 'id="metadata"' in response.text and "https://" not in response.text


@pytest.mark.parametrize("accept", ["image/png", "application/xml", "text/csv;q=1, image/*"])
def test_an_unknown_accept_gets_406(client, accept: str) -> None:
    response = client.get("/", headers={"Accept": accept})
    assert response.status_code == 406
    assert METADATA_TYPE in response.text


# --- the archives ----------------------------------------------------------------------------------

ANSWERS = {
    "name": "Team Site",
    "database": "mariadb",
    "database-version": "10.11",
    "port": "9000",
    "project-language": "ko",
    "python": "3.12",
    "author": "Kim Minji",
}


@pytest.mark.parametrize("kind", ["zip", "tgz"])
def test_an_archive_equals_the_cli_project_but_for_the_development_values(
    client, tmp_path, kind: str
) -> None:
    args = [arg for key, value in ANSWERS.items() for arg in (f"--{key}", value)]
    assert main(["init", "--no-input", *args, str(tmp_path / "team_site")]) == 0
    response = client.get(f"/starter.{kind}", params=ANSWERS)
    assert response.status_code == 200
    suffix = ".zip" if kind == "zip" else ".tar.gz"
    assert response.headers["content-disposition"] == f'attachment; filename="team_site{suffix}"'
    served = archive_files(response.content, kind)
    written = folder_files(tmp_path / "team_site", "team_site")
    assert served.keys() == written.keys()
    assert without_dev_values(served, "team_site") == without_dev_values(written, "team_site")
    # ... and the development values are fresh ones, not the CLI's.
    assert served["team_site/.cruft.json"] != written["team_site/.cruft.json"]


@pytest.mark.parametrize("kind", ["zip", "tgz"])
def test_archive_entries_are_relative_files_and_folders_only(client, kind: str) -> None:
    entries = archive_files(client.get(f"/starter.{kind}").content, kind)
    for name, (_content, _mode, entry_kind) in entries.items():
        assert name.startswith("my_django_project/") or name == "my_django_project"
        assert not name.startswith("/") and ".." not in name.split("/")
        assert entry_kind in ("file", "dir")


def test_post_takes_a_form_or_json_body(client) -> None:
    form = client.post("/starter.tgz", data={"name": "Class Demo", "database": "sqlite"})
    as_json = client.post("/starter.tgz", json={"name": "Class Demo", "database": "sqlite", "port": 8001})
    for response in (form, as_json):
        assert response.status_code == 200
        assert response.headers["content-disposition"] == 'attachment; filename="class_demo.tar.gz"'
    settings = archive_files(as_json.content, "tgz")["class_demo/docker-compose.yml"][0]
    assert b"8001" in settings


def test_the_preview_is_the_same_render_as_the_download(client) -> None:
    preview = client.get("/preview", params=ANSWERS).json()
    served = archive_files(client.get("/starter.zip", params=ANSWERS).content, "zip")
    files = {f"team_site/{f['path']}": f["text"].encode() for f in preview["files"]}
    assert files.keys() == {name for name, (_c, _m, kind) in served.items() if kind == "file"}
    cleaned = without_dev_values({k: (v, 0, "file") for k, v in files.items()}, "team_site")
    assert cleaned == without_dev_values(
        {k: (c, 0, "file") for k, (c, _m, kind) in served.items() if kind == "file"}, "team_site"
    )


# --- errors: the CLI's words, every field, in the client's language ----------------------------

BAD = {"port": "abc", "python": "2.7", "slug": "class", "time-zone": "Mars/Base", "database": "oracle"}


def cli_error(capsys, flag: str, value: str, lang: str, tmp_path) -> str:
    capsys.readouterr()
    code = main(["--lang", lang, "init", "--no-input", f"--{flag}", value, str(tmp_path / "never")])
    assert code == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: ")
    return err.removeprefix("error: ")


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_400_lists_every_field_with_the_cli_message(client, capsys, tmp_path, lang: str) -> None:
    response = client.get("/starter.zip", params=BAD, headers={"Accept-Language": lang})
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert sorted(e["parameter"] for e in errors) == sorted(BAD)
    for error in errors:
        assert error["message"] == cli_error(
            capsys, error["parameter"], BAD[error["parameter"]], lang, tmp_path
        )
    assert not (tmp_path / "never").exists()


def test_an_unknown_parameter_is_refused_as_an_unknown_flag(client, capsys, tmp_path) -> None:
    response = client.get("/starter.zip?colour=blue")
    assert response.status_code == 400
    capsys.readouterr()
    assert main(["init", "--no-input", "--colour", "blue"]) == 2
    assert response.json()["errors"][0]["message"] == capsys.readouterr().err.strip().removeprefix("error: ")


def test_a_rule_across_fields_names_the_field(client) -> None:
    response = client.get("/starter.zip", params={"python": "3.10", "django": "6.1"})
    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert error["field"] == "python_version"
    assert error["message"].startswith("--python: Django 6.1 supports Python 3.12 to 3.15, not 3.10")


def test_a_parameter_given_twice_is_refused(client) -> None:
    response = client.get("/starter.zip?port=9000&port=9001")
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"] == "port is given more than once; give it once"


def test_a_json_name_given_twice_is_refused_as_in_a_query(client) -> None:
    response = client.post(
        "/validate", content=b'{"port": 9000, "port": 9001}', headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 200
    assert response.json()["problems"][0]["message"] == "port is given more than once; give it once"
    made = client.post(
        "/starter.zip", content=b'{"name": "A", "name": "B"}', headers={"Content-Type": "application/json"}
    )
    assert made.status_code == 400
    assert made.json()["errors"][0]["message"] == "name is given more than once; give it once"


@pytest.mark.parametrize("value", [True, False])
def test_json_true_and_false_are_yes_and_no_for_the_yes_no_fields(client, value: bool) -> None:
    body = client.post("/validate", json={"use_ci": value, "use_redis": value}).json()
    assert body["valid"] is True
    assert (body["answers"]["use_ci"], body["answers"]["use_redis"]) == (value, value)


def test_json_true_is_still_refused_for_a_field_that_is_not_yes_or_no(client) -> None:
    response = client.post("/starter.zip", json={"port": True})
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"] == (
        "port must be text or a number in JSON, not bool; send it as a string"
    )


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/validate", b'{"\\udc80": "x"}'),
        ("/starter.zip", b'{"use_ci": "\\udc80"}'),
        ("/preview", b'{"name": "a\\ud800b"}'),
    ],
)
@pytest.mark.parametrize(
    ("lang", "message"),
    [
        (
            "en",
            "the JSON body holds text that is not valid Unicode (a lone surrogate such as \\udc80); "
            "send real characters",
        ),
        (
            "ko",
            "JSON 본문에 올바른 유니코드가 아닌 텍스트(\\udc80 같은 짝 없는 서로게이트)가 있습니다. 실제 문자를 보내세요",
        ),
    ],
)
def test_a_lone_surrogate_in_json_is_400_not_503(
    client, path: str, body: bytes, lang: str, message: str
) -> None:
    response = client.post(
        path, content=body, headers={"Content-Type": "application/json", "Accept-Language": lang}
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"] == message


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        (
            "en",
            "the request has more than 64 parameters; send only the parameters of newproj init (GET / lists them)",
        ),
        (
            "ko",
            "요청의 매개변수가 64개보다 많습니다. newproj init 의 매개변수만 보내세요 (GET / 에 목록이 있습니다)",
        ),
    ],
)
def test_too_many_parameters_are_counted_as_parameters(client, lang: str, message: str) -> None:
    query = "&".join(f"p{i}=1" for i in range(65))
    response = client.get("/validate?" + query, headers={"Accept-Language": lang})
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"] == message
    many = client.post("/validate", json={f"p{i}": "1" for i in range(65)}, headers={"Accept-Language": lang})
    assert many.status_code == 400
    assert many.json()["errors"][0]["message"] == message


def test_limits_on_request_size(client) -> None:
    assert client.get("/starter.zip", params={"name": "x" * 20000}).status_code == 413
    big = client.post(
        "/starter.zip",
        content=b"name=" + b"x" * 20000,
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert big.status_code == 413
    assert big.json()["errors"][0]["message"] == (
        "the request is larger than 16384 bytes; send fewer or shorter parameters"
    )
    odd = client.post("/starter.zip", content=b"<a/>", headers={"Content-Type": "application/xml"})
    assert odd.status_code == 415


def test_validate_gives_the_terminal_forms(client, tmp_path, capsys) -> None:
    body = client.get("/validate", params={"name": "Team Site", "database": "sqlite", "port": "80"}).json()
    assert body["valid"] is True
    assert body["command"] == (
        "newproj init --no-input --name 'Team Site' --slug team_site "
        "--description 'A Django project generated by newproj' --author '' --python 3.13 --django 6.1 "
        "--port 80 --database sqlite --project-language en --time-zone UTC"
    )
    assert [w["message"] for w in body["warnings"]] == [
        "--port: 80 is below 1024; binding it on the host may need administrator rights"
    ]
    answers = tmp_path / "newproj.yml"
    answers.write_text(body["answers_file"], encoding="utf-8")
    assert main(["init", "--answers", str(answers), "--no-input", str(tmp_path / "p"), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["answers"] == body["answers"]


def test_validate_is_200_with_the_problems(client) -> None:
    body = client.get("/validate", params={"port": "0"}, headers={"Accept-Language": "ko"}).json()
    assert body["valid"] is False
    assert (
        body["problems"][0]["text"]
        == "0은(는) 범위를 벗어났습니다. 1부터 65535 사이의 포트를 쓰세요 (예: 8000)"
    )


def test_other_paths_and_methods_are_json_errors(client) -> None:
    assert client.get("/nothing").status_code == 404
    response = client.delete("/starter.zip")
    assert response.status_code == 405 and response.json()["errors"]


# --- the command ----------------------------------------------------------------------------------


def test_the_cli_does_not_import_the_web_framework() -> None:
    code = (
        "import sys, newproj.cli; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'starlette', 'uvicorn', 'anyio', 'h11'}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("en", "error: newproj serve needs uvicorn, which is not installed; run pip install 'newproj[web]'"),
        (
            "ko",
            "error: newproj serve 에 필요한 uvicorn 이(가) 설치되어 있지 않습니다. pip install 'newproj[web]' 을 실행하세요",
        ),
    ],
)
def test_serve_without_the_extra_says_how_to_install_it(monkeypatch, capsys, lang: str, line: str) -> None:
    monkeypatch.setitem(sys.modules, "uvicorn", None)  # import uvicorn raises ModuleNotFoundError
    assert main(["--lang", lang, "serve"]) == 2
    assert capsys.readouterr().err.strip() == line


def test_serve_on_a_taken_port_says_so_in_one_line(capsys) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        assert main(["serve", "--port", str(port)]) == 2
    assert capsys.readouterr().err.strip() == (
        f"error: cannot listen on 127.0.0.1:{port}: Address already in use; choose another --port or --host"
    )


@pytest.mark.parametrize(
    ("variable", "value", "line"),
    [
        (
            "NEWPROJ_SERVE_QUEUE",
            "abc",
            "NEWPROJ_SERVE_QUEUE is 'abc', not a whole number; set it to one (the default is 64) or unset it",
        ),
        (
            "NEWPROJ_SERVE_RENDERS",
            "2.5",
            "NEWPROJ_SERVE_RENDERS is '2.5', not a whole number; set it to one (the default is {cores}) or unset it",
        ),
        (
            "NEWPROJ_SERVE_REQUEST_BYTES",
            "16k",
            "NEWPROJ_SERVE_REQUEST_BYTES is '16k', not a whole number; set it to one (the default is 16384) or unset it",
        ),
        (
            "NEWPROJ_SERVE_SECONDS",
            "nan",
            "NEWPROJ_SERVE_SECONDS is 'nan', not a number of seconds; set it to one (the default is 20.0) or unset it",
        ),
        (
            "NEWPROJ_SERVE_WORKERS",
            "fork",
            "NEWPROJ_SERVE_WORKERS is 'fork', not process or thread; set it to one of them (the default is process) or unset it",
        ),
    ],
)
def test_serve_with_a_bad_limit_in_the_environment_names_the_variable(
    monkeypatch, capsys, variable: str, value: str, line: str
) -> None:
    import os

    import uvicorn

    monkeypatch.setattr(uvicorn.Server, "run", lambda *_a, **_k: pytest.fail("served despite " + variable))
    monkeypatch.setenv(variable, value)
    assert main(["serve", "--port", "0"]) == 2
    assert capsys.readouterr().err.strip() == "error: " + line.format(cores=max(1, os.cpu_count() or 1))


def test_serve_with_a_bad_limit_says_it_in_korean(monkeypatch, capsys) -> None:
    monkeypatch.setenv("NEWPROJ_SERVE_QUEUE", "abc")
    assert main(["--lang", "ko", "serve", "--port", "0"]) == 2
    assert capsys.readouterr().err.strip() == (
        "error: NEWPROJ_SERVE_QUEUE 이(가) 'abc' 라서 정수가 아닙니다. 정수로 정하거나 (기본값은 64) 지우세요"
    )


@pytest.mark.parametrize(
    ("lang", "template"),
    [
        ("en", "newproj serve is listening on {url} (Ctrl+C stops it)"),
        ("ko", "newproj serve 가 {url} 에서 듣고 있습니다 (Ctrl+C 로 멈춥니다)"),
    ],
)
def test_serve_says_the_address_it_listens_on(tmp_path, lang: str, template: str) -> None:
    """With --port 0 the system picks the port: the line printed is the only way to find it."""
    import re
    import selectors
    import time
    import urllib.request

    from webkit import NEWPROJ, stop_server

    process = subprocess.Popen(
        [str(NEWPROJ), "--lang", lang, "serve", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env={**__import__("os").environ, "TMPDIR": str(tmp_path), "NEWPROJ_SERVE_RENDERS": "1"},
    )
    try:
        assert process.stdout is not None
        with selectors.DefaultSelector() as selector:
            selector.register(process.stdout, selectors.EVENT_READ)
            deadline = time.monotonic() + 30
            while not selector.select(timeout=0.5):
                assert process.poll() is None and time.monotonic() < deadline, "serve printed no address"
        line = process.stdout.readline().decode("utf-8").rstrip("\n")
        url = re.search(r"http://127\.0\.0\.1:\d+/", line)
        assert url is not None and url.group() != "http://127.0.0.1:0/", line
        assert line == template.format(url=url.group())
        with urllib.request.urlopen(url.group() + "healthz", timeout=10) as response:
            assert response.read() == b"ok\n"
    finally:
        stop_server(process)
